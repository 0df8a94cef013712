//! Notifications: ports, registrations, and the events every change raises.
//!
//! Events are found by comparing the world before and after each call, which keeps every
//! operation free of notification code and makes the events follow what actually changed.
//! That comparison runs only while a notification port is open, so a simulator without
//! ports pays nothing for it.

use std::collections::{HashMap, VecDeque};
use std::fmt;

use slotmap::{Key, KeyData, new_key_type};

use crate::handle::HandleKind;
use crate::state::group_state;
use crate::world::{ClusterKey, GroupKey, NetInterfaceKey, NetworkKey, NodeKey, ResourceKey, Touched, World};

/// `CLUSTER_CHANGE_*` filter bits (`clusapi.h`).
pub mod change {
    macro_rules! bits {
        ($( $name:ident = $value:literal; )*) => {
            $( #[doc = concat!("`CLUSTER_CHANGE_", stringify!($name), "`.")] pub const $name: u32 = $value; )*
        };
    }
    bits! {
        NODE_STATE = 0x0000_0001;
        NODE_DELETED = 0x0000_0002;
        NODE_ADDED = 0x0000_0004;
        NODE_PROPERTY = 0x0000_0008;
        RESOURCE_STATE = 0x0000_0100;
        RESOURCE_DELETED = 0x0000_0200;
        RESOURCE_ADDED = 0x0000_0400;
        RESOURCE_PROPERTY = 0x0000_0800;
        GROUP_STATE = 0x0000_1000;
        GROUP_DELETED = 0x0000_2000;
        GROUP_ADDED = 0x0000_4000;
        GROUP_PROPERTY = 0x0000_8000;
        RESOURCE_TYPE_DELETED = 0x0001_0000;
        RESOURCE_TYPE_ADDED = 0x0002_0000;
        RESOURCE_TYPE_PROPERTY = 0x0004_0000;
        NETWORK_STATE = 0x0010_0000;
        NETWORK_DELETED = 0x0020_0000;
        NETWORK_ADDED = 0x0040_0000;
        NETWORK_PROPERTY = 0x0080_0000;
        NETINTERFACE_STATE = 0x0100_0000;
        NETINTERFACE_DELETED = 0x0200_0000;
        NETINTERFACE_ADDED = 0x0400_0000;
        NETINTERFACE_PROPERTY = 0x0800_0000;
        REGISTRY_NAME = 0x0000_0010;
        REGISTRY_ATTRIBUTES = 0x0000_0020;
        REGISTRY_VALUE = 0x0000_0040;
        REGISTRY_SUBTREE = 0x0000_0080;
        CLUSTER_STATE = 0x2000_0000;
        CLUSTER_PROPERTY = 0x4000_0000;
        HANDLE_CLOSE = 0x8000_0000;
        ALL = 0xFFFF_FFFF;
    }
}

new_key_type! {
    /// A notification port.
    pub(crate) struct PortKey;
}

/// One event, as `GetClusterNotify` hands it out.
#[derive(Debug, Clone, PartialEq, Eq)]
// Exhaustive on purpose: the fields are what the Win32 call returns, so production
// implementations of `ClusterApi` (such as clusapi-win) build it with a struct expression.
pub struct Notification {
    /// The key given when the registration that matched was made.
    pub key: usize,
    /// The `CLUSTER_CHANGE_*` bit of the event.
    pub filter_type: u32,
    /// The name of the object the event is about.
    pub name: String,
}

impl fmt::Display for Notification {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:#010x} \"{}\" (key {})", self.filter_type, self.name, self.key)
    }
}

/// A port: what it listens to, and the events waiting in it.
#[derive(Debug, Default)]
pub(crate) struct Port {
    /// Cluster-wide registrations: cluster, filter, key.
    pub clusters: Vec<(ClusterKey, u32, usize)>,
    /// Object registrations: the handle registered (raw), its kind and object, filter, key.
    pub objects: Vec<(usize, HandleKind, KeyData, u32, usize)>,
    /// Registry key registrations: the key handle (raw), what it names, filter, key.
    pub keys: Vec<(usize, crate::api::OpenKey, u32, usize)>,
    pub queue: VecDeque<Notification>,
    /// The V2 registrations and queue (`notify_v2`).
    pub v2: crate::notify_v2::V2Registrations,
}

