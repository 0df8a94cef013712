//! Every function that takes a handle, against every kind of bad handle value: closed,
//! slot reused, wrong kind, another simulator's, forged. Each answers
//! `ERROR_INVALID_HANDLE` and changes nothing.

use clusapi_sim::{
    CLUSTER_ENUM_ALL, CLUSTER_NETWORK_ENUM_NETINTERFACES, GENERIC_ALL, GENERIC_READ, HClusEnum, HCluster,
    HGroup, HGroupEnum, HNetInterface, HNetwork, HNetworkEnum, HNode, HNodeEnum, HResEnum, HResource, Handle,
    HandleKind, MAXIMUM_ALLOWED, OpenHandle, Simulator, codes::ERROR_INVALID_HANDLE,
};

/// One live handle of every kind, opened through one cluster handle.
struct Live {
    cluster: HCluster,
    node: HNode,
    group: HGroup,
    resource: HResource,
    network: HNetwork,
    net_interface: HNetInterface,
    clus_enum: HClusEnum,
    network_enum: HNetworkEnum,
    node_enum: HNodeEnum,
    group_enum: HGroupEnum,
    res_enum: HResEnum,
}

fn open_all(sim: &Simulator) -> Live {
    let cluster = sim.open_cluster(None).expect("cluster");
    let network = sim.open_cluster_network(cluster, "Cluster Network 1").expect("network");
    let node = sim.open_cluster_node(cluster, "NODE1").expect("node");
    let group = sim.open_cluster_group(cluster, "Cluster Group").expect("group");
    let resource = sim.open_cluster_resource(cluster, "Cluster Name").expect("resource");
    Live {
        cluster,
        node,
        group,
        resource,
        network,
        net_interface: sim
            .open_cluster_net_interface(cluster, "NODE1 - Cluster Network 1")
            .expect("interface"),
        clus_enum: sim.cluster_open_enum(cluster, CLUSTER_ENUM_ALL).expect("enum"),
        network_enum: sim
            .cluster_network_open_enum(network, CLUSTER_NETWORK_ENUM_NETINTERFACES)
            .expect("enum"),
        node_enum: sim.cluster_node_open_enum(node, 3).expect("enum"),
        group_enum: sim.cluster_group_open_enum(group, 3).expect("enum"),
        res_enum: sim.cluster_resource_open_enum(resource, 7).expect("enum"),
    }
}

