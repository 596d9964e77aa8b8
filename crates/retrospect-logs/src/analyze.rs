//! Streaming analysis of a file into evidence: templates with counts and
//! first/last seen, the file's time range and counts, and proposals.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::error::{LogError, Warning};
use crate::header::Level;
use crate::miner::Miner;
use crate::options::Options;
use crate::pipeline::{self, ChunkOut};
use crate::profile::Profile;
use crate::proposals::{Proposal, propose};
use crate::time::Timestamp;

/// Progress of a running analysis, for bytes, lines/s and time left.
#[derive(Clone, Debug, Serialize)]
pub struct Progress {
    pub path: PathBuf,
    /// Bytes taken from the file (compressed bytes for gzip).
    pub bytes_read: u64,
    /// File size on disk, when known.
    pub total_bytes: Option<u64>,
    pub lines: u64,
}

/// A line of a file, for linking evidence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LineRef {
    pub path: PathBuf,
    /// 1-based.
    pub line: u64,
}

/// One mined pattern.
#[derive(Clone, Debug, Serialize)]
pub struct TemplateSummary {
    pub id: u32,
    pub template: String,
    pub count: u64,
    pub first_seen: Option<Timestamp>,
    pub last_seen: Option<Timestamp>,
    /// Most frequent level among its lines, when the log has levels.
    pub level: Option<Level>,
    pub examples: Vec<String>,
    /// First line of the pattern.
    pub first_line: u64,
}

/// Per-minute activity of a file, the input of burst and silence proposals.
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct Bucket {
    pub lines: u32,
    pub problems: u32,
    pub first_line: u64,
    pub first_problem_line: u64,
}

/// Everything learned from one file.
#[derive(Clone, Debug, Serialize)]
pub struct FileAnalysis {
    pub path: PathBuf,
    pub profile: Profile,
    pub gzip: bool,
    pub lines: u64,
    pub lines_with_time: u64,
    pub continuations: u64,
    pub truncated_lines: u64,
    pub first_time: Option<Timestamp>,
    pub last_time: Option<Timestamp>,
    pub templates: Vec<TemplateSummary>,
    pub proposals: Vec<Proposal>,
    pub warnings: Vec<Warning>,
    /// Minute (seconds since epoch / 60) -> activity.
    #[serde(skip)]
    pub minutes: BTreeMap<i64, Bucket>,
}

/// Statistics of one Drain cluster.
#[derive(Clone, Debug, Default)]
pub struct ClusterStats {
    pub count: u64,
    pub first: Option<Timestamp>,
    pub last: Option<Timestamp>,
    pub levels: [u64; 7],
    pub examples: Vec<String>,
    pub first_line: u64,
    pub seen_before_window: bool,
    pub first_in_window: Option<(Timestamp, u64)>,
}

/// Most minutes tracked per file (two years); bounded memory for proposals.
const MAX_MINUTES: usize = 1_100_000;

/// Accumulates pass-1 results for a set of files sharing one miner.
#[derive(Default)]
pub struct Accumulator {
    pub miner: Miner,
    pub stats: Vec<ClusterStats>,
    map: Vec<u32>,
}

impl Accumulator {
    /// Feeds one chunk's results: the new sequences go to the miner, the
    /// chunk's aggregates into the clusters' and the file's statistics.
    fn feed(&mut self, out: &ChunkOut, file: &mut FileAnalysis, examples: usize) {
        self.map.clear();
        for d in &out.distinct {
            let id = self.miner.mine_masked(&d.masked);
            if self.stats.len() <= id as usize {
                self.stats.resize(id as usize + 1, ClusterStats::default());
            }
            let st = &mut self.stats[id as usize];
            if st.examples.len() < examples && !st.examples.contains(&d.example) {
                st.examples.push(d.example.clone());
            }
            self.map.push(id);
        }
        let sum = &out.summary;
        let base = file.lines;
        file.lines += sum.lines;
        file.lines_with_time += sum.lines_with_time;
        file.continuations += sum.continuations;
        file.first_time = min_opt(file.first_time, sum.first_time);
        file.last_time = max_opt(file.last_time, sum.last_time);
        for &(minute, m) in &sum.minutes {
            if file.minutes.len() >= MAX_MINUTES && !file.minutes.contains_key(&minute) {
                continue;
            }
            let b = file.minutes.entry(minute).or_insert(Bucket {
                first_line: base + m.first_line,
                ..Bucket::default()
            });
            b.lines += m.lines;
            if m.problems > 0 {
                if b.problems == 0 {
                    b.first_problem_line = base + m.first_problem_line;
                }
                b.problems += m.problems;
            }
        }
        for (local, ls) in sum.per_local.iter().enumerate() {
            if ls.count == 0 {
                continue;
            }
            let st = &mut self.stats[self.map[local] as usize];
            if st.count == 0 {
                st.first_line = base + ls.first_line;
            }
            st.count += ls.count;
            for (a, b) in st.levels.iter_mut().zip(ls.levels) {
                *a += b;
            }
            st.first = min_opt(st.first, ls.first);
            st.last = max_opt(st.last, ls.last);
            st.seen_before_window |= ls.seen_before_window;
            if let Some((t, line)) = ls.first_in_window
                && st.first_in_window.is_none_or(|(ft, _)| t < ft)
            {
                st.first_in_window = Some((t, base + line));
            }
        }
        file.truncated_lines += u64::from(out.truncated);
    }

