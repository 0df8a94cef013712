//! The modern calls current clients use: `ClusterOpenEnumEx` and its count, item and close
//! functions; `OnlineClusterGroupEx`, `MoveClusterGroupEx`, `CancelClusterGroupOperation`;
//! `PauseClusterNodeEx` (drain) and `ResumeClusterNodeEx` (failback).

use super::enumerate::{CLUSTER_ENUM_INTERNAL_NETWORK, EnumHandle, check_cluster_mask};
use crate::model::world::{ClusterKey, GroupKey, NodeKey, World};
use crate::session::simulator::EnumItem;
use crate::types::error::{Error, Result};
use crate::types::handle::{HClusEnumEx, HCluster, HGroup, HNode, HResource};

impl EnumHandle for HClusEnumEx {}

/// `CLUSAPI_GROUP_ONLINE_IGNORE_RESOURCE_STATUS`: ignore the resources' locked mode.
pub const CLUSAPI_GROUP_ONLINE_IGNORE_RESOURCE_STATUS: u32 = 0x1;
/// `CLUSAPI_GROUP_ONLINE_SYNCHRONOUS`: a synchronous online (Windows Server 2016).
pub const CLUSAPI_GROUP_ONLINE_SYNCHRONOUS: u32 = 0x2;
/// `CLUSAPI_GROUP_ONLINE_BEST_POSSIBLE_NODE`: the cluster picks the node (Windows Server 2016).
pub const CLUSAPI_GROUP_ONLINE_BEST_POSSIBLE_NODE: u32 = 0x4;
/// `CLUSAPI_GROUP_MOVE_IGNORE_RESOURCE_STATUS`: move even if a resource is locked.
pub const CLUSAPI_GROUP_MOVE_IGNORE_RESOURCE_STATUS: u32 = 0x1;
/// `CLUSAPI_GROUP_MOVE_RETURN_TO_SOURCE_NODE_ON_ERROR`: come back if the destination fails.
pub const CLUSAPI_GROUP_MOVE_RETURN_TO_SOURCE_NODE_ON_ERROR: u32 = 0x2;
/// `CLUSAPI_GROUP_MOVE_QUEUE_ENABLED`: queue the move while a policy forbids it.
pub const CLUSAPI_GROUP_MOVE_QUEUE_ENABLED: u32 = 0x4;
/// `CLUSAPI_GROUP_MOVE_HIGH_PRIORITY_START`: start the group first on the destination.
pub const CLUSAPI_GROUP_MOVE_HIGH_PRIORITY_START: u32 = 0x8;
/// `CLUSAPI_GROUP_MOVE_FAILBACK`: reserved.
pub const CLUSAPI_GROUP_MOVE_FAILBACK: u32 = 0x10;
/// `CLUSAPI_NODE_PAUSE_REMAIN_ON_PAUSED_NODE_ON_MOVE_ERROR`.
pub const CLUSAPI_NODE_PAUSE_REMAIN_ON_PAUSED_NODE_ON_MOVE_ERROR: u32 = 0x1;
/// `CLUSAPI_NODE_AVOID_PLACEMENT`.
pub const CLUSAPI_NODE_AVOID_PLACEMENT: u32 = 0x2;
/// `CLUSAPI_NODE_PAUSE_RETRY_DRAIN_ON_FAILURE`.
pub const CLUSAPI_NODE_PAUSE_RETRY_DRAIN_ON_FAILURE: u32 = 0x4;
/// `DoNotFailbackGroups` (`CLUSTER_NODE_RESUME_FAILBACK_TYPE`).
pub const DO_NOT_FAILBACK_GROUPS: u32 = 0;
/// `FailbackGroupsImmediately`.
pub const FAILBACK_GROUPS_IMMEDIATELY: u32 = 1;
/// `FailbackGroupsPerPolicy`: the groups whose `AutoFailbackType` is 1.
pub const FAILBACK_GROUPS_PER_POLICY: u32 = 2;

