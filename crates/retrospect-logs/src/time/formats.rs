//! Byte-level parsers, one per family of timestamp layouts.
//!
//! Each parser looks at the bytes starting where a timestamp may begin and
//! returns what it understood plus how many bytes it consumed. They never
//! allocate and give up at the first byte that does not fit, so trying all of
//! them on a line that has no timestamp costs a few comparisons.

use super::civil::{Timestamp, days_from_civil, days_in_month};
use super::zone::LocalZone;

/// A timestamp as written: civil fields (year possibly missing) or an
/// absolute epoch value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Raw {
    pub year: Option<i32>,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub min: u8,
    pub sec: u8,
    pub micros: u32,
    /// Seconds east of UTC when the text carried an offset.
    pub offset: Option<i32>,
    /// Microseconds since the epoch for epoch-number formats.
    pub absolute: Option<i64>,
}

impl Raw {
    fn civil(year: Option<i32>, month: u32, day: u32, t: Hms) -> Option<Raw> {
        let check_year = i64::from(year.unwrap_or(2000));
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(check_year, month) {
            return None;
        }
        Some(Raw {
            year,
            month: month as u8,
            day: day as u8,
            hour: t.h,
            min: t.m,
            sec: t.s,
            micros: t.micros,
            offset: None,
            absolute: None,
        })
    }

    /// Converts to an instant, using `year` when the text had none and
    /// `default_offset` (seconds east of UTC) when it had no offset.
    pub fn resolve_with_year(&self, year: i32, default_offset: i32) -> Option<Timestamp> {
        self.resolve_in(year, &mut LocalZone::fixed(default_offset))
    }

    /// Converts to an instant, using `year` when the text had none and
    /// reading a time without offset in `zone`.
    #[inline]
    pub fn resolve_in(&self, year: i32, zone: &mut LocalZone) -> Option<Timestamp> {
        if let Some(abs) = self.absolute {
            return Some(Timestamp(abs));
        }
        let y = i64::from(self.year.unwrap_or(year));
        let m = u32::from(self.month);
        // Feb 29 of a guessed non-leap year: clamp rather than lose the line.
        let d = u32::from(self.day).min(days_in_month(y, m));
        let days = days_from_civil(y, m, d);
        let local = days * 86_400
            + i64::from(self.hour) * 3600
            + i64::from(self.min) * 60
            + i64::from(self.sec);
        let secs = match self.offset {
            Some(offset) => local - i64::from(offset),
            None => zone.to_utc(local),
        };
        Some(Timestamp(secs * 1_000_000 + i64::from(self.micros)))
    }
}

#[derive(Clone, Copy, Debug, Default)]
struct Hms {
    h: u8,
    m: u8,
    s: u8,
    micros: u32,
}

#[inline]
fn digit(b: &[u8], i: usize) -> Option<u32> {
    match b.get(i) {
        Some(c) if c.is_ascii_digit() => Some(u32::from(c - b'0')),
        _ => None,
    }
}

/// Exactly `n` digits at `i`.
#[inline]
fn num(b: &[u8], i: usize, n: usize) -> Option<u32> {
    let mut v = 0;
    for k in 0..n {
        v = v * 10 + digit(b, i + k)?;
    }
    Some(v)
}

#[inline]
fn is_digit_at(b: &[u8], i: usize) -> bool {
    b.get(i).is_some_and(u8::is_ascii_digit)
}

#[inline]
fn is_alnum_at(b: &[u8], i: usize) -> bool {
    b.get(i).is_some_and(u8::is_ascii_alphanumeric)
}

/// One or two digits; returns value and end.
fn num12(b: &[u8], i: usize) -> Option<(u32, usize)> {
    let a = digit(b, i)?;
    match digit(b, i + 1) {
        Some(c) => Some((a * 10 + c, i + 2)),
        None => Some((a, i + 1)),
    }
}

