//! The simulation's own levers, outside ClusAPI: crash and restore nodes, stop and start the
//! cluster service. They are how a test makes the cluster *do* something to the code under
//! test.

//!
//! Each lever's rule is `State::apply_lever` (src/trigger.rs), which triggers pull too.

use crate::types::lever::Lever;

crate::calls::call::calls! {
    levers;

    /// Crashes the node `node_name` (of any simulated cluster): it goes down, its network
    /// interfaces become unavailable, and each group it owned fails over to the first up
    /// node in the group's preferred-owner order, else in node order; the resources that
    /// were online come back online there (through `OnlinePending` with pending
    /// transitions). A group no node can take stays where it was, its online resources
    /// failed. Handles stay valid. Crashing a node that is down does nothing.
    ///
    /// # Errors
    ///
    /// `ERROR_CLUSTER_NODE_NOT_FOUND` for a name that is no simulated node.
    ///
    /// ```
    /// use clusapi_sim::{ClusterGroupState, ClusterNodeState, Simulator};
    ///
    /// let sim = Simulator::default();
    /// let c = sim.open_cluster(None)?;
    /// let core = sim.open_cluster_group(c, "Cluster Group")?;
    /// sim.crash_node("NODE1")?;
    /// let state = sim.get_cluster_group_state(core)?;
    /// assert_eq!((state.state, state.owner_node.as_str()), (ClusterGroupState::Online, "NODE2"));
    /// # sim.close_cluster_group(core)?; sim.close_cluster(c)?;
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    "crash_node"
    fn crash_node(st, node_name: &str) -> () {
        st.apply_lever(&Lever::crash_node(node_name))
    }

    /// Brings a crashed node back: up, with its interfaces up. The groups whose first
    /// preferred owner it is and whose `AutoFailbackType` is 1 fail back to it, at once when
    /// they have no failback window (`FailbackWindowStart`/`End` -1, the default;
    /// Microsoft's Group Common Properties page); the others stay where they failed over to
    /// (a group with a failback window too: the simulator keeps no time of day). Restoring
    /// a node that is not down does nothing.
    ///
    /// # Errors
    ///
    /// `ERROR_CLUSTER_NODE_NOT_FOUND` for a name that is no simulated node.
    "restore_node"
    fn restore_node(st, node_name: &str) -> () {
        st.apply_lever(&Lever::restore_node(node_name))
    }

    /// Takes the network `network_name` (of any simulated cluster) down: the network is
    /// `Down` and the interfaces on it `Failed` (groups and resources are not affected).
    ///
    /// # Errors
    ///
    /// `ERROR_CLUSTER_NETWORK_NOT_FOUND` for a name that is no simulated network.
    "take_network_down"
    fn take_network_down(st, network_name: &str) -> () {
        st.apply_lever(&Lever::take_network_down(network_name))
    }

    /// Partitions the network: it is `Partitioned` and its interfaces `Unreachable`.
    ///
    /// # Errors
    ///
    /// `ERROR_CLUSTER_NETWORK_NOT_FOUND` for a name that is no simulated network.
    "partition_network"
    fn partition_network(st, network_name: &str) -> () {
        st.apply_lever(&Lever::partition_network(network_name))
    }

    /// Brings a network that is down or partitioned back up, with its interfaces (but those
    /// of crashed nodes).
    ///
    /// # Errors
    ///
    /// `ERROR_CLUSTER_NETWORK_NOT_FOUND` for a name that is no simulated network.
    "restore_network"
    fn restore_network(st, network_name: &str) -> () {
        st.apply_lever(&Lever::restore_network(network_name))
    }

    /// Forces redirected access to the Cluster Shared Volume whose disk resource is
    /// `resource_name` (of any simulated cluster): every node reaches its volumes through
    /// the owner node (`SharedVolumeStateActiveRedirected` in
    /// `CLUSCTL_RESOURCE_STORAGE_GET_SHARED_VOLUME_STATES`, `VolumeStateNoDirectIO` in
    /// `GET_SHARED_VOLUME_INFO`), as when a node loses its path to the storage or a backup
    /// needs it. It lasts until [`restore_shared_volume_access`](Self::restore_shared_volume_access),
    /// through failovers of the owner.
    ///
    /// # Errors
    ///
    /// `ERROR_RESOURCE_NOT_FOUND` for a name that is no simulated resource;
    /// `ERROR_CLUSTER_NOT_SHARED_VOLUME` (5945) for one that is no CSV.
    "redirect_shared_volume"
    fn redirect_shared_volume(st, resource_name: &str) -> () {
        st.apply_lever(&Lever::redirect_shared_volume(resource_name))
    }

    /// Direct access again to the Cluster Shared Volume whose disk resource is
    /// `resource_name` (`SharedVolumeStateActive` on every node that is up).
    ///
    /// # Errors
    ///
    /// As [`redirect_shared_volume`](Self::redirect_shared_volume).
    "restore_shared_volume_access"
    fn restore_shared_volume_access(st, resource_name: &str) -> () {
        st.apply_lever(&Lever::restore_shared_volume_access(resource_name))
    }

    /// Stops the cluster service of a cluster (named as `open_cluster` takes it; `None`:
    /// the local one): until it starts
    /// again, `open_cluster` to it and every call through an existing handle answer
    /// `RPC_S_SERVER_UNAVAILABLE` (1722); closing handles still works, and the handles work
    /// again after [`start_cluster_service`](Self::start_cluster_service).
    /// `get_node_cluster_state` reports `ClusterStateNotRunning` for its nodes meanwhile.
    ///
    /// # Errors
    ///
    /// `RPC_S_SERVER_UNAVAILABLE` for a name that is no simulated cluster or node.
    "stop_cluster_service"
    fn stop_cluster_service(st, cluster: Option<&str>) -> () {
        st.apply_lever(&Lever::stop_cluster_service(cluster))
    }

    /// Starts the cluster service again (see
    /// [`stop_cluster_service`](Self::stop_cluster_service)); starting a running service
    /// does nothing.
    ///
    /// # Errors
    ///
    /// `RPC_S_SERVER_UNAVAILABLE` for a name that is no simulated cluster or node.
    "start_cluster_service"
    fn start_cluster_service(st, cluster: Option<&str>) -> () {
        st.apply_lever(&Lever::start_cluster_service(cluster))
    }
}
