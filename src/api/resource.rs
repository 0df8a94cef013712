//! Resources: `OpenClusterResource(Ex)`, `CloseClusterResource`, `GetClusterFromResource`.

use slotmap::{Key, KeyData};

use super::ObjectKind;
use crate::error::{Error, Result};
use crate::handle::{HCluster, HGroup, HResource};
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
        let result = self.open_object("open_cluster_resource", hcluster, name, None).map(|(h, _)| h);
        self.record("open_cluster_resource", || format!("{hcluster:?}, {name:?}"), &result);
        result
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
        let result = self.open_object("open_cluster_resource_ex", hcluster, name, Some(desired_access));
        self.record(
            "open_cluster_resource_ex",
            || format!("{hcluster:?}, {name:?}, {desired_access:?}"),
            &result,
        );
        result
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
        let result = self.close_handle("close_cluster_resource", handle);
        self.record("close_cluster_resource", || format!("{handle:?}"), &result);
        result
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
        let result = self.cluster_from("get_cluster_from_resource", handle);
        self.record("get_cluster_from_resource", || format!("{handle:?}"), &result);
        result
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
        let result = self.get_cluster_resource_state_impl(hresource);
        self.record("get_cluster_resource_state", || format!("{hresource:?}"), &result);
        result
    }

    #[track_caller]
    fn get_cluster_resource_state_impl(&self, hresource: HResource) -> Result<ResourceStateInfo> {
        let mut st = self.lock();
        let (_, e) = st.resolve(hresource, "get_cluster_resource_state", std::panic::Location::caller())?;
        let key = ResourceKey::from(st.object(hresource, e.object)?);
        st.world.poll_resource(key);
        let w = &st.world;
        let r = w.resources.get(key).ok_or_else(|| Error::InternalError("resource vanished".into()))?;
        let g = w.groups.get(r.group);
        let owner_node = g.and_then(|g| w.nodes.get(g.owner)).map(|n| n.name.clone()).unwrap_or_default();
        let group = g.map(|g| g.name.clone()).unwrap_or_default();
        Ok(ResourceStateInfo { state: r.state, owner_node, group })
    }
}

/// `CLUSTER_RESOURCE_DEFAULT_MONITOR`: the resource runs in the shared resource monitor.
pub const CLUSTER_RESOURCE_DEFAULT_MONITOR: u32 = 0;
/// `CLUSTER_RESOURCE_SEPARATE_MONITOR`: the resource runs in a monitor of its own.
pub const CLUSTER_RESOURCE_SEPARATE_MONITOR: u32 = 1;

impl Simulator {
    /// `OnlineClusterResource`: brings the resource online, the resources it depends on
    /// first.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE`; `ERROR_ACCESS_DENIED` through a `GENERIC_READ` handle;
    /// `ERROR_RESOURCE_NOT_AVAILABLE` if it was deleted; `ERROR_SHARING_PAUSED` if its
    /// owner node is paused, `ERROR_HOST_NODE_NOT_AVAILABLE` if it is down;
    /// `ERROR_INVALID_STATE` while an operation is pending.
    #[track_caller]
    pub fn online_cluster_resource(&self, hresource: HResource) -> Result<()> {
        let result = self.online_cluster_resource_impl(hresource);
        self.record("online_cluster_resource", || format!("{hresource:?}"), &result);
        result
    }

    #[track_caller]
    fn online_cluster_resource_impl(&self, hresource: HResource) -> Result<()> {
        let mut st = self.lock();
        let (r, _) = st.writable(hresource, "online_cluster_resource", std::panic::Location::caller())?;
        let pending = st.world.online_resource(r.into())?;
        super::completion("online_cluster_resource", pending)
    }

    /// `OfflineClusterResource`: takes the resource offline, the resources that depend on
    /// it first.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE`; `ERROR_ACCESS_DENIED`; `ERROR_RESOURCE_NOT_AVAILABLE`;
    /// `ERROR_RESOURCE_FAILED` (5038) for a failed resource; `ERROR_INVALID_STATE` while an
    /// operation is pending.
    #[track_caller]
    pub fn offline_cluster_resource(&self, hresource: HResource) -> Result<()> {
        let result = self.offline_cluster_resource_impl(hresource);
        self.record("offline_cluster_resource", || format!("{hresource:?}"), &result);
        result
    }

    #[track_caller]
    fn offline_cluster_resource_impl(&self, hresource: HResource) -> Result<()> {
        let mut st = self.lock();
        let (r, _) = st.writable(hresource, "offline_cluster_resource", std::panic::Location::caller())?;
        let pending = st.world.offline_resource(r.into())?;
        super::completion("offline_cluster_resource", pending)
    }

    /// `FailClusterResource`: makes an online (or pending) resource fail.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE`; `ERROR_ACCESS_DENIED`; `ERROR_RESOURCE_NOT_AVAILABLE`;
    /// `ERROR_INVALID_STATE` for a resource that is neither online nor pending.
    #[track_caller]
    pub fn fail_cluster_resource(&self, hresource: HResource) -> Result<()> {
        let result = self.fail_cluster_resource_impl(hresource);
        self.record("fail_cluster_resource", || format!("{hresource:?}"), &result);
        result
    }

    #[track_caller]
    fn fail_cluster_resource_impl(&self, hresource: HResource) -> Result<()> {
        let mut st = self.lock();
        let (r, _) = st.writable(hresource, "fail_cluster_resource", std::panic::Location::caller())?;
        st.world.fail_resource(r.into())
    }

