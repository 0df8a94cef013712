//! `proptest` strategies for users' own property tests (feature `proptest`): random valid
//! topologies, sequences of cluster events and fault plans, so code under test meets
//! thousands of clusters and failures, reproducibly (proptest's seeds and shrinking apply).
//!
//! * [`topologies`] / [`topologies_with`]: a [`GeneratedTopology`], the builder of one
//!   cluster and what it holds (nodes, networks, groups with their owners, resources with
//!   their types and possible owners), shaped by a [`TopologyConfig`];
//! * [`cluster_events`]: crashes, restores, network failures, service stops, steps;
//! * [`fault_plans`]: up to three rules that make common calls fail as real clusters do;
//! * [`scenarios`] / [`scenarios_with`]: all three together, a [`Scenario`].
//!
//! ```
//! use clusapi_sim::strategies::scenarios;
//! use proptest::prelude::*;
//!
//! let config = ProptestConfig { cases: 16, failure_persistence: None, ..ProptestConfig::default() };
//! proptest!(config, |(scenario in scenarios())| {
//!     let sim = scenario.build()?;
//!     // The scenario's fault plan may refuse some calls, as a real cluster would.
//!     let c = (0..50).find_map(|_| sim.open_cluster(None).ok()).unwrap();
//!     for event in &scenario.events {
//!         event.apply(&sim); // crashes, restores, network failures, service stops...
//!         // ... run the code under test against `sim` here ...
//!     }
//!     // Whatever happened, a cluster handle stays valid and closes once.
//!     prop_assert!(sim.close_cluster(c).is_ok(), "{}", sim.world_summary());
//! });
//! ```
//!
//! A test that needs a particular shape of cluster says so with the knobs of
//! [`TopologyConfig`]; `docs/strategies.md` walks through each with a worked property test.
//!
//! ```
//! use clusapi_sim::strategies::{topologies_with, TopologyConfig};
//! use proptest::prelude::*;
//!
//! // A drain needs a node to drain to: two nodes at least, each owning one or two groups.
//! let shape = TopologyConfig::default().nodes(2..=4).groups_per_node(1..=2);
//! let config = ProptestConfig { cases: 16, failure_persistence: None, ..ProptestConfig::default() };
//! proptest!(config, |(topology in topologies_with(shape.clone()))| {
//!     prop_assert!((2..=4).contains(&topology.nodes.len()));
//!     for node in &topology.nodes {
//!         let owned = topology.groups_owned_by(node).filter(|g| !g.core).count();
//!         prop_assert!((1..=2).contains(&owned));
//!     }
//! });
//! ```

use std::ops::RangeInclusive;

use proptest::prelude::*;

use crate::calls::builder::SimulatorBuilder;
use crate::session::fault::Fault;
use crate::session::simulator::Simulator;
use crate::types::error::{Error, Result};

/// The resource types generated resources use by default.
pub const DEFAULT_RESOURCE_TYPES: &[&str] =
    &["IP Address", "Network Name", "Generic Service", "Physical Disk", "File Server"];

/// The name of the generated cluster.
const CLUSTER: &str = "GENCLUSTER";
/// The core group every generated cluster has, owned by the first node.
const CORE_GROUP: &str = "Cluster Group";

/// Whether generated clusters have pending transitions (operations answer
/// `ERROR_IO_PENDING` and complete on later state polls, as with
/// [`SimulatorBuilder::pending_transitions`]).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PendingTransitions {
    /// Never: every operation completes at once.
    Never,
    /// In about half the cases, each transition taking a number of polls from the range.
    Sometimes(RangeInclusive<u32>),
    /// In every case, each transition taking a number of polls from the range.
    Always(RangeInclusive<u32>),
}

impl Default for PendingTransitions {
    /// `Sometimes(1..=3)`.
    fn default() -> Self {
        Self::Sometimes(1..=3)
    }
}

