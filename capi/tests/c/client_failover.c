/* A "keep my group online" client against node crashes and a stopped cluster service. */
#include <windows.h>
#include <clusapi.h>
#include <clusapi_sim.h>

#include <string.h>

#include "check.h"

int main(void) {
  HCLUSTER cluster = OpenCluster(NULL);
  CHECK(cluster != NULL);
  HGROUP core = OpenClusterGroup(cluster, L"Cluster Group");
  CHECK(core != NULL);
  WCHAR owner[16];
  DWORD cch = 16;
  CHECK(GetClusterGroupState(core, owner, &cch) == ClusterGroupOnline && weq(owner, L"NODE1"));

  CHECK_ERR(ClusSimCrashNode(L"NODE1"), ERROR_SUCCESS);
  cch = 16;
  CHECK(GetClusterGroupState(core, owner, &cch) == ClusterGroupOnline && weq(owner, L"NODE2"));
  HNODE node1 = OpenClusterNode(cluster, L"NODE1");
  CHECK(node1 != NULL && GetClusterNodeState(node1) == ClusterNodeDown);
  DWORD state = 0;
  CHECK_ERR(GetNodeClusterState(L"NODE1", &state), ERROR_SUCCESS);
  CHECK(state == ClusterStateNotRunning);
  CHECK_ERR(ClusSimRestoreNode(L"NODE1"), ERROR_SUCCESS);
  CHECK(GetClusterNodeState(node1) == ClusterNodeUp);
  CHECK_ERR(ClusSimCrashNode(L"NOPE"), ERROR_CLUSTER_NODE_NOT_FOUND);
  CHECK_ERR(ClusSimCrashNode(NULL), ERROR_INVALID_PARAMETER);

  CHECK_ERR(ClusSimStopService(NULL), ERROR_SUCCESS);
  CHECK(GetClusterGroupState(core, NULL, NULL) == ClusterGroupStateUnknown);
  CHECK(GetLastError() == RPC_S_SERVER_UNAVAILABLE);
  CHECK(OpenCluster(NULL) == NULL && GetLastError() == RPC_S_SERVER_UNAVAILABLE);
  CHECK_ERR(ClusSimStartService(L"SIMCLUSTER"), ERROR_SUCCESS);
  CHECK(GetClusterGroupState(core, NULL, NULL) == ClusterGroupOnline);
  CHECK_ERR(ClusSimStopService(L"ELSEWHERE"), RPC_S_SERVER_UNAVAILABLE);

  /* Networks. */
  HNETWORK net = OpenClusterNetwork(cluster, L"Cluster Network 1");
  CHECK(net != NULL);
  CHECK_ERR(ClusSimNetworkDown(L"Cluster Network 1"), ERROR_SUCCESS);
  CHECK(GetClusterNetworkState(net) == ClusterNetworkDown);
  CHECK_ERR(ClusSimPartitionNetwork(L"cluster network 1"), ERROR_SUCCESS);
  CHECK(GetClusterNetworkState(net) == ClusterNetworkPartitioned);
  CHECK_ERR(ClusSimRestoreNetwork(L"Cluster Network 1"), ERROR_SUCCESS);
  CHECK(GetClusterNetworkState(net) == ClusterNetworkUp);
  CHECK_ERR(ClusSimNetworkDown(L"Nowhere"), ERROR_CLUSTER_NETWORK_NOT_FOUND);
  CHECK(CloseClusterNetwork(net));

  /* A fault plan: the second move fails, and changes nothing. */
  CHECK_ERR(ClusSimInjectFault(L"MoveClusterGroup", NULL, 2, 0, 0, ERROR_HOST_NODE_NOT_AVAILABLE), ERROR_SUCCESS);
  CHECK_ERR(MoveClusterGroup(core, NULL), ERROR_SUCCESS);
  CHECK_ERR(MoveClusterGroup(core, NULL), ERROR_HOST_NODE_NOT_AVAILABLE);
  CHECK_ERR(MoveClusterGroup(core, NULL), ERROR_SUCCESS);
  CHECK_ERR(ClusSimInjectFault(L"GetClusterGroupState", L"Cluster Group", 0, 0, 0, RPC_S_CALL_FAILED), ERROR_SUCCESS);
  CHECK(GetClusterGroupState(core, NULL, NULL) == ClusterGroupStateUnknown && GetLastError() == RPC_S_CALL_FAILED);
  CHECK_ERR(ClusSimClearFaults(), ERROR_SUCCESS);
  CHECK(GetClusterGroupState(core, NULL, NULL) == ClusterGroupOnline);
  CHECK_ERR(ClusSimInjectFault(NULL, NULL, 0, 0, 0, 5), ERROR_INVALID_PARAMETER);

  /* A code no real cluster answers OpenCluster with is injected all the same, and the
   * message says so; a code it can answer is not marked. */
  CHECK_ERR(ClusSimInjectFault(L"OpenCluster", NULL, 1, 0, 0, ERROR_INVALID_STATE), ERROR_SUCCESS);
  CHECK(OpenCluster(NULL) == NULL && GetLastError() == ERROR_INVALID_STATE);
  char message[512];
  DWORD cb = sizeof message;
  CHECK_ERR(ClusSimLastErrorMessage(message, &cb), ERROR_SUCCESS);
  CHECK(strstr(message, "injected fault") != NULL && strstr(message, "not a code OpenCluster can answer") != NULL);
  CHECK_ERR(ClusSimClearFaults(), ERROR_SUCCESS);
  CHECK_ERR(ClusSimInjectFault(L"OpenCluster", NULL, 1, 0, 0, RPC_S_CALL_FAILED_DNE), ERROR_SUCCESS);
  CHECK(OpenCluster(NULL) == NULL && GetLastError() == RPC_S_CALL_FAILED_DNE);
  cb = sizeof message;
  CHECK_ERR(ClusSimLastErrorMessage(message, &cb), ERROR_SUCCESS);
  CHECK(strstr(message, "injected fault") != NULL && strstr(message, "not a code") == NULL);
  CHECK_ERR(ClusSimClearFaults(), ERROR_SUCCESS);
  /* Enumeration reads are never faulted: they read the snapshot the open took. */
  CHECK_ERR(ClusSimInjectFault(L"ClusterEnum", NULL, 0, 0, 0, ERROR_NO_MORE_ITEMS), ERROR_INVALID_PARAMETER);

  CHECK(CloseClusterNode(node1) && CloseClusterGroup(core) && CloseCluster(cluster));
  CHECK(ClusSimOpenHandleCount() == 0);
  printf("failover levers: ok\n");
  return 0;
}
