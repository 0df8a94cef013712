//! Notifications V2 (`CreateClusterNotifyPortV2`, `RegisterClusterNotifyV2`,
//! `GetClusterNotifyV2`, `GetNotifyEventHandle`): the same events as version 1, filtered
//! and described the V2 way: an object type (`CLUSTER_OBJECT_TYPE_*`) and a per-type flag
//! (`CLUSTER_CHANGE_*_V2`), with the object's id, its parent's id, its name, its type and,
//! for state and property changes, a payload.
//!
//! Every version 1 event (see `notify`) maps to a V2 event:
//!
//! | v1 event | V2 object type, flag | payload |
//! |---|---|---|
//! | `NODE_STATE` / `_DELETED` / `_PROPERTY` | node, `STATE` / `DELETED` / `COMMON_PROPERTY` or `PRIVATE_PROPERTY` | the state as a `DWORD` / none / the common or private property list |
//! | `NODE_ADDED` | cluster, `NODE_ADDED` | none |
//! | `GROUP_*` | group, `STATE` / `DELETED` / `COMMON_PROPERTY`, `PRIVATE_PROPERTY` or `PREFERRED_OWNERS`; cluster, `GROUP_ADDED` | as for nodes; preferred owners: none |
//! | `RESOURCE_*` | resource, `STATE` / `DELETED` / `COMMON_PROPERTY`, `PRIVATE_PROPERTY` or `DEPENDENCIES`; group, `RESOURCE_ADDED` | as for nodes; dependencies: none |
//! | `NETWORK_*` | network, ...; cluster, `NETWORK_ADDED` | as for nodes |
//! | `NETINTERFACE_*` | network interface, ...; node, `NETINTERFACE_ADDED` | as for nodes |
//! | `RESOURCE_TYPE_*` | resource type, `DELETED` / `COMMON_PROPERTY` or `PRIVATE_PROPERTY`; cluster, `RESOURCE_TYPE_ADDED` | none |
//! | `CLUSTER_PROPERTY` | cluster, `COMMON_PROPERTY` or `PRIVATE_PROPERTY` | the cluster's property list of that kind |
//! | `CLUSTER_STATE` | cluster, `CLUSTER_STATE` | the `NODE_CLUSTER_STATE` of its nodes as a `DWORD`: running (0x13) or not (3) |
//!
//! (A `*_PROPERTY` event's V2 flag is the part that changed: common or private properties,
//! a group's preferred owners, a resource's dependencies; one V2 event per part.) Then
//! what only V2 has, right after the change's mapped event:
//!
//! | change | V2 events, in order | object, name, parent, payload |
//! |---|---|---|
//! | a group's owner (move, failover, online elsewhere, cancel back, drain) | group `OWNER_NODE`; old owner `NODE_GROUP_LOST`; new owner `NODE_GROUP_GAINED` | the group (parent: the new owner), payload the new owner's name (ours); the nodes, named after the group, no payload (ours) |
//! | `ChangeClusterResourceGroup` | resource `OWNER_GROUP`; old group `GROUP_RESOURCE_LOST`; new group `GROUP_RESOURCE_GAINED` | the resource (parent: the new group), payload the new group's name (ours); the groups, named after the resource, no payload (ours) |
//! | a dependency added or removed | the provider's `RESOURCE_DEPENDENTS` (after the dependent's `DEPENDENCIES`) | no payload (ours) |
//! | `Add`/`RemoveClusterResourceNode`, an eviction | resource `POSSIBLE_OWNERS` (no v1 event) | no payload (ours) |
//! | `SetClusterName` | cluster `RENAME` (after `COMMON_PROPERTY`) | the new name, no payload (ours) |
//! | a handle registered with `RegisterClusterNotifyV2` closed | the type's `*_HANDLE_CLOSE` | the object's ids and name, no payload |
//! | `AddResourceToClusterSharedVolumes` / `Remove...` | shared volume `ADDED` / `REMOVED` | the disk resource, no payload (ours) |
//! | a CSV's state on a node (`journal::complete` derives them) | shared volume `STATE`, per volume | the disk resource; payload a `CLUSTER_SHARED_VOLUME_STATE_INFO_EX` from that node |
//! | a CSV's backup or snapshot state; its group's owner | shared volume `STATE`, per volume | as above, from the owner (ours) |
//!
//! Names are NUL-terminated UTF-16 in payloads. Flags nothing here raises
//! (`CLUSTER_RECONNECT`, `CLUSTER_HANDLE_CLOSE`, `LOST_NOTIFICATIONS`, `MEMBERSHIP`,
//! `UPGRADED`, the `DLL_UPGRADED`s, `TERMINAL_STATE`, `RESOURCE_TYPE_POSSIBLE_OWNERS`,
//! `RESOURCE_TYPE_SPECIFIC`) are refused by `check_filters` with 87; each type's `*_ALL`
//! mask is accepted exactly (`raised_flags`).
//!
//! Ids: a node's is its number (`"1"`), everything else's its GUID; parents: a resource's
//! group, an interface's node, a group's owner node; resource types and the cluster have
//! none. A deleted object's event carries the id (and parent) it had. The type is a
//! resource's resource type name. The state payload is our choice (the real server's
//! payload for state changes is not documented): the state the change left the object in;
//! the property payloads are the lists `CLUSCTL_*_GET_COMMON_PROPERTIES` /
//! `_GET_PRIVATE_PROPERTIES` return.

