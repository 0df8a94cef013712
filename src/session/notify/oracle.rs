//! The test oracle: events found by comparing a picture of the world before a call with one
//! after it, as the simulator found them before the journal (`crate::model::journal`). The property
//! test below runs random call sequences and checks, call by call, that the journal's events
//! are what comparing the pictures finds, but for what they do on purpose that the pictures
//! cannot:
//!
//! * **order**: the journal's events come in the order their causes happened, the pictures'
//!   in topology order; the two are compared as sets;
//! * **changes a picture cannot see**: a state that changed more than once in one call
//!   (several events; the picture sees at most one, and none when it changed back), and
//!   what happened to an object that came or went in the call (the picture sees it come or
//!   go). The test checks that such a run of state changes is a chain (each starts where
//!   the last ended, from the state before the call to the state after it, and changes
//!   something), then reduces it to the one event, or none, the pictures give;
//! * **what a picture does not hold**: registry keys, handles and the cluster service, so
//!   `REGISTRY_*`, `HANDLE_CLOSE` and `CLUSTER_STATE` events are left out of the
//!   comparison (they are checked to be delivered in order with the rest).
//!
//! It also checks that the ports received exactly the journal's events, in order, version
//! 1 and V2, and that every V2 `*_DELETED` event carries the object's id.

use std::collections::{HashMap, HashSet};

use crate::model::journal::{Change, Object};
use crate::model::world::{NodeKey, World};
use crate::session::notify::bits;
use crate::types::state::group_state;

/// An object of a picture: its object and, for a resource type, its folded name.
type Id = (Object, String);

/// A state as the picture compares it: the state's code, and a group's owner.
type Look = (i32, Option<NodeKey>);

/// What one object looked like.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Seen {
    name: String,
    state: Look,
    /// What a change of raises the kind's `_PROPERTY` event: a group's preferred owners or a
    /// resource's dependencies, and the count of property sets.
    property: (Vec<Object>, u64),
    /// A resource's group (V2's `RESOURCE_OWNER_GROUP`; version 1 has no event for it).
    group: Option<Object>,
}

/// The world as the notification layer sees it.
#[derive(Debug, Default, Clone)]
pub(crate) struct Snapshot {
    objects: HashMap<Id, Seen>,
}

fn folded(name: &str) -> String {
    crate::types::names::folded(name).collect()
}

impl Snapshot {
    /// A picture of the whole world.
    pub(crate) fn of(world: &World) -> Self {
        let mut objects = HashMap::new();
        let mut put = |object: Object, name: &str, state: Look, property: (Vec<Object>, u64)| {
            let type_name =
                if matches!(object, Object::ResourceType(_)) { folded(name) } else { String::new() };
            objects.insert((object, type_name), Seen { name: name.to_owned(), state, property, group: None });
        };
        for (k, c) in world.clusters.iter() {
            put(Object::Cluster(k), &c.name, (0, None), (Vec::new(), c.props.version()));
            for (i, t) in c.resource_types.iter().enumerate() {
                let sets = c.type_props.get(i).map_or(0, crate::model::control::props::Props::version);
                put(Object::ResourceType(k), t, (0, None), (Vec::new(), sets));
            }
        }
        for (k, n) in world.nodes.iter() {
            put(Object::Node(k), &n.name, (n.state.code(), None), (Vec::new(), n.props.version()));
        }
        for (k, g) in world.groups.iter() {
            let state =
                group_state(g.resources.iter().filter_map(|&r| world.resources.get(r)).map(|r| r.state));
            let preferred = g.preferred.iter().map(|&n| Object::Node(n)).collect();
            put(Object::Group(k), &g.name, (state.code(), Some(g.owner)), (preferred, g.props.version()));
        }
        for (k, r) in world.resources.iter() {
            let depends = r.depends_on.iter().map(|&p| Object::Resource(p)).collect();
            put(Object::Resource(k), &r.name, (r.state.code(), None), (depends, r.props.version()));
        }
        for (k, n) in world.networks.iter() {
            put(Object::Network(k), &n.name, (n.state.code(), None), (Vec::new(), n.props.version()));
        }
        for (k, i) in world.net_interfaces.iter() {
            put(Object::NetInterface(k), &i.name, (i.state.code(), None), (Vec::new(), i.props.version()));
        }
        for (k, r) in world.resources.iter() {
            if let Some(seen) = objects.get_mut(&(Object::Resource(k), String::new())) {
                seen.group = Some(Object::Group(r.group));
            }
        }
        Snapshot { objects }
    }
}

/// One event: the object, its `CLUSTER_CHANGE_*` bit, the name it carries.
type Found = (Id, u32, String);

