//! Pending transitions: with `.pending_transitions(n)`, online, offline and move return
//! `ERROR_IO_PENDING`, objects sit in their pending states, and transitions complete on the
//! n-th state poll, or on `step()` / `settle()`.

use clusapi_sim::{ClusterGroupState as G, ClusterResourceState as R, Simulator, codes::*};

fn sim(polls: u32) -> Simulator {
    Simulator::builder()
        .cluster("C")
        .node("A")
        .node("B")
        .group("App", "A")
        .resource("App", "IP", "IP Address")
        .resource("App", "Service", "Generic Service")
        .pending_transitions(polls)
        .build()
        .expect("valid")
}

#[test]
fn online_is_pending_until_enough_polls() {
    let sim = sim(3);
    let c = sim.open_cluster(None).unwrap();
    let g = sim.open_cluster_group(c, "App").unwrap();
    let ip = sim.open_cluster_resource(c, "IP").unwrap();
    assert_eq!(sim.online_cluster_group(g, None).unwrap_err().code(), ERROR_IO_PENDING);
    // Robust clients poll; the third poll of the group sees it online.
    assert_eq!(sim.get_cluster_group_state(g).unwrap().state, G::Pending);
    assert_eq!(sim.online_cluster_group(g, None).unwrap_err().code(), ERROR_INVALID_STATE, "already pending");
    assert_eq!(sim.move_cluster_group(g, None).unwrap_err().code(), ERROR_INVALID_STATE);
    assert_eq!(sim.get_cluster_resource_state(ip).unwrap().state, R::OnlinePending);
    assert_eq!(sim.get_cluster_group_state(g).unwrap().state, G::Pending);
    assert_eq!(sim.get_cluster_group_state(g).unwrap().state, G::Online);
    assert_eq!(sim.get_cluster_resource_state(ip).unwrap().state, R::Online);
}

#[test]
fn step_and_settle_complete_transitions_without_polls() {
    let sim = sim(2);
    let c = sim.open_cluster(None).unwrap();
    let g = sim.open_cluster_group(c, "App").unwrap();
    let svc = sim.open_cluster_resource(c, "Service").unwrap();
    assert_eq!(sim.online_cluster_resource(svc).unwrap_err().code(), ERROR_IO_PENDING);
    sim.step();
    sim.step();
    assert_eq!(sim.get_cluster_resource_state(svc).unwrap().state, R::Online, "two steps");
    assert_eq!(sim.offline_cluster_group(g).unwrap_err().code(), ERROR_IO_PENDING);
    sim.settle();
    assert_eq!(sim.get_cluster_group_state(g).unwrap().state, G::Offline);
    // Nothing to do is not pending.
    sim.offline_cluster_group(g).expect("already offline: done at once");
}

#[test]
fn a_move_brings_online_resources_back_through_online_pending() {
    let sim = sim(1);
    let c = sim.open_cluster(None).unwrap();
    let g = sim.open_cluster_group(c, "App").unwrap();
    assert_eq!(sim.online_cluster_group(g, None).unwrap_err().code(), ERROR_IO_PENDING);
    sim.settle();
    let b = sim.open_cluster_node(c, "B").unwrap();
    assert_eq!(sim.move_cluster_group(g, Some(b)).unwrap_err().code(), ERROR_IO_PENDING);
    let s = sim.get_cluster_group_state(g).unwrap();
    assert_eq!((s.state, s.owner_node.as_str()), (G::Online, "B"), "one poll completes it");
    sim.move_cluster_group(g, Some(b)).expect("moving to the owner is done at once");
}

#[test]
fn a_pending_resource_can_fail() {
    let sim = sim(5);
    let c = sim.open_cluster(None).unwrap();
    let ip = sim.open_cluster_resource(c, "IP").unwrap();
    assert_eq!(sim.online_cluster_resource(ip).unwrap_err().code(), ERROR_IO_PENDING);
    sim.fail_cluster_resource(ip).expect("fail while pending");
    sim.settle();
    assert_eq!(sim.get_cluster_resource_state(ip).unwrap().state, R::Failed);
}

#[test]
fn zero_polls_is_refused() {
    let err = Simulator::default_builder().pending_transitions(0).build().unwrap_err();
    assert_eq!(err.code(), ERROR_INVALID_PARAMETER);
}
