//! The call pipeline: each call declared once, one chokepoint (issue 11). Regression tests
//! for the bugs the hand-written wrappers had.

use clusapi_sim::{ClusterApi, Fault, HCluster, HNetwork, Simulator, codes};

/// Production-style code, generic over the seam; returns the handle and its call's line.
fn open_first_network(api: &impl ClusterApi, cluster: HCluster) -> clusapi_sim::Result<(HNetwork, u32)> {
    let line = line!() + 1;
    api.open_cluster_network(cluster, "Cluster Network 1").map(|h| (h, line))
}

#[test]
fn leak_report_names_the_callers_line_through_the_method_and_through_the_trait() {
    let sim = Simulator::default();
    let c = sim.open_cluster(None).expect("open");
    let direct_line = line!() + 1;
    let _direct = sim.open_cluster_network(c, "Cluster Network 1").expect("open");
    let (_through_trait, trait_line) = open_first_network(&sim, c).expect("open");
    let nets: Vec<_> =
        sim.open_handles().into_iter().filter(|h| h.kind == clusapi_sim::HandleKind::Network).collect();
    assert_eq!(nets.len(), 2);
    assert!(nets.iter().all(|h| h.opened_at.file().ends_with("tests/suite/pipeline.rs")), "{nets:?}");
    let lines: Vec<u32> = nets.iter().map(|h| h.opened_at.line()).collect();
    assert_eq!(lines, [direct_line, trait_line]);
}

#[test]
fn every_declared_faultable_call_can_be_named_by_a_fault_both_ways() {
    let sim = Simulator::default();
    let mut n = 0;
    for call in clusapi_sim::calls() {
        if call.faultable {
            sim.add_fault(Fault::on(call.name)).unwrap_or_else(|e| panic!("{}: {e}", call.name));
            sim.add_fault(Fault::on(call.win32)).unwrap_or_else(|e| panic!("{}: {e}", call.win32));
            n += 1;
        } else {
            assert_eq!(
                sim.add_fault(Fault::on(call.name)).map_err(|e| e.code()),
                Err(codes::ERROR_INVALID_PARAMETER),
                "{} is declared not faultable",
                call.name
            );
        }
    }
    assert!(n > 0);
}

#[test]
fn history_is_recorded_in_the_calls_own_lock_with_its_location() {
    let sim = Simulator::default_builder().record_history(10).build().expect("build");
    let c = sim.open_cluster(None).expect("open");
    let line = line!() + 1;
    let n = sim.open_cluster_network(c, "Cluster Network 1").expect("open");
    let h = sim.history();
    let rec = h.iter().find(|r| r.call == "open_cluster_network").expect("recorded");
    assert_eq!(rec.location.line(), line);
    assert_eq!(rec.args, format!("{c:?}, \"Cluster Network 1\""));
    assert_eq!(rec.result, Ok(format!("{n:?}")));
}

#[test]
fn inspection_changes_nothing_no_poll_no_fault_no_history_no_diagnostic() {
    use clusapi_sim::ClusterGroupState;
    let sim = Simulator::default_builder()
        .pending_transitions(2)
        .record_history(100)
        .fault(Fault::on("GetClusterGroupState").nth(1).code(codes::RPC_S_CALL_FAILED))
        .build()
        .expect("build");
    let c = sim.open_cluster(None).expect("open");
    let g = sim.open_cluster_group(c, "Cluster Group").expect("open");
    sim.close_cluster(c).expect("close"); // later uses of `g` are diagnostics
    assert_eq!(sim.move_cluster_group(g, None).unwrap_err().code(), codes::ERROR_IO_PENDING);
    let (history, diagnostics) = (sim.history().len(), sim.diagnostics().len());
    for _ in 0..5 {
        let view = sim.inspect_group("cluster group").expect("found");
        assert_eq!(view.state, ClusterGroupState::Pending);
        assert_eq!(view.resources, ["Cluster Name", "Cluster IP Address"]);
        assert!(sim.inspect_resource("Cluster Name").expect("found").pending);
    }
    assert_eq!((sim.history().len(), sim.diagnostics().len()), (history, diagnostics));
    // The fault's first matching call is still the code's first poll.
    assert_eq!(sim.get_cluster_group_state(g).unwrap_err().code(), codes::RPC_S_CALL_FAILED);
    assert_eq!(sim.get_cluster_group_state(g).expect("poll").state, ClusterGroupState::Pending);
    assert_eq!(sim.get_cluster_group_state(g).expect("poll").state, ClusterGroupState::Online);
    assert!(sim.inspect_group("no such group").is_none());
    sim.close_cluster_group(g).expect("close");
}

#[test]
fn a_trigger_pulls_its_lever_before_or_after_the_nth_matching_call_and_history_says_so() {
    use clusapi_sim::{ClusterNetworkState, Lever, Trigger};
    let sim = Simulator::default_builder().record_history(100).build().expect("build");
    sim.add_trigger(
        Trigger::on("GetClusterNetworkState").nth(2).before(Lever::take_network_down("Cluster Network 1")),
    )
    .expect("add");
    sim.add_trigger(
        Trigger::on("get_cluster_network_state")
            .object("cluster network 1")
            .nth(3)
            .after(Lever::restore_network("Cluster Network 1")),
    )
    .expect("add");
    let c = sim.open_cluster(None).expect("open");
    let n = sim.open_cluster_network(c, "Cluster Network 1").expect("open");
    let states: Vec<_> = (0..4).map(|_| sim.get_cluster_network_state(n).expect("state")).collect();
    use ClusterNetworkState::{Down, Up};
    assert_eq!(states, [Up, Down, Down, Up], "down just before the 2nd call, restored just after the 3rd");
    let h = sim.history();
    let calls: Vec<&str> = h.iter().map(|r| r.call).collect();
    assert_eq!(
        calls,
        [
            "open_cluster",
            "open_cluster_network",
            "get_cluster_network_state",
            "take_network_down",
            "get_cluster_network_state",
            "get_cluster_network_state",
            "restore_network",
            "get_cluster_network_state"
        ]
    );
    let pulled = h.iter().find(|r| r.call == "take_network_down").expect("recorded");
    assert!(pulled.trigger.as_deref().is_some_and(|t| t.contains("GetClusterNetworkState #2")), "{pulled}");
    assert!(h.iter().filter(|r| r.call == "get_cluster_network_state").all(|r| r.trigger.is_none()));
}