/// The events from `before` to `after`, as comparing them finds them (in no order).
pub(crate) fn diff(before: &Snapshot, after: &Snapshot) -> Vec<Found> {
    let mut out = Vec::new();
    for (id, old) in &before.objects {
        if !after.objects.contains_key(id) {
            out.push((id.clone(), bits(id.0).1, old.name.clone()));
        }
    }
    for (id, new) in &after.objects {
        let (state, _, added, property) = bits(id.0);
        match before.objects.get(id) {
            None => out.push((id.clone(), added, new.name.clone())),
            Some(old) => {
                if old.name != new.name || old.property != new.property {
                    out.push((id.clone(), property, new.name.clone()));
                }
                if old.state != new.state {
                    out.push((id.clone(), state, new.name.clone()));
                }
            }
        }
    }
    out.retain(|e| e.1 != 0);
    out
}

/// What a change says about an object: the object as the picture names it, its state
/// before and after if it is a state change, the name the change carries.
type Said<'a> = (Id, Option<(Look, Look)>, &'a str);

/// What `change` says about its object (`None`: nothing a picture holds).
fn about(change: &Change) -> Option<Said<'_>> {
    let id = |object: Object| (object, String::new());
    let plain = |old: i32, new: i32| Some(((old, None), (new, None)));
    Some(match change {
        Change::Added { object, about } | Change::Deleted { object, about } => {
            let type_name =
                if matches!(object, Object::ResourceType(_)) { folded(&about.name) } else { String::new() };
            ((*object, type_name), None, about.name.as_str())
        }
        Change::Renamed { object, new: name, .. } | Change::PropertiesChanged { object, name, .. } => {
            let type_name =
                if matches!(object, Object::ResourceType(_)) { folded(name) } else { String::new() };
            ((*object, type_name), None, name.as_str())
        }
        Change::NodeState { node, name, old, new, .. } => {
            (id(Object::Node(*node)), plain(old.code(), new.code()), name)
        }
        Change::GroupState { group, name, old, new, .. } => (
            id(Object::Group(*group)),
            Some(((old.0.code(), Some(old.1)), (new.0.code(), Some(new.1)))),
            name,
        ),
        Change::ResourceState { resource, name, old, new, .. } => {
            (id(Object::Resource(*resource)), plain(old.code(), new.code()), name)
        }
        Change::NetworkState { network, name, old, new, .. } => {
            (id(Object::Network(*network)), plain(old.code(), new.code()), name)
        }
        Change::NetInterfaceState { net_interface, name, old, new, .. } => {
            (id(Object::NetInterface(*net_interface)), plain(old.code(), new.code()), name)
        }
        // What the picture does not hold, and what raises no event (version 1).
        Change::ClusterState { .. }
        | Change::PossibleOwnersChanged { .. }
        | Change::DependentsChanged { .. }
        | Change::RegistryChanged { .. }
        | Change::HandleClosed { .. }
        | Change::ResourceMoved { .. }
        | Change::GroupOwner { .. }
        | Change::SharedVolume { .. }
        | Change::SharedVolumeState { .. } => return None,
    })
}

/// The journal's events of one call, reduced to what the pictures can see (see the module
/// docs); panics if a run of state changes is not a chain from `before` to `after`.
fn seen_by_pictures(before: &Snapshot, after: &Snapshot, changes: &[Change]) -> Vec<Found> {
    let came_or_went: HashSet<Id> = changes
        .iter()
        .filter(|c| matches!(c, Change::Added { .. } | Change::Deleted { .. }))
        .filter_map(|c| about(c).map(|a| a.0))
        .collect();
    let mut out = Vec::new();
    // Each object's state through the call: where the last change left it.
    let mut states: HashMap<Id, (Look, Look, String)> = HashMap::new();
    let mut properties: HashSet<Id> = HashSet::new();
    for c in changes {
        let Some((id, state, name)) = about(c) else { continue };
        match (c, state) {
            (Change::Added { .. }, _) => {
                if !before.objects.contains_key(&id) && after.objects.contains_key(&id) {
                    out.push((id.clone(), bits(id.0).2, name.to_owned()));
                }
            }
            (Change::Deleted { .. }, _) => {
                if before.objects.contains_key(&id) && !after.objects.contains_key(&id) {
                    out.push((id.clone(), bits(id.0).1, name.to_owned()));
                }
            }
            (_, Some((old, new))) => {
                assert_ne!(old, new, "a state change that changes nothing: {c:?}");
                match states.get_mut(&id) {
                    Some(run) => {
                        assert_eq!(run.1, old, "state changes of {id:?} are no chain: {changes:#?}");
                        run.1 = new;
                        name.clone_into(&mut run.2);
                    }
                    None => {
                        if let Some(seen) = before.objects.get(&id) {
                            assert_eq!(seen.state, old, "{id:?} changed from a state it was not in: {c:?}");
                        }
                        states.insert(id.clone(), (old, new, name.to_owned()));
                    }
                }
            }
            (_, None) => {
                // One property change per object and call: a rule changes an object's
                // properties in one access.
                assert!(
                    properties.insert(id.clone()),
                    "two property changes of {id:?} in one call: {changes:#?}"
                );
            }
        }
    }
    for (id, (first, last, name)) in states {
        if let Some(seen) = after.objects.get(&id) {
            assert_eq!(seen.state, last, "{id:?} ended in a state the journal does not say: {changes:#?}");
        }
        if first != last && !came_or_went.contains(&id) {
            out.push((id.clone(), bits(id.0).0, name));
        }
    }
    for id in properties {
        if !came_or_went.contains(&id) {
            let name = after.objects.get(&id).map(|s| s.name.clone()).unwrap_or_default();
            out.push((id.clone(), bits(id.0).3, name));
        }
    }
    out
}

