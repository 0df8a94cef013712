//! The shared simulator: world, handle table and diagnostics behind one lock.

use std::fmt;
use std::panic::Location;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use slotmap::{KeyData, SlotMap, new_key_type};

use crate::diagnostics::{Diagnostic, DiagnosticKind, Diagnostics};
use crate::error::{Error, Result};
use crate::handle::{Handle, HandleKind};
use crate::handle_table::{Entry, EntryKey, HandleTable, MAX_HANDLES};
use crate::identity::SimId;
use crate::leak::OpenHandle;
use crate::sync::{Arc, Mutex, MutexGuard};
use crate::world::{
    ClusterKey, ClusterSpec, GroupKey, GroupSpec, NetInterfaceKey, NetworkKey, NodeKey, ResourceKey,
    ResourceSpec, Topology, World,
};

new_key_type! {
    /// An enumeration snapshot, owned by the enumeration handle that took it.
    pub(crate) struct SnapshotKey;
}

/// One item of an enumeration snapshot: its `CLUSTER_ENUM_*` type bit and its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EnumItem {
    pub object_type: u32,
    pub name: String,
}

/// Everything behind the lock.
#[derive(Debug)]
pub(crate) struct State {
    pub world: World,
    pub handles: HandleTable,
    pub snapshots: SlotMap<SnapshotKey, Vec<EnumItem>>,
    /// What each open registry key handle names (its object and path).
    pub reg_keys: SlotMap<crate::registry::RegHandleKey, crate::registry::OpenKey>,
    pub diagnostics: Diagnostics,
    pub strict: bool,
    /// Clusters whose cluster service is stopped (a lever): calls through their handles
    /// answer `RPC_S_SERVER_UNAVAILABLE`.
    pub stopped: Vec<ClusterKey>,
    /// The fault plan.
    pub faults: crate::fault::FaultPlan,
    /// With `.perturb_enumeration_order(seed)`, the seed enumerations are shuffled with.
    pub enum_seed: Option<u64>,
    /// How many enumerations were shuffled (each gets its own order).
    pub enum_draws: u64,
    /// Notification ports.
    pub ports: SlotMap<crate::notify::PortKey, crate::notify::Port>,
    /// Set when a call queued events or closed a port: waiters are woken when it ends.
    pub wake_waiters: bool,
    /// Tests only: when set, every call's completed changes are appended here as they are
    /// delivered (the oracle test and the recording tests read them).
    #[cfg(test)]
    pub tap: Option<Vec<crate::journal::Change>>,
    /// The call history, created on the first recorded call.
    pub history: Option<crate::history::History>,
    /// How many calls the history keeps; 0: no history.
    pub history_limit: usize,
    /// The triggers: levers tied to points of the call sequence.
    pub triggers: crate::trigger::TriggerPlan,
}

/// The lock on a simulator's state. While a notification port is open, it turns what the
/// call recorded in the journal into events when released, and queues them.
pub(crate) struct StateGuard<'a> {
    guard: MutexGuard<'a, State>,
    /// Whether the call's changes are published when it ends (`lock`), or left for the next
    /// call that is (`lock_quiet`: calls that change nothing).
    compare: bool,
    changed: &'a crate::sync::Condvar,
}

impl std::ops::Deref for StateGuard<'_> {
    type Target = State;
    fn deref(&self) -> &State {
        &self.guard
    }
}

impl std::ops::DerefMut for StateGuard<'_> {
    fn deref_mut(&mut self) -> &mut State {
        &mut self.guard
    }
}

impl StateGuard<'_> {
    /// Waits for a change (a notification), releasing the lock meanwhile; `false` on time-out.
    pub(crate) fn wait(&mut self, timeout: Option<std::time::Duration>) -> bool {
        match timeout {
            None => {
                self.changed.wait(&mut self.guard);
                true
            }
            Some(t) => !self.changed.wait_for(&mut self.guard, t).timed_out(),
        }
    }
}

impl Drop for StateGuard<'_> {
    #[inline]
    fn drop(&mut self) {
        let st = &*self.guard;
        let recording = st.world.journal.recording();
        // Nothing to do unless waiters are to be woken, the first port just opened or the
        // last one closed (recording starts or stops), or the call recorded changes.
        let needed = st.wake_waiters
            || recording == st.ports.is_empty()
            || (recording && self.compare && !st.world.journal.is_empty());
        if needed {
            self.publish();
        }
    }
}

impl StateGuard<'_> {
    /// Queues the events of the call's changes and wakes waiters.
    #[cold]
    fn publish(&mut self) {
        let st = &mut *self.guard;
        let recording = st.world.journal.recording();
        if st.ports.is_empty() {
            // No one listens: stop recording (and forget what was recorded for no one).
            if recording {
                st.world.journal.set_recording(false);
            }
        } else if !recording {
            // The call that opened the first port: from now on the rules record their changes.
            st.world.journal.set_recording(true);
        } else if self.compare {
            let changes = st.world.journal.take();
            if !changes.is_empty() {
                let changes = crate::journal::complete(changes, &st.world);
                if crate::notify::deliver(&mut st.ports, &mut st.world, &changes) {
                    st.wake_waiters = true;
                }
                #[cfg(test)]
                if let Some(tap) = st.tap.as_mut() {
                    tap.extend(changes);
                }
            }
        }
        if std::mem::take(&mut self.guard.wake_waiters) {
            self.changed.notify_all();
        }
    }
}

