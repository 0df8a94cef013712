//! The session: everything behind a simulator's lock besides the world (the handle table,
//! handle resolution, ports and delivery, the fault plan, triggers, history, diagnostics,
//! leak reports, the clock of timed transitions), the lock itself and its publish path. It knows nothing of the declared
//! calls and their rules: the fault and trigger plans are handed `calls()` from above.
//!
//! A module here may use this layer and the layers below it, never one above (ARCHITECTURE.md,
//! checked by `tests/suite/layers.rs`).

pub(crate) mod caller;
pub(crate) mod clock;
pub(crate) mod diagnostics;
pub(crate) mod fault;
pub(crate) mod handle_table;
pub(crate) mod history;
pub(crate) mod leak;
pub(crate) mod lock;
pub(crate) mod notify;
pub(crate) mod notify_v2;
pub(crate) mod resolve;
pub(crate) mod simulator;
pub(crate) mod trigger;
