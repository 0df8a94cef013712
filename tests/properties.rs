//! Control codes and property lists: every supported code on every object kind it applies
//! to, through read-only and full-access handles; the simulator's lists against the lists
//! a real cluster returned (the fixtures); sets, their refusals, notifications and the
//! behaviour the properties drive.

use clusapi_sim::{
    ClusterGroupState, ClusterResourceState, GENERIC_READ, HCluster, NotifyObject, PropertyFormat,
    PropertyList, PropertyValue, Simulator, change,
    clusctl::{self, *},
};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/real-property-lists/");

/// A fixture's bytes (hex, whitespace-separated lines).
fn fixture(name: &str) -> Vec<u8> {
    let text = std::fs::read_to_string(format!("{FIXTURES}{name}")).expect("fixture");
    let hex: String = text.split_whitespace().collect();
    (0..hex.len()).step_by(2).map(|i| u8::from_str_radix(&hex[i..i + 2], 16).expect("hex")).collect()
}

/// Names and formats of a list, in order.
fn shape(list: &PropertyList) -> Vec<(String, PropertyFormat)> {
    list.iter().map(|(n, v)| (n.to_owned(), v.format())).collect()
}

fn sim_with_service() -> Simulator {
    Simulator::default_builder()
        .group("App", "NODE1")
        .resource("App", "App Service", "Generic Service")
        .resource("App", "App Disk", "Physical Disk")
        .build()
        .unwrap()
}

fn get(sim: &Simulator, f: impl Fn(u32) -> clusapi_sim::Result<Vec<u8>>, code: u32) -> PropertyList {
    let _ = sim;
    PropertyList::parse(&f(code).unwrap()).unwrap()
}

#[test]
fn lists_have_the_structure_a_real_cluster_gives() {
    let sim = sim_with_service();
    let c = sim.open_cluster(None).unwrap();
    let real = PropertyList::parse(&fixture("cluster_common.hex")).unwrap();
    let ours =
        get(&sim, |code| sim.cluster_control(c, None, code, &[]), CLUSCTL_CLUSTER_GET_COMMON_PROPERTIES);
    assert_eq!(shape(&ours), shape(&real), "cluster common properties: names, formats, order");

    let svc = sim.open_cluster_resource(c, "App Service").unwrap();
    let res = |code| sim.cluster_resource_control(svc, None, code, &[]);
    for (file, code) in [
        ("resource_common_generic_service.hex", CLUSCTL_RESOURCE_GET_COMMON_PROPERTIES),
        ("resource_ro_common_generic_service.hex", CLUSCTL_RESOURCE_GET_RO_COMMON_PROPERTIES),
    ] {
        let real = PropertyList::parse(&fixture(file)).unwrap();
        assert_eq!(shape(&get(&sim, res, code)), shape(&real), "{file}");
    }
    let ip = sim.open_cluster_resource(c, "Cluster IP Address").unwrap();
    let real = PropertyList::parse(&fixture("resource_ro_private_ip_address.hex")).unwrap();
    let ours = get(
        &sim,
        |code| sim.cluster_resource_control(ip, None, code, &[]),
        CLUSCTL_RESOURCE_GET_RO_PRIVATE_PROPERTIES,
    );
    assert_eq!(shape(&ours), shape(&real), "IP Address read-only private properties");
    // Every list ends as a real cluster ends it: an extra end mark after the last property.
    let bytes = sim.cluster_resource_control(svc, None, CLUSCTL_RESOURCE_GET_COMMON_PROPERTIES, &[]).unwrap();
    assert_eq!(&bytes[bytes.len() - 8..], &[0; 8], "the property's end mark, then the list's");
}

