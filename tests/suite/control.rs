//! Control operations: what each does, its refusal codes, write access, and handles to
//! deleted objects.

use clusapi_sim::{
    CLUSTER_RESOURCE_SEPARATE_MONITOR, ClusterGroupState as G, ClusterNodeState, ClusterResourceState as R,
    GENERIC_READ, HCluster, HGroup, HResource, Simulator, codes::*,
};

/// A three-node cluster with an application group of two dependent resources.
fn sim() -> (Simulator, HCluster) {
    let sim = Simulator::builder()
        .cluster("APPCLUSTER")
        .node("N1")
        .node("N2")
        .node("N3")
        .network("LAN")
        .group("Cluster Group", "N1")
        .resource("Cluster Group", "Cluster Name", "Network Name")
        .group("App", "N1")
        .resource("App", "App IP", "IP Address")
        .resource("App", "App Service", "Generic Service")
        .group("Empty", "N2")
        .build()
        .expect("valid");
    let c = sim.open_cluster(None).expect("cluster");
    (sim, c)
}

fn group_state(sim: &Simulator, g: HGroup) -> (G, String) {
    let s = sim.get_cluster_group_state(g).expect("state");
    (s.state, s.owner_node)
}

fn res_state(sim: &Simulator, r: HResource) -> R {
    sim.get_cluster_resource_state(r).expect("state").state
}

#[test]
fn groups_come_online_go_offline_and_move() {
    let (sim, c) = sim();
    let app = sim.open_cluster_group(c, "App").unwrap();
    assert_eq!(group_state(&sim, app), (G::Offline, "N1".into()));
    sim.online_cluster_group(app, None).expect("online");
    assert_eq!(group_state(&sim, app), (G::Online, "N1".into()));
    let n3 = sim.open_cluster_node(c, "N3").unwrap();
    sim.move_cluster_group(app, Some(n3)).expect("move");
    assert_eq!(group_state(&sim, app), (G::Online, "N3".into()), "online resources come back on the target");
    sim.move_cluster_group(app, Some(n3)).expect("moving to the owner does nothing");
    sim.offline_cluster_group(app).expect("offline");
    assert_eq!(group_state(&sim, app), (G::Offline, "N3".into()));
    let n2 = sim.open_cluster_node(c, "N2").unwrap();
    sim.online_cluster_group(app, Some(n2)).expect("online on a node");
    assert_eq!(group_state(&sim, app), (G::Online, "N2".into()));
}

#[test]
fn move_without_a_node_picks_the_preferred_owner_then_node_order() {
    let (sim, c) = sim();
    let app = sim.open_cluster_group(c, "App").unwrap();
    sim.move_cluster_group(app, None).expect("move");
    assert_eq!(group_state(&sim, app).1, "N2", "the first other node");
    let (n1, n3) = (sim.open_cluster_node(c, "N1").unwrap(), sim.open_cluster_node(c, "N3").unwrap());
    sim.set_cluster_group_node_list(app, &[n3, n1]).expect("preferred owners");
    sim.move_cluster_group(app, None).expect("move");
    assert_eq!(group_state(&sim, app).1, "N3", "the first preferred owner");
    sim.pause_cluster_node(n1).unwrap();
    let n2 = sim.open_cluster_node(c, "N2").unwrap();
    sim.move_cluster_group(app, None).expect("move");
    assert_eq!(group_state(&sim, app).1, "N2", "a paused node is skipped");
    sim.pause_cluster_node(n3).unwrap();
    assert_eq!(sim.move_cluster_group(app, None).unwrap_err().code(), ERROR_HOST_NODE_NOT_AVAILABLE);
    assert_eq!(
        sim.set_cluster_group_node_list(app, &[n1, n2, n1]).unwrap_err().code(),
        ERROR_INVALID_PARAMETER,
        "a node listed twice"
    );
}

