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

/// Every faultable call says which codes a real cluster can answer it with; the codes are
/// ones `clusapi_sim::codes` names (each with an `Error` variant), never a success status,
/// never a refusal of bad arguments, never twice; calls that cannot be faulted list none.
#[test]
fn every_faultable_call_lists_the_codes_a_real_cluster_answers() {
    let known = clusapi_sim::Error::known_codes();
    let mut faultable = 0;
    for call in clusapi_sim::calls() {
        let codes = call.fault_codes();
        if !call.faultable {
            assert!(codes.is_empty(), "{} cannot be faulted but lists {codes:?}", call.win32);
            continue;
        }
        faultable += 1;
        assert!(!codes.is_empty(), "{}: no fault codes declared", call.win32);
        for (i, &code) in codes.iter().enumerate() {
            assert!(known.contains(&code), "{}: {code} is not in clusapi_sim::codes", call.win32);
            let e = clusapi_sim::Error::from_code(code);
            assert!(!matches!(e, clusapi_sim::Error::Other(..)), "{}: {code} has no variant", call.win32);
            assert!(
                ![ERROR_SUCCESS, ERROR_IO_PENDING, ERROR_RESOURCE_PROPERTIES_STORED].contains(&code),
                "{}: {code} is a success status",
                call.win32
            );
            assert!(
                ![ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER, ERROR_INTERNAL_ERROR].contains(&code),
                "{}: {code} answers bad arguments or a simulator bug, not the cluster",
                call.win32
            );
            assert!(!codes[..i].contains(&code), "{}: {code} listed twice", call.win32);
            assert!(call.can_answer(code));
        }
    }
    assert!(faultable > 100, "{faultable}");
}

/// Remote calls list the three transport failures; the calls the client library answers
/// alone list none of them.
#[test]
fn remote_calls_can_fail_on_the_wire_and_local_ones_cannot() {
    let info = |win32: &str| clusapi_sim::calls().find(|c| c.win32 == win32).expect(win32);
    for remote in
        ["OpenCluster", "OpenClusterGroup", "OnlineClusterGroup", "ClusterOpenEnum", "ClusterRegSetValue"]
    {
        for code in [RPC_S_SERVER_UNAVAILABLE, RPC_S_CALL_FAILED, RPC_S_CALL_FAILED_DNE] {
            assert!(info(remote).can_answer(code), "{remote}: {code}");
        }
    }
    for local in ["GetClusterNotify", "GetClusterNotifyV2", "ClusterGetVolumePathName", "GetClusterFromGroup"]
    {
        assert!(!info(local).can_answer(RPC_S_CALL_FAILED), "{local}");
    }
    assert_eq!(info("IsFileOnClusterSharedVolume").fault_codes(), [RPC_S_SERVER_UNAVAILABLE]);
    assert!(info("OpenClusterGroup").can_answer(ERROR_GROUP_NOT_FOUND));
    assert!(!info("OpenClusterGroup").can_answer(ERROR_RESOURCE_NOT_FOUND));
    assert!(!info("OpenCluster").can_answer(ERROR_INVALID_STATE));
    // Closes, enumeration reads and the calls with no failure cannot be faulted.
    for never in
        ["CloseCluster", "ClusterCloseEnum", "ClusterEnum", "ClusterGetEnumCount", "GetNotifyEventHandle"]
    {
        assert!(!info(never).faultable, "{never}");
    }
    let sim = Simulator::default();
    assert_eq!(sim.add_fault(Fault::on("ClusterEnum").code(ERROR_NO_MORE_ITEMS)).unwrap_err().code(), 87);
}

/// A rule without `.code(...)` fails with the call's first code: one a real cluster gives.
#[test]
fn a_rule_without_a_code_fails_with_one_the_call_answers() {
    let sim = Simulator::default_builder().record_history(10).build().unwrap();
    sim.add_fault(Fault::on("OpenCluster").nth(1)).unwrap();
    sim.add_fault(Fault::on("GetClusterNotify").nth(1)).unwrap();
    assert_eq!(sim.open_cluster(None).unwrap_err().code(), RPC_S_SERVER_UNAVAILABLE);
    let c = sim.open_cluster(None).unwrap();
    let port = sim.create_cluster_notify_port(None, c, clusapi_sim::change::ALL, 0).unwrap();
    assert_eq!(sim.get_cluster_notify(port, 0).unwrap_err().code(), WAIT_TIMEOUT);
    assert!(sim.history().iter().all(|r| !r.unlisted_code), "{:?}", sim.history());
}

