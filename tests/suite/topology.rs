//! The topology builder: the default cluster, several clusters, and every error it reports
//! (each naming its culprit).

use clusapi_sim::{
    CLUSTER_ENUM_GROUP, CLUSTER_ENUM_NETINTERFACE, CLUSTER_ENUM_NODE, Simulator, SimulatorBuilder, codes::*,
};

/// The names a `cluster_open_enum(mask)` lists.
fn names(sim: &Simulator, cluster: Option<&str>, mask: u32) -> Vec<String> {
    let c = sim.open_cluster(cluster).expect("cluster");
    let e = sim.cluster_open_enum(c, mask).expect("enum");
    let n = sim.cluster_get_enum_count(e).expect("count");
    let out = (0..n).map(|i| sim.cluster_enum(e, i).expect("item").1).collect();
    sim.cluster_close_enum(e).expect("close");
    sim.close_cluster(c).expect("close");
    out
}

#[test]
fn the_default_cluster_is_shaped_like_a_fresh_real_one() {
    let sim = Simulator::default();
    assert_eq!(names(&sim, None, CLUSTER_ENUM_NODE), ["NODE1", "NODE2"]);
    assert_eq!(names(&sim, None, CLUSTER_ENUM_GROUP), ["Cluster Group", "Available Storage"]);
    assert_eq!(
        names(&sim, None, CLUSTER_ENUM_NETINTERFACE),
        [
            "NODE1 - Cluster Network 1",
            "NODE1 - Cluster Network 2",
            "NODE2 - Cluster Network 1",
            "NODE2 - Cluster Network 2"
        ]
    );
    let c = sim.open_cluster(None).expect("cluster");
    assert_eq!(sim.get_cluster_information(c).unwrap().name, "SIMCLUSTER");
    for r in ["Cluster Name", "Cluster IP Address"] {
        let h = sim.open_cluster_resource(c, r).expect(r);
        sim.close_cluster_resource(h).expect("close");
    }
    sim.close_cluster(c).expect("close");
    sim.assert_no_open_handles();
}

#[test]
fn networks_added_before_or_after_nodes_get_interfaces_on_every_node() {
    let sim = Simulator::builder()
        .cluster("C")
        .network("Early")
        .node("A")
        .node("B")
        .network("Late")
        .build()
        .expect("valid");
    assert_eq!(
        names(&sim, None, CLUSTER_ENUM_NETINTERFACE),
        ["A - Early", "A - Late", "B - Early", "B - Late"]
    );
}

#[test]
fn several_clusters_the_first_is_local() {
    let sim = Simulator::builder()
        .cluster("ONE")
        .node("N1")
        .cluster("TWO")
        .node("N2")
        .group("G", "N2")
        .build()
        .expect("valid");
    assert_eq!(names(&sim, None, CLUSTER_ENUM_NODE), ["N1"]);
    assert_eq!(names(&sim, Some("two"), CLUSTER_ENUM_NODE), ["N2"]);
    assert_eq!(names(&sim, Some("n2"), CLUSTER_ENUM_GROUP), ["G"], "a node's name reaches its cluster");
    assert!(names(&sim, Some("ONE"), CLUSTER_ENUM_GROUP).is_empty());
    assert_eq!(sim.open_cluster(Some("THREE")).unwrap_err().code(), RPC_S_SERVER_UNAVAILABLE);
}

#[test]
fn clones_share_one_world_and_are_send_and_sync() {
    fn assert_send_sync<T: Send + Sync + Clone>() {}
    assert_send_sync::<Simulator>();
    let a = Simulator::default();
    let b = a.clone();
    let c = a.open_cluster(None).expect("cluster");
    assert_eq!(b.open_handle_count(), 1);
    b.close_cluster(c).expect("a handle from one clone closes through the other");
    assert_eq!(a.open_handle_count(), 0);
}

/// Builds, expecting an error with `code` whose message contains every `names`.
fn refused(builder: SimulatorBuilder, code: u32, names: &[&str]) {
    let err = builder.build().expect_err("invalid topology");
    assert_eq!(err.code(), code, "{err}");
    for n in names {
        assert!(err.to_string().contains(n), "{err} should name {n}");
    }
}

fn one() -> SimulatorBuilder {
    Simulator::builder().cluster("C").node("N1").node("N2").network("LAN")
}

