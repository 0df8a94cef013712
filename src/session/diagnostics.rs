//! Diagnostics: uses of handles that the real API leaves undefined, recorded for the test
//! to read.

use std::fmt;
use std::panic::Location;

use crate::types::handle::HandleKind;

/// How many diagnostics a simulator keeps unless the builder says otherwise.
pub(crate) const DEFAULT_MAX_DIAGNOSTICS: usize = 10_000;

/// What a [`Diagnostic`] reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DiagnosticKind {
    /// A handle was used after the cluster handle it was opened through had been closed.
    /// The documentation of `CloseCluster` says such handles are invalid; real servers
    /// keep them working. Allowed by default, refused in strict mode.
    UsedAfterClusterClosed,
    /// A handle was closed after the cluster handle it was opened through. Always allowed
    /// (so the handle never lingers), but the documented order is the reverse.
    ClosedAfterClusterClosed,
}

/// One recorded diagnostic: the call, the handle, and where in the caller's code it
/// happened.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Diagnostic {
    /// What happened.
    pub kind: DiagnosticKind,
    /// The simulator method that was called, such as `"get_cluster_from_network"`.
    pub call: &'static str,
    /// The kind of the handle passed.
    pub handle_kind: HandleKind,
    /// The raw value of the handle passed.
    pub handle: usize,
    /// The name of the object the handle refers to.
    pub object: String,
    /// The raw value of the closed cluster handle the handle was opened through.
    pub cluster_handle: usize,
    /// Whether the call was refused (strict mode) or went ahead.
    pub refused: bool,
    /// Where the call was made (`#[track_caller]`).
    pub location: &'static Location<'static>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            DiagnosticKind::UsedAfterClusterClosed => "used",
            DiagnosticKind::ClosedAfterClusterClosed => "closed",
        };
        let outcome = if self.refused { "refused with ERROR_INVALID_HANDLE" } else { "allowed" };
        write!(
            f,
            "{}: {}({} {:#x} \"{}\"): handle {what} after the cluster handle {:#x} it was opened through was closed ({outcome})",
            self.location, self.call, self.handle_kind, self.handle, self.object, self.cluster_handle
        )
    }
}

/// The recorded diagnostics, bounded.
#[derive(Debug)]
pub(crate) struct Diagnostics {
    kept: Vec<Diagnostic>,
    max: usize,
    dropped: u64,
}

impl Diagnostics {
    pub(crate) fn new(max: usize) -> Self {
        Self { kept: Vec::new(), max, dropped: 0 }
    }

    pub(crate) fn push(&mut self, d: Diagnostic) {
        if self.kept.len() < self.max {
            self.kept.push(d);
        } else {
            self.dropped = self.dropped.saturating_add(1);
        }
    }

    pub(crate) fn to_vec(&self) -> Vec<Diagnostic> {
        self.kept.clone()
    }

    pub(crate) fn clear(&mut self) {
        self.kept.clear();
        self.dropped = 0;
    }

    /// How many diagnostics were not kept because the cap was reached.
    pub(crate) fn dropped(&self) -> u64 {
        self.dropped
    }
}
