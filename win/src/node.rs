//! `NodeCalls`: `OpenClusterNode(Ex)`, `CloseClusterNode`, `GetClusterFromNode`,
//! `GetClusterNodeId`, `GetClusterNodeState`, `PauseClusterNode`, `ResumeClusterNode`,
//! `EvictClusterNode`.

use clusapi_sim::{ClusterNodeState, HCluster, HNode, NodeCalls, Result};
use windows_sys::Win32::Networking::Clustering::{
    CloseClusterNode, EvictClusterNode, GetClusterFromNode, GetClusterNodeId, GetClusterNodeState,
    OpenClusterNode, OpenClusterNodeEx, PauseClusterNode, ResumeClusterNode,
};

use crate::WinClusterApi;
use crate::ffi::{self, raw};
use crate::values;

impl NodeCalls for WinClusterApi {
    fn open_cluster_node(&self, hcluster: HCluster, name: &str) -> Result<HNode> {
        // SAFETY: `open` passes a NUL-terminated name that outlives the call; the handle is
        // passed as a value (see the crate's "Soundness").
        ffi::open("OpenClusterNode", hcluster, name, |c, n| unsafe { OpenClusterNode(c, n) })
    }

    fn open_cluster_node_ex(
        &self,
        hcluster: HCluster,
        name: &str,
        desired_access: u32,
    ) -> Result<(HNode, u32)> {
        ffi::open_ex("OpenClusterNodeEx", hcluster, name, desired_access, |c, n, a, g| {
            // SAFETY: a NUL-terminated name that outlives the call, and a valid `DWORD` for
            // the granted access.
            unsafe { OpenClusterNodeEx(c, n, a, g) }
        })
    }

    fn close_cluster_node(&self, hnode: HNode) -> Result<()> {
        // SAFETY: no pointer; the handle is passed as a value (see the crate's "Soundness").
        ffi::boolean("CloseClusterNode", unsafe { CloseClusterNode(raw(hnode)) })
    }

    fn get_cluster_from_node(&self, hnode: HNode) -> Result<HCluster> {
        // SAFETY: as `close_cluster_node`.
        ffi::handle("GetClusterFromNode", unsafe { GetClusterFromNode(raw(hnode)) })
    }

    fn get_cluster_node_id(&self, hnode: Option<HNode>) -> Result<String> {
        ffi::string("GetClusterNodeId", self.text, |buf, len| {
            // SAFETY: NULL (the local node) or a handle passed as a value; `buf` holds `*len`
            // characters (or is NULL), as `fill` armed them.
            unsafe { GetClusterNodeId(ffi::raw_opt(hnode), buf, len) }
        })
    }

    fn get_cluster_node_state(&self, hnode: HNode) -> Result<ClusterNodeState> {
        // SAFETY: as `close_cluster_node`.
        let state = unsafe { GetClusterNodeState(raw(hnode)) };
        ffi::state("GetClusterNodeState", state).map(values::node_state)
    }

    fn pause_cluster_node(&self, hnode: HNode) -> Result<()> {
        // SAFETY: as `close_cluster_node`.
        ffi::status("PauseClusterNode", unsafe { PauseClusterNode(raw(hnode)) })
    }

    fn resume_cluster_node(&self, hnode: HNode) -> Result<()> {
        // SAFETY: as `close_cluster_node`.
        ffi::status("ResumeClusterNode", unsafe { ResumeClusterNode(raw(hnode)) })
    }

    fn evict_cluster_node(&self, hnode: HNode) -> Result<()> {
        // SAFETY: as `close_cluster_node`.
        ffi::status("EvictClusterNode", unsafe { EvictClusterNode(raw(hnode)) })
    }
}
