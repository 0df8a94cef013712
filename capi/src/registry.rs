//! Cluster registry exports: `GetCluster*Key` and `ClusterReg*`.
//!
//! As Win32's registry functions, the `ClusterReg*` functions return their status (also
//! left in the last error when it is a failure); the `GetCluster*Key` functions return an
//! `HKEY` or NULL with the last error set. Value data follows the byte protocol
//! (`*lpcbData` in: capacity; out: size; too small, or a NULL buffer with a length:
//! `ERROR_MORE_DATA` and the size); names the ClusAPI string protocol (`*lpcch` in:
//! capacity with the NUL; out: length without it).

use std::ffi::c_void;

use clusapi_sim::{Error, HKey};

use crate::ffi::{
    DWORD, HCLUSTER, HGROUP, HNETINTERFACE, HNETWORK, HNODE, HRESOURCE, LPCWSTR, LPDWORD, LPWSTR, from_c,
    guard, not_simulated, put, status, to_c,
};
pub use crate::ffi::{HKEY, HKEY__};
use crate::route::{on, on_handle};
use crate::strings;
use crate::wide;

/// `LONG`: what the registry functions return (a Win32 code).
pub type LONG = i32;
/// `REGSAM`: the access asked for a key.
pub type REGSAM = u32;
/// `PHKEY`.
pub type PHKEY = *mut HKEY;
/// `LPBYTE`.
pub type LPBYTE = *mut u8;
/// `SECURITY_INFORMATION`.
pub type SECURITY_INFORMATION = DWORD;
/// `PSECURITY_DESCRIPTOR`: a self-relative security descriptor.
pub type PSECURITY_DESCRIPTOR = *mut c_void;
/// `LPSECURITY_ATTRIBUTES`: not used (the key gets the default descriptor).
pub type LPSECURITY_ATTRIBUTES = *mut c_void;

/// `FILETIME`.
#[repr(C)]
#[derive(Debug, Clone, Copy, Default)]
pub struct FILETIME {
    /// Low 32 bits.
    pub dwLowDateTime: DWORD,
    /// High 32 bits.
    pub dwHighDateTime: DWORD,
}
/// `PFILETIME`.
pub type PFILETIME = *mut FILETIME;

/// The most bytes a value or descriptor given to the library may have (64 MiB).
const MAX_DATA: DWORD = 1 << 26;

fn long(code: DWORD) -> LONG {
    LONG::try_from(code).unwrap_or(LONG::MAX)
}

/// Writes `data` with the byte protocol.
///
/// # Safety
///
/// `lpcb` is NULL or valid for reads and writes of a `DWORD`; `buf` is NULL or valid for
/// writes of `*lpcb` bytes.
unsafe fn write_bytes(data: &[u8], buf: *mut u8, lpcb: LPDWORD) -> Result<(), Error> {
    if lpcb.is_null() {
        if buf.is_null() {
            return Ok(());
        }
        return Err(Error::InvalidParameter("a data buffer without its length (lpcbData is NULL)".into()));
    }
    let len = DWORD::try_from(data.len()).unwrap_or(DWORD::MAX);
    // SAFETY: non-NULL and valid for reads per the contract.
    let capacity = unsafe { lpcb.read() };
    // SAFETY: as above, valid for writes.
    unsafe { lpcb.write(len) };
    if buf.is_null() || capacity < len {
        return Err(Error::MoreData(format!("{len} byte(s) are needed; the buffer holds {capacity}")));
    }
    // SAFETY: `buf` is valid for `capacity >= data.len()` bytes.
    unsafe { std::ptr::copy_nonoverlapping(data.as_ptr(), buf, data.len()) };
    Ok(())
}

/// Reads `len` bytes (NULL: none, when `len` is 0).
///
/// # Safety
///
/// `p` is NULL or valid for reads of `len` bytes.
unsafe fn read_bytes(p: *const u8, len: DWORD, what: &str) -> Result<Vec<u8>, Error> {
    if len == 0 {
        return Ok(Vec::new());
    }
    if p.is_null() || len > MAX_DATA {
        return Err(Error::InvalidParameter(format!("{what}: NULL with a length, or over 64 MiB")));
    }
    // SAFETY: non-NULL and valid for `len` bytes per the contract.
    Ok(unsafe { std::slice::from_raw_parts(p, len as usize) }.to_vec())
}

fn key_out(r: Result<HKey, Error>) -> Result<HKEY, Error> {
    r.map(to_c)
}

