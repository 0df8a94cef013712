//! `Set/GetClusterResourceDependencyExpression`: an "and" of "or" groups (Microsoft's page,
//! MS-CMRP 3.1.4.2.109), and what online and offline make of it.

use clusapi_sim::{
    CLUSTER_RESOURCE_ENUM_DEPENDS, ClusterResourceState, HCluster, HGroup, HResource, Simulator, clusctl,
};

struct Web {
    sim: Simulator,
    c: HCluster,
    g: HGroup,
    ip1: HResource,
    ip2: HResource,
    disk: HResource,
    web: HResource,
}

/// A group `Web` with two addresses, a disk and the service, nothing online.
fn web() -> Web {
    let sim = Simulator::default();
    let c = sim.open_cluster(None).unwrap();
    let g = sim.create_cluster_group(c, "Web").unwrap();
    let ip1 = sim.create_cluster_resource(g, "IP 1", "IP Address", 0).unwrap();
    let ip2 = sim.create_cluster_resource(g, "IP 2", "IP Address", 0).unwrap();
    let disk = sim.create_cluster_resource(g, "Disk", "Physical Disk", 0).unwrap();
    let web = sim.create_cluster_resource(g, "Web", "Generic Service", 0).unwrap();
    Web { sim, c, g, ip1, ip2, disk, web }
}

fn state(w: &Web, r: HResource) -> ClusterResourceState {
    w.sim.get_cluster_resource_state(r).unwrap().state
}

fn id(w: &Web, r: HResource) -> String {
    let out = w.sim.cluster_resource_control(r, None, clusctl::CLUSCTL_RESOURCE_GET_ID, &[]).unwrap();
    let units: Vec<u16> = out.chunks_exact(2).map(|p| u16::from_le_bytes([p[0], p[1]])).collect();
    String::from_utf16(&units).unwrap().trim_end_matches('\0').to_owned()
}

#[test]
fn an_expression_is_read_back_with_names_whatever_named_the_providers() {
    let w = web();
    assert_eq!(w.sim.get_cluster_resource_dependency_expression(w.web).unwrap(), "");
    let expression = format!("[disk] AND ([{}] or [IP 2])", id(&w, w.ip1));
    w.sim.set_cluster_resource_dependency_expression(w.web, &expression).unwrap();
    assert_eq!(
        w.sim.get_cluster_resource_dependency_expression(w.web).unwrap(),
        "[Disk] and ([IP 1] or [IP 2])"
    );
    // Every provider is a dependency, as the classic enumeration lists them.
    let e = w.sim.cluster_resource_open_enum(w.web, CLUSTER_RESOURCE_ENUM_DEPENDS).unwrap();
    let names: Vec<String> = (0..w.sim.cluster_resource_get_enum_count(e).unwrap())
        .map(|i| w.sim.cluster_resource_enum(e, i).unwrap().1)
        .collect();
    assert_eq!(names, ["Disk", "IP 1", "IP 2"]);
    w.sim.cluster_resource_close_enum(e).unwrap();
    // MS-CMRP's grammar: a whole expression may be one `or` without parentheses.
    w.sim.set_cluster_resource_dependency_expression(w.web, "[IP 1] or [IP 2]").unwrap();
    assert_eq!(w.sim.get_cluster_resource_dependency_expression(w.web).unwrap(), "([IP 1] or [IP 2])");
    // Empty: no dependency at all.
    w.sim.set_cluster_resource_dependency_expression(w.web, "").unwrap();
    assert_eq!(w.sim.get_cluster_resource_dependency_expression(w.web).unwrap(), "");
    assert!(w.sim.inspect_resource("Web").unwrap().depends_on.is_empty());
}

#[test]
fn add_and_remove_dependency_edit_the_same_expression() {
    let w = web();
    w.sim.set_cluster_resource_dependency_expression(w.web, "([IP 1] or [IP 2])").unwrap();
    w.sim.add_cluster_resource_dependency(w.web, w.disk).unwrap();
    assert_eq!(
        w.sim.get_cluster_resource_dependency_expression(w.web).unwrap(),
        "[Disk] and ([IP 1] or [IP 2])"
    );
    // Out of a group of two, the other member is required.
    w.sim.remove_cluster_resource_dependency(w.web, w.ip1).unwrap();
    assert_eq!(w.sim.get_cluster_resource_dependency_expression(w.web).unwrap(), "[IP 2] and [Disk]");
}

