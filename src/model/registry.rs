//! The cluster registry: one key tree per cluster object, as the cluster database keeps
//! it. Keys hold subkeys and typed values (raw bytes and a `REG_*` type, as Win32 stores
//! them) and a self-relative security descriptor.
//!
//! The trees live in the world (each object's `registry` field, a cluster's
//! `type_registry` for its resource types), so every change goes through the world's
//! tracked maps. The values of the properties the catalog knows are not kept here: they are
//! read from and written to the object's `Props` (see `api/registry.rs`).

use crate::model::control::Target;
use crate::model::world::{ClusterKey, World};
use crate::types::error::{Error, Result};
use crate::types::names::names_equal;
use crate::types::proplist::{PropertyFormat, PropertyValue};

/// `REG_SZ`.
pub const REG_SZ: u32 = 1;
/// `REG_EXPAND_SZ`.
pub const REG_EXPAND_SZ: u32 = 2;
/// `REG_BINARY`.
pub const REG_BINARY: u32 = 3;
/// `REG_DWORD`.
pub const REG_DWORD: u32 = 4;
/// `REG_MULTI_SZ`.
pub const REG_MULTI_SZ: u32 = 7;
/// `REG_QWORD`.
pub const REG_QWORD: u32 = 11;

/// `KEY_QUERY_VALUE`.
pub const KEY_QUERY_VALUE: u32 = 0x0001;
/// `KEY_SET_VALUE`.
pub const KEY_SET_VALUE: u32 = 0x0002;
/// `KEY_CREATE_SUB_KEY`.
pub const KEY_CREATE_SUB_KEY: u32 = 0x0004;
/// `KEY_ENUMERATE_SUB_KEYS`.
pub const KEY_ENUMERATE_SUB_KEYS: u32 = 0x0008;
/// `KEY_NOTIFY`.
pub const KEY_NOTIFY: u32 = 0x0010;
/// `KEY_READ`.
pub const KEY_READ: u32 = 0x0002_0019;
/// `KEY_WRITE`.
pub const KEY_WRITE: u32 = 0x0002_0006;
/// `KEY_ALL_ACCESS`.
pub const KEY_ALL_ACCESS: u32 = 0x000F_003F;
/// `REG_CREATED_NEW_KEY`: what `cluster_reg_create_key` reports for a new key.
pub const REG_CREATED_NEW_KEY: u32 = 1;
/// `REG_OPENED_EXISTING_KEY`: what `cluster_reg_create_key` reports for an existing key.
pub const REG_OPENED_EXISTING_KEY: u32 = 2;
/// `REG_OPTION_VOLATILE`: accepted by `cluster_reg_create_key`, kept like any key.
pub const REG_OPTION_VOLATILE: u32 = 1;

/// The access bits that let a key handle change the key: `KEY_SET_VALUE`,
/// `KEY_CREATE_SUB_KEY`, `DELETE`, `WRITE_DAC`, `WRITE_OWNER`, `MAXIMUM_ALLOWED`,
/// `GENERIC_ALL`, `GENERIC_WRITE`.
pub(crate) const WRITE_BITS: u32 = KEY_SET_VALUE
    | KEY_CREATE_SUB_KEY
    | 0x0001_0000
    | 0x0004_0000
    | 0x0008_0000
    | 0x0200_0000
    | 0x1000_0000
    | 0x4000_0000;

/// The longest key name (one path component), in characters, as Win32 allows.
pub(crate) const MAX_KEY_NAME: usize = 255;
/// The longest value name, in characters, as Win32 allows.
pub(crate) const MAX_VALUE_NAME: usize = 16_383;

/// The subkey private properties live under.
pub(crate) const PARAMETERS: &str = "Parameters";

/// One value of a key.
#[derive(Debug, Clone, PartialEq, Eq)]
// Exhaustive on purpose: the fields are what the Win32 call returns, so production
// implementations of `ClusterApi` (such as clusapi-win) build it with a struct expression.
pub struct RegValue {
    /// The value's name (`""`: the key's default value).
    pub name: String,
    /// Its `REG_*` type.
    pub value_type: u32,
    /// Its bytes, as stored.
    pub data: Vec<u8>,
}

