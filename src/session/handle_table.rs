//! The handle table: every live handle of every kind, its scope and its connection.
//!
//! * An **entry** is one live handle: its kind, the object it names, its access, the call
//!   site that opened it and its **scope**.
//! * A **scope** is what one cluster handle opened: the cluster handle itself and every
//!   handle opened through it. It outlives its cluster handle while those handles live, and
//!   remembers whether the cluster handle was closed (strict mode and diagnostics read it).
//! * A **connection** is what `open_cluster` created. Every `get_cluster_from_*` adds a
//!   scope to the connection of the object handle it is called on. A connection lives while
//!   it has a scope, and a scope while it has a handle: so the connection ends with its last
//!   handle, and closing one handle never invalidates another.
//!
//! The entry is kept small (24 bytes, 28 with slotmap's version) because a process may
//! hold 2^24 of them.

use std::collections::HashMap;
use std::num::NonZeroUsize;
use std::panic::Location;

use slotmap::{Key, KeyData, SlotMap, new_key_type};

use crate::model::world::ClusterKey;
use crate::types::error::{Error, Result};
use crate::types::handle::{HandleKind, MAX_GENERATION, MAX_SLOT, RawParts};

new_key_type! {
    pub(crate) struct EntryKey;
    pub(crate) struct ScopeKey;
    pub(crate) struct ConnectionKey;
}

/// The windows per-process handle limit, and the most this table holds.
pub(crate) const MAX_HANDLES: usize = 1 << 24;

/// What a handle may do (a plain type, defined with the access rules).
pub(crate) use crate::types::access::Access;

/// An interned call site (`#[track_caller]` location).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SiteId(u32);

/// One live handle.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Entry {
    /// The world key of the object (cluster for cluster handles, snapshot for enumerations).
    pub object: KeyData,
    pub scope: ScopeKey,
    pub site: SiteId,
    /// `None` marks a retired slot: its generation ran out, so it is never handed out again.
    pub kind: Option<HandleKind>,
    pub access: Access,
}

/// What one cluster handle opened.
#[derive(Debug)]
pub(crate) struct Scope {
    pub connection: ConnectionKey,
    /// The raw value of the scope's cluster handle (for messages).
    pub cluster_handle: usize,
    /// Whether that cluster handle is still open.
    pub cluster_handle_open: bool,
    /// Live handles in this scope, the cluster handle included.
    pub handles: u32,
}

/// What `open_cluster` created.
#[derive(Debug)]
pub(crate) struct Connection {
    pub cluster: ClusterKey,
    /// Live scopes on this connection.
    pub scopes: u32,
}

/// Why a raw value is not a live handle of the expected kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// Not a value this simulator hands out, or of another simulator.
    Foreign,
    /// No live handle has this value: closed, or its slot was reused.
    Stale,
    /// A live handle, of another kind.
    WrongKind(HandleKind),
    /// The bits name a kind that does not exist.
    Forged,
}

impl Refusal {
    /// The `ERROR_INVALID_HANDLE` error that reports this refusal.
    #[cold]
    #[inline(never)]
    pub(crate) fn into_error(self, raw: usize, expected: HandleKind) -> Error {
        let why = match self {
            Self::Foreign => "is not a handle of this simulator".to_owned(),
            Self::Stale => "is not open (closed, or never opened)".to_owned(),
            Self::WrongKind(actual) => format!("is an {actual}, not an {expected}"),
            Self::Forged => "is not a handle value (forged)".to_owned(),
        };
        Error::InvalidHandle(format!("{expected} {raw:#x} {why}"))
    }
}

/// The error of an open on a connection that is gone (never expected).
#[cold]
#[inline(never)]
fn connection_vanished() -> Error {
    Error::InternalError("connection vanished".into())
}

/// Interned `#[track_caller]` locations: the table stores a 4-byte id per entry, not an
/// 8-byte reference.
#[derive(Debug, Default)]
struct Sites {
    list: Vec<&'static Location<'static>>,
    ids: HashMap<usize, u32>,
    /// Loops open many handles from one site; most lookups stop here.
    last: Option<(usize, u32)>,
}

impl Sites {
    #[inline]
    fn intern(&mut self, loc: &'static Location<'static>) -> SiteId {
        let addr = std::ptr::from_ref(loc) as usize;
        if let Some((a, id)) = self.last {
            if a == addr {
                return SiteId(id);
            }
        }
        self.intern_new(loc, addr)
    }

