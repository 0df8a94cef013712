//! Notification V2 exports: `CreateClusterNotifyPortV2`, `RegisterClusterNotifyV2`,
//! `GetClusterNotifyV2`, `GetNotifyEventHandle`.

use std::ffi::c_void;

use clusapi_sim::{Error, HandleKind, NotifyFilter, NotifyObject};

use crate::ffi::{DWORD, HCHANGE, HCLUSTER, LPDWORD, LPWSTR, from_c, guard, put, status, to_c};
use crate::route::{on, on_handle, sim};
use crate::strings;
use crate::wide;

/// `NOTIFY_FILTER_AND_TYPE`: a `CLUSTER_OBJECT_TYPE` and its `CLUSTER_CHANGE_*_V2` flags.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct NOTIFY_FILTER_AND_TYPE {
    /// `CLUSTER_OBJECT_TYPE_*`.
    pub dwObjectType: DWORD,
    /// The flags.
    pub FilterFlags: i64,
}

impl From<NOTIFY_FILTER_AND_TYPE> for NotifyFilter {
    fn from(f: NOTIFY_FILTER_AND_TYPE) -> Self {
        // The flags are a bit set: the sign bit is one more flag, not a sign.
        NotifyFilter { object_type: f.dwObjectType, flags: u64::from_ne_bytes(f.FilterFlags.to_ne_bytes()) }
    }
}

/// `CreateClusterNotifyPortV2`: a port (new when `hChange` is `INVALID_HANDLE_VALUE`, else
/// that port) for the V2 events of the cluster matching any of the `dwFilterCount` filters.
/// NULL with the last error set on failure.
///
/// # Safety
///
/// `Filters` is NULL or points to `dwFilterCount` filters.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn CreateClusterNotifyPortV2(
    hChange: HCHANGE,
    hCluster: HCLUSTER,
    Filters: *mut NOTIFY_FILTER_AND_TYPE,
    dwFilterCount: DWORD,
    dwNotifyKey: usize,
) -> HCHANGE {
    guard(std::ptr::null_mut(), || {
        if Filters.is_null() || dwFilterCount == 0 || dwFilterCount > 1024 {
            return Err(Error::InvalidParameter(format!("{dwFilterCount} filters at {Filters:?}")));
        }
        // SAFETY: non-NULL and holding `dwFilterCount` filters per the contract.
        let filters: Vec<NotifyFilter> =
            unsafe { std::slice::from_raw_parts(Filters.cast_const(), dwFilterCount as usize) }
                .iter()
                .map(|f| NotifyFilter::from(*f))
                .collect();
        // INVALID_HANDLE_VALUE asks for a new port; anything else must be a live one.
        let port = if hChange as usize == usize::MAX { None } else { Some(from_c(hChange)?) };
        Ok(to_c(on(hCluster, |s| {
            s.create_cluster_notify_port_v2(port, from_c(hCluster)?, &filters, dwNotifyKey)
        })?))
    })
}

/// `RegisterClusterNotifyV2`: V2 events about the object behind `hObject` (a node, group,
/// resource, network or interface handle) matching `Filter`.
#[unsafe(no_mangle)]
pub extern "C" fn RegisterClusterNotifyV2(
    hChange: HCHANGE,
    Filter: NOTIFY_FILTER_AND_TYPE,
    hObject: *mut c_void,
    dwNotifyKey: usize,
) -> DWORD {
    status(|| {
        let port = from_c(hChange)?;
        let raw = hObject as usize;
        let object = match HandleKind::of_raw(raw) {
            Some(HandleKind::Node) => NotifyObject::Node(from_c(hObject)?),
            Some(HandleKind::Group) => NotifyObject::Group(from_c(hObject)?),
            Some(HandleKind::Resource) => NotifyObject::Resource(from_c(hObject)?),
            Some(HandleKind::Network) => NotifyObject::Network(from_c(hObject)?),
            Some(HandleKind::NetInterface) => NotifyObject::NetInterface(from_c(hObject)?),
            Some(HandleKind::Key) => NotifyObject::Key(from_c(hObject)?),
            _ => return Err(Error::InvalidHandle(format!("hObject {raw:#x} is no object handle"))),
        };
        on_handle(port, |s| s.register_cluster_notify_v2(port, Filter.into(), object, dwNotifyKey))
    })
}

/// Whether a string of `len` units fits the buffer `(buf, lpcch)` (an absent length
/// pointer: the caller does not want it).
///
/// # Safety
///
/// `lpcch` is NULL or valid for reads.
unsafe fn fits(len: usize, buf: LPWSTR, lpcch: LPDWORD) -> bool {
    // SAFETY: forwarded contract.
    lpcch.is_null() || (!buf.is_null() && (unsafe { lpcch.read() } as usize) > len)
}