/// What `cluster_reg_query_info_key` reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
// Exhaustive on purpose: the fields are what the Win32 call returns, so production
// implementations of `ClusterApi` (such as clusapi-win) build it with a struct expression.
pub struct RegKeyInfo {
    /// The number of subkeys.
    pub subkeys: u32,
    /// The longest subkey name, in characters (without the NUL).
    pub max_subkey_len: u32,
    /// The number of values.
    pub values: u32,
    /// The longest value name, in characters (without the NUL).
    pub max_value_name_len: u32,
    /// The largest value, in bytes.
    pub max_value_len: u32,
    /// The size of the key's security descriptor, in bytes.
    pub security_descriptor_len: u32,
    /// The last write time: always 0 (the simulator has no clock).
    pub last_write_time: u64,
}

/// A key: its name, subkeys, values and security descriptor.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct RegKey {
    pub name: String,
    pub subkeys: Vec<RegKey>,
    pub values: Vec<RegValue>,
    /// `None`: the default descriptor.
    pub security: Option<Vec<u8>>,
}

impl RegKey {
    /// An object's root key: empty but for its `Parameters` subkey.
    pub(crate) fn root() -> Self {
        Self { subkeys: vec![Self { name: PARAMETERS.to_owned(), ..Self::default() }], ..Self::default() }
    }

    pub(crate) fn subkey(&self, name: &str) -> Option<&RegKey> {
        self.subkeys.iter().find(|k| names_equal(&k.name, name))
    }

    fn subkey_mut(&mut self, name: &str) -> Option<&mut RegKey> {
        self.subkeys.iter_mut().find(|k| names_equal(&k.name, name))
    }

    /// The key at `path` (components as stored), if it exists.
    pub(crate) fn at(&self, path: &[String]) -> Option<&RegKey> {
        path.iter().try_fold(self, |k, c| k.subkey(c))
    }

    pub(crate) fn at_mut(&mut self, path: &[String]) -> Option<&mut RegKey> {
        path.iter().try_fold(self, |k, c| k.subkey_mut(c))
    }

    /// Resolves `components` under `path`, giving the stored spelling of each existing one;
    /// `None` if one is missing.
    pub(crate) fn canonical(&self, path: &[String], components: &[String]) -> Option<Vec<String>> {
        let mut key = self.at(path)?;
        let mut out = path.to_vec();
        for c in components {
            key = key.subkey(c)?;
            out.push(key.name.clone());
        }
        Some(out)
    }

    /// Creates the missing keys of `components` under `path`; the full path as stored and
    /// whether a key was created.
    pub(crate) fn create(&mut self, path: &[String], components: &[String]) -> Option<(Vec<String>, bool)> {
        let mut key = self.at_mut(path)?;
        let mut out = path.to_vec();
        let mut created = false;
        for c in components {
            if key.subkey(c).is_none() {
                key.subkeys.push(RegKey { name: c.clone(), ..RegKey::default() });
                created = true;
            }
            key = key.subkey_mut(c)?;
            out.push(key.name.clone());
        }
        Some((out, created))
    }

    pub(crate) fn value(&self, name: &str) -> Option<&RegValue> {
        self.values.iter().find(|v| names_equal(&v.name, name))
    }

    pub(crate) fn set_value(&mut self, name: &str, value_type: u32, data: &[u8]) {
        match self.values.iter_mut().find(|v| names_equal(&v.name, name)) {
            Some(v) => {
                v.value_type = value_type;
                v.data = data.to_vec();
            }
            None => self.values.push(RegValue { name: name.to_owned(), value_type, data: data.to_vec() }),
        }
    }

    pub(crate) fn delete_value(&mut self, name: &str) -> bool {
        let before = self.values.len();
        self.values.retain(|v| !names_equal(&v.name, name));
        self.values.len() != before
    }

    /// The security descriptor (the default one when none was set).
    pub(crate) fn security(&self) -> &[u8] {
        self.security.as_deref().unwrap_or(crate::model::control::catalog::MINIMAL_SECURITY_DESCRIPTOR)
    }
}

