//! Handle values: what the code under test holds.
//!
//! A handle is a non-zero, pointer-sized value. It is never a pointer: the simulator
//! decodes it and checks it against its handle table, so any value at all is safe to pass.
//!
//! ```text
//!  63            41 40            17 16       5 4    0
//! +----------------+----------------+----------+------+
//! | generation (23)| slot - 1  (24) | sim (12) | kind |
//! +----------------+----------------+----------+------+
//! ```
//!
//! * `kind` (1..=17, in 5 bits) says which handle type the value is, so a value passed as the wrong
//!   type is refused even through the C ABI, where all handles look alike. It is never 0
//!   (so no handle is NULL); a value that would be all ones (`INVALID_HANDLE_VALUE`) is
//!   never handed out.
//! * `sim` is the identity of the issuing simulator, unique among live simulators.
//! * `slot` and `generation` locate the entry in the handle table; a slot that has been
//!   reused carries a newer generation, so old values of it never match again. A slot whose
//!   generation would pass 2^23 - 1 is retired instead of reused.
//!
//! The packed word is then XORed with a constant whose kind bits are 0 (so the kind stays
//! readable and no value is 0 or all ones). Handle values therefore look like pointers,
//! and the small integers that buggy or hostile code passes as handles (`1`, `0x10`) never
//! land on a live entry: their generation field decodes to millions.

use std::fmt;
use std::num::NonZeroUsize;

#[cfg(not(target_pointer_width = "64"))]
compile_error!("clusapi-sim encodes handles in 64 bits and supports 64-bit targets only");

pub(crate) const KIND_BITS: u32 = 5;
pub(crate) const SIM_BITS: u32 = 12;
pub(crate) const SLOT_BITS: u32 = 24;
pub(crate) const GEN_BITS: u32 = 23;
const SIM_SHIFT: u32 = KIND_BITS;
const SLOT_SHIFT: u32 = SIM_SHIFT + SIM_BITS;
const GEN_SHIFT: u32 = SLOT_SHIFT + SLOT_BITS;
const _: () = assert!(GEN_SHIFT + GEN_BITS == 64);

/// Mixed into every value; its kind bits are 0 so the kind passes through.
const SCRAMBLE: u64 = 0x6a09_e667_f3bc_c900;
const _: () = assert!(SCRAMBLE & ((1 << KIND_BITS) - 1) == 0);

/// The largest generation a handle value can carry; a slot that reaches it is retired.
pub(crate) const MAX_GENERATION: u32 = (1 << GEN_BITS) - 1;
/// The largest slot-map index a handle value can carry.
pub(crate) const MAX_SLOT: u32 = 1 << SLOT_BITS;
/// The largest simulator identity.
pub(crate) const MAX_SIM_ID: u16 = (1 << SIM_BITS) - 1;

/// The kind of a handle, as ClusAPI names its handle types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
#[non_exhaustive]
pub enum HandleKind {
    /// `HCLUSTER`, from `open_cluster` or `get_cluster_from_*`.
    Cluster = 1,
    /// `HNODE`.
    Node = 2,
    /// `HGROUP`.
    Group = 3,
    /// `HRESOURCE`.
    Resource = 4,
    /// `HNETWORK`.
    Network = 5,
    /// `HNETINTERFACE`.
    NetInterface = 6,
    /// `HCLUSENUM`, from `cluster_open_enum`.
    ClusEnum = 7,
    /// `HNETWORKENUM`, from `cluster_network_open_enum`.
    NetworkEnum = 8,
    /// `HNODEENUM`, from `cluster_node_open_enum`.
    NodeEnum = 9,
    /// `HGROUPENUM`, from `cluster_group_open_enum`.
    GroupEnum = 10,
    /// `HRESENUM`, from `cluster_resource_open_enum`.
    ResEnum = 11,
    /// `HCHANGE`, a notification port from `create_cluster_notify_port`.
    Change = 12,
    /// `HRESTYPEENUM`, from `cluster_resource_type_open_enum`.
    ResTypeEnum = 13,
    /// `HKEY`, a cluster registry key from `get_cluster_*_key` or `cluster_reg_*_key`.
    Key = 14,
    /// `HCLUSENUMEX`, from `cluster_open_enum_ex`.
    ClusEnumEx = 15,
    /// `HGROUPENUMEX`, from `cluster_group_open_enum_ex`.
    GroupEnumEx = 16,
    /// `HRESENUMEX`, from `cluster_resource_open_enum_ex`.
    ResEnumEx = 17,
}

