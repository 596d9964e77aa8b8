//! Instants in cells: written in the zone they happened in, read back exactly.
//!
//! `2024-03-05 15:02:00+01:00[Europe/Berlin]` carries the instant (to the
//! nanosecond, fractions only when present), the local time people remember,
//! and the zone name. A zone that cannot be written that way (an unknown name,
//! an offset spelled `+0200`) is written separately so nothing is lost.

use jiff::fmt::temporal::{DateTimePrinter, Pieces};
use jiff::tz::{Offset, TimeZone};
use jiff::{Timestamp, ZonedDateTime};

fn printer() -> DateTimePrinter {
    DateTimePrinter::new().separator(b' ')
}

/// The instant in UTC: `2024-03-05 14:02:00Z`.
pub(crate) fn utc(at: Timestamp) -> String {
    printer().timestamp_to_string(&at)
}

/// The instant shown in its zone when the zone is one we can name exactly.
/// Returns None when the zone must be written separately.
pub(crate) fn in_zone(at: Timestamp, zone: Option<&str>) -> Option<String> {
    let Some(zone) = zone else {
        return Some(utc(at));
    };
    let text = if let Some(offset) = parse_offset(zone) {
        printer().timestamp_with_offset_to_string(&at, offset)
    } else {
        let tz = TimeZone::get(zone).ok()?;
        let zoned: ZonedDateTime = at.to_zoned_datetime(tz);
        printer().zoned_datetime_to_string(&zoned)
    };
    // Only a spelling that reads back to the same instant and zone will do.
    (parse(&text) == Some((at, Some(zone.to_string())))).then_some(text)
}

/// Reads what [`utc`] and [`in_zone`] write, and also any RFC 3339 or
/// RFC 9557 date-time with an offset. The zone is the bracketed name, or the
/// offset when there is no name, or None for `Z`.
pub(crate) fn parse(text: &str) -> Option<(Timestamp, Option<String>)> {
    let pieces = Pieces::parse(text.trim()).ok()?;
    let time = pieces.time()?;
    let offset = pieces.offset()?;
    let datetime = pieces.date().to_datetime(time);
    let numeric = pieces.to_numeric_offset();
    let at = match numeric {
        Some(o) => o.to_timestamp(datetime).ok()?,
        // `Z` means the instant is known in UTC.
        None => Offset::UTC.to_timestamp(datetime).ok()?,
    };
    let zone = match pieces.time_zone_annotation() {
        Some(annotation) => {
            let tz = annotation.to_time_zone().ok()?;
            if tz.to_offset(at) != numeric.unwrap_or(Offset::UTC) {
                return None;
            }
            match annotation.kind() {
                jiff::fmt::temporal::TimeZoneAnnotationKind::Named(name) => {
                    Some(name.as_str().to_string())
                }
                jiff::fmt::temporal::TimeZoneAnnotationKind::Offset(o) => Some(offset_name(*o)),
                _ => return None,
            }
        }
        None => match offset {
            jiff::fmt::temporal::PiecesOffset::Zulu => None,
            _ => Some(offset_name(numeric.unwrap_or(Offset::UTC))),
        },
    };
    Some((at, zone))
}

/// `+02:00`, or `-03:30`, or `+05:45:30` for the rare offset with seconds.
pub(crate) fn offset_name(offset: Offset) -> String {
    let total = offset.seconds();
    let sign = if total < 0 { '-' } else { '+' };
    let s = total.unsigned_abs();
    let (h, m, sec) = (s / 3600, s / 60 % 60, s % 60);
    if sec == 0 {
        format!("{sign}{h:02}:{m:02}")
    } else {
        format!("{sign}{h:02}:{m:02}:{sec:02}")
    }
}

/// An offset written exactly as [`offset_name`] writes it.
pub(crate) fn parse_offset(text: &str) -> Option<Offset> {
    let sign = match text.chars().next()? {
        '+' => 1,
        '-' => -1,
        _ => return None,
    };
    let parts: Vec<&str> = text[1..].split(':').collect();
    if !(2..=3).contains(&parts.len())
        || parts
            .iter()
            .any(|p| p.len() != 2 || !p.chars().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    let n = |i: usize| {
        parts
            .get(i)
            .and_then(|p| p.parse::<i32>().ok())
            .unwrap_or(0)
    };
    let seconds = sign * (n(0) * 3600 + n(1) * 60 + n(2));
    let offset = Offset::from_seconds(seconds).ok()?;
    (offset_name(offset) == text).then_some(offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zoned_cells_round_trip() {
        let at: Timestamp = "2024-03-05T14:02:00.123456Z".parse().unwrap();
        for zone in [
            None,
            Some("Europe/Berlin"),
            Some("+02:00"),
            Some("UTC"),
            Some("-03:30"),
        ] {
            let text = in_zone(at, zone).unwrap();
            assert_eq!(parse(&text), Some((at, zone.map(str::to_string))), "{text}");
        }
        assert_eq!(
            in_zone(at, Some("Europe/Berlin")).unwrap(),
            "2024-03-05 15:02:00.123456+01:00[Europe/Berlin]"
        );
        assert_eq!(in_zone(at, Some("Mars/Olympus")), None);
        assert_eq!(in_zone(at, Some("+0200")), None);
    }
}
