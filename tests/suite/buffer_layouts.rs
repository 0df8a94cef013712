//! `clusctl::buffer_layouts` says where the strings of a control code's buffers are (the C
//! ABI's native-`wchar_t` build re-encodes them by it): every code the simulator answers,
//! on every object of its kind (disks and Cluster Shared Volumes among them), has an output
//! of the layout declared, and a code declared `Binary` answers no text that the
//! re-encoding would miss; every structure with fixed `WCHAR` arrays is as large as the
//! simulator builds it, and its arrays hold NUL-terminated strings.

use clusapi_sim::clusctl::{self, BufferLayout, Field, Structure};
use clusapi_sim::{
    CLUSTER_ENUM_NETINTERFACE, CLUSTER_ENUM_NETWORK, CLUSTER_ENUM_NODE, CLUSTER_ENUM_RESOURCE,
    CLUSTER_ENUM_RESTYPE, Disk, HCluster, Partition, PropertyList, Simulator,
};

/// The names of every object of `kind` in the cluster.
fn names(sim: &Simulator, c: HCluster, kind: u32) -> Vec<String> {
    let e = sim.cluster_open_enum(c, kind).expect("enum");
    let n = sim.cluster_get_enum_count(e).expect("count");
    let out = (0..n).map(|i| sim.cluster_enum(e, i).expect("item").1).collect();
    sim.cluster_close_enum(e).expect("close");
    out
}

fn dword(bytes: &[u8], at: usize) -> Option<u32> {
    bytes.get(at..at + 4).map(|b| u32::from_le_bytes(b.try_into().unwrap()))
}

/// The values of a value list (syntax, data), if it is one: it ends with its end mark,
/// every value within the buffer.
fn values(bytes: &[u8]) -> Option<Vec<(u32, &[u8])>> {
    let mut at = 0;
    let mut out = Vec::new();
    loop {
        match dword(bytes, at)? {
            0 => return (at + 4 == bytes.len()).then_some(out),
            syntax => {
                let len = dword(bytes, at + 4)? as usize;
                out.push((syntax, bytes.get(at + 8..at + 8 + len)?));
                at += 8 + len.next_multiple_of(4);
            }
        }
    }
}

/// Whether `bytes` are one structure of its UTF-16 size whose `WCHAR` arrays each hold a
/// NUL-terminated string, and whose other fields hold no text.
fn is_structure(bytes: &[u8], s: &Structure) -> bool {
    bytes.len() == s.size(2)
        && s.offsets(2).iter().all(|&(at, f)| match f {
            Field::Wchars(n) => bytes[at..at + 2 * n].chunks(2).any(|u| u == [0, 0]),
            Field::Bytes { size, .. } => !has_text(&bytes[at..at + size]),
            _ => false,
        })
}

/// NUL-terminated UTF-16 text (or a MULTI_SZ of it), possibly empty.
fn is_text(bytes: &[u8]) -> bool {
    bytes.is_empty() || (bytes.len() % 2 == 0 && bytes.ends_with(&[0, 0]))
}

/// Two or more printable UTF-16 characters and a NUL: a string, not `DWORD`s (whose high
/// halves are 0 within the buffer).
fn looks_like_text(bytes: &[u8]) -> bool {
    let units: Vec<u16> = bytes.chunks_exact(2).map(|b| u16::from_le_bytes([b[0], b[1]])).collect();
    bytes.len() % 2 == 0
        && units.len() >= 3
        && units.last() == Some(&0)
        && units[..units.len() - 1].iter().all(|&u| u >= 0x20)
}

/// A UTF-16 string of four or more ASCII letters, digits or punctuation and a NUL anywhere
/// at an even offset: text inside a structure that a layout would have to name.
fn has_text(bytes: &[u8]) -> bool {
    let units: Vec<u16> = bytes.chunks_exact(2).map(|b| u16::from_le_bytes([b[0], b[1]])).collect();
    let mut run = 0;
    for &u in &units {
        if u == 0 && run >= 4 {
            return true;
        }
        run = if (0x21..0x7f).contains(&u) { run + 1 } else { 0 };
    }
    false
}

fn kind(layout: BufferLayout) -> usize {
    match layout {
        BufferLayout::Binary => 0,
        BufferLayout::Text => 1,
        BufferLayout::PropertyList => 2,
        BufferLayout::ValueList => 3,
        BufferLayout::ValueListOf(_) => 4,
        BufferLayout::Structures(_) => 5,
        _ => 6,
    }
}

