//! Calls the C ABI with arbitrary handle values, strings, buffer sizes and NULL pointers,
//! and checks what a C caller relies on:
//!
//! - no call panics across the boundary (a caught panic would answer
//!   `ERROR_INTERNAL_ERROR`, 1359, which fails the target);
//! - the buffer protocol: on success the string fits and is NUL-terminated; on
//!   `ERROR_MORE_DATA` the count says how long the string is; nothing is written past the
//!   capacity the caller gave;
//! - the live-handle count is the model's after every call, and closing everything leaves 0.
//!
//! Pointers the fuzzer passes are always either NULL or valid for what they claim (a
//! string buffer is NUL-terminated or 64K units long; `*lpcch` never exceeds the buffer), as
//! the real API's contract requires of callers; handle values are arbitrary.
#![no_main]

use std::ffi::c_void;
use std::ptr::{null, null_mut};

use arbitrary::Arbitrary;
use clusapi::*;
use libfuzzer_sys::fuzz_target;

const ERROR_SUCCESS: u32 = 0;
const ERROR_MORE_DATA: u32 = 234;
const ERROR_INTERNAL_ERROR: u32 = 1359;
const ERROR_INVALID_HANDLE: u32 = 6;

const NAMES: &[&str] = &[
    "NODE1",
    "NODE2",
    "Cluster Group",
    "Available Storage",
    "Cluster Name",
    "Cluster IP Address",
    "Cluster Network 1",
    "NODE1 - Cluster Network 1",
    "SIMCLUSTER",
    "",
    "Fuzz Group",
];

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Pick {
    Issued(u16),
    Null,
    Forged(u64),
}

#[derive(Arbitrary, Debug)]
enum Str {
    Null,
    Known(u8),
    /// Any units, NUL-terminated after them (interior NULs and lone surrogates included).
    Units(Vec<u16>),
    /// 64K units and no NUL among them.
    Unterminated,
}

/// An output buffer: NULL or `capacity` units; the count passed in is at most the capacity.
#[derive(Arbitrary, Debug, Clone, Copy)]
struct Out {
    null_buffer: bool,
    null_count: bool,
    capacity: u8,
    claimed: u8,
}

#[derive(Arbitrary, Debug)]
enum Op {
    OpenCluster(Str),
    OpenClusterEx(Str, u32, bool),
    Open {
        kind: u8,
        cluster: Pick,
        name: Str,
        ex: Option<(u32, bool)>,
    },
    GetClusterFrom {
        kind: u8,
        handle: Pick,
    },
    Close {
        kind: u8,
        handle: Pick,
    },
    State {
        kind: u8,
        handle: Pick,
        out: Out,
        out2: Out,
    },
    Strings {
        what: u8,
        handle: Pick,
        out: Out,
        a: Str,
        b: Str,
    },
    OpenEnum {
        kind: u8,
        handle: Pick,
        mask: u32,
    },
    EnumCount {
        kind: u8,
        handle: Pick,
    },
    Enum {
        kind: u8,
        handle: Pick,
        index: u32,
        null_type: bool,
        out: Out,
    },
    Control {
        what: u8,
        handle: Pick,
        other: Pick,
        name: Str,
        count: u8,
    },
    Lever {
        what: u8,
        name: Str,
    },
    Notify {
        what: u8,
        handle: Pick,
        other: Pick,
        filter: u32,
        out: Out,
    },
    /// `ClusterGroupControl` / `ClusterControl` with any code, input and output size.
    ControlCode {
        cluster: bool,
        handle: Pick,
        code: u32,
        known: Option<u8>,
        input: Vec<u8>,
        size: u16,
        null_out: bool,
        null_returned: bool,
    },
}

struct Model {
    issued: Vec<(u8, usize, bool)>,
}

// Kinds, as the model tracks them (matching the `Close` selector below).
const CLUSTER: u8 = 0;
const NODE: u8 = 1;
const GROUP: u8 = 2;
const RESOURCE: u8 = 3;
const NETWORK: u8 = 4;
const NETINTERFACE: u8 = 5;
const CLUSENUM: u8 = 6;
const NETWORKENUM: u8 = 7;
const NODEENUM: u8 = 8;
const GROUPENUM: u8 = 9;
const RESENUM: u8 = 10;
const CHANGE: u8 = 11;