/// Runs `code` on the test object of its object type, through cluster handle `c`.
fn run(sim: &Simulator, c: HCluster, code: u32, input: &[u8]) -> clusapi_sim::Result<Vec<u8>> {
    match code >> 24 {
        CLUS_OBJECT_CLUSTER => sim.cluster_control(c, None, code, input),
        CLUS_OBJECT_NODE => sim.cluster_node_control(sim.open_cluster_node(c, "NODE1")?, None, code, input),
        CLUS_OBJECT_GROUP => sim.cluster_group_control(sim.open_cluster_group(c, "App")?, None, code, input),
        CLUS_OBJECT_RESOURCE => {
            sim.cluster_resource_control(sim.open_cluster_resource(c, "App Service")?, None, code, input)
        }
        CLUS_OBJECT_NETWORK => {
            sim.cluster_network_control(sim.open_cluster_network(c, "Cluster Network 1")?, None, code, input)
        }
        CLUS_OBJECT_NETINTERFACE => sim.cluster_net_interface_control(
            sim.open_cluster_net_interface(c, "NODE1 - Cluster Network 1")?,
            None,
            code,
            input,
        ),
        _ => sim.cluster_resource_type_control(c, "Generic Service", None, code, input),
    }
}

#[test]
fn every_code_on_every_kind_it_applies_to_with_read_only_and_full_handles() {
    let sim = sim_with_service();
    let full = sim.open_cluster(None).unwrap();
    let (read, _) = sim.open_cluster_ex(None, GENERIC_READ).unwrap();
    let (mut reads, mut writes) = (0, 0);
    for (name, code) in clusctl::supported() {
        let (object, function) = (code & 0xFF00_0000, code & 0x00FF_FFFF);
        let common = [CLCTL_SET_COMMON_PROPERTIES, CLCTL_VALIDATE_COMMON_PROPERTIES].contains(&function);
        let private = [CLCTL_SET_PRIVATE_PROPERTIES, CLCTL_VALIDATE_PRIVATE_PROPERTIES].contains(&function);
        for (c, writable) in [(full, true), (read, false)] {
            if !common && !private {
                // A read: an answer through either handle. The voter checks read the id of
                // a voter (node 1).
                let voter = [CLCTL_CHECK_VOTER_DOWN, CLCTL_CHECK_VOTER_EVICT].contains(&function);
                let input: &[u8] = if voter { &[0x31, 0, 0, 0] } else { &[] };
                let out = run(&sim, c, code, input).unwrap_or_else(|e| panic!("{name}: {e}"));
                assert!(!out.is_empty(), "{name} answers something");
                reads += 1;
                continue;
            }
            // A set or validate of the object's own current value of a settable property.
            let get =
                object | if common { CLCTL_GET_COMMON_PROPERTIES } else { CLCTL_GET_PRIVATE_PROPERTIES };
            let current = PropertyList::parse(&run(&sim, full, get, &[]).unwrap()).unwrap();
            let settable = [
                "Description",
                "FailoverThreshold",
                "RestartThreshold",
                "ServiceName",
                "QuorumArbitrationTimeMax",
                "NodeWeight",
                "Metric",
                "LooksAlivePollInterval",
            ];
            let Some((n, v)) = current.iter().find(|(n, _)| settable.contains(n)) else {
                // Objects without private properties: an empty private set refuses any list.
                let input = PropertyList::new().with("Anything", PropertyValue::Dword(1)).to_bytes();
                let r = run(&sim, c, code, &input);
                let is_set = function == CLCTL_SET_PRIVATE_PROPERTIES;
                if is_set && !writable {
                    assert_eq!(r.unwrap_err().code(), 5, "{name} through a read-only handle");
                } else {
                    r.unwrap_or_else(|e| panic!("{name}: open-ended private set: {e}"));
                }
                writes += 1;
                continue;
            };
            let input = PropertyList::new().with(n, v.clone()).to_bytes();
            let r = run(&sim, c, code, &input);
            let is_set = function == CLCTL_SET_COMMON_PROPERTIES || function == CLCTL_SET_PRIVATE_PROPERTIES;
            if is_set && !writable {
                assert_eq!(r.unwrap_err().code(), 5, "{name} through a read-only handle");
            } else {
                r.unwrap_or_else(|e| panic!("{name} ({n}): {e}"));
            }
            writes += 1;
        }
    }
    // 117 codes, each through two handles.
    assert_eq!(reads + writes, 2 * clusctl::supported().len());
    assert!(writes >= 2 * 28, "{writes}");
}

