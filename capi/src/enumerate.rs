//! Enumeration exports: `ClusterOpenEnum` / `ClusterGetEnumCount` / `ClusterEnum` /
//! `ClusterCloseEnum`, and the same four for networks, nodes, groups and resources.

use clusapi_sim::Error;

use crate::ffi::{
    DWORD, HCLUSENUM, HCLUSTER, HGROUP, HGROUPENUM, HNETWORK, HNETWORKENUM, HNODE, HNODEENUM, HRESENUM,
    HRESOURCE, HRESTYPEENUM, LPCWSTR, LPDWORD, LPWSTR, from_c, guard, not_simulated, put, status, to_c,
};
use crate::route::{on, on_handle};
use crate::strings;

/// Hands out one enumeration item: type to `*lpdwType`, name with the buffer protocol.
///
/// # Safety
///
/// `lpdwType` is NULL or valid for a write; `lpcchName` is NULL or valid for reads and
/// writes; `lpszName` is NULL or holds `*lpcchName` units.
unsafe fn item(
    item: Result<(u32, String), Error>,
    lpdwType: LPDWORD,
    lpszName: LPWSTR,
    lpcchName: LPDWORD,
) -> Result<(), Error> {
    let (object_type, name) = item?;
    if lpdwType.is_null() {
        return Err(Error::InvalidParameter("lpdwType is NULL".into()));
    }
    // SAFETY: forwarded contract.
    unsafe { put(lpdwType, object_type) };
    // SAFETY: forwarded contract.
    unsafe { strings::write(&name, lpszName, lpcchName) }
}

/// `ClusterOpenEnum`: a snapshot of the cluster's objects of the `CLUSTER_ENUM_*` kinds in
/// `dwType`. NULL on failure: `ERROR_INVALID_HANDLE`, or `ERROR_INVALID_PARAMETER` for 0
/// or unknown bits.
#[unsafe(no_mangle)]
pub extern "C" fn ClusterOpenEnum(hCluster: HCLUSTER, dwType: DWORD) -> HCLUSENUM {
    guard(std::ptr::null_mut(), || {
        Ok(to_c(on(hCluster, |s| s.cluster_open_enum(from_c(hCluster)?, dwType))?))
    })
}

/// `ClusterGetEnumCount`: the number of items; 0 with the last error set for a bad handle.
#[unsafe(no_mangle)]
pub extern "C" fn ClusterGetEnumCount(hEnum: HCLUSENUM) -> DWORD {
    guard(0, || on(hEnum, |s| s.cluster_get_enum_count(from_c(hEnum)?)))
}

/// `ClusterEnum`: item `dwIndex`: its type bit to `*lpdwType` and its name with the buffer
/// protocol. `ERROR_NO_MORE_ITEMS` past the end; `ERROR_INVALID_PARAMETER` for a NULL
/// `lpdwType` or `lpcchName`.
///
/// # Safety
///
/// `lpdwType` is NULL or valid for a write; `lpcchName` is NULL or valid for reads and
/// writes; `lpszName` is NULL or holds `*lpcchName` units.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ClusterEnum(
    hEnum: HCLUSENUM,
    dwIndex: DWORD,
    lpdwType: LPDWORD,
    lpszName: LPWSTR,
    lpcchName: LPDWORD,
) -> DWORD {
    status(|| {
        let found = on(hEnum, |s| s.cluster_enum(from_c(hEnum)?, dwIndex));
        // SAFETY: forwarded contract.
        unsafe { item(found, lpdwType, lpszName, lpcchName) }
    })
}

/// `ClusterCloseEnum`: `ERROR_SUCCESS`, or `ERROR_INVALID_HANDLE`.
#[unsafe(no_mangle)]
pub extern "C" fn ClusterCloseEnum(hEnum: HCLUSENUM) -> DWORD {
    status(|| on(hEnum, |s| s.cluster_close_enum(from_c(hEnum)?)))
}

