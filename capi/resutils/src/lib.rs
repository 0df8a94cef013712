//! `libresutils`: the five `resutils.dll` helpers for Cluster Shared Volumes that storage
//! code calls, under their Win32 names and prototypes (`resapi.h`):
//! `ClusterGetVolumePathName`, `ClusterGetVolumeNameForVolumeMountPoint`,
//! `ClusterIsPathOnSharedVolume`, `ClusterPrepareSharedVolumeForBackup` and
//! `ClusterClearBackupStateForSharedVolume`.
//!
//! On Windows these live in `resutils.dll`, not `clusapi.dll`, and a program links
//! `resutils.lib` beside `clusapi.lib`. Here a program links `-lresutils -lclusapi` (or
//! `-lresutils -lclusapi_native`), and each export forwards its arguments, unchanged, to
//! the `ClusSimResUtils*` export of that library that implements it
//! (`capi/src/resutils.rs`): so the calls reach the same simulator as the program's ClusAPI
//! calls (the thread's bound one, else the process's), with the same last error. This
//! library holds no state and no simulator of its own, and reads no argument: it passes
//! pointers, so one build serves both widths of `WCHAR` (UTF-16 with `libclusapi`, the
//! platform's `wchar_t` with `libclusapi_native`).
//!
//! The `ClusSimResUtils*` symbols are left undefined here (the library names no library it
//! needs): the program's link resolves them against the `libclusapi` it names, and a
//! program that links `-lresutils` without it fails to link, naming the missing symbol. A
//! program that loads libraries itself (`dlopen`, Python `ctypes`) loads `libclusapi` (or
//! `libclusapi_native`) first with `RTLD_GLOBAL`, then `libresutils`.

#![deny(unsafe_op_in_unsafe_fn)]
#![warn(missing_docs, clippy::undocumented_unsafe_blocks)]
// The exports carry their Win32 names, and their parameters the names resapi.h gives them.
#![allow(non_snake_case, clippy::upper_case_acronyms)]

/// `DWORD`: 32 bits unsigned, as on Windows.
pub type DWORD = u32;
/// `BOOL`: 32 bits signed; `TRUE` is 1.
pub type BOOL = i32;

/// One `WCHAR` of whichever width the program and its `libclusapi` use: this library never
/// reads one, so it needs no size (UTF-16 units with `libclusapi`, `wchar_t` with
/// `libclusapi_native`).
#[repr(C)]
pub struct WCHAR {
    _opaque: [u8; 0],
}

/// `LPCWSTR`: a NUL-terminated string of `WCHAR`s.
pub type LPCWSTR = *const WCHAR;
/// `LPWSTR`: an output buffer of `WCHAR`s.
pub type LPWSTR = *mut WCHAR;
/// `LPDWORD`.
pub type LPDWORD = *mut DWORD;

// The implementations: documented `ClusSim*` exports of libclusapi and libclusapi_native
// (capi/src/resutils.rs), with the same prototypes.
unsafe extern "C" {
    fn ClusSimResUtilsGetVolumePathName(
        lpszFileName: LPCWSTR,
        lpszVolumePathName: LPWSTR,
        cchBufferLength: DWORD,
    ) -> BOOL;
    fn ClusSimResUtilsGetVolumeNameForVolumeMountPoint(
        lpszVolumeMountPoint: LPCWSTR,
        lpszVolumeName: LPWSTR,
        cchBufferLength: DWORD,
    ) -> BOOL;
    fn ClusSimResUtilsIsPathOnSharedVolume(lpszPathName: LPCWSTR) -> BOOL;
    fn ClusSimResUtilsPrepareSharedVolumeForBackup(
        lpszFileName: LPCWSTR,
        lpszVolumePathName: LPWSTR,
        lpcchVolumePathName: LPDWORD,
        lpszVolumeName: LPWSTR,
        lpcchVolumeName: LPDWORD,
    ) -> DWORD;
    fn ClusSimResUtilsClearBackupStateForSharedVolume(lpszVolumePathName: LPCWSTR) -> DWORD;
}

