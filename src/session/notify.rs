//! Notifications: ports, registrations, and the events every change raises.
//!
//! Events come from the journal (`crate::model::journal`): the rules record each change as they
//! make it, and when the call ends its changes are completed (a group's state follows from
//! its resources') and each is turned into its event, queued in every port whose
//! registrations match, in the order the changes happened. Registry events and
//! `HANDLE_CLOSE` are changes of the journal like any other. Nothing is recorded while no
//! port is open, so a simulator without ports pays nothing for it.
//!
//! (The events used to be found by comparing pictures of the world before and after each
//! call; that comparison survives as the test oracle in `oracle`, which checks the journal
//! against it over random call sequences.)

use std::collections::VecDeque;
use std::fmt;

use slotmap::new_key_type;

use crate::model::journal::{About, Change, Object};
use crate::model::world::{ClusterKey, World};

#[cfg(test)]
mod oracle;

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
    /// Object registrations: the handle registered (raw), its object, filter, key.
    pub objects: Vec<(usize, Object, u32, usize)>,
    /// Registry key registrations: the key handle (raw), what it names, filter, key.
    pub keys: Vec<(usize, crate::model::registry::OpenKey, u32, usize)>,
    pub queue: VecDeque<Notification>,
    /// The V2 registrations and queue (`notify_v2`).
    pub v2: crate::session::notify_v2::V2Registrations,
}

/// The `_STATE`, `_DELETED`, `_ADDED` and `_PROPERTY` bits of an object's kind (0: the kind
/// has no such event).
pub(crate) fn bits(object: Object) -> (u32, u32, u32, u32) {
    use change::*;
    match object {
        Object::Node(_) => (NODE_STATE, NODE_DELETED, NODE_ADDED, NODE_PROPERTY),
        Object::Group(_) => (GROUP_STATE, GROUP_DELETED, GROUP_ADDED, GROUP_PROPERTY),
        Object::Resource(_) => (RESOURCE_STATE, RESOURCE_DELETED, RESOURCE_ADDED, RESOURCE_PROPERTY),
        Object::Network(_) => (NETWORK_STATE, NETWORK_DELETED, NETWORK_ADDED, NETWORK_PROPERTY),
        Object::NetInterface(_) => {
            (NETINTERFACE_STATE, NETINTERFACE_DELETED, NETINTERFACE_ADDED, NETINTERFACE_PROPERTY)
        }
        // Clusters come and go with the simulator; their state events are `ClusterState`.
        Object::Cluster(_) => (CLUSTER_STATE, 0, 0, CLUSTER_PROPERTY),
        Object::ResourceType(_) => (0, RESOURCE_TYPE_DELETED, RESOURCE_TYPE_ADDED, RESOURCE_TYPE_PROPERTY),
    }
}

/// One event of a change, before it is matched against registrations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Event {
    pub cluster: ClusterKey,
    pub object: Object,
    /// The `CLUSTER_CHANGE_*` bit.
    pub filter: u32,
    pub name: String,
    /// For an object that came or went: what the change recorded of it (its id and parent
    /// once it is gone, the container an "added" event is about).
    pub about: Option<About>,
    /// For a state event: the new state's code (the V2 payload).
    pub state: Option<i32>,
}

/// The event a change raises, if any. (Registry changes and closed handles are matched
/// against their own registrations: see [`deliver`].)
pub(crate) fn event(change: &Change) -> Option<Event> {
    let plain = |cluster: ClusterKey, object: Object, filter: u32, name: &str, state: Option<i32>| Event {
        cluster,
        object,
        filter,
        name: name.to_owned(),
        about: None,
        state,
    };
    let e = match change {
        Change::Added { object, about } | Change::Deleted { object, about } => {
            let (_, deleted, added, _) = bits(*object);
            Event {
                cluster: about.cluster,
                object: *object,
                filter: if matches!(change, Change::Added { .. }) { added } else { deleted },
                name: about.name.clone(),
                about: Some(about.clone()),
                state: None,
            }
        }
        Change::Renamed { object, cluster, new: name, .. }
        | Change::PropertiesChanged { object, cluster, name, .. } => {
            plain(*cluster, *object, bits(*object).3, name, None)
        }
        Change::NodeState { node, cluster, name, new, .. } => {
            plain(*cluster, Object::Node(*node), change::NODE_STATE, name, Some(new.code()))
        }
        Change::GroupState { group, cluster, name, new, .. } => {
            plain(*cluster, Object::Group(*group), change::GROUP_STATE, name, Some(new.0.code()))
        }
        Change::ResourceState { resource, cluster, name, new, .. } => {
            plain(*cluster, Object::Resource(*resource), change::RESOURCE_STATE, name, Some(new.code()))
        }
        Change::NetworkState { network, cluster, name, new, .. } => {
            plain(*cluster, Object::Network(*network), change::NETWORK_STATE, name, Some(new.code()))
        }
        Change::NetInterfaceState { net_interface, cluster, name, new, .. } => plain(
            *cluster,
            Object::NetInterface(*net_interface),
            change::NETINTERFACE_STATE,
            name,
            Some(new.code()),
        ),
        Change::ClusterState { cluster, name, running } => {
            let state = if *running {
                crate::types::state::NodeClusterState::Running
            } else {
                crate::types::state::NodeClusterState::NotRunning
            };
            let code = i32::try_from(state.code()).unwrap_or(-1);
            plain(*cluster, Object::Cluster(*cluster), change::CLUSTER_STATE, name, Some(code))
        }
        // V2 only (see `notify_v2`), or matched against their own registrations.
        Change::GroupOwner { .. }
        | Change::ResourceMoved { .. }
        | Change::PossibleOwnersChanged { .. }
        | Change::DependentsChanged { .. }
        | Change::RegistryChanged { .. }
        | Change::HandleClosed { .. }
        | Change::SharedVolume { .. }
        | Change::SharedVolumeState { .. } => return None,
    };
    (e.filter != 0).then_some(e)
}

