//! The calls: the pipeline every ClusAPI call runs through, every family's declarations and
//! rules, the levers, inspection and the world's summary, the test's harness (faults,
//! triggers, the leak report) and the builder. It knows nothing of the C ABI.
//!
//! A module here may use this layer and the layers below it, never one above (ARCHITECTURE.md,
//! checked by `tests/suite/layers.rs`).

pub(crate) mod api;
pub(crate) mod builder;
pub(crate) mod call;
pub(crate) mod harness;
pub(crate) mod inspect;
pub(crate) mod levers;
pub(crate) mod summary;
