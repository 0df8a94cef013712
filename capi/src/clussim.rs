//! The simulator's own exports, `ClusSim*`: simulators per test (`ClusSimCreate`,
//! `ClusSimBindThread`, `ClusSimDestroy`), the process's simulator (`ClusSimReset`,
//! `ClusSimLoadTopology`), and the levers and reports that steer the calling thread's
//! current simulator from a test (see [`crate::route`]).

use std::collections::BTreeMap;
use std::ffi::{CStr, c_char};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

use clusapi_sim::{Error, Simulator};

use crate::ffi::{BOOL, DWORD, FALSE, HANDLE, LPCWSTR, LPDWORD, guard, status};
use crate::route::{current, set_binding, set_process};
use crate::strings;
use clusapi_sim::codes;

/// The simulators `ClusSimCreate` made, by the value it returned: the only strong
/// references the library keeps to them, so `ClusSimDestroy` ends them. Taken by create,
/// bind and destroy only, never by a ClusAPI call.
static CREATED: Mutex<BTreeMap<usize, Simulator>> = Mutex::new(BTreeMap::new());
/// Numbers the values `ClusSimCreate` returns; a value is never handed out twice.
static SERIAL: AtomicUsize = AtomicUsize::new(1);
/// Mixed into those values so that they look like pointers. Its low five bits (a handle
/// value's kind bits), and so the values', are 0: a handle kind no ClusAPI handle has, so passing one to a ClusAPI call is
/// `ERROR_INVALID_HANDLE`.
const SIM_VALUE_SCRAMBLE: usize = 0x5c15_a000_0000_0000;

fn created() -> std::sync::MutexGuard<'static, BTreeMap<usize, Simulator>> {
    // Nothing panics while holding this lock, and every write is a single insert or
    // remove: the map inside is whole even if poisoned.
    CREATED.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Reads a NUL-terminated UTF-8 topology.
///
/// # Safety
///
/// `toml` is NULL or a NUL-terminated string.
unsafe fn read_topology(toml: *const c_char, call: &str) -> Result<Simulator, Error> {
    if toml.is_null() {
        return Err(Error::InvalidParameter(format!("{call}: NULL topology")));
    }
    // SAFETY: non-NULL, and the caller passes a NUL-terminated string.
    let text = unsafe { CStr::from_ptr(toml) }
        .to_str()
        .map_err(|_| Error::InvalidParameter(format!("{call}: the topology is not UTF-8")))?;
    Simulator::builder().topology_toml(text).build()
}

/// Creates a simulator of its own for a test, from a TOML topology (UTF-8, NUL-terminated;
/// the format of `CLUSAPI_SIM_TOPOLOGY` files), or the default topology for NULL. Bind it
/// to the test's thread with `ClusSimBindThread`; end it with `ClusSimDestroy`.
///
/// Returns the simulator's value, or NULL with the last error: `ERROR_INVALID_PARAMETER`
/// for text that is not UTF-8, `ERROR_INVALID_DATA` for text that does not parse, or the
/// builder's code (`ERROR_OBJECT_ALREADY_EXISTS`, ...); `ClusSimLastErrorMessage` then
/// says why, with the line.
///
/// # Safety
///
/// `topology_toml` is NULL or a NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ClusSimCreate(topology_toml: *const c_char) -> HANDLE {
    guard(std::ptr::null_mut(), || {
        let sim = if topology_toml.is_null() {
            Simulator::default_builder().build()?
        } else {
            // SAFETY: forwarded contract.
            unsafe { read_topology(topology_toml, "ClusSimCreate") }?
        };
        let serial = SERIAL.fetch_add(1, Ordering::Relaxed);
        let value = SIM_VALUE_SCRAMBLE ^ (serial << 5);
        created().insert(value, sim);
        Ok(std::ptr::without_provenance_mut(value))
    })
}

/// Binds the calling thread to a simulator from `ClusSimCreate`: its handle-less calls
/// (`OpenCluster`, `OpenClusterEx`, `GetNodeClusterState`, the `ClusSim*` levers and
/// reports) go to it. NULL binds the thread back to the process's simulator. Calls that
/// take a handle need no binding: they go to the simulator that minted the handle.
///
/// Returns `ERROR_SUCCESS`, or `ERROR_INVALID_HANDLE` for a value that is not a live
/// simulator of `ClusSimCreate` (the binding is then unchanged).
#[unsafe(no_mangle)]
pub extern "C" fn ClusSimBindThread(sim: HANDLE) -> DWORD {
    status(|| {
        if sim.is_null() {
            set_binding(None);
            return Ok(());
        }
        let weak = created().get(&(sim as usize)).map(Simulator::downgrade).ok_or_else(|| {
            Error::InvalidHandle(format!("{:#x} is not a simulator of ClusSimCreate", sim as usize))
        })?;
        set_binding(Some(weak));
        Ok(())
    })
}