/// What one object looked like, for the comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Seen {
    cluster: ClusterKey,
    name: String,
    /// State, owner and whatever else a change of raises the kind's `_STATE` event.
    state: (i32, KeyData),
    /// What a change of raises the kind's `_PROPERTY` event.
    property: Vec<KeyData>,
    /// The object's place in topology order: its cluster's place, its kind's, and a
    /// number that grows with every object the picture takes in (objects are appended to
    /// their cluster's lists and never reordered, so later means further down the list).
    place: Place,
}

/// A place in topology order (see [`Seen::place`]).
type Place = (usize, u8, u64);

/// The world as the notification layer sees it: every object of every cluster, the
/// clusters themselves (`HandleKind::Cluster`, for `CLUSTER_PROPERTY`) and their resource
/// types (kept under `HandleKind::ResTypeEnum`, for the `RESOURCE_TYPE_*` events; a type
/// has no handle kind of its own).
#[derive(Debug, Default, Clone)]
pub(crate) struct Snapshot {
    objects: HashMap<(HandleKind, KeyData), Seen>,
    /// Each cluster's resource types, by key, as the picture has them.
    types: HashMap<ClusterKey, Vec<KeyData>>,
    /// The number the next object taken in gets.
    next: u64,
}

/// The kind the picture files resource types under.
const RESOURCE_TYPE: HandleKind = HandleKind::ResTypeEnum;

/// The key of a resource type: its cluster and its name, any case.
fn type_key(cluster: ClusterKey, name: &str) -> KeyData {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ cluster.data().as_ffi();
    for c in crate::names::folded(name) {
        h = (h ^ u64::from(u32::from(c))).wrapping_mul(0x0100_0000_01b3);
    }
    KeyData::from_ffi(h)
}

/// The resource types of a cluster now: key, name, property-set count.
fn types_of(world: &World, cluster: ClusterKey) -> Vec<(KeyData, String, u64)> {
    let Some(c) = world.clusters.get(cluster) else { return Vec::new() };
    c.resource_types
        .iter()
        .enumerate()
        .map(|(i, t)| (type_key(cluster, t), t.clone(), c.type_props.get(i).map_or(0, |p| p.version())))
        .collect()
}

/// One object of a picture without its numbering, for comparing pictures.
type Plain = (HandleKind, KeyData, ClusterKey, String, (i32, KeyData), Vec<KeyData>);

impl Snapshot {
    /// The objects in topology order, without the numbering (which differs between a
    /// picture kept up to date and a fresh one).
    fn plain(&self) -> Vec<Plain> {
        let mut v: Vec<(&Place, Plain)> = self
            .objects
            .iter()
            .map(|(id, o)| (&o.place, (id.0, id.1, o.cluster, o.name.clone(), o.state, o.property.clone())))
            .collect();
        v.sort_by_key(|x| *x.0);
        v.into_iter().map(|x| x.1).collect()
    }
}

impl PartialEq for Snapshot {
    /// The same objects, looking the same, in the same order.
    fn eq(&self, other: &Self) -> bool {
        self.plain() == other.plain()
    }
}

/// The rank of a kind in topology order.
fn rank(kind: HandleKind) -> u8 {
    match kind {
        HandleKind::Cluster => 0,
        HandleKind::Node => 1,
        HandleKind::Group => 2,
        HandleKind::Resource => 3,
        HandleKind::Network => 4,
        HandleKind::NetInterface => 5,
        _ => 6,
    }
}

/// What `update` does to one object.
enum Step {
    Changed(String, (i32, KeyData), Vec<KeyData>),
    Added(ClusterKey, usize, String, (i32, KeyData), Vec<KeyData>),
    Deleted,
}

