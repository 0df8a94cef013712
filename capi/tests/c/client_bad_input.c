/* Bad input of every class: a clean Win32 error each time, never a crash. */
#include <windows.h>
#include <clusapi.h>
#include <clusapi_sim.h>
#include <stdint.h>
#include <stdlib.h>

#include "check.h"

#define BAD_HANDLE_EVERYWHERE(h)                                                                      \
  do {                                                                                                \
    DWORD t_ = 0, n_ = 8;                                                                             \
    WCHAR b_[8];                                                                                      \
    CHECK(!CloseCluster((HCLUSTER)(h)) && GetLastError() == ERROR_INVALID_HANDLE);                    \
    CHECK(OpenClusterNode((HCLUSTER)(h), L"NODE1") == NULL && GetLastError() == ERROR_INVALID_HANDLE); \
    CHECK(ClusterOpenEnum((HCLUSTER)(h), CLUSTER_ENUM_NODE) == NULL);                                  \
    CHECK(GetLastError() == ERROR_INVALID_HANDLE);                                                    \
    CHECK_ERR(GetClusterInformation((HCLUSTER)(h), b_, &n_, NULL), ERROR_INVALID_HANDLE);             \
    CHECK(!CloseClusterNode((HNODE)(h)) && GetLastError() == ERROR_INVALID_HANDLE);                   \
    CHECK(!CloseClusterGroup((HGROUP)(h)) && GetLastError() == ERROR_INVALID_HANDLE);                 \
    CHECK(!CloseClusterResource((HRESOURCE)(h)) && GetLastError() == ERROR_INVALID_HANDLE);           \
    CHECK(!CloseClusterNetwork((HNETWORK)(h)) && GetLastError() == ERROR_INVALID_HANDLE);             \
    CHECK(!CloseClusterNetInterface((HNETINTERFACE)(h)) && GetLastError() == ERROR_INVALID_HANDLE);   \
    CHECK(GetClusterFromNode((HNODE)(h)) == NULL && GetLastError() == ERROR_INVALID_HANDLE);          \
    CHECK(GetClusterFromGroup((HGROUP)(h)) == NULL && GetLastError() == ERROR_INVALID_HANDLE);        \
    CHECK(GetClusterFromResource((HRESOURCE)(h)) == NULL && GetLastError() == ERROR_INVALID_HANDLE);  \
    CHECK(GetClusterFromNetwork((HNETWORK)(h)) == NULL && GetLastError() == ERROR_INVALID_HANDLE);    \
    CHECK(GetClusterFromNetInterface((HNETINTERFACE)(h)) == NULL);                                    \
    CHECK(GetLastError() == ERROR_INVALID_HANDLE);                                                    \
    CHECK(GetClusterNodeState((HNODE)(h)) == ClusterNodeStateUnknown);                                \
    CHECK(GetClusterGroupState((HGROUP)(h), NULL, NULL) == ClusterGroupStateUnknown);                 \
    CHECK(GetClusterResourceState((HRESOURCE)(h), NULL, NULL, NULL, NULL) == ClusterResourceStateUnknown); \
    CHECK(GetClusterNetworkState((HNETWORK)(h)) == ClusterNetworkStateUnknown);                       \
    CHECK(GetClusterNetInterfaceState((HNETINTERFACE)(h)) == ClusterNetInterfaceStateUnknown);        \
    CHECK_ERR(GetClusterNetworkId((HNETWORK)(h), b_, &n_), ERROR_INVALID_HANDLE);                     \
    CHECK(ClusterNetworkOpenEnum((HNETWORK)(h), 1) == NULL && GetLastError() == ERROR_INVALID_HANDLE); \
    SetLastError(0);                                                                                  \
    CHECK(ClusterGetEnumCount((HCLUSENUM)(h)) == 0 && GetLastError() == ERROR_INVALID_HANDLE);        \
    CHECK_ERR(ClusterEnum((HCLUSENUM)(h), 0, &t_, b_, &n_), ERROR_INVALID_HANDLE);                    \
    CHECK_ERR(ClusterCloseEnum((HCLUSENUM)(h)), ERROR_INVALID_HANDLE);                                \
    SetLastError(0);                                                                                  \
    CHECK(ClusterNetworkGetEnumCount((HNETWORKENUM)(h)) == 0 && GetLastError() == ERROR_INVALID_HANDLE); \
    CHECK_ERR(ClusterNetworkEnum((HNETWORKENUM)(h), 0, &t_, b_, &n_), ERROR_INVALID_HANDLE);          \
    CHECK_ERR(ClusterNetworkCloseEnum((HNETWORKENUM)(h)), ERROR_INVALID_HANDLE);                      \
    CHECK_ERR(OnlineClusterGroup((HGROUP)(h), NULL), ERROR_INVALID_HANDLE);                           \
    CHECK_ERR(OfflineClusterGroup((HGROUP)(h)), ERROR_INVALID_HANDLE);                                \
    CHECK_ERR(MoveClusterGroup((HGROUP)(h), NULL), ERROR_INVALID_HANDLE);                             \
    CHECK_ERR(DeleteClusterGroup((HGROUP)(h)), ERROR_INVALID_HANDLE);                                 \
    CHECK_ERR(SetClusterGroupNodeList((HGROUP)(h), 0, NULL), ERROR_INVALID_HANDLE);                   \
    CHECK(CreateClusterGroup((HCLUSTER)(h), L"G") == NULL && GetLastError() == ERROR_INVALID_HANDLE); \
    CHECK(CreateClusterResource((HGROUP)(h), L"R", L"IP Address", 0) == NULL);                        \
    CHECK(GetLastError() == ERROR_INVALID_HANDLE);                                                    \
    CHECK_ERR(OnlineClusterResource((HRESOURCE)(h)), ERROR_INVALID_HANDLE);                           \
    CHECK_ERR(OfflineClusterResource((HRESOURCE)(h)), ERROR_INVALID_HANDLE);                          \
    CHECK_ERR(FailClusterResource((HRESOURCE)(h)), ERROR_INVALID_HANDLE);                             \
    CHECK_ERR(DeleteClusterResource((HRESOURCE)(h)), ERROR_INVALID_HANDLE);                           \
    CHECK_ERR(AddClusterResourceDependency((HRESOURCE)(h), (HRESOURCE)(h)), ERROR_INVALID_HANDLE);    \
    CHECK_ERR(RemoveClusterResourceDependency((HRESOURCE)(h), (HRESOURCE)(h)), ERROR_INVALID_HANDLE); \
    CHECK_ERR(PauseClusterNode((HNODE)(h)), ERROR_INVALID_HANDLE);                                    \
    CHECK_ERR(ResumeClusterNode((HNODE)(h)), ERROR_INVALID_HANDLE);                                   \
    CHECK_ERR(EvictClusterNode((HNODE)(h)), ERROR_INVALID_HANDLE);                                    \
    CHECK_ERR(SetClusterNetworkName((HNETWORK)(h), L"N"), ERROR_INVALID_HANDLE);                      \
    CHECK(ClusterNodeOpenEnum((HNODE)(h), 3) == NULL && GetLastError() == ERROR_INVALID_HANDLE);      \
    CHECK(ClusterGroupOpenEnum((HGROUP)(h), 3) == NULL && GetLastError() == ERROR_INVALID_HANDLE);    \
    CHECK(ClusterResourceOpenEnum((HRESOURCE)(h), 7) == NULL);                                        \
    CHECK(GetLastError() == ERROR_INVALID_HANDLE);                                                    \
    CHECK(ClusterNodeGetEnumCount((HNODEENUM)(h)) == 0 && GetLastError() == ERROR_INVALID_HANDLE);    \
    CHECK(ClusterGroupGetEnumCount((HGROUPENUM)(h)) == 0 && GetLastError() == ERROR_INVALID_HANDLE);  \
    CHECK(ClusterResourceGetEnumCount((HRESENUM)(h)) == 0 && GetLastError() == ERROR_INVALID_HANDLE); \
    CHECK_ERR(ClusterNodeEnum((HNODEENUM)(h), 0, &t_, b_, &n_), ERROR_INVALID_HANDLE);                \
    CHECK_ERR(ClusterGroupEnum((HGROUPENUM)(h), 0, &t_, b_, &n_), ERROR_INVALID_HANDLE);              \
    CHECK_ERR(ClusterResourceEnum((HRESENUM)(h), 0, &t_, b_, &n_), ERROR_INVALID_HANDLE);             \
    CHECK_ERR(ClusterNodeCloseEnum((HNODEENUM)(h)), ERROR_INVALID_HANDLE);                            \
    CHECK_ERR(ClusterGroupCloseEnum((HGROUPENUM)(h)), ERROR_INVALID_HANDLE);                          \
    CHECK_ERR(ClusterResourceCloseEnum((HRESENUM)(h)), ERROR_INVALID_HANDLE);                         \
    /* hCluster = INVALID_HANDLE_VALUE is a valid port without a cluster (client_notify.c). */      \
    if ((HANDLE)(h) != INVALID_HANDLE_VALUE)                                                          \
      CHECK(CreateClusterNotifyPort((HCHANGE)INVALID_HANDLE_VALUE, (HCLUSTER)(h), 1, 0) == NULL);     \
    CHECK(!CloseClusterNotifyPort((HCHANGE)(h)) && GetLastError() == ERROR_INVALID_HANDLE);           \
    CHECK_ERR(RegisterClusterNotify((HCHANGE)(h), 1, (HANDLE)(h), 0), ERROR_INVALID_HANDLE);          \
  } while (0)

