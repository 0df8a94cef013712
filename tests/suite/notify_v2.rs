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

/// The events waiting in a V2 port, oldest first.
fn drain(sim: &Simulator, port: clusapi_sim::HChange) -> Vec<clusapi_sim::NotificationV2> {
    std::iter::from_fn(|| sim.get_cluster_notify_v2(port, 0).ok()).collect()
}

/// A name as the relationship events carry it: NUL-terminated UTF-16.
fn text(s: &str) -> Vec<u8> {
    s.encode_utf16().chain([0]).flat_map(u16::to_le_bytes).collect()
}

/// The GUID a group or resource reports (`CLUSCTL_*_GET_ID`).
fn id(out: Vec<u8>) -> String {
    let units: Vec<u16> =
        out.chunks(2).map(|b| u16::from_le_bytes([b[0], b[1]])).take_while(|&u| u != 0).collect();
    String::from_utf16(&units).unwrap()
}

/// A group's owner changes on a move and on a failover: the group's `GROUP_OWNER_NODE`
/// (parent: the new owner's id; payload: its name), then the old owner's
/// `NODE_GROUP_LOST` and the new owner's `NODE_GROUP_GAINED` (each named after the group),
/// in that order, after the group's state events. A listener for owner changes used to
/// wait forever.
#[test]
fn owner_changes_raise_group_owner_node_and_node_group_gained_and_lost() {
    let sim = Simulator::default_builder()
        .online_group("App", "NODE1")
        .resource("App", "App Service", "Generic Service")
        .build()
        .unwrap();
    let c = sim.open_cluster(None).unwrap();
    let filters = [
        NotifyFilter { object_type: t::GROUP, flags: v::GROUP_OWNER_NODE },
        NotifyFilter { object_type: t::NODE, flags: v::NODE_GROUP_GAINED | v::NODE_GROUP_LOST },
    ];
    let port = sim.create_cluster_notify_port_v2(None, c, &filters, 3).unwrap();
    let g = sim.open_cluster_group(c, "App").unwrap();
    let n2 = sim.open_cluster_node(c, "NODE2").unwrap();
    let group_id = id(sim.cluster_group_control(g, None, clusctl::CLUSCTL_GROUP_GET_ID, &[]).unwrap());
    let seen = |events: Vec<clusapi_sim::NotificationV2>| -> Vec<(u32, u64, String, String, String)> {
        events
            .into_iter()
            .inspect(|e| assert_eq!((e.key, e.name.as_str()), (3, "App")))
            .map(|e| (e.filter.object_type, e.filter.flags, e.object_id, e.parent_id, String::new()))
            .collect()
    };

    sim.move_cluster_group(g, Some(n2)).unwrap();
    let events = drain(&sim, port);
    assert_eq!(events[0].payload, text("NODE2"), "the new owner's name");
    assert_eq!(
        seen(events),
        [
            (t::GROUP, v::GROUP_OWNER_NODE, group_id.clone(), "2".into(), String::new()),
            (t::NODE, v::NODE_GROUP_LOST, "1".into(), String::new(), String::new()),
            (t::NODE, v::NODE_GROUP_GAINED, "2".into(), String::new(), String::new()),
        ]
    );
    assert_eq!(sim.get_cluster_group_state(g).unwrap().owner_node, "NODE2");

    // A failover: NODE2 crashes, the group comes back to NODE1.
    sim.crash_node("NODE2").unwrap();
    let events = drain(&sim, port);
    assert_eq!(events[0].payload, text("NODE1"));
    assert_eq!(
        seen(events),
        [
            (t::GROUP, v::GROUP_OWNER_NODE, group_id.clone(), "1".into(), String::new()),
            (t::NODE, v::NODE_GROUP_LOST, "2".into(), String::new(), String::new()),
            (t::NODE, v::NODE_GROUP_GAINED, "1".into(), String::new(), String::new()),
        ]
    );
    sim.restore_node("NODE2").unwrap();

    // Online on another node moves the group too; a registration on one node sees only
    // that node's events.
    sim.offline_cluster_group(g).unwrap();
    let node_port = sim
        .create_cluster_notify_port_v2(
            None,
            c,
            &[NotifyFilter { object_type: t::CLUSTER, flags: v::CLUSTER_STATE }],
            1,
        )
        .unwrap();
    let gained = NotifyFilter { object_type: t::NODE, flags: v::NODE_GROUP_GAINED };
    sim.register_cluster_notify_v2(node_port, gained, NotifyObject::Node(n2), 8).unwrap();
    sim.online_cluster_group(g, Some(n2)).unwrap();
    let got: Vec<_> =
        drain(&sim, node_port).into_iter().map(|e| (e.key, e.filter, e.name, e.object_id)).collect();
    assert_eq!(got, [(8, gained, "App".to_owned(), "2".to_owned())]);
    assert_eq!(drain(&sim, port).len(), 3, "owner node, lost, gained");

    sim.close_cluster_node(n2).unwrap();
    sim.close_cluster_group(g).unwrap();
    for p in [port, node_port] {
        sim.close_cluster_notify_port(p).unwrap();
    }
    sim.close_cluster(c).unwrap();
    sim.assert_no_open_handles();
}

