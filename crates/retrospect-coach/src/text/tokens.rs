//! Word and punctuation tokens of one sentence, with byte offsets.

#[derive(Debug, Clone)]
pub struct Tok<'a> {
    pub start: usize,
    pub end: usize,
    /// The token as written.
    pub raw: &'a str,
    /// Lowercased, typographic apostrophe folded, possessive `'s` removed.
    pub norm: String,
    pub possessive: bool,
    pub word: bool,
}

impl Tok<'_> {
    pub fn is(&self, w: &str) -> bool {
        self.word && self.norm == w
    }

    pub fn is_punct(&self, p: char) -> bool {
        !self.word && self.raw.starts_with(p)
    }

    pub fn capitalised(&self) -> bool {
        let mut cs = self.raw.chars();
        let first = cs.next().is_some_and(char::is_uppercase);
        // "DNS", "API": all-caps words are acronyms, not names.
        first && cs.any(char::is_lowercase)
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '@' || c == '#'
}

fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '\'' | '\u{2019}' | '.' | '/' | ':')
}

/// Tokenises `text[range]` (offsets are absolute). Whitespace is dropped; every other
/// non-word character is a one-character punctuation token.
pub fn tokenize(text: &str, base: usize) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (s, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if !is_word_char(c) {
            let e = s + c.len_utf8();
            out.push(Tok {
                start: base + s,
                end: base + e,
                raw: &text[s..e],
                norm: c.to_string(),
                possessive: false,
                word: false,
            });
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < chars.len() {
            let cj = chars[j].1;
            if is_word_char(cj) {
                j += 1;
            } else if is_joiner(cj) && chars.get(j + 1).is_some_and(|(_, n)| is_word_char(*n)) {
                j += 2;
            } else {
                break;
            }
        }
        let e = chars.get(j).map_or(text.len(), |(o, _)| *o);
        let raw = &text[s..e];
        let mut norm = raw.to_lowercase().replace('\u{2019}', "'");
        let possessive = norm.ends_with("'s") && norm.len() > 2;
        if possessive {
            norm.truncate(norm.len() - 2);
        } else if norm.ends_with("s'") {
            norm.truncate(norm.len() - 1);
        }
        out.push(Tok {
            start: base + s,
            end: base + e,
            raw,
            norm,
            possessive,
            word: true,
        });
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_compounds_and_possessives() {
        let t = tokenize("Dave’s on-call shift, db-01.prod didn't.", 10);
        let norms: Vec<&str> = t.iter().map(|t| t.norm.as_str()).collect();
        assert_eq!(
            norms,
            vec!["dave", "on-call", "shift", ",", "db-01.prod", "didn't", "."]
        );
        assert!(t[0].possessive && t[0].capitalised());
        assert_eq!(t[0].start, 10);
    }
}
