//! Fault plans: chosen calls fail with chosen codes, deterministically, and change nothing.

use clusapi_sim::{ClusterGroupState, Fault, Simulator, codes::*};

#[test]
fn the_nth_call_fails_and_changes_nothing() {
    let sim = Simulator::default_builder()
        .fault(Fault::on("move_cluster_group").nth(2).code(ERROR_HOST_NODE_NOT_AVAILABLE))
        .build()
        .unwrap();
    let c = sim.open_cluster(None).unwrap();
    let g = sim.open_cluster_group(c, "Cluster Group").unwrap();
    sim.move_cluster_group(g, None).expect("first move");
    assert_eq!(sim.get_cluster_group_state(g).unwrap().owner_node, "NODE2");
    let err = sim.move_cluster_group(g, None).unwrap_err();
    assert_eq!(err.code(), ERROR_HOST_NODE_NOT_AVAILABLE);
    assert!(err.to_string().contains("injected fault"), "{err}");
    assert_eq!(sim.get_cluster_group_state(g).unwrap().owner_node, "NODE2", "nothing changed");
    sim.move_cluster_group(g, None).expect("third move");
}

#[test]
fn rules_can_target_one_object_and_use_c_names() {
    let sim = Simulator::default();
    sim.add_fault(
        Fault::on("OnlineClusterResource").object("cluster ip address").code(ERROR_RESOURCE_FAILED),
    )
    .unwrap();
    let c = sim.open_cluster(None).unwrap();
    let ip = sim.open_cluster_resource(c, "Cluster IP Address").unwrap();
    let name = sim.open_cluster_resource(c, "Cluster Name").unwrap();
    sim.online_cluster_resource(name).expect("another object");
    assert_eq!(sim.online_cluster_resource(ip).unwrap_err().code(), ERROR_RESOURCE_FAILED);
    assert_eq!(sim.online_cluster_resource(ip).unwrap_err().code(), ERROR_RESOURCE_FAILED, "every call");
    sim.clear_faults();
    sim.online_cluster_resource(ip).expect("the plan is empty");
}

#[test]
fn opens_and_enumerations_can_fail_too() {
    let sim = Simulator::default();
    sim.add_fault(Fault::on("open_cluster").nth(1).code(RPC_S_SERVER_UNAVAILABLE)).unwrap();
    sim.add_fault(Fault::on("ClusterOpenEnum").code(ERROR_NOT_ENOUGH_MEMORY)).unwrap();
    assert_eq!(sim.open_cluster(None).unwrap_err().code(), RPC_S_SERVER_UNAVAILABLE);
    let c = sim.open_cluster(None).expect("the second open works");
    assert_eq!(sim.cluster_open_enum(c, 1).unwrap_err().code(), ERROR_NOT_ENOUGH_MEMORY);
    assert_eq!(sim.open_handle_count(), 1, "a failed call opens nothing");
    sim.close_cluster(c).expect("closes are never faulted");
}

#[test]
fn seeded_fractions_are_reproducible() {
    let run = |seed| {
        let sim = Simulator::default_builder()
            .fault(Fault::on("get_cluster_group_state").fraction(300_000, seed))
            .build()
            .unwrap();
        let c = sim.open_cluster(None).unwrap();
        let g = sim.open_cluster_group(c, "Cluster Group").unwrap();
        (0..200)
            .map(|_| sim.get_cluster_group_state(g).map(|s| s.state == ClusterGroupState::Online).is_ok())
            .collect::<Vec<bool>>()
    };
    assert_eq!(run(42), run(42), "the same seed, the same failures");
    assert_ne!(run(42), run(43));
    let failures = run(42).iter().filter(|ok| !**ok).count();
    assert!((30..100).contains(&failures), "about 30%: {failures}");
}

#[test]
fn a_rule_naming_no_call_is_refused_not_silently_ignored() {
    let sim = Simulator::default();
    for op in ["OnlineClusterGrup", "", "close_cluster", "ClusterCloseEnum"] {
        let err = sim.add_fault(Fault::on(op)).expect_err(op);
        assert_eq!(err.code(), 87, "{op}: {err}");
    }
    // Nothing was added: every call still works.
    let c = sim.open_cluster(None).unwrap();
    sim.close_cluster(c).unwrap();
    let built = Simulator::default_builder().fault(Fault::on("MoveGroup")).build();
    assert_eq!(built.err().map(|e| e.code()), Some(87));
}
