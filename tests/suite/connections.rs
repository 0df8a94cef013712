//! The handle lifecycle: fresh handles, counted connections, closing one handle never
//! invalidating another, access rights, and the diagnostics of both modes.

use clusapi_sim::{
    DiagnosticKind, GENERIC_ALL, GENERIC_READ, HandleKind, MAXIMUM_ALLOWED, Simulator, SimulatorBuilder,
    codes::*,
};

#[test]
fn the_seed_scenario() {
    let sim = Simulator::default();
    let cluster = sim.open_cluster(None).expect("open_cluster");
    let network = sim.open_cluster_network(cluster, "Cluster Network 1").expect("open network");
    let from_network = sim.get_cluster_from_network(network).expect("get_cluster_from_network");
    assert_ne!(from_network, cluster, "a fresh handle");
    assert_eq!(sim.open_connection_count(), 1, "one connection, shared");

    sim.close_cluster(cluster).expect("close the original");
    // Nothing else was invalidated.
    let id = sim.get_cluster_network_id(network).expect("network handle works");
    assert_eq!(id.len(), 36);
    assert_eq!(sim.get_cluster_information(from_network).expect("cluster handle works").name, "SIMCLUSTER");
    let again = sim.get_cluster_from_network(network).expect("get_cluster_from_network still succeeds");
    assert_eq!(sim.open_connection_count(), 1, "the connection lives while it has handles");

    for c in [again, from_network] {
        sim.close_cluster(c).expect("close");
    }
    sim.close_cluster_network(network).expect("close network");
    assert_eq!(sim.open_handle_count(), 0);
    assert_eq!(sim.open_connection_count(), 0, "the connection ended with its last handle");
    sim.assert_no_open_handles();
}

#[test]
fn every_open_mints_a_fresh_handle_closed_once() {
    let sim = Simulator::default();
    let c = sim.open_cluster(None).expect("cluster");
    let a = sim.open_cluster_group(c, "Cluster Group").expect("open");
    let b = sim.open_cluster_group(c, "cluster group").expect("open again");
    assert_ne!(a, b);
    let ca = sim.get_cluster_from_group(a).expect("from a");
    let cb = sim.get_cluster_from_group(a).expect("from a again");
    assert_ne!(ca, cb);
    assert_eq!(sim.open_handle_count(), 5);
    sim.close_cluster_group(a).expect("close a");
    assert_eq!(sim.close_cluster_group(a).unwrap_err().code(), ERROR_INVALID_HANDLE, "second close");
    sim.close_cluster_group(b).expect("b is independent of a");
    sim.close_cluster(ca).expect("close");
    assert_eq!(sim.close_cluster(ca).unwrap_err().code(), ERROR_INVALID_HANDLE);
    sim.close_cluster(cb).expect("close");
    sim.close_cluster(c).expect("close");
    assert_eq!((sim.open_handle_count(), sim.open_connection_count()), (0, 0));
}

#[test]
fn each_open_cluster_starts_its_own_connection() {
    let sim = Simulator::default();
    let a = sim.open_cluster(None).expect("a");
    let b = sim.open_cluster(Some("SIMCLUSTER")).expect("b");
    assert_eq!(sim.open_connection_count(), 2);
    sim.close_cluster(a).expect("close");
    assert_eq!(sim.open_connection_count(), 1);
    sim.close_cluster(b).expect("close");
    assert_eq!(sim.open_connection_count(), 0);
}

#[test]
fn get_cluster_from_every_kind_shares_the_connection() {
    let sim = Simulator::default();
    let c = sim.open_cluster(None).expect("cluster");
    let froms = [
        sim.get_cluster_from_node(sim.open_cluster_node(c, "NODE2").unwrap()).unwrap(),
        sim.get_cluster_from_group(sim.open_cluster_group(c, "Available Storage").unwrap()).unwrap(),
        sim.get_cluster_from_resource(sim.open_cluster_resource(c, "Cluster IP Address").unwrap()).unwrap(),
        sim.get_cluster_from_network(sim.open_cluster_network(c, "Cluster Network 2").unwrap()).unwrap(),
        sim.get_cluster_from_net_interface(
            sim.open_cluster_net_interface(c, "NODE2 - Cluster Network 2").unwrap(),
        )
        .unwrap(),
    ];
    assert_eq!(sim.open_connection_count(), 1);
    sim.close_cluster(c).expect("close the original");
    for f in froms {
        assert_eq!(sim.get_cluster_information(f).expect("works").name, "SIMCLUSTER");
    }
    assert_eq!(sim.open_handle_count(), 10);
}

