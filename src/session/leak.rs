//! The leak report: the handles still open, and where each was opened.

use std::fmt;
use std::panic::Location;

use crate::types::handle::HandleKind;

/// A live handle, as [`Simulator::open_handles`](crate::Simulator::open_handles) lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct OpenHandle {
    /// The kind of handle.
    pub kind: HandleKind,
    /// Its raw value.
    pub raw: usize,
    /// The name of the object it refers to (`"<deleted>"` if the object is gone).
    pub object: String,
    /// The call site that opened it (`#[track_caller]`): for a handle opened through the C
    /// ABI, the line of the binding; [`caller`](Self::caller) then names the C caller.
    pub opened_at: &'static Location<'static>,
    /// For a handle opened through a foreign binding (the C ABI): its caller, as
    /// `function at file:line:column` when stack capture is on (`CLUSAPI_SIM_C_CALLERS=1`
    /// or `ClusSimCaptureCallers(TRUE)`), else how to switch it on. `None` for Rust callers.
    pub caller: Option<String>,
}

impl OpenHandle {
    pub(crate) fn new(
        kind: HandleKind,
        raw: usize,
        object: String,
        opened_at: &'static Location<'static>,
    ) -> Self {
        Self { kind, raw, object, opened_at, caller: None }
    }
}

impl fmt::Display for OpenHandle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.caller {
            Some(caller) => write!(f, "{} {:#x} \"{}\" opened by {caller}", self.kind, self.raw, self.object),
            None => {
                write!(f, "{} {:#x} \"{}\" opened at {}", self.kind, self.raw, self.object, self.opened_at)
            }
        }
    }
}