fn sorted(mut v: Vec<Found>) -> Vec<Found> {
    v.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
    v
}

mod property {
    use proptest::prelude::*;

    use super::{Snapshot, diff, seen_by_pictures, sorted};
    use crate::model::journal::{Change, Object};
    use crate::{
        HCluster, HGroup, HNetwork, HNode, HResource, KEY_ALL_ACCESS, NotifyFilter, NotifyObject,
        PropertyList, PropertyValue, REG_SZ, Simulator, change, clusctl,
    };

    /// One step of a random call sequence. Numbers pick among the live handles (modulo
    /// their count) and name new objects.
    #[derive(Debug, Clone)]
    enum Op {
        OnlineGroup(u8, Option<u8>),
        OfflineGroup(u8),
        MoveGroup(u8, Option<u8>),
        CancelGroup(u8),
        PollGroup(u8),
        OnlineResource(u8),
        OfflineResource(u8),
        FailResource(u8),
        PollResource(u8),
        Pause(u8),
        Resume(u8),
        PauseEx(u8, bool),
        ResumeEx(u8, u8),
        Evict(u8),
        Crash(u8),
        Restore(u8),
        NetworkDown(u8),
        Partition(u8),
        RestoreNetwork(u8),
        StopService,
        StartService,
        Step,
        Settle,
        CreateGroup(u8),
        DeleteGroup(u8),
        CreateResource(u8, u8),
        DeleteResource(u8),
        RenameGroup(u8, u8),
        RenameResource(u8, u8),
        RenameNetwork(u8, u8),
        RenameCluster(u8),
        SetPreferred(u8, Vec<u8>),
        AddDependency(u8, u8),
        RemoveDependency(u8, u8),
        ChangeGroup(u8, u8),
        /// Sets `Description` on the cluster (0), a node, group, resource, network,
        /// interface or resource type (1 to 6).
        Describe(u8, u8, u8),
        /// Sets a value of a group's root key: `Description` (a property) or another.
        Registry(u8, bool),
        CreateType(u8),
        DeleteType(u8),
        /// Registers a fresh handle to a group with `HANDLE_CLOSE`, and closes it.
        RegisterAndClose(u8),
        /// As `RegisterAndClose`, registering the handle with V2 too (`GROUP_ALL`).
        RegisterV2AndClose(u8),
        /// Adds or removes a possible owner of a resource.
        PossibleOwner(u8, u8, bool),
    }

    fn op() -> impl Strategy<Value = Op> {
        let i = any::<u8>;
        prop_oneof![
            (i(), proptest::option::of(i())).prop_map(|(g, n)| Op::OnlineGroup(g, n)),
            i().prop_map(Op::OfflineGroup),
            (i(), proptest::option::of(i())).prop_map(|(g, n)| Op::MoveGroup(g, n)),
            i().prop_map(Op::CancelGroup),
            i().prop_map(Op::PollGroup),
            i().prop_map(Op::OnlineResource),
            i().prop_map(Op::OfflineResource),
            i().prop_map(Op::FailResource),
            i().prop_map(Op::PollResource),
            i().prop_map(Op::Pause),
            i().prop_map(Op::Resume),
            (i(), any::<bool>()).prop_map(|(n, d)| Op::PauseEx(n, d)),
            (i(), 0u8..3).prop_map(|(n, f)| Op::ResumeEx(n, f)),
            i().prop_map(Op::Evict),
            i().prop_map(Op::Crash),
            i().prop_map(Op::Restore),
            i().prop_map(Op::NetworkDown),
            i().prop_map(Op::Partition),
            i().prop_map(Op::RestoreNetwork),
            Just(Op::StopService),
            Just(Op::StartService),
            Just(Op::Step),
            Just(Op::Settle),
            i().prop_map(Op::CreateGroup),
            i().prop_map(Op::DeleteGroup),
            (i(), i()).prop_map(|(g, n)| Op::CreateResource(g, n)),
            i().prop_map(Op::DeleteResource),
            (i(), i()).prop_map(|(g, n)| Op::RenameGroup(g, n)),
            (i(), i()).prop_map(|(r, n)| Op::RenameResource(r, n)),
            (i(), i()).prop_map(|(r, n)| Op::RenameNetwork(r, n)),
            i().prop_map(Op::RenameCluster),
            (i(), proptest::collection::vec(i(), 0..3)).prop_map(|(g, n)| Op::SetPreferred(g, n)),
            (i(), i()).prop_map(|(r, p)| Op::AddDependency(r, p)),
            (i(), i()).prop_map(|(r, p)| Op::RemoveDependency(r, p)),
            (i(), i()).prop_map(|(r, g)| Op::ChangeGroup(r, g)),
            (0u8..7, i(), i()).prop_map(|(k, o, v)| Op::Describe(k, o, v)),
            (i(), any::<bool>()).prop_map(|(g, p)| Op::Registry(g, p)),
            i().prop_map(Op::CreateType),
            i().prop_map(Op::DeleteType),
            i().prop_map(Op::RegisterAndClose),
            i().prop_map(Op::RegisterV2AndClose),
            (i(), i(), any::<bool>()).prop_map(|(r, n, add)| Op::PossibleOwner(r, n, add)),
        ]
    }

