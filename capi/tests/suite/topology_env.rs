//! `CLUSAPI_SIM_TOPOLOGY`: the process's simulator comes from the named TOML file, and a bad
//! file makes `OpenCluster` fail with `RPC_S_SERVER_UNAVAILABLE` (after a message on stderr
//! with the line and the reason) rather than run on a wrong topology.
//!
//! The simulator is created once per process, so each case runs this test binary again as
//! a child with the variable set (`CHILD` names the case).

use std::process::Command;

const CHILD: &str = "CLUSAPI_SIM_TEST_CHILD";

fn wide(s: &str) -> Vec<u16> {
    s.encode_utf16().chain([0]).collect()
}

/// Runs test `name` of this binary in a child with the topology variable set to `file`.
fn run_child(name: &str, file: impl AsRef<std::ffi::OsStr>) -> std::process::Output {
    // The test's full name in this binary: its module's path without the crate's name.
    let module = module_path!().split_once("::").map_or("", |(_, m)| m);
    let full = format!("{module}::{name}");
    Command::new(std::env::current_exe().expect("test binary"))
        .args(["--exact", &full, "--nocapture", "--test-threads=1"])
        .env(CHILD, "1")
        .env("CLUSAPI_SIM_TOPOLOGY", file)
        .output()
        .expect("child runs")
}

fn temp_file(name: &str, text: &str) -> std::path::PathBuf {
    let path = std::env::temp_dir().join(format!("clusapi-sim-{}-{name}.toml", std::process::id()));
    std::fs::write(&path, text).expect("temp file");
    path
}

#[test]
fn a_topology_file_replaces_the_default_cluster() {
    if std::env::var_os(CHILD).is_some() {
        // SAFETY: NUL-terminated names; the handles come from the calls before.
        unsafe {
            assert!(!clusapi::OpenCluster(std::ptr::null()).is_null());
            let by_node = clusapi::OpenCluster(wide("db2").as_ptr());
            assert!(!by_node.is_null(), "a node of the file's cluster: {}", clusapi::GetLastError());
            let gone = clusapi::OpenCluster(wide("SIMCLUSTER").as_ptr());
            assert!(gone.is_null(), "the default cluster is not there");
            assert_eq!(clusapi::GetLastError(), 1722);
        }
        return;
    }
    let file = temp_file(
        "good",
        "[[cluster]]\nname = \"DBCLUSTER\"\nnodes = [\"DB1\", \"DB2\"]\nnetworks = [\"LAN\"]\n",
    );
    let out = run_child("a_topology_file_replaces_the_default_cluster", &file);
    let _ = std::fs::remove_file(&file);
    assert!(out.status.success(), "child failed:\n{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn a_bad_topology_file_makes_open_cluster_fail_and_says_why() {
    if std::env::var_os(CHILD).is_some() {
        // SAFETY: NULL is the local cluster; the out-pointer is valid.
        unsafe {
            assert!(clusapi::OpenCluster(std::ptr::null()).is_null());
            assert_eq!(clusapi::GetLastError(), 1722, "RPC_S_SERVER_UNAVAILABLE");
            let mut granted = 0;
            assert!(clusapi::OpenClusterEx(std::ptr::null(), 0x8000_0000, &mut granted).is_null());
            assert_eq!(clusapi::GetLastError(), 1722);
            let mut state = 99;
            assert_eq!(clusapi::GetNodeClusterState(std::ptr::null(), &mut state), 0);
            assert_eq!(state, 0, "no node runs the cluster service");
        }
        return;
    }
    // The group on line 5 names an owner that is not a node of the cluster.
    let file = temp_file(
        "bad",
        "[[cluster]]\nname = \"C\"\nnodes = [\"A\"]\n[[cluster.group]]\nname = \"G\"\nowner = \"Z\"\n",
    );
    let out = run_child("a_bad_topology_file_makes_open_cluster_fail_and_says_why", &file);
    let _ = std::fs::remove_file(&file);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "child failed:\n{stderr}");
    assert!(
        stderr.contains("line 5") && stderr.contains("\"Z\""),
        "stderr names the line and culprit:\n{stderr}"
    );
}

#[test]
fn a_missing_topology_file_is_reported() {
    if std::env::var_os(CHILD).is_some() {
        // SAFETY: NULL is the local cluster.
        unsafe {
            assert!(clusapi::OpenCluster(std::ptr::null()).is_null());
            assert_eq!(clusapi::GetLastError(), 1722);
        }
        return;
    }
    let file = std::env::temp_dir().join("clusapi-sim-no-such-topology.toml");
    let out = run_child("a_missing_topology_file_is_reported", &file);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "child failed:\n{stderr}");
    assert!(stderr.contains("clusapi-sim-no-such-topology.toml"), "{stderr}");
}

/// The file the README's C example names loads, and holds the cluster it describes.
#[test]
fn the_readme_topology_file_loads() {
    if std::env::var_os(CHILD).is_some() {
        // SAFETY: NUL-terminated names; the handles come from the calls before.
        unsafe {
            let c = clusapi::OpenCluster(wide("sqlcluster").as_ptr());
            assert!(!c.is_null(), "{}", clusapi::GetLastError());
            let g = clusapi::OpenClusterGroup(c, wide("SQL Group").as_ptr());
            assert!(!g.is_null(), "{}", clusapi::GetLastError());
            let state = clusapi::GetClusterGroupState(g, std::ptr::null_mut(), std::ptr::null_mut());
            assert_eq!(state, 0, "ClusterGroupOnline");
            clusapi::CloseClusterGroup(g);
            clusapi::CloseCluster(c);
        }
        // The process's simulator in Rust: its history (the file asks for one) shows what
        // the C calls did.
        let sim = clusapi::process_simulator().expect("the file's simulator");
        sim.assert_no_open_handles();
        let calls: Vec<&str> = sim.history().iter().map(|c| c.call).collect();
        assert!(calls.contains(&"open_cluster_group") && calls.contains(&"close_cluster"), "{calls:?}");
        return;
    }
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/sql-cluster.toml");
    let out = run_child("the_readme_topology_file_loads", file);
    assert!(out.status.success(), "child failed:\n{}", String::from_utf8_lossy(&out.stderr));
}

/// An empty `CLUSAPI_SIM_TOPOLOGY=` is unset: the default topology, no error.
#[test]
fn an_empty_topology_variable_is_unset() {
    if std::env::var_os(CHILD).is_some() {
        // SAFETY: a NUL-terminated name.
        let c = unsafe { clusapi::OpenCluster(wide("SIMCLUSTER").as_ptr()) };
        assert!(!c.is_null(), "the default cluster: {}", clusapi::GetLastError());
        clusapi::CloseCluster(c);
        return;
    }
    let out = run_child("an_empty_topology_variable_is_unset", "");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "child failed:\n{stderr}");
    assert!(!stderr.contains("clusapi-sim:"), "no complaint about the variable:\n{stderr}");
}
