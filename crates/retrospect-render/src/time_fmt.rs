//! How times read in pictures and documents: always UTC, with the zone an
//! entry was first written in offered alongside when it is known.

use jiff::Timestamp;
use jiff::tz::{Offset, TimeZone};

/// "2024-06-01 10:05 UTC" (seconds shown only when they are not zero).
pub fn utc_datetime(ts: Timestamp) -> String {
    format!("{} {} UTC", utc_date(ts), utc_time(ts))
}

/// "10:05" or "10:05:30".
pub fn utc_time(ts: Timestamp) -> String {
    if ts.as_second().rem_euclid(60) == 0 {
        ts.strftime("%H:%M").to_string()
    } else {
        ts.strftime("%H:%M:%S").to_string()
    }
}

/// "2024-06-01".
pub fn utc_date(ts: Timestamp) -> String {
    ts.strftime("%Y-%m-%d").to_string()
}

/// The same instant in the zone it was written in ("12:05 +02:00",
/// "03:05 America/Los_Angeles"), or None when the zone is unknown or UTC.
pub fn in_original_zone(ts: Timestamp, zone: Option<&str>) -> Option<String> {
    let zone = zone?.trim();
    let tz = parse_zone(zone)?;
    let local = ts.to_zoned_datetime(tz);
    let time = if ts.as_second().rem_euclid(60) == 0 {
        "%Y-%m-%d %H:%M"
    } else {
        "%Y-%m-%d %H:%M:%S"
    };
    Some(format!("{} {zone}", local.strftime(time)))
}

fn parse_zone(zone: &str) -> Option<TimeZone> {
    if zone.is_empty() || zone.eq_ignore_ascii_case("utc") || zone == "Z" || zone == "+00:00" {
        return None;
    }
    if let Some(seconds) = parse_offset(zone) {
        return Offset::from_seconds(seconds).ok().map(TimeZone::fixed);
    }
    TimeZone::get(zone).ok()
}

/// "+02:00", "-0700", "+02" as seconds east of UTC.
fn parse_offset(text: &str) -> Option<i32> {
    let sign = match text.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits: String = text[1..].chars().filter(|c| *c != ':').collect();
    if !digits.chars().all(|c| c.is_ascii_digit()) {
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
    (h <= 18 && m < 60).then_some(sign * (h * 3600 + m * 60))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: i64) -> Timestamp {
        Timestamp::from_second(s).unwrap()
    }

    #[test]
    fn formats_in_utc() {
        assert_eq!(utc_datetime(ts(1_717_236_000)), "2024-06-01 10:00 UTC");
        assert_eq!(utc_time(ts(1_717_236_030)), "10:00:30");
    }

    #[test]
    fn shows_the_original_zone() {
        let t = ts(1_717_236_000);
        assert_eq!(
            in_original_zone(t, Some("+02:00")).as_deref(),
            Some("2024-06-01 12:00 +02:00")
        );
        assert_eq!(
            in_original_zone(t, Some("-0700")).as_deref(),
            Some("2024-06-01 03:00 -0700")
        );
        assert_eq!(
            in_original_zone(t, Some("America/Los_Angeles")).as_deref(),
            Some("2024-06-01 03:00 America/Los_Angeles")
        );
        assert_eq!(in_original_zone(t, Some("UTC")), None);
        assert_eq!(in_original_zone(t, Some("Mars/Olympus")), None);
        assert_eq!(in_original_zone(t, None), None);
    }
}
