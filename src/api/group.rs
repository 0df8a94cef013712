//! Groups: `OpenClusterGroup(Ex)`, `CloseClusterGroup`, `GetClusterFromGroup`.

use slotmap::{Key, KeyData};

use super::ObjectKind;
use crate::error::{Error, Result};
use crate::handle::{HCluster, HGroup};
use crate::simulator::Simulator;
use crate::state::ClusterGroupState;
use crate::world::{ClusterKey, GroupKey, World};

impl ObjectKind for HGroup {
    const NOUN: &'static str = "group";
    fn find(world: &World, cluster: ClusterKey, name: &str) -> Option<KeyData> {
        world.clusters.get(cluster)?.group_names.get(name).map(|k| k.data())
    }
    fn exists(world: &World, key: KeyData) -> bool {
        world.groups.contains_key(key.into())
    }
    fn not_found(message: String) -> Error {
        Error::GroupNotFound(message)
    }
    fn deleted(message: String) -> Error {
        Error::GroupNotAvailable(message)
    }
}

impl Simulator {
    /// `OpenClusterGroup`: a new handle to the group `name` (compared
    /// case-insensitively), with the access of `hcluster`.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad `hcluster` (or, in strict mode, one whose cluster
    /// handle is closed); `ERROR_GROUP_NOT_FOUND` (5013) for an unknown name;
    /// `ERROR_NOT_ENOUGH_MEMORY` when the handle table is full.
    #[track_caller]
    pub fn open_cluster_group(&self, hcluster: HCluster, name: &str) -> Result<HGroup> {
        self.open_object("open_cluster_group", hcluster, name, None).map(|(h, _)| h)
    }

    /// `OpenClusterGroupEx`: as [`open_cluster_group`](Self::open_cluster_group), with a
    /// desired access; returns the handle and the granted access.
    ///
    /// # Errors
    ///
    /// Those of `open_cluster_group`, and `ERROR_INVALID_PARAMETER` for a desired access
    /// of 0 or with unknown bits, `ERROR_ACCESS_DENIED` for `GENERIC_ALL` through a
    /// `GENERIC_READ` cluster handle.
    #[track_caller]
    pub fn open_cluster_group_ex(
        &self,
        hcluster: HCluster,
        name: &str,
        desired_access: u32,
    ) -> Result<(HGroup, u32)> {
        self.open_object("open_cluster_group_ex", hcluster, name, Some(desired_access))
    }

    /// `CloseClusterGroup`: closes the handle. Works once per handle, also after the
    /// group was deleted.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` if the value is not a live group handle of this simulator
    /// (a second close included).
    #[track_caller]
    pub fn close_cluster_group(&self, handle: HGroup) -> Result<()> {
        self.close_handle("close_cluster_group", handle)
    }

    /// `GetClusterFromGroup`: a new cluster handle on the connection the handle belongs
    /// to. It must be closed with [`close_cluster`](Self::close_cluster); closing it
    /// affects no other handle.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad handle; `ERROR_NOT_ENOUGH_MEMORY` when the table
    /// is full.
    #[track_caller]
    pub fn get_cluster_from_group(&self, handle: HGroup) -> Result<HCluster> {
        self.cluster_from("get_cluster_from_group", handle)
    }
}

/// What `GetClusterGroupState` reports.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct GroupStateInfo {
    /// The group's state, derived from its resources' states.
    pub state: ClusterGroupState,
    /// The name of the node that owns the group.
    pub owner_node: String,
}

impl Simulator {
    /// `GetClusterGroupState`: the group's state (derived from its resources' states, never
    /// stored apart) and the name of its owner node.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad handle; `ERROR_GROUP_NOT_AVAILABLE` (5012) if the
    /// group was deleted.
    ///
    /// ```
    /// use clusapi_sim::{ClusterGroupState, Simulator};
    /// let sim = Simulator::default();
    /// let c = sim.open_cluster(None)?;
    /// let core = sim.open_cluster_group(c, "Cluster Group")?;
    /// let state = sim.get_cluster_group_state(core)?;
    /// assert_eq!((state.state, state.owner_node.as_str()), (ClusterGroupState::Online, "NODE1"));
    /// # sim.close_cluster_group(core)?; sim.close_cluster(c)?;
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn get_cluster_group_state(&self, hgroup: HGroup) -> Result<GroupStateInfo> {
        let mut st = self.lock();
        let (_, e) = st.resolve(hgroup, "get_cluster_group_state", std::panic::Location::caller())?;
        let key = GroupKey::from(st.object(hgroup, e.object)?);
        let w = &st.world;
        let g = w.groups.get(key).ok_or_else(|| Error::InternalError("group vanished".into()))?;
        let state = crate::state::group_state(
            g.resources.iter().filter_map(|&r| w.resources.get(r)).map(|r| r.state),
        );
        let owner_node = w.nodes.get(g.owner).map(|n| n.name.clone()).unwrap_or_default();
        Ok(GroupStateInfo { state, owner_node })
    }
}
