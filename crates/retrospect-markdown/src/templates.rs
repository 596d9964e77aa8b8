//! Built-in templates: the structure a new post-mortem starts with.
//!
//! A template sets the kind, the template name, the fishbone categories that
//! suit it, and free sections whose text is a guiding prompt for the writer.
//! The structured parts (summary, impact, timeline, causes, lessons, actions)
//! exist in every post-mortem already and need no template text. Prompts are
//! written to be kind and blameless: they ask about systems and conditions,
//! never about who is at fault.

use retrospect_domain::{FreeSection, Kind, PostMortem, Timestamp, Visibility};

struct Template {
    name: &'static str,
    aliases: &'static [&'static str],
    description: &'static str,
    kind: Kind,
    categories: Option<&'static [&'static str]>,
    sections: &'static [(&'static str, &'static str)],
}

const SRE: Template = Template {
    name: "sre",
    aliases: &["incident", "google-sre", "outage"],
    description: "An incident post-mortem in the shape site reliability teams use: summary, impact, \
                  trigger, detection, resolution, timeline, root causes, lessons and action items.",
    kind: Kind::Incident,
    categories: None,
    sections: &[
        (
            "Trigger",
            "_What set this off? A deploy, a configuration change, a spike in traffic, a dependency \
             that failed? Describe the change, not the person who made it._",
        ),
        (
            "Detection",
            "_How did we find out: an alert, a customer, someone who noticed something odd? \
             What would have told us sooner?_",
        ),
        (
            "Resolution",
            "_What brought the service back? Note what was tried along the way and what each attempt \
             taught us, including the ones that did not work._",
        ),
        (
            "Supporting information",
            "_Links a reader will want: dashboards, graphs, chat threads, tickets, related post-mortems._",
        ),
    ],
};

const PROJECT: Template = Template {
    name: "project",
    aliases: &["retrospective", "retro", "project-retrospective"],
    description: "A project retrospective: what we set out to do, what happened, the decisions that shaped \
                  it, and what we would keep and change next time.",
    kind: Kind::Project,
    categories: Some(&[
        "People",
        "Process",
        "Tools",
        "Scope",
        "Communication",
        "Environment",
    ]),
    sections: &[
        (
            "What we set out to do",
            "_The goals, the scope and the deadline as they were understood at the start. What did \
             success look like then?_",
        ),
        (
            "What actually happened",
            "_The story of the project in a few paragraphs: milestones, surprises, changes of plan._",
        ),
        (
            "Decisions that shaped the outcome",
            "_The key decisions, what was known when each was made, and the constraints at the time. \
             Judge them by what people knew then, not by what we know now._",
        ),
        (
            "What we would do again",
            "_Practices, tools and habits worth keeping for the next project._",
        ),
        (
            "What we would change",
            "_What to try differently next time, and what would make that change easy to make._",
        ),
        (
            "Appreciations",
            "_Who helped, and how? Thanking people specifically is part of a good retrospective._",
        ),
    ],
};

const PERSONAL: Template = Template {
    name: "personal",
    aliases: &["self", "personal-post-mortem"],
    description: "A private, personal post-mortem of a mistake, a setback or a project that fell flat, \
                  with prompts for self-compassion and growth. Only its author can read it.",
    kind: Kind::Personal,
    categories: Some(&[
        "Circumstances",
        "Knowledge and skills",
        "Habits",
        "Support",
        "Energy and wellbeing",
        "Expectations",
    ]),
    sections: &[
        (
            "What happened",
            "_Describe it the way a kind, fair observer would: the facts and the situation you were in, \
             without judging yourself._",
        ),
        (
            "How I felt then, and how I feel now",
            "_Whatever you felt is understandable. Naming it helps to put it down._",
        ),
        (
            "What would you say to a friend who made this mistake?",
            "_Write it down, then read it as if it were addressed to you._",
        ),
        (
            "What was outside my control",
            "_Time pressure, missing information, other people's choices, luck. Most outcomes have many causes._",
        ),
        (
            "What this can teach me",
            "_Which skill or habit could grow from this? \"I can't do this yet\" is a good place to start._",
        ),
        (
            "One small next step",
            "_Pick one step small enough to take this week, and when you will take it._",
        ),
        (
            "Who could support me",
            "_A mentor, a colleague, a friend: who could you ask for advice or simply talk this through with?_",
        ),
    ],
};

const ALL: &[Template] = &[SRE, PROJECT, PERSONAL];

/// The names of the built-in templates.
pub fn names() -> &'static [&'static str] {
    &["sre", "project", "personal"]
}

fn find(name: &str) -> Option<&'static Template> {
    let wanted = name.trim().to_ascii_lowercase().replace(['_', ' '], "-");
    ALL.iter()
        .find(|t| t.name == wanted || t.aliases.contains(&wanted.as_str()))
}

/// One sentence on what a template is for; None for an unknown name.
pub fn describe(name: &str) -> Option<&'static str> {
    find(name).map(|t| t.description)
}

/// A new draft post-mortem with the template's structure, created at `now`.
/// None when the template is unknown or the title is empty.
pub fn instantiate(name: &str, title: &str, now: Timestamp) -> Option<PostMortem> {
    let template = find(name)?;
    let mut pm = PostMortem::new(title, template.kind, now).ok()?;
    pm.template = Some(template.name.to_string());
    if template.kind == Kind::Personal {
        pm.visibility = Visibility::Participants;
    }
    if let Some(categories) = template.categories {
        pm.fishbone_categories = categories.iter().map(|c| c.to_string()).collect();
    }
    pm.sections = template
        .sections
        .iter()
        .map(|(heading, prompt)| FreeSection {
            heading: heading.to_string(),
            body: prompt.split_whitespace().collect::<Vec<_>>().join(" "),
        })
        .collect();
    Some(pm)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_instantiates_and_describes() {
        for name in names() {
            let pm = instantiate(name, "A title", Timestamp::UNIX_EPOCH).unwrap();
            assert_eq!(pm.template.as_deref(), Some(*name));
            assert!(!pm.sections.is_empty());
            assert!(describe(name).is_some());
            pm.validate().unwrap();
        }
        assert!(instantiate("nope", "A title", Timestamp::UNIX_EPOCH).is_none());
        assert!(instantiate("sre", "  ", Timestamp::UNIX_EPOCH).is_none());
    }

    #[test]
    fn the_personal_template_is_private_and_kind() {
        let pm = instantiate("Personal", "Missed the launch", Timestamp::UNIX_EPOCH).unwrap();
        assert_eq!(
            (pm.kind, pm.visibility),
            (Kind::Personal, Visibility::Participants)
        );
        assert!(
            pm.sections
                .iter()
                .any(|s| s.heading == "What would you say to a friend who made this mistake?")
        );
    }

    #[test]
    fn aliases_find_templates() {
        assert_eq!(
            instantiate("retro", "Q3 launch", Timestamp::UNIX_EPOCH)
                .unwrap()
                .kind,
            Kind::Project
        );
        assert_eq!(
            instantiate("incident", "DB full", Timestamp::UNIX_EPOCH)
                .unwrap()
                .template
                .as_deref(),
            Some("sre")
        );
    }
}
