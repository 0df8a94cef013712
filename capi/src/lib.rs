//! The ClusAPI C ABI, backed by [`clusapi_sim`].
//!
//! This crate builds `libclusapi.so` and `libclusapi.a`, which export the `clusapi.dll`
//! functions under their real names and signatures, so that unchanged C, C++ and
//! `windows-sys` client code links with `-lclusapi` on Linux and runs against a simulated
//! cluster. Each call that takes a handle goes to the simulator that minted it; the calls
//! that take none go to the calling thread's current simulator: the one bound with
//! [`bind`] (Rust) or `ClusSimBindThread` (C), else the process's, created on first use
//! from the default topology or the TOML file named by `CLUSAPI_SIM_TOPOLOGY`. So tests
//! that run in parallel each drive their own cluster. The `ClusSim*` exports steer the
//! current simulator from a test.
//!
//! ```
//! use clusapi::clusapi_sim::Simulator;
//!
//! let sim = Simulator::default();
//! let _bound = clusapi::bind(&sim);
//! // What production code does through windows-sys or C:
//! let cluster = unsafe { clusapi::OpenCluster(std::ptr::null()) };
//! assert!(!cluster.is_null());
//! assert_eq!(sim.open_handle_count(), 1, "opened in the bound simulator");
//! clusapi::CloseCluster(cluster);
//! sim.assert_no_open_handles();
//! ```
//!
//! The Win32 conventions hold: handle-returning functions return NULL and set the thread's
//! last error (`GetLastError`); `DWORD` functions return the code; `Close*` return `BOOL`;
//! strings are UTF-16 and follow the ClusAPI buffer protocol. No input crashes the
//! library: handles are numbers checked against the simulator's table, never dereferenced;
//! strings are read up to 64K units; panics are caught at the boundary and answered with
//! `ERROR_INTERNAL_ERROR`.
//!
//! This is the only crate of the project with `unsafe` code: each block says why it is
//! sound, relying on the documented contract of the ClusAPI function (the caller passes
//! NULL or valid pointers).

#![deny(unsafe_op_in_unsafe_fn)]
// As in the core: no unwrap, no unchecked index, no overflowing arithmetic outside tests.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects
    )
)]
#![warn(missing_docs, clippy::undocumented_unsafe_blocks)]
// The exports carry their Win32 names, and their parameters the names clusapi.h gives them.
#![allow(non_snake_case, non_camel_case_types, clippy::upper_case_acronyms)]

mod classic;
mod clussim;
mod cluster;
mod control;
#[doc(hidden)]
pub mod derive;
mod enumerate;
mod ffi;
mod modern;
mod notify;
mod notify_v2;
mod objects;
mod properties;
mod registry;
mod resutils;
mod route;
mod storage;
mod strings;
mod unsimulated;
mod wide;

pub use classic::*;
/// The simulator library itself, for tests that drive the same world from Rust.
pub use clusapi_sim;
pub use clussim::*;
pub use cluster::*;
pub use control::*;
pub use enumerate::*;
pub use ffi::ClusSimWcharSize;
pub use ffi::{
    _HCHANGE, _HCLUSENUM, _HCLUSTER, _HGROUP, _HGROUPENUM, _HNETINTERFACE, _HNETWORK, _HNETWORKENUM, _HNODE,
    _HNODEENUM, _HRESENUM, _HRESOURCE, _HRESTYPEENUM, BOOL, CLUSTER_GROUP_STATE, CLUSTER_NETINTERFACE_STATE,
    CLUSTER_NETWORK_STATE, CLUSTER_NODE_STATE, CLUSTER_RESOURCE_STATE, CLUSTER_SET_PASSWORD_STATUS,
    CLUSTERVERSIONINFO, DWORD, FALSE, HANDLE, HCLUSENUM, HCLUSTER, HGROUP, HGROUPENUM, HNETINTERFACE,
    HNETWORK, HNETWORKENUM, HNODE, HNODEENUM, HRESENUM, HRESOURCE, HRESTYPEENUM, HRESULT, LPCWSTR, LPDWORD,
    LPWSTR, PCLUSTER_SET_PASSWORD_STATUS, TRUE, WCHAR,
};
pub use modern::*;
pub use notify::*;
pub use notify_v2::*;
pub use objects::*;
pub use properties::*;
pub use registry::*;
pub use resutils::*;
pub use route::{Bound, TOPOLOGY_VARIABLE, bind, process_simulator, run_bound};
pub use storage::*;
pub use unsimulated::*;

/// The exports derived from the Rust API's `extern` declarations (`capi/src/derive.rs`),
/// per family: simulated like the written ones, which no source text spells out.
pub const DERIVED: &[&[&str]] = &[
    clusapi_sim::__clusapi_modern_externs!(crate::derive::names),
    clusapi_sim::__clusapi_resource_externs!(crate::derive::names),
];

/// The exports of the real `clusapi.dll` that the simulator does not simulate (yet), and
/// why, as (name, reason), one list per source file: each file declares its own with
/// `not_simulated!` beside the simulated calls of the family (`unsimulated.rs` holds the
/// families the simulator leaves out). The README's coverage table lists them
/// (`capi/tests/suite/coverage.rs`).
pub const NOT_SIMULATED: &[&[(&str, &str)]] = &[
    cluster::NOT_SIMULATED,
    control::NOT_SIMULATED,
    enumerate::NOT_SIMULATED,
    registry::NOT_SIMULATED,
    unsimulated::NOT_SIMULATED,
];
