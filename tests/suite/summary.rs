//! What a test prints of a simulator: `{:?}` is a short summary whatever the world's size,
//! and `world_summary()` prints the clusters, their nodes, networks, groups and resources,
//! with their states, in an exact format (pinned here), without changing what it reads.

use clusapi_sim::{ClusterGroupState, Simulator, codes};

/// A small cluster and a second one, after some changes: a paused node, a network down,
/// preferred and possible owners, a dependency, a stopped service.
fn small() -> Simulator {
    let sim = Simulator::builder()
        .cluster("SQLCLUSTER")
        .node("SQL1")
        .node("SQL2")
        .network("Public")
        .network("Heartbeat")
        .group("Cluster Group", "SQL1")
        .resource("Cluster Group", "Cluster Name", "Network Name")
        .online_group("SQL Group", "SQL1")
        .resource("SQL Group", "SQL Disk", "Physical Disk")
        .resource("SQL Group", "SQL Server", "Generic Service")
        .group("Backup", "SQL2")
        .cluster("OTHER")
        .node("O1")
        .build()
        .unwrap();
    let c = sim.open_cluster(None).unwrap();
    let sql1 = sim.open_cluster_node(c, "SQL1").unwrap();
    let sql2 = sim.open_cluster_node(c, "SQL2").unwrap();
    let group = sim.open_cluster_group(c, "SQL Group").unwrap();
    let disk = sim.open_cluster_resource(c, "SQL Disk").unwrap();
    let server = sim.open_cluster_resource(c, "SQL Server").unwrap();
    sim.set_cluster_group_node_list(group, &[sql2, sql1]).unwrap();
    sim.offline_cluster_resource(server).unwrap();
    sim.add_cluster_resource_dependency(server, disk).unwrap();
    sim.remove_cluster_resource_node(server, sql2).unwrap();
    sim.pause_cluster_node(sql2).unwrap();
    sim.take_network_down("Heartbeat").unwrap();
    sim.stop_cluster_service(Some("OTHER")).unwrap();
    for h in [sql1, sql2] {
        sim.close_cluster_node(h).unwrap();
    }
    sim.close_cluster_group(group).unwrap();
    for h in [disk, server] {
        sim.close_cluster_resource(h).unwrap();
    }
    sim.close_cluster(c).unwrap();
    sim
}

#[test]
fn the_world_summary_of_a_small_topology() {
    let sim = small();
    assert_eq!(
        sim.world_summary().to_string(),
        "\
cluster SQLCLUSTER
  nodes: SQL1 [Up], SQL2 [Paused]
  networks: Public [Up], Heartbeat [Down]
  group Cluster Group [Online] on SQL1
    resource Cluster Name [Online] (Network Name)
  group SQL Group [PartialOnline] on SQL1, preferred SQL2, SQL1
    resource SQL Disk [Online] (Physical Disk)
    resource SQL Server [Offline] (Generic Service), possible SQL1, depends on SQL Disk
  group Backup [Offline] on SQL2
cluster OTHER [service stopped]
  nodes: O1 [Up]
  networks: "
    );
}

#[test]
fn the_world_summary_of_the_default_topology() {
    let sim = Simulator::default();
    let summary = sim.world_summary();
    assert_eq!(
        summary.to_string(),
        "\
cluster SIMCLUSTER
  nodes: NODE1 [Up], NODE2 [Up]
  networks: Cluster Network 1 [Up], Cluster Network 2 [Up]
  group Cluster Group [Online] on NODE1
    resource Cluster Name [Online] (Network Name)
    resource Cluster IP Address [Online] (IP Address)
  group Available Storage [Offline] on NODE1"
    );
    assert_eq!(summary, sim.world_summary(), "a snapshot: the same world prints the same");
}

