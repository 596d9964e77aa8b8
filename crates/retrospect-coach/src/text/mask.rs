//! Masks quoted speech, inline code and allowed vocabulary before rules run.

use super::blank;
use regex::Regex;
use std::sync::LazyLock;

/// Technical terms that contain blame words but are not blame. Teams extend this
/// with `allow = [...]` in their config.
static BUILTIN_VOCAB: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(
        r"(?i)\b(?:human[- ]error (?:budget|rate)s?|error[- ]budgets?|fault[- ](?:domains?|tolerance|tolerant|injection|isolation|lines?|zones?)|(?:page|segmentation|seg|bus|protection) faults?|sloppy[- ]quorums?|lazy[- ](?:load(?:ing|ed|s)?|evaluat(?:ion|ed)|init(?:iali[sz](?:ation|ed))?|static|val|iterators?|seq(?:uence)?s?|mode|binding|deletion|expiry|expiration|fetch(?:ing)?|compilation|allocation|propagation|rendering|imports?|migration)|lazily (?:load(?:ed|s)?|evaluated|initiali[sz]ed|computed|created|allocated|fetched)|git[- ]blame|blame[- ](?:free|less|aware)|blameless(?:ly|ness)?|just[- ]in[- ]time|just culture|human[- ]readable|dumb (?:pipes?|terminals?|clients?|proxy|proxies)|kill[- ]switch(?:es)?|fat[- ]?finger (?:checks?|limits?|protections?|guards?|controls?|filters?|rules?|safeguards?|thresholds?)|careless whisper)\b",
    )
    .expect("vocab regex")
});

/// Phrases right after a quote that mean the author adopts the quoted judgement.
static ENDORSEMENT: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(
        r"(?i)^[\s,.;:\-–—)]*(?:and\s+)?(?:that(?:'s|’s| is| was)\s+(?:exactly\s+)?what happened|which (?:is|was) (?:exactly )?(?:true|right|what happened)|and (?:he|she|they) (?:was|were) right|agreed|exactly)",
    )
    .expect("endorsement regex")
});

/// Blanks inline code spans (matching runs of backticks).
pub fn mask_code_spans(text: &str, buf: &mut [u8]) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'`' || buf[i] != b'`' {
            i += 1;
            continue;
        }
        let run = bytes[i..].iter().take_while(|&&b| b == b'`').count();
        let fence = &text[i..i + run];
        match text[i + run..].find(fence) {
            Some(rel) => {
                let end = i + run + rel + run;
                blank(buf, i, end);
                i = end;
            }
            None => i += run,
        }
    }
}

/// Blanks quoted spans of two or more words: timelines quote chat, and the author is
/// not the speaker. A single quoted word is kept (scare quotes such as `"tested"` carry
/// the author's own judgement), and a quote the author endorses is kept.
pub fn mask_quotes(text: &str, buf: &mut [u8]) {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        let close = match c {
            '"' => '"',
            '\u{201c}' => '\u{201d}',
            '\'' | '\u{2018}' if opens_single(&chars, i) => {
                if c == '\'' {
                    '\''
                } else {
                    '\u{2019}'
                }
            }
            _ => {
                i += 1;
                continue;
            }
        };
        let Some(j) = find_close(&chars, i + 1, close) else {
            i += 1;
            continue;
        };
        let end = chars[j].0 + chars[j].1.len_utf8();
        let inner = &text[start + c.len_utf8()..chars[j].0];
        let words = inner.split_whitespace().count();
        if words >= 2 && !ENDORSEMENT.is_match(&text[end..]) {
            blank(buf, start, end);
        }
        i = j + 1;
    }
}

/// A single quote opens a quotation only at a word start, not in "didn't" or "Dave's".
fn opens_single(chars: &[(usize, char)], i: usize) -> bool {
    let before_ok = i == 0 || !chars[i - 1].1.is_alphanumeric();
    let after_ok = chars.get(i + 1).is_some_and(|(_, c)| c.is_alphanumeric());
    before_ok && after_ok
}

fn find_close(chars: &[(usize, char)], from: usize, close: char) -> Option<usize> {
    // Quotes do not run across paragraphs.
    for (k, &(_, c)) in chars.iter().enumerate().skip(from) {
        if c == '\n' && chars.get(k + 1).is_some_and(|(_, n)| *n == '\n') {
            return None;
        }
        if c == close {
            if close == '\'' || close == '\u{2019}' {
                let next_alpha = chars.get(k + 1).is_some_and(|(_, n)| n.is_alphanumeric());
                if next_alpha {
                    continue; // an apostrophe inside the quote ("didn't")
                }
            }
            return Some(k);
        }
    }
    None
}

/// Blanks built-in technical vocabulary and the team's allowed terms.
pub fn mask_vocabulary(text: &str, buf: &mut [u8], extra: Option<&Regex>) {
    for m in BUILTIN_VOCAB.find_iter(text) {
        blank(buf, m.start(), m.end());
    }
    if let Some(re) = extra {
        for m in re.find_iter(text) {
            blank(buf, m.start(), m.end());
        }
    }
}

/// Compiles the team's allowed terms into one case-insensitive regex.
pub fn allow_regex(terms: &[String]) -> Option<Regex> {
    let alts: Vec<String> = terms
        .iter()
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
        .map(|t| format!(r"\b{}\b", regex::escape(t)))
        .collect();
    if alts.is_empty() {
        return None;
    }
    crate::text::compile(&format!("(?i)(?:{})", alts.join("|"))).ok()
}

/// Masks everything that must not be linted in plain text (not Markdown).
pub fn mask_plain(text: &str, allow: Option<&Regex>) -> String {
    let mut buf = text.as_bytes().to_vec();
    mask_code_spans(text, &mut buf);
    mask_quotes(text, &mut buf);
    mask_vocabulary(text, &mut buf, allow);
    String::from_utf8(buf).expect("masking keeps UTF-8 valid")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masked(t: &str) -> String {
        mask_plain(t, None)
    }

    #[test]
    fn masks_multiword_quotes_only() {
        let m = masked(r#"Alice said: "who broke this?" ok"#);
        assert!(m.starts_with("Alice said: ") && m.ends_with(" ok") && !m.contains("broke"));
        assert!(masked(r#"Dave "tested" it"#).contains("\"tested\""));
        assert!(masked("Dave’s change didn't help").contains("Dave’s change didn't"));
        assert!(!masked("she wrote ‘we should have known’ later").contains("known"));
    }

    #[test]
    fn keeps_endorsed_quotes() {
        let t =
            r#"As Sam put it, "Dave just ignored the alert", and that is exactly what happened."#;
        assert!(masked(t).contains("ignored"));
    }

    #[test]
    fn masks_code_and_vocab() {
        let m = masked("Run `git blame` then check the error budget and just-in-time access.");
        assert!(!m.contains("blame") && !m.contains("budget") && !m.contains("just"));
        assert_eq!(
            m.len(),
            "Run `git blame` then check the error budget and just-in-time access.".len()
        );
    }
}
