//! One simulator per test through the C ABI: production code written against `windows-sys`
//! runs unchanged in parallel tests, each test on a cluster of its own.
//!
//! The `agent` module is the code under test, as a user writes it for Windows: raw
//! `windows-sys` calls, no knowledge of the simulator. Twenty tests, run in parallel by the
//! default test harness, each build their own topology fifty times, bind it to their thread
//! with `clusapi::bind`, drive the agent, and check the result through the Rust API and
//! through the `ClusSim*` reports, which must see that test's handles only. The other tests
//! pin what happens at the edges: handles of a dropped or destroyed simulator, a handle used
//! on a thread that is bound to nothing, nested bindings, worker threads, and the process's
//! simulator, which no bound test may touch.

extern crate clusapi;

use std::sync::atomic::{AtomicUsize, Ordering};

use clusapi_sim::{ClusterGroupState, ClusterNodeState, Simulator, codes};

/// What a user's production code looks like: a drain-for-maintenance routine and an
/// inventory, against `windows-sys` as on Windows.
mod agent {
    use windows_sys::Win32::Foundation::{ERROR_MORE_DATA, ERROR_NO_MORE_ITEMS, ERROR_SUCCESS, GetLastError};
    use windows_sys::Win32::Networking::Clustering::{
        CLUSTER_ENUM_GROUP, CLUSTER_NODE_ENUM_GROUPS, CloseCluster, CloseClusterGroup, CloseClusterNode,
        ClusterCloseEnum, ClusterEnum, ClusterNodeCloseEnum, ClusterNodeEnum, ClusterNodeOpenEnum,
        ClusterOpenEnum, GetClusterGroupState, HCLUSTER, MoveClusterGroup, OpenCluster, OpenClusterGroup,
        OpenClusterNode, PauseClusterNode,
    };

    pub fn wide(s: &str) -> Vec<u16> {
        s.encode_utf16().chain(std::iter::once(0)).collect()
    }

    /// The two-call buffer protocol.
    fn read_string(mut call: impl FnMut(*mut u16, *mut u32) -> u32) -> Result<String, u32> {
        let mut len = 0u32;
        match call(std::ptr::null_mut(), &mut len) {
            ERROR_MORE_DATA | ERROR_SUCCESS => {}
            err => return Err(err),
        }
        let mut buf = vec![0u16; len as usize + 1];
        let mut cap = len + 1;
        match call(buf.as_mut_ptr(), &mut cap) {
            ERROR_SUCCESS => Ok(String::from_utf16_lossy(&buf[..cap as usize])),
            err => Err(err),
        }
    }

    fn open_local() -> Result<HCLUSTER, u32> {
        // SAFETY: NULL is the local cluster.
        let c = unsafe { OpenCluster(std::ptr::null()) };
        // SAFETY: reads the thread's last error.
        if c == 0 { Err(unsafe { GetLastError() }) } else { Ok(c) }
    }

    /// Pauses `node` and moves every group it owns to the best other node; returns the
    /// groups moved.
    pub fn drain(node: &str) -> Result<Vec<String>, u32> {
        let cluster = open_local()?;
        // SAFETY: live cluster handle, NUL-terminated names, valid out-pointers; every
        // handle opened here is closed here.
        unsafe {
            let n = OpenClusterNode(cluster, wide(node).as_ptr());
            if n == 0 {
                let e = GetLastError();
                CloseCluster(cluster);
                return Err(e);
            }
            let paused = PauseClusterNode(n);
            let groups = ClusterNodeOpenEnum(n, CLUSTER_NODE_ENUM_GROUPS as u32);
            let mut names = Vec::new();
            for index in 0.. {
                let mut kind = 0;
                match read_string(|b, l| ClusterNodeEnum(groups, index, &mut kind, b, l)) {
                    Ok(name) => names.push(name),
                    Err(ERROR_NO_MORE_ITEMS) => break,
                    Err(e) => return Err(e),
                }
            }
            ClusterNodeCloseEnum(groups);
            let mut result = if paused == ERROR_SUCCESS { Ok(Vec::new()) } else { Err(paused) };
            for name in names {
                let g = OpenClusterGroup(cluster, wide(&name).as_ptr());
                let moved = MoveClusterGroup(g, 0);
                CloseClusterGroup(g);
                match (&mut result, moved) {
                    (Ok(list), ERROR_SUCCESS) => list.push(name),
                    (Ok(_), e) => result = Err(e),
                    (Err(_), _) => {}
                }
            }
            CloseClusterNode(n);
            CloseCluster(cluster);
            result
        }
    }

