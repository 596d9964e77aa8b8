//! Generators of arbitrary, valid post-mortems for the round-trip properties.
//!
//! Text mixes arbitrary Unicode (control characters included) with the
//! fragments that are awkward in Markdown: pipes, line breaks, backticks and
//! fences, hashes, backslashes, `<br>`, character references, our own marker
//! comment, leading and trailing spaces. Parts are valid as the domain checks
//! them (references resolve, the cause tree has no loop); lessons and causes
//! are in id order, as the domain keeps them.

#![allow(dead_code)]

use std::collections::BTreeSet;

use proptest::prelude::*;
use retrospect_domain::{
    Acknowledgement, ActionItem, ActionKind, ActionStatus, Cause, Comment, Date, Effectiveness,
    EntryState, EnumName, Evidence, EvidenceKind, EvidenceRef, FreeSection, KeyMoment, Kind,
    Lesson, LessonKind, LocalId, LogTemplate, MomentKind, PartRef, Participant, PostMortem,
    Severity, Status, TimelineEntry, Timestamp, Visibility,
};

pub fn text() -> impl Strategy<Value = String> {
    let fragment = prop_oneof![
        4 => "[a-zA-Z0-9 ,.]{1,12}",
        1 => any::<char>().prop_map(String::from),
        1 => prop::sample::select(vec![
            "|", "\\|", "\n", "\n\n", "`", "```", "~~~", "#", "## ", "# ", " ", "  ", "\\", "<br>", "<BR/>", "&#32;",
            "&#x41;", "\r", "\r\n", "\t", "**", "- ", "* ", "1. ", "(", ")", ";", ":", "\"\"", "\"", "'",
            "<!-- retrospect:free-sections -->", "---", "+++", "T1", "C1", "E1", "**C2**", "**L3**", "[", "]",
            "é", "日本語", "🙂", "\u{0}", "\u{85}", "\u{2028}", "\u{feff}", "\u{a0}", "> ", "cites T1", "under C1",
            "category: ", "```retrospect-text", "\"x\"", "&", "&#", "<", ">", "null", "~", "yes",
        ])
        .prop_map(String::from),
    ];
    prop::collection::vec(fragment, 0..8).prop_map(|parts| parts.concat())
}

/// Text a title can be: not blank, not over the domain's 300 characters.
pub fn title() -> impl Strategy<Value = String> {
    text().prop_filter("a title has words", |t| {
        !t.trim().is_empty() && t.chars().count() <= 300
    })
}

pub fn opt_text() -> impl Strategy<Value = Option<String>> {
    prop::option::of(text())
}

pub fn timestamp() -> impl Strategy<Value = Timestamp> {
    prop_oneof![
        // Microsecond precision across the whole range jiff supports.
        1 => (Timestamp::MIN.as_microsecond()..=Timestamp::MAX.as_microsecond())
            .prop_map(|us| Timestamp::from_microsecond(us).unwrap_or(Timestamp::UNIX_EPOCH)),
        // And mostly the decades post-mortems are about.
        3 => (946_684_800_000_000i64..4_102_444_800_000_000i64)
            .prop_map(|us| Timestamp::from_microsecond(us).unwrap_or(Timestamp::UNIX_EPOCH)),
    ]
}

pub fn zone() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        2 => Just(None),
        2 => prop::sample::select(vec![
            "UTC", "Europe/Berlin", "America/Los_Angeles", "Asia/Kolkata", "Australia/Lord_Howe", "+02:00",
            "-09:30", "+05:45", "+00:00", "Etc/UTC", "US/Pacific",
        ])
        .prop_map(|z| Some(z.to_string())),
        1 => text().prop_map(Some),
    ]
}

pub fn date() -> impl Strategy<Value = Date> {
    (-9999i16..=9999, 1i8..=12, 1i8..=28)
        .prop_map(|(y, m, d)| Date::new(y, m, d).unwrap_or(Date::MIN))
}

fn pick<T: Clone + std::fmt::Debug + 'static>(all: &'static [T]) -> impl Strategy<Value = T> {
    prop::sample::select(all.to_vec())
}

pub fn moment_kind() -> impl Strategy<Value = MomentKind> {
    prop_oneof![
        Just(MomentKind::Started),
        Just(MomentKind::Detected),
        Just(MomentKind::Mitigated),
        Just(MomentKind::Resolved),
        // Custom names are the ones the domain itself keeps as custom.
        text().prop_filter_map("a custom moment name", |t| match MomentKind::parse(&t) {
            Ok(MomentKind::Custom(name)) if name == t => Some(MomentKind::Custom(name)),
            _ => None,
        }),
    ]
}

/// Distinct ids, in a random order or sorted.
fn ids(max: usize, sorted: bool) -> impl Strategy<Value = Vec<LocalId>> {
    prop::collection::btree_set(any::<u32>(), 0..max).prop_shuffle_if(!sorted)
}

