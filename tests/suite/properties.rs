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

/// Every read-only `CLUSCTL_*` code (access `CLUS_ACCESS_READ`, no modify bit) that
/// windows-sys 0.61.2 defines for the object kinds the simulator has (resource, resource
/// type, group, node, network, net interface, cluster), with its value. Taken from
/// `windows-sys-0.61.2/src/Windows/Win32/Networking/Clustering/mod.rs` (generated from the
/// Windows SDK's metadata): embedded so the test does not need that file.
const WINDOWS_SYS_READ_ONLY: &[(&str, u32)] = &[
    ("CLUSCTL_CLUSTER_BATCH_UNBLOCK_KEY", 0x07000241),
    ("CLUSCTL_CLUSTER_CHECK_VOTER_DOWN", 0x07000049),
    ("CLUSCTL_CLUSTER_CHECK_VOTER_DOWN_WITNESS", 0x07000071),
    ("CLUSCTL_CLUSTER_CHECK_VOTER_EVICT", 0x07000045),
    ("CLUSCTL_CLUSTER_CHECK_VOTER_EVICT_WITNESS", 0x0700006d),
    ("CLUSCTL_CLUSTER_ENUM_AFFINITY_RULE_NAMES", 0x07002ddd),
    ("CLUSCTL_CLUSTER_ENUM_COMMON_PROPERTIES", 0x07000051),
    ("CLUSCTL_CLUSTER_ENUM_PRIVATE_PROPERTIES", 0x07000079),
    ("CLUSCTL_CLUSTER_GET_CLMUSR_TOKEN", 0x0700016d),
    ("CLUSCTL_CLUSTER_GET_CLUSDB_TIMESTAMP", 0x070002a9),
    ("CLUSCTL_CLUSTER_GET_COMMON_PROPERTIES", 0x07000059),
    ("CLUSCTL_CLUSTER_GET_COMMON_PROPERTY_FMTS", 0x07000065),
    ("CLUSCTL_CLUSTER_GET_FQDN", 0x0700003d),
    ("CLUSCTL_CLUSTER_GET_GUM_LOCK_OWNER", 0x070002b9),
    ("CLUSCTL_CLUSTER_GET_NODES_IN_FD", 0x07002de1),
    ("CLUSCTL_CLUSTER_GET_PRIVATE_PROPERTIES", 0x07000081),
    ("CLUSCTL_CLUSTER_GET_PRIVATE_PROPERTY_FMTS", 0x0700008d),
    ("CLUSCTL_CLUSTER_GET_RO_COMMON_PROPERTIES", 0x07000055),
    ("CLUSCTL_CLUSTER_GET_RO_PRIVATE_PROPERTIES", 0x0700007d),
    ("CLUSCTL_CLUSTER_GET_SHARED_VOLUME_ID", 0x07000291),
    ("CLUSCTL_CLUSTER_GET_STORAGE_CONFIGURATION", 0x070002e5),
    ("CLUSCTL_CLUSTER_GET_STORAGE_CONFIG_ATTRIBUTES", 0x070002e9),
    ("CLUSCTL_CLUSTER_SHUTDOWN", 0x0700004d),
    ("CLUSCTL_CLUSTER_VALIDATE_COMMON_PROPERTIES", 0x07000061),
    ("CLUSCTL_CLUSTER_VALIDATE_PRIVATE_PROPERTIES", 0x07000089),
    ("CLUSCTL_GROUP_ENUM_COMMON_PROPERTIES", 0x03000051),
    ("CLUSCTL_GROUP_ENUM_PRIVATE_PROPERTIES", 0x03000079),
    ("CLUSCTL_GROUP_GET_CHARACTERISTICS", 0x03000005),
    ("CLUSCTL_GROUP_GET_COMMON_PROPERTIES", 0x03000059),
    ("CLUSCTL_GROUP_GET_COMMON_PROPERTY_FMTS", 0x03000065),
    ("CLUSCTL_GROUP_GET_FAILURE_INFO", 0x03000019),
    ("CLUSCTL_GROUP_GET_FLAGS", 0x03000009),
    ("CLUSCTL_GROUP_GET_ID", 0x03000039),
    ("CLUSCTL_GROUP_GET_LAST_MOVE_TIME", 0x030002d9),
    ("CLUSCTL_GROUP_GET_NAME", 0x03000029),
    ("CLUSCTL_GROUP_GET_PRIVATE_PROPERTIES", 0x03000081),
    ("CLUSCTL_GROUP_GET_PRIVATE_PROPERTY_FMTS", 0x0300008d),
    ("CLUSCTL_GROUP_GET_PROVIDER_GROUPS", 0x08002d7d),
    ("CLUSCTL_GROUP_GET_PROVIDER_GROUPSETS", 0x08002d81),
    ("CLUSCTL_GROUP_GET_RO_COMMON_PROPERTIES", 0x03000055),
    ("CLUSCTL_GROUP_GET_RO_PRIVATE_PROPERTIES", 0x0300007d),
    ("CLUSCTL_GROUP_QUERY_DELETE", 0x030001b9),
    ("CLUSCTL_GROUP_VALIDATE_COMMON_PROPERTIES", 0x03000061),
    ("CLUSCTL_GROUP_VALIDATE_PRIVATE_PROPERTIES", 0x03000089),
    ("CLUSCTL_NETINTERFACE_ENUM_COMMON_PROPERTIES", 0x06000051),
    ("CLUSCTL_NETINTERFACE_ENUM_PRIVATE_PROPERTIES", 0x06000079),
    ("CLUSCTL_NETINTERFACE_GET_CHARACTERISTICS", 0x06000005),
    ("CLUSCTL_NETINTERFACE_GET_COMMON_PROPERTIES", 0x06000059),
    ("CLUSCTL_NETINTERFACE_GET_COMMON_PROPERTY_FMTS", 0x06000065),
    ("CLUSCTL_NETINTERFACE_GET_FLAGS", 0x06000009),
    ("CLUSCTL_NETINTERFACE_GET_ID", 0x06000039),
    ("CLUSCTL_NETINTERFACE_GET_NAME", 0x06000029),
    ("CLUSCTL_NETINTERFACE_GET_NETWORK", 0x06000035),
    ("CLUSCTL_NETINTERFACE_GET_NODE", 0x06000031),
    ("CLUSCTL_NETINTERFACE_GET_PRIVATE_PROPERTIES", 0x06000081),
    ("CLUSCTL_NETINTERFACE_GET_PRIVATE_PROPERTY_FMTS", 0x0600008d),
    ("CLUSCTL_NETINTERFACE_GET_RO_COMMON_PROPERTIES", 0x06000055),
    ("CLUSCTL_NETINTERFACE_GET_RO_PRIVATE_PROPERTIES", 0x0600007d),
    ("CLUSCTL_NETINTERFACE_VALIDATE_COMMON_PROPERTIES", 0x06000061),
    ("CLUSCTL_NETINTERFACE_VALIDATE_PRIVATE_PROPERTIES", 0x06000089),
    ("CLUSCTL_NETWORK_ENUM_COMMON_PROPERTIES", 0x05000051),
    ("CLUSCTL_NETWORK_ENUM_PRIVATE_PROPERTIES", 0x05000079),
    ("CLUSCTL_NETWORK_GET_CHARACTERISTICS", 0x05000005),
    ("CLUSCTL_NETWORK_GET_COMMON_PROPERTIES", 0x05000059),
    ("CLUSCTL_NETWORK_GET_COMMON_PROPERTY_FMTS", 0x05000065),
    ("CLUSCTL_NETWORK_GET_FLAGS", 0x05000009),
    ("CLUSCTL_NETWORK_GET_ID", 0x05000039),
    ("CLUSCTL_NETWORK_GET_NAME", 0x05000029),
    ("CLUSCTL_NETWORK_GET_PRIVATE_PROPERTIES", 0x05000081),
    ("CLUSCTL_NETWORK_GET_PRIVATE_PROPERTY_FMTS", 0x0500008d),
    ("CLUSCTL_NETWORK_GET_RO_COMMON_PROPERTIES", 0x05000055),
    ("CLUSCTL_NETWORK_GET_RO_PRIVATE_PROPERTIES", 0x0500007d),
    ("CLUSCTL_NETWORK_VALIDATE_COMMON_PROPERTIES", 0x05000061),
    ("CLUSCTL_NETWORK_VALIDATE_PRIVATE_PROPERTIES", 0x05000089),
    ("CLUSCTL_NODE_BLOCK_GEM_SEND_RECV", 0x040002cd),
    ("CLUSCTL_NODE_ENUM_COMMON_PROPERTIES", 0x04000051),
    ("CLUSCTL_NODE_ENUM_PRIVATE_PROPERTIES", 0x04000079),
    ("CLUSCTL_NODE_GET_CHARACTERISTICS", 0x04000005),
    ("CLUSCTL_NODE_GET_CLUSTER_SERVICE_ACCOUNT_NAME", 0x04000041),
    ("CLUSCTL_NODE_GET_COMMON_PROPERTIES", 0x04000059),
    ("CLUSCTL_NODE_GET_COMMON_PROPERTY_FMTS", 0x04000065),
    ("CLUSCTL_NODE_GET_FLAGS", 0x04000009),
    ("CLUSCTL_NODE_GET_GEMID_VECTOR", 0x040002d1),
    ("CLUSCTL_NODE_GET_ID", 0x04000039),
    ("CLUSCTL_NODE_GET_NAME", 0x04000029),
    ("CLUSCTL_NODE_GET_PRIVATE_PROPERTIES", 0x04000081),
    ("CLUSCTL_NODE_GET_PRIVATE_PROPERTY_FMTS", 0x0400008d),
    ("CLUSCTL_NODE_GET_RO_COMMON_PROPERTIES", 0x04000055),
    ("CLUSCTL_NODE_GET_RO_PRIVATE_PROPERTIES", 0x0400007d),
    ("CLUSCTL_NODE_GET_STUCK_NODES", 0x040002bd),
    ("CLUSCTL_NODE_INJECT_GEM_FAULT", 0x040002c1),
    ("CLUSCTL_NODE_INTRODUCE_GEM_REPAIR_DELAY", 0x040002c5),
    ("CLUSCTL_NODE_SEND_DUMMY_GEM_MESSAGES", 0x040002c9),
    ("CLUSCTL_NODE_VALIDATE_COMMON_PROPERTIES", 0x04000061),
    ("CLUSCTL_NODE_VALIDATE_PRIVATE_PROPERTIES", 0x04000089),
    ("CLUSCTL_RESOURCE_CHECK_DRAIN_VETO", 0x0110212d),
    ("CLUSCTL_RESOURCE_ENUM_COMMON_PROPERTIES", 0x01000051),
    ("CLUSCTL_RESOURCE_ENUM_PRIVATE_PROPERTIES", 0x01000079),
    ("CLUSCTL_RESOURCE_FSWITNESS_GET_EPOCH_INFO", 0x0110005d),
    ("CLUSCTL_RESOURCE_GET_CHARACTERISTICS", 0x01000005),
    ("CLUSCTL_RESOURCE_GET_CLASS_INFO", 0x0100000d),
    ("CLUSCTL_RESOURCE_GET_COMMON_PROPERTIES", 0x01000059),
    ("CLUSCTL_RESOURCE_GET_COMMON_PROPERTY_FMTS", 0x01000065),
    ("CLUSCTL_RESOURCE_GET_CRYPTO_CHECKPOINTS", 0x010000b5),
    ("CLUSCTL_RESOURCE_GET_DNS_NAME", 0x01000175),
    ("CLUSCTL_RESOURCE_GET_FAILURE_INFO", 0x01000019),
    ("CLUSCTL_RESOURCE_GET_FLAGS", 0x01000009),
    ("CLUSCTL_RESOURCE_GET_ID", 0x01000039),
    ("CLUSCTL_RESOURCE_GET_INFRASTRUCTURE_SOFS_BUFFER", 0x01002d89),
    ("CLUSCTL_RESOURCE_GET_LOADBAL_PROCESS_LIST", 0x010000c9),
    ("CLUSCTL_RESOURCE_GET_NAME", 0x01000029),
    ("CLUSCTL_RESOURCE_GET_NETWORK_NAME", 0x01000169),
    ("CLUSCTL_RESOURCE_GET_NODES_IN_FD", 0x01002de1),
    ("CLUSCTL_RESOURCE_GET_OPERATION_CONTEXT", 0x011020e9),
    ("CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTIES", 0x01000081),
    ("CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTY_FMTS", 0x0100008d),
    ("CLUSCTL_RESOURCE_GET_REGISTRY_CHECKPOINTS", 0x010000a9),
    ("CLUSCTL_RESOURCE_GET_REQUIRED_DEPENDENCIES", 0x01000011),
    ("CLUSCTL_RESOURCE_GET_RESOURCE_TYPE", 0x0100002d),
    ("CLUSCTL_RESOURCE_GET_RO_COMMON_PROPERTIES", 0x01000055),
    ("CLUSCTL_RESOURCE_GET_RO_PRIVATE_PROPERTIES", 0x0100007d),
    ("CLUSCTL_RESOURCE_GET_STATE_CHANGE_TIME", 0x01002d5d),
    ("CLUSCTL_RESOURCE_IS_QUORUM_BLOCKED", 0x010002b1),
    ("CLUSCTL_RESOURCE_NETNAME_GET_VIRTUAL_SERVER_TOKEN", 0x0100016d),
    ("CLUSCTL_RESOURCE_NETNAME_REPAIR_VCO", 0x0100018d),
    ("CLUSCTL_RESOURCE_NETNAME_RESET_VCO", 0x01000185),
    ("CLUSCTL_RESOURCE_NETNAME_VALIDATE_VCO", 0x01000181),
    ("CLUSCTL_RESOURCE_NOTIFY_DRAIN_COMPLETE", 0x01102131),
    ("CLUSCTL_RESOURCE_POOL_GET_DRIVE_INFO", 0x010002b5),
    ("CLUSCTL_RESOURCE_QUERY_DELETE", 0x010001b9),
    ("CLUSCTL_RESOURCE_QUERY_MAINTENANCE_MODE", 0x010001e1),
    ("CLUSCTL_RESOURCE_RLUA_GET_VIRTUAL_SERVER_TOKEN", 0x0100016d),
    ("CLUSCTL_RESOURCE_STORAGE_GET_DIRTY", 0x01000219),
    ("CLUSCTL_RESOURCE_STORAGE_GET_DISKID", 0x01000205),
    ("CLUSCTL_RESOURCE_STORAGE_GET_DISK_INFO", 0x01000191),
    ("CLUSCTL_RESOURCE_STORAGE_GET_DISK_INFO_EX", 0x010001f1),
    ("CLUSCTL_RESOURCE_STORAGE_GET_DISK_INFO_EX2", 0x010001f9),
    ("CLUSCTL_RESOURCE_STORAGE_GET_DISK_NUMBER_INFO", 0x010001a1),
    ("CLUSCTL_RESOURCE_STORAGE_GET_MOUNTPOINTS", 0x01000211),
    ("CLUSCTL_RESOURCE_STORAGE_GET_SHARED_VOLUME_INFO", 0x01000225),
    ("CLUSCTL_RESOURCE_STORAGE_GET_SHARED_VOLUME_PARTITION_NAMES", 0x0100029d),
    ("CLUSCTL_RESOURCE_STORAGE_IS_PATH_VALID", 0x01000199),
    ("CLUSCTL_RESOURCE_STORAGE_IS_SHARED_VOLUME", 0x010002a5),
    ("CLUSCTL_RESOURCE_TYPE_CHECK_DRAIN_VETO", 0x0210212d),
    ("CLUSCTL_RESOURCE_TYPE_ENUM_COMMON_PROPERTIES", 0x02000051),
    ("CLUSCTL_RESOURCE_TYPE_ENUM_PRIVATE_PROPERTIES", 0x02000079),
    ("CLUSCTL_RESOURCE_TYPE_GEN_APP_VALIDATE_DIRECTORY", 0x02000239),
    ("CLUSCTL_RESOURCE_TYPE_GEN_APP_VALIDATE_PATH", 0x02000231),
    ("CLUSCTL_RESOURCE_TYPE_GEN_SCRIPT_VALIDATE_PATH", 0x02000231),
    ("CLUSCTL_RESOURCE_TYPE_GET_ARB_TIMEOUT", 0x02000015),
    ("CLUSCTL_RESOURCE_TYPE_GET_CHARACTERISTICS", 0x02000005),
    ("CLUSCTL_RESOURCE_TYPE_GET_CLASS_INFO", 0x0200000d),
    ("CLUSCTL_RESOURCE_TYPE_GET_COMMON_PROPERTIES", 0x02000059),
    ("CLUSCTL_RESOURCE_TYPE_GET_COMMON_PROPERTY_FMTS", 0x02000065),
    ("CLUSCTL_RESOURCE_TYPE_GET_COMMON_RESOURCE_PROPERTY_FMTS", 0x02000069),
    ("CLUSCTL_RESOURCE_TYPE_GET_CRYPTO_CHECKPOINTS", 0x020000b5),
    ("CLUSCTL_RESOURCE_TYPE_GET_FLAGS", 0x02000009),
    ("CLUSCTL_RESOURCE_TYPE_GET_PRIVATE_PROPERTIES", 0x02000081),
    ("CLUSCTL_RESOURCE_TYPE_GET_PRIVATE_PROPERTY_FMTS", 0x0200008d),
    ("CLUSCTL_RESOURCE_TYPE_GET_PRIVATE_RESOURCE_PROPERTY_FMTS", 0x02000091),
    ("CLUSCTL_RESOURCE_TYPE_GET_REGISTRY_CHECKPOINTS", 0x020000a9),
    ("CLUSCTL_RESOURCE_TYPE_GET_REQUIRED_DEPENDENCIES", 0x02000011),
    ("CLUSCTL_RESOURCE_TYPE_GET_RO_COMMON_PROPERTIES", 0x02000055),
    ("CLUSCTL_RESOURCE_TYPE_GET_RO_PRIVATE_PROPERTIES", 0x0200007d),
    ("CLUSCTL_RESOURCE_TYPE_NETNAME_VALIDATE_NETNAME", 0x02000235),
    ("CLUSCTL_RESOURCE_TYPE_NOTIFY_DRAIN_COMPLETE", 0x02102131),
    ("CLUSCTL_RESOURCE_TYPE_NOTIFY_MONITOR_SHUTTING_DOWN", 0x02100081),
    ("CLUSCTL_RESOURCE_TYPE_QUERY_DELETE", 0x020001b9),
    ("CLUSCTL_RESOURCE_TYPE_REPLICATION_GET_ELIGIBLE_LOGDISKS", 0x02002149),
    ("CLUSCTL_RESOURCE_TYPE_REPLICATION_GET_ELIGIBLE_SOURCE_DATADISKS", 0x02002151),
    ("CLUSCTL_RESOURCE_TYPE_REPLICATION_GET_ELIGIBLE_TARGET_DATADISKS", 0x0200214d),
    ("CLUSCTL_RESOURCE_TYPE_REPLICATION_GET_LOG_INFO", 0x02002145),
    ("CLUSCTL_RESOURCE_TYPE_REPLICATION_GET_LOG_VOLUME", 0x0200215d),
    ("CLUSCTL_RESOURCE_TYPE_REPLICATION_GET_REPLICATED_DISKS", 0x02002155),
    ("CLUSCTL_RESOURCE_TYPE_REPLICATION_GET_REPLICATED_PARTITION_INFO", 0x02002165),
    ("CLUSCTL_RESOURCE_TYPE_REPLICATION_GET_REPLICA_VOLUMES", 0x02002159),
    ("CLUSCTL_RESOURCE_TYPE_REPLICATION_GET_RESOURCE_GROUP", 0x02002161),
    ("CLUSCTL_RESOURCE_TYPE_STORAGE_GET_AVAILABLE_DISKS", 0x02000195),
    ("CLUSCTL_RESOURCE_TYPE_STORAGE_GET_AVAILABLE_DISKS_EX", 0x020001f5),
    ("CLUSCTL_RESOURCE_TYPE_STORAGE_GET_AVAILABLE_DISKS_EX2_INT", 0x02001fe1),
    ("CLUSCTL_RESOURCE_TYPE_STORAGE_GET_DISKID", 0x02000205),
    ("CLUSCTL_RESOURCE_TYPE_STORAGE_GET_DRIVELETTERS", 0x020001ed),
    ("CLUSCTL_RESOURCE_TYPE_STORAGE_GET_RESOURCEID", 0x0200022d),
    ("CLUSCTL_RESOURCE_TYPE_STORAGE_IS_CLUSTERABLE", 0x02000209),
    ("CLUSCTL_RESOURCE_TYPE_STORAGE_IS_CSV_FILE", 0x01000229),
    ("CLUSCTL_RESOURCE_TYPE_STORAGE_REMAP_DRIVELETTER", 0x02000201),
    ("CLUSCTL_RESOURCE_TYPE_VALIDATE_COMMON_PROPERTIES", 0x02000061),
    ("CLUSCTL_RESOURCE_TYPE_VALIDATE_PRIVATE_PROPERTIES", 0x02000089),
    ("CLUSCTL_RESOURCE_TYPE_WITNESS_VALIDATE_PATH", 0x02000231),
    ("CLUSCTL_RESOURCE_VALIDATE_CHANGE_GROUP", 0x01102125),
    ("CLUSCTL_RESOURCE_VALIDATE_COMMON_PROPERTIES", 0x01000061),
    ("CLUSCTL_RESOURCE_VALIDATE_PRIVATE_PROPERTIES", 0x01000089),
];

