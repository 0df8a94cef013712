//! The journal: what the world's rules changed, in the order they changed it.
//!
//! While a notification port is open, every change is written down at the point it is
//! made, as a typed [`Change`]: the world's object maps ([`crate::model::world`]'s `Tracked`) hand
//! out a guard on every mutable access that notes the object's observable fields (name,
//! state, owner, group, preferred owners, dependencies, count of property sets) when taken
//! and records what differs when dropped; inserts and removes record [`Change::Added`] and
//! [`Change::Deleted`] with the object's name and id. What no object field holds is recorded
//! by the code that changes it: resource types, registry changes, closed handles, a cluster
//! service that stops or starts.
//!
//! When the call ends, the notification layer takes the call's changes ([`Journal::take`]),
//! completes them with what follows from them ([`complete`]: a group's state derives from
//! its resources') and turns each into its events, in the order the changes happened. A
//! call costs time in proportion to what it changed, whatever the size of the world; with
//! no port open nothing is recorded (one flag is read per mutable access).

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::model::world::{ClusterKey, GroupKey, NetInterfaceKey, NetworkKey, NodeKey, ResourceKey, World};
use crate::types::state::{
    ClusterGroupState, ClusterNetInterfaceState, ClusterNetworkState, ClusterNodeState, ClusterResourceState,
    group_state,
};

/// An object of the world, as changes and events name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Object {
    Cluster(ClusterKey),
    Node(NodeKey),
    Group(GroupKey),
    Resource(ResourceKey),
    Network(NetworkKey),
    NetInterface(NetInterfaceKey),
    /// A resource type of this cluster (a type is no slot-map object: the change's name
    /// says which).
    ResourceType(ClusterKey),
}

impl Object {
    /// The object behind a handle's entry, for the kinds events are about.
    pub(crate) fn of_handle(kind: crate::HandleKind, key: slotmap::KeyData) -> Option<Object> {
        use crate::HandleKind as K;
        Some(match kind {
            K::Cluster => Object::Cluster(key.into()),
            K::Node => Object::Node(key.into()),
            K::Group => Object::Group(key.into()),
            K::Resource => Object::Resource(key.into()),
            K::Network => Object::Network(key.into()),
            K::NetInterface => Object::NetInterface(key.into()),
            _ => return None,
        })
    }
}

/// What a change that makes or ends an object records of it: what its events need once
/// it is gone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct About {
    pub cluster: ClusterKey,
    pub name: String,
    /// Its V2 id: a node's number, a GUID, "" for a resource type.
    pub id: String,
    /// Its parent: a group's owner node, a resource's group, an interface's node.
    pub parent: Option<Object>,
    /// A resource's type name ("" otherwise).
    pub type_name: String,
    /// A resource's state (for its group's derived state).
    pub resource_state: Option<ClusterResourceState>,
}

/// Which parts of an object's properties a [`Change::PropertiesChanged`] is about (V2 has
/// a flag for each; version 1 one `*_PROPERTY` event for all).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[allow(clippy::struct_excessive_bools)] // four independent parts, as the V2 flags are
pub(crate) struct Parts {
    /// Common properties (`CLUSCTL_*_SET_COMMON_PROPERTIES`, the root registry key).
    pub common: bool,
    /// Private properties (`CLUSCTL_*_SET_PRIVATE_PROPERTIES`, the `Parameters` key).
    pub private: bool,
    /// A group's preferred owners (`SetClusterGroupNodeList`).
    pub preferred_owners: bool,
    /// A resource's dependencies (`Add`/`RemoveClusterResourceDependency`).
    pub dependencies: bool,
}

