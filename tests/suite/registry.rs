//! The cluster registry: key handles, keys, values, security, notifications, and the
//! property values real clusters keep in it.

use clusapi_sim::clusctl::*;
use clusapi_sim::{
    GENERIC_READ, HKey, KEY_ALL_ACCESS, KEY_READ, KEY_WRITE, NotifyObject, PropertyList, PropertyValue,
    REG_BINARY, REG_CREATED_NEW_KEY, REG_DWORD, REG_EXPAND_SZ, REG_MULTI_SZ, REG_OPENED_EXISTING_KEY,
    REG_QWORD, REG_SZ, Simulator, change,
};

fn code<T: std::fmt::Debug>(r: clusapi_sim::Result<T>) -> u32 {
    r.map(|_| 0).unwrap_or_else(|e| e.code())
}

fn wide(s: &str) -> Vec<u8> {
    s.encode_utf16().chain([0]).flat_map(u16::to_le_bytes).collect()
}

#[test]
fn every_object_has_a_root_key_with_parameters() {
    let sim = Simulator::default();
    let c = sim.open_cluster(None).unwrap();
    let keys = [
        sim.get_cluster_key(c, KEY_READ).unwrap(),
        sim.get_cluster_node_key(sim.open_cluster_node(c, "NODE1").unwrap(), KEY_READ).unwrap(),
        sim.get_cluster_group_key(sim.open_cluster_group(c, "Cluster Group").unwrap(), KEY_READ).unwrap(),
        sim.get_cluster_resource_key(sim.open_cluster_resource(c, "Cluster Name").unwrap(), KEY_READ)
            .unwrap(),
        sim.get_cluster_network_key(sim.open_cluster_network(c, "Cluster Network 1").unwrap(), KEY_READ)
            .unwrap(),
        sim.get_cluster_net_interface_key(
            sim.open_cluster_net_interface(c, "NODE1 - Cluster Network 1").unwrap(),
            KEY_READ,
        )
        .unwrap(),
        sim.get_cluster_resource_type_key(c, "ip address", KEY_READ).unwrap(),
    ];
    for k in keys {
        assert_eq!(sim.cluster_reg_enum_key(k, 0).unwrap(), "Parameters");
        assert_eq!(code(sim.cluster_reg_enum_key(k, 1)), 259);
        let p = sim.cluster_reg_open_key(k, "PARAMETERS", KEY_READ).unwrap();
        sim.cluster_reg_close_key(p).unwrap();
    }
    assert_eq!(code(sim.get_cluster_resource_type_key(c, "No Such Type", KEY_READ)), 5078);
    assert!(sim.open_handle_count() > 7);
}

/// The cluster's root key carries what a real cluster's root key (`HKLM\Cluster`) says of
/// the cluster: `ClusterName` (following renames) and `ClusterInstanceID`, a GUID that
/// stays as it is, the cluster's id.
#[test]
fn the_cluster_root_key_names_the_cluster_and_its_instance() {
    let sim = Simulator::default();
    let c = sim.open_cluster(None).unwrap();
    let root = sim.get_cluster_key(c, KEY_READ).unwrap();
    let instance = sim.cluster_reg_query_value(root, "clusterinstanceid").unwrap();
    assert_eq!(instance.value_type, REG_SZ);
    let units: Vec<u16> = instance.data.chunks(2).map(|b| u16::from_le_bytes([b[0], b[1]])).collect();
    let text = String::from_utf16(&units[..units.len() - 1]).unwrap();
    let groups: Vec<usize> = text.split('-').map(str::len).collect();
    assert_eq!(groups, [8, 4, 4, 4, 12], "a GUID: {text}");
    assert!(text.chars().all(|ch| ch == '-' || ch.is_ascii_hexdigit()), "{text}");
    let id = instance.data.clone();
    let names: Vec<String> =
        (0..).map_while(|i| sim.cluster_reg_enum_value(root, i).ok()).map(|v| v.name).collect();
    assert!(
        names.contains(&"ClusterName".to_owned()) && names.contains(&"ClusterInstanceID".to_owned()),
        "{names:?}"
    );
    assert_eq!(sim.cluster_reg_query_value(root, "ClusterName").unwrap().data, wide("SIMCLUSTER"));

    let admin = sim.open_cluster(None).unwrap();
    let _ = sim.set_cluster_name(admin, "RENAMED");
    assert_eq!(sim.cluster_reg_query_value(root, "ClusterName").unwrap().data, wide("RENAMED"));
    assert_eq!(sim.cluster_reg_query_value(root, "ClusterInstanceID").unwrap().data, id, "stable");
    // Another simulator of the same topology: the same instance id (deterministic).
    let other = Simulator::default();
    let oc = other.open_cluster(None).unwrap();
    let oroot = other.get_cluster_key(oc, KEY_READ).unwrap();
    assert_eq!(other.cluster_reg_query_value(oroot, "ClusterInstanceID").unwrap().data, id);
    other.cluster_reg_close_key(oroot).unwrap();
    other.close_cluster(oc).unwrap();
    sim.cluster_reg_close_key(root).unwrap();
    sim.close_cluster(c).unwrap();
    sim.close_cluster(admin).unwrap();
}

