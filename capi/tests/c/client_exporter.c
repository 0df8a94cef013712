/* A monitoring exporter, as the widely deployed ones are written: open the cluster
 * read-only, enumerate every node, group, resource, network and interface, read each
 * object's read-only and common properties with the two-call size protocol (a NULL probe
 * for the size, then the call), read its state, close everything, and check that nothing
 * leaked. */
#include <windows.h>
#include <clusapi.h>
#include <clusapi_sim.h>
#include <string.h>

#include "check.h"

static int properties_read = 0;

/* Walks a property list: the count, then per property a name, one value and an end mark,
 * then the list's extra end mark. Returns the number of properties. */
static DWORD walk(const BYTE *p, DWORD size) {
  DWORD count, at = 4, i;
  CHECK(size >= 4);
  memcpy(&count, p, 4);
  for (i = 0; i < count; i++) {
    DWORD syntax, len;
    memcpy(&syntax, p + at, 4);
    memcpy(&len, p + at + 4, 4);
    CHECK(syntax == CLUSPROP_SYNTAX_NAME);
    at += 8 + ((len + 3) & ~3u);
    memcpy(&syntax, p + at, 4);
    memcpy(&len, p + at + 4, 4);
    CHECK((syntax >> 16) == 1); /* a list value */
    at += 8 + ((len + 3) & ~3u);
    memcpy(&syntax, p + at, 4);
    CHECK(syntax == CLUSPROP_SYNTAX_ENDMARK);
    at += 4;
  }
  CHECK(at + 4 == size); /* the extra end mark a real cluster writes */
  return count;
}

typedef DWORD(WINAPI *CONTROL)(void *object, HNODE host, DWORD code, LPVOID in, DWORD in_size, LPVOID out,
                               DWORD out_size, LPDWORD returned);

/* The two-call protocol: probe with a NULL buffer, then read. */
static void read_list(CONTROL control, void *object, DWORD code) {
  DWORD needed = 0, got = 0;
  CHECK_ERR(control(object, NULL, code, NULL, 0, NULL, 0, &needed), ERROR_MORE_DATA);
  CHECK(needed > 4);
  BYTE *buffer = malloc(needed);
  CHECK(buffer != NULL);
  /* One byte short is still too small, and says the same size. */
  CHECK_ERR(control(object, NULL, code, NULL, 0, buffer, needed - 1, &got), ERROR_MORE_DATA);
  CHECK(got == needed);
  CHECK_ERR(control(object, NULL, code, NULL, 0, buffer, needed, &got), ERROR_SUCCESS);
  CHECK(got == needed);
  properties_read += (int)walk(buffer, got);
  free(buffer);
}

