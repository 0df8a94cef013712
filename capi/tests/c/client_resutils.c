/* resutils.dll's storage helpers in C, built as Windows code builds them: <ResApi.h>, and
 * linked -lresutils beside -lclusapi (ResUtils.lib beside ClusAPI.lib). A backup agent finds
 * the volume of a VM's disk, prepares its Cluster Shared Volume for a backup and clears the
 * state again, through each function's buffer protocol and refusals. The world is a
 * simulator of the test's own, bound to the thread (ClusSimCreate, ClusSimBindThread):
 * libresutils reaches that simulator, the one the ClusAPI calls of the thread reach. */
#include <windows.h>
#include <clusapi.h>
#include <ResApi.h>
#include <clusapi_sim.h>
#include <stdint.h>
#include <string.h>

#include "check.h"

static const char *TOPOLOGY =
    "[[cluster]]\n"
    "name = \"HVCLUSTER\"\n"
    "nodes = [\"HV1\", \"HV2\"]\n"
    "networks = [\"LAN\"]\n"
    "[[cluster.group]]\n"
    "name = \"Cluster Group\"\n"
    "owner = \"HV1\"\n"
    "[[cluster.group]]\n"
    "name = \"Available Storage\"\n"
    "owner = \"HV1\"\n"
    "resources = [\n"
    "  { name = \"Cluster Disk 1\", type = \"Physical Disk\", disk = { signature = 0x11111111, size = 3221225472, partitions = [\n"
    "    { size = 2147483648, drive_letter = \"E\", label = \"VMs\" },\n"
    "    { size = 1073741824, mount_points = ['C:\\Mounts\\Logs'] },\n"
    "  ] } },\n"
    "  { name = \"Cluster Disk 2\", type = \"Physical Disk\", disk = { signature = 0x22222222, size = 1073741824, partitions = [\n"
    "    { size = 1073741824, drive_letter = \"F\" },\n"
    "  ] } },\n"
    "]\n";

/* The BackupState of the CSV's first volume: CLUS_CSV_VOLUME_INFO's fourth field, in the
 * first value of CLUSCTL_RESOURCE_STORAGE_GET_SHARED_VOLUME_INFO's value list (after the
 * value's syntax and length, the volume offset, the partition number and the fault state). */
static DWORD backup_state(HRESOURCE disk) {
  BYTE buf[4096];
  DWORD got = 0, state;
  CHECK_ERR(ClusterResourceControl(disk, NULL, CLUSCTL_RESOURCE_STORAGE_GET_SHARED_VOLUME_INFO, NULL, 0, buf,
                                   sizeof buf, &got),
            ERROR_SUCCESS);
  CHECK(got >= 8 + 640);
  memcpy(&state, buf + 8 + 16, 4);
  return state;
}

/* Whether `s` is a volume GUID path: \\?\Volume{8-4-4-4-12}\ (49 WCHARs). */
static int is_volume_name(const WCHAR *s) {
  static const char *shape = "\\\\?\\Volume{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}\\";
  size_t i = 0;
  for (; shape[i] != 0; i++) {
    if (shape[i] == 'x' ? !((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'A' && s[i] <= 'F') ||
                            (s[i] >= 'a' && s[i] <= 'f'))
                        : s[i] != (WCHAR)shape[i]) {
      return 0;
    }
  }
  return s[i] == 0;
}

