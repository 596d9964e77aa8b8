//! Mining a small in-memory text at once: used by tests, the accuracy
//! harness and callers that already hold the bytes.

use crate::miner::Miner;
use crate::options::Options;
use crate::profile::{Profile, SAMPLE_LINES};
use crate::time::{Timestamp, YearTracker, base_year};

/// One input line's result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MinedLine {
    /// 1-based line number.
    pub line: u64,
    pub timestamp: Option<Timestamp>,
    /// Index into [`Mined::templates`].
    pub template: u32,
    /// The line had no timestamp and belongs to the record before it.
    pub continuation: bool,
}

#[derive(Clone, Debug)]
pub struct Mined {
    pub profile: Profile,
    pub lines: Vec<MinedLine>,
    pub templates: Vec<String>,
}

/// Splits on `\n`, dropping a trailing `\r`.
pub fn split_lines(data: &[u8]) -> impl Iterator<Item = &[u8]> {
    let data = data.strip_suffix(b"\n").unwrap_or(data);
    data.split(|c| *c == b'\n')
        .map(|l| l.strip_suffix(b"\r").unwrap_or(l))
        .filter(move |_| !data.is_empty())
}

/// The instant against which a missing year is guessed.
pub fn reference_instant(opts: &Options, mtime: Option<Timestamp>) -> Timestamp {
    opts.window.map(|w| w.end).or(mtime).unwrap_or_else(|| {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        Timestamp::from_secs(now)
    })
}

/// Mines a whole text in memory.
pub fn mine_text(data: &[u8], opts: &Options) -> Mined {
    let sample: Vec<&[u8]> = split_lines(data).take(SAMPLE_LINES).collect();
    let profile = Profile::learn(&sample);
    let reference = reference_instant(opts, None);
    let mut miner = Miner::default();
    let mut years: Option<YearTracker> = None;
    let mut lines = Vec::new();
    let mut last_cluster: Option<u32> = None;
    for (i, line) in split_lines(data).enumerate() {
        let line = &line[..line.len().min(opts.max_line)];
        let v = profile.view(line);
        let timestamp = v.found.and_then(|f| {
            let t = years
                .get_or_insert_with(|| YearTracker::new(base_year(&f.raw, opts.year, reference)));
            t.resolve(&f.raw, opts.tz_offset)
        });
        let continuation = v.found.is_none() && profile.time.is_some() && last_cluster.is_some();
        let cluster = match (continuation, last_cluster) {
            (true, Some(c)) => c,
            _ => miner.mine(v.msg),
        };
        last_cluster = Some(cluster);
        lines.push((i as u64 + 1, timestamp, cluster, continuation));
    }
    let (map, templates) = miner.finish();
    let lines = lines
        .into_iter()
        .map(|(line, timestamp, c, continuation)| MinedLine {
            line,
            timestamp,
            template: map[c as usize],
            continuation,
        })
        .collect();
    Mined {
        profile,
        lines,
        templates,
    }
}