#[test]
fn the_world_summary_is_a_snapshot_that_changes_nothing() {
    let sim = Simulator::default_builder().pending_transitions(1).record_history(10).build().unwrap();
    let c = sim.open_cluster(None).unwrap();
    let g = sim.open_cluster_group(c, "Cluster Group").unwrap();
    assert_eq!(sim.move_cluster_group(g, None).unwrap_err().code(), codes::ERROR_IO_PENDING);
    let before = sim.world_summary();
    let calls = sim.history().len();
    for _ in 0..3 {
        let text = sim.world_summary().to_string();
        assert!(text.contains("group Cluster Group [Pending] on NODE2"), "{text}");
        assert!(text.contains("resource Cluster Name [OnlinePending] (Network Name)"), "{text}");
    }
    assert_eq!(sim.history().len(), calls, "no call recorded");
    // The code under test's poll completes the move, and the snapshot taken before is as it was.
    assert_eq!(sim.get_cluster_group_state(g).unwrap().state, ClusterGroupState::Online);
    assert!(before.to_string().contains("[Pending]"));
    assert!(sim.world_summary().to_string().contains("group Cluster Group [Online] on NODE2"));
    sim.close_cluster_group(g).unwrap();
    sim.close_cluster(c).unwrap();
}

#[test]
fn a_long_list_names_fifty_and_counts_the_rest() {
    let mut b = Simulator::builder().cluster("BIG");
    for i in 1..=60 {
        b = b.node(format!("N{i}"));
    }
    for i in 1..=55 {
        b = b.group(format!("G{i}"), "N1");
    }
    for i in 1..=53 {
        b = b.resource("G1", format!("R{i}"), "Generic Service");
    }
    let text = b.build().unwrap().world_summary().to_string();
    assert!(text.contains("N49 [Up], N50 [Up], and 10 more\n"), "{text}");
    assert!(!text.contains("N51"));
    assert!(
        text.contains("\n    resource R50 [Offline] (Generic Service)\n    and 3 more resources\n"),
        "{text}"
    );
    assert!(text.contains("\n  group G50 [Offline] on N1\n  and 5 more groups"), "{text}");
    assert!(text.ends_with("and 5 more groups"));
}

#[test]
fn debug_is_a_short_summary() {
    let sim = Simulator::default();
    let c = sim.open_cluster(None).unwrap();
    let debug = format!("{sim:?}");
    assert!(debug.len() < 1024, "{} bytes: {debug}", debug.len());
    let rest = debug.split_once(", clusters").map(|(_, rest)| rest).unwrap_or_default();
    assert_eq!(
        rest,
        r#": ["SIMCLUSTER"], nodes: 2, networks: 2, net_interfaces: 4, groups: 2, resources: 2, open_handles: 1, strict: false, .. }"#
    );
    assert!(debug.starts_with("Simulator { id: "), "{debug}");
    // The options that change behaviour show when set.
    let pending = Simulator::default_builder().pending_transitions(2).strict().build().unwrap();
    pending.stop_cluster_service(None).unwrap();
    let debug = format!("{pending:?}");
    assert!(debug.ends_with("strict: true, pending_transitions: 2, stopped_services: 1, .. }"), "{debug}");
    // The alternate form is one field a line (the cluster list on three): 14 lines.
    assert_eq!(format!("{sim:#?}").lines().count(), 14);
    sim.close_cluster(c).unwrap();
}

#[test]
fn debug_stays_short_for_a_large_world() {
    let mut b = Simulator::builder().cluster("BIG");
    for i in 1..=200 {
        b = b.node(format!("N{i}"));
    }
    for i in 1..=10 {
        b = b.network(format!("Net {i}"));
    }
    for i in 1..=500 {
        b = b.group(format!("G{i}"), "N1").resource(format!("G{i}"), format!("R{i}"), "Generic Service");
    }
    let sim = b.build().unwrap();
    let debug = format!("{sim:?}");
    assert!(debug.len() < 300, "{debug}");
    assert!(
        debug.contains("nodes: 200, networks: 10, net_interfaces: 2000, groups: 500, resources: 500"),
        "{debug}"
    );
}
