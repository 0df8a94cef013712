//! `CLUSCTL_*` control codes, composed as `clusapi.h` composes them: access mode in bits
//! 0-1, function number from bit 2, the modify flag at bit 22, the object type from bit 24.

/// `CLUS_ACCESS_ANY`.
pub const CLUS_ACCESS_ANY: u32 = 0;
/// `CLUS_ACCESS_READ`.
pub const CLUS_ACCESS_READ: u32 = 1;
/// `CLUS_ACCESS_WRITE`.
pub const CLUS_ACCESS_WRITE: u32 = 2;
/// `CLUSCTL_FUNCTION_SHIFT`.
pub const CLUSCTL_FUNCTION_SHIFT: u32 = 2;
/// `CLCTL_MODIFY_SHIFT`: the bit that marks a code that changes the object.
pub const CLCTL_MODIFY_SHIFT: u32 = 22;
/// `CLUSCTL_OBJECT_SHIFT`.
pub const CLUSCTL_OBJECT_SHIFT: u32 = 24;

/// `CLUS_OBJECT_RESOURCE`.
pub const CLUS_OBJECT_RESOURCE: u32 = 1;
/// `CLUS_OBJECT_RESOURCE_TYPE`.
pub const CLUS_OBJECT_RESOURCE_TYPE: u32 = 2;
/// `CLUS_OBJECT_GROUP`.
pub const CLUS_OBJECT_GROUP: u32 = 3;
/// `CLUS_OBJECT_NODE`.
pub const CLUS_OBJECT_NODE: u32 = 4;
/// `CLUS_OBJECT_NETWORK`.
pub const CLUS_OBJECT_NETWORK: u32 = 5;
/// `CLUS_OBJECT_NETINTERFACE`.
pub const CLUS_OBJECT_NETINTERFACE: u32 = 6;
/// `CLUS_OBJECT_CLUSTER`.
pub const CLUS_OBJECT_CLUSTER: u32 = 7;

/// `CLCTL_EXTERNAL_CODE(function, access, modify)`.
#[must_use]
pub const fn clctl(function: u32, access: u32, modify: bool) -> u32 {
    access | (function << CLUSCTL_FUNCTION_SHIFT) | ((modify as u32) << CLCTL_MODIFY_SHIFT)
}

/// The code of `clctl` (a `CLCTL_*` value) for an object type (`CLUS_OBJECT_*`).
#[must_use]
pub const fn clusctl(object: u32, clctl: u32) -> u32 {
    (object << CLUSCTL_OBJECT_SHIFT) | clctl
}