#[derive(Debug)]
struct Inner {
    // Declared before `id` so the table is gone before the identity is free again.
    state: Mutex<State>,
    /// Signalled when notifications are queued.
    changed: crate::sync::Condvar,
    /// How many `Simulator` values the user holds (clones, `of_handle`, upgrades). The
    /// simulator is gone when the last one drops, even while a thread's route
    /// ([`Simulator::with_owner_of`]) still holds the allocation.
    users: AtomicUsize,
    /// Set when `users` reaches 0: from then on nothing finds this simulator again.
    retired: AtomicBool,
    id: SimId,
}

/// Every live simulator by identity: how a raw handle value finds its simulator
/// ([`Simulator::of_handle`]).
static LIVE: crate::identity::Directory<Inner> = crate::identity::Directory::new();

#[cfg(not(loom))]
thread_local! {
    /// The simulator this thread last found by identity ([`Simulator::with_owner_of`]): an
    /// uncounted value, so it never keeps the simulator from being gone.
    static ROUTE: std::cell::RefCell<Option<Simulator>> = const { std::cell::RefCell::new(None) };
}

/// A simulated set of failover clusters and the handles the code under test holds.
///
/// Cheap to clone: clones share one world and one handle table, so a test can hand a clone
/// to the code it tests and inspect the same simulator afterwards. `Send + Sync`; every call
/// takes one internal lock for its whole duration, so each call is atomic.
///
/// The ClusAPI functions are methods, named as ClusAPI names them in snake case
/// (`OpenClusterNetwork` is [`Simulator::open_cluster_network`]).
///
/// # Examples
///
/// ```
/// use clusapi_sim::Simulator;
///
/// let sim = Simulator::default();
/// let cluster = sim.open_cluster(None)?;
/// let network = sim.open_cluster_network(cluster, "Cluster Network 1")?;
/// let again = sim.get_cluster_from_network(network)?;
/// sim.close_cluster(cluster)?;
/// // Closing one handle never invalidates another.
/// assert_eq!(sim.get_cluster_information(again)?.name, "SIMCLUSTER");
/// sim.close_cluster_network(network)?;
/// sim.close_cluster(again)?;
/// sim.assert_no_open_handles();
/// # Ok::<(), clusapi_sim::Error>(())
/// ```
#[derive(Debug)]
pub struct Simulator {
    inner: Arc<Inner>,
    /// Whether this value is one of the user's (see `Inner::users`): all are, but the one
    /// [`Simulator::with_owner_of`] keeps per thread.
    counted: bool,
}

impl Clone for Simulator {
    fn clone(&self) -> Self {
        self.inner.users.fetch_add(1, Ordering::Relaxed);
        Simulator { inner: Arc::clone(&self.inner), counted: true }
    }
}

impl Drop for Simulator {
    fn drop(&mut self) {
        if self.counted && self.inner.users.fetch_sub(1, Ordering::AcqRel) == 1 {
            // The user's last value: the simulator is gone, whatever per-thread routes
            // still hold it (they see `retired` and let go). It still holds its identity
            // (the allocation is alive), so no newer simulator is in that slot yet.
            self.inner.retired.store(true, Ordering::Release);
            LIVE.remove(&self.inner.id);
        }
    }
}

// A panic cannot leave a simulator half-changed where a caller could see it: every call
// checks before it changes anything, and the lock is never held while user code runs (the
// leak assertion panics after releasing it). So a test may use a simulator across
// `catch_unwind`, as proptest and test harnesses do.
impl std::panic::UnwindSafe for Simulator {}
impl std::panic::RefUnwindSafe for Simulator {}

impl Default for Simulator {
    /// A ready cluster shaped like a fresh real one: `"SIMCLUSTER"` with nodes `NODE1` and
    /// `NODE2`, networks `"Cluster Network 1"` and `"Cluster Network 2"` (so four network
    /// interfaces, `"NODE1 - Cluster Network 1"` and so on), the core group
    /// `"Cluster Group"` owned by `NODE1` with `"Cluster Name"` (type `"Network Name"`) and
    /// `"Cluster IP Address"` (type `"IP Address"`), and the empty group
    /// `"Available Storage"`.
    ///
    /// # Panics
    ///
    /// Only if 4095 simulators are alive at once (see [`SimulatorBuilder::build`], which
    /// reports that as an error instead).
    fn default() -> Self {
        match Self::default_builder().build() {
            Ok(sim) => sim,
            Err(e) => panic!("cannot create the default simulator: {e}"),
        }
    }
}

impl Simulator {
    /// Starts describing a topology. See [`SimulatorBuilder`].
    pub fn builder() -> SimulatorBuilder {
        SimulatorBuilder::default()
    }

    /// The builder behind [`Simulator::default`], to extend or to set options on.
    ///
    /// ```
    /// let sim = clusapi_sim::Simulator::default_builder().strict().build()?;
    /// assert!(sim.is_strict());
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    pub fn default_builder() -> SimulatorBuilder {
        Self::builder()
            .cluster("SIMCLUSTER")
            .node("NODE1")
            .node("NODE2")
            .network("Cluster Network 1")
            .network("Cluster Network 2")
            .group("Cluster Group", "NODE1")
            .resource("Cluster Group", "Cluster Name", "Network Name")
            .resource("Cluster Group", "Cluster IP Address", "IP Address")
            .group("Available Storage", "NODE1")
    }