impl Model {
    fn raw(&self, p: Pick) -> usize {
        match p {
            Pick::Issued(i) if !self.issued.is_empty() => self.issued[usize::from(i) % self.issued.len()].1,
            Pick::Forged(v) => v as usize,
            _ => 0,
        }
    }
    fn ptr<T>(&self, p: Pick) -> *mut T {
        // Handle values are opaque: the library decodes them and never dereferences them.
        self.raw(p) as *mut T
    }
    fn minted<T>(&mut self, kind: u8, h: *mut T) {
        if h.is_null() {
            let e = GetLastError();
            assert_ne!(e, ERROR_INTERNAL_ERROR, "a panic was caught");
            assert_ne!(e, ERROR_SUCCESS, "NULL handle without an error");
            return;
        }
        let raw = h as usize;
        assert!(!self.issued.iter().any(|e| e.2 && e.1 == raw), "{raw:#x} handed out while live");
        self.issued.push((kind, raw, true));
    }
    fn closed(&mut self, kind: u8, raw: usize, ok: bool) {
        let entry = self.issued.iter_mut().find(|e| e.2 && e.1 == raw && e.0 == kind);
        match (ok, entry) {
            (true, Some(e)) => e.2 = false,
            (true, None) => panic!("{raw:#x} closed as kind {kind} but it is no live handle of that kind"),
            (false, Some(_)) => panic!("closing live kind {kind} {raw:#x} failed: {}", GetLastError()),
            (false, None) => {}
        }
    }
    fn live(&self) -> usize {
        self.issued.iter().filter(|e| e.2).count()
    }
}

/// Keeps a string's units alive while a call uses the pointer.
fn units(s: &Str) -> Option<Vec<u16>> {
    match s {
        Str::Null => None,
        Str::Known(i) => Some(NAMES[usize::from(*i) % NAMES.len()].encode_utf16().chain([0]).collect()),
        Str::Units(u) => Some(u.iter().copied().chain([0]).collect()),
        Str::Unterminated => Some(vec![u16::from(b'A'); 65_536]),
    }
}

fn ptr(u: &Option<Vec<u16>>) -> *const u16 {
    u.as_ref().map_or(null(), |v| v.as_ptr())
}

/// An output buffer with a guard zone after it, to catch writes past the capacity.
struct Buffer {
    units: Vec<u16>,
    capacity: usize,
    count: u32,
    out: Out,
}

const GUARD: u16 = 0xA5A5;

impl Buffer {
    fn new(out: Out) -> Self {
        let capacity = usize::from(out.capacity);
        Self {
            units: vec![GUARD; capacity + 8],
            capacity,
            count: u32::from(out.claimed.min(out.capacity)),
            out,
        }
    }
    fn buf(&mut self) -> *mut u16 {
        if self.out.null_buffer { null_mut() } else { self.units.as_mut_ptr() }
    }
    fn count(&mut self) -> *mut u32 {
        if self.out.null_count { null_mut() } else { &mut self.count }
    }
    /// Checks the protocol after a call that returned `code`.
    fn check(&self, code: u32, claimed_in: u32) {
        assert!(self.units[self.capacity..].iter().all(|&u| u == GUARD), "write past the buffer");
        if self.out.null_buffer || self.out.null_count {
            return;
        }
        if code == ERROR_SUCCESS {
            let len = self.count as usize;
            assert!(len < claimed_in as usize, "success with {len} units in a buffer of {claimed_in}");
            assert_eq!(self.units[len], 0, "not NUL-terminated");
        }
        if code == ERROR_MORE_DATA {
            assert!(self.count >= claimed_in, "ERROR_MORE_DATA but {} fits in {claimed_in}", self.count);
        }
    }
}

fn status(code: u32) {
    assert_ne!(code, ERROR_INTERNAL_ERROR, "a panic was caught");
}

