//! A description of clusters to simulate, and its validation.
//!
//! The builder fills a [`Topology`]; `validate` checks it whole before anything is built, so
//! a bad topology never produces a half-built world, and each error names its culprit.

use std::collections::HashMap;

use crate::types::error::{Error, Result};
use crate::types::names::NameIndex;

/// `MAX_CLUSTERNAME_LENGTH` in `clusapi.h`, in UTF-16 units.
pub(crate) const MAX_CLUSTERNAME_LENGTH: usize = 63;

/// The DNS domain of a cluster whose topology names none: under `.test`, which RFC 6761
/// reserves for testing, so a fully qualified name of the simulator never names a real host.
pub(crate) const DEFAULT_DOMAIN: &str = "sim.test";

/// The clusters to simulate; the first is the local cluster.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Topology {
    pub clusters: Vec<ClusterSpec>,
    /// Where each object was described, for a topology read from a file: errors then say
    /// which line holds the culprit.
    pub lines: HashMap<SpecRef, usize>,
}

/// One object of a [`Topology`], by position: cluster index, then index in its list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum SpecRef {
    Cluster(usize),
    Node(usize, usize),
    Network(usize, usize),
    Group(usize, usize),
    Resource(usize, usize),
}

/// One cluster of a [`Topology`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ClusterSpec {
    pub name: String,
    pub nodes: Vec<String>,
    pub networks: Vec<String>,
    pub groups: Vec<GroupSpec>,
    pub resources: Vec<ResourceSpec>,
    /// The node the client runs on; the first node when `None`.
    pub local_node: Option<String>,
    /// The DNS domain of the cluster and its nodes (`"NODE1.<domain>"`);
    /// [`DEFAULT_DOMAIN`] when `None`.
    pub domain: Option<String>,
    /// Disks the nodes see that are not resources (`CLUSCTL_RESOURCE_TYPE_STORAGE_GET_AVAILABLE_DISKS`).
    pub available_disks: Vec<crate::types::disk::Disk>,
}

impl ClusterSpec {
    /// The cluster's DNS domain.
    pub(crate) fn domain(&self) -> &str {
        self.domain.as_deref().unwrap_or(DEFAULT_DOMAIN)
    }
}

/// A group and its owner node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct GroupSpec {
    pub name: String,
    pub owner: String,
    /// Whether the group starts online (the core group always does).
    pub online: bool,
    /// Its `GroupType` (`CLUSGROUP_TYPE`); `None`: the core group's, `"Available Storage"`'s
    /// or `ClusGroupTypeUnknown`, by its name.
    pub group_type: Option<u32>,
}

/// A resource, the group it belongs to and its type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ResourceSpec {
    pub group: String,
    pub name: String,
    pub resource_type: String,
    /// Private property values set by the builder or the topology file.
    pub private: crate::model::control::props::Props,
    /// The disk behind a `Physical Disk` resource.
    pub disk: Option<crate::types::disk::Disk>,
}

/// The name of the interface that connects `node` to `network`.
pub(crate) fn net_interface_name(node: &str, network: &str) -> String {
    format!("{node} - {network}")
}

/// A validation failure and the object it is about.
type Failure = (SpecRef, Error);

fn check_name(what: &str, name: &str, cluster: &str) -> Result<()> {
    if name.is_empty() {
        return Err(Error::InvalidParameter(format!("empty {what} name in cluster \"{cluster}\"")));
    }
    if name.contains('\0') {
        return Err(Error::InvalidParameter(format!(
            "{what} name {name:?} in cluster \"{cluster}\" contains a NUL character"
        )));
    }
    Ok(())
}

/// A DNS domain: labels separated by dots, none empty, no NUL, at most 253 characters.
fn check_domain(domain: &str, cluster: &str) -> Result<()> {
    if domain.is_empty()
        || domain.contains('\0')
        || domain.split('.').any(str::is_empty)
        || domain.len() > 253
    {
        return Err(Error::InvalidParameter(format!(
            "domain {domain:?} of cluster \"{cluster}\" is not a DNS domain (dot-separated labels, none empty, \
             no NUL, at most 253 characters)"
        )));
    }
    Ok(())
}

