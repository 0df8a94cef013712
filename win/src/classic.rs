//! `ClassicCalls`: `AddClusterResourceNode`, `RemoveClusterResourceNode`,
//! `CanResourceBeDependent`, `ChangeClusterResourceGroup`, `GetClusterQuorumResource`,
//! `SetClusterQuorumResource`, `GetClusterResourceNetworkName`, `SetClusterGroupName`,
//! `SetClusterResourceName`, `SetClusterName`, `SetClusterNetworkPriorityOrder`,
//! `EvictClusterNodeEx`, `BackupClusterDatabase`, `RestoreClusterDatabase`,
//! `SetClusterServiceAccountPassword`.

use clusapi_sim::codes::ERROR_SUCCESS;
use clusapi_sim::{ClassicCalls, HCluster, HGroup, HNetwork, HNode, HResource, QuorumInfo, Result};
use windows_sys::Win32::Networking::Clustering::{
    AddClusterResourceNode, BackupClusterDatabase, CLUSTER_SET_PASSWORD_STATUS, CanResourceBeDependent,
    ChangeClusterResourceGroup, EvictClusterNodeEx, GetClusterQuorumResource, GetClusterResourceNetworkName,
    RemoveClusterResourceNode, RestoreClusterDatabase, SetClusterGroupName, SetClusterName,
    SetClusterNetworkPriorityOrder, SetClusterQuorumResource, SetClusterResourceName,
    SetClusterServiceAccountPassword,
};

use crate::WinClusterApi;
use crate::ffi::{self, Text, raw, wide, wide_opt};
use crate::values;

/// The most nodes a cluster has: the status buffer of `SetClusterServiceAccountPassword`
/// holds one entry for each.
const MAX_NODES: usize = 64;

impl ClassicCalls for WinClusterApi {
    fn add_cluster_resource_node(&self, hresource: HResource, hnode: HNode) -> Result<()> {
        // SAFETY: no pointer; the handles are passed as values (see the crate's "Soundness").
        let code = unsafe { AddClusterResourceNode(raw(hresource), raw(hnode)) };
        ffi::status("AddClusterResourceNode", code)
    }

    fn remove_cluster_resource_node(&self, hresource: HResource, hnode: HNode) -> Result<()> {
        // SAFETY: as `add_cluster_resource_node`.
        let code = unsafe { RemoveClusterResourceNode(raw(hresource), raw(hnode)) };
        ffi::status("RemoveClusterResourceNode", code)
    }

    fn can_resource_be_dependent(
        &self,
        hresource: HResource,
        hresource_dependent: HResource,
    ) -> Result<bool> {
        // `FALSE` is the answer "no" with its reason as the last error (MS-CMRP 3.1.4.2.22),
        // which is the `Err`; a `FALSE` with no last error is a "no" without one.
        ffi::clear_last_error();
        // SAFETY: as `add_cluster_resource_node`.
        let can = unsafe { CanResourceBeDependent(raw(hresource), raw(hresource_dependent)) };
        match (can, ffi::last_error()) {
            (0, ERROR_SUCCESS) => Ok(false),
            (0, code) => Err(ffi::error("CanResourceBeDependent", code)),
            _ => Ok(true),
        }
    }

    fn change_cluster_resource_group(&self, hresource: HResource, hgroup: HGroup) -> Result<()> {
        // SAFETY: as `add_cluster_resource_node`.
        let code = unsafe { ChangeClusterResourceGroup(raw(hresource), raw(hgroup)) };
        ffi::status("ChangeClusterResourceGroup", code)
    }

    fn get_cluster_quorum_resource(&self, hcluster: HCluster) -> Result<QuorumInfo> {
        const CALL: &str = "GetClusterQuorumResource";
        let (mut resource, mut device) = (Text::new(self.text), Text::new(self.text));
        let mut max_log_size = 0;
        ffi::fill(CALL, [&mut resource, &mut device], |[r, d]| {
            // SAFETY: `r` and `d` are buffers of `*len` characters (or NULL) with their
            // length pointers, as `fill` armed them; `max_log_size` is a valid `DWORD`.
            unsafe {
                GetClusterQuorumResource(
                    raw(hcluster),
                    r.ptr.cast(),
                    r.len,
                    d.ptr.cast(),
                    d.len,
                    &mut max_log_size,
                )
            }
        })?;
        values::quorum(resource.string(), device.string(), max_log_size)
    }

    fn set_cluster_quorum_resource(
        &self,
        hresource: HResource,
        device_name: &str,
        max_quorum_log_size: u32,
    ) -> Result<()> {
        const CALL: &str = "SetClusterQuorumResource";
        let device = wide(CALL, device_name)?;
        // SAFETY: a NUL-terminated string that outlives the call; the handle is passed as a
        // value.
        let code = unsafe { SetClusterQuorumResource(raw(hresource), device.ptr(), max_quorum_log_size) };
        ffi::status(CALL, code)
    }

