//! Control exports: `OnlineClusterGroup`, `OfflineClusterGroup`, `MoveClusterGroup`,
//! `CreateClusterGroup(Ex)`, `DeleteClusterGroup`, `SetClusterGroupNodeList`, the resource
//! operations and dependencies, `PauseClusterNode`, `ResumeClusterNode`,
//! `EvictClusterNode`, `SetClusterNetworkName`.
//!
//! Each returns its Win32 status (also left in the last error when it is a failure), or
//! for the `Create*` functions a handle, NULL on failure.

use clusapi_sim::{ClusterCreateGroupInfo, Error, HNode, HResource};

use crate::ffi::{
    DWORD, HCLUSTER, HGROUP, HNETWORK, HNODE, HRESOURCE, LPCWSTR, from_c, guard, not_simulated, status, to_c,
};
use crate::route::{on, on_handle};
use crate::strings;

/// The most preferred owners `SetClusterGroupNodeList` reads (a real cluster has at most
/// 64 nodes); a larger count is refused rather than read.
const MAX_NODE_LIST: DWORD = 1 << 16;

/// An optional node handle: NULL is "none".
fn optional_node(h: HNODE) -> Result<Option<HNode>, Error> {
    if h.is_null() { Ok(None) } else { from_c(h).map(Some) }
}

/// `OnlineClusterGroup`: brings the group online on `hDestinationNode` (NULL: its owner).
#[unsafe(no_mangle)]
pub extern "C" fn OnlineClusterGroup(hGroup: HGROUP, hDestinationNode: HNODE) -> DWORD {
    status(|| on(hGroup, |s| s.online_cluster_group(from_c(hGroup)?, optional_node(hDestinationNode)?)))
}

/// `OfflineClusterGroup`.
#[unsafe(no_mangle)]
pub extern "C" fn OfflineClusterGroup(hGroup: HGROUP) -> DWORD {
    status(|| on(hGroup, |s| s.offline_cluster_group(from_c(hGroup)?)))
}

/// `MoveClusterGroup`: to `hDestinationNode`, or with NULL to the best other node.
#[unsafe(no_mangle)]
pub extern "C" fn MoveClusterGroup(hGroup: HGROUP, hDestinationNode: HNODE) -> DWORD {
    status(|| on(hGroup, |s| s.move_cluster_group(from_c(hGroup)?, optional_node(hDestinationNode)?)))
}

/// `CreateClusterGroup`: a handle to a new, empty, offline group; NULL with the last error
/// set on failure (`ERROR_OBJECT_ALREADY_EXISTS` for a name in use).
///
/// # Safety
///
/// `lpszGroupName` is NULL or a NUL-terminated UTF-16 string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn CreateClusterGroup(hCluster: HCLUSTER, lpszGroupName: LPCWSTR) -> HGROUP {
    guard(std::ptr::null_mut(), || {
        let h = from_c(hCluster)?;
        // SAFETY: forwarded contract.
        let name = unsafe { strings::read_required(lpszGroupName, "lpszGroupName") }?;
        Ok(to_c(on_handle(h, |s| s.create_cluster_group(h, &name))?))
    })
}

/// `CLUSGROUP_TYPE`: a C enum, `int`-sized.
pub type CLUSGROUP_TYPE = i32;

/// `CLUSTER_CREATE_GROUP_INFO`: what `CreateClusterGroupEx` takes besides the name.
#[repr(C)]
pub struct CLUSTER_CREATE_GROUP_INFO {
    /// `CLUSTER_CREATE_GROUP_INFO_VERSION_1`.
    pub dwVersion: DWORD,
    /// The new group's `GroupType`.
    pub groupType: CLUSGROUP_TYPE,
}
/// `PCLUSTER_CREATE_GROUP_INFO`.
pub type PCLUSTER_CREATE_GROUP_INFO = *mut CLUSTER_CREATE_GROUP_INFO;

