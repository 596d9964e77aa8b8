//! Front matter: finding it, parsing it safely, and writing ours.
//!
//! YAML front matter (`---`) is parsed with serde-saphyr under a tight budget,
//! so an alias bomb or 10,000 levels of nesting is refused quickly with its
//! line and column. TOML front matter (`+++`, as static-site generators write
//! it) is read for the few simple keys we use; everything else in it is kept.

mod canonical;
mod foreign;
mod toml_lite;
mod yaml;

pub(crate) use canonical::{FORMAT, write_front};
pub(crate) use foreign::{ForeignFront, read_foreign};
pub(crate) use yaml::{parse_typed, parse_value};

use crate::{ImportError, ImportErrorKind};

/// Which syntax a front matter block is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Syntax {
    Yaml,
    Toml,
}

/// A front matter block cut out of a document.
#[derive(Debug, Clone)]
pub(crate) struct Block<'a> {
    pub syntax: Syntax,
    /// The text between the delimiters.
    pub text: &'a str,
    /// 1-based line of the first line of `text` in the document.
    pub first_line: usize,
    /// Number of document lines the block takes, delimiters included.
    pub line_count: usize,
}

/// Splits a document into its front matter (if any). `lines` are the
/// document's lines (`doc.split('\n')`). A block that opens and never closes
/// is refused: reading the whole document as metadata, or as text, would
/// both be wrong.
pub(crate) fn split<'a>(doc: &'a str, lines: &[&'a str]) -> Result<Option<Block<'a>>, ImportError> {
    let Some(first) = lines.first() else {
        return Ok(None);
    };
    let (syntax, delimiter) = match first.trim_end() {
        "---" => (Syntax::Yaml, "---"),
        "+++" => (Syntax::Toml, "+++"),
        _ => return Ok(None),
    };
    let close = lines[1..].iter().position(|l| {
        let t = l.trim_end();
        t == delimiter || (syntax == Syntax::Yaml && t == "...")
    });
    let Some(close) = close else {
        return Err(ImportError::new(
            ImportErrorKind::FrontMatter,
            format!(
                "the front matter that starts here is never closed; add a line with \
                 just '{delimiter}' after its last key"
            ),
        )
        .at(1, 1));
    };
    let close = close + 1;
    // Up to the start of the closing line, so the block keeps the line break
    // that ends its last line (YAML's `|+` scalars count it).
    let text = &doc[offset_in(doc, lines[1])..offset_in(doc, lines[close])];
    Ok(Some(Block {
        syntax,
        text,
        first_line: 2,
        line_count: close + 1,
    }))
}

/// The byte offset of a slice of `doc` within it.
pub(crate) fn offset_in(doc: &str, part: &str) -> usize {
    (part.as_ptr() as usize)
        .saturating_sub(doc.as_ptr() as usize)
        .min(doc.len())
}

/// Top-level keys of a YAML block and the lines each one spans, so that keys
/// we do not use can be kept exactly as written.
pub(crate) fn yaml_key_blocks(text: &str) -> Vec<(String, usize, String)> {
    let mut blocks: Vec<(String, usize, Vec<&str>)> = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        let top_level = !line.starts_with([' ', '\t', '-', '#']) && !line.trim().is_empty();
        let key = top_level
            .then(|| line.split_once(':'))
            .flatten()
            .map(|(k, _)| k.trim().trim_matches(['"', '\'']).to_string());
        match key {
            Some(k) => blocks.push((k, i, vec![line])),
            None => {
                if let Some(last) = blocks.last_mut() {
                    last.2.push(line);
                }
            }
        }
    }
    blocks
        .into_iter()
        .map(|(k, i, lines)| {
            let text = crate::lines::join_trimmed(&lines);
            (k, i, text)
        })
        .collect()
}