    /// The simulator under test and the handles the sequence picks from.
    struct Run {
        sim: Simulator,
        c: HCluster,
        port: crate::HChange,
        port_v2: crate::HChange,
        nodes: Vec<(String, HNode)>,
        networks: Vec<(String, HNetwork)>,
        interfaces: Vec<crate::HNetInterface>,
        groups: Vec<HGroup>,
        resources: Vec<HResource>,
    }

    fn pick<T: Copy>(v: &[T], i: u8) -> Option<T> {
        if v.is_empty() { None } else { v.get(usize::from(i) % v.len()).copied() }
    }

    fn pick_name<T: Copy>(v: &[(String, T)], i: u8) -> Option<(String, T)> {
        if v.is_empty() { None } else { v.get(usize::from(i) % v.len()).cloned() }
    }

    fn describe(value: u8) -> Vec<u8> {
        PropertyList::new().with("Description", PropertyValue::Sz(format!("d{value}"))).to_bytes()
    }

    impl Run {
        fn new(pending: Option<u32>) -> Self {
            let mut b = Simulator::builder()
                .cluster("C")
                .node("N1")
                .node("N2")
                .node("N3")
                .network("Net A")
                .network("Net B")
                .group("Cluster Group", "N1")
                .resource("Cluster Group", "Cluster Name", "Network Name")
                .resource("Cluster Group", "Cluster IP Address", "IP Address")
                .online_group("G1", "N2")
                .resource("G1", "R1a", "Generic Service")
                .resource("G1", "R1b", "Generic Service")
                .group("G2", "N3")
                .resource("G2", "R2", "Physical Disk")
                .group("Available Storage", "N1");
            if let Some(p) = pending {
                b = b.pending_transitions(p);
            }
            let sim = b.build().unwrap();
            sim.lock_quiet().tap = Some(Vec::new());
            let c = sim.open_cluster(None).unwrap();
            let port = sim.create_cluster_notify_port(None, c, change::ALL, 1).unwrap();
            // Each type's `*_ALL` mask: every V2 event the simulator raises.
            let every: Vec<NotifyFilter> = (1..=7)
                .map(|object_type| NotifyFilter {
                    object_type,
                    flags: crate::session::notify_v2::raised_flags(object_type).unwrap_or_default().1,
                })
                .collect();
            let port_v2 = sim.create_cluster_notify_port_v2(None, c, &every, 2).unwrap();
            let nodes =
                ["N1", "N2", "N3"].map(|n| (n.to_owned(), sim.open_cluster_node(c, n).unwrap())).into();
            let networks =
                ["Net A", "Net B"].map(|n| (n.to_owned(), sim.open_cluster_network(c, n).unwrap())).into();
            let interfaces = ["N1 - Net A", "N2 - Net B", "N3 - Net A"]
                .map(|n| sim.open_cluster_net_interface(c, n).unwrap())
                .into();
            let groups = ["Cluster Group", "G1", "G2", "Available Storage"]
                .map(|g| sim.open_cluster_group(c, g).unwrap())
                .into();
            let resources = ["Cluster Name", "Cluster IP Address", "R1a", "R1b", "R2"]
                .map(|r| sim.open_cluster_resource(c, r).unwrap())
                .into();
            Run { sim, c, port, port_v2, nodes, networks, interfaces, groups, resources }
        }

