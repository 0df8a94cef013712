//! The notification calls, version 2: `CreateClusterNotifyPortV2`, `RegisterClusterNotifyV2`,
//! `GetClusterNotifyV2`, `GetNotifyEventHandle`. Delivery is the session's
//! (`src/notify_v2.rs`).

use crate::session::notify::NotifyObject;
use crate::session::notify_v2::{NotificationV2, NotifyFilter, object_type, raised_flags};
#[cfg(doc)] // the docs of the calls name it
use crate::session::simulator::Simulator;
use crate::types::error::{Error, Result};
use crate::types::handle::{HChange, HCluster};

crate::calls::call::calls! {
    /// Notifications version 2: `CreateClusterNotifyPortV2`, `RegisterClusterNotifyV2`,
    /// `GetClusterNotifyV2`, `GetNotifyEventHandle`.
    pub trait NotifyV2Calls;

    /// `CreateClusterNotifyPortV2`: a port (new, or `port` to add to) that receives the V2
    /// events of `hcluster` matching any of `filters`, with `key`.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad cluster or port handle; `ERROR_INVALID_PARAMETER`
    /// for no filter, an unknown object type, or a flag the simulator never raises (a
    /// type's `*_ALL` mask, exactly, is accepted: see [`change_v2`](crate::change_v2)).
    "CreateClusterNotifyPortV2" [faults(NEW_HANDLE) quiet]
    fn create_cluster_notify_port_v2(
        st,
        port: Option<HChange>,
        hcluster: HCluster,
        filters: &[NotifyFilter],
        key: usize,
    ) -> HChange {
        check_filters(filters)?;
        // A port with no v1 filter: v1 events never reach it.
        let (handle, port_key, cluster) = st.create_notify_port(port, hcluster, 0, key)?;
        if let Some(p) = st.ports.get_mut(port_key) {
            p.v2.clusters.push((cluster, filters.to_vec(), key));
        }
        Ok(handle)
    }

    /// `RegisterClusterNotifyV2`: V2 events about one object (through its handle) matching
    /// `filter` are queued in the port with `key`.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad port or object handle; `ERROR_INVALID_PARAMETER` for
    /// an unknown object type, one that is not the object's (a resource's handle may also
    /// take `CLUSTER_OBJECT_TYPE_SHARED_VOLUME`: the events of its Cluster Shared Volume),
    /// or a flag the simulator never raises (as for
    /// [`Simulator::create_cluster_notify_port_v2`]).
    "RegisterClusterNotifyV2" [faults(TRANSPORT) quiet]
    fn register_cluster_notify_v2(st, port: HChange, filter: NotifyFilter, object: NotifyObject, key: usize) -> () {
        check_filters(&[filter])?;
        let (call, at) = (st.call, st.at);
        let port_key = st.port(port, call, at)?;
        let (registered, ty) = match object {
            NotifyObject::Node(h) => (st.registered(h, call, at)?, object_type::NODE),
            NotifyObject::Group(h) => (st.registered(h, call, at)?, object_type::GROUP),
            NotifyObject::Resource(h) => (st.registered(h, call, at)?, object_type::RESOURCE),
            NotifyObject::Network(h) => (st.registered(h, call, at)?, object_type::NETWORK),
            NotifyObject::NetInterface(h) => (st.registered(h, call, at)?, object_type::NETWORK_INTERFACE),
            _ => {
                return Err(Error::InvalidParameter(format!("{call}: {object:?} is not an object V2 watches")));
            }
        };
        // A disk resource's handle also watches its Cluster Shared Volume (ours: the CSV
        // events are about the disk; no handle names a CSV).
        let csv = ty == object_type::RESOURCE && filter.object_type == object_type::SHARED_VOLUME;
        if filter.object_type != ty && !csv {
            return Err(Error::InvalidParameter(format!(
                "{call}: filter object type {} is not the handle's ({ty})",
                filter.object_type
            )));
        }
        if let Some(p) = st.ports.get_mut(port_key) {
            p.v2.objects.push((registered.0, registered.1, filter, key));
        }
        Ok(())
    }

    /// `GetClusterNotifyV2`: takes the oldest V2 event from the port, waiting up to
    /// `timeout_ms` (`u32::MAX`: without limit).
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad port; `WAIT_TIMEOUT` when nothing arrives.
    "GetClusterNotifyV2" [faults(LOCAL + WAIT_TIMEOUT) quiet]
    fn get_cluster_notify_v2(st, port: HChange, timeout_ms: u32) -> NotificationV2 {
        st.wait_on_port(port, timeout_ms, |p| p.v2.queue.pop_front())
    }

    /// As [`Simulator::get_cluster_notify_v2`], leaving the event queued (the C layer reads
    /// the sizes first, then takes it).
    ///
    /// # Errors
    ///
    /// As [`Simulator::get_cluster_notify_v2`].
    "GetClusterNotifyV2" [faults(LOCAL + WAIT_TIMEOUT) quiet notrait]
    fn peek_cluster_notify_v2(st, port: HChange, timeout_ms: u32) -> NotificationV2 {
        st.wait_on_port(port, timeout_ms, |p| p.v2.queue.front().cloned())
    }

    /// `GetNotifyEventHandle`: the handle a Windows client waits on for the port. There
    /// are no Win32 events on Linux: the value is the port's own handle value (stable,
    /// non-zero), and waiting is done with the timeout of
    /// [`Simulator::get_cluster_notify_v2`] **(ours)**.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad port.
    "GetNotifyEventHandle" [nofault quiet]
    fn get_notify_event_handle(st, port: HChange) -> usize {
        let (call, at) = (st.call, st.at);
        st.port(port, call, at)?;
        Ok(crate::types::handle::Handle::as_raw(port))
    }
}

/// At least one filter; in each, a known object type and only flags the simulator raises
/// for it, or exactly the type's `*_ALL_V2` mask (which then means every flag of the type
/// the simulator raises). See `notify_v2`'s module docs for the flags raised and refused.
fn check_filters(filters: &[NotifyFilter]) -> Result<()> {
    if filters.is_empty() {
        return Err(Error::InvalidParameter("no notification filter".into()));
    }
    for f in filters {
        let Some((raised, all)) = raised_flags(f.object_type) else {
            return Err(Error::InvalidParameter(format!(
                "unknown object type {} in a V2 filter",
                f.object_type
            )));
        };
        let refused = f.flags & !raised;
        if f.flags != all && refused != 0 {
            return Err(Error::InvalidParameter(format!(
                "V2 filter flags {refused:#x} of object type {} are unknown or never raised by the simulator",
                f.object_type
            )));
        }
    }
    Ok(())
}
