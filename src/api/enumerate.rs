//! Enumerations: `ClusterOpenEnum` and `ClusterNetworkOpenEnum` with their count, item and
//! close functions. An enumeration is a snapshot taken when it opens; objects created or
//! deleted afterwards do not change it.

use std::panic::Location;

use slotmap::Key;

use crate::error::{Error, Result};
use crate::handle::{HClusEnum, HCluster, HNetwork, HNetworkEnum, Handle};
use crate::simulator::{EnumItem, Simulator, SnapshotKey, State};
use crate::world::{Cluster, ClusterKey, NetworkKey, World};

/// `CLUSTER_ENUM_NODE`: nodes.
pub const CLUSTER_ENUM_NODE: u32 = 0x1;
/// `CLUSTER_ENUM_RESTYPE`: resource types.
pub const CLUSTER_ENUM_RESTYPE: u32 = 0x2;
/// `CLUSTER_ENUM_RESOURCE`: resources.
pub const CLUSTER_ENUM_RESOURCE: u32 = 0x4;
/// `CLUSTER_ENUM_GROUP`: groups.
pub const CLUSTER_ENUM_GROUP: u32 = 0x8;
/// `CLUSTER_ENUM_NETWORK`: networks.
pub const CLUSTER_ENUM_NETWORK: u32 = 0x10;
/// `CLUSTER_ENUM_NETINTERFACE`: network interfaces.
pub const CLUSTER_ENUM_NETINTERFACE: u32 = 0x20;
/// `CLUSTER_ENUM_SHARED_VOLUME_GROUP`: groups of cluster shared volumes (the simulator
/// has none).
pub const CLUSTER_ENUM_SHARED_VOLUME_GROUP: u32 = 0x2000_0000;
/// `CLUSTER_ENUM_SHARED_VOLUME_RESOURCE`: cluster shared volume resources; must be used
/// alone (the simulator has none).
pub const CLUSTER_ENUM_SHARED_VOLUME_RESOURCE: u32 = 0x4000_0000;
/// `CLUSTER_ENUM_INTERNAL_NETWORK`: networks in internal-use priority order; must be used
/// alone.
pub const CLUSTER_ENUM_INTERNAL_NETWORK: u32 = 0x8000_0000;
/// `CLUSTER_ENUM_ALL`: the six object kinds.
pub const CLUSTER_ENUM_ALL: u32 = 0x3F;
/// `CLUSTER_NETWORK_ENUM_NETINTERFACES`: a network's interfaces.
pub const CLUSTER_NETWORK_ENUM_NETINTERFACES: u32 = 0x1;
/// `CLUSTER_NETWORK_ENUM_ALL`.
pub const CLUSTER_NETWORK_ENUM_ALL: u32 = 0x1;

/// The items `ClusterOpenEnum(type_mask)` lists, in type-bit order, each kind in creation
/// order.
fn cluster_items(world: &World, c: &Cluster, type_mask: u32) -> Vec<EnumItem> {
    let mut items = Vec::new();
    let mut add = |bit: u32, names: &mut dyn Iterator<Item = &str>| {
        if type_mask & bit != 0 {
            items.extend(names.map(|name| EnumItem { object_type: bit, name: name.to_owned() }));
        }
    };
    add(CLUSTER_ENUM_NODE, &mut c.nodes.iter().filter_map(|&k| world.nodes.get(k)).map(|o| o.name.as_str()));
    add(CLUSTER_ENUM_RESTYPE, &mut c.resource_types.iter().map(String::as_str));
    add(
        CLUSTER_ENUM_RESOURCE,
        &mut c.resources.iter().filter_map(|&k| world.resources.get(k)).map(|o| o.name.as_str()),
    );
    add(
        CLUSTER_ENUM_GROUP,
        &mut c.groups.iter().filter_map(|&k| world.groups.get(k)).map(|o| o.name.as_str()),
    );
    let networks = || c.networks.iter().filter_map(|&k| world.networks.get(k)).map(|o| o.name.as_str());
    add(CLUSTER_ENUM_NETWORK, &mut networks());
    add(
        CLUSTER_ENUM_NETINTERFACE,
        &mut c.net_interfaces.iter().filter_map(|&k| world.net_interfaces.get(k)).map(|o| o.name.as_str()),
    );
    // Every simulated network is used for cluster traffic, in the topology's order.
    add(CLUSTER_ENUM_INTERNAL_NETWORK, &mut networks());
    items
}