/// The knobs of [`topologies_with`]: the shape of the clusters it generates.
///
/// Start from [`TopologyConfig::default`] (what [`topologies`] uses) and change what the
/// test needs; each method returns the changed config. Ranges are inclusive and adjusted to
/// make sense rather than refused: a range that starts above its end is its start alone,
/// and a cluster has one node at least.
///
/// | Knob | Default | Effect |
/// |---|---|---|
/// | [`nodes`](Self::nodes) | `1..=5` | how many nodes (`NODE1`, `NODE2`, ...) |
/// | [`networks`](Self::networks) | `1..=3` | how many networks (`Cluster Network 1`, ...) |
/// | [`groups_per_node`](Self::groups_per_node) | `0..=1` | how many groups each node owns (besides the core group on `NODE1`) |
/// | [`resources_per_group`](Self::resources_per_group) | `0..=3` | how many resources each of those groups has |
/// | [`resource_types`](Self::resource_types) | [`DEFAULT_RESOURCE_TYPES`] | the types resources are drawn from |
/// | [`online_groups`](Self::online_groups) | `0.5` | the chance that a group starts online |
/// | [`preferred_owners`](Self::preferred_owners) | `0.25` | the chance that a group has a preferred-owner list |
/// | [`possible_owners`](Self::possible_owners) | `0.25` | the chance that a resource's possible owners are a subset of the nodes |
/// | [`pending_transitions`](Self::pending_transitions) | `Sometimes(1..=3)` | whether operations complete at once or on later polls |
///
/// ```
/// use clusapi_sim::strategies::{PendingTransitions, TopologyConfig};
///
/// let config = TopologyConfig::default()
///     .nodes(3..=3)
///     .groups_per_node(2..=2)
///     .resources_per_group(1..=2)
///     .resource_types(["Physical Disk"])
///     .preferred_owners(1.0)
///     .possible_owners(0.0)
///     .pending_transitions(PendingTransitions::Never);
/// # let _ = config;
/// ```
#[derive(Debug, Clone, PartialEq)]
#[must_use]
pub struct TopologyConfig {
    nodes: RangeInclusive<usize>,
    networks: RangeInclusive<usize>,
    groups_per_node: RangeInclusive<usize>,
    resources_per_group: RangeInclusive<usize>,
    resource_types: Vec<String>,
    online_groups: f64,
    preferred_owners: f64,
    possible_owners: f64,
    pending: PendingTransitions,
}

impl Default for TopologyConfig {
    fn default() -> Self {
        Self {
            nodes: 1..=5,
            networks: 1..=3,
            groups_per_node: 0..=1,
            resources_per_group: 0..=3,
            resource_types: DEFAULT_RESOURCE_TYPES.iter().map(|&t| t.to_owned()).collect(),
            online_groups: 0.5,
            preferred_owners: 0.25,
            possible_owners: 0.25,
            pending: PendingTransitions::default(),
        }
    }
}

/// `range` with its start raised to `min` and its end to its start.
fn at_least<T: Ord + Copy>(range: &RangeInclusive<T>, min: T) -> RangeInclusive<T> {
    let start = (*range.start()).max(min);
    start..=(*range.end()).max(start)
}

/// A probability in `0.0..=1.0` (NaN: 0).
fn chance(p: f64) -> f64 {
    if p.is_nan() { 0.0 } else { p.clamp(0.0, 1.0) }
}

impl TopologyConfig {
    /// How many nodes the cluster has (at least 1). `2..=n` for tests that move, drain or
    /// fail over groups: with one node there is nowhere to go.
    pub fn nodes(mut self, range: RangeInclusive<usize>) -> Self {
        self.nodes = at_least(&range, 1);
        self
    }

    /// How many networks the cluster has (each with an interface on every node).
    pub fn networks(mut self, range: RangeInclusive<usize>) -> Self {
        self.networks = at_least(&range, 0);
        self
    }

    /// How many groups each node owns when the cluster starts, not counting the core group
    /// `"Cluster Group"` (always there, on `NODE1`).
    pub fn groups_per_node(mut self, range: RangeInclusive<usize>) -> Self {
        self.groups_per_node = at_least(&range, 0);
        self
    }

    /// How many resources each generated group has (the core group always has one, its
    /// `"Cluster Name"`).
    pub fn resources_per_group(mut self, range: RangeInclusive<usize>) -> Self {
        self.resources_per_group = at_least(&range, 0);
        self
    }