    /// [`intern`](Self::intern) of a site other than the last one.
    #[inline(never)]
    fn intern_new(&mut self, loc: &'static Location<'static>, addr: usize) -> SiteId {
        let next = u32::try_from(self.list.len()).unwrap_or(u32::MAX);
        let id = *self.ids.entry(addr).or_insert_with(|| {
            self.list.push(loc);
            next
        });
        self.last = Some((addr, id));
        SiteId(id)
    }

    fn get(&self, id: SiteId) -> &'static Location<'static> {
        // Every id was returned by `intern`, so it is in the list; the fallback only keeps
        // this total.
        self.list.get(id.0 as usize).copied().unwrap_or_else(|| Location::caller())
    }
}

/// Every live handle of one simulator.
#[derive(Debug)]
pub(crate) struct HandleTable {
    sim: u16,
    entries: SlotMap<EntryKey, Entry>,
    /// Live handles (entries that are not retired).
    live: usize,
    limit: usize,
    /// The highest slot index ever used; when every slot up to it is taken, the next
    /// insert takes a new slot.
    slots_used: u32,
    max_generation: u32,
    pub(crate) scopes: SlotMap<ScopeKey, Scope>,
    pub(crate) connections: SlotMap<ConnectionKey, Connection>,
    sites: Sites,
    /// The foreign callers (C ABI) of the handles they opened; empty for Rust callers.
    foreign: HashMap<EntryKey, crate::session::caller::ForeignCaller>,
}

impl HandleTable {
    pub(crate) fn new(sim: u16, limit: usize) -> Self {
        Self {
            sim,
            entries: SlotMap::with_key(),
            live: 0,
            limit: limit.min(MAX_HANDLES),
            slots_used: 0,
            max_generation: MAX_GENERATION,
            scopes: SlotMap::with_key(),
            connections: SlotMap::with_key(),
            sites: Sites::default(),
            foreign: HashMap::new(),
        }
    }

    /// Lowers the generation at which slots retire, so tests can reach it quickly.
    #[cfg(test)]
    pub(crate) fn set_max_generation(&mut self, g: u32) {
        self.max_generation = g.min(MAX_GENERATION);
    }

    /// The number of live handles.
    pub(crate) fn len(&self) -> usize {
        self.live
    }

    /// The number of slots retired because their generation ran out.
    pub(crate) fn retired(&self) -> usize {
        self.entries.len().saturating_sub(self.live)
    }

    /// Checks that one more handle fits: the limit, and a slot whose index fits the value.
    #[inline]
    fn check_room(&self) -> Result<()> {
        // slotmap reuses a free slot while one exists, and only then takes a new one.
        let no_free_slot = self.entries.len() >= self.slots_used as usize;
        if self.live >= self.limit || (no_free_slot && self.slots_used >= MAX_SLOT) {
            return Err(self.no_room());
        }
        Ok(())
    }

    /// The error of a failed [`check_room`](Self::check_room).
    #[cold]
    #[inline(never)]
    fn no_room(&self) -> Error {
        if self.live >= self.limit {
            return Error::NotEnoughMemory(format!("the handle table is full ({} live handles)", self.live));
        }
        Error::NotEnoughMemory(format!(
            "no handle slot left ({} live, {} retired)",
            self.live,
            self.retired()
        ))
    }

    #[inline]
    fn encode(&self, key: EntryKey, kind: HandleKind) -> Option<NonZeroUsize> {
        let ffi = key.data().as_ffi();
        RawParts {
            kind_bits: kind as u8,
            sim: self.sim,
            slot: ffi as u32,
            generation: ((ffi >> 32) as u32) >> 1,
        }
        .encode()
    }

    /// Inserts an entry whose room was checked, and returns its raw value.
    #[inline(always)]
    fn insert(&mut self, entry: Entry, kind: HandleKind) -> Result<usize> {
        let key = self.entries.insert(entry);
        if let Some(caller) = crate::session::caller::ForeignCaller::current() {
            self.foreign.insert(key, caller);
        }
        let slot = key.data().as_ffi() as u32;
        self.slots_used = self.slots_used.max(slot);
        // `live` counts entries of a table capped at 2^24, so it cannot overflow.
        self.live = self.live.saturating_add(1);
        if let Some(scope) = self.scopes.get_mut(entry.scope) {
            scope.handles = scope.handles.saturating_add(1);
        }
        match self.encode(key, kind) {
            Some(raw) => Ok(raw.get()),
            None => Err(self.unencodable(key)),
        }
    }

