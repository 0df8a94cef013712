//! `ClusterCalls`: `OpenCluster(Ex)`, `CloseCluster`, `GetClusterInformation`,
//! `GetClusterNetInterface`, `GetNodeClusterState`.

use clusapi_sim::{ClusterCalls, ClusterInformation, ClusterVersionInfo, HCluster, NodeClusterState, Result};
use windows_sys::Win32::Networking::Clustering::{
    CLUSTERVERSIONINFO, CloseCluster, GetClusterInformation, GetClusterNetInterface, GetNodeClusterState,
    OpenCluster, OpenClusterEx,
};

use crate::WinClusterApi;
use crate::ffi::{self, Text, wide, wide_opt};
use crate::values;

/// A fixed `WCHAR` array's string, up to its first NUL.
fn array_string(units: &[u16]) -> String {
    let end = units.iter().position(|&u| u == 0).unwrap_or(units.len());
    String::from_utf16_lossy(units.get(..end).unwrap_or_default())
}

impl ClusterCalls for WinClusterApi {
    fn open_cluster(&self, name: Option<&str>) -> Result<HCluster> {
        const CALL: &str = "OpenCluster";
        let name = wide_opt(CALL, name)?;
        // SAFETY: the name is NULL (the local cluster) or a NUL-terminated string that lives
        // across the call.
        let h = unsafe { OpenCluster(ffi::ptr_opt(name.as_ref())) };
        ffi::handle(CALL, h)
    }

    fn open_cluster_ex(&self, name: Option<&str>, desired_access: u32) -> Result<(HCluster, u32)> {
        const CALL: &str = "OpenClusterEx";
        let name = wide_opt(CALL, name)?;
        let mut granted = 0;
        // SAFETY: the name is NULL or a NUL-terminated string; `granted` is a valid `DWORD`
        // for the call to write.
        let h = unsafe { OpenClusterEx(ffi::ptr_opt(name.as_ref()), desired_access, &mut granted) };
        Ok((ffi::handle(CALL, h)?, granted))
    }

    fn close_cluster(&self, hcluster: HCluster) -> Result<()> {
        // SAFETY: no pointer; the handle is passed as a value (see the crate's "Soundness").
        ffi::boolean("CloseCluster", unsafe { CloseCluster(ffi::raw(hcluster)) })
    }

    fn get_cluster_information(&self, hcluster: HCluster) -> Result<ClusterInformation> {
        const CALL: &str = "GetClusterInformation";
        let mut info = CLUSTERVERSIONINFO {
            dwVersionInfoSize: size_of::<CLUSTERVERSIONINFO>() as u32,
            ..CLUSTERVERSIONINFO::default()
        };
        let mut name = Text::new(self.text);
        ffi::fill(CALL, [&mut name], |[n]| {
            // SAFETY: `n` is a buffer of `*n.len` characters (or NULL) with its length
            // pointer, armed by `fill`; `info` is a whole `CLUSTERVERSIONINFO` whose size
            // field says so; the handle is passed as a value.
            unsafe { GetClusterInformation(ffi::raw(hcluster), n.ptr.cast(), n.len, &mut info) }
        })?;
        let version = ClusterVersionInfo {
            major_version: info.MajorVersion,
            minor_version: info.MinorVersion,
            build_number: info.BuildNumber,
            vendor_id: array_string(&info.szVendorId),
            csd_version: array_string(&info.szCSDVersion),
            cluster_highest_version: info.dwClusterHighestVersion,
            cluster_lowest_version: info.dwClusterLowestVersion,
            flags: info.dwFlags,
        };
        values::information(name.string(), version)
    }

    fn get_cluster_net_interface(&self, hcluster: HCluster, node: &str, network: &str) -> Result<String> {
        const CALL: &str = "GetClusterNetInterface";
        let (node, network) = (wide(CALL, node)?, wide(CALL, network)?);
        ffi::string(CALL, self.text, |buf, len| {
            // SAFETY: two NUL-terminated names that outlive the call; `buf` holds `*len`
            // characters (or is NULL), as `fill` armed them; the handle is passed as a value.
            unsafe { GetClusterNetInterface(ffi::raw(hcluster), node.ptr(), network.ptr(), buf, len) }
        })
    }

    fn get_node_cluster_state(&self, node_name: Option<&str>) -> NodeClusterState {
        // A name the call cannot take, or a failed call: the simulator's answer when it
        // cannot tell, "not installed".
        let Ok(name) = wide_opt("GetNodeClusterState", node_name) else {
            return NodeClusterState::NotInstalled;
        };
        let mut state = 0;
        // SAFETY: the name is NULL (this machine) or a NUL-terminated string; `state` is a
        // valid `DWORD` for the call to write.
        let status = unsafe { GetNodeClusterState(ffi::ptr_opt(name.as_ref()), &mut state) };
        if status == 0 { values::node_cluster_state(state) } else { NodeClusterState::NotInstalled }
    }
}
