//! `clusctl::buffer_layouts` says where the strings of a control code's buffers are (the C
//! ABI's native-`wchar_t` build re-encodes them by it): every code the simulator answers,
//! on every object of its kind, has an output of the layout declared, and a code declared
//! `Binary` answers no text that the re-encoding would miss.

use clusapi_sim::clusctl::{self, BufferLayout};
use clusapi_sim::{
    CLUSTER_ENUM_NETINTERFACE, CLUSTER_ENUM_NETWORK, CLUSTER_ENUM_NODE, CLUSTER_ENUM_RESOURCE,
    CLUSTER_ENUM_RESTYPE, HCluster, PropertyList, Simulator,
};

/// The names of every object of `kind` in the cluster.
fn names(sim: &Simulator, c: HCluster, kind: u32) -> Vec<String> {
    let e = sim.cluster_open_enum(c, kind).expect("enum");
    let n = sim.cluster_get_enum_count(e).expect("count");
    let out = (0..n).map(|i| sim.cluster_enum(e, i).expect("item").1).collect();
    sim.cluster_close_enum(e).expect("close");
    out
}

/// A value list ends with its end mark, every value within the buffer.
fn is_value_list(bytes: &[u8]) -> bool {
    let dword = |at: usize| bytes.get(at..at + 4).map(|b| u32::from_le_bytes(b.try_into().unwrap()));
    let mut at = 0;
    loop {
        match dword(at) {
            None => return false,
            Some(0) => return at + 4 == bytes.len(),
            Some(_) => {
                let Some(len) = dword(at + 4) else { return false };
                at += 8 + (len as usize).next_multiple_of(4);
            }
        }
    }
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

fn check(code: u32, out: &[u8], seen: &mut [usize; 4]) {
    let (_, layout) = clusctl::buffer_layouts(code);
    let ok = match layout {
        BufferLayout::Text => is_text(out),
        BufferLayout::PropertyList => PropertyList::parse(out).is_ok(),
        BufferLayout::ValueList => is_value_list(out),
        // DWORDs and structures: nothing that reads as a property list or as text.
        _ => PropertyList::parse(out).map_or(true, |l| l.is_empty()) && !looks_like_text(out),
    };
    assert!(ok, "code {code:#010x}: the output {out:?} is not {layout:?}");
    seen[layout as usize] += 1;
}

#[test]
fn every_answered_code_has_the_layout_it_declares() {
    let sim = Simulator::default();
    let c = sim.open_cluster(None).unwrap();
    let codes: Vec<u32> = clusctl::supported()
        .into_iter()
        .map(|(_, code)| code)
        .chain(clusctl::specific().iter().map(|k| k.code))
        .filter(|code| code & 0b11 != clusctl::CLUS_ACCESS_WRITE)
        .collect();
    let of = |object: u32| {
        codes.iter().copied().filter(move |code| code >> clusctl::CLUSCTL_OBJECT_SHIFT == object)
    };
    let mut seen = [0usize; 4];
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
    // Every layout was met, each many times: the walk above reached the answers.
    assert!(seen.iter().all(|&n| n > 0), "layouts met (Binary, Text, PropertyList, ValueList): {seen:?}");
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
