/* Every export once, with its success and its documented failures, in client style. */
#include <windows.h>
#include <clusapi.h>
#include <clusapi_sim.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

/* ClusterEnum with the grow-and-retry loop clients use; returns the number of items of
 * `type` seen, checking every returned type. */
static DWORD enumerate(HCLUSTER cluster, DWORD type) {
  HCLUSENUM e = ClusterOpenEnum(cluster, type);
  CHECK(e != NULL);
  DWORD count = ClusterGetEnumCount(e), seen = 0, cap = 0;
  WCHAR *buf = NULL;
  for (DWORD i = 0;; i++) {
    DWORD got_type = 0, cch = cap;
    DWORD rc = ClusterEnum(e, i, &got_type, buf, &cch);
    if (rc == ERROR_MORE_DATA) {
      free(buf);
      cap = cch + 1;
      buf = (WCHAR *)malloc(cap * sizeof(WCHAR));
      CHECK(buf != NULL);
      cch = cap;
      rc = ClusterEnum(e, i, &got_type, buf, &cch);
    }
    if (rc == ERROR_NO_MORE_ITEMS) break;
    CHECK_ERR(rc, ERROR_SUCCESS);
    CHECK((got_type & type) != 0);
    CHECK(wlen(buf) == cch);
    seen++;
  }
  free(buf);
  CHECK(seen == count);
  CHECK_ERR(ClusterCloseEnum(e), ERROR_SUCCESS);
  return seen;
}

