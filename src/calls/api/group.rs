//! Groups: `OpenClusterGroup(Ex)`, `CloseClusterGroup`, `GetClusterFromGroup`.

use slotmap::{Key, KeyData};

use super::ObjectKind;
use crate::model::world::{ClusterKey, GroupKey, World};
use crate::types::error::{Error, Result};
use crate::types::group_type::ClusGroupTypeUnknown;
use crate::types::handle::{HCluster, HGroup, HNode};
use crate::types::state::ClusterGroupState;

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

/// `CLUSTER_CREATE_GROUP_INFO`: what `CreateClusterGroupEx` takes besides the name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
// Exhaustive on purpose: the fields are the Win32 structure's, so callers and production
// implementations of `ClusterApi` build it with a struct expression.
pub struct ClusterCreateGroupInfo {
    /// `dwVersion`: must be [`CLUSTER_CREATE_GROUP_INFO_VERSION_1`](crate::CLUSTER_CREATE_GROUP_INFO_VERSION_1).
    pub version: u32,
    /// `groupType`: the new group's `GroupType`, any `CLUSGROUP_TYPE` value
    /// ([`clusgroup_type`](crate::clusgroup_type)).
    pub group_type: u32,
}

/// What `GetClusterGroupState` reports.
#[derive(Debug, Clone, PartialEq, Eq)]
// Exhaustive on purpose: the fields are what the Win32 call returns, so production
// implementations of `ClusterApi` (such as clusapi-win) build it with a struct expression.
pub struct GroupStateInfo {
    /// The group's state, derived from its resources' states.
    pub state: ClusterGroupState,
    /// The name of the node that owns the group.
    pub owner_node: String,
}