#[test]
fn codes_for_another_object_unknown_or_zero_are_invalid_functions() {
    let sim = Simulator::default();
    let c = sim.open_cluster(None).unwrap();
    let g = sim.open_cluster_group(c, "Cluster Group").unwrap();
    for code in
        [0, CLUSCTL_NODE_GET_COMMON_PROPERTIES, 0x0300_0FFD, clusctl::clusctl(CLUS_OBJECT_GROUP, 0x0040_0100)]
    {
        assert_eq!(sim.cluster_group_control(g, None, code, &[]).unwrap_err().code(), 1, "{code:#x}");
    }
    // Codes that clusapi.h does not define for an object.
    assert_eq!(
        sim.cluster_control(c, None, clusctl::clusctl(CLUS_OBJECT_CLUSTER, CLCTL_GET_NAME), &[])
            .unwrap_err()
            .code(),
        1
    );
}

fn group_props(sim: &Simulator, c: HCluster, name: &str) -> PropertyList {
    let g = sim.open_cluster_group(c, name).unwrap();
    let out = PropertyList::parse(
        &sim.cluster_group_control(g, None, CLUSCTL_GROUP_GET_COMMON_PROPERTIES, &[]).unwrap(),
    )
    .unwrap();
    sim.close_cluster_group(g).unwrap();
    out
}

#[test]
fn sets_store_refuse_read_only_and_bad_values_and_raise_property_events() {
    let sim = sim_with_service();
    let c = sim.open_cluster(None).unwrap();
    let g = sim.open_cluster_group(c, "App").unwrap();
    let port = sim.create_cluster_notify_port(None, c, change::GROUP_PROPERTY, 5).unwrap();
    let set = |list: PropertyList| {
        sim.cluster_group_control(g, None, CLUSCTL_GROUP_SET_COMMON_PROPERTIES, &list.to_bytes())
    };

    set(PropertyList::new()
        .with("FailoverThreshold", PropertyValue::Dword(7))
        .with("Description", PropertyValue::Sz("web tier".into())))
    .unwrap();
    let props = group_props(&sim, c, "App");
    assert_eq!(props.get("FailoverThreshold"), Some(&PropertyValue::Dword(7)));
    assert_eq!(props.get("description"), Some(&PropertyValue::Sz("web tier".into())));
    let event = sim.get_cluster_notify(port, 0).unwrap();
    assert_eq!((event.filter_type, event.name.as_str()), (change::GROUP_PROPERTY, "App"));

    // A read-only property, an unknown one, a wrong format, an out-of-range value, a
    // malformed list: refused, and nothing of the list is stored.
    let (ro_name, _) = PropertyList::parse(
        &sim.cluster_group_control(g, None, CLUSCTL_GROUP_GET_RO_COMMON_PROPERTIES, &[]).unwrap(),
    )
    .unwrap()
    .iter()
    .map(|(n, v)| (n.to_owned(), v.clone()))
    .next()
    .unwrap();
    for (list, code) in [
        (
            PropertyList::new()
                .with("FailoverThreshold", PropertyValue::Dword(1))
                .with(ro_name.as_str(), PropertyValue::Dword(1)),
            87,
        ),
        (PropertyList::new().with("NoSuchProperty", PropertyValue::Dword(1)), 87),
        (PropertyList::new().with("FailoverThreshold", PropertyValue::Sz("1".into())), 87),
        (PropertyList::new().with("AutoFailbackType", PropertyValue::Dword(9)), 87),
    ] {
        assert_eq!(set(list).unwrap_err().code(), code);
    }
    assert_eq!(
        sim.cluster_group_control(g, None, CLUSCTL_GROUP_SET_COMMON_PROPERTIES, &[1, 0, 0])
            .unwrap_err()
            .code(),
        13
    );
    assert_eq!(
        group_props(&sim, c, "App").get("FailoverThreshold"),
        Some(&PropertyValue::Dword(7)),
        "all or nothing"
    );
    assert!(sim.get_cluster_notify(port, 0).is_err(), "no event for a refused set");

    // Through a read-only handle: access denied; a validate changes nothing.
    let (rc, _) = sim.open_cluster_ex(None, GENERIC_READ).unwrap();
    let rg = sim.open_cluster_group(rc, "App").unwrap();
    let one = PropertyList::new().with("FailoverThreshold", PropertyValue::Dword(2)).to_bytes();
    assert_eq!(
        sim.cluster_group_control(rg, None, CLUSCTL_GROUP_SET_COMMON_PROPERTIES, &one).unwrap_err().code(),
        5
    );
    sim.cluster_group_control(
        rg,
        None,
        clusctl::clusctl(CLUS_OBJECT_GROUP, CLCTL_VALIDATE_COMMON_PROPERTIES),
        &one,
    )
    .unwrap();
    assert_eq!(group_props(&sim, c, "App").get("FailoverThreshold"), Some(&PropertyValue::Dword(7)));
    // The history has the calls.
    drop(sim.history());
}

