//! Generic timelines: a CSV (comma, semicolon or tab) or JSON Lines table with
//! a time column, a text column and optionally an actor column. Each row
//! becomes a proposed entry; a row whose time can't be read is reported by line.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

use retrospect_domain::{EntryState, EvidenceKind, EvidenceRef, TimelineEntry};
use serde_json::Value;

use crate::email::apply_window;
use crate::evidence::{HashingReader, record};
use crate::time::{DefaultZone, parse_time_text};
use crate::{ImportError, ImportOptions, Imported, Progress, Skipped};

const TIME_NAMES: &[&str] = &[
    "time",
    "timestamp",
    "datetime",
    "date",
    "when",
    "at",
    "ts",
    "occurredat",
    "timeutc",
    "datetimeutc",
];
const TEXT_NAMES: &[&str] = &[
    "text",
    "message",
    "event",
    "description",
    "what",
    "summary",
    "msg",
    "details",
    "note",
    "entry",
];
const ACTOR_NAMES: &[&str] = &[
    "actor", "who", "author", "user", "person", "owner", "by", "name", "from", "username",
];

/// The longest text a table row contributes to the timeline.
const MAX_TEXT_CHARS: usize = 5_000;

fn normalise(name: &str) -> String {
    name.trim()
        .trim_matches('"')
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Where the time, text and actor are in a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    pub delimiter: u8,
    pub time: usize,
    /// A separate time-of-day column, when dates and times are in two columns.
    pub time_of_day: Option<usize>,
    pub text: usize,
    pub actor: Option<usize>,
}

fn find(names: &[String], wanted: &[&str]) -> Option<usize> {
    wanted
        .iter()
        .find_map(|w| names.iter().position(|n| n == w))
}

fn columns_for(names: &[String], delimiter: u8) -> Option<Columns> {
    let (time, time_of_day) = match (
        names.iter().position(|n| n == "date"),
        names.iter().position(|n| n == "time"),
    ) {
        (Some(d), Some(t)) => (d, Some(t)),
        _ => (find(names, TIME_NAMES)?, None),
    };
    let text = find(names, TEXT_NAMES)?;
    let actor = find(names, ACTOR_NAMES).filter(|&a| a != text && a != time);
    Some(Columns {
        delimiter,
        time,
        time_of_day,
        text,
        actor,
    })
}

/// Reads a CSV header line: the delimiter that yields both a time and a text column.
pub fn csv_header(line: &str) -> Option<Columns> {
    [b',', b';', b'\t']
        .into_iter()
        .filter_map(|d| {
            let names: Vec<String> = line.split(d as char).map(normalise).collect();
            (names.len() >= 2).then(|| columns_for(&names, d)).flatten()
        })
        .next()
}

/// True when a JSON line is an object with a time field and a text field.
pub fn json_line_is_timeline(line: &str) -> bool {
    match serde_json::from_str::<Value>(line) {
        Ok(Value::Object(map)) => {
            let names: Vec<String> = map.keys().map(|k| normalise(k)).collect();
            columns_for(&names, b',').is_some()
        }
        _ => false,
    }
}

