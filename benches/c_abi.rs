//! The cost of the C layer, and what threads get from a simulator each.
//!
//! * criterion: `OpenClusterNetwork` + `CloseClusterNetwork` through the C ABI against the
//!   same pair through the Rust API (the baseline, in the same run): what routing a call by
//!   its handle, reading the UTF-16 name and the Win32 conventions add.
//! * threads (after criterion): C open+close on 1 thread, on 2 threads each bound to a
//!   simulator of its own, and on 2 threads sharing one simulator; the throughput of each as
//!   a ratio to 1 thread in the same run, best of several windows (the CI machine is a noisy
//!   2-vCPU virtual machine).
//!
//! Run with `cargo bench -p clusapi-sim-capi --bench c_abi`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use clusapi::clusapi_sim::Simulator;
use criterion::{Criterion, criterion_group};

fn wide(s: &str) -> Vec<u16> {
    s.encode_utf16().chain([0]).collect()
}

fn layer(c: &mut Criterion) {
    let mut g = c.benchmark_group("c_abi");
    let sim = Simulator::default();
    let cluster = sim.open_cluster(None).expect("cluster");
    g.bench_function("baseline: Rust open_cluster_network + close_cluster_network", |b| {
        b.iter(|| {
            let h = sim.open_cluster_network(cluster, black_box("Cluster Network 1")).expect("open");
            sim.close_cluster_network(h).expect("close");
        });
    });
    let name = wide("Cluster Network 1");
    let hc: clusapi::HCLUSTER = std::ptr::without_provenance_mut(cluster.as_raw());
    g.bench_function("C OpenClusterNetwork + CloseClusterNetwork", |b| {
        b.iter(|| {
            // SAFETY: a live cluster handle and a NUL-terminated name.
            let h = unsafe { clusapi::OpenClusterNetwork(black_box(hc), name.as_ptr()) };
            assert!(!h.is_null());
            assert_eq!(clusapi::CloseClusterNetwork(h), clusapi::TRUE);
        });
    });
    g.finish();
    sim.close_cluster(cluster).expect("close");
}

/// The C pair against the Rust pair, interleaved: 31 rounds of 20,000 pairs each, C and
/// Rust alternating, and the ratio of the fastest round of each (a noisy machine slows
/// some rounds; the fastest is the cost of the code).
fn interleaved() {
    let sim = Simulator::default();
    let cluster = sim.open_cluster(None).expect("cluster");
    let hc: clusapi::HCLUSTER = std::ptr::without_provenance_mut(cluster.as_raw());
    let name = wide("Cluster Network 1");
    let pairs = 20_000u32;
    let (mut rust, mut c) = (Duration::MAX, Duration::MAX);
    for _ in 0..31 {
        let t = Instant::now();
        for _ in 0..pairs {
            let h = sim.open_cluster_network(cluster, black_box("Cluster Network 1")).expect("open");
            sim.close_cluster_network(h).expect("close");
        }
        rust = rust.min(t.elapsed());
        let t = Instant::now();
        for _ in 0..pairs {
            // SAFETY: a live cluster handle and a NUL-terminated name.
            let h = unsafe { clusapi::OpenClusterNetwork(black_box(hc), name.as_ptr()) };
            clusapi::CloseClusterNetwork(h);
        }
        c = c.min(t.elapsed());
    }
    let per = |d: Duration| d.as_secs_f64() * 1e9 / f64::from(pairs);
    println!("\n== the C layer: open+close of a network handle, interleaved, fastest of 31 rounds");
    println!("Rust API (baseline):  {:>7.1} ns  1.00x", per(rust));
    println!("C ABI:                {:>7.1} ns  {:.2}x", per(c), per(c) / per(rust));
    sim.close_cluster(cluster).expect("close");
}

/// Which API a thread of [`throughput`] calls through.
#[derive(Clone, Copy)]
enum Api {
    /// `OpenClusterNetwork` + `CloseClusterNetwork`, the thread bound to its simulator.
    C,
    /// `open_cluster_network` + `close_cluster_network` (the reference for what sharing one
    /// simulator's lock costs without the C layer).
    Rust,
}

/// Open+close per second of `sims.len()` threads, thread `i` on `sims[i]`, for `window`.
fn throughput(api: Api, sims: &[Simulator], window: Duration) -> f64 {
    let barrier = std::sync::Barrier::new(sims.len());
    let total: u64 = std::thread::scope(|s| {
        let workers: Vec<_> = sims
            .iter()
            .map(|sim| {
                let barrier = &barrier;
                s.spawn(move || {
                    let _bound = clusapi::bind(sim);
                    let name = wide("Cluster Network 1");
                    let c = sim.open_cluster(None).expect("cluster");
                    let hc: clusapi::HCLUSTER = std::ptr::without_provenance_mut(c.as_raw());
                    barrier.wait();
                    let end = Instant::now() + window;
                    let mut ops = 0u64;
                    while Instant::now() < end {
                        for _ in 0..256 {
                            match api {
                                Api::C => {
                                    // SAFETY: a live cluster handle and a NUL-terminated name.
                                    let h = unsafe { clusapi::OpenClusterNetwork(hc, name.as_ptr()) };
                                    clusapi::CloseClusterNetwork(h);
                                }
                                Api::Rust => {
                                    let h = sim.open_cluster_network(c, "Cluster Network 1").expect("open");
                                    sim.close_cluster_network(h).expect("close");
                                }
                            }
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
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("\n== threads: C OpenClusterNetwork + CloseClusterNetwork ({cores} cores)");
    let (a, b) = (Simulator::default(), Simulator::default());
    let window = Duration::from_millis(1000);
    let trials = 5;
    throughput(Api::C, std::slice::from_ref(&a), Duration::from_millis(300));
    let best = |sims: &[Simulator]| (0..trials).map(|_| throughput(Api::C, sims, window)).fold(0.0, f64::max);
    let one = best(std::slice::from_ref(&a));
    let own = best(&[a.clone(), b.clone()]);
    let shared = best(&[a.clone(), a.clone()]);
    println!("1 thread:                         {one:>12.0} open+close/s  1.00x");
    println!("2 threads, a simulator each:      {own:>12.0} open+close/s  {:.2}x of 1 thread", own / one);
    println!(
        "2 threads sharing one simulator:  {shared:>12.0} open+close/s  {:.2}x of 1 thread",
        shared / one
    );
    let rust_best =
        |sims: &[Simulator]| (0..trials).map(|_| throughput(Api::Rust, sims, window)).fold(0.0, f64::max);
    let (rust_one, rust_shared) = (rust_best(std::slice::from_ref(&a)), rust_best(&[a.clone(), a.clone()]));
    println!(
        "Rust API, 2 threads sharing one simulator: {:.2}x of 1 Rust thread (C 1 thread: {:.2}x of Rust 1 thread)",
        rust_shared / rust_one,
        one / rust_one
    );
}

criterion_group!(benches, layer);

fn main() {
    // `CLUSAPI_SIM_BENCH_THREADS_ONLY=1`: the thread figures alone.
    if std::env::var_os("CLUSAPI_SIM_BENCH_THREADS_ONLY").is_none() {
        benches();
        Criterion::default().configure_from_args().final_summary();
    }
    interleaved();
    threads();
}
