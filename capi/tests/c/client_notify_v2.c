/* Notifications version 2, as an owner-change listener uses them: a V2 port on the cluster
 * listening for CLUSTER_CHANGE_GROUP_OWNER_NODE_V2 and the nodes' GROUP_GAINED / GROUP_LOST,
 * a MoveClusterGroup, and GetClusterNotifyV2 reading the three events in order; a flag the
 * simulator never raises is refused with ERROR_INVALID_PARAMETER, the type's ALL mask is not. */
#include <windows.h>
#include <clusapi.h>
#include <clusapi_sim.h>
#include <string.h>

#include "check.h"

typedef struct {
  DWORD_PTR key;
  NOTIFY_FILTER_AND_TYPE filter;
  BYTE payload[64];
  DWORD payload_size;
  WCHAR id[64], parent[64], name[64], type[64];
} event_v2;

static DWORD next(HCHANGE port, event_v2 *e, DWORD timeout) {
  DWORD cch_id = 64, cch_parent = 64, cch_name = 64, cch_type = 64;
  e->payload_size = sizeof e->payload;
  return GetClusterNotifyV2(port, &e->key, &e->filter, e->payload, &e->payload_size, e->id, &cch_id, e->parent,
                            &cch_parent, e->name, &cch_name, e->type, &cch_type, timeout);
}

int main(void) {
  HCLUSTER cluster = OpenCluster(NULL);
  CHECK(cluster != NULL);

  /* Refused: a flag no simulated change raises, alone or with raised ones. */
  NOTIFY_FILTER_AND_TYPE refused[] = {
      {CLUSTER_OBJECT_TYPE_CLUSTER, CLUSTER_CHANGE_CLUSTER_RECONNECT_V2},
      {CLUSTER_OBJECT_TYPE_RESOURCE, CLUSTER_CHANGE_RESOURCE_TERMINAL_STATE_V2 | CLUSTER_CHANGE_RESOURCE_STATE_V2},
  };
  for (int i = 0; i < 2; i++) {
    CHECK(CreateClusterNotifyPortV2((HCHANGE)INVALID_HANDLE_VALUE, cluster, &refused[i], 1, 1) == NULL);
    CHECK(GetLastError() == ERROR_INVALID_PARAMETER);
  }

  NOTIFY_FILTER_AND_TYPE filters[] = {
      {CLUSTER_OBJECT_TYPE_GROUP, CLUSTER_CHANGE_GROUP_OWNER_NODE_V2},
      {CLUSTER_OBJECT_TYPE_NODE, CLUSTER_CHANGE_NODE_GROUP_GAINED_V2 | CLUSTER_CHANGE_NODE_GROUP_LOST_V2},
  };
  HCHANGE port = CreateClusterNotifyPortV2((HCHANGE)INVALID_HANDLE_VALUE, cluster, filters, 2, 42);
  CHECK(port != NULL);
  /* The ALL mask of a type is accepted, TERMINAL_STATE in it or not. */
  NOTIFY_FILTER_AND_TYPE all = {CLUSTER_OBJECT_TYPE_RESOURCE, CLUSTER_CHANGE_RESOURCE_ALL_V2};
  CHECK(CreateClusterNotifyPortV2(port, cluster, &all, 1, 43) == port);
  HNODE node2 = OpenClusterNode(cluster, L"NODE2");
  CHECK(node2 != NULL);
  NOTIFY_FILTER_AND_TYPE upgraded = {CLUSTER_OBJECT_TYPE_NODE, 0x100};
  CHECK_ERR(RegisterClusterNotifyV2(port, upgraded, (HANDLE)node2, 7), ERROR_INVALID_PARAMETER);

  event_v2 e;
  CHECK_ERR(next(port, &e, 0), WAIT_TIMEOUT);

  HGROUP storage = OpenClusterGroup(cluster, L"Available Storage");
  CHECK(storage != NULL);
  CHECK_ERR(MoveClusterGroup(storage, node2), ERROR_SUCCESS);

  /* The group's new owner (parent: its id; payload: its name), then the node that lost the
   * group and the node that gained it. */
  CHECK_ERR(next(port, &e, 1000), ERROR_SUCCESS);
  CHECK(e.key == 42 && e.filter.dwObjectType == CLUSTER_OBJECT_TYPE_GROUP);
  CHECK(e.filter.FilterFlags == CLUSTER_CHANGE_GROUP_OWNER_NODE_V2);
  CHECK(weq(e.name, L"Available Storage") && weq(e.parent, L"2"));
  CHECK(e.payload_size == sizeof L"NODE2" && memcmp(e.payload, L"NODE2", sizeof L"NODE2") == 0);
  CHECK_ERR(next(port, &e, 0), ERROR_SUCCESS);
  CHECK(e.filter.dwObjectType == CLUSTER_OBJECT_TYPE_NODE && e.filter.FilterFlags == CLUSTER_CHANGE_NODE_GROUP_LOST_V2);
  CHECK(weq(e.id, L"1") && weq(e.name, L"Available Storage"));
  CHECK_ERR(next(port, &e, 0), ERROR_SUCCESS);
  CHECK(e.filter.FilterFlags == CLUSTER_CHANGE_NODE_GROUP_GAINED_V2 && weq(e.id, L"2"));
  CHECK_ERR(next(port, &e, 0), WAIT_TIMEOUT);

  CHECK(CloseClusterGroup(storage));
  CHECK(CloseClusterNode(node2));
  CHECK(CloseClusterNotifyPort(port));
  CHECK(CloseCluster(cluster));
  return 0;
}
