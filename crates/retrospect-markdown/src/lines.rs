//! Reading Markdown a line at a time: headings, code fences and list items.
//!
//! We parse Markdown line by line rather than through a full CommonMark tree
//! because import must keep every unrecognised byte verbatim, and line slices
//! of the original text are exactly that. The rules follow CommonMark where
//! it matters (ATX headings, fenced code, list markers); setext headings are
//! not treated as headings.

/// A code-fence tracker: lines inside a fenced block are never structure.
#[derive(Debug, Clone, Default)]
pub(crate) struct Fences {
    open: Option<(char, usize)>,
}

impl Fences {
    /// Feeds one line; returns true when the line is code (a fence line or
    /// inside a fenced block) and so must be taken literally.
    pub(crate) fn is_code(&mut self, line: &str) -> bool {
        let marker = fence_marker(line);
        match (self.open, marker) {
            (Some((ch, len)), Some((c, n, rest)))
                if c == ch && n >= len && rest.trim().is_empty() =>
            {
                self.open = None;
                true
            }
            (Some(_), _) => true,
            (None, Some((c, n, rest))) => {
                if c == '`' && rest.contains('`') {
                    return false;
                }
                self.open = Some((c, n));
                true
            }
            (None, None) => false,
        }
    }

    pub(crate) fn is_open(&self) -> bool {
        self.open.is_some()
    }
}

/// A run of three or more backticks or tildes after any indentation.
fn fence_marker(line: &str) -> Option<(char, usize, &str)> {
    let t = line.trim_start_matches([' ', '\t']);
    let c = t.chars().next().filter(|&c| c == '`' || c == '~')?;
    let n = t.chars().take_while(|&x| x == c).count();
    (n >= 3).then(|| (c, n, &t[n..]))
}

/// An ATX heading: its level and its text (trimmed, closing hashes removed).
pub(crate) fn heading(line: &str) -> Option<(usize, &str)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let t = &line[indent..];
    let level = t.chars().take_while(|&c| c == '#').count();
    if !(1..=6).contains(&level) {
        return None;
    }
    let rest = &t[level..];
    if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
        return None;
    }
    let mut text = rest.trim_matches([' ', '\t']);
    // A closing run of hashes is decoration, unless it is escaped or is all there is.
    let without = text.trim_end_matches('#');
    if without.len() < text.len() && (without.is_empty() || without.ends_with([' ', '\t'])) {
        text = without.trim_end_matches([' ', '\t']);
    }
    Some((level, text))
}

/// A list item: its indentation (columns before the marker), the width up to
/// its content, and the content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ListItem<'a> {
    pub indent: usize,
    pub content_indent: usize,
    pub content: &'a str,
    pub ordered: bool,
}

pub(crate) fn list_item(line: &str) -> Option<ListItem<'_>> {
    let indent = indentation(line);
    let t = line.trim_start_matches([' ', '\t']);
    let (marker_len, ordered) = if t.starts_with(['-', '*', '+']) {
        (1, false)
    } else {
        let digits = t.chars().take_while(char::is_ascii_digit).count();
        if digits == 0 || digits > 9 || !t[digits..].starts_with(['.', ')']) {
            return None;
        }
        (digits + 1, true)
    };
    let after = &t[marker_len..];
    if !after.is_empty() && !after.starts_with([' ', '\t']) {
        return None;
    }
    // "---" or "* * *" are thematic breaks, not items.
    if !ordered && is_thematic_break(t) {
        return None;
    }
    let content = after.trim_start_matches([' ', '\t']);
    let spaces = after.len() - content.len();
    let content_indent = indent
        + marker_len
        + if content.is_empty() {
            1
        } else {
            spaces.clamp(1, 4)
        };
    Some(ListItem {
        indent,
        content_indent,
        content: content.trim_end(),
        ordered,
    })
}

fn is_thematic_break(t: &str) -> bool {
    let c = t.chars().next();
    matches!(c, Some('-' | '*' | '_'))
        && t.chars()
            .filter(|x| !x.is_whitespace())
            .all(|x| Some(x) == c)
        && t.chars().filter(|&x| Some(x) == c).count() >= 3
}

/// Columns of leading whitespace (a tab counts as four).
pub(crate) fn indentation(line: &str) -> usize {
    let mut n = 0;
    for c in line.chars() {
        match c {
            ' ' => n += 1,
            '\t' => n += 4,
            _ => break,
        }
    }
    n
}

/// Removes up to `columns` of leading whitespace.
pub(crate) fn dedent(line: &str, columns: usize) -> &str {
    let mut n = 0;
    for (i, c) in line.char_indices() {
        if n >= columns {
            return &line[i..];
        }
        match c {
            ' ' => n += 1,
            '\t' => n += 4,
            _ => return &line[i..],
        }
    }
    ""
}

pub(crate) fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

/// Joins lines, dropping blank lines at both ends.
pub(crate) fn join_trimmed(lines: &[&str]) -> String {
    let start = lines
        .iter()
        .position(|l| !is_blank(l))
        .unwrap_or(lines.len());
    let end = lines
        .iter()
        .rposition(|l| !is_blank(l))
        .map_or(start, |e| e + 1);
    lines[start..end.max(start)].join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_follow_commonmark() {
        assert_eq!(heading("## Summary"), Some((2, "Summary")));
        assert_eq!(heading("### Timeline ###"), Some((3, "Timeline")));
        assert_eq!(heading("#hashtag"), None);
        assert_eq!(heading("    # code"), None);
        assert_eq!(heading("##"), Some((2, "")));
        assert_eq!(heading("# C \\#"), Some((1, "C \\#")));
    }

    #[test]
    fn fences_hide_headings() {
        let mut f = Fences::default();
        let flags: Vec<bool> = ["text", "```bash", "# comment", "```", "after"]
            .iter()
            .map(|l| f.is_code(l))
            .collect();
        assert_eq!(flags, vec![false, true, true, true, false]);
    }

    #[test]
    fn list_items_and_breaks() {
        let item = list_item("  - **09:45** - text").unwrap();
        assert_eq!(
            (item.indent, item.content_indent, item.content),
            (2, 4, "**09:45** - text")
        );
        assert!(list_item("---").is_none());
        assert!(list_item("* * *").is_none());
        assert!(list_item("12. twelve").unwrap().ordered);
        assert!(list_item("-notalist").is_none());
    }
}
