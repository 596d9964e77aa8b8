//! One table per rule: sentences that must be flagged by that rule, and look-alikes
//! that must not be flagged at warning level by any rule.

mod common;

use common::{assert_clean, assert_flags};
use retrospect_coach::{Context, Section, Severity, lint_text};

#[test]
fn counterfactual_person() {
    assert_flags(
        "counterfactual-person",
        &[
            "Dave should have checked the replica lag.",
            "The on-call engineer failed to escalate.",
            "If Marcus had read the runbook, this would not have happened.",
            "Had the reviewer looked closely, the bug would not have shipped.",
            "She never checked the dashboard.",
            "Priya could have rolled back sooner.",
            "They ignored the warning in the deploy output.",
            "We should have caught this in staging.",
            "The alert was ignored by the on-call.",
            "Tomás misread the graph.",
        ],
    );
}

#[test]
fn normative_judgement() {
    assert_flags(
        "normative-judgement",
        &[
            "This was a careless mistake.",
            "Sloppy work left orphaned records.",
            "The outage comes down to negligence.",
            "The response was lazy.",
            "That was unprofessional.",
            "Poor judgement led to skipping the canary.",
            "Dave mistakenly ran the cleanup against prod.",
            "The engineer wasn't paying attention.",
        ],
    );
}

#[test]
fn person_as_cause() {
    assert_flags(
        "person-as-cause",
        &[
            "The outage was caused by Dave.",
            "Bob broke prod.",
            "Root cause: Maria's change.",
            "It was Jorge's fault.",
            "The outage happened because the engineer was new and unfamiliar with the tooling.",
            "Dave's change took down checkout.",
            "Marcus made a mistake in the DNS zone.",
        ],
    );
}

#[test]
fn human_error() {
    assert_flags(
        "human-error",
        &[
            "Root cause: human error.",
            "It was operator error.",
            "User error caused the data loss.",
            "Someone fat-fingered the count.",
        ],
    );
}

#[test]
fn culprit_question() {
    assert_flags(
        "culprit-question",
        &[
            "Who did this?",
            "Whose fault is this?",
            "Who broke the build?",
            "Why didn't you check the canary?",
            "What were you thinking?",
            "How could you miss that?",
        ],
    );
}

#[test]
fn hindsight() {
    assert_flags(
        "hindsight",
        &[
            "Obviously the retry storm would overwhelm the database.",
            "It was obvious that the disk would fill.",
            "The signs were all there.",
            "He clearly should have waited.",
            "This was bound to happen.",
        ],
    );
}

#[test]
fn minimising() {
    assert_flags(
        "minimising",
        &[
            "Just restart it.",
            "You simply run the health check.",
            "She only had to flip the flag.",
            "All he had to do was read the alert.",
            "It's a no-brainer.",
        ],
    );
}

#[test]
fn same_words_about_systems() {
    assert_clean(
        &[
            "The health check failed to detect the hung worker.",
            "The script should have exited non-zero.",
            "The deploy failed to roll back.",
            "The canary did not flag the regression.",
            "The Postgres operator failed to reconcile the replica set.",
            "The parser ignored the unknown field.",
            "The smoke tests missed the bug.",
            "The deploy broke login for SSO users.",
            "The outage was caused by an expired certificate.",
            "Why did the pipeline treat a skipped stage as a pass?",
        ],
        Section::Why,
    );
}

#[test]
fn time_words_and_technical_terms() {
    assert_clean(
        &[
            "Just after 02:14 the error rate climbed.",
            "The page went out just before midnight.",
            "We burned half the error budget.",
            "The replicas shared a fault domain.",
            "We used git blame to find the change.",
            "Cassandra's sloppy quorum accepted the write.",
            "Our blame-free format helps.",
            "Fault tolerance assumed two zones.",
            "The impact was negligible.",
            "We practise Just Culture.",
            "Access is just-in-time.",
            "The human error budget is tracked by UX.",
            "The CLI prints a human-readable error.",
            "The lazy-loaded module was cold.",
        ],
        Section::Unknown,
    );
}