int main(void) {
  HANDLE sim = ClusSimCreate(TOPOLOGY);
  CHECK(sim != NULL);
  CHECK_ERR(ClusSimBindThread(sim), ERROR_SUCCESS);
  HCLUSTER cluster = OpenCluster(NULL);
  CHECK(cluster != NULL);
  HRESOURCE disk = OpenClusterResource(cluster, L"Cluster Disk 1");
  CHECK(disk != NULL);

  /* Cluster disks that are no CSV: their drive letters and mount points. */
  WCHAR root[MAX_PATH];
  SetLastError(5);
  CHECK(ClusterGetVolumePathName(L"E:\\VMs\\vm1.vhdx", root, MAX_PATH) == TRUE);
  CHECK(weq(root, L"E:\\") && GetLastError() == ERROR_SUCCESS);
  CHECK(ClusterGetVolumePathName(L"C:\\Mounts\\Logs\\today.log", root, MAX_PATH));
  CHECK(weq(root, L"C:\\Mounts\\Logs\\"));
  CHECK(ClusterIsPathOnSharedVolume(L"E:\\VMs\\vm1.vhdx") == FALSE);

  /* The VM's storage becomes a CSV. */
  CHECK_ERR(AddResourceToClusterSharedVolumes(disk), ERROR_SUCCESS);
  const WCHAR *vhd = L"C:\\ClusterStorage\\Volume1\\VMs\\vm1\\vm1.vhdx";
  const WCHAR *csv_root = L"C:\\ClusterStorage\\Volume1\\";
  const DWORD root_len = (DWORD)wlen(csv_root);

  /* ClusterIsPathOnSharedVolume: a BOOL answer, the last error untouched. */
  SetLastError(1234);
  CHECK(ClusterIsPathOnSharedVolume(vhd) == TRUE);
  CHECK(ClusterIsPathOnSharedVolume(L"c:\\clusterstorage\\VOLUME1\\x") == TRUE); /* any case */
  CHECK(ClusterIsPathOnSharedVolume(L"F:\\data") == FALSE);
  CHECK(ClusterIsPathOnSharedVolume(L"") == FALSE);
  CHECK(GetLastError() == 1234);
  CHECK(ClusterIsPathOnSharedVolume(NULL) == FALSE && GetLastError() == ERROR_INVALID_PARAMETER);

  /* ClusterGetVolumePathName: a fixed buffer of cchBufferLength WCHARs, the NUL included. */
  CHECK(ClusterGetVolumePathName(vhd, root, MAX_PATH) && weq(root, csv_root));
  CHECK(ClusterGetVolumePathName(csv_root, root, root_len + 1) && weq(root, csv_root)); /* just fits */
  WCHAR small[MAX_PATH];
  small[0] = L'#';
  CHECK(!ClusterGetVolumePathName(vhd, small, root_len) && GetLastError() == ERROR_FILENAME_EXCED_RANGE);
  CHECK(!ClusterGetVolumePathName(vhd, small, 1) && GetLastError() == ERROR_FILENAME_EXCED_RANGE);
  CHECK(small[0] == L'#'); /* too small: untouched */
  CHECK(!ClusterGetVolumePathName(vhd, NULL, MAX_PATH) && GetLastError() == ERROR_INVALID_PARAMETER);
  CHECK(!ClusterGetVolumePathName(vhd, small, 0) && GetLastError() == ERROR_INVALID_PARAMETER);
  CHECK(!ClusterGetVolumePathName(NULL, root, MAX_PATH) && GetLastError() == ERROR_INVALID_PARAMETER);
  SetLastError(5);
  CHECK(!ClusterGetVolumePathName(L"", root, MAX_PATH) && GetLastError() == ERROR_SUCCESS); /* as documented */
  CHECK(!ClusterGetVolumePathName(L"Z:\\nowhere\\x", root, MAX_PATH) && GetLastError() == ERROR_FILE_NOT_FOUND);
  CHECK(ClusterGetVolumePathName(L"F:\\data\\x", root, MAX_PATH) && weq(root, L"F:\\")); /* no CSV */

  /* ClusterGetVolumeNameForVolumeMountPoint: 51 WCHARs hold any volume GUID path (its page). */
  WCHAR volume[51], disk2_volume[51];
  CHECK(ClusterGetVolumeNameForVolumeMountPoint(csv_root, volume, 51) && is_volume_name(volume));
  WCHAR again[51];
  CHECK(ClusterGetVolumeNameForVolumeMountPoint(L"C:\\ClusterStorage\\Volume1", again, 50) && weq(again, volume));
  CHECK(ClusterGetVolumeNameForVolumeMountPoint(L"F:\\", disk2_volume, 51) && is_volume_name(disk2_volume));
  CHECK(!weq(volume, disk2_volume));
  small[0] = L'#';
  CHECK(!ClusterGetVolumeNameForVolumeMountPoint(csv_root, small, 49) && GetLastError() == ERROR_FILENAME_EXCED_RANGE);
  CHECK(small[0] == L'#');
  CHECK(!ClusterGetVolumeNameForVolumeMountPoint(csv_root, NULL, 51) && GetLastError() == ERROR_INVALID_PARAMETER);
  CHECK(!ClusterGetVolumeNameForVolumeMountPoint(csv_root, small, 0) && GetLastError() == ERROR_INVALID_PARAMETER);
  CHECK(!ClusterGetVolumeNameForVolumeMountPoint(NULL, small, 51) && GetLastError() == ERROR_INVALID_PARAMETER);
  CHECK(!ClusterGetVolumeNameForVolumeMountPoint(L"", small, 51) && GetLastError() == ERROR_INVALID_PARAMETER);
  CHECK(!ClusterGetVolumeNameForVolumeMountPoint(L"C:\\ClusterStorage\\Volume1\\VMs\\", small, 51) &&
        GetLastError() == ERROR_FILE_NOT_FOUND); /* under a volume, no volume's root */

  /* ClusterPrepareSharedVolumeForBackup: the size probe (NULL buffers), then the call. */
  CHECK(backup_state(disk) == 0); /* VolumeBackupNone */
  DWORD cch_path = 0, cch_name = 0;
  CHECK_ERR(ClusterPrepareSharedVolumeForBackup(vhd, NULL, &cch_path, NULL, &cch_name), ERROR_MORE_DATA);
  CHECK(cch_path == root_len && cch_name == 49);
  WCHAR *vpath = malloc((cch_path + 1) * sizeof(WCHAR));
  WCHAR *vname = malloc((cch_name + 1) * sizeof(WCHAR));
  CHECK(vpath != NULL && vname != NULL);
  /* One buffer too small: neither is written, both lengths say what they need. */
  vpath[0] = vname[0] = L'#';
  cch_path += 1;
  cch_name = 10;
  CHECK_ERR(ClusterPrepareSharedVolumeForBackup(vhd, vpath, &cch_path, vname, &cch_name), ERROR_MORE_DATA);
  CHECK(cch_path == root_len && cch_name == 49 && vpath[0] == L'#' && vname[0] == L'#');
  cch_path += 1;
  cch_name += 1;
  CHECK_ERR(ClusterPrepareSharedVolumeForBackup(vhd, vpath, &cch_path, vname, &cch_name), ERROR_SUCCESS);
  CHECK(weq(vpath, csv_root) && weq(vname, volume) && cch_path == root_len && cch_name == 49);
  CHECK(backup_state(disk) == 1); /* VolumeBackupInProgress */
  DWORD big_path = MAX_PATH, big_name = 51;
  CHECK_ERR(ClusterPrepareSharedVolumeForBackup(vhd, root, NULL, small, &big_name), ERROR_INVALID_PARAMETER);
  CHECK_ERR(ClusterPrepareSharedVolumeForBackup(vhd, root, &big_path, small, NULL), ERROR_INVALID_PARAMETER);
  CHECK_ERR(ClusterPrepareSharedVolumeForBackup(NULL, root, &big_path, small, &big_name), ERROR_INVALID_PARAMETER);
  CHECK_ERR(ClusterPrepareSharedVolumeForBackup(L"", root, &big_path, small, &big_name), ERROR_INVALID_PARAMETER);
  CHECK_ERR(ClusterPrepareSharedVolumeForBackup(L"F:\\data\\x", root, &big_path, small, &big_name), 5945);
  CHECK(GetLastError() == 5945); /* ERROR_CLUSTER_NOT_SHARED_VOLUME, also the last error */

  /* ClusterClearBackupStateForSharedVolume: off a CSV, ERROR_INVALID_PARAMETER (its page). */
  CHECK_ERR(ClusterClearBackupStateForSharedVolume(L"F:\\data\\x"), ERROR_INVALID_PARAMETER);
  CHECK_ERR(ClusterClearBackupStateForSharedVolume(NULL), ERROR_INVALID_PARAMETER);
  CHECK(backup_state(disk) == 1);
  CHECK_ERR(ClusterClearBackupStateForSharedVolume(vpath), ERROR_SUCCESS);
  CHECK(backup_state(disk) == 0);

  /* The thread's binding decides: back on the process's simulator (the default topology,
   * no disks), the same paths are on no volume; bound again, they are. */
  CHECK_ERR(ClusSimBindThread(NULL), ERROR_SUCCESS);
  CHECK(ClusterIsPathOnSharedVolume(vhd) == FALSE);
  CHECK(!ClusterGetVolumePathName(vhd, root, MAX_PATH) && GetLastError() == ERROR_FILE_NOT_FOUND);
  CHECK_ERR(ClusSimBindThread(sim), ERROR_SUCCESS);
  CHECK(ClusterIsPathOnSharedVolume(vhd) == TRUE);
  CHECK(ClusterGetVolumePathName(vhd, root, MAX_PATH) && weq(root, csv_root));

  /* Once the disk is no CSV, its paths are on its drive letter again. */
  CHECK_ERR(RemoveResourceFromClusterSharedVolumes(disk), ERROR_SUCCESS);
  CHECK(ClusterIsPathOnSharedVolume(vhd) == FALSE);
  CHECK(ClusterGetVolumePathName(L"E:\\VMs\\vm1.vhdx", root, MAX_PATH) && weq(root, L"E:\\"));
  CHECK_ERR(ClusterClearBackupStateForSharedVolume(vpath), ERROR_INVALID_PARAMETER);

  free(vpath);
  free(vname);
  CHECK(CloseClusterResource(disk));
  CHECK(CloseCluster(cluster));
  CHECK(ClusSimOpenHandleCount() == 0);
  CHECK_ERR(ClusSimDestroy(sim), ERROR_SUCCESS);
  printf("resutils: ok\n");
  return 0;
}