/// Turns one call's changes (completed: see `journal::complete`) into events, in order, and
/// queues each in every port whose registrations match it, version 1 and V2. A closed
/// handle's registrations go once its `HANDLE_CLOSE` is queued. Whether anything was queued.
pub(crate) fn deliver(
    ports: &mut slotmap::SlotMap<PortKey, Port>,
    world: &mut World,
    changes: &[Change],
) -> bool {
    let v2 = ports.values().any(|p| !p.v2.clusters.is_empty() || !p.v2.objects.is_empty());
    let mut any = false;
    for c in changes {
        match c {
            Change::RegistryChanged { key, scope, filter, name } => {
                any |= deliver_registry(ports, key, scope, *filter, name);
            }
            Change::HandleClosed { handle, name } => {
                any |= deliver_handle_closed(ports, *handle, name);
                if v2 {
                    any |= crate::session::notify_v2::deliver_v2_handle_closed(
                        ports, world, changes, *handle, name,
                    );
                }
            }
            other => {
                let e = event(other);
                if let Some(e) = &e {
                    any |= deliver_v1(ports, e);
                }
                if v2 {
                    any |= crate::session::notify_v2::deliver_v2(ports, world, other, e.as_ref(), changes);
                }
            }
        }
    }
    any
}

/// Queues a version 1 event in every port registered on its cluster or its object.
fn deliver_v1(ports: &mut slotmap::SlotMap<PortKey, Port>, e: &Event) -> bool {
    let mut any = false;
    for port in ports.values_mut() {
        let clusters =
            port.clusters.iter().filter(|&&(c, filter, _)| c == e.cluster && filter & e.filter != 0);
        let objects =
            port.objects.iter().filter(|&&(_, o, filter, _)| o == e.object && filter & e.filter != 0);
        let keys: Vec<usize> = clusters.map(|r| r.2).chain(objects.map(|r| r.3)).collect();
        for key in keys {
            port.queue.push_back(Notification { key, filter_type: e.filter, name: e.name.clone() });
            any = true;
        }
    }
    any
}

/// Queues a registry event: in ports registered on the cluster, and in those registered on
/// a key of the same object that watches `scope` (the key whose contents changed).
fn deliver_registry(
    ports: &mut slotmap::SlotMap<PortKey, Port>,
    ok: &crate::model::registry::OpenKey,
    scope: &[String],
    filter: u32,
    name: &str,
) -> bool {
    let mut any = false;
    for port in ports.values_mut() {
        let mut keys: Vec<usize> = Vec::new();
        for &(c, f, key) in &port.clusters {
            if c == ok.cluster && f & filter != 0 {
                keys.push(key);
            }
        }
        for (_, watch, f, key) in &port.keys {
            if f & filter != 0
                && watch.same_object(ok)
                && watch.watches(scope, f & change::REGISTRY_SUBTREE != 0)
            {
                keys.push(*key);
            }
        }
        for key in keys {
            port.queue.push_back(Notification { key, filter_type: filter, name: name.to_owned() });
            any = true;
        }
    }
    any
}

