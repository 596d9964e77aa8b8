//! Time zones as people write them: "UTC", "PDT", "Pacific", "US/Pacific",
//! "UTC+2", "+02:00", "Europe/Berlin". Each resolves to a jiff zone and to
//! the name we store (an IANA name, "UTC", or an offset such as "+02:00").

use jiff::tz::{Offset, TimeZone};

/// A resolved zone and the name kept with each entry.
#[derive(Debug, Clone)]
pub(crate) struct Zone {
    pub tz: TimeZone,
    pub name: String,
}

impl PartialEq for Zone {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

/// Abbreviations and words, mapped to the zone most people mean by them
/// in incident reports (US usage for the ambiguous CST and IST is avoided
/// where it would mislead: IST is not listed).
const NAMED: &[(&str, &str)] = &[
    ("utc", "UTC"),
    ("gmt", "UTC"),
    ("z", "UTC"),
    ("zulu", "UTC"),
    ("coordinated universal time", "UTC"),
    ("pst", "America/Los_Angeles"),
    ("pdt", "America/Los_Angeles"),
    ("pt", "America/Los_Angeles"),
    ("pacific", "America/Los_Angeles"),
    ("pacific time", "America/Los_Angeles"),
    ("pacific daylight time", "America/Los_Angeles"),
    ("pacific standard time", "America/Los_Angeles"),
    ("us/pacific", "America/Los_Angeles"),
    ("est", "America/New_York"),
    ("edt", "America/New_York"),
    ("et", "America/New_York"),
    ("eastern", "America/New_York"),
    ("eastern time", "America/New_York"),
    ("eastern daylight time", "America/New_York"),
    ("eastern standard time", "America/New_York"),
    ("us/eastern", "America/New_York"),
    ("cst", "America/Chicago"),
    ("cdt", "America/Chicago"),
    ("ct", "America/Chicago"),
    ("central", "America/Chicago"),
    ("central time", "America/Chicago"),
    ("central daylight time", "America/Chicago"),
    ("central standard time", "America/Chicago"),
    ("us/central", "America/Chicago"),
    ("mst", "America/Denver"),
    ("mdt", "America/Denver"),
    ("mt", "America/Denver"),
    ("mountain", "America/Denver"),
    ("mountain time", "America/Denver"),
    ("us/mountain", "America/Denver"),
    ("bst", "Europe/London"),
    ("cet", "Europe/Paris"),
    ("cest", "Europe/Paris"),
    ("eet", "Europe/Athens"),
    ("eest", "Europe/Athens"),
    ("jst", "Asia/Tokyo"),
    ("kst", "Asia/Seoul"),
    ("aest", "Australia/Sydney"),
    ("aedt", "Australia/Sydney"),
    ("nzst", "Pacific/Auckland"),
    ("nzdt", "Pacific/Auckland"),
];

/// Resolves a zone as written. Returns None for anything we do not know,
/// rather than guessing.
pub(crate) fn resolve(text: &str) -> Option<Zone> {
    let t = text.trim().trim_matches(['(', ')', '[', ']']).trim();
    if t.is_empty() {
        return None;
    }
    let lower = t.to_ascii_lowercase();
    if let Some((_, iana)) = NAMED.iter().find(|(k, _)| *k == lower) {
        return named(iana);
    }
    if let Some(offset) = offset_of(t) {
        return Some(Zone {
            tz: TimeZone::fixed(offset),
            name: crate::timefmt::offset_name(offset),
        });
    }
    if t.contains('/') || t == "UTC" {
        let tz = TimeZone::get(t).ok()?;
        let name = tz.iana_name().unwrap_or(t).to_string();
        return Some(Zone { tz, name });
    }
    None
}

fn named(iana: &str) -> Option<Zone> {
    let tz = TimeZone::get(iana).ok()?;
    Some(Zone {
        tz,
        name: iana.to_string(),
    })
}

/// `UTC+2`, `GMT-07:00`, `UTC+05:30`, `+0200`, `-07:00`.
fn offset_of(text: &str) -> Option<Offset> {
    let lower = text.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("utc")
        .or_else(|| lower.strip_prefix("gmt"))
        .unwrap_or(&lower)
        .trim();
    let sign = match rest.chars().next()? {
        '+' => 1,
        '-' | '−' => -1,
        _ => return None,
    };
    let digits: String = rest.chars().skip(1).filter(|c| *c != ':').collect();
    if digits.is_empty() || digits.len() > 4 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let (h, m) = match digits.len() {
        1 | 2 => (digits.parse::<i32>().ok()?, 0),
        3 => (
            digits[..1].parse::<i32>().ok()?,
            digits[1..].parse::<i32>().ok()?,
        ),
        _ => (
            digits[..2].parse::<i32>().ok()?,
            digits[2..].parse::<i32>().ok()?,
        ),
    };
    if h > 14 || m > 59 {
        return None;
    }
    Offset::from_seconds(sign * (h * 3600 + m * 60)).ok()
}

/// The first zone named in a sentence such as "All times US/Pacific" or
/// "Times are in Eastern Daylight Time (EDT) and UTC".
pub(crate) fn stated_in(sentence: &str) -> Option<Zone> {
    // A statement about zones is a sentence, not a page of prose.
    if sentence.len() > 600 {
        return None;
    }
    let lower = sentence.to_ascii_lowercase();
    let mentions_time = ["time", "clock", "zone"].iter().any(|w| lower.contains(w));
    if !mentions_time {
        return None;
    }
    // Try every word and every run of two to four words, left to right.
    let words: Vec<&str> = sentence
        .split(|c: char| {
            c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '_' | '*' | '.' | '`')
        })
        .filter(|w| !w.is_empty())
        .collect();
    for start in 0..words.len() {
        for len in (1..=4).rev() {
            if start + len > words.len() {
                continue;
            }
            let phrase = words[start..start + len].join(" ");
            if len == 1 && phrase.len() <= 2 && phrase != "Z" && phrase != "PT" && phrase != "ET" {
                continue;
            }
            // Single lower-case words such as "et" or "central" in prose are not zones.
            if len == 1 && phrase.chars().all(|c| c.is_ascii_lowercase()) {
                continue;
            }
            if let Some(zone) = resolve(&phrase) {
                return Some(zone);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_what_people_write() {
        assert_eq!(resolve("PDT").unwrap().name, "America/Los_Angeles");
        assert_eq!(resolve("US/Pacific").unwrap().name, "America/Los_Angeles");
        assert_eq!(resolve("UTC+2").unwrap().name, "+02:00");
        assert_eq!(resolve("+0530").unwrap().name, "+05:30");
        assert_eq!(resolve("Europe/Berlin").unwrap().name, "Europe/Berlin");
        assert!(resolve("PR").is_none());
        assert!(resolve("Mars/Olympus").is_none());
    }

    #[test]
    fn finds_stated_zones() {
        let z = |s: &str| stated_in(s).map(|z| z.name);
        assert_eq!(
            z("*(All times US/Pacific, 24-hour clock.)*").as_deref(),
            Some("America/Los_Angeles")
        );
        assert_eq!(z("_all times are in UTC_").as_deref(), Some("UTC"));
        assert_eq!(
            z("Times are in both Eastern Daylight Time (EDT) and UTC.").as_deref(),
            Some("America/New_York")
        );
        assert_eq!(z("Timeline (in UTC)").as_deref(), Some("UTC"));
        assert_eq!(z("The central database was down"), None);
    }
}
