/* Storage in C: a disk inventory that reads every disk's partitions with the size probe
 * (CLUSCTL_RESOURCE_STORAGE_GET_DISK_INFO_EX) and prints them, then a backup agent on a
 * Cluster Shared Volume whose owner crashes mid-backup (a topology trigger), read through
 * the header's structures (CLUS_PARTITION_INFO(_EX/_EX2), CLUS_DISK_NUMBER_INFO,
 * CLUSTER_SHARED_VOLUME_STATE_INFO(_EX), CLUS_CSV_VOLUME_INFO) in this build's WCHARs, and the
 * V2 shared-volume events it raises. */
#include <windows.h>
#include <clusapi.h>
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
    "    { size = 2147483648, drive_letter = \"E\", label = \"VMs\", free = 1073741824 },\n"
    "    { size = 1073741824, mount_points = ['C:\\Mounts\\Logs'] },\n"
    "  ] } },\n"
    "  { name = \"Cluster Disk 2\", type = \"Physical Disk\", disk = { signature = 0x22222222, size = 1073741824, partitions = [\n"
    "    { size = 1073741824, drive_letter = \"F\" },\n"
    "  ] } },\n"
    "]\n"
    /* Mid-backup, when the agent marks the hardware snapshot done: the owner crashes, and
     * the volume goes to redirected access. */
    "[[trigger]]\n"
    "on = \"ClusterSharedVolumeSetSnapshotState\"\n"
    "nth = 2\n"
    "before = \"crash_node\"\n"
    "target = \"HV1\"\n"
    "[[trigger]]\n"
    "on = \"ClusterSharedVolumeSetSnapshotState\"\n"
    "nth = 2\n"
    "before = \"redirect_shared_volume\"\n"
    "target = \"Cluster Disk 1\"\n";

/* A WCHAR string of this build (UTF-16 or UTF-32), ASCII only, for printing. */
static void narrow_w(const WCHAR *s, char *out, size_t cap) {
  size_t i = 0;
  for (; i + 1 < cap && s[i] != 0; i++) out[i] = s[i] < 0x80 ? (char)s[i] : '?';
  out[i] = 0;
}

/* A control code's answer, read with the size probe: NULL/0 answers ERROR_MORE_DATA and the
 * size, then the call with a buffer of that size. The caller frees it. */
static BYTE *control(HRESOURCE r, DWORD code, DWORD *size) {
  DWORD needed = 0;
  CHECK_ERR(ClusterResourceControl(r, NULL, code, NULL, 0, NULL, 0, &needed), ERROR_MORE_DATA);
  CHECK(needed > 0);
  BYTE *buf = malloc(needed);
  CHECK(buf != NULL);
  DWORD got = 0;
  CHECK_ERR(ClusterResourceControl(r, NULL, code, NULL, 0, buf, needed, &got), ERROR_SUCCESS);
  CHECK(got == needed);
  *size = got;
  return buf;
}

/* The next value of a value list at *at (its header copied out: the buffer has no alignment
 * guarantee), its data, and *at past it; FALSE at the end mark. */
static BOOL next_value(const BYTE *buf, DWORD size, DWORD *at, CLUSPROP_VALUE *value, const BYTE **data) {
  CHECK(*at + sizeof(CLUSPROP_SYNTAX) <= size);
  memcpy(&value->Syntax, buf + *at, sizeof value->Syntax);
  if (value->Syntax.dw == CLUSPROP_SYNTAX_ENDMARK) {
    CHECK(*at + sizeof(CLUSPROP_SYNTAX) == size);
    return FALSE;
  }
  CHECK(*at + sizeof *value <= size);
  memcpy(value, buf + *at, sizeof *value);
  CHECK(*at + sizeof *value + value->cbLength <= size);
  *data = buf + *at + sizeof *value;
  *at += (DWORD)sizeof *value + ALIGN_CLUSPROP(value->cbLength);
  return TRUE;
}

/* Reads one disk's partitions with the size probe (CLUSCTL_RESOURCE_STORAGE_GET_DISK_INFO_EX:
 * CLUS_PARTITION_INFO_EX, in this build's WCHARs), prints them, returns how many; checks the
 * base and _EX2 forms agree with it. */