    fn get_cluster_resource_network_name(&self, hresource: HResource) -> Result<String> {
        ffi::string("GetClusterResourceNetworkName", self.text, |buf, len| {
            // SAFETY: `buf` holds `*len` characters (or is NULL), as `fill` armed them; the
            // handle is passed as a value.
            let ok = unsafe { GetClusterResourceNetworkName(raw(hresource), buf, len) };
            // A `BOOL` call: its status (`ERROR_MORE_DATA` included) is the last error.
            if ok == 0 { ffi::last_error() } else { ERROR_SUCCESS }
        })
    }

    fn set_cluster_group_name(&self, hgroup: HGroup, name: &str) -> Result<()> {
        const CALL: &str = "SetClusterGroupName";
        let name = wide(CALL, name)?;
        // SAFETY: a NUL-terminated name that outlives the call; the handle is passed as a
        // value.
        ffi::status(CALL, unsafe { SetClusterGroupName(raw(hgroup), name.ptr()) })
    }

    fn set_cluster_resource_name(&self, hresource: HResource, name: &str) -> Result<()> {
        const CALL: &str = "SetClusterResourceName";
        let name = wide(CALL, name)?;
        // SAFETY: as `set_cluster_group_name`.
        ffi::status(CALL, unsafe { SetClusterResourceName(raw(hresource), name.ptr()) })
    }

    fn set_cluster_name(&self, hcluster: HCluster, name: &str) -> Result<()> {
        const CALL: &str = "SetClusterName";
        let name = wide(CALL, name)?;
        // SAFETY: as `set_cluster_group_name`.
        ffi::status(CALL, unsafe { SetClusterName(raw(hcluster), name.ptr()) })
    }

    fn set_cluster_network_priority_order(&self, hcluster: HCluster, networks: &[HNetwork]) -> Result<()> {
        const CALL: &str = "SetClusterNetworkPriorityOrder";
        let list: Vec<isize> = networks.iter().map(|&n| raw(n)).collect();
        let count = ffi::count_of(CALL, list.len())?;
        // SAFETY: `list` holds `count` network handles (passed as values) and outlives the
        // call, which only reads it; an empty list is NULL with a count of 0.
        let code = unsafe { SetClusterNetworkPriorityOrder(raw(hcluster), count, ffi::list_ptr(&list)) };
        ffi::status(CALL, code)
    }

    fn evict_cluster_node_ex(&self, hnode: HNode, timeout_ms: u32) -> Result<i32> {
        let mut cleanup = 0;
        // SAFETY: `cleanup` is a valid `HRESULT` for the call to write; the handle is passed
        // as a value.
        let code = unsafe { EvictClusterNodeEx(raw(hnode), timeout_ms, &mut cleanup) };
        ffi::status("EvictClusterNodeEx", code).map(|()| cleanup)
    }

    fn backup_cluster_database(&self, hcluster: HCluster, path: &str) -> Result<()> {
        const CALL: &str = "BackupClusterDatabase";
        let path = wide(CALL, path)?;
        // SAFETY: a NUL-terminated path that outlives the call; the handle is passed as a
        // value.
        ffi::status(CALL, unsafe { BackupClusterDatabase(raw(hcluster), path.ptr()) })
    }

    fn restore_cluster_database(
        &self,
        path: &str,
        force: bool,
        quorum_drive_letter: Option<&str>,
    ) -> Result<()> {
        const CALL: &str = "RestoreClusterDatabase";
        let (path, drive) = (wide(CALL, path)?, wide_opt(CALL, quorum_drive_letter)?);
        // SAFETY: a NUL-terminated path, and NULL or a NUL-terminated drive letter, that
        // outlive the call.
        let code =
            unsafe { RestoreClusterDatabase(path.ptr(), i32::from(force), ffi::ptr_opt(drive.as_ref())) };
        ffi::status(CALL, code)
    }

    fn set_cluster_service_account_password(
        &self,
        cluster_name: &str,
        new_password: &str,
        flags: u32,
    ) -> Result<()> {
        const CALL: &str = "SetClusterServiceAccountPassword";
        let (name, password) = (wide(CALL, cluster_name)?, wide(CALL, new_password)?);
        // Room for every node's answer, which the trait does not return.
        let mut statuses: Vec<CLUSTER_SET_PASSWORD_STATUS> = (0..MAX_NODES)
            .map(|_| CLUSTER_SET_PASSWORD_STATUS { NodeId: 0, SetAttempted: false, ReturnStatus: 0 })
            .collect();
        let mut size = u32::try_from(size_of_val(statuses.as_slice())).unwrap_or(u32::MAX);
        // SAFETY: two NUL-terminated strings that outlive the call; `statuses` holds `size`
        // bytes of status entries for the call to write, and `size` is a valid `DWORD`.
        let code = unsafe {
            SetClusterServiceAccountPassword(
                name.ptr(),
                password.ptr(),
                flags,
                statuses.as_mut_ptr(),
                &mut size,
            )
        };
        ffi::status(CALL, code)
    }
}
