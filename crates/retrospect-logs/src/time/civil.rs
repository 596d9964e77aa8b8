//! Calendar arithmetic and the UTC instant type.
//!
//! We do our own proleptic-Gregorian arithmetic (Howard Hinnant's algorithms)
//! because it runs once per log line on the hot path and must not allocate
//! or consult a time-zone database.

use std::fmt;

use serde::{Serialize, Serializer};

/// An instant in UTC, in microseconds since the Unix epoch.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub i64);

impl Timestamp {
    pub const MICROS_PER_SEC: i64 = 1_000_000;

    /// Builds an instant from whole seconds since the epoch.
    pub fn from_secs(secs: i64) -> Self {
        Timestamp(secs.saturating_mul(Self::MICROS_PER_SEC))
    }

    /// Whole seconds since the epoch (floor).
    pub fn secs(self) -> i64 {
        self.0.div_euclid(Self::MICROS_PER_SEC)
    }

    /// Parses the RFC 3339 text this type prints (used for options and tests).
    pub fn parse_rfc3339(s: &str) -> Option<Self> {
        let (raw, len) = super::formats::iso(s.as_bytes())?;
        if len != s.len() {
            return None;
        }
        raw.resolve_with_year(raw.year?, 0)
    }
}

impl fmt::Display for Timestamp {
    /// RFC 3339 in UTC with `Z`, milliseconds when the sub-second part fits,
    /// microseconds otherwise, nothing when it is zero.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let secs = self.secs();
        let micros = self.0.rem_euclid(Self::MICROS_PER_SEC);
        let days = secs.div_euclid(86_400);
        let sod = secs.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        write!(
            f,
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}",
            sod / 3600,
            (sod / 60) % 60,
            sod % 60
        )?;
        if micros != 0 {
            if micros % 1000 == 0 {
                write!(f, ".{:03}", micros / 1000)?;
            } else {
                write!(f, ".{micros:06}")?;
            }
        }
        f.write_str("Z")
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (i64::from(m) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day count since 1970-01-01.
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Number of days in a month; used to reject `Feb 30` style false positives.
pub fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_days() {
        for z in [-800_000, -1, 0, 1, 10_957, 19_000, 2_932_896] {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
    }

    #[test]
    fn prints_rfc3339() {
        assert_eq!(Timestamp(0).to_string(), "1970-01-01T00:00:00Z");
        let t = Timestamp(1_445_191_307_978_000);
        assert_eq!(t.to_string(), "2015-10-18T18:01:47.978Z");
        assert_eq!(Timestamp(1).to_string(), "1970-01-01T00:00:00.000001Z");
        assert_eq!(Timestamp(-1).to_string(), "1969-12-31T23:59:59.999999Z");
    }
}
