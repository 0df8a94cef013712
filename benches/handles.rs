//! Handle-table benchmarks, each beside a baseline measured in the same run.
//!
//! * criterion: open+close of a network handle, `get_cluster_from_network`+close, and a
//!   lookup-only query, against the baseline of a raw `slotmap` insert+remove under a
//!   `parking_lot::Mutex` (the least a handle table built on them can cost).
//! * scale (after criterion, skipped with `CLUSAPI_SIM_BENCH_SCALE=0`): open 2^24 handles,
//!   report bytes per live handle (a counting allocator) and the time per open in each
//!   sixteenth of the fill, then the time to close them all.
//!
//! Ratios, not absolute times, are the figures to compare across machines.

use std::hint::black_box;
use std::time::{Duration, Instant};

use clusapi_sim::{CLUSTER_ENUM_NODE, HCluster, HNetwork, Simulator};
use criterion::{Criterion, criterion_group};
use parking_lot::Mutex;
use slotmap::{DefaultKey, SlotMap};

mod common;
use common::live_bytes;

/// What the baseline stores: as large as the simulator's handle entry.
type BaselineEntry = [u32; 6];

/// The same-run baseline of every group: a slotmap insert+remove, each under a Mutex.
fn baseline(g: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>) {
    let table: Mutex<SlotMap<DefaultKey, BaselineEntry>> = Mutex::new(SlotMap::new());
    g.bench_function("baseline: slotmap insert+remove under a Mutex", |b| {
        b.iter(|| {
            let k = table.lock().insert(black_box([1; 6]));
            black_box(table.lock().remove(black_box(k)));
        });
    });
}

fn handles(c: &mut Criterion) {
    let mut g = c.benchmark_group("handles");

    baseline(&mut g);

    let sim = Simulator::default();
    let cluster = sim.open_cluster(None).expect("local cluster");
    let network = sim.open_cluster_network(cluster, "Cluster Network 1").expect("network");
    let henum = sim.cluster_open_enum(cluster, CLUSTER_ENUM_NODE).expect("enum");

    g.bench_function("open_cluster_network + close_cluster_network", |b| {
        b.iter(|| {
            let h = sim.open_cluster_network(cluster, black_box("Cluster Network 1")).expect("open");
            sim.close_cluster_network(h).expect("close");
        });
    });
    g.bench_function("get_cluster_from_network + close_cluster", |b| {
        b.iter(|| {
            let h = sim.get_cluster_from_network(black_box(network)).expect("get");
            sim.close_cluster(h).expect("close");
        });
    });
    g.bench_function("lookup-only query: cluster_get_enum_count", |b| {
        b.iter(|| black_box(sim.cluster_get_enum_count(black_box(henum)).expect("count")));
    });
    g.bench_function("query with a copy out: get_cluster_network_id", |b| {
        b.iter(|| black_box(sim.get_cluster_network_id(black_box(network)).expect("id")));
    });
    g.finish();
}

/// Fills the table to 2^24 handles and returns the ns per open of each sixteenth.
fn fill(sim: &Simulator, cluster: HCluster, all: &mut Vec<HNetwork>) -> Vec<f64> {
    const CHUNKS: usize = 16;
    // The cluster handle holds one slot of the 2^24.
    let total = (1usize << 24) - 1;
    let mut per_chunk = Vec::new();
    for chunk in 0..CHUNKS {
        let n = if chunk == CHUNKS - 1 { total - all.len() } else { total / CHUNKS };
        let t = Instant::now();
        for _ in 0..n {
            all.push(sim.open_cluster_network(cluster, "Cluster Network 1").expect("room"));
        }
        per_chunk.push(t.elapsed().as_nanos() as f64 / n as f64);
    }
    per_chunk
}

/// Closes every handle in `all`; returns the time taken.
fn close_all(sim: &Simulator, all: &mut Vec<HNetwork>) -> Duration {
    let t = Instant::now();
    for h in all.drain(..) {
        sim.close_cluster_network(h).expect("close");
    }
    t.elapsed()
}

