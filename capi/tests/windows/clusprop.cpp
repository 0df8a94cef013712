// ClusProp.cpp : a small "cluster.exe <object> <name> /prop" (and /priv): lists an object's
// properties in cluster.exe's table format.
//
// Usage: ClusProp node|group|resource <name> [/prop | /priv]
//
// Windows C++ style: _tmain with _TCHAR, argument switches compared with _wcsicmp,
// swprintf_s into fixed wchar_t arrays (the C++ array overload), wprintf with MSVC's %s and
// %-20s, std::vector<BYTE> grown on ERROR_MORE_DATA. On Windows:
// cl /EHsc /W4 ClusProp.cpp clusapi.lib

#include "stdio.h"
#include <Windows.h>
#include <ClusApi.h>
#include <strsafe.h>
#include <tchar.h>

#include <string>
#include <vector>

enum class ObjectKind { Node, Group, Resource };

struct Target {
    ObjectKind kind;
    HCLUSTER hCluster;
    HANDLE hObject;
};

static DWORD RunControl(const Target &t, DWORD dwCode, std::vector<BYTE> &out)
{
    DWORD cbReturned = 0;
    for (int attempt = 0; attempt < 2; attempt++) {
        DWORD status;
        switch (t.kind) {
        case ObjectKind::Node:
            status = ClusterNodeControl(static_cast<HNODE>(t.hObject), nullptr, CLUSCTL_NODE_CODE(dwCode), nullptr,
                                        0, out.data(), static_cast<DWORD>(out.size()), &cbReturned);
            break;
        case ObjectKind::Group:
            status = ClusterGroupControl(static_cast<HGROUP>(t.hObject), nullptr, CLUSCTL_GROUP_CODE(dwCode),
                                         nullptr, 0, out.data(), static_cast<DWORD>(out.size()), &cbReturned);
            break;
        default:
            status = ClusterResourceControl(static_cast<HRESOURCE>(t.hObject), nullptr,
                                            CLUSCTL_RESOURCE_CODE(dwCode), nullptr, 0, out.data(),
                                            static_cast<DWORD>(out.size()), &cbReturned);
            break;
        }
        if (status == ERROR_MORE_DATA) {
            out.resize(cbReturned);
            continue;
        }
        if (status == ERROR_SUCCESS) {
            out.resize(cbReturned);
        }
        return status;
    }
    return ERROR_MORE_DATA;
}

// One row per property: the format letter (D, S, M, L, B, ...; R for read-only), the
// object, the name and the value.
static void PrintList(const std::vector<BYTE> &list, LPCWSTR pszObject, bool readOnly)
{
    if (list.size() < sizeof(DWORD)) {
        return;
    }
    CLUSPROP_BUFFER_HELPER p;
    p.pb = const_cast<BYTE *>(list.data());
    DWORD count = *p.pdw++;
    for (DWORD i = 0; i < count; i++) {
        WCHAR szName[64];
        StringCchCopyW(szName, ARRAYSIZE(szName), p.pName->sz);
        p.pb += sizeof(CLUSPROP_VALUE) + ALIGN_CLUSPROP(p.pName->cbLength);
        std::wstring value;
        WCHAR szType[4] = L"?";
        while (p.pSyntax->dw != CLUSPROP_SYNTAX_ENDMARK) {
            WCHAR szValue[64];
            switch (p.pSyntax->wFormat) {
            case CLUSPROP_FORMAT_DWORD:
                StringCchCopyW(szType, ARRAYSIZE(szType), L"D");
                swprintf_s(szValue, L"%lu (0x%lx)", p.pDwordValue->dw, p.pDwordValue->dw);
                value += szValue;
                break;
            case CLUSPROP_FORMAT_LONG:
                StringCchCopyW(szType, ARRAYSIZE(szType), L"L");
                swprintf_s(szValue, L"%ld", p.pLongValue->l);
                value += szValue;
                break;
            case CLUSPROP_FORMAT_SZ:
            case CLUSPROP_FORMAT_EXPAND_SZ:
                StringCchCopyW(szType, ARRAYSIZE(szType), L"S");
                value += p.pStringValue->sz;
                break;
            case CLUSPROP_FORMAT_MULTI_SZ:
                StringCchCopyW(szType, ARRAYSIZE(szType), L"M");
                for (const WCHAR *s = p.pMultiSzValue->sz; *s != L'\0'; s += wcslen(s) + 1) {
                    if (!value.empty()) value += L", ";
                    value += s;
                }
                break;
            case CLUSPROP_FORMAT_ULARGE_INTEGER:
                StringCchCopyW(szType, ARRAYSIZE(szType), L"U");
                swprintf_s(szValue, L"%I64u", p.pULargeIntegerValue->li.QuadPart);
                value += szValue;
                break;
            case CLUSPROP_FORMAT_LARGE_INTEGER:
                StringCchCopyW(szType, ARRAYSIZE(szType), L"I");
                swprintf_s(szValue, L"%I64d", p.pLargeIntegerValue->li.QuadPart);
                value += szValue;
                break;
            default:
                StringCchCopyW(szType, ARRAYSIZE(szType), L"B");
                swprintf_s(szValue, L"%lu bytes", p.pValue->cbLength);
                value += szValue;
                break;
            }
            p.pb += sizeof(CLUSPROP_VALUE) + ALIGN_CLUSPROP(p.pValue->cbLength);
        }
        p.pb += sizeof(CLUSPROP_SYNTAX);
        if (readOnly) {
            StringCchCatW(szType, ARRAYSIZE(szType), L"R");
        }
        wprintf(L"%-3s%-26s %-28s %s\n", szType, pszObject, szName, value.c_str());
    }
}

