//! Cluster Shared Volumes: adding and removing disks, the CSV enumerations, owner and
//! per-node state, the redirected-access lever, failover of the owner, the file calls,
//! the snapshot and backup states, and a backup agent's whole run.

use clusapi_sim::{
    CLUSTER_ENUM_GROUP, CLUSTER_ENUM_RESOURCE, CLUSTER_ENUM_SHARED_VOLUME_GROUP,
    CLUSTER_ENUM_SHARED_VOLUME_RESOURCE, ClusterResourceState, Disk, Fault, HCluster, Lever, NotificationV2,
    NotifyFilter, NotifyObject, Partition, PropertyList, PropertyValue, Simulator, Trigger, change,
    change_v2, clusctl, codes, object_type,
};

const GIB: u64 = 1 << 30;
const NOT_CSV: u32 = 5945; // ERROR_CLUSTER_NOT_SHARED_VOLUME
const STATES: u32 = 0x0140_02a2; // CLUSCTL_RESOURCE_STORAGE_GET_SHARED_VOLUME_STATES

fn sim() -> Simulator {
    Simulator::default_builder()
        .disk(
            "Cluster Disk 1",
            Disk::mbr(0x1111_1111, 200 * GIB)
                .partition(Partition::new(200 * GIB).drive_letter('E').label("VMs")),
        )
        .disk(
            "Cluster Disk 2",
            Disk::mbr(0x2222_2222, 50 * GIB).partition(Partition::new(50 * GIB).drive_letter('F')),
        )
        .record_history(1000)
        .build()
        .unwrap()
}

fn names(sim: &Simulator, c: HCluster, mask: u32) -> Vec<String> {
    let e = sim.cluster_open_enum(c, mask).unwrap();
    let out =
        (0..sim.cluster_get_enum_count(e).unwrap()).map(|i| sim.cluster_enum(e, i).unwrap().1).collect();
    sim.cluster_close_enum(e).unwrap();
    out
}