/// Checks a `ClusterOpenEnum` type mask: at least one known bit, no unknown bits, and the
/// two "alone" bits alone.
fn check_cluster_mask(type_mask: u32) -> Result<()> {
    let combinable = CLUSTER_ENUM_ALL | CLUSTER_ENUM_SHARED_VOLUME_GROUP;
    let alone = [CLUSTER_ENUM_SHARED_VOLUME_RESOURCE, CLUSTER_ENUM_INTERNAL_NETWORK];
    if (type_mask != 0 && type_mask & !combinable == 0) || alone.contains(&type_mask) {
        Ok(())
    } else {
        Err(Error::InvalidParameter(format!(
            "enumeration type {type_mask:#010x}: expected CLUSTER_ENUM_* bits (0x3F, \
             0x20000000), or 0x40000000 or 0x80000000 alone"
        )))
    }
}

/// An enumeration handle type.
pub(crate) trait EnumHandle: Handle {}
impl EnumHandle for HClusEnum {}
impl EnumHandle for HNetworkEnum {}

impl State {
    /// The snapshot behind an enumeration handle.
    fn snapshot<H: EnumHandle>(
        &mut self,
        h: H,
        call: &'static str,
        at: &'static Location<'static>,
    ) -> Result<&Vec<EnumItem>> {
        let (_, e) = self.resolve(h, call, at)?;
        self.snapshots
            .get(SnapshotKey::from(e.object))
            .ok_or_else(|| Error::InternalError(format!("{h:?} has no snapshot")))
    }

    /// Stores a snapshot and opens an enumeration handle of kind `H` on it, in `scope`.
    fn open_snapshot<H: EnumHandle>(
        &mut self,
        items: Vec<EnumItem>,
        scope: crate::handle_table::ScopeKey,
        access: crate::handle_table::Access,
        at: &'static Location<'static>,
    ) -> Result<H> {
        let key = self.snapshots.insert(items);
        match self.handles.open_in_scope(scope, H::KIND, key.data(), access, at) {
            Ok(raw) => H::from_raw(raw).ok_or_else(|| Error::InternalError("NULL handle".into())),
            Err(e) => {
                self.snapshots.remove(key);
                Err(e)
            }
        }
    }
}

impl Simulator {
    /// `ClusterOpenEnum`: a snapshot of the cluster's objects of the kinds in `type_mask`
    /// (`CLUSTER_ENUM_*` bits), nodes first, then resource types, resources, groups,
    /// networks and network interfaces, each kind in creation order.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad handle; `ERROR_INVALID_PARAMETER` (87) for a mask of
    /// 0, unknown bits, or `CLUSTER_ENUM_SHARED_VOLUME_RESOURCE` /
    /// `CLUSTER_ENUM_INTERNAL_NETWORK` combined with other bits.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::{Simulator, CLUSTER_ENUM_GROUP, CLUSTER_ENUM_NODE};
    ///
    /// let sim = Simulator::default();
    /// let c = sim.open_cluster(None)?;
    /// let e = sim.cluster_open_enum(c, CLUSTER_ENUM_NODE | CLUSTER_ENUM_GROUP)?;
    /// let mut names = Vec::new();
    /// for i in 0..sim.cluster_get_enum_count(e)? {
    ///     names.push(sim.cluster_enum(e, i)?.1);
    /// }
    /// assert_eq!(names, ["NODE1", "NODE2", "Cluster Group", "Available Storage"]);
    /// assert_eq!(sim.cluster_enum(e, 4).unwrap_err().code(), 259); // ERROR_NO_MORE_ITEMS
    /// sim.cluster_close_enum(e)?;
    /// sim.close_cluster(c)?;
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn cluster_open_enum(&self, hcluster: HCluster, type_mask: u32) -> Result<HClusEnum> {
        let at = Location::caller();
        let mut st = self.lock();
        let (_, e) = st.resolve(hcluster, "cluster_open_enum", at)?;
        check_cluster_mask(type_mask)?;
        let w = &st.world;
        let Some(c) = w.clusters.get(ClusterKey::from(e.object)) else {
            return Err(Error::RpcServerUnavailable("the cluster is gone".into()));
        };
        let items = cluster_items(w, c, type_mask);
        st.open_snapshot(items, e.scope, e.access, at)
    }

