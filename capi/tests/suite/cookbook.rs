//! `docs/cookbook.md`'s recipes that cannot be doctests of the root crate: parallel tests
//! through `windows-sys` (the lines between the `cookbook:start` and `cookbook:end`
//! markers, run here) and the C test with a simulator of its own
//! (`capi/tests/c/cookbook_own_simulator.c`, run by `c_clients` in both C builds). The two
//! `the_cookbook_shows_*` tests fail when the copy in the cookbook differs from the code
//! that runs.

// cookbook:start
extern crate clusapi; // the simulator's exports stand in for clusapi.dll
use clusapi::clusapi_sim::{ClusterGroupState, Simulator};

/// The user crate's own module (its production code on `windows-sys`),
/// unchanged for the tests.
mod agent {
    use windows_sys::Win32::Foundation::{ERROR_MORE_DATA, GetLastError};
    use windows_sys::Win32::Networking::Clustering::{
        CloseCluster, CloseClusterGroup, GetClusterGroupState, OpenCluster, OpenClusterGroup,
    };

    /// `group`'s state and owner. The owner's name through the size probe: a first call
    /// with no buffer answers its length.
    pub fn group_owner(group: &str) -> Result<(i32, String), u32> {
        let name: Vec<u16> = group.encode_utf16().chain([0]).collect();
        // SAFETY: NULL is the local cluster; a NUL-terminated name; buffers of the length
        // passed; each handle opened is closed.
        unsafe {
            let cluster = OpenCluster(std::ptr::null());
            if cluster == 0 {
                return Err(GetLastError());
            }
            let g = OpenClusterGroup(cluster, name.as_ptr());
            let result = if g == 0 {
                Err(GetLastError())
            } else {
                let mut len = 0;
                let probe = GetClusterGroupState(g, std::ptr::null_mut(), &mut len);
                if probe == -1 && GetLastError() != ERROR_MORE_DATA {
                    Err(GetLastError())
                } else {
                    let mut owner = vec![0u16; len as usize + 1];
                    let mut cap = len + 1;
                    match GetClusterGroupState(g, owner.as_mut_ptr(), &mut cap) {
                        -1 => Err(GetLastError()),
                        state => Ok((state, String::from_utf16_lossy(&owner[..cap as usize]))),
                    }
                }
            };
            if g != 0 {
                CloseClusterGroup(g);
            }
            CloseCluster(cluster);
            result
        }
    }
}

/// Each test's own cluster: tests run in parallel, and none sees another's.
fn sql_cluster() -> Simulator {
    Simulator::builder()
        .cluster("SQLCLUSTER")
        .node("SQL1")
        .node("SQL2")
        .online_group("SQL Group", "SQL1")
        .resource("SQL Group", "SQL Server", "Generic Service")
        .build()
        .expect("a valid topology")
}

#[test]
fn reports_the_owner() {
    let sim = sql_cluster();
    let _bound = clusapi::bind(&sim); // this thread's OpenCluster(NULL) reaches `sim`
    let (state, owner) = agent::group_owner("SQL Group").unwrap();
    assert_eq!((state, owner.as_str()), (ClusterGroupState::Online as i32, "SQL1"));
    sim.assert_no_open_handles(); // this test's handles only
}

#[test]
fn reports_the_new_owner_after_a_crash() {
    let sim = sql_cluster();
    let _bound = clusapi::bind(&sim);
    sim.crash_node("SQL1").unwrap(); // the lever, through the Rust API: the group fails over
    let (_, owner) = agent::group_owner("SQL Group").unwrap();
    assert_eq!(owner, "SQL2", "{}", sim.world_summary());
    sim.assert_no_open_handles();
}

#[test]
fn reports_a_missing_group() {
    let sim = sql_cluster();
    let _bound = clusapi::bind(&sim);
    assert_eq!(agent::group_owner("Web Group"), Err(5013)); // ERROR_GROUP_NOT_FOUND
    sim.assert_no_open_handles();
}

#[test]
fn code_that_starts_its_own_threads() {
    let sim = sql_cluster();
    // A new thread bound to `sim` (or bind inside the worker): a binding is per thread.
    let owner = clusapi::run_bound(&sim, || agent::group_owner("SQL Group"));
    assert_eq!(owner.map(|o| o.1), Ok("SQL1".to_owned()));
    sim.assert_no_open_handles();
}
// cookbook:end

/// `docs/cookbook.md`, read at test time.
fn cookbook() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/cookbook.md"))
        .expect("docs/cookbook.md")
}

#[test]
fn the_cookbook_shows_the_windows_sys_recipe() {
    let this = include_str!("cookbook.rs");
    let (start, end) = ("// cookbook:start\n", "// cookbook:end");
    let a = this.find(start).map(|i| i + start.len()).expect("start marker");
    let b = this.find(end).expect("end marker");
    let block = format!("```rust,ignore\n{}```\n", &this[a..b]);
    assert!(
        cookbook().contains(&block),
        "docs/cookbook.md's windows-sys recipe differs from capi/tests/suite/cookbook.rs; it should read:\n{block}"
    );
}

#[test]
fn the_cookbook_shows_the_c_recipe() {
    let c = include_str!("../c/cookbook_own_simulator.c");
    let block = format!("```c\n{c}```\n");
    assert!(
        cookbook().contains(&block),
        "docs/cookbook.md's C recipe differs from capi/tests/c/cookbook_own_simulator.c; it should read:\n{block}"
    );
}
