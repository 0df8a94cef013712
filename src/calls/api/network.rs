//! Networks: `OpenClusterNetwork(Ex)`, `CloseClusterNetwork`, `GetClusterFromNetwork`.

use slotmap::{Key, KeyData};

use super::ObjectKind;
use crate::model::world::{ClusterKey, World};
use crate::types::error::Error;
use crate::types::handle::{HCluster, HNetwork};
use crate::types::state::ClusterNetworkState;

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

crate::calls::call::calls! {
    /// Networks: `OpenClusterNetwork(Ex)`, `CloseClusterNetwork`, `GetClusterFromNetwork`,
    /// and the network's id, state and name.
    pub trait NetworkCalls;

    /// `OpenClusterNetwork`: a new handle to the network `name` (compared
    /// case-insensitively), with the access of `hcluster`.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad `hcluster` (or, in strict mode, one whose cluster
    /// handle is closed); `ERROR_CLUSTER_NETWORK_NOT_FOUND` (5045) for an unknown name;
    /// `ERROR_NOT_ENOUGH_MEMORY` when the handle table is full.
    "OpenClusterNetwork" [faults(OPEN + ERROR_CLUSTER_NETWORK_NOT_FOUND) object(name)]
    fn open_cluster_network(st, hcluster: HCluster, name: &str) -> HNetwork {
        st.open_object(hcluster, name, None).map(|(h, _)| h)
    }

    /// `OpenClusterNetworkEx`: as [`open_cluster_network`](Self::open_cluster_network), with a
    /// desired access; returns the handle and the granted access.
    ///
    /// # Errors
    ///
    /// Those of `open_cluster_network`, and `ERROR_INVALID_PARAMETER` for a desired access
    /// of 0 or with unknown bits, `ERROR_ACCESS_DENIED` for `GENERIC_ALL` through a
    /// `GENERIC_READ` cluster handle.
    "OpenClusterNetworkEx" [faults(OPEN + ERROR_CLUSTER_NETWORK_NOT_FOUND) object(name)]
    fn open_cluster_network_ex(st, hcluster: HCluster, name: &str, desired_access: u32) -> (HNetwork, u32) {
        st.open_object(hcluster, name, Some(desired_access))
    }

    /// `CloseClusterNetwork`: closes the handle. Works once per handle, also after the
    /// network was deleted.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` if the value is not a live network handle of this simulator
    /// (a second close included).
    "CloseClusterNetwork" [nofault]
    fn close_cluster_network(st, handle: HNetwork) -> () {
        st.close_handle(handle)
    }

    /// `GetClusterFromNetwork`: a new cluster handle on the connection the handle belongs
    /// to. It must be closed with [`close_cluster`](Self::close_cluster); closing it
    /// affects no other handle.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad handle; `ERROR_NOT_ENOUGH_MEMORY` when the table
    /// is full.
    "GetClusterFromNetwork" [faults(LOCAL + ERROR_NOT_ENOUGH_MEMORY)]
    fn get_cluster_from_network(st, handle: HNetwork) -> HCluster {
        st.cluster_from(handle)
    }

    /// `GetClusterNetworkId`: the network's id, a GUID string that stays the same for the
    /// life of the network (and for the same topology in every run).
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad handle; `ERROR_CLUSTER_NETWORK_NOT_FOUND` if the
    /// network was deleted.
    "GetClusterNetworkId" [faults(NETWORK)]
    fn get_cluster_network_id(st, hnetwork: HNetwork) -> String {
        let (_, e) = st.resolve(hnetwork)?;
        let key = st.object(hnetwork, e.object)?;
        st.world.networks.get(key.into()).map(|n| n.id.clone()).ok_or_else(|| {
            Error::ClusterNetworkNotFound(format!("the network behind {hnetwork:?} was deleted"))
        })
    }

    /// `GetClusterNetworkState`: the network's state.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad handle; `ERROR_CLUSTER_NETWORK_NOT_FOUND` if the
    /// network was deleted.
    "GetClusterNetworkState" [faults(NETWORK)]
    fn get_cluster_network_state(st, hnetwork: HNetwork) -> ClusterNetworkState {
        let (_, e) = st.resolve(hnetwork)?;
        let key = st.object(hnetwork, e.object)?;
        st.world
            .networks
            .get(key.into())
            .map(|n| n.state)
            .ok_or_else(|| Error::InternalError("network vanished".into()))
    }

    /// `SetClusterNetworkName`: renames the network. Its interfaces keep their names, as
    /// real interfaces keep their adapter-based names.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE`; `ERROR_ACCESS_DENIED`; `ERROR_CLUSTER_NETWORK_NOT_FOUND` if
    /// it was deleted; `ERROR_ALREADY_EXISTS` (183) for the name of another network
    /// (MS-CMRP 3.1.4.2.84); `ERROR_INVALID_NAME` (123) for an empty name (MS-CMRP
    /// 3.1.4.1.84); `ERROR_INVALID_PARAMETER` for one with a NUL character.
    "SetClusterNetworkName" [faults(NETWORK_CHANGE + ERROR_ALREADY_EXISTS)]
    fn set_cluster_network_name(st, hnetwork: HNetwork, name: &str) -> () {
        let (n, cluster) = st.writable_object(hnetwork)?;
        st.world.rename_network(cluster, n.into(), name)
    }
}
