//! Enumerations: `ClusterOpenEnum`, `ClusterNetworkOpenEnum`, the node, group and resource
//! enumerations, and the group and resource Ex enumerations (`ClusterGroupOpenEnumEx`,
//! `ClusterResourceOpenEnumEx`: the objects with their properties), with their count, item
//! and close functions. An enumeration is a snapshot taken when it opens; objects created or
//! deleted afterwards do not change it.

use std::panic::Location;

use slotmap::Key;

use super::ObjectKind;
use crate::model::control::Target;
use crate::model::world::{Cluster, ClusterKey, GroupKey, NetworkKey, NodeKey, ResourceKey, World};
use crate::session::simulator::{EnumItem, SnapshotKey, State};
use crate::types::enum_ex::{ClusterGroupEnumItem, ClusterResourceEnumItem, EnumExItem};
use crate::types::error::{Error, Result};
use crate::types::handle::{
    HClusEnum, HCluster, HGroup, HGroupEnum, HGroupEnumEx, HNetwork, HNetworkEnum, HNode, HNodeEnum,
    HResEnum, HResEnumEx, HResource, Handle,
};

/// `CLUSTER_ENUM_NODE`: nodes.
pub const CLUSTER_ENUM_NODE: u32 = 0x1;
/// `CLUSTER_ENUM_RESTYPE`: resource types.
pub const CLUSTER_ENUM_RESTYPE: u32 = 0x2;
/// `CLUSTER_ENUM_RESOURCE`: resources.
pub const CLUSTER_ENUM_RESOURCE: u32 = 0x4;
/// `CLUSTER_ENUM_GROUP`: groups.
pub const CLUSTER_ENUM_GROUP: u32 = 0x8;
/// `CLUSTER_ENUM_NETWORK`: networks.
pub const CLUSTER_ENUM_NETWORK: u32 = 0x10;
/// `CLUSTER_ENUM_NETINTERFACE`: network interfaces.
pub const CLUSTER_ENUM_NETINTERFACE: u32 = 0x20;
/// `CLUSTER_ENUM_SHARED_VOLUME_GROUP`: the groups of the Cluster Shared Volumes (which
/// `CLUSTER_ENUM_GROUP` does not list).
pub const CLUSTER_ENUM_SHARED_VOLUME_GROUP: u32 = 0x2000_0000;
/// `CLUSTER_ENUM_SHARED_VOLUME_RESOURCE`: the disk resources that are Cluster Shared
/// Volumes; must be used alone.
pub const CLUSTER_ENUM_SHARED_VOLUME_RESOURCE: u32 = 0x4000_0000;
/// `CLUSTER_ENUM_INTERNAL_NETWORK`: networks in internal-use priority order; must be used
/// alone.
pub const CLUSTER_ENUM_INTERNAL_NETWORK: u32 = 0x8000_0000;
/// `CLUSTER_ENUM_ALL`: the six object kinds.
pub const CLUSTER_ENUM_ALL: u32 = 0x3F;
/// `CLUSTER_NETWORK_ENUM_NETINTERFACES`: a network's interfaces.
pub const CLUSTER_NETWORK_ENUM_NETINTERFACES: u32 = 0x1;
/// `CLUSTER_NETWORK_ENUM_ALL`.
pub const CLUSTER_NETWORK_ENUM_ALL: u32 = 0x1;
/// `CLUSTER_NODE_ENUM_NETINTERFACES`: a node's network interfaces.
pub const CLUSTER_NODE_ENUM_NETINTERFACES: u32 = 0x1;
/// `CLUSTER_NODE_ENUM_GROUPS`: the groups a node owns.
pub const CLUSTER_NODE_ENUM_GROUPS: u32 = 0x2;
/// `CLUSTER_NODE_ENUM_PREFERRED_GROUPS`: the groups that list the node as a preferred owner.
pub const CLUSTER_NODE_ENUM_PREFERRED_GROUPS: u32 = 0x4;
/// `CLUSTER_NODE_ENUM_ALL`: interfaces and groups.
pub const CLUSTER_NODE_ENUM_ALL: u32 = 0x3;
/// `CLUSTER_GROUP_ENUM_CONTAINS`: the resources in a group.
pub const CLUSTER_GROUP_ENUM_CONTAINS: u32 = 0x1;
/// `CLUSTER_GROUP_ENUM_NODES`: a group's preferred owners, in order.
pub const CLUSTER_GROUP_ENUM_NODES: u32 = 0x2;
/// `CLUSTER_GROUP_ENUM_ALL`.
pub const CLUSTER_GROUP_ENUM_ALL: u32 = 0x3;
/// `CLUSTER_RESOURCE_ENUM_DEPENDS`: the resources this one depends on.
pub const CLUSTER_RESOURCE_ENUM_DEPENDS: u32 = 0x1;
/// `CLUSTER_RESOURCE_ENUM_PROVIDES`: the resources that depend on this one.
pub const CLUSTER_RESOURCE_ENUM_PROVIDES: u32 = 0x2;
/// `CLUSTER_RESOURCE_ENUM_NODES`: the nodes that can own the resource (its possible owners).
pub const CLUSTER_RESOURCE_ENUM_NODES: u32 = 0x4;
/// `CLUSTER_RESOURCE_ENUM_ALL`.
pub const CLUSTER_RESOURCE_ENUM_ALL: u32 = 0x7;

