//! Putting a post-mortem together from a document's front matter and sections.

use retrospect_domain::{
    DEFAULT_FISHBONE_CATEGORIES, Date, FreeSection, Participant, PostMortem, Timestamp,
};

use super::draft::Draft;
use super::headings::Role;
use super::sections::{Section, split};
use super::structure::{check_structure, domain_validate};
use super::{MarkdownImport, Report, parts};
use crate::frontmatter::{self, ForeignFront, read_foreign};
use crate::lines::join_trimmed;
use crate::own::pictures;
use crate::timeline::{Context, when::dates_in, zones};
use crate::{ImportError, block, inline};

pub(crate) fn assemble(
    text: &str,
    now: Timestamp,
    default_zone: Option<&str>,
    file_name: Option<&str>,
) -> Result<MarkdownImport, ImportError> {
    let lines: Vec<&str> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    let block = frontmatter::split(text, &lines)?;
    let front = match &block {
        Some(b) => read_foreign(b)?,
        None => ForeignFront::default(),
    };
    let own = front.canonical.is_some();
    let skip = block.as_ref().map_or(0, |b| b.line_count);
    let numbered: Vec<(usize, &str)> = lines
        .iter()
        .enumerate()
        .skip(skip)
        .map(|(i, l)| (i + 1, *l))
        .collect();
    let mut sections = split(&numbered, own);

    let mut report = Report::default();
    report.warnings.extend(front.warnings.iter().cloned());
    if own {
        report
            .recognised
            .push(format!("Retrospect format ({})", frontmatter::FORMAT));
    } else if !front.used.is_empty() {
        report
            .recognised
            .push(format!("front matter: {}", front.used.join(", ")));
    }
    let default_zone = match default_zone {
        Some(z) => match zones::resolve(z) {
            Some(zone) => Some(zone),
            None => {
                report.warnings.push(format!("the default time zone '{z}' is not one Retrospect knows; times with no zone are read as UTC"));
                None
            }
        },
        None => None,
    };

    // The title: from the front matter, else the first heading when it is a level-1 heading.
    let heading_text = |s: &Section<'_>| -> String {
        let h = s.heading.unwrap_or("");
        if own {
            inline::decode(h)
        } else {
            h.to_string()
        }
    };
    let front_title = front
        .canonical
        .as_ref()
        .map(|c| c.title.clone())
        .or_else(|| front.title.clone());
    let mut title = front_title.clone();
    if sections.len() > 1 && sections[1].level == 1 && !sections[1].free {
        let h1 = heading_text(&sections[1]);
        let same = |t: &str| {
            if own {
                t == h1
            } else {
                normalise_title(t) == normalise_title(&h1)
            }
        };
        let consume = match &front_title {
            // "# Summary" at the top is a section, not the post-mortem's title.
            None if sections[1].role.is_some() => false,
            None => {
                title = Some(h1.trim().to_string());
                true
            }
            Some(t) => same(t),
        };
        if consume {
            let h1_section = sections.remove(1);
            sections[0].body.extend(h1_section.body);
        }
    }
    let preamble_lines: Vec<&str> = sections[0].body.iter().map(|(_, l)| *l).collect();
    let preamble = join_trimmed(&preamble_lines);

    let reference_date = reference_date(&front, title.as_deref(), &preamble, &numbered);
    let mut draft = Draft::default();
    let mut summary_section: Option<String> = None;
    let mut impact: Option<String> = None;
    let mut free: Vec<FreeSection> = Vec::new();
    let mut participants: Vec<Participant> = Vec::new();

    for sec in sections.iter().skip(1) {
        let heading = heading_text(sec);
        let body_lines: Vec<&str> = sec.body.iter().map(|(_, l)| *l).collect();
        let body = join_trimmed(&body_lines);
        let as_text = |b: &str| if own { block::decode(b) } else { b.to_string() };
        // Pictures drawn from the post-mortem are not part of it: they are redrawn on export.
        if own
            && !sec.free
            && sec.level == 2
            && heading == pictures::PICTURES
            && let Some(count) = pictures::generated_count(&body_lines)
        {
            report.recognised.push(format!(
                "pictures: {count} (drawn from the post-mortem, so not kept; they are redrawn on export)"
            ));
            continue;
        }
        if sec.free || sec.role.is_none() {
            if sec.heading.is_some() || !body.is_empty() {
                free.push(FreeSection {
                    heading,
                    body: if sec.free { block::decode(&body) } else { body },
                });
            }
            continue;
        }
        let leftover = match sec.role {
            Some(Role::Summary) if summary_section.is_none() => {
                summary_section = Some(as_text(&body));
                Vec::new()
            }
            Some(Role::Impact) if impact.is_none() => {
                impact = Some(as_text(&body));
                report.recognised.push("impact".into());
                Vec::new()
            }
            Some(Role::Timeline) => {
                let context = Context {
                    stated_zone: zones::stated_in(&heading),
                    default_zone: default_zone.clone(),
                    reference_date,
                };
                parts::timeline(sec, context, &mut draft, &mut report)
            }
            Some(Role::RootCauses) => parts::root_causes(sec, &mut draft, &mut report),
            Some(Role::Lessons(_)) => parts::lessons(sec, &mut draft, &mut report),
            Some(Role::ActionItems) => parts::action_items(sec, &mut draft, &mut report),
            Some(Role::Participants) => parts::participants(sec, &mut participants, &mut report),
            Some(role @ (Role::Evidence | Role::LogPatterns | Role::Comments)) => {
                parts::own_only(sec, role, &mut draft, &mut report)
            }
            Some(Role::Resolution) => {
                report.recognised.push(format!(
                    "{}: kept as its own section",
                    heading.to_lowercase()
                ));
                body_lines
            }
            // A second Summary or Impact is kept as written.
            _ => body_lines,
        };
        let rest = join_trimmed(&leftover);
        if !rest.is_empty() || matches!(sec.role, Some(Role::Resolution)) {
            free.push(FreeSection {
                heading,
                body: rest,
            });
        }
    }

    // The summary: its own section, else the front matter's, else the opening text.
    // When the opening text is all there is, it is the write-up itself.
    let preamble_heading = if sections.len() > 1 {
        "Introduction"
    } else {
        "Details"
    };
    let candidates: [(Option<String>, &str, &str); 4] = [
        (summary_section, "", "its Summary section"),
        (
            front.summary.clone(),
            "Front matter summary",
            "the front matter",
        ),
        (
            (!preamble.is_empty()).then(|| preamble.clone()),
            preamble_heading,
            "the opening text",
        ),
        (
            front.description.clone(),
            "Front matter description",
            "the front matter description",
        ),
    ];
    let mut summary = String::new();
    let mut taken = false;
    let mut extra_sections = Vec::new();
    for (candidate, heading, source) in candidates {
        let Some(text) = candidate else { continue };
        // Our own files take their summary only from the Summary section.
        if !taken && (!own || heading.is_empty()) {
            summary = text;
            taken = true;
            report.recognised.push(format!("summary: from {source}"));
        } else {
            extra_sections.push(FreeSection {
                heading: heading.to_string(),
                body: text,
            });
        }
    }
    extra_sections.extend(front.kept.clone());
    extra_sections.append(&mut free);

    let title = match title.filter(|t| !t.trim().is_empty()) {
        Some(t) => t,
        None => {
            let guess = guess_title(front.description.as_deref().unwrap_or(&summary), file_name);
            report.warnings.push(format!(
                "the document has no title; it is called \"{guess}\" for now"
            ));
            guess
        }
    };
    let title = if own {
        title
    } else {
        shorten(title.trim(), 300)
    };

    let finished = draft.finish()?;
    let pm = build(
        own,
        &front,
        title,
        now,
        summary,
        impact.unwrap_or_default(),
        participants,
        finished,
        extra_sections,
    );
    check_structure(&pm)?;
    domain_validate(&pm)?;
    Ok(MarkdownImport {
        postmortem: pm,
        recognised: report.recognised,
        warnings: report.warnings,
    })
}

