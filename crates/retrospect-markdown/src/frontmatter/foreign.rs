//! Reading any front matter: ours (marked `format: retrospect/1`) or the
//! keys other tools write (icco's company/url/categories/start_time, blog
//! engines' title/authors/date/tags). Keys we use become fields; every other
//! key is kept, exactly as written, in a "Front matter" section.

use retrospect_domain::{
    Date, FreeSection, KeyMoment, Kind, MomentKind, Severity, Status, Timestamp, Visibility,
};
use serde_json::Value;

use super::canonical::{CANONICAL_KEYS, CanonicalFront, FORMAT};
use super::toml_lite::{self, TomlValue};
use super::{Block, Syntax, parse_typed, parse_value, yaml_key_blocks};
use crate::{ImportError, ImportErrorKind};

/// The heading of the section that keeps front matter keys we do not use.
pub(crate) const KEPT_HEADING: &str = "Front matter";

/// What the front matter said, whichever tool wrote it.
#[derive(Debug, Clone, Default)]
pub(crate) struct ForeignFront {
    pub canonical: Option<CanonicalFront>,
    pub title: Option<String>,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub author: Option<String>,
    pub participants: Vec<String>,
    pub team: Option<String>,
    pub tags: Vec<String>,
    pub kind: Option<Kind>,
    pub status: Option<Status>,
    pub visibility: Option<Visibility>,
    pub severity: Option<Severity>,
    pub created: Option<Timestamp>,
    /// A date the document is about, for timelines that give times only.
    pub reference_date: Option<Date>,
    pub moments: Vec<KeyMoment>,
    /// Keys we did not use, verbatim.
    pub kept: Option<FreeSection>,
    /// The keys that became fields, for the import report.
    pub used: Vec<String>,
    pub warnings: Vec<String>,
}

pub(crate) fn read_foreign(block: &Block<'_>) -> Result<ForeignFront, ImportError> {
    let shift = block.first_line - 1;
    match block.syntax {
        Syntax::Toml => Ok(read_toml(block.text)),
        Syntax::Yaml => {
            let value = parse_value(block.text).map_err(|e| e.shifted_by_lines(shift))?;
            let Value::Object(map) = value else {
                let mut front = ForeignFront::default();
                if !block.text.trim().is_empty() {
                    front.warnings.push(
                        "the front matter is not a list of 'key: value' pairs; it is kept as written".into(),
                    );
                    front.kept = Some(kept_section("yaml", block.text.trim()));
                }
                return Ok(front);
            };
            if let Some(format) = map.get("format") {
                return read_canonical(block, format, shift);
            }
            Ok(read_yaml_map(block.text, &map))
        }
    }
}

fn read_canonical(
    block: &Block<'_>,
    format: &Value,
    shift: usize,
) -> Result<ForeignFront, ImportError> {
    let line = yaml_key_blocks(block.text)
        .iter()
        .find(|(k, _, _)| k == "format")
        .map_or(block.first_line, |(_, l, _)| l + block.first_line);
    if format.as_str() != Some(FORMAT) {
        return Err(ImportError::new(
            ImportErrorKind::UnsupportedFormat,
            format!(
                "this file says it is in format {format}, and this version of Retrospect reads \
                 {FORMAT}; please update Retrospect or export the file again"
            ),
        )
        .at_line(line));
    }
    let canonical: CanonicalFront =
        parse_typed(block.text).map_err(|e| e.shifted_by_lines(shift))?;
    let kept: Vec<String> = yaml_key_blocks(block.text)
        .into_iter()
        .filter(|(k, _, _)| !CANONICAL_KEYS.contains(&k.as_str()))
        .map(|(_, _, text)| text)
        .collect();
    Ok(ForeignFront {
        canonical: Some(canonical),
        kept: (!kept.is_empty()).then(|| kept_section("yaml", &kept.join("\n"))),
        ..ForeignFront::default()
    })
}

fn read_yaml_map(text: &str, map: &serde_json::Map<String, Value>) -> ForeignFront {
    let mut front = ForeignFront::default();
    let mut kept = Vec::new();
    for (key, _, block_text) in yaml_key_blocks(text) {
        let used = map
            .get(&key)
            .is_some_and(|v| apply(&mut front, &key, &Scalar::from_json(v)));
        if used {
            front.used.push(key);
        } else {
            kept.push(block_text);
        }
    }
    if !kept.is_empty() {
        front.kept = Some(kept_section("yaml", &kept.join("\n")));
    }
    front
}

fn read_toml(text: &str) -> ForeignFront {
    let mut front = ForeignFront::default();
    let lines: Vec<&str> = text.split('\n').collect();
    let mut consumed = vec![false; lines.len()];
    for entry in toml_lite::read(text) {
        let Some(value) = &entry.value else { continue };
        let key = entry
            .path
            .rsplit('.')
            .next()
            .unwrap_or(&entry.path)
            .to_string();
        let scalar = match value {
            TomlValue::Text(t) => Scalar::Text(t.clone()),
            TomlValue::List(items) => Scalar::List(items.clone()),
        };
        if apply(&mut front, &key, &scalar) {
            front.used.push(entry.path.clone());
            consumed[entry.line] = true;
        }
    }
    // Keep every line we did not use, with the table headers they sit under.
    let kept: Vec<&str> = lines
        .iter()
        .zip(&consumed)
        .filter(|(_, used)| !**used)
        .map(|(l, _)| *l)
        .collect();
    let kept_text = crate::lines::join_trimmed(&kept);
    let only_headers = kept_text
        .lines()
        .all(|l| l.trim().is_empty() || l.trim().starts_with('['));
    if !only_headers {
        front.kept = Some(kept_section("toml", &kept_text));
    }
    front
}

