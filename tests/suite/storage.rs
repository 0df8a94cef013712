//! Storage: disks in the world (builder and topology file) and the storage control codes
//! with `clusapi.h`'s structures.

use clusapi_sim::{Disk, Partition, PropertyList, PropertyValue, Simulator, clusctl, codes};

const GIB: u64 = 1 << 30;

/// A value list's entries: (syntax, data), up to the end mark.
fn entries(buf: &[u8]) -> Vec<(u32, Vec<u8>)> {
    let mut out = Vec::new();
    let mut at = 0usize;
    loop {
        let syntax = u32::from_le_bytes(buf[at..at + 4].try_into().unwrap());
        if syntax == 0 {
            assert_eq!(at + 4, buf.len(), "the end mark ends the buffer");
            return out;
        }
        let len = u32::from_le_bytes(buf[at + 4..at + 8].try_into().unwrap()) as usize;
        out.push((syntax, buf[at + 8..at + 8 + len].to_vec()));
        at += 8 + len.next_multiple_of(4);
    }
}

fn wide(data: &[u8], units: usize) -> String {
    let u: Vec<u16> = data[..units * 2].chunks(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
    String::from_utf16(&u[..u.iter().position(|&c| c == 0).unwrap_or(u.len())]).unwrap()
}

fn dword(data: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(data[at..at + 4].try_into().unwrap())
}

fn qword(data: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(data[at..at + 8].try_into().unwrap())
}

fn sim() -> Simulator {
    Simulator::default_builder()
        .disk(
            "Cluster Disk 1",
            Disk::mbr(0x1A2B_3C4D, 100 * GIB)
                .partition(Partition::new(60 * GIB).drive_letter('E').label("Data").free(20 * GIB))
                .partition(Partition::new(40 * GIB).mount_point(r"C:\Mounts\Logs").file_system("ReFS")),
        )
        .disk(
            "Cluster Disk 2",
            Disk::gpt("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", 10 * GIB)
                .number(7)
                .scsi_address(2, 0, 1, 3)
                .partition(Partition::new(10 * GIB).volume_guid("{11111111-2222-3333-4444-555555555555}")),
        )
        .available_disk(Disk::mbr(0xCAFE_F00D, 5 * GIB).partition(Partition::new(5 * GIB)))
        .build()
        .unwrap()
}

#[test]
fn disks_are_physical_disk_resources_in_available_storage_with_their_identity() {
    let sim = sim();
    let c = sim.open_cluster(None).unwrap();
    for (name, kind, key, value) in [
        ("Cluster Disk 1", 0, "DiskSignature", PropertyValue::Dword(0x1A2B_3C4D)),
        (
            "Cluster Disk 2",
            1,
            "DiskIdGuid",
            PropertyValue::Sz("{0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0}".into()),
        ),
    ] {
        let r = sim.open_cluster_resource(c, name).unwrap();
        let state = sim.get_cluster_resource_state(r).unwrap();
        assert_eq!(state.group, "Available Storage");
        let out =
            sim.cluster_resource_control(r, None, clusctl::CLUSCTL_RESOURCE_GET_RESOURCE_TYPE, &[]).unwrap();
        assert_eq!(out, clusapi_sim::sz_to_bytes("Physical Disk"));
        let props = PropertyList::parse(
            &sim.cluster_resource_control(r, None, clusctl::CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTIES, &[])
                .unwrap(),
        )
        .unwrap();
        assert_eq!(props.get("DiskIdType"), Some(&PropertyValue::Dword(kind)));
        assert_eq!(props.get(key), Some(&value));
        // CLUS_RESCLASS_STORAGE, CLUS_RESSUBCLASS_SHARED.
        let class =
            sim.cluster_resource_control(r, None, clusctl::CLUSCTL_RESOURCE_GET_CLASS_INFO, &[]).unwrap();
        assert_eq!((dword(&class, 0), dword(&class, 4)), (1, 0x8000_0000));
        sim.close_cluster_resource(r).unwrap();
    }
    sim.close_cluster(c).unwrap();
    sim.assert_no_open_handles();
}

#[test]
fn get_disk_info_lists_the_signature_scsi_address_number_and_partitions() {
    let sim = sim();
    let c = sim.open_cluster(None).unwrap();
    let r = sim.open_cluster_resource(c, "Cluster Disk 1").unwrap();
    let out =
        sim.cluster_resource_control(r, None, clusctl::CLUSCTL_RESOURCE_STORAGE_GET_DISK_INFO, &[]).unwrap();
    let e = entries(&out);
    assert_eq!(
        e.iter().map(|(s, _)| *s).collect::<Vec<_>>(),
        [0x0005_0002, 0x0006_0002, 0x0007_0002, 0x0008_0001, 0x0008_0001]
    );
    assert_eq!(dword(&e[0].1, 0), 0x1A2B_3C4D);
    assert_eq!(e[1].1, [1, 0, 0, 1], "port 1, path 0, target 0, LUN = disk number 1");
    assert_eq!(dword(&e[2].1, 0), 1, "the first disk is disk 1");
    // CLUS_PARTITION_INFO: dwFlags, szDeviceName[260], szVolumeLabel[260], serial, max
    // component length, file-system flags, szFileSystem[32]: 1120 bytes.
    let p1 = &e[3].1;
    assert_eq!(p1.len(), 1120);
    assert_eq!(dword(p1, 0), 0x1 | 0x4 | 0x10, "sticky (a drive letter), usable, usable for CSV");
    assert_eq!(wide(&p1[4..], 260), "E:");
    assert_eq!(wide(&p1[524..], 260), "Data");
    assert_eq!(wide(&p1[1056..], 32), "NTFS");
    let p2 = &e[4].1;
    assert!(wide(&p2[4..], 260).starts_with(r"\\?\Volume{"), "no letter: the volume's name");
    assert_eq!(wide(&p2[1056..], 32), "ReFS");
    sim.close_cluster_resource(r).unwrap();
    sim.close_cluster(c).unwrap();
}

#[test]
fn get_disk_info_ex_and_ex2_add_the_size_free_space_numbers_and_volume_guid() {
    let sim = sim();
    let c = sim.open_cluster(None).unwrap();
    let r = sim.open_cluster_resource(c, "Cluster Disk 2").unwrap();
    let ex = entries(
        &sim.cluster_resource_control(r, None, clusctl::CLUSCTL_RESOURCE_STORAGE_GET_DISK_INFO_EX, &[])
            .unwrap(),
    );
    assert_eq!(
        ex.iter().map(|(s, _)| *s).collect::<Vec<_>>(),
        [0x000b_0003, 0x0006_0002, 0x0007_0002, 0x000c_0006, 0x000d_0001]
    );
    assert_eq!(ex[0].1, clusapi_sim::sz_to_bytes("{0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0}"));
    assert_eq!(ex[1].1, [2, 0, 1, 3]);
    assert_eq!(dword(&ex[2].1, 0), 7);
    assert_eq!(qword(&ex[3].1, 0), 10 * GIB);
    let p = &ex[4].1;
    assert_eq!(p.len(), 1160, "CLUS_PARTITION_INFO_EX");
    assert_eq!((qword(p, 1120), qword(p, 1128)), (10 * GIB, 10 * GIB), "total and free");
    assert_eq!((dword(p, 1136), dword(p, 1140)), (7, 1), "device number, partition number");
    // GUID {11111111-2222-3333-4444-555555555555}: Data1..3 little-endian, then Data4.
    assert_eq!(
        &p[1144..1160],
        &[0x11, 0x11, 0x11, 0x11, 0x22, 0x22, 0x33, 0x33, 0x44, 0x44, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55]
    );
    let ex2 = entries(
        &sim.cluster_resource_control(r, None, clusctl::CLUSCTL_RESOURCE_STORAGE_GET_DISK_INFO_EX2, &[])
            .unwrap(),
    );
    assert_eq!(ex2[4].0, 0x000e_0001);
    assert_eq!(ex2[4].1.len(), 1160 + 540, "CLUS_PARTITION_INFO_EX, then CLUS_PARTITION_INFO_EX2");
    assert_eq!(&ex2[4].1[..1160], &p[..], "the _EX part is the same");
    let number = sim
        .cluster_resource_control(r, None, clusctl::CLUSCTL_RESOURCE_STORAGE_GET_DISK_NUMBER_INFO, &[])
        .unwrap();
    assert_eq!((dword(&number, 0), dword(&number, 4)), (7, 512));
    let id =
        sim.cluster_resource_control(r, None, clusctl::CLUSCTL_RESOURCE_STORAGE_GET_DISKID, &[]).unwrap();
    assert_eq!((id.len(), dword(&id, 0)), (20, 2), "CLUSDSK_DISKID, DiskIdGuid");
    sim.close_cluster_resource(r).unwrap();
    sim.close_cluster(c).unwrap();
}

#[test]
fn mount_points_and_path_checks_follow_the_volumes() {
    let sim = sim();
    let c = sim.open_cluster(None).unwrap();
    let r = sim.open_cluster_resource(c, "Cluster Disk 1").unwrap();
    let code = clusctl::CLUSCTL_RESOURCE_STORAGE_GET_MOUNTPOINTS;
    assert_eq!(
        sim.cluster_resource_control(r, None, code, &1u32.to_le_bytes()).unwrap(),
        clusapi_sim::multi_sz_to_bytes(&[r"E:\"])
    );
    assert_eq!(
        sim.cluster_resource_control(r, None, code, &2u32.to_le_bytes()).unwrap(),
        clusapi_sim::multi_sz_to_bytes(&[r"C:\Mounts\Logs\"])
    );
    for bad in [&3u32.to_le_bytes()[..], &0u32.to_le_bytes()[..], &[1u8][..]] {
        assert_eq!(
            sim.cluster_resource_control(r, None, code, bad).unwrap_err().code(),
            codes::ERROR_INVALID_PARAMETER
        );
    }
    let valid = clusctl::CLUSCTL_RESOURCE_STORAGE_IS_PATH_VALID;
    for ok in [r"E:\", r"e:\vms\a.vhdx", r"C:\Mounts\Logs\x.log", "E:"] {
        assert_eq!(
            sim.cluster_resource_control(r, None, valid, &clusapi_sim::sz_to_bytes(ok)).unwrap(),
            Vec::<u8>::new(),
            "{ok}"
        );
    }
    for not in [r"F:\x", r"C:\Mounts\Other", r"C:\Windows"] {
        let err = sim.cluster_resource_control(r, None, valid, &clusapi_sim::sz_to_bytes(not)).unwrap_err();
        assert_eq!(err.code(), codes::ERROR_FILE_NOT_FOUND, "{not}");
    }
    // A path on another disk is not on this one.
    let other = sim.open_cluster_resource(c, "Cluster Disk 2").unwrap();
    let err =
        sim.cluster_resource_control(other, None, valid, &clusapi_sim::sz_to_bytes(r"E:\x")).unwrap_err();
    assert_eq!(err.code(), codes::ERROR_FILE_NOT_FOUND);
    sim.close_cluster_resource(other).unwrap();
    sim.close_cluster_resource(r).unwrap();
    sim.close_cluster(c).unwrap();
}

#[test]
fn storage_codes_on_a_nonstorage_resource_or_type_are_invalid_function() {
    let sim = sim();
    let c = sim.open_cluster(None).unwrap();
    let ip = sim.open_cluster_resource(c, "Cluster IP Address").unwrap();
    for code in [
        clusctl::CLUSCTL_RESOURCE_STORAGE_GET_DISK_INFO,
        clusctl::CLUSCTL_RESOURCE_STORAGE_GET_DISK_INFO_EX,
        clusctl::CLUSCTL_RESOURCE_STORAGE_GET_DISK_INFO_EX2,
        clusctl::CLUSCTL_RESOURCE_STORAGE_GET_MOUNTPOINTS,
        clusctl::CLUSCTL_RESOURCE_STORAGE_IS_PATH_VALID,
    ] {
        let err = sim.cluster_resource_control(ip, None, code, &1u32.to_le_bytes()).unwrap_err();
        assert_eq!(err.code(), codes::ERROR_INVALID_FUNCTION, "{code:#x}");
    }
    let err = sim
        .cluster_resource_type_control(
            c,
            "IP Address",
            None,
            clusctl::CLUSCTL_RESOURCE_TYPE_STORAGE_GET_AVAILABLE_DISKS,
            &[],
        )
        .unwrap_err();
    assert_eq!(err.code(), codes::ERROR_INVALID_FUNCTION);
    // A Physical Disk created through the API has no disk behind it.
    let g = sim.open_cluster_group(c, "Available Storage").unwrap();
    let bare = sim.create_cluster_resource(g, "Bare Disk", "Physical Disk", 0).unwrap();
    let err = sim
        .cluster_resource_control(bare, None, clusctl::CLUSCTL_RESOURCE_STORAGE_GET_DISK_INFO, &[])
        .unwrap_err();
    assert_eq!(err.code(), 1168, "ERROR_NOT_FOUND");
    sim.close_cluster_resource(bare).unwrap();
    sim.close_cluster_group(g).unwrap();
    sim.close_cluster_resource(ip).unwrap();
    sim.close_cluster(c).unwrap();
}

#[test]
fn available_disks_are_the_disks_that_are_not_resources() {
    let sim = sim();
    let c = sim.open_cluster(None).unwrap();
    let code = clusctl::CLUSCTL_RESOURCE_TYPE_STORAGE_GET_AVAILABLE_DISKS;
    let out = sim.cluster_resource_type_control(c, "Physical Disk", None, code, &[]).unwrap();
    let e = entries(&out);
    assert_eq!(e[0], (0x0005_0002, 0xCAFE_F00Du32.to_le_bytes().to_vec()));
    assert_eq!(dword(&e[2].1, 0), 3, "numbered after the two resources' disks");
    assert_eq!(e.len(), 4);
    let ex = entries(
        &sim.cluster_resource_type_control(
            c,
            "Physical Disk",
            None,
            clusctl::CLUSCTL_RESOURCE_TYPE_STORAGE_GET_AVAILABLE_DISKS_EX,
            &[],
        )
        .unwrap(),
    );
    assert_eq!(ex[3].0, 0x000c_0006);
    sim.close_cluster(c).unwrap();
    // None: the end mark alone.
    let plain = Simulator::default();
    let c = plain.open_cluster(None).unwrap();
    assert_eq!(
        plain.cluster_resource_type_control(c, "Physical Disk", None, code, &[]).unwrap(),
        [0, 0, 0, 0]
    );
    plain.close_cluster(c).unwrap();
}

#[test]
fn the_builder_refuses_disks_that_cannot_be() {
    let err = |b: clusapi_sim::SimulatorBuilder| b.build().unwrap_err();
    let base = Simulator::default_builder;
    let e = err(base().disk("D", Disk::mbr(1, GIB).partition(Partition::new(2 * GIB))));
    assert_eq!(e.code(), codes::ERROR_INVALID_PARAMETER, "{e}");
    let e = err(base().disk("D", Disk::gpt("nope", GIB)));
    assert_eq!(e.code(), codes::ERROR_INVALID_PARAMETER);
    let e = err(base().disk("D", Disk::mbr(1, GIB).partition(Partition::new(GIB).free(2 * GIB))));
    assert_eq!(e.code(), codes::ERROR_INVALID_PARAMETER);
    let e = err(base().disk("D", Disk::mbr(1, GIB).partition(Partition::new(GIB).mount_point("relative"))));
    assert_eq!(e.code(), codes::ERROR_INVALID_PARAMETER);
    let e = err(base().disk("D", Disk::mbr(1, GIB)).disk("D2", Disk::mbr(1, GIB)));
    assert_eq!(e.code(), codes::ERROR_OBJECT_ALREADY_EXISTS, "{e}");
    let letter = || Disk::mbr(2, GIB).partition(Partition::new(GIB).drive_letter('E'));
    let e = err(base()
        .disk("D", Disk::mbr(1, GIB).partition(Partition::new(GIB).drive_letter('e')))
        .disk("D2", letter()));
    assert_eq!(e.code(), codes::ERROR_OBJECT_ALREADY_EXISTS, "{e}");
    // No "Available Storage" group to put it in.
    let e = err(Simulator::builder().cluster("C").node("N").disk("D", Disk::mbr(1, GIB)));
    assert_eq!(e.code(), codes::ERROR_GROUP_NOT_FOUND);
}

#[cfg(feature = "topology-file")]
#[test]
fn a_topology_file_describes_disks() {
    let text = r#"
[[cluster]]
name = "C"
nodes = ["N1", "N2"]

[[cluster.group]]
name = "Available Storage"
owner = "N1"
resources = [
    { name = "Disk A", type = "Physical Disk", disk = { signature = 0x01020304, size = 2147483648, partitions = [
        { size = 1073741824, drive_letter = "F", label = "VMs", free = 536870912 },
        { size = 1073741824, mount_points = ['C:\Mounts\B'] },
    ] } },
]

[[cluster.available_disk]]
guid = "{0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0}"
size = 1073741824
"#;
    let sim = Simulator::builder().topology_toml(text).build().unwrap();
    let c = sim.open_cluster(None).unwrap();
    let r = sim.open_cluster_resource(c, "Disk A").unwrap();
    let e = entries(
        &sim.cluster_resource_control(r, None, clusctl::CLUSCTL_RESOURCE_STORAGE_GET_DISK_INFO_EX, &[])
            .unwrap(),
    );
    assert_eq!(dword(&e[0].1, 0), 0x0102_0304);
    assert_eq!(qword(&e[4].1, 1128), 536_870_912);
    assert_eq!(wide(&e[4].1[524..], 260), "VMs");
    let mp = sim
        .cluster_resource_control(
            r,
            None,
            clusctl::CLUSCTL_RESOURCE_STORAGE_GET_MOUNTPOINTS,
            &2u32.to_le_bytes(),
        )
        .unwrap();
    assert_eq!(mp, clusapi_sim::multi_sz_to_bytes(&[r"C:\Mounts\B\"]));
    let avail = sim
        .cluster_resource_type_control(
            c,
            "Physical Disk",
            None,
            clusctl::CLUSCTL_RESOURCE_TYPE_STORAGE_GET_AVAILABLE_DISKS,
            &[],
        )
        .unwrap();
    assert_eq!(entries(&avail)[0].0, 0x000b_0003);
    sim.close_cluster_resource(r).unwrap();
    sim.close_cluster(c).unwrap();
    // Exactly one of signature and guid.
    let bad = text.replace("signature = 0x01020304,", "");
    let err = Simulator::builder().topology_toml(&bad).build().unwrap_err();
    assert_eq!(err.code(), codes::ERROR_INVALID_DATA, "{err}");
}