/// Imports a CSV or JSON Lines timeline.
pub fn import_table(
    path: &Path,
    opts: &ImportOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<Imported, ImportError> {
    let zone = DefaultZone::from_options(opts)?;
    let file = File::open(path).map_err(|e| ImportError::io(path, e))?;
    let total = file.metadata().ok().map(|m| m.len());
    let mut reader = BufReader::new(HashingReader::new(file));
    let mut first = String::new();
    let mut bytes = Vec::new();
    // Peek at the first line to choose between CSV and JSON Lines.
    reader
        .read_until(b'\n', &mut bytes)
        .map_err(|e| ImportError::io(path, e))?;
    first.push_str(String::from_utf8_lossy(&bytes).trim_start_matches('\u{feff}'));
    let mut rows = Rows::new(zone);
    let header_bytes = bytes.len() as u64;
    let mut done = header_bytes;
    if first.trim_start().starts_with('{') {
        rows.json_line(&first, 1);
        let mut line_no = 1;
        let mut line = Vec::new();
        loop {
            line.clear();
            let n = reader
                .read_until(b'\n', &mut line)
                .map_err(|e| ImportError::io(path, e))?;
            if n == 0 {
                break;
            }
            line_no += 1;
            done += n as u64;
            rows.json_line(&String::from_utf8_lossy(&line), line_no);
            rows.report(path, done, total, progress);
        }
    } else {
        let columns = csv_header(first.trim_end()).ok_or_else(|| {
            ImportError::malformed(
                path,
                "line 1 (the header)",
                "the header needs a time column (time, timestamp or date) and a text column (text, message, event or description)",
            )
        })?;
        let mut csv = csv::ReaderBuilder::new()
            .delimiter(columns.delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(&mut reader);
        for (i, record) in csv.records().enumerate() {
            // Line numbers count the header we already read.
            let line_no = record
                .as_ref()
                .ok()
                .and_then(|r| r.position())
                .map(|p| p.line() + 1)
                .unwrap_or(i as u64 + 2);
            if let Some(p) = record.as_ref().ok().and_then(|r| r.position()) {
                done = header_bytes + p.byte();
            }
            match record {
                Ok(r) => rows.csv_row(&r, &columns, line_no),
                Err(e) => rows.skipped.push(Skipped::new(
                    format!("line {line_no}"),
                    format!("the row can't be read as CSV ({e})"),
                )),
            }
            rows.report(path, done, total, progress);
        }
    }
    let (checksum, size) = reader
        .into_inner()
        .finish()
        .map_err(|e| ImportError::io(path, e))?;
    let evidence = record(
        path,
        EvidenceKind::Timeline,
        checksum,
        size,
        "timeline",
        opts.now,
    );
    let mut imported = Imported {
        evidence,
        entries: Vec::new(),
        skipped: rows.skipped,
        dedupe_keys: Vec::new(),
        threads: Vec::new(),
    };
    for entry in rows.entries {
        imported.push(entry, None, None);
    }
    apply_window(&mut imported, opts, "rows");
    Ok(imported)
}

struct Rows {
    zone: DefaultZone,
    entries: Vec<TimelineEntry>,
    skipped: Vec<Skipped>,
    seen: u64,
}

impl Rows {
    fn new(zone: DefaultZone) -> Self {
        Self {
            zone,
            entries: Vec::new(),
            skipped: Vec::new(),
            seen: 0,
        }
    }

    fn report(
        &self,
        path: &Path,
        done: u64,
        total: Option<u64>,
        progress: &mut dyn FnMut(Progress),
    ) {
        if self.seen.is_multiple_of(10_000) {
            progress(Progress {
                path: path.to_path_buf(),
                bytes_done: done,
                bytes_total: total,
                items: self.seen,
            });
        }
    }

    fn csv_row(&mut self, row: &csv::StringRecord, columns: &Columns, line: u64) {
        self.seen += 1;
        if row.iter().all(|f| f.trim().is_empty()) {
            return;
        }
        let mut time = row.get(columns.time).unwrap_or("").trim().to_string();
        if let Some(t) = columns.time_of_day.and_then(|c| row.get(c)) {
            time = format!("{time} {}", t.trim());
        }
        let text = row.get(columns.text).unwrap_or("");
        let actor = columns.actor.and_then(|c| row.get(c));
        self.add(&time, text, actor, line);
    }

    fn json_line(&mut self, line: &str, line_no: u64) {
        if line.trim().is_empty() {
            return;
        }
        self.seen += 1;
        let place = format!("line {line_no}");
        let map = match serde_json::from_str::<Value>(line) {
            Ok(Value::Object(map)) => map,
            Ok(_) => {
                return self
                    .skipped
                    .push(Skipped::new(place, "the line is JSON but not an object"));
            }
            Err(e) => {
                return self.skipped.push(Skipped::new(
                    place,
                    format!("the line is not valid JSON ({e})"),
                ));
            }
        };
        let field = |wanted: &[&str]| {
            wanted
                .iter()
                .find_map(|w| map.iter().find(|(k, _)| normalise(k) == *w).map(|(_, v)| v))
        };
        let as_text = |v: &Value| match v {
            Value::String(s) => s.clone(),
            Value::Null => String::new(),
            other => other.to_string(),
        };
        let time = field(TIME_NAMES).map(as_text).unwrap_or_default();
        let text = field(TEXT_NAMES).map(as_text).unwrap_or_default();
        let actor = field(ACTOR_NAMES).map(as_text);
        self.add(&time, &text, actor.as_deref(), line_no);
    }

    fn add(&mut self, time: &str, text: &str, actor: Option<&str>, line: u64) {
        let place = format!("line {line}");
        let text = text.trim();
        if text.is_empty() {
            self.skipped
                .push(Skipped::new(place, "the row has no text"));
            return;
        }
        let Some((at, zone)) = parse_time_text(time, &self.zone) else {
            let shown: String = time.chars().take(60).collect();
            self.skipped.push(Skipped::new(
                place,
                format!("the time \"{shown}\" can't be read; write it as 2024-03-05T10:15:00+01:00, 2024-03-05 10:15, or epoch seconds"),
            ));
            return;
        };
        let text: String = text.chars().take(MAX_TEXT_CHARS).collect();
        self.entries.push(TimelineEntry {
            id: 0,
            at,
            zone,
            text,
            actor: actor
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(str::to_string),
            source: "timeline".to_string(),
            evidence: Some(EvidenceRef {
                evidence: 0,
                position: Some(place),
            }),
            key_moment: None,
            hidden: false,
            state: EntryState::Proposed,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_found_with_any_delimiter() {
        let c = csv_header("Timestamp,Event,Who").expect("comma");
        assert_eq!(
            (c.delimiter, c.time, c.text, c.actor),
            (b',', 0, 1, Some(2))
        );
        let c = csv_header("who;description;date").expect("semicolon");
        assert_eq!(
            (c.delimiter, c.time, c.text, c.actor),
            (b';', 2, 1, Some(0))
        );
        let c = csv_header("date\ttime\tmessage").expect("tab");
        assert_eq!((c.time, c.time_of_day, c.text), (0, Some(1), 2));
        assert!(csv_header("name,age").is_none());
    }
}