/// `GetClusterKey`: the cluster's root key, or NULL with the last error.
#[unsafe(no_mangle)]
pub extern "C" fn GetClusterKey(hCluster: HCLUSTER, samDesired: REGSAM) -> HKEY {
    guard(std::ptr::null_mut(), || {
        key_out(on(hCluster, |s| s.get_cluster_key(from_c(hCluster)?, samDesired)))
    })
}

/// `GetClusterNodeKey`: the node's root key, or NULL with the last error.
#[unsafe(no_mangle)]
pub extern "C" fn GetClusterNodeKey(hNode: HNODE, samDesired: REGSAM) -> HKEY {
    guard(std::ptr::null_mut(), || key_out(on(hNode, |s| s.get_cluster_node_key(from_c(hNode)?, samDesired))))
}

/// `GetClusterGroupKey`: the group's root key (common properties are its values, private
/// ones those of `Parameters`), or NULL with the last error.
#[unsafe(no_mangle)]
pub extern "C" fn GetClusterGroupKey(hGroup: HGROUP, samDesired: REGSAM) -> HKEY {
    guard(std::ptr::null_mut(), || {
        key_out(on(hGroup, |s| s.get_cluster_group_key(from_c(hGroup)?, samDesired)))
    })
}

/// `GetClusterResourceKey`: the resource's root key, or NULL with the last error.
#[unsafe(no_mangle)]
pub extern "C" fn GetClusterResourceKey(hResource: HRESOURCE, samDesired: REGSAM) -> HKEY {
    guard(std::ptr::null_mut(), || {
        key_out(on(hResource, |s| s.get_cluster_resource_key(from_c(hResource)?, samDesired)))
    })
}

/// `GetClusterNetworkKey`: the network's root key, or NULL with the last error.
#[unsafe(no_mangle)]
pub extern "C" fn GetClusterNetworkKey(hNetwork: HNETWORK, samDesired: REGSAM) -> HKEY {
    guard(std::ptr::null_mut(), || {
        key_out(on(hNetwork, |s| s.get_cluster_network_key(from_c(hNetwork)?, samDesired)))
    })
}

/// `GetClusterNetInterfaceKey`: the interface's root key, or NULL with the last error.
#[unsafe(no_mangle)]
pub extern "C" fn GetClusterNetInterfaceKey(hNetInterface: HNETINTERFACE, samDesired: REGSAM) -> HKEY {
    guard(std::ptr::null_mut(), || {
        key_out(on(hNetInterface, |s| s.get_cluster_net_interface_key(from_c(hNetInterface)?, samDesired)))
    })
}

/// `GetClusterResourceTypeKey`: the resource type's root key, or NULL with the last error
/// (`ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND` for an unknown type).
///
/// # Safety
///
/// `lpszTypeName` is NULL or a NUL-terminated UTF-16 string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn GetClusterResourceTypeKey(
    hCluster: HCLUSTER,
    lpszTypeName: LPCWSTR,
    samDesired: REGSAM,
) -> HKEY {
    guard(std::ptr::null_mut(), || {
        let h = from_c(hCluster)?;
        // SAFETY: per the contract.
        let name = unsafe { strings::read_required(lpszTypeName, "lpszTypeName") }?;
        key_out(on_handle(h, |s| s.get_cluster_resource_type_key(h, &name, samDesired)))
    })
}

/// `ClusterRegOpenKey`: opens a subkey (`""` or NULL: the key itself) into `*phkResult`.
///
/// # Safety
///
/// `lpszSubKey` is NULL or a NUL-terminated UTF-16 string; `phkResult` is NULL or valid
/// for a write of an `HKEY`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ClusterRegOpenKey(
    hKey: HKEY,
    lpszSubKey: LPCWSTR,
    samDesired: REGSAM,
    phkResult: PHKEY,
) -> LONG {
    long(status(|| {
        let h = from_c(hKey)?;
        // SAFETY: per the contract.
        let sub = unsafe { strings::read(lpszSubKey, "lpszSubKey") }?.unwrap_or_default();
        if phkResult.is_null() {
            return Err(Error::InvalidParameter("phkResult is NULL".into()));
        }
        let k = on_handle(h, |s| s.cluster_reg_open_key(h, &sub, samDesired))?;
        // SAFETY: non-NULL and valid per the contract.
        unsafe { put(phkResult, to_c(k)) };
        Ok(())
    }))
}