        /// Runs one step; failures (a refused call, a deleted object) change nothing.
        fn apply(&mut self, op: &Op) {
            let sim = &self.sim;
            let g = |i| pick(&self.groups, i);
            let r = |i| pick(&self.resources, i);
            let n = |i| pick_name(&self.nodes, i);
            let net = |i| pick_name(&self.networks, i);
            match op {
                Op::OnlineGroup(a, b) => {
                    if let Some(h) = g(*a) {
                        let _ = sim.online_cluster_group(h, b.and_then(n).map(|x| x.1));
                    }
                }
                Op::OfflineGroup(a) => {
                    let _ = g(*a).map(|h| sim.offline_cluster_group(h));
                }
                Op::MoveGroup(a, b) => {
                    if let Some(h) = g(*a) {
                        let _ = sim.move_cluster_group(h, b.and_then(n).map(|x| x.1));
                    }
                }
                Op::CancelGroup(a) => {
                    let _ = g(*a).map(|h| sim.cancel_cluster_group_operation(h, 0));
                }
                Op::PollGroup(a) => {
                    let _ = g(*a).map(|h| sim.get_cluster_group_state(h));
                }
                Op::OnlineResource(a) => {
                    let _ = r(*a).map(|h| sim.online_cluster_resource(h));
                }
                Op::OfflineResource(a) => {
                    let _ = r(*a).map(|h| sim.offline_cluster_resource(h));
                }
                Op::FailResource(a) => {
                    let _ = r(*a).map(|h| sim.fail_cluster_resource(h));
                }
                Op::PollResource(a) => {
                    let _ = r(*a).map(|h| sim.get_cluster_resource_state(h));
                }
                Op::Pause(a) => {
                    let _ = n(*a).map(|x| sim.pause_cluster_node(x.1));
                }
                Op::Resume(a) => {
                    let _ = n(*a).map(|x| sim.resume_cluster_node(x.1));
                }
                Op::PauseEx(a, drain) => {
                    let _ = n(*a).map(|x| sim.pause_cluster_node_ex(x.1, *drain, 0, None));
                }
                Op::ResumeEx(a, f) => {
                    let _ = n(*a).map(|x| sim.resume_cluster_node_ex(x.1, u32::from(*f), 0));
                }
                Op::Evict(a) => {
                    let _ = n(*a).map(|x| sim.evict_cluster_node(x.1));
                }
                Op::Crash(a) => {
                    let _ = n(*a).map(|x| sim.crash_node(&x.0));
                }
                Op::Restore(a) => {
                    let _ = n(*a).map(|x| sim.restore_node(&x.0));
                }
                Op::NetworkDown(a) => {
                    let _ = net(*a).map(|x| sim.take_network_down(&x.0));
                }
                Op::Partition(a) => {
                    let _ = net(*a).map(|x| sim.partition_network(&x.0));
                }
                Op::RestoreNetwork(a) => {
                    let _ = net(*a).map(|x| sim.restore_network(&x.0));
                }
                Op::StopService => {
                    let _ = sim.stop_cluster_service(None);
                }
                Op::StartService => {
                    let _ = sim.start_cluster_service(None);
                }
                Op::Step => sim.step(),
                Op::Settle => sim.settle(),
                Op::CreateGroup(i) => {
                    if let Ok(h) = sim.create_cluster_group(self.c, &format!("New {}", i % 4)) {
                        self.groups.push(h);
                    }
                }
                Op::DeleteGroup(a) => {
                    let _ = g(*a).map(|h| sim.delete_cluster_group(h));
                }
                Op::CreateResource(a, i) => {
                    if let Some(h) = g(*a) {
                        let name = format!("New Resource {}", i % 4);
                        if let Ok(h) = sim.create_cluster_resource(h, &name, "Generic Service", 0) {
                            self.resources.push(h);
                        }
                    }
                }
                Op::DeleteResource(a) => {
                    let _ = r(*a).map(|h| sim.delete_cluster_resource(h));
                }
                Op::RenameGroup(a, i) => {
                    let _ = g(*a).map(|h| sim.set_cluster_group_name(h, &format!("Group {}", i % 3)));
                }
                Op::RenameResource(a, i) => {
                    let _ = r(*a).map(|h| sim.set_cluster_resource_name(h, &format!("Resource {}", i % 3)));
                }
                Op::RenameNetwork(a, i) => {
                    let name = format!("Network {}", i % 3);
                    if let Some((_, h)) = net(*a) {
                        if sim.set_cluster_network_name(h, &name).is_ok() {
                            let k = usize::from(*a) % self.networks.len();
                            if let Some(entry) = self.networks.get_mut(k) {
                                entry.0 = name;
                            }
                        }
                    }
                }
                Op::RenameCluster(i) => {
                    let _ = sim.set_cluster_name(self.c, &format!("C{}", i % 3));
                }
                Op::SetPreferred(a, list) => {
                    let list: Vec<HNode> = list.iter().filter_map(|&i| n(i)).map(|x| x.1).collect();
                    let _ = g(*a).map(|h| sim.set_cluster_group_node_list(h, &list));
                }
                Op::AddDependency(a, b) => {
                    if let (Some(x), Some(y)) = (r(*a), r(*b)) {
                        let _ = sim.add_cluster_resource_dependency(x, y);
                    }
                }
                Op::RemoveDependency(a, b) => {
                    if let (Some(x), Some(y)) = (r(*a), r(*b)) {
                        let _ = sim.remove_cluster_resource_dependency(x, y);
                    }
                }
                Op::ChangeGroup(a, b) => {
                    if let (Some(x), Some(y)) = (r(*a), g(*b)) {
                        let _ = sim.change_cluster_resource_group(x, y);
                    }
                }
                Op::Describe(kind, o, v) => {
                    let input = describe(*v);
                    let _ = match kind {
                        0 => sim.cluster_control(
                            self.c,
                            None,
                            clusctl::CLUSCTL_CLUSTER_SET_COMMON_PROPERTIES,
                            &input,
                        ),
                        1 => n(*o).map_or(Ok(Vec::new()), |x| {
                            sim.cluster_node_control(
                                x.1,
                                None,
                                clusctl::CLUSCTL_NODE_SET_COMMON_PROPERTIES,
                                &input,
                            )
                        }),
                        2 => g(*o).map_or(Ok(Vec::new()), |h| {
                            sim.cluster_group_control(
                                h,
                                None,
                                clusctl::CLUSCTL_GROUP_SET_COMMON_PROPERTIES,
                                &input,
                            )
                        }),
                        3 => r(*o).map_or(Ok(Vec::new()), |h| {
                            sim.cluster_resource_control(
                                h,
                                None,
                                clusctl::CLUSCTL_RESOURCE_SET_COMMON_PROPERTIES,
                                &input,
                            )
                        }),
                        4 => net(*o).map_or(Ok(Vec::new()), |x| {
                            sim.cluster_network_control(
                                x.1,
                                None,
                                clusctl::CLUSCTL_NETWORK_SET_COMMON_PROPERTIES,
                                &input,
                            )
                        }),
                        5 => pick(&self.interfaces, *o).map_or(Ok(Vec::new()), |h| {
                            sim.cluster_net_interface_control(
                                h,
                                None,
                                clusctl::CLUSCTL_NETINTERFACE_SET_COMMON_PROPERTIES,
                                &input,
                            )
                        }),
                        _ => sim.cluster_resource_type_control(
                            self.c,
                            if o % 2 == 0 { "Generic Service" } else { "Type 0" },
                            None,
                            clusctl::CLUSCTL_RESOURCE_TYPE_SET_COMMON_PROPERTIES,
                            &input,
                        ),
                    };
                }
                Op::Registry(a, property) => {
                    if let Some(k) = g(*a).and_then(|h| sim.get_cluster_group_key(h, KEY_ALL_ACCESS).ok()) {
                        let value: Vec<u8> = "v\0".encode_utf16().flat_map(u16::to_le_bytes).collect();
                        let name = if *property { "Description" } else { "Other" };
                        let _ = sim.cluster_reg_set_value(k, name, REG_SZ, &value);
                        let _ = sim.cluster_reg_close_key(k);
                    }
                }
                Op::CreateType(i) => {
                    let _ = sim.create_cluster_resource_type(
                        self.c,
                        &format!("Type {}", i % 2),
                        "",
                        "x.dll",
                        5,
                        60,
                    );
                }
                Op::DeleteType(i) => {
                    let _ = sim.delete_cluster_resource_type(self.c, &format!("Type {}", i % 2));
                }
                Op::PossibleOwner(a, b, add) => {
                    if let (Some(x), Some((_, node))) = (r(*a), n(*b)) {
                        let _ = if *add {
                            sim.add_cluster_resource_node(x, node)
                        } else {
                            sim.remove_cluster_resource_node(x, node)
                        };
                    }
                }
                Op::RegisterAndClose(a) | Op::RegisterV2AndClose(a) => {
                    let Some(h) = g(*a) else { return };
                    let name = {
                        let st = sim.lock_quiet();
                        let kind = crate::HandleKind::Group;
                        st.handles
                            .get(crate::Handle::as_raw(h), kind)
                            .ok()
                            .map(|(_, e)| st.object_name(kind, e.object))
                    };
                    if let Some(second) = name.and_then(|name| sim.open_cluster_group(self.c, &name).ok()) {
                        let _ = sim.register_cluster_notify(
                            self.port,
                            change::HANDLE_CLOSE,
                            NotifyObject::Group(second),
                            9,
                        );
                        if matches!(op, Op::RegisterV2AndClose(_)) {
                            let all = NotifyFilter {
                                object_type: crate::object_type::GROUP,
                                flags: crate::change_v2::GROUP_ALL,
                            };
                            let _ = sim.register_cluster_notify_v2(
                                self.port_v2,
                                all,
                                NotifyObject::Group(second),
                                10,
                            );
                        }
                        let _ = sim.close_cluster_group(second);
                    }
                }
            }
        }
    }

