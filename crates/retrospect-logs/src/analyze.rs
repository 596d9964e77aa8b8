//! Streaming analysis of a file into evidence: templates with counts and
//! first/last seen, the file's time range and counts, and proposals.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::error::{LogError, Warning};
use crate::header::Level;
use crate::miner::Miner;
use crate::options::{Options, Window};
use crate::pipeline::{self, CONTINUATION, ChunkOut};
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
    /// Feeds one chunk; returns its line count.
    fn feed(
        &mut self,
        out: &ChunkOut,
        file: &mut FileAnalysis,
        window: Option<Window>,
        examples: usize,
        last: &mut Option<u32>,
    ) {
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
        for rec in &out.lines {
            file.lines += 1;
            let line_no = file.lines;
            if let Some(t) = rec.ts {
                file.lines_with_time += 1;
                file.first_time = Some(file.first_time.map_or(t, |f| f.min(t)));
                file.last_time = Some(file.last_time.map_or(t, |l| l.max(t)));
                let minute = t.secs().div_euclid(60);
                if file.minutes.len() < MAX_MINUTES || file.minutes.contains_key(&minute) {
                    let b = file.minutes.entry(minute).or_insert(Bucket {
                        first_line: line_no,
                        ..Bucket::default()
                    });
                    b.lines += 1;
                    if rec.level.is_some_and(Level::is_problem) {
                        if b.problems == 0 {
                            b.first_problem_line = line_no;
                        }
                        b.problems += 1;
                    }
                }
            }
            let id = if rec.local == CONTINUATION {
                file.continuations += 1;
                match *last {
                    Some(id) => id,
                    None => continue,
                }
            } else {
                self.map[rec.local as usize]
            };
            *last = Some(id);
            if rec.local == CONTINUATION {
                continue;
            }
            let st = &mut self.stats[id as usize];
            if st.count == 0 {
                st.first_line = line_no;
            }
            st.count += 1;
            if let Some(l) = rec.level {
                st.levels[l as usize] += 1;
            }
            if let Some(t) = rec.ts {
                st.first = Some(st.first.map_or(t, |f| f.min(t)));
                st.last = Some(st.last.map_or(t, |l| l.max(t)));
                if let Some(w) = window {
                    if t < w.start {
                        st.seen_before_window = true;
                    } else if t < w.end && st.first_in_window.is_none_or(|(ft, _)| t < ft) {
                        st.first_in_window = Some((t, line_no));
                    }
                }
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
        let mut last = None;
        let warnings = pipeline::run(
            path,
            opts,
            &mut |s| start.set(Some((s.profile, s.gzip, s.size))),
            &mut |out| {
                self.feed(&out, &mut file, opts.window, opts.examples, &mut last);
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
