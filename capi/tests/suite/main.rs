//! The C ABI's behaviour tests in one test binary (each integration test file would be a
//! crate of its own, linking the library again): the C and C++ clients, parallel tests
//! through windows-sys, the README's front example, the state exports and the topology
//! variable, and the coverage table (`CLUSAPI_SIM_BLESS=1` regenerates the README's).
//! `robustness` stays a binary of its own: its cells share the process's one default
//! simulator, which every other test here may use at the same time.

// The C-client runner, shared with the native package's tests.
#[path = "../c_build/mod.rs"]
mod c_build;
#[path = "../common/mod.rs"]
mod common;

mod c_clients;
mod cookbook;
mod coverage;
mod parallel;
mod readme_example;
mod state_exports;
mod topology_env;
