//! Notifications V2 (`CreateClusterNotifyPortV2`, `RegisterClusterNotifyV2`,
//! `GetClusterNotifyV2`, `GetNotifyEventHandle`): the same events as version 1, filtered
//! and described the V2 way: an object type (`CLUSTER_OBJECT_TYPE_*`) and a per-type flag
//! (`CLUSTER_CHANGE_*_V2`), with the object's id, its parent's id, its name, its type and,
//! for state and property changes, a payload.
//!
//! Every version 1 event (see `notify`) maps to one V2 event:
//!
//! | v1 event | V2 object type, flag | payload |
//! |---|---|---|
//! | `NODE_STATE` / `_DELETED` / `_PROPERTY` | node, `STATE` / `DELETED` / `COMMON_PROPERTY` | the state as a `DWORD` / none / the common property list |
//! | `NODE_ADDED` | cluster, `NODE_ADDED` | none |
//! | `GROUP_*` | group, `STATE` / `DELETED` / `COMMON_PROPERTY`; cluster, `GROUP_ADDED` | as for nodes |
//! | `RESOURCE_*` | resource, `STATE` / `DELETED` / `COMMON_PROPERTY`; group, `RESOURCE_ADDED` | as for nodes |
//! | `NETWORK_*` | network, ...; cluster, `NETWORK_ADDED` | as for nodes |
//! | `NETINTERFACE_*` | network interface, ...; node, `NETINTERFACE_ADDED` | as for nodes |
//! | `RESOURCE_TYPE_*` | resource type, `DELETED` / `COMMON_PROPERTY`; cluster, `RESOURCE_TYPE_ADDED` | none |
//! | `CLUSTER_PROPERTY` | cluster, `COMMON_PROPERTY` | the cluster's common property list |
//! | `CLUSTER_STATE` | cluster, `CLUSTER_STATE` | the `NODE_CLUSTER_STATE` of its nodes as a `DWORD`: running (0x13) or not (3) |
//!
//! Ids: a node's is its number (`"1"`), everything else's its GUID; parents: a resource's
//! group, an interface's node, a group's owner node; resource types and the cluster have
//! none. A deleted object's event carries the id (and parent) it had. The type is a
//! resource's resource type name. The state payload is our choice (the real server's
//! payload for state changes is not documented): the state the change left the object in;
//! the property payloads are the lists `CLUSCTL_*_GET_COMMON_PROPERTIES` returns.

use std::collections::VecDeque;

use crate::model::journal::{Change, Object};
use crate::model::world::{ClusterKey, World};
use crate::session::notify::{Event, Port, change};
#[cfg(doc)] // the docs of the calls name it
use crate::session::simulator::Simulator;

/// `CLUSTER_OBJECT_TYPE` values.
pub mod object_type {
    /// `CLUSTER_OBJECT_TYPE_CLUSTER`.
    pub const CLUSTER: u32 = 1;
    /// `CLUSTER_OBJECT_TYPE_GROUP`.
    pub const GROUP: u32 = 2;
    /// `CLUSTER_OBJECT_TYPE_RESOURCE`.
    pub const RESOURCE: u32 = 3;
    /// `CLUSTER_OBJECT_TYPE_RESOURCE_TYPE`.
    pub const RESOURCE_TYPE: u32 = 4;
    /// `CLUSTER_OBJECT_TYPE_NETWORK_INTERFACE`.
    pub const NETWORK_INTERFACE: u32 = 5;
    /// `CLUSTER_OBJECT_TYPE_NETWORK`.
    pub const NETWORK: u32 = 6;
    /// `CLUSTER_OBJECT_TYPE_NODE`.
    pub const NODE: u32 = 7;
}

