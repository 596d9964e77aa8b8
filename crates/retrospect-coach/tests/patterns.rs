//! The linguistic patterns added after measuring holdout 4: norms stated then broken,
//! passives with a person as agent, why-answers that end at a person, extraposed and
//! graded judgements, disclaimers before blame, and culprit questions with more verbs.
//! Each table pairs the pattern with look-alikes that must stay clean. The wording
//! here is new (not copied from the holdout sets), so these check the pattern.

use retrospect_coach::{Context, Section, Severity, lint_text};

fn flagged(text: &str, section: Section) -> Vec<String> {
    let ctx = Context::new()
        .with_names(["Dave", "Priya"])
        .with_section(section);
    lint_text(text, &ctx)
        .into_iter()
        .filter(|f| f.severity >= Severity::Warning)
        .map(|f| f.rule)
        .collect()
}

fn assert_flags(rule: &str, cases: &[&str]) {
    for text in cases {
        let got = flagged(text, Section::Unknown);
        assert!(
            got.iter().any(|r| r == rule),
            "expected {rule} on {text:?}, got {got:?}"
        );
    }
}

fn assert_clean(cases: &[&str]) {
    for text in cases {
        let got = flagged(text, Section::Unknown);
        assert!(
            got.is_empty(),
            "expected no findings on {text:?}, got {got:?}"
        );
    }
}

#[test]
fn duty_stated_then_not_done() {
    assert_flags(
        "counterfactual-person",
        &[
            "In spite of being reminded to snapshot the volume, the admin resized it live.",
            "Despite repeated warnings, Dave kept the feature flag on.",
            "The checklist was not followed by the release captain.",
            "The rollback plan wasn't reviewed by the team lead before the change.",
            "Priya did not scale the workers up when the queue alarm went off.",
        ],
    );
    assert_clean(&[
        "Despite being told the change was low risk, Dave scheduled a rollback window.",
        "The migration was not reviewed by a second engineer; the tool allows one approver.",
        "The gateways did not scale fast enough to absorb the spike.",
        "Priya missed the planning meeting because she was on the bridge.",
    ]);
}

#[test]
fn person_as_agent_of_damage() {
    assert_flags(
        "person-as-cause",
        &[
            "The staging cluster was brought down by an intern running a load test.",
            "The wrong bucket was deleted by the on-call engineer.",
            "Because the admin truncated the audit table.",
            "Not to point fingers, but Priya merged it without a review.",
            "The main cause of the outage was the DBA, who dropped the index.",
            "09:12 Dave crashes the billing worker with a bad flag.",
        ],
    );
    assert_clean(&[
        "The old cluster was taken down by Dave for maintenance, as planned.",
        "The stale indexes were dropped by the DBA after the migration.",
        "Because Priya restarted the pod, traffic recovered within a minute.",
        "Because the runbook pointed at the old primary.",
        "Users saw hangs and crashes for twenty minutes.",
        "Not to point fingers, but the deploy tool let an empty config through.",
    ]);
}

#[test]
fn graded_conduct() {
    assert_flags(
        "normative-judgement",
        &[
            "It is inexcusable that the reviewer approved it in thirty seconds.",
            "It was unacceptable that the on-call engineer went offline.",
            "The support lead's handling of the escalation was disorganised.",
            "Dave acted in breach of the change freeze.",
            "The contractor circumvented the approval process.",
            "Wrongly, the operator promoted the lagging replica.",
            "The deploy went out at 17:59 and broke search. Thanks a bunch, Dave.",
        ],
    );
    assert_clean(&[
        "It is unacceptable that we had no alert on the certificate.",
        "The API's responses were sluggish during the failover.",
        "The batch job violated its SLO for two hours.",
        "Dave worked outside the runbook because it had no step for a split brain.",
        "Search was restored at 18:20. Thanks a lot, Dave, for the quick rollback.",
        "The lazy replica only syncs when it is read.",
        "The retry helper is lazy: it never retries on 429.",
        "The cost analysis was too slow to be useful during the incident.",
    ]);
}

#[test]
fn culprit_questions_with_more_verbs() {
    assert_flags(
        "culprit-question",
        &[
            "Which engineer silenced the disk alert?",
            "Please track down who disabled the backup job.",
            "What was the release manager thinking?",
            "Which team keeps pushing on Friday evenings?",
        ],
    );
    assert_clean(&[
        "Which alert fired first, and who acknowledged it?",
        "The engineer who disabled the job left a note in the ticket.",
    ]);
}

#[test]
fn hindsight_and_minimising_shapes() {
    assert_flags(
        "hindsight",
        &["The signs were clearly visible a week before."],
    );
    assert_flags(
        "minimising",
        &[
            "Why not simply fail over to the replica?",
            "Any decent responder would have paged the DBA.",
        ],
    );
    assert_clean(&[
        "The lag was plainly visible on the new panel once we added it.",
        "Human error is a label, not an explanation; we looked at the console design.",
    ]);
}
