//! The one-line text codec used in table cells, list items and headings.
//!
//! Markdown tables and list items hold one line, trim their edges and give
//! `|` a meaning, so text is written with a few reversible escapes that also
//! read well once rendered:
//!
//! | in the text                      | written as            |
//! |----------------------------------|-----------------------|
//! | a line break                     | `<br>`                |
//! | `\`, `|`, and other delimiters   | `\\`, `\|`, `\;` …    |
//! | a literal `<br` or `&#`          | `\<br`, `\&#`         |
//! | a control character              | `&#13;` (its number)  |
//! | whitespace at either edge        | `&#32;` (its number)  |
//!
//! Decoding follows CommonMark: a backslash before ASCII punctuation is an
//! escape, anywhere else it is an ordinary character.

/// Encodes text so that it survives one line of Markdown. `specials` are
/// further ASCII punctuation characters that the surrounding syntax uses.
pub(crate) fn encode(text: &str, specials: &[char]) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let last = text.char_indices().last().map(|(i, _)| i);
    for (i, c) in text.char_indices() {
        let rest = &text[i + c.len_utf8()..];
        let at_edge = i == 0 || Some(i) == last;
        if c == '\n' {
            out.push_str("<br>");
        } else if c.is_control() || (at_edge && c.is_whitespace()) {
            out.push_str(&format!("&#{};", c as u32));
        } else if c == '\\' || c == '|' || specials.contains(&c) {
            out.push('\\');
            out.push(c);
        } else if c == '<' && starts_with_ignore_case(rest, "br") {
            out.push_str("\\<");
        } else if c == '&' && rest.starts_with('#') {
            out.push_str("\\&");
        } else {
            out.push(c);
        }
    }
    out
}

/// Reverses [`encode`]; also reads `<br/>`, `<br />` and hexadecimal
/// character references, which other tools write.
pub(crate) fn decode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '\\' {
            if let Some(next) = rest[1..].chars().next()
                && next.is_ascii_punctuation()
            {
                out.push(next);
                rest = &rest[1 + next.len_utf8()..];
                continue;
            }
        } else if c == '<' {
            if let Some(len) = line_break_len(rest) {
                out.push('\n');
                rest = &rest[len..];
                continue;
            }
        } else if c == '&'
            && let Some((decoded, len)) = char_reference(rest)
        {
            out.push(decoded);
            rest = &rest[len..];
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// An optional value: empty for None, `""` for an empty string.
pub(crate) fn encode_opt(value: Option<&str>, specials: &[char]) -> String {
    match value {
        None => String::new(),
        Some(v) => encode_nonempty(v, specials),
    }
}

pub(crate) fn decode_opt(cell: &str) -> Option<String> {
    if cell.is_empty() {
        None
    } else {
        Some(decode_nonempty(cell))
    }
}

/// Text that must stay distinguishable from "nothing": the empty string is `""`.
pub(crate) fn encode_nonempty(value: &str, specials: &[char]) -> String {
    if value.is_empty() {
        return "\"\"".to_string();
    }
    let encoded = encode(value, specials);
    if encoded == "\"\"" {
        "\\\"\"".to_string()
    } else {
        encoded
    }
}

pub(crate) fn decode_nonempty(cell: &str) -> String {
    if cell == "\"\"" {
        String::new()
    } else {
        decode(cell)
    }
}

/// A list of texts in one cell, separated by `; `.
pub(crate) fn encode_list(items: &[String]) -> String {
    items
        .iter()
        .map(|i| encode_nonempty(i, &[';']))
        .collect::<Vec<_>>()
        .join("; ")
}

pub(crate) fn decode_list(cell: &str) -> Vec<String> {
    if cell.is_empty() {
        return Vec::new();
    }
    split_unescaped(cell, ';')
        .into_iter()
        .map(|part| decode_nonempty(part.trim()))
        .collect()
}

/// Splits at every `sep` that is not escaped with a backslash.
pub(crate) fn split_unescaped(text: &str, sep: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\\' {
            if let Some(&(_, next)) = chars.peek()
                && next.is_ascii_punctuation()
            {
                chars.next();
            }
        } else if c == '&' {
            // A character reference ends in ';', which is not a separator.
            if let Some((_, len)) = char_reference(&text[i..]) {
                while chars.peek().is_some_and(|&(j, _)| j < i + len) {
                    chars.next();
                }
            }
        } else if c == sep {
            parts.push(&text[start..i]);
            start = i + c.len_utf8();
        }
    }
    parts.push(&text[start..]);
    parts
}