/// `H[H]:MM:SS` (or with `.` separators) plus an optional fraction written
/// with `.` or `,` (any digits) or `:` (exactly three digits, milliseconds).
fn hms(b: &[u8], i: usize) -> Option<(Hms, usize)> {
    let (h, mut j) = num12(b, i)?;
    let sep = *b.get(j)?;
    if sep != b':' && sep != b'.' {
        return None;
    }
    // Minutes and seconds are sometimes unpadded (`22:16:0:119`).
    let (m, k) = num12(b, j + 1)?;
    j = k;
    if b.get(j) != Some(&sep) {
        return None;
    }
    let (s, k) = num12(b, j + 1)?;
    j = k;
    if h > 23 || m > 59 || s > 60 || is_digit_at(b, j) {
        return None;
    }
    let mut micros = 0;
    match b.get(j) {
        Some(b'.' | b',') if is_digit_at(b, j + 1) => {
            j += 1;
            let mut scale = 100_000;
            while let Some(d) = digit(b, j) {
                micros += d * scale;
                scale /= 10;
                j += 1;
            }
        }
        // `:` then 1-3 digits is a millisecond count, not a fraction: the
        // HealthApp style `22:15:35:11` means 11 ms.
        Some(b':') if is_digit_at(b, j + 1) => {
            let mut k = j + 1;
            let mut ms = 0;
            while let Some(d) = digit(b, k) {
                ms = ms * 10 + d;
                k += 1;
            }
            if k - j - 1 <= 3 {
                micros = ms * 1000;
                j = k;
            }
        }
        _ => {}
    }
    let t = Hms {
        h: h as u8,
        m: m as u8,
        s: s.min(59) as u8,
        micros,
    };
    Some((t, j))
}

/// Optional zone after a time: `Z`, `±HH:MM`, `±HHMM`, `±HH`, a space then
/// `±HHMM`, or ` UTC`/` GMT`.
fn zone(b: &[u8], i: usize) -> (Option<i32>, usize) {
    match b.get(i) {
        Some(b'Z' | b'z') if !is_alnum_at(b, i + 1) => return (Some(0), i + 1),
        Some(b'+' | b'-') => {
            if let Some(r) = signed_offset(b, i, true) {
                return r;
            }
        }
        Some(b' ') => {
            if matches!(b.get(i + 1), Some(b'+' | b'-'))
                && num(b, i + 2, 4).is_some()
                && !is_digit_at(b, i + 6)
                && let Some(r) = signed_offset(b, i + 1, false)
            {
                return r;
            }
            let word = b.get(i + 1..i + 4);
            if matches!(word, Some(b"UTC" | b"GMT")) && !is_alnum_at(b, i + 4) {
                return (Some(0), i + 4);
            }
        }
        _ => {}
    }
    (None, i)
}

fn signed_offset(b: &[u8], i: usize, allow_short: bool) -> Option<(Option<i32>, usize)> {
    let sign = if b[i] == b'-' { -1 } else { 1 };
    let hh = num(b, i + 1, 2)?;
    let (mm, end) = if b.get(i + 3) == Some(&b':') && num(b, i + 4, 2).is_some() {
        (num(b, i + 4, 2)?, i + 6)
    } else if let Some(mm) = num(b, i + 3, 2) {
        (mm, i + 5)
    } else if allow_short {
        (0, i + 3)
    } else {
        return None;
    };
    if hh > 18 || mm > 59 || is_digit_at(b, end) {
        return None;
    }
    Some((Some(sign * (hh as i32 * 3600 + mm as i32 * 60)), end))
}

fn with_zone(mut raw: Raw, b: &[u8], end: usize) -> (Raw, usize) {
    let (off, end) = zone(b, end);
    raw.offset = off;
    (raw, end)
}

fn plausible_year(y: u32) -> bool {
    (1970..=2100).contains(&y)
}

