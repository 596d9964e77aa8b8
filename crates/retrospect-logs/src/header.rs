//! Splitting a line's header (level, thread, component, host, tag) from its
//! message, so that only the message is mined.
//!
//! The layout is learned from the same sample as the timestamp: we look for a
//! column that holds a level word in most lines (everything up to it is
//! header), else a syslog-style `tag[pid]:`, else pipe-separated fields.
//! There is no per-product knowledge here, only these common shapes.

use serde::Serialize;

/// Severity, normalised from the many spellings in the wild.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Trace,
    Debug,
    Info,
    Notice,
    Warn,
    Error,
    Fatal,
}

impl Level {
    /// Recognises a level word, optionally wrapped in `[]`/`<>`/`()` or
    /// followed by `:`.
    pub fn parse(word: &[u8]) -> Option<Level> {
        let mut w = word;
        while let [b'[' | b'<' | b'(', rest @ ..] = w {
            w = rest;
        }
        while let [rest @ .., b']' | b'>' | b')' | b':' | b','] = w {
            w = rest;
        }
        if w.is_empty() || w.len() > 11 {
            return None;
        }
        let mut buf = [0u8; 11];
        for (d, s) in buf.iter_mut().zip(w) {
            *d = s.to_ascii_uppercase();
        }
        Some(match &buf[..w.len()] {
            b"TRACE" | b"FINEST" | b"FINER" => Level::Trace,
            b"DEBUG" | b"DBG" | b"FINE" | b"VERBOSE" | b"CONFIG" => Level::Debug,
            b"INFO" | b"INFORMATION" | b"INF" => Level::Info,
            b"NOTICE" => Level::Notice,
            b"WARN" | b"WARNING" | b"WRN" => Level::Warn,
            b"ERROR" | b"ERR" | b"SEVERE" | b"FAILURE" => Level::Error,
            b"FATAL" | b"CRIT" | b"CRITICAL" | b"ALERT" | b"EMERG" | b"EMERGENCY" | b"PANIC" => {
                Level::Fatal
            }
            _ => return None,
        })
    }

    pub fn is_problem(self) -> bool {
        self >= Level::Warn
    }
}

/// The header layout of one file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct HeaderRule {
    /// Token index (after the timestamp) holding the level.
    pub level_col: Option<u8>,
    /// Token index where a `tag:` search starts (syslog host/tag).
    pub tag_col: Option<u8>,
    /// Number of `field|` groups after a leading pipe.
    pub pipe_fields: u8,
}

/// Result of splitting one line's remainder after the timestamp.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Split {
    pub level: Option<Level>,
    /// Byte offset of the message inside the remainder.
    pub msg_start: usize,
}

const MAX_COLS: usize = 10;

/// Byte spans of the first `n` whitespace-separated tokens.
fn tokens(b: &[u8], n: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= b.len() {
            return None;
        }
        let s = i;
        while i < b.len() && !b[i].is_ascii_whitespace() {
            i += 1;
        }
        Some((s, i))
    })
    .take(n)
}

/// Span of the `n`-th (from 0) whitespace-separated token: a plain loop,
/// as this runs on every line.
#[inline]
fn nth_token(b: &[u8], n: usize) -> Option<(usize, usize)> {
    let mut i = 0;
    let mut k = 0;
    loop {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= b.len() {
            return None;
        }
        let s = i;
        while i < b.len() && !b[i].is_ascii_whitespace() {
            i += 1;
        }
        if k == n {
            return Some((s, i));
        }
        k += 1;
    }
}

/// Bytes allowed in a `component:` token: letters, digits and these.
const COMPONENT_BYTES: [bool; 256] = {
    let mut t = [false; 256];
    let extra = b"._$-/()[]@#:";
    let mut k = 0;
    while k < extra.len() {
        t[extra[k] as usize] = true;
        k += 1;
    }
    let mut c = 0;
    while c < 256 {
        t[c] |= (c as u8).is_ascii_alphanumeric();
        c += 1;
    }
    t
};

