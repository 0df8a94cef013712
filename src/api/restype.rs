//! Resource types as objects: `CreateClusterResourceType`, `DeleteClusterResourceType` and
//! the `ClusterResourceType*Enum` family. (`ClusterResourceTypeControl` is with the other
//! control codes.)

use std::panic::Location;

use crate::error::{Error, Result};
use crate::handle::{HCluster, HResTypeEnum};
use crate::handle_table::Access;
use crate::simulator::EnumItem;
use crate::simulator::Simulator;

/// `CLUSTER_RESOURCE_TYPE_ENUM_NODES`: the nodes that can host resources of the type.
pub const CLUSTER_RESOURCE_TYPE_ENUM_NODES: u32 = 0x1;
/// `CLUSTER_RESOURCE_TYPE_ENUM_RESOURCES`: the resources of the type.
pub const CLUSTER_RESOURCE_TYPE_ENUM_RESOURCES: u32 = 0x2;
/// `CLUSTER_RESOURCE_TYPE_ENUM_ALL`.
pub const CLUSTER_RESOURCE_TYPE_ENUM_ALL: u32 = 0x3;

impl Simulator {
    /// `CreateClusterResourceType`: registers a resource type with the cluster: its name,
    /// display name (the type's `Name` property), DLL and poll intervals (its common
    /// properties).
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE`; `ERROR_ACCESS_DENIED` through a `GENERIC_READ` handle;
    /// `ERROR_INVALID_PARAMETER` for an empty name or one with a NUL; `ERROR_ALREADY_EXISTS`
    /// (183) for a type the cluster has (any case), which clients such as SAP MaxDB tolerate.
    ///
    /// ```
    /// use clusapi_sim::{Simulator, CLUSTER_ENUM_RESTYPE};
    ///
    /// let sim = Simulator::default();
    /// let c = sim.open_cluster(None)?;
    /// sim.create_cluster_resource_type(c, "My Service", "My Service (display)", "mysvc.dll", 5000, 60000)?;
    /// assert_eq!(sim.create_cluster_resource_type(c, "my service", "", "", 0, 0).unwrap_err().code(), 183);
    /// sim.delete_cluster_resource_type(c, "My Service")?;
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn create_cluster_resource_type(
        &self,
        hcluster: HCluster,
        name: &str,
        display_name: &str,
        dll_name: &str,
        looks_alive_poll_interval: u32,
        is_alive_poll_interval: u32,
    ) -> Result<()> {
        let result = (|| {
            let at = Location::caller();
            let mut st = self.lock();
            let cluster = writable_cluster(&mut st, hcluster, "create_cluster_resource_type", at)?;
            st.world.create_resource_type(
                cluster,
                name,
                display_name,
                dll_name,
                looks_alive_poll_interval,
                is_alive_poll_interval,
            )
        })();
        self.record(
            "create_cluster_resource_type",
            || format!("{hcluster:?}, {name:?}, {display_name:?}, {dll_name:?}, {looks_alive_poll_interval}, {is_alive_poll_interval}"),
            &result,
        );
        result
    }

    /// `DeleteClusterResourceType`: removes a resource type no resource uses.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE`; `ERROR_ACCESS_DENIED`; `ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND`
    /// (5078) for a type the cluster does not have; `ERROR_DIR_NOT_EMPTY` (145) while
    /// resources of the type exist.
    #[track_caller]
    pub fn delete_cluster_resource_type(&self, hcluster: HCluster, name: &str) -> Result<()> {
        let result = (|| {
            let at = Location::caller();
            let mut st = self.lock();
            let cluster = writable_cluster(&mut st, hcluster, "delete_cluster_resource_type", at)?;
            st.world.delete_resource_type(cluster, name)
        })();
        self.record("delete_cluster_resource_type", || format!("{hcluster:?}, {name:?}"), &result);
        result
    }