/// The items `ClusterOpenEnum(type_mask)` lists, in type-bit order, each kind in creation
/// order.
fn cluster_items(world: &World, c: &Cluster, type_mask: u32) -> Vec<EnumItem> {
    let mut items = Vec::new();
    let mut add = |bit: u32, names: &mut dyn Iterator<Item = &str>| {
        if type_mask & bit != 0 {
            items.extend(names.map(|name| EnumItem { object_type: bit, name: name.to_owned(), ex: None }));
        }
    };
    add(CLUSTER_ENUM_NODE, &mut c.nodes.iter().filter_map(|&k| world.nodes.get(k)).map(|o| o.name.as_str()));
    add(CLUSTER_ENUM_RESTYPE, &mut c.resource_types.iter().map(String::as_str));
    add(
        CLUSTER_ENUM_RESOURCE,
        &mut c.resources.iter().filter_map(|&k| world.resources.get(k)).map(|o| o.name.as_str()),
    );
    // A Cluster Shared Volume's group is listed by CLUSTER_ENUM_SHARED_VOLUME_GROUP only
    // (ours: the CSV groups are the cluster's own, hidden from the list of roles).
    let shared = |g: &&crate::model::world::Group| world.is_shared_volume_group(g);
    add(
        CLUSTER_ENUM_GROUP,
        &mut c
            .groups
            .iter()
            .filter_map(|&k| world.groups.get(k))
            .filter(|g| !shared(g))
            .map(|o| o.name.as_str()),
    );
    let networks = || c.networks.iter().filter_map(|&k| world.networks.get(k)).map(|o| o.name.as_str());
    add(CLUSTER_ENUM_NETWORK, &mut networks());
    add(
        CLUSTER_ENUM_NETINTERFACE,
        &mut c.net_interfaces.iter().filter_map(|&k| world.net_interfaces.get(k)).map(|o| o.name.as_str()),
    );
    add(
        CLUSTER_ENUM_SHARED_VOLUME_GROUP,
        &mut c.groups.iter().filter_map(|&k| world.groups.get(k)).filter(shared).map(|o| o.name.as_str()),
    );
    add(
        CLUSTER_ENUM_SHARED_VOLUME_RESOURCE,
        &mut c
            .resources
            .iter()
            .filter(|&&k| world.disk_of(k).is_some_and(|d| d.csv.is_some()))
            .filter_map(|&k| world.resources.get(k))
            .map(|o| o.name.as_str()),
    );
    // Every simulated network is used for cluster traffic, in the priority order
    // (`SetClusterNetworkPriorityOrder`; at first the topology's order).
    add(
        CLUSTER_ENUM_INTERNAL_NETWORK,
        &mut c.network_priority.iter().filter_map(|&k| world.networks.get(k)).map(|o| o.name.as_str()),
    );
    items
}

/// Checks a `ClusterOpenEnum` type mask: at least one known bit, no unknown bits, and the
/// two "alone" bits alone.
pub(super) fn check_cluster_mask(type_mask: u32) -> Result<()> {
    let combinable = CLUSTER_ENUM_ALL | CLUSTER_ENUM_SHARED_VOLUME_GROUP;
    let alone = [CLUSTER_ENUM_SHARED_VOLUME_RESOURCE, CLUSTER_ENUM_INTERNAL_NETWORK];
    if (type_mask != 0 && type_mask & !combinable == 0) || alone.contains(&type_mask) {
        Ok(())
    } else {
        Err(Error::InvalidParameter(format!(
            "enumeration type {type_mask:#010x}: expected CLUSTER_ENUM_* bits (0x3F, \
             0x20000000), or 0x40000000 or 0x80000000 alone"
        )))
    }
}

/// An enumeration handle type.
pub(crate) trait EnumHandle: Handle {}
impl EnumHandle for HClusEnum {}
impl EnumHandle for HNetworkEnum {}
impl EnumHandle for HNodeEnum {}
impl EnumHandle for HGroupEnum {}
impl EnumHandle for HResEnum {}
impl EnumHandle for crate::types::handle::HResTypeEnum {}
impl EnumHandle for HGroupEnumEx {}
impl EnumHandle for HResEnumEx {}

/// The property names of `ClusterGroupOpenEnumEx` and `ClusterResourceOpenEnumEx` print in
/// the history as the list they are.
impl crate::calls::call::CallArg for &[&str] {
    fn print(&self, out: &mut String) {
        use std::fmt::Write as _;
        let _ = write!(out, "{self:?}");
    }
}