    /// Unreachable while `check_room` and retirement hold: fails an insert without leaving
    /// a live entry behind.
    #[cold]
    #[inline(never)]
    fn unencodable(&mut self, key: EntryKey) -> Error {
        self.remove(key);
        Error::InternalError("a handle value did not fit its encoding".into())
    }

    /// Opens a cluster handle on a new connection to `cluster`.
    pub(crate) fn open_connection(
        &mut self,
        cluster: ClusterKey,
        access: Access,
        at: &'static Location<'static>,
    ) -> Result<usize> {
        self.check_room()?;
        let connection = self.connections.insert(Connection { cluster, scopes: 0 });
        self.open_cluster_on(connection, access, at)
    }

    /// Opens a cluster handle on an existing connection, in a scope of its own.
    pub(crate) fn open_cluster_on(
        &mut self,
        connection: ConnectionKey,
        access: Access,
        at: &'static Location<'static>,
    ) -> Result<usize> {
        self.check_room()?;
        let Some(conn) = self.connections.get_mut(connection) else {
            return Err(connection_vanished());
        };
        conn.scopes = conn.scopes.saturating_add(1);
        let cluster = conn.cluster;
        let scope = self.scopes.insert(Scope {
            connection,
            cluster_handle: 0,
            cluster_handle_open: true,
            handles: 0,
        });
        let site = self.sites.intern(at);
        let entry = Entry { object: cluster.data(), scope, site, kind: Some(HandleKind::Cluster), access };
        let raw = self.insert(entry, HandleKind::Cluster)?;
        if let Some(s) = self.scopes.get_mut(scope) {
            s.cluster_handle = raw;
        }
        Ok(raw)
    }

    /// Opens a handle of `kind` to `object` in a scope of its own with no connection: a
    /// notification port created without a cluster (`CreateClusterNotifyPort` with
    /// `hCluster` = `INVALID_HANDLE_VALUE`). No cluster handle closes it, so the scope rules
    /// never refuse it, and no connection counts it.
    pub(crate) fn open_detached(
        &mut self,
        kind: HandleKind,
        object: KeyData,
        access: Access,
        at: &'static Location<'static>,
    ) -> Result<usize> {
        self.check_room()?;
        let scope = self.scopes.insert(Scope {
            connection: ConnectionKey::null(),
            cluster_handle: 0,
            cluster_handle_open: true,
            handles: 0,
        });
        let site = self.sites.intern(at);
        let opened = self.insert(Entry { object, scope, site, kind: Some(kind), access }, kind);
        if opened.is_err() {
            self.scopes.remove(scope);
        }
        opened
    }

    /// Opens a handle of `kind` to `object` in `scope`.
    #[inline]
    pub(crate) fn open_in_scope(
        &mut self,
        scope: ScopeKey,
        kind: HandleKind,
        object: KeyData,
        access: Access,
        at: &'static Location<'static>,
    ) -> Result<usize> {
        self.check_room()?;
        let site = self.sites.intern(at);
        self.insert(Entry { object, scope, site, kind: Some(kind), access }, kind)
    }

    /// The live entry behind `raw`, if it is a live handle of `kind` from this simulator.
    #[inline]
    pub(crate) fn get(
        &self,
        raw: usize,
        kind: HandleKind,
    ) -> std::result::Result<(EntryKey, Entry), Refusal> {
        let parts = RawParts::decode(raw);
        if HandleKind::from_bits(parts.kind_bits).is_none() {
            return Err(Refusal::Forged);
        }
        if parts.sim != self.sim {
            return Err(Refusal::Foreign);
        }
        let version = parts.generation.wrapping_mul(2) | 1;
        let key = EntryKey::from(KeyData::from_ffi(u64::from(version) << 32 | u64::from(parts.slot)));
        let Some(entry) = self.entries.get(key) else {
            return Err(Refusal::Stale);
        };
        match entry.kind {
            Some(k) if k == kind && k as u8 == parts.kind_bits => Ok((key, *entry)),
            Some(k) if k as u8 == parts.kind_bits => Err(Refusal::WrongKind(k)),
            // The kind bits disagree with the entry: a forged value that happens to hit a
            // live slot and generation.
            Some(_) => Err(Refusal::Forged),
            None => Err(Refusal::Stale),
        }
    }