type Call = (&'static str, HandleKind, Box<dyn Fn(&Simulator, usize) -> Option<u32>>);

/// Every handle-taking function: its name, the kind it expects, and a call that passes a
/// raw value as that kind and returns the error code (`None` for success).
fn calls() -> Vec<Call> {
    fn h<H: Handle>(raw: usize) -> H {
        H::from_raw(raw).expect("non-zero")
    }
    fn code<T>(r: clusapi_sim::Result<T>) -> Option<u32> {
        r.err().map(|e| e.code())
    }
    use HandleKind as K;
    let c = |name, kind, f: fn(&Simulator, usize) -> Option<u32>| -> Call { (name, kind, Box::new(f)) };
    vec![
        c("close_cluster", K::Cluster, |s, r| code(s.close_cluster(h(r)))),
        c("get_cluster_information", K::Cluster, |s, r| code(s.get_cluster_information(h(r)))),
        c("get_cluster_net_interface", K::Cluster, |s, r| {
            code(s.get_cluster_net_interface(h(r), "NODE1", "Cluster Network 1"))
        }),
        c("cluster_open_enum", K::Cluster, |s, r| code(s.cluster_open_enum(h(r), CLUSTER_ENUM_ALL))),
        c("create_cluster_group", K::Cluster, |s, r| code(s.create_cluster_group(h(r), "Fresh Group"))),
        c("open_cluster_node", K::Cluster, |s, r| code(s.open_cluster_node(h(r), "NODE1"))),
        c("open_cluster_node_ex", K::Cluster, |s, r| {
            code(s.open_cluster_node_ex(h(r), "NODE1", GENERIC_READ))
        }),
        c("open_cluster_group", K::Cluster, |s, r| code(s.open_cluster_group(h(r), "Cluster Group"))),
        c("open_cluster_group_ex", K::Cluster, |s, r| {
            code(s.open_cluster_group_ex(h(r), "Cluster Group", GENERIC_ALL))
        }),
        c("open_cluster_resource", K::Cluster, |s, r| code(s.open_cluster_resource(h(r), "Cluster Name"))),
        c("open_cluster_resource_ex", K::Cluster, |s, r| {
            code(s.open_cluster_resource_ex(h(r), "Cluster Name", MAXIMUM_ALLOWED))
        }),
        c("open_cluster_network", K::Cluster, |s, r| code(s.open_cluster_network(h(r), "Cluster Network 1"))),
        c("open_cluster_network_ex", K::Cluster, |s, r| {
            code(s.open_cluster_network_ex(h(r), "Cluster Network 1", GENERIC_READ))
        }),
        c("open_cluster_net_interface", K::Cluster, |s, r| {
            code(s.open_cluster_net_interface(h(r), "NODE1 - Cluster Network 1"))
        }),
        c("open_cluster_net_interface_ex", K::Cluster, |s, r| {
            code(s.open_cluster_net_interface_ex(h(r), "NODE1 - Cluster Network 1", GENERIC_READ))
        }),
        c("close_cluster_node", K::Node, |s, r| code(s.close_cluster_node(h(r)))),
        c("get_cluster_from_node", K::Node, |s, r| code(s.get_cluster_from_node(h(r)))),
        c("get_cluster_node_id", K::Node, |s, r| code(s.get_cluster_node_id(Some(h(r))))),
        c("get_cluster_node_state", K::Node, |s, r| code(s.get_cluster_node_state(h(r)))),
        c("pause_cluster_node", K::Node, |s, r| code(s.pause_cluster_node(h(r)))),
        c("resume_cluster_node", K::Node, |s, r| code(s.resume_cluster_node(h(r)))),
        c("evict_cluster_node", K::Node, |s, r| code(s.evict_cluster_node(h(r)))),
        c("close_cluster_group", K::Group, |s, r| code(s.close_cluster_group(h(r)))),
        c("get_cluster_from_group", K::Group, |s, r| code(s.get_cluster_from_group(h(r)))),
        c("get_cluster_group_state", K::Group, |s, r| code(s.get_cluster_group_state(h(r)))),
        c("online_cluster_group", K::Group, |s, r| code(s.online_cluster_group(h(r), None))),
        c("offline_cluster_group", K::Group, |s, r| code(s.offline_cluster_group(h(r)))),
        c("move_cluster_group", K::Group, |s, r| code(s.move_cluster_group(h(r), None))),
        c("delete_cluster_group", K::Group, |s, r| code(s.delete_cluster_group(h(r)))),
        c("set_cluster_group_node_list", K::Group, |s, r| code(s.set_cluster_group_node_list(h(r), &[]))),
        c("create_cluster_resource", K::Group, |s, r| {
            code(s.create_cluster_resource(h(r), "Fresh", "IP Address", 0))
        }),
        c("close_cluster_resource", K::Resource, |s, r| code(s.close_cluster_resource(h(r)))),
        c("get_cluster_from_resource", K::Resource, |s, r| code(s.get_cluster_from_resource(h(r)))),
        c("get_cluster_resource_state", K::Resource, |s, r| code(s.get_cluster_resource_state(h(r)))),
        c("online_cluster_resource", K::Resource, |s, r| code(s.online_cluster_resource(h(r)))),
        c("offline_cluster_resource", K::Resource, |s, r| code(s.offline_cluster_resource(h(r)))),
        c("fail_cluster_resource", K::Resource, |s, r| code(s.fail_cluster_resource(h(r)))),
        c("delete_cluster_resource", K::Resource, |s, r| code(s.delete_cluster_resource(h(r)))),
        c("add_cluster_resource_dependency", K::Resource, |s, r| {
            code(s.add_cluster_resource_dependency(h(r), h(r)))
        }),
        c("remove_cluster_resource_dependency", K::Resource, |s, r| {
            code(s.remove_cluster_resource_dependency(h(r), h(r)))
        }),
        c("close_cluster_network", K::Network, |s, r| code(s.close_cluster_network(h(r)))),
        c("get_cluster_from_network", K::Network, |s, r| code(s.get_cluster_from_network(h(r)))),
        c("get_cluster_network_id", K::Network, |s, r| code(s.get_cluster_network_id(h(r)))),
        c("get_cluster_network_state", K::Network, |s, r| code(s.get_cluster_network_state(h(r)))),
        c("set_cluster_network_name", K::Network, |s, r| code(s.set_cluster_network_name(h(r), "Renamed"))),
        c("cluster_network_open_enum", K::Network, |s, r| code(s.cluster_network_open_enum(h(r), 1))),
        c("close_cluster_net_interface", K::NetInterface, |s, r| code(s.close_cluster_net_interface(h(r)))),
        c("get_cluster_from_net_interface", K::NetInterface, |s, r| {
            code(s.get_cluster_from_net_interface(h(r)))
        }),
        c("get_cluster_net_interface_state", K::NetInterface, |s, r| {
            code(s.get_cluster_net_interface_state(h(r)))
        }),
        c("cluster_get_enum_count", K::ClusEnum, |s, r| code(s.cluster_get_enum_count(h(r)))),
        c("cluster_enum", K::ClusEnum, |s, r| code(s.cluster_enum(h(r), 0))),
        c("cluster_close_enum", K::ClusEnum, |s, r| code(s.cluster_close_enum(h(r)))),
        c("cluster_network_get_enum_count", K::NetworkEnum, |s, r| {
            code(s.cluster_network_get_enum_count(h(r)))
        }),
        c("cluster_network_enum", K::NetworkEnum, |s, r| code(s.cluster_network_enum(h(r), 0))),
        c("cluster_network_close_enum", K::NetworkEnum, |s, r| code(s.cluster_network_close_enum(h(r)))),
        c("cluster_node_open_enum", K::Node, |s, r| code(s.cluster_node_open_enum(h(r), 3))),
        c("cluster_group_open_enum", K::Group, |s, r| code(s.cluster_group_open_enum(h(r), 3))),
        c("cluster_resource_open_enum", K::Resource, |s, r| code(s.cluster_resource_open_enum(h(r), 7))),
        c("cluster_node_get_enum_count", K::NodeEnum, |s, r| code(s.cluster_node_get_enum_count(h(r)))),
        c("cluster_node_enum", K::NodeEnum, |s, r| code(s.cluster_node_enum(h(r), 0))),
        c("cluster_node_close_enum", K::NodeEnum, |s, r| code(s.cluster_node_close_enum(h(r)))),
        c("cluster_group_get_enum_count", K::GroupEnum, |s, r| code(s.cluster_group_get_enum_count(h(r)))),
        c("cluster_group_enum", K::GroupEnum, |s, r| code(s.cluster_group_enum(h(r), 0))),
        c("cluster_group_close_enum", K::GroupEnum, |s, r| code(s.cluster_group_close_enum(h(r)))),
        c("cluster_resource_get_enum_count", K::ResEnum, |s, r| {
            code(s.cluster_resource_get_enum_count(h(r)))
        }),
        c("cluster_resource_enum", K::ResEnum, |s, r| code(s.cluster_resource_enum(h(r), 0))),
        c("cluster_resource_close_enum", K::ResEnum, |s, r| code(s.cluster_resource_close_enum(h(r)))),
    ]
}

/// Calls every function that does not take `skip` with `raw`; returns the calls that did
/// not answer `ERROR_INVALID_HANDLE`.
fn every_call_but(sim: &Simulator, raw: usize, skip: Option<HandleKind>) -> Vec<(&'static str, Option<u32>)> {
    calls()
        .into_iter()
        .filter(|(_, kind, _)| Some(*kind) != skip)
        .map(|(name, _, call)| (name, call(sim, raw)))
        .filter(|(_, code)| *code != Some(ERROR_INVALID_HANDLE))
        .collect()
}

/// Checks that `raw`, passed to every function, is refused by each with
/// `ERROR_INVALID_HANDLE` and leaves the table as it was.
fn refused_everywhere(sim: &Simulator, raw: usize, what: &str) {
    let before: Vec<OpenHandle> = sim.open_handles();
    let connections = sim.open_connection_count();
    let accepted = every_call_but(sim, raw, None);
    assert!(accepted.is_empty(), "{what} ({raw:#x}) was not refused by: {accepted:?}");
    assert_eq!(sim.open_handles(), before, "{what}: the table changed");
    assert_eq!(sim.open_connection_count(), connections, "{what}: connections changed");
}

/// Every value of `live`, for the "wrong kind" and "closed" cases.
fn raws(l: &Live) -> Vec<(HandleKind, usize)> {
    vec![
        (HandleKind::Cluster, l.cluster.as_raw()),
        (HandleKind::Node, l.node.as_raw()),
        (HandleKind::Group, l.group.as_raw()),
        (HandleKind::Resource, l.resource.as_raw()),
        (HandleKind::Network, l.network.as_raw()),
        (HandleKind::NetInterface, l.net_interface.as_raw()),
        (HandleKind::ClusEnum, l.clus_enum.as_raw()),
        (HandleKind::NetworkEnum, l.network_enum.as_raw()),
        (HandleKind::NodeEnum, l.node_enum.as_raw()),
        (HandleKind::GroupEnum, l.group_enum.as_raw()),
        (HandleKind::ResEnum, l.res_enum.as_raw()),
    ]
}

#[test]
fn closed_handles_of_every_kind_are_refused_by_every_function() {
    let sim = Simulator::default();
    // Other live handles, so that a refusal cannot come from an empty table.
    let keep = open_all(&sim);
    let closed = open_all(&sim);
    let closed_raws = raws(&closed);
    sim.close_cluster_node(closed.node).expect("close");
    sim.close_cluster_group(closed.group).expect("close");
    sim.close_cluster_resource(closed.resource).expect("close");
    sim.close_cluster_net_interface(closed.net_interface).expect("close");
    sim.cluster_close_enum(closed.clus_enum).expect("close");
    sim.cluster_network_close_enum(closed.network_enum).expect("close");
    sim.cluster_node_close_enum(closed.node_enum).expect("close");
    sim.cluster_group_close_enum(closed.group_enum).expect("close");
    sim.cluster_resource_close_enum(closed.res_enum).expect("close");
    sim.close_cluster_network(closed.network).expect("close");
    sim.close_cluster(closed.cluster).expect("close");
    for (kind, raw) in closed_raws {
        refused_everywhere(&sim, raw, &format!("closed {kind}"));
    }
    assert_eq!(sim.get_cluster_node_id(Some(keep.node)).expect("the other handles still work"), "1");
}

#[test]
fn values_whose_slot_was_reused_are_refused() {
    let sim = Simulator::default();
    let cluster = sim.open_cluster(None).expect("cluster");
    let old = sim.open_cluster_node(cluster, "NODE1").expect("node");
    sim.close_cluster_node(old).expect("close");
    // The next open takes the freed slot, with a newer generation.
    let new = sim.open_cluster_node(cluster, "NODE2").expect("node");
    assert_ne!(old, new);
    refused_everywhere(&sim, old.as_raw(), "reused-slot HNode");
    assert_eq!(sim.get_cluster_node_id(Some(new)).expect("new handle works"), "2");
}

#[test]
fn live_handles_passed_as_another_kind_are_refused() {
    let sim = Simulator::default();
    let live = open_all(&sim);
    let before = sim.open_handles();
    for (kind, raw) in raws(&live) {
        let accepted = every_call_but(&sim, raw, Some(kind));
        assert!(accepted.is_empty(), "a live {kind} was accepted as another kind by: {accepted:?}");
        assert_eq!(sim.open_handles(), before, "passing a {kind} as another kind changed the table");
    }
}

/// Every function is in the catalogue above, once.
#[test]
fn the_catalogue_names_each_function_once() {
    let mut names: Vec<&str> = calls().into_iter().map(|(n, _, _)| n).collect();
    let count = names.len();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), count);
    assert_eq!(count, 67);
}

