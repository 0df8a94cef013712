//! The `proptest` feature's strategies: generated scenarios build, their events apply, the
//! simulator's invariants hold whatever happens, and each knob of `TopologyConfig` shapes the
//! topologies as documented (in what the strategy says and in the simulator it builds).
#![cfg(feature = "proptest")]

use clusapi_sim::strategies::{
    ClusterEvent, DEFAULT_RESOURCE_TYPES, GeneratedTopology, PendingTransitions, TopologyConfig, scenarios,
    topologies, topologies_with,
};
use clusapi_sim::{ClusterGroupState, Fault, codes};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn random_clusters_and_failures_keep_the_invariants(scenario in scenarios()) {
        let sim = scenario.build()?;
        let state_call = clusapi_sim::calls().find(|c| c.name == "get_cluster_group_state").expect("declared");
        // A fault plan may make an open fail: its rules fire on one call's count, or on a
        // fifth of calls, so retrying gets through (50 failures in a row: about 1e-35).
        let c = (0..50).find_map(|_| sim.open_cluster(None).ok()).expect("an open gets through");
        let groups: Vec<_> = scenario.groups().iter().filter_map(|g| sim.open_cluster_group(c, g).ok()).collect();
        for event in &scenario.events {
            event.apply(&sim);
            for &g in &groups {
                match sim.get_cluster_group_state(g) {
                    Ok(s) => prop_assert!(scenario.nodes().contains(&s.owner_node), "{}", sim.world_summary()),
                    // A stopped service (1722) or a fault: one a real cluster answers.
                    Err(e) => prop_assert!(state_call.can_answer(e.code()), "{e}"),
                }
            }
        }
        sim.start_cluster_service(None).unwrap();
        sim.settle();
        sim.clear_faults();
        for &g in &groups {
            let s = sim.get_cluster_group_state(g).unwrap();
            prop_assert_ne!(s.state, ClusterGroupState::Pending, "settled\n{}", sim.world_summary());
            sim.close_cluster_group(g).unwrap();
        }
        sim.close_cluster(c).unwrap();
        prop_assert_eq!(sim.open_handle_count(), 0);
    }

    /// What the strategy says of a topology is what the simulator it builds holds.
    #[test]
    fn the_names_and_owners_a_topology_gives_are_the_worlds(topology in topologies()) {
        let sim = topology.build()?;
        let summary = sim.world_summary();
        for n in &topology.nodes {
            let view = sim.inspect_node(n).expect("a generated node");
            let owned: Vec<_> = topology.groups_owned_by(n).map(|g| g.name.clone()).collect();
            prop_assert_eq!(view.groups, owned, "{}", summary);
        }
        let extra = format!("NODE{}", topology.nodes.len() + 1);
        prop_assert!(sim.inspect_node(&extra).is_none());
        for n in &topology.networks {
            prop_assert!(sim.inspect_network(n).is_some(), "{}", summary);
        }
        for g in &topology.groups {
            let view = sim.inspect_group(&g.name).expect("a generated group");
            prop_assert_eq!(&view.owner_node, &g.owner);
            prop_assert_eq!(&view.preferred_owners, &g.preferred_owners);
            let members: Vec<_> = topology.resources_of(&g.name).map(|r| r.name.clone()).collect();
            prop_assert_eq!(&view.resources, &members);
        }
        for r in &topology.resources {
            let view = sim.inspect_resource(&r.name).expect("a generated resource");
            prop_assert_eq!(&view.group, &r.group);
            prop_assert_eq!(&view.resource_type, &r.resource_type);
            prop_assert_eq!(&view.possible_owners, &r.possible_owners, "{}", summary);
        }
        prop_assert_eq!(&topology.group_names()[0], "Cluster Group");
        prop_assert_eq!(topology.resource_names().len(), topology.resources.len());
        // Setting the owners is part of the starting world: no call, no history.
        let recorded = topology.build_with(|b| b.record_history(100))?;
        prop_assert!(recorded.history().is_empty());
        prop_assert_eq!(recorded.open_handle_count(), 0);
    }
}

/// `count` topologies of `config`'s shape, drawn reproducibly.
fn sample(config: TopologyConfig, count: usize) -> Vec<GeneratedTopology> {
    let strategy = topologies_with(config);
    let mut runner = TestRunner::deterministic();
    (0..count).map(|_| strategy.new_tree(&mut runner).expect("a topology").current()).collect()
}

#[test]
fn by_default_some_clusters_have_one_node_and_some_five() {
    let counts: Vec<usize> = sample(TopologyConfig::default(), 256).iter().map(|t| t.nodes.len()).collect();
    assert!(counts.iter().all(|n| (1..=5).contains(n)));
    assert!(counts.contains(&1) && counts.contains(&5), "{counts:?}");
}

