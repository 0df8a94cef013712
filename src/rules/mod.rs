//! The rules: the operations on the model that ClusAPI calls and levers perform (online,
//! offline, move, create, delete, pause and drain, failover, renames, quorum, the answers to
//! control codes), each checking first and changing after, through the world's tracked maps
//! so that every change is recorded in the journal. The rules know nothing of handles,
//! ports, faults, history or calls: they take and return the model's keys.
//!
//! A module here may use this layer and the layers below it, never one above (ARCHITECTURE.md,
//! checked by `tests/suite/layers.rs`).

pub(crate) mod classic;
pub(crate) mod control;
pub(crate) mod dependency;
pub(crate) mod levers;
pub(crate) mod lifecycle;
pub(crate) mod modern;
pub(crate) mod storage;