/// One change to the world, as the rules made it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Change {
    /// An object came into the world.
    Added { object: Object, about: About },
    /// An object left the world.
    Deleted { object: Object, about: About },
    /// An object's name changed (a `*_PROPERTY` event, under the new name).
    Renamed { object: Object, cluster: ClusterKey, old: String, new: String },
    /// An object's properties changed: a property set (common or private), a group's
    /// preferred owners, a resource's dependencies (`parts` says which).
    PropertiesChanged { object: Object, cluster: ClusterKey, name: String, parts: Parts },
    /// A resource's possible owners changed (`Add`/`RemoveClusterResourceNode`, an evicted
    /// node): V2's `RESOURCE_POSSIBLE_OWNERS` only (version 1 has no event for it).
    PossibleOwnersChanged { resource: ResourceKey, cluster: ClusterKey, name: String },
    /// `resource`'s dependents changed: `dependent` started or stopped depending on it.
    /// V2's `RESOURCE_DEPENDENTS` only. Its name is looked up when the event is made.
    DependentsChanged { resource: ResourceKey, cluster: ClusterKey, dependent: ResourceKey },
    NodeState {
        node: NodeKey,
        cluster: ClusterKey,
        name: String,
        old: ClusterNodeState,
        new: ClusterNodeState,
    },
    /// A group's owner changed (the rules record it; [`complete`] turns it into a
    /// [`Change::GroupState`]).
    GroupOwner { group: GroupKey, cluster: ClusterKey, name: String, old: NodeKey, new: NodeKey },
    /// A group's state, which is its state derived from its resources' and its owner,
    /// changed. Only [`complete`] makes these.
    GroupState {
        group: GroupKey,
        cluster: ClusterKey,
        name: String,
        old: (ClusterGroupState, NodeKey),
        new: (ClusterGroupState, NodeKey),
    },
    ResourceState {
        resource: ResourceKey,
        /// Its group (when the state changed).
        group: GroupKey,
        cluster: ClusterKey,
        name: String,
        old: ClusterResourceState,
        new: ClusterResourceState,
    },
    /// A resource moved to another group (`ChangeClusterResourceGroup`), in `state`. No
    /// event of its own: its groups' state events follow from it.
    ResourceMoved {
        resource: ResourceKey,
        cluster: ClusterKey,
        name: String,
        from: GroupKey,
        to: GroupKey,
        state: ClusterResourceState,
    },
    NetworkState {
        network: NetworkKey,
        cluster: ClusterKey,
        name: String,
        old: ClusterNetworkState,
        new: ClusterNetworkState,
    },
    NetInterfaceState {
        net_interface: NetInterfaceKey,
        cluster: ClusterKey,
        name: String,
        old: ClusterNetInterfaceState,
        new: ClusterNetInterfaceState,
    },
    /// A cluster's service stopped or started (a lever).
    ClusterState { cluster: ClusterKey, name: String, running: bool },
    /// A registry key changed: `key` is the key handle's view (its object and path),
    /// `scope` the key whose contents changed, `filter` the `CLUSTER_CHANGE_REGISTRY_*`
    /// bit, `name` the event's name (the path).
    RegistryChanged { key: crate::model::registry::OpenKey, scope: Vec<String>, filter: u32, name: String },
    /// A handle was closed (raw value) while a port had it registered: `HANDLE_CLOSE`.
    HandleClosed { handle: usize, name: String },
    /// A disk became a Cluster Shared Volume, stopped being one, or one of its CSV states
    /// changed (the rules of `rules::storage` record these: no tracked field holds them).
    /// V2's `CLUSTER_OBJECT_TYPE_SHARED_VOLUME` events only.
    SharedVolume { resource: ResourceKey, cluster: ClusterKey, name: String, what: SharedVolumeChange },
    /// A Cluster Shared Volume's state on one node (`CLUSTER_SHARED_VOLUME_STATE`) changed:
    /// `old` is `None` when the disk was no CSV before. Only [`complete`] makes these.
    SharedVolumeState {
        resource: ResourceKey,
        cluster: ClusterKey,
        name: String,
        node: NodeKey,
        old: Option<u32>,
        new: u32,
    },
}

/// What a [`Change::SharedVolume`] says of the disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SharedVolumeChange {
    /// `AddResourceToClusterSharedVolumes`.
    Added,
    /// `RemoveResourceFromClusterSharedVolumes`.
    Removed,
    /// The redirected-access lever moved.
    Redirected { old: bool, new: bool },
    /// Its backup or snapshot state changed (`ClusterPrepareSharedVolumeForBackup`, the
    /// snapshot state, the clear).
    Backup,
}

/// A simulator's journal. Clones share it: the world and each of its maps hold one.
#[derive(Debug, Clone, Default)]
pub(crate) struct Journal(Arc<Shared>);

#[derive(Debug, Default)]
struct Shared {
    /// Whether changes are recorded (while a notification port is open).
    recording: AtomicBool,
    /// Only ever taken under the simulator's state lock, so never contended.
    changes: parking_lot::Mutex<Vec<Change>>,
}

