//! Markdown linting for docs-as-code post-mortems. Skips front matter, code blocks,
//! inline code, HTML comments, link URLs and blockquotes (pasted chat); honours
//! `<!-- retrospect-ignore [RULE] -->` (next block) and
//! `<!-- retrospect-disable [RULE] -->` / `<!-- retrospect-enable [RULE] -->` (ranges).
//! Headings set the section ("## Timeline", "## 5 Whys", "## Action items").

use crate::context::{Context, Section};
use crate::finding::Finding;
use crate::lint::finalize;
use crate::rules::{Doc, scan};
use crate::text::blank;
use crate::text::mask::{allow_regex, mask_code_spans, mask_quotes, mask_vocabulary};
use regex::Regex;
use std::sync::LazyLock;

static URLS: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(r"\]\([^)\s]*(?:\s+[^)]*)?\)|<(?:https?|mailto|ftp):[^>\s]*>|\bhttps?://[^\s)>\]]+|(?m)^[ \t]{0,3}\[[^\]]+\]:[ \t]*\S+.*$").unwrap()
});

/// A region where some rules (or all, when `rules` is empty) are silenced.
struct Ignore {
    start: usize,
    end: usize,
    rules: Vec<String>,
}

impl Ignore {
    fn covers(&self, offset: usize, rule: &str, category: &str) -> bool {
        offset >= self.start
            && offset < self.end
            && (self.rules.is_empty() || self.rules.iter().any(|r| r == rule || r == category))
    }
}

struct Scan {
    masked: Vec<u8>,
    sections: Vec<(usize, Section)>,
    ignores: Vec<Ignore>,
}

/// Lints a whole Markdown document. Positions are relative to the whole file.
pub fn lint_markdown(text: &str, ctx: &Context) -> Vec<Finding> {
    let mut s = Scan {
        masked: text.as_bytes().to_vec(),
        sections: vec![(0, ctx.section)],
        ignores: Vec::new(),
    };
    mask_blocks(text, &mut s);
    for m in URLS.find_iter(text) {
        blank(&mut s.masked, m.start(), m.end());
    }
    mask_code_spans(text, &mut s.masked);
    let partial = String::from_utf8(s.masked.clone()).expect("masking keeps UTF-8 valid");
    mask_quotes(&partial, &mut s.masked);
    let allow = allow_regex(&ctx.config.allow);
    mask_vocabulary(text, &mut s.masked, allow.as_ref());
    let masked = String::from_utf8(s.masked).expect("masking keeps UTF-8 valid");
    let doc = Doc::new(&masked, ctx.known_name_words());
    let hits = scan(&doc);
    let sections = s.sections;
    let ignores = s.ignores;
    finalize(
        text,
        hits,
        ctx,
        |off| {
            let i = sections.partition_point(|(o, _)| *o <= off);
            sections[i.saturating_sub(1)].1
        },
        |hit, rule| {
            ignores
                .iter()
                .any(|ig| ig.covers(hit.start, rule, hit.rule.category().as_str()))
        },
    )
}

/// Line starts and ends (end excludes the newline).
fn line_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            out.push((start, i));
            start = i + 1;
        }
    }
    if start < text.len() {
        out.push((start, text.len()));
    }
    out
}

fn fence_marker(line: &str) -> Option<(char, usize)> {
    let t = line.trim_start();
    if line.len() - t.len() > 3 {
        return None;
    }
    let c = t.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let n = t.chars().take_while(|x| *x == c).count();
    (n >= 3).then_some((c, n))
}

fn is_list_item(line: &str) -> bool {
    let t = line.trim_start();
    let b = t.as_bytes();
    match b.first() {
        Some(b'-' | b'*' | b'+') => b.get(1) == Some(&b' '),
        Some(d) if d.is_ascii_digit() => {
            let n = b.iter().take_while(|c| c.is_ascii_digit()).count();
            matches!(b.get(n), Some(b'.' | b')')) && b.get(n + 1) == Some(&b' ')
        }
        _ => false,
    }
}

