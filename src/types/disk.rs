//! Disks as a topology describes them: a `Physical Disk` resource's disk (its id, size,
//! disk number, SCSI address) and its partitions (size, free space, file system, label,
//! volume GUID, drive letter and mount points).
//!
//! Plain descriptions: the builder and topology files hand them to the world, and the
//! storage control codes (`CLUSCTL_RESOURCE_STORAGE_GET_DISK_INFO`, ...) read them back in
//! `clusapi.h`'s structures.

/// How a disk is identified: by the signature of its master boot record (an MBR disk) or
/// by its GUID (a GPT disk), as `CLUSCTL_RESOURCE_STORAGE_GET_DISK_INFO` begins its value
/// list (MS-CMRP 3.1.4.3.1.38: `CLUSPROP_SYNTAX_DISK_SIGNATURE` or `CLUSPROP_SYNTAX_DISK_GUID`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiskId {
    /// An MBR disk's 32-bit signature.
    Signature(u32),
    /// A GPT disk's GUID, as `"{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}"` (braces optional on
    /// input; stored with them, upper case as Windows prints disk GUIDs).
    Guid(String),
}

/// A disk behind a `Physical Disk` resource (or one the cluster could take,
/// [`SimulatorBuilder::available_disk`](crate::SimulatorBuilder::available_disk)).
///
/// ```
/// use clusapi_sim::{Disk, Partition};
///
/// let disk = Disk::mbr(0x1a2b_3c4d, 100 << 30)
///     .partition(Partition::new(60 << 30).drive_letter('E').label("Data").free(20 << 30))
///     .partition(Partition::new(40 << 30).mount_point(r"C:\Mounts\Logs\"));
/// assert_eq!(disk.partitions().len(), 2);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disk {
    pub(crate) id: DiskId,
    pub(crate) size: u64,
    pub(crate) number: Option<u32>,
    pub(crate) scsi: Option<[u8; 4]>,
    pub(crate) partitions: Vec<Partition>,
}

impl Disk {
    /// An MBR disk of `size` bytes with this signature, and no partition yet.
    pub fn mbr(signature: u32, size: u64) -> Self {
        Self { id: DiskId::Signature(signature), size, number: None, scsi: None, partitions: Vec::new() }
    }

    /// A GPT disk of `size` bytes with this GUID, and no partition yet. The GUID is checked
    /// by `build()` (`ERROR_INVALID_PARAMETER` for one that is not a GUID).
    pub fn gpt(guid: impl Into<String>, size: u64) -> Self {
        Self { id: DiskId::Guid(guid.into()), size, number: None, scsi: None, partitions: Vec::new() }
    }

    /// The disk number Windows gives the disk (`\\.\PhysicalDriveN`); by default the
    /// disk's place among the cluster's disks, counted from 1 (disk 0 is the nodes' own
    /// boot disk).
    pub fn number(mut self, number: u32) -> Self {
        self.number = Some(number);
        self
    }

    /// The SCSI address of the disk (`CLUS_SCSI_ADDRESS`: port, path id, target id, LUN);
    /// by default port 1, path 0, target 0 and the disk number as the LUN.
    pub fn scsi_address(mut self, port: u8, path_id: u8, target_id: u8, lun: u8) -> Self {
        self.scsi = Some([port, path_id, target_id, lun]);
        self
    }

    /// Adds a partition; partitions are numbered from 1 in the order they are added.
    pub fn partition(mut self, partition: Partition) -> Self {
        self.partitions.push(partition);
        self
    }

    /// How the disk is identified.
    #[must_use]
    pub fn id(&self) -> &DiskId {
        &self.id
    }

    /// The disk's size in bytes.
    #[must_use]
    pub fn size(&self) -> u64 {
        self.size
    }

    /// The partitions, in partition-number order (the first is partition 1).
    #[must_use]
    pub fn partitions(&self) -> &[Partition] {
        &self.partitions
    }
}

/// A partition of a [`Disk`] and the volume on it.
///
/// ```
/// use clusapi_sim::Partition;
///
/// let p = Partition::new(1 << 30).drive_letter('F').file_system("ReFS").label("VMs");
/// assert_eq!(p.paths(), [r"F:\"]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Partition {
    pub(crate) size: u64,
    pub(crate) free: Option<u64>,
    pub(crate) file_system: String,
    pub(crate) label: String,
    pub(crate) volume_guid: Option<String>,
    pub(crate) paths: Vec<String>,
    pub(crate) serial: Option<u32>,
}