#[test]
fn the_catalog_knows_every_read_only_code_of_windows_sys() {
    let generic = clusctl::supported();
    let mut missing = Vec::new();
    for &(name, value) in WINDOWS_SYS_READ_ONLY {
        let known = generic.iter().any(|(n, v)| n == name && *v == value)
            || clusctl::specific().iter().any(|k| k.name == name && k.code == value);
        if !known {
            missing.push(name);
        }
    }
    assert!(missing.is_empty(), "codes the catalog does not know (by name and value): {missing:?}");
    assert_eq!(WINDOWS_SYS_READ_ONLY.len(), 192);
    // And the catalog's specific codes are all in the list: none invented.
    for k in clusctl::specific() {
        assert!(
            WINDOWS_SYS_READ_ONLY.contains(&(k.name, k.code)),
            "{} is not a read-only code of windows-sys",
            k.name
        );
    }
}

fn wide(s: &str) -> Vec<u8> {
    s.encode_utf16().chain([0]).flat_map(u16::to_le_bytes).collect()
}

fn text(bytes: &[u8]) -> String {
    let units: Vec<u16> =
        bytes.chunks(2).map(|b| u16::from_le_bytes([b[0], b[1]])).take_while(|&u| u != 0).collect();
    String::from_utf16(&units).unwrap()
}