    /// The resource types resources are drawn from, each resource's at random. No types
    /// at all means [`DEFAULT_RESOURCE_TYPES`]. A name the builder refuses (empty, or with
    /// a NUL) makes [`GeneratedTopology::build`] fail.
    pub fn resource_types<S: Into<String>>(mut self, types: impl IntoIterator<Item = S>) -> Self {
        self.resource_types = types.into_iter().map(Into::into).collect();
        if self.resource_types.is_empty() {
            self.resource_types = Self::default().resource_types;
        }
        self
    }

    /// The chance (`0.0` never, `1.0` always) that a generated group starts online, its
    /// resources online on its owner; the others start offline. The core group is always
    /// online. (A group without resources reads `Offline` whatever it started as.)
    pub fn online_groups(mut self, probability: f64) -> Self {
        self.online_groups = chance(probability);
        self
    }

    /// The chance (`0.0` never, `1.0` always) that a generated group has a preferred-owner
    /// list (`SetClusterGroupNodeList`): one or more of the nodes, in a random order.
    pub fn preferred_owners(mut self, probability: f64) -> Self {
        self.preferred_owners = chance(probability);
        self
    }

    /// The chance (`0.0` never, `1.0` always) that a generated resource's possible owners
    /// (`RemoveClusterResourceNode`) are a random subset of the nodes rather than all of
    /// them. The subset always holds the owner of the resource's group, so the cluster
    /// starts valid; it may still hold every node.
    pub fn possible_owners(mut self, probability: f64) -> Self {
        self.possible_owners = chance(probability);
        self
    }

    /// Whether operations complete at once or on later state polls; a poll count below 1
    /// is raised to 1.
    pub fn pending_transitions(mut self, pending: PendingTransitions) -> Self {
        self.pending = match pending {
            PendingTransitions::Never => PendingTransitions::Never,
            PendingTransitions::Sometimes(r) => PendingTransitions::Sometimes(at_least(&r, 1)),
            PendingTransitions::Always(r) => PendingTransitions::Always(at_least(&r, 1)),
        };
        self
    }
}

/// A group of a [`GeneratedTopology`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct GeneratedGroup {
    /// Its name: `"Cluster Group"` for the core group, else `"Group 1"`, `"Group 2"`, ...
    pub name: String,
    /// The node that owns it when the cluster starts.
    pub owner: String,
    /// Whether it starts online.
    pub online: bool,
    /// Whether it is the core group (`"Cluster Group"`, on `NODE1`, always online).
    pub core: bool,
    /// Its preferred owners, in order (empty: none).
    pub preferred_owners: Vec<String>,
}

/// A resource of a [`GeneratedTopology`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct GeneratedResource {
    /// Its name: `"<group> Resource 1"`, ... (the core group's is `"Cluster Name"`).
    pub name: String,
    /// Its group.
    pub group: String,
    /// Its resource type.
    pub resource_type: String,
    /// Its possible owners, in node order (every node unless
    /// [`TopologyConfig::possible_owners`] restricted them; always the group's owner).
    pub possible_owners: Vec<String>,
}

/// A generated one-cluster topology: the builder, and the names of what it holds.
///
/// Build it with [`build`](Self::build) (or [`build_with`](Self::build_with) to add
/// options): that also gives the groups their preferred owners and the resources their
/// possible owners, which the builder does not describe.
///
/// Its `Debug` is the cluster in a few lines: a failing property test's "minimal failing
/// input" (proptest prints it with `{:#?}`) then reads like [`Simulator::world_summary`].
/// The builder is left out, because it describes the same cluster. A resource's possible
/// owners are shown only when they are not every node. `{:?}` prints the same items on one
/// line.
///
/// ```
/// use clusapi_sim::strategies::{topologies_with, TopologyConfig};
/// use proptest::strategy::{Strategy, ValueTree};
/// use proptest::test_runner::TestRunner;
///
/// let shape = TopologyConfig::default().nodes(2..=2).groups_per_node(0..=0).networks(1..=1);
/// let topology = topologies_with(shape).new_tree(&mut TestRunner::default()).unwrap().current();
/// let shown = format!("{topology:#?}");
/// assert!(shown.starts_with("GeneratedTopology GENCLUSTER"), "{shown}");
/// assert!(shown.contains("nodes: NODE1, NODE2"), "{shown}");
/// assert!(shown.contains("group Cluster Group [online] on NODE1"), "{shown}");
/// assert!(shown.lines().count() <= 6, "{shown}");
/// ```
#[derive(Clone)]
#[non_exhaustive]
pub struct GeneratedTopology {
    /// The cluster's nodes, networks, groups and resources, and its pending-transition
    /// option.
    pub builder: SimulatorBuilder,
    /// The cluster's name (`"GENCLUSTER"`).
    pub cluster: String,
    /// The node names, in order (`NODE1`, ...).
    pub nodes: Vec<String>,
    /// The network names, in order.
    pub networks: Vec<String>,
    /// The groups, the core group first.
    pub groups: Vec<GeneratedGroup>,
    /// The resources, group by group.
    pub resources: Vec<GeneratedResource>,
    /// How many state polls a transition takes; `None`: operations complete at once.
    pub pending_transitions: Option<u32>,
}

