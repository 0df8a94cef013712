//! Control codes (`Cluster*Control`): what each code does to which object, over the
//! property catalog and the values objects hold.
//!
//! A code names an object type and a function (`codes`); the object a call addresses is
//! a [`Target`]. Reads build their answer from the catalog (`catalog`: names, formats,
//! defaults, read-only or not), the values set on the object (`props`) and, for the
//! properties that mirror the model (a name, an owner, a state), the world itself. Sets
//! check every property of the list before storing any: all or nothing.

pub(crate) mod catalog;
pub mod codes;
pub(crate) mod props;

use crate::model::world::{ClusterKey, GroupKey, NetInterfaceKey, NetworkKey, NodeKey, ResourceKey, World};
use crate::types::error::{Error, Result};
use crate::types::names::names_equal;
use crate::types::proplist::{PropertyList, PropertyValue};
use catalog::{Default as Def, PropDef};
use codes::*;
use props::Props;

/// The object a control code is addressed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    Cluster(ClusterKey),
    Node(NodeKey),
    Group(GroupKey),
    Resource(ResourceKey),
    Network(NetworkKey),
    NetInterface(NetInterfaceKey),
    /// A resource type of a cluster, by its index in the cluster's type list.
    ResourceType(ClusterKey, usize),
}

impl Target {
    pub(crate) fn object_type(self) -> u32 {
        match self {
            Self::Cluster(_) => CLUS_OBJECT_CLUSTER,
            Self::Node(_) => CLUS_OBJECT_NODE,
            Self::Group(_) => CLUS_OBJECT_GROUP,
            Self::Resource(_) => CLUS_OBJECT_RESOURCE,
            Self::Network(_) => CLUS_OBJECT_NETWORK,
            Self::NetInterface(_) => CLUS_OBJECT_NETINTERFACE,
            Self::ResourceType(..) => CLUS_OBJECT_RESOURCE_TYPE,
        }
    }

    /// The read-write and the read-only common properties of the kind.
    pub(crate) fn common(self) -> (&'static [PropDef], &'static [PropDef]) {
        use catalog::*;
        match self {
            Self::Cluster(_) => (CLUSTER_COMMON, CLUSTER_RO_COMMON),
            Self::Node(_) => (NODE_COMMON, NODE_RO_COMMON),
            Self::Group(_) => (GROUP_COMMON, GROUP_RO_COMMON),
            Self::Resource(_) => (RESOURCE_COMMON, RESOURCE_RO_COMMON),
            Self::Network(_) => (NETWORK_COMMON, NETWORK_RO_COMMON),
            Self::NetInterface(_) => (NETINTERFACE_COMMON, NETINTERFACE_RO_COMMON),
            Self::ResourceType(..) => (RESTYPE_COMMON, RESTYPE_RO_COMMON),
        }
    }

    /// The read-write and read-only private properties: a resource's come from its type;
    /// the simulator knows no others.
    pub(crate) fn private(self, world: &World) -> (&'static [PropDef], &'static [PropDef]) {
        let Self::Resource(r) = self else { return (&[], &[]) };
        let Some(r) = world.resources.get(r) else { return (&[], &[]) };
        private_of_type(&r.resource_type)
    }

    pub(crate) fn props(self, world: &World) -> Option<&Props> {
        Some(match self {
            Self::Cluster(c) => &world.clusters.get(c)?.props,
            Self::Node(k) => &world.nodes.get(k)?.props,
            Self::Group(k) => &world.groups.get(k)?.props,
            Self::Resource(k) => &world.resources.get(k)?.props,
            Self::Network(k) => &world.networks.get(k)?.props,
            Self::NetInterface(k) => &world.net_interfaces.get(k)?.props,
            Self::ResourceType(c, i) => world.clusters.get(c)?.type_props.get(i)?,
        })
    }

    /// Runs `f` on the object's property values (one mutable access of the object: see
    /// `world::tracked`). A resource type's values live in its cluster, so a set of them is
    /// recorded here (`RESOURCE_TYPE_PROPERTY`).
    pub(crate) fn with_props_mut<T>(self, world: &mut World, f: impl FnOnce(&mut Props) -> T) -> Option<T> {
        Some(match self {
            Self::Cluster(c) => f(&mut world.clusters.get_mut(c)?.props),
            Self::Node(k) => f(&mut world.nodes.get_mut(k)?.props),
            Self::Group(k) => f(&mut world.groups.get_mut(k)?.props),
            Self::Resource(k) => f(&mut world.resources.get_mut(k)?.props),
            Self::Network(k) => f(&mut world.networks.get_mut(k)?.props),
            Self::NetInterface(k) => f(&mut world.net_interfaces.get_mut(k)?.props),
            Self::ResourceType(c, i) => {
                let mut cluster = world.clusters.get_mut(c)?;
                let props = cluster.type_props.get_mut(i)?;
                let before = (props.version(), props.private_version());
                let out = f(props);
                let (common, private) =
                    Props::parts_changed(before, (props.version(), props.private_version()));
                if common || private {
                    let name = cluster.resource_types.get(i).cloned().unwrap_or_default();
                    drop(cluster);
                    world.journal.record(crate::model::journal::Change::PropertiesChanged {
                        object: crate::model::journal::Object::ResourceType(c),
                        cluster: c,
                        name,
                        parts: crate::model::journal::Parts { common, private, ..Default::default() },
                    });
                }
                out
            }
        })
    }

