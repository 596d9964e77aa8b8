//! Our own front matter: the event record of a post-mortem.

use retrospect_domain::{
    Acknowledgement, DEFAULT_FISHBONE_CATEGORIES, KeyMoment, Kind, Participant, PostMortem,
    Severity, Status, Timestamp, Visibility,
};
use serde::{Deserialize, Serialize};

/// The value of the `format` key that marks a file as ours.
pub(crate) const FORMAT: &str = "retrospect/1";

/// The keys we write, in the order we write them. On import every key but
/// `format` and `title` may be missing and takes its default.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct CanonicalFront {
    pub format: String,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub id: i64,
    pub title: String,
    #[serde(default)]
    pub kind: Kind,
    #[serde(default)]
    pub status: Status,
    #[serde(default)]
    pub visibility: Visibility,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<Severity>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub participants: Vec<Participant>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    #[serde(default)]
    pub created: Option<Timestamp>,
    #[serde(default)]
    pub updated: Option<Timestamp>,
    #[serde(default)]
    pub version: i64,
    /// Written only when they differ from the default Ishikawa categories.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fishbone_categories: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub key_moments: Vec<KeyMoment>,
    /// Coach findings a facilitator chose to keep, with the reason.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub acknowledgements: Vec<Acknowledgement>,
}

fn is_zero(n: &i64) -> bool {
    *n == 0
}

/// Keys that [`CanonicalFront`] reads; any other key is kept verbatim.
pub(crate) const CANONICAL_KEYS: &[&str] = &[
    "format",
    "id",
    "title",
    "kind",
    "status",
    "visibility",
    "severity",
    "author",
    "team",
    "participants",
    "tags",
    "template",
    "created",
    "updated",
    "version",
    "fishbone_categories",
    "key_moments",
    "acknowledgements",
];

pub(crate) fn is_default_categories(categories: &[String]) -> bool {
    categories.len() == DEFAULT_FISHBONE_CATEGORIES.len()
        && categories
            .iter()
            .zip(DEFAULT_FISHBONE_CATEGORIES)
            .all(|(a, b)| a == b)
}

impl CanonicalFront {
    pub(crate) fn of(pm: &PostMortem) -> Self {
        Self {
            format: FORMAT.to_string(),
            id: pm.id,
            title: pm.title.clone(),
            kind: pm.kind,
            status: pm.status,
            visibility: pm.visibility,
            severity: pm.severity,
            author: pm.author.clone(),
            team: pm.team.clone(),
            participants: pm.participants.clone(),
            tags: pm.tags.clone(),
            template: pm.template.clone(),
            created: Some(pm.created_at),
            updated: Some(pm.updated_at),
            version: pm.version,
            fishbone_categories: (!is_default_categories(&pm.fishbone_categories))
                .then(|| pm.fishbone_categories.clone()),
            key_moments: pm.key_moments.clone(),
            acknowledgements: pm.acknowledgements.clone(),
        }
    }
}

/// The front matter block of an exported post-mortem, delimiters included.
pub(crate) fn write_front(pm: &PostMortem) -> String {
    let yaml = serde_saphyr::to_string(&CanonicalFront::of(pm))
        // Serialising plain strings, numbers and lists cannot fail; if it ever
        // did, a minimal block still marks the file as ours.
        .unwrap_or_else(|_| format!("format: {FORMAT}\n"));
    let yaml = if yaml.ends_with('\n') {
        yaml
    } else {
        yaml + "\n"
    };
    format!("---\n{yaml}---\n")
}
