//! `NotifyCalls`: `CreateClusterNotifyPort`, `RegisterClusterNotify`, `GetClusterNotify`,
//! `CloseClusterNotifyPort`; and the simulator's `peek_cluster_notify`, which has no Win32
//! function.

use std::ffi::c_void;

use clusapi_sim::codes::ERROR_INVALID_HANDLE;
use clusapi_sim::{Error, HChange, HCluster, Notification, NotifyCalls, NotifyObject, Result};
use windows_sys::Win32::Networking::Clustering::{
    CloseClusterNotifyPort, CreateClusterNotifyPort, GetClusterNotify, RegisterClusterNotify,
};

use crate::WinClusterApi;
use crate::ffi::{self, raw};
use crate::values;

/// `INVALID_HANDLE_VALUE`: what `CreateClusterNotifyPort(V2)` takes to make a new port.
pub(crate) const INVALID_HANDLE_VALUE: isize = -1;

/// The port to add to, or `INVALID_HANDLE_VALUE` for a new one.
pub(crate) fn port_or_new(port: Option<HChange>) -> isize {
    port.map_or(INVALID_HANDLE_VALUE, raw)
}

/// The handle behind a `NotifyObject`, as the `HANDLE` the registrations take (a key is
/// an `HKEY`, taken back with its exposed provenance; see `ffi::hkey`).
pub(crate) fn object_handle(call: &'static str, object: NotifyObject) -> Result<*mut c_void> {
    let raw = match object {
        NotifyObject::Node(h) => h.as_raw(),
        NotifyObject::Group(h) => h.as_raw(),
        NotifyObject::Resource(h) => h.as_raw(),
        NotifyObject::Network(h) => h.as_raw(),
        NotifyObject::NetInterface(h) => h.as_raw(),
        NotifyObject::Key(h) => return Ok(ffi::hkey(h)),
        other => {
            return Err(Error::with_message(
                ERROR_INVALID_HANDLE,
                format!("{call}: {other:?} is an object this crate cannot pass"),
            ));
        }
    };
    Ok(std::ptr::with_exposed_provenance_mut(raw))
}

impl NotifyCalls for WinClusterApi {
    fn create_cluster_notify_port(
        &self,
        port: Option<HChange>,
        hcluster: HCluster,
        filter: u32,
        key: usize,
    ) -> Result<HChange> {
        // SAFETY: no pointer; the handles are passed as values (see the crate's
        // "Soundness"), the port as `INVALID_HANDLE_VALUE` for a new one.
        let h = unsafe { CreateClusterNotifyPort(port_or_new(port), raw(hcluster), filter, key) };
        ffi::handle("CreateClusterNotifyPort", h)
    }

    fn register_cluster_notify(
        &self,
        port: HChange,
        filter: u32,
        object: NotifyObject,
        key: usize,
    ) -> Result<()> {
        const CALL: &str = "RegisterClusterNotify";
        let object = object_handle(CALL, object)?;
        // SAFETY: no pointer the call writes through; the handles are passed as values.
        ffi::status(CALL, unsafe { RegisterClusterNotify(raw(port), filter, object, key) })
    }

    fn get_cluster_notify(&self, port: HChange, timeout_ms: u32) -> Result<Notification> {
        let (mut key, mut filter_type) = (0usize, 0u32);
        let name = ffi::string("GetClusterNotify", self.text, |buf, len| {
            // SAFETY: valid `usize` and `DWORD` for the key and the filter; `buf` holds
            // `*len` characters (or is NULL), as `fill` armed them; a too-small buffer leaves
            // the event queued, so the next call gets the same one; the port is passed as a
            // value.
            unsafe { GetClusterNotify(raw(port), &mut key, &mut filter_type, buf, len, timeout_ms) }
        })?;
        values::notification(key, filter_type, name)
    }

    fn close_cluster_notify_port(&self, port: HChange) -> Result<()> {
        // SAFETY: no pointer; the port is passed as a value.
        ffi::boolean("CloseClusterNotifyPort", unsafe { CloseClusterNotifyPort(raw(port)) })
    }
}
