//! The robustness catalogue of the Rust API: every public `Simulator` method that takes a
//! handle, a name, an enumeration index or a type mask, against every class of bad input.
//!
//! Each cell runs in a fresh simulator: the live handles of every kind are opened, the bad
//! value is prepared, the world is fingerprinted, the call is made (inside
//! `catch_unwind`), and the world is fingerprinted again. A call that fails must leave the
//! fingerprint as it was; a call that succeeds and changes the world must be listed in
//! `EXPECTED_CHANGES` with the reason. The table is written to `docs/robustness.md` with
//! `CLUSAPI_SIM_BLESS=1`, and checked against it otherwise.

use std::cell::Cell;
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Once;

use clusapi_sim::{
    CLUSTER_ENUM_ALL, CLUSTER_GROUP_ENUM_ALL, CLUSTER_GROUP_ENUM_NODES, CLUSTER_NETWORK_ENUM_ALL,
    CLUSTER_NODE_ENUM_ALL, CLUSTER_RESOURCE_ENUM_ALL, CLUSTER_RESOURCE_ENUM_DEPENDS, GENERIC_ALL,
    GENERIC_READ, HChange, HClusEnum, HClusEnumEx, HCluster, HGroup, HGroupEnum, HGroupEnumEx, HKey,
    HNetInterface, HNetwork, HNetworkEnum, HNode, HNodeEnum, HResEnum, HResEnumEx, HResTypeEnum, HResource,
    Handle, HandleKind, KEY_ALL_ACCESS, KEY_READ, NotifyFilter, NotifyObject, REG_DWORD, Result, Simulator,
    change, change_v2, clusctl, object_type,
};

const DOC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/robustness.md");
const START: &str = "<!-- rust-table:start -->";
const END: &str = "<!-- rust-table:end -->";

/// The input classes, in column order.
const COLUMNS: [&str; 16] = [
    "NULL / 0 handle",
    "Closed handle",
    "Slot reused",
    "Wrong kind",
    "Other simulator",
    "Forged value",
    "Empty name",
    "NULL name",
    "64K name",
    "Interior NUL",
    "Invalid UTF-16",
    "Too-small buffer",
    "NULL buffer",
    "NULL out-pointer",
    "Index past end",
    "Unknown type bits",
];
const NULL_HANDLE: usize = 0;
const CLOSED: usize = 1;
const REUSED: usize = 2;
const WRONG_KIND: usize = 3;
const OTHER_SIM: usize = 4;
const FORGED: usize = 5;
const EMPTY_NAME: usize = 6;
const NULL_NAME: usize = 7;
const LONG_NAME: usize = 8;
const INTERIOR_NUL: usize = 9;
const BAD_UTF16: usize = 10;
const INDEX: usize = 14;
const MASK: usize = 15;

/// Cells where a call succeeds and changes the world, as it is meant to: (row, column, why).
const EXPECTED_CHANGES: &[(&str, usize, &str)] = &[
    ("create_cluster_group", LONG_NAME, "creates a group with that (legal) name"),
    ("create_cluster_group_ex", LONG_NAME, "creates a group with that (legal) name"),
    ("create_cluster_resource", LONG_NAME, "creates a resource with that (legal) name"),
    ("create_cluster_resource_type", LONG_NAME, "creates a resource type with that (legal) name"),
    ("set_cluster_network_name", LONG_NAME, "renames the network"),
    ("set_cluster_group_name", LONG_NAME, "renames the group"),
    ("set_cluster_resource_name", LONG_NAME, "renames the resource"),
    (
        "stop_cluster_service",
        EMPTY_NAME,
        "`\"\"` names the local cluster, as in `open_cluster`: its service stops",
    ),
    ("stop_cluster_service", NULL_NAME, "`None` is the local cluster: its service stops"),
    ("cluster_reg_set_value", EMPTY_NAME, "`\"\"` is the key's default value: it is set"),
];

/// Cells that break a rule (a panic, or a failing call that changed the world):
/// (row, column, what happens). Checked exactly: a fixed bug must be removed from here.
const KNOWN_BUGS: &[(&str, usize, &str)] = &[];

/// Public `Simulator` methods that are not rows, and why.
const NOT_CATALOGUED: &[(&str, &str)] = &[
    ("is_strict", "no input"),
    ("same_as", "takes a `Simulator`, never bad"),
    ("downgrade", "no input"),
    ("upgrade", "a `WeakSimulator` method, no input"),
    ("add_fault", "takes a `Fault` value; its C twin `ClusSimInjectFault` is in the C table"),
    ("clear_faults", "no input"),
    ("add_trigger", "takes a `Trigger` value (checked when added: tests/suite/pipeline.rs)"),
    ("clear_triggers", "no input"),
    ("open_handles", "no input"),
    ("open_handle_count", "no input"),
    ("open_connection_count", "no input"),
    ("assert_no_open_handles", "no input"),
    ("diagnostics", "no input"),
    ("dropped_diagnostics", "no input"),
    ("clear_diagnostics", "no input"),
    ("step", "no input"),
    ("settle", "no input"),
    ("advance_clock", "takes a `Duration`, never bad (saturates)"),
    ("elapsed", "no input"),
    ("set_pending_duration", "takes an `Option<Duration>`, never bad (zero is off)"),
    ("history", "no input"),
    ("dropped_history", "no input"),
    ("clear_history", "no input"),
    ("world_summary", "no input"),
    (
        "create_cluster_notify_port_without_cluster",
        "takes no handle: a filter and a key, any value valid (tests/suite/notifications.rs)",
    ),
];

