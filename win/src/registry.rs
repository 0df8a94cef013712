//! `RegistryCalls`: the `GetCluster*Key` calls and the `ClusterReg*` calls.
//!
//! The `ClusterReg*` calls return their status (a `LONG` or a `DWORD`); value data and
//! security descriptors come out by the byte protocol, names by the string protocol.

use clusapi_sim::codes::ERROR_INVALID_PARAMETER;
use clusapi_sim::{
    Error, HCluster, HGroup, HKey, HNetInterface, HNetwork, HNode, HResource, RegKeyInfo, RegValue,
    RegistryCalls, Result,
};
use windows_sys::Win32::Foundation::FILETIME;
use windows_sys::Win32::Networking::Clustering::{
    ClusterRegCloseKey, ClusterRegCreateKey, ClusterRegDeleteKey, ClusterRegDeleteValue, ClusterRegEnumKey,
    ClusterRegEnumValue, ClusterRegGetKeySecurity, ClusterRegOpenKey, ClusterRegQueryInfoKey,
    ClusterRegQueryValue, ClusterRegSetKeySecurity, ClusterRegSetValue, GetClusterGroupKey, GetClusterKey,
    GetClusterNetInterfaceKey, GetClusterNetworkKey, GetClusterNodeKey, GetClusterResourceKey,
    GetClusterResourceTypeKey,
};

use crate::WinClusterApi;
use crate::ffi::{self, Bytes, Text, hkey, raw, wide};
use crate::values;

