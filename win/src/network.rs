//! `NetworkCalls`: `OpenClusterNetwork(Ex)`, `CloseClusterNetwork`, `GetClusterFromNetwork`,
//! `GetClusterNetworkId`, `GetClusterNetworkState`, `SetClusterNetworkName`.

use clusapi_sim::{ClusterNetworkState, HCluster, HNetwork, NetworkCalls, Result};
use windows_sys::Win32::Networking::Clustering::{
    CloseClusterNetwork, GetClusterFromNetwork, GetClusterNetworkId, GetClusterNetworkState,
    OpenClusterNetwork, OpenClusterNetworkEx, SetClusterNetworkName,
};

use crate::WinClusterApi;
use crate::ffi::{self, raw, wide};
use crate::values;

impl NetworkCalls for WinClusterApi {
    fn open_cluster_network(&self, hcluster: HCluster, name: &str) -> Result<HNetwork> {
        // SAFETY: `open` passes a NUL-terminated name that outlives the call; the handle is
        // passed as a value (see the crate's "Soundness").
        ffi::open("OpenClusterNetwork", hcluster, name, |c, n| unsafe { OpenClusterNetwork(c, n) })
    }

    fn open_cluster_network_ex(
        &self,
        hcluster: HCluster,
        name: &str,
        desired_access: u32,
    ) -> Result<(HNetwork, u32)> {
        ffi::open_ex("OpenClusterNetworkEx", hcluster, name, desired_access, |c, n, a, g| {
            // SAFETY: a NUL-terminated name that outlives the call, and a valid `DWORD` for
            // the granted access.
            unsafe { OpenClusterNetworkEx(c, n, a, g) }
        })
    }

    fn close_cluster_network(&self, handle: HNetwork) -> Result<()> {
        // SAFETY: no pointer; the handle is passed as a value (see the crate's "Soundness").
        ffi::boolean("CloseClusterNetwork", unsafe { CloseClusterNetwork(raw(handle)) })
    }

    fn get_cluster_from_network(&self, handle: HNetwork) -> Result<HCluster> {
        // SAFETY: as `close_cluster_network`.
        ffi::handle("GetClusterFromNetwork", unsafe { GetClusterFromNetwork(raw(handle)) })
    }

    fn get_cluster_network_id(&self, hnetwork: HNetwork) -> Result<String> {
        ffi::string("GetClusterNetworkId", self.text, |buf, len| {
            // SAFETY: `buf` holds `*len` characters (or is NULL), as `fill` armed them; the
            // handle is passed as a value.
            unsafe { GetClusterNetworkId(raw(hnetwork), buf, len) }
        })
    }

    fn get_cluster_network_state(&self, hnetwork: HNetwork) -> Result<ClusterNetworkState> {
        // SAFETY: as `close_cluster_network`.
        let state = unsafe { GetClusterNetworkState(raw(hnetwork)) };
        ffi::state("GetClusterNetworkState", state).map(values::network_state)
    }

    fn set_cluster_network_name(&self, hnetwork: HNetwork, name: &str) -> Result<()> {
        const CALL: &str = "SetClusterNetworkName";
        let name = wide(CALL, name)?;
        // SAFETY: a NUL-terminated name that outlives the call; the handle is passed as a
        // value.
        ffi::status(CALL, unsafe { SetClusterNetworkName(raw(hnetwork), name.ptr()) })
    }
}
