//! The items of the per-object Ex enumerations: `CLUSTER_GROUP_ENUM_ITEM` and
//! `CLUSTER_RESOURCE_ENUM_ITEM`, as plain records (what `ClusterGroupEnumEx` and
//! `ClusterResourceEnumEx` write, without the sizes and pointers).

use crate::types::proplist::PropertyList;
use crate::types::state::ClusterGroupState;

/// `CLUSTER_GROUP_ENUM_ITEM_VERSION_1`, the version `ClusterGroupEnumEx` writes.
pub const CLUSTER_GROUP_ENUM_ITEM_VERSION_1: u32 = 1;
/// `CLUSTER_RESOURCE_ENUM_ITEM_VERSION_1`, the version `ClusterResourceEnumEx` writes.
pub const CLUSTER_RESOURCE_ENUM_ITEM_VERSION_1: u32 = 1;

/// One item of a `ClusterGroupOpenEnumEx` snapshot (`CLUSTER_GROUP_ENUM_ITEM`, MS-CMRP
/// 2.2.3.25 `GROUP_ENUM_ENTRY`): a group as it was when the enumeration was opened.
#[derive(Debug, Clone, PartialEq, Eq)]
// Exhaustive on purpose: the fields are what the Win32 call returns, so production
// implementations of `ClusterApi` (such as clusapi-win) build it with a struct expression.
pub struct ClusterGroupEnumItem {
    /// The group's id (a GUID).
    pub id: String,
    /// The group's name.
    pub name: String,
    /// The group's state, as `GetClusterGroupState` gives it.
    pub state: ClusterGroupState,
    /// The name of the node that owns the group.
    pub owner_node: String,
    /// The group's flags, as `CLUSCTL_GROUP_GET_FLAGS` gives them (`CLUS_FLAG_CORE` for the
    /// core group).
    pub flags: u32,
    /// The common properties asked for (`pProperties`), with their values; empty when none
    /// were asked for.
    pub properties: PropertyList,
    /// The read-only common properties asked for (`pRoProperties`), with their values.
    pub ro_properties: PropertyList,
}

/// One item of a `ClusterResourceOpenEnumEx` snapshot (`CLUSTER_RESOURCE_ENUM_ITEM`,
/// MS-CMRP 2.2.3.27 `RESOURCE_ENUM_ENTRY`): a resource as it was when the enumeration was
/// opened.
#[derive(Debug, Clone, PartialEq, Eq)]
// Exhaustive on purpose, as `ClusterGroupEnumItem`.
pub struct ClusterResourceEnumItem {
    /// The resource's id (a GUID).
    pub id: String,
    /// The resource's name.
    pub name: String,
    /// The name of the group that contains the resource.
    pub owner_group_name: String,
    /// The id of the group that contains the resource.
    pub owner_group_id: String,
    /// The common properties asked for (`pProperties`), with their values; empty when none
    /// were asked for.
    pub properties: PropertyList,
    /// The read-only common properties asked for (`pRoProperties`), with their values.
    pub ro_properties: PropertyList,
}

/// The item an Ex enumeration snapshot keeps for a group or a resource.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum EnumExItem {
    Group(ClusterGroupEnumItem),
    Resource(ClusterResourceEnumItem),
}
