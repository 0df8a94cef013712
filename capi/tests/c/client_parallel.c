/* One simulator per test case, on threads: what a C or C++ test runner that runs cases on
 * threads does. Each worker creates a simulator of its own from a TOML topology, binds its
 * thread to it, drives the same client code (open the local cluster, move each group of
 * the first node away), checks that the reports see its handles only, and destroys it.
 * Then the edges: a handle of a destroyed simulator, a handle passed to a thread bound to
 * nothing, and a second destroy. Run under valgrind by the test: no invalid access, no
 * leak. */
#include <windows.h>
#include <clusapi.h>
#include <clusapi_sim.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "check.h"

#define WORKERS 6
#define ROUNDS 20

/* "W<i>N<n>" as UTF-16. */
static void node_name(WCHAR *out, int worker, int node) {
  char ascii[16];
  snprintf(ascii, sizeof ascii, "W%dN%d", worker, node);
  size_t i = 0;
  for (; ascii[i] != 0; i++) out[i] = (WCHAR)ascii[i];
  out[i] = 0;
}

/* The client code under test: moves every group of `first` to another node; returns how
 * many moved. It knows nothing of the simulator. */
static int drain(const WCHAR *first) {
  HCLUSTER cluster = OpenCluster(NULL);
  CHECK(cluster != NULL);
  HNODE node = OpenClusterNode(cluster, first);
  CHECK(node != NULL);
  HNODEENUM groups = ClusterNodeOpenEnum(node, CLUSTER_NODE_ENUM_GROUPS);
  CHECK(groups != NULL);
  int moved = 0;
  for (DWORD i = 0;; i++) {
    WCHAR name[64];
    DWORD cch = 64, type = 0;
    DWORD rc = ClusterNodeEnum(groups, i, &type, name, &cch);
    if (rc == ERROR_NO_MORE_ITEMS) break;
    CHECK_ERR(rc, ERROR_SUCCESS);
    HGROUP group = OpenClusterGroup(cluster, name);
    CHECK(group != NULL);
    CHECK_ERR(MoveClusterGroup(group, NULL), ERROR_SUCCESS);
    CHECK(CloseClusterGroup(group));
    moved++;
  }
  CHECK_ERR(ClusterNodeCloseEnum(groups), ERROR_SUCCESS);
  CHECK(CloseClusterNode(node));
  CHECK(CloseCluster(cluster));
  return moved;
}

static void *worker(void *arg) {
  int w = (int)(size_t)arg;
  for (int round = 0; round < ROUNDS; round++) {
    char topology[512];
    int groups = 1 + (w + round) % 3;
    int n = snprintf(topology, sizeof topology,
                     "[[cluster]]\nname = \"WORKER%d\"\nnodes = [\"W%dN1\", \"W%dN2\"]\n", w, w, w);
    for (int g = 0; g < groups; g++) {
      n += snprintf(topology + n, sizeof topology - (size_t)n,
                    "[[cluster.group]]\nname = \"W%d G%d\"\nowner = \"W%dN1\"\n", w, g, w);
    }
    HANDLE sim = ClusSimCreate(topology);
    CHECK(sim != NULL);
    CHECK_ERR(ClusSimBindThread(sim), ERROR_SUCCESS);
    CHECK_ERR(ClusSimOpenHandleCount(), 0);

    WCHAR first[16];
    node_name(first, w, 1);
    CHECK(drain(first) == groups);
    CHECK(drain(first) == 0); /* nothing left on the drained node */

    /* A handle kept past the destroy. */
    HCLUSTER kept = OpenCluster(NULL);
    CHECK(kept != NULL);
    CHECK_ERR(ClusSimOpenHandleCount(), 1); /* this worker's handle only */
    CHECK_ERR(ClusSimDestroy(sim), ERROR_SUCCESS);
    SetLastError(0);
    CHECK(!CloseCluster(kept));
    CHECK_ERR(GetLastError(), ERROR_INVALID_HANDLE);
    CHECK_ERR(ClusSimDestroy(sim), ERROR_INVALID_HANDLE);
    /* Destroying the bound simulator unbound the thread: the process's is current. */
    DWORD state = 0;
    CHECK_ERR(GetNodeClusterState(first, &state), ERROR_SUCCESS);
    CHECK(state == 0);
    CHECK_ERR(GetNodeClusterState(L"NODE1", &state), ERROR_SUCCESS);
    CHECK(state == 0x13);
  }
  return NULL;
}

/* A handle passed to a thread bound to nothing: the call goes to the handle's simulator. */
static HGROUP shared_group;
static void *unbound(void *arg) {
  (void)arg;
  WCHAR owner[64];
  DWORD cch = 64;
  CLUSTER_GROUP_STATE state = GetClusterGroupState(shared_group, owner, &cch);
  CHECK(state == ClusterGroupOffline);
  CHECK(weq(owner, L"B1"));
  CHECK_ERR(ClusSimOpenHandleCount(), 0); /* this thread's current one: the process's */
  return NULL;
}

int main(void) {
  pthread_t threads[WORKERS];
  for (int i = 0; i < WORKERS; i++) {
    CHECK(pthread_create(&threads[i], NULL, worker, (void *)(size_t)i) == 0);
  }
  for (int i = 0; i < WORKERS; i++) CHECK(pthread_join(threads[i], NULL) == 0);

  HANDLE sim = ClusSimCreate("[[cluster]]\nname = \"B\"\nnodes = [\"B1\"]\n"
                             "[[cluster.group]]\nname = \"G\"\nowner = \"B1\"\n");
  CHECK(sim != NULL);
  CHECK_ERR(ClusSimBindThread(sim), ERROR_SUCCESS);
  HCLUSTER cluster = OpenCluster(NULL);
  shared_group = OpenClusterGroup(cluster, L"G");
  CHECK(shared_group != NULL);
  pthread_t t;
  CHECK(pthread_create(&t, NULL, unbound, NULL) == 0);
  CHECK(pthread_join(t, NULL) == 0);
  CHECK(CloseClusterGroup(shared_group));
  CHECK(CloseCluster(cluster));
  CHECK_ERR(ClusSimOpenHandleCount(), 0);
  CHECK_ERR(ClusSimBindThread(NULL), ERROR_SUCCESS);
  CHECK_ERR(ClusSimDestroy(sim), ERROR_SUCCESS);

  /* A bad topology: NULL, the builder's code, and the message. */
  CHECK(ClusSimCreate("[[cluster]]\nname = \"C\"\nnodes = [\"A\"]\n"
                      "[[cluster.group]]\nname = \"G\"\nowner = \"Z\"\n") == NULL);
  CHECK_ERR(GetLastError(), ERROR_CLUSTER_NODE_NOT_FOUND);
  char message[512];
  DWORD cb = sizeof message;
  CHECK_ERR(ClusSimLastErrorMessage(message, &cb), ERROR_SUCCESS);
  CHECK(strstr(message, "line 5") != NULL);

  CHECK_ERR(ClusSimOpenHandleCount(), 0);
  puts("parallel simulators: ok");
  ClusSimReset();
  return 0;
}