static int print_partitions(HRESOURCE disk, const WCHAR *name) {
  DWORD size = 0, at = 0;
  BYTE *buf = control(disk, CLUSCTL_RESOURCE_STORAGE_GET_DISK_INFO_EX, &size);
  CLUSPROP_VALUE v;
  const BYTE *data = NULL;
  int partitions = 0;
  char text[64];
  narrow_w(name, text, sizeof text);
  while (next_value(buf, size, &at, &v, &data)) {
    if (v.Syntax.dw == CLUSPROP_SYNTAX_DISK_SIGNATURE) {
      DWORD signature;
      CHECK(v.cbLength == sizeof signature);
      memcpy(&signature, data, sizeof signature);
      printf("%s: signature %08lX\n", text, (unsigned long)signature);
    } else if (v.Syntax.dw == CLUSPROP_SYNTAX_SCSI_ADDRESS) {
      CLUS_SCSI_ADDRESS scsi;
      CHECK(v.cbLength == sizeof scsi);
      memcpy(&scsi, data, sizeof scsi);
      printf("%s: SCSI port %u path %u target %u LUN %u\n", text, scsi.PortNumber, scsi.PathId, scsi.TargetId, scsi.Lun);
    } else if (v.Syntax.dw == CLUSPROP_SYNTAX_DISK_SIZE) {
      ULARGE_INTEGER bytes;
      CHECK(v.cbLength == sizeof bytes);
      memcpy(&bytes, data, sizeof bytes);
      printf("%s: %llu bytes\n", text, (unsigned long long)bytes.QuadPart);
    } else if (v.Syntax.dw == CLUSPROP_SYNTAX_PARTITION_INFO_EX) {
      CLUS_PARTITION_INFO_EX p;
      CHECK(v.cbLength == sizeof p);
      memcpy(&p, data, sizeof p);
      char device[MAX_PATH], label[MAX_PATH], fs[32];
      narrow_w(p.szDeviceName, device, sizeof device);
      narrow_w(p.szVolumeLabel, label, sizeof label);
      narrow_w(p.szFileSystem, fs, sizeof fs);
      printf("  partition %lu: %s \"%s\" %s, %llu of %llu bytes free, flags %#lx\n", (unsigned long)p.PartitionNumber,
             device, label, fs, (unsigned long long)p.FreeSizeInBytes.QuadPart,
             (unsigned long long)p.TotalSizeInBytes.QuadPart, (unsigned long)p.dwFlags);
      CHECK(p.PartitionNumber == (DWORD)(partitions + 1));
      CHECK(p.dwFlags & CLUSPROP_PIFLAG_USABLE_FOR_CSV);
      CHECK(weq(p.szFileSystem, L"NTFS"));
      partitions++;
    }
  }
  free(buf);

  /* The base form: CLUS_PARTITION_INFO, the same partitions. */
  int base = 0;
  buf = control(disk, CLUSCTL_RESOURCE_STORAGE_GET_DISK_INFO, &size);
  at = 0;
  while (next_value(buf, size, &at, &v, &data)) {
    if (v.Syntax.dw != CLUSPROP_SYNTAX_PARTITION_INFO) continue;
    CLUS_PARTITION_INFO p;
    CHECK(v.cbLength == sizeof p);
    memcpy(&p, data, sizeof p);
    CHECK(weq(p.szFileSystem, L"NTFS"));
    base++;
  }
  free(buf);
  CHECK(base == partitions);

  /* _EX2: a CLUSPROP_PARTITION_INFO_EX2 per partition, an _EX and an _EX2 structure. */
  int ex2 = 0;
  buf = control(disk, CLUSCTL_RESOURCE_STORAGE_GET_DISK_INFO_EX2, &size);
  at = 0;
  while (next_value(buf, size, &at, &v, &data)) {
    if (v.Syntax.dw != CLUSPROP_SYNTAX_PARTITION_INFO_EX2) continue;
    CHECK(v.cbLength == sizeof(CLUS_PARTITION_INFO_EX) + sizeof(CLUS_PARTITION_INFO_EX2));
    CLUSPROP_PARTITION_INFO_EX2 p;
    memset(&p, 0, sizeof p);
    memcpy(&p, data - sizeof v, sizeof v + v.cbLength); /* the struct ends with padding to 8 */
    CHECK(p.PartitionNumber == (DWORD)(ex2 + 1) && p.szPartitionName[0] == 0 && p.EncryptionFlags == 0);
    ex2++;
  }
  free(buf);
  CHECK(ex2 == partitions);

  CLUS_DISK_NUMBER_INFO number;
  DWORD got = 0;
  CHECK_ERR(ClusterResourceControl(disk, NULL, CLUSCTL_RESOURCE_STORAGE_GET_DISK_NUMBER_INFO, NULL, 0, &number,
                                   sizeof number, &got),
            ERROR_SUCCESS);
  CHECK(got == sizeof number && number.BytesPerSector == 512);
  return partitions;
}