crate::calls::call::calls! {
    /// Groups: `OpenClusterGroup(Ex)`, `CloseClusterGroup`, `GetClusterFromGroup`, the
    /// group's state, `OnlineClusterGroup`, `OfflineClusterGroup`, `MoveClusterGroup`,
    /// `CreateClusterGroup(Ex)`, `DeleteClusterGroup`, `SetClusterGroupNodeList`.
    pub trait GroupCalls;

    /// `OpenClusterGroup`: a new handle to the group `name` (compared
    /// case-insensitively), with the access of `hcluster`.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad `hcluster` (or, in strict mode, one whose cluster
    /// handle is closed); `ERROR_GROUP_NOT_FOUND` (5013) for an unknown name;
    /// `ERROR_NOT_ENOUGH_MEMORY` when the handle table is full.
    "OpenClusterGroup" [faults(OPEN + ERROR_GROUP_NOT_FOUND + ERROR_SHARING_PAUSED) object(name)]
    fn open_cluster_group(st, hcluster: HCluster, name: &str) -> HGroup {
        st.open_object(hcluster, name, None).map(|(h, _)| h)
    }

    /// `OpenClusterGroupEx`: as [`open_cluster_group`](Self::open_cluster_group), with a
    /// desired access; returns the handle and the granted access.
    ///
    /// # Errors
    ///
    /// Those of `open_cluster_group`, and `ERROR_INVALID_PARAMETER` for a desired access
    /// of 0 or with unknown bits, `ERROR_ACCESS_DENIED` for `GENERIC_ALL` through a
    /// `GENERIC_READ` cluster handle.
    "OpenClusterGroupEx" [faults(OPEN + ERROR_GROUP_NOT_FOUND + ERROR_SHARING_PAUSED) object(name)]
    fn open_cluster_group_ex(st, hcluster: HCluster, name: &str, desired_access: u32) -> (HGroup, u32) {
        st.open_object(hcluster, name, Some(desired_access))
    }

    /// `CloseClusterGroup`: closes the handle. Works once per handle, also after the
    /// group was deleted.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` if the value is not a live group handle of this simulator
    /// (a second close included).
    "CloseClusterGroup" [nofault]
    fn close_cluster_group(st, handle: HGroup) -> () {
        st.close_handle(handle)
    }

    /// `GetClusterFromGroup`: a new cluster handle on the connection the handle belongs
    /// to. It must be closed with [`close_cluster`](Self::close_cluster); closing it
    /// affects no other handle.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad handle; `ERROR_NOT_ENOUGH_MEMORY` when the table
    /// is full.
    "GetClusterFromGroup" [faults(LOCAL + ERROR_NOT_ENOUGH_MEMORY)]
    fn get_cluster_from_group(st, handle: HGroup) -> HCluster {
        st.cluster_from(handle)
    }

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
    "GetClusterGroupState" [faults(GROUP)]
    fn get_cluster_group_state(st, hgroup: HGroup) -> GroupStateInfo {
        let (_, e) = st.resolve(hgroup)?;
        let key = GroupKey::from(st.object(hgroup, e.object)?);
        st.world.poll_group(key);
        let w = &st.world;
        let g = w.groups.get(key).ok_or_else(|| Error::InternalError("group vanished".into()))?;
        let state = crate::types::state::group_state(
            g.resources.iter().filter_map(|&r| w.resources.get(r)).map(|r| r.state),
        );
        let owner_node = w.nodes.get(g.owner).map(|n| n.name.clone()).unwrap_or_default();
        Ok(GroupStateInfo { state, owner_node })
    }

    /// `OnlineClusterGroup`: brings every resource of the group online, on `node` (which
    /// then owns the group) or, with `None`, on the current owner.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE`; `ERROR_ACCESS_DENIED` through a `GENERIC_READ` handle;
    /// `ERROR_GROUP_NOT_AVAILABLE` if the group was deleted; `ERROR_SHARING_PAUSED` (70) for
    /// a paused node; `ERROR_HOST_NODE_NOT_AVAILABLE` (5005) for a node that is down;
    /// `ERROR_INVALID_STATE` (5023) while an operation is pending.
    "OnlineClusterGroup" [faults(GROUP_CHANGE + ERROR_SHARING_PAUSED + ERROR_HOST_NODE_NOT_AVAILABLE + ERROR_HOST_NODE_NOT_RESOURCE_OWNER + ERROR_INVALID_STATE)]
    fn online_cluster_group(st, hgroup: HGroup, node: Option<HNode>) -> () {
        let (call, at) = (st.call, st.at);
        let (g, cluster) = st.writable_object(hgroup)?;
        let node = node.map(|n| st.node_of(n, cluster, call, at)).transpose()?;
        let pending = st.world.online_group(g.into(), node)?;
        super::completion(call, pending)
    }

    /// `OfflineClusterGroup`: takes every resource of the group offline.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE`; `ERROR_ACCESS_DENIED`; `ERROR_GROUP_NOT_AVAILABLE`;
    /// `ERROR_INVALID_STATE` while an operation is pending.
    "OfflineClusterGroup" [faults(GROUP_CHANGE + ERROR_INVALID_STATE)]
    fn offline_cluster_group(st, hgroup: HGroup) -> () {
        let (g, _) = st.writable_object(hgroup)?;
        let pending = st.world.offline_group(g.into())?;
        super::completion(st.call, pending)
    }

    /// `MoveClusterGroup`: moves the group to `node` or, with `None`, to the best other up
    /// node (the first in its preferred-owner list, then in node order). Resources that were
    /// online are online on the new owner. Moving to the current owner does nothing.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE`; `ERROR_ACCESS_DENIED`; `ERROR_GROUP_NOT_AVAILABLE`;
    /// `ERROR_SHARING_PAUSED` for a paused target; `ERROR_HOST_NODE_NOT_AVAILABLE` for a
    /// target that is down, or when no other node is up; `ERROR_INVALID_STATE` while an
    /// operation is pending.
    ///
    /// ```
    /// use clusapi_sim::Simulator;
    /// let sim = Simulator::default();
    /// let c = sim.open_cluster(None)?;
    /// let g = sim.open_cluster_group(c, "Cluster Group")?;
    /// sim.move_cluster_group(g, None)?;
    /// assert_eq!(sim.get_cluster_group_state(g)?.owner_node, "NODE2");
    /// # sim.close_cluster_group(g)?; sim.close_cluster(c)?;
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    "MoveClusterGroup" [faults(GROUP_CHANGE + ERROR_SHARING_PAUSED + ERROR_HOST_NODE_NOT_AVAILABLE + ERROR_HOST_NODE_NOT_RESOURCE_OWNER + ERROR_INVALID_STATE)]
    fn move_cluster_group(st, hgroup: HGroup, node: Option<HNode>) -> () {
        let (call, at) = (st.call, st.at);
        let (g, cluster) = st.writable_object(hgroup)?;
        let node = node.map(|n| st.node_of(n, cluster, call, at)).transpose()?;
        let pending = st.world.move_group(cluster, g.into(), node)?;
        super::completion(call, pending)
    }

    /// `CreateClusterGroup`: a new, empty, offline group owned by the local node, and a
    /// handle to it (with the cluster handle's access).
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE`; `ERROR_ACCESS_DENIED` through a `GENERIC_READ` cluster
    /// handle; `ERROR_OBJECT_ALREADY_EXISTS` (5010) for a name in use (any case);
    /// `ERROR_INVALID_PARAMETER` for an empty name; `ERROR_NOT_ENOUGH_MEMORY` when the
    /// handle table is full (then no group is created).
    "CreateClusterGroup" [faults(CLUSTER_CHANGE + ERROR_NOT_ENOUGH_MEMORY + ERROR_OBJECT_ALREADY_EXISTS)]
    fn create_cluster_group(st, hcluster: HCluster, name: &str) -> HGroup {
        st.new_group(hcluster, name, None)
    }

    /// `CreateClusterGroupEx`: as [`create_cluster_group`](Self::create_cluster_group), the
    /// new group's `GroupType` (a read-only common property) being `group_info.group_type`,
    /// any `CLUSGROUP_TYPE` value: the server stores what the client gives (MS-CMRP
    /// 3.1.4.2.128). With `None` (a NULL `pGroupInfo`, which the parameter's `[in, optional]`
    /// allows) the type is `ClusGroupTypeUnknown`, as `CreateClusterGroup` gives it.
    ///
    /// # Errors
    ///
    /// Those of `create_cluster_group`, and `ERROR_INVALID_PARAMETER` (87) for a `version`
    /// other than `CLUSTER_CREATE_GROUP_INFO_VERSION_1` (then no group is created).
    ///
    /// ```
    /// use clusapi_sim::clusgroup_type::ClusGroupTypeVirtualMachine;
    /// use clusapi_sim::{CLUSTER_CREATE_GROUP_INFO_VERSION_1, ClusterCreateGroupInfo, PropertyList, PropertyValue, Simulator, clusctl};
    ///
    /// let sim = Simulator::default();
    /// let c = sim.open_cluster(None)?;
    /// let info = ClusterCreateGroupInfo { version: CLUSTER_CREATE_GROUP_INFO_VERSION_1, group_type: ClusGroupTypeVirtualMachine };
    /// let vm = sim.create_cluster_group_ex(c, "VM1", Some(info))?;
    /// let out = sim.cluster_group_control(vm, None, clusctl::CLUSCTL_GROUP_GET_RO_COMMON_PROPERTIES, &[])?;
    /// assert_eq!(PropertyList::parse(&out)?.get("GroupType"), Some(&PropertyValue::Dword(111)));
    /// let bad = ClusterCreateGroupInfo { version: 2, ..info };
    /// assert_eq!(sim.create_cluster_group_ex(c, "VM2", Some(bad)).unwrap_err().code(), 87);
    /// # sim.close_cluster_group(vm)?; sim.close_cluster(c)?;
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    "CreateClusterGroupEx" [faults(CLUSTER_CHANGE + ERROR_NOT_ENOUGH_MEMORY + ERROR_OBJECT_ALREADY_EXISTS)]
    fn create_cluster_group_ex(st, hcluster: HCluster, name: &str, group_info: Option<ClusterCreateGroupInfo>) -> HGroup {
        st.new_group(hcluster, name, group_info)
    }

    /// `DeleteClusterGroup`: deletes an empty group. Handles to it stay open (calls through
    /// them answer `ERROR_GROUP_NOT_AVAILABLE`) and must still be closed.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE`; `ERROR_ACCESS_DENIED`; `ERROR_GROUP_NOT_AVAILABLE`;
    /// `ERROR_DIR_NOT_EMPTY` (145) for a group that still has resources.
    "DeleteClusterGroup" [faults(GROUP_CHANGE + ERROR_DIR_NOT_EMPTY)]
    fn delete_cluster_group(st, hgroup: HGroup) -> () {
        let (g, cluster) = st.writable_object(hgroup)?;
        st.world.delete_group(cluster, g.into())
    }

    /// `SetClusterGroupNodeList`: the group's preferred owners, in order (an empty list
    /// clears it).
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad group or node handle; `ERROR_ACCESS_DENIED`;
    /// `ERROR_GROUP_NOT_AVAILABLE`; `ERROR_CLUSTER_NODE_NOT_FOUND` for a node of another
    /// cluster or an evicted one; `ERROR_INVALID_PARAMETER` for a node listed twice.
    "SetClusterGroupNodeList" [faults(GROUP_CHANGE + ERROR_CLUSTER_NODE_NOT_FOUND)]
    fn set_cluster_group_node_list(st, hgroup: HGroup, nodes: &[HNode]) -> () {
        let (call, at) = (st.call, st.at);
        let (g, cluster) = st.writable_object(hgroup)?;
        let keys = nodes
            .iter()
            .map(|&n| st.node_of(n, cluster, call, at))
            .collect::<Result<Vec<_>>>()?;
        st.world.set_group_node_list(g.into(), keys)
    }
}

