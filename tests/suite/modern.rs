//! The modern calls: `ClusterOpenEnumEx`, the Ex group calls and their cancellation, node
//! drain and failback.

use clusapi_sim::{
    CLUSAPI_GROUP_MOVE_HIGH_PRIORITY_START, CLUSAPI_GROUP_MOVE_IGNORE_RESOURCE_STATUS,
    CLUSAPI_GROUP_MOVE_QUEUE_ENABLED, CLUSAPI_GROUP_MOVE_RETURN_TO_SOURCE_NODE_ON_ERROR,
    CLUSAPI_GROUP_ONLINE_IGNORE_RESOURCE_STATUS, CLUSTER_ENUM_ALL, CLUSTER_ENUM_GROUP, CLUSTER_ENUM_NODE,
    ClusterGroupState, ClusterNodeState, ClusterResourceState, DO_NOT_FAILBACK_GROUPS,
    FAILBACK_GROUPS_IMMEDIATELY, FAILBACK_GROUPS_PER_POLICY, HGroup, HNode, PropertyList, PropertyValue,
    Simulator, clusctl, codes,
};

/// Two nodes plus a third, two application groups on NODE1 and the core group.
fn sim(pending: Option<u32>) -> Simulator {
    let mut b = Simulator::builder()
        .record_history(64)
        .cluster("SIMCLUSTER")
        .node("NODE1")
        .node("NODE2")
        .node("NODE3")
        .network("Cluster Network 1")
        .group("Cluster Group", "NODE1")
        .resource("Cluster Group", "Cluster Name", "Network Name")
        .online_group("App1", "NODE1")
        .resource("App1", "App1 Service", "Generic Service")
        .online_group("App2", "NODE1")
        .resource("App2", "App2 Service", "Generic Service")
        .group("Empty", "NODE2");
    if let Some(n) = pending {
        b = b.pending_transitions(n);
    }
    b.build().expect("topology")
}

fn owner(sim: &Simulator, g: HGroup) -> String {
    sim.get_cluster_group_state(g).expect("state").owner_node
}

fn drain_status(sim: &Simulator, n: HNode) -> u32 {
    let bytes = sim
        .cluster_node_control(n, None, clusctl::CLUSCTL_NODE_GET_RO_COMMON_PROPERTIES, &[])
        .expect("ro common properties");
    let list = PropertyList::parse(&bytes).expect("property list");
    match list.get("NodeDrainStatus") {
        Some(PropertyValue::Dword(v)) => *v,
        other => panic!("NodeDrainStatus: {other:?}"),
    }
}

#[test]
fn enum_ex_lists_ids_and_names() {
    let sim = Simulator::default();
    let c = sim.open_cluster(None).unwrap();
    let e = sim.cluster_open_enum_ex(c, CLUSTER_ENUM_NODE | CLUSTER_ENUM_GROUP).unwrap();
    assert_eq!(sim.cluster_get_enum_count_ex(e).unwrap(), 4);
    let items: Vec<_> = (0..4).map(|i| sim.cluster_enum_ex(e, i).unwrap()).collect();
    assert_eq!((items[0].object_type, items[0].id.as_str(), items[0].name.as_str()), (1, "1", "NODE1"));
    assert_eq!((items[1].id.as_str(), items[1].name.as_str()), ("2", "NODE2"));
    assert_eq!(items[2].object_type, CLUSTER_ENUM_GROUP);
    assert_eq!(items[2].name, "Cluster Group");
    // A group's id is its GUID, as CLUSCTL_GROUP_GET_ID gives it.
    let g = sim.open_cluster_group(c, "Cluster Group").unwrap();
    let id = sim.cluster_group_control(g, None, clusctl::CLUSCTL_GROUP_GET_ID, &[]).unwrap();
    let id: Vec<u16> =
        id.chunks_exact(2).map(|b| u16::from_le_bytes([b[0], b[1]])).take_while(|&u| u != 0).collect();
    assert_eq!(items[2].id, String::from_utf16(&id).unwrap());
    assert_eq!(items[2].id.len(), 36);
    assert_eq!(sim.cluster_enum_ex(e, 4).unwrap_err().code(), codes::ERROR_NO_MORE_ITEMS);
    // The same objects as ClusterOpenEnum, in the same order.
    let all = sim.cluster_open_enum_ex(c, CLUSTER_ENUM_ALL).unwrap();
    let classic = sim.cluster_open_enum(c, CLUSTER_ENUM_ALL).unwrap();
    let n = sim.cluster_get_enum_count(classic).unwrap();
    assert_eq!(sim.cluster_get_enum_count_ex(all).unwrap(), n);
    for i in 0..n {
        let (t, name) = sim.cluster_enum(classic, i).unwrap();
        let item = sim.cluster_enum_ex(all, i).unwrap();
        assert_eq!((item.object_type, item.name), (t, name));
        assert!(!item.id.is_empty());
    }
    assert_eq!(sim.cluster_open_enum_ex(c, 0).unwrap_err().code(), codes::ERROR_INVALID_PARAMETER);
    sim.cluster_close_enum(classic).unwrap();
    sim.cluster_close_enum_ex(all).unwrap();
    sim.cluster_close_enum_ex(e).unwrap();
    assert_eq!(sim.cluster_close_enum_ex(e).unwrap_err().code(), codes::ERROR_INVALID_HANDLE);
    sim.close_cluster_group(g).unwrap();
    sim.close_cluster(c).unwrap();
    sim.assert_no_open_handles();
}