/* The state of a CSV on a node, from its CLUSTER_SHARED_VOLUME_STATE_INFO entries. */
static DWORD csv_state(HRESOURCE disk, const WCHAR *node) {
  DWORD size = 0;
  BYTE *buf = control(disk, 0x014002a2 /* CLUSCTL_RESOURCE_STORAGE_GET_SHARED_VOLUME_STATES */, &size);
  CHECK(size % sizeof(CLUSTER_SHARED_VOLUME_STATE_INFO) == 0);
  for (DWORD at = 0; at < size; at += sizeof(CLUSTER_SHARED_VOLUME_STATE_INFO)) {
    CLUSTER_SHARED_VOLUME_STATE_INFO info;
    memcpy(&info, buf + at, sizeof info);
    CHECK(weq(info.szVolumeName, L"Volume1") || weq(info.szVolumeName, L"Volume2"));
    if (weq(node, info.szNodeName)) {
      free(buf);
      return (DWORD)info.VolumeState;
    }
  }
  CHECK(!"the node has a state");
  return 0;
}

/* The CSV's CLUS_CSV_VOLUME_INFO of its first volume (GET_SHARED_VOLUME_INFO: a value list,
 * one CLUSPROP_SYNTAX_LIST_VALUE_BINARY per volume). */
static CLUS_CSV_VOLUME_INFO csv_info(HRESOURCE disk) {
  DWORD size = 0, at = 0;
  BYTE *buf = control(disk, CLUSCTL_RESOURCE_STORAGE_GET_SHARED_VOLUME_INFO, &size);
  CLUSPROP_VALUE v;
  const BYTE *data = NULL;
  CLUS_CSV_VOLUME_INFO info;
  CHECK(next_value(buf, size, &at, &v, &data));
  CHECK(v.Syntax.dw == CLUSPROP_SYNTAX_LIST_VALUE_BINARY && v.cbLength == sizeof info);
  memcpy(&info, data, sizeof info);
  free(buf);
  CHECK(info.PartitionNumber == 1 && info.VolumeOffset.QuadPart == 1048576);
  CHECK(weq(info.szVolumeFriendlyName, L"Volume1") && info.szVolumeName[4] == L'V');
  return info;
}

/* One V2 event of a shared-volume port: its flag, its name, its payload. */
typedef struct {
  DWORD_PTR key;
  NOTIFY_FILTER_AND_TYPE filter;
  BYTE payload[8192];
  DWORD size;
  WCHAR name[64];
} csv_event;

static DWORD next_event(HCHANGE port, csv_event *e) {
  DWORD cch_name = 64;
  e->size = sizeof e->payload;
  return GetClusterNotifyV2(port, &e->key, &e->filter, e->payload, &e->size, NULL, NULL, NULL, NULL, e->name,
                            &cch_name, NULL, NULL, 0);
}

/* Reads the next event: a CLUSTER_OBJECT_TYPE_SHARED_VOLUME one with this flag, about the disk. */
static void expect_event(HCHANGE port, LONGLONG flag, csv_event *e) {
  CHECK_ERR(next_event(port, e), ERROR_SUCCESS);
  CHECK(e->filter.dwObjectType == CLUSTER_OBJECT_TYPE_SHARED_VOLUME && e->filter.FilterFlags == flag);
  CHECK(weq(e->name, L"Cluster Disk 1"));
}

