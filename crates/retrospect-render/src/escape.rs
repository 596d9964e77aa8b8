//! Making untrusted text inert: for XML/HTML (SVG and the export) and for terminals.

/// Escapes text for an XML or HTML text node or a quoted attribute value.
/// Characters XML 1.0 forbids (most C0 controls, lone surrogates cannot occur
/// in a Rust string, U+FFFE/U+FFFF) become U+FFFD so the SVG stays well-formed.
pub fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if is_xml_char(c) => out.push(c),
            _ => out.push('\u{FFFD}'),
        }
    }
    out
}

fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Text for one terminal line: control characters (ANSI escapes included) and
/// line breaks become spaces so that a cause cannot repaint or spoof the screen.
pub fn terminal_line(text: &str) -> String {
    let cleaned: String = text
        .chars()
        .map(|c| {
            if c.is_control() || is_bidi_control(c) {
                ' '
            } else {
                c
            }
        })
        .collect();
    collapse_whitespace(&cleaned)
}

/// Bidirectional overrides can make text read differently from what it is.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

/// Runs of whitespace (newlines included) become one space; ends are trimmed.
pub fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped() {
        assert_eq!(
            escape_xml(r#"<script>alert('x')</script> & "q""#),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
    }

    #[test]
    fn forbidden_xml_characters_are_replaced() {
        assert_eq!(
            escape_xml("a\u{0}b\u{1b}c\u{FFFF}"),
            "a\u{FFFD}b\u{FFFD}c\u{FFFD}"
        );
        assert_eq!(escape_xml("tab\tok"), "tab\tok");
    }

    #[test]
    fn terminal_text_loses_escape_sequences() {
        assert_eq!(
            terminal_line("red\u{1b}[31m\nnext\u{202E}x"),
            "red [31m next x"
        );
    }
}
