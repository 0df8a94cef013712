//! Notifications V2: the same events as version 1, filtered by object type and V2 flags,
//! with ids, parents, names, types and payloads.

use clusapi_sim::{
    Fault, NotifyFilter, NotifyObject, PropertyList, PropertyValue, Simulator, change_v2 as v, clusctl,
    codes, object_type as t,
};

#[test]
fn v2_events_arrive_in_order_with_ids_names_types_and_payloads() {
    let sim = Simulator::default_builder()
        .online_group("App", "NODE1")
        .resource("App", "App Service", "Generic Service")
        .build()
        .unwrap();
    let c = sim.open_cluster(None).unwrap();
    let filters = [
        NotifyFilter { object_type: t::GROUP, flags: v::GROUP_STATE | v::GROUP_COMMON_PROPERTY },
        NotifyFilter { object_type: t::RESOURCE, flags: v::RESOURCE_STATE },
        NotifyFilter { object_type: t::CLUSTER, flags: v::CLUSTER_GROUP_ADDED },
    ];
    let port = sim.create_cluster_notify_port_v2(None, c, &filters, 42).unwrap();
    let g = sim.open_cluster_group(c, "App").unwrap();
    sim.offline_cluster_group(g).unwrap();

    // The group's resource goes offline, and so the group: in that order (the order the
    // changes happened).
    let first = sim.get_cluster_notify_v2(port, 0).unwrap();
    assert_eq!((first.filter.object_type, first.filter.flags), (t::RESOURCE, v::RESOURCE_STATE));
    assert_eq!(first.object_type_name, "Generic Service");
    assert_eq!(first.payload, 3i32.to_le_bytes(), "ClusterResourceOffline");
    let second = sim.get_cluster_notify_v2(port, 0).unwrap();
    assert_eq!(
        (second.filter, second.name.as_str(), second.key),
        (filters[0].with(v::GROUP_STATE), "App", 42)
    );
    assert_eq!(second.payload, 1i32.to_le_bytes(), "the new group state: ClusterGroupOffline (1)");
    assert_eq!(second.parent_id, "1", "a group's parent is its owner node");
    assert_eq!(first.parent_id, second.object_id, "a resource's parent is its group");
    assert_eq!(sim.get_cluster_notify_v2(port, 0).unwrap_err().code(), codes::WAIT_TIMEOUT);

    // A property change carries the common property list.
    let set = PropertyList::new().with("Description", PropertyValue::Sz("v2".into()));
    sim.cluster_group_control(g, None, clusctl::CLUSCTL_GROUP_SET_COMMON_PROPERTIES, &set.to_bytes())
        .unwrap();
    let e = sim.get_cluster_notify_v2(port, 0).unwrap();
    assert_eq!(e.filter.flags, v::GROUP_COMMON_PROPERTY);
    let props = PropertyList::parse(&e.payload).unwrap();
    assert_eq!(props.get("Description"), Some(&PropertyValue::Sz("v2".into())));

    // A new group: the cluster's GROUP_ADDED, named after the group.
    let fresh = sim.create_cluster_group(c, "Fresh").unwrap();
    let e = sim.get_cluster_notify_v2(port, 0).unwrap();
    assert_eq!(
        (e.filter.object_type, e.filter.flags, e.name.as_str()),
        (t::CLUSTER, v::CLUSTER_GROUP_ADDED, "Fresh")
    );

    // Version 1 calls see nothing on a V2 port.
    assert_eq!(sim.get_cluster_notify(port, 0).unwrap_err().code(), codes::WAIT_TIMEOUT);
    assert_eq!(sim.get_notify_event_handle(port).unwrap(), clusapi_sim::Handle::as_raw(port));
    for h in [fresh, g] {
        sim.close_cluster_group(h).unwrap();
    }
    sim.close_cluster_notify_port(port).unwrap();
    sim.close_cluster(c).unwrap();
    sim.assert_no_open_handles();
}

trait With {
    fn with(self, flag: u64) -> Self;
}

impl With for NotifyFilter {
    fn with(self, flag: u64) -> Self {
        NotifyFilter { object_type: self.object_type, flags: flag }
    }
}