impl Journal {
    /// Whether changes are being recorded: what every mutable access checks.
    #[inline]
    pub(crate) fn recording(&self) -> bool {
        self.0.recording.load(Ordering::Relaxed)
    }

    /// Starts or stops recording; stopping forgets what was recorded.
    pub(crate) fn set_recording(&self, on: bool) {
        self.0.recording.store(on, Ordering::Relaxed);
        if !on {
            self.0.changes.lock().clear();
        }
    }

    /// Records a change (nothing while not recording).
    pub(crate) fn record(&self, change: Change) {
        if self.recording() {
            self.0.changes.lock().push(change);
        }
    }

    /// Whether nothing was recorded since the last [`take`](Self::take).
    pub(crate) fn is_empty(&self) -> bool {
        self.0.changes.lock().is_empty()
    }

    /// The changes recorded since the last call, in the order they were made.
    pub(crate) fn take(&self) -> Vec<Change> {
        std::mem::take(&mut *self.0.changes.lock())
    }
}

/// A group's state through one call's changes: its members with their states, its owner.
struct GroupTrack {
    group: GroupKey,
    cluster: ClusterKey,
    name: String,
    owner: NodeKey,
    members: Vec<(ResourceKey, ClusterResourceState)>,
}

impl GroupTrack {
    /// The group as it is now (empty and nameless if it is gone: undoing its deletion
    /// gives it back its name and owner).
    fn now(world: &World, group: GroupKey) -> Self {
        match world.groups.get(group) {
            Some(g) => GroupTrack {
                group,
                cluster: g.cluster,
                name: g.name.clone(),
                owner: g.owner,
                members: g
                    .resources
                    .iter()
                    .filter_map(|&r| world.resources.get(r).map(|res| (r, res.state)))
                    .collect(),
            },
            None => GroupTrack {
                group,
                cluster: ClusterKey::default(),
                name: String::new(),
                owner: NodeKey::default(),
                members: Vec::new(),
            },
        }
    }

    fn state(&self) -> (ClusterGroupState, NodeKey) {
        (group_state(self.members.iter().map(|m| m.1)), self.owner)
    }

    fn set(&mut self, resource: ResourceKey, state: ClusterResourceState) {
        if let Some(m) = self.members.iter_mut().find(|m| m.0 == resource) {
            m.1 = state;
        }
    }

    fn join(&mut self, resource: ResourceKey, state: ClusterResourceState) {
        if !self.members.iter().any(|m| m.0 == resource) {
            self.members.push((resource, state));
        }
    }

    fn leave(&mut self, resource: ResourceKey) {
        self.members.retain(|m| m.0 != resource);
    }

    /// Applies `change` (`forward`), or undoes it.
    fn step(&mut self, change: &Change, forward: bool) {
        let me = self.group;
        match change {
            Change::ResourceState { resource, group, old, new, .. } if *group == me => {
                self.set(*resource, if forward { *new } else { *old });
            }
            Change::ResourceMoved { resource, from, to, state, .. } => {
                let (leaves, joins) = if forward { (*from, *to) } else { (*to, *from) };
                if leaves == me {
                    self.leave(*resource);
                }
                if joins == me {
                    self.join(*resource, *state);
                }
            }
            Change::Added { object: Object::Resource(r), about }
                if about.parent == Some(Object::Group(me)) =>
            {
                if forward {
                    self.join(*r, about.resource_state.unwrap_or(ClusterResourceState::Offline));
                } else {
                    self.leave(*r);
                }
            }
            Change::Deleted { object: Object::Resource(r), about }
                if about.parent == Some(Object::Group(me)) =>
            {
                if forward {
                    self.leave(*r);
                } else {
                    self.join(*r, about.resource_state.unwrap_or(ClusterResourceState::Offline));
                }
            }
            Change::Deleted { object: Object::Group(g), about } if *g == me && !forward => {
                about.name.clone_into(&mut self.name);
                self.cluster = about.cluster;
                if let Some(Object::Node(owner)) = about.parent {
                    self.owner = owner;
                }
            }
            Change::GroupOwner { group, old, new, .. } if *group == me => {
                self.owner = if forward { *new } else { *old };
            }
            Change::Renamed { object: Object::Group(g), old, new, .. } if *g == me => {
                (if forward { new } else { old }).clone_into(&mut self.name);
            }
            _ => {}
        }
    }
}

