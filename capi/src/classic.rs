//! Classic exports: `AddClusterResourceNode`, `RemoveClusterResourceNode`,
//! `CanResourceBeDependent`, `ChangeClusterResourceGroup`, `GetClusterQuorumResource`,
//! `SetClusterQuorumResource`, `GetClusterResourceNetworkName`, `SetClusterGroupName`,
//! `SetClusterResourceName`, `SetClusterName`, `SetClusterNetworkPriorityOrder`,
//! `EvictClusterNodeEx`, and `BackupClusterDatabase`, `RestoreClusterDatabase`,
//! `SetClusterServiceAccountPassword` (not implemented on modern servers: 120).

use clusapi_sim::{Error, HCluster, HNetwork};

use crate::ffi::{
    BOOL, DWORD, FALSE, HCLUSTER, HGROUP, HNETWORK, HNODE, HRESOURCE, HRESULT, LPCWSTR, LPDWORD, LPWSTR,
    PCLUSTER_SET_PASSWORD_STATUS, TRUE, from_c, guard, put, status,
};
use crate::route::{current, on, on_handle};
use crate::strings;

/// The most networks `SetClusterNetworkPriorityOrder` reads; a larger count is refused
/// rather than read.
const MAX_NETWORK_LIST: DWORD = 1 << 16;

/// `AddClusterResourceNode`: `hNode` becomes a possible owner of the resource
/// (`ERROR_OBJECT_ALREADY_EXISTS` if it is one).
#[unsafe(no_mangle)]
pub extern "C" fn AddClusterResourceNode(hResource: HRESOURCE, hNode: HNODE) -> DWORD {
    status(|| on(hResource, |s| s.add_cluster_resource_node(from_c(hResource)?, from_c(hNode)?)))
}

/// `RemoveClusterResourceNode`: `hNode` is no longer a possible owner of the resource
/// (`ERROR_CLUSTER_NODE_NOT_FOUND` if it is not one; `ERROR_INVALID_STATE` for the last
/// one or the owner of a resource that is not offline).
#[unsafe(no_mangle)]
pub extern "C" fn RemoveClusterResourceNode(hResource: HRESOURCE, hNode: HNODE) -> DWORD {
    status(|| on(hResource, |s| s.remove_cluster_resource_node(from_c(hResource)?, from_c(hNode)?)))
}

/// `CanResourceBeDependent`: `TRUE` if `hResource` can depend on `hResourceDependent`.
/// `FALSE` otherwise, with the reason as the last error: the failure MS-CMRP 3.1.4.2.22
/// gives (`ERROR_INVALID_PARAMETER`, `ERROR_DEPENDENCY_ALREADY_EXISTS`,
/// `ERROR_CIRCULAR_DEPENDENCY`, `ERROR_RESOURCE_ONLINE`), or the failure of the call (a
/// bad handle, a deleted resource).
#[unsafe(no_mangle)]
pub extern "C" fn CanResourceBeDependent(hResource: HRESOURCE, hResourceDependent: HRESOURCE) -> BOOL {
    guard(FALSE, || {
        let can =
            on(hResource, |s| s.can_resource_be_dependent(from_c(hResource)?, from_c(hResourceDependent)?))?;
        crate::ffi::set_last_error(0);
        Ok(if can { TRUE } else { FALSE })
    })
}

/// `ChangeClusterResourceGroup`: moves the resource and its dependency tree to `hGroup`
/// (`ERROR_ALREADY_EXISTS` if it is there, `ERROR_HOST_NODE_NOT_GROUP_OWNER` when the
/// groups have different owner nodes).
#[unsafe(no_mangle)]
pub extern "C" fn ChangeClusterResourceGroup(hResource: HRESOURCE, hGroup: HGROUP) -> DWORD {
    status(|| on(hResource, |s| s.change_cluster_resource_group(from_c(hResource)?, from_c(hGroup)?)))
}

/// `GetClusterQuorumResource`: the quorum resource's name and device name (buffer
/// protocol each; empty while none is set) and the maximum quorum log size. A too-small
/// buffer gives `ERROR_MORE_DATA` with the lengths needed; `ERROR_INVALID_PARAMETER` for a
/// NULL length or `lpdwMaxQuorumLogSize`.
///
/// # Safety
///
/// The length pointers and `lpdwMaxQuorumLogSize` are NULL or valid for reads and writes
/// of a `DWORD`; each buffer is NULL or holds `*lpcch…` units.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn GetClusterQuorumResource(
    hCluster: HCLUSTER,
    lpszResourceName: LPWSTR,
    lpcchResourceName: LPDWORD,
    lpszDeviceName: LPWSTR,
    lpcchDeviceName: LPDWORD,
    lpdwMaxQuorumLogSize: LPDWORD,
) -> DWORD {
    status(|| {
        let h: HCluster = from_c(hCluster)?;
        if lpcchResourceName.is_null() || lpcchDeviceName.is_null() || lpdwMaxQuorumLogSize.is_null() {
            return Err(Error::InvalidParameter(
                "lpcchResourceName, lpcchDeviceName and lpdwMaxQuorumLogSize must not be NULL".into(),
            ));
        }
        let q = on_handle(h, |s| s.get_cluster_quorum_resource(h))?;
        // SAFETY: forwarded contract.
        let name = unsafe { strings::write(&q.resource_name, lpszResourceName, lpcchResourceName) };
        // SAFETY: forwarded contract.
        let device = unsafe { strings::write(&q.device_name, lpszDeviceName, lpcchDeviceName) };
        name?;
        device?;
        // SAFETY: non-NULL and valid, per the contract.
        unsafe { put(lpdwMaxQuorumLogSize, q.max_quorum_log_size) };
        Ok(())
    })
}

