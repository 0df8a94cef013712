//! Resource types as objects: created, enumerated, deleted (refused while in use), their
//! own enumerations, and their control codes.

use clusapi_sim::{
    CLUSTER_ENUM_RESTYPE, CLUSTER_RESOURCE_TYPE_ENUM_ALL, CLUSTER_RESOURCE_TYPE_ENUM_NODES,
    CLUSTER_RESOURCE_TYPE_ENUM_RESOURCES, GENERIC_READ, PropertyList, PropertyValue, Simulator, clusctl,
};

fn type_names(sim: &Simulator, c: clusapi_sim::HCluster) -> Vec<String> {
    let e = sim.cluster_open_enum(c, CLUSTER_ENUM_RESTYPE).unwrap();
    let n = sim.cluster_get_enum_count(e).unwrap();
    let names = (0..n).map(|i| sim.cluster_enum(e, i).unwrap().1).collect();
    sim.cluster_close_enum(e).unwrap();
    names
}

#[test]
fn create_enumerate_and_delete_a_resource_type() {
    let sim = Simulator::default();
    let c = sim.open_cluster(None).unwrap();
    let before = type_names(&sim, c);
    assert!(before.iter().any(|t| t == "Generic Service"));
    sim.create_cluster_resource_type(c, "Backup Agent", "Backup Agent Service", "backup.dll", 5000, 60000)
        .unwrap();
    assert_eq!(type_names(&sim, c).len(), before.len() + 1);
    assert_eq!(sim.create_cluster_resource_type(c, "BACKUP AGENT", "", "", 0, 0).unwrap_err().code(), 183);
    assert_eq!(sim.create_cluster_resource_type(c, "", "", "", 0, 0).unwrap_err().code(), 87);

    // Its common properties carry what was given.
    let out = sim
        .cluster_resource_type_control(
            c,
            "Backup Agent",
            None,
            clusctl::CLUSCTL_RESOURCE_TYPE_GET_COMMON_PROPERTIES,
            &[],
        )
        .unwrap();
    let props = PropertyList::parse(&out).unwrap();
    assert_eq!(props.get("Name"), Some(&PropertyValue::Sz("Backup Agent Service".into())));
    assert_eq!(props.get("LooksAlivePollInterval"), Some(&PropertyValue::Dword(5000)));

    // In use: refused with ERROR_DIR_NOT_EMPTY; free again: deleted.
    let g = sim.create_cluster_group(c, "Backup").unwrap();
    let r = sim.create_cluster_resource(g, "Agent", "Backup Agent", 0).unwrap();
    let e = sim.cluster_resource_type_open_enum(c, "backup agent", CLUSTER_RESOURCE_TYPE_ENUM_ALL).unwrap();
    let items: Vec<(u32, String)> = (0..sim.cluster_resource_type_get_enum_count(e).unwrap())
        .map(|i| sim.cluster_resource_type_enum(e, i).unwrap())
        .collect();
    assert_eq!(
        items,
        [
            (CLUSTER_RESOURCE_TYPE_ENUM_NODES, "NODE1".to_owned()),
            (CLUSTER_RESOURCE_TYPE_ENUM_NODES, "NODE2".to_owned()),
            (CLUSTER_RESOURCE_TYPE_ENUM_RESOURCES, "Agent".to_owned())
        ]
    );
    assert_eq!(sim.cluster_resource_type_enum(e, 3).unwrap_err().code(), 259);
    sim.cluster_resource_type_close_enum(e).unwrap();
    assert_eq!(sim.cluster_resource_type_close_enum(e).unwrap_err().code(), 6);
    assert_eq!(sim.delete_cluster_resource_type(c, "Backup Agent").unwrap_err().code(), 145);
    sim.delete_cluster_resource(r).unwrap();
    sim.delete_cluster_resource_type(c, "Backup Agent").unwrap();
    assert_eq!(type_names(&sim, c), before);
    assert_eq!(sim.delete_cluster_resource_type(c, "Backup Agent").unwrap_err().code(), 5078);
    assert_eq!(sim.cluster_resource_type_open_enum(c, "Backup Agent", 3).unwrap_err().code(), 5078);
    // Types after a deleted one keep their properties.
    let out = sim
        .cluster_resource_type_control(
            c,
            "Generic Service",
            None,
            clusctl::CLUSCTL_RESOURCE_TYPE_GET_COMMON_PROPERTIES,
            &[],
        )
        .unwrap();
    assert!(PropertyList::parse(&out).unwrap().get("Name").is_some());
    sim.close_cluster_resource(r).unwrap();
    sim.close_cluster_group(g).unwrap();
    sim.close_cluster(c).unwrap();
    sim.assert_no_open_handles();
}

#[test]
fn read_only_handles_cannot_create_or_delete_types() {
    let sim = Simulator::default();
    let (c, _) = sim.open_cluster_ex(None, GENERIC_READ).unwrap();
    assert_eq!(sim.create_cluster_resource_type(c, "X", "X", "x.dll", 1, 1).unwrap_err().code(), 5);
    assert_eq!(sim.delete_cluster_resource_type(c, "Generic Service").unwrap_err().code(), 5);
    // Reading through it works.
    let e =
        sim.cluster_resource_type_open_enum(c, "IP Address", CLUSTER_RESOURCE_TYPE_ENUM_RESOURCES).unwrap();
    assert_eq!(sim.cluster_resource_type_get_enum_count(e).unwrap(), 1, "the Cluster IP Address");
    sim.cluster_resource_type_close_enum(e).unwrap();
}

#[test]
fn types_and_cluster_properties_raise_their_notifications() {
    use clusapi_sim::change;
    let sim = Simulator::default();
    let c = sim.open_cluster(None).unwrap();
    let port = sim.create_cluster_notify_port(None, c, change::ALL, 9).unwrap();
    let events = || -> Vec<(u32, String)> {
        std::iter::from_fn(|| sim.get_cluster_notify(port, 0).ok()).map(|n| (n.filter_type, n.name)).collect()
    };
    sim.create_cluster_resource_type(c, "Agent", "Agent", "agent.dll", 1000, 2000).unwrap();
    assert_eq!(events(), [(change::RESOURCE_TYPE_ADDED, "Agent".to_owned())]);
    let list = PropertyList::new().with("IsAlivePollInterval", PropertyValue::Dword(3000));
    sim.cluster_resource_type_control(
        c,
        "agent",
        None,
        clusctl::CLUSCTL_RESOURCE_TYPE_SET_COMMON_PROPERTIES,
        &list.to_bytes(),
    )
    .unwrap();
    assert_eq!(events(), [(change::RESOURCE_TYPE_PROPERTY, "Agent".to_owned())]);
    let list = PropertyList::new().with("Description", PropertyValue::Sz("lab".into()));
    sim.cluster_control(c, None, clusctl::CLUSCTL_CLUSTER_SET_COMMON_PROPERTIES, &list.to_bytes()).unwrap();
    assert_eq!(events(), [(change::CLUSTER_PROPERTY, "SIMCLUSTER".to_owned())]);
    sim.delete_cluster_resource_type(c, "Agent").unwrap();
    assert_eq!(events(), [(change::RESOURCE_TYPE_DELETED, "Agent".to_owned())]);
}
