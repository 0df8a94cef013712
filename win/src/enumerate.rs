//! `EnumCalls`: the enumerations of a cluster (`ClusterOpenEnum`, `ClusterGetEnumCount`,
//! `ClusterEnum`, `ClusterCloseEnum`) and the same four of a network, a node, a group and a
//! resource; the group and resource Ex enumerations (`ClusterGroupOpenEnumEx`, ...,
//! `ClusterResourceOpenEnumEx`, ...), whose items are parsed back from their structures.

use std::mem::offset_of;

use clusapi_sim::codes::ERROR_INVALID_DATA;
use clusapi_sim::{
    ClusterGroupEnumItem, ClusterResourceEnumItem, EnumCalls, Error, HClusEnum, HCluster, HGroup, HGroupEnum,
    HGroupEnumEx, HNetwork, HNetworkEnum, HNode, HNodeEnum, HResEnum, HResEnumEx, HResource, PropertyList,
    Result,
};
use windows_sys::Win32::Networking::Clustering::{
    CLUSTER_GROUP_ENUM_ITEM, CLUSTER_RESOURCE_ENUM_ITEM, ClusterCloseEnum, ClusterEnum, ClusterGetEnumCount,
    ClusterGroupCloseEnum, ClusterGroupCloseEnumEx, ClusterGroupEnum, ClusterGroupEnumEx,
    ClusterGroupGetEnumCount, ClusterGroupGetEnumCountEx, ClusterGroupOpenEnum, ClusterGroupOpenEnumEx,
    ClusterNetworkCloseEnum, ClusterNetworkEnum, ClusterNetworkGetEnumCount, ClusterNetworkOpenEnum,
    ClusterNodeCloseEnum, ClusterNodeEnum, ClusterNodeGetEnumCount, ClusterNodeOpenEnum, ClusterOpenEnum,
    ClusterResourceCloseEnum, ClusterResourceCloseEnumEx, ClusterResourceEnum, ClusterResourceEnumEx,
    ClusterResourceGetEnumCount, ClusterResourceGetEnumCountEx, ClusterResourceOpenEnum,
    ClusterResourceOpenEnumEx,
};

use crate::WinClusterApi;
use crate::ffi::{self, Bytes, raw};
use crate::modern::{address, dword, string_in};
use crate::values;

/// A list of property names as the Ex opens take it: a MULTI_SZ (each name, its NUL, and
/// the empty string that ends the list), or no units at all for no names (passed as NULL).
fn multi_sz(call: &'static str, names: &[&str]) -> Result<Vec<u16>> {
    if names.is_empty() {
        return Ok(Vec::new());
    }
    let mut units = Vec::new();
    for name in names {
        if name.contains('\0') {
            return Err(Error::InvalidParameter(format!("{call}: a property name holds a NUL")));
        }
        units.extend(name.encode_utf16().chain([0]));
    }
    units.push(0);
    Ok(units)
}

/// The pointer and byte size of a name list from [`multi_sz`].
fn list_arg(call: &'static str, units: &[u16]) -> Result<(*const u16, u32)> {
    let ptr = if units.is_empty() { std::ptr::null() } else { units.as_ptr() };
    Ok((ptr, ffi::count_of(call, units.len().saturating_mul(2))?))
}

/// The property list of `cb` bytes at the address `at` inside `bytes` (whose first byte is
/// at `base`); none (an empty list) when `cb` is 0.
fn list_in(bytes: &[u8], base: usize, at: usize, cb: u32) -> Option<PropertyList> {
    if cb == 0 {
        return Some(PropertyList::new());
    }
    let start = at.checked_sub(base)?;
    PropertyList::parse(bytes.get(start..start.checked_add(cb as usize)?)?).ok()
}

/// The item's strings and lists are not where its structure says.
fn bad_item(call: &'static str) -> Error {
    Error::with_message(
        ERROR_INVALID_DATA,
        format!("{call}: the item's strings or lists are not in its buffer"),
    )
}

/// A string field of an Ex item: its size at `cb` and its address at `ptr`.
fn string_field(bytes: &[u8], cb: usize, ptr: usize) -> Option<String> {
    string_in(bytes, bytes.as_ptr() as usize, address(bytes, ptr)?, dword(bytes, cb)?)
}

