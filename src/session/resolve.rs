//! Handle resolution: the live entry behind a handle value, after the service and scope
//! rules (strict mode, diagnostics), and the name of the object an entry names.

use std::panic::Location;

use slotmap::{Key as _, KeyData};

use crate::model::world::{ClusterKey, GroupKey, NetInterfaceKey, NetworkKey, NodeKey, ResourceKey};
use crate::session::diagnostics::{Diagnostic, DiagnosticKind};
use crate::session::handle_table::{Entry, EntryKey};
use crate::session::simulator::{SnapshotKey, State};
use crate::types::error::{Error, Result};
use crate::types::handle::{Handle, HandleKind};

impl State {
    /// The live entry behind a handle, after the scope rules: a handle whose cluster handle
    /// was closed is recorded as a diagnostic, and refused in strict mode.
    #[inline]
    pub(crate) fn resolve<H: Handle>(
        &mut self,
        handle: H,
        call: &'static str,
        at: &'static Location<'static>,
    ) -> Result<(EntryKey, Entry)> {
        let raw = handle.as_raw();
        let (key, entry) = self.handles.get(raw, H::KIND).map_err(|r| r.into_error(raw, H::KIND))?;
        self.check_scope(raw, H::KIND, entry, call, DiagnosticKind::UsedAfterClusterClosed, at)?;
        if !self.stopped.is_empty() {
            self.check_service(raw, H::KIND, &entry)?;
        }
        Ok((key, entry))
    }

    /// Refuses calls to a cluster whose service is stopped.
    #[cold]
    fn check_service(&self, raw: usize, kind: HandleKind, entry: &Entry) -> Result<()> {
        if self.handles.scope(entry.scope).is_some_and(|s| s.connection.is_null()) {
            // A port created without a cluster: no cluster service behind it.
            return Ok(());
        }
        let cluster = self.cluster_of_entry(entry)?;
        if self.stopped.contains(&cluster) {
            let name = self.world.clusters.get(cluster).map_or("?", |c| c.name.as_str());
            return Err(Error::RpcServerUnavailable(format!(
                "the cluster service of \"{name}\" is stopped ({kind} {raw:#x} stays valid)"
            )));
        }
        Ok(())
    }

    /// Records (and in strict mode refuses) a handle whose cluster handle was closed.
    #[inline]
    pub(crate) fn check_scope(
        &mut self,
        raw: usize,
        kind: HandleKind,
        entry: Entry,
        call: &'static str,
        what: DiagnosticKind,
        at: &'static Location<'static>,
    ) -> Result<()> {
        match self.handles.scope(entry.scope) {
            Some(scope) if scope.cluster_handle_open => Ok(()),
            _ => self.orphan(raw, kind, entry, call, what, at),
        }
    }

    /// The slow path of `check_scope`: the cluster handle is closed (or, never expected,
    /// the scope is missing).
    #[cold]
    #[inline(never)]
    fn orphan(
        &mut self,
        raw: usize,
        kind: HandleKind,
        entry: Entry,
        call: &'static str,
        what: DiagnosticKind,
        at: &'static Location<'static>,
    ) -> Result<()> {
        let Some(scope) = self.handles.scope(entry.scope) else {
            return Err(Error::InternalError(format!("{kind} {raw:#x} has no scope")));
        };
        let cluster_handle = scope.cluster_handle;
        let refused = self.strict && what == DiagnosticKind::UsedAfterClusterClosed;
        let object = self.object_name(kind, entry.object);
        self.diagnostics.push(Diagnostic {
            kind: what,
            call,
            handle_kind: kind,
            handle: raw,
            object: object.clone(),
            cluster_handle,
            refused,
            location: at,
        });
        if refused {
            return Err(Error::InvalidHandle(format!(
                "{kind} {raw:#x} (\"{object}\") was opened through HCluster {cluster_handle:#x}, \
                 which is closed (strict mode)"
            )));
        }
        Ok(())
    }

    /// A readable name for what an entry refers to.
    pub(crate) fn object_name(&self, kind: HandleKind, object: KeyData) -> String {
        let w = &self.world;
        let name = match kind {
            HandleKind::Cluster => w.clusters.get(ClusterKey::from(object)).map(|c| c.name.as_str()),
            HandleKind::Node => w.nodes.get(NodeKey::from(object)).map(|o| o.name.as_str()),
            HandleKind::Group => w.groups.get(GroupKey::from(object)).map(|o| o.name.as_str()),
            HandleKind::Resource => w.resources.get(ResourceKey::from(object)).map(|o| o.name.as_str()),
            HandleKind::Network => w.networks.get(NetworkKey::from(object)).map(|o| o.name.as_str()),
            HandleKind::NetInterface => {
                w.net_interfaces.get(NetInterfaceKey::from(object)).map(|o| o.name.as_str())
            }
            HandleKind::Change => return "notification port".to_owned(),
            HandleKind::Key => {
                return match self.reg_keys.get(crate::model::registry::RegHandleKey::from(object)) {
                    Some(k) => format!("registry key \"{}\"", k.path.join("\\")),
                    None => "registry key".to_owned(),
                };
            }
            HandleKind::ClusEnum
            | HandleKind::NetworkEnum
            | HandleKind::NodeEnum
            | HandleKind::GroupEnum
            | HandleKind::ResEnum
            | HandleKind::ResTypeEnum
            | HandleKind::ClusEnumEx
            | HandleKind::GroupEnumEx
            | HandleKind::ResEnumEx => {
                return match self.snapshots.get(SnapshotKey::from(object)) {
                    Some(items) => format!("enumeration of {} item(s)", items.len()),
                    None => "enumeration".to_owned(),
                };
            }
        };
        name.map_or_else(|| "<deleted>".to_owned(), str::to_owned)
    }
}
