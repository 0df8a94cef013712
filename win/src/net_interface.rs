//! `NetInterfaceCalls`: `OpenClusterNetInterface(Ex)`, `CloseClusterNetInterface`,
//! `GetClusterFromNetInterface`, `GetClusterNetInterfaceState`.

use clusapi_sim::{ClusterNetInterfaceState, HCluster, HNetInterface, NetInterfaceCalls, Result};
use windows_sys::Win32::Networking::Clustering::{
    CloseClusterNetInterface, GetClusterFromNetInterface, GetClusterNetInterfaceState,
    OpenClusterNetInterface, OpenClusterNetInterfaceEx,
};

use crate::WinClusterApi;
use crate::ffi::{self, raw};
use crate::values;

impl NetInterfaceCalls for WinClusterApi {
    fn open_cluster_net_interface(&self, hcluster: HCluster, name: &str) -> Result<HNetInterface> {
        // SAFETY: `open` passes a NUL-terminated name that outlives the call; the handle is
        // passed as a value (see the crate's "Soundness").
        ffi::open("OpenClusterNetInterface", hcluster, name, |c, n| unsafe { OpenClusterNetInterface(c, n) })
    }

    fn open_cluster_net_interface_ex(
        &self,
        hcluster: HCluster,
        name: &str,
        desired_access: u32,
    ) -> Result<(HNetInterface, u32)> {
        ffi::open_ex("OpenClusterNetInterfaceEx", hcluster, name, desired_access, |c, n, a, g| {
            // SAFETY: a NUL-terminated name that outlives the call, and a valid `DWORD` for
            // the granted access.
            unsafe { OpenClusterNetInterfaceEx(c, n, a, g) }
        })
    }

    fn close_cluster_net_interface(&self, handle: HNetInterface) -> Result<()> {
        // SAFETY: no pointer; the handle is passed as a value (see the crate's "Soundness").
        ffi::boolean("CloseClusterNetInterface", unsafe { CloseClusterNetInterface(raw(handle)) })
    }

    fn get_cluster_from_net_interface(&self, handle: HNetInterface) -> Result<HCluster> {
        // SAFETY: as `close_cluster_net_interface`.
        ffi::handle("GetClusterFromNetInterface", unsafe { GetClusterFromNetInterface(raw(handle)) })
    }

    fn get_cluster_net_interface_state(&self, handle: HNetInterface) -> Result<ClusterNetInterfaceState> {
        // SAFETY: as `close_cluster_net_interface`.
        let state = unsafe { GetClusterNetInterfaceState(raw(handle)) };
        ffi::state("GetClusterNetInterfaceState", state).map(values::net_interface_state)
    }
}