/// A handle registered with ports was closed: each registration of it goes, and those with
/// `HANDLE_CLOSE` in their filter queue the event.
fn deliver_handle_closed(ports: &mut slotmap::SlotMap<PortKey, Port>, raw: usize, name: &str) -> bool {
    let mut any = false;
    for port in ports.values_mut() {
        let mut closed = Vec::new();
        port.objects.retain(|&(h, _, filter, key)| {
            if h == raw && filter & change::HANDLE_CLOSE != 0 {
                closed.push(key);
            }
            h != raw
        });
        port.keys.retain(|(h, _, filter, key)| {
            if *h == raw && filter & change::HANDLE_CLOSE != 0 {
                closed.push(*key);
            }
            *h != raw
        });
        for key in closed {
            port.queue.push_back(Notification {
                key,
                filter_type: change::HANDLE_CLOSE,
                name: name.to_owned(),
            });
            any = true;
        }
    }
    any
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

use crate::session::simulator::State;
use crate::types::error::{Error, Result};
use crate::types::handle::HChange;

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

    /// What a registration keeps of an object handle: its value and object.
    pub(crate) fn registered<H: crate::model::world::ObjectKind>(
        &mut self,
        h: H,
        call: &'static str,
        at: &'static std::panic::Location<'static>,
    ) -> Result<(usize, Object)> {
        let (_, e) = self.resolve(h, call, at)?;
        let key = self.object(h, e.object)?;
        let object = Object::of_handle(H::KIND, key)
            .ok_or_else(|| Error::InternalError(format!("{h:?} names no object events are about")))?;
        Ok((h.as_raw(), object))
    }

    /// Whether a port has a registration of this handle (raw value), version 1 or V2:
    /// closing it is then journaled, for `HANDLE_CLOSE` (V2: `*_HANDLE_CLOSE_V2`).
    pub(crate) fn registered_anywhere(&self, raw: usize) -> bool {
        self.ports.values().any(|p| {
            p.objects.iter().any(|o| o.0 == raw)
                || p.keys.iter().any(|k| k.0 == raw)
                || p.v2.objects.iter().any(|o| o.0 == raw)
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::model::journal::Change;
    use crate::{Simulator, change};

    /// What the calls since the last look recorded (completed), through the test tap.
    fn recorded(sim: &Simulator) -> Vec<Change> {
        sim.lock_quiet().tap.as_mut().map(std::mem::take).unwrap_or_default()
    }

    /// With a port open, calls that change nothing record nothing (opens, closes, queries,
    /// enumerations cost what they cost without a port); a call that changes something
    /// records its changes, each once, and nothing else.
    #[test]
    fn calls_record_what_they_change_and_nothing_else() {
        let sim = Simulator::default();
        sim.lock_quiet().tap = Some(Vec::new());
        let c = sim.open_cluster(None).unwrap();
        let port = sim.create_cluster_notify_port(None, c, change::ALL & !change::HANDLE_CLOSE, 7).unwrap();
        for _ in 0..50 {
            let n = sim.open_cluster_node(c, "NODE2").unwrap();
            sim.get_cluster_node_state(n).unwrap();
            let e = sim.cluster_open_enum(c, crate::CLUSTER_ENUM_ALL).unwrap();
            sim.cluster_enum(e, 0).unwrap();
            sim.cluster_close_enum(e).unwrap();
            sim.close_cluster_node(n).unwrap();
        }
        assert_eq!(recorded(&sim), [], "no call above changed the world");
        assert!(sim.get_cluster_notify(port, 0).is_err(), "and nothing was queued");

        let n = sim.open_cluster_node(c, "NODE2").unwrap();
        sim.pause_cluster_node(n).unwrap();
        let changes = recorded(&sim);
        assert!(
            matches!(changes.as_slice(), [Change::NodeState { name, .. }] if name == "NODE2"),
            "{changes:?}"
        );
        let event = sim.get_cluster_notify(port, 0).unwrap();
        assert_eq!((event.filter_type, event.name.as_str()), (change::NODE_STATE, "NODE2"));

        let g = sim.create_cluster_group(c, "New").unwrap();
        let changes = recorded(&sim);
        assert!(
            matches!(changes.as_slice(), [Change::Added { about, .. }] if about.name == "New"),
            "{changes:?}"
        );
        assert_eq!(sim.get_cluster_notify(port, 0).unwrap().filter_type, change::GROUP_ADDED);

        // A resource going offline moves its group's state too: that change follows it.
        let r = sim.open_cluster_resource(c, "Cluster IP Address").unwrap();
        sim.offline_cluster_resource(r).unwrap();
        let changes = recorded(&sim);
        assert!(
            matches!(changes.as_slice(), [Change::ResourceState { .. }, Change::GroupState { name, .. }] if name == "Cluster Group"),
            "{changes:?}"
        );
        let filters: Vec<u32> =
            std::iter::from_fn(|| sim.get_cluster_notify(port, 0).ok()).map(|e| e.filter_type).collect();
        assert_eq!(filters, [change::RESOURCE_STATE, change::GROUP_STATE]);
        sim.close_cluster_resource(r).unwrap();
        sim.close_cluster_group(g).unwrap();
        sim.close_cluster_node(n).unwrap();
        sim.close_cluster_notify_port(port).unwrap();
        // No port: nothing is recorded.
        sim.crash_node("NODE1").unwrap();
        assert_eq!(recorded(&sim), []);
        assert!(!sim.lock_quiet().world.journal.recording());
        sim.close_cluster(c).unwrap();
    }
}
