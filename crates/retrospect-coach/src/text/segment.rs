//! Sentence segmentation on masked text. Rules work per sentence: the subject of a
//! verb phrase is found inside the sentence that holds the cue.

use std::ops::Range;

const ABBREVIATIONS: &[&str] = &[
    "e.g", "i.e", "etc", "vs", "approx", "dr", "mr", "mrs", "ms", "no", "inc", "ltd", "cf", "al",
];

/// Splits `text` into sentence ranges (trimmed of surrounding whitespace; empty
/// sentences dropped). Boundaries: terminal punctuation followed by space, blank
/// lines, a new line that starts a list item, heading, table row or timestamp, and
/// table cell pipes.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let cut = match c {
            b'.' | b'!' | b'?' => {
                let mut j = i + 1;
                while j < b.len()
                    && matches!(b[j], b'.' | b'!' | b'?' | b'"' | b')' | b'\'' | b'*' | b'_')
                {
                    j += 1;
                }
                let at_space = j >= b.len() || b[j].is_ascii_whitespace();
                if at_space && !(c == b'.' && is_abbreviation(&text[start..i])) {
                    Some(j)
                } else {
                    None
                }
            }
            b'|' => Some(i + 1),
            b'\n' if starts_new_unit(&b[i + 1..]) => Some(i + 1),
            _ => None,
        };
        if let Some(end) = cut {
            push_trimmed(text, start, end, &mut out);
            start = end;
            i = end;
        } else {
            i += 1;
        }
    }
    push_trimmed(text, start, b.len(), &mut out);
    out
}

fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    let word = word.to_ascii_lowercase();
    ABBREVIATIONS.contains(&word.as_str()) || (word.len() == 1 && word != "i")
}

fn starts_new_unit(rest: &[u8]) -> bool {
    let trimmed: &[u8] = {
        let n = rest
            .iter()
            .take_while(|b| **b == b' ' || **b == b'\t')
            .count();
        &rest[n..]
    };
    match trimmed.first() {
        None | Some(b'\n') | Some(b'#') | Some(b'|') | Some(b'>') => true,
        Some(b'-') | Some(b'*') | Some(b'+') => trimmed.get(1).is_some_and(|b| *b == b' '),
        Some(d) if d.is_ascii_digit() => {
            // "1. item", "2) item" or a timestamp "14:02".
            let n = trimmed.iter().take_while(|b| b.is_ascii_digit()).count();
            matches!(trimmed.get(n), Some(b'.') | Some(b')') | Some(b':'))
        }
        _ => false,
    }
}

fn push_trimmed(text: &str, mut s: usize, mut e: usize, out: &mut Vec<Range<usize>>) {
    let b = text.as_bytes();
    while s < e && b[s].is_ascii_whitespace() {
        s += 1;
    }
    while e > s && b[e - 1].is_ascii_whitespace() {
        e -= 1;
    }
    if e > s {
        out.push(s..e);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(t: &str) -> Vec<&str> {
        sentences(t).into_iter().map(|r| &t[r]).collect()
    }

    #[test]
    fn splits_sentences_and_units() {
        assert_eq!(
            split("One e.g. two. Three!"),
            vec!["One e.g. two.", "Three!"]
        );
        assert_eq!(split("- a\n- b\nwrapped"), vec!["- a", "- b\nwrapped"]);
        assert_eq!(split("14:02 a\n14:05 b"), vec!["14:02 a", "14:05 b"]);
        assert_eq!(split("| x | y |"), vec!["|", "x |", "y |"]);
        assert_eq!(split("v1.2.3 shipped."), vec!["v1.2.3 shipped."]);
    }
}
