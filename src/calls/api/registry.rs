//! The cluster registry calls: `GetCluster*Key`, `ClusterReg*`.
//!
//! A key handle (`HKey`) names an object's root key and a path under it; it is an entry of
//! the handle table like any other, in the scope of the handle it was opened through, so it
//! keeps its connection alive. What it names is kept in `State::reg_keys`.
//!
//! The values of the properties the catalog knows are the object's property values: the
//! common ones are values of its root key, the private ones values of its `Parameters`
//! subkey (as a real cluster keeps them). Reads and writes of those names go to the
//! object's `Props`; every other value lives in the key tree.
//!
//! Registry events (`CLUSTER_CHANGE_REGISTRY_*`): the calls that change a key record the
//! change in the journal (`crate::model::journal`), where it takes its place among the call's
//! other changes.

use std::panic::Location;

use slotmap::{Key as _, KeyData};

use crate::model::control::Target;
use crate::model::registry::{
    PARAMETERS, REG_CREATED_NEW_KEY, REG_OPENED_EXISTING_KEY, REG_OPTION_VOLATILE, RegKey, RegKeyInfo,
    RegValue, WRITE_BITS, check_data, check_value_name, split_path, to_reg,
};
use crate::model::world::{ClusterKey, World};
use crate::session::handle_table::{Access, EntryKey, ScopeKey};
use crate::session::notify::change;
use crate::session::simulator::State;
use crate::types::error::{Error, Result};
use crate::types::handle::{HCluster, HGroup, HKey, HNetInterface, HNetwork, HNode, HResource};
use crate::types::names::names_equal;

use super::ObjectKind;

pub(crate) use crate::model::registry::{OpenKey, RegHandleKey};

fn tree(world: &World, target: Target) -> Option<&RegKey> {
    Some(match target {
        Target::Cluster(c) => &world.clusters.get(c)?.registry,
        Target::Node(k) => &world.nodes.get(k)?.registry,
        Target::Group(k) => &world.groups.get(k)?.registry,
        Target::Resource(k) => &world.resources.get(k)?.registry,
        Target::Network(k) => &world.networks.get(k)?.registry,
        Target::NetInterface(k) => &world.net_interfaces.get(k)?.registry,
        Target::ResourceType(c, i) => world.clusters.get(c)?.type_registry.get(i)?,
    })
}

/// Runs `f` on the object's key tree (one mutable access of the object: see `world::tracked`).
fn with_tree_mut<T>(world: &mut World, target: Target, f: impl FnOnce(&mut RegKey) -> T) -> Option<T> {
    Some(match target {
        Target::Cluster(c) => f(&mut world.clusters.get_mut(c)?.registry),
        Target::Node(k) => f(&mut world.nodes.get_mut(k)?.registry),
        Target::Group(k) => f(&mut world.groups.get_mut(k)?.registry),
        Target::Resource(k) => f(&mut world.resources.get_mut(k)?.registry),
        Target::Network(k) => f(&mut world.networks.get_mut(k)?.registry),
        Target::NetInterface(k) => f(&mut world.net_interfaces.get_mut(k)?.registry),
        Target::ResourceType(c, i) => f(world.clusters.get_mut(c)?.type_registry.get_mut(i)?),
    })
}

/// Whether a `REGSAM` asks for a right that changes the key.
fn wants_write(sam: u32) -> bool {
    sam & WRITE_BITS != 0
}

fn gone() -> Error {
    Error::FileNotFound("the key (or its object) was deleted".into())
}

/// A key's values as the registry shows them: the properties set on the object (root key:
/// common, `Parameters`: private) first, then the key's own values.
fn values_of(world: &World, ok: &OpenKey, target: Target, key: &RegKey) -> Vec<RegValue> {
    let mut out: Vec<RegValue> = match ok.mirror() {
        Some(private) => crate::rules::control::registry_values(world, target, private)
            .into_iter()
            .map(|(name, v)| {
                let (value_type, data) = to_reg(&v);
                RegValue { name, value_type, data }
            })
            .collect(),
        None => Vec::new(),
    };
    out.extend(key.values.iter().cloned());
    out
}