int _tmain(int argc, _TCHAR *argv[])
{
    if (argc < 3) {
        wprintf(L"usage: %s node|group|resource <name> [/prop | /priv]\n", argv[0]);
        return 2;
    }
    Target t{ObjectKind::Resource, nullptr, nullptr};
    if (_wcsicmp(argv[1], L"node") == 0) {
        t.kind = ObjectKind::Node;
    } else if (_wcsicmp(argv[1], L"group") == 0) {
        t.kind = ObjectKind::Group;
    } else if (_wcsicmp(argv[1], L"resource") == 0 || _wcsicmp(argv[1], L"res") == 0) {
        t.kind = ObjectKind::Resource;
    } else {
        wprintf(L"unknown object kind '%s'\n", argv[1]);
        return 2;
    }
    bool priv = argc > 3 && (_wcsicmp(argv[3], L"/priv") == 0 || _wcsicmp(argv[3], L"/privproperties") == 0);

    t.hCluster = OpenCluster(nullptr);
    if (t.hCluster == nullptr) {
        DWORD status = GetLastError();
        wprintf(L"System error %lu has occurred (0x%08lx).\n", status, status);
        return 1;
    }
    switch (t.kind) {
    case ObjectKind::Node: t.hObject = OpenClusterNode(t.hCluster, argv[2]); break;
    case ObjectKind::Group: t.hObject = OpenClusterGroup(t.hCluster, argv[2]); break;
    case ObjectKind::Resource: t.hObject = OpenClusterResource(t.hCluster, argv[2]); break;
    }
    if (t.hObject == nullptr) {
        DWORD status = GetLastError();
        wprintf(L"System error %lu has occurred (0x%08lx).\n", status, status);
        CloseCluster(t.hCluster);
        return 1;
    }

    wprintf(L"Listing %s for '%s':\n\n", priv ? L"private properties" : L"properties", argv[2]);
    wprintf(L"%-3s%-26s %-28s %s\n", L"T", t.kind == ObjectKind::Node ? L"Node" : t.kind == ObjectKind::Group ? L"Group" : L"Resource", L"Name", L"Value");
    wprintf(L"%-3s%-26s %-28s %s\n", L"--", L"-------------------------", L"---------------------------", L"-----------------------");

    std::vector<BYTE> buffer(128);
    DWORD rw = priv ? CLCTL_GET_PRIVATE_PROPERTIES : CLCTL_GET_COMMON_PROPERTIES;
    DWORD ro = priv ? CLCTL_GET_RO_PRIVATE_PROPERTIES : CLCTL_GET_RO_COMMON_PROPERTIES;
    DWORD status = RunControl(t, rw, buffer);
    if (status == ERROR_SUCCESS) {
        PrintList(buffer, argv[2], false);
        buffer.assign(128, 0);
        status = RunControl(t, ro, buffer);
        if (status == ERROR_SUCCESS) {
            PrintList(buffer, argv[2], true);
        }
    }
    if (status != ERROR_SUCCESS) {
        wprintf(L"System error %lu has occurred (0x%08lx).\n", status, status);
    }

    switch (t.kind) {
    case ObjectKind::Node: CloseClusterNode(static_cast<HNODE>(t.hObject)); break;
    case ObjectKind::Group: CloseClusterGroup(static_cast<HGROUP>(t.hObject)); break;
    case ObjectKind::Resource: CloseClusterResource(static_cast<HRESOURCE>(t.hObject)); break;
    }
    CloseCluster(t.hCluster);
    return status == ERROR_SUCCESS ? 0 : 1;
}