    /// `ClusterGetEnumCount`: the number of items in the snapshot.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad handle.
    #[track_caller]
    pub fn cluster_get_enum_count(&self, henum: HClusEnum) -> Result<u32> {
        let mut st = self.lock();
        let items = st.snapshot(henum, "cluster_get_enum_count", Location::caller())?;
        Ok(u32::try_from(items.len()).unwrap_or(u32::MAX))
    }

    /// `ClusterEnum`: item `index` (from 0) of the snapshot: its `CLUSTER_ENUM_*` type bit
    /// and its name.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad handle; `ERROR_NO_MORE_ITEMS` (259) for an index at
    /// or past the count.
    #[track_caller]
    pub fn cluster_enum(&self, henum: HClusEnum, index: u32) -> Result<(u32, String)> {
        let mut st = self.lock();
        let items = st.snapshot(henum, "cluster_enum", Location::caller())?;
        item(items, index)
    }

    /// `ClusterCloseEnum`: closes the enumeration and frees its snapshot.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a value that is not a live enumeration handle.
    #[track_caller]
    pub fn cluster_close_enum(&self, henum: HClusEnum) -> Result<()> {
        self.close_handle("cluster_close_enum", henum)
    }

    /// `ClusterNetworkOpenEnum`: a snapshot of the network's interfaces
    /// (`CLUSTER_NETWORK_ENUM_NETINTERFACES`). As on real servers, unknown bits are
    /// ignored (a mask without bit 0 enumerates nothing).
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad handle; `ERROR_CLUSTER_NETWORK_NOT_FOUND` if the
    /// network was deleted.
    #[track_caller]
    pub fn cluster_network_open_enum(&self, hnetwork: HNetwork, type_mask: u32) -> Result<HNetworkEnum> {
        let at = Location::caller();
        let mut st = self.lock();
        let (_, e) = st.resolve(hnetwork, "cluster_network_open_enum", at)?;
        let key = NetworkKey::from(st.object(hnetwork, e.object)?);
        let w = &st.world;
        let items = match w.networks.get(key) {
            Some(n) if type_mask & CLUSTER_NETWORK_ENUM_NETINTERFACES != 0 => n
                .net_interfaces
                .iter()
                .filter_map(|&i| w.net_interfaces.get(i))
                .map(|i| EnumItem { object_type: CLUSTER_NETWORK_ENUM_NETINTERFACES, name: i.name.clone() })
                .collect(),
            _ => Vec::new(),
        };
        st.open_snapshot(items, e.scope, e.access, at)
    }

    /// `ClusterNetworkGetEnumCount`: the number of items in the snapshot.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad handle.
    #[track_caller]
    pub fn cluster_network_get_enum_count(&self, henum: HNetworkEnum) -> Result<u32> {
        let mut st = self.lock();
        let items = st.snapshot(henum, "cluster_network_get_enum_count", Location::caller())?;
        Ok(u32::try_from(items.len()).unwrap_or(u32::MAX))
    }

    /// `ClusterNetworkEnum`: item `index` of the snapshot: its type bit
    /// (`CLUSTER_NETWORK_ENUM_NETINTERFACES`) and the interface's name.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad handle; `ERROR_NO_MORE_ITEMS` past the end.
    #[track_caller]
    pub fn cluster_network_enum(&self, henum: HNetworkEnum, index: u32) -> Result<(u32, String)> {
        let mut st = self.lock();
        let items = st.snapshot(henum, "cluster_network_enum", Location::caller())?;
        item(items, index)
    }

    /// `ClusterNetworkCloseEnum`: closes the enumeration and frees its snapshot.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a value that is not a live network enumeration handle.
    #[track_caller]
    pub fn cluster_network_close_enum(&self, henum: HNetworkEnum) -> Result<()> {
        self.close_handle("cluster_network_close_enum", henum)
    }
}

fn item(items: &[EnumItem], index: u32) -> Result<(u32, String)> {
    items.get(index as usize).map(|i| (i.object_type, i.name.clone())).ok_or_else(|| {
        Error::NoMoreItems(format!("index {index} of an enumeration of {} item(s)", items.len()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks() {
        for ok in [1, 0x3F, 0x21, 0x2000_0001, 0x4000_0000, 0x8000_0000] {
            assert!(check_cluster_mask(ok).is_ok(), "{ok:#x}");
        }
        for bad in [0, 0x40, 0x80, 0x100, 0x4000_0001, 0x8000_0010, 0xC000_0000] {
            assert!(check_cluster_mask(bad).is_err(), "{bad:#x}");
        }
    }
}