/// ISO 8601 / RFC 3339 and its relatives: `YYYY-MM-DD[T ]HH:MM:SS[.f][zone]`,
/// `YYYY/MM/DD HH:MM:SS` (Go, nginx), `YYYY-MM-DD-HH.MM.SS.ffffff` (DB2/BGL),
/// `YYYYMMDD-HH:MM:SS:fff` and `YYYYMMDDTHHMMSS` compact forms.
pub fn iso(b: &[u8]) -> Option<(Raw, usize)> {
    let y = num(b, 0, 4)?;
    if !plausible_year(y) {
        return None;
    }
    let (mo, d, j) = match b.get(4)? {
        sep @ (b'-' | b'/' | b'.') => {
            let (mo, j) = num12(b, 5)?;
            if b.get(j) != Some(sep) {
                return None;
            }
            let (d, j) = num12(b, j + 1)?;
            (mo, d, j)
        }
        c if c.is_ascii_digit() => (num(b, 4, 2)?, num(b, 6, 2)?, 8),
        _ => return None,
    };
    if is_digit_at(b, j) {
        return None;
    }
    let sep = b.get(j).copied();
    if matches!(sep, Some(b'T' | b' ' | b'-' | b'_' | b':')) {
        if let Some((t, end)) = hms(b, j + 1) {
            let raw = Raw::civil(Some(y as i32), mo, d, t)?;
            return Some(with_zone(raw, b, end));
        }
        // Compact time `THHMMSS`.
        if sep == Some(b'T')
            && let (Some(h), Some(m), Some(s)) =
                (num(b, j + 1, 2), num(b, j + 3, 2), num(b, j + 5, 2))
            && h < 24
            && m < 60
            && s < 61
            && !is_digit_at(b, j + 7)
        {
            let t = Hms {
                h: h as u8,
                m: m as u8,
                s: s.min(59) as u8,
                micros: 0,
            };
            let raw = Raw::civil(Some(y as i32), mo, d, t)?;
            return Some(with_zone(raw, b, j + 7));
        }
    }
    None
}

/// A date with no time of day (`2005.06.03`, `2024-01-02`): weakest evidence,
/// only chosen when nothing better is on the line.
pub fn date_only(b: &[u8]) -> Option<(Raw, usize)> {
    let y = num(b, 0, 4)?;
    let sep = *b.get(4)?;
    if !plausible_year(y) || !matches!(sep, b'-' | b'/' | b'.') || b.get(7) != Some(&sep) {
        return None;
    }
    let (mo, d) = (num(b, 5, 2)?, num(b, 8, 2)?);
    if is_alnum_at(b, 10) {
        return None;
    }
    Some((Raw::civil(Some(y as i32), mo, d, Hms::default())?, 10))
}

const FULL_MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
/// Three letters at `i`, lower-cased; `None` unless all are letters.
#[inline]
fn lower3(b: &[u8], i: usize) -> Option<[u8; 3]> {
    let s = b.get(i..i + 3)?;
    if !(s[0].is_ascii_alphabetic() && s[1].is_ascii_alphabetic() && s[2].is_ascii_alphabetic()) {
        return None;
    }
    Some([s[0] | 0x20, s[1] | 0x20, s[2] | 0x20])
}

/// Month number of a lower-case abbreviation (a `match`, compiled to a few
/// byte compares: this runs at many positions of every unparsed line).
#[inline]
fn month_of(w: [u8; 3]) -> Option<u32> {
    Some(match &w {
        b"jan" => 1,
        b"feb" => 2,
        b"mar" => 3,
        b"apr" => 4,
        b"may" => 5,
        b"jun" => 6,
        b"jul" => 7,
        b"aug" => 8,
        b"sep" => 9,
        b"oct" => 10,
        b"nov" => 11,
        b"dec" => 12,
        _ => return None,
    })
}

#[inline]
fn is_weekday(w: [u8; 3]) -> bool {
    matches!(
        &w,
        b"mon" | b"tue" | b"wed" | b"thu" | b"fri" | b"sat" | b"sun"
    )
}