    /// Runs `ops`, checking after each step that the journal's events are what comparing
    /// pictures finds (see the module docs) and that the ports received them, in order.
    fn check(ops: &[Op], pending: Option<u32>) {
        let mut run = Run::new(pending);
        for op in ops {
            let before = Snapshot::of(&run.sim.lock_quiet().world);
            run.apply(op);
            let (after, changes, v1, v2) = {
                let mut st = run.sim.lock_quiet();
                let after = Snapshot::of(&st.world);
                let changes = st.tap.as_mut().map(std::mem::take).unwrap_or_default();
                let (mut v1, mut v2) = (Vec::new(), Vec::new());
                for p in st.ports.values_mut() {
                    v1.extend(p.queue.drain(..));
                    v2.extend(p.v2.queue.drain(..));
                }
                (after, changes, v1, v2)
            };
            let from_journal = sorted(seen_by_pictures(&before, &after, &changes));
            let from_pictures = sorted(diff(&before, &after));
            assert_eq!(from_journal, from_pictures, "after {op:?}; the journal: {changes:#?}");
            // Delivered: every change's event, in the journal's order.
            let events: Vec<(u32, String)> = changes
                .iter()
                .filter_map(|c| match c {
                    Change::RegistryChanged { filter, name, .. } => Some((*filter, name.clone())),
                    Change::HandleClosed { name, .. } => Some((change::HANDLE_CLOSE, name.clone())),
                    other => crate::session::notify::event(other).map(|e| (e.filter, e.name)),
                })
                .collect();
            let got: Vec<(u32, String)> = v1.into_iter().map(|n| (n.filter_type, n.name)).collect();
            assert_eq!(got, events, "after {op:?}");
            check_v2(op, &before, &after, &changes, &events, &v2, &run.sim);
        }
    }