fn dwords(bytes: &[u8]) -> Vec<u32> {
    bytes.chunks(4).map(|b| u32::from_le_bytes(b.try_into().unwrap())).collect()
}

#[test]
fn net_interfaces_name_their_node_and_network() {
    let sim = sim_with_service();
    let c = sim.open_cluster(None).unwrap();
    let i = sim.open_cluster_net_interface(c, "NODE2 - Cluster Network 2").unwrap();
    let node = sim.cluster_net_interface_control(i, None, CLUSCTL_NETINTERFACE_GET_NODE, &[]).unwrap();
    assert_eq!(node, wide("NODE2"), "MS-CMRP 3.1.4.3.6.5: the node's name, NUL-terminated");
    let net = sim.cluster_net_interface_control(i, None, CLUSCTL_NETINTERFACE_GET_NETWORK, &[]).unwrap();
    assert_eq!(net, wide("Cluster Network 2"));
    // The same as the read-only common properties say.
    let ro = PropertyList::parse(
        &sim.cluster_net_interface_control(i, None, CLUSCTL_NETINTERFACE_GET_RO_COMMON_PROPERTIES, &[])
            .unwrap(),
    )
    .unwrap();
    assert_eq!(ro.get("Node"), Some(&PropertyValue::Sz("NODE2".into())));
    // A code for interfaces through a network handle: another object's code.
    let n = sim.open_cluster_network(c, "Cluster Network 2").unwrap();
    assert_eq!(
        sim.cluster_network_control(n, None, CLUSCTL_NETINTERFACE_GET_NODE, &[]).unwrap_err().code(),
        clusapi_sim::codes::ERROR_INVALID_FUNCTION
    );
}

