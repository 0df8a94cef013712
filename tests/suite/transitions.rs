//! Pending transitions: with `.pending_transitions(n)`, online, offline and move return
//! `ERROR_IO_PENDING`, objects sit in their pending states, and transitions complete on the
//! n-th state poll, or on `step()` / `settle()`; with `.pending_duration(d)`, also once `d` of
//! simulated time has passed (module `timed`).

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

// Timed transitions (`.pending_duration(d)`): a transition also completes once `d` of
// simulated time has passed, for code that waits rather than polls. The tests drive a manual
// clock (`.manual_clock()` + `advance_clock`), so none depends on how fast the machine is;
// the two that use the wall clock assert only what no delay can falsify.

mod timed {
    use std::time::Duration;

    use clusapi_sim::{
        ClusterGroupState as G, ClusterResourceState as R, Lever, Simulator, SimulatorBuilder, Trigger,
        change, codes::*,
    };

    const SECOND: Duration = Duration::from_secs(1);

    fn builder() -> SimulatorBuilder {
        Simulator::builder()
            .cluster("C")
            .node("A")
            .node("B")
            .group("App", "A")
            .resource("App", "IP", "IP Address")
            .resource("App", "Service", "Generic Service")
    }

    fn manual(duration: Duration) -> Simulator {
        builder().pending_duration(duration).manual_clock().build().expect("valid")
    }

    #[test]
    fn a_waiting_client_sees_the_transition_complete_at_its_deadline() {
        let sim = manual(SECOND);
        let c = sim.open_cluster(None).unwrap();
        let g = sim.open_cluster_group(c, "App").unwrap();
        assert_eq!(sim.online_cluster_group(g, None).unwrap_err().code(), ERROR_IO_PENDING, "implied");
        // Polls do not end a transition that only time ends, nor does a step.
        for _ in 0..100 {
            assert_eq!(sim.get_cluster_group_state(g).unwrap().state, G::Pending);
        }
        sim.step();
        // A client that sleeps and calls again meets ERROR_INVALID_STATE until the deadline.
        sim.advance_clock(SECOND - Duration::from_nanos(1));
        assert_eq!(sim.online_cluster_group(g, None).unwrap_err().code(), ERROR_INVALID_STATE);
        assert_eq!(sim.inspect_group("App").unwrap().state, G::Pending);
        sim.advance_clock(Duration::from_nanos(1));
        // The first call at the deadline meets the completed transition (inspecting too).
        assert_eq!(sim.inspect_group("App").unwrap().state, G::Online);
        sim.online_cluster_group(g, None).expect("online already: done at once");
        assert_eq!(sim.elapsed(), SECOND);
    }

    #[test]
    fn with_polls_too_whichever_comes_first_ends_it() {
        let sim = builder().pending_transitions(3).pending_duration(SECOND).manual_clock().build().unwrap();
        let c = sim.open_cluster(None).unwrap();
        let g = sim.open_cluster_group(c, "App").unwrap();
        let ip = sim.open_cluster_resource(c, "IP").unwrap();
        // The polls, as today.
        assert_eq!(sim.online_cluster_group(g, None).unwrap_err().code(), ERROR_IO_PENDING);
        assert_eq!(sim.get_cluster_group_state(g).unwrap().state, G::Pending);
        assert_eq!(sim.get_cluster_group_state(g).unwrap().state, G::Pending);
        assert_eq!(sim.get_cluster_group_state(g).unwrap().state, G::Online, "the third poll");
        // The deadline, before the polls.
        assert_eq!(sim.offline_cluster_resource(ip).unwrap_err().code(), ERROR_IO_PENDING);
        assert_eq!(sim.get_cluster_resource_state(ip).unwrap().state, R::OfflinePending, "poll 1");
        sim.advance_clock(SECOND);
        assert_eq!(sim.get_cluster_resource_state(ip).unwrap().state, R::Offline, "the deadline");
    }

