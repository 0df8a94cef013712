/* A client that reads every group's GroupType and Priority in one enumeration, as
 * management tools do on Windows Server 2012 and later: ClusterGroupOpenEnumEx with the
 * names of the properties it wants, then ClusterGroupEnumEx by the buffer protocol (a size
 * query, then a buffer of that size), each CLUSTER_GROUP_ENUM_ITEM pointing into the
 * caller's buffer. Then the resources with their groups, and what the calls refuse. */
#include <stdint.h>
#include <string.h>

#include <windows.h>
#include <clusapi.h>
#include <clusapi_sim.h>

#include "check.h"

static const char TOPOLOGY[] =
    "[[cluster]]\n"
    "name = \"HVCLUSTER\"\n"
    "nodes = [\"HV1\", \"HV2\"]\n"
    "networks = [\"LAN\"]\n"
    "[[cluster.group]]\n"
    "name = \"Cluster Group\"\n"
    "owner = \"HV1\"\n"
    "[[cluster.group]]\n"
    "name = \"VM web01\"\n"
    "owner = \"HV2\"\n"
    "group_type = 111\n"
    "resources = [{ name = \"Virtual Machine web01\", type = \"Virtual Machine\" }]\n";

static DWORD round4(DWORD n) { return (n + 3) & ~(DWORD)3; }

/* The DWORD property `name` of a property list, or (DWORD)-1. */
static DWORD find_dword(const BYTE *buf, DWORD size, const WCHAR *name) {
  DWORD at = 4, count, i;
  if (buf == NULL || size < 4) return (DWORD)-1;
  memcpy(&count, buf, 4);
  for (i = 0; i < count && at + 8 <= size; i++) {
    DWORD len, vlen, dw;
    memcpy(&len, buf + at + 4, 4);
    const WCHAR *n = (const WCHAR *)(buf + at + 8);
    at += 8 + round4(len);
    if (at + 8 > size) return (DWORD)-1;
    memcpy(&vlen, buf + at + 4, 4);
    if (weq(n, name) && vlen == 4) {
      memcpy(&dw, buf + at + 8, 4);
      return dw;
    }
    at += 8 + round4(vlen) + 4; /* the value, then its end mark */
  }
  return (DWORD)-1;
}

/* Whether `p` lies inside the `size` bytes at `base`. */
static int inside(const void *p, const void *base, DWORD size) {
  uintptr_t a = (uintptr_t)p, b = (uintptr_t)base;
  return a >= b && a < b + size;
}

/* The property names: a MULTI_SZ, each name NUL-terminated, then the empty string. */
static const WCHAR RW[] = L"Priority\0";
static const WCHAR RO[] = L"GroupType\0";
/* A name that is no group common property (MS-CMRP 3.1.4.2.139: 87 for groups; resources
   leave it out). */
static const WCHAR UNKNOWN[] = L"Priority\0nosuch\0";

