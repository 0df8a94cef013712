//! A Rust ClusAPI client written against `windows-sys`, exactly as on Windows. On Linux its
//! `extern "system"` declarations resolve to the simulator's exports.
//!
//! Run it with `cargo run -p clusapi-sim-capi --example windows_sys_client`.
//!
//! What a user adds to their own crate to do the same: `clusapi-sim-capi` as a
//! dev-dependency, and the line below in the test or binary (it makes the linker keep the
//! simulator's exports). `main` builds a simulator of its own and binds it to the thread, as
//! a test does (see the README's "Parallel tests"); `client` is the production code.

extern crate clusapi;

use clusapi::clusapi_sim::Simulator;

use windows_sys::Win32::Foundation::{ERROR_MORE_DATA, ERROR_NO_MORE_ITEMS, ERROR_SUCCESS, GetLastError};
use windows_sys::Win32::Networking::Clustering::{
    CLUSTER_ENUM_NETWORK, CloseCluster, CloseClusterNetwork, ClusterCloseEnum, ClusterEnum, ClusterOpenEnum,
    GetClusterFromNetwork, GetClusterInformation, GetClusterNetworkId, OpenCluster, OpenClusterNetwork,
};

/// A NUL-terminated UTF-16 copy of `s`.
fn wide(s: &str) -> Vec<u16> {
    s.encode_utf16().chain(std::iter::once(0)).collect()
}

/// Calls a ClusAPI string getter with the two-call buffer protocol.
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

fn main() {
    let sim = Simulator::builder()
        .cluster("SIMCLUSTER")
        .node("NODE1")
        .node("NODE2")
        .network("Cluster Network 1")
        .network("Cluster Network 2")
        .build()
        .expect("a valid topology");
    let _bound = clusapi::bind(&sim);
    client();
    // The same world through the Rust API: what the client left behind.
    sim.assert_no_open_handles();
    println!("no handle leaked");
}

/// The production code: nothing in it knows about the simulator.
fn client() {
    // SAFETY: every call passes NUL-terminated strings, valid out-pointers and buffers of
    // the length it states, as the ClusAPI documentation requires.
    unsafe {
        let cluster = OpenCluster(std::ptr::null());
        assert!(cluster != 0, "OpenCluster failed: {}", GetLastError());
        let name = read_string(|buf, len| GetClusterInformation(cluster, buf, len, std::ptr::null_mut()));
        println!("OpenCluster(NULL) -> cluster {name:?}");

        let networks = ClusterOpenEnum(cluster, CLUSTER_ENUM_NETWORK as u32);
        assert!(networks != 0, "ClusterOpenEnum failed: {}", GetLastError());
        for index in 0.. {
            let mut object_type = 0;
            let item = read_string(|buf, len| ClusterEnum(networks, index, &mut object_type, buf, len));
            match item {
                Ok(network) => println!("  network {index}: {network}"),
                Err(ERROR_NO_MORE_ITEMS) => break,
                Err(err) => panic!("ClusterEnum failed: {err}"),
            }
        }
        ClusterCloseEnum(networks);

        let network = OpenClusterNetwork(cluster, wide("Cluster Network 1").as_ptr());
        assert!(network != 0, "OpenClusterNetwork failed: {}", GetLastError());
        let from_network = GetClusterFromNetwork(network);
        assert!(from_network != 0);
        assert!(CloseCluster(cluster) != 0);
        // Closing the first cluster handle invalidated nothing else.
        let id = read_string(|buf, len| GetClusterNetworkId(network, buf, len));
        println!("after CloseCluster: network id {id:?}");
        assert!(id.is_ok());
        assert!(CloseClusterNetwork(network) != 0);
        assert!(CloseCluster(from_network) != 0);
        println!("all handles closed");
    }
}
