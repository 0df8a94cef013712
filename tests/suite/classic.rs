//! The classic calls: possible owners (and how failover, moves and onlines respect them),
//! `can_resource_be_dependent`, `change_cluster_resource_group`, the quorum resource,
//! `get_cluster_resource_network_name`, the renames (with their notifications), the
//! internal-network priority order, `evict_cluster_node_ex`, and the calls modern servers
//! no longer implement.

use clusapi_sim::{
    CLUSTER_ENUM_INTERNAL_NETWORK, CLUSTER_RESOURCE_ENUM_NODES, ClusterGroupState, ClusterResourceState,
    GENERIC_READ, HGroup, HResource, Simulator, change, codes::*,
};

fn code<T: std::fmt::Debug>(r: clusapi_sim::Result<T>) -> u32 {
    r.unwrap_err().code()
}

/// A three-node cluster with an application group of two resources on NODE1.
fn three_nodes() -> Simulator {
    Simulator::builder()
        .cluster("APPCLUSTER")
        .node("NODE1")
        .node("NODE2")
        .node("NODE3")
        .network("Public")
        .network("Private")
        .group("App", "NODE1")
        .resource("App", "App Name", "Network Name")
        .resource("App", "App Svc", "Generic Service")
        .build()
        .unwrap()
}

fn possible_owners(sim: &Simulator, r: HResource) -> Vec<String> {
    let e = sim.cluster_resource_open_enum(r, CLUSTER_RESOURCE_ENUM_NODES).unwrap();
    let names = (0..sim.cluster_resource_get_enum_count(e).unwrap())
        .map(|i| sim.cluster_resource_enum(e, i).unwrap().1)
        .collect();
    sim.cluster_resource_close_enum(e).unwrap();
    names
}

fn owner(sim: &Simulator, g: HGroup) -> String {
    sim.get_cluster_group_state(g).unwrap().owner_node
}

#[test]
fn possible_owners_start_as_every_node_and_change() {
    let sim = three_nodes();
    let c = sim.open_cluster(None).unwrap();
    let svc = sim.open_cluster_resource(c, "App Svc").unwrap();
    let (n1, n2, n3) = (
        sim.open_cluster_node(c, "NODE1").unwrap(),
        sim.open_cluster_node(c, "NODE2").unwrap(),
        sim.open_cluster_node(c, "NODE3").unwrap(),
    );
    assert_eq!(possible_owners(&sim, svc), ["NODE1", "NODE2", "NODE3"]);
    assert_eq!(code(sim.add_cluster_resource_node(svc, n2)), ERROR_OBJECT_ALREADY_EXISTS);
    sim.remove_cluster_resource_node(svc, n2).unwrap();
    assert_eq!(possible_owners(&sim, svc), ["NODE1", "NODE3"]);
    assert_eq!(code(sim.remove_cluster_resource_node(svc, n2)), ERROR_CLUSTER_NODE_NOT_FOUND);
    sim.add_cluster_resource_node(svc, n2).unwrap();
    assert_eq!(possible_owners(&sim, svc), ["NODE1", "NODE3", "NODE2"], "added at the end");
    sim.remove_cluster_resource_node(svc, n2).unwrap();
    sim.remove_cluster_resource_node(svc, n3).unwrap();
    assert_eq!(code(sim.remove_cluster_resource_node(svc, n1)), ERROR_INVALID_STATE, "the last one");

    // The owner of an online resource cannot be removed.
    sim.add_cluster_resource_node(svc, n2).unwrap();
    sim.online_cluster_resource(svc).unwrap();
    assert_eq!(code(sim.remove_cluster_resource_node(svc, n1)), ERROR_INVALID_STATE);
    // A failed one's can (MS-CMRP 3.1.4.2.25 names Online, OnlinePending and
    // OfflinePending only).
    sim.fail_cluster_resource(svc).unwrap();
    assert_eq!(sim.get_cluster_resource_state(svc).unwrap().state, clusapi_sim::ClusterResourceState::Failed);
    sim.remove_cluster_resource_node(svc, n1).unwrap();
    assert_eq!(possible_owners(&sim, svc), ["NODE2"]);

    // Handles: bad, read-only, of another cluster's node.
    let (ro, _) = sim.open_cluster_ex(None, GENERIC_READ).unwrap();
    let ro_svc = sim.open_cluster_resource(ro, "App Svc").unwrap();
    assert_eq!(code(sim.add_cluster_resource_node(ro_svc, n1)), ERROR_ACCESS_DENIED);
    sim.close_cluster_node(n3).unwrap();
    assert_eq!(code(sim.add_cluster_resource_node(svc, n3)), ERROR_INVALID_HANDLE);
    let other = Simulator::default();
    let oc = other.open_cluster(None).unwrap();
    let on = other.open_cluster_node(oc, "NODE1").unwrap();
    assert_eq!(code(sim.add_cluster_resource_node(svc, on)), ERROR_INVALID_HANDLE);
}