#[test]
fn network_names_answer_their_names_and_other_types_refuse() {
    let sim = sim_with_service();
    let c = sim.open_cluster(None).unwrap();
    let name = sim.open_cluster_resource(c, "Cluster Name").unwrap();
    let netbios = sim.cluster_resource_control(name, None, CLUSCTL_RESOURCE_GET_NETWORK_NAME, &[]).unwrap();
    assert_eq!(text(&netbios), "SIMCLUSTER", "the Name private property: the cluster's name until set");
    let fqdn = text(&sim.cluster_control(c, None, CLUSCTL_CLUSTER_GET_FQDN, &[]).unwrap());
    let dns = sim.cluster_resource_control(name, None, CLUSCTL_RESOURCE_GET_DNS_NAME, &[]).unwrap();
    assert_eq!(text(&dns), fqdn, "DnsName in the cluster's domain");
    let private = PropertyList::parse(
        &sim.cluster_resource_control(name, None, CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTIES, &[]).unwrap(),
    )
    .unwrap();
    assert_eq!(private.get("Name"), Some(&PropertyValue::Sz("SIMCLUSTER".into())));
    // MS-CMRP 3.1.4.3.1.30: a type without an alternate computer name.
    let svc = sim.open_cluster_resource(c, "App Service").unwrap();
    for code in [CLUSCTL_RESOURCE_GET_NETWORK_NAME, CLUSCTL_RESOURCE_GET_DNS_NAME] {
        assert_eq!(
            sim.cluster_resource_control(svc, None, code, &[]).unwrap_err().code(),
            clusapi_sim::codes::ERROR_INVALID_FUNCTION
        );
    }
}