int main(void) {
  CHECK_ERR(ClusSimLoadTopology(TOPOLOGY), ERROR_SUCCESS);
  HCLUSTER cluster = OpenCluster(NULL);
  CHECK(cluster != NULL);

  CHECK(ClusterGroupOpenEnumEx(cluster, UNKNOWN, sizeof UNKNOWN, RO, sizeof RO, 0) == NULL);
  CHECK_ERR(GetLastError(), ERROR_INVALID_PARAMETER);
  CHECK(ClusterGroupOpenEnumEx(cluster, NULL, 0, UNKNOWN, sizeof UNKNOWN, 0) == NULL);
  CHECK_ERR(GetLastError(), ERROR_INVALID_PARAMETER);
  HRESENUMEX unknown = ClusterResourceOpenEnumEx(cluster, UNKNOWN, sizeof UNKNOWN, NULL, 0, 0);
  CHECK(unknown != NULL);
  CHECK_ERR(ClusterResourceCloseEnumEx(unknown), ERROR_SUCCESS);

  HGROUPENUMEX e = ClusterGroupOpenEnumEx(cluster, RW, sizeof RW, RO, sizeof RO, 0);
  CHECK(e != NULL);
  CHECK_ERR(ClusterGroupGetEnumCountEx(e), 2);
  static const DWORD types[] = {ClusGroupTypeCoreCluster, ClusGroupTypeVirtualMachine};
  static const WCHAR *owners[] = {L"HV1", L"HV2"};
  for (DWORD i = 0; i < 2; i++) {
    /* The size query: NULL buffer, then too small, each ERROR_MORE_DATA with the size. */
    DWORD cb = 0;
    CHECK_ERR(ClusterGroupEnumEx(e, i, NULL, &cb), ERROR_MORE_DATA);
    CHECK(cb > sizeof(CLUSTER_GROUP_ENUM_ITEM));
    DWORD needed = cb, small = sizeof(CLUSTER_GROUP_ENUM_ITEM);
    BYTE *buf = malloc(needed);
    CHECK(buf != NULL);
    memset(buf, 0xAB, needed);
    CHECK_ERR(ClusterGroupEnumEx(e, i, (PCLUSTER_GROUP_ENUM_ITEM)buf, &small), ERROR_MORE_DATA);
    CHECK(small == needed && buf[0] == 0xAB);
    CHECK_ERR(ClusterGroupEnumEx(e, i, (PCLUSTER_GROUP_ENUM_ITEM)buf, &cb), ERROR_SUCCESS);
    CHECK(cb == needed);
    CLUSTER_GROUP_ENUM_ITEM item;
    memcpy(&item, buf, sizeof item);
    CHECK(item.dwVersion == CLUSTER_GROUP_ENUM_ITEM_VERSION_1);
    CHECK(inside(item.lpszName, buf, cb) && inside(item.lpszId, buf, cb) && inside(item.lpszOwnerNode, buf, cb));
    CHECK(item.cbName == (wlen(item.lpszName) + 1) * sizeof(WCHAR));
    CHECK(item.cbId == 37 * sizeof(WCHAR)); /* a GUID and its NUL */
    CHECK(weq(item.lpszOwnerNode, owners[i]));
    CHECK(weq(item.lpszName, i == 0 ? L"Cluster Group" : L"VM web01"));
    CHECK(item.dwFlags == (i == 0 ? 1u : 0u)); /* CLUS_FLAG_CORE for the core group */
    CHECK(inside(item.pProperties, buf, cb) && inside(item.pRoProperties, buf, cb));
    CHECK(find_dword(item.pProperties, item.cbProperties, L"Priority") == 2000);
    DWORD count;
    memcpy(&count, item.pProperties, 4);
    CHECK(count == 1);
    CHECK(find_dword(item.pRoProperties, item.cbRoProperties, L"GroupType") == types[i]);
    free(buf);
  }
  {
    BYTE buf[16];
    DWORD cb = sizeof buf;
    CHECK_ERR(ClusterGroupEnumEx(e, 2, (PCLUSTER_GROUP_ENUM_ITEM)buf, &cb), ERROR_NO_MORE_ITEMS);
    CHECK_ERR(ClusterGroupEnumEx(e, 0, (PCLUSTER_GROUP_ENUM_ITEM)buf, NULL), ERROR_INVALID_PARAMETER);
  }
  CHECK_ERR(ClusterGroupCloseEnumEx(e), ERROR_SUCCESS);
  CHECK_ERR(ClusterGroupCloseEnumEx(e), ERROR_INVALID_HANDLE);
  CHECK_ERR(ClusterGroupGetEnumCountEx(e), 0);
  CHECK_ERR(GetLastError(), ERROR_INVALID_HANDLE);

  /* No properties asked for: empty lists are NULL with a size of 0. */
  e = ClusterGroupOpenEnumEx(cluster, NULL, 0, NULL, 0, 0);
  CHECK(e != NULL);
  {
    union {
      CLUSTER_GROUP_ENUM_ITEM item;
      BYTE bytes[512];
    } u;
    DWORD cb = sizeof u;
    CHECK_ERR(ClusterGroupEnumEx(e, 1, &u.item, &cb), ERROR_SUCCESS);
    CHECK(u.item.cbProperties == 0 && u.item.pProperties == NULL);
    CHECK(u.item.cbRoProperties == 0 && u.item.pRoProperties == NULL);
    CHECK(u.item.state == ClusterGroupOffline);
  }
  CHECK_ERR(ClusterGroupCloseEnumEx(e), ERROR_SUCCESS);

  /* The resources, each with its group's name and id; "*": every read-only property. */
  static const WCHAR ALL[] = L"*\0";
  HRESENUMEX r = ClusterResourceOpenEnumEx(cluster, NULL, 0, ALL, sizeof ALL, 0);
  CHECK(r != NULL);
  CHECK_ERR(ClusterResourceGetEnumCountEx(r), 1);
  {
    DWORD cb = 0;
    CHECK_ERR(ClusterResourceEnumEx(r, 0, NULL, &cb), ERROR_MORE_DATA);
    BYTE *buf = malloc(cb);
    CHECK(buf != NULL);
    CHECK_ERR(ClusterResourceEnumEx(r, 0, (PCLUSTER_RESOURCE_ENUM_ITEM)buf, &cb), ERROR_SUCCESS);
    CLUSTER_RESOURCE_ENUM_ITEM item;
    memcpy(&item, buf, sizeof item);
    CHECK(item.dwVersion == CLUSTER_RESOURCE_ENUM_ITEM_VERSION_1);
    CHECK(weq(item.lpszName, L"Virtual Machine web01"));
    CHECK(weq(item.lpszOwnerGroupName, L"VM web01"));
    CHECK(item.cbOwnerGroupId == 37 * sizeof(WCHAR) && inside(item.lpszOwnerGroupId, buf, cb));
    CHECK(item.cbProperties == 0 && item.pProperties == NULL);
    CHECK(item.cbRoProperties > 4 && inside(item.pRoProperties, buf, cb));
    free(buf);
  }
  CHECK_ERR(ClusterResourceEnumEx(r, 1, NULL, NULL), ERROR_NO_MORE_ITEMS);
  CHECK_ERR(ClusterResourceCloseEnumEx(r), ERROR_SUCCESS);

  /* What the opens refuse: a reserved flag, an odd size, a list with no final NUL. */
  CHECK(ClusterGroupOpenEnumEx(cluster, NULL, 0, NULL, 0, 1) == NULL);
  CHECK_ERR(GetLastError(), ERROR_INVALID_PARAMETER);
  CHECK(ClusterResourceOpenEnumEx(cluster, RW, 3, NULL, 0, 0) == NULL);
  CHECK_ERR(GetLastError(), ERROR_INVALID_PARAMETER);
  CHECK(ClusterGroupOpenEnumEx(cluster, RW, 4, NULL, 0, 0) == NULL); /* "Pr", no NUL */
  CHECK_ERR(GetLastError(), ERROR_INVALID_PARAMETER);
  CHECK(ClusterGroupOpenEnumEx(NULL, NULL, 0, NULL, 0, 0) == NULL);
  CHECK_ERR(GetLastError(), ERROR_INVALID_HANDLE);
  /* A group Ex enumeration is not a resource one. */
  e = ClusterGroupOpenEnumEx(cluster, NULL, 0, NULL, 0, 0);
  CHECK_ERR(ClusterResourceGetEnumCountEx((HRESENUMEX)e), 0);
  CHECK_ERR(GetLastError(), ERROR_INVALID_HANDLE);
  CHECK_ERR(ClusterResourceCloseEnumEx((HRESENUMEX)e), ERROR_INVALID_HANDLE);
  CHECK_ERR(ClusterGroupCloseEnumEx(e), ERROR_SUCCESS);

  CHECK(CloseCluster(cluster));
  return 0;
}