/// The parameters of a row that the name, index and mask classes apply to, in order.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum P {
    /// A `&str` name.
    Name,
    /// An `Option<&str>` name (`None` is meaningful).
    Opt,
    /// An enumeration index.
    Index,
    /// A type mask, desired access or flags: the valid value is given by the call.
    Mask,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum NameKind {
    Empty,
    Null,
    Long,
    InteriorNul,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Bad {
    Handle(usize),
    Name(usize, NameKind),
    IndexPastEnd,
    IndexMax,
    MaskUnknownBit,
    MaskAllBits,
}

type Call = Box<dyn Fn(&Ctx) -> u32>;

struct Row {
    name: &'static str,
    kind: Option<HandleKind>,
    params: &'static [P],
    call: Call,
}

/// One live handle of every kind, and a notification port with events queued.
struct Live {
    cluster: HCluster,
    node: HNode,
    group: HGroup,
    resource: HResource,
    resource2: HResource,
    network: HNetwork,
    nic: HNetInterface,
    clus_enum: HClusEnum,
    clus_enum_ex: HClusEnumEx,
    group_enum_ex: HGroupEnumEx,
    res_enum_ex: HResEnumEx,
    network_enum: HNetworkEnum,
    node_enum: HNodeEnum,
    group_enum: HGroupEnum,
    res_enum: HResEnum,
    restype_enum: HResTypeEnum,
    port: HChange,
    /// A group key with a subkey `Sub` and a value `Value`.
    key: HKey,
}

impl Live {
    fn open(sim: &Simulator) -> Live {
        let cluster = sim.open_cluster(None).expect("cluster");
        let node = sim.open_cluster_node(cluster, "NODE2").expect("node");
        let group = sim.open_cluster_group(cluster, "Available Storage").expect("group");
        let resource = sim.open_cluster_resource(cluster, "Cluster Name").expect("resource");
        let network = sim.open_cluster_network(cluster, "Cluster Network 1").expect("network");
        let port = sim.create_cluster_notify_port(None, cluster, change::ALL, 1).expect("port");
        // Two events wait in the port: the queue is part of the fingerprint.
        sim.pause_cluster_node(node).expect("pause");
        sim.resume_cluster_node(node).expect("resume");
        Live {
            cluster,
            node,
            group,
            resource,
            resource2: sim.open_cluster_resource(cluster, "Cluster IP Address").expect("resource"),
            network,
            nic: sim.open_cluster_net_interface(cluster, "NODE1 - Cluster Network 1").expect("nic"),
            clus_enum: sim.cluster_open_enum(cluster, CLUSTER_ENUM_ALL).expect("enum"),
            clus_enum_ex: sim.cluster_open_enum_ex(cluster, CLUSTER_ENUM_ALL).expect("enum"),
            group_enum_ex: sim.cluster_group_open_enum_ex(cluster, &["*"], &["*"], 0).expect("enum"),
            res_enum_ex: sim.cluster_resource_open_enum_ex(cluster, &["*"], &["*"], 0).expect("enum"),
            network_enum: sim.cluster_network_open_enum(network, CLUSTER_NETWORK_ENUM_ALL).expect("enum"),
            node_enum: sim.cluster_node_open_enum(node, CLUSTER_NODE_ENUM_ALL).expect("enum"),
            // The core group's, so that it has items.
            group_enum: {
                let core = sim.open_cluster_group(cluster, "Cluster Group").expect("group");
                let e = sim.cluster_group_open_enum(core, CLUSTER_GROUP_ENUM_ALL).expect("enum");
                sim.close_cluster_group(core).expect("close");
                e
            },
            res_enum: sim.cluster_resource_open_enum(resource, CLUSTER_RESOURCE_ENUM_ALL).expect("enum"),
            restype_enum: sim.cluster_resource_type_open_enum(cluster, "IP Address", 3).expect("enum"),
            port,
            key: {
                let k = sim.get_cluster_group_key(group, KEY_ALL_ACCESS).expect("key");
                let (sub, _) = sim.cluster_reg_create_key(k, "Sub", 0, KEY_READ).expect("subkey");
                sim.cluster_reg_close_key(sub).expect("close");
                sim.cluster_reg_set_value(k, "Value", REG_DWORD, &[1, 0, 0, 0]).expect("value");
                k
            },
        }
    }

    fn raw(&self, kind: HandleKind) -> usize {
        match kind {
            HandleKind::Cluster => self.cluster.as_raw(),
            HandleKind::Node => self.node.as_raw(),
            HandleKind::Group => self.group.as_raw(),
            HandleKind::Resource => self.resource.as_raw(),
            HandleKind::Network => self.network.as_raw(),
            HandleKind::NetInterface => self.nic.as_raw(),
            HandleKind::ClusEnum => self.clus_enum.as_raw(),
            HandleKind::ClusEnumEx => self.clus_enum_ex.as_raw(),
            HandleKind::GroupEnumEx => self.group_enum_ex.as_raw(),
            HandleKind::ResEnumEx => self.res_enum_ex.as_raw(),
            HandleKind::NetworkEnum => self.network_enum.as_raw(),
            HandleKind::NodeEnum => self.node_enum.as_raw(),
            HandleKind::GroupEnum => self.group_enum.as_raw(),
            HandleKind::ResTypeEnum => self.restype_enum.as_raw(),
            HandleKind::ResEnum => self.res_enum.as_raw(),
            HandleKind::Change => self.port.as_raw(),
            HandleKind::Key => self.key.as_raw(),
            other => panic!("no live handle of kind {other}"),
        }
    }
}

/// The live handle passed as `kind` in the "wrong kind" column.
fn wrong_kind_for(kind: HandleKind) -> HandleKind {
    use HandleKind as K;
    match kind {
        K::Cluster => K::Node,
        K::Node => K::Group,
        K::Group => K::Resource,
        K::Resource => K::Network,
        K::Network => K::NetInterface,
        K::NetInterface => K::Cluster,
        K::ClusEnum => K::NetworkEnum,
        K::NetworkEnum => K::NodeEnum,
        K::NodeEnum => K::GroupEnum,
        K::GroupEnum => K::ResEnum,
        K::ResEnum => K::ResTypeEnum,
        K::ResTypeEnum => K::Change,
        K::Change => K::ClusEnum,
        K::Key => K::Group,
        K::ClusEnumEx => K::ClusEnum,
        K::GroupEnumEx => K::ResEnumEx,
        K::ResEnumEx => K::GroupEnumEx,
        other => panic!("unexpected kind {other}"),
    }
}

/// Whether 0 is refused as a handle of `kind` by the type system (`from_raw(0)` is `None`).
fn zero_is_refused(kind: HandleKind) -> bool {
    use HandleKind as K;
    match kind {
        K::Cluster => HCluster::from_raw(0).is_none(),
        K::Node => HNode::from_raw(0).is_none(),
        K::Group => HGroup::from_raw(0).is_none(),
        K::Resource => HResource::from_raw(0).is_none(),
        K::Network => HNetwork::from_raw(0).is_none(),
        K::NetInterface => HNetInterface::from_raw(0).is_none(),
        K::ClusEnum => HClusEnum::from_raw(0).is_none(),
        K::NetworkEnum => HNetworkEnum::from_raw(0).is_none(),
        K::ResTypeEnum => HResTypeEnum::from_raw(0).is_none(),
        K::NodeEnum => HNodeEnum::from_raw(0).is_none(),
        K::GroupEnum => HGroupEnum::from_raw(0).is_none(),
        K::ResEnum => HResEnum::from_raw(0).is_none(),
        K::Change => HChange::from_raw(0).is_none(),
        K::Key => HKey::from_raw(0).is_none(),
        K::ClusEnumEx => HClusEnumEx::from_raw(0).is_none(),
        K::GroupEnumEx => HGroupEnumEx::from_raw(0).is_none(),
        K::ResEnumEx => HResEnumEx::from_raw(0).is_none(),
        _ => false,
    }
}

fn h<H: Handle>(raw: usize) -> H {
    H::from_raw(raw).expect("non-zero")
}

/// Opens a new handle of `kind` (through `l`'s cluster handle); returns its value.
fn open_kind(sim: &Simulator, l: &Live, kind: HandleKind) -> usize {
    use HandleKind as K;
    match kind {
        K::Cluster => sim.open_cluster(None).expect("open").as_raw(),
        K::Node => sim.open_cluster_node(l.cluster, "NODE1").expect("open").as_raw(),
        K::Group => sim.open_cluster_group(l.cluster, "Cluster Group").expect("open").as_raw(),
        K::Resource => sim.open_cluster_resource(l.cluster, "Cluster IP Address").expect("open").as_raw(),
        K::Network => sim.open_cluster_network(l.cluster, "Cluster Network 2").expect("open").as_raw(),
        K::NetInterface => {
            sim.open_cluster_net_interface(l.cluster, "NODE2 - Cluster Network 2").expect("open").as_raw()
        }
        K::ClusEnum => sim.cluster_open_enum(l.cluster, CLUSTER_ENUM_ALL).expect("open").as_raw(),
        K::NetworkEnum => sim.cluster_network_open_enum(l.network, 1).expect("open").as_raw(),
        K::NodeEnum => sim.cluster_node_open_enum(l.node, 3).expect("open").as_raw(),
        K::GroupEnum => sim.cluster_group_open_enum(l.group, 3).expect("open").as_raw(),
        K::ResEnum => sim.cluster_resource_open_enum(l.resource, 7).expect("open").as_raw(),
        K::Change => sim.create_cluster_notify_port(None, l.cluster, change::ALL, 2).expect("open").as_raw(),
        K::ResTypeEnum => {
            sim.cluster_resource_type_open_enum(l.cluster, "Generic Service", 3).expect("open").as_raw()
        }
        K::Key => sim.get_cluster_key(l.cluster, KEY_READ).expect("open").as_raw(),
        K::ClusEnumEx => sim.cluster_open_enum_ex(l.cluster, CLUSTER_ENUM_ALL).expect("open").as_raw(),
        K::GroupEnumEx => sim.cluster_group_open_enum_ex(l.cluster, &[], &[], 0).expect("open").as_raw(),
        K::ResEnumEx => sim.cluster_resource_open_enum_ex(l.cluster, &[], &[], 0).expect("open").as_raw(),
        other => panic!("unexpected kind {other}"),
    }
}

fn close_kind(sim: &Simulator, kind: HandleKind, raw: usize) {
    use HandleKind as K;
    match kind {
        K::Cluster => sim.close_cluster(h(raw)),
        K::Node => sim.close_cluster_node(h(raw)),
        K::Group => sim.close_cluster_group(h(raw)),
        K::Resource => sim.close_cluster_resource(h(raw)),
        K::Network => sim.close_cluster_network(h(raw)),
        K::NetInterface => sim.close_cluster_net_interface(h(raw)),
        K::ClusEnum => sim.cluster_close_enum(h(raw)),
        K::NetworkEnum => sim.cluster_network_close_enum(h(raw)),
        K::NodeEnum => sim.cluster_node_close_enum(h(raw)),
        K::GroupEnum => sim.cluster_group_close_enum(h(raw)),
        K::ResEnum => sim.cluster_resource_close_enum(h(raw)),
        K::Change => sim.close_cluster_notify_port(h(raw)),
        K::ResTypeEnum => sim.cluster_resource_type_close_enum(h(raw)),
        K::Key => sim.cluster_reg_close_key(h(raw)),
        K::ClusEnumEx => sim.cluster_close_enum_ex(h(raw)),
        K::GroupEnumEx => sim.cluster_group_close_enum_ex(h(raw)),
        K::ResEnumEx => sim.cluster_resource_close_enum_ex(h(raw)),
        other => panic!("unexpected kind {other}"),
    }
    .expect("close");
}

/// What a row's call sees: the simulator, the live handles, and the one bad input.
struct Ctx<'a> {
    sim: &'a Simulator,
    l: &'a Live,
    bad: Bad,
    used: Cell<bool>,
}

impl Ctx<'_> {
    /// The handle parameter under test: the bad value in a handle cell, else `valid`.
    fn h<H: Handle>(&self, valid: H) -> H {
        match self.bad {
            Bad::Handle(raw) => {
                self.used.set(true);
                h(raw)
            }
            _ => valid,
        }
    }

    fn bad_name(&self, i: usize, valid: &str) -> Option<Option<String>> {
        let Bad::Name(k, kind) = self.bad else { return None };
        if k != i {
            return None;
        }
        self.used.set(true);
        Some(match kind {
            NameKind::Empty => Some(String::new()),
            NameKind::Null => None,
            NameKind::Long => Some("A".repeat(1 << 16)),
            NameKind::InteriorNul => {
                let mut s = valid.to_owned();
                s.insert(2, '\0');
                Some(s)
            }
        })
    }

    /// Name parameter `i` (a `&str`).
    fn name(&self, i: usize, valid: &str) -> String {
        match self.bad_name(i, valid) {
            Some(Some(s)) => s,
            Some(None) => panic!("a &str parameter cannot be None"),
            None => valid.to_owned(),
        }
    }

    /// Name parameter `i` (an `Option<&str>`).
    fn opt(&self, i: usize, valid: &str) -> Option<String> {
        self.bad_name(i, valid).unwrap_or_else(|| Some(valid.to_owned()))
    }

    /// The enumeration index: past the end (`count`) or `u32::MAX` in an index cell, else 0.
    fn index(&self, count: impl FnOnce() -> Result<u32>) -> u32 {
        match self.bad {
            Bad::IndexPastEnd => {
                self.used.set(true);
                count().expect("count")
            }
            Bad::IndexMax => {
                self.used.set(true);
                u32::MAX
            }
            _ => 0,
        }
    }

    /// A mask: `valid` with an unknown bit (0x100) added, or every bit, in a mask cell.
    fn mask(&self, valid: u32) -> u32 {
        match self.bad {
            Bad::MaskUnknownBit => {
                self.used.set(true);
                valid | 0x100
            }
            Bad::MaskAllBits => {
                self.used.set(true);
                u32::MAX
            }
            _ => valid,
        }
    }
}

fn code<T>(r: Result<T>) -> u32 {
    r.map_or_else(|e| e.code(), |_| 0)
}

/// The code of a call that returns a new handle; a handle it returns is closed again.
fn opened<H>(r: Result<H>, close: impl FnOnce(H) -> Result<()>) -> u32 {
    match r {
        Ok(handle) => {
            close(handle).expect("closing what the cell opened");
            0
        }
        Err(e) => e.code(),
    }
}

/// How a derived row (a call declared `extern`, whose C export and `clusapi-win` method are
/// derived) passes an argument of each type: the first handle is the one under test, names
/// and masks are the row's parameters in order.
trait Probe<'a>: Sized {
    /// What lives for the call (a name's `String`).
    type Held;
    /// The handle kind, for a handle.
    const KIND: Option<HandleKind> = None;
    /// What the name and mask classes see in this parameter.
    const PARAM: Option<P> = None;
    /// The value to pass; `slot` is (the next parameter's position, a handle was passed).
    fn hold(c: &Ctx, slot: &Cell<(usize, bool)>) -> Self::Held;
    /// The argument, borrowed from what was held.
    fn arg(held: &'a Self::Held) -> Self;
}

macro_rules! probe_handles {
    ($($h:ident => $kind:ident;)*) => {$(
        impl Probe<'_> for $h {
            type Held = $h;
            const KIND: Option<HandleKind> = Some(HandleKind::$kind);
            fn hold(c: &Ctx, slot: &Cell<(usize, bool)>) -> $h {
                let (at, seen) = slot.get();
                slot.set((at, true));
                let valid = h(c.l.raw(HandleKind::$kind));
                if seen { valid } else { c.h(valid) }
            }
            fn arg(held: &$h) -> $h {
                *held
            }
        }
    )*};
}

probe_handles! {
    HCluster => Cluster;
    HNode => Node;
    HGroup => Group;
    HResource => Resource;
    HNetwork => Network;
    HNetInterface => NetInterface;
}

