//! The simulation's levers: node crashes with failover, restores, and a stopped cluster
//! service.

use clusapi_sim::{
    ClusterGroupState as G, ClusterNetInterfaceState, ClusterNodeState, ClusterResourceState as R,
    NodeClusterState, Simulator, codes::*,
};

fn three_nodes(pending: Option<u32>) -> Simulator {
    let mut b = Simulator::builder()
        .cluster("C")
        .node("N1")
        .node("N2")
        .node("N3")
        .network("LAN")
        .online_group("Web", "N1")
        .resource("Web", "Web IP", "IP Address")
        .online_group("Db", "N1")
        .resource("Db", "Db Service", "Generic Service")
        .group("Batch", "N1")
        .resource("Batch", "Batch Job", "Generic Application");
    if let Some(p) = pending {
        b = b.pending_transitions(p);
    }
    b.build().expect("valid")
}

#[test]
fn a_crash_fails_groups_over_to_their_preferred_owners() {
    let sim = three_nodes(None);
    let c = sim.open_cluster(None).unwrap();
    let (web, db, batch) = (
        sim.open_cluster_group(c, "Web").unwrap(),
        sim.open_cluster_group(c, "Db").unwrap(),
        sim.open_cluster_group(c, "Batch").unwrap(),
    );
    let (n2, n3) = (sim.open_cluster_node(c, "N2").unwrap(), sim.open_cluster_node(c, "N3").unwrap());
    sim.set_cluster_group_node_list(db, &[n3, n2]).unwrap();
    let nic = sim.open_cluster_net_interface(c, "N1 - LAN").unwrap();

    sim.crash_node("n1").expect("crash");
    let n1 = sim.open_cluster_node(c, "N1").unwrap();
    assert_eq!(sim.get_cluster_node_state(n1).unwrap(), ClusterNodeState::Down);
    assert_eq!(sim.get_cluster_net_interface_state(nic).unwrap(), ClusterNetInterfaceState::Unavailable);
    let s = |g| {
        let s = sim.get_cluster_group_state(g).unwrap();
        (s.state, s.owner_node)
    };
    assert_eq!(s(web), (G::Online, "N2".into()), "no preferred owners: node order");
    assert_eq!(s(db), (G::Online, "N3".into()), "the first preferred owner that is up");
    assert_eq!(s(batch), (G::Offline, "N2".into()), "offline groups move and stay offline");
    assert_eq!(sim.get_node_cluster_state(Some("N1")), NodeClusterState::NotRunning);
    // Handles stay valid; a down node takes no group.
    assert_eq!(sim.move_cluster_group(web, Some(n1)).unwrap_err().code(), ERROR_HOST_NODE_NOT_AVAILABLE);
    assert_eq!(sim.pause_cluster_node(n1).unwrap_err().code(), ERROR_CLUSTER_NODE_DOWN);

    sim.restore_node("N1").expect("restore");
    assert_eq!(sim.get_cluster_node_state(n1).unwrap(), ClusterNodeState::Up);
    assert_eq!(sim.get_cluster_net_interface_state(nic).unwrap(), ClusterNetInterfaceState::Up);
    assert_eq!(s(web).1, "N2", "no failback");
    sim.move_cluster_group(web, Some(n1)).expect("N1 takes groups again");
}

#[test]
fn with_no_node_left_online_resources_fail() {
    let sim = three_nodes(None);
    for n in ["N2", "N3", "N1"] {
        sim.crash_node(n).unwrap();
    }
    let c = sim.open_cluster(None).unwrap();
    let web = sim.open_cluster_group(c, "Web").unwrap();
    let ip = sim.open_cluster_resource(c, "Web IP").unwrap();
    assert_eq!(sim.get_cluster_group_state(web).unwrap().state, G::Failed);
    assert_eq!(sim.get_cluster_resource_state(ip).unwrap().state, R::Failed);
    assert_eq!(sim.crash_node("NOPE").unwrap_err().code(), ERROR_CLUSTER_NODE_NOT_FOUND);
}

#[test]
fn failover_goes_through_online_pending_in_pending_mode() {
    let sim = three_nodes(Some(2));
    let c = sim.open_cluster(None).unwrap();
    let web = sim.open_cluster_group(c, "Web").unwrap();
    sim.crash_node("N1").unwrap();
    assert_eq!(sim.get_cluster_group_state(web).unwrap().state, G::Pending);
    assert_eq!(sim.get_cluster_group_state(web).unwrap().state, G::Online);
}