int main(void) {
  DWORD granted = 0;
  HCLUSTER read = OpenClusterEx(NULL, GENERIC_READ, &granted);
  CHECK(read != NULL && granted == GENERIC_READ);
  HCLUSTER all = OpenClusterEx(L"node2", MAXIMUM_ALLOWED, &granted);
  CHECK(all != NULL && granted == GENERIC_ALL);
  HCLUSTER no_out = OpenClusterEx(NULL, GENERIC_ALL, NULL);
  CHECK(no_out != NULL);
  CHECK(OpenClusterEx(NULL, 0, &granted) == NULL && GetLastError() == ERROR_INVALID_PARAMETER);
  CHECK(OpenCluster(L"NOWHERE") == NULL && GetLastError() == RPC_S_SERVER_UNAVAILABLE);

  /* Objects of every kind: open by name in any case, Ex access, get the cluster back. */
  HNODE node = OpenClusterNode(all, L"node1");
  CHECK(node != NULL);
  CHECK(OpenClusterNodeEx(read, L"NODE1", GENERIC_ALL, &granted) == NULL);
  CHECK(GetLastError() == ERROR_ACCESS_DENIED);
  HNODE node_r = OpenClusterNodeEx(read, L"NODE2", MAXIMUM_ALLOWED, &granted);
  CHECK(node_r != NULL && granted == GENERIC_READ);
  HGROUP group = OpenClusterGroupEx(all, L"cluster group", GENERIC_ALL, &granted);
  CHECK(group != NULL && granted == GENERIC_ALL);
  HRESOURCE res = OpenClusterResourceEx(all, L"Cluster Name", GENERIC_READ, NULL);
  CHECK(res != NULL);
  HNETWORK net = OpenClusterNetworkEx(all, L"Cluster Network 2", GENERIC_READ, &granted);
  CHECK(net != NULL && granted == GENERIC_READ);
  HNETINTERFACE nic = OpenClusterNetInterfaceEx(all, L"NODE2 - Cluster Network 2", GENERIC_READ, &granted);
  CHECK(nic != NULL);
  CHECK(OpenClusterNode(all, L"NODE9") == NULL && GetLastError() == ERROR_CLUSTER_NODE_NOT_FOUND);
  CHECK(OpenClusterGroup(all, L"SQL") == NULL && GetLastError() == ERROR_GROUP_NOT_FOUND);
  CHECK(OpenClusterResource(all, L"Disk") == NULL && GetLastError() == ERROR_RESOURCE_NOT_FOUND);
  CHECK(OpenClusterNetwork(all, L"Backup") == NULL && GetLastError() == ERROR_CLUSTER_NETWORK_NOT_FOUND);
  CHECK(OpenClusterNetInterface(all, L"x") == NULL && GetLastError() == ERROR_CLUSTER_NETINTERFACE_NOT_FOUND);
  HCLUSTER from[5] = {GetClusterFromNode(node), GetClusterFromGroup(group), GetClusterFromResource(res),
                      GetClusterFromNetwork(net), GetClusterFromNetInterface(nic)};
  for (int i = 0; i < 5; i++) CHECK(from[i] != NULL && CloseCluster(from[i]));

  /* States. */
  CHECK(GetClusterNodeState(node) == ClusterNodeUp);
  WCHAR owner[16];
  DWORD cch = 16;
  CHECK(GetClusterGroupState(group, owner, &cch) == ClusterGroupOnline && weq(owner, L"NODE1"));
  CHECK(GetClusterResourceState(res, NULL, NULL, NULL, NULL) == ClusterResourceOnline);
  CHECK(GetClusterNetworkState(net) == ClusterNetworkUp);
  CHECK(GetClusterNetInterfaceState(nic) == ClusterNetInterfaceUp);

  /* Cluster information and version. */
  WCHAR name[MAX_CLUSTERNAME_LENGTH + 1];
  cch = MAX_CLUSTERNAME_LENGTH + 1;
  CLUSTERVERSIONINFO info;
  memset(&info, 0, sizeof info);
  info.dwVersionInfoSize = sizeof info;
  CHECK_ERR(GetClusterInformation(all, name, &cch, &info), ERROR_SUCCESS);
  CHECK(weq(name, L"SIMCLUSTER") && cch == 10);
  CHECK(info.MajorVersion == 10 && info.BuildNumber == 20348);
  CHECK(weq(info.szVendorId, L"Microsoft(R) Cluster Service"));
  CHECK(CLUSTER_GET_MAJOR_VERSION(info.dwClusterHighestVersion) == 11);
  CLUSTERVERSIONINFO_NT4 nt4;
  nt4.dwVersionInfoSize = sizeof nt4;
  cch = MAX_CLUSTERNAME_LENGTH + 1;
  CHECK_ERR(GetClusterInformation(all, name, &cch, (LPCLUSTERVERSIONINFO)&nt4), ERROR_SUCCESS);
  CHECK(nt4.MajorVersion == 10);
  info.dwVersionInfoSize = 4;
  cch = MAX_CLUSTERNAME_LENGTH + 1;
  CHECK_ERR(GetClusterInformation(all, name, &cch, &info), ERROR_INVALID_PARAMETER);

  /* Node cluster state, node ids, network ids, interfaces. */
  DWORD state = 99;
  CHECK_ERR(GetNodeClusterState(NULL, &state), ERROR_SUCCESS);
  CHECK(state == ClusterStateRunning);
  CHECK_ERR(GetNodeClusterState(L"NODE2", &state), ERROR_SUCCESS);
  CHECK(state == ClusterStateRunning);
  CHECK_ERR(GetNodeClusterState(L"FILESERVER", &state), ERROR_SUCCESS);
  CHECK(state == ClusterStateNotInstalled);
  CHECK_ERR(GetNodeClusterState(NULL, NULL), ERROR_INVALID_PARAMETER);
  WCHAR id[64];
  cch = 64;
  CHECK_ERR(GetCurrentClusterNodeId(id, &cch), ERROR_SUCCESS);
  CHECK(weq(id, L"1"));
  cch = 64;
  CHECK_ERR(GetClusterNodeId(node_r, id, &cch), ERROR_SUCCESS);
  CHECK(weq(id, L"2"));
  cch = 64;
  CHECK_ERR(GetClusterNetworkId(net, id, &cch), ERROR_SUCCESS);
  CHECK(cch == 36);
  cch = 64;
  CHECK_ERR(GetClusterNetInterface(all, L"NODE2", L"Cluster Network 1", id, &cch), ERROR_SUCCESS);
  CHECK(weq(id, L"NODE2 - Cluster Network 1"));
  cch = 64;
  CHECK_ERR(GetClusterNetInterface(all, L"NODE9", L"Nowhere", id, &cch), ERROR_CLUSTER_NODE_NOT_FOUND);
  CHECK_ERR(GetClusterNetInterface(all, L"NODE1", L"Nowhere", id, &cch), ERROR_CLUSTER_NETWORK_NOT_FOUND);

  /* Enumerations. */
  CHECK(enumerate(read, CLUSTER_ENUM_NODE) == 2);
  CHECK(enumerate(read, CLUSTER_ENUM_GROUP | CLUSTER_ENUM_RESOURCE) == 4);
  CHECK(enumerate(read, CLUSTER_ENUM_ALL) > 10);
  CHECK(ClusterOpenEnum(read, 0x40) == NULL && GetLastError() == ERROR_INVALID_PARAMETER);
  HNETWORKENUM ne = ClusterNetworkOpenEnum(net, CLUSTER_NETWORK_ENUM_NETINTERFACES);
  CHECK(ne != NULL && ClusterNetworkGetEnumCount(ne) == 2);
  DWORD type = 0;
  cch = 64;
  CHECK_ERR(ClusterNetworkEnum(ne, 1, &type, id, &cch), ERROR_SUCCESS);
  CHECK(type == CLUSTER_NETWORK_ENUM_NETINTERFACES && weq(id, L"NODE2 - Cluster Network 2"));
  CHECK_ERR(ClusterNetworkEnum(ne, 2, &type, id, &cch), ERROR_NO_MORE_ITEMS);
  CHECK_ERR(ClusterNetworkCloseEnum(ne), ERROR_SUCCESS);

  /* The last error is the thread's own. */
  SetLastError(4242);
  CHECK(GetLastError() == 4242);

  /* The leak report names what is still open. */
  DWORD cb = 0;
  CHECK_ERR(ClusSimLeakReport(NULL, &cb), ERROR_MORE_DATA);
  char *report = (char *)malloc(cb + 1);
  CHECK(report != NULL);
  DWORD cap = cb + 1;
  CHECK_ERR(ClusSimLeakReport(report, &cap), ERROR_SUCCESS);
  CHECK(cap == cb && strstr(report, "HNetInterface") != NULL && strstr(report, "NODE2 - Cluster Network 2"));
  free(report);

  CHECK(CloseClusterNode(node) && CloseClusterNode(node_r) && CloseClusterGroup(group));
  CHECK(CloseClusterResource(res) && CloseClusterNetwork(net) && CloseClusterNetInterface(nic));
  CHECK(CloseCluster(read) && CloseCluster(all) && CloseCluster(no_out));
  CHECK(ClusSimOpenHandleCount() == 0);

  /* Loading a topology replaces the world; a bad one leaves it as it was. */
  HCLUSTER old = OpenCluster(NULL);
  CHECK(old != NULL);
  CHECK_ERR(ClusSimLoadTopology("[[cluster]]\nname = \"C2\"\nnodes = [\"A\", \"B\"]\nnetworks = [\"LAN\"]\n"),
            ERROR_SUCCESS);
  CHECK(!CloseCluster(old) && GetLastError() == ERROR_INVALID_HANDLE);
  HCLUSTER c2 = OpenCluster(L"a");
  CHECK(c2 != NULL);
  CHECK_ERR(ClusSimLoadTopology("[[cluster]\nname = "), ERROR_INVALID_DATA);
  CHECK_ERR(ClusSimLoadTopology(NULL), ERROR_INVALID_PARAMETER);
  CHECK(ClusSimOpenHandleCount() == 1 && CloseCluster(c2));
  CHECK_ERR(ClusSimReset(), ERROR_SUCCESS);
  HCLUSTER fresh = OpenCluster(L"SIMCLUSTER");
  CHECK(fresh != NULL && CloseCluster(fresh));
  printf("every function: ok\n");
  return 0;
}