/* Reads the next state event: its CLUSTER_SHARED_VOLUME_STATE_INFO_EX is from `node`, in `state`. */
static void expect_state(HCHANGE port, const WCHAR *node, CLUSTER_SHARED_VOLUME_STATE state) {
  csv_event e;
  expect_event(port, CLUSTER_CHANGE_SHARED_VOLUME_STATE_V2, &e);
  CLUSTER_SHARED_VOLUME_STATE_INFO_EX info;
  CHECK(e.size == sizeof info);
  memcpy(&info, e.payload, sizeof info);
  char text[MAX_PATH];
  narrow_w(info.szNodeName, text, sizeof text);
  CHECK(weq(info.szNodeName, node) && info.VolumeState == state);
  CHECK(info.szVolumeName[0] == L'\\' && info.szVolumeName[4] == L'V');
  CHECK(weq(info.szVolumeFriendlyName, L"Volume1") || weq(info.szVolumeFriendlyName, L"Volume2"));
  CHECK(info.RedirectedIOReason ==
        (state == SharedVolumeStateActiveRedirected ? RedirectedIOReasonUserRequest : (ULONGLONG)0));
  CHECK(info.VolumeRedirectedIOReason == 0);
  printf("  CSV state on %s: %d\n", text, (int)info.VolumeState);
}