impl std::fmt::Debug for GeneratedTopology {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let pending = match self.pending_transitions {
            Some(polls) => format!("transitions take {polls} state polls"),
            None => "transitions complete at once".to_owned(),
        };
        let mut items = vec![format!("nodes: {}", self.nodes.join(", "))];
        items.push(format!(
            "networks: {}",
            if self.networks.is_empty() { "none".to_owned() } else { self.networks.join(", ") }
        ));
        for g in &self.groups {
            let mut line =
                format!("group {} [{}] on {}", g.name, if g.online { "online" } else { "offline" }, g.owner);
            if !g.preferred_owners.is_empty() {
                line += &format!(", preferred {}", g.preferred_owners.join(", "));
            }
            items.push(line);
            for r in self.resources_of(&g.name) {
                let mut line = format!("  resource {} ({})", r.name, r.resource_type);
                if r.possible_owners != self.nodes {
                    line += &format!(", possible owners {}", r.possible_owners.join(", "));
                }
                items.push(line);
            }
        }
        write!(f, "GeneratedTopology {} ({pending})", self.cluster)?;
        if f.alternate() {
            // One item a line, indented so that the lines stay under the value's own when a
            // derived `{:#?}` (a `Scenario`'s) nests this one.
            items.iter().try_for_each(|item| write!(f, "\n  {item}"))
        } else {
            write!(f, " {{ {} }}", items.iter().map(|i| i.trim_start()).collect::<Vec<_>>().join("; "))
        }
    }
}

impl GeneratedTopology {
    /// Builds the simulator: the builder's topology, then the preferred and possible owners
    /// (set directly, as part of the starting world: no call is counted, recorded or
    /// faulted).
    ///
    /// # Errors
    ///
    /// What [`SimulatorBuilder::build`] returns: for a generated topology only
    /// `ERROR_NOT_ENOUGH_MEMORY` (4095 simulators are alive), or the refusal of a resource
    /// type given to [`TopologyConfig::resource_types`].
    pub fn build(&self) -> Result<Simulator> {
        self.build_with(|b| b)
    }

    /// As [`build`](Self::build), with options added to the builder first.
    ///
    /// ```
    /// use clusapi_sim::strategies::{topologies, GeneratedTopology};
    /// use proptest::prelude::*;
    ///
    /// proptest!(ProptestConfig::with_cases(8), |(topology in topologies())| {
    ///     let sim = topology.build_with(|b| b.strict().record_history(100))?;
    ///     prop_assert!(sim.is_strict());
    /// });
    /// ```
    ///
    /// # Errors
    ///
    /// Those of [`build`](Self::build), and those of the options.
    pub fn build_with(
        &self,
        options: impl FnOnce(SimulatorBuilder) -> SimulatorBuilder,
    ) -> Result<Simulator> {
        let sim = options(self.builder.clone()).build()?;
        self.set_owners(&sim)?;
        Ok(sim)
    }

    /// The group names, in order (the core group first).
    #[must_use]
    pub fn group_names(&self) -> Vec<String> {
        self.groups.iter().map(|g| g.name.clone()).collect()
    }

    /// The resource names, in order.
    #[must_use]
    pub fn resource_names(&self) -> Vec<String> {
        self.resources.iter().map(|r| r.name.clone()).collect()
    }