/// How one object looks now: its name, state and property parts (not its cluster or place).
/// The property part ends with the object's count of property sets, so a set is a change.
fn look(world: &World, kind: HandleKind, key: KeyData) -> Option<(String, (i32, KeyData), Vec<KeyData>)> {
    let sets = |p: &crate::control::props::Props| KeyData::from_ffi(p.version());
    match kind {
        HandleKind::Node => {
            let n = world.nodes.get(NodeKey::from(key))?;
            Some((n.name.clone(), (n.state.code(), KeyData::default()), vec![sets(&n.props)]))
        }
        HandleKind::Group => {
            let g = world.groups.get(GroupKey::from(key))?;
            let state =
                group_state(g.resources.iter().filter_map(|&r| world.resources.get(r)).map(|r| r.state));
            let mut property: Vec<KeyData> = g.preferred.iter().map(|p| p.data()).collect();
            property.push(sets(&g.props));
            Some((g.name.clone(), (state.code(), g.owner.data()), property))
        }
        HandleKind::Resource => {
            let r = world.resources.get(ResourceKey::from(key))?;
            let mut property: Vec<KeyData> = r.depends_on.iter().map(|p| p.data()).collect();
            property.push(sets(&r.props));
            Some((r.name.clone(), (r.state.code(), KeyData::default()), property))
        }
        HandleKind::Network => {
            let n = world.networks.get(NetworkKey::from(key))?;
            Some((n.name.clone(), (n.state.code(), KeyData::default()), vec![sets(&n.props)]))
        }
        HandleKind::NetInterface => {
            let i = world.net_interfaces.get(NetInterfaceKey::from(key))?;
            Some((i.name.clone(), (i.state.code(), KeyData::default()), vec![sets(&i.props)]))
        }
        HandleKind::Cluster => {
            let c = world.clusters.get(ClusterKey::from(key))?;
            Some((c.name.clone(), (0, KeyData::default()), vec![sets(&c.props)]))
        }
        RESOURCE_TYPE => world.cluster_order.iter().find_map(|&ck| {
            types_of(world, ck)
                .into_iter()
                .find(|(k, _, _)| *k == key)
                .map(|(_, name, version)| (name, (0, KeyData::default()), vec![KeyData::from_ffi(version)]))
        }),
        _ => None,
    }
}

impl Snapshot {
    /// A picture of the whole world, in topology order.
    pub(crate) fn of(world: &World) -> Self {
        let mut s = Snapshot::default();
        for (ci, &ck) in world.cluster_order.iter().enumerate() {
            let Some(c) = world.clusters.get(ck) else { continue };
            let types: Vec<KeyData> = types_of(world, ck).into_iter().map(|t| t.0).collect();
            let ids = std::iter::once((HandleKind::Cluster, ck.data()))
                .chain(c.nodes.iter().map(|k| (HandleKind::Node, k.data())))
                .chain(c.groups.iter().map(|k| (HandleKind::Group, k.data())))
                .chain(c.resources.iter().map(|k| (HandleKind::Resource, k.data())))
                .chain(c.networks.iter().map(|k| (HandleKind::Network, k.data())))
                .chain(c.net_interfaces.iter().map(|k| (HandleKind::NetInterface, k.data())))
                .chain(types.iter().map(|&k| (RESOURCE_TYPE, k)));
            s.types.insert(ck, types.clone());
            for (kind, key) in ids {
                if let Some((name, state, property)) = look(world, kind, key) {
                    let place = (ci, rank(kind), s.next);
                    s.next = s.next.wrapping_add(1);
                    s.objects.insert((kind, key), Seen { cluster: ck, name, state, property, place });
                }
            }
        }
        s
    }