#[test]
fn keys_and_values_follow_win32_rules() {
    let sim = Simulator::default();
    let c = sim.open_cluster(None).unwrap();
    let root = sim.get_cluster_key(c, KEY_ALL_ACCESS).unwrap();
    let (a, disp) = sim.cluster_reg_create_key(root, "App\\Settings", 0, KEY_ALL_ACCESS).unwrap();
    assert_eq!(disp, REG_CREATED_NEW_KEY);
    let (again, disp) = sim.cluster_reg_create_key(root, "app\\SETTINGS", 1, KEY_READ).unwrap();
    assert_eq!(disp, REG_OPENED_EXISTING_KEY);
    assert_eq!(code(sim.cluster_reg_create_key(root, "", 0, KEY_READ)), 87);
    assert_eq!(code(sim.cluster_reg_create_key(root, "x", 2, KEY_READ)), 87);
    assert_eq!(code(sim.cluster_reg_open_key(root, "\\App", KEY_READ)), 87);
    assert_eq!(code(sim.cluster_reg_open_key(root, "Missing", KEY_READ)), 2);

    sim.cluster_reg_set_value(a, "Count", REG_DWORD, &7u32.to_le_bytes()).unwrap();
    sim.cluster_reg_set_value(a, "Path", REG_EXPAND_SZ, &wide("%SystemRoot%")).unwrap();
    sim.cluster_reg_set_value(a, "Blob", REG_BINARY, &[1, 2, 3]).unwrap();
    sim.cluster_reg_set_value(a, "Big", REG_QWORD, &(1u64 << 40).to_le_bytes()).unwrap();
    assert_eq!(code(sim.cluster_reg_set_value(a, "Bad", REG_DWORD, &[1, 2])), 87);
    assert_eq!(code(sim.cluster_reg_set_value(a, "Bad", REG_QWORD, &[1, 2, 3, 4])), 87);
    assert_eq!(code(sim.cluster_reg_set_value(a, "Bad\0", REG_BINARY, &[])), 87);
    // Read through the other handle, any case.
    let v = sim.cluster_reg_query_value(again, "COUNT").unwrap();
    assert_eq!((v.value_type, v.data.as_slice()), (REG_DWORD, &7u32.to_le_bytes()[..]));
    assert_eq!(sim.cluster_reg_enum_value(again, 2).unwrap().name, "Blob");
    assert_eq!(code(sim.cluster_reg_enum_value(again, 4)), 259);
    assert_eq!(code(sim.cluster_reg_query_value(again, "Nope")), 2);
    let info = sim.cluster_reg_query_info_key(again).unwrap();
    assert_eq!((info.subkeys, info.values, info.max_value_name_len, info.max_value_len), (0, 4, 5, 26));
    assert!(info.security_descriptor_len >= 20);

    // A key opened for reading refuses every change.
    for r in [
        code(sim.cluster_reg_set_value(again, "X", REG_DWORD, &[0; 4])),
        code(sim.cluster_reg_delete_value(again, "Count")),
        code(sim.cluster_reg_create_key(again, "Sub", 0, KEY_READ)),
        code(sim.cluster_reg_delete_key(again, "Sub")),
        code(sim.cluster_reg_set_key_security(
            again,
            4,
            &sim.cluster_reg_get_key_security(again, 4).unwrap(),
        )),
    ] {
        assert_eq!(r, 5);
    }

    sim.cluster_reg_delete_value(a, "count").unwrap();
    assert_eq!(code(sim.cluster_reg_delete_value(a, "count")), 2);
    // A key with subkeys is not deleted; Parameters is kept.
    assert_eq!(code(sim.cluster_reg_delete_key(root, "App")), 5);
    assert_eq!(code(sim.cluster_reg_delete_key(root, "Parameters")), 5);
    assert_eq!(code(sim.cluster_reg_delete_key(root, "Nope")), 2);
    sim.cluster_reg_delete_key(root, "App\\Settings").unwrap();
    // Handles to the deleted key stay open and find nothing.
    assert_eq!(code(sim.cluster_reg_query_value(a, "Blob")), 2);
    assert_eq!(code(sim.cluster_reg_enum_key(a, 0)), 2);
    sim.cluster_reg_delete_key(root, "App").unwrap();
    for k in [a, again, root] {
        sim.cluster_reg_close_key(k).unwrap();
    }
    sim.close_cluster(c).unwrap();
    sim.assert_no_open_handles();
}