#[test]
fn the_nodes_knob_bounds_the_node_count() {
    let topologies = sample(TopologyConfig::default().nodes(2..=4), 256);
    let counts: Vec<usize> = topologies.iter().map(|t| t.nodes.len()).collect();
    assert!(!counts.contains(&1), "no one-node cluster: {counts:?}");
    for n in 2..=4 {
        assert!(counts.contains(&n), "{n} nodes at least once: {counts:?}");
    }
    assert!(counts.iter().all(|n| (2..=4).contains(n)), "{counts:?}");
    for t in topologies.iter().take(32) {
        let sim = t.build().unwrap();
        let names: Vec<String> = (1..=t.nodes.len()).map(|i| format!("NODE{i}")).collect();
        assert_eq!(t.nodes, names);
        for n in &names {
            assert!(sim.inspect_node(n).is_some(), "{}", sim.world_summary());
        }
    }
}

#[test]
fn node_ranges_are_adjusted_rather_than_refused() {
    assert!(sample(TopologyConfig::default().nodes(0..=0), 32).iter().all(|t| t.nodes.len() == 1));
    #[allow(clippy::reversed_empty_ranges)]
    let reversed = TopologyConfig::default().nodes(4..=2);
    assert!(sample(reversed, 32).iter().all(|t| t.nodes.len() == 4));
}

#[test]
fn the_networks_knob_bounds_the_network_count() {
    for t in sample(TopologyConfig::default().networks(2..=2), 32) {
        assert_eq!(t.networks, ["Cluster Network 1", "Cluster Network 2"]);
        let sim = t.build().unwrap();
        for n in &t.networks {
            assert_eq!(sim.inspect_network(n).unwrap().net_interfaces.len(), t.nodes.len());
        }
    }
    // No network at all: the cluster builds, and its events touch no network.
    for t in sample(TopologyConfig::default().networks(0..=0), 16) {
        assert!(t.networks.is_empty());
        t.build().unwrap();
        let events = clusapi_sim::strategies::cluster_events(t.nodes.clone(), Vec::new(), 50..51);
        let mut runner = TestRunner::deterministic();
        let events = events.new_tree(&mut runner).unwrap().current();
        assert!(!events.iter().any(|e| matches!(
            e,
            ClusterEvent::NetworkDown(_)
                | ClusterEvent::PartitionNetwork(_)
                | ClusterEvent::RestoreNetwork(_)
        )));
    }
}

#[test]
fn the_groups_per_node_knob_bounds_what_each_node_owns() {
    let topologies = sample(TopologyConfig::default().nodes(1..=4).groups_per_node(1..=3), 128);
    let mut seen = [false; 4];
    for t in &topologies {
        for n in &t.nodes {
            let owned = t.groups_owned_by(n).filter(|g| !g.core).count();
            assert!((1..=3).contains(&owned), "{n} owns {owned}: {t:?}");
            seen[owned] = true;
        }
        // The core group is there too, on NODE1.
        assert_eq!(t.groups.iter().filter(|g| g.core).count(), 1);
        assert_eq!((t.groups[0].name.as_str(), t.groups[0].owner.as_str()), ("Cluster Group", "NODE1"));
    }
    assert_eq!(seen, [false, true, true, true], "each count in the range occurs");
    for t in topologies.iter().take(16) {
        let sim = t.build().unwrap();
        for n in &t.nodes {
            let owned: Vec<_> = t.groups_owned_by(n).map(|g| g.name.clone()).collect();
            assert_eq!(sim.inspect_node(n).unwrap().groups, owned, "{}", sim.world_summary());
        }
    }
    let none = sample(TopologyConfig::default().groups_per_node(0..=0), 32);
    assert!(none.iter().all(|t| t.group_names() == ["Cluster Group"]));
}

#[test]
fn the_resources_per_group_knob_bounds_each_groups_resources() {
    for t in sample(TopologyConfig::default().groups_per_node(1..=2).resources_per_group(2..=2), 64) {
        for g in t.groups.iter().filter(|g| !g.core) {
            let members: Vec<_> = t.resources_of(&g.name).map(|r| r.name.clone()).collect();
            assert_eq!(members, [format!("{} Resource 1", g.name), format!("{} Resource 2", g.name)]);
        }
        let core: Vec<_> = t.resources_of("Cluster Group").map(|r| r.name.as_str()).collect();
        assert_eq!(core, ["Cluster Name"]);
    }
}

