//! Cluster-level exports: `OpenCluster(Ex)`, `CloseCluster`, `GetClusterInformation`,
//! `GetNodeClusterState`, `GetClusterNetInterface`, and `GetLastError` / `SetLastError`.

use clusapi_sim::{Error, HCluster};

use crate::ffi::{
    BOOL, CLUSTERVERSIONINFO, DWORD, HCLUSTER, LPCWSTR, LPDWORD, LPWSTR, boolean, from_c, guard,
    not_simulated, put, set_last_error, status, to_c,
};
use crate::route::{current, on, on_handle};
use crate::strings;

/// `GetLastError`: the calling thread's last error, as the failing ClusAPI call left it.
#[unsafe(no_mangle)]
pub extern "C" fn GetLastError() -> DWORD {
    crate::ffi::last_error()
}

/// `SetLastError`: sets the calling thread's last error.
#[unsafe(no_mangle)]
pub extern "C" fn SetLastError(dwErrCode: DWORD) {
    set_last_error(dwErrCode);
}

/// `OpenCluster`: NULL, `L""`, `L"localhost"` or `L"."` for the local cluster, else a
/// cluster's or node's name, plain or fully qualified (`L"NODE1.sim.test"`, with the
/// cluster's domain), in any case. NULL on failure, with `GetLastError()`:
/// `RPC_S_SERVER_UNAVAILABLE` for an unknown name, `ERROR_INVALID_PARAMETER` for a string
/// that is not one.
///
/// # Safety
///
/// `lpszClusterName` is NULL or a NUL-terminated UTF-16 string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn OpenCluster(lpszClusterName: LPCWSTR) -> HCLUSTER {
    guard(std::ptr::null_mut(), || {
        // SAFETY: forwarded contract.
        let name = unsafe { strings::read(lpszClusterName, "lpszClusterName") }?;
        Ok(to_c(current()?.open_cluster(name.as_deref())?))
    })
}

/// `OpenClusterEx`: as `OpenCluster`, with `DesiredAccess` (`GENERIC_READ`, `GENERIC_ALL`,
/// `MAXIMUM_ALLOWED`); the granted access goes to `*GrantedAccess` when it is not NULL.
///
/// # Safety
///
/// `lpszClusterName` is NULL or a NUL-terminated UTF-16 string; `GrantedAccess` is NULL
/// or valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn OpenClusterEx(
    lpszClusterName: LPCWSTR,
    DesiredAccess: DWORD,
    GrantedAccess: *mut DWORD,
) -> HCLUSTER {
    guard(std::ptr::null_mut(), || {
        // SAFETY: forwarded contract.
        let name = unsafe { strings::read(lpszClusterName, "lpszClusterName") }?;
        let (h, granted) = current()?.open_cluster_ex(name.as_deref(), DesiredAccess)?;
        // SAFETY: NULL or valid, per the contract.
        unsafe { put(GrantedAccess, granted) };
        Ok(to_c(h))
    })
}

// Not simulated yet: the variant of `OpenClusterEx` that `clusapi.dll` exports without documenting it.
not_simulated! {
    /// an undocumented variant of OpenClusterEx (which is simulated)
    fn OpenClusterEx2 -> NULL;
}

/// `CloseCluster`: `TRUE`, or `FALSE` with `ERROR_INVALID_HANDLE` for a value that is not
/// an open cluster handle (the real function is documented to always return `TRUE`; the
/// simulator reports the misuse).
#[unsafe(no_mangle)]
pub extern "C" fn CloseCluster(hCluster: HCLUSTER) -> BOOL {
    boolean(|| on(hCluster, |s| s.close_cluster(from_c(hCluster)?)))
}

