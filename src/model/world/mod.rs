//! The world: what the simulated clusters contain.
//!
//! One `slotmap` per object kind; objects refer to each other by keys, never by pointers or
//! names, and each knows its cluster. Each cluster keeps its objects in creation order (the
//! order enumerations return) and a case-insensitive name index per kind.
//!
//! The maps are `tracked`: while a notification port is open, every mutable access records
//! what it changed in the world's journal (`crate::model::journal`; `observe` says what is
//! watched of each kind). A rule that holds an object's guard records its change when it
//! lets go of it, so the rules let go before they change the next object.

mod object_kind;
pub(crate) use object_kind::ObjectKind;
mod observe;
pub(crate) mod storage;
mod topology;
#[cfg(feature = "topology-file")]
pub(crate) mod topology_file;
mod tracked;

use std::time::Duration;

use slotmap::new_key_type;

use self::tracked::Tracked;
use crate::model::control::props::Props;
use crate::model::registry::{REG_SZ, RegKey};
use crate::types::proplist::sz_to_bytes;

use crate::types::names::NameIndex;
use crate::types::state::{
    ClusterNetInterfaceState, ClusterNetworkState, ClusterNodeState, ClusterResourceState,
};

pub(crate) use topology::{ClusterSpec, GroupSpec, ResourceSpec, Topology};

/// A node's drain: whether one was started (and not ended by a resume), and the groups it
/// moved off the node (the ones a failback brings back).
#[derive(Debug, Clone, Default)]
pub(crate) struct Drain {
    pub started: bool,
    pub groups: Vec<GroupKey>,
}

new_key_type! {
    pub(crate) struct ClusterKey;
    pub(crate) struct NodeKey;
    pub(crate) struct GroupKey;
    pub(crate) struct ResourceKey;
    pub(crate) struct NetworkKey;
    pub(crate) struct NetInterfaceKey;
}

/// One simulated cluster.
#[derive(Debug)]
pub(crate) struct Cluster {
    pub name: String,
    /// The name the network answers to (`open_cluster`, `GetNodeClusterState`): `name` as
    /// it was when the core network name last came online. `SetClusterName` changes `name`
    /// at once; this follows when that resource is next brought online (Microsoft's
    /// SetClusterName page).
    pub published_name: String,
    /// The DNS domain of the cluster and its nodes: `open_cluster` takes
    /// `"<name>.<domain>"` for the cluster or a node too.
    pub domain: String,
    #[allow(dead_code)] // the cluster's id, for the control codes to come
    pub id: String,
    /// The node the client "runs on" (Part 1 of the reference).
    pub local_node: NodeKey,
    pub nodes: Vec<NodeKey>,
    pub groups: Vec<GroupKey>,
    pub resources: Vec<ResourceKey>,
    pub networks: Vec<NetworkKey>,
    pub net_interfaces: Vec<NetInterfaceKey>,
    pub resource_types: Vec<String>,
    pub node_names: NameIndex<NodeKey>,
    pub group_names: NameIndex<GroupKey>,
    pub resource_names: NameIndex<ResourceKey>,
    pub network_names: NameIndex<NetworkKey>,
    pub net_interface_names: NameIndex<NetInterfaceKey>,
    #[allow(dead_code)] // looked up when resources are created through the API
    pub resource_type_names: NameIndex<usize>,
    /// The cluster's property values (those set).
    pub props: Props,
    /// Each resource type's property values, by its index in `resource_types`.
    pub type_props: Vec<Props>,
    /// Each resource type's registry key, by its index in `resource_types`.
    pub type_registry: Vec<RegKey>,
    /// The cluster's registry key (`GetClusterKey`).
    pub registry: RegKey,
    /// The quorum resource (`SetClusterQuorumResource`); `None`: node majority, no witness.
    pub quorum: Option<Quorum>,
    /// The internal networks in priority order (`SetClusterNetworkPriorityOrder`); at first
    /// the topology's order.
    pub network_priority: Vec<NetworkKey>,
    /// The disks every node sees that are not resources yet
    /// (`CLUSCTL_RESOURCE_TYPE_STORAGE_GET_AVAILABLE_DISKS`).
    pub available_disks: Vec<storage::DiskState>,
}

/// The quorum configuration `SetClusterQuorumResource` stores.
#[derive(Debug, Clone)]
pub(crate) struct Quorum {
    pub resource: ResourceKey,
    pub device: String,
    pub max_log_size: u32,
}

/// What a machine name reaches ([`World::find_host`]): a cluster, and the node when the
/// name is a node's (or the local machine's); `None` for the cluster's own name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Host {
    pub cluster: ClusterKey,
    pub node: Option<NodeKey>,
}

