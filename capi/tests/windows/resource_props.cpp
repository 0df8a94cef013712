// ResourceProps.cpp : prints the common and private properties of every resource of a
// group, walking the property lists that ClusterResourceControl returns.
//
// Usage: ResourceProps <group>
//
// Windows C++ style: RAII handle wrappers, std::vector<BYTE> buffers grown on
// ERROR_MORE_DATA, CLUSPROP_BUFFER_HELPER to walk the list, std::wstring and std::wcout
// after _setmode(_O_U16TEXT). On Windows: cl /EHsc /W4 ResourceProps.cpp clusapi.lib

#include <windows.h>
#include <clusapi.h>
#include <fcntl.h>
#include <io.h>

#include <iostream>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

// unique_ptr deleters for the ClusAPI handle types.
struct ClusterCloser { void operator()(HCLUSTER h) const { CloseCluster(h); } };
struct GroupCloser { void operator()(HGROUP h) const { CloseClusterGroup(h); } };
struct ResourceCloser { void operator()(HRESOURCE h) const { CloseClusterResource(h); } };
struct GroupEnumCloser { void operator()(HGROUPENUM h) const { ClusterGroupCloseEnum(h); } };

using unique_cluster = std::unique_ptr<std::remove_pointer<HCLUSTER>::type, ClusterCloser>;
using unique_group = std::unique_ptr<std::remove_pointer<HGROUP>::type, GroupCloser>;
using unique_resource = std::unique_ptr<std::remove_pointer<HRESOURCE>::type, ResourceCloser>;
using unique_group_enum = std::unique_ptr<std::remove_pointer<HGROUPENUM>::type, GroupEnumCloser>;

class win32_error : public std::runtime_error {
public:
    win32_error(const char *what, DWORD code) : std::runtime_error(what), code_(code) {}
    DWORD code() const { return code_; }
    HRESULT hresult() const { return HRESULT_FROM_WIN32(code_); }
private:
    DWORD code_;
};

// Runs a control code, growing the output buffer until it fits.
std::vector<BYTE> Control(HRESOURCE hResource, DWORD dwControlCode)
{
    std::vector<BYTE> buffer(64);
    DWORD cbReturned = 0;
    DWORD status = ClusterResourceControl(hResource, nullptr, dwControlCode, nullptr, 0, buffer.data(),
                                          static_cast<DWORD>(buffer.size()), &cbReturned);
    if (status == ERROR_MORE_DATA) {
        buffer.resize(cbReturned);
        status = ClusterResourceControl(hResource, nullptr, dwControlCode, nullptr, 0, buffer.data(),
                                        static_cast<DWORD>(buffer.size()), &cbReturned);
    }
    if (status != ERROR_SUCCESS) {
        throw win32_error("ClusterResourceControl", status);
    }
    buffer.resize(cbReturned);
    return buffer;
}

// Prints a property list: a count, then for each property a name and a value list ending
// with an endmark, every entry padded to a DWORD boundary.
void PrintPropertyList(const std::vector<BYTE> &list, const std::wstring &indent)
{
    if (list.size() < sizeof(DWORD)) {
        return;
    }
    CLUSPROP_BUFFER_HELPER cbh;
    cbh.pb = const_cast<BYTE *>(list.data());
    const BYTE *end = list.data() + list.size();
    DWORD count = *cbh.pdw;
    cbh.pdw++;
    for (DWORD i = 0; i < count && cbh.pb < end; i++) {
        if (cbh.pSyntax->dw != CLUSPROP_SYNTAX_NAME) {
            throw win32_error("property list: no name", ERROR_INVALID_DATA);
        }
        std::wstring name(cbh.pName->sz);
        cbh.pb += sizeof(CLUSPROP_VALUE) + ALIGN_CLUSPROP(cbh.pName->cbLength);
        std::wcout << indent << name << L" = ";
        while (cbh.pSyntax->dw != CLUSPROP_SYNTAX_ENDMARK) {
            switch (cbh.pSyntax->wFormat) {
            case CLUSPROP_FORMAT_SZ:
            case CLUSPROP_FORMAT_EXPAND_SZ:
                std::wcout << L'"' << cbh.pStringValue->sz << L'"';
                break;
            case CLUSPROP_FORMAT_MULTI_SZ: {
                const WCHAR *p = cbh.pMultiSzValue->sz;
                std::wcout << L'{';
                while (*p != L'\0') {
                    std::wstring item(p);
                    std::wcout << L" \"" << item << L'"';
                    p += item.size() + 1;
                }
                std::wcout << L" }";
                break;
            }
            case CLUSPROP_FORMAT_DWORD:
                std::wcout << cbh.pDwordValue->dw;
                break;
            case CLUSPROP_FORMAT_LONG:
                std::wcout << cbh.pLongValue->l;
                break;
            case CLUSPROP_FORMAT_ULARGE_INTEGER:
                std::wcout << cbh.pULargeIntegerValue->li.QuadPart;
                break;
            case CLUSPROP_FORMAT_LARGE_INTEGER:
                std::wcout << cbh.pLargeIntegerValue->li.QuadPart;
                break;
            default:
                std::wcout << L"<" << cbh.pValue->cbLength << L" bytes, format " << cbh.pSyntax->wFormat << L">";
                break;
            }
            cbh.pb += sizeof(CLUSPROP_VALUE) + ALIGN_CLUSPROP(cbh.pValue->cbLength);
        }
        cbh.pb += sizeof(CLUSPROP_SYNTAX); // the endmark
        std::wcout << L"\n";
    }
}