/// A cluster or node name may not be a name every machine answers to for itself.
fn check_host_name(what: &str, name: &str, cluster: &str) -> Result<()> {
    if crate::types::names::is_local_machine(name) {
        return Err(Error::InvalidParameter(format!(
            "{what} name \"{name}\" in cluster \"{cluster}\" is reserved: OpenCluster takes it for the local machine"
        )));
    }
    Ok(())
}

/// Adds a host's name and its fully qualified name to the namespace `open_cluster`
/// searches; on a clash, the message says which name is already whose.
fn add_host(
    hosts: &mut NameIndex<Host>,
    host: Host,
    name: &str,
    domain: &str,
    clusters: &[ClusterSpec],
) -> std::result::Result<(), String> {
    let fqdn = format!("{name}.{domain}");
    for (form, n) in [("name", name), ("fully qualified name", fqdn.as_str())] {
        if let Err(holder) = hosts.insert(n, host) {
            return Err(format!(
                "the {form} \"{n}\" of {} is already a name of {} (open_cluster accepts both, so they must differ)",
                host.describe(clusters),
                holder.describe(clusters)
            ));
        }
    }
    Ok(())
}

fn unique<K: Copy + PartialEq>(
    index: &mut NameIndex<K>,
    key: K,
    what: &str,
    name: &str,
    cluster: &str,
) -> Result<()> {
    index.insert(name, key).map_err(|_| {
        Error::ObjectAlreadyExists(format!(
            "{what} \"{name}\" appears twice in cluster \"{cluster}\" (names are compared without regard to case)"
        ))
    })
}

impl Topology {
    /// Checks the whole topology; the first problem found is returned, naming its culprit
    /// (and, for a topology read from a file, its line).
    pub(crate) fn validate(&self) -> Result<()> {
        self.find_problem().map_err(|(at, e)| match self.lines.get(&at) {
            Some(line) => with_line(e, *line),
            None => e,
        })
    }

    fn find_problem(&self) -> std::result::Result<(), Failure> {
        if self.clusters.is_empty() {
            return Err((
                SpecRef::Cluster(0),
                Error::InvalidParameter("the topology has no cluster: call .cluster(name) first".into()),
            ));
        }
        // Cluster names and node names share one namespace: `open_cluster` accepts either.
        let mut hosts: NameIndex<Host> = NameIndex::default();
        for (ci, c) in self.clusters.iter().enumerate() {
            let at = SpecRef::Cluster(ci);
            if c.name.is_empty() {
                return Err((at, Error::InvalidParameter("empty cluster name".into())));
            }
            if c.name.contains('\0') {
                return Err((
                    at,
                    Error::InvalidParameter(format!("cluster name {:?} contains a NUL character", c.name)),
                ));
            }
            let len = c.name.encode_utf16().count();
            if len > MAX_CLUSTERNAME_LENGTH {
                return Err((
                    at,
                    Error::InvalidParameter(format!(
                        "cluster name \"{}\" is {len} characters long; the limit is {MAX_CLUSTERNAME_LENGTH}",
                        c.name
                    )),
                ));
            }
            check_host_name("cluster", &c.name, &c.name).map_err(|e| (at, e))?;
            check_domain(c.domain(), &c.name).map_err(|e| (at, e))?;
            add_host(&mut hosts, Host { cluster: ci, node: None }, &c.name, c.domain(), &self.clusters)
                .map_err(|m| (at, Error::ObjectAlreadyExists(m)))?;
        }
        for (ci, c) in self.clusters.iter().enumerate() {
            validate_cluster(ci, c, &mut hosts, &self.clusters)?;
        }
        Ok(())
    }
}