impl Probe<'_> for u32 {
    type Held = u32;
    const PARAM: Option<P> = Some(P::Mask);
    fn hold(c: &Ctx, slot: &Cell<(usize, bool)>) -> u32 {
        let (at, seen) = slot.get();
        slot.set((at + 1, seen));
        c.mask(0)
    }
    fn arg(held: &u32) -> u32 {
        *held
    }
}

impl<'a> Probe<'a> for &'a str {
    type Held = String;
    const PARAM: Option<P> = Some(P::Name);
    fn hold(c: &Ctx, slot: &Cell<(usize, bool)>) -> String {
        let (at, seen) = slot.get();
        slot.set((at + 1, seen));
        c.name(at, "Cluster IP Address")
    }
    fn arg(held: &'a String) -> &'a str {
        held
    }
}

impl<'a> Probe<'a> for Option<&'a str> {
    type Held = Option<String>;
    const PARAM: Option<P> = Some(P::Opt);
    fn hold(c: &Ctx, slot: &Cell<(usize, bool)>) -> Option<String> {
        let (at, seen) = slot.get();
        slot.set((at + 1, seen));
        c.opt(at, "Cluster IP Address")
    }
    fn arg(held: &'a Option<String>) -> Option<&'a str> {
        held.as_deref()
    }
}

/// The rows of a family's `extern` calls (the callback of
/// `clusapi_sim::__clusapi_<family>_externs!`): the kind of the first handle, the params of
/// the names and numbers, and the call's code.
macro_rules! derived_rows {
    ($( { $c:ident [$($form:ident)?] $name:ident ($($arg:ident : $ty:ty),*) $ret:ty } )*) => {
        vec![$(
            derived_row(stringify!($name), None$(.or(<$ty as Probe>::KIND))*, vec![$(<$ty as Probe>::PARAM),*], |c| {
                let slot = Cell::new((0, false));
                $(
                    let held = <$ty as Probe>::hold(c, &slot);
                    let $arg = <$ty as Probe>::arg(&held);
                )*
                code(c.sim.$name($($arg),*))
            })
        ),*]
    };
}

/// A derived row: its params are those of its arguments that have one.
fn derived_row(
    name: &'static str,
    kind: Option<HandleKind>,
    params: Vec<Option<P>>,
    call: fn(&Ctx) -> u32,
) -> Row {
    Row { name, kind, params: params.into_iter().flatten().collect::<Vec<_>>().leak(), call: Box::new(call) }
}

