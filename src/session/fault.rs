//! Fault plans: make chosen calls fail with a chosen Win32 code, deterministically, so a test
//! can check how the code under test copes with errors the real cluster returns only
//! rarely. A plan belongs to one simulator; nothing is global.

use std::fmt;

use crate::types::call_info::CallInfo;
use crate::types::error::{Error, Result};
use crate::types::names::names_equal;

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
    /// `None`: the first of the call's [`CallInfo::fault_codes`].
    code: Option<u32>,
}

impl Fault {
    /// A rule for calls to `operation`; by default every call fails, with the first of the
    /// call's [`fault_codes`](CallInfo::fault_codes) (`RPC_S_SERVER_UNAVAILABLE` for a
    /// remote call).
    pub fn on(operation: impl Into<String>) -> Self {
        Self { operation: operation.into(), object: None, when: FaultWhen::Every, code: None }
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
    ///
    /// Any code is allowed, but a code that is not one of the call's
    /// [`fault_codes`](CallInfo::fault_codes) (the codes a real cluster can answer it
    /// with: `OpenCluster` never answers `ERROR_INVALID_STATE`) is marked as such: the
    /// history entry of the failed call has [`CallRecord::unlisted_code`](crate::CallRecord::unlisted_code)
    /// set and says so in its `Display`, and the error's message ends with
    /// `"not a code OpenCluster can answer"`. The C fault export (`ClusSimInjectFault`)
    /// behaves the same, and `ClusSimLastErrorMessage` reads the message.
    ///
    /// ```
    /// use clusapi_sim::{codes, Fault, Simulator};
    ///
    /// let sim = Simulator::default_builder()
    ///     .record_history(10)
    ///     .fault(Fault::on("OpenCluster").nth(1).code(codes::ERROR_INVALID_STATE))
    ///     .build()?;
    /// let err = sim.open_cluster(None).unwrap_err();
    /// assert_eq!(err.code(), codes::ERROR_INVALID_STATE); // injected all the same
    /// assert!(err.message().ends_with("not a code OpenCluster can answer"), "{err}");
    /// assert!(sim.history()[0].unlisted_code);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    pub fn code(mut self, code: u32) -> Self {
        self.code = Some(code);
        self
    }
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.operation)?;
        if let Some(o) = &self.object {
            write!(f, " on \"{o}\"")?;
        }
        match self.code {
            Some(code) => write!(f, " ({:?}) fails with {code}", self.when),
            None => write!(f, " ({:?}) fails with the call's first fault code", self.when),
        }
    }
}

/// Whether `operation` names the declared call `call`, as its Rust or its Win32 name (case
/// and underscores do not matter).
pub(crate) fn same_call(call: &CallInfo, operation: &str) -> bool {
    let key = canonical(operation);
    canonical(call.name) == key || canonical(call.win32) == key
}

/// An operation name without case or underscores: `OnlineClusterGroup` and
/// `online_cluster_group` are one operation.
fn canonical(name: &str) -> String {
    name.chars().filter(|c| *c != '_').flat_map(char::to_lowercase).collect()
}

/// A fault that fired on a call: its code, the error's message, and the rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FaultHit {
    /// The code the call fails with.
    pub code: u32,
    /// The rule and the count of the call (`"OpenCluster (Every) fails with 1722 (call 1)"`).
    pub rule: String,
    /// Whether the code is one of the call's `fault_codes`.
    pub listed: bool,
}

impl FaultHit {
    /// The message of the call's error: the rule, and whether a real cluster could answer
    /// the code.
    pub(crate) fn message(&self, call: &CallInfo) -> String {
        if self.listed {
            format!("injected fault: {}", self.rule)
        } else {
            format!("injected fault: {}: not a code {} can answer", self.rule, call.win32)
        }
    }
}

/// The active rules of one simulator: each with the declared calls it names (resolved
/// once, when it is added, so a faulted call compares names and allocates nothing) and the
/// count of calls it has matched.
#[derive(Debug, Default)]
pub(crate) struct FaultPlan {
    rules: Vec<(Fault, Vec<&'static str>, u64)>,
}

impl FaultPlan {
    pub(crate) fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// Adds a rule; an operation that names none of `calls` (the declared calls) is refused
    /// (a typo would otherwise give a plan that silently never fires).
    pub(crate) fn add(&mut self, fault: Fault, calls: impl Iterator<Item = &'static CallInfo>) -> Result<()> {
        // A Win32 name can stand for two calls (`GetClusterNotify`: the take and the peek
        // the C ABI makes first): the rule names both.
        let mut fault = fault;
        let named: Vec<&'static CallInfo> =
            calls.filter(|c| c.faultable && same_call(c, &fault.operation)).collect();
        let Some(first) = named.first() else {
            return Err(Error::InvalidParameter(format!(
                "fault plan: {:?} is not a ClusAPI call that can fail (name one as the Rust method or the C function; closes and enumeration reads are never faulted)",
                fault.operation
            )));
        };
        // No code given: the call's first (calls one Win32 name stands for share their codes).
        if fault.code.is_none() {
            fault.code =
                Some(first.fault_codes().first().copied().unwrap_or(crate::codes::RPC_S_CALL_FAILED));
        }
        self.rules.push((fault, named.iter().map(|c| c.name).collect(), 0));
        Ok(())
    }

    pub(crate) fn clear(&mut self) {
        self.rules.clear();
    }

    /// The code a call fails with on `object`, if a rule fires; counts the call for every
    /// rule it matches (a rule names the call by its Rust or its Win32 name).
    pub(crate) fn check(&mut self, call: &CallInfo, object: Option<&str>) -> Option<FaultHit> {
        let mut fired = None;
        for (fault, calls, count) in &mut self.rules {
            if !calls.contains(&call.name) {
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
                let code = fault.code.unwrap_or(crate::codes::RPC_S_CALL_FAILED);
                fired = Some(FaultHit {
                    code,
                    rule: format!("{fault} (call {count})"),
                    listed: call.can_answer(code),
                });
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

    fn call(name: &str) -> &'static CallInfo {
        crate::calls().find(|c| c.name == name).expect("a declared call")
    }

    #[test]
    fn rules_match_operations_in_either_spelling() {
        let mut plan = FaultPlan::default();
        plan.add(Fault::on("OnlineClusterGroup").nth(2).code(5), crate::calls()).expect("a known call");
        assert_eq!(plan.check(call("online_cluster_group"), Some("G")), None);
        assert_eq!(plan.check(call("online_cluster_group"), Some("G")).map(|f| f.code), Some(5));
        assert_eq!(plan.check(call("online_cluster_group"), Some("G")), None);
        assert_eq!(plan.check(call("offline_cluster_group"), Some("G")), None);
    }

    #[test]
    fn fractions_are_reproducible() {
        let run = |seed| {
            let mut plan = FaultPlan::default();
            plan.add(Fault::on("open_cluster").fraction(250_000, seed), crate::calls())
                .expect("a known call");
            (0..1000).filter(|_| plan.check(call("open_cluster"), None).is_some()).count()
        };
        assert_eq!(run(7), run(7));
        let n = run(7);
        assert!((150..350).contains(&n), "about a quarter: {n}");
    }
}
