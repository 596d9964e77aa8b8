//! Dates and times as incident reports write them at the start of an entry:
//! `14:02 UTC: …`, `**09:45** - …`, `2020-09-02 14:02: …`,
//! `2024-06-28 7:09 AM Eastern:`, `13:14 EDT (17:14 UTC): …`,
//! `2021-07-02T07:32:00Z`, `July 2nd 14:02`, or a date alone.

use std::sync::LazyLock;

use jiff::civil::{Date, Time};
use regex::Regex;

use super::zones::{self, Zone};

const MONTHS: &str = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    // An ISO date may run straight into its time: 2021-07-02T07:32.
    let iso = r"(?P<y>\d{4})[-/](?P<mo>\d{1,2})[-/](?P<d>\d{1,2})(?:T|\b)";
    let month_first = format!(
        r"(?P<mn1>{MONTHS})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y1>\d{{4}}))?"
    );
    let day_first = format!(
        r"(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mn2>{MONTHS})\.?(?:,?\s+(?P<y2>\d{{4}}))?"
    );
    let weekday = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?";
    Regex::new(&format!(
        r"(?i)\b{weekday}(?:{iso}|(?:{month_first}|{day_first})\b)"
    ))
    .unwrap_or_else(|_| never())
});

static TIME_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^
        (?P<h>\d{1,2}):(?P<m>\d{2})
        (?::(?P<s>\d{2})(?:[.,](?P<f>\d{1,9}))?)?
        (?:\s*(?P<ampm>[ap])\.?m\.?(?:\b|$))?",
    )
    .unwrap_or_else(|_| never())
});

/// The patterns above are fixed and tested; a failure to compile them is a
/// bug in this file, found by the first test that runs.
fn never() -> Regex {
    Regex::new("$^").unwrap_or_else(|_| unreachable!("an empty regex always compiles"))
}

/// What opens an entry.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Head<'a> {
    pub date: Option<Date>,
    pub time: Option<Time>,
    pub zone: Option<Zone>,
    /// The entry's text after the date, time, zone and separator.
    pub rest: &'a str,
    /// The whole entry is bold (`**21:17 UTC: text**`): the text keeps its `**`.
    pub bold: bool,
    /// A footnote reference right after the time (`2023-03-03[^3]:`), kept with the text.
    pub footnote: Option<&'a str>,
}

/// Reads the date/time that opens `content`, if it opens with one.
pub(crate) fn entry_head(content: &str, year_hint: Option<i16>) -> Option<Head<'_>> {
    let (bold_open, body) = match content
        .strip_prefix("**")
        .or_else(|| content.strip_prefix("__"))
    {
        Some(b) => (true, b),
        None => (false, content),
    };
    let body = body.trim_start();
    let (date, after_date) = match leading_date(body, year_hint) {
        Some((d, len)) => (Some(d), &body[len..]),
        None => (None, body),
    };
    let time_start = if date.is_some() {
        after_date
            .strip_prefix('T')
            .or_else(|| after_date.strip_prefix(','))
            .unwrap_or(after_date)
            .trim_start()
    } else {
        after_date
    };
    let time_start = time_start.strip_prefix("at ").unwrap_or(time_start);
    let (time, after_time) = match leading_time(time_start) {
        Some((t, len)) => (Some(t), &time_start[len..]),
        None => (None, after_date),
    };
    if date.is_none() && time.is_none() {
        return None;
    }
    let (zone, mut rest) = if time.is_some() {
        leading_zone(after_time)
    } else {
        (None, after_time)
    };
    let mut bold = bold_open;
    if bold_open && let Some(r) = rest.strip_prefix("**").or_else(|| rest.strip_prefix("__")) {
        // Only the time was bold: `**09:45** - text`.
        bold = false;
        rest = r;
    }
    let mut footnote = None;
    if rest.starts_with("[^")
        && let Some(end) = rest.find(']')
    {
        footnote = Some(&rest[..=end]);
        rest = &rest[end + 1..];
    }
    let separated = rest.is_empty()
        || rest.starts_with(char::is_whitespace)
        || rest.starts_with([':', '-', '–', '—', ',', '|', '.']);
    if !separated {
        return None;
    }
    let rest = rest
        .trim_start()
        .trim_start_matches([':', '-', '–', '—', ',', '|'])
        .trim_start();
    // A date alone must be followed by a separator or text, never by more digits.
    if time.is_none() && rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some(Head {
        date,
        time,
        zone,
        rest,
        bold,
        footnote,
    })
}

