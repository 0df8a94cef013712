//! Resources: `OpenClusterResource(Ex)`, `CloseClusterResource`, `GetClusterFromResource`,
//! the resource's state and transitions, creation, deletion and dependencies.

use slotmap::{Key, KeyData};

use super::ObjectKind;
use crate::model::world::{ClusterKey, ResourceKey, World};
use crate::types::error::Error;
use crate::types::handle::{HCluster, HGroup, HResource};
use crate::types::state::ClusterResourceState;

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

crate::calls::call::calls! {
    /// Resources: `OpenClusterResource(Ex)`, `CloseClusterResource`,
    /// `GetClusterFromResource`, the resource's state, its online / offline / fail
    /// transitions, its creation and deletion, and its dependencies.
    pub trait ResourceCalls;
    externs __clusapi_resource_externs;

    /// `OpenClusterResource`: a new handle to the resource `name` (compared
    /// case-insensitively), with the access of `hcluster`.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad `hcluster` (or, in strict mode, one whose cluster
    /// handle is closed); `ERROR_RESOURCE_NOT_FOUND` (5007) for an unknown name;
    /// `ERROR_NOT_ENOUGH_MEMORY` when the handle table is full.
    "OpenClusterResource" [faults(OPEN + ERROR_RESOURCE_NOT_FOUND) object(name)]
    fn open_cluster_resource(st, hcluster: HCluster, name: &str) -> HResource {
        st.open_object(hcluster, name, None).map(|(h, _)| h)
    }

    /// `OpenClusterResourceEx`: as [`open_cluster_resource`](Self::open_cluster_resource), with a
    /// desired access; returns the handle and the granted access.
    ///
    /// # Errors
    ///
    /// Those of `open_cluster_resource`, and `ERROR_INVALID_PARAMETER` for a desired access
    /// of 0 or with unknown bits, `ERROR_ACCESS_DENIED` for `GENERIC_ALL` through a
    /// `GENERIC_READ` cluster handle.
    "OpenClusterResourceEx" [faults(OPEN + ERROR_RESOURCE_NOT_FOUND) object(name)]
    fn open_cluster_resource_ex(st, hcluster: HCluster, name: &str, desired_access: u32) -> (HResource, u32) {
        st.open_object(hcluster, name, Some(desired_access))
    }

    /// `CloseClusterResource`: closes the handle. Works once per handle, also after the
    /// resource was deleted.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` if the value is not a live resource handle of this simulator
    /// (a second close included).
    "CloseClusterResource" [nofault]
    fn close_cluster_resource(st, handle: HResource) -> () {
        st.close_handle(handle)
    }

    /// `GetClusterFromResource`: a new cluster handle on the connection the handle belongs
    /// to. It must be closed with [`close_cluster`](Self::close_cluster); closing it
    /// affects no other handle.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad handle; `ERROR_NOT_ENOUGH_MEMORY` when the table
    /// is full.
    "GetClusterFromResource" [faults(LOCAL + ERROR_NOT_ENOUGH_MEMORY)]
    fn get_cluster_from_resource(st, handle: HResource) -> HCluster {
        st.cluster_from(handle)
    }

    /// `GetClusterResourceState`: the resource's state, its owner node and its group.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad handle; `ERROR_RESOURCE_NOT_AVAILABLE` (5006) if
    /// the resource was deleted.
    "GetClusterResourceState" [faults(RESOURCE)]
    fn get_cluster_resource_state(st, hresource: HResource) -> ResourceStateInfo {
        let (_, e) = st.resolve(hresource)?;
        let key = ResourceKey::from(st.object(hresource, e.object)?);
        st.world.poll_resource(key);
        let w = &st.world;
        let r = w.resources.get(key).ok_or_else(|| Error::InternalError("resource vanished".into()))?;
        let g = w.groups.get(r.group);
        let owner_node = g.and_then(|g| w.nodes.get(g.owner)).map(|n| n.name.clone()).unwrap_or_default();
        let group = g.map(|g| g.name.clone()).unwrap_or_default();
        Ok(ResourceStateInfo { state: r.state, owner_node, group })
    }

    /// `OnlineClusterResource`: brings the resource online, the resources it depends on
    /// first.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE`; `ERROR_ACCESS_DENIED` through a `GENERIC_READ` handle;
    /// `ERROR_RESOURCE_NOT_AVAILABLE` if it was deleted; `ERROR_SHARING_PAUSED` if its
    /// owner node is paused, `ERROR_HOST_NODE_NOT_AVAILABLE` if it is down;
    /// `ERROR_INVALID_STATE` while an operation is pending.
    "OnlineClusterResource" [faults(RESOURCE_CHANGE + ERROR_SHARING_PAUSED + ERROR_HOST_NODE_NOT_AVAILABLE + ERROR_HOST_NODE_NOT_RESOURCE_OWNER + ERROR_INVALID_STATE)]
    fn online_cluster_resource(st, hresource: HResource) -> () {
        let (r, _) = st.writable_object(hresource)?;
        let pending = st.world.online_resource(r.into())?;
        super::completion(st.call, pending)
    }

    /// `OfflineClusterResource`: takes the resource offline, the resources that depend on
    /// it first.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE`; `ERROR_ACCESS_DENIED`; `ERROR_RESOURCE_NOT_AVAILABLE`;
    /// `ERROR_RESOURCE_FAILED` (5038) for a failed resource; `ERROR_INVALID_STATE` while an
    /// operation is pending.
    "OfflineClusterResource" [faults(RESOURCE_CHANGE + ERROR_RESOURCE_FAILED + ERROR_INVALID_STATE)]
    fn offline_cluster_resource(st, hresource: HResource) -> () {
        let (r, _) = st.writable_object(hresource)?;
        let pending = st.world.offline_resource(r.into())?;
        super::completion(st.call, pending)
    }

    /// `FailClusterResource`: makes an online (or pending) resource fail.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE`; `ERROR_ACCESS_DENIED`; `ERROR_RESOURCE_NOT_AVAILABLE`;
    /// `ERROR_INVALID_STATE` for a resource that is neither online nor pending.
    "FailClusterResource" [faults(RESOURCE_CHANGE + ERROR_INVALID_STATE)]
    fn fail_cluster_resource(st, hresource: HResource) -> () {
        let (r, _) = st.writable_object(hresource)?;
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
    "CreateClusterResource" [faults(GROUP_CHANGE + ERROR_NOT_ENOUGH_MEMORY + ERROR_OBJECT_ALREADY_EXISTS + ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND)]
    fn create_cluster_resource(st, hgroup: HGroup, name: &str, resource_type: &str, flags: u32) -> HResource {
        let at = st.at;
        let (g, cluster) = st.writable_object(hgroup)?;
        if flags > CLUSTER_RESOURCE_SEPARATE_MONITOR {
            return Err(Error::InvalidParameter(format!(
                "create_cluster_resource: unknown flags {flags:#x}"
            )));
        }
        let key = st.world.create_resource(cluster, g.into(), name, resource_type)?;
        let (_, e) = st.resolve(hgroup)?;
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
    "DeleteClusterResource" [faults(RESOURCE_CHANGE + ERROR_RESOURCE_ONLINE + ERROR_DEPENDENT_RESOURCE_EXISTS)]
    fn delete_cluster_resource(st, hresource: HResource) -> () {
        let (r, cluster) = st.writable_object(hresource)?;
        st.world.delete_resource(cluster, r.into())
    }

    /// `AddClusterResourceDependency`: `hresource` depends on `provider` (both of one
    /// group).
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE`; `ERROR_ACCESS_DENIED`; `ERROR_RESOURCE_NOT_AVAILABLE`;
    /// `ERROR_DEPENDENCY_ALREADY_EXISTS` (5003); `ERROR_INVALID_PARAMETER` (87) for itself
    /// (MS-CMRP 3.1.4.2.20) or a resource of another group (Microsoft's page);
    /// `ERROR_DEPENDENCY_NOT_ALLOWED` (5069) when `hresource` is the quorum resource (the
    /// page); `ERROR_CIRCULAR_DEPENDENCY` (1059) for a cycle (both).
    "AddClusterResourceDependency" [faults(RESOURCE_CHANGE + ERROR_DEPENDENCY_ALREADY_EXISTS + ERROR_DEPENDENCY_NOT_ALLOWED + ERROR_CIRCULAR_DEPENDENCY)]
    fn add_cluster_resource_dependency(st, hresource: HResource, provider: HResource) -> () {
        let (r, _) = st.writable_object(hresource)?;
        let (_, pe) = st.resolve(provider)?;
        let p = st.object(provider, pe.object)?;
        st.world.add_dependency(r.into(), p.into())
    }

    /// `RemoveClusterResourceDependency`.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE`; `ERROR_ACCESS_DENIED`; `ERROR_RESOURCE_NOT_AVAILABLE`;
    /// `ERROR_DEPENDENCY_NOT_FOUND` (5002).
    "RemoveClusterResourceDependency" [faults(RESOURCE_CHANGE + ERROR_DEPENDENCY_NOT_FOUND)]
    fn remove_cluster_resource_dependency(st, hresource: HResource, provider: HResource) -> () {
        let (r, _) = st.writable_object(hresource)?;
        let (_, pe) = st.resolve(provider)?;
        let p = st.object(provider, pe.object)?;
        st.world.remove_dependency(r.into(), p.into())
    }

    /// `SetClusterResourceDependencyExpression`: replaces the resource's dependencies with
    /// an "and" of "or" groups (Microsoft's page, MS-CMRP 3.1.4.2.109): parts joined by
    /// `and`, each a `[resource]` (its name or id) or a parenthesised `or` of them, such as
    /// `[Disk] and ([IP 1] or [IP 2])`; an empty expression removes every dependency.
    /// Bringing the resource online brings up each required provider and, for an "or" group
    /// with no member online, each member that can be online on the node (one is enough);
    /// taking a provider offline takes the resource down only when no member of its group is
    /// left online **(ours: the pages do not say which members come up)**.
    /// `add_cluster_resource_dependency` adds a required provider to the same expression.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE`; `ERROR_ACCESS_DENIED`; `ERROR_RESOURCE_NOT_AVAILABLE`;
    /// `ERROR_INVALID_PARAMETER` (87) for an expression outside the grammar;
    /// `ERROR_RESOURCE_NOT_FOUND` (5007) for a name or id of no resource;
    /// for a provider, the codes of `add_cluster_resource_dependency` (87 for itself or
    /// another group, 5069 for the quorum resource, 1059 for a cycle). Nothing changes on an
    /// error.
    ///
    /// ```
    /// use clusapi_sim::{ClusterResourceState, Simulator};
    ///
    /// let sim = Simulator::default();
    /// let c = sim.open_cluster(None)?;
    /// let g = sim.create_cluster_group(c, "Web")?;
    /// let ip1 = sim.create_cluster_resource(g, "IP 1", "IP Address", 0)?;
    /// let ip2 = sim.create_cluster_resource(g, "IP 2", "IP Address", 0)?;
    /// let web = sim.create_cluster_resource(g, "Web", "Generic Service", 0)?;
    /// sim.set_cluster_resource_dependency_expression(web, "([IP 1] or [ip 2])")?;
    /// assert_eq!(sim.get_cluster_resource_dependency_expression(web)?, "([IP 1] or [IP 2])");
    /// sim.online_cluster_resource(web)?;
    /// sim.offline_cluster_resource(ip1)?; // IP 2 is still online: Web stays up
    /// assert_eq!(sim.get_cluster_resource_state(web)?.state, ClusterResourceState::Online);
    /// sim.offline_cluster_resource(ip2)?; // the last of the group: Web goes down with it
    /// assert_eq!(sim.get_cluster_resource_state(web)?.state, ClusterResourceState::Offline);
    /// # for h in [web, ip2, ip1] { sim.close_cluster_resource(h)?; }
    /// # sim.close_cluster_group(g)?; sim.close_cluster(c)?;
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    extern SetClusterResourceDependencyExpression [faults(RESOURCE_CHANGE + ERROR_RESOURCE_NOT_FOUND + ERROR_DEPENDENCY_NOT_ALLOWED + ERROR_CIRCULAR_DEPENDENCY)]
    fn set_cluster_resource_dependency_expression(st, hresource: HResource, expression: &str) -> () {
        let (r, _) = st.writable_object(hresource)?;
        st.world.set_dependency_expression(r.into(), expression)
    }

    /// `GetClusterResourceDependencyExpression`: the resource's dependencies as an
    /// expression of the grammar `set_cluster_resource_dependency_expression` takes, with
    /// the providers' names: the required ones first, in the order they were added, then
    /// each "or" group in parentheses, joined by ` and ` (`""` with none) **(ours: the
    /// spacing and order; real servers answer an equivalent expression)**.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE`; `ERROR_RESOURCE_NOT_AVAILABLE`; through the C ABI, the
    /// buffer protocol's `ERROR_MORE_DATA`.
    extern GetClusterResourceDependencyExpression -> string [faults(RESOURCE) quiet]
    fn get_cluster_resource_dependency_expression(st, hresource: HResource) -> String {
        let (_, e) = st.resolve(hresource)?;
        let r = st.object(hresource, e.object)?;
        st.world.dependency_expression(r.into())
    }

    /// `AddResourceToClusterSharedVolumes`: makes a `Physical Disk` of `"Available
    /// Storage"` a Cluster Shared Volume. The disk moves to a group of its own (named as the
    /// resource, `GroupType` `ClusGroupTypeSharedVolume` 4, listed by
    /// `CLUSTER_ENUM_SHARED_VOLUME_GROUP` and not by `CLUSTER_ENUM_GROUP`) on the node that
    /// owned it, comes online there, and each of its volumes is reached on every node at
    /// `C:\ClusterStorage\VolumeN\` (the lowest `N` free), no longer at its drive letter
    /// or mount points.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE`; `ERROR_ACCESS_DENIED` through a `GENERIC_READ` handle;
    /// `ERROR_INVALID_PARAMETER` for a resource that is no `Physical Disk`,
    /// `ERROR_NOT_FOUND` (1168) for one with no disk behind it, `ERROR_ALREADY_EXISTS`
    /// for a disk that is a CSV already, `ERROR_INVALID_STATE` for a disk outside
    /// `"Available Storage"` or with an operation pending, `ERROR_OBJECT_ALREADY_EXISTS`
    /// when a group has the resource's name (all **ours**: Microsoft's page gives no codes).
    ///
    /// ```
    /// use clusapi_sim::{Disk, Partition, Simulator};
    ///
    /// let sim = Simulator::default_builder()
    ///     .disk("Cluster Disk 1", Disk::mbr(0x1234, 1 << 30).partition(Partition::new(1 << 30).drive_letter('E')))
    ///     .build()?;
    /// let c = sim.open_cluster(None)?;
    /// let disk = sim.open_cluster_resource(c, "Cluster Disk 1")?;
    /// sim.add_resource_to_cluster_shared_volumes(disk)?;
    /// assert!(sim.is_file_on_cluster_shared_volume(r"C:\ClusterStorage\Volume1\VMs\a.vhdx")?);
    /// assert!(!sim.is_file_on_cluster_shared_volume(r"E:\a.vhdx")?);
    /// # sim.close_cluster_resource(disk)?; sim.close_cluster(c)?;
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    extern AddResourceToClusterSharedVolumes [faults(RESOURCE_CHANGE + ERROR_ALREADY_EXISTS + ERROR_INVALID_STATE)]
    fn add_resource_to_cluster_shared_volumes(st, hresource: HResource) -> () {
        let (r, _) = st.writable_object(hresource)?;
        st.world.add_to_shared_volumes(r.into())
    }

    /// `RemoveResourceFromClusterSharedVolumes`: the disk goes back to `"Available
    /// Storage"` as it is (online or not), with its drive letters and mount points; its
    /// group is deleted, its `C:\ClusterStorage` paths are gone.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE`; `ERROR_ACCESS_DENIED`; `ERROR_CLUSTER_NOT_SHARED_VOLUME`
    /// (5945) for a resource that is no CSV (the code's meaning, MS-CMRP 3.1.4.3.2.31);
    /// `ERROR_GROUP_NOT_FOUND` when the cluster has no `"Available Storage"`;
    /// `ERROR_INVALID_STATE` with an operation pending.
    extern RemoveResourceFromClusterSharedVolumes [faults(RESOURCE_CHANGE + ERROR_CLUSTER_NOT_SHARED_VOLUME + ERROR_INVALID_STATE)]
    fn remove_resource_from_cluster_shared_volumes(st, hresource: HResource) -> () {
        let (r, _) = st.writable_object(hresource)?;
        st.world.remove_from_shared_volumes(r.into())
    }

    /// `IsFileOnClusterSharedVolume`: whether `path` is on a Cluster Shared Volume of the
    /// local cluster (the cluster of the node the caller runs on): under a CSV's
    /// `C:\ClusterStorage\VolumeN\` or its volume name `\\?\Volume{GUID}\`, compared
    /// without regard to case.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_PARAMETER` for an empty path (ours); `RPC_S_SERVER_UNAVAILABLE`
    /// when the topology has no cluster to ask.
    "IsFileOnClusterSharedVolume" [faults(LOCAL_SERVICE) object(path)]
    fn is_file_on_cluster_shared_volume(st, path: &str) -> bool {
        let cluster = local_cluster(st, path)?;
        Ok(st.world.shared_volume(cluster, path).is_some())
    }

    /// `GetClusterSharedVolumeNameForFile` (an undocumented export): the name of the
    /// Cluster Shared Volume `path` is on, `\\?\Volume{GUID}\` **(ours: the volume name,
    /// the form `ClusterSharedVolumeSetSnapshotState` takes)**.
    ///
    /// # Errors
    ///
    /// `ERROR_CLUSTER_NOT_SHARED_VOLUME` (5945) for a path on no CSV; 87 for an empty path.
    "GetClusterSharedVolumeNameForFile" [faults(LOCAL_SERVICE + ERROR_CLUSTER_NOT_SHARED_VOLUME) object(path)]
    fn get_cluster_shared_volume_name_for_file(st, path: &str) -> String {
        let cluster = local_cluster(st, path)?;
        st.world.shared_volume(cluster, path).map(|v| v.name).ok_or_else(|| not_csv(path))
    }

    /// `ClusterSharedVolumeSetSnapshotState`: the VSS snapshot set `snapshot_set` (a GUID,
    /// braces optional) is in `state` (`CLUSTER_SHARED_VOLUME_SNAPSHOT_STATE`: 0 unknown, 1
    /// prepare for a hardware snapshot, 2 hardware snapshot completed, 3 prepare for
    /// freeze) on the CSV `volume_name` (its `\\?\Volume{GUID}\` or its
    /// `C:\ClusterStorage\VolumeN\`).
    ///
    /// # Errors
    ///
    /// `ERROR_CLUSTER_NOT_SHARED_VOLUME` for a volume that is no CSV;
    /// `ERROR_INVALID_PARAMETER` for a state over 3 or a snapshot set that is no GUID.
    "ClusterSharedVolumeSetSnapshotState" [faults(LOCAL_SERVICE + ERROR_CLUSTER_NOT_SHARED_VOLUME) object(volume_name)]
    fn cluster_shared_volume_set_snapshot_state(st, snapshot_set: &str, volume_name: &str, state: u32) -> () {
        let cluster = local_cluster(st, volume_name)?;
        st.world.set_snapshot_state(cluster, snapshot_set, volume_name, state)
    }

    /// `ClusterSharedVolumeClearBackupState` (the export `resutils.dll`'s
    /// `ClusterClearBackupStateForSharedVolume` calls): the CSV `volume` (a path on it, or
    /// its name) is no longer being backed up (`VolumeBackupNone`), its snapshot state
    /// unknown.
    ///
    /// # Errors
    ///
    /// `ERROR_CLUSTER_NOT_SHARED_VOLUME` for a path on no CSV.
    "ClusterSharedVolumeClearBackupState" [faults(LOCAL_SERVICE + ERROR_CLUSTER_NOT_SHARED_VOLUME) object(volume)]
    fn cluster_shared_volume_clear_backup_state(st, volume: &str) -> () {
        let cluster = local_cluster(st, volume)?;
        st.world.clear_backup_state(cluster, volume)
    }

    /// `ClusterPrepareSharedVolumeForBackup` (`resutils.dll`): marks the CSV that `file` is
    /// on `VolumeBackupInProgress`, and returns its volume path (`C:\ClusterStorage\VolumeN\`)
    /// and its volume name (`\\?\Volume{GUID}\`), in that order.
    ///
    /// # Errors
    ///
    /// `ERROR_CLUSTER_NOT_SHARED_VOLUME` (5945) for a file on no CSV; 87 for an empty path.
    "ClusterPrepareSharedVolumeForBackup" [faults(LOCAL_SERVICE + ERROR_CLUSTER_NOT_SHARED_VOLUME) object(file)]
    fn cluster_prepare_shared_volume_for_backup(st, file: &str) -> (String, String) {
        let cluster = local_cluster(st, file)?;
        st.world.prepare_for_backup(cluster, file).map(|v| (v.path, v.name))
    }

    /// `ClusterClearBackupStateForSharedVolume` (`resutils.dll`): as
    /// [`cluster_shared_volume_clear_backup_state`](Self::cluster_shared_volume_clear_backup_state),
    /// for the CSV's volume path.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_PARAMETER` (87) for a path on no CSV, as Microsoft's page says ("If
    /// the path is not a CSV path, ClusterClearBackupStateForSharedVolume will return
    /// ERROR_INVALID_PARAMETER"), and for an empty path.
    "ClusterClearBackupStateForSharedVolume" [faults(LOCAL_SERVICE) object(volume_path)]
    fn cluster_clear_backup_state_for_shared_volume(st, volume_path: &str) -> () {
        let cluster = local_cluster(st, volume_path)?;
        st.world.clear_backup_state(cluster, volume_path).map_err(|e| match e.code() {
            crate::rules::storage::ERROR_CLUSTER_NOT_SHARED_VOLUME => {
                Error::InvalidParameter(format!("{volume_path:?} is not on a Cluster Shared Volume"))
            }
            _ => e,
        })
    }

    /// `ClusterIsPathOnSharedVolume` (`resutils.dll`): as
    /// [`is_file_on_cluster_shared_volume`](Self::is_file_on_cluster_shared_volume), `false`
    /// for an empty path.
    "ClusterIsPathOnSharedVolume" [nofault object(path) infallible(false)]
    fn cluster_is_path_on_shared_volume(st, path: &str) -> bool {
        let cluster = local_cluster(st, path)?;
        Ok(st.world.shared_volume(cluster, path).is_some())
    }

    /// `ClusterGetVolumePathName` (`resutils.dll`, `GetVolumePathName` that knows CSVs): the
    /// root of the volume `file` is on: a CSV's `C:\ClusterStorage\VolumeN\`, or a
    /// cluster disk's drive letter or mount point (the deepest that holds the file).
    ///
    /// # Errors
    ///
    /// `ERROR_FILE_NOT_FOUND` (2) for a path on no volume of the cluster's disks
    /// **(ours: no local disks are simulated)**; 87 for an empty path.
    "ClusterGetVolumePathName" [faults(LOCAL + ERROR_FILE_NOT_FOUND) object(file)]
    fn cluster_get_volume_path_name(st, file: &str) -> String {
        let cluster = local_cluster(st, file)?;
        match st.world.volume_for_path(cluster, file) {
            Some(hit) if !hit.root.starts_with("\\\\?\\") => Ok(hit.root),
            Some(hit) => st
                .world
                .partition_paths(hit.resource, hit.partition)
                .into_iter()
                .next()
                .ok_or_else(|| Error::FileNotFound(format!("{file:?}: its volume has no path"))),
            None => Err(Error::FileNotFound(format!("{file:?} is on no volume of the cluster's disks"))),
        }
    }

    /// `ClusterGetVolumeNameForVolumeMountPoint` (`resutils.dll`): the volume name
    /// `\\?\Volume{GUID}\` of the volume mounted at `mount_point` (a CSV's
    /// `C:\ClusterStorage\VolumeN\`, a drive letter or a mount point, with or without the
    /// final backslash).
    ///
    /// # Errors
    ///
    /// `ERROR_FILE_NOT_FOUND` for a path that is no volume's root; 87 for an empty path.
    "ClusterGetVolumeNameForVolumeMountPoint" [faults(LOCAL + ERROR_FILE_NOT_FOUND) object(mount_point)]
    fn cluster_get_volume_name_for_volume_mount_point(st, mount_point: &str) -> String {
        let cluster = local_cluster(st, mount_point)?;
        let root = if mount_point.ends_with('\\') { mount_point.to_owned() } else { format!("{mount_point}\\") };
        let hit = st
            .world
            .volume_for_path(cluster, &root)
            .filter(|hit| hit.root.eq_ignore_ascii_case(&root))
            .ok_or_else(|| Error::FileNotFound(format!("{mount_point:?} is no volume's mount point")))?;
        let guid = st
            .world
            .disk_of(hit.resource)
            .and_then(|d| d.disk.partitions.get(hit.partition))
            .and_then(|p| p.volume_guid.clone())
            .unwrap_or_default();
        Ok(crate::model::world::storage::volume_name(&guid))
    }
}

/// The local cluster, for the storage calls that take a path and no handle (they run on
/// the caller's node); an empty path is `ERROR_INVALID_PARAMETER` **(ours)**.
fn local_cluster(st: &crate::calls::call::Cx<'_>, path: &str) -> crate::Result<ClusterKey> {
    if path.is_empty() {
        return Err(Error::InvalidParameter("the path is empty".into()));
    }
    st.world.local_cluster().ok_or_else(|| Error::RpcServerUnavailable("the topology has no cluster".into()))
}

fn not_csv(path: &str) -> Error {
    Error::with_message(
        crate::rules::storage::ERROR_CLUSTER_NOT_SHARED_VOLUME,
        format!("{path:?} is not on a Cluster Shared Volume"),
    )
}

/// What `GetClusterResourceState` reports.
#[derive(Debug, Clone, PartialEq, Eq)]
// Exhaustive on purpose: the fields are what the Win32 call returns, so production
// implementations of `ClusterApi` (such as clusapi-win) build it with a struct expression.
pub struct ResourceStateInfo {
    /// The resource's state.
    pub state: ClusterResourceState,
    /// The name of the node that owns the resource (its group's owner).
    pub owner_node: String,
    /// The name of the group the resource belongs to.
    pub group: String,
}

/// `CLUSTER_RESOURCE_DEFAULT_MONITOR`: the resource runs in the shared resource monitor.
pub const CLUSTER_RESOURCE_DEFAULT_MONITOR: u32 = 0;
/// `CLUSTER_RESOURCE_SEPARATE_MONITOR`: the resource runs in a monitor of its own.
pub const CLUSTER_RESOURCE_SEPARATE_MONITOR: u32 = 1;