#[test]
fn moves_and_onlines_go_only_to_possible_owners() {
    let sim = three_nodes();
    let c = sim.open_cluster(None).unwrap();
    let g = sim.open_cluster_group(c, "App").unwrap();
    let svc = sim.open_cluster_resource(c, "App Svc").unwrap();
    let (n1, n2, n3) = (
        sim.open_cluster_node(c, "NODE1").unwrap(),
        sim.open_cluster_node(c, "NODE2").unwrap(),
        sim.open_cluster_node(c, "NODE3").unwrap(),
    );
    sim.remove_cluster_resource_node(svc, n2).unwrap();
    assert_eq!(code(sim.move_cluster_group(g, Some(n2))), ERROR_HOST_NODE_NOT_RESOURCE_OWNER);
    assert_eq!(code(sim.online_cluster_group(g, Some(n2))), ERROR_HOST_NODE_NOT_RESOURCE_OWNER);
    assert_eq!(owner(&sim, g), "NODE1", "nothing changed");
    // None: the best node that can host every resource (NODE2 is skipped).
    sim.move_cluster_group(g, None).unwrap();
    assert_eq!(owner(&sim, g), "NODE3");
    sim.move_cluster_group(g, Some(n1)).unwrap();
    sim.remove_cluster_resource_node(svc, n3).unwrap();
    assert_eq!(code(sim.move_cluster_group(g, None)), ERROR_HOST_NODE_NOT_AVAILABLE);
    // The owner itself stops being a possible owner (offline): onlines are refused there.
    sim.add_cluster_resource_node(svc, n3).unwrap();
    sim.remove_cluster_resource_node(svc, n1).unwrap();
    assert_eq!(code(sim.online_cluster_group(g, None)), ERROR_HOST_NODE_NOT_RESOURCE_OWNER);
    assert_eq!(code(sim.online_cluster_resource(svc)), ERROR_HOST_NODE_NOT_RESOURCE_OWNER);
    sim.online_cluster_group(g, Some(n3)).unwrap();
    assert_eq!(owner(&sim, g), "NODE3");
    assert_eq!(sim.get_cluster_group_state(g).unwrap().state, ClusterGroupState::Online);
}

#[test]
fn failover_picks_the_first_node_that_is_a_possible_owner() {
    let sim = three_nodes();
    let c = sim.open_cluster(None).unwrap();
    let g = sim.open_cluster_group(c, "App").unwrap();
    let svc = sim.open_cluster_resource(c, "App Svc").unwrap();
    let n2 = sim.open_cluster_node(c, "NODE2").unwrap();
    sim.online_cluster_group(g, None).unwrap();
    sim.remove_cluster_resource_node(svc, n2).unwrap();
    sim.crash_node("NODE1").unwrap();
    assert_eq!(owner(&sim, g), "NODE3", "NODE2 cannot host App Svc");
    assert_eq!(sim.get_cluster_group_state(g).unwrap().state, ClusterGroupState::Online);
    // No possible owner up: the group stays, failed.
    sim.crash_node("NODE3").unwrap();
    assert_eq!(owner(&sim, g), "NODE3");
    assert_eq!(sim.get_cluster_group_state(g).unwrap().state, ClusterGroupState::Failed);
}