    /// The live simulator that minted a raw handle value (of any kind), found from the
    /// identity every value carries; `None` when that simulator has been dropped, or the
    /// value was never a handle.
    ///
    /// A test can use it to reach the world behind a handle its code under test returned.
    /// The value is only decoded here, not checked: the simulator's handle table checks it
    /// when it is used. (The C ABI routes its calls with [`Simulator::with_owner_of`], which
    /// makes no new value.)
    ///
    /// ```
    /// use clusapi_sim::Simulator;
    ///
    /// let sim = Simulator::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let found = Simulator::of_handle(cluster.as_raw()).expect("a live simulator's handle");
    /// assert!(found.same_as(&sim));
    /// drop((sim, found));
    /// assert!(Simulator::of_handle(cluster.as_raw()).is_none(), "its simulator is gone");
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[must_use]
    #[inline]
    pub fn of_handle(raw: usize) -> Option<Simulator> {
        Self::with_owner_of(raw, Simulator::clone)
    }

    /// Runs `f` on the live simulator that minted a raw handle value, and returns what it
    /// returns; `None` when that simulator is gone (as [`Simulator::of_handle`], without
    /// making a new `Simulator` value).
    ///
    /// The C ABI routes every call that takes a handle through this. Each thread keeps the
    /// simulator it last found, so a thread that calls into one simulator finds it again
    /// with a read of its own memory: no lock, no shared counter. What the thread keeps does
    /// not keep the simulator alive: when the user drops the last `Simulator` value, it is
    /// gone for every thread at once.
    ///
    /// ```
    /// use clusapi_sim::Simulator;
    ///
    /// let sim = Simulator::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let name = Simulator::with_owner_of(cluster.as_raw(), |owner| owner.get_cluster_information(cluster));
    /// assert_eq!(name.expect("a live simulator")?.name, "SIMCLUSTER");
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[inline]
    pub fn with_owner_of<R>(raw: usize, f: impl FnOnce(&Simulator) -> R) -> Option<R> {
        let id = crate::handle::RawParts::decode(raw).sim;
        #[cfg(not(loom))]
        {
            let mut f = Some(f);
            let hit = ROUTE.try_with(|route| {
                let route = route.try_borrow().ok()?;
                let sim = route.as_ref()?;
                if sim.inner.id.get() != id || sim.inner.retired.load(Ordering::Acquire) {
                    return None;
                }
                f.take().map(|f| f(sim))
            });
            if let Ok(Some(answer)) = hit {
                return Some(answer);
            }
            let f = f?;
            let inner = LIVE.get(id)?;
            if inner.retired.load(Ordering::Acquire) {
                return None;
            }
            let found = Simulator { inner, counted: false };
            let answer = f(&found);
            // Remembered for the next call of this thread (not while the thread's locals
            // are destroyed, nor inside a call routed by this very cache).
            let _ = ROUTE.try_with(|route| {
                if let Ok(mut route) = route.try_borrow_mut() {
                    *route = Some(found);
                }
            });
            Some(answer)
        }
        #[cfg(loom)]
        {
            let _ = (id, f);
            None
        }
    }

    /// Whether `other` is a clone of this simulator (the same world and handle table).
    #[must_use]
    pub fn same_as(&self, other: &Simulator) -> bool {
        Arc::ptr_eq(&self.inner, &other.inner)
    }

    /// A reference that does not keep the simulator alive: what a binding that must not
    /// outlive the simulator holds (the C ABI's thread bindings do).
    #[must_use]
    pub fn downgrade(&self) -> WeakSimulator {
        #[cfg(not(loom))]
        return WeakSimulator { inner: Arc::downgrade(&self.inner) };
        #[cfg(loom)]
        return WeakSimulator { inner: self.inner.clone() };
    }

    /// Whether this simulator follows the documented contract strictly (see
    /// [`SimulatorBuilder::strict`]).
    #[must_use]
    pub fn is_strict(&self) -> bool {
        self.lock().strict
    }

