//! Timestamp detection with no configuration.
//!
//! A file's layout is learned once from a sample: every parser is tried at
//! every "boundary" (start of line, or just after a space, bracket, pipe...)
//! among the first few, and the (parser, boundary) pair that fits the most
//! sample lines wins. Every later line is then parsed with that one pair (the
//! fast path), falling back to a wider search only when it does not fit, so
//! prefixes such as file names, sequence numbers or levels are handled
//! without knowing about them.

pub mod civil;
pub mod formats;
mod json;
mod year;
pub mod zone;

use serde::Serialize;

pub use civil::Timestamp;
pub use formats::Raw;
pub use json::value_start as json_value_start;
pub use year::{YearTracker, base_year};
pub use zone::LocalZone;

/// The families of layouts we recognise; order is the tie-break priority.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Iso,
    Syslog,
    DayMonthName,
    Slashed,
    Compact6,
    MonthDotDay,
    Glog,
    Epoch,
    DateOnly,
    /// A JSON object per line with a time-like key.
    Json,
}

const TEXT_KINDS: [Kind; 9] = [
    Kind::Iso,
    Kind::Syslog,
    Kind::DayMonthName,
    Kind::Slashed,
    Kind::Compact6,
    Kind::MonthDotDay,
    Kind::Glog,
    Kind::Epoch,
    Kind::DateOnly,
];

impl Kind {
    #[inline]
    fn parse(self, b: &[u8]) -> Option<(Raw, usize)> {
        // Reject on the first byte before calling a parser: the fallback
        // search tries many (kind, position) pairs per line.
        let c = *b.first()?;
        let may_start = match self {
            Kind::Syslog => NAME_STARTS[c as usize],
            Kind::DayMonthName => c.is_ascii_digit() || NAME_STARTS[c as usize],
            Kind::Glog => matches!(c, b'I' | b'W' | b'E' | b'F' | b'D'),
            Kind::Json => false,
            _ => c.is_ascii_digit(),
        };
        if !may_start {
            return None;
        }
        match self {
            Kind::Iso => formats::iso(b),
            Kind::Syslog => formats::syslog(b),
            Kind::DayMonthName => formats::day_month_name(b),
            Kind::Slashed => formats::slashed(b),
            Kind::Compact6 => formats::compact6(b),
            Kind::MonthDotDay => formats::month_dot_day(b),
            Kind::Glog => formats::glog(b),
            Kind::Epoch => formats::epoch(b),
            Kind::DateOnly => formats::date_only(b),
            Kind::Json => None,
        }
    }

    /// Strict kinds may be tried anywhere in the fallback search; loose ones
    /// (a bare number, a bare date) only where the sample said they live.
    fn strict(self) -> bool {
        !matches!(self, Kind::Epoch | Kind::DateOnly | Kind::Compact6)
    }
}

/// How many boundaries into the line we look for a timestamp.
const MAX_BOUNDARIES: usize = 8;
/// And how far into the line (bytes).
const MAX_PREFIX: usize = 160;

/// A byte table: a lookup per byte is cheaper than a chain of compares,
/// and the fallback search scans up to [`MAX_PREFIX`] bytes of a line.
const fn byte_set(members: &[u8]) -> [bool; 256] {
    let mut t = [false; 256];
    let mut k = 0;
    while k < members.len() {
        t[members[k] as usize] = true;
        k += 1;
    }
    t
}

const DELIMS: [bool; 256] = byte_set(b" \t[|(<>,=\";");
/// First letters of English month and weekday names, either case.
const NAME_STARTS: [bool; 256] = byte_set(b"JFMASONDTWjfmasondtw");

#[inline]
fn is_delim(c: u8) -> bool {
    DELIMS[c as usize]
}

/// Byte offset of the `k`-th boundary: 0 is the line start, then each first
/// byte after a run of delimiters.
fn nth_boundary(line: &[u8], k: usize) -> Option<usize> {
    if k == 0 {
        return Some(0);
    }
    let lim = line.len().min(MAX_PREFIX);
    let mut seen = 0;
    for i in 1..lim {
        if is_delim(line[i - 1]) && !is_delim(line[i]) {
            seen += 1;
            if seen == k {
                return Some(i);
            }
        }
    }
    None
}