#[test]
fn paused_nodes_refuse_groups() {
    let (sim, c) = sim();
    let n2 = sim.open_cluster_node(c, "N2").unwrap();
    sim.pause_cluster_node(n2).expect("pause");
    sim.pause_cluster_node(n2).expect("pausing again succeeds");
    assert_eq!(sim.get_cluster_node_state(n2).unwrap(), ClusterNodeState::Paused);
    let app = sim.open_cluster_group(c, "App").unwrap();
    assert_eq!(sim.move_cluster_group(app, Some(n2)).unwrap_err().code(), ERROR_SHARING_PAUSED);
    assert_eq!(sim.online_cluster_group(app, Some(n2)).unwrap_err().code(), ERROR_SHARING_PAUSED);
    let empty = sim.open_cluster_group(c, "Empty").unwrap();
    assert_eq!(
        sim.online_cluster_group(empty, None).unwrap_err().code(),
        ERROR_SHARING_PAUSED,
        "owner paused"
    );
    assert_eq!(group_state(&sim, app), (G::Offline, "N1".into()), "nothing changed");
    sim.resume_cluster_node(n2).expect("resume");
    assert_eq!(sim.resume_cluster_node(n2).unwrap_err().code(), ERROR_CLUSTER_NODE_NOT_PAUSED);
    sim.move_cluster_group(app, Some(n2)).expect("move after resume");
}

#[test]
fn resources_follow_their_dependencies() {
    let (sim, c) = sim();
    let ip = sim.open_cluster_resource(c, "App IP").unwrap();
    let svc = sim.open_cluster_resource(c, "App Service").unwrap();
    sim.add_cluster_resource_dependency(svc, ip).expect("service depends on the address");
    assert_eq!(
        sim.add_cluster_resource_dependency(svc, ip).unwrap_err().code(),
        ERROR_DEPENDENCY_ALREADY_EXISTS
    );
    // The codes of Microsoft's AddClusterResourceDependency page and MS-CMRP 3.1.4.2.20.
    assert_eq!(
        sim.add_cluster_resource_dependency(ip, svc).unwrap_err().code(),
        ERROR_CIRCULAR_DEPENDENCY,
        "a cycle"
    );
    assert_eq!(
        sim.add_cluster_resource_dependency(ip, ip).unwrap_err().code(),
        ERROR_INVALID_PARAMETER,
        "itself"
    );
    let name = sim.open_cluster_resource(c, "Cluster Name").unwrap();
    assert_eq!(
        sim.add_cluster_resource_dependency(svc, name).unwrap_err().code(),
        ERROR_INVALID_PARAMETER,
        "another group"
    );

    sim.online_cluster_resource(svc).expect("online");
    assert_eq!((res_state(&sim, ip), res_state(&sim, svc)), (R::Online, R::Online), "providers first");
    let app = sim.open_cluster_group(c, "App").unwrap();
    assert_eq!(group_state(&sim, app).0, G::Online);
    sim.offline_cluster_resource(ip).expect("offline");
    assert_eq!((res_state(&sim, ip), res_state(&sim, svc)), (R::Offline, R::Offline), "dependents first");

    sim.online_cluster_resource(ip).unwrap();
    assert_eq!(group_state(&sim, app).0, G::PartialOnline);
    sim.fail_cluster_resource(ip).expect("fail");
    assert_eq!(group_state(&sim, app).0, G::Failed);
    assert_eq!(sim.fail_cluster_resource(ip).unwrap_err().code(), ERROR_INVALID_STATE, "already failed");
    assert_eq!(sim.offline_cluster_resource(ip).unwrap_err().code(), ERROR_RESOURCE_FAILED);
    sim.online_cluster_resource(ip).expect("online from failed");

    sim.remove_cluster_resource_dependency(svc, ip).expect("remove");
    assert_eq!(
        sim.remove_cluster_resource_dependency(svc, ip).unwrap_err().code(),
        ERROR_DEPENDENCY_NOT_FOUND
    );
}

