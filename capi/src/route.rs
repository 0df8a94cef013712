//! Which simulator a call goes to.
//!
//! * A call that takes a handle goes to the simulator that minted it: every handle value
//!   carries its simulator's identity, and [`Simulator::with_owner_of`] finds the live
//!   simulator of an identity in the thread's own route (or, the first time, in that
//!   identity's directory slot). So a handle works on any thread, threads that use different
//!   simulators share nothing on this path, and a value whose simulator is gone answers
//!   `ERROR_INVALID_HANDLE`.
//! * A call that takes no handle (`OpenCluster`, `OpenClusterEx`, `GetNodeClusterState`,
//!   `GetClusterNodeId(NULL)`, the `ClusSim*` levers) goes to the calling thread's
//!   current simulator: the one bound to the thread ([`bind`], `ClusSimBindThread`), else
//!   the process's (the default topology, or the file `CLUSAPI_SIM_TOPOLOGY` names).
//!
//! A binding is a weak reference: it never keeps a simulator alive, and a thread bound to
//! a simulator that has been dropped or destroyed is back on the process's simulator.

use std::cell::RefCell;
use std::marker::PhantomData;
use std::sync::{PoisonError, RwLock};

use clusapi_sim::{Error, Handle, Simulator, WeakSimulator};

/// The environment variable that names a TOML topology file.
pub const TOPOLOGY_VARIABLE: &str = "CLUSAPI_SIM_TOPOLOGY";

/// The process's simulator: not yet created, created, or failed to load its topology (then
/// every `OpenCluster*` answers `RPC_S_SERVER_UNAVAILABLE`, as for a cluster that cannot
/// be reached, rather than running on a wrong topology).
enum Process {
    Unset,
    Ready(Simulator),
    Broken(String),
}

/// Read by every handle-less call of an unbound thread; written only on first use, by
/// `ClusSimReset` and by `ClusSimLoadTopology`.
static PROCESS: RwLock<Process> = RwLock::new(Process::Unset);

thread_local! {
    /// The simulator this thread's handle-less calls go to, if one is bound.
    static BOUND: RefCell<Option<WeakSimulator>> = const { RefCell::new(None) };
}

/// Builds the simulator the environment asks for. An empty `CLUSAPI_SIM_TOPOLOGY=` is unset.
fn create() -> Process {
    match std::env::var_os(TOPOLOGY_VARIABLE).filter(|path| !path.is_empty()) {
        None => match Simulator::default_builder().build() {
            Ok(sim) => Process::Ready(sim),
            Err(e) => Process::Broken(e.to_string()),
        },
        Some(path) => match Simulator::builder().topology_file(&path).build() {
            Ok(sim) => Process::Ready(sim),
            Err(e) => {
                let message = format!("{TOPOLOGY_VARIABLE}={}: {e}", path.to_string_lossy());
                eprintln!("clusapi-sim: {message}; OpenCluster will fail with RPC_S_SERVER_UNAVAILABLE");
                Process::Broken(message)
            }
        },
    }
}

fn answer(p: &Process) -> Option<Result<Simulator, Error>> {
    match p {
        Process::Unset => None,
        Process::Ready(sim) => Some(Ok(sim.clone())),
        Process::Broken(why) => {
            Some(Err(Error::RpcServerUnavailable(format!("no simulated cluster: {why}"))))
        }
    }
}

/// The process's simulator, creating it on first use.
///
/// # Errors
///
/// `RPC_S_SERVER_UNAVAILABLE` if the topology file could not be loaded.
pub(crate) fn process() -> Result<Simulator, Error> {
    // Nothing panics while holding this lock; if something ever did, the value inside is
    // still whole (every write is a single assignment), so carry on with it.
    if let Some(found) = answer(&PROCESS.read().unwrap_or_else(PoisonError::into_inner)) {
        return found;
    }
    let mut p = PROCESS.write().unwrap_or_else(PoisonError::into_inner);
    if matches!(*p, Process::Unset) {
        *p = create();
    }
    answer(&p).unwrap_or_else(|| Err(Error::InternalError("the simulator was not created".into())))
}

/// Replaces the process's simulator: `None` forgets it (the next use creates it again).
pub(crate) fn set_process(sim: Option<Simulator>) {
    let next = sim.map_or(Process::Unset, Process::Ready);
    // The old simulator is dropped after the lock is released.
    let _old = std::mem::replace(&mut *PROCESS.write().unwrap_or_else(PoisonError::into_inner), next);
}

/// The calling thread's current simulator: the bound one while it is alive, else the
/// process's.
///
/// # Errors
///
/// As [`process`].
pub(crate) fn current() -> Result<Simulator, Error> {
    // `try_with` fails only while the thread's locals are destroyed: no binding then.
    match BOUND.try_with(|b| b.borrow().as_ref().and_then(WeakSimulator::upgrade)) {
        Ok(Some(sim)) => Ok(sim),
        _ => process(),
    }
}

/// Runs `f` on the simulator that minted the handle `p` (found from the value with a read
/// of the thread's own route, see [`Simulator::with_owner_of`]).
///
/// # Errors
///
/// `ERROR_INVALID_HANDLE` for NULL, or a value whose simulator is gone (or that no
/// simulator minted); else what `f` answers.
#[inline]
pub(crate) fn on<T, R>(p: *mut T, f: impl FnOnce(&Simulator) -> Result<R, Error>) -> Result<R, Error> {
    // The pointer is only a number: its simulator identity is decoded, never dereferenced.
    on_raw(p as usize, f)
}