use std::collections::VecDeque;

use crate::model::journal::{About, Change, Object};
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
    /// `CLUSTER_OBJECT_TYPE_SHARED_VOLUME`: a Cluster Shared Volume (its events are about
    /// the CSV's disk resource).
    pub const SHARED_VOLUME: u32 = 10;
}

/// `CLUSTER_CHANGE_*_V2` flags, per object type (`clusapi.h` values, as windows-sys 0.61
/// has them; meanings from Microsoft's `CLUSTER_CHANGE_*_V2` enumeration pages and MS-CMRP
/// 2.2.2.11 to 2.2.2.18). Each type's `*_ALL` is its `CLUSTER_CHANGE_*_ALL_V2` mask. Which
/// flags the simulator raises, and which it refuses, is in the module docs of `notify_v2`
/// and in `docs/behaviour.md`.
pub mod change_v2 {
    macro_rules! flags {
        ($( $(#[$doc:meta])* $name:ident = $value:literal; )*) => {
            $( $(#[$doc])* pub const $name: u64 = $value; )*
        };
    }
    flags! {
        /// `CLUSTER_CHANGE_CLUSTER_RECONNECT_V2`: the client reconnected to the cluster
        /// (made by the client library, never by the server). **Refused.**
        CLUSTER_RECONNECT = 0x1;
        /// `CLUSTER_CHANGE_CLUSTER_STATE_V2`: the cluster's state changed (the service
        /// stopped or started).
        CLUSTER_STATE = 0x2;
        /// `CLUSTER_CHANGE_CLUSTER_GROUP_ADDED_V2`: a group was added.
        CLUSTER_GROUP_ADDED = 0x4;
        /// `CLUSTER_CHANGE_CLUSTER_HANDLE_CLOSE_V2`: the cluster handle was closed. **Refused**
        /// (no cluster handle is registered with a V2 port here).
        CLUSTER_HANDLE_CLOSE = 0x8;
        /// `CLUSTER_CHANGE_CLUSTER_NETWORK_ADDED_V2`: a network was added.
        CLUSTER_NETWORK_ADDED = 0x10;
        /// `CLUSTER_CHANGE_CLUSTER_NODE_ADDED_V2`: a node was added.
        CLUSTER_NODE_ADDED = 0x20;
        /// `CLUSTER_CHANGE_CLUSTER_RESOURCE_TYPE_ADDED_V2`: a resource type was added.
        CLUSTER_RESOURCE_TYPE_ADDED = 0x40;
        /// `CLUSTER_CHANGE_CLUSTER_COMMON_PROPERTY_V2`: a common property of the cluster changed.
        CLUSTER_COMMON_PROPERTY = 0x80;
        /// `CLUSTER_CHANGE_CLUSTER_PRIVATE_PROPERTY_V2`: a private property of the cluster changed.
        CLUSTER_PRIVATE_PROPERTY = 0x100;
        /// `CLUSTER_CHANGE_CLUSTER_LOST_NOTIFICATIONS_V2`: notifications were lost. **Refused**
        /// (the simulator loses none).
        CLUSTER_LOST_NOTIFICATIONS = 0x200;
        /// `CLUSTER_CHANGE_CLUSTER_RENAME_V2`: the cluster was renamed.
        CLUSTER_RENAME = 0x400;
        /// `CLUSTER_CHANGE_CLUSTER_MEMBERSHIP_V2`: the cluster's membership view changed.
        /// **Refused** (no membership model).
        CLUSTER_MEMBERSHIP = 0x800;
        /// `CLUSTER_CHANGE_CLUSTER_UPGRADED_V2`: the cluster was upgraded. **Refused.**
        CLUSTER_UPGRADED = 0x1000;
        /// `CLUSTER_CHANGE_CLUSTER_ALL_V2`.
        CLUSTER_ALL = 0x1FFF;

        /// `CLUSTER_CHANGE_GROUP_DELETED_V2`: the group was deleted.
        GROUP_DELETED = 0x1;
        /// `CLUSTER_CHANGE_GROUP_COMMON_PROPERTY_V2`: a common property of the group changed.
        GROUP_COMMON_PROPERTY = 0x2;
        /// `CLUSTER_CHANGE_GROUP_PRIVATE_PROPERTY_V2`: a private property of the group changed.
        GROUP_PRIVATE_PROPERTY = 0x4;
        /// `CLUSTER_CHANGE_GROUP_STATE_V2`: the group's state changed.
        GROUP_STATE = 0x8;
        /// `CLUSTER_CHANGE_GROUP_OWNER_NODE_V2`: the group's owner node changed.
        GROUP_OWNER_NODE = 0x10;
        /// `CLUSTER_CHANGE_GROUP_PREFERRED_OWNERS_V2`: the group's preferred owners changed.
        GROUP_PREFERRED_OWNERS = 0x20;
        /// `CLUSTER_CHANGE_GROUP_RESOURCE_ADDED_V2`: a resource was added to the group.
        GROUP_RESOURCE_ADDED = 0x40;
        /// `CLUSTER_CHANGE_GROUP_RESOURCE_GAINED_V2`: the group gained a resource (one moved
        /// into it).
        GROUP_RESOURCE_GAINED = 0x80;
        /// `CLUSTER_CHANGE_GROUP_RESOURCE_LOST_V2`: the group lost a resource (one moved out).
        GROUP_RESOURCE_LOST = 0x100;
        /// `CLUSTER_CHANGE_GROUP_HANDLE_CLOSE_V2`: the registered group handle was closed.
        GROUP_HANDLE_CLOSE = 0x200;
        /// `CLUSTER_CHANGE_GROUP_ALL_V2`.
        GROUP_ALL = 0x3FF;

        /// `CLUSTER_CHANGE_RESOURCE_COMMON_PROPERTY_V2`: a common property of the resource changed.
        RESOURCE_COMMON_PROPERTY = 0x1;
        /// `CLUSTER_CHANGE_RESOURCE_PRIVATE_PROPERTY_V2`: a private property of the resource changed.
        RESOURCE_PRIVATE_PROPERTY = 0x2;
        /// `CLUSTER_CHANGE_RESOURCE_STATE_V2`: the resource's state changed.
        RESOURCE_STATE = 0x4;
        /// `CLUSTER_CHANGE_RESOURCE_OWNER_GROUP_V2`: the resource's owner group changed.
        RESOURCE_OWNER_GROUP = 0x8;
        /// `CLUSTER_CHANGE_RESOURCE_DEPENDENCIES_V2`: the resource's dependencies changed.
        RESOURCE_DEPENDENCIES = 0x10;
        /// `CLUSTER_CHANGE_RESOURCE_DEPENDENTS_V2`: the resource's dependents changed.
        RESOURCE_DEPENDENTS = 0x20;
        /// `CLUSTER_CHANGE_RESOURCE_POSSIBLE_OWNERS_V2`: the resource's possible owners changed.
        RESOURCE_POSSIBLE_OWNERS = 0x40;
        /// `CLUSTER_CHANGE_RESOURCE_DELETED_V2`: the resource was deleted.
        RESOURCE_DELETED = 0x80;
        /// `CLUSTER_CHANGE_RESOURCE_DLL_UPGRADED_V2`: the resource's DLL was upgraded.
        /// **Refused** (no DLLs here).
        RESOURCE_DLL_UPGRADED = 0x100;
        /// `CLUSTER_CHANGE_RESOURCE_HANDLE_CLOSE_V2`: the registered resource handle was closed.
        RESOURCE_HANDLE_CLOSE = 0x200;
        /// `CLUSTER_CHANGE_RESOURCE_TERMINAL_STATE_V2`: the resource reached a terminal state
        /// (Microsoft's page gives no more). **Refused.**
        RESOURCE_TERMINAL_STATE = 0x400;
        /// `CLUSTER_CHANGE_RESOURCE_ALL_V2`.
        RESOURCE_ALL = 0x7FF;

        /// `CLUSTER_CHANGE_RESOURCE_TYPE_DELETED_V2`: the resource type was deleted.
        RESOURCE_TYPE_DELETED = 0x1;
        /// `CLUSTER_CHANGE_RESOURCE_TYPE_COMMON_PROPERTY_V2`: a common property of the type changed.
        RESOURCE_TYPE_COMMON_PROPERTY = 0x2;
        /// `CLUSTER_CHANGE_RESOURCE_TYPE_PRIVATE_PROPERTY_V2`: a private property of the type changed.
        RESOURCE_TYPE_PRIVATE_PROPERTY = 0x4;
        /// `CLUSTER_CHANGE_RESOURCE_TYPE_POSSIBLE_OWNERS_V2`: the type's possible owners
        /// changed. **Refused** (no call changes them here).
        RESOURCE_TYPE_POSSIBLE_OWNERS = 0x8;
        /// `CLUSTER_CHANGE_RESOURCE_TYPE_DLL_UPGRADED_V2`: the type's DLL was upgraded. **Refused.**
        RESOURCE_TYPE_DLL_UPGRADED = 0x10;
        /// `CLUSTER_RESOURCE_TYPE_SPECIFIC_V2` (so spelled in `clusapi.h`): a notification
        /// specific to the resource type. **Refused.**
        RESOURCE_TYPE_SPECIFIC = 0x20;
        /// `CLUSTER_CHANGE_RESOURCE_TYPE_ALL_V2`.
        RESOURCE_TYPE_ALL = 0x3F;

        /// `CLUSTER_CHANGE_NETINTERFACE_DELETED_V2`: the network interface was deleted.
        NETINTERFACE_DELETED = 0x1;
        /// `CLUSTER_CHANGE_NETINTERFACE_COMMON_PROPERTY_V2`: a common property of the interface changed.
        NETINTERFACE_COMMON_PROPERTY = 0x2;
        /// `CLUSTER_CHANGE_NETINTERFACE_PRIVATE_PROPERTY_V2`: a private property of the interface changed.
        NETINTERFACE_PRIVATE_PROPERTY = 0x4;
        /// `CLUSTER_CHANGE_NETINTERFACE_STATE_V2`: the interface's state changed.
        NETINTERFACE_STATE = 0x8;
        /// `CLUSTER_CHANGE_NETINTERFACE_HANDLE_CLOSE_V2`: the registered interface handle was closed.
        NETINTERFACE_HANDLE_CLOSE = 0x10;
        /// `CLUSTER_CHANGE_NETINTERFACE_ALL_V2`.
        NETINTERFACE_ALL = 0x1F;

        /// `CLUSTER_CHANGE_NETWORK_DELETED_V2`: the network was deleted.
        NETWORK_DELETED = 0x1;
        /// `CLUSTER_CHANGE_NETWORK_COMMON_PROPERTY_V2`: a common property of the network changed.
        NETWORK_COMMON_PROPERTY = 0x2;
        /// `CLUSTER_CHANGE_NETWORK_PRIVATE_PROPERTY_V2`: a private property of the network changed.
        NETWORK_PRIVATE_PROPERTY = 0x4;
        /// `CLUSTER_CHANGE_NETWORK_STATE_V2`: the network's state changed.
        NETWORK_STATE = 0x8;
        /// `CLUSTER_CHANGE_NETWORK_HANDLE_CLOSE_V2`: the registered network handle was closed.
        NETWORK_HANDLE_CLOSE = 0x10;
        /// `CLUSTER_CHANGE_NETWORK_ALL_V2`.
        NETWORK_ALL = 0x1F;

        /// `CLUSTER_CHANGE_NODE_NETINTERFACE_ADDED_V2`: a network interface of the node was added.
        NODE_NETINTERFACE_ADDED = 0x1;
        /// `CLUSTER_CHANGE_NODE_DELETED_V2`: the node was deleted (evicted).
        NODE_DELETED = 0x2;
        /// `CLUSTER_CHANGE_NODE_COMMON_PROPERTY_V2`: a common property of the node changed.
        NODE_COMMON_PROPERTY = 0x4;
        /// `CLUSTER_CHANGE_NODE_PRIVATE_PROPERTY_V2`: a private property of the node changed.
        NODE_PRIVATE_PROPERTY = 0x8;
        /// `CLUSTER_CHANGE_NODE_STATE_V2`: the node's state changed.
        NODE_STATE = 0x10;
        /// `CLUSTER_CHANGE_NODE_GROUP_GAINED_V2`: the node gained a group (became its owner).
        NODE_GROUP_GAINED = 0x20;
        /// `CLUSTER_CHANGE_NODE_GROUP_LOST_V2`: the node lost a group (is its owner no more).
        NODE_GROUP_LOST = 0x40;
        /// `CLUSTER_CHANGE_NODE_HANDLE_CLOSE_V2`: the registered node handle was closed.
        NODE_HANDLE_CLOSE = 0x80;
        /// `CLUSTER_CHANGE_NODE_ALL_V2`.
        NODE_ALL = 0xFF;

        /// `CLUSTER_CHANGE_SHARED_VOLUME_STATE_V2`: the state of a Cluster Shared Volume
        /// changed (on a node, or its backup or snapshot state).
        SHARED_VOLUME_STATE = 0x1;
        /// `CLUSTER_CHANGE_SHARED_VOLUME_ADDED_V2`: a disk became a Cluster Shared Volume.
        SHARED_VOLUME_ADDED = 0x2;
        /// `CLUSTER_CHANGE_SHARED_VOLUME_REMOVED_V2`: a disk stopped being one.
        SHARED_VOLUME_REMOVED = 0x4;
        /// `CLUSTER_CHANGE_SHARED_VOLUME_ALL_V2`.
        SHARED_VOLUME_ALL = 0x7;
    }
}

/// The flags of an object type the simulator raises, and the type's `*_ALL_V2` mask (`None`:
/// not a type V2 filters here).
pub(crate) fn raised_flags(object_type: u32) -> Option<(u64, u64)> {
    use change_v2 as v;
    let (raised, all) = match object_type {
        object_type::CLUSTER => (
            v::CLUSTER_STATE
                | v::CLUSTER_GROUP_ADDED
                | v::CLUSTER_NETWORK_ADDED
                | v::CLUSTER_NODE_ADDED
                | v::CLUSTER_RESOURCE_TYPE_ADDED
                | v::CLUSTER_COMMON_PROPERTY
                | v::CLUSTER_PRIVATE_PROPERTY
                | v::CLUSTER_RENAME,
            v::CLUSTER_ALL,
        ),
        object_type::GROUP => (v::GROUP_ALL, v::GROUP_ALL),
        object_type::RESOURCE => {
            (v::RESOURCE_ALL & !(v::RESOURCE_DLL_UPGRADED | v::RESOURCE_TERMINAL_STATE), v::RESOURCE_ALL)
        }
        object_type::RESOURCE_TYPE => (
            v::RESOURCE_TYPE_DELETED | v::RESOURCE_TYPE_COMMON_PROPERTY | v::RESOURCE_TYPE_PRIVATE_PROPERTY,
            v::RESOURCE_TYPE_ALL,
        ),
        object_type::NETWORK_INTERFACE => (v::NETINTERFACE_ALL, v::NETINTERFACE_ALL),
        object_type::NETWORK => (v::NETWORK_ALL, v::NETWORK_ALL),
        object_type::NODE => (v::NODE_ALL, v::NODE_ALL),
        object_type::SHARED_VOLUME => (v::SHARED_VOLUME_ALL, v::SHARED_VOLUME_ALL),
        _ => return None,
    };
    Some((raised, all))
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

impl NotificationV2 {
    /// What [`payload`](Self::payload) holds, as far as its wide strings go (what the C
    /// ABI's native-`wchar_t` build re-encodes): the new owner's name of
    /// `GROUP_OWNER_NODE` and `RESOURCE_OWNER_GROUP` is text; the payload of a
    /// `*_COMMON_PROPERTY` or `*_PRIVATE_PROPERTY` event a property list; a
    /// `SHARED_VOLUME_STATE` event's a `CLUSTER_SHARED_VOLUME_STATE_INFO_EX`; anything else
    /// (a state `DWORD`, nothing) has no string.
    #[must_use]
    pub fn payload_layout(&self) -> crate::clusctl::BufferLayout {
        use crate::clusctl::BufferLayout;
        use change_v2 as v;
        use object_type as t;
        let NotifyFilter { object_type, flags } = self.filter;
        let properties = [
            (t::CLUSTER, v::CLUSTER_COMMON_PROPERTY, v::CLUSTER_PRIVATE_PROPERTY),
            (t::NODE, v::NODE_COMMON_PROPERTY, v::NODE_PRIVATE_PROPERTY),
            (t::GROUP, v::GROUP_COMMON_PROPERTY, v::GROUP_PRIVATE_PROPERTY),
            (t::RESOURCE, v::RESOURCE_COMMON_PROPERTY, v::RESOURCE_PRIVATE_PROPERTY),
            (t::NETWORK, v::NETWORK_COMMON_PROPERTY, v::NETWORK_PRIVATE_PROPERTY),
            (t::NETWORK_INTERFACE, v::NETINTERFACE_COMMON_PROPERTY, v::NETINTERFACE_PRIVATE_PROPERTY),
        ];
        if (object_type, flags) == (t::SHARED_VOLUME, v::SHARED_VOLUME_STATE) {
            BufferLayout::Structures(&crate::clusctl::CLUSTER_SHARED_VOLUME_STATE_INFO_EX)
        } else if (object_type, flags) == (t::GROUP, v::GROUP_OWNER_NODE)
            || (object_type, flags) == (t::RESOURCE, v::RESOURCE_OWNER_GROUP)
        {
            BufferLayout::Text
        } else if properties
            .iter()
            .any(|&(ty, common, private)| ty == object_type && (flags == common || flags == private))
        {
            BufferLayout::PropertyList
        } else {
            BufferLayout::Binary
        }
    }
}

/// What a V2 port listens to, and its queue.
#[derive(Debug, Default)]
pub(crate) struct V2Registrations {
    /// Cluster-wide: cluster, filters, key.
    pub clusters: Vec<(ClusterKey, Vec<NotifyFilter>, usize)>,
    /// One object: the handle registered (raw, for `*_HANDLE_CLOSE`), its object, filter, key.
    pub objects: Vec<(usize, Object, NotifyFilter, usize)>,
    pub queue: VecDeque<NotificationV2>,
}

/// What a V2 event carries besides its ids, name and type.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Payload {
    None,
    /// A state code, as a `DWORD`.
    State(i32),
    /// The object's common property list.
    Common,
    /// The object's private property list.
    Private,
    /// A name, as a NUL-terminated UTF-16 string.
    Text(String),
    /// A `CLUSTER_SHARED_VOLUME_STATE_INFO_EX`: volume `partition` (0-based) of the CSV
    /// disk the event is about, in `state` on `node`.
    SharedVolume {
        partition: usize,
        node: crate::model::world::NodeKey,
        state: u32,
    },
}

/// One V2 event a change raises, before it is matched against registrations.
#[derive(Debug, Clone)]
struct Raised {
    cluster: ClusterKey,
    object_type: u32,
    flag: u64,
    /// The object the event is about (the container for "added", "gained" and "lost").
    object: Object,
    name: String,
    payload: Payload,
    /// What a deletion recorded of the object (its id and parent once it is gone).
    about: Option<About>,
}

/// The V2 object type of an object, and its `COMMON_PROPERTY`, `PRIVATE_PROPERTY` and
/// `HANDLE_CLOSE` flags (0: none).
fn kind(object: Object) -> (u32, u64, u64, u64) {
    use change_v2 as v;
    use object_type as t;
    match object {
        Object::Cluster(_) => (t::CLUSTER, v::CLUSTER_COMMON_PROPERTY, v::CLUSTER_PRIVATE_PROPERTY, 0),
        Object::Node(_) => (t::NODE, v::NODE_COMMON_PROPERTY, v::NODE_PRIVATE_PROPERTY, v::NODE_HANDLE_CLOSE),
        Object::Group(_) => {
            (t::GROUP, v::GROUP_COMMON_PROPERTY, v::GROUP_PRIVATE_PROPERTY, v::GROUP_HANDLE_CLOSE)
        }
        Object::Resource(_) => {
            (t::RESOURCE, v::RESOURCE_COMMON_PROPERTY, v::RESOURCE_PRIVATE_PROPERTY, v::RESOURCE_HANDLE_CLOSE)
        }
        Object::Network(_) => {
            (t::NETWORK, v::NETWORK_COMMON_PROPERTY, v::NETWORK_PRIVATE_PROPERTY, v::NETWORK_HANDLE_CLOSE)
        }
        Object::NetInterface(_) => (
            t::NETWORK_INTERFACE,
            v::NETINTERFACE_COMMON_PROPERTY,
            v::NETINTERFACE_PRIVATE_PROPERTY,
            v::NETINTERFACE_HANDLE_CLOSE,
        ),
        Object::ResourceType(_) => {
            (t::RESOURCE_TYPE, v::RESOURCE_TYPE_COMMON_PROPERTY, v::RESOURCE_TYPE_PRIVATE_PROPERTY, 0)
        }
    }
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

/// The V2 events of one change (`e`: its version 1 event, if it has one), in the order the
/// module docs give: the version 1 event's V2 form (a property change: one per part that
/// changed), then what V2 alone says about it.
fn raised(world: &World, changes: &[Change], change: &Change, e: Option<&Event>) -> Vec<Raised> {
    use change_v2 as v;
    use object_type as t;
    let mut out = Vec::new();
    if let Some(e) = e {
        if let Some((ty, flag, object)) = map(e) {
            let is_object = object == e.object;
            // A deleted object's own event is described as its deletion recorded it.
            let about = (is_object && e.filter == crate::session::notify::bits(object).1)
                .then(|| e.about.clone())
                .flatten();
            let state = e.state.filter(|_| is_object).map_or(Payload::None, Payload::State);
            let mapped = |flag, payload| Raised {
                cluster: e.cluster,
                object_type: ty,
                flag,
                object,
                name: e.name.clone(),
                payload,
                about: about.clone(),
            };
            match change {
                Change::PropertiesChanged { object: o, parts, .. } => {
                    let (_, common, private, _) = kind(*o);
                    let payload = |p| if matches!(o, Object::ResourceType(_)) { Payload::None } else { p };
                    if parts.common {
                        out.push(mapped(common, payload(Payload::Common)));
                    }
                    if parts.private {
                        out.push(mapped(private, payload(Payload::Private)));
                    }
                    if parts.preferred_owners {
                        out.push(mapped(v::GROUP_PREFERRED_OWNERS, Payload::None));
                    }
                    if parts.dependencies {
                        out.push(mapped(v::RESOURCE_DEPENDENCIES, Payload::None));
                    }
                }
                Change::Renamed { object: o, .. } => {
                    let payload =
                        if matches!(o, Object::ResourceType(_)) { Payload::None } else { Payload::Common };
                    out.push(mapped(flag, payload));
                }
                _ => out.push(mapped(flag, state)),
            }
        }
    }
    let mut push_to = |cluster, object_type, flag, object, name: &str, payload| {
        out.push(Raised { cluster, object_type, flag, object, name: name.to_owned(), payload, about: None });
    };
    match change {
        Change::Renamed { object: Object::Cluster(c), new, .. } => {
            push_to(*c, t::CLUSTER, v::CLUSTER_RENAME, Object::Cluster(*c), new, Payload::None);
        }
        // An owner change (completed into the group's state change): the group's new owner,
        // then the node that lost it and the node that gained it.
        Change::GroupState { group, cluster, name, old, new } if old.1 != new.1 => {
            let owner = name_of(world, changes, Object::Node(new.1));
            push_to(
                *cluster,
                t::GROUP,
                v::GROUP_OWNER_NODE,
                Object::Group(*group),
                name,
                Payload::Text(owner),
            );
            for (node, flag) in [(old.1, v::NODE_GROUP_LOST), (new.1, v::NODE_GROUP_GAINED)] {
                if known(world, changes, Object::Node(node)) {
                    push_to(*cluster, t::NODE, flag, Object::Node(node), name, Payload::None);
                }
            }
            // A Cluster Shared Volume's new owner reports each of its volumes (ours); not a
            // group made in this call (a CSV's new group: its addition says it).
            let made = changes
                .iter()
                .any(|c| matches!(c, Change::Added { object: Object::Group(g), .. } if g == group));
            let disks =
                world.groups.get(*group).filter(|_| !made).map(|g| g.resources.clone()).unwrap_or_default();
            for disk in disks.into_iter().filter(|&d| world.disk_of(d).is_some_and(|d| d.csv.is_some())) {
                let disk_name = name_of(world, changes, Object::Resource(disk));
                let state = csv_state_at(world, changes, change, disk, new.1);
                for partition in 0..partitions(world, disk) {
                    let payload = Payload::SharedVolume { partition, node: new.1, state };
                    let r = Object::Resource(disk);
                    push_to(*cluster, t::SHARED_VOLUME, v::SHARED_VOLUME_STATE, r, &disk_name, payload);
                }
            }
        }
        // `ChangeClusterResourceGroup`: the resource's new group, then the group that lost
        // it and the group that gained it.
        Change::ResourceMoved { resource, cluster, name, from, to, .. } => {
            let group = name_of(world, changes, Object::Group(*to));
            let r = Object::Resource(*resource);
            push_to(*cluster, t::RESOURCE, v::RESOURCE_OWNER_GROUP, r, name, Payload::Text(group));
            push_to(*cluster, t::GROUP, v::GROUP_RESOURCE_LOST, Object::Group(*from), name, Payload::None);
            push_to(*cluster, t::GROUP, v::GROUP_RESOURCE_GAINED, Object::Group(*to), name, Payload::None);
        }
        Change::PossibleOwnersChanged { resource, cluster, name } => {
            let r = Object::Resource(*resource);
            push_to(*cluster, t::RESOURCE, v::RESOURCE_POSSIBLE_OWNERS, r, name, Payload::None);
        }
        Change::SharedVolume { resource, cluster, name, what } => {
            use crate::model::journal::SharedVolumeChange as W;
            let r = Object::Resource(*resource);
            match what {
                W::Added => {
                    push_to(*cluster, t::SHARED_VOLUME, v::SHARED_VOLUME_ADDED, r, name, Payload::None)
                }
                W::Removed => {
                    push_to(*cluster, t::SHARED_VOLUME, v::SHARED_VOLUME_REMOVED, r, name, Payload::None);
                }
                // The owner, which keeps the backup state, reports each volume (ours).
                W::Backup => {
                    let owner = world
                        .resources
                        .get(*resource)
                        .and_then(|x| world.groups.get(x.group))
                        .map(|g| g.owner);
                    if let Some(owner) = owner {
                        let state = csv_state_at(world, changes, change, *resource, owner);
                        for partition in 0..partitions(world, *resource) {
                            let payload = Payload::SharedVolume { partition, node: owner, state };
                            push_to(*cluster, t::SHARED_VOLUME, v::SHARED_VOLUME_STATE, r, name, payload);
                        }
                    }
                }
                // Its per-node states follow (`journal::complete`).
                W::Redirected { .. } => {}
            }
        }
        Change::SharedVolumeState { resource, cluster, name, node, new, .. } => {
            let r = Object::Resource(*resource);
            for partition in 0..partitions(world, *resource) {
                let payload = Payload::SharedVolume { partition, node: *node, state: *new };
                push_to(*cluster, t::SHARED_VOLUME, v::SHARED_VOLUME_STATE, r, name, payload);
            }
        }
        Change::DependentsChanged { resource, cluster, .. } => {
            let r = Object::Resource(*resource);
            if known(world, changes, r) {
                let name = name_of(world, changes, r);
                push_to(*cluster, t::RESOURCE, v::RESOURCE_DEPENDENTS, r, &name, Payload::None);
            }
        }
        _ => {}
    }
    out
}

/// The state of the CSV disk `disk` on `node` when `change` (one of `changes`) was made:
/// the last per-node state change before it, else the state the first one after it left,
/// else the state now.
fn csv_state_at(
    world: &World,
    changes: &[Change],
    change: &Change,
    disk: crate::model::world::ResourceKey,
    node: crate::model::world::NodeKey,
) -> u32 {
    let at = changes.iter().position(|c| std::ptr::eq(c, change)).unwrap_or(changes.len());
    let of = |c: &Change| match c {
        Change::SharedVolumeState { resource, node: n, old, new, .. } if *resource == disk && *n == node => {
            Some((*old, *new))
        }
        _ => None,
    };
    let (before, after) = changes.split_at(at);
    before.iter().rev().find_map(of).map(|(_, new)| new).unwrap_or_else(|| {
        after.iter().find_map(of).map_or_else(
            || world.csv_state_on(disk, node),
            |(old, _)| old.unwrap_or(crate::model::world::storage::SHARED_VOLUME_STATE_UNAVAILABLE),
        )
    })
}

/// How many volumes (partitions) the disk of `resource` has.
fn partitions(world: &World, resource: crate::model::world::ResourceKey) -> usize {
    world.disk_of(resource).map_or(0, |d| d.disk.partitions.len())
}

/// Whether the world, or a deletion among the call's changes, knows `object`.
fn known(world: &World, changes: &[Change], object: Object) -> bool {
    !id_of(world, changes, object).is_empty()
}

/// The name of an object: from the world, or, for one deleted in this call, from the change
/// that deleted it.
fn name_of(world: &World, changes: &[Change], object: Object) -> String {
    let now = match object {
        Object::Node(k) => world.nodes.get(k).map(|n| n.name.clone()),
        Object::Group(k) => world.groups.get(k).map(|g| g.name.clone()),
        Object::Resource(k) => world.resources.get(k).map(|r| r.name.clone()),
        Object::Network(k) => world.networks.get(k).map(|n| n.name.clone()),
        Object::NetInterface(k) => world.net_interfaces.get(k).map(|i| i.name.clone()),
        Object::Cluster(k) => world.clusters.get(k).map(|c| c.name.clone()),
        Object::ResourceType(_) => None,
    };
    now.or_else(|| {
        changes.iter().find_map(|c| match c {
            Change::Deleted { object: o, about } if *o == object => Some(about.name.clone()),
            _ => None,
        })
    })
    .unwrap_or_default()
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
/// as its deletion recorded it (`about`).
fn describe(
    world: &World,
    changes: &[Change],
    object: Object,
    about: Option<&About>,
) -> (String, String, String) {
    if let Some(about) = about {
        let parent = about.parent.map(|p| id_of(world, changes, p)).unwrap_or_default();
        return (about.id.clone(), parent, about.type_name.clone());
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

/// The bytes of a payload: a state `DWORD`, a property list as
/// `CLUSCTL_*_GET_COMMON_PROPERTIES` / `_GET_PRIVATE_PROPERTIES` returns it, a
/// NUL-terminated UTF-16 name, or nothing.
fn payload(world: &mut World, payload: &Payload, object: Object) -> Vec<u8> {
    use crate::model::control::Target;
    use crate::model::control::codes as k;
    let function = match payload {
        Payload::None => return Vec::new(),
        Payload::State(state) => return state.to_le_bytes().to_vec(),
        Payload::Text(text) => {
            return text.encode_utf16().chain(std::iter::once(0)).flat_map(u16::to_le_bytes).collect();
        }
        Payload::SharedVolume { partition, node, state } => {
            let Object::Resource(r) = object else { return Vec::new() };
            return crate::rules::storage::state_info_ex(world, r, *partition, *node, *state);
        }
        Payload::Common => k::CLCTL_GET_COMMON_PROPERTIES,
        Payload::Private => k::CLCTL_GET_PRIVATE_PROPERTIES,
    };
    let (target, kind) = match object {
        Object::Node(n) => (Target::Node(n), k::CLUS_OBJECT_NODE),
        Object::Group(g) => (Target::Group(g), k::CLUS_OBJECT_GROUP),
        Object::Resource(r) => (Target::Resource(r), k::CLUS_OBJECT_RESOURCE),
        Object::Network(n) => (Target::Network(n), k::CLUS_OBJECT_NETWORK),
        Object::NetInterface(i) => (Target::NetInterface(i), k::CLUS_OBJECT_NETINTERFACE),
        Object::Cluster(c) => (Target::Cluster(c), k::CLUS_OBJECT_CLUSTER),
        Object::ResourceType(_) => return Vec::new(),
    };
    crate::rules::control::control(world, target, k::clusctl(kind, function), &[], false).unwrap_or_default()
}

/// Queues the V2 events of `change` (`e`: its version 1 event, if any) in every port with
/// a matching V2 registration; whether any. `changes` are the call's (a deleted object's
/// id and name are found there).
pub(crate) fn deliver_v2(
    ports: &mut slotmap::SlotMap<crate::session::notify::PortKey, Port>,
    world: &mut World,
    change: &Change,
    e: Option<&Event>,
    changes: &[Change],
) -> bool {
    let mut any = false;
    for r in raised(world, changes, change, e) {
        let mut built: Option<NotificationV2> = None;
        for port in ports.values_mut() {
            let mut keys = Vec::new();
            for (c, filters, key) in &port.v2.clusters {
                if *c == r.cluster
                    && filters.iter().any(|f| f.object_type == r.object_type && f.flags & r.flag != 0)
                {
                    keys.push(*key);
                }
            }
            for (_, o, f, key) in &port.v2.objects {
                if *o == r.object && f.object_type == r.object_type && f.flags & r.flag != 0 {
                    keys.push(*key);
                }
            }
            for key in keys {
                let n = built.get_or_insert_with(|| {
                    let (object_id, parent_id, object_type_name) =
                        describe(world, changes, r.object, r.about.as_ref());
                    NotificationV2 {
                        key: 0,
                        filter: NotifyFilter { object_type: r.object_type, flags: r.flag },
                        payload: payload(world, &r.payload, r.object),
                        object_id,
                        parent_id,
                        name: r.name.clone(),
                        object_type_name,
                    }
                });
                let mut n = n.clone();
                n.key = key;
                port.v2.queue.push_back(n);
                any = true;
            }
        }
    }
    any
}

/// A handle registered with `RegisterClusterNotifyV2` was closed: each V2 registration of
/// it goes, and those whose filter has the type's `*_HANDLE_CLOSE` flag queue that event
/// (the object's ids, name and type; no payload). Whether any.
pub(crate) fn deliver_v2_handle_closed(
    ports: &mut slotmap::SlotMap<crate::session::notify::PortKey, Port>,
    world: &World,
    changes: &[Change],
    raw: usize,
    name: &str,
) -> bool {
    let mut any = false;
    for port in ports.values_mut() {
        let mut closed = Vec::new();
        port.v2.objects.retain(|&(h, object, filter, key)| {
            let (ty, _, _, flag) = kind(object);
            if h == raw && flag != 0 && filter.object_type == ty && filter.flags & flag != 0 {
                closed.push((object, ty, flag, key));
            }
            h != raw
        });
        for (object, ty, flag, key) in closed {
            let (object_id, parent_id, object_type_name) = describe(world, changes, object, None);
            port.v2.queue.push_back(NotificationV2 {
                key,
                filter: NotifyFilter { object_type: ty, flags: flag },
                payload: Vec::new(),
                object_id,
                parent_id,
                name: name.to_owned(),
                object_type_name,
            });
            any = true;
        }
    }
    any
}
