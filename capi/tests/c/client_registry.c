/* Reads configuration through the cluster registry: a group's key (its common properties
 * are values of it), values enumerated with the two-call protocol, a DWORD read, a
 * resource's Parameters (its private properties), and everything closed again. */
#include <string.h>
#include <windows.h>
#include <clusapi.h>
#include <clusapi_sim.h>

#include "check.h"

int main(void) {
  CHECK_ERR(ClusSimReset(), ERROR_SUCCESS);
  HCLUSTER cluster = OpenCluster(NULL);
  CHECK(cluster != NULL);
  HGROUP group = OpenClusterGroup(cluster, L"Available Storage");
  CHECK(group != NULL);

  /* The cluster's root key names the cluster and its instance, as a real one does. */
  HKEY root = GetClusterKey(cluster, KEY_READ);
  CHECK(root != NULL);
  WCHAR instance[64];
  DWORD itype = 0, icb = sizeof instance;
  CHECK_ERR(ClusterRegQueryValue(root, L"ClusterInstanceID", &itype, (BYTE *)instance, &icb), ERROR_SUCCESS);
  CHECK(itype == REG_SZ && icb == 37 * sizeof(WCHAR) && instance[8] == L'-' && instance[36] == 0);
  WCHAR cname[32];
  DWORD ctype = 0, ccb = sizeof cname;
  CHECK_ERR(ClusterRegQueryValue(root, L"ClusterName", &ctype, (BYTE *)cname, &ccb), ERROR_SUCCESS);
  CHECK(ctype == REG_SZ && weq(cname, L"SIMCLUSTER"));
  int listed = 0;
  for (DWORD i = 0;; i++) {
    WCHAR vname[64];
    DWORD vcch = 64;
    DWORD r = ClusterRegEnumValue(root, i, vname, &vcch, NULL, NULL, NULL);
    if (r == ERROR_NO_MORE_ITEMS) break;
    CHECK(r == ERROR_SUCCESS);
    listed += weq(vname, L"ClusterInstanceID") || weq(vname, L"ClusterName");
  }
  CHECK(listed == 2);
  CHECK_ERR(ClusterRegCloseKey(root), ERROR_SUCCESS);

  /* Configure through a writable key. */
  HKEY gkey = GetClusterGroupKey(group, KEY_ALL_ACCESS);
  CHECK(gkey != NULL);
  DWORD threshold = 7;
  CHECK_ERR(ClusterRegSetValue(gkey, L"FailoverThreshold", REG_DWORD, (const BYTE *)&threshold, sizeof threshold),
            ERROR_SUCCESS);
  const WCHAR owner[] = L"ops team";
  CHECK_ERR(ClusterRegSetValue(gkey, L"Contact", REG_SZ, (const BYTE *)owner, sizeof owner), ERROR_SUCCESS);
  CHECK_ERR(ClusterRegCloseKey(gkey), ERROR_SUCCESS);

  /* Read it back through a read-only key. */
  HKEY key = GetClusterGroupKey(group, KEY_READ);
  CHECK(key != NULL);
  CHECK_ERR(ClusterRegSetValue(key, L"X", REG_DWORD, (const BYTE *)&threshold, sizeof threshold),
            ERROR_ACCESS_DENIED);
  DWORD values = 0, max_name = 0, max_data = 0;
  CHECK_ERR(ClusterRegQueryInfoKey(key, NULL, NULL, &values, &max_name, &max_data, NULL, NULL), ERROR_SUCCESS);
  CHECK(values == 3); /* the two set, and its GroupType (ClusGroupTypeAvailableStorage) */
  int seen = 0;
  for (DWORD i = 0;; i++) {
    /* First call: the sizes. */
    WCHAR probe[1];
    DWORD cch = 1, cb = 0, type = 0;
    DWORD rc = ClusterRegEnumValue(key, i, probe, &cch, &type, NULL, &cb);
    if (rc == ERROR_NO_MORE_ITEMS) break;
    CHECK_ERR(rc, ERROR_MORE_DATA);
    CHECK(cch <= max_name && cb <= max_data);
    /* Second call: buffers of that size. */
    WCHAR *name = malloc((cch + 1) * sizeof(WCHAR));
    BYTE *data = malloc(cb);
    CHECK(name != NULL && data != NULL);
    cch += 1;
    CHECK_ERR(ClusterRegEnumValue(key, i, name, &cch, &type, data, &cb), ERROR_SUCCESS);
    if (weq(name, L"FailoverThreshold")) {
      DWORD v;
      memcpy(&v, data, sizeof v);
      CHECK(type == REG_DWORD && cb == 4 && v == 7);
      seen |= 1;
    } else if (weq(name, L"Contact")) {
      CHECK(type == REG_SZ && cb == sizeof owner && weq((const WCHAR *)data, owner));
      seen |= 2;
    } else if (weq(name, L"GroupType")) {
      DWORD v;
      memcpy(&v, data, sizeof v);
      CHECK(type == REG_DWORD && cb == 4 && v == ClusGroupTypeAvailableStorage);
      seen |= 4;
    }
    free(name);
    free(data);
  }
  CHECK(seen == 7);

  /* A DWORD read, with the size protocol. */
  DWORD value = 0, type = 0, cb = 2;
  CHECK_ERR(ClusterRegQueryValue(key, L"FailoverThreshold", &type, (BYTE *)&value, &cb), ERROR_MORE_DATA);
  CHECK(cb == sizeof(DWORD));
  CHECK_ERR(ClusterRegQueryValue(key, L"FailoverThreshold", &type, (BYTE *)&value, &cb), ERROR_SUCCESS);
  CHECK(type == REG_DWORD && value == 7);
  CHECK_ERR(ClusterRegQueryValue(key, L"Missing", &type, NULL, &cb), ERROR_FILE_NOT_FOUND);
  CHECK_ERR(ClusterRegCloseKey(key), ERROR_SUCCESS);

  /* A resource's private properties: under Parameters. */
  HRESOURCE ip = OpenClusterResource(cluster, L"Cluster IP Address");
  CHECK(ip != NULL);
  HKEY rkey = GetClusterResourceKey(ip, KEY_ALL_ACCESS);
  CHECK(rkey != NULL);
  HKEY params = NULL;
  CHECK_ERR(ClusterRegOpenKey(rkey, L"Parameters", KEY_ALL_ACCESS, &params), ERROR_SUCCESS);
  const WCHAR address[] = L"10.0.0.42";
  CHECK_ERR(ClusterRegSetValue(params, L"Address", REG_SZ, (const BYTE *)address, sizeof address), ERROR_SUCCESS);
  WCHAR got[32];
  cb = sizeof got;
  CHECK_ERR(ClusterRegQueryValue(params, L"Address", &type, (BYTE *)got, &cb), ERROR_SUCCESS);
  CHECK(type == REG_SZ && weq(got, address));
  WCHAR sub[16];
  DWORD cch = 16;
  CHECK_ERR(ClusterRegEnumKey(rkey, 0, sub, &cch, NULL), ERROR_SUCCESS);
  CHECK(weq(sub, L"Parameters") && cch == 10);
  CHECK_ERR(ClusterRegEnumKey(rkey, 1, sub, &cch, NULL), ERROR_NO_MORE_ITEMS);

  /* Security: the two-call protocol, then the same descriptor back. */
  DWORD cbsd = 0;
  CHECK_ERR(ClusterRegGetKeySecurity(params, 4, NULL, &cbsd), ERROR_INSUFFICIENT_BUFFER);
  BYTE *sd = malloc(cbsd);
  CHECK(sd != NULL);
  /* A buffer too small: 122 again (RegGetKeySecurity's answer), with the size back. */
  BYTE tiny[4];
  DWORD cbtiny = sizeof tiny;
  CHECK_ERR(ClusterRegGetKeySecurity(params, 4, tiny, &cbtiny), ERROR_INSUFFICIENT_BUFFER);
  CHECK(cbtiny == cbsd);
  CHECK_ERR(ClusterRegGetKeySecurity(params, 4, sd, &cbsd), ERROR_SUCCESS);
  CHECK_ERR(ClusterRegSetKeySecurity(params, 4, sd), ERROR_SUCCESS);
  free(sd);

  /* Keys created and deleted. */
  HKEY created = NULL;
  DWORD disposition = 0;
  CHECK_ERR(ClusterRegCreateKey(rkey, L"App\\Cache", 0, KEY_ALL_ACCESS, NULL, &created, &disposition),
            ERROR_SUCCESS);
  CHECK(disposition == REG_CREATED_NEW_KEY);
  CHECK_ERR(ClusterRegDeleteKey(rkey, L"App"), ERROR_ACCESS_DENIED);
  CHECK_ERR(ClusterRegDeleteKey(rkey, L"App\\Cache"), ERROR_SUCCESS);
  CHECK_ERR(ClusterRegDeleteKey(rkey, L"App"), ERROR_SUCCESS);
  CHECK(GetClusterResourceTypeKey(cluster, L"No Such Type", KEY_READ) == NULL);
  CHECK(GetLastError() == ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND);

  CHECK_ERR(ClusterRegCloseKey(created), ERROR_SUCCESS);
  CHECK_ERR(ClusterRegCloseKey(params), ERROR_SUCCESS);
  CHECK_ERR(ClusterRegCloseKey(rkey), ERROR_SUCCESS);
  CHECK_ERR(ClusterRegCloseKey(rkey), ERROR_INVALID_HANDLE);
  CHECK(CloseClusterResource(ip));
  CHECK(CloseClusterGroup(group));
  CHECK(CloseCluster(cluster));
  CHECK(ClusSimOpenHandleCount() == 0);
  puts("client_registry: ok");
  return 0;
}
