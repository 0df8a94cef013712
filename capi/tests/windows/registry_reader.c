// RegistryReader.c : dumps a cluster resource's configuration from the cluster database
// (its key and its Parameters subkey), as backup and audit agents read it.
//
// Usage: RegistryReader <resource>
//
// Windows style: _tmain, HeapAlloc'd value buffers grown on ERROR_MORE_DATA, StringCchPrintf
// and swprintf_s into fixed buffers, wprintf with MSVC's %s, %S, %I64u and %lu. On Windows:
// cl /W4 RegistryReader.c clusapi.lib

#include <windows.h>
#include <tchar.h>
#include <stdio.h>
#include <strsafe.h>
#include <clusapi.h>

// Formats one value for display into szOut.
static void FormatValue(DWORD dwType, const BYTE *pData, DWORD cbData, LPWSTR szOut, size_t cchOut)
{
    switch (dwType) {
    case REG_SZ:
    case REG_EXPAND_SZ:
        StringCchPrintfW(szOut, cchOut, L"REG_SZ \"%s\"", (LPCWSTR)pData);
        break;
    case REG_DWORD:
        StringCchPrintfW(szOut, cchOut, L"REG_DWORD %lu (0x%08lx)", *(const DWORD *)pData, *(const DWORD *)pData);
        break;
    case REG_QWORD: {
        ULONGLONG q;
        CopyMemory(&q, pData, sizeof(q));
        StringCchPrintfW(szOut, cchOut, L"REG_QWORD %I64u", q);
        break;
    }
    case REG_MULTI_SZ: {
        LPCWSTR psz = (LPCWSTR)pData;
        StringCchCopyW(szOut, cchOut, L"REG_MULTI_SZ");
        while (*psz != L'\0') {
            StringCchCatW(szOut, cchOut, L" \"");
            StringCchCatW(szOut, cchOut, psz);
            StringCchCatW(szOut, cchOut, L"\"");
            psz += wcslen(psz) + 1;
        }
        break;
    }
    default:
        swprintf_s(szOut, cchOut, L"type %lu, %lu bytes", dwType, cbData);
        break;
    }
}