#[test]
fn creating_and_deleting_groups_and_resources() {
    let (sim, c) = sim();
    let g = sim.create_cluster_group(c, "Sql Group").expect("create");
    assert_eq!(group_state(&sim, g), (G::Offline, "N1".into()), "owned by the local node, offline");
    assert_eq!(sim.create_cluster_group(c, "SQL GROUP").unwrap_err().code(), ERROR_OBJECT_ALREADY_EXISTS);
    assert_eq!(sim.create_cluster_group(c, "").unwrap_err().code(), ERROR_INVALID_PARAMETER);

    let r = sim.create_cluster_resource(g, "SQL Server", "Generic Service", 0).expect("create");
    assert_eq!(res_state(&sim, r), R::Offline);
    assert_eq!(
        sim.create_cluster_resource(g, "sql server", "Generic Service", 0).unwrap_err().code(),
        ERROR_OBJECT_ALREADY_EXISTS
    );
    assert_eq!(
        sim.create_cluster_resource(g, "X", "No Such Type", 0).unwrap_err().code(),
        ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND
    );
    assert_eq!(
        sim.create_cluster_resource(g, "X", "IP Address", 7).unwrap_err().code(),
        ERROR_INVALID_PARAMETER
    );
    let disk = sim
        .create_cluster_resource(g, "SQL Disk", "physical disk", CLUSTER_RESOURCE_SEPARATE_MONITOR)
        .unwrap();
    sim.add_cluster_resource_dependency(r, disk).unwrap();

    assert_eq!(sim.delete_cluster_group(g).unwrap_err().code(), ERROR_DIR_NOT_EMPTY);
    sim.online_cluster_resource(r).unwrap();
    assert_eq!(sim.delete_cluster_resource(r).unwrap_err().code(), ERROR_RESOURCE_ONLINE);
    sim.offline_cluster_resource(disk).unwrap();
    assert_eq!(sim.delete_cluster_resource(disk).unwrap_err().code(), ERROR_DEPENDENT_RESOURCE_EXISTS);
    sim.delete_cluster_resource(r).expect("delete");
    sim.delete_cluster_resource(disk).expect("delete");
    sim.delete_cluster_group(g).expect("delete the empty group");

    // Handles to deleted objects stay open, answer the "not available" codes, and close.
    assert_eq!(sim.get_cluster_resource_state(r).unwrap_err().code(), ERROR_RESOURCE_NOT_AVAILABLE);
    assert_eq!(sim.online_cluster_resource(r).unwrap_err().code(), ERROR_RESOURCE_NOT_AVAILABLE);
    assert_eq!(sim.get_cluster_group_state(g).unwrap_err().code(), ERROR_GROUP_NOT_AVAILABLE);
    assert_eq!(sim.delete_cluster_group(g).unwrap_err().code(), ERROR_GROUP_NOT_AVAILABLE);
    assert_eq!(sim.open_cluster_group(c, "Sql Group").unwrap_err().code(), ERROR_GROUP_NOT_FOUND);
    assert!(sim.open_handles().iter().any(|h| h.object == "<deleted>"));
    sim.close_cluster_resource(r).expect("close");
    sim.close_cluster_resource(disk).expect("close");
    sim.close_cluster_group(g).expect("close");
    // The name is free again.
    sim.create_cluster_group(c, "Sql Group").expect("re-create");
}

#[test]
fn create_cluster_group_ex_sets_the_group_type() {
    use clusapi_sim::clusgroup_type::{ClusGroupTypeUnknown, ClusGroupTypeVirtualMachine};
    use clusapi_sim::{
        CLUSTER_CREATE_GROUP_INFO_VERSION_1, ClusterCreateGroupInfo as Info, PropertyList, PropertyValue,
        change, clusctl::CLUSCTL_GROUP_GET_RO_COMMON_PROPERTIES,
    };
    let (sim, c) = sim();
    let group_type = |g: HGroup| {
        let out = sim.cluster_group_control(g, None, CLUSCTL_GROUP_GET_RO_COMMON_PROPERTIES, &[]).unwrap();
        PropertyList::parse(&out).unwrap().get("GroupType").cloned()
    };
    let port =
        sim.create_cluster_notify_port(None, c, change::GROUP_ADDED | change::GROUP_PROPERTY, 1).unwrap();
    let vm = Info { version: CLUSTER_CREATE_GROUP_INFO_VERSION_1, group_type: ClusGroupTypeVirtualMachine };
    let g = sim.create_cluster_group_ex(c, "VM1", Some(vm)).expect("create");
    assert_eq!(group_state(&sim, g), (G::Offline, "N1".into()), "as CreateClusterGroup: offline, local node");
    assert_eq!(group_type(g), Some(PropertyValue::Dword(111)));
    // One event: the group is added with its type, not added then changed.
    let event = sim.get_cluster_notify(port, 0).unwrap();
    assert_eq!((event.filter_type, event.name.as_str()), (change::GROUP_ADDED, "VM1"));
    assert!(sim.get_cluster_notify(port, 0).is_err(), "no GROUP_PROPERTY event");

    // No info: ClusGroupTypeUnknown; any value is stored, reserved ones included (MS-CMRP).
    let plain = sim.create_cluster_group_ex(c, "Plain", None).unwrap();
    assert_eq!(group_type(plain), Some(PropertyValue::Dword(ClusGroupTypeUnknown)));
    let odd = sim.create_cluster_group_ex(c, "Odd", Some(Info { group_type: u32::MAX, ..vm })).unwrap();
    assert_eq!(group_type(odd), Some(PropertyValue::Dword(u32::MAX)));

    // Refusals create nothing: a version other than 1, a name in use, a read-only handle.
    for version in [0, 2, u32::MAX] {
        let err = sim.create_cluster_group_ex(c, "Bad", Some(Info { version, ..vm })).unwrap_err();
        assert_eq!(err.code(), ERROR_INVALID_PARAMETER, "version {version}");
    }
    assert_eq!(sim.open_cluster_group(c, "Bad").unwrap_err().code(), ERROR_GROUP_NOT_FOUND);
    assert_eq!(
        sim.create_cluster_group_ex(c, "vm1", Some(vm)).unwrap_err().code(),
        ERROR_OBJECT_ALREADY_EXISTS
    );
    assert_eq!(sim.create_cluster_group_ex(c, "", None).unwrap_err().code(), ERROR_INVALID_PARAMETER);
    let (rc, _) = sim.open_cluster_ex(None, GENERIC_READ).unwrap();
    assert_eq!(sim.create_cluster_group_ex(rc, "RO", Some(vm)).unwrap_err().code(), ERROR_ACCESS_DENIED);
    // The handle comes first: a bad one with a bad version is ERROR_INVALID_HANDLE.
    sim.close_cluster(rc).unwrap();
    let bad = Some(Info { version: 2, ..vm });
    assert_eq!(sim.create_cluster_group_ex(rc, "X", bad).unwrap_err().code(), ERROR_INVALID_HANDLE);
    for h in [g, plain, odd] {
        sim.close_cluster_group(h).unwrap();
    }
}