#[test]
fn unknown_names_give_each_kinds_code() {
    let sim = Simulator::default();
    let c = sim.open_cluster(None).expect("cluster");
    assert_eq!(sim.open_cluster_node(c, "NODE9").unwrap_err().code(), ERROR_CLUSTER_NODE_NOT_FOUND);
    assert_eq!(sim.open_cluster_group(c, "SQL Group").unwrap_err().code(), ERROR_GROUP_NOT_FOUND);
    assert_eq!(sim.open_cluster_resource(c, "Disk Q:").unwrap_err().code(), ERROR_RESOURCE_NOT_FOUND);
    assert_eq!(sim.open_cluster_network(c, "Backup").unwrap_err().code(), ERROR_CLUSTER_NETWORK_NOT_FOUND);
    assert_eq!(
        sim.open_cluster_net_interface(c, "NODE1 - Backup").unwrap_err().code(),
        ERROR_CLUSTER_NETINTERFACE_NOT_FOUND
    );
    assert_eq!(sim.open_cluster_node(c, "").unwrap_err().code(), ERROR_CLUSTER_NODE_NOT_FOUND, "empty name");
    assert_eq!(sim.open_cluster(Some("ELSEWHERE")).unwrap_err().code(), RPC_S_SERVER_UNAVAILABLE);
    let err = sim.open_cluster_group(c, "SQL Group").unwrap_err();
    assert!(err.to_string().contains("\"SQL Group\""), "the message names what was asked: {err}");
    assert_eq!(sim.open_handle_count(), 1, "failures open nothing");
}

#[test]
fn names_match_without_regard_to_case() {
    let sim = Simulator::default();
    let c = sim.open_cluster(Some("simcluster")).expect("cluster by name");
    let n = sim.open_cluster(Some("Node2")).expect("cluster by a node's name");
    for h in [
        sim.open_cluster_network(c, "CLUSTER NETWORK 1").map(|_| ()),
        sim.open_cluster_node(c, "node1").map(|_| ()),
        sim.open_cluster_resource(c, "cluster ip address").map(|_| ()),
        sim.open_cluster_net_interface(c, "node2 - cluster network 2").map(|_| ()),
    ] {
        h.expect("case-insensitive");
    }
    assert_eq!(sim.get_cluster_information(n).unwrap().name, "SIMCLUSTER", "kept as created");
}

/// The names `OpenCluster` takes for the local or a named cluster (Microsoft's OpenCluster
/// page: the cluster's or a node's name, NetBIOS or fully qualified; NULL the local one).
#[test]
fn open_cluster_takes_the_names_real_code_passes() {
    let sim = Simulator::default();
    let reached = |name: Option<&str>| -> Result<String, u32> {
        let c = sim.open_cluster(name).map_err(|e| e.code())?;
        let (r, _) = sim.open_cluster_ex(name, GENERIC_READ).map_err(|e| e.code())?;
        let info = sim.get_cluster_information(c).map(|i| i.name).map_err(|e| e.code());
        assert_eq!(sim.get_cluster_information(r).map(|i| i.name).map_err(|e| e.code()), info, "{name:?}");
        sim.close_cluster(c).unwrap();
        sim.close_cluster(r).unwrap();
        info
    };
    for name in [
        None,
        Some(""),
        Some("localhost"),
        Some("LocalHost"),
        Some("."),
        Some("SIMCLUSTER"),
        Some("simcluster"),
        Some("NODE2"),
        Some("node1.sim.test"),
        Some("SIMCLUSTER.SIM.TEST"),
        Some("Node2.Sim.Test"),
    ] {
        assert_eq!(reached(name), Ok("SIMCLUSTER".to_owned()), "{name:?}");
    }
    for name in [
        "node1.other.test",
        "node1.",
        ".sim.test",
        "sim.test",
        "..",
        "localhost.sim.test",
        "NODE3.sim.test",
        "NODE1.sim.test.",
    ] {
        assert_eq!(reached(Some(name)), Err(RPC_S_SERVER_UNAVAILABLE), "{name}");
    }
    assert_eq!(sim.open_handle_count(), 0);

    // Each cluster has its domain; "localhost" is the local (first) cluster.
    let sim = Simulator::builder()
        .cluster("ONE")
        .domain("corp.example")
        .node("A1")
        .cluster("TWO")
        .domain("Contoso.com")
        .node("B1")
        .build()
        .unwrap();
    let name_of = |name: &str| -> Result<String, u32> {
        let c = sim.open_cluster(Some(name)).map_err(|e| e.code())?;
        let info = sim.get_cluster_information(c).map(|i| i.name).map_err(|e| e.code());
        sim.close_cluster(c).unwrap();
        info
    };
    assert_eq!(name_of("localhost"), Ok("ONE".to_owned()));
    assert_eq!(name_of("a1.CORP.example"), Ok("ONE".to_owned()));
    assert_eq!(name_of("b1.contoso.COM"), Ok("TWO".to_owned()));
    assert_eq!(name_of("two.contoso.com"), Ok("TWO".to_owned()));
    assert_eq!(name_of("b1.corp.example"), Err(RPC_S_SERVER_UNAVAILABLE), "another cluster's domain");
    assert_eq!(name_of("one.sim.test"), Err(RPC_S_SERVER_UNAVAILABLE), "not the default domain");

    // A renamed cluster answers to its new fully qualified name, not to the old one.
    let c = sim.open_cluster(Some("TWO")).unwrap();
    assert_eq!(code(sim.set_cluster_name(c, "RENAMED")), ERROR_RESOURCE_PROPERTIES_STORED);
    assert_eq!(name_of("renamed.contoso.com"), Ok("RENAMED".to_owned()));
    assert_eq!(name_of("two.contoso.com"), Err(RPC_S_SERVER_UNAVAILABLE));

    // The service levers take the same names.
    sim.stop_cluster_service(Some("Renamed.Contoso.Com")).unwrap();
    assert_eq!(name_of("b1"), Err(RPC_S_SERVER_UNAVAILABLE));
    sim.start_cluster_service(Some("b1.contoso.com")).unwrap();
    assert_eq!(name_of("b1"), Ok("RENAMED".to_owned()));
    sim.stop_cluster_service(Some(".")).unwrap();
    assert_eq!(name_of("localhost"), Err(RPC_S_SERVER_UNAVAILABLE));
    assert_eq!(code(sim.stop_cluster_service(Some("a1.contoso.com"))), RPC_S_SERVER_UNAVAILABLE);
    sim.close_cluster(c).unwrap();
}

