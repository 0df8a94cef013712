//! Storage in the world: the disk behind each `Physical Disk` resource (its partitions and
//! volumes), the disks a cluster could take (`CLUSCTL_RESOURCE_TYPE_STORAGE_GET_AVAILABLE_DISKS`),
//! and the lookups from a path to the volume that holds it.

use crate::model::control::props::Props;
use crate::model::world::{ResourceKey, World, stable_guid};
use crate::types::disk::{Disk, DiskId, normalize_guid};

/// The resource type whose resources are disks.
pub(crate) const PHYSICAL_DISK: &str = "Physical Disk";

/// A disk as the world holds it: the description, with every default filled in (disk
/// number, SCSI address, volume GUIDs, serial numbers, free space).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DiskState {
    pub disk: Disk,
    /// While the disk is a Cluster Shared Volume: its volumes' numbers and states.
    pub csv: Option<Csv>,
}

/// A disk's life as a Cluster Shared Volume (`AddResourceToClusterSharedVolumes`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Csv {
    /// The `N` of `C:\ClusterStorage\VolumeN\`, one per partition.
    pub numbers: Vec<u32>,
    /// `CLUSTER_SHARED_VOLUME_BACKUP_STATE`: `VolumeBackupInProgress` (1) between
    /// `ClusterPrepareSharedVolumeForBackup` and the clear, else `VolumeBackupNone` (0).
    pub backup: u32,
    /// The last `CLUSTER_SHARED_VOLUME_SNAPSHOT_STATE` set, and its snapshot set's GUID.
    pub snapshot: u32,
    pub snapshot_set: Option<String>,
    /// The lever: every node reaches the volume through its owner (redirected access).
    pub redirected: bool,
}

/// `CLUSTER_SHARED_VOLUME_STATE`: `SharedVolumeStateUnavailable` 0, `_Paused` 1,
/// `_Active` 2, `_ActiveRedirected` 3.
pub(crate) const SHARED_VOLUME_STATE_UNAVAILABLE: u32 = 0;
/// `SharedVolumeStateActive`: direct access.
pub(crate) const SHARED_VOLUME_STATE_ACTIVE: u32 = 2;
/// `SharedVolumeStateActiveRedirected`: access through the owner node.
pub(crate) const SHARED_VOLUME_STATE_ACTIVE_REDIRECTED: u32 = 3;

/// Where Cluster Shared Volumes appear on every node.
pub(crate) const CLUSTER_STORAGE: &str = "C:\\ClusterStorage\\";

/// `C:\ClusterStorage\VolumeN\`.
pub(crate) fn csv_root(number: u32) -> String {
    format!("{CLUSTER_STORAGE}Volume{number}\\")
}

impl DiskState {
    /// The description with its defaults: `number` is the disk number to use when the
    /// description gives none; `seed` makes the volume GUIDs (the cluster's name).
    pub(crate) fn new(mut disk: Disk, number: u32, seed: &str) -> Self {
        let number = *disk.number.get_or_insert(number);
        let lun = u8::try_from(number).unwrap_or(u8::MAX);
        disk.scsi.get_or_insert([1, 0, 0, lun]);
        if let DiskId::Guid(g) = &mut disk.id {
            if let Some(n) = normalize_guid(g) {
                *g = n;
            }
        }
        let id = disk_id_text(&disk.id);
        for (i, p) in disk.partitions.iter_mut().enumerate() {
            let guid = match p.volume_guid.as_deref().and_then(normalize_guid) {
                Some(g) => g,
                None => format!(
                    "{{{}}}",
                    stable_guid(&[seed, "volume", &id, &i.to_string()]).to_ascii_uppercase()
                ),
            };
            p.serial.get_or_insert_with(|| {
                u32::from_str_radix(guid.get(1..9).unwrap_or_default(), 16).unwrap_or_default()
            });
            p.volume_guid = Some(guid);
            let free = p.free.unwrap_or(p.size).min(p.size);
            p.free = Some(free);
        }
        Self { disk, csv: None }
    }

    /// `props` with the private properties that say which disk this is: `DiskIdType`
    /// (`PARTITION_STYLE_MBR` 0 or `PARTITION_STYLE_GPT` 1) and `DiskSignature` or
    /// `DiskIdGuid` (Microsoft's DiskSignature and DiskIdGuid pages).
    pub(crate) fn identify(&self, props: &Props) -> Props {
        use crate::types::proplist::PropertyValue as V;
        let mut props = props.clone();
        match &self.disk.id {
            DiskId::Signature(s) => {
                props.set("DiskIdType", V::Dword(0));
                props.set("DiskSignature", V::Dword(*s));
            }
            DiskId::Guid(g) => {
                props.set("DiskIdType", V::Dword(1));
                props.set("DiskIdGuid", V::Sz(g.clone()));
            }
        }
        props
    }

