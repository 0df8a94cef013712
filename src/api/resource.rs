//! Resources: `OpenClusterResource(Ex)`, `CloseClusterResource`, `GetClusterFromResource`.

use slotmap::{Key, KeyData};

use super::ObjectKind;
use crate::error::{Error, Result};
use crate::handle::{HCluster, HResource};
use crate::simulator::Simulator;
use crate::world::{ClusterKey, World};

impl ObjectKind for HResource {
    const NOUN: &'static str = "resource";
    fn find(world: &World, cluster: ClusterKey, name: &str) -> Option<KeyData> {
        world.clusters.get(cluster)?.resource_names.get(name).map(|k| k.data())
    }
    fn exists(world: &World, key: KeyData) -> bool {
        world.resources.contains_key(key.into())
    }
    fn not_found(message: String) -> Error {
        Error::ResourceNotFound(message)
    }
    fn deleted(message: String) -> Error {
        Error::ResourceNotAvailable(message)
    }
}

impl Simulator {
    /// `OpenClusterResource`: a new handle to the resource `name` (compared
    /// case-insensitively), with the access of `hcluster`.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad `hcluster` (or, in strict mode, one whose cluster
    /// handle is closed); `ERROR_RESOURCE_NOT_FOUND` (5007) for an unknown name;
    /// `ERROR_NOT_ENOUGH_MEMORY` when the handle table is full.
    #[track_caller]
    pub fn open_cluster_resource(&self, hcluster: HCluster, name: &str) -> Result<HResource> {
        self.open_object("open_cluster_resource", hcluster, name, None).map(|(h, _)| h)
    }

    /// `OpenClusterResourceEx`: as [`open_cluster_resource`](Self::open_cluster_resource), with a
    /// desired access; returns the handle and the granted access.
    ///
    /// # Errors
    ///
    /// Those of `open_cluster_resource`, and `ERROR_INVALID_PARAMETER` for a desired access
    /// of 0 or with unknown bits, `ERROR_ACCESS_DENIED` for `GENERIC_ALL` through a
    /// `GENERIC_READ` cluster handle.
    #[track_caller]
    pub fn open_cluster_resource_ex(
        &self,
        hcluster: HCluster,
        name: &str,
        desired_access: u32,
    ) -> Result<(HResource, u32)> {
        self.open_object("open_cluster_resource_ex", hcluster, name, Some(desired_access))
    }

    /// `CloseClusterResource`: closes the handle. Works once per handle, also after the
    /// resource was deleted.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` if the value is not a live resource handle of this simulator
    /// (a second close included).
    #[track_caller]
    pub fn close_cluster_resource(&self, handle: HResource) -> Result<()> {
        self.close_handle("close_cluster_resource", handle)
    }

    /// `GetClusterFromResource`: a new cluster handle on the connection the handle belongs
    /// to. It must be closed with [`close_cluster`](Self::close_cluster); closing it
    /// affects no other handle.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad handle; `ERROR_NOT_ENOUGH_MEMORY` when the table
    /// is full.
    #[track_caller]
    pub fn get_cluster_from_resource(&self, handle: HResource) -> Result<HCluster> {
        self.cluster_from("get_cluster_from_resource", handle)
    }
}
