/* The machine names OpenCluster, OpenClusterEx and GetNodeClusterState take, as real
 * clients pass them: NULL, L"", L"localhost", L".", the cluster's or a node's name, and
 * their fully qualified forms ("name.domain"), in any case. */
#include <windows.h>
#include <clusapi.h>
#include <clusapi_sim.h>
#include <string.h>

#include "check.h"

/* Opens `name` both ways and checks that it reaches the cluster called `expect`. */
static void reaches(LPCWSTR name, LPCWSTR expect) {
  HCLUSTER c = OpenCluster(name);
  CHECK(c != NULL);
  DWORD granted = 0;
  HCLUSTER r = OpenClusterEx(name, GENERIC_READ, &granted);
  CHECK(r != NULL && granted == GENERIC_READ);
  WCHAR got[MAX_CLUSTERNAME_LENGTH + 1];
  DWORD cch = MAX_CLUSTERNAME_LENGTH + 1;
  CHECK_ERR(GetClusterInformation(c, got, &cch, NULL), ERROR_SUCCESS);
  CHECK(weq(got, expect));
  cch = MAX_CLUSTERNAME_LENGTH + 1;
  CHECK_ERR(GetClusterInformation(r, got, &cch, NULL), ERROR_SUCCESS);
  CHECK(weq(got, expect));
  CHECK(CloseCluster(c) && CloseCluster(r));
}

static void unreachable(LPCWSTR name) {
  CHECK(OpenCluster(name) == NULL);
  CHECK_ERR(GetLastError(), RPC_S_SERVER_UNAVAILABLE);
  DWORD granted = 0;
  CHECK(OpenClusterEx(name, GENERIC_ALL, &granted) == NULL);
  CHECK_ERR(GetLastError(), RPC_S_SERVER_UNAVAILABLE);
}

static DWORD state_of(LPCWSTR name) {
  DWORD state = 99;
  CHECK_ERR(GetNodeClusterState(name, &state), ERROR_SUCCESS);
  return state;
}

int main(void) {
  /* The default topology: SIMCLUSTER, NODE1 and NODE2, in the default domain sim.test. */
  CHECK_ERR(ClusSimReset(), ERROR_SUCCESS);
  static const LPCWSTR local[] = {NULL, L"", L"localhost", L"LOCALHOST", L".", L"SIMCLUSTER",
                                  L"simcluster", L"node2", L"NODE1.sim.test", L"SimCluster.SIM.Test"};
  for (size_t i = 0; i < sizeof local / sizeof local[0]; i++) {
    reaches(local[i], L"SIMCLUSTER");
    CHECK(state_of(local[i]) == ClusterStateRunning);
  }
  static const LPCWSTR elsewhere[] = {L"FILESERVER", L"NODE1.contoso.com", L"node3.sim.test",
                                      L"sim.test", L"localhost.sim.test", L"NODE1."};
  for (size_t i = 0; i < sizeof elsewhere / sizeof elsewhere[0]; i++) {
    unreachable(elsewhere[i]);
    CHECK(state_of(elsewhere[i]) == ClusterStateNotInstalled);
  }

  /* The core group's owner holds the cluster's name: after NODE1 crashes, NODE2 does. */
  CHECK_ERR(ClusSimCrashNode(L"NODE1"), ERROR_SUCCESS);
  CHECK(state_of(L"node1.sim.test") == ClusterStateNotRunning);
  CHECK(state_of(L".") == ClusterStateNotRunning);
  CHECK(state_of(L"SIMCLUSTER.sim.test") == ClusterStateRunning);
  CHECK_ERR(ClusSimRestoreNode(L"NODE1"), ERROR_SUCCESS);
  CHECK_ERR(ClusSimStopService(L"localhost"), ERROR_SUCCESS);
  unreachable(L".");
  CHECK(state_of(L"simcluster") == ClusterStateNotRunning);
  CHECK_ERR(ClusSimStartService(L"simcluster.sim.test"), ERROR_SUCCESS);
  reaches(L".", L"SIMCLUSTER");

  /* A topology with domains of its own. */
  HANDLE sim = ClusSimCreate("[[cluster]]\nname = \"SQLCLUSTER\"\nnodes = [\"SQL1\", \"SQL2\"]\n"
                             "domain = \"contoso.com\"\n"
                             "[[cluster]]\nname = \"FILES\"\nnodes = [\"FS1\"]\n"
                             "domain = \"corp.example\"\n");
  CHECK(sim != NULL);
  CHECK_ERR(ClusSimBindThread(sim), ERROR_SUCCESS);
  reaches(L"localhost", L"SQLCLUSTER");
  reaches(L"sql2.CONTOSO.com", L"SQLCLUSTER");
  reaches(L"SQLCluster.contoso.com", L"SQLCLUSTER");
  reaches(L"fs1.corp.example", L"FILES");
  reaches(L"Files.Corp.Example", L"FILES");
  unreachable(L"fs1.contoso.com");
  unreachable(L"SQL1.sim.test");
  CHECK(state_of(L"SQL2.contoso.com") == ClusterStateRunning);
  CHECK(state_of(L"files.corp.example") == ClusterStateRunning);
  CHECK(state_of(L"FS1.sim.test") == ClusterStateNotInstalled);

  /* The cluster's FQDN (MS-CMRP CLUSCTL_CLUSTER_GET_FQDN), with the buffer protocol. */
  HCLUSTER files = OpenCluster(L"FILES");
  CHECK(files != NULL);
  WCHAR fqdn[32];
  DWORD need = 0;
  CHECK_ERR(ClusterControl(files, NULL, CLUSCTL_CLUSTER_GET_FQDN, NULL, 0, fqdn, 4, &need), ERROR_MORE_DATA);
  CHECK(need == sizeof L"FILES.corp.example");
  CHECK_ERR(ClusterControl(files, NULL, CLUSCTL_CLUSTER_GET_FQDN, NULL, 0, fqdn, sizeof fqdn, &need),
            ERROR_SUCCESS);
  CHECK(weq(fqdn, L"FILES.corp.example"));
  CHECK(CloseCluster(files));
  CHECK_ERR(ClusSimOpenHandleCount(), 0);
  CHECK_ERR(ClusSimBindThread(NULL), ERROR_SUCCESS);
  CHECK_ERR(ClusSimDestroy(sim), ERROR_SUCCESS);

  /* A cluster or node may not take the local machine's names. */
  CHECK(ClusSimCreate("[[cluster]]\nname = \"C\"\nnodes = [\"localhost\"]\n") == NULL);
  CHECK_ERR(GetLastError(), ERROR_INVALID_PARAMETER);

  CHECK_ERR(ClusSimOpenHandleCount(), 0);
  puts("machine names: ok");
  return 0;
}
