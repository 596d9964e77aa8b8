//! The document header and step 1: the event, key moments, evidence, timeline.

use std::fmt::Write;

use retrospect_domain::{EntryState, EnumName, Kind, PostMortem, human_duration};

use super::{figure, table};
use crate::escape::escape_xml as esc;
use crate::markdown::markdown_to_safe_html_nested;
use crate::time_fmt::{in_original_zone, utc_datetime};

pub(super) fn document_header(pm: &PostMortem) -> String {
    let kind = match pm.kind {
        Kind::Personal => "Personal post-mortem",
        Kind::Project => "Project post-mortem",
        _ => "Blameless post-mortem",
    };
    let mut out = format!(
        "<header class=\"doc\">\n<p class=\"kicker\">{kind} \u{b7} {}</p>\n<h1>{}</h1>\n<dl class=\"facts\">\n",
        esc(pm.status.name()),
        esc(&pm.title)
    );
    let mut fact = |name: &str, value: String| {
        let _ = writeln!(out, "<dt>{}</dt><dd>{value}</dd>", esc(name));
    };
    fact("Kind", esc(pm.kind.name()));
    if let Some(s) = pm.severity {
        fact("Severity", esc(&s.to_string()));
    }
    if let Some(team) = &pm.team {
        fact("Team", esc(team));
    }
    if let Some(author) = &pm.author {
        fact("Author", esc(author));
    }
    if !pm.participants.is_empty() {
        let people: Vec<String> = pm
            .participants
            .iter()
            .map(|p| match &p.role {
                Some(role) => format!("{} ({})", esc(&p.name), esc(role)),
                None => esc(&p.name),
            })
            .collect();
        fact("Participants", people.join(", "));
    }
    if !pm.tags.is_empty() {
        let tags: Vec<String> = pm
            .tags
            .iter()
            .map(|t| format!("<span class=\"tag\">{}</span>", esc(t)))
            .collect();
        fact("Tags", tags.join(" "));
    }
    fact("Created", esc(&utc_datetime(pm.created_at)));
    fact("Last updated", esc(&utc_datetime(pm.updated_at)));
    out.push_str("</dl>\n</header>\n");
    out
}

pub(super) fn event_section(pm: &PostMortem) -> String {
    let mut out = String::new();
    if pm.summary.trim().is_empty() && pm.impact.trim().is_empty() {
        out.push_str("<p class=\"muted\">No summary has been written yet.</p>\n");
    }
    if !pm.summary.trim().is_empty() {
        out.push_str("<h3>What happened</h3>\n<div class=\"markdown\">\n");
        out.push_str(&markdown_to_safe_html_nested(&pm.summary, 4));
        out.push_str("</div>\n");
    }
    if !pm.impact.trim().is_empty() {
        out.push_str("<h3>Impact</h3>\n<div class=\"markdown\">\n");
        out.push_str(&markdown_to_safe_html_nested(&pm.impact, 4));
        out.push_str("</div>\n");
    }
    out.push_str(&moments(pm));
    out.push_str(&evidence(pm));
    out.push_str(&timeline(pm));
    out
}

fn moments(pm: &PostMortem) -> String {
    let mut out = String::from("<h3>Key moments</h3>\n");
    let d = pm.durations();
    out.push_str("<ul class=\"durations\">\n");
    for (label, value, needs) in [
        (
            "Time to detect",
            d.time_to_detect_seconds,
            "started and detected",
        ),
        (
            "Time to mitigate",
            d.time_to_mitigate_seconds,
            "started and mitigated",
        ),
        (
            "Time to resolve",
            d.time_to_resolve_seconds,
            "started and resolved",
        ),
    ] {
        let value = match value {
            Some(s) => esc(&human_duration(s)),
            None => format!("<span class=\"muted\">not known (needs {needs})</span>"),
        };
        let _ = writeln!(
            out,
            "<li><span class=\"value\">{value}</span><span class=\"label\">{label}</span></li>"
        );
    }
    out.push_str("</ul>\n");
    for w in pm.moment_warnings() {
        let _ = writeln!(out, "<p class=\"muted\">Note: {}</p>", esc(&w.message));
    }
    if pm.key_moments.is_empty() {
        out.push_str("<p class=\"muted\">No key moments recorded yet.</p>\n");
        return out;
    }
    let mut moments: Vec<_> = pm.key_moments.iter().collect();
    moments.sort_by_key(|m| m.at);
    let rows: Vec<(Option<String>, Vec<String>)> = moments
        .iter()
        .map(|m| {
            (
                None,
                vec![
                    esc(m.kind.name()),
                    esc(&utc_datetime(m.at)),
                    in_original_zone(m.at, m.zone.as_deref())
                        .map(|z| esc(&z))
                        .unwrap_or_default(),
                    m.note.as_deref().map(esc).unwrap_or_default(),
                ],
            )
        })
        .collect();
    out.push_str(&table(
        "Key moments",
        &["Moment", "Time (UTC)", "As written", "Note"],
        &rows,
    ));
    out
}

