//! Decodes fuzz bytes into a sequence of Rust API calls on one simulator and checks, after
//! every call, the handle-table invariants against a small model:
//!
//! - a call never panics;
//! - a handle the simulator mints is never equal to one still live;
//! - closing a live handle of the right kind succeeds, exactly once; closing anything else
//!   (stale, forged, wrong kind, another simulator's) fails with `ERROR_INVALID_HANDLE`;
//! - the simulator's live-handle count is the model's, after every step;
//! - closing everything leaves no handle and no connection.
#![no_main]

use arbitrary::Arbitrary;
use clusapi_sim::{
    HChange, HClusEnum, HCluster, HGroup, HGroupEnum, HNetInterface, HNetwork, HNetworkEnum, HNode,
    HNodeEnum, HResEnum, HResource, Handle, HandleKind, NotifyObject, Simulator, codes::ERROR_INVALID_HANDLE,
};
use libfuzzer_sys::fuzz_target;

const NAMES: &[&str] = &[
    "NODE1",
    "NODE2",
    "Cluster Group",
    "Available Storage",
    "Cluster Name",
    "Cluster IP Address",
    "Cluster Network 1",
    "Cluster Network 2",
    "NODE1 - Cluster Network 1",
    "NODE2 - Cluster Network 2",
    "SIMCLUSTER",
    "",
    "node1",
    "Fuzz Group",
    "Fuzz Resource",
];

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Pick {
    /// A value the simulator handed out (live or already closed), by index.
    Issued(u16),
    /// A value from the other simulator.
    Foreign(u16),
    /// Any value at all.
    Forged(u64),
}

#[derive(Arbitrary, Debug)]
enum Name {
    Known(u8),
    Any(String),
}

impl Name {
    fn get(&self) -> &str {
        match self {
            Name::Known(i) => NAMES[usize::from(*i) % NAMES.len()],
            Name::Any(s) => s,
        }
    }
}

#[derive(Arbitrary, Debug)]
enum Op {
    OpenCluster(Option<Name>),
    OpenClusterEx(Option<Name>, u32),
    Open {
        kind: u8,
        cluster: Pick,
        name: Name,
    },
    OpenEx {
        kind: u8,
        cluster: Pick,
        name: Name,
        access: u32,
    },
    GetClusterFrom {
        kind: u8,
        handle: Pick,
    },
    Close {
        kind: u8,
        handle: Pick,
    },
    Query {
        what: u8,
        handle: Pick,
    },
    OpenEnum {
        kind: u8,
        handle: Pick,
        mask: u32,
    },
    Enum {
        kind: u8,
        handle: Pick,
        index: u32,
    },
    Control {
        what: u8,
        handle: Pick,
        other: Pick,
        name: Name,
    },
    Lever {
        what: u8,
        name: Name,
    },
    NotifyPort {
        cluster: Pick,
        filter: u32,
    },
    Register {
        port: Pick,
        object: Pick,
        kind: u8,
        filter: u32,
    },
    GetNotify {
        port: Pick,
        peek: bool,
    },
    /// A control code (a supported one by index, or any value) with arbitrary input bytes.
    ControlCode {
        kind: u8,
        handle: Pick,
        known: Option<u8>,
        code: u32,
        input: Vec<u8>,
    },
    Step,
    Settle,
}

struct Model {
    /// Every value handed out: kind, raw value, still live.
    issued: Vec<(HandleKind, usize, bool)>,
    foreign: Vec<usize>,
}

impl Model {
    fn raw(&self, pick: Pick) -> usize {
        match pick {
            Pick::Issued(i) if !self.issued.is_empty() => self.issued[usize::from(i) % self.issued.len()].1,
            Pick::Foreign(i) if !self.foreign.is_empty() => self.foreign[usize::from(i) % self.foreign.len()],
            Pick::Forged(v) => v as usize,
            _ => 0,
        }
    }

    fn minted<H: Handle>(&mut self, r: clusapi_sim::Result<H>) {
        if let Ok(h) = r {
            let raw = h.as_raw();
            assert!(
                !self.issued.iter().any(|&(_, v, live)| live && v == raw),
                "{raw:#x} handed out while still live"
            );
            self.issued.push((H::KIND, raw, true));
        }
    }