/// A cluster node.
#[derive(Debug)]
pub(crate) struct Node {
    pub name: String,
    /// The cluster the node is a node of.
    pub cluster: ClusterKey,
    /// The node id as `GetClusterNodeId` returns it: `"1"`, `"2"`, ...
    pub id: String,
    pub net_interfaces: Vec<NetInterfaceKey>,
    pub state: ClusterNodeState,
    pub props: Props,
    /// The object's registry key (`GetCluster*Key`).
    pub registry: RegKey,
    /// The node's drain (`PauseClusterNodeEx` with drain), and the groups it moved off.
    pub drain: Drain,
}

/// A group of resources.
#[derive(Debug)]
pub(crate) struct Group {
    pub name: String,
    /// The cluster the group is in.
    pub cluster: ClusterKey,
    #[allow(dead_code)] // the group's GUID, for the id queries and control codes to come
    pub id: String,
    pub owner: NodeKey,
    pub resources: Vec<ResourceKey>,
    /// The preferred owners, in order (`set_cluster_group_node_list`).
    pub preferred: Vec<NodeKey>,
    pub props: Props,
    /// The object's registry key (`GetCluster*Key`).
    pub registry: RegKey,
    /// When (in simulated time, `Timing::now`) the group failed over since an operator last
    /// brought it online, took it offline or moved it: those within the last
    /// `FailoverPeriod` hours count against `FailoverThreshold`; older ones are dropped at
    /// the next failover.
    pub failovers: Vec<Duration>,
    /// While a move is pending, the node it left: where `CancelClusterGroupOperation`
    /// brings the group back to.
    pub move_source: Option<NodeKey>,
}

/// A resource.
#[derive(Debug)]
pub(crate) struct Resource {
    pub name: String,
    /// The cluster the resource is in.
    pub cluster: ClusterKey,
    #[allow(dead_code)] // the resource's GUID, for the id queries and control codes to come
    pub id: String,
    pub group: GroupKey,
    #[allow(dead_code)] // for resource-type enumerations and control codes to come
    pub resource_type: String,
    pub state: ClusterResourceState,
    /// The resources this one depends on (its providers), in the order they were added.
    pub depends_on: Vec<ResourceKey>,
    /// The "or" groups of its dependency expression, each of two or more of `depends_on`;
    /// a provider in none is required (`rules/dependency.rs`).
    pub any_of: Vec<Vec<ResourceKey>>,
    /// A transition under way (pending mode).
    pub pending: Option<Transition>,
    pub props: Props,
    /// The object's registry key (`GetCluster*Key`).
    pub registry: RegKey,
    /// The nodes that may own the resource (`AddClusterResourceNode`), in the order they
    /// were added; at first every node of the cluster.
    pub possible_owners: Vec<NodeKey>,
    /// A `Physical Disk`'s disk, as the topology described it (`None` for every other
    /// resource, and for a disk resource created through the API: no disk is behind it).
    pub disk: Option<Box<storage::DiskState>>,
}

/// A resource's transition under way (pending mode): the state it ends in, and what ends it
/// (besides `step` and `settle`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Transition {
    pub target: ClusterResourceState,
    /// The state polls left (`None`: polls do not end it).
    pub polls_left: Option<u32>,
    /// The simulated time at which it completes (`None`: time does not end it).
    pub due: Option<Duration>,
}

/// Timed transitions (`SimulatorBuilder::pending_duration`): the model holds simulated time
/// as a number the session hands it; it never reads a clock.
#[derive(Debug, Default)]
pub(crate) struct Timing {
    /// How long a transition takes in simulated time; `None`: time does not end transitions.
    pub duration: Option<Duration>,
    /// The simulated time, as the session last read its clock (at the start of each call
    /// while timing is on).
    pub now: Duration,
    /// No pending transition falls due before this; `None`: none has a deadline. A lower
    /// bound (a transition ended otherwise leaves it behind), made exact by each sweep.
    pub next_due: Option<Duration>,
}

impl Timing {
    /// Whether the session must read its clock on each call: transitions take time, or one
    /// started while they did is still pending.
    #[inline]
    pub(crate) fn on(&self) -> bool {
        self.duration.is_some() || self.next_due.is_some()
    }
}

/// A cluster network.
#[derive(Debug)]
pub(crate) struct Network {
    pub name: String,
    /// The cluster the network is in.
    pub cluster: ClusterKey,
    pub id: String,
    pub net_interfaces: Vec<NetInterfaceKey>,
    pub state: ClusterNetworkState,
    pub props: Props,
    /// The object's registry key (`GetCluster*Key`).
    pub registry: RegKey,
}