    /// Brings the picture up to date after a call that touched only the objects in
    /// `touched`, and returns the events, in the order [`diff`] would give them. `None`
    /// when an added object is in none of the touched clusters' lists: then only a full
    /// comparison is right (the picture is left as it was).
    pub(crate) fn update(&mut self, world: &World, touched: &Touched) -> Option<Vec<Event>> {
        let mut ids: Vec<(HandleKind, KeyData)> = Vec::new();
        ids.extend(touched.nodes.iter().map(|k| (HandleKind::Node, k.data())));
        ids.extend(touched.groups.iter().map(|k| (HandleKind::Group, k.data())));
        for &r in &touched.resources {
            ids.push((HandleKind::Resource, r.data()));
            // A group's state is derived from its resources'. (Removing a resource changes
            // its group's list, so that group is touched already.)
            if let Some(res) = world.resources.get(r) {
                ids.push((HandleKind::Group, res.group.data()));
            }
        }
        ids.extend(touched.networks.iter().map(|k| (HandleKind::Network, k.data())));
        ids.extend(touched.net_interfaces.iter().map(|k| (HandleKind::NetInterface, k.data())));
        // A touched cluster: its own properties, and its resource types (those the picture
        // has and those it has now: some may have come or gone).
        let mut type_lists = Vec::new();
        for &ck in &touched.clusters {
            ids.push((HandleKind::Cluster, ck.data()));
            let now: Vec<KeyData> = types_of(world, ck).into_iter().map(|t| t.0).collect();
            ids.extend(
                now.iter().chain(self.types.get(&ck).into_iter().flatten()).map(|&k| (RESOURCE_TYPE, k)),
            );
            type_lists.push((ck, now));
        }
        ids.sort_unstable_by_key(|(kind, key)| (rank(*kind), key.as_ffi()));
        ids.dedup();
        // Plan every step before changing the picture, so that `None` leaves it whole.
        let mut plan = Vec::with_capacity(ids.len());
        for (kind, key) in ids {
            let step = match (self.objects.get(&(kind, key)), look(world, kind, key)) {
                (Some(_), Some((name, state, property))) => Step::Changed(name, state, property),
                (Some(_), None) => Step::Deleted,
                (None, Some((name, state, property))) => {
                    let (ck, ci) = cluster_listing(world, &touched.clusters, kind, key)?;
                    Step::Added(ck, ci, name, state, property)
                }
                // Added and removed within the call: nobody saw it.
                (None, None) => continue,
            };
            plan.push((kind, key, step));
        }
        let (mut deleted, mut others) = (Vec::new(), Vec::new());
        for (kind, key, step) in plan {
            let (state_bit, deleted_bit, added_bit, property_bit) = bits(kind);
            match step {
                Step::Deleted => {
                    if let Some(old) = self.objects.remove(&(kind, key)) {
                        let e = Event {
                            cluster: old.cluster,
                            kind,
                            object: key,
                            filter: deleted_bit,
                            name: old.name,
                        };
                        deleted.push((old.place, e));
                    }
                }
                Step::Added(cluster, ci, name, state, property) => {
                    let place = (ci, rank(kind), self.next);
                    self.next = self.next.wrapping_add(1);
                    let e = Event { cluster, kind, object: key, filter: added_bit, name: name.clone() };
                    others.push((place, e));
                    self.objects.insert((kind, key), Seen { cluster, name, state, property, place });
                }
                Step::Changed(name, state, property) => {
                    let Some(old) = self.objects.get_mut(&(kind, key)) else { continue };
                    let event = |filter| Event {
                        cluster: old.cluster,
                        kind,
                        object: key,
                        filter,
                        name: name.clone(),
                    };
                    if old.name != name || old.property != property {
                        others.push((old.place, event(property_bit)));
                    }
                    if old.state != state {
                        others.push((old.place, event(state_bit)));
                    }
                    old.name = name;
                    old.state = state;
                    old.property = property;
                }
            }
        }
        for (ck, now) in type_lists {
            self.types.insert(ck, now);
        }
        // Stable sorts: an object's property event stays before its state event.
        deleted.sort_by_key(|e| e.0);
        others.sort_by_key(|e| e.0);
        Some(deleted.into_iter().chain(others).map(|e| e.1).collect())
    }
}

/// The cluster whose list of `kind` holds `key`, among `clusters`, and its place in the
/// cluster order.
fn cluster_listing(
    world: &World,
    clusters: &[ClusterKey],
    kind: HandleKind,
    key: KeyData,
) -> Option<(ClusterKey, usize)> {
    clusters.iter().find_map(|&ck| {
        let c = world.clusters.get(ck)?;
        let listed = match kind {
            HandleKind::Node => c.nodes.contains(&NodeKey::from(key)),
            HandleKind::Group => c.groups.contains(&GroupKey::from(key)),
            HandleKind::Resource => c.resources.contains(&ResourceKey::from(key)),
            HandleKind::Network => c.networks.contains(&NetworkKey::from(key)),
            RESOURCE_TYPE => types_of(world, ck).iter().any(|t| t.0 == key),
            _ => c.net_interfaces.contains(&NetInterfaceKey::from(key)),
        };
        let ci = world.cluster_order.iter().position(|&o| o == ck)?;
        listed.then_some((ck, ci))
    })
}

