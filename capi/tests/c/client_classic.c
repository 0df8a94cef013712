/* The classic calls: possible owners and failover, CanResourceBeDependent,
 * ChangeClusterResourceGroup, the quorum resource (with the buffer protocol),
 * GetClusterResourceNetworkName, the renames, the network priority order,
 * EvictClusterNodeEx, and the calls modern servers no longer implement. */
#include <windows.h>
#include <clusapi.h>
#include <clusapi_sim.h>

#include "check.h"

static void owner_of(HGROUP group, WCHAR *owner, DWORD cap) {
  DWORD cch = cap;
  CHECK(GetClusterGroupState(group, owner, &cch) != ClusterGroupStateUnknown);
}

int main(void) {
  CHECK_ERR(ClusSimReset(), ERROR_SUCCESS);
  HCLUSTER cluster = OpenCluster(NULL);
  CHECK(cluster != NULL);
  HNODE node1 = OpenClusterNode(cluster, L"NODE1");
  HNODE node2 = OpenClusterNode(cluster, L"NODE2");
  CHECK(node1 != NULL && node2 != NULL);

  /* Possible owners: a group goes only where every resource may run. */
  HGROUP app = CreateClusterGroup(cluster, L"App");
  CHECK(app != NULL);
  HRESOURCE name = CreateClusterResource(app, L"AppName", L"Network Name", 0);
  HRESOURCE svc = CreateClusterResource(app, L"AppSvc", L"Generic Service", 0);
  CHECK(name != NULL && svc != NULL);
  CHECK_ERR(AddClusterResourceNode(svc, node2), ERROR_OBJECT_ALREADY_EXISTS);
  CHECK_ERR(RemoveClusterResourceNode(svc, node2), ERROR_SUCCESS);
  CHECK_ERR(RemoveClusterResourceNode(svc, node2), ERROR_CLUSTER_NODE_NOT_FOUND);
  CHECK_ERR(RemoveClusterResourceNode(svc, node1), ERROR_INVALID_STATE); /* the last one */
  HRESENUM owners = ClusterResourceOpenEnum(svc, CLUSTER_RESOURCE_ENUM_NODES);
  CHECK(owners != NULL && ClusterResourceGetEnumCount(owners) == 1);
  CHECK_ERR(ClusterResourceCloseEnum(owners), ERROR_SUCCESS);
  CHECK_ERR(MoveClusterGroup(app, node2), ERROR_HOST_NODE_NOT_RESOURCE_OWNER);
  CHECK_ERR(OnlineClusterGroup(app, node2), ERROR_HOST_NODE_NOT_RESOURCE_OWNER);
  CHECK_ERR(MoveClusterGroup(app, NULL), ERROR_HOST_NODE_NOT_AVAILABLE);
  CHECK_ERR(AddClusterResourceNode(svc, node2), ERROR_SUCCESS);
  CHECK_ERR(MoveClusterGroup(app, node2), ERROR_SUCCESS);
  WCHAR owner[32];
  owner_of(app, owner, 32);
  CHECK(weq(owner, L"NODE2"));

  /* Dependencies and the network name. */
  CHECK(CanResourceBeDependent(svc, name) == TRUE);
  /* A "no" gives its reason as the last error (MS-CMRP 3.1.4.2.22). */
  CHECK(CanResourceBeDependent(svc, svc) == FALSE && GetLastError() == ERROR_INVALID_PARAMETER);
  CHECK(CanResourceBeDependent(svc, NULL) == FALSE && GetLastError() == ERROR_INVALID_HANDLE);
  CHECK(GetClusterResourceNetworkName(svc, owner, &(DWORD){32}) == FALSE);
  CHECK(GetLastError() == ERROR_DEPENDENCY_NOT_FOUND);
  CHECK_ERR(AddClusterResourceDependency(svc, name), ERROR_SUCCESS);
  CHECK(CanResourceBeDependent(name, svc) == FALSE && GetLastError() == ERROR_CIRCULAR_DEPENDENCY);
  CHECK(CanResourceBeDependent(svc, name) == FALSE && GetLastError() == ERROR_DEPENDENCY_ALREADY_EXISTS);
  DWORD size = 3;
  WCHAR small[3] = {0x7777, 0x7777, 0x7777};
  CHECK(GetClusterResourceNetworkName(svc, small, &size) == FALSE);
  CHECK(GetLastError() == ERROR_MORE_DATA && size == 7 && small[0] == 0x7777);
  WCHAR dns[16];
  size = 16;
  CHECK(GetClusterResourceNetworkName(svc, dns, &size) == TRUE);
  CHECK(weq(dns, L"AppName") && size == 7);
  HRESOURCE core_ip = OpenClusterResource(cluster, L"Cluster IP Address");
  CHECK(core_ip != NULL);

  /* Only the cluster's own resources are core: an ordinary one in the core group is
     deleted once offline (as real servers do); the cluster's address is not. */
  HGROUP core = OpenClusterGroup(cluster, L"Cluster Group");
  CHECK(core != NULL);
  HRESOURCE agent = CreateClusterResource(core, L"Backup Agent", L"Generic Service", 0);
  CHECK(agent != NULL);
  CHECK_ERR(DeleteClusterResource(agent), ERROR_SUCCESS);
  CHECK(CloseClusterResource(agent) == TRUE);
  CHECK(CloseClusterGroup(core) == TRUE);
  CHECK_ERR(OfflineClusterResource(core_ip), ERROR_SUCCESS);
  CHECK_ERR(DeleteClusterResource(core_ip), ERROR_CORE_RESOURCE);
  CHECK_ERR(OnlineClusterResource(core_ip), ERROR_SUCCESS);

  /* ChangeClusterResourceGroup. */
  HGROUP other = CreateClusterGroup(cluster, L"Other");
  CHECK(other != NULL);
  /* Both groups must have one owner (App is on NODE2, Other on NODE1). */
  CHECK_ERR(ChangeClusterResourceGroup(svc, other), ERROR_HOST_NODE_NOT_GROUP_OWNER);
  CHECK_ERR(MoveClusterGroup(app, node1), ERROR_SUCCESS);
  CHECK_ERR(ChangeClusterResourceGroup(svc, app), ERROR_ALREADY_EXISTS);
  CHECK_ERR(ChangeClusterResourceGroup(core_ip, other), ERROR_CORE_RESOURCE);
  /* The resource moves with its dependency tree: AppName, which it depends on, too. */
  CHECK_ERR(ChangeClusterResourceGroup(svc, other), ERROR_SUCCESS);
  WCHAR group_name[32];
  DWORD gcch = 32;
  CHECK(GetClusterResourceState(svc, NULL, NULL, group_name, &gcch) == ClusterResourceOffline);
  CHECK(weq(group_name, L"Other"));
  gcch = 32;
  CHECK(GetClusterResourceState(name, NULL, NULL, group_name, &gcch) == ClusterResourceOffline);
  CHECK(weq(group_name, L"Other"));
  CHECK_ERR(RemoveClusterResourceDependency(svc, name), ERROR_SUCCESS);

  /* The quorum resource, with the buffer protocol. */
  WCHAR qname[32], qdev[32];
  DWORD qn = 32, qd = 32, qlog = 77;
  CHECK_ERR(GetClusterQuorumResource(cluster, qname, &qn, qdev, &qd, &qlog), ERROR_SUCCESS);
  CHECK(qn == 0 && qd == 0 && qlog == 0 && qname[0] == 0);
  CHECK_ERR(SetClusterQuorumResource(core_ip, L"Q:\\", 4096), ERROR_SUCCESS);
  qn = 0;
  qd = 32;
  CHECK_ERR(GetClusterQuorumResource(cluster, NULL, &qn, qdev, &qd, &qlog), ERROR_MORE_DATA);
  CHECK(qn == 18 && qd == 3);
  qn = 32;
  qd = 32;
  CHECK_ERR(GetClusterQuorumResource(cluster, qname, &qn, qdev, &qd, &qlog), ERROR_SUCCESS);
  CHECK(weq(qname, L"Cluster IP Address") && weq(qdev, L"Q:\\") && qd == 3 && qlog == 4096);
  qn = 32;
  qd = 32;
  CHECK_ERR(GetClusterQuorumResource(cluster, qname, &qn, qdev, &qd, NULL), ERROR_INVALID_PARAMETER);

  /* Renames: open by the new name, not by the old one. */
  CHECK_ERR(SetClusterGroupName(other, L"APP"), ERROR_ALREADY_EXISTS); /* MS-CMRP 3.1.4.2.47 */
  CHECK_ERR(SetClusterGroupName(other, L""), ERROR_INVALID_NAME);
  CHECK_ERR(SetClusterGroupName(other, L"Renamed"), ERROR_SUCCESS);
  HGROUP renamed = OpenClusterGroup(cluster, L"renamed");
  CHECK(renamed != NULL && CloseClusterGroup(renamed));
  CHECK(OpenClusterGroup(cluster, L"Other") == NULL && GetLastError() == ERROR_GROUP_NOT_FOUND);
  CHECK_ERR(SetClusterResourceName(svc, L"appname"), ERROR_ALREADY_EXISTS);
  CHECK_ERR(SetClusterResourceName(svc, L""), ERROR_INVALID_NAME);
  CHECK_ERR(SetClusterResourceName(svc, L"Service"), ERROR_SUCCESS);
  CHECK(OpenClusterResource(cluster, L"AppSvc") == NULL && GetLastError() == ERROR_RESOURCE_NOT_FOUND);
  /* SetClusterName answers ERROR_RESOURCE_PROPERTIES_STORED when it succeeds (Microsoft's
   * page: the core network name takes the name when it comes back online); the current
   * name is a rename too. A refused name changes nothing. */
  CHECK_ERR(SetClusterName(cluster, L"SIMCLUSTER"), ERROR_RESOURCE_PROPERTIES_STORED);
  CHECK_ERR(SetClusterName(cluster, L"NODE2"), ERROR_INVALID_NAME); /* a node's: MS-CMRP 3.1.4.2.3 */
  CHECK_ERR(SetClusterName(cluster, L""), ERROR_INVALID_PARAMETER);
  CHECK_ERR(SetClusterName(cluster, L"NEWNAME"), ERROR_RESOURCE_PROPERTIES_STORED);
  /* "Not effective until the Network Name resource is brought back online": until then
   * the network still answers to the old name. */
  HCLUSTER old_name = OpenCluster(L"SIMCLUSTER");
  CHECK(old_name != NULL && CloseCluster(old_name));
  CHECK(OpenCluster(L"newname") == NULL && GetLastError() == RPC_S_SERVER_UNAVAILABLE);
  HRESOURCE name_resource = OpenClusterResource(cluster, L"Cluster Name");
  CHECK(name_resource != NULL);
  CHECK_ERR(OfflineClusterResource(name_resource), ERROR_SUCCESS);
  CHECK_ERR(OnlineClusterResource(name_resource), ERROR_SUCCESS);
  CHECK(CloseClusterResource(name_resource));
  CHECK(OpenCluster(L"SIMCLUSTER") == NULL && GetLastError() == RPC_S_SERVER_UNAVAILABLE);
  HCLUSTER renamed_cluster = OpenCluster(L"newname");
  CHECK(renamed_cluster != NULL);
  WCHAR cname[MAX_CLUSTERNAME_LENGTH + 1];
  DWORD ccname = MAX_CLUSTERNAME_LENGTH + 1;
  CHECK_ERR(GetClusterInformation(renamed_cluster, cname, &ccname, NULL), ERROR_SUCCESS);
  CHECK(weq(cname, L"NEWNAME"));
  CHECK_ERR(SetClusterName(renamed_cluster, L"newname"), ERROR_RESOURCE_PROPERTIES_STORED);
  CHECK_ERR(SetClusterName(renamed_cluster, L"NEWNAME"), ERROR_RESOURCE_PROPERTIES_STORED);
  CHECK(CloseCluster(renamed_cluster));
  HRESOURCE core_name = OpenClusterResource(cluster, L"Cluster Name");
  size = 16;
  CHECK(core_name != NULL && GetClusterResourceNetworkName(core_name, dns, &size) == TRUE);
  CHECK(weq(dns, L"NEWNAME"));

  /* The internal-network priority order. */
  HNETWORK nets[2] = {OpenClusterNetwork(cluster, L"Cluster Network 2"),
                      OpenClusterNetwork(cluster, L"Cluster Network 1")};
  CHECK(nets[0] != NULL && nets[1] != NULL);
  CHECK_ERR(SetClusterNetworkPriorityOrder(cluster, 1, nets), ERROR_INVALID_PARAMETER);
  CHECK_ERR(SetClusterNetworkPriorityOrder(cluster, 2, nets), ERROR_SUCCESS);
  HCLUSENUM e = ClusterOpenEnum(cluster, CLUSTER_ENUM_INTERNAL_NETWORK);
  WCHAR item[64];
  DWORD type = 0, icch = 64;
  CHECK(e != NULL && ClusterGetEnumCount(e) == 2);
  CHECK_ERR(ClusterEnum(e, 0, &type, item, &icch), ERROR_SUCCESS);
  CHECK(weq(item, L"Cluster Network 2"));
  CHECK_ERR(ClusterCloseEnum(e), ERROR_SUCCESS);

  /* EvictClusterNodeEx, and what modern servers no longer implement. */
  CHECK_ERR(MoveClusterGroup(app, node1), ERROR_SUCCESS);
  HRESULT hr = 12345;
  CHECK_ERR(EvictClusterNodeEx(NULL, 0, &hr), ERROR_INVALID_HANDLE);
  CHECK(hr == 12345);
  CHECK_ERR(EvictClusterNodeEx(node2, 1000, &hr), ERROR_SUCCESS);
  CHECK(hr == 0);
  CHECK_ERR(BackupClusterDatabase(cluster, L"C:\\backup"), ERROR_CALL_NOT_IMPLEMENTED);
  CHECK_ERR(BackupClusterDatabase(NULL, L"C:\\backup"), ERROR_INVALID_HANDLE);
  CHECK_ERR(RestoreClusterDatabase(L"C:\\backup", TRUE, NULL), ERROR_CALL_NOT_IMPLEMENTED);
  DWORD cb = 0;
  CHECK_ERR(SetClusterServiceAccountPassword(L"NEWNAME", L"secret", 0, NULL, &cb), ERROR_CALL_NOT_IMPLEMENTED);

  CHECK(CloseClusterNetwork(nets[0]) && CloseClusterNetwork(nets[1]));
  CHECK(CloseClusterResource(core_name) && CloseClusterResource(core_ip));
  CHECK(CloseClusterResource(svc) && CloseClusterResource(name));
  CHECK(CloseClusterGroup(other) && CloseClusterGroup(app));
  CHECK(CloseClusterNode(node1) && CloseClusterNode(node2) && CloseCluster(cluster));
  CHECK(ClusSimOpenHandleCount() == 0);
  printf("classic calls: ok\n");
  return 0;
}
