//! Plain types: errors and their codes, handles, states, property lists, names, access masks, the
//! lock types and simulator identities. They know nothing of a world or a handle table.
//!
//! A module here may use this layer and the layers below it, never one above (ARCHITECTURE.md,
//! checked by `tests/suite/layers.rs`).

pub(crate) mod access;
pub(crate) mod call_info;
pub(crate) mod disk;
pub(crate) mod enum_ex;
pub(crate) mod error;
pub mod group_type;
pub(crate) mod handle;
pub(crate) mod identity;
pub(crate) mod lever;
pub(crate) mod names;
pub(crate) mod proplist;
pub(crate) mod state;
pub(crate) mod sync;