impl crate::calls::call::Cx<'_> {
    /// `CreateClusterGroup(Ex)`: a new group, of the type `info` gives (none:
    /// `ClusGroupTypeUnknown`), and a handle to it with the cluster handle's access; when no
    /// handle can be made, no group either. Checks the handle, the access, then `info`.
    fn new_group(
        &mut self,
        hcluster: HCluster,
        name: &str,
        info: Option<ClusterCreateGroupInfo>,
    ) -> Result<HGroup> {
        let (call, at) = (self.call, self.at);
        let (_, e) = self.resolve(hcluster)?;
        if e.access != crate::session::handle_table::Access::All {
            return Err(Error::AccessDenied(format!("{call}: {hcluster:?} was opened with GENERIC_READ")));
        }
        let group_type = match info {
            None => ClusGroupTypeUnknown,
            Some(i) if i.version == crate::CLUSTER_CREATE_GROUP_INFO_VERSION_1 => i.group_type,
            Some(i) => {
                return Err(Error::InvalidParameter(format!(
                    "{call}: CLUSTER_CREATE_GROUP_INFO dwVersion {} is not CLUSTER_CREATE_GROUP_INFO_VERSION_1 (1)",
                    i.version
                )));
            }
        };
        let cluster = self.cluster_of_entry(&e)?;
        let key = self.world.create_group(cluster, name, group_type)?;
        match self.handles.open_in_scope(e.scope, crate::HandleKind::Group, key.data(), e.access, at) {
            Ok(raw) => super::typed(raw),
            Err(err) => {
                // No handle, no group: the call changes nothing when it fails.
                let _ = self.world.delete_group(cluster, key);
                Err(err)
            }
        }
    }
}