#[test]
fn ex_online_and_move_take_the_documented_flags() {
    let sim = sim(None);
    let c = sim.open_cluster(None).unwrap();
    let g = sim.open_cluster_group(c, "App1").unwrap();
    let n2 = sim.open_cluster_node(c, "NODE2").unwrap();
    let flags = CLUSAPI_GROUP_MOVE_RETURN_TO_SOURCE_NODE_ON_ERROR
        | CLUSAPI_GROUP_MOVE_QUEUE_ENABLED
        | CLUSAPI_GROUP_MOVE_HIGH_PRIORITY_START;
    sim.move_cluster_group_ex(g, Some(n2), flags, &[]).unwrap();
    assert_eq!(owner(&sim, g), "NODE2");
    assert_eq!(sim.get_cluster_group_state(g).unwrap().state, ClusterGroupState::Online);
    // Unknown flags are refused, and nothing moves.
    let e = sim.move_cluster_group_ex(g, None, 0x100, &[]).unwrap_err();
    assert_eq!(e.code(), codes::ERROR_INVALID_PARAMETER);
    assert_eq!(owner(&sim, g), "NODE2");
    // IGNORE_RESOURCE_STATUS with QUEUE_ENABLED: 87 (MS-CMRP 3.1.4.2.131), nothing moves;
    // each alone is accepted.
    let both = CLUSAPI_GROUP_MOVE_IGNORE_RESOURCE_STATUS | CLUSAPI_GROUP_MOVE_QUEUE_ENABLED;
    let e = sim.move_cluster_group_ex(g, None, both, &[]).unwrap_err();
    assert_eq!(e.code(), codes::ERROR_INVALID_PARAMETER);
    assert_eq!(owner(&sim, g), "NODE2");
    sim.move_cluster_group_ex(g, None, CLUSAPI_GROUP_MOVE_IGNORE_RESOURCE_STATUS, &[]).unwrap();
    sim.move_cluster_group_ex(g, Some(n2), CLUSAPI_GROUP_MOVE_QUEUE_ENABLED, &[]).unwrap();
    assert_eq!(owner(&sim, g), "NODE2");
    sim.offline_cluster_group(g).unwrap();
    assert_eq!(
        sim.online_cluster_group_ex(g, None, 0x80, &[1, 2, 3]).unwrap_err().code(),
        codes::ERROR_INVALID_PARAMETER
    );
    sim.online_cluster_group_ex(g, None, CLUSAPI_GROUP_ONLINE_IGNORE_RESOURCE_STATUS, &[]).unwrap();
    assert_eq!(sim.get_cluster_group_state(g).unwrap().state, ClusterGroupState::Online);
    // The classic refusals hold: a paused target.
    sim.pause_cluster_node(n2).unwrap();
    let n1 = sim.open_cluster_node(c, "NODE1").unwrap();
    sim.move_cluster_group_ex(g, Some(n1), 0, &[]).unwrap();
    assert_eq!(
        sim.move_cluster_group_ex(g, Some(n2), 0, &[]).unwrap_err().code(),
        codes::ERROR_SHARING_PAUSED
    );
    for h in [n1, n2] {
        sim.close_cluster_node(h).unwrap();
    }
    sim.close_cluster_group(g).unwrap();
    sim.close_cluster(c).unwrap();
}

