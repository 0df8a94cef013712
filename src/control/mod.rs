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

use crate::error::{Error, Result};
use crate::names::names_equal;
use crate::proplist::{PropertyList, PropertyValue, multi_sz_to_bytes, sz_to_bytes};
use crate::world::{ClusterKey, GroupKey, NetInterfaceKey, NetworkKey, NodeKey, ResourceKey, World};
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

/// `CLUS_CHAR_QUORUM`: the resource can be the quorum resource.
const CLUS_CHAR_QUORUM: u32 = 0x1;
/// `CLUS_CHAR_DELETE_REQUIRES_ALL_NODES`.
const CLUS_CHAR_DELETE_REQUIRES_ALL_NODES: u32 = 0x2;
/// `CLUS_FLAG_CORE`: a core resource or the core group.
const CLUS_FLAG_CORE: u32 = 0x1;
/// `CLUS_RESCLASS_STORAGE`, `CLUS_RESCLASS_NETWORK`.
const CLUS_RESCLASS_STORAGE: u32 = 1;
const CLUS_RESCLASS_NETWORK: u32 = 2;
/// `CLUS_RESSUBCLASS_SHARED`.
const CLUS_RESSUBCLASS_SHARED: u32 = 0x8000_0000;

impl Target {
    fn object_type(self) -> u32 {
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
    fn common(self) -> (&'static [PropDef], &'static [PropDef]) {
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
    fn private(self, world: &World) -> (&'static [PropDef], &'static [PropDef]) {
        let Self::Resource(r) = self else { return (&[], &[]) };
        let Some(r) = world.resources.get(r) else { return (&[], &[]) };
        private_of_type(&r.resource_type)
    }

    fn props(self, world: &World) -> Option<&Props> {
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
    fn with_props_mut<T>(self, world: &mut World, f: impl FnOnce(&mut Props) -> T) -> Option<T> {
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
                let sets = props.version();
                let out = f(props);
                if props.version() != sets {
                    let name = cluster.resource_types.get(i).cloned().unwrap_or_default();
                    drop(cluster);
                    world.journal.record(crate::journal::Change::PropertiesChanged {
                        object: crate::journal::Object::ResourceType(c),
                        cluster: c,
                        name,
                    });
                }
                out
            }
        })
    }