/* Every object of one kind: open it by name, read its lists and state, close it. */
static void visit(HCLUSTER cluster, DWORD kind, const WCHAR *name) {
  switch (kind) {
  case CLUSTER_ENUM_NODE: {
    HNODE h = OpenClusterNode(cluster, name);
    CHECK(h != NULL);
    read_list((CONTROL)ClusterNodeControl, h, CLUSCTL_NODE_GET_RO_COMMON_PROPERTIES);
    read_list((CONTROL)ClusterNodeControl, h, CLUSCTL_NODE_GET_COMMON_PROPERTIES);
    CHECK(GetClusterNodeState(h) == ClusterNodeUp);
    CHECK(CloseClusterNode(h));
    break;
  }
  case CLUSTER_ENUM_GROUP: {
    HGROUP h = OpenClusterGroup(cluster, name);
    CHECK(h != NULL);
    read_list((CONTROL)ClusterGroupControl, h, CLUSCTL_GROUP_GET_RO_COMMON_PROPERTIES);
    read_list((CONTROL)ClusterGroupControl, h, CLUSCTL_GROUP_GET_COMMON_PROPERTIES);
    CHECK(GetClusterGroupState(h, NULL, NULL) != ClusterGroupStateUnknown);
    CHECK(CloseClusterGroup(h));
    break;
  }
  case CLUSTER_ENUM_RESOURCE: {
    HRESOURCE h = OpenClusterResource(cluster, name);
    CHECK(h != NULL);
    read_list((CONTROL)ClusterResourceControl, h, CLUSCTL_RESOURCE_GET_RO_COMMON_PROPERTIES);
    read_list((CONTROL)ClusterResourceControl, h, CLUSCTL_RESOURCE_GET_COMMON_PROPERTIES);
    DWORD flags = 0, characteristics = 0, got = 0;
    CHECK_ERR(ClusterResourceControl(h, NULL, CLUSCTL_RESOURCE_GET_FLAGS, NULL, 0, &flags, 4, &got), ERROR_SUCCESS);
    CHECK_ERR(ClusterResourceControl(h, NULL, CLUSCTL_RESOURCE_GET_CHARACTERISTICS, NULL, 0, &characteristics, 4,
                                     &got),
              ERROR_SUCCESS);
    WCHAR type[64];
    CHECK_ERR(ClusterResourceControl(h, NULL, CLUSCTL_RESOURCE_GET_RESOURCE_TYPE, NULL, 0, type, sizeof type, &got),
              ERROR_SUCCESS);
    CHECK(got >= sizeof(WCHAR) && type[got / sizeof(WCHAR) - 1] == 0);
    CHECK(GetClusterResourceState(h, NULL, NULL, NULL, NULL) != ClusterResourceStateUnknown);
    /* Read-only: a set is refused. */
    BYTE list[64];
    DWORD size = 0;
    CHECK_ERR(ClusterResourceControl(h, NULL, CLUSCTL_RESOURCE_GET_COMMON_PROPERTIES, NULL, 0, NULL, 0, &size),
              ERROR_MORE_DATA);
    memset(list, 0, sizeof list);
    CHECK_ERR(ClusterResourceControl(h, NULL, CLUSCTL_RESOURCE_SET_COMMON_PROPERTIES, list, 4, NULL, 0, NULL),
              ERROR_ACCESS_DENIED);
    CHECK(CloseClusterResource(h));
    break;
  }
  case CLUSTER_ENUM_NETWORK: {
    HNETWORK h = OpenClusterNetwork(cluster, name);
    CHECK(h != NULL);
    read_list((CONTROL)ClusterNetworkControl, h, CLUSCTL_NETWORK_GET_RO_COMMON_PROPERTIES);
    read_list((CONTROL)ClusterNetworkControl, h, CLUSCTL_NETWORK_GET_COMMON_PROPERTIES);
    CHECK(GetClusterNetworkState(h) == ClusterNetworkUp);
    CHECK(CloseClusterNetwork(h));
    break;
  }
  case CLUSTER_ENUM_NETINTERFACE: {
    HNETINTERFACE h = OpenClusterNetInterface(cluster, name);
    CHECK(h != NULL);
    read_list((CONTROL)ClusterNetInterfaceControl, h, CLUSCTL_NETINTERFACE_GET_RO_COMMON_PROPERTIES);
    CHECK(GetClusterNetInterfaceState(h) == ClusterNetInterfaceUp);
    CHECK(CloseClusterNetInterface(h));
    break;
  }
  case CLUSTER_ENUM_RESTYPE: {
    HRESTYPEENUM e = ClusterResourceTypeOpenEnum(cluster, name, CLUSTER_RESOURCE_TYPE_ENUM_ALL);
    CHECK(e != NULL);
    CHECK(ClusterResourceTypeGetEnumCount(e) >= 2); /* at least the two nodes */
    CHECK_ERR(ClusterResourceTypeCloseEnum(e), ERROR_SUCCESS);
    break;
  }
  }
}

int main(void) {
  DWORD granted = 0;
  HCLUSTER cluster = OpenClusterEx(NULL, GENERIC_READ, &granted);
  CHECK(cluster != NULL);
  read_list((CONTROL)ClusterControl, cluster, CLUSCTL_CLUSTER_GET_COMMON_PROPERTIES);
  read_list((CONTROL)ClusterControl, cluster, CLUSCTL_CLUSTER_GET_RO_COMMON_PROPERTIES);

  HCLUSENUM e = ClusterOpenEnum(cluster, CLUSTER_ENUM_ALL);
  CHECK(e != NULL);
  DWORD count = ClusterGetEnumCount(e), objects = 0;
  for (DWORD i = 0;; i++) {
    DWORD type = 0, cch = 0;
    DWORD rc = ClusterEnum(e, i, &type, NULL, &cch); /* the size probe */
    if (rc == ERROR_NO_MORE_ITEMS) break;
    CHECK_ERR(rc, ERROR_MORE_DATA);
    cch += 1;
    WCHAR *name = malloc(cch * sizeof(WCHAR));
    CHECK(name != NULL);
    CHECK_ERR(ClusterEnum(e, i, &type, name, &cch), ERROR_SUCCESS);
    visit(cluster, type, name);
    free(name);
    objects++;
  }
  CHECK(objects == count);
  CHECK_ERR(ClusterCloseEnum(e), ERROR_SUCCESS);
  CHECK(CloseCluster(cluster));

  printf("exporter: %lu objects, %d properties\n", (unsigned long)objects, properties_read);
  CHECK(properties_read > 200);
  CHECK(ClusSimOpenHandleCount() == 0);
  char report[256];
  DWORD cb = sizeof report;
  CHECK_ERR(ClusSimLeakReport(report, &cb), ERROR_SUCCESS);
  CHECK(cb == 0); /* the leak report is empty */
  return 0;
}
