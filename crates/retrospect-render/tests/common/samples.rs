//! Fixed post-mortems for snapshots, the look-check example and property tests.
//! Shared by the tests and by `examples/render_samples.rs` (through `#[path]`).
#![allow(dead_code)]

use retrospect_domain::{
    ActionItem, ActionKind, Date, Evidence, EvidenceKind, EvidenceRef, KeyMoment, LessonKind,
    MomentKind, Participant, PostMortem, Severity, TimelineEntry, Timestamp,
};

/// Cause texts of realistic, varied lengths.
pub const CAUSE_TEXTS: &[&str] = &[
    "The deploy pipeline skipped the canary stage",
    "A feature flag default was flipped in the shared config repository without a review",
    "The canary stage had been disabled during a migration and never turned back on",
    "On-call rotation had a gap over the holiday weekend",
    "Alert thresholds were tuned for weekday traffic only",
    "The runbook for cache failover pointed at a decommissioned dashboard",
    "Disk filled",
    "Log volume doubled after a verbose debug flag shipped to production, filling the disk on three nodes",
    "Nobody owned the retention policy for the log bucket",
    "Load balancer health checks only probed the TCP port, not the application",
    "Staging data set is a tiny fraction of production size, so the slow query never showed up",
    "Third-party DNS provider had a partial outage in one region",
    "Retry storms amplified the load on the database by a factor of ten",
    "Client library retries without jitter or backoff",
    "The dashboard showed averages, which hid the p99 latency spike",
    "Schema migration took an exclusive lock on the orders table",
    "Migration tooling does not warn about locking statements",
    "Connection pool size was set years ago and never revisited",
    "Incident channel was created late because the bot lacked permissions",
    "Customer support learned about the outage from social media",
    "Status page update required a manager's approval",
    "Two teams assumed the other one owned the queue consumer",
    "Capacity planning spreadsheet was last updated eighteen months ago",
    "TLS certificate renewal job failed silently",
    "The renewal job's failures were only logged at debug level",
    "Backups were never restored in a drill",
    "Vendor firmware update rebooted the storage array mid-day",
    "Change calendar did not include vendor maintenance windows",
    "Metrics agent dropped samples under high CPU",
    "The on-call engineer's laptop VPN profile had expired, delaying access by twenty minutes",
];

const CATEGORIES: &[Option<&str>] = &[
    Some("Process"),
    Some("Equipment/Tools"),
    Some("People"),
    Some("Environment"),
    Some("Measurement"),
    Some("Materials/Inputs"),
    None,
];

pub fn at(seconds: i64) -> Timestamp {
    Timestamp::from_second(1_717_236_000 + seconds).expect("valid fixture time")
}

/// A post-mortem with `n` causes: roughly one in three is a why under an
/// earlier cause, the rest are roots spread over the categories.
pub fn with_causes(n: usize) -> PostMortem {
    let mut pm = PostMortem::new(
        "Checkout outage: orders failed for 47 minutes after a config change",
        retrospect_domain::Kind::Incident,
        at(0),
    )
    .expect("valid title");
    pm.id = 7;
    let mut ids = Vec::new();
    for i in 0..n {
        let text = CAUSE_TEXTS[i % CAUSE_TEXTS.len()];
        let parent = if i % 3 == 2 || i % 4 == 3 {
            ids.get(i - 1).copied()
        } else {
            None
        };
        let category = if parent.is_some() {
            None
        } else {
            CATEGORIES[i % CATEGORIES.len()]
        };
        let id = pm.add_cause(parent, text, category).expect("valid cause");
        ids.push(id);
    }
    pm
}

/// A post-mortem with causes of the given texts and categories, each root
/// unless `parents[i]` names an earlier index.
pub fn with_cause_texts(
    texts: &[String],
    categories: &[Option<usize>],
    parents: &[Option<usize>],
) -> PostMortem {
    let mut pm =
        PostMortem::new("Property test", retrospect_domain::Kind::Incident, at(0)).expect("title");
    let cats = pm.fishbone_categories.clone();
    let mut ids = Vec::new();
    for (i, text) in texts.iter().enumerate() {
        let parent = parents
            .get(i)
            .copied()
            .flatten()
            .filter(|&p| p < i)
            .and_then(|p| ids.get(p).copied());
        let category = categories
            .get(i)
            .copied()
            .flatten()
            .map(|c| cats[c % cats.len()].clone());
        let id = pm
            .add_cause(parent, text, category.as_deref())
            .expect("cause");
        ids.push(id);
    }
    pm
}

