//! `GroupCalls`: `OpenClusterGroup(Ex)`, `CloseClusterGroup`, `GetClusterFromGroup`,
//! `GetClusterGroupState`, `OnlineClusterGroup`, `OfflineClusterGroup`, `MoveClusterGroup`,
//! `CreateClusterGroup(Ex)`, `DeleteClusterGroup`, `SetClusterGroupNodeList`.

use clusapi_sim::{ClusterCreateGroupInfo, GroupCalls, GroupStateInfo, HCluster, HGroup, HNode, Result};
use windows_sys::Win32::Networking::Clustering::{
    CLUSTER_CREATE_GROUP_INFO, CloseClusterGroup, CreateClusterGroup, CreateClusterGroupEx,
    DeleteClusterGroup, GetClusterFromGroup, GetClusterGroupState, MoveClusterGroup, OfflineClusterGroup,
    OnlineClusterGroup, OpenClusterGroup, OpenClusterGroupEx, SetClusterGroupNodeList,
};

use crate::WinClusterApi;
use crate::ffi::{self, Text, raw, raw_opt};
use crate::values;

impl GroupCalls for WinClusterApi {
    fn open_cluster_group(&self, hcluster: HCluster, name: &str) -> Result<HGroup> {
        // SAFETY: `open` passes a NUL-terminated name that outlives the call; the handle is
        // passed as a value (see the crate's "Soundness").
        ffi::open("OpenClusterGroup", hcluster, name, |c, n| unsafe { OpenClusterGroup(c, n) })
    }

    fn open_cluster_group_ex(
        &self,
        hcluster: HCluster,
        name: &str,
        desired_access: u32,
    ) -> Result<(HGroup, u32)> {
        ffi::open_ex("OpenClusterGroupEx", hcluster, name, desired_access, |c, n, a, g| {
            // SAFETY: a NUL-terminated name that outlives the call, and a valid `DWORD` for
            // the granted access.
            unsafe { OpenClusterGroupEx(c, n, a, g) }
        })
    }

    fn close_cluster_group(&self, handle: HGroup) -> Result<()> {
        // SAFETY: no pointer; the handle is passed as a value (see the crate's "Soundness").
        ffi::boolean("CloseClusterGroup", unsafe { CloseClusterGroup(raw(handle)) })
    }

    fn get_cluster_from_group(&self, handle: HGroup) -> Result<HCluster> {
        // SAFETY: as `close_cluster_group`.
        ffi::handle("GetClusterFromGroup", unsafe { GetClusterFromGroup(raw(handle)) })
    }

    fn get_cluster_group_state(&self, hgroup: HGroup) -> Result<GroupStateInfo> {
        const CALL: &str = "GetClusterGroupState";
        let mut owner = Text::new(self.text);
        let mut state = -1;
        ffi::fill(CALL, [&mut owner], |[o]| {
            // SAFETY: `o` is a buffer of `*o.len` characters (or NULL) with its length
            // pointer, as `fill` armed them; the handle is passed as a value.
            state = unsafe { GetClusterGroupState(raw(hgroup), o.ptr.cast(), o.len) };
            if state == -1 { ffi::last_error() } else { 0 }
        })?;
        values::group_state(values::group_state_of(state), owner.string())
    }

    fn online_cluster_group(&self, hgroup: HGroup, node: Option<HNode>) -> Result<()> {
        // SAFETY: no pointer; the handles are passed as values (NULL: no node).
        ffi::status("OnlineClusterGroup", unsafe { OnlineClusterGroup(raw(hgroup), raw_opt(node)) })
    }

    fn offline_cluster_group(&self, hgroup: HGroup) -> Result<()> {
        // SAFETY: as `close_cluster_group`.
        ffi::status("OfflineClusterGroup", unsafe { OfflineClusterGroup(raw(hgroup)) })
    }

    fn move_cluster_group(&self, hgroup: HGroup, node: Option<HNode>) -> Result<()> {
        // SAFETY: as `online_cluster_group`.
        ffi::status("MoveClusterGroup", unsafe { MoveClusterGroup(raw(hgroup), raw_opt(node)) })
    }

    fn create_cluster_group(&self, hcluster: HCluster, name: &str) -> Result<HGroup> {
        // SAFETY: `open` passes a NUL-terminated name that outlives the call; the handle is
        // passed as a value.
        ffi::open("CreateClusterGroup", hcluster, name, |c, n| unsafe { CreateClusterGroup(c, n) })
    }

    fn create_cluster_group_ex(
        &self,
        hcluster: HCluster,
        name: &str,
        group_info: Option<ClusterCreateGroupInfo>,
    ) -> Result<HGroup> {
        // `CLUSGROUP_TYPE` is an `i32` in windows-sys: the same bits as the DWORD property.
        let info = group_info.map(|i| CLUSTER_CREATE_GROUP_INFO {
            dwVersion: i.version,
            groupType: i32::from_ne_bytes(i.group_type.to_ne_bytes()),
        });
        let info_ptr = info.as_ref().map_or(std::ptr::null(), std::ptr::from_ref);
        // SAFETY: `open` passes a NUL-terminated name that outlives the call; `info_ptr` is
        // NULL or points to `info`, which lives until the call returns; the handle is passed
        // as a value.
        ffi::open("CreateClusterGroupEx", hcluster, name, |c, n| unsafe {
            CreateClusterGroupEx(c, n, info_ptr)
        })
    }

    fn delete_cluster_group(&self, hgroup: HGroup) -> Result<()> {
        // SAFETY: as `close_cluster_group`.
        ffi::status("DeleteClusterGroup", unsafe { DeleteClusterGroup(raw(hgroup)) })
    }

    fn set_cluster_group_node_list(&self, hgroup: HGroup, nodes: &[HNode]) -> Result<()> {
        const CALL: &str = "SetClusterGroupNodeList";
        let list: Vec<isize> = nodes.iter().map(|&n| raw(n)).collect();
        let count = ffi::count_of(CALL, list.len())?;
        // SAFETY: `list` holds `count` node handles (passed as values) and outlives the
        // call, which only reads it; an empty list is NULL with a count of 0.
        let code = unsafe { SetClusterGroupNodeList(raw(hgroup), count, ffi::list_ptr(&list)) };
        ffi::status(CALL, code)
    }
}