#[test]
fn online_needs_one_member_of_each_or_group_and_every_required_provider() {
    let w = web();
    w.sim.set_cluster_resource_dependency_expression(w.web, "[Disk] and ([IP 1] or [IP 2])").unwrap();
    // IP 1 cannot run on the group's node: IP 2 is enough.
    let owner = w.sim.get_cluster_resource_state(w.web).unwrap().owner_node;
    let n = w.sim.open_cluster_node(w.c, &owner).unwrap();
    w.sim.remove_cluster_resource_node(w.ip1, n).unwrap();
    w.sim.online_cluster_resource(w.web).unwrap();
    assert_eq!(state(&w, w.web), ClusterResourceState::Online);
    assert_eq!(state(&w, w.disk), ClusterResourceState::Online);
    assert_eq!(state(&w, w.ip2), ClusterResourceState::Online);
    assert_eq!(state(&w, w.ip1), ClusterResourceState::Offline);
    w.sim.offline_cluster_resource(w.web).unwrap();
    w.sim.offline_cluster_resource(w.ip2).unwrap();
    // Neither member can run there now: the online is refused and nothing moves.
    w.sim.remove_cluster_resource_node(w.ip2, n).unwrap();
    assert_eq!(w.sim.online_cluster_resource(w.web).unwrap_err().code(), 5015); // ERROR_HOST_NODE_NOT_RESOURCE_OWNER
    assert_eq!(state(&w, w.web), ClusterResourceState::Offline);
    w.sim.close_cluster_node(n).unwrap();
}

#[test]
fn offline_takes_a_dependent_down_only_when_its_expression_stops_holding() {
    let w = web();
    w.sim.set_cluster_resource_dependency_expression(w.web, "[Disk] and ([IP 1] or [IP 2])").unwrap();
    w.sim.online_cluster_resource(w.web).unwrap();
    assert_eq!(state(&w, w.ip1), ClusterResourceState::Online);
    assert_eq!(state(&w, w.ip2), ClusterResourceState::Online);
    w.sim.offline_cluster_resource(w.ip1).unwrap();
    assert_eq!(state(&w, w.web), ClusterResourceState::Online, "IP 2 still holds the group");
    w.sim.offline_cluster_resource(w.ip2).unwrap();
    assert_eq!(state(&w, w.web), ClusterResourceState::Offline, "no member of the group is left");
    w.sim.online_cluster_resource(w.web).unwrap();
    w.sim.offline_cluster_resource(w.disk).unwrap();
    assert_eq!(state(&w, w.web), ClusterResourceState::Offline, "the disk is required");
}

#[test]
fn bad_expressions_are_refused_and_change_nothing() {
    let w = web();
    w.sim.set_cluster_resource_dependency_expression(w.web, "[Disk]").unwrap();
    let other = w.sim.create_cluster_group(w.c, "Other").unwrap();
    let elsewhere = w.sim.create_cluster_resource(other, "Elsewhere", "IP Address", 0).unwrap();
    w.sim.add_cluster_resource_dependency(w.ip1, w.web).unwrap();
    for (expression, code) in [
        ("Disk", 87),
        ("[Disk] or [IP 1] and [IP 2]", 87),
        ("([Disk] and [IP 2])", 87),
        ("[Nowhere]", 5007),
        ("[Elsewhere]", 87), // another group
        ("[Web]", 87),       // itself
        ("[IP 1]", 1059),    // IP 1 depends on Web: ERROR_CIRCULAR_DEPENDENCY
    ] {
        let e = w.sim.set_cluster_resource_dependency_expression(w.web, expression).unwrap_err();
        assert_eq!(e.code(), code, "{expression}");
        assert_eq!(
            w.sim.get_cluster_resource_dependency_expression(w.web).unwrap(),
            "[Disk]",
            "{expression}"
        );
    }
    w.sim.close_cluster_resource(elsewhere).unwrap();
    w.sim.close_cluster_group(other).unwrap();
    let _ = w.g;
}