    /// Every group with its state and owner.
    pub fn inventory() -> Result<Vec<(String, i32, String)>, u32> {
        let cluster = open_local()?;
        let mut out = Vec::new();
        // SAFETY: as in `drain`.
        unsafe {
            let e = ClusterOpenEnum(cluster, CLUSTER_ENUM_GROUP as u32);
            for index in 0.. {
                let mut kind = 0;
                let name = match read_string(|b, l| ClusterEnum(e, index, &mut kind, b, l)) {
                    Ok(name) => name,
                    Err(ERROR_NO_MORE_ITEMS) => break,
                    Err(err) => return Err(err),
                };
                let g = OpenClusterGroup(cluster, wide(&name).as_ptr());
                let mut state = 0;
                let owner = read_string(|b, l| {
                    state = GetClusterGroupState(g, b, l);
                    if state == -1 { GetLastError() } else { ERROR_SUCCESS }
                })?;
                CloseClusterGroup(g);
                out.push((name, state, owner));
            }
            ClusterCloseEnum(e);
            CloseCluster(cluster);
        }
        Ok(out)
    }
}

/// How many rounds each parallel test runs.
const ROUNDS: usize = 50;
/// Counts the rounds that ran, so the process-simulator test knows the others were busy.
static ROUNDS_RUN: AtomicUsize = AtomicUsize::new(0);

/// Test `i`'s topology: its own names, `2 + i % 3` nodes, `1 + i % 4` groups on the first.
fn topology(i: usize) -> (Simulator, String, Vec<String>) {
    let nodes: Vec<String> = (1..=2 + i % 3).map(|n| format!("T{i}N{n}")).collect();
    let groups: Vec<String> = (1..=1 + i % 4).map(|g| format!("T{i} Group {g}")).collect();
    let mut b = Simulator::builder().cluster(format!("TEST{i}"));
    for n in &nodes {
        b = b.node(n);
    }
    b = b.network("Public");
    for g in &groups {
        b = b.group(g, &nodes[0]).resource(g, format!("{g} IP"), "IP Address");
    }
    (b.build().expect("a valid topology"), nodes[0].clone(), groups)
}

/// One test's work: its own simulator, bound; the agent drains the first node; the Rust
/// API and the reports see exactly that test's world.
fn drain_in_own_simulator(i: usize) {
    for round in 0..ROUNDS {
        let (sim, first, groups) = topology(i);
        let _bound = clusapi::bind(&sim);
        let before = agent::inventory().unwrap_or_else(|e| panic!("test {i} round {round}: inventory: {e}"));
        assert_eq!(before.iter().map(|g| g.0.clone()).collect::<Vec<_>>(), groups);
        assert!(before.iter().all(|g| g.2 == first), "{before:?}");

        let moved = agent::drain(&first).unwrap_or_else(|e| panic!("test {i} round {round}: drain: {e}"));
        assert_eq!(moved, groups, "test {i} round {round}");

        // The same world, through the Rust API.
        let c = sim.open_cluster(None).expect("cluster");
        let n = sim.open_cluster_node(c, &first).expect("node");
        assert_eq!(sim.get_cluster_node_state(n).expect("state"), ClusterNodeState::Paused);
        for g in &groups {
            let h = sim.open_cluster_group(c, g).expect("group");
            let info = sim.get_cluster_group_state(h).expect("group state");
            assert_ne!(info.owner_node, first, "{g} left the drained node");
            assert_eq!(info.state, ClusterGroupState::Offline);
            sim.close_cluster_group(h).expect("close");
        }
        // The reports count this test's handles only, whatever the other tests hold.
        assert_eq!(clusapi::ClusSimOpenHandleCount(), 2);
        sim.close_cluster_node(n).expect("close");
        sim.close_cluster(c).expect("close");
        assert_eq!(clusapi::ClusSimOpenHandleCount(), 0);
        sim.assert_no_open_handles();
        ROUNDS_RUN.fetch_add(1, Ordering::Relaxed);
    }
}

