//! Topologies described in TOML (feature `topology-file`).
//!
//! The file describes what the builder describes, and turns into the same [`Topology`]:
//!
//! ```toml
//! strict = false            # optional: the builder's .strict()
//! handle_limit = 100000     # optional: the builder's .handle_limit(n)
//! pending_transitions = 3   # optional: the builder's .pending_transitions(polls)
//! pending_duration_ms = 500 # optional: the builder's .pending_duration(500 ms)
//! manual_clock = false      # optional: the builder's .manual_clock()
//! record_history = 1000     # optional: the builder's .record_history(n)
//!
//! [[cluster]]
//! name = "SIMCLUSTER"
//! nodes = ["NODE1", "NODE2"]
//! networks = ["Cluster Network 1", "Cluster Network 2"]
//! local_node = "NODE1"      # optional: the first node by default
//! domain = "contoso.com"    # optional: the DNS domain, "sim.test" by default
//!
//! [[cluster.group]]
//! name = "Cluster Group"    # the core group: starts online
//! owner = "NODE1"
//! online = false            # optional: other groups start offline unless true
//! group_type = 1            # optional: its GroupType (CLUSGROUP_TYPE); by default 1 for
//!                           # "Cluster Group", 2 for "Available Storage", else 9999
//! resources = [
//!     { name = "Cluster Name", type = "Network Name" },
//!     { name = "Cluster IP Address", type = "IP Address" },
//! ]
//!
//! [[cluster.group]]
//! name = "Available Storage"
//! owner = "NODE1"
//! resources = [             # a Physical Disk with its disk: the builder's .disk(name, Disk)
//!     { name = "Cluster Disk 1", type = "Physical Disk", disk = { signature = 0x1A2B3C4D,
//!       size = 107374182400, partitions = [{ size = 107374182400, drive_letter = "E",
//!       label = "Data", free = 53687091200 }] } },
//! ]
//! # a disk: signature (MBR) or guid (GPT), size (bytes); optional number, scsi_address =
//! # [port, path, target, lun]; each partition: size, optional free, file_system ("NTFS"),
//! # label, drive_letter, mount_points = ["C:\\Mounts\\X"], volume_guid, serial_number
//!
//! [[cluster.available_disk]] # optional: a disk that is no resource yet (.available_disk)
//! guid = "{0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0}"
//! size = 1073741824
//!
//! [[trigger]]               # optional: the builder's .trigger(...)
//! on = "MoveClusterGroup"   # a ClusAPI call, Rust or Win32 name
//! nth = 2                   # optional: every matching call by default
//! object = "SQL Group"      # optional: only calls on this object
//! before = "crash_node"     # or after = "...": the lever
//! target = "NODE2"          # the lever's node, network or cluster (advance_clock:
//!                           # milliseconds, as "500")
//! ```
//!
//! Unknown keys are errors (a misspelt key would otherwise be silently ignored). Every
//! error says on which line its culprit is.

use serde::Deserialize;
use toml::Spanned;

use super::topology::{ClusterSpec, GroupSpec, ResourceSpec, SpecRef, Topology};
use crate::types::error::{Error, Result};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    strict: Option<bool>,
    pending_transitions: Option<u32>,
    pending_duration_ms: Option<Spanned<i64>>,
    manual_clock: Option<bool>,
    handle_limit: Option<Spanned<i64>>,
    record_history: Option<usize>,
    #[serde(default)]
    cluster: Vec<Spanned<ClusterEntry>>,
    #[serde(default)]
    trigger: Vec<Spanned<TriggerEntry>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TriggerEntry {
    on: String,
    nth: Option<u64>,
    object: Option<String>,
    before: Option<String>,
    after: Option<String>,
    target: Option<String>,
}