    #[test]
    fn each_transition_has_its_own_deadline() {
        let sim = manual(SECOND);
        let c = sim.open_cluster(None).unwrap();
        let ip = sim.open_cluster_resource(c, "IP").unwrap();
        let svc = sim.open_cluster_resource(c, "Service").unwrap();
        assert_eq!(sim.online_cluster_resource(ip).unwrap_err().code(), ERROR_IO_PENDING);
        sim.advance_clock(SECOND / 2);
        assert_eq!(sim.online_cluster_resource(svc).unwrap_err().code(), ERROR_IO_PENDING);
        sim.advance_clock(SECOND / 2);
        assert_eq!(sim.get_cluster_resource_state(ip).unwrap().state, R::Online);
        assert_eq!(sim.get_cluster_resource_state(svc).unwrap().state, R::OnlinePending, "half way");
        sim.advance_clock(SECOND / 2);
        assert_eq!(sim.get_cluster_resource_state(svc).unwrap().state, R::Online);
    }

    #[test]
    fn without_a_duration_time_changes_nothing() {
        let sim = builder().pending_transitions(2).manual_clock().build().unwrap();
        let c = sim.open_cluster(None).unwrap();
        let ip = sim.open_cluster_resource(c, "IP").unwrap();
        assert_eq!(sim.online_cluster_resource(ip).unwrap_err().code(), ERROR_IO_PENDING);
        sim.advance_clock(Duration::from_secs(86_400));
        assert_eq!(sim.get_cluster_resource_state(ip).unwrap().state, R::OnlinePending, "poll 1 of 2");
        assert_eq!(sim.get_cluster_resource_state(ip).unwrap().state, R::Online);
        // And without pending transitions at all, everything completes at once, as before.
        let sim = builder().build().unwrap();
        let c = sim.open_cluster(None).unwrap();
        let g = sim.open_cluster_group(c, "App").unwrap();
        sim.online_cluster_group(g, None).expect("at once");
    }

    #[test]
    fn settle_cancel_and_fail_end_timed_transitions_too() {
        let sim = manual(SECOND);
        let c = sim.open_cluster(None).unwrap();
        let g = sim.open_cluster_group(c, "App").unwrap();
        let ip = sim.open_cluster_resource(c, "IP").unwrap();
        assert_eq!(sim.online_cluster_group(g, None).unwrap_err().code(), ERROR_IO_PENDING);
        sim.settle();
        assert_eq!(sim.get_cluster_group_state(g).unwrap().state, G::Online);
        // A pending offline is no move: CancelClusterGroupOperation refuses it (MS-CMRP
        // 3.1.4.2.133), and it completes on the clock.
        assert_eq!(sim.offline_cluster_group(g).unwrap_err().code(), ERROR_IO_PENDING);
        assert_eq!(sim.cancel_cluster_group_operation(g, 0).unwrap_err().code(), ERROR_INVALID_STATE);
        sim.advance_clock(SECOND);
        assert_eq!(sim.get_cluster_group_state(g).unwrap().state, G::Offline);
        sim.online_cluster_group(g, None).unwrap_err();
        sim.settle();
        // A pending move is cancelled.
        assert_eq!(sim.move_cluster_group(g, None).unwrap_err().code(), ERROR_IO_PENDING);
        sim.cancel_cluster_group_operation(g, 0).expect("cancelled");
        sim.advance_clock(SECOND); // the old deadline passes: nothing left to complete
        assert_eq!(sim.get_cluster_group_state(g).unwrap().state, G::Online, "the cancel stands");
        assert_eq!(sim.offline_cluster_resource(ip).unwrap_err().code(), ERROR_IO_PENDING);
        sim.fail_cluster_resource(ip).expect("fail while pending");
        sim.advance_clock(SECOND);
        assert_eq!(sim.get_cluster_resource_state(ip).unwrap().state, R::Failed, "the failure stands");
    }

    #[test]
    fn a_failover_restarts_resources_on_the_clock() {
        let sim = manual(SECOND);
        let c = sim.open_cluster(None).unwrap();
        let g = sim.open_cluster_group(c, "App").unwrap();
        assert_eq!(sim.online_cluster_group(g, None).unwrap_err().code(), ERROR_IO_PENDING);
        sim.advance_clock(SECOND);
        sim.crash_node("A").unwrap();
        let s = sim.get_cluster_group_state(g).unwrap();
        assert_eq!((s.state, s.owner_node.as_str()), (G::Pending, "B"));
        sim.advance_clock(SECOND);
        assert_eq!(sim.get_cluster_group_state(g).unwrap().state, G::Online);
    }

