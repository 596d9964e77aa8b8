//! Evidence importers for Retrospect: files people bring to a post-mortem
//! (mail, chat exports, timeline tables, documents) turned into evidence
//! records and proposed timeline entries.
//!
//! [`detect`] tells what a path holds from its content; [`import`] reads it.
//! One input path gives one [`Imported`] (one evidence item), except a plain
//! folder of several evidence files, which gives one per file. A maildir or a
//! Slack export folder is one evidence item. Logs are recognised but not read
//! here: the log engine mines them.
//!
//! Importers return everything or an error; nothing is written anywhere, so
//! the caller stores an import in one transaction.

pub mod chat;
mod dedupe;
mod detect;
pub mod document;
pub mod email;
mod error;
mod evidence;
mod folder;
mod model;
pub mod table;
pub mod time;
pub mod zipsafe;

use std::path::Path;

pub use dedupe::{content_key, dedupe, derived_key};
pub use detect::{detect, detect_bytes};
pub use error::ImportError;
pub use evidence::{checksum_file, sha256_hex};
pub use model::{ImportOptions, Imported, Progress, Skipped, SourceKind};

/// Detects what `path` holds and imports it.
pub fn import(
    path: &Path,
    opts: &ImportOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<Vec<Imported>, ImportError> {
    let kind = detect(path)?;
    import_as(path, &kind, opts, progress)
}

/// Imports `path` as the given kind (for callers that detected it already
/// or that let a person choose).
pub fn import_as(
    path: &Path,
    kind: &SourceKind,
    opts: &ImportOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<Vec<Imported>, ImportError> {
    // A bad --tz is refused before any reading.
    time::DefaultZone::from_options(opts)?;
    let one = |r: Result<Imported, ImportError>| r.map(|i| vec![i]);
    match kind {
        SourceKind::Email => one(email::import_eml(path, opts, progress)),
        SourceKind::Mbox => one(email::import_mbox(path, opts, progress)),
        SourceKind::Maildir => one(email::import_maildir(path, opts, progress)),
        SourceKind::SlackExport => one(chat::slack::import_slack(path, opts, progress)),
        SourceKind::Discord => one(chat::discord::import_discord(path, opts, progress)),
        SourceKind::Telegram => one(chat::telegram::import_telegram(path, opts, progress)),
        SourceKind::WhatsApp => one(chat::whatsapp::import_whatsapp(path, opts, progress)),
        SourceKind::Messenger => one(chat::messenger::import_messenger(path, opts, progress)),
        SourceKind::GenericTimeline => one(table::import_table(path, opts, progress)),
        SourceKind::Document => one(document::import_document(path, opts, progress)),
        SourceKind::Folder => folder::import_folder(path, opts, progress),
        SourceKind::Log => Err(ImportError::LogFile {
            path: path.to_path_buf(),
        }),
        SourceKind::Unsupported(reason) => Err(ImportError::unsupported(path, reason.clone())),
    }
}
