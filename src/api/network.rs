//! Networks: `OpenClusterNetwork(Ex)`, `CloseClusterNetwork`, `GetClusterFromNetwork`.

use slotmap::{Key, KeyData};

use super::ObjectKind;
use crate::error::{Error, Result};
use crate::handle::{HCluster, HNetwork};
use crate::simulator::Simulator;
use crate::state::ClusterNetworkState;
use crate::world::{ClusterKey, World};

impl ObjectKind for HNetwork {
    const NOUN: &'static str = "network";
    fn find(world: &World, cluster: ClusterKey, name: &str) -> Option<KeyData> {
        world.clusters.get(cluster)?.network_names.get(name).map(|k| k.data())
    }
    fn exists(world: &World, key: KeyData) -> bool {
        world.networks.contains_key(key.into())
    }
    fn not_found(message: String) -> Error {
        Error::ClusterNetworkNotFound(message)
    }
}

impl Simulator {
    /// `OpenClusterNetwork`: a new handle to the network `name` (compared
    /// case-insensitively), with the access of `hcluster`.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad `hcluster` (or, in strict mode, one whose cluster
    /// handle is closed); `ERROR_CLUSTER_NETWORK_NOT_FOUND` (5045) for an unknown name;
    /// `ERROR_NOT_ENOUGH_MEMORY` when the handle table is full.
    #[track_caller]
    pub fn open_cluster_network(&self, hcluster: HCluster, name: &str) -> Result<HNetwork> {
        let result = self.open_object("open_cluster_network", hcluster, name, None).map(|(h, _)| h);
        self.record("open_cluster_network", || format!("{hcluster:?}, {name:?}"), &result);
        result
    }

    /// `OpenClusterNetworkEx`: as [`open_cluster_network`](Self::open_cluster_network), with a
    /// desired access; returns the handle and the granted access.
    ///
    /// # Errors
    ///
    /// Those of `open_cluster_network`, and `ERROR_INVALID_PARAMETER` for a desired access
    /// of 0 or with unknown bits, `ERROR_ACCESS_DENIED` for `GENERIC_ALL` through a
    /// `GENERIC_READ` cluster handle.
    #[track_caller]
    pub fn open_cluster_network_ex(
        &self,
        hcluster: HCluster,
        name: &str,
        desired_access: u32,
    ) -> Result<(HNetwork, u32)> {
        let result = self.open_object("open_cluster_network_ex", hcluster, name, Some(desired_access));
        self.record(
            "open_cluster_network_ex",
            || format!("{hcluster:?}, {name:?}, {desired_access:?}"),
            &result,
        );
        result
    }

    /// `CloseClusterNetwork`: closes the handle. Works once per handle, also after the
    /// network was deleted.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` if the value is not a live network handle of this simulator
    /// (a second close included).
    #[track_caller]
    pub fn close_cluster_network(&self, handle: HNetwork) -> Result<()> {
        let result = self.close_handle("close_cluster_network", handle);
        self.record("close_cluster_network", || format!("{handle:?}"), &result);
        result
    }

    /// `GetClusterFromNetwork`: a new cluster handle on the connection the handle belongs
    /// to. It must be closed with [`close_cluster`](Self::close_cluster); closing it
    /// affects no other handle.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad handle; `ERROR_NOT_ENOUGH_MEMORY` when the table
    /// is full.
    #[track_caller]
    pub fn get_cluster_from_network(&self, handle: HNetwork) -> Result<HCluster> {
        let result = self.cluster_from("get_cluster_from_network", handle);
        self.record("get_cluster_from_network", || format!("{handle:?}"), &result);
        result
    }
}

impl Simulator {
    /// `GetClusterNetworkId`: the network's id, a GUID string that stays the same for the
    /// life of the network (and for the same topology in every run).
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad handle; `ERROR_CLUSTER_NETWORK_NOT_FOUND` if the
    /// network was deleted.
    #[track_caller]
    pub fn get_cluster_network_id(&self, hnetwork: HNetwork) -> Result<String> {
        let result = self.get_cluster_network_id_impl(hnetwork);
        self.record("get_cluster_network_id", || format!("{hnetwork:?}"), &result);
        result
    }

    #[track_caller]
    fn get_cluster_network_id_impl(&self, hnetwork: HNetwork) -> Result<String> {
        let at = std::panic::Location::caller();
        let mut st = self.lock();
        let (_, e) = st.resolve(hnetwork, "get_cluster_network_id", at)?;
        let key = st.object(hnetwork, e.object)?;
        st.world.networks.get(key.into()).map(|n| n.id.clone()).ok_or_else(|| {
            Error::ClusterNetworkNotFound(format!("the network behind {hnetwork:?} was deleted"))
        })
    }
}

impl Simulator {
    /// `GetClusterNetworkState`: the network's state.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad handle; `ERROR_CLUSTER_NETWORK_NOT_FOUND` if the
    /// network was deleted.
    #[track_caller]
    pub fn get_cluster_network_state(&self, hnetwork: HNetwork) -> Result<ClusterNetworkState> {
        let result = self.get_cluster_network_state_impl(hnetwork);
        self.record("get_cluster_network_state", || format!("{hnetwork:?}"), &result);
        result
    }

    #[track_caller]
    fn get_cluster_network_state_impl(&self, hnetwork: HNetwork) -> Result<ClusterNetworkState> {
        let mut st = self.lock();
        let (_, e) = st.resolve(hnetwork, "get_cluster_network_state", std::panic::Location::caller())?;
        let key = st.object(hnetwork, e.object)?;
        st.world
            .networks
            .get(key.into())
            .map(|n| n.state)
            .ok_or_else(|| Error::InternalError("network vanished".into()))
    }
}

impl Simulator {
    /// `SetClusterNetworkName`: renames the network. Its interfaces keep their names, as
    /// real interfaces keep their adapter-based names.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE`; `ERROR_ACCESS_DENIED`; `ERROR_CLUSTER_NETWORK_NOT_FOUND` if
    /// it was deleted; `ERROR_OBJECT_ALREADY_EXISTS` (5010) for the name of another network;
    /// `ERROR_INVALID_PARAMETER` for an empty name.
    #[track_caller]
    pub fn set_cluster_network_name(&self, hnetwork: HNetwork, name: &str) -> Result<()> {
        let result = self.set_cluster_network_name_impl(hnetwork, name);
        self.record("set_cluster_network_name", || format!("{hnetwork:?}, {name:?}"), &result);
        result
    }

    #[track_caller]
    fn set_cluster_network_name_impl(&self, hnetwork: HNetwork, name: &str) -> Result<()> {
        let mut st = self.lock();
        let (n, cluster) =
            st.writable(hnetwork, "set_cluster_network_name", std::panic::Location::caller())?;
        st.world.rename_network(cluster, n.into(), name)
    }
}
