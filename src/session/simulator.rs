//! The shared simulator: world, handle table and diagnostics behind one lock.

use std::fmt;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use slotmap::{SlotMap, new_key_type};

use crate::model::world::{ClusterKey, World};
use crate::session::diagnostics::Diagnostics;
use crate::session::handle_table::HandleTable;
use crate::session::lock::StateGuard;
use crate::types::identity::SimId;
use crate::types::sync::{Arc, Mutex};

new_key_type! {
    /// An enumeration snapshot, owned by the enumeration handle that took it.
    pub(crate) struct SnapshotKey;
}

/// One item of an enumeration snapshot: its `CLUSTER_ENUM_*` type bit and its name, and
/// for the group and resource Ex enumerations the whole item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EnumItem {
    pub object_type: u32,
    pub name: String,
    pub ex: Option<Box<crate::types::enum_ex::EnumExItem>>,
}

/// Everything behind the lock.
#[derive(Debug)]
pub(crate) struct State {
    pub world: World,
    pub handles: HandleTable,
    pub snapshots: SlotMap<SnapshotKey, Vec<EnumItem>>,
    /// What each open registry key handle names (its object and path).
    pub reg_keys: SlotMap<crate::model::registry::RegHandleKey, crate::model::registry::OpenKey>,
    pub diagnostics: Diagnostics,
    pub strict: bool,
    /// Clusters whose cluster service is stopped (a lever): calls through their handles
    /// answer `RPC_S_SERVER_UNAVAILABLE`.
    pub stopped: Vec<ClusterKey>,
    /// The fault plan.
    pub faults: crate::session::fault::FaultPlan,
    /// With `.perturb_enumeration_order(seed)`, the seed enumerations are shuffled with.
    pub enum_seed: Option<u64>,
    /// How many enumerations were shuffled (each gets its own order).
    pub enum_draws: u64,
    /// Notification ports.
    pub ports: SlotMap<crate::session::notify::PortKey, crate::session::notify::Port>,
    /// Set when a call queued events or closed a port: waiters are woken when it ends.
    pub wake_waiters: bool,
    /// Tests only: when set, every call's completed changes are appended here as they are
    /// delivered (the oracle test and the recording tests read them).
    #[cfg(test)]
    pub tap: Option<Vec<crate::model::journal::Change>>,
    /// The call history, created on the first recorded call.
    pub history: Option<crate::session::history::History>,
    /// How many calls the history keeps; 0: no history.
    pub history_limit: usize,
    /// The triggers: levers tied to points of the call sequence.
    pub triggers: crate::session::trigger::TriggerPlan,
    /// Simulated time, read while timed transitions are on (`world.timing`).
    pub clock: crate::session::clock::Clock,
}

#[derive(Debug)]
struct Inner {
    // Declared before `id` so the table is gone before the identity is free again.
    state: Mutex<State>,
    /// Signalled when notifications are queued.
    changed: crate::types::sync::Condvar,
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
static LIVE: crate::types::identity::Directory<Inner> = crate::types::identity::Directory::new();

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
///
/// `{:?}` prints a short summary (its identity, clusters, object counts and open
/// handles), not the internals; [`Simulator::world_summary`] prints what the clusters hold.
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

impl Simulator {
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
        let id = crate::types::handle::RawParts::decode(raw).sim;
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
    /// [`SimulatorBuilder::strict`](crate::SimulatorBuilder::strict)).
    #[must_use]
    pub fn is_strict(&self) -> bool {
        self.lock().strict
    }

    /// A new simulator over `state`, whose handle values carry `id`: what the builder ends
    /// with.
    pub(crate) fn from_state(state: State, id: SimId) -> Simulator {
        let inner = Arc::new(Inner {
            state: Mutex::new(state),
            changed: crate::types::sync::Condvar::new(),
            users: AtomicUsize::new(1),
            retired: AtomicBool::new(false),
            id,
        });
        #[cfg(not(loom))]
        LIVE.insert(&inner.id, Arc::downgrade(&inner));
        Simulator { inner, counted: true }
    }

    /// The lock. While timed transitions are on, the transitions due by now complete first,
    /// their events queued, so the caller meets the cluster as it is at this simulated time.
    #[inline]
    pub(crate) fn lock(&self) -> StateGuard<'_> {
        let mut guard = self.lock_untimed(true);
        if guard.world.timing.on() {
            guard.catch_up();
        }
        guard
    }

    /// As [`lock`](Self::lock), for what changes nothing (its journal is not read when it is
    /// released).
    #[inline]
    pub(crate) fn lock_quiet(&self) -> StateGuard<'_> {
        let mut guard = self.lock_untimed(false);
        if guard.world.timing.on() {
            guard.catch_up();
        }
        guard
    }

    /// The lock without the catch-up of timed transitions: for the call chokepoint, which
    /// does it on its cold path (`State::hooked` counts timing), so that a call without
    /// timing, faults, triggers or history pays one branch, not a call site that keeps the
    /// guard in memory (measured: 18 ns a call). `compare`: the call may change the world.
    #[inline]
    pub(crate) fn lock_untimed(&self, compare: bool) -> StateGuard<'_> {
        let guard = crate::types::sync::lock_backing_off(&self.inner.state);
        StateGuard { guard, compare, changed: &self.inner.changed }
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

/// A few lines, whatever the size of the world: the identity, the clusters, how many objects
/// of each kind, the open handles and the options that change behaviour. Takes the lock
/// without completing due transitions or publishing events, so printing changes nothing.
///
/// ```
/// let sim = clusapi_sim::Simulator::default();
/// let _c = sim.open_cluster(None)?;
/// let debug = format!("{sim:?}");
/// assert!(debug.starts_with("Simulator { id: "), "{debug}");
/// assert!(debug.ends_with(
///     r#"clusters: ["SIMCLUSTER"], nodes: 2, networks: 2, net_interfaces: 4, groups: 2, resources: 2, open_handles: 1, strict: false, .. }"#
/// ), "{debug}");
/// # Ok::<(), clusapi_sim::Error>(())
/// ```
impl fmt::Debug for Simulator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let st = self.lock_untimed(false);
        let w = &st.world;
        let clusters: Vec<&str> =
            w.cluster_order.iter().filter_map(|&k| w.clusters.get(k).map(|c| c.name.as_str())).collect();
        let mut d = f.debug_struct("Simulator");
        d.field("id", &self.inner.id.get())
            .field("clusters", &clusters)
            .field("nodes", &w.nodes.len())
            .field("networks", &w.networks.len())
            .field("net_interfaces", &w.net_interfaces.len())
            .field("groups", &w.groups.len())
            .field("resources", &w.resources.len())
            .field("open_handles", &st.handles.len())
            .field("strict", &st.strict);
        if let Some(polls) = w.transition_polls {
            d.field("pending_transitions", &polls);
        }
        if let Some(duration) = w.timing.duration {
            d.field("pending_duration", &duration);
        }
        if !st.stopped.is_empty() {
            d.field("stopped_services", &st.stopped.len());
        }
        if !st.ports.is_empty() {
            d.field("notification_ports", &st.ports.len());
        }
        d.finish_non_exhaustive()
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