fn rows() -> Vec<Row> {
    use HandleKind as K;
    use P::*;
    fn r(name: &'static str, kind: Option<HandleKind>, params: &'static [P], call: fn(&Ctx) -> u32) -> Row {
        Row { name, kind, params, call: Box::new(call) }
    }
    let mut rows = vec![
        // Cluster.
        r("open_cluster", None, &[Opt], |c| {
            opened(c.sim.open_cluster(c.opt(0, "SIMCLUSTER").as_deref()), |x| c.sim.close_cluster(x))
        }),
        r("open_cluster_ex", None, &[Opt, Mask], |c| {
            let r = c.sim.open_cluster_ex(c.opt(0, "SIMCLUSTER").as_deref(), c.mask(GENERIC_ALL));
            opened(r.map(|(x, _)| x), |x| c.sim.close_cluster(x))
        }),
        r("close_cluster", Some(K::Cluster), &[], |c| code(c.sim.close_cluster(c.h(c.l.cluster)))),
        r("get_cluster_information", Some(K::Cluster), &[], |c| {
            code(c.sim.get_cluster_information(c.h(c.l.cluster)))
        }),
        r("get_cluster_net_interface", Some(K::Cluster), &[Name, Name], |c| {
            code(c.sim.get_cluster_net_interface(
                c.h(c.l.cluster),
                &c.name(0, "NODE1"),
                &c.name(1, "Cluster Network 1"),
            ))
        }),
        r("get_node_cluster_state", None, &[Opt], |c| {
            let _state = c.sim.get_node_cluster_state(c.opt(0, "NODE1").as_deref());
            0
        }),
        // Nodes.
        r("open_cluster_node", Some(K::Cluster), &[Name], |c| {
            opened(c.sim.open_cluster_node(c.h(c.l.cluster), &c.name(0, "NODE1")), |x| {
                c.sim.close_cluster_node(x)
            })
        }),
        r("open_cluster_node_ex", Some(K::Cluster), &[Name, Mask], |c| {
            let r = c.sim.open_cluster_node_ex(c.h(c.l.cluster), &c.name(0, "NODE1"), c.mask(GENERIC_READ));
            opened(r.map(|(x, _)| x), |x| c.sim.close_cluster_node(x))
        }),
        r("close_cluster_node", Some(K::Node), &[], |c| code(c.sim.close_cluster_node(c.h(c.l.node)))),
        r("get_cluster_from_node", Some(K::Node), &[], |c| {
            opened(c.sim.get_cluster_from_node(c.h(c.l.node)), |x| c.sim.close_cluster(x))
        }),
        r("get_cluster_node_id", Some(K::Node), &[], |c| {
            code(c.sim.get_cluster_node_id(Some(c.h(c.l.node))))
        }),
        r("get_cluster_node_state", Some(K::Node), &[], |c| {
            code(c.sim.get_cluster_node_state(c.h(c.l.node)))
        }),
        r("pause_cluster_node", Some(K::Node), &[], |c| code(c.sim.pause_cluster_node(c.h(c.l.node)))),
        r("resume_cluster_node", Some(K::Node), &[], |c| code(c.sim.resume_cluster_node(c.h(c.l.node)))),
        r("evict_cluster_node", Some(K::Node), &[], |c| code(c.sim.evict_cluster_node(c.h(c.l.node)))),
        // Groups.
        r("open_cluster_group", Some(K::Cluster), &[Name], |c| {
            let r = c.sim.open_cluster_group(c.h(c.l.cluster), &c.name(0, "Cluster Group"));
            opened(r, |x| c.sim.close_cluster_group(x))
        }),
        r("open_cluster_group_ex", Some(K::Cluster), &[Name, Mask], |c| {
            let r = c.sim.open_cluster_group_ex(
                c.h(c.l.cluster),
                &c.name(0, "Cluster Group"),
                c.mask(GENERIC_READ),
            );
            opened(r.map(|(x, _)| x), |x| c.sim.close_cluster_group(x))
        }),
        r("close_cluster_group", Some(K::Group), &[], |c| code(c.sim.close_cluster_group(c.h(c.l.group)))),
        r("get_cluster_from_group", Some(K::Group), &[], |c| {
            opened(c.sim.get_cluster_from_group(c.h(c.l.group)), |x| c.sim.close_cluster(x))
        }),
        r("get_cluster_group_state", Some(K::Group), &[], |c| {
            code(c.sim.get_cluster_group_state(c.h(c.l.group)))
        }),
        r("online_cluster_group", Some(K::Group), &[], |c| {
            code(c.sim.online_cluster_group(c.h(c.l.group), None))
        }),
        r("online_cluster_group (node)", Some(K::Node), &[], |c| {
            code(c.sim.online_cluster_group(c.l.group, Some(c.h(c.l.node))))
        }),
        r("offline_cluster_group", Some(K::Group), &[], |c| {
            code(c.sim.offline_cluster_group(c.h(c.l.group)))
        }),
        r("move_cluster_group", Some(K::Group), &[], |c| {
            code(c.sim.move_cluster_group(c.h(c.l.group), None))
        }),
        r("move_cluster_group (node)", Some(K::Node), &[], |c| {
            code(c.sim.move_cluster_group(c.l.group, Some(c.h(c.l.node))))
        }),
        // Control codes: the code is the mask parameter (unknown bits make an unknown code).
        r("cluster_control", Some(K::Cluster), &[Mask], |c| {
            let cc = c.mask(clusctl::CLUSCTL_CLUSTER_GET_COMMON_PROPERTIES);
            code(c.sim.cluster_control(c.h(c.l.cluster), None, cc, &[]))
        }),
        r("cluster_control (host_node)", Some(K::Node), &[], |c| {
            let cc = clusctl::CLUSCTL_CLUSTER_GET_COMMON_PROPERTIES;
            code(c.sim.cluster_control(c.l.cluster, Some(c.h(c.l.node)), cc, &[]))
        }),
        r("cluster_node_control", Some(K::Node), &[Mask], |c| {
            let cc = c.mask(clusctl::CLUSCTL_NODE_GET_COMMON_PROPERTIES);
            code(c.sim.cluster_node_control(c.h(c.l.node), None, cc, &[]))
        }),
        r("cluster_node_control (host_node)", Some(K::Node), &[], |c| {
            let cc = clusctl::CLUSCTL_NODE_GET_COMMON_PROPERTIES;
            code(c.sim.cluster_node_control(c.l.node, Some(c.h(c.l.node)), cc, &[]))
        }),
        r("cluster_group_control", Some(K::Group), &[Mask], |c| {
            let cc = c.mask(clusctl::CLUSCTL_GROUP_GET_COMMON_PROPERTIES);
            code(c.sim.cluster_group_control(c.h(c.l.group), None, cc, &[]))
        }),
        r("cluster_group_control (host_node)", Some(K::Node), &[], |c| {
            let cc = clusctl::CLUSCTL_GROUP_GET_COMMON_PROPERTIES;
            code(c.sim.cluster_group_control(c.l.group, Some(c.h(c.l.node)), cc, &[]))
        }),
        r("cluster_resource_control", Some(K::Resource), &[Mask], |c| {
            let cc = c.mask(clusctl::CLUSCTL_RESOURCE_GET_COMMON_PROPERTIES);
            code(c.sim.cluster_resource_control(c.h(c.l.resource), None, cc, &[]))
        }),
        r("cluster_resource_control (host_node)", Some(K::Node), &[], |c| {
            let cc = clusctl::CLUSCTL_RESOURCE_GET_COMMON_PROPERTIES;
            code(c.sim.cluster_resource_control(c.l.resource, Some(c.h(c.l.node)), cc, &[]))
        }),
        r("cluster_network_control", Some(K::Network), &[Mask], |c| {
            let cc = c.mask(clusctl::CLUSCTL_NETWORK_GET_COMMON_PROPERTIES);
            code(c.sim.cluster_network_control(c.h(c.l.network), None, cc, &[]))
        }),
        r("cluster_network_control (host_node)", Some(K::Node), &[], |c| {
            let cc = clusctl::CLUSCTL_NETWORK_GET_COMMON_PROPERTIES;
            code(c.sim.cluster_network_control(c.l.network, Some(c.h(c.l.node)), cc, &[]))
        }),
        r("cluster_net_interface_control", Some(K::NetInterface), &[Mask], |c| {
            let cc = c.mask(clusctl::CLUSCTL_NETINTERFACE_GET_RO_COMMON_PROPERTIES);
            code(c.sim.cluster_net_interface_control(c.h(c.l.nic), None, cc, &[]))
        }),
        r("cluster_net_interface_control (host_node)", Some(K::Node), &[], |c| {
            let cc = clusctl::CLUSCTL_NETINTERFACE_GET_RO_COMMON_PROPERTIES;
            code(c.sim.cluster_net_interface_control(c.l.nic, Some(c.h(c.l.node)), cc, &[]))
        }),
        r("cluster_resource_type_control", Some(K::Cluster), &[Name, Mask], |c| {
            let cc = c.mask(clusctl::CLUSCTL_RESOURCE_TYPE_GET_COMMON_PROPERTIES);
            code(c.sim.cluster_resource_type_control(
                c.h(c.l.cluster),
                &c.name(0, "Generic Service"),
                None,
                cc,
                &[],
            ))
        }),
        r("cluster_resource_type_control (host_node)", Some(K::Node), &[], |c| {
            let cc = clusctl::CLUSCTL_RESOURCE_TYPE_GET_COMMON_PROPERTIES;
            code(c.sim.cluster_resource_type_control(
                c.l.cluster,
                "Generic Service",
                Some(c.h(c.l.node)),
                cc,
                &[],
            ))
        }),
        // Resource types.
        r("create_cluster_resource_type", Some(K::Cluster), &[Name], |c| {
            code(c.sim.create_cluster_resource_type(
                c.h(c.l.cluster),
                &c.name(0, "Fresh Type"),
                "Fresh",
                "f.dll",
                1,
                1,
            ))
        }),
        r("delete_cluster_resource_type", Some(K::Cluster), &[Name], |c| {
            code(c.sim.delete_cluster_resource_type(c.h(c.l.cluster), &c.name(0, "File Server")))
        }),
        r("cluster_resource_type_open_enum", Some(K::Cluster), &[Name, Mask], |c| {
            let r =
                c.sim.cluster_resource_type_open_enum(c.h(c.l.cluster), &c.name(0, "IP Address"), c.mask(3));
            opened(r, |x| c.sim.cluster_resource_type_close_enum(x))
        }),
        r("cluster_resource_type_get_enum_count", Some(K::ResTypeEnum), &[], |c| {
            code(c.sim.cluster_resource_type_get_enum_count(c.h(c.l.restype_enum)))
        }),
        r("cluster_resource_type_enum", Some(K::ResTypeEnum), &[Index], |c| {
            let i = c.index(|| c.sim.cluster_resource_type_get_enum_count(c.l.restype_enum));
            code(c.sim.cluster_resource_type_enum(c.h(c.l.restype_enum), i))
        }),
        r("cluster_resource_type_close_enum", Some(K::ResTypeEnum), &[], |c| {
            code(c.sim.cluster_resource_type_close_enum(c.h(c.l.restype_enum)))
        }),
        r("create_cluster_group", Some(K::Cluster), &[Name], |c| {
            let r = c.sim.create_cluster_group(c.h(c.l.cluster), &c.name(0, "Fresh Group"));
            opened(r, |x| c.sim.close_cluster_group(x))
        }),
        r("create_cluster_group_ex", Some(K::Cluster), &[Name, Mask], |c| {
            // The mask class applies to `dwVersion` (1 is the only version).
            let info = clusapi_sim::ClusterCreateGroupInfo { version: c.mask(1), group_type: 111 };
            let r = c.sim.create_cluster_group_ex(c.h(c.l.cluster), &c.name(0, "Fresh Group"), Some(info));
            opened(r, |x| c.sim.close_cluster_group(x))
        }),
        r("delete_cluster_group", Some(K::Group), &[], |c| code(c.sim.delete_cluster_group(c.h(c.l.group)))),
        r("set_cluster_group_node_list", Some(K::Group), &[], |c| {
            code(c.sim.set_cluster_group_node_list(c.h(c.l.group), &[c.l.node]))
        }),
        r("set_cluster_group_node_list (nodes[0])", Some(K::Node), &[], |c| {
            code(c.sim.set_cluster_group_node_list(c.l.group, &[c.h(c.l.node)]))
        }),
        // Resources.
        r("open_cluster_resource", Some(K::Cluster), &[Name], |c| {
            let r = c.sim.open_cluster_resource(c.h(c.l.cluster), &c.name(0, "Cluster Name"));
            opened(r, |x| c.sim.close_cluster_resource(x))
        }),
        r("open_cluster_resource_ex", Some(K::Cluster), &[Name, Mask], |c| {
            let r = c.sim.open_cluster_resource_ex(
                c.h(c.l.cluster),
                &c.name(0, "Cluster Name"),
                c.mask(GENERIC_READ),
            );
            opened(r.map(|(x, _)| x), |x| c.sim.close_cluster_resource(x))
        }),
        r("close_cluster_resource", Some(K::Resource), &[], |c| {
            code(c.sim.close_cluster_resource(c.h(c.l.resource)))
        }),
        r("get_cluster_from_resource", Some(K::Resource), &[], |c| {
            opened(c.sim.get_cluster_from_resource(c.h(c.l.resource)), |x| c.sim.close_cluster(x))
        }),
        r("get_cluster_resource_state", Some(K::Resource), &[], |c| {
            code(c.sim.get_cluster_resource_state(c.h(c.l.resource)))
        }),
        r("online_cluster_resource", Some(K::Resource), &[], |c| {
            code(c.sim.online_cluster_resource(c.h(c.l.resource)))
        }),
        r("offline_cluster_resource", Some(K::Resource), &[], |c| {
            code(c.sim.offline_cluster_resource(c.h(c.l.resource)))
        }),
        r("fail_cluster_resource", Some(K::Resource), &[], |c| {
            code(c.sim.fail_cluster_resource(c.h(c.l.resource)))
        }),
        r("create_cluster_resource", Some(K::Group), &[Name, Name, Mask], |c| {
            let r = c.sim.create_cluster_resource(
                c.h(c.l.group),
                &c.name(0, "Fresh Resource"),
                &c.name(1, "IP Address"),
                c.mask(0),
            );
            opened(r, |x| c.sim.close_cluster_resource(x))
        }),
        r("delete_cluster_resource", Some(K::Resource), &[], |c| {
            code(c.sim.delete_cluster_resource(c.h(c.l.resource)))
        }),
        r("add_cluster_resource_dependency", Some(K::Resource), &[], |c| {
            code(c.sim.add_cluster_resource_dependency(c.h(c.l.resource), c.l.resource2))
        }),
        r("add_cluster_resource_dependency (provider)", Some(K::Resource), &[], |c| {
            code(c.sim.add_cluster_resource_dependency(c.l.resource, c.h(c.l.resource2)))
        }),
        r("remove_cluster_resource_dependency", Some(K::Resource), &[], |c| {
            code(c.sim.remove_cluster_resource_dependency(c.h(c.l.resource), c.l.resource2))
        }),
        r("remove_cluster_resource_dependency (provider)", Some(K::Resource), &[], |c| {
            code(c.sim.remove_cluster_resource_dependency(c.l.resource, c.h(c.l.resource2)))
        }),
        // Networks and interfaces.
        r("open_cluster_network", Some(K::Cluster), &[Name], |c| {
            let r = c.sim.open_cluster_network(c.h(c.l.cluster), &c.name(0, "Cluster Network 1"));
            opened(r, |x| c.sim.close_cluster_network(x))
        }),
        r("open_cluster_network_ex", Some(K::Cluster), &[Name, Mask], |c| {
            let r = c.sim.open_cluster_network_ex(
                c.h(c.l.cluster),
                &c.name(0, "Cluster Network 1"),
                c.mask(GENERIC_READ),
            );
            opened(r.map(|(x, _)| x), |x| c.sim.close_cluster_network(x))
        }),
        r("close_cluster_network", Some(K::Network), &[], |c| {
            code(c.sim.close_cluster_network(c.h(c.l.network)))
        }),
        r("get_cluster_from_network", Some(K::Network), &[], |c| {
            opened(c.sim.get_cluster_from_network(c.h(c.l.network)), |x| c.sim.close_cluster(x))
        }),
        r("get_cluster_network_id", Some(K::Network), &[], |c| {
            code(c.sim.get_cluster_network_id(c.h(c.l.network)))
        }),
        r("get_cluster_network_state", Some(K::Network), &[], |c| {
            code(c.sim.get_cluster_network_state(c.h(c.l.network)))
        }),
        r("set_cluster_network_name", Some(K::Network), &[Name], |c| {
            code(c.sim.set_cluster_network_name(c.h(c.l.network), &c.name(0, "Renamed Network")))
        }),
        r("open_cluster_net_interface", Some(K::Cluster), &[Name], |c| {
            let r =
                c.sim.open_cluster_net_interface(c.h(c.l.cluster), &c.name(0, "NODE1 - Cluster Network 1"));
            opened(r, |x| c.sim.close_cluster_net_interface(x))
        }),
        r("open_cluster_net_interface_ex", Some(K::Cluster), &[Name, Mask], |c| {
            let r = c.sim.open_cluster_net_interface_ex(
                c.h(c.l.cluster),
                &c.name(0, "NODE1 - Cluster Network 1"),
                c.mask(GENERIC_READ),
            );
            opened(r.map(|(x, _)| x), |x| c.sim.close_cluster_net_interface(x))
        }),
        r("close_cluster_net_interface", Some(K::NetInterface), &[], |c| {
            code(c.sim.close_cluster_net_interface(c.h(c.l.nic)))
        }),
        r("get_cluster_from_net_interface", Some(K::NetInterface), &[], |c| {
            opened(c.sim.get_cluster_from_net_interface(c.h(c.l.nic)), |x| c.sim.close_cluster(x))
        }),
        r("get_cluster_net_interface_state", Some(K::NetInterface), &[], |c| {
            code(c.sim.get_cluster_net_interface_state(c.h(c.l.nic)))
        }),
        // Enumerations.
        r("cluster_open_enum", Some(K::Cluster), &[Mask], |c| {
            let r = c.sim.cluster_open_enum(c.h(c.l.cluster), c.mask(CLUSTER_ENUM_ALL));
            opened(r, |x| c.sim.cluster_close_enum(x))
        }),
        r("cluster_get_enum_count", Some(K::ClusEnum), &[], |c| {
            code(c.sim.cluster_get_enum_count(c.h(c.l.clus_enum)))
        }),
        r("cluster_enum", Some(K::ClusEnum), &[Index], |c| {
            let i = c.index(|| c.sim.cluster_get_enum_count(c.l.clus_enum));
            code(c.sim.cluster_enum(c.h(c.l.clus_enum), i))
        }),
        r("cluster_close_enum", Some(K::ClusEnum), &[], |c| {
            code(c.sim.cluster_close_enum(c.h(c.l.clus_enum)))
        }),
        r("cluster_group_open_enum_ex", Some(K::Cluster), &[Name, Mask], |c| {
            let name = c.name(0, "Priority");
            let r = c.sim.cluster_group_open_enum_ex(c.h(c.l.cluster), &[&name], &["*"], c.mask(0));
            opened(r, |x| c.sim.cluster_group_close_enum_ex(x))
        }),
        r("cluster_group_get_enum_count_ex", Some(K::GroupEnumEx), &[], |c| {
            code(c.sim.cluster_group_get_enum_count_ex(c.h(c.l.group_enum_ex)))
        }),
        r("cluster_group_enum_ex", Some(K::GroupEnumEx), &[Index], |c| {
            let i = c.index(|| c.sim.cluster_group_get_enum_count_ex(c.l.group_enum_ex));
            code(c.sim.cluster_group_enum_ex(c.h(c.l.group_enum_ex), i))
        }),
        r("cluster_group_close_enum_ex", Some(K::GroupEnumEx), &[], |c| {
            code(c.sim.cluster_group_close_enum_ex(c.h(c.l.group_enum_ex)))
        }),
        r("cluster_resource_open_enum_ex", Some(K::Cluster), &[Name, Mask], |c| {
            let name = c.name(0, "RestartAction");
            let r = c.sim.cluster_resource_open_enum_ex(c.h(c.l.cluster), &[&name], &["*"], c.mask(0));
            opened(r, |x| c.sim.cluster_resource_close_enum_ex(x))
        }),
        r("cluster_resource_get_enum_count_ex", Some(K::ResEnumEx), &[], |c| {
            code(c.sim.cluster_resource_get_enum_count_ex(c.h(c.l.res_enum_ex)))
        }),
        r("cluster_resource_enum_ex", Some(K::ResEnumEx), &[Index], |c| {
            let i = c.index(|| c.sim.cluster_resource_get_enum_count_ex(c.l.res_enum_ex));
            code(c.sim.cluster_resource_enum_ex(c.h(c.l.res_enum_ex), i))
        }),
        r("cluster_resource_close_enum_ex", Some(K::ResEnumEx), &[], |c| {
            code(c.sim.cluster_resource_close_enum_ex(c.h(c.l.res_enum_ex)))
        }),
        // Modern calls.
        r("cluster_open_enum_ex", Some(K::Cluster), &[Mask], |c| {
            let r = c.sim.cluster_open_enum_ex(c.h(c.l.cluster), c.mask(CLUSTER_ENUM_ALL));
            opened(r, |x| c.sim.cluster_close_enum_ex(x))
        }),
        r("cluster_get_enum_count_ex", Some(K::ClusEnumEx), &[], |c| {
            code(c.sim.cluster_get_enum_count_ex(c.h(c.l.clus_enum_ex)))
        }),
        r("cluster_enum_ex", Some(K::ClusEnumEx), &[Index], |c| {
            let i = c.index(|| c.sim.cluster_get_enum_count_ex(c.l.clus_enum_ex));
            code(c.sim.cluster_enum_ex(c.h(c.l.clus_enum_ex), i))
        }),
        r("cluster_close_enum_ex", Some(K::ClusEnumEx), &[], |c| {
            code(c.sim.cluster_close_enum_ex(c.h(c.l.clus_enum_ex)))
        }),
        r("online_cluster_group_ex", Some(K::Group), &[Mask], |c| {
            code(c.sim.online_cluster_group_ex(c.h(c.l.group), None, c.mask(0), &[]))
        }),
        r("online_cluster_group_ex (node)", Some(K::Node), &[], |c| {
            code(c.sim.online_cluster_group_ex(c.l.group, Some(c.h(c.l.node)), 0, &[]))
        }),
        r("offline_cluster_group_ex", Some(K::Group), &[Mask], |c| {
            code(c.sim.offline_cluster_group_ex(c.h(c.l.group), c.mask(0), &[]))
        }),
        r("online_cluster_resource_ex", Some(K::Resource), &[Mask], |c| {
            code(c.sim.online_cluster_resource_ex(c.h(c.l.resource), c.mask(0), &[]))
        }),
        r("offline_cluster_resource_ex", Some(K::Resource), &[Mask], |c| {
            code(c.sim.offline_cluster_resource_ex(c.h(c.l.resource), c.mask(0), &[]))
        }),
        r("destroy_cluster_group", Some(K::Group), &[], |c| {
            code(c.sim.destroy_cluster_group(c.h(c.l.group)))
        }),
        r("move_cluster_group_ex", Some(K::Group), &[Mask], |c| {
            code(c.sim.move_cluster_group_ex(c.h(c.l.group), None, c.mask(0), &[]))
        }),
        r("move_cluster_group_ex (node)", Some(K::Node), &[], |c| {
            code(c.sim.move_cluster_group_ex(c.l.group, Some(c.h(c.l.node)), 0, &[]))
        }),
        r("pause_cluster_node_ex", Some(K::Node), &[Mask], |c| {
            code(c.sim.pause_cluster_node_ex(c.h(c.l.node), true, c.mask(0), None))
        }),
        r("pause_cluster_node_ex (drain_target)", Some(K::Node), &[], |c| {
            let n1 = c.sim.open_cluster_node(c.l.cluster, "NODE1").expect("node");
            let r = c.sim.pause_cluster_node_ex(n1, true, 0, Some(c.h(c.l.node)));
            c.sim.close_cluster_node(n1).expect("close");
            code(r)
        }),
        r("resume_cluster_node_ex", Some(K::Node), &[Mask], |c| {
            code(c.sim.resume_cluster_node_ex(c.h(c.l.node), 1, c.mask(0)))
        }),
        r("cluster_network_open_enum", Some(K::Network), &[Mask], |c| {
            let r = c.sim.cluster_network_open_enum(c.h(c.l.network), c.mask(CLUSTER_NETWORK_ENUM_ALL));
            opened(r, |x| c.sim.cluster_network_close_enum(x))
        }),
        r("cluster_network_get_enum_count", Some(K::NetworkEnum), &[], |c| {
            code(c.sim.cluster_network_get_enum_count(c.h(c.l.network_enum)))
        }),
        r("cluster_network_enum", Some(K::NetworkEnum), &[Index], |c| {
            let i = c.index(|| c.sim.cluster_network_get_enum_count(c.l.network_enum));
            code(c.sim.cluster_network_enum(c.h(c.l.network_enum), i))
        }),
        r("cluster_network_close_enum", Some(K::NetworkEnum), &[], |c| {
            code(c.sim.cluster_network_close_enum(c.h(c.l.network_enum)))
        }),
        r("cluster_node_open_enum", Some(K::Node), &[Mask], |c| {
            let r = c.sim.cluster_node_open_enum(c.h(c.l.node), c.mask(CLUSTER_NODE_ENUM_ALL));
            opened(r, |x| c.sim.cluster_node_close_enum(x))
        }),
        r("cluster_node_get_enum_count", Some(K::NodeEnum), &[], |c| {
            code(c.sim.cluster_node_get_enum_count(c.h(c.l.node_enum)))
        }),
        r("cluster_node_enum", Some(K::NodeEnum), &[Index], |c| {
            let i = c.index(|| c.sim.cluster_node_get_enum_count(c.l.node_enum));
            code(c.sim.cluster_node_enum(c.h(c.l.node_enum), i))
        }),
        r("cluster_node_close_enum", Some(K::NodeEnum), &[], |c| {
            code(c.sim.cluster_node_close_enum(c.h(c.l.node_enum)))
        }),
        r("cluster_group_open_enum", Some(K::Group), &[Mask], |c| {
            let r = c.sim.cluster_group_open_enum(c.h(c.l.group), c.mask(CLUSTER_GROUP_ENUM_ALL));
            opened(r, |x| c.sim.cluster_group_close_enum(x))
        }),
        r("cluster_group_get_enum_count", Some(K::GroupEnum), &[], |c| {
            code(c.sim.cluster_group_get_enum_count(c.h(c.l.group_enum)))
        }),
        r("cluster_group_enum", Some(K::GroupEnum), &[Index], |c| {
            let i = c.index(|| c.sim.cluster_group_get_enum_count(c.l.group_enum));
            code(c.sim.cluster_group_enum(c.h(c.l.group_enum), i))
        }),
        r("cluster_group_close_enum", Some(K::GroupEnum), &[], |c| {
            code(c.sim.cluster_group_close_enum(c.h(c.l.group_enum)))
        }),
        r("cluster_resource_open_enum", Some(K::Resource), &[Mask], |c| {
            let r = c.sim.cluster_resource_open_enum(c.h(c.l.resource), c.mask(CLUSTER_RESOURCE_ENUM_ALL));
            opened(r, |x| c.sim.cluster_resource_close_enum(x))
        }),
        r("cluster_resource_get_enum_count", Some(K::ResEnum), &[], |c| {
            code(c.sim.cluster_resource_get_enum_count(c.h(c.l.res_enum)))
        }),
        r("cluster_resource_enum", Some(K::ResEnum), &[Index], |c| {
            let i = c.index(|| c.sim.cluster_resource_get_enum_count(c.l.res_enum));
            code(c.sim.cluster_resource_enum(c.h(c.l.res_enum), i))
        }),
        r("cluster_resource_close_enum", Some(K::ResEnum), &[], |c| {
            code(c.sim.cluster_resource_close_enum(c.h(c.l.res_enum)))
        }),
        // Notifications.
        r("create_cluster_notify_port", Some(K::Cluster), &[], |c| {
            let r = c.sim.create_cluster_notify_port(None, c.h(c.l.cluster), change::ALL, 3);
            opened(r, |x| c.sim.close_cluster_notify_port(x))
        }),
        r("create_cluster_notify_port (port)", Some(K::Change), &[], |c| {
            code(c.sim.create_cluster_notify_port(Some(c.h(c.l.port)), c.l.cluster, change::ALL, 3))
        }),
        r("register_cluster_notify", Some(K::Change), &[], |c| {
            code(c.sim.register_cluster_notify(c.h(c.l.port), change::ALL, NotifyObject::Node(c.l.node), 4))
        }),
        r("register_cluster_notify (object)", Some(K::Node), &[], |c| {
            code(c.sim.register_cluster_notify(c.l.port, change::ALL, NotifyObject::Node(c.h(c.l.node)), 4))
        }),
        r("get_cluster_notify", Some(K::Change), &[], |c| code(c.sim.get_cluster_notify(c.h(c.l.port), 0))),
        r("peek_cluster_notify", Some(K::Change), &[], |c| code(c.sim.peek_cluster_notify(c.h(c.l.port), 0))),
        r("close_cluster_notify_port", Some(K::Change), &[], |c| {
            code(c.sim.close_cluster_notify_port(c.h(c.l.port)))
        }),
        // Notifications V2.
        r("create_cluster_notify_port_v2", Some(K::Cluster), &[], |c| {
            let f = [NotifyFilter { object_type: object_type::GROUP, flags: change_v2::GROUP_STATE }];
            opened(c.sim.create_cluster_notify_port_v2(None, c.h(c.l.cluster), &f, 5), |x| {
                c.sim.close_cluster_notify_port(x)
            })
        }),
        r("create_cluster_notify_port_v2 (port)", Some(K::Change), &[], |c| {
            let f = [NotifyFilter { object_type: object_type::GROUP, flags: change_v2::GROUP_STATE }];
            code(c.sim.create_cluster_notify_port_v2(Some(c.h(c.l.port)), c.l.cluster, &f, 5))
        }),
        r("register_cluster_notify_v2", Some(K::Change), &[], |c| {
            let f = NotifyFilter { object_type: object_type::NODE, flags: change_v2::NODE_STATE };
            code(c.sim.register_cluster_notify_v2(c.h(c.l.port), f, NotifyObject::Node(c.l.node), 6))
        }),
        r("register_cluster_notify_v2 (object)", Some(K::Node), &[], |c| {
            let f = NotifyFilter { object_type: object_type::NODE, flags: change_v2::NODE_STATE };
            code(c.sim.register_cluster_notify_v2(c.l.port, f, NotifyObject::Node(c.h(c.l.node)), 6))
        }),
        r("get_cluster_notify_v2", Some(K::Change), &[], |c| {
            code(c.sim.get_cluster_notify_v2(c.h(c.l.port), 0))
        }),
        r("peek_cluster_notify_v2", Some(K::Change), &[], |c| {
            code(c.sim.peek_cluster_notify_v2(c.h(c.l.port), 0))
        }),
        r("get_notify_event_handle", Some(K::Change), &[], |c| {
            code(c.sim.get_notify_event_handle(c.h(c.l.port)))
        }),
        // Classic calls.
        r("add_cluster_resource_node", Some(K::Resource), &[], |c| {
            code(c.sim.add_cluster_resource_node(c.h(c.l.resource), c.l.node))
        }),
        r("add_cluster_resource_node (node)", Some(K::Node), &[], |c| {
            code(c.sim.add_cluster_resource_node(c.l.resource, c.h(c.l.node)))
        }),
        r("remove_cluster_resource_node", Some(K::Resource), &[], |c| {
            code(c.sim.remove_cluster_resource_node(c.h(c.l.resource), c.l.node))
        }),
        r("remove_cluster_resource_node (node)", Some(K::Node), &[], |c| {
            code(c.sim.remove_cluster_resource_node(c.l.resource, c.h(c.l.node)))
        }),
        r("can_resource_be_dependent", Some(K::Resource), &[], |c| {
            code(c.sim.can_resource_be_dependent(c.h(c.l.resource), c.l.resource2))
        }),
        r("can_resource_be_dependent (dependent)", Some(K::Resource), &[], |c| {
            code(c.sim.can_resource_be_dependent(c.l.resource, c.h(c.l.resource2)))
        }),
        r("change_cluster_resource_group", Some(K::Resource), &[], |c| {
            code(c.sim.change_cluster_resource_group(c.h(c.l.resource), c.l.group))
        }),
        r("change_cluster_resource_group (group)", Some(K::Group), &[], |c| {
            code(c.sim.change_cluster_resource_group(c.l.resource, c.h(c.l.group)))
        }),
        r("get_cluster_quorum_resource", Some(K::Cluster), &[], |c| {
            code(c.sim.get_cluster_quorum_resource(c.h(c.l.cluster)))
        }),
        r("set_cluster_quorum_resource", Some(K::Resource), &[Name], |c| {
            code(c.sim.set_cluster_quorum_resource(c.h(c.l.resource), &c.name(0, "Q:\\"), 4096))
        }),
        r("get_cluster_resource_network_name", Some(K::Resource), &[], |c| {
            code(c.sim.get_cluster_resource_network_name(c.h(c.l.resource)))
        }),
        r("set_cluster_group_name", Some(K::Group), &[Name], |c| {
            code(c.sim.set_cluster_group_name(c.h(c.l.group), &c.name(0, "Renamed Group")))
        }),
        r("set_cluster_resource_name", Some(K::Resource), &[Name], |c| {
            code(c.sim.set_cluster_resource_name(c.h(c.l.resource), &c.name(0, "Renamed Resource")))
        }),
        r("set_cluster_name", Some(K::Cluster), &[Name], |c| {
            code(c.sim.set_cluster_name(c.h(c.l.cluster), &c.name(0, "RENAMED")))
        }),
        r("set_cluster_network_priority_order", Some(K::Cluster), &[], |c| {
            code(c.sim.set_cluster_network_priority_order(c.h(c.l.cluster), &[c.l.network]))
        }),
        r("set_cluster_network_priority_order (networks[0])", Some(K::Network), &[], |c| {
            code(c.sim.set_cluster_network_priority_order(c.l.cluster, &[c.h(c.l.network)]))
        }),
        r("evict_cluster_node_ex", Some(K::Node), &[], |c| {
            code(c.sim.evict_cluster_node_ex(c.h(c.l.node), 0))
        }),
        r("backup_cluster_database", Some(K::Cluster), &[Name], |c| {
            code(c.sim.backup_cluster_database(c.h(c.l.cluster), &c.name(0, "C:\\backup")))
        }),
        r("restore_cluster_database", None, &[Name, Opt], |c| {
            code(c.sim.restore_cluster_database(&c.name(0, "C:\\backup"), false, c.opt(1, "Q:").as_deref()))
        }),
        r("set_cluster_service_account_password", None, &[Name, Name], |c| {
            code(c.sim.set_cluster_service_account_password(
                &c.name(0, "SIMCLUSTER"),
                &c.name(1, "secret"),
                0,
            ))
        }),
        // Cluster registry.
        r("get_cluster_key", Some(K::Cluster), &[Mask], |c| {
            opened(c.sim.get_cluster_key(c.h(c.l.cluster), c.mask(KEY_READ)), |x| {
                c.sim.cluster_reg_close_key(x)
            })
        }),
        r("get_cluster_node_key", Some(K::Node), &[Mask], |c| {
            opened(c.sim.get_cluster_node_key(c.h(c.l.node), c.mask(KEY_READ)), |x| {
                c.sim.cluster_reg_close_key(x)
            })
        }),
        r("get_cluster_group_key", Some(K::Group), &[Mask], |c| {
            opened(c.sim.get_cluster_group_key(c.h(c.l.group), c.mask(KEY_READ)), |x| {
                c.sim.cluster_reg_close_key(x)
            })
        }),
        r("get_cluster_resource_key", Some(K::Resource), &[Mask], |c| {
            let r = c.sim.get_cluster_resource_key(c.h(c.l.resource), c.mask(KEY_READ));
            opened(r, |x| c.sim.cluster_reg_close_key(x))
        }),
        r("get_cluster_network_key", Some(K::Network), &[Mask], |c| {
            let r = c.sim.get_cluster_network_key(c.h(c.l.network), c.mask(KEY_READ));
            opened(r, |x| c.sim.cluster_reg_close_key(x))
        }),
        r("get_cluster_net_interface_key", Some(K::NetInterface), &[Mask], |c| {
            let r = c.sim.get_cluster_net_interface_key(c.h(c.l.nic), c.mask(KEY_READ));
            opened(r, |x| c.sim.cluster_reg_close_key(x))
        }),
        r("get_cluster_resource_type_key", Some(K::Cluster), &[Name, Mask], |c| {
            let r = c.sim.get_cluster_resource_type_key(
                c.h(c.l.cluster),
                &c.name(0, "IP Address"),
                c.mask(KEY_READ),
            );
            opened(r, |x| c.sim.cluster_reg_close_key(x))
        }),
        r("cluster_reg_open_key", Some(K::Key), &[Name, Mask], |c| {
            let r = c.sim.cluster_reg_open_key(c.h(c.l.key), &c.name(0, "Sub"), c.mask(KEY_READ));
            opened(r, |x| c.sim.cluster_reg_close_key(x))
        }),
        r("cluster_reg_create_key", Some(K::Key), &[Name, Mask], |c| {
            let r = c.sim.cluster_reg_create_key(c.h(c.l.key), &c.name(0, "Sub"), 0, c.mask(KEY_READ));
            opened(r.map(|(x, _)| x), |x| c.sim.cluster_reg_close_key(x))
        }),
        r("cluster_reg_delete_key", Some(K::Key), &[Name], |c| {
            code(c.sim.cluster_reg_delete_key(c.h(c.l.key), &c.name(0, "Missing")))
        }),
        r("cluster_reg_delete_value", Some(K::Key), &[Name], |c| {
            code(c.sim.cluster_reg_delete_value(c.h(c.l.key), &c.name(0, "Missing")))
        }),
        r("cluster_reg_enum_key", Some(K::Key), &[Index], |c| {
            let i = c.index(|| c.sim.cluster_reg_query_info_key(c.l.key).map(|i| i.subkeys));
            code(c.sim.cluster_reg_enum_key(c.h(c.l.key), i))
        }),
        r("cluster_reg_enum_value", Some(K::Key), &[Index], |c| {
            let i = c.index(|| c.sim.cluster_reg_query_info_key(c.l.key).map(|i| i.values));
            code(c.sim.cluster_reg_enum_value(c.h(c.l.key), i))
        }),
        r("cluster_reg_query_value", Some(K::Key), &[Name], |c| {
            code(c.sim.cluster_reg_query_value(c.h(c.l.key), &c.name(0, "Value")))
        }),
        r("cluster_reg_set_value", Some(K::Key), &[Name], |c| {
            code(c.sim.cluster_reg_set_value(c.h(c.l.key), &c.name(0, "Value"), REG_DWORD, &[1, 0, 0, 0]))
        }),
        r("cluster_reg_query_info_key", Some(K::Key), &[], |c| {
            code(c.sim.cluster_reg_query_info_key(c.h(c.l.key)))
        }),
        r("cluster_reg_get_key_security", Some(K::Key), &[], |c| {
            code(c.sim.cluster_reg_get_key_security(c.h(c.l.key), 4))
        }),
        r("cluster_reg_set_key_security", Some(K::Key), &[], |c| {
            let sd = c.sim.cluster_reg_get_key_security(c.l.key, 4).expect("descriptor");
            code(c.sim.cluster_reg_set_key_security(c.h(c.l.key), 4, &sd))
        }),
        r("cluster_reg_close_key", Some(K::Key), &[], |c| code(c.sim.cluster_reg_close_key(c.h(c.l.key)))),
        r("register_cluster_notify (key)", Some(K::Key), &[], |c| {
            code(c.sim.register_cluster_notify(c.l.port, change::ALL, NotifyObject::Key(c.h(c.l.key)), 4))
        }),
        // Levers.
        r("crash_node", None, &[Name], |c| code(c.sim.crash_node(&c.name(0, "NODE2")))),
        // Inspection: any name, never a change (`None` for a name no cluster has).
        r("inspect_node", None, &[Name], |c| u32::from(c.sim.inspect_node(&c.name(0, "NODE1")).is_none())),
        r("inspect_group", None, &[Name], |c| {
            u32::from(c.sim.inspect_group(&c.name(0, "Cluster Group")).is_none())
        }),
        r("inspect_resource", None, &[Name], |c| {
            u32::from(c.sim.inspect_resource(&c.name(0, "Cluster Name")).is_none())
        }),
        r("inspect_network", None, &[Name], |c| {
            u32::from(c.sim.inspect_network(&c.name(0, "Cluster Network 1")).is_none())
        }),
        r("inspect_net_interface", None, &[Name], |c| {
            u32::from(c.sim.inspect_net_interface(&c.name(0, "NODE1 - Cluster Network 1")).is_none())
        }),
        r("restore_node", None, &[Name], |c| code(c.sim.restore_node(&c.name(0, "NODE2")))),
        r("take_network_down", None, &[Name], |c| {
            code(c.sim.take_network_down(&c.name(0, "Cluster Network 2")))
        }),
        r("partition_network", None, &[Name], |c| {
            code(c.sim.partition_network(&c.name(0, "Cluster Network 2")))
        }),
        r("restore_network", None, &[Name], |c| code(c.sim.restore_network(&c.name(0, "Cluster Network 2")))),
        r("redirect_shared_volume", None, &[Name], |c| {
            code(c.sim.redirect_shared_volume(&c.name(0, "Cluster Name")))
        }),
        r("restore_shared_volume_access", None, &[Name], |c| {
            code(c.sim.restore_shared_volume_access(&c.name(0, "Cluster Name")))
        }),
        // Cluster Shared Volumes and the resutils.dll helpers: a path each, no handle
        // (tests/suite/shared_volumes.rs); the default topology has no CSV, so a valid path is on none.
        r("is_file_on_cluster_shared_volume", None, &[Name], |c| {
            code(c.sim.is_file_on_cluster_shared_volume(&c.name(0, r"C:\ClusterStorage\Volume1\x")))
        }),
        r("get_cluster_shared_volume_name_for_file", None, &[Name], |c| {
            code(c.sim.get_cluster_shared_volume_name_for_file(&c.name(0, r"C:\ClusterStorage\Volume1\x")))
        }),
        r("cluster_shared_volume_set_snapshot_state", None, &[Name, Name, Mask], |c| {
            code(c.sim.cluster_shared_volume_set_snapshot_state(
                &c.name(0, "{00000000-0000-0000-0000-000000000001}"),
                &c.name(1, r"C:\ClusterStorage\Volume1\"),
                c.mask(1),
            ))
        }),
        r("cluster_shared_volume_clear_backup_state", None, &[Name], |c| {
            code(c.sim.cluster_shared_volume_clear_backup_state(&c.name(0, r"C:\ClusterStorage\Volume1\")))
        }),
        r("cluster_prepare_shared_volume_for_backup", None, &[Name], |c| {
            code(c.sim.cluster_prepare_shared_volume_for_backup(&c.name(0, r"C:\ClusterStorage\Volume1\x")))
        }),
        r("cluster_clear_backup_state_for_shared_volume", None, &[Name], |c| {
            code(
                c.sim.cluster_clear_backup_state_for_shared_volume(&c.name(0, r"C:\ClusterStorage\Volume1\")),
            )
        }),
        r("cluster_is_path_on_shared_volume", None, &[Name], |c| {
            u32::from(c.sim.cluster_is_path_on_shared_volume(&c.name(0, r"C:\ClusterStorage\Volume1\x")))
        }),
        r("cluster_get_volume_path_name", None, &[Name], |c| {
            code(c.sim.cluster_get_volume_path_name(&c.name(0, r"C:\ClusterStorage\Volume1\x")))
        }),
        r("cluster_get_volume_name_for_volume_mount_point", None, &[Name], |c| {
            code(
                c.sim.cluster_get_volume_name_for_volume_mount_point(
                    &c.name(0, r"C:\ClusterStorage\Volume1\"),
                ),
            )
        }),
        r("stop_cluster_service", None, &[Opt], |c| {
            code(c.sim.stop_cluster_service(c.opt(0, "SIMCLUSTER").as_deref()))
        }),
        r("start_cluster_service", None, &[Opt], |c| {
            code(c.sim.start_cluster_service(c.opt(0, "SIMCLUSTER").as_deref()))
        }),
    ];
    // The `extern` calls get derived rows, one line per family.
    rows.extend(clusapi_sim::__clusapi_modern_externs!(derived_rows));
    rows.extend(clusapi_sim::__clusapi_resource_externs!(derived_rows));
    rows
}

/// Everything a call could change, read through the public API: the handle table, the
/// connections, the port's queue, and every object of the cluster with its state, owner,
/// group, preferred owners and dependencies.
fn fingerprint(sim: &Simulator, l: &Live) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "handles {:?}", sim.open_handles());
    let _ = writeln!(out, "connections {}", sim.open_connection_count());
    let _ = writeln!(out, "port head {:?}", sim.peek_cluster_notify(l.port, 0));
    let _ = writeln!(out, "registry {:?}", sim.cluster_reg_query_info_key(l.key));
    let c = match sim.open_cluster(None) {
        Ok(c) => c,
        Err(e) => {
            let _ = writeln!(out, "open_cluster: {}", e.code());
            return out;
        }
    };
    let _ = writeln!(out, "cluster {:?}", sim.get_cluster_information(c).map(|i| i.name));
    let e = sim.cluster_open_enum(c, CLUSTER_ENUM_ALL).expect("fingerprint enum");
    for i in 0..sim.cluster_get_enum_count(e).expect("count") {
        let (kind, name) = sim.cluster_enum(e, i).expect("item");
        let _ = write!(out, "{kind:#x} {name:?}: ");
        let line = match kind {
            0x1 => {
                let n = sim.open_cluster_node(c, &name).expect("node");
                let s = format!("{:?} {:?}", sim.get_cluster_node_state(n), sim.get_cluster_node_id(Some(n)));
                sim.close_cluster_node(n).expect("close");
                s
            }
            0x4 => {
                let r = sim.open_cluster_resource(c, &name).expect("resource");
                let deps = sim.cluster_resource_open_enum(r, CLUSTER_RESOURCE_ENUM_DEPENDS).expect("enum");
                let names: Vec<_> = (0..sim.cluster_resource_get_enum_count(deps).expect("count"))
                    .map(|i| sim.cluster_resource_enum(deps, i).expect("item").1)
                    .collect();
                sim.cluster_resource_close_enum(deps).expect("close");
                let s = format!("{:?} depends on {names:?}", sim.get_cluster_resource_state(r));
                sim.close_cluster_resource(r).expect("close");
                s
            }
            0x8 => {
                let g = sim.open_cluster_group(c, &name).expect("group");
                let nodes = sim.cluster_group_open_enum(g, CLUSTER_GROUP_ENUM_NODES).expect("enum");
                let names: Vec<_> = (0..sim.cluster_group_get_enum_count(nodes).expect("count"))
                    .map(|i| sim.cluster_group_enum(nodes, i).expect("item").1)
                    .collect();
                sim.cluster_group_close_enum(nodes).expect("close");
                let s = format!("{:?} preferred {names:?}", sim.get_cluster_group_state(g));
                sim.close_cluster_group(g).expect("close");
                s
            }
            0x10 => {
                let n = sim.open_cluster_network(c, &name).expect("network");
                let s = format!("{:?} {:?}", sim.get_cluster_network_state(n), sim.get_cluster_network_id(n));
                sim.close_cluster_network(n).expect("close");
                s
            }
            0x20 => {
                let n = sim.open_cluster_net_interface(c, &name).expect("interface");
                let s = format!("{:?}", sim.get_cluster_net_interface_state(n));
                sim.close_cluster_net_interface(n).expect("close");
                s
            }
            _ => String::new(),
        };
        let _ = writeln!(out, "{line}");
    }
    sim.cluster_close_enum(e).expect("close");
    sim.close_cluster(c).expect("close");
    out
}

thread_local! {
    /// Panics on this thread (the hook runs on the panicking thread; other tests' panics
    /// do not count).
    static PANICS: Cell<usize> = const { Cell::new(0) };
}

fn panics() -> usize {
    PANICS.with(Cell::get)
}

/// Counts every panic (also those caught inside the library), then reports it as usual.
fn count_panics() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            PANICS.with(|p| p.set(p.get() + 1));
            previous(info);
        }));
    });
}