/// `CreateClusterGroupEx`: as `CreateClusterGroup`, the new group's `GroupType` being
/// `pGroupInfo->groupType` (`ClusGroupTypeUnknown` with a NULL `pGroupInfo`); NULL with the
/// last error set on failure (`ERROR_INVALID_PARAMETER` for a `dwVersion` other than
/// `CLUSTER_CREATE_GROUP_INFO_VERSION_1`).
///
/// # Safety
///
/// `lpszGroupName` is NULL or a NUL-terminated UTF-16 string; `pGroupInfo` is NULL or
/// points to a readable `CLUSTER_CREATE_GROUP_INFO`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn CreateClusterGroupEx(
    hCluster: HCLUSTER,
    lpszGroupName: LPCWSTR,
    pGroupInfo: PCLUSTER_CREATE_GROUP_INFO,
) -> HGROUP {
    guard(std::ptr::null_mut(), || {
        let h = from_c(hCluster)?;
        // SAFETY: forwarded contract.
        let name = unsafe { strings::read_required(lpszGroupName, "lpszGroupName") }?;
        let info = if pGroupInfo.is_null() {
            None
        } else {
            // SAFETY: non-NULL and readable, per the contract; read unaligned, as a caller's
            // packed copy may be, and copied out (both fields are plain integers, every bit
            // pattern valid).
            let raw = unsafe { std::ptr::read_unaligned(pGroupInfo) };
            // The enum's bits as the DWORD property holds them (a negative value wraps).
            Some(ClusterCreateGroupInfo {
                version: raw.dwVersion,
                group_type: u32::from_ne_bytes(raw.groupType.to_ne_bytes()),
            })
        };
        Ok(to_c(on_handle(h, |s| s.create_cluster_group_ex(h, &name, info))?))
    })
}

/// `DeleteClusterGroup`: only an empty group (`ERROR_DIR_NOT_EMPTY` otherwise).
#[unsafe(no_mangle)]
pub extern "C" fn DeleteClusterGroup(hGroup: HGROUP) -> DWORD {
    status(|| on(hGroup, |s| s.delete_cluster_group(from_c(hGroup)?)))
}

/// `SetClusterGroupNodeList`: the group's preferred owners, `NodeCount` node handles in
/// order.
///
/// # Safety
///
/// `NodeList` is NULL (with a count of 0) or points to `NodeCount` handles.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SetClusterGroupNodeList(
    hGroup: HGROUP,
    NodeCount: DWORD,
    NodeList: *mut HNODE,
) -> DWORD {
    status(|| {
        let group = from_c(hGroup)?;
        if NodeCount > 0 && NodeList.is_null() {
            return Err(Error::InvalidParameter("NodeList is NULL with a non-zero NodeCount".into()));
        }
        if NodeCount > MAX_NODE_LIST {
            return Err(Error::InvalidParameter(format!("NodeCount {NodeCount} is not a node count")));
        }
        let handles: &[HNODE] = if NodeCount == 0 {
            &[]
        } else {
            // SAFETY: non-NULL and holds `NodeCount` handles, per the contract.
            unsafe { std::slice::from_raw_parts(NodeList, NodeCount as usize) }
        };
        let nodes = handles.iter().map(|&h| from_c(h)).collect::<Result<Vec<HNode>, _>>()?;
        on_handle(group, |s| s.set_cluster_group_node_list(group, &nodes))
    })
}

/// `OnlineClusterResource`: the resources it depends on first.
#[unsafe(no_mangle)]
pub extern "C" fn OnlineClusterResource(hResource: HRESOURCE) -> DWORD {
    status(|| on(hResource, |s| s.online_cluster_resource(from_c(hResource)?)))
}

/// `OfflineClusterResource`: the resources that depend on it first.
#[unsafe(no_mangle)]
pub extern "C" fn OfflineClusterResource(hResource: HRESOURCE) -> DWORD {
    status(|| on(hResource, |s| s.offline_cluster_resource(from_c(hResource)?)))
}

/// `FailClusterResource`.
#[unsafe(no_mangle)]
pub extern "C" fn FailClusterResource(hResource: HRESOURCE) -> DWORD {
    status(|| on(hResource, |s| s.fail_cluster_resource(from_c(hResource)?)))
}

/// `CreateClusterResource`: a handle to a new offline resource; NULL with the last error
/// set on failure.
///
/// # Safety
///
/// The names are NULL or NUL-terminated UTF-16 strings.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn CreateClusterResource(
    hGroup: HGROUP,
    lpszResourceName: LPCWSTR,
    lpszResourceType: LPCWSTR,
    dwFlags: DWORD,
) -> HRESOURCE {
    guard(std::ptr::null_mut(), || {
        let group = from_c(hGroup)?;
        // SAFETY: forwarded contract.
        let name = unsafe { strings::read_required(lpszResourceName, "lpszResourceName") }?;
        // SAFETY: forwarded contract.
        let kind = unsafe { strings::read_required(lpszResourceType, "lpszResourceType") }?;
        Ok(to_c(on_handle(group, |s| s.create_cluster_resource(group, &name, &kind, dwFlags))?))
    })
}

