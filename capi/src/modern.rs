//! The modern exports: `ClusterOpenEnumEx` / `ClusterGetEnumCountEx` / `ClusterEnumEx` /
//! `ClusterCloseEnumEx`, `OnlineClusterGroupEx`, `MoveClusterGroupEx`,
//! `CancelClusterGroupOperation`, `PauseClusterNodeEx` (drain) and `ResumeClusterNodeEx`.

use std::ffi::c_void;

use clusapi_sim::{Error, HGroup, HNode, HResource};

use crate::ffi::{
    BOOL, DWORD, FALSE, HCLUSTER, HGROUP, HNODE, HRESOURCE, LPDWORD, WCHAR, from_c, guard, put, status, to_c,
};
use crate::route::{on, on_handle};
use crate::wide;

// The exports of the `extern` calls (`RestartClusterResource`, `CancelClusterGroupOperation`).
clusapi_sim::__clusapi_modern_externs!(crate::derive::exports);

/// A cluster enumeration handle of the Ex form.
#[repr(C)]
pub struct _HCLUSENUMEX {
    _private: [u8; 0],
}
/// `HCLUSENUMEX`: what `ClusterOpenEnumEx` returns; never dereferenced.
pub type HCLUSENUMEX = *mut _HCLUSENUMEX;
/// `PBYTE`.
pub type PBYTE = *mut u8;
/// `CLUSTER_NODE_RESUME_FAILBACK_TYPE`: a C enum, `int`-sized.
pub type CLUSTER_NODE_RESUME_FAILBACK_TYPE = i32;

/// `CLUSTER_ENUM_ITEM_VERSION_1`, the version `ClusterEnumEx` writes.
pub const CLUSTER_ENUM_ITEM_VERSION_1: DWORD = 1;

/// `CLUSTER_ENUM_ITEM` (version 1): what `ClusterEnumEx` writes at the start of the
/// caller's buffer; `lpszId` and `lpszName` point into the same buffer, after the
/// structure (40 bytes on 64-bit targets).
#[repr(C)]
pub struct CLUSTER_ENUM_ITEM {
    /// `CLUSTER_ENUM_ITEM_VERSION_1`.
    pub dwVersion: DWORD,
    /// The `CLUSTER_ENUM_*` bit of the object's kind.
    pub dwType: DWORD,
    /// The size of the id in bytes, its NUL included.
    pub cbId: DWORD,
    /// The object's id, NUL-terminated, in the caller's buffer.
    pub lpszId: *mut WCHAR,
    /// The size of the name in bytes, its NUL included.
    pub cbName: DWORD,
    /// The object's name, NUL-terminated, in the caller's buffer.
    pub lpszName: *mut WCHAR,
}
/// `PCLUSTER_ENUM_ITEM`.
pub type PCLUSTER_ENUM_ITEM = *mut CLUSTER_ENUM_ITEM;

/// The largest `lpInBuffer` the Ex group calls read (1 MiB); a larger size is refused.
const MAX_IN_BUFFER: DWORD = 1 << 20;

fn optional_node(h: HNODE) -> Result<Option<HNode>, Error> {
    if h.is_null() { Ok(None) } else { from_c(h).map(Some) }
}

/// The bytes of an `lpInBuffer` / `cbInBufferSize` pair.
///
/// # Safety
///
/// `p` is NULL or valid for reads of `cb` bytes.
unsafe fn in_buffer<'a>(p: PBYTE, cb: DWORD) -> Result<&'a [u8], Error> {
    if cb == 0 {
        return Ok(&[]);
    }
    if p.is_null() || cb > MAX_IN_BUFFER {
        return Err(Error::InvalidParameter(format!(
            "lpInBuffer is NULL or cbInBufferSize ({cb}) is above {MAX_IN_BUFFER}"
        )));
    }
    // SAFETY: non-NULL, and the caller promises `cb` readable bytes.
    Ok(unsafe { std::slice::from_raw_parts(p, cb as usize) })
}

