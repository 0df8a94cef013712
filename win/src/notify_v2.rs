//! `NotifyV2Calls`: `CreateClusterNotifyPortV2`, `RegisterClusterNotifyV2`,
//! `GetClusterNotifyV2`, `GetNotifyEventHandle`; and the simulator's
//! `peek_cluster_notify_v2`, which has no Win32 function.

use clusapi_sim::{HChange, HCluster, NotificationV2, NotifyFilter, NotifyObject, NotifyV2Calls, Result};
use windows_sys::Win32::Networking::Clustering::{
    CreateClusterNotifyPortV2, GetClusterNotifyV2, GetNotifyEventHandle, NOTIFY_FILTER_AND_TYPE,
    RegisterClusterNotifyV2,
};

use crate::WinClusterApi;
use crate::ffi::{self, Bytes, Text, raw};
use crate::notify::{object_handle, port_or_new};
use crate::values::{self, V2Parts};

/// A filter as `NOTIFY_FILTER_AND_TYPE`: the flags are a bit set, the sign bit one more
/// flag.
fn c_filter(f: NotifyFilter) -> NOTIFY_FILTER_AND_TYPE {
    NOTIFY_FILTER_AND_TYPE {
        dwObjectType: f.object_type,
        FilterFlags: i64::from_ne_bytes(f.flags.to_ne_bytes()),
    }
}

impl NotifyV2Calls for WinClusterApi {
    fn create_cluster_notify_port_v2(
        &self,
        port: Option<HChange>,
        hcluster: HCluster,
        filters: &[NotifyFilter],
        key: usize,
    ) -> Result<HChange> {
        const CALL: &str = "CreateClusterNotifyPortV2";
        let list: Vec<NOTIFY_FILTER_AND_TYPE> = filters.iter().map(|&f| c_filter(f)).collect();
        let count = ffi::count_of(CALL, list.len())?;
        let at = if list.is_empty() { std::ptr::null() } else { list.as_ptr() };
        // SAFETY: `at` is NULL with a count of 0, or `count` filters that outlive the call,
        // which only reads them; the handles are passed as values (see the crate's
        // "Soundness"), the port as `INVALID_HANDLE_VALUE` for a new one.
        let h = unsafe { CreateClusterNotifyPortV2(port_or_new(port), raw(hcluster), at, count, key) };
        ffi::handle(CALL, h)
    }

    fn register_cluster_notify_v2(
        &self,
        port: HChange,
        filter: NotifyFilter,
        object: NotifyObject,
        key: usize,
    ) -> Result<()> {
        const CALL: &str = "RegisterClusterNotifyV2";
        let object = object_handle(CALL, object)?;
        // SAFETY: the filter is passed by value; no pointer the call writes through; the
        // handles are passed as values.
        ffi::status(CALL, unsafe { RegisterClusterNotifyV2(raw(port), c_filter(filter), object, key) })
    }

    fn get_cluster_notify_v2(&self, port: HChange, timeout_ms: u32) -> Result<NotificationV2> {
        const CALL: &str = "GetClusterNotifyV2";
        let mut payload = Bytes::new(self.bytes);
        let (mut id, mut parent, mut name, mut kind) =
            (Text::new(self.text), Text::new(self.text), Text::new(self.text), Text::new(self.text));
        let mut key = 0usize;
        let mut filter = NOTIFY_FILTER_AND_TYPE { dwObjectType: 0, FilterFlags: 0 };
        ffi::fill(CALL, [&mut payload, &mut id, &mut parent, &mut name, &mut kind], |[b, i, p, n, t]| {
            // SAFETY: valid `usize` and `NOTIFY_FILTER_AND_TYPE` for the key and the filter;
            // each buffer holds what its length pointer says (or is NULL), as `fill` armed
            // them; a too-small buffer leaves the event queued, so the next call gets the
            // same one; the port is passed as a value.
            unsafe {
                GetClusterNotifyV2(
                    raw(port),
                    &mut key,
                    &mut filter,
                    b.ptr.cast(),
                    b.len,
                    i.ptr.cast(),
                    i.len,
                    p.ptr.cast(),
                    p.len,
                    n.ptr.cast(),
                    n.len,
                    t.ptr.cast(),
                    t.len,
                    timeout_ms,
                )
            }
        })?;
        values::notification_v2(V2Parts {
            key,
            filter: NotifyFilter {
                object_type: filter.dwObjectType,
                flags: u64::from_ne_bytes(filter.FilterFlags.to_ne_bytes()),
            },
            payload: payload.into_vec(),
            object_id: id.string(),
            parent_id: parent.string(),
            name: name.string(),
            object_type_name: kind.string(),
        })
    }

    fn get_notify_event_handle(&self, port: HChange) -> Result<usize> {
        const CALL: &str = "GetNotifyEventHandle";
        let mut event = std::ptr::null_mut();
        // SAFETY: a valid `HANDLE` for the call to write; the port is passed as a value.
        ffi::status(CALL, unsafe { GetNotifyEventHandle(raw(port), &mut event) })?;
        Ok(event.expose_provenance())
    }
}
