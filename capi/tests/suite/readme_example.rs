//! The README's front example, run: a test of production code written against
//! `windows-sys`, on a simulator of its own. The README shows the lines between the
//! `readme:start` and `readme:end` markers; `the_readme_shows_this_test` fails when the two
//! differ, so the front door cannot rot.

// What the user's crate has as `src/my_agent.rs`: production code, unchanged for the test.
mod my_agent {
    use windows_sys::Win32::Foundation::GetLastError;
    use windows_sys::Win32::Networking::Clustering::{
        CloseCluster, CloseClusterGroup, MoveClusterGroup, OpenCluster, OpenClusterGroup,
    };

    /// Moves `group` to the best other node.
    pub fn move_away(group: &str) -> Result<(), u32> {
        let name: Vec<u16> = group.encode_utf16().chain([0]).collect();
        // SAFETY: NULL is the local cluster; a NUL-terminated name; each handle is closed.
        unsafe {
            let cluster = OpenCluster(std::ptr::null());
            if cluster == 0 {
                return Err(GetLastError());
            }
            let g = OpenClusterGroup(cluster, name.as_ptr());
            let result = if g == 0 { Err(GetLastError()) } else { Ok(()) };
            let moved = if g == 0 { 0 } else { MoveClusterGroup(g, 0) };
            if g != 0 {
                CloseClusterGroup(g);
            }
            CloseCluster(cluster);
            result.and(if moved == 0 { Ok(()) } else { Err(moved) })
        }
    }
}

// readme:start
extern crate clusapi; // the simulator's exports stand in for clusapi.dll
use clusapi::clusapi_sim::Simulator;

#[test]
fn move_away_moves_the_group_to_the_other_node() {
    let sim = Simulator::builder()
        .cluster("SQLCLUSTER")
        .node("SQL1")
        .node("SQL2")
        .group("SQL Group", "SQL1")
        .resource("SQL Group", "SQL Server", "Generic Service")
        .build()
        .unwrap();
    let _bound = clusapi::bind(&sim); // this thread's OpenCluster(NULL) reaches `sim`

    my_agent::move_away("SQL Group").unwrap(); // production code: raw windows-sys calls

    let c = sim.open_cluster(None).unwrap(); // the same world, through the Rust API
    let g = sim.open_cluster_group(c, "SQL Group").unwrap();
    assert_eq!(sim.get_cluster_group_state(g).unwrap().owner_node, "SQL2");
    sim.close_cluster_group(g).unwrap();
    sim.close_cluster(c).unwrap();
    sim.assert_no_open_handles(); // this test's handles only, whatever runs in parallel
}
// readme:end

#[test]
fn the_readme_shows_this_test() {
    let this = include_str!("readme_example.rs");
    let (start, end) = ("// readme:start\n", "// readme:end");
    let a = this.find(start).map(|i| i + start.len()).expect("start marker");
    let b = this.find(end).expect("end marker");
    let example = &this[a..b];
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md")).expect("README");
    let block = format!("```rust,ignore\n{example}```\n");
    assert!(
        readme.contains(&block),
        "the README's front example differs from capi/tests/suite/readme_example.rs; it should read:\n{block}"
    );
}