trait ShuffleIf {
    fn prop_shuffle_if(self, shuffle: bool) -> BoxedStrategy<Vec<LocalId>>;
}

impl<S: Strategy<Value = BTreeSet<LocalId>> + 'static> ShuffleIf for S {
    fn prop_shuffle_if(self, shuffle: bool) -> BoxedStrategy<Vec<LocalId>> {
        let v = self.prop_map(|s| s.into_iter().collect::<Vec<_>>());
        if shuffle {
            v.prop_shuffle().boxed()
        } else {
            v.boxed()
        }
    }
}

fn subset(of: Vec<LocalId>) -> impl Strategy<Value = Vec<LocalId>> {
    prop::collection::vec(any::<prop::sample::Index>(), 0..4).prop_map(move |picks| {
        let mut out = Vec::new();
        if of.is_empty() {
            return out;
        }
        for p in picks {
            let id = of[p.index(of.len())];
            if !out.contains(&id) {
                out.push(id);
            }
        }
        out
    })
}

fn one_of(of: Vec<LocalId>) -> BoxedStrategy<Option<LocalId>> {
    if of.is_empty() {
        Just(None).boxed()
    } else {
        prop::option::of(prop::sample::select(of)).boxed()
    }
}

pub fn postmortem() -> impl Strategy<Value = PostMortem> {
    (
        ids(6, false),
        ids(5, false),
        ids(6, true),
        ids(5, true),
        ids(5, false),
        ids(4, false),
    )
        .prop_flat_map(|(t_ids, e_ids, c_ids, l_ids, a_ids, m_ids)| {
            let evidence = e_ids.iter().map(|&id| evidence(id)).collect::<Vec<_>>();
            let timeline = t_ids
                .iter()
                .map(|&id| entry(id, e_ids.clone()))
                .collect::<Vec<_>>();
            let causes = c_ids
                .iter()
                .enumerate()
                .map(|(i, &id)| cause(id, c_ids[..i].to_vec(), t_ids.clone(), e_ids.clone()))
                .collect::<Vec<_>>();
            let lessons = l_ids.iter().map(|&id| lesson(id)).collect::<Vec<_>>();
            let actions = a_ids
                .iter()
                .map(|&id| action(id, c_ids.clone()))
                .collect::<Vec<_>>();
            let comments = m_ids.iter().map(|&id| comment(id)).collect::<Vec<_>>();
            let templates = if e_ids.is_empty() {
                Just(Vec::new()).boxed()
            } else {
                prop::collection::vec(log_template(e_ids.clone()), 0..3).boxed()
            };
            (
                header(),
                (evidence, timeline, causes, lessons),
                (actions, comments, templates),
            )
        })
        .prop_map(
            |(mut pm, (evidence, timeline, causes, lessons), (actions, comments, templates))| {
                pm.evidence = evidence;
                pm.timeline = timeline;
                pm.causes = causes;
                pm.lessons = lessons;
                pm.actions = actions;
                pm.comments = comments;
                pm.log_templates = templates;
                pm
            },
        )
}

fn header() -> impl Strategy<Value = PostMortem> {
    (
        (
            any::<i64>(),
            title(),
            pick(<Kind as EnumName>::ALL),
            pick(<Status as EnumName>::ALL),
            pick(<Visibility as EnumName>::ALL),
        ),
        (
            prop::option::of(1u8..=5),
            text(),
            text(),
            opt_text(),
            opt_text(),
        ),
        (
            prop::collection::vec((text(), opt_text()), 0..3),
            prop::collection::vec(text(), 0..3),
            opt_text(),
            timestamp(),
            timestamp(),
            any::<i64>(),
        ),
        (
            prop_oneof![
                Just(None),
                prop::collection::vec(text(), 0..4).prop_map(Some)
            ],
            prop::collection::vec((moment_kind(), timestamp(), zone(), opt_text()), 0..4),
            prop::collection::vec((text(), text()), 0..3),
            prop::collection::vec((text(), text(), text(), text(), text(), timestamp()), 0..2),
        ),
    )
        .prop_map(
            |(
                (id, title, kind, status, visibility),
                (sev, summary, impact, author, team),
                (people, tags, template, created, updated, version),
                (categories, moments, sections, acks),
            )| {
                let mut pm = PostMortem::new("placeholder", kind, created)
                    .unwrap_or_else(|_| unreachable!());
                pm.id = id;
                pm.title = title;
                pm.status = status;
                pm.visibility = visibility;
                pm.severity = sev.and_then(|s| Severity::new(s).ok());
                pm.summary = summary;
                pm.impact = impact;
                pm.author = author;
                pm.team = team;
                pm.participants = people
                    .into_iter()
                    .map(|(name, role)| Participant { name, role })
                    .collect();
                pm.tags = tags;
                pm.template = template;
                pm.updated_at = updated;
                pm.version = version;
                if let Some(c) = categories {
                    pm.fishbone_categories = c;
                }
                pm.key_moments = moments
                    .into_iter()
                    .map(|(kind, at, zone, note)| KeyMoment {
                        kind,
                        at,
                        zone,
                        note,
                    })
                    .collect();
                pm.sections = sections
                    .into_iter()
                    .map(|(heading, body)| FreeSection { heading, body })
                    .collect();
                pm.acknowledgements = acks
                    .into_iter()
                    .map(
                        |(fingerprint, rule, excerpt, by, reason, at)| Acknowledgement {
                            fingerprint,
                            rule,
                            excerpt,
                            by,
                            reason,
                            at,
                        },
                    )
                    .collect();
                pm
            },
        )
}