/// `ClusterGetVolumePathName`: the root of the volume `lpszFileName` is on (a CSV's
/// `C:\ClusterStorage\VolumeN\`, or a cluster disk's drive letter or mount point), written
/// NUL-terminated into the `cchBufferLength` units of `lpszVolumePathName`. `TRUE`, or
/// `FALSE` with the last error (see `ClusSimResUtilsGetVolumePathName`).
///
/// # Safety
///
/// `lpszFileName` is NULL or a NUL-terminated string; `lpszVolumePathName` is NULL or
/// valid for writes of `cchBufferLength` units.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ClusterGetVolumePathName(
    lpszFileName: LPCWSTR,
    lpszVolumePathName: LPWSTR,
    cchBufferLength: DWORD,
) -> BOOL {
    // SAFETY: the same arguments, under the same contract, to the implementation.
    unsafe { ClusSimResUtilsGetVolumePathName(lpszFileName, lpszVolumePathName, cchBufferLength) }
}

/// `ClusterGetVolumeNameForVolumeMountPoint`: the volume name `\\?\Volume{GUID}\` of the
/// volume mounted at `lpszVolumeMountPoint`, written NUL-terminated into the
/// `cchBufferLength` units of `lpszVolumeName`. `TRUE`, or `FALSE` with the last error (see
/// `ClusSimResUtilsGetVolumeNameForVolumeMountPoint`).
///
/// # Safety
///
/// `lpszVolumeMountPoint` is NULL or a NUL-terminated string; `lpszVolumeName` is NULL or
/// valid for writes of `cchBufferLength` units.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ClusterGetVolumeNameForVolumeMountPoint(
    lpszVolumeMountPoint: LPCWSTR,
    lpszVolumeName: LPWSTR,
    cchBufferLength: DWORD,
) -> BOOL {
    // SAFETY: the same arguments, under the same contract, to the implementation.
    unsafe {
        ClusSimResUtilsGetVolumeNameForVolumeMountPoint(lpszVolumeMountPoint, lpszVolumeName, cchBufferLength)
    }
}

/// `ClusterIsPathOnSharedVolume`: `TRUE` when `lpszPathName` is on a Cluster Shared Volume
/// of the local cluster, else `FALSE` (see `ClusSimResUtilsIsPathOnSharedVolume`).
///
/// # Safety
///
/// `lpszPathName` is NULL or a NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ClusterIsPathOnSharedVolume(lpszPathName: LPCWSTR) -> BOOL {
    // SAFETY: the same argument, under the same contract, to the implementation.
    unsafe { ClusSimResUtilsIsPathOnSharedVolume(lpszPathName) }
}

/// `ClusterPrepareSharedVolumeForBackup`: marks the CSV that `lpszFileName` is on as being
/// backed up, and returns its volume path and its volume name, each by the buffer protocol
/// of its `lpcch*` (in: the buffer's size in `WCHAR`s; out: the string's length, or the
/// size needed with `ERROR_MORE_DATA`). Returns the status (see
/// `ClusSimResUtilsPrepareSharedVolumeForBackup`).
///
/// # Safety
///
/// `lpszFileName` is NULL or a NUL-terminated string; each length pointer is NULL or valid
/// for a read and a write of a `DWORD`; each buffer is NULL or valid for writes of the
/// units its length says.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ClusterPrepareSharedVolumeForBackup(
    lpszFileName: LPCWSTR,
    lpszVolumePathName: LPWSTR,
    lpcchVolumePathName: LPDWORD,
    lpszVolumeName: LPWSTR,
    lpcchVolumeName: LPDWORD,
) -> DWORD {
    // SAFETY: the same arguments, under the same contract, to the implementation.
    unsafe {
        ClusSimResUtilsPrepareSharedVolumeForBackup(
            lpszFileName,
            lpszVolumePathName,
            lpcchVolumePathName,
            lpszVolumeName,
            lpcchVolumeName,
        )
    }
}

/// `ClusterClearBackupStateForSharedVolume`: the CSV that `lpszVolumePathName` is on is no
/// longer being backed up. Returns the status (see
/// `ClusSimResUtilsClearBackupStateForSharedVolume`).
///
/// # Safety
///
/// `lpszVolumePathName` is NULL or a NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ClusterClearBackupStateForSharedVolume(lpszVolumePathName: LPCWSTR) -> DWORD {
    // SAFETY: the same argument, under the same contract, to the implementation.
    unsafe { ClusSimResUtilsClearBackupStateForSharedVolume(lpszVolumePathName) }
}