/// Opens 2^24 handles (the table's limit), then closes them all; twice, because the first
/// fill also pays for the operating system mapping fresh memory (first-touch page faults,
/// which on a virtual machine can cost more than the table itself), while the second reuses
/// the table's memory and shows the table's own cost.
fn scale() {
    let sim = Simulator::default();
    let cluster = sim.open_cluster(None).expect("local cluster");
    let mut all = Vec::with_capacity(1 << 24);
    let before = live_bytes();
    println!("\nscale: opening 2^24 handles (2^24 - 1 network handles and the cluster handle)");
    let cold = fill(&sim, cluster, &mut all);
    let table_bytes = live_bytes() - before;
    let live = sim.open_handle_count();
    let full = sim.open_cluster_network(cluster, "Cluster Network 1").map(|_| ()).unwrap_err();
    println!("scale: {live} live handles; one more: {full}");
    println!(
        "scale: {:.1} bytes per live handle (table, scopes and connections; slotmap's doubling included)",
        table_bytes as f64 / live as f64
    );
    let closed = close_all(&sim, &mut all);
    println!(
        "scale: closing all {live}: {:.2} s ({:.1} ns per close)",
        closed.as_secs_f64(),
        closed.as_nanos() as f64 / live as f64
    );
    let warm = fill(&sim, cluster, &mut all);
    println!("scale: ns per open in each sixteenth of the fill, as a ratio to the first sixteenth:");
    println!("scale:   fill   first fill (fresh memory)   second fill (memory reused)");
    for (i, (c, w)) in cold.iter().zip(&warm).enumerate() {
        println!(
            "scale:  {:>2}/16   {c:6.1} ns ({:.2}x)          {w:6.1} ns ({:.2}x)",
            i + 1,
            c / cold[0],
            w / warm[0]
        );
    }
    let closed = close_all(&sim, &mut all);
    sim.close_cluster(cluster).expect("close");
    println!(
        "scale: closing all again: {:.2} s; {} handles left open",
        closed.as_secs_f64(),
        sim.open_handle_count()
    );
}

/// A topology of three nodes whose first node owns `groups` online groups of two resources.
fn busy_cluster(groups: usize) -> Simulator {
    let mut b = Simulator::builder().cluster("BUSY").node("N1").node("N2").node("N3").network("LAN");
    for i in 0..groups {
        let g = format!("Group {i}");
        b = b.online_group(g.clone(), "N1").resource(g.clone(), format!("IP {i}"), "IP Address").resource(
            g,
            format!("Service {i}"),
            "Generic Service",
        );
    }
    b.build().expect("valid topology")
}

fn behaviour(c: &mut Criterion) {
    let mut g = c.benchmark_group("behaviour");
    baseline(&mut g);
    let sim = Simulator::default();
    let c = sim.open_cluster(None).expect("cluster");
    let port = sim.create_cluster_notify_port(None, c, clusapi_sim::change::NODE_STATE, 1).expect("port");
    let node = sim.open_cluster_node(c, "NODE2").expect("node");
    g.bench_function("notification round trip: pause_cluster_node + get_cluster_notify", |b| {
        b.iter(|| {
            sim.pause_cluster_node(node).expect("pause");
            black_box(sim.get_cluster_notify(port, 0).expect("event"));
            sim.resume_cluster_node(node).expect("resume");
            black_box(sim.get_cluster_notify(port, 0).expect("event"));
        });
    });
    g.bench_function("crash_node of a node owning 1,000 groups (failover)", |b| {
        b.iter_batched(
            || busy_cluster(1000),
            |sim| sim.crash_node(black_box("N1")).expect("crash"),
            criterion::BatchSize::LargeInput,
        );
    });
    g.finish();
}

criterion_group!(benches, handles, behaviour);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    if std::env::var("CLUSAPI_SIM_BENCH_SCALE").as_deref() != Ok("0") {
        scale();
    }
}