const ONLINE_FLAGS: u32 = CLUSAPI_GROUP_ONLINE_IGNORE_RESOURCE_STATUS
    | CLUSAPI_GROUP_ONLINE_SYNCHRONOUS
    | CLUSAPI_GROUP_ONLINE_BEST_POSSIBLE_NODE;
/// `CLUSAPI_RESOURCE_ONLINE_IGNORE_RESOURCE_STATUS` (0x1), `_DO_NOT_UPDATE_PERSISTENT_STATE`
/// (0x2), `_NECESSARY_FOR_QUORUM` (0x4), `_BEST_POSSIBLE_NODE` (0x8), `_IGNORE_AFFINITY_RULE`
/// (0x20).
const RESOURCE_ONLINE_FLAGS: u32 = 0x1 | 0x2 | 0x4 | 0x8 | 0x20;
/// `CLUSAPI_RESOURCE_OFFLINE_IGNORE_RESOURCE_STATUS` (0x1), `_FORCE_WITH_TERMINATION` (0x2),
/// `_DO_NOT_UPDATE_PERSISTENT_STATE` (0x4).
const RESOURCE_OFFLINE_FLAGS: u32 = 0x1 | 0x2 | 0x4;
const MOVE_FLAGS: u32 = CLUSAPI_GROUP_MOVE_IGNORE_RESOURCE_STATUS
    | CLUSAPI_GROUP_MOVE_RETURN_TO_SOURCE_NODE_ON_ERROR
    | CLUSAPI_GROUP_MOVE_QUEUE_ENABLED
    | CLUSAPI_GROUP_MOVE_HIGH_PRIORITY_START
    | CLUSAPI_GROUP_MOVE_FAILBACK;
const PAUSE_FLAGS: u32 = CLUSAPI_NODE_PAUSE_REMAIN_ON_PAUSED_NODE_ON_MOVE_ERROR
    | CLUSAPI_NODE_AVOID_PLACEMENT
    | CLUSAPI_NODE_PAUSE_RETRY_DRAIN_ON_FAILURE;

/// One item of a `ClusterOpenEnumEx` snapshot (`CLUSTER_ENUM_ITEM`).
#[derive(Debug, Clone, PartialEq, Eq)]
// Exhaustive on purpose: the fields are what the Win32 call returns, so production
// implementations of `ClusterApi` (such as clusapi-win) build it with a struct expression.
pub struct ClusterEnumItem {
    /// The `CLUSTER_ENUM_*` bit of the object's kind.
    pub object_type: u32,
    /// The object's id: a node's number (`"1"`), a resource type's name, else its GUID.
    pub id: String,
    /// The object's name.
    pub name: String,
}

