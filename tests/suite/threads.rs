//! Several threads hammer one simulator; at the end the counts add up and a full close
//! leaves nothing.

use std::sync::Barrier;

use clusapi_sim::{
    CLUSTER_ENUM_ALL, HCluster, HGroup, HNetwork, HNode, Simulator, codes::ERROR_INVALID_HANDLE,
};

/// A per-thread deterministic generator (no wall clock, no shared state).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % n
    }
}

/// What one thread holds.
#[derive(Default)]
struct Held {
    clusters: Vec<HCluster>,
    nodes: Vec<HNode>,
    groups: Vec<HGroup>,
    networks: Vec<HNetwork>,
}

impl Held {
    fn len(&self) -> usize {
        self.clusters.len() + self.nodes.len() + self.groups.len() + self.networks.len()
    }
}

const THREADS: usize = 4;
const OPS: usize = 20_000;

fn hammer(sim: &Simulator, seed: u64) -> Held {
    let mut rng = Lcg(seed);
    let mut held = Held::default();
    let mut closed: Vec<HNode> = Vec::new();
    for _ in 0..OPS {
        match rng.next(10) {
            0 => held.clusters.push(sim.open_cluster(None).expect("cluster")),
            1 | 2 if !held.clusters.is_empty() => {
                let c = held.clusters[rng.next(held.clusters.len())];
                match rng.next(3) {
                    0 => held.nodes.push(sim.open_cluster_node(c, "NODE2").expect("node")),
                    1 => held.groups.push(sim.open_cluster_group(c, "Available Storage").expect("group")),
                    _ => held.networks.push(sim.open_cluster_network(c, "Cluster Network 1").expect("net")),
                }
            }
            3 if !held.networks.is_empty() => {
                let n = held.networks[rng.next(held.networks.len())];
                held.clusters.push(sim.get_cluster_from_network(n).expect("from network"));
            }
            4 if !held.clusters.is_empty() => {
                let c = held.clusters.swap_remove(rng.next(held.clusters.len()));
                sim.close_cluster(c).expect("close cluster");
            }
            5 if !held.nodes.is_empty() => {
                let n = held.nodes.swap_remove(rng.next(held.nodes.len()));
                sim.close_cluster_node(n).expect("close node");
                closed.push(n);
            }
            6 if !held.groups.is_empty() => {
                let g = held.groups.swap_remove(rng.next(held.groups.len()));
                sim.close_cluster_group(g).expect("close group");
            }
            7 if !held.networks.is_empty() => {
                let n = held.networks[rng.next(held.networks.len())];
                assert_eq!(sim.get_cluster_network_id(n).expect("id").len(), 36);
            }
            8 if !held.clusters.is_empty() => {
                let c = held.clusters[rng.next(held.clusters.len())];
                let e = sim.cluster_open_enum(c, CLUSTER_ENUM_ALL).expect("enum");
                assert!(sim.cluster_get_enum_count(e).expect("count") > 10);
                sim.cluster_close_enum(e).expect("close enum");
            }
            9 if !closed.is_empty() => {
                // A handle this thread closed stays closed, whatever the others do.
                let n = closed[rng.next(closed.len())];
                assert_eq!(sim.close_cluster_node(n).unwrap_err().code(), ERROR_INVALID_HANDLE);
            }
            _ => {}
        }
    }
    held
}

#[test]
fn threads_hammering_one_simulator_leave_consistent_counts() {
    let sim = Simulator::default();
    let barrier = Barrier::new(THREADS);
    let held: Vec<Held> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..THREADS)
            .map(|t| {
                let (sim, barrier) = (sim.clone(), &barrier);
                s.spawn(move || {
                    barrier.wait();
                    hammer(&sim, 0x5eed + t as u64)
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().expect("no panic")).collect()
    });
    let still_held: usize = held.iter().map(Held::len).sum();
    assert_eq!(sim.open_handle_count(), still_held, "every live handle is one a thread holds");
    assert!(still_held > 0, "the mix leaves handles open, so the check above means something");

    // Close everything, each thread's handles from its own thread.
    std::thread::scope(|s| {
        for h in held {
            let sim = sim.clone();
            s.spawn(move || {
                for n in h.nodes {
                    sim.close_cluster_node(n).expect("close");
                }
                for g in h.groups {
                    sim.close_cluster_group(g).expect("close");
                }
                for n in h.networks {
                    sim.close_cluster_network(n).expect("close");
                }
                for c in h.clusters {
                    sim.close_cluster(c).expect("close");
                }
            });
        }
    });
    assert_eq!(sim.open_handle_count(), 0);
    assert_eq!(sim.open_connection_count(), 0, "every connection ended with its last handle");
    sim.assert_no_open_handles();
}
