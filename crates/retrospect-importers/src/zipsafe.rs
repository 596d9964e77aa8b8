//! Reading zip archives without trusting them. Exports arrive as zips from
//! people and tools we don't control, so every archive is checked before use:
//! no entry names with `..` or absolute paths, no archives inside the archive
//! (one level of archive is all we open), and decompression is capped per
//! entry, in total and by compression ratio, counting the bytes actually
//! produced rather than the sizes the headers claim.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use zip::ZipArchive;

use crate::ImportError;

/// Limits on what one archive may decompress to.
#[derive(Debug, Clone, Copy)]
pub struct ZipLimits {
    pub max_entries: usize,
    pub max_entry_bytes: u64,
    pub max_total_bytes: u64,
    /// Largest uncompressed/compressed ratio for entries past `ratio_floor` bytes.
    pub max_ratio: u64,
    pub ratio_floor: u64,
}

impl Default for ZipLimits {
    fn default() -> Self {
        Self {
            max_entries: 100_000,
            max_entry_bytes: 256 << 20,
            max_total_bytes: 2 << 30,
            max_ratio: 200,
            ratio_floor: 1 << 20,
        }
    }
}

/// An opened, vetted archive. Entries are read whole, one at a time, through
/// a limited reader.
pub struct SafeZip {
    path: PathBuf,
    archive: ZipArchive<BufReader<File>>,
    names: Vec<String>,
    limits: ZipLimits,
    total_read: u64,
}

const NESTED_EXTENSIONS: &[&str] = &[
    ".zip", ".jar", ".7z", ".rar", ".tar", ".tgz", ".gz", ".bz2", ".xz", ".zst",
];

impl SafeZip {
    pub fn open(path: &Path) -> Result<Self, ImportError> {
        Self::open_with(path, ZipLimits::default())
    }

    pub fn open_with(path: &Path, limits: ZipLimits) -> Result<Self, ImportError> {
        let file = File::open(path).map_err(|e| ImportError::io(path, e))?;
        let archive = ZipArchive::new(BufReader::new(file)).map_err(|e| {
            ImportError::malformed(
                path,
                "its zip directory",
                format!("it is not a readable zip archive ({e})"),
            )
        })?;
        if archive.len() > limits.max_entries {
            return Err(ImportError::unsafe_archive(
                path,
                format!(
                    "it holds {} entries; the most we open is {}",
                    archive.len(),
                    limits.max_entries
                ),
            ));
        }
        let mut names = Vec::with_capacity(archive.len());
        for name in archive.file_names() {
            let name = name
                .map_err(|e| {
                    ImportError::malformed(
                        path,
                        "its zip directory",
                        format!("an entry name can't be read ({e})"),
                    )
                })?
                .to_string();
            check_name(path, &name)?;
            names.push(name);
        }
        Ok(Self {
            path: path.to_path_buf(),
            archive,
            names,
            limits,
            total_read: 0,
        })
    }

    /// Entry names, directories included (they end with `/`).
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Reads one entry whole, within the limits. Refuses an entry that is itself an archive.
    pub fn read(&mut self, name: &str) -> Result<Vec<u8>, ImportError> {
        let index = self.names.iter().position(|n| n == name).ok_or_else(|| {
            ImportError::malformed(&self.path, name, "the archive has no such entry")
        })?;
        let path = self.path.clone();
        let mut entry = self.archive.by_index(index).map_err(|e| {
            ImportError::malformed(&path, name, format!("the entry can't be opened ({e})"))
        })?;
        if entry.is_symlink() {
            return Err(ImportError::unsafe_archive(
                &path,
                format!("entry {name} is a symbolic link"),
            ));
        }
        let compressed = entry.compressed_size().max(1);
        let room = self
            .limits
            .max_entry_bytes
            .min(self.limits.max_total_bytes.saturating_sub(self.total_read));
        let mut data = Vec::new();
        (&mut entry)
            .take(room + 1)
            .read_to_end(&mut data)
            .map_err(|e| {
                ImportError::malformed(
                    &path,
                    name,
                    format!("the entry can't be decompressed ({e})"),
                )
            })?;
        let got = data.len() as u64;
        self.total_read += got;
        if got > room {
            let which = if room < self.limits.max_entry_bytes {
                "in total"
            } else {
                "for one entry"
            };
            return Err(ImportError::unsafe_archive(
                &path,
                format!(
                    "entry {name} decompresses to more than we accept {which}; it may be a zip bomb"
                ),
            ));
        }
        if got > self.limits.ratio_floor && got / compressed > self.limits.max_ratio {
            return Err(ImportError::unsafe_archive(
                &path,
                format!(
                    "entry {name} expands {}-fold, far beyond real exports; it may be a zip bomb",
                    got / compressed
                ),
            ));
        }
        if is_archive_magic(&data) {
            return Err(ImportError::unsafe_archive(
                &path,
                format!("entry {name} is itself an archive; unpack it and import what is inside"),
            ));
        }
        Ok(data)
    }
}

fn check_name(path: &Path, name: &str) -> Result<(), ImportError> {
    let unsafe_name = name.starts_with('/')
        || name.starts_with('\\')
        || name.as_bytes().get(1) == Some(&b':')
        || name.contains('\0')
        || name.split(['/', '\\']).any(|part| part == "..");
    if unsafe_name {
        return Err(ImportError::unsafe_archive(
            path,
            format!("entry \"{name}\" points outside the archive (an absolute path or \"..\")"),
        ));
    }
    let lower = name.to_ascii_lowercase();
    if NESTED_EXTENSIONS.iter().any(|ext| lower.ends_with(ext)) {
        return Err(ImportError::unsafe_archive(
            path,
            format!(
                "entry \"{name}\" is an archive inside the archive; unpack it and import what is inside"
            ),
        ));
    }
    Ok(())
}

fn is_archive_magic(data: &[u8]) -> bool {
    data.starts_with(b"PK\x03\x04")
        || data.starts_with(&[0x1f, 0x8b])
        || data.starts_with(b"7z\xBC\xAF\x27\x1C")
        || data.starts_with(b"Rar!")
}

/// True when a file starts like a zip archive.
pub fn is_zip(head: &[u8]) -> bool {
    head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06")
}