/// `ClusterRegCreateKey`: opens or creates a subkey into `*phkResult`;
/// `*lpdwDisposition` (when not NULL) is `REG_CREATED_NEW_KEY` or
/// `REG_OPENED_EXISTING_KEY`. `lpSecurityAttributes` is not used.
///
/// # Safety
///
/// `lpszSubKey` is NULL or a NUL-terminated UTF-16 string; `phkResult` and
/// `lpdwDisposition` are NULL or valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ClusterRegCreateKey(
    hKey: HKEY,
    lpszSubKey: LPCWSTR,
    dwOptions: DWORD,
    samDesired: REGSAM,
    lpSecurityAttributes: LPSECURITY_ATTRIBUTES,
    phkResult: PHKEY,
    lpdwDisposition: LPDWORD,
) -> LONG {
    let _ = lpSecurityAttributes;
    long(status(|| {
        let h = from_c(hKey)?;
        // SAFETY: per the contract.
        let sub = unsafe { strings::read_required(lpszSubKey, "lpszSubKey") }?;
        if phkResult.is_null() {
            return Err(Error::InvalidParameter("phkResult is NULL".into()));
        }
        let (k, disposition) = on_handle(h, |s| s.cluster_reg_create_key(h, &sub, dwOptions, samDesired))?;
        // SAFETY: non-NULL (checked) or NULL (skipped), valid per the contract.
        unsafe {
            put(phkResult, to_c(k));
            put(lpdwDisposition, disposition);
        }
        Ok(())
    }))
}

/// `ClusterRegDeleteKey`: deletes a subkey without subkeys (`ERROR_ACCESS_DENIED` for one
/// with subkeys).
///
/// # Safety
///
/// `lpszSubKey` is NULL or a NUL-terminated UTF-16 string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ClusterRegDeleteKey(hKey: HKEY, lpszSubKey: LPCWSTR) -> LONG {
    long(status(|| {
        let h = from_c(hKey)?;
        // SAFETY: per the contract.
        let sub = unsafe { strings::read_required(lpszSubKey, "lpszSubKey") }?;
        on_handle(h, |s| s.cluster_reg_delete_key(h, &sub))
    }))
}

/// `ClusterRegCloseKey`: closes a key handle.
#[unsafe(no_mangle)]
pub extern "C" fn ClusterRegCloseKey(hKey: HKEY) -> LONG {
    long(status(|| on(hKey, |s| s.cluster_reg_close_key(from_c(hKey)?))))
}

/// `ClusterRegEnumKey`: the `dwIndex`-th subkey's name (string protocol);
/// `ERROR_NO_MORE_ITEMS` past the end. `*lpftLastWriteTime` (when not NULL) is 0.
///
/// # Safety
///
/// `lpcchName` is NULL or valid for reads and writes of a `DWORD`; `lpszName` is NULL or
/// holds `*lpcchName` units; `lpftLastWriteTime` is NULL or valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ClusterRegEnumKey(
    hKey: HKEY,
    dwIndex: DWORD,
    lpszName: LPWSTR,
    lpcchName: LPDWORD,
    lpftLastWriteTime: PFILETIME,
) -> LONG {
    long(status(|| {
        let h = from_c(hKey)?;
        if lpcchName.is_null() {
            return Err(Error::InvalidParameter("lpcchName is NULL".into()));
        }
        let name = on_handle(h, |s| s.cluster_reg_enum_key(h, dwIndex))?;
        // SAFETY: per the contract.
        unsafe {
            strings::write(&name, lpszName, lpcchName)?;
            put(lpftLastWriteTime, FILETIME::default());
        }
        Ok(())
    }))
}

/// `ClusterRegEnumValue`: the `dwIndex`-th value: its name (string protocol), type and
/// data (byte protocol). When either buffer is too small: `ERROR_MORE_DATA`, with both
/// sizes written. `ERROR_NO_MORE_ITEMS` past the end.
///
/// # Safety
///
/// The length pointers are NULL or valid for reads and writes of a `DWORD`; each buffer
/// is NULL or holds what its length says; `lpdwType` is NULL or valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ClusterRegEnumValue(
    hKey: HKEY,
    dwIndex: DWORD,
    lpszValueName: LPWSTR,
    lpcchValueName: LPDWORD,
    lpdwType: LPDWORD,
    lpData: LPBYTE,
    lpcbData: LPDWORD,
) -> DWORD {
    status(|| {
        let h = from_c(hKey)?;
        if lpcchValueName.is_null() || (lpcbData.is_null() && !lpData.is_null()) {
            return Err(Error::InvalidParameter("lpcchValueName is NULL, or lpData without lpcbData".into()));
        }
        let v = on_handle(h, |s| s.cluster_reg_enum_value(h, dwIndex))?;
        // SAFETY: per the contract.
        unsafe {
            put(lpdwType, v.value_type);
            let name = strings::write(&v.name, lpszValueName, lpcchValueName);
            let data = write_bytes(&wide::value_to_caller(v.value_type, v.data), lpData, lpcbData);
            name.and(data)
        }
    })
}

