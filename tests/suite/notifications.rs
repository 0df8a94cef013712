//! Notifications: every change raises its event, in order; object registrations and
//! HANDLE_CLOSE; WAIT_TIMEOUT; a waiting thread wakes without busy-waiting.

use std::time::Duration;

use clusapi_sim::{NotifyObject, Simulator, change, codes::*};

fn drain(sim: &Simulator, port: clusapi_sim::HChange) -> Vec<(u32, String)> {
    std::iter::from_fn(|| sim.get_cluster_notify(port, 0).ok()).map(|n| (n.filter_type, n.name)).collect()
}

#[test]
fn changes_raise_events_in_the_order_they_happened() {
    let sim = Simulator::default();
    let c = sim.open_cluster(None).unwrap();
    let port = sim.create_cluster_notify_port(None, c, change::ALL & !change::HANDLE_CLOSE, 1).unwrap();
    assert_eq!(sim.get_cluster_notify(port, 0).unwrap_err().code(), WAIT_TIMEOUT, "nothing yet");

    let g = sim.create_cluster_group(c, "New").unwrap();
    let r = sim.create_cluster_resource(g, "Svc", "Generic Service", 0).unwrap();
    sim.online_cluster_resource(r).unwrap();
    let n2 = sim.open_cluster_node(c, "NODE2").unwrap();
    sim.pause_cluster_node(n2).unwrap();
    let net = sim.open_cluster_network(c, "Cluster Network 2").unwrap();
    sim.set_cluster_network_name(net, "Backup").unwrap();
    let s = |bit: u32, name: &str| (bit, name.to_owned());
    assert_eq!(
        drain(&sim, port),
        [
            s(change::GROUP_ADDED, "New"),
            s(change::RESOURCE_ADDED, "Svc"),
            // The resource's change, then its group's state, which follows from it.
            s(change::RESOURCE_STATE, "Svc"),
            s(change::GROUP_STATE, "New"),
            s(change::NODE_STATE, "NODE2"),
            s(change::NETWORK_PROPERTY, "Backup"),
        ]
    );
    sim.offline_cluster_resource(r).unwrap();
    sim.delete_cluster_resource(r).unwrap();
    sim.delete_cluster_group(g).unwrap();
    assert_eq!(
        drain(&sim, port),
        [
            s(change::RESOURCE_STATE, "Svc"),
            s(change::GROUP_STATE, "New"),
            s(change::RESOURCE_DELETED, "Svc"),
            s(change::GROUP_DELETED, "New")
        ]
    );
    sim.crash_node("NODE1").unwrap();
    let events = drain(&sim, port);
    assert!(events.contains(&s(change::NODE_STATE, "NODE1")), "{events:?}");
    assert!(events.contains(&s(change::GROUP_STATE, "Cluster Group")), "the failover: {events:?}");
    assert!(events.contains(&s(change::NETINTERFACE_STATE, "NODE1 - Cluster Network 1")), "{events:?}");
}

#[test]
fn filters_and_object_registrations_select_events() {
    let sim = Simulator::default();
    let c = sim.open_cluster(None).unwrap();
    let port = sim.create_cluster_notify_port(None, c, change::NODE_STATE, 10).unwrap();
    let g = sim.open_cluster_group(c, "Available Storage").unwrap();
    sim.register_cluster_notify(port, change::GROUP_STATE | change::HANDLE_CLOSE, NotifyObject::Group(g), 20)
        .unwrap();
    let n2 = sim.open_cluster_node(c, "NODE2").unwrap();
    sim.move_cluster_group(g, Some(n2)).unwrap();
    let core = sim.open_cluster_group(c, "Cluster Group").unwrap();
    sim.move_cluster_group(core, Some(n2)).unwrap(); // not registered: no event
    sim.pause_cluster_node(n2).unwrap();
    sim.close_cluster_group(g).unwrap();
    let got: Vec<(usize, u32, String)> = std::iter::from_fn(|| sim.get_cluster_notify(port, 0).ok())
        .map(|n| (n.key, n.filter_type, n.name))
        .collect();
    assert_eq!(
        got,
        [
            (20, change::GROUP_STATE, "Available Storage".to_owned()),
            (10, change::NODE_STATE, "NODE2".to_owned()),
            (20, change::HANDLE_CLOSE, "Available Storage".to_owned())
        ]
    );
    // A second cluster registration on the same port, with its own key.
    let again = sim.create_cluster_notify_port(Some(port), c, change::GROUP_STATE, 30).unwrap();
    assert_eq!(again, port);
    sim.move_cluster_group(core, None).unwrap();
    assert_eq!(sim.get_cluster_notify(port, 0).unwrap().key, 30);
    sim.close_cluster_notify_port(port).unwrap();
    assert_eq!(sim.get_cluster_notify(port, 0).unwrap_err().code(), ERROR_INVALID_HANDLE);
}

