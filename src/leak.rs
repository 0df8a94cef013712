//! The leak report: the handles still open, and where each was opened.

use std::fmt;
use std::panic::Location;

use crate::handle::HandleKind;

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
    /// The call site that opened it (`#[track_caller]`).
    pub opened_at: &'static Location<'static>,
}

impl OpenHandle {
    pub(crate) fn new(
        kind: HandleKind,
        raw: usize,
        object: String,
        opened_at: &'static Location<'static>,
    ) -> Self {
        Self { kind, raw, object, opened_at }
    }
}

impl fmt::Display for OpenHandle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {:#x} \"{}\" opened at {}", self.kind, self.raw, self.object, self.opened_at)
    }
}