#[test]
fn security_descriptors_are_kept_and_checked() {
    let sim = Simulator::default();
    let c = sim.open_cluster(None).unwrap();
    let k = sim.get_cluster_key(c, KEY_WRITE).unwrap();
    let sd = sim.cluster_reg_get_key_security(k, 4).unwrap();
    assert_eq!((sd[0], sd[3] & 0x80), (1, 0x80));
    let mut header_only = vec![1, 0, 0, 0x80];
    header_only.extend([0; 16]);
    sim.cluster_reg_set_key_security(k, 4, &header_only).unwrap();
    assert_eq!(sim.cluster_reg_get_key_security(k, 4).unwrap(), header_only);
    for garbage in [
        &[][..],
        &[1, 0, 0, 0][..],
        &[2; 20][..],
        &[1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0][..],
    ] {
        assert_eq!(code(sim.cluster_reg_set_key_security(k, 4, garbage)), 87);
    }
    let mut far = header_only.clone();
    far[4] = 200;
    assert_eq!(code(sim.cluster_reg_set_key_security(k, 4, &far)), 87);
}

#[test]
fn a_read_only_connection_refuses_write_access() {
    let sim = Simulator::default();
    let c = sim.open_cluster_ex(None, GENERIC_READ).unwrap().0;
    assert_eq!(code(sim.get_cluster_key(c, KEY_WRITE)), 5);
    assert_eq!(code(sim.get_cluster_key(c, KEY_ALL_ACCESS)), 5);
    let g = sim.open_cluster_group(c, "Cluster Group").unwrap();
    assert_eq!(code(sim.get_cluster_group_key(g, KEY_WRITE)), 5);
    let k = sim.get_cluster_group_key(g, KEY_READ).unwrap();
    assert_eq!(code(sim.cluster_reg_open_key(k, "Parameters", KEY_WRITE)), 5);
    assert_eq!(code(sim.cluster_reg_set_value(k, "X", REG_DWORD, &[0; 4])), 5);
}

