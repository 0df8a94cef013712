//! Enumeration exports: `ClusterOpenEnum` / `ClusterGetEnumCount` / `ClusterEnum` /
//! `ClusterCloseEnum`, and the same four for networks, nodes, groups and resources; the
//! group and resource Ex enumerations (`ClusterGroupOpenEnumEx` / `ClusterGroupEnumEx` /
//! ..., `ClusterResourceOpenEnumEx` / ...), which write `CLUSTER_GROUP_ENUM_ITEM` and
//! `CLUSTER_RESOURCE_ENUM_ITEM` with their strings and property lists in the caller's buffer.

use std::ffi::c_void;

use clusapi_sim::clusctl::BufferLayout;
use clusapi_sim::{ClusterGroupEnumItem, ClusterResourceEnumItem, Error, PropertyList};

use crate::ffi::{
    CLUSTER_GROUP_STATE, DWORD, HCLUSENUM, HCLUSTER, HGROUP, HGROUPENUM, HNETWORK, HNETWORKENUM, HNODE,
    HNODEENUM, HRESENUM, HRESOURCE, HRESTYPEENUM, LPCWSTR, LPDWORD, LPWSTR, WCHAR, from_c, guard,
    not_simulated, put, status, to_c,
};
use crate::route::{on, on_handle};
use crate::strings;
use crate::wide;

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

/// A group enumeration handle of the Ex form.
#[repr(C)]
pub struct _HGROUPENUMEX {
    _private: [u8; 0],
}
/// `HGROUPENUMEX`: what `ClusterGroupOpenEnumEx` returns; never dereferenced.
pub type HGROUPENUMEX = *mut _HGROUPENUMEX;
/// A resource enumeration handle of the Ex form.
#[repr(C)]
pub struct _HRESENUMEX {
    _private: [u8; 0],
}
/// `HRESENUMEX`: what `ClusterResourceOpenEnumEx` returns; never dereferenced.
pub type HRESENUMEX = *mut _HRESENUMEX;

/// `CLUSTER_GROUP_ENUM_ITEM` (version 1, `CLUSTER_GROUP_ENUM_ITEM_VERSION_1`): what
/// `ClusterGroupEnumEx` writes at the start of the caller's buffer; the strings and the
/// property lists it points to follow it in the same buffer.
#[repr(C)]
pub struct CLUSTER_GROUP_ENUM_ITEM {
    /// `CLUSTER_GROUP_ENUM_ITEM_VERSION_1`.
    pub dwVersion: DWORD,
    /// The size of the id in bytes, its NUL included.
    pub cbId: DWORD,
    /// The group's id, NUL-terminated.
    pub lpszId: LPWSTR,
    /// The size of the name in bytes, its NUL included.
    pub cbName: DWORD,
    /// The group's name, NUL-terminated.
    pub lpszName: LPWSTR,
    /// The group's state (`CLUSTER_GROUP_STATE`).
    pub state: CLUSTER_GROUP_STATE,
    /// The size of the owner node's name in bytes, its NUL included.
    pub cbOwnerNode: DWORD,
    /// The name of the node that owns the group, NUL-terminated.
    pub lpszOwnerNode: LPWSTR,
    /// The group's flags (`CLUSCTL_GROUP_GET_FLAGS`).
    pub dwFlags: DWORD,
    /// The size of the common properties' list in bytes; 0 for an empty list.
    pub cbProperties: DWORD,
    /// The common properties asked for (a property list); NULL for an empty list.
    pub pProperties: *mut c_void,
    /// The size of the read-only common properties' list in bytes; 0 for an empty list.
    pub cbRoProperties: DWORD,
    /// The read-only common properties asked for (a property list); NULL for an empty list.
    pub pRoProperties: *mut c_void,
}
/// `PCLUSTER_GROUP_ENUM_ITEM`.
pub type PCLUSTER_GROUP_ENUM_ITEM = *mut CLUSTER_GROUP_ENUM_ITEM;