std::vector<std::wstring> ResourcesOf(HGROUP hGroup)
{
    unique_group_enum e(ClusterGroupOpenEnum(hGroup, CLUSTER_GROUP_ENUM_CONTAINS));
    if (!e) {
        throw win32_error("ClusterGroupOpenEnum", GetLastError());
    }
    std::vector<std::wstring> names;
    std::wstring name(4, L'\0'); // short: grows on ERROR_MORE_DATA
    for (DWORD i = 0;; i++) {
        DWORD type = 0;
        DWORD cch = static_cast<DWORD>(name.size());
        DWORD status = ClusterGroupEnum(e.get(), i, &type, &name[0], &cch);
        if (status == ERROR_MORE_DATA) {
            name.resize(cch + 1);
            cch = static_cast<DWORD>(name.size());
            status = ClusterGroupEnum(e.get(), i, &type, &name[0], &cch);
        }
        if (status == ERROR_NO_MORE_ITEMS) {
            break;
        }
        if (status != ERROR_SUCCESS) {
            throw win32_error("ClusterGroupEnum", status);
        }
        names.emplace_back(name.c_str(), cch);
    }
    return names;
}

} // namespace

int wmain(int argc, wchar_t *argv[])
{
    _setmode(_fileno(stdout), _O_U16TEXT);
    if (argc != 2) {
        std::wcerr << L"usage: " << argv[0] << L" <group>\n";
        return 2;
    }
    try {
        unique_cluster cluster(OpenCluster(nullptr));
        if (!cluster) {
            throw win32_error("OpenCluster", GetLastError());
        }
        unique_group group(OpenClusterGroup(cluster.get(), argv[1]));
        if (!group) {
            throw win32_error("OpenClusterGroup", GetLastError());
        }
        for (const std::wstring &name : ResourcesOf(group.get())) {
            unique_resource resource(OpenClusterResource(cluster.get(), name.c_str()));
            if (!resource) {
                throw win32_error("OpenClusterResource", GetLastError());
            }
            std::wcout << L"Resource: " << name << L" (" << name.size() << L" characters)\n";
            std::vector<BYTE> type = Control(resource.get(), CLUSCTL_RESOURCE_GET_RESOURCE_TYPE);
            std::wcout << L"  Type: " << reinterpret_cast<const WCHAR *>(type.data()) << L"\n";
            std::wcout << L"  Common properties:\n";
            PrintPropertyList(Control(resource.get(), CLUSCTL_RESOURCE_GET_COMMON_PROPERTIES), L"    ");
            std::wcout << L"  Private properties:\n";
            PrintPropertyList(Control(resource.get(), CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTIES), L"    ");
        }
    } catch (const win32_error &e) {
        std::wcerr << e.what() << L" failed: " << e.code() << std::endl;
        std::wcout << L"error " << e.code() << L" (HRESULT 0x" << std::hex << static_cast<unsigned>(e.hresult())
                   << L")\n";
        return 1;
    }
    return 0;
}
