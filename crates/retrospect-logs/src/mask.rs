//! Tokenising a message and masking the parts that look like variables.
//!
//! One rule set for every log: a message is split on whitespace; inside a
//! token, punctuation such as `=`, `:`, `,` or brackets separates "words";
//! a word is a variable when it holds a digit (numbers, hex, IPs, ports,
//! UUIDs, durations, ids), starts with `/` (paths, URLs after `scheme:`),
//! is long pure hex, or is a quoted value. Constants keep their punctuation,
//! so `rhost=10.0.0.1` becomes `rhost=<*>` and still tells events apart.

use crate::time::formats;

/// The masked form of a message: tokens separated by single spaces in
/// `buf`, their spans, and a hash of the whole sequence.
#[derive(Default, Debug, Clone)]
pub struct Masked {
    pub buf: Vec<u8>,
    pub spans: Vec<(u32, u32)>,
    pub hash: u64,
}

/// What a fully masked token looks like.
pub const WILDCARD: &[u8] = b"<*>";

/// Longest message prefix we mine; the rest of a huge line is ignored.
pub const MAX_MESSAGE: usize = 4096;
/// Most tokens we keep; more would only make every line unique.
pub const MAX_TOKENS: usize = 256;

/// Byte classes, looked up once per byte: masking runs on every line.
const WS: u8 = 1;
const WORD_DELIM: u8 = 2;
const DIGIT: u8 = 4;
const SLASH: u8 = 8;

const CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    // Exactly `u8::is_ascii_whitespace`.
    let ws = b" \t\n\x0c\r";
    let mut k = 0;
    while k < ws.len() {
        t[ws[k] as usize] = WS;
        k += 1;
    }
    let delims = b"=,;:()[]{}<>\"'|";
    k = 0;
    while k < delims.len() {
        t[delims[k] as usize] = WORD_DELIM;
        k += 1;
    }
    k = b'0' as usize;
    while k <= b'9' as usize {
        t[k] = DIGIT;
        k += 1;
    }
    t[b'/' as usize] = SLASH;
    t
};

#[inline]
fn class(c: u8) -> u8 {
    CLASS[c as usize]
}

#[inline]
fn is_ws(c: u8) -> bool {
    class(c) == WS
}

/// End of the whitespace token starting at `i`, and the classes of its
/// bytes. (Eight bytes at a time was tried: tokens are short, it was slower.)
#[inline]
fn scan_token(msg: &[u8], i: usize) -> (usize, u8) {
    let mut end = i;
    let mut seen = 0;
    while end < msg.len() {
        let k = class(msg[end]);
        if k == WS {
            break;
        }
        seen |= k;
        end += 1;
    }
    (end, seen)
}

/// A short name ending in one digit (`eth0`, `wl0`, `IPv6`, `ssh2`,
/// `tty1`): interface, protocol and device names, constants of the event.
fn is_numbered_name(w: &[u8]) -> bool {
    let (last, head) = match w.split_last() {
        Some(x) => x,
        None => return false,
    };
    last.is_ascii_digit()
        && head.len() >= 2
        && head.len() <= 5
        && head.iter().all(u8::is_ascii_alphabetic)
}

/// Decides whether one word (no whitespace, no delimiters) is a variable.
#[inline]
pub fn is_variable(w: &[u8]) -> bool {
    is_variable_with(w, w.iter().any(u8::is_ascii_digit))
}

/// [`is_variable`] when the caller already knows whether `w` has a digit.
#[inline]
fn is_variable_with(w: &[u8], has_digit: bool) -> bool {
    if w.is_empty() {
        return false;
    }
    if has_digit {
        return !is_numbered_name(w);
    }
    if w[0] == b'/' && w.len() > 1 {
        return true;
    }
    // Without a digit, "all hex" means "all hex letters": only the long
    // rule can apply.
    w.len() >= 16 && w.iter().all(u8::is_ascii_hexdigit)
}

/// FxHash-style mixing: fast, good enough for a cache key that is also
/// checked by the tree search on a miss.
#[inline]
fn mix(h: u64, v: u64) -> u64 {
    (h.rotate_left(5) ^ v).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
}

pub fn hash_bytes(mut h: u64, b: &[u8]) -> u64 {
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        h = mix(
            h,
            u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]),
        );
    }
    let mut last = [0u8; 8];
    let rem = chunks.remainder();
    last[..rem.len()].copy_from_slice(rem);
    mix(mix(h, u64::from_le_bytes(last)), b.len() as u64)
}

