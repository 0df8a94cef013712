//! The `proptest` feature's strategies: generated scenarios build, their events apply, and
//! the simulator's invariants hold whatever happens.
#![cfg(feature = "proptest")]

use clusapi_sim::strategies::scenarios;
use clusapi_sim::{ClusterGroupState, codes};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn random_clusters_and_failures_keep_the_invariants(scenario in scenarios()) {
        let sim = scenario.build();
        // A fault plan may make an open fail: its rules fire on one call's count, or on a
        // fifth of calls, so retrying gets through (50 failures in a row: about 1e-35).
        let c = (0..50).find_map(|_| sim.open_cluster(None).ok()).expect("an open gets through");
        let groups: Vec<_> = scenario.groups.iter().filter_map(|g| sim.open_cluster_group(c, g).ok()).collect();
        for event in &scenario.events {
            event.apply(&sim);
            for &g in &groups {
                match sim.get_cluster_group_state(g) {
                    Ok(s) => prop_assert!(scenario.nodes.contains(&s.owner_node)),
                    Err(e) => prop_assert!(matches!(
                        e.code(),
                        codes::RPC_S_SERVER_UNAVAILABLE | codes::RPC_S_CALL_FAILED | codes::ERROR_INVALID_STATE
                            | codes::ERROR_HOST_NODE_NOT_AVAILABLE | codes::ERROR_NOT_ENOUGH_MEMORY
                    ), "{e}"),
                }
            }
        }
        sim.start_cluster_service(None).unwrap();
        sim.settle();
        sim.clear_faults();
        for &g in &groups {
            let s = sim.get_cluster_group_state(g).unwrap();
            prop_assert_ne!(s.state, ClusterGroupState::Pending, "settled");
            sim.close_cluster_group(g).unwrap();
        }
        sim.close_cluster(c).unwrap();
        prop_assert_eq!(sim.open_handle_count(), 0);
    }
}
