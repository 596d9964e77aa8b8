//! Estimating how wide text will be without a font engine, and wrapping it.
//!
//! The estimate is deliberately generous: widths come from DejaVu Sans (the
//! widest common sans-serif, and Debian's default) rounded up, so text drawn in
//! Arial, Helvetica or Liberation Sans only ever comes out narrower than its box.

/// The font stack every picture asks for; the width estimate assumes its widest member.
pub const FONT_FAMILY: &str = "DejaVu Sans, Verdana, Arial, Helvetica, sans-serif";

/// Bold glyphs are wider; this factor covers DejaVu Sans Bold.
const BOLD_FACTOR: f64 = 1.12;

/// Width of one character as a fraction of the font size (em).
fn char_em(c: char) -> f64 {
    match c {
        'i' | 'j' | 'l' | 'I' | 'J' | '.' | ',' | ':' | ';' | '|' | '!' | '\'' | '`' | ' ' => 0.42,
        'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '{' | '}' | '"' | '-' => 0.5,
        'm' | 'w' | 'M' | 'W' | '@' | '%' | '\u{2014}' => 1.02,
        'A'..='Z' => 0.8,
        'a'..='z' | '0'..='9' => 0.66,
        '\u{0300}'..='\u{036F}' | '\u{200B}'..='\u{200D}' | '\u{FE00}'..='\u{FE0F}' => 0.0,
        c if c.is_ascii() => 0.72,
        c if is_wide(c) => 1.12,
        _ => 0.82,
    }
}

/// East Asian wide and full-width characters, and emoji.
fn is_wide(c: char) -> bool {
    matches!(c,
        '\u{1100}'..='\u{115F}'
        | '\u{2E80}'..='\u{A4CF}'
        | '\u{AC00}'..='\u{D7A3}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF00}'..='\u{FF60}'
        | '\u{FFE0}'..='\u{FFE6}'
        | '\u{1F000}'..='\u{1FAFF}'
        | '\u{20000}'..)
}

/// Estimated width in pixels of `text` at `font_px`.
pub fn text_width(text: &str, font_px: f64, bold: bool) -> f64 {
    let em: f64 = text.chars().map(char_em).sum();
    em * font_px * if bold { BOLD_FACTOR } else { 1.0 }
}

/// A font choice for measuring: size in pixels and weight.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Font {
    pub size: f64,
    pub bold: bool,
}

impl Font {
    pub const fn regular(size: f64) -> Self {
        Self { size, bold: false }
    }

    pub const fn bold(size: f64) -> Self {
        Self { size, bold: true }
    }

    pub fn width(&self, text: &str) -> f64 {
        text_width(text, self.size, self.bold)
    }

    /// Baseline-to-baseline distance used for wrapped lines.
    pub fn line_height(&self) -> f64 {
        (self.size * 1.3).round()
    }
}

/// Text broken into lines that each fit a width.
#[derive(Debug, Clone, PartialEq)]
pub struct Wrapped {
    pub lines: Vec<String>,
    /// True when text was cut to respect the line limit (the last line ends in "…").
    pub truncated: bool,
}

impl Wrapped {
    pub fn width(&self, font: Font) -> f64 {
        self.lines.iter().map(|l| font.width(l)).fold(0.0, f64::max)
    }
}

const ELLIPSIS: char = '\u{2026}';