#[test]
fn object_registrations_and_refusals() {
    let sim = Simulator::default();
    let c = sim.open_cluster(None).unwrap();
    let port = sim
        .create_cluster_notify_port_v2(
            None,
            c,
            &[NotifyFilter { object_type: t::CLUSTER, flags: v::CLUSTER_NODE_ADDED }],
            1,
        )
        .unwrap();
    let n = sim.open_cluster_node(c, "NODE2").unwrap();
    let node_state = NotifyFilter { object_type: t::NODE, flags: v::NODE_STATE };
    sim.register_cluster_notify_v2(port, node_state, NotifyObject::Node(n), 7).unwrap();
    // The filter's object type must be the handle's; unknown types and empty lists are refused.
    let wrong = NotifyFilter { object_type: t::GROUP, flags: v::GROUP_STATE };
    assert_eq!(sim.register_cluster_notify_v2(port, wrong, NotifyObject::Node(n), 7).unwrap_err().code(), 87);
    let unknown = NotifyFilter { object_type: 99, flags: 1 };
    assert_eq!(sim.create_cluster_notify_port_v2(None, c, &[unknown], 1).unwrap_err().code(), 87);
    assert_eq!(sim.create_cluster_notify_port_v2(None, c, &[], 1).unwrap_err().code(), 87);
    sim.pause_cluster_node(n).unwrap();
    let e = sim.get_cluster_notify_v2(port, 0).unwrap();
    assert_eq!((e.key, e.filter, e.name.as_str(), e.object_id.as_str()), (7, node_state, "NODE2", "2"));
    assert_eq!(e.payload, 2i32.to_le_bytes(), "ClusterNodePaused");
    // Peek leaves the event queued; get takes it.
    sim.resume_cluster_node(n).unwrap();
    let peeked = sim.peek_cluster_notify_v2(port, 0).unwrap();
    assert_eq!(sim.get_cluster_notify_v2(port, 0).unwrap(), peeked);
    sim.close_cluster_node(n).unwrap();
    sim.close_cluster_notify_port(port).unwrap();
    assert_eq!(sim.get_cluster_notify_v2(port, 0).unwrap_err().code(), 6);
    assert_eq!(sim.get_notify_event_handle(port).unwrap_err().code(), 6);
}

/// A fault on `CreateClusterNotifyPortV2` fails the call before it makes anything: no port
/// is left open (it used to create the version 1 port, then fault, and leak it), and the
/// history has the one call.
#[test]
fn a_faulted_create_cluster_notify_port_v2_leaves_no_port() {
    let sim = Simulator::default_builder()
        .record_history(16)
        .fault(Fault::on("create_cluster_notify_port_v2").code(codes::ERROR_NOT_ENOUGH_MEMORY))
        .build()
        .unwrap();
    let c = sim.open_cluster(None).unwrap();
    let filters = [NotifyFilter { object_type: t::GROUP, flags: v::GROUP_STATE }];
    let handles = sim.open_handle_count();
    let calls = sim.history().len();
    let err = sim.create_cluster_notify_port_v2(None, c, &filters, 1).unwrap_err();
    assert_eq!(err.code(), codes::ERROR_NOT_ENOUGH_MEMORY);
    assert_eq!(sim.open_handle_count(), handles, "no port left open");
    let history = sim.history();
    assert_eq!(history.len(), calls + 1, "one entry: {history:#?}");
    let last = history.last().unwrap();
    assert_eq!(
        (last.call, last.result.clone()),
        ("create_cluster_notify_port_v2", Err(codes::ERROR_NOT_ENOUGH_MEMORY))
    );

    // The fault is the V2 call's own: version 1 is not affected, and without the fault the
    // V2 call works.
    let v1 = sim.create_cluster_notify_port(None, c, 0, 1).unwrap();
    sim.clear_faults();
    let port = sim.create_cluster_notify_port_v2(None, c, &filters, 1).unwrap();
    for p in [v1, port] {
        sim.close_cluster_notify_port(p).unwrap();
    }
    sim.close_cluster(c).unwrap();
    sim.assert_no_open_handles();
}