    /// The V2 flags that only V2 raises (no version 1 event maps to them), per object type.
    fn v2_only(object_type: u32, flag: u64) -> bool {
        use crate::change_v2 as v;
        use crate::object_type as t;
        let only = match object_type {
            t::CLUSTER => v::CLUSTER_RENAME,
            t::GROUP => {
                v::GROUP_OWNER_NODE
                    | v::GROUP_RESOURCE_GAINED
                    | v::GROUP_RESOURCE_LOST
                    | v::GROUP_HANDLE_CLOSE
            }
            t::RESOURCE => v::RESOURCE_OWNER_GROUP | v::RESOURCE_DEPENDENTS | v::RESOURCE_POSSIBLE_OWNERS,
            t::NODE => v::NODE_GROUP_GAINED | v::NODE_GROUP_LOST,
            _ => 0,
        };
        flag & only != 0
    }

    /// The V2 flags a version 1 `*_PROPERTY` event maps to: one per part that changed.
    fn property_part(object_type: u32, flag: u64) -> bool {
        use crate::change_v2 as v;
        use crate::object_type as t;
        let parts = match object_type {
            t::CLUSTER => v::CLUSTER_COMMON_PROPERTY | v::CLUSTER_PRIVATE_PROPERTY,
            t::GROUP => v::GROUP_COMMON_PROPERTY | v::GROUP_PRIVATE_PROPERTY | v::GROUP_PREFERRED_OWNERS,
            t::RESOURCE => {
                v::RESOURCE_COMMON_PROPERTY | v::RESOURCE_PRIVATE_PROPERTY | v::RESOURCE_DEPENDENCIES
            }
            t::RESOURCE_TYPE => v::RESOURCE_TYPE_COMMON_PROPERTY | v::RESOURCE_TYPE_PRIVATE_PROPERTY,
            t::NETWORK_INTERFACE => v::NETINTERFACE_COMMON_PROPERTY | v::NETINTERFACE_PRIVATE_PROPERTY,
            t::NETWORK => v::NETWORK_COMMON_PROPERTY | v::NETWORK_PRIVATE_PROPERTY,
            t::NODE => v::NODE_COMMON_PROPERTY | v::NODE_PRIVATE_PROPERTY,
            _ => 0,
        };
        flag & parts != 0
    }