impl Partition {
    /// A partition of `size` bytes with an NTFS volume, all of it free, no label, no drive
    /// letter or mount point, and a volume GUID derived from the disk and the partition
    /// number.
    pub fn new(size: u64) -> Self {
        Self {
            size,
            free: None,
            file_system: "NTFS".to_owned(),
            label: String::new(),
            volume_guid: None,
            paths: Vec::new(),
            serial: None,
        }
    }

    /// Gives the volume a drive letter (`'E'` becomes the path `E:\`).
    pub fn drive_letter(mut self, letter: char) -> Self {
        self.paths.push(format!("{}:\\", letter.to_ascii_uppercase()));
        self
    }

    /// Mounts the volume at a folder (`C:\Mounts\Data\`; a missing final backslash is
    /// added, as `GetVolumePathNamesForVolumeName` lists mount points).
    pub fn mount_point(mut self, path: impl Into<String>) -> Self {
        let mut path = path.into();
        if !path.ends_with('\\') {
            path.push('\\');
        }
        self.paths.push(path);
        self
    }

    /// The volume's file system (`"NTFS"` by default; `"ReFS"`, `"FAT32"`, or `"RAW"` for
    /// an unformatted one).
    pub fn file_system(mut self, file_system: impl Into<String>) -> Self {
        self.file_system = file_system.into();
        self
    }

    /// The volume label.
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    /// Free space in bytes (the whole partition by default); at most the partition's size.
    pub fn free(mut self, bytes: u64) -> Self {
        self.free = Some(bytes);
        self
    }

    /// The volume GUID (`\\?\Volume{guid}\` is the volume's name); by default one derived
    /// from the disk and partition number, the same on every run.
    pub fn volume_guid(mut self, guid: impl Into<String>) -> Self {
        self.volume_guid = Some(guid.into());
        self
    }

    /// The volume serial number; by default one derived from the volume GUID.
    pub fn serial_number(mut self, serial: u32) -> Self {
        self.serial = Some(serial);
        self
    }

    /// The partition's size in bytes.
    #[must_use]
    pub fn size(&self) -> u64 {
        self.size
    }

    /// The drive letter and mount points, each ending in a backslash, in the order given.
    #[must_use]
    pub fn paths(&self) -> &[String] {
        &self.paths
    }
}

/// A GUID as Windows prints disk and volume GUIDs: upper case, in braces; `None` for text
/// that is not a GUID (braces optional).
pub(crate) fn normalize_guid(text: &str) -> Option<String> {
    let inner = text.strip_prefix('{').and_then(|t| t.strip_suffix('}')).unwrap_or(text);
    let groups: Vec<&str> = inner.split('-').collect();
    let lens = [8, 4, 4, 4, 12];
    if groups.len() != lens.len()
        || groups.iter().zip(lens).any(|(g, n)| g.len() != n || !g.bytes().all(|b| b.is_ascii_hexdigit()))
    {
        return None;
    }
    Some(format!("{{{}}}", inner.to_ascii_uppercase()))
}

/// The 16 bytes of a `GUID` structure (`Data1` to `Data3` little-endian, then `Data4`) for a
/// normalized GUID; zeros for text that is not one.
pub(crate) fn guid_bytes(guid: &str) -> [u8; 16] {
    let mut out = [0u8; 16];
    let Some(n) = normalize_guid(guid) else { return out };
    let hex: String = n.chars().filter(char::is_ascii_hexdigit).collect();
    let byte =
        |i: usize| hex.get(i..i.saturating_add(2)).and_then(|s| u8::from_str_radix(s, 16).ok()).unwrap_or(0);
    let data1 = [byte(0), byte(2), byte(4), byte(6)];
    let data2 = [byte(8), byte(10)];
    let data3 = [byte(12), byte(14)];
    let parts = [data1[3], data1[2], data1[1], data1[0], data2[1], data2[0], data3[1], data3[0]];
    for (slot, b) in out.iter_mut().zip(parts.into_iter().chain((16..32).step_by(2).map(byte))) {
        *slot = b;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guids_are_normalized_and_laid_out_as_windows_does() {
        assert_eq!(
            normalize_guid("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0").as_deref(),
            Some("{0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0}")
        );
        assert_eq!(normalize_guid("{not-a-guid}"), None);
        let b = guid_bytes("{00112233-4455-6677-8899-AABBCCDDEEFF}");
        assert_eq!(
            b,
            [0x33, 0x22, 0x11, 0x00, 0x55, 0x44, 0x77, 0x66, 0x88, 0x99, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE, 0xFF]
        );
    }
}