#[test]
fn the_resource_types_knob_picks_the_types() {
    let topologies = sample(
        TopologyConfig::default()
            .groups_per_node(1..=2)
            .resources_per_group(1..=3)
            .resource_types(["Physical Disk", "Custom Type"]),
        64,
    );
    let types: Vec<&str> = topologies
        .iter()
        .flat_map(|t| t.resources.iter().filter(|r| r.group != "Cluster Group"))
        .map(|r| r.resource_type.as_str())
        .collect();
    assert!(types.iter().all(|t| ["Physical Disk", "Custom Type"].contains(t)), "{types:?}");
    assert!(types.contains(&"Physical Disk") && types.contains(&"Custom Type"));
    for t in topologies.iter().take(16) {
        let sim = t.build().unwrap();
        for r in &t.resources {
            assert_eq!(sim.inspect_resource(&r.name).unwrap().resource_type, r.resource_type);
        }
    }
    // No types: the defaults.
    let defaults = sample(
        TopologyConfig::default()
            .groups_per_node(1..=1)
            .resources_per_group(3..=3)
            .resource_types(Vec::<String>::new()),
        16,
    );
    assert!(
        defaults
            .iter()
            .flat_map(|t| &t.resources)
            .all(|r| DEFAULT_RESOURCE_TYPES.contains(&r.resource_type.as_str()) || r.name == "Cluster Name")
    );
    // A type the builder refuses fails the build, with its code.
    let bad = sample(
        TopologyConfig::default().groups_per_node(1..=1).resources_per_group(1..=1).resource_types([""]),
        1,
    );
    assert_eq!(bad[0].build().unwrap_err().code(), codes::ERROR_INVALID_PARAMETER);
}

#[test]
fn the_online_groups_knob_decides_how_groups_start() {
    let shape = TopologyConfig::default().groups_per_node(1..=2).resources_per_group(1..=2);
    for (p, expected) in [(1.0, ClusterGroupState::Online), (0.0, ClusterGroupState::Offline)] {
        for t in sample(shape.clone().online_groups(p), 16) {
            let sim = t.build().unwrap();
            for g in t.groups.iter().filter(|g| !g.core) {
                assert_eq!(g.online, p == 1.0);
                assert_eq!(sim.inspect_group(&g.name).unwrap().state, expected, "{}", sim.world_summary());
            }
            assert_eq!(sim.inspect_group("Cluster Group").unwrap().state, ClusterGroupState::Online);
        }
    }
    let half = sample(shape.online_groups(0.5), 32);
    let online: Vec<bool> =
        half.iter().flat_map(|t| t.groups.iter().filter(|g| !g.core).map(|g| g.online)).collect();
    assert!(online.contains(&true) && online.contains(&false));
}

#[test]
fn the_preferred_owners_knob_gives_groups_preferred_owner_lists() {
    let shape = TopologyConfig::default().nodes(2..=4).groups_per_node(1..=2);
    let mut orders = std::collections::HashSet::new();
    for t in sample(shape.clone().preferred_owners(1.0), 64) {
        for g in t.groups.iter().filter(|g| !g.core) {
            assert!(!g.preferred_owners.is_empty(), "{g:?}");
            assert!(g.preferred_owners.iter().all(|n| t.nodes.contains(n)));
            let mut unique = g.preferred_owners.clone();
            unique.sort();
            unique.dedup();
            assert_eq!(unique.len(), g.preferred_owners.len(), "no node twice: {g:?}");
            orders.insert(g.preferred_owners.clone());
        }
        let sim = t.build().unwrap();
        for g in &t.groups {
            assert_eq!(sim.inspect_group(&g.name).unwrap().preferred_owners, g.preferred_owners);
        }
    }
    assert!(orders.contains(&vec!["NODE2".to_owned(), "NODE1".to_owned()]), "random orders: {orders:?}");
    for t in sample(shape.preferred_owners(0.0), 32) {
        assert!(t.groups.iter().all(|g| g.preferred_owners.is_empty()));
    }
}

#[test]
fn the_possible_owners_knob_restricts_where_resources_may_run() {
    let shape = TopologyConfig::default().nodes(2..=4).groups_per_node(1..=2).resources_per_group(1..=3);
    let mut restricted = 0;
    for t in sample(shape.clone().possible_owners(1.0), 64) {
        let sim = t.build().unwrap();
        for r in t.resources.iter().filter(|r| r.group != "Cluster Group") {
            let owner = &t.groups.iter().find(|g| g.name == r.group).unwrap().owner;
            assert!(r.possible_owners.contains(owner), "the group's owner may host it: {r:?}");
            let in_node_order: Vec<_> =
                t.nodes.iter().filter(|n| r.possible_owners.contains(n)).cloned().collect();
            assert_eq!(r.possible_owners, in_node_order);
            assert_eq!(sim.inspect_resource(&r.name).unwrap().possible_owners, r.possible_owners);
            if r.possible_owners.len() < t.nodes.len() {
                restricted += 1;
            }
        }
    }
    assert!(restricted > 0, "some resources may not run everywhere");
    for t in sample(shape.possible_owners(0.0), 32) {
        assert!(t.resources.iter().all(|r| r.possible_owners == t.nodes));
    }
}

