//! The world in a few lines, for a failure message: each cluster with its nodes, networks,
//! groups and resources, each with its state. Like an inspection, taking it counts no state
//! poll, meets no fault, leaves no history entry and needs no handle.

use std::fmt::{self, Write as _};

use crate::model::world::{Cluster, World};
use crate::session::simulator::{Simulator, State};

/// How many objects of one list the summary names before it says how many more there are.
const LIMIT: usize = 50;

/// What [`Simulator::world_summary`] returns: the world as it was when taken, printed by
/// `Display` in one line per group and per resource.
///
/// ```text
/// cluster SIMCLUSTER
///   nodes: NODE1 [Up], NODE2 [Up]
///   networks: Cluster Network 1 [Up], Cluster Network 2 [Up]
///   group Cluster Group [Online] on NODE1
///     resource Cluster Name [Online] (Network Name)
///     resource Cluster IP Address [Online] (IP Address)
///   group Available Storage [Offline] on NODE1
/// ```
///
/// A cluster whose service is stopped says `[service stopped]`; a group shows its preferred
/// owners (`preferred NODE2, NODE1`); a resource shows its possible owners when they are not
/// every node of its cluster (`possible NODE1`), and what it depends on (`depends on Disk`).
/// A list of more than 50 objects names the first 50 and counts the others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorldSummary {
    text: String,
}

impl fmt::Display for WorldSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// `items`, comma-separated, the first [`LIMIT`] of them, then how many more.
fn list(out: &mut String, items: impl ExactSizeIterator<Item = String>) {
    let total = items.len();
    for (i, item) in items.take(LIMIT).enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&item);
    }
    if total > LIMIT {
        let _ = write!(out, ", and {} more", total.saturating_sub(LIMIT));
    }
}

/// The summary of one cluster.
fn cluster(out: &mut String, st: &State, key: crate::model::world::ClusterKey, c: &Cluster) {
    let w: &World = &st.world;
    let node = |k| w.nodes.get(k).map(|n| n.name.clone()).unwrap_or_default();
    let _ = write!(out, "cluster {}", c.name);
    if st.stopped.contains(&key) {
        out.push_str(" [service stopped]");
    }
    out.push_str("\n  nodes: ");
    let nodes: Vec<_> = c.nodes.iter().filter_map(|&k| w.nodes.get(k)).collect();
    list(out, nodes.iter().map(|n| format!("{} [{:?}]", n.name, n.state)));
    out.push_str("\n  networks: ");
    let networks: Vec<_> = c.networks.iter().filter_map(|&k| w.networks.get(k)).collect();
    list(out, networks.iter().map(|n| format!("{} [{:?}]", n.name, n.state)));
    let groups: Vec<_> = c.groups.iter().filter_map(|&k| w.groups.get(k)).collect();
    for g in groups.iter().take(LIMIT) {
        let members = g.resources.iter().filter_map(|&r| w.resources.get(r));
        let state = crate::types::state::group_state(members.map(|r| r.state));
        let _ = write!(out, "\n  group {} [{state:?}] on {}", g.name, node(g.owner));
        if !g.preferred.is_empty() {
            out.push_str(", preferred ");
            list(out, g.preferred.iter().map(|&n| node(n)));
        }
        let resources: Vec<_> = g.resources.iter().filter_map(|&r| w.resources.get(r)).collect();
        for r in resources.iter().take(LIMIT) {
            let _ = write!(out, "\n    resource {} [{:?}] ({})", r.name, r.state, r.resource_type);
            if r.possible_owners.len() != nodes.len() {
                out.push_str(", possible ");
                list(out, r.possible_owners.iter().map(|&n| node(n)));
            }
            if !r.depends_on.is_empty() {
                out.push_str(", depends on ");
                let providers = r.depends_on.iter().filter_map(|&d| w.resources.get(d));
                list(out, providers.map(|d| d.name.clone()).collect::<Vec<_>>().into_iter());
            }
        }
        if resources.len() > LIMIT {
            let _ = write!(out, "\n    and {} more resources", resources.len().saturating_sub(LIMIT));
        }
    }
    if groups.len() > LIMIT {
        let _ = write!(out, "\n  and {} more groups", groups.len().saturating_sub(LIMIT));
    }
}

impl Simulator {
    /// The world in a few lines, to paste into an assertion message: every cluster with its
    /// nodes and networks and their states, its groups with their state and owner, and each
    /// group's resources with their state and type (the format is [`WorldSummary`]'s). Like
    /// the `inspect_*` methods it counts no state poll, meets no fault and leaves no history
    /// entry, so printing it does not change what the test sees.
    ///
    /// ```
    /// use clusapi_sim::Simulator;
    ///
    /// let sim = Simulator::default();
    /// sim.crash_node("NODE1")?;
    /// let owner = sim.inspect_group("Cluster Group").expect("a group").owner_node;
    /// assert_eq!(owner, "NODE2", "{}", sim.world_summary());
    /// assert_eq!(sim.world_summary().to_string(), "\
    /// cluster SIMCLUSTER
    ///   nodes: NODE1 [Down], NODE2 [Up]
    ///   networks: Cluster Network 1 [Up], Cluster Network 2 [Up]
    ///   group Cluster Group [Online] on NODE2
    ///     resource Cluster Name [Online] (Network Name)
    ///     resource Cluster IP Address [Online] (IP Address)
    ///   group Available Storage [Offline] on NODE2");
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[must_use]
    pub fn world_summary(&self) -> WorldSummary {
        let st = self.lock_quiet();
        let mut text = String::new();
        for (i, &k) in st.world.cluster_order.iter().enumerate() {
            if let Some(c) = st.world.clusters.get(k) {
                if i > 0 {
                    text.push('\n');
                }
                cluster(&mut text, &st, k, c);
            }
        }
        WorldSummary { text }
    }
}