fn len_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl State {
    /// Opens a key handle in `scope`.
    fn open_key(
        &mut self,
        scope: ScopeKey,
        ok: OpenKey,
        access: Access,
        at: &'static Location<'static>,
    ) -> Result<HKey> {
        let k = self.reg_keys.insert(ok);
        match self.handles.open_in_scope(scope, crate::HandleKind::Key, k.data(), access, at) {
            Ok(raw) => HKey::from_raw(raw).ok_or_else(|| Error::InternalError("NULL handle".into())),
            Err(e) => {
                self.reg_keys.remove(k);
                Err(e)
            }
        }
    }

    /// A key handle: its entry, what it names, and the object now; the key must exist.
    fn key(
        &mut self,
        h: HKey,
        call: &'static str,
        at: &'static Location<'static>,
    ) -> Result<(EntryKey, crate::session::handle_table::Entry, OpenKey, Target)> {
        let (ek, e) = self.resolve(h, call, at)?;
        let ok = self
            .reg_keys
            .get(RegHandleKey::from(e.object))
            .cloned()
            .ok_or_else(|| Error::InternalError(format!("{h:?} names no key")))?;
        let target = ok.target(&self.world).ok_or_else(gone)?;
        if tree(&self.world, target).and_then(|t| t.at(&ok.path)).is_none() {
            return Err(gone());
        }
        Ok((ek, e, ok, target))
    }

    /// A key handle that may change the key.
    fn writable_key(
        &mut self,
        h: HKey,
        call: &'static str,
        at: &'static Location<'static>,
    ) -> Result<(crate::session::handle_table::Entry, OpenKey, Target)> {
        let (_, e, ok, target) = self.key(h, call, at)?;
        if !ok.write {
            return Err(Error::AccessDenied(format!(
                "{call}: {h:?} was opened without write access (KEY_READ)"
            )));
        }
        Ok((e, ok, target))
    }

    /// Records a registry change (see `journal`): the key `ok` names, `scope` the key whose
    /// contents changed. Delivered to ports registered on the cluster and to those
    /// registered on a key of the same object that watches `scope`.
    fn registry_event(&mut self, ok: &OpenKey, scope: &[String], filter: u32, name: &str) {
        if self.world.journal.recording() {
            self.world.journal.record(crate::model::journal::Change::RegistryChanged {
                key: ok.clone(),
                scope: scope.to_vec(),
                filter,
                name: name.to_owned(),
            });
        }
    }

    /// `GetCluster*Key` for an object handle.
    fn object_key<H: ObjectKind>(
        &mut self,
        h: H,
        sam: u32,
        target: impl FnOnce(KeyData, ClusterKey) -> Target,
        call: &'static str,
        at: &'static Location<'static>,
    ) -> Result<HKey> {
        let (_, e) = self.resolve(h, call, at)?;
        let object = self.object(h, e.object)?;
        let cluster = self.cluster_of_entry(&e)?;
        let write = wants_write(sam);
        if write && e.access != Access::All {
            return Err(Error::AccessDenied(format!(
                "{call}: write access through {h:?}, opened with GENERIC_READ"
            )));
        }
        let ok =
            OpenKey { cluster, target: target(object, cluster), type_name: None, path: Vec::new(), write };
        self.open_key(e.scope, ok, e.access, at)
    }
}