/// Ends a simulator from `ClusSimCreate`: its handles become invalid
/// (`ERROR_INVALID_HANDLE`), and threads bound to it are back on the process's simulator.
///
/// Returns `ERROR_SUCCESS`, or `ERROR_INVALID_HANDLE` for a value that is not a live
/// simulator of `ClusSimCreate` (a second destroy, say).
#[unsafe(no_mangle)]
pub extern "C" fn ClusSimDestroy(sim: HANDLE) -> DWORD {
    status(|| {
        let removed = created().remove(&(sim as usize));
        match removed {
            // Dropped here, after the table's lock is released.
            Some(_simulator) => Ok(()),
            None => {
                Err(Error::InvalidHandle(format!("{:#x} is not a simulator of ClusSimCreate", sim as usize)))
            }
        }
    })
}

/// Writes the message of the calling thread's most recent failed call (why the simulator
/// refused: the handle, object or topology line at fault) as UTF-8 into `buffer`, with the
/// byte-count protocol of `ClusSimLeakReport`; empty before any call failed. The failures
/// of this function itself are not recorded, so the two-call protocol (ask the length,
/// then read) reads the message of the call before.
///
/// Returns `ERROR_SUCCESS`; `ERROR_MORE_DATA` with the required length for a NULL or
/// too-small buffer; `ERROR_INVALID_PARAMETER` for a NULL `lpcbBuffer`.
///
/// # Safety
///
/// `lpcbBuffer` is NULL or valid for reads and writes; `buffer` is NULL or valid for
/// `*lpcbBuffer` bytes of writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ClusSimLastErrorMessage(buffer: *mut c_char, lpcbBuffer: LPDWORD) -> DWORD {
    let message = crate::ffi::last_failure_message();
    // Not through `status`: this function's own failures are not recorded as the thread's
    // last failure (the two-call protocol must read the message of the call before).
    // SAFETY: forwarded contract.
    match unsafe { copy_utf8(&message, buffer, lpcbBuffer) } {
        Ok(()) => codes::ERROR_SUCCESS,
        Err(e) => {
            let code = e.code();
            crate::ffi::set_last_error(code);
            code
        }
    }
}

/// Writes `text` and a NUL into a caller's byte buffer: `*lpcbBuffer` in is the capacity
/// including the NUL, out the length without it.
///
/// # Safety
///
/// As `ClusSimLeakReport`.
unsafe fn write_utf8(text: &str, buffer: *mut c_char, lpcbBuffer: LPDWORD) -> DWORD {
    // SAFETY: forwarded contract.
    status(|| unsafe { copy_utf8(text, buffer, lpcbBuffer) })
}

/// The body of [`write_utf8`], without recording a failure.
///
/// # Safety
///
/// As `ClusSimLeakReport`.
unsafe fn copy_utf8(text: &str, buffer: *mut c_char, lpcbBuffer: LPDWORD) -> Result<(), Error> {
    if lpcbBuffer.is_null() {
        return Err(Error::InvalidParameter("NULL lpcbBuffer".into()));
    }
    let len = DWORD::try_from(text.len()).unwrap_or(DWORD::MAX);
    // SAFETY: non-NULL and valid for reads per the contract.
    let capacity = unsafe { lpcbBuffer.read() } as usize;
    if buffer.is_null() || capacity <= text.len() {
        // SAFETY: valid for writes per the contract.
        unsafe { lpcbBuffer.write(len) };
        return Err(Error::MoreData(format!("{} bytes and a NUL are needed", text.len())));
    }
    // SAFETY: `buffer` holds `capacity > text.len()` bytes.
    unsafe {
        std::ptr::copy_nonoverlapping(text.as_ptr().cast::<c_char>(), buffer, text.len());
        buffer.add(text.len()).write(0);
        lpcbBuffer.write(len);
    }
    Ok(())
}