#[test]
fn cancel_stops_a_pending_move_only() {
    let sim = sim(Some(3));
    let c = sim.open_cluster(None).unwrap();
    let g = sim.open_cluster_group(c, "App1").unwrap();
    let r = sim.open_cluster_resource(c, "App1 Service").unwrap();
    // Nothing pending: ERROR_INVALID_STATE.
    assert_eq!(sim.cancel_cluster_group_operation(g, 0).unwrap_err().code(), codes::ERROR_INVALID_STATE);
    let e = sim.move_cluster_group_ex(g, None, 0, &[]).unwrap_err();
    assert_eq!(e.code(), codes::ERROR_IO_PENDING);
    assert_eq!(sim.cancel_cluster_group_operation(g, 1).unwrap_err().code(), codes::ERROR_INVALID_PARAMETER);
    sim.cancel_cluster_group_operation(g, 0).unwrap();
    // A cancelled move returns the group to its persistent state (Microsoft's page): online,
    // on the node the move left.
    let st = sim.get_cluster_resource_state(r).unwrap();
    assert_eq!(st.state, ClusterResourceState::Online);
    assert_eq!(owner(&sim, g), "NODE1");
    assert_eq!(sim.get_cluster_group_state(g).unwrap().state, ClusterGroupState::Online);
    // The node it left is gone meanwhile: online where it is.
    assert_eq!(sim.move_cluster_group_ex(g, None, 0, &[]).unwrap_err().code(), codes::ERROR_IO_PENDING);
    assert_eq!(sim.inspect_group("App1").unwrap().owner_node, "NODE2");
    sim.crash_node("NODE1").unwrap();
    sim.cancel_cluster_group_operation(g, 0).unwrap();
    assert_eq!(owner(&sim, g), "NODE2");
    assert_eq!(sim.get_cluster_group_state(g).unwrap().state, ClusterGroupState::Online);
    sim.restore_node("NODE1").unwrap();
    sim.settle();
    // A pending online or offline is not a move: ERROR_INVALID_STATE, and it goes on
    // (MS-CMRP 3.1.4.2.133: "The specified group is not moving").
    assert_eq!(sim.offline_cluster_group(g).unwrap_err().code(), codes::ERROR_IO_PENDING);
    assert_eq!(sim.cancel_cluster_group_operation(g, 0).unwrap_err().code(), codes::ERROR_INVALID_STATE);
    assert_eq!(sim.get_cluster_resource_state(r).unwrap().state, ClusterResourceState::OfflinePending);
    sim.settle();
    assert_eq!(sim.get_cluster_group_state(g).unwrap().state, ClusterGroupState::Offline);
    assert_eq!(sim.online_cluster_group_ex(g, None, 0, &[]).unwrap_err().code(), codes::ERROR_IO_PENDING);
    assert_eq!(sim.cancel_cluster_group_operation(g, 0).unwrap_err().code(), codes::ERROR_INVALID_STATE);
    assert_eq!(sim.get_cluster_resource_state(r).unwrap().state, ClusterResourceState::OnlinePending);
    sim.settle();
    assert_eq!(sim.get_cluster_group_state(g).unwrap().state, ClusterGroupState::Online);
    // A settled move is over: a resource's own pending offline afterwards is not a move.
    assert_eq!(sim.move_cluster_group_ex(g, None, 0, &[]).unwrap_err().code(), codes::ERROR_IO_PENDING);
    sim.settle();
    assert_eq!(sim.offline_cluster_resource(r).unwrap_err().code(), codes::ERROR_IO_PENDING);
    assert_eq!(sim.cancel_cluster_group_operation(g, 0).unwrap_err().code(), codes::ERROR_INVALID_STATE);
    sim.settle();
    sim.close_cluster_resource(r).unwrap();
    sim.close_cluster_group(g).unwrap();
    sim.close_cluster(c).unwrap();
}

#[test]
fn drain_with_pending_transitions_then_failback() {
    let sim = sim(Some(2));
    let c = sim.open_cluster(None).unwrap();
    let n1 = sim.open_cluster_node(c, "NODE1").unwrap();
    let n3 = sim.open_cluster_node(c, "NODE3").unwrap();
    let groups: Vec<HGroup> =
        ["Cluster Group", "App1", "App2"].iter().map(|g| sim.open_cluster_group(c, g).unwrap()).collect();
    let app2 = groups[2];
    // App2 prefers NODE3; the others go to the first other up node, NODE2.
    sim.set_cluster_group_node_list(app2, &[n3]).unwrap();
    assert_eq!(drain_status(&sim, n1), 0);
    let e = sim.pause_cluster_node_ex(n1, true, 0, None).unwrap_err();
    assert_eq!(e.code(), codes::ERROR_IO_PENDING);
    assert_eq!(sim.get_cluster_node_state(n1).unwrap(), ClusterNodeState::Paused);
    assert_eq!(owner(&sim, groups[0]), "NODE2");
    assert_eq!(owner(&sim, groups[1]), "NODE2");
    assert_eq!(owner(&sim, app2), "NODE3");
    assert_eq!(drain_status(&sim, n1), 1);
    let busy = codes::ERROR_CLUSTER_NODE_EVACUATION_IN_PROGRESS;
    assert_eq!(busy, 5962);
    assert_eq!(sim.pause_cluster_node_ex(n1, true, 0, None).unwrap_err().code(), busy);
    assert_eq!(sim.resume_cluster_node_ex(n1, 1, 0).unwrap_err().code(), busy);
    assert_eq!(sim.resume_cluster_node(n1).unwrap_err().code(), busy);
    sim.settle();
    assert_eq!(drain_status(&sim, n1), 2);
    for &g in &groups[1..] {
        assert_eq!(sim.get_cluster_group_state(g).unwrap().state, ClusterGroupState::Online);
    }
    // DoNotFailbackGroups: the node is up, the groups stay.
    sim.resume_cluster_node_ex(n1, DO_NOT_FAILBACK_GROUPS, 0).unwrap();
    assert_eq!(sim.get_cluster_node_state(n1).unwrap(), ClusterNodeState::Up);
    assert_eq!(drain_status(&sim, n1), 0);
    assert_eq!(owner(&sim, groups[1]), "NODE2");
    for g in &groups {
        sim.close_cluster_group(*g).unwrap();
    }
    for n in [n1, n3] {
        sim.close_cluster_node(n).unwrap();
    }
    sim.close_cluster(c).unwrap();
    sim.assert_no_open_handles();
}