fn code<T: std::fmt::Debug>(r: Result<T, clusapi_sim::Error>) -> u32 {
    r.expect_err("an error").code()
}

#[test]
fn access_rights() {
    let sim = Simulator::default();
    let (all, granted) = sim.open_cluster_ex(None, GENERIC_ALL).expect("all");
    assert_eq!(granted, GENERIC_ALL);
    let (_, granted) = sim.open_cluster_ex(None, MAXIMUM_ALLOWED).expect("max");
    assert_eq!(granted, GENERIC_ALL, "MAXIMUM_ALLOWED grants GENERIC_ALL");
    let (read, granted) = sim.open_cluster_ex(None, GENERIC_READ).expect("read");
    assert_eq!(granted, GENERIC_READ);
    for bad in [0, 1, 0x4000_0000, GENERIC_READ | 0x10] {
        assert_eq!(sim.open_cluster_ex(None, bad).unwrap_err().code(), ERROR_INVALID_PARAMETER, "{bad:#x}");
    }
    // Through a read-only cluster handle: no escalation.
    assert_eq!(sim.open_cluster_node_ex(read, "NODE1", GENERIC_ALL).unwrap_err().code(), ERROR_ACCESS_DENIED);
    let (_, g) = sim.open_cluster_node_ex(read, "NODE1", MAXIMUM_ALLOWED).expect("max through read");
    assert_eq!(g, GENERIC_READ);
    let (_, g) = sim.open_cluster_group_ex(all, "Cluster Group", MAXIMUM_ALLOWED).expect("max through all");
    assert_eq!(g, GENERIC_ALL);
    let (_, g) = sim.open_cluster_group_ex(all, "Cluster Group", GENERIC_READ).expect("read through all");
    assert_eq!(g, GENERIC_READ);
    assert_eq!(
        sim.open_cluster_network_ex(all, "Cluster Network 1", 0).unwrap_err().code(),
        ERROR_INVALID_PARAMETER
    );
}

fn strict() -> Simulator {
    Simulator::default_builder().strict().build().expect("strict simulator")
}