/// `ClusterGroupOpenEnumEx`'s names (MS-CMRP 3.1.4.2.139): each of `properties` must be a
/// group common property (read-write or read-only), each of `ro_properties` a read-only
/// common one (the set Microsoft's page names for `lpszRoProperties`), else
/// `ERROR_INVALID_PARAMETER`; `"*"` (all of a set) is always valid.
fn check_group_names(call: &str, properties: &[&str], ro_properties: &[&str]) -> Result<()> {
    use crate::model::control::catalog::{GROUP_COMMON, GROUP_RO_COMMON};
    use crate::types::names::names_equal;
    let known = |defs: &[&[crate::model::control::catalog::PropDef]], name: &str| {
        name == "*" || defs.iter().flat_map(|d| d.iter()).any(|d| names_equal(d.name, name))
    };
    let bad = properties
        .iter()
        .find(|n| !known(&[GROUP_COMMON, GROUP_RO_COMMON], n))
        .map(|n| (n, "pProperties", "a group common"))
        .or_else(|| {
            ro_properties
                .iter()
                .find(|n| !known(&[GROUP_RO_COMMON], n))
                .map(|n| (n, "pRoProperties", "a group read-only common"))
        });
    match bad {
        Some((name, list, what)) => Err(Error::InvalidParameter(format!(
            "{call}: {list} names \"{name}\", which is not {what} property"
        ))),
        None => Ok(()),
    }
}

/// The groups of `cluster` as `ClusterGroupOpenEnumEx` lists them, in creation order, each
/// with the common properties `properties` and `ro_properties` name (see
/// `rules::control::selected_common`). Each group's pending transitions are polled first,
/// as `GetClusterGroupState` polls them, so the state is the one that call would give.
fn group_items_ex(
    world: &mut World,
    cluster: ClusterKey,
    properties: &[&str],
    ro_properties: &[&str],
) -> Vec<EnumItem> {
    let keys: Vec<GroupKey> = world.clusters.get(cluster).map(|c| c.groups.clone()).unwrap_or_default();
    for &k in &keys {
        world.poll_group(k);
    }
    let w = &*world;
    keys.iter()
        .filter_map(|&k| w.groups.get(k).map(|g| (k, g)))
        .map(|(k, g)| {
            let target = Target::Group(k);
            let item = ClusterGroupEnumItem {
                id: g.id.clone(),
                name: g.name.clone(),
                state: crate::types::state::group_state(
                    g.resources.iter().filter_map(|&r| w.resources.get(r)).map(|r| r.state),
                ),
                owner_node: w.nodes.get(g.owner).map(|n| n.name.clone()).unwrap_or_default(),
                flags: crate::rules::control::object_flags(w, target),
                properties: crate::rules::control::selected_common(w, target, properties, false),
                ro_properties: crate::rules::control::selected_common(w, target, ro_properties, true),
            };
            EnumItem { object_type: 0, name: g.name.clone(), ex: Some(Box::new(EnumExItem::Group(item))) }
        })
        .collect()
}

/// The resources of `cluster` as `ClusterResourceOpenEnumEx` lists them, in creation order,
/// each with its group and the common properties asked for (polled first, as
/// `group_items_ex`).
fn resource_items_ex(
    world: &mut World,
    cluster: ClusterKey,
    properties: &[&str],
    ro_properties: &[&str],
) -> Vec<EnumItem> {
    let keys: Vec<ResourceKey> = world.clusters.get(cluster).map(|c| c.resources.clone()).unwrap_or_default();
    for &k in &keys {
        world.poll_resource(k);
    }
    let w = &*world;
    keys.iter()
        .filter_map(|&k| w.resources.get(k).map(|r| (k, r)))
        .map(|(k, r)| {
            let target = Target::Resource(k);
            let group = w.groups.get(r.group);
            let item = ClusterResourceEnumItem {
                id: r.id.clone(),
                name: r.name.clone(),
                owner_group_name: group.map(|g| g.name.clone()).unwrap_or_default(),
                owner_group_id: group.map(|g| g.id.clone()).unwrap_or_default(),
                properties: crate::rules::control::selected_common(w, target, properties, false),
                ro_properties: crate::rules::control::selected_common(w, target, ro_properties, true),
            };
            EnumItem { object_type: 0, name: r.name.clone(), ex: Some(Box::new(EnumExItem::Resource(item))) }
        })
        .collect()
}

/// Names of objects, as enumeration items of one type bit.
fn named<K: slotmap::Key, V>(
    bit: u32,
    keys: &[K],
    map: &slotmap::SlotMap<K, V>,
    name: impl Fn(&V) -> &str,
) -> Vec<EnumItem> {
    keys.iter()
        .filter_map(|k| map.get(*k))
        .map(|v| EnumItem { object_type: bit, name: name(v).to_owned(), ex: None })
        .collect()
}

impl State {
    /// The snapshot behind an enumeration handle.
    pub(super) fn snapshot<H: EnumHandle>(
        &mut self,
        h: H,
        call: &'static str,
        at: &'static Location<'static>,
    ) -> Result<&Vec<EnumItem>> {
        let (_, e) = self.resolve(h, call, at)?;
        self.snapshots
            .get(SnapshotKey::from(e.object))
            .ok_or_else(|| Error::InternalError(format!("{h:?} has no snapshot")))
    }