fn run(m: &mut Model, op: &Op) {
    match op {
        Op::OpenCluster(name) => {
            let n = units(name);
            // SAFETY: `n` is NULL or NUL-terminated / 64K units long.
            let h = unsafe { OpenCluster(ptr(&n)) };
            m.minted(CLUSTER, h);
        }
        Op::OpenClusterEx(name, access, null_granted) => {
            let n = units(name);
            let mut granted = 0u32;
            let g: *mut u32 = if *null_granted { null_mut() } else { &mut granted };
            // SAFETY: as above; `g` is NULL or points at a local.
            let h = unsafe { OpenClusterEx(ptr(&n), *access, g) };
            m.minted(CLUSTER, h);
        }
        Op::Open { kind, cluster, name, ex } => {
            let (c, n) = (m.ptr(*cluster), units(name));
            let mut granted = 0u32;
            let (access, g): (u32, *mut u32) = match ex {
                Some((a, true)) => (*a, null_mut()),
                Some((a, false)) => (*a, &mut granted),
                None => (0, null_mut()),
            };
            // SAFETY: strings and out-pointers as above; handle values are opaque.
            unsafe {
                match (kind % 5, ex.is_some()) {
                    (0, false) => m.minted(NODE, OpenClusterNode(c, ptr(&n))),
                    (0, true) => m.minted(NODE, OpenClusterNodeEx(c, ptr(&n), access, g)),
                    (1, false) => m.minted(GROUP, OpenClusterGroup(c, ptr(&n))),
                    (1, true) => m.minted(GROUP, OpenClusterGroupEx(c, ptr(&n), access, g)),
                    (2, false) => m.minted(RESOURCE, OpenClusterResource(c, ptr(&n))),
                    (2, true) => m.minted(RESOURCE, OpenClusterResourceEx(c, ptr(&n), access, g)),
                    (3, false) => m.minted(NETWORK, OpenClusterNetwork(c, ptr(&n))),
                    (3, true) => m.minted(NETWORK, OpenClusterNetworkEx(c, ptr(&n), access, g)),
                    (_, false) => m.minted(NETINTERFACE, OpenClusterNetInterface(c, ptr(&n))),
                    (_, true) => m.minted(NETINTERFACE, OpenClusterNetInterfaceEx(c, ptr(&n), access, g)),
                }
            }
        }
        Op::GetClusterFrom { kind, handle } => {
            let h = match kind % 5 {
                0 => GetClusterFromNode(m.ptr(*handle)),
                1 => GetClusterFromGroup(m.ptr(*handle)),
                2 => GetClusterFromResource(m.ptr(*handle)),
                3 => GetClusterFromNetwork(m.ptr(*handle)),
                _ => GetClusterFromNetInterface(m.ptr(*handle)),
            };
            m.minted(CLUSTER, h);
        }
        Op::Close { kind, handle } => {
            let raw = m.raw(*handle);
            let kind = kind % 12;
            let p = raw as *mut c_void;
            let ok = match kind {
                CLUSTER => CloseCluster(p.cast()) != 0,
                NODE => CloseClusterNode(p.cast()) != 0,
                GROUP => CloseClusterGroup(p.cast()) != 0,
                RESOURCE => CloseClusterResource(p.cast()) != 0,
                NETWORK => CloseClusterNetwork(p.cast()) != 0,
                NETINTERFACE => CloseClusterNetInterface(p.cast()) != 0,
                CLUSENUM => ClusterCloseEnum(p.cast()) == 0,
                NETWORKENUM => ClusterNetworkCloseEnum(p.cast()) == 0,
                NODEENUM => ClusterNodeCloseEnum(p.cast()) == 0,
                GROUPENUM => ClusterGroupCloseEnum(p.cast()) == 0,
                RESENUM => ClusterResourceCloseEnum(p.cast()) == 0,
                _ => CloseClusterNotifyPort(p.cast()) != 0,
            };
            if !ok && kind < CLUSENUM || kind == CHANGE && !ok {
                let e = GetLastError();
                status(e);
                if m.issued.iter().all(|e| !(e.2 && e.1 == raw && e.0 == kind)) && raw != 0 {
                    assert_eq!(e, ERROR_INVALID_HANDLE);
                }
            }
            m.closed(kind, raw, ok);
        }
        Op::State { kind, handle, out, out2 } => {
            let (mut b1, mut b2) = (Buffer::new(*out), Buffer::new(*out2));
            let (c1, c2) = (b1.count, b2.count);
            let h = m.ptr::<c_void>(*handle);
            // SAFETY: buffers are NULL or hold at least `*count` units; counts are NULL or locals.
            let state = unsafe {
                match kind % 5 {
                    0 => GetClusterNodeState(h.cast()),
                    1 => GetClusterGroupState(h.cast(), b1.buf(), b1.count()),
                    2 => GetClusterResourceState(h.cast(), b1.buf(), b1.count(), b2.buf(), b2.count()),
                    3 => GetClusterNetworkState(h.cast()),
                    _ => GetClusterNetInterfaceState(h.cast()),
                }
            };
            if state == -1 {
                status(GetLastError());
            }
            // The state functions report buffer trouble through the last error.
            let code = if state == -1 { GetLastError() } else { ERROR_SUCCESS };
            // Group state writes the owner into the first buffer; resource state writes the
            // owner and the group; the others write no string.
            let k = kind % 5;
            if code != ERROR_MORE_DATA && (k == 1 || k == 2) {
                b1.check(code, c1);
            }
            if code != ERROR_MORE_DATA && k == 2 {
                b2.check(code, c2);
            }
        }
        Op::Strings { what, handle, out, a, b } => {
            let mut buf = Buffer::new(*out);
            let claimed = buf.count;
            let h = m.ptr::<c_void>(*handle);
            let (a, b) = (units(a), units(b));
            let mut info = CLUSTERVERSIONINFO {
                dwVersionInfoSize: std::mem::size_of::<CLUSTERVERSIONINFO>() as u32,
                MajorVersion: 0,
                MinorVersion: 0,
                BuildNumber: 0,
                szVendorId: [0; 64],
                szCSDVersion: [0; 64],
                dwClusterHighestVersion: 0,
                dwClusterLowestVersion: 0,
                dwFlags: 0,
                dwReserved: 0,
            };
            let mut state = 0u32;
            // SAFETY: as above; `info` is a valid CLUSTERVERSIONINFO with its size set.
            let code = unsafe {
                match what % 5 {
                    0 => GetClusterInformation(h.cast(), buf.buf(), buf.count(), &mut info),
                    1 => GetClusterNodeId(h.cast(), buf.buf(), buf.count()),
                    2 => GetClusterNetworkId(h.cast(), buf.buf(), buf.count()),
                    3 => GetClusterNetInterface(h.cast(), ptr(&a), ptr(&b), buf.buf(), buf.count()),
                    _ => GetNodeClusterState(ptr(&a), if out.null_count { null_mut() } else { &mut state }),
                }
            };
            status(code);
            // GetNodeClusterState writes no string.
            if what % 5 != 4 {
                buf.check(code, claimed);
            }
        }
        Op::OpenEnum { kind, handle, mask } => {
            let h = m.ptr::<c_void>(*handle);
            match kind % 5 {
                0 => m.minted(CLUSENUM, ClusterOpenEnum(h.cast(), *mask)),
                1 => m.minted(NETWORKENUM, ClusterNetworkOpenEnum(h.cast(), *mask)),
                2 => m.minted(NODEENUM, ClusterNodeOpenEnum(h.cast(), *mask)),
                3 => m.minted(GROUPENUM, ClusterGroupOpenEnum(h.cast(), *mask)),
                _ => m.minted(RESENUM, ClusterResourceOpenEnum(h.cast(), *mask)),
            }
        }
        Op::EnumCount { kind, handle } => {
            let h = m.ptr::<c_void>(*handle);
            SetLastError(0);
            let n = match kind % 5 {
                0 => ClusterGetEnumCount(h.cast()),
                1 => ClusterNetworkGetEnumCount(h.cast()),
                2 => ClusterNodeGetEnumCount(h.cast()),
                3 => ClusterGroupGetEnumCount(h.cast()),
                _ => ClusterResourceGetEnumCount(h.cast()),
            };
            if n == 0 {
                status(GetLastError());
            }
        }
        Op::Enum { kind, handle, index, null_type, out } => {
            let mut buf = Buffer::new(*out);
            let claimed = buf.count;
            let mut ty = 0u32;
            let t: *mut u32 = if *null_type { null_mut() } else { &mut ty };
            let h = m.ptr::<c_void>(*handle);
            // SAFETY: as above.
            let code = unsafe {
                match kind % 5 {
                    0 => ClusterEnum(h.cast(), *index, t, buf.buf(), buf.count()),
                    1 => ClusterNetworkEnum(h.cast(), *index, t, buf.buf(), buf.count()),
                    2 => ClusterNodeEnum(h.cast(), *index, t, buf.buf(), buf.count()),
                    3 => ClusterGroupEnum(h.cast(), *index, t, buf.buf(), buf.count()),
                    _ => ClusterResourceEnum(h.cast(), *index, t, buf.buf(), buf.count()),
                }
            };
            status(code);
            buf.check(code, claimed);
        }
        Op::Control { what, handle, other, name, count } => {
            let (h, o) = (m.ptr::<c_void>(*handle), m.ptr::<c_void>(*other));
            let n = units(name);
            let mut list = [o.cast(); 4];
            // SAFETY: as above; `list` holds 4 entries and `count` is at most 4 (or the list is NULL).
            let code = unsafe {
                match what % 16 {
                    0 => OnlineClusterGroup(h.cast(), o.cast()),
                    1 => OfflineClusterGroup(h.cast()),
                    2 => MoveClusterGroup(h.cast(), o.cast()),
                    3 => OnlineClusterResource(h.cast()),
                    4 => OfflineClusterResource(h.cast()),
                    5 => FailClusterResource(h.cast()),
                    6 => PauseClusterNode(h.cast()),
                    7 => ResumeClusterNode(h.cast()),
                    8 => EvictClusterNode(h.cast()),
                    9 => {
                        m.minted(GROUP, CreateClusterGroup(h.cast(), ptr(&n)));
                        ERROR_SUCCESS
                    }
                    10 => DeleteClusterGroup(h.cast()),
                    11 => {
                        let ty = units(&Str::Known(4));
                        m.minted(RESOURCE, CreateClusterResource(h.cast(), ptr(&n), ptr(&ty), 0));
                        ERROR_SUCCESS
                    }
                    12 => DeleteClusterResource(h.cast()),
                    13 => SetClusterNetworkName(h.cast(), ptr(&n)),
                    14 => {
                        let c = u32::from(*count % 6);
                        let l = if c == 5 { null_mut() } else { list.as_mut_ptr() };
                        SetClusterGroupNodeList(h.cast(), c.min(4), l)
                    }
                    _ if count % 2 == 0 => AddClusterResourceDependency(h.cast(), o.cast()),
                    _ => RemoveClusterResourceDependency(h.cast(), o.cast()),
                }
            };
            status(code);
        }
        Op::Lever { what, name } => {
            let n = units(name);
            // SAFETY: as above.
            let code = unsafe {
                match what % 9 {
                    0 => ClusSimCrashNode(ptr(&n)),
                    1 => ClusSimRestoreNode(ptr(&n)),
                    2 => ClusSimNetworkDown(ptr(&n)),
                    3 => ClusSimPartitionNetwork(ptr(&n)),
                    4 => ClusSimRestoreNetwork(ptr(&n)),
                    5 => ClusSimStopService(ptr(&n)),
                    6 => ClusSimStartService(ptr(&n)),
                    7 => ClusSimStep(),
                    _ => ClusSimSettle(),
                }
            };
            status(code);
        }
        Op::ControlCode { .. } => {}
        Op::Notify { what, handle, other, filter, out } => {
            let (h, o) = (m.ptr::<c_void>(*handle), m.ptr::<c_void>(*other));
            match what % 3 {
                0 => {
                    let port = CreateClusterNotifyPort(o.cast(), h.cast(), *filter, 1);
                    // Adding a cluster to an existing port answers that same port.
                    if port.cast() != o || o.is_null() {
                        m.minted(CHANGE, port);
                    }
                }
                1 => status(RegisterClusterNotify(h.cast(), *filter, o, 2)),
                _ => {
                    let mut buf = Buffer::new(*out);
                    let claimed = buf.count;
                    let (mut key, mut ty) = (0usize, 0u32);
                    // SAFETY: as above; timeout 0 never blocks.
                    let code =
                        unsafe { GetClusterNotify(h.cast(), &mut key, &mut ty, buf.buf(), buf.count(), 0) };
                    status(code);
                    buf.check(code, claimed);
                }
            }
        }
    }
}