#[test]
fn peek_leaves_the_event_and_a_waiter_wakes_on_a_change() {
    let sim = Simulator::default();
    let c = sim.open_cluster(None).unwrap();
    let port = sim.create_cluster_notify_port(None, c, change::NODE_STATE, 5).unwrap();
    let n = sim.open_cluster_node(c, "NODE2").unwrap();
    let other = sim.clone();
    let waiter = std::thread::spawn(move || other.get_cluster_notify(port, u32::MAX));
    // Give the waiter a moment to block; the test is correct either way.
    std::thread::sleep(Duration::from_millis(20));
    sim.pause_cluster_node(n).unwrap();
    let got = waiter.join().expect("no panic").expect("woken by the change");
    assert_eq!((got.key, got.name.as_str()), (5, "NODE2"));

    sim.resume_cluster_node(n).unwrap();
    assert_eq!(sim.peek_cluster_notify(port, 0).unwrap().name, "NODE2");
    assert_eq!(sim.get_cluster_notify(port, 0).unwrap().name, "NODE2", "the peeked event is still there");
    assert_eq!(sim.get_cluster_notify(port, 10).unwrap_err().code(), WAIT_TIMEOUT);
}

#[test]
fn closing_the_port_wakes_a_waiter() {
    let sim = Simulator::default();
    let c = sim.open_cluster(None).unwrap();
    let port = sim.create_cluster_notify_port(None, c, change::ALL, 0).unwrap();
    let other = sim.clone();
    let waiter = std::thread::spawn(move || other.get_cluster_notify(port, u32::MAX));
    std::thread::sleep(Duration::from_millis(20));
    sim.close_cluster_notify_port(port).unwrap();
    assert_eq!(waiter.join().unwrap().unwrap_err().code(), ERROR_INVALID_HANDLE);
    sim.close_cluster(c).unwrap();
    sim.assert_no_open_handles();
}

/// One call's events come in the order their causes happened: a crash takes the node down,
/// then its interfaces, then fails its groups over; a registry write of a property value
/// changes the property, then the key.
#[test]
fn one_call_raises_its_events_in_cause_order() {
    use clusapi_sim::{KEY_ALL_ACCESS, REG_SZ};
    let sim = Simulator::default();
    let c = sim.open_cluster(None).unwrap();
    let port = sim.create_cluster_notify_port(None, c, change::ALL & !change::HANDLE_CLOSE, 1).unwrap();
    sim.crash_node("NODE1").unwrap();
    let s = |bit: u32, name: &str| (bit, name.to_owned());
    assert_eq!(
        drain(&sim, port),
        [
            s(change::NODE_STATE, "NODE1"),
            s(change::NETINTERFACE_STATE, "NODE1 - Cluster Network 1"),
            s(change::NETINTERFACE_STATE, "NODE1 - Cluster Network 2"),
            s(change::GROUP_STATE, "Cluster Group"),
            s(change::GROUP_STATE, "Available Storage"),
        ]
    );
    let g = sim.open_cluster_group(c, "Available Storage").unwrap();
    let k = sim.get_cluster_group_key(g, KEY_ALL_ACCESS).unwrap();
    let value: Vec<u8> = "x\0".encode_utf16().flat_map(u16::to_le_bytes).collect();
    sim.cluster_reg_set_value(k, "Description", REG_SZ, &value).unwrap();
    assert_eq!(
        drain(&sim, port),
        [s(change::GROUP_PROPERTY, "Available Storage"), s(change::REGISTRY_VALUE, "")]
    );
    sim.cluster_reg_close_key(k).unwrap();
    sim.close_cluster_group(g).unwrap();
}

