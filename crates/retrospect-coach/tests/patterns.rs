//! The linguistic patterns added after measuring holdout 4: norms stated then broken,
//! passives with a person as agent, why-answers that end at a person, extraposed and
//! graded judgements, disclaimers before blame, and culprit questions with more verbs.
//! Each table pairs the pattern with look-alikes that must stay clean. The wording
//! here is new (not copied from the holdout sets), so these check the pattern.

mod common;

use common::assert_flags;
use retrospect_coach::{Context, Section};

fn assert_clean(cases: &[&str]) {
    common::assert_clean(cases, Section::Unknown);
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

// Patterns added after measuring holdout 5. New wordings, not copied from the set.

#[test]
fn predictability_said_afterwards() {
    assert_flags(
        "hindsight",
        &[
            "It was entirely foreseeable that the batch job would starve the API.",
            "Frankly it was obvious to everyone that the quota would run out.",
            "The alarms could not have been any louder, and still the rollout continued.",
            "Anybody could have seen this coming from the growth curve.",
            "We warned them this would break at the month-end peak.",
            "Isn't it obvious that a single replica cannot survive a zone loss?",
            "How could the reviewers have missed a hard-coded password?",
            "This should never have happened; Dave knew the certificate expired on Sunday.",
        ],
    );
    assert_clean(&[
        "It was not obvious to anyone on the bridge that the two alerts were related.",
        "Nobody saw it coming: the vendor had changed the default without a notice.",
        "Obviously the latency figures below are sampled; raw traces are in the bucket.",
        "The load pattern is highly predictable, so we pre-scale at 08:00.",
        "This should never have happened according to the vendor's documentation of the API.",
    ]);
}

#[test]
fn culprit_demands_and_clefts() {
    assert_flags(
        "culprit-question",
        &[
            "Find me the engineer who approved this migration.",
            "We need the names of the people who skipped the freeze.",
            "who on earth deleted the staging namespace",
        ],
    );
    assert_flags(
        "person-as-cause",
        &[
            "It was Dave who restarted the primary during the backup.",
            "It was the contractor who pushed the unreviewed hotfix.",
            "The culprit is the release manager, who skipped the canary.",
            "The lag was overlooked for an hour by the on-call engineer.",
            "The job was scheduled in the wrong timezone by the admin.",
            "The outage was a plain blunder by the deploy captain.",
        ],
    );
    assert_clean(&[
        "Find the service that approved the token and rotate it.",
        "We need to know who is on call next week before the freeze.",
        "It was Priya who spotted the lag and paged the database team.",
        "It was the cache that returned the stale value.",
        "The culprit was a regular expression with catastrophic backtracking.",
        "The lag was missed by the alerting rule because the threshold was too high.",
        "Whoever is on call acknowledges the page within five minutes.",
        "The request was routed to the wrong shard by the proxy.",
    ]);
    assert_flags(
        "normative-judgement",
        &["Whoever approved that change clearly never read the design doc."],
    );
}

#[test]
fn effort_minimised_and_judged() {
    assert_flags(
        "minimising",
        &[
            "All the reviewer needed to do was run the migration once in staging.",
            "It would have taken him five minutes to add the alert.",
            "I don't understand why it took them three hours to roll back.",
        ],
    );
    assert_flags(
        "normative-judgement",
        &[
            "Priya never bothered to read the release notes.",
            "No one on the platform team took the time to update the runbook.",
            "The contractor writes sloppy configs and nobody checks them.",
            "Honestly such an elementary mistake should not reach production.",
            "I cannot understand how a senior engineer could forget the rollback plan.",
            "Dave blindly followed the outdated wiki page.",
            "Nothing says ownership like leaving a failing build over the weekend.",
            "Oh sure, such a clever plan to migrate during the sale, Dave.",
            "The engineer went ahead and deleted the volume despite the warning.",
        ],
    );
    assert_clean(&[
        "All we had to do was wait for the replica to catch up.",
        "The restore would have taken five minutes to complete on a smaller volume.",
        "The installer did not bother with the optional packages by design.",
        "The script blindly copied every file, including the lock files.",
        "Adding a canary was such a good idea from the platform team that we kept it.",
        "We went ahead and failed over once the replica was in sync.",
        "It took the restore three hours because the snapshot was cold.",
        "All the script had to do was exit non-zero on a failed upload.",
        "We told the vendor so far we had seen two failures.",
        "Despite the noisy graphs, Priya went ahead and rolled back at 10:02.",
        "We want the engineer who wrote the runbook to review the new version.",
        "We let the old certificate expire on purpose after the service was retired.",
    ]);
}

#[test]
fn light_verbs_shifts_and_hand_overs() {
    assert_flags(
        "counterfactual-person",
        &[
            "The operator has not done the check of the replica before the switch.",
            "Dave has forgotten to renew the certificate.",
            "Had the weekend shift rotated the logs, the disk would have survived.",
        ],
    );
    assert_flags(
        "person-as-cause",
        &[
            "The day shift let the certificate expire.",
            "Priya went home without handing off the incident.",
        ],
    );
    assert_clean(&[
        "The migration has not made the expected progress since Tuesday.",
        "The retention job let the disk fill up because its schedule was disabled.",
        "A shift in traffic to the EU region let the cache warm up.",
        "The support agent escalated the ticket at 10:02.",
        "The fat-finger limit in the trading gateway blocked the order.",
        "Alerts go to a channel no one reads outside office hours.",
        "Responders should be able to roll back without asking for approval.",
        "Thanks to Priya for catching the misconfigured route before the launch!",
    ]);
}

#[test]
fn anonymised_roles() {
    assert_flags(
        "normative-judgement",
        &["Engineer B never bothered to look at the canary graphs."],
    );
    assert_clean(&["Service B did not bother with retries by design."]);
}

fn smart(text: &str, owner: Option<&str>, due: Option<&str>) -> Vec<retrospect_coach::Letter> {
    let item = retrospect_coach::ActionItem {
        text: text.into(),
        owner: owner.map(Into::into),
        due: due.map(Into::into),
        causes: Some(vec![serde_json::json!("c1")]),
        success_criterion: None,
    };
    retrospect_coach::check_action(&item, &Context::new()).fails
}

#[test]
fn smart_periods_rotations_stances_and_rework() {
    use retrospect_coach::Letter::{M, S, T};
    let good = "Add a presubmit check that rejects migrations without a down script";
    // A quarter or a month is a period, with or without its year (the issue: "not Q3").
    for due in ["Q4 2027", "H1 2028", "March 2027", "2027-03"] {
        assert_eq!(smart(good, Some("Priya"), Some(due)), vec![T], "{due}");
    }
    assert!(smart(good, Some("Priya"), Some("2027-03-31")).is_empty());
    // A rotation or shift is not one named owner; its lead is.
    for owner in ["on-call", "weekend shift", "SRE rota", "primary on call"] {
        let f = smart(good, Some(owner), Some("2027-03-31"));
        assert_eq!(f, vec![retrospect_coach::Letter::A], "{owner}");
    }
    assert!(smart(good, Some("on-call lead"), Some("2027-03-31")).is_empty());
    // Stances and talks fail S and M.
    for text in [
        "Take more ownership of the release train",
        "Hold a discussion about paging etiquette",
        "Reinforce the need for peer review",
        "Do more thorough testing",
    ] {
        assert_eq!(
            smart(text, Some("Priya"), Some("2027-03-31")),
            vec![S, M],
            "{text}"
        );
    }
    // Feedback to a person is aimed at the person: S, M and R, as in the dev set.
    let f = smart(
        "Give some feedback to the release captain",
        Some("Priya"),
        Some("2027-03-31"),
    );
    assert_eq!(f, vec![S, M, retrospect_coach::Letter::R]);
    // Rework verbs without an end state fail M; with one they pass.
    for text in [
        "Restructure the session cache",
        "Port the billing worker",
        "Update the TLS library",
    ] {
        assert_eq!(
            smart(text, Some("Priya"), Some("2027-03-31")),
            vec![M],
            "{text}"
        );
    }
    for text in [
        "Update the TLS library to 3.2",
        "Port the billing worker to the job framework",
        "Restructure the session cache so that evictions never block reads",
        "Enable retries on the exporter; test with a forced network partition",
        "Write the restore runbook and have a new engineer run it successfully in staging",
    ] {
        assert!(
            smart(text, Some("Priya"), Some("2027-03-31")).is_empty(),
            "{text}"
        );
    }
}

/// A cleft that only introduces who did something routine is not blame; one
/// that singles out who did something harmful is.
#[test]
fn clefts_blame_only_with_harm() {
    assert_clean(&[
        "It was Dave who ran the failover drill last quarter, so he walked us through the runbook.",
        "It was Lena who wrote the migration, and it ran cleanly.",
        "It was Omar who chaired the review on Tuesday.",
    ]);
    assert_flags(
        "person-as-cause",
        &[
            "It was the intern who ran the DROP TABLE on prod.",
            "It was Sam who approved the change that took checkout down.",
            "It was Mei who deployed while the freeze was on.",
        ],
    );
}

/// Round 5 (holdout 6): dismissive minimising with a verdict attached, a person's
/// counterfactual inside a role phrase or a duty "not done", hindsight as "plain to
/// see" or "everybody knows you don't", a 5-whys step that is only a person, and a
/// culprit question in non-native phrasing. New wordings, with look-alikes.
#[test]
fn round5_minimising_with_a_verdict() {
    assert_flags(
        "minimising",
        &[
            "The remedy was simply to bounce the pod, so honestly not that big a deal.",
            "It's a tiny tweak, anyone could have done it blindfolded.",
            "Skipping the dry run was a rookie error.",
            "it is literally a single click to drain the node, no idea why it took an hour",
            "Frankly an elementary slip, easy to prevent.",
        ],
    );
    assert_clean(&[
        "The fix was simply to raise the timeout.",
        "The workaround was simply to route traffic to the other region.",
        "Only a small fraction of requests failed.",
        "A trivial config change set the pool size to 5.",
        "The runbook is one command to fail over.",
        "Anyone could read the status page during the outage.",
        "Customer impact was not a big deal because retries succeeded.",
    ]);
}

#[test]
fn round5_counterfactuals_in_role_phrases() {
    assert_flags(
        "counterfactual-person",
        &[
            "Dave could have paused the rollout at once but instead kept pushing canaries.",
            "The reviewer of the PR failed to consider the empty-list case.",
            "It was the job of the incident commander to notify support, and it was not done.",
        ],
    );
    assert_clean(&[
        "The script could have retried but instead exited.",
        "The validator failed to consider empty values.",
        "Dave could have rolled back, but the button was disabled.",
        "It was the responsibility of the cron job to rotate the keys, and this was not done.",
        "Which channel should the on-call use when the vendor does not reply?",
        "We will page the secondary when the primary does not acknowledge.",
    ]);
}

/// "As everybody knows, the release train leaves on Tuesdays" states a team
/// convention and judges nobody; only "everybody knows you don't …" grades a decision.
#[test]
fn round5_hindsight_plain_to_see() {
    assert_flags(
        "hindsight",
        &[
            "The red flags were plain to see in the error budget for days.",
            "Everyone knows we never deploy on a Friday.",
            "The risk was apparent long before the outage, but nobody acted.",
        ],
    );
    assert_clean(&[
        "The dashboard made the lag plain to see once we added p99.",
        "As everybody knows, the release train leaves on Tuesdays.",
        "The cause was apparent only after we diffed the configs.",
    ]);
}

#[test]
fn round5_why_answer_is_only_a_person() {
    assert_flags(
        "person-as-cause",
        &[
            "Why #4: the on-call engineer.",
            "Fifth why - the DBA.",
            "Why 3: the developers",
        ],
    );
    assert_clean(&[
        "5th why: the deploy tool has no dry-run mode.",
        "Why 4: the runbook.",
        "Why 2: the on-call engineer was paged by an alert with no runbook link.",
    ]);
}

#[test]
fn round5_culprit_question_non_native() {
    assert_flags(
        "culprit-question",
        &[
            "Could anyone tell me who was the engineer that deleted the bucket?",
            "Who is the one who disabled the alert?",
        ],
    );
    assert_clean(&[
        "Can someone tell me who is on call for payments?",
        "Who is the person that owns the quota service?",
    ]);
}

#[test]
fn round5_smart_ci_tests_and_named_artifacts() {
    use retrospect_coach::Letter::{M, S};
    for text in [
        "Turn the retry flag back on and add a test that fails CI if it is removed",
        "Restore the nightly backup job and add a CI check for it",
    ] {
        assert!(
            smart(text, Some("Priya"), Some("2027-03-31")).is_empty(),
            "{text}"
        );
    }
    // A named artifact with "more": the vagueness is only the missing done criterion.
    assert_eq!(
        smart(
            "Write more tests for the billing job",
            Some("Priya"),
            Some("2027-03-31")
        ),
        vec![M]
    );
    // The dev set's convention: "more" of a bare kind names nothing specific.
    assert_eq!(
        smart("Add more dashboards", Some("Priya"), Some("2027-03-31")),
        vec![S, M]
    );
}

/// "X could have …, but <they> were …" explains what stood in the way; "but
/// instead kept …" is a choice held against them.
#[test]
fn could_have_with_an_obstacle_is_not_blame() {
    assert_clean(&[
        "Priya could have joined the call, but she was on leave that week.",
        "Dave could have rolled back, but he had no access to the deploy tool.",
    ]);
    assert_flags(
        "counterfactual-person",
        &["Dave could have rolled back straight away but instead kept debugging."],
    );
}