/// What one variant of a cell did.
struct Outcome {
    code: Option<u32>,
    changed: bool,
    panicked: bool,
}

/// Prepares the bad value of one handle variant in `sim` (with `other` as the second
/// simulator), returning the raw value.
fn bad_handle(sim: &Simulator, l: &Live, other: &Live, kind: HandleKind, class: usize, v: usize) -> usize {
    match class {
        CLOSED => {
            let raw = open_kind(sim, l, kind);
            close_kind(sim, kind, raw);
            raw
        }
        REUSED => {
            let old = open_kind(sim, l, kind);
            close_kind(sim, kind, old);
            let new = open_kind(sim, l, kind);
            assert_ne!(old, new);
            assert_eq!((old ^ new) >> 17 & 0xFF_FFFF, 0, "{kind}: the slot was not reused");
            old
        }
        WRONG_KIND => l.raw(wrong_kind_for(kind)),
        OTHER_SIM => other.raw(kind),
        FORGED => {
            let live = l.raw(kind);
            let kind_bits = live & 0x1f;
            [0x5eed_1234_9abc_dee0 | kind_bits, 0xdead_bee0 | kind_bits, live ^ (1 << 41)][v]
        }
        _ => unreachable!(),
    }
}

/// The variants of a cell, or `None` where the class does not apply.
fn variants(row: &Row, class: usize) -> Option<Vec<Bad>> {
    let names: Vec<usize> = row
        .params
        .iter()
        .enumerate()
        .filter(|(_, p)| matches!(p, P::Name | P::Opt))
        .map(|(i, _)| i)
        .collect();
    let per_name =
        |kind| Some(names.iter().map(|&i| Bad::Name(i, kind)).collect::<Vec<_>>()).filter(|v| !v.is_empty());
    match class {
        CLOSED | REUSED | WRONG_KIND | OTHER_SIM => row.kind.map(|_| vec![Bad::Handle(0)]),
        FORGED => row.kind.map(|_| vec![Bad::Handle(0), Bad::Handle(1), Bad::Handle(2)]),
        EMPTY_NAME => per_name(NameKind::Empty),
        LONG_NAME => per_name(NameKind::Long),
        INTERIOR_NUL => per_name(NameKind::InteriorNul),
        NULL_NAME => {
            let opts: Vec<Bad> = row
                .params
                .iter()
                .enumerate()
                .filter(|(_, p)| **p == P::Opt)
                .map(|(i, _)| Bad::Name(i, NameKind::Null))
                .collect();
            Some(opts).filter(|v| !v.is_empty())
        }
        INDEX => row.params.contains(&P::Index).then(|| vec![Bad::IndexPastEnd, Bad::IndexMax]),
        MASK => row.params.contains(&P::Mask).then(|| vec![Bad::MaskUnknownBit, Bad::MaskAllBits]),
        _ => None,
    }
}

