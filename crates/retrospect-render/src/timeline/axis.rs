//! The time axis: a padded range and "nice" tick steps in UTC.

use jiff::Timestamp;

use crate::time_fmt::{utc_date, utc_time};

const MINUTE: i64 = 60;
const HOUR: i64 = 3_600;
const DAY: i64 = 86_400;
const YEAR: i64 = 365 * DAY;
/// Steps people read easily, from seconds to quarters.
const STEPS: &[i64] = &[
    1,
    2,
    5,
    10,
    15,
    30,
    MINUTE,
    2 * MINUTE,
    5 * MINUTE,
    10 * MINUTE,
    15 * MINUTE,
    30 * MINUTE,
    HOUR,
    2 * HOUR,
    3 * HOUR,
    6 * HOUR,
    12 * HOUR,
    DAY,
    2 * DAY,
    7 * DAY,
    14 * DAY,
    30 * DAY,
    91 * DAY,
    182 * DAY,
    YEAR,
];
/// At most this many ticks; with a 1000 px axis that leaves 100 px per label.
const MAX_TICKS: i64 = 10;

/// A time range mapped onto a pixel range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TimeScale {
    pub start: i64,
    pub end: i64,
    pub x0: f64,
    pub x1: f64,
}

impl TimeScale {
    /// A scale covering `min..=max` (seconds) with a little air on both sides.
    pub fn padded(min: i64, max: i64, x0: f64, x1: f64) -> Self {
        let span = (max - min).max(0);
        let pad = if span == 0 {
            30 * MINUTE
        } else {
            (span / 25).max(30)
        };
        Self {
            start: min.saturating_sub(pad),
            end: max.saturating_add(pad),
            x0,
            x1,
        }
    }

    pub fn x(&self, second: i64) -> f64 {
        let span = (self.end - self.start).max(1) as f64;
        self.x0 + (second - self.start) as f64 / span * (self.x1 - self.x0)
    }
}

/// One tick on the axis.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    pub x: f64,
    pub second: i64,
    /// "10:05", or a date when ticks are a day or more apart.
    pub label: String,
    /// The date, under the first tick and wherever the day changes.
    pub date: Option<String>,
}

/// The smallest readable step giving at most MAX_TICKS ticks.
pub fn tick_step(span: i64) -> i64 {
    STEPS
        .iter()
        .copied()
        .find(|&s| span / s < MAX_TICKS)
        .unwrap_or_else(|| (span / (MAX_TICKS * YEAR) + 1) * YEAR)
}

pub fn ticks(scale: &TimeScale) -> Vec<Tick> {
    let span = scale.end - scale.start;
    let step = tick_step(span);
    let first = scale.start.div_euclid(step) * step
        + if scale.start.rem_euclid(step) == 0 {
            0
        } else {
            step
        };
    let mut ticks = Vec::new();
    let mut previous_date: Option<String> = None;
    let mut s = first;
    while s <= scale.end {
        let Ok(ts) = Timestamp::from_second(s) else {
            break;
        };
        let date = utc_date(ts);
        let (label, date_line) = if step >= DAY {
            (date.clone(), None)
        } else {
            let changed = previous_date.as_deref() != Some(date.as_str());
            (utc_time(ts), changed.then(|| date.clone()))
        };
        previous_date = Some(date);
        ticks.push(Tick {
            x: scale.x(s),
            second: s,
            label,
            date: date_line,
        });
        s += step;
    }
    ticks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_readable() {
        assert_eq!(tick_step(2 * HOUR), 15 * MINUTE);
        assert_eq!(tick_step(90), 10);
        assert_eq!(tick_step(3 * DAY), 12 * HOUR);
        assert_eq!(tick_step(40 * YEAR), 5 * YEAR);
    }

    #[test]
    fn ticks_fall_on_round_times_with_dates_where_the_day_changes() {
        let start = 1_717_282_800; // 2024-06-01 23:00 UTC
        let scale = TimeScale {
            start,
            end: start + 2 * HOUR,
            x0: 0.0,
            x1: 1000.0,
        };
        let t = ticks(&scale);
        assert_eq!(t[0].label, "23:00");
        assert_eq!(t[0].date.as_deref(), Some("2024-06-01"));
        let midnight = t.iter().find(|t| t.label == "00:00").unwrap();
        assert_eq!(midnight.date.as_deref(), Some("2024-06-02"));
        assert!(t.len() <= 10);
        assert!(t.windows(2).all(|w| w[1].x - w[0].x >= 99.0));
    }

    #[test]
    fn a_single_instant_gets_a_range() {
        let s = TimeScale::padded(1000, 1000, 0.0, 100.0);
        assert!(s.start < 1000 && s.end > 1000);
        assert_eq!(s.x(1000), 50.0);
    }
}
