// A C++ client with RAII wrappers, including <windows.h>, <clusapi.h> and <clusapi_sim.h>.
#include <windows.h>
#include <clusapi.h>
#include <clusapi_sim.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>

#include "check.h"

template <typename H, BOOL(WINAPI *Close)(H)>
class Handle {
 public:
  explicit Handle(H h) : h_(h) {}
  Handle(const Handle &) = delete;
  Handle &operator=(const Handle &) = delete;
  Handle(Handle &&other) noexcept : h_(std::exchange(other.h_, nullptr)) {}
  ~Handle() {
    if (h_ != nullptr) Close(h_);
  }
  H get() const { return h_; }
  explicit operator bool() const { return h_ != nullptr; }

 private:
  H h_;
};

using Cluster = Handle<HCLUSTER, CloseCluster>;
using Network = Handle<HNETWORK, CloseClusterNetwork>;
using Group = Handle<HGROUP, CloseClusterGroup>;

/* The string type of WCHAR. With the compiler's 4-byte wchar_t (libclusapi_native) it is
 * std::wstring, as Windows code writes it. With -fshort-wchar (libclusapi), libstdc++'s
 * wchar_t traits still assume 4 bytes (its wcslen), so a 2-byte string is std::u16string. */
#if __SIZEOF_WCHAR_T__ == 4
using WString = std::wstring;
#define W(s) L##s
#else
using WString = std::u16string;
#define W(s) u##s
#endif

static WString owner_of(const Group &group) {
  DWORD len = 0;
  CHECK(GetClusterGroupState(group.get(), nullptr, &len) == ClusterGroupStateUnknown);
  CHECK(GetLastError() == ERROR_MORE_DATA);
  WString name(len + 1, 0);
  DWORD cap = len + 1;
  CHECK(GetClusterGroupState(group.get(), reinterpret_cast<LPWSTR>(&name[0]), &cap) == ClusterGroupOnline);
  name.resize(cap);
  return name;
}

int main() {
  {
    Cluster cluster(OpenCluster(nullptr));
    CHECK(cluster);
    Network network(OpenClusterNetwork(cluster.get(), L"Cluster Network 1"));
    CHECK(network);
    Cluster from_network(GetClusterFromNetwork(network.get()));
    CHECK(from_network);
    Group core(OpenClusterGroup(from_network.get(), L"Cluster Group"));
    CHECK(core);
    CHECK(owner_of(core) == W("NODE1"));
    CHECK(ClusSimOpenHandleCount() == 4);
  }
  CHECK(ClusSimOpenHandleCount() == 0);
  std::printf("C++ RAII client: ok\n");
  return 0;
}