/// The position of the first unescaped `wanted`, if any.
pub(crate) fn find_unescaped(text: &str, wanted: char) -> Option<usize> {
    let first = split_unescaped(text, wanted);
    (first.len() > 1).then(|| first[0].len())
}

/// More cells than any table needs (ours have at most ten columns).
const MAX_CELLS: usize = 256;

/// The cells of a Markdown table row (`| a | b |`), trimmed and still encoded;
/// None when the line is not a table row.
pub(crate) fn table_cells(line: &str) -> Option<Vec<&str>> {
    let t = line.trim();
    if !t.starts_with('|') && !t.contains('|') {
        return None;
    }
    // No table we read has more than a few columns; a line of ten million
    // pipes is not a row, and splitting it would only cost memory.
    if t.bytes().filter(|&b| b == b'|').count() > MAX_CELLS {
        return None;
    }
    let mut cells = split_unescaped(t, '|');
    if t.starts_with('|') {
        cells.remove(0);
    }
    if cells.len() > 1
        && cells.last().is_some_and(|c| c.trim().is_empty())
        && ends_with_unescaped_pipe(t)
    {
        cells.pop();
    }
    if cells.is_empty() {
        return None;
    }
    Some(cells.into_iter().map(str::trim).collect())
}

fn ends_with_unescaped_pipe(t: &str) -> bool {
    let Some(body) = t.strip_suffix('|') else {
        return false;
    };
    let backslashes = body.chars().rev().take_while(|&c| c == '\\').count();
    backslashes % 2 == 0
}

/// True for a table's delimiter row (`|---|:--:|`).
pub(crate) fn is_delimiter_row(line: &str) -> bool {
    table_cells(line).is_some_and(|cells| {
        !cells.is_empty()
            && cells.iter().all(|c| {
                let c = c.trim_matches(':');
                !c.is_empty() && c.chars().all(|ch| ch == '-')
            })
    })
}

fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.len() >= prefix.len()
        && text.is_char_boundary(prefix.len())
        && text[..prefix.len()].eq_ignore_ascii_case(prefix)
}

fn line_break_len(text: &str) -> Option<usize> {
    ["<br>", "<br/>", "<br />"]
        .iter()
        .find(|form| starts_with_ignore_case(text, form))
        .map(|form| form.len())
}

/// `&#123;` or `&#x1F600;` → the character and the length consumed.
fn char_reference(text: &str) -> Option<(char, usize)> {
    let body = text.strip_prefix("&#")?;
    let (digits, radix, skip) = match body.strip_prefix(['x', 'X']) {
        Some(hex) => (hex, 16, 3),
        None => (body, 10, 2),
    };
    let end = digits.find(';')?;
    let number = &digits[..end];
    if number.is_empty() || number.len() > 7 || !number.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let value = u32::from_str_radix(number, radix).ok()?;
    Some((char::from_u32(value)?, skip + end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_awkward_text() {
        for text in [
            "a | b",
            "line\nbreak",
            " lead",
            "trail ",
            "x<br>y",
            "&#32;",
            "back\\slash",
            "\\|",
            "tab\there",
            "\r\n",
            " ",
            "",
            "<BR>",
            "a\\",
            "\u{85}",
            "&#x41;",
        ] {
            assert_eq!(decode(&encode(text, &[';'])), text, "{text:?}");
        }
    }

    #[test]
    fn encoded_text_is_one_trimmed_line() {
        let e = encode(" a\nb ", &[]);
        assert_eq!(e, "&#32;a<br>b&#32;");
        assert_eq!(e.trim(), e);
    }

    #[test]
    fn splits_rows_respecting_escapes() {
        assert_eq!(
            table_cells("| a \\| b | c |").unwrap(),
            vec!["a \\| b", "c"]
        );
        assert_eq!(table_cells("a | b").unwrap(), vec!["a", "b"]);
        assert!(is_delimiter_row("|---|:-:|"));
        assert!(!is_delimiter_row("| a | - |"));
    }

    #[test]
    fn lists_keep_empty_items() {
        let items = vec![String::new(), "a;b".into(), "\"\"".into()];
        assert_eq!(decode_list(&encode_list(&items)), items);
        assert!(decode_list("").is_empty());
    }
}
