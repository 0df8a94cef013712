/* A client that finds its Hyper-V virtual machine roles by group type, as management
 * tools do: every group's GroupType through CLUSCTL_GROUP_GET_RO_COMMON_PROPERTIES (the
 * core group 1, "Available Storage" 2, the roles the topology typed, 9999 otherwise), then
 * a new VM role made with CreateClusterGroupEx, and what it refuses. */
#include <string.h>

#include <windows.h>
#include <clusapi.h>
#include <clusapi_sim.h>

#include "check.h"

static const char TOPOLOGY[] =
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
    "[[cluster.group]]\n"
    "name = \"VM web01\"\n"
    "owner = \"HV1\"\n"
    "group_type = 111\n"
    "[[cluster.group]]\n"
    "name = \"File Share\"\n"
    "owner = \"HV2\"\n"
    "group_type = 100\n"
    "[[cluster.group]]\n"
    "name = \"Scratch\"\n"
    "owner = \"HV2\"\n";

static DWORD round4(DWORD n) { return (n + 3) & ~(DWORD)3; }

/* The DWORD property `name` of a property list, or (DWORD)-1. */
static DWORD find_dword(const BYTE *buf, DWORD size, const WCHAR *name) {
  DWORD at = 4, count, i;
  if (size < 4) return (DWORD)-1;
  memcpy(&count, buf, 4);
  for (i = 0; i < count && at + 8 <= size; i++) {
    DWORD len, vlen, dw;
    memcpy(&len, buf + at + 4, 4);
    const WCHAR *n = (const WCHAR *)(buf + at + 8);
    at += 8 + round4(len);
    if (at + 8 > size) return (DWORD)-1;
    memcpy(&vlen, buf + at + 4, 4);
    if (weq(n, name) && vlen == 4) {
      memcpy(&dw, buf + at + 8, 4);
      return dw;
    }
    at += 8 + round4(vlen) + 4; /* the value, then its end mark */
  }
  return (DWORD)-1;
}

static DWORD group_type(HGROUP g) {
  BYTE buf[1024];
  DWORD got = 0;
  CHECK_ERR(ClusterGroupControl(g, NULL, CLUSCTL_GROUP_GET_RO_COMMON_PROPERTIES, NULL, 0, buf, sizeof buf, &got),
            ERROR_SUCCESS);
  return find_dword(buf, got, L"GroupType");
}

int main(void) {
  CHECK_ERR(ClusSimLoadTopology(TOPOLOGY), ERROR_SUCCESS);
  HCLUSTER cluster = OpenCluster(NULL);
  CHECK(cluster != NULL);

  /* Every group's type, in enumeration order; the VMs are those of type 111. */
  static const DWORD expected[] = {ClusGroupTypeCoreCluster, ClusGroupTypeAvailableStorage,
                                   ClusGroupTypeVirtualMachine, ClusGroupTypeFileServer, ClusGroupTypeUnknown};
  HCLUSENUM e = ClusterOpenEnum(cluster, CLUSTER_ENUM_GROUP);
  CHECK(e != NULL && ClusterGetEnumCount(e) == 5);
  int vms = 0;
  for (DWORD i = 0; i < 5; i++) {
    WCHAR name[64];
    DWORD cch = 64, type = 0;
    CHECK_ERR(ClusterEnum(e, i, &type, name, &cch), ERROR_SUCCESS);
    HGROUP g = OpenClusterGroup(cluster, name);
    CHECK(g != NULL);
    DWORD t = group_type(g);
    CHECK(t == expected[i]);
    if (t == ClusGroupTypeVirtualMachine) vms++;
    CHECK(CloseClusterGroup(g));
  }
  CHECK(vms == 1);
  CHECK_ERR(ClusterCloseEnum(e), ERROR_SUCCESS);

  /* A new VM role in one call; NULL info gives ClusGroupTypeUnknown, as CreateClusterGroup. */
  CLUSTER_CREATE_GROUP_INFO info = {CLUSTER_CREATE_GROUP_INFO_VERSION_1, ClusGroupTypeVirtualMachine};
  HGROUP vm = CreateClusterGroupEx(cluster, L"VM web02", &info);
  CHECK(vm != NULL);
  CHECK(group_type(vm) == ClusGroupTypeVirtualMachine);
  CHECK(GetClusterGroupState(vm, NULL, NULL) == ClusterGroupOffline);
  HGROUP plain = CreateClusterGroupEx(cluster, L"Plain", NULL);
  CHECK(plain != NULL && group_type(plain) == ClusGroupTypeUnknown);

  /* GroupType is read-only: a set is refused and changes nothing. */
  BYTE set[128];
  DWORD n = 0, one = 1, syntax_name = CLUSPROP_SYNTAX_NAME, syntax_dword = CLUSPROP_SYNTAX_LIST_VALUE_DWORD, len = sizeof L"GroupType", four = 4, end = 0;
  memcpy(set + n, &one, 4); n += 4;
  memcpy(set + n, &syntax_name, 4); n += 4;
  memcpy(set + n, &len, 4); n += 4;
  memcpy(set + n, L"GroupType", len); n += len; /* a multiple of 4 bytes in both widths */
  memcpy(set + n, &syntax_dword, 4); n += 4;
  memcpy(set + n, &four, 4); n += 4;
  memcpy(set + n, &one, 4); n += 4;
  memcpy(set + n, &end, 4); n += 4; /* the value's end mark */
  memcpy(set + n, &end, 4); n += 4; /* the list's */
  CHECK_ERR(ClusterGroupControl(vm, NULL, CLUSCTL_GROUP_SET_COMMON_PROPERTIES, set, n, NULL, 0, NULL),
            ERROR_INVALID_PARAMETER);
  CHECK(group_type(vm) == ClusGroupTypeVirtualMachine);

  /* Refusals: NULL, no group created. */
  CLUSTER_CREATE_GROUP_INFO v2 = {2, ClusGroupTypeVirtualMachine};
  SetLastError(0);
  CHECK(CreateClusterGroupEx(cluster, L"VM bad", &v2) == NULL && GetLastError() == ERROR_INVALID_PARAMETER);
  CHECK(OpenClusterGroup(cluster, L"VM bad") == NULL && GetLastError() == ERROR_GROUP_NOT_FOUND);
  CHECK(CreateClusterGroupEx(cluster, L"vm WEB02", &info) == NULL && GetLastError() == ERROR_OBJECT_ALREADY_EXISTS);
  CHECK(CreateClusterGroupEx(cluster, NULL, &info) == NULL && GetLastError() == ERROR_INVALID_PARAMETER);
  CHECK(CreateClusterGroupEx(NULL, L"VM x", &info) == NULL && GetLastError() == ERROR_INVALID_HANDLE);

  CHECK_ERR(DeleteClusterGroup(vm), ERROR_SUCCESS);
  CHECK(CloseClusterGroup(vm) && CloseClusterGroup(plain));
  CHECK(CloseCluster(cluster));
  CHECK(ClusSimOpenHandleCount() == 0);
  return 0;
}