/// `GetClusterInformation`: the cluster's name (buffer protocol) and, when
/// `lpClusterInfo` is not NULL, its version; the caller sets `dwVersionInfoSize` (at least
/// `sizeof(CLUSTERVERSIONINFO_NT4)`, 268; the full structure is filled when it is
/// `sizeof(CLUSTERVERSIONINFO)`, else `ERROR_INVALID_PARAMETER`).
///
/// # Safety
///
/// `lpcchClusterName` is NULL or valid for reads and writes; `lpszClusterName` is NULL or
/// holds `*lpcchClusterName` units; `lpClusterInfo` is NULL or points to a structure of
/// `dwVersionInfoSize` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn GetClusterInformation(
    hCluster: HCLUSTER,
    lpszClusterName: LPWSTR,
    lpcchClusterName: LPDWORD,
    lpClusterInfo: *mut CLUSTERVERSIONINFO,
) -> DWORD {
    status(|| {
        let info = on(hCluster, |s| s.get_cluster_information(from_c(hCluster)?))?;
        if !lpClusterInfo.is_null() {
            // SAFETY: non-NULL and points to at least its size field, per the contract.
            let size = unsafe { (*lpClusterInfo).dwVersionInfoSize } as usize;
            // dwVersionInfoSize .. szCSDVersion: the layout of CLUSTERVERSIONINFO_NT4.
            let nt4 = std::mem::offset_of!(CLUSTERVERSIONINFO, dwClusterHighestVersion);
            if size < nt4 {
                return Err(Error::InvalidParameter(format!(
                    "lpClusterInfo->dwVersionInfoSize is {size}; set it to sizeof(CLUSTERVERSIONINFO)"
                )));
            }
            let p = lpClusterInfo;
            let v = &info.version;
            // SAFETY: the structure holds `size >= nt4` bytes, so every field before
            // `dwClusterHighestVersion` is in bounds; fields are written through raw
            // places, never through a reference to the whole (maybe shorter) structure.
            unsafe {
                (&raw mut (*p).MajorVersion).write(v.major_version);
                (&raw mut (*p).MinorVersion).write(v.minor_version);
                (&raw mut (*p).BuildNumber).write(v.build_number);
                strings::fill_array(&mut (*p).szVendorId, &v.vendor_id);
                strings::fill_array(&mut (*p).szCSDVersion, &v.csd_version);
            }
            if size >= std::mem::size_of::<CLUSTERVERSIONINFO>() {
                // SAFETY: the structure is whole.
                unsafe {
                    (&raw mut (*p).dwClusterHighestVersion).write(v.cluster_highest_version);
                    (&raw mut (*p).dwClusterLowestVersion).write(v.cluster_lowest_version);
                    (&raw mut (*p).dwFlags).write(v.flags);
                    (&raw mut (*p).dwReserved).write(0);
                }
            }
        }
        // SAFETY: forwarded contract.
        unsafe { strings::write(&info.name, lpszClusterName, lpcchClusterName) }
    })
}

/// `GetNodeClusterState`: `ClusterStateRunning` (0x13) in `*pdwClusterState` for a name
/// `OpenCluster` takes (NULL, `L""`, `L"localhost"` or `L"."` for this machine, a
/// simulated node's or cluster's name, plain or fully qualified) whose node is up and runs
/// the cluster service (else `ClusterStateNotRunning`, 3), `ClusterStateNotInstalled` (0)
/// for any other name. Returns `ERROR_SUCCESS`, or `ERROR_INVALID_PARAMETER` for a NULL
/// `pdwClusterState` or a name that is not a string.
///
/// # Safety
///
/// `lpszNodeName` is NULL or a NUL-terminated UTF-16 string; `pdwClusterState` is NULL or
/// valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn GetNodeClusterState(lpszNodeName: LPCWSTR, pdwClusterState: *mut DWORD) -> DWORD {
    status(|| {
        // SAFETY: forwarded contract.
        let name = unsafe { strings::read(lpszNodeName, "lpszNodeName") }?;
        if pdwClusterState.is_null() {
            return Err(Error::InvalidParameter("pdwClusterState is NULL".into()));
        }
        // With no simulator (a broken topology file) no node runs the cluster service.
        let state = current().map_or(0, |s| s.get_node_cluster_state(name.as_deref()).code());
        // SAFETY: non-NULL and valid, per the contract.
        unsafe { put(pdwClusterState, state) };
        Ok(())
    })
}

/// `GetClusterNetInterface`: the name of the interface that connects a node to a network
/// (buffer protocol). `ERROR_CLUSTER_NODE_NOT_FOUND` / `ERROR_CLUSTER_NETWORK_NOT_FOUND`
/// for unknown names, `ERROR_INVALID_PARAMETER` for NULL names.
///
/// # Safety
///
/// The names are NULL or NUL-terminated UTF-16 strings; `lpcchInterfaceName` is NULL or
/// valid for reads and writes; `lpszInterfaceName` is NULL or holds `*lpcchInterfaceName`
/// units.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn GetClusterNetInterface(
    hCluster: HCLUSTER,
    lpszNodeName: LPCWSTR,
    lpszNetworkName: LPCWSTR,
    lpszInterfaceName: LPWSTR,
    lpcchInterfaceName: LPDWORD,
) -> DWORD {
    status(|| {
        let h: HCluster = from_c(hCluster)?;
        // SAFETY: forwarded contract.
        let node = unsafe { strings::read_required(lpszNodeName, "lpszNodeName") }?;
        // SAFETY: forwarded contract.
        let network = unsafe { strings::read_required(lpszNetworkName, "lpszNetworkName") }?;
        let name = on_handle(h, |s| s.get_cluster_net_interface(h, &node, &network))?;
        // SAFETY: forwarded contract.
        unsafe { strings::write(&name, lpszInterfaceName, lpcchInterfaceName) }
    })
}
