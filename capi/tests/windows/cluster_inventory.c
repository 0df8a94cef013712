// ClusterInventory.c : lists the nodes, networks, groups and resources of a failover
// cluster, with their states, as an administrator's inventory script would.
//
// Written as Windows code is written (Microsoft's ClusAPI samples' style): tchar.h and
// _tmain, _tprintf with %s for wide strings, LocalAlloc'd name buffers that grow on
// ERROR_MORE_DATA. On Windows: cl /W4 ClusterInventory.c clusapi.lib
//
// Usage: ClusterInventory [ClusterName]

#include <windows.h>
#include <stdio.h>
#include <tchar.h>
#include <ClusAPI.h>

// Deliberately small, so that long names take the ERROR_MORE_DATA path.
#define INITIAL_NAME_CCH 8

static LPCTSTR NodeStateName(CLUSTER_NODE_STATE state)
{
    switch (state) {
    case ClusterNodeUp: return _T("Up");
    case ClusterNodeDown: return _T("Down");
    case ClusterNodePaused: return _T("Paused");
    case ClusterNodeJoining: return _T("Joining");
    default: return _T("Unknown");
    }
}

static LPCTSTR GroupStateName(CLUSTER_GROUP_STATE state)
{
    switch (state) {
    case ClusterGroupOnline: return _T("Online");
    case ClusterGroupOffline: return _T("Offline");
    case ClusterGroupFailed: return _T("Failed");
    case ClusterGroupPartialOnline: return _T("PartialOnline");
    case ClusterGroupPending: return _T("Pending");
    default: return _T("Unknown");
    }
}

static LPCTSTR ResourceStateName(CLUSTER_RESOURCE_STATE state)
{
    switch (state) {
    case ClusterResourceOnline: return _T("Online");
    case ClusterResourceOffline: return _T("Offline");
    case ClusterResourceFailed: return _T("Failed");
    case ClusterResourceOnlinePending: return _T("OnlinePending");
    case ClusterResourceOfflinePending: return _T("OfflinePending");
    default: return _T("Unknown");
    }
}

static LPCTSTR NetworkStateName(CLUSTER_NETWORK_STATE state)
{
    switch (state) {
    case ClusterNetworkUp: return _T("Up");
    case ClusterNetworkDown: return _T("Down");
    case ClusterNetworkPartitioned: return _T("Partitioned");
    case ClusterNetworkUnavailable: return _T("Unavailable");
    default: return _T("Unknown");
    }
}

// Returns in *ppszName a LocalAlloc'd copy of the name of entry dwIndex (free it with
// LocalFree), retrying once with the size ClusterEnum asked for.
static DWORD GetEnumName(HCLUSENUM hEnum, DWORD dwIndex, LPDWORD pdwType, LPWSTR *ppszName)
{
    DWORD cchName = INITIAL_NAME_CCH;
    DWORD dwError;
    LPWSTR pszName = (LPWSTR)LocalAlloc(LPTR, cchName * sizeof(WCHAR));

    *ppszName = NULL;
    if (pszName == NULL) {
        return GetLastError();
    }
    dwError = ClusterEnum(hEnum, dwIndex, pdwType, pszName, &cchName);
    if (dwError == ERROR_MORE_DATA) {
        LocalFree(pszName);
        cchName++; // ClusterEnum returns the length without the terminating NULL
        pszName = (LPWSTR)LocalAlloc(LPTR, cchName * sizeof(WCHAR));
        if (pszName == NULL) {
            return GetLastError();
        }
        dwError = ClusterEnum(hEnum, dwIndex, pdwType, pszName, &cchName);
    }
    if (dwError != ERROR_SUCCESS) {
        LocalFree(pszName);
        return dwError;
    }
    *ppszName = pszName;
    return ERROR_SUCCESS;
}

static DWORD ListResources(HGROUP hGroup, HCLUSTER hCluster, DWORD *pcResources)
{
    HGROUPENUM hEnum = ClusterGroupOpenEnum(hGroup, CLUSTER_GROUP_ENUM_CONTAINS);
    DWORD dwIndex, dwType, cchName;
    WCHAR szName[256];
    DWORD dwError = ERROR_SUCCESS;

    if (hEnum == NULL) {
        return GetLastError();
    }
    for (dwIndex = 0;; dwIndex++) {
        HRESOURCE hResource;
        CLUSTER_RESOURCE_STATE state;
        WCHAR szNode[64];
        DWORD cchNode = ARRAYSIZE(szNode);

        cchName = ARRAYSIZE(szName);
        dwError = ClusterGroupEnum(hEnum, dwIndex, &dwType, szName, &cchName);
        if (dwError == ERROR_NO_MORE_ITEMS) {
            dwError = ERROR_SUCCESS;
            break;
        }
        if (dwError != ERROR_SUCCESS) {
            break;
        }
        hResource = OpenClusterResource(hCluster, szName);
        if (hResource == NULL) {
            dwError = GetLastError();
            break;
        }
        state = GetClusterResourceState(hResource, szNode, &cchNode, NULL, NULL);
        _tprintf(_T("    Resource '%s' (%u chars): %s on %s\n"), szName, (unsigned)cchName, ResourceStateName(state), szNode);
        CloseClusterResource(hResource);
        (*pcResources)++;
    }
    ClusterGroupCloseEnum(hEnum);
    return dwError;
}