#[test]
fn core_resources_cannot_be_deleted() {
    let (sim, c) = sim();
    let name = sim.open_cluster_resource(c, "Cluster Name").unwrap();
    sim.offline_cluster_resource(name).unwrap();
    assert_eq!(sim.delete_cluster_resource(name).unwrap_err().code(), ERROR_CORE_RESOURCE);
}

/// Only the cluster's own resources are core: an ordinary resource that lives in the core
/// group is deleted once offline (observed on real servers), and its flags say it is not
/// core; the cluster's name keeps `CLUS_FLAG_CORE` and refuses deletion.
#[test]
fn an_ordinary_resource_in_the_core_group_can_be_deleted() {
    let (sim, c) = sim();
    let flags = |r: HResource| {
        let out = sim
            .cluster_resource_control(r, None, clusapi_sim::clusctl::CLUSCTL_RESOURCE_GET_FLAGS, &[])
            .unwrap();
        u32::from_le_bytes(out[..4].try_into().unwrap())
    };
    let core = sim.open_cluster_group(c, "Cluster Group").unwrap();
    let svc = sim.create_cluster_resource(core, "Backup Agent", "Generic Service", 0).expect("create");
    let name = sim.open_cluster_resource(c, "Cluster Name").unwrap();
    assert_eq!(flags(svc), 0, "CLUS_FLAG_CORE is not set on an ordinary resource");
    assert_eq!(flags(name) & 1, 1, "the cluster's name is a core resource");
    sim.offline_cluster_resource(svc).unwrap();
    sim.delete_cluster_resource(svc).expect("deleted like any resource");
    assert_eq!(sim.open_cluster_resource(c, "Backup Agent").unwrap_err().code(), ERROR_RESOURCE_NOT_FOUND);
    sim.offline_cluster_resource(name).unwrap();
    assert_eq!(sim.delete_cluster_resource(name).unwrap_err().code(), ERROR_CORE_RESOURCE);
    for h in [svc, name] {
        sim.close_cluster_resource(h).unwrap();
    }
    sim.close_cluster_group(core).unwrap();
}