/// The `_STATE`, `_DELETED`, `_ADDED` and `_PROPERTY` bits of a kind.
fn bits(kind: HandleKind) -> (u32, u32, u32, u32) {
    use change::*;
    match kind {
        HandleKind::Node => (NODE_STATE, NODE_DELETED, NODE_ADDED, NODE_PROPERTY),
        HandleKind::Group => (GROUP_STATE, GROUP_DELETED, GROUP_ADDED, GROUP_PROPERTY),
        HandleKind::Resource => (RESOURCE_STATE, RESOURCE_DELETED, RESOURCE_ADDED, RESOURCE_PROPERTY),
        HandleKind::Network => (NETWORK_STATE, NETWORK_DELETED, NETWORK_ADDED, NETWORK_PROPERTY),
        // A cluster's picture state never changes (its state events come from the levers).
        HandleKind::Cluster => (0, 0, 0, CLUSTER_PROPERTY),
        RESOURCE_TYPE => (0, RESOURCE_TYPE_DELETED, RESOURCE_TYPE_ADDED, RESOURCE_TYPE_PROPERTY),
        _ => (NETINTERFACE_STATE, NETINTERFACE_DELETED, NETINTERFACE_ADDED, NETINTERFACE_PROPERTY),
    }
}

/// One change between two snapshots.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Event {
    pub cluster: ClusterKey,
    pub kind: HandleKind,
    pub object: KeyData,
    pub filter: u32,
    pub name: String,
}

/// The changes from `before` to `after`, in a fixed order: deletions (in the order of
/// `before`), then for each object of `after` in topology order its addition, property and
/// state changes.
pub(crate) fn diff(before: &Snapshot, after: &Snapshot) -> Vec<Event> {
    let mut deleted: Vec<(Place, Event)> = before
        .objects
        .iter()
        .filter(|(id, _)| !after.objects.contains_key(id))
        .map(|(id, old)| {
            let e = Event {
                cluster: old.cluster,
                kind: id.0,
                object: id.1,
                filter: bits(id.0).1,
                name: old.name.clone(),
            };
            (old.place, e)
        })
        .collect();
    let mut others: Vec<(Place, Event)> = Vec::new();
    for (id, new) in &after.objects {
        let (state_bit, _, added_bit, property_bit) = bits(id.0);
        let event =
            |filter| Event { cluster: new.cluster, kind: id.0, object: id.1, filter, name: new.name.clone() };
        match before.objects.get(id) {
            None => others.push((new.place, event(added_bit))),
            Some(old) => {
                if old.name != new.name || old.property != new.property {
                    others.push((new.place, event(property_bit)));
                }
                if old.state != new.state {
                    others.push((new.place, event(state_bit)));
                }
            }
        }
    }
    // Stable sorts: an object's property event stays before its state event.
    deleted.sort_by_key(|e| e.0);
    others.sort_by_key(|e| e.0);
    deleted.into_iter().chain(others).map(|e| e.1).collect()
}

/// Queues `events` in every port whose registrations match them.
pub(crate) fn deliver(ports: &mut slotmap::SlotMap<PortKey, Port>, events: &[Event]) {
    for port in ports.values_mut() {
        for e in events {
            let mut keys: Vec<usize> = Vec::new();
            for &(c, filter, key) in &port.clusters {
                if c == e.cluster && filter & e.filter != 0 {
                    keys.push(key);
                }
            }
            for &(_, kind, object, filter, key) in &port.objects {
                if kind == e.kind && object == e.object && filter & e.filter != 0 {
                    keys.push(key);
                }
            }
            for key in keys {
                port.queue.push_back(Notification { key, filter_type: e.filter, name: e.name.clone() });
            }
        }
    }
}

/// An object handle to register with a port (`RegisterClusterNotify`'s `hObject`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum NotifyObject {
    /// A node.
    Node(crate::HNode),
    /// A group.
    Group(crate::HGroup),
    /// A resource.
    Resource(crate::HResource),
    /// A network.
    Network(crate::HNetwork),
    /// A network interface.
    NetInterface(crate::HNetInterface),
    /// A cluster registry key: its `CLUSTER_CHANGE_REGISTRY_*` events (with
    /// `REGISTRY_SUBTREE`, those of the keys under it too).
    Key(crate::HKey),
}

