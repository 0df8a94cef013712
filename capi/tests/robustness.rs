//! The robustness catalogue of the C ABI: every exported function against every class of
//! bad input, called as C calls it (through the `extern "C"` functions).
//!
//! The process has one simulator: every cell starts with `ClusSimReset`, opens live
//! handles of every kind, prepares the bad value, fingerprints the world through the C
//! functions, makes the call, and fingerprints again. A call that fails must leave the
//! fingerprint as it was and set the last error; a call that succeeds and changes the
//! world must be listed in `EXPECTED_CHANGES`. The table is written to
//! `docs/robustness.md` with `CLUSAPI_SIM_BLESS=1`, and checked against it otherwise.

use std::cell::{Cell, RefCell};
use std::collections::BTreeSet;
use std::ffi::{c_char, c_void};
use std::fmt::Write as _;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Mutex, Once};

use clusapi::*;
use clusapi_sim::{
    HCluster, HGroup, HNetInterface, HNetwork, HNode, HResource, HandleKind, Simulator, clusctl,
};

mod common;

const DOC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/robustness.md");
const START: &str = "<!-- c-table:start -->";
const END: &str = "<!-- c-table:end -->";

/// The process has one simulator: the tests of this file take turns.
static SERIAL: Mutex<()> = Mutex::new(());

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
const SMALL_BUF: usize = 11;
const NULL_BUF: usize = 12;
const NULL_OUT: usize = 13;
const INDEX: usize = 14;
const MASK: usize = 15;

const CLUSTER_ENUM_ALL: DWORD = 0x3F;
const CHANGE_ALL: DWORD = 0xFFFF_FFFF;
const GENERIC_READ: DWORD = 0x8000_0000;
const GENERIC_ALL: DWORD = 0x1000_0000;
const SENTINEL: u16 = 0x7777;
const KEY_READ_C: DWORD = 0x2_0019;
const KEY_ALL_ACCESS_C: DWORD = 0xF_003F;
const BUF_UNITS: usize = 256;

/// Cells where a call succeeds and changes the world, as it is meant to: (row, column, why).
const EXPECTED_CHANGES: &[(&str, usize, &str)] = &[
    (
        "MoveClusterGroup (hDestinationNode)",
        NULL_HANDLE,
        "NULL asks for the best other node: the group moves",
    ),
    (
        "MoveClusterGroupEx (hDestinationNode)",
        NULL_HANDLE,
        "NULL asks for the best other node: the group moves",
    ),
    (
        "PauseClusterNodeEx (hNodeDrainTarget)",
        NULL_HANDLE,
        "NULL drains to each group's best other node: NODE1 pauses and its groups move",
    ),
    ("CreateClusterGroup", INTERIOR_NUL, "the name is read up to the NUL: a group `Fr` is created"),
    ("CreateClusterGroupEx", INTERIOR_NUL, "the name is read up to the NUL: a group `Fr` is created"),
    ("CreateClusterResource", INTERIOR_NUL, "the name is read up to the NUL: a resource `Fr` is created"),
    ("SetClusterNetworkName", INTERIOR_NUL, "the name is read up to the NUL: the network is renamed `Re`"),
    ("SetClusterGroupName", INTERIOR_NUL, "the name is read up to the NUL: the group is renamed `Re`"),
    ("SetClusterResourceName", INTERIOR_NUL, "the name is read up to the NUL: the resource is renamed `Re`"),
    ("SetClusterName", INTERIOR_NUL, "the name is read up to the NUL: the cluster is renamed `RE`"),
    (
        "CreateClusterResourceType",
        EMPTY_NAME,
        "the display name and the DLL may be empty (the type name may not): in those variants the type is created",
    ),
    ("CreateClusterResourceType", NULL_NAME, "the display name and the DLL may be NULL: the type is created"),
    ("CreateClusterResourceType", INTERIOR_NUL, "the name is read up to the NUL: a type `Fr` is created"),
    ("ClusterRegSetValue", EMPTY_NAME, "`L\"\"` is the key's default value: it is set"),
    ("ClusterRegSetValue", NULL_NAME, "NULL is the key's default value: it is set"),
    ("ClusterRegSetValue", INTERIOR_NUL, "the name is read up to the NUL: a value `Va` is set"),
    ("ClusterRegCreateKey", INTERIOR_NUL, "the name is read up to the NUL: a key `Su` is created"),
    ("ClusSimStopService", EMPTY_NAME, "`L\"\"` names the local cluster: its service stops"),
    ("ClusSimStopService", NULL_NAME, "NULL is the local cluster: its service stops"),
];

/// Rows whose parameter takes handles of several kinds: the live handle passed as the
/// wrong kind instead, and why.
const WRONG_KIND_OVERRIDES: &[(&str, HandleKind, &str)] = &[
    (
        "RegisterClusterNotify (hObject)",
        HandleKind::Cluster,
        "`hObject` takes a node, group, resource, network or interface handle, so a cluster handle is passed",
    ),
    (
        "RegisterClusterNotify (hObject: HKEY)",
        HandleKind::Cluster,
        "`hObject` takes a key handle too, so a cluster handle is passed",
    ),
];

/// Cells that break a rule: (row, column, what happens). Checked exactly.
const KNOWN_BUGS: &[(&str, usize, &str)] = &[];

/// The parameters the name, buffer, pointer, index and mask classes apply to, in order.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum P {
    /// A required `LPCWSTR`.
    Name,
    /// An `LPCWSTR` that may be NULL.
    Opt,
    /// A UTF-8 `const char *`.
    CStr,
    /// A buffer and its length pointer (the ClusAPI buffer protocol).
    Buf,
    /// A buffer and its length by value (`cchBufferLength`: resutils's fixed buffers).
    Fixed,
    /// `CLUSTERVERSIONINFO *`, with its size inside.
    Info,
    /// A `DWORD *` out-pointer.
    Out,
    /// A `DWORD_PTR *` out-pointer.
    Key,
    /// An enumeration index.
    Index,
    /// A type mask, desired access or flags.
    Mask,
    /// `SetClusterGroupNodeList`'s count and array.
    List,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum NameKind {
    Empty,
    Null,
    Long,
    InteriorNul,
    BadEncoding,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Bad {
    Handle(usize),
    Name(usize, NameKind),
    Small(usize),
    NullBuf(usize),
    NullOut(usize),
    IndexPastEnd,
    IndexMax,
    ListCount,
    MaskUnknownBit,
    MaskAllBits,
}

type Call = fn(&Cx) -> u32;

struct Row {
    name: &'static str,
    kind: Option<HandleKind>,
    params: &'static [P],
    call: Call,
}

fn wide(s: &str) -> Vec<u16> {
    s.encode_utf16().chain([0]).collect()
}

/// A MULTI_SZ: each name with its NUL, then the empty string.
fn multi_sz(names: &[&str]) -> Vec<u16> {
    names.iter().flat_map(|n| n.encode_utf16().chain([0])).chain([0]).collect()
}

/// The size in bytes of a UTF-16 list.
fn cb(units: &[u16]) -> DWORD {
    DWORD::try_from(units.len() * 2).expect("small")
}

fn ptr<T>(raw: usize) -> *mut T {
    std::ptr::without_provenance_mut(raw)
}

/// One live handle of every kind (raw values), and a port with two events queued.
struct LiveC {
    cluster: usize,
    node: usize,
    group: usize,
    resource: usize,
    resource2: usize,
    network: usize,
    nic: usize,
    clus_enum: usize,
    clus_enum_ex: usize,
    group_enum_ex: usize,
    res_enum_ex: usize,
    network_enum: usize,
    node_enum: usize,
    group_enum: usize,
    res_enum: usize,
    restype_enum: usize,
    port: usize,
    /// A group key with a subkey `Sub` and a value `Value`.
    key: usize,
}

impl LiveC {
    fn open() -> LiveC {
        // SAFETY: NUL-terminated names; every handle comes from the calls before.
        unsafe {
            let c = OpenCluster(std::ptr::null());
            let node = OpenClusterNode(c, wide("NODE2").as_ptr());
            let group = OpenClusterGroup(c, wide("Available Storage").as_ptr());
            let resource = OpenClusterResource(c, wide("Cluster Name").as_ptr());
            let network = OpenClusterNetwork(c, wide("Cluster Network 1").as_ptr());
            let port = CreateClusterNotifyPort(ptr(usize::MAX), c, CHANGE_ALL, 1);
            assert_eq!(PauseClusterNode(node), 0);
            assert_eq!(ResumeClusterNode(node), 0);
            let l = LiveC {
                cluster: c as usize,
                node: node as usize,
                group: group as usize,
                resource: resource as usize,
                resource2: OpenClusterResource(c, wide("Cluster IP Address").as_ptr()) as usize,
                network: network as usize,
                nic: OpenClusterNetInterface(c, wide("NODE1 - Cluster Network 1").as_ptr()) as usize,
                clus_enum: ClusterOpenEnum(c, CLUSTER_ENUM_ALL) as usize,
                clus_enum_ex: ClusterOpenEnumEx(c, CLUSTER_ENUM_ALL, std::ptr::null_mut()) as usize,
                group_enum_ex: {
                    let (rw, ro) = (multi_sz(&["Priority"]), multi_sz(&["GroupType"]));
                    ClusterGroupOpenEnumEx(c, rw.as_ptr(), cb(&rw), ro.as_ptr(), cb(&ro), 0) as usize
                },
                res_enum_ex: {
                    let rw = multi_sz(&["RestartAction"]);
                    ClusterResourceOpenEnumEx(c, rw.as_ptr(), cb(&rw), std::ptr::null(), 0, 0) as usize
                },
                network_enum: ClusterNetworkOpenEnum(network, 1) as usize,
                node_enum: ClusterNodeOpenEnum(node, 3) as usize,
                // The core group, so that its enumeration has items (for the buffer cells).
                group_enum: {
                    let core = OpenClusterGroup(c, wide("Cluster Group").as_ptr());
                    let e = ClusterGroupOpenEnum(core, 3) as usize;
                    CloseClusterGroup(core);
                    e
                },
                res_enum: ClusterResourceOpenEnum(resource, 7) as usize,
                restype_enum: ClusterResourceTypeOpenEnum(c, wide("IP Address").as_ptr(), 3) as usize,
                port: port as usize,
                key: {
                    let k = GetClusterGroupKey(group, KEY_ALL_ACCESS_C);
                    let mut sub: HKEY = std::ptr::null_mut();
                    let sub_name = wide("Sub");
                    let rc = ClusterRegCreateKey(
                        k,
                        sub_name.as_ptr(),
                        0,
                        KEY_READ_C,
                        std::ptr::null_mut(),
                        &mut sub,
                        std::ptr::null_mut(),
                    );
                    assert_eq!(rc, 0);
                    assert_eq!(ClusterRegCloseKey(sub), 0);
                    let one = 1u32.to_le_bytes();
                    assert_eq!(ClusterRegSetValue(k, wide("Value").as_ptr(), 4, one.as_ptr(), 4), 0);
                    k as usize
                },
            };
            assert!(l.all().iter().all(|&(_, raw)| raw != 0), "a live handle failed to open");
            l
        }
    }

    fn all(&self) -> [(HandleKind, usize); 17] {
        use HandleKind as K;
        [
            (K::Cluster, self.cluster),
            (K::Node, self.node),
            (K::Group, self.group),
            (K::Resource, self.resource),
            (K::Network, self.network),
            (K::NetInterface, self.nic),
            (K::ClusEnum, self.clus_enum),
            (K::ClusEnumEx, self.clus_enum_ex),
            (K::GroupEnumEx, self.group_enum_ex),
            (K::ResEnumEx, self.res_enum_ex),
            (K::NetworkEnum, self.network_enum),
            (K::NodeEnum, self.node_enum),
            (K::GroupEnum, self.group_enum),
            (K::ResEnum, self.res_enum),
            (K::ResTypeEnum, self.restype_enum),
            (K::Change, self.port),
            (K::Key, self.key),
        ]
    }

    fn raw(&self, kind: HandleKind) -> usize {
        self.all().iter().find(|(k, _)| *k == kind).map(|&(_, raw)| raw).expect("a live handle of the kind")
    }
}

/// A live handle of `kind` in a Rust simulator of this process (another simulator).
fn other_simulator_handle(sim: &Simulator, kind: HandleKind) -> usize {
    use HandleKind as K;
    let c = sim.open_cluster(None).expect("cluster");
    let node = sim.open_cluster_node(c, "NODE2").expect("node");
    let group = sim.open_cluster_group(c, "Available Storage").expect("group");
    let resource = sim.open_cluster_resource(c, "Cluster Name").expect("resource");
    let network = sim.open_cluster_network(c, "Cluster Network 1").expect("network");
    match kind {
        K::Cluster => c.as_raw(),
        K::Node => node.as_raw(),
        K::Group => group.as_raw(),
        K::Resource => resource.as_raw(),
        K::Network => network.as_raw(),
        K::NetInterface => {
            sim.open_cluster_net_interface(c, "NODE1 - Cluster Network 1").expect("nic").as_raw()
        }
        K::ClusEnum => sim.cluster_open_enum(c, CLUSTER_ENUM_ALL).expect("enum").as_raw(),
        K::NetworkEnum => sim.cluster_network_open_enum(network, 1).expect("enum").as_raw(),
        K::NodeEnum => sim.cluster_node_open_enum(node, 3).expect("enum").as_raw(),
        K::GroupEnum => sim.cluster_group_open_enum(group, 3).expect("enum").as_raw(),
        K::ResEnum => sim.cluster_resource_open_enum(resource, 7).expect("enum").as_raw(),
        K::ResTypeEnum => sim.cluster_resource_type_open_enum(c, "IP Address", 3).expect("enum").as_raw(),
        K::Change => sim.create_cluster_notify_port(None, c, CHANGE_ALL, 1).expect("port").as_raw(),
        K::ClusEnumEx => sim.cluster_open_enum_ex(c, CLUSTER_ENUM_ALL).expect("enum").as_raw(),
        K::GroupEnumEx => sim.cluster_group_open_enum_ex(c, &[], &[], 0).expect("enum").as_raw(),
        K::ResEnumEx => sim.cluster_resource_open_enum_ex(c, &[], &[], 0).expect("enum").as_raw(),
        K::Key => sim.get_cluster_key(c, KEY_READ_C).expect("key").as_raw(),
        other => panic!("unexpected kind {other}"),
    }
}

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
        K::ClusEnumEx => K::ClusEnum,
        K::GroupEnumEx => K::ResEnumEx,
        K::ResEnumEx => K::GroupEnumEx,
        K::Key => K::Group,
        other => panic!("unexpected kind {other}"),
    }
}

