/* The seed scenario, written as real ClusAPI client code is written. */
#include <windows.h>
#include <clusapi.h>
#include <clusapi_sim.h>
#include <stdlib.h>

#include "check.h"

/* The two-call protocol: probe for the length, allocate, call again. */
static WCHAR *network_id(HNETWORK network) {
  DWORD len = 0;
  CHECK_ERR(GetClusterNetworkId(network, NULL, &len), ERROR_MORE_DATA);
  WCHAR *buf = (WCHAR *)malloc((len + 1) * sizeof(WCHAR));
  CHECK(buf != NULL);
  DWORD cap = len + 1;
  CHECK_ERR(GetClusterNetworkId(network, buf, &cap), ERROR_SUCCESS);
  CHECK(cap == len && buf[len] == 0);
  return buf;
}

int main(void) {
  HCLUSTER cluster = OpenCluster(NULL);
  CHECK(cluster != NULL);
  HNETWORK network = OpenClusterNetwork(cluster, L"Cluster Network 1");
  CHECK(network != NULL);
  HCLUSTER from_network = GetClusterFromNetwork(network);
  CHECK(from_network != NULL && from_network != cluster);

  CHECK(CloseCluster(cluster));
  /* Closing one handle never invalidates another. */
  WCHAR *id = network_id(network);
  CHECK(wlen(id) == 36);
  free(id);
  WCHAR name[64];
  DWORD cch = 64;
  CHECK_ERR(GetClusterInformation(from_network, name, &cch, NULL), ERROR_SUCCESS);
  CHECK(cch == 10 && weq(name, L"SIMCLUSTER"));
  HCLUSTER again = GetClusterFromNetwork(network);
  CHECK(again != NULL);

  /* A second close is an error, not a crash. */
  CHECK(!CloseCluster(cluster));
  CHECK(GetLastError() == ERROR_INVALID_HANDLE);

  CHECK(CloseCluster(again));
  CHECK(CloseClusterNetwork(network));
  CHECK(CloseCluster(from_network));
  CHECK(ClusSimOpenHandleCount() == 0);
  printf("seed scenario: ok\n");
  return 0;
}
