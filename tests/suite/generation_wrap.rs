//! A slot reused 2^24 times (its generation field is 24 bits) is retired, so no handle
//! value ever comes back: a stale value kept by buggy code can never name a new handle.

use clusapi_sim::{Simulator, codes};

#[test]
fn a_value_never_comes_back_after_the_generation_runs_out() {
    const GENERATIONS: usize = 1 << 24;
    let sim = Simulator::default();
    let cluster = sim.open_cluster(None).expect("cluster");
    // Open and close one handle over and over: each time slotmap hands out the same slot.
    let mut first = Vec::new();
    let mut last = 0;
    for cycle in 0..GENERATIONS + 4 {
        let h = sim.open_cluster_node(cluster, "NODE1").expect("open");
        last = h.as_raw();
        if cycle < 4 {
            first.push(last);
        } else if cycle >= GENERATIONS {
            // Without retirement the generation would wrap and these would repeat the
            // values of the first cycles.
            assert_ne!(last, first[cycle - GENERATIONS], "cycle {cycle} reused a value");
            assert!(!first.contains(&last), "cycle {cycle} reused a value");
        }
        sim.close_cluster_node(h).expect("close");
    }
    // Every old value stays invalid.
    for raw in first.into_iter().chain([last]) {
        let stale = clusapi_sim::HNode::from_raw(raw).expect("non-zero");
        assert_eq!(sim.close_cluster_node(stale).unwrap_err().code(), codes::ERROR_INVALID_HANDLE);
    }
    assert_eq!(sim.open_handle_count(), 1);
    sim.close_cluster(cluster).expect("close");
    sim.assert_no_open_handles();
}