#[test]
fn properties_are_values_of_the_keys_both_ways() {
    let sim = Simulator::default();
    let c = sim.open_cluster(None).unwrap();
    let g = sim.open_cluster_group(c, "Available Storage").unwrap();
    let gk = sim.get_cluster_group_key(g, KEY_ALL_ACCESS).unwrap();
    // Never set: not in the registry.
    assert_eq!(code(sim.cluster_reg_query_value(gk, "FailoverThreshold")), 2);
    let set = PropertyList::new().with("FailoverThreshold", PropertyValue::Dword(9)).to_bytes();
    sim.cluster_group_control(g, None, CLUSCTL_GROUP_SET_COMMON_PROPERTIES, &set).unwrap();
    let v = sim.cluster_reg_query_value(gk, "failoverthreshold").unwrap();
    assert_eq!(
        (v.name.as_str(), v.value_type, v.data),
        ("FailoverThreshold", REG_DWORD, 9u32.to_le_bytes().to_vec())
    );
    assert_eq!(sim.cluster_reg_enum_value(gk, 0).unwrap().name, "FailoverThreshold");

    // Written through the registry: what the control codes read.
    sim.cluster_reg_set_value(gk, "Description", REG_SZ, &wide("from the registry")).unwrap();
    sim.cluster_reg_set_value(gk, "CCFEpoch", REG_QWORD, &(5u64 << 33).to_le_bytes()).unwrap();
    let multi: Vec<u8> = wide("a").into_iter().chain(wide("b")).chain([0, 0]).collect();
    sim.cluster_reg_set_value(gk, "AntiAffinityClassNames", REG_MULTI_SZ, &multi).unwrap();
    assert_eq!(code(sim.cluster_reg_set_value(gk, "FailoverThreshold", REG_SZ, &wide("x"))), 87);
    assert_eq!(code(sim.cluster_reg_set_value(gk, "Name", REG_SZ, &wide("x"))), 87);
    let out = sim.cluster_group_control(g, None, CLUSCTL_GROUP_GET_COMMON_PROPERTIES, &[]).unwrap();
    let list = PropertyList::parse(&out).unwrap();
    assert_eq!(list.get("Description"), Some(&PropertyValue::Sz("from the registry".into())));
    assert_eq!(list.get("CCFEpoch"), Some(&PropertyValue::ULargeInteger(5 << 33)));
    assert_eq!(
        list.get("AntiAffinityClassNames"),
        Some(&PropertyValue::MultiSz(vec!["a".into(), "b".into()]))
    );
    // Deleting the value: the property reads its default again.
    sim.cluster_reg_delete_value(gk, "FailoverThreshold").unwrap();
    let out = sim.cluster_group_control(g, None, CLUSCTL_GROUP_GET_COMMON_PROPERTIES, &[]).unwrap();
    assert_ne!(PropertyList::parse(&out).unwrap().get("FailoverThreshold"), Some(&PropertyValue::Dword(9)));
    // Other names stay in the tree.
    sim.cluster_reg_set_value(gk, "MyValue", REG_DWORD, &[1, 0, 0, 0]).unwrap();
    assert_eq!(sim.cluster_reg_query_value(gk, "MyValue").unwrap().data, vec![1, 0, 0, 0]);

    // Private properties: under Parameters.
    let ip = sim.open_cluster_resource(c, "Cluster IP Address").unwrap();
    let set = PropertyList::new().with("Address", PropertyValue::Sz("10.0.0.9".into())).to_bytes();
    sim.cluster_resource_control(ip, None, CLUSCTL_RESOURCE_SET_PRIVATE_PROPERTIES, &set).unwrap();
    let rk = sim.get_cluster_resource_key(ip, KEY_ALL_ACCESS).unwrap();
    assert_eq!(code(sim.cluster_reg_query_value(rk, "Address")), 2, "private: not on the root key");
    let params = sim.cluster_reg_open_key(rk, "Parameters", KEY_ALL_ACCESS).unwrap();
    assert_eq!(sim.cluster_reg_query_value(params, "Address").unwrap().data, wide("10.0.0.9"));
    sim.cluster_reg_set_value(params, "EnableDhcp", REG_DWORD, &1u32.to_le_bytes()).unwrap();
    let out = sim.cluster_resource_control(ip, None, CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTIES, &[]).unwrap();
    assert_eq!(PropertyList::parse(&out).unwrap().get("EnableDhcp"), Some(&PropertyValue::Dword(1)));
    // A group's private set is open-ended: any value of Parameters is a private property.
    let gp = sim.cluster_reg_open_key(gk, "Parameters", KEY_ALL_ACCESS).unwrap();
    sim.cluster_reg_set_value(gp, "Blob", REG_BINARY, &[9, 8]).unwrap();
    let out = sim.cluster_group_control(g, None, CLUSCTL_GROUP_GET_PRIVATE_PROPERTIES, &[]).unwrap();
    assert_eq!(PropertyList::parse(&out).unwrap().get("Blob"), Some(&PropertyValue::Binary(vec![9, 8])));
}