    /// The V2 events of one step: each version 1 event's V2 form in order (a `*_PROPERTY`
    /// event: one or more, one per part), a deleted object's with its id; and what V2 alone
    /// raises, against the pictures: every group whose owner the pictures see change has its
    /// `GROUP_OWNER_NODE` (the last naming the owner it ended with) and the nodes on both
    /// sides their `NODE_GROUP_LOST` / `NODE_GROUP_GAINED`; every resource whose group
    /// changed its `RESOURCE_OWNER_GROUP` and its groups' `GROUP_RESOURCE_LOST` / `_GAINED`.
    fn check_v2(
        op: &Op,
        before: &Snapshot,
        after: &Snapshot,
        changes: &[Change],
        events: &[(u32, String)],
        v2: &[crate::NotificationV2],
        sim: &Simulator,
    ) {
        use crate::change_v2 as v;
        use crate::object_type as t;
        let (only, mapped_v2): (Vec<&crate::NotificationV2>, Vec<&crate::NotificationV2>) =
            v2.iter().partition(|n| v2_only(n.filter.object_type, n.filter.flags));
        let mapped: Vec<&(u32, String)> =
            events.iter().filter(|(f, _)| *f & 0xF0 == 0 && *f != change::HANDLE_CLOSE).collect();
        let mut rest = mapped_v2.as_slice();
        for v1 in mapped {
            let property = matches!(
                v1.0,
                change::NODE_PROPERTY
                    | change::GROUP_PROPERTY
                    | change::RESOURCE_PROPERTY
                    | change::NETWORK_PROPERTY
                    | change::NETINTERFACE_PROPERTY
                    | change::RESOURCE_TYPE_PROPERTY
                    | change::CLUSTER_PROPERTY
            );
            let take = if property {
                rest.iter()
                    .take_while(|n| n.name == v1.1 && property_part(n.filter.object_type, n.filter.flags))
                    .count()
                    .max(1)
            } else {
                1
            };
            let (these, others) = rest.split_at(take.min(rest.len()));
            assert_eq!(these.len(), take, "after {op:?}: no V2 event for {v1:?}: {v2:#?}");
            rest = others;
            for n in these {
                assert_eq!(v1.1, n.name, "after {op:?}");
                let deleted = matches!(
                    v1.0,
                    change::NODE_DELETED
                        | change::GROUP_DELETED
                        | change::RESOURCE_DELETED
                        | change::NETWORK_DELETED
                        | change::NETINTERFACE_DELETED
                );
                if deleted {
                    assert!(!n.object_id.is_empty(), "a deleted object's V2 event has its id: {n:?}");
                }
            }
        }
        assert!(rest.is_empty(), "after {op:?}: V2 events no version 1 event maps to: {rest:#?}");

        let st = sim.lock_quiet();
        let node_id = |k| st.world.nodes.get(k).map(|n| n.id.clone()).unwrap_or_default();
        let node_name = |k| st.world.nodes.get(k).map(|n| n.name.clone()).unwrap_or_default();
        let text = |s: &str| -> Vec<u8> { s.encode_utf16().chain([0]).flat_map(u16::to_le_bytes).collect() };
        let of =
            |ty, flag| only.iter().filter(move |n| n.filter == NotifyFilter { object_type: ty, flags: flag });
        for ((object, _), now) in &after.objects {
            let Some(was) = before.objects.get(&(*object, String::new())) else { continue };
            if let (Object::Group(_), Some(old), Some(new)) = (object, was.state.1, now.state.1) {
                if old != new {
                    let last = of(t::GROUP, v::GROUP_OWNER_NODE).rfind(|n| n.name == now.name);
                    assert!(
                        last.is_some_and(
                            |n| n.payload == text(&node_name(new)) && n.parent_id == node_id(new)
                        ),
                        "after {op:?}: {} moved to {}: {only:#?}",
                        now.name,
                        node_name(new)
                    );
                    for (node, flag) in [(old, v::NODE_GROUP_LOST), (new, v::NODE_GROUP_GAINED)] {
                        assert!(
                            of(t::NODE, flag).any(|n| n.name == now.name && n.object_id == node_id(node)),
                            "after {op:?}: {flag:#x} for {} on {}: {only:#?}",
                            now.name,
                            node_name(node)
                        );
                    }
                }
            }
            if let (Object::Resource(_), Some(Object::Group(from)), Some(Object::Group(to))) =
                (object, was.group, now.group)
            {
                if from != to {
                    let to_id = st.world.groups.get(to).map(|g| g.id.clone()).unwrap_or_default();
                    assert!(
                        of(t::RESOURCE, v::RESOURCE_OWNER_GROUP)
                            .any(|n| n.name == now.name && n.parent_id == to_id),
                        "after {op:?}: {} changed group: {only:#?}",
                        now.name
                    );
                    for flag in [v::GROUP_RESOURCE_LOST, v::GROUP_RESOURCE_GAINED] {
                        assert!(of(t::GROUP, flag).any(|n| n.name == now.name), "after {op:?}: {only:#?}");
                    }
                }
            }
        }
        // Each owner change raises its three events, each group move its three.
        let count = |ty, flag| of(ty, flag).count();
        let owners = count(t::GROUP, v::GROUP_OWNER_NODE);
        assert_eq!(
            (count(t::NODE, v::NODE_GROUP_LOST), count(t::NODE, v::NODE_GROUP_GAINED)),
            (owners, owners),
            "after {op:?}"
        );
        let owner_changes = changes
            .iter()
            .filter(|c| matches!(c, Change::GroupState { old, new, .. } if old.1 != new.1))
            .count();
        assert_eq!(owners, owner_changes, "after {op:?}");
        let moved = changes.iter().filter(|c| matches!(c, Change::ResourceMoved { .. })).count();
        for flag in [v::GROUP_RESOURCE_LOST, v::GROUP_RESOURCE_GAINED] {
            assert_eq!(count(t::GROUP, flag), moved, "after {op:?}");
        }
        assert_eq!(count(t::RESOURCE, v::RESOURCE_OWNER_GROUP), moved, "after {op:?}");
        // A handle registered with V2 and closed: its GROUP_HANDLE_CLOSE, named as the group.
        let closed: Vec<&String> = changes
            .iter()
            .filter_map(|c| match c {
                Change::HandleClosed { name, .. } => Some(name),
                _ => None,
            })
            .collect();
        let handle_close: Vec<&String> = of(t::GROUP, v::GROUP_HANDLE_CLOSE).map(|n| &n.name).collect();
        if matches!(op, Op::RegisterV2AndClose(_)) {
            assert_eq!(handle_close, closed, "after {op:?}");
        } else {
            assert_eq!(handle_close, Vec::<&String>::new(), "after {op:?}");
        }
        let renames = changes
            .iter()
            .filter(|c| matches!(c, Change::Renamed { object: Object::Cluster(_), .. }))
            .count();
        assert_eq!(count(t::CLUSTER, v::CLUSTER_RENAME), renames, "after {op:?}");
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 192, ..ProptestConfig::default() })]

        #[test]
        fn the_journal_finds_what_comparing_pictures_finds(
            ops in proptest::collection::vec(op(), 1..60),
            pending in proptest::option::of(1u32..3),
        ) {
            check(&ops, pending);
        }
    }
}