#[test]
fn failback_immediately_and_per_policy() {
    let sim = sim(None);
    let c = sim.open_cluster(None).unwrap();
    let n1 = sim.open_cluster_node(c, "NODE1").unwrap();
    let n3 = sim.open_cluster_node(c, "NODE3").unwrap();
    let app1 = sim.open_cluster_group(c, "App1").unwrap();
    let app2 = sim.open_cluster_group(c, "App2").unwrap();
    // Without pending transitions a drain completes at once, to the target given.
    sim.pause_cluster_node_ex(n1, true, 0, Some(n3)).unwrap();
    assert_eq!(drain_status(&sim, n1), 2);
    assert_eq!((owner(&sim, app1), owner(&sim, app2)), ("NODE3".to_owned(), "NODE3".to_owned()));
    sim.resume_cluster_node_ex(n1, FAILBACK_GROUPS_IMMEDIATELY, 0).unwrap();
    assert_eq!((owner(&sim, app1), owner(&sim, app2)), ("NODE1".to_owned(), "NODE1".to_owned()));
    assert_eq!(sim.get_cluster_group_state(app1).unwrap().state, ClusterGroupState::Online);
    // Per policy: only the groups whose AutoFailbackType is 1 come back.
    let allow = PropertyList::new().with("AutoFailbackType", PropertyValue::Dword(1)).to_bytes();
    sim.cluster_group_control(app2, None, clusctl::CLUSCTL_GROUP_SET_COMMON_PROPERTIES, &allow).unwrap();
    sim.pause_cluster_node_ex(n1, true, 0, None).unwrap();
    sim.resume_cluster_node_ex(n1, FAILBACK_GROUPS_PER_POLICY, 0).unwrap();
    assert_eq!((owner(&sim, app1), owner(&sim, app2)), ("NODE2".to_owned(), "NODE1".to_owned()));
    // Refusals: bad failback type, reserved flags, unknown pause flags, itself as target,
    // a node that is not paused.
    assert_eq!(
        sim.resume_cluster_node_ex(n1, 0, 0).unwrap_err().code(),
        codes::ERROR_CLUSTER_NODE_NOT_PAUSED
    );
    sim.pause_cluster_node(n1).unwrap();
    assert_eq!(sim.resume_cluster_node_ex(n1, 3, 0).unwrap_err().code(), codes::ERROR_INVALID_PARAMETER);
    assert_eq!(sim.resume_cluster_node_ex(n1, 0, 1).unwrap_err().code(), codes::ERROR_INVALID_PARAMETER);
    assert_eq!(
        sim.pause_cluster_node_ex(n1, true, 8, None).unwrap_err().code(),
        codes::ERROR_INVALID_PARAMETER
    );
    // Itself as target: ERROR_INVALID_TARGET_HANDLE (MS-CMRP 3.1.4.2.126).
    assert_eq!(
        sim.pause_cluster_node_ex(n1, true, 0, Some(n1)).unwrap_err().code(),
        codes::ERROR_INVALID_TARGET_HANDLE
    );
    assert_eq!(codes::ERROR_INVALID_TARGET_HANDLE, 114);
    sim.resume_cluster_node_ex(n1, 0, 0).unwrap();
    assert_eq!(
        sim.resume_cluster_node_ex(n1, 0, 0).unwrap_err().code(),
        codes::ERROR_CLUSTER_NODE_NOT_PAUSED
    );
    // A target that is not up: ERROR_HOST_NODE_NOT_AVAILABLE (MS-CMRP 3.1.4.2.126), also
    // a paused one; nothing changes.
    let n2 = sim.open_cluster_node(c, "NODE2").unwrap();
    sim.pause_cluster_node(n3).unwrap();
    let e = sim.pause_cluster_node_ex(n1, true, 0, Some(n3)).unwrap_err();
    assert_eq!(e.code(), codes::ERROR_HOST_NODE_NOT_AVAILABLE);
    assert_eq!(sim.get_cluster_node_state(n1).unwrap(), ClusterNodeState::Up);
    // A group that cannot move (no other up node is a possible owner): the move's code,
    // and nothing changes.
    let r2 = sim.open_cluster_resource(c, "App2 Service").unwrap();
    sim.remove_cluster_resource_node(r2, n2).unwrap();
    let e = sim.pause_cluster_node_ex(n1, true, 0, None).unwrap_err();
    assert_eq!(e.code(), codes::ERROR_HOST_NODE_NOT_AVAILABLE);
    assert_eq!(sim.get_cluster_node_state(n1).unwrap(), ClusterNodeState::Up);
    sim.add_cluster_resource_node(r2, n2).unwrap();
    sim.close_cluster_resource(r2).unwrap();
    // No other node up: ERROR_CLUSTER_NODE_DOWN (MS-CMRP 3.1.4.2.125).
    sim.pause_cluster_node(n2).unwrap();
    let e = sim.pause_cluster_node_ex(n1, true, 0, None).unwrap_err();
    assert_eq!(e.code(), codes::ERROR_CLUSTER_NODE_DOWN);
    assert_eq!(sim.get_cluster_node_state(n1).unwrap(), ClusterNodeState::Up);
    // Without drain it is a plain pause.
    sim.pause_cluster_node_ex(n1, false, 0, None).unwrap();
    assert_eq!(sim.get_cluster_node_state(n1).unwrap(), ClusterNodeState::Paused);
    assert_eq!(drain_status(&sim, n1), 0);
    for g in [app1, app2] {
        sim.close_cluster_group(g).unwrap();
    }
    for n in [n1, n2, n3] {
        sim.close_cluster_node(n).unwrap();
    }
    sim.close_cluster(c).unwrap();
}

