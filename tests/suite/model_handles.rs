//! Model-based property test of the handle lifecycle: random sequences of opens,
//! `get_cluster_from_*`, queries, enumerations, closes, double closes, wrong-kind, foreign
//! and forged values run against the simulator and against a small reference model side
//! by side; every result code and, at the end, the handle and connection counts must agree.

use std::collections::BTreeSet;

use clusapi_sim::{
    GENERIC_ALL, GENERIC_READ, HClusEnum, HCluster, Handle, MAXIMUM_ALLOWED, Result, Simulator, codes::*,
};
use proptest::prelude::*;

/// The object kinds opened by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Obj {
    Node,
    Group,
    Resource,
    Network,
    NetInterface,
}

/// Every handle kind, in the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Cluster,
    Object(Obj),
    Enum,
}

const KINDS: [Kind; 7] = [
    Kind::Cluster,
    Kind::Object(Obj::Node),
    Kind::Object(Obj::Group),
    Kind::Object(Obj::Resource),
    Kind::Object(Obj::Network),
    Kind::Object(Obj::NetInterface),
    Kind::Enum,
];

/// Names to open objects by: existing ones in other cases, unknown ones, empty.
fn names(obj: Obj) -> (&'static [&'static str], u32) {
    match obj {
        Obj::Node => (&["NODE1", "node2", "NODE3", ""], ERROR_CLUSTER_NODE_NOT_FOUND),
        Obj::Group => (&["Cluster Group", "AVAILABLE STORAGE", "SQL Group", ""], ERROR_GROUP_NOT_FOUND),
        Obj::Resource => (&["Cluster Name", "cluster ip address", "Disk Q:", ""], ERROR_RESOURCE_NOT_FOUND),
        Obj::Network => {
            (&["Cluster Network 1", "CLUSTER NETWORK 2", "Backup", ""], ERROR_CLUSTER_NETWORK_NOT_FOUND)
        }
        Obj::NetInterface => (
            &["NODE1 - Cluster Network 1", "node2 - cluster network 2", "NODE1 - Backup", ""],
            ERROR_CLUSTER_NETINTERFACE_NOT_FOUND,
        ),
    }
}

/// Whether a name of `names(obj)` exists in the default topology.
fn exists(name: &str, obj: Obj) -> bool {
    let (all, _) = names(obj);
    all.iter().position(|n| *n == name).is_some_and(|i| i < 2)
}

#[derive(Debug, Clone)]
enum Op {
    /// `open_cluster`: 0 local, 1 by cluster name, 2 by node name, 3 unknown.
    OpenCluster(u8),
    OpenClusterEx(u32),
    /// Open an object by name through handle `via`, with `Some(access)` for the `_ex` form.
    OpenObject {
        via: usize,
        obj: Obj,
        name: usize,
        access: Option<u32>,
    },
    GetClusterFrom(usize),
    Close(usize),
    Query(usize),
    OpenEnum {
        via: usize,
        mask: u32,
    },
    /// Pass a handle as the next kind in `KINDS` order.
    WrongKind(usize),
    Forged(u64),
    Foreign,
}

fn access() -> impl Strategy<Value = u32> {
    prop_oneof![
        Just(GENERIC_READ),
        Just(GENERIC_ALL),
        Just(MAXIMUM_ALLOWED),
        Just(GENERIC_READ | GENERIC_ALL),
        Just(0),
        Just(0x4000_0000),
        any::<u32>(),
    ]
}

fn obj() -> impl Strategy<Value = Obj> {
    prop_oneof![
        Just(Obj::Node),
        Just(Obj::Group),
        Just(Obj::Resource),
        Just(Obj::Network),
        Just(Obj::NetInterface)
    ]
}

