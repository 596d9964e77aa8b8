//! T (time-bound): the due string must name a real calendar day. A month or quarter,
//! even with its year, is classified as a period and fails T too. "ASAP", "Q3", "soon",
//! "next sprint" and relative dates do not, because nobody can tell when they are late.

use regex::Regex;
use std::sync::LazyLock;

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ][0-9:.+\-Z ]*)?$").unwrap()
});
static DMY: LazyLock<Regex> =
    LazyLock::new(|| crate::text::compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$").unwrap());
static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(r"(?i)^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]{3,9})\.?,?\s+(\d{4})$").unwrap()
});
static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(r"(?i)^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$").unwrap()
});
/// "Dec 1", "1 December": a day without its year is still a day (the next one).
static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(r"(?i)^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?$").unwrap()
});
static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(r"(?i)^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]{3,9})\.?$").unwrap()
});
static MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(r"(?i)^(?:(?:end|mid|start|beginning)\s+of\s+)?([a-z]{3,9})\.?\s+(\d{4})$")
        .unwrap()
});
static YEAR_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(r"(?i)^(?:\d{4}-(?:0[1-9]|1[0-2])|(?:0?[1-9]|1[0-2])/\d{4}|(?:end|by\s+end)\s+of\s+\d{4}|h[12]\s*\d{4}|\d{4}\s*-?\s*h[12])$").unwrap()
});
static QUARTER_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(r"(?i)^(?:(?:end|start)\s+of\s+)?(?:q[1-4]\s*[-/ ]?\s*(?:fy)?\d{2,4}|(?:fy)?\d{4}\s*[-/ ]?\s*q[1-4])$").unwrap()
});

fn month(name: &str) -> Option<u32> {
    let n = name.to_ascii_lowercase();
    const M: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let idx = M.iter().position(|m| n.starts_with(m))?;
    // "sept" and full names are fine; "marching" is not a month.
    const FULL: [&str; 12] = [
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
    (FULL[idx].starts_with(&n) || n == "sept").then_some(idx as u32 + 1)
}

fn valid_ymd(y: u32, m: u32, d: u32) -> bool {
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        2 => 28,
        _ => return false,
    };
    (1900..=2999).contains(&y) && d >= 1 && d <= days
}

/// What the due string amounts to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    Missing,
    Date,
    /// A month or quarter with its year: still a period, not a date (fails T).
    Period,
    Vague,
}

pub fn classify(due: Option<&str>) -> Due {
    let Some(s) = due.map(str::trim).filter(|s| !s.is_empty()) else {
        return Due::Missing;
    };
    let s = s
        .trim_start_matches("by ")
        .trim_start_matches("due ")
        .trim();
    let num = |c: &regex::Captures, i: usize| c[i].parse::<u32>().unwrap_or(0);
    if let Some(c) = ISO.captures(s) {
        return if valid_ymd(num(&c, 1), num(&c, 2), num(&c, 3)) {
            Due::Date
        } else {
            Due::Vague
        };
    }
    if let Some(c) = DMY.captures(s) {
        let (a, b, y) = (num(&c, 1), num(&c, 2), num(&c, 3));
        return if valid_ymd(y, b, a) || valid_ymd(y, a, b) {
            Due::Date
        } else {
            Due::Vague
        };
    }
    if let Some(c) = DAY_MONTH_YEAR.captures(s)
        && let Some(m) = month(&c[2])
    {
        return if valid_ymd(num(&c, 3), m, num(&c, 1)) {
            Due::Date
        } else {
            Due::Vague
        };
    }
    if let Some(c) = MONTH_DAY_YEAR.captures(s)
        && let Some(m) = month(&c[1])
    {
        return if valid_ymd(num(&c, 3), m, num(&c, 2)) {
            Due::Date
        } else {
            Due::Vague
        };
    }
    // 2024 is a leap year, so "Feb 29" is accepted and "Feb 30" is not.
    if let Some(c) = MONTH_DAY.captures(s)
        && let Some(m) = month(&c[1])
    {
        return if valid_ymd(2024, m, num(&c, 2)) {
            Due::Date
        } else {
            Due::Vague
        };
    }
    if let Some(c) = DAY_MONTH.captures(s)
        && let Some(m) = month(&c[2])
    {
        return if valid_ymd(2024, m, num(&c, 1)) {
            Due::Date
        } else {
            Due::Vague
        };
    }
    if let Some(c) = MONTH_YEAR.captures(s)
        && month(&c[1]).is_some()
    {
        return Due::Period;
    }
    if YEAR_MONTH.is_match(s) {
        return Due::Period;
    }
    if QUARTER_YEAR.is_match(s) {
        return Due::Period;
    }
    Due::Vague
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        for d in [
            "2026-12-01",
            "2026/12/01",
            "01/12/2026",
            "1 Dec 2026",
            "December 1, 2026",
            "Tue, 1 Dec 2026",
            "2026-12-01T17:00:00Z",
            "Dec 1",
            "1 Dec",
            "December 1st",
            "Nov 30",
        ] {
            assert_eq!(classify(Some(d)), Due::Date, "{d}");
        }
        for d in [
            "Q3 2026",
            "2026-Q3",
            "March 2026",
            "end of March 2026",
            "2026-12",
            "H2 2026",
            "end of 2026",
        ] {
            assert_eq!(classify(Some(d)), Due::Period, "{d}");
        }
        for d in [
            "ASAP",
            "Q3",
            "next sprint",
            "soon",
            "TBD",
            "2026-02-30",
            "Friday",
            "in 2 weeks",
            "EOW",
            "end of quarter",
            "Nov 31",
            "end of sprint",
        ] {
            assert_eq!(classify(Some(d)), Due::Vague, "{d}");
        }
        assert_eq!(classify(None), Due::Missing);
        assert_eq!(classify(Some("  ")), Due::Missing);
    }
}