/// Runs a control code and checks the byte-counted protocol.
fn control_code(
    m: &Model,
    cluster: bool,
    handle: Pick,
    code: u32,
    input: &[u8],
    size: u16,
    null_out: bool,
    null_returned: bool,
) {
    let h = m.ptr::<c_void>(handle);
    let mut out = vec![0xA5u8; usize::from(size) + 8];
    let mut returned: u32 = 0xDEAD;
    let out_ptr: *mut c_void = if null_out { null_mut() } else { out.as_mut_ptr().cast() };
    let ret_ptr: *mut u32 = if null_returned { null_mut() } else { &mut returned };
    let in_ptr: *mut c_void = if input.is_empty() { null_mut() } else { input.as_ptr().cast_mut().cast() };
    let in_size = u32::try_from(input.len()).unwrap_or(0);
    // SAFETY: the input is `in_size` bytes, the output `size` bytes (plus a guard zone the
    // library must not touch), `returned` a local; the handle is opaque.
    let code_rc = unsafe {
        if cluster {
            ClusterControl(h.cast(), null_mut(), code, in_ptr, in_size, out_ptr, u32::from(size), ret_ptr)
        } else {
            ClusterGroupControl(
                h.cast(),
                null_mut(),
                code,
                in_ptr,
                in_size,
                out_ptr,
                u32::from(size),
                ret_ptr,
            )
        }
    };
    status(code_rc);
    assert!(out[usize::from(size)..].iter().all(|&b| b == 0xA5), "write past the output buffer");
    if !null_returned && (code_rc == ERROR_SUCCESS || code_rc == ERROR_MORE_DATA) {
        if code_rc == ERROR_SUCCESS {
            assert!(returned <= u32::from(size) || returned == 0, "success with {returned} bytes in {size}");
        } else {
            assert!(
                returned > u32::from(size) || null_out,
                "ERROR_MORE_DATA but {returned} bytes fit in {size}"
            );
        }
    }
}