/// A date at the very start of `text`, and the bytes it takes.
fn leading_date(text: &str, year_hint: Option<i16>) -> Option<(Date, usize)> {
    let m = DATE.captures(text)?;
    let whole = m.get(0)?;
    if whole.start() != 0 {
        return None;
    }
    Some((date_of(&m, year_hint)?, whole.end()))
}

/// Every date mentioned in a sentence.
pub(crate) fn dates_in(text: &str, year_hint: Option<i16>) -> Vec<Date> {
    DATE.captures_iter(text)
        .filter_map(|m| date_of(&m, year_hint))
        .collect()
}

fn date_of(m: &regex::Captures<'_>, year_hint: Option<i16>) -> Option<Date> {
    let num = |name: &str| m.name(name).and_then(|v| v.as_str().parse::<i16>().ok());
    let (year, month, day) = if let Some(y) = num("y") {
        (y, num("mo")? as i8, num("d")? as i8)
    } else if let Some(mn) = m.name("mn1") {
        (
            num("y1").or(year_hint)?,
            month_number(mn.as_str())?,
            num("d1")? as i8,
        )
    } else {
        (
            num("y2").or(year_hint)?,
            month_number(m.name("mn2")?.as_str())?,
            num("d2")? as i8,
        )
    };
    Date::new(year, month, day).ok()
}

fn month_number(name: &str) -> Option<i8> {
    let prefix = name.get(..3)?.to_ascii_lowercase();
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    months
        .iter()
        .position(|m| *m == prefix)
        .map(|i| i as i8 + 1)
}

/// The text with month names (and their abbreviations) removed.
pub(crate) fn strip_month_names(text: &str) -> String {
    static MONTH: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(&format!(r"(?i)\b{MONTHS}\b\.?")).unwrap_or_else(|_| never()));
    MONTH.replace_all(text, " ").into_owned()
}

/// A time of day at the start of `text`, and the bytes it takes.
fn leading_time(text: &str) -> Option<(Time, usize)> {
    let m = TIME_ONLY.captures(text)?;
    let num = |name: &str| m.name(name).and_then(|v| v.as_str().parse::<i32>().ok());
    let mut hour = num("h")?;
    let minute = num("m")?;
    let second = num("s").unwrap_or(0);
    let nanos = m.name("f").map_or(0, |f| {
        let digits = f.as_str();
        let padded = format!("{digits:0<9}");
        padded.parse::<i32>().unwrap_or(0)
    });
    if let Some(ampm) = m.name("ampm") {
        if !(1..=12).contains(&hour) {
            return None;
        }
        let pm = ampm.as_str().eq_ignore_ascii_case("p");
        hour = match (hour, pm) {
            (12, false) => 0,
            (12, true) => 12,
            (h, true) => h + 12,
            (h, false) => h,
        };
    }
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let time = Time::new(hour as i8, minute as i8, second.min(59) as i8, nanos).ok()?;
    let end = m.get(0)?.end();
    // "12:30-13:00" style ranges and "10:15am" are fine; "12:345" is not a time.
    if text[end..].starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some((time, end))
}

/// A zone right after a time: `UTC`, `Z`, `PDT`, `(PDT)`, `+02:00`,
/// `UTC+2`, `Pacific`, `Eastern Daylight Time`. Returns the rest after it.
fn leading_zone(text: &str) -> (Option<Zone>, &str) {
    let trimmed = text.trim_start();
    // Try the longest candidates first: up to four words, then shorter.
    let words: Vec<(usize, &str)> = word_spans(trimmed).into_iter().take(4).collect();
    for n in (1..=words.len()).rev() {
        let end = words[n - 1].0 + words[n - 1].1.len();
        let phrase = &trimmed[..end];
        let core = phrase.trim_matches(['(', ')']);
        let closes = !phrase.starts_with('(') || phrase.ends_with(')');
        if closes && let Some(zone) = zones::resolve(core) {
            let is_word = core.chars().all(|c| c.is_ascii_alphabetic() || c == ' ');
            // Lower-case short words in running text ("at", "pt") are not zones.
            if is_word && core.len() <= 3 && core != core.to_ascii_uppercase() {
                continue;
            }
            // "Central" or "Pacific" alone counts only when the text moves on
            // after it (`7:09 AM Eastern: …`), not in "20:00 Central database …".
            let after = trimmed[end..].trim_start();
            let single_word = is_word && core.len() > 3 && !core.contains(' ');
            if single_word
                && !after.is_empty()
                && !after.starts_with([':', '-', '–', '—', ',', ')', '('])
            {
                continue;
            }
            return (Some(zone), &trimmed[end..]);
        }
    }
    // `07:32Z` and `07:32+02:00` have no space before the zone.
    (None, text)
}