use crate::error::{Error, Result};
use crate::handle::{HChange, HCluster};
use crate::simulator::State;

impl State {
    /// The port behind a port handle.
    pub(crate) fn port(
        &mut self,
        h: HChange,
        call: &'static str,
        at: &'static std::panic::Location<'static>,
    ) -> Result<PortKey> {
        let (_, e) = self.resolve(h, call, at)?;
        let key = PortKey::from(e.object);
        if self.ports.contains_key(key) {
            Ok(key)
        } else {
            Err(Error::InternalError(format!("{h:?} has no port")))
        }
    }

    /// What a registration keeps of an object handle: its value, kind and object.
    fn registered<H: crate::api::ObjectKind>(
        &mut self,
        h: H,
        call: &'static str,
        at: &'static std::panic::Location<'static>,
    ) -> Result<(usize, HandleKind, KeyData)> {
        let (_, e) = self.resolve(h, call, at)?;
        Ok((h.as_raw(), H::KIND, self.object(h, e.object)?))
    }

    /// A handle registered with ports was closed: each such port gets `HANDLE_CLOSE`.
    pub(crate) fn notify_handle_closed(&mut self, raw: usize, object_name: &str) -> bool {
        let mut any = false;
        for port in self.ports.values_mut() {
            let mut closed = Vec::new();
            port.objects.retain(|&(h, _, _, filter, key)| {
                if h == raw {
                    if filter & change::HANDLE_CLOSE != 0 {
                        closed.push(key);
                    }
                    false
                } else {
                    true
                }
            });
            port.keys.retain(|(h, _, filter, key)| {
                if *h == raw {
                    if filter & change::HANDLE_CLOSE != 0 {
                        closed.push(*key);
                    }
                    false
                } else {
                    true
                }
            });
            for key in closed {
                port.queue.push_back(Notification {
                    key,
                    filter_type: change::HANDLE_CLOSE,
                    name: object_name.to_owned(),
                });
                any = true;
            }
        }
        any
    }
}

impl crate::call::Cx<'_> {
    /// `CreateClusterNotifyPort` (and the version 1 part of `CreateClusterNotifyPortV2`):
    /// with `port` `None`, a new port; with a port, that one; either way a registration of
    /// `hcluster`'s cluster with `filter` and `key`. Returns the handle, the port and the
    /// cluster. Nothing fails after a new port exists, so a failed call leaves none behind.
    pub(crate) fn create_notify_port(
        &mut self,
        port: Option<HChange>,
        hcluster: HCluster,
        filter: u32,
        key: usize,
    ) -> Result<(HChange, PortKey, ClusterKey)> {
        let (call, at) = (self.call, self.at);
        let (_, ce) = self.resolve(hcluster)?;
        let cluster = self.cluster_of_entry(&ce)?;
        let (handle, port_key) = match port {
            Some(h) => (h, self.port(h, call, at)?),
            None => {
                let port_key = self.ports.insert(Port::default());
                let opened = self
                    .handles
                    .open_in_scope(ce.scope, HandleKind::Change, port_key.data(), ce.access, at)
                    .and_then(|raw| {
                        HChange::from_raw(raw).ok_or_else(|| Error::InternalError("NULL handle".into()))
                    });
                match opened {
                    Ok(h) => (h, port_key),
                    Err(e) => {
                        self.ports.remove(port_key);
                        return Err(e);
                    }
                }
            }
        };
        if let Some(p) = self.ports.get_mut(port_key) {
            p.clusters.push((cluster, filter, key));
        }
        Ok((handle, port_key, cluster))
    }

    /// Waits up to `timeout_ms` (`u32::MAX`, `INFINITE`: without limit; no busy-waiting)
    /// until `pick` finds something in the port: the version 1 and version 2 reads. The
    /// lock is released while waiting.
    pub(crate) fn wait_on_port<T>(
        &mut self,
        port: HChange,
        timeout_ms: u32,
        mut pick: impl FnMut(&mut Port) -> Option<T>,
    ) -> Result<T> {
        let (call, at) = (self.call, self.at);
        // INFINITE (and an instant past what the clock can represent) waits without a deadline.
        let deadline = (timeout_ms != u32::MAX)
            .then(|| {
                std::time::Instant::now().checked_add(std::time::Duration::from_millis(u64::from(timeout_ms)))
            })
            .flatten();
        loop {
            let key = self.port(port, call, at)?;
            if let Some(found) = self.ports.get_mut(key).and_then(&mut pick) {
                return Ok(found);
            }
            let remaining = match deadline {
                None => None,
                Some(d) => match d.checked_duration_since(std::time::Instant::now()) {
                    Some(r) if !r.is_zero() => Some(r),
                    _ => return Err(Error::WaitTimeout(format!("no notification in {timeout_ms} ms"))),
                },
            };
            self.wait(remaining);
        }
    }
}