#[test]
fn strict_mode_refuses_handles_whose_cluster_handle_was_closed() {
    let sim = strict();
    assert!(sim.is_strict());
    let c = sim.open_cluster(None).expect("cluster");
    let network = sim.open_cluster_network(c, "Cluster Network 1").expect("network");
    let node = sim.open_cluster_node(c, "NODE1").expect("node");
    let from = sim.get_cluster_from_network(network).expect("independent cluster handle");
    let through_from = sim.open_cluster_group(from, "Cluster Group").expect("group through the copy");
    sim.close_cluster(c).expect("close the original");

    assert_eq!(sim.get_cluster_network_id(network).unwrap_err().code(), ERROR_INVALID_HANDLE);
    assert_eq!(sim.get_cluster_from_network(network).unwrap_err().code(), ERROR_INVALID_HANDLE);
    assert_eq!(sim.get_cluster_node_id(Some(node)).unwrap_err().code(), ERROR_INVALID_HANDLE);
    // The copy from get_cluster_from_network is a cluster handle of its own.
    assert_eq!(sim.get_cluster_information(from).expect("independent").name, "SIMCLUSTER");
    sim.get_cluster_from_group(through_from)
        .map(|h| sim.close_cluster(h))
        .expect("scope open")
        .expect("close");

    // Closing them always succeeds.
    sim.close_cluster_network(network).expect("close orphan");
    sim.close_cluster_node(node).expect("close orphan");
    sim.close_cluster(from).expect("close");
    sim.close_cluster_group(through_from).expect("close orphan of the copy");
    sim.assert_no_open_handles();
    assert_eq!(sim.open_connection_count(), 0);
}

#[test]
fn both_modes_record_uses_after_the_cluster_handle_closed() {
    for sim in [Simulator::default(), strict()] {
        let c = sim.open_cluster(None).expect("cluster");
        let network = sim.open_cluster_network(c, "Cluster Network 1").expect("network");
        sim.close_cluster(c).expect("close");
        assert!(sim.diagnostics().is_empty(), "closing the cluster handle itself is fine");

        let line = line!() + 1;
        let result = sim.get_cluster_network_id(network);
        assert_eq!(result.is_err(), sim.is_strict());
        sim.close_cluster_network(network).expect("close always succeeds");

        let d = sim.diagnostics();
        assert_eq!(d.len(), 2, "{d:#?}");
        let used = &d[0];
        assert_eq!(used.kind, DiagnosticKind::UsedAfterClusterClosed);
        assert_eq!(used.call, "get_cluster_network_id");
        assert_eq!(used.handle_kind, HandleKind::Network);
        assert_eq!(used.handle, network.as_raw());
        assert_eq!(used.object, "Cluster Network 1");
        assert_eq!(used.cluster_handle, c.as_raw());
        assert_eq!(used.refused, sim.is_strict());
        assert_eq!((used.location.file(), used.location.line()), (file!(), line));
        assert!(used.to_string().contains("get_cluster_network_id"), "{used}");
        assert_eq!(d[1].kind, DiagnosticKind::ClosedAfterClusterClosed);
        assert!(!d[1].refused);
        sim.clear_diagnostics();
        assert!(sim.diagnostics().is_empty());
    }
}

#[test]
fn diagnostics_are_bounded() {
    let sim = Simulator::default_builder().max_diagnostics(3).build().expect("sim");
    let c = sim.open_cluster(None).expect("cluster");
    let n = sim.open_cluster_node(c, "NODE1").expect("node");
    sim.close_cluster(c).expect("close");
    for _ in 0..10 {
        sim.get_cluster_node_id(Some(n)).expect("default mode allows it");
    }
    assert_eq!(sim.diagnostics().len(), 3);
    assert_eq!(sim.dropped_diagnostics(), 7);
}

#[test]
fn handle_limit_refuses_and_changes_nothing() {
    let sim = Simulator::default_builder().handle_limit(3).build().expect("sim");
    let c = sim.open_cluster(None).expect("1");
    let a = sim.open_cluster_node(c, "NODE1").expect("2");
    let b = sim.get_cluster_from_node(a).expect("3");
    let before = sim.open_handles();
    assert_eq!(sim.open_cluster_node(c, "NODE2").unwrap_err().code(), ERROR_NOT_ENOUGH_MEMORY);
    assert_eq!(sim.get_cluster_from_node(a).unwrap_err().code(), ERROR_NOT_ENOUGH_MEMORY);
    assert_eq!(sim.open_cluster(None).unwrap_err().code(), ERROR_NOT_ENOUGH_MEMORY);
    assert_eq!(sim.cluster_open_enum(c, 1).unwrap_err().code(), ERROR_NOT_ENOUGH_MEMORY);
    assert_eq!(sim.open_handles(), before);
    assert_eq!(sim.open_connection_count(), 1);
    sim.close_cluster(b).expect("close");
    sim.open_cluster_node(c, "NODE2").expect("room again");
}

#[test]
fn handle_limit_out_of_range_is_a_builder_error() {
    for bad in [0, (1 << 24) + 1] {
        let err = SimulatorBuilder::default().cluster("C").node("N").handle_limit(bad).build().unwrap_err();
        assert_eq!(err.code(), ERROR_INVALID_PARAMETER, "{bad}");
        assert!(err.to_string().contains(&bad.to_string()));
    }
}
