//! Reading zone-less timestamps in the zone the person named (`--tz`): a
//! fixed offset, or an IANA zone such as `Europe/Berlin` with its daylight
//! saving time honoured line by line.
//!
//! The zone database (jiff, bundled) is consulted only now and then: after
//! one lookup we remember the stretch of local time, between two offset
//! changes, where the same offset holds, and answer from it. The stretch is
//! kept two days clear of each change, so lines in the hours around a change
//! (gaps and repeated hours) always go to the database.

use jiff::tz::TimeZone;

/// Local times this close to an offset change are always looked up (no
/// change in the database moves clocks by more than about a day).
const MARGIN_SECS: i64 = 2 * 86_400;

/// Turns local wall-clock seconds into UTC seconds. One per worker (it
/// keeps a small cache); cheap to create.
#[derive(Clone, Debug)]
pub struct LocalZone {
    zone: Zone,
    /// Local seconds `[lo, hi)` where `offset` is known to hold.
    cache: Option<(i64, i64, i32)>,
}

#[derive(Clone, Debug)]
enum Zone {
    Fixed(i32),
    Named(TimeZone),
}

impl LocalZone {
    /// A fixed offset, in seconds east of UTC.
    pub fn fixed(offset_secs: i32) -> Self {
        LocalZone {
            zone: Zone::Fixed(offset_secs),
            cache: None,
        }
    }

    /// A named zone from the time zone database.
    pub fn named(tz: TimeZone) -> Self {
        LocalZone {
            zone: Zone::Named(tz),
            cache: None,
        }
    }

    /// UTC seconds of a local wall-clock time (seconds since the epoch as if
    /// the wall clock were UTC). A time skipped by a change (spring
    /// forward) is read with the offset before it, a repeated time (fall
    /// back) as its first occurrence, as RFC 5545 and jiff's "compatible"
    /// rule do.
    #[inline]
    pub fn to_utc(&mut self, local: i64) -> i64 {
        match &self.zone {
            Zone::Fixed(offset) => local - i64::from(*offset),
            Zone::Named(_) => match self.cache {
                Some((lo, hi, offset)) if (lo..hi).contains(&local) => local - i64::from(offset),
                _ => self.look_up(local),
            },
        }
    }

    #[cold]
    fn look_up(&mut self, local: i64) -> i64 {
        let Zone::Named(tz) = &self.zone else {
            return local;
        };
        let Ok(as_utc) = jiff::Timestamp::from_second(local) else {
            return local;
        };
        let wall = TimeZone::UTC.to_datetime(as_utc);
        let Ok(ts) = tz.to_ambiguous_timestamp(wall).compatible() else {
            return local;
        };
        let offset = tz.to_offset(ts).seconds();
        // The stretch between the change at or before `ts` and the next one.
        let after_ts = ts
            .checked_add(jiff::SignedDuration::from_secs(1))
            .unwrap_or(ts);
        let start = tz
            .preceding(after_ts)
            .next()
            .map_or(i64::MIN / 4, |t| t.timestamp().as_second());
        let end = tz
            .following(ts)
            .next()
            .map_or(i64::MAX / 4, |t| t.timestamp().as_second());
        let (lo, hi) = (
            start + i64::from(offset) + MARGIN_SECS,
            end + i64::from(offset) - MARGIN_SECS,
        );
        self.cache = (lo < hi).then_some((lo, hi, offset));
        ts.as_second()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn berlin() -> LocalZone {
        LocalZone::named(TimeZone::get("Europe/Berlin").unwrap())
    }

    /// Local seconds of a wall-clock time written as RFC 3339 without zone.
    fn local(s: &str) -> i64 {
        crate::time::Timestamp::parse_rfc3339(&format!("{s}Z"))
            .unwrap()
            .secs()
    }

    fn utc(s: &str) -> i64 {
        crate::time::Timestamp::parse_rfc3339(s).unwrap().secs()
    }

    #[test]
    fn honours_daylight_saving_time() {
        let mut z = berlin();
        // Winter: UTC+1; summer: UTC+2.
        assert_eq!(
            z.to_utc(local("2024-01-15T12:00:00")),
            utc("2024-01-15T11:00:00Z")
        );
        assert_eq!(
            z.to_utc(local("2024-07-15T12:00:00")),
            utc("2024-07-15T10:00:00Z")
        );
        // Answered from the cache, same stretch.
        assert_eq!(
            z.to_utc(local("2024-07-16T12:00:00")),
            utc("2024-07-16T10:00:00Z")
        );
        // Around the spring change (31 March 2024, 02:00 -> 03:00).
        assert_eq!(
            z.to_utc(local("2024-03-31T01:59:59")),
            utc("2024-03-31T00:59:59Z")
        );
        assert_eq!(
            z.to_utc(local("2024-03-31T03:00:00")),
            utc("2024-03-31T01:00:00Z")
        );
        // A skipped time takes the offset before the gap.
        assert_eq!(
            z.to_utc(local("2024-03-31T02:30:00")),
            utc("2024-03-31T01:30:00Z")
        );
        // A repeated time (27 October 2024, 02:00-03:00 twice): the first.
        assert_eq!(
            z.to_utc(local("2024-10-27T02:30:00")),
            utc("2024-10-27T00:30:00Z")
        );
        assert_eq!(
            z.to_utc(local("2024-10-27T03:00:00")),
            utc("2024-10-27T02:00:00Z")
        );
    }

    #[test]
    fn cache_agrees_with_the_database_hour_by_hour() {
        let tz = TimeZone::get("America/New_York").unwrap();
        let mut cached = LocalZone::named(tz.clone());
        let start = local("2023-10-01T00:00:00");
        for h in 0..(24 * 400) {
            let l = start + h * 3600 + 1234;
            let mut fresh = LocalZone::named(tz.clone());
            assert_eq!(cached.to_utc(l), fresh.to_utc(l), "hour {h}");
        }
    }

    #[test]
    fn fixed_offsets() {
        let mut z = LocalZone::fixed(-7 * 3600);
        assert_eq!(
            z.to_utc(local("2024-01-15T12:00:00")),
            utc("2024-01-15T19:00:00Z")
        );
    }
}
