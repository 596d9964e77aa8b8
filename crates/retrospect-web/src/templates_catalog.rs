//! The templates a post-mortem can start from, from the Markdown crate (so the
//! web, the CLI and files agree on what "sre" means), with the labels the
//! "new post-mortem" page shows.

use retrospect_domain::{Kind, PostMortem, Timestamp};
use serde::Serialize;

use crate::error::{AppError, AppResult};

#[derive(Debug, Clone, Serialize)]
pub struct TemplateChoice {
    pub name: &'static str,
    pub label: &'static str,
    pub description: &'static str,
    pub kind: Kind,
}

fn label(name: &str) -> &'static str {
    match name {
        "sre" => "Incident (SRE)",
        "project" => "Project retrospective",
        "personal" => "Personal (visible to you alone)",
        _ => "Other",
    }
}

pub fn all() -> Vec<TemplateChoice> {
    retrospect_markdown::templates::names()
        .iter()
        .filter_map(|name| {
            let pm = retrospect_markdown::templates::instantiate(name, "x", Timestamp::UNIX_EPOCH)?;
            Some(TemplateChoice {
                name,
                label: label(name),
                description: retrospect_markdown::templates::describe(name).unwrap_or(""),
                kind: pm.kind,
            })
        })
        .collect()
}

/// A new post-mortem from the named template.
pub fn instantiate(name: &str, title: &str, now: Timestamp) -> AppResult<PostMortem> {
    // The domain's own check gives the kind message for an empty or overlong title.
    PostMortem::new(title, Kind::Other, now)?;
    retrospect_markdown::templates::instantiate(name, title, now).ok_or_else(|| {
        let names = retrospect_markdown::templates::names().join(", ");
        AppError::bad_request(format!(
            "'{name}' is not a template; choose one of: {names}."
        ))
    })
}