#[test]
fn wrong_kind_never_acts_on_the_object() {
    let sim = Simulator::default();
    let live = open_all(&sim);
    let before = sim.open_handles();
    // A node handle passed as a group, a resource, a network...: refused, and the node
    // handle is still open afterwards.
    let raw = live.node.as_raw();
    assert_eq!(
        sim.close_cluster_group(HGroup::from_raw(raw).unwrap()).unwrap_err().code(),
        ERROR_INVALID_HANDLE
    );
    assert_eq!(
        sim.close_cluster_resource(HResource::from_raw(raw).unwrap()).unwrap_err().code(),
        ERROR_INVALID_HANDLE
    );
    assert_eq!(sim.close_cluster(HCluster::from_raw(raw).unwrap()).unwrap_err().code(), ERROR_INVALID_HANDLE);
    assert_eq!(
        sim.cluster_close_enum(HClusEnum::from_raw(live.network_enum.as_raw()).unwrap()).unwrap_err().code(),
        ERROR_INVALID_HANDLE
    );
    assert_eq!(sim.open_handles(), before);
    assert_eq!(sim.get_cluster_node_id(Some(live.node)).expect("still open"), "1");
}

#[test]
fn another_simulators_handles_are_refused() {
    let a = Simulator::default();
    let b = Simulator::default();
    let _b_live = open_all(&b);
    let a_live = open_all(&a);
    for (kind, raw) in raws(&a_live) {
        refused_everywhere(&b, raw, &format!("simulator A's {kind} in simulator B"));
    }
    // And a dropped simulator's handles in a new one.
    let dropped = {
        let c = Simulator::default();
        open_all(&c).cluster.as_raw()
    };
    let d = Simulator::default();
    refused_everywhere(&d, dropped, "a dropped simulator's HCluster");
}

