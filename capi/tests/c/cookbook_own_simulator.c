/* docs/cookbook.md's C recipe: a test with a simulator of its own. It creates the
 * simulator from a TOML topology, binds its thread to it, runs the production code (a
 * monitoring read: a group's owner and a resource's common property list, both through
 * the size probe), checks the outcome and the leak count, and destroys the simulator.
 * Built against both C libraries (WCHAR of 2 and of 4 bytes) and run under valgrind. */
#include <windows.h>
#include <clusapi.h>
#include <clusapi_sim.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXPECT(expr)                                                                   \
  do {                                                                                 \
    if (!(expr)) {                                                                     \
      fprintf(stderr, "%s:%d: %s failed (GetLastError() = %lu)\n", __FILE__, __LINE__, \
              #expr, (unsigned long)GetLastError());                                   \
      exit(1);                                                                         \
    }                                                                                  \
  } while (0)

/* Production code: the owner of `group` (malloc'd, NUL-terminated) and its state. The
 * size probe: a first call with no buffer answers the length in WCHARs, without the NUL. */
static WCHAR *group_owner(const WCHAR *group, CLUSTER_GROUP_STATE *state) {
  HCLUSTER cluster = OpenCluster(NULL);
  if (cluster == NULL) return NULL;
  HGROUP g = OpenClusterGroup(cluster, group);
  WCHAR *owner = NULL;
  if (g != NULL) {
    DWORD cch = 0;
    *state = GetClusterGroupState(g, NULL, &cch);
    owner = (WCHAR *)malloc((cch + 1) * sizeof(WCHAR));
    DWORD cap = cch + 1;
    if (owner != NULL) *state = GetClusterGroupState(g, owner, &cap);
    CloseClusterGroup(g);
  }
  CloseCluster(cluster);
  return owner;
}

/* Production code: `resource`'s common property list (malloc'd), its size in `*bytes`.
 * The size probe: a NULL buffer answers ERROR_MORE_DATA and the size in bytes. */
static BYTE *common_properties(const WCHAR *resource, DWORD *bytes) {
  HCLUSTER cluster = OpenCluster(NULL);
  if (cluster == NULL) return NULL;
  HRESOURCE r = OpenClusterResource(cluster, resource);
  BYTE *list = NULL;
  DWORD needed = 0;
  if (r != NULL &&
      ClusterResourceControl(r, NULL, CLUSCTL_RESOURCE_GET_COMMON_PROPERTIES, NULL, 0, NULL, 0,
                             &needed) == ERROR_MORE_DATA) {
    list = (BYTE *)malloc(needed);
    if (list != NULL &&
        ClusterResourceControl(r, NULL, CLUSCTL_RESOURCE_GET_COMMON_PROPERTIES, NULL, 0, list,
                               needed, bytes) != ERROR_SUCCESS) {
      free(list);
      list = NULL;
    }
  }
  if (r != NULL) CloseClusterResource(r);
  CloseCluster(cluster);
  return list;
}

int main(void) {
  /* The test's own cluster, bound to this thread: OpenCluster(NULL) reaches it. */
  HANDLE sim = ClusSimCreate("[[cluster]]\n"
                             "name = \"SQLCLUSTER\"\n"
                             "nodes = [\"SQL1\", \"SQL2\"]\n"
                             "[[cluster.group]]\n"
                             "name = \"SQL Group\"\n"
                             "owner = \"SQL1\"\n"
                             "online = true\n"
                             "resources = [{ name = \"SQL Server\", type = \"Generic Service\" }]\n");
  EXPECT(sim != NULL); /* else ClusSimLastErrorMessage says why, with the line */
  EXPECT(ClusSimBindThread(sim) == ERROR_SUCCESS);

  CLUSTER_GROUP_STATE state = ClusterGroupStateUnknown;
  WCHAR *owner = group_owner(L"SQL Group", &state);
  EXPECT(owner != NULL && state == ClusterGroupOnline);
  EXPECT(memcmp(owner, L"SQL1", 5 * sizeof(WCHAR)) == 0); /* WCHAR: 2 or 4 bytes */
  free(owner);

  /* A crash fails the group over: the same code sees the new owner. */
  EXPECT(ClusSimCrashNode(L"SQL1") == ERROR_SUCCESS);
  owner = group_owner(L"SQL Group", &state);
  EXPECT(owner != NULL && memcmp(owner, L"SQL2", 5 * sizeof(WCHAR)) == 0);
  free(owner);

  DWORD bytes = 0, count = 0;
  BYTE *list = common_properties(L"SQL Server", &bytes);
  EXPECT(list != NULL && bytes > 4);
  memcpy(&count, list, sizeof count); /* a property list starts with its count */
  EXPECT(count > 0);
  free(list);

  /* The leak check: this simulator's handles only, whatever other threads hold. */
  EXPECT(ClusSimOpenHandleCount() == 0);
  HCLUSTER forgotten = OpenCluster(NULL);
  EXPECT(ClusSimOpenHandleCount() == 1);
  char report[512];
  DWORD cb = sizeof report;
  EXPECT(ClusSimLeakReport(report, &cb) == ERROR_SUCCESS);
  EXPECT(strstr(report, "HCluster") != NULL); /* one line per open handle */
  EXPECT(CloseCluster(forgotten));
  EXPECT(ClusSimOpenHandleCount() == 0);

  EXPECT(ClusSimDestroy(sim) == ERROR_SUCCESS); /* the thread is unbound again */
  puts("own simulator: ok");
  return 0;
}