/// `ClusterNetworkOpenEnum`: a snapshot of the network's interfaces
/// (`CLUSTER_NETWORK_ENUM_NETINTERFACES`; other bits are ignored).
#[unsafe(no_mangle)]
pub extern "C" fn ClusterNetworkOpenEnum(hNetwork: HNETWORK, dwType: DWORD) -> HNETWORKENUM {
    guard(std::ptr::null_mut(), || {
        Ok(to_c(on(hNetwork, |s| s.cluster_network_open_enum(from_c(hNetwork)?, dwType))?))
    })
}

/// `ClusterNetworkGetEnumCount`: the number of items; 0 with the last error set for a bad
/// handle.
#[unsafe(no_mangle)]
pub extern "C" fn ClusterNetworkGetEnumCount(hNetworkEnum: HNETWORKENUM) -> DWORD {
    guard(0, || on(hNetworkEnum, |s| s.cluster_network_get_enum_count(from_c(hNetworkEnum)?)))
}

/// `ClusterNetworkEnum`: item `dwIndex`, as `ClusterEnum`.
///
/// # Safety
///
/// As `ClusterEnum`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ClusterNetworkEnum(
    hNetworkEnum: HNETWORKENUM,
    dwIndex: DWORD,
    lpdwType: LPDWORD,
    lpszName: LPWSTR,
    lpcchName: LPDWORD,
) -> DWORD {
    status(|| {
        let found = on(hNetworkEnum, |s| s.cluster_network_enum(from_c(hNetworkEnum)?, dwIndex));
        // SAFETY: forwarded contract.
        unsafe { item(found, lpdwType, lpszName, lpcchName) }
    })
}

/// `ClusterNetworkCloseEnum`: `ERROR_SUCCESS`, or `ERROR_INVALID_HANDLE`.
#[unsafe(no_mangle)]
pub extern "C" fn ClusterNetworkCloseEnum(hNetworkEnum: HNETWORKENUM) -> DWORD {
    status(|| on(hNetworkEnum, |s| s.cluster_network_close_enum(from_c(hNetworkEnum)?)))
}

/// `ClusterNodeOpenEnum`: a snapshot of the node's related objects of the kinds in
/// `dwType` (unknown bits are ignored). NULL with the last error set on failure.
#[unsafe(no_mangle)]
pub extern "C" fn ClusterNodeOpenEnum(hNode: HNODE, dwType: DWORD) -> HNODEENUM {
    guard(std::ptr::null_mut(), || Ok(to_c(on(hNode, |s| s.cluster_node_open_enum(from_c(hNode)?, dwType))?)))
}

/// `ClusterNodeGetEnumCount`: the number of items; 0 with the last error set for a bad
/// handle.
#[unsafe(no_mangle)]
pub extern "C" fn ClusterNodeGetEnumCount(hNodeEnum: HNODEENUM) -> DWORD {
    guard(0, || on(hNodeEnum, |s| s.cluster_node_get_enum_count(from_c(hNodeEnum)?)))
}

/// `ClusterNodeEnum`: item `dwIndex`, as `ClusterEnum`.
///
/// # Safety
///
/// As `ClusterEnum`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ClusterNodeEnum(
    hNodeEnum: HNODEENUM,
    dwIndex: DWORD,
    lpdwType: LPDWORD,
    lpszName: LPWSTR,
    lpcchName: LPDWORD,
) -> DWORD {
    status(|| {
        let found = on(hNodeEnum, |s| s.cluster_node_enum(from_c(hNodeEnum)?, dwIndex));
        // SAFETY: forwarded contract.
        unsafe { item(found, lpdwType, lpszName, lpcchName) }
    })
}

/// `ClusterNodeCloseEnum`: `ERROR_SUCCESS`, or `ERROR_INVALID_HANDLE`.
#[unsafe(no_mangle)]
pub extern "C" fn ClusterNodeCloseEnum(hNodeEnum: HNODEENUM) -> DWORD {
    status(|| on(hNodeEnum, |s| s.cluster_node_close_enum(from_c(hNodeEnum)?)))
}

/// `ClusterGroupOpenEnum`: a snapshot of the group's related objects of the kinds in
/// `dwType` (unknown bits are ignored). NULL with the last error set on failure.
#[unsafe(no_mangle)]
pub extern "C" fn ClusterGroupOpenEnum(hGroup: HGROUP, dwType: DWORD) -> HGROUPENUM {
    guard(std::ptr::null_mut(), || {
        Ok(to_c(on(hGroup, |s| s.cluster_group_open_enum(from_c(hGroup)?, dwType))?))
    })
}

