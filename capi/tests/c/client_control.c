/* A mutating client in the manner of MaxDB's cluster code: create a group and resources
 * when missing, add a dependency, bring them online and poll the state, move the group,
 * then take everything down and delete it. */
#include <windows.h>
#include <clusapi.h>
#include <clusapi_sim.h>

#include "check.h"

/* Poll the group state as robust clients do, until it settles. */
static CLUSTER_GROUP_STATE settle(HGROUP group) {
  for (int i = 0; i < 100; i++) {
    CLUSTER_GROUP_STATE s = GetClusterGroupState(group, NULL, NULL);
    if (s != ClusterGroupPending) return s;
  }
  return ClusterGroupStateUnknown;
}

int main(void) {
  HCLUSTER cluster = OpenCluster(NULL);
  CHECK(cluster != NULL);
  HGROUP group = OpenClusterGroup(cluster, L"MaxDB Group");
  if (group == NULL) {
    CHECK(GetLastError() == ERROR_GROUP_NOT_FOUND);
    group = CreateClusterGroup(cluster, L"MaxDB Group");
  }
  CHECK(group != NULL);
  CHECK(CreateClusterGroup(cluster, L"maxdb group") == NULL && GetLastError() == ERROR_OBJECT_ALREADY_EXISTS);

  HRESOURCE ip = CreateClusterResource(group, L"MaxDB IP", L"IP Address", CLUSTER_RESOURCE_DEFAULT_MONITOR);
  HRESOURCE db = CreateClusterResource(group, L"MaxDB", L"Generic Service", CLUSTER_RESOURCE_SEPARATE_MONITOR);
  CHECK(ip != NULL && db != NULL);
  CHECK(CreateClusterResource(group, L"X", L"No Such Type", 0) == NULL);
  CHECK(GetLastError() == ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND);
  CHECK_ERR(AddClusterResourceDependency(db, ip), ERROR_SUCCESS);
  DWORD rc = AddClusterResourceDependency(db, ip);
  CHECK(rc == ERROR_DEPENDENCY_ALREADY_EXISTS); /* MaxDB tolerates this one */

  CHECK_ERR(OnlineClusterResource(db), ERROR_SUCCESS);
  CHECK(GetClusterResourceState(ip, NULL, NULL, NULL, NULL) == ClusterResourceOnline);
  CHECK(settle(group) == ClusterGroupOnline);

  HNODE node2 = OpenClusterNode(cluster, L"NODE2");
  CHECK(node2 != NULL);
  HNODE list[2] = {node2, OpenClusterNode(cluster, L"NODE1")};
  CHECK(list[1] != NULL);
  CHECK_ERR(SetClusterGroupNodeList(group, 2, list), ERROR_SUCCESS);
  CHECK_ERR(SetClusterGroupNodeList(group, 1, NULL), ERROR_INVALID_PARAMETER);
  CHECK_ERR(MoveClusterGroup(group, NULL), ERROR_SUCCESS);
  WCHAR owner[16];
  DWORD cch = 16;
  CHECK(GetClusterGroupState(group, owner, &cch) == ClusterGroupOnline && weq(owner, L"NODE2"));

  /* The relations, through the child enumerations. */
  HGROUPENUM ge = ClusterGroupOpenEnum(group, CLUSTER_GROUP_ENUM_ALL);
  CHECK(ge != NULL && ClusterGroupGetEnumCount(ge) == 4); /* 2 resources, 2 preferred owners */
  DWORD type = 0;
  WCHAR item[32];
  cch = 32;
  CHECK_ERR(ClusterGroupEnum(ge, 2, &type, item, &cch), ERROR_SUCCESS);
  CHECK(type == CLUSTER_GROUP_ENUM_NODES && weq(item, L"NODE2"));
  CHECK_ERR(ClusterGroupCloseEnum(ge), ERROR_SUCCESS);
  HRESENUM re = ClusterResourceOpenEnum(db, CLUSTER_RESOURCE_ENUM_DEPENDS);
  CHECK(re != NULL && ClusterResourceGetEnumCount(re) == 1);
  cch = 32;
  CHECK_ERR(ClusterResourceEnum(re, 0, &type, item, &cch), ERROR_SUCCESS);
  CHECK(type == CLUSTER_RESOURCE_ENUM_DEPENDS && weq(item, L"MaxDB IP"));
  CHECK_ERR(ClusterResourceEnum(re, 1, &type, item, &cch), ERROR_NO_MORE_ITEMS);
  CHECK_ERR(ClusterResourceCloseEnum(re), ERROR_SUCCESS);
  HNODEENUM ne = ClusterNodeOpenEnum(node2, CLUSTER_NODE_ENUM_GROUPS);
  CHECK(ne != NULL && ClusterNodeGetEnumCount(ne) == 1);
  cch = 32;
  CHECK_ERR(ClusterNodeEnum(ne, 0, &type, item, &cch), ERROR_SUCCESS);
  CHECK(type == CLUSTER_NODE_ENUM_GROUPS && weq(item, L"MaxDB Group"));
  CHECK_ERR(ClusterNodeCloseEnum(ne), ERROR_SUCCESS);
  CHECK_ERR(ClusterNodeCloseEnum(ne), ERROR_INVALID_HANDLE);

  CHECK_ERR(PauseClusterNode(list[1]), ERROR_SUCCESS);
  CHECK_ERR(MoveClusterGroup(group, list[1]), ERROR_SHARING_PAUSED);
  CHECK_ERR(ResumeClusterNode(list[1]), ERROR_SUCCESS);
  CHECK_ERR(ResumeClusterNode(list[1]), ERROR_CLUSTER_NODE_NOT_PAUSED);

  CHECK_ERR(DeleteClusterResource(db), ERROR_RESOURCE_ONLINE);
  CHECK_ERR(FailClusterResource(ip), ERROR_SUCCESS);
  CHECK(settle(group) == ClusterGroupFailed);
  CHECK_ERR(OfflineClusterGroup(group), ERROR_SUCCESS);
  CHECK_ERR(DeleteClusterResource(ip), ERROR_DEPENDENT_RESOURCE_EXISTS);
  CHECK_ERR(DeleteClusterGroup(group), ERROR_DIR_NOT_EMPTY);
  CHECK_ERR(RemoveClusterResourceDependency(db, ip), ERROR_SUCCESS);
  CHECK_ERR(DeleteClusterResource(db), ERROR_SUCCESS);
  CHECK_ERR(DeleteClusterResource(ip), ERROR_SUCCESS);
  CHECK_ERR(DeleteClusterGroup(group), ERROR_SUCCESS);
  CHECK(GetClusterGroupState(group, NULL, NULL) == ClusterGroupStateUnknown);
  CHECK(GetLastError() == ERROR_GROUP_NOT_AVAILABLE);

  HNETWORK net = OpenClusterNetwork(cluster, L"Cluster Network 2");
  CHECK(net != NULL);
  CHECK_ERR(SetClusterNetworkName(net, L"Backup"), ERROR_SUCCESS);
  CHECK_ERR(SetClusterNetworkName(net, NULL), ERROR_INVALID_PARAMETER);
  /* MS-CMRP 3.1.4.2.84: a name in use is ERROR_ALREADY_EXISTS; 3.1.4.1.84: empty is
     ERROR_INVALID_NAME. */
  CHECK_ERR(SetClusterNetworkName(net, L"Cluster Network 1"), ERROR_ALREADY_EXISTS);
  CHECK_ERR(SetClusterNetworkName(net, L""), ERROR_INVALID_NAME);
  CHECK(CloseClusterNetwork(net));

  /* Would stopping node 1 lose quorum? (MS-CMRP CLUSCTL_CLUSTER_CHECK_VOTER_DOWN) */
  DWORD quorum = 7, qgot = 0;
  CHECK_ERR(ClusterControl(cluster, NULL, CLUSCTL_CLUSTER_CHECK_VOTER_DOWN, (LPVOID)L"1", sizeof L"1", &quorum,
                           sizeof quorum, &qgot),
            ERROR_SUCCESS);
  CHECK(qgot == sizeof quorum && quorum == CLUSTER_QUORUM_LOST); /* one of two nodes left */
  CHECK_ERR(ClusterControl(cluster, NULL, CLUSCTL_CLUSTER_CHECK_VOTER_EVICT, (LPVOID)L"42", sizeof L"42", &quorum,
                           sizeof quorum, &qgot),
            ERROR_INVALID_PARAMETER);

  /* The read-only codes beyond the properties: an interface's node and network, a Network
     Name's NetBIOS name and requirement, failure info; internal and storage codes refused. */
  HNETINTERFACE iface = OpenClusterNetInterface(cluster, L"NODE2 - Cluster Network 1");
  CHECK(iface != NULL);
  WCHAR text[64];
  DWORD got = 0;
  CHECK_ERR(ClusterNetInterfaceControl(iface, NULL, CLUSCTL_NETINTERFACE_GET_NODE, NULL, 0, text, sizeof text, &got),
            ERROR_SUCCESS);
  CHECK(weq(text, L"NODE2") && got == sizeof L"NODE2");
  CHECK_ERR(ClusterNetInterfaceControl(iface, NULL, CLUSCTL_NETINTERFACE_GET_NETWORK, NULL, 0, text, 4, &got),
            ERROR_MORE_DATA);
  CHECK(got == sizeof L"Cluster Network 1");
  CHECK(CloseClusterNetInterface(iface));
  HRESOURCE cname = OpenClusterResource(cluster, L"Cluster Name");
  CHECK(cname != NULL);
  CHECK_ERR(ClusterResourceControl(cname, NULL, CLUSCTL_RESOURCE_GET_NETWORK_NAME, NULL, 0, text, sizeof text, &got),
            ERROR_SUCCESS);
  CHECK(weq(text, L"SIMCLUSTER"));
  DWORD deps[16];
  CHECK_ERR(ClusterResourceControl(cname, NULL, CLUSCTL_RESOURCE_GET_REQUIRED_DEPENDENCIES, NULL, 0, deps, sizeof deps,
                                   &got),
            ERROR_SUCCESS);
  CHECK(deps[0] == CLUSPROP_SYNTAX_NAME && weq((const WCHAR *)&deps[2], L"IP Address"));
  HRESOURCE cip = OpenClusterResource(cluster, L"Cluster IP Address");
  CHECK(cip != NULL);
  CHECK_ERR(ClusterResourceControl(cip, NULL, CLUSCTL_RESOURCE_GET_NETWORK_NAME, NULL, 0, text, sizeof text, &got),
            ERROR_INVALID_FUNCTION); /* MS-CMRP: no alternate computer name */
  CHECK(CloseClusterResource(cname));
  HGROUP cgroup = OpenClusterGroup(cluster, L"Cluster Group");
  CHECK(cgroup != NULL);
  GROUP_FAILURE_INFO_BUFFER failure = {0};
  CHECK_ERR(ClusterGroupControl(cgroup, NULL, CLUSCTL_GROUP_GET_FAILURE_INFO, NULL, 0, &failure, sizeof failure, &got),
            ERROR_SUCCESS);
  CHECK(got == sizeof failure && failure.dwVersion == GROUP_FAILURE_INFO_VERSION_1);
  CHECK(CloseClusterGroup(cgroup));
  BYTE out[2048]; /* property names take 4 bytes a character in libclusapi_native */
  CHECK_ERR(ClusterResourceControl(cip, NULL, CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTY_FMTS, NULL, 0, out, sizeof out, &got),
            ERROR_SUCCESS);
  CHECK(got > 8 && *(const DWORD *)out > 0); /* the IP Address's private properties */
  CHECK_ERR(ClusterResourceControl(cip, NULL, CLUSCTL_RESOURCE_STORAGE_GET_DISK_INFO_EX, NULL, 0, out, sizeof out, &got),
            ERROR_INVALID_FUNCTION);
  CHECK(CloseClusterResource(cip));
  CHECK_ERR(ClusterNodeControl(node2, NULL, CLUSCTL_NODE_INJECT_GEM_FAULT, NULL, 0, out, sizeof out, &got),
            ERROR_INVALID_FUNCTION);

  /* A read-only connection may look but not touch. */
  HCLUSTER ro = OpenClusterEx(NULL, GENERIC_READ, NULL);
  HGROUP core = OpenClusterGroup(ro, L"Cluster Group");
  CHECK(ro != NULL && core != NULL);
  CHECK_ERR(OfflineClusterGroup(core), ERROR_ACCESS_DENIED);
  CHECK(CreateClusterGroup(ro, L"Nope") == NULL && GetLastError() == ERROR_ACCESS_DENIED);

  CHECK(CloseClusterGroup(core) && CloseCluster(ro));
  CHECK(CloseClusterResource(db) && CloseClusterResource(ip) && CloseClusterGroup(group));
  CHECK(CloseClusterNode(list[1]) && CloseClusterNode(node2) && CloseCluster(cluster));
  CHECK(ClusSimOpenHandleCount() == 0);
  printf("control operations: ok\n");
  return 0;
}
