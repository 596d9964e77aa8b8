//! Per-chunk aggregates, computed by the workers in parallel, so that the
//! sequential side (the miner and the file's statistics) works per distinct
//! sequence and per minute of a chunk rather than per line.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::header::Level;
use crate::options::Window;
use crate::time::Timestamp;

/// What the lines of one distinct masked sequence did inside a chunk.
#[derive(Clone, Debug, Default)]
pub struct LocalStats {
    pub count: u64,
    /// 1-based line of the first occurrence, counted from the chunk start.
    pub first_line: u64,
    pub levels: [u64; 7],
    pub first: Option<Timestamp>,
    pub last: Option<Timestamp>,
    pub seen_before_window: bool,
    /// Earliest time inside the window, with its (chunk-relative) line;
    /// ties keep the earlier line.
    pub first_in_window: Option<(Timestamp, u64)>,
}

/// One minute of a chunk.
#[derive(Clone, Copy, Debug, Default)]
pub struct MinuteStats {
    pub lines: u32,
    pub problems: u32,
    /// Chunk-relative, 1-based.
    pub first_line: u64,
    pub first_problem_line: u64,
}

/// Minutes are small integers: one multiply spreads them over the table
/// (the default hasher is built to resist attacks, and costs more).
#[derive(Default)]
struct MinuteHasher(u64);

impl Hasher for MinuteHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }
    fn write_i64(&mut self, v: i64) {
        self.0 = (v as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

#[derive(Debug, Default)]
pub struct ChunkSummary {
    pub lines: u64,
    pub lines_with_time: u64,
    pub continuations: u64,
    pub first_time: Option<Timestamp>,
    pub last_time: Option<Timestamp>,
    /// Indexed by the chunk-local sequence id.
    pub per_local: Vec<LocalStats>,
    /// Minutes (seconds since the epoch / 60) in order of first appearance.
    pub minutes: Vec<(i64, MinuteStats)>,
    minute_index: HashMap<i64, usize, BuildHasherDefault<MinuteHasher>>,
    /// Index in `minutes` of the last minute seen (lines mostly arrive in
    /// time order, so this avoids the map for nearly every line).
    last_minute: Option<usize>,
}

impl ChunkSummary {
    /// Counts one line. `local` is `None` for a continuation line.
    #[inline]
    pub fn note(
        &mut self,
        local: Option<u32>,
        ts: Option<Timestamp>,
        level: Option<Level>,
        window: Option<Window>,
    ) {
        self.lines += 1;
        let line = self.lines;
        if let Some(t) = ts {
            self.lines_with_time += 1;
            self.first_time = Some(self.first_time.map_or(t, |f| f.min(t)));
            self.last_time = Some(self.last_time.map_or(t, |l| l.max(t)));
            let m = self.minute(t.secs().div_euclid(60), line);
            m.lines += 1;
            if level.is_some_and(Level::is_problem) {
                if m.problems == 0 {
                    m.first_problem_line = line;
                }
                m.problems += 1;
            }
        }
        let Some(local) = local else {
            self.continuations += 1;
            return;
        };
        let local = local as usize;
        if self.per_local.len() <= local {
            self.per_local.resize(local + 1, LocalStats::default());
        }
        let st = &mut self.per_local[local];
        if st.count == 0 {
            st.first_line = line;
        }
        st.count += 1;
        if let Some(l) = level {
            st.levels[l as usize] += 1;
        }
        if let Some(t) = ts {
            st.first = Some(st.first.map_or(t, |f| f.min(t)));
            st.last = Some(st.last.map_or(t, |l| l.max(t)));
            if let Some(w) = window {
                if t < w.start {
                    st.seen_before_window = true;
                } else if t < w.end && st.first_in_window.is_none_or(|(ft, _)| t < ft) {
                    st.first_in_window = Some((t, line));
                }
            }
        }
    }

    fn minute(&mut self, minute: i64, line: u64) -> &mut MinuteStats {
        let k = match self.last_minute {
            Some(k) if self.minutes[k].0 == minute => k,
            _ => {
                let next = self.minutes.len();
                let k = *self.minute_index.entry(minute).or_insert(next);
                if k == next {
                    self.minutes.push((
                        minute,
                        MinuteStats {
                            first_line: line,
                            ..MinuteStats::default()
                        },
                    ));
                }
                k
            }
        };
        self.last_minute = Some(k);
        &mut self.minutes[k].1
    }
}
