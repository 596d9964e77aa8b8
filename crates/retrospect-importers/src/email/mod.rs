//! Email evidence: single `.eml` files, mbox mailboxes (read as a stream) and
//! maildir folders. Each becomes one evidence item; each dated message a
//! proposed timeline entry, threaded, with quotes and signatures trimmed.

mod collect;
pub mod mbox;
mod message;
pub mod thread;
pub mod trim;

use std::fs::{self, File};
use std::io::BufReader;
use std::path::{Path, PathBuf};

use retrospect_domain::EvidenceKind;

use collect::MailCollector;
pub use collect::apply_window;
pub use message::{MailSummary, human_size, read_mail, summarize};

use crate::evidence::{HashingReader, checksum_folder, record, sha256_hex};
use crate::{ImportError, ImportOptions, Imported, Progress};

/// The largest single message read; a larger one is reported and left out.
pub const MAX_MESSAGE_BYTES: usize = 128 << 20;

/// How often (in messages) progress is reported while reading a mailbox.
const PROGRESS_EVERY: u64 = 1_000;

/// One `.eml` file: one evidence item, at most one entry.
pub fn import_eml(
    path: &Path,
    opts: &ImportOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<Imported, ImportError> {
    let size = fs::metadata(path)
        .map_err(|e| ImportError::io(path, e))?
        .len();
    if size > MAX_MESSAGE_BYTES as u64 {
        return Err(ImportError::unsupported(
            path,
            format!(
                "it is {} and the largest mail we read is {}; save it without its attachments and import that",
                human_size(size as usize),
                human_size(MAX_MESSAGE_BYTES)
            ),
        ));
    }
    let raw = fs::read(path).map_err(|e| ImportError::io(path, e))?;
    let mut collector = MailCollector::default();
    collector.add(&raw, &file_name(path), "file");
    progress(Progress {
        path: path.to_path_buf(),
        bytes_done: size,
        bytes_total: Some(size),
        items: 1,
    });
    let evidence = record(
        path,
        EvidenceKind::Email,
        sha256_hex(&raw),
        raw.len() as u64,
        "email",
        opts.now,
    );
    Ok(collector.finish(evidence, opts))
}

/// An mbox mailbox, read one message at a time.
pub fn import_mbox(
    path: &Path,
    opts: &ImportOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<Imported, ImportError> {
    let file = File::open(path).map_err(|e| ImportError::io(path, e))?;
    let total = file.metadata().ok().map(|m| m.len());
    let hashing = HashingReader::new(file);
    let mut reader = mbox::MboxReader::new(
        BufReader::with_capacity(256 << 10, hashing),
        MAX_MESSAGE_BYTES,
    );
    let mut collector = MailCollector::default();
    while let Some(message) = reader
        .next_message()
        .map_err(|e| ImportError::io(path, e))?
    {
        let place = format!("message {} (byte {})", message.index, message.offset);
        if message.oversized {
            collector.skip(
                &place,
                format!(
                    "it is larger than {} and was left out",
                    human_size(MAX_MESSAGE_BYTES)
                ),
            );
        } else {
            collector.add(
                &message.bytes,
                &place,
                &format!("message {} at byte {}", message.index, message.offset),
            );
        }
        if message.index.is_multiple_of(PROGRESS_EVERY) {
            progress(Progress {
                path: path.to_path_buf(),
                bytes_done: message.offset,
                bytes_total: total,
                items: message.index,
            });
        }
    }
    let messages = collector.messages;
    let (checksum, size) = reader
        .into_inner()
        .into_inner()
        .finish()
        .map_err(|e| ImportError::io(path, e))?;
    progress(Progress {
        path: path.to_path_buf(),
        bytes_done: size,
        bytes_total: Some(size),
        items: messages,
    });
    let evidence = record(path, EvidenceKind::Email, checksum, size, "mbox", opts.now);
    Ok(collector.finish(evidence, opts))
}

/// A maildir folder (and its maildir++ subfolders): one evidence item for the
/// folder, checksummed over every message file in `cur/` and `new/`.
pub fn import_maildir(
    path: &Path,
    opts: &ImportOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<Imported, ImportError> {
    let files = maildir_files(path)?;
    let mut collector = MailCollector::default();
    let mut done = 0u64;
    for (n, file) in files.iter().enumerate() {
        let rel = file
            .strip_prefix(path)
            .unwrap_or(file)
            .display()
            .to_string();
        let size = fs::metadata(file)
            .map_err(|e| ImportError::io(file, e))?
            .len();
        if size > MAX_MESSAGE_BYTES as u64 {
            collector.skip(
                &rel,
                format!(
                    "it is larger than {} and was left out",
                    human_size(MAX_MESSAGE_BYTES)
                ),
            );
            continue;
        }
        let raw = fs::read(file).map_err(|e| ImportError::io(file, e))?;
        collector.add(&raw, &rel, &format!("file {rel}"));
        done += size;
        if (n as u64 + 1).is_multiple_of(PROGRESS_EVERY) {
            progress(Progress {
                path: path.to_path_buf(),
                bytes_done: done,
                bytes_total: None,
                items: n as u64 + 1,
            });
        }
    }
    let (checksum, size) = checksum_folder(path, &files)?;
    progress(Progress {
        path: path.to_path_buf(),
        bytes_done: size,
        bytes_total: Some(size),
        items: files.len() as u64,
    });
    let evidence = record(
        path,
        EvidenceKind::Email,
        checksum,
        size,
        "maildir",
        opts.now,
    );
    Ok(collector.finish(evidence, opts))
}

/// True for a maildir: `cur/` and `new/` folders side by side.
pub fn is_maildir(path: &Path) -> bool {
    path.join("cur").is_dir() && path.join("new").is_dir()
}

/// Message files in `cur/` and `new/` of the maildir and of its `.Sub.Folder`
/// maildir++ children, sorted. `tmp/` holds deliveries in progress and is skipped.
fn maildir_files(root: &Path) -> Result<Vec<PathBuf>, ImportError> {
    let mut folders = vec![root.to_path_buf()];
    for entry in fs::read_dir(root).map_err(|e| ImportError::io(root, e))? {
        let entry = entry.map_err(|e| ImportError::io(root, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') && name.len() > 1 && name != ".." && is_maildir(&entry.path()) {
            folders.push(entry.path());
        }
    }
    let mut files = Vec::new();
    for folder in folders {
        for sub in ["cur", "new"] {
            let dir = folder.join(sub);
            for entry in fs::read_dir(&dir).map_err(|e| ImportError::io(&dir, e))? {
                let entry = entry.map_err(|e| ImportError::io(&dir, e))?;
                let kind = entry
                    .file_type()
                    .map_err(|e| ImportError::io(&entry.path(), e))?;
                if kind.is_file() && !entry.file_name().to_string_lossy().starts_with('.') {
                    files.push(entry.path());
                }
            }
        }
    }
    files.sort();
    Ok(files)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}
