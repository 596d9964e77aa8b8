//! The conflict page's comparison: for a change refused because someone saved
//! first, the part the person was editing (the event, a section, a key moment,
//! a timeline entry, a cause, a lesson, an action …) with their values beside
//! the CURRENT values of the same fields, so they can really compare before
//! choosing. The part is found from the URL the form was sent to.

use retrospect_domain::{ActionItem, Cause, EnumName, Lesson, PostMortem, TimelineEntry};
use serde::Serialize;

/// One field: what the person sent and what is stored now.
#[derive(Debug, Serialize)]
pub struct Row {
    pub field: String,
    pub label: String,
    pub yours: String,
    /// None when the field has no stored counterpart (for example a new part).
    pub current: Option<String>,
    pub same: bool,
}

#[derive(Debug, Serialize)]
pub struct Comparison {
    /// "cause C3", "the event", "a new lesson" …
    pub part: String,
    /// The same, starting with a capital letter.
    pub heading: String,
    /// "existing", "new", "removed" (the part is gone) or "remove" (the
    /// person asked to remove a part that is still there).
    pub state: &'static str,
    pub rows: Vec<Row>,
    /// Whether sending the change again can work (not for a part that is gone).
    pub can_apply: bool,
}

/// The label shown for a form field.
fn label(field: &str) -> &str {
    match field {
        "title" => "Title",
        "summary" => "What happened",
        "impact" => "Who and what was affected",
        "severity" => "Severity",
        "visibility" => "Who can read it",
        "team" => "Team",
        "participants" => "Participants",
        "body" => "Text",
        "kind" => "Kind",
        "at" => "When (UTC)",
        "text" => "Text",
        "actor" => "Who or what acted",
        "category" => "Fishbone category",
        "parent" => "Answers why about",
        "owner" => "Owner",
        "due" => "Due date",
        "success_criterion" => "How we will know it worked",
        "cause" => "Causes it addresses",
        "status" => "Status",
        "review_date" => "Review date",
        "effectiveness" => "Did it work?",
        "op" => "Change",
        "on" => "About",
        "reason" => "Reason",
        "key" => "Coach finding",
        "to" => "Move to",
        other => other,
    }
}

fn input_time(at: retrospect_domain::Timestamp) -> String {
    at.strftime("%Y-%m-%dT%H:%M:%S").to_string()
}

fn opt(v: &Option<impl ToString>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}