impl TriggerEntry {
    /// The trigger (its call's name is checked when the simulator is built, which reports
    /// this entry's line: the model does not know the declared calls).
    fn into_trigger(self) -> Result<crate::Trigger> {
        let mut on = crate::Trigger::on(self.on);
        if let Some(n) = self.nth {
            on = on.nth(n);
        }
        if let Some(o) = self.object {
            on = on.object(o);
        }
        let lever = |name: &str| {
            crate::Lever::parse(name, self.target.as_deref())
                .map_err(|e| Error::InvalidData(e.message().to_owned()))
        };
        match (self.before, self.after) {
            (Some(b), None) => Ok(on.before(lever(&b)?)),
            (None, Some(a)) => Ok(on.after(lever(&a)?)),
            _ => Err(Error::InvalidData(
                "a trigger has exactly one of before = \"lever\" and after = \"lever\"".into(),
            )),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ClusterEntry {
    name: Spanned<String>,
    #[serde(default)]
    nodes: Vec<Spanned<String>>,
    #[serde(default)]
    networks: Vec<Spanned<String>>,
    local_node: Option<String>,
    domain: Option<String>,
    #[serde(default)]
    group: Vec<GroupEntry>,
    /// Disks the nodes see that are not resources.
    #[serde(default)]
    available_disk: Vec<Spanned<DiskEntry>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupEntry {
    name: Spanned<String>,
    owner: String,
    #[serde(default)]
    online: bool,
    /// Its `GroupType`, a `CLUSGROUP_TYPE` value (a `DWORD`).
    group_type: Option<Spanned<i64>>,
    #[serde(default)]
    resources: Vec<ResourceEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ResourceEntry {
    name: Spanned<String>,
    #[serde(rename = "type")]
    resource_type: String,
    /// Private property values: strings, integers, booleans, arrays of strings.
    private: Option<Spanned<toml::Table>>,
    /// A `Physical Disk`'s disk.
    disk: Option<Spanned<DiskEntry>>,
}

/// A disk: `signature` (MBR) or `guid` (GPT), its size in bytes, its partitions.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DiskEntry {
    signature: Option<u32>,
    guid: Option<String>,
    size: u64,
    number: Option<u32>,
    scsi_address: Option<[u8; 4]>,
    #[serde(default)]
    partitions: Vec<PartitionEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PartitionEntry {
    size: u64,
    free: Option<u64>,
    file_system: Option<String>,
    label: Option<String>,
    drive_letter: Option<char>,
    #[serde(default)]
    mount_points: Vec<String>,
    volume_guid: Option<String>,
    serial_number: Option<u32>,
}

impl DiskEntry {
    /// The disk it describes; exactly one of `signature` and `guid`.
    fn into_disk(self, line: usize) -> Result<crate::types::disk::Disk> {
        use crate::types::disk::{Disk, Partition};
        let mut disk = match (self.signature, self.guid) {
            (Some(s), None) => Disk::mbr(s, self.size),
            (None, Some(g)) => Disk::gpt(g, self.size),
            _ => {
                return Err(Error::InvalidData(format!(
                    "topology file, line {line}: a disk has exactly one of signature = n (MBR) and guid = \"...\" (GPT)"
                )));
            }
        };
        if let Some(n) = self.number {
            disk = disk.number(n);
        }
        if let Some([port, path, target, lun]) = self.scsi_address {
            disk = disk.scsi_address(port, path, target, lun);
        }
        for p in self.partitions {
            let mut part = Partition::new(p.size);
            if let Some(f) = p.free {
                part = part.free(f);
            }
            if let Some(fs) = p.file_system {
                part = part.file_system(fs);
            }
            if let Some(l) = p.label {
                part = part.label(l);
            }
            if let Some(d) = p.drive_letter {
                part = part.drive_letter(d);
            }
            for m in p.mount_points {
                part = part.mount_point(m);
            }
            if let Some(g) = p.volume_guid {
                part = part.volume_guid(g);
            }
            if let Some(n) = p.serial_number {
                part = part.serial_number(n);
            }
            disk = disk.partition(part);
        }
        Ok(disk)
    }
}

/// A TOML value as a property value, in the format the catalog gives the property (for a
/// type the catalog does not know: a string is `SZ`, an integer `DWORD` or, below 0 or
/// past `u32::MAX`, `LARGE_INTEGER`, an array of strings `MULTI_SZ`).
fn property_value(
    value: &toml::Value,
    format: Option<crate::PropertyFormat>,
) -> Option<crate::PropertyValue> {
    use crate::{PropertyFormat as F, PropertyValue as V};
    Some(match (value, format) {
        (toml::Value::String(s), Some(F::ExpandSz)) => V::ExpandSz(s.clone()),
        (toml::Value::String(s), Some(F::MultiSz)) => V::MultiSz(vec![s.clone()]),
        (toml::Value::String(s), None | Some(F::Sz)) => V::Sz(s.clone()),
        (toml::Value::Boolean(b), None | Some(F::Dword)) => V::Dword(u32::from(*b)),
        (toml::Value::Integer(i), Some(F::Long)) => V::Long(i32::try_from(*i).ok()?),
        (toml::Value::Integer(i), Some(F::ULargeInteger)) => V::ULargeInteger(u64::try_from(*i).ok()?),
        (toml::Value::Integer(i), Some(F::LargeInteger)) => V::LargeInteger(*i),
        (toml::Value::Integer(i), Some(F::FileTime)) => V::FileTime(u64::try_from(*i).ok()?),
        (toml::Value::Integer(i), Some(F::Dword)) => V::Dword(u32::try_from(*i).ok()?),
        (toml::Value::Integer(i), None) => match u32::try_from(*i) {
            Ok(d) => V::Dword(d),
            Err(_) => V::LargeInteger(*i),
        },
        (toml::Value::Array(items), None | Some(F::MultiSz)) => {
            V::MultiSz(items.iter().map(|v| v.as_str().map(str::to_owned)).collect::<Option<Vec<_>>>()?)
        }
        _ => return None,
    })
}

/// What a topology file sets besides the clusters.
#[derive(Debug, Default)]
pub(crate) struct FileOptions {
    pub strict: Option<bool>,
    pub pending_transitions: Option<u32>,
    /// A positive number of milliseconds.
    pub pending_duration_ms: Option<u64>,
    pub manual_clock: Option<bool>,
    pub handle_limit: Option<usize>,
    pub record_history: Option<usize>,
    /// Each trigger with its line.
    pub triggers: Vec<(crate::Trigger, usize)>,
}

/// 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset).map_or(0, |head| head.bytes().filter(|&b| b == b'\n').count()).saturating_add(1)
}

/// Parses a TOML topology, appending its clusters to `topology`.
///
/// # Errors
///
/// `ERROR_INVALID_DATA` (13) for text that is not a valid topology (bad TOML, unknown or
/// missing keys, wrong types), with the line; validation errors come later, from
/// [`Topology::validate`], also with the line.
pub(crate) fn parse(text: &str, topology: &mut Topology) -> Result<FileOptions> {
    let file: File = toml::from_str(text).map_err(|e| {
        let line = e.span().map(|s| line_of(text, s.start));
        let message = e.message().trim_end().to_owned();
        Error::InvalidData(match line {
            Some(line) => format!("topology file, line {line}: {message}"),
            None => format!("topology file: {message}"),
        })
    })?;
    let handle_limit = match file.handle_limit {
        None => None,
        Some(limit) => Some(usize::try_from(*limit.get_ref()).map_err(|_| {
            Error::InvalidData(format!(
                "topology file, line {}: handle_limit must be positive",
                line_of(text, limit.span().start)
            ))
        })?),
    };
    let pending_duration_ms = match file.pending_duration_ms {
        None => None,
        Some(ms) => Some(u64::try_from(*ms.get_ref()).ok().filter(|&ms| ms > 0).ok_or_else(|| {
            Error::InvalidData(format!(
                "topology file, line {}: pending_duration_ms must be a positive number of milliseconds",
                line_of(text, ms.span().start)
            ))
        })?),
    };
    for entry in file.cluster {
        let ci = topology.clusters.len();
        let line = |span: std::ops::Range<usize>| line_of(text, span.start);
        let c = entry.into_inner();
        topology.lines.insert(SpecRef::Cluster(ci), line(c.name.span()));
        let mut spec = ClusterSpec {
            name: c.name.into_inner(),
            local_node: c.local_node,
            domain: c.domain,
            ..ClusterSpec::default()
        };
        for (i, n) in c.nodes.into_iter().enumerate() {
            topology.lines.insert(SpecRef::Node(ci, i), line(n.span()));
            spec.nodes.push(n.into_inner());
        }
        for (i, n) in c.networks.into_iter().enumerate() {
            topology.lines.insert(SpecRef::Network(ci, i), line(n.span()));
            spec.networks.push(n.into_inner());
        }
        for g in c.group {
            let gi = spec.groups.len();
            topology.lines.insert(SpecRef::Group(ci, gi), line(g.name.span()));
            let group = g.name.into_inner();
            let group_type = match g.group_type {
                None => None,
                Some(t) => Some(u32::try_from(*t.get_ref()).map_err(|_| {
                    Error::InvalidData(format!(
                        "topology file, line {}: group_type of group \"{group}\" must be a DWORD (0 to {})",
                        line(t.span()),
                        u32::MAX
                    ))
                })?),
            };
            for r in g.resources {
                let ri = spec.resources.len();
                topology.lines.insert(SpecRef::Resource(ci, ri), line(r.name.span()));
                let private_line = r.private.as_ref().map_or(0, |p| line(p.span()));
                let mut private = crate::model::control::props::Props::default();
                for (key, value) in r.private.as_ref().map(|p| p.get_ref().iter()).into_iter().flatten() {
                    let format = crate::model::control::private_format(&r.resource_type, key);
                    let value = property_value(value, format).ok_or_else(|| {
                        Error::InvalidData(format!(
                            "topology file, line {private_line}: private property \"{key}\" of resource \"{}\": \
                             {value:?} is not a value of its format ({format:?})",
                            r.name.get_ref()
                        ))
                    })?;
                    crate::model::control::set_private(&mut private, &r.resource_type, key, value).map_err(
                        |e| {
                            Error::with_message(
                                e.code(),
                                format!(
                                    "topology file, line {private_line}: resource \"{}\": {}",
                                    r.name.get_ref(),
                                    e.message()
                                ),
                            )
                        },
                    )?;
                }
                let disk = match r.disk {
                    None => None,
                    Some(d) => {
                        let l = line(d.span());
                        Some(d.into_inner().into_disk(l)?)
                    }
                };
                spec.resources.push(ResourceSpec {
                    group: group.clone(),
                    name: r.name.into_inner(),
                    resource_type: r.resource_type,
                    private,
                    disk,
                });
            }
            spec.groups.push(GroupSpec { name: group, owner: g.owner, online: g.online, group_type });
        }
        for d in c.available_disk {
            let l = line(d.span());
            spec.available_disks.push(d.into_inner().into_disk(l)?);
        }
        topology.clusters.push(spec);
    }
    let mut triggers = Vec::new();
    for t in file.trigger {
        let line = line_of(text, t.span().start);
        triggers.push((
            t.into_inner()
                .into_trigger()
                .map_err(|e| Error::InvalidData(format!("topology file, line {line}: {}", e.message())))?,
            line,
        ));
    }
    Ok(FileOptions {
        triggers,
        strict: file.strict,
        pending_transitions: file.pending_transitions,
        pending_duration_ms,
        manual_clock: file.manual_clock,
        handle_limit,
        record_history: file.record_history,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
[[cluster]]
name = "C1"
nodes = ["A", "B"]
networks = ["Net"]
domain = "corp.example"

[[cluster.group]]
name = "G"
owner = "A"
resources = [{ name = "R", type = "Generic Service" }]
"#;

    #[test]
    fn a_file_becomes_the_topology_the_builder_would_make() {
        let mut t = Topology::default();
        parse(GOOD, &mut t).expect("parses");
        assert_eq!(t.clusters.len(), 1);
        let c = &t.clusters[0];
        assert_eq!((c.name.as_str(), c.nodes.len(), c.networks.len()), ("C1", 2, 1));
        assert_eq!(c.resources[0].group, "G");
        assert_eq!(c.domain(), "corp.example");
        assert_eq!(t.lines.get(&SpecRef::Resource(0, 0)), Some(&11));
        t.validate().expect("valid");
    }

    #[test]
    fn a_group_type_is_read_and_checked() {
        let mut t = Topology::default();
        parse(&GOOD.replace("owner = \"A\"", "owner = \"A\"\ngroup_type = 111"), &mut t).expect("parses");
        assert_eq!(t.clusters[0].groups[0].group_type, Some(111));
        let bad = GOOD.replace("owner = \"A\"", "owner = \"A\"\ngroup_type = -1");
        let line = bad.lines().position(|l| l.starts_with("group_type")).expect("the line") + 1;
        let err = parse(&bad, &mut t).unwrap_err();
        assert_eq!(err.code(), crate::codes::ERROR_INVALID_DATA);
        assert!(err.to_string().contains(&format!("line {line}")), "{err}");
    }

    #[test]
    fn parse_errors_give_the_line() {
        let mut t = Topology::default();
        let err = parse("[[cluster]]\nname = \"C\"\nnodez = [\"A\"]\n", &mut t).unwrap_err();
        assert_eq!(err.code(), crate::codes::ERROR_INVALID_DATA);
        assert!(err.to_string().contains("line 3"), "{err}");
    }

    #[test]
    fn validation_errors_give_the_culprits_line() {
        let mut t = Topology::default();
        parse(&GOOD.replace("owner = \"A\"", "owner = \"Z\""), &mut t).expect("parses");
        let err = t.validate().unwrap_err();
        assert_eq!(err.code(), crate::codes::ERROR_CLUSTER_NODE_NOT_FOUND);
        assert!(err.to_string().contains("\"Z\"") && err.to_string().contains("line 9"), "{err}");
    }
}