// Prints every value of hKey; values are read into a heap buffer that grows as needed.
static DWORD DumpValues(HKEY hKey, LPCTSTR pszKeyName)
{
    HANDLE hHeap = GetProcessHeap();
    DWORD cbBuffer = 16; // small on purpose: most values take the ERROR_MORE_DATA path
    BYTE *pBuffer = (BYTE *)HeapAlloc(hHeap, HEAP_ZERO_MEMORY, cbBuffer);
    DWORD dwIndex, dwError = ERROR_SUCCESS;
    DWORD cValues = 0;

    if (pBuffer == NULL) {
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    _tprintf(_T("[%s]\n"), pszKeyName);
    for (dwIndex = 0;; dwIndex++) {
        WCHAR szValueName[128];
        WCHAR szDisplay[256];
        DWORD cchValueName = ARRAYSIZE(szValueName);
        DWORD dwType = 0;
        DWORD cbData = cbBuffer;

        dwError = ClusterRegEnumValue(hKey, dwIndex, szValueName, &cchValueName, &dwType, pBuffer, &cbData);
        if (dwError == ERROR_MORE_DATA) {
            HeapFree(hHeap, 0, pBuffer);
            cbBuffer = cbData;
            pBuffer = (BYTE *)HeapAlloc(hHeap, HEAP_ZERO_MEMORY, cbBuffer);
            if (pBuffer == NULL) {
                return ERROR_NOT_ENOUGH_MEMORY;
            }
            cchValueName = ARRAYSIZE(szValueName);
            dwError = ClusterRegEnumValue(hKey, dwIndex, szValueName, &cchValueName, &dwType, pBuffer, &cbData);
        }
        if (dwError == ERROR_NO_MORE_ITEMS) {
            dwError = ERROR_SUCCESS;
            break;
        }
        if (dwError != ERROR_SUCCESS) {
            break;
        }
        FormatValue(dwType, pBuffer, cbData, szDisplay, ARRAYSIZE(szDisplay));
        wprintf(L"  %-20s = %s\n", szValueName, szDisplay);
        cValues++;
    }
    HeapFree(hHeap, 0, pBuffer);
    printf("  (%u values)\n", (unsigned)cValues);
    return dwError;
}

// Reads one REG_SZ value with ClusterRegQueryValue: first the size, then the data.
static DWORD QueryString(HKEY hKey, LPCWSTR pszValue, LPWSTR *ppsz)
{
    DWORD dwType = 0, cbData = 0;
    DWORD dwError = ClusterRegQueryValue(hKey, pszValue, &dwType, NULL, &cbData);
    *ppsz = NULL;
    if (dwError != ERROR_SUCCESS && dwError != ERROR_MORE_DATA) {
        return dwError;
    }
    if (dwType != REG_SZ) {
        return ERROR_INVALID_DATA;
    }
    *ppsz = (LPWSTR)LocalAlloc(LPTR, cbData);
    if (*ppsz == NULL) {
        return GetLastError();
    }
    dwError = ClusterRegQueryValue(hKey, pszValue, &dwType, (LPBYTE)*ppsz, &cbData);
    if (dwError != ERROR_SUCCESS) {
        LocalFree(*ppsz);
        *ppsz = NULL;
    }
    return dwError;
}

int _tmain(int argc, _TCHAR *argv[])
{
    HCLUSTER hCluster;
    HRESOURCE hResource;
    HKEY hResKey = NULL, hParams = NULL;
    DWORD dwError;
    LPWSTR pszService = NULL;
    WCHAR szTitle[128];
    int cch;

    if (argc < 2) {
        _ftprintf(stderr, _T("usage: %s <resource>\n"), argv[0]);
        return 2;
    }
    hCluster = OpenCluster(NULL);
    if (hCluster == NULL) {
        _ftprintf(stderr, _T("OpenCluster: %lu\n"), GetLastError());
        return 1;
    }
    hResource = OpenClusterResource(hCluster, argv[1]);
    if (hResource == NULL) {
        dwError = GetLastError();
        _tprintf(_T("OpenClusterResource(%s): error %lu\n"), argv[1], dwError);
        CloseCluster(hCluster);
        return dwError == ERROR_RESOURCE_NOT_FOUND ? 3 : 1;
    }
    hResKey = GetClusterResourceKey(hResource, KEY_READ);
    if (hResKey == NULL) {
        _ftprintf(stderr, _T("GetClusterResourceKey: %lu\n"), GetLastError());
        CloseClusterResource(hResource);
        CloseCluster(hCluster);
        return 1;
    }

    cch = _snwprintf(szTitle, ARRAYSIZE(szTitle), L"%s\\%s", argv[1], L"Parameters");
    dwError = ClusterRegOpenKey(hResKey, L"Parameters", KEY_READ, &hParams);
    if (dwError == ERROR_SUCCESS) {
        DWORD dwQuery = QueryString(hParams, L"ServiceName", &pszService);
        if (dwQuery == ERROR_SUCCESS) {
            // %S is a narrow string in a wide printf (MSVC), %hs too.
            wprintf(L"%S %s runs service \"%s\" (%hs)\n", "Resource", argv[1], pszService, "from the cluster database");
            LocalFree(pszService);
        } else {
            wprintf(L"ServiceName: error %lu\n", dwQuery);
        }
        DWORD cSubKeys = 0, cValues = 0, cchMaxName = 0, cbMaxValue = 0;
        dwError = ClusterRegQueryInfoKey(hParams, &cSubKeys, NULL, &cValues, &cchMaxName, &cbMaxValue, NULL, NULL);
        if (dwError == ERROR_SUCCESS) {
            wprintf(L"%s (%d chars): %lu subkeys, %lu values, longest name %lu\n", szTitle, cch, cSubKeys, cValues,
                    cchMaxName);
        }
        dwError = DumpValues(hParams, szTitle);
        ClusterRegCloseKey(hParams);
    }
    if (dwError != ERROR_SUCCESS) {
        wprintf(L"reading %s: error %lu\n", szTitle, dwError);
    }

    // A value that does not exist: the error, as the caller sees it.
    {
        DWORD dwType, cbData = 0;
        dwError = ClusterRegQueryValue(hResKey, L"NoSuchValue", &dwType, NULL, &cbData);
        wprintf(L"NoSuchValue: error %lu\n", dwError);
    }

    ClusterRegCloseKey(hResKey);
    CloseClusterResource(hResource);
    CloseCluster(hCluster);
    return 0;
}