#[test]
fn can_resource_be_dependent_follows_the_documented_rules() {
    // MS-CMRP 3.1.4.2.22: every "no" is a failure with its reason.
    let sim = three_nodes();
    let c = sim.open_cluster(None).unwrap();
    let name = sim.open_cluster_resource(c, "App Name").unwrap();
    let svc = sim.open_cluster_resource(c, "App Svc").unwrap();
    let svc2 = sim.open_cluster_resource(c, "App Svc").unwrap();
    assert!(sim.can_resource_be_dependent(svc, name).unwrap());
    assert_eq!(code(sim.can_resource_be_dependent(svc, svc)), ERROR_INVALID_PARAMETER, "not itself");
    sim.add_cluster_resource_dependency(svc, name).unwrap();
    assert_eq!(code(sim.can_resource_be_dependent(svc, name)), ERROR_DEPENDENCY_ALREADY_EXISTS);
    assert_eq!(code(sim.can_resource_be_dependent(name, svc)), ERROR_CIRCULAR_DEPENDENCY, "a cycle");
    let g = sim.create_cluster_group(c, "Other").unwrap();
    let lone = sim.create_cluster_resource(g, "Lone", "Generic Service", 0).unwrap();
    assert_eq!(code(sim.can_resource_be_dependent(lone, name)), ERROR_INVALID_PARAMETER, "another group");
    sim.close_cluster_resource(svc2).unwrap();
    assert_eq!(code(sim.can_resource_be_dependent(svc2, name)), ERROR_INVALID_HANDLE);
    sim.delete_cluster_resource(lone).unwrap();
    assert_eq!(code(sim.can_resource_be_dependent(name, lone)), ERROR_RESOURCE_NOT_AVAILABLE);
}

#[test]
fn can_resource_be_dependent_refuses_the_two_online_cases() {
    let sim = Simulator::builder()
        .cluster("C")
        .node("NODE1")
        .group("G", "NODE1")
        .resource("G", "A", "Generic Service")
        .resource("G", "B", "Generic Service")
        .build()
        .unwrap();
    let c = sim.open_cluster(None).unwrap();
    let a = sim.open_cluster_resource(c, "A").unwrap();
    let b = sim.open_cluster_resource(c, "B").unwrap();
    // Online, its provider offline: it can.
    sim.online_cluster_resource(a).unwrap();
    assert!(sim.can_resource_be_dependent(a, b).unwrap());
    // Online with its provider online: 5019.
    sim.online_cluster_resource(b).unwrap();
    assert_eq!(code(sim.can_resource_be_dependent(a, b)), ERROR_RESOURCE_ONLINE);
    // Offline, its provider online: it can.
    sim.offline_cluster_resource(a).unwrap();
    assert!(sim.can_resource_be_dependent(a, b).unwrap());

    // Online pending: 5019 whatever the provider's state.
    let slow = Simulator::builder()
        .cluster("C")
        .node("NODE1")
        .group("G", "NODE1")
        .resource("G", "A", "Generic Service")
        .resource("G", "B", "Generic Service")
        .pending_transitions(2)
        .build()
        .unwrap();
    let c = slow.open_cluster(None).unwrap();
    let a = slow.open_cluster_resource(c, "A").unwrap();
    let b = slow.open_cluster_resource(c, "B").unwrap();
    assert_eq!(code(slow.online_cluster_resource(a)), ERROR_IO_PENDING);
    assert_eq!(slow.inspect_resource("A").unwrap().state, ClusterResourceState::OnlinePending);
    assert_eq!(code(slow.can_resource_be_dependent(a, b)), ERROR_RESOURCE_ONLINE);
}