/// Byte offsets of the first [`MAX_BOUNDARIES`] boundaries of a line,
/// found in one pass: `(offsets, count)`.
fn boundary_table(line: &[u8]) -> ([usize; MAX_BOUNDARIES], usize) {
    let mut out = [0usize; MAX_BOUNDARIES];
    let mut n = 1;
    let mut prev_delim = false;
    for (i, &c) in line[..line.len().min(MAX_PREFIX)].iter().enumerate() {
        let d = is_delim(c);
        if prev_delim && !d {
            out[n] = i;
            n += 1;
            if n == MAX_BOUNDARIES {
                break;
            }
        }
        prev_delim = d;
    }
    (out, n)
}

/// The first [`MAX_BOUNDARIES`] boundaries of a line as `(index, offset)`.
fn boundaries(line: &[u8]) -> impl Iterator<Item = (usize, usize)> {
    let (table, n) = boundary_table(line);
    table.into_iter().take(n).enumerate()
}

/// What the sample taught us about a file's timestamps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Format {
    pub kind: Kind,
    /// Which boundary the timestamp starts at (0 = start of line).
    pub boundary: usize,
}

/// A timestamp found on a line: the raw fields and its byte span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Found {
    pub raw: Raw,
    pub start: usize,
    pub end: usize,
}

/// Learns the format from sample lines; `None` when no line has a timestamp.
pub fn detect<'a>(sample: impl IntoIterator<Item = &'a [u8]>) -> Option<Format> {
    let mut counts = [[0u32; MAX_BOUNDARIES]; TEXT_KINDS.len()];
    let mut json = 0u32;
    for line in sample {
        if json::looks_like_json(line) && json::find(line).is_some() {
            json += 1;
            continue;
        }
        for (k, pos) in boundaries(line) {
            let rest = &line[pos..];
            for (ki, kind) in TEXT_KINDS.iter().enumerate() {
                if kind.parse(rest).is_some() {
                    counts[ki][k] += 1;
                }
            }
        }
    }
    // Score: hits, with a bare date worth half (it is usually a second, less
    // precise copy of the real timestamp). Ties go to the earliest boundary,
    // then to the kind listed first.
    let mut best: Option<(u32, Format)> = None;
    // Boundary-major order is the tie-break, hence the index loop.
    #[allow(clippy::needless_range_loop)]
    for k in 0..MAX_BOUNDARIES {
        for (ki, kind) in TEXT_KINDS.iter().enumerate() {
            let c = counts[ki][k];
            let score = if *kind == Kind::DateOnly { c / 2 } else { c };
            if score > 0 && best.is_none_or(|(s, _)| score > s) {
                best = Some((
                    score,
                    Format {
                        kind: *kind,
                        boundary: k,
                    },
                ));
            }
        }
    }
    if json > 0 && best.is_none_or(|(s, _)| json >= s) {
        return Some(Format {
            kind: Kind::Json,
            boundary: 0,
        });
    }
    best.map(|(_, f)| f)
}

/// The layout that fitted the last line the learned layout missed. Files
/// that mix layouts (concatenated logs, several sources) switch in runs, so
/// it is tried before the full search. Callers keep one per chunk of a file
/// (see `reader::chunk_end`), so results never depend on the thread count.
#[derive(Clone, Copy, Debug, Default)]
pub struct Recent {
    alt: Option<(Kind, usize)>,
}

/// Finds the timestamp of one line with the learned format, widening the
/// search only when the fast path misses.
pub fn find(line: &[u8], fmt: Format) -> Option<Found> {
    find_with(line, fmt, &mut Recent::default())
}

/// [`find`], trying the recently fitting layout before the full search.
#[inline]
pub fn find_with(line: &[u8], fmt: Format, recent: &mut Recent) -> Option<Found> {
    if fmt.kind == Kind::Json {
        return json::find(line);
    }
    if let Some(hit) = parse_at(line, fmt.kind, fmt.boundary) {
        return Some(hit);
    }
    if let Some((kind, boundary)) = recent.alt
        && let Some(hit) = parse_at(line, kind, boundary)
    {
        return Some(hit);
    }
    let (hit, kind, boundary) = find_slow(line, fmt)?;
    recent.alt = Some((kind, boundary));
    Some(hit)
}