int _tmain(int argc, _TCHAR *argv[])
{
    HCLUSTER hCluster = NULL;
    HCLUSENUM hEnum = NULL;
    CLUSTERVERSIONINFO cvi;
    WCHAR szClusterName[MAX_CLUSTERNAME_LENGTH + 1];
    DWORD cchClusterName = ARRAYSIZE(szClusterName);
    DWORD dwError, dwIndex, dwType, cEntries;
    DWORD cNodes = 0, cGroups = 0, cResources = 0, cNetworks = 0;
    LPWSTR pszName = NULL;

    hCluster = OpenCluster(argc > 1 ? argv[1] : NULL);
    if (hCluster == NULL) {
        dwError = GetLastError();
        _ftprintf(stderr, _T("OpenCluster failed: %lu (0x%08lx)\n"), dwError, HRESULT_FROM_WIN32(dwError));
        return 1;
    }

    ZeroMemory(&cvi, sizeof(cvi));
    cvi.dwVersionInfoSize = sizeof(cvi);
    dwError = GetClusterInformation(hCluster, szClusterName, &cchClusterName, &cvi);
    if (dwError != ERROR_SUCCESS) {
        _ftprintf(stderr, _T("GetClusterInformation failed: %lu\n"), dwError);
        CloseCluster(hCluster);
        return 1;
    }
    _tprintf(_T("Cluster %s: Windows %hu.%hu build %hu, cluster version %lu.%lu\n"), szClusterName,
             cvi.MajorVersion, cvi.MinorVersion, cvi.BuildNumber,
             CLUSTER_GET_MAJOR_VERSION(cvi.dwClusterHighestVersion),
             CLUSTER_GET_MINOR_VERSION(cvi.dwClusterHighestVersion));

    hEnum = ClusterOpenEnum(hCluster, CLUSTER_ENUM_NODE | CLUSTER_ENUM_NETWORK | CLUSTER_ENUM_GROUP);
    if (hEnum == NULL) {
        dwError = GetLastError();
        _ftprintf(stderr, _T("ClusterOpenEnum failed: %lu\n"), dwError);
        CloseCluster(hCluster);
        return 1;
    }
    cEntries = ClusterGetEnumCount(hEnum);
    _tprintf(_T("%lu objects\n"), cEntries);

    for (dwIndex = 0; dwIndex < cEntries; dwIndex++) {
        dwError = GetEnumName(hEnum, dwIndex, &dwType, &pszName);
        if (dwError != ERROR_SUCCESS) {
            _ftprintf(stderr, _T("ClusterEnum(%lu) failed: %lu\n"), dwIndex, dwError);
            break;
        }
        if (dwType == CLUSTER_ENUM_NODE) {
            HNODE hNode = OpenClusterNode(hCluster, pszName);
            WCHAR szId[32];
            DWORD cchId = ARRAYSIZE(szId);
            if (hNode != NULL && GetClusterNodeId(hNode, szId, &cchId) == ERROR_SUCCESS) {
                _tprintf(_T("Node %-10s id %s: %s\n"), pszName, szId, NodeStateName(GetClusterNodeState(hNode)));
                cNodes++;
            }
            if (hNode != NULL) {
                CloseClusterNode(hNode);
            }
        } else if (dwType == CLUSTER_ENUM_NETWORK) {
            HNETWORK hNetwork = OpenClusterNetwork(hCluster, pszName);
            if (hNetwork != NULL) {
                _tprintf(_T("Network '%s': %s\n"), pszName, NetworkStateName(GetClusterNetworkState(hNetwork)));
                CloseClusterNetwork(hNetwork);
                cNetworks++;
            }
        } else if (dwType == CLUSTER_ENUM_GROUP) {
            HGROUP hGroup = OpenClusterGroup(hCluster, pszName);
            WCHAR szOwner[64];
            DWORD cchOwner = ARRAYSIZE(szOwner);
            if (hGroup != NULL) {
                CLUSTER_GROUP_STATE state = GetClusterGroupState(hGroup, szOwner, &cchOwner);
                _tprintf(_T("Group '%s': %s, owner %s %c\n"), pszName, GroupStateName(state), szOwner,
                         state == ClusterGroupOnline ? L'*' : L'-');
                dwError = ListResources(hGroup, hCluster, &cResources);
                if (dwError != ERROR_SUCCESS) {
                    _ftprintf(stderr, _T("listing the resources of %s failed: %lu\n"), pszName, dwError);
                }
                CloseClusterGroup(hGroup);
                cGroups++;
            }
        }
        LocalFree(pszName);
        pszName = NULL;
    }

    ClusterCloseEnum(hEnum);
    CloseCluster(hCluster);
    _tprintf(_T("Total: %lu nodes, %lu networks, %lu groups, %lu resources\n"), cNodes, cNetworks, cGroups, cResources);
    return 0;
}