#[test]
fn failover_threshold_zero_keeps_a_group_from_failing_over() {
    for (threshold, expect_owner, expect_state) in
        [(None, "NODE2", ClusterGroupState::Online), (Some(0), "NODE1", ClusterGroupState::Failed)]
    {
        let sim = Simulator::default_builder()
            .online_group("App", "NODE1")
            .resource("App", "App Service", "Generic Service")
            .build()
            .unwrap();
        let c = sim.open_cluster(None).unwrap();
        let g = sim.open_cluster_group(c, "App").unwrap();
        if let Some(t) = threshold {
            let list = PropertyList::new().with("FailoverThreshold", PropertyValue::Dword(t));
            sim.cluster_group_control(g, None, CLUSCTL_GROUP_SET_COMMON_PROPERTIES, &list.to_bytes())
                .unwrap();
        }
        sim.crash_node("NODE1").unwrap();
        let state = sim.get_cluster_group_state(g).unwrap();
        assert_eq!(
            (state.owner_node.as_str(), state.state),
            (expect_owner, expect_state),
            "threshold {threshold:?}"
        );
    }
}

/// `FailoverThreshold` failovers within any `FailoverPeriod` hours of simulated time; older
/// ones no longer count (Microsoft's MSCS FailoverPeriod page).
#[test]
fn failovers_count_only_within_the_failover_period() {
    let sim = Simulator::default_builder()
        .manual_clock()
        .online_group("App", "NODE1")
        .resource("App", "App Service", "Generic Service")
        .build()
        .unwrap();
    let c = sim.open_cluster(None).unwrap();
    let g = sim.open_cluster_group(c, "App").unwrap();
    let list = PropertyList::new()
        .with("FailoverThreshold", PropertyValue::Dword(1))
        .with("FailoverPeriod", PropertyValue::Dword(1));
    sim.cluster_group_control(g, None, CLUSCTL_GROUP_SET_COMMON_PROPERTIES, &list.to_bytes()).unwrap();
    let at = |sim: &Simulator| {
        let s = sim.get_cluster_group_state(g).unwrap();
        (s.owner_node, s.state)
    };
    sim.crash_node("NODE1").unwrap();
    assert_eq!(at(&sim), ("NODE2".to_owned(), ClusterGroupState::Online));
    sim.restore_node("NODE1").unwrap();
    // An hour and a minute later the first failover is out of the period: another is allowed.
    sim.advance_clock(std::time::Duration::from_secs(61 * 60));
    sim.crash_node("NODE2").unwrap();
    assert_eq!(at(&sim), ("NODE1".to_owned(), ClusterGroupState::Online));
    sim.restore_node("NODE2").unwrap();
    // A third within the hour of the second: over the threshold, the group is left failed.
    sim.advance_clock(std::time::Duration::from_secs(59 * 60));
    sim.crash_node("NODE1").unwrap();
    assert_eq!(at(&sim), ("NODE1".to_owned(), ClusterGroupState::Failed));
}

