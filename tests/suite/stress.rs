//! The concurrency stress test: several threads run random mixes of opens, duplicates
//! (`get_cluster_from_*`), closes, queries, enumerations, control operations and
//! notification waits on one simulator. At the end the table holds exactly the handles the
//! threads hold (same values, same count), and closing them all leaves no handle and no
//! connection.
//!
//! Bounded in count and in time: each thread runs at most `CLUSAPI_SIM_STRESS_OPS`
//! operations (default 50,000) and stops early once `CLUSAPI_SIM_STRESS_SECS` (default 8)
//! have passed, so the test stays well under 20 s on a slow machine and under valgrind
//! (`.ci/run` runs it there with a small count). The deadline only bounds the run; nothing
//! asserts on time. Throughput is printed (`--nocapture`).

use std::collections::HashSet;
use std::sync::Barrier;
use std::time::{Duration, Instant};

use clusapi_sim::{
    CLUSTER_ENUM_ALL, HChange, HCluster, HGroup, HNode, HResource, NotifyObject, Simulator, change,
    codes::{ERROR_INVALID_HANDLE, WAIT_TIMEOUT},
};

const THREADS: usize = 4;

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// A per-thread deterministic generator.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

#[derive(Default)]
struct Held {
    clusters: Vec<HCluster>,
    nodes: Vec<HNode>,
    groups: Vec<HGroup>,
    resources: Vec<HResource>,
    ports: Vec<HChange>,
}

impl Held {
    fn raw_values(&self) -> Vec<usize> {
        let mut v: Vec<usize> = self.clusters.iter().map(|h| h.as_raw()).collect();
        v.extend(self.nodes.iter().map(|h| h.as_raw()));
        v.extend(self.groups.iter().map(|h| h.as_raw()));
        v.extend(self.resources.iter().map(|h| h.as_raw()));
        v.extend(self.ports.iter().map(|h| h.as_raw()));
        v
    }

    fn close_all(self, sim: &Simulator) {
        for p in self.ports {
            sim.close_cluster_notify_port(p).expect("close port");
        }
        for r in self.resources {
            sim.close_cluster_resource(r).expect("close resource");
        }
        for g in self.groups {
            sim.close_cluster_group(g).expect("close group");
        }
        for n in self.nodes {
            sim.close_cluster_node(n).expect("close node");
        }
        for c in self.clusters {
            sim.close_cluster(c).expect("close cluster");
        }
    }
}

fn pick<T: Copy>(rng: &mut Lcg, v: &[T]) -> Option<T> {
    (!v.is_empty()).then(|| v[rng.below(v.len())])
}

fn take<T>(rng: &mut Lcg, v: &mut Vec<T>) -> Option<T> {
    (!v.is_empty()).then(|| v.swap_remove(rng.below(v.len())))
}