/// Month name at `i` (three letters, optionally the full name); returns
/// month number and end.
fn month_name(b: &[u8], i: usize) -> Option<(u32, usize)> {
    let m = month_of(lower3(b, i)?)?;
    let mut j = i + 3;
    while b.get(j).is_some_and(u8::is_ascii_alphabetic) {
        j += 1;
    }
    // Either the abbreviation or the full name, never `Junk`.
    if j > i + 3 {
        let full = FULL_MONTHS[m as usize - 1].as_bytes();
        if !b[i..j].eq_ignore_ascii_case(full) {
            return None;
        }
    }
    Some((m, j))
}

/// Optional weekday (`Sun `, `Sunday, `); returns where the rest starts.
fn skip_weekday(b: &[u8]) -> usize {
    let Some(w) = lower3(b, 0) else { return 0 };
    if !is_weekday(w) {
        return 0;
    }
    let mut j = 3;
    while b.get(j).is_some_and(u8::is_ascii_alphabetic) {
        j += 1;
    }
    if b.get(j) == Some(&b',') {
        j += 1;
    }
    if b.get(j) != Some(&b' ') {
        return 0;
    }
    j + 1
}

/// Syslog/ctime family: `[Www ]Mmm [d]d HH:MM:SS[.f][ YYYY]` — RFC 3164,
/// journald short, Apache error log, `date(1)`.
pub fn syslog(b: &[u8]) -> Option<(Raw, usize)> {
    let start = skip_weekday(b);
    let (mo, mut j) = month_name(b, start)?;
    if b.get(j) != Some(&b' ') {
        return None;
    }
    j += 1;
    if b.get(j) == Some(&b' ') {
        j += 1; // space-padded day: `Jul  1`
    }
    let (d, j) = num12(b, j)?;
    if b.get(j) != Some(&b' ') {
        return None;
    }
    let (t, mut end) = hms(b, j + 1)?;
    let mut year = None;
    let (mut off, zend) = zone(b, end);
    end = zend;
    if b.get(end) == Some(&b' ')
        && let Some(y) = num(b, end + 1, 4)
        && plausible_year(y)
        && !is_alnum_at(b, end + 5)
    {
        year = Some(y as i32);
        end += 5;
        if off.is_none() {
            let (o, e) = zone(b, end);
            off = o;
            end = e;
        }
    }
    let mut raw = Raw::civil(year, mo, d, t)?;
    raw.offset = off;
    Some((raw, end))
}

/// Day before month name: `10/Oct/2000:13:55:36 -0700` (Common Log Format),
/// `02-Jan-2024 03:04:05.678` (Tomcat), `Mon, 02 Jan 2006 15:04:05 -0700`
/// (RFC 2822).
pub fn day_month_name(b: &[u8]) -> Option<(Raw, usize)> {
    let start = skip_weekday(b);
    let (d, j) = num12(b, start)?;
    let sep = *b.get(j)?;
    if !matches!(sep, b'/' | b'-' | b' ') {
        return None;
    }
    let (mo, j) = month_name(b, j + 1)?;
    if b.get(j) != Some(&sep) {
        return None;
    }
    let y = num(b, j + 1, 4)?;
    if !plausible_year(y) || !matches!(b.get(j + 5), Some(b':' | b' ')) {
        return None;
    }
    let (t, end) = hms(b, j + 6)?;
    let raw = Raw::civil(Some(y as i32), mo, d, t)?;
    Some(with_zone(raw, b, end))
}