fn mask_blocks(text: &str, s: &mut Scan) {
    let lines = line_spans(text);
    let mut i = 0;
    let mut in_list = false;
    let mut prev_blank = true;
    // Front matter: only at the very top.
    if lines
        .first()
        .is_some_and(|(a, b)| text[*a..*b].trim_end() == "---")
        && let Some(end) = lines
            .iter()
            .skip(1)
            .position(|(a, b)| matches!(text[*a..*b].trim_end(), "---" | "..."))
    {
        blank(&mut s.masked, 0, lines[end + 1].1);
        i = end + 2;
    }
    let mut disabled: Vec<(usize, Vec<String>)> = Vec::new();
    while i < lines.len() {
        let (a, b) = lines[i];
        let line = &text[a..b];
        let trimmed = line.trim();
        if let Some((c, n)) = fence_marker(line) {
            let close = lines[i + 1..].iter().position(|(x, y)| {
                fence_marker(&text[*x..*y]).is_some_and(|(c2, n2)| c2 == c && n2 >= n)
            });
            let last = close.map_or(lines.len() - 1, |k| i + 1 + k);
            blank(&mut s.masked, a, lines[last].1);
            i = last + 1;
            // A code block may follow a fence directly; a paragraph may not.
            prev_blank = true;
            continue;
        }
        let indented = line.starts_with("    ") || line.starts_with('\t');
        if indented && prev_blank && !in_list && !trimmed.is_empty() {
            blank(&mut s.masked, a, b);
            i += 1;
            continue;
        }
        if trimmed.starts_with('>') {
            blank(&mut s.masked, a, b);
        }
        if let Some(rest) = trimmed.strip_prefix('#') {
            let title = rest.trim_start_matches('#').trim();
            let sec = Section::parse(title);
            if sec != Section::Unknown {
                s.sections.push((a, sec));
            }
        }
        if let Some(pos) = line.find("<!--") {
            let start = a + pos;
            let end = text[start..]
                .find("-->")
                .map_or(text.len(), |k| start + k + 3);
            directive(
                text,
                &text[start + 4..end.saturating_sub(3).max(start + 4)],
                end,
                &lines,
                s,
                &mut disabled,
            );
            blank(&mut s.masked, start, end);
            // Skip lines wholly inside a multi-line comment.
            while i + 1 < lines.len() && lines[i + 1].0 < end {
                i += 1;
            }
        }
        if is_list_item(line) {
            in_list = true;
        } else if trimmed.is_empty() {
            // A list continues over blank lines only into indented content.
        } else if !line.starts_with(' ') && !line.starts_with('\t') {
            in_list = false;
        }
        prev_blank = trimmed.is_empty();
        i += 1;
    }
    for (start, rules) in disabled {
        s.ignores.push(Ignore {
            start,
            end: text.len(),
            rules,
        });
    }
}

/// Handles one HTML comment's content. `end` is the offset right after `-->`.
fn directive(
    text: &str,
    body: &str,
    end: usize,
    lines: &[(usize, usize)],
    s: &mut Scan,
    disabled: &mut Vec<(usize, Vec<String>)>,
) {
    let mut words = body.split_whitespace();
    let Some(cmd) = words.next() else { return };
    let rules: Vec<String> = words
        .map(|w| w.trim_matches(',').to_string())
        .filter(|w| !w.is_empty())
        .collect();
    match cmd {
        "retrospect-ignore" => {
            if let Some((start, stop)) = next_block(text, end, lines) {
                s.ignores.push(Ignore {
                    start,
                    end: stop,
                    rules,
                });
            }
        }
        "retrospect-disable" => disabled.push((end, rules)),
        "retrospect-enable" => {
            // Close the matching open ranges (all of them for a bare enable).
            let mut kept = Vec::new();
            for (start, r) in disabled.drain(..) {
                if rules.is_empty() || r == rules {
                    s.ignores.push(Ignore {
                        start,
                        end,
                        rules: r,
                    });
                } else {
                    kept.push((start, r));
                }
            }
            *disabled = kept;
        }
        _ => {}
    }
}

/// The block after `from`: the rest of the comment's line if it has text, else the
/// next paragraph, or the next list item when the block starts with one.
fn next_block(text: &str, from: usize, lines: &[(usize, usize)]) -> Option<(usize, usize)> {
    let k = lines.partition_point(|(_, b)| *b < from);
    if let Some(&(_, b)) = lines.get(k)
        && !text[from.min(b)..b].trim().is_empty()
    {
        return Some((from, b));
    }
    let first = (k + 1..lines.len()).find(|&j| !text[lines[j].0..lines[j].1].trim().is_empty())?;
    let (start, _) = lines[first];
    let list = is_list_item(&text[lines[first].0..lines[first].1]);
    let indent = text[start..].len() - text[start..].trim_start().len();
    let mut stop = lines[first].1;
    for &(a, b) in &lines[first + 1..] {
        let line = &text[a..b];
        if line.trim().is_empty() {
            break;
        }
        if list && is_list_item(line) && line.len() - line.trim_start().len() <= indent {
            break;
        }
        stop = b;
    }
    Some((start, stop))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(md: &str) -> Vec<(String, usize)> {
        lint_markdown(md, &Context::new())
            .into_iter()
            .map(|f| (f.rule, f.line))
            .collect()
    }

    #[test]
    fn skips_front_matter_code_and_comments() {
        let md = "---\ntitle: Dave failed to check\n---\n```\nDave failed to check\n```\n    Dave failed to check\n\n<!-- Dave failed to check -->\nSee `Dave failed to check` and [link](http://x/failed-to).\n";
        assert!(rules(md).is_empty(), "{:?}", rules(md));
    }

    #[test]
    fn reports_whole_file_positions() {
        let md = "# Timeline\n\n- 14:02 Dave failed to check the lag.\n";
        let f = lint_markdown(md, &Context::new());
        assert_eq!(f.len(), 1);
        assert_eq!((f[0].line, f[0].column), (3, 14));
    }

    #[test]
    fn ignore_and_disable_directives() {
        let md = "<!-- retrospect-ignore -->\n- Dave failed to check.\n- Bob failed to page.\n\n<!-- retrospect-disable counterfactual-person -->\nSam failed to look. This was human error.\n<!-- retrospect-enable counterfactual-person -->\nKim failed to wait.\n";
        let r = rules(md);
        assert_eq!(
            r,
            vec![
                ("counterfactual-person".into(), 3),
                ("human-error".into(), 6),
                ("counterfactual-person".into(), 8)
            ]
        );
    }

    #[test]
    fn headings_set_section() {
        let md = "## 5 Whys\n\nThe root cause was human error.\n";
        let f = lint_markdown(md, &Context::new());
        assert_eq!(f[0].severity, crate::Severity::Error);
    }
}