impl HandleKind {
    /// The Rust type name of handles of this kind (`"HNetwork"`).
    #[must_use]
    pub fn type_name(self) -> &'static str {
        match self {
            Self::Cluster => "HCluster",
            Self::Node => "HNode",
            Self::Group => "HGroup",
            Self::Resource => "HResource",
            Self::Network => "HNetwork",
            Self::NetInterface => "HNetInterface",
            Self::ClusEnum => "HClusEnum",
            Self::NetworkEnum => "HNetworkEnum",
            Self::NodeEnum => "HNodeEnum",
            Self::GroupEnum => "HGroupEnum",
            Self::ResEnum => "HResEnum",
            Self::Change => "HChange",
            Self::ResTypeEnum => "HResTypeEnum",
            Self::Key => "HKey",
            Self::ClusEnumEx => "HClusEnumEx",
            Self::GroupEnumEx => "HGroupEnumEx",
            Self::ResEnumEx => "HResEnumEx",
        }
    }

    /// The kind a raw value says it is, without checking that it is a live handle (the C
    /// ABI uses it to route a `HANDLE` argument to the right handle type).
    #[must_use]
    pub fn of_raw(raw: usize) -> Option<Self> {
        Self::from_bits(RawParts::decode(raw).kind_bits)
    }

    /// Whether handles of this kind are enumerations (which own a snapshot).
    #[must_use]
    pub fn is_enumeration(self) -> bool {
        matches!(
            self,
            Self::ClusEnum
                | Self::NetworkEnum
                | Self::NodeEnum
                | Self::GroupEnum
                | Self::ResEnum
                | Self::ResTypeEnum
                | Self::ClusEnumEx
                | Self::GroupEnumEx
                | Self::ResEnumEx
        )
    }

    pub(crate) fn from_bits(bits: u8) -> Option<Self> {
        Some(match bits {
            1 => Self::Cluster,
            2 => Self::Node,
            3 => Self::Group,
            4 => Self::Resource,
            5 => Self::Network,
            6 => Self::NetInterface,
            7 => Self::ClusEnum,
            8 => Self::NetworkEnum,
            9 => Self::NodeEnum,
            10 => Self::GroupEnum,
            11 => Self::ResEnum,
            12 => Self::Change,
            13 => Self::ResTypeEnum,
            14 => Self::Key,
            15 => Self::ClusEnumEx,
            16 => Self::GroupEnumEx,
            17 => Self::ResEnumEx,
            _ => return None,
        })
    }
}

impl fmt::Display for HandleKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.type_name())
    }
}

/// The fields of a raw handle value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RawParts {
    pub kind_bits: u8,
    pub sim: u16,
    /// The slot-map index (1-based, as slotmap numbers its slots).
    pub slot: u32,
    pub generation: u32,
}

impl RawParts {
    #[inline]
    pub(crate) fn decode(raw: usize) -> Self {
        let raw = raw as u64 ^ SCRAMBLE;
        // Every field width is below 64, so the mask never overflows.
        let field = |shift: u32, bits: u32| (raw >> shift) & !(u64::MAX << bits);
        Self {
            kind_bits: field(0, KIND_BITS) as u8,
            sim: field(SIM_SHIFT, SIM_BITS) as u16,
            // A 24-bit field plus one always fits a `u32`.
            slot: (field(SLOT_SHIFT, SLOT_BITS) as u32).saturating_add(1),
            generation: field(GEN_SHIFT, GEN_BITS) as u32,
        }
    }

    /// Packs the fields; `None` if one does not fit (never for values the table hands out).
    #[inline]
    pub(crate) fn encode(self) -> Option<NonZeroUsize> {
        if self.kind_bits == 0
            || u32::from(self.kind_bits) >= 1 << KIND_BITS
            || self.sim > MAX_SIM_ID
            || self.slot == 0
            || self.slot > MAX_SLOT
            || self.generation > MAX_GENERATION
        {
            return None;
        }
        let raw = u64::from(self.kind_bits)
            | u64::from(self.sim) << SIM_SHIFT
            | u64::from(self.slot.saturating_sub(1)) << SLOT_SHIFT
            | u64::from(self.generation) << GEN_SHIFT;
        let value = (raw ^ SCRAMBLE) as usize;
        // Kind 15 could make every bit 1: never hand out INVALID_HANDLE_VALUE.
        if value == usize::MAX {
            return None;
        }
        NonZeroUsize::new(value)
    }
}

mod sealed {
    pub trait Sealed {}
}

/// What all handle types share: a kind and a raw value. Implemented by the handle types of
/// this crate only.
pub trait Handle: sealed::Sealed + Copy + fmt::Debug + Eq + std::hash::Hash + Send + Sync {
    /// The kind of handle this type is.
    const KIND: HandleKind;
    /// The raw value, as the C ABI passes it.
    fn as_raw(self) -> usize;
    /// Wraps a raw value; `None` only for 0 (NULL). The value is checked when it is used.
    fn from_raw(raw: usize) -> Option<Self>;
}

