/* The notification port pattern of the ClusAPI samples: a port on the cluster, an object
 * registration, a GetClusterNotify loop that grows its buffer, WAIT_TIMEOUT at the end. */
#include <windows.h>
#include <clusapi.h>
#include <clusapi_sim.h>
#include <stdlib.h>

#include "check.h"

int main(void) {
  HCLUSTER cluster = OpenCluster(NULL);
  CHECK(cluster != NULL);
  HCHANGE port = CreateClusterNotifyPort((HCHANGE)INVALID_HANDLE_VALUE, cluster,
                                         CLUSTER_CHANGE_NODE_STATE | CLUSTER_CHANGE_GROUP_STATE, 42);
  CHECK(port != NULL);
  /* A port not associated with a cluster (Microsoft's CreateClusterNotifyPort page): it
     receives the events of the objects registered on it. An existing port cannot take
     INVALID_HANDLE_VALUE for hCluster. */
  HCHANGE loose = CreateClusterNotifyPort((HCHANGE)INVALID_HANDLE_VALUE, (HCLUSTER)INVALID_HANDLE_VALUE,
                                          CLUSTER_CHANGE_ALL, 0);
  CHECK(loose != NULL);
  CHECK(CreateClusterNotifyPort(port, (HCLUSTER)INVALID_HANDLE_VALUE, 1, 0) == NULL);
  CHECK(GetLastError() == ERROR_INVALID_PARAMETER);
  HGROUP storage = OpenClusterGroup(cluster, L"Available Storage");
  CHECK(storage != NULL);
  CHECK_ERR(RegisterClusterNotify(port, CLUSTER_CHANGE_HANDLE_CLOSE, (HANDLE)storage, 99), ERROR_SUCCESS);
  CHECK_ERR(RegisterClusterNotify(loose, CLUSTER_CHANGE_GROUP_STATE, (HANDLE)storage, 7), ERROR_SUCCESS);
  CHECK_ERR(RegisterClusterNotify(port, CLUSTER_CHANGE_HANDLE_CLOSE, (HANDLE)port, 1), ERROR_INVALID_HANDLE);

  DWORD_PTR key = 0;
  DWORD type = 0, cch = 0;
  WCHAR small[2];
  CHECK_ERR(GetClusterNotify(port, &key, &type, small, &cch, 0), WAIT_TIMEOUT);

  HNODE node2 = OpenClusterNode(cluster, L"NODE2");
  CHECK(node2 != NULL);
  CHECK_ERR(PauseClusterNode(node2), ERROR_SUCCESS);
  CHECK_ERR(MoveClusterGroup(storage, NULL), ERROR_HOST_NODE_NOT_AVAILABLE); /* NODE2 is paused */
  CHECK_ERR(ResumeClusterNode(node2), ERROR_SUCCESS);
  CHECK_ERR(MoveClusterGroup(storage, node2), ERROR_SUCCESS);
  CHECK(CloseClusterGroup(storage));

  /* Read everything with the grow-and-retry loop; a small buffer leaves the event queued. */
  const WCHAR *expected[] = {L"NODE2", L"NODE2", L"Available Storage", L"Available Storage"};
  const DWORD types[] = {CLUSTER_CHANGE_NODE_STATE, CLUSTER_CHANGE_NODE_STATE, CLUSTER_CHANGE_GROUP_STATE,
                         (DWORD)CLUSTER_CHANGE_HANDLE_CLOSE};
  const DWORD_PTR keys[] = {42, 42, 42, 99};
  DWORD cap = 2;
  WCHAR *buf = (WCHAR *)malloc(cap * sizeof(WCHAR));
  CHECK(buf != NULL);
  for (int i = 0; i < 4; i++) {
    cch = cap;
    DWORD rc = GetClusterNotify(port, &key, &type, buf, &cch, 1000);
    if (rc == ERROR_MORE_DATA) {
      cap = cch + 1;
      buf = (WCHAR *)realloc(buf, cap * sizeof(WCHAR));
      CHECK(buf != NULL);
      cch = cap;
      rc = GetClusterNotify(port, &key, &type, buf, &cch, 0);
    }
    CHECK_ERR(rc, ERROR_SUCCESS);
    CHECK(weq(buf, expected[i]) && type == types[i] && key == keys[i]);
  }
  free(buf);
  {
    WCHAR name[64];
    cch = 64;
    CHECK_ERR(GetClusterNotify(loose, &key, &type, name, &cch, 0), ERROR_SUCCESS);
    CHECK(weq(name, L"Available Storage") && type == CLUSTER_CHANGE_GROUP_STATE && key == 7);
    cch = 64;
    CHECK_ERR(GetClusterNotify(loose, &key, &type, name, &cch, 0), WAIT_TIMEOUT);
    CHECK(CloseClusterNotifyPort(loose));
  }
  CHECK_ERR(GetClusterNotify(port, &key, &type, small, &cch, 10), WAIT_TIMEOUT);
  CHECK_ERR(GetClusterNotify(port, NULL, &type, small, &cch, 0), ERROR_INVALID_PARAMETER);

  CHECK(CloseClusterNotifyPort(port));
  CHECK(!CloseClusterNotifyPort(port) && GetLastError() == ERROR_INVALID_HANDLE);
  CHECK(CloseClusterNode(node2) && CloseCluster(cluster));
  CHECK(ClusSimOpenHandleCount() == 0);
  printf("notifications: ok\n");
  return 0;
}
