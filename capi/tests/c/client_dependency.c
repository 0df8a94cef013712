/* Dependency expressions through the C ABI: SetClusterResourceDependencyExpression and
 * GetClusterResourceDependencyExpression with the buffer protocol, and an "or" group that
 * keeps the service online while one of its addresses is. */
#include <windows.h>
#include <clusapi.h>
#include <clusapi_sim.h>

#include "check.h"

static CLUSTER_RESOURCE_STATE state(HRESOURCE r) { return GetClusterResourceState(r, NULL, NULL, NULL, NULL); }

int main(void) {
  HCLUSTER cluster = OpenCluster(NULL);
  CHECK(cluster != NULL);
  HGROUP group = CreateClusterGroup(cluster, L"Web");
  CHECK(group != NULL);
  HRESOURCE ip1 = CreateClusterResource(group, L"IP 1", L"IP Address", 0);
  HRESOURCE ip2 = CreateClusterResource(group, L"IP 2", L"IP Address", 0);
  HRESOURCE web = CreateClusterResource(group, L"Web", L"Generic Service", 0);
  CHECK(ip1 != NULL && ip2 != NULL && web != NULL);

  CHECK_ERR(SetClusterResourceDependencyExpression(web, L"([ip 1] OR [IP 2])"), ERROR_SUCCESS);
  /* The two-call protocol: the size without the NUL, then the expression. */
  DWORD cch = 0;
  CHECK_ERR(GetClusterResourceDependencyExpression(web, NULL, &cch), ERROR_MORE_DATA);
  CHECK(cch == 18); /* ([IP 1] or [IP 2]) */
  WCHAR buf[64];
  cch = 64;
  CHECK_ERR(GetClusterResourceDependencyExpression(web, buf, &cch), ERROR_SUCCESS);
  CHECK(weq(buf, L"([IP 1] or [IP 2])"));

  CHECK_ERR(OnlineClusterResource(web), ERROR_SUCCESS);
  CHECK_ERR(OfflineClusterResource(ip1), ERROR_SUCCESS);
  CHECK(state(web) == ClusterResourceOnline);
  CHECK_ERR(OfflineClusterResource(ip2), ERROR_SUCCESS);
  CHECK(state(web) == ClusterResourceOffline);

  /* Refusals leave the expression as it was. */
  CHECK_ERR(SetClusterResourceDependencyExpression(web, L"[IP 1] or"), ERROR_INVALID_PARAMETER);
  CHECK_ERR(SetClusterResourceDependencyExpression(web, L"[Nowhere]"), ERROR_RESOURCE_NOT_FOUND);
  CHECK_ERR(SetClusterResourceDependencyExpression(web, NULL), ERROR_INVALID_PARAMETER);
  CHECK_ERR(SetClusterResourceDependencyExpression(NULL, L""), ERROR_INVALID_HANDLE);
  cch = 64;
  CHECK_ERR(GetClusterResourceDependencyExpression(web, buf, &cch), ERROR_SUCCESS);
  CHECK(weq(buf, L"([IP 1] or [IP 2])"));
  CHECK_ERR(SetClusterResourceDependencyExpression(web, L""), ERROR_SUCCESS);

  CHECK(CloseClusterResource(web) && CloseClusterResource(ip2) && CloseClusterResource(ip1));
  CHECK(CloseClusterGroup(group));
  CHECK(CloseCluster(cluster));
  CHECK(ClusSimOpenHandleCount() == 0);
  return 0;
}