#[test]
fn required_dependencies_are_a_value_list() {
    let sim = sim_with_service();
    let c = sim.open_cluster(None).unwrap();
    let name = sim.open_cluster_resource(c, "Cluster Name").unwrap();
    let out =
        sim.cluster_resource_control(name, None, CLUSCTL_RESOURCE_GET_REQUIRED_DEPENDENCIES, &[]).unwrap();
    // CLUSPROP_SYNTAX_NAME, the length (22: "IP Address" and its NUL), the name (padded to
    // 24), CLUSPROP_SYNTAX_ENDMARK.
    let mut expected = vec![0x03, 0x00, 0x04, 0x00, 22, 0, 0, 0];
    expected.extend(wide("IP Address"));
    expected.extend([0, 0]);
    expected.extend([0, 0, 0, 0]);
    assert_eq!(out, expected);
    let by_type = sim
        .cluster_resource_type_control(
            c,
            "Network Name",
            None,
            CLUSCTL_RESOURCE_TYPE_GET_REQUIRED_DEPENDENCIES,
            &[],
        )
        .unwrap();
    assert_eq!(by_type, expected, "MS-CMRP 3.1.4.3.2.5: as the resource's");
    let svc = sim.open_cluster_resource(c, "App Service").unwrap();
    let none =
        sim.cluster_resource_control(svc, None, CLUSCTL_RESOURCE_GET_REQUIRED_DEPENDENCIES, &[]).unwrap();
    assert_eq!(none, vec![0, 0, 0, 0], "nothing required: the end mark alone");
}

