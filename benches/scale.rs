//! Benchmarks at size, each figure a ratio to a baseline measured in the same run.
//!
//! * A large topology: 1,000 nodes, 100 networks (so 100,000 network interfaces) and
//!   10,000 groups of one resource. Build time and heap bytes; the cost of opening and
//!   closing a node, a group and an interface, and of enumerating, each as a ratio to the same
//!   call on the default two-node topology (so 1.0x means size costs nothing).
//! * Threads: open+close of a network handle on 1, 2 and 4 threads at once, each with its
//!   own connection; the throughput of each as a ratio to 1 thread in the same run.
//!
//! `cargo bench --bench scale`. Set `CLUSAPI_SIM_SCALE_NODES` (default 1000) to scale the
//! topology down for a quick look.

mod common;

use std::hint::black_box;
use std::time::{Duration, Instant};

use clusapi_sim::{
    CLUSTER_ENUM_ALL, CLUSTER_NETWORK_ENUM_NETINTERFACES, CLUSTER_NODE_ENUM_ALL, HCluster, Simulator,
};
use common::live_bytes;

/// The median time per call of `f`, over `rounds` rounds of `per_round` calls.
fn per_call(rounds: usize, per_round: usize, mut f: impl FnMut()) -> f64 {
    let mut samples: Vec<f64> = (0..rounds)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..per_round {
                f();
            }
            t.elapsed().as_nanos() as f64 / per_round as f64
        })
        .collect();
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

/// The calls measured on both topologies: (label, ns per call).
fn calls(
    sim: &Simulator,
    c: HCluster,
    node: &str,
    group: &str,
    iface: &str,
    network: &str,
) -> Vec<(String, f64)> {
    let mut out = Vec::new();
    let mut m = |label: &str, f: &mut dyn FnMut()| out.push((label.to_owned(), per_call(15, 2000, f)));
    m("open_cluster_node + close", &mut || {
        let h = sim.open_cluster_node(c, black_box(node)).expect("node");
        sim.close_cluster_node(h).expect("close");
    });
    m("open_cluster_group + close", &mut || {
        let h = sim.open_cluster_group(c, black_box(group)).expect("group");
        sim.close_cluster_group(h).expect("close");
    });
    m("open_cluster_net_interface + close", &mut || {
        let h = sim.open_cluster_net_interface(c, black_box(iface)).expect("interface");
        sim.close_cluster_net_interface(h).expect("close");
    });
    m("get_cluster_group_state", &mut || {
        let h = sim.open_cluster_group(c, black_box(group)).expect("group");
        black_box(sim.get_cluster_group_state(h).expect("state"));
        sim.close_cluster_group(h).expect("close");
    });
    m("node enum (interfaces, groups) open+count+close", &mut || {
        let n = sim.open_cluster_node(c, black_box(node)).expect("node");
        let e = sim.cluster_node_open_enum(n, CLUSTER_NODE_ENUM_ALL).expect("enum");
        black_box(sim.cluster_node_get_enum_count(e).expect("count"));
        sim.cluster_node_close_enum(e).expect("close");
        sim.close_cluster_node(n).expect("close");
    });
    // A notification port makes every call record its changes and queue their events.
    let port = sim.create_cluster_notify_port(None, c, clusapi_sim::change::ALL, 1).expect("port");
    let mut m = |label: &str, f: &mut dyn FnMut()| out.push((label.to_owned(), per_call(5, 50, f)));
    m("with a notification port open: pause + resume node", &mut || {
        let n = sim.open_cluster_node(c, black_box(node)).expect("node");
        sim.pause_cluster_node(n).expect("pause");
        sim.resume_cluster_node(n).expect("resume");
        while sim.get_cluster_notify(port, 0).is_ok() {}
        sim.close_cluster_node(n).expect("close");
    });
    m("with a notification port open: create + delete a group", &mut || {
        let g = sim.create_cluster_group(c, "Scale Bench Group").expect("create");
        sim.delete_cluster_group(g).expect("delete");
        sim.close_cluster_group(g).expect("close");
        while sim.get_cluster_notify(port, 0).is_ok() {}
    });
    sim.close_cluster_notify_port(port).expect("close port");
    let mut m = |label: &str, f: &mut dyn FnMut()| out.push((label.to_owned(), per_call(15, 2000, f)));
    let net = sim.open_cluster_network(c, network).expect("network");
    m("network enum (its interfaces) open+count+close", &mut || {
        let e = sim.cluster_network_open_enum(net, CLUSTER_NETWORK_ENUM_NETINTERFACES).expect("enum");
        black_box(sim.cluster_network_get_enum_count(e).expect("count"));
        sim.cluster_network_close_enum(e).expect("close");
    });
    sim.close_cluster_network(net).expect("close");
    out
}