/// Splits a `\`-separated relative path; `""` is the key itself. A leading `\`, an empty
/// component, a component over 255 characters or a NUL: `ERROR_INVALID_PARAMETER`.
pub(crate) fn split_path(path: &str) -> Result<Vec<String>> {
    if path.is_empty() {
        return Ok(Vec::new());
    }
    if path.contains('\0') {
        return Err(Error::InvalidParameter("a key path with a NUL character".into()));
    }
    let mut out = Vec::new();
    for c in path.split('\\') {
        if c.is_empty() {
            return Err(Error::InvalidParameter(format!(
                "key path {path:?}: an empty component (or a leading or doubled '\\')"
            )));
        }
        if c.chars().count() > MAX_KEY_NAME {
            return Err(Error::InvalidParameter("a key name longer than 255 characters".into()));
        }
        out.push(c.to_owned());
    }
    Ok(out)
}

/// Checks a value name: at most 16,383 characters, no NUL.
pub(crate) fn check_value_name(name: &str) -> Result<()> {
    if name.contains('\0') {
        return Err(Error::InvalidParameter("a value name with a NUL character".into()));
    }
    if name.chars().count() > MAX_VALUE_NAME {
        return Err(Error::InvalidParameter("a value name longer than 16,383 characters".into()));
    }
    Ok(())
}

/// Whether `data` has the shape its type needs: 4 bytes for `REG_DWORD`, 8 for
/// `REG_QWORD`, whole UTF-16 units for the strings; other types are not checked.
pub(crate) fn check_data(value_type: u32, data: &[u8]) -> Result<()> {
    let ok = match value_type {
        REG_DWORD => data.len() == 4,
        REG_QWORD => data.len() == 8,
        REG_SZ | REG_EXPAND_SZ | REG_MULTI_SZ => data.len() % 2 == 0,
        _ => true,
    };
    if ok {
        Ok(())
    } else {
        Err(Error::InvalidParameter(format!("{} byte(s) are not a value of type {value_type}", data.len())))
    }
}

fn utf16(data: &[u8]) -> Vec<u16> {
    data.chunks_exact(2)
        .map(|c| u16::from_le_bytes([c.first().copied().unwrap_or(0), c.get(1).copied().unwrap_or(0)]))
        .collect()
}

fn wide(s: &str) -> Vec<u8> {
    s.encode_utf16().chain([0]).flat_map(u16::to_le_bytes).collect()
}

/// A property value as the registry stores it: its type and bytes.
pub(crate) fn to_reg(value: &PropertyValue) -> (u32, Vec<u8>) {
    match value {
        PropertyValue::Binary(b) => (REG_BINARY, b.clone()),
        PropertyValue::Dword(v) => (REG_DWORD, v.to_le_bytes().to_vec()),
        PropertyValue::Long(v) => (REG_DWORD, v.to_le_bytes().to_vec()),
        PropertyValue::Word(v) => (REG_DWORD, u32::from(*v).to_le_bytes().to_vec()),
        PropertyValue::Sz(s) => (REG_SZ, wide(s)),
        PropertyValue::ExpandSz(s) => (REG_EXPAND_SZ, wide(s)),
        PropertyValue::MultiSz(list) => {
            let mut out: Vec<u8> = list.iter().flat_map(|s| wide(s)).collect();
            out.extend([0, 0]);
            (REG_MULTI_SZ, out)
        }
        PropertyValue::ULargeInteger(v) | PropertyValue::FileTime(v) => (REG_QWORD, v.to_le_bytes().to_vec()),
        PropertyValue::LargeInteger(v) => (REG_QWORD, v.to_le_bytes().to_vec()),
    }
}