#[test]
fn private_property_formats_follow_the_private_set() {
    let sim = sim_with_service();
    let c = sim.open_cluster(None).unwrap();
    let svc = sim.open_cluster_resource(c, "App Service").unwrap();
    let fmts = PropertyList::parse(
        &sim.cluster_resource_control(svc, None, CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTY_FMTS, &[]).unwrap(),
    )
    .unwrap();
    let values = PropertyList::parse(
        &sim.cluster_resource_control(svc, None, CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTIES, &[]).unwrap(),
    )
    .unwrap();
    assert_eq!(fmts.names(), values.names());
    assert_eq!(fmts.get("ServiceName"), Some(&PropertyValue::Word(PropertyFormat::Sz.code())));
    // The type's codes: the formats of its resources' common and private properties.
    let ty = |code| {
        PropertyList::parse(
            &sim.cluster_resource_type_control(c, "Generic Service", None, code, &[]).unwrap(),
        )
        .unwrap()
    };
    assert_eq!(ty(CLUSCTL_RESOURCE_TYPE_GET_PRIVATE_RESOURCE_PROPERTY_FMTS).names(), fmts.names());
    let common = get(
        &sim,
        |code| sim.cluster_resource_control(svc, None, code, &[]),
        CLUSCTL_RESOURCE_GET_COMMON_PROPERTY_FMTS,
    );
    assert_eq!(ty(CLUSCTL_RESOURCE_TYPE_GET_COMMON_RESOURCE_PROPERTY_FMTS), common);
    // The other objects' codes: Microsoft's pages say "not supported", ERROR_INVALID_FUNCTION.
    let node = sim.open_cluster_node(c, "NODE1").unwrap();
    let r = sim.cluster_node_control(node, None, CLUSCTL_NODE_GET_PRIVATE_PROPERTY_FMTS, &[]);
    assert_eq!(r.unwrap_err().code(), clusapi_sim::codes::ERROR_INVALID_FUNCTION);
    let r = sim.cluster_control(c, None, CLUSCTL_CLUSTER_GET_PRIVATE_PROPERTY_FMTS, &[]);
    assert_eq!(r.unwrap_err().code(), clusapi_sim::codes::ERROR_INVALID_FUNCTION);
}

