//! Times as people and tools write them, turned into UTC instants that keep
//! the zone they were written in (`+02:00`, or the `--tz` name for zone-less times).

use std::sync::OnceLock;

use jiff::civil::{Date, DateTime};
use jiff::tz::{Offset, TimeZone};
use regex::Regex;
use retrospect_domain::Timestamp;

use crate::{ImportError, ImportOptions};

/// The zone used for times written without one.
#[derive(Debug, Clone)]
pub struct DefaultZone {
    tz: TimeZone,
    /// What we record as the entry's zone: the name the person gave, or None for UTC.
    label: Option<String>,
}

impl DefaultZone {
    pub fn utc() -> Self {
        Self {
            tz: TimeZone::UTC,
            label: None,
        }
    }

    /// Reads `--tz`: an IANA name (`Europe/Paris`), `UTC`, or an offset (`+02:00`, `-0700`).
    pub fn from_options(opts: &ImportOptions) -> Result<Self, ImportError> {
        let Some(raw) = opts.default_zone.as_deref().map(str::trim) else {
            return Ok(Self::utc());
        };
        if let Some(offset) = parse_offset(raw) {
            return Ok(Self {
                tz: TimeZone::fixed(offset),
                label: Some(format_offset(offset)),
            });
        }
        let tz = TimeZone::get(raw).map_err(|_| ImportError::InvalidOption {
            what: "time zone",
            value: raw.to_string(),
            hint: "use an IANA name such as Europe/Paris or America/Los_Angeles, or an offset such as +02:00".into(),
        })?;
        Ok(Self {
            tz,
            label: Some(raw.to_string()),
        })
    }

    /// The instant a zone-less local time names, and the zone to record with it.
    pub fn localize(&self, local: DateTime) -> Option<(Timestamp, Option<String>)> {
        let at = self.tz.to_ambiguous_timestamp(local).compatible().ok()?;
        Some((at, self.label.clone()))
    }
}

/// `+02:00` / `-07:00` / `+00:00`: how entries record the offset they were written in.
pub fn format_offset(offset: Offset) -> String {
    let secs = offset.seconds();
    let sign = if secs < 0 { '-' } else { '+' };
    let abs = secs.unsigned_abs();
    format!("{sign}{:02}:{:02}", abs / 3600, abs / 60 % 60)
}

/// Parses `Z`, `UTC`, `GMT`, `+02:00`, `+0200` or `+02`.
pub fn parse_offset(text: &str) -> Option<Offset> {
    let t = text.trim();
    if t.eq_ignore_ascii_case("z") || t.eq_ignore_ascii_case("utc") || t.eq_ignore_ascii_case("gmt")
    {
        return Some(Offset::UTC);
    }
    let (sign, rest) = match t.as_bytes().first()? {
        b'+' => (1, &t[1..]),
        b'-' => (-1, &t[1..]),
        _ => return None,
    };
    let digits: String = rest.chars().filter(|c| *c != ':').collect();
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m) = match digits.len() {
        2 => (digits.parse::<i32>().ok()?, 0),
        4 => (
            digits[..2].parse::<i32>().ok()?,
            digits[2..].parse::<i32>().ok()?,
        ),
        _ => return None,
    };
    if h > 18 || m > 59 {
        return None;
    }
    Offset::from_seconds(sign * (h * 3600 + m * 60)).ok()
}

/// Builds an instant from calendar fields and an offset in seconds, refusing
/// impossible dates (31 February, hour 25) instead of guessing.
pub fn from_fields(fields: [i64; 6], offset_seconds: i32) -> Option<(Timestamp, String)> {
    let [y, mo, d, h, mi, s] = fields;
    let date = Date::new(
        i16::try_from(y).ok()?,
        i8::try_from(mo).ok()?,
        i8::try_from(d).ok()?,
    )
    .ok()?;
    // A leap second (":60") is read as the last second of the minute.
    let s = if s == 60 { 59 } else { s };
    let dt = date.to_datetime(
        jiff::civil::Time::new(
            i8::try_from(h).ok()?,
            i8::try_from(mi).ok()?,
            i8::try_from(s).ok()?,
            0,
        )
        .ok()?,
    );
    let offset = Offset::from_seconds(offset_seconds).ok()?;
    let at = offset.to_timestamp(dt).ok()?;
    Some((at, format_offset(offset)))
}