/// Drops the process's simulator (every handle becomes invalid) and creates a fresh one on
/// next use, from `CLUSAPI_SIM_TOPOLOGY` or the default topology.
///
/// A program that unloads the library with `dlclose` calls this first: the library's
/// statics are not destroyed on unload, so the simulator would otherwise stay allocated.
///
/// Returns `ERROR_SUCCESS`.
#[unsafe(no_mangle)]
pub extern "C" fn ClusSimReset() -> DWORD {
    status(|| {
        set_process(None);
        Ok(())
    })
}

/// Replaces the process's simulator with one built from a TOML topology (UTF-8,
/// NUL-terminated; the format of `CLUSAPI_SIM_TOPOLOGY` files). Handles of the old
/// simulator become invalid.
///
/// Returns `ERROR_SUCCESS`, or the error, leaving the current simulator in place:
/// `ERROR_INVALID_PARAMETER` for NULL or text that is not UTF-8, `ERROR_INVALID_DATA` for
/// text that does not parse, or the builder's code (`ERROR_OBJECT_ALREADY_EXISTS`, ...).
///
/// # Safety
///
/// `toml` is NULL or a NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ClusSimLoadTopology(toml: *const c_char) -> DWORD {
    status(|| {
        // SAFETY: forwarded contract.
        set_process(Some(unsafe { read_topology(toml, "ClusSimLoadTopology") }?));
        Ok(())
    })
}

/// The number of handles open in the current simulator (0 if it could not be created).
#[unsafe(no_mangle)]
pub extern "C" fn ClusSimOpenHandleCount() -> DWORD {
    crate::ffi::guard(0, || {
        Ok(current().map_or(0, |s| DWORD::try_from(s.open_handle_count()).unwrap_or(DWORD::MAX)))
    })
}

/// Writes the leak report (one open handle a line: kind, value, object, where it was
/// opened; empty when nothing is open) as UTF-8 into `buffer`, with the byte-count buffer
/// protocol: `*lpcbBuffer` in is the capacity including the NUL, out the length without
/// it.
///
/// Returns `ERROR_SUCCESS`; `ERROR_MORE_DATA` with the required length for a NULL or
/// too-small buffer; `ERROR_INVALID_PARAMETER` for a NULL `lpcbBuffer`.
///
/// # Safety
///
/// `lpcbBuffer` is NULL or valid for reads and writes; `buffer` is NULL or valid for
/// `*lpcbBuffer` bytes of writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ClusSimLeakReport(buffer: *mut c_char, lpcbBuffer: LPDWORD) -> DWORD {
    let report: String =
        current().map(|s| s.open_handles().iter().map(|h| format!("{h}\n")).collect()).unwrap_or_default();
    // SAFETY: forwarded contract.
    unsafe { write_utf8(&report, buffer, lpcbBuffer) }
}

/// Advances every pending transition of the current simulator by one state poll (with
/// `pending_transitions` in its topology). Returns `ERROR_SUCCESS`, or
/// `RPC_S_SERVER_UNAVAILABLE` without a simulator.
#[unsafe(no_mangle)]
pub extern "C" fn ClusSimStep() -> DWORD {
    status(|| {
        current()?.step();
        Ok(())
    })
}

/// Completes every pending transition of the current simulator. Returns
/// `ERROR_SUCCESS`, or `RPC_S_SERVER_UNAVAILABLE` without a simulator.
#[unsafe(no_mangle)]
pub extern "C" fn ClusSimSettle() -> DWORD {
    status(|| {
        current()?.settle();
        Ok(())
    })
}

/// Makes the pending transitions of the current simulator that start from now on also
/// complete after `dwMilliseconds` of simulated time (`pending_duration_ms` in a topology;
/// the Rust `set_pending_duration`): the first call at or after the deadline meets the
/// completed transition, and a `GetClusterNotify` waiting meanwhile wakes at the deadline.
/// It implies pending transitions (operations answer `ERROR_IO_PENDING`). 0 switches it
/// off; transitions already pending keep their deadlines. Simulated time follows the wall
/// clock unless the topology says `manual_clock = true`; [`ClusSimAdvanceClock`] moves it
/// ahead either way. Returns `ERROR_SUCCESS`, or `RPC_S_SERVER_UNAVAILABLE` without a
/// simulator.
#[unsafe(no_mangle)]
pub extern "C" fn ClusSimSetPendingDuration(dwMilliseconds: DWORD) -> DWORD {
    status(|| {
        let duration =
            (dwMilliseconds != 0).then(|| std::time::Duration::from_millis(u64::from(dwMilliseconds)));
        current()?.set_pending_duration(duration);
        Ok(())
    })
}

