//! [`clusapi_sim::ClusterApi`] over the real ClusAPI: production code written against the
//! trait runs on a real failover cluster with [`WinClusterApi`], and in tests on a
//! [`Simulator`](clusapi_sim::Simulator).
//!
//! [`WinClusterApi`] implements every family trait (`ClusterCalls`, `NodeCalls`, ...,
//! `NotifyV2Calls`) by calling the Win32 function of the same name through `windows-sys`:
//! on Windows that is `clusapi.dll`; on Linux the symbols resolve to the simulator's C ABI
//! (the `clusapi-sim-capi` crate, whose library is named `clusapi`), which a binary or test
//! that uses this crate links with `extern crate clusapi;`.
//!
//! The conversions are the Win32 conventions, written once (in `ffi`):
//! - handles are the typed handles of `clusapi_sim`, holding the Win32 value
//!   ([`Handle::from_raw`](clusapi_sim::Handle::from_raw) /
//!   [`as_raw`](clusapi_sim::Handle::as_raw));
//! - a call that returns a handle and gets NULL, or a `BOOL` and gets `FALSE`, is an `Err`
//!   with `GetLastError()`'s code; a call that returns a `DWORD` status is an `Err` with
//!   that code when it is not 0;
//! - strings go in as UTF-16, NUL-terminated (a `&str` holding a NUL is
//!   `ERROR_INVALID_PARAMETER`, as the call would see another name); strings and bytes
//!   (control codes' outputs, registry values, security descriptors, notification payloads)
//!   come out by the two-call buffer protocol: the first call offers a buffer (or none,
//!   see [`WinClusterApi::with_first_buffers`]), and on `ERROR_MORE_DATA` the call is made
//!   again with the size it asked for.
//!
//! The outputs of the control codes are property lists in production too:
//! [`PropertyList::parse`](clusapi_sim::PropertyList::parse) reads what a real
//! `ClusterResourceControl(CLUSCTL_RESOURCE_GET_COMMON_PROPERTIES)` returns (the simulator's
//! parser is checked against lists captured from real clusters), and
//! [`PropertyList::to_bytes`](clusapi_sim::PropertyList::to_bytes) writes what the `SET`
//! codes take.
//!
//! # Example
//!
//! Production code takes any [`ClusterApi`](clusapi_sim::ClusterApi); it never names the
//! simulator:
//!
//! ```
//! # #[cfg(not(windows))] extern crate clusapi; // on Linux, the C ABI stands in for clusapi.dll
//! use clusapi_sim::{CLUSTER_NODE_ENUM_GROUPS, ClusterApi, Result, Simulator};
//! use clusapi_win::WinClusterApi;
//!
//! /// Pauses `node` and moves each group it owns to the best other node; the groups moved.
//! fn drain(api: &impl ClusterApi, node: &str) -> Result<Vec<String>> {
//!     let cluster = api.open_cluster(None)?;
//!     let n = api.open_cluster_node(cluster, node)?;
//!     api.pause_cluster_node(n)?;
//!     let groups = api.cluster_node_open_enum(n, CLUSTER_NODE_ENUM_GROUPS)?;
//!     let mut names = Vec::new();
//!     for i in 0..api.cluster_node_get_enum_count(groups)? {
//!         names.push(api.cluster_node_enum(groups, i)?.1);
//!     }
//!     api.cluster_node_close_enum(groups)?;
//!     for name in &names {
//!         let g = api.open_cluster_group(cluster, name)?;
//!         api.move_cluster_group(g, None)?;
//!         api.close_cluster_group(g)?;
//!     }
//!     api.close_cluster_node(n)?;
//!     api.close_cluster(cluster)?;
//!     Ok(names)
//! }
//!
//! // Production: the local cluster, through clusapi.dll (here, on Linux, the C ABI's
//! // process-wide simulator, with its default topology).
//! let moved = drain(&WinClusterApi::new(), "NODE1")?;
//! assert_eq!(moved, ["Cluster Group", "Available Storage"]);
//!
//! // Test: a simulator of the test's own, with the same code.
//! let sim = Simulator::default();
//! assert_eq!(drain(&sim, "NODE1")?, ["Cluster Group", "Available Storage"]);
//! sim.assert_no_open_handles();
//! # Ok::<(), clusapi_sim::Error>(())
//! ```
//!
//! # Soundness
//!
//! Every pointer this crate passes is valid for what the call does with it, for as long as
//! the call runs (each `unsafe` block says how). Handles are passed as values, and their
//! validity is the called library's business:
//! - the simulator's C ABI (Linux) checks every value against its handle table, never
//!   dereferencing it: a closed, forged, foreign or wrongly typed handle is
//!   `ERROR_INVALID_HANDLE`, so any value is sound;
//! - `clusapi.dll` (Windows) takes its handles as pointers into its own memory: a handle used
//!   after it was closed, or a value it never handed out, is a use-after-free or a wild
//!   pointer inside `clusapi.dll`, exactly as in C. The trait's methods are safe and a
//!   handle is a `Copy` value (`from_raw` is safe too), so on Windows this crate relies on
//!   its callers not to do that: these misuses are the ones the simulator reports as
//!   `ERROR_INVALID_HANDLE`, so the tests of code written against the trait find them.
//!
//! # Calls the real API does not have
//!
//! Two trait methods are the simulator's own, with no Win32 function behind them:
//! `peek_cluster_notify` and `peek_cluster_notify_v2` (the C layer's way of reading an
//! event's sizes before taking it). Here they return `ERROR_CALL_NOT_IMPLEMENTED` (120):
//! `GetClusterNotify(V2)` takes the event it reports, and a too-small buffer, which leaves
//! the event queued, reports its sizes but not its key or filter.