    #[inline]
    pub(crate) fn lock(&self) -> StateGuard<'_> {
        let guard = crate::sync::lock_backing_off(&self.inner.state);
        StateGuard { guard, compare: true, changed: &self.inner.changed }
    }

    /// The lock, for calls that change nothing (their journal is not read when it is released).
    #[inline]
    pub(crate) fn lock_quiet(&self) -> StateGuard<'_> {
        let guard = crate::sync::lock_backing_off(&self.inner.state);
        StateGuard { guard, compare: false, changed: &self.inner.changed }
    }

    /// Adds a rule to the fault plan: matching calls fail with its code and change nothing.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_PARAMETER` when the rule's operation names no ClusAPI call.
    pub fn add_fault(&self, fault: crate::Fault) -> Result<()> {
        self.lock_quiet().faults.add(fault)
    }

    /// Removes every rule of the fault plan.
    pub fn clear_faults(&self) {
        self.lock().faults.clear();
    }

    /// Adds a trigger: a lever pulled before or after the matching call, under that call's
    /// lock (see [`crate::Trigger`]).
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_PARAMETER` when the trigger's call names no ClusAPI call; the lever's
    /// not-found code (`ERROR_CLUSTER_NODE_NOT_FOUND`, ...) when its target does not exist.
    pub fn add_trigger(&self, trigger: crate::Trigger) -> Result<()> {
        self.lock_quiet().add_trigger(trigger)
    }

    /// Removes every trigger.
    pub fn clear_triggers(&self) {
        self.lock_quiet().triggers.clear();
    }

    /// Every live handle: kind, raw value, object name and the place that opened it, in
    /// handle-table order.
    #[must_use]
    pub fn open_handles(&self) -> Vec<OpenHandle> {
        let st = self.lock();
        st.handles
            .iter_with_callers()
            .filter_map(|(raw, e, caller)| {
                let kind = e.kind?;
                let mut h =
                    OpenHandle::new(kind, raw, st.object_name(kind, e.object), st.handles.site(e.site));
                h.caller = caller.map(crate::caller::ForeignCaller::describe);
                Some(h)
            })
            .collect()
    }

    /// The number of live handles.
    #[must_use]
    pub fn open_handle_count(&self) -> usize {
        self.lock().handles.len()
    }

    /// The number of live cluster connections (each `open_cluster` starts one; it ends
    /// with its last handle).
    #[must_use]
    pub fn open_connection_count(&self) -> usize {
        self.lock().handles.connections.len()
    }

    /// Panics, listing every live handle one a line, if any handle is still open: what a
    /// test of your own code calls at its end.
    ///
    /// # Panics
    ///
    /// If a handle is open; the message lists each with the place that opened it.
    #[track_caller]
    pub fn assert_no_open_handles(&self) {
        let open = self.open_handles();
        if !open.is_empty() {
            let list: Vec<String> = open.iter().map(ToString::to_string).collect();
            panic!("{} handle(s) left open:\n{}", open.len(), list.join("\n"));
        }
    }

    /// Everything the simulator noticed that the real API leaves undefined but that ran
    /// anyway (or, in strict mode, was refused): for now, handles used or closed after
    /// the cluster handle they were opened through was closed.
    #[must_use]
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        self.lock().diagnostics.to_vec()
    }

    /// How many diagnostics were counted but not kept, past
    /// [`SimulatorBuilder::max_diagnostics`].
    #[must_use]
    pub fn dropped_diagnostics(&self) -> u64 {
        self.lock().diagnostics.dropped()
    }

    /// Advances every pending transition by one state poll (see
    /// [`SimulatorBuilder::pending_transitions`]).
    pub fn step(&self) {
        self.lock().world.step();
    }

    /// Completes every pending transition at once.
    pub fn settle(&self) {
        self.lock().world.settle();
    }

    /// Forgets the recorded diagnostics.
    pub fn clear_diagnostics(&self) {
        self.lock().diagnostics.clear();
    }
}

impl State {
    /// The live entry behind a handle, after the scope rules: a handle whose cluster handle
    /// was closed is recorded as a diagnostic, and refused in strict mode.
    #[inline]
    pub(crate) fn resolve<H: Handle>(
        &mut self,
        handle: H,
        call: &'static str,
        at: &'static Location<'static>,
    ) -> Result<(EntryKey, Entry)> {
        let raw = handle.as_raw();
        let (key, entry) = self.handles.get(raw, H::KIND).map_err(|r| r.into_error(raw, H::KIND))?;
        self.check_scope(raw, H::KIND, entry, call, DiagnosticKind::UsedAfterClusterClosed, at)?;
        if !self.stopped.is_empty() {
            self.check_service(raw, H::KIND, &entry)?;
        }
        Ok((key, entry))
    }

    /// Refuses calls to a cluster whose service is stopped.
    #[cold]
    fn check_service(&self, raw: usize, kind: HandleKind, entry: &Entry) -> Result<()> {
        let cluster = self.cluster_of_entry(entry)?;
        if self.stopped.contains(&cluster) {
            let name = self.world.clusters.get(cluster).map_or("?", |c| c.name.as_str());
            return Err(Error::RpcServerUnavailable(format!(
                "the cluster service of \"{name}\" is stopped ({kind} {raw:#x} stays valid)"
            )));
        }
        Ok(())
    }

    /// Records (and in strict mode refuses) a handle whose cluster handle was closed.
    #[inline]
    pub(crate) fn check_scope(
        &mut self,
        raw: usize,
        kind: HandleKind,
        entry: Entry,
        call: &'static str,
        what: DiagnosticKind,
        at: &'static Location<'static>,
    ) -> Result<()> {
        match self.handles.scope(entry.scope) {
            Some(scope) if scope.cluster_handle_open => Ok(()),
            _ => self.orphan(raw, kind, entry, call, what, at),
        }
    }

    /// The slow path of `check_scope`: the cluster handle is closed (or, never expected,
    /// the scope is missing).
    #[cold]
    #[inline(never)]
    fn orphan(
        &mut self,
        raw: usize,
        kind: HandleKind,
        entry: Entry,
        call: &'static str,
        what: DiagnosticKind,
        at: &'static Location<'static>,
    ) -> Result<()> {
        let Some(scope) = self.handles.scope(entry.scope) else {
            return Err(Error::InternalError(format!("{kind} {raw:#x} has no scope")));
        };
        let cluster_handle = scope.cluster_handle;
        let refused = self.strict && what == DiagnosticKind::UsedAfterClusterClosed;
        let object = self.object_name(kind, entry.object);
        self.diagnostics.push(Diagnostic {
            kind: what,
            call,
            handle_kind: kind,
            handle: raw,
            object: object.clone(),
            cluster_handle,
            refused,
            location: at,
        });
        if refused {
            return Err(Error::InvalidHandle(format!(
                "{kind} {raw:#x} (\"{object}\") was opened through HCluster {cluster_handle:#x}, \
                 which is closed (strict mode)"
            )));
        }
        Ok(())
    }

    /// A readable name for what an entry refers to.
    pub(crate) fn object_name(&self, kind: HandleKind, object: KeyData) -> String {
        let w = &self.world;
        let name = match kind {
            HandleKind::Cluster => w.clusters.get(ClusterKey::from(object)).map(|c| c.name.as_str()),
            HandleKind::Node => w.nodes.get(NodeKey::from(object)).map(|o| o.name.as_str()),
            HandleKind::Group => w.groups.get(GroupKey::from(object)).map(|o| o.name.as_str()),
            HandleKind::Resource => w.resources.get(ResourceKey::from(object)).map(|o| o.name.as_str()),
            HandleKind::Network => w.networks.get(NetworkKey::from(object)).map(|o| o.name.as_str()),
            HandleKind::NetInterface => {
                w.net_interfaces.get(NetInterfaceKey::from(object)).map(|o| o.name.as_str())
            }
            HandleKind::Change => return "notification port".to_owned(),
            HandleKind::Key => {
                return match self.reg_keys.get(crate::registry::RegHandleKey::from(object)) {
                    Some(k) => format!("registry key \"{}\"", k.path.join("\\")),
                    None => "registry key".to_owned(),
                };
            }
            HandleKind::ClusEnum
            | HandleKind::NetworkEnum
            | HandleKind::NodeEnum
            | HandleKind::GroupEnum
            | HandleKind::ResEnum
            | HandleKind::ResTypeEnum
            | HandleKind::ClusEnumEx => {
                return match self.snapshots.get(SnapshotKey::from(object)) {
                    Some(items) => format!("enumeration of {} item(s)", items.len()),
                    None => "enumeration".to_owned(),
                };
            }
        };
        name.map_or_else(|| "<deleted>".to_owned(), str::to_owned)
    }
}

/// Describes the clusters to simulate, then builds the [`Simulator`].
///
/// Each object call applies to the cluster most recently started with
/// [`cluster`](Self::cluster); the first cluster is the *local* cluster, which
/// `open_cluster(None)` reaches. Mistakes are remembered and reported by
/// [`build`](Self::build), so calls chain without `?`.
///
/// # Examples
///
/// ```
/// use clusapi_sim::Simulator;
///
/// let sim = Simulator::builder()
///     .cluster("SQLCLUSTER")
///     .node("SQL1")
///     .node("SQL2")
///     .network("Public")
///     .group("SQL Group", "SQL1")
///     .resource("SQL Group", "SQL Server", "Generic Service")
///     .build()?;
/// let h = sim.open_cluster(Some("sql2"))?; // a node's name reaches its cluster
/// assert_eq!(sim.get_cluster_net_interface(h, "SQL2", "Public")?, "SQL2 - Public");
/// sim.close_cluster(h)?;
/// # Ok::<(), clusapi_sim::Error>(())
/// ```
///
/// A bad topology is an error that names the culprit:
///
/// ```
/// use clusapi_sim::{codes, Simulator};
///
/// let err = Simulator::builder().cluster("C").node("N1").group("G", "N9").build().unwrap_err();
/// assert_eq!(err.code(), codes::ERROR_CLUSTER_NODE_NOT_FOUND);
/// assert!(err.to_string().contains("N9"));
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct SimulatorBuilder {
    topology: Topology,
    error: Option<Error>,
    strict: bool,
    handle_limit: usize,
    max_diagnostics: usize,
    transition_polls: Option<u32>,
    faults: Vec<crate::Fault>,
    enum_seed: Option<u64>,
    history_limit: usize,
    /// Each trigger, with its line when a topology file gave it.
    triggers: Vec<(crate::Trigger, Option<usize>)>,
}

