//! Blame as people really type it (chat, ticket comments, terse timelines, passives,
//! non-native English) and the look-alikes each of those rules must leave alone. No
//! roster is passed: names have to be recognised without one, as in batch mode.

use retrospect_coach::{ActionItem, Context, Letter, Severity, check_action, lint_text};

fn blameful(text: &str) -> bool {
    lint_text(text, &Context::new())
        .iter()
        .any(|f| f.severity >= Severity::Warning)
}

#[test]
fn chat_and_ticket_spellings_are_read() {
    for text in [
        "omar should of checked the lag first",
        "lol kate shouldve paged someone",
        "@wes didnt bother to read the diff",
        "ravi forgot to drain the node again",
        "why tf didnt u roll back",
        "who keeps merging without CI??",
        "RCA: dev pushed to prod w/o approval.",
        "PEBKAC tbh",
        "total layer 8 problem",
        "classic Omar",
        "the new hire strikes again",
        "Whoever signed off on this needs to explain themselves.",
    ] {
        assert!(blameful(text), "expected blame in {text:?}");
    }
}

#[test]
fn timelines_passives_and_reports_are_read() {
    for text in [
        "03:12 Kate skips the canary",
        "03:14 on-call misses the second page",
        "03:20 ops still hasn't paged the vendor",
        "03:25 - Omar finally acks the page, 20 min late",
        "The warning was dismissed by the release engineer.",
        "The bad flag was set by an operator, causing the outage.",
        "The outage was caused by a typo from the on-call engineer.",
        "The subsequent failure of the duty manager to escalate prolonged the outage.",
        "Staff did not comply with the change procedure.",
        "The operater never checked the backups.",
        "Is the fault of the night admin.",
        "It was the contractor, as usual.",
    ] {
        assert!(blameful(text), "expected blame in {text:?}");
    }
}

#[test]
fn look_alikes_stay_clean() {
    for text in [
        "03:12 Kate runs the canary, all green",
        "omar rolled back at 03:15",
        "Most users did not notice the failover.",
        "An attacker could have read the tokens from the logs.",
        "The drift on Thursday caused the replicas to diverge.",
        "Delays in Kinesis caused the consumers to fall behind.",
        "The DropletWorkflow Manager failed to renew its leases.",
        "Two cluster members failed to rejoin.",
        "Engineers took the API offline to stop further data loss.",
        "We introduced a bug in the retry path; the fix is in 4.2.1.",
        "It was Kate who spotted the lag first.",
        "The script picks the wrong region when the variable is unset.",
        "Existing monitoring failed to alarm on the leak.",
        "The pull request added tests, but did not test every path.",
        "It is better to fix the cause than to simply revert.",
        "Nobody's fault: the threshold was just set too high.",
        "Invocations of pip install pulled the new release.",
        "If someone made a mistake, the tooling should catch it.",
        "Never feel ashamed to escalate.",
        "Experienced reviewers will give you feedback on the draft.",
        "Who is responsible for external communications?",
    ] {
        assert!(!blameful(text), "expected no blame in {text:?}");
    }
}

fn fails(text: &str, owner: Option<&str>, due: Option<&str>) -> Vec<Letter> {
    let item = ActionItem {
        text: text.into(),
        owner: owner.map(str::to_string),
        due: due.map(str::to_string),
        causes: Some(vec![serde_json::json!("c1")]),
        success_criterion: None,
    };
    check_action(&item, &Context::new()).fails
}

#[test]
fn action_items_in_the_shapes_people_write() {
    // Owner and date inside the text count when the fields are empty.
    assert!(
        fails(
            "TODO(kate): pin the base image to 12.5",
            None,
            Some("2027-01-05")
        )
        .is_empty()
    );
    assert!(
        fails(
            "Omar to add an alert on lag > 30s for db-main",
            None,
            Some("Jan 5")
        )
        .is_empty()
    );
    assert!(
        fails(
            "Add an alert on lag > 30s for db-main (owner: @kate, due 2027-01-05)",
            None,
            None
        )
        .is_empty()
    );
    assert_eq!(
        fails(
            "OPS-12 Investigate the leak",
            Some("kate"),
            Some("2027-01-05")
        ),
        vec![Letter::S, Letter::M]
    );
    assert_eq!(
        fails("Add retries", Some("kate"), Some("2027-01-05")),
        vec![Letter::S, Letter::M]
    );
    assert_eq!(
        fails(
            "Add 3 more replicas to the search cluster",
            Some("kate"),
            Some("EOW")
        ),
        vec![Letter::T]
    );
    assert_eq!(
        fails(
            "Train the team on the deploy tool",
            Some("kate"),
            Some("2027-01-05")
        ),
        vec![Letter::S, Letter::M]
    );
    assert_eq!(
        fails(
            "Rotate the API token",
            Some("@sre-lead"),
            Some("2027-01-05")
        ),
        vec![]
    );
    assert_eq!(
        fails(
            "Rotate the API token",
            Some("@sre-team"),
            Some("2027-01-05")
        ),
        vec![Letter::A]
    );
}