    /// Stores a snapshot and opens an enumeration handle of kind `H` on it, in `scope`.
    pub(super) fn open_snapshot<H: EnumHandle>(
        &mut self,
        items: Vec<EnumItem>,
        scope: crate::session::handle_table::ScopeKey,
        access: crate::session::handle_table::Access,
        at: &'static Location<'static>,
    ) -> Result<H> {
        let mut items = items;
        if let Some(seed) = self.enum_seed {
            // Deterministic Fisher-Yates: the same seed and calls give the same orders.
            self.enum_draws = self.enum_draws.wrapping_add(1);
            let mut x = seed ^ self.enum_draws.wrapping_mul(0x9e37_79b9_7f4a_7c15);
            for i in (1..items.len()).rev() {
                x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
                let mut z = x;
                z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
                z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
                // `i + 1` is at most `items.len()`, so neither the sum nor the remainder can fail,
                // and `j <= i` keeps the swap in bounds.
                let j = (z ^ (z >> 31)).checked_rem((i as u64).saturating_add(1)).unwrap_or(0) as usize;
                items.swap(i, j);
            }
        }
        let key = self.snapshots.insert(items);
        match self.handles.open_in_scope(scope, H::KIND, key.data(), access, at) {
            Ok(raw) => H::from_raw(raw).ok_or_else(|| Error::InternalError("NULL handle".into())),
            Err(e) => {
                self.snapshots.remove(key);
                Err(e)
            }
        }
    }
}

impl crate::calls::call::Cx<'_> {
    /// Opens an enumeration of `E` over the object behind `handle`: a snapshot of the items
    /// `items` lists for it.
    fn open_child_enum<H: ObjectKind, E: EnumHandle>(
        &mut self,
        handle: H,
        items: impl FnOnce(&World, ClusterKey, slotmap::KeyData) -> Vec<EnumItem>,
    ) -> Result<E> {
        let at = self.at;
        let (_, e) = self.resolve(handle)?;
        let object = self.object(handle, e.object)?;
        let cluster = self.cluster_of_entry(&e)?;
        let list = items(&self.world, cluster, object);
        self.open_snapshot(list, e.scope, e.access, at)
    }

    /// `*GetEnumCount` of every enumeration kind.
    pub(crate) fn enum_count<E: EnumHandle>(&mut self, henum: E) -> Result<u32> {
        let (call, at) = (self.call, self.at);
        let items = self.snapshot(henum, call, at)?;
        Ok(u32::try_from(items.len()).unwrap_or(u32::MAX))
    }

    /// `*Enum` of every enumeration kind: item `index` of the snapshot.
    pub(crate) fn enum_item<E: EnumHandle>(&mut self, henum: E, index: u32) -> Result<(u32, String)> {
        let (call, at) = (self.call, self.at);
        let items = self.snapshot(henum, call, at)?;
        item(items, index)
    }

    /// `ClusterGroupOpenEnumEx` and `ClusterResourceOpenEnumEx`: checks the reserved flags,
    /// then takes the snapshot `items` makes of the cluster.
    fn open_enum_ex<E: EnumHandle>(
        &mut self,
        hcluster: HCluster,
        flags: u32,
        names: Result<()>,
        items: impl FnOnce(&mut World, ClusterKey) -> Vec<EnumItem>,
    ) -> Result<E> {
        let at = self.at;
        let (_, e) = self.resolve(hcluster)?;
        if flags != 0 {
            return Err(Error::InvalidParameter(format!(
                "{}: dwFlags {flags:#x} is reserved and must be 0",
                self.call
            )));
        }
        names?;
        let cluster = ClusterKey::from(e.object);
        if !self.world.clusters.contains_key(cluster) {
            return Err(Error::RpcServerUnavailable("the cluster is gone".into()));
        }
        let list = items(&mut self.world, cluster);
        self.open_snapshot(list, e.scope, e.access, at)
    }

    /// `ClusterGroupEnumEx` and `ClusterResourceEnumEx`: the whole item `index`.
    fn enum_item_ex<E: EnumHandle>(&mut self, henum: E, index: u32) -> Result<EnumExItem> {
        let (call, at) = (self.call, self.at);
        let items = self.snapshot(henum, call, at)?;
        let found = items.get(index as usize).ok_or_else(|| {
            Error::NoMoreItems(format!("index {index} of an enumeration of {} item(s)", items.len()))
        })?;
        found.ex.as_deref().cloned().ok_or_else(|| Error::InternalError(format!("{henum:?} has no Ex items")))
    }
}

