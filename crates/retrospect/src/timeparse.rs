//! Times typed by people on the command line.

use anyhow::{Context, Result, bail};
use jiff::{Timestamp, ZonedDateTime, civil, tz::TimeZone};

/// A parsed instant with the zone it was written in (kept for display).
pub struct TypedTime {
    pub at: Timestamp,
    pub zone: Option<String>,
}

/// Accepts RFC 3339 (`2026-11-25T14:02:00Z`, `…+02:00`), a zoned datetime
/// (`2026-11-25T14:02[Europe/Berlin]`), or a plain `2026-11-25 14:02[:SS]`
/// interpreted in `zone` (an IANA name or `+HH:MM`; UTC when absent).
pub fn parse_time(text: &str, zone: Option<&str>) -> Result<TypedTime> {
    let t = text.trim();
    if let Ok(z) = t.parse::<ZonedDateTime>() {
        return Ok(TypedTime {
            at: z.timestamp(),
            zone: Some(
                z.time_zone()
                    .iana_name()
                    .map_or_else(|| z.offset().to_string(), str::to_string),
            ),
        });
    }
    if let Ok(ts) = t.parse::<Timestamp>() {
        let zone = offset_of(t);
        return Ok(TypedTime { at: ts, zone });
    }
    let normalised = t.replacen(' ', "T", 1);
    let dt: civil::DateTime = normalised.parse().with_context(|| {
        format!("'{text}' is not a time I can read; try 2026-11-25T14:02:00Z or \"2026-11-25 14:02\" with --zone")
    })?;
    let (tz, name) = resolve_zone(zone)?;
    let at = dt
        .to_zoned_datetime(tz)
        .with_context(|| format!("'{text}' does not exist in zone {name}"))?
        .timestamp();
    Ok(TypedTime {
        at,
        zone: Some(name),
    })
}

/// Resolves an IANA zone name or a fixed offset such as `+02:00`; UTC when absent.
pub fn resolve_zone(zone: Option<&str>) -> Result<(TimeZone, String)> {
    let Some(z) = zone.map(str::trim).filter(|z| !z.is_empty()) else {
        return Ok((TimeZone::UTC, "UTC".to_string()));
    };
    if let Some(seconds) = parse_offset(z) {
        let offset = jiff::tz::Offset::from_seconds(seconds)
            .map_err(|_| anyhow::anyhow!("'{z}' is not a UTC offset that exists"))?;
        return Ok((TimeZone::fixed(offset), offset.to_string()));
    }
    match TimeZone::get(z) {
        Ok(tz) => Ok((tz, z.to_string())),
        Err(_) => bail!(
            "'{z}' is not a time zone I know; use a name such as Europe/Berlin or an offset such as +02:00"
        ),
    }
}

/// Reads `+02:00`, `-0700`, `+5` or `UTC+2` as seconds east of UTC.
fn parse_offset(text: &str) -> Option<i32> {
    let t = text.trim();
    let t = t
        .strip_prefix("UTC")
        .or_else(|| t.strip_prefix("GMT"))
        .unwrap_or(t);
    let (sign, body) = match t.as_bytes().first()? {
        b'+' => (1, &t[1..]),
        b'-' => (-1, &t[1..]),
        _ => return None,
    };
    let digits: String = body.chars().filter(|c| *c != ':').collect();
    if digits.is_empty() || digits.len() > 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m) = if digits.len() <= 2 {
        (digits.as_str(), "0")
    } else {
        digits.split_at(digits.len() - 2)
    };
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    (h <= 18 && m < 60).then_some(sign * (h * 3600 + m * 60))
}

/// Parses a calendar date such as 2026-12-01.
pub fn parse_date(text: &str) -> Result<civil::Date> {
    text.trim().parse().with_context(|| {
        format!("'{text}' is not a date I can read; please write it as YYYY-MM-DD, for example 2026-12-01")
    })
}

fn offset_of(rfc3339: &str) -> Option<String> {
    if rfc3339.ends_with('Z') || rfc3339.ends_with('z') {
        return Some("UTC".into());
    }
    let tail = rfc3339.get(rfc3339.len().saturating_sub(6)..)?;
    (tail.starts_with('+') || tail.starts_with('-')).then(|| tail.to_string())
}

/// Shows an instant in UTC plus, when it differs, in the zone it was written in.
pub fn show_time(at: Timestamp, zone: Option<&str>) -> String {
    let utc = at.strftime("%Y-%m-%d %H:%M:%S UTC").to_string();
    match zone {
        Some(z) if z != "UTC" && z != "+00:00" => match resolve_zone(Some(z)) {
            Ok((tz, _)) => format!("{utc} ({} {z})", at.to_zoned_datetime(tz).strftime("%H:%M")),
            Err(_) => utc,
        },
        _ => utc,
    }
}