impl Default for SimulatorBuilder {
    fn default() -> Self {
        Self {
            topology: Topology::default(),
            error: None,
            strict: false,
            handle_limit: MAX_HANDLES,
            max_diagnostics: crate::diagnostics::DEFAULT_MAX_DIAGNOSTICS,
            transition_polls: None,
            faults: Vec::new(),
            enum_seed: None,
            history_limit: 0,
            triggers: Vec::new(),
        }
    }
}

impl SimulatorBuilder {
    fn with_cluster(mut self, call: &str, f: impl FnOnce(&mut ClusterSpec)) -> Self {
        match self.topology.clusters.last_mut() {
            Some(c) => f(c),
            None => {
                if self.error.is_none() {
                    self.error =
                        Some(Error::InvalidParameter(format!("{call} comes before any .cluster(name)")));
                }
            }
        }
        self
    }

    /// Starts a cluster; the calls that follow add to it. The first cluster is the local
    /// one. Its name is at most 63 characters (`MAX_CLUSTERNAME_LENGTH`).
    pub fn cluster(mut self, name: impl Into<String>) -> Self {
        self.topology.clusters.push(ClusterSpec { name: name.into(), ..ClusterSpec::default() });
        self
    }

    /// Adds a node. Every network of the cluster gets an interface on it, named
    /// `"<node> - <network>"`, whether the network was added before or after the node.
    pub fn node(self, name: impl Into<String>) -> Self {
        let name = name.into();
        self.with_cluster(&format!(".node({name:?})"), |c| c.nodes.push(name))
    }