fn evidence(pm: &PostMortem) -> String {
    if pm.evidence.is_empty() {
        return String::new();
    }
    let rows: Vec<(Option<String>, Vec<String>)> = pm
        .evidence
        .iter()
        .map(|e| {
            let short: String = e.checksum.chars().take(12).collect();
            (
                Some(format!("evidence-{}", e.id)),
                vec![
                    format!("<span class=\"id\">E{}</span>", e.id),
                    esc(&e.name),
                    esc(e.kind.name()),
                    esc(&human_size(e.size)),
                    format!(
                        "<span class=\"id\" title=\"{}\">{}\u{2026}</span>",
                        esc(&e.checksum),
                        esc(&short)
                    ),
                    esc(&utc_datetime(e.imported_at)),
                    esc(&e.source),
                ],
            )
        })
        .collect();
    let mut out = String::from("<h3>Evidence</h3>\n");
    out.push_str(&table(
        "Evidence, with the SHA-256 checksum of each file as imported",
        &[
            "ID",
            "Name",
            "Kind",
            "Size",
            "SHA-256",
            "Imported (UTC)",
            "Source",
        ],
        &rows,
    ));
    out
}

fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["bytes", "KiB", "MiB", "GiB", "TiB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} bytes")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

fn timeline(pm: &PostMortem) -> String {
    let mut out = String::from("<h3>Timeline</h3>\n");
    let mut entries: Vec<_> = pm
        .timeline
        .iter()
        .filter(|t| !t.hidden && t.state != EntryState::Dismissed)
        .collect();
    if entries.is_empty() {
        out.push_str("<p class=\"muted\">No timeline entries yet.</p>\n");
        return out;
    }
    entries.sort_by_key(|t| (t.at, t.id));
    out.push_str(&figure(
        "Timeline picture",
        &crate::timeline_svg(pm),
        "The timeline by source. Filled marks are entries, hollow ones are proposed entries not yet accepted, numbered marks group entries close together, and dashed lines are key moments. The table below lists every entry.",
    ));
    let rows: Vec<(Option<String>, Vec<String>)> = entries
        .iter()
        .map(|e| {
            let mut notes = Vec::new();
            if e.state == EntryState::Proposed {
                notes.push("<span class=\"state-proposed\">proposed</span>".to_string());
            }
            if let Some(k) = &e.key_moment {
                notes.push(format!("key moment: {}", esc(k.name())));
            }
            if let Some(r) = &e.evidence {
                let place = r
                    .position
                    .as_deref()
                    .map(|p| format!(", {}", esc(p)))
                    .unwrap_or_default();
                notes.push(format!(
                    "<a href=\"#evidence-{0}\">E{0}</a>{place}",
                    r.evidence
                ));
            }
            let time = match in_original_zone(e.at, e.zone.as_deref()) {
                Some(local) => format!(
                    "{}<br><span class=\"muted\">{}</span>",
                    esc(&utc_datetime(e.at)),
                    esc(&local)
                ),
                None => esc(&utc_datetime(e.at)),
            };
            (
                Some(format!("entry-{}", e.id)),
                vec![
                    time,
                    format!("<span class=\"id\">T{}</span>", e.id),
                    esc(&crate::timeline::lane_of(pm, e)),
                    e.actor.as_deref().map(esc).unwrap_or_default(),
                    esc(&e.text).replace('\n', "<br>"),
                    notes.join("; "),
                ],
            )
        })
        .collect();
    out.push_str(&table(
        "Timeline entries in time order (hidden and dismissed entries are left out)",
        &[
            "Time (UTC)",
            "ID",
            "Source",
            "Who",
            "What happened",
            "Notes",
        ],
        &rows,
    ));
    out
}