#[test]
fn quotes_and_code() {
    assert_clean(
        &[
            "Alice said: \"who broke this?\" and opened the log.",
            "Bob replied “just restart it, it always works”.",
            "The vendor called it 'human error on our side'.",
            "Dave ran `kubectl delete pod --all` in staging.",
            "The check `if failed_to_connect: retry()` retried forever.",
        ],
        Section::Timeline,
    );
}

#[test]
fn plans_look_forward() {
    assert_clean(
        &[
            "We should add an alert on replication lag.",
            "The team should add a runbook.",
            "We must add a check that rejects empty configs.",
            "We could add a canary stage.",
            "Each service should have an owner.",
        ],
        Section::Action,
    );
}

#[test]
fn neutral_attribution_and_acknowledged_hindsight() {
    assert_clean(
        &[
            "At 14:02 Priya rolled back the release.",
            "Dave paged the database on-call at 03:40.",
            "Priya's runbook fix made the failover idempotent.",
            "It was not obvious from the dashboard that the replica was behind.",
            "In hindsight the graph looks clear, but at 03:10 it was one of 40 alerts.",
            "Who was paged first, and what did the page contain?",
            "Priya did not have access because access requests take three days.",
            "Human error is never a root cause in our reviews.",
            "It wasn't anyone's fault.",
        ],
        Section::Timeline,
    );
}

#[test]
fn borderline_cases_are_info_only() {
    let ctx = Context::new();
    for text in [
        "We should have had an alert on certificate expiry.",
        "Dave did not escalate because the runbook said to wait 30 minutes.",
    ] {
        let f = lint_text(text, &ctx);
        assert!(
            !f.is_empty() && f.iter().all(|f| f.severity == Severity::Info),
            "{text}: {f:?}"
        );
    }
}

#[test]
fn findings_carry_spans_and_suggestions() {
    let text = "Résumé: Dave failed to check the lag.";
    let f = &lint_text(text, &Context::new())[0];
    assert_eq!(&text[f.start..f.end], "failed to check");
    assert_eq!((f.line, f.column), (1, 14));
    assert!(f.reframe().is_some() && f.question().is_some());
    assert_eq!(
        f.fingerprint(),
        retrospect_coach::Fingerprint::new("counterfactual-person", "FAILED  to check")
    );
}

#[test]
fn config_disables_and_allows() {
    let cfg = retrospect_coach::Config::from_toml_str("allow = [\"blast radius of careless\"]\n[rules]\nhindsight = \"off\"\nhuman-error = \"info\"\n").unwrap();
    let ctx = Context::new().with_config(cfg);
    assert!(lint_text("Obviously it broke.", &ctx).is_empty());
    assert_eq!(
        lint_text("Root cause: human error.", &ctx)[0].severity,
        Severity::Info
    );
    assert!(lint_text("The blast radius of careless changes.", &ctx).is_empty());
}

#[test]
fn markdown_fixture_golden() {
    let md = include_str!("fixtures/postmortem.md");
    let ctx = Context::new().with_names(["Priya Raman", "Dave Kim", "Sam Ortiz"]);
    let got: Vec<(String, usize, usize)> = retrospect_coach::lint_markdown(md, &ctx)
        .into_iter()
        .filter(|f| f.severity >= Severity::Warning)
        .map(|f| (f.rule, f.line, f.column))
        .collect();
    let want = [
        ("counterfactual-person", 19, 14),
        ("culprit-question", 28, 4),
        ("hindsight", 28, 29),
        ("counterfactual-person", 28, 52),
        ("minimising", 37, 3),
    ];
    let want: Vec<(String, usize, usize)> = want
        .iter()
        .map(|(r, l, c)| (r.to_string(), *l, *c))
        .collect();
    assert_eq!(got, want);
}
