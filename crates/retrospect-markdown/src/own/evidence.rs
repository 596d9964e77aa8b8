//! The evidence and log-pattern tables.

use retrospect_domain::{Evidence, LogTemplate};

use super::parse_id;
use crate::{inline, timefmt};

pub(crate) const EVIDENCE_HEADER: &[&str] = &[
    "Id", "Kind", "Name", "Size", "SHA-256", "Imported", "Source",
];
pub(crate) const PATTERN_HEADER: &[&str] = &[
    "Evidence",
    "Id",
    "Count",
    "Level",
    "First seen",
    "Last seen",
    "Pattern",
    "Examples",
];

pub(crate) fn evidence_row(e: &Evidence) -> Vec<String> {
    vec![
        format!("E{}", e.id),
        e.kind.to_string(),
        inline::encode(&e.name, &[]),
        e.size.to_string(),
        inline::encode(&e.checksum, &[]),
        timefmt::utc(e.imported_at),
        inline::encode(&e.source, &[]),
    ]
}

pub(crate) fn parse_evidence(cells: &[&str]) -> Result<Evidence, String> {
    expect_len(cells, EVIDENCE_HEADER, "evidence")?;
    Ok(Evidence {
        id: parse_id(cells[0], 'E')
            .ok_or_else(|| format!("'{}' is not an evidence id such as E2", cells[0]))?,
        kind: cells[1].parse().map_err(|e| format!("{e}"))?,
        name: inline::decode(cells[2]),
        size: cells[3]
            .parse()
            .map_err(|_| format!("'{}' is not a size in bytes", cells[3]))?,
        checksum: inline::decode(cells[4]),
        imported_at: instant(cells[5])?,
        source: inline::decode(cells[6]),
    })
}

pub(crate) fn pattern_row(t: &LogTemplate) -> Vec<String> {
    let seen = |at: Option<retrospect_domain::Timestamp>| at.map(timefmt::utc).unwrap_or_default();
    vec![
        format!("E{}", t.evidence),
        t.template_id.to_string(),
        t.count.to_string(),
        inline::encode_opt(t.level.as_deref(), &[]),
        seen(t.first_seen),
        seen(t.last_seen),
        inline::encode(&t.pattern, &[]),
        inline::encode_list(&t.examples),
    ]
}

pub(crate) fn parse_pattern(cells: &[&str]) -> Result<LogTemplate, String> {
    expect_len(cells, PATTERN_HEADER, "log pattern")?;
    let seen = |cell: &str| {
        if cell.is_empty() {
            Ok(None)
        } else {
            instant(cell).map(Some)
        }
    };
    Ok(LogTemplate {
        evidence: parse_id(cells[0], 'E')
            .ok_or_else(|| format!("'{}' is not an evidence id such as E2", cells[0]))?,
        template_id: cells[1]
            .parse()
            .map_err(|_| format!("'{}' is not a pattern number", cells[1]))?,
        count: cells[2]
            .parse()
            .map_err(|_| format!("'{}' is not a count", cells[2]))?,
        level: inline::decode_opt(cells[3]),
        first_seen: seen(cells[4])?,
        last_seen: seen(cells[5])?,
        pattern: inline::decode(cells[6]),
        examples: inline::decode_list(cells[7]),
    })
}

pub(crate) fn instant(cell: &str) -> Result<retrospect_domain::Timestamp, String> {
    match timefmt::parse(cell) {
        Some((at, _)) => Ok(at),
        None => Err(format!(
            "'{cell}' is not a time such as 2024-03-05 14:02:00Z"
        )),
    }
}

pub(crate) fn expect_len(cells: &[&str], header: &[&str], what: &str) -> Result<(), String> {
    if cells.len() == header.len() {
        Ok(())
    } else {
        Err(format!(
            "this {what} row has {} cells and the table has {} columns",
            cells.len(),
            header.len()
        ))
    }
}