/// `CLUSTER_RESOURCE_ENUM_ITEM` (version 1, `CLUSTER_RESOURCE_ENUM_ITEM_VERSION_1`): what
/// `ClusterResourceEnumEx` writes at the start of the caller's buffer, followed by what it
/// points to.
#[repr(C)]
pub struct CLUSTER_RESOURCE_ENUM_ITEM {
    /// `CLUSTER_RESOURCE_ENUM_ITEM_VERSION_1`.
    pub dwVersion: DWORD,
    /// The size of the id in bytes, its NUL included.
    pub cbId: DWORD,
    /// The resource's id, NUL-terminated.
    pub lpszId: LPWSTR,
    /// The size of the name in bytes, its NUL included.
    pub cbName: DWORD,
    /// The resource's name, NUL-terminated.
    pub lpszName: LPWSTR,
    /// The size of the group's name in bytes, its NUL included.
    pub cbOwnerGroupName: DWORD,
    /// The name of the group that contains the resource, NUL-terminated.
    pub lpszOwnerGroupName: LPWSTR,
    /// The size of the group's id in bytes, its NUL included.
    pub cbOwnerGroupId: DWORD,
    /// The id of the group that contains the resource, NUL-terminated.
    pub lpszOwnerGroupId: LPWSTR,
    /// The size of the common properties' list in bytes; 0 for an empty list.
    pub cbProperties: DWORD,
    /// The common properties asked for (a property list); NULL for an empty list.
    pub pProperties: *mut c_void,
    /// The size of the read-only common properties' list in bytes; 0 for an empty list.
    pub cbRoProperties: DWORD,
    /// The read-only common properties asked for (a property list); NULL for an empty list.
    pub pRoProperties: *mut c_void,
}
/// `PCLUSTER_RESOURCE_ENUM_ITEM`.
pub type PCLUSTER_RESOURCE_ENUM_ITEM = *mut CLUSTER_RESOURCE_ENUM_ITEM;

/// The largest property-name list (`cbProperties`, `cbRoProperties`) the Ex opens read
/// (1 MiB); a larger size is refused.
const MAX_NAME_LIST: DWORD = 1 << 20;

/// The property names of a `lpszProperties` / `cbProperties` pair: a MULTI_SZ of
/// `cb` bytes. NULL or 0 bytes: none. The strings end at the first empty one or at `cb`;
/// a last string without its NUL within `cb`, an odd `cb`, a NULL list with a size, a size
/// above 1 MiB or invalid UTF-16 is `ERROR_INVALID_PARAMETER`.
///
/// # Safety
///
/// `p` is NULL or valid for reads of `cb` bytes.
unsafe fn name_list(p: LPCWSTR, cb: DWORD, what: &str) -> Result<Vec<String>, Error> {
    if cb == 0 {
        return Ok(Vec::new());
    }
    if p.is_null() || cb > MAX_NAME_LIST || (cb as usize).checked_rem(size_of::<WCHAR>()) != Some(0) {
        return Err(Error::InvalidParameter(format!(
            "{what} is NULL, or its size ({cb} bytes) is not a whole number of WCHARs or is above {MAX_NAME_LIST}"
        )));
    }
    // SAFETY: non-NULL, and the caller promises `cb` readable bytes (whole `WCHAR`s).
    // Read as bytes: the caller's list may be unaligned.
    let bytes = unsafe { std::slice::from_raw_parts(p.cast::<u8>(), cb as usize) };
    let units = wide::units_of_bytes(bytes);
    let mut names = Vec::new();
    let mut rest = units.as_slice();
    while !rest.is_empty() {
        let Some(end) = rest.iter().position(|&u| u == 0) else {
            return Err(Error::InvalidParameter(format!(
                "{what}: the last name has no NUL within {cb} bytes"
            )));
        };
        let (name, after) = rest.split_at(end);
        if name.is_empty() {
            break;
        }
        names.push(wide::decode(name).ok_or_else(|| {
            Error::InvalidParameter(format!("{what}: a name is not valid {}", wide::ENCODING))
        })?);
        rest = after.get(1..).unwrap_or_default();
    }
    Ok(names)
}

/// The parts of an Ex item that follow its structure, in order, as bytes.
struct Parts(Vec<Vec<u8>>);

impl Parts {
    fn string(&mut self, s: &str) {
        self.0.push(wide::bytes_of_units(&wide::encode_nul(s)));
    }
    /// An empty list is no bytes (written as a NULL pointer and a size of 0).
    fn list(&mut self, l: &PropertyList) -> Result<(), Error> {
        self.0.push(if l.is_empty() {
            Vec::new()
        } else {
            wide::to_caller(BufferLayout::PropertyList, l.to_bytes())?
        });
        Ok(())
    }
}