#![deny(missing_docs, unsafe_op_in_unsafe_fn, clippy::undocumented_unsafe_blocks)]
#![warn(missing_debug_implementations)]

// The unit tests call the Win32 functions: on Linux, the simulator's C ABI provides them.
#[cfg(all(test, not(windows)))]
extern crate clusapi;

mod classic;
mod cluster;
mod control;
mod derive;
mod enumerate;
mod ffi;
mod group;
mod modern;
mod net_interface;
mod network;
mod node;
mod notify;
mod notify_v2;
mod registry;
mod resource;
mod restype;
mod values;

/// The ClusAPI of the machine: every call of [`clusapi_sim::ClusterApi`] made through the
/// Win32 function of its name (`clusapi.dll` on Windows, the simulator's C ABI on Linux).
///
/// It holds no state but the sizes of the first buffers it offers the calls that return
/// strings or bytes; it is `Copy`, `Send` and `Sync`, and any number of them may be used
/// from any threads (as the Win32 functions may).
///
/// ```
/// # #[cfg(not(windows))] extern crate clusapi;
/// use clusapi_sim::{ClusterCalls, NodeCalls};
/// use clusapi_win::WinClusterApi;
///
/// let api = WinClusterApi::new();
/// let cluster = api.open_cluster(None)?;
/// let node = api.open_cluster_node(cluster, "NODE1")?;
/// assert_eq!(api.get_cluster_node_id(Some(node))?, "1");
/// api.close_cluster_node(node)?;
/// api.close_cluster(cluster)?;
/// # Ok::<(), clusapi_sim::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WinClusterApi {
    /// The first buffer offered for a string, in characters (the NUL included).
    text: usize,
    /// The first buffer offered for bytes.
    bytes: usize,
}

impl WinClusterApi {
    /// With first buffers of 256 characters for strings and 4 KiB for bytes: one call for
    /// almost every answer (each call is a round trip to the cluster), two for longer ones.
    #[must_use]
    pub const fn new() -> Self {
        Self::with_first_buffers(256, 4096)
    }

    /// With first buffers of `chars` characters (the NUL included) for strings and `bytes`
    /// bytes for byte outputs. `with_first_buffers(0, 0)` makes every such call ask for the
    /// size first and then fetch: the strict two-call protocol.
    #[must_use]
    pub const fn with_first_buffers(chars: usize, bytes: usize) -> Self {
        Self { text: chars, bytes }
    }
}

impl Default for WinClusterApi {
    fn default() -> Self {
        Self::new()
    }
}