#[test]
fn change_cluster_resource_group_moves_the_dependency_tree() {
    let sim = Simulator::builder()
        .cluster("C")
        .node("NODE1")
        .node("NODE2")
        .group("One", "NODE1")
        // The page's example: A depends on B, B on X and Y; Z stands apart.
        .resource("One", "A", "Generic Service")
        .resource("One", "B", "Generic Service")
        .resource("One", "X", "Generic Service")
        .resource("One", "Y", "Generic Service")
        .resource("One", "Z", "Generic Service")
        .group("Two", "NODE1")
        .group("Elsewhere", "NODE2")
        .build()
        .unwrap();
    let c = sim.open_cluster(None).unwrap();
    let [a, b, x, y, z] = ["A", "B", "X", "Y", "Z"].map(|n| sim.open_cluster_resource(c, n).unwrap());
    sim.add_cluster_resource_dependency(a, b).unwrap();
    sim.add_cluster_resource_dependency(b, x).unwrap();
    sim.add_cluster_resource_dependency(b, y).unwrap();
    let two = sim.open_cluster_group(c, "Two").unwrap();
    let elsewhere = sim.open_cluster_group(c, "Elsewhere").unwrap();
    sim.online_cluster_resource(x).unwrap();

    // Groups of different owners: refused, whatever the state (offline Z too).
    assert_eq!(code(sim.change_cluster_resource_group(z, elsewhere)), ERROR_HOST_NODE_NOT_GROUP_OWNER);
    assert_eq!(code(sim.change_cluster_resource_group(b, elsewhere)), ERROR_HOST_NODE_NOT_GROUP_OWNER);
    assert_eq!(sim.inspect_resource("B").unwrap().group, "One");

    // Moving X (a provider at the bottom) takes the whole tree; states stay.
    sim.change_cluster_resource_group(x, two).unwrap();
    let group_of = |n: &str| sim.inspect_resource(n).unwrap().group;
    assert_eq!(["A", "B", "X", "Y", "Z"].map(group_of), ["Two", "Two", "Two", "Two", "One"]);
    assert_eq!(sim.inspect_group("Two").unwrap().resources, ["A", "B", "X", "Y"]);
    assert_eq!(sim.inspect_group("One").unwrap().resources, ["Z"]);
    assert_eq!(sim.inspect_resource("X").unwrap().state, ClusterResourceState::Online);
    assert_eq!(sim.inspect_resource("A").unwrap().depends_on, ["B"]);
    assert_eq!(sim.get_cluster_group_state(two).unwrap().state, ClusterGroupState::PartialOnline);

    // Back again with the resource at the top, and a lone one moves alone.
    let one = sim.open_cluster_group(c, "One").unwrap();
    sim.change_cluster_resource_group(a, one).unwrap();
    assert_eq!(sim.inspect_group("One").unwrap().resources, ["Z", "A", "B", "X", "Y"]);
    sim.change_cluster_resource_group(z, two).unwrap();
    assert_eq!(sim.inspect_group("Two").unwrap().resources, ["Z"]);
    let _ = y;
}

#[test]
fn change_cluster_resource_group_refuses_a_pending_tree() {
    let sim = Simulator::builder()
        .cluster("C")
        .node("NODE1")
        .group("One", "NODE1")
        .resource("One", "A", "Generic Service")
        .resource("One", "B", "Generic Service")
        .group("Two", "NODE1")
        .pending_transitions(2)
        .build()
        .unwrap();
    let c = sim.open_cluster(None).unwrap();
    let a = sim.open_cluster_resource(c, "A").unwrap();
    let b = sim.open_cluster_resource(c, "B").unwrap();
    let two = sim.open_cluster_group(c, "Two").unwrap();
    sim.add_cluster_resource_dependency(a, b).unwrap();
    assert_eq!(code(sim.online_cluster_resource(b)), ERROR_IO_PENDING);
    // A is idle, but B of its tree is pending.
    assert_eq!(code(sim.change_cluster_resource_group(a, two)), ERROR_INVALID_STATE);
    assert_eq!(sim.inspect_resource("A").unwrap().group, "One");
}

#[test]
fn change_cluster_resource_group_checks_its_groups() {
    let sim = three_nodes();
    let c = sim.open_cluster(None).unwrap();
    let app = sim.open_cluster_group(c, "App").unwrap();
    let svc = sim.open_cluster_resource(c, "App Svc").unwrap();
    assert_eq!(code(sim.change_cluster_resource_group(svc, app)), ERROR_ALREADY_EXISTS);

    // The core group's resources stay.
    let sim = Simulator::default();
    let c = sim.open_cluster(None).unwrap();
    let ip = sim.open_cluster_resource(c, "Cluster IP Address").unwrap();
    let storage = sim.open_cluster_group(c, "Available Storage").unwrap();
    assert_eq!(code(sim.change_cluster_resource_group(ip, storage)), ERROR_CORE_RESOURCE);
    sim.delete_cluster_group(storage).unwrap();
    let core = sim.open_cluster_group(c, "Cluster Group").unwrap();
    let g = sim.create_cluster_group(c, "G").unwrap();
    let r = sim.create_cluster_resource(g, "R", "Generic Service", 0).unwrap();
    assert_eq!(code(sim.change_cluster_resource_group(r, storage)), ERROR_GROUP_NOT_AVAILABLE);
    sim.change_cluster_resource_group(r, core).unwrap();
    let (ro, _) = sim.open_cluster_ex(None, GENERIC_READ).unwrap();
    let ro_r = sim.open_cluster_resource(ro, "R").unwrap();
    assert_eq!(code(sim.change_cluster_resource_group(ro_r, g)), ERROR_ACCESS_DENIED);
}