#[test]
fn modern_calls_are_in_the_history_and_the_fault_plan() {
    let sim = sim(None);
    sim.add_fault(clusapi_sim::Fault::on("PauseClusterNodeEx").code(codes::ERROR_CLUSTER_NODE_DOWN)).unwrap();
    let c = sim.open_cluster(None).unwrap();
    let n1 = sim.open_cluster_node(c, "NODE1").unwrap();
    assert_eq!(
        sim.pause_cluster_node_ex(n1, true, 0, None).unwrap_err().code(),
        codes::ERROR_CLUSTER_NODE_DOWN
    );
    assert!(sim.history().iter().any(|r| r.call == "pause_cluster_node_ex"));
    sim.close_cluster_node(n1).unwrap();
    sim.close_cluster(c).unwrap();
}

/// `OnlineClusterResourceEx` / `OfflineClusterResourceEx`: the classic operation after the
/// documented flags are checked.
#[test]
fn resource_ex_calls_check_their_flags_then_act() {
    let sim = sim(None);
    let c = sim.open_cluster(None).unwrap();
    let r = sim.open_cluster_resource(c, "App1 Service").unwrap();
    assert_eq!(
        sim.offline_cluster_resource_ex(r, 0x8, &[]).unwrap_err().code(),
        codes::ERROR_INVALID_PARAMETER
    );
    assert_eq!(
        sim.get_cluster_resource_state(r).unwrap().state,
        ClusterResourceState::Online,
        "refused: unchanged"
    );
    sim.offline_cluster_resource_ex(r, 0x1 | 0x2 | 0x4, &[1, 2, 3]).unwrap();
    assert_eq!(sim.get_cluster_resource_state(r).unwrap().state, ClusterResourceState::Offline);
    assert_eq!(
        sim.online_cluster_resource_ex(r, 0x10, &[]).unwrap_err().code(),
        codes::ERROR_INVALID_PARAMETER
    );
    sim.online_cluster_resource_ex(r, 0x1 | 0x2 | 0x4 | 0x8 | 0x20, &[]).unwrap();
    assert_eq!(sim.get_cluster_resource_state(r).unwrap().state, ClusterResourceState::Online);
    let ro = sim.open_cluster_resource_ex(c, "App1 Service", clusapi_sim::GENERIC_READ).unwrap().0;
    assert_eq!(sim.offline_cluster_resource_ex(ro, 0, &[]).unwrap_err().code(), codes::ERROR_ACCESS_DENIED);
    for h in [r, ro] {
        sim.close_cluster_resource(h).unwrap();
    }
    sim.close_cluster(c).unwrap();
}

/// `RestartClusterResource`: offline, then back to its persistent state (MS-CMRP
/// `ApiRestartResource`), with its dependents that were online; through `OnlinePending`
/// with pending transitions.
#[test]
fn restart_brings_a_resource_and_its_dependents_back() {
    let sim = sim(Some(2));
    let c = sim.open_cluster(None).unwrap();
    let g = sim.open_cluster_group(c, "App1").unwrap();
    let svc = sim.open_cluster_resource(c, "App1 Service").unwrap();
    let ip = sim.create_cluster_resource(g, "App1 IP", "IP Address", 0).unwrap();
    sim.add_cluster_resource_dependency(svc, ip).unwrap();
    assert_eq!(sim.online_cluster_resource(ip).unwrap_err().code(), codes::ERROR_IO_PENDING);
    sim.settle();
    let port = sim.create_cluster_notify_port(None, c, clusapi_sim::change::RESOURCE_STATE, 1).unwrap();
    assert_eq!(sim.restart_cluster_resource(ip, 0).unwrap_err().code(), codes::ERROR_IO_PENDING);
    assert_eq!(sim.inspect_resource("App1 IP").unwrap().state, ClusterResourceState::OnlinePending);
    assert_eq!(sim.inspect_resource("App1 Service").unwrap().state, ClusterResourceState::OnlinePending);
    assert_eq!(sim.restart_cluster_resource(ip, 0).unwrap_err().code(), codes::ERROR_INVALID_STATE);
    sim.settle();
    assert_eq!(sim.inspect_resource("App1 IP").unwrap().state, ClusterResourceState::Online);
    assert_eq!(sim.inspect_resource("App1 Service").unwrap().state, ClusterResourceState::Online);
    // Listeners saw each go offline and come back.
    let mut seen = Vec::new();
    while let Ok(n) = sim.get_cluster_notify(port, 0) {
        seen.push(n.name);
    }
    assert_eq!(seen.iter().filter(|n| *n == "App1 IP").count(), 3, "{seen:?}");
    // An offline resource stays offline; flags are reserved and ignored.
    assert_eq!(sim.offline_cluster_resource(svc).unwrap_err().code(), codes::ERROR_IO_PENDING);
    sim.settle();
    sim.restart_cluster_resource(svc, 0x5).unwrap();
    assert_eq!(sim.inspect_resource("App1 Service").unwrap().state, ClusterResourceState::Offline);
    sim.close_cluster_notify_port(port).unwrap();
    for r in [svc, ip] {
        sim.close_cluster_resource(r).unwrap();
    }
    sim.close_cluster_group(g).unwrap();
    sim.close_cluster(c).unwrap();
}