    /// Closes the handle behind `key`: drops its scope's and connection's references and
    /// frees or retires its slot. Returns the entry it held.
    #[inline(always)]
    pub(crate) fn remove(&mut self, key: EntryKey) -> Option<Entry> {
        let generation = ((key.data().as_ffi() >> 32) as u32) >> 1;
        let entry =
            if generation >= self.max_generation { self.retire(key)? } else { self.entries.remove(key)? };
        self.live = self.live.saturating_sub(1);
        if !self.foreign.is_empty() {
            self.foreign.remove(&key);
        }
        self.release_scope(entry.scope, entry.kind == Some(HandleKind::Cluster));
        Some(entry)
    }

    /// Retires the slot of `key`: reusing it would bring back a generation already handed
    /// out. Returns the entry it held.
    #[cold]
    #[inline(never)]
    fn retire(&mut self, key: EntryKey) -> Option<Entry> {
        let slot = self.entries.get_mut(key)?;
        let entry = *slot;
        slot.kind = None;
        Some(entry)
    }

    #[inline]
    fn release_scope(&mut self, scope: ScopeKey, closing_cluster_handle: bool) {
        let Some(s) = self.scopes.get_mut(scope) else { return };
        if closing_cluster_handle {
            s.cluster_handle_open = false;
        }
        s.handles = s.handles.saturating_sub(1);
        if s.handles > 0 {
            return;
        }
        let connection = s.connection;
        self.end_scope(scope, connection);
    }

    /// Removes a scope whose last handle closed, and its connection if it was the last.
    #[inline(never)]
    fn end_scope(&mut self, scope: ScopeKey, connection: ConnectionKey) {
        self.scopes.remove(scope);
        if let Some(c) = self.connections.get_mut(connection) {
            c.scopes = c.scopes.saturating_sub(1);
            if c.scopes == 0 {
                self.connections.remove(connection);
            }
        }
    }

    /// The scope of an entry.
    #[inline]
    pub(crate) fn scope(&self, key: ScopeKey) -> Option<&Scope> {
        self.scopes.get(key)
    }

    /// The call site an entry was opened at.
    pub(crate) fn site(&self, id: SiteId) -> &'static Location<'static> {
        self.sites.get(id)
    }

