//! Object states, with the numeric values of `clusapi.h`.
//!
//! Each state query returns `Unknown` (-1) only through the C ABI, for a failed call; the
//! Rust API returns an `Err` instead, so `Unknown` is never a successful answer.

macro_rules! states {
    ($(#[$doc:meta])* $name:ident, $c_name:literal { $( $(#[$vdoc:meta])* $variant:ident = $value:literal, )* }) => {
        $(#[$doc])*
        #[doc = concat!("\n\nThe values of `", $c_name, "` in `clusapi.h`.")]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[repr(i32)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vdoc])* $variant = $value, )*
        }

        impl $name {
            /// The numeric value, as the C ABI returns it.
            #[must_use]
            pub fn code(self) -> i32 {
                self as i32
            }
        }
    };
}

states! {
    /// The state of a node (`GetClusterNodeState`).
    ClusterNodeState, "CLUSTER_NODE_STATE" {
        /// `ClusterNodeStateUnknown`: the call failed.
        Unknown = -1,
        /// `ClusterNodeUp`: an active cluster member.
        Up = 0,
        /// `ClusterNodeDown`: not an active member.
        Down = 1,
        /// `ClusterNodePaused`: up, but takes no groups.
        Paused = 2,
        /// `ClusterNodeJoining`: joining the cluster.
        Joining = 3,
    }
}

states! {
    /// The state of a group (`GetClusterGroupState`), derived from its resources' states.
    ClusterGroupState, "CLUSTER_GROUP_STATE" {
        /// `ClusterGroupStateUnknown`: the call failed.
        Unknown = -1,
        /// `ClusterGroupOnline`: every resource is online.
        Online = 0,
        /// `ClusterGroupOffline`: every resource is offline, or there is none.
        Offline = 1,
        /// `ClusterGroupFailed`: a resource failed.
        Failed = 2,
        /// `ClusterGroupPartialOnline`: some resources are online, not all.
        PartialOnline = 3,
        /// `ClusterGroupPending`: a resource is coming online or going offline.
        Pending = 4,
    }
}

states! {
    /// The state of a resource (`GetClusterResourceState`).
    ClusterResourceState, "CLUSTER_RESOURCE_STATE" {
        /// `ClusterResourceStateUnknown`: the call failed.
        Unknown = -1,
        /// `ClusterResourceInherited`.
        Inherited = 0,
        /// `ClusterResourceInitializing`.
        Initializing = 1,
        /// `ClusterResourceOnline`.
        Online = 2,
        /// `ClusterResourceOffline`.
        Offline = 3,
        /// `ClusterResourceFailed`.
        Failed = 4,
        /// `ClusterResourcePending`.
        Pending = 128,
        /// `ClusterResourceOnlinePending`.
        OnlinePending = 129,
        /// `ClusterResourceOfflinePending`.
        OfflinePending = 130,
    }
}

states! {
    /// The state of a network (`GetClusterNetworkState`).
    ClusterNetworkState, "CLUSTER_NETWORK_STATE" {
        /// `ClusterNetworkStateUnknown`: the call failed.
        Unknown = -1,
        /// `ClusterNetworkUnavailable`: every node that could use it is down.
        Unavailable = 0,
        /// `ClusterNetworkDown`.
        Down = 1,
        /// `ClusterNetworkPartitioned`: some nodes cannot reach each other over it.
        Partitioned = 2,
        /// `ClusterNetworkUp`.
        Up = 3,
    }
}

states! {
    /// The state of a network interface (`GetClusterNetInterfaceState`), numbered as
    /// `clusapi.h` numbers it (not as the RPC protocol does).
    ClusterNetInterfaceState, "CLUSTER_NETINTERFACE_STATE" {
        /// `ClusterNetInterfaceStateUnknown`: the call failed.
        Unknown = -1,
        /// `ClusterNetInterfaceUnavailable`: its node is down.
        Unavailable = 0,
        /// `ClusterNetInterfaceFailed`.
        Failed = 1,
        /// `ClusterNetInterfaceUnreachable`: it cannot reach another node's interface.
        Unreachable = 2,
        /// `ClusterNetInterfaceUp`.
        Up = 3,
    }
}

/// A group's state from its resources' states (MS-CMRP `ApiGetGroupState`): any failed,
/// failed; else any pending, pending; else all online (and at least one), online; else some
/// online, partially online; else offline.
pub(crate) fn group_state(resources: impl IntoIterator<Item = ClusterResourceState>) -> ClusterGroupState {
    use ClusterResourceState as R;
    let (mut total, mut online, mut pending) = (0usize, 0usize, false);
    for r in resources {
        match r {
            R::Failed => return ClusterGroupState::Failed,
            R::Pending | R::OnlinePending | R::OfflinePending => pending = true,
            R::Online => online = online.saturating_add(1),
            _ => {}
        }
        total = total.saturating_add(1);
    }
    if pending {
        ClusterGroupState::Pending
    } else if online > 0 && online == total {
        ClusterGroupState::Online
    } else if online > 0 {
        ClusterGroupState::PartialOnline
    } else {
        ClusterGroupState::Offline
    }
}

/// What `GetNodeClusterState` reports about a machine (`NODE_CLUSTER_STATE`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u32)]
#[non_exhaustive]
pub enum NodeClusterState {
    /// `ClusterStateNotInstalled` (0): not a node of any simulated cluster.
    NotInstalled = 0,
    /// `ClusterStateNotConfigured` (1).
    NotConfigured = 1,
    /// `ClusterStateNotRunning` (3).
    NotRunning = 3,
    /// `ClusterStateRunning` (0x13): a node of a simulated cluster.
    Running = 0x13,
}

impl NodeClusterState {
    /// The `DWORD` value.
    #[must_use]
    pub fn code(self) -> u32 {
        self as u32
    }
}

#[cfg(test)]
mod tests {
    use super::{ClusterGroupState as G, ClusterResourceState as R, group_state};

    #[test]
    fn the_group_state_rule() {
        assert_eq!(group_state([]), G::Offline);
        assert_eq!(group_state([R::Online, R::Online]), G::Online);
        assert_eq!(group_state([R::Online, R::Offline]), G::PartialOnline);
        assert_eq!(group_state([R::Offline, R::Offline]), G::Offline);
        assert_eq!(group_state([R::Online, R::OnlinePending]), G::Pending);
        assert_eq!(group_state([R::OfflinePending, R::Failed]), G::Failed);
        assert_eq!(group_state([R::Online, R::Initializing]), G::PartialOnline);
    }

    #[test]
    fn values_are_the_clusapi_h_ones() {
        assert_eq!(R::OfflinePending.code(), 130);
        assert_eq!(super::ClusterNetInterfaceState::Up.code(), 3);
        assert_eq!(super::ClusterNetInterfaceState::Failed.code(), 1);
        assert_eq!(G::Pending.code(), 4);
        assert_eq!(super::ClusterNodeState::Paused.code(), 2);
    }
}