    /// The groups `node` owns when the cluster starts (the core group included).
    pub fn groups_owned_by<'a>(&'a self, node: &'a str) -> impl Iterator<Item = &'a GeneratedGroup> + 'a {
        self.groups.iter().filter(move |g| g.owner == node)
    }

    /// The resources of `group`.
    pub fn resources_of<'a>(&'a self, group: &'a str) -> impl Iterator<Item = &'a GeneratedResource> + 'a {
        self.resources.iter().filter(move |r| r.group == group)
    }

    /// Gives the groups their preferred owners and the resources their possible owners, by
    /// the world's own rules, under one lock acquisition.
    fn set_owners(&self, sim: &Simulator) -> Result<()> {
        let missing =
            |what: &str, name: &str| Error::InvalidParameter(format!("generated {what} \"{name}\" missing"));
        let mut st = sim.lock();
        let w = &mut st.world;
        let c = w
            .cluster_order
            .iter()
            .filter_map(|&k| w.clusters.get(k))
            .find(|c| c.name == self.cluster)
            .ok_or_else(|| missing("cluster", &self.cluster))?;
        let node = |n: &str| c.node_names.get(n).ok_or_else(|| missing("node", n));
        let mut preferred = Vec::new();
        for g in self.groups.iter().filter(|g| !g.preferred_owners.is_empty()) {
            let key = c.group_names.get(&g.name).ok_or_else(|| missing("group", &g.name))?;
            let nodes = g.preferred_owners.iter().map(|n| node(n)).collect::<Result<Vec<_>>>()?;
            preferred.push((key, nodes));
        }
        let mut removed = Vec::new();
        for r in &self.resources {
            let key = c.resource_names.get(&r.name).ok_or_else(|| missing("resource", &r.name))?;
            for n in self.nodes.iter().filter(|n| !r.possible_owners.contains(n)) {
                removed.push((key, node(n)?));
            }
        }
        for (group, nodes) in preferred {
            w.set_group_node_list(group, nodes)?;
        }
        for (resource, node) in removed {
            w.remove_resource_node(resource, node)?;
        }
        Ok(())
    }
}

/// What one generated group draws: its resources (a type index and, when restricted, which
/// nodes may own it), whether it starts online, and its preferred owners (node indexes).
type GroupDraw = (Vec<(prop::sample::Index, Option<Vec<bool>>)>, bool, Vec<usize>);

/// The draws of one group of a cluster of `nodes` nodes.
fn group_draws(config: &TopologyConfig, nodes: usize) -> impl Strategy<Value = GroupDraw> + use<> {
    let mask = move |restricted: bool| {
        if restricted {
            prop::collection::vec(any::<bool>(), nodes).prop_map(Some).boxed()
        } else {
            Just(None).boxed()
        }
    };
    let resource =
        (any::<prop::sample::Index>(), prop::bool::weighted(config.possible_owners).prop_flat_map(mask));
    let preferred = prop::bool::weighted(config.preferred_owners).prop_flat_map(move |yes| {
        if yes {
            prop::sample::subsequence((0..nodes).collect::<Vec<_>>(), 1..=nodes).prop_shuffle().boxed()
        } else {
            Just(Vec::new()).boxed()
        }
    });
    (
        prop::collection::vec(resource, config.resources_per_group.clone()),
        prop::bool::weighted(config.online_groups),
        preferred,
    )
}

/// The pending-transition option a config draws from.
fn pending_draws(pending: &PendingTransitions) -> BoxedStrategy<Option<u32>> {
    match pending {
        PendingTransitions::Never => Just(None).boxed(),
        PendingTransitions::Sometimes(r) => prop::option::of(r.clone()).boxed(),
        PendingTransitions::Always(r) => r.clone().prop_map(Some).boxed(),
    }
}

/// A valid one-cluster topology of the default shape ([`TopologyConfig::default`]): 1 to 5
/// nodes, 1 to 3 networks, the core group and 0 or 1 more groups per node of 0 to 3
/// resources, some groups online, some preferred and possible owners, sometimes pending
/// transitions.
///
/// ```
/// use clusapi_sim::strategies::topologies;
/// use proptest::prelude::*;
///
/// proptest!(ProptestConfig::with_cases(16), |(topology in topologies())| {
///     let sim = topology.build()?;
///     for group in &topology.groups {
///         let view = sim.inspect_group(&group.name).expect("a generated group");
///         prop_assert_eq!(&view.owner_node, &group.owner, "{}", sim.world_summary());
///     }
/// });
/// ```
pub fn topologies() -> impl Strategy<Value = GeneratedTopology> {
    topologies_with(TopologyConfig::default())
}