    fn live(&self) -> usize {
        self.issued.iter().filter(|e| e.2).count()
    }
}

/// `H` from a raw value; `None` for zero (the Rust types cannot hold NULL).
fn h<H: Handle>(m: &Model, p: Pick) -> Option<H> {
    H::from_raw(m.raw(p))
}

fn close<H: Handle>(
    sim: &Simulator,
    m: &mut Model,
    p: Pick,
    f: fn(&Simulator, H) -> clusapi_sim::Result<()>,
) {
    let Some(handle) = h::<H>(m, p) else { return };
    let raw = handle.as_raw();
    let entry = m.issued.iter_mut().find(|e| e.2 && e.1 == raw && e.0 == H::KIND);
    match (f(sim, handle), entry) {
        (Ok(()), Some(e)) => e.2 = false,
        (Ok(()), None) => panic!("{raw:#x} closed as {:?} but it is not a live handle of that kind", H::KIND),
        (Err(err), Some(_)) => panic!("closing live {:?} {raw:#x} failed: {err}", H::KIND),
        (Err(err), None) => assert_eq!(err.code(), ERROR_INVALID_HANDLE, "closing a bad value: {err}"),
    }
}

fn run(sim: &Simulator, m: &mut Model, op: &Op) {
    match op {
        Op::OpenCluster(name) => {
            let r = sim.open_cluster(name.as_ref().map(Name::get));
            m.minted(r);
        }
        Op::OpenClusterEx(name, access) => {
            let r = sim.open_cluster_ex(name.as_ref().map(Name::get), *access).map(|(h, _)| h);
            m.minted(r);
        }
        Op::Open { kind, cluster, name } => {
            let Some(c) = h::<HCluster>(m, *cluster) else { return };
            let n = name.get();
            match kind % 5 {
                0 => m.minted(sim.open_cluster_node(c, n)),
                1 => m.minted(sim.open_cluster_group(c, n)),
                2 => m.minted(sim.open_cluster_resource(c, n)),
                3 => m.minted(sim.open_cluster_network(c, n)),
                _ => m.minted(sim.open_cluster_net_interface(c, n)),
            }
        }
        Op::OpenEx { kind, cluster, name, access } => {
            let Some(c) = h::<HCluster>(m, *cluster) else { return };
            let (n, a) = (name.get(), *access);
            match kind % 5 {
                0 => m.minted(sim.open_cluster_node_ex(c, n, a).map(|r| r.0)),
                1 => m.minted(sim.open_cluster_group_ex(c, n, a).map(|r| r.0)),
                2 => m.minted(sim.open_cluster_resource_ex(c, n, a).map(|r| r.0)),
                3 => m.minted(sim.open_cluster_network_ex(c, n, a).map(|r| r.0)),
                _ => m.minted(sim.open_cluster_net_interface_ex(c, n, a).map(|r| r.0)),
            }
        }
        Op::GetClusterFrom { kind, handle } => {
            let p = *handle;
            let r = match kind % 5 {
                0 => h::<HNode>(m, p).map(|x| sim.get_cluster_from_node(x)),
                1 => h::<HGroup>(m, p).map(|x| sim.get_cluster_from_group(x)),
                2 => h::<HResource>(m, p).map(|x| sim.get_cluster_from_resource(x)),
                3 => h::<HNetwork>(m, p).map(|x| sim.get_cluster_from_network(x)),
                _ => h::<HNetInterface>(m, p).map(|x| sim.get_cluster_from_net_interface(x)),
            };
            if let Some(r) = r {
                m.minted(r);
            }
        }
        Op::Close { kind, handle } => match kind % 12 {
            0 => close::<HCluster>(sim, m, *handle, Simulator::close_cluster),
            1 => close::<HNode>(sim, m, *handle, Simulator::close_cluster_node),
            2 => close::<HGroup>(sim, m, *handle, Simulator::close_cluster_group),
            3 => close::<HResource>(sim, m, *handle, Simulator::close_cluster_resource),
            4 => close::<HNetwork>(sim, m, *handle, Simulator::close_cluster_network),
            5 => close::<HNetInterface>(sim, m, *handle, Simulator::close_cluster_net_interface),
            6 => close::<HClusEnum>(sim, m, *handle, Simulator::cluster_close_enum),
            7 => close::<HNetworkEnum>(sim, m, *handle, Simulator::cluster_network_close_enum),
            8 => close::<HNodeEnum>(sim, m, *handle, Simulator::cluster_node_close_enum),
            9 => close::<HGroupEnum>(sim, m, *handle, Simulator::cluster_group_close_enum),
            10 => close::<HResEnum>(sim, m, *handle, Simulator::cluster_resource_close_enum),
            _ => close::<HChange>(sim, m, *handle, Simulator::close_cluster_notify_port),
        },
        Op::Query { what, handle } => {
            let p = *handle;
            let _ = match what % 10 {
                0 => h::<HCluster>(m, p).map(|x| sim.get_cluster_information(x).map(drop)),
                1 => h::<HNode>(m, p).map(|x| sim.get_cluster_node_state(x).map(drop)),
                2 => h::<HGroup>(m, p).map(|x| sim.get_cluster_group_state(x).map(drop)),
                3 => h::<HResource>(m, p).map(|x| sim.get_cluster_resource_state(x).map(drop)),
                4 => h::<HNetwork>(m, p).map(|x| sim.get_cluster_network_state(x).map(drop)),
                5 => h::<HNetInterface>(m, p).map(|x| sim.get_cluster_net_interface_state(x).map(drop)),
                6 => Some(sim.get_cluster_node_id(h::<HNode>(m, p)).map(drop)),
                7 => h::<HNetwork>(m, p).map(|x| sim.get_cluster_network_id(x).map(drop)),
                8 => h::<HCluster>(m, p)
                    .map(|x| sim.get_cluster_net_interface(x, "NODE1", "Cluster Network 1").map(drop)),
                _ => {
                    let _ = sim.get_node_cluster_state(Some("NODE2"));
                    None
                }
            };
        }
        Op::OpenEnum { kind, handle, mask } => {
            let (p, t) = (*handle, *mask);
            match kind % 5 {
                0 => {
                    if let Some(x) = h::<HCluster>(m, p) {
                        m.minted(sim.cluster_open_enum(x, t));
                    }
                }
                1 => {
                    if let Some(x) = h::<HNetwork>(m, p) {
                        m.minted(sim.cluster_network_open_enum(x, t));
                    }
                }
                2 => {
                    if let Some(x) = h::<HNode>(m, p) {
                        m.minted(sim.cluster_node_open_enum(x, t));
                    }
                }
                3 => {
                    if let Some(x) = h::<HGroup>(m, p) {
                        m.minted(sim.cluster_group_open_enum(x, t));
                    }
                }
                _ => {
                    if let Some(x) = h::<HResource>(m, p) {
                        m.minted(sim.cluster_resource_open_enum(x, t));
                    }
                }
            }
        }
        Op::Enum { kind, handle, index } => {
            let (p, i) = (*handle, *index);
            // Count and item agree: an index below the count answers, one past it does not.
            macro_rules! check {
                ($h:ty, $count:ident, $item:ident) => {
                    if let Some(x) = h::<$h>(m, p) {
                        let count = sim.$count(x);
                        let item = sim.$item(x, i);
                        if let Ok(n) = count {
                            assert_eq!(item.is_ok(), i < n, "index {i} of {n}: {item:?}");
                        }
                    }
                };
            }
            match kind % 5 {
                0 => check!(HClusEnum, cluster_get_enum_count, cluster_enum),
                1 => check!(HNetworkEnum, cluster_network_get_enum_count, cluster_network_enum),
                2 => check!(HNodeEnum, cluster_node_get_enum_count, cluster_node_enum),
                3 => check!(HGroupEnum, cluster_group_get_enum_count, cluster_group_enum),
                _ => check!(HResEnum, cluster_resource_get_enum_count, cluster_resource_enum),
            }
        }
        Op::Control { what, handle, other, name } => {
            let (p, q, n) = (*handle, *other, name.get());
            match what % 19 {
                0 => drop(h::<HGroup>(m, p).map(|g| sim.online_cluster_group(g, h::<HNode>(m, q)))),
                1 => drop(h::<HGroup>(m, p).map(|g| sim.offline_cluster_group(g))),
                2 => drop(h::<HGroup>(m, p).map(|g| sim.move_cluster_group(g, h::<HNode>(m, q)))),
                3 => drop(h::<HResource>(m, p).map(|r| sim.online_cluster_resource(r))),
                4 => drop(h::<HResource>(m, p).map(|r| sim.offline_cluster_resource(r))),
                5 => drop(h::<HResource>(m, p).map(|r| sim.fail_cluster_resource(r))),
                6 => drop(h::<HNode>(m, p).map(|x| sim.pause_cluster_node(x))),
                7 => drop(h::<HNode>(m, p).map(|x| sim.resume_cluster_node(x))),
                8 => drop(h::<HNode>(m, p).map(|x| sim.evict_cluster_node(x))),
                9 => {
                    if let Some(c) = h::<HCluster>(m, p) {
                        m.minted(sim.create_cluster_group(c, n));
                    }
                }
                10 => drop(h::<HGroup>(m, p).map(|g| sim.delete_cluster_group(g))),
                11 => {
                    if let Some(g) = h::<HGroup>(m, p) {
                        m.minted(sim.create_cluster_resource(g, n, "Generic Service", 0));
                    }
                }
                12 => drop(h::<HResource>(m, p).map(|r| sim.delete_cluster_resource(r))),
                13 => drop(h::<HNetwork>(m, p).map(|x| sim.set_cluster_network_name(x, n))),
                14 => drop(
                    h::<HResource>(m, p)
                        .zip(h::<HResource>(m, q))
                        .map(|(a, b)| sim.add_cluster_resource_dependency(a, b)),
                ),
                15 => drop(
                    h::<HResource>(m, p)
                        .zip(h::<HResource>(m, q))
                        .map(|(a, b)| sim.remove_cluster_resource_dependency(a, b)),
                ),
                16 => {
                    if let Some(g) = h::<HGroup>(m, p) {
                        let nodes: Vec<HNode> = h::<HNode>(m, q).into_iter().collect();
                        let _ = sim.set_cluster_group_node_list(g, &nodes);
                    }
                }
                17 => drop(h::<HResource>(m, p).map(|r| sim.get_cluster_resource_state(r))),
                _ => drop(h::<HGroup>(m, p).map(|g| sim.get_cluster_group_state(g))),
            }
        }
        Op::Lever { what, name } => {
            let n = name.get();
            let _ = match what % 7 {
                0 => sim.crash_node(n),
                1 => sim.restore_node(n),
                2 => sim.take_network_down(n),
                3 => sim.partition_network(n),
                4 => sim.restore_network(n),
                5 => sim.stop_cluster_service(Some(n).filter(|s| !s.is_empty())),
                _ => sim.start_cluster_service(Some(n).filter(|s| !s.is_empty())),
            };
        }
        Op::NotifyPort { cluster, filter } => {
            if let Some(c) = h::<HCluster>(m, *cluster) {
                m.minted(sim.create_cluster_notify_port(None, c, *filter, 7));
            }
        }
        Op::Register { port, object, kind, filter } => {
            let Some(p) = h::<HChange>(m, *port) else { return };
            let raw = m.raw(*object);
            let object = match kind % 5 {
                0 => HNode::from_raw(raw).map(NotifyObject::Node),
                1 => HGroup::from_raw(raw).map(NotifyObject::Group),
                2 => HResource::from_raw(raw).map(NotifyObject::Resource),
                3 => HNetwork::from_raw(raw).map(NotifyObject::Network),
                _ => HNetInterface::from_raw(raw).map(NotifyObject::NetInterface),
            };
            if let Some(o) = object {
                let _ = sim.register_cluster_notify(p, *filter, o, 9);
            }
        }
        Op::GetNotify { port, peek } => {
            if let Some(p) = h::<HChange>(m, *port) {
                // Timeout 0: never blocks the fuzzer.
                let _ = if *peek { sim.peek_cluster_notify(p, 0) } else { sim.get_cluster_notify(p, 0) };
            }
        }
        Op::ControlCode { kind, handle, known, code, input } => {
            let supported = clusapi_sim::clusctl::supported();
            let code = match known {
                Some(i) if !supported.is_empty() => supported[usize::from(*i) % supported.len()].1,
                _ => *code,
            };
            let p = *handle;
            let r = match kind % 7 {
                0 => h::<HCluster>(m, p).map(|x| sim.cluster_control(x, None, code, input)),
                1 => h::<HNode>(m, p).map(|x| sim.cluster_node_control(x, None, code, input)),
                2 => h::<HGroup>(m, p).map(|x| sim.cluster_group_control(x, None, code, input)),
                3 => h::<HResource>(m, p).map(|x| sim.cluster_resource_control(x, None, code, input)),
                4 => h::<HNetwork>(m, p).map(|x| sim.cluster_network_control(x, None, code, input)),
                5 => {
                    h::<HNetInterface>(m, p).map(|x| sim.cluster_net_interface_control(x, None, code, input))
                }
                _ => h::<HCluster>(m, p)
                    .map(|x| sim.cluster_resource_type_control(x, "Generic Service", None, code, input)),
            };
            // A read's answer is well formed: a property list parses back.
            if let Some(Ok(out)) = r {
                let function = code & 0x00FF_FFFF;
                let lists = [0x51 + 4, 0x59, 0x7D, 0x81, 0x65];
                if lists.contains(&function) {
                    clusapi_sim::PropertyList::parse(&out).expect("a list the simulator wrote parses");
                }
            }
        }
        Op::Step => sim.step(),
        Op::Settle => sim.settle(),
    }
}