    /// `CreateClusterResource`: a new offline resource of `resource_type` in the group, and
    /// a handle to it. `flags` is `CLUSTER_RESOURCE_DEFAULT_MONITOR` or
    /// `CLUSTER_RESOURCE_SEPARATE_MONITOR`.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE`; `ERROR_ACCESS_DENIED`; `ERROR_GROUP_NOT_AVAILABLE`;
    /// `ERROR_OBJECT_ALREADY_EXISTS` for a name in use; `ERROR_INVALID_PARAMETER` for an
    /// empty name or unknown flags; `ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND` (5078) for a
    /// type the cluster does not have; `ERROR_NOT_ENOUGH_MEMORY` when the handle table is
    /// full (then no resource is created).
    #[track_caller]
    pub fn create_cluster_resource(
        &self,
        hgroup: HGroup,
        name: &str,
        resource_type: &str,
        flags: u32,
    ) -> Result<HResource> {
        let result = self.create_cluster_resource_impl(hgroup, name, resource_type, flags);
        self.record(
            "create_cluster_resource",
            || format!("{hgroup:?}, {name:?}, {resource_type:?}, {flags:?}"),
            &result,
        );
        result
    }

    #[track_caller]
    fn create_cluster_resource_impl(
        &self,
        hgroup: HGroup,
        name: &str,
        resource_type: &str,
        flags: u32,
    ) -> Result<HResource> {
        let at = std::panic::Location::caller();
        let mut st = self.lock();
        let (g, cluster) = st.writable(hgroup, "create_cluster_resource", at)?;
        if flags > CLUSTER_RESOURCE_SEPARATE_MONITOR {
            return Err(Error::InvalidParameter(format!(
                "create_cluster_resource: unknown flags {flags:#x}"
            )));
        }
        let key = st.world.create_resource(cluster, g.into(), name, resource_type)?;
        let (_, e) = st.resolve(hgroup, "create_cluster_resource", at)?;
        match st.handles.open_in_scope(e.scope, crate::HandleKind::Resource, key.data(), e.access, at) {
            Ok(raw) => super::typed(raw),
            Err(err) => {
                let _ = st.world.delete_resource(cluster, key);
                Err(err)
            }
        }
    }

    /// `DeleteClusterResource`: deletes an offline or failed resource that no other
    /// resource depends on. Handles to it stay open (calls through them answer
    /// `ERROR_RESOURCE_NOT_AVAILABLE`) and must still be closed.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE`; `ERROR_ACCESS_DENIED`; `ERROR_RESOURCE_NOT_AVAILABLE`;
    /// `ERROR_RESOURCE_ONLINE` (5019) for an online or pending resource;
    /// `ERROR_DEPENDENT_RESOURCE_EXISTS` (5001) when another depends on it;
    /// `ERROR_CORE_RESOURCE` (5026) for a resource of the core group.
    #[track_caller]
    pub fn delete_cluster_resource(&self, hresource: HResource) -> Result<()> {
        let result = self.delete_cluster_resource_impl(hresource);
        self.record("delete_cluster_resource", || format!("{hresource:?}"), &result);
        result
    }

    #[track_caller]
    fn delete_cluster_resource_impl(&self, hresource: HResource) -> Result<()> {
        let mut st = self.lock();
        let (r, cluster) =
            st.writable(hresource, "delete_cluster_resource", std::panic::Location::caller())?;
        st.world.delete_resource(cluster, r.into())
    }

    /// `AddClusterResourceDependency`: `hresource` depends on `provider` (both of one
    /// group).
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE`; `ERROR_ACCESS_DENIED`; `ERROR_RESOURCE_NOT_AVAILABLE`;
    /// `ERROR_DEPENDENCY_ALREADY_EXISTS` (5003); `ERROR_DEPENDENCY_NOT_ALLOWED` (5069) for
    /// a resource of another group, itself, or a cycle.
    #[track_caller]
    pub fn add_cluster_resource_dependency(&self, hresource: HResource, provider: HResource) -> Result<()> {
        let result = self.add_cluster_resource_dependency_impl(hresource, provider);
        self.record("add_cluster_resource_dependency", || format!("{hresource:?}, {provider:?}"), &result);
        result
    }

    #[track_caller]
    fn add_cluster_resource_dependency_impl(&self, hresource: HResource, provider: HResource) -> Result<()> {
        let at = std::panic::Location::caller();
        let mut st = self.lock();
        let (r, _) = st.writable(hresource, "add_cluster_resource_dependency", at)?;
        let (_, pe) = st.resolve(provider, "add_cluster_resource_dependency", at)?;
        let p = st.object(provider, pe.object)?;
        st.world.add_dependency(r.into(), p.into())
    }

    /// `RemoveClusterResourceDependency`.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE`; `ERROR_ACCESS_DENIED`; `ERROR_RESOURCE_NOT_AVAILABLE`;
    /// `ERROR_DEPENDENCY_NOT_FOUND` (5002).
    #[track_caller]
    pub fn remove_cluster_resource_dependency(
        &self,
        hresource: HResource,
        provider: HResource,
    ) -> Result<()> {
        let result = self.remove_cluster_resource_dependency_impl(hresource, provider);
        self.record("remove_cluster_resource_dependency", || format!("{hresource:?}, {provider:?}"), &result);
        result
    }

    #[track_caller]
    fn remove_cluster_resource_dependency_impl(
        &self,
        hresource: HResource,
        provider: HResource,
    ) -> Result<()> {
        let at = std::panic::Location::caller();
        let mut st = self.lock();
        let (r, _) = st.writable(hresource, "remove_cluster_resource_dependency", at)?;
        let (_, pe) = st.resolve(provider, "remove_cluster_resource_dependency", at)?;
        let p = st.object(provider, pe.object)?;
        st.world.remove_dependency(r.into(), p.into())
    }
}