/// As [`on`], for a handle already converted to its typed form.
#[inline]
pub(crate) fn on_handle<H: Handle, R>(
    h: H,
    f: impl FnOnce(&Simulator) -> Result<R, Error>,
) -> Result<R, Error> {
    on_raw(h.as_raw(), f)
}

/// The simulator that minted the handle `p`, as a value of its own: for the calls that
/// use it more than once or wait on it (`GetClusterNotify`).
///
/// # Errors
///
/// As [`on`].
pub(crate) fn sim<T>(p: *mut T) -> Result<Simulator, Error> {
    on(p, |s| Ok(s.clone()))
}

#[inline]
fn on_raw<R>(raw: usize, f: impl FnOnce(&Simulator) -> Result<R, Error>) -> Result<R, Error> {
    if raw == 0 {
        return Err(Error::InvalidHandle("NULL handle".into()));
    }
    Simulator::with_owner_of(raw, f)
        .unwrap_or_else(|| Err(Error::InvalidHandle(format!("{raw:#x} is not a handle of a live simulator"))))
}

/// Binds the calling thread to a simulator (`None`: unbinds it); returns the binding it
/// replaces.
pub(crate) fn set_binding(sim: Option<WeakSimulator>) -> Option<WeakSimulator> {
    // Fails only while the thread's locals are destroyed: nothing to bind or restore then.
    BOUND.try_with(|b| b.replace(sim)).ok().flatten()
}

/// Routes the calling thread's handle-less C calls (`OpenCluster`, `OpenClusterEx`,
/// `GetNodeClusterState`, the `ClusSim*` levers) to `sim` until the guard is dropped; the
/// guard then restores the thread's previous binding, so guards nest.
///
/// Calls that take a handle need no binding: each goes to the simulator that minted its
/// handle, on any thread. The binding does not keep `sim` alive (the guard borrows it).
///
/// ```
/// use clusapi::clusapi_sim::Simulator;
///
/// let sim = Simulator::builder().cluster("SQLCLUSTER").node("SQL1").node("SQL2").build()?;
/// let _bound = clusapi::bind(&sim);
/// // What production code does with windows-sys or from C: it reaches `sim`.
/// let cluster = unsafe { clusapi::OpenCluster(std::ptr::null()) };
/// assert!(!cluster.is_null());
/// assert_eq!(sim.open_handle_count(), 1);
/// assert_eq!(clusapi::CloseCluster(cluster), clusapi::TRUE);
/// sim.assert_no_open_handles();
/// # Ok::<(), clusapi::clusapi_sim::Error>(())
/// ```
#[must_use = "the binding ends when the guard is dropped"]
pub fn bind(sim: &Simulator) -> Bound<'_> {
    Bound { previous: set_binding(Some(sim.downgrade())), _sim: PhantomData, _thread: PhantomData }
}

/// The guard of [`bind`]: while it lives, the thread's handle-less C calls go to its
/// simulator. Not `Send`: it restores the binding of the thread that made it.
#[derive(Debug)]
pub struct Bound<'a> {
    previous: Option<WeakSimulator>,
    _sim: PhantomData<&'a Simulator>,
    /// A thread-local binding is restored on its own thread only.
    _thread: PhantomData<*const ()>,
}

impl Drop for Bound<'_> {
    fn drop(&mut self) {
        set_binding(self.previous.take());
    }
}

/// The process's simulator (the default topology, or the file `CLUSAPI_SIM_TOPOLOGY`
/// names), as a [`Simulator`]: a test that configures the C side through the environment
/// reaches the same world from Rust (history, levers, the leak report).
///
/// # Errors
///
/// `RPC_S_SERVER_UNAVAILABLE` when the topology file could not be loaded (the message
/// says why).
///
/// ```
/// let sim = clusapi::process_simulator()?;
/// let before = sim.open_handle_count();
/// let cluster = unsafe { clusapi::OpenCluster(std::ptr::null()) }; // an unbound thread
/// assert_eq!(sim.open_handle_count(), before + 1);
/// clusapi::CloseCluster(cluster);
/// # Ok::<(), clusapi::clusapi_sim::Error>(())
/// ```
pub fn process_simulator() -> Result<Simulator, Error> {
    process()
}

/// Runs `f` on a new thread bound to `sim`, and returns what it returns: for code under
/// test that calls `OpenCluster` on worker threads of its own. A panic in `f` is passed on
/// to the caller.
///
/// ```
/// use clusapi::clusapi_sim::Simulator;
///
/// let sim = Simulator::default();
/// let cluster = clusapi::run_bound(&sim, || unsafe { clusapi::OpenCluster(std::ptr::null()) } as usize);
/// assert_eq!(sim.open_handle_count(), 1, "opened in `sim`, from the other thread");
/// assert_eq!(clusapi::CloseCluster(cluster as clusapi::HCLUSTER), clusapi::TRUE);
/// ```
pub fn run_bound<T: Send>(sim: &Simulator, f: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|scope| {
        let worker = scope.spawn(|| {
            let _bound = bind(sim);
            f()
        });
        worker.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}