fuzz_target!(|input: (bool, Vec<Op>)| {
    let (pending, ops) = input;
    let builder = if pending {
        Simulator::default_builder().pending_transitions(2)
    } else {
        Simulator::default_builder()
    };
    let Ok(sim) = builder.build() else { return };
    let other = Simulator::default();
    let mut m = Model { issued: Vec::new(), foreign: Vec::new() };
    if let Ok(c) = other.open_cluster(None) {
        m.foreign.push(c.as_raw());
        if let Ok(n) = other.open_cluster_node(c, "NODE1") {
            m.foreign.push(n.as_raw());
        }
    }
    for op in ops.iter().take(256) {
        run(&sim, &mut m, op);
        assert_eq!(sim.open_handle_count(), m.live(), "live handles after {op:?}");
    }
    // Close everything, objects first, then see nothing is left.
    let live: Vec<(HandleKind, usize)> = m.issued.iter().filter(|e| e.2).map(|e| (e.0, e.1)).collect();
    for (kind, raw) in live.iter().rev() {
        let r = match kind {
            HandleKind::Cluster => sim.close_cluster(HCluster::from_raw(*raw).unwrap()),
            HandleKind::Node => sim.close_cluster_node(HNode::from_raw(*raw).unwrap()),
            HandleKind::Group => sim.close_cluster_group(HGroup::from_raw(*raw).unwrap()),
            HandleKind::Resource => sim.close_cluster_resource(HResource::from_raw(*raw).unwrap()),
            HandleKind::Network => sim.close_cluster_network(HNetwork::from_raw(*raw).unwrap()),
            HandleKind::NetInterface => {
                sim.close_cluster_net_interface(HNetInterface::from_raw(*raw).unwrap())
            }
            HandleKind::ClusEnum => sim.cluster_close_enum(HClusEnum::from_raw(*raw).unwrap()),
            HandleKind::NetworkEnum => sim.cluster_network_close_enum(HNetworkEnum::from_raw(*raw).unwrap()),
            HandleKind::NodeEnum => sim.cluster_node_close_enum(HNodeEnum::from_raw(*raw).unwrap()),
            HandleKind::GroupEnum => sim.cluster_group_close_enum(HGroupEnum::from_raw(*raw).unwrap()),
            HandleKind::ResEnum => sim.cluster_resource_close_enum(HResEnum::from_raw(*raw).unwrap()),
            HandleKind::Change => sim.close_cluster_notify_port(HChange::from_raw(*raw).unwrap()),
            _ => Ok(()),
        };
        assert!(r.is_ok(), "closing live {kind:?}: {r:?}");
    }
    assert_eq!(sim.open_handle_count(), 0);
    assert_eq!(sim.open_connection_count(), 0);
});
