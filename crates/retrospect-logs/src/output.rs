//! The machine interface the CLI calls: `mine` (one row per input line) as
//! CSV or JSON lines, and `templates` (one row per pattern).
//!
//! `mine` reads each input twice: the first pass mines the templates (whose
//! final ids are only known once every line was seen), the second writes
//! the rows. Memory stays flat; inputs must be files, not pipes.

use std::io::Write;
use std::path::PathBuf;

use serde::Serialize;

use crate::analyze::{Accumulator, Progress, TemplateSummary};
use crate::error::{LogError, Warning};
use crate::options::Options;
use crate::pipeline::{self, CONTINUATION};

/// What a run did, for the CLI's closing message.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Summary {
    pub files: usize,
    pub lines: u64,
    pub lines_with_time: u64,
    pub templates: usize,
    pub warnings: Vec<Warning>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    /// One JSON object per line (JSON Lines).
    JsonLines,
}

/// Quotes a CSV field when needed (RFC 4180).
pub fn csv_field(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\"")).into()
    } else {
        s.into()
    }
}

fn first_pass(
    inputs: &[PathBuf],
    opts: &Options,
    progress: &mut dyn FnMut(Progress),
) -> Result<(Accumulator, Summary), LogError> {
    let mut acc = Accumulator::default();
    let mut summary = Summary {
        files: inputs.len(),
        ..Summary::default()
    };
    for path in inputs {
        let f = acc.add_file(path, opts, progress)?;
        summary.lines += f.lines;
        summary.lines_with_time += f.lines_with_time;
        summary.warnings.extend(f.warnings);
    }
    Ok((acc, summary))
}

#[derive(Serialize)]
struct JsonRow<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<&'a str>,
    line: u64,
    timestamp: Option<String>,
    template_id: Option<u32>,
    template: Option<&'a str>,
    continuation: bool,
}

fn write_mine(
    inputs: &[PathBuf],
    opts: &Options,
    format: Format,
    out: &mut dyn Write,
) -> Result<Summary, LogError> {
    let (acc, mut summary) = first_pass(inputs, opts, &mut |_| {})?;
    let (map, templates) = acc.templates();
    summary.templates = templates.len();
    let many = inputs.len() > 1;
    let mut w = std::io::BufWriter::with_capacity(1 << 20, out);
    if format == Format::Csv {
        let head: &[u8] = if many {
            b"file,line,timestamp,template_id,template\n"
        } else {
            b"line,timestamp,template_id,template\n"
        };
        w.write_all(head).map_err(LogError::Write)?;
    }
    let mut ids: Vec<Option<u32>> = Vec::new();
    for path in inputs {
        let name = path.display().to_string();
        let mut line_no = 0u64;
        let mut last: Option<u32> = None;
        let mut err = None;
        pipeline::run(path, opts, true, &mut |_| {}, &mut |chunk| {
            ids.clear();
            ids.extend(
                chunk
                    .distinct
                    .iter()
                    .map(|d| acc.miner.lookup(d.masked.hash).map(|c| map[c as usize])),
            );
            for rec in &chunk.lines {
                line_no += 1;
                let continuation = rec.local == CONTINUATION;
                let id = if continuation {
                    last
                } else {
                    ids[rec.local as usize]
                };
                last = id;
                let ts = rec.ts.map(|t| t.to_string());
                let tpl = id.map(|i| templates[i as usize].template.as_str());
                let res = match format {
                    Format::Csv => {
                        if many {
                            let _ = write!(w, "{},", csv_field(&name));
                        }
                        writeln!(
                            w,
                            "{line_no},{},{},{}",
                            ts.as_deref().unwrap_or(""),
                            id.map(|i| i.to_string()).unwrap_or_default(),
                            csv_field(tpl.unwrap_or(""))
                        )
                    }
                    Format::JsonLines => {
                        let row = JsonRow {
                            file: many.then_some(name.as_str()),
                            line: line_no,
                            timestamp: ts,
                            template_id: id,
                            template: tpl,
                            continuation,
                        };
                        serde_json::to_writer(&mut w, &row)
                            .map_err(std::io::Error::from)
                            .and_then(|_| w.write_all(b"\n"))
                    }
                };
                if let Err(e) = res {
                    err.get_or_insert(e);
                }
            }
        })?;
        if let Some(e) = err {
            return Err(LogError::Write(e));
        }
    }
    w.flush().map_err(LogError::Write)?;
    Ok(summary)
}

/// `mine` as CSV: header `line,timestamp,template_id,template` (with a
/// leading `file` column when there are several inputs); line numbers from
/// 1; timestamps RFC 3339 UTC, empty when the line has none; a continuation
/// line (no timestamp, after a record) carries its record's template.
pub fn write_mine_csv(
    inputs: &[PathBuf],
    opts: &Options,
    out: &mut dyn Write,
) -> Result<Summary, LogError> {
    write_mine(inputs, opts, Format::Csv, out)
}

/// `mine` as JSON Lines: one object per input line with `line`,
/// `timestamp` (null when none), `template_id`, `template`, `continuation`
/// (and `file` when there are several inputs).
pub fn write_mine_json(
    inputs: &[PathBuf],
    opts: &Options,
    out: &mut dyn Write,
) -> Result<Summary, LogError> {
    write_mine(inputs, opts, Format::JsonLines, out)
}

/// `templates`: one row per pattern, most frequent first, with count and
/// first/last seen. CSV columns `template_id,count,first_seen,last_seen,
/// level,template`; JSON Lines objects carry examples too.
pub fn write_templates(
    inputs: &[PathBuf],
    opts: &Options,
    format: Format,
    out: &mut dyn Write,
) -> Result<Summary, LogError> {
    let (acc, mut summary) = first_pass(inputs, opts, &mut |_| {})?;
    let (_, mut templates) = acc.templates();
    templates.retain(|t| t.count > 0);
    summary.templates = templates.len();
    templates.sort_by_key(|t| (std::cmp::Reverse(t.count), t.id));
    let mut w = std::io::BufWriter::new(out);
    let res = (|| -> std::io::Result<()> {
        if format == Format::Csv {
            writeln!(w, "template_id,count,first_seen,last_seen,level,template")?;
        }
        for t in &templates {
            match format {
                Format::Csv => writeln!(
                    w,
                    "{},{},{},{},{},{}",
                    t.id,
                    t.count,
                    opt_ts(t),
                    t.last_seen.map(|x| x.to_string()).unwrap_or_default(),
                    t.level
                        .map(|l| format!("{l:?}").to_lowercase())
                        .unwrap_or_default(),
                    csv_field(&t.template)
                )?,
                Format::JsonLines => {
                    serde_json::to_writer(&mut w, t)?;
                    w.write_all(b"\n")?;
                }
            }
        }
        w.flush()
    })();
    res.map_err(LogError::Write)?;
    Ok(summary)
}

fn opt_ts(t: &TemplateSummary) -> String {
    t.first_seen.map(|x| x.to_string()).unwrap_or_default()
}