#[test]
fn forged_values_are_refused() {
    let sim = Simulator::default();
    let live = open_all(&sim);
    let mut forged: Vec<usize> =
        vec![1, 2, 7, 8, 0x10, 0x11, 0xff, 0xdead_beef, usize::MAX, usize::MAX - 1, 1 << 63];
    // Live values with one bit flipped anywhere: every field of the encoding is checked.
    for (_, raw) in raws(&live) {
        forged.extend((0..64).map(|bit| raw ^ (1 << bit)));
    }
    // A deterministic spread of 64-bit values (splitmix64).
    let mut x: u64 = 0x1234_5678_9abc_def0;
    for _ in 0..2000 {
        x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = x;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        forged.push((z ^ (z >> 31)) as usize);
    }
    let live_raws: Vec<usize> = raws(&live).into_iter().map(|(_, r)| r).collect();
    for raw in forged.into_iter().filter(|r| *r != 0 && !live_raws.contains(r)) {
        refused_everywhere(&sim, raw, "forged value");
    }
}

#[test]
fn handle_values_are_never_null_or_invalid_handle_value() {
    let sim = Simulator::default();
    for _ in 0..1000 {
        let l = open_all(&sim);
        for (_, raw) in raws(&l) {
            assert_ne!(raw, 0);
            assert_ne!(raw, usize::MAX);
        }
    }
    assert!(HCluster::from_raw(0).is_none());
}