/// `ChangeClusterResourceGroup`: the resource's `RESOURCE_OWNER_GROUP` (parent: the new
/// group's id; payload: its name), then `GROUP_RESOURCE_LOST` on the group it left and
/// `GROUP_RESOURCE_GAINED` on the group it joined, each named after the resource.
#[test]
fn a_resource_changing_group_raises_owner_group_and_resource_lost_and_gained() {
    let sim = Simulator::default_builder()
        .group("From", "NODE1")
        .resource("From", "Mover", "Generic Service")
        .group("To", "NODE1")
        .build()
        .unwrap();
    let c = sim.open_cluster(None).unwrap();
    let filters = [
        NotifyFilter { object_type: t::RESOURCE, flags: v::RESOURCE_OWNER_GROUP },
        NotifyFilter { object_type: t::GROUP, flags: v::GROUP_RESOURCE_LOST | v::GROUP_RESOURCE_GAINED },
    ];
    let port = sim.create_cluster_notify_port_v2(None, c, &filters, 4).unwrap();
    let (from, to) = (sim.open_cluster_group(c, "From").unwrap(), sim.open_cluster_group(c, "To").unwrap());
    let r = sim.open_cluster_resource(c, "Mover").unwrap();
    let gid = |g| id(sim.cluster_group_control(g, None, clusctl::CLUSCTL_GROUP_GET_ID, &[]).unwrap());
    let rid = id(sim.cluster_resource_control(r, None, clusctl::CLUSCTL_RESOURCE_GET_ID, &[]).unwrap());
    sim.change_cluster_resource_group(r, to).unwrap();
    let events = drain(&sim, port);
    let got: Vec<_> = events
        .iter()
        .map(|e| {
            (e.filter.object_type, e.filter.flags, e.name.as_str(), e.object_id.clone(), e.parent_id.clone())
        })
        .collect();
    assert_eq!(
        got,
        [
            (t::RESOURCE, v::RESOURCE_OWNER_GROUP, "Mover", rid, gid(to)),
            (t::GROUP, v::GROUP_RESOURCE_LOST, "Mover", gid(from), "1".into()),
            (t::GROUP, v::GROUP_RESOURCE_GAINED, "Mover", gid(to), "1".into()),
        ]
    );
    assert_eq!(events[0].payload, text("To"));
    assert_eq!(events[0].object_type_name, "Generic Service");
    sim.close_cluster_resource(r).unwrap();
    for g in [from, to] {
        sim.close_cluster_group(g).unwrap();
    }
    sim.close_cluster_notify_port(port).unwrap();
    sim.close_cluster(c).unwrap();
}