/// The buffer protocol of `ClusterGroupEnumEx` and `ClusterResourceEnumEx`: the structure
/// `header` makes (from each part's address, NULL for an empty part, and size) at `pItem`,
/// then the parts after it; `*cbItem` is then the bytes written. A NULL or too small buffer:
/// `ERROR_MORE_DATA` with the size needed in `*cbItem`; a NULL `cbItem`:
/// `ERROR_INVALID_PARAMETER`.
///
/// # Safety
///
/// `cbItem` is NULL or valid for reads and writes of a `DWORD`; `pItem` is NULL or valid
/// for writes of `*cbItem` bytes.
unsafe fn write_ex_item<T>(
    call: &str,
    pItem: *mut T,
    cbItem: LPDWORD,
    parts: &Parts,
    header: impl FnOnce(&[(*mut u8, DWORD)]) -> T,
) -> Result<(), Error> {
    if cbItem.is_null() {
        return Err(Error::InvalidParameter("cbItem is NULL".into()));
    }
    let size = size_of::<T>();
    let needed = parts.0.iter().fold(size, |n, p| n.saturating_add(p.len()));
    let needed_dw = DWORD::try_from(needed).unwrap_or(DWORD::MAX);
    // SAFETY: non-NULL, and the caller promises a readable DWORD.
    let have = unsafe { cbItem.read() };
    if pItem.is_null() || have < needed_dw {
        // SAFETY: as above, writable.
        unsafe { put(cbItem, needed_dw) };
        return Err(Error::MoreData(format!("{call} needs {needed} bytes, the buffer has {have}")));
    }
    let base = pItem.cast::<u8>();
    let mut at = size;
    let mut places = Vec::with_capacity(parts.0.len());
    for p in &parts.0 {
        let ptr = if p.is_empty() { std::ptr::null_mut() } else { base.wrapping_add(at) };
        places.push((ptr, DWORD::try_from(p.len()).unwrap_or(DWORD::MAX)));
        at = at.saturating_add(p.len());
    }
    let value = header(&places);
    // SAFETY: the caller promises `*cbItem` writable bytes at `pItem`, and `needed` of them
    // are used: the structure, then each part at the place computed above. Unaligned
    // writes, as the caller's buffer may be a byte array.
    unsafe {
        pItem.write_unaligned(value);
        for (p, (ptr, _)) in parts.0.iter().zip(&places) {
            if !ptr.is_null() {
                std::ptr::copy_nonoverlapping(p.as_ptr(), *ptr, p.len());
            }
        }
        put(cbItem, needed_dw);
    }
    Ok(())
}

/// Part `i` of `places`: its address (as the pointer type `P`) and size.
fn place<P>(places: &[(*mut u8, DWORD)], i: usize) -> (*mut P, DWORD) {
    places.get(i).map_or((std::ptr::null_mut(), 0), |&(p, cb)| (p.cast::<P>(), cb))
}

/// `ClusterGroupOpenEnumEx`: a snapshot of the cluster's groups with their state, owner,
/// flags and the common properties named in the MULTI_SZ lists `lpszProperties` and
/// `lpszRoProperties` (sizes in bytes; `"*"` alone: all of them; NULL or 0 bytes: none).
/// `dwFlags` is reserved: other than 0 is `ERROR_INVALID_PARAMETER`. NULL with the last
/// error on failure.
///
/// # Safety
///
/// `lpszProperties` is NULL or valid for reads of `cbProperties` bytes; likewise
/// `lpszRoProperties`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ClusterGroupOpenEnumEx(
    hCluster: HCLUSTER,
    lpszProperties: LPCWSTR,
    cbProperties: DWORD,
    lpszRoProperties: LPCWSTR,
    cbRoProperties: DWORD,
    dwFlags: DWORD,
) -> HGROUPENUMEX {
    guard(std::ptr::null_mut(), || {
        let h = from_c(hCluster)?;
        // SAFETY: forwarded contract.
        let rw = unsafe { name_list(lpszProperties, cbProperties, "lpszProperties") }?;
        // SAFETY: forwarded contract.
        let ro = unsafe { name_list(lpszRoProperties, cbRoProperties, "lpszRoProperties") }?;
        let (rw, ro): (Vec<&str>, Vec<&str>) =
            (rw.iter().map(String::as_str).collect(), ro.iter().map(String::as_str).collect());
        Ok(to_c(on_handle(h, |s| s.cluster_group_open_enum_ex(h, &rw, &ro, dwFlags))?))
    })
}