macro_rules! parallel_tests {
    ($($name:ident = $i:literal;)*) => {$(
        #[test]
        fn $name() {
            drain_in_own_simulator($i);
        }
    )*};
}

parallel_tests! {
    own_simulator_00 = 0; own_simulator_01 = 1; own_simulator_02 = 2; own_simulator_03 = 3;
    own_simulator_04 = 4; own_simulator_05 = 5; own_simulator_06 = 6; own_simulator_07 = 7;
    own_simulator_08 = 8; own_simulator_09 = 9; own_simulator_10 = 10; own_simulator_11 = 11;
    own_simulator_12 = 12; own_simulator_13 = 13; own_simulator_14 = 14; own_simulator_15 = 15;
    own_simulator_16 = 16; own_simulator_17 = 17; own_simulator_18 = 18; own_simulator_19 = 19;
}

/// The process's simulator (the default topology: nothing in this binary sets
/// `CLUSAPI_SIM_TOPOLOGY` or loads one) while the bound tests run: none of their handles
/// and none of their changes reach it.
#[test]
fn the_process_simulator_is_untouched_by_bound_tests() {
    let process = clusapi::process_simulator().expect("the default topology");
    let c = process.open_cluster(None).expect("cluster");
    let core = process.open_cluster_group(c, "Cluster Group").expect("core group");
    // Watch until the other tests have run a good share of their rounds (or ran already).
    let total = 20 * ROUNDS;
    for _ in 0..10_000 {
        assert_eq!(process.open_handle_count(), 2, "only this test's two handles");
        let info = process.get_cluster_group_state(core).expect("state");
        assert_eq!((info.state, info.owner_node.as_str()), (ClusterGroupState::Online, "NODE1"));
        if ROUNDS_RUN.load(Ordering::Relaxed) >= total / 2 {
            break;
        }
        std::thread::yield_now();
    }
    // An unbound thread's handle-less calls reach the process's simulator.
    // SAFETY: NULL is the local cluster.
    let from_c = unsafe { clusapi::OpenCluster(std::ptr::null()) };
    assert!(!from_c.is_null());
    assert_eq!(process.open_handle_count(), 3);
    assert_eq!(clusapi::CloseCluster(from_c), clusapi::TRUE);
    process.close_cluster_group(core).expect("close");
    process.close_cluster(c).expect("close");
}

/// A handle works on any thread, bound or not: calls go to the simulator that minted it.
#[test]
fn a_handle_works_on_an_unbound_thread() {
    let (sim, first, groups) = topology(3);
    let cluster = {
        let _bound = clusapi::bind(&sim);
        // SAFETY: NULL is the local cluster.
        unsafe { clusapi::OpenCluster(std::ptr::null()) as usize }
    };
    let from_thread = std::thread::spawn(move || {
        let g = agent::wide(&groups[0]);
        // SAFETY: a live cluster handle and a NUL-terminated name.
        unsafe {
            let group = clusapi::OpenClusterGroup(cluster as clusapi::HCLUSTER, g.as_ptr());
            assert!(!group.is_null(), "opened on a thread bound to nothing: {}", clusapi::GetLastError());
            let state = clusapi::GetClusterGroupState(group, std::ptr::null_mut(), std::ptr::null_mut());
            assert_eq!(clusapi::CloseClusterGroup(group), clusapi::TRUE);
            // This thread's own handle-less calls go to the process's simulator.
            assert!(!runs_cluster_service("T3N1"), "the process's simulator has no node T3N1");
            state
        }
    })
    .join()
    .expect("the thread");
    assert_eq!(from_thread, ClusterGroupState::Offline as i32);
    assert_eq!(sim.open_handle_count(), 1, "the group handle was opened and closed in `sim`");
    assert_eq!(clusapi::CloseCluster(cluster as clusapi::HCLUSTER), clusapi::TRUE);
    sim.assert_no_open_handles();
    drop(first);
}