/// The groups whose state `change` may move: at most two.
fn groups_of(change: &Change) -> [Option<GroupKey>; 2] {
    let parent = |about: &About| match about.parent {
        Some(Object::Group(g)) => Some(g),
        _ => None,
    };
    match change {
        Change::ResourceState { group, .. } | Change::GroupOwner { group, .. } => [Some(*group), None],
        Change::ResourceMoved { from, to, .. } => [Some(*from), Some(*to)],
        Change::Added { object: Object::Resource(_), about }
        | Change::Deleted { object: Object::Resource(_), about } => [parent(about), None],
        _ => [None, None],
    }
}

/// The groups `change` says something about: those whose state it may move, and a group
/// it renames or deletes (its name and owner, for the group's state changes).
fn mentions(change: &Change) -> [Option<GroupKey>; 2] {
    match change {
        Change::Renamed { object: Object::Group(g), .. }
        | Change::Deleted { object: Object::Group(g), .. } => [Some(*g), None],
        other => groups_of(other),
    }
}

/// Completes one call's changes with what follows from them. A group's state is the state
/// derived from its resources' (`state::group_state`) and its owner: each
/// [`Change::GroupOwner`] becomes a [`Change::GroupState`], and right after each change of a
/// resource (its state, its group, its coming or going) that moves its group's derived
/// state comes a `GroupState`. Costs time in proportion to the changes and the groups they
/// name; a call that changed no resource and no owner is returned as it is.
pub(crate) fn complete(changes: Vec<Change>, world: &World) -> Vec<Change> {
    let mut index: HashMap<GroupKey, usize> = HashMap::new();
    let mut tracks: Vec<GroupTrack> = Vec::new();
    for c in &changes {
        for g in groups_of(c).into_iter().flatten() {
            index.entry(g).or_insert_with(|| {
                tracks.push(GroupTrack::now(world, g));
                tracks.len().saturating_sub(1)
            });
        }
    }
    if tracks.is_empty() {
        return complete_shared_volumes(changes, world);
    }
    // Each group as the call found it: as it is now, with the call's changes undone from
    // the last to the first.
    for c in changes.iter().rev() {
        for g in mentions(c).into_iter().flatten() {
            if let Some(t) = index.get(&g).and_then(|&i| tracks.get_mut(i)) {
                t.step(c, false);
            }
        }
    }
    let mut out = Vec::with_capacity(changes.len().saturating_add(tracks.len()));
    for c in changes {
        let mut follows = Vec::new();
        let mut owner_change = None;
        for g in mentions(&c).into_iter().flatten() {
            let Some(t) = index.get(&g).and_then(|&i| tracks.get_mut(i)) else { continue };
            let old = t.state();
            t.step(&c, true);
            let new = t.state();
            let state = |t: &GroupTrack| Change::GroupState {
                group: t.group,
                cluster: t.cluster,
                name: t.name.clone(),
                old,
                new,
            };
            if matches!(c, Change::GroupOwner { .. }) {
                owner_change = Some(state(t));
            } else if old.0 != new.0 {
                follows.push(state(t));
            }
        }
        match owner_change {
            Some(group_state) => out.push(group_state),
            None => {
                out.push(c);
                out.extend(follows);
            }
        }
    }
    complete_shared_volumes(out, world)
}

/// A Cluster Shared Volume's state on each node through one call's changes: whether the
/// disk is a CSV, online, redirected, and which of the cluster's nodes are up (the inputs
/// of `World::csv_state_on`).
struct CsvTrack {
    resource: ResourceKey,
    cluster: ClusterKey,
    name: String,
    csv: bool,
    online: bool,
    redirected: bool,
    nodes: Vec<(NodeKey, bool)>,
}

impl CsvTrack {
    /// The disk as it is now (`None`: no such resource, or no disk behind it).
    fn now(world: &World, resource: ResourceKey) -> Option<Self> {
        let r = world.resources.get(resource)?;
        let disk = r.disk.as_deref()?;
        let nodes = world.clusters.get(r.cluster).map(|c| c.nodes.as_slice()).unwrap_or_default();
        Some(CsvTrack {
            resource,
            cluster: r.cluster,
            name: r.name.clone(),
            csv: disk.csv.is_some(),
            online: r.state == ClusterResourceState::Online,
            redirected: disk.csv.as_ref().is_some_and(|c| c.redirected),
            nodes: nodes
                .iter()
                .map(|&n| (n, world.nodes.get(n).is_some_and(|n| n.state != ClusterNodeState::Down)))
                .collect(),
        })
    }