    /// Pass 1 over one file into `self`.
    pub fn add_file(
        &mut self,
        path: &Path,
        opts: &Options,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<FileAnalysis, LogError> {
        let mut file = FileAnalysis {
            path: path.to_path_buf(),
            profile: Profile::default(),
            gzip: false,
            lines: 0,
            lines_with_time: 0,
            continuations: 0,
            truncated_lines: 0,
            first_time: None,
            last_time: None,
            templates: Vec::new(),
            proposals: Vec::new(),
            warnings: Vec::new(),
            minutes: BTreeMap::new(),
        };
        let start = std::cell::Cell::new(None);
        let warnings = pipeline::run(
            path,
            opts,
            false,
            &mut |s| start.set(Some((s.profile, s.gzip, s.size))),
            &mut |out| {
                self.feed(&out, &mut file, opts.examples);
                let total = start.get().and_then(|s| s.2);
                progress(Progress {
                    path: path.to_path_buf(),
                    bytes_read: out.file_bytes,
                    total_bytes: total,
                    lines: file.lines,
                });
            },
        )?;
        if let Some((profile, gzip, _)) = start.get() {
            file.profile = profile;
            file.gzip = gzip;
        }
        file.warnings = warnings;
        if file.truncated_lines > 0 {
            file.warnings.push(Warning {
                path: path.to_path_buf(),
                line: None,
                message: format!(
                    "{} very long line(s) were cut to {} bytes for mining",
                    file.truncated_lines,
                    crate::reader::LINE_CAP
                ),
            });
        }
        Ok(file)
    }

    /// Final templates (after the merge post-pass) from the cluster stats.
    pub fn templates(&self) -> (Vec<u32>, Vec<TemplateSummary>) {
        let (map, texts) = self.miner.finish();
        let mut out: Vec<TemplateSummary> = texts
            .into_iter()
            .enumerate()
            .map(|(i, template)| TemplateSummary {
                id: i as u32,
                template,
                count: 0,
                first_seen: None,
                last_seen: None,
                level: None,
                examples: Vec::new(),
                first_line: u64::MAX,
            })
            .collect();
        let mut levels = vec![[0u64; 7]; out.len()];
        for (c, st) in self.stats.iter().enumerate() {
            let t = &mut out[map[c] as usize];
            t.count += st.count;
            t.first_seen = min_opt(t.first_seen, st.first);
            t.last_seen = max_opt(t.last_seen, st.last);
            if st.count > 0 {
                t.first_line = t.first_line.min(st.first_line);
            }
            for e in &st.examples {
                if t.examples.len() < 3 {
                    t.examples.push(e.clone());
                }
            }
            for (a, b) in levels[map[c] as usize].iter_mut().zip(st.levels) {
                *a += b;
            }
        }
        const ALL: [Level; 7] = [
            Level::Trace,
            Level::Debug,
            Level::Info,
            Level::Notice,
            Level::Warn,
            Level::Error,
            Level::Fatal,
        ];
        for (t, lv) in out.iter_mut().zip(&levels) {
            let (best, n) = lv
                .iter()
                .enumerate()
                .max_by_key(|(i, n)| (**n, *i))
                .map_or((0, 0), |(i, n)| (i, *n));
            t.level = (n > 0).then_some(ALL[best]);
        }
        (map, out)
    }
}

fn min_opt(a: Option<Timestamp>, b: Option<Timestamp>) -> Option<Timestamp> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, y) => x.or(y),
    }
}

fn max_opt(a: Option<Timestamp>, b: Option<Timestamp>) -> Option<Timestamp> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.max(y)),
        (x, y) => x.or(y),
    }
}

/// Analyses one file, streaming: templates, time range, counts and
/// proposals (when `opts.window` is set). `progress` is called after each
/// chunk (every few MiB).
pub fn analyze_file(
    path: &Path,
    opts: &Options,
    progress: &mut dyn FnMut(Progress),
) -> Result<FileAnalysis, LogError> {
    let mut acc = Accumulator::default();
    let mut file = acc.add_file(path, opts, progress)?;
    let (map, templates) = acc.templates();
    if let Some(w) = opts.window {
        file.proposals = propose(&file, &acc.stats, &map, &templates, w);
    }
    file.templates = templates;
    Ok(file)
}