fn causes_list(ids: &[u32]) -> String {
    ids.iter()
        .map(|c| format!("C{c}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn cause_field(c: &Cause, field: &str) -> Option<String> {
    Some(match field {
        "text" => c.text.clone(),
        "category" => opt(&c.category),
        "parent" => c.parent.map(|p| format!("C{p}")).unwrap_or_default(),
        _ => return None,
    })
}

fn lesson_field(l: &Lesson, field: &str) -> Option<String> {
    Some(match field {
        "text" => l.text.clone(),
        "kind" => l.kind.name().to_string(),
        _ => return None,
    })
}

fn action_field(a: &ActionItem, field: &str) -> Option<String> {
    Some(match field {
        "text" => a.text.clone(),
        "owner" => opt(&a.owner),
        "due" => opt(&a.due),
        "kind" => a.kind.name().to_string(),
        "success_criterion" => opt(&a.success_criterion),
        "cause" => causes_list(&a.causes),
        "status" => a.status.name().to_string(),
        "review_date" => opt(&a.review_date),
        "effectiveness" => a
            .effectiveness
            .map(|e| e.name().to_string())
            .unwrap_or_default(),
        _ => return None,
    })
}

fn entry_field(e: &TimelineEntry, field: &str) -> Option<String> {
    Some(match field {
        "text" => e.text.clone(),
        "at" => input_time(e.at),
        "actor" => opt(&e.actor),
        "kind" => opt(&e.key_moment.as_ref().map(|k| k.name().to_string())),
        "op" => {
            let state = e.state.name().to_string();
            if e.hidden {
                format!("{state}, hidden")
            } else {
                state
            }
        }
        _ => return None,
    })
}

fn event_field(pm: &PostMortem, field: &str) -> Option<String> {
    Some(match field {
        "title" => pm.title.clone(),
        "summary" => pm.summary.clone(),
        "impact" => pm.impact.clone(),
        "severity" => opt(&pm.severity),
        "visibility" => pm.visibility.name().to_string(),
        "team" => opt(&pm.team),
        "participants" => pm
            .participants
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        _ => return None,
    })
}

/// Fields that only say which part a form is about; they stay in the form
/// that sends the change again but are not compared.
fn is_locator(part: &str, field: &str) -> bool {
    matches!((part, field), ("sections", "index") | ("moments", "kind"))
}

/// Values are compared as the person would read them (spaces at the ends and
/// letter case of names like "Process" aside).
fn same(a: &str, b: &str) -> bool {
    a.trim() == b.trim()
        || (a.len() < 40 && b.len() < 40 && a.trim().eq_ignore_ascii_case(b.trim()))
}

/// Builds the comparison for a change sent to `action` with the fields `yours`.
pub fn compare(pm: &PostMortem, action: &str, yours: &[(String, String)]) -> Comparison {
    let tail = action
        .strip_prefix("/api/v1/postmortems/")
        .or_else(|| action.strip_prefix("/pm/"))
        .and_then(|rest| rest.split_once('/'))
        .map(|(_, tail)| tail)
        .unwrap_or("");
    let segments: Vec<&str> = tail.split('/').collect();
    let n: Option<u32> = segments.get(1).and_then(|s| s.parse().ok());
    let kind = segments.first().copied().unwrap_or("");
    let verb = segments.get(2).copied().unwrap_or("");
    // A part still there: being changed, or asked to be removed.
    let present = if verb == "remove" {
        "remove"
    } else {
        "existing"
    };
    let value = |key: &str| {
        yours
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    };

    // Which part, and how to read one of its current fields.
    type Lookup<'a> = Box<dyn Fn(&str) -> Option<String> + 'a>;
    let (part, state, lookup): (String, &'static str, Lookup) = match (kind, n) {
        ("event", _) => (
            "the event".into(),
            "existing",
            Box::new(|f| event_field(pm, f)),
        ),
        ("sections", _) => {
            let index: Option<usize> = value("index").and_then(|i| i.parse().ok());
            match index.and_then(|i| pm.sections.get(i)) {
                Some(s) => (
                    format!("the section “{}”", s.heading),
                    "existing",
                    Box::new(move |f| (f == "body").then(|| s.body.clone())),
                ),
                None => ("a section".into(), "removed", Box::new(|_| None)),
            }
        }
        ("moments", _) => {
            let wanted = value("kind").unwrap_or("").to_string();
            let moment = pm.key_moments.iter().find(|m| m.kind.name() == wanted);
            (
                format!("the key moment “{wanted}”"),
                "existing",
                Box::new(move |f| {
                    (f == "at").then(|| moment.map(|m| input_time(m.at)).unwrap_or_default())
                }),
            )
        }
        ("timeline", Some(t)) => match pm.timeline.iter().find(|e| e.id == t) {
            Some(e) => (
                format!("timeline entry T{t}"),
                "existing",
                Box::new(move |f| entry_field(e, f)),
            ),
            None => (
                format!("timeline entry T{t}"),
                "removed",
                Box::new(|_| None),
            ),
        },
        ("causes", Some(c)) => match pm.causes.iter().find(|x| x.id == c) {
            Some(x) => (
                format!("cause C{c}"),
                present,
                Box::new(move |f| cause_field(x, f)),
            ),
            None => (format!("cause C{c}"), "removed", Box::new(|_| None)),
        },
        ("lessons", Some(l)) => match pm.lessons.iter().find(|x| x.id == l) {
            Some(x) => (
                format!("lesson L{l}"),
                present,
                Box::new(move |f| lesson_field(x, f)),
            ),
            None => (format!("lesson L{l}"), "removed", Box::new(|_| None)),
        },
        ("actions", Some(a)) => match pm.actions.iter().find(|x| x.id == a) {
            Some(x) => (
                format!("action A{a}"),
                present,
                Box::new(move |f| action_field(x, f)),
            ),
            None => (format!("action A{a}"), "removed", Box::new(|_| None)),
        },
        ("status", _) => (
            "the review stage".into(),
            "existing",
            Box::new(|f| (f == "to").then(|| pm.status.name().to_string())),
        ),
        ("timeline", None) => ("a new timeline entry".into(), "new", Box::new(|_| None)),
        ("causes", None) => ("a new cause".into(), "new", Box::new(|_| None)),
        ("lessons", None) => ("a new lesson".into(), "new", Box::new(|_| None)),
        ("actions", None) => ("a new action".into(), "new", Box::new(|_| None)),
        ("comments", _) => ("a new comment".into(), "new", Box::new(|_| None)),
        _ => ("your change".into(), "new", Box::new(|_| None)),
    };

    let mut rows: Vec<Row> = yours
        .iter()
        .filter(|(k, _)| !is_locator(kind, k))
        .map(|(k, v)| {
            let current = lookup(k);
            Row {
                field: k.clone(),
                label: label(k).to_string(),
                yours: v.clone(),
                same: current.as_deref().is_some_and(|c| same(c, v)),
                current,
            }
        })
        .collect();
    if state == "remove" {
        // A removal sends no fields: show what would go.
        rows.push(Row {
            field: "text".into(),
            label: "Text".into(),
            yours: "(remove it)".into(),
            current: lookup("text"),
            same: false,
        });
    }
    let mut chars = part.chars();
    let heading = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    Comparison {
        part,
        heading,
        state,
        rows,
        can_apply: state != "removed",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pm() -> PostMortem {
        let mut pm = PostMortem::new(
            "Disk full",
            retrospect_domain::Kind::Incident,
            jiff::Timestamp::UNIX_EPOCH,
        )
        .unwrap();
        pm.add_cause(None, "The disk filled", Some("Equipment"))
            .unwrap();
        pm
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn a_cause_edit_is_compared_with_the_current_cause() {
        let c = compare(
            &pm(),
            "/pm/7/causes/1",
            &pairs(&[
                ("text", "Logs filled the disk"),
                ("category", "Equipment/Tools"),
            ]),
        );
        assert_eq!(c.part, "cause C1");
        assert_eq!(c.state, "existing");
        assert_eq!(c.rows[0].current.as_deref(), Some("The disk filled"));
        assert!(!c.rows[0].same);
        assert!(c.rows[1].same);
        assert!(c.can_apply);
    }

    #[test]
    fn a_removed_part_is_named_and_cannot_be_applied() {
        let c = compare(
            &pm(),
            "/api/v1/postmortems/7/lessons/4",
            &pairs(&[("text", "x")]),
        );
        assert_eq!(c.state, "removed");
        assert!(!c.can_apply);
        assert_eq!(c.rows[0].current, None);
    }

    #[test]
    fn the_event_and_sections_compare_their_own_fields() {
        let mut p = pm();
        p.sections.push(retrospect_domain::FreeSection {
            heading: "Trigger".into(),
            body: "A deploy".into(),
        });
        let c = compare(&p, "/pm/7/event", &pairs(&[("title", "Disk full again")]));
        assert_eq!(c.rows[0].current.as_deref(), Some("Disk full"));
        let c = compare(
            &p,
            "/pm/7/sections",
            &pairs(&[("index", "0"), ("body", "Two deploys")]),
        );
        assert_eq!(c.part, "the section “Trigger”");
        assert_eq!(c.rows.len(), 1, "the index only locates the section");
        assert_eq!(c.rows[0].current.as_deref(), Some("A deploy"));
    }
}