/// Runs one thread's mix; returns what it still holds and how many operations it ran.
fn worker(sim: &Simulator, seed: u64, max_ops: u64, deadline: Instant) -> (Held, u64) {
    let mut rng = Lcg(seed);
    let mut held = Held::default();
    let mut closed: Vec<HNode> = Vec::new();
    let groups = ["Stress 1", "Stress 2", "Stress 3", "Available Storage"];
    let nodes = ["NODE1", "NODE2", "NODE3"];
    let mut ops = 0;
    while ops < max_ops && (ops % 256 != 0 || Instant::now() < deadline) {
        ops += 1;
        match rng.below(20) {
            0 | 1 => held.clusters.push(sim.open_cluster(None).expect("open cluster")),
            2 => {
                let Some(c) = pick(&mut rng, &held.clusters) else { continue };
                held.nodes.push(sim.open_cluster_node(c, nodes[rng.below(3)]).expect("open node"));
            }
            3 => {
                let Some(c) = pick(&mut rng, &held.clusters) else { continue };
                held.groups.push(sim.open_cluster_group(c, groups[rng.below(4)]).expect("open group"));
            }
            4 => {
                let Some(c) = pick(&mut rng, &held.clusters) else { continue };
                held.resources.push(sim.open_cluster_resource(c, "Cluster Name").expect("open resource"));
            }
            5 => {
                let Some(g) = pick(&mut rng, &held.groups) else { continue };
                held.clusters.push(sim.get_cluster_from_group(g).expect("duplicate connection"));
            }
            6 => {
                let Some(c) = take(&mut rng, &mut held.clusters) else { continue };
                sim.close_cluster(c).expect("close cluster");
            }
            7 => {
                let Some(n) = take(&mut rng, &mut held.nodes) else { continue };
                sim.close_cluster_node(n).expect("close node");
                closed.push(n);
            }
            8 => {
                let Some(g) = take(&mut rng, &mut held.groups) else { continue };
                sim.close_cluster_group(g).expect("close group");
            }
            9 => {
                let Some(r) = take(&mut rng, &mut held.resources) else { continue };
                sim.close_cluster_resource(r).expect("close resource");
            }
            10 => {
                let Some(g) = pick(&mut rng, &held.groups) else { continue };
                sim.get_cluster_group_state(g).expect("group state");
            }
            11 => {
                let Some(n) = pick(&mut rng, &held.nodes) else { continue };
                sim.get_cluster_node_state(n).expect("node state");
            }
            12 => {
                let Some(c) = pick(&mut rng, &held.clusters) else { continue };
                let e = sim.cluster_open_enum(c, CLUSTER_ENUM_ALL).expect("enum");
                let count = sim.cluster_get_enum_count(e).expect("count");
                assert!(sim.cluster_enum(e, count).is_err(), "one past the end answers an error");
                sim.cluster_close_enum(e).expect("close enum");
            }
            // Control operations race each other: refusals (pending, paused target...) are
            // fine, a wrong handle answer is not.
            13 => {
                let Some(g) = pick(&mut rng, &held.groups) else { continue };
                let target = pick(&mut rng, &held.nodes);
                let r = match rng.below(3) {
                    0 => sim.online_cluster_group(g, None),
                    1 => sim.offline_cluster_group(g),
                    _ => sim.move_cluster_group(g, target),
                };
                assert_ne!(r.err().map(|e| e.code()), Some(ERROR_INVALID_HANDLE));
            }
            14 => {
                let Some(n) = pick(&mut rng, &held.nodes) else { continue };
                let r =
                    if rng.below(2) == 0 { sim.pause_cluster_node(n) } else { sim.resume_cluster_node(n) };
                assert_ne!(r.err().map(|e| e.code()), Some(ERROR_INVALID_HANDLE));
            }
            15 => {
                let Some(c) = pick(&mut rng, &held.clusters) else { continue };
                let port = sim
                    .create_cluster_notify_port(None, c, change::GROUP_STATE | change::NODE_STATE, 1)
                    .expect("port");
                held.ports.push(port);
            }
            16 => {
                let (Some(p), Some(g)) = (pick(&mut rng, &held.ports), pick(&mut rng, &held.groups)) else {
                    continue;
                };
                sim.register_cluster_notify(p, change::GROUP_STATE, NotifyObject::Group(g), 2)
                    .expect("register");
            }
            17 => {
                // A short wait: another thread's operation may deliver, or it times out.
                let Some(p) = pick(&mut rng, &held.ports) else { continue };
                if let Err(e) = sim.get_cluster_notify(p, rng.below(2) as u32) {
                    assert_eq!(e.code(), WAIT_TIMEOUT, "{e}");
                }
            }
            18 => {
                let Some(p) = take(&mut rng, &mut held.ports) else { continue };
                sim.close_cluster_notify_port(p).expect("close port");
            }
            _ => {
                // A handle this thread closed stays closed, whatever the others do.
                let Some(n) = pick(&mut rng, &closed) else { continue };
                assert_eq!(sim.close_cluster_node(n).expect_err("closed").code(), ERROR_INVALID_HANDLE);
            }
        }
    }
    (held, ops)
}

#[test]
fn threads_running_random_mixes_leave_exact_refcounts() {
    let max_ops = env_or("CLUSAPI_SIM_STRESS_OPS", 50_000);
    let deadline = Instant::now() + Duration::from_secs(env_or("CLUSAPI_SIM_STRESS_SECS", 8));
    let sim = Simulator::default_builder()
        .node("NODE3")
        .group("Stress 1", "NODE1")
        .group("Stress 2", "NODE2")
        .group("Stress 3", "NODE3")
        .build()
        .expect("topology");
    let barrier = Barrier::new(THREADS);
    let started = Instant::now();
    let results: Vec<(Held, u64)> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..THREADS)
            .map(|t| {
                let (sim, barrier) = (sim.clone(), &barrier);
                s.spawn(move || {
                    barrier.wait();
                    worker(&sim, 0x57e5 + t as u64, max_ops, deadline)
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().expect("no panic in a worker")).collect()
    });
    let elapsed = started.elapsed();
    let total_ops: u64 = results.iter().map(|r| r.1).sum();
    println!(
        "stress: {THREADS} threads, {total_ops} operations in {:.2} s: {:.0} operations/s",
        elapsed.as_secs_f64(),
        total_ops as f64 / elapsed.as_secs_f64()
    );

    // The table holds exactly what the threads hold: same values, no more, no fewer.
    let held: HashSet<usize> = results.iter().flat_map(|r| r.0.raw_values()).collect();
    let in_table: HashSet<usize> = sim.open_handles().iter().map(|h| h.raw).collect();
    assert!(!held.is_empty(), "the mix leaves handles open, so the check means something");
    assert_eq!(held, in_table);
    assert_eq!(sim.open_handle_count(), held.len());

    std::thread::scope(|s| {
        for (h, _) in results {
            let sim = sim.clone();
            s.spawn(move || h.close_all(&sim));
        }
    });
    assert_eq!(sim.open_handle_count(), 0);
    assert_eq!(sim.open_connection_count(), 0, "every connection ended with its last handle");
    sim.assert_no_open_handles();
}