/// `CLUSTER_CHANGE_*_V2` flags, per object type (`clusapi.h` values).
pub mod change_v2 {
    /// `CLUSTER_CHANGE_CLUSTER_STATE_V2`.
    pub const CLUSTER_STATE: u64 = 0x2;
    /// `CLUSTER_CHANGE_CLUSTER_GROUP_ADDED_V2`.
    pub const CLUSTER_GROUP_ADDED: u64 = 0x4;
    /// `CLUSTER_CHANGE_CLUSTER_NETWORK_ADDED_V2`.
    pub const CLUSTER_NETWORK_ADDED: u64 = 0x10;
    /// `CLUSTER_CHANGE_CLUSTER_NODE_ADDED_V2`.
    pub const CLUSTER_NODE_ADDED: u64 = 0x20;
    /// `CLUSTER_CHANGE_CLUSTER_RESOURCE_TYPE_ADDED_V2`.
    pub const CLUSTER_RESOURCE_TYPE_ADDED: u64 = 0x40;
    /// `CLUSTER_CHANGE_CLUSTER_COMMON_PROPERTY_V2`.
    pub const CLUSTER_COMMON_PROPERTY: u64 = 0x80;
    /// `CLUSTER_CHANGE_GROUP_DELETED_V2`.
    pub const GROUP_DELETED: u64 = 0x1;
    /// `CLUSTER_CHANGE_GROUP_COMMON_PROPERTY_V2`.
    pub const GROUP_COMMON_PROPERTY: u64 = 0x2;
    /// `CLUSTER_CHANGE_GROUP_STATE_V2`.
    pub const GROUP_STATE: u64 = 0x8;
    /// `CLUSTER_CHANGE_GROUP_RESOURCE_ADDED_V2`.
    pub const GROUP_RESOURCE_ADDED: u64 = 0x40;
    /// `CLUSTER_CHANGE_RESOURCE_COMMON_PROPERTY_V2`.
    pub const RESOURCE_COMMON_PROPERTY: u64 = 0x1;
    /// `CLUSTER_CHANGE_RESOURCE_STATE_V2`.
    pub const RESOURCE_STATE: u64 = 0x4;
    /// `CLUSTER_CHANGE_RESOURCE_DELETED_V2`.
    pub const RESOURCE_DELETED: u64 = 0x80;
    /// `CLUSTER_CHANGE_RESOURCE_TYPE_DELETED_V2`.
    pub const RESOURCE_TYPE_DELETED: u64 = 0x1;
    /// `CLUSTER_CHANGE_RESOURCE_TYPE_COMMON_PROPERTY_V2`.
    pub const RESOURCE_TYPE_COMMON_PROPERTY: u64 = 0x2;
    /// `CLUSTER_CHANGE_NETINTERFACE_DELETED_V2`.
    pub const NETINTERFACE_DELETED: u64 = 0x1;
    /// `CLUSTER_CHANGE_NETINTERFACE_COMMON_PROPERTY_V2`.
    pub const NETINTERFACE_COMMON_PROPERTY: u64 = 0x2;
    /// `CLUSTER_CHANGE_NETINTERFACE_STATE_V2`.
    pub const NETINTERFACE_STATE: u64 = 0x8;
    /// `CLUSTER_CHANGE_NETWORK_DELETED_V2`.
    pub const NETWORK_DELETED: u64 = 0x1;
    /// `CLUSTER_CHANGE_NETWORK_COMMON_PROPERTY_V2`.
    pub const NETWORK_COMMON_PROPERTY: u64 = 0x2;
    /// `CLUSTER_CHANGE_NETWORK_STATE_V2`.
    pub const NETWORK_STATE: u64 = 0x8;
    /// `CLUSTER_CHANGE_NODE_NETINTERFACE_ADDED_V2`.
    pub const NODE_NETINTERFACE_ADDED: u64 = 0x1;
    /// `CLUSTER_CHANGE_NODE_DELETED_V2`.
    pub const NODE_DELETED: u64 = 0x2;
    /// `CLUSTER_CHANGE_NODE_COMMON_PROPERTY_V2`.
    pub const NODE_COMMON_PROPERTY: u64 = 0x4;
    /// `CLUSTER_CHANGE_NODE_STATE_V2`.
    pub const NODE_STATE: u64 = 0x10;
}

/// `NOTIFY_FILTER_AND_TYPE`: an object type and the `CLUSTER_CHANGE_*_V2` flags of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct NotifyFilter {
    /// `CLUSTER_OBJECT_TYPE_*`.
    pub object_type: u32,
    /// The flags (`CLUSTER_CHANGE_*_V2` of that type), any number of them.
    pub flags: u64,
}

/// One V2 event, as `GetClusterNotifyV2` hands it out.
#[derive(Debug, Clone, PartialEq, Eq)]
// Exhaustive on purpose: the fields are what the Win32 call returns, so production
// implementations of `ClusterApi` (such as clusapi-win) build it with a struct expression.
pub struct NotificationV2 {
    /// The key given with the registration that matched.
    pub key: usize,
    /// The object type and the one flag of the event.
    pub filter: NotifyFilter,
    /// The payload: a state `DWORD`, a property list, or nothing.
    pub payload: Vec<u8>,
    /// The object's id.
    pub object_id: String,
    /// Its parent's id ("" when it has none).
    pub parent_id: String,
    /// Its name.
    pub name: String,
    /// Its type: a resource's resource type, else "".
    pub object_type_name: String,
}

