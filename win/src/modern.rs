//! `ModernCalls`: `ClusterOpenEnumEx`, `ClusterGetEnumCountEx`, `ClusterEnumEx`,
//! `ClusterCloseEnumEx`, `OnlineClusterGroupEx`, `MoveClusterGroupEx`,
//! `CancelClusterGroupOperation`, `PauseClusterNodeEx`, `ResumeClusterNodeEx`.

use std::mem::offset_of;

use clusapi_sim::codes::ERROR_INVALID_DATA;
use clusapi_sim::{
    ClusterEnumItem, Error, HClusEnumEx, HCluster, HGroup, HNode, HResource, ModernCalls, Result,
};
use windows_sys::Win32::Networking::Clustering::{
    CLUSTER_ENUM_ITEM, ClusterCloseEnumEx, ClusterEnumEx, ClusterGetEnumCountEx, ClusterOpenEnumEx,
    DestroyClusterGroup, MoveClusterGroupEx, OfflineClusterGroupEx, OfflineClusterResourceEx,
    OnlineClusterGroupEx, OnlineClusterResourceEx, PauseClusterNodeEx, ResumeClusterNodeEx,
};

use crate::WinClusterApi;
use crate::ffi::{self, Bytes, raw, raw_opt};
use crate::values;

/// The `DWORD` at `at` in `bytes`.
pub(crate) fn dword(bytes: &[u8], at: usize) -> Option<u32> {
    let b = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_ne_bytes(b.try_into().ok()?))
}

/// The pointer-sized value at `at` in `bytes`.
pub(crate) fn address(bytes: &[u8], at: usize) -> Option<usize> {
    let b = bytes.get(at..at.checked_add(size_of::<usize>())?)?;
    Some(usize::from_ne_bytes(b.try_into().ok()?))
}

/// The string `ClusterEnumEx` wrote in its own buffer: `cb` bytes (its NUL included) at the
/// address `at`, which must lie inside `bytes` (whose first byte is at `base`).
pub(crate) fn string_in(bytes: &[u8], base: usize, at: usize, cb: u32) -> Option<String> {
    let start = at.checked_sub(base)?;
    let raw = bytes.get(start..start.checked_add(cb as usize)?)?;
    let units: Vec<u16> = raw.chunks_exact(2).map(|p| u16::from_ne_bytes([p[0], p[1]])).collect();
    let end = units.iter().position(|&u| u == 0).unwrap_or(units.len());
    Some(String::from_utf16_lossy(units.get(..end)?))
}

/// The `CLUSTER_ENUM_ITEM` at the start of `bytes`, with its strings. Read field by field
/// from the bytes (no pointer is dereferenced): the strings' pointers are taken as
/// addresses inside the buffer.
fn parse_item(bytes: &[u8]) -> Option<(u32, String, String)> {
    let base = bytes.as_ptr() as usize;
    let object_type = dword(bytes, offset_of!(CLUSTER_ENUM_ITEM, dwType))?;
    let cb_id = dword(bytes, offset_of!(CLUSTER_ENUM_ITEM, cbId))?;
    let id_at = address(bytes, offset_of!(CLUSTER_ENUM_ITEM, lpszId))?;
    let cb_name = dword(bytes, offset_of!(CLUSTER_ENUM_ITEM, cbName))?;
    let name_at = address(bytes, offset_of!(CLUSTER_ENUM_ITEM, lpszName))?;
    Some((object_type, string_in(bytes, base, id_at, cb_id)?, string_in(bytes, base, name_at, cb_name)?))
}

impl ModernCalls for WinClusterApi {
    // `RestartClusterResource`, `CancelClusterGroupOperation`: derived from their declarations.
    clusapi_sim::__clusapi_modern_externs!(crate::derive::methods);

    fn cluster_open_enum_ex(&self, hcluster: HCluster, type_mask: u32) -> Result<HClusEnumEx> {
        // SAFETY: `pOptions` is NULL (reserved); the handle is passed as a value (see the
        // crate's "Soundness").
        let h = unsafe { ClusterOpenEnumEx(raw(hcluster), type_mask, std::ptr::null()) };
        ffi::handle("ClusterOpenEnumEx", h)
    }

    fn cluster_get_enum_count_ex(&self, henum: HClusEnumEx) -> Result<u32> {
        // SAFETY: no pointer; the handle is passed as a value.
        ffi::count("ClusterGetEnumCountEx", || unsafe { ClusterGetEnumCountEx(raw(henum)) })
    }