#[inline]
fn parse_at(line: &[u8], kind: Kind, boundary: usize) -> Option<Found> {
    let pos = nth_boundary(line, boundary)?;
    let (raw, len) = kind.parse(&line[pos..])?;
    Some(Found {
        raw,
        start: pos,
        end: pos + len,
    })
}

/// Whether any strict layout could match in the searched part of a line:
/// they all need a clock (`H:MM:SS`, `H.MM.SS`) or ISO's compact `THHMMSS`.
/// A cheap necessary test that lets lines without one (stack frames,
/// continuation text) skip the full search.
fn may_hold_clock(line: &[u8]) -> bool {
    // A layout starts at a boundary within MAX_PREFIX bytes and reaches its
    // clock within a few dozen bytes (weekday and month names included).
    let b = &line[..line.len().min(MAX_PREFIX + 64)];
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    memchr::memchr3_iter(b':', b'.', b'T', b).any(|p| {
        let sep = b[p];
        if sep == b'T' {
            return (1..=6).all(|k| digit(p + k));
        }
        p > 0
            && digit(p - 1)
            && digit(p + 1)
            && ((b.get(p + 2) == Some(&sep) && digit(p + 3))
                || (digit(p + 2) && b.get(p + 3) == Some(&sep) && digit(p + 4)))
    })
}

