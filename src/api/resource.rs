//! Resources: `OpenClusterResource(Ex)`, `CloseClusterResource`, `GetClusterFromResource`.

use slotmap::{Key, KeyData};

use super::ObjectKind;
use crate::error::{Error, Result};
use crate::handle::{HCluster, HResource};
use crate::simulator::Simulator;
use crate::state::ClusterResourceState;
use crate::world::{ClusterKey, ResourceKey, World};

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

/// What `GetClusterResourceState` reports.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ResourceStateInfo {
    /// The resource's state.
    pub state: ClusterResourceState,
    /// The name of the node that owns the resource (its group's owner).
    pub owner_node: String,
    /// The name of the group the resource belongs to.
    pub group: String,
}

impl Simulator {
    /// `GetClusterResourceState`: the resource's state, its owner node and its group.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad handle; `ERROR_RESOURCE_NOT_AVAILABLE` (5006) if
    /// the resource was deleted.
    #[track_caller]
    pub fn get_cluster_resource_state(&self, hresource: HResource) -> Result<ResourceStateInfo> {
        let mut st = self.lock();
        let (_, e) = st.resolve(hresource, "get_cluster_resource_state", std::panic::Location::caller())?;
        let key = ResourceKey::from(st.object(hresource, e.object)?);
        let w = &st.world;
        let r = w.resources.get(key).ok_or_else(|| Error::InternalError("resource vanished".into()))?;
        let g = w.groups.get(r.group);
        let owner_node = g.and_then(|g| w.nodes.get(g.owner)).map(|n| n.name.clone()).unwrap_or_default();
        let group = g.map(|g| g.name.clone()).unwrap_or_default();
        Ok(ResourceStateInfo { state: r.state, owner_node, group })
    }
}
