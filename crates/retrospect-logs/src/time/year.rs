//! Inferring the year for layouts that omit it (syslog, glog, ...).
//!
//! The first line gets the latest year that does not put it after a
//! reference instant (an explicit year, the incident window's end, or the
//! file's modification time: a log cannot describe its own future). From
//! then on, a jump backwards of more than half a year means New Year passed.

use super::civil::{Timestamp, civil_from_days};
use super::formats::Raw;
use super::zone::LocalZone;

/// Month and day as a comparable ordinal (31 "days" per month is enough to
/// compare and to measure half a year).
fn ordinal(month: u8, day: u8) -> i32 {
    i32::from(month) * 31 + i32::from(day)
}

/// The year to give the first year-less line of a file.
pub fn base_year(first: &Raw, explicit: Option<i32>, reference: Timestamp) -> i32 {
    if let Some(y) = explicit {
        return y;
    }
    let (y, m, d) = civil_from_days(reference.secs().div_euclid(86_400));
    let y = y as i32;
    // Allow a day of slack for time zones.
    if ordinal(first.month, first.day) > ordinal(m as u8, d as u8) + 1 {
        y - 1
    } else {
        y
    }
}

/// Follows the year through a file, line by line.
#[derive(Clone, Copy, Debug)]
pub struct YearTracker {
    pub year: i32,
    last: Option<i32>,
}

impl YearTracker {
    pub fn new(year: i32) -> Self {
        YearTracker { year, last: None }
    }

    /// Resolves one line's timestamp, advancing the year on a wrap; a time
    /// without offset is read at `default_offset` seconds east of UTC.
    pub fn resolve(&mut self, raw: &Raw, default_offset: i32) -> Option<Timestamp> {
        self.resolve_in(raw, &mut LocalZone::fixed(default_offset))
    }

    /// [`YearTracker::resolve`], reading a time without offset in `zone`.
    #[inline]
    pub fn resolve_in(&mut self, raw: &Raw, zone: &mut LocalZone) -> Option<Timestamp> {
        if raw.year.is_none() && raw.absolute.is_none() {
            let cur = ordinal(raw.month, raw.day);
            if let Some(prev) = self.last
                && cur + 183 < prev
            {
                self.year += 1;
            }
            self.last = Some(cur);
        }
        raw.resolve_in(self.year, zone)
    }
}

#[cfg(test)]
mod tests {
    use super::super::formats::syslog;
    use super::*;

    #[test]
    fn wraps_new_year() {
        let dec = syslog(b"Dec 31 23:59:59 h").unwrap().0;
        let jan = syslog(b"Jan  1 00:00:01 h").unwrap().0;
        let mut t = YearTracker::new(2023);
        assert_eq!(
            t.resolve(&dec, 0).unwrap().to_string(),
            "2023-12-31T23:59:59Z"
        );
        assert_eq!(
            t.resolve(&jan, 0).unwrap().to_string(),
            "2024-01-01T00:00:01Z"
        );
        // Slightly out of order lines do not wrap.
        let mut t = YearTracker::new(2023);
        t.resolve(&syslog(b"Jun 14 15:16:02 h").unwrap().0, 0);
        let back = t
            .resolve(&syslog(b"Jun 14 15:16:01 h").unwrap().0, 0)
            .unwrap();
        assert_eq!(back.to_string(), "2023-06-14T15:16:01Z");
    }

    #[test]
    fn base_year_never_in_the_future() {
        let mtime = Timestamp::parse_rfc3339("2025-01-03T00:00:00Z").unwrap();
        let dec = syslog(b"Dec 30 10:00:00 h").unwrap().0;
        assert_eq!(base_year(&dec, None, mtime), 2024);
        let jan = syslog(b"Jan  2 10:00:00 h").unwrap().0;
        assert_eq!(base_year(&jan, None, mtime), 2025);
        assert_eq!(base_year(&jan, Some(2005), mtime), 2005);
    }
}