#[test]
fn registry_changes_raise_registry_events() {
    let sim = Simulator::default();
    let c = sim.open_cluster(None).unwrap();
    let port =
        sim.create_cluster_notify_port(None, c, change::REGISTRY_NAME | change::REGISTRY_VALUE, 1).unwrap();
    let g = sim.open_cluster_group(c, "Cluster Group").unwrap();
    let gk = sim.get_cluster_group_key(g, KEY_ALL_ACCESS).unwrap();
    let (sub, _) = sim.cluster_reg_create_key(gk, "A", 0, KEY_ALL_ACCESS).unwrap();
    let e = sim.get_cluster_notify(port, 0).unwrap();
    assert_eq!((e.key, e.filter_type, e.name.as_str()), (1, change::REGISTRY_NAME, "A"));
    // Watch the group key (2) and its subtree (3).
    sim.register_cluster_notify(
        port,
        change::REGISTRY_VALUE | change::REGISTRY_ATTRIBUTES,
        NotifyObject::Key(gk),
        2,
    )
    .unwrap();
    sim.register_cluster_notify(
        port,
        change::REGISTRY_VALUE | change::REGISTRY_SUBTREE | change::HANDLE_CLOSE,
        NotifyObject::Key(gk),
        3,
    )
    .unwrap();
    sim.cluster_reg_set_value(sub, "V", REG_DWORD, &[0; 4]).unwrap();
    let got: Vec<_> = std::iter::from_fn(|| sim.get_cluster_notify(port, 0).ok())
        .map(|e| (e.key, e.filter_type, e.name))
        .collect();
    assert_eq!(
        got,
        vec![(1, change::REGISTRY_VALUE, "A".to_owned()), (3, change::REGISTRY_VALUE, "A".to_owned())]
    );
    sim.cluster_reg_set_key_security(gk, 4, &sim.cluster_reg_get_key_security(gk, 4).unwrap()).unwrap();
    let e = sim.get_cluster_notify(port, 0).unwrap();
    assert_eq!((e.key, e.filter_type, e.name.as_str()), (2, change::REGISTRY_ATTRIBUTES, ""));
    sim.cluster_reg_delete_value(gk, "Nope").unwrap_err();
    sim.cluster_reg_delete_key(gk, "A").unwrap();
    let e = sim.get_cluster_notify(port, 0).unwrap();
    assert_eq!((e.key, e.filter_type), (1, change::REGISTRY_NAME));
    sim.cluster_reg_close_key(gk).unwrap();
    let e = sim.get_cluster_notify(port, 0).unwrap();
    assert_eq!((e.key, e.filter_type), (3, change::HANDLE_CLOSE));
    assert_eq!(code(sim.get_cluster_notify(port, 0)), 258);
}

#[test]
fn key_handles_follow_the_handle_rules() {
    let sim = Simulator::default();
    let c = sim.open_cluster(None).unwrap();
    let k = sim.get_cluster_key(c, KEY_READ).unwrap();
    // Wrong kind: a cluster handle's value as a key, and a key as a cluster.
    let as_key = HKey::from_raw(c.as_raw()).unwrap();
    assert_eq!(code(sim.cluster_reg_enum_key(as_key, 0)), 6);
    let as_cluster = clusapi_sim::HCluster::from_raw(k.as_raw()).unwrap();
    assert_eq!(code(sim.get_cluster_key(as_cluster, KEY_READ)), 6);
    // Forged.
    assert_eq!(code(sim.cluster_reg_enum_key(HKey::from_raw(k.as_raw() ^ 0x100_0000).unwrap(), 0)), 6);
    // Another simulator's.
    let other = Simulator::default();
    assert_eq!(code(other.cluster_reg_enum_key(k, 0)), 6);
    // The key keeps its connection alive after the cluster handle closes.
    sim.close_cluster(c).unwrap();
    assert_eq!(sim.open_connection_count(), 1);
    assert_eq!(sim.cluster_reg_enum_key(k, 0).unwrap(), "Parameters");
    sim.cluster_reg_close_key(k).unwrap();
    assert_eq!(sim.open_connection_count(), 0);
    // Closed, then its slot reused.
    assert_eq!(code(sim.cluster_reg_close_key(k)), 6);
    let c = sim.open_cluster(None).unwrap();
    let k2 = sim.get_cluster_key(c, KEY_READ).unwrap();
    assert_eq!(code(sim.cluster_reg_enum_key(k, 0)), 6);
    sim.cluster_reg_close_key(k2).unwrap();
    sim.close_cluster(c).unwrap();
    sim.assert_no_open_handles();
}

#[test]
fn a_deleted_object_s_key_answers_file_not_found() {
    let sim = Simulator::default();
    let c = sim.open_cluster(None).unwrap();
    let g = sim.create_cluster_group(c, "Temp").unwrap();
    let k = sim.get_cluster_group_key(g, KEY_READ).unwrap();
    sim.delete_cluster_group(g).unwrap();
    assert_eq!(code(sim.cluster_reg_enum_key(k, 0)), 2);
    assert_eq!(code(sim.get_cluster_group_key(g, KEY_READ)), 5012);
    sim.cluster_reg_close_key(k).unwrap();
}