#[allow(clippy::too_many_arguments)]
fn build(
    own: bool,
    front: &ForeignFront,
    title: String,
    now: Timestamp,
    summary: String,
    impact: String,
    mut participants: Vec<Participant>,
    parts: super::draft::Finished,
    sections: Vec<FreeSection>,
) -> PostMortem {
    let c = front.canonical.as_ref();
    for name in &front.participants {
        if !participants.iter().any(|p| &p.name == name) {
            participants.push(Participant {
                name: name.clone(),
                role: Some("author".into()),
            });
        }
    }
    let created = c.and_then(|c| c.created).or(front.created).unwrap_or(now);
    let kind = c.map(|c| c.kind).or(front.kind).unwrap_or_default();
    PostMortem {
        id: c.map_or(0, |c| c.id),
        title,
        kind,
        status: c.map(|c| c.status).or(front.status).unwrap_or_default(),
        visibility: c.map(|c| c.visibility).or(front.visibility).unwrap_or(
            if kind == retrospect_domain::Kind::Personal {
                retrospect_domain::Visibility::Participants
            } else {
                retrospect_domain::Visibility::Team
            },
        ),
        severity: c.map_or(front.severity, |c| c.severity),
        summary,
        impact,
        author: c.map_or(front.author.clone(), |c| c.author.clone()),
        team: c.map_or(front.team.clone(), |c| c.team.clone()),
        participants: if own {
            c.map(|c| c.participants.clone())
                .unwrap_or_default()
                .into_iter()
                .chain(participants)
                .collect()
        } else {
            participants
        },
        tags: c.map_or(front.tags.clone(), |c| c.tags.clone()),
        template: c.and_then(|c| c.template.clone()),
        created_at: created,
        updated_at: c.and_then(|c| c.updated).unwrap_or(created),
        version: c.map_or(0, |c| c.version),
        fishbone_categories: c
            .and_then(|c| c.fishbone_categories.clone())
            .unwrap_or_else(|| {
                DEFAULT_FISHBONE_CATEGORIES
                    .iter()
                    .map(|s| s.to_string())
                    .collect()
            }),
        key_moments: c.map_or(front.moments.clone(), |c| c.key_moments.clone()),
        evidence: parts.evidence,
        log_templates: parts.log_templates,
        timeline: parts.timeline,
        causes: parts.causes,
        lessons: parts.lessons,
        actions: parts.actions,
        comments: parts.comments,
        sections,
        acknowledgements: c.map(|c| c.acknowledgements.clone()).unwrap_or_default(),
    }
}