fn run_variant(row: &Row, class: usize, variant: usize, bad: Bad) -> Outcome {
    let sim = Simulator::default();
    let l = Live::open(&sim);
    let other_sim = Simulator::default();
    let other = Live::open(&other_sim);
    let bad = match (bad, row.kind) {
        (Bad::Handle(_), Some(kind)) => Bad::Handle(bad_handle(&sim, &l, &other, kind, class, variant)),
        (b, _) => b,
    };
    let before = fingerprint(&sim, &l);
    let panics_before = panics();
    let ctx = Ctx { sim: &sim, l: &l, bad, used: Cell::new(false) };
    let result = catch_unwind(AssertUnwindSafe(|| (row.call)(&ctx)));
    assert!(ctx.used.get(), "{} / {}: the call did not use the bad input {bad:?}", row.name, COLUMNS[class]);
    let after = catch_unwind(AssertUnwindSafe(|| fingerprint(&sim, &l)));
    let panicked = result.is_err() || after.is_err() || panics() != panics_before;
    Outcome {
        code: result.ok(),
        changed: after.map_or(true, |a| {
            if a != before {
                eprintln!(
                    "{} / {}: the world changed:\n--- before\n{before}--- after\n{a}",
                    row.name, COLUMNS[class]
                );
            }
            a != before
        }),
        panicked,
    }
}