/// Whether `GetNodeClusterState` says `node` runs the cluster service: which simulator a
/// thread's handle-less calls reach, without opening a handle there (the process's
/// simulator is watched by another test).
fn runs_cluster_service(node: &str) -> bool {
    let mut state = 0;
    // SAFETY: a NUL-terminated name and a valid out-pointer.
    assert_eq!(unsafe { clusapi::GetNodeClusterState(agent::wide(node).as_ptr(), &mut state) }, 0);
    state == 0x13
}

/// Guards nest: each restores the binding it replaced.
#[test]
fn bindings_nest() {
    let (outer, _, _) = topology(5);
    let (inner, _, _) = topology(6);
    let reaches = |node| runs_cluster_service(node);
    assert!(reaches("NODE1") && !reaches("T5N1"), "unbound: the process's simulator");
    {
        let _a = clusapi::bind(&outer);
        assert!(reaches("T5N1") && !reaches("NODE1"));
        {
            let _b = clusapi::bind(&inner);
            assert!(reaches("T6N1") && !reaches("T5N1"));
        }
        assert!(reaches("T5N1") && !reaches("T6N1"), "back to the outer binding");
    }
    assert!(reaches("NODE1") && !reaches("T5N1"), "back to the process's simulator");
}

/// A handle of a simulator that has been dropped leads nowhere: `ERROR_INVALID_HANDLE`,
/// not a crash and not another simulator's object (a simulator built after it gets
/// another identity).
#[test]
fn handles_of_a_dropped_simulator_are_invalid() {
    let (sim, _, groups) = topology(7);
    let (cluster, group) = {
        let c = sim.open_cluster(None).expect("cluster");
        (c.as_raw(), sim.open_cluster_group(c, &groups[0]).expect("group").as_raw())
    };
    drop(sim);
    let (later, _, _) = topology(7);
    let _bound = clusapi::bind(&later);
    clusapi::SetLastError(0);
    // SAFETY: handles are numbers to the library; NULL out-pointers are allowed.
    unsafe {
        let state = clusapi::GetClusterGroupState(
            group as clusapi::HGROUP,
            std::ptr::null_mut(),
            std::ptr::null_mut(),
        );
        assert_eq!(state, -1);
    }
    assert_eq!(clusapi::GetLastError(), codes::ERROR_INVALID_HANDLE);
    assert_eq!(clusapi::CloseCluster(cluster as clusapi::HCLUSTER), clusapi::FALSE);
    assert_eq!(clusapi::GetLastError(), codes::ERROR_INVALID_HANDLE);
    later.assert_no_open_handles();
}

/// The C side of a test's own simulator: create, bind, destroy.
#[test]
fn create_bind_and_destroy_from_c() {
    let topology = c"[[cluster]]\nname = \"OWNC\"\nnodes = [\"A1\", \"A2\"]\n";
    // SAFETY: a NUL-terminated topology.
    let own = unsafe { clusapi::ClusSimCreate(topology.as_ptr()) };
    assert!(!own.is_null());
    assert_eq!(clusapi::ClusSimBindThread(own), 0);
    // SAFETY: a NUL-terminated name.
    let c = unsafe { clusapi::OpenCluster(agent::wide("a2").as_ptr()) };
    assert!(!c.is_null(), "a node of the bound simulator: {}", clusapi::GetLastError());
    assert!(runs_cluster_service("A1") && !runs_cluster_service("NODE1"));
    assert_eq!(clusapi::ClusSimOpenHandleCount(), 1);

    // Destroying it: its handles are invalid, and the thread is back on the process's.
    assert_eq!(clusapi::ClusSimDestroy(own), 0);
    assert_eq!(clusapi::CloseCluster(c), clusapi::FALSE);
    assert_eq!(clusapi::GetLastError(), codes::ERROR_INVALID_HANDLE);
    assert_eq!(clusapi::ClusSimDestroy(own), codes::ERROR_INVALID_HANDLE, "a second destroy");
    assert_eq!(clusapi::ClusSimBindThread(own), codes::ERROR_INVALID_HANDLE, "binding a destroyed one");
    assert!(runs_cluster_service("NODE1") && !runs_cluster_service("A1"), "the process's simulator");

    // Values that are no simulator of ClusSimCreate.
    for forged in [0x10usize, 0x5c15_a000_0000_0010, usize::MAX] {
        assert_eq!(clusapi::ClusSimBindThread(std::ptr::without_provenance_mut(forged)), 6);
        assert_eq!(clusapi::ClusSimDestroy(std::ptr::without_provenance_mut(forged)), 6);
    }
    assert_eq!(clusapi::ClusSimBindThread(std::ptr::null_mut()), 0, "NULL: the process's again");
    assert_eq!(clusapi::ClusSimDestroy(std::ptr::null_mut()), 6);
}