/// Adds the line of the culprit to an error's message.
fn with_line(e: Error, line: usize) -> Error {
    let code = e.code();
    let message = format!("{} (line {line})", e.message());
    Error::with_message(code, message)
}

/// Who holds a name in the namespace `open_cluster` searches: a cluster, or a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Host {
    cluster: usize,
    node: Option<usize>,
}

impl Host {
    fn describe(self, clusters: &[ClusterSpec]) -> String {
        let Some(c) = clusters.get(self.cluster) else { return "another object".into() };
        match self.node.and_then(|n| c.nodes.get(n)) {
            Some(node) => format!("node \"{node}\" of cluster \"{}\"", c.name),
            None => format!("cluster \"{}\"", c.name),
        }
    }
}

fn validate_cluster(
    ci: usize,
    c: &ClusterSpec,
    hosts: &mut NameIndex<Host>,
    clusters: &[ClusterSpec],
) -> std::result::Result<(), Failure> {
    let cl = c.name.as_str();
    if c.nodes.is_empty() {
        return Err((
            SpecRef::Cluster(ci),
            Error::InvalidParameter(format!("cluster \"{cl}\" has no node: add one with .node(name)")),
        ));
    }
    let mut nodes = NameIndex::default();
    for (i, n) in c.nodes.iter().enumerate() {
        let at = |e| (SpecRef::Node(ci, i), e);
        check_name("node", n, cl).map_err(at)?;
        unique(&mut nodes, i, "node", n, cl).map_err(at)?;
        check_host_name("node", n, cl).map_err(at)?;
        add_host(hosts, Host { cluster: ci, node: Some(i) }, n, c.domain(), clusters)
            .map_err(|m| at(Error::ObjectAlreadyExists(m)))?;
    }
    if let Some(local) = &c.local_node {
        if nodes.get(local).is_none() {
            return Err((
                SpecRef::Cluster(ci),
                Error::ClusterNodeNotFound(format!(
                    "local node \"{local}\" is not a node of cluster \"{cl}\""
                )),
            ));
        }
    }
    let mut networks = NameIndex::default();
    for (i, n) in c.networks.iter().enumerate() {
        let at = |e| (SpecRef::Network(ci, i), e);
        check_name("network", n, cl).map_err(at)?;
        unique(&mut networks, i, "network", n, cl).map_err(at)?;
    }
    let mut interfaces = NameIndex::default();
    for node in &c.nodes {
        for (i, network) in c.networks.iter().enumerate() {
            let name = net_interface_name(node, network);
            unique(&mut interfaces, (), "network interface", &name, cl)
                .map_err(|e| (SpecRef::Network(ci, i), e))?;
        }
    }
    let mut groups = NameIndex::default();
    for (i, g) in c.groups.iter().enumerate() {
        let at = |e| (SpecRef::Group(ci, i), e);
        check_name("group", &g.name, cl).map_err(at)?;
        unique(&mut groups, i, "group", &g.name, cl).map_err(at)?;
        if nodes.get(&g.owner).is_none() {
            return Err(at(Error::ClusterNodeNotFound(format!(
                "owner node \"{}\" of group \"{}\" is not a node of cluster \"{cl}\"",
                g.owner, g.name
            ))));
        }
    }
    let mut resources = NameIndex::default();
    for (i, r) in c.resources.iter().enumerate() {
        let at = |e| (SpecRef::Resource(ci, i), e);
        check_name("resource", &r.name, cl).map_err(at)?;
        unique(&mut resources, i, "resource", &r.name, cl).map_err(at)?;
        if groups.get(&r.group).is_none() {
            return Err(at(Error::GroupNotFound(format!(
                "group \"{}\" of resource \"{}\" is not a group of cluster \"{cl}\"",
                r.group, r.name
            ))));
        }
        if r.resource_type.is_empty() || r.resource_type.contains('\0') {
            return Err(at(Error::InvalidParameter(format!(
                "resource \"{}\" in cluster \"{cl}\" has an empty or NUL-containing type name",
                r.name
            ))));
        }
    }
    let mut seen = DiskNames::default();
    for (i, r) in c.resources.iter().enumerate() {
        let Some(disk) = &r.disk else { continue };
        let at = |e| (SpecRef::Resource(ci, i), e);
        if !crate::types::names::names_equal(&r.resource_type, crate::model::world::storage::PHYSICAL_DISK) {
            return Err(at(Error::InvalidParameter(format!(
                "resource \"{}\" in cluster \"{cl}\" has a disk but is of type \"{}\", not \"Physical Disk\"",
                r.name, r.resource_type
            ))));
        }
        check_disk(disk, &format!("the disk of resource \"{}\" in cluster \"{cl}\"", r.name), &mut seen)
            .map_err(at)?;
    }
    for disk in &c.available_disks {
        check_disk(disk, &format!("an available disk of cluster \"{cl}\""), &mut seen)
            .map_err(|e| (SpecRef::Cluster(ci), e))?;
    }
    Ok(())
}