/// `ClusterGroupGetEnumCountEx`: the number of groups; 0 with the last error set for a bad
/// handle.
#[unsafe(no_mangle)]
pub extern "C" fn ClusterGroupGetEnumCountEx(hGroupEnumEx: HGROUPENUMEX) -> DWORD {
    guard(0, || on(hGroupEnumEx, |s| s.cluster_group_get_enum_count_ex(from_c(hGroupEnumEx)?)))
}

/// `ClusterGroupEnumEx`: group `dwIndex` into the `*cbItem`-byte buffer `pItem`: a
/// `CLUSTER_GROUP_ENUM_ITEM`, then the property lists and the strings it points to. A NULL
/// or too small buffer: `ERROR_MORE_DATA` with the size needed in `*cbItem` (nothing
/// written); past the end: `ERROR_NO_MORE_ITEMS`; a NULL `cbItem`: `ERROR_INVALID_PARAMETER`.
///
/// # Safety
///
/// `cbItem` is NULL or valid for reads and writes of a `DWORD`; `pItem` is NULL or valid
/// for writes of `*cbItem` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ClusterGroupEnumEx(
    hGroupEnumEx: HGROUPENUMEX,
    dwIndex: DWORD,
    pItem: PCLUSTER_GROUP_ENUM_ITEM,
    cbItem: LPDWORD,
) -> DWORD {
    status(|| {
        let item: ClusterGroupEnumItem =
            on(hGroupEnumEx, |s| s.cluster_group_enum_ex(from_c(hGroupEnumEx)?, dwIndex))?;
        let mut parts = Parts(Vec::with_capacity(5));
        parts.list(&item.properties)?;
        parts.list(&item.ro_properties)?;
        parts.string(&item.id);
        parts.string(&item.name);
        parts.string(&item.owner_node);
        // SAFETY: forwarded contract.
        unsafe {
            write_ex_item("ClusterGroupEnumEx", pItem, cbItem, &parts, |at| {
                let (p_props, cb_props) = place::<c_void>(at, 0);
                let (p_ro, cb_ro) = place::<c_void>(at, 1);
                let (id, cb_id) = place::<WCHAR>(at, 2);
                let (name, cb_name) = place::<WCHAR>(at, 3);
                let (owner, cb_owner) = place::<WCHAR>(at, 4);
                CLUSTER_GROUP_ENUM_ITEM {
                    dwVersion: clusapi_sim::CLUSTER_GROUP_ENUM_ITEM_VERSION_1,
                    cbId: cb_id,
                    lpszId: id,
                    cbName: cb_name,
                    lpszName: name,
                    state: item.state.code(),
                    cbOwnerNode: cb_owner,
                    lpszOwnerNode: owner,
                    dwFlags: item.flags,
                    cbProperties: cb_props,
                    pProperties: p_props,
                    cbRoProperties: cb_ro,
                    pRoProperties: p_ro,
                }
            })
        }
    })
}

/// `ClusterGroupCloseEnumEx`: closes the enumeration; `ERROR_INVALID_HANDLE` for a value
/// that is not a live `HGROUPENUMEX`.
#[unsafe(no_mangle)]
pub extern "C" fn ClusterGroupCloseEnumEx(hGroupEnumEx: HGROUPENUMEX) -> DWORD {
    status(|| on(hGroupEnumEx, |s| s.cluster_group_close_enum_ex(from_c(hGroupEnumEx)?)))
}

/// `ClusterResourceOpenEnumEx`: a snapshot of the cluster's resources with their group and
/// the common properties named in `lpszProperties` and `lpszRoProperties`, read as
/// `ClusterGroupOpenEnumEx` reads them. NULL with the last error on failure.
///
/// # Safety
///
/// As `ClusterGroupOpenEnumEx`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ClusterResourceOpenEnumEx(
    hCluster: HCLUSTER,
    lpszProperties: LPCWSTR,
    cbProperties: DWORD,
    lpszRoProperties: LPCWSTR,
    cbRoProperties: DWORD,
    dwFlags: DWORD,
) -> HRESENUMEX {
    guard(std::ptr::null_mut(), || {
        let h = from_c(hCluster)?;
        // SAFETY: forwarded contract.
        let rw = unsafe { name_list(lpszProperties, cbProperties, "lpszProperties") }?;
        // SAFETY: forwarded contract.
        let ro = unsafe { name_list(lpszRoProperties, cbRoProperties, "lpszRoProperties") }?;
        let (rw, ro): (Vec<&str>, Vec<&str>) =
            (rw.iter().map(String::as_str).collect(), ro.iter().map(String::as_str).collect());
        Ok(to_c(on_handle(h, |s| s.cluster_resource_open_enum_ex(h, &rw, &ro, dwFlags))?))
    })
}

