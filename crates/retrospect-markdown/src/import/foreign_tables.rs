//! Action-item tables written elsewhere: columns found by their headers
//! (Action / Owner / Due / Status / Type …); columns we have no field for
//! are added to the action's text as `Header: value`, so nothing is lost.

use retrospect_domain::{ActionKind, ActionStatus, Date};

use super::Report;
use super::action_text::{action_from_text, guess_kind};
use super::draft::{Draft, Part};
use crate::inline::{self, is_delimiter_row, table_cells};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Text,
    Owner,
    Due,
    Status,
    Kind,
    Other,
}

fn column_of(header: &str) -> Column {
    let h = header.to_lowercase();
    let has = |words: &[&str]| {
        words
            .iter()
            .any(|w| h.split(|c: char| !c.is_alphanumeric()).any(|x| x == *w))
    };
    if has(&[
        "owner",
        "owners",
        "assignee",
        "who",
        "responsible",
        "assigned",
    ]) {
        Column::Owner
    } else if has(&["due", "deadline", "date", "when", "eta"]) {
        Column::Due
    } else if has(&["status", "state", "done"]) {
        Column::Status
    } else if has(&["type", "kind", "category"]) {
        Column::Kind
    } else if has(&[
        "action",
        "actions",
        "item",
        "items",
        "task",
        "description",
        "what",
        "title",
        "todo",
        "summary",
    ]) {
        Column::Text
    } else {
        Column::Other
    }
}

/// Reads every table in `body` as action items. Returns the lines that were
/// not tables and the number of actions found.
pub(crate) fn actions<'a>(
    body: &[(usize, &'a str)],
    draft: &mut Draft,
    report: &mut Report,
) -> (Vec<(usize, &'a str)>, usize) {
    let mut rest = Vec::new();
    let mut found = 0;
    let mut i = 0;
    while i < body.len() {
        let (number, line) = body[i];
        let starts = line.trim_start().starts_with('|')
            && body.get(i + 1).is_some_and(|(_, l)| is_delimiter_row(l));
        if !starts {
            rest.push((number, line));
            i += 1;
            continue;
        }
        let headers: Vec<String> = table_cells(line)
            .unwrap_or_default()
            .iter()
            .map(|c| inline::decode(c))
            .collect();
        let mut columns: Vec<Column> = headers.iter().map(|h| column_of(h)).collect();
        if !columns.contains(&Column::Text)
            && let Some(c) = columns.iter().position(|&c| c == Column::Other)
        {
            columns[c] = Column::Text;
        }
        let table_start = i;
        i += 2;
        let mut kept_header = false;
        while i < body.len() && body[i].1.trim_start().starts_with('|') {
            let (n, row) = body[i];
            let cells: Vec<String> = table_cells(row)
                .unwrap_or_default()
                .iter()
                .map(|c| inline::decode(c))
                .collect();
            if cells.len() == columns.len() && cells.iter().any(|c| !c.is_empty()) {
                draft.actions.push(Part {
                    explicit_id: None,
                    value: row_action(&headers, &columns, &cells),
                    line: n,
                });
                found += 1;
            } else if cells.iter().any(|c| !c.is_empty()) {
                report.warnings.push(format!(
                    "line {n}: this action row has {} cells and the table has {} columns; the row is kept as text",
                    cells.len(),
                    columns.len()
                ));
                if !kept_header {
                    rest.push(body[table_start]);
                    rest.push(body[table_start + 1]);
                    kept_header = true;
                }
                rest.push((n, row));
            }
            i += 1;
        }
    }
    (rest, found)
}

fn row_action(
    headers: &[String],
    columns: &[Column],
    cells: &[String],
) -> retrospect_domain::ActionItem {
    let mut text = String::new();
    let mut notes = Vec::new();
    let mut owner = None;
    let mut due = None;
    let mut status = None;
    let mut kind = None;
    for ((column, cell), header) in columns.iter().zip(cells).zip(headers) {
        if cell.is_empty() {
            continue;
        }
        match column {
            Column::Text if text.is_empty() => text = cell.clone(),
            Column::Owner if owner.is_none() => {
                owner = Some(cell.trim_start_matches('@').to_string())
            }
            Column::Due if due.is_none() && cell.parse::<Date>().is_ok() => {
                due = cell.parse::<Date>().ok()
            }
            Column::Status if status.is_none() && cell.parse::<ActionStatus>().is_ok() => {
                status = cell.parse().ok()
            }
            Column::Kind if kind.is_none() && cell.parse::<ActionKind>().is_ok() => {
                kind = cell.parse().ok()
            }
            _ => notes.push(format!("{header}: {cell}")),
        }
    }
    for note in notes {
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(&note);
    }
    let mut action = action_from_text(&text);
    action.owner = owner.or(action.owner);
    action.due = due.or(action.due);
    action.status = status.unwrap_or(action.status);
    action.kind = kind.unwrap_or_else(|| guess_kind(&action.text));
    action
}
