//! The kinds of object that handles can be opened to by name: what the model says of each
//! (its noun, how it is found, its not-found codes). The handle types implement it, each
//! in its family's file under `src/api/`.

use slotmap::KeyData;

use super::{ClusterKey, World};
use crate::types::error::Error;
use crate::types::handle::Handle;

/// A kind of cluster object that handles can be opened to by name.
pub(crate) trait ObjectKind: Handle {
    /// What ClusAPI calls the object, for messages (`"network"`).
    const NOUN: &'static str;
    /// The object of this kind and name in `cluster`.
    fn find(world: &World, cluster: ClusterKey, name: &str) -> Option<KeyData>;
    /// Whether the object still exists.
    fn exists(world: &World, key: KeyData) -> bool;
    /// The kind's not-found error.
    fn not_found(message: String) -> Error;
    /// The error for a handle whose object was deleted (the not-found code unless the
    /// kind has a "not available" code of its own).
    fn deleted(message: String) -> Error {
        Self::not_found(message)
    }
}