crate::call::calls! {
    /// Notifications (version 1): `CreateClusterNotifyPort`, `RegisterClusterNotify`,
    /// `GetClusterNotify`, `CloseClusterNotifyPort`.
    pub trait NotifyCalls;

    /// `CreateClusterNotifyPort`: with `port` `None`, a new port; with a port, adds to it.
    /// Either way, events of `hcluster`'s cluster matching `filter` (`CLUSTER_CHANGE_*`
    /// bits, see [`change`]) are queued in the port with `key`.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad handle; `ERROR_NOT_ENOUGH_MEMORY` when the table is
    /// full.
    ///
    /// ```
    /// use clusapi_sim::{change, Simulator};
    ///
    /// let sim = Simulator::default();
    /// let c = sim.open_cluster(None)?;
    /// let port = sim.create_cluster_notify_port(None, c, change::GROUP_STATE, 7)?;
    /// let g = sim.open_cluster_group(c, "Available Storage")?;
    /// let n = sim.open_cluster_node(c, "NODE2")?;
    /// sim.move_cluster_group(g, Some(n))?; // an empty group: its owner changes
    /// let event = sim.get_cluster_notify(port, 0)?;
    /// assert_eq!((event.key, event.filter_type, event.name.as_str()), (7, change::GROUP_STATE, "Available Storage"));
    /// assert_eq!(sim.get_cluster_notify(port, 0).unwrap_err().code(), 258); // WAIT_TIMEOUT
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    "CreateClusterNotifyPort" [quiet]
    fn create_cluster_notify_port(st, port: Option<HChange>, hcluster: HCluster, filter: u32, key: usize) -> HChange {
        st.create_notify_port(port, hcluster, filter, key).map(|(handle, _, _)| handle)
    }

    /// `RegisterClusterNotify`: events about one object (through its handle) matching
    /// `filter` are queued in the port with `key`; with `CLUSTER_CHANGE_HANDLE_CLOSE` in the
    /// filter, closing that handle queues a `HANDLE_CLOSE` event.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad port or object handle; the object's "not available"
    /// code if it was deleted.
    "RegisterClusterNotify" [quiet]
    fn register_cluster_notify(st, port: HChange, filter: u32, object: NotifyObject, key: usize) -> () {
        let (call, at) = (st.call, st.at);
        let port_key = st.port(port, call, at)?;
        let (raw, kind, obj) = match object {
            NotifyObject::Node(h) => st.registered(h, call, at)?,
            NotifyObject::Group(h) => st.registered(h, call, at)?,
            NotifyObject::Resource(h) => st.registered(h, call, at)?,
            NotifyObject::Network(h) => st.registered(h, call, at)?,
            NotifyObject::NetInterface(h) => st.registered(h, call, at)?,
            NotifyObject::Key(h) => {
                let (_, e) = st.resolve(h)?;
                let ok = st
                    .reg_keys
                    .get(crate::api::RegHandleKey::from(e.object))
                    .cloned()
                    .ok_or_else(|| Error::InternalError(format!("{h:?} names no key")))?;
                if let Some(p) = st.ports.get_mut(port_key) {
                    p.keys.push((h.as_raw(), ok, filter, key));
                }
                return Ok(());
            }
        };
        if let Some(p) = st.ports.get_mut(port_key) {
            p.objects.push((raw, kind, obj, filter, key));
        }
        Ok(())
    }

    /// `GetClusterNotify`: takes the oldest event from the port, waiting up to
    /// `timeout_ms` milliseconds for one (`u32::MAX`, `INFINITE`: without limit) without
    /// busy-waiting.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad port (also when it is closed while waiting);
    /// `WAIT_TIMEOUT` (258) when nothing arrives in time.
    "GetClusterNotify" [quiet]
    fn get_cluster_notify(st, port: HChange, timeout_ms: u32) -> Notification {
        st.wait_on_port(port, timeout_ms, |p| p.queue.pop_front())
    }

    /// As [`get_cluster_notify`](Self::get_cluster_notify), but leaves the event in the port
    /// (the C ABI uses it so that a too-small buffer does not consume the event).
    ///
    /// # Errors
    ///
    /// As `get_cluster_notify`.
    "GetClusterNotify" [quiet notrait]
    fn peek_cluster_notify(st, port: HChange, timeout_ms: u32) -> Notification {
        st.wait_on_port(port, timeout_ms, |p| p.queue.front().cloned())
    }

    /// `CloseClusterNotifyPort`: closes the port (its queued events go with it) and wakes
    /// any thread waiting on it.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a value that is not an open port.
    "CloseClusterNotifyPort" [nofault]
    fn close_cluster_notify_port(st, port: HChange) -> () {
        st.close_handle(port)
    }
}