    /// The object's name and id.
    pub(crate) fn name_and_id(self, world: &World) -> Option<(String, String)> {
        Some(match self {
            Self::Cluster(c) => world.clusters.get(c).map(|c| (c.name.clone(), c.id.clone()))?,
            Self::Node(k) => world.nodes.get(k).map(|n| (n.name.clone(), n.id.clone()))?,
            Self::Group(k) => world.groups.get(k).map(|g| (g.name.clone(), g.id.clone()))?,
            Self::Resource(k) => world.resources.get(k).map(|r| (r.name.clone(), r.id.clone()))?,
            Self::Network(k) => world.networks.get(k).map(|n| (n.name.clone(), n.id.clone()))?,
            Self::NetInterface(k) => world
                .net_interfaces
                .get(k)
                .map(|i| (i.name.clone(), crate::model::world::stable_guid(&["netinterface", &i.name])))?,
            Self::ResourceType(c, i) => {
                let name = world.clusters.get(c)?.resource_types.get(i)?.clone();
                (name.clone(), name)
            }
        })
    }
}

/// The private properties of a resource type, read-write and read-only.
pub(crate) fn private_of_type(resource_type: &str) -> (&'static [PropDef], &'static [PropDef]) {
    catalog::RESOURCE_PRIVATE
        .iter()
        .find(|(t, _, _)| names_equal(t, resource_type))
        .map_or((&[], &[]), |(_, rw, ro)| (*rw, *ro))
}

/// Sets one private property of a resource of type `resource_type` (the builder and the
/// topology file): checked as `CLUSCTL_RESOURCE_SET_PRIVATE_PROPERTIES` checks it.
pub(crate) fn set_private(
    props: &mut Props,
    resource_type: &str,
    name: &str,
    value: PropertyValue,
) -> Result<()> {
    let (rw, ro) = private_of_type(resource_type);
    let input = PropertyList::new().with(name, value).to_bytes();
    for (def, name, value) in check_set(&input, rw, ro, rw.is_empty() && ro.is_empty())? {
        match def {
            Some(def) => props.set(def.name, value),
            None => props.set_extra(&name, value),
        }
    }
    Ok(())
}

/// The format a private property of `resource_type` has in the catalog, if it has one.
#[cfg(feature = "topology-file")]
pub(crate) fn private_format(resource_type: &str, name: &str) -> Option<crate::PropertyFormat> {
    let (rw, ro) = private_of_type(resource_type);
    rw.iter().chain(ro).find(|d| names_equal(d.name, name)).map(|d| d.format)
}

/// Values the behaviour model reads are checked against the range it understands.
fn in_range(name: &str, value: &PropertyValue) -> bool {
    let PropertyValue::Dword(v) = value else { return true };
    match name {
        "RestartAction" | "AutoFailbackType" | "PersistentState" => *v <= 2,
        "Role" => *v <= 3,
        _ => true,
    }
}

/// Checks every property of a set against the kind's read-write and read-only sets; the
/// properties to store, in order. `private` lets names outside the catalog through when
/// the catalog knows no private properties for the object (open-ended).
pub(crate) fn check_set(
    input: &[u8],
    rw: &'static [PropDef],
    ro: &'static [PropDef],
    open_ended: bool,
) -> Result<Vec<(Option<&'static PropDef>, String, PropertyValue)>> {
    let list = PropertyList::parse(input)?;
    if list.is_empty() {
        return Err(Error::InvalidParameter("an empty property list sets nothing".into()));
    }
    let mut out = Vec::with_capacity(list.len());
    for (name, value) in list.iter() {
        if ro.iter().any(|d| names_equal(d.name, name)) {
            return Err(Error::InvalidParameter(format!("property \"{name}\" is read-only")));
        }
        match rw.iter().find(|d| names_equal(d.name, name)) {
            Some(def) => {
                if def.format != value.format() {
                    return Err(Error::InvalidParameter(format!(
                        "property \"{name}\" is {:?}, not {:?}",
                        def.format,
                        value.format()
                    )));
                }
                // Properties that mirror the model are set through the calls that change it;
                // a description and a network's role are plain values.
                if def.default == Def::Dynamic && !matches!(def.source, "description" | "network role") {
                    return Err(Error::InvalidParameter(format!(
                        "property \"{name}\" reflects the object's {} and is set by other calls",
                        def.source
                    )));
                }
                if !in_range(def.name, value) {
                    return Err(Error::InvalidParameter(format!("{value:?} is out of range for \"{name}\"")));
                }
                out.push((Some(def), def.name.to_owned(), value.clone()));
            }
            None if open_ended => out.push((None, name.to_owned(), value.clone())),
            None => {
                return Err(Error::InvalidParameter(format!("\"{name}\" is not a property of this object")));
            }
        }
    }
    Ok(out)
}
