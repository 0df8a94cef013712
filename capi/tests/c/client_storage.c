/* Storage in C: a disk inventory that reads every disk's partitions with the size probe
 * (CLUSCTL_RESOURCE_STORAGE_GET_DISK_INFO_EX) and prints them, then a backup agent on a
 * Cluster Shared Volume whose owner crashes mid-backup. */
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
    "]\n";

static uint32_t u32at(const BYTE *p) {
  uint32_t v;
  memcpy(&v, p, 4);
  return v;
}

static uint64_t u64at(const BYTE *p) {
  uint64_t v;
  memcpy(&v, p, 8);
  return v;
}

/* A WCHAR string of this build (UTF-16 or UTF-32), ASCII only, for printing. */
static void narrow_w(const WCHAR *s, char *out, size_t cap) {
  size_t i = 0;
  for (; i + 1 < cap && s[i] != 0; i++) out[i] = s[i] < 0x80 ? (char)s[i] : '?';
  out[i] = 0;
}

/* Reads one disk's partitions with the size probe, prints them, returns how many. */
static int print_partitions(HRESOURCE disk, const WCHAR *name) {
  DWORD needed = 0;
  /* The probe: no buffer, ERROR_MORE_DATA and the size. */
  CHECK_ERR(ClusterResourceControl(disk, NULL, CLUSCTL_RESOURCE_STORAGE_GET_DISK_INFO_EX, NULL, 0, NULL, 0, &needed),
            ERROR_MORE_DATA);
  CHECK(needed > 8);
  BYTE *buf = malloc(needed);
  CHECK(buf != NULL);
  DWORD got = 0;
  CHECK_ERR(ClusterResourceControl(disk, NULL, CLUSCTL_RESOURCE_STORAGE_GET_DISK_INFO_EX, NULL, 0, buf, needed, &got),
            ERROR_SUCCESS);
  CHECK(got == needed);
  int partitions = 0;
  DWORD at = 0;
  char text[64];
  narrow_w(name, text, sizeof text);
  for (;;) {
    CHECK(at + 4 <= got);
    uint32_t syntax = u32at(buf + at);
    if (syntax == CLUSPROP_SYNTAX_ENDMARK) break;
    uint32_t len = u32at(buf + at + 4);
    const BYTE *data = buf + at + 8;
    CHECK(at + 8 + len <= got);
    if (syntax == 0x00050002) { /* CLUSPROP_SYNTAX_DISK_SIGNATURE */
      printf("%s: signature %08lX\n", text, (unsigned long)u32at(data));
    } else if (syntax == 0x000c0006) { /* CLUSPROP_SYNTAX_DISK_SIZE */
      printf("%s: %llu bytes\n", text, (unsigned long long)u64at(data));
    } else if (syntax == CLUSPROP_SYNTAX_PARTITION_INFO_EX) {
      /* The WCHAR arrays are this build's WCHARs: the structure is the header's. */
      CHECK(len == sizeof(CLUS_PARTITION_INFO_EX));
      CLUS_PARTITION_INFO_EX p;
      memcpy(&p, data, sizeof p);
      char device[64], label[64], fs[32];
      narrow_w(p.szDeviceName, device, sizeof device);
      narrow_w(p.szVolumeLabel, label, sizeof label);
      narrow_w(p.szFileSystem, fs, sizeof fs);
      printf("  partition %lu: %s \"%s\" %s, %llu of %llu bytes free\n", (unsigned long)p.PartitionNumber, device,
             label, fs, (unsigned long long)p.FreeSizeInBytes.QuadPart, (unsigned long long)p.TotalSizeInBytes.QuadPart);
      CHECK(p.PartitionNumber == (DWORD)(partitions + 1));
      partitions++;
    }
    at += 8 + ((len + 3) & ~3u);
  }
  free(buf);
  return partitions;
}

/* The state of a CSV on a node: its CLUSTER_SHARED_VOLUME_STATE_INFO entries (szVolumeName,
 * szNodeName: WCHAR[MAX_PATH] each, in this build's WCHARs; VolumeState). */
