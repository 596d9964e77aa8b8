//! Finding our own tables inside a section body. Rows that cannot be read
//! are reported with their line and kept as text, never dropped.

use crate::inline::{is_delimiter_row, table_cells};
use crate::own::header_matches;

/// What a scan for one of our tables found.
#[derive(Debug, Default)]
pub(crate) struct Scan<'a> {
    /// Lines outside our tables, for the other readers of the section.
    pub rest: Vec<(usize, &'a str)>,
    /// Rows that did not read, with their table's header, kept verbatim.
    pub kept_rows: Vec<&'a str>,
    pub warnings: Vec<String>,
    pub rows: usize,
}

/// Reads every table in `body` whose header is `header`, calling `row` with
/// each data row's cells and line.
pub(crate) fn scan<'a>(
    body: &[(usize, &'a str)],
    header: &[&str],
    mut row: impl FnMut(&[&str], usize) -> Result<(), String>,
) -> Scan<'a> {
    let mut out = Scan::default();
    let mut i = 0;
    while i < body.len() {
        let (number, line) = body[i];
        let is_ours = line.trim_start().starts_with('|')
            && table_cells(line).is_some_and(|cells| header_matches(&cells, header))
            && body.get(i + 1).is_some_and(|(_, l)| is_delimiter_row(l));
        if !is_ours {
            out.rest.push((number, line));
            i += 1;
            continue;
        }
        let (header_line, delimiter_line) = (line, body[i + 1].1);
        let mut kept_header = false;
        i += 2;
        while i < body.len() && body[i].1.trim_start().starts_with('|') {
            let (n, l) = body[i];
            let cells = table_cells(l).unwrap_or_default();
            match row(&cells, n) {
                Ok(()) => out.rows += 1,
                Err(why) => {
                    out.warnings.push(format!(
                        "line {n}: {why}; the row is kept as text in a section of its own"
                    ));
                    if !kept_header {
                        out.kept_rows.push(header_line);
                        out.kept_rows.push(delimiter_line);
                        kept_header = true;
                    }
                    out.kept_rows.push(l);
                }
            }
            i += 1;
        }
    }
    out
}