fn check(code: u32, out: &[u8], seen: &mut [usize; 7]) {
    let (_, layout) = clusctl::buffer_layouts(code);
    check_layout(&format!("code {code:#010x}"), layout, out);
    seen[kind(layout)] += 1;
}

fn check_layout(what: &str, layout: BufferLayout, out: &[u8]) {
    let ok = match layout {
        BufferLayout::Text => is_text(out),
        BufferLayout::PropertyList => PropertyList::parse(out).is_ok(),
        // Its binary values hold no text (a structure with strings needs ValueListOf).
        BufferLayout::ValueList => {
            values(out).is_some_and(|v| v.iter().all(|&(syntax, d)| (syntax & 0xffff) != 1 || !has_text(d)))
        }
        BufferLayout::ValueListOf(structured) => values(out).is_some_and(|values| {
            values.iter().all(|&(syntax, data)| match structured.iter().find(|v| v.syntax == syntax) {
                Some(v) => {
                    let sizes: Vec<usize> = v.structures.iter().map(|s| s.size(2)).collect();
                    let mut at = 0;
                    data.len() == sizes.iter().sum::<usize>()
                        && v.structures.iter().zip(&sizes).all(|(s, &n)| {
                            at += n;
                            is_structure(&data[at - n..at], s)
                        })
                }
                None => (syntax & 0xffff) != 1 || !has_text(data),
            })
        }),
        BufferLayout::Structures(s) => {
            !out.is_empty()
                && out.len() % s.size(2) == 0
                && out.chunks(s.size(2)).all(|one| is_structure(one, s))
        }
        // DWORDs and structures: nothing that reads as a property list or as text.
        _ => {
            PropertyList::parse(out).map_or(true, |l| l.is_empty()) && !looks_like_text(out) && !has_text(out)
        }
    };
    assert!(ok, "{what}: the output ({} bytes) is not {layout:?}", out.len());
}

#[test]
fn every_answered_code_has_the_layout_it_declares() {
    // A disk in Available Storage, a Cluster Shared Volume, an available disk (GPT).
    let sim = Simulator::default_builder()
        .disk(
            "Cluster Disk 1",
            Disk::mbr(0x1111_1111, 20 << 30)
                .partition(Partition::new(10 << 30).drive_letter('E').label("Data"))
                .partition(Partition::new(10 << 30).mount_point(r"C:\Mounts\Logs")),
        )
        .disk(
            "Cluster Disk 2",
            Disk::mbr(0x2222_2222, 5 << 30).partition(Partition::new(5 << 30).drive_letter('F')),
        )
        .available_disk(
            Disk::gpt("{6A1B0C2D-3E4F-5061-7283-94A5B6C7D8E9}", 1 << 30)
                .partition(Partition::new(1 << 30).drive_letter('G')),
        )
        .build()
        .unwrap();
    let c = sim.open_cluster(None).unwrap();
    let csv = sim.open_cluster_resource(c, "Cluster Disk 2").unwrap();
    sim.add_resource_to_cluster_shared_volumes(csv).unwrap();
    // GET_SHARED_VOLUME_STATES is a write code (the walk below skips those): an array of
    // CLUSTER_SHARED_VOLUME_STATE_INFO.
    let states = 0x0140_02a2;
    check_layout(
        "GET_SHARED_VOLUME_STATES",
        clusctl::buffer_layouts(states).1,
        &sim.cluster_resource_control(csv, None, states, &[]).unwrap(),
    );
    assert_eq!(
        clusctl::buffer_layouts(states).1,
        BufferLayout::Structures(&clusctl::CLUSTER_SHARED_VOLUME_STATE_INFO)
    );
    sim.close_cluster_resource(csv).unwrap();
    let codes: Vec<u32> = clusctl::supported()
        .into_iter()
        .map(|(_, code)| code)
        .chain(clusctl::specific().iter().map(|k| k.code))
        .filter(|code| code & 0b11 != clusctl::CLUS_ACCESS_WRITE)
        .collect();
    let of = |object: u32| {
        codes.iter().copied().filter(move |code| code >> clusctl::CLUSCTL_OBJECT_SHIFT == object)
    };
    let mut seen = [0usize; 7];
    // Each kind of object, by name, with its control call.
    type Control<'a> = Box<dyn Fn(&str, u32) -> clusapi_sim::Result<Vec<u8>> + 'a>;
    let kinds: Vec<(u32, Vec<String>, Control)> = vec![
        (
            clusctl::CLUS_OBJECT_CLUSTER,
            vec![String::new()],
            Box::new(|_, code| sim.cluster_control(c, None, code, &[])),
        ),
        (
            clusctl::CLUS_OBJECT_NODE,
            names(&sim, c, CLUSTER_ENUM_NODE),
            Box::new(|name, code| sim.cluster_node_control(sim.open_cluster_node(c, name)?, None, code, &[])),
        ),
        (
            clusctl::CLUS_OBJECT_GROUP,
            names(&sim, c, clusapi_sim::CLUSTER_ENUM_GROUP),
            Box::new(|name, code| {
                sim.cluster_group_control(sim.open_cluster_group(c, name)?, None, code, &[])
            }),
        ),
        (
            clusctl::CLUS_OBJECT_RESOURCE,
            names(&sim, c, CLUSTER_ENUM_RESOURCE),
            Box::new(|name, code| {
                sim.cluster_resource_control(sim.open_cluster_resource(c, name)?, None, code, &[])
            }),
        ),
        (
            clusctl::CLUS_OBJECT_NETWORK,
            names(&sim, c, CLUSTER_ENUM_NETWORK),
            Box::new(|name, code| {
                sim.cluster_network_control(sim.open_cluster_network(c, name)?, None, code, &[])
            }),
        ),
        (
            clusctl::CLUS_OBJECT_NETINTERFACE,
            names(&sim, c, CLUSTER_ENUM_NETINTERFACE),
            Box::new(|name, code| {
                sim.cluster_net_interface_control(sim.open_cluster_net_interface(c, name)?, None, code, &[])
            }),
        ),
        (
            clusctl::CLUS_OBJECT_RESOURCE_TYPE,
            names(&sim, c, CLUSTER_ENUM_RESTYPE),
            Box::new(|name, code| sim.cluster_resource_type_control(c, name, None, code, &[])),
        ),
    ];
    for (object, names, control) in &kinds {
        assert!(!names.is_empty(), "the default topology has objects of kind {object}");
        for name in names {
            for code in of(*object) {
                if let Ok(out) = control(name, code) {
                    check(code, &out, &mut seen);
                }
            }
        }
    }
    // Every layout was met, each many times: the walk above reached the answers (the
    // Structures layout is GET_SHARED_VOLUME_STATES's, a write code, checked above).
    assert!(
        seen[..5].iter().all(|&n| n > 0),
        "layouts met (Binary, Text, PropertyList, ValueList, ValueListOf): {seen:?}"
    );
}

