//! Post-mortems as files: a lossless Markdown format (YAML front matter and
//! conventional headings), a JSON export, import of post-mortems written in
//! other tools' shapes, and the built-in templates.
//!
//! This crate does no I/O: callers pass text or bytes and get text back.
//! See `docs/format.md` for the format and `README.md` for the decisions.

mod block;
mod error;
mod export;
mod frontmatter;
mod import;
mod inline;
mod input;
mod json;
mod lines;
mod own;
pub mod templates;
mod timefmt;
mod timeline;

pub use error::{ImportError, ImportErrorKind};
pub use export::{to_markdown, to_markdown_with_pictures};
pub use import::{MarkdownImport, from_markdown, from_markdown_at};
pub use input::MAX_DOCUMENT_BYTES;
pub use json::{from_json, to_json};
pub use own::pictures::Picture;
pub use timeline::{ParsedEntry, timeline_from_text};

use retrospect_domain::Timestamp;

/// Reads a Markdown file's bytes. Before any parsing it refuses, with the
/// file name and place in the message, an empty file, binary data, text that
/// is not UTF-8, and anything over [`MAX_DOCUMENT_BYTES`].
pub fn from_bytes(name: &str, bytes: &[u8]) -> Result<MarkdownImport, ImportError> {
    from_bytes_at(name, bytes, Timestamp::now(), None)
}

/// [`from_bytes`] with the creation time for a file that gives none and the
/// zone for timeline times that state none (as [`from_markdown_at`]).
pub fn from_bytes_at(
    name: &str,
    bytes: &[u8],
    now: Timestamp,
    default_zone: Option<&str>,
) -> Result<MarkdownImport, ImportError> {
    let text = input::text_of(bytes).map_err(|e| e.in_file(name))?;
    import::import(text, now, default_zone, Some(name)).map_err(|e| e.in_file(name))
}
