//! The timeline table: `| Id | Time | Actor | Event | Details |`.
//!
//! Details lists what differs from an ordinary accepted entry:
//! `state: proposed; hidden; key moment: detected; evidence: E2;
//! position: line 4031; source: syslog.log; zone: …`.

use retrospect_domain::{EntryState, EvidenceRef, MomentKind, TimelineEntry};

use super::{detail, details, parse_id};
use crate::{inline, timefmt};

pub(crate) const HEADER: &[&str] = &["Id", "Time", "Actor", "Event", "Details"];

pub(crate) fn row(entry: &TimelineEntry) -> Vec<String> {
    let zone = entry.zone.as_deref();
    let (time, explicit_zone) = match timefmt::in_zone(entry.at, zone) {
        Some(t) => (t, None),
        None => (timefmt::utc(entry.at), zone),
    };
    let mut info = Vec::new();
    if entry.state != EntryState::Accepted {
        info.push(format!("state: {}", entry.state));
    }
    if entry.hidden {
        info.push("hidden".to_string());
    }
    if let Some(kind) = &entry.key_moment {
        info.push(detail("key moment", kind.name()));
    }
    if let Some(r) = &entry.evidence {
        info.push(format!("evidence: E{}", r.evidence));
        if let Some(p) = &r.position {
            info.push(detail("position", p));
        }
    }
    if !entry.source.is_empty() {
        info.push(detail("source", &entry.source));
    }
    if let Some(z) = explicit_zone {
        info.push(detail("zone", z));
    }
    vec![
        format!("T{}", entry.id),
        time,
        inline::encode_opt(entry.actor.as_deref(), &[]),
        inline::encode(&entry.text, &[]),
        info.join("; "),
    ]
}

/// Reads one row of our timeline table; the error says what is wrong with it.
pub(crate) fn parse_row(cells: &[&str]) -> Result<TimelineEntry, String> {
    if cells.len() != HEADER.len() {
        return Err(format!(
            "this timeline row has {} cells and the table has {} columns",
            cells.len(),
            HEADER.len()
        ));
    }
    let id = parse_id(cells[0], 'T')
        .ok_or_else(|| format!("'{}' is not a timeline id such as T3", cells[0]))?;
    let (at, mut zone) = timefmt::parse(cells[1]).ok_or_else(|| {
        format!(
            "'{}' is not a time Retrospect can read exactly; write it like 2024-03-05 14:02:00Z \
             or 2024-03-05 15:02:00+01:00[Europe/Berlin]",
            cells[1]
        )
    })?;
    let mut entry = TimelineEntry {
        id,
        at,
        zone: None,
        text: inline::decode(cells[3]),
        actor: inline::decode_opt(cells[2]),
        source: String::new(),
        evidence: None,
        key_moment: None,
        hidden: false,
        state: EntryState::Accepted,
    };
    let mut position = None;
    for (key, value) in details(cells[4]) {
        match (key.as_str(), value) {
            ("state", Some(v)) => entry.state = v.parse().map_err(|e| format!("{e}"))?,
            ("hidden", None) => entry.hidden = true,
            ("key moment", Some(v)) => {
                entry.key_moment = Some(MomentKind::parse(&v).map_err(|e| format!("{e}"))?);
            }
            ("evidence", Some(v)) => {
                let evidence = parse_id(&v, 'E')
                    .ok_or_else(|| format!("'{v}' is not an evidence id such as E2"))?;
                entry.evidence = Some(EvidenceRef {
                    evidence,
                    position: None,
                });
            }
            ("position", Some(v)) => position = Some(v),
            ("source", Some(v)) => entry.source = v,
            ("zone", Some(v)) => zone = Some(v),
            (other, _) => {
                return Err(format!(
                    "'{other}' is not a timeline detail Retrospect knows (state, hidden, key moment, \
                     evidence, position, source, zone)"
                ));
            }
        }
    }
    match (&mut entry.evidence, position) {
        (Some(r), Some(p)) => r.position = Some(p),
        (None, Some(_)) => return Err("a position is given without the evidence it is in".into()),
        _ => {}
    }
    entry.zone = zone;
    Ok(entry)
}