    /// Every live handle, in slot order: raw value and entry.
    #[cfg(test)]
    pub(crate) fn iter(&self) -> impl Iterator<Item = (usize, Entry)> + '_ {
        self.entries.iter().filter_map(|(key, e)| {
            let kind = e.kind?;
            Some((self.encode(key, kind)?.get(), *e))
        })
    }

    /// Every live handle with its foreign caller, if a foreign binding opened it.
    pub(crate) fn iter_with_callers(
        &self,
    ) -> impl Iterator<Item = (usize, Entry, Option<&crate::session::caller::ForeignCaller>)> + '_ {
        self.entries.iter().filter_map(|(key, e)| {
            let kind = e.kind?;
            Some((self.encode(key, kind)?.get(), *e, self.foreign.get(&key)))
        })
    }

    /// Every live handle's raw value and kind; for tests of the table itself.
    #[cfg(test)]
    fn raws(&self) -> Vec<usize> {
        self.iter().map(|(r, _)| r).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> (HandleTable, ClusterKey) {
        let mut clusters: SlotMap<ClusterKey, ()> = SlotMap::with_key();
        (HandleTable::new(7, MAX_HANDLES), clusters.insert(()))
    }

    #[test]
    fn entries_stay_small() {
        assert_eq!(size_of::<Entry>(), 24);
    }

    /// Opens a node handle in `scope` and returns its value.
    fn open_node(t: &mut HandleTable, scope: ScopeKey) -> usize {
        t.open_in_scope(scope, HandleKind::Node, KeyData::default(), Access::Read, Location::caller())
            .expect("room")
    }

    #[test]
    fn a_retired_slot_never_returns_an_old_value() {
        let (mut t, cluster) = table();
        t.set_max_generation(3);
        let root = t.open_connection(cluster, Access::All, Location::caller()).expect("room");
        let (_, e) = t.get(root, HandleKind::Cluster).expect("live");
        let mut seen = std::collections::HashSet::new();
        for _ in 0..20 {
            let raw = open_node(&mut t, e.scope);
            assert!(seen.insert(raw), "value {raw:#x} came back");
            let (key, _) = t.get(raw, HandleKind::Node).expect("live");
            t.remove(key);
            assert_eq!(t.get(raw, HandleKind::Node).map(|_| ()), Err(Refusal::Stale));
        }
        // Each slot lives through generations 0..=3, then retires.
        assert!(t.retired() >= 4, "retired {}", t.retired());
        assert_eq!(t.len(), 1);
        assert_eq!(t.raws(), vec![root]);
    }

    /// The real limit, not a lowered one: a slot cycled through all 2^23 generations a
    /// handle value can carry retires, and no later value repeats one of its first ones
    /// (without retirement the generation would wrap and they would). It runs on the table
    /// itself, which is where the values are made: through `Simulator` each cycle costs an
    /// open and a close of a node by name, eight times as much (2^24 cycles: 39 s against 5 s).
    #[test]
    fn a_value_never_comes_back_after_the_generation_runs_out() {
        let (mut t, cluster) = table();
        let root = t.open_connection(cluster, Access::All, Location::caller()).expect("room");
        let (_, e) = t.get(root, HandleKind::Cluster).expect("live");
        let cycles = MAX_GENERATION as usize + 1 + 4;
        let (mut first, mut last) = (Vec::new(), 0);
        for cycle in 0..cycles {
            last = open_node(&mut t, e.scope);
            if cycle < 4 {
                first.push(last);
            } else if cycle > MAX_GENERATION as usize {
                assert!(!first.contains(&last), "cycle {cycle} reused the value {last:#x}");
            }
            let (key, _) = t.get(last, HandleKind::Node).expect("live");
            t.remove(key);
        }
        // The first slot ran out and retired; the last four opens took a second. Every old
        // value stays refused.
        assert_eq!(t.retired(), 1);
        for raw in first.into_iter().chain([last]) {
            assert_eq!(t.get(raw, HandleKind::Node).map(|_| ()), Err(Refusal::Stale), "{raw:#x}");
        }
        assert_eq!(t.raws(), vec![root]);
    }

    #[test]
    fn the_limit_refuses_and_changes_nothing() {
        let (_, cluster) = table();
        let mut t = HandleTable::new(7, 2);
        let a = t.open_connection(cluster, Access::All, Location::caller()).expect("room");
        let (_, e) = t.get(a, HandleKind::Cluster).expect("live");
        t.open_in_scope(e.scope, HandleKind::Node, KeyData::default(), Access::All, Location::caller())
            .expect("room");
        let before = t.raws();
        let err = t.open_connection(cluster, Access::All, Location::caller()).expect_err("full");
        assert_eq!(err.code(), crate::codes::ERROR_NOT_ENOUGH_MEMORY);
        assert_eq!(t.raws(), before);
        assert_eq!(t.connections.len(), 1);
        assert_eq!(t.scopes.len(), 1);
    }

    #[test]
    fn scopes_and_connections_end_with_their_last_handle() {
        let (mut t, cluster) = table();
        let root = t.open_connection(cluster, Access::All, Location::caller()).expect("room");
        let (root_key, e) = t.get(root, HandleKind::Cluster).expect("live");
        let child = t
            .open_in_scope(e.scope, HandleKind::Network, KeyData::default(), Access::All, Location::caller())
            .expect("room");
        t.remove(root_key);
        let scope = t.scope(e.scope).expect("scope outlives its cluster handle");
        assert!(!scope.cluster_handle_open);
        assert_eq!(t.connections.len(), 1);
        let (child_key, _) = t.get(child, HandleKind::Network).expect("child still live");
        t.remove(child_key);
        assert_eq!((t.scopes.len(), t.connections.len(), t.len()), (0, 0, 0));
    }

    #[test]
    fn refusals_name_the_reason() {
        let (mut t, cluster) = table();
        let root = t.open_connection(cluster, Access::All, Location::caller()).expect("room");
        assert_eq!(t.get(root, HandleKind::Node).map(|_| ()), Err(Refusal::WrongKind(HandleKind::Cluster)));
        let other_sim = root ^ (1 << crate::types::handle::KIND_BITS);
        assert_eq!(t.get(other_sim, HandleKind::Cluster).map(|_| ()), Err(Refusal::Foreign));
        assert_eq!(t.get(root & !0x1f, HandleKind::Cluster).map(|_| ()), Err(Refusal::Forged));
        // Same slot and generation, other kind bits: refused, never the cluster handle.
        let relabeled = (root & !0x1f) | HandleKind::Node as usize;
        assert_eq!(t.get(relabeled, HandleKind::Node).map(|_| ()), Err(Refusal::Forged));
    }
}