#[test]
fn the_quorum_resource_is_empty_until_set() {
    let sim = Simulator::default();
    let c = sim.open_cluster(None).unwrap();
    let q = sim.get_cluster_quorum_resource(c).unwrap();
    assert_eq!((q.resource_name.as_str(), q.device_name.as_str(), q.max_quorum_log_size), ("", "", 0));
    let ip = sim.open_cluster_resource(c, "Cluster IP Address").unwrap();
    sim.set_cluster_quorum_resource(ip, "Q:\\", 4096).unwrap();
    let q = sim.get_cluster_quorum_resource(c).unwrap();
    assert_eq!(
        (q.resource_name.as_str(), q.device_name.as_str(), q.max_quorum_log_size),
        ("Cluster IP Address", "Q:\\", 4096)
    );
    assert_eq!(code(sim.set_cluster_quorum_resource(ip, "Q\0", 1)), ERROR_INVALID_PARAMETER);
    let (ro, _) = sim.open_cluster_ex(None, GENERIC_READ).unwrap();
    let ro_ip = sim.open_cluster_resource(ro, "Cluster IP Address").unwrap();
    assert_eq!(code(sim.set_cluster_quorum_resource(ro_ip, "", 0)), ERROR_ACCESS_DENIED);
    assert_eq!(sim.get_cluster_quorum_resource(ro).unwrap().max_quorum_log_size, 4096, "reads are allowed");
    sim.close_cluster(ro).unwrap();
    assert_eq!(code(sim.get_cluster_quorum_resource(ro)), ERROR_INVALID_HANDLE);
    // A renamed quorum resource is reported by its new name.
    sim.set_cluster_resource_name(ip, "Witness").unwrap();
    assert_eq!(sim.get_cluster_quorum_resource(c).unwrap().resource_name, "Witness");
}

#[test]
fn the_network_name_is_found_through_dependencies() {
    let sim = three_nodes();
    let c = sim.open_cluster(None).unwrap();
    let name = sim.open_cluster_resource(c, "App Name").unwrap();
    let svc = sim.open_cluster_resource(c, "App Svc").unwrap();
    let g = sim.open_cluster_group(c, "App").unwrap();
    let disk = sim.create_cluster_resource(g, "App Disk", "Physical Disk", 0).unwrap();
    assert_eq!(code(sim.get_cluster_resource_network_name(svc)), ERROR_DEPENDENCY_NOT_FOUND);
    assert_eq!(sim.get_cluster_resource_network_name(name).unwrap(), "App Name", "itself");
    // Indirectly: svc -> disk -> name.
    sim.add_cluster_resource_dependency(svc, disk).unwrap();
    assert_eq!(code(sim.get_cluster_resource_network_name(svc)), ERROR_DEPENDENCY_NOT_FOUND);
    sim.add_cluster_resource_dependency(disk, name).unwrap();
    assert_eq!(sim.get_cluster_resource_network_name(svc).unwrap(), "App Name");

    // The core network name answers the cluster's name.
    let sim = Simulator::default();
    let c = sim.open_cluster(None).unwrap();
    let cn = sim.open_cluster_resource(c, "Cluster Name").unwrap();
    let ip = sim.open_cluster_resource(c, "Cluster IP Address").unwrap();
    assert_eq!(sim.get_cluster_resource_network_name(cn).unwrap(), "SIMCLUSTER");
    assert_eq!(code(sim.get_cluster_resource_network_name(ip)), ERROR_DEPENDENCY_NOT_FOUND);
    assert_eq!(code(sim.set_cluster_name(c, "RENAMED")), ERROR_RESOURCE_PROPERTIES_STORED);
    assert_eq!(sim.get_cluster_resource_network_name(cn).unwrap(), "RENAMED");
}

