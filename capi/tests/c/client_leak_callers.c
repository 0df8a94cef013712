/* The leak report names the C caller of each handle left open (issue 11): with capture on
 * (ClusSimCaptureCallers, or CLUSAPI_SIM_C_CALLERS=1), the function and the file and line
 * of the call; with it off, how to switch it on. No line of the simulator's own code. */
#include <windows.h>
#include <clusapi.h>
#include <clusapi_sim.h>
#include <stdio.h>
#include <string.h>

#include "check.h"

static char report[8192];

static const char *leak_report(void) {
  DWORD n = sizeof report;
  CHECK(ClusSimLeakReport(report, &n) == ERROR_SUCCESS);
  return report;
}

/* The code under test: forgets to close the network handle. */
static HNETWORK __attribute__((noinline)) open_and_forget(HCLUSTER c) {
  return OpenClusterNetwork(c, L"Cluster Network 1"); /* line 22 */
}

int main(void) {
  HCLUSTER c = OpenCluster(NULL);
  CHECK(c != NULL);

  CHECK(ClusSimCaptureCallers(TRUE) == ERROR_SUCCESS);
  HNETWORK n = open_and_forget(c);
  CHECK(n != NULL);
  const char *r = leak_report();
  if (strstr(r, "open_and_forget at ") == NULL || strstr(r, "client_leak_callers.c:22") == NULL) {
    fprintf(stderr, "the report does not name the C caller:\n%s", r);
    return 1;
  }
  if (strstr(r, "capi/src") != NULL) {
    fprintf(stderr, "the report names the simulator's own code:\n%s", r);
    return 1;
  }
  CHECK(CloseClusterNetwork(n));

  CHECK(ClusSimCaptureCallers(FALSE) == ERROR_SUCCESS);
  n = open_and_forget(c);
  CHECK(n != NULL);
  r = leak_report();
  if (strstr(r, "CLUSAPI_SIM_C_CALLERS=1") == NULL || strstr(r, "capi/src") != NULL) {
    fprintf(stderr, "with capture off, the report should say how to switch it on:\n%s", r);
    return 1;
  }
  CHECK(CloseClusterNetwork(n));
  CHECK(CloseCluster(c));
  CHECK(ClusSimOpenHandleCount() == 0);
  puts("leak callers: ok");
  return 0;
}