/// Words (with their offsets) at the start of `text`, stopping at ':' or ','.
fn word_spans(text: &str) -> Vec<(usize, &str)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let part_of_word = !c.is_whitespace() && !matches!(c, ':' | ',' | '*' | '_' | ';')
            || (c == ':'
                && start.is_some()
                && text[i + 1..].starts_with(|d: char| d.is_ascii_digit()));
        match (part_of_word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                spans.push((s, &text[s..i]));
                start = None;
                if !c.is_whitespace() {
                    break;
                }
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push((s, &text[s..]));
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(s: &str) -> Head<'_> {
        entry_head(s, Some(2021)).unwrap_or_else(|| panic!("no head in {s:?}"))
    }

    #[test]
    fn reads_common_entry_openings() {
        let h = head("20:09 UTC: The GitHub user registers");
        assert_eq!(
            (h.time, h.zone.map(|z| z.name), h.rest),
            (
                Some(jiff::civil::time(20, 9, 0, 0)),
                Some("UTC".into()),
                "The GitHub user registers"
            )
        );
        let h = head("**09:45** - text");
        assert_eq!(
            (h.time.map(|t| t.minute()), h.bold, h.rest),
            (Some(45), false, "text")
        );
        let h = head("**21:31 UTC: GitHub updates their status page**");
        assert!(h.bold);
        assert_eq!(h.rest, "GitHub updates their status page**");
        let h = head("2024-06-28 7:09 AM Eastern:");
        assert_eq!(
            (
                h.date.map(|d| d.day()),
                h.time.map(|t| t.hour()),
                h.zone.map(|z| z.name)
            ),
            (Some(28), Some(7), Some("America/New_York".into()))
        );
        let h = head("13:14 EDT (17:14 UTC): A user emails");
        assert_eq!(h.rest, "(17:14 UTC): A user emails");
        let h = head("2021-07-02T07:32:00Z some event");
        assert_eq!(
            (h.date.map(|d| d.month()), h.zone.map(|z| z.name), h.rest),
            (Some(7), Some("UTC".into()), "some event")
        );
        let h = head("2024-11-22 Investigation continues");
        assert_eq!((h.time, h.rest), (None, "Investigation continues"));
        let h = head("2023-03-03[^3]:");
        assert_eq!((h.footnote, h.rest), (Some("[^3]"), ""));
        let h = head("08:42:33 new user account created");
        assert_eq!(h.time.map(|t| t.second()), Some(33));
        let h = head("July 2nd 14:02 - it broke");
        assert_eq!((h.date.map(|d| d.day()), h.rest), (Some(2), "it broke"));
        let h = head("14:33, admin@pypi.org receives an email");
        assert_eq!(h.rest, "admin@pypi.org receives an email");
    }

    #[test]
    fn ignores_what_is_not_a_time() {
        for s in [
            "4.5 hours later",
            "10:1 ratio",
            "Investigation",
            "2023-MM-DD[^1]:",
            "25:00 is late",
            "v1.2.3",
        ] {
            assert!(entry_head(s, Some(2021)).is_none(), "{s}");
        }
    }

    #[test]
    fn finds_dates_in_sentences() {
        let d = dates_in(
            "Unless otherwise noted all events happened on 2019-10-21, and",
            None,
        );
        assert_eq!(d, vec![jiff::civil::date(2019, 10, 21)]);
        let d = dates_in("Update on the October 15, 2018 incident", None);
        assert_eq!(d, vec![jiff::civil::date(2018, 10, 15)]);
        assert!(dates_in("On Monday, Oct 15, starting", None).is_empty());
    }
}
