//! States: a new topology starts as a fresh real cluster does, and every state query
//! reports it with the `clusapi.h` values.

use clusapi_sim::{
    ClusterGroupState, ClusterNetInterfaceState, ClusterNetworkState, ClusterNodeState, ClusterResourceState,
    Simulator, codes::ERROR_INVALID_HANDLE,
};

#[test]
fn a_fresh_cluster_is_up_with_its_core_group_online() {
    let sim = Simulator::default();
    let c = sim.open_cluster(None).expect("cluster");
    for n in ["NODE1", "NODE2"] {
        let h = sim.open_cluster_node(c, n).expect("node");
        assert_eq!(sim.get_cluster_node_state(h).expect("state"), ClusterNodeState::Up);
    }
    for n in ["Cluster Network 1", "Cluster Network 2"] {
        let h = sim.open_cluster_network(c, n).expect("network");
        assert_eq!(sim.get_cluster_network_state(h).expect("state"), ClusterNetworkState::Up);
    }
    let i = sim.open_cluster_net_interface(c, "NODE2 - Cluster Network 1").expect("interface");
    assert_eq!(sim.get_cluster_net_interface_state(i).expect("state"), ClusterNetInterfaceState::Up);

    let core = sim.open_cluster_group(c, "Cluster Group").expect("core group");
    let s = sim.get_cluster_group_state(core).expect("state");
    assert_eq!((s.state, s.owner_node.as_str()), (ClusterGroupState::Online, "NODE1"));
    let r = sim.open_cluster_resource(c, "Cluster IP Address").expect("resource");
    let s = sim.get_cluster_resource_state(r).expect("state");
    assert_eq!(
        (s.state, s.owner_node.as_str(), s.group.as_str()),
        (ClusterResourceState::Online, "NODE1", "Cluster Group")
    );

    let storage = sim.open_cluster_group(c, "Available Storage").expect("empty group");
    assert_eq!(sim.get_cluster_group_state(storage).expect("state").state, ClusterGroupState::Offline);
}

#[test]
fn other_groups_start_as_the_topology_says() {
    let sim = Simulator::builder()
        .cluster("C")
        .node("A")
        .node("B")
        .group("Quiet", "A")
        .resource("Quiet", "Q", "Generic Service")
        .online_group("Busy", "B")
        .resource("Busy", "S", "Generic Service")
        .build()
        .expect("valid");
    let c = sim.open_cluster(None).expect("cluster");
    let quiet = sim.open_cluster_group(c, "Quiet").unwrap();
    let busy = sim.open_cluster_group(c, "Busy").unwrap();
    assert_eq!(sim.get_cluster_group_state(quiet).unwrap().state, ClusterGroupState::Offline);
    let s = sim.get_cluster_group_state(busy).unwrap();
    assert_eq!((s.state, s.owner_node.as_str()), (ClusterGroupState::Online, "B"));
    let q = sim.open_cluster_resource(c, "q").unwrap();
    assert_eq!(sim.get_cluster_resource_state(q).unwrap().state, ClusterResourceState::Offline);
}

#[cfg(feature = "topology-file")]
#[test]
fn topology_files_say_which_groups_start_online() {
    let sim = Simulator::builder()
        .topology_toml(
            "[[cluster]]\nname = \"C\"\nnodes = [\"A\"]\n\n[[cluster.group]]\nname = \"G\"\nowner = \"A\"\n\
             online = true\nresources = [{ name = \"R\", type = \"Generic Service\" }]\n",
        )
        .build()
        .expect("valid");
    let c = sim.open_cluster(None).unwrap();
    let g = sim.open_cluster_group(c, "G").unwrap();
    assert_eq!(sim.get_cluster_group_state(g).unwrap().state, ClusterGroupState::Online);
}

#[test]
fn state_queries_refuse_bad_handles() {
    let sim = Simulator::default();
    let c = sim.open_cluster(None).expect("cluster");
    let n = sim.open_cluster_node(c, "NODE1").unwrap();
    let g = sim.open_cluster_group(c, "Cluster Group").unwrap();
    let r = sim.open_cluster_resource(c, "Cluster Name").unwrap();
    let net = sim.open_cluster_network(c, "Cluster Network 1").unwrap();
    let i = sim.open_cluster_net_interface(c, "NODE1 - Cluster Network 1").unwrap();
    sim.close_cluster_node(n).unwrap();
    sim.close_cluster_group(g).unwrap();
    sim.close_cluster_resource(r).unwrap();
    sim.close_cluster_network(net).unwrap();
    sim.close_cluster_net_interface(i).unwrap();
    assert_eq!(sim.get_cluster_node_state(n).unwrap_err().code(), ERROR_INVALID_HANDLE);
    assert_eq!(sim.get_cluster_group_state(g).unwrap_err().code(), ERROR_INVALID_HANDLE);
    assert_eq!(sim.get_cluster_resource_state(r).unwrap_err().code(), ERROR_INVALID_HANDLE);
    assert_eq!(sim.get_cluster_network_state(net).unwrap_err().code(), ERROR_INVALID_HANDLE);
    assert_eq!(sim.get_cluster_net_interface_state(i).unwrap_err().code(), ERROR_INVALID_HANDLE);
}