fn wide(data: &[u8]) -> String {
    let u: Vec<u16> = data.chunks(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
    String::from_utf16(&u[..u.iter().position(|&c| c == 0).unwrap_or(u.len())]).unwrap()
}

/// (volume friendly name, node, CLUSTER_SHARED_VOLUME_STATE) per entry.
fn states(out: &[u8]) -> Vec<(String, String, u32)> {
    out.chunks(1044)
        .map(|e| {
            (wide(&e[..520]), wide(&e[520..1040]), u32::from_le_bytes(e[1040..1044].try_into().unwrap()))
        })
        .collect()
}

#[test]
fn a_disk_becomes_a_csv_in_a_group_of_its_own_and_back() {
    let sim = sim();
    let c = sim.open_cluster(None).unwrap();
    let disk = sim.open_cluster_resource(c, "Cluster Disk 1").unwrap();
    sim.add_resource_to_cluster_shared_volumes(disk).unwrap();
    let state = sim.get_cluster_resource_state(disk).unwrap();
    assert_eq!(
        (state.state, state.group.as_str(), state.owner_node.as_str()),
        (ClusterResourceState::Online, "Cluster Disk 1", "NODE1")
    );
    let g = sim.open_cluster_group(c, "Cluster Disk 1").unwrap();
    let ro = PropertyList::parse(
        &sim.cluster_group_control(g, None, clusctl::CLUSCTL_GROUP_GET_RO_COMMON_PROPERTIES, &[]).unwrap(),
    )
    .unwrap();
    assert_eq!(ro.get("GroupType"), Some(&PropertyValue::Dword(4)), "ClusGroupTypeSharedVolume");
    sim.close_cluster_group(g).unwrap();
    // The enumerations: the CSV group only under SHARED_VOLUME_GROUP; the disk under both.
    assert_eq!(names(&sim, c, CLUSTER_ENUM_GROUP), ["Cluster Group", "Available Storage"]);
    assert_eq!(names(&sim, c, CLUSTER_ENUM_SHARED_VOLUME_GROUP), ["Cluster Disk 1"]);
    assert_eq!(names(&sim, c, CLUSTER_ENUM_SHARED_VOLUME_RESOURCE), ["Cluster Disk 1"]);
    assert!(names(&sim, c, CLUSTER_ENUM_RESOURCE).contains(&"Cluster Disk 1".to_owned()));
    let ex = sim.cluster_open_enum_ex(c, CLUSTER_ENUM_SHARED_VOLUME_RESOURCE).unwrap();
    assert_eq!(sim.cluster_get_enum_count_ex(ex).unwrap(), 1);
    sim.cluster_close_enum_ex(ex).unwrap();
    // The volume is at C:\ClusterStorage\Volume1\, no longer at E:.
    let mp = sim
        .cluster_resource_control(
            disk,
            None,
            clusctl::CLUSCTL_RESOURCE_STORAGE_GET_MOUNTPOINTS,
            &1u32.to_le_bytes(),
        )
        .unwrap();
    assert_eq!(mp, clusapi_sim::multi_sz_to_bytes(&[r"C:\ClusterStorage\Volume1\"]));
    let is = sim
        .cluster_resource_control(disk, None, clusctl::CLUSCTL_RESOURCE_STORAGE_IS_SHARED_VOLUME, &[])
        .unwrap();
    assert_eq!(is, 1u32.to_le_bytes());
    // The second CSV takes the next number; removing the first frees its number.
    let disk2 = sim.open_cluster_resource(c, "Cluster Disk 2").unwrap();
    sim.add_resource_to_cluster_shared_volumes(disk2).unwrap();
    assert!(sim.is_file_on_cluster_shared_volume(r"c:\clusterstorage\volume2\x").unwrap());
    sim.remove_resource_from_cluster_shared_volumes(disk).unwrap();
    assert_eq!(sim.get_cluster_resource_state(disk).unwrap().group, "Available Storage");
    assert_eq!(sim.open_cluster_group(c, "Cluster Disk 1").unwrap_err().code(), codes::ERROR_GROUP_NOT_FOUND);
    assert!(!sim.is_file_on_cluster_shared_volume(r"C:\ClusterStorage\Volume1\x").unwrap());
    let is = sim
        .cluster_resource_control(disk, None, clusctl::CLUSCTL_RESOURCE_STORAGE_IS_SHARED_VOLUME, &[])
        .unwrap();
    assert_eq!(is, 0u32.to_le_bytes());
    let mp = sim
        .cluster_resource_control(
            disk,
            None,
            clusctl::CLUSCTL_RESOURCE_STORAGE_GET_MOUNTPOINTS,
            &1u32.to_le_bytes(),
        )
        .unwrap();
    assert_eq!(mp, clusapi_sim::multi_sz_to_bytes(&[r"E:\"]), "its drive letter is back");
    sim.add_resource_to_cluster_shared_volumes(disk).unwrap();
    assert!(
        sim.is_file_on_cluster_shared_volume(r"C:\ClusterStorage\Volume1\x").unwrap(),
        "number 1 was free again"
    );
    for h in [disk, disk2] {
        sim.close_cluster_resource(h).unwrap();
    }
    sim.close_cluster(c).unwrap();
    sim.assert_no_open_handles();
}

#[test]
fn what_cannot_become_or_stop_being_a_csv() {
    let sim = sim();
    let c = sim.open_cluster(None).unwrap();
    let ip = sim.open_cluster_resource(c, "Cluster IP Address").unwrap();
    assert_eq!(
        sim.add_resource_to_cluster_shared_volumes(ip).unwrap_err().code(),
        codes::ERROR_INVALID_PARAMETER
    );
    assert_eq!(sim.remove_resource_from_cluster_shared_volumes(ip).unwrap_err().code(), NOT_CSV);
    let disk = sim.open_cluster_resource(c, "Cluster Disk 1").unwrap();
    assert_eq!(sim.remove_resource_from_cluster_shared_volumes(disk).unwrap_err().code(), NOT_CSV);
    sim.add_resource_to_cluster_shared_volumes(disk).unwrap();
    assert_eq!(
        sim.add_resource_to_cluster_shared_volumes(disk).unwrap_err().code(),
        codes::ERROR_ALREADY_EXISTS
    );
    // A disk a role uses is not in Available Storage.
    let app = sim.create_cluster_group(c, "App").unwrap();
    let disk2 = sim.open_cluster_resource(c, "Cluster Disk 2").unwrap();
    sim.change_cluster_resource_group(disk2, app).unwrap();
    assert_eq!(
        sim.add_resource_to_cluster_shared_volumes(disk2).unwrap_err().code(),
        codes::ERROR_INVALID_STATE
    );
    // A read-only handle may not.
    let (read, _) = sim.open_cluster_ex(None, clusapi_sim::GENERIC_READ).unwrap();
    let ro = sim.open_cluster_resource(read, "Cluster Disk 1").unwrap();
    assert_eq!(
        sim.remove_resource_from_cluster_shared_volumes(ro).unwrap_err().code(),
        codes::ERROR_ACCESS_DENIED
    );
    for h in [ro, disk2, disk, ip] {
        sim.close_cluster_resource(h).unwrap();
    }
    sim.close_cluster_group(app).unwrap();
    sim.close_cluster(read).unwrap();
    sim.close_cluster(c).unwrap();
}

#[test]
fn per_node_states_follow_the_lever_and_the_owner_fails_over_on_a_crash() {
    let sim = sim();
    let c = sim.open_cluster(None).unwrap();
    let disk = sim.open_cluster_resource(c, "Cluster Disk 1").unwrap();
    sim.add_resource_to_cluster_shared_volumes(disk).unwrap();
    let all = |sim: &Simulator| states(&sim.cluster_resource_control(disk, None, STATES, &[]).unwrap());
    assert_eq!(all(&sim), [("Volume1".into(), "NODE1".into(), 2), ("Volume1".into(), "NODE2".into(), 2)]);
    sim.redirect_shared_volume("Cluster Disk 1").unwrap();
    assert!(all(&sim).iter().all(|s| s.2 == 3), "SharedVolumeStateActiveRedirected");
    // GET_SHARED_VOLUME_INFO: CLUS_CSV_VOLUME_INFO, FaultState NoDirectIO while redirected.
    let info = sim
        .cluster_resource_control(disk, None, clusctl::CLUSCTL_RESOURCE_STORAGE_GET_SHARED_VOLUME_INFO, &[])
        .unwrap();
    assert_eq!(
        u32::from_le_bytes(info[0..4].try_into().unwrap()),
        0x0001_0001,
        "CLUSPROP_SYNTAX_LIST_VALUE_BINARY"
    );
    assert_eq!(u32::from_le_bytes(info[4..8].try_into().unwrap()), 640, "CLUS_CSV_VOLUME_INFO");
    let v = &info[8..648];
    assert_eq!(u64::from_le_bytes(v[0..8].try_into().unwrap()), 1 << 20, "the volume offset");
    assert_eq!(u32::from_le_bytes(v[8..12].try_into().unwrap()), 1, "partition 1");
    assert_eq!(u32::from_le_bytes(v[12..16].try_into().unwrap()), 1, "VolumeStateNoDirectIO");
    assert_eq!(wide(&v[20..540]), "Volume1");
    assert!(wide(&v[540..640]).starts_with(r"\\?\Volume{"));
    // The owner crashes: the CSV's group fails over, the volume stays redirected.
    sim.crash_node("NODE1").unwrap();
    assert_eq!(sim.get_cluster_resource_state(disk).unwrap().owner_node, "NODE2");
    assert_eq!(all(&sim), [("Volume1".into(), "NODE1".into(), 0), ("Volume1".into(), "NODE2".into(), 3)]);
    sim.restore_shared_volume_access("Cluster Disk 1").unwrap();
    // hHostNode asks one node.
    let n2 = sim.open_cluster_node(c, "NODE2").unwrap();
    assert_eq!(
        states(&sim.cluster_resource_control(disk, Some(n2), STATES, &[]).unwrap()),
        [("Volume1".into(), "NODE2".into(), 2)]
    );
    sim.close_cluster_node(n2).unwrap();
    // The lever on a disk that is no CSV, or a name that is no resource.
    assert_eq!(sim.redirect_shared_volume("Cluster Disk 2").unwrap_err().code(), NOT_CSV);
    assert_eq!(sim.redirect_shared_volume("nope").unwrap_err().code(), codes::ERROR_RESOURCE_NOT_FOUND);
    // GET_SHARED_VOLUME_STATES is a write code: a read-only handle may not.
    let (read, _) = sim.open_cluster_ex(None, clusapi_sim::GENERIC_READ).unwrap();
    let ro = sim.open_cluster_resource(read, "Cluster Disk 1").unwrap();
    assert_eq!(
        sim.cluster_resource_control(ro, None, STATES, &[]).unwrap_err().code(),
        codes::ERROR_ACCESS_DENIED
    );
    sim.close_cluster_resource(ro).unwrap();
    sim.close_cluster(read).unwrap();
    sim.close_cluster_resource(disk).unwrap();
    sim.close_cluster(c).unwrap();
}

#[test]
fn shared_volume_codes_on_a_disk_that_is_no_csv() {
    let sim = sim();
    let c = sim.open_cluster(None).unwrap();
    let disk = sim.open_cluster_resource(c, "Cluster Disk 1").unwrap();
    let code = clusctl::CLUSCTL_RESOURCE_STORAGE_GET_SHARED_VOLUME_INFO;
    assert_eq!(
        sim.cluster_resource_control(disk, None, code, &[]).unwrap_err().code(),
        codes::ERROR_INVALID_FUNCTION
    );
    let is_csv_file = clusctl::CLUSCTL_RESOURCE_TYPE_STORAGE_IS_CSV_FILE;
    let path = clusapi_sim::sz_to_bytes(r"C:\ClusterStorage\Volume1\x");
    assert_eq!(sim.cluster_resource_control(disk, None, is_csv_file, &path).unwrap_err().code(), NOT_CSV);
    assert_eq!(
        sim.cluster_control(c, None, clusctl::CLUSCTL_CLUSTER_GET_SHARED_VOLUME_ID, &path)
            .unwrap_err()
            .code(),
        NOT_CSV
    );
    sim.add_resource_to_cluster_shared_volumes(disk).unwrap();
    assert_eq!(sim.cluster_resource_control(disk, None, is_csv_file, &path).unwrap(), Vec::<u8>::new());
    let id = sim.cluster_control(c, None, clusctl::CLUSCTL_CLUSTER_GET_SHARED_VOLUME_ID, &path).unwrap();
    let id = wide(&id);
    assert!(id.ends_with(":1048576") && id.len() == 36 + 8, "{id}");
    // Offline: ERROR_RESOURCE_NOT_ONLINE.
    sim.offline_cluster_resource(disk).unwrap();
    assert_eq!(
        sim.cluster_resource_control(disk, None, code, &[]).unwrap_err().code(),
        codes::ERROR_RESOURCE_NOT_ONLINE
    );
    sim.close_cluster_resource(disk).unwrap();
    sim.close_cluster(c).unwrap();
}

#[test]
fn the_file_and_volume_calls() {
    let sim = sim();
    let c = sim.open_cluster(None).unwrap();
    let disk = sim.open_cluster_resource(c, "Cluster Disk 1").unwrap();
    // Before: E: is a cluster disk's drive letter, not a CSV.
    assert_eq!(sim.cluster_get_volume_path_name(r"E:\VMs\a.vhdx").unwrap(), r"E:\");
    assert!(!sim.cluster_is_path_on_shared_volume(r"E:\VMs\a.vhdx"));
    assert_eq!(sim.get_cluster_shared_volume_name_for_file(r"E:\a").unwrap_err().code(), NOT_CSV);
    sim.add_resource_to_cluster_shared_volumes(disk).unwrap();
    let file = r"C:\ClusterStorage\Volume1\VMs\vm1\disk.vhdx";
    assert!(sim.is_file_on_cluster_shared_volume(file).unwrap());
    assert!(sim.cluster_is_path_on_shared_volume(file));
    assert!(!sim.is_file_on_cluster_shared_volume(r"C:\Windows\notepad.exe").unwrap());
    assert!(!sim.cluster_is_path_on_shared_volume(""));
    assert_eq!(sim.is_file_on_cluster_shared_volume("").unwrap_err().code(), codes::ERROR_INVALID_PARAMETER);
    let root = sim.cluster_get_volume_path_name(file).unwrap();
    assert_eq!(root, r"C:\ClusterStorage\Volume1\");
    let name = sim.cluster_get_volume_name_for_volume_mount_point(&root).unwrap();
    assert!(name.starts_with(r"\\?\Volume{") && name.ends_with(r"}\"), "{name}");
    assert_eq!(
        sim.cluster_get_volume_name_for_volume_mount_point(r"C:\ClusterStorage\Volume1").unwrap(),
        name
    );
    assert_eq!(sim.get_cluster_shared_volume_name_for_file(file).unwrap(), name);
    // The volume name reaches the CSV too.
    assert!(sim.is_file_on_cluster_shared_volume(&format!(r"{name}VMs\x")).unwrap());
    assert_eq!(
        sim.cluster_get_volume_name_for_volume_mount_point(r"C:\ClusterStorage\Volume1\VMs")
            .unwrap_err()
            .code(),
        codes::ERROR_FILE_NOT_FOUND
    );
    assert_eq!(sim.cluster_get_volume_path_name(r"Z:\x").unwrap_err().code(), codes::ERROR_FILE_NOT_FOUND);
    sim.close_cluster_resource(disk).unwrap();
    sim.close_cluster(c).unwrap();
}

#[test]
fn snapshot_and_backup_states() {
    let sim = sim();
    let c = sim.open_cluster(None).unwrap();
    let disk = sim.open_cluster_resource(c, "Cluster Disk 1").unwrap();
    sim.add_resource_to_cluster_shared_volumes(disk).unwrap();
    let backup = |sim: &Simulator| {
        let info = sim
            .cluster_resource_control(
                disk,
                None,
                clusctl::CLUSCTL_RESOURCE_STORAGE_GET_SHARED_VOLUME_INFO,
                &[],
            )
            .unwrap();
        u32::from_le_bytes(info[8 + 16..8 + 20].try_into().unwrap())
    };
    assert_eq!(backup(&sim), 0, "VolumeBackupNone");
    let (path, name) =
        sim.cluster_prepare_shared_volume_for_backup(r"C:\ClusterStorage\Volume1\VMs\a.vhdx").unwrap();
    assert_eq!(path, r"C:\ClusterStorage\Volume1\");
    assert!(name.starts_with(r"\\?\Volume{"));
    assert_eq!(backup(&sim), 1, "VolumeBackupInProgress");
    let set = "{6A1B0C2D-3E4F-5061-7283-94A5B6C7D8E9}";
    for state in [3, 1, 2] {
        sim.cluster_shared_volume_set_snapshot_state(set, &name, state).unwrap();
    }
    assert_eq!(
        sim.cluster_shared_volume_set_snapshot_state(set, &name, 4).unwrap_err().code(),
        codes::ERROR_INVALID_PARAMETER
    );
    assert_eq!(
        sim.cluster_shared_volume_set_snapshot_state("no", &name, 1).unwrap_err().code(),
        codes::ERROR_INVALID_PARAMETER
    );
    assert_eq!(sim.cluster_shared_volume_set_snapshot_state(set, r"E:\", 1).unwrap_err().code(), NOT_CSV);
    sim.cluster_clear_backup_state_for_shared_volume(&path).unwrap();
    assert_eq!(backup(&sim), 0);
    sim.cluster_prepare_shared_volume_for_backup(&path).unwrap();
    sim.cluster_shared_volume_clear_backup_state(&name).unwrap();
    assert_eq!(backup(&sim), 0);
    assert_eq!(sim.cluster_prepare_shared_volume_for_backup(r"E:\x").unwrap_err().code(), NOT_CSV);
    sim.close_cluster_resource(disk).unwrap();
    sim.close_cluster(c).unwrap();
}

/// A `CLUSTER_CHANGE_SHARED_VOLUME_*_V2` event: flag, name, and for a state event its
/// `CLUSTER_SHARED_VOLUME_STATE_INFO_EX` (node, state, friendly name, RedirectedIOReason).
/// (flag, name, state info: node, state, friendly name, RedirectedIOReason).
type CsvEvent = (u64, String, Option<(String, u32, String, u64)>);

fn csv_event(e: &NotificationV2) -> CsvEvent {
    assert_eq!(e.filter.object_type, object_type::SHARED_VOLUME);
    let info = (e.filter.flags == change_v2::SHARED_VOLUME_STATE).then(|| {
        let p = &e.payload;
        assert_eq!(p.len(), 1584, "sizeof(CLUSTER_SHARED_VOLUME_STATE_INFO_EX)");
        assert!(wide(&p[..520]).starts_with(r"\\?\Volume{"), "szVolumeName: the volume GUID path");
        (
            wide(&p[520..1040]),
            u32::from_le_bytes(p[1040..1044].try_into().unwrap()),
            wide(&p[1044..1564]),
            u64::from_le_bytes(p[1568..1576].try_into().unwrap()),
        )
    });
    (e.filter.flags, e.name.clone(), info)
}

fn drain_v2(sim: &Simulator, port: clusapi_sim::HChange) -> Vec<NotificationV2> {
    std::iter::from_fn(|| sim.get_cluster_notify_v2(port, 0).ok()).collect()
}

fn state(node: &str, state: u32, reason: u64) -> CsvEvent {
    let info = Some((node.to_owned(), state, "Volume1".to_owned(), reason));
    (change_v2::SHARED_VOLUME_STATE, "Cluster Disk 1".to_owned(), info)
}

/// The V2 shared-volume events: added (then the volume's state on each node), the state on
/// each node as the lever, a crash and the failover move it, the owner's report of a
/// backup or snapshot state and of a new owner, removed; and the version 1 events of the
/// same calls (the groups the disk leaves and joins).
#[test]
fn shared_volume_notifications_v2_and_their_version_1_events() {
    let sim = sim();
    let c = sim.open_cluster(None).unwrap();
    let all = NotifyFilter { object_type: object_type::SHARED_VOLUME, flags: change_v2::SHARED_VOLUME_ALL };
    let port = sim.create_cluster_notify_port_v2(None, c, &[all], 9).unwrap();
    let v1 = sim
        .create_cluster_notify_port(
            None,
            c,
            change::GROUP_ADDED | change::GROUP_DELETED | change::GROUP_PROPERTY | change::RESOURCE_PROPERTY,
            1,
        )
        .unwrap();
    let v1_events = |sim: &Simulator| -> Vec<(u32, String)> {
        std::iter::from_fn(|| sim.get_cluster_notify(v1, 0).ok()).map(|n| (n.filter_type, n.name)).collect()
    };
    let disk = sim.open_cluster_resource(c, "Cluster Disk 1").unwrap();
    sim.add_resource_to_cluster_shared_volumes(disk).unwrap();
    let events = drain_v2(&sim, port);
    let seen: Vec<_> = events.iter().map(csv_event).collect();
    assert_eq!(
        seen,
        [
            (change_v2::SHARED_VOLUME_ADDED, "Cluster Disk 1".into(), None),
            state("NODE1", 2, 0),
            state("NODE2", 2, 0),
        ]
    );
    // The event is about the disk: its id, its (new) group's id, its type.
    let id = |sim: &Simulator, code| {
        let r = sim.open_cluster_resource(c, "Cluster Disk 1").unwrap();
        let out = if code == clusctl::CLUSCTL_GROUP_GET_ID {
            let g = sim.open_cluster_group(c, "Cluster Disk 1").unwrap();
            let out = sim.cluster_group_control(g, None, code, &[]).unwrap();
            sim.close_cluster_group(g).unwrap();
            out
        } else {
            sim.cluster_resource_control(r, None, code, &[]).unwrap()
        };
        sim.close_cluster_resource(r).unwrap();
        wide(&out)
    };
    assert_eq!(events[0].object_id, id(&sim, clusctl::CLUSCTL_RESOURCE_GET_ID));
    assert_eq!(events[0].parent_id, id(&sim, clusctl::CLUSCTL_GROUP_GET_ID));
    assert_eq!(events[0].object_type_name, "Physical Disk");
    assert_eq!(
        v1_events(&sim),
        [
            (change::GROUP_ADDED, "Cluster Disk 1".into()),
            (change::GROUP_PROPERTY, "Available Storage".into()),
            (change::GROUP_PROPERTY, "Cluster Disk 1".into()),
        ],
        "GROUP_PROPERTY: a resource left or joined the group"
    );
    // The lever: redirected on every node, RedirectedIOReasonUserRequest.
    sim.redirect_shared_volume("Cluster Disk 1").unwrap();
    let seen: Vec<_> = drain_v2(&sim, port).iter().map(csv_event).collect();
    assert_eq!(seen, [state("NODE1", 3, 1), state("NODE2", 3, 1)]);
    sim.redirect_shared_volume("Cluster Disk 1").unwrap();
    assert!(drain_v2(&sim, port).is_empty(), "no change, no event");
    // The backup state: the owner reports the volume.
    sim.cluster_prepare_shared_volume_for_backup(r"C:\ClusterStorage\Volume1\vm.vhdx").unwrap();
    let seen: Vec<_> = drain_v2(&sim, port).iter().map(csv_event).collect();
    assert_eq!(seen, [state("NODE1", 3, 1)]);
    // The owner crashes: unavailable there; the new owner reports the volume.
    sim.crash_node("NODE1").unwrap();
    let seen: Vec<_> = drain_v2(&sim, port).iter().map(csv_event).collect();
    assert_eq!(
        seen,
        [state("NODE1", 0, 0), state("NODE2", 3, 1)],
        "the disk stays online through the failover"
    );
    let set = "{6A1B0C2D-3E4F-5061-7283-94A5B6C7D8E9}";
    sim.cluster_shared_volume_set_snapshot_state(set, r"C:\ClusterStorage\Volume1", 1).unwrap();
    sim.cluster_shared_volume_set_snapshot_state(set, r"C:\ClusterStorage\Volume1", 1).unwrap();
    sim.cluster_clear_backup_state_for_shared_volume(r"C:\ClusterStorage\Volume1\").unwrap();
    let seen: Vec<_> = drain_v2(&sim, port).iter().map(csv_event).collect();
    assert_eq!(seen, [state("NODE2", 3, 1), state("NODE2", 3, 1)], "the repeated state changes nothing");
    sim.restore_node("NODE1").unwrap();
    let seen: Vec<_> = drain_v2(&sim, port).iter().map(csv_event).collect();
    assert_eq!(seen, [state("NODE1", 3, 1)]);
    assert!(v1_events(&sim).iter().all(|e| e.0 != change::RESOURCE_PROPERTY), "no version 1 CSV event");
    // Removed: no state events, then the groups' version 1 events.
    sim.remove_resource_from_cluster_shared_volumes(disk).unwrap();
    let seen: Vec<_> = drain_v2(&sim, port).iter().map(csv_event).collect();
    assert_eq!(seen, [(change_v2::SHARED_VOLUME_REMOVED, "Cluster Disk 1".into(), None)]);
    assert_eq!(
        v1_events(&sim),
        [
            (change::GROUP_PROPERTY, "Available Storage".into()),
            (change::GROUP_DELETED, "Cluster Disk 1".into())
        ]
    );
    // A disk's handle registers for its CSV's events; another object's may not; a flag of
    // no CSV event is refused.
    let only = sim
        .create_cluster_notify_port_v2(
            None,
            c,
            &[NotifyFilter { object_type: object_type::CLUSTER, flags: change_v2::CLUSTER_STATE }],
            1,
        )
        .unwrap();
    sim.register_cluster_notify_v2(only, all, NotifyObject::Resource(disk), 5).unwrap();
    let g = sim.open_cluster_group(c, "Available Storage").unwrap();
    assert_eq!(sim.register_cluster_notify_v2(only, all, NotifyObject::Group(g), 5).unwrap_err().code(), 87);
    let bad = NotifyFilter { object_type: object_type::SHARED_VOLUME, flags: 0x8 };
    assert_eq!(sim.create_cluster_notify_port_v2(None, c, &[bad], 1).unwrap_err().code(), 87);
    let disk2 = sim.open_cluster_resource(c, "Cluster Disk 2").unwrap();
    sim.add_resource_to_cluster_shared_volumes(disk2).unwrap();
    assert!(drain_v2(&sim, only).is_empty(), "another disk's CSV");
    sim.add_resource_to_cluster_shared_volumes(disk).unwrap();
    let e = drain_v2(&sim, only);
    let flags: Vec<u64> = e.iter().map(|e| e.filter.flags).collect();
    assert_eq!(
        flags,
        [change_v2::SHARED_VOLUME_ADDED, change_v2::SHARED_VOLUME_STATE, change_v2::SHARED_VOLUME_STATE]
    );
    assert!(e.iter().all(|e| e.key == 5 && e.name == "Cluster Disk 1"));
    for p in [port, only] {
        sim.close_cluster_notify_port(p).unwrap();
    }
    sim.close_cluster_notify_port(v1).unwrap();
    sim.close_cluster_group(g).unwrap();
    sim.close_cluster_resource(disk2).unwrap();
    sim.close_cluster_resource(disk).unwrap();
    sim.close_cluster(c).unwrap();
}

#[test]
fn faults_and_notifications_reach_the_csv_calls() {
    let sim = sim();
    let c = sim.open_cluster(None).unwrap();
    let port = sim
        .create_cluster_notify_port(
            None,
            c,
            change::GROUP_ADDED | change::RESOURCE_STATE | change::GROUP_DELETED,
            7,
        )
        .unwrap();
    let disk = sim.open_cluster_resource(c, "Cluster Disk 1").unwrap();
    sim.add_resource_to_cluster_shared_volumes(disk).unwrap();
    let mut seen = Vec::new();
    while let Ok(n) = sim.get_cluster_notify(port, 0) {
        seen.push((n.filter_type, n.name));
    }
    assert!(seen.contains(&(change::GROUP_ADDED, "Cluster Disk 1".into())), "{seen:?}");
    assert!(seen.contains(&(change::RESOURCE_STATE, "Cluster Disk 1".into())), "{seen:?}");
    sim.remove_resource_from_cluster_shared_volumes(disk).unwrap();
    assert_eq!(sim.get_cluster_notify(port, 0).unwrap().filter_type, change::GROUP_DELETED);
    sim.add_fault(Fault::on("IsFileOnClusterSharedVolume").code(1722)).unwrap();
    assert_eq!(sim.is_file_on_cluster_shared_volume(r"C:\x").unwrap_err().code(), 1722);
    sim.clear_faults();
    sim.add_fault(Fault::on("AddResourceToClusterSharedVolumes").object("Cluster Disk 1").code(5023))
        .unwrap();
    assert_eq!(sim.add_resource_to_cluster_shared_volumes(disk).unwrap_err().code(), 5023);
    assert_eq!(
        sim.get_cluster_resource_state(disk).unwrap().group,
        "Available Storage",
        "a faulted call changes nothing"
    );
    sim.close_cluster_notify_port(port).unwrap();
    sim.close_cluster_resource(disk).unwrap();
    sim.close_cluster(c).unwrap();
}

/// A backup agent (VSS requester for Hyper-V VMs on CSVs), as it runs against a real
/// cluster: find the VM's files, check they are on a CSV, find the CSV's owner, prepare
/// the volume and set the snapshot states; the owner crashes mid-backup (the volume goes
/// to redirected access, a new owner takes it); the agent finds the new owner, finishes,
/// clears the backup state, and leaks no handle.
#[test]
fn a_backup_agent_survives_the_owner_crashing_mid_backup() {
    let sim = sim();
    let setup = sim.open_cluster(None).unwrap();
    let d = sim.open_cluster_resource(setup, "Cluster Disk 1").unwrap();
    sim.add_resource_to_cluster_shared_volumes(d).unwrap();
    sim.close_cluster_resource(d).unwrap();
    sim.close_cluster(setup).unwrap();
    // Mid-backup, when the agent marks the hardware snapshot done: NODE1 crashes first, and
    // the volume is redirected.
    sim.add_trigger(
        Trigger::on("ClusterSharedVolumeSetSnapshotState").nth(2).before(Lever::crash_node("NODE1")),
    )
    .unwrap();
    sim.add_trigger(
        Trigger::on("ClusterSharedVolumeSetSnapshotState")
            .nth(2)
            .before(Lever::redirect_shared_volume("Cluster Disk 1")),
    )
    .unwrap();

    // The test watches the CSV's V2 events meanwhile (its own handles).
    let watch = sim.open_cluster(None).unwrap();
    let all = NotifyFilter { object_type: object_type::SHARED_VOLUME, flags: change_v2::SHARED_VOLUME_ALL };
    let port = sim.create_cluster_notify_port_v2(None, watch, &[all], 1).unwrap();

    let report = backup_agent(
        &sim,
        &[r"C:\ClusterStorage\Volume1\VMs\vm1\vm1.vhdx", r"C:\ClusterStorage\Volume1\VMs\vm1\vm1.vmcx"],
    )
    .unwrap();
    assert_eq!(report.owner_before, "NODE1");
    assert_eq!(report.owner_after, "NODE2");
    assert!(report.redirected_after, "the agent saw redirected access after the crash");
    // Prepare (the owner reports), the first snapshot state, then the second call: the crash
    // (NODE1 unavailable; NODE2, the new owner, reports the volume as it then was), the
    // redirect, the snapshot state; the clear.
    let seen: Vec<_> = drain_v2(&sim, port).iter().map(csv_event).collect();
    assert_eq!(
        seen,
        [
            state("NODE1", 2, 0),
            state("NODE1", 2, 0),
            state("NODE1", 0, 0),
            state("NODE2", 2, 0),
            state("NODE2", 3, 1),
            state("NODE2", 3, 1),
            state("NODE2", 3, 1),
        ]
    );
    sim.close_cluster_notify_port(port).unwrap();
    sim.close_cluster(watch).unwrap();
    sim.assert_no_open_handles();
    // The history shows the agent's calls in order.
    let calls: Vec<&str> = sim.history().iter().map(|r| r.call).collect::<Vec<_>>();
    let pos =
        |name: &str| calls.iter().position(|c| *c == name).unwrap_or_else(|| panic!("{name} in {calls:?}"));
    assert!(pos("is_file_on_cluster_shared_volume") < pos("cluster_prepare_shared_volume_for_backup"));
    assert!(pos("cluster_prepare_shared_volume_for_backup") < pos("crash_node"));
    assert!(pos("crash_node") < pos("cluster_clear_backup_state_for_shared_volume"));
    assert!(calls.contains(&"crash_node"));
}

#[derive(Debug)]
struct Report {
    owner_before: String,
    owner_after: String,
    redirected_after: bool,
}

/// The agent: production code written against `ClusterApi` only.
fn backup_agent(api: &impl clusapi_sim::ClusterApi, files: &[&str]) -> clusapi_sim::Result<Report> {
    for f in files {
        if !api.is_file_on_cluster_shared_volume(f)? {
            return Err(clusapi_sim::Error::from_code(NOT_CSV));
        }
    }
    let (volume_path, volume_name) = api.cluster_prepare_shared_volume_for_backup(files[0])?;
    let c = api.open_cluster(None)?;
    // The CSV's disk resource: the CSV resource whose mount point is the volume's path.
    let e = api.cluster_open_enum(c, CLUSTER_ENUM_SHARED_VOLUME_RESOURCE)?;
    let mut disk = None;
    for i in 0..api.cluster_get_enum_count(e)? {
        let name = api.cluster_enum(e, i)?.1;
        let r = api.open_cluster_resource(c, &name)?;
        let paths = api.cluster_resource_control(
            r,
            None,
            clusctl::CLUSCTL_RESOURCE_STORAGE_GET_MOUNTPOINTS,
            &1u32.to_le_bytes(),
        )?;
        if paths == clusapi_sim::multi_sz_to_bytes(&[volume_path.as_str()]) {
            disk = Some(r);
        } else {
            api.close_cluster_resource(r)?;
        }
    }
    api.cluster_close_enum(e)?;
    let disk = disk.ok_or_else(|| clusapi_sim::Error::from_code(NOT_CSV))?;
    let owner_before = api.get_cluster_resource_state(disk)?.owner_node;
    let set = "{0F0E0D0C-0B0A-0908-0706-050403020100}";
    api.cluster_shared_volume_set_snapshot_state(set, &volume_name, 1)?; // prepare for HW snapshot
    api.cluster_shared_volume_set_snapshot_state(set, &volume_name, 2)?; // HW snapshot completed
    let owner_after = api.get_cluster_resource_state(disk)?.owner_node;
    let states = api.cluster_resource_control(disk, None, STATES, &[])?;
    let redirected_after =
        states.chunks(1044).any(|e| u32::from_le_bytes(e[1040..1044].try_into().unwrap()) == 3);
    api.cluster_clear_backup_state_for_shared_volume(&volume_path)?;
    api.close_cluster_resource(disk)?;
    api.close_cluster(c)?;
    Ok(Report { owner_before, owner_after, redirected_after })
}

/// A topology file's trigger pulls the shared-volume lever; a lever whose disk is no
/// resource is refused when the simulator is built.
#[cfg(feature = "topology-file")]
#[test]
fn a_topology_file_trigger_redirects_a_csv() {
    let text = r#"
[[cluster]]
name = "C"
nodes = ["N1", "N2"]

[[cluster.group]]
name = "Available Storage"
owner = "N1"
resources = [{ name = "D", type = "Physical Disk", disk = { signature = 7, size = 1024, partitions = [{ size = 1024 }] } }]

[[trigger]]
on = "IsFileOnClusterSharedVolume"
before = "redirect_shared_volume"
target = "D"
"#;
    let sim = Simulator::builder().topology_toml(text).build().unwrap();
    let c = sim.open_cluster(None).unwrap();
    let d = sim.open_cluster_resource(c, "D").unwrap();
    sim.add_resource_to_cluster_shared_volumes(d).unwrap();
    assert!(sim.is_file_on_cluster_shared_volume(r"C:\ClusterStorage\Volume1\x").unwrap());
    let out = sim.cluster_resource_control(d, None, STATES, &[]).unwrap();
    assert!(states(&out).iter().all(|s| s.2 == 3), "redirected by the trigger");
    sim.close_cluster_resource(d).unwrap();
    sim.close_cluster(c).unwrap();
    let err = Simulator::builder()
        .topology_toml(&text.replace("target = \"D\"", "target = \"E\""))
        .build()
        .unwrap_err();
    assert_eq!(err.code(), codes::ERROR_INVALID_DATA, "{err}");
}