/// Removes what closes a bracketed timestamp and the separators after it.
pub fn strip_lead(rest: &[u8]) -> usize {
    let mut i = 0;
    while i < rest.len() && matches!(rest[i], b']' | b')' | b'>' | b',' | b'"') {
        i += 1;
    }
    while i < rest.len() && rest[i].is_ascii_whitespace() {
        i += 1;
    }
    i
}

/// End of a syslog tag (`sshd[42]:`, `Microsoft Word[7]:`, `kernel:`)
/// starting at token `col`, looking at most three tokens ahead.
fn tag_end(rest: &[u8], col: usize) -> Option<usize> {
    for (s, e) in tokens(rest, col + 3).skip(col) {
        let t = &rest[s..e];
        if t.len() >= 2
            && t.ends_with(b":")
            && t[..t.len() - 1].iter().any(u8::is_ascii_alphanumeric)
        {
            return Some(e);
        }
    }
    None
}

fn leading_pipe_fields(rest: &[u8]) -> Option<u8> {
    let body = rest.strip_prefix(b"|")?;
    let mut n = 0u8;
    let mut start = 0;
    for (i, c) in body.iter().enumerate() {
        if c.is_ascii_whitespace() {
            break;
        }
        if *c == b'|' {
            if i == start {
                break;
            }
            n += 1;
            start = i + 1;
            if n == 8 {
                break;
            }
        }
    }
    Some(n)
}

/// Learns the header layout from the remainders (after the timestamp) of
/// sample lines.
pub fn learn<'a>(rests: impl IntoIterator<Item = &'a [u8]>) -> HeaderRule {
    let rests: Vec<&[u8]> = rests.into_iter().map(|r| &r[strip_lead(r)..]).collect();
    let n = rests.len() as u32;
    if n == 0 {
        return HeaderRule::default();
    }
    let half = n.div_ceil(2);
    let mut level_hits = [0u32; MAX_COLS];
    for r in &rests {
        for (c, (s, e)) in tokens(r, MAX_COLS).enumerate() {
            if Level::parse(&r[s..e]).is_some() {
                level_hits[c] += 1;
            }
        }
    }
    if let Some(c) = level_hits.iter().position(|&h| h >= half) {
        return HeaderRule {
            level_col: Some(c as u8),
            ..HeaderRule::default()
        };
    }
    let mut pipes = [0u32; 9];
    for r in &rests {
        if let Some(k) = leading_pipe_fields(r) {
            pipes[k as usize] += 1;
        }
    }
    let total_pipes: u32 = pipes.iter().sum();
    if total_pipes >= half {
        let k = (0..pipes.len()).max_by_key(|&k| (pipes[k], k)).unwrap_or(0);
        return HeaderRule {
            pipe_fields: k as u8,
            ..HeaderRule::default()
        };
    }
    let mut best: Option<(u32, usize)> = None;
    for col in 0..3 {
        let hits = rests.iter().filter(|r| tag_end(r, col).is_some()).count() as u32;
        if hits >= half && best.is_none_or(|(h, _)| hits > h) {
            best = Some((hits, col));
        }
    }
    HeaderRule {
        tag_col: best.map(|(_, c)| c as u8),
        ..HeaderRule::default()
    }
}

/// End of a balanced `[...]` group starting at `i`, within 256 bytes
/// (jumping from bracket to bracket with `memchr2`).
fn bracket_end(b: &[u8], i: usize) -> Option<usize> {
    let hay = &b[i..b.len().min(i + 256)];
    let mut depth = 0;
    for k in memchr::memchr2_iter(b'[', b']', hay) {
        if hay[k] == b'[' {
            depth += 1;
        } else {
            depth -= 1;
            if depth == 0 {
                return Some(i + k + 1);
            }
        }
    }
    None
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && b[i].is_ascii_whitespace() {
        i += 1;
    }
    i
}