/// Moves the current simulator's simulated time forward by `dwMilliseconds`: the timed
/// transitions due by then complete (see [`ClusSimSetPendingDuration`]), with their events.
/// Returns `ERROR_SUCCESS`, or `RPC_S_SERVER_UNAVAILABLE` without a simulator.
#[unsafe(no_mangle)]
pub extern "C" fn ClusSimAdvanceClock(dwMilliseconds: DWORD) -> DWORD {
    status(|| {
        current()?.advance_clock(std::time::Duration::from_millis(u64::from(dwMilliseconds)));
        Ok(())
    })
}

/// Crashes a node of the current simulator: it goes down and its groups fail over (see
/// the README). Returns `ERROR_SUCCESS`, `ERROR_CLUSTER_NODE_NOT_FOUND` for an unknown name,
/// `ERROR_INVALID_PARAMETER` for NULL or a string that is not one.
///
/// # Safety
///
/// `lpszNodeName` is NULL or a NUL-terminated UTF-16 string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ClusSimCrashNode(lpszNodeName: LPCWSTR) -> DWORD {
    status(|| {
        // SAFETY: forwarded contract.
        let name = unsafe { strings::read_required(lpszNodeName, "lpszNodeName") }?;
        current()?.crash_node(&name)
    })
}

/// Brings a crashed node back up (its groups stay where they failed over to). Returns as
/// `ClusSimCrashNode`.
///
/// # Safety
///
/// `lpszNodeName` is NULL or a NUL-terminated UTF-16 string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ClusSimRestoreNode(lpszNodeName: LPCWSTR) -> DWORD {
    status(|| {
        // SAFETY: forwarded contract.
        let name = unsafe { strings::read_required(lpszNodeName, "lpszNodeName") }?;
        current()?.restore_node(&name)
    })
}

/// Stops the cluster service of a cluster (NULL: the local one): calls through its handles
/// answer `RPC_S_SERVER_UNAVAILABLE` until `ClusSimStartService`. Returns `ERROR_SUCCESS`, or
/// `RPC_S_SERVER_UNAVAILABLE` for an unknown name.
///
/// # Safety
///
/// `lpszClusterName` is NULL or a NUL-terminated UTF-16 string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ClusSimStopService(lpszClusterName: LPCWSTR) -> DWORD {
    status(|| {
        // SAFETY: forwarded contract.
        let name = unsafe { strings::read(lpszClusterName, "lpszClusterName") }?;
        current()?.stop_cluster_service(name.as_deref())
    })
}

/// Starts a stopped cluster service again; existing handles work again. Returns as
/// `ClusSimStopService`.
///
/// # Safety
///
/// `lpszClusterName` is NULL or a NUL-terminated UTF-16 string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ClusSimStartService(lpszClusterName: LPCWSTR) -> DWORD {
    status(|| {
        // SAFETY: forwarded contract.
        let name = unsafe { strings::read(lpszClusterName, "lpszClusterName") }?;
        current()?.start_cluster_service(name.as_deref())
    })
}

/// Adds a rule to the fault plan of the current simulator: calls to `lpszOperation` (a C
/// name such as `L"OnlineClusterGroup"`, case and underscores ignored), optionally only on
/// the object named `lpszObject`, fail with `dwErrorCode` and change nothing. `dwNth` > 0:
/// only the n-th matching call; else `dwPerMillion` > 0: that many calls in a million, drawn
/// from `dwSeed`; else every matching call. Close functions and enumeration reads are never
/// faulted. Any code is injected, but one the call cannot answer on a real cluster (not in
/// its `CallInfo::fault_codes`, such as 5023 for `OpenCluster`) is marked: the failed
/// call's message (`ClusSimLastErrorMessage`) ends with "not a code OpenCluster can
/// answer", and its history entry has `unlisted_code` set.
///
/// Returns `ERROR_SUCCESS`, or `ERROR_INVALID_PARAMETER` for a NULL or malformed operation.
///
/// # Safety
///
/// The strings are NULL or NUL-terminated UTF-16 strings.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ClusSimInjectFault(
    lpszOperation: LPCWSTR,
    lpszObject: LPCWSTR,
    dwNth: DWORD,
    dwPerMillion: DWORD,
    dwSeed: DWORD,
    dwErrorCode: DWORD,
) -> DWORD {
    status(|| {
        // SAFETY: forwarded contract.
        let operation = unsafe { strings::read_required(lpszOperation, "lpszOperation") }?;
        // SAFETY: forwarded contract.
        let object = unsafe { strings::read(lpszObject, "lpszObject") }?;
        let mut fault = clusapi_sim::Fault::on(operation).code(dwErrorCode);
        if let Some(o) = object {
            fault = fault.object(o);
        }
        fault = if dwNth > 0 {
            fault.nth(u64::from(dwNth))
        } else if dwPerMillion > 0 {
            fault.fraction(dwPerMillion, u64::from(dwSeed))
        } else {
            fault.every()
        };
        current()?.add_fault(fault)
    })
}