#[test]
fn evicting_nodes() {
    let (sim, c) = sim();
    let (n1, n3) = (sim.open_cluster_node(c, "N1").unwrap(), sim.open_cluster_node(c, "N3").unwrap());
    assert_eq!(sim.evict_cluster_node(n1).unwrap_err().code(), ERROR_CANT_EVICT_ACTIVE_NODE, "owns groups");
    let nic = sim.open_cluster_net_interface(c, "N3 - LAN").unwrap();
    sim.evict_cluster_node(n3).expect("evict");
    assert_eq!(sim.get_cluster_node_state(n3).unwrap_err().code(), ERROR_CLUSTER_NODE_NOT_FOUND);
    assert_eq!(sim.open_cluster_node(c, "N3").unwrap_err().code(), ERROR_CLUSTER_NODE_NOT_FOUND);
    assert_eq!(
        sim.get_cluster_net_interface_state(nic).unwrap_err().code(),
        ERROR_CLUSTER_NETINTERFACE_NOT_FOUND,
        "its interfaces went with it"
    );
    assert_eq!(sim.open_cluster(Some("N3")).unwrap_err().code(), RPC_S_SERVER_UNAVAILABLE);
    sim.close_cluster_node(n3).expect("close");
    sim.close_cluster_net_interface(nic).expect("close");
}

#[test]
fn renaming_networks() {
    let sim = Simulator::default();
    let c = sim.open_cluster(None).unwrap();
    let n = sim.open_cluster_network(c, "Cluster Network 1").unwrap();
    sim.set_cluster_network_name(n, "Public").expect("rename");
    assert_eq!(
        sim.open_cluster_network(c, "Cluster Network 1").unwrap_err().code(),
        ERROR_CLUSTER_NETWORK_NOT_FOUND
    );
    let again = sim.open_cluster_network(c, "public").expect("the new name");
    assert_eq!(sim.get_cluster_network_id(again).unwrap(), sim.get_cluster_network_id(n).unwrap());
    assert_eq!(
        sim.set_cluster_network_name(n, "Cluster Network 2").unwrap_err().code(),
        ERROR_ALREADY_EXISTS,
        "MS-CMRP 3.1.4.2.84"
    );
    assert_eq!(
        sim.set_cluster_network_name(n, "").unwrap_err().code(),
        ERROR_INVALID_NAME,
        "MS-CMRP 3.1.4.1.84"
    );
    sim.set_cluster_network_name(n, "PUBLIC").expect("a change of case is a rename");
    sim.open_cluster_net_interface(c, "NODE1 - Cluster Network 1").expect("interfaces keep their names");
}

#[test]
fn read_only_handles_change_nothing() {
    let (sim, _) = sim();
    let (c, _) = sim.open_cluster_ex(None, GENERIC_READ).unwrap();
    let app = sim.open_cluster_group(c, "App").unwrap();
    let ip = sim.open_cluster_resource(c, "App IP").unwrap();
    let n2 = sim.open_cluster_node(c, "N2").unwrap();
    let lan = sim.open_cluster_network(c, "LAN").unwrap();
    let denied = [
        sim.online_cluster_group(app, None),
        sim.offline_cluster_group(app),
        sim.move_cluster_group(app, None),
        sim.delete_cluster_group(app),
        sim.set_cluster_group_node_list(app, &[]),
        sim.online_cluster_resource(ip),
        sim.offline_cluster_resource(ip),
        sim.fail_cluster_resource(ip),
        sim.delete_cluster_resource(ip),
        sim.add_cluster_resource_dependency(ip, ip),
        sim.remove_cluster_resource_dependency(ip, ip),
        sim.pause_cluster_node(n2),
        sim.resume_cluster_node(n2),
        sim.evict_cluster_node(n2),
        sim.set_cluster_network_name(lan, "X"),
        sim.create_cluster_group(c, "New").map(|_| ()),
        sim.create_cluster_resource(app, "New", "IP Address", 0).map(|_| ()),
    ];
    for (i, r) in denied.into_iter().enumerate() {
        assert_eq!(r.unwrap_err().code(), ERROR_ACCESS_DENIED, "operation {i}");
    }
    assert_eq!(group_state(&sim, app), (G::Offline, "N1".into()));
    assert_eq!(sim.get_cluster_node_state(n2).unwrap(), ClusterNodeState::Up);
}

#[test]
fn a_full_handle_table_creates_nothing() {
    let sim = Simulator::default_builder().handle_limit(2).build().unwrap();
    let c = sim.open_cluster(None).unwrap();
    let g = sim.open_cluster_group(c, "Available Storage").unwrap();
    assert_eq!(sim.create_cluster_group(c, "New").unwrap_err().code(), ERROR_NOT_ENOUGH_MEMORY);
    assert_eq!(
        sim.create_cluster_resource(g, "New", "IP Address", 0).unwrap_err().code(),
        ERROR_NOT_ENOUGH_MEMORY
    );
    sim.close_cluster_group(g).unwrap();
    sim.open_cluster_group(c, "New").expect_err("the group was not created");
    sim.create_cluster_group(c, "New").expect("room now");
}