macro_rules! functions {
    ($( $(#[$doc:meta])* $name:ident = ($f:expr, $access:ident, $modify:expr); )*) => {
        $( $(#[$doc])* pub const $name: u32 = clctl($f, $access, $modify); )*
        /// Every `CLCTL_*` function the simulator knows, with its name.
        pub(crate) const FUNCTIONS: &[(&str, u32)] = &[$( (stringify!($name), $name) ),*];
    };
}

functions! {
    /// `CLCTL_GET_CHARACTERISTICS`: a DWORD of `CLUS_CHAR_*` bits.
    CLCTL_GET_CHARACTERISTICS = (1, CLUS_ACCESS_READ, false);
    /// `CLCTL_GET_FLAGS`: a DWORD of `CLUS_FLAG_*` bits.
    CLCTL_GET_FLAGS = (2, CLUS_ACCESS_READ, false);
    /// `CLCTL_GET_CLASS_INFO`: a `CLUS_RESOURCE_CLASS_INFO` (class, subclass).
    CLCTL_GET_CLASS_INFO = (3, CLUS_ACCESS_READ, false);
    /// `CLCTL_GET_NAME`: the object's name, NUL-terminated UTF-16.
    CLCTL_GET_NAME = (10, CLUS_ACCESS_READ, false);
    /// `CLCTL_GET_RESOURCE_TYPE`: the resource's type name.
    CLCTL_GET_RESOURCE_TYPE = (11, CLUS_ACCESS_READ, false);
    /// `CLCTL_GET_ID`: the object's id.
    CLCTL_GET_ID = (14, CLUS_ACCESS_READ, false);
    /// `CLCTL_ENUM_COMMON_PROPERTIES`: the names of the read-write common properties.
    CLCTL_ENUM_COMMON_PROPERTIES = (20, CLUS_ACCESS_READ, false);
    /// `CLCTL_GET_RO_COMMON_PROPERTIES`: the read-only common properties.
    CLCTL_GET_RO_COMMON_PROPERTIES = (21, CLUS_ACCESS_READ, false);
    /// `CLCTL_GET_COMMON_PROPERTIES`: the read-write common properties.
    CLCTL_GET_COMMON_PROPERTIES = (22, CLUS_ACCESS_READ, false);
    /// `CLCTL_SET_COMMON_PROPERTIES`: sets read-write common properties.
    CLCTL_SET_COMMON_PROPERTIES = (23, CLUS_ACCESS_WRITE, true);
    /// `CLCTL_VALIDATE_COMMON_PROPERTIES`: checks a list as a set would, changing nothing.
    CLCTL_VALIDATE_COMMON_PROPERTIES = (24, CLUS_ACCESS_READ, false);
    /// `CLCTL_GET_COMMON_PROPERTY_FMTS`: the formats of the read-write common properties.
    CLCTL_GET_COMMON_PROPERTY_FMTS = (25, CLUS_ACCESS_READ, false);
    /// `CLCTL_ENUM_PRIVATE_PROPERTIES`: the names of the read-write private properties.
    CLCTL_ENUM_PRIVATE_PROPERTIES = (30, CLUS_ACCESS_READ, false);
    /// `CLCTL_GET_RO_PRIVATE_PROPERTIES`: the read-only private properties.
    CLCTL_GET_RO_PRIVATE_PROPERTIES = (31, CLUS_ACCESS_READ, false);
    /// `CLCTL_GET_PRIVATE_PROPERTIES`: the read-write private properties.
    CLCTL_GET_PRIVATE_PROPERTIES = (32, CLUS_ACCESS_READ, false);
    /// `CLCTL_SET_PRIVATE_PROPERTIES`: sets read-write private properties.
    CLCTL_SET_PRIVATE_PROPERTIES = (33, CLUS_ACCESS_WRITE, true);
    /// `CLCTL_VALIDATE_PRIVATE_PROPERTIES`: checks a list as a set would, changing nothing.
    CLCTL_VALIDATE_PRIVATE_PROPERTIES = (34, CLUS_ACCESS_READ, false);
}

/// The object types, with the `CLUSCTL_<NAME>_` prefix each gives its codes.
pub(crate) const OBJECTS: &[(&str, u32)] = &[
    ("RESOURCE", CLUS_OBJECT_RESOURCE),
    ("RESOURCE_TYPE", CLUS_OBJECT_RESOURCE_TYPE),
    ("GROUP", CLUS_OBJECT_GROUP),
    ("NODE", CLUS_OBJECT_NODE),
    ("NETWORK", CLUS_OBJECT_NETWORK),
    ("NETINTERFACE", CLUS_OBJECT_NETINTERFACE),
    ("CLUSTER", CLUS_OBJECT_CLUSTER),
];

/// Whether `clusapi.h` defines the code of `function` for `object` (the object-specific
/// ones: the class info for resources and types, the resource type for resources, names,
/// ids, characteristics and flags for everything but the cluster).
pub(crate) const fn applies(object: u32, function: u32) -> bool {
    match function {
        CLCTL_GET_CLASS_INFO => object == CLUS_OBJECT_RESOURCE || object == CLUS_OBJECT_RESOURCE_TYPE,
        CLCTL_GET_RESOURCE_TYPE => object == CLUS_OBJECT_RESOURCE,
        CLCTL_GET_NAME | CLCTL_GET_ID => object != CLUS_OBJECT_CLUSTER && object != CLUS_OBJECT_RESOURCE_TYPE,
        CLCTL_GET_CHARACTERISTICS | CLCTL_GET_FLAGS => object != CLUS_OBJECT_CLUSTER,
        _ => true,
    }
}

/// Every supported control code: its `CLUSCTL_*` name, value, object type and function.
#[must_use]
pub fn supported() -> Vec<(String, u32)> {
    let mut out = Vec::new();
    for &(object_name, object) in OBJECTS {
        for &(function_name, function) in FUNCTIONS {
            if applies(object, function) {
                let name = format!("CLUSCTL_{object_name}_{}", function_name.trim_start_matches("CLCTL_"));
                out.push((name, clusctl(object, function)));
            }
        }
    }
    out
}

macro_rules! codes {
    ($( $(#[$doc:meta])* $name:ident = $object:ident, $function:ident; )*) => {
        $( $(#[$doc])* pub const $name: u32 = clusctl($object, $function); )*
    };
}

codes! {
    /// `CLUSCTL_CLUSTER_GET_COMMON_PROPERTIES`.
    CLUSCTL_CLUSTER_GET_COMMON_PROPERTIES = CLUS_OBJECT_CLUSTER, CLCTL_GET_COMMON_PROPERTIES;
    /// `CLUSCTL_CLUSTER_GET_RO_COMMON_PROPERTIES`.
    CLUSCTL_CLUSTER_GET_RO_COMMON_PROPERTIES = CLUS_OBJECT_CLUSTER, CLCTL_GET_RO_COMMON_PROPERTIES;
    /// `CLUSCTL_CLUSTER_SET_COMMON_PROPERTIES`.
    CLUSCTL_CLUSTER_SET_COMMON_PROPERTIES = CLUS_OBJECT_CLUSTER, CLCTL_SET_COMMON_PROPERTIES;
    /// `CLUSCTL_NODE_GET_COMMON_PROPERTIES`.
    CLUSCTL_NODE_GET_COMMON_PROPERTIES = CLUS_OBJECT_NODE, CLCTL_GET_COMMON_PROPERTIES;
    /// `CLUSCTL_NODE_GET_RO_COMMON_PROPERTIES`.
    CLUSCTL_NODE_GET_RO_COMMON_PROPERTIES = CLUS_OBJECT_NODE, CLCTL_GET_RO_COMMON_PROPERTIES;
    /// `CLUSCTL_NODE_SET_COMMON_PROPERTIES`.
    CLUSCTL_NODE_SET_COMMON_PROPERTIES = CLUS_OBJECT_NODE, CLCTL_SET_COMMON_PROPERTIES;
    /// `CLUSCTL_GROUP_GET_COMMON_PROPERTIES`.
    CLUSCTL_GROUP_GET_COMMON_PROPERTIES = CLUS_OBJECT_GROUP, CLCTL_GET_COMMON_PROPERTIES;
    /// `CLUSCTL_GROUP_GET_RO_COMMON_PROPERTIES`.
    CLUSCTL_GROUP_GET_RO_COMMON_PROPERTIES = CLUS_OBJECT_GROUP, CLCTL_GET_RO_COMMON_PROPERTIES;
    /// `CLUSCTL_GROUP_SET_COMMON_PROPERTIES`.
    CLUSCTL_GROUP_SET_COMMON_PROPERTIES = CLUS_OBJECT_GROUP, CLCTL_SET_COMMON_PROPERTIES;
    /// `CLUSCTL_RESOURCE_GET_COMMON_PROPERTIES`.
    CLUSCTL_RESOURCE_GET_COMMON_PROPERTIES = CLUS_OBJECT_RESOURCE, CLCTL_GET_COMMON_PROPERTIES;
    /// `CLUSCTL_RESOURCE_GET_RO_COMMON_PROPERTIES`.
    CLUSCTL_RESOURCE_GET_RO_COMMON_PROPERTIES = CLUS_OBJECT_RESOURCE, CLCTL_GET_RO_COMMON_PROPERTIES;
    /// `CLUSCTL_RESOURCE_SET_COMMON_PROPERTIES`.
    CLUSCTL_RESOURCE_SET_COMMON_PROPERTIES = CLUS_OBJECT_RESOURCE, CLCTL_SET_COMMON_PROPERTIES;
    /// `CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTIES`.
    CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTIES = CLUS_OBJECT_RESOURCE, CLCTL_GET_PRIVATE_PROPERTIES;
    /// `CLUSCTL_RESOURCE_GET_RO_PRIVATE_PROPERTIES`.
    CLUSCTL_RESOURCE_GET_RO_PRIVATE_PROPERTIES = CLUS_OBJECT_RESOURCE, CLCTL_GET_RO_PRIVATE_PROPERTIES;
    /// `CLUSCTL_RESOURCE_SET_PRIVATE_PROPERTIES`.
    CLUSCTL_RESOURCE_SET_PRIVATE_PROPERTIES = CLUS_OBJECT_RESOURCE, CLCTL_SET_PRIVATE_PROPERTIES;
    /// `CLUSCTL_RESOURCE_GET_CHARACTERISTICS`.
    CLUSCTL_RESOURCE_GET_CHARACTERISTICS = CLUS_OBJECT_RESOURCE, CLCTL_GET_CHARACTERISTICS;
    /// `CLUSCTL_RESOURCE_GET_FLAGS`.
    CLUSCTL_RESOURCE_GET_FLAGS = CLUS_OBJECT_RESOURCE, CLCTL_GET_FLAGS;
    /// `CLUSCTL_RESOURCE_GET_CLASS_INFO`.
    CLUSCTL_RESOURCE_GET_CLASS_INFO = CLUS_OBJECT_RESOURCE, CLCTL_GET_CLASS_INFO;
    /// `CLUSCTL_RESOURCE_GET_RESOURCE_TYPE`.
    CLUSCTL_RESOURCE_GET_RESOURCE_TYPE = CLUS_OBJECT_RESOURCE, CLCTL_GET_RESOURCE_TYPE;
    /// `CLUSCTL_NETWORK_GET_COMMON_PROPERTIES`.
    CLUSCTL_NETWORK_GET_COMMON_PROPERTIES = CLUS_OBJECT_NETWORK, CLCTL_GET_COMMON_PROPERTIES;
    /// `CLUSCTL_NETWORK_GET_RO_COMMON_PROPERTIES`.
    CLUSCTL_NETWORK_GET_RO_COMMON_PROPERTIES = CLUS_OBJECT_NETWORK, CLCTL_GET_RO_COMMON_PROPERTIES;
    /// `CLUSCTL_NETWORK_SET_COMMON_PROPERTIES`.
    CLUSCTL_NETWORK_SET_COMMON_PROPERTIES = CLUS_OBJECT_NETWORK, CLCTL_SET_COMMON_PROPERTIES;
    /// `CLUSCTL_NETINTERFACE_GET_RO_COMMON_PROPERTIES`.
    CLUSCTL_NETINTERFACE_GET_RO_COMMON_PROPERTIES = CLUS_OBJECT_NETINTERFACE, CLCTL_GET_RO_COMMON_PROPERTIES;
    /// `CLUSCTL_RESOURCE_TYPE_GET_COMMON_PROPERTIES`.
    CLUSCTL_RESOURCE_TYPE_GET_COMMON_PROPERTIES = CLUS_OBJECT_RESOURCE_TYPE, CLCTL_GET_COMMON_PROPERTIES;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Values as `clusapi.h` defines them (checked against MinGW-w64's header and
    /// `windows-sys`).
    #[test]
    fn codes_have_their_real_values() {
        assert_eq!(CLUSCTL_GROUP_GET_RO_COMMON_PROPERTIES, 0x0300_0055);
        assert_eq!(CLUSCTL_RESOURCE_SET_COMMON_PROPERTIES, 0x0140_005E);
        assert_eq!(clusctl(CLUS_OBJECT_RESOURCE, CLCTL_VALIDATE_COMMON_PROPERTIES), 16_777_313);
        assert_eq!(clusctl(CLUS_OBJECT_RESOURCE_TYPE, CLCTL_VALIDATE_COMMON_PROPERTIES), 33_554_529);
        assert_eq!(CLUSCTL_RESOURCE_GET_CHARACTERISTICS, 0x0100_0005);
        assert_eq!(CLUSCTL_RESOURCE_SET_PRIVATE_PROPERTIES, 0x0140_0086);
        assert_eq!(CLUSCTL_CLUSTER_GET_COMMON_PROPERTIES, 0x0700_0059);
    }

    #[test]
    fn the_supported_list_matches_clusapi_h() {
        let all = supported();
        // 17 functions for resources; 15 for the other objects but types (14: no name, no
        // id, but the class info) and the cluster (11: no name, id, characteristics, flags).
        assert_eq!(all.len(), 17 + 14 + 15 * 4 + 11);
        assert!(all.iter().any(|(n, c)| n == "CLUSCTL_NODE_GET_ID" && *c == 0x0400_0039));
        assert!(!all.iter().any(|(n, _)| n == "CLUSCTL_CLUSTER_GET_NAME"));
    }
}
