//! Evidence records: what was imported, its size, and a SHA-256 checksum so
//! anyone can later confirm the timeline was built from this very file.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use retrospect_domain::{Evidence, EvidenceKind, Timestamp};
use sha2::{Digest, Sha256};

use crate::ImportError;

/// A reader that hashes and counts every byte that passes through it, so a
/// file is checksummed in the same pass that parses it.
pub struct HashingReader<R> {
    inner: R,
    hasher: Sha256,
    bytes: u64,
}

impl<R: Read> HashingReader<R> {
    pub fn new(inner: R) -> Self {
        Self {
            inner,
            hasher: Sha256::new(),
            bytes: 0,
        }
    }

    /// Reads whatever is left (so the checksum covers the whole file) and
    /// returns the lower-case hex digest and the total size.
    pub fn finish(mut self) -> io::Result<(String, u64)> {
        io::copy(
            &mut self.inner,
            &mut HashSink(&mut self.hasher, &mut self.bytes),
        )?;
        Ok((hex(&self.hasher.finalize()), self.bytes))
    }
}

impl<R: Read> Read for HashingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }
}

struct HashSink<'a>(&'a mut Sha256, &'a mut u64);

impl io::Write for HashSink<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.update(buf);
        *self.1 += buf.len() as u64;
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Checksums a whole file by streaming it.
pub fn checksum_file(path: &Path) -> Result<(String, u64), ImportError> {
    let file = File::open(path).map_err(|e| ImportError::io(path, e))?;
    HashingReader::new(io::BufReader::new(file))
        .finish()
        .map_err(|e| ImportError::io(path, e))
}

/// A folder's checksum: SHA-256 over one line per file, in sorted path order,
/// of `relative/path NUL sha256-of-the-file`. It changes when any file's
/// content, name or presence changes, and it does not depend on directory order.
pub fn checksum_folder(root: &Path, files: &[PathBuf]) -> Result<(String, u64), ImportError> {
    let mut sorted: Vec<&PathBuf> = files.iter().collect();
    sorted.sort();
    let mut manifest = Sha256::new();
    let mut total = 0u64;
    for file in sorted {
        let (sum, size) = checksum_file(file)?;
        let rel = file.strip_prefix(root).unwrap_or(file);
        manifest.update(rel.to_string_lossy().as_bytes());
        manifest.update([0u8]);
        manifest.update(sum.as_bytes());
        manifest.update(b"\n");
        total += size;
    }
    Ok((hex(&manifest.finalize()), total))
}

/// The evidence record for one imported path.
pub fn record(
    path: &Path,
    kind: EvidenceKind,
    checksum: String,
    size: u64,
    source: &str,
    now: Timestamp,
) -> Evidence {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    Evidence {
        id: 0,
        kind,
        name,
        size,
        checksum,
        imported_at: now,
        source: format!("{source}: {}", path.display()),
    }
}