    #[test]
    fn the_duration_can_change_at_run_time() {
        let sim = builder().manual_clock().build().unwrap();
        let c = sim.open_cluster(None).unwrap();
        let ip = sim.open_cluster_resource(c, "IP").unwrap();
        sim.set_pending_duration(Some(SECOND));
        assert_eq!(sim.online_cluster_resource(ip).unwrap_err().code(), ERROR_IO_PENDING);
        sim.set_pending_duration(None); // later transitions complete at once...
        sim.offline_cluster_resource(ip).unwrap_err(); // (refused: the online is pending)
        sim.advance_clock(SECOND); // ...and the pending one keeps its deadline
        assert_eq!(sim.get_cluster_resource_state(ip).unwrap().state, R::Online);
        sim.offline_cluster_resource(ip).expect("at once again");
        sim.set_pending_duration(Some(Duration::ZERO)); // zero is off
        sim.online_cluster_resource(ip).expect("at once");
    }

    #[test]
    fn a_deadline_past_what_time_holds_is_none() {
        let sim = manual(Duration::MAX);
        let c = sim.open_cluster(None).unwrap();
        let ip = sim.open_cluster_resource(c, "IP").unwrap();
        sim.advance_clock(SECOND);
        assert_eq!(sim.online_cluster_resource(ip).unwrap_err().code(), ERROR_IO_PENDING);
        sim.advance_clock(Duration::MAX); // saturates; the transition has no deadline
        assert_eq!(sim.elapsed(), Duration::MAX);
        assert_eq!(sim.get_cluster_resource_state(ip).unwrap().state, R::OnlinePending);
        sim.settle();
        assert_eq!(sim.get_cluster_resource_state(ip).unwrap().state, R::Online);
    }

    #[test]
    fn a_zero_duration_is_refused() {
        let err = Simulator::default_builder().pending_duration(Duration::ZERO).build().unwrap_err();
        assert_eq!(err.code(), ERROR_INVALID_PARAMETER);
        assert!(err.to_string().contains("pending_duration"), "{err}");
    }

    #[test]
    fn completions_are_events_and_no_history_entries() {
        let sim = builder().pending_duration(SECOND).manual_clock().record_history(100).build().unwrap();
        let c = sim.open_cluster(None).unwrap();
        let port = sim.create_cluster_notify_port(None, c, change::RESOURCE_STATE, 1).unwrap();
        let ip = sim.open_cluster_resource(c, "IP").unwrap();
        assert_eq!(sim.online_cluster_resource(ip).unwrap_err().code(), ERROR_IO_PENDING);
        let pending = sim.get_cluster_notify(port, 0).unwrap();
        assert_eq!(pending.name, "IP");
        assert_eq!(sim.get_cluster_notify(port, 0).unwrap_err().code(), WAIT_TIMEOUT);
        let before = sim.history().len();
        sim.advance_clock(SECOND);
        assert_eq!(sim.history().len(), before, "the lever called directly is not a call");
        let done = sim.get_cluster_notify(port, 0).unwrap();
        assert_eq!((done.filter_type, done.name.as_str()), (change::RESOURCE_STATE, "IP"));
        assert_eq!(sim.inspect_resource("IP").unwrap().state, R::Online);
        sim.close_cluster_notify_port(port).unwrap();
    }

    #[test]
    fn a_waiter_on_a_port_wakes_when_another_thread_advances_the_clock() {
        let sim = manual(SECOND);
        let c = sim.open_cluster(None).unwrap();
        let port = sim.create_cluster_notify_port(None, c, change::RESOURCE_STATE, 1).unwrap();
        let ip = sim.open_cluster_resource(c, "IP").unwrap();
        assert_eq!(sim.online_cluster_resource(ip).unwrap_err().code(), ERROR_IO_PENDING);
        sim.get_cluster_notify(port, 0).expect("the OnlinePending event");
        let waiter = {
            let sim = sim.clone();
            // A minute: the event comes when the other thread advances the clock, not on time.
            std::thread::spawn(move || sim.get_cluster_notify(port, 60_000).map(|n| n.name))
        };
        sim.advance_clock(SECOND);
        assert_eq!(waiter.join().unwrap().unwrap(), "IP");
    }

