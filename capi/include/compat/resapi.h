/*
 * resapi.h for clusapi-sim: the functions of the Windows SDK's resapi.h that libresutils
 * exports, under their real names and prototypes: the five resutils.dll helpers for Cluster
 * Shared Volumes that storage and backup code calls. The rest of resapi.h (the resource DLL
 * interface, the ResUtil* property helpers) is not here: nothing in libresutils implements it.
 *
 * On Windows these functions live in resutils.dll, and a program links ResUtils.lib beside
 * ClusAPI.lib. Here it links `-lresutils -lclusapi` (UTF-16, with -fshort-wchar) or
 * `-lresutils -lclusapi_native` (wchar_t): libresutils forwards each call to the library
 * linked beside it, so the calls reach the same simulator as the program's ClusAPI calls
 * (see <windows.h> for the choice of library). <ResApi.h> names this file. Written for the
 * simulator from Microsoft's resapi.h reference pages.
 */
#ifndef CLUSAPI_SIM_COMPAT_RESAPI_H
#define CLUSAPI_SIM_COMPAT_RESAPI_H

#include <windows.h>
#include <clusapi.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The root of the volume lpszFileName is on: a CSV's C:\ClusterStorage\VolumeN\, or a
 * cluster disk's drive letter or mount point. FALSE with GetLastError() on failure. */
BOOL WINAPI ClusterGetVolumePathName(LPCWSTR lpszFileName, LPWSTR lpszVolumePathName, DWORD cchBufferLength);

/* The volume GUID path \\?\Volume{GUID}\ of the volume mounted at lpszVolumeMountPoint. */
BOOL WINAPI ClusterGetVolumeNameForVolumeMountPoint(LPCWSTR lpszVolumeMountPoint, LPWSTR lpszVolumeName,
                                                    DWORD cchBufferLength);

/* Whether lpszPathName is on a Cluster Shared Volume. */
BOOL WINAPI ClusterIsPathOnSharedVolume(LPCWSTR lpszPathName);

/* The CSV's volume path and volume name, each by its in/out length in WCHARs
 * (ERROR_MORE_DATA and the lengths when a buffer is too small). */
DWORD WINAPI ClusterPrepareSharedVolumeForBackup(LPCWSTR lpszFileName, LPWSTR lpszVolumePathName,
                                                 LPDWORD lpcchVolumePathName, LPWSTR lpszVolumeName,
                                                 LPDWORD lpcchVolumeName);

/* Clears the CSV's "backup in progress" state. */
DWORD WINAPI ClusterClearBackupStateForSharedVolume(LPCWSTR lpszVolumePathName);

/* The function-pointer types, for code that loads resutils.dll at run time (here:
 * dlopen("libresutils.so") after libclusapi with RTLD_GLOBAL, and dlsym). */
typedef BOOL(WINAPI *PCLUSTER_GET_VOLUME_PATH_NAME)(LPCWSTR lpszFileName, LPWSTR lpszVolumePathName,
                                                    DWORD cchBufferLength);
typedef BOOL(WINAPI *PCLUSTER_GET_VOLUME_NAME_FOR_VOLUME_MOUNT_POINT)(LPCWSTR lpszVolumeMountPoint,
                                                                      LPWSTR lpszVolumeName,
                                                                      DWORD cchBufferLength);
typedef BOOL(WINAPI *PCLUSTER_IS_PATH_ON_SHARED_VOLUME)(LPCWSTR lpszPathName);
typedef DWORD(WINAPI *PCLUSTER_PREPARE_SHARED_VOLUME_FOR_BACKUP)(LPCWSTR lpszFileName, LPWSTR lpszVolumePathName,
                                                                 LPDWORD lpcchVolumePathName, LPWSTR lpszVolumeName,
                                                                 LPDWORD lpcchVolumeName);
typedef DWORD(WINAPI *PCLUSTER_CLEAR_BACKUP_STATE_FOR_SHARED_VOLUME)(LPCWSTR lpszVolumePathName);

#ifdef __cplusplus
}
#endif

#endif /* CLUSAPI_SIM_COMPAT_RESAPI_H */