    /// The object's name and id.
    fn name_and_id(self, world: &World) -> Option<(String, String)> {
        Some(match self {
            Self::Cluster(c) => world.clusters.get(c).map(|c| (c.name.clone(), c.id.clone()))?,
            Self::Node(k) => world.nodes.get(k).map(|n| (n.name.clone(), n.id.clone()))?,
            Self::Group(k) => world.groups.get(k).map(|g| (g.name.clone(), g.id.clone()))?,
            Self::Resource(k) => world.resources.get(k).map(|r| (r.name.clone(), r.id.clone()))?,
            Self::Network(k) => world.networks.get(k).map(|n| (n.name.clone(), n.id.clone()))?,
            Self::NetInterface(k) => world
                .net_interfaces
                .get(k)
                .map(|i| (i.name.clone(), crate::world::stable_guid(&["netinterface", &i.name])))?,
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

/// The value a property of `target` has now.
fn value_of(world: &World, target: Target, def: &PropDef) -> PropertyValue {
    if let Some(v) = target.props(world).and_then(|p| p.get(def.name)) {
        return v.clone();
    }
    match def.default {
        Def::Dword(v) => PropertyValue::Dword(v),
        Def::Long(v) => PropertyValue::Long(v),
        Def::Sz(v) => PropertyValue::Sz(v.to_owned()),
        Def::ExpandSz(v) => PropertyValue::ExpandSz(v.to_owned()),
        Def::MultiSz(v) => PropertyValue::MultiSz(v.iter().map(|s| (*s).to_owned()).collect()),
        Def::Binary(v) => PropertyValue::Binary(v.to_vec()),
        Def::ULargeInteger(v) => PropertyValue::ULargeInteger(v),
        Def::LargeInteger(v) => PropertyValue::LargeInteger(v),
        Def::FileTime(v) => PropertyValue::FileTime(v),
        Def::Dynamic => dynamic(world, target, def),
    }
}

/// A property that mirrors the model: its value in the format the catalog gives it.
fn dynamic(world: &World, target: Target, def: &PropDef) -> PropertyValue {
    let text = |s: String| match def.format {
        crate::PropertyFormat::MultiSz => PropertyValue::MultiSz(vec![s]),
        crate::PropertyFormat::ExpandSz => PropertyValue::ExpandSz(s),
        _ => PropertyValue::Sz(s),
    };
    let number = |n: u32| match def.format {
        crate::PropertyFormat::Long => PropertyValue::Long(i32::try_from(n).unwrap_or(i32::MAX)),
        crate::PropertyFormat::ULargeInteger => PropertyValue::ULargeInteger(u64::from(n)),
        _ => PropertyValue::Dword(n),
    };
    let (name, id) = target.name_and_id(world).unwrap_or_default();
    let node_name = |k: NodeKey| world.nodes.get(k).map(|n| n.name.clone()).unwrap_or_default();
    match def.source {
        "name" => text(name),
        "id" => text(id),
        "cluster name" => text(
            match target {
                Target::Cluster(c) | Target::ResourceType(c, _) => {
                    world.clusters.get(c).map(|c| c.name.clone())
                }
                _ => None,
            }
            .unwrap_or_default(),
        ),
        "resource type" => text(match target {
            Target::Resource(r) => {
                world.resources.get(r).map(|r| r.resource_type.clone()).unwrap_or_default()
            }
            _ => String::new(),
        }),
        "owner node" => text(match target {
            Target::Group(g) => world.groups.get(g).map(|g| node_name(g.owner)).unwrap_or_default(),
            Target::Resource(r) => world
                .resources
                .get(r)
                .and_then(|r| world.groups.get(r.group))
                .map(|g| node_name(g.owner))
                .unwrap_or_default(),
            _ => String::new(),
        }),
        "group" => text(match target {
            Target::Resource(r) => world
                .resources
                .get(r)
                .and_then(|r| world.groups.get(r.group))
                .map(|g| g.name.clone())
                .unwrap_or_default(),
            _ => String::new(),
        }),
        "node" => text(match target {
            Target::NetInterface(i) => {
                world.net_interfaces.get(i).map(|i| node_name(i.node)).unwrap_or_default()
            }
            _ => String::new(),
        }),
        "network" => text(match target {
            Target::NetInterface(i) => world
                .net_interfaces
                .get(i)
                .and_then(|i| world.networks.get(i.network))
                .map(|n| n.name.clone())
                .unwrap_or_default(),
            _ => String::new(),
        }),
        // PauseClusterNodeEx's drain: 0 not initiated, 1 in progress, 2 completed.
        "drain status" => number(match target {
            Target::Node(n) => world.drain_status(n),
            _ => 0,
        }),
        "node id" => match target {
            Target::Node(n) => text(world.nodes.get(n).map(|n| n.id.clone()).unwrap_or_default()),
            _ => text(String::new()),
        },
        // A resource's PersistentState: 1 while it is online (it comes back online with its
        // group), else 0.
        "state" if def.name == "PersistentState" => number(match target {
            Target::Resource(k) => u32::from(
                world.resources.get(k).is_some_and(|r| r.state == crate::state::ClusterResourceState::Online),
            ),
            _ => 0,
        }),
        // ClusterNetworkRoleInternalAndClient until set.
        "network role" => number(3),
        "network address" | "network address mask" | "interface address" => addresses(world, target, def),
        // The resource monitor's process: one simulated process hosts every resource.
        "monitor process id" => number(4242),
        "dll name" => text("clusres.dll".to_owned()),
        "state" => number(match target {
            Target::Node(k) => world.nodes.get(k).map_or(0, |n| n.state.code() as u32),
            Target::Resource(k) => world.resources.get(k).map_or(0, |r| r.state.code() as u32),
            Target::Network(k) => world.networks.get(k).map_or(0, |n| n.state.code() as u32),
            Target::NetInterface(k) => world.net_interfaces.get(k).map_or(0, |i| i.state.code() as u32),
            _ => 0,
        }),
        _ => match def.format {
            crate::PropertyFormat::Dword => PropertyValue::Dword(0),
            crate::PropertyFormat::Long => PropertyValue::Long(0),
            crate::PropertyFormat::ULargeInteger => PropertyValue::ULargeInteger(0),
            crate::PropertyFormat::LargeInteger => PropertyValue::LargeInteger(0),
            crate::PropertyFormat::FileTime => PropertyValue::FileTime(0),
            crate::PropertyFormat::Binary => PropertyValue::Binary(Vec::new()),
            crate::PropertyFormat::MultiSz => PropertyValue::MultiSz(Vec::new()),
            _ => text(String::new()),
        },
    }
}

/// A `DWORD` property of `target` (common or private), set or default; `None` if the
/// object has no such property.
pub(crate) fn dword_of(world: &World, target: Target, name: &str) -> Option<u32> {
    let (rw, ro) = target.common();
    let (prw, pro) = target.private(world);
    let def = rw.iter().chain(ro).chain(prw).chain(pro).find(|d| d.name == name)?;
    match value_of(world, target, def) {
        PropertyValue::Dword(v) => Some(v),
        _ => None,
    }
}

/// Simulated addresses: network `n` of a cluster (1-based, in cluster order) is
/// `10.0.n.0/24`, and the interface of its `m`-th node is `10.0.n.m`.
fn addresses(world: &World, target: Target, def: &PropDef) -> PropertyValue {
    let network_index = |net: NetworkKey| {
        world
            .cluster_order
            .iter()
            .filter_map(|&c| world.clusters.get(c))
            .find_map(|c| c.networks.iter().position(|&n| n == net))
            .map_or(1, |i| i.saturating_add(1))
    };
    let (address, mask, prefix) = match target {
        Target::Network(n) => (format!("10.0.{}.0", network_index(n)), "255.255.255.0", 24),
        Target::NetInterface(i) => {
            let Some(iface) = world.net_interfaces.get(i) else { return PropertyValue::Sz(String::new()) };
            let host = world
                .networks
                .get(iface.network)
                .and_then(|n| n.net_interfaces.iter().position(|&k| k == i))
                .map_or(1, |p| p.saturating_add(1));
            (format!("10.0.{}.{host}", network_index(iface.network)), "255.255.255.0", 24)
        }
        _ => (String::new(), "", 0),
    };
    let value = if def.source == "network address mask" { mask.to_owned() } else { address };
    match def.format {
        crate::PropertyFormat::MultiSz if def.source == "network address mask" => {
            PropertyValue::MultiSz(vec![prefix.to_string()])
        }
        crate::PropertyFormat::MultiSz => PropertyValue::MultiSz(vec![value]),
        _ => PropertyValue::Sz(value),
    }
}

/// The list of `defs` with their current values (and, for private sets, the properties
/// set outside the catalog).
fn list(world: &World, target: Target, defs: &[PropDef], extra: bool) -> PropertyList {
    let mut out = PropertyList::new();
    for def in defs {
        out.push(def.name, value_of(world, target, def));
    }
    if extra {
        for (name, value) in target.props(world).map(Props::extra).unwrap_or_default() {
            out.push(name.clone(), value.clone());
        }
    }
    out
}

/// Every property of `target` with its current value, as the `GET_*_PROPERTIES` codes give
/// them (read-write then read-only), without a control call: the common ones, then the
/// private ones (with those set outside the catalog).
pub(crate) fn properties(world: &World, target: Target) -> (PropertyList, PropertyList) {
    let (rw, ro) = target.common();
    let (prw, pro) = target.private(world);
    let mut common = list(world, target, rw, false);
    for (n, v) in list(world, target, ro, false).iter() {
        common.push(n, v.clone());
    }
    let mut private = list(world, target, prw, false);
    for (n, v) in list(world, target, pro, true).iter() {
        private.push(n, v.clone());
    }
    (common, private)
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
fn check_set(
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

/// The registry's view of `target`'s properties: those set on it (a property never set is
/// absent from the registry, as on a real cluster, and reads its default), as `(name,
/// value)`; the common ones (the object's root key) or the private ones (`Parameters`).
pub(crate) fn registry_values(world: &World, target: Target, private: bool) -> Vec<(String, PropertyValue)> {
    let Some(props) = target.props(world) else { return Vec::new() };
    let (rw, ro) = if private { target.private(world) } else { target.common() };
    let mut out: Vec<(String, PropertyValue)> =
        rw.iter().chain(ro).filter_map(|d| Some((d.name.to_owned(), props.get(d.name)?.clone()))).collect();
    if private {
        out.extend(props.extra().iter().cloned());
    }
    out
}

/// A value written through the registry under a property's name: stored as that property
/// (`Ok(true)`), or `Ok(false)` when the name is no property and the registry keeps it.
/// A read-only or model-mirroring property, a type that does not fit the property's format,
/// or a value out of range: `ERROR_INVALID_PARAMETER`.
pub(crate) fn registry_set(
    world: &mut World,
    target: Target,
    private: bool,
    name: &str,
    value_type: u32,
    data: &[u8],
) -> Result<bool> {
    let (rw, ro) = if private { target.private(world) } else { target.common() };
    let open_ended = private && rw.is_empty() && ro.is_empty();
    let value = match rw.iter().chain(ro).find(|d| names_equal(d.name, name)) {
        Some(def) => crate::registry::from_reg(value_type, data, Some(def.format)).ok_or_else(|| {
            Error::InvalidParameter(format!("a value of type {value_type} does not fit property \"{name}\""))
        })?,
        None if open_ended => match crate::registry::from_reg(value_type, data, None) {
            Some(v) => v,
            None => return Ok(false),
        },
        None => return Ok(false),
    };
    let input = PropertyList::new().with(name, value).to_bytes();
    let sets = check_set(&input, rw, ro, open_ended)?;
    store(world, target, sets)?;
    Ok(true)
}

/// Deletes a property value through the registry (it reads its default again); whether
/// `name` was a property set on `target` (common or private as `private` says).
pub(crate) fn registry_delete(world: &mut World, target: Target, private: bool, name: &str) -> bool {
    if !registry_values(world, target, private).iter().any(|(n, _)| names_equal(n, name)) {
        return false;
    }
    target.with_props_mut(world, |p| p.remove(name)).unwrap_or(false)
}

/// Stores a checked set of values on the object, in one mutable access.
fn store(
    world: &mut World,
    target: Target,
    sets: Vec<(Option<&'static PropDef>, String, PropertyValue)>,
) -> Result<()> {
    target
        .with_props_mut(world, |props| {
            for (def, name, value) in sets {
                match def {
                    Some(def) => props.set(def.name, value),
                    None => props.set_extra(&name, value),
                }
            }
        })
        .ok_or_else(|| Error::InternalError("the object vanished".into()))
}

/// Runs control code `code` on `target`. `writable`: whether the handle may change the
/// object. Returns the output bytes (empty for a set or validate).
pub(crate) fn control(
    world: &mut World,
    target: Target,
    code: u32,
    input: &[u8],
    writable: bool,
) -> Result<Vec<u8>> {
    let unknown =
        || Error::InvalidFunction(format!("control code {code:#010x} is not supported for this object"));
    let object = code >> CLUSCTL_OBJECT_SHIFT;
    let function = code & !(0xFF << CLUSCTL_OBJECT_SHIFT);
    if code == 0 || object != target.object_type() || !FUNCTIONS.iter().any(|(_, f)| *f == function) {
        return Err(unknown());
    }
    if !applies(object, function) {
        return Err(unknown());
    }
    if function & 0b11 == CLUS_ACCESS_WRITE && !writable {
        return Err(Error::AccessDenied(format!(
            "control code {code:#010x} changes the object: the handle was opened with GENERIC_READ"
        )));
    }
    let (rw, ro) = target.common();
    let (prw, pro) = target.private(world);
    // Private sets of objects the catalog knows none for are open-ended.
    let open_private = prw.is_empty() && pro.is_empty();
    let w = &*world;
    let dword = |v: u32| v.to_le_bytes().to_vec();
    Ok(match function {
        CLCTL_GET_CHARACTERISTICS => dword(characteristics(w, target)),
        CLCTL_GET_FLAGS => dword(flags(w, target)),
        CLCTL_GET_CLASS_INFO => {
            let (class, sub) = class_info(w, target);
            [class.to_le_bytes(), sub.to_le_bytes()].concat()
        }
        CLCTL_GET_NAME => sz_to_bytes(&target.name_and_id(w).unwrap_or_default().0),
        CLCTL_GET_ID => sz_to_bytes(&target.name_and_id(w).unwrap_or_default().1),
        CLCTL_GET_RESOURCE_TYPE => match target {
            Target::Resource(r) => {
                sz_to_bytes(&w.resources.get(r).map(|r| r.resource_type.clone()).unwrap_or_default())
            }
            _ => return Err(unknown()),
        },
        CLCTL_ENUM_COMMON_PROPERTIES => multi_sz_to_bytes(&rw.iter().map(|d| d.name).collect::<Vec<_>>()),
        CLCTL_GET_COMMON_PROPERTIES => list(w, target, rw, false).to_bytes(),
        CLCTL_GET_RO_COMMON_PROPERTIES => list(w, target, ro, false).to_bytes(),
        CLCTL_GET_COMMON_PROPERTY_FMTS => list(w, target, rw, false).formats().to_bytes(),
        CLCTL_ENUM_PRIVATE_PROPERTIES => {
            let mut names: Vec<String> = prw.iter().map(|d| d.name.to_owned()).collect();
            names
                .extend(target.props(w).map(Props::extra).unwrap_or_default().iter().map(|(n, _)| n.clone()));
            multi_sz_to_bytes(&names)
        }
        CLCTL_GET_PRIVATE_PROPERTIES => list(w, target, prw, true).to_bytes(),
        CLCTL_GET_RO_PRIVATE_PROPERTIES => list(w, target, pro, false).to_bytes(),
        CLCTL_VALIDATE_COMMON_PROPERTIES => {
            check_set(input, rw, ro, false)?;
            Vec::new()
        }
        CLCTL_VALIDATE_PRIVATE_PROPERTIES => {
            check_set(input, prw, pro, open_private)?;
            Vec::new()
        }
        CLCTL_SET_COMMON_PROPERTIES | CLCTL_SET_PRIVATE_PROPERTIES => {
            let sets = if function == CLCTL_SET_COMMON_PROPERTIES {
                check_set(input, rw, ro, false)?
            } else {
                check_set(input, prw, pro, open_private)?
            };
            store(world, target, sets)?;
            Vec::new()
        }
        _ => return Err(unknown()),
    })
}

/// `CLUS_CHAR_*` of an object: a disk can be the quorum, and deleting one needs every
/// node; nothing else has characteristics the simulator models.
fn characteristics(world: &World, target: Target) -> u32 {
    let type_name = match target {
        Target::Resource(r) => world.resources.get(r).map(|r| r.resource_type.as_str()),
        Target::ResourceType(c, i) => {
            world.clusters.get(c).and_then(|c| c.resource_types.get(i)).map(String::as_str)
        }
        _ => None,
    };
    match type_name {
        Some(t) if names_equal(t, "Physical Disk") => CLUS_CHAR_QUORUM | CLUS_CHAR_DELETE_REQUIRES_ALL_NODES,
        _ => 0,
    }
}

/// `CLUS_FLAG_CORE` for the core group and its resources.
fn flags(world: &World, target: Target) -> u32 {
    let group = match target {
        Target::Group(g) => Some(g),
        Target::Resource(r) => world.resources.get(r).map(|r| r.group),
        _ => None,
    };
    let core = group
        .and_then(|g| world.groups.get(g))
        .is_some_and(|g| names_equal(&g.name, crate::world::CORE_GROUP));
    if core { CLUS_FLAG_CORE } else { 0 }
}

/// `CLUS_RESOURCE_CLASS_INFO`: storage for disks, network for addresses and names.
fn class_info(world: &World, target: Target) -> (u32, u32) {
    let type_name = match target {
        Target::Resource(r) => world.resources.get(r).map(|r| r.resource_type.clone()),
        Target::ResourceType(c, i) => world.clusters.get(c).and_then(|c| c.resource_types.get(i)).cloned(),
        _ => None,
    }
    .unwrap_or_default();
    if names_equal(&type_name, "Physical Disk") {
        (CLUS_RESCLASS_STORAGE, CLUS_RESSUBCLASS_SHARED)
    } else if ["IP Address", "IPv6 Address", "Network Name", "Distributed Network Name"]
        .iter()
        .any(|t| names_equal(t, &type_name))
    {
        (CLUS_RESCLASS_NETWORK, 0)
    } else {
        (0, 0)
    }
}
