/* Compiled against the real, public-domain MinGW-w64 clusapi.h (the test driver puts its
 * directory first on the include path) with our windows.h: proof that the exports have the
 * real names and signatures. Linked with -lclusapi. */
#include <windows.h>
#include <clusapi.h>

#include "check.h"

DWORD ClusSimOpenHandleCount(void);

int main(void) {
  DWORD state = 0, cch = 64, type = 0;
  WCHAR buf[64];
  CHECK_ERR(GetNodeClusterState(NULL, &state), ERROR_SUCCESS);
  CHECK((state & 3) == 3);
  HCLUSTER cluster = OpenCluster(NULL);
  CHECK(cluster != NULL);
  CHECK_ERR(GetClusterInformation(cluster, buf, &cch, NULL), ERROR_SUCCESS);

  HCLUSENUM e = ClusterOpenEnum(cluster, CLUSTER_ENUM_NODE | CLUSTER_ENUM_GROUP);
  CHECK(e != NULL && ClusterGetEnumCount(e) == 4);
  cch = 64;
  CHECK_ERR(ClusterEnum(e, 0, &type, buf, &cch), ERROR_SUCCESS);
  CHECK(type == CLUSTER_ENUM_NODE && weq(buf, L"NODE1"));
  CHECK_ERR(ClusterCloseEnum(e), ERROR_SUCCESS);

  HNODE node = OpenClusterNode(cluster, L"NODE1");
  CHECK(node != NULL && GetClusterNodeState(node) == ClusterNodeUp);
  cch = 64;
  CHECK_ERR(GetClusterNodeId(node, buf, &cch), ERROR_SUCCESS);
  HCLUSTER c1 = GetClusterFromNode(node);
  HGROUP group = OpenClusterGroup(cluster, L"Cluster Group");
  CHECK(group != NULL);
  cch = 64;
  CHECK(GetClusterGroupState(group, buf, &cch) == ClusterGroupOnline);
  HCLUSTER c2 = GetClusterFromGroup(group);
  HRESOURCE res = OpenClusterResource(cluster, L"Cluster Name");
  CHECK(res != NULL);
  CHECK(GetClusterResourceState(res, NULL, NULL, NULL, NULL) == ClusterResourceOnline);
  HCLUSTER c3 = GetClusterFromResource(res);
  HNETWORK net = OpenClusterNetwork(cluster, L"Cluster Network 1");
  CHECK(net != NULL && GetClusterNetworkState(net) == ClusterNetworkUp);
  cch = 64;
  CHECK_ERR(GetClusterNetworkId(net, buf, &cch), ERROR_SUCCESS);
  HCLUSTER c4 = GetClusterFromNetwork(net);
  HNETWORKENUM ne = ClusterNetworkOpenEnum(net, CLUSTER_NETWORK_ENUM_NETINTERFACES);
  CHECK(ne != NULL && ClusterNetworkGetEnumCount(ne) == 2);
  cch = 64;
  CHECK_ERR(ClusterNetworkEnum(ne, 0, &type, buf, &cch), ERROR_SUCCESS);
  CHECK_ERR(ClusterNetworkCloseEnum(ne), ERROR_SUCCESS);
  cch = 64;
  CHECK_ERR(GetClusterNetInterface(cluster, L"NODE1", L"Cluster Network 1", buf, &cch), ERROR_SUCCESS);
  HNETINTERFACE nic = OpenClusterNetInterface(cluster, buf);
  CHECK(nic != NULL && GetClusterNetInterfaceState(nic) == ClusterNetInterfaceUp);
  HCLUSTER c5 = GetClusterFromNetInterface(nic);
  CHECK(c1 && c2 && c3 && c4 && c5);

  /* Control functions, as the real header declares them. */
  HGROUP g = CreateClusterGroup(cluster, L"Conformance");
  CHECK(g != NULL);
  HRESOURCE r = CreateClusterResource(g, L"Conformance Service", L"Generic Service", 0);
  CHECK(r != NULL);
  CHECK_ERR(OnlineClusterResource(r), ERROR_SUCCESS);
  HNODE list[1] = {node};
  CHECK_ERR(SetClusterGroupNodeList(g, 1, list), ERROR_SUCCESS);
  CHECK_ERR(MoveClusterGroup(g, NULL), ERROR_SUCCESS);
  CHECK_ERR(OnlineClusterGroup(g, NULL), ERROR_SUCCESS);
  CHECK_ERR(OfflineClusterResource(r), ERROR_SUCCESS);
  CHECK_ERR(DeleteClusterResource(r), ERROR_SUCCESS);
  CHECK_ERR(OfflineClusterGroup(g), ERROR_SUCCESS);
  CHECK_ERR(DeleteClusterGroup(g), ERROR_SUCCESS);
  CHECK_ERR(PauseClusterNode(node), ERROR_SUCCESS);
  CHECK_ERR(ResumeClusterNode(node), ERROR_SUCCESS);
  CHECK(CloseClusterResource(r) && CloseClusterGroup(g));

  CHECK(CloseClusterNetInterface(nic) && CloseClusterNetwork(net) && CloseClusterResource(res));
  CHECK(CloseClusterGroup(group) && CloseClusterNode(node));
  CHECK(CloseCluster(c1) && CloseCluster(c2) && CloseCluster(c3) && CloseCluster(c4) && CloseCluster(c5));
  CHECK(CloseCluster(cluster));
  CHECK(ClusSimOpenHandleCount() == 0);
  printf("MinGW-w64 clusapi.h conformance: ok\n");
  return 0;
}
