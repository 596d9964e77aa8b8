//! Who may do what to which post-mortem. Every handler, list, search and export
//! asks this module and nothing else, so the rules live in one place.
//!
//! - Personal post-mortems are visible to their author alone; administrators
//!   included. Nobody else learns that they exist.
//! - Otherwise the author and the listed participants always see it; with
//!   `team` visibility the members of its team do too; with `organisation`
//!   visibility every signed-in person does.
//! - Changing content needs the contributor role (the author of a personal
//!   post-mortem always may); publishing, closing and acknowledging coach
//!   findings need the facilitator role.
//! - A post-mortem someone may not read answers exactly like a missing one.

use retrospect_domain::{Kind, PostMortem, Status};
use serde::Serialize;

pub use retrospect_store::Role;

/// The signed-in person, as the access rules need them.
#[derive(Debug, Clone, Serialize)]
pub struct Person {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub teams: Vec<String>,
}

/// The read rule as the store applies it in SQL for lists and search; the
/// same rule decides single reads here, so a list never shows what a page
/// would refuse, and the other way round.
pub fn reader(person: &Person) -> retrospect_store::Reader {
    retrospect_store::Reader::new(&person.username, &person.teams)
}

pub fn can_read(person: &Person, pm: &PostMortem) -> bool {
    reader(person).can_read(pm)
}

fn is_author(person: &Person, pm: &PostMortem) -> bool {
    pm.author
        .as_deref()
        .is_some_and(|a| a.eq_ignore_ascii_case(&person.username))
}

fn is_participant(person: &Person, pm: &PostMortem) -> bool {
    pm.participants
        .iter()
        .any(|p| p.name.eq_ignore_ascii_case(&person.username))
}

/// Editing the content (event, evidence, timeline, causes, lessons, actions).
/// Published and closed post-mortems are settled: reopen them to change them.
pub fn can_edit(person: &Person, pm: &PostMortem) -> bool {
    if !can_read(person, pm) || !matches!(pm.status, Status::Draft | Status::InReview) {
        return false;
    }
    pm.is_personal() || person.role >= Role::Contributor
}

/// Comments stay possible after publishing: that is when most readers arrive.
pub fn can_comment(person: &Person, pm: &PostMortem) -> bool {
    can_read(person, pm)
        && pm.status != Status::Closed
        && (pm.is_personal() || person.role >= Role::Contributor)
}

/// Acknowledging a coach finding so that publishing may go ahead.
pub fn can_acknowledge(person: &Person, pm: &PostMortem) -> bool {
    can_read(person, pm) && (pm.is_personal() || person.role >= Role::Facilitator)
}

/// Moving through draft → in review → published → closed (and back to draft).
pub fn can_move(person: &Person, pm: &PostMortem, to: Status) -> bool {
    if !can_read(person, pm) {
        return false;
    }
    if pm.is_personal() {
        return true;
    }
    match (pm.status, to) {
        (Status::Draft, Status::InReview) | (Status::InReview, Status::Draft) => {
            person.role >= Role::Contributor
        }
        (Status::InReview, Status::Published) | (Status::Published, Status::Closed) => {
            person.role >= Role::Facilitator
        }
        (Status::Published | Status::Closed, Status::Draft) => person.role >= Role::Facilitator,
        _ => false,
    }
}

/// The audit of views and changes is for the people in the post-mortem.
pub fn can_see_audit(person: &Person, pm: &PostMortem) -> bool {
    if !can_read(person, pm) {
        return false;
    }
    pm.is_personal()
        || is_author(person, pm)
        || is_participant(person, pm)
        || person.role >= Role::Facilitator
}

/// Deleting a post-mortem for good: a personal one by its author (the only
/// person who can read it), any other by an administrator who can read it.
/// Deletion is rare on purpose: a post-mortem that feels uncomfortable is
/// better reworded than removed, and the audit log keeps that it happened.
pub fn can_delete(person: &Person, pm: &PostMortem) -> bool {
    can_read(person, pm) && (pm.is_personal() || person.role == Role::Administrator)
}

/// Creating a post-mortem: personal ones are open to everyone, others need a contributor.
pub fn can_create(person: &Person, kind: Kind) -> bool {
    kind == Kind::Personal || person.role >= Role::Contributor
}

/// Managing people and teams.
pub fn can_administer(person: &Person) -> bool {
    person.role == Role::Administrator
}

#[cfg(test)]
mod tests {
    use super::*;
    use retrospect_domain::{Participant, Timestamp, Visibility};

    fn person(name: &str, role: Role, teams: &[&str]) -> Person {
        Person {
            id: 1,
            username: name.into(),
            display_name: name.into(),
            role,
            teams: teams.iter().map(|t| t.to_string()).collect(),
        }
    }

    fn pm(kind: Kind, visibility: Visibility) -> PostMortem {
        let mut pm =
            PostMortem::new("Checkout outage", kind, Timestamp::UNIX_EPOCH).expect("valid");
        pm.visibility = visibility;
        pm.author = Some("ada".into());
        pm.team = Some("payments".into());
        pm.participants = vec![Participant {
            name: "bo".into(),
            role: None,
        }];
        pm
    }

    #[test]
    fn personal_is_for_its_author_alone() {
        let p = pm(Kind::Personal, Visibility::Organisation);
        assert!(can_read(&person("ada", Role::Viewer, &[]), &p));
        assert!(can_edit(&person("ada", Role::Viewer, &[]), &p));
        assert!(!can_read(
            &person("root", Role::Administrator, &["payments"]),
            &p
        ));
        assert!(!can_read(
            &person("bo", Role::Facilitator, &["payments"]),
            &p
        ));
    }

    #[test]
    fn visibility_levels() {
        let team = pm(Kind::Incident, Visibility::Team);
        assert!(can_read(&person("cy", Role::Viewer, &["payments"]), &team));
        assert!(!can_read(
            &person("cy", Role::Administrator, &["search"]),
            &team
        ));
        assert!(can_read(&person("bo", Role::Viewer, &[]), &team));
        let private = pm(Kind::Incident, Visibility::Participants);
        assert!(!can_read(
            &person("cy", Role::Facilitator, &["payments"]),
            &private
        ));
        let org = pm(Kind::Incident, Visibility::Organisation);
        assert!(can_read(&person("zed", Role::Viewer, &[]), &org));
        assert!(!can_edit(&person("zed", Role::Viewer, &[]), &org));
        assert!(can_edit(&person("zed", Role::Contributor, &[]), &org));
    }

    #[test]
    fn workflow_needs_a_facilitator_to_publish() {
        let mut p = pm(Kind::Incident, Visibility::Organisation);
        p.status = Status::InReview;
        assert!(!can_move(
            &person("zed", Role::Contributor, &[]),
            &p,
            Status::Published
        ));
        assert!(can_move(
            &person("zed", Role::Facilitator, &[]),
            &p,
            Status::Published
        ));
        assert!(!can_move(
            &person("zed", Role::Facilitator, &[]),
            &p,
            Status::Closed
        ));
    }
}