/// A property-list field of an Ex item.
fn list_field(bytes: &[u8], cb: usize, ptr: usize) -> Option<PropertyList> {
    list_in(bytes, bytes.as_ptr() as usize, address(bytes, ptr)?, dword(bytes, cb)?)
}

/// The `CLUSTER_GROUP_ENUM_ITEM` at the start of `bytes`, with what it points to; read
/// field by field (no pointer is dereferenced).
fn parse_group_item(bytes: &[u8]) -> Option<Result<ClusterGroupEnumItem>> {
    type T = CLUSTER_GROUP_ENUM_ITEM;
    let strings = (
        string_field(bytes, offset_of!(T, cbId), offset_of!(T, lpszId))?,
        string_field(bytes, offset_of!(T, cbName), offset_of!(T, lpszName))?,
        string_field(bytes, offset_of!(T, cbOwnerNode), offset_of!(T, lpszOwnerNode))?,
    );
    let state = values::group_state_of(i32::from_ne_bytes(dword(bytes, offset_of!(T, state))?.to_ne_bytes()));
    let flags = dword(bytes, offset_of!(T, dwFlags))?;
    let lists = (
        list_field(bytes, offset_of!(T, cbProperties), offset_of!(T, pProperties))?,
        list_field(bytes, offset_of!(T, cbRoProperties), offset_of!(T, pRoProperties))?,
    );
    Some(values::group_enum_item(strings, state, flags, lists))
}

/// The `CLUSTER_RESOURCE_ENUM_ITEM` at the start of `bytes`, with what it points to.
fn parse_resource_item(bytes: &[u8]) -> Option<Result<ClusterResourceEnumItem>> {
    type T = CLUSTER_RESOURCE_ENUM_ITEM;
    let strings = (
        string_field(bytes, offset_of!(T, cbId), offset_of!(T, lpszId))?,
        string_field(bytes, offset_of!(T, cbName), offset_of!(T, lpszName))?,
        string_field(bytes, offset_of!(T, cbOwnerGroupName), offset_of!(T, lpszOwnerGroupName))?,
        string_field(bytes, offset_of!(T, cbOwnerGroupId), offset_of!(T, lpszOwnerGroupId))?,
    );
    let lists = (
        list_field(bytes, offset_of!(T, cbProperties), offset_of!(T, pProperties))?,
        list_field(bytes, offset_of!(T, cbRoProperties), offset_of!(T, pRoProperties))?,
    );
    Some(values::resource_enum_item(strings, lists))
}

// In every block below: no pointer but those `ffi::item` hands out (a `DWORD` for the type,
// a buffer of `*len` characters or NULL, and its length pointer, each valid for the call);
// the handles are passed as values (see the crate's "Soundness").
impl EnumCalls for WinClusterApi {
    fn cluster_open_enum(&self, hcluster: HCluster, type_mask: u32) -> Result<HClusEnum> {
        // SAFETY: see above.
        ffi::handle("ClusterOpenEnum", unsafe { ClusterOpenEnum(raw(hcluster), type_mask) })
    }

    fn cluster_get_enum_count(&self, henum: HClusEnum) -> Result<u32> {
        // SAFETY: see above.
        ffi::count("ClusterGetEnumCount", || unsafe { ClusterGetEnumCount(raw(henum)) })
    }

    fn cluster_enum(&self, henum: HClusEnum, index: u32) -> Result<(u32, String)> {
        // SAFETY: see above.
        ffi::item("ClusterEnum", self.text, |t, b, l| unsafe { ClusterEnum(raw(henum), index, t, b, l) })
    }

    fn cluster_close_enum(&self, henum: HClusEnum) -> Result<()> {
        // SAFETY: see above.
        ffi::status("ClusterCloseEnum", unsafe { ClusterCloseEnum(raw(henum)) })
    }

    fn cluster_network_open_enum(&self, hnetwork: HNetwork, type_mask: u32) -> Result<HNetworkEnum> {
        // SAFETY: see above.
        ffi::handle("ClusterNetworkOpenEnum", unsafe { ClusterNetworkOpenEnum(raw(hnetwork), type_mask) })
    }