/// A valid one-cluster topology of the shape `config` gives.
///
/// ```
/// use clusapi_sim::strategies::{topologies_with, TopologyConfig};
/// use proptest::prelude::*;
///
/// let shape = TopologyConfig::default().nodes(3..=3).possible_owners(1.0);
/// proptest!(ProptestConfig::with_cases(16), |(topology in topologies_with(shape.clone()))| {
///     prop_assert_eq!(topology.nodes.len(), 3);
///     let sim = topology.build()?;
///     for r in &topology.resources {
///         let view = sim.inspect_resource(&r.name).expect("a generated resource");
///         prop_assert_eq!(&view.possible_owners, &r.possible_owners);
///     }
/// });
/// ```
pub fn topologies_with(config: TopologyConfig) -> impl Strategy<Value = GeneratedTopology> {
    let types = config.resource_types.clone();
    (config.nodes.clone(), config.networks.clone(), pending_draws(&config.pending))
        .prop_flat_map(move |(nodes, networks, pending)| {
            let groups = prop::collection::vec(group_draws(&config, nodes), config.groups_per_node.clone());
            (Just(nodes), Just(networks), Just(pending), prop::collection::vec(groups, nodes))
        })
        .prop_map(move |(nodes, networks, pending, per_node)| {
            assemble(nodes, networks, pending, per_node, &types)
        })
}

/// The topology the draws describe.
fn assemble(
    nodes: usize,
    networks: usize,
    pending: Option<u32>,
    per_node: Vec<Vec<GroupDraw>>,
    types: &[String],
) -> GeneratedTopology {
    let node_names: Vec<String> = (1..=nodes).map(|i| format!("NODE{i}")).collect();
    let network_names: Vec<String> = (1..=networks).map(|i| format!("Cluster Network {i}")).collect();
    let first = node_names.first().cloned().unwrap_or_default();
    let mut groups = vec![GeneratedGroup {
        name: CORE_GROUP.to_owned(),
        owner: first,
        online: true,
        core: true,
        preferred_owners: Vec::new(),
    }];
    let mut resources = vec![GeneratedResource {
        name: "Cluster Name".to_owned(),
        group: CORE_GROUP.to_owned(),
        resource_type: "Network Name".to_owned(),
        possible_owners: node_names.clone(),
    }];
    for (owner, draws) in node_names.iter().zip(per_node) {
        for (members, online, preferred) in draws {
            let name = format!("Group {}", groups.len());
            for (r, (kind, mask)) in members.into_iter().enumerate() {
                let possible_owners = match mask {
                    Some(mask) => node_names
                        .iter()
                        .zip(mask)
                        .filter(|&(n, keep)| keep || n == owner)
                        .map(|(n, _)| n.clone())
                        .collect(),
                    None => node_names.clone(),
                };
                resources.push(GeneratedResource {
                    name: format!("{name} Resource {}", r.saturating_add(1)),
                    group: name.clone(),
                    resource_type: if types.is_empty() {
                        "Generic Service".to_owned()
                    } else {
                        kind.get(types).clone()
                    },
                    possible_owners,
                });
            }
            let preferred_owners = preferred.iter().filter_map(|&i| node_names.get(i).cloned()).collect();
            groups.push(GeneratedGroup { name, owner: owner.clone(), online, core: false, preferred_owners });
        }
    }
    let mut b = Simulator::builder().cluster(CLUSTER);
    for n in &node_names {
        b = b.node(n.clone());
    }
    for n in &network_names {
        b = b.network(n.clone());
    }
    for g in &groups {
        b = if g.online {
            b.online_group(g.name.clone(), g.owner.clone())
        } else {
            b.group(g.name.clone(), g.owner.clone())
        };
    }
    for r in &resources {
        b = b.resource(r.group.clone(), r.name.clone(), r.resource_type.clone());
    }
    if let Some(polls) = pending {
        b = b.pending_transitions(polls);
    }
    GeneratedTopology {
        builder: b,
        cluster: CLUSTER.to_owned(),
        nodes: node_names,
        networks: network_names,
        groups,
        resources,
        pending_transitions: pending,
    }
}

