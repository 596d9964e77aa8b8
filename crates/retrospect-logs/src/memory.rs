//! Mining a small in-memory text at once: used by tests, the accuracy
//! harness and callers that already hold the bytes.

use crate::miner::Miner;
use crate::options::Options;
use crate::profile::{Profile, SAMPLE_LINES};
use crate::reader::chunk_end;
use crate::time::{Recent, Timestamp, YearTracker, base_year};

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

/// Splits on `\n` (found with `memchr`), dropping a trailing `\r`; a final
/// newline does not start an empty last line.
pub fn split_lines(data: &[u8]) -> impl Iterator<Item = &[u8]> {
    let data = data.strip_suffix(b"\n").unwrap_or(data);
    let mut ends = memchr::memchr_iter(b'\n', data);
    let mut start = 0;
    let mut done = data.is_empty();
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let end = match ends.next() {
            Some(e) => e,
            None => {
                done = true;
                data.len()
            }
        };
        let line = &data[start..end];
        start = end + 1;
        Some(line.strip_suffix(b"\r").unwrap_or(line))
    })
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
    let mut line_no = 0u64;
    let mut start = 0;
    let mut zone = opts.local_zone();
    // Chunk by chunk, as the streaming reader cuts a file, so that the
    // per-chunk state (the recent timestamp layout) matches it.
    while start < data.len() {
        let end = chunk_end(data, start);
        let mut recent = Recent::default();
        for line in split_lines(&data[start..end]) {
            line_no += 1;
            let line = &line[..line.len().min(opts.max_line)];
            let v = profile.view_with(line, &mut recent);
            let timestamp = v.found.and_then(|f| {
                let t = years.get_or_insert_with(|| {
                    YearTracker::new(base_year(&f.raw, opts.year, reference))
                });
                t.resolve_in(&f.raw, &mut zone)
            });
            let continuation =
                v.found.is_none() && profile.time.is_some() && last_cluster.is_some();
            let cluster = match (continuation, last_cluster) {
                (true, Some(c)) => c,
                _ => miner.mine(v.msg),
            };
            last_cluster = Some(cluster);
            lines.push((line_no, timestamp, cluster, continuation));
        }
        start = end;
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

#[cfg(test)]
mod tests {
    use super::split_lines;

    #[test]
    fn splits_like_the_text_says() {
        let cases: [(&[u8], &[&[u8]]); 6] = [
            (b"", &[]),
            (b"\n", &[]),
            (b"a", &[b"a"]),
            (b"a\r\nb\n", &[b"a", b"b"]),
            (b"a\n\nb", &[b"a", b"", b"b"]),
            (b"a\n\n", &[b"a", b""]),
        ];
        for (data, want) in cases {
            assert_eq!(split_lines(data).collect::<Vec<_>>(), want, "{data:?}");
        }
    }
}