/// An explicit code outside the call's list is injected, and marked in the history (the
/// field and its `Display`) and in the error's message; a listed one is not marked.
#[test]
fn a_code_the_call_cannot_answer_is_marked_in_the_history() {
    let sim = Simulator::default_builder()
        .record_history(10)
        .fault(Fault::on("OpenCluster").nth(1).code(ERROR_INVALID_STATE))
        .fault(Fault::on("ClusterOpenEnum").nth(1).code(ERROR_HOST_NODE_NOT_AVAILABLE))
        .fault(Fault::on("OpenClusterGroup").nth(1).code(ERROR_GROUP_NOT_FOUND))
        .build()
        .unwrap();
    let err = sim.open_cluster(None).unwrap_err();
    assert_eq!(err.code(), ERROR_INVALID_STATE, "injected all the same");
    assert!(err.message().ends_with("not a code OpenCluster can answer"), "{err}");
    let c = sim.open_cluster(None).unwrap();
    assert_eq!(sim.cluster_open_enum(c, clusapi_sim::CLUSTER_ENUM_NODE).unwrap_err().code(), 5005);
    let err = sim.open_cluster_group(c, "Cluster Group").unwrap_err();
    assert!(!err.message().contains("not a code"), "{err}");
    let h = sim.history();
    let calls: Vec<_> =
        h.iter().map(|r| (r.call, r.result.clone(), r.fault.is_some(), r.unlisted_code)).collect();
    assert_eq!(
        calls,
        [
            ("open_cluster", Err(ERROR_INVALID_STATE), true, true),
            ("open_cluster", Ok(format!("{c:?}")), false, false),
            ("cluster_open_enum", Err(ERROR_HOST_NODE_NOT_AVAILABLE), true, true),
            ("open_cluster_group", Err(ERROR_GROUP_NOT_FOUND), true, false),
        ]
    );
    let shown = h[0].to_string();
    assert!(
        shown.contains("[injected fault: OpenCluster (Nth(1)) fails with 5023 (call 1); unlisted code"),
        "{shown}"
    );
    let listed = h[3].to_string();
    assert!(listed.contains("[injected fault: OpenClusterGroup") && !listed.contains("unlisted"), "{listed}");
    assert!(!h[1].to_string().contains("injected"), "{}", h[1]);
    sim.close_cluster(c).unwrap();
}

#[cfg(feature = "proptest")]
mod random_plans {
    use clusapi_sim::strategies::{FAULT_PLAN_CALLS, fault_plans, fault_plans_on, scenarios};
    use clusapi_sim::{Fault, Simulator};
    use proptest::prelude::*;

    /// The code a rule fails with, read back by firing it once on a simulator.
    fn fired_code(fault: &Fault) -> (clusapi_sim::CallRecord, u32) {
        let sim = Simulator::default_builder().record_history(100).build().unwrap();
        let c = sim.open_cluster(None).unwrap();
        let g = sim.open_cluster_group(c, "Cluster Group").unwrap();
        let r = sim.open_cluster_resource(c, "Cluster IP Address").unwrap();
        sim.clear_history();
        sim.add_fault(fault.clone().every()).unwrap();
        let _ = sim.open_cluster(None);
        let _ = sim.open_cluster_group(c, "Cluster Group");
        let _ = sim.open_cluster_resource(c, "Cluster IP Address");
        let _ = sim.get_cluster_group_state(g);
        let _ = sim.get_cluster_resource_state(r);
        let _ = sim.online_cluster_group(g, None);
        let _ = sim.offline_cluster_group(g);
        let _ = sim.move_cluster_group(g, None);
        let _ = sim.online_cluster_resource(r);
        let _ = sim.cluster_open_enum(c, clusapi_sim::CLUSTER_ENUM_NODE);
        let record = sim.history().into_iter().find(|r| r.fault.is_some()).expect("the rule fired");
        let code = record.result.clone().unwrap_err();
        (record, code)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        /// Random plans only make calls fail with codes those calls can answer.
        #[test]
        fn random_plans_only_produce_listed_codes(plan in fault_plans()) {
            for fault in &plan {
                let (record, code) = fired_code(fault);
                let call = clusapi_sim::calls().find(|c| c.name == record.call).unwrap();
                prop_assert!(FAULT_PLAN_CALLS.contains(&call.name), "{}", call.name);
                prop_assert!(call.can_answer(code), "{record}");
                prop_assert!(!record.unlisted_code, "{record}");
            }
        }

        #[test]
        fn scenarios_draw_their_faults_from_the_same_lists(scenario in scenarios()) {
            for fault in &scenario.faults {
                let (record, _) = fired_code(fault);
                prop_assert!(!record.unlisted_code, "{record}");
            }
        }

        /// `fault_plans_on` names only the calls it is given, by either name.
        #[test]
        fn plans_on_chosen_calls_name_only_those(plan in fault_plans_on(&["PauseClusterNodeEx", "resume_cluster_node_ex", "NoSuchCall"])) {
            let sim = Simulator::default_builder().record_history(10).build().unwrap();
            let c = sim.open_cluster(None).unwrap();
            let n = sim.open_cluster_node(c, "NODE2").unwrap();
            for fault in &plan {
                let text = fault.to_string();
                prop_assert!(text.starts_with("pause_cluster_node_ex") || text.starts_with("resume_cluster_node_ex"), "{text}");
                sim.clear_faults();
                sim.clear_history();
                sim.add_fault(fault.clone().every()).unwrap();
                let _ = sim.pause_cluster_node_ex(n, false, 0, None);
                let _ = sim.resume_cluster_node_ex(n, 0, 0);
                for r in sim.history() {
                    prop_assert!(!r.unlisted_code, "{r}");
                }
            }
        }
    }
}