/// One thing that happens to a simulated cluster, outside the code under test.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ClusterEvent {
    /// A node crashes (its groups fail over).
    CrashNode(String),
    /// A crashed node comes back.
    RestoreNode(String),
    /// A network goes down.
    NetworkDown(String),
    /// A network is partitioned.
    PartitionNetwork(String),
    /// A network comes back.
    RestoreNetwork(String),
    /// The cluster service stops.
    StopService,
    /// The cluster service starts again.
    StartService,
    /// Pending transitions advance by one poll.
    Step,
    /// Pending transitions complete.
    Settle,
}

impl ClusterEvent {
    /// Makes it happen. Events that do not apply (restoring a node that is up) do nothing.
    pub fn apply(&self, sim: &Simulator) {
        // The levers only refuse unknown names, which generated events never use.
        let _ = match self {
            Self::CrashNode(n) => sim.crash_node(n),
            Self::RestoreNode(n) => sim.restore_node(n),
            Self::NetworkDown(n) => sim.take_network_down(n),
            Self::PartitionNetwork(n) => sim.partition_network(n),
            Self::RestoreNetwork(n) => sim.restore_network(n),
            Self::StopService => sim.stop_cluster_service(None),
            Self::StartService => sim.start_cluster_service(None),
            Self::Step => {
                sim.step();
                Ok(())
            }
            Self::Settle => {
                sim.settle();
                Ok(())
            }
        };
    }
}

/// A generated cluster and what happens to it.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Scenario {
    /// The cluster (its builder, and the names of what it holds).
    pub topology: GeneratedTopology,
    /// The fault plan the simulator starts with.
    pub faults: Vec<Fault>,
    /// The events, in order.
    pub events: Vec<ClusterEvent>,
}

impl Scenario {
    /// Builds the simulator: the topology ([`GeneratedTopology::build`]), with the fault
    /// plan.
    ///
    /// # Errors
    ///
    /// Those of [`GeneratedTopology::build`].
    pub fn build(&self) -> Result<Simulator> {
        self.topology.build_with(|b| self.faults.iter().cloned().fold(b, SimulatorBuilder::fault))
    }

    /// The node names, in order.
    #[must_use]
    pub fn nodes(&self) -> &[String] {
        &self.topology.nodes
    }

    /// The group names, in order (the core group first).
    #[must_use]
    pub fn groups(&self) -> Vec<String> {
        self.topology.group_names()
    }
}

/// Events for a cluster with these nodes and networks: crashes and restores of the nodes,
/// failures and restores of the networks (none without networks), service stops and starts,
/// steps and settles. Without nodes, no crash or restore either.
pub fn cluster_events(
    nodes: Vec<String>,
    networks: Vec<String>,
    len: std::ops::Range<usize>,
) -> impl Strategy<Value = Vec<ClusterEvent>> {
    let mut arms: Vec<(u32, BoxedStrategy<ClusterEvent>)> = vec![
        (1, Just(ClusterEvent::StopService).boxed()),
        (2, Just(ClusterEvent::StartService).boxed()),
        (2, Just(ClusterEvent::Step).boxed()),
        (1, Just(ClusterEvent::Settle).boxed()),
    ];
    if !nodes.is_empty() {
        let n = prop::sample::select(nodes);
        arms.push((3, n.clone().prop_map(ClusterEvent::CrashNode).boxed()));
        arms.push((3, n.prop_map(ClusterEvent::RestoreNode).boxed()));
    }
    if !networks.is_empty() {
        let net = prop::sample::select(networks);
        arms.push((1, net.clone().prop_map(ClusterEvent::NetworkDown).boxed()));
        arms.push((1, net.clone().prop_map(ClusterEvent::PartitionNetwork).boxed()));
        arms.push((1, net.prop_map(ClusterEvent::RestoreNetwork).boxed()));
    }
    prop::collection::vec(prop::strategy::Union::new_weighted(arms), len)
}