/// Wraps `text` at word boundaries into at most `max_lines` lines of at most
/// `max_width` pixels. Words longer than a line (URLs, hashes) are split. Text
/// that does not fit is cut and the last line ends with an ellipsis.
pub fn wrap(text: &str, font: Font, max_width: f64, max_lines: usize) -> Wrapped {
    let max_lines = max_lines.max(1);
    // Only the start of a huge text can be shown; measuring all of it is wasted work.
    let budget = max_lines * (max_width / (font.size * 0.4)).ceil() as usize + 8;
    let mut clipped = false;
    let visible: String = {
        let mut s = String::new();
        for (n, c) in text.chars().enumerate() {
            if n >= budget {
                clipped = true;
                break;
            }
            s.push(if c.is_control() { ' ' } else { c });
        }
        s
    };
    // Each line with whether it continues a word split from the line before.
    let mut lines: Vec<(String, bool)> = Vec::new();
    let mut current = String::new();
    let mut current_continues = false;
    // A no-break space (U+00A0) keeps words together, as it promises.
    for word in visible
        .split(|c: char| c.is_whitespace() && c != '\u{a0}')
        .filter(|w| !w.is_empty())
    {
        let candidate = if current.is_empty() {
            word.to_string()
        } else {
            format!("{current} {word}")
        };
        if font.width(&candidate) <= max_width {
            current = candidate;
            continue;
        }
        if !current.is_empty() {
            lines.push((std::mem::take(&mut current), current_continues));
            current_continues = false;
        }
        if font.width(word) <= max_width {
            current = word.to_string();
        } else {
            for (n, piece) in split_long_word(word, font, max_width)
                .into_iter()
                .enumerate()
            {
                if !current.is_empty() {
                    lines.push((std::mem::take(&mut current), current_continues));
                }
                current = piece;
                current_continues = n > 0;
            }
        }
    }
    if !current.is_empty() {
        lines.push((current, current_continues));
    }
    let truncated = clipped || lines.len() > max_lines;
    if truncated {
        // The last line shows as much of the rest as fits, then an ellipsis.
        let rest = lines.split_off(max_lines.min(lines.len()).saturating_sub(1));
        let mut joined = String::new();
        for (n, (line, continues)) in rest.into_iter().enumerate() {
            if n > 0 && !continues {
                joined.push(' ');
            }
            joined.push_str(&line);
        }
        lines.push((with_ellipsis(&joined, font, max_width), false));
    }
    let lines = lines.into_iter().map(|(l, _)| l).collect();
    Wrapped { lines, truncated }
}

/// Characters after which a long word (a path, a URL) breaks naturally.
fn is_break_after(c: char) -> bool {
    matches!(
        c,
        '/' | '.' | '-' | '_' | '?' | '&' | '=' | ':' | ',' | '#' | '\\'
    )
}

/// Breaks one over-long word into pieces that each fit, after punctuation
/// when there is some in the second half of a piece.
fn split_long_word(word: &str, font: Font, max_width: f64) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut piece: Vec<char> = Vec::new();
    for c in word.chars() {
        piece.push(c);
        let text: String = piece.iter().collect();
        if font.width(&text) > max_width && piece.len() > 1 {
            piece.pop();
            let half = piece.len() / 2;
            let cut = piece
                .iter()
                .rposition(|&p| is_break_after(p))
                .filter(|&i| i >= half)
                .map_or(piece.len(), |i| i + 1);
            let carried: Vec<char> = piece.split_off(cut);
            pieces.push(piece.iter().collect());
            piece = carried;
            piece.push(c);
        }
    }
    let piece: String = piece.into_iter().collect();
    if !piece.is_empty() {
        pieces.push(piece);
    }
    pieces
}

/// `line` shortened until it and a trailing ellipsis fit in `max_width`.
fn with_ellipsis(line: &str, font: Font, max_width: f64) -> String {
    // Start from about as many characters as could fit, then trim to measure.
    let most = (max_width / (font.size * 0.42)).ceil() as usize + 1;
    let mut kept: String = line.chars().take(most).collect();
    loop {
        let candidate = format!("{}{ELLIPSIS}", kept.trim_end());
        if font.width(&candidate) <= max_width || kept.is_empty() {
            return candidate;
        }
        kept.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const F: Font = Font::regular(13.0);

    #[test]
    fn wraps_at_word_boundaries_within_the_width() {
        let w = wrap(
            "the deploy pipeline skipped the canary stage because a flag was stale",
            F,
            120.0,
            10,
        );
        assert!(w.lines.len() > 2, "{:?}", w.lines);
        assert!(!w.truncated);
        for line in &w.lines {
            assert!(F.width(line) <= 120.0, "{line}");
        }
        assert_eq!(
            w.lines.join(" "),
            "the deploy pipeline skipped the canary stage because a flag was stale"
        );
    }

    #[test]
    fn splits_words_longer_than_a_line() {
        let url = "https://example.com/".to_string() + &"a".repeat(80);
        let w = wrap(&url, F, 100.0, 20);
        assert!(w.lines.len() > 3);
        assert_eq!(w.lines.concat(), url);
    }

    #[test]
    fn truncates_with_an_ellipsis() {
        let long = "word ".repeat(2_000);
        let w = wrap(&long, F, 150.0, 3);
        assert_eq!(w.lines.len(), 3);
        assert!(w.truncated);
        assert!(w.lines[2].ends_with(ELLIPSIS));
        assert!(F.width(&w.lines[2]) <= 150.0);
    }

    #[test]
    fn empty_text_has_no_lines() {
        assert!(wrap("   ", F, 100.0, 3).lines.is_empty());
    }

    #[test]
    fn wide_characters_count_as_wide() {
        assert!(F.width("障害対応") > F.width("abcd"));
    }
}