#[test]
fn failure_info_counts_attempts_left() {
    let sim = sim_with_service();
    let c = sim.open_cluster(None).unwrap();
    let g = sim.open_cluster_group(c, "App").unwrap();
    let set = PropertyList::new()
        .with("FailoverThreshold", PropertyValue::Dword(3))
        .with("FailoverPeriod", PropertyValue::Dword(2));
    sim.cluster_group_control(g, None, CLUSCTL_GROUP_SET_COMMON_PROPERTIES, &set.to_bytes()).unwrap();
    let info = sim.cluster_group_control(g, None, CLUSCTL_GROUP_GET_FAILURE_INFO, &[]).unwrap();
    assert_eq!(dwords(&info), [1, 3, 2], "GROUP_FAILURE_INFO_BUFFER: version, attempts left, hours left");
    sim.online_cluster_group(g, None).unwrap();
    sim.crash_node("NODE1").unwrap();
    let info = sim.cluster_group_control(g, None, CLUSCTL_GROUP_GET_FAILURE_INFO, &[]).unwrap();
    assert_eq!(dwords(&info), [1, 2, 2], "one failover counted");
    let svc = sim.open_cluster_resource(c, "App Service").unwrap();
    let info = sim.cluster_resource_control(svc, None, CLUSCTL_RESOURCE_GET_FAILURE_INFO, &[]).unwrap();
    // RESOURCE_FAILURE_INFO_BUFFER: RestartThreshold attempts, RestartPeriod in seconds.
    let common = get(
        &sim,
        |code| sim.cluster_resource_control(svc, None, code, &[]),
        CLUSCTL_RESOURCE_GET_COMMON_PROPERTIES,
    );
    let dw = |n: &str| match common.get(n) {
        Some(PropertyValue::Dword(v)) => *v,
        other => panic!("{n}: {other:?}"),
    };
    assert_eq!(dwords(&info), [1, dw("RestartThreshold"), dw("RestartPeriod") / 1000]);
}

#[test]
fn maintenance_mode_is_a_storage_code() {
    let sim = sim_with_service();
    let c = sim.open_cluster(None).unwrap();
    let disk = sim.open_cluster_resource(c, "App Disk").unwrap();
    let q = |r| sim.cluster_resource_control(r, None, CLUSCTL_RESOURCE_QUERY_MAINTENANCE_MODE, &[]);
    assert_eq!(q(disk).unwrap_err().code(), clusapi_sim::codes::ERROR_INVALID_STATE, "an offline disk");
    sim.online_cluster_resource(disk).unwrap();
    assert_eq!(q(disk).unwrap(), vec![0, 0, 0, 0], "CLUS_MAINTENANCE_MODE_INFO: not in maintenance");
    let svc = sim.open_cluster_resource(c, "App Service").unwrap();
    assert_eq!(
        q(svc).unwrap_err().code(),
        clusapi_sim::codes::ERROR_INVALID_FUNCTION,
        "MS-CMRP 3.1.4.3.1.42"
    );
}

#[test]
fn arbitration_timeout_only_for_quorum_capable_types() {
    let sim = sim_with_service();
    let c = sim.open_cluster(None).unwrap();
    let arb = |t| sim.cluster_resource_type_control(c, t, None, CLUSCTL_RESOURCE_TYPE_GET_ARB_TIMEOUT, &[]);
    assert_eq!(arb("Physical Disk").unwrap(), 60u32.to_le_bytes());
    assert_eq!(arb("Generic Service").unwrap_err().code(), clusapi_sim::codes::ERROR_INVALID_FUNCTION);
}