    #[test]
    fn a_trigger_can_advance_the_clock() {
        let sim = builder()
            .pending_duration(SECOND)
            .manual_clock()
            .record_history(100)
            .trigger(Trigger::on("GetClusterResourceState").nth(2).before(Lever::advance_clock(SECOND)))
            .build()
            .unwrap();
        let c = sim.open_cluster(None).unwrap();
        let ip = sim.open_cluster_resource(c, "IP").unwrap();
        assert_eq!(sim.online_cluster_resource(ip).unwrap_err().code(), ERROR_IO_PENDING);
        assert_eq!(sim.get_cluster_resource_state(ip).unwrap().state, R::OnlinePending);
        assert_eq!(sim.get_cluster_resource_state(ip).unwrap().state, R::Online, "the trigger's second");
        let calls: Vec<&str> = sim.history().iter().map(|r| r.call).collect();
        assert!(calls.ends_with(&[
            "get_cluster_resource_state",
            "advance_clock",
            "get_cluster_resource_state"
        ]));
    }

    #[test]
    fn faults_leave_timed_transitions_alone() {
        let sim = builder()
            .pending_duration(SECOND)
            .manual_clock()
            .fault(clusapi_sim::Fault::on("GetClusterResourceState").nth(1).code(RPC_S_SERVER_UNAVAILABLE))
            .build()
            .unwrap();
        let c = sim.open_cluster(None).unwrap();
        let ip = sim.open_cluster_resource(c, "IP").unwrap();
        assert_eq!(sim.online_cluster_resource(ip).unwrap_err().code(), ERROR_IO_PENDING);
        sim.advance_clock(SECOND);
        // The faulted call fails; the transition completed before it all the same.
        assert_eq!(sim.get_cluster_resource_state(ip).unwrap_err().code(), RPC_S_SERVER_UNAVAILABLE);
        assert_eq!(sim.get_cluster_resource_state(ip).unwrap().state, R::Online);
    }

    // The wall clock. Neither test can fail because the machine is slow or fast: one waits
    // up to a minute for a deadline of 50 ms, the other checks that a transition of
    // an hour has not completed.

    #[test]
    fn with_the_wall_clock_a_waiter_wakes_at_the_deadline_without_another_call() {
        let sim = builder().pending_duration(Duration::from_millis(50)).build().unwrap();
        let c = sim.open_cluster(None).unwrap();
        let port = sim.create_cluster_notify_port(None, c, change::RESOURCE_STATE, 1).unwrap();
        let ip = sim.open_cluster_resource(c, "IP").unwrap();
        assert_eq!(sim.online_cluster_resource(ip).unwrap_err().code(), ERROR_IO_PENDING);
        // The OnlinePending event, then (it may have been due already) the completion.
        sim.get_cluster_notify(port, 0).expect("the OnlinePending event");
        let done = sim.get_cluster_notify(port, 60_000).expect("the completion, by its deadline");
        assert_eq!(done.name, "IP");
        assert_eq!(sim.inspect_resource("IP").unwrap().state, R::Online);
    }

    #[test]
    fn with_the_wall_clock_an_hour_is_not_over_at_once_unless_advanced() {
        let sim = builder().pending_duration(Duration::from_secs(3600)).build().unwrap();
        let c = sim.open_cluster(None).unwrap();
        let ip = sim.open_cluster_resource(c, "IP").unwrap();
        assert_eq!(sim.online_cluster_resource(ip).unwrap_err().code(), ERROR_IO_PENDING);
        assert_eq!(sim.get_cluster_resource_state(ip).unwrap().state, R::OnlinePending);
        sim.advance_clock(Duration::from_secs(3600));
        assert_eq!(sim.get_cluster_resource_state(ip).unwrap().state, R::Online);
        assert!(sim.elapsed() >= Duration::from_secs(3600));
    }
}