#[test]
fn renames_keep_the_name_indexes_and_raise_property_events() {
    let sim = Simulator::default();
    let c = sim.open_cluster(None).unwrap();
    let port = sim.create_cluster_notify_port(None, c, change::ALL & !change::HANDLE_CLOSE, 1).unwrap();
    let g = sim.create_cluster_group(c, "Old Group").unwrap();
    let r = sim.create_cluster_resource(g, "Old Resource", "Generic Service", 0).unwrap();
    while sim.get_cluster_notify(port, 0).is_ok() {}

    // MS-CMRP 3.1.4.2.47 (in use: 183) and 3.1.4.1.47 (empty: 123).
    assert_eq!(code(sim.set_cluster_group_name(g, "available storage")), ERROR_ALREADY_EXISTS);
    assert_eq!(code(sim.set_cluster_group_name(g, "")), ERROR_INVALID_NAME);
    assert_eq!(code(sim.set_cluster_group_name(g, "A\0B")), ERROR_INVALID_PARAMETER);
    sim.set_cluster_group_name(g, "New Group").unwrap();
    let e = sim.get_cluster_notify(port, 0).unwrap();
    assert_eq!((e.filter_type, e.name.as_str()), (change::GROUP_PROPERTY, "New Group"));
    sim.set_cluster_group_name(g, "NEW GROUP").unwrap();
    assert_eq!(sim.get_cluster_notify(port, 0).unwrap().name, "NEW GROUP", "a change of case is a rename");
    let h = sim.open_cluster_group(c, "new group").unwrap();
    sim.close_cluster_group(h).unwrap();
    assert_eq!(code(sim.open_cluster_group(c, "Old Group")), ERROR_GROUP_NOT_FOUND);
    assert_eq!(sim.get_cluster_resource_state(r).unwrap().group, "NEW GROUP");

    assert_eq!(code(sim.set_cluster_resource_name(r, "CLUSTER NAME")), ERROR_ALREADY_EXISTS);
    assert_eq!(code(sim.set_cluster_resource_name(r, "")), ERROR_INVALID_NAME);
    assert_eq!(code(sim.set_cluster_resource_name(r, "A\0B")), ERROR_INVALID_PARAMETER);
    sim.set_cluster_resource_name(r, "New Resource").unwrap();
    let e = sim.get_cluster_notify(port, 0).unwrap();
    assert_eq!((e.filter_type, e.name.as_str()), (change::RESOURCE_PROPERTY, "New Resource"));
    let h = sim.open_cluster_resource(c, "NEW RESOURCE").unwrap();
    sim.close_cluster_resource(h).unwrap();
    assert_eq!(code(sim.open_cluster_resource(c, "Old Resource")), ERROR_RESOURCE_NOT_FOUND);

    let (ro, _) = sim.open_cluster_ex(None, GENERIC_READ).unwrap();
    let ro_g = sim.open_cluster_group(ro, "New Group").unwrap();
    assert_eq!(code(sim.set_cluster_group_name(ro_g, "X")), ERROR_ACCESS_DENIED);
    assert_eq!(code(sim.set_cluster_name(ro, "X")), ERROR_ACCESS_DENIED);
}