int main(void) {
  HCLUSTER cluster = OpenCluster(NULL);
  CHECK(cluster != NULL);
  HNODE node = OpenClusterNode(cluster, L"NODE1");
  HNETWORK net = OpenClusterNetwork(cluster, L"Cluster Network 1");
  HCLUSENUM e = ClusterOpenEnum(cluster, CLUSTER_ENUM_ALL);
  CHECK(node != NULL && net != NULL && e != NULL);
  DWORD held = ClusSimOpenHandleCount();

  /* NULL, forged values, INVALID_HANDLE_VALUE, closed handles, wrong kinds. */
  BAD_HANDLE_EVERYWHERE(NULL);
  BAD_HANDLE_EVERYWHERE(1);
  BAD_HANDLE_EVERYWHERE(0x10);
  BAD_HANDLE_EVERYWHERE(0xdeadbeef);
  BAD_HANDLE_EVERYWHERE(INVALID_HANDLE_VALUE);
  uint64_t x = 0x243f6a8885a308d3ull;
  for (int i = 0; i < 200; i++) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    BAD_HANDLE_EVERYWHERE((uintptr_t)x);
  }
  HNODE closed = OpenClusterNode(cluster, L"NODE2");
  CHECK(CloseClusterNode(closed));
  BAD_HANDLE_EVERYWHERE(closed);
  CHECK(!CloseClusterGroup((HGROUP)node) && GetLastError() == ERROR_INVALID_HANDLE);
  CHECK(!CloseCluster((HCLUSTER)net) && GetLastError() == ERROR_INVALID_HANDLE);
  CHECK_ERR(ClusterNetworkCloseEnum((HNETWORKENUM)e), ERROR_INVALID_HANDLE);
  CHECK(ClusSimOpenHandleCount() == held);

  /* A node list that does not say what it holds. */
  HGROUP core = OpenClusterGroup(cluster, L"Cluster Group");
  CHECK(core != NULL);
  CHECK_ERR(SetClusterGroupNodeList(core, 3, NULL), ERROR_INVALID_PARAMETER);
  CHECK_ERR(SetClusterGroupNodeList(core, 0x7FFFFFFF, (HNODE *)&node), ERROR_INVALID_PARAMETER);
  HNODE wrong[1] = {(HNODE)net};
  CHECK_ERR(SetClusterGroupNodeList(core, 1, wrong), ERROR_INVALID_HANDLE);
  CHECK(CloseClusterGroup(core));

  /* Names: NULL, no NUL in the first 64K units, invalid UTF-16. */
  CHECK(OpenClusterNode(cluster, NULL) == NULL && GetLastError() == ERROR_INVALID_PARAMETER);
  CHECK(OpenClusterGroupEx(cluster, NULL, GENERIC_READ, NULL) == NULL);
  CHECK(GetLastError() == ERROR_INVALID_PARAMETER);
  size_t units = 65536 + 16;
  WCHAR *huge = (WCHAR *)malloc(units * sizeof(WCHAR));
  CHECK(huge != NULL);
  for (size_t i = 0; i < units; i++) huge[i] = L'A';
  huge[65536 + 8] = 0; /* readable to here, but past the 64K limit */
  CHECK(OpenClusterNetwork(cluster, huge) == NULL && GetLastError() == ERROR_INVALID_PARAMETER);
  CHECK(OpenCluster(huge) == NULL && GetLastError() == ERROR_INVALID_PARAMETER);
  huge[65535] = 0; /* 65535 units and a NUL: a (long) name, and no such network */
  CHECK(OpenClusterNetwork(cluster, huge) == NULL && GetLastError() == ERROR_CLUSTER_NETWORK_NOT_FOUND);
  free(huge);
  WCHAR lone[] = {0xD800, 'x', 0};
  CHECK(OpenClusterResource(cluster, lone) == NULL && GetLastError() == ERROR_INVALID_PARAMETER);
  DWORD cch = 8, type = 0, state = 0;
  WCHAR buf[8];
  CHECK_ERR(GetClusterNetInterface(cluster, NULL, L"Cluster Network 1", buf, &cch), ERROR_INVALID_PARAMETER);
  CHECK_ERR(GetNodeClusterState(lone, &state), ERROR_INVALID_PARAMETER);

  /* Out-pointers the API requires, and buffers too small or missing. */
  CHECK_ERR(ClusterEnum(e, 0, NULL, buf, &cch), ERROR_INVALID_PARAMETER);
  CHECK_ERR(ClusterEnum(e, 0, &type, buf, NULL), ERROR_INVALID_PARAMETER);
  CHECK_ERR(GetClusterNetworkId(net, buf, NULL), ERROR_INVALID_PARAMETER);
  CHECK_ERR(GetClusterInformation(cluster, buf, NULL, NULL), ERROR_INVALID_PARAMETER);
  cch = 5; /* "NODE1" needs 6 with the NUL */
  buf[0] = 0x7777;
  CHECK_ERR(ClusterEnum(e, 0, &type, buf, &cch), ERROR_MORE_DATA);
  CHECK(cch == 5 && buf[0] == 0x7777);
  cch = 0;
  CHECK_ERR(GetClusterNodeId(node, NULL, &cch), ERROR_MORE_DATA);
  CHECK(cch == 1);
  cch = 8;
  CHECK_ERR(ClusterEnum(e, 100000, &type, buf, &cch), ERROR_NO_MORE_ITEMS);
  CHECK_ERR(ClusterEnum(e, 0xFFFFFFFF, &type, buf, &cch), ERROR_NO_MORE_ITEMS);

  /* Unknown enumeration bits. */
  CHECK(ClusterOpenEnum(cluster, 0) == NULL && GetLastError() == ERROR_INVALID_PARAMETER);
  CHECK(ClusterOpenEnum(cluster, 0x100) == NULL && GetLastError() == ERROR_INVALID_PARAMETER);
  HNETWORKENUM ne = ClusterNetworkOpenEnum(net, 0xFFFFFFFE);
  CHECK(ne != NULL && ClusterNetworkGetEnumCount(ne) == 0); /* unknown bits ignored */
  CHECK_ERR(ClusterNetworkCloseEnum(ne), ERROR_SUCCESS);

  CHECK(ClusSimOpenHandleCount() == held);
  CHECK_ERR(ClusterCloseEnum(e), ERROR_SUCCESS);
  CHECK(CloseClusterNetwork(net) && CloseClusterNode(node) && CloseCluster(cluster));
  CHECK(ClusSimOpenHandleCount() == 0);
  printf("bad input: ok\n");
  return 0;
}
