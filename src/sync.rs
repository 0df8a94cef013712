//! The locks the simulator uses, in one place.
//!
//! Everything goes through these names so that a model checker (`loom`) can swap them for
//! its own instrumented versions later without touching the rest of the crate.

pub(crate) use parking_lot::{Condvar, Mutex, MutexGuard};
pub(crate) use std::sync::Arc;
