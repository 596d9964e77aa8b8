//! Reading a Markdown document into a post-mortem: our own format exactly,
//! and post-mortems written elsewhere as well as their shape allows. What is
//! not recognised is kept as a free section, verbatim: nothing is dropped.

mod action_text;
mod assemble;
mod draft;
mod foreign_tables;
mod headings;
mod lists;
mod parts;
mod sections;
mod structure;
mod tables;

pub(crate) use structure::{check_structure, domain_validate};

use retrospect_domain::{PostMortem, Timestamp};

use crate::{ImportError, ImportErrorKind, MAX_DOCUMENT_BYTES};

/// A post-mortem read from a file, with an account of how it was read.
#[derive(Debug, Clone, PartialEq)]
pub struct MarkdownImport {
    pub postmortem: PostMortem,
    /// What became structure, one line each, for people:
    /// "timeline: 14 entries (times in America/Los_Angeles)".
    pub recognised: Vec<String>,
    /// What needs a look: rows kept as text, zones assumed, titles guessed.
    pub warnings: Vec<String>,
}

/// The import report being written while sections are read.
#[derive(Debug, Default)]
pub(crate) struct Report {
    pub recognised: Vec<String>,
    pub warnings: Vec<String>,
}

/// Reads a Markdown post-mortem, using the current time for a post-mortem
/// that does not say when it was created.
pub fn from_markdown(text: &str) -> Result<MarkdownImport, ImportError> {
    from_markdown_at(text, Timestamp::now(), None)
}

/// Reads a Markdown post-mortem. `now` is the creation time for a file that
/// does not give one; `default_zone` (an IANA name, an abbreviation such as
/// PDT, or an offset) applies to timeline times that state no zone.
pub fn from_markdown_at(
    text: &str,
    now: Timestamp,
    default_zone: Option<&str>,
) -> Result<MarkdownImport, ImportError> {
    import(text, now, default_zone, None)
}

pub(crate) fn import(
    text: &str,
    now: Timestamp,
    default_zone: Option<&str>,
    file_name: Option<&str>,
) -> Result<MarkdownImport, ImportError> {
    if text.len() > MAX_DOCUMENT_BYTES {
        return Err(ImportError::new(
            ImportErrorKind::TooLarge,
            format!(
                "the document is {} bytes and the limit is {MAX_DOCUMENT_BYTES}; a post-mortem this large is \
                 probably not one (is it a log? import it as evidence instead)",
                text.len()
            ),
        ));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(ImportError::new(
            ImportErrorKind::Empty,
            "the document is empty (or holds only blank space), so there is nothing to import",
        ));
    }
    assemble::assemble(text, now, default_zone, file_name)
}
