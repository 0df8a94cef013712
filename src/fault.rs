//! Fault plans: make chosen calls fail with a chosen Win32 code, deterministically, so a test
//! can check how the code under test copes with errors the real cluster returns only
//! rarely. A plan belongs to one simulator; nothing is global.

use std::fmt;

use crate::names::names_equal;

/// When a [`Fault`] fires, counting the calls it matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum FaultWhen {
    /// Only the n-th matching call (from 1).
    Nth(u64),
    /// Every matching call.
    Every,
    /// A seeded, reproducible fraction of matching calls: `per_million` in a million.
    Fraction {
        /// How many calls in a million fail.
        per_million: u32,
        /// The seed: the same seed and calls give the same failures.
        seed: u64,
    },
}

/// One rule of a fault plan: calls to `operation` (optionally on the object named
/// `object`) fail with `code`, when `when` says.
///
/// Operations are named as the Rust methods (`"online_cluster_group"`) or as the C
/// functions (`"OnlineClusterGroup"`): case and underscores do not matter. A failing call
/// changes nothing, as any refused call.
///
/// ```
/// use clusapi_sim::{codes, Fault, Simulator};
///
/// let sim = Simulator::default();
/// sim.add_fault(Fault::on("OpenClusterGroup").object("Cluster Group").nth(2).code(codes::RPC_S_CALL_FAILED))?;
/// let c = sim.open_cluster(None)?;
/// let g = sim.open_cluster_group(c, "Cluster Group")?; // the first call works
/// assert_eq!(sim.open_cluster_group(c, "Cluster Group").unwrap_err().code(), 1726);
/// sim.open_cluster_group(c, "Cluster Group")?; // and so does the third
/// # Ok::<(), clusapi_sim::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use]
pub struct Fault {
    operation: String,
    object: Option<String>,
    when: FaultWhen,
    code: u32,
}

impl Fault {
    /// A rule for calls to `operation`; by default every call fails with
    /// `ERROR_INTERNAL_ERROR`.
    pub fn on(operation: impl Into<String>) -> Self {
        Self {
            operation: operation.into(),
            object: None,
            when: FaultWhen::Every,
            code: crate::codes::ERROR_INTERNAL_ERROR,
        }
    }

    /// Only calls on the object of this name (the object the call's handle refers to, or
    /// the name an open asks for).
    pub fn object(mut self, name: impl Into<String>) -> Self {
        self.object = Some(name.into());
        self
    }

    /// Only the n-th matching call (from 1).
    pub fn nth(mut self, n: u64) -> Self {
        self.when = FaultWhen::Nth(n);
        self
    }

    /// Every matching call (the default).
    pub fn every(mut self) -> Self {
        self.when = FaultWhen::Every;
        self
    }

    /// A reproducible fraction of matching calls: `per_million` in a million, drawn from
    /// `seed`.
    pub fn fraction(mut self, per_million: u32, seed: u64) -> Self {
        self.when = FaultWhen::Fraction { per_million, seed };
        self
    }

    /// The Win32 code the failing calls return.
    pub fn code(mut self, code: u32) -> Self {
        self.code = code;
        self
    }
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.operation)?;
        if let Some(o) = &self.object {
            write!(f, " on \"{o}\"")?;
        }
        write!(f, " ({:?}) fails with {}", self.when, self.code)
    }
}

/// The operations a fault can name: the ClusAPI calls (as Rust methods; the C names match
/// the same entries once case and underscores are dropped). Closes are not among them: a
/// close never fails on a valid handle, so that a faulted test can always clean up.
const OPERATIONS: &[&str] = &[
    "open_cluster",
    "open_cluster_ex",
    "get_cluster_information",
    "get_cluster_net_interface",
    "cluster_open_enum",
    "cluster_get_enum_count",
    "cluster_enum",
    "cluster_network_open_enum",
    "cluster_network_get_enum_count",
    "cluster_network_enum",
    "cluster_node_open_enum",
    "cluster_node_get_enum_count",
    "cluster_node_enum",
    "cluster_group_open_enum",
    "cluster_group_get_enum_count",
    "cluster_group_enum",
    "cluster_resource_open_enum",
    "cluster_resource_get_enum_count",
    "cluster_resource_enum",
    "open_cluster_node",
    "open_cluster_node_ex",
    "get_cluster_from_node",
    "get_cluster_node_id",
    "get_cluster_node_state",
    "pause_cluster_node",
    "resume_cluster_node",
    "evict_cluster_node",
    "open_cluster_group",
    "open_cluster_group_ex",
    "get_cluster_from_group",
    "get_cluster_group_state",
    "online_cluster_group",
    "offline_cluster_group",
    "move_cluster_group",
    "create_cluster_group",
    "delete_cluster_group",
    "set_cluster_group_node_list",
    "open_cluster_resource",
    "open_cluster_resource_ex",
    "get_cluster_from_resource",
    "get_cluster_resource_state",
    "online_cluster_resource",
    "offline_cluster_resource",
    "fail_cluster_resource",
    "create_cluster_resource",
    "delete_cluster_resource",
    "add_cluster_resource_dependency",
    "remove_cluster_resource_dependency",
    "open_cluster_network",
    "open_cluster_network_ex",
    "get_cluster_from_network",
    "get_cluster_network_id",
    "get_cluster_network_state",
    "set_cluster_network_name",
    "open_cluster_net_interface",
    "open_cluster_net_interface_ex",
    "get_cluster_from_net_interface",
    "get_cluster_net_interface_state",
    "create_cluster_notify_port",
    "register_cluster_notify",
    "get_cluster_notify",
    "peek_cluster_notify",
    "create_cluster_notify_port_v2",
    "register_cluster_notify_v2",
    "get_cluster_notify_v2",
    "peek_cluster_notify_v2",
    "get_notify_event_handle",
    "add_cluster_resource_node",
    "remove_cluster_resource_node",
    "can_resource_be_dependent",
    "change_cluster_resource_group",
    "get_cluster_quorum_resource",
    "set_cluster_quorum_resource",
    "get_cluster_resource_network_name",
    "set_cluster_group_name",
    "set_cluster_resource_name",
    "set_cluster_name",
    "set_cluster_network_priority_order",
    "evict_cluster_node_ex",
    "backup_cluster_database",
    "get_cluster_key",
    "get_cluster_node_key",
    "get_cluster_group_key",
    "get_cluster_resource_key",
    "get_cluster_network_key",
    "get_cluster_net_interface_key",
    "get_cluster_resource_type_key",
    "cluster_reg_open_key",
    "cluster_reg_create_key",
    "cluster_reg_delete_key",
    "cluster_reg_delete_value",
    "cluster_reg_enum_key",
    "cluster_reg_enum_value",
    "cluster_reg_query_value",
    "cluster_reg_set_value",
    "cluster_reg_query_info_key",
    "cluster_reg_get_key_security",
    "cluster_reg_set_key_security",
    "cluster_open_enum_ex",
    "cluster_get_enum_count_ex",
    "cluster_enum_ex",
    "online_cluster_group_ex",
    "move_cluster_group_ex",
    "cancel_cluster_group_operation",
    "pause_cluster_node_ex",
    "resume_cluster_node_ex",
];