/// The calls [`fault_plans`] makes fail: the common operations of cluster-management code.
pub const FAULT_PLAN_CALLS: &[&str] = &[
    "open_cluster",
    "open_cluster_group",
    "open_cluster_resource",
    "get_cluster_group_state",
    "get_cluster_resource_state",
    "online_cluster_group",
    "offline_cluster_group",
    "move_cluster_group",
    "online_cluster_resource",
    "cluster_open_enum",
];

/// A fault plan of up to three rules on common operations ([`FAULT_PLAN_CALLS`]), each
/// with a code a real cluster answers that call with (its
/// [`CallInfo::fault_codes`](crate::CallInfo::fault_codes)).
pub fn fault_plans() -> impl Strategy<Value = Vec<Fault>> {
    fault_plans_on(FAULT_PLAN_CALLS)
}

/// A fault plan of up to three rules on the calls named (Rust or Win32 names, as
/// [`Fault::on`] takes them), each with a code drawn from that call's
/// [`CallInfo::fault_codes`](crate::CallInfo::fault_codes): the n-th matching call (1 to
/// 4) or a fifth of them fails. Names of no faultable call are left out (none left: empty
/// plans).
///
/// ```
/// use clusapi_sim::strategies::fault_plans_on;
/// use proptest::prelude::*;
///
/// proptest!(ProptestConfig::with_cases(16), |(plan in fault_plans_on(&["PauseClusterNodeEx", "move_cluster_group"]))| {
///     prop_assert!(plan.len() <= 3);
/// });
/// ```
pub fn fault_plans_on(calls: &[&str]) -> impl Strategy<Value = Vec<Fault>> + use<> {
    // Each call with its codes, resolved once: the same names `Fault::on` matches.
    let choices: Vec<(&'static str, &'static [u32])> = calls
        .iter()
        .filter_map(|name| {
            crate::calls()
                .find(|c| {
                    c.faultable && !c.fault_codes().is_empty() && crate::session::fault::same_call(c, name)
                })
                .map(|c| (c.name, c.fault_codes()))
        })
        .collect();
    let rule = if choices.is_empty() {
        Just(None).boxed()
    } else {
        prop::sample::select(choices)
            .prop_flat_map(|(op, codes)| {
                (
                    Just(op),
                    prop::sample::select(codes),
                    prop_oneof![(1u64..5).prop_map(Some), Just(None)],
                    any::<u64>(),
                )
            })
            .prop_map(|(op, code, nth, seed)| {
                Some(match nth {
                    Some(n) => Fault::on(op).nth(n).code(code),
                    None => Fault::on(op).fraction(200_000, seed).code(code),
                })
            })
            .boxed()
    };
    prop::collection::vec(rule, 0..=3).prop_map(|rules| rules.into_iter().flatten().collect())
}

/// A topology of the default shape, a fault plan and up to 20 events for it.
pub fn scenarios() -> impl Strategy<Value = Scenario> {
    scenarios_with(TopologyConfig::default())
}

/// A topology of the shape `config` gives, a fault plan and up to 20 events for it.
///
/// ```
/// use clusapi_sim::strategies::{scenarios_with, ClusterEvent, TopologyConfig};
/// use proptest::prelude::*;
///
/// let shape = TopologyConfig::default().nodes(2..=3);
/// proptest!(ProptestConfig::with_cases(16), |(scenario in scenarios_with(shape.clone()))| {
///     // Events name the topology's nodes only.
///     for event in &scenario.events {
///         if let ClusterEvent::CrashNode(n) = event {
///             prop_assert!(scenario.nodes().contains(n));
///         }
///     }
/// });
/// ```
pub fn scenarios_with(config: TopologyConfig) -> impl Strategy<Value = Scenario> {
    (topologies_with(config), fault_plans()).prop_flat_map(|(topology, faults)| {
        cluster_events(topology.nodes.clone(), topology.networks.clone(), 0..20)
            .prop_map(move |events| Scenario { topology: topology.clone(), faults: faults.clone(), events })
    })
}

/// `docs/strategies.md`, whose examples run as doctests so the guide never rots.
#[doc = include_str!("../docs/strategies.md")]
#[cfg(doctest)]
pub struct GuideDoctests;
