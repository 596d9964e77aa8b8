//! Proposed timeline entries, suggested to a person who accepts or
//! dismisses them. A pure function over mined data: no I/O, no clock.
//!
//! - a pattern first seen inside the incident window (and never before it);
//! - a burst: a minute whose warning/error count jumps well above the rate
//!   before the window;
//! - a silence: a source that was logging steadily and then stops.

use serde::Serialize;

use crate::analyze::{ClusterStats, FileAnalysis, LineRef, TemplateSummary};
use crate::options::Window;
use crate::time::Timestamp;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProposalKind {
    NewPattern,
    Burst,
    Silence,
}

#[derive(Clone, Debug, Serialize)]
pub struct Proposal {
    pub kind: ProposalKind,
    pub at: Timestamp,
    pub until: Option<Timestamp>,
    /// A kind, factual sentence for the timeline.
    pub summary: String,
    pub template_id: Option<u32>,
    pub lines: Vec<LineRef>,
}

/// At most this many "new pattern" proposals, problems first.
const MAX_NEW: usize = 20;
/// A silence must last at least this many minutes...
const MIN_SILENCE_MIN: i64 = 5;
/// ...after a source logged in at least this share of the minutes before.
const STEADY_SHARE: f64 = 0.8;

fn minute_ts(m: i64) -> Timestamp {
    Timestamp::from_secs(m * 60)
}

pub fn propose(
    file: &FileAnalysis,
    stats: &[ClusterStats],
    map: &[u32],
    templates: &[TemplateSummary],
    w: Window,
) -> Vec<Proposal> {
    let at = |line: u64| LineRef {
        path: file.path.clone(),
        line,
    };
    let mut out = Vec::new();

    // New patterns: first occurrence in the window of a template (after the
    // merge post-pass) with no occurrence before it.
    let mut first: Vec<Option<(Timestamp, u64)>> = vec![None; templates.len()];
    let mut before = vec![false; templates.len()];
    for (c, st) in stats.iter().enumerate() {
        let t = map[c] as usize;
        before[t] |= st.seen_before_window;
        if let Some(f) = st.first_in_window
            && first[t].is_none_or(|g| f < g)
        {
            first[t] = Some(f);
        }
    }
    let mut new: Vec<(bool, Timestamp, u64, usize)> = first
        .iter()
        .enumerate()
        .filter(|(t, _)| !before[*t])
        .filter_map(|(t, f)| {
            f.map(|(ts, line)| {
                (
                    templates[t].level.is_some_and(|l| l.is_problem()),
                    ts,
                    line,
                    t,
                )
            })
        })
        .collect();
    new.sort_by_key(|&(problem, ts, line, _)| (!problem, ts, line));
    for (_, ts, line, t) in new.into_iter().take(MAX_NEW) {
        out.push(Proposal {
            kind: ProposalKind::NewPattern,
            at: ts,
            until: None,
            summary: format!("First time this appears: \"{}\"", templates[t].template),
            template_id: Some(t as u32),
            lines: vec![at(line)],
        });
    }

    let (ws, we) = (w.start.secs().div_euclid(60), w.end.secs().div_euclid(60));
    // Bursts: baseline is the mean problems per minute in the hour before
    // the window (or the whole file before it).
    let base_from = ws - 60;
    let before_mins: Vec<u32> = file
        .minutes
        .range(base_from..ws)
        .map(|(_, b)| b.problems)
        .collect();
    let baseline = before_mins.iter().sum::<u32>() as f64 / 60.0;
    let threshold = (3.0 * baseline + 3.0).max(5.0);
    let mut run: Option<(i64, i64, u32, u64)> = None;
    let flush = |run: &mut Option<(i64, i64, u32, u64)>, out: &mut Vec<Proposal>| {
        if let Some((s, e, n, line)) = run.take() {
            out.push(Proposal {
                kind: ProposalKind::Burst,
                at: minute_ts(s),
                until: Some(minute_ts(e + 1)),
                summary: format!(
                    "{n} warnings or errors in {} minute(s), about {:.1} per minute before",
                    e - s + 1,
                    baseline
                ),
                template_id: None,
                lines: vec![at(line)],
            });
        }
    };
    for (&m, b) in file.minutes.range(ws..we) {
        if f64::from(b.problems) >= threshold {
            match &mut run {
                Some((_, e, n, _)) if *e + 1 == m => {
                    *e = m;
                    *n += b.problems;
                }
                _ => {
                    flush(&mut run, &mut out);
                    run = Some((m, m, b.problems, b.first_problem_line));
                }
            }
        }
    }
    flush(&mut run, &mut out);

    // Silence: a gap inside the window after a steady stretch.
    let mut prev: Option<(i64, u64)> = None;
    for (&m, b) in file.minutes.range(ws - 30..we) {
        if let Some((pm, pline)) = prev {
            let gap = m - pm - 1;
            if gap >= MIN_SILENCE_MIN && pm >= ws - 1 {
                let active = file.minutes.range(pm - 29..=pm).count() as f64;
                if active / 30.0 >= STEADY_SHARE {
                    out.push(Proposal {
                        kind: ProposalKind::Silence,
                        at: minute_ts(pm + 1),
                        until: Some(minute_ts(m)),
                        summary: format!("{} went quiet for {gap} minutes", file.path.display()),
                        template_id: None,
                        lines: vec![at(pline), at(b.first_line)],
                    });
                }
            }
        }
        let last_line = b.first_line + u64::from(b.lines.saturating_sub(1));
        prev = Some((m, last_line));
    }
    // A source that stops for good before the window ends.
    if let Some((pm, pline)) = prev
        && we - pm > MIN_SILENCE_MIN
        && pm >= ws
    {
        let active = file.minutes.range(pm - 29..=pm).count() as f64;
        if active / 30.0 >= STEADY_SHARE {
            out.push(Proposal {
                kind: ProposalKind::Silence,
                at: minute_ts(pm + 1),
                until: None,
                summary: format!("{} stopped logging", file.path.display()),
                template_id: None,
                lines: vec![at(pline)],
            });
        }
    }
    out.sort_by_key(|p| p.at);
    out
}