/// `ClusterGroupGetEnumCount`: the number of items; 0 with the last error set for a bad
/// handle.
#[unsafe(no_mangle)]
pub extern "C" fn ClusterGroupGetEnumCount(hGroupEnum: HGROUPENUM) -> DWORD {
    guard(0, || on(hGroupEnum, |s| s.cluster_group_get_enum_count(from_c(hGroupEnum)?)))
}

/// `ClusterGroupEnum`: item `dwIndex`, as `ClusterEnum`.
///
/// # Safety
///
/// As `ClusterEnum`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ClusterGroupEnum(
    hGroupEnum: HGROUPENUM,
    dwIndex: DWORD,
    lpdwType: LPDWORD,
    lpszName: LPWSTR,
    lpcchName: LPDWORD,
) -> DWORD {
    status(|| {
        let found = on(hGroupEnum, |s| s.cluster_group_enum(from_c(hGroupEnum)?, dwIndex));
        // SAFETY: forwarded contract.
        unsafe { item(found, lpdwType, lpszName, lpcchName) }
    })
}

/// `ClusterGroupCloseEnum`: `ERROR_SUCCESS`, or `ERROR_INVALID_HANDLE`.
#[unsafe(no_mangle)]
pub extern "C" fn ClusterGroupCloseEnum(hGroupEnum: HGROUPENUM) -> DWORD {
    status(|| on(hGroupEnum, |s| s.cluster_group_close_enum(from_c(hGroupEnum)?)))
}

/// `ClusterResourceOpenEnum`: a snapshot of the resource's related objects of the kinds in
/// `dwType` (unknown bits are ignored). NULL with the last error set on failure.
#[unsafe(no_mangle)]
pub extern "C" fn ClusterResourceOpenEnum(hResource: HRESOURCE, dwType: DWORD) -> HRESENUM {
    guard(std::ptr::null_mut(), || {
        Ok(to_c(on(hResource, |s| s.cluster_resource_open_enum(from_c(hResource)?, dwType))?))
    })
}

/// `ClusterResourceGetEnumCount`: the number of items; 0 with the last error set for a bad
/// handle.
#[unsafe(no_mangle)]
pub extern "C" fn ClusterResourceGetEnumCount(hResEnum: HRESENUM) -> DWORD {
    guard(0, || on(hResEnum, |s| s.cluster_resource_get_enum_count(from_c(hResEnum)?)))
}

/// `ClusterResourceEnum`: item `dwIndex`, as `ClusterEnum`.
///
/// # Safety
///
/// As `ClusterEnum`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ClusterResourceEnum(
    hResEnum: HRESENUM,
    dwIndex: DWORD,
    lpdwType: LPDWORD,
    lpszName: LPWSTR,
    lpcchName: LPDWORD,
) -> DWORD {
    status(|| {
        let found = on(hResEnum, |s| s.cluster_resource_enum(from_c(hResEnum)?, dwIndex));
        // SAFETY: forwarded contract.
        unsafe { item(found, lpdwType, lpszName, lpcchName) }
    })
}

/// `ClusterResourceCloseEnum`: `ERROR_SUCCESS`, or `ERROR_INVALID_HANDLE`.
#[unsafe(no_mangle)]
pub extern "C" fn ClusterResourceCloseEnum(hResEnum: HRESENUM) -> DWORD {
    status(|| on(hResEnum, |s| s.cluster_resource_close_enum(from_c(hResEnum)?)))
}