#[test]
fn triggers_with_unknown_calls_or_targets_are_refused() {
    use clusapi_sim::{Lever, Trigger};
    let sim = Simulator::default();
    let code = |t| sim.add_trigger(t).map_err(|e: clusapi_sim::Error| e.code());
    assert_eq!(code(Trigger::on("MoveClusterGrop").before(Lever::Step)), Err(codes::ERROR_INVALID_PARAMETER));
    assert_eq!(code(Trigger::on("crash_node").before(Lever::Step)), Err(codes::ERROR_INVALID_PARAMETER));
    assert_eq!(
        code(Trigger::on("OpenClusterNetwork").before(Lever::crash_node("NODE9"))),
        Err(codes::ERROR_CLUSTER_NODE_NOT_FOUND)
    );
    assert_eq!(code(Trigger::on("OpenClusterNetwork").after(Lever::Settle)), Ok(()));
}

#[test]
#[cfg(feature = "topology-file")]
fn triggers_from_a_topology_file() {
    use clusapi_sim::ClusterNetworkState;
    let toml = "record_history = 10\n[[cluster]]\nname = \"C\"\nnodes = [\"N1\"]\nnetworks = [\"LAN\"]\n\n\
                [[trigger]]\non = \"GetClusterNetworkState\"\nnth = 1\nbefore = \"partition_network\"\ntarget = \"LAN\"\n";
    let sim = Simulator::builder().topology_toml(toml).build().expect("build");
    let c = sim.open_cluster(None).expect("open");
    let n = sim.open_cluster_network(c, "LAN").expect("open");
    assert_eq!(sim.get_cluster_network_state(n).expect("state"), ClusterNetworkState::Partitioned);
    let bad = toml.replace("partition_network", "partition_netwrk");
    let err = Simulator::builder().topology_toml(&bad).build().unwrap_err();
    assert_eq!(err.code(), codes::ERROR_INVALID_DATA);
    assert!(err.to_string().contains("line 7") && err.to_string().contains("partition_netwrk"), "{err}");
    // An unknown call is found when the simulator is built, still with the entry's line.
    let bad = toml.replace("GetClusterNetworkState", "GetClusterNetwrkState");
    let err = Simulator::builder().topology_toml(&bad).build().unwrap_err();
    assert_eq!(err.code(), codes::ERROR_INVALID_DATA);
    assert!(err.to_string().contains("line 7") && err.to_string().contains("GetClusterNetwrkState"), "{err}");
}

/// Regression: calls whose old wrappers ran their body in a closure reported the closure's
/// line inside this crate as the place that opened the handle.
#[test]
fn handles_from_formerly_closure_wrapped_calls_report_the_callers_line() {
    use clusapi_sim::{CLUSTER_RESOURCE_TYPE_ENUM_ALL, HandleKind, NotifyFilter, object_type};
    let sim = Simulator::default();
    let filters = [NotifyFilter { object_type: object_type::GROUP, flags: 1 }];
    let c = sim.open_cluster(None).expect("open");
    let mask = CLUSTER_RESOURCE_TYPE_ENUM_ALL;
    let lines = [line!() + 1, line!() + 2];
    let _types = sim.cluster_resource_type_open_enum(c, "IP Address", mask).expect("enum");
    let _port = sim.create_cluster_notify_port_v2(None, c, &filters, 7).expect("port");
    for (kind, line) in [(HandleKind::ResTypeEnum, lines[0]), (HandleKind::Change, lines[1])] {
        let h = sim.open_handles().into_iter().find(|h| h.kind == kind).expect("open");
        assert_eq!((h.opened_at.file(), h.opened_at.line()), (file!(), line), "{h}");
    }
}

/// Regression: a fault on `create_cluster_notify_port_v2` fires before the port exists, and
/// the call is one history entry.
#[test]
fn a_fault_on_create_cluster_notify_port_v2_leaves_no_port_and_one_history_entry() {
    let sim = Simulator::default_builder()
        .record_history(10)
        .fault(Fault::on("CreateClusterNotifyPortV2").code(codes::RPC_S_CALL_FAILED))
        .build()
        .expect("build");
    let c = sim.open_cluster(None).expect("open");
    let before = sim.open_handle_count();
    assert_eq!(
        sim.create_cluster_notify_port_v2(None, c, &[], 1).unwrap_err().code(),
        codes::RPC_S_CALL_FAILED
    );
    assert_eq!(sim.open_handle_count(), before);
    let entries: Vec<_> =
        sim.history().into_iter().filter(|r| r.call.starts_with("create_cluster_notify")).collect();
    assert_eq!(entries.len(), 1, "{entries:?}");
}