/// A network interface: one per (node, network) pair.
#[derive(Debug)]
pub(crate) struct NetInterface {
    pub name: String,
    /// The cluster the interface is in.
    pub cluster: ClusterKey,
    #[allow(dead_code)] // read by node enumerations
    pub node: NodeKey,
    pub network: NetworkKey,
    pub state: ClusterNetInterfaceState,
    pub props: Props,
    /// The object's registry key (`GetCluster*Key`).
    pub registry: RegKey,
}

/// Every simulated cluster and its objects.
#[derive(Debug)]
pub(crate) struct World {
    pub clusters: Tracked<ClusterKey, Cluster>,
    pub nodes: Tracked<NodeKey, Node>,
    pub groups: Tracked<GroupKey, Group>,
    pub resources: Tracked<ResourceKey, Resource>,
    pub networks: Tracked<NetworkKey, Network>,
    pub net_interfaces: Tracked<NetInterfaceKey, NetInterface>,
    /// The clusters in the order the topology gave them; the first is the local cluster.
    pub cluster_order: Vec<ClusterKey>,
    /// With pending transitions, how many state polls a transition takes; `None`: polls do
    /// not complete transitions (and, without `timing.duration` either, changes complete at
    /// once).
    pub transition_polls: Option<u32>,
    /// Timed transitions: how long one takes in simulated time, and that time.
    pub timing: Timing,
    /// What the rules changed, while a notification port is open (the maps above record
    /// into it too).
    pub journal: crate::model::journal::Journal,
}

/// The core group of a cluster: it starts online, with its resources, on its owner.
pub(crate) const CORE_GROUP: &str = "Cluster Group";

/// The group property that holds a group's `CLUSGROUP_TYPE` (read-only: set by the
/// topology and by `CreateClusterGroupEx`).
pub(crate) const GROUP_TYPE: &str = "GroupType";

/// Resource types a fresh Windows Server 2022 failover cluster registers.
const BUILT_IN_RESOURCE_TYPES: &[&str] = &[
    "Cloud Witness",
    "DFS Replicated Folder",
    "DHCP Service",
    "Disjoint IPv4 Address",
    "Disjoint IPv6 Address",
    "Distributed File System",
    "Distributed Network Name",
    "Distributed Transaction Coordinator",
    "File Server",
    "File Share Witness",
    "Generic Application",
    "Generic Script",
    "Generic Service",
    "Health Service",
    "IP Address",
    "IPv6 Address",
    "IPv6 Tunnel Address",
    "iSCSI Target Server",
    "Message Queuing",
    "Network File System",
    "Network Name",
    "Physical Disk",
    "Scale Out File Server",
    "Storage Pool",
    "Storage QoS Policy Manager",
    "Storage Replica",
    "Task Scheduler",
    "Virtual Machine",
    "Virtual Machine Configuration",
    "WINS Service",
];

/// A GUID-shaped id derived from the names, so the same topology always gets the same ids
/// (no randomness in any result).
/// The root key's value that holds the cluster's name.
pub(crate) const CLUSTER_NAME_VALUE: &str = "ClusterName";

pub(crate) fn stable_guid(parts: &[&str]) -> String {
    // FNV-1a over the case-folded parts, then two rounds of splitmix64 for the bits.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.to_lowercase().bytes().chain(std::iter::once(0xff)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    let mut next = || {
        h = h.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = h;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    };
    let (a, b) = (next(), next());
    format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0x0fff,
        0x8000 | ((b >> 48) & 0x3fff),
        b & 0xffff_ffff_ffff
    )
}

impl World {
    /// The local cluster, which `open_cluster(None)` reaches.
    pub(crate) fn local_cluster(&self) -> Option<ClusterKey> {
        self.cluster_order.first().copied()
    }

    /// The cluster a machine name reaches (`OpenCluster`): see [`World::find_host`].
    pub(crate) fn find_cluster(&self, name: Option<&str>) -> Option<ClusterKey> {
        self.find_host(name).map(|h| h.cluster)
    }