#[test]
fn set_cluster_name_renames_the_cluster_for_opens() {
    let sim = Simulator::builder().cluster("FIRST").node("A1").cluster("SECOND").node("B1").build().unwrap();
    let c = sim.open_cluster(Some("first")).unwrap();
    assert_eq!(code(sim.set_cluster_name(c, "second")), ERROR_OBJECT_ALREADY_EXISTS);
    assert_eq!(code(sim.set_cluster_name(c, "")), ERROR_INVALID_PARAMETER);
    assert_eq!(code(sim.set_cluster_name(c, &"N".repeat(64))), ERROR_INVALID_PARAMETER);
    // Its own node's name, plain or fully qualified: ERROR_INVALID_NAME (MS-CMRP 3.1.4.2.3).
    assert_eq!(code(sim.set_cluster_name(c, "a1")), ERROR_INVALID_NAME, "its own node");
    assert_eq!(code(sim.set_cluster_name(c, "A1.sim.test")), ERROR_INVALID_NAME, "its own node");
    // Names `open_cluster` takes for another simulated host, plain or fully qualified.
    assert_eq!(code(sim.set_cluster_name(c, "B1.sim.test")), ERROR_OBJECT_ALREADY_EXISTS);
    assert_eq!(code(sim.set_cluster_name(c, "Second.SIM.test")), ERROR_OBJECT_ALREADY_EXISTS);
    assert_eq!(code(sim.set_cluster_name(c, "localhost")), ERROR_INVALID_PARAMETER);
    assert_eq!(code(sim.set_cluster_name(c, ".")), ERROR_INVALID_PARAMETER);
    assert_eq!(sim.get_cluster_information(c).unwrap().name, "FIRST", "refusals change nothing");
    // An accepted name is stored, and the answer is the one Microsoft's SetClusterName
    // page documents for success: ERROR_RESOURCE_PROPERTIES_STORED.
    assert_eq!(code(sim.set_cluster_name(c, &"N".repeat(63))), ERROR_RESOURCE_PROPERTIES_STORED);
    assert_eq!(sim.get_cluster_information(c).unwrap().name, "N".repeat(63));
    assert_eq!(code(sim.set_cluster_name(c, "RENAMED")), ERROR_RESOURCE_PROPERTIES_STORED);
    assert_eq!(sim.get_cluster_information(c).unwrap().name, "RENAMED");
    // The current name too, in any case (a change of case is kept).
    assert_eq!(code(sim.set_cluster_name(c, "RENAMED")), ERROR_RESOURCE_PROPERTIES_STORED);
    assert_eq!(code(sim.set_cluster_name(c, "Renamed")), ERROR_RESOURCE_PROPERTIES_STORED);
    assert_eq!(sim.get_cluster_information(c).unwrap().name, "Renamed");
    assert_eq!(code(sim.set_cluster_name(c, "RENAMED")), ERROR_RESOURCE_PROPERTIES_STORED);
    assert_eq!(sim.get_cluster_information(c).unwrap().name, "RENAMED");
    let again = sim.open_cluster(Some("renamed")).unwrap();
    assert_eq!(code(sim.open_cluster(Some("FIRST"))), RPC_S_SERVER_UNAVAILABLE);
    let by_node = sim.open_cluster(Some("A1")).unwrap();
    assert_eq!(sim.get_cluster_information(by_node).unwrap().name, "RENAMED");
    for h in [again, by_node, c] {
        sim.close_cluster(h).unwrap();
    }
    sim.assert_no_open_handles();
}

#[test]
fn the_network_priority_order_drives_the_internal_enumeration() {
    let sim = three_nodes();
    let c = sim.open_cluster(None).unwrap();
    let internal = |sim: &Simulator| {
        let e = sim.cluster_open_enum(c, CLUSTER_ENUM_INTERNAL_NETWORK).unwrap();
        let names: Vec<String> =
            (0..sim.cluster_get_enum_count(e).unwrap()).map(|i| sim.cluster_enum(e, i).unwrap().1).collect();
        sim.cluster_close_enum(e).unwrap();
        names
    };
    assert_eq!(internal(&sim), ["Public", "Private"]);
    let public = sim.open_cluster_network(c, "Public").unwrap();
    let private = sim.open_cluster_network(c, "Private").unwrap();
    sim.set_cluster_network_priority_order(c, &[private, public]).unwrap();
    assert_eq!(internal(&sim), ["Private", "Public"]);
    for bad in [&[private][..], &[private, private], &[private, public, public], &[]] {
        assert_eq!(code(sim.set_cluster_network_priority_order(c, bad)), ERROR_INVALID_PARAMETER);
    }
    assert_eq!(internal(&sim), ["Private", "Public"], "a refusal changes nothing");
    // A network of another cluster of the simulator is not one of this cluster's.
    let two = Simulator::builder()
        .cluster("ONE")
        .node("N1")
        .network("Net")
        .cluster("TWO")
        .node("M1")
        .network("Other")
        .build()
        .unwrap();
    let one = two.open_cluster(Some("ONE")).unwrap();
    let other = two.open_cluster(Some("TWO")).unwrap();
    let foreign = two.open_cluster_network(other, "Other").unwrap();
    assert_eq!(code(two.set_cluster_network_priority_order(one, &[foreign])), ERROR_INVALID_PARAMETER);
    let (ro, _) = sim.open_cluster_ex(None, GENERIC_READ).unwrap();
    assert_eq!(code(sim.set_cluster_network_priority_order(ro, &[public, private])), ERROR_ACCESS_DENIED);
    sim.close_cluster_network(public).unwrap();
    assert_eq!(code(sim.set_cluster_network_priority_order(c, &[public, private])), ERROR_INVALID_HANDLE);
}