/// Preferred owners, dependencies (both sides) and possible owners: each its own V2 flag,
/// no payload; none of them is a common property change in V2 (version 1 still raises
/// `GROUP_PROPERTY` / `RESOURCE_PROPERTY` for the first two).
#[test]
fn preferred_owners_dependencies_dependents_and_possible_owners() {
    let sim = Simulator::default_builder()
        .group("App", "NODE1")
        .resource("App", "Disk", "Physical Disk")
        .resource("App", "Service", "Generic Service")
        .build()
        .unwrap();
    let c = sim.open_cluster(None).unwrap();
    let filters = [
        NotifyFilter { object_type: t::GROUP, flags: v::GROUP_ALL },
        NotifyFilter { object_type: t::RESOURCE, flags: v::RESOURCE_ALL },
    ];
    let port = sim.create_cluster_notify_port_v2(None, c, &filters, 5).unwrap();
    let g = sim.open_cluster_group(c, "App").unwrap();
    let n1 = sim.open_cluster_node(c, "NODE1").unwrap();
    let n2 = sim.open_cluster_node(c, "NODE2").unwrap();
    let service = sim.open_cluster_resource(c, "Service").unwrap();
    let disk = sim.open_cluster_resource(c, "Disk").unwrap();
    let got = |sim: &Simulator| -> Vec<(u64, String)> {
        drain(sim, port)
            .into_iter()
            .inspect(|e| assert!(e.payload.is_empty(), "{e:?}"))
            .map(|e| (e.filter.flags, e.name))
            .collect()
    };

    sim.set_cluster_group_node_list(g, &[n2, n1]).unwrap();
    assert_eq!(got(&sim), [(v::GROUP_PREFERRED_OWNERS, "App".to_owned())]);

    sim.add_cluster_resource_dependency(service, disk).unwrap();
    let both =
        [(v::RESOURCE_DEPENDENCIES, "Service".to_owned()), (v::RESOURCE_DEPENDENTS, "Disk".to_owned())];
    assert_eq!(got(&sim), both);
    sim.remove_cluster_resource_dependency(service, disk).unwrap();
    assert_eq!(got(&sim), both);

    sim.remove_cluster_resource_node(service, n2).unwrap();
    assert_eq!(got(&sim), [(v::RESOURCE_POSSIBLE_OWNERS, "Service".to_owned())]);
    sim.add_cluster_resource_node(service, n2).unwrap();
    assert_eq!(got(&sim), [(v::RESOURCE_POSSIBLE_OWNERS, "Service".to_owned())]);
    // A refused call raises nothing.
    assert!(sim.add_cluster_resource_node(service, n2).is_err());
    assert_eq!(got(&sim), []);

    for h in [service, disk] {
        sim.close_cluster_resource(h).unwrap();
    }
    for n in [n1, n2] {
        sim.close_cluster_node(n).unwrap();
    }
    sim.close_cluster_group(g).unwrap();
    sim.close_cluster_notify_port(port).unwrap();
    sim.close_cluster(c).unwrap();
}

/// A set of private properties raises `*_PRIVATE_PROPERTY` with the private property list,
/// a set of common ones `*_COMMON_PROPERTY` with the common list; version 1 raises its
/// one `*_PROPERTY` for either.
#[test]
fn private_and_common_property_sets_raise_their_own_flags() {
    let sim = Simulator::default_builder().group("App", "NODE1").build().unwrap();
    let c = sim.open_cluster(None).unwrap();
    let filters = [
        NotifyFilter { object_type: t::GROUP, flags: v::GROUP_COMMON_PROPERTY | v::GROUP_PRIVATE_PROPERTY },
        NotifyFilter { object_type: t::NODE, flags: v::NODE_PRIVATE_PROPERTY },
        NotifyFilter { object_type: t::CLUSTER, flags: v::CLUSTER_PRIVATE_PROPERTY },
    ];
    let port = sim.create_cluster_notify_port_v2(None, c, &filters, 6).unwrap();
    let v1 = sim.create_cluster_notify_port(None, c, clusapi_sim::change::GROUP_PROPERTY, 1).unwrap();
    let g = sim.open_cluster_group(c, "App").unwrap();
    let private = PropertyList::new().with("Mine", PropertyValue::Dword(7)).to_bytes();
    sim.cluster_group_control(g, None, clusctl::CLUSCTL_GROUP_SET_PRIVATE_PROPERTIES, &private).unwrap();
    let e = sim.get_cluster_notify_v2(port, 0).unwrap();
    assert_eq!(
        (e.filter.object_type, e.filter.flags, e.name.as_str()),
        (t::GROUP, v::GROUP_PRIVATE_PROPERTY, "App")
    );
    assert_eq!(PropertyList::parse(&e.payload).unwrap().get("Mine"), Some(&PropertyValue::Dword(7)));
    let common = PropertyList::new().with("Description", PropertyValue::Sz("c".into())).to_bytes();
    sim.cluster_group_control(g, None, clusctl::CLUSCTL_GROUP_SET_COMMON_PROPERTIES, &common).unwrap();
    let e = sim.get_cluster_notify_v2(port, 0).unwrap();
    assert_eq!(e.filter.flags, v::GROUP_COMMON_PROPERTY);
    assert_eq!(PropertyList::parse(&e.payload).unwrap().get("Mine"), None, "the common list");
    let v1_events: Vec<u32> =
        std::iter::from_fn(|| sim.get_cluster_notify(v1, 0).ok()).map(|n| n.filter_type).collect();
    assert_eq!(v1_events, [clusapi_sim::change::GROUP_PROPERTY; 2]);

    let n = sim.open_cluster_node(c, "NODE1").unwrap();
    sim.cluster_node_control(n, None, clusctl::CLUSCTL_NODE_SET_PRIVATE_PROPERTIES, &private).unwrap();
    sim.cluster_control(c, None, clusctl::CLUSCTL_CLUSTER_SET_PRIVATE_PROPERTIES, &private).unwrap();
    let got: Vec<_> =
        drain(&sim, port).into_iter().map(|e| (e.filter.object_type, e.filter.flags, e.name)).collect();
    assert_eq!(
        got,
        [
            (t::NODE, v::NODE_PRIVATE_PROPERTY, "NODE1".to_owned()),
            (t::CLUSTER, v::CLUSTER_PRIVATE_PROPERTY, "SIMCLUSTER".to_owned()),
        ]
    );
    sim.close_cluster_node(n).unwrap();
    sim.close_cluster_group(g).unwrap();
    for p in [port, v1] {
        sim.close_cluster_notify_port(p).unwrap();
    }
    sim.close_cluster(c).unwrap();
}

