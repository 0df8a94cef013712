/* A drain-and-patch maintenance script, as operators write them: drain a node
 * (PauseClusterNodeEx), poll its NodeDrainStatus until the groups have moved off,
 * "patch" it, resume it with failback, and check the groups are home again. The
 * topology's transitions take two state polls. */
#include <string.h>
#include <windows.h>
#include <clusapi.h>
#include <clusapi_sim.h>

#include "check.h"

static const char *TOPOLOGY =
    "pending_transitions = 2\n"
    "[[cluster]]\n"
    "name = \"PRODCLUSTER\"\n"
    "nodes = [\"PROD1\", \"PROD2\"]\n"
    "[[cluster.group]]\n"
    "name = \"Web\"\n"
    "owner = \"PROD1\"\n"
    "online = true\n"
    "resources = [{ name = \"Web Service\", type = \"Generic Service\" }]\n"
    "[[cluster.group]]\n"
    "name = \"Db\"\n"
    "owner = \"PROD1\"\n"
    "online = true\n"
    "resources = [{ name = \"Db Service\", type = \"Generic Service\" }]\n";

static DWORD round4(DWORD n) { return (n + 3) & ~(DWORD)3; }

/* The DWORD property `name` of a property list, or (DWORD)-1. */
static DWORD find_dword(const BYTE *buf, DWORD size, const WCHAR *name) {
  DWORD at = 4, count, i;
  if (size < 4) return (DWORD)-1;
  memcpy(&count, buf, 4);
  for (i = 0; i < count && at + 8 <= size; i++) {
    DWORD syntax, len, vsyntax, vlen, dw;
    memcpy(&syntax, buf + at, 4);
    memcpy(&len, buf + at + 4, 4);
    const WCHAR *n = (const WCHAR *)(buf + at + 8);
    at += 8 + round4(len);
    if (at + 8 > size) return (DWORD)-1;
    memcpy(&vsyntax, buf + at, 4);
    memcpy(&vlen, buf + at + 4, 4);
    if (weq(n, name) && vlen == 4) {
      memcpy(&dw, buf + at + 8, 4);
      return dw;
    }
    at += 8 + round4(vlen) + 4; /* the value, then its end mark */
    (void)syntax;
    (void)vsyntax;
  }
  return (DWORD)-1;
}

static DWORD drain_status(HNODE node) {
  BYTE buf[4096];
  DWORD got = 0;
  CHECK_ERR(ClusterNodeControl(node, NULL, CLUSCTL_NODE_GET_RO_COMMON_PROPERTIES, NULL, 0, buf, sizeof buf, &got),
            ERROR_SUCCESS);
  return find_dword(buf, got, L"NodeDrainStatus");
}

static int owned_by(HGROUP group, const WCHAR *node) {
  WCHAR owner[64];
  DWORD cch = 64;
  GetClusterGroupState(group, owner, &cch);
  return weq(owner, node);
}

int main(void) {
  CHECK_ERR(ClusSimLoadTopology(TOPOLOGY), ERROR_SUCCESS);
  HCLUSTER cluster = OpenCluster(L"PRODCLUSTER");
  CHECK(cluster != NULL);
  HNODE prod1 = OpenClusterNode(cluster, L"PROD1");
  CHECK(prod1 != NULL);
  HGROUP web = OpenClusterGroup(cluster, L"Web");
  HGROUP db = OpenClusterGroup(cluster, L"Db");
  CHECK(web != NULL && db != NULL);

  /* Which groups does the node own before maintenance? Through ClusterOpenEnumEx. */
  HCLUSENUMEX e = ClusterOpenEnumEx(cluster, CLUSTER_ENUM_GROUP, NULL);
  CHECK(e != NULL);
  CHECK(ClusterGetEnumCountEx(e) == 2);
  DWORD cb = 0;
  CHECK_ERR(ClusterEnumEx(e, 0, NULL, &cb), ERROR_MORE_DATA);
  CHECK(cb > sizeof(CLUSTER_ENUM_ITEM));
  PCLUSTER_ENUM_ITEM item = (PCLUSTER_ENUM_ITEM)malloc(cb);
  CHECK(item != NULL);
  CHECK_ERR(ClusterEnumEx(e, 0, item, &cb), ERROR_SUCCESS);
  CHECK(item->dwVersion == CLUSTER_ENUM_ITEM_VERSION_1 && item->dwType == CLUSTER_ENUM_GROUP);
  CHECK(weq(item->lpszName, L"Web") && item->cbName == 4 * sizeof(WCHAR) && item->cbId == 37 * sizeof(WCHAR)); /* a GUID */
  free(item);
  CHECK_ERR(ClusterEnumEx(e, 2, NULL, &cb), ERROR_NO_MORE_ITEMS);
  CHECK_ERR(ClusterCloseEnumEx(e), ERROR_SUCCESS);

  /* Drain. */
  CHECK(drain_status(prod1) == NodeDrainStatusNotInitiated);
  /* The node as its own drain target (MS-CMRP 3.1.4.2.126): nothing changes. */
  CHECK_ERR(PauseClusterNodeEx(prod1, TRUE, 0, prod1), ERROR_INVALID_TARGET_HANDLE);
  CHECK(GetClusterNodeState(prod1) == ClusterNodeUp);
  DWORD rc = PauseClusterNodeEx(prod1, TRUE, 0, NULL);
  CHECK(rc == ERROR_SUCCESS || rc == ERROR_IO_PENDING);
  CHECK(GetClusterNodeState(prod1) == ClusterNodePaused);
  CHECK_ERR(PauseClusterNodeEx(prod1, TRUE, 0, NULL), ERROR_CLUSTER_NODE_EVACUATION_IN_PROGRESS);
  int polls = 0;
  DWORD status;
  while ((status = drain_status(prod1)) == NodeDrainStatusInProgress && polls < 100) {
    CHECK_ERR(ClusSimStep(), ERROR_SUCCESS);
    polls++;
  }
  CHECK(status == NodeDrainStatusCompleted);
  CHECK(polls == 2);
  CHECK(owned_by(web, L"PROD2") && owned_by(db, L"PROD2"));
  CHECK(GetClusterGroupState(web, NULL, NULL) == ClusterGroupOnline);

  /* Patch: nothing to simulate; the node stays paused and owns nothing. */
  HNODEENUM owned = ClusterNodeOpenEnum(prod1, CLUSTER_NODE_ENUM_GROUPS);
  CHECK(owned != NULL && ClusterNodeGetEnumCount(owned) == 0);
  CHECK_ERR(ClusterNodeCloseEnum(owned), ERROR_SUCCESS);

  /* Resume with failback, and wait for the groups to come home. */
  rc = ResumeClusterNodeEx(prod1, FailbackGroupsImmediately, 0);
  CHECK(rc == ERROR_SUCCESS || rc == ERROR_IO_PENDING);
  CHECK(GetClusterNodeState(prod1) == ClusterNodeUp);
  CHECK_ERR(ClusSimSettle(), ERROR_SUCCESS);
  CHECK(owned_by(web, L"PROD1") && owned_by(db, L"PROD1"));
  CHECK(GetClusterGroupState(db, NULL, NULL) == ClusterGroupOnline);
  CHECK(drain_status(prod1) == NodeDrainStatusNotInitiated);

  CHECK(CloseClusterGroup(web) && CloseClusterGroup(db) && CloseClusterNode(prod1) && CloseCluster(cluster));
  CHECK(ClusSimOpenHandleCount() == 0);
  CHECK_ERR(ClusSimReset(), ERROR_SUCCESS);
  printf("drain, patch and failback: ok\n");
  return 0;
}
