//! The model: what clusters contain (the world and its topology), the property catalog and values,
//! the registry's key trees, and the journal of typed changes the world's maps record. It knows
//! nothing of handles, ports, faults, history or calls.
//!
//! A module here may use this layer and the layers below it, never one above (ARCHITECTURE.md,
//! checked by `tests/suite/layers.rs`).

pub(crate) mod control;
pub(crate) mod journal;
pub(crate) mod registry;
pub(crate) mod world;