/// `AutoFailbackType` 1: when the group's preferred owner comes back, the group fails back
/// to it at once without a failback window; 0 (the default), or a window, keeps it where it
/// failed over to (Microsoft's Group Common Properties page).
#[test]
fn a_group_that_allows_failback_returns_to_its_preferred_owner() {
    for (props, back) in [
        (vec![("AutoFailbackType", 1)], true),
        (vec![], false),
        (vec![("AutoFailbackType", 1), ("FailbackWindowStart", 2), ("FailbackWindowEnd", 4)], false),
    ] {
        let sim = Simulator::default_builder()
            .online_group("App", "NODE1")
            .resource("App", "App Service", "Generic Service")
            .build()
            .unwrap();
        let c = sim.open_cluster(None).unwrap();
        let g = sim.open_cluster_group(c, "App").unwrap();
        let n1 = sim.open_cluster_node(c, "NODE1").unwrap();
        sim.set_cluster_group_node_list(g, &[n1]).unwrap();
        let mut list = PropertyList::new();
        for (name, v) in &props {
            list = list.with(*name, PropertyValue::Dword(*v));
        }
        if !props.is_empty() {
            sim.cluster_group_control(g, None, CLUSCTL_GROUP_SET_COMMON_PROPERTIES, &list.to_bytes())
                .unwrap();
        }
        sim.crash_node("NODE1").unwrap();
        assert_eq!(sim.get_cluster_group_state(g).unwrap().owner_node, "NODE2");
        sim.restore_node("NODE1").unwrap();
        let s = sim.get_cluster_group_state(g).unwrap();
        let expect = if back { "NODE1" } else { "NODE2" };
        assert_eq!((s.owner_node.as_str(), s.state), (expect, ClusterGroupState::Online), "{props:?}");
        // The core group has no preferred owner: it stays.
        let core = sim.open_cluster_group(c, "Cluster Group").unwrap();
        assert_eq!(sim.get_cluster_group_state(core).unwrap().owner_node, "NODE2");
    }
}

#[test]
fn restart_action_zero_leaves_a_resource_failed_after_failover() {
    let sim = Simulator::default_builder()
        .online_group("App", "NODE1")
        .resource("App", "Keeps", "Generic Service")
        .resource("App", "Gives Up", "Generic Service")
        .build()
        .unwrap();
    let c = sim.open_cluster(None).unwrap();
    let r = sim.open_cluster_resource(c, "Gives Up").unwrap();
    let list = PropertyList::new().with("RestartAction", PropertyValue::Dword(0));
    sim.cluster_resource_control(r, None, CLUSCTL_RESOURCE_SET_COMMON_PROPERTIES, &list.to_bytes()).unwrap();
    sim.crash_node("NODE1").unwrap();
    assert_eq!(sim.get_cluster_resource_state(r).unwrap().state, ClusterResourceState::Failed);
    let keeps = sim.open_cluster_resource(c, "Keeps").unwrap();
    assert_eq!(sim.get_cluster_resource_state(keeps).unwrap().state, ClusterResourceState::Online);
}

#[test]
fn names_ids_types_and_enumerations_answer_what_the_model_says() {
    let sim = sim_with_service();
    let c = sim.open_cluster(None).unwrap();
    let r = sim.open_cluster_resource(c, "App Disk").unwrap();
    let utf16 = |bytes: Vec<u8>| {
        let units: Vec<u16> = bytes.chunks(2).map(|b| u16::from_le_bytes([b[0], b[1]])).collect();
        String::from_utf16(&units[..units.len() - 1]).unwrap()
    };
    assert_eq!(
        utf16(sim.cluster_resource_control(r, None, CLUSCTL_RESOURCE_GET_RESOURCE_TYPE, &[]).unwrap()),
        "Physical Disk"
    );
    assert_eq!(
        utf16(
            sim.cluster_resource_control(
                r,
                None,
                clusctl::clusctl(CLUS_OBJECT_RESOURCE, CLCTL_GET_NAME),
                &[]
            )
            .unwrap()
        ),
        "App Disk"
    );
    assert_eq!(
        sim.cluster_resource_control(r, None, CLUSCTL_RESOURCE_GET_CLASS_INFO, &[]).unwrap(),
        [1, 0, 0, 0, 0, 0, 0, 0x80]
    );
    assert_eq!(
        sim.cluster_resource_control(r, None, CLUSCTL_RESOURCE_GET_CHARACTERISTICS, &[]).unwrap(),
        [3, 0, 0, 0]
    );
    let core = sim.open_cluster_resource(c, "Cluster Name").unwrap();
    assert_eq!(
        sim.cluster_resource_control(core, None, CLUSCTL_RESOURCE_GET_FLAGS, &[]).unwrap(),
        [1, 0, 0, 0]
    );
    // ENUM_COMMON_PROPERTIES: the names GET_COMMON_PROPERTIES lists, as a MULTI_SZ.
    let names = sim
        .cluster_resource_control(
            r,
            None,
            clusctl::clusctl(CLUS_OBJECT_RESOURCE, CLCTL_ENUM_COMMON_PROPERTIES),
            &[],
        )
        .unwrap();
    let units: Vec<u16> = names.chunks(2).map(|b| u16::from_le_bytes([b[0], b[1]])).collect();
    let listed: Vec<String> = String::from_utf16(&units)
        .unwrap()
        .split('\0')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    let common = PropertyList::parse(
        &sim.cluster_resource_control(r, None, CLUSCTL_RESOURCE_GET_COMMON_PROPERTIES, &[]).unwrap(),
    )
    .unwrap();
    assert_eq!(listed, common.names());
    // The format list: a WORD per property, its format.
    let fmts = PropertyList::parse(
        &sim.cluster_resource_control(
            r,
            None,
            clusctl::clusctl(CLUS_OBJECT_RESOURCE, CLCTL_GET_COMMON_PROPERTY_FMTS),
            &[],
        )
        .unwrap(),
    )
    .unwrap();
    for ((n, f), (m, v)) in fmts.iter().zip(common.iter()) {
        assert_eq!((n, f), (m, &PropertyValue::Word(v.format().code())));
    }
}