/// One cell: its text, and whether it passed; with the rule it broke or the change it made.
struct CellResult {
    text: String,
    tested: bool,
    violation: Option<String>,
    change: bool,
}

fn run_cell(row: &Row, class: usize) -> CellResult {
    let na = CellResult { text: "—".into(), tested: false, violation: None, change: false };
    if class == NULL_HANDLE {
        return match row.kind {
            Some(kind) => {
                let ok = zero_is_refused(kind);
                CellResult {
                    text: "T".into(),
                    tested: true,
                    violation: (!ok).then(|| format!("{kind}::from_raw(0) is not None")),
                    change: false,
                }
            }
            None => na,
        };
    }
    if class == BAD_UTF16 || (class == NULL_NAME && row.params.contains(&P::Name)) {
        return if row.params.iter().any(|p| matches!(p, P::Name | P::Opt)) {
            CellResult { text: "T".into(), tested: false, violation: None, change: false }
        } else {
            na
        };
    }
    let Some(vs) = variants(row, class) else { return na };
    let mut codes: Vec<String> = Vec::new();
    let mut violations = Vec::new();
    let mut change = false;
    for (i, bad) in vs.into_iter().enumerate() {
        let o = run_variant(row, class, i, bad);
        let mut text = o.code.map_or_else(|| "PANIC".to_owned(), |c| c.to_string());
        // ERROR_RESOURCE_PROPERTIES_STORED is a success status: the change is made
        // (SetClusterName answers it for every rename, as Microsoft's page documents).
        let succeeded = matches!(o.code, Some(0 | clusapi_sim::codes::ERROR_RESOURCE_PROPERTIES_STORED));
        if o.changed && succeeded && !o.panicked {
            text.push('*');
        }
        if !codes.contains(&text) {
            codes.push(text);
        }
        if o.panicked {
            violations.push(format!("variant {i} ({bad:?}) panicked"));
        } else if o.changed && !succeeded {
            violations.push(format!("variant {i} ({bad:?}) failed with {:?} but changed the world", o.code));
        } else if o.changed {
            change = true;
        }
    }
    let mut text = codes.join("/");
    if !violations.is_empty() {
        text.push('!');
    }
    CellResult {
        text,
        tested: true,
        violation: (!violations.is_empty()).then(|| violations.join("; ")),
        change,
    }
}

