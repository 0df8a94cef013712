/* A client that waits instead of polling: it starts an operation, waits, and calls again.
 * With timed transitions (pending_duration_ms in the topology, ClusSimSetPendingDuration at
 * run time) the transition completes once its simulated time has passed. The topology's
 * manual clock makes the test exact: ClusSimAdvanceClock stands for the client's sleep. */
#include <windows.h>
#include <clusapi.h>
#include <clusapi_sim.h>

#include "check.h"

static const char *TOPOLOGY =
    "pending_duration_ms = 500\n"
    "manual_clock = true\n"
    "[[cluster]]\n"
    "name = \"SQLCLUSTER\"\n"
    "nodes = [\"SQL1\", \"SQL2\"]\n"
    "[[cluster.group]]\n"
    "name = \"SQL Group\"\n"
    "owner = \"SQL1\"\n"
    "resources = [{ name = \"SQL Server\", type = \"Generic Service\" }]\n";

int main(void) {
  CHECK_ERR(ClusSimLoadTopology(TOPOLOGY), ERROR_SUCCESS);
  HCLUSTER cluster = OpenCluster(L"SQLCLUSTER");
  CHECK(cluster != NULL);
  HGROUP group = OpenClusterGroup(cluster, L"SQL Group");
  CHECK(group != NULL);

  /* Polls do not end a transition that only time ends; waiting (here: advancing the
     simulated clock) does, and the first call after the deadline meets it complete. */
  CHECK_ERR(OnlineClusterGroup(group, NULL), ERROR_IO_PENDING);
  for (int i = 0; i < 10; i++) CHECK(GetClusterGroupState(group, NULL, NULL) == ClusterGroupPending);
  CHECK_ERR(ClusSimAdvanceClock(499), ERROR_SUCCESS);
  CHECK_ERR(OnlineClusterGroup(group, NULL), ERROR_INVALID_STATE);
  CHECK_ERR(ClusSimAdvanceClock(1), ERROR_SUCCESS);
  CHECK(GetClusterGroupState(group, NULL, NULL) == ClusterGroupOnline);
  CHECK_ERR(OnlineClusterGroup(group, NULL), ERROR_SUCCESS); /* online already */

  /* A notification port sees the completion as a state change. */
  HCHANGE port = CreateClusterNotifyPort((HCHANGE)INVALID_HANDLE_VALUE, cluster,
                                         CLUSTER_CHANGE_GROUP_STATE, 7);
  CHECK(port != NULL);
  CHECK_ERR(OfflineClusterGroup(group), ERROR_IO_PENDING);
  DWORD_PTR key = 0;
  DWORD type = 0;
  WCHAR name[32];
  DWORD cch = 32;
  CHECK_ERR(GetClusterNotify(port, &key, &type, name, &cch, 0), ERROR_SUCCESS); /* Pending */
  cch = 32;
  CHECK_ERR(GetClusterNotify(port, &key, &type, name, &cch, 0), WAIT_TIMEOUT);
  CHECK_ERR(ClusSimAdvanceClock(500), ERROR_SUCCESS);
  cch = 32;
  CHECK_ERR(GetClusterNotify(port, &key, &type, name, &cch, 0), ERROR_SUCCESS);
  CHECK(key == 7 && type == CLUSTER_CHANGE_GROUP_STATE && weq(name, L"SQL Group"));
  CHECK(GetClusterGroupState(group, NULL, NULL) == ClusterGroupOffline);
  CHECK(CloseClusterNotifyPort(port));

  /* 0 switches timing off: operations complete at once again. */
  CHECK_ERR(ClusSimSetPendingDuration(0), ERROR_SUCCESS);
  CHECK_ERR(OnlineClusterGroup(group, NULL), ERROR_SUCCESS);
  CHECK_ERR(ClusSimSetPendingDuration(60000), ERROR_SUCCESS);
  CHECK_ERR(OfflineClusterGroup(group), ERROR_IO_PENDING);
  CHECK_ERR(ClusSimAdvanceClock(60000), ERROR_SUCCESS);
  CHECK(GetClusterGroupState(group, NULL, NULL) == ClusterGroupOffline);

  CHECK(CloseClusterGroup(group));
  CHECK(CloseCluster(cluster));
  CHECK(ClusSimOpenHandleCount() == 0);
  return 0;
}
