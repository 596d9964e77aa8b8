//! Options the CLI passes down. Everything has a sensible default: the
//! engine is meant to work with no configuration at all.

use crate::error::LogError;
use crate::time::{LocalZone, Timestamp};

/// An incident window, inclusive start, exclusive end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    pub start: Timestamp,
    pub end: Timestamp,
}

#[derive(Clone, Debug)]
pub struct Options {
    /// Offset (seconds east of UTC) for lines whose timestamps carry none.
    /// Ignored when `tz` is set.
    pub tz_offset: i32,
    /// A named zone (`Europe/Berlin`) for lines whose timestamps carry no
    /// offset, daylight saving time included; set it with
    /// [`Options::with_tz`].
    pub tz: Option<jiff::tz::TimeZone>,
    /// Year for layouts without one; otherwise inferred from the window or
    /// the file's modification time.
    pub year: Option<i32>,
    /// The incident window, for year inference and proposals.
    pub window: Option<Window>,
    /// Worker threads; 0 means one per available core.
    pub threads: usize,
    /// Lines longer than this are cut for mining (the line still counts).
    pub max_line: usize,
    /// Example lines kept per template.
    pub examples: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            tz_offset: 0,
            tz: None,
            year: None,
            window: None,
            threads: 0,
            max_line: 64 * 1024,
            examples: 3,
        }
    }
}

impl Options {
    /// Parses a `--tz` value: `UTC`, `Z`, `+02:00`, `-0700`, `+5`.
    pub fn parse_tz(s: &str) -> Result<i32, LogError> {
        let bad = || LogError::BadOption {
            option: "tz",
            value: s.to_string(),
            hint: "use a fixed offset such as +02:00, -0700 or UTC",
        };
        let t = s.trim();
        if t.eq_ignore_ascii_case("utc")
            || t.eq_ignore_ascii_case("z")
            || t.eq_ignore_ascii_case("gmt")
        {
            return Ok(0);
        }
        let t = t
            .strip_prefix("UTC")
            .or_else(|| t.strip_prefix("GMT"))
            .unwrap_or(t);
        let (sign, body) = match t.as_bytes().first() {
            Some(b'+') => (1, &t[1..]),
            Some(b'-') => (-1, &t[1..]),
            _ => return Err(bad()),
        };
        let digits: String = body.chars().filter(|c| *c != ':').collect();
        if digits.is_empty() || digits.len() > 4 || !digits.bytes().all(|c| c.is_ascii_digit()) {
            return Err(bad());
        }
        let (h, m) = if digits.len() <= 2 {
            (digits.parse::<i32>().map_err(|_| bad())?, 0)
        } else {
            let (h, m) = digits.split_at(digits.len() - 2);
            (
                h.parse::<i32>().map_err(|_| bad())?,
                m.parse::<i32>().map_err(|_| bad())?,
            )
        };
        if h > 18 || m > 59 {
            return Err(bad());
        }
        Ok(sign * (h * 3600 + m * 60))
    }

    /// Sets the zone for timestamps written without an offset, from a `--tz`
    /// value: a fixed offset (`UTC`, `+02:00`, `-0700`) or an IANA zone name
    /// (`Europe/Berlin`, `America/New_York`), whose daylight saving time is
    /// honoured line by line.
    pub fn with_tz(mut self, s: &str) -> Result<Options, LogError> {
        if let Ok(offset) = Options::parse_tz(s) {
            self.tz_offset = offset;
            self.tz = None;
            return Ok(self);
        }
        let name = s.trim();
        match jiff::tz::TimeZone::get(name) {
            Ok(tz) if !name.is_empty() => {
                self.tz = Some(tz);
                self.tz_offset = 0;
                Ok(self)
            }
            _ => Err(LogError::BadOption {
                option: "tz",
                value: s.to_string(),
                hint: "use a zone name such as Europe/Berlin or America/New_York, \
                       or a fixed offset such as +02:00, -0700 or UTC",
            }),
        }
    }

    /// How the workers read zone-less times (one per worker: it caches).
    pub fn local_zone(&self) -> LocalZone {
        match &self.tz {
            Some(tz) => LocalZone::named(tz.clone()),
            None => LocalZone::fixed(self.tz_offset),
        }
    }

    /// Number of worker threads to use.
    pub fn worker_threads(&self) -> usize {
        if self.threads > 0 {
            self.threads
        } else {
            std::thread::available_parallelism().map_or(1, |n| n.get())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_offsets() {
        assert_eq!(Options::parse_tz("UTC").unwrap(), 0);
        assert_eq!(Options::parse_tz("+02:00").unwrap(), 7200);
        assert_eq!(Options::parse_tz("-0700").unwrap(), -25200);
        assert_eq!(Options::parse_tz("UTC+5").unwrap(), 18000);
        assert!(Options::parse_tz("Mars/Olympus").is_err());
    }

    #[test]
    fn zone_names_and_offsets() {
        let o = Options::default().with_tz("Europe/Berlin").unwrap();
        assert!(o.tz.is_some());
        let o = o.with_tz("+05:30").unwrap();
        assert_eq!((o.tz_offset, o.tz.is_none()), (19_800, true));
        let e = Options::default().with_tz("Mars/Olympus").unwrap_err();
        let text = e.to_string();
        assert!(
            text.contains("Mars/Olympus") && text.contains("Europe/Berlin"),
            "{text}"
        );
        assert!(Options::default().with_tz("").is_err());
    }
}