fuzz_target!(|ops: Vec<Op>| {
    status(ClusSimReset());
    let mut m = Model { issued: Vec::new() };
    for op in ops.iter().take(128) {
        if let Op::ControlCode { cluster, handle, code, known, input, size, null_out, null_returned } = op {
            let supported = clusapi_sim::clusctl::supported();
            let code = match known {
                Some(i) if !supported.is_empty() => supported[usize::from(*i) % supported.len()].1,
                _ => *code,
            };
            control_code(&m, *cluster, *handle, code, input, *size, *null_out, *null_returned);
        } else {
            run(&mut m, op);
        }
        assert_eq!(ClusSimOpenHandleCount() as usize, m.live(), "live handles after {op:?}");
    }
    for &(kind, raw, live) in m.issued.clone().iter().rev() {
        if !live {
            continue;
        }
        let p = raw as *mut c_void;
        let ok = match kind {
            CLUSTER => CloseCluster(p.cast()) != 0,
            NODE => CloseClusterNode(p.cast()) != 0,
            GROUP => CloseClusterGroup(p.cast()) != 0,
            RESOURCE => CloseClusterResource(p.cast()) != 0,
            NETWORK => CloseClusterNetwork(p.cast()) != 0,
            NETINTERFACE => CloseClusterNetInterface(p.cast()) != 0,
            CLUSENUM => ClusterCloseEnum(p.cast()) == 0,
            NETWORKENUM => ClusterNetworkCloseEnum(p.cast()) == 0,
            NODEENUM => ClusterNodeCloseEnum(p.cast()) == 0,
            GROUPENUM => ClusterGroupCloseEnum(p.cast()) == 0,
            RESENUM => ClusterResourceCloseEnum(p.cast()) == 0,
            _ => CloseClusterNotifyPort(p.cast()) != 0,
        };
        assert!(ok, "closing live kind {kind}: {}", GetLastError());
    }
    assert_eq!(ClusSimOpenHandleCount(), 0);
});
