//! `ResourceTypeCalls`: `CreateClusterResourceType`, `DeleteClusterResourceType`, and the
//! enumeration of a resource type (`ClusterResourceTypeOpenEnum`,
//! `ClusterResourceTypeGetEnumCount`, `ClusterResourceTypeEnum`,
//! `ClusterResourceTypeCloseEnum`).

use clusapi_sim::{HCluster, HResTypeEnum, ResourceTypeCalls, Result};
use windows_sys::Win32::Networking::Clustering::{
    ClusterResourceTypeCloseEnum, ClusterResourceTypeEnum, ClusterResourceTypeGetEnumCount,
    ClusterResourceTypeOpenEnum, CreateClusterResourceType, DeleteClusterResourceType,
};

use crate::WinClusterApi;
use crate::ffi::{self, raw, wide};

impl ResourceTypeCalls for WinClusterApi {
    fn create_cluster_resource_type(
        &self,
        hcluster: HCluster,
        name: &str,
        display_name: &str,
        dll_name: &str,
        looks_alive_poll_interval: u32,
        is_alive_poll_interval: u32,
    ) -> Result<()> {
        const CALL: &str = "CreateClusterResourceType";
        let (name, display, dll) = (wide(CALL, name)?, wide(CALL, display_name)?, wide(CALL, dll_name)?);
        // SAFETY: three NUL-terminated strings that outlive the call; the handle is passed
        // as a value (see the crate's "Soundness").
        let code = unsafe {
            CreateClusterResourceType(
                raw(hcluster),
                name.ptr(),
                display.ptr(),
                dll.ptr(),
                looks_alive_poll_interval,
                is_alive_poll_interval,
            )
        };
        ffi::status(CALL, code)
    }

    fn delete_cluster_resource_type(&self, hcluster: HCluster, name: &str) -> Result<()> {
        const CALL: &str = "DeleteClusterResourceType";
        let name = wide(CALL, name)?;
        // SAFETY: a NUL-terminated name that outlives the call; the handle is passed as a
        // value.
        ffi::status(CALL, unsafe { DeleteClusterResourceType(raw(hcluster), name.ptr()) })
    }

    fn cluster_resource_type_open_enum(
        &self,
        hcluster: HCluster,
        resource_type: &str,
        type_mask: u32,
    ) -> Result<HResTypeEnum> {
        const CALL: &str = "ClusterResourceTypeOpenEnum";
        let name = wide(CALL, resource_type)?;
        // SAFETY: as `delete_cluster_resource_type`.
        let h = unsafe { ClusterResourceTypeOpenEnum(raw(hcluster), name.ptr(), type_mask) };
        ffi::handle(CALL, h)
    }

    fn cluster_resource_type_get_enum_count(&self, henum: HResTypeEnum) -> Result<u32> {
        // SAFETY: no pointer; the handle is passed as a value.
        ffi::count("ClusterResourceTypeGetEnumCount", || unsafe {
            ClusterResourceTypeGetEnumCount(raw(henum))
        })
    }

    fn cluster_resource_type_enum(&self, henum: HResTypeEnum, index: u32) -> Result<(u32, String)> {
        ffi::item("ClusterResourceTypeEnum", self.text, |t, b, l| {
            // SAFETY: `ffi::item` hands out a `DWORD` for the type, a buffer of `*l`
            // characters (or NULL) and its length pointer; the handle is passed as a value.
            unsafe { ClusterResourceTypeEnum(raw(henum), index, t, b, l) }
        })
    }

    fn cluster_resource_type_close_enum(&self, henum: HResTypeEnum) -> Result<()> {
        // SAFETY: no pointer; the handle is passed as a value.
        ffi::status("ClusterResourceTypeCloseEnum", unsafe { ClusterResourceTypeCloseEnum(raw(henum)) })
    }
}
