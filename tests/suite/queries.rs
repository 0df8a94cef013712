//! Queries and enumerations: cluster information, ids, interfaces, node cluster state, and
//! the snapshot enumerations.

use clusapi_sim::{
    CLUSTER_ENUM_ALL, CLUSTER_ENUM_GROUP, CLUSTER_ENUM_INTERNAL_NETWORK, CLUSTER_ENUM_NETINTERFACE,
    CLUSTER_ENUM_NETWORK, CLUSTER_ENUM_NODE, CLUSTER_ENUM_RESOURCE, CLUSTER_ENUM_RESTYPE,
    CLUSTER_ENUM_SHARED_VOLUME_GROUP, CLUSTER_ENUM_SHARED_VOLUME_RESOURCE,
    CLUSTER_NETWORK_ENUM_NETINTERFACES, HClusEnum, HandleKind, NodeClusterState, Simulator, codes::*,
};

fn items(sim: &Simulator, e: HClusEnum) -> Vec<(u32, String)> {
    let n = sim.cluster_get_enum_count(e).expect("count");
    (0..n).map(|i| sim.cluster_enum(e, i).expect("item")).collect()
}

#[test]
fn cluster_information_reports_name_and_a_windows_server_2022_version() {
    let sim = Simulator::default();
    let c = sim.open_cluster(Some("node1")).expect("cluster");
    let info = sim.get_cluster_information(c).expect("info");
    assert_eq!(info.name, "SIMCLUSTER");
    assert_eq!((info.version.major_version, info.version.minor_version), (10, 0));
    assert_eq!(info.version.build_number, 20348);
    assert_eq!(info.version.vendor_id, "Microsoft(R) Cluster Service");
    assert_eq!(info.version.cluster_highest_version >> 16, 11);
}

#[test]
fn node_ids_and_the_local_node() {
    let sim = Simulator::default();
    assert_eq!(sim.get_cluster_node_id(None).expect("local"), "1");
    let c = sim.open_cluster(None).expect("cluster");
    let n2 = sim.open_cluster_node(c, "NODE2").expect("node");
    assert_eq!(sim.get_cluster_node_id(Some(n2)).expect("id"), "2");
}

#[test]
fn network_ids_are_stable_guids() {
    let build = || Simulator::default();
    let (a, b) = (build(), build());
    let id = |sim: &Simulator, name: &str| {
        let c = sim.open_cluster(None).unwrap();
        let n = sim.open_cluster_network(c, name).unwrap();
        sim.get_cluster_network_id(n).unwrap()
    };
    let one = id(&a, "Cluster Network 1");
    assert_eq!(one, id(&a, "cluster network 1"), "stable across calls");
    assert_eq!(one, id(&b, "Cluster Network 1"), "the same in every simulator of the same topology");
    assert_ne!(one, id(&a, "Cluster Network 2"));
    let parts: Vec<&str> = one.split('-').collect();
    assert_eq!(parts.iter().map(|p| p.len()).collect::<Vec<_>>(), [8, 4, 4, 4, 12]);
    assert!(one.chars().all(|ch| ch == '-' || ch.is_ascii_hexdigit()));
}

#[test]
fn net_interface_by_node_and_network() {
    let sim = Simulator::default();
    let c = sim.open_cluster(None).expect("cluster");
    assert_eq!(
        sim.get_cluster_net_interface(c, "node2", "CLUSTER NETWORK 1").expect("found"),
        "NODE2 - Cluster Network 1"
    );
    assert_eq!(
        sim.get_cluster_net_interface(c, "NODE9", "Nowhere").unwrap_err().code(),
        ERROR_CLUSTER_NODE_NOT_FOUND,
        "the node is checked first"
    );
    assert_eq!(
        sim.get_cluster_net_interface(c, "NODE1", "Nowhere").unwrap_err().code(),
        ERROR_CLUSTER_NETWORK_NOT_FOUND
    );
}

#[test]
fn node_cluster_state() {
    let sim = Simulator::default();
    assert_eq!(sim.get_node_cluster_state(None), NodeClusterState::Running);
    assert_eq!(sim.get_node_cluster_state(Some("node2")).code(), 0x13);
    assert_eq!(sim.get_node_cluster_state(Some("FILESERVER")), NodeClusterState::NotInstalled);
    assert_eq!(NodeClusterState::NotInstalled.code(), 0);
}

