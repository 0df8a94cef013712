//! What the benchmarks share: a counting allocator, so they can report bytes, and the large
//! topology.

// Each bench that includes this module uses a part of it.
#![allow(dead_code)]

use clusapi_sim::Simulator;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Counts live heap bytes, so the scale run can report bytes per handle.
pub struct Counting;

pub static LIVE_BYTES: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards every call to the system allocator unchanged; the counter is only
// arithmetic on the sizes passed in.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE_BYTES.fetch_add(layout.size(), Ordering::Relaxed);
        // SAFETY: same contract as our caller's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE_BYTES.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: same contract as our caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE_BYTES.fetch_add(new_size, Ordering::Relaxed);
        LIVE_BYTES.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: same contract as our caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Live heap bytes now.
pub fn live_bytes() -> usize {
    LIVE_BYTES.load(Ordering::Relaxed)
}

/// One cluster of `nodes` nodes, `networks` networks and `groups` groups of one disk each,
/// spread round-robin over the nodes.
pub fn large(nodes: usize, networks: usize, groups: usize) -> Simulator {
    let mut b = Simulator::builder().cluster("LARGE");
    for n in 0..nodes {
        b = b.node(format!("NODE{n}"));
    }
    for n in 0..networks {
        b = b.network(format!("Network {n}"));
    }
    for g in 0..groups {
        let name = format!("Group {g}");
        b = b.group(name.clone(), format!("NODE{}", g % nodes)).resource(
            name,
            format!("Disk {g}"),
            "Physical Disk",
        );
    }
    b.build().expect("valid topology")
}