/// Slashed dates with a two-digit year first (`17/06/09 20:10:40`, log4j's
/// `yy/MM/dd`), or a four-digit year last (`06/09/2017 20:10:40`, month
/// first unless the first field cannot be a month).
pub fn slashed(b: &[u8]) -> Option<(Raw, usize)> {
    let a = num(b, 0, 2)?;
    if b.get(2) != Some(&b'/') {
        return None;
    }
    let c = num(b, 3, 2)?;
    if b.get(5) != Some(&b'/') {
        return None;
    }
    let (year, mo, d, j) = if let Some(y4) = num(b, 6, 4) {
        let (mo, d) = if a > 12 { (c, a) } else { (a, c) };
        (y4, mo, d, 10)
    } else {
        (2000 + a, c, num(b, 6, 2)?, 8)
    };
    if !matches!(b.get(j), Some(b' ' | b':' | b'-')) {
        return None;
    }
    let (t, end) = hms(b, j + 1)?;
    let raw = Raw::civil(Some(year as i32), mo, d, t)?;
    Some(with_zone(raw, b, end))
}

/// `YYMMDD HHMMSS` (Hadoop HDFS audit style).
pub fn compact6(b: &[u8]) -> Option<(Raw, usize)> {
    let (yy, mo, d) = (num(b, 0, 2)?, num(b, 2, 2)?, num(b, 4, 2)?);
    if b.get(6) != Some(&b' ') || is_digit_at(b, 13) {
        return None;
    }
    let (h, m, s) = (num(b, 7, 2)?, num(b, 9, 2)?, num(b, 11, 2)?);
    if h > 23 || m > 59 || s > 60 {
        return None;
    }
    let t = Hms {
        h: h as u8,
        m: m as u8,
        s: s.min(59) as u8,
        micros: 0,
    };
    Some((Raw::civil(Some(2000 + yy as i32), mo, d, t)?, 13))
}

/// `MM.DD HH:MM:SS` with no year (Proxifier and friends).
pub fn month_dot_day(b: &[u8]) -> Option<(Raw, usize)> {
    let (mo, d) = (num(b, 0, 2)?, num(b, 3, 2)?);
    if b.get(2) != Some(&b'.') || b.get(5) != Some(&b' ') {
        return None;
    }
    let (t, end) = hms(b, 6)?;
    Some((Raw::civil(None, mo, d, t)?, end))
}

/// glog / klog header `Lmmdd hh:mm:ss.uuuuuu`, where `L` is the level letter.
pub fn glog(b: &[u8]) -> Option<(Raw, usize)> {
    if !matches!(b.first(), Some(b'I' | b'W' | b'E' | b'F' | b'D')) {
        return None;
    }
    let (mo, d) = (num(b, 1, 2)?, num(b, 3, 2)?);
    if b.get(5) != Some(&b' ') {
        return None;
    }
    let (t, end) = hms(b, 6)?;
    Some((Raw::civil(None, mo, d, t)?, end))
}