    /// What a machine name reaches, the one answer to it (`OpenCluster`,
    /// `GetNodeClusterState`, the service levers): NULL, `""`, `"localhost"` and `"."` the
    /// local node of the local cluster; a cluster's name the cluster; a node's name the
    /// node; each name also fully qualified, `"<name>.<domain>"` with its cluster's domain;
    /// all compared case-insensitively. The topology and `SetClusterName` keep every such
    /// name held by one host only.
    pub(crate) fn find_host(&self, name: Option<&str>) -> Option<Host> {
        use crate::types::names::{host_in_domain, is_local_machine, names_equal};
        let name = name.unwrap_or_default();
        if name.is_empty() || is_local_machine(name) {
            let cluster = self.local_cluster()?;
            let node = self.clusters.get(cluster)?.local_node;
            return Some(Host { cluster, node: Some(node) });
        }
        self.cluster_order.iter().copied().find_map(|k| {
            let c = self.clusters.get(k)?;
            [Some(name), host_in_domain(name, &c.domain)].into_iter().flatten().find_map(|n| {
                if names_equal(&c.published_name, n) {
                    Some(Host { cluster: k, node: None })
                } else {
                    c.node_names.get(n).map(|node| Host { cluster: k, node: Some(node) })
                }
            })
        })
    }

    /// The node that answers to the cluster's own name: the owner of the core group (where
    /// the cluster's network name is online), or, in a cluster without one, its first node
    /// that is not down.
    pub(crate) fn cluster_name_node(&self, cluster: ClusterKey) -> Option<NodeKey> {
        let c = self.clusters.get(cluster)?;
        match c.group_names.get(CORE_GROUP).and_then(|g| self.groups.get(g)) {
            Some(g) => Some(g.owner),
            None => c
                .nodes
                .iter()
                .copied()
                .find(|&n| self.nodes.get(n).is_some_and(|n| n.state != ClusterNodeState::Down)),
        }
    }

    /// Builds the world a validated topology describes.
    pub(crate) fn from_topology(topology: &Topology) -> Self {
        let journal = crate::model::journal::Journal::default();
        let mut world = World {
            clusters: Tracked::new(&journal),
            nodes: Tracked::new(&journal),
            groups: Tracked::new(&journal),
            resources: Tracked::new(&journal),
            networks: Tracked::new(&journal),
            net_interfaces: Tracked::new(&journal),
            cluster_order: Vec::new(),
            transition_polls: None,
            timing: Timing::default(),
            journal,
        };
        for spec in &topology.clusters {
            world.add_cluster(spec);
        }
        world
    }