fn op() -> impl Strategy<Value = Op> {
    let h = 0..64usize;
    prop_oneof![
        2 => (0..4u8).prop_map(Op::OpenCluster),
        1 => access().prop_map(Op::OpenClusterEx),
        6 => (h.clone(), obj(), 0..4usize, proptest::option::of(access()))
            .prop_map(|(via, obj, name, access)| Op::OpenObject { via, obj, name, access }),
        3 => h.clone().prop_map(Op::GetClusterFrom),
        6 => h.clone().prop_map(Op::Close),
        3 => h.clone().prop_map(Op::Query),
        2 => (h.clone(), prop_oneof![Just(1u32), Just(0x3F), Just(0), Just(0x40), Just(0x8000_0001)])
            .prop_map(|(via, mask)| Op::OpenEnum { via, mask }),
        2 => h.prop_map(Op::WrongKind),
        1 => any::<u64>().prop_map(Op::Forged),
        1 => Just(Op::Foreign),
    ]
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Access {
    Read,
    All,
}

/// One handle the test obtained, open or closed.
#[derive(Debug)]
struct Rec {
    raw: usize,
    kind: Kind,
    /// Index of the cluster handle (in `recs`) whose scope this handle belongs to.
    scope: usize,
    connection: usize,
    access: Access,
    open: bool,
}

/// The reference model: the handles obtained so far, the strict flag and the limit.
struct Model {
    recs: Vec<Rec>,
    strict: bool,
    limit: usize,
    connections: usize,
}

impl Model {
    fn live(&self) -> usize {
        self.recs.iter().filter(|r| r.open).count()
    }

    fn live_connections(&self) -> usize {
        self.recs.iter().filter(|r| r.open).map(|r| r.connection).collect::<BTreeSet<_>>().len()
    }

    /// The code a use of handle `i` as `kind` gets before anything else is checked.
    fn use_code(&self, i: usize, kind: Kind) -> Option<u32> {
        let r = &self.recs[i];
        if !r.open || r.kind != kind {
            return Some(ERROR_INVALID_HANDLE);
        }
        if self.strict && !self.recs[r.scope].open {
            return Some(ERROR_INVALID_HANDLE);
        }
        None
    }

    fn full(&self) -> bool {
        self.live() >= self.limit
    }
}

/// `desired` checked against `ceiling`, as the simulator's contract says.
fn granted(desired: u32, ceiling: Access) -> std::result::Result<Access, u32> {
    if desired == 0 || desired & !(GENERIC_READ | GENERIC_ALL | MAXIMUM_ALLOWED) != 0 {
        return Err(ERROR_INVALID_PARAMETER);
    }
    if desired & GENERIC_ALL != 0 {
        return if ceiling == Access::All { Ok(Access::All) } else { Err(ERROR_ACCESS_DENIED) };
    }
    Ok(if desired & MAXIMUM_ALLOWED != 0 { ceiling } else { Access::Read })
}

fn code<T>(r: &Result<T>) -> Option<u32> {
    r.as_ref().err().map(clusapi_sim::Error::code)
}

fn raw<H: Handle>(r: usize) -> H {
    H::from_raw(r).expect("non-zero")
}

/// Closes raw value `r` as `kind`.
fn close_as(sim: &Simulator, r: usize, kind: Kind) -> Option<u32> {
    match kind {
        Kind::Cluster => code(&sim.close_cluster(raw(r))),
        Kind::Object(Obj::Node) => code(&sim.close_cluster_node(raw(r))),
        Kind::Object(Obj::Group) => code(&sim.close_cluster_group(raw(r))),
        Kind::Object(Obj::Resource) => code(&sim.close_cluster_resource(raw(r))),
        Kind::Object(Obj::Network) => code(&sim.close_cluster_network(raw(r))),
        Kind::Object(Obj::NetInterface) => code(&sim.close_cluster_net_interface(raw(r))),
        Kind::Enum => code(&sim.cluster_close_enum(raw(r))),
    }
}

/// A query on raw value `r` as `kind`, changing nothing.
fn query_as(sim: &Simulator, r: usize, kind: Kind) -> Option<u32> {
    match kind {
        Kind::Cluster => code(&sim.get_cluster_information(raw(r))),
        Kind::Object(Obj::Node) => code(&sim.get_cluster_node_id(Some(raw(r)))),
        Kind::Object(Obj::Network) => code(&sim.get_cluster_network_id(raw(r))),
        Kind::Enum => code(&sim.cluster_get_enum_count(raw(r))),
        // No query of their own yet: `get_cluster_from_*` and an immediate close.
        Kind::Object(o) => {
            let c = match o {
                Obj::Group => sim.get_cluster_from_group(raw(r)),
                Obj::Resource => sim.get_cluster_from_resource(raw(r)),
                _ => sim.get_cluster_from_net_interface(raw(r)),
            };
            c.map(|c| sim.close_cluster(c).expect("close the copy")).err().map(|e| e.code())
        }
    }
}

/// Runs one operation on both; panics on the first disagreement.
fn step(sim: &Simulator, other: &Simulator, m: &mut Model, op: &Op) {
    let pick = |i: usize, m: &Model| if m.recs.is_empty() { None } else { Some(i % m.recs.len()) };
    match *op {
        Op::OpenCluster(target) => {
            let name = [None, Some("simcluster"), Some("Node2"), Some("ELSEWHERE")][usize::from(target)];
            let got = sim.open_cluster(name);
            let want = if target == 3 {
                Some(RPC_S_SERVER_UNAVAILABLE)
            } else if m.full() {
                Some(ERROR_NOT_ENOUGH_MEMORY)
            } else {
                None
            };
            assert_eq!(code(&got), want, "{op:?}");
            if let Ok(h) = got {
                new_cluster(m, h.as_raw(), None, Access::All);
            }
        }
        Op::OpenClusterEx(desired) => {
            let got = sim.open_cluster_ex(None, desired);
            let want = match granted(desired, Access::All) {
                Err(c) => Some(c),
                Ok(_) if m.full() => Some(ERROR_NOT_ENOUGH_MEMORY),
                Ok(_) => None,
            };
            assert_eq!(code(&got), want, "{op:?}");
            if let Ok((h, g)) = got {
                let a = granted(desired, Access::All).expect("granted");
                assert_eq!(g, if a == Access::All { GENERIC_ALL } else { GENERIC_READ });
                new_cluster(m, h.as_raw(), None, a);
            }
        }
        Op::OpenObject { via, obj, name, access } => {
            let Some(i) = pick(via, m) else { return };
            let (pool, not_found) = names(obj);
            let name = pool[name];
            let c: HCluster = raw(m.recs[i].raw);
            let got: Result<(usize, u32)> = match (obj, access) {
                (Obj::Node, None) => sim.open_cluster_node(c, name).map(|h| (h.as_raw(), 0)),
                (Obj::Node, Some(a)) => sim.open_cluster_node_ex(c, name, a).map(|(h, g)| (h.as_raw(), g)),
                (Obj::Group, None) => sim.open_cluster_group(c, name).map(|h| (h.as_raw(), 0)),
                (Obj::Group, Some(a)) => sim.open_cluster_group_ex(c, name, a).map(|(h, g)| (h.as_raw(), g)),
                (Obj::Resource, None) => sim.open_cluster_resource(c, name).map(|h| (h.as_raw(), 0)),
                (Obj::Resource, Some(a)) => {
                    sim.open_cluster_resource_ex(c, name, a).map(|(h, g)| (h.as_raw(), g))
                }
                (Obj::Network, None) => sim.open_cluster_network(c, name).map(|h| (h.as_raw(), 0)),
                (Obj::Network, Some(a)) => {
                    sim.open_cluster_network_ex(c, name, a).map(|(h, g)| (h.as_raw(), g))
                }
                (Obj::NetInterface, None) => sim.open_cluster_net_interface(c, name).map(|h| (h.as_raw(), 0)),
                (Obj::NetInterface, Some(a)) => {
                    sim.open_cluster_net_interface_ex(c, name, a).map(|(h, g)| (h.as_raw(), g))
                }
            };
            let ceiling = m.recs[i].access;
            let checked = access.map_or(Ok(ceiling), |a| granted(a, ceiling));
            let want = m.use_code(i, Kind::Cluster).or(checked.err()).or_else(|| {
                if !exists(name, obj) {
                    Some(not_found)
                } else if m.full() {
                    Some(ERROR_NOT_ENOUGH_MEMORY)
                } else {
                    None
                }
            });
            assert_eq!(code(&got), want, "{op:?} through {:?}", m.recs[i]);
            if let Ok((h, g)) = got {
                let a = checked.expect("granted");
                if access.is_some() {
                    assert_eq!(g, if a == Access::All { GENERIC_ALL } else { GENERIC_READ });
                }
                let (scope, connection) = (m.recs[i].scope, m.recs[i].connection);
                m.recs.push(Rec {
                    raw: h,
                    kind: Kind::Object(obj),
                    scope,
                    connection,
                    access: a,
                    open: true,
                });
            }
        }
        Op::GetClusterFrom(of) => {
            let Some(i) = pick(of, m) else { return };
            let r = m.recs[i].raw;
            // Cluster and enumeration handles go to get_cluster_from_node: the wrong kind.
            let (got, kind) = match m.recs[i].kind {
                Kind::Object(Obj::Group) => (sim.get_cluster_from_group(raw(r)), Kind::Object(Obj::Group)),
                Kind::Object(Obj::Resource) => {
                    (sim.get_cluster_from_resource(raw(r)), Kind::Object(Obj::Resource))
                }
                Kind::Object(Obj::Network) => {
                    (sim.get_cluster_from_network(raw(r)), Kind::Object(Obj::Network))
                }
                Kind::Object(Obj::NetInterface) => {
                    (sim.get_cluster_from_net_interface(raw(r)), Kind::Object(Obj::NetInterface))
                }
                _ => (sim.get_cluster_from_node(raw(r)), Kind::Object(Obj::Node)),
            };
            let want =
                m.use_code(i, kind).or_else(|| if m.full() { Some(ERROR_NOT_ENOUGH_MEMORY) } else { None });
            assert_eq!(code(&got), want, "{op:?} on {:?}", m.recs[i]);
            if let Ok(h) = got {
                let (connection, access) = (m.recs[i].connection, m.recs[i].access);
                new_cluster(m, h.as_raw(), Some(connection), access);
            }
        }
        Op::Close(h) => {
            let Some(i) = pick(h, m) else { return };
            let got = close_as(sim, m.recs[i].raw, m.recs[i].kind);
            // Closing an open handle always succeeds, in strict mode too.
            let want = if m.recs[i].open { None } else { Some(ERROR_INVALID_HANDLE) };
            assert_eq!(got, want, "{op:?} on {:?}", m.recs[i]);
            m.recs[i].open = false;
        }
        Op::Query(h) => {
            let Some(i) = pick(h, m) else { return };
            let kind = m.recs[i].kind;
            // The stand-in query of groups, resources and interfaces opens a cluster handle.
            let opens = matches!(kind, Kind::Object(Obj::Group | Obj::Resource | Obj::NetInterface));
            let want = m.use_code(i, kind).or_else(|| (opens && m.full()).then_some(ERROR_NOT_ENOUGH_MEMORY));
            assert_eq!(query_as(sim, m.recs[i].raw, kind), want, "{op:?} on {:?}", m.recs[i]);
        }
        Op::OpenEnum { via, mask } => {
            let Some(i) = pick(via, m) else { return };
            let got = sim.cluster_open_enum(raw(m.recs[i].raw), mask);
            let bad_mask = !matches!(mask, 1 | 0x3F);
            let want = m.use_code(i, Kind::Cluster).or_else(|| {
                if bad_mask {
                    Some(ERROR_INVALID_PARAMETER)
                } else if m.full() {
                    Some(ERROR_NOT_ENOUGH_MEMORY)
                } else {
                    None
                }
            });
            assert_eq!(code(&got), want, "{op:?} through {:?}", m.recs[i]);
            if let Ok(e) = got {
                let e: HClusEnum = e;
                let (scope, connection, access) = (m.recs[i].scope, m.recs[i].connection, m.recs[i].access);
                m.recs.push(Rec { raw: e.as_raw(), kind: Kind::Enum, scope, connection, access, open: true });
            }
        }
        Op::WrongKind(h) => {
            let Some(i) = pick(h, m) else { return };
            let at = KINDS.iter().position(|k| *k == m.recs[i].kind).expect("a kind");
            let wrong = KINDS[(at + 1) % KINDS.len()];
            assert_eq!(close_as(sim, m.recs[i].raw, wrong), Some(ERROR_INVALID_HANDLE), "{op:?}");
            assert_eq!(query_as(sim, m.recs[i].raw, wrong), Some(ERROR_INVALID_HANDLE), "{op:?}");
        }
        Op::Forged(value) => {
            let value = value as usize;
            if value == 0 || m.recs.iter().any(|r| r.raw == value) {
                return;
            }
            for kind in KINDS {
                assert_eq!(
                    close_as(sim, value, kind),
                    Some(ERROR_INVALID_HANDLE),
                    "forged {value:#x} as {kind:?}"
                );
            }
        }
        Op::Foreign => {
            let c = other.open_cluster(None).expect("the other simulator has room");
            let n = other.open_cluster_node(c, "NODE1").expect("node");
            assert_eq!(code(&sim.get_cluster_information(c)), Some(ERROR_INVALID_HANDLE));
            assert_eq!(code(&sim.close_cluster_node(n)), Some(ERROR_INVALID_HANDLE));
            other.close_cluster_node(n).expect("close");
            other.close_cluster(c).expect("close");
        }
    }
}

/// Records a new cluster handle: its own scope, on `connection` or a new one.
fn new_cluster(m: &mut Model, raw: usize, connection: Option<usize>, access: Access) {
    let connection = connection.unwrap_or_else(|| {
        m.connections += 1;
        m.connections
    });
    let scope = m.recs.len();
    m.recs.push(Rec { raw, kind: Kind::Cluster, scope, connection, access, open: true });
}

fn run(ops: &[Op], strict: bool, limit: usize) {
    let mut builder = Simulator::default_builder().handle_limit(limit);
    if strict {
        builder = builder.strict();
    }
    let sim = builder.build().expect("simulator");
    let other = Simulator::default();
    let mut m = Model { recs: Vec::new(), strict, limit, connections: 0 };
    for op in ops {
        step(&sim, &other, &mut m, op);
        assert_eq!(sim.open_handle_count(), m.live(), "after {op:?}");
    }
    assert_eq!(sim.open_connection_count(), m.live_connections());
    // Every value the model knows is unique while open.
    let open: Vec<usize> = m.recs.iter().filter(|r| r.open).map(|r| r.raw).collect();
    assert_eq!(open.iter().collect::<BTreeSet<_>>().len(), open.len());
    for r in m.recs.iter().filter(|r| r.open) {
        assert_eq!(close_as(&sim, r.raw, r.kind), None, "closing {r:?}");
    }
    assert_eq!((sim.open_handle_count(), sim.open_connection_count()), (0, 0));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn default_mode_matches_the_model(ops in prop::collection::vec(op(), 1..200)) {
        run(&ops, false, 1 << 24);
    }

    #[test]
    fn strict_mode_matches_the_model(ops in prop::collection::vec(op(), 1..200)) {
        run(&ops, true, 1 << 24);
    }

    #[test]
    fn a_small_handle_limit_matches_the_model(ops in prop::collection::vec(op(), 1..200), strict: bool) {
        run(&ops, strict, 5);
    }
}