    /// Adds a network, with one interface per node of the cluster.
    pub fn network(self, name: impl Into<String>) -> Self {
        let name = name.into();
        self.with_cluster(&format!(".network({name:?})"), |c| c.networks.push(name))
    }

    /// Adds a group owned by `owner_node` (a node of this cluster, added before or after).
    /// It starts offline, unless it is the core group `"Cluster Group"`.
    pub fn group(self, name: impl Into<String>, owner_node: impl Into<String>) -> Self {
        let (name, owner) = (name.into(), owner_node.into());
        self.with_cluster(&format!(".group({name:?})"), |c| {
            c.groups.push(GroupSpec { name, owner, online: false })
        })
    }

    /// Adds a group that starts online: its resources online on `owner_node`. (Other groups
    /// start offline, except the core group `"Cluster Group"`, which always starts online.)
    pub fn online_group(self, name: impl Into<String>, owner_node: impl Into<String>) -> Self {
        let (name, owner) = (name.into(), owner_node.into());
        self.with_cluster(&format!(".online_group({name:?})"), |c| {
            c.groups.push(GroupSpec { name, owner, online: true });
        })
    }

    /// Adds a resource of type `resource_type` (for example `"Physical Disk"`,
    /// `"IP Address"`, `"Generic Service"`) to `group`, a group of this cluster.
    pub fn resource(
        self,
        group: impl Into<String>,
        name: impl Into<String>,
        resource_type: impl Into<String>,
    ) -> Self {
        let (group, name, resource_type) = (group.into(), name.into(), resource_type.into());
        self.with_cluster(&format!(".resource({name:?})"), |c| {
            c.resources.push(ResourceSpec { group, name, resource_type, private: Default::default() });
        })
    }

    /// Sets a private property of `resource` (a resource of this cluster added before),
    /// as `CLUSCTL_RESOURCE_SET_PRIVATE_PROPERTIES` would: for the built-in types the
    /// property must be one of the type's read-write private properties, in its format
    /// (`build()` names the culprit otherwise); for other types any name is taken.
    ///
    /// ```
    /// use clusapi_sim::{clusctl, PropertyList, PropertyValue, Simulator};
    ///
    /// let sim = Simulator::default_builder()
    ///     .private_property("Cluster IP Address", "Address", PropertyValue::Sz("10.0.0.20".into()))
    ///     .build()?;
    /// let c = sim.open_cluster(None)?;
    /// let ip = sim.open_cluster_resource(c, "Cluster IP Address")?;
    /// let out = sim.cluster_resource_control(ip, None, clusctl::CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTIES, &[])?;
    /// let props = PropertyList::parse(&out)?;
    /// assert_eq!(props.get("Address"), Some(&PropertyValue::Sz("10.0.0.20".into())));
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    pub fn private_property(
        mut self,
        resource: impl Into<String>,
        name: impl Into<String>,
        value: crate::PropertyValue,
    ) -> Self {
        let (resource, name) = (resource.into(), name.into());
        let mut failure = None;
        self = self.with_cluster(&format!(".private_property({resource:?}, {name:?})"), |c| {
            match c.resources.iter_mut().rev().find(|r| crate::names::names_equal(&r.name, &resource)) {
                Some(r) => {
                    if let Err(e) = crate::control::set_private(&mut r.private, &r.resource_type, &name, value) {
                        failure = Some(Error::with_message(e.code(), format!("resource \"{resource}\": {}", e.message())));
                    }
                }
                None => {
                    failure = Some(Error::InvalidParameter(format!(
                        ".private_property: no resource \"{resource}\" in this cluster (add it with .resource first)"
                    )));
                }
            }
        });
        if self.error.is_none() {
            self.error = failure;
        }
        self
    }

    /// Names the node the client runs on (`get_cluster_node_id(None)`); by default the
    /// first node of the cluster.
    pub fn local_node(self, name: impl Into<String>) -> Self {
        let name = name.into();
        self.with_cluster(&format!(".local_node({name:?})"), |c| c.local_node = Some(name))
    }

    /// Follows the documented contract of `CloseCluster`: a handle used after the cluster
    /// handle it was opened through was closed fails with `ERROR_INVALID_HANDLE`. (By
    /// default such a use works, as it does on real servers, and is only recorded in
    /// [`Simulator::diagnostics`].) Closing such a handle succeeds in both modes.
    pub fn strict(mut self) -> Self {
        self.strict = true;
        self
    }