/// `SetClusterName`: the cluster's `COMMON_PROPERTY` (its name is one), then its `RENAME`,
/// named with the new name, no payload.
#[test]
fn set_cluster_name_raises_cluster_rename() {
    let sim = Simulator::default();
    let c = sim.open_cluster(None).unwrap();
    let filters =
        [NotifyFilter { object_type: t::CLUSTER, flags: v::CLUSTER_RENAME | v::CLUSTER_COMMON_PROPERTY }];
    let port = sim.create_cluster_notify_port_v2(None, c, &filters, 2).unwrap();
    let _ = sim.set_cluster_name(c, "RENAMED");
    let got: Vec<_> =
        drain(&sim, port).into_iter().map(|e| (e.filter.flags, e.name, e.payload.is_empty())).collect();
    assert_eq!(
        got,
        [
            (v::CLUSTER_COMMON_PROPERTY, "RENAMED".to_owned(), false),
            (v::CLUSTER_RENAME, "RENAMED".to_owned(), true)
        ]
    );
    sim.close_cluster_notify_port(port).unwrap();
    sim.close_cluster(c).unwrap();
}

/// Closing a handle registered with `RegisterClusterNotifyV2` raises the type's
/// `*_HANDLE_CLOSE` (when the filter has it), with the object's id and name; the
/// registration goes with the handle.
#[test]
fn closing_a_registered_handle_raises_handle_close_v2() {
    let sim = Simulator::default();
    let c = sim.open_cluster(None).unwrap();
    let port = sim
        .create_cluster_notify_port_v2(
            None,
            c,
            &[NotifyFilter { object_type: t::CLUSTER, flags: v::CLUSTER_STATE }],
            1,
        )
        .unwrap();
    let g = sim.open_cluster_group(c, "Cluster Group").unwrap();
    let n = sim.open_cluster_node(c, "NODE2").unwrap();
    let quiet = sim.open_cluster_node(c, "NODE1").unwrap();
    sim.register_cluster_notify_v2(
        port,
        NotifyFilter { object_type: t::GROUP, flags: v::GROUP_ALL },
        NotifyObject::Group(g),
        11,
    )
    .unwrap();
    let node_close = NotifyFilter { object_type: t::NODE, flags: v::NODE_HANDLE_CLOSE };
    sim.register_cluster_notify_v2(port, node_close, NotifyObject::Node(n), 12).unwrap();
    let no_close = NotifyFilter { object_type: t::NODE, flags: v::NODE_STATE };
    sim.register_cluster_notify_v2(port, no_close, NotifyObject::Node(quiet), 13).unwrap();
    let group_id = id(sim.cluster_group_control(g, None, clusctl::CLUSCTL_GROUP_GET_ID, &[]).unwrap());
    sim.close_cluster_group(g).unwrap();
    sim.close_cluster_node(n).unwrap();
    sim.close_cluster_node(quiet).unwrap();
    let got: Vec<_> = drain(&sim, port)
        .into_iter()
        .inspect(|e| assert!(e.payload.is_empty()))
        .map(|e| (e.key, e.filter.object_type, e.filter.flags, e.name, e.object_id))
        .collect();
    assert_eq!(
        got,
        [
            (11, t::GROUP, v::GROUP_HANDLE_CLOSE, "Cluster Group".to_owned(), group_id),
            (12, t::NODE, v::NODE_HANDLE_CLOSE, "NODE2".to_owned(), "2".to_owned()),
        ]
    );
    sim.close_cluster_notify_port(port).unwrap();
    sim.close_cluster(c).unwrap();
    sim.assert_no_open_handles();
}