/// A deleted object's V2 event carries the id it had (and its parent's), as the other
/// events do: the deletion recorded them.
#[test]
fn deleted_objects_keep_their_ids() {
    let sim = Simulator::default();
    let c = sim.open_cluster(None).unwrap();
    let filters = [
        NotifyFilter { object_type: t::RESOURCE, flags: v::RESOURCE_DELETED },
        NotifyFilter { object_type: t::GROUP, flags: v::GROUP_DELETED },
        NotifyFilter { object_type: t::NODE, flags: v::NODE_DELETED },
        NotifyFilter { object_type: t::NETWORK_INTERFACE, flags: v::NETINTERFACE_DELETED },
    ];
    let port = sim.create_cluster_notify_port_v2(None, c, &filters, 1).unwrap();
    let g = sim.create_cluster_group(c, "Gone").unwrap();
    let r = sim.create_cluster_resource(g, "Gone Service", "Generic Service", 0).unwrap();
    let id = |out: Vec<u8>| {
        let units: Vec<u16> =
            out.chunks(2).map(|b| u16::from_le_bytes([b[0], b[1]])).take_while(|&u| u != 0).collect();
        String::from_utf16(&units).unwrap()
    };
    let group_id = id(sim.cluster_group_control(g, None, clusctl::CLUSCTL_GROUP_GET_ID, &[]).unwrap());
    let resource_id =
        id(sim.cluster_resource_control(r, None, clusctl::CLUSCTL_RESOURCE_GET_ID, &[]).unwrap());
    sim.delete_cluster_resource(r).unwrap();
    sim.delete_cluster_group(g).unwrap();
    let e = sim.get_cluster_notify_v2(port, 0).unwrap();
    assert_eq!(
        (e.filter.object_type, e.filter.flags, e.name.as_str()),
        (t::RESOURCE, v::RESOURCE_DELETED, "Gone Service")
    );
    assert_eq!((e.object_id.as_str(), e.parent_id.as_str()), (resource_id.as_str(), group_id.as_str()));
    assert_eq!(e.object_type_name, "Generic Service");
    let e = sim.get_cluster_notify_v2(port, 0).unwrap();
    assert_eq!(
        (e.filter.object_type, e.object_id.as_str(), e.parent_id.as_str()),
        (t::GROUP, group_id.as_str(), "1")
    );

    // An evicted node and its interfaces: each with its id, the interfaces' parent the node
    // (gone too, but its id is known).
    let n2 = sim.open_cluster_node(c, "NODE2").unwrap();
    sim.evict_cluster_node(n2).unwrap();
    let e = sim.get_cluster_notify_v2(port, 0).unwrap();
    assert_eq!((e.filter.object_type, e.name.as_str(), e.object_id.as_str()), (t::NODE, "NODE2", "2"));
    for network in ["Cluster Network 1", "Cluster Network 2"] {
        let e = sim.get_cluster_notify_v2(port, 0).unwrap();
        assert_eq!((e.filter.object_type, e.name), (t::NETWORK_INTERFACE, format!("NODE2 - {network}")));
        assert_eq!((e.object_id.len(), e.parent_id.as_str()), (36, "2"));
    }
    assert_eq!(sim.get_cluster_notify_v2(port, 0).unwrap_err().code(), codes::WAIT_TIMEOUT);
    sim.close_cluster_group(g).unwrap();
    sim.close_cluster_resource(r).unwrap();
    sim.close_cluster_node(n2).unwrap();
    sim.close_cluster_notify_port(port).unwrap();
    sim.close_cluster(c).unwrap();
    sim.assert_no_open_handles();
}

/// Stopping and starting the cluster service (levers) raise the cluster's state event,
/// version 1 and V2 (payload: `ClusterStateNotRunning` 3, then `ClusterStateRunning` 0x13).
#[test]
fn the_cluster_service_levers_raise_cluster_state() {
    let sim = Simulator::default();
    let c = sim.open_cluster(None).unwrap();
    let v1 = sim.create_cluster_notify_port(None, c, clusapi_sim::change::CLUSTER_STATE, 5).unwrap();
    let filters = [NotifyFilter { object_type: t::CLUSTER, flags: v::CLUSTER_STATE }];
    let port = sim.create_cluster_notify_port_v2(None, c, &filters, 6).unwrap();
    sim.stop_cluster_service(None).unwrap();
    sim.stop_cluster_service(None).unwrap(); // stopped already: no change
    // Calls through the cluster's handles wait for the service, the ports' too.
    assert_eq!(sim.get_cluster_notify(v1, 0).unwrap_err().code(), codes::RPC_S_SERVER_UNAVAILABLE);
    sim.start_cluster_service(None).unwrap();
    sim.start_cluster_service(None).unwrap(); // running already
    let got: Vec<_> = std::iter::from_fn(|| sim.get_cluster_notify(v1, 0).ok())
        .map(|n| (n.key, n.filter_type, n.name))
        .collect();
    let state = (5, clusapi_sim::change::CLUSTER_STATE, "SIMCLUSTER".to_owned());
    assert_eq!(got, [state.clone(), state]);
    let payloads: Vec<Vec<u8>> = std::iter::from_fn(|| sim.get_cluster_notify_v2(port, 0).ok())
        .inspect(|e| assert_eq!((e.filter, e.name.as_str(), e.key), (filters[0], "SIMCLUSTER", 6)))
        .map(|e| e.payload)
        .collect();
    assert_eq!(payloads, [3u32.to_le_bytes().to_vec(), 0x13u32.to_le_bytes().to_vec()]);
    for p in [v1, port] {
        sim.close_cluster_notify_port(p).unwrap();
    }
    sim.close_cluster(c).unwrap();
}
