//! The answers to control codes (`Cluster*Control`) for a [`Target`]: reads built from the
//! catalog, the values set on the object and the world itself; sets checked whole before
//! any of it is stored (`check_set`, in the model); the registry's view of the same values.

use crate::model::control::catalog::{Default as Def, PropDef};
use crate::model::control::codes::*;
use crate::model::control::props::Props;
use crate::model::control::{Target, check_set};
use crate::model::world::{ClusterKey, NetworkKey, NodeKey, World};
use crate::types::error::{Error, Result};
use crate::types::names::names_equal;
use crate::types::proplist::{PropertyList, PropertyValue, multi_sz_to_bytes, sz_to_bytes};
use crate::types::state::{ClusterNodeState, ClusterResourceState as R};

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
                // A Network Name's Name and DnsName: its cluster's name until set.
                Target::Resource(r) => {
                    world.resources.get(r).and_then(|r| world.clusters.get(r.cluster)).map(|c| c.name.clone())
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
                world
                    .resources
                    .get(k)
                    .is_some_and(|r| r.state == crate::types::state::ClusterResourceState::Online),
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

/// The common properties of `target` that `names` asks for, with their current values, as
/// `ApiCreateGroupEnum` and `ApiCreateResourceEnum` return them (MS-CMRP 3.1.4.2.139,
/// 3.1.4.2.140): the read-write ones (`CLCTL_GET_COMMON_PROPERTIES`), or with `read_only`
/// the read-only ones (`CLCTL_GET_RO_COMMON_PROPERTIES`). `["*"]` asks for all of them, in
/// the catalog's order; otherwise each name the set has (case-insensitive, in the
/// catalog's spelling), in the order asked, once; a name the set does not have is left out.
pub(crate) fn selected_common(
    world: &World,
    target: Target,
    names: &[&str],
    read_only: bool,
) -> PropertyList {
    let (rw, ro) = target.common();
    let defs = if read_only { ro } else { rw };
    if names == ["*"] {
        return list(world, target, defs, false);
    }
    let mut out = PropertyList::new();
    for name in names {
        let Some(def) = defs.iter().find(|d| names_equal(d.name, name)) else { continue };
        if out.get(def.name).is_none() {
            out.push(def.name, value_of(world, target, def));
        }
    }
    out
}

/// What `CLCTL_GET_FLAGS` answers for `target`.
pub(crate) fn object_flags(world: &World, target: Target) -> u32 {
    flags(world, target)
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
        Some(def) => {
            crate::model::registry::from_reg(value_type, data, Some(def.format)).ok_or_else(|| {
                Error::InvalidParameter(format!(
                    "a value of type {value_type} does not fit property \"{name}\""
                ))
            })?
        }
        None if open_ended => match crate::model::registry::from_reg(value_type, data, None) {
            Some(v) => v,
            None => return Ok(false),
        },
        None => return Ok(false),
    };
    let input = PropertyList::new().with(name, value).to_bytes();
    let sets = check_set(&input, rw, ro, open_ended)?;
    store(world, target, sets, private)?;
    Ok(true)
}

/// Deletes a property value through the registry (it reads its default again); whether
/// `name` was a property set on `target` (common or private as `private` says).
pub(crate) fn registry_delete(world: &mut World, target: Target, private: bool, name: &str) -> bool {
    if !registry_values(world, target, private).iter().any(|(n, _)| names_equal(n, name)) {
        return false;
    }
    target
        .with_props_mut(world, |p| {
            let removed = p.remove(name);
            if removed && private {
                p.note_private();
            }
            removed
        })
        .unwrap_or(false)
}