    /// The disk number.
    pub(crate) fn number(&self) -> u32 {
        self.disk.number.unwrap_or_default()
    }
}

/// `"0x1A2B3C4D"` for a signature, the braced GUID for a GPT disk: how messages name a disk.
pub(crate) fn disk_id_text(id: &DiskId) -> String {
    match id {
        DiskId::Signature(s) => format!("{s:#010X}"),
        DiskId::Guid(g) => g.clone(),
    }
}

/// `\\?\Volume{GUID}\`: a volume's name, as `GetVolumeNameForVolumeMountPoint` gives it.
pub(crate) fn volume_name(guid: &str) -> String {
    format!("\\\\?\\Volume{guid}\\")
}

/// Whether `path` lies under `root` (a path ending in a backslash), compared without regard
/// to case, as Windows compares paths; `root` without its final backslash counts too.
pub(crate) fn path_under(path: &str, root: &str) -> bool {
    let bare = root.strip_suffix('\\').unwrap_or(root);
    let (p, b) = (path.to_lowercase(), bare.to_lowercase());
    p == b || p.strip_prefix(&b).is_some_and(|rest| rest.starts_with('\\'))
}

/// Where a path leads: the disk resource, the partition (0-based) and the root the path is
/// under (a drive letter, mount point or volume name, with its final backslash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct VolumeHit {
    pub resource: ResourceKey,
    pub partition: usize,
    pub root: String,
}

impl World {
    /// Whether `group` is a Cluster Shared Volume's group: it holds a CSV disk.
    pub(crate) fn is_shared_volume_group(&self, group: &crate::model::world::Group) -> bool {
        group.resources.iter().any(|&r| self.disk_of(r).is_some_and(|d| d.csv.is_some()))
    }

    /// The disk of a resource, if it is a `Physical Disk` with one.
    pub(crate) fn disk_of(&self, resource: ResourceKey) -> Option<&DiskState> {
        self.resources.get(resource).and_then(|r| r.disk.as_deref())
    }

    /// The volume of the cluster's disks that holds `path`: the longest root (drive letter,
    /// mount point, CSV path or volume name) the path is under, so a mount point inside
    /// another volume wins over that volume.
    pub(crate) fn volume_for_path(
        &self,
        cluster: crate::model::world::ClusterKey,
        path: &str,
    ) -> Option<VolumeHit> {
        let c = self.clusters.get(cluster)?;
        let mut best: Option<VolumeHit> = None;
        for &key in &c.resources {
            let Some(d) = self.disk_of(key) else { continue };
            for (i, p) in d.disk.partitions.iter().enumerate() {
                for root in self.partition_paths(key, i) {
                    if path_under(path, &root) && best.as_ref().is_none_or(|b| b.root.len() < root.len()) {
                        best = Some(VolumeHit { resource: key, partition: i, root });
                    }
                }
                if let Some(g) = &p.volume_guid {
                    let root = volume_name(g);
                    if path_under(path, &root) && best.as_ref().is_none_or(|b| b.root.len() < root.len()) {
                        best = Some(VolumeHit { resource: key, partition: i, root });
                    }
                }
            }
        }
        best
    }

    /// The paths a partition is reached by besides its own drive letter and mount points:
    /// its `C:\ClusterStorage\VolumeN\` while the disk is a Cluster Shared Volume.
    pub(crate) fn partition_roots(&self, resource: ResourceKey, partition: usize) -> Vec<String> {
        self.disk_of(resource)
            .and_then(|d| d.csv.as_ref())
            .and_then(|c| c.numbers.get(partition))
            .map(|&n| vec![csv_root(n)])
            .unwrap_or_default()
    }

    /// The volume of a Cluster Shared Volume that holds `path`: under its
    /// `C:\ClusterStorage\VolumeN\` or its volume name (`\\?\Volume{GUID}\`).
    pub(crate) fn csv_for_path(
        &self,
        cluster: crate::model::world::ClusterKey,
        path: &str,
    ) -> Option<VolumeHit> {
        self.volume_for_path(cluster, path)
            .filter(|hit| self.disk_of(hit.resource).is_some_and(|d| d.csv.is_some()))
    }

    /// Every path a partition is reached by, as `GET_MOUNTPOINTS` lists them: its drive
    /// letter and mount points, or, while the disk is a Cluster Shared Volume, its
    /// `C:\ClusterStorage\VolumeN\` alone (a CSV has no drive letter: Microsoft's CSV
    /// overview).
    pub(crate) fn partition_paths(&self, resource: ResourceKey, partition: usize) -> Vec<String> {
        let Some(d) = self.disk_of(resource) else { return Vec::new() };
        if d.csv.is_some() {
            return self.partition_roots(resource, partition);
        }
        d.disk.partitions.get(partition).map(|p| p.paths.clone()).unwrap_or_default()
    }
}
