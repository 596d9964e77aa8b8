//! The templates a post-mortem can start from.

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

pub fn all() -> Vec<TemplateChoice> {
    vec![
        TemplateChoice {
            name: "sre",
            label: "Incident (SRE)",
            description: "An outage or degradation: key moments, logs, timeline, causes and actions.",
            kind: Kind::Incident,
        },
        TemplateChoice {
            name: "project",
            label: "Project retrospective",
            description: "A project that did not go as hoped: what went well, what did not, what to change.",
            kind: Kind::Project,
        },
        TemplateChoice {
            name: "personal",
            label: "Personal",
            description: "A private look back at your own misstep, visible to you alone, with kind prompts.",
            kind: Kind::Personal,
        },
    ]
}

/// A new post-mortem from the named template.
pub fn instantiate(name: &str, title: &str, now: Timestamp) -> AppResult<PostMortem> {
    let choice = all().into_iter().find(|t| t.name == name).ok_or_else(|| {
        AppError::bad_request(format!(
            "'{name}' is not a template; choose sre, project or personal."
        ))
    })?;
    let mut pm = PostMortem::new(title, choice.kind, now)?;
    pm.template = Some(choice.name.to_string());
    Ok(pm)
}