fn evidence(id: LocalId) -> impl Strategy<Value = Evidence> {
    (
        pick(<EvidenceKind as EnumName>::ALL),
        text(),
        any::<u64>(),
        text(),
        timestamp(),
        text(),
    )
        .prop_map(
            move |(kind, name, size, checksum, imported_at, source)| Evidence {
                id,
                kind,
                name,
                size,
                checksum,
                imported_at,
                source,
            },
        )
}

fn entry(id: LocalId, evidence: Vec<LocalId>) -> impl Strategy<Value = TimelineEntry> {
    (
        (timestamp(), zone(), text(), opt_text(), text()),
        (
            one_of(evidence),
            opt_text(),
            prop::option::of(moment_kind()),
            any::<bool>(),
            pick(<EntryState as EnumName>::ALL),
        ),
    )
        .prop_map(
            move |((at, zone, text, actor, source), (ev, position, key_moment, hidden, state))| {
                TimelineEntry {
                    id,
                    at,
                    zone,
                    text,
                    actor,
                    source,
                    evidence: ev.map(|evidence| EvidenceRef { evidence, position }),
                    key_moment,
                    hidden,
                    state,
                }
            },
        )
}

fn cause(
    id: LocalId,
    earlier: Vec<LocalId>,
    timeline: Vec<LocalId>,
    evidence: Vec<LocalId>,
) -> impl Strategy<Value = Cause> {
    (
        one_of(earlier),
        text(),
        opt_text(),
        subset(timeline),
        subset(evidence),
    )
        .prop_map(
            move |(parent, text, category, timeline_refs, evidence_refs)| Cause {
                id,
                parent,
                text,
                category,
                timeline_refs,
                evidence_refs,
            },
        )
}

fn lesson(id: LocalId) -> impl Strategy<Value = Lesson> {
    (pick(<LessonKind as EnumName>::ALL), text()).prop_map(move |(kind, text)| Lesson {
        id,
        kind,
        text,
    })
}

fn action(id: LocalId, causes: Vec<LocalId>) -> impl Strategy<Value = ActionItem> {
    (
        (
            text(),
            opt_text(),
            prop::option::of(date()),
            pick(<ActionKind as EnumName>::ALL),
            opt_text(),
        ),
        (
            pick(<ActionStatus as EnumName>::ALL),
            prop::option::of(date()),
            prop::option::of(pick(<Effectiveness as EnumName>::ALL)),
            subset(causes),
        ),
    )
        .prop_map(
            move |(
                (text, owner, due, kind, success_criterion),
                (status, review_date, effectiveness, causes),
            )| ActionItem {
                id,
                text,
                owner,
                due,
                kind,
                success_criterion,
                status,
                review_date,
                effectiveness,
                causes,
            },
        )
}

fn comment(id: LocalId) -> impl Strategy<Value = Comment> {
    let part = prop_oneof![
        Just(None),
        (0u8..5, any::<u32>()).prop_map(|(k, n)| Some(match k {
            0 => PartRef::Entry(n),
            1 => PartRef::Cause(n),
            2 => PartRef::Action(n),
            3 => PartRef::Lesson(n),
            _ => PartRef::Evidence(n),
        })),
    ];
    (text(), timestamp(), part, text()).prop_map(move |(author, at, on, text)| Comment {
        id,
        author,
        at,
        on,
        text,
    })
}

fn log_template(evidence: Vec<LocalId>) -> impl Strategy<Value = LogTemplate> {
    (
        prop::sample::select(evidence),
        any::<u32>(),
        text(),
        any::<u64>(),
        prop::option::of(timestamp()),
        prop::option::of(timestamp()),
        opt_text(),
        prop::collection::vec(text(), 0..3),
    )
        .prop_map(
            |(evidence, template_id, pattern, count, first_seen, last_seen, level, examples)| {
                LogTemplate {
                    evidence,
                    template_id,
                    pattern,
                    count,
                    first_seen,
                    last_seen,
                    level,
                    examples,
                }
            },
        )
}