    fn add_cluster(&mut self, spec: &ClusterSpec) {
        let mut resource_types: Vec<String> =
            BUILT_IN_RESOURCE_TYPES.iter().map(|s| (*s).to_owned()).collect();
        let mut resource_type_names = NameIndex::default();
        for (i, t) in resource_types.iter().enumerate() {
            let _ = resource_type_names.insert(t, i);
        }
        for r in &spec.resources {
            if resource_type_names.insert(&r.resource_type, resource_types.len()).is_ok() {
                resource_types.push(r.resource_type.clone());
            }
        }
        let resource_types_len = resource_types.len();
        let cluster = self.clusters.insert(Cluster {
            name: spec.name.clone(),
            published_name: spec.name.clone(),
            domain: spec.domain().to_owned(),
            id: stable_guid(&["cluster", &spec.name]),
            local_node: NodeKey::default(),
            nodes: Vec::new(),
            groups: Vec::new(),
            resources: Vec::new(),
            networks: Vec::new(),
            net_interfaces: Vec::new(),
            resource_types,
            node_names: NameIndex::default(),
            group_names: NameIndex::default(),
            resource_names: NameIndex::default(),
            network_names: NameIndex::default(),
            net_interface_names: NameIndex::default(),
            resource_type_names,
            props: Props::default(),
            type_props: vec![Props::default(); resource_types_len],
            type_registry: vec![RegKey::root(); resource_types_len],
            registry: RegKey::root(),
            quorum: None,
            network_priority: Vec::new(),
            available_disks: Vec::new(),
        });
        self.cluster_order.push(cluster);
        // (Built before any port can be open: nothing is recorded.)
        let Some(mut guard) = self.clusters.get_mut(cluster) else { return };
        let c = &mut *guard;
        // The values a real cluster's root key (HKLM\Cluster) carries about the cluster
        // itself: its name (kept in step by renames) and its instance id, a GUID that
        // stays as it is for the cluster's life (the cluster's id).
        let instance_id = c.id.clone();
        c.registry.set_value(CLUSTER_NAME_VALUE, REG_SZ, &sz_to_bytes(&spec.name));
        c.registry.set_value("ClusterInstanceID", REG_SZ, &sz_to_bytes(&instance_id));

        for (i, name) in spec.nodes.iter().enumerate() {
            let key = self.nodes.insert(Node {
                name: name.clone(),
                cluster,
                id: i.saturating_add(1).to_string(),
                net_interfaces: Vec::new(),
                state: ClusterNodeState::Up,
                props: Props::default(),
                registry: RegKey::root(),
                drain: Drain::default(),
            });
            let _ = c.node_names.insert(name, key);
            c.nodes.push(key);
        }
        c.local_node = spec
            .local_node
            .as_deref()
            .and_then(|n| c.node_names.get(n))
            .or_else(|| c.nodes.first().copied())
            .unwrap_or_default();

        for name in &spec.networks {
            let key = self.networks.insert(Network {
                name: name.clone(),
                cluster,
                id: stable_guid(&[&spec.name, "network", name]),
                net_interfaces: Vec::new(),
                state: ClusterNetworkState::Up,
                props: Props::default(),
                registry: RegKey::root(),
            });
            let _ = c.network_names.insert(name, key);
            c.networks.push(key);
            c.network_priority.push(key);
        }
        // One interface per (node, network), node-major like a real cluster lists them.
        for &node in &c.nodes {
            for &network in &c.networks {
                let (Some(mut n), Some(mut net)) = (self.nodes.get_mut(node), self.networks.get_mut(network))
                else {
                    continue;
                };
                let name = topology::net_interface_name(&n.name, &net.name);
                let key = self.net_interfaces.insert(NetInterface {
                    name: name.clone(),
                    cluster,
                    node,
                    network,
                    state: ClusterNetInterfaceState::Up,
                    props: Props::default(),
                    registry: RegKey::root(),
                });
                n.net_interfaces.push(key);
                net.net_interfaces.push(key);
                let _ = c.net_interface_names.insert(&name, key);
                c.net_interfaces.push(key);
            }
        }
        // Groups that start online: the core group, and those the topology says.
        let mut online_groups = Vec::new();
        for g in &spec.groups {
            let owner = c.node_names.get(&g.owner).unwrap_or_default();
            let mut props = Props::default();
            let group_type =
                g.group_type.unwrap_or_else(|| crate::types::group_type::default_for(&g.name, CORE_GROUP));
            if group_type != crate::types::group_type::ClusGroupTypeUnknown {
                props.set(GROUP_TYPE, crate::types::proplist::PropertyValue::Dword(group_type));
            }
            let key = self.groups.insert(Group {
                name: g.name.clone(),
                cluster,
                id: stable_guid(&[&spec.name, "group", &g.name]),
                owner,
                resources: Vec::new(),
                preferred: Vec::new(),
                props,
                registry: RegKey::root(),
                failovers: Vec::new(),
                move_source: None,
            });
            let _ = c.group_names.insert(&g.name, key);
            c.groups.push(key);
            if g.online || crate::types::names::names_equal(&g.name, CORE_GROUP) {
                online_groups.push(key);
            }
        }
        // Disk numbers, where the topology gives none: the disks' order, from 1 (disk 0 is
        // the nodes' boot disk), the resources' disks first.
        let mut next_disk = 0u32;
        let mut number = || {
            next_disk = next_disk.saturating_add(1);
            next_disk
        };
        for r in &spec.resources {
            let group = c.group_names.get(&r.group).unwrap_or_default();
            let disk = r.disk.clone().map(|d| Box::new(storage::DiskState::new(d, number(), &spec.name)));
            let key = self.resources.insert(Resource {
                name: r.name.clone(),
                cluster,
                id: stable_guid(&[&spec.name, "resource", &r.name]),
                group,
                resource_type: r.resource_type.clone(),
                state: if online_groups.contains(&group) {
                    ClusterResourceState::Online
                } else {
                    ClusterResourceState::Offline
                },
                depends_on: Vec::new(),
                any_of: Vec::new(),
                pending: None,
                props: disk.as_deref().map_or_else(|| r.private.clone(), |d| d.identify(&r.private)),
                registry: RegKey::root(),
                possible_owners: c.nodes.clone(),
                disk,
            });
            if let Some(mut g) = self.groups.get_mut(group) {
                g.resources.push(key);
            }
            let _ = c.resource_names.insert(&r.name, key);
            c.resources.push(key);
        }
        c.available_disks = spec
            .available_disks
            .iter()
            .map(|d| storage::DiskState::new(d.clone(), number(), &spec.name))
            .collect();
    }
}

#[cfg(test)]
mod tests {
    use super::stable_guid;

    #[test]
    fn guids_are_stable_and_distinct() {
        let a = stable_guid(&["SIMCLUSTER", "network", "Cluster Network 1"]);
        assert_eq!(a, stable_guid(&["simcluster", "network", "CLUSTER NETWORK 1"]));
        assert_ne!(a, stable_guid(&["SIMCLUSTER", "network", "Cluster Network 2"]));
        assert_eq!(a.len(), 36);
        assert_eq!(a.as_bytes()[14], b'4');
    }
}