/// What a V2 port listens to, and its queue.
#[derive(Debug, Default)]
pub(crate) struct V2Registrations {
    /// Cluster-wide: cluster, filters, key.
    pub clusters: Vec<(ClusterKey, Vec<NotifyFilter>, usize)>,
    /// One object: the object, filter, key.
    pub objects: Vec<(Object, NotifyFilter, usize)>,
    pub queue: VecDeque<NotificationV2>,
}

/// The V2 object type and flag of a v1 event, and the object the V2 event is about (for
/// "added" events, the container: the cluster, the group or the node).
fn map(e: &Event) -> Option<(u32, u64, Object)> {
    use change as c;
    use change_v2 as v;
    use object_type as t;
    let this = |ty, flag| Some((ty, flag, e.object));
    let cluster = |flag| Some((t::CLUSTER, flag, Object::Cluster(e.cluster)));
    // An added resource's container is its group, an added interface's its node.
    let parent = |ty, flag| match e.about.as_ref()?.parent? {
        p @ (Object::Group(_) | Object::Node(_)) => Some((ty, flag, p)),
        _ => None,
    };
    match e.filter {
        c::NODE_STATE => this(t::NODE, v::NODE_STATE),
        c::NODE_DELETED => this(t::NODE, v::NODE_DELETED),
        c::NODE_PROPERTY => this(t::NODE, v::NODE_COMMON_PROPERTY),
        c::NODE_ADDED => cluster(v::CLUSTER_NODE_ADDED),
        c::GROUP_STATE => this(t::GROUP, v::GROUP_STATE),
        c::GROUP_DELETED => this(t::GROUP, v::GROUP_DELETED),
        c::GROUP_PROPERTY => this(t::GROUP, v::GROUP_COMMON_PROPERTY),
        c::GROUP_ADDED => cluster(v::CLUSTER_GROUP_ADDED),
        c::RESOURCE_STATE => this(t::RESOURCE, v::RESOURCE_STATE),
        c::RESOURCE_DELETED => this(t::RESOURCE, v::RESOURCE_DELETED),
        c::RESOURCE_PROPERTY => this(t::RESOURCE, v::RESOURCE_COMMON_PROPERTY),
        c::RESOURCE_ADDED => parent(t::GROUP, v::GROUP_RESOURCE_ADDED),
        c::NETWORK_STATE => this(t::NETWORK, v::NETWORK_STATE),
        c::NETWORK_DELETED => this(t::NETWORK, v::NETWORK_DELETED),
        c::NETWORK_PROPERTY => this(t::NETWORK, v::NETWORK_COMMON_PROPERTY),
        c::NETWORK_ADDED => cluster(v::CLUSTER_NETWORK_ADDED),
        c::NETINTERFACE_STATE => this(t::NETWORK_INTERFACE, v::NETINTERFACE_STATE),
        c::NETINTERFACE_DELETED => this(t::NETWORK_INTERFACE, v::NETINTERFACE_DELETED),
        c::NETINTERFACE_PROPERTY => this(t::NETWORK_INTERFACE, v::NETINTERFACE_COMMON_PROPERTY),
        c::NETINTERFACE_ADDED => parent(t::NODE, v::NODE_NETINTERFACE_ADDED),
        c::RESOURCE_TYPE_ADDED => cluster(v::CLUSTER_RESOURCE_TYPE_ADDED),
        c::RESOURCE_TYPE_DELETED => this(t::RESOURCE_TYPE, v::RESOURCE_TYPE_DELETED),
        c::RESOURCE_TYPE_PROPERTY => this(t::RESOURCE_TYPE, v::RESOURCE_TYPE_COMMON_PROPERTY),
        c::CLUSTER_PROPERTY => cluster(v::CLUSTER_COMMON_PROPERTY),
        c::CLUSTER_STATE => cluster(v::CLUSTER_STATE),
        _ => None,
    }
}

/// The id of an object: from the world, or, for one deleted in this call, from the change
/// that deleted it ("" for a resource type, and for what neither knows).
fn id_of(world: &World, changes: &[Change], object: Object) -> String {
    let now = match object {
        Object::Node(k) => world.nodes.get(k).map(|n| n.id.clone()),
        Object::Group(k) => world.groups.get(k).map(|g| g.id.clone()),
        Object::Resource(k) => world.resources.get(k).map(|r| r.id.clone()),
        Object::Network(k) => world.networks.get(k).map(|n| n.id.clone()),
        Object::NetInterface(k) => world.net_interfaces.get(k).map(crate::model::world::NetInterface::id),
        Object::Cluster(k) => world.clusters.get(k).map(|c| c.id.clone()),
        Object::ResourceType(_) => return String::new(),
    };
    now.or_else(|| {
        changes.iter().find_map(|c| match c {
            Change::Deleted { object: o, about } if *o == object => Some(about.id.clone()),
            _ => None,
        })
    })
    .unwrap_or_default()
}