/// After a level: optional `[thread]` groups, then either a lone separator
/// or a `component:` token, then the message.
fn after_level(rest: &[u8], mut i: usize) -> usize {
    i = skip_ws(rest, i);
    for _ in 0..2 {
        if rest.get(i) == Some(&b'[') {
            match bracket_end(rest, i) {
                Some(e) => i = skip_ws(rest, e),
                None => break,
            }
        }
    }
    // The next token (no whitespace before it now), in one pass: the run
    // of bytes a component name may hold, then what stopped it.
    let t = &rest[i..];
    let run = t
        .iter()
        .position(|&c| !COMPONENT_BYTES[c as usize])
        .unwrap_or(t.len());
    let whole = run == t.len() || t[run].is_ascii_whitespace();
    let tok_len = if whole {
        let tok = &t[..run];
        let component_like = tok.len() >= 2
            && tok.len() <= 120
            && tok.ends_with(b":")
            && tok[0].is_ascii_alphabetic();
        (component_like || matches!(tok, b"-" | b":" | b"--")).then_some(run)
    } else {
        // A lone `|` is the only separator outside that set.
        (t[run] == b'|' && run == 0 && t.get(1).is_none_or(u8::is_ascii_whitespace)).then_some(1)
    };
    match tok_len {
        Some(len) => skip_ws(rest, i + len),
        None => i,
    }
}

/// Splits one remainder according to the learned rule.
pub fn split(rule: &HeaderRule, rest: &[u8]) -> Split {
    let lead = strip_lead(rest);
    let r = &rest[lead..];
    let (level, start) = if let Some(col) = rule.level_col {
        match nth_token(r, col as usize) {
            Some((s, e)) => match Level::parse(&r[s..e]) {
                Some(l) => (Some(l), after_level(r, e)),
                None => (None, 0),
            },
            None => (None, 0),
        }
    } else if rule.pipe_fields > 0 && r.first() == Some(&b'|') {
        let mut i = 1;
        for _ in 0..rule.pipe_fields {
            match r[i..]
                .iter()
                .position(|c| *c == b'|' || c.is_ascii_whitespace())
            {
                Some(p) if r[i + p] == b'|' => i += p + 1,
                _ => break,
            }
        }
        (None, i)
    } else if let Some(col) = rule.tag_col {
        (None, tag_end(r, col as usize).map_or(0, |e| skip_ws(r, e)))
    } else {
        (None, 0)
    };
    Split {
        level,
        msg_start: lead + start,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg<'a>(rule: &HeaderRule, rest: &'a str) -> &'a str {
        &rest[split(rule, rest.as_bytes()).msg_start..]
    }

    #[test]
    fn learns_level_column() {
        let rests = [
            " 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 for block",
            " 35 WARN dfs.FSNamesystem: BLOCK* NameSystem.addStoredBlock: x",
        ];
        let rule = learn(rests.iter().map(|s| s.as_bytes()));
        assert_eq!(rule.level_col, Some(1));
        assert_eq!(msg(&rule, rests[1]), "BLOCK* NameSystem.addStoredBlock: x");
        let zk = " - INFO  [QuorumPeer[myid=1]/0:0:0:0:0:0:0:0:2181:Fast@774] - Notification time out: 3200";
        let rule = learn([zk.as_bytes()]);
        assert_eq!(msg(&rule, zk), "Notification time out: 3200");
        let h = " INFO [IPC Server handler 0 on 62270] org.apache.Foo: Kind: YARN";
        assert_eq!(msg(&learn([h.as_bytes()]), h), "Kind: YARN");
    }

    #[test]
    fn learns_syslog_tags_and_pipes() {
        let rests = [
            " combo sshd(pam_unix)[19939]: authentication failure; logname=",
            " calvisitor Microsoft Word[14463]: saved",
        ];
        let rule = learn(rests.iter().map(|s| s.as_bytes()));
        assert_eq!(msg(&rule, rests[0]), "authentication failure; logname=");
        assert_eq!(msg(&rule, rests[1]), "saved");
        let p = "|Step_LSC|30002312|onExtend:1514038530000 14 0 4";
        let rule = learn([p.as_bytes()]);
        assert_eq!(msg(&rule, p), "onExtend:1514038530000 14 0 4");
        assert_eq!(Level::parse(b"[notice]"), Some(Level::Notice));
        assert_eq!(Level::parse(b"Information"), Some(Level::Info));
    }
}