/// `ClusterRegQueryValue`: a value's type and data (byte protocol; NULL `lpData` with a
/// length asks the size: `ERROR_MORE_DATA`). `ERROR_FILE_NOT_FOUND` for a missing value.
///
/// # Safety
///
/// `lpszValueName` is NULL or a NUL-terminated UTF-16 string; `lpcbData` is NULL or valid
/// for reads and writes of a `DWORD`; `lpData` is NULL or holds `*lpcbData` bytes;
/// `lpdwValueType` is NULL or valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ClusterRegQueryValue(
    hKey: HKEY,
    lpszValueName: LPCWSTR,
    lpdwValueType: LPDWORD,
    lpData: LPBYTE,
    lpcbData: LPDWORD,
) -> LONG {
    long(status(|| {
        let h = from_c(hKey)?;
        // SAFETY: per the contract.
        let name = unsafe { strings::read(lpszValueName, "lpszValueName") }?.unwrap_or_default();
        if lpcbData.is_null() && !lpData.is_null() {
            return Err(Error::InvalidParameter("lpData without lpcbData".into()));
        }
        let v = on_handle(h, |s| s.cluster_reg_query_value(h, &name))?;
        // SAFETY: per the contract.
        unsafe {
            put(lpdwValueType, v.value_type);
            write_bytes(&wide::value_to_caller(v.value_type, v.data), lpData, lpcbData)
        }
    }))
}

/// `ClusterRegSetValue`: sets a value (`dwType` `REG_*`; `cbData` bytes from `lpData`).
///
/// # Safety
///
/// `lpszValueName` is NULL or a NUL-terminated UTF-16 string; `lpData` is NULL or valid
/// for reads of `cbData` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ClusterRegSetValue(
    hKey: HKEY,
    lpszValueName: LPCWSTR,
    dwType: DWORD,
    lpData: *const u8,
    cbData: DWORD,
) -> DWORD {
    status(|| {
        let h = from_c(hKey)?;
        // SAFETY: per the contract.
        let name = unsafe { strings::read(lpszValueName, "lpszValueName") }?.unwrap_or_default();
        // SAFETY: per the contract.
        let data = wide::value_from_caller(dwType, unsafe { read_bytes(lpData, cbData, "lpData") }?)?;
        on_handle(h, |s| s.cluster_reg_set_value(h, &name, dwType, &data))
    })
}

/// `ClusterRegDeleteValue`: deletes a value (`ERROR_FILE_NOT_FOUND` if missing).
///
/// # Safety
///
/// `lpszValueName` is NULL or a NUL-terminated UTF-16 string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ClusterRegDeleteValue(hKey: HKEY, lpszValueName: LPCWSTR) -> DWORD {
    status(|| {
        let h = from_c(hKey)?;
        // SAFETY: per the contract.
        let name = unsafe { strings::read(lpszValueName, "lpszValueName") }?.unwrap_or_default();
        on_handle(h, |s| s.cluster_reg_delete_value(h, &name))
    })
}

/// `ClusterRegQueryInfoKey`: counts and sizes of the key (every pointer may be NULL); the
/// last write time is 0.
///
/// # Safety
///
/// Every pointer is NULL or valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ClusterRegQueryInfoKey(
    hKey: HKEY,
    lpcSubKeys: LPDWORD,
    lpcchMaxSubKeyLen: LPDWORD,
    lpcValues: LPDWORD,
    lpcchMaxValueNameLen: LPDWORD,
    lpcbMaxValueLen: LPDWORD,
    lpcbSecurityDescriptor: LPDWORD,
    lpftLastWriteTime: PFILETIME,
) -> LONG {
    long(status(|| {
        let h = from_c(hKey)?;
        let mut i = on_handle(h, |s| s.cluster_reg_query_info_key(h))?;
        if wide::NATIVE {
            // The longest value as this build's caller reads it (text values take twice
            // the bytes in UTF-32). The name lengths are UTF-16 units: as long as the
            // UTF-32 ones, or longer (by one per character beyond U+FFFF).
            let mut longest = 0;
            for index in 0..i.values {
                let v = on_handle(h, |s| s.cluster_reg_enum_value(h, index))?;
                longest = longest.max(wide::value_to_caller(v.value_type, v.data).len());
            }
            i.max_value_len = DWORD::try_from(longest).unwrap_or(DWORD::MAX);
        }
        // SAFETY: each is NULL (skipped) or valid for a write, per the contract.
        unsafe {
            put(lpcSubKeys, i.subkeys);
            put(lpcchMaxSubKeyLen, i.max_subkey_len);
            put(lpcValues, i.values);
            put(lpcchMaxValueNameLen, i.max_value_name_len);
            put(lpcbMaxValueLen, i.max_value_len);
            put(lpcbSecurityDescriptor, i.security_descriptor_len);
            put(lpftLastWriteTime, FILETIME::default());
        }
        Ok(())
    }))
}