#[test]
fn evict_cluster_node_ex_reports_the_cleanup_status() {
    let sim = three_nodes();
    let c = sim.open_cluster(None).unwrap();
    let n1 = sim.open_cluster_node(c, "NODE1").unwrap();
    let n3 = sim.open_cluster_node(c, "NODE3").unwrap();
    let svc = sim.open_cluster_resource(c, "App Svc").unwrap();
    assert_eq!(code(sim.evict_cluster_node_ex(n1, 0)), ERROR_CANT_EVICT_ACTIVE_NODE);
    assert_eq!(sim.evict_cluster_node_ex(n3, 60_000).unwrap(), 0);
    assert_eq!(code(sim.evict_cluster_node_ex(n3, 0)), ERROR_CLUSTER_NODE_NOT_FOUND);
    assert_eq!(possible_owners(&sim, svc), ["NODE1", "NODE2"], "an evicted node owns nothing");
}

#[test]
fn calls_modern_servers_no_longer_implement() {
    let sim = Simulator::builder().cluster("SIMCLUSTER").node("NODE1").record_history(16).build().unwrap();
    let c = sim.open_cluster(None).unwrap();
    assert_eq!(code(sim.backup_cluster_database(c, "C:\\backup")), ERROR_CALL_NOT_IMPLEMENTED);
    assert_eq!(
        code(sim.restore_cluster_database("C:\\backup", true, Some("Q:"))),
        ERROR_CALL_NOT_IMPLEMENTED
    );
    assert_eq!(
        code(sim.set_cluster_service_account_password("SIMCLUSTER", "hunter2", 0)),
        ERROR_CALL_NOT_IMPLEMENTED
    );
    sim.close_cluster(c).unwrap();
    assert_eq!(code(sim.backup_cluster_database(c, "C:\\backup")), ERROR_INVALID_HANDLE, "the handle first");
    let history = sim.history();
    assert!(history.iter().any(|h| h.call == "set_cluster_service_account_password"));
    assert!(history.iter().all(|h| !h.args.contains("hunter2")), "the password is not recorded");
}

/// Microsoft's SetClusterName page: the rename "is not effective until the Network Name
/// resource is brought back online": the cluster's name changes at once, the name the
/// network answers to when the core network name comes online again.
#[test]
fn a_renamed_cluster_answers_to_its_new_name_once_its_network_name_is_back_online() {
    let sim = Simulator::default();
    let c = sim.open_cluster(None).unwrap();
    assert_eq!(code(sim.set_cluster_name(c, "NEWNAME")), ERROR_RESOURCE_PROPERTIES_STORED);
    assert_eq!(sim.get_cluster_information(c).unwrap().name, "NEWNAME");
    let old = sim.open_cluster(Some("SIMCLUSTER")).expect("the old name until the name resource restarts");
    assert_eq!(code(sim.open_cluster(Some("newname"))), RPC_S_SERVER_UNAVAILABLE);
    assert_eq!(sim.get_node_cluster_state(Some("NEWNAME")), clusapi_sim::NodeClusterState::NotInstalled);
    let name = sim.open_cluster_resource(c, "Cluster Name").unwrap();
    sim.offline_cluster_resource(name).unwrap();
    assert_eq!(code(sim.open_cluster(Some("newname"))), RPC_S_SERVER_UNAVAILABLE, "offline is not enough");
    sim.online_cluster_resource(name).unwrap();
    let new = sim.open_cluster(Some("newname")).expect("the new name once it is back online");
    assert_eq!(code(sim.open_cluster(Some("SIMCLUSTER"))), RPC_S_SERVER_UNAVAILABLE);
    for h in [new, old, c] {
        sim.close_cluster(h).unwrap();
    }
    sim.close_cluster_resource(name).unwrap();
    sim.assert_no_open_handles();
}
