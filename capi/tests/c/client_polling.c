/* A client that treats ERROR_IO_PENDING as "poll the state", as robust clients do, against a
 * topology whose transitions take three state polls. */
#include <windows.h>
#include <clusapi.h>
#include <clusapi_sim.h>

#include "check.h"

static const char *TOPOLOGY =
    "pending_transitions = 3\n"
    "[[cluster]]\n"
    "name = \"SQLCLUSTER\"\n"
    "nodes = [\"SQL1\", \"SQL2\"]\n"
    "[[cluster.group]]\n"
    "name = \"SQL Group\"\n"
    "owner = \"SQL1\"\n"
    "resources = [{ name = \"SQL Server\", type = \"Generic Service\" }]\n";

/* Poll until the group leaves the pending state; returns the state and counts the polls. */
static CLUSTER_GROUP_STATE wait_for(HGROUP group, int *polls) {
  CLUSTER_GROUP_STATE s;
  *polls = 0;
  do {
    s = GetClusterGroupState(group, NULL, NULL);
    (*polls)++;
  } while (s == ClusterGroupPending && *polls < 100);
  return s;
}

int main(void) {
  CHECK_ERR(ClusSimLoadTopology(TOPOLOGY), ERROR_SUCCESS);
  HCLUSTER cluster = OpenCluster(L"SQLCLUSTER");
  CHECK(cluster != NULL);
  HGROUP group = OpenClusterGroup(cluster, L"SQL Group");
  CHECK(group != NULL);
  int polls = 0;

  DWORD rc = OnlineClusterGroup(group, NULL);
  CHECK(rc == ERROR_IO_PENDING); /* real clients accept ERROR_SUCCESS here too */
  CHECK_ERR(OnlineClusterGroup(group, NULL), ERROR_INVALID_STATE);
  CHECK(wait_for(group, &polls) == ClusterGroupOnline);
  CHECK(polls == 3); /* the third state poll sees the transition complete */

  HNODE sql2 = OpenClusterNode(cluster, L"SQL2");
  CHECK(sql2 != NULL);
  CHECK_ERR(MoveClusterGroup(group, sql2), ERROR_IO_PENDING);
  CHECK_ERR(ClusSimSettle(), ERROR_SUCCESS);
  WCHAR owner[8];
  DWORD cch = 8;
  CHECK(GetClusterGroupState(group, owner, &cch) == ClusterGroupOnline && weq(owner, L"SQL2"));

  /* A move cancelled while pending: the group returns to its persistent state (online),
     on the node the move left (Microsoft's CancelClusterGroupOperation page). */
  HNODE sql1 = OpenClusterNode(cluster, L"SQL1");
  CHECK(sql1 != NULL);
  CHECK_ERR(MoveClusterGroup(group, sql1), ERROR_IO_PENDING);
  CHECK_ERR(CancelClusterGroupOperation(group, 0), ERROR_SUCCESS);
  cch = 8;
  CHECK(GetClusterGroupState(group, owner, &cch) == ClusterGroupOnline && weq(owner, L"SQL2"));
  CHECK_ERR(CancelClusterGroupOperation(group, 0), ERROR_INVALID_STATE);
  CHECK(CloseClusterNode(sql1));

  HRESOURCE sql = OpenClusterResource(cluster, L"SQL Server");
  CHECK(sql != NULL);
  CHECK_ERR(OfflineClusterResource(sql), ERROR_IO_PENDING);
  CHECK(GetClusterResourceState(sql, NULL, NULL, NULL, NULL) == ClusterResourceOfflinePending);
  CHECK_ERR(ClusSimStep(), ERROR_SUCCESS);
  CHECK_ERR(ClusSimStep(), ERROR_SUCCESS);
  CHECK(GetClusterResourceState(sql, NULL, NULL, NULL, NULL) == ClusterResourceOffline);

  /* The Ex form checks its flags; a restart brings an online resource back through
     OnlinePending and leaves an offline one offline (MS-CMRP ApiRestartResource). */
  CHECK_ERR(OnlineClusterResourceEx(sql, 0x10, NULL, 0), ERROR_INVALID_PARAMETER);
  CHECK_ERR(RestartClusterResource(sql, 0), ERROR_SUCCESS);
  CHECK(GetClusterResourceState(sql, NULL, NULL, NULL, NULL) == ClusterResourceOffline);
  CHECK_ERR(OnlineClusterResourceEx(sql, 0, NULL, 0), ERROR_IO_PENDING);
  CHECK_ERR(ClusSimSettle(), ERROR_SUCCESS);
  CHECK_ERR(RestartClusterResource(sql, 0), ERROR_IO_PENDING);
  CHECK_ERR(ClusSimSettle(), ERROR_SUCCESS);
  CHECK(GetClusterResourceState(sql, NULL, NULL, NULL, NULL) == ClusterResourceOnline);
  CHECK_ERR(OfflineClusterResourceEx(sql, 0, NULL, 0), ERROR_IO_PENDING);
  CHECK_ERR(ClusSimSettle(), ERROR_SUCCESS);

  /* DestroyClusterGroup: the group and its resource go in one call. */
  CHECK_ERR(DestroyClusterGroup(group), ERROR_SUCCESS);
  CHECK(OpenClusterGroup(cluster, L"SQL Group") == NULL && GetLastError() == ERROR_GROUP_NOT_FOUND);
  CHECK(OpenClusterResource(cluster, L"SQL Server") == NULL && GetLastError() == ERROR_RESOURCE_NOT_FOUND);

  CHECK(CloseClusterResource(sql) && CloseClusterNode(sql2) && CloseClusterGroup(group) && CloseCluster(cluster));
  CHECK(ClusSimOpenHandleCount() == 0);
  CHECK_ERR(ClusSimReset(), ERROR_SUCCESS);
  printf("pending transitions and polling: ok\n");
  return 0;
}