#[test]
fn duplicate_names_are_refused_case_insensitively() {
    refused(one().node("n1"), ERROR_OBJECT_ALREADY_EXISTS, &["n1"]);
    refused(one().network("lan"), ERROR_OBJECT_ALREADY_EXISTS, &["lan"]);
    refused(one().group("G", "N1").group("g", "N2"), ERROR_OBJECT_ALREADY_EXISTS, &["\"g\""]);
    refused(
        one().group("G", "N1").resource("G", "R", "IP Address").resource("G", "r", "IP Address"),
        ERROR_OBJECT_ALREADY_EXISTS,
        &["\"r\""],
    );
    refused(one().cluster("c").node("X"), ERROR_OBJECT_ALREADY_EXISTS, &["\"c\""]);
    refused(one().cluster("D").node("N1"), ERROR_OBJECT_ALREADY_EXISTS, &["N1"]);
    refused(one().cluster("n2").node("X"), ERROR_OBJECT_ALREADY_EXISTS, &["n2"]);
    // "A - B" on network "C" and "A" on network "B - C" make the same interface name.
    refused(
        Simulator::builder().cluster("K").node("A").node("A - B").network("C").network("B - C"),
        ERROR_OBJECT_ALREADY_EXISTS,
        &["A - B - C"],
    );
}

#[test]
fn unknown_owners_and_groups_are_refused() {
    refused(one().group("G", "N9"), ERROR_CLUSTER_NODE_NOT_FOUND, &["N9", "\"G\""]);
    refused(
        one().group("G", "N1").resource("H", "R", "IP Address"),
        ERROR_GROUP_NOT_FOUND,
        &["\"H\"", "\"R\""],
    );
    refused(one().local_node("N7"), ERROR_CLUSTER_NODE_NOT_FOUND, &["N7"]);
    // A group's owner must be a node of its own cluster.
    refused(one().cluster("D").node("M1").group("G", "N1"), ERROR_CLUSTER_NODE_NOT_FOUND, &["N1"]);
}

#[test]
fn empty_names_nul_names_and_long_cluster_names_are_refused() {
    refused(Simulator::builder().cluster("").node("N"), ERROR_INVALID_PARAMETER, &["empty cluster name"]);
    refused(one().node(""), ERROR_INVALID_PARAMETER, &["empty node name"]);
    refused(one().network(""), ERROR_INVALID_PARAMETER, &["empty network name"]);
    refused(one().group("", "N1"), ERROR_INVALID_PARAMETER, &["empty group name"]);
    refused(one().group("G", "N1").resource("G", "", "T"), ERROR_INVALID_PARAMETER, &["empty resource name"]);
    refused(one().group("G", "N1").resource("G", "R", ""), ERROR_INVALID_PARAMETER, &["\"R\""]);
    refused(one().node("A\0B"), ERROR_INVALID_PARAMETER, &["NUL"]);
    let at_limit = "X".repeat(63);
    Simulator::builder().cluster(at_limit).node("N").build().expect("63 characters is the limit");
    let long = "Y".repeat(64);
    refused(Simulator::builder().cluster(long.clone()).node("N"), ERROR_INVALID_PARAMETER, &[&long, "63"]);
}

#[test]
fn structural_mistakes_are_refused() {
    refused(Simulator::builder(), ERROR_INVALID_PARAMETER, &["no cluster"]);
    refused(Simulator::builder().node("N"), ERROR_INVALID_PARAMETER, &[".node(\"N\")"]);
    refused(Simulator::builder().cluster("C"), ERROR_INVALID_PARAMETER, &["\"C\" has no node"]);
}

#[test]
fn domains_and_the_local_machines_names() {
    for bad in ["", ".", "corp..example", ".corp.example", "corp.example.", "a\0b"] {
        refused(one().domain(bad), ERROR_INVALID_PARAMETER, &["domain", "\"C\""]);
    }
    refused(
        Simulator::builder().domain("corp.example"),
        ERROR_INVALID_PARAMETER,
        &[".domain(\"corp.example\")"],
    );
    refused(one().node("LocalHost"), ERROR_INVALID_PARAMETER, &["\"LocalHost\"", "reserved"]);
    refused(Simulator::builder().cluster(".").node("N"), ERROR_INVALID_PARAMETER, &["\".\"", "reserved"]);
    // A fully qualified name is a name too: it may not be another host's.
    refused(
        one().cluster("D").node("n1.SIM.test"),
        ERROR_OBJECT_ALREADY_EXISTS,
        &["n1.SIM.test", "node \"N1\" of cluster \"C\""],
    );
    refused(
        Simulator::builder()
            .cluster("C.corp.example")
            .node("N")
            .cluster("C")
            .domain("corp.example")
            .node("M"),
        ERROR_OBJECT_ALREADY_EXISTS,
        &["C.corp.example"],
    );
    // The same short names in two domains are still two hosts only if the names differ.
    let sim = one().domain("corp.example").cluster("D").domain("other.example").node("M1").build().unwrap();
    assert_eq!(names(&sim, Some("m1.other.example"), CLUSTER_ENUM_NODE), ["M1"]);
    assert_eq!(names(&sim, Some("N2.corp.example"), CLUSTER_ENUM_NODE), ["N1", "N2"]);
    assert_eq!(names(&sim, Some("localhost"), CLUSTER_ENUM_NODE), ["N1", "N2"]);
}