/// The items `ClusterOpenEnumEx(type_mask)` lists: as `ClusterOpenEnum`, with ids. An item
/// is stored as `id NUL name` (names and ids never hold a NUL).
fn items_ex(world: &World, cluster: ClusterKey, type_mask: u32) -> Vec<EnumItem> {
    let Some(c) = world.clusters.get(cluster) else { return Vec::new() };
    let mut items = Vec::new();
    let mut add = |bit: u32, list: Vec<(String, String)>| {
        if type_mask & bit != 0 {
            items.extend(list.into_iter().map(|(id, name)| EnumItem {
                object_type: bit,
                name: format!("{id}\0{name}"),
                ex: None,
            }));
        }
    };
    add(
        crate::CLUSTER_ENUM_NODE,
        c.nodes.iter().filter_map(|&k| world.nodes.get(k)).map(|o| (o.id.clone(), o.name.clone())).collect(),
    );
    add(crate::CLUSTER_ENUM_RESTYPE, c.resource_types.iter().map(|t| (t.clone(), t.clone())).collect());
    add(
        crate::CLUSTER_ENUM_RESOURCE,
        c.resources
            .iter()
            .filter_map(|&k| world.resources.get(k))
            .map(|o| (o.id.clone(), o.name.clone()))
            .collect(),
    );
    // As ClusterOpenEnum: a Cluster Shared Volume's group under CLUSTER_ENUM_SHARED_VOLUME_GROUP only.
    let groups = |shared: bool| -> Vec<(String, String)> {
        c.groups
            .iter()
            .filter_map(|&k| world.groups.get(k))
            .filter(|g| world.is_shared_volume_group(g) == shared)
            .map(|o| (o.id.clone(), o.name.clone()))
            .collect()
    };
    add(crate::CLUSTER_ENUM_GROUP, groups(false));
    add(
        crate::CLUSTER_ENUM_NETWORK,
        c.networks
            .iter()
            .filter_map(|&k| world.networks.get(k))
            .map(|o| (o.id.clone(), o.name.clone()))
            .collect(),
    );
    add(
        crate::CLUSTER_ENUM_NETINTERFACE,
        c.net_interfaces
            .iter()
            .filter_map(|&k| world.net_interfaces.get(k))
            .map(|o| (crate::model::world::stable_guid(&["netinterface", &o.name]), o.name.clone()))
            .collect(),
    );
    add(crate::CLUSTER_ENUM_SHARED_VOLUME_GROUP, groups(true));
    add(
        crate::CLUSTER_ENUM_SHARED_VOLUME_RESOURCE,
        c.resources
            .iter()
            .filter(|&&k| world.disk_of(k).is_some_and(|d| d.csv.is_some()))
            .filter_map(|&k| world.resources.get(k))
            .map(|o| (o.id.clone(), o.name.clone()))
            .collect(),
    );
    add(
        CLUSTER_ENUM_INTERNAL_NETWORK,
        c.network_priority
            .iter()
            .filter_map(|&k| world.networks.get(k))
            .map(|o| (o.id.clone(), o.name.clone()))
            .collect(),
    );
    items
}

fn check_flags(call: &str, what: &str, flags: u32, known: u32) -> Result<()> {
    if flags & !known != 0 {
        return Err(Error::InvalidParameter(format!(
            "{call}: {what} {flags:#x} has bits other than the documented {known:#x}"
        )));
    }
    Ok(())
}

impl crate::calls::call::Cx<'_> {
    /// `OnlineClusterGroupEx` (`online`) and `MoveClusterGroupEx`: the classic operation,
    /// after checking `flags` against the `known` bits.
    fn group_op_ex(
        &mut self,
        hgroup: HGroup,
        node: Option<HNode>,
        flags: u32,
        known: u32,
        online: bool,
    ) -> Result<()> {
        let (call, at) = (self.call, self.at);
        let (g, cluster) = self.writable(hgroup, call, at)?;
        let node = node.map(|n| self.node_of(n, cluster, call, at)).transpose()?;
        check_flags(call, "flags", flags, known)?;
        const BOTH: u32 = CLUSAPI_GROUP_MOVE_IGNORE_RESOURCE_STATUS | CLUSAPI_GROUP_MOVE_QUEUE_ENABLED;
        if !online && flags & BOTH == BOTH {
            // MS-CMRP 3.1.4.2.131: the two flags together are refused.
            return Err(Error::InvalidParameter(format!(
                "{call}: dwMoveFlags {flags:#x} has both CLUSAPI_GROUP_MOVE_IGNORE_RESOURCE_STATUS \
                 (0x1) and CLUSAPI_GROUP_MOVE_QUEUE_ENABLED (0x4)"
            )));
        }
        let pending = if online {
            self.world.online_group(GroupKey::from(g), node)?
        } else {
            self.world.move_group(cluster, GroupKey::from(g), node)?
        };
        super::completion(call, pending)
    }
}