/// Whether `operation` names a call a fault plan can make fail (case and underscores do not
/// matter: `"OnlineClusterGroup"` and `"online_cluster_group"` both do).
pub(crate) fn is_operation(operation: &str) -> bool {
    let key = canonical(operation);
    OPERATIONS.iter().any(|o| canonical(o) == key)
        || crate::calls().any(|c| c.faultable && (canonical(c.name) == key || canonical(c.win32) == key))
}

/// Whether `operation` names the declared call `call`, as its Rust or its Win32 name (case
/// and underscores do not matter).
pub(crate) fn same_call(call: &crate::CallInfo, operation: &str) -> bool {
    let key = canonical(operation);
    canonical(call.name) == key || canonical(call.win32) == key
}

/// An operation name without case or underscores: `OnlineClusterGroup` and
/// `online_cluster_group` are one operation.
fn canonical(name: &str) -> String {
    name.chars().filter(|c| *c != '_').flat_map(char::to_lowercase).collect()
}

/// The active rules of one simulator, with the count of calls each has matched.
#[derive(Debug, Default)]
pub(crate) struct FaultPlan {
    rules: Vec<(Fault, String, u64)>,
}

impl FaultPlan {
    pub(crate) fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// Adds a rule; an operation that names no ClusAPI call is refused (a typo would
    /// otherwise give a plan that silently never fires).
    pub(crate) fn add(&mut self, fault: Fault) -> crate::Result<()> {
        if !is_operation(&fault.operation) {
            return Err(crate::Error::InvalidParameter(format!(
                "fault plan: {:?} is not a ClusAPI call that can fail (name one as the Rust method or the C function; closes are never faulted)",
                fault.operation
            )));
        }
        let key = canonical(&fault.operation);
        self.rules.push((fault, key, 0));
        Ok(())
    }

    pub(crate) fn clear(&mut self) {
        self.rules.clear();
    }

    /// The code a call to `operation` on `object` fails with, if a rule fires; counts the
    /// call for every rule it matches.
    pub(crate) fn check(&mut self, operation: &str, object: Option<&str>) -> Option<(u32, String)> {
        let op = canonical(operation);
        let mut fired = None;
        for (fault, key, count) in &mut self.rules {
            if *key != op {
                continue;
            }
            if let Some(want) = &fault.object {
                if !object.is_some_and(|o| names_equal(o, want)) {
                    continue;
                }
            }
            *count = count.saturating_add(1);
            let fires = match fault.when {
                FaultWhen::Every => true,
                FaultWhen::Nth(n) => *count == n,
                FaultWhen::Fraction { per_million, seed } => {
                    draw(seed, *count) % 1_000_000 < u64::from(per_million)
                }
            };
            if fires && fired.is_none() {
                fired = Some((fault.code, format!("injected fault: {fault} (call {count})")));
            }
        }
        fired
    }
}

/// splitmix64 of the seed and the call count: the same seed and calls, the same draws.
fn draw(seed: u64, n: u64) -> u64 {
    let mut z = seed.wrapping_add(n.wrapping_mul(0x9e37_79b9_7f4a_7c15));
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_match_operations_in_either_spelling() {
        let mut plan = FaultPlan::default();
        plan.add(Fault::on("OnlineClusterGroup").nth(2).code(5)).expect("a known call");
        assert_eq!(plan.check("online_cluster_group", Some("G")), None);
        assert_eq!(plan.check("online_cluster_group", Some("G")).map(|f| f.0), Some(5));
        assert_eq!(plan.check("online_cluster_group", Some("G")), None);
        assert_eq!(plan.check("offline_cluster_group", Some("G")), None);
    }

    #[test]
    fn fractions_are_reproducible() {
        let run = |seed| {
            let mut plan = FaultPlan::default();
            plan.add(Fault::on("open_cluster").fraction(250_000, seed)).expect("a known call");
            (0..1000).filter(|_| plan.check("open_cluster", None).is_some()).count()
        };
        assert_eq!(run(7), run(7));
        let n = run(7);
        assert!((150..350).contains(&n), "about a quarter: {n}");
    }
}