/// Quoted value starting at `i` (`"..."` or `'...'`) when the quote opens
/// a value rather than being an apostrophe; returns the end (exclusive).
fn quoted_end(msg: &[u8], i: usize) -> Option<usize> {
    let q = msg[i];
    let opens = i == 0 || matches!(msg[i - 1], b' ' | b'=' | b'(' | b'[' | b':' | b',');
    if !opens {
        return None;
    }
    let close = msg[i + 1..].iter().take(256).position(|&c| c == q)? + i + 1;
    let after = msg.get(close + 1).copied();
    // A letter or digit right after means an apostrophe (`don't`); `<` is
    // what a digit turns into, so masked text decides the same way.
    if after.is_some_and(|c| c.is_ascii_alphanumeric() || c == b'<') {
        return None;
    }
    // A single quoted word is often a constant name ('sparkDriver'); its
    // digits, paths and such are masked word by word anyway. Nothing but
    // spaces inside is no value either.
    let inner = &msg[i + 1..close];
    if !inner.contains(&b' ') || inner.iter().all(u8::is_ascii_whitespace) {
        return None;
    }
    // A quote opening inside (after a space) means nested or unbalanced
    // quoting: mask word by word rather than guess where values end.
    if inner
        .windows(2)
        .any(|w| w[0] == b' ' && matches!(w[1], b'"' | b'\''))
        || matches!(inner[0], b'"' | b'\'')
    {
        return None;
    }
    Some(close + 1)
}

/// Whether a date could start here: a digit, or a capitalised three-letter
/// name followed by a space or comma (`Fri Jun 17`, `Mon, 02 Jan`).
#[inline]
fn may_start_time(b: &[u8]) -> bool {
    match b.first() {
        Some(c) if c.is_ascii_digit() => true,
        Some(c) if c.is_ascii_uppercase() => matches!(b.get(3), Some(b' ' | b',')),
        _ => false,
    }
}

/// Length of a full date-and-time starting here, if any.
#[inline]
fn inline_time(b: &[u8]) -> Option<usize> {
    let c = *b.first()?;
    let hit = if c.is_ascii_digit() {
        formats::iso(b).or_else(|| formats::day_month_name(b))
    } else if c.is_ascii_uppercase() && matches!(b.get(3), Some(b' ' | b',')) {
        formats::syslog(b).or_else(|| formats::day_month_name(b))
    } else {
        None
    };
    hit.map(|(_, len)| len)
}

/// Only hex digits and `:`/`-`/`.` separators, with a digit and a separator.
fn is_hexish(t: &[u8]) -> bool {
    let t = trim_closing(t);
    t.len() >= 3
        && t.iter().any(u8::is_ascii_digit)
        && t.iter().any(|c| matches!(c, b':' | b'-' | b'.'))
        && t.iter()
            .all(|c| c.is_ascii_hexdigit() || matches!(c, b':' | b'-' | b'.'))
}

/// A word without the closing punctuation of a sentence or list (`KB,`,
/// `ms)`): only those, so that masked text (`<*>`) is never taken apart.
fn trim_closing(w: &[u8]) -> &[u8] {
    let end = w.len()
        - w.iter()
            .rev()
            .take_while(|c| {
                matches!(
                    c,
                    b',' | b'.' | b';' | b':' | b')' | b']' | b'}' | b'\'' | b'"' | b'!' | b'?'
                )
            })
            .count();
    &w[..end]
}

/// Units that follow a number (`12 ms`, `5.2 KB`).
fn is_unit(w: &[u8]) -> bool {
    matches!(
        w,
        b"B" | b"KB"
            | b"MB"
            | b"GB"
            | b"TB"
            | b"KiB"
            | b"MiB"
            | b"GiB"
            | b"kB"
            | b"ms"
            | b"us"
            | b"ns"
            | b"s"
            | b"sec"
            | b"secs"
            | b"min"
            | b"mins"
            | b"h"
            | b"%"
    )
}

impl Masked {
    /// Masks `msg` into `self`, reusing the buffers.
    pub fn fill(&mut self, msg: &[u8]) {
        self.buf.clear();
        self.spans.clear();
        let msg = &msg[..msg.len().min(MAX_MESSAGE)];
        let mut i = 0;
        let n = msg.len();
        // Whether the last token is exactly a wildcard.
        let mut prev_wild = false;
        while i < n && self.spans.len() < MAX_TOKENS {
            while i < n && is_ws(msg[i]) {
                i += 1;
            }
            if i >= n {
                break;
            }
            if !self.buf.is_empty() {
                self.buf.push(b' ');
            }
            let tok_start = self.buf.len();
            let c = msg[i];
            // A quoted value is one variable even when it holds spaces.
            if matches!(c, b'"' | b'\'')
                && let Some(end) = quoted_end(msg, i)
            {
                self.buf.extend_from_slice(&[c, b'<', b'*', b'>', c]);
                i = end;
                if i < n && !is_ws(msg[i]) {
                    i = self.token_rest(msg, i);
                }
                self.push_token(tok_start, &mut prev_wild);
                continue;
            }
            // A date inside the message (`at Fri Jun 17 07:07:00 2005`) is
            // one variable, not five tokens.
            if may_start_time(&msg[i..])
                && let Some(len) = inline_time(&msg[i..])
            {
                self.buf.extend_from_slice(WILDCARD);
                self.push_token(tok_start, &mut prev_wild);
                i += len;
                continue;
            }
            let (end, seen) = scan_token(msg, i);
            let tok = &msg[i..end];
            // A unit after a number belongs to it: `5.2 KB` is one value.
            if prev_wild && is_unit(trim_closing(tok)) {
                self.buf.truncate(tok_start - 1);
                let punct = &tok[trim_closing(tok).len()..];
                self.buf.extend_from_slice(punct);
                let last = self.spans.len() - 1;
                self.spans[last].1 = self.buf.len() as u32;
                prev_wild = punct.is_empty();
                i = end;
                continue;
            }
            // Most tokens are plain words: no digit, no path, too short to
            // be a long hex string. They are copied as they are.
            if seen & (DIGIT | SLASH) == 0 && tok.len() < 16 {
                self.buf.extend_from_slice(tok);
                self.push_token(tok_start, &mut prev_wild);
                i = end;
                continue;
            }
            // Hex-and-separator tokens (MAC and IPv6 addresses, UUIDs,
            // clock times) are one variable even when a part has no digit.
            if seen & DIGIT != 0 && is_hexish(tok) {
                self.buf.extend_from_slice(WILDCARD);
                self.push_token(tok_start, &mut prev_wild);
                i = end;
                continue;
            }
            i = self.token_rest(msg, i);
            self.push_token(tok_start, &mut prev_wild);
        }
        self.hash = hash_bytes(0x9e37_79b9_7f4a_7c15, &self.buf);
    }