#[test]
fn the_pending_transitions_knob_decides_whether_operations_complete_at_once() {
    let shape = TopologyConfig::default().nodes(2..=3);
    for t in sample(shape.clone().pending_transitions(PendingTransitions::Never), 16) {
        assert_eq!(t.pending_transitions, None);
        let sim = t.build().unwrap();
        let c = sim.open_cluster(None).unwrap();
        let g = sim.open_cluster_group(c, "Cluster Group").unwrap();
        assert!(sim.move_cluster_group(g, None).is_ok(), "{}", sim.world_summary());
    }
    for t in sample(shape.clone().pending_transitions(PendingTransitions::Always(2..=2)), 16) {
        assert_eq!(t.pending_transitions, Some(2));
        let sim = t.build().unwrap();
        let c = sim.open_cluster(None).unwrap();
        let g = sim.open_cluster_group(c, "Cluster Group").unwrap();
        assert_eq!(sim.move_cluster_group(g, None).unwrap_err().code(), codes::ERROR_IO_PENDING);
        assert_eq!(sim.get_cluster_group_state(g).unwrap().state, ClusterGroupState::Pending);
        assert_eq!(sim.get_cluster_group_state(g).unwrap().state, ClusterGroupState::Online);
    }
    let polls: Vec<_> = sample(shape.clone().pending_transitions(PendingTransitions::Sometimes(1..=3)), 64)
        .iter()
        .map(|t| t.pending_transitions)
        .collect();
    assert!(polls.contains(&None) && polls.contains(&Some(1)) && polls.contains(&Some(3)), "{polls:?}");
    // Zero polls would be refused by the builder: raised to one.
    let zero = sample(shape.pending_transitions(PendingTransitions::Always(0..=0)), 8);
    assert!(zero.iter().all(|t| t.pending_transitions == Some(1) && t.build().is_ok()));
}

#[test]
fn owners_are_set_past_the_fault_plan() {
    let shape = TopologyConfig::default().nodes(3..=3).groups_per_node(1..=1).preferred_owners(1.0);
    let t = &sample(shape, 1)[0];
    let sim = t
        .build_with(|b| {
            b.fault(Fault::on("set_cluster_group_node_list")).fault(Fault::on("open_cluster_group"))
        })
        .unwrap();
    let g = &t.groups[1];
    assert_eq!(sim.inspect_group(&g.name).unwrap().preferred_owners, g.preferred_owners);
    let c = sim.open_cluster(None).unwrap();
    // A rule without a code fails with the call's first fault code.
    assert_eq!(sim.open_cluster_group(c, &g.name).unwrap_err().code(), codes::RPC_S_SERVER_UNAVAILABLE);
    sim.close_cluster(c).unwrap();
}

/// What proptest prints as a failing case's "minimal failing input" (`{:#?}`): every node,
/// network, group and resource by name, with owners, states, types and restricted possible
/// owners, and none of the builder's internals; `{:?}` the same on one line.
#[test]
fn a_generated_topology_prints_as_a_short_world() {
    let config = TopologyConfig::default().nodes(2..=4).groups_per_node(1..=2).possible_owners(0.5);
    let topologies = sample(config, 64);
    let mut restricted_shown = 0;
    for t in &topologies {
        let shown = format!("{t:#?}");
        let one_line = format!("{t:?}");
        assert!(!one_line.contains('\n'), "{one_line}");
        for internal in ["SimulatorBuilder", "handle_limit", "Props", "GroupSpec"] {
            assert!(!shown.contains(internal), "{internal} in:\n{shown}");
        }
        // A line for the header, the nodes, the networks, each group and each resource.
        assert_eq!(shown.lines().count(), 3 + t.groups.len() + t.resources.len(), "{shown}");
        assert!(shown.contains(&format!("nodes: {}", t.nodes.join(", "))), "{shown}");
        for g in &t.groups {
            let state = if g.online { "online" } else { "offline" };
            let line = format!("group {} [{state}] on {}", g.name, g.owner);
            assert!(shown.contains(&line), "{line} not in:\n{shown}");
            assert!(one_line.contains(&line), "{line} not in: {one_line}");
        }
        for r in &t.resources {
            let line = format!("resource {} ({})", r.name, r.resource_type);
            assert!(shown.contains(&line), "{line} not in:\n{shown}");
            if r.possible_owners != t.nodes {
                let owners = format!("{line}, possible owners {}", r.possible_owners.join(", "));
                assert!(shown.contains(&owners), "{owners} not in:\n{shown}");
                restricted_shown += 1;
            }
        }
    }
    assert!(restricted_shown > 0, "no sampled resource had restricted possible owners");
}