/// All items of a child enumeration.
fn items<E: Copy>(
    count: impl Fn(E) -> clusapi_sim::Result<u32>,
    item: impl Fn(E, u32) -> clusapi_sim::Result<(u32, String)>,
    e: E,
) -> Vec<(u32, String)> {
    (0..count(e).expect("count")).map(|i| item(e, i).expect("item")).collect()
}

#[test]
fn child_enumerations_list_relations() {
    use clusapi_sim::{
        CLUSTER_GROUP_ENUM_ALL, CLUSTER_GROUP_ENUM_CONTAINS, CLUSTER_GROUP_ENUM_NODES, CLUSTER_NODE_ENUM_ALL,
        CLUSTER_NODE_ENUM_GROUPS, CLUSTER_NODE_ENUM_NETINTERFACES, CLUSTER_NODE_ENUM_PREFERRED_GROUPS,
        CLUSTER_RESOURCE_ENUM_ALL, CLUSTER_RESOURCE_ENUM_DEPENDS, CLUSTER_RESOURCE_ENUM_NODES,
        CLUSTER_RESOURCE_ENUM_PROVIDES,
    };
    let (sim, c) = sim();
    let app = sim.open_cluster_group(c, "App").unwrap();
    let (n1, n3) = (sim.open_cluster_node(c, "N1").unwrap(), sim.open_cluster_node(c, "N3").unwrap());
    sim.set_cluster_group_node_list(app, &[n3, n1]).unwrap();
    let (ip, svc) = (
        sim.open_cluster_resource(c, "App IP").unwrap(),
        sim.open_cluster_resource(c, "App Service").unwrap(),
    );
    sim.add_cluster_resource_dependency(svc, ip).unwrap();

    let e =
        sim.cluster_node_open_enum(n1, CLUSTER_NODE_ENUM_ALL | CLUSTER_NODE_ENUM_PREFERRED_GROUPS).unwrap();
    let got = items(|e| sim.cluster_node_get_enum_count(e), |e, i| sim.cluster_node_enum(e, i), e);
    let s = |t: u32, n: &str| (t, n.to_owned());
    assert_eq!(
        got,
        [
            s(CLUSTER_NODE_ENUM_NETINTERFACES, "N1 - LAN"),
            s(CLUSTER_NODE_ENUM_GROUPS, "Cluster Group"),
            s(CLUSTER_NODE_ENUM_GROUPS, "App"),
            s(CLUSTER_NODE_ENUM_PREFERRED_GROUPS, "App")
        ]
    );
    assert_eq!(sim.cluster_node_enum(e, 4).unwrap_err().code(), ERROR_NO_MORE_ITEMS);
    sim.cluster_node_close_enum(e).unwrap();
    assert_eq!(sim.cluster_node_close_enum(e).unwrap_err().code(), ERROR_INVALID_HANDLE);

    let e = sim.cluster_group_open_enum(app, CLUSTER_GROUP_ENUM_ALL | 0x100).unwrap();
    let got = items(|e| sim.cluster_group_get_enum_count(e), |e, i| sim.cluster_group_enum(e, i), e);
    assert_eq!(
        got,
        [
            s(CLUSTER_GROUP_ENUM_CONTAINS, "App IP"),
            s(CLUSTER_GROUP_ENUM_CONTAINS, "App Service"),
            s(CLUSTER_GROUP_ENUM_NODES, "N3"),
            s(CLUSTER_GROUP_ENUM_NODES, "N1")
        ]
    );
    // A snapshot: later changes do not show.
    sim.set_cluster_group_node_list(app, &[]).unwrap();
    assert_eq!(sim.cluster_group_get_enum_count(e).unwrap(), 4);
    sim.cluster_group_close_enum(e).unwrap();

    let e = sim.cluster_resource_open_enum(ip, CLUSTER_RESOURCE_ENUM_ALL).unwrap();
    let got = items(|e| sim.cluster_resource_get_enum_count(e), |e, i| sim.cluster_resource_enum(e, i), e);
    assert_eq!(
        got,
        [
            s(CLUSTER_RESOURCE_ENUM_PROVIDES, "App Service"),
            s(CLUSTER_RESOURCE_ENUM_NODES, "N1"),
            s(CLUSTER_RESOURCE_ENUM_NODES, "N2"),
            s(CLUSTER_RESOURCE_ENUM_NODES, "N3")
        ]
    );
    sim.cluster_resource_close_enum(e).unwrap();
    let e = sim.cluster_resource_open_enum(svc, CLUSTER_RESOURCE_ENUM_DEPENDS).unwrap();
    assert_eq!(sim.cluster_resource_enum(e, 0).unwrap(), s(CLUSTER_RESOURCE_ENUM_DEPENDS, "App IP"));
    sim.cluster_resource_close_enum(e).unwrap();

    let empty = sim.open_cluster_group(c, "Empty").unwrap();
    sim.delete_cluster_group(empty).unwrap();
    assert_eq!(sim.cluster_group_open_enum(empty, 1).unwrap_err().code(), ERROR_GROUP_NOT_AVAILABLE);
}