#[test]
fn witness_checks_count_the_witness_vote() {
    let sim = sim_with_service();
    let c = sim.open_cluster(None).unwrap();
    let check = |code| sim.cluster_control(c, None, code, &[]).map(|o| dwords(&o)[0]);
    assert_eq!(
        check(CLUSCTL_CLUSTER_CHECK_VOTER_DOWN_WITNESS).unwrap_err().code(),
        clusapi_sim::codes::ERROR_INVALID_PARAMETER,
        "no witness"
    );
    let disk = sim.open_cluster_resource(c, "App Disk").unwrap();
    sim.set_cluster_quorum_resource(disk, "", 0).unwrap();
    sim.online_cluster_resource(disk).unwrap();
    // Two nodes and the witness: three votes; without the witness 2 of 3 (kept), 2 of 2
    // when it leaves the configuration.
    assert_eq!(check(CLUSCTL_CLUSTER_CHECK_VOTER_DOWN_WITNESS).unwrap(), 0);
    assert_eq!(check(CLUSCTL_CLUSTER_CHECK_VOTER_EVICT_WITNESS).unwrap(), 0);
    sim.crash_node("NODE2").unwrap();
    assert_eq!(check(CLUSCTL_CLUSTER_CHECK_VOTER_DOWN_WITNESS).unwrap(), 1, "1 of 3 left");
    assert_eq!(check(CLUSCTL_CLUSTER_CHECK_VOTER_EVICT_WITNESS).unwrap(), 1, "1 of 2 left");
}

#[test]
fn node_service_account_and_checkpoints() {
    let sim = sim_with_service();
    let c = sim.open_cluster(None).unwrap();
    let node = sim.open_cluster_node(c, "NODE2").unwrap();
    let account =
        sim.cluster_node_control(node, None, CLUSCTL_NODE_GET_CLUSTER_SERVICE_ACCOUNT_NAME, &[]).unwrap();
    assert_eq!(text(&account), "NT AUTHORITY\\SYSTEM");
    let svc = sim.open_cluster_resource(c, "App Service").unwrap();
    for code in [CLUSCTL_RESOURCE_GET_REGISTRY_CHECKPOINTS, CLUSCTL_RESOURCE_GET_CRYPTO_CHECKPOINTS] {
        assert!(sim.cluster_resource_control(svc, None, code, &[]).unwrap().is_empty());
    }
}

/// Every code the simulator refuses answers ERROR_INVALID_FUNCTION on the object it is
/// for, through a read-only handle too; a resource code on a (simulated) disk too.
#[test]
fn refused_and_storage_codes_are_invalid_functions() {
    let sim = sim_with_service();
    let full = sim.open_cluster(None).unwrap();
    let (read, _) = sim.open_cluster_ex(None, GENERIC_READ).unwrap();
    let disk = sim.open_cluster_resource(full, "App Disk").unwrap();
    sim.online_cluster_resource(disk).unwrap();
    let mut refused = 0;
    for k in clusctl::specific().iter().filter(|k| k.handling != clusctl::Handling::Answered) {
        for c in [full, read] {
            let r = run(&sim, c, k.code, &[]);
            assert_eq!(r.unwrap_err().code(), clusapi_sim::codes::ERROR_INVALID_FUNCTION, "{}", k.name);
        }
        if k.code >> 24 == CLUS_OBJECT_RESOURCE {
            let r = sim.cluster_resource_control(disk, None, k.code, &[]);
            assert_eq!(
                r.unwrap_err().code(),
                clusapi_sim::codes::ERROR_INVALID_FUNCTION,
                "{} on a disk",
                k.name
            );
        }
        refused += 1;
    }
    // 80 before storage; 13 storage codes are answered now (tests/suite/storage.rs).
    assert_eq!(refused, 67);
}

/// Every answered code gives the same answer (or refusal) through a read-only handle as
/// through a full one: they only read.
#[test]
fn answered_codes_answer_through_read_only_handles() {
    let sim = sim_with_service();
    let full = sim.open_cluster(None).unwrap();
    let (read, _) = sim.open_cluster_ex(None, GENERIC_READ).unwrap();
    let mut answered = 0;
    for k in clusctl::specific().iter().filter(|k| k.handling == clusctl::Handling::Answered) {
        let a = run(&sim, full, k.code, &[]).map_err(|e| e.code());
        let b = run(&sim, read, k.code, &[]).map_err(|e| e.code());
        assert_eq!(a, b, "{}", k.name);
        answered += 1;
    }
    // 19, and 13 storage codes (tests/suite/storage.rs).
    assert_eq!(answered, 32);
}