#[test]
fn private_properties_come_from_the_builder_and_the_topology_file() {
    let sim = Simulator::default_builder()
        .group("App", "NODE1")
        .resource("App", "App Service", "Generic Service")
        .private_property("App Service", "ServiceName", PropertyValue::Sz("w3svc".into()))
        .build()
        .unwrap();
    let c = sim.open_cluster(None).unwrap();
    let r = sim.open_cluster_resource(c, "App Service").unwrap();
    let private = PropertyList::parse(
        &sim.cluster_resource_control(r, None, CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTIES, &[]).unwrap(),
    )
    .unwrap();
    assert_eq!(private.get("ServiceName"), Some(&PropertyValue::Sz("w3svc".into())));
    // A property the type does not have, or a value of the wrong format: build() says so.
    let bad = Simulator::default_builder()
        .group("App", "NODE1")
        .resource("App", "App Service", "Generic Service")
        .private_property("App Service", "Bogus", PropertyValue::Dword(1))
        .build();
    assert_eq!(bad.err().map(|e| e.code()), Some(87));
    let _ = NotifyObject::Group;
}

#[cfg(feature = "topology-file")]
#[test]
fn topology_files_set_private_properties() {
    let sim = Simulator::builder()
        .topology_toml(
            r#"
[[cluster]]
name = "FILECLUSTER"
nodes = ["A", "B"]
[[cluster.group]]
name = "Web"
owner = "A"
resources = [{ name = "Web IP", type = "IP Address", private = { Address = "10.1.2.3", EnableDhcp = 0 } }]
"#,
        )
        .build()
        .unwrap();
    let c = sim.open_cluster(None).unwrap();
    let r = sim.open_cluster_resource(c, "Web IP").unwrap();
    let private = PropertyList::parse(
        &sim.cluster_resource_control(r, None, CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTIES, &[]).unwrap(),
    )
    .unwrap();
    assert_eq!(private.get("Address"), Some(&PropertyValue::Sz("10.1.2.3".into())));
    let err = Simulator::builder()
        .topology_toml(
            "[[cluster]]\nname = \"X\"\nnodes = [\"A\"]\n[[cluster.group]]\nname = \"G\"\nowner = \"A\"\n\
             resources = [{ name = \"R\", type = \"IP Address\", private = { Address = 5 } }]\n",
        )
        .build()
        .unwrap_err();
    assert_eq!(err.code(), 13, "{err}");
    assert!(err.message().contains("line 7"), "{err}");
}

#[test]
fn control_calls_appear_in_the_history() {
    let sim = Simulator::default_builder().record_history(16).build().unwrap();
    let c = sim.open_cluster(None).unwrap();
    let g = sim.open_cluster_group(c, "Available Storage").unwrap();
    let list = PropertyList::new().with("Priority", PropertyValue::Dword(3000));
    sim.cluster_group_control(g, None, CLUSCTL_GROUP_SET_COMMON_PROPERTIES, &list.to_bytes()).unwrap();
    assert_eq!(sim.cluster_group_control(g, None, 0, &[]).unwrap_err().code(), 1);
    let history = sim.history();
    let control: Vec<_> = history.iter().filter(|r| r.call == "cluster_group_control").collect();
    assert_eq!(control.len(), 2);
    assert!(control[0].result.is_ok() && control[0].args.contains("0x0340005e"), "{:?}", control[0]);
    assert_eq!(control[1].result, Err(1));
}

