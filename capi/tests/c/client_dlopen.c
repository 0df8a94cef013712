/* Code that loads the library at run time (LoadLibrary/GetProcAddress on Windows) and calls
 * through the PCLUSAPI_* function-pointer types: the seed scenario through dlsym. */
#include <windows.h>
#include <clusapi.h>
#include <dlfcn.h>

/* Nothing is linked: CHECK's GetLastError() goes through the loaded library too. */
typedef DWORD(WINAPI *GET_LAST_ERROR)(void);
static GET_LAST_ERROR last_error;
#define GetLastError() (last_error != NULL ? last_error() : 0)

#include "check.h"

#define LOAD(var, type, name)                                   \
  type var = (type)dlsym(lib, name);                            \
  if (var == NULL) {                                            \
    fprintf(stderr, "dlsym(%s): %s\n", name, dlerror());        \
    return 1;                                                   \
  }

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s path/to/libclusapi.so\n", argv[0]);
    return 2;
  }
  void *lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (lib == NULL) {
    fprintf(stderr, "dlopen: %s\n", dlerror());
    return 1;
  }
  LOAD(open_cluster, PCLUSAPI_OPEN_CLUSTER, "OpenCluster");
  LOAD(close_cluster, PCLUSAPI_CLOSE_CLUSTER, "CloseCluster");
  LOAD(open_network, PCLUSAPI_OPEN_CLUSTER_NETWORK, "OpenClusterNetwork");
  LOAD(close_network, PCLUSAPI_CLOSE_CLUSTER_NETWORK, "CloseClusterNetwork");
  LOAD(cluster_from_network, PCLUSAPI_GET_CLUSTER_FROM_NETWORK, "GetClusterFromNetwork");
  LOAD(network_id, PCLUSAPI_GET_CLUSTER_NETWORK_ID, "GetClusterNetworkId");
  LOAD(information, PCLUSAPI_GET_CLUSTER_INFORMATION, "GetClusterInformation");
  LOAD(network_state, PCLUSAPI_GET_CLUSTER_NETWORK_STATE, "GetClusterNetworkState");
  last_error = (GET_LAST_ERROR)dlsym(lib, "GetLastError");
  CHECK(last_error != NULL);
  typedef DWORD (*CLUSSIM_COUNT)(void);
  LOAD(open_handles, CLUSSIM_COUNT, "ClusSimOpenHandleCount");
  LOAD(reset, CLUSSIM_COUNT, "ClusSimReset");

  HCLUSTER cluster = open_cluster(NULL);
  CHECK(cluster != NULL);
  HNETWORK network = open_network(cluster, L"Cluster Network 1");
  CHECK(network != NULL);
  HCLUSTER from_network = cluster_from_network(network);
  CHECK(from_network != NULL);
  CHECK(close_cluster(cluster));
  DWORD cch = 0;
  CHECK_ERR(network_id(network, NULL, &cch), ERROR_MORE_DATA);
  CHECK(cch == 36);
  CHECK(network_state(network) == ClusterNetworkUp);
  WCHAR name[16];
  cch = 16;
  CHECK_ERR(information(from_network, name, &cch, NULL), ERROR_SUCCESS);
  CHECK(weq(name, L"SIMCLUSTER"));
  CHECK(!close_cluster(cluster) && last_error() == ERROR_INVALID_HANDLE);
  CHECK(close_network(network) && close_cluster(from_network));
  CHECK(open_handles() == 0);
  /* The library keeps its simulator until it is reset: free it before unloading. */
  CHECK(reset() == ERROR_SUCCESS);
  dlclose(lib);
  printf("dlopen + dlsym: ok\n");
  return 0;
}