/// Stores a checked set of values on the object, in one mutable access; `private`: they
/// are private properties (noted for V2's `*_PRIVATE_PROPERTY`).
fn store(
    world: &mut World,
    target: Target,
    sets: Vec<(Option<&'static PropDef>, String, PropertyValue)>,
    private: bool,
) -> Result<()> {
    target
        .with_props_mut(world, |props| {
            let any = !sets.is_empty();
            for (def, name, value) in sets {
                match def {
                    Some(def) => props.set(def.name, value),
                    None => props.set_extra(&name, value),
                }
            }
            if private && any {
                props.note_private();
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
    control_on(world, target, code, input, writable, None)
}

/// [`control`], run on `host` (the `hHostNode` of the call; `None`: the node that owns the
/// object): only the shared-volume codes answer differently by node.
pub(crate) fn control_on(
    world: &mut World,
    target: Target,
    code: u32,
    input: &[u8],
    writable: bool,
    host: Option<NodeKey>,
) -> Result<Vec<u8>> {
    if crate::rules::storage::answers_csv(code) {
        return crate::rules::storage::answer_csv(world, target, code, input, writable, host);
    }
    let unknown =
        || Error::InvalidFunction(format!("control code {code:#010x} is not supported for this object"));
    let object = code >> CLUSCTL_OBJECT_SHIFT;
    let function = code & !(0xFF << CLUSCTL_OBJECT_SHIFT);
    if let Some(known) = find_specific(code) {
        if object != target.object_type() {
            return Err(Error::InvalidFunction(format!(
                "{} ({code:#010x}) is not a control code for this object",
                known.name
            )));
        }
        if crate::rules::storage::answers(code) {
            return crate::rules::storage::answer(world, target, code, input);
        }
        return specific(world, target, known);
    }
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
        // As the common formats: the read-write private set, with the values set outside the
        // catalog (as CLCTL_GET_PRIVATE_PROPERTIES lists them).
        CLCTL_GET_PRIVATE_PROPERTY_FMTS => list(w, target, prw, true).formats().to_bytes(),
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
            let private = function == CLCTL_SET_PRIVATE_PROPERTIES;
            let sets = if private {
                check_set(input, prw, pro, open_private)?
            } else {
                check_set(input, rw, ro, false)?
            };
            store(world, target, sets, private)?;
            Vec::new()
        }
        // MS-CMRP 3.1.4.3.7.2: the cluster's FQDN, its name in the topology's domain.
        CLCTL_GET_FQDN => match target {
            Target::Cluster(c) => {
                let c = w.clusters.get(c).ok_or_else(|| Error::InternalError("no cluster".into()))?;
                sz_to_bytes(&format!("{}.{}", c.name, c.domain))
            }
            _ => return Err(unknown()),
        },
        CLCTL_CHECK_VOTER_EVICT | CLCTL_CHECK_VOTER_DOWN => match target {
            Target::Cluster(c) => dword(quorum_check(w, c, input, function == CLCTL_CHECK_VOTER_EVICT)?),
            _ => return Err(unknown()),
        },
        _ => return Err(unknown()),
    })
}

/// `CLUSTER_QUORUM_MAINTAINED` / `CLUSTER_QUORUM_LOST`.
const QUORUM_MAINTAINED: u32 = 0;
const QUORUM_LOST: u32 = 1;

/// `CLUSCTL_CLUSTER_CHECK_VOTER_DOWN` / `_EVICT` (MS-CMRP 3.1.4.3.7.4 and 3.1.4.3.7.3):
/// `input` is the NUL-terminated id of a node of the cluster or of its quorum (witness)
/// resource; whether stopping (`evict` false) or evicting (`evict` true) that voter loses
/// quorum. Votes are counted statically **(ours: no dynamic quorum)**: every node one, and
/// the quorum resource one when the cluster has one; a vote is active while its node is up
/// or paused, the witness's while it is online. Quorum holds while the active votes are more
/// than half of all votes; evicting a voter also removes its vote from the total.
fn quorum_check(world: &World, cluster: ClusterKey, input: &[u8], evict: bool) -> Result<u32> {
    let bad = |why: String| Error::InvalidParameter(format!("voter check: {why}"));
    // MS-CMRP: an id that names no voter is ERROR_INVALID_PARAMETER; so is one that is no
    // string at all.
    let id = crate::types::proplist::sz(input, "the voter's id").map_err(|e| bad(e.message().to_owned()))?;
    let id = id.split('\0').next().unwrap_or_default().to_owned();
    quorum_check_of(world, cluster, &id, evict)
}

/// `quorum_check` for the voter whose id is `id`.
fn quorum_check_of(world: &World, cluster: ClusterKey, id: &str, evict: bool) -> Result<u32> {
    let bad = |why: String| Error::InvalidParameter(format!("voter check: {why}"));
    let c = world.clusters.get(cluster).ok_or_else(|| Error::InternalError("no cluster".into()))?;
    let node_active = |k: NodeKey| {
        world.nodes.get(k).is_some_and(|n| matches!(n.state, ClusterNodeState::Up | ClusterNodeState::Paused))
    };
    let witness = c.quorum.as_ref().map(|q| q.resource);
    let witness_active =
        witness.is_some_and(|r| world.resources.get(r).is_some_and(|r| r.state == R::Online));
    let total = c.nodes.len().saturating_add(usize::from(witness.is_some()));
    let active =
        c.nodes.iter().filter(|&&n| node_active(n)).count().saturating_add(usize::from(witness_active));
    // The voter named, and whether its vote is active now.
    let node = c.nodes.iter().copied().find(|&n| world.nodes.get(n).is_some_and(|n| names_equal(&n.id, id)));
    let voter_active = match (node, witness) {
        (Some(n), _) => node_active(n),
        (None, Some(w)) if world.resources.get(w).is_some_and(|r| names_equal(&r.id, id)) => witness_active,
        _ => return Err(bad(format!("{id:?} is neither a node of the cluster nor its quorum resource"))),
    };
    let active_after = active.saturating_sub(usize::from(voter_active));
    let total_after = if evict { total.saturating_sub(1) } else { total };
    let kept = active_after.saturating_mul(2) > total_after;
    Ok(if kept { QUORUM_MAINTAINED } else { QUORUM_LOST })
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
    let core = match target {
        Target::Group(g) => world.is_core_group(g),
        // Only the cluster's own resources are core, not any resource of the core group.
        Target::Resource(r) => world.is_core_resource(r),
        _ => false,
    };
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

/// The value list of `CLUSCTL_*_GET_REQUIRED_DEPENDENCIES` (MS-CMRP 3.1.4.3.1.5): one
/// `CLUSPROP_SYNTAX_NAME` entry per required resource type (its length, the NUL-terminated
/// UTF-16 name, padded to 4 bytes), then `CLUSPROP_SYNTAX_ENDMARK`.
fn required_dependencies(type_name: &str) -> Vec<u8> {
    // Microsoft's docs: a Network Name requires an IP Address. No other requirement is
    // documented for the types the simulator has (ours: none).
    let required: &[&str] = if names_equal(type_name, "Network Name") { &["IP Address"] } else { &[] };
    let mut out = Vec::new();
    for name in required {
        let data = sz_to_bytes(name);
        out.extend_from_slice(&crate::types::proplist::CLUSPROP_SYNTAX_NAME.to_le_bytes());
        out.extend_from_slice(&u32::try_from(data.len()).unwrap_or(u32::MAX).to_le_bytes());
        out.extend_from_slice(&data);
        out.resize(out.len().next_multiple_of(4), 0);
    }
    out.extend_from_slice(&crate::types::proplist::CLUSPROP_SYNTAX_ENDMARK.to_le_bytes());
    out
}

/// The formats of `defs` (a property list of `WORD`s, as `*_GET_*_PROPERTY_FMTS` give them).
fn formats_of(defs: &[PropDef]) -> Vec<u8> {
    let mut out = PropertyList::new();
    for def in defs {
        out.push(def.name, PropertyValue::Word(def.format.code()));
    }
    out.to_bytes()
}

/// `CLUSTER_QUORUM_VALUE` of the witness checks: the quorum resource as the voter.
fn witness_check(world: &World, cluster: ClusterKey, evict: bool) -> Result<u32> {
    let id = world
        .clusters
        .get(cluster)
        .and_then(|c| c.quorum.as_ref())
        .and_then(|q| world.resources.get(q.resource))
        .map(|r| r.id.clone())
        .ok_or_else(|| Error::InvalidParameter("voter check: the cluster has no witness".into()))?;
    quorum_check_of(world, cluster, &id, evict)
}

/// The answer to a code of `codes::specific` (its object already checked): from the world
/// where it has the data, otherwise `ERROR_INVALID_FUNCTION` as the code's row says.
fn specific(world: &World, target: Target, known: &KnownCode) -> Result<Vec<u8>> {
    let refuse =
        |why: &str| Err(Error::InvalidFunction(format!("{} ({:#010x}): {why}", known.name, known.code)));
    if known.handling != Handling::Answered {
        return refuse(known.answer);
    }
    let dword = |v: u32| v.to_le_bytes().to_vec();
    let dwords = |v: &[u32]| v.iter().flat_map(|d| d.to_le_bytes()).collect::<Vec<u8>>();
    let resource = |t: Target| match t {
        Target::Resource(r) => world.resources.get(r),
        _ => None,
    };
    let type_name = match target {
        Target::Resource(r) => world.resources.get(r).map(|r| r.resource_type.clone()),
        Target::ResourceType(c, i) => world.clusters.get(c).and_then(|c| c.resource_types.get(i)).cloned(),
        _ => None,
    }
    .unwrap_or_default();
    let is_network_name = names_equal(&type_name, "Network Name");
    let private = |name: &str| -> Option<String> {
        let (rw, ro) = target.private(world);
        let def = rw.iter().chain(ro).find(|d| d.name == name)?;
        match value_of(world, target, def) {
            PropertyValue::Sz(s) => Some(s),
            _ => None,
        }
    };
    Ok(match (known.code, target) {
        (CLUSCTL_NETINTERFACE_GET_NODE, Target::NetInterface(i)) => {
            let iface =
                world.net_interfaces.get(i).ok_or_else(|| Error::InternalError("no interface".into()))?;
            sz_to_bytes(&world.nodes.get(iface.node).map(|n| n.name.clone()).unwrap_or_default())
        }
        (CLUSCTL_NETINTERFACE_GET_NETWORK, Target::NetInterface(i)) => {
            let iface =
                world.net_interfaces.get(i).ok_or_else(|| Error::InternalError("no interface".into()))?;
            sz_to_bytes(&world.networks.get(iface.network).map(|n| n.name.clone()).unwrap_or_default())
        }
        (CLUSCTL_RESOURCE_GET_NETWORK_NAME, _) if is_network_name => {
            sz_to_bytes(&private("Name").unwrap_or_default())
        }
        (CLUSCTL_RESOURCE_GET_DNS_NAME, _) if is_network_name => {
            let domain = resource(target)
                .and_then(|r| world.clusters.get(r.cluster))
                .map(|c| c.domain.clone())
                .unwrap_or_default();
            sz_to_bytes(&format!("{}.{domain}", private("DnsName").unwrap_or_default()))
        }
        (CLUSCTL_RESOURCE_GET_NETWORK_NAME | CLUSCTL_RESOURCE_GET_DNS_NAME, _) => {
            return refuse(&format!("a {type_name} resource has no alternate computer name (MS-CMRP)"));
        }
        (CLUSCTL_RESOURCE_GET_REQUIRED_DEPENDENCIES | CLUSCTL_RESOURCE_TYPE_GET_REQUIRED_DEPENDENCIES, _) => {
            required_dependencies(&type_name)
        }
        (CLUSCTL_RESOURCE_TYPE_GET_COMMON_RESOURCE_PROPERTY_FMTS, _) => {
            formats_of(crate::model::control::catalog::RESOURCE_COMMON)
        }
        (CLUSCTL_RESOURCE_TYPE_GET_PRIVATE_RESOURCE_PROPERTY_FMTS, _) => {
            formats_of(crate::model::control::private_of_type(&type_name).0)
        }
        // MS-CMRP 3.1.4.3.2.6: only a type that can be the quorum; Microsoft's page: 60 s.
        (CLUSCTL_RESOURCE_TYPE_GET_ARB_TIMEOUT, _) => {
            if characteristics(world, target) & CLUS_CHAR_QUORUM == 0 {
                return refuse(&format!(
                    "the type {type_name:?} lacks CLUS_CHAR_QUORUM (MS-CMRP 3.1.4.3.2.6)"
                ));
            }
            dword(60)
        }
        // RESOURCE_FAILURE_INFO_BUFFER: the simulator restarts no resource and time does not
        // run the period down, so every attempt and the whole period remain.
        (CLUSCTL_RESOURCE_GET_FAILURE_INFO, _) => {
            let threshold = dword_of(world, target, "RestartThreshold").unwrap_or(0);
            let period_ms = dword_of(world, target, "RestartPeriod").unwrap_or(0);
            dwords(&[1, threshold, period_ms.checked_div(1000).unwrap_or(0)])
        }
        // GROUP_FAILURE_INFO_BUFFER: the threshold less the failovers within the last
        // FailoverPeriod hours (as the failover lever counts them, at the simulated time the
        // session last read), and the period in hours.
        (CLUSCTL_GROUP_GET_FAILURE_INFO, Target::Group(g)) => {
            let threshold = dword_of(world, target, "FailoverThreshold").unwrap_or(0);
            let period = dword_of(world, target, "FailoverPeriod").unwrap_or(0);
            let window = std::time::Duration::from_secs(u64::from(period).saturating_mul(3600));
            let now = world.timing.now;
            let recent = world
                .groups
                .get(g)
                .map_or(0, |g| g.failovers.iter().filter(|t| now.saturating_sub(**t) < window).count());
            dwords(&[1, threshold.saturating_sub(u32::try_from(recent).unwrap_or(u32::MAX)), period])
        }
        // MS-CMRP 3.1.4.3.1.42: storage-class types only; nothing puts a simulated disk in
        // maintenance (the set is not simulated), so CLUS_MAINTENANCE_MODE_INFO is FALSE;
        // Microsoft's page: ERROR_INVALID_STATE while the disk is offline.
        (CLUSCTL_RESOURCE_QUERY_MAINTENANCE_MODE, _) => {
            if class_info(world, target).0 != CLUS_RESCLASS_STORAGE {
                return refuse(&format!(
                    "a {type_name} resource is not of the storage class (MS-CMRP 3.1.4.3.1.42)"
                ));
            }
            if !resource(target).is_some_and(|r| r.state == R::Online) {
                return Err(Error::InvalidState(format!("{}: the disk resource is not online", known.name)));
            }
            dword(0)
        }
        (
            CLUSCTL_CLUSTER_CHECK_VOTER_DOWN_WITNESS | CLUSCTL_CLUSTER_CHECK_VOTER_EVICT_WITNESS,
            Target::Cluster(c),
        ) => dword(witness_check(world, c, known.code == CLUSCTL_CLUSTER_CHECK_VOTER_EVICT_WITNESS)?),
        (CLUSCTL_NODE_GET_CLUSTER_SERVICE_ACCOUNT_NAME, _) => sz_to_bytes("NT AUTHORITY\\SYSTEM"),
        (
            CLUSCTL_RESOURCE_GET_REGISTRY_CHECKPOINTS
            | CLUSCTL_RESOURCE_GET_CRYPTO_CHECKPOINTS
            | CLUSCTL_RESOURCE_TYPE_GET_REGISTRY_CHECKPOINTS
            | CLUSCTL_RESOURCE_TYPE_GET_CRYPTO_CHECKPOINTS,
            _,
        ) => Vec::new(),
        _ => return refuse("not answered for this object"),
    })
}