/// What the disks of one cluster have claimed so far: their ids, volume GUIDs and paths.
#[derive(Default)]
struct DiskNames {
    ids: Vec<String>,
    volumes: Vec<String>,
    paths: NameIndex<()>,
}

/// A disk's description: a GPT disk's GUID is a GUID; its partitions fit on it; each
/// partition's free space fits in the partition, its volume GUID is a GUID, its paths are
/// absolute (`X:\...`); no id, volume GUID, drive letter or mount point is another disk's.
fn check_disk(disk: &crate::types::disk::Disk, what: &str, seen: &mut DiskNames) -> Result<()> {
    use crate::types::disk::{DiskId, normalize_guid};
    let bad = |why: String| Err(Error::InvalidParameter(format!("{what}: {why}")));
    let id = match &disk.id {
        DiskId::Signature(s) => format!("signature {s:#010X}"),
        DiskId::Guid(g) => match normalize_guid(g) {
            Some(g) => format!("GUID {g}"),
            None => return bad(format!("{g:?} is not a GUID")),
        },
    };
    if seen.ids.contains(&id) {
        return Err(Error::ObjectAlreadyExists(format!("{what}: another disk of the cluster has the {id}")));
    }
    seen.ids.push(id);
    let total = disk.partitions.iter().try_fold(0u64, |sum, p| sum.checked_add(p.size));
    if total.is_none_or(|t| t > disk.size) {
        return bad(format!("its partitions take more than its {} bytes", disk.size));
    }
    for (i, p) in disk.partitions.iter().enumerate() {
        let n = i.saturating_add(1);
        if p.free.is_some_and(|f| f > p.size) {
            return bad(format!("partition {n} has more free space than its {} bytes", p.size));
        }
        if let Some(g) = &p.volume_guid {
            let Some(g) = normalize_guid(g) else {
                return bad(format!("partition {n}: {g:?} is not a GUID"));
            };
            if seen.volumes.contains(&g) {
                return Err(Error::ObjectAlreadyExists(format!("{what}: volume {g} is another partition's")));
            }
            seen.volumes.push(g);
        }
        if p.file_system.is_empty() || p.file_system.contains('\0') || p.label.contains('\0') {
            return bad(format!("partition {n} has an empty file system name or a NUL character"));
        }
        for path in &p.paths {
            let absolute = matches!(path.as_bytes(), [l, b':', b'\\', ..] if l.is_ascii_alphabetic());
            if !absolute || path.contains('\0') {
                return bad(format!(
                    "partition {n}: {path:?} is not a drive letter or an absolute folder path"
                ));
            }
            if seen.paths.insert(path, ()).is_err() {
                return Err(Error::ObjectAlreadyExists(format!(
                    "{what}: partition {n}'s path {path} is already another volume's"
                )));
            }
        }
    }
    Ok(())
}
