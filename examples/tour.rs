//! A tour of the simulator: the default cluster and the handle lifecycle, step by step.
//!
//! Run it with `cargo run --example tour`.

use clusapi_sim::{CLUSTER_ENUM_ALL, Error, Simulator, codes};

fn main() -> Result<(), Error> {
    let sim = Simulator::default();
    println!("1. {sim}");

    let cluster = sim.open_cluster(None)?;
    let info = sim.get_cluster_information(cluster)?;
    println!("2. open_cluster(None) -> {cluster:?}, the cluster \"{}\"", info.name);

    let all = sim.cluster_open_enum(cluster, CLUSTER_ENUM_ALL)?;
    let count = sim.cluster_get_enum_count(all)?;
    println!("3. cluster_open_enum(CLUSTER_ENUM_ALL) -> {count} objects:");
    for i in 0..count {
        let (object_type, name) = sim.cluster_enum(all, i)?;
        println!("     type {object_type:#04x}  {name}");
    }
    sim.cluster_close_enum(all)?;

    let network = sim.open_cluster_network(cluster, "Cluster Network 1")?;
    println!(
        "4. open_cluster_network(\"Cluster Network 1\") -> {network:?}, id {}",
        sim.get_cluster_network_id(network)?
    );

    let from_network = sim.get_cluster_from_network(network)?;
    println!("5. get_cluster_from_network -> {from_network:?}, a new cluster handle");

    sim.close_cluster(cluster)?;
    println!("6. close_cluster({cluster:?}): the original cluster handle is closed");

    println!(
        "7. the network handle still works: id {}; the handle from step 5 too: \"{}\"",
        sim.get_cluster_network_id(network)?,
        sim.get_cluster_information(from_network)?.name
    );
    let again = sim.get_cluster_from_network(network)?;
    println!("   and get_cluster_from_network still succeeds -> {again:?}");

    let err = sim.close_cluster(cluster).unwrap_err();
    assert_eq!(err.code(), codes::ERROR_INVALID_HANDLE);
    println!("8. closing {cluster:?} a second time: {err}");

    println!("9. still open, as the leak report lists them:");
    for h in sim.open_handles() {
        println!("     {h}");
    }

    sim.close_cluster(again)?;
    sim.close_cluster_network(network)?;
    sim.close_cluster(from_network)?;
    println!(
        "10. closed the rest: {} open handles, {} connections",
        sim.open_handle_count(),
        sim.open_connection_count()
    );
    println!("11. what the simulator noticed (uses the documented contract leaves undefined):");
    for d in sim.diagnostics() {
        println!("     {d}");
    }
    sim.assert_no_open_handles();
    println!("12. assert_no_open_handles(): nothing leaked");
    Ok(())
}
