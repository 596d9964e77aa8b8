//! `retrospect evidence add`: logs, email, chat exports, documents and
//! timeline tables become evidence and proposed timeline entries, stored in
//! one versioned write so a failure leaves the post-mortem as it was.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use retrospect_domain::{
    EntryState, Evidence, EvidenceKind, EvidenceRef, LogTemplate, MomentKind, PostMortem,
    TimelineEntry, Timestamp,
};
use retrospect_importers::{ImportOptions, Imported, SourceKind};
use retrospect_store::Store;
use serde::Serialize;

use super::modify;
use crate::cli::FormatArg;
use crate::timeparse::parse_time;

#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  retrospect evidence add 1 /var/log/nginx/error.log app.log.gz\n  retrospect evidence add 1 slack-export.zip --channel ops --channel incidents\n  retrospect evidence add 1 thread.mbox notes.md paging-export.csv --tz Europe/Berlin"
)]
pub struct EvidenceAddArgs {
    /// The post-mortem's number.
    pub id: i64,
    /// Files or folders: logs (plain or gzip), .eml, mbox, maildir, Slack/Discord/Telegram/WhatsApp
    /// exports, Markdown or text documents, CSV or JSON Lines timelines.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Zone of times written without one (IANA name or +HH:MM). Default UTC.
    #[arg(long)]
    pub tz: Option<String>,
    /// Year for log lines that have none (syslog); otherwise inferred.
    #[arg(long)]
    pub year: Option<i32>,
    /// Only these chat channels (repeatable).
    #[arg(long = "channel")]
    pub channels: Vec<String>,
    /// Start of the incident window (default: the earliest key moment).
    #[arg(long)]
    pub from: Option<String>,
    /// End of the incident window (default: the latest key moment).
    #[arg(long)]
    pub to: Option<String>,
    /// No progress bar.
    #[arg(long)]
    pub quiet: bool,
    #[command(flatten)]
    pub format: FormatArg,
}

/// What happened to one input path, for the summary.
#[derive(Debug, Serialize)]
struct PathReport {
    path: String,
    kind: String,
    imported: bool,
    entries: usize,
    templates: usize,
    skipped: Vec<String>,
    error: Option<String>,
}

/// Evidence read from one path, ready to add to a post-mortem.
struct Gathered {
    evidence: Evidence,
    entries: Vec<TimelineEntry>,
    keys: Vec<Option<String>>,
    templates: Vec<LogTemplate>,
}

pub async fn add(store: &dyn Store, args: EvidenceAddArgs) -> Result<()> {
    let pm = store.get(args.id).await?;
    let window = incident_window(&pm, args.from.as_deref(), args.to.as_deref())?;
    let now = Timestamp::now();
    let mut gathered: Vec<Gathered> = Vec::new();
    let mut reports = Vec::new();
    for path in &args.paths {
        let (report, items) = read_path(path, &args, window, now);
        gathered.extend(items);
        reports.push(report);
    }
    let mut batches: Vec<Imported> = gathered
        .iter()
        .map(|g| Imported {
            evidence: g.evidence.clone(),
            entries: g.entries.clone(),
            skipped: Vec::new(),
            dedupe_keys: g.keys.clone(),
            threads: vec![None; g.entries.len()],
        })
        .collect();
    let duplicates = retrospect_importers::dedupe(&pm.timeline, &mut batches);
    let added = if gathered.is_empty() {
        0
    } else {
        let (_, count) = modify(store, args.id, Some(pm.version), |pm| {
            let mut count = 0;
            for (batch, g) in batches.into_iter().zip(gathered) {
                count += add_to(pm, batch.evidence, batch.entries, g.templates)?;
            }
            Ok(count)
        })
        .await?;
        count
    };
    print_summary(&args, &reports, added, duplicates, window.is_some())?;
    let failed = reports.iter().filter(|r| r.error.is_some()).count();
    if failed > 0 {
        anyhow::bail!(
            "{failed} of {} paths could not be imported (see above); everything else was saved",
            reports.len()
        );
    }
    Ok(())
}