/// `GetClusterNotifyV2`: the oldest V2 event, waiting up to `dwMilliseconds`: its key,
/// filter and type, payload (`buffer`, bytes) and the object's id, parent id, name and type
/// (each by the WCHAR buffer protocol; any NULL length pointer skips that output). If any
/// output is too small, every length says what it needs, the call answers
/// `ERROR_MORE_DATA`, and the event stays queued.
///
/// # Safety
///
/// Every pointer is NULL or valid for what it names (`buffer` for `*lpbBufferSize` bytes,
/// each string for its length's units).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn GetClusterNotifyV2(
    hChange: HCHANGE,
    lpdwNotifyKey: *mut usize,
    pFilterAndType: *mut NOTIFY_FILTER_AND_TYPE,
    buffer: *mut u8,
    lpbBufferSize: LPDWORD,
    lpszObjectId: LPWSTR,
    lpcchObjectId: LPDWORD,
    lpszParentId: LPWSTR,
    lpcchParentId: LPDWORD,
    lpszName: LPWSTR,
    lpcchName: LPDWORD,
    lpszType: LPWSTR,
    lpcchType: LPDWORD,
    dwMilliseconds: DWORD,
) -> DWORD {
    status(|| {
        let port = from_c(hChange)?;
        let s = sim(hChange)?;
        let mut e = s.peek_cluster_notify_v2(port, dwMilliseconds)?;
        let layout = e.payload_layout();
        let payload = wide::to_caller(layout, std::mem::take(&mut e.payload))?;
        let strings_out = [
            (&e.object_id, lpszObjectId, lpcchObjectId),
            (&e.parent_id, lpszParentId, lpcchParentId),
            (&e.name, lpszName, lpcchName),
            (&e.object_type_name, lpszType, lpcchType),
        ];
        let payload_fits = lpbBufferSize.is_null()
            // SAFETY: non-NULL, valid for reads per the contract.
            || (!buffer.is_null() && (unsafe { lpbBufferSize.read() } as usize) >= payload.len());
        // SAFETY: forwarded contract.
        let all_fit =
            payload_fits && strings_out.iter().all(|(v, b, n)| unsafe { fits(wide::unit_count(v), *b, *n) });
        if !all_fit {
            for (v, _, n) in &strings_out {
                if !n.is_null() {
                    // SAFETY: non-NULL, valid for writes.
                    unsafe { put(*n, DWORD::try_from(wide::unit_count(v)).unwrap_or(DWORD::MAX)) };
                }
            }
            if !lpbBufferSize.is_null() {
                // SAFETY: non-NULL, valid for writes.
                unsafe { put(lpbBufferSize, DWORD::try_from(payload.len()).unwrap_or(DWORD::MAX)) };
            }
            return Err(Error::MoreData("an output buffer of GetClusterNotifyV2 is too small".into()));
        }
        let e = s.get_cluster_notify_v2(port, 0)?;
        for (v, b, n) in [
            (&e.object_id, lpszObjectId, lpcchObjectId),
            (&e.parent_id, lpszParentId, lpcchParentId),
            (&e.name, lpszName, lpcchName),
            (&e.object_type_name, lpszType, lpcchType),
        ] {
            if !n.is_null() {
                // SAFETY: forwarded contract; it fits (checked above).
                unsafe { strings::write(v, b, n) }?;
            }
        }
        if !lpbBufferSize.is_null() {
            // SAFETY: `buffer` holds at least `payload.len()` bytes (checked above; the
            // event taken is the one peeked).
            unsafe {
                std::ptr::copy_nonoverlapping(payload.as_ptr(), buffer, payload.len());
                put(lpbBufferSize, DWORD::try_from(payload.len()).unwrap_or(DWORD::MAX));
            }
        }
        // SAFETY: NULL or valid for writes per the contract.
        unsafe {
            if !lpdwNotifyKey.is_null() {
                put(lpdwNotifyKey, e.key);
            }
            if !pFilterAndType.is_null() {
                let flags = i64::from_ne_bytes(e.filter.flags.to_ne_bytes());
                put(
                    pFilterAndType,
                    NOTIFY_FILTER_AND_TYPE { dwObjectType: e.filter.object_type, FilterFlags: flags },
                );
            }
        }
        Ok(())
    })
}

/// `GetNotifyEventHandle`: writes the port's wait handle (on Linux, the port's own handle
/// value: wait with `GetClusterNotifyV2`'s timeout) to `*lphTargetEvent`.
///
/// # Safety
///
/// `lphTargetEvent` is NULL or valid for a pointer write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn GetNotifyEventHandle(hChange: HCHANGE, lphTargetEvent: *mut *mut c_void) -> DWORD {
    status(|| {
        let port = from_c(hChange)?;
        if lphTargetEvent.is_null() {
            return Err(Error::InvalidParameter("lphTargetEvent is NULL".into()));
        }
        let h = on_handle(port, |s| s.get_notify_event_handle(port))?;
        // SAFETY: non-NULL and valid per the contract.
        unsafe { put(lphTargetEvent, h as *mut c_void) };
        Ok(())
    })
}