impl crate::calls::call::Cx<'_> {
    /// `GetClusterKey` (`type_name` `None`) and `GetClusterResourceTypeKey`: the root key of
    /// the cluster or of its resource type `type_name`.
    fn cluster_key(&mut self, hcluster: HCluster, type_name: Option<&str>, sam: u32) -> Result<HKey> {
        let (call, at) = (self.call, self.at);
        let cluster = self.cluster_of(hcluster, call, at)?;
        let (_, e) = self.resolve(hcluster)?;
        let write = wants_write(sam);
        if write && e.access != Access::All {
            return Err(Error::AccessDenied(format!(
                "{call}: write access through {hcluster:?}, opened with GENERIC_READ"
            )));
        }
        let (target, type_name) = match type_name {
            None => (Target::Cluster(cluster), None),
            Some(name) => {
                let c = self.world.cluster(cluster)?;
                let found =
                    c.resource_type_names.get(name).and_then(|i| Some((i, c.resource_types.get(i)?.clone())));
                let Some((i, stored)) = found else {
                    return Err(Error::ClusterResourceTypeNotFound(format!(
                        "the cluster has no resource type \"{name}\""
                    )));
                };
                (Target::ResourceType(cluster, i), Some(stored))
            }
        };
        let ok = OpenKey { cluster, target, type_name, path: Vec::new(), write };
        self.open_key(e.scope, ok, e.access, at)
    }
}