/// Id, parent id and type name of the object of a V2 event: a group's parent is its owner
/// node, a resource's its group, an interface's its node. A deleted object is described
/// as its deletion recorded it.
fn describe(world: &World, changes: &[Change], e: &Event, object: Object) -> (String, String, String) {
    if object == e.object && e.filter == crate::session::notify::bits(object).1 {
        if let Some(about) = &e.about {
            let parent = about.parent.map(|p| id_of(world, changes, p)).unwrap_or_default();
            return (about.id.clone(), parent, about.type_name.clone());
        }
    }
    let id = id_of(world, changes, object);
    let (parent, type_name) = match object {
        Object::Group(k) => (world.groups.get(k).map(|g| Object::Node(g.owner)), String::new()),
        Object::Resource(k) => world
            .resources
            .get(k)
            .map(|r| (Some(Object::Group(r.group)), r.resource_type.clone()))
            .unwrap_or_default(),
        Object::NetInterface(k) => (world.net_interfaces.get(k).map(|i| Object::Node(i.node)), String::new()),
        _ => (None, String::new()),
    };
    (id, parent.map(|p| id_of(world, changes, p)).unwrap_or_default(), type_name)
}

/// The payload of an event: the new state, or the common property list.
fn payload(world: &mut World, e: &Event, object: Object) -> Vec<u8> {
    use crate::model::control::Target;
    if let Some(state) = e.state.filter(|_| object == e.object) {
        return state.to_le_bytes().to_vec();
    }
    let property = matches!(
        e.filter,
        change::NODE_PROPERTY
            | change::GROUP_PROPERTY
            | change::RESOURCE_PROPERTY
            | change::NETWORK_PROPERTY
            | change::NETINTERFACE_PROPERTY
            | change::CLUSTER_PROPERTY
    );
    if !property {
        return Vec::new();
    }
    let (target, kind) = match object {
        Object::Node(k) => (Target::Node(k), crate::model::control::codes::CLUS_OBJECT_NODE),
        Object::Group(k) => (Target::Group(k), crate::model::control::codes::CLUS_OBJECT_GROUP),
        Object::Resource(k) => (Target::Resource(k), crate::model::control::codes::CLUS_OBJECT_RESOURCE),
        Object::Network(k) => (Target::Network(k), crate::model::control::codes::CLUS_OBJECT_NETWORK),
        Object::NetInterface(k) => {
            (Target::NetInterface(k), crate::model::control::codes::CLUS_OBJECT_NETINTERFACE)
        }
        Object::Cluster(k) => (Target::Cluster(k), crate::model::control::codes::CLUS_OBJECT_CLUSTER),
        Object::ResourceType(_) => return Vec::new(),
    };
    let code = crate::model::control::codes::clusctl(
        kind,
        crate::model::control::codes::CLCTL_GET_COMMON_PROPERTIES,
    );
    crate::rules::control::control(world, target, code, &[], false).unwrap_or_default()
}

/// Queues the V2 form of `e` in every port with a matching V2 registration; whether any.
/// `changes` are the call's (a deleted parent's id is found there).
pub(crate) fn deliver_v2(
    ports: &mut slotmap::SlotMap<crate::session::notify::PortKey, Port>,
    world: &mut World,
    e: &Event,
    changes: &[Change],
) -> bool {
    let Some((ty, flag, object)) = map(e) else { return false };
    let mut built: Option<NotificationV2> = None;
    let mut any = false;
    for port in ports.values_mut() {
        let mut keys = Vec::new();
        for (c, filters, key) in &port.v2.clusters {
            if *c == e.cluster && filters.iter().any(|f| f.object_type == ty && f.flags & flag != 0) {
                keys.push(*key);
            }
        }
        for (o, f, key) in &port.v2.objects {
            if *o == object && f.object_type == ty && f.flags & flag != 0 {
                keys.push(*key);
            }
        }
        for key in keys {
            let n = built.get_or_insert_with(|| {
                let (object_id, parent_id, object_type_name) = describe(world, changes, e, object);
                // For "added" events the object is the container, the name the added
                // object's (as version 1 gives it).
                NotificationV2 {
                    key: 0,
                    filter: NotifyFilter { object_type: ty, flags: flag },
                    payload: payload(world, e, object),
                    object_id,
                    parent_id,
                    name: e.name.clone(),
                    object_type_name,
                }
            });
            let mut n = n.clone();
            n.key = key;
            port.v2.queue.push_back(n);
            any = true;
        }
    }
    any
}