/// A group's `GroupType`, as `CLUSCTL_GROUP_GET_RO_COMMON_PROPERTIES` reads it.
fn group_type(sim: &Simulator, c: HCluster, name: &str) -> Option<PropertyValue> {
    let g = sim.open_cluster_group(c, name).unwrap();
    let ro = PropertyList::parse(
        &sim.cluster_group_control(g, None, CLUSCTL_GROUP_GET_RO_COMMON_PROPERTIES, &[]).unwrap(),
    )
    .unwrap();
    sim.close_cluster_group(g).unwrap();
    ro.get("GroupType").cloned()
}

#[test]
fn group_types_come_from_the_topology_and_are_read_only() {
    use clusapi_sim::clusgroup_type::*;
    let sim = Simulator::default_builder()
        .group("VM1", "NODE2")
        .group_type("vm1", ClusGroupTypeVirtualMachine)
        .group("Files", "NODE1")
        .group_type("Files", ClusGroupTypeFileServer)
        .group("Odd", "NODE1")
        .group_type("Odd", 4242)
        .group("App", "NODE1")
        .build()
        .unwrap();
    let c = sim.open_cluster(None).unwrap();
    let d = PropertyValue::Dword;
    for (name, expected) in [
        ("Cluster Group", ClusGroupTypeCoreCluster),
        ("Available Storage", ClusGroupTypeAvailableStorage),
        ("VM1", 111),
        ("Files", 100),
        ("Odd", 4242),
        ("App", ClusGroupTypeUnknown),
    ] {
        assert_eq!(group_type(&sim, c, name), Some(d(expected)), "{name}");
    }
    let created = sim.create_cluster_group(c, "New").unwrap();
    assert_eq!(group_type(&sim, c, "New"), Some(d(9999)), "CreateClusterGroup: ClusGroupTypeUnknown");

    // Read-only (Microsoft's GroupType page): not among the read-write properties, and a set
    // is refused, changing nothing.
    assert_eq!(group_props(&sim, c, "VM1").get("GroupType"), None);
    let g = sim.open_cluster_group(c, "VM1").unwrap();
    let set = PropertyList::new().with("GroupType", d(100)).to_bytes();
    assert_eq!(
        sim.cluster_group_control(g, None, CLUSCTL_GROUP_SET_COMMON_PROPERTIES, &set).unwrap_err().code(),
        87
    );
    assert_eq!(group_type(&sim, c, "VM1"), Some(d(111)));
    sim.close_cluster_group(g).unwrap();
    sim.close_cluster_group(created).unwrap();

    // The builder names its culprit; a topology file gives the type as `group_type`.
    let err = Simulator::default_builder().group_type("Nope", 111).build().unwrap_err();
    assert_eq!(err.code(), clusapi_sim::codes::ERROR_GROUP_NOT_FOUND);
    assert!(err.message().contains("Nope"), "{err}");
    let sim = Simulator::builder()
        .topology_toml(
            "[[cluster]]\nname = \"HV\"\nnodes = [\"A\"]\n\
             [[cluster.group]]\nname = \"Cluster Group\"\nowner = \"A\"\n\
             [[cluster.group]]\nname = \"Available Storage\"\nowner = \"A\"\ngroup_type = 9999\n\
             [[cluster.group]]\nname = \"VM7\"\nowner = \"A\"\ngroup_type = 111\n",
        )
        .build()
        .unwrap();
    let c = sim.open_cluster(None).unwrap();
    assert_eq!(group_type(&sim, c, "Cluster Group"), Some(d(1)));
    assert_eq!(group_type(&sim, c, "Available Storage"), Some(d(9999)), "the file's type wins");
    assert_eq!(group_type(&sim, c, "VM7"), Some(d(111)));
    let err = Simulator::builder()
        .topology_toml("[[cluster]]\nname = \"X\"\nnodes = [\"A\"]\n[[cluster.group]]\nname = \"G\"\nowner = \"A\"\ngroup_type = 4294967296\n")
        .build()
        .unwrap_err();
    assert_eq!(err.code(), 13, "{err}");
    assert!(err.message().contains("line 7"), "{err}");
}
