//! Writing a post-mortem as Markdown (see docs/format.md for the format).

use retrospect_domain::PostMortem;

use crate::frontmatter::write_front;
use crate::own::pictures::{self, Picture};
use crate::own::{self, actions, causes, evidence, lessons, timeline};
use crate::{block, inline};

/// Writes a post-mortem as a Markdown document that [`crate::from_markdown`]
/// reads back to an equal post-mortem.
pub fn to_markdown(pm: &PostMortem) -> String {
    to_markdown_with_pictures(pm, &[])
}

/// [`to_markdown`] with a `## Pictures` section, after the root causes,
/// linking to pictures drawn from the post-mortem (its timeline and fishbone,
/// saved beside the document). The pictures are not part of the post-mortem:
/// the importer recognises the section as generated and leaves it out, so the
/// document still reads back to the same post-mortem. With no pictures this
/// is exactly [`to_markdown`].
pub fn to_markdown_with_pictures(pm: &PostMortem, pictures: &[Picture]) -> String {
    let mut out = write_front(pm);
    out.push('\n');
    out.push_str(&format!("# {}\n", heading_text(&pm.title)));
    let mut section = |heading: &str, body: String| {
        out.push_str(&format!("\n## {heading}\n"));
        if !body.is_empty() {
            out.push('\n');
            out.push_str(&body);
            if !body.ends_with('\n') {
                out.push('\n');
            }
        }
    };
    if !pm.summary.is_empty() {
        section(own::SUMMARY, block::encode(&pm.summary));
    }
    if !pm.impact.is_empty() {
        section(own::IMPACT, block::encode(&pm.impact));
    }
    if !pm.timeline.is_empty() {
        section(
            own::TIMELINE,
            own::table(timeline::HEADER, pm.timeline.iter().map(timeline::row)),
        );
    }
    if !pm.evidence.is_empty() {
        section(
            own::EVIDENCE,
            own::table(
                evidence::EVIDENCE_HEADER,
                pm.evidence.iter().map(evidence::evidence_row),
            ),
        );
    }
    if !pm.log_templates.is_empty() {
        section(
            own::LOG_PATTERNS,
            own::table(
                evidence::PATTERN_HEADER,
                pm.log_templates.iter().map(evidence::pattern_row),
            ),
        );
    }
    if !pm.causes.is_empty() {
        section(own::ROOT_CAUSES, causes::write(&pm.causes));
    }
    if !pictures.is_empty() {
        section(pictures::PICTURES, pictures::write(pictures));
    }
    if !pm.lessons.is_empty() {
        section(own::LESSONS, lessons::write(&pm.lessons));
    }
    if !pm.actions.is_empty() {
        section(
            own::ACTION_ITEMS,
            own::table(
                actions::ACTION_HEADER,
                pm.actions.iter().map(actions::action_row),
            ),
        );
    }
    if !pm.comments.is_empty() {
        section(
            own::COMMENTS,
            own::table(
                actions::COMMENT_HEADER,
                pm.comments.iter().map(actions::comment_row),
            ),
        );
    }
    if !pm.sections.is_empty() {
        out.push_str(&format!("\n{}\n", own::FREE_SECTIONS_MARKER));
        for free in &pm.sections {
            out.push_str(&format!("\n## {}\n", heading_text(&free.heading)));
            let body = block::encode(&free.body);
            if !body.is_empty() {
                out.push('\n');
                out.push_str(&body);
                out.push('\n');
            }
        }
    }
    out
}

/// Heading text on one line; a trailing `#` is escaped so that Markdown does
/// not read it as a closing sequence.
pub(crate) fn heading_text(text: &str) -> String {
    let mut encoded = inline::encode(text, &[]);
    if encoded.ends_with('#') {
        encoded.insert(encoded.len() - 1, '\\');
    }
    encoded
}