    /// Caps the number of live handles (default and maximum 2^24, the Windows per-process
    /// limit). Past it, opening fails with `ERROR_NOT_ENOUGH_MEMORY` and nothing changes.
    pub fn handle_limit(mut self, limit: usize) -> Self {
        if (limit == 0 || limit > MAX_HANDLES) && self.error.is_none() {
            self.error = Some(Error::InvalidParameter(format!(
                ".handle_limit({limit}): the limit must be between 1 and {MAX_HANDLES}"
            )));
        }
        self.handle_limit = limit;
        self
    }

    /// Adds the clusters a TOML topology describes (and applies its `strict` and
    /// `handle_limit` settings). The format is the builder's, written down:
    ///
    /// ```toml
    /// strict = false            # optional
    /// handle_limit = 100000     # optional
    /// pending_transitions = 3   # optional
    ///
    /// [[cluster]]
    /// name = "SIMCLUSTER"
    /// nodes = ["NODE1", "NODE2"]
    /// networks = ["Cluster Network 1", "Cluster Network 2"]
    /// local_node = "NODE1"      # optional: the first node by default
    ///
    /// [[cluster.group]]
    /// name = "Cluster Group"
    /// owner = "NODE1"
    /// resources = [
    ///     { name = "Cluster Name", type = "Network Name" },
    ///     { name = "Cluster IP Address", type = "IP Address" },
    /// ]
    /// ```
    ///
    /// Errors surface from [`build`](Self::build): `ERROR_INVALID_DATA` (13) for text that
    /// does not parse or has unknown keys, and the builder's own errors otherwise, each
    /// with the line of its culprit.
    ///
    /// ```
    /// let sim = clusapi_sim::Simulator::builder()
    ///     .topology_toml("[[cluster]]\nname = \"C\"\nnodes = [\"N1\"]\nnetworks = [\"LAN\"]\n")
    ///     .build()?;
    /// let c = sim.open_cluster(Some("N1"))?;
    /// assert_eq!(sim.get_cluster_net_interface(c, "N1", "LAN")?, "N1 - LAN");
    /// # sim.close_cluster(c)?;
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[cfg(feature = "topology-file")]
    pub fn topology_toml(mut self, text: &str) -> Self {
        if self.error.is_some() {
            return self;
        }
        match crate::world::topology_file::parse(text, &mut self.topology) {
            Ok(options) => {
                if options.strict == Some(true) {
                    self = self.strict();
                }
                if let Some(limit) = options.handle_limit {
                    self = self.handle_limit(limit);
                }
                if let Some(polls) = options.pending_transitions {
                    self = self.pending_transitions(polls);
                }
                if let Some(limit) = options.record_history {
                    self = self.record_history(limit);
                }
                self.triggers.extend(options.triggers.into_iter().map(|(t, line)| (t, Some(line))));
            }
            Err(e) => self.error = Some(e),
        }
        self
    }

    /// Reads a TOML topology file; see [`topology_toml`](Self::topology_toml).
    ///
    /// Errors surface from [`build`](Self::build): `ERROR_FILE_NOT_FOUND` (2) for a file
    /// that cannot be read, with its path, and those of `topology_toml`.
    #[cfg(feature = "topology-file")]
    pub fn topology_file(mut self, path: impl AsRef<std::path::Path>) -> Self {
        let path = path.as_ref();
        match std::fs::read_to_string(path) {
            Ok(text) => self.topology_toml(&text),
            Err(e) => {
                if self.error.is_none() {
                    self.error = Some(Error::FileNotFound(format!("topology file {}: {e}", path.display())));
                }
                self
            }
        }
    }

    /// Makes online, offline and move operations take time, as on a real cluster: they
    /// return `ERROR_IO_PENDING` (997), the resources sit in `OnlinePending` /
    /// `OfflinePending` (and their group in `Pending`), and each transition completes on the
    /// `polls`-th state query of its resource or group, or on [`Simulator::step`] /
    /// [`Simulator::settle`]. Meanwhile further online, offline and move operations on the
    /// group answer `ERROR_INVALID_STATE` (5023). By default everything completes at once.
    ///
    /// ```
    /// use clusapi_sim::{ClusterGroupState, Simulator, codes};
    ///
    /// let sim = Simulator::default_builder().pending_transitions(2).build()?;
    /// let c = sim.open_cluster(None)?;
    /// let g = sim.open_cluster_group(c, "Cluster Group")?;
    /// assert_eq!(sim.move_cluster_group(g, None).unwrap_err().code(), codes::ERROR_IO_PENDING);
    /// assert_eq!(sim.get_cluster_group_state(g)?.state, ClusterGroupState::Pending); // poll 1
    /// assert_eq!(sim.get_cluster_group_state(g)?.state, ClusterGroupState::Online); // poll 2
    /// # sim.close_cluster_group(g)?; sim.close_cluster(c)?;
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    pub fn pending_transitions(mut self, polls: u32) -> Self {
        if polls == 0 && self.error.is_none() {
            self.error = Some(Error::InvalidParameter(
                ".pending_transitions(0): a transition takes at least one state poll".into(),
            ));
        }
        self.transition_polls = Some(polls);
        self
    }

    /// Records every call (ClusAPI functions and levers) with its arguments, result and
    /// call site, keeping the last `limit` ([`Simulator::history`]). Without it, nothing is
    /// recorded and no memory is held.
    pub fn record_history(mut self, limit: usize) -> Self {
        self.history_limit = limit;
        self
    }