/// `DestroyClusterGroup`: resources offline and deleted, then the group, in one call;
/// refused whole for the core group.
#[test]
fn destroy_removes_a_group_with_its_resources() {
    let sim = sim(Some(2));
    let c = sim.open_cluster(None).unwrap();
    let g = sim.open_cluster_group(c, "App1").unwrap();
    let core = sim.open_cluster_group(c, "Cluster Group").unwrap();
    assert_eq!(sim.destroy_cluster_group(core).unwrap_err().code(), codes::ERROR_SPECIAL_GROUP);
    assert!(sim.inspect_resource("Cluster Name").is_some(), "nothing changed");
    sim.destroy_cluster_group(g).unwrap();
    assert!(sim.inspect_group("App1").is_none());
    assert!(sim.inspect_resource("App1 Service").is_none());
    assert_eq!(sim.get_cluster_group_state(g).unwrap_err().code(), codes::ERROR_GROUP_NOT_AVAILABLE);
    assert_eq!(sim.destroy_cluster_group(g).unwrap_err().code(), codes::ERROR_GROUP_NOT_AVAILABLE);
    // The name is free again.
    let again = sim.create_cluster_group(c, "App1").unwrap();
    for h in [g, core, again] {
        sim.close_cluster_group(h).unwrap();
    }
    sim.close_cluster(c).unwrap();
    sim.assert_no_open_handles();
}

/// `ClusterGroupOpenEnumEx` with no properties: every group with its id, state, owner and
/// flags, as the single-object calls give them, and empty property lists.
#[test]
fn group_enum_ex_without_properties_lists_groups_as_the_single_calls_see_them() {
    let sim = sim(None);
    let c = sim.open_cluster(None).unwrap();
    let e = sim.cluster_group_open_enum_ex(c, &[], &[], 0).unwrap();
    assert_eq!(sim.cluster_group_get_enum_count_ex(e).unwrap(), 4);
    let names: Vec<String> = (0..4).map(|i| sim.cluster_group_enum_ex(e, i).unwrap().name).collect();
    assert_eq!(names, ["Cluster Group", "App1", "App2", "Empty"]);
    for i in 0..4 {
        let item = sim.cluster_group_enum_ex(e, i).unwrap();
        let g = sim.open_cluster_group(c, &item.name).unwrap();
        let state = sim.get_cluster_group_state(g).unwrap();
        assert_eq!((item.state, item.owner_node.as_str()), (state.state, state.owner_node.as_str()));
        let id = sim.cluster_group_control(g, None, clusctl::CLUSCTL_GROUP_GET_ID, &[]).unwrap();
        assert_eq!(clusapi_sim::sz_to_bytes(&item.id), id);
        let flags = sim.cluster_group_control(g, None, clusctl::CLUSCTL_GROUP_GET_FLAGS, &[]).unwrap();
        assert_eq!(item.flags.to_le_bytes().to_vec(), flags);
        assert!(item.properties.is_empty() && item.ro_properties.is_empty());
        sim.close_cluster_group(g).unwrap();
    }
    assert_eq!(sim.cluster_group_enum_ex(e, 0).unwrap().flags, 1, "CLUS_FLAG_CORE");
    assert_eq!(sim.cluster_group_enum_ex(e, 4).unwrap_err().code(), codes::ERROR_NO_MORE_ITEMS);
    assert_eq!(sim.cluster_group_enum_ex(e, u32::MAX).unwrap_err().code(), codes::ERROR_NO_MORE_ITEMS);
    sim.cluster_group_close_enum_ex(e).unwrap();
    assert_eq!(sim.cluster_group_get_enum_count_ex(e).unwrap_err().code(), codes::ERROR_INVALID_HANDLE);
    assert_eq!(sim.cluster_group_enum_ex(e, 0).unwrap_err().code(), codes::ERROR_INVALID_HANDLE);
    assert_eq!(sim.cluster_group_close_enum_ex(e).unwrap_err().code(), codes::ERROR_INVALID_HANDLE);
    sim.close_cluster(c).unwrap();
    sim.assert_no_open_handles();
}