/// `GetNodeClusterState` takes the names `OpenCluster` takes: the local machine's, a node's
/// and the cluster's (the cluster's name is held by the owner of the core group), plain or
/// fully qualified, in any case.
#[test]
fn node_cluster_state_takes_the_names_open_cluster_takes() {
    let sim = Simulator::default();
    let state = |name: &str| sim.get_node_cluster_state(Some(name));
    for name in
        ["", ".", "localhost", "LOCALHOST", "node1", "NODE2.SIM.TEST", "SimCluster", "simcluster.sim.test"]
    {
        assert_eq!(state(name), NodeClusterState::Running, "{name}");
    }
    for name in ["FILESERVER", "node1.contoso.com", "node9.sim.test", "sim.test", "localhost.sim.test"] {
        assert_eq!(state(name), NodeClusterState::NotInstalled, "{name}");
    }

    // NODE1 owns the core group; when it crashes the group (and the cluster's name) fails
    // over to NODE2.
    sim.crash_node("NODE1").unwrap();
    assert_eq!(state("node1.sim.test"), NodeClusterState::NotRunning);
    assert_eq!(state("localhost"), NodeClusterState::NotRunning, "the local node is NODE1");
    assert_eq!(state("SIMCLUSTER"), NodeClusterState::Running, "the name is online on NODE2");
    sim.crash_node("NODE2").unwrap();
    assert_eq!(state("simcluster.sim.test"), NodeClusterState::NotRunning, "no node can hold the name");
    sim.restore_node("NODE1").unwrap();
    sim.restore_node("NODE2").unwrap();
    assert_eq!(state("simcluster"), NodeClusterState::Running);
    sim.stop_cluster_service(None).unwrap();
    for name in [".", "NODE2", "SIMCLUSTER.sim.test"] {
        assert_eq!(state(name), NodeClusterState::NotRunning, "{name}: the service is stopped");
    }

    // A cluster without a core group: its name answers while a node is up.
    let sim = Simulator::builder().cluster("BARE").domain("corp.example").node("B1").build().unwrap();
    assert_eq!(sim.get_node_cluster_state(Some("bare.corp.example")), NodeClusterState::Running);
    assert_eq!(sim.get_node_cluster_state(Some("B1.corp.example")), NodeClusterState::Running);
    sim.crash_node("B1").unwrap();
    assert_eq!(sim.get_node_cluster_state(Some("BARE")), NodeClusterState::NotRunning);
}

#[test]
fn enumerations_list_each_kind_in_order_with_its_type_bit() {
    let sim = Simulator::default();
    let c = sim.open_cluster(None).expect("cluster");
    let e = sim.cluster_open_enum(c, CLUSTER_ENUM_ALL).expect("enum");
    let all = items(&sim, e);
    let types: Vec<u32> = all.iter().map(|(t, _)| *t).collect();
    let mut sorted = types.clone();
    sorted.sort_unstable();
    assert_eq!(types, sorted, "kinds in type-bit order");
    let of = |bit| all.iter().filter(|(t, _)| *t == bit).map(|(_, n)| n.as_str()).collect::<Vec<_>>();
    assert_eq!(of(CLUSTER_ENUM_NODE), ["NODE1", "NODE2"]);
    assert_eq!(of(CLUSTER_ENUM_RESOURCE), ["Cluster Name", "Cluster IP Address"]);
    assert_eq!(of(CLUSTER_ENUM_GROUP), ["Cluster Group", "Available Storage"]);
    assert_eq!(of(CLUSTER_ENUM_NETWORK), ["Cluster Network 1", "Cluster Network 2"]);
    assert_eq!(of(CLUSTER_ENUM_NETINTERFACE).len(), 4);
    let types = of(CLUSTER_ENUM_RESTYPE);
    for t in ["Network Name", "IP Address", "Physical Disk", "Generic Service"] {
        assert!(types.contains(&t), "resource type {t}");
    }
    assert_eq!(sim.cluster_enum(e, all.len() as u32).unwrap_err().code(), ERROR_NO_MORE_ITEMS);
    assert_eq!(sim.cluster_enum(e, u32::MAX).unwrap_err().code(), ERROR_NO_MORE_ITEMS);
}

