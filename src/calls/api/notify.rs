//! The notification calls, version 1: `CreateClusterNotifyPort`, `RegisterClusterNotify`,
//! `GetClusterNotify`, `CloseClusterNotifyPort`. Ports, registrations and delivery are the
//! session's (`src/notify.rs`).

use slotmap::Key as _;

use crate::model::world::ClusterKey;
use crate::session::notify::{Notification, NotifyObject, Port, PortKey};
use crate::types::error::{Error, Result};
use crate::types::handle::{HChange, HCluster, HandleKind};

impl crate::calls::call::Cx<'_> {
    /// `CreateClusterNotifyPort` (and the version 1 part of `CreateClusterNotifyPortV2`):
    /// with `port` `None`, a new port; with a port, that one; either way a registration of
    /// `hcluster`'s cluster with `filter` and `key`. Returns the handle, the port and the
    /// cluster. Nothing fails after a new port exists, so a failed call leaves none behind.
    pub(crate) fn create_notify_port(
        &mut self,
        port: Option<HChange>,
        hcluster: HCluster,
        filter: u32,
        key: usize,
    ) -> Result<(HChange, PortKey, ClusterKey)> {
        let (call, at) = (self.call, self.at);
        let (_, ce) = self.resolve(hcluster)?;
        let cluster = self.cluster_of_entry(&ce)?;
        let (handle, port_key) = match port {
            Some(h) => (h, self.port(h, call, at)?),
            None => {
                let port_key = self.ports.insert(Port::default());
                let opened = self
                    .handles
                    .open_in_scope(ce.scope, HandleKind::Change, port_key.data(), ce.access, at)
                    .and_then(|raw| {
                        HChange::from_raw(raw).ok_or_else(|| Error::InternalError("NULL handle".into()))
                    });
                match opened {
                    Ok(h) => (h, port_key),
                    Err(e) => {
                        self.ports.remove(port_key);
                        return Err(e);
                    }
                }
            }
        };
        if let Some(p) = self.ports.get_mut(port_key) {
            p.clusters.push((cluster, filter, key));
        }
        Ok((handle, port_key, cluster))
    }

    /// Waits up to `timeout_ms` (`u32::MAX`, `INFINITE`: without limit; no busy-waiting)
    /// until `pick` finds something in the port: the version 1 and version 2 reads. The
    /// lock is released while waiting.
    pub(crate) fn wait_on_port<T>(
        &mut self,
        port: HChange,
        timeout_ms: u32,
        mut pick: impl FnMut(&mut Port) -> Option<T>,
    ) -> Result<T> {
        let (call, at) = (self.call, self.at);
        // INFINITE (and an instant past what the clock can represent) waits without a deadline.
        let deadline = (timeout_ms != u32::MAX)
            .then(|| {
                std::time::Instant::now().checked_add(std::time::Duration::from_millis(u64::from(timeout_ms)))
            })
            .flatten();
        loop {
            let key = self.port(port, call, at)?;
            if let Some(found) = self.ports.get_mut(key).and_then(&mut pick) {
                return Ok(found);
            }
            let remaining = match deadline {
                None => None,
                Some(d) => match d.checked_duration_since(std::time::Instant::now()) {
                    Some(r) if !r.is_zero() => Some(r),
                    _ => return Err(Error::WaitTimeout(format!("no notification in {timeout_ms} ms"))),
                },
            };
            self.wait(remaining);
        }
    }
}

