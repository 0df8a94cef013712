//! `proptest` strategies for users' own property tests (feature `proptest`): random valid
//! topologies, sequences of cluster events and fault plans, so code under test meets
//! thousands of clusters and failures, reproducibly (proptest's seeds and shrinking apply).
//!
//! ```
//! use clusapi_sim::strategies::scenarios;
//! use proptest::prelude::*;
//!
//! let config = ProptestConfig { cases: 16, failure_persistence: None, ..ProptestConfig::default() };
//! proptest!(config, |(scenario in scenarios())| {
//!     let sim = scenario.build();
//!     // The scenario's fault plan may refuse some calls, as a real cluster would.
//!     let c = (0..50).find_map(|_| sim.open_cluster(None).ok()).unwrap();
//!     for event in &scenario.events {
//!         event.apply(&sim); // crashes, restores, network failures, service stops...
//!         // ... run the code under test against `sim` here ...
//!     }
//!     // Whatever happened, a cluster handle stays valid and closes once.
//!     prop_assert!(sim.close_cluster(c).is_ok());
//! });
//! ```

use proptest::prelude::*;

use crate::calls::builder::SimulatorBuilder;
use crate::codes;
use crate::session::fault::Fault;
use crate::session::simulator::Simulator;

/// Resource types the generated resources use.
const TYPES: &[&str] = &["IP Address", "Network Name", "Generic Service", "Physical Disk", "File Server"];

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
pub struct Scenario {
    /// The topology (and options: pending transitions, fault plan).
    pub builder: SimulatorBuilder,
    /// The node names, in order.
    pub nodes: Vec<String>,
    /// The group names, in order (the core group first).
    pub groups: Vec<String>,
    /// The events, in order.
    pub events: Vec<ClusterEvent>,
}

impl Scenario {
    /// Builds the simulator (generated topologies are always valid).
    ///
    /// # Panics
    ///
    /// Only if 4095 simulators are alive at once.
    #[must_use]
    pub fn build(&self) -> Simulator {
        match self.builder.clone().build() {
            Ok(sim) => sim,
            Err(e) => panic!("a generated topology was refused: {e}"),
        }
    }
}

/// A valid one-cluster topology: 1 to 5 nodes, 1 to 3 networks, the core group and 0 to 4
/// more groups of 0 to 3 resources, random owners, some groups online, sometimes pending
/// transitions.
pub fn topologies() -> impl Strategy<Value = (SimulatorBuilder, Vec<String>, Vec<String>, Vec<String>)> {
    (
        1usize..=5,
        1usize..=3,
        prop::collection::vec((0usize..5, 0usize..=3, any::<bool>()), 0..=4),
        prop::option::of(1u32..4),
    )
        .prop_map(|(nodes, networks, groups, pending)| {
            let node_names: Vec<String> = (1..=nodes).map(|i| format!("NODE{i}")).collect();
            let network_names: Vec<String> = (1..=networks).map(|i| format!("Cluster Network {i}")).collect();
            let mut b = Simulator::builder().cluster("GENCLUSTER");
            for n in &node_names {
                b = b.node(n.clone());
            }
            for n in &network_names {
                b = b.network(n.clone());
            }
            // `nodes >= 1`, so NODE1 exists.
            b = b.group("Cluster Group", "NODE1").resource("Cluster Group", "Cluster Name", "Network Name");
            let mut group_names = vec!["Cluster Group".to_owned()];
            for (i, (owner, resources, online)) in groups.into_iter().enumerate() {
                let name = format!("Group {}", i.saturating_add(1));
                // Owners wrap round the nodes (a cycle of a non-empty list never ends).
                let Some(owner) = node_names.iter().cycle().nth(owner).cloned() else { continue };
                b = if online { b.online_group(name.clone(), owner) } else { b.group(name.clone(), owner) };
                for r in 0..resources {
                    b = b.resource(
                        name.clone(),
                        format!("{name} Resource {}", r.saturating_add(1)),
                        TYPES.iter().cycle().nth(i.saturating_add(r)).copied().unwrap_or("Generic Service"),
                    );
                }
                group_names.push(name);
            }
            if let Some(polls) = pending {
                b = b.pending_transitions(polls);
            }
            (b, node_names, network_names, group_names)
        })
}

/// Events for a cluster with these nodes and networks.
pub fn cluster_events(
    nodes: Vec<String>,
    networks: Vec<String>,
    len: std::ops::Range<usize>,
) -> impl Strategy<Value = Vec<ClusterEvent>> {
    let n = prop::sample::select(nodes);
    let net = prop::sample::select(networks);
    let event = prop_oneof![
        3 => n.clone().prop_map(ClusterEvent::CrashNode),
        3 => n.prop_map(ClusterEvent::RestoreNode),
        1 => net.clone().prop_map(ClusterEvent::NetworkDown),
        1 => net.clone().prop_map(ClusterEvent::PartitionNetwork),
        1 => net.prop_map(ClusterEvent::RestoreNetwork),
        1 => Just(ClusterEvent::StopService),
        2 => Just(ClusterEvent::StartService),
        2 => Just(ClusterEvent::Step),
        1 => Just(ClusterEvent::Settle),
    ];
    prop::collection::vec(event, len)
}

/// A fault plan of up to three rules on common operations, with codes real clusters return.
pub fn fault_plans() -> impl Strategy<Value = Vec<Fault>> {
    let operation = prop::sample::select(vec![
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
    ]);
    let code = prop::sample::select(vec![
        codes::RPC_S_SERVER_UNAVAILABLE,
        codes::RPC_S_CALL_FAILED,
        codes::ERROR_INVALID_STATE,
        codes::ERROR_HOST_NODE_NOT_AVAILABLE,
        codes::ERROR_NOT_ENOUGH_MEMORY,
    ]);
    let rule = (operation, code, prop_oneof![(1u64..5).prop_map(Some), Just(None)], any::<u64>()).prop_map(
        |(op, code, nth, seed)| match nth {
            Some(n) => Fault::on(op).nth(n).code(code),
            None => Fault::on(op).fraction(200_000, seed).code(code),
        },
    );
    prop::collection::vec(rule, 0..=3)
}

/// A topology, a fault plan and up to 20 events for it.
pub fn scenarios() -> impl Strategy<Value = Scenario> {
    (topologies(), fault_plans()).prop_flat_map(|((builder, nodes, networks, groups), faults)| {
        let builder = faults.into_iter().fold(builder, SimulatorBuilder::fault);
        cluster_events(nodes.clone(), networks, 0..20).prop_map(move |events| Scenario {
            builder: builder.clone(),
            nodes: nodes.clone(),
            groups: groups.clone(),
            events,
        })
    })
}