/// Enumerates every object of the cluster: (items, ns per item).
fn enumerate_all(sim: &Simulator, c: HCluster) -> (u32, f64) {
    let t = Instant::now();
    let e = sim.cluster_open_enum(c, CLUSTER_ENUM_ALL).expect("enum");
    let n = sim.cluster_get_enum_count(e).expect("count");
    for i in 0..n {
        black_box(sim.cluster_enum(e, i).expect("item"));
    }
    sim.cluster_close_enum(e).expect("close");
    (n, t.elapsed().as_nanos() as f64 / f64::from(n))
}

fn topology() {
    let nodes: usize =
        std::env::var("CLUSAPI_SIM_SCALE_NODES").ok().and_then(|v| v.parse().ok()).unwrap_or(1000);
    let (networks, groups) = (100, nodes * 10);
    println!(
        "\n== topology: {nodes} nodes, {networks} networks ({} interfaces), {groups} groups",
        nodes * networks
    );

    let t = Instant::now();
    let small = Simulator::default();
    let small_build = t.elapsed();
    let before = live_bytes();
    let t = Instant::now();
    let big = common::large(nodes, networks, groups);
    let build = t.elapsed();
    let bytes = live_bytes().saturating_sub(before);
    let objects = nodes + networks + nodes * networks + 2 * groups;
    println!(
        "build: {:.1} ms for {objects} objects ({:.0} ns per object; the default topology: {:.0} ns per object, {:.2}x)",
        build.as_secs_f64() * 1e3,
        build.as_nanos() as f64 / objects as f64,
        small_build.as_nanos() as f64 / 12.0,
        (build.as_nanos() as f64 / objects as f64) / (small_build.as_nanos() as f64 / 12.0)
    );
    println!(
        "memory: {:.1} MiB, {:.0} bytes per object",
        bytes as f64 / 1048576.0,
        bytes as f64 / objects as f64
    );

    let sc = small.open_cluster(None).expect("cluster");
    let bc = big.open_cluster(None).expect("cluster");
    let mid = nodes / 2;
    let baseline =
        calls(&small, sc, "NODE2", "Available Storage", "NODE2 - Cluster Network 2", "Cluster Network 2");
    let at_size = calls(
        &big,
        bc,
        &format!("NODE{mid}"),
        &format!("Group {}", groups / 2),
        &format!("NODE{mid} - Network 50"),
        "Network 50",
    );
    println!("{:<50} {:>12} {:>12} {:>8}", "call", "default", "large", "ratio");
    for ((label, s), (_, b)) in baseline.iter().zip(&at_size) {
        println!("{label:<50} {s:>9.0} ns {b:>9.0} ns {:>7.2}x", b / s);
    }
    let (sn, sper) = enumerate_all(&small, sc);
    let (bn, bper) = enumerate_all(&big, bc);
    println!(
        "{:<50} {sper:>9.0} ns {bper:>9.0} ns {:>7.2}x   ({sn} and {bn} items, ns per item)",
        "cluster_open_enum(ALL) + enumerate every item",
        bper / sper
    );
    small.close_cluster(sc).expect("close");
    big.close_cluster(bc).expect("close");
}

/// Ops per second of `threads` threads each running open+close for `window`.
fn throughput(sim: &Simulator, threads: usize, window: Duration) -> f64 {
    let barrier = std::sync::Barrier::new(threads);
    let total: u64 = std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                let (sim, barrier) = (sim.clone(), &barrier);
                s.spawn(move || {
                    let c = sim.open_cluster(None).expect("cluster");
                    barrier.wait();
                    let end = Instant::now() + window;
                    let mut ops = 0u64;
                    while Instant::now() < end {
                        for _ in 0..256 {
                            let h = sim.open_cluster_network(c, "Cluster Network 1").expect("open");
                            sim.close_cluster_network(h).expect("close");
                        }
                        ops += 256;
                    }
                    sim.close_cluster(c).expect("close");
                    ops
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().expect("worker")).sum()
    });
    total as f64 / window.as_secs_f64()
}

fn threads() {
    let sim = Simulator::default();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("\n== threads: open+close of a network handle, each thread its own connection ({cores} cores)");
    let window = Duration::from_millis(1500);
    // Warm up, then take the best of three windows for each thread count.
    throughput(&sim, 1, Duration::from_millis(300));
    let best = |n| (0..3).map(|_| throughput(&sim, n, window)).fold(0.0, f64::max);
    let one = best(1);
    for n in [1, 2, 4] {
        let t = if n == 1 { one } else { best(n) };
        println!("{n} thread(s): {:>10.0} open+close/s  {:.2}x of 1 thread", t, t / one);
    }
}

fn main() {
    // `cargo bench` passes `--bench`; nothing else to parse.
    topology();
    threads();
}