/// The length of the self-relative security descriptor at the start of `sd`, from its
/// header and the parts its offsets name (the call reads exactly that much); `None` when
/// the header is not one, or a part lies beyond `sd`.
fn descriptor_len(sd: &[u8]) -> Option<usize> {
    let dword = |at: usize| sd.get(at..at + 4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
    const SE_SELF_RELATIVE: u32 = 0x8000;
    let control = dword(0)? >> 16;
    if sd.first() != Some(&1) || control & SE_SELF_RELATIVE == 0 {
        return None;
    }
    let mut end = 20usize;
    // Owner and group are SIDs (8 bytes and 4 per sub-authority); SACL and DACL are ACLs
    // (their size is the `WORD` at their offset 2).
    for (at, is_sid) in [(4, true), (8, true), (12, false), (16, false)] {
        let offset = dword(at)? as usize;
        if offset == 0 {
            continue;
        }
        if offset < 20 {
            return None;
        }
        let len = if is_sid {
            8 + 4 * usize::from(*sd.get(offset.checked_add(1)?)?)
        } else {
            let b = sd.get(offset.checked_add(2)?..offset.checked_add(4)?)?;
            usize::from(u16::from_le_bytes([b[0], b[1]]))
        };
        end = end.max(offset.checked_add(len)?);
    }
    (end <= sd.len()).then_some(end)
}

impl RegistryCalls for WinClusterApi {
    fn get_cluster_node_key(&self, hnode: HNode, sam: u32) -> Result<HKey> {
        // SAFETY: no pointer; the handle is passed as a value (see the crate's "Soundness").
        ffi::key("GetClusterNodeKey", unsafe { GetClusterNodeKey(raw(hnode), sam) })
    }

    fn get_cluster_group_key(&self, hgroup: HGroup, sam: u32) -> Result<HKey> {
        // SAFETY: as `get_cluster_node_key`.
        ffi::key("GetClusterGroupKey", unsafe { GetClusterGroupKey(raw(hgroup), sam) })
    }

    fn get_cluster_resource_key(&self, hresource: HResource, sam: u32) -> Result<HKey> {
        // SAFETY: as `get_cluster_node_key`.
        ffi::key("GetClusterResourceKey", unsafe { GetClusterResourceKey(raw(hresource), sam) })
    }

    fn get_cluster_network_key(&self, hnetwork: HNetwork, sam: u32) -> Result<HKey> {
        // SAFETY: as `get_cluster_node_key`.
        ffi::key("GetClusterNetworkKey", unsafe { GetClusterNetworkKey(raw(hnetwork), sam) })
    }

    fn get_cluster_net_interface_key(&self, hnet_interface: HNetInterface, sam: u32) -> Result<HKey> {
        // SAFETY: as `get_cluster_node_key`.
        ffi::key("GetClusterNetInterfaceKey", unsafe { GetClusterNetInterfaceKey(raw(hnet_interface), sam) })
    }

    fn get_cluster_key(&self, hcluster: HCluster, sam: u32) -> Result<HKey> {
        // SAFETY: as `get_cluster_node_key`.
        ffi::key("GetClusterKey", unsafe { GetClusterKey(raw(hcluster), sam) })
    }

    fn get_cluster_resource_type_key(&self, hcluster: HCluster, type_name: &str, sam: u32) -> Result<HKey> {
        const CALL: &str = "GetClusterResourceTypeKey";
        let name = wide(CALL, type_name)?;
        // SAFETY: a NUL-terminated name that outlives the call; the handle is passed as a
        // value.
        ffi::key(CALL, unsafe { GetClusterResourceTypeKey(raw(hcluster), name.ptr(), sam) })
    }

    fn cluster_reg_open_key(&self, hkey_: HKey, sub_key: &str, sam: u32) -> Result<HKey> {
        const CALL: &str = "ClusterRegOpenKey";
        let sub = wide(CALL, sub_key)?;
        let mut opened = std::ptr::null_mut();
        // SAFETY: a NUL-terminated name that outlives the call, and a valid `HKEY` for the
        // call to write; the key is passed as a value.
        ffi::long_status(CALL, unsafe { ClusterRegOpenKey(hkey(hkey_), sub.ptr(), sam, &mut opened) })?;
        ffi::key(CALL, opened)
    }

    fn cluster_reg_create_key(
        &self,
        hkey_: HKey,
        sub_key: &str,
        options: u32,
        sam: u32,
    ) -> Result<(HKey, u32)> {
        const CALL: &str = "ClusterRegCreateKey";
        let sub = wide(CALL, sub_key)?;
        let (mut created, mut disposition) = (std::ptr::null_mut(), 0);
        // SAFETY: a NUL-terminated name that outlives the call; no security attributes
        // (NULL); a valid `HKEY` and `DWORD` for the call to write; the key is passed as a
        // value.
        let code = unsafe {
            ClusterRegCreateKey(
                hkey(hkey_),
                sub.ptr(),
                options,
                sam,
                std::ptr::null(),
                &mut created,
                &mut disposition,
            )
        };
        ffi::long_status(CALL, code)?;
        Ok((ffi::key(CALL, created)?, disposition))
    }

    fn cluster_reg_delete_key(&self, hkey_: HKey, sub_key: &str) -> Result<()> {
        const CALL: &str = "ClusterRegDeleteKey";
        let sub = wide(CALL, sub_key)?;
        // SAFETY: a NUL-terminated name that outlives the call; the key is passed as a value.
        ffi::long_status(CALL, unsafe { ClusterRegDeleteKey(hkey(hkey_), sub.ptr()) })
    }

    fn cluster_reg_set_value(
        &self,
        hkey_: HKey,
        value_name: &str,
        value_type: u32,
        data: &[u8],
    ) -> Result<()> {
        const CALL: &str = "ClusterRegSetValue";
        let name = wide(CALL, value_name)?;
        let len = ffi::in_len(CALL, data)?;
        // SAFETY: a NUL-terminated name, and NULL with a size of 0 or `len` readable bytes,
        // that outlive the call; the key is passed as a value.
        let code = unsafe { ClusterRegSetValue(hkey(hkey_), name.ptr(), value_type, ffi::in_ptr(data), len) };
        ffi::status(CALL, code)
    }

    fn cluster_reg_delete_value(&self, hkey_: HKey, value_name: &str) -> Result<()> {
        const CALL: &str = "ClusterRegDeleteValue";
        let name = wide(CALL, value_name)?;
        // SAFETY: as `cluster_reg_delete_key`.
        ffi::status(CALL, unsafe { ClusterRegDeleteValue(hkey(hkey_), name.ptr()) })
    }

    fn cluster_reg_enum_key(&self, hkey_: HKey, index: u32) -> Result<String> {
        const CALL: &str = "ClusterRegEnumKey";
        ffi::string(CALL, self.text, |buf, len| {
            // SAFETY: `buf` holds `*len` characters (or is NULL), as `fill` armed them; no
            // last write time (NULL); the key is passed as a value.
            let code = unsafe { ClusterRegEnumKey(hkey(hkey_), index, buf, len, std::ptr::null_mut()) };
            u32::from_ne_bytes(code.to_ne_bytes())
        })
    }

    fn cluster_reg_enum_value(&self, hkey_: HKey, index: u32) -> Result<RegValue> {
        const CALL: &str = "ClusterRegEnumValue";
        let (mut name, mut data) = (Text::new(self.text), Bytes::new(self.bytes));
        let mut value_type = 0;
        ffi::fill(CALL, [&mut name, &mut data], |[n, d]| {
            // SAFETY: `n` and `d` are buffers of `*len` characters and bytes (or NULL) with
            // their length pointers, as `fill` armed them; `value_type` is a valid `DWORD`;
            // the key is passed as a value.
            unsafe {
                ClusterRegEnumValue(
                    hkey(hkey_),
                    index,
                    n.ptr.cast(),
                    n.len,
                    &mut value_type,
                    d.ptr.cast(),
                    d.len,
                )
            }
        })?;
        values::reg_value(name.string(), value_type, data.into_vec())
    }

    fn cluster_reg_query_value(&self, hkey_: HKey, value_name: &str) -> Result<RegValue> {
        const CALL: &str = "ClusterRegQueryValue";
        let name = wide(CALL, value_name)?;
        let mut value_type = 0;
        let data = ffi::bytes(CALL, self.bytes, |d| {
            // SAFETY: a NUL-terminated name that outlives the call; `d` is a buffer of
            // `*d.len` bytes (or NULL) with its length pointer, as `fill` armed them;
            // `value_type` is a valid `DWORD`; the key is passed as a value.
            let code = unsafe {
                ClusterRegQueryValue(hkey(hkey_), name.ptr(), &mut value_type, d.ptr.cast(), d.len)
            };
            u32::from_ne_bytes(code.to_ne_bytes())
        })?;
        values::reg_value(value_name.to_owned(), value_type, data)
    }

    fn cluster_reg_query_info_key(&self, hkey_: HKey) -> Result<RegKeyInfo> {
        let mut info = RegKeyInfo::default();
        let mut written = FILETIME { dwLowDateTime: 0, dwHighDateTime: 0 };
        // SAFETY: each pointer is to a valid `DWORD` (or the `FILETIME`) for the call to
        // write, though windows-sys declares them `*const`; the key is passed as a value.
        let code = unsafe {
            ClusterRegQueryInfoKey(
                hkey(hkey_),
                &raw mut info.subkeys,
                &raw mut info.max_subkey_len,
                &raw mut info.values,
                &raw mut info.max_value_name_len,
                &raw mut info.max_value_len,
                &raw mut info.security_descriptor_len,
                &raw mut written,
            )
        };
        ffi::long_status("ClusterRegQueryInfoKey", code)?;
        info.last_write_time = u64::from(written.dwHighDateTime) << 32 | u64::from(written.dwLowDateTime);
        Ok(info)
    }

    fn cluster_reg_get_key_security(&self, hkey_: HKey, security_information: u32) -> Result<Vec<u8>> {
        const CALL: &str = "ClusterRegGetKeySecurity";
        ffi::bytes(CALL, self.bytes, |d| {
            // SAFETY: `d` is a buffer of `*d.len` bytes (or NULL) with its length pointer, as
            // `fill` armed them; the key is passed as a value.
            let code = unsafe { ClusterRegGetKeySecurity(hkey(hkey_), security_information, d.ptr, d.len) };
            u32::from_ne_bytes(code.to_ne_bytes())
        })
    }

    fn cluster_reg_set_key_security(
        &self,
        hkey_: HKey,
        security_information: u32,
        descriptor: &[u8],
    ) -> Result<()> {
        const CALL: &str = "ClusterRegSetKeySecurity";
        // The call finds the descriptor's length in the descriptor: it must lie within the
        // slice, or the call would read past it.
        let len = descriptor_len(descriptor).ok_or_else(|| {
            Error::with_message(
                ERROR_INVALID_PARAMETER,
                format!(
                    "{CALL}: not a self-relative security descriptor that fits its {} bytes",
                    descriptor.len()
                ),
            )
        })?;
        // A copy with the alignment of the descriptor's DWORDs, byte for byte.
        let aligned: Vec<u32> = descriptor[..len]
            .chunks(4)
            .map(|chunk| {
                let mut word = [0; 4];
                word[..chunk.len()].copy_from_slice(chunk);
                u32::from_ne_bytes(word)
            })
            .collect();
        let mut aligned = aligned;
        // SAFETY: `aligned` holds a self-relative descriptor whose header and parts all lie
        // within its `len` bytes (checked above); the call only reads it; the key is passed
        // as a value.
        let code = unsafe {
            ClusterRegSetKeySecurity(hkey(hkey_), security_information, aligned.as_mut_ptr().cast())
        };
        ffi::long_status(CALL, code)
    }

    fn cluster_reg_close_key(&self, hkey_: HKey) -> Result<()> {
        // SAFETY: no pointer; the key is passed as a value.
        ffi::long_status("ClusterRegCloseKey", unsafe { ClusterRegCloseKey(hkey(hkey_)) })
    }
}