crate::calls::call::calls! {
    /// The newer calls current clients use: `ClusterOpenEnumEx` with its count, item and
    /// close functions, `OnlineClusterGroupEx`, `MoveClusterGroupEx`,
    /// `CancelClusterGroupOperation`, `PauseClusterNodeEx` (drain) and `ResumeClusterNodeEx`
    /// (failback).
    pub trait ModernCalls;
    externs __clusapi_modern_externs;

    /// `ClusterOpenEnumEx`: a snapshot of the cluster's objects of the kinds in `type_mask`
    /// (`CLUSTER_ENUM_*` bits), in the order of [`cluster_open_enum`](Self::cluster_open_enum),
    /// each with its id and name. `pOptions` is reserved and not taken here (the C export
    /// refuses a non-NULL one).
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad handle; `ERROR_INVALID_PARAMETER` (87) for a mask
    /// `cluster_open_enum` refuses; `ERROR_NOT_ENOUGH_MEMORY` when the table is full.
    ///
    /// ```
    /// use clusapi_sim::{Simulator, CLUSTER_ENUM_NODE};
    /// let sim = Simulator::default();
    /// let c = sim.open_cluster(None)?;
    /// let e = sim.cluster_open_enum_ex(c, CLUSTER_ENUM_NODE)?;
    /// assert_eq!(sim.cluster_get_enum_count_ex(e)?, 2);
    /// let item = sim.cluster_enum_ex(e, 1)?;
    /// assert_eq!((item.id.as_str(), item.name.as_str()), ("2", "NODE2"));
    /// # sim.cluster_close_enum_ex(e)?; sim.close_cluster(c)?;
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    "ClusterOpenEnumEx" [faults(NEW_HANDLE)]
    fn cluster_open_enum_ex(st, hcluster: HCluster, type_mask: u32) -> HClusEnumEx {
        let at = st.at;
        let (_, e) = st.resolve(hcluster)?;
        check_cluster_mask(type_mask)?;
        let cluster = ClusterKey::from(e.object);
        if !st.world.clusters.contains_key(cluster) {
            return Err(Error::RpcServerUnavailable("the cluster is gone".into()));
        }
        let items = items_ex(&st.world, cluster, type_mask);
        st.open_snapshot(items, e.scope, e.access, at)
    }

    /// `ClusterGetEnumCountEx`: the number of items in the snapshot.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad handle.
    "ClusterGetEnumCountEx" [nofault]
    fn cluster_get_enum_count_ex(st, henum: HClusEnumEx) -> u32 {
        st.enum_count(henum)
    }

    /// `ClusterEnumEx`: item `index` (from 0) of the snapshot: its type bit, id and name.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad handle; `ERROR_NO_MORE_ITEMS` (259) for an index at
    /// or past the count.
    "ClusterEnumEx" [nofault]
    fn cluster_enum_ex(st, henum: HClusEnumEx, index: u32) -> ClusterEnumItem {
        st.enum_item(henum, index).map(|(object_type, text)| {
            let (id, name) = text.split_once('\0').unwrap_or(("", text.as_str()));
            ClusterEnumItem { object_type, id: id.to_owned(), name: name.to_owned() }
        })
    }

    /// `ClusterCloseEnumEx`: closes the enumeration and frees its snapshot.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a value that is not a live `HCLUSENUMEX`.
    "ClusterCloseEnumEx" [nofault]
    fn cluster_close_enum_ex(st, henum: HClusEnumEx) -> () {
        st.close_handle(henum)
    }

    /// `OnlineClusterGroupEx`: as [`online_cluster_group`](Self::online_cluster_group).
    /// The documented flags (`CLUSAPI_GROUP_ONLINE_*`: 0x1, 0x2, 0x4) are accepted and
    /// change nothing (the simulator has no locked mode, and picks the owner as the classic
    /// call does); `in_buffer` (a property list of instructions for the resources) is not
    /// interpreted.
    ///
    /// # Errors
    ///
    /// Those of `online_cluster_group` (`ERROR_IO_PENDING` with pending transitions), and
    /// `ERROR_INVALID_PARAMETER` (87) for other flag bits.
    "OnlineClusterGroupEx" [faults(GROUP_CHANGE + ERROR_SHARING_PAUSED + ERROR_HOST_NODE_NOT_AVAILABLE + ERROR_HOST_NODE_NOT_RESOURCE_OWNER + ERROR_INVALID_STATE)]
    fn online_cluster_group_ex(st, hgroup: HGroup, node: Option<HNode>, flags: u32, in_buffer: &[u8]) -> () {
        st.group_op_ex(hgroup, node, flags, ONLINE_FLAGS, true)
    }

    /// `OfflineClusterGroupEx`: as [`offline_cluster_group`](Self::offline_cluster_group).
    /// The documented flag `CLUSAPI_GROUP_OFFLINE_IGNORE_RESOURCE_STATUS` (0x1) is accepted
    /// and changes nothing (the simulator has no locked mode); `in_buffer` (instructions for
    /// the resources, such as a VM's save-state) is not interpreted.
    ///
    /// # Errors
    ///
    /// Those of `offline_cluster_group` (`ERROR_IO_PENDING` with pending transitions), and
    /// `ERROR_INVALID_PARAMETER` (87) for other flag bits.
    ///
    /// ```
    /// use clusapi_sim::{ClusterGroupState, Simulator};
    ///
    /// let sim = Simulator::default();
    /// let c = sim.open_cluster(None)?;
    /// let g = sim.open_cluster_group(c, "Cluster Group")?;
    /// assert_eq!(sim.offline_cluster_group_ex(g, 0x2, &[]).unwrap_err().code(), 87);
    /// sim.offline_cluster_group_ex(g, 0x1, &[])?;
    /// assert_eq!(sim.get_cluster_group_state(g)?.state, ClusterGroupState::Offline);
    /// # sim.close_cluster_group(g)?; sim.close_cluster(c)?;
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    "OfflineClusterGroupEx" [faults(GROUP_CHANGE + ERROR_INVALID_STATE)]
    fn offline_cluster_group_ex(st, hgroup: HGroup, #[hex] flags: u32, in_buffer: &[u8]) -> () {
        let (g, _) = st.writable_object(hgroup)?;
        check_flags(st.call, "flags", flags, 0x1)?;
        let pending = st.world.offline_group(GroupKey::from(g))?;
        super::completion(st.call, pending)
    }

    /// `MoveClusterGroupEx`: as [`move_cluster_group`](Self::move_cluster_group). The
    /// documented flags (`CLUSAPI_GROUP_MOVE_*`: 0x1 to 0x10) are accepted and change
    /// nothing (a simulated move never fails once accepted, so there is nothing to return
    /// from or to queue); `in_buffer` is not interpreted.
    ///
    /// # Errors
    ///
    /// Those of `move_cluster_group` (`ERROR_IO_PENDING` with pending transitions), and
    /// `ERROR_INVALID_PARAMETER` (87) for other flag bits or for
    /// `CLUSAPI_GROUP_MOVE_IGNORE_RESOURCE_STATUS` (0x1) together with
    /// `CLUSAPI_GROUP_MOVE_QUEUE_ENABLED` (0x4) (MS-CMRP 3.1.4.2.131).
    ///
    /// ```
    /// use clusapi_sim::Simulator;
    ///
    /// let sim = Simulator::default();
    /// let c = sim.open_cluster(None)?;
    /// let g = sim.open_cluster_group(c, "Available Storage")?;
    /// assert_eq!(sim.move_cluster_group_ex(g, None, 0x5, &[]).unwrap_err().code(), 87);
    /// # sim.close_cluster_group(g)?; sim.close_cluster(c)?;
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    "MoveClusterGroupEx" [faults(GROUP_CHANGE + ERROR_SHARING_PAUSED + ERROR_HOST_NODE_NOT_AVAILABLE + ERROR_HOST_NODE_NOT_RESOURCE_OWNER + ERROR_INVALID_STATE)]
    fn move_cluster_group_ex(st, hgroup: HGroup, node: Option<HNode>, flags: u32, in_buffer: &[u8]) -> () {
        st.group_op_ex(hgroup, node, flags, MOVE_FLAGS, false)
    }

    /// `CancelClusterGroupOperation`: stops the group's pending move (pending transitions).
    /// A cancelled move returns the group to its persistent state (Microsoft's page): the
    /// resources that were online are online again, on the node the move left if it can
    /// still host the group. Answers `Ok` (`ERROR_SUCCESS`): the cancellation is complete
    /// at once, never `ERROR_IO_PENDING`.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE`; `ERROR_ACCESS_DENIED`; `ERROR_GROUP_NOT_AVAILABLE`;
    /// `ERROR_INVALID_PARAMETER` (87) for `cancel_flags` other than 0 (reserved);
    /// `ERROR_INVALID_STATE` (5023) when the group is not moving (MS-CMRP 3.1.4.2.133): nothing
    /// pending, or a pending online or offline, which goes on uncancelled.
    extern CancelClusterGroupOperation [faults(GROUP_CHANGE + ERROR_INVALID_STATE)]
    fn cancel_cluster_group_operation(st, hgroup: HGroup, cancel_flags: u32) -> () {
        let (g, _) = st.writable_object(hgroup)?;
        check_flags(st.call, "dwCancelFlags_RESERVED", cancel_flags, 0)?;
        st.world.cancel_group_operation(GroupKey::from(g))
    }

    /// `OnlineClusterResourceEx`: as [`online_cluster_resource`](Self::online_cluster_resource).
    /// The documented flags (`CLUSAPI_RESOURCE_ONLINE_*`: 0x1, 0x2, 0x4, 0x8, 0x20) are
    /// accepted and change nothing (the simulator has no locked mode, no affinity rules, and
    /// keeps no persistent state apart from the resource's state); `in_buffer` is not
    /// interpreted.
    ///
    /// # Errors
    ///
    /// Those of `online_cluster_resource` (`ERROR_IO_PENDING` with pending transitions),
    /// and `ERROR_INVALID_PARAMETER` (87) for other flag bits.
    ///
    /// ```
    /// use clusapi_sim::{ClusterResourceState, Simulator};
    ///
    /// let sim = Simulator::default();
    /// let c = sim.open_cluster(None)?;
    /// let r = sim.open_cluster_resource(c, "Cluster IP Address")?;
    /// sim.offline_cluster_resource_ex(r, 0x1, &[])?;
    /// assert_eq!(sim.get_cluster_resource_state(r)?.state, ClusterResourceState::Offline);
    /// assert_eq!(sim.online_cluster_resource_ex(r, 0x40, &[]).unwrap_err().code(), 87);
    /// sim.online_cluster_resource_ex(r, 0x2, &[])?;
    /// assert_eq!(sim.get_cluster_resource_state(r)?.state, ClusterResourceState::Online);
    /// # sim.close_cluster_resource(r)?; sim.close_cluster(c)?;
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    "OnlineClusterResourceEx" [faults(RESOURCE_CHANGE + ERROR_SHARING_PAUSED + ERROR_HOST_NODE_NOT_AVAILABLE + ERROR_HOST_NODE_NOT_RESOURCE_OWNER + ERROR_INVALID_STATE)]
    fn online_cluster_resource_ex(st, hresource: HResource, #[hex] flags: u32, in_buffer: &[u8]) -> () {
        let (r, _) = st.writable_object(hresource)?;
        check_flags(st.call, "flags", flags, RESOURCE_ONLINE_FLAGS)?;
        let pending = st.world.online_resource(r.into())?;
        super::completion(st.call, pending)
    }

    /// `OfflineClusterResourceEx`: as
    /// [`offline_cluster_resource`](Self::offline_cluster_resource). The documented flags
    /// (`CLUSAPI_RESOURCE_OFFLINE_*`: 0x1, 0x2, 0x4) are accepted and change nothing;
    /// `in_buffer` is not interpreted.
    ///
    /// # Errors
    ///
    /// Those of `offline_cluster_resource` (`ERROR_IO_PENDING` with pending transitions),
    /// and `ERROR_INVALID_PARAMETER` (87) for other flag bits.
    "OfflineClusterResourceEx" [faults(RESOURCE_CHANGE + ERROR_RESOURCE_FAILED + ERROR_INVALID_STATE)]
    fn offline_cluster_resource_ex(st, hresource: HResource, #[hex] flags: u32, in_buffer: &[u8]) -> () {
        let (r, _) = st.writable_object(hresource)?;
        check_flags(st.call, "flags", flags, RESOURCE_OFFLINE_FLAGS)?;
        let pending = st.world.offline_resource(r.into())?;
        super::completion(st.call, pending)
    }

    /// `RestartClusterResource`: takes the resource offline, then back to its persistent
    /// state, without changing that state (MS-CMRP 3.1.4.2.142, `ApiRestartResource`): an
    /// online resource is online again, with the resources that depend on it and were
    /// online; an offline one stays offline. `flags` is reserved and ignored, as the
    /// protocol says. With pending transitions the resources come back through
    /// `OnlinePending` and the call answers `ERROR_IO_PENDING`.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE`; `ERROR_ACCESS_DENIED` through a `GENERIC_READ` handle (the
    /// protocol requires access "All"); `ERROR_RESOURCE_NOT_AVAILABLE` if it was deleted;
    /// `ERROR_INVALID_STATE` while an operation is pending; `ERROR_RESOURCE_FAILED` (5038)
    /// for a failed resource.
    ///
    /// ```
    /// use clusapi_sim::{ClusterResourceState, Simulator};
    ///
    /// let sim = Simulator::default();
    /// let c = sim.open_cluster(None)?;
    /// let r = sim.open_cluster_resource(c, "Cluster Name")?;
    /// sim.restart_cluster_resource(r, 0)?;
    /// assert_eq!(sim.get_cluster_resource_state(r)?.state, ClusterResourceState::Online);
    /// # sim.close_cluster_resource(r)?; sim.close_cluster(c)?;
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    extern RestartClusterResource [faults(RESOURCE_CHANGE + ERROR_INVALID_STATE + ERROR_RESOURCE_FAILED)]
    fn restart_cluster_resource(st, hresource: HResource, #[hex] flags: u32) -> () {
        let (r, _) = st.writable_object(hresource)?;
        let pending = st.world.restart_resource(r.into())?;
        super::completion(st.call, pending)
    }

    /// `DestroyClusterGroup`: in one call, takes the group's resources offline, deletes
    /// them and deletes the group (Microsoft's page). Handles to the group and its
    /// resources stay open and must still be closed. Everything is checked first; then it
    /// all happens at once, also with pending transitions **(ours)**.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE`; `ERROR_ACCESS_DENIED`; `ERROR_GROUP_NOT_AVAILABLE`;
    /// `ERROR_SPECIAL_GROUP` (1372) for the core group; `ERROR_CORE_RESOURCE` (5026) for a
    /// group holding a core resource (the quorum resource); `ERROR_INVALID_STATE` while an
    /// operation is pending.
    ///
    /// ```
    /// use clusapi_sim::{codes, Simulator};
    ///
    /// let sim = Simulator::default();
    /// let c = sim.open_cluster(None)?;
    /// let g = sim.create_cluster_group(c, "Web")?;
    /// let r = sim.create_cluster_resource(g, "Web Service", "Generic Service", 0)?;
    /// sim.online_cluster_resource(r)?;
    /// sim.destroy_cluster_group(g)?;
    /// assert_eq!(sim.open_cluster_group(c, "Web").unwrap_err().code(), codes::ERROR_GROUP_NOT_FOUND);
    /// assert_eq!(sim.open_cluster_resource(c, "Web Service").unwrap_err().code(), codes::ERROR_RESOURCE_NOT_FOUND);
    /// # sim.close_cluster_resource(r)?; sim.close_cluster_group(g)?; sim.close_cluster(c)?;
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    "DestroyClusterGroup" [faults(GROUP_CHANGE + ERROR_INVALID_STATE)]
    fn destroy_cluster_group(st, hgroup: HGroup) -> () {
        let (g, cluster) = st.writable_object(hgroup)?;
        st.world.destroy_group(cluster, GroupKey::from(g))
    }

    /// `PauseClusterNodeEx`: pauses the node, as [`pause_cluster_node`](Self::pause_cluster_node);
    /// with `drain`, every group it owns moves to `drain_target` or, with `None`, to the
    /// group's best other node (preferred owners first, then node order; up, and a possible
    /// owner of every resource). Every move is checked before anything changes. With
    /// pending transitions the moves are pending: the call answers `ERROR_IO_PENDING`, the
    /// node's `NodeDrainStatus` is 1 until they settle, then 2. The `CLUSAPI_NODE_*` flags
    /// (0x1, 0x2, 0x4) are accepted and change nothing.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE`; `ERROR_ACCESS_DENIED`; `ERROR_CLUSTER_NODE_NOT_FOUND`;
    /// `ERROR_CLUSTER_NODE_DOWN` (5050) for a node that is down, or a drain with no other
    /// node up (MS-CMRP 3.1.4.2.125); `ERROR_CLUSTER_NODE_EVACUATION_IN_PROGRESS` (5962)
    /// while a drain of the node is in progress; `ERROR_INVALID_PARAMETER` (87) for other
    /// flag bits; `ERROR_INVALID_TARGET_HANDLE` (114) for the node as its own target and
    /// `ERROR_HOST_NODE_NOT_AVAILABLE` (5005) for a target that is not up, paused included
    /// (MS-CMRP 3.1.4.2.126); for a group that cannot move, the code `move_cluster_group`
    /// gives (`ERROR_HOST_NODE_NOT_AVAILABLE`, `ERROR_INVALID_STATE` for a pending group,
    /// ...), and then nothing changes.
    "PauseClusterNodeEx" [faults(NODE_CHANGE + ERROR_CLUSTER_NODE_DOWN + ERROR_CLUSTER_NODE_EVACUATION_IN_PROGRESS + ERROR_HOST_NODE_NOT_AVAILABLE)]
    fn pause_cluster_node_ex(st, hnode: HNode, drain: bool, flags: u32, drain_target: Option<HNode>) -> () {
        let (call, at) = (st.call, st.at);
        let (n, cluster) = st.writable(hnode, call, at)?;
        let target = drain_target.map(|t| st.node_of(t, cluster, call, at)).transpose()?;
        check_flags(call, "dwPauseFlags", flags, PAUSE_FLAGS)?;
        let pending = st.world.pause_node_ex(cluster, NodeKey::from(n), drain, target)?;
        super::completion(call, pending)
    }

    /// `ResumeClusterNodeEx`: resumes the node, as [`resume_cluster_node`](Self::resume_cluster_node),
    /// ends its drain (`NodeDrainStatus` back to 0) and fails back the groups the drain
    /// moved off: none (`DoNotFailbackGroups`, 0), all (`FailbackGroupsImmediately`, 1), or
    /// those whose `AutoFailbackType` is 1 (`FailbackGroupsPerPolicy`, 2). A group that
    /// cannot come back (deleted, pending, or the node is not a possible owner of all its
    /// resources) stays where it is. With pending transitions a failback answers
    /// `ERROR_IO_PENDING`.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE`; `ERROR_ACCESS_DENIED`; `ERROR_CLUSTER_NODE_NOT_FOUND`;
    /// `ERROR_CLUSTER_NODE_NOT_PAUSED` (5058); `ERROR_CLUSTER_NODE_EVACUATION_IN_PROGRESS`
    /// (5962) while the node's drain is in progress; `ERROR_INVALID_PARAMETER` (87) for a
    /// failback type above 2 or reserved flags other than 0.
    "ResumeClusterNodeEx" [faults(NODE_CHANGE + ERROR_CLUSTER_NODE_NOT_PAUSED + ERROR_CLUSTER_NODE_EVACUATION_IN_PROGRESS)]
    fn resume_cluster_node_ex(st, hnode: HNode, failback_type: u32, resume_flags: u32) -> () {
        let call = st.call;
        let (n, cluster) = st.writable_object(hnode)?;
        check_flags(call, "dwResumeFlagsReserved", resume_flags, 0)?;
        let pending = st.world.resume_node_ex(cluster, NodeKey::from(n), failback_type)?;
        super::completion(call, pending)
    }
}