fn add_to(
    pm: &mut PostMortem,
    evidence: Evidence,
    mut entries: Vec<TimelineEntry>,
    mut templates: Vec<LogTemplate>,
) -> Result<usize, retrospect_domain::DomainError> {
    let id = pm.add_evidence(evidence);
    for e in &mut entries {
        let position = e.evidence.take().and_then(|r| r.position);
        e.evidence = Some(EvidenceRef {
            evidence: id,
            position,
        });
    }
    for t in &mut templates {
        t.evidence = id;
    }
    pm.log_templates.extend(templates);
    Ok(pm.add_entries(entries)?.len())
}

/// The window in which log proposals are made: flags first, else the key moments.
fn incident_window(
    pm: &PostMortem,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<Option<(Timestamp, Timestamp)>> {
    let from = from.map(|t| parse_time(t, None)).transpose()?.map(|t| t.at);
    let to = to.map(|t| parse_time(t, None)).transpose()?.map(|t| t.at);
    let moments: Vec<Timestamp> = pm.key_moments.iter().map(|m| m.at).collect();
    let start = from.or_else(|| moments.iter().min().copied());
    let end = to.or_else(|| {
        pm.moment(&MomentKind::Resolved)
            .map(|m| m.at)
            .or_else(|| moments.iter().max().copied())
    });
    Ok(match (start, end) {
        (Some(s), Some(e)) if e > s => Some((s, e)),
        // One moment only: look at the hour around it.
        (Some(s), _) => Some((
            s - jiff::SignedDuration::from_hours(1),
            s + jiff::SignedDuration::from_hours(1),
        )),
        _ => None,
    })
}

fn read_path(
    path: &Path,
    args: &EvidenceAddArgs,
    window: Option<(Timestamp, Timestamp)>,
    now: Timestamp,
) -> (PathReport, Vec<Gathered>) {
    let mut report = PathReport {
        path: path.display().to_string(),
        kind: String::new(),
        imported: false,
        entries: 0,
        templates: 0,
        skipped: Vec::new(),
        error: None,
    };
    let result = retrospect_importers::detect(path)
        .map_err(anyhow::Error::from)
        .and_then(|kind| {
            report.kind = kind.name().to_string();
            match kind {
                SourceKind::Log => read_log(path, args, window, now).map(|g| vec![g]),
                other => read_other(path, &other, args, now, &mut report.skipped),
            }
        });
    match result {
        Ok(items) => {
            report.imported = true;
            report.entries = items.iter().map(|g| g.entries.len()).sum();
            report.templates = items.iter().map(|g| g.templates.len()).sum();
            (report, items)
        }
        Err(e) => {
            report.error = Some(format!("{e:#}"));
            (report, Vec::new())
        }
    }
}

fn read_other(
    path: &Path,
    kind: &SourceKind,
    args: &EvidenceAddArgs,
    now: Timestamp,
    skipped: &mut Vec<String>,
) -> Result<Vec<Gathered>> {
    let mut opts = ImportOptions::new(now);
    opts.channels = args.channels.clone();
    opts.default_zone = args.tz.clone();
    opts.reference_year = args.year.and_then(|y| i16::try_from(y).ok());
    opts.from = args
        .from
        .as_deref()
        .map(|t| parse_time(t, None))
        .transpose()?
        .map(|t| t.at);
    opts.to = args
        .to
        .as_deref()
        .map(|t| parse_time(t, None))
        .transpose()?
        .map(|t| t.at);
    let bar = progress_bar(args.quiet, path);
    let imported = retrospect_importers::import_as(path, kind, &opts, &mut |p| {
        if let Some(total) = p.bytes_total {
            bar.set_length(total);
        }
        bar.set_position(p.bytes_done);
        bar.set_message(format!("{} items", p.items));
    });
    bar.finish_and_clear();
    let imported = imported?;
    Ok(imported
        .into_iter()
        .map(|i| {
            skipped.extend(
                i.skipped
                    .iter()
                    .map(|s| format!("{}: {}", s.place, s.reason)),
            );
            Gathered {
                evidence: i.evidence,
                entries: i.entries,
                keys: i.dedupe_keys,
                templates: Vec::new(),
            }
        })
        .collect())
}

fn read_log(
    path: &Path,
    args: &EvidenceAddArgs,
    window: Option<(Timestamp, Timestamp)>,
    now: Timestamp,
) -> Result<Gathered> {
    let mut opts = retrospect_logs::Options::default();
    if let Some(tz) = &args.tz {
        opts = opts.with_tz(tz)?;
    }
    opts.year = args.year;
    opts.window = window.map(|(s, e)| retrospect_logs::Window {
        start: to_log_time(s),
        end: to_log_time(e),
    });
    let bar = progress_bar(args.quiet, path);
    let started = std::time::Instant::now();
    let analysis = retrospect_logs::analyze_file(path, &opts, &mut |p| {
        if let Some(total) = p.total_bytes {
            bar.set_length(total);
        }
        bar.set_position(p.bytes_read);
        let rate = p.lines as f64 / started.elapsed().as_secs_f64().max(0.001);
        bar.set_message(format!("{} lines, {:.0} lines/s", p.lines, rate));
    });
    bar.finish_and_clear();
    let analysis = analysis?;
    let (checksum, size) = retrospect_importers::checksum_file(path)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let evidence = Evidence {
        id: 0,
        kind: EvidenceKind::Log,
        name: name.clone(),
        size,
        checksum,
        imported_at: now,
        source: format!(
            "{} ({} lines, {} with a time{})",
            path.display(),
            analysis.lines,
            analysis.lines_with_time,
            if analysis.gzip { ", gzip" } else { "" }
        ),
    };
    let templates = analysis
        .templates
        .iter()
        .map(|t| LogTemplate {
            evidence: 0,
            template_id: t.id,
            pattern: t.template.clone(),
            count: t.count,
            first_seen: t.first_seen.and_then(from_log_time),
            last_seen: t.last_seen.and_then(from_log_time),
            level: t.level.map(|l| format!("{l:?}").to_lowercase()),
            examples: t.examples.clone(),
        })
        .collect();
    let entries: Vec<TimelineEntry> = analysis
        .proposals
        .iter()
        .filter_map(|p| {
            let at = from_log_time(p.at)?;
            let mut entry = TimelineEntry::new(at, &p.summary).ok()?;
            entry.state = EntryState::Proposed;
            entry.source = name.clone();
            entry.zone = args.tz.clone();
            let line = p.lines.first().map(|l| format!("line {}", l.line));
            entry.evidence = Some(EvidenceRef {
                evidence: 0,
                position: line,
            });
            Some(entry)
        })
        .collect();
    let keys = vec![None; entries.len()];
    Ok(Gathered {
        evidence,
        entries,
        keys,
        templates,
    })
}

fn to_log_time(t: Timestamp) -> retrospect_logs::Timestamp {
    retrospect_logs::Timestamp(t.as_microsecond())
}

fn from_log_time(t: retrospect_logs::Timestamp) -> Option<Timestamp> {
    Timestamp::from_microsecond(t.0).ok()
}

fn progress_bar(quiet: bool, path: &Path) -> ProgressBar {
    if quiet {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(0);
    let style = ProgressStyle::with_template(
        "{prefix} [{bar:30}] {bytes}/{total_bytes} {binary_bytes_per_sec} {msg} (about {eta} left)",
    )
    .unwrap_or_else(|_| ProgressStyle::default_bar())
    .progress_chars("=> ");
    bar.set_style(style);
    bar.set_prefix(
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
    );
    bar
}

fn print_summary(
    args: &EvidenceAddArgs,
    reports: &[PathReport],
    added: usize,
    duplicates: usize,
    windowed: bool,
) -> Result<()> {
    #[derive(Serialize)]
    struct Summary<'a> {
        files: &'a [PathReport],
        proposed_entries_added: usize,
        duplicates_skipped: usize,
    }
    super::emit(args.format.format, &Summary { files: reports, proposed_entries_added: added, duplicates_skipped: duplicates }, |_| {
        for r in reports {
            match &r.error {
                None => {
                    let templates = if r.templates > 0 { format!(", {} log patterns", r.templates) } else { String::new() };
                    println!("  added   {} ({}): {} proposed entries{templates}", r.path, r.kind, r.entries);
                }
                Some(e) => println!("  skipped {}: {e}", r.path),
            }
            for s in &r.skipped {
                println!("          not imported: {s}");
            }
        }
        println!("{added} proposed timeline entries added for review; {duplicates} already on the timeline were skipped.");
        if !windowed && reports.iter().any(|r| r.kind == "log") {
            println!("Tip: set the 'started' and 'resolved' key moments (or pass --from/--to) so logs can propose entries.");
        }
        if added > 0 {
            println!("Review them with: retrospect timeline {} --all, then retrospect entry accept|dismiss {} T...", args.id, args.id);
        }
    })
    .context("could not print the summary")
}
