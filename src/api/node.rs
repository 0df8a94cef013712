//! Nodes: `OpenClusterNode(Ex)`, `CloseClusterNode`, `GetClusterFromNode`,
//! `GetClusterNodeId`.

use std::panic::Location;

use slotmap::{Key, KeyData};

use super::ObjectKind;
use crate::error::{Error, Result};
use crate::handle::{HCluster, HNode};
use crate::simulator::Simulator;
use crate::state::ClusterNodeState;
use crate::world::{ClusterKey, NodeKey, World};

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

impl Simulator {
    /// `OpenClusterNode`: a new handle to the node `name` (its NetBIOS name, compared
    /// case-insensitively), with the access of `hcluster`.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad `hcluster` (or, in strict mode, one whose cluster
    /// handle is closed); `ERROR_CLUSTER_NODE_NOT_FOUND` (5042) for an unknown name;
    /// `ERROR_NOT_ENOUGH_MEMORY` when the handle table is full.
    #[track_caller]
    pub fn open_cluster_node(&self, hcluster: HCluster, name: &str) -> Result<HNode> {
        let result = self.open_object("open_cluster_node", hcluster, name, None).map(|(h, _)| h);
        self.record("open_cluster_node", || format!("{hcluster:?}, {name:?}"), &result);
        result
    }

    /// `OpenClusterNodeEx`: as [`open_cluster_node`](Self::open_cluster_node), with a
    /// desired access; returns the handle and the granted access.
    ///
    /// # Errors
    ///
    /// Those of `open_cluster_node`, and `ERROR_INVALID_PARAMETER` for a desired access of
    /// 0 or with unknown bits, `ERROR_ACCESS_DENIED` for `GENERIC_ALL` through a
    /// `GENERIC_READ` cluster handle.
    #[track_caller]
    pub fn open_cluster_node_ex(
        &self,
        hcluster: HCluster,
        name: &str,
        desired_access: u32,
    ) -> Result<(HNode, u32)> {
        let result = self.open_object("open_cluster_node_ex", hcluster, name, Some(desired_access));
        self.record(
            "open_cluster_node_ex",
            || format!("{hcluster:?}, {name:?}, {desired_access:?}"),
            &result,
        );
        result
    }

    /// `CloseClusterNode`: closes the handle. Works once per handle.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` if `hnode` is not a live node handle of this simulator (a
    /// second close included).
    #[track_caller]
    pub fn close_cluster_node(&self, hnode: HNode) -> Result<()> {
        let result = self.close_handle("close_cluster_node", hnode);
        self.record("close_cluster_node", || format!("{hnode:?}"), &result);
        result
    }

    /// `GetClusterFromNode`: a new cluster handle on the connection `hnode` belongs to. It
    /// must be closed with [`close_cluster`](Self::close_cluster); closing it affects no
    /// other handle.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad `hnode`; `ERROR_NOT_ENOUGH_MEMORY` when the table
    /// is full.
    #[track_caller]
    pub fn get_cluster_from_node(&self, hnode: HNode) -> Result<HCluster> {
        let result = self.cluster_from("get_cluster_from_node", hnode);
        self.record("get_cluster_from_node", || format!("{hnode:?}"), &result);
        result
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
    #[track_caller]
    pub fn get_cluster_node_id(&self, hnode: Option<HNode>) -> Result<String> {
        let result = self.get_cluster_node_id_impl(hnode);
        self.record("get_cluster_node_id", || format!("{hnode:?}"), &result);
        result
    }

    #[track_caller]
    fn get_cluster_node_id_impl(&self, hnode: Option<HNode>) -> Result<String> {
        let at = Location::caller();
        let mut st = self.lock();
        let key = match hnode {
            Some(h) => {
                let (_, e) = st.resolve(h, "get_cluster_node_id", at)?;
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
}

impl Simulator {
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
    #[track_caller]
    pub fn get_cluster_node_state(&self, hnode: HNode) -> Result<ClusterNodeState> {
        let result = self.get_cluster_node_state_impl(hnode);
        self.record("get_cluster_node_state", || format!("{hnode:?}"), &result);
        result
    }

    #[track_caller]
    fn get_cluster_node_state_impl(&self, hnode: HNode) -> Result<ClusterNodeState> {
        let mut st = self.lock();
        let (_, e) = st.resolve(hnode, "get_cluster_node_state", Location::caller())?;
        let key = NodeKey::from(st.object(hnode, e.object)?);
        st.world.nodes.get(key).map(|n| n.state).ok_or_else(|| Error::InternalError("node vanished".into()))
    }
}

impl Simulator {
    /// `PauseClusterNode`: the node stays up but takes no group (moving or bringing a group
    /// online there fails with `ERROR_SHARING_PAUSED`). Pausing a paused node succeeds.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE`; `ERROR_ACCESS_DENIED`; `ERROR_CLUSTER_NODE_NOT_FOUND` if it
    /// was evicted; `ERROR_CLUSTER_NODE_DOWN` (5050) for a node that is down.
    #[track_caller]
    pub fn pause_cluster_node(&self, hnode: HNode) -> Result<()> {
        let result = self.pause_cluster_node_impl(hnode);
        self.record("pause_cluster_node", || format!("{hnode:?}"), &result);
        result
    }

    #[track_caller]
    fn pause_cluster_node_impl(&self, hnode: HNode) -> Result<()> {
        let mut st = self.lock();
        let (n, _) = st.writable(hnode, "pause_cluster_node", Location::caller())?;
        st.world.pause_node(n.into())
    }

    /// `ResumeClusterNode`: a paused node is up again.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE`; `ERROR_ACCESS_DENIED`; `ERROR_CLUSTER_NODE_NOT_FOUND`;
    /// `ERROR_CLUSTER_NODE_NOT_PAUSED` (5058) for a node that is not paused.
    #[track_caller]
    pub fn resume_cluster_node(&self, hnode: HNode) -> Result<()> {
        let result = self.resume_cluster_node_impl(hnode);
        self.record("resume_cluster_node", || format!("{hnode:?}"), &result);
        result
    }

    #[track_caller]
    fn resume_cluster_node_impl(&self, hnode: HNode) -> Result<()> {
        let mut st = self.lock();
        let (n, _) = st.writable(hnode, "resume_cluster_node", Location::caller())?;
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
    #[track_caller]
    pub fn evict_cluster_node(&self, hnode: HNode) -> Result<()> {
        let result = self.evict_cluster_node_impl(hnode);
        self.record("evict_cluster_node", || format!("{hnode:?}"), &result);
        result
    }

    #[track_caller]
    fn evict_cluster_node_impl(&self, hnode: HNode) -> Result<()> {
        let mut st = self.lock();
        let (n, cluster) = st.writable(hnode, "evict_cluster_node", Location::caller())?;
        st.world.evict_node(cluster, n.into())
    }
}