/// Named properties: each name the set has (case-insensitive, in the catalog's spelling),
/// in the order asked, once; a read-only common name in the read-write list is left out; a
/// name that is no group common property is refused. `"*"` alone: the whole set, as `CLUSCTL_*_GET_(RO_)COMMON_PROPERTIES` gives it.
#[test]
fn group_enum_ex_returns_the_named_properties_or_all_of_them() {
    let sim = sim(None);
    let c = sim.open_cluster(None).unwrap();
    let app1 = sim.open_cluster_group(c, "App1").unwrap();
    let set = PropertyList::new().with("Priority", PropertyValue::Dword(3000)).to_bytes();
    sim.cluster_group_control(app1, None, clusctl::CLUSCTL_GROUP_SET_COMMON_PROPERTIES, &set).unwrap();
    // A name that is no group common property, or no read-only one in the read-only list:
    // 87 (MS-CMRP 3.1.4.2.139).
    for (rw, ro) in [(&["Priority", "nosuch"][..], &[][..]), (&[][..], &["Priority"][..])] {
        let e = sim.cluster_group_open_enum_ex(c, rw, ro, 0).unwrap_err();
        assert_eq!(e.code(), codes::ERROR_INVALID_PARAMETER, "{rw:?} {ro:?}");
    }
    // A read-only common name in the read-write list is valid, and left out there.
    let e = sim
        .cluster_group_open_enum_ex(c, &["priority", "GroupType", "Priority"], &["GROUPTYPE", "Name"], 0)
        .unwrap();
    let item = sim.cluster_group_enum_ex(e, 1).unwrap();
    assert_eq!(item.name, "App1");
    assert_eq!(item.properties, PropertyList::new().with("Priority", PropertyValue::Dword(3000)));
    assert_eq!(
        item.ro_properties,
        PropertyList::new()
            .with("GroupType", PropertyValue::Dword(9999))
            .with("Name", PropertyValue::Sz("App1".into()))
    );
    let core = sim.cluster_group_enum_ex(e, 0).unwrap();
    assert_eq!(core.ro_properties.get("GroupType"), Some(&PropertyValue::Dword(1)));
    assert_eq!(core.properties.get("Priority"), Some(&PropertyValue::Dword(2000)));
    sim.cluster_group_close_enum_ex(e).unwrap();

    let all = sim.cluster_group_open_enum_ex(c, &["*"], &["*"], 0).unwrap();
    let item = sim.cluster_group_enum_ex(all, 1).unwrap();
    let rw =
        sim.cluster_group_control(app1, None, clusctl::CLUSCTL_GROUP_GET_COMMON_PROPERTIES, &[]).unwrap();
    let ro =
        sim.cluster_group_control(app1, None, clusctl::CLUSCTL_GROUP_GET_RO_COMMON_PROPERTIES, &[]).unwrap();
    assert_eq!(item.properties, PropertyList::parse(&rw).unwrap());
    assert_eq!(item.ro_properties, PropertyList::parse(&ro).unwrap());
    sim.cluster_group_close_enum_ex(all).unwrap();
    // "*" among other names is only a name no property has.
    let mixed = sim.cluster_group_open_enum_ex(c, &["*", "Priority"], &[], 0).unwrap();
    assert_eq!(sim.cluster_group_enum_ex(mixed, 1).unwrap().properties.names(), ["Priority"]);
    sim.cluster_group_close_enum_ex(mixed).unwrap();
    sim.close_cluster_group(app1).unwrap();
    sim.close_cluster(c).unwrap();
}

/// The snapshot is taken at open: later changes (a move, a property, a new group) do not
/// show in it, and a new enumeration sees them.
#[test]
fn ex_enumerations_are_snapshots_taken_at_open() {
    let sim = sim(None);
    let c = sim.open_cluster(None).unwrap();
    let e = sim.cluster_group_open_enum_ex(c, &["Priority"], &[], 0).unwrap();
    let r = sim.cluster_resource_open_enum_ex(c, &[], &[], 0).unwrap();
    let app1 = sim.open_cluster_group(c, "App1").unwrap();
    let n2 = sim.open_cluster_node(c, "NODE2").unwrap();
    sim.move_cluster_group(app1, Some(n2)).unwrap();
    let set = PropertyList::new().with("Priority", PropertyValue::Dword(1000)).to_bytes();
    sim.cluster_group_control(app1, None, clusctl::CLUSCTL_GROUP_SET_COMMON_PROPERTIES, &set).unwrap();
    let new = sim.create_cluster_group(c, "Later").unwrap();
    let res = sim.create_cluster_resource(new, "Later Service", "Generic Service", 0).unwrap();
    sim.close_cluster_resource(res).unwrap();
    let before = sim.cluster_group_enum_ex(e, 1).unwrap();
    assert_eq!(
        (before.owner_node.as_str(), before.properties.get("Priority")),
        ("NODE1", Some(&PropertyValue::Dword(2000)))
    );
    assert_eq!(sim.cluster_group_get_enum_count_ex(e).unwrap(), 4);
    assert_eq!(sim.cluster_resource_get_enum_count_ex(r).unwrap(), 3);
    let again = sim.cluster_group_open_enum_ex(c, &["Priority"], &[], 0).unwrap();
    let after = sim.cluster_group_enum_ex(again, 1).unwrap();
    assert_eq!(
        (after.owner_node.as_str(), after.properties.get("Priority")),
        ("NODE2", Some(&PropertyValue::Dword(1000)))
    );
    assert_eq!(sim.cluster_group_get_enum_count_ex(again).unwrap(), 5);
    for h in [e, again] {
        sim.cluster_group_close_enum_ex(h).unwrap();
    }
    sim.cluster_resource_close_enum_ex(r).unwrap();
    sim.close_cluster_group(app1).unwrap();
    sim.close_cluster_group(new).unwrap();
    sim.close_cluster_node(n2).unwrap();
    sim.close_cluster(c).unwrap();
}

