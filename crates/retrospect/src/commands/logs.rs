//! `retrospect logs`: the log engine on its own, without a post-mortem.
//! `mine` is the machine interface evaluations use: one row per input line.

use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, Subcommand, ValueEnum};

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowFormat {
    Csv,
    /// JSON Lines: one object per row.
    Json,
}

/// The files and how to read their times; shared by both subcommands.
#[derive(Args, Debug)]
pub struct LogInputs {
    #[arg(required = true)]
    files: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = RowFormat::Csv)]
    format: RowFormat,
    /// Zone for zone-less timestamps: a name such as Europe/Berlin or an offset such as +02:00 (default UTC).
    #[arg(long)]
    tz: Option<String>,
    /// Year for timestamps written without one.
    #[arg(long)]
    year: Option<i32>,
}

#[derive(Subcommand, Debug)]
pub enum LogsCmd {
    /// One row per input line: line,timestamp,template_id,template (timestamps RFC 3339 UTC).
    #[command(after_help = "Example:\n  retrospect logs mine app.log --format csv > rows.csv")]
    Mine(LogInputs),
    /// The patterns found, most frequent first, with counts and first/last seen.
    Templates(LogInputs),
}

pub fn run(cmd: LogsCmd) -> Result<()> {
    let mine = matches!(cmd, LogsCmd::Mine(_));
    let (LogsCmd::Mine(inputs) | LogsCmd::Templates(inputs)) = cmd;
    let LogInputs {
        files,
        format,
        tz,
        year,
    } = inputs;
    let files = &files;
    let mut opts = retrospect_logs::Options::default();
    if let Some(tz) = &tz {
        opts = opts.with_tz(tz)?;
    }
    opts.year = year;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let summary = match (mine, format) {
        (true, RowFormat::Csv) => retrospect_logs::write_mine_csv(files, &opts, &mut out)?,
        (true, RowFormat::Json) => retrospect_logs::write_mine_json(files, &opts, &mut out)?,
        (false, RowFormat::Csv) => {
            retrospect_logs::write_templates(files, &opts, retrospect_logs::Format::Csv, &mut out)?
        }
        (false, RowFormat::Json) => retrospect_logs::write_templates(
            files,
            &opts,
            retrospect_logs::Format::JsonLines,
            &mut out,
        )?,
    };
    for w in &summary.warnings {
        eprintln!("note: {w}");
    }
    if tz.is_none() {
        eprintln!("note: times without a zone were read as UTC (use --tz to change this).");
    }
    eprintln!(
        "{} lines in {} file(s), {} with a time, {} patterns.",
        summary.lines, summary.files, summary.lines_with_time, summary.templates
    );
    Ok(())
}
