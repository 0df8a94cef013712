//! What a call costs with a notification port open, at size: pause + resume of a node (and
//! taking their two events) on the 1,000-node topology of `scale.rs` (100 networks, so
//! 100,000 interfaces, and 10,000 groups), against the same on the default topology, in
//! one run. Events come from the journal of what each call changed, so the ratio should
//! stay near 1 whatever the size of the world.
//!
//! * `cargo bench --bench journal`: criterion, the two topologies side by side.
//! * Instruction counts, free of the timing noise of a shared machine: run the bench binary
//!   with `CLUSAPI_SIM_JOURNAL_LOOP=<default|large>:<rounds>` under
//!   `valgrind --tool=callgrind --toggle-collect='*measured_rounds*'`; the collected
//!   instructions divided by the rounds are one round's (the topology's build is not
//!   counted).
//!
//! `CLUSAPI_SIM_SCALE_NODES` (default 1000) scales the large topology, as in `scale.rs`.

mod common;

use std::hint::black_box;

use clusapi_sim::{HChange, HCluster, Simulator, change};
use criterion::Criterion;

/// A simulator, its cluster handle, a port open on everything, and the node to pause.
struct Setup {
    sim: Simulator,
    cluster: HCluster,
    port: HChange,
    node: String,
}

fn setup(which: &str) -> Setup {
    let (sim, node) = if which == "large" {
        let nodes: usize =
            std::env::var("CLUSAPI_SIM_SCALE_NODES").ok().and_then(|v| v.parse().ok()).unwrap_or(1000);
        (common::large(nodes, 100, nodes * 10), format!("NODE{}", nodes / 2))
    } else {
        (Simulator::default(), "NODE2".to_owned())
    };
    let cluster = sim.open_cluster(None).expect("cluster");
    let port = sim.create_cluster_notify_port(None, cluster, change::ALL, 1).expect("port");
    Setup { sim, cluster, port, node }
}

/// One round: open the node, pause and resume it, take the two events, close it.
fn round(s: &Setup) {
    let n = s.sim.open_cluster_node(s.cluster, black_box(&s.node)).expect("node");
    s.sim.pause_cluster_node(n).expect("pause");
    s.sim.resume_cluster_node(n).expect("resume");
    black_box(s.sim.get_cluster_notify(s.port, 0).expect("the pause's event"));
    black_box(s.sim.get_cluster_notify(s.port, 0).expect("the resume's event"));
    s.sim.close_cluster_node(n).expect("close");
}

/// `rounds` rounds: what callgrind counts (`--toggle-collect='*measured_rounds*'`).
#[inline(never)]
fn measured_rounds(s: &Setup, rounds: u64) {
    for _ in 0..rounds {
        round(s);
    }
}

fn main() {
    if let Ok(spec) = std::env::var("CLUSAPI_SIM_JOURNAL_LOOP") {
        let (which, rounds) = spec.split_once(':').unwrap_or((spec.as_str(), "1000"));
        let s = setup(which);
        // Warm up outside the counted function (first allocations, the port's queue).
        warm_up(&s);
        measured_rounds(&s, rounds.parse().expect("a number of rounds"));
        return;
    }
    let mut c = Criterion::default().configure_from_args();
    let mut g = c.benchmark_group("a port open: pause + resume a node, take the events");
    for which in ["default", "large"] {
        let s = setup(which);
        g.bench_function(which, |b| b.iter(|| round(&s)));
    }
    g.finish();
    c.final_summary();
}

#[inline(never)]
fn warm_up(s: &Setup) {
    for _ in 0..10 {
        round(s);
    }
}