int main(void) {
  /* The header's structures have the sizes the library's value lengths give (the same as
   * clusctl::Structure::size in tests/buffer_layouts.rs), at this build's WCHAR width. */
  int utf16 = sizeof(WCHAR) == 2;
  CHECK(sizeof(CLUS_PARTITION_INFO) == (utf16 ? 1120u : 2224u));
  CHECK(sizeof(CLUS_PARTITION_INFO_EX) == (utf16 ? 1160u : 2264u));
  CHECK(sizeof(CLUS_PARTITION_INFO_EX2) == (utf16 ? 540u : 1060u));
  CHECK(sizeof(CLUS_CSV_VOLUME_INFO) == (utf16 ? 640u : 1264u));
  CHECK(sizeof(CLUSTER_SHARED_VOLUME_STATE_INFO) == (utf16 ? 1044u : 2084u));
  CHECK(sizeof(CLUSTER_SHARED_VOLUME_STATE_INFO_EX) == (utf16 ? 1584u : 3144u));
  CHECK(sizeof(CLUSPROP_PARTITION_INFO_EX2) == (utf16 ? 1712u : 3336u));
  CHECK(CLUSPROP_SYNTAX_PARTITION_INFO_EX2 == 0x000e0001 && CLUSTER_OBJECT_TYPE_SHARED_VOLUME == 10);
  CHECK_ERR(ClusSimLoadTopology(TOPOLOGY), ERROR_SUCCESS);
  HCLUSTER cluster = OpenCluster(NULL);
  CHECK(cluster != NULL);

  /* The inventory: every resource of the storage class. */
  HCLUSENUM e = ClusterOpenEnum(cluster, CLUSTER_ENUM_RESOURCE);
  CHECK(e != NULL);
  int disks = 0, partitions = 0;
  for (DWORD i = 0;; i++) {
    WCHAR name[64];
    DWORD cch = 64, type = 0;
    DWORD status = ClusterEnum(e, i, &type, name, &cch);
    if (status == ERROR_NO_MORE_ITEMS) break;
    CHECK_ERR(status, ERROR_SUCCESS);
    HRESOURCE r = OpenClusterResource(cluster, name);
    CHECK(r != NULL);
    DWORD cls[2] = {0, 0}, got = 0;
    CHECK_ERR(ClusterResourceControl(r, NULL, CLUSCTL_RESOURCE_GET_CLASS_INFO, NULL, 0, cls, sizeof cls, &got),
              ERROR_SUCCESS);
    if (cls[0] == 1 /* CLUS_RESCLASS_STORAGE */) {
      partitions += print_partitions(r, name);
      disks++;
    } else {
      CHECK_ERR(ClusterResourceControl(r, NULL, CLUSCTL_RESOURCE_STORAGE_GET_DISK_INFO_EX, NULL, 0, NULL, 0, &got),
                ERROR_INVALID_FUNCTION);
    }
    CHECK(CloseClusterResource(r));
  }
  CHECK_ERR(ClusterCloseEnum(e), ERROR_SUCCESS);
  CHECK(disks == 2 && partitions == 3);

  /* The backup agent. The VM's storage becomes a CSV first. */
  HRESOURCE disk = OpenClusterResource(cluster, L"Cluster Disk 1");
  CHECK(disk != NULL);
  NOTIFY_FILTER_AND_TYPE csv_filter = {CLUSTER_OBJECT_TYPE_SHARED_VOLUME, CLUSTER_CHANGE_SHARED_VOLUME_ALL_V2};
  HCHANGE port = CreateClusterNotifyPortV2((HCHANGE)INVALID_HANDLE_VALUE, cluster, &csv_filter, 1, 3);
  CHECK(port != NULL);
  CHECK_ERR(AddResourceToClusterSharedVolumes(disk), ERROR_SUCCESS);
  csv_event ev;
  expect_event(port, CLUSTER_CHANGE_SHARED_VOLUME_ADDED_V2, &ev);
  CHECK(ev.size == 0 && ev.key == 3);
  /* Each of its two volumes, on HV1, then on HV2. */
  expect_state(port, L"HV1", SharedVolumeStateActive);
  expect_state(port, L"HV1", SharedVolumeStateActive);
  expect_state(port, L"HV2", SharedVolumeStateActive);
  expect_state(port, L"HV2", SharedVolumeStateActive);
  CHECK_ERR(next_event(port, &ev), WAIT_TIMEOUT);
  const WCHAR *vhd = L"C:\\ClusterStorage\\Volume1\\VMs\\vm1\\vm1.vhdx";
  BOOL on = FALSE;
  /* The VM's files are on a CSV. */
  CHECK_ERR(IsFileOnClusterSharedVolume(vhd, &on), ERROR_SUCCESS);
  CHECK(on == TRUE);
  on = FALSE;
  CHECK_ERR(IsFileOnClusterSharedVolume(L"C:\\ClusterStorage\\Volume1\\VMs\\vm1\\vm1.vmcx", &on), ERROR_SUCCESS);
  CHECK(on == TRUE);
  CHECK_ERR(IsFileOnClusterSharedVolume(L"E:\\VMs\\vm1.vhdx", &on), ERROR_SUCCESS);
  CHECK(on == FALSE);
  WCHAR volume[64];
  CHECK(GetClusterSharedVolumeNameForFile(vhd, volume, 64));
  CHECK(volume[0] == L'\\' && volume[4] == L'V');
  CHECK(!GetClusterSharedVolumeNameForFile(vhd, volume, 8) && GetLastError() == ERROR_MORE_DATA);
  WCHAR owner[32], group[64];
  DWORD cch_owner = 32, cch_group = 64;
  CHECK(GetClusterResourceState(disk, owner, &cch_owner, group, &cch_group) == ClusterResourceOnline);
  CHECK(weq(owner, L"HV1") && weq(group, L"Cluster Disk 1"));
  CHECK(csv_state(disk, L"HV1") == SharedVolumeStateActive && csv_state(disk, L"HV2") == SharedVolumeStateActive);
  CLUS_CSV_VOLUME_INFO info = csv_info(disk);
  CHECK(info.FaultState == VolumeStateNoFaults && info.BackupState == VolumeBackupNone);
  GUID set = {0x6a1b0c2d, 0x3e4f, 0x5061, {0x72, 0x83, 0x94, 0xa5, 0xb6, 0xc7, 0xd8, 0xe9}};
  CHECK_ERR(ClusterSharedVolumeSetSnapshotState(set, volume, ClusterSharedVolumePrepareForHWSnapshot), ERROR_SUCCESS);
  /* The owner reports the snapshot state change, for each volume. */
  expect_state(port, L"HV1", SharedVolumeStateActive);
  expect_state(port, L"HV1", SharedVolumeStateActive);

  /* The hardware snapshot is done: the owner crashes as the call is made (the trigger), and
   * the volume is redirected. */
  CHECK_ERR(ClusterSharedVolumeSetSnapshotState(set, volume, ClusterSharedVolumeHWSnapshotCompleted), ERROR_SUCCESS);
  expect_state(port, L"HV1", SharedVolumeStateUnavailable); /* the crashed node, each volume */
  expect_state(port, L"HV1", SharedVolumeStateUnavailable);
  expect_state(port, L"HV2", SharedVolumeStateActive); /* the new owner reports */
  expect_state(port, L"HV2", SharedVolumeStateActive);
  expect_state(port, L"HV2", SharedVolumeStateActiveRedirected); /* the lever */
  expect_state(port, L"HV2", SharedVolumeStateActiveRedirected);
  expect_state(port, L"HV2", SharedVolumeStateActiveRedirected); /* the snapshot state */
  expect_state(port, L"HV2", SharedVolumeStateActiveRedirected);
  CHECK_ERR(next_event(port, &ev), WAIT_TIMEOUT);
  /* The agent finds the new owner and the redirected access. */
  cch_owner = 32;
  cch_group = 64;
  CHECK(GetClusterResourceState(disk, owner, &cch_owner, group, &cch_group) == ClusterResourceOnline);
  CHECK(weq(owner, L"HV2"));
  CHECK(csv_state(disk, L"HV1") == SharedVolumeStateUnavailable);
  CHECK(csv_state(disk, L"HV2") == SharedVolumeStateActiveRedirected);
  info = csv_info(disk);
  CHECK(info.FaultState == VolumeStateNoDirectIO);
  CHECK_ERR(ClusSimRedirectSharedVolume(L"Cluster Disk 2", TRUE), 5945);
  CHECK_ERR(ClusSimRedirectSharedVolume(NULL, TRUE), ERROR_INVALID_PARAMETER);
  CHECK_ERR(ClusterSharedVolumeSetSnapshotState(set, L"E:\\", ClusterSharedVolumeHWSnapshotCompleted), 5945);
  /* Done: the backup state is cleared (the owner reports it), the storage path comes back. */
  CHECK_ERR(ClusterSharedVolumeClearBackupState(L"C:\\ClusterStorage\\Volume1\\"), ERROR_SUCCESS);
  expect_state(port, L"HV2", SharedVolumeStateActiveRedirected);
  expect_state(port, L"HV2", SharedVolumeStateActiveRedirected);
  CHECK_ERR(ClusSimRedirectSharedVolume(L"Cluster Disk 1", FALSE), ERROR_SUCCESS);
  expect_state(port, L"HV2", SharedVolumeStateActive);
  expect_state(port, L"HV2", SharedVolumeStateActive);
  CHECK(csv_state(disk, L"HV2") == SharedVolumeStateActive);
  CHECK(csv_info(disk).FaultState == VolumeStateNoFaults);
  CHECK_ERR(ClusterSharedVolumeClearBackupState(L"E:\\"), 5945); /* ERROR_CLUSTER_NOT_SHARED_VOLUME */

  /* The CSV enumerations. */
  e = ClusterOpenEnum(cluster, CLUSTER_ENUM_SHARED_VOLUME_RESOURCE);
  CHECK(e != NULL && ClusterGetEnumCount(e) == 1);
  CHECK_ERR(ClusterCloseEnum(e), ERROR_SUCCESS);
  CHECK_ERR(next_event(port, &ev), WAIT_TIMEOUT);
  CHECK_ERR(RemoveResourceFromClusterSharedVolumes(disk), ERROR_SUCCESS);
  expect_event(port, CLUSTER_CHANGE_SHARED_VOLUME_REMOVED_V2, &ev);
  CHECK_ERR(next_event(port, &ev), WAIT_TIMEOUT);
  CHECK(CloseClusterNotifyPort(port));
  CHECK_ERR(RemoveResourceFromClusterSharedVolumes(disk), 5945);
  CHECK(CloseClusterResource(disk));
  CHECK(CloseCluster(cluster));
  CHECK(ClusSimOpenHandleCount() == 0);
  printf("storage: ok\n");
  return 0;
}
