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

    // The group and its resource change in one call: the group's event comes first
    // (topology order puts groups before resources).
    let first = sim.get_cluster_notify_v2(port, 0).unwrap();
    assert_eq!((first.filter, first.name.as_str(), first.key), (filters[0].with(v::GROUP_STATE), "App", 42));
    assert_eq!(first.payload, 1i32.to_le_bytes(), "the new group state: ClusterGroupOffline (1)");
    assert_eq!(first.parent_id, "1", "a group's parent is its owner node");
    let second = sim.get_cluster_notify_v2(port, 0).unwrap();
    assert_eq!((second.filter.object_type, second.filter.flags), (t::RESOURCE, v::RESOURCE_STATE));
    assert_eq!(second.object_type_name, "Generic Service");
    assert_eq!(second.parent_id, first.object_id, "a resource's parent is its group");
    assert_eq!(second.payload, 3i32.to_le_bytes(), "ClusterResourceOffline");
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
