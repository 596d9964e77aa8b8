//! The codec for free Markdown bodies (summary, impact, free sections).
//!
//! A body is written as it is, with one reversible escape: outside code, a
//! line that would end the section (a level-1 or level-2 heading, or one of
//! our marker comments) gets a backslash after its indentation, which renders
//! as the same text. Bodies that Markdown cannot carry exactly (blank lines at
//! the edges, carriage returns and other control characters, an unclosed code
//! fence) are written as a JSON string in a `retrospect-text` code block: rare,
//! not pretty, and exact.

use crate::lines::{Fences, is_blank};

/// Comments that mark structure in our own files start with this.
pub(crate) const MARKER_PREFIX: &str = "<!-- retrospect:";

const VERBATIM_OPEN: &str = "```retrospect-text";
const VERBATIM_CLOSE: &str = "```";

pub(crate) fn encode(body: &str) -> String {
    let plain = escape_lines(body);
    if is_plain_safe(body) && decode(&plain) == body {
        plain
    } else {
        verbatim(body)
    }
}

pub(crate) fn decode(body: &str) -> String {
    if let Some(text) = from_verbatim(body) {
        return text;
    }
    let mut fences = Fences::default();
    body.split('\n')
        .map(|line| {
            if fences.is_code(line) {
                line.to_string()
            } else {
                unescape_line(line)
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn verbatim(body: &str) -> String {
    let json = serde_json::to_string(body).unwrap_or_else(|_| "\"\"".to_string());
    format!("{VERBATIM_OPEN}\n{json}\n{VERBATIM_CLOSE}")
}

fn from_verbatim(body: &str) -> Option<String> {
    let mut lines = body.split('\n');
    let (open, json, close) = (lines.next()?, lines.next()?, lines.next()?);
    if lines.next().is_some() || open != VERBATIM_OPEN || close != VERBATIM_CLOSE {
        return None;
    }
    serde_json::from_str::<String>(json).ok()
}

fn is_plain_safe(body: &str) -> bool {
    let lines: Vec<&str> = body.split('\n').collect();
    let edges_ok = body.is_empty()
        || (lines.first().is_some_and(|l| !is_blank(l))
            && lines.last().is_some_and(|l| !is_blank(l)));
    let chars_ok = !body
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t');
    let mut fences = Fences::default();
    for line in &lines {
        fences.is_code(line);
    }
    edges_ok && chars_ok && !fences.is_open() && from_verbatim(body).is_none()
}

fn escape_lines(body: &str) -> String {
    let mut fences = Fences::default();
    body.split('\n')
        .map(|line| {
            if !fences.is_code(line) && needs_escape(line) {
                let indent = line.len() - line.trim_start_matches(' ').len();
                format!("{}\\{}", &line[..indent], &line[indent..])
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Whether a line, with any backslashes after its indentation removed, would
/// end a section: a heading of level 1 or 2, or a marker comment.
fn needs_escape(line: &str) -> bool {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return false;
    }
    let t = line[indent..].trim_start_matches('\\');
    ends_section(t)
}

fn ends_section(t: &str) -> bool {
    if t.starts_with(MARKER_PREFIX) {
        return true;
    }
    let hashes = t.chars().take_while(|&c| c == '#').count();
    (1..=2).contains(&hashes) && (t.len() == hashes || t[hashes..].starts_with([' ', '\t']))
}

fn unescape_line(line: &str) -> String {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent <= 3 {
        let rest = &line[indent..];
        if let Some(stripped) = rest.strip_prefix('\\')
            && ends_section(stripped.trim_start_matches('\\'))
        {
            return format!("{}{}", &line[..indent], stripped);
        }
    }
    line.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_bodies_stay_plain() {
        let body = "First paragraph.\n\n### A sub-heading\n\n```bash\n# a comment\n```";
        assert_eq!(encode(body), body);
        assert_eq!(decode(&encode(body)), body);
    }

    #[test]
    fn section_like_lines_are_escaped_and_restored() {
        let body = "a\n## Not a section\n\\# already escaped\n<!-- retrospect:free-sections -->";
        let e = encode(body);
        assert_eq!(
            e,
            "a\n\\## Not a section\n\\\\# already escaped\n\\<!-- retrospect:free-sections -->"
        );
        assert_eq!(decode(&e), body);
    }

    #[test]
    fn awkward_bodies_fall_back_to_verbatim() {
        for body in [
            "\nleading blank",
            "trailing\n",
            "cr\r\nlf",
            "```\nunclosed",
            "  ",
            "x\u{0}",
        ] {
            let e = encode(body);
            assert!(e.starts_with(VERBATIM_OPEN), "{body:?}");
            assert_eq!(decode(&e), body);
        }
        let lookalike = verbatim("x");
        assert_eq!(decode(&encode(&lookalike)), lookalike);
    }
}