static DWORD csv_state(HRESOURCE disk, const WCHAR *node) {
  enum { ENTRY = 2 * MAX_PATH * sizeof(WCHAR) + 4 };
  BYTE buf[8 * ENTRY];
  DWORD got = 0;
  CHECK_ERR(ClusterResourceControl(disk, NULL, 0x014002a2 /* GET_SHARED_VOLUME_STATES */, NULL, 0, buf, sizeof buf, &got),
            ERROR_SUCCESS);
  CHECK(got % ENTRY == 0);
  for (DWORD at = 0; at + ENTRY <= got; at += ENTRY) {
    WCHAR have[MAX_PATH];
    memcpy(have, buf + at + MAX_PATH * sizeof(WCHAR), sizeof have);
    if (weq(node, have)) return u32at(buf + at + 2 * MAX_PATH * sizeof(WCHAR));
  }
  CHECK(!"the node has a state");
  return 0;
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

int main(void) {
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
  for (int i = 0; i < 4; i++) expect_event(port, CLUSTER_CHANGE_SHARED_VOLUME_STATE_V2, &ev);
  CHECK_ERR(next_event(port, &ev), WAIT_TIMEOUT);
  const WCHAR *vhd = L"C:\\ClusterStorage\\Volume1\\VMs\\vm1\\vm1.vhdx";
  BOOL on = FALSE;
  CHECK_ERR(IsFileOnClusterSharedVolume(vhd, &on), ERROR_SUCCESS);
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
  CHECK(csv_state(disk, L"HV1") == 2 && csv_state(disk, L"HV2") == 2); /* SharedVolumeStateActive */
  GUID set = {0x6a1b0c2d, 0x3e4f, 0x5061, {0x72, 0x83, 0x94, 0xa5, 0xb6, 0xc7, 0xd8, 0xe9}};
  CHECK_ERR(ClusterSharedVolumeSetSnapshotState(set, volume, ClusterSharedVolumePrepareForHWSnapshot), ERROR_SUCCESS);

  /* The owner crashes mid-backup: the CSV fails over. */
  CHECK_ERR(ClusSimCrashNode(L"HV1"), ERROR_SUCCESS);
  cch_owner = 32;
  cch_group = 64;
  CHECK(GetClusterResourceState(disk, owner, &cch_owner, group, &cch_group) == ClusterResourceOnline);
  CHECK(weq(owner, L"HV2"));
  CHECK(csv_state(disk, L"HV1") == 0 && csv_state(disk, L"HV2") == 2); /* Unavailable on the crashed node */
  /* The storage path of HV2 fails too: redirected access through the owner. */
  CHECK_ERR(ClusSimRedirectSharedVolume(L"Cluster Disk 1", TRUE), ERROR_SUCCESS);
  CHECK(csv_state(disk, L"HV2") == 3); /* SharedVolumeStateActiveRedirected */
  CHECK_ERR(ClusSimRedirectSharedVolume(L"Cluster Disk 2", TRUE), 5945);
  CHECK_ERR(ClusSimRedirectSharedVolume(NULL, TRUE), ERROR_INVALID_PARAMETER);
  CHECK_ERR(ClusterSharedVolumeSetSnapshotState(set, volume, ClusterSharedVolumeHWSnapshotCompleted), ERROR_SUCCESS);
  CHECK_ERR(ClusterSharedVolumeSetSnapshotState(set, L"E:\\", ClusterSharedVolumeHWSnapshotCompleted), 5945);
  CHECK_ERR(ClusterSharedVolumeClearBackupState(L"C:\\ClusterStorage\\Volume1\\"), ERROR_SUCCESS);
  CHECK_ERR(ClusSimRedirectSharedVolume(L"Cluster Disk 1", FALSE), ERROR_SUCCESS);
  CHECK(csv_state(disk, L"HV2") == 2);
  CHECK_ERR(ClusterSharedVolumeClearBackupState(L"E:\\"), 5945); /* ERROR_CLUSTER_NOT_SHARED_VOLUME */

  /* The CSV enumerations. */
  e = ClusterOpenEnum(cluster, CLUSTER_ENUM_SHARED_VOLUME_RESOURCE);
  CHECK(e != NULL && ClusterGetEnumCount(e) == 1);
  CHECK_ERR(ClusterCloseEnum(e), ERROR_SUCCESS);
  while (next_event(port, &ev) == ERROR_SUCCESS) {
  }
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