    fn cluster_network_get_enum_count(&self, henum: HNetworkEnum) -> Result<u32> {
        // SAFETY: see above.
        ffi::count("ClusterNetworkGetEnumCount", || unsafe { ClusterNetworkGetEnumCount(raw(henum)) })
    }

    fn cluster_network_enum(&self, henum: HNetworkEnum, index: u32) -> Result<(u32, String)> {
        ffi::item("ClusterNetworkEnum", self.text, |t, b, l| {
            // SAFETY: see above.
            unsafe { ClusterNetworkEnum(raw(henum), index, t, b, l) }
        })
    }

    fn cluster_network_close_enum(&self, henum: HNetworkEnum) -> Result<()> {
        // SAFETY: see above.
        ffi::status("ClusterNetworkCloseEnum", unsafe { ClusterNetworkCloseEnum(raw(henum)) })
    }

    fn cluster_node_open_enum(&self, hnode: HNode, type_mask: u32) -> Result<HNodeEnum> {
        // SAFETY: see above.
        ffi::handle("ClusterNodeOpenEnum", unsafe { ClusterNodeOpenEnum(raw(hnode), type_mask) })
    }

    fn cluster_node_get_enum_count(&self, henum: HNodeEnum) -> Result<u32> {
        // SAFETY: see above.
        ffi::count("ClusterNodeGetEnumCount", || unsafe { ClusterNodeGetEnumCount(raw(henum)) })
    }

    fn cluster_node_enum(&self, henum: HNodeEnum, index: u32) -> Result<(u32, String)> {
        ffi::item("ClusterNodeEnum", self.text, |t, b, l| {
            // SAFETY: see above.
            unsafe { ClusterNodeEnum(raw(henum), index, t, b, l) }
        })
    }

    fn cluster_node_close_enum(&self, henum: HNodeEnum) -> Result<()> {
        // SAFETY: see above.
        ffi::status("ClusterNodeCloseEnum", unsafe { ClusterNodeCloseEnum(raw(henum)) })
    }

    fn cluster_group_open_enum(&self, hgroup: HGroup, type_mask: u32) -> Result<HGroupEnum> {
        // SAFETY: see above.
        ffi::handle("ClusterGroupOpenEnum", unsafe { ClusterGroupOpenEnum(raw(hgroup), type_mask) })
    }

    fn cluster_group_get_enum_count(&self, henum: HGroupEnum) -> Result<u32> {
        // SAFETY: see above.
        ffi::count("ClusterGroupGetEnumCount", || unsafe { ClusterGroupGetEnumCount(raw(henum)) })
    }

    fn cluster_group_enum(&self, henum: HGroupEnum, index: u32) -> Result<(u32, String)> {
        ffi::item("ClusterGroupEnum", self.text, |t, b, l| {
            // SAFETY: see above.
            unsafe { ClusterGroupEnum(raw(henum), index, t, b, l) }
        })
    }

    fn cluster_group_close_enum(&self, henum: HGroupEnum) -> Result<()> {
        // SAFETY: see above.
        ffi::status("ClusterGroupCloseEnum", unsafe { ClusterGroupCloseEnum(raw(henum)) })
    }

    fn cluster_resource_open_enum(&self, hresource: HResource, type_mask: u32) -> Result<HResEnum> {
        // SAFETY: see above.
        ffi::handle("ClusterResourceOpenEnum", unsafe { ClusterResourceOpenEnum(raw(hresource), type_mask) })
    }

    fn cluster_resource_get_enum_count(&self, henum: HResEnum) -> Result<u32> {
        // SAFETY: see above.
        ffi::count("ClusterResourceGetEnumCount", || unsafe { ClusterResourceGetEnumCount(raw(henum)) })
    }

    fn cluster_resource_enum(&self, henum: HResEnum, index: u32) -> Result<(u32, String)> {
        ffi::item("ClusterResourceEnum", self.text, |t, b, l| {
            // SAFETY: see above.
            unsafe { ClusterResourceEnum(raw(henum), index, t, b, l) }
        })
    }

    fn cluster_resource_close_enum(&self, henum: HResEnum) -> Result<()> {
        // SAFETY: see above.
        ffi::status("ClusterResourceCloseEnum", unsafe { ClusterResourceCloseEnum(raw(henum)) })
    }

