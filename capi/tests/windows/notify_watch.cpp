// NotifyWatch.cpp : takes a group offline and back online and prints the cluster
// notifications that follow, as monitoring agents watch a cluster.
//
// Usage: NotifyWatch <group>
//
// Windows C++ style: a small RAII class per handle, std::wstring buffers grown on
// ERROR_MORE_DATA, std::wcout output (after _setmode(_O_U16TEXT), without which the
// console prints no character outside its code page), WAIT_TIMEOUT ending the wait. On Windows:
// cl /EHsc /W4 NotifyWatch.cpp clusapi.lib

#include <Windows.h>
#include <ClusAPI.h>
#include <fcntl.h>
#include <io.h>
#include <tchar.h>

#include <iostream>
#include <map>
#include <string>
#include <utility>

class ClusterHandle {
public:
    explicit ClusterHandle(HCLUSTER h) : h_(h) {}
    ~ClusterHandle() { if (h_ != nullptr) CloseCluster(h_); }
    ClusterHandle(const ClusterHandle &) = delete;
    ClusterHandle &operator=(const ClusterHandle &) = delete;
    HCLUSTER get() const { return h_; }
    explicit operator bool() const { return h_ != nullptr; }
private:
    HCLUSTER h_;
};

class GroupHandle {
public:
    explicit GroupHandle(HGROUP h) : h_(h) {}
    ~GroupHandle() { if (h_ != nullptr) CloseClusterGroup(h_); }
    GroupHandle(const GroupHandle &) = delete;
    GroupHandle &operator=(const GroupHandle &) = delete;
    HGROUP get() const { return h_; }
    explicit operator bool() const { return h_ != nullptr; }
private:
    HGROUP h_;
};

class NotifyPort {
public:
    explicit NotifyPort(HCHANGE h) : h_(h) {}
    ~NotifyPort() { if (h_ != nullptr) CloseClusterNotifyPort(h_); }
    NotifyPort(const NotifyPort &) = delete;
    NotifyPort &operator=(const NotifyPort &) = delete;
    HCHANGE get() const { return h_; }
    explicit operator bool() const { return h_ != nullptr; }
private:
    HCHANGE h_;
};

static const std::map<DWORD, std::wstring> kFilterNames = {
    {CLUSTER_CHANGE_GROUP_STATE, L"GROUP_STATE"},
    {CLUSTER_CHANGE_RESOURCE_STATE, L"RESOURCE_STATE"},
    {CLUSTER_CHANGE_GROUP_PROPERTY, L"GROUP_PROPERTY"},
    {CLUSTER_CHANGE_HANDLE_CLOSE, L"HANDLE_CLOSE"},
};

// Prints events until none arrives within dwTimeout; returns how many arrived.
static int Drain(HCHANGE hChange, DWORD dwTimeout)
{
    std::wstring name(8, L'\0'); // short on purpose: grown on ERROR_MORE_DATA
    int count = 0;
    for (;;) {
        DWORD_PTR key = 0;
        DWORD filter = 0;
        DWORD cch = static_cast<DWORD>(name.size());
        DWORD status = GetClusterNotify(hChange, &key, &filter, &name[0], &cch, dwTimeout);
        if (status == ERROR_MORE_DATA) {
            name.resize(cch + 1);
            continue; // the event is still queued: read it again
        }
        if (status == WAIT_TIMEOUT) {
            return count;
        }
        if (status != ERROR_SUCCESS) {
            std::wcout << L"GetClusterNotify failed: " << status << std::endl;
            return -1;
        }
        auto it = kFilterNames.find(filter);
        std::wcout << L"  event " << (it != kFilterNames.end() ? it->second : std::to_wstring(filter)) << L" key "
                   << static_cast<unsigned long>(key) << L": " << std::wstring(name.c_str(), cch) << L"\n";
        count++;
    }
}

int _tmain(int argc, _TCHAR *argv[])
{
    _setmode(_fileno(stdout), _O_U16TEXT);
    if (argc != 2) {
        std::wcerr << L"usage: NotifyWatch <group>" << std::endl;
        return 2;
    }
    const std::wstring groupName = argv[1];

    ClusterHandle cluster(OpenCluster(nullptr));
    if (!cluster) {
        std::wcerr << L"OpenCluster failed: " << GetLastError() << std::endl;
        return 1;
    }
    const DWORD_PTR kKey = 0x5EED;
    NotifyPort port(CreateClusterNotifyPort(static_cast<HCHANGE>(INVALID_HANDLE_VALUE), cluster.get(),
                                            CLUSTER_CHANGE_GROUP_STATE | CLUSTER_CHANGE_RESOURCE_STATE, kKey));
    if (!port) {
        std::wcerr << L"CreateClusterNotifyPort failed: " << GetLastError() << std::endl;
        return 1;
    }
    GroupHandle group(OpenClusterGroup(cluster.get(), groupName.c_str()));
    if (!group) {
        DWORD status = GetLastError();
        std::wcout << L"OpenClusterGroup(" << groupName << L") failed: " << status << std::endl;
        return status == ERROR_GROUP_NOT_FOUND ? 3 : 1;
    }

    std::wcout << L"Taking \"" << groupName << L"\" offline\n";
    DWORD status = OfflineClusterGroup(group.get());
    if (status != ERROR_SUCCESS && status != ERROR_IO_PENDING) {
        std::wcout << L"OfflineClusterGroup failed: " << status << std::endl;
        return 1;
    }
    std::wcout << Drain(port.get(), 200) << L" events\n";

    std::wcout << L"Bringing \"" << groupName << L"\" online\n";
    status = OnlineClusterGroup(group.get(), nullptr);
    if (status != ERROR_SUCCESS && status != ERROR_IO_PENDING) {
        std::wcout << L"OnlineClusterGroup failed: " << status << std::endl;
        return 1;
    }
    std::wcout << Drain(port.get(), 200) << L" events\n";
    return 0;
}
