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

static std::u16string owner_of(const Group &group) {
  DWORD len = 0;
  CHECK(GetClusterGroupState(group.get(), nullptr, &len) == ClusterGroupStateUnknown);
  CHECK(GetLastError() == ERROR_MORE_DATA);
  std::u16string name(len + 1, u'\0');
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
    CHECK(owner_of(core) == u"NODE1");
    CHECK(ClusSimOpenHandleCount() == 4);
  }
  CHECK(ClusSimOpenHandleCount() == 0);
  std::printf("C++ RAII client: ok\n");
  return 0;
}