/// A registry value as a property of format `format` (`None`: any format the type
/// gives); `None` when the type does not fit the format or the bytes are malformed.
pub(crate) fn from_reg(
    value_type: u32,
    data: &[u8],
    format: Option<PropertyFormat>,
) -> Option<PropertyValue> {
    let string = |d: &[u8]| {
        let mut units = utf16(d);
        while units.last() == Some(&0) {
            units.pop();
        }
        String::from_utf16(&units).ok()
    };
    let four = <[u8; 4]>::try_from(data).ok();
    let eight = <[u8; 8]>::try_from(data).ok();
    use PropertyFormat as F;
    Some(match (value_type, format) {
        (REG_DWORD, None | Some(F::Dword)) => PropertyValue::Dword(u32::from_le_bytes(four?)),
        (REG_DWORD, Some(F::Long)) => PropertyValue::Long(i32::from_le_bytes(four?)),
        (REG_QWORD, None | Some(F::ULargeInteger)) => {
            PropertyValue::ULargeInteger(u64::from_le_bytes(eight?))
        }
        (REG_QWORD, Some(F::LargeInteger)) => PropertyValue::LargeInteger(i64::from_le_bytes(eight?)),
        (REG_QWORD, Some(F::FileTime)) => PropertyValue::FileTime(u64::from_le_bytes(eight?)),
        (REG_BINARY, None | Some(F::Binary)) => PropertyValue::Binary(data.to_vec()),
        (REG_SZ, None | Some(F::Sz)) => PropertyValue::Sz(string(data)?),
        (REG_EXPAND_SZ, None | Some(F::ExpandSz)) => PropertyValue::ExpandSz(string(data)?),
        (REG_MULTI_SZ, None | Some(F::MultiSz)) => {
            let units = utf16(data);
            let mut list = Vec::new();
            for part in units.split(|u| *u == 0) {
                if part.is_empty() {
                    break;
                }
                list.push(String::from_utf16(part).ok()?);
            }
            PropertyValue::MultiSz(list)
        }
        _ => return None,
    })
}

slotmap::new_key_type! {
    /// What an open key handle names.
    pub(crate) struct RegHandleKey;
}

/// What a key handle names: the object, the path under its root key, and whether it was
/// opened for writing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct OpenKey {
    pub cluster: ClusterKey,
    /// The object; a resource type's index is looked up by `type_name` on every use.
    pub target: Target,
    pub type_name: Option<String>,
    /// The path as stored (each component's spelling when it was created).
    pub path: Vec<String>,
    pub write: bool,
}

impl OpenKey {
    /// The object now (a resource type's index may have moved).
    pub(crate) fn target(&self, world: &World) -> Option<Target> {
        match (&self.type_name, self.target) {
            (Some(name), Target::ResourceType(c, _)) => {
                Some(Target::ResourceType(c, world.clusters.get(c)?.resource_type_names.get(name)?))
            }
            _ => Some(self.target),
        }
    }

    /// Whether `other` names the same object.
    pub(crate) fn same_object(&self, other: &OpenKey) -> bool {
        match (&self.type_name, &other.type_name) {
            (Some(a), Some(b)) => self.cluster == other.cluster && names_equal(a, b),
            (None, None) => self.target == other.target,
            _ => false,
        }
    }

    /// Whether this path is (`subtree`: or is under) `path`.
    pub(crate) fn watches(&self, path: &[String], subtree: bool) -> bool {
        let prefix =
            path.len() >= self.path.len() && self.path.iter().zip(path).all(|(a, b)| names_equal(a, b));
        prefix && (subtree || path.len() == self.path.len())
    }

    /// Whether the key is the object's `Parameters` subkey (its private properties).
    pub(crate) fn is_parameters(&self) -> bool {
        matches!(self.path.as_slice(), [p] if names_equal(p, PARAMETERS))
    }

    /// Whether the key holds the object's property values: the root or `Parameters`.
    pub(crate) fn mirror(&self) -> Option<bool> {
        if self.path.is_empty() {
            Some(false)
        } else if self.is_parameters() {
            Some(true)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_round_trip_through_the_registry_form() {
        for v in [
            PropertyValue::Dword(7),
            PropertyValue::Sz("abc".into()),
            PropertyValue::MultiSz(vec!["a".into(), "bc".into()]),
            PropertyValue::Binary(vec![1, 2, 3]),
            PropertyValue::ULargeInteger(1 << 40),
        ] {
            let (t, d) = to_reg(&v);
            assert_eq!(from_reg(t, &d, Some(v.format())), Some(v));
        }
    }

    #[test]
    fn paths_are_checked() {
        assert_eq!(split_path("a\\b").unwrap(), vec!["a".to_owned(), "b".to_owned()]);
        assert!(split_path("\\a").is_err());
        assert!(split_path("a\\\\b").is_err());
    }
}