/// A bad topology: NULL with the builder's code, and the message says why.
#[test]
fn a_bad_topology_says_why() {
    let bad = c"[[cluster]]\nname = \"C\"\nnodes = [\"A\"]\n[[cluster.group]]\nname = \"G\"\nowner = \"Z\"\n";
    // SAFETY: a NUL-terminated topology.
    let own = unsafe { clusapi::ClusSimCreate(bad.as_ptr()) };
    assert!(own.is_null());
    let code = clusapi::GetLastError();
    assert_eq!(code, codes::ERROR_CLUSTER_NODE_NOT_FOUND);
    let mut len = 0;
    // SAFETY: NULL buffer with a valid length: asks for the length.
    assert_eq!(unsafe { clusapi::ClusSimLastErrorMessage(std::ptr::null_mut(), &mut len) }, 234);
    let mut buf = vec![0u8; len as usize + 1];
    let mut cap = len + 1;
    // SAFETY: a buffer of `cap` bytes.
    assert_eq!(unsafe { clusapi::ClusSimLastErrorMessage(buf.as_mut_ptr().cast(), &mut cap) }, 0);
    let message = String::from_utf8_lossy(&buf[..cap as usize]).into_owned();
    assert!(message.contains("line 5") && message.contains("\"Z\""), "{message}");
}

/// Code under test that starts workers of its own: `run_bound` runs one bound to the
/// test's simulator; a worker the code spawns itself is bound to nothing and reaches the
/// process's simulator, unless it binds.
#[test]
fn workers_bound_with_run_bound() {
    let (sim, _, groups) = topology(9);
    let inventory = clusapi::run_bound(&sim, || agent::inventory().expect("inventory"));
    assert_eq!(inventory.len(), groups.len());
    let (bound_sees, worker_sees) = clusapi::run_bound(&sim, || {
        let unbound = std::thread::scope(|s| s.spawn(|| runs_cluster_service("T9N1")).join().expect("join"));
        (runs_cluster_service("T9N1"), unbound)
    });
    assert!(bound_sees, "run_bound's thread reaches `sim`");
    assert!(!worker_sees, "a worker it spawns is bound to nothing: the process's simulator");
    sim.assert_no_open_handles();
}

/// Handles passed between simulators: a second handle must be of the first one's
/// simulator.
#[test]
fn a_handle_of_another_simulator_as_a_second_argument_is_refused() {
    let (one, _, g1) = topology(10);
    let (two, n2, _) = topology(11);
    let c1 = one.open_cluster(None).expect("cluster");
    let g = one.open_cluster_group(c1, &g1[0]).expect("group");
    let c2 = two.open_cluster(None).expect("cluster");
    let node = two.open_cluster_node(c2, &n2).expect("node");
    let code = clusapi::MoveClusterGroup(
        std::ptr::without_provenance_mut(g.as_raw()),
        std::ptr::without_provenance_mut(node.as_raw()),
    );
    assert_eq!(code, codes::ERROR_INVALID_HANDLE);
    one.close_cluster_group(g).expect("close");
    one.close_cluster(c1).expect("close");
    two.close_cluster_node(node).expect("close");
    two.close_cluster(c2).expect("close");
}