    fn cluster_enum_ex(&self, henum: HClusEnumEx, index: u32) -> Result<ClusterEnumItem> {
        const CALL: &str = "ClusterEnumEx";
        let mut out = Bytes::new(self.bytes);
        ffi::fill(CALL, [&mut out], |[a]| {
            // SAFETY: `a.ptr` is NULL or a buffer of `*a.len` bytes, with its length pointer,
            // as `fill` armed them; the call writes the item and its strings within them.
            unsafe { ClusterEnumEx(raw(henum), index, a.ptr.cast(), a.len) }
        })?;
        let (object_type, id, name) = parse_item(out.bytes()).ok_or_else(|| {
            Error::with_message(
                ERROR_INVALID_DATA,
                format!("{CALL}: the item's strings are not in its buffer"),
            )
        })?;
        values::enum_item(object_type, id, name)
    }

    fn cluster_close_enum_ex(&self, henum: HClusEnumEx) -> Result<()> {
        // SAFETY: no pointer; the handle is passed as a value.
        ffi::status("ClusterCloseEnumEx", unsafe { ClusterCloseEnumEx(raw(henum)) })
    }

    fn offline_cluster_group_ex(&self, hgroup: HGroup, flags: u32, in_buffer: &[u8]) -> Result<()> {
        const CALL: &str = "OfflineClusterGroupEx";
        let len = ffi::in_len(CALL, in_buffer)?;
        // SAFETY: the input is NULL with a size of 0, or `len` readable bytes that outlive
        // the call; the handle is passed as a value.
        let code = unsafe { OfflineClusterGroupEx(raw(hgroup), flags, ffi::in_ptr(in_buffer), len) };
        ffi::status(CALL, code)
    }

    fn online_cluster_group_ex(
        &self,
        hgroup: HGroup,
        node: Option<HNode>,
        flags: u32,
        in_buffer: &[u8],
    ) -> Result<()> {
        const CALL: &str = "OnlineClusterGroupEx";
        let len = ffi::in_len(CALL, in_buffer)?;
        // SAFETY: the input is NULL with a size of 0, or `len` readable bytes that outlive
        // the call; the handles are passed as values.
        let code =
            unsafe { OnlineClusterGroupEx(raw(hgroup), raw_opt(node), flags, ffi::in_ptr(in_buffer), len) };
        ffi::status(CALL, code)
    }

    fn move_cluster_group_ex(
        &self,
        hgroup: HGroup,
        node: Option<HNode>,
        flags: u32,
        in_buffer: &[u8],
    ) -> Result<()> {
        const CALL: &str = "MoveClusterGroupEx";
        let len = ffi::in_len(CALL, in_buffer)?;
        // SAFETY: as `online_cluster_group_ex`.
        let code =
            unsafe { MoveClusterGroupEx(raw(hgroup), raw_opt(node), flags, ffi::in_ptr(in_buffer), len) };
        ffi::status(CALL, code)
    }

    fn online_cluster_resource_ex(&self, hresource: HResource, flags: u32, in_buffer: &[u8]) -> Result<()> {
        const CALL: &str = "OnlineClusterResourceEx";
        let len = ffi::in_len(CALL, in_buffer)?;
        // SAFETY: the input is NULL with a size of 0, or `len` readable bytes that outlive
        // the call; the handle is passed as a value.
        let code = unsafe { OnlineClusterResourceEx(raw(hresource), flags, ffi::in_ptr(in_buffer), len) };
        ffi::status(CALL, code)
    }

    fn offline_cluster_resource_ex(&self, hresource: HResource, flags: u32, in_buffer: &[u8]) -> Result<()> {
        const CALL: &str = "OfflineClusterResourceEx";
        let len = ffi::in_len(CALL, in_buffer)?;
        // SAFETY: as for `online_cluster_resource_ex`.
        let code = unsafe { OfflineClusterResourceEx(raw(hresource), flags, ffi::in_ptr(in_buffer), len) };
        ffi::status(CALL, code)
    }

    fn destroy_cluster_group(&self, hgroup: HGroup) -> Result<()> {
        // SAFETY: no pointer; the handle is passed as a value.
        let code = unsafe { DestroyClusterGroup(raw(hgroup)) };
        ffi::status("DestroyClusterGroup", code)
    }

    fn pause_cluster_node_ex(
        &self,
        hnode: HNode,
        drain: bool,
        flags: u32,
        drain_target: Option<HNode>,
    ) -> Result<()> {
        // SAFETY: no pointer; the handles are passed as values (NULL: no target).
        let code = unsafe { PauseClusterNodeEx(raw(hnode), i32::from(drain), flags, raw_opt(drain_target)) };
        ffi::status("PauseClusterNodeEx", code)
    }

    fn resume_cluster_node_ex(&self, hnode: HNode, failback_type: u32, resume_flags: u32) -> Result<()> {
        // `CLUSTER_NODE_RESUME_FAILBACK_TYPE` is a C enum: the same bits, as an `int`.
        let failback = i32::from_ne_bytes(failback_type.to_ne_bytes());
        // SAFETY: no pointer; the handle is passed as a value.
        let code = unsafe { ResumeClusterNodeEx(raw(hnode), failback, resume_flags) };
        ffi::status("ResumeClusterNodeEx", code)
    }
}
