//! The parts that describe the event itself: participants, tags, fishbone
//! categories, free sections and key moments.

use retrospect_domain::{FreeSection, KeyMoment, MomentKind, Participant, PostMortem};

use super::{Select, TableRows};
use crate::StoreError;
use crate::engine::backend::{Backend, args};
use crate::engine::convert::{Cells, fold, micros};

pub(super) const PARTICIPANTS: Select = Select::new(
    "participants",
    "SELECT name, role FROM participants WHERE postmortem_id = $1 ORDER BY position",
);
pub(super) const TAGS: Select = Select::new(
    "tags",
    "SELECT tag FROM tags WHERE postmortem_id = $1 ORDER BY position",
);
pub(super) const CATEGORIES: Select = Select::new(
    "fishbone_categories",
    "SELECT name FROM fishbone_categories WHERE postmortem_id = $1 ORDER BY position",
);
pub(super) const SECTIONS: Select = Select::new(
    "free_sections",
    "SELECT heading, body FROM free_sections WHERE postmortem_id = $1 ORDER BY position",
);
pub(super) const MOMENTS: Select = Select::new(
    "key_moments",
    "SELECT kind, at, zone, note FROM key_moments WHERE postmortem_id = $1 ORDER BY position",
);

pub(super) fn encode(pm: &PostMortem) -> Vec<TableRows> {
    vec![
        TableRows::new(
            "INSERT INTO participants (postmortem_id, position, name, name_folded, role)",
            pm.participants
                .iter()
                .enumerate()
                .map(|(i, p)| args![i as i64, &p.name, fold(&p.name), p.role.as_ref()]),
        ),
        TableRows::new(
            "INSERT INTO tags (postmortem_id, position, tag)",
            pm.tags.iter().enumerate().map(|(i, t)| args![i as i64, t]),
        ),
        TableRows::new(
            "INSERT INTO fishbone_categories (postmortem_id, position, name)",
            pm.fishbone_categories
                .iter()
                .enumerate()
                .map(|(i, c)| args![i as i64, c]),
        ),
        TableRows::new(
            "INSERT INTO free_sections (postmortem_id, position, heading, body)",
            pm.sections
                .iter()
                .enumerate()
                .map(|(i, s)| args![i as i64, &s.heading, &s.body]),
        ),
        TableRows::new(
            "INSERT INTO key_moments (postmortem_id, position, kind, at, zone, note)",
            pm.key_moments.iter().enumerate().map(|(i, m)| {
                args![
                    i as i64,
                    m.kind.name(),
                    micros(m.at),
                    m.zone.as_ref(),
                    m.note.as_ref()
                ]
            }),
        ),
    ]
}

pub(super) fn participant<DB: Backend>(c: &Cells<'_, DB>) -> Result<Participant, StoreError> {
    Ok(Participant {
        name: c.text("name")?,
        role: c.opt_text("role")?,
    })
}

pub(super) fn tag<DB: Backend>(c: &Cells<'_, DB>) -> Result<String, StoreError> {
    c.text("tag")
}

pub(super) fn category<DB: Backend>(c: &Cells<'_, DB>) -> Result<String, StoreError> {
    c.text("name")
}

pub(super) fn section<DB: Backend>(c: &Cells<'_, DB>) -> Result<FreeSection, StoreError> {
    Ok(FreeSection {
        heading: c.text("heading")?,
        body: c.text("body")?,
    })
}

pub(super) fn moment<DB: Backend>(c: &Cells<'_, DB>) -> Result<KeyMoment, StoreError> {
    Ok(KeyMoment {
        kind: moment_kind(c.text("kind")?),
        at: c.timestamp("at")?,
        zone: c.opt_text("zone")?,
        note: c.opt_text("note")?,
    })
}

/// The exact inverse of `MomentKind::name`: the four standard names map to
/// their variants, anything else is a custom moment kept verbatim (unlike
/// `MomentKind::parse`, which would also turn "Start" into `Started`).
pub(super) fn moment_kind(name: String) -> MomentKind {
    match name.as_str() {
        "started" => MomentKind::Started,
        "detected" => MomentKind::Detected,
        "mitigated" => MomentKind::Mitigated,
        "resolved" => MomentKind::Resolved,
        _ => MomentKind::Custom(name),
    }
}