#[test]
fn the_last_node_and_foreign_nodes_are_refused() {
    let sim = Simulator::builder()
        .cluster("ONE")
        .node("SOLO")
        .cluster("TWO")
        .node("OTHER")
        .group("G", "OTHER")
        .build()
        .unwrap();
    let one = sim.open_cluster(Some("ONE")).unwrap();
    let solo = sim.open_cluster_node(one, "SOLO").unwrap();
    assert_eq!(
        sim.evict_cluster_node(solo).unwrap_err().code(),
        ERROR_CANT_EVICT_ACTIVE_NODE,
        "the last node"
    );
    let two = sim.open_cluster(Some("TWO")).unwrap();
    let g = sim.open_cluster_group(two, "G").unwrap();
    assert_eq!(
        sim.set_cluster_group_node_list(g, &[solo]).unwrap_err().code(),
        ERROR_CLUSTER_NODE_NOT_FOUND,
        "a node of another cluster"
    );
    assert_eq!(sim.move_cluster_group(g, Some(solo)).unwrap_err().code(), ERROR_CLUSTER_NODE_NOT_FOUND);
    assert_eq!(
        sim.move_cluster_group(g, None).unwrap_err().code(),
        ERROR_HOST_NODE_NOT_AVAILABLE,
        "no other node"
    );
}

#[test]
fn names_with_a_nul_are_refused_at_create_and_rename() {
    let sim = Simulator::default();
    let c = sim.open_cluster(None).unwrap();
    assert_eq!(sim.create_cluster_group(c, "Fr\0esh").unwrap_err().code(), 87);
    let g = sim.open_cluster_group(c, "Available Storage").unwrap();
    assert_eq!(sim.create_cluster_resource(g, "Re\0s", "Generic Service", 0).unwrap_err().code(), 87);
    let n = sim.open_cluster_network(c, "Cluster Network 1").unwrap();
    assert_eq!(sim.set_cluster_network_name(n, "Ne\0t").unwrap_err().code(), 87);
    // Nothing was created or renamed.
    assert_eq!(sim.open_cluster_group(c, "Fr\0esh").unwrap_err().code(), 5013);
    sim.open_cluster_network(c, "Cluster Network 1").map(|h| sim.close_cluster_network(h)).unwrap().unwrap();
    sim.close_cluster_group(g).unwrap();
    sim.close_cluster_network(n).unwrap();
    sim.close_cluster(c).unwrap();
}

