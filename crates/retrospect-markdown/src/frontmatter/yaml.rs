//! YAML parsing under a budget. Front matter is a handful of keys; anything
//! that needs more than these limits is hostile or a mistake, and is refused
//! before it can cost memory or time.

use serde::de::DeserializeOwned;

use crate::{ImportError, ImportErrorKind};

/// Front matter larger than this is refused before parsing.
const MAX_FRONT_MATTER_BYTES: usize = 1024 * 1024;

fn options() -> serde_saphyr::Options {
    let mut alias_limits = serde_saphyr::options::AliasLimits::default();
    alias_limits.max_total_replayed_events = 10_000;
    alias_limits.max_replay_stack_depth = 16;
    alias_limits.max_alias_expansions_per_anchor = 100;
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: 16,
            max_events: 200_000,
            max_nodes: 100_000,
            max_aliases: 100,
            max_anchors: 100,
            max_documents: 1,
            max_total_scalar_bytes: 4 * 1024 * 1024,
            max_recorded_anchor_events: 10_000,
            max_merge_keys: 100,
            flow_nesting_limit: 16,
        },
        alias_limits: alias_limits,
        with_snippet: false,
    }
}

/// Parses front matter into a generic value (a mapping, for valid front matter).
pub(crate) fn parse_value(text: &str) -> Result<serde_json::Value, ImportError> {
    parse_typed(text)
}

/// Parses front matter into a typed value. Errors carry the line and column
/// inside `text` (the caller shifts them to the document).
pub(crate) fn parse_typed<T: DeserializeOwned>(text: &str) -> Result<T, ImportError> {
    if text.len() > MAX_FRONT_MATTER_BYTES {
        return Err(ImportError::new(
            ImportErrorKind::FrontMatter,
            format!(
                "the front matter is {} bytes; the limit is {MAX_FRONT_MATTER_BYTES} \
                 (front matter is for a few keys, the post-mortem itself goes below it)",
                text.len()
            ),
        ));
    }
    serde_saphyr::from_str_with_options(text, options()).map_err(|e| {
        let location = e.location();
        let message = explain(&first_line_without_location(&e.to_string()));
        let err = ImportError::new(
            ImportErrorKind::FrontMatter,
            format!("the front matter could not be read: {message}"),
        );
        match location {
            Some(l) if l.line() > 0 => err.at(l.line() as usize, l.column().max(1) as usize),
            _ => err.at_line(1),
        }
    })
}

/// Budget breaches are reported in the parser's terms; say what they mean.
fn explain(message: &str) -> String {
    let lower = message.to_ascii_lowercase();
    if lower.contains("recursion limit") || lower.contains("depth") {
        format!("it nests values too deeply (the limit is 16 levels) ({message})")
    } else if lower.contains("budget") || lower.contains("alias") || lower.contains("anchor") {
        format!(
            "it repeats or expands too much, as an alias bomb would; front matter is for a few plain keys ({message})"
        )
    } else {
        message.to_string()
    }
}

/// serde-saphyr's messages can run over several lines and repeat the
/// position; we report the position ourselves and keep the first sentence.
fn first_line_without_location(message: &str) -> String {
    let first = message.lines().next().unwrap_or(message).trim();
    let cut = [" at line ", " at position "]
        .iter()
        .filter_map(|p| first.find(p))
        .min()
        .unwrap_or(first.len());
    first[..cut].trim_end_matches([',', ':', ' ']).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_deep_nesting_quickly() {
        let deep = "a: ".to_string() + &"[".repeat(10_000) + &"]".repeat(10_000);
        let started = std::time::Instant::now();
        let err = parse_value(&deep).unwrap_err();
        assert!(started.elapsed().as_secs() < 2);
        assert_eq!(err.kind, ImportErrorKind::FrontMatter);
        assert!(err.line.is_some());
    }

    #[test]
    fn refuses_an_alias_bomb() {
        let mut bomb = String::from(
            "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
        );
        let names = ["b", "c", "d", "e", "f", "g", "h", "i"];
        let mut prev = "a";
        for n in names {
            bomb.push_str(&format!("{n}: &{n} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
            prev = n;
        }
        let err = parse_value(&bomb).unwrap_err();
        assert_eq!(err.kind, ImportErrorKind::FrontMatter);
    }

    #[test]
    fn reads_ordinary_front_matter() {
        let v = parse_value("title: x\ntags: [a, b]\n").unwrap();
        assert_eq!(v["title"], "x");
    }
}