/// Opens a new handle of `kind` through the C functions; returns its value.
fn open_kind(l: &LiveC, kind: HandleKind) -> usize {
    use HandleKind as K;
    let c: HCLUSTER = ptr(l.cluster);
    // SAFETY: NUL-terminated names, live handles.
    let raw = unsafe {
        match kind {
            K::Cluster => OpenCluster(std::ptr::null()) as usize,
            K::Node => OpenClusterNode(c, wide("NODE1").as_ptr()) as usize,
            K::Group => OpenClusterGroup(c, wide("Cluster Group").as_ptr()) as usize,
            K::Resource => OpenClusterResource(c, wide("Cluster IP Address").as_ptr()) as usize,
            K::Network => OpenClusterNetwork(c, wide("Cluster Network 2").as_ptr()) as usize,
            K::NetInterface => {
                OpenClusterNetInterface(c, wide("NODE2 - Cluster Network 2").as_ptr()) as usize
            }
            K::ClusEnum => ClusterOpenEnum(c, CLUSTER_ENUM_ALL) as usize,
            K::NetworkEnum => ClusterNetworkOpenEnum(ptr(l.network), 1) as usize,
            K::NodeEnum => ClusterNodeOpenEnum(ptr(l.node), 3) as usize,
            K::GroupEnum => ClusterGroupOpenEnum(ptr(l.group), 3) as usize,
            K::ResEnum => ClusterResourceOpenEnum(ptr(l.resource), 7) as usize,
            K::ResTypeEnum => ClusterResourceTypeOpenEnum(c, wide("Generic Service").as_ptr(), 3) as usize,
            K::Change => CreateClusterNotifyPort(ptr(usize::MAX), c, CHANGE_ALL, 2) as usize,
            K::ClusEnumEx => ClusterOpenEnumEx(c, CLUSTER_ENUM_ALL, std::ptr::null_mut()) as usize,
            K::GroupEnumEx => ClusterGroupOpenEnumEx(c, std::ptr::null(), 0, std::ptr::null(), 0, 0) as usize,
            K::ResEnumEx => {
                ClusterResourceOpenEnumEx(c, std::ptr::null(), 0, std::ptr::null(), 0, 0) as usize
            }
            K::Key => GetClusterKey(c, KEY_READ_C) as usize,
            other => panic!("unexpected kind {other}"),
        }
    };
    assert_ne!(raw, 0, "opening a {kind}");
    raw
}

fn close_kind(kind: HandleKind, raw: usize) {
    use HandleKind as K;
    let ok = match kind {
        K::Cluster => CloseCluster(ptr(raw)) == TRUE,
        K::Node => CloseClusterNode(ptr(raw)) == TRUE,
        K::Group => CloseClusterGroup(ptr(raw)) == TRUE,
        K::Resource => CloseClusterResource(ptr(raw)) == TRUE,
        K::Network => CloseClusterNetwork(ptr(raw)) == TRUE,
        K::NetInterface => CloseClusterNetInterface(ptr(raw)) == TRUE,
        K::ClusEnum => ClusterCloseEnum(ptr(raw)) == 0,
        K::NetworkEnum => ClusterNetworkCloseEnum(ptr(raw)) == 0,
        K::NodeEnum => ClusterNodeCloseEnum(ptr(raw)) == 0,
        K::GroupEnum => ClusterGroupCloseEnum(ptr(raw)) == 0,
        K::ResEnum => ClusterResourceCloseEnum(ptr(raw)) == 0,
        K::ResTypeEnum => ClusterResourceTypeCloseEnum(ptr(raw)) == 0,
        K::Change => CloseClusterNotifyPort(ptr(raw)) == TRUE,
        K::ClusEnumEx => ClusterCloseEnumEx(ptr(raw)) == 0,
        K::GroupEnumEx => ClusterGroupCloseEnumEx(ptr(raw)) == 0,
        K::ResEnumEx => ClusterResourceCloseEnumEx(ptr(raw)) == 0,
        K::Key => ClusterRegCloseKey(ptr(raw)) == 0,
        other => panic!("unexpected kind {other}"),
    };
    assert!(ok, "closing a {kind}");
}

/// What a row's call sees: the live handles, the one bad input, and the memory its
/// pointers point to (owned here, so the pointers stay valid for the call).
struct Cx<'a> {
    l: &'a LiveC,
    bad: Bad,
    used: Cell<bool>,
    problems: RefCell<Vec<String>>,
    names: RefCell<Vec<Vec<u16>>>,
    bytes: RefCell<Vec<Vec<u8>>>,
    bufs: Vec<Vec<u16>>,
    buf_ptrs: Vec<*mut u16>,
    cch: Vec<DWORD>,
    cch_ptrs: Vec<*mut DWORD>,
    outs: Vec<DWORD>,
    out_ptrs: Vec<*mut DWORD>,
    key: Box<usize>,
    info: Box<CLUSTERVERSIONINFO>,
    list: RefCell<Vec<Vec<HNODE>>>,
}

impl<'a> Cx<'a> {
    fn new(l: &'a LiveC, bad: Bad) -> Self {
        let mut bufs: Vec<Vec<u16>> = (0..4).map(|_| vec![SENTINEL; BUF_UNITS]).collect();
        let buf_ptrs = bufs.iter_mut().map(|b| b.as_mut_ptr()).collect();
        let mut cch: Vec<DWORD> = vec![BUF_UNITS as DWORD; 4];
        let cch_ptrs = (0..4).map(|i| cch.as_mut_ptr().wrapping_add(i)).collect();
        let mut outs: Vec<DWORD> = vec![0; 4];
        let out_ptrs = (0..4).map(|i| outs.as_mut_ptr().wrapping_add(i)).collect();
        // SAFETY: CLUSTERVERSIONINFO is plain integers and arrays of them: all zeros is valid.
        let mut info: Box<CLUSTERVERSIONINFO> = Box::new(unsafe { std::mem::zeroed() });
        info.dwVersionInfoSize = std::mem::size_of::<CLUSTERVERSIONINFO>() as DWORD;
        Cx {
            l,
            bad,
            used: Cell::new(false),
            problems: RefCell::new(Vec::new()),
            names: RefCell::new(Vec::new()),
            bytes: RefCell::new(Vec::new()),
            bufs,
            buf_ptrs,
            cch,
            cch_ptrs,
            outs,
            out_ptrs,
            key: Box::new(0),
            info,
            list: RefCell::new(Vec::new()),
        }
    }

    fn problem(&self, what: String) {
        self.problems.borrow_mut().push(what);
    }

    /// The handle under test: the bad value in a handle cell, else `valid`.
    fn h<T>(&self, valid: usize) -> *mut T {
        match self.bad {
            Bad::Handle(raw) => {
                self.used.set(true);
                ptr(raw)
            }
            _ => ptr(valid),
        }
    }

    fn name_kind(&self, i: usize) -> Option<NameKind> {
        match self.bad {
            Bad::Name(k, kind) if k == i => {
                self.used.set(true);
                Some(kind)
            }
            _ => None,
        }
    }

    /// Name parameter `i` as a UTF-16 string.
    fn wname(&self, i: usize, valid: &str) -> LPCWSTR {
        let units: Vec<u16> = match self.name_kind(i) {
            None => wide(valid),
            Some(NameKind::Null) => return std::ptr::null(),
            Some(NameKind::Empty) => vec![0],
            Some(NameKind::Long) => {
                // 64K units and more without a NUL; the NUL comes 8 units later.
                let mut v = vec![u16::from(b'A'); (1 << 16) + 16];
                v[(1 << 16) + 8] = 0;
                v
            }
            Some(NameKind::InteriorNul) => {
                let mut v = wide(valid);
                v.insert(2, 0);
                v
            }
            Some(NameKind::BadEncoding) => {
                let mut v = wide(valid);
                v.insert(2, 0xD800);
                v
            }
        };
        let p = units.as_ptr();
        self.names.borrow_mut().push(units);
        p
    }

    /// Name parameter `i` as a UTF-8 C string.
    fn cname(&self, i: usize, valid: &str) -> *const c_char {
        let bytes: Vec<u8> = match self.name_kind(i) {
            None => valid.bytes().chain([0]).collect(),
            Some(NameKind::Null) => return std::ptr::null(),
            Some(NameKind::Empty) => vec![0],
            Some(NameKind::Long) => {
                let mut v = vec![b'A'; (1 << 16) + 16];
                v[(1 << 16) + 8] = 0;
                v
            }
            Some(NameKind::InteriorNul) => {
                let mut v: Vec<u8> = valid.bytes().chain([0]).collect();
                v.insert(2, 0);
                v
            }
            Some(NameKind::BadEncoding) => {
                let mut v: Vec<u8> = valid.bytes().chain([0]).collect();
                v.insert(2, 0xFF);
                v
            }
        };
        let p = bytes.as_ptr().cast();
        self.bytes.borrow_mut().push(bytes);
        p
    }

    /// Buffer parameter `i`: the buffer and its length pointer (256 units).
    fn buf(&self, i: usize) -> (LPWSTR, LPDWORD) {
        let (b, n) = (self.buf_ptrs[i], self.cch_ptrs[i]);
        match self.bad {
            Bad::Small(k) if k == i => {
                self.used.set(true);
                // SAFETY: the length cell is owned by `self` and not otherwise borrowed.
                unsafe { n.write(1) };
                (b, n)
            }
            Bad::NullBuf(k) if k == i => {
                self.used.set(true);
                (std::ptr::null_mut(), n)
            }
            Bad::NullOut(k) if k == i => {
                self.used.set(true);
                (b, std::ptr::null_mut())
            }
            _ => (b, n),
        }
    }

    /// Buffer parameter `i` in the byte-counted protocol of `Cluster*Control`: the buffer,
    /// its size in bytes (1 for a too-small buffer) and `lpBytesReturned`.
    fn bytes(&self, i: usize) -> (*mut std::ffi::c_void, DWORD, LPDWORD) {
        let size = DWORD::try_from(BUF_UNITS * 2).expect("small");
        let (b, n) = (self.buf_ptrs[i].cast::<std::ffi::c_void>(), self.cch_ptrs[i]);
        match self.bad {
            Bad::Small(k) if k == i => {
                self.used.set(true);
                (b, 1, n)
            }
            Bad::NullBuf(k) if k == i => {
                self.used.set(true);
                (std::ptr::null_mut(), size, n)
            }
            Bad::NullOut(k) if k == i => {
                self.used.set(true);
                (b, size, std::ptr::null_mut())
            }
            _ => (b, size, n),
        }
    }

    /// Fixed buffer parameter `i` and its `cchBufferLength` (256 units; 1 for a too-small
    /// buffer, NULL with 256 for a NULL one).
    fn fixed(&self, i: usize) -> (LPWSTR, DWORD) {
        let units = BUF_UNITS as DWORD;
        match self.bad {
            Bad::Small(k) if k == i => {
                self.used.set(true);
                (self.buf_ptrs[i], 1)
            }
            Bad::NullBuf(k) if k == i => {
                self.used.set(true);
                (std::ptr::null_mut(), units)
            }
            _ => (self.buf_ptrs[i], units),
        }
    }

    /// `ClusterEnumEx`'s `pItem` and `cbItem` (parameter `i`): buffer `i`, its size in bytes
    /// in the length cell (1 for a too-small buffer).
    fn item_buf<T>(&self, i: usize) -> (*mut T, LPDWORD) {
        let (b, n) = (self.buf_ptrs[i].cast::<T>(), self.cch_ptrs[i]);
        let size = DWORD::try_from(BUF_UNITS * 2).expect("small");
        // SAFETY: the length cell is owned by `self` and not otherwise borrowed.
        unsafe { n.write(size) };
        match self.bad {
            Bad::Small(k) if k == i => {
                self.used.set(true);
                // SAFETY: as above.
                unsafe { n.write(1) };
                (b, n)
            }
            Bad::NullBuf(k) if k == i => {
                self.used.set(true);
                (std::ptr::null_mut(), n)
            }
            Bad::NullOut(k) if k == i => {
                self.used.set(true);
                (b, std::ptr::null_mut())
            }
            _ => (b, n),
        }
    }