/// `ClusterOpenEnumEx`: a snapshot of the cluster's objects of the `CLUSTER_ENUM_*` kinds
/// in `dwType`, with their ids. `pOptions` is reserved: a non-NULL one is
/// `ERROR_INVALID_PARAMETER` (and so are the masks `ClusterOpenEnum` refuses). NULL with
/// the last error on failure.
#[unsafe(no_mangle)]
pub extern "C" fn ClusterOpenEnumEx(hCluster: HCLUSTER, dwType: DWORD, pOptions: *mut c_void) -> HCLUSENUMEX {
    guard(std::ptr::null_mut(), || {
        let h = from_c(hCluster)?;
        if !pOptions.is_null() {
            return Err(Error::InvalidParameter("pOptions is reserved and must be NULL".into()));
        }
        Ok(to_c(on_handle(h, |s| s.cluster_open_enum_ex(h, dwType))?))
    })
}

/// `ClusterGetEnumCountEx`: the number of items; 0 with the last error set for a bad handle.
#[unsafe(no_mangle)]
pub extern "C" fn ClusterGetEnumCountEx(hClusterEnum: HCLUSENUMEX) -> DWORD {
    guard(0, || on(hClusterEnum, |s| s.cluster_get_enum_count_ex(from_c(hClusterEnum)?)))
}

/// `ClusterEnumEx`: item `dwIndex` into the `*cbItem`-byte buffer `pItem`: a
/// `CLUSTER_ENUM_ITEM` followed by the id and the name (UTF-16, NUL-terminated), which
/// `lpszId` and `lpszName` point to. `*cbItem` is then the bytes written. A NULL or too
/// small buffer: `ERROR_MORE_DATA` with the size needed in `*cbItem` (nothing written);
/// past the end: `ERROR_NO_MORE_ITEMS`; a NULL `cbItem`: `ERROR_INVALID_PARAMETER`.
///
/// # Safety
///
/// `cbItem` is NULL or valid for reads and writes of a `DWORD`; `pItem` is NULL or valid
/// for writes of `*cbItem` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ClusterEnumEx(
    hClusterEnum: HCLUSENUMEX,
    dwIndex: DWORD,
    pItem: PCLUSTER_ENUM_ITEM,
    cbItem: LPDWORD,
) -> DWORD {
    status(|| {
        let item = on(hClusterEnum, |s| s.cluster_enum_ex(from_c(hClusterEnum)?, dwIndex))?;
        if cbItem.is_null() {
            return Err(Error::InvalidParameter("cbItem is NULL".into()));
        }
        let id = wide::encode_nul(&item.id);
        let name = wide::encode_nul(&item.name);
        let header = size_of::<CLUSTER_ENUM_ITEM>();
        let unit = size_of::<WCHAR>();
        let (id_bytes, name_bytes) = (id.len().saturating_mul(unit), name.len().saturating_mul(unit));
        let needed = header.saturating_add(id_bytes).saturating_add(name_bytes);
        let needed_dw = DWORD::try_from(needed).unwrap_or(DWORD::MAX);
        // SAFETY: non-NULL, and the caller promises a readable DWORD.
        let have = unsafe { cbItem.read() };
        if pItem.is_null() || have < needed_dw {
            // SAFETY: as above, writable.
            unsafe { put(cbItem, needed_dw) };
            return Err(Error::MoreData(format!(
                "ClusterEnumEx needs {needed} bytes, the buffer has {have}"
            )));
        }
        let base = pItem.cast::<u8>();
        let id_at = base.wrapping_add(header).cast::<WCHAR>();
        let name_at = base.wrapping_add(header.saturating_add(id_bytes)).cast::<WCHAR>();
        let value = CLUSTER_ENUM_ITEM {
            dwVersion: CLUSTER_ENUM_ITEM_VERSION_1,
            dwType: item.object_type,
            cbId: DWORD::try_from(id_bytes).unwrap_or(DWORD::MAX),
            lpszId: id_at,
            cbName: DWORD::try_from(name_bytes).unwrap_or(DWORD::MAX),
            lpszName: name_at,
        };
        // SAFETY: the caller promises `*cbItem` writable bytes at `pItem`, and `needed` of
        // them are used: the structure, then the id, then the name. Unaligned writes, as
        // the caller's buffer may be a byte array.
        unsafe {
            pItem.write_unaligned(value);
            std::ptr::copy_nonoverlapping(id.as_ptr().cast::<u8>(), id_at.cast::<u8>(), id_bytes);
            std::ptr::copy_nonoverlapping(name.as_ptr().cast::<u8>(), name_at.cast::<u8>(), name_bytes);
            put(cbItem, needed_dw);
        }
        Ok(())
    })
}