/// Epoch numbers: 10 digits (seconds, optional fraction), 13 (ms), 16 (µs),
/// 19 (ns), kept only between 2000 and 2100 to avoid mistaking ids.
pub fn epoch(b: &[u8]) -> Option<(Raw, usize)> {
    let mut n = 0;
    while is_digit_at(b, n) {
        n += 1;
        if n > 19 {
            return None;
        }
    }
    let mut v: i64 = 0;
    for c in &b[..n] {
        v = v * 10 + i64::from(c - b'0');
    }
    let (mut micros, mut end) = match n {
        10 => (v * 1_000_000, 10),
        13 => (v * 1000, 13),
        16 => (v, 16),
        19 => (v / 1000, 19),
        _ => return None,
    };
    if n == 10 && b.get(10) == Some(&b'.') && is_digit_at(b, 11) {
        end = 11;
        let mut scale = 100_000;
        while let Some(d) = digit(b, end) {
            micros += i64::from(d) * scale;
            scale /= 10;
            end += 1;
        }
    }
    if b.get(end)
        .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'.')
    {
        return None;
    }
    if !(946_684_800_000_000..4_102_444_800_000_000).contains(&micros) {
        return None;
    }
    let raw = Raw {
        year: None,
        month: 1,
        day: 1,
        hour: 0,
        min: 0,
        sec: 0,
        micros: 0,
        offset: Some(0),
        absolute: Some(micros),
    };
    Some((raw, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(f: fn(&[u8]) -> Option<(Raw, usize)>, s: &str, year: i32) -> Option<String> {
        let (raw, _) = f(s.as_bytes())?;
        Some(raw.resolve_with_year(year, 0)?.to_string())
    }

    #[test]
    fn parses_each_family() {
        let y = 2024;
        assert_eq!(
            ts(iso, "2015-10-18 18:01:47,978 INFO", y).unwrap(),
            "2015-10-18T18:01:47.978Z"
        );
        assert_eq!(
            ts(iso, "2024-01-02T03:04:05.123456789+02:00", y).unwrap(),
            "2024-01-02T01:04:05.123456Z"
        );
        assert_eq!(
            ts(iso, "2024-01-02T03:04:05Z", y).unwrap(),
            "2024-01-02T03:04:05Z"
        );
        assert_eq!(
            ts(iso, "2009/11/10 23:00:00 x", y).unwrap(),
            "2009-11-10T23:00:00Z"
        );
        assert_eq!(
            ts(iso, "2005-06-03-15.42.50.675872 R02", y).unwrap(),
            "2005-06-03T15:42:50.675872Z"
        );
        assert_eq!(
            ts(iso, "20171223-22:15:29:606|Step", y).unwrap(),
            "2017-12-23T22:15:29.606Z"
        );
        assert_eq!(
            ts(iso, "20240102T030405Z", y).unwrap(),
            "2024-01-02T03:04:05Z"
        );
        assert_eq!(
            ts(syslog, "Jun 14 15:16:01 combo", y).unwrap(),
            "2024-06-14T15:16:01Z"
        );
        assert_eq!(
            ts(syslog, "Jul  1 09:00:55 host", y).unwrap(),
            "2024-07-01T09:00:55Z"
        );
        assert_eq!(
            ts(syslog, "Sun Dec 04 04:47:44 2005] [notice]", y).unwrap(),
            "2005-12-04T04:47:44Z"
        );
        assert_eq!(
            ts(day_month_name, "10/Oct/2000:13:55:36 -0700] \"GET", y).unwrap(),
            "2000-10-10T20:55:36Z"
        );
        assert_eq!(
            ts(day_month_name, "Mon, 02 Jan 2006 15:04:05 -0700", y).unwrap(),
            "2006-01-02T22:04:05Z"
        );
        assert_eq!(
            ts(slashed, "17/06/09 20:10:40 INFO", y).unwrap(),
            "2017-06-09T20:10:40Z"
        );
        assert_eq!(
            ts(compact6, "081109 203615 148", y).unwrap(),
            "2008-11-09T20:36:15Z"
        );
        assert_eq!(
            ts(month_dot_day, "10.30 16:49:06] x", y).unwrap(),
            "2024-10-30T16:49:06Z"
        );
        assert_eq!(
            ts(glog, "I0102 15:04:05.000001 123 main.go", y).unwrap(),
            "2024-01-02T15:04:05.000001Z"
        );
        assert_eq!(
            ts(epoch, "1117838570 2005.06.03", y).unwrap(),
            "2005-06-03T22:42:50Z"
        );
        assert_eq!(
            ts(epoch, "1117838570123", y).unwrap(),
            "2005-06-03T22:42:50.123Z"
        );
        assert_eq!(
            ts(date_only, "2005.06.03 R02", y).unwrap(),
            "2005-06-03T00:00:00Z"
        );
    }

    #[test]
    fn rejects_lookalikes() {
        assert!(iso(b"2015-13-18 18:01:47").is_none());
        assert!(iso(b"1234-10-18 18:01:47").is_none());
        assert!(syslog(b"Junk 14 15:16:01").is_none());
        assert!(epoch(b"12345678901").is_none());
        assert!(epoch(b"1117838570abc").is_none());
        assert!(compact6(b"081109 253615").is_none());
        assert!(glog(b"I0199 15:04:05").is_none());
    }
}