/// `ClusterResourceGetEnumCountEx`: the number of resources; 0 with the last error set for
/// a bad handle.
#[unsafe(no_mangle)]
pub extern "C" fn ClusterResourceGetEnumCountEx(hResourceEnumEx: HRESENUMEX) -> DWORD {
    guard(0, || on(hResourceEnumEx, |s| s.cluster_resource_get_enum_count_ex(from_c(hResourceEnumEx)?)))
}

/// `ClusterResourceEnumEx`: resource `dwIndex` into the `*cbItem`-byte buffer `pItem`: a
/// `CLUSTER_RESOURCE_ENUM_ITEM`, then what it points to, with the buffer protocol of
/// `ClusterGroupEnumEx`.
///
/// # Safety
///
/// As `ClusterGroupEnumEx`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ClusterResourceEnumEx(
    hResourceEnumEx: HRESENUMEX,
    dwIndex: DWORD,
    pItem: PCLUSTER_RESOURCE_ENUM_ITEM,
    cbItem: LPDWORD,
) -> DWORD {
    status(|| {
        let item: ClusterResourceEnumItem =
            on(hResourceEnumEx, |s| s.cluster_resource_enum_ex(from_c(hResourceEnumEx)?, dwIndex))?;
        let mut parts = Parts(Vec::with_capacity(6));
        parts.list(&item.properties)?;
        parts.list(&item.ro_properties)?;
        parts.string(&item.id);
        parts.string(&item.name);
        parts.string(&item.owner_group_name);
        parts.string(&item.owner_group_id);
        // SAFETY: forwarded contract.
        unsafe {
            write_ex_item("ClusterResourceEnumEx", pItem, cbItem, &parts, |at| {
                let (p_props, cb_props) = place::<c_void>(at, 0);
                let (p_ro, cb_ro) = place::<c_void>(at, 1);
                let (id, cb_id) = place::<WCHAR>(at, 2);
                let (name, cb_name) = place::<WCHAR>(at, 3);
                let (group, cb_group) = place::<WCHAR>(at, 4);
                let (group_id, cb_group_id) = place::<WCHAR>(at, 5);
                CLUSTER_RESOURCE_ENUM_ITEM {
                    dwVersion: clusapi_sim::CLUSTER_RESOURCE_ENUM_ITEM_VERSION_1,
                    cbId: cb_id,
                    lpszId: id,
                    cbName: cb_name,
                    lpszName: name,
                    cbOwnerGroupName: cb_group,
                    lpszOwnerGroupName: group,
                    cbOwnerGroupId: cb_group_id,
                    lpszOwnerGroupId: group_id,
                    cbProperties: cb_props,
                    pProperties: p_props,
                    cbRoProperties: cb_ro,
                    pRoProperties: p_ro,
                }
            })
        }
    })
}

/// `ClusterResourceCloseEnumEx`: closes the enumeration; `ERROR_INVALID_HANDLE` for a value
/// that is not a live `HRESENUMEX`.
#[unsafe(no_mangle)]
pub extern "C" fn ClusterResourceCloseEnumEx(hResourceEnumEx: HRESENUMEX) -> DWORD {
    status(|| on(hResourceEnumEx, |s| s.cluster_resource_close_enum_ex(from_c(hResourceEnumEx)?)))
}

// Not simulated yet: the node Ex enumeration (the cluster's, `ClusterOpenEnumEx`, is
// simulated, in `modern.rs`; the group and resource ones above).
not_simulated! {
    /// the per-node Ex enumeration is not simulated yet: use ClusterOpenEnumEx and Cluster*Control
    fn ClusterNodeOpenEnumEx -> NULL;
    /// as ClusterNodeOpenEnumEx
    fn ClusterNodeGetEnumCountEx -> 0;
    /// as ClusterNodeOpenEnumEx
    fn ClusterNodeEnumEx -> ERROR_CALL_NOT_IMPLEMENTED;
    /// as ClusterNodeOpenEnumEx
    fn ClusterNodeCloseEnumEx -> ERROR_CALL_NOT_IMPLEMENTED;
}