/// A post-mortem with `n` timeline entries over about two hours from four
/// sources, some proposed, some hidden, and all four key moments.
pub fn with_timeline(n: usize) -> PostMortem {
    let mut pm = with_causes(6);
    pm.severity = Some(Severity::new(2).expect("sev"));
    let log = pm.add_evidence(Evidence {
        id: 0,
        kind: EvidenceKind::Log,
        name: "checkout-api.log.gz".into(),
        size: 48_213_112,
        checksum: "9f".repeat(32),
        imported_at: at(9_000),
        source: "/var/log/checkout-api.log.gz".into(),
    });
    let chat = pm.add_evidence(Evidence {
        id: 0,
        kind: EvidenceKind::Chat,
        name: "slack-export.zip".into(),
        size: 1_234_567,
        checksum: "ab".repeat(32),
        imported_at: at(9_100),
        source: "#incident-checkout".into(),
    });
    let span = 7_200i64;
    for i in 0..n {
        // Two in five entries fall in a burst after detection, as in real
        // incidents; the rest are spread (deterministically) over two hours.
        let scatter = (i * 7_919 % n.max(1)) as f64 / n.max(1) as f64;
        let second = if i % 5 < 2 {
            1_500.0 + scatter * 900.0
        } else {
            scatter * span as f64
        };
        let t = at(second as i64);
        let mut e = TimelineEntry::new(t, &entry_text(i)).expect("entry");
        match i % 4 {
            0 => e.source = "manual".into(),
            1 => {
                e.source = "checkout-api.log.gz".into();
                e.evidence = Some(EvidenceRef {
                    evidence: log,
                    position: Some(format!("line {}", 1000 + i)),
                });
                if i % 8 == 1 {
                    e.state = retrospect_domain::EntryState::Proposed;
                }
            }
            2 => {
                e.source = "slack #incident-checkout".into();
                e.evidence = Some(EvidenceRef {
                    evidence: chat,
                    position: None,
                });
                e.actor = Some(["Alice Martin", "Bob Okafor", "Chen Wei"][i % 3].into());
            }
            _ => {
                e.source = "status page".into();
                if i % 12 == 3 {
                    e.hidden = true;
                }
                if i % 12 == 7 {
                    e.state = retrospect_domain::EntryState::Dismissed;
                }
            }
        }
        pm.add_entry(e).expect("entry");
    }
    for (kind, seconds) in [
        (MomentKind::Started, 600),
        (MomentKind::Detected, 1_500),
        (MomentKind::Mitigated, 3_900),
        (MomentKind::Resolved, 6_420),
        (MomentKind::Custom("customers notified".into()), 2_100),
    ] {
        pm.set_moment(KeyMoment {
            kind,
            at: at(seconds),
            zone: Some("+02:00".into()),
            note: None,
        });
    }
    pm
}

fn entry_text(i: usize) -> String {
    const TEXTS: &[&str] = &[
        "Config change merged to the shared repository",
        "ERROR OrderService: timeout calling payments after 3000 ms",
        "Pager fired for checkout error rate above 5%",
        "Status page: investigating elevated checkout errors",
        "Rolled back the feature flag",
        "Error rate back under 1%",
        "Database CPU at 98% on primary",
        "Decided to fail over the cache cluster",
    ];
    format!("{} (#{i})", TEXTS[i % TEXTS.len()])
}

/// A complete post-mortem for the HTML export: every section filled.
pub fn complete() -> PostMortem {
    let mut pm = with_timeline(14);
    pm.summary = "A config change disabled the canary stage; a bad flag value then reached every checkout node.\n\n**Orders failed** for 47 minutes.".into();
    pm.impact = "About 12,000 checkout attempts failed; no data was lost.".into();
    pm.author = Some("Alice Martin".into());
    pm.team = Some("Payments".into());
    pm.participants = vec![
        Participant {
            name: "Alice Martin".into(),
            role: Some("incident commander".into()),
        },
        Participant {
            name: "Bob Okafor".into(),
            role: Some("responder".into()),
        },
        Participant {
            name: "Chen Wei".into(),
            role: None,
        },
    ];
    pm.tags = vec!["checkout".into(), "config".into()];
    pm.add_lesson(
        LessonKind::WentWrong,
        "The canary stage had been off for three weeks and nobody could tell.",
    )
    .expect("lesson");
    pm.add_lesson(
        LessonKind::WentRight,
        "Bob Okafor found the flag within minutes thanks to the change log.",
    )
    .expect("lesson");
    pm.add_lesson(LessonKind::Lucky, "It happened at a low-traffic hour.")
        .expect("lesson");
    pm.add_lesson(
        LessonKind::Learned,
        "Pipeline stages need an alarm when they are skipped.",
    )
    .expect("lesson");
    let mut a = ActionItem::new("Alert when a pipeline stage is skipped for more than one deploy")
        .expect("action");
    a.owner = Some("Chen Wei".into());
    a.due = Some(Date::constant(2024, 7, 1));
    a.kind = ActionKind::Detect;
    a.success_criterion =
        Some("A skipped stage pages the owning team within 10 minutes in a drill".into());
    a.causes = vec![1, 3];
    pm.add_action(a).expect("action");
    let mut b = ActionItem::new("Require review for changes to flag defaults").expect("action");
    b.owner = Some("Bob Okafor".into());
    b.kind = ActionKind::Prevent;
    b.causes = vec![2];
    pm.add_action(b).expect("action");
    pm.add_comment(
        "Bob Okafor",
        at(10_000),
        None,
        "I asked Alice Martin to double-check the flag list.",
    )
    .expect("comment");
    pm.add_comment(
        "Chen Wei",
        at(10_500),
        Some(retrospect_domain::PartRef::Cause(1)),
        "Agree, and see [the runbook](https://example.com/runbook).",
    )
    .expect("comment");
    pm.sections.push(retrospect_domain::FreeSection {
        heading: "Supporting notes".into(),
        body: "# Raw notes\n\n- first *bullet*\n- second with `code`\n\n| a | b |\n|---|---|\n| 1 | 2 |\n".into(),
    });
    pm
}