    /// `CLUSTERVERSIONINFO` parameter `i`.
    fn info(&self, i: usize) -> *mut CLUSTERVERSIONINFO {
        let p = (&raw const *self.info).cast_mut();
        match self.bad {
            Bad::Small(k) if k == i => {
                self.used.set(true);
                // SAFETY: the structure is owned by `self`; only its size field is written.
                unsafe { (&raw mut (*p).dwVersionInfoSize).write(4) };
                p
            }
            Bad::NullBuf(k) if k == i => {
                self.used.set(true);
                std::ptr::null_mut()
            }
            _ => p,
        }
    }

    /// `DWORD` out-pointer `i`.
    fn out(&self, i: usize) -> *mut DWORD {
        match self.bad {
            Bad::NullOut(k) if k == i => {
                self.used.set(true);
                std::ptr::null_mut()
            }
            _ => self.out_ptrs[i],
        }
    }

    /// `DWORD_PTR` out-pointer `i`.
    fn key(&self, i: usize) -> *mut usize {
        match self.bad {
            Bad::NullOut(k) if k == i => {
                self.used.set(true);
                std::ptr::null_mut()
            }
            _ => (&raw const *self.key).cast_mut(),
        }
    }

    fn index(&self, count: impl FnOnce() -> DWORD) -> DWORD {
        match self.bad {
            Bad::IndexPastEnd => {
                self.used.set(true);
                count()
            }
            Bad::IndexMax => {
                self.used.set(true);
                DWORD::MAX
            }
            _ => 0,
        }
    }

    fn mask(&self, valid: DWORD) -> DWORD {
        match self.bad {
            Bad::MaskUnknownBit => {
                self.used.set(true);
                valid | 0x100
            }
            Bad::MaskAllBits => {
                self.used.set(true);
                DWORD::MAX
            }
            _ => valid,
        }
    }

    /// `SetClusterGroupNodeList`'s `NodeCount` and `NodeList` (parameter `i`): one node.
    fn list(&self, i: usize, node: HNODE) -> (DWORD, *mut HNODE) {
        let mut v = vec![node];
        let p = v.as_mut_ptr();
        self.list.borrow_mut().push(v);
        match self.bad {
            Bad::NullBuf(k) if k == i => {
                self.used.set(true);
                (1, std::ptr::null_mut())
            }
            Bad::ListCount => {
                self.used.set(true);
                (0x7FFF_FFFF, p)
            }
            _ => (1, p),
        }
    }

    /// A `DWORD` status: on failure the last error must hold it.
    fn st(&self, status: DWORD) -> u32 {
        if status != 0 && GetLastError() != status {
            self.problem(format!("returned {status} but GetLastError() is {}", GetLastError()));
        }
        status
    }

    /// The last error after a failure signalled by the return value: it must be set.
    fn failure(&self) -> u32 {
        let e = GetLastError();
        if e == 0 {
            self.problem("failed without setting the last error".into());
        }
        e
    }

    /// A returned handle: NULL is a failure; a handle is closed again.
    fn hnd<T>(&self, h: *mut T, close: impl FnOnce(*mut T)) -> u32 {
        if h.is_null() {
            self.failure()
        } else {
            close(h);
            0
        }
    }

    fn boolean(&self, b: BOOL) -> u32 {
        if b == TRUE { 0 } else { self.failure() }
    }

    fn state(&self, s: i32) -> u32 {
        if s == -1 { self.failure() } else { 0 }
    }

    /// A count: 0 with the last error set is a failure (the last error was cleared before).
    fn count(&self, _n: DWORD) -> u32 {
        GetLastError()
    }

    /// Checks made after the call: a too-small buffer is left untouched.
    fn after(&self) {
        if let Bad::Small(k) = self.bad {
            if k < self.bufs.len() {
                // SAFETY: the buffer is owned by `self`; the call has returned.
                let first = unsafe { self.buf_ptrs[k].read() };
                if first != SENTINEL {
                    self.problem(format!("the too-small buffer {k} was written"));
                }
            }
        }
        let _ = (&self.cch, &self.outs);
    }
}

/// Calls an `extern "C"` function with the pointers a `Cx` hands out.
macro_rules! c {
    ($e:expr) => {{
        // SAFETY: every pointer is NULL, a NUL-terminated (or 64K-bounded) string, or memory
        // owned by the `Cx` of the size its length says; handles are numbers, never
        // dereferenced (that is what is tested).
        unsafe { $e }
    }};
}

/// How a derived row (an export derived from an `extern` declaration, `capi/src/derive.rs`)
/// passes an argument of each Rust type: the first handle is the one under test, names and
/// masks are the row's parameters in order.
trait Probe {
    /// The C parameter.
    type C;
    /// The handle kind, for a handle.
    const KIND: Option<HandleKind> = None;
    /// What the name and mask classes see in this parameter.
    const PARAM: Option<P> = None;
    /// The value to pass; `slot` is (the next parameter's position, a handle was passed).
    fn probe(c: &Cx, slot: &Cell<(usize, bool)>) -> Self::C;
}

macro_rules! probe_handles {
    ($($h:ident => $c:ident, $kind:ident;)*) => {$(
        impl Probe for $h {
            type C = $c;
            const KIND: Option<HandleKind> = Some(HandleKind::$kind);
            fn probe(c: &Cx, slot: &Cell<(usize, bool)>) -> $c {
                let (at, seen) = slot.get();
                slot.set((at, true));
                let valid = c.l.raw(HandleKind::$kind);
                if seen { ptr(valid) } else { c.h(valid) }
            }
        }
    )*};
}

probe_handles! {
    HCluster => HCLUSTER, Cluster;
    HNode => HNODE, Node;
    HGroup => HGROUP, Group;
    HResource => HRESOURCE, Resource;
    HNetwork => HNETWORK, Network;
    HNetInterface => HNETINTERFACE, NetInterface;
}

impl Probe for u32 {
    type C = DWORD;
    const PARAM: Option<P> = Some(P::Mask);
    fn probe(c: &Cx, slot: &Cell<(usize, bool)>) -> DWORD {
        let (at, seen) = slot.get();
        slot.set((at + 1, seen));
        c.mask(0)
    }
}

impl Probe for &str {
    type C = LPCWSTR;
    const PARAM: Option<P> = Some(P::Name);
    fn probe(c: &Cx, slot: &Cell<(usize, bool)>) -> LPCWSTR {
        let (at, seen) = slot.get();
        slot.set((at + 1, seen));
        c.wname(at, "Cluster IP Address")
    }
}

impl Probe for Option<&str> {
    type C = LPCWSTR;
    const PARAM: Option<P> = Some(P::Opt);
    fn probe(c: &Cx, slot: &Cell<(usize, bool)>) -> LPCWSTR {
        let (at, seen) = slot.get();
        slot.set((at + 1, seen));
        c.wname(at, "Cluster IP Address")
    }
}

/// The rows of a family's derived exports (the callback of
/// `clusapi_sim::__clusapi_<family>_externs!`): the kind of the first handle, the params of
/// the names and numbers, and the status (the `string` form adds the buffer protocol).
macro_rules! derived_rows {
    ($( { $c:ident [$($form:ident)?] $name:ident ($($arg:ident : $ty:ty),*) $ret:ty } )*) => {
        vec![$( derived_rows!(@one [$($form)?] $c ($($arg : $ty),*)) ),*]
    };
    (@one [] $c:ident ($($arg:ident : $ty:ty),*)) => {
        derived_row(stringify!($c), None$(.or(<$ty as Probe>::KIND))*, vec![$(<$ty as Probe>::PARAM),*], |c| {
            let slot = Cell::new((0, false));
            c.st(c!($c($(<$ty as Probe>::probe(c, &slot)),*)))
        })
    };
    (@one [string] $c:ident ($($arg:ident : $ty:ty),*)) => {
        derived_row(stringify!($c), None$(.or(<$ty as Probe>::KIND))*, vec![$(<$ty as Probe>::PARAM,)* Some(P::Buf)], |c| {
            let slot = Cell::new((0, false));
            let args = ($(<$ty as Probe>::probe(c, &slot),)*);
            let (b, n) = c.buf(slot.get().0);
            if let Bad::Small(k) = c.bad {
                if k == slot.get().0 {
                    // A buffer too small even for the NUL: a derived call's answer may be
                    // empty, which one unit holds.
                    // SAFETY: the length cell is owned by `c` and not otherwise borrowed.
                    unsafe { n.write(0) };
                }
            }
            let ($($arg,)*) = args;
            c.st(c!($c($($arg,)* b, n)))
        })
    };
}

/// A derived row: its params are those of its arguments that have one.
fn derived_row(name: &'static str, kind: Option<HandleKind>, params: Vec<Option<P>>, call: Call) -> Row {
    Row { name, kind, params: params.into_iter().flatten().collect::<Vec<_>>().leak(), call }
}