#[cfg(feature = "topology-file")]
#[test]
fn a_topology_file_sets_the_domain() {
    let toml = "[[cluster]]\nname = \"C\"\nnodes = [\"N1\"]\ndomain = \"corp.example\"\n\n\
                [[cluster]]\nname = \"D\"\nnodes = [\"M1\"]\n";
    let sim = Simulator::builder().topology_toml(toml).build().unwrap();
    assert_eq!(names(&sim, Some("n1.corp.example"), CLUSTER_ENUM_NODE), ["N1"]);
    assert_eq!(names(&sim, Some("M1.sim.test"), CLUSTER_ENUM_NODE), ["M1"], "the default domain");
    let err = Simulator::builder().topology_toml(&toml.replace("corp.example", "corp..example")).build();
    let err = err.expect_err("not a domain");
    assert_eq!(err.code(), ERROR_INVALID_PARAMETER);
    assert!(err.to_string().contains("line 2"), "{err}");
}

#[test]
fn the_local_node_can_be_named() {
    let sim = Simulator::default_builder().local_node("node2").build().expect("valid");
    assert_eq!(sim.get_cluster_node_id(None).expect("local node"), "2");
}

#[cfg(feature = "topology-file")]
#[test]
fn a_topology_file_sets_timed_transitions() {
    use std::time::Duration;
    let toml = "pending_duration_ms = 500\nmanual_clock = true\n\n[[cluster]]\nname = \"C\"\nnodes = [\"N1\"]\n\n\
                [[cluster.group]]\nname = \"G\"\nowner = \"N1\"\nresources = [{ name = \"R\", type = \"IP Address\" }]\n";
    let sim = Simulator::builder().topology_toml(toml).build().unwrap();
    let c = sim.open_cluster(None).unwrap();
    let g = sim.open_cluster_group(c, "G").unwrap();
    assert_eq!(sim.online_cluster_group(g, None).unwrap_err().code(), ERROR_IO_PENDING);
    sim.advance_clock(Duration::from_millis(499));
    assert_eq!(sim.get_cluster_group_state(g).unwrap().state, clusapi_sim::ClusterGroupState::Pending);
    sim.advance_clock(Duration::from_millis(1));
    assert_eq!(sim.get_cluster_group_state(g).unwrap().state, clusapi_sim::ClusterGroupState::Online);
    assert_eq!(sim.elapsed(), Duration::from_millis(500), "the manual clock moved only when advanced");
    for bad in ["0", "-5", "1.5", "\"500\""] {
        let text = toml.replace("pending_duration_ms = 500", &format!("pending_duration_ms = {bad}"));
        let err = Simulator::builder().topology_toml(&text).build().expect_err(bad);
        assert_eq!(err.code(), ERROR_INVALID_DATA, "{bad}: {err}");
        assert!(err.to_string().contains("line 1"), "{bad}: {err}");
    }
    let err = Simulator::builder().topology_toml("pending_duration_ms = 0\n").build().unwrap_err();
    assert!(err.to_string().contains("positive number of milliseconds"), "{err}");
    // A trigger can move the clock: after the second state poll, half a second passes.
    let trigger = "\n[[trigger]]\non = \"GetClusterGroupState\"\nnth = 2\nafter = \"advance_clock\"\ntarget = \"500\"\n";
    let sim = Simulator::builder().topology_toml(&format!("{toml}{trigger}")).build().unwrap();
    let c = sim.open_cluster(None).unwrap();
    let g = sim.open_cluster_group(c, "G").unwrap();
    assert_eq!(sim.online_cluster_group(g, None).unwrap_err().code(), ERROR_IO_PENDING);
    assert_eq!(sim.get_cluster_group_state(g).unwrap().state, clusapi_sim::ClusterGroupState::Pending);
    assert_eq!(sim.get_cluster_group_state(g).unwrap().state, clusapi_sim::ClusterGroupState::Pending);
    assert_eq!(sim.get_cluster_group_state(g).unwrap().state, clusapi_sim::ClusterGroupState::Online);
    let bad = format!("{toml}{}", trigger.replace("\"500\"", "\"soon\""));
    let err = Simulator::builder().topology_toml(&bad).build().expect_err("not a number");
    assert!(err.to_string().contains("milliseconds"), "{err}");
}