    /// Shuffles every enumeration (its items in any order, kinds mixed), reproducibly from
    /// `seed`, to flush out code that depends on the order real clusters happen to use.
    /// Each enumeration gets an order of its own; the same seed and calls give the same
    /// orders.
    pub fn perturb_enumeration_order(mut self, seed: u64) -> Self {
        self.enum_seed = Some(seed);
        self
    }

    /// Starts with a rule in the fault plan (see [`crate::Fault`]); more can be added and
    /// removed at run time with [`Simulator::add_fault`] / [`Simulator::clear_faults`].
    pub fn fault(mut self, fault: crate::Fault) -> Self {
        self.faults.push(fault);
        self
    }

    /// Starts with a trigger (see [`crate::Trigger`]); more can be added at run time with
    /// [`Simulator::add_trigger`]. [`build`](Self::build) refuses one whose call or lever
    /// target does not exist.
    pub fn trigger(mut self, trigger: crate::Trigger) -> Self {
        self.triggers.push((trigger, None));
        self
    }

    /// Caps how many diagnostics are kept (default 10,000); later ones are counted, not
    /// kept.
    pub fn max_diagnostics(mut self, max: usize) -> Self {
        self.max_diagnostics = max;
        self
    }

    /// Checks the topology and builds the simulator.
    ///
    /// # Errors
    ///
    /// The first problem found, naming its culprit:
    /// * `ERROR_OBJECT_ALREADY_EXISTS`: two clusters, nodes, networks, groups, resources or
    ///   network interfaces of one name (compared case-insensitively; cluster and node
    ///   names share one namespace, since `open_cluster` accepts both);
    /// * `ERROR_CLUSTER_NODE_NOT_FOUND`: a group owner or local node that is not a node of
    ///   its cluster;
    /// * `ERROR_GROUP_NOT_FOUND`: a resource in a group that is not in its cluster;
    /// * `ERROR_INVALID_PARAMETER`: no cluster, a cluster without nodes, an empty name or
    ///   one with a NUL, a cluster name over 63 characters, an object before any cluster,
    ///   a handle limit out of range, a fault whose operation names no ClusAPI call;
    /// * `ERROR_NOT_ENOUGH_MEMORY`: 4095 simulators are alive already.
    pub fn build(self) -> Result<Simulator> {
        if let Some(e) = self.error {
            return Err(e);
        }
        self.topology.validate()?;
        let id = SimId::allocate()?;
        let mut world = World::from_topology(&self.topology);
        world.transition_polls = self.transition_polls;
        let state = State {
            world,
            handles: HandleTable::new(id.get(), self.handle_limit),
            snapshots: SlotMap::with_key(),
            reg_keys: SlotMap::with_key(),
            diagnostics: Diagnostics::new(self.max_diagnostics),
            strict: self.strict,
            stopped: Vec::new(),
            faults: crate::fault::FaultPlan::default(),
            enum_seed: self.enum_seed,
            enum_draws: 0,
            ports: SlotMap::with_key(),
            wake_waiters: false,
            #[cfg(test)]
            tap: None,
            history: None,
            history_limit: self.history_limit,
            triggers: crate::trigger::TriggerPlan::default(),
        };
        let mut state = state;
        for f in self.faults {
            state.faults.add(f)?;
        }
        for (t, line) in self.triggers {
            state.add_trigger(t).map_err(|e| match line {
                Some(line) => Error::InvalidData(format!("topology file, line {line}: {}", e.message())),
                None => e,
            })?;
        }
        let inner = Arc::new(Inner {
            state: Mutex::new(state),
            changed: crate::sync::Condvar::new(),
            users: AtomicUsize::new(1),
            retired: AtomicBool::new(false),
            id,
        });
        #[cfg(not(loom))]
        LIVE.insert(&inner.id, Arc::downgrade(&inner));
        Ok(Simulator { inner, counted: true })
    }
}

/// A [`Simulator`] reference that does not keep it alive, from [`Simulator::downgrade`].
#[derive(Debug, Clone)]
pub struct WeakSimulator {
    #[cfg(not(loom))]
    inner: std::sync::Weak<Inner>,
    // loom's `Arc` has no weak references; the loom models never downgrade.
    #[cfg(loom)]
    inner: Arc<Inner>,
}

impl WeakSimulator {
    /// The simulator, if a clone of it is still alive.
    #[must_use]
    #[inline]
    pub fn upgrade(&self) -> Option<Simulator> {
        #[cfg(not(loom))]
        let inner = self.inner.upgrade()?;
        #[cfg(loom)]
        let inner = self.inner.clone();
        // A thread's route may hold the allocation after the user's last value dropped.
        if inner.retired.load(Ordering::Acquire) {
            return None;
        }
        inner.users.fetch_add(1, Ordering::Relaxed);
        Some(Simulator { inner, counted: true })
    }
}

impl fmt::Display for Simulator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let st = self.lock();
        let names: Vec<&str> = st
            .world
            .cluster_order
            .iter()
            .filter_map(|&k| st.world.clusters.get(k).map(|c| c.name.as_str()))
            .collect();
        write!(
            f,
            "Simulator #{} ({}; {} open handles)",
            self.inner.id.get(),
            names.join(", "),
            st.handles.len()
        )
    }
}