/// `ClusterResourceTypeOpenEnum`: a snapshot of the nodes that can host the type
/// (`CLUSTER_RESOURCE_TYPE_ENUM_NODES`) and the resources of the type
/// (`CLUSTER_RESOURCE_TYPE_ENUM_RESOURCES`). NULL with the last error set on failure.
///
/// # Safety
///
/// `lpszResourceTypeName` is NULL or a NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ClusterResourceTypeOpenEnum(
    hCluster: HCLUSTER,
    lpszResourceTypeName: LPCWSTR,
    dwType: DWORD,
) -> HRESTYPEENUM {
    guard(std::ptr::null_mut(), || {
        let cluster = from_c(hCluster)?;
        // SAFETY: forwarded contract.
        let name = unsafe { strings::read_required(lpszResourceTypeName, "lpszResourceTypeName") }?;
        Ok(to_c(on_handle(cluster, |s| s.cluster_resource_type_open_enum(cluster, &name, dwType))?))
    })
}

/// `ClusterResourceTypeGetEnumCount`: the number of items; 0 with the last error set for
/// a bad handle.
#[unsafe(no_mangle)]
pub extern "C" fn ClusterResourceTypeGetEnumCount(hResTypeEnum: HRESTYPEENUM) -> DWORD {
    guard(0, || on(hResTypeEnum, |s| s.cluster_resource_type_get_enum_count(from_c(hResTypeEnum)?)))
}

/// `ClusterResourceTypeEnum`: item `dwIndex`, as `ClusterEnum`.
///
/// # Safety
///
/// As `ClusterEnum`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ClusterResourceTypeEnum(
    hResTypeEnum: HRESTYPEENUM,
    dwIndex: DWORD,
    lpdwType: LPDWORD,
    lpszName: LPWSTR,
    lpcchName: LPDWORD,
) -> DWORD {
    status(|| {
        let found = on(hResTypeEnum, |s| s.cluster_resource_type_enum(from_c(hResTypeEnum)?, dwIndex));
        // SAFETY: forwarded contract.
        unsafe { item(found, lpdwType, lpszName, lpcchName) }
    })
}

/// `ClusterResourceTypeCloseEnum`: `ERROR_SUCCESS`, or `ERROR_INVALID_HANDLE`.
#[unsafe(no_mangle)]
pub extern "C" fn ClusterResourceTypeCloseEnum(hResTypeEnum: HRESTYPEENUM) -> DWORD {
    status(|| on(hResTypeEnum, |s| s.cluster_resource_type_close_enum(from_c(hResTypeEnum)?)))
}

// Not simulated yet: the per-object Ex enumerations (the cluster's, `ClusterOpenEnumEx`, is
// simulated, in `modern.rs`).
not_simulated! {
    /// the per-group Ex enumeration (group properties in bulk) is not simulated yet: use ClusterOpenEnumEx
    /// and Cluster*Control
    fn ClusterGroupOpenEnumEx -> NULL;
    /// as ClusterGroupOpenEnumEx
    fn ClusterGroupGetEnumCountEx -> 0;
    /// as ClusterGroupOpenEnumEx
    fn ClusterGroupEnumEx -> ERROR_CALL_NOT_IMPLEMENTED;
    /// as ClusterGroupOpenEnumEx
    fn ClusterGroupCloseEnumEx -> ERROR_CALL_NOT_IMPLEMENTED;
    /// the per-node Ex enumeration is not simulated yet: use ClusterOpenEnumEx and Cluster*Control
    fn ClusterNodeOpenEnumEx -> NULL;
    /// as ClusterNodeOpenEnumEx
    fn ClusterNodeGetEnumCountEx -> 0;
    /// as ClusterNodeOpenEnumEx
    fn ClusterNodeEnumEx -> ERROR_CALL_NOT_IMPLEMENTED;
    /// as ClusterNodeOpenEnumEx
    fn ClusterNodeCloseEnumEx -> ERROR_CALL_NOT_IMPLEMENTED;
    /// the per-resource Ex enumeration is not simulated yet: use ClusterOpenEnumEx and Cluster*Control
    fn ClusterResourceOpenEnumEx -> NULL;
    /// as ClusterResourceOpenEnumEx
    fn ClusterResourceGetEnumCountEx -> 0;
    /// as ClusterResourceOpenEnumEx
    fn ClusterResourceEnumEx -> ERROR_CALL_NOT_IMPLEMENTED;
    /// as ClusterResourceOpenEnumEx
    fn ClusterResourceCloseEnumEx -> ERROR_CALL_NOT_IMPLEMENTED;
}
