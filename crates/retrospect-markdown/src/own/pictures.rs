//! The Pictures section: images drawn from the post-mortem (the timeline,
//! the fishbone) that an export may link to. They are derived from the
//! post-mortem, not part of it, so the importer recognises a section that
//! holds nothing but image lines as generated and leaves it out; a Pictures
//! section with anything else in it is someone's writing and is kept.

use crate::lines::Fences;

pub(crate) const PICTURES: &str = "Pictures";

/// A picture to link from an exported document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    /// What the picture shows, for readers who cannot see it. Line breaks and
    /// other control characters become spaces.
    pub alt: String,
    /// Where the picture is, relative to the document (`incident-timeline.svg`).
    /// It is a file path: spaces, `%`, `#`, `?`, parentheses, angle brackets,
    /// backslashes, control characters and non-ASCII letters are
    /// percent-encoded so that Markdown and browsers read the path as written.
    pub path: String,
}

/// The section body: one image per paragraph, so each shows on its own.
pub(crate) fn write(pictures: &[Picture]) -> String {
    pictures
        .iter()
        .map(|p| format!("![{}]({})\n", encode_alt(&p.alt), encode_path(&p.path)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// How many pictures a section holds when it holds nothing but image lines
/// (and blank lines) as [`write`] writes them; None when it holds anything else.
pub(crate) fn generated_count(body: &[&str]) -> Option<usize> {
    let mut count = 0;
    let mut fences = Fences::default();
    for line in body {
        if fences.is_code(line) {
            return None;
        }
        if line.trim().is_empty() {
            continue;
        }
        if !is_image_line(line) {
            return None;
        }
        count += 1;
    }
    (count > 0).then_some(count)
}

fn encode_alt(alt: &str) -> String {
    let mut out = String::with_capacity(alt.len());
    for c in alt.chars() {
        match c {
            '\\' | '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn encode_path(path: &str) -> String {
    // CommonMark's way of writing an empty destination.
    if path.is_empty() {
        return "<>".into();
    }
    let mut out = String::with_capacity(path.len());
    let mut buf = [0u8; 4];
    for c in path.chars() {
        let plain =
            c.is_ascii_graphic() && !matches!(c, '%' | '#' | '?' | '(' | ')' | '<' | '>' | '\\');
        if plain {
            out.push(c);
        } else {
            for byte in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    out
}

/// `![alt](destination)` alone on its line, in CommonMark's syntax without a
/// title: the alt text has no unescaped brackets, the destination is either
/// `<…>` or a run with no spaces or unescaped parentheses.
fn is_image_line(line: &str) -> bool {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return false;
    }
    let Some(rest) = line[indent..]
        .trim_end_matches([' ', '\t'])
        .strip_prefix("![")
    else {
        return false;
    };
    let Some(rest) = skip_until_unescaped(rest, ']', &['[']) else {
        return false;
    };
    let Some(rest) = rest.strip_prefix('(') else {
        return false;
    };
    match rest.strip_prefix('<') {
        Some(inside) => skip_until_unescaped(inside, '>', &['<']) == Some(")"),
        None => {
            let bare = rest.strip_suffix(')').unwrap_or("");
            !bare.is_empty()
                && !bare.contains(|c: char| c.is_whitespace() || c.is_control())
                && skip_until_unescaped(rest, ')', &['(']) == Some("")
        }
    }
}

/// The text after the first unescaped `end`, or None when it is missing or a
/// character of `refused` comes first unescaped.
fn skip_until_unescaped<'a>(text: &'a str, end: char, refused: &[char]) -> Option<&'a str> {
    let mut chars = text.char_indices();
    while let Some((i, c)) = chars.next() {
        if c == '\\' {
            chars.next();
        } else if c == end {
            return Some(&text[i + c.len_utf8()..]);
        } else if refused.contains(&c) {
            return None;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn picture(alt: &str, path: &str) -> Picture {
        Picture {
            alt: alt.into(),
            path: path.into(),
        }
    }

    #[test]
    fn writes_one_image_per_paragraph() {
        let body = write(&[
            picture("Timeline of \u{201c}Outage\u{201d}", "pm-timeline.svg"),
            picture("Fishbone", "pm-fishbone.svg"),
        ]);
        assert_eq!(
            body,
            "![Timeline of \u{201c}Outage\u{201d}](pm-timeline.svg)\n\n![Fishbone](pm-fishbone.svg)\n"
        );
    }

    #[test]
    fn awkward_alt_text_and_paths_stay_one_image_line() {
        let p = picture("a [b] \\ c\nd\te", "my dir/pm (1)#2?<x>%é.svg");
        let line = write(std::slice::from_ref(&p));
        assert_eq!(
            line,
            "![a \\[b\\] \\\\ c d e](my%20dir/pm%20%281%29%232%3F%3Cx%3E%25%C3%A9.svg)\n"
        );
        assert_eq!(generated_count(&[line.trim_end()]), Some(1));
        let empty = write(&[picture("", "")]);
        assert_eq!(empty, "![](<>)\n");
        assert_eq!(generated_count(&[empty.trim_end()]), Some(1));
    }

    #[test]
    fn only_image_lines_count_as_generated() {
        assert_eq!(
            generated_count(&["![a](b.svg)", "", "![c](<d e.svg>)"]),
            Some(2)
        );
        assert_eq!(generated_count(&[]), None);
        assert_eq!(generated_count(&[""]), None);
        for kept in [
            "Our whiteboard photo:",
            "![a](b.svg) and a note",
            "![a](b.svg \"a title\")",
            "![a](b.svg)(c)",
            "![a]()",
            "![a] (b.svg)",
            "![a[b]](c.svg)",
            "![a](<b.svg)",
            "    ![a](b.svg)",
            "```",
            "- ![a](b.svg)",
        ] {
            assert_eq!(
                generated_count(&["![x](y.svg)", kept]),
                None,
                "{kept:?} is someone's writing"
            );
        }
    }

    #[test]
    fn a_fenced_block_is_never_generated() {
        assert_eq!(generated_count(&["```", "![a](b.svg)", "```"]), None);
    }
}