crate::calls::call::calls! {
    /// The cluster registry: `GetCluster*Key` (an object's root key) and the `ClusterReg*`
    /// calls on key handles.
    pub trait RegistryCalls;

    /// `GetClusterNodeKey`: the node's root key.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad handle; the object's "not available" code if it was
    /// deleted; `ERROR_ACCESS_DENIED` for write access (`KEY_WRITE`, `KEY_ALL_ACCESS`, ...)
    /// through a `GENERIC_READ` handle; `ERROR_NOT_ENOUGH_MEMORY` when the table is full.
    "GetClusterNodeKey" [faults(NODE_CHANGE + ERROR_NOT_ENOUGH_MEMORY)]
    fn get_cluster_node_key(st, hnode: HNode, #[hex] sam: u32) -> HKey {
        let (call, at) = (st.call, st.at);
        st.object_key(hnode, sam, |k, _| Target::Node(k.into()), call, at)
    }

    /// `GetClusterGroupKey`: the group's root key (its common properties are values of it,
    /// its private ones values of `Parameters`).
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad handle; the object's "not available" code if it was
    /// deleted; `ERROR_ACCESS_DENIED` for write access (`KEY_WRITE`, `KEY_ALL_ACCESS`, ...)
    /// through a `GENERIC_READ` handle; `ERROR_NOT_ENOUGH_MEMORY` when the table is full.
    "GetClusterGroupKey" [faults(GROUP_CHANGE + ERROR_NOT_ENOUGH_MEMORY)]
    fn get_cluster_group_key(st, hgroup: HGroup, #[hex] sam: u32) -> HKey {
        let (call, at) = (st.call, st.at);
        st.object_key(hgroup, sam, |k, _| Target::Group(k.into()), call, at)
    }

    /// `GetClusterResourceKey`: the resource's root key (common properties: values of it;
    /// private ones: values of `Parameters`).
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad handle; the object's "not available" code if it was
    /// deleted; `ERROR_ACCESS_DENIED` for write access (`KEY_WRITE`, `KEY_ALL_ACCESS`, ...)
    /// through a `GENERIC_READ` handle; `ERROR_NOT_ENOUGH_MEMORY` when the table is full.
    "GetClusterResourceKey" [faults(RESOURCE_CHANGE + ERROR_NOT_ENOUGH_MEMORY)]
    fn get_cluster_resource_key(st, hresource: HResource, #[hex] sam: u32) -> HKey {
        let (call, at) = (st.call, st.at);
        st.object_key(hresource, sam, |k, _| Target::Resource(k.into()), call, at)
    }

    /// `GetClusterNetworkKey`: the network's root key.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad handle; the object's "not available" code if it was
    /// deleted; `ERROR_ACCESS_DENIED` for write access (`KEY_WRITE`, `KEY_ALL_ACCESS`, ...)
    /// through a `GENERIC_READ` handle; `ERROR_NOT_ENOUGH_MEMORY` when the table is full.
    "GetClusterNetworkKey" [faults(NETWORK_CHANGE + ERROR_NOT_ENOUGH_MEMORY)]
    fn get_cluster_network_key(st, hnetwork: HNetwork, #[hex] sam: u32) -> HKey {
        let (call, at) = (st.call, st.at);
        st.object_key(hnetwork, sam, |k, _| Target::Network(k.into()), call, at)
    }

    /// `GetClusterNetInterfaceKey`: the network interface's root key.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad handle; the object's "not available" code if it was
    /// deleted; `ERROR_ACCESS_DENIED` for write access (`KEY_WRITE`, `KEY_ALL_ACCESS`, ...)
    /// through a `GENERIC_READ` handle; `ERROR_NOT_ENOUGH_MEMORY` when the table is full.
    "GetClusterNetInterfaceKey" [faults(NET_INTERFACE + ERROR_ACCESS_DENIED + ERROR_NOT_ENOUGH_MEMORY)]
    fn get_cluster_net_interface_key(st, hnet_interface: HNetInterface, #[hex] sam: u32) -> HKey {
        let (call, at) = (st.call, st.at);
        st.object_key(hnet_interface, sam, |k, _| Target::NetInterface(k.into()), call, at)
    }

    /// `GetClusterKey`: the cluster's root key.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad handle; `ERROR_ACCESS_DENIED` for write access
    /// through a `GENERIC_READ` connection; `ERROR_NOT_ENOUGH_MEMORY` when the table is full.
    "GetClusterKey" [faults(CLUSTER_CHANGE + ERROR_NOT_ENOUGH_MEMORY)]
    fn get_cluster_key(st, hcluster: HCluster, #[hex] sam: u32) -> HKey {
        st.cluster_key(hcluster, None, sam)
    }

    /// `GetClusterResourceTypeKey`: the root key of the cluster's resource type
    /// `type_name` (any case).
    ///
    /// # Errors
    ///
    /// Those of [`get_cluster_key`](Self::get_cluster_key);
    /// `ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND` (5078) for a type the cluster does not have.
    "GetClusterResourceTypeKey" [faults(CLUSTER_CHANGE + ERROR_NOT_ENOUGH_MEMORY + ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND)]
    fn get_cluster_resource_type_key(st, hcluster: HCluster, type_name: &str, #[hex] sam: u32) -> HKey {
        st.cluster_key(hcluster, Some(type_name), sam)
    }

    /// `ClusterRegOpenKey`: a new handle to the subkey `sub_key` (`\`-separated, any case,
    /// no leading `\`; `""`: the key itself).
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad handle; `ERROR_FILE_NOT_FOUND` (2) if the key or
    /// the subkey does not exist; `ERROR_INVALID_PARAMETER` for a malformed path;
    /// `ERROR_ACCESS_DENIED` for write access through a `GENERIC_READ` connection.
    "ClusterRegOpenKey" [faults(KEY_CHANGE + ERROR_NOT_ENOUGH_MEMORY)]
    fn cluster_reg_open_key(st, hkey: HKey, sub_key: &str, #[hex] sam: u32) -> HKey {
        let (call, at) = (st.call, st.at);
        let (_, e, ok, target) = st.key(hkey, call, at)?;
        let components = split_path(sub_key)?;
        let write = wants_write(sam);
        if write && e.access != Access::All {
            return Err(Error::AccessDenied(format!(
                "{call}: write access through a GENERIC_READ connection"
            )));
        }
        let path = tree(&st.world, target)
            .and_then(|t| t.canonical(&ok.path, &components))
            .ok_or_else(|| Error::FileNotFound(format!("no subkey \"{sub_key}\"")))?;
        let child = OpenKey { path, write, ..ok };
        st.open_key(e.scope, child, e.access, at)
    }

    /// `ClusterRegCreateKey`: opens the subkey, creating it (and the keys on its path) if
    /// missing; with `REG_CREATED_NEW_KEY` (1) or `REG_OPENED_EXISTING_KEY` (2). `options`:
    /// `REG_OPTION_NON_VOLATILE` (0) or `REG_OPTION_VOLATILE` (1). Raises
    /// `CLUSTER_CHANGE_REGISTRY_NAME` when a key is created.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE`; `ERROR_ACCESS_DENIED` through a key opened for reading or a
    /// `GENERIC_READ` connection; `ERROR_INVALID_PARAMETER` for an empty or malformed
    /// path or other options; `ERROR_FILE_NOT_FOUND` if the key was deleted.
    "ClusterRegCreateKey" [faults(KEY_CHANGE + ERROR_NOT_ENOUGH_MEMORY)]
    fn cluster_reg_create_key(st, hkey: HKey, sub_key: &str, #[hex] options: u32, #[hex] sam: u32) -> (HKey, u32) {
        let (call, at) = (st.call, st.at);
        let (e, ok, target) = st.writable_key(hkey, call, at)?;
        let components = split_path(sub_key)?;
        if components.is_empty() {
            return Err(Error::InvalidParameter("cluster_reg_create_key: an empty subkey name".into()));
        }
        if options & !REG_OPTION_VOLATILE != 0 {
            return Err(Error::InvalidParameter(format!("cluster_reg_create_key: options {options:#x}")));
        }
        let write = wants_write(sam);
        if write && e.access != Access::All {
            return Err(Error::AccessDenied(format!(
                "{call}: write access through a GENERIC_READ connection"
            )));
        }
        let existing = tree(&st.world, target).and_then(|t| t.canonical(&ok.path, &components));
        let (path, created) = match existing {
            Some(path) => (path, false),
            None => with_tree_mut(&mut st.world, target, |t| t.create(&ok.path, &components))
                .flatten()
                .ok_or_else(gone)?,
        };
        let child = OpenKey { path: path.clone(), write, ..ok.clone() };
        let h = match st.open_key(e.scope, child, e.access, at) {
            Ok(h) => h,
            Err(err) => {
                // Leave the tree as it was.
                if created {
                    with_tree_mut(&mut st.world, target, |t| remove_created(t, &ok.path, &components));
                }
                return Err(err);
            }
        };
        if created {
            let parent = path.get(..path.len().saturating_sub(1)).unwrap_or_default();
            st.registry_event(&ok, parent, change::REGISTRY_NAME, &path.join("\\"));
        }
        Ok((h, if created { REG_CREATED_NEW_KEY } else { REG_OPENED_EXISTING_KEY }))
    }

    /// `ClusterRegDeleteKey`: deletes the subkey `sub_key`, which must have no subkeys
    /// (as `RegDeleteKey`). Raises `CLUSTER_CHANGE_REGISTRY_NAME`. Handles to the deleted
    /// key stay open and answer `ERROR_FILE_NOT_FOUND`.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE`; `ERROR_ACCESS_DENIED` through a key opened for reading, for a
    /// key that has subkeys, and for the root key's `Parameters` (which holds the private
    /// properties); `ERROR_FILE_NOT_FOUND` for a missing key; `ERROR_INVALID_PARAMETER` for
    /// an empty or malformed path.
    "ClusterRegDeleteKey" [faults(KEY_CHANGE)]
    fn cluster_reg_delete_key(st, hkey: HKey, sub_key: &str) -> () {
        let (call, at) = (st.call, st.at);
        let (_, ok, target) = st.writable_key(hkey, call, at)?;
        let components = split_path(sub_key)?;
        if components.is_empty() {
            return Err(Error::InvalidParameter("cluster_reg_delete_key: an empty subkey name".into()));
        }
        let path = tree(&st.world, target)
            .and_then(|t| t.canonical(&ok.path, &components))
            .ok_or_else(|| Error::FileNotFound(format!("no subkey \"{sub_key}\"")))?;
        let (Some((last, parent)), Some(key)) =
            (path.split_last(), tree(&st.world, target).and_then(|t| t.at(&path)))
        else {
            return Err(gone());
        };
        if !key.subkeys.is_empty() {
            return Err(Error::AccessDenied(format!("key \"{}\" has subkeys", path.join("\\"))));
        }
        if parent.is_empty() && names_equal(last, PARAMETERS) {
            return Err(Error::AccessDenied("the Parameters key holds the private properties".into()));
        }
        with_tree_mut(&mut st.world, target, |t| {
            if let Some(p) = t.at_mut(parent) {
                p.subkeys.retain(|k| !names_equal(&k.name, last));
            }
        });
        st.registry_event(&ok, parent, change::REGISTRY_NAME, &path.join("\\"));
        Ok(())
    }

    /// `ClusterRegSetValue`: sets a value (`REG_SZ` 1, `REG_EXPAND_SZ` 2, `REG_BINARY` 3,
    /// `REG_DWORD` 4, `REG_MULTI_SZ` 7, `REG_QWORD` 11, or any other type, kept as bytes).
    /// A property's name on the root key (common) or `Parameters` (private) sets the
    /// property. Raises `CLUSTER_CHANGE_REGISTRY_VALUE`.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE`; `ERROR_ACCESS_DENIED` through a key opened for reading;
    /// `ERROR_INVALID_PARAMETER` for a `REG_DWORD` that is not 4 bytes, a `REG_QWORD`
    /// not 8, a string of odd length, a NUL in the name, a name over 16,383 characters,
    /// and for a property's name with a type that does not fit it, a read-only property or
    /// a value out of range; `ERROR_FILE_NOT_FOUND` if the key was deleted.
    "ClusterRegSetValue" [faults(KEY_CHANGE)]
    fn cluster_reg_set_value(st, hkey: HKey, value_name: &str, value_type: u32, data: &[u8]) -> () {
        let (call, at) = (st.call, st.at);
        let (_, ok, target) = st.writable_key(hkey, call, at)?;
        check_value_name(value_name)?;
        check_data(value_type, data)?;
        let stored = match ok.mirror() {
            Some(private) => {
                crate::rules::control::registry_set(&mut st.world, target, private, value_name, value_type, data)?
            }
            None => false,
        };
        if !stored {
            with_tree_mut(&mut st.world, target, |t| t.at_mut(&ok.path).map(|k| k.set_value(value_name, value_type, data)))
                .flatten()
                .ok_or_else(gone)?;
        }
        st.registry_event(&ok, &ok.path, change::REGISTRY_VALUE, &ok.path.join("\\"));
        Ok(())
    }

    /// `ClusterRegDeleteValue`: deletes a value (a property's: it reads its default again).
    /// Raises `CLUSTER_CHANGE_REGISTRY_VALUE`.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE`; `ERROR_ACCESS_DENIED` through a key opened for reading;
    /// `ERROR_FILE_NOT_FOUND` for a missing value (or key).
    "ClusterRegDeleteValue" [faults(KEY_CHANGE)]
    fn cluster_reg_delete_value(st, hkey: HKey, value_name: &str) -> () {
        let (call, at) = (st.call, st.at);
        let (_, ok, target) = st.writable_key(hkey, call, at)?;
        let in_props = ok.mirror().is_some_and(|private| {
            crate::rules::control::registry_values(&st.world, target, private)
                .iter()
                .any(|(n, _)| names_equal(n, value_name))
        });
        let in_tree = tree(&st.world, target)
            .and_then(|t| t.at(&ok.path))
            .is_some_and(|k| k.value(value_name).is_some());
        if !in_props && !in_tree {
            return Err(Error::FileNotFound(format!("no value \"{value_name}\"")));
        }
        if let (true, Some(private)) = (in_props, ok.mirror()) {
            crate::rules::control::registry_delete(&mut st.world, target, private, value_name);
        }
        if in_tree {
            with_tree_mut(&mut st.world, target, |t| {
                if let Some(k) = t.at_mut(&ok.path) {
                    k.delete_value(value_name);
                }
            });
        }
        st.registry_event(&ok, &ok.path, change::REGISTRY_VALUE, &ok.path.join("\\"));
        Ok(())
    }

    /// `ClusterRegEnumKey`: the name of the `index`-th subkey (creation order).
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE`; `ERROR_NO_MORE_ITEMS` (259) past the end;
    /// `ERROR_FILE_NOT_FOUND` if the key was deleted.
    "ClusterRegEnumKey" [faults(KEY + ERROR_NO_MORE_ITEMS)]
    fn cluster_reg_enum_key(st, hkey: HKey, index: u32) -> String {
        let (call, at) = (st.call, st.at);
        let (_, _, ok, target) = st.key(hkey, call, at)?;
        let key = tree(&st.world, target).and_then(|t| t.at(&ok.path)).ok_or_else(gone)?;
        usize::try_from(index)
            .ok()
            .and_then(|i| key.subkeys.get(i))
            .map(|k| k.name.clone())
            .ok_or_else(|| Error::NoMoreItems(format!("subkey index {index} is past the end")))
    }

    /// `ClusterRegEnumValue`: the `index`-th value: the properties set on the object first
    /// (root key: common, `Parameters`: private), then the key's values in creation order.
    ///
    /// # Errors
    ///
    /// As [`cluster_reg_enum_key`](Self::cluster_reg_enum_key).
    "ClusterRegEnumValue" [faults(KEY + ERROR_NO_MORE_ITEMS)]
    fn cluster_reg_enum_value(st, hkey: HKey, index: u32) -> RegValue {
        let (call, at) = (st.call, st.at);
        let (_, _, ok, target) = st.key(hkey, call, at)?;
        let key = tree(&st.world, target).and_then(|t| t.at(&ok.path)).ok_or_else(gone)?;
        let values = values_of(&st.world, &ok, target, key);
        usize::try_from(index)
            .ok()
            .and_then(|i| values.into_iter().nth(i))
            .ok_or_else(|| Error::NoMoreItems(format!("value index {index} is past the end")))
    }

    /// `ClusterRegQueryValue`: a value's type and bytes (`""`: the default value).
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE`; `ERROR_FILE_NOT_FOUND` for a missing value (a property never
    /// set is not in the registry: it reads its default through the control codes).
    "ClusterRegQueryValue" [faults(KEY)]
    fn cluster_reg_query_value(st, hkey: HKey, value_name: &str) -> RegValue {
        let (call, at) = (st.call, st.at);
        let (_, _, ok, target) = st.key(hkey, call, at)?;
        let key = tree(&st.world, target).and_then(|t| t.at(&ok.path)).ok_or_else(gone)?;
        values_of(&st.world, &ok, target, key)
            .into_iter()
            .find(|v| names_equal(&v.name, value_name))
            .ok_or_else(|| Error::FileNotFound(format!("no value \"{value_name}\"")))
    }

    /// `ClusterRegQueryInfoKey`: counts and sizes of the key's subkeys and values, and the
    /// size of its security descriptor; the last write time is always 0.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE`; `ERROR_FILE_NOT_FOUND` if the key was deleted.
    "ClusterRegQueryInfoKey" [faults(KEY)]
    fn cluster_reg_query_info_key(st, hkey: HKey) -> RegKeyInfo {
        let (call, at) = (st.call, st.at);
        let (_, _, ok, target) = st.key(hkey, call, at)?;
        let key = tree(&st.world, target).and_then(|t| t.at(&ok.path)).ok_or_else(gone)?;
        let values = values_of(&st.world, &ok, target, key);
        let units = |s: &str| s.encode_utf16().count();
        Ok(RegKeyInfo {
            subkeys: len_u32(key.subkeys.len()),
            max_subkey_len: len_u32(key.subkeys.iter().map(|k| units(&k.name)).max().unwrap_or(0)),
            values: len_u32(values.len()),
            max_value_name_len: len_u32(values.iter().map(|v| units(&v.name)).max().unwrap_or(0)),
            max_value_len: len_u32(values.iter().map(|v| v.data.len()).max().unwrap_or(0)),
            security_descriptor_len: len_u32(key.security().len()),
            last_write_time: 0,
        })
    }

    /// `ClusterRegGetKeySecurity`: the key's self-relative security descriptor (a small
    /// default one until set). `security_information` is not used: the whole descriptor is
    /// returned.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE`; `ERROR_FILE_NOT_FOUND` if the key was deleted.
    "ClusterRegGetKeySecurity" [faults(KEY)]
    fn cluster_reg_get_key_security(st, hkey: HKey, security_information: u32) -> Vec<u8> {
        let (call, at) = (st.call, st.at);
        let (_, _, ok, target) = st.key(hkey, call, at)?;
        let key = tree(&st.world, target).and_then(|t| t.at(&ok.path)).ok_or_else(gone)?;
        Ok(key.security().to_vec())
    }

    /// `ClusterRegSetKeySecurity`: replaces the key's security descriptor, which must be a
    /// self-relative descriptor (revision 1, `SE_SELF_RELATIVE` set, offsets within it).
    /// Raises `CLUSTER_CHANGE_REGISTRY_ATTRIBUTES`.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE`; `ERROR_ACCESS_DENIED` through a key opened for reading;
    /// `ERROR_INVALID_PARAMETER` for a malformed descriptor; `ERROR_FILE_NOT_FOUND` if the
    /// key was deleted.
    "ClusterRegSetKeySecurity" [faults(KEY_CHANGE)]
    fn cluster_reg_set_key_security(st, hkey: HKey, security_information: u32, descriptor: &[u8]) -> () {
        let (call, at) = (st.call, st.at);
        let (_, ok, target) = st.writable_key(hkey, call, at)?;
        check_descriptor(descriptor)?;
        with_tree_mut(&mut st.world, target, |t| t.at_mut(&ok.path).map(|k| k.security = Some(descriptor.to_vec())))
            .flatten()
            .ok_or_else(gone)?;
        st.registry_event(&ok, &ok.path, change::REGISTRY_ATTRIBUTES, &ok.path.join("\\"));
        Ok(())
    }

    /// `ClusterRegCloseKey`: closes a key handle.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad handle.
    "ClusterRegCloseKey" [nofault]
    fn cluster_reg_close_key(st, hkey: HKey) -> () {
        st.close_handle(hkey)
    }
}

/// Undoes what `create` added: the first missing component (and the branch under it).
fn remove_created(root: &mut RegKey, path: &[String], components: &[String]) {
    let mut key_path = path.to_vec();
    for c in components {
        let Some(k) = root.at_mut(&key_path) else { return };
        match k.subkey(c) {
            Some(s) if s.subkeys.is_empty() && s.values.is_empty() && key_path.len() >= path.len() => {
                // An empty leaf: it is the first of the fresh branch only if nothing is under
                // it, which `create` guarantees for the keys it added.
                if components.last().is_some_and(|l| names_equal(l, c)) {
                    k.subkeys.retain(|s| !names_equal(&s.name, c));
                    return;
                }
            }
            Some(_) => {}
            None => return,
        }
        key_path.push(c.clone());
    }
}

/// A minimal check of a self-relative `SECURITY_DESCRIPTOR`: at least the 20-byte header,
/// revision 1, `SE_SELF_RELATIVE` (0x8000) in the control word, and owner, group, SACL and
/// DACL offsets either 0 or within the descriptor.
fn check_descriptor(sd: &[u8]) -> Result<()> {
    let bad =
        |why: &str| Err(Error::InvalidParameter(format!("not a self-relative security descriptor: {why}")));
    let (Some(&revision), Some(control)) = (sd.first(), sd.get(2..4)) else {
        return bad("shorter than its header");
    };
    if sd.len() < 20 {
        return bad("shorter than its header");
    }
    if revision != 1 {
        return bad("revision is not 1");
    }
    let control =
        u16::from_le_bytes([control.first().copied().unwrap_or(0), control.get(1).copied().unwrap_or(0)]);
    if control & 0x8000 == 0 {
        return bad("SE_SELF_RELATIVE is not set");
    }
    for field in 0..4_usize {
        let start = field.saturating_mul(4).saturating_add(4);
        let Some(b) = sd.get(start..start.saturating_add(4)) else { return bad("truncated") };
        let offset = u32::from_le_bytes([
            b.first().copied().unwrap_or(0),
            b.get(1).copied().unwrap_or(0),
            b.get(2).copied().unwrap_or(0),
            b.get(3).copied().unwrap_or(0),
        ]);
        let offset = usize::try_from(offset).unwrap_or(usize::MAX);
        if offset != 0 && (offset < 20 || offset >= sd.len()) {
            return bad("an offset outside the descriptor");
        }
    }
    Ok(())
}