    /// `ClusterResourceTypeOpenEnum`: a snapshot of the nodes that can host resources of the
    /// type (`CLUSTER_RESOURCE_TYPE_ENUM_NODES`: every node of the cluster) and of the
    /// resources of the type (`CLUSTER_RESOURCE_TYPE_ENUM_RESOURCES`), in that order.
    /// Unknown bits are ignored.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE`; `ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND` for an unknown type;
    /// `ERROR_NOT_ENOUGH_MEMORY` when the handle table is full.
    #[track_caller]
    pub fn cluster_resource_type_open_enum(
        &self,
        hcluster: HCluster,
        resource_type: &str,
        type_mask: u32,
    ) -> Result<HResTypeEnum> {
        let result = (|| {
            let at = Location::caller();
            let call = "cluster_resource_type_open_enum";
            let mut st = self.lock();
            let (_, e) = st.resolve(hcluster, call, at)?;
            let cluster = st.cluster_of_entry(&e)?;
            let w = &st.world;
            let c = w.clusters.get(cluster).ok_or_else(|| Error::InternalError("no cluster".into()))?;
            let type_name =
                c.resource_type_names.get(resource_type).and_then(|i| c.resource_types.get(i)).ok_or_else(
                    || {
                        Error::ClusterResourceTypeNotFound(format!(
                            "the cluster has no resource type \"{resource_type}\""
                        ))
                    },
                )?;
            let mut items = Vec::new();
            if type_mask & CLUSTER_RESOURCE_TYPE_ENUM_NODES != 0 {
                items.extend(c.nodes.iter().filter_map(|&n| w.nodes.get(n)).map(|n| EnumItem {
                    object_type: CLUSTER_RESOURCE_TYPE_ENUM_NODES,
                    name: n.name.clone(),
                }));
            }
            if type_mask & CLUSTER_RESOURCE_TYPE_ENUM_RESOURCES != 0 {
                items.extend(
                    c.resources
                        .iter()
                        .filter_map(|&r| w.resources.get(r))
                        .filter(|r| crate::names::names_equal(&r.resource_type, type_name))
                        .map(|r| EnumItem {
                            object_type: CLUSTER_RESOURCE_TYPE_ENUM_RESOURCES,
                            name: r.name.clone(),
                        }),
                );
            }
            st.open_snapshot(items, e.scope, e.access, at)
        })();
        self.record(
            "cluster_resource_type_open_enum",
            || format!("{hcluster:?}, {resource_type:?}, {type_mask:?}"),
            &result,
        );
        result
    }

    /// `ClusterResourceTypeGetEnumCount`.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad handle.
    #[track_caller]
    pub fn cluster_resource_type_get_enum_count(&self, henum: HResTypeEnum) -> Result<u32> {
        let result = self.enum_count("cluster_resource_type_get_enum_count", henum);
        self.record("cluster_resource_type_get_enum_count", || format!("{henum:?}"), &result);
        result
    }

    /// `ClusterResourceTypeEnum`: item `index`: its type bit and name.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE`; `ERROR_NO_MORE_ITEMS` past the end.
    #[track_caller]
    pub fn cluster_resource_type_enum(&self, henum: HResTypeEnum, index: u32) -> Result<(u32, String)> {
        let result = self.enum_item("cluster_resource_type_enum", henum, index);
        self.record("cluster_resource_type_enum", || format!("{henum:?}, {index:?}"), &result);
        result
    }

    /// `ClusterResourceTypeCloseEnum`.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a value that is not a live resource type enumeration.
    #[track_caller]
    pub fn cluster_resource_type_close_enum(&self, henum: HResTypeEnum) -> Result<()> {
        let result = self.close_handle("cluster_resource_type_close_enum", henum);
        self.record("cluster_resource_type_close_enum", || format!("{henum:?}"), &result);
        result
    }
}

/// The cluster behind a cluster handle that may change it.
fn writable_cluster(
    st: &mut crate::simulator::State,
    hcluster: HCluster,
    call: &'static str,
    at: &'static Location<'static>,
) -> Result<crate::world::ClusterKey> {
    let (_, e) = st.resolve(hcluster, call, at)?;
    if e.access != Access::All {
        return Err(Error::AccessDenied(format!("{call}: {hcluster:?} was opened with GENERIC_READ")));
    }
    st.cluster_of_entry(&e)
}