    /// Ends the token that starts at `tok_start`. A run of whole-token
    /// variables is one variable (`delete <*> <*> <*>` is `delete <*>`):
    /// lists of ids or numbers vary in length from line to line.
    #[inline]
    fn push_token(&mut self, tok_start: usize, prev_wild: &mut bool) {
        let wild = &self.buf[tok_start..] == WILDCARD;
        if wild && *prev_wild {
            // Drop the token and the space before it.
            self.buf.truncate(tok_start - 1);
            return;
        }
        *prev_wild = wild;
        self.spans.push((tok_start as u32, self.buf.len() as u32));
    }

    /// Masks words of one whitespace token from `i`; returns its end.
    #[inline]
    fn token_rest(&mut self, msg: &[u8], mut i: usize) -> usize {
        let n = msg.len();
        while i < n {
            let c = msg[i];
            let k = class(c);
            if k == WS {
                break;
            }
            if k == WORD_DELIM {
                self.buf.push(c);
                i += 1;
                continue;
            }
            let s = i;
            let mut seen = 0;
            while i < n {
                let k = class(msg[i]);
                if k & (WS | WORD_DELIM) != 0 {
                    break;
                }
                seen |= k;
                i += 1;
            }
            let w = &msg[s..i];
            if is_variable_with(w, seen & DIGIT != 0) {
                self.buf.extend_from_slice(WILDCARD);
            } else {
                self.buf.extend_from_slice(w);
            }
        }
        i
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    pub fn token(&self, k: usize) -> &[u8] {
        let (s, e) = self.spans[k];
        &self.buf[s as usize..e as usize]
    }
}

/// Convenience for tests and callers: the masked message as text.
pub fn mask_str(msg: &str) -> String {
    let mut m = Masked::default();
    m.fill(msg.as_bytes());
    String::from_utf8_lossy(&m.buf).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_common_variables() {
        assert_eq!(
            mask_str("Received block blk_-1608999687919862906 of size 91178 from /10.250.10.6"),
            "Received block <*> of size <*> from <*>"
        );
        assert_eq!(
            mask_str("rhost=218.188.2.4  user=root"),
            "rhost=<*> user=root"
        );
        assert_eq!(
            mask_str("connect to 10.0.0.1:8080 took 12ms"),
            "connect to <*> took <*>"
        );
        assert_eq!(
            mask_str("id 123e4567-e89b-12d3-a456-426614174000 at 0xdeadbeef"),
            "id <*> at <*>"
        );
        assert_eq!(mask_str("open /etc/passwd failed"), "open <*> failed");
        assert_eq!(
            mask_str("user 'bob smith' can't log in"),
            "user '<*>' can't log in"
        );
        assert_eq!(
            mask_str("Changing view acls to: yarn,curi"),
            "Changing view acls to: yarn,curi"
        );
    }

    #[test]
    fn keeps_numbered_names_and_collapses_variable_runs() {
        assert_eq!(
            mask_str("AirPort: Link Up on en0"),
            "AirPort: Link Up on en0"
        );
        assert_eq!(mask_str("MDNS: IPv6 Addr: ::1"), "MDNS: IPv6 Addr: <*>");
        assert_eq!(mask_str("node worker12 left"), "node <*> left");
        assert_eq!(
            mask_str("ask 10.0.0.1:50010 to delete blk_1 blk_-2 blk_3"),
            "ask <*> to delete <*>"
        );
    }

    #[test]
    fn masking_is_idempotent() {
        // The last four were found by property tests: quotes next to
        // masked digits, units before punctuation, nested quotes.
        for s in [
            "a=1 b=/x/y c=\"q r\" 10.0.0.1:80",
            "' '0",
            "0 B\"0 ",
            ":AA0\"0 ",
            "\" ' \"m'\"'",
        ] {
            let once = mask_str(s);
            assert_eq!(mask_str(&once), once, "{s}");
        }
    }
}