/// The full search; also returns the (kind, boundary index) that fitted.
#[cold]
fn find_slow(line: &[u8], fmt: Format) -> Option<(Found, Kind, usize)> {
    let found = |(raw, len): (Raw, usize), pos: usize| Found {
        raw,
        start: pos,
        end: pos + len,
    };
    let clock = may_hold_clock(line);
    if !clock && fmt.kind.strict() {
        return None;
    }
    let (table, n) = boundary_table(line);
    // Same layout after a prefix of a different length.
    for (k, &pos) in table[..n].iter().enumerate() {
        if let Some(hit) = fmt.kind.parse(&line[pos..]) {
            return Some((found(hit, pos), fmt.kind, k));
        }
    }
    if !clock {
        return None;
    }
    // A different, unambiguous layout at the usual places (mixed files).
    let usual = (fmt.boundary < n).then(|| (fmt.boundary, table[fmt.boundary]));
    for (k, pos) in [Some((0, 0)), usual].into_iter().flatten() {
        for kind in TEXT_KINDS.iter().filter(|k| k.strict()) {
            if let Some(hit) = kind.parse(&line[pos..]) {
                return Some((found(hit, pos), *kind, k));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt_of(lines: &[&str]) -> Format {
        detect(lines.iter().map(|l| l.as_bytes())).unwrap()
    }

    #[test]
    fn detects_after_prefixes() {
        let f = fmt_of(&[
            "app.log: 2024-01-02 03:04:05,678 INFO started",
            "app.log: 2024-01-02 03:04:06,000 INFO x",
        ]);
        assert_eq!(
            f,
            Format {
                kind: Kind::Iso,
                boundary: 1
            }
        );
        let f = fmt_of(&[
            "- 1117838570 2005.06.03 R02 2005-06-03-15.42.50.675872 R02 RAS KERNEL INFO x",
        ]);
        assert_eq!(f.kind, Kind::Epoch);
        let f = fmt_of(&["[Sun Dec 04 04:47:44 2005] [notice] ok"]);
        assert_eq!(
            f,
            Format {
                kind: Kind::Syslog,
                boundary: 1
            }
        );
        let f = fmt_of(&["<34>1 2003-10-11T22:14:15.003Z mymachine su - ID47 - x"]);
        assert_eq!(f.kind, Kind::Iso);
        let f = fmt_of(&["<34>Oct 11 22:14:15 mymachine su: 'su root' failed"]);
        assert_eq!(f.kind, Kind::Syslog);
        let f = fmt_of(&[
            r#"127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /a HTTP/1.0" 200 2326"#,
        ]);
        assert_eq!(f.kind, Kind::DayMonthName);
        let f = fmt_of(&[
            r#"{"log":"hi\n","stream":"stdout","time":"2024-01-02T03:04:05.123456789Z"}"#,
        ]);
        assert_eq!(f.kind, Kind::Json);
        assert!(detect([b"no time here".as_slice(), b"nor here"]).is_none());
    }

    #[test]
    fn one_pass_boundaries_match_nth_boundary() {
        for line in [
            "",
            "x",
            "[Sun Dec 04 04:47:44 2005] [notice] workerEnv.init() ok",
            "<34>1 2003-10-11T22:14:15.003Z mymachine su - ID47 - x",
            "  a  b|c(d<e>f,g=h\"i;j k l m n o p",
        ] {
            let b = line.as_bytes();
            let slow: Vec<(usize, usize)> = (0..MAX_BOUNDARIES)
                .map_while(|k| nth_boundary(b, k).map(|p| (k, p)))
                .collect();
            assert_eq!(boundaries(b).collect::<Vec<_>>(), slow, "{line}");
        }
    }

    #[test]
    fn lines_without_a_clock_hold_no_strict_layout() {
        for line in [
            "2024-01-02 03:04:05,678 ERROR boom",
            "20240102T030405Z x",
            "Jun  1 9:5:0 host",
            "[10.30 16:49:06] x",
            "\tat org.foo.Bar.baz(Bar.java:42)",
            "081109 203615 148 INFO dfs.DataNode: x",
        ] {
            let b = line.as_bytes();
            let any = boundaries(b).any(|(_, pos)| {
                TEXT_KINDS
                    .iter()
                    .filter(|k| k.strict())
                    .any(|k| k.parse(&b[pos..]).is_some())
            });
            assert!(!any || may_hold_clock(b), "{line}");
        }
        assert!(!may_hold_clock(b"\tat org.foo.Bar.baz(Bar.java:42)"));
    }

    /// The full search as it was before the clock filter.
    fn unfiltered(line: &[u8], fmt: Format) -> Option<(Found, Kind, usize)> {
        let hit = |(raw, len): (Raw, usize), pos: usize| Found {
            raw,
            start: pos,
            end: pos + len,
        };
        let (table, n) = boundary_table(line);
        for (k, &pos) in table[..n].iter().enumerate() {
            if let Some(h) = fmt.kind.parse(&line[pos..]) {
                return Some((hit(h, pos), fmt.kind, k));
            }
        }
        let usual = (fmt.boundary < n).then(|| (fmt.boundary, table[fmt.boundary]));
        for (k, pos) in [Some((0, 0)), usual].into_iter().flatten() {
            for kind in TEXT_KINDS.iter().filter(|k| k.strict()) {
                if let Some(h) = kind.parse(&line[pos..]) {
                    return Some((hit(h, pos), *kind, k));
                }
            }
        }
        None
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        #[test]
        fn clock_filter_changes_no_result(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "2024-01-02 03:04:05,678", "20240102T030405Z", "Jun  1 9:5:0", "10.30 16:49:06",
                "Sun Dec 04 04:47:44 2005", "10/Oct/2000:13:55:36 -0700", "17/06/09 20:10:40",
                "I0102 15:04:05.000001", "2005-06-03-15.42.50.675872", "1117838570", "081109 203615",
                "2005.06.03", "x", "[", "]", "|", "at", "a.b:42)", "12:3", "1.2.3", "T12345", " ", "  ",
            ]), 0..10),
            kind in proptest::sample::select(TEXT_KINDS.to_vec()),
            boundary in 0usize..8,
        ) {
            let line = pieces.concat();
            let fmt = Format { kind, boundary };
            proptest::prop_assert_eq!(find_slow(line.as_bytes(), fmt), unfiltered(line.as_bytes(), fmt), "{}", line);
        }
    }

    #[test]
    fn continuation_lines_have_none() {
        let f = fmt_of(&["2024-01-02 03:04:05,678 ERROR boom"]);
        assert!(find(b"\tat org.foo.Bar.baz(Bar.java:42)", f).is_none());
        assert!(find(b"Caused by: java.io.IOException: 1234567890", f).is_none());
        let hit = find(b"2024-01-02 03:04:05,678 ERROR boom", f).unwrap();
        assert_eq!((hit.start, hit.end), (0, 23));
    }
}