/// The section between the markers: the table, the documented changes and the counts.
type Section = (String, Vec<(String, usize, String)>, Vec<(String, usize)>, usize, usize);

fn build_section() -> Section {
    count_panics();
    let mut table = String::new();
    let _ = writeln!(table, "| Rust method | {} |", COLUMNS.join(" | "));
    let _ = writeln!(table, "|---|{}", "---|".repeat(COLUMNS.len()));
    let mut violations = Vec::new();
    let mut changes = Vec::new();
    let (mut tested, mut passed) = (0, 0);
    let rows = rows();
    for row in &rows {
        let mut cells = Vec::new();
        for class in 0..COLUMNS.len() {
            let cell = run_cell(row, class);
            if cell.tested {
                tested += 1;
                if cell.violation.is_none() {
                    passed += 1;
                }
            }
            if let Some(v) = &cell.violation {
                violations.push((row.name.to_owned(), class, v.clone()));
            }
            if cell.change {
                changes.push((row.name.to_owned(), class));
            }
            cells.push(cell.text);
        }
        let _ = writeln!(table, "| `{}` | {} |", row.name, cells.join(" | "));
    }
    let mut section = String::new();
    let _ = writeln!(section, "\n{table}");
    let _ =
        writeln!(section, "Cells marked `*`: the call succeeded and changed the world, as it is meant to:\n");
    for (row, class) in &changes {
        let why = EXPECTED_CHANGES
            .iter()
            .find(|(r, c, _)| r == row && c == class)
            .map_or("NOT DOCUMENTED", |(_, _, why)| why);
        let _ = writeln!(section, "* `{row}` / {}: {why}.", COLUMNS[*class]);
    }
    let _ = writeln!(section, "\nKnown bugs (cells marked `!`):");
    if KNOWN_BUGS.is_empty() {
        let _ = writeln!(section, "none.");
    } else {
        let _ = writeln!(section);
        for (row, class, what) in KNOWN_BUGS {
            let _ = writeln!(section, "* `{row}` / {}: {what}.", COLUMNS[*class]);
        }
    }
    let _ = writeln!(section, "\nNot rows (they take no handle, name, index or mask):");
    let _ = writeln!(section);
    for (name, why) in NOT_CATALOGUED {
        let _ = writeln!(section, "* `{name}`: {why}.");
    }
    let cells = rows.len() * COLUMNS.len();
    let _ = writeln!(
        section,
        "\nRust: {} rows × {} columns = {cells} cells; {tested} tested (a call made, or for `T` in the \
         first column `from_raw(0)` checked to be `None`), {passed} passed, {} known bugs; \
         {} panics.\n",
        rows.len(),
        COLUMNS.len(),
        KNOWN_BUGS.len(),
        violations.iter().filter(|(_, _, v)| v.contains("panicked")).count(),
    );
    println!("rust robustness: {} rows, {cells} cells, {tested} tested, {passed} passed", rows.len());
    (section, violations, changes, tested, passed)
}

/// Writes the section with `CLUSAPI_SIM_BLESS=1`, else checks that the file holds it.
fn bless_or_check(section: &str) {
    let bless = std::env::var("CLUSAPI_SIM_BLESS").is_ok_and(|v| v == "1");
    let text = std::fs::read_to_string(DOC).unwrap_or_default();
    let span = text.find(START).and_then(|s| text[s..].find(END).map(|e| (s + START.len(), s + e)));
    if bless {
        let new = match span {
            Some((s, e)) => format!("{}{section}{}", &text[..s], &text[e..]),
            None => format!("{text}\n{START}{section}{END}\n"),
        };
        std::fs::write(DOC, new).expect("write docs/robustness.md");
    } else {
        let (s, e) =
            span.expect("docs/robustness.md has no Rust table markers; rerun with CLUSAPI_SIM_BLESS=1");
        assert!(
            text[s..e] == *section,
            "docs/robustness.md's Rust table is out of date; rerun with CLUSAPI_SIM_BLESS=1 \
             cargo test --workspace --all-features --test suite -- robustness::"
        );
    }
}

#[test]
fn every_rust_method_against_every_bad_input() {
    let (section, violations, changes, tested, passed) = build_section();
    bless_or_check(&section);
    let found: BTreeSet<(String, usize)> = violations.iter().map(|(r, c, _)| (r.clone(), *c)).collect();
    let known: BTreeSet<(String, usize)> = KNOWN_BUGS.iter().map(|(r, c, _)| ((*r).to_owned(), *c)).collect();
    assert_eq!(found, known, "violations other than the known bugs: {violations:#?}");
    let expected: BTreeSet<(String, usize)> =
        EXPECTED_CHANGES.iter().map(|(r, c, _)| ((*r).to_owned(), *c)).collect();
    let changed: BTreeSet<(String, usize)> = changes.into_iter().collect();
    assert_eq!(changed, expected, "cells that succeeded and changed the world, against EXPECTED_CHANGES");
    assert_eq!(tested - passed, KNOWN_BUGS.len());
}

/// The rows name every declared call (`clusapi_sim::calls()`) and every other public
/// `Simulator` method that takes a handle, a name, an index or a mask; the others are listed
/// in `NOT_CATALOGUED`.
#[test]
fn the_catalogue_covers_every_public_method() {
    // Every file with an `impl Simulator` block (the declared calls are among them too).
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("src") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")), &mut files);
    files.retain(|f| std::fs::read_to_string(f).expect("read").contains("impl Simulator {"));
    assert!(files.len() >= 5, "found {} files with `impl Simulator`", files.len());
    let mut public = BTreeSet::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("read");
        for (_, rest) in text.match_indices("pub fn ").map(|(i, _)| ((), &text[i + 7..])) {
            if let Some((name, args)) = rest.split_once('(') {
                // `$name`: the method the `calls!` macro generates, one per declared call.
                if args.trim_start().starts_with("&self") && !name.starts_with('$') {
                    public.insert(name.to_owned());
                }
            }
        }
    }
    public.extend(clusapi_sim::calls().map(|c| c.name.to_owned()));
    let mut listed: BTreeSet<String> =
        rows().iter().map(|r| r.name.split(' ').next().expect("name").to_owned()).collect();
    listed.extend(NOT_CATALOGUED.iter().map(|(n, _)| (*n).to_owned()));
    assert_eq!(public, listed, "public methods against the catalogue");
}
