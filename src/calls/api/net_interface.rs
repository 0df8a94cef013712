//! Network interfaces: `OpenClusterNetInterface(Ex)`, `CloseClusterNetInterface`, `GetClusterFromNetInterface`.

use slotmap::{Key, KeyData};

use super::ObjectKind;
use crate::model::world::{ClusterKey, World};
use crate::types::error::Error;
use crate::types::handle::{HCluster, HNetInterface};
use crate::types::state::ClusterNetInterfaceState;

impl ObjectKind for HNetInterface {
    const NOUN: &'static str = "network interface";
    fn find(world: &World, cluster: ClusterKey, name: &str) -> Option<KeyData> {
        world.clusters.get(cluster)?.net_interface_names.get(name).map(|k| k.data())
    }
    fn exists(world: &World, key: KeyData) -> bool {
        world.net_interfaces.contains_key(key.into())
    }
    fn not_found(message: String) -> Error {
        Error::ClusterNetInterfaceNotFound(message)
    }
}

crate::calls::call::calls! {
    /// Network interfaces: `OpenClusterNetInterface(Ex)`, `CloseClusterNetInterface`,
    /// `GetClusterFromNetInterface`, and the interface's state.
    pub trait NetInterfaceCalls;

    /// `OpenClusterNetInterface`: a new handle to the network interface `name` (compared
    /// case-insensitively), with the access of `hcluster`.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad `hcluster` (or, in strict mode, one whose cluster
    /// handle is closed); `ERROR_CLUSTER_NETINTERFACE_NOT_FOUND` (5047) for an unknown name;
    /// `ERROR_NOT_ENOUGH_MEMORY` when the handle table is full.
    "OpenClusterNetInterface" [faults(OPEN + ERROR_CLUSTER_NETINTERFACE_NOT_FOUND) object(name)]
    fn open_cluster_net_interface(st, hcluster: HCluster, name: &str) -> HNetInterface {
        st.open_object(hcluster, name, None).map(|(h, _)| h)
    }

    /// `OpenClusterNetInterfaceEx`: as [`open_cluster_net_interface`](Self::open_cluster_net_interface), with a
    /// desired access; returns the handle and the granted access.
    ///
    /// # Errors
    ///
    /// Those of `open_cluster_net_interface`, and `ERROR_INVALID_PARAMETER` for a desired access
    /// of 0 or with unknown bits, `ERROR_ACCESS_DENIED` for `GENERIC_ALL` through a
    /// `GENERIC_READ` cluster handle.
    "OpenClusterNetInterfaceEx" [faults(OPEN + ERROR_CLUSTER_NETINTERFACE_NOT_FOUND) object(name)]
    fn open_cluster_net_interface_ex(
        st,
        hcluster: HCluster,
        name: &str,
        desired_access: u32,
    ) -> (HNetInterface, u32) {
        st.open_object(hcluster, name, Some(desired_access))
    }

    /// `CloseClusterNetInterface`: closes the handle. Works once per handle, also after the
    /// network interface was deleted.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` if the value is not a live network interface handle of this simulator
    /// (a second close included).
    "CloseClusterNetInterface" [nofault]
    fn close_cluster_net_interface(st, handle: HNetInterface) -> () {
        st.close_handle(handle)
    }

    /// `GetClusterFromNetInterface`: a new cluster handle on the connection the handle belongs
    /// to. It must be closed with [`close_cluster`](Self::close_cluster); closing it
    /// affects no other handle.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad handle; `ERROR_NOT_ENOUGH_MEMORY` when the table
    /// is full.
    "GetClusterFromNetInterface" [faults(LOCAL + ERROR_NOT_ENOUGH_MEMORY)]
    fn get_cluster_from_net_interface(st, handle: HNetInterface) -> HCluster {
        st.cluster_from(handle)
    }

    /// `GetClusterNetInterfaceState`: the interface's state, numbered as `clusapi.h`
    /// numbers it.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad handle; `ERROR_CLUSTER_NETINTERFACE_NOT_FOUND` if
    /// the interface was deleted.
    "GetClusterNetInterfaceState" [faults(NET_INTERFACE)]
    fn get_cluster_net_interface_state(st, handle: HNetInterface) -> ClusterNetInterfaceState {
        let (_, e) = st.resolve(handle)?;
        let key = st.object(handle, e.object)?;
        st.world
            .net_interfaces
            .get(key.into())
            .map(|i| i.state)
            .ok_or_else(|| Error::InternalError("network interface vanished".into()))
    }
}