    fn cluster_group_open_enum_ex(
        &self,
        hcluster: HCluster,
        properties: &[&str],
        ro_properties: &[&str],
        flags: u32,
    ) -> Result<HGroupEnumEx> {
        const CALL: &str = "ClusterGroupOpenEnumEx";
        let (rw, ro) = (multi_sz(CALL, properties)?, multi_sz(CALL, ro_properties)?);
        let ((p_rw, cb_rw), (p_ro, cb_ro)) = (list_arg(CALL, &rw)?, list_arg(CALL, &ro)?);
        // SAFETY: each list is NULL with a size of 0, or `cb` readable bytes (a MULTI_SZ)
        // that outlive the call; the handle is passed as a value.
        let h = unsafe { ClusterGroupOpenEnumEx(raw(hcluster), p_rw, cb_rw, p_ro, cb_ro, flags) };
        ffi::handle(CALL, h)
    }

    fn cluster_group_get_enum_count_ex(&self, henum: HGroupEnumEx) -> Result<u32> {
        // SAFETY: see above.
        ffi::count("ClusterGroupGetEnumCountEx", || unsafe { ClusterGroupGetEnumCountEx(raw(henum)) })
    }

    fn cluster_group_enum_ex(&self, henum: HGroupEnumEx, index: u32) -> Result<ClusterGroupEnumItem> {
        const CALL: &str = "ClusterGroupEnumEx";
        let mut out = Bytes::new(self.bytes);
        ffi::fill(CALL, [&mut out], |[a]| {
            // SAFETY: `a.ptr` is NULL or a buffer of `*a.len` bytes, with its length pointer,
            // as `fill` armed them; the call writes the item and what it points to within them.
            unsafe { ClusterGroupEnumEx(raw(henum), index, a.ptr.cast(), a.len) }
        })?;
        parse_group_item(out.bytes()).ok_or_else(|| bad_item(CALL))?
    }

    fn cluster_group_close_enum_ex(&self, henum: HGroupEnumEx) -> Result<()> {
        // SAFETY: see above.
        ffi::status("ClusterGroupCloseEnumEx", unsafe { ClusterGroupCloseEnumEx(raw(henum)) })
    }

    fn cluster_resource_open_enum_ex(
        &self,
        hcluster: HCluster,
        properties: &[&str],
        ro_properties: &[&str],
        flags: u32,
    ) -> Result<HResEnumEx> {
        const CALL: &str = "ClusterResourceOpenEnumEx";
        let (rw, ro) = (multi_sz(CALL, properties)?, multi_sz(CALL, ro_properties)?);
        let ((p_rw, cb_rw), (p_ro, cb_ro)) = (list_arg(CALL, &rw)?, list_arg(CALL, &ro)?);
        // SAFETY: as `cluster_group_open_enum_ex`.
        let h = unsafe { ClusterResourceOpenEnumEx(raw(hcluster), p_rw, cb_rw, p_ro, cb_ro, flags) };
        ffi::handle(CALL, h)
    }

    fn cluster_resource_get_enum_count_ex(&self, henum: HResEnumEx) -> Result<u32> {
        // SAFETY: see above.
        ffi::count("ClusterResourceGetEnumCountEx", || unsafe { ClusterResourceGetEnumCountEx(raw(henum)) })
    }

    fn cluster_resource_enum_ex(&self, henum: HResEnumEx, index: u32) -> Result<ClusterResourceEnumItem> {
        const CALL: &str = "ClusterResourceEnumEx";
        let mut out = Bytes::new(self.bytes);
        ffi::fill(CALL, [&mut out], |[a]| {
            // SAFETY: as in `cluster_group_enum_ex`.
            unsafe { ClusterResourceEnumEx(raw(henum), index, a.ptr.cast(), a.len) }
        })?;
        parse_resource_item(out.bytes()).ok_or_else(|| bad_item(CALL))?
    }

    fn cluster_resource_close_enum_ex(&self, henum: HResEnumEx) -> Result<()> {
        // SAFETY: see above.
        ffi::status("ClusterResourceCloseEnumEx", unsafe { ClusterResourceCloseEnumEx(raw(henum)) })
    }
}