/// `SetClusterQuorumResource`: the resource becomes the quorum resource; the device name
/// (NULL: empty) and the maximum log size are stored.
///
/// # Safety
///
/// `lpszDeviceName` is NULL or a NUL-terminated UTF-16 string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SetClusterQuorumResource(
    hResource: HRESOURCE,
    lpszDeviceName: LPCWSTR,
    dwMaxQuoLogSize: DWORD,
) -> DWORD {
    status(|| {
        let resource = from_c(hResource)?;
        // SAFETY: forwarded contract.
        let device = unsafe { strings::read(lpszDeviceName, "lpszDeviceName") }?.unwrap_or_default();
        on_handle(resource, |s| s.set_cluster_quorum_resource(resource, &device, dwMaxQuoLogSize))
    })
}

/// `GetClusterResourceNetworkName`: `TRUE` with the DNS name of the network name the
/// resource depends on (buffer protocol: `*nSize` in is the capacity with the NUL); `FALSE`
/// with the last error otherwise: `ERROR_DEPENDENCY_NOT_FOUND` when there is none,
/// `ERROR_MORE_DATA` (and the length needed in `*nSize`) for a too-small buffer.
///
/// # Safety
///
/// `nSize` is NULL or valid for reads and writes; `lpBuffer` is NULL or holds `*nSize`
/// units.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn GetClusterResourceNetworkName(
    hResource: HRESOURCE,
    lpBuffer: LPWSTR,
    nSize: LPDWORD,
) -> BOOL {
    guard(FALSE, || {
        let name = on(hResource, |s| s.get_cluster_resource_network_name(from_c(hResource)?))?;
        // SAFETY: forwarded contract.
        unsafe { strings::write(&name, lpBuffer, nSize) }?;
        Ok(TRUE)
    })
}

/// `SetClusterGroupName`: renames the group (`ERROR_OBJECT_ALREADY_EXISTS` for another
/// group's name).
///
/// # Safety
///
/// `lpszGroupName` is NULL or a NUL-terminated UTF-16 string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SetClusterGroupName(hGroup: HGROUP, lpszGroupName: LPCWSTR) -> DWORD {
    status(|| {
        let group = from_c(hGroup)?;
        // SAFETY: forwarded contract.
        let name = unsafe { strings::read_required(lpszGroupName, "lpszGroupName") }?;
        on_handle(group, |s| s.set_cluster_group_name(group, &name))
    })
}

/// `SetClusterResourceName`: renames the resource (`ERROR_ALREADY_EXISTS` for another
/// resource's name).
///
/// # Safety
///
/// `lpszResourceName` is NULL or a NUL-terminated UTF-16 string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SetClusterResourceName(hResource: HRESOURCE, lpszResourceName: LPCWSTR) -> DWORD {
    status(|| {
        let resource = from_c(hResource)?;
        // SAFETY: forwarded contract.
        let name = unsafe { strings::read_required(lpszResourceName, "lpszResourceName") }?;
        on_handle(resource, |s| s.set_cluster_resource_name(resource, &name))
    })
}

/// `SetClusterName`: renames the cluster (at most 63 characters); a rename that is made
/// (the current name too) returns `ERROR_RESOURCE_PROPERTIES_STORED` (5024), as
/// Microsoft's page documents for success.
///
/// # Safety
///
/// `lpszNewClusterName` is NULL or a NUL-terminated UTF-16 string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SetClusterName(hCluster: HCLUSTER, lpszNewClusterName: LPCWSTR) -> DWORD {
    status(|| {
        let cluster: HCluster = from_c(hCluster)?;
        // SAFETY: forwarded contract.
        let name = unsafe { strings::read_required(lpszNewClusterName, "lpszNewClusterName") }?;
        on_handle(cluster, |s| s.set_cluster_name(cluster, &name))
    })
}