/// `ClusterResourceOpenEnumEx`: every resource with its group's name and id, and the
/// properties asked for, chosen as for groups.
#[test]
fn resource_enum_ex_lists_resources_with_their_groups_and_properties() {
    let sim = sim(None);
    let c = sim.open_cluster(None).unwrap();
    let e = sim.cluster_resource_open_enum_ex(c, &["RestartAction", "Type"], &["*"], 0).unwrap();
    assert_eq!(sim.cluster_resource_get_enum_count_ex(e).unwrap(), 3);
    let g = sim.open_cluster_group(c, "App2").unwrap();
    let group_id = sim.cluster_group_control(g, None, clusctl::CLUSCTL_GROUP_GET_ID, &[]).unwrap();
    let item = sim.cluster_resource_enum_ex(e, 2).unwrap();
    assert_eq!((item.name.as_str(), item.owner_group_name.as_str()), ("App2 Service", "App2"));
    assert_eq!(clusapi_sim::sz_to_bytes(&item.owner_group_id), group_id);
    let r = sim.open_cluster_resource(c, "App2 Service").unwrap();
    let id = sim.cluster_resource_control(r, None, clusctl::CLUSCTL_RESOURCE_GET_ID, &[]).unwrap();
    assert_eq!(clusapi_sim::sz_to_bytes(&item.id), id);
    assert_eq!(item.properties.names(), ["RestartAction", "Type"]);
    assert_eq!(item.properties.get("Type"), Some(&PropertyValue::Sz("Generic Service".into())));
    let ro = sim
        .cluster_resource_control(r, None, clusctl::CLUSCTL_RESOURCE_GET_RO_COMMON_PROPERTIES, &[])
        .unwrap();
    assert_eq!(item.ro_properties, PropertyList::parse(&ro).unwrap());
    assert_eq!(sim.cluster_resource_enum_ex(e, 3).unwrap_err().code(), codes::ERROR_NO_MORE_ITEMS);
    sim.cluster_resource_close_enum_ex(e).unwrap();
    assert_eq!(sim.cluster_resource_close_enum_ex(e).unwrap_err().code(), codes::ERROR_INVALID_HANDLE);
    sim.close_cluster_resource(r).unwrap();
    sim.close_cluster_group(g).unwrap();
    sim.close_cluster(c).unwrap();
    sim.assert_no_open_handles();
}

/// What the Ex opens refuse: reserved flags, bad or closed handles, an Ex enumeration of
/// the other kind; and a failed open leaves nothing open.
#[test]
fn ex_enumerations_refuse_flags_and_foreign_handles() {
    use clusapi_sim::{HGroupEnumEx, HResEnumEx};
    let sim = sim(None);
    let c = sim.open_cluster(None).unwrap();
    assert_eq!(
        sim.cluster_group_open_enum_ex(c, &[], &[], 1).unwrap_err().code(),
        codes::ERROR_INVALID_PARAMETER
    );
    assert_eq!(
        sim.cluster_resource_open_enum_ex(c, &["*"], &[], 0x8000_0000).unwrap_err().code(),
        codes::ERROR_INVALID_PARAMETER
    );
    let g = sim.cluster_group_open_enum_ex(c, &[], &[], 0).unwrap();
    let r = sim.cluster_resource_open_enum_ex(c, &[], &[], 0).unwrap();
    let as_res = HResEnumEx::from_raw(g.as_raw()).unwrap();
    let as_group = HGroupEnumEx::from_raw(r.as_raw()).unwrap();
    assert_eq!(
        sim.cluster_resource_get_enum_count_ex(as_res).unwrap_err().code(),
        codes::ERROR_INVALID_HANDLE
    );
    assert_eq!(sim.cluster_group_enum_ex(as_group, 0).unwrap_err().code(), codes::ERROR_INVALID_HANDLE);
    sim.cluster_group_close_enum_ex(g).unwrap();
    sim.cluster_resource_close_enum_ex(r).unwrap();
    sim.close_cluster(c).unwrap();
    assert_eq!(
        sim.cluster_group_open_enum_ex(c, &[], &[], 0).unwrap_err().code(),
        codes::ERROR_INVALID_HANDLE
    );
    sim.assert_no_open_handles();
}