fn rows() -> Vec<Row> {
    use HandleKind as K;
    use P::*;
    fn r(name: &'static str, kind: Option<HandleKind>, params: &'static [P], call: Call) -> Row {
        Row { name, kind, params, call }
    }
    let mut rows = vec![
        // Cluster.
        r("GetLastError", None, &[], |_| 0),
        r("SetLastError", None, &[], |_| 0),
        r("OpenCluster", None, &[Opt], |c| {
            c.hnd(c!(OpenCluster(c.wname(0, "SIMCLUSTER"))), |h| {
                CloseCluster(h);
            })
        }),
        r("OpenClusterEx", None, &[Opt, Mask, Out], |c| {
            c.hnd(c!(OpenClusterEx(c.wname(0, "SIMCLUSTER"), c.mask(GENERIC_ALL), c.out(2))), |h| {
                CloseCluster(h);
            })
        }),
        r("CloseCluster", Some(K::Cluster), &[], |c| c.boolean(CloseCluster(c.h(c.l.cluster)))),
        r("GetClusterInformation", Some(K::Cluster), &[Buf, Info], |c| {
            let (b, n) = c.buf(0);
            c.st(c!(GetClusterInformation(c.h(c.l.cluster), b, n, c.info(1))))
        }),
        r("GetNodeClusterState", None, &[Opt, Out], |c| {
            c.st(c!(GetNodeClusterState(c.wname(0, "NODE1"), c.out(1))))
        }),
        // Cluster Shared Volumes: a path each, no handle; the default topology has no CSV
        // (capi/tests/c/backup_agent.c and tests/suite/shared_volumes.rs run them on one).
        r("IsFileOnClusterSharedVolume", None, &[Name, Out], |c| {
            c.st(c!(IsFileOnClusterSharedVolume(c.wname(0, r"C:\ClusterStorage\Volume1\x"), c.out(1).cast())))
        }),
        r("ClusterSharedVolumeSetSnapshotState", None, &[Name, Mask], |c| {
            let set = GUID { data1: 1, data2: 2, data3: 3, data4: [4; 8] };
            c.st(c!(ClusterSharedVolumeSetSnapshotState(
                set,
                c.wname(0, r"C:\ClusterStorage\Volume1\"),
                c.mask(1)
            )))
        }),
        r("ClusterSharedVolumeClearBackupState", None, &[Name], |c| {
            c.st(c!(ClusterSharedVolumeClearBackupState(c.wname(0, r"C:\ClusterStorage\Volume1\"))))
        }),
        r("GetClusterSharedVolumeNameForFile", None, &[Name], |c| {
            let mut name = [0u16; 64];
            c.boolean(c!(GetClusterSharedVolumeNameForFile(
                c.wname(0, r"C:\ClusterStorage\Volume1\x"),
                name.as_mut_ptr(),
                64
            )))
        }),
        // resutils.dll's helpers: called through libresutils (capi/resutils), whose exports
        // forward to this library's `ClusSimResUtils*`; each row stands for both (the
        // catalogue's coverage check maps one to the other).
        r("ClusterGetVolumePathName", None, &[Name, Fixed], |c| {
            let (b, n) = c.fixed(1);
            let path = c.wname(0, r"C:\ClusterStorage\Volume1\x").cast();
            // An empty path fails with the last error ERROR_SUCCESS, as Microsoft's page says:
            // the cell shows that 0.
            if c!(resutils::ClusterGetVolumePathName(path, b.cast(), n)) == TRUE { 0 } else { GetLastError() }
        }),
        r("ClusterGetVolumeNameForVolumeMountPoint", None, &[Name, Fixed], |c| {
            let (b, n) = c.fixed(1);
            let root = c.wname(0, r"C:\ClusterStorage\Volume1\").cast();
            c.boolean(c!(resutils::ClusterGetVolumeNameForVolumeMountPoint(root, b.cast(), n)))
        }),
        r("ClusterIsPathOnSharedVolume", None, &[Name], |c| {
            // A BOOL answer: the cell is the last error (87 for a path that cannot be read).
            c!(resutils::ClusterIsPathOnSharedVolume(c.wname(0, r"C:\ClusterStorage\Volume1\x").cast()));
            GetLastError()
        }),
        r("ClusterPrepareSharedVolumeForBackup", None, &[Name, Buf, Buf], |c| {
            let ((p, pn), (v, vn)) = (c.buf(1), c.buf(2));
            let file = c.wname(0, r"C:\ClusterStorage\Volume1\x").cast();
            c.st(c!(resutils::ClusterPrepareSharedVolumeForBackup(file, p.cast(), pn, v.cast(), vn)))
        }),
        r("ClusterClearBackupStateForSharedVolume", None, &[Name], |c| {
            let path = c.wname(0, r"C:\ClusterStorage\Volume1\").cast();
            c.st(c!(resutils::ClusterClearBackupStateForSharedVolume(path)))
        }),
        r("GetClusterNetInterface", Some(K::Cluster), &[Name, Name, Buf], |c| {
            let (b, n) = c.buf(2);
            c.st(c!(GetClusterNetInterface(
                c.h(c.l.cluster),
                c.wname(0, "NODE1"),
                c.wname(1, "Cluster Network 1"),
                b,
                n
            )))
        }),
        // Control.
        r("OnlineClusterGroup", Some(K::Group), &[], |c| {
            c.st(OnlineClusterGroup(c.h(c.l.group), std::ptr::null_mut()))
        }),
        r("OnlineClusterGroup (hDestinationNode)", Some(K::Node), &[], |c| {
            c.st(OnlineClusterGroup(ptr(c.l.group), c.h(c.l.node)))
        }),
        r("OfflineClusterGroup", Some(K::Group), &[], |c| c.st(OfflineClusterGroup(c.h(c.l.group)))),
        r("MoveClusterGroup", Some(K::Group), &[], |c| {
            c.st(MoveClusterGroup(c.h(c.l.group), std::ptr::null_mut()))
        }),
        r("MoveClusterGroup (hDestinationNode)", Some(K::Node), &[], |c| {
            c.st(MoveClusterGroup(ptr(c.l.group), c.h(c.l.node)))
        }),
        r("CreateClusterGroup", Some(K::Cluster), &[Name], |c| {
            c.hnd(c!(CreateClusterGroup(c.h(c.l.cluster), c.wname(0, "Fresh Group"))), |h| {
                CloseClusterGroup(h);
            })
        }),
        r("CreateClusterGroupEx", Some(K::Cluster), &[Name, Mask], |c| {
            // The mask class applies to `dwVersion` (1 is the only version).
            let mut info = CLUSTER_CREATE_GROUP_INFO { dwVersion: c.mask(1), groupType: 111 };
            c.hnd(c!(CreateClusterGroupEx(c.h(c.l.cluster), c.wname(0, "Fresh Group"), &mut info)), |h| {
                CloseClusterGroup(h);
            })
        }),
        r("DeleteClusterGroup", Some(K::Group), &[], |c| c.st(DeleteClusterGroup(c.h(c.l.group)))),
        r("SetClusterGroupNodeList", Some(K::Group), &[List], |c| {
            let (n, list) = c.list(0, ptr(c.l.node));
            c.st(c!(SetClusterGroupNodeList(c.h(c.l.group), n, list)))
        }),
        r("SetClusterGroupNodeList (NodeList[0])", Some(K::Node), &[], |c| {
            let (n, list) = c.list(9, c.h(c.l.node));
            c.st(c!(SetClusterGroupNodeList(ptr(c.l.group), n, list)))
        }),
        r("OnlineClusterResource", Some(K::Resource), &[], |c| {
            c.st(OnlineClusterResource(c.h(c.l.resource)))
        }),
        r("OfflineClusterResource", Some(K::Resource), &[], |c| {
            c.st(OfflineClusterResource(c.h(c.l.resource)))
        }),
        r("FailClusterResource", Some(K::Resource), &[], |c| c.st(FailClusterResource(c.h(c.l.resource)))),
        r("CreateClusterResource", Some(K::Group), &[Name, Name, Mask], |c| {
            let h = c!(CreateClusterResource(
                c.h(c.l.group),
                c.wname(0, "Fresh Resource"),
                c.wname(1, "IP Address"),
                c.mask(0)
            ));
            c.hnd(h, |h| {
                CloseClusterResource(h);
            })
        }),
        r("DeleteClusterResource", Some(K::Resource), &[], |c| {
            c.st(DeleteClusterResource(c.h(c.l.resource)))
        }),
        r("AddClusterResourceDependency", Some(K::Resource), &[], |c| {
            c.st(AddClusterResourceDependency(c.h(c.l.resource), ptr(c.l.resource2)))
        }),
        r("AddClusterResourceDependency (hDependsOn)", Some(K::Resource), &[], |c| {
            c.st(AddClusterResourceDependency(ptr(c.l.resource), c.h(c.l.resource2)))
        }),
        r("RemoveClusterResourceDependency", Some(K::Resource), &[], |c| {
            c.st(RemoveClusterResourceDependency(c.h(c.l.resource), ptr(c.l.resource2)))
        }),
        r("RemoveClusterResourceDependency (hDependsOn)", Some(K::Resource), &[], |c| {
            c.st(RemoveClusterResourceDependency(ptr(c.l.resource), c.h(c.l.resource2)))
        }),
        r("PauseClusterNode", Some(K::Node), &[], |c| c.st(PauseClusterNode(c.h(c.l.node)))),
        r("ResumeClusterNode", Some(K::Node), &[], |c| c.st(ResumeClusterNode(c.h(c.l.node)))),
        r("EvictClusterNode", Some(K::Node), &[], |c| c.st(EvictClusterNode(c.h(c.l.node)))),
        // Control codes (the code is the mask parameter; the answers are a few bytes: flags,
        // or the cluster's empty private-property names).
        r("ClusterControl", Some(K::Cluster), &[Mask, Buf], |c| {
            let (b, size, n) = c.bytes(1);
            let code = c
                .mask(clusctl::clusctl(clusctl::CLUS_OBJECT_CLUSTER, clusctl::CLCTL_ENUM_PRIVATE_PROPERTIES));
            c.st(c!(ClusterControl(
                c.h(c.l.cluster),
                std::ptr::null_mut(),
                code,
                std::ptr::null_mut(),
                0,
                b,
                size,
                n
            )))
        }),
        r("ClusterControl (hHostNode)", Some(K::Node), &[], |c| {
            let (b, size, n) = c.bytes(0);
            let code = clusctl::clusctl(clusctl::CLUS_OBJECT_CLUSTER, clusctl::CLCTL_ENUM_PRIVATE_PROPERTIES);
            c.st(c!(ClusterControl(
                ptr(c.l.cluster),
                c.h(c.l.node),
                code,
                std::ptr::null_mut(),
                0,
                b,
                size,
                n
            )))
        }),
        r("ClusterNodeControl", Some(K::Node), &[Mask, Buf], |c| {
            let (b, size, n) = c.bytes(1);
            let code = c.mask(clusctl::clusctl(clusctl::CLUS_OBJECT_NODE, clusctl::CLCTL_GET_FLAGS));
            c.st(c!(ClusterNodeControl(
                c.h(c.l.node),
                std::ptr::null_mut(),
                code,
                std::ptr::null_mut(),
                0,
                b,
                size,
                n
            )))
        }),
        r("ClusterNodeControl (hHostNode)", Some(K::Node), &[], |c| {
            let (b, size, n) = c.bytes(0);
            let code = clusctl::clusctl(clusctl::CLUS_OBJECT_NODE, clusctl::CLCTL_GET_FLAGS);
            c.st(c!(ClusterNodeControl(
                ptr(c.l.node),
                c.h(c.l.node),
                code,
                std::ptr::null_mut(),
                0,
                b,
                size,
                n
            )))
        }),
        r("ClusterGroupControl", Some(K::Group), &[Mask, Buf], |c| {
            let (b, size, n) = c.bytes(1);
            let code = c.mask(clusctl::clusctl(clusctl::CLUS_OBJECT_GROUP, clusctl::CLCTL_GET_FLAGS));
            c.st(c!(ClusterGroupControl(
                c.h(c.l.group),
                std::ptr::null_mut(),
                code,
                std::ptr::null_mut(),
                0,
                b,
                size,
                n
            )))
        }),
        r("ClusterGroupControl (hHostNode)", Some(K::Node), &[], |c| {
            let (b, size, n) = c.bytes(0);
            let code = clusctl::clusctl(clusctl::CLUS_OBJECT_GROUP, clusctl::CLCTL_GET_FLAGS);
            c.st(c!(ClusterGroupControl(
                ptr(c.l.group),
                c.h(c.l.node),
                code,
                std::ptr::null_mut(),
                0,
                b,
                size,
                n
            )))
        }),
        r("ClusterResourceControl", Some(K::Resource), &[Mask, Buf], |c| {
            let (b, size, n) = c.bytes(1);
            let code = c.mask(clusctl::CLUSCTL_RESOURCE_GET_FLAGS);
            c.st(c!(ClusterResourceControl(
                c.h(c.l.resource),
                std::ptr::null_mut(),
                code,
                std::ptr::null_mut(),
                0,
                b,
                size,
                n
            )))
        }),
        r("ClusterResourceControl (hHostNode)", Some(K::Node), &[], |c| {
            let (b, size, n) = c.bytes(0);
            let code = clusctl::CLUSCTL_RESOURCE_GET_FLAGS;
            c.st(c!(ClusterResourceControl(
                ptr(c.l.resource),
                c.h(c.l.node),
                code,
                std::ptr::null_mut(),
                0,
                b,
                size,
                n
            )))
        }),
        r("ClusterNetworkControl", Some(K::Network), &[Mask, Buf], |c| {
            let (b, size, n) = c.bytes(1);
            let code = c.mask(clusctl::clusctl(clusctl::CLUS_OBJECT_NETWORK, clusctl::CLCTL_GET_FLAGS));
            c.st(c!(ClusterNetworkControl(
                c.h(c.l.network),
                std::ptr::null_mut(),
                code,
                std::ptr::null_mut(),
                0,
                b,
                size,
                n
            )))
        }),
        r("ClusterNetworkControl (hHostNode)", Some(K::Node), &[], |c| {
            let (b, size, n) = c.bytes(0);
            let code = clusctl::clusctl(clusctl::CLUS_OBJECT_NETWORK, clusctl::CLCTL_GET_FLAGS);
            c.st(c!(ClusterNetworkControl(
                ptr(c.l.network),
                c.h(c.l.node),
                code,
                std::ptr::null_mut(),
                0,
                b,
                size,
                n
            )))
        }),
        r("ClusterNetInterfaceControl", Some(K::NetInterface), &[Mask, Buf], |c| {
            let (b, size, n) = c.bytes(1);
            let code = c.mask(clusctl::clusctl(clusctl::CLUS_OBJECT_NETINTERFACE, clusctl::CLCTL_GET_FLAGS));
            c.st(c!(ClusterNetInterfaceControl(
                c.h(c.l.nic),
                std::ptr::null_mut(),
                code,
                std::ptr::null_mut(),
                0,
                b,
                size,
                n
            )))
        }),
        r("ClusterNetInterfaceControl (hHostNode)", Some(K::Node), &[], |c| {
            let (b, size, n) = c.bytes(0);
            let code = clusctl::clusctl(clusctl::CLUS_OBJECT_NETINTERFACE, clusctl::CLCTL_GET_FLAGS);
            c.st(c!(ClusterNetInterfaceControl(
                ptr(c.l.nic),
                c.h(c.l.node),
                code,
                std::ptr::null_mut(),
                0,
                b,
                size,
                n
            )))
        }),
        r("ClusterResourceTypeControl", Some(K::Cluster), &[Name, Mask, Buf], |c| {
            let (b, size, n) = c.bytes(2);
            let code = c.mask(clusctl::clusctl(clusctl::CLUS_OBJECT_RESOURCE_TYPE, clusctl::CLCTL_GET_FLAGS));
            let name = c.wname(0, "Generic Service");
            c.st(c!(ClusterResourceTypeControl(
                c.h(c.l.cluster),
                name,
                std::ptr::null_mut(),
                code,
                std::ptr::null_mut(),
                0,
                b,
                size,
                n
            )))
        }),
        r("ClusterResourceTypeControl (hHostNode)", Some(K::Node), &[], |c| {
            let (b, size, n) = c.bytes(0);
            let code = clusctl::clusctl(clusctl::CLUS_OBJECT_RESOURCE_TYPE, clusctl::CLCTL_GET_FLAGS);
            let name = c.wname(0, "Generic Service");
            c.st(c!(ClusterResourceTypeControl(
                ptr(c.l.cluster),
                name,
                c.h(c.l.node),
                code,
                std::ptr::null_mut(),
                0,
                b,
                size,
                n
            )))
        }),
        r("SetClusterNetworkName", Some(K::Network), &[Name], |c| {
            c.st(c!(SetClusterNetworkName(c.h(c.l.network), c.wname(0, "Renamed Network"))))
        }),
        // Enumerations.
        r("ClusterOpenEnum", Some(K::Cluster), &[Mask], |c| {
            c.hnd(ClusterOpenEnum(c.h(c.l.cluster), c.mask(CLUSTER_ENUM_ALL)), |h| {
                ClusterCloseEnum(h);
            })
        }),
        r("ClusterGetEnumCount", Some(K::ClusEnum), &[], |c| {
            c.count(ClusterGetEnumCount(c.h(c.l.clus_enum)))
        }),
        r("ClusterEnum", Some(K::ClusEnum), &[Index, Out, Buf], |c| {
            let i = c.index(|| ClusterGetEnumCount(ptr(c.l.clus_enum)));
            let (b, n) = c.buf(2);
            c.st(c!(ClusterEnum(c.h(c.l.clus_enum), i, c.out(1), b, n)))
        }),
        r("ClusterCloseEnum", Some(K::ClusEnum), &[], |c| c.st(ClusterCloseEnum(c.h(c.l.clus_enum)))),
        r("ClusterGroupOpenEnumEx", Some(K::Cluster), &[Mask], |c| {
            let (rw, ro) = (multi_sz(&["Priority"]), multi_sz(&["*"]));
            let h = c!(ClusterGroupOpenEnumEx(
                c.h(c.l.cluster),
                rw.as_ptr(),
                cb(&rw),
                ro.as_ptr(),
                cb(&ro),
                c.mask(0)
            ));
            c.hnd(h, |h| {
                ClusterGroupCloseEnumEx(h);
            })
        }),
        r("ClusterGroupGetEnumCountEx", Some(K::GroupEnumEx), &[], |c| {
            c.count(ClusterGroupGetEnumCountEx(c.h(c.l.group_enum_ex)))
        }),
        r("ClusterGroupEnumEx", Some(K::GroupEnumEx), &[Index, Buf], |c| {
            let i = c.index(|| ClusterGroupGetEnumCountEx(ptr(c.l.group_enum_ex)));
            let (item, cb) = c.item_buf(1);
            c.st(c!(ClusterGroupEnumEx(c.h(c.l.group_enum_ex), i, item, cb)))
        }),
        r("ClusterGroupCloseEnumEx", Some(K::GroupEnumEx), &[], |c| {
            c.st(ClusterGroupCloseEnumEx(c.h(c.l.group_enum_ex)))
        }),
        r("ClusterResourceOpenEnumEx", Some(K::Cluster), &[Mask], |c| {
            let rw = multi_sz(&["RestartAction"]);
            let h = c!(ClusterResourceOpenEnumEx(
                c.h(c.l.cluster),
                rw.as_ptr(),
                cb(&rw),
                std::ptr::null(),
                0,
                c.mask(0)
            ));
            c.hnd(h, |h| {
                ClusterResourceCloseEnumEx(h);
            })
        }),
        r("ClusterResourceGetEnumCountEx", Some(K::ResEnumEx), &[], |c| {
            c.count(ClusterResourceGetEnumCountEx(c.h(c.l.res_enum_ex)))
        }),
        r("ClusterResourceEnumEx", Some(K::ResEnumEx), &[Index, Buf], |c| {
            let i = c.index(|| ClusterResourceGetEnumCountEx(ptr(c.l.res_enum_ex)));
            let (item, cb) = c.item_buf(1);
            c.st(c!(ClusterResourceEnumEx(c.h(c.l.res_enum_ex), i, item, cb)))
        }),
        r("ClusterResourceCloseEnumEx", Some(K::ResEnumEx), &[], |c| {
            c.st(ClusterResourceCloseEnumEx(c.h(c.l.res_enum_ex)))
        }),
        // Modern calls.
        r("ClusterOpenEnumEx", Some(K::Cluster), &[Mask], |c| {
            let h = ClusterOpenEnumEx(c.h(c.l.cluster), c.mask(CLUSTER_ENUM_ALL), std::ptr::null_mut());
            c.hnd(h, |h| {
                ClusterCloseEnumEx(h);
            })
        }),
        r("ClusterGetEnumCountEx", Some(K::ClusEnumEx), &[], |c| {
            c.count(ClusterGetEnumCountEx(c.h(c.l.clus_enum_ex)))
        }),
        r("ClusterEnumEx", Some(K::ClusEnumEx), &[Index, Buf], |c| {
            let i = c.index(|| ClusterGetEnumCountEx(ptr(c.l.clus_enum_ex)));
            let (item, cb) = c.item_buf(1);
            c.st(c!(ClusterEnumEx(c.h(c.l.clus_enum_ex), i, item, cb)))
        }),
        r("ClusterCloseEnumEx", Some(K::ClusEnumEx), &[], |c| {
            c.st(ClusterCloseEnumEx(c.h(c.l.clus_enum_ex)))
        }),
        r("OnlineClusterGroupEx", Some(K::Group), &[Mask], |c| {
            c.st(c!(OnlineClusterGroupEx(
                c.h(c.l.group),
                std::ptr::null_mut(),
                c.mask(0),
                std::ptr::null_mut(),
                0
            )))
        }),
        r("OfflineClusterGroupEx", Some(K::Group), &[Mask], |c| {
            c.st(c!(OfflineClusterGroupEx(c.h(c.l.group), c.mask(0), std::ptr::null_mut(), 0)))
        }),
        r("OnlineClusterResourceEx", Some(K::Resource), &[Mask], |c| {
            c.st(c!(OnlineClusterResourceEx(c.h(c.l.resource), c.mask(0), std::ptr::null_mut(), 0)))
        }),
        r("OfflineClusterResourceEx", Some(K::Resource), &[Mask], |c| {
            c.st(c!(OfflineClusterResourceEx(c.h(c.l.resource), c.mask(0), std::ptr::null_mut(), 0)))
        }),
        r("DestroyClusterGroup", Some(K::Group), &[], |c| c.st(DestroyClusterGroup(c.h(c.l.group)))),
        r("OnlineClusterGroupEx (hDestinationNode)", Some(K::Node), &[], |c| {
            c.st(c!(OnlineClusterGroupEx(ptr(c.l.group), c.h(c.l.node), 0, std::ptr::null_mut(), 0)))
        }),
        r("MoveClusterGroupEx", Some(K::Group), &[Mask], |c| {
            c.st(c!(MoveClusterGroupEx(
                c.h(c.l.group),
                std::ptr::null_mut(),
                c.mask(0),
                std::ptr::null_mut(),
                0
            )))
        }),
        r("MoveClusterGroupEx (hDestinationNode)", Some(K::Node), &[], |c| {
            c.st(c!(MoveClusterGroupEx(ptr(c.l.group), c.h(c.l.node), 0, std::ptr::null_mut(), 0)))
        }),
        r("PauseClusterNodeEx", Some(K::Node), &[Mask], |c| {
            c.st(PauseClusterNodeEx(c.h(c.l.node), TRUE, c.mask(0), std::ptr::null_mut()))
        }),
        r("PauseClusterNodeEx (hNodeDrainTarget)", Some(K::Node), &[], |c| {
            // SAFETY: a NUL-terminated name.
            let n1 = unsafe { OpenClusterNode(ptr(c.l.cluster), wide("NODE1").as_ptr()) };
            let rc = c.st(PauseClusterNodeEx(n1, TRUE, 0, c.h(c.l.node)));
            CloseClusterNode(n1);
            rc
        }),
        r("ResumeClusterNodeEx", Some(K::Node), &[Mask], |c| {
            c.st(ResumeClusterNodeEx(c.h(c.l.node), 1, c.mask(0)))
        }),
        r("ClusterNetworkOpenEnum", Some(K::Network), &[Mask], |c| {
            c.hnd(ClusterNetworkOpenEnum(c.h(c.l.network), c.mask(1)), |h| {
                ClusterNetworkCloseEnum(h);
            })
        }),
        r("ClusterNetworkGetEnumCount", Some(K::NetworkEnum), &[], |c| {
            c.count(ClusterNetworkGetEnumCount(c.h(c.l.network_enum)))
        }),
        r("ClusterNetworkEnum", Some(K::NetworkEnum), &[Index, Out, Buf], |c| {
            let i = c.index(|| ClusterNetworkGetEnumCount(ptr(c.l.network_enum)));
            let (b, n) = c.buf(2);
            c.st(c!(ClusterNetworkEnum(c.h(c.l.network_enum), i, c.out(1), b, n)))
        }),
        r("ClusterNetworkCloseEnum", Some(K::NetworkEnum), &[], |c| {
            c.st(ClusterNetworkCloseEnum(c.h(c.l.network_enum)))
        }),
        r("ClusterNodeOpenEnum", Some(K::Node), &[Mask], |c| {
            c.hnd(ClusterNodeOpenEnum(c.h(c.l.node), c.mask(3)), |h| {
                ClusterNodeCloseEnum(h);
            })
        }),
        r("ClusterNodeGetEnumCount", Some(K::NodeEnum), &[], |c| {
            c.count(ClusterNodeGetEnumCount(c.h(c.l.node_enum)))
        }),
        r("ClusterNodeEnum", Some(K::NodeEnum), &[Index, Out, Buf], |c| {
            let i = c.index(|| ClusterNodeGetEnumCount(ptr(c.l.node_enum)));
            let (b, n) = c.buf(2);
            c.st(c!(ClusterNodeEnum(c.h(c.l.node_enum), i, c.out(1), b, n)))
        }),
        r("ClusterNodeCloseEnum", Some(K::NodeEnum), &[], |c| c.st(ClusterNodeCloseEnum(c.h(c.l.node_enum)))),
        r("ClusterGroupOpenEnum", Some(K::Group), &[Mask], |c| {
            c.hnd(ClusterGroupOpenEnum(c.h(c.l.group), c.mask(3)), |h| {
                ClusterGroupCloseEnum(h);
            })
        }),
        r("ClusterGroupGetEnumCount", Some(K::GroupEnum), &[], |c| {
            c.count(ClusterGroupGetEnumCount(c.h(c.l.group_enum)))
        }),
        r("ClusterGroupEnum", Some(K::GroupEnum), &[Index, Out, Buf], |c| {
            let i = c.index(|| ClusterGroupGetEnumCount(ptr(c.l.group_enum)));
            let (b, n) = c.buf(2);
            c.st(c!(ClusterGroupEnum(c.h(c.l.group_enum), i, c.out(1), b, n)))
        }),
        r("ClusterGroupCloseEnum", Some(K::GroupEnum), &[], |c| {
            c.st(ClusterGroupCloseEnum(c.h(c.l.group_enum)))
        }),
        r("ClusterResourceOpenEnum", Some(K::Resource), &[Mask], |c| {
            c.hnd(ClusterResourceOpenEnum(c.h(c.l.resource), c.mask(7)), |h| {
                ClusterResourceCloseEnum(h);
            })
        }),
        r("ClusterResourceGetEnumCount", Some(K::ResEnum), &[], |c| {
            c.count(ClusterResourceGetEnumCount(c.h(c.l.res_enum)))
        }),
        r("ClusterResourceEnum", Some(K::ResEnum), &[Index, Out, Buf], |c| {
            let i = c.index(|| ClusterResourceGetEnumCount(ptr(c.l.res_enum)));
            let (b, n) = c.buf(2);
            c.st(c!(ClusterResourceEnum(c.h(c.l.res_enum), i, c.out(1), b, n)))
        }),
        r("ClusterResourceCloseEnum", Some(K::ResEnum), &[], |c| {
            c.st(ClusterResourceCloseEnum(c.h(c.l.res_enum)))
        }),
        // Resource types.
        r("CreateClusterResourceType", Some(K::Cluster), &[Name, Opt, Opt], |c| {
            c.st(c!(CreateClusterResourceType(
                c.h(c.l.cluster),
                c.wname(0, "Fresh Type"),
                c.wname(1, "Fresh"),
                c.wname(2, "fresh.dll"),
                1,
                1
            )))
        }),
        r("DeleteClusterResourceType", Some(K::Cluster), &[Name], |c| {
            c.st(c!(DeleteClusterResourceType(c.h(c.l.cluster), c.wname(0, "File Server"))))
        }),
        r("ClusterResourceTypeOpenEnum", Some(K::Cluster), &[Name, Mask], |c| {
            c.hnd(
                c!(ClusterResourceTypeOpenEnum(c.h(c.l.cluster), c.wname(0, "IP Address"), c.mask(3))),
                |h| {
                    ClusterResourceTypeCloseEnum(h);
                },
            )
        }),
        r("ClusterResourceTypeGetEnumCount", Some(K::ResTypeEnum), &[], |c| {
            c.count(ClusterResourceTypeGetEnumCount(c.h(c.l.restype_enum)))
        }),
        r("ClusterResourceTypeEnum", Some(K::ResTypeEnum), &[Index, Out, Buf], |c| {
            let i = c.index(|| ClusterResourceTypeGetEnumCount(ptr(c.l.restype_enum)));
            let (b, n) = c.buf(2);
            c.st(c!(ClusterResourceTypeEnum(c.h(c.l.restype_enum), i, c.out(1), b, n)))
        }),
        r("ClusterResourceTypeCloseEnum", Some(K::ResTypeEnum), &[], |c| {
            c.st(ClusterResourceTypeCloseEnum(c.h(c.l.restype_enum)))
        }),
        // Notifications.
        r("CreateClusterNotifyPort", Some(K::Cluster), &[], |c| {
            c.hnd(CreateClusterNotifyPort(ptr(usize::MAX), c.h(c.l.cluster), CHANGE_ALL, 3), |h| {
                CloseClusterNotifyPort(h);
            })
        }),
        r("CreateClusterNotifyPort (hChange)", Some(K::Change), &[], |c| {
            c.hnd(CreateClusterNotifyPort(c.h(c.l.port), ptr(c.l.cluster), CHANGE_ALL, 3), |_| {})
        }),
        r("RegisterClusterNotify", Some(K::Change), &[], |c| {
            c.st(RegisterClusterNotify(c.h(c.l.port), CHANGE_ALL, ptr::<c_void>(c.l.node), 4))
        }),
        r("RegisterClusterNotify (hObject)", Some(K::Node), &[], |c| {
            c.st(RegisterClusterNotify(ptr(c.l.port), CHANGE_ALL, c.h(c.l.node), 4))
        }),
        r("GetClusterNotify", Some(K::Change), &[Key, Out, Buf], |c| {
            let (b, n) = c.buf(2);
            c.st(c!(GetClusterNotify(c.h(c.l.port), c.key(0), c.out(1), b, n, 0)))
        }),
        r("CloseClusterNotifyPort", Some(K::Change), &[], |c| {
            c.boolean(CloseClusterNotifyPort(c.h(c.l.port)))
        }),
        // Notifications V2.
        r("CreateClusterNotifyPortV2", Some(K::Cluster), &[], |c| {
            let mut f = [NOTIFY_FILTER_AND_TYPE { dwObjectType: 2, FilterFlags: 8 }];
            c.hnd(
                c!(CreateClusterNotifyPortV2(ptr(usize::MAX), c.h(c.l.cluster), f.as_mut_ptr(), 1, 5)),
                |h| {
                    CloseClusterNotifyPort(h);
                },
            )
        }),
        r("CreateClusterNotifyPortV2 (hChange)", Some(K::Change), &[], |c| {
            let mut f = [NOTIFY_FILTER_AND_TYPE { dwObjectType: 2, FilterFlags: 8 }];
            c.hnd(
                c!(CreateClusterNotifyPortV2(c.h(c.l.port), ptr(c.l.cluster), f.as_mut_ptr(), 1, 5)),
                |_| {},
            )
        }),
        r("RegisterClusterNotifyV2", Some(K::Change), &[], |c| {
            let f = NOTIFY_FILTER_AND_TYPE { dwObjectType: 7, FilterFlags: 0x10 };
            c.st(RegisterClusterNotifyV2(c.h(c.l.port), f, ptr::<c_void>(c.l.node), 6))
        }),
        r("RegisterClusterNotifyV2 (hObject)", Some(K::Node), &[], |c| {
            let f = NOTIFY_FILTER_AND_TYPE { dwObjectType: 7, FilterFlags: 0x10 };
            c.st(RegisterClusterNotifyV2(ptr(c.l.port), f, c.h(c.l.node), 6))
        }),
        r("GetClusterNotifyV2", Some(K::Change), &[], |c| {
            let n = std::ptr::null_mut();
            c.st(c!(GetClusterNotifyV2(
                c.h(c.l.port),
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                n,
                n.cast(),
                n,
                n.cast(),
                n,
                n.cast(),
                n,
                n.cast(),
                n,
                0
            )))
        }),
        r("GetNotifyEventHandle", Some(K::Change), &[], |c| {
            let mut event: *mut c_void = std::ptr::null_mut();
            c.st(c!(GetNotifyEventHandle(c.h(c.l.port), &raw mut event)))
        }),
        // Cluster registry.
        r("GetClusterKey", Some(K::Cluster), &[Mask], |c| {
            c.hnd(GetClusterKey(c.h(c.l.cluster), c.mask(KEY_READ_C)), |h| {
                ClusterRegCloseKey(h);
            })
        }),
        r("GetClusterNodeKey", Some(K::Node), &[Mask], |c| {
            c.hnd(GetClusterNodeKey(c.h(c.l.node), c.mask(KEY_READ_C)), |h| {
                ClusterRegCloseKey(h);
            })
        }),
        r("GetClusterGroupKey", Some(K::Group), &[Mask], |c| {
            c.hnd(GetClusterGroupKey(c.h(c.l.group), c.mask(KEY_READ_C)), |h| {
                ClusterRegCloseKey(h);
            })
        }),
        r("GetClusterResourceKey", Some(K::Resource), &[Mask], |c| {
            c.hnd(GetClusterResourceKey(c.h(c.l.resource), c.mask(KEY_READ_C)), |h| {
                ClusterRegCloseKey(h);
            })
        }),
        r("GetClusterNetworkKey", Some(K::Network), &[Mask], |c| {
            c.hnd(GetClusterNetworkKey(c.h(c.l.network), c.mask(KEY_READ_C)), |h| {
                ClusterRegCloseKey(h);
            })
        }),
        r("GetClusterNetInterfaceKey", Some(K::NetInterface), &[Mask], |c| {
            c.hnd(GetClusterNetInterfaceKey(c.h(c.l.nic), c.mask(KEY_READ_C)), |h| {
                ClusterRegCloseKey(h);
            })
        }),
        r("GetClusterResourceTypeKey", Some(K::Cluster), &[Name, Mask], |c| {
            c.hnd(
                c!(GetClusterResourceTypeKey(c.h(c.l.cluster), c.wname(0, "IP Address"), c.mask(KEY_READ_C))),
                |h| {
                    ClusterRegCloseKey(h);
                },
            )
        }),
        r("ClusterRegOpenKey", Some(K::Key), &[Opt, Mask, Out], |c| {
            let mut out: HKEY = std::ptr::null_mut();
            let p = if c.out(2).is_null() { std::ptr::null_mut() } else { &raw mut out };
            let rc =
                c.st(c!(ClusterRegOpenKey(c.h(c.l.key), c.wname(0, "Sub"), c.mask(KEY_READ_C), p)) as DWORD);
            if !out.is_null() {
                ClusterRegCloseKey(out);
            }
            rc
        }),
        r("ClusterRegCreateKey", Some(K::Key), &[Name, Mask, Out], |c| {
            let mut out: HKEY = std::ptr::null_mut();
            let p = if c.out(2).is_null() { std::ptr::null_mut() } else { &raw mut out };
            let rc = c.st(c!(ClusterRegCreateKey(
                c.h(c.l.key),
                c.wname(0, "Sub"),
                0,
                c.mask(KEY_READ_C),
                std::ptr::null_mut(),
                p,
                std::ptr::null_mut()
            )) as DWORD);
            if !out.is_null() {
                ClusterRegCloseKey(out);
            }
            rc
        }),
        r("ClusterRegDeleteKey", Some(K::Key), &[Name], |c| {
            c.st(c!(ClusterRegDeleteKey(c.h(c.l.key), c.wname(0, "Missing"))) as DWORD)
        }),
        r("ClusterRegDeleteValue", Some(K::Key), &[Opt], |c| {
            c.st(c!(ClusterRegDeleteValue(c.h(c.l.key), c.wname(0, "Missing"))))
        }),
        r("ClusterRegEnumKey", Some(K::Key), &[Index, Buf], |c| {
            let i = c.index(|| {
                let mut n = 0;
                c!(ClusterRegQueryInfoKey(
                    ptr(c.l.key),
                    &mut n,
                    std::ptr::null_mut(),
                    std::ptr::null_mut(),
                    std::ptr::null_mut(),
                    std::ptr::null_mut(),
                    std::ptr::null_mut(),
                    std::ptr::null_mut()
                ));
                n
            });
            let (b, n) = c.buf(1);
            c.st(c!(ClusterRegEnumKey(c.h(c.l.key), i, b, n, std::ptr::null_mut())) as DWORD)
        }),
        r("ClusterRegEnumValue", Some(K::Key), &[Index, Buf, Out, Buf], |c| {
            let i = c.index(|| {
                let mut n = 0;
                c!(ClusterRegQueryInfoKey(
                    ptr(c.l.key),
                    std::ptr::null_mut(),
                    std::ptr::null_mut(),
                    &mut n,
                    std::ptr::null_mut(),
                    std::ptr::null_mut(),
                    std::ptr::null_mut(),
                    std::ptr::null_mut()
                ));
                n
            });
            let ((nb, nn), (db, dn)) = (c.buf(1), c.buf(3));
            c.st(c!(ClusterRegEnumValue(c.h(c.l.key), i, nb, nn, c.out(2), db.cast(), dn)))
        }),
        r("ClusterRegQueryValue", Some(K::Key), &[Opt, Out, Buf], |c| {
            let (b, n) = c.buf(2);
            c.st(c!(ClusterRegQueryValue(c.h(c.l.key), c.wname(0, "Value"), c.out(1), b.cast(), n)) as DWORD)
        }),
        r("ClusterRegSetValue", Some(K::Key), &[Opt], |c| {
            let one = 1u32.to_le_bytes();
            c.st(c!(ClusterRegSetValue(c.h(c.l.key), c.wname(0, "Value"), 4, one.as_ptr(), 4)))
        }),
        r("ClusterRegQueryInfoKey", Some(K::Key), &[Out], |c| {
            c.st(c!(ClusterRegQueryInfoKey(
                c.h(c.l.key),
                c.out(0),
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                std::ptr::null_mut()
            )) as DWORD)
        }),
        r("ClusterRegGetKeySecurity", Some(K::Key), &[Buf], |c| {
            let (b, n) = c.buf(0);
            c.st(c!(ClusterRegGetKeySecurity(c.h(c.l.key), 4, b.cast(), n)) as DWORD)
        }),
        r("ClusterRegSetKeySecurity", Some(K::Key), &[], |c| {
            let mut sd = vec![0u8; 256];
            let mut n: DWORD = 256;
            assert_eq!(c!(ClusterRegGetKeySecurity(ptr(c.l.key), 4, sd.as_mut_ptr().cast(), &mut n)), 0);
            c.st(c!(ClusterRegSetKeySecurity(c.h(c.l.key), 4, sd.as_mut_ptr().cast())) as DWORD)
        }),
        r("ClusterRegCloseKey", Some(K::Key), &[], |c| c.st(ClusterRegCloseKey(c.h(c.l.key)) as DWORD)),
        r("RegisterClusterNotify (hObject: HKEY)", Some(K::Key), &[], |c| {
            c.st(RegisterClusterNotify(ptr(c.l.port), CHANGE_ALL, c.h(c.l.key), 4))
        }),
        // Objects.
        r("OpenClusterNode", Some(K::Cluster), &[Name], |c| {
            c.hnd(c!(OpenClusterNode(c.h(c.l.cluster), c.wname(0, "NODE1"))), |h| {
                CloseClusterNode(h);
            })
        }),
        r("OpenClusterNodeEx", Some(K::Cluster), &[Name, Mask, Out], |c| {
            let h =
                c!(OpenClusterNodeEx(c.h(c.l.cluster), c.wname(0, "NODE1"), c.mask(GENERIC_READ), c.out(2)));
            c.hnd(h, |h| {
                CloseClusterNode(h);
            })
        }),
        r("CloseClusterNode", Some(K::Node), &[], |c| c.boolean(CloseClusterNode(c.h(c.l.node)))),
        r("GetClusterFromNode", Some(K::Node), &[], |c| {
            c.hnd(GetClusterFromNode(c.h(c.l.node)), |h| {
                CloseCluster(h);
            })
        }),
        r("OpenClusterGroup", Some(K::Cluster), &[Name], |c| {
            c.hnd(c!(OpenClusterGroup(c.h(c.l.cluster), c.wname(0, "Cluster Group"))), |h| {
                CloseClusterGroup(h);
            })
        }),
        r("OpenClusterGroupEx", Some(K::Cluster), &[Name, Mask, Out], |c| {
            let h = c!(OpenClusterGroupEx(
                c.h(c.l.cluster),
                c.wname(0, "Cluster Group"),
                c.mask(GENERIC_READ),
                c.out(2)
            ));
            c.hnd(h, |h| {
                CloseClusterGroup(h);
            })
        }),
        r("CloseClusterGroup", Some(K::Group), &[], |c| c.boolean(CloseClusterGroup(c.h(c.l.group)))),
        r("GetClusterFromGroup", Some(K::Group), &[], |c| {
            c.hnd(GetClusterFromGroup(c.h(c.l.group)), |h| {
                CloseCluster(h);
            })
        }),
        r("OpenClusterResource", Some(K::Cluster), &[Name], |c| {
            c.hnd(c!(OpenClusterResource(c.h(c.l.cluster), c.wname(0, "Cluster Name"))), |h| {
                CloseClusterResource(h);
            })
        }),
        r("OpenClusterResourceEx", Some(K::Cluster), &[Name, Mask, Out], |c| {
            let h = c!(OpenClusterResourceEx(
                c.h(c.l.cluster),
                c.wname(0, "Cluster Name"),
                c.mask(GENERIC_READ),
                c.out(2)
            ));
            c.hnd(h, |h| {
                CloseClusterResource(h);
            })
        }),
        r("CloseClusterResource", Some(K::Resource), &[], |c| {
            c.boolean(CloseClusterResource(c.h(c.l.resource)))
        }),
        r("GetClusterFromResource", Some(K::Resource), &[], |c| {
            c.hnd(GetClusterFromResource(c.h(c.l.resource)), |h| {
                CloseCluster(h);
            })
        }),
        r("OpenClusterNetwork", Some(K::Cluster), &[Name], |c| {
            c.hnd(c!(OpenClusterNetwork(c.h(c.l.cluster), c.wname(0, "Cluster Network 1"))), |h| {
                CloseClusterNetwork(h);
            })
        }),
        r("OpenClusterNetworkEx", Some(K::Cluster), &[Name, Mask, Out], |c| {
            let h = c!(OpenClusterNetworkEx(
                c.h(c.l.cluster),
                c.wname(0, "Cluster Network 1"),
                c.mask(GENERIC_READ),
                c.out(2)
            ));
            c.hnd(h, |h| {
                CloseClusterNetwork(h);
            })
        }),
        r("CloseClusterNetwork", Some(K::Network), &[], |c| c.boolean(CloseClusterNetwork(c.h(c.l.network)))),
        r("GetClusterFromNetwork", Some(K::Network), &[], |c| {
            c.hnd(GetClusterFromNetwork(c.h(c.l.network)), |h| {
                CloseCluster(h);
            })
        }),
        r("OpenClusterNetInterface", Some(K::Cluster), &[Name], |c| {
            let h = c!(OpenClusterNetInterface(c.h(c.l.cluster), c.wname(0, "NODE1 - Cluster Network 1")));
            c.hnd(h, |h| {
                CloseClusterNetInterface(h);
            })
        }),
        r("OpenClusterNetInterfaceEx", Some(K::Cluster), &[Name, Mask, Out], |c| {
            let h = c!(OpenClusterNetInterfaceEx(
                c.h(c.l.cluster),
                c.wname(0, "NODE1 - Cluster Network 1"),
                c.mask(GENERIC_READ),
                c.out(2)
            ));
            c.hnd(h, |h| {
                CloseClusterNetInterface(h);
            })
        }),
        r("CloseClusterNetInterface", Some(K::NetInterface), &[], |c| {
            c.boolean(CloseClusterNetInterface(c.h(c.l.nic)))
        }),
        r("GetClusterFromNetInterface", Some(K::NetInterface), &[], |c| {
            c.hnd(GetClusterFromNetInterface(c.h(c.l.nic)), |h| {
                CloseCluster(h);
            })
        }),
        r("GetClusterNodeId", Some(K::Node), &[Buf], |c| {
            let (b, n) = c.buf(0);
            c.st(c!(GetClusterNodeId(c.h(c.l.node), b, n)))
        }),
        r("GetClusterNetworkId", Some(K::Network), &[Buf], |c| {
            let (b, n) = c.buf(0);
            c.st(c!(GetClusterNetworkId(c.h(c.l.network), b, n)))
        }),
        r("GetClusterNodeState", Some(K::Node), &[], |c| c.state(GetClusterNodeState(c.h(c.l.node)))),
        r("GetClusterGroupState", Some(K::Group), &[Buf], |c| {
            let (b, n) = c.buf(0);
            c.state(c!(GetClusterGroupState(c.h(c.l.group), b, n)))
        }),
        r("GetClusterResourceState", Some(K::Resource), &[Buf, Buf], |c| {
            let ((nb, nn), (gb, gn)) = (c.buf(0), c.buf(1));
            c.state(c!(GetClusterResourceState(c.h(c.l.resource), nb, nn, gb, gn)))
        }),
        r("GetClusterNetworkState", Some(K::Network), &[], |c| {
            c.state(GetClusterNetworkState(c.h(c.l.network)))
        }),
        r("GetClusterNetInterfaceState", Some(K::NetInterface), &[], |c| {
            c.state(GetClusterNetInterfaceState(c.h(c.l.nic)))
        }),
        // Classic calls.
        r("AddClusterResourceNode", Some(K::Resource), &[], |c| {
            c.st(AddClusterResourceNode(c.h(c.l.resource), ptr(c.l.node)))
        }),
        r("AddClusterResourceNode (hNode)", Some(K::Node), &[], |c| {
            c.st(AddClusterResourceNode(ptr(c.l.resource), c.h(c.l.node)))
        }),
        r("RemoveClusterResourceNode", Some(K::Resource), &[], |c| {
            c.st(RemoveClusterResourceNode(c.h(c.l.resource), ptr(c.l.node)))
        }),
        r("RemoveClusterResourceNode (hNode)", Some(K::Node), &[], |c| {
            c.st(RemoveClusterResourceNode(ptr(c.l.resource), c.h(c.l.node)))
        }),
        r("CanResourceBeDependent", Some(K::Resource), &[], |c| {
            c.boolean(CanResourceBeDependent(c.h(c.l.resource), ptr(c.l.resource2)))
        }),
        r("CanResourceBeDependent (hResourceDependent)", Some(K::Resource), &[], |c| {
            c.boolean(CanResourceBeDependent(ptr(c.l.resource), c.h(c.l.resource2)))
        }),
        r("ChangeClusterResourceGroup", Some(K::Resource), &[], |c| {
            c.st(ChangeClusterResourceGroup(c.h(c.l.resource), ptr(c.l.group)))
        }),
        r("ChangeClusterResourceGroup (hGroup)", Some(K::Group), &[], |c| {
            c.st(ChangeClusterResourceGroup(ptr(c.l.resource), c.h(c.l.group)))
        }),
        // The quorum resource is set first (the fingerprint does not see it), so that its
        // names do not fit in a one-unit buffer.
        r("GetClusterQuorumResource", Some(K::Cluster), &[Buf, Buf, Out], |c| {
            let device = wide("Q:");
            assert_eq!(c!(SetClusterQuorumResource(ptr(c.l.resource), device.as_ptr(), 4096)), 0);
            let ((nb, nn), (db, dn)) = (c.buf(0), c.buf(1));
            c.st(c!(GetClusterQuorumResource(c.h(c.l.cluster), nb, nn, db, dn, c.out(2))))
        }),
        r("SetClusterQuorumResource", Some(K::Resource), &[Opt], |c| {
            c.st(c!(SetClusterQuorumResource(c.h(c.l.resource), c.wname(0, "Q:\\"), 4096)))
        }),
        r("GetClusterResourceNetworkName", Some(K::Resource), &[Buf], |c| {
            let (b, n) = c.buf(0);
            c.boolean(c!(GetClusterResourceNetworkName(c.h(c.l.resource), b, n)))
        }),
        r("SetClusterGroupName", Some(K::Group), &[Name], |c| {
            c.st(c!(SetClusterGroupName(c.h(c.l.group), c.wname(0, "Renamed Group"))))
        }),
        r("SetClusterResourceName", Some(K::Resource), &[Name], |c| {
            c.st(c!(SetClusterResourceName(c.h(c.l.resource), c.wname(0, "Renamed Resource"))))
        }),
        r("SetClusterName", Some(K::Cluster), &[Name], |c| {
            c.st(c!(SetClusterName(c.h(c.l.cluster), c.wname(0, "RENAMED"))))
        }),
        r("SetClusterNetworkPriorityOrder", Some(K::Cluster), &[], |c| {
            let mut list: [HNETWORK; 1] = [ptr(c.l.network)];
            c.st(c!(SetClusterNetworkPriorityOrder(c.h(c.l.cluster), 1, list.as_mut_ptr())))
        }),
        r("SetClusterNetworkPriorityOrder (NetworkList[0])", Some(K::Network), &[], |c| {
            let mut list: [HNETWORK; 1] = [c.h(c.l.network)];
            c.st(c!(SetClusterNetworkPriorityOrder(ptr(c.l.cluster), 1, list.as_mut_ptr())))
        }),
        r("EvictClusterNodeEx", Some(K::Node), &[], |c| {
            c.st(c!(EvictClusterNodeEx(c.h(c.l.node), 0, std::ptr::null_mut())))
        }),
        r("BackupClusterDatabase", Some(K::Cluster), &[Opt], |c| {
            c.st(c!(BackupClusterDatabase(c.h(c.l.cluster), c.wname(0, "C:\\backup"))))
        }),
        r("RestoreClusterDatabase", None, &[Opt, Opt], |c| {
            c.st(c!(RestoreClusterDatabase(c.wname(0, "C:\\backup"), FALSE, c.wname(1, "Q:"))))
        }),
        r("SetClusterServiceAccountPassword", None, &[Opt, Opt], |c| {
            let mut size: DWORD = 0;
            c.st(c!(SetClusterServiceAccountPassword(
                c.wname(0, "SIMCLUSTER"),
                c.wname(1, "secret"),
                0,
                std::ptr::null_mut(),
                &mut size
            )))
        }),
        // The simulator's levers.
        r("ClusSimReset", None, &[], |_| 0),
        r("ClusSimLoadTopology", None, &[CStr], |c| {
            c.st(c!(ClusSimLoadTopology(c.cname(0, "[[cluster]]\nname = \"LOADED\"\n"))))
        }),
        r("ClusSimCreate", None, &[CStr], |c| {
            c.hnd(c!(ClusSimCreate(c.cname(0, "[[cluster]]\nname = \"OWN\"\nnodes = [\"N1\"]\n"))), |h| {
                ClusSimDestroy(h);
            })
        }),
        r("ClusSimBindThread", None, &[], |c| {
            // SAFETY: NULL is the default topology.
            let own = unsafe { ClusSimCreate(std::ptr::null()) };
            let bound = c.st(ClusSimBindThread(own));
            ClusSimBindThread(std::ptr::null_mut());
            ClusSimDestroy(own);
            bound
        }),
        r("ClusSimCaptureCallers", None, &[], |c| c.st(ClusSimCaptureCallers(FALSE))),
        r("ClusSimDestroy", None, &[], |c| {
            // SAFETY: NULL is the default topology.
            let own = unsafe { ClusSimCreate(std::ptr::null()) };
            c.st(ClusSimDestroy(own))
        }),
        r("ClusSimLastErrorMessage", None, &[Buf], |c| {
            // A failure first, so that there is a message to read.
            CloseCluster(std::ptr::null_mut());
            let (b, n) = c.buf(0);
            c.st(c!(ClusSimLastErrorMessage(b.cast(), n)))
        }),
        r("ClusSimOpenHandleCount", None, &[], |_| 0),
        r("ClusSimLeakReport", None, &[Buf], |c| {
            let (b, n) = c.buf(0);
            c.st(c!(ClusSimLeakReport(b.cast(), n)))
        }),
        r("ClusSimStep", None, &[], |_| 0),
        r("ClusSimSettle", None, &[], |_| 0),
        r("ClusSimSetPendingDuration", None, &[], |_| 0),
        r("ClusSimAdvanceClock", None, &[], |_| 0),
        r("ClusSimCrashNode", None, &[Name], |c| c.st(c!(ClusSimCrashNode(c.wname(0, "NODE2"))))),
        r("ClusSimRestoreNode", None, &[Name], |c| c.st(c!(ClusSimRestoreNode(c.wname(0, "NODE2"))))),
        r("ClusSimStopService", None, &[Opt], |c| c.st(c!(ClusSimStopService(c.wname(0, "SIMCLUSTER"))))),
        r("ClusSimStartService", None, &[Opt], |c| c.st(c!(ClusSimStartService(c.wname(0, "SIMCLUSTER"))))),
        r("ClusSimInjectFault", None, &[Name, Opt], |c| {
            c.st(c!(ClusSimInjectFault(
                c.wname(0, "OnlineClusterGroup"),
                c.wname(1, "Available Storage"),
                0,
                0,
                0,
                1359
            )))
        }),
        r("ClusSimClearFaults", None, &[], |_| 0),
        r("ClusSimRedirectSharedVolume", None, &[Name], |c| {
            c.st(c!(ClusSimRedirectSharedVolume(c.wname(0, "Cluster Name"), TRUE)))
        }),
        r("ClusSimNetworkDown", None, &[Name], |c| {
            c.st(c!(ClusSimNetworkDown(c.wname(0, "Cluster Network 2"))))
        }),
        r("ClusSimPartitionNetwork", None, &[Name], |c| {
            c.st(c!(ClusSimPartitionNetwork(c.wname(0, "Cluster Network 2"))))
        }),
        r("ClusSimRestoreNetwork", None, &[Name], |c| {
            c.st(c!(ClusSimRestoreNetwork(c.wname(0, "Cluster Network 2"))))
        }),
    ];
    // The exports derived from `extern` declarations get derived rows, one line per family.
    rows.extend(clusapi_sim::__clusapi_modern_externs!(derived_rows));
    rows.extend(clusapi_sim::__clusapi_resource_externs!(derived_rows));
    rows
}

/// A string out of a buffer-protocol call, growing the buffer as asked.
fn two_call(mut f: impl FnMut(LPWSTR, LPDWORD) -> DWORD) -> Result<String, DWORD> {
    let mut cap: DWORD = 64;
    loop {
        let mut buf = vec![0u16; cap as usize];
        let mut len = cap;
        match f(buf.as_mut_ptr(), &mut len) {
            0 => return Ok(String::from_utf16_lossy(&buf[..len as usize])),
            234 => cap = len + 1,
            e => return Err(e),
        }
    }
}

/// Everything a call could change, read through the C functions: the handle count, the
/// leak report (every open handle: kind, value, object, call site), and every object of
/// the cluster with its state, owner, group, preferred owners and dependencies.
fn fingerprint() -> String {
    let mut out = String::new();
    let _ = writeln!(out, "handles {}", ClusSimOpenHandleCount());
    let mut len: DWORD = 0;
    // SAFETY: NULL buffer with a valid length: asks the length.
    unsafe { ClusSimLeakReport(std::ptr::null_mut(), &mut len) };
    let mut report = vec![0u8; len as usize + 1];
    len += 1;
    // SAFETY: a buffer of `len` bytes.
    unsafe { ClusSimLeakReport(report.as_mut_ptr().cast(), &mut len) };
    let _ = writeln!(out, "{}", String::from_utf8_lossy(&report[..len as usize]));
    // SAFETY: NULL names the local cluster; every handle below comes from these calls;
    // buffers are those `two_call` passes, of the size it says.
    unsafe {
        let c = OpenCluster(std::ptr::null());
        if c.is_null() {
            let _ = writeln!(out, "OpenCluster: {}", GetLastError());
            return out;
        }
        let _ = writeln!(
            out,
            "cluster {:?}",
            two_call(|b, n| GetClusterInformation(c, b, n, std::ptr::null_mut()))
        );
        {
            let g = OpenClusterGroup(c, wide("Available Storage").as_ptr());
            let k = GetClusterGroupKey(g, KEY_READ_C);
            let (mut subkeys, mut values) = (0, 0);
            let rc = ClusterRegQueryInfoKey(
                k,
                &mut subkeys,
                std::ptr::null_mut(),
                &mut values,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                std::ptr::null_mut(),
            );
            let _ = writeln!(out, "registry {rc} {subkeys} {values}");
            ClusterRegCloseKey(k);
            CloseClusterGroup(g);
        }
        let e = ClusterOpenEnum(c, CLUSTER_ENUM_ALL);
        for i in 0..ClusterGetEnumCount(e) {
            let mut kind = 0;
            let name = two_call(|b, n| ClusterEnum(e, i, &mut kind, b, n)).expect("item");
            let w = wide(&name);
            let line = match kind {
                0x1 => {
                    let n = OpenClusterNode(c, w.as_ptr());
                    let s = format!(
                        "{} {:?}",
                        GetClusterNodeState(n),
                        two_call(|b, l| GetClusterNodeId(n, b, l))
                    );
                    CloseClusterNode(n);
                    s
                }
                0x4 => {
                    let r = OpenClusterResource(c, w.as_ptr());
                    let (mut nb, mut gb) = (vec![0u16; 512], vec![0u16; 512]);
                    let (mut nl, mut gl) = (512, 512);
                    let state =
                        GetClusterResourceState(r, nb.as_mut_ptr(), &mut nl, gb.as_mut_ptr(), &mut gl);
                    let deps = ClusterResourceOpenEnum(r, 1);
                    let names: Vec<_> = (0..ClusterResourceGetEnumCount(deps))
                        .map(|i| {
                            let mut t = 0;
                            two_call(|b, n| ClusterResourceEnum(deps, i, &mut t, b, n))
                        })
                        .collect();
                    ClusterResourceCloseEnum(deps);
                    CloseClusterResource(r);
                    let (node, group) = (
                        String::from_utf16_lossy(&nb[..nl.min(512) as usize]),
                        String::from_utf16_lossy(&gb[..gl.min(512) as usize]),
                    );
                    format!("{state} on {node:?} in {group:?} depends on {names:?}")
                }
                0x8 => {
                    let g = OpenClusterGroup(c, w.as_ptr());
                    let mut nb = vec![0u16; 512];
                    let mut nl = 512;
                    let state = GetClusterGroupState(g, nb.as_mut_ptr(), &mut nl);
                    let nodes = ClusterGroupOpenEnum(g, 2);
                    let names: Vec<_> = (0..ClusterGroupGetEnumCount(nodes))
                        .map(|i| {
                            let mut t = 0;
                            two_call(|b, n| ClusterGroupEnum(nodes, i, &mut t, b, n))
                        })
                        .collect();
                    ClusterGroupCloseEnum(nodes);
                    CloseClusterGroup(g);
                    let owner = String::from_utf16_lossy(&nb[..nl.min(512) as usize]);
                    format!("{state} on {owner:?} preferred {names:?}")
                }
                0x10 => {
                    let n = OpenClusterNetwork(c, w.as_ptr());
                    let s = format!(
                        "{} {:?}",
                        GetClusterNetworkState(n),
                        two_call(|b, l| GetClusterNetworkId(n, b, l))
                    );
                    CloseClusterNetwork(n);
                    s
                }
                0x20 => {
                    let n = OpenClusterNetInterface(c, w.as_ptr());
                    let s = format!("{}", GetClusterNetInterfaceState(n));
                    CloseClusterNetInterface(n);
                    s
                }
                _ => String::new(),
            };
            let _ = writeln!(out, "{kind:#x} {name:?}: {line}");
        }
        ClusterCloseEnum(e);
        CloseCluster(c);
    }
    out
}

thread_local! {
    /// Panics on this thread, also those the C boundary catches.
    static PANICS: Cell<usize> = const { Cell::new(0) };
}

fn panics() -> usize {
    PANICS.with(Cell::get)
}

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

/// The variants of a cell, or `None` where the class does not apply.
fn variants(row: &Row, class: usize) -> Option<Vec<Bad>> {
    let at = |pred: &dyn Fn(P) -> bool| -> Vec<usize> {
        row.params.iter().enumerate().filter(|&(_, &p)| pred(p)).map(|(i, _)| i).collect()
    };
    let names = at(&|p| matches!(p, P::Name | P::Opt | P::CStr));
    let per_name = |kind| Some(names.iter().map(|&i| Bad::Name(i, kind)).collect::<Vec<_>>());
    let v = match class {
        NULL_HANDLE | CLOSED | REUSED | WRONG_KIND => row.kind.map(|_| vec![Bad::Handle(0)]),
        OTHER_SIM => row.kind.map(|_| vec![Bad::Handle(0), Bad::Handle(1)]),
        FORGED => row.kind.map(|_| vec![Bad::Handle(0), Bad::Handle(1), Bad::Handle(2)]),
        EMPTY_NAME => per_name(NameKind::Empty),
        NULL_NAME => per_name(NameKind::Null),
        LONG_NAME => per_name(NameKind::Long),
        INTERIOR_NUL => per_name(NameKind::InteriorNul),
        BAD_UTF16 => per_name(NameKind::BadEncoding),
        SMALL_BUF => {
            Some(at(&|p| matches!(p, P::Buf | P::Info | P::Fixed)).into_iter().map(Bad::Small).collect())
        }
        NULL_BUF => Some(
            at(&|p| matches!(p, P::Buf | P::Info | P::List | P::Fixed))
                .into_iter()
                .map(Bad::NullBuf)
                .collect(),
        ),
        NULL_OUT => {
            Some(at(&|p| matches!(p, P::Buf | P::Out | P::Key)).into_iter().map(Bad::NullOut).collect())
        }
        INDEX => {
            if row.params.contains(&P::Index) {
                Some(vec![Bad::IndexPastEnd, Bad::IndexMax])
            } else if row.params.contains(&P::List) {
                Some(vec![Bad::ListCount])
            } else {
                None
            }
        }
        MASK => row.params.contains(&P::Mask).then(|| vec![Bad::MaskUnknownBit, Bad::MaskAllBits]),
        _ => None,
    };
    v.filter(|v| !v.is_empty())
}

struct Outcome {
    code: Option<u32>,
    changed: bool,
    panicked: bool,
    problems: Vec<String>,
}

fn run_variant(row: &Row, class: usize, variant: usize, bad: Bad) -> Outcome {
    ClusSimReset();
    let kind = row.kind;
    // A handle kept from before a reset: another (dropped) simulator's.
    let stale = match (class, variant, kind) {
        (OTHER_SIM, 1, Some(k)) => {
            let before = LiveC::open();
            let raw = before.raw(k);
            ClusSimReset();
            Some(raw)
        }
        _ => None,
    };
    let l = LiveC::open();
    let rust_sim = Simulator::default();
    let bad = match (bad, kind) {
        (Bad::Handle(_), Some(k)) => Bad::Handle(match class {
            NULL_HANDLE => 0,
            CLOSED => {
                let raw = open_kind(&l, k);
                close_kind(k, raw);
                raw
            }
            REUSED => {
                let old = open_kind(&l, k);
                close_kind(k, old);
                let new = open_kind(&l, k);
                assert_ne!(old, new);
                assert_eq!((old ^ new) >> 17 & 0xFF_FFFF, 0, "{k}: the slot was not reused");
                old
            }
            WRONG_KIND => l.raw(
                WRONG_KIND_OVERRIDES
                    .iter()
                    .find(|(name, _, _)| *name == row.name)
                    .map_or_else(|| wrong_kind_for(k), |&(_, kind, _)| kind),
            ),
            // Each handle goes to the simulator that minted it: a live other simulator's
            // handle is only bad where a second handle must be of the first one's
            // simulator (rows named after that parameter); elsewhere the other simulator
            // is dropped first, so its handle leads to no simulator at all.
            OTHER_SIM => stale.unwrap_or_else(|| {
                if row.name.contains(" (") {
                    other_simulator_handle(&rust_sim, k)
                } else {
                    let gone = Simulator::default();
                    other_simulator_handle(&gone, k)
                }
            }),
            FORGED => {
                let live = l.raw(k);
                let kind_bits = live & 0x1f;
                [0x5eed_1234_9abc_dee0 | kind_bits, 0xdead_bee0 | kind_bits, live ^ (1 << 41)][variant]
            }
            _ => unreachable!(),
        }),
        (b, _) => b,
    };
    let before = fingerprint();
    let cx = Cx::new(&l, bad);
    let panics_before = panics();
    SetLastError(0);
    let result = catch_unwind(AssertUnwindSafe(|| (row.call)(&cx)));
    cx.after();
    assert!(cx.used.get(), "{} / {}: the call did not use the bad input {bad:?}", row.name, COLUMNS[class]);
    let after = catch_unwind(fingerprint);
    let panicked = result.is_err() || after.is_err() || panics() != panics_before;
    let changed = after.map_or(true, |a| {
        if a != before {
            eprintln!(
                "{} / {}: the world changed:\n--- before\n{before}--- after\n{a}",
                row.name, COLUMNS[class]
            );
        }
        a != before
    });
    let mut problems = cx.problems.take();
    if matches!(result, Ok(1359)) {
        problems.push("ERROR_INTERNAL_ERROR (a panic caught at the boundary)".into());
    }
    Outcome { code: result.ok(), changed, panicked, problems }
}

struct CellResult {
    text: String,
    tested: bool,
    violation: Option<String>,
    change: bool,
}

fn run_cell(row: &Row, class: usize) -> CellResult {
    let Some(vs) = variants(row, class) else {
        return CellResult { text: "—".into(), tested: false, violation: None, change: false };
    };
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
            change = true;
        }
        if !codes.contains(&text) {
            codes.push(text);
        }
        if o.panicked {
            violations.push(format!("variant {i} ({bad:?}) panicked"));
        } else if o.changed && !succeeded {
            violations.push(format!("variant {i} ({bad:?}) failed with {:?} but changed the world", o.code));
        }
        for p in o.problems {
            violations.push(format!("variant {i} ({bad:?}): {p}"));
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

type Section = (String, Vec<(String, usize, String)>, Vec<(String, usize)>, usize, usize);

fn build_section() -> Section {
    count_panics();
    let mut table = String::new();
    let _ = writeln!(table, "| C function | {} |", COLUMNS.join(" | "));
    let _ = writeln!(table, "|---|{}", "---|".repeat(COLUMNS.len()));
    let (mut violations, mut changes) = (Vec::new(), Vec::new());
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
    ClusSimReset();
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
    let _ = writeln!(section, "\nWrong kind, where a parameter takes several kinds:\n");
    for (row, kind, why) in WRONG_KIND_OVERRIDES {
        let _ = writeln!(section, "* `{row}`: a live {kind} handle; {why}.");
    }
    let cells = rows.len() * COLUMNS.len();
    let _ = writeln!(
        section,
        "\nC: {} rows ({} exports, and one row for each further handle parameter) × {} columns = \
         {cells} cells; {tested} tested, {passed} passed, {} known bugs; {} panics.\n",
        rows.len(),
        rows.iter().filter(|r| !r.name.contains(' ')).count(),
        COLUMNS.len(),
        KNOWN_BUGS.len(),
        violations.iter().filter(|(_, _, v)| v.contains("panicked")).count(),
    );
    println!("c robustness: {} rows, {cells} cells, {tested} tested, {passed} passed", rows.len());
    (section, violations, changes, tested, passed)
}

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
        let (s, e) = span.expect("docs/robustness.md has no C table markers; rerun with CLUSAPI_SIM_BLESS=1");
        assert!(
            text[s..e] == *section,
            "docs/robustness.md's C table is out of date; rerun with CLUSAPI_SIM_BLESS=1 \
             cargo test --workspace --all-features --test robustness"
        );
    }
}

#[test]
fn every_export_against_every_bad_input() {
    let _serial = SERIAL.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
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

/// The rows name every simulated export, each once: every `extern "C"` function written out
/// in `capi/src` (`common::simulated`, the set `coverage.rs` ties to the declared calls and
/// to the real `clusapi.dll`), where a `ClusSimResUtils*` export is named by the libresutils
/// export that forwards to it (`common::resutils_exports`): its row calls it through
/// libresutils. The exports that are not simulated (`not_simulated!` entries,
/// `clusapi::NOT_SIMULATED`) take no input: nothing to catalogue (`coverage.rs` checks what
/// they answer).
#[test]
fn the_catalogue_covers_every_export() {
    let _serial = SERIAL.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let mut simulated = common::simulated();
    for (win32, target) in common::resutils_exports() {
        assert!(simulated.remove(&target), "libresutils's {win32} forwards to {target}, which is no export");
        simulated.insert(win32);
    }
    let rows = rows();
    let listed: BTreeSet<String> =
        rows.iter().filter(|r| !r.name.contains(' ')).map(|r| r.name.to_owned()).collect();
    let missing: Vec<&String> = simulated.difference(&listed).collect();
    assert!(missing.is_empty(), "simulated exports without a row in the catalogue: {missing:?}");
    let extra: Vec<&String> = listed.difference(&simulated).collect();
    assert!(extra.is_empty(), "rows that name no simulated export (not simulated, or gone): {extra:?}");
    let all: BTreeSet<&str> = rows.iter().map(|r| r.name).collect();
    assert_eq!(all.len(), rows.len(), "a row is listed twice");
}