fn calendar_pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(
            r"(?ix)^
            (\d{4})[-/](\d{1,2})[-/](\d{1,2})
            (?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?
            \s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?
            $",
        )
        .expect("the calendar pattern is a valid regex")
    })
}

/// Reads a time as written in a table cell or a JSON field: RFC 3339,
/// `YYYY-MM-DD HH:MM[:SS]` (zone-less → the default zone), a bare date, or
/// epoch seconds / milliseconds. Returns the instant and the zone to record.
pub fn parse_time_text(text: &str, zone: &DefaultZone) -> Option<(Timestamp, Option<String>)> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    if let Some(epoch) = parse_epoch(t) {
        return Some((epoch, None));
    }
    let caps = calendar_pattern().captures(t)?;
    let num = |i: usize| caps.get(i).and_then(|m| m.as_str().parse::<i64>().ok());
    let date = Date::new(
        i16::try_from(num(1)?).ok()?,
        i8::try_from(num(2)?).ok()?,
        i8::try_from(num(3)?).ok()?,
    )
    .ok()?;
    let mut nanos = 0i32;
    if let Some(frac) = caps.get(7) {
        let digits = frac.as_str();
        let padded = format!("{digits:0<9}");
        nanos = padded.get(..9)?.parse().ok()?;
    }
    let second = num(6).unwrap_or(0).min(59);
    let time = jiff::civil::Time::new(
        i8::try_from(num(4).unwrap_or(0)).ok()?,
        i8::try_from(num(5).unwrap_or(0)).ok()?,
        i8::try_from(second).ok()?,
        nanos,
    )
    .ok()?;
    let local = date.to_datetime(time);
    match caps.get(8) {
        Some(off) => {
            let offset = parse_offset(off.as_str())?;
            Some((
                offset.to_timestamp(local).ok()?,
                Some(format_offset(offset)),
            ))
        }
        None => zone.localize(local),
    }
}

/// Epoch seconds (9–10 digits, optionally with a fraction) or milliseconds (12–13 digits).
pub fn parse_epoch(text: &str) -> Option<Timestamp> {
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text, None),
    };
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let value: i64 = int.parse().ok()?;
    match (int.len(), frac) {
        (9 | 10, None) => Timestamp::from_second(value).ok(),
        (9 | 10, Some(f)) if !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()) => {
            let padded = format!("{f:0<9}");
            let nanos: i32 = padded.get(..9)?.parse().ok()?;
            Timestamp::new(value, nanos).ok()
        }
        (12 | 13, None) => Timestamp::from_millisecond(value).ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_and_zone_less_times() {
        let utc = DefaultZone::utc();
        let (at, zone) = parse_time_text("2024-03-01T10:00:00+02:00", &utc).expect("rfc3339");
        assert_eq!(at.to_string(), "2024-03-01T08:00:00Z");
        assert_eq!(zone.as_deref(), Some("+02:00"));
        let (at, zone) = parse_time_text("2024-03-01 10:00", &utc).expect("zone-less");
        assert_eq!(at.to_string(), "2024-03-01T10:00:00Z");
        assert_eq!(zone, None);
        let mut opts = ImportOptions::new(Timestamp::UNIX_EPOCH);
        opts.default_zone = Some("America/Los_Angeles".into());
        let la = DefaultZone::from_options(&opts).expect("known zone");
        let (at, zone) = parse_time_text("2024-07-01 10:00:05", &la).expect("zone-less");
        assert_eq!(at.to_string(), "2024-07-01T17:00:05Z");
        assert_eq!(zone.as_deref(), Some("America/Los_Angeles"));
        assert_eq!(
            parse_time_text("1700000000", &utc).map(|t| t.0.as_second()),
            Some(1_700_000_000)
        );
        assert_eq!(
            parse_time_text("1700000000123", &utc).map(|t| t.0.as_millisecond()),
            Some(1_700_000_000_123)
        );
        assert!(parse_time_text("2024-02-30 10:00", &utc).is_none());
        assert!(parse_time_text("yesterday", &utc).is_none());
    }

    #[test]
    fn bad_zone_option_is_refused_clearly() {
        let mut opts = ImportOptions::new(Timestamp::UNIX_EPOCH);
        opts.default_zone = Some("Mars/Olympus".into());
        let err = DefaultZone::from_options(&opts).expect_err("unknown zone");
        assert!(err.to_string().contains("Mars/Olympus"));
    }
}