crate::calls::call::calls! {
    /// Enumerations: `ClusterOpenEnum`, `ClusterNetworkOpenEnum`, `ClusterNodeOpenEnum`,
    /// `ClusterGroupOpenEnum`, `ClusterResourceOpenEnum`, `ClusterGroupOpenEnumEx` and
    /// `ClusterResourceOpenEnumEx`, with their count, item and close functions.
    pub trait EnumCalls;

    /// `ClusterOpenEnum`: a snapshot of the cluster's objects of the kinds in `type_mask`
    /// (`CLUSTER_ENUM_*` bits), nodes first, then resource types, resources, groups,
    /// networks and network interfaces, each kind in creation order.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad handle; `ERROR_INVALID_PARAMETER` (87) for a mask of
    /// 0, unknown bits, or `CLUSTER_ENUM_SHARED_VOLUME_RESOURCE` /
    /// `CLUSTER_ENUM_INTERNAL_NETWORK` combined with other bits.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::{Simulator, CLUSTER_ENUM_GROUP, CLUSTER_ENUM_NODE};
    ///
    /// let sim = Simulator::default();
    /// let c = sim.open_cluster(None)?;
    /// let e = sim.cluster_open_enum(c, CLUSTER_ENUM_NODE | CLUSTER_ENUM_GROUP)?;
    /// let mut names = Vec::new();
    /// for i in 0..sim.cluster_get_enum_count(e)? {
    ///     names.push(sim.cluster_enum(e, i)?.1);
    /// }
    /// assert_eq!(names, ["NODE1", "NODE2", "Cluster Group", "Available Storage"]);
    /// assert_eq!(sim.cluster_enum(e, 4).unwrap_err().code(), 259); // ERROR_NO_MORE_ITEMS
    /// sim.cluster_close_enum(e)?;
    /// sim.close_cluster(c)?;
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    "ClusterOpenEnum" [faults(NEW_HANDLE)]
    fn cluster_open_enum(st, hcluster: HCluster, type_mask: u32) -> HClusEnum {
        let at = st.at;
        let (_, e) = st.resolve(hcluster)?;
        check_cluster_mask(type_mask)?;
        let w = &st.world;
        let Some(c) = w.clusters.get(ClusterKey::from(e.object)) else {
            return Err(Error::RpcServerUnavailable("the cluster is gone".into()));
        };
        let items = cluster_items(w, c, type_mask);
        st.open_snapshot(items, e.scope, e.access, at)
    }

    /// `ClusterGetEnumCount`: the number of items in the snapshot.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad handle.
    "ClusterGetEnumCount" [nofault]
    fn cluster_get_enum_count(st, henum: HClusEnum) -> u32 {
        st.enum_count(henum)
    }

    /// `ClusterEnum`: item `index` (from 0) of the snapshot: its `CLUSTER_ENUM_*` type bit
    /// and its name.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad handle; `ERROR_NO_MORE_ITEMS` (259) for an index at
    /// or past the count.
    "ClusterEnum" [nofault]
    fn cluster_enum(st, henum: HClusEnum, index: u32) -> (u32, String) {
        st.enum_item(henum, index)
    }

    /// `ClusterCloseEnum`: closes the enumeration and frees its snapshot.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a value that is not a live enumeration handle.
    "ClusterCloseEnum" [nofault]
    fn cluster_close_enum(st, henum: HClusEnum) -> () {
        st.close_handle(henum)
    }

    /// `ClusterNetworkOpenEnum`: a snapshot of the network's interfaces
    /// (`CLUSTER_NETWORK_ENUM_NETINTERFACES`). As on real servers, unknown bits are
    /// ignored (a mask without bit 0 enumerates nothing).
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad handle; `ERROR_CLUSTER_NETWORK_NOT_FOUND` if the
    /// network was deleted.
    "ClusterNetworkOpenEnum" [faults(NEW_HANDLE + ERROR_CLUSTER_NETWORK_NOT_FOUND)]
    fn cluster_network_open_enum(st, hnetwork: HNetwork, type_mask: u32) -> HNetworkEnum {
        let at = st.at;
        let (_, e) = st.resolve(hnetwork)?;
        let key = NetworkKey::from(st.object(hnetwork, e.object)?);
        let w = &st.world;
        let items = match w.networks.get(key) {
            Some(n) if type_mask & CLUSTER_NETWORK_ENUM_NETINTERFACES != 0 => n
                .net_interfaces
                .iter()
                .filter_map(|&i| w.net_interfaces.get(i))
                .map(|i| EnumItem { object_type: CLUSTER_NETWORK_ENUM_NETINTERFACES, name: i.name.clone(), ex: None })
                .collect(),
            _ => Vec::new(),
        };
        st.open_snapshot(items, e.scope, e.access, at)
    }

    /// `ClusterNetworkGetEnumCount`: the number of items in the snapshot.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad handle.
    "ClusterNetworkGetEnumCount" [nofault]
    fn cluster_network_get_enum_count(st, henum: HNetworkEnum) -> u32 {
        st.enum_count(henum)
    }

    /// `ClusterNetworkEnum`: item `index` of the snapshot: its type bit
    /// (`CLUSTER_NETWORK_ENUM_NETINTERFACES`) and the interface's name.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad handle; `ERROR_NO_MORE_ITEMS` past the end.
    "ClusterNetworkEnum" [nofault]
    fn cluster_network_enum(st, henum: HNetworkEnum, index: u32) -> (u32, String) {
        st.enum_item(henum, index)
    }

    /// `ClusterNetworkCloseEnum`: closes the enumeration and frees its snapshot.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a value that is not a live network enumeration handle.
    "ClusterNetworkCloseEnum" [nofault]
    fn cluster_network_close_enum(st, henum: HNetworkEnum) -> () {
        st.close_handle(henum)
    }

    /// `ClusterNodeOpenEnum`: a snapshot of the node's network interfaces
    /// (`CLUSTER_NODE_ENUM_NETINTERFACES`), the groups it owns (`CLUSTER_NODE_ENUM_GROUPS`)
    /// and the groups that prefer it (`CLUSTER_NODE_ENUM_PREFERRED_GROUPS`), in that order.
    /// Unknown bits are ignored.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE`; `ERROR_CLUSTER_NODE_NOT_FOUND` if it was evicted.
    "ClusterNodeOpenEnum" [faults(NEW_HANDLE + ERROR_CLUSTER_NODE_NOT_FOUND)]
    fn cluster_node_open_enum(st, hnode: HNode, type_mask: u32) -> HNodeEnum {
        st.open_child_enum(hnode, |w, cluster, object| {
            let node = NodeKey::from(object);
            let mut items = Vec::new();
            let groups: &[GroupKey] = w.clusters.get(cluster).map_or(&[], |c| &c.groups);
            if type_mask & CLUSTER_NODE_ENUM_NETINTERFACES != 0 {
                let nics: &[_] = w.nodes.get(node).map_or(&[], |n| &n.net_interfaces);
                items.extend(named(CLUSTER_NODE_ENUM_NETINTERFACES, nics, &w.net_interfaces, |i| &i.name));
            }
            if type_mask & CLUSTER_NODE_ENUM_GROUPS != 0 {
                let owned: Vec<GroupKey> = groups
                    .iter()
                    .copied()
                    .filter(|&g| w.groups.get(g).is_some_and(|g| g.owner == node))
                    .collect();
                items.extend(named(CLUSTER_NODE_ENUM_GROUPS, &owned, &w.groups, |g| &g.name));
            }
            if type_mask & CLUSTER_NODE_ENUM_PREFERRED_GROUPS != 0 {
                let preferring: Vec<GroupKey> = groups
                    .iter()
                    .copied()
                    .filter(|&g| w.groups.get(g).is_some_and(|g| g.preferred.contains(&node)))
                    .collect();
                items.extend(named(CLUSTER_NODE_ENUM_PREFERRED_GROUPS, &preferring, &w.groups, |g| &g.name));
            }
            items
        })
    }

    /// `ClusterNodeGetEnumCount`.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad handle.
    "ClusterNodeGetEnumCount" [nofault]
    fn cluster_node_get_enum_count(st, henum: HNodeEnum) -> u32 {
        st.enum_count(henum)
    }

    /// `ClusterNodeEnum`: item `index`: its type bit and name.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE`; `ERROR_NO_MORE_ITEMS` past the end.
    "ClusterNodeEnum" [nofault]
    fn cluster_node_enum(st, henum: HNodeEnum, index: u32) -> (u32, String) {
        st.enum_item(henum, index)
    }

    /// `ClusterNodeCloseEnum`.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a value that is not a live node enumeration.
    "ClusterNodeCloseEnum" [nofault]
    fn cluster_node_close_enum(st, henum: HNodeEnum) -> () {
        st.close_handle(henum)
    }

    /// `ClusterGroupOpenEnum`: a snapshot of the group's resources
    /// (`CLUSTER_GROUP_ENUM_CONTAINS`) and its preferred owners in order
    /// (`CLUSTER_GROUP_ENUM_NODES`). Unknown bits are ignored, as real servers ignore them.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE`; `ERROR_GROUP_NOT_AVAILABLE` if it was deleted.
    "ClusterGroupOpenEnum" [faults(NEW_HANDLE + ERROR_GROUP_NOT_AVAILABLE)]
    fn cluster_group_open_enum(st, hgroup: HGroup, type_mask: u32) -> HGroupEnum {
        st.open_child_enum(hgroup, |w, _, object| {
            let Some(g) = w.groups.get(GroupKey::from(object)) else { return Vec::new() };
            let mut items = Vec::new();
            if type_mask & CLUSTER_GROUP_ENUM_CONTAINS != 0 {
                items.extend(named(CLUSTER_GROUP_ENUM_CONTAINS, &g.resources, &w.resources, |r| &r.name));
            }
            if type_mask & CLUSTER_GROUP_ENUM_NODES != 0 {
                items.extend(named(CLUSTER_GROUP_ENUM_NODES, &g.preferred, &w.nodes, |n| &n.name));
            }
            items
        })
    }

    /// `ClusterGroupGetEnumCount`.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad handle.
    "ClusterGroupGetEnumCount" [nofault]
    fn cluster_group_get_enum_count(st, henum: HGroupEnum) -> u32 {
        st.enum_count(henum)
    }

    /// `ClusterGroupEnum`: item `index`: its type bit and name.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE`; `ERROR_NO_MORE_ITEMS` past the end.
    "ClusterGroupEnum" [nofault]
    fn cluster_group_enum(st, henum: HGroupEnum, index: u32) -> (u32, String) {
        st.enum_item(henum, index)
    }

    /// `ClusterGroupCloseEnum`.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a value that is not a live group enumeration.
    "ClusterGroupCloseEnum" [nofault]
    fn cluster_group_close_enum(st, henum: HGroupEnum) -> () {
        st.close_handle(henum)
    }

    /// `ClusterResourceOpenEnum`: a snapshot of the resources it depends on
    /// (`CLUSTER_RESOURCE_ENUM_DEPENDS`), those that depend on it
    /// (`CLUSTER_RESOURCE_ENUM_PROVIDES`) and its possible owners, at first every node of the
    /// cluster (`CLUSTER_RESOURCE_ENUM_NODES`). Unknown bits are ignored.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE`; `ERROR_RESOURCE_NOT_AVAILABLE` if it was deleted.
    "ClusterResourceOpenEnum" [faults(NEW_HANDLE + ERROR_RESOURCE_NOT_AVAILABLE)]
    fn cluster_resource_open_enum(st, hresource: HResource, type_mask: u32) -> HResEnum {
        st.open_child_enum(hresource, |w, cluster, object| {
            let key = ResourceKey::from(object);
            let Some(r) = w.resources.get(key) else { return Vec::new() };
            let mut items = Vec::new();
            if type_mask & CLUSTER_RESOURCE_ENUM_DEPENDS != 0 {
                items.extend(named(CLUSTER_RESOURCE_ENUM_DEPENDS, &r.depends_on, &w.resources, |r| &r.name));
            }
            if type_mask & CLUSTER_RESOURCE_ENUM_PROVIDES != 0 {
                let members = w.groups.get(r.group).map(|g| g.resources.clone()).unwrap_or_default();
                let dependents: Vec<ResourceKey> = members
                    .into_iter()
                    .filter(|&m| w.resources.get(m).is_some_and(|m| m.depends_on.contains(&key)))
                    .collect();
                items.extend(named(CLUSTER_RESOURCE_ENUM_PROVIDES, &dependents, &w.resources, |r| &r.name));
            }
            if type_mask & CLUSTER_RESOURCE_ENUM_NODES != 0 {
                let _ = cluster;
                items.extend(named(CLUSTER_RESOURCE_ENUM_NODES, &r.possible_owners, &w.nodes, |n| &n.name));
            }
            items
        })
    }

    /// `ClusterResourceGetEnumCount`.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad handle.
    "ClusterResourceGetEnumCount" [nofault]
    fn cluster_resource_get_enum_count(st, henum: HResEnum) -> u32 {
        st.enum_count(henum)
    }

    /// `ClusterResourceEnum`: item `index`: its type bit and name.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE`; `ERROR_NO_MORE_ITEMS` past the end.
    "ClusterResourceEnum" [nofault]
    fn cluster_resource_enum(st, henum: HResEnum, index: u32) -> (u32, String) {
        st.enum_item(henum, index)
    }

    /// `ClusterResourceCloseEnum`.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a value that is not a live resource enumeration.
    "ClusterResourceCloseEnum" [nofault]
    fn cluster_resource_close_enum(st, henum: HResEnum) -> () {
        st.close_handle(henum)
    }

    /// `ClusterGroupOpenEnumEx`: a snapshot of the cluster's groups, in creation order, each
    /// with its id, name, state, owner node and flags, and the common properties named in
    /// `properties` and the read-only common properties named in `ro_properties`, with
    /// their values (MS-CMRP 3.1.4.2.139, `ApiCreateGroupEnum`). `["*"]` asks for all of a
    /// set (as `CLUSCTL_GROUP_GET_COMMON_PROPERTIES` / `_GET_RO_COMMON_PROPERTIES` give
    /// them); `[]` for none. A read-only common name in `properties` is valid but left out
    /// of the item's list (the list holds the read-write ones). Later calls read the
    /// snapshot only, as Microsoft's page says (the data is gathered when the enumeration
    /// opens).
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad handle; `ERROR_INVALID_PARAMETER` (87) for `flags`
    /// other than 0 (reserved), or a name in `properties` that is not a group common
    /// property or in `ro_properties` that is not a read-only common one (MS-CMRP
    /// 3.1.4.2.139); `ERROR_NOT_ENOUGH_MEMORY` when the table is full.
    ///
    /// ```
    /// use clusapi_sim::{ClusterGroupState, PropertyValue, Simulator};
    ///
    /// let sim = Simulator::default();
    /// let c = sim.open_cluster(None)?;
    /// let e = sim.cluster_group_open_enum_ex(c, &["Priority"], &["GroupType"], 0)?;
    /// assert_eq!(sim.cluster_group_get_enum_count_ex(e)?, 2);
    /// let item = sim.cluster_group_enum_ex(e, 0)?;
    /// assert_eq!((item.name.as_str(), item.owner_node.as_str()), ("Cluster Group", "NODE1"));
    /// assert_eq!(item.state, ClusterGroupState::Online);
    /// assert_eq!(item.properties.get("Priority"), Some(&PropertyValue::Dword(2000)));
    /// assert_eq!(item.ro_properties.get("GroupType"), Some(&PropertyValue::Dword(1)));
    /// assert_eq!(sim.cluster_group_enum_ex(e, 2).unwrap_err().code(), 259);
    /// # sim.cluster_group_close_enum_ex(e)?; sim.close_cluster(c)?;
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    "ClusterGroupOpenEnumEx" [faults(NEW_HANDLE)]
    fn cluster_group_open_enum_ex(
        st,
        hcluster: HCluster,
        properties: &[&str],
        ro_properties: &[&str],
        #[hex] flags: u32,
    ) -> HGroupEnumEx {
        let names = check_group_names(st.call, properties, ro_properties);
        st.open_enum_ex(hcluster, flags, names, |w, cluster| group_items_ex(w, cluster, properties, ro_properties))
    }

    /// `ClusterGroupGetEnumCountEx`: the number of groups in the snapshot.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad handle.
    "ClusterGroupGetEnumCountEx" [nofault]
    fn cluster_group_get_enum_count_ex(st, henum: HGroupEnumEx) -> u32 {
        st.enum_count(henum)
    }

    /// `ClusterGroupEnumEx`: group `index` (from 0) of the snapshot.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad handle; `ERROR_NO_MORE_ITEMS` (259) for an index at
    /// or past the count.
    "ClusterGroupEnumEx" [nofault]
    fn cluster_group_enum_ex(st, henum: HGroupEnumEx, index: u32) -> ClusterGroupEnumItem {
        match st.enum_item_ex(henum, index)? {
            EnumExItem::Group(item) => Ok(item),
            EnumExItem::Resource(_) => Err(Error::InternalError(format!("{henum:?} holds resources"))),
        }
    }

    /// `ClusterGroupCloseEnumEx`: closes the enumeration and frees its snapshot.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a value that is not a live `HGROUPENUMEX`.
    "ClusterGroupCloseEnumEx" [nofault]
    fn cluster_group_close_enum_ex(st, henum: HGroupEnumEx) -> () {
        st.close_handle(henum)
    }

    /// `ClusterResourceOpenEnumEx`: a snapshot of the cluster's resources, in creation
    /// order, each with its id, name, the name and id of its group, and the common
    /// properties named in `properties` and `ro_properties` with their values (MS-CMRP
    /// 3.1.4.2.140, `ApiCreateResourceEnum`), chosen as
    /// [`cluster_group_open_enum_ex`](Self::cluster_group_open_enum_ex) chooses them.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad handle; `ERROR_INVALID_PARAMETER` (87) for `flags`
    /// other than 0 (reserved); `ERROR_NOT_ENOUGH_MEMORY` when the table is full.
    ///
    /// ```
    /// use clusapi_sim::{PropertyValue, Simulator};
    ///
    /// let sim = Simulator::default();
    /// let c = sim.open_cluster(None)?;
    /// let e = sim.cluster_resource_open_enum_ex(c, &["*"], &[], 0)?;
    /// assert_eq!(sim.cluster_resource_get_enum_count_ex(e)?, 2);
    /// let item = sim.cluster_resource_enum_ex(e, 1)?;
    /// assert_eq!(item.name, "Cluster IP Address");
    /// assert_eq!(item.owner_group_name, "Cluster Group");
    /// assert_eq!(item.properties.get("Type"), Some(&PropertyValue::Sz("IP Address".into())));
    /// assert!(item.ro_properties.is_empty());
    /// # sim.cluster_resource_close_enum_ex(e)?; sim.close_cluster(c)?;
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    "ClusterResourceOpenEnumEx" [faults(NEW_HANDLE)]
    fn cluster_resource_open_enum_ex(
        st,
        hcluster: HCluster,
        properties: &[&str],
        ro_properties: &[&str],
        #[hex] flags: u32,
    ) -> HResEnumEx {
        st.open_enum_ex(hcluster, flags, Ok(()), |w, cluster| resource_items_ex(w, cluster, properties, ro_properties))
    }

    /// `ClusterResourceGetEnumCountEx`: the number of resources in the snapshot.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad handle.
    "ClusterResourceGetEnumCountEx" [nofault]
    fn cluster_resource_get_enum_count_ex(st, henum: HResEnumEx) -> u32 {
        st.enum_count(henum)
    }

    /// `ClusterResourceEnumEx`: resource `index` (from 0) of the snapshot.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad handle; `ERROR_NO_MORE_ITEMS` (259) for an index at
    /// or past the count.
    "ClusterResourceEnumEx" [nofault]
    fn cluster_resource_enum_ex(st, henum: HResEnumEx, index: u32) -> ClusterResourceEnumItem {
        match st.enum_item_ex(henum, index)? {
            EnumExItem::Resource(item) => Ok(item),
            EnumExItem::Group(_) => Err(Error::InternalError(format!("{henum:?} holds groups"))),
        }
    }

    /// `ClusterResourceCloseEnumEx`: closes the enumeration and frees its snapshot.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a value that is not a live `HRESENUMEX`.
    "ClusterResourceCloseEnumEx" [nofault]
    fn cluster_resource_close_enum_ex(st, henum: HResEnumEx) -> () {
        st.close_handle(henum)
    }
}

fn item(items: &[EnumItem], index: u32) -> Result<(u32, String)> {
    items.get(index as usize).map(|i| (i.object_type, i.name.clone())).ok_or_else(|| {
        Error::NoMoreItems(format!("index {index} of an enumeration of {} item(s)", items.len()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks() {
        for ok in [1, 0x3F, 0x21, 0x2000_0001, 0x4000_0000, 0x8000_0000] {
            assert!(check_cluster_mask(ok).is_ok(), "{ok:#x}");
        }
        for bad in [0, 0x40, 0x80, 0x100, 0x4000_0001, 0x8000_0010, 0xC000_0000] {
            assert!(check_cluster_mask(bad).is_err(), "{bad:#x}");
        }
    }
}