/// `DeleteClusterResource`.
#[unsafe(no_mangle)]
pub extern "C" fn DeleteClusterResource(hResource: HRESOURCE) -> DWORD {
    status(|| on(hResource, |s| s.delete_cluster_resource(from_c(hResource)?)))
}

/// `AddClusterResourceDependency`: `hResource` depends on `hDependsOn`.
#[unsafe(no_mangle)]
pub extern "C" fn AddClusterResourceDependency(hResource: HRESOURCE, hDependsOn: HRESOURCE) -> DWORD {
    status(|| on(hResource, |s| s.add_cluster_resource_dependency(from_c(hResource)?, from_c(hDependsOn)?)))
}

/// `RemoveClusterResourceDependency`.
#[unsafe(no_mangle)]
pub extern "C" fn RemoveClusterResourceDependency(hResource: HRESOURCE, hDependsOn: HRESOURCE) -> DWORD {
    status(|| {
        on(hResource, |s| s.remove_cluster_resource_dependency(from_c(hResource)?, from_c(hDependsOn)?))
    })
}

/// `PauseClusterNode`.
#[unsafe(no_mangle)]
pub extern "C" fn PauseClusterNode(hNode: HNODE) -> DWORD {
    status(|| on(hNode, |s| s.pause_cluster_node(from_c(hNode)?)))
}

/// `ResumeClusterNode`.
#[unsafe(no_mangle)]
pub extern "C" fn ResumeClusterNode(hNode: HNODE) -> DWORD {
    status(|| on(hNode, |s| s.resume_cluster_node(from_c(hNode)?)))
}

/// `EvictClusterNode`.
#[unsafe(no_mangle)]
pub extern "C" fn EvictClusterNode(hNode: HNODE) -> DWORD {
    status(|| on(hNode, |s| s.evict_cluster_node(from_c(hNode)?)))
}

/// `SetClusterNetworkName`.
///
/// # Safety
///
/// `lpszName` is NULL or a NUL-terminated UTF-16 string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SetClusterNetworkName(hNetwork: HNETWORK, lpszName: LPCWSTR) -> DWORD {
    status(|| {
        let network = from_c(hNetwork)?;
        // SAFETY: forwarded contract.
        let name = unsafe { strings::read_required(lpszName, "lpszName") }?;
        on_handle(network, |s| s.set_cluster_network_name(network, &name))
    })
}

/// `CreateClusterResourceType`: registers a resource type (name, display name, DLL, poll
/// intervals).
///
/// # Safety
///
/// The strings are NULL or NUL-terminated.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn CreateClusterResourceType(
    hCluster: HCLUSTER,
    lpszResourceTypeName: LPCWSTR,
    lpszDisplayName: LPCWSTR,
    lpszResourceTypeDll: LPCWSTR,
    dwLooksAlivePollInterval: DWORD,
    dwIsAlivePollInterval: DWORD,
) -> DWORD {
    status(|| {
        let cluster = from_c(hCluster)?;
        // SAFETY: forwarded contract (three strings).
        let (name, display, dll) = unsafe {
            (
                strings::read_required(lpszResourceTypeName, "lpszResourceTypeName")?,
                strings::read(lpszDisplayName, "lpszDisplayName")?.unwrap_or_default(),
                strings::read(lpszResourceTypeDll, "lpszResourceTypeDll")?.unwrap_or_default(),
            )
        };
        on_handle(cluster, |s| {
            s.create_cluster_resource_type(
                cluster,
                &name,
                &display,
                &dll,
                dwLooksAlivePollInterval,
                dwIsAlivePollInterval,
            )
        })
    })
}

/// `DeleteClusterResourceType`: removes a type no resource uses (`ERROR_DIR_NOT_EMPTY`
/// while some do).
///
/// # Safety
///
/// `lpszResourceTypeName` is NULL or NUL-terminated.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn DeleteClusterResourceType(
    hCluster: HCLUSTER,
    lpszResourceTypeName: LPCWSTR,
) -> DWORD {
    status(|| {
        let cluster = from_c(hCluster)?;
        // SAFETY: forwarded contract.
        let name = unsafe { strings::read_required(lpszResourceTypeName, "lpszResourceTypeName") }?;
        on_handle(cluster, |s| s.delete_cluster_resource_type(cluster, &name))
    })
}

// The exports of the resources' `extern` calls (`Set/GetClusterResourceDependencyExpression`).
clusapi_sim::__clusapi_resource_externs!(crate::derive::exports);

// Not simulated yet: the Id form of creation.
not_simulated! {
    /// not simulated yet (the simulator chooses ids): CreateClusterResource is
    fn CreateClusterResourceWithId -> NULL;
}