#[test]
fn single_kind_and_special_masks() {
    let sim = Simulator::default();
    let c = sim.open_cluster(None).expect("cluster");
    let e = sim.cluster_open_enum(c, CLUSTER_ENUM_NETWORK | CLUSTER_ENUM_NODE).expect("enum");
    assert_eq!(items(&sim, e).len(), 4);
    let internal = sim.cluster_open_enum(c, CLUSTER_ENUM_INTERNAL_NETWORK).expect("internal networks");
    assert_eq!(
        items(&sim, internal),
        [
            (CLUSTER_ENUM_INTERNAL_NETWORK, "Cluster Network 1".to_owned()),
            (CLUSTER_ENUM_INTERNAL_NETWORK, "Cluster Network 2".to_owned())
        ]
    );
    let csv = sim.cluster_open_enum(c, CLUSTER_ENUM_SHARED_VOLUME_RESOURCE).expect("no CSVs");
    assert_eq!(sim.cluster_get_enum_count(csv).unwrap(), 0);
    let csv_groups =
        sim.cluster_open_enum(c, CLUSTER_ENUM_SHARED_VOLUME_GROUP | CLUSTER_ENUM_GROUP).expect("ok");
    assert_eq!(sim.cluster_get_enum_count(csv_groups).unwrap(), 2);
}

#[test]
fn bad_masks_are_refused_and_open_nothing() {
    let sim = Simulator::default();
    let c = sim.open_cluster(None).expect("cluster");
    for mask in [
        0,
        0x40,
        0x100,
        CLUSTER_ENUM_SHARED_VOLUME_RESOURCE | CLUSTER_ENUM_NODE,
        CLUSTER_ENUM_INTERNAL_NETWORK | CLUSTER_ENUM_NODE,
    ] {
        assert_eq!(sim.cluster_open_enum(c, mask).unwrap_err().code(), ERROR_INVALID_PARAMETER, "{mask:#x}");
    }
    assert_eq!(sim.open_handle_count(), 1);
}

#[test]
fn network_enumerations_list_the_interfaces() {
    let sim = Simulator::default();
    let c = sim.open_cluster(None).expect("cluster");
    let n = sim.open_cluster_network(c, "Cluster Network 2").expect("network");
    let e = sim
        .cluster_network_open_enum(n, CLUSTER_NETWORK_ENUM_NETINTERFACES | 0xF0)
        .expect("unknown bits ignored");
    let count = sim.cluster_network_get_enum_count(e).expect("count");
    let got: Vec<(u32, String)> = (0..count).map(|i| sim.cluster_network_enum(e, i).unwrap()).collect();
    assert_eq!(
        got,
        [
            (CLUSTER_NETWORK_ENUM_NETINTERFACES, "NODE1 - Cluster Network 2".to_owned()),
            (CLUSTER_NETWORK_ENUM_NETINTERFACES, "NODE2 - Cluster Network 2".to_owned())
        ]
    );
    assert_eq!(sim.cluster_network_enum(e, 2).unwrap_err().code(), ERROR_NO_MORE_ITEMS);
    let empty = sim.cluster_network_open_enum(n, 0x2).expect("no interface bit");
    assert_eq!(sim.cluster_network_get_enum_count(empty).unwrap(), 0);
}

#[test]
fn enumerations_are_snapshots_owned_by_their_handle() {
    let sim = Simulator::default();
    let c = sim.open_cluster(None).expect("cluster");
    let a = sim.cluster_open_enum(c, CLUSTER_ENUM_NODE).expect("a");
    let b = sim.cluster_open_enum(c, CLUSTER_ENUM_NODE).expect("b");
    assert_ne!(a, b);
    sim.cluster_close_enum(a).expect("close a");
    assert_eq!(sim.cluster_get_enum_count(a).unwrap_err().code(), ERROR_INVALID_HANDLE);
    assert_eq!(items(&sim, b).len(), 2, "b is independent");
    // Enumeration handles are handles: listed, counted, closed once.
    let listed: Vec<HandleKind> = sim.open_handles().iter().map(|h| h.kind).collect();
    assert_eq!(listed, [HandleKind::Cluster, HandleKind::ClusEnum]);
    sim.cluster_close_enum(b).expect("close b");
    assert_eq!(sim.cluster_close_enum(b).unwrap_err().code(), ERROR_INVALID_HANDLE);
}

#[test]
fn a_seed_perturbs_enumeration_order_reproducibly() {
    let order = |seed: Option<u64>| {
        let mut b = Simulator::default_builder();
        if let Some(s) = seed {
            b = b.perturb_enumeration_order(s);
        }
        let sim = b.build().unwrap();
        let c = sim.open_cluster(None).unwrap();
        let e = sim.cluster_open_enum(c, CLUSTER_ENUM_ALL).unwrap();
        items(&sim, e)
    };
    let plain = order(None);
    let shuffled = order(Some(7));
    assert_eq!(shuffled, order(Some(7)), "the same seed, the same order");
    assert_ne!(shuffled, plain, "the order changed");
    let mut a = plain.clone();
    let mut b = shuffled.clone();
    a.sort();
    b.sort();
    assert_eq!(a, b, "the same items");
}
