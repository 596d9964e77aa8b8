//! Timeline tables written elsewhere: `| Time | Who | What |`, with the time
//! column found by its header or by its content.

use super::{ParsedEntry, Parser, when::entry_head, zones};
use crate::inline::{self, is_delimiter_row, table_cells};

/// A table starts where a row is followed by a delimiter row.
pub(super) fn starts_table(lines: &[(usize, &str)], i: usize) -> bool {
    let is_row = |l: &str| l.trim_start().starts_with('|');
    is_row(lines[i].1) && lines.get(i + 1).is_some_and(|(_, l)| is_delimiter_row(l))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Time,
    Actor,
    Event,
    Other,
}

fn column_of(header: &str) -> Column {
    let h = header.to_ascii_lowercase();
    let has = |words: &[&str]| {
        words
            .iter()
            .any(|w| h.split(|c: char| !c.is_alphanumeric()).any(|x| x == *w))
    };
    if has(&["time", "date", "when", "timestamp", "utc", "datetime"]) {
        Column::Time
    } else if has(&[
        "actor",
        "who",
        "owner",
        "person",
        "by",
        "author",
        "responder",
        "name",
    ]) {
        Column::Actor
    } else if has(&[
        "event",
        "events",
        "description",
        "what",
        "action",
        "details",
        "message",
        "note",
        "notes",
        "summary",
        "update",
        "activity",
        "happened",
    ]) {
        Column::Event
    } else {
        Column::Other
    }
}

/// Reads the table that starts at line `start`; returns the index after it.
pub(super) fn read<'a>(p: &mut Parser<'a>, lines: &[(usize, &'a str)], start: usize) -> usize {
    let header_line = lines[start].1;
    let delimiter_line = lines[start + 1].1;
    let headers: Vec<String> = table_cells(header_line)
        .unwrap_or_default()
        .iter()
        .map(|c| inline::decode(c))
        .collect();
    let mut columns: Vec<Column> = headers.iter().map(|h| column_of(h)).collect();
    if let Some(zone) = headers.iter().find_map(|h| zones::stated_in(h)) {
        p.zone = Some(zone);
    }
    let mut end = start + 2;
    while end < lines.len() && lines[end].1.trim_start().starts_with('|') {
        end += 1;
    }
    let rows = &lines[start + 2..end];
    // Without a time header, the time column is the first whose cells read as times.
    if !columns.contains(&Column::Time) {
        let width = columns.len();
        let time_col = (0..width).find(|&c| {
            rows.iter().any(|(_, l)| {
                table_cells(l)
                    .and_then(|cells| {
                        cells
                            .get(c)
                            .map(|cell| entry_head(&inline::decode(cell), p.year_hint()).is_some())
                    })
                    .unwrap_or(false)
            })
        });
        if let Some(c) = time_col {
            columns[c] = Column::Time;
        }
    }
    if !columns.contains(&Column::Event)
        && let Some(c) = columns.iter().position(|&c| c == Column::Other)
    {
        columns[c] = Column::Event;
    }
    let mut failed: Vec<&'a str> = Vec::new();
    let mut found = 0;
    for &(number, line) in rows {
        match row_entry(p, &headers, &columns, number, line) {
            Ok(entry) => {
                p.out.entries.push(entry);
                found += 1;
            }
            Err(why) => {
                if !line.trim().trim_matches('|').trim().is_empty() {
                    p.out
                        .warnings
                        .push(format!("line {number}: {why}; the row is kept as text"));
                }
                failed.push(line);
            }
        }
    }
    if found == 0 || !failed.is_empty() {
        // Keep what was not read as a table of its own, under its header.
        p.out.leftover.push(header_line);
        p.out.leftover.push(delimiter_line);
        p.out.leftover.extend(failed);
    }
    end
}

fn row_entry(
    p: &mut Parser<'_>,
    headers: &[String],
    columns: &[Column],
    number: usize,
    line: &str,
) -> Result<ParsedEntry, String> {
    let cells: Vec<String> = table_cells(line)
        .unwrap_or_default()
        .iter()
        .map(|c| inline::decode(c))
        .collect();
    if cells.len() != columns.len() {
        return Err(format!(
            "this row has {} cells and the table has {} columns",
            cells.len(),
            columns.len()
        ));
    }
    let time_col = columns
        .iter()
        .position(|&c| c == Column::Time)
        .ok_or("the table has no time column")?;
    let year_hint = p.year_hint();
    let time_cell = &cells[time_col];
    let head = entry_head(time_cell, year_hint)
        .ok_or_else(|| format!("'{time_cell}' is not a time Retrospect can read"))?;
    let extra_in_time = head.rest.trim().to_string();
    let at = p
        .place_head(head.date, head.time, head.zone.clone())
        .ok_or_else(|| {
            format!("'{time_cell}' has a time but no date (no date heading above the table)")
        })?;
    let mut text = String::new();
    let mut actor = None;
    let mut notes = Vec::new();
    for ((column, cell), header) in columns.iter().zip(&cells).zip(headers) {
        match column {
            Column::Time => {}
            Column::Actor if actor.is_none() && !cell.is_empty() => actor = Some(cell.clone()),
            Column::Event if text.is_empty() => text = cell.clone(),
            _ if !cell.is_empty() => notes.push(format!("{header}: {cell}")),
            _ => {}
        }
    }
    if !extra_in_time.is_empty() {
        notes.insert(0, format!("{}: {extra_in_time}", headers[time_col]));
    }
    for note in notes {
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(&note);
    }
    if text.trim().is_empty() {
        return Err("the row has a time but no event text".into());
    }
    Ok(ParsedEntry {
        at: at.0,
        zone: at.1,
        text,
        actor,
        line: number,
    })
}