/// A port on one cluster hears that cluster's events only: every object knows its cluster.
#[test]
fn a_port_hears_its_own_cluster_only() {
    let sim = Simulator::builder()
        .cluster("A")
        .node("A1")
        .node("A2")
        .group("Cluster Group", "A1")
        .cluster("B")
        .node("B1")
        .node("B2")
        .group("Cluster Group", "B1")
        .build()
        .unwrap();
    let a = sim.open_cluster(Some("A")).unwrap();
    let b = sim.open_cluster(Some("B")).unwrap();
    let on_a = sim.create_cluster_notify_port(None, a, change::ALL, 1).unwrap();
    let on_b = sim.create_cluster_notify_port(None, b, change::ALL, 2).unwrap();
    sim.crash_node("B1").unwrap();
    let g = sim.create_cluster_group(a, "Only A").unwrap();
    let s = |bit: u32, name: &str| (bit, name.to_owned());
    assert_eq!(drain(&sim, on_a), [s(change::GROUP_ADDED, "Only A")]);
    assert_eq!(drain(&sim, on_b), [s(change::NODE_STATE, "B1"), s(change::GROUP_STATE, "Cluster Group")]);
    sim.close_cluster_group(g).unwrap();
}

/// `CreateClusterNotifyPort` with `hCluster` = `INVALID_HANDLE_VALUE`: a port not associated
/// with a cluster (Microsoft's page). It receives only what `RegisterClusterNotify` adds, and
/// no cluster handle scopes it.
#[test]
fn a_port_without_a_cluster_receives_the_objects_registered_on_it() {
    let sim = Simulator::default_builder().strict().build().unwrap();
    let port = sim.create_cluster_notify_port_without_cluster(change::ALL, 1).unwrap();
    let c = sim.open_cluster(None).unwrap();
    let g = sim.open_cluster_group(c, "Available Storage").unwrap();
    let n2 = sim.open_cluster_node(c, "NODE2").unwrap();
    sim.pause_cluster_node(n2).unwrap();
    sim.resume_cluster_node(n2).unwrap();
    // Nothing registered: the cluster's events do not reach it.
    assert_eq!(sim.get_cluster_notify(port, 0).unwrap_err().code(), WAIT_TIMEOUT);
    sim.register_cluster_notify(port, change::GROUP_STATE, NotifyObject::Group(g), 5).unwrap();
    sim.move_cluster_group(g, Some(n2)).unwrap();
    let e = sim.get_cluster_notify(port, 0).unwrap();
    assert_eq!((e.key, e.filter_type, e.name.as_str()), (5, change::GROUP_STATE, "Available Storage"));
    assert_eq!(sim.get_cluster_notify(port, 0).unwrap_err().code(), WAIT_TIMEOUT);
    // Closing the cluster handle does not invalidate it, even in strict mode.
    sim.close_cluster_node(n2).unwrap();
    sim.close_cluster_group(g).unwrap();
    sim.close_cluster(c).unwrap();
    assert_eq!(sim.get_cluster_notify(port, 0).unwrap_err().code(), WAIT_TIMEOUT);
    sim.close_cluster_notify_port(port).unwrap();
    assert_eq!(sim.get_cluster_notify(port, 0).unwrap_err().code(), ERROR_INVALID_HANDLE);
    sim.assert_no_open_handles();
}