/// `ClusterRegGetKeySecurity`: the key's self-relative security descriptor (byte protocol;
/// `ERROR_INVALID_PARAMETER` for a NULL length).
///
/// # Safety
///
/// `lpcbSecurityDescriptor` is NULL or valid for reads and writes of a `DWORD`;
/// `pSecurityDescriptor` is NULL or holds `*lpcbSecurityDescriptor` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ClusterRegGetKeySecurity(
    hKey: HKEY,
    RequestedInformation: SECURITY_INFORMATION,
    pSecurityDescriptor: PSECURITY_DESCRIPTOR,
    lpcbSecurityDescriptor: LPDWORD,
) -> LONG {
    long(status(|| {
        let h = from_c(hKey)?;
        if lpcbSecurityDescriptor.is_null() {
            return Err(Error::InvalidParameter("lpcbSecurityDescriptor is NULL".into()));
        }
        let sd = on_handle(h, |s| s.cluster_reg_get_key_security(h, RequestedInformation))?;
        // SAFETY: per the contract.
        let written = unsafe { write_bytes(&sd, pSecurityDescriptor.cast(), lpcbSecurityDescriptor) };
        // The registry's answer for a descriptor that does not fit, as `RegGetKeySecurity`
        // gives it: 122, not the 234 of values; the required size is written back alike.
        written.map_err(|e| match e {
            Error::MoreData(m) => Error::InsufficientBuffer(m),
            e => e,
        })
    }))
}

/// The length of the self-relative descriptor at `p`, from its header and the parts its
/// offsets name; `ERROR_INVALID_PARAMETER` for a header that is not one.
///
/// # Safety
///
/// `p` is non-NULL and points to a self-relative security descriptor (as the contract of
/// `ClusterRegSetKeySecurity` says); only its header is read before it is checked.
unsafe fn descriptor_len(p: *const u8) -> Result<DWORD, Error> {
    // SAFETY: a descriptor has at least its 20-byte header.
    let header = unsafe { std::slice::from_raw_parts(p, 20) };
    let field = |at: usize| {
        header.get(at..at.saturating_add(4)).map_or(0, |b| {
            u32::from_le_bytes([
                b.first().copied().unwrap_or(0),
                b.get(1).copied().unwrap_or(0),
                b.get(2).copied().unwrap_or(0),
                b.get(3).copied().unwrap_or(0),
            ])
        })
    };
    let control = field(0) >> 16;
    if header.first() != Some(&1) || control & 0x8000 == 0 {
        return Err(Error::InvalidParameter("not a self-relative security descriptor".into()));
    }
    let mut end: DWORD = 20;
    for (at, is_sid) in [(4, true), (8, true), (12, false), (16, false)] {
        let offset = field(at);
        if offset == 0 {
            continue;
        }
        if !(20..MAX_DATA).contains(&offset) {
            return Err(Error::InvalidParameter("a security descriptor offset out of range".into()));
        }
        let len = if is_sid {
            // SAFETY: the offset is within the descriptor, which the contract says is valid.
            let count = unsafe { p.add(offset as usize).add(1).read() };
            8u32.saturating_add(4u32.saturating_mul(u32::from(count)))
        } else {
            // SAFETY: as above; an ACL's size is the u16 at its offset 2.
            let size =
                unsafe { [p.add(offset as usize).add(2).read(), p.add(offset as usize).add(3).read()] };
            u32::from(u16::from_le_bytes(size))
        };
        end = end.max(offset.saturating_add(len));
    }
    Ok(end)
}