/// `ClusterCloseEnumEx`: closes the enumeration; `ERROR_INVALID_HANDLE` for a value that
/// is not a live `HCLUSENUMEX`.
#[unsafe(no_mangle)]
pub extern "C" fn ClusterCloseEnumEx(hClusterEnum: HCLUSENUMEX) -> DWORD {
    status(|| on(hClusterEnum, |s| s.cluster_close_enum_ex(from_c(hClusterEnum)?)))
}

/// `OnlineClusterGroupEx`: as `OnlineClusterGroup`; the documented
/// `CLUSAPI_GROUP_ONLINE_*` flags are accepted (others: `ERROR_INVALID_PARAMETER`) and the
/// property list in `lpInBuffer` is not interpreted.
///
/// # Safety
///
/// `lpInBuffer` is NULL or valid for reads of `cbInBufferSize` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn OnlineClusterGroupEx(
    hGroup: HGROUP,
    hDestinationNode: HNODE,
    dwOnlineFlags: DWORD,
    lpInBuffer: PBYTE,
    cbInBufferSize: DWORD,
) -> DWORD {
    status(|| {
        let (g, n) = (from_c(hGroup)?, optional_node(hDestinationNode)?);
        // SAFETY: forwarded contract.
        let buf = unsafe { in_buffer(lpInBuffer, cbInBufferSize) }?;
        on_handle(g, |s| s.online_cluster_group_ex(g, n, dwOnlineFlags, buf))
    })
}

/// `OfflineClusterGroupEx`: as `OfflineClusterGroup`; the documented flag
/// `CLUSAPI_GROUP_OFFLINE_IGNORE_RESOURCE_STATUS` is accepted (others:
/// `ERROR_INVALID_PARAMETER`) and the property list in `lpInBuffer` is not interpreted.
///
/// # Safety
///
/// `lpInBuffer` is NULL or valid for reads of `cbInBufferSize` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn OfflineClusterGroupEx(
    hGroup: HGROUP,
    dwOfflineFlags: DWORD,
    lpInBuffer: PBYTE,
    cbInBufferSize: DWORD,
) -> DWORD {
    status(|| {
        let g = from_c(hGroup)?;
        // SAFETY: forwarded contract.
        let buf = unsafe { in_buffer(lpInBuffer, cbInBufferSize) }?;
        on_handle(g, |s| s.offline_cluster_group_ex(g, dwOfflineFlags, buf))
    })
}

/// `OnlineClusterResourceEx`: as `OnlineClusterResource`; the documented
/// `CLUSAPI_RESOURCE_ONLINE_*` flags are accepted (others: `ERROR_INVALID_PARAMETER`) and
/// `lpInBuffer` is not interpreted.
///
/// # Safety
///
/// `lpInBuffer` is NULL or valid for reads of `cbInBufferSize` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn OnlineClusterResourceEx(
    hResource: HRESOURCE,
    dwOnlineFlags: DWORD,
    lpInBuffer: PBYTE,
    cbInBufferSize: DWORD,
) -> DWORD {
    status(|| {
        let r = from_c(hResource)?;
        // SAFETY: forwarded contract.
        let buf = unsafe { in_buffer(lpInBuffer, cbInBufferSize) }?;
        on_handle(r, |s| s.online_cluster_resource_ex(r, dwOnlineFlags, buf))
    })
}