/// `SetClusterNetworkPriorityOrder`: the internal networks in priority order,
/// `NetworkCount` handles; every internal network once, else `ERROR_INVALID_PARAMETER`.
///
/// # Safety
///
/// `NetworkList` is NULL (with a count of 0) or points to `NetworkCount` handles.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SetClusterNetworkPriorityOrder(
    hCluster: HCLUSTER,
    NetworkCount: DWORD,
    NetworkList: *mut HNETWORK,
) -> DWORD {
    status(|| {
        let cluster: HCluster = from_c(hCluster)?;
        if NetworkCount > 0 && NetworkList.is_null() {
            return Err(Error::InvalidParameter("NetworkList is NULL with a non-zero NetworkCount".into()));
        }
        if NetworkCount > MAX_NETWORK_LIST {
            return Err(Error::InvalidParameter(format!(
                "NetworkCount {NetworkCount} is not a network count"
            )));
        }
        let handles: &[HNETWORK] = if NetworkCount == 0 {
            &[]
        } else {
            // SAFETY: non-NULL and holds `NetworkCount` handles, per the contract.
            unsafe { std::slice::from_raw_parts(NetworkList, NetworkCount as usize) }
        };
        let networks = handles.iter().map(|&h| from_c(h)).collect::<Result<Vec<HNetwork>, _>>()?;
        on_handle(cluster, |s| s.set_cluster_network_priority_order(cluster, &networks))
    })
}

/// `EvictClusterNodeEx`: as `EvictClusterNode`; on success writes the cleanup status
/// `S_OK` (0) to `*phrCleanupStatus` when it is not NULL. `dwTimeOut` is not used.
///
/// # Safety
///
/// `phrCleanupStatus` is NULL or valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn EvictClusterNodeEx(
    hNode: HNODE,
    dwTimeOut: DWORD,
    phrCleanupStatus: *mut HRESULT,
) -> DWORD {
    status(|| {
        let cleanup = on(hNode, |s| s.evict_cluster_node_ex(from_c(hNode)?, dwTimeOut))?;
        // SAFETY: NULL or valid, per the contract.
        unsafe { put(phrCleanupStatus, cleanup) };
        Ok(())
    })
}

/// `BackupClusterDatabase`: `ERROR_CALL_NOT_IMPLEMENTED` (120), as on modern servers
/// (`ERROR_INVALID_HANDLE` for a bad handle first).
///
/// # Safety
///
/// `lpszPathName` is NULL or a NUL-terminated UTF-16 string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn BackupClusterDatabase(hCluster: HCLUSTER, lpszPathName: LPCWSTR) -> DWORD {
    status(|| {
        let cluster: HCluster = from_c(hCluster)?;
        // SAFETY: forwarded contract.
        let path = unsafe { strings::read(lpszPathName, "lpszPathName") }?.unwrap_or_default();
        on_handle(cluster, |s| s.backup_cluster_database(cluster, &path))
    })
}

/// `RestoreClusterDatabase`: `ERROR_CALL_NOT_IMPLEMENTED` (120), as on modern servers.
///
/// # Safety
///
/// The strings are NULL or NUL-terminated UTF-16 strings.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn RestoreClusterDatabase(
    lpszPathName: LPCWSTR,
    bForce: BOOL,
    lpszQuorumDriveLetter: LPCWSTR,
) -> DWORD {
    status(|| {
        // SAFETY: forwarded contract (two strings).
        let (path, drive) = unsafe {
            (
                strings::read(lpszPathName, "lpszPathName")?.unwrap_or_default(),
                strings::read(lpszQuorumDriveLetter, "lpszQuorumDriveLetter")?,
            )
        };
        current()?.restore_cluster_database(&path, bForce != FALSE, drive.as_deref())
    })
}

/// `SetClusterServiceAccountPassword`: `ERROR_CALL_NOT_IMPLEMENTED` (120), as on modern
/// servers; the status buffer is not written.
///
/// # Safety
///
/// The strings are NULL or NUL-terminated UTF-16 strings; the status buffer and its size
/// are not touched.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SetClusterServiceAccountPassword(
    lpszClusterName: LPCWSTR,
    lpszNewPassword: LPCWSTR,
    dwFlags: DWORD,
    lpReturnStatusBuffer: PCLUSTER_SET_PASSWORD_STATUS,
    lpcbReturnStatusBufferSize: LPDWORD,
) -> DWORD {
    let _ = (lpReturnStatusBuffer, lpcbReturnStatusBufferSize);
    status(|| {
        // SAFETY: forwarded contract (two strings).
        let (name, password) = unsafe {
            (
                strings::read(lpszClusterName, "lpszClusterName")?.unwrap_or_default(),
                strings::read(lpszNewPassword, "lpszNewPassword")?.unwrap_or_default(),
            )
        };
        current()?.set_cluster_service_account_password(&name, &password, dwFlags)
    })
}
