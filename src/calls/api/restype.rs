//! Resource types as objects: `CreateClusterResourceType`, `DeleteClusterResourceType` and
//! the `ClusterResourceType*Enum` family. (`ClusterResourceTypeControl` is with the other
//! control codes.)

use crate::calls::call::Cx;
use crate::session::handle_table::Access;
use crate::session::simulator::EnumItem;
use crate::types::error::{Error, Result};
use crate::types::handle::{HCluster, HResTypeEnum};

/// `CLUSTER_RESOURCE_TYPE_ENUM_NODES`: the nodes that can host resources of the type.
pub const CLUSTER_RESOURCE_TYPE_ENUM_NODES: u32 = 0x1;
/// `CLUSTER_RESOURCE_TYPE_ENUM_RESOURCES`: the resources of the type.
pub const CLUSTER_RESOURCE_TYPE_ENUM_RESOURCES: u32 = 0x2;
/// `CLUSTER_RESOURCE_TYPE_ENUM_ALL`.
pub const CLUSTER_RESOURCE_TYPE_ENUM_ALL: u32 = 0x3;

crate::calls::call::calls! {
    /// Resource types as objects: their creation and deletion, and the
    /// `ClusterResourceType*Enum` family.
    pub trait ResourceTypeCalls;

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
    "CreateClusterResourceType" [faults(CLUSTER_CHANGE + ERROR_ALREADY_EXISTS)]
    fn create_cluster_resource_type(
        st,
        hcluster: HCluster,
        name: &str,
        display_name: &str,
        dll_name: &str,
        looks_alive_poll_interval: u32,
        is_alive_poll_interval: u32,
    ) -> () {
        let cluster = writable_cluster(st, hcluster)?;
        st.world.create_resource_type(
            cluster,
            name,
            display_name,
            dll_name,
            looks_alive_poll_interval,
            is_alive_poll_interval,
        )
    }

    /// `DeleteClusterResourceType`: removes a resource type no resource uses.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE`; `ERROR_ACCESS_DENIED`; `ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND`
    /// (5078) for a type the cluster does not have; `ERROR_DIR_NOT_EMPTY` (145) while
    /// resources of the type exist.
    "DeleteClusterResourceType" [faults(CLUSTER_CHANGE + ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND + ERROR_DIR_NOT_EMPTY)]
    fn delete_cluster_resource_type(st, hcluster: HCluster, name: &str) -> () {
        let cluster = writable_cluster(st, hcluster)?;
        st.world.delete_resource_type(cluster, name)
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
    "ClusterResourceTypeOpenEnum" [faults(NEW_HANDLE + ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND)]
    fn cluster_resource_type_open_enum(
        st,
        hcluster: HCluster,
        resource_type: &str,
        type_mask: u32,
    ) -> HResTypeEnum {
        let at = st.at;
        let (_, e) = st.resolve(hcluster)?;
        let cluster = st.cluster_of_entry(&e)?;
        let w = &st.world;
        let c = w.clusters.get(cluster).ok_or_else(|| Error::InternalError("no cluster".into()))?;
        let type_name =
            c.resource_type_names.get(resource_type).and_then(|i| c.resource_types.get(i)).ok_or_else(|| {
                Error::ClusterResourceTypeNotFound(format!(
                    "the cluster has no resource type \"{resource_type}\""
                ))
            })?;
        let mut items = Vec::new();
        if type_mask & CLUSTER_RESOURCE_TYPE_ENUM_NODES != 0 {
            items.extend(c.nodes.iter().filter_map(|&n| w.nodes.get(n)).map(|n| EnumItem {
                object_type: CLUSTER_RESOURCE_TYPE_ENUM_NODES,
                name: n.name.clone(),
                ex: None,
            }));
        }
        if type_mask & CLUSTER_RESOURCE_TYPE_ENUM_RESOURCES != 0 {
            items.extend(
                c.resources
                    .iter()
                    .filter_map(|&r| w.resources.get(r))
                    .filter(|r| crate::types::names::names_equal(&r.resource_type, type_name))
                    .map(|r| EnumItem {
                        object_type: CLUSTER_RESOURCE_TYPE_ENUM_RESOURCES,
                        name: r.name.clone(),
                        ex: None,
                    }),
            );
        }
        st.open_snapshot(items, e.scope, e.access, at)
    }

    /// `ClusterResourceTypeGetEnumCount`.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad handle.
    "ClusterResourceTypeGetEnumCount" [nofault]
    fn cluster_resource_type_get_enum_count(st, henum: HResTypeEnum) -> u32 {
        st.enum_count(henum)
    }

    /// `ClusterResourceTypeEnum`: item `index`: its type bit and name.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE`; `ERROR_NO_MORE_ITEMS` past the end.
    "ClusterResourceTypeEnum" [nofault]
    fn cluster_resource_type_enum(st, henum: HResTypeEnum, index: u32) -> (u32, String) {
        st.enum_item(henum, index)
    }

    /// `ClusterResourceTypeCloseEnum`.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a value that is not a live resource type enumeration.
    "ClusterResourceTypeCloseEnum" [nofault]
    fn cluster_resource_type_close_enum(st, henum: HResTypeEnum) -> () {
        st.close_handle(henum)
    }
}

/// The cluster behind a cluster handle that may change it.
fn writable_cluster(st: &mut Cx<'_>, hcluster: HCluster) -> Result<crate::model::world::ClusterKey> {
    let (_, e) = st.resolve(hcluster)?;
    if e.access != Access::All {
        return Err(Error::AccessDenied(format!("{}: {hcluster:?} was opened with GENERIC_READ", st.call)));
    }
    st.cluster_of_entry(&e)
}
