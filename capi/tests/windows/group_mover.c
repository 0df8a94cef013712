// GroupMover.c : moves a cluster group (a role) to another node and brings it online,
// waiting for pending operations the way failover tooling does.
//
// Usage: GroupMover <group> <node>
//   GroupMover "SQL Server (MSSQLSERVER)" HV-NODE2
//
// Windows style: wmain, wprintf with MSVC's %s (wide) and %lu (DWORD), HRESULT error
// reporting. On Windows: cl /W4 GroupMover.c clusapi.lib

#include <windows.h>
#include <stdio.h>
#include <ClusApi.h>

#define MOVE_TIMEOUT_MS 30000
#define POLL_INTERVAL_MS 10

static HRESULT ReportError(LPCWSTR pszWhat, DWORD dwError)
{
    HRESULT hr = HRESULT_FROM_WIN32(dwError);
    fwprintf(stderr, L"%s failed: error %lu (HRESULT 0x%08lX)\n", pszWhat, dwError, (unsigned long)hr);
    return hr;
}

// Waits until the group leaves ClusterGroupPending; returns its state, and its owner in szOwner.
static CLUSTER_GROUP_STATE WaitForGroup(HGROUP hGroup, LPWSTR szOwner, DWORD cchOwner)
{
    DWORD dwStart = GetTickCount();
    CLUSTER_GROUP_STATE state;
    for (;;) {
        DWORD cch = cchOwner;
        state = GetClusterGroupState(hGroup, szOwner, &cch);
        if (state != ClusterGroupPending || GetTickCount() - dwStart > MOVE_TIMEOUT_MS) {
            return state;
        }
        Sleep(POLL_INTERVAL_MS);
    }
}

int __cdecl wmain(int argc, wchar_t *argv[])
{
    HCLUSTER hCluster = NULL;
    HGROUP hGroup = NULL;
    HNODE hNode = NULL;
    HRESULT hr = S_OK;
    DWORD dwError;
    WCHAR szOwner[MAX_COMPUTERNAME_LENGTH + 1];
    DWORD cchOwner = ARRAYSIZE(szOwner);
    CLUSTER_GROUP_STATE state;

    if (argc != 3) {
        fwprintf(stderr, L"usage: %s <group> <node>\n", argv[0]);
        return 2;
    }

    hCluster = OpenCluster(NULL);
    if (hCluster == NULL) {
        hr = ReportError(L"OpenCluster", GetLastError());
        goto Cleanup;
    }
    hGroup = OpenClusterGroup(hCluster, argv[1]);
    if (hGroup == NULL) {
        hr = ReportError(L"OpenClusterGroup", GetLastError());
        goto Cleanup;
    }
    hNode = OpenClusterNode(hCluster, argv[2]);
    if (hNode == NULL) {
        hr = ReportError(L"OpenClusterNode", GetLastError());
        goto Cleanup;
    }

    state = GetClusterGroupState(hGroup, szOwner, &cchOwner);
    wprintf(L"Group \"%s\" is %s on %s\n", argv[1], state == ClusterGroupOnline ? L"online" : L"not online", szOwner);

    if (_wcsicmp(szOwner, argv[2]) == 0) {
        wprintf(L"Already on %s: nothing to move\n", argv[2]);
    } else {
        wprintf(L"Moving \"%s\" to %s...\n", argv[1], argv[2]);
        dwError = MoveClusterGroup(hGroup, hNode);
        if (dwError == ERROR_IO_PENDING) {
            wprintf(L"MoveClusterGroup returned ERROR_IO_PENDING (%lu): waiting\n", dwError);
            state = WaitForGroup(hGroup, szOwner, ARRAYSIZE(szOwner));
        } else if (dwError != ERROR_SUCCESS) {
            hr = ReportError(L"MoveClusterGroup", dwError);
            goto Cleanup;
        } else {
            state = WaitForGroup(hGroup, szOwner, ARRAYSIZE(szOwner));
        }
        wprintf(L"Owner is now %s (state %d)\n", szOwner, (int)state);
    }

    if (state != ClusterGroupOnline) {
        dwError = OnlineClusterGroup(hGroup, NULL);
        if (dwError != ERROR_SUCCESS && dwError != ERROR_IO_PENDING) {
            hr = ReportError(L"OnlineClusterGroup", dwError);
            goto Cleanup;
        }
        state = WaitForGroup(hGroup, szOwner, ARRAYSIZE(szOwner));
    }
    wprintf(L"Group \"%s\" is %s on %s\n", argv[1], state == ClusterGroupOnline ? L"online" : L"not online", szOwner);

Cleanup:
    if (hNode != NULL) CloseClusterNode(hNode);
    if (hGroup != NULL) CloseClusterGroup(hGroup);
    if (hCluster != NULL) CloseCluster(hCluster);
    if (FAILED(hr)) {
        wprintf(L"GroupMover: 0x%08X\n", (unsigned)hr);
        return 1;
    }
    return 0;
}