fn kept_section(language: &str, text: &str) -> FreeSection {
    FreeSection {
        heading: KEPT_HEADING.to_string(),
        body: format!("```{language}\n{text}\n```"),
    }
}

/// A front matter value reduced to what we can use.
enum Scalar {
    Text(String),
    List(Vec<String>),
    Other,
}

impl Scalar {
    fn from_json(v: &Value) -> Self {
        match v {
            Value::String(s) => Scalar::Text(s.clone()),
            Value::Number(n) => Scalar::Text(n.to_string()),
            Value::Bool(b) => Scalar::Text(b.to_string()),
            Value::Array(items) => {
                let texts: Option<Vec<String>> = items
                    .iter()
                    .map(|i| match i {
                        Value::String(s) => Some(s.clone()),
                        Value::Number(n) => Some(n.to_string()),
                        _ => None,
                    })
                    .collect();
                texts.map_or(Scalar::Other, Scalar::List)
            }
            _ => Scalar::Other,
        }
    }

    fn text(&self) -> Option<&str> {
        match self {
            Scalar::Text(t) if !t.trim().is_empty() => Some(t.trim()),
            _ => None,
        }
    }

    fn list(&self) -> Vec<String> {
        match self {
            Scalar::Text(t) if !t.trim().is_empty() => vec![t.trim().to_string()],
            Scalar::List(items) => items
                .iter()
                .map(|i| i.trim().to_string())
                .filter(|i| !i.is_empty())
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// Uses one key if we know it and its value makes sense; false keeps it verbatim.
fn apply(front: &mut ForeignFront, key: &str, value: &Scalar) -> bool {
    let key = key.to_ascii_lowercase().replace([' ', '-'], "_");
    let text = value.text();
    match key.as_str() {
        "title" if front.title.is_none() && text.is_some() => {
            front.title = text.map(str::to_string)
        }
        "summary" | "tldr" if front.summary.is_none() && text.is_some() => {
            front.summary = text.map(str::to_string)
        }
        "description" | "excerpt" if front.description.is_none() && text.is_some() => {
            front.description = text.map(str::to_string)
        }
        "author" | "authors" | "owner" if front.author.is_none() && !value.list().is_empty() => {
            let names = value.list();
            front.author = names.first().cloned();
            if names.len() > 1 {
                front.participants.extend(names);
            }
        }
        "team" if front.team.is_none() && text.is_some() => front.team = text.map(str::to_string),
        "tags" | "categories" | "keywords" | "labels" if !value.list().is_empty() => {
            for tag in value.list() {
                if !front.tags.contains(&tag) {
                    front.tags.push(tag);
                }
            }
        }
        "severity" | "sev" => match text.and_then(|t| t.parse::<Severity>().ok()) {
            Some(s) => front.severity = Some(s),
            None => return false,
        },
        "kind" => match text.and_then(|t| t.parse::<Kind>().ok()) {
            Some(k) => front.kind = Some(k),
            None => return false,
        },
        "status" => match text.and_then(|t| t.parse::<Status>().ok()) {
            Some(s) => front.status = Some(s),
            None => return false,
        },
        "visibility" => match text.and_then(|t| t.parse::<Visibility>().ok()) {
            Some(v) => front.visibility = Some(v),
            None => return false,
        },
        "date" | "created" | "created_at" | "published" => match text.and_then(parse_when) {
            Some((at, _, date)) if front.created.is_none() => {
                front.created = Some(at);
                front.reference_date.get_or_insert(date);
            }
            _ => return false,
        },
        "start_time" | "start" | "started" | "started_at" | "begin" => {
            return moment(front, MomentKind::Started, text);
        }
        "detected" | "detected_at" | "detection_time" => {
            return moment(front, MomentKind::Detected, text);
        }
        "mitigated" | "mitigated_at" => return moment(front, MomentKind::Mitigated, text),
        "end_time" | "end" | "ended" | "resolved" | "resolved_at" => {
            return moment(front, MomentKind::Resolved, text);
        }
        _ => return false,
    }
    true
}

fn moment(front: &mut ForeignFront, kind: MomentKind, text: Option<&str>) -> bool {
    let Some((at, zone, date)) = text.and_then(parse_when) else {
        return false;
    };
    if front.moments.iter().any(|m| m.kind == kind) {
        return false;
    }
    if kind == MomentKind::Started {
        front.reference_date = Some(date);
    }
    front.moments.push(KeyMoment {
        kind,
        at,
        zone,
        note: None,
    });
    true
}

/// An RFC 3339 instant (`2007-12-05T22:04:00Z`) or a plain date (midnight UTC).
fn parse_when(text: &str) -> Option<(Timestamp, Option<String>, Date)> {
    if let Some((at, zone)) = crate::timefmt::parse(text) {
        let date = at.to_zoned_datetime(jiff::tz::TimeZone::UTC).date();
        return Some((at, zone, date));
    }
    let date: Date = text.trim().parse().ok()?;
    let at = date
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .ok()?
        .timestamp();
    Some((at, None, date))
}