crate::calls::call::calls! {
    /// Notifications (version 1): `CreateClusterNotifyPort`, `RegisterClusterNotify`,
    /// `GetClusterNotify`, `CloseClusterNotifyPort`.
    pub trait NotifyCalls;

    /// `CreateClusterNotifyPort`: with `port` `None`, a new port; with a port, adds to it.
    /// Either way, events of `hcluster`'s cluster matching `filter` (`CLUSTER_CHANGE_*`
    /// bits, see [`change`](crate::change)) are queued in the port with `key`.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad handle; `ERROR_NOT_ENOUGH_MEMORY` when the table is
    /// full.
    ///
    /// ```
    /// use clusapi_sim::{change, Simulator};
    ///
    /// let sim = Simulator::default();
    /// let c = sim.open_cluster(None)?;
    /// let port = sim.create_cluster_notify_port(None, c, change::GROUP_STATE, 7)?;
    /// let g = sim.open_cluster_group(c, "Available Storage")?;
    /// let n = sim.open_cluster_node(c, "NODE2")?;
    /// sim.move_cluster_group(g, Some(n))?; // an empty group: its owner changes
    /// let event = sim.get_cluster_notify(port, 0)?;
    /// assert_eq!((event.key, event.filter_type, event.name.as_str()), (7, change::GROUP_STATE, "Available Storage"));
    /// assert_eq!(sim.get_cluster_notify(port, 0).unwrap_err().code(), 258); // WAIT_TIMEOUT
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    "CreateClusterNotifyPort" [faults(NEW_HANDLE) quiet]
    fn create_cluster_notify_port(st, port: Option<HChange>, hcluster: HCluster, filter: u32, key: usize) -> HChange {
        st.create_notify_port(port, hcluster, filter, key).map(|(handle, _, _)| handle)
    }

    /// `CreateClusterNotifyPort` with `hCluster` = `INVALID_HANDLE_VALUE` (and `hChange` =
    /// `INVALID_HANDLE_VALUE`): a new port "not associated with a cluster" (Microsoft's
    /// page). It receives nothing until [`register_cluster_notify`](Self::register_cluster_notify)
    /// adds objects to it (of any cluster of this simulator); `filter` and `key` name no
    /// cluster's events, so they take no effect (the history keeps them). No cluster handle
    /// scopes it: closing one never invalidates the port, and a stopped cluster service
    /// does not refuse it. Not in the [`NotifyCalls`] trait (adding a method would break
    /// its implementations); the C ABI's `CreateClusterNotifyPort` routes here.
    ///
    /// # Errors
    ///
    /// `ERROR_NOT_ENOUGH_MEMORY` when the table is full.
    ///
    /// ```
    /// use clusapi_sim::{change, NotifyObject, Simulator};
    ///
    /// let sim = Simulator::default();
    /// let port = sim.create_cluster_notify_port_without_cluster(change::ALL, 0)?;
    /// assert_eq!(sim.get_cluster_notify(port, 0).unwrap_err().code(), 258); // nothing yet
    /// let c = sim.open_cluster(None)?;
    /// let g = sim.open_cluster_group(c, "Available Storage")?;
    /// sim.register_cluster_notify(port, change::GROUP_STATE, NotifyObject::Group(g), 9)?;
    /// let n = sim.open_cluster_node(c, "NODE2")?;
    /// sim.move_cluster_group(g, Some(n))?;
    /// assert_eq!(sim.get_cluster_notify(port, 0)?.key, 9);
    /// # sim.close_cluster_notify_port(port)?;
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    "CreateClusterNotifyPort" [faults(LOCAL + ERROR_NOT_ENOUGH_MEMORY) quiet notrait]
    fn create_cluster_notify_port_without_cluster(st, filter: u32, key: usize) -> HChange {
        let at = st.at;
        let port_key = st.ports.insert(Port::default());
        let opened = st
            .handles
            .open_detached(HandleKind::Change, port_key.data(), crate::types::access::Access::All, at)
            .and_then(|raw| HChange::from_raw(raw).ok_or_else(|| Error::InternalError("NULL handle".into())));
        if opened.is_err() {
            st.ports.remove(port_key);
        }
        opened
    }

    /// `RegisterClusterNotify`: events about one object (through its handle) matching
    /// `filter` are queued in the port with `key`; with `CLUSTER_CHANGE_HANDLE_CLOSE` in the
    /// filter, closing that handle queues a `HANDLE_CLOSE` event.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad port or object handle; the object's "not available"
    /// code if it was deleted.
    "RegisterClusterNotify" [faults(TRANSPORT) quiet]
    fn register_cluster_notify(st, port: HChange, filter: u32, object: NotifyObject, key: usize) -> () {
        let (call, at) = (st.call, st.at);
        let port_key = st.port(port, call, at)?;
        let (raw, obj) = match object {
            NotifyObject::Node(h) => st.registered(h, call, at)?,
            NotifyObject::Group(h) => st.registered(h, call, at)?,
            NotifyObject::Resource(h) => st.registered(h, call, at)?,
            NotifyObject::Network(h) => st.registered(h, call, at)?,
            NotifyObject::NetInterface(h) => st.registered(h, call, at)?,
            NotifyObject::Key(h) => {
                let (_, e) = st.resolve(h)?;
                let ok = st
                    .reg_keys
                    .get(crate::model::registry::RegHandleKey::from(e.object))
                    .cloned()
                    .ok_or_else(|| Error::InternalError(format!("{h:?} names no key")))?;
                if let Some(p) = st.ports.get_mut(port_key) {
                    p.keys.push((h.as_raw(), ok, filter, key));
                }
                return Ok(());
            }
        };
        if let Some(p) = st.ports.get_mut(port_key) {
            p.objects.push((raw, obj, filter, key));
        }
        Ok(())
    }

    /// `GetClusterNotify`: takes the oldest event from the port, waiting up to
    /// `timeout_ms` milliseconds for one (`u32::MAX`, `INFINITE`: without limit) without
    /// busy-waiting.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad port (also when it is closed while waiting);
    /// `WAIT_TIMEOUT` (258) when nothing arrives in time.
    "GetClusterNotify" [faults(LOCAL + WAIT_TIMEOUT) quiet]
    fn get_cluster_notify(st, port: HChange, timeout_ms: u32) -> Notification {
        st.wait_on_port(port, timeout_ms, |p| p.queue.pop_front())
    }

    /// As [`get_cluster_notify`](Self::get_cluster_notify), but leaves the event in the port
    /// (the C ABI uses it so that a too-small buffer does not consume the event).
    ///
    /// # Errors
    ///
    /// As `get_cluster_notify`.
    "GetClusterNotify" [faults(LOCAL + WAIT_TIMEOUT) quiet notrait]
    fn peek_cluster_notify(st, port: HChange, timeout_ms: u32) -> Notification {
        st.wait_on_port(port, timeout_ms, |p| p.queue.front().cloned())
    }

    /// `CloseClusterNotifyPort`: closes the port (its queued events go with it) and wakes
    /// any thread waiting on it.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a value that is not an open port.
    "CloseClusterNotifyPort" [nofault]
    fn close_cluster_notify_port(st, port: HChange) -> () {
        st.close_handle(port)
    }
}
