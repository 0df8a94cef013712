//! Network interfaces: `OpenClusterNetInterface(Ex)`, `CloseClusterNetInterface`, `GetClusterFromNetInterface`.

use slotmap::{Key, KeyData};

use super::ObjectKind;
use crate::error::{Error, Result};
use crate::handle::{HCluster, HNetInterface};
use crate::simulator::Simulator;
use crate::state::ClusterNetInterfaceState;
use crate::world::{ClusterKey, World};

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

impl Simulator {
    /// `OpenClusterNetInterface`: a new handle to the network interface `name` (compared
    /// case-insensitively), with the access of `hcluster`.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad `hcluster` (or, in strict mode, one whose cluster
    /// handle is closed); `ERROR_CLUSTER_NETINTERFACE_NOT_FOUND` (5047) for an unknown name;
    /// `ERROR_NOT_ENOUGH_MEMORY` when the handle table is full.
    #[track_caller]
    pub fn open_cluster_net_interface(&self, hcluster: HCluster, name: &str) -> Result<HNetInterface> {
        let result = self.open_object("open_cluster_net_interface", hcluster, name, None).map(|(h, _)| h);
        self.record("open_cluster_net_interface", || format!("{hcluster:?}, {name:?}"), &result);
        result
    }

    /// `OpenClusterNetInterfaceEx`: as [`open_cluster_net_interface`](Self::open_cluster_net_interface), with a
    /// desired access; returns the handle and the granted access.
    ///
    /// # Errors
    ///
    /// Those of `open_cluster_net_interface`, and `ERROR_INVALID_PARAMETER` for a desired access
    /// of 0 or with unknown bits, `ERROR_ACCESS_DENIED` for `GENERIC_ALL` through a
    /// `GENERIC_READ` cluster handle.
    #[track_caller]
    pub fn open_cluster_net_interface_ex(
        &self,
        hcluster: HCluster,
        name: &str,
        desired_access: u32,
    ) -> Result<(HNetInterface, u32)> {
        let result = self.open_object("open_cluster_net_interface_ex", hcluster, name, Some(desired_access));
        self.record(
            "open_cluster_net_interface_ex",
            || format!("{hcluster:?}, {name:?}, {desired_access:?}"),
            &result,
        );
        result
    }

    /// `CloseClusterNetInterface`: closes the handle. Works once per handle, also after the
    /// network interface was deleted.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` if the value is not a live network interface handle of this simulator
    /// (a second close included).
    #[track_caller]
    pub fn close_cluster_net_interface(&self, handle: HNetInterface) -> Result<()> {
        let result = self.close_handle("close_cluster_net_interface", handle);
        self.record("close_cluster_net_interface", || format!("{handle:?}"), &result);
        result
    }

    /// `GetClusterFromNetInterface`: a new cluster handle on the connection the handle belongs
    /// to. It must be closed with [`close_cluster`](Self::close_cluster); closing it
    /// affects no other handle.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad handle; `ERROR_NOT_ENOUGH_MEMORY` when the table
    /// is full.
    #[track_caller]
    pub fn get_cluster_from_net_interface(&self, handle: HNetInterface) -> Result<HCluster> {
        let result = self.cluster_from("get_cluster_from_net_interface", handle);
        self.record("get_cluster_from_net_interface", || format!("{handle:?}"), &result);
        result
    }
}

impl Simulator {
    /// `GetClusterNetInterfaceState`: the interface's state, numbered as `clusapi.h`
    /// numbers it.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad handle; `ERROR_CLUSTER_NETINTERFACE_NOT_FOUND` if
    /// the interface was deleted.
    #[track_caller]
    pub fn get_cluster_net_interface_state(&self, handle: HNetInterface) -> Result<ClusterNetInterfaceState> {
        let result = self.get_cluster_net_interface_state_impl(handle);
        self.record("get_cluster_net_interface_state", || format!("{handle:?}"), &result);
        result
    }

    #[track_caller]
    fn get_cluster_net_interface_state_impl(
        &self,
        handle: HNetInterface,
    ) -> Result<ClusterNetInterfaceState> {
        let mut st = self.lock();
        let (_, e) = st.resolve(handle, "get_cluster_net_interface_state", std::panic::Location::caller())?;
        let key = st.object(handle, e.object)?;
        st.world
            .net_interfaces
            .get(key.into())
            .map(|i| i.state)
            .ok_or_else(|| Error::InternalError("network interface vanished".into()))
    }
}