#[test]
fn the_sets_and_the_voter_checks_read_what_they_declare() {
    let set = clusctl::clusctl(clusctl::CLUS_OBJECT_GROUP, clusctl::CLCTL_SET_COMMON_PROPERTIES);
    assert_eq!(clusctl::buffer_layouts(set), (BufferLayout::PropertyList, BufferLayout::Binary));
    let check = clusctl::clusctl(clusctl::CLUS_OBJECT_CLUSTER, clusctl::CLCTL_CHECK_VOTER_DOWN);
    assert_eq!(clusctl::buffer_layouts(check), (BufferLayout::Text, BufferLayout::Binary));
    // An unknown code reads and writes no text.
    assert_eq!(clusctl::buffer_layouts(0x0100_7ffd), (BufferLayout::Binary, BufferLayout::Binary));
}

/// The structures' sizes at both widths are `sizeof` of `compat/clusapi.h`'s structures
/// (checked in C by `client_storage.c`), and those the simulator builds.
#[test]
fn the_structures_have_their_c_sizes_at_both_widths() {
    let sizes = [
        (clusctl::CLUS_PARTITION_INFO, 1120, 2224),
        (clusctl::CLUS_PARTITION_INFO_EX, 1160, 2264),
        (clusctl::CLUS_PARTITION_INFO_EX2, 540, 1060),
        (clusctl::CLUS_CSV_VOLUME_INFO, 640, 1264),
        (clusctl::CLUSTER_SHARED_VOLUME_STATE_INFO, 1044, 2084),
        (clusctl::CLUSTER_SHARED_VOLUME_STATE_INFO_EX, 1584, 3144),
    ];
    for (s, utf16, utf32) in sizes {
        assert_eq!((s.size(2), s.size(4)), (utf16, utf32), "{}", s.name);
    }
    // The padding before an 8-byte field: VolumeOffset first, then the arrays; the
    // ULONGLONGs of the state info after three arrays and a DWORD.
    let ex = clusctl::CLUSTER_SHARED_VOLUME_STATE_INFO_EX.offsets(4);
    assert_eq!(ex[4].0, 3128);
}