    /// Its state on node `i` of the track (`None`: no CSV), as `World::csv_state_on` gives it.
    fn state(&self, i: usize) -> Option<u32> {
        use crate::model::world::storage as s;
        let up = self.nodes.get(i).is_some_and(|n| n.1);
        self.csv.then_some(match (self.online && up, self.redirected) {
            (false, _) => s::SHARED_VOLUME_STATE_UNAVAILABLE,
            (true, false) => s::SHARED_VOLUME_STATE_ACTIVE,
            (true, true) => s::SHARED_VOLUME_STATE_ACTIVE_REDIRECTED,
        })
    }

    /// Applies `change` (`forward`), or undoes it.
    fn step(&mut self, change: &Change, forward: bool) {
        match change {
            Change::ResourceState { resource, old, new, .. } if *resource == self.resource => {
                self.online = *(if forward { new } else { old }) == ClusterResourceState::Online;
            }
            Change::NodeState { node, cluster, old, new, .. } if *cluster == self.cluster => {
                let state = if forward { new } else { old };
                if let Some(n) = self.nodes.iter_mut().find(|n| n.0 == *node) {
                    n.1 = *state != ClusterNodeState::Down;
                }
            }
            Change::SharedVolume { resource, what, .. } if *resource == self.resource => match what {
                SharedVolumeChange::Added => self.csv = forward,
                SharedVolumeChange::Removed => self.csv = !forward,
                SharedVolumeChange::Redirected { old, new } => {
                    self.redirected = if forward { *new } else { *old }
                }
                SharedVolumeChange::Backup => {}
            },
            _ => {}
        }
    }
}

/// Completes one call's changes with the Cluster Shared Volumes' per-node states: right
/// after each change that moves a CSV's state on a node (the disk's state, a node's, the
/// redirected-access lever, the disk becoming a CSV) comes a [`Change::SharedVolumeState`]
/// per node whose state it moved (none once the disk is no CSV: its removal says it all).
/// The disks followed are those the call's CSV and resource changes name, and, when a
/// node's state changed, the CSVs of its cluster (found among the cluster's resources).
fn complete_shared_volumes(changes: Vec<Change>, world: &World) -> Vec<Change> {
    let mut disks: Vec<ResourceKey> = Vec::new();
    let add = |disks: &mut Vec<ResourceKey>, r: ResourceKey| {
        if !disks.contains(&r) {
            disks.push(r);
        }
    };
    for c in &changes {
        match c {
            Change::SharedVolume { resource, .. } => add(&mut disks, *resource),
            Change::ResourceState { resource, .. }
                if world.disk_of(*resource).is_some_and(|d| d.csv.is_some()) =>
            {
                add(&mut disks, *resource);
            }
            Change::NodeState { cluster, .. } => {
                for &r in world.clusters.get(*cluster).map(|c| c.resources.as_slice()).unwrap_or_default() {
                    if world.disk_of(r).is_some_and(|d| d.csv.is_some()) {
                        add(&mut disks, r);
                    }
                }
            }
            _ => {}
        }
    }
    let mut tracks: Vec<CsvTrack> = disks.into_iter().filter_map(|r| CsvTrack::now(world, r)).collect();
    if tracks.is_empty() {
        return changes;
    }
    for c in changes.iter().rev() {
        for t in &mut tracks {
            t.step(c, false);
        }
    }
    let mut out = Vec::with_capacity(changes.len());
    for c in changes {
        let mut follows = Vec::new();
        for t in &mut tracks {
            let old: Vec<Option<u32>> = (0..t.nodes.len()).map(|i| t.state(i)).collect();
            t.step(&c, true);
            for (i, old) in old.into_iter().enumerate() {
                let (Some(new), Some(&(node, _))) = (t.state(i), t.nodes.get(i)) else { continue };
                if old != Some(new) {
                    follows.push(Change::SharedVolumeState {
                        resource: t.resource,
                        cluster: t.cluster,
                        name: t.name.clone(),
                        node,
                        old,
                        new,
                    });
                }
            }
        }
        out.push(c);
        out.extend(follows);
    }
    out
}
