//! Our own Markdown format, part by part: how each part of a post-mortem is
//! written, and how exactly that writing is read back. Keeping both
//! directions of one part in one module keeps them in step.

pub(crate) mod actions;
pub(crate) mod causes;
pub(crate) mod evidence;
pub(crate) mod lessons;
pub(crate) mod pictures;
pub(crate) mod timeline;

use retrospect_domain::LocalId;

use crate::inline;

pub(crate) const SUMMARY: &str = "Summary";
pub(crate) const IMPACT: &str = "Impact";
pub(crate) const TIMELINE: &str = "Timeline";
pub(crate) const EVIDENCE: &str = "Evidence";
pub(crate) const LOG_PATTERNS: &str = "Log patterns";
pub(crate) const ROOT_CAUSES: &str = "Root causes";
pub(crate) const LESSONS: &str = "Lessons";
pub(crate) const ACTION_ITEMS: &str = "Action items";
pub(crate) const COMMENTS: &str = "Comments";

/// The line after which every section is a free section, kept verbatim.
pub(crate) const FREE_SECTIONS_MARKER: &str =
    "<!-- retrospect:free-sections (each section below is kept exactly as written) -->";

/// True for the free-sections marker line (its explanation may be edited).
pub(crate) fn is_free_marker(line: &str) -> bool {
    let indent = line.len() - line.trim_start_matches(' ').len();
    indent <= 3 && line[indent..].starts_with("<!-- retrospect:free-sections")
}

/// Writes a table. Cells must already be encoded.
pub(crate) fn table(header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> String {
    let mut out = format!("| {} |\n", header.join(" | "));
    out.push('|');
    for _ in header {
        out.push_str("---|");
    }
    out.push('\n');
    for row in rows {
        out.push_str("| ");
        out.push_str(&row.join(" | "));
        out.push_str(" |\n");
    }
    out
}

/// True when a header row's cells name exactly these columns (ignoring case).
pub(crate) fn header_matches(cells: &[&str], header: &[&str]) -> bool {
    cells.len() == header.len()
        && cells
            .iter()
            .zip(header)
            .all(|(a, b)| a.eq_ignore_ascii_case(b))
}

/// `T3` → 3 for prefix 'T'.
pub(crate) fn parse_id(text: &str, prefix: char) -> Option<LocalId> {
    let t = text.trim();
    let mut chars = t.chars();
    let first = chars.next()?;
    if first.to_ascii_uppercase() != prefix {
        return None;
    }
    let digits = chars.as_str();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// `C1, C3` → [1, 3].
pub(crate) fn parse_ids(text: &str, prefix: char) -> Option<Vec<LocalId>> {
    let t = text.trim();
    if t.is_empty() {
        return Some(Vec::new());
    }
    t.split(',').map(|p| parse_id(p, prefix)).collect()
}

pub(crate) fn write_ids(ids: &[LocalId], prefix: char) -> String {
    ids.iter()
        .map(|id| format!("{prefix}{id}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Optional text in a cell of the Details column or similar `key: value` lists.
pub(crate) fn detail(key: &str, value: &str) -> String {
    format!("{key}: {}", inline::encode_nonempty(value, &[';']))
}

/// Splits a `key: value; flag; key: value` cell into (key, raw value) pairs.
pub(crate) fn details(cell: &str) -> Vec<(String, Option<String>)> {
    if cell.trim().is_empty() {
        return Vec::new();
    }
    inline::split_unescaped(cell, ';')
        .into_iter()
        .map(|part| {
            let part = part.trim();
            match part.split_once(':') {
                Some((k, v)) => (
                    k.trim().to_ascii_lowercase(),
                    Some(inline::decode_nonempty(v.trim())),
                ),
                None => (part.to_ascii_lowercase(), None),
            }
        })
        .collect()
}
