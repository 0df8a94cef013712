//! Model checks of the close / refcount path with `loom`: every interleaving (up to loom's
//! preemption bound) of concurrent closes, duplicates and opens through one connection.
//!
//! Run with:
//! `RUSTFLAGS="--cfg loom" CARGO_TARGET_DIR=target/loom cargo test --test loom`
//! (`.ci/run` does). In a normal build this file is empty.
#![cfg(loom)]

use clusapi_sim::{Simulator, codes::ERROR_INVALID_HANDLE};
use loom::thread;

fn small() -> Simulator {
    Simulator::builder().cluster("LOOM").node("N1").group("G", "N1").build().expect("topology")
}

/// Closing the cluster handle while another thread opens through an object handle of the
/// same connection: the connection lives until the last handle goes, whatever the order.
#[test]
fn close_cluster_races_get_cluster_from_node() {
    loom::model(|| {
        let sim = small();
        let c = sim.open_cluster(None).expect("cluster");
        let n = sim.open_cluster_node(c, "N1").expect("node");
        let t = {
            let sim = sim.clone();
            thread::spawn(move || {
                let c2 = sim.get_cluster_from_node(n).expect("the node handle keeps the connection");
                sim.close_cluster_node(n).expect("close node");
                c2
            })
        };
        sim.close_cluster(c).expect("close cluster");
        let c2 = t.join().expect("thread");
        assert_eq!(sim.open_handle_count(), 1);
        assert_eq!(sim.open_connection_count(), 1);
        sim.close_cluster(c2).expect("close duplicate");
        assert_eq!(sim.open_handle_count(), 0);
        assert_eq!(sim.open_connection_count(), 0);
    });
}

/// Two threads close the same handle: exactly one succeeds, the other gets
/// `ERROR_INVALID_HANDLE`, and the refcounts end at zero.
#[test]
fn double_close_succeeds_once() {
    loom::model(|| {
        let sim = small();
        let c = sim.open_cluster(None).expect("cluster");
        let g = sim.open_cluster_group(c, "G").expect("group");
        sim.close_cluster(c).expect("close cluster");
        let t = {
            let sim = sim.clone();
            thread::spawn(move || sim.close_cluster_group(g).map_err(|e| e.code()))
        };
        let here = sim.close_cluster_group(g).map_err(|e| e.code());
        let there = t.join().expect("thread");
        let ok = [here, there].iter().filter(|r| r.is_ok()).count();
        assert_eq!(ok, 1, "{here:?} {there:?}");
        assert!([here, there].contains(&Err(ERROR_INVALID_HANDLE)));
        assert_eq!(sim.open_handle_count(), 0);
        assert_eq!(sim.open_connection_count(), 0);
    });
}

/// One thread opens through the cluster handle while the other closes it: the open either
/// wins (and its handle keeps the connection) or answers `ERROR_INVALID_HANDLE`; nothing
/// else, and nothing leaks either way.
#[test]
fn open_races_close_cluster() {
    use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
    // How many explored interleavings the open won and lost (plain std atomics: bookkeeping
    // outside the model).
    let outcomes = std::sync::Arc::new([AtomicUsize::new(0), AtomicUsize::new(0)]);
    let seen = outcomes.clone();
    loom::model(move || {
        let sim = small();
        let c = sim.open_cluster(None).expect("cluster");
        let t = {
            let sim = sim.clone();
            thread::spawn(move || sim.open_cluster_node(c, "N1").map_err(|e| e.code()))
        };
        sim.close_cluster(c).expect("close cluster");
        match t.join().expect("thread") {
            Ok(n) => {
                seen[0].fetch_add(1, Relaxed);
                assert_eq!(sim.open_handle_count(), 1);
                assert_eq!(sim.open_connection_count(), 1);
                sim.close_cluster_node(n).expect("close node");
            }
            Err(code) => {
                seen[1].fetch_add(1, Relaxed);
                assert_eq!(code, ERROR_INVALID_HANDLE);
            }
        }
        assert_eq!(sim.open_handle_count(), 0);
        assert_eq!(sim.open_connection_count(), 0);
    });
    // Both orders were explored.
    assert!(outcomes[0].load(Relaxed) > 0 && outcomes[1].load(Relaxed) > 0);
}
