//! Nodes: `OpenClusterNode(Ex)`, `CloseClusterNode`, `GetClusterFromNode`,
//! `GetClusterNodeId`.

use slotmap::{Key, KeyData};

use super::ObjectKind;
use crate::model::world::{ClusterKey, NodeKey, World};
use crate::types::error::Error;
use crate::types::handle::{HCluster, HNode};
use crate::types::state::ClusterNodeState;

impl ObjectKind for HNode {
    const NOUN: &'static str = "node";
    fn find(world: &World, cluster: ClusterKey, name: &str) -> Option<KeyData> {
        world.clusters.get(cluster)?.node_names.get(name).map(|k| k.data())
    }
    fn exists(world: &World, key: KeyData) -> bool {
        world.nodes.contains_key(key.into())
    }
    fn not_found(message: String) -> Error {
        Error::ClusterNodeNotFound(message)
    }
}

crate::calls::call::calls! {
    /// Nodes: `OpenClusterNode(Ex)`, `CloseClusterNode`, `GetClusterFromNode`, the node's id
    /// and state, and `PauseClusterNode`, `ResumeClusterNode`, `EvictClusterNode`.
    pub trait NodeCalls;

    /// `OpenClusterNode`: a new handle to the node `name` (its NetBIOS name, compared
    /// case-insensitively), with the access of `hcluster`.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad `hcluster` (or, in strict mode, one whose cluster
    /// handle is closed); `ERROR_CLUSTER_NODE_NOT_FOUND` (5042) for an unknown name;
    /// `ERROR_NOT_ENOUGH_MEMORY` when the handle table is full.
    "OpenClusterNode" [faults(OPEN + ERROR_CLUSTER_NODE_NOT_FOUND) object(name)]
    fn open_cluster_node(st, hcluster: HCluster, name: &str) -> HNode {
        st.open_object(hcluster, name, None).map(|(h, _)| h)
    }

    /// `OpenClusterNodeEx`: as [`open_cluster_node`](Self::open_cluster_node), with a
    /// desired access; returns the handle and the granted access.
    ///
    /// # Errors
    ///
    /// Those of `open_cluster_node`, and `ERROR_INVALID_PARAMETER` for a desired access of
    /// 0 or with unknown bits, `ERROR_ACCESS_DENIED` for `GENERIC_ALL` through a
    /// `GENERIC_READ` cluster handle.
    "OpenClusterNodeEx" [faults(OPEN + ERROR_CLUSTER_NODE_NOT_FOUND) object(name)]
    fn open_cluster_node_ex(st, hcluster: HCluster, name: &str, desired_access: u32) -> (HNode, u32) {
        st.open_object(hcluster, name, Some(desired_access))
    }

    /// `CloseClusterNode`: closes the handle. Works once per handle.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` if `hnode` is not a live node handle of this simulator (a
    /// second close included).
    "CloseClusterNode" [nofault]
    fn close_cluster_node(st, hnode: HNode) -> () {
        st.close_handle(hnode)
    }

    /// `GetClusterFromNode`: a new cluster handle on the connection `hnode` belongs to. It
    /// must be closed with [`close_cluster`](Self::close_cluster); closing it affects no
    /// other handle.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad `hnode`; `ERROR_NOT_ENOUGH_MEMORY` when the table
    /// is full.
    "GetClusterFromNode" [faults(LOCAL + ERROR_NOT_ENOUGH_MEMORY)]
    fn get_cluster_from_node(st, hnode: HNode) -> HCluster {
        st.cluster_from(hnode)
    }

    /// `GetClusterNodeId`: the id of the node (`"1"`, `"2"`, ... in the order the topology
    /// lists them), or with `None` the id of the local node of the local cluster
    /// (`GetCurrentClusterNodeId`).
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad handle; `ERROR_CLUSTER_NODE_NOT_FOUND` if the node
    /// was evicted.
    ///
    /// # Examples
    ///
    /// ```
    /// let sim = clusapi_sim::Simulator::default();
    /// assert_eq!(sim.get_cluster_node_id(None)?, "1");
    /// let c = sim.open_cluster(None)?;
    /// let n = sim.open_cluster_node(c, "node2")?;
    /// assert_eq!(sim.get_cluster_node_id(Some(n))?, "2");
    /// # sim.close_cluster_node(n)?; sim.close_cluster(c)?;
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    "GetClusterNodeId" [faults(NODE)]
    fn get_cluster_node_id(st, hnode: Option<HNode>) -> String {
        let key = match hnode {
            Some(h) => {
                let (_, e) = st.resolve(h)?;
                NodeKey::from(st.object(h, e.object)?)
            }
            None => st
                .world
                .local_cluster()
                .and_then(|c| st.world.clusters.get(c))
                .map(|c| c.local_node)
                .unwrap_or_default(),
        };
        st.world
            .nodes
            .get(key)
            .map(|n| n.id.clone())
            .ok_or_else(|| Error::ClusterNodeNotFound("the local node is not a cluster node".into()))
    }

    /// `GetClusterNodeState`: the node's state.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad handle; `ERROR_CLUSTER_NODE_NOT_FOUND` if the node
    /// was evicted.
    ///
    /// ```
    /// use clusapi_sim::{ClusterNodeState, Simulator};
    /// let sim = Simulator::default();
    /// let c = sim.open_cluster(None)?;
    /// let n = sim.open_cluster_node(c, "NODE1")?;
    /// assert_eq!(sim.get_cluster_node_state(n)?, ClusterNodeState::Up);
    /// # sim.close_cluster_node(n)?; sim.close_cluster(c)?;
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    "GetClusterNodeState" [faults(NODE)]
    fn get_cluster_node_state(st, hnode: HNode) -> ClusterNodeState {
        let (_, e) = st.resolve(hnode)?;
        let key = NodeKey::from(st.object(hnode, e.object)?);
        st.world.nodes.get(key).map(|n| n.state).ok_or_else(|| Error::InternalError("node vanished".into()))
    }

    /// `PauseClusterNode`: the node stays up but takes no group (moving or bringing a group
    /// online there fails with `ERROR_SHARING_PAUSED`). Pausing a paused node succeeds.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE`; `ERROR_ACCESS_DENIED`; `ERROR_CLUSTER_NODE_NOT_FOUND` if it
    /// was evicted; `ERROR_CLUSTER_NODE_DOWN` (5050) for a node that is down.
    "PauseClusterNode" [faults(NODE_CHANGE + ERROR_CLUSTER_NODE_DOWN)]
    fn pause_cluster_node(st, hnode: HNode) -> () {
        let (n, _) = st.writable_object(hnode)?;
        st.world.pause_node(n.into())
    }

    /// `ResumeClusterNode`: a paused node is up again.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE`; `ERROR_ACCESS_DENIED`; `ERROR_CLUSTER_NODE_NOT_FOUND`;
    /// `ERROR_CLUSTER_NODE_NOT_PAUSED` (5058) for a node that is not paused.
    "ResumeClusterNode" [faults(NODE_CHANGE + ERROR_CLUSTER_NODE_NOT_PAUSED)]
    fn resume_cluster_node(st, hnode: HNode) -> () {
        let (n, _) = st.writable_object(hnode)?;
        st.world.resume_node(n.into())
    }

    /// `EvictClusterNode`: removes the node (and its network interfaces) from the cluster.
    /// Handles to it stay open; calls through them answer `ERROR_CLUSTER_NODE_NOT_FOUND`.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE`; `ERROR_ACCESS_DENIED`; `ERROR_CLUSTER_NODE_NOT_FOUND`;
    /// `ERROR_CANT_EVICT_ACTIVE_NODE` (5009) for a node that owns groups (move them first)
    /// or the last node of the cluster.
    "EvictClusterNode" [faults(NODE_CHANGE + ERROR_CANT_EVICT_ACTIVE_NODE)]
    fn evict_cluster_node(st, hnode: HNode) -> () {
        let (n, cluster) = st.writable_object(hnode)?;
        st.world.evict_node(cluster, n.into())
    }
}