macro_rules! handles {
    ($( $(#[$doc:meta])* $name:ident => $kind:ident, $c_name:literal; )*) => {$(
        $(#[$doc])*
        ///
        /// A `Copy` value that names a live entry of the simulator's handle table; it stays
        /// a valid value to pass after it is closed (calls then answer
        /// `ERROR_INVALID_HANDLE`), but it never again names a live handle.
        #[doc = concat!("The C ABI calls it `", $c_name, "`.")]
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(transparent)]
        pub struct $name(NonZeroUsize);

        impl $name {
            /// The raw value, as the C ABI passes it.
            #[must_use]
            #[inline]
            pub fn as_raw(self) -> usize {
                self.0.get()
            }

            /// Wraps a raw value; `None` only for 0 (NULL). Any other value is accepted
            /// here and checked against the handle table when it is used, so a forged or
            /// stale value gives `ERROR_INVALID_HANDLE`, never a wrong object.
            #[must_use]
            #[inline]
            pub fn from_raw(raw: usize) -> Option<Self> {
                NonZeroUsize::new(raw).map(Self)
            }
        }

        impl sealed::Sealed for $name {}

        impl Handle for $name {
            const KIND: HandleKind = HandleKind::$kind;
            #[inline]
            fn as_raw(self) -> usize {
                self.0.get()
            }
            #[inline]
            fn from_raw(raw: usize) -> Option<Self> {
                Self::from_raw(raw)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!(stringify!($name), "({:#x})"), self.0.get())
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Debug::fmt(self, f)
            }
        }
    )*};
}

handles! {
    /// A cluster handle (`HCLUSTER`): one counted reference on a cluster connection.
    HCluster => Cluster, "HCLUSTER";
    /// A node handle (`HNODE`).
    HNode => Node, "HNODE";
    /// A group handle (`HGROUP`).
    HGroup => Group, "HGROUP";
    /// A resource handle (`HRESOURCE`).
    HResource => Resource, "HRESOURCE";
    /// A network handle (`HNETWORK`).
    HNetwork => Network, "HNETWORK";
    /// A network interface handle (`HNETINTERFACE`).
    HNetInterface => NetInterface, "HNETINTERFACE";
    /// A cluster enumeration handle (`HCLUSENUM`): a snapshot taken when it was opened.
    HClusEnum => ClusEnum, "HCLUSENUM";
    /// A network enumeration handle (`HNETWORKENUM`): a snapshot of a network's interfaces.
    HNetworkEnum => NetworkEnum, "HNETWORKENUM";
    /// A node enumeration handle (`HNODEENUM`): a snapshot of a node's interfaces or groups.
    HNodeEnum => NodeEnum, "HNODEENUM";
    /// A group enumeration handle (`HGROUPENUM`): a snapshot of a group's resources or
    /// preferred owners.
    HGroupEnum => GroupEnum, "HGROUPENUM";
    /// A resource enumeration handle (`HRESENUM`): a snapshot of a resource's dependencies,
    /// dependents or possible owners.
    HResEnum => ResEnum, "HRESENUM";
    /// A notification port (`HCHANGE`).
    HChange => Change, "HCHANGE";
    /// A resource type enumeration handle (`HRESTYPEENUM`): a snapshot of the nodes that can
    /// host a type, or the resources of the type.
    HResTypeEnum => ResTypeEnum, "HRESTYPEENUM";
    /// A cluster registry key handle (`HKEY`): an object's key and a path under it.
    HKey => Key, "HKEY";
    /// A cluster enumeration handle of the Ex form (`HCLUSENUMEX`): a snapshot of ids and
    /// names taken when it was opened.
    HClusEnumEx => ClusEnumEx, "HCLUSENUMEX";
    /// A group enumeration handle of the Ex form (`HGROUPENUMEX`): a snapshot of the
    /// cluster's groups with their state, owner, flags and the common properties asked for.
    HGroupEnumEx => GroupEnumEx, "HGROUPENUMEX";
    /// A resource enumeration handle of the Ex form (`HRESENUMEX`): a snapshot of the
    /// cluster's resources with their group and the common properties asked for.
    HResEnumEx => ResEnumEx, "HRESENUMEX";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encode_decode_round_trip_at_the_edges() {
        for parts in [
            RawParts { kind_bits: 1, sim: 1, slot: 1, generation: 0 },
            RawParts { kind_bits: 8, sim: MAX_SIM_ID, slot: MAX_SLOT, generation: MAX_GENERATION },
        ] {
            let raw = parts.encode().expect("fits");
            assert_eq!(RawParts::decode(raw.get()), parts);
            assert_ne!(raw.get(), usize::MAX, "never INVALID_HANDLE_VALUE");
        }
    }

    #[test]
    fn fields_that_do_not_fit_are_refused() {
        let ok = RawParts { kind_bits: 1, sim: 1, slot: 1, generation: 0 };
        assert!(RawParts { kind_bits: 0, ..ok }.encode().is_none());
        assert!(RawParts { kind_bits: 1 << KIND_BITS, ..ok }.encode().is_none());
        assert!(RawParts { slot: 0, ..ok }.encode().is_none());
        assert!(RawParts { slot: MAX_SLOT + 1, ..ok }.encode().is_none());
        assert!(RawParts { generation: MAX_GENERATION + 1, ..ok }.encode().is_none());
        assert!(RawParts { sim: MAX_SIM_ID + 1, ..ok }.encode().is_none());
    }

    #[test]
    fn small_integers_are_never_live_values() {
        for v in 1..=0xffff_usize {
            let p = RawParts::decode(v);
            assert!(p.generation > 1 << 20 && p.slot > 1 << 20, "{v:#x} decodes to {p:?}");
        }
    }

    #[test]
    fn option_of_a_handle_costs_nothing() {
        assert_eq!(size_of::<Option<HCluster>>(), size_of::<usize>());
    }
}