#[cfg(test)]
mod tests {
    use crate::{Simulator, change};

    fn comparisons(sim: &Simulator) -> u64 {
        sim.lock_quiet().comparisons
    }

    fn partial(sim: &Simulator) -> u64 {
        sim.lock_quiet().partial_comparisons
    }

    /// With a port open, only calls that could change an object compare the world; the
    /// others (opens, closes, queries, enumerations) cost what they cost without a port.
    #[test]
    fn calls_that_change_nothing_are_not_compared() {
        let sim = Simulator::default();
        let c = sim.open_cluster(None).unwrap();
        let port = sim.create_cluster_notify_port(None, c, change::ALL, 7).unwrap();
        let start = comparisons(&sim);
        for _ in 0..50 {
            let n = sim.open_cluster_node(c, "NODE2").unwrap();
            sim.get_cluster_node_state(n).unwrap();
            let e = sim.cluster_open_enum(c, crate::CLUSTER_ENUM_ALL).unwrap();
            sim.cluster_enum(e, 0).unwrap();
            sim.cluster_close_enum(e).unwrap();
            sim.close_cluster_node(n).unwrap();
        }
        assert_eq!(comparisons(&sim), start, "no call above changed the world");
        assert!(sim.get_cluster_notify(port, 0).is_err(), "and nothing was queued");

        let n = sim.open_cluster_node(c, "NODE2").unwrap();
        sim.pause_cluster_node(n).unwrap();
        assert_eq!(comparisons(&sim), start + 1, "a pause is compared, once");
        assert_eq!(partial(&sim), 1, "on the node alone");
        let event = sim.get_cluster_notify(port, 0).unwrap();
        assert_eq!((event.filter_type, event.name.as_str()), (change::NODE_STATE, "NODE2"));
        // Adding an object: found in the touched cluster's list, without a full look.
        let g = sim.create_cluster_group(c, "New").unwrap();
        assert_eq!((comparisons(&sim), partial(&sim)), (start + 2, 2));
        assert_eq!(sim.get_cluster_notify(port, 0).unwrap().filter_type, change::GROUP_ADDED);
        // A resource coming online also changes its group's state, found without a full look.
        let r = sim.open_cluster_resource(c, "Cluster IP Address").unwrap();
        sim.offline_cluster_resource(r).unwrap();
        assert_eq!((comparisons(&sim), partial(&sim)), (start + 3, 3));
        let filters: Vec<u32> =
            std::iter::from_fn(|| sim.get_cluster_notify(port, 0).ok()).map(|e| e.filter_type).collect();
        assert!(
            filters.contains(&change::GROUP_STATE) && filters.contains(&change::RESOURCE_STATE),
            "{filters:x?}"
        );
        sim.close_cluster_resource(r).unwrap();
        sim.close_cluster_group(g).unwrap();
        sim.close_cluster_node(n).unwrap();
        sim.close_cluster_notify_port(port).unwrap();
        sim.close_cluster(c).unwrap();
    }
}