/// Empties the fault plan of the current simulator. Returns `ERROR_SUCCESS`.
#[unsafe(no_mangle)]
pub extern "C" fn ClusSimClearFaults() -> DWORD {
    status(|| {
        current()?.clear_faults();
        Ok(())
    })
}

/// Switches on (`TRUE`) or off (`FALSE`) the capture of callers' stacks for the leak report,
/// for the whole process: with it on, each handle a C caller opens is reported with that
/// caller's function, file and line (where it was built with `-g`), at a cost of
/// microseconds per open. The environment variable `CLUSAPI_SIM_C_CALLERS=1` switches it on
/// from the start. Returns `ERROR_SUCCESS`.
#[unsafe(no_mangle)]
pub extern "C" fn ClusSimCaptureCallers(bCapture: BOOL) -> DWORD {
    clusapi_sim::foreign::set_capture(bCapture != FALSE);
    codes::ERROR_SUCCESS
}

/// The body of the three network levers.
///
/// # Safety
///
/// `name` is NULL or a NUL-terminated UTF-16 string.
unsafe fn network_lever(
    name: LPCWSTR,
    lever: fn(&clusapi_sim::Simulator, &str) -> clusapi_sim::Result<()>,
) -> DWORD {
    status(|| {
        // SAFETY: forwarded contract.
        let name = unsafe { strings::read_required(name, "lpszNetworkName") }?;
        lever(&current()?, &name)
    })
}

/// Takes a network down (its interfaces fail). Returns `ERROR_SUCCESS`,
/// `ERROR_CLUSTER_NETWORK_NOT_FOUND`, or `ERROR_INVALID_PARAMETER` for NULL.
///
/// # Safety
///
/// `lpszNetworkName` is NULL or a NUL-terminated UTF-16 string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ClusSimNetworkDown(lpszNetworkName: LPCWSTR) -> DWORD {
    // SAFETY: forwarded contract.
    unsafe { network_lever(lpszNetworkName, clusapi_sim::Simulator::take_network_down) }
}

/// Partitions a network (its interfaces become unreachable). Returns as
/// `ClusSimNetworkDown`.
///
/// # Safety
///
/// `lpszNetworkName` is NULL or a NUL-terminated UTF-16 string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ClusSimPartitionNetwork(lpszNetworkName: LPCWSTR) -> DWORD {
    // SAFETY: forwarded contract.
    unsafe { network_lever(lpszNetworkName, clusapi_sim::Simulator::partition_network) }
}

/// Brings a network back up. Returns as `ClusSimNetworkDown`.
///
/// # Safety
///
/// `lpszNetworkName` is NULL or a NUL-terminated UTF-16 string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ClusSimRestoreNetwork(lpszNetworkName: LPCWSTR) -> DWORD {
    // SAFETY: forwarded contract.
    unsafe { network_lever(lpszNetworkName, clusapi_sim::Simulator::restore_network) }
}

/// Forces redirected access to the Cluster Shared Volume whose disk resource is named
/// (`redirected` TRUE), or gives it direct access again (FALSE): the lever
/// `Simulator::redirect_shared_volume`. Returns `ERROR_SUCCESS`, `ERROR_RESOURCE_NOT_FOUND`,
/// `ERROR_CLUSTER_NOT_SHARED_VOLUME` (5945) for a resource that is no CSV, or
/// `ERROR_INVALID_PARAMETER` for NULL.
///
/// # Safety
///
/// `lpszResourceName` is NULL or a NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ClusSimRedirectSharedVolume(lpszResourceName: LPCWSTR, redirected: BOOL) -> DWORD {
    status(|| {
        // SAFETY: forwarded contract.
        let name = unsafe { strings::read_required(lpszResourceName, "lpszResourceName") }?;
        let sim = current()?;
        if redirected != 0 {
            sim.redirect_shared_volume(&name)
        } else {
            sim.restore_shared_volume_access(&name)
        }
    })
}