/// `ClusterRegSetKeySecurity`: replaces the key's security descriptor, read from
/// `pSecurityDescriptor` (its length found from its header and offsets).
/// `ERROR_INVALID_PARAMETER` for NULL or a malformed descriptor.
///
/// # Safety
///
/// `pSecurityDescriptor` is NULL or a valid self-relative security descriptor.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ClusterRegSetKeySecurity(
    hKey: HKEY,
    SecurityInformation: SECURITY_INFORMATION,
    pSecurityDescriptor: PSECURITY_DESCRIPTOR,
) -> LONG {
    long(status(|| {
        let h = from_c(hKey)?;
        if pSecurityDescriptor.is_null() {
            return Err(Error::InvalidParameter("pSecurityDescriptor is NULL".into()));
        }
        let p: *const u8 = pSecurityDescriptor.cast_const().cast();
        // SAFETY: non-NULL; per the contract.
        let len = unsafe { descriptor_len(p) }?;
        // SAFETY: the descriptor spans `len` bytes, per its own offsets.
        let sd = unsafe { read_bytes(p, len, "pSecurityDescriptor") }?;
        on_handle(h, |s| s.cluster_reg_set_key_security(h, SecurityInformation, &sd))
    }))
}

// Not simulated yet: the registry batches, the ForceSync variants, `ClusterRegQueryAllValues`
// and `ClusterRegSyncDatabase`.
not_simulated! {
    /// registry batches are not simulated: use the ClusterReg* calls one by one
    fn ClusterRegCreateBatch -> ERROR_CALL_NOT_IMPLEMENTED;
    /// registry batches are not simulated
    fn ClusterRegBatchAddCommand -> ERROR_CALL_NOT_IMPLEMENTED;
    /// registry batches are not simulated
    fn ClusterRegCloseBatch -> ERROR_CALL_NOT_IMPLEMENTED;
    /// registry batches are not simulated
    fn ClusterRegCloseBatchEx -> ERROR_CALL_NOT_IMPLEMENTED;
    /// registry batches are not simulated
    fn ClusterRegBatchReadCommand -> ERROR_CALL_NOT_IMPLEMENTED;
    /// registry batches are not simulated
    fn ClusterRegBatchCloseNotification -> ERROR_CALL_NOT_IMPLEMENTED;
    /// registry batches are not simulated
    fn ClusterRegCreateBatchNotifyPort -> ERROR_CALL_NOT_IMPLEMENTED;
    /// registry batches are not simulated
    fn ClusterRegCloseBatchNotifyPort -> ERROR_CALL_NOT_IMPLEMENTED;
    /// registry batches are not simulated
    fn ClusterRegGetBatchNotification -> ERROR_CALL_NOT_IMPLEMENTED;
    /// registry batches are not simulated
    fn ClusterRegCreateReadBatch -> ERROR_CALL_NOT_IMPLEMENTED;
    /// registry batches are not simulated
    fn ClusterRegReadBatchAddCommand -> ERROR_CALL_NOT_IMPLEMENTED;
    /// registry batches are not simulated
    fn ClusterRegCloseReadBatch -> ERROR_CALL_NOT_IMPLEMENTED;
    /// registry batches are not simulated
    fn ClusterRegCloseReadBatchReply -> ERROR_CALL_NOT_IMPLEMENTED;
    /// registry batches are not simulated
    fn ClusterRegReadBatchReplyNextCommand -> ERROR_CALL_NOT_IMPLEMENTED;
    /// the ForceSync variants (Windows Server 2022+) are not simulated yet: the plain ClusterReg* calls are
    fn ClusterRegCreateKeyForceSync -> ERROR_CALL_NOT_IMPLEMENTED;
    /// as ClusterRegCreateKeyForceSync
    fn ClusterRegDeleteKeyForceSync -> ERROR_CALL_NOT_IMPLEMENTED;
    /// as ClusterRegCreateKeyForceSync
    fn ClusterRegDeleteValueForceSync -> ERROR_CALL_NOT_IMPLEMENTED;
    /// as ClusterRegCreateKeyForceSync
    fn ClusterRegSetValueForceSync -> ERROR_CALL_NOT_IMPLEMENTED;
    /// not simulated yet: enumerate with ClusterRegEnumValue
    fn ClusterRegQueryAllValues -> ERROR_CALL_NOT_IMPLEMENTED;
    /// there is one simulated copy of the cluster database: nothing to synchronise
    fn ClusterRegSyncDatabase -> ERROR_CALL_NOT_IMPLEMENTED;
}