/// `OfflineClusterResourceEx`: as `OfflineClusterResource`; the documented
/// `CLUSAPI_RESOURCE_OFFLINE_*` flags are accepted (others: `ERROR_INVALID_PARAMETER`) and
/// `lpInBuffer` is not interpreted.
///
/// # Safety
///
/// `lpInBuffer` is NULL or valid for reads of `cbInBufferSize` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn OfflineClusterResourceEx(
    hResource: HRESOURCE,
    dwOfflineFlags: DWORD,
    lpInBuffer: PBYTE,
    cbInBufferSize: DWORD,
) -> DWORD {
    status(|| {
        let r = from_c(hResource)?;
        // SAFETY: forwarded contract.
        let buf = unsafe { in_buffer(lpInBuffer, cbInBufferSize) }?;
        on_handle(r, |s| s.offline_cluster_resource_ex(r, dwOfflineFlags, buf))
    })
}

/// `DestroyClusterGroup`: the group's resources offline and deleted, then the group, in
/// one call.
#[unsafe(no_mangle)]
pub extern "C" fn DestroyClusterGroup(hGroup: HGROUP) -> DWORD {
    status(|| on(hGroup, |s| s.destroy_cluster_group(from_c(hGroup)?)))
}

/// `MoveClusterGroupEx`: as `MoveClusterGroup`; the documented `CLUSAPI_GROUP_MOVE_*`
/// flags are accepted (others: `ERROR_INVALID_PARAMETER`) and `lpInBuffer` is not
/// interpreted.
///
/// # Safety
///
/// `lpInBuffer` is NULL or valid for reads of `cbInBufferSize` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn MoveClusterGroupEx(
    hGroup: HGROUP,
    hDestinationNode: HNODE,
    dwMoveFlags: DWORD,
    lpInBuffer: PBYTE,
    cbInBufferSize: DWORD,
) -> DWORD {
    status(|| {
        let (g, n) = (from_c(hGroup)?, optional_node(hDestinationNode)?);
        // SAFETY: forwarded contract.
        let buf = unsafe { in_buffer(lpInBuffer, cbInBufferSize) }?;
        on_handle(g, |s| s.move_cluster_group_ex(g, n, dwMoveFlags, buf))
    })
}

/// `PauseClusterNodeEx`: pauses the node and, with `bDrainNode`, moves its groups to
/// `hNodeDrainTarget` (NULL: each group's best other node). `ERROR_IO_PENDING` while the
/// moves are pending; `ERROR_CLUSTER_NODE_EVACUATION_IN_PROGRESS` while a drain is.
#[unsafe(no_mangle)]
pub extern "C" fn PauseClusterNodeEx(
    hNode: HNODE,
    bDrainNode: BOOL,
    dwPauseFlags: DWORD,
    hNodeDrainTarget: HNODE,
) -> DWORD {
    status(|| {
        let (n, target) = (from_c(hNode)?, optional_node(hNodeDrainTarget)?);
        on_handle(n, |s| s.pause_cluster_node_ex(n, bDrainNode != FALSE, dwPauseFlags, target))
    })
}

/// `ResumeClusterNodeEx`: resumes the node and fails back its drained groups as
/// `eResumeFailbackType` says (0 none, 1 all, 2 per their `AutoFailbackType`).
#[unsafe(no_mangle)]
pub extern "C" fn ResumeClusterNodeEx(
    hNode: HNODE,
    eResumeFailbackType: CLUSTER_NODE_RESUME_FAILBACK_TYPE,
    dwResumeFlagsReserved: DWORD,
) -> DWORD {
    status(|| {
        let failback = u32::try_from(eResumeFailbackType).unwrap_or(u32::MAX);
        on(hNode, |s| s.resume_cluster_node_ex(from_c(hNode)?, failback, dwResumeFlagsReserved))
    })
}
