//! The process's simulator, created on first use, and the `ClusSim*` exports that steer it.

use std::ffi::{CStr, c_char};
use std::sync::{Mutex, MutexGuard};

use clusapi_sim::{Error, Simulator};

use crate::ffi::{DWORD, LPCWSTR, LPDWORD, status};
use crate::strings;

/// The environment variable that names a TOML topology file.
pub const TOPOLOGY_VARIABLE: &str = "CLUSAPI_SIM_TOPOLOGY";

/// The process's simulator: not yet created, created, or failed to load its topology (then
/// every `OpenCluster*` answers `RPC_S_SERVER_UNAVAILABLE`, as for a cluster that cannot
/// be reached, rather than running on a wrong topology).
enum World {
    Unset,
    Ready(Simulator),
    Broken(String),
}

static WORLD: Mutex<World> = Mutex::new(World::Unset);

fn world() -> MutexGuard<'static, World> {
    // Nothing panics while holding this lock; if something ever did, the state inside is
    // still whole (every write is a single assignment), so carry on with it.
    WORLD.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Builds the simulator the environment asks for.
fn create() -> World {
    match std::env::var_os(TOPOLOGY_VARIABLE) {
        None => match Simulator::default_builder().build() {
            Ok(sim) => World::Ready(sim),
            Err(e) => World::Broken(e.to_string()),
        },
        Some(path) => match Simulator::builder().topology_file(&path).build() {
            Ok(sim) => World::Ready(sim),
            Err(e) => {
                let message = format!("{TOPOLOGY_VARIABLE}={}: {e}", path.to_string_lossy());
                eprintln!("clusapi-sim: {message}; OpenCluster will fail with RPC_S_SERVER_UNAVAILABLE");
                World::Broken(message)
            }
        },
    }
}

/// The process's simulator, creating it on first use.
///
/// # Errors
///
/// `RPC_S_SERVER_UNAVAILABLE` if the topology file could not be loaded.
pub(crate) fn sim() -> Result<Simulator, Error> {
    let mut w = world();
    if matches!(*w, World::Unset) {
        *w = create();
    }
    match &*w {
        World::Ready(sim) => Ok(sim.clone()),
        World::Broken(why) => Err(Error::RpcServerUnavailable(format!("no simulated cluster: {why}"))),
        World::Unset => Err(Error::InternalError("the simulator was not created".into())),
    }
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
        *world() = World::Unset;
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
        if toml.is_null() {
            return Err(Error::InvalidParameter("ClusSimLoadTopology: NULL topology".into()));
        }
        // SAFETY: non-NULL, and the caller passes a NUL-terminated string.
        let text = unsafe { CStr::from_ptr(toml) }
            .to_str()
            .map_err(|_| Error::InvalidParameter("ClusSimLoadTopology: the topology is not UTF-8".into()))?;
        let sim = Simulator::builder().topology_toml(text).build()?;
        *world() = World::Ready(sim);
        Ok(())
    })
}

/// The number of handles open in the process's simulator (0 if it could not be created).
#[unsafe(no_mangle)]
pub extern "C" fn ClusSimOpenHandleCount() -> DWORD {
    crate::ffi::guard(0, || {
        Ok(sim().map_or(0, |s| DWORD::try_from(s.open_handle_count()).unwrap_or(DWORD::MAX)))
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
    status(|| {
        if lpcbBuffer.is_null() {
            return Err(Error::InvalidParameter("ClusSimLeakReport: NULL lpcbBuffer".into()));
        }
        let report: String =
            sim().map(|s| s.open_handles().iter().map(|h| format!("{h}\n")).collect()).unwrap_or_default();
        let len = DWORD::try_from(report.len()).unwrap_or(DWORD::MAX);
        // SAFETY: non-NULL and valid for reads per the contract.
        let capacity = unsafe { lpcbBuffer.read() } as usize;
        if buffer.is_null() || capacity <= report.len() {
            // SAFETY: valid for writes per the contract.
            unsafe { lpcbBuffer.write(len) };
            return Err(Error::MoreData(format!("the report needs {} bytes and a NUL", report.len())));
        }
        // SAFETY: `buffer` holds `capacity > report.len()` bytes.
        unsafe {
            std::ptr::copy_nonoverlapping(report.as_ptr().cast::<c_char>(), buffer, report.len());
            buffer.add(report.len()).write(0);
            lpcbBuffer.write(len);
        }
        Ok(())
    })
}

/// Advances every pending transition of the process's simulator by one state poll (with
/// `pending_transitions` in its topology). Returns `ERROR_SUCCESS`, or
/// `RPC_S_SERVER_UNAVAILABLE` without a simulator.
#[unsafe(no_mangle)]
pub extern "C" fn ClusSimStep() -> DWORD {
    status(|| {
        sim()?.step();
        Ok(())
    })
}

/// Completes every pending transition of the process's simulator. Returns
/// `ERROR_SUCCESS`, or `RPC_S_SERVER_UNAVAILABLE` without a simulator.
#[unsafe(no_mangle)]
pub extern "C" fn ClusSimSettle() -> DWORD {
    status(|| {
        sim()?.settle();
        Ok(())
    })
}

/// Crashes a node of the process's simulator: it goes down and its groups fail over (see
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
        sim()?.crash_node(&name)
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
        sim()?.restore_node(&name)
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
        sim()?.stop_cluster_service(name.as_deref())
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
        sim()?.start_cluster_service(name.as_deref())
    })
}

/// Adds a rule to the fault plan of the process's simulator: calls to `lpszOperation` (a C
/// name such as `L"OnlineClusterGroup"`, case and underscores ignored), optionally only on
/// the object named `lpszObject`, fail with `dwErrorCode` and change nothing. `dwNth` > 0:
/// only the n-th matching call; else `dwPerMillion` > 0: that many calls in a million, drawn
/// from `dwSeed`; else every matching call. Close functions are never faulted.
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
        sim()?.add_fault(fault)
    })
}

/// Empties the fault plan of the process's simulator. Returns `ERROR_SUCCESS`.
#[unsafe(no_mangle)]
pub extern "C" fn ClusSimClearFaults() -> DWORD {
    status(|| {
        sim()?.clear_faults();
        Ok(())
    })
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
        lever(&sim()?, &name)
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