/// Titles compare equal when they differ only in case, spacing or emphasis.
fn normalise_title(t: &str) -> String {
    t.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A date the document is about, for timelines that give times only.
fn reference_date(
    front: &ForeignFront,
    title: Option<&str>,
    preamble: &str,
    lines: &[(usize, &str)],
) -> Option<Date> {
    if let Some(d) = front.reference_date {
        return Some(d);
    }
    if let Some(d) = title.and_then(|t| dates_in(t, None).into_iter().next()) {
        return Some(d);
    }
    if let Some(d) = dates_in(preamble, None).into_iter().next() {
        return Some(d);
    }
    lines
        .iter()
        .find_map(|(_, l)| dates_in(l, None).into_iter().next())
}

/// A title from the first sentence of the summary, or the file name.
fn guess_title(summary: &str, file_name: Option<&str>) -> String {
    let first = summary
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("<!--"))
        .unwrap_or("");
    let sentence = first
        .split(". ")
        .next()
        .unwrap_or(first)
        .trim_end_matches('.');
    if !sentence.is_empty() {
        return shorten(sentence, 100);
    }
    if let Some(name) = file_name {
        let stem = std::path::Path::new(name)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or(name);
        if !stem.trim().is_empty() {
            return shorten(stem, 100);
        }
    }
    "Untitled post-mortem".to_string()
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max - 1).collect();
    let at_word = cut
        .rfind(' ')
        .filter(|&i| i > max / 2)
        .map_or(cut.as_str(), |i| &cut[..i]);
    format!("{}…", at_word.trim_end())
}