/// `CLUSCTL_CLUSTER_CHECK_VOTER_DOWN` / `_EVICT` (MS-CMRP 3.1.4.3.7.3-4): whether stopping
/// or evicting a voter (a node by its id, or the quorum resource) loses quorum, as a
/// `CLUSTER_QUORUM_VALUE`.
#[test]
fn voter_checks_count_the_votes_left() {
    use clusapi_sim::clusctl::{
        CLUSCTL_CLUSTER_CHECK_VOTER_DOWN as DOWN, CLUSCTL_CLUSTER_CHECK_VOTER_EVICT as EVICT,
    };
    let wide = |s: &str| -> Vec<u8> { s.encode_utf16().chain([0]).flat_map(u16::to_le_bytes).collect() };
    let (sim, c) = sim();
    let check = |code, id: &str| {
        sim.cluster_control(c, None, code, &wide(id))
            .map(|out| u32::from_le_bytes(out[..4].try_into().unwrap()))
    };
    // Three nodes up, no witness: one down leaves 2 of 3 (kept).
    assert_eq!(check(DOWN, "1").unwrap(), 0);
    assert_eq!(check(EVICT, "2").unwrap(), 0);
    sim.crash_node("N3").unwrap();
    // N3 down: stopping another leaves 1 of 3 (lost); evicting N3 itself leaves 2 of 2.
    assert_eq!(check(DOWN, "1").unwrap(), 1, "quorum lost");
    assert_eq!(check(DOWN, "3").unwrap(), 0, "a node that is down has no active vote to lose");
    assert_eq!(check(EVICT, "1").unwrap(), 1, "1 of 2");
    // Unknown ids, no NUL: ERROR_INVALID_PARAMETER.
    assert_eq!(check(DOWN, "9").unwrap_err().code(), ERROR_INVALID_PARAMETER);
    assert_eq!(
        sim.cluster_control(c, None, DOWN, &[0x31, 0x00]).unwrap_err().code(),
        ERROR_INVALID_PARAMETER,
        "not NUL-terminated"
    );
    // With a witness: four votes; its own id names it.
    sim.restore_node("N3").unwrap();
    let ip = sim.open_cluster_resource(c, "App IP").unwrap();
    sim.set_cluster_quorum_resource(ip, "", 0).unwrap();
    sim.online_cluster_resource(ip).unwrap();
    let id =
        sim.cluster_resource_control(ip, None, clusapi_sim::clusctl::CLUSCTL_RESOURCE_GET_ID, &[]).unwrap();
    let id: Vec<u16> =
        id.chunks(2).map(|b| u16::from_le_bytes([b[0], b[1]])).take_while(|&u| u != 0).collect();
    let id = String::from_utf16(&id).unwrap();
    assert_eq!(check(DOWN, &id).unwrap(), 0, "3 of 4 left");
    sim.crash_node("N2").unwrap();
    sim.crash_node("N3").unwrap();
    assert_eq!(check(DOWN, &id).unwrap(), 1, "1 of 4 left");
    assert_eq!(check(EVICT, &id).unwrap(), 1, "1 of 3 left");
    sim.close_cluster_resource(ip).unwrap();
    // Through a read-only handle too: the codes only read.
    let ro = sim.open_cluster_ex(Some("APPCLUSTER"), GENERIC_READ).unwrap().0;
    assert_eq!(sim.cluster_control(ro, None, DOWN, &wide("2")).map(|o| o.len()).unwrap(), 4);
    sim.close_cluster(ro).unwrap();
}

/// `CLUSCTL_CLUSTER_GET_FQDN` (MS-CMRP 3.1.4.3.7.2): the cluster's name in its domain, as a
/// NUL-terminated string; it follows a rename.
#[test]
fn the_cluster_reports_its_fqdn() {
    use clusapi_sim::clusctl::CLUSCTL_CLUSTER_GET_FQDN;
    let text = |b: Vec<u8>| {
        let u: Vec<u16> = b.chunks(2).map(|p| u16::from_le_bytes([p[0], p[1]])).collect();
        assert_eq!(u.last(), Some(&0), "NUL-terminated");
        String::from_utf16(&u[..u.len() - 1]).unwrap()
    };
    let sim = Simulator::default();
    let c = sim.open_cluster(None).unwrap();
    assert_eq!(
        text(sim.cluster_control(c, None, CLUSCTL_CLUSTER_GET_FQDN, &[]).unwrap()),
        "SIMCLUSTER.sim.test"
    );
    assert_eq!(sim.set_cluster_name(c, "RENAMED").unwrap_err().code(), ERROR_RESOURCE_PROPERTIES_STORED);
    assert_eq!(
        text(sim.cluster_control(c, None, CLUSCTL_CLUSTER_GET_FQDN, &[]).unwrap()),
        "RENAMED.sim.test"
    );
    sim.close_cluster(c).unwrap();
    let sql = Simulator::builder().cluster("SQLCLUSTER").domain("contoso.com").node("SQL1").build().unwrap();
    let c = sql.open_cluster(None).unwrap();
    assert_eq!(
        text(sql.cluster_control(c, None, CLUSCTL_CLUSTER_GET_FQDN, &[]).unwrap()),
        "SQLCLUSTER.contoso.com"
    );
    sql.close_cluster(c).unwrap();
}
