//! `EnumCalls`: the enumerations of a cluster (`ClusterOpenEnum`, `ClusterGetEnumCount`,
//! `ClusterEnum`, `ClusterCloseEnum`) and the same four of a network, a node, a group and a
//! resource.

use clusapi_sim::{
    EnumCalls, HClusEnum, HCluster, HGroup, HGroupEnum, HNetwork, HNetworkEnum, HNode, HNodeEnum, HResEnum,
    HResource, Result,
};
use windows_sys::Win32::Networking::Clustering::{
    ClusterCloseEnum, ClusterEnum, ClusterGetEnumCount, ClusterGroupCloseEnum, ClusterGroupEnum,
    ClusterGroupGetEnumCount, ClusterGroupOpenEnum, ClusterNetworkCloseEnum, ClusterNetworkEnum,
    ClusterNetworkGetEnumCount, ClusterNetworkOpenEnum, ClusterNodeCloseEnum, ClusterNodeEnum,
    ClusterNodeGetEnumCount, ClusterNodeOpenEnum, ClusterOpenEnum, ClusterResourceCloseEnum,
    ClusterResourceEnum, ClusterResourceGetEnumCount, ClusterResourceOpenEnum,
};

use crate::WinClusterApi;
use crate::ffi::{self, raw};

// In every block below: no pointer but those `ffi::item` hands out (a `DWORD` for the type,
// a buffer of `*len` characters or NULL, and its length pointer, each valid for the call);
// the handles are passed as values (see the crate's "Soundness").
impl EnumCalls for WinClusterApi {
    fn cluster_open_enum(&self, hcluster: HCluster, type_mask: u32) -> Result<HClusEnum> {
        // SAFETY: see above.
        ffi::handle("ClusterOpenEnum", unsafe { ClusterOpenEnum(raw(hcluster), type_mask) })
    }

    fn cluster_get_enum_count(&self, henum: HClusEnum) -> Result<u32> {
        // SAFETY: see above.
        ffi::count("ClusterGetEnumCount", || unsafe { ClusterGetEnumCount(raw(henum)) })
    }

    fn cluster_enum(&self, henum: HClusEnum, index: u32) -> Result<(u32, String)> {
        // SAFETY: see above.
        ffi::item("ClusterEnum", self.text, |t, b, l| unsafe { ClusterEnum(raw(henum), index, t, b, l) })
    }

    fn cluster_close_enum(&self, henum: HClusEnum) -> Result<()> {
        // SAFETY: see above.
        ffi::status("ClusterCloseEnum", unsafe { ClusterCloseEnum(raw(henum)) })
    }

    fn cluster_network_open_enum(&self, hnetwork: HNetwork, type_mask: u32) -> Result<HNetworkEnum> {
        // SAFETY: see above.
        ffi::handle("ClusterNetworkOpenEnum", unsafe { ClusterNetworkOpenEnum(raw(hnetwork), type_mask) })
    }

    fn cluster_network_get_enum_count(&self, henum: HNetworkEnum) -> Result<u32> {
        // SAFETY: see above.
        ffi::count("ClusterNetworkGetEnumCount", || unsafe { ClusterNetworkGetEnumCount(raw(henum)) })
    }

    fn cluster_network_enum(&self, henum: HNetworkEnum, index: u32) -> Result<(u32, String)> {
        ffi::item("ClusterNetworkEnum", self.text, |t, b, l| {
            // SAFETY: see above.
            unsafe { ClusterNetworkEnum(raw(henum), index, t, b, l) }
        })
    }

    fn cluster_network_close_enum(&self, henum: HNetworkEnum) -> Result<()> {
        // SAFETY: see above.
        ffi::status("ClusterNetworkCloseEnum", unsafe { ClusterNetworkCloseEnum(raw(henum)) })
    }

    fn cluster_node_open_enum(&self, hnode: HNode, type_mask: u32) -> Result<HNodeEnum> {
        // SAFETY: see above.
        ffi::handle("ClusterNodeOpenEnum", unsafe { ClusterNodeOpenEnum(raw(hnode), type_mask) })
    }

    fn cluster_node_get_enum_count(&self, henum: HNodeEnum) -> Result<u32> {
        // SAFETY: see above.
        ffi::count("ClusterNodeGetEnumCount", || unsafe { ClusterNodeGetEnumCount(raw(henum)) })
    }

    fn cluster_node_enum(&self, henum: HNodeEnum, index: u32) -> Result<(u32, String)> {
        ffi::item("ClusterNodeEnum", self.text, |t, b, l| {
            // SAFETY: see above.
            unsafe { ClusterNodeEnum(raw(henum), index, t, b, l) }
        })
    }

    fn cluster_node_close_enum(&self, henum: HNodeEnum) -> Result<()> {
        // SAFETY: see above.
        ffi::status("ClusterNodeCloseEnum", unsafe { ClusterNodeCloseEnum(raw(henum)) })
    }

    fn cluster_group_open_enum(&self, hgroup: HGroup, type_mask: u32) -> Result<HGroupEnum> {
        // SAFETY: see above.
        ffi::handle("ClusterGroupOpenEnum", unsafe { ClusterGroupOpenEnum(raw(hgroup), type_mask) })
    }

    fn cluster_group_get_enum_count(&self, henum: HGroupEnum) -> Result<u32> {
        // SAFETY: see above.
        ffi::count("ClusterGroupGetEnumCount", || unsafe { ClusterGroupGetEnumCount(raw(henum)) })
    }

    fn cluster_group_enum(&self, henum: HGroupEnum, index: u32) -> Result<(u32, String)> {
        ffi::item("ClusterGroupEnum", self.text, |t, b, l| {
            // SAFETY: see above.
            unsafe { ClusterGroupEnum(raw(henum), index, t, b, l) }
        })
    }

    fn cluster_group_close_enum(&self, henum: HGroupEnum) -> Result<()> {
        // SAFETY: see above.
        ffi::status("ClusterGroupCloseEnum", unsafe { ClusterGroupCloseEnum(raw(henum)) })
    }

    fn cluster_resource_open_enum(&self, hresource: HResource, type_mask: u32) -> Result<HResEnum> {
        // SAFETY: see above.
        ffi::handle("ClusterResourceOpenEnum", unsafe { ClusterResourceOpenEnum(raw(hresource), type_mask) })
    }

    fn cluster_resource_get_enum_count(&self, henum: HResEnum) -> Result<u32> {
        // SAFETY: see above.
        ffi::count("ClusterResourceGetEnumCount", || unsafe { ClusterResourceGetEnumCount(raw(henum)) })
    }

    fn cluster_resource_enum(&self, henum: HResEnum, index: u32) -> Result<(u32, String)> {
        ffi::item("ClusterResourceEnum", self.text, |t, b, l| {
            // SAFETY: see above.
            unsafe { ClusterResourceEnum(raw(henum), index, t, b, l) }
        })
    }

    fn cluster_resource_close_enum(&self, henum: HResEnum) -> Result<()> {
        // SAFETY: see above.
        ffi::status("ClusterResourceCloseEnum", unsafe { ClusterResourceCloseEnum(raw(henum)) })
    }
}