#[test]
fn a_stopped_service_answers_rpc_server_unavailable_and_comes_back() {
    let sim = Simulator::default();
    let c = sim.open_cluster(None).unwrap();
    let g = sim.open_cluster_group(c, "Cluster Group").unwrap();
    sim.stop_cluster_service(None).unwrap();
    assert_eq!(sim.get_cluster_group_state(g).unwrap_err().code(), RPC_S_SERVER_UNAVAILABLE);
    assert_eq!(sim.get_cluster_information(c).unwrap_err().code(), RPC_S_SERVER_UNAVAILABLE);
    assert_eq!(sim.open_cluster(None).unwrap_err().code(), RPC_S_SERVER_UNAVAILABLE);
    assert_eq!(sim.get_node_cluster_state(None), NodeClusterState::NotRunning);
    // Closing works meanwhile.
    let extra = sim.open_cluster_node(c, "NODE1").unwrap_err();
    assert_eq!(extra.code(), RPC_S_SERVER_UNAVAILABLE);
    sim.start_cluster_service(Some("simcluster")).unwrap();
    assert_eq!(sim.get_cluster_group_state(g).unwrap().state, G::Online, "the same handles work again");
    sim.stop_cluster_service(None).unwrap();
    sim.close_cluster_group(g).expect("closing works while stopped");
    sim.close_cluster(c).expect("closing works while stopped");
    sim.start_cluster_service(None).unwrap();
    assert_eq!(sim.stop_cluster_service(Some("ELSEWHERE")).unwrap_err().code(), RPC_S_SERVER_UNAVAILABLE);
    sim.assert_no_open_handles();
}

#[test]
fn networks_go_down_partition_and_come_back() {
    use clusapi_sim::ClusterNetworkState as N;
    let sim = three_nodes(None);
    let c = sim.open_cluster(None).unwrap();
    let lan = sim.open_cluster_network(c, "LAN").unwrap();
    let (nic1, nic2) = (
        sim.open_cluster_net_interface(c, "N1 - LAN").unwrap(),
        sim.open_cluster_net_interface(c, "N2 - LAN").unwrap(),
    );
    sim.take_network_down("lan").unwrap();
    assert_eq!(sim.get_cluster_network_state(lan).unwrap(), N::Down);
    assert_eq!(sim.get_cluster_net_interface_state(nic1).unwrap(), ClusterNetInterfaceState::Failed);
    sim.partition_network("LAN").unwrap();
    assert_eq!(sim.get_cluster_network_state(lan).unwrap(), N::Partitioned);
    assert_eq!(sim.get_cluster_net_interface_state(nic2).unwrap(), ClusterNetInterfaceState::Unreachable);
    sim.crash_node("N1").unwrap();
    sim.restore_network("LAN").unwrap();
    assert_eq!(sim.get_cluster_network_state(lan).unwrap(), N::Up);
    assert_eq!(sim.get_cluster_net_interface_state(nic2).unwrap(), ClusterNetInterfaceState::Up);
    assert_eq!(
        sim.get_cluster_net_interface_state(nic1).unwrap(),
        ClusterNetInterfaceState::Unavailable,
        "a crashed node's interface stays unavailable"
    );
    assert_eq!(sim.take_network_down("WAN").unwrap_err().code(), ERROR_CLUSTER_NETWORK_NOT_FOUND);
}

#[test]
fn the_failover_scenario() {
    use clusapi_sim::{NotifyObject, change};
    // Three nodes, two groups with preferred owners; the owner of both crashes.
    let sim = Simulator::builder()
        .cluster("C")
        .node("N1")
        .node("N2")
        .node("N3")
        .online_group("Web", "N1")
        .resource("Web", "Web Service", "Generic Service")
        .online_group("Db", "N1")
        .resource("Db", "Db Service", "Generic Service")
        .build()
        .unwrap();
    let c = sim.open_cluster(None).unwrap();
    let (web, db) = (sim.open_cluster_group(c, "Web").unwrap(), sim.open_cluster_group(c, "Db").unwrap());
    let (n2, n3) = (sim.open_cluster_node(c, "N2").unwrap(), sim.open_cluster_node(c, "N3").unwrap());
    sim.set_cluster_group_node_list(web, &[n3, n2]).unwrap();
    sim.set_cluster_group_node_list(db, &[n2, n3]).unwrap();
    let port = sim.create_cluster_notify_port(None, c, change::NODE_STATE | change::GROUP_STATE, 1).unwrap();
    sim.register_cluster_notify(port, change::HANDLE_CLOSE, NotifyObject::Group(web), 2).unwrap();

    sim.crash_node("N1").unwrap();
    assert_eq!(sim.get_cluster_group_state(web).unwrap().owner_node, "N3", "the same handle, after the move");
    assert_eq!(sim.get_cluster_group_state(db).unwrap().owner_node, "N2");
    assert_eq!(sim.get_cluster_group_state(web).unwrap().state, G::Online);
    let events: Vec<(u32, String)> = std::iter::from_fn(|| sim.get_cluster_notify(port, 0).ok())
        .map(|n| (n.filter_type, n.name))
        .collect();
    assert_eq!(
        events,
        [
            (change::NODE_STATE, "N1".to_owned()),
            (change::GROUP_STATE, "Web".to_owned()),
            (change::GROUP_STATE, "Db".to_owned())
        ],
        "in order: the node, then its groups in topology order"
    );
    sim.close_cluster_group(web).unwrap();
    assert_eq!(sim.get_cluster_notify(port, 0).unwrap().filter_type, change::HANDLE_CLOSE);
}