/// Flags the simulator cannot raise are refused with `ERROR_INVALID_PARAMETER`, by both
/// calls, rather than accepted and never raised; each type's `*_ALL` mask is accepted
/// exactly (and means every flag of the type the simulator raises); unknown bits are refused.
#[test]
fn flags_never_raised_are_refused_and_all_masks_accepted() {
    let sim = Simulator::default();
    let c = sim.open_cluster(None).unwrap();
    let refused = [
        (t::CLUSTER, v::CLUSTER_RECONNECT),
        (t::CLUSTER, v::CLUSTER_HANDLE_CLOSE),
        (t::CLUSTER, v::CLUSTER_LOST_NOTIFICATIONS),
        (t::CLUSTER, v::CLUSTER_MEMBERSHIP),
        (t::CLUSTER, v::CLUSTER_UPGRADED),
        (t::RESOURCE, v::RESOURCE_DLL_UPGRADED),
        (t::RESOURCE, v::RESOURCE_TERMINAL_STATE),
        (t::RESOURCE_TYPE, v::RESOURCE_TYPE_POSSIBLE_OWNERS),
        (t::RESOURCE_TYPE, v::RESOURCE_TYPE_DLL_UPGRADED),
        (t::RESOURCE_TYPE, v::RESOURCE_TYPE_SPECIFIC),
        // Bits no enumeration defines, and everything.
        (t::GROUP, 0x400),
        (t::NODE, 0x100),
        (t::NODE, u64::MAX),
    ];
    for (object_type, flags) in refused {
        let f = NotifyFilter { object_type, flags };
        let err = sim.create_cluster_notify_port_v2(None, c, &[f], 1).unwrap_err();
        assert_eq!(err.code(), codes::ERROR_INVALID_PARAMETER, "{f:?}");
        // Mixed with raised flags, still refused.
        let mixed = NotifyFilter { object_type, flags: flags | 0x2 };
        assert_eq!(
            sim.create_cluster_notify_port_v2(None, c, &[mixed], 1).unwrap_err().code(),
            87,
            "{mixed:?}"
        );
    }
    let all = [
        (t::CLUSTER, v::CLUSTER_ALL),
        (t::GROUP, v::GROUP_ALL),
        (t::RESOURCE, v::RESOURCE_ALL),
        (t::RESOURCE_TYPE, v::RESOURCE_TYPE_ALL),
        (t::NETWORK_INTERFACE, v::NETINTERFACE_ALL),
        (t::NETWORK, v::NETWORK_ALL),
        (t::NODE, v::NODE_ALL),
    ];
    let filters: Vec<NotifyFilter> =
        all.iter().map(|&(object_type, flags)| NotifyFilter { object_type, flags }).collect();
    let port = sim.create_cluster_notify_port_v2(None, c, &filters, 1).unwrap();
    // RegisterClusterNotifyV2 checks the same way.
    let n = sim.open_cluster_node(c, "NODE2").unwrap();
    let bad = NotifyFilter { object_type: t::NODE, flags: v::NODE_STATE | 0x100 };
    assert_eq!(sim.register_cluster_notify_v2(port, bad, NotifyObject::Node(n), 2).unwrap_err().code(), 87);
    let r = sim.open_cluster_resource(c, "Cluster Name").unwrap();
    let terminal = NotifyFilter { object_type: t::RESOURCE, flags: v::RESOURCE_TERMINAL_STATE };
    assert_eq!(
        sim.register_cluster_notify_v2(port, terminal, NotifyObject::Resource(r), 2).unwrap_err().code(),
        87
    );
    let every = NotifyFilter { object_type: t::RESOURCE, flags: v::RESOURCE_ALL };
    sim.register_cluster_notify_v2(port, every, NotifyObject::Resource(r), 2).unwrap();
    // ALL: a move raises the group's state, owner and the nodes' events.
    let g = sim.open_cluster_group(c, "Available Storage").unwrap();
    sim.move_cluster_group(g, None).unwrap();
    let flags: Vec<(u32, u64)> =
        drain(&sim, port).into_iter().map(|e| (e.filter.object_type, e.filter.flags)).collect();
    assert!(flags.contains(&(t::GROUP, v::GROUP_OWNER_NODE)), "{flags:?}");
    assert!(flags.contains(&(t::NODE, v::NODE_GROUP_GAINED)), "{flags:?}");
    sim.close_cluster_group(g).unwrap();
    sim.close_cluster_resource(r).unwrap();
    sim.close_cluster_node(n).unwrap();
    sim.close_cluster_notify_port(port).unwrap();
    sim.close_cluster(c).unwrap();
    sim.assert_no_open_handles();
}
