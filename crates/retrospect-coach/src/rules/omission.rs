//! Omissions by people: "failed to", "forgot", "ignored", "did not check", "deployed
//! without testing", "nobody noticed", "the failure of the operator to act". The same
//! words about systems ("the health check failed to detect …") are facts.

use super::catalog::Rule;
use super::counterfactual::{by_agent, explains_reason, push};
use super::{Doc, Hit, tok_at};
use crate::agent::{Agent, AgentKind, clause_subject, np_after, subject_of};
use crate::finding::Severity;
use crate::text::tokens::{Tok, tokenize};
use regex::Regex;
use std::collections::HashSet;
use std::sync::LazyLock;

/// "failed to", "forgot to", chat's "failed too check", and present-tense timelines
/// ("IC fails to assign a comms lead").
static OMISSION_TO: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(r"(?i)\b(?:failed|fails|failing|fail|neglected|neglecting|neglect|forgot|forgets|forgetting|forget|omitted|didn['’]?t\s+bother|did\s+not\s+bother|never\s+bothered|bothered|was\s+supposed|were\s+supposed|failed\s+(?:in|at)\s+(?:his|her|their|its|the)\s+(?:duty|job|responsibility)|failed\s+in\s+(?:his|her|their)\s+duty)\s+(too?)\b").unwrap()
});

/// A choice not to do the duty: "chose to ignore", "decided not to escalate".
static CHOSE_NOT: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(r"(?i)\b(?:chose|decided|opted|elected)\s+(?:not\s+to\s+(?:check|test|verify|escalate|page|wait|read|follow|review|roll\s+back|revert|notify|tell|ask)|to\s+(?:ignore|skip|bypass|disregard|override|silence))\b").unwrap()
});

/// "Neither of the reviewers checked", "nobody on the security team noticed",
/// "nobody reads the alerts": an omission by people.
static NOBODY_DID: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(r"(?i)\b(?:neither|none|nobody|no\s+one|no-one)(?:\s+(?:of|on|in|from)\s+(?:the\s+|us|them|our\s+|their\s+)?(?:[a-z0-9-]+\s+){0,2}?([a-z-]+))?\s+(?:ever\s+|actually\s+|even\s+|really\s+|bothered\s+to\s+)?(checked|tested|verified|validated|reviewed|noticed|escalated|read|followed|confirmed|monitored|caught|acknowledged|bothered|thought|acted|reacted|responded|looked|cared|spoke\s+up|checks|tests|verifies|reviews|notices|escalates|reads|follows|monitors|watches|watched|looks|acts|responds|cares|bothers)\b").unwrap()
});

/// Past and present ("Alice ignores the alert" in a timeline) and the participial
/// clause ("Tom merges his own PR, bypassing review").
static OMISSION_PAST: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(r"(?i)\b(?:overlooked|overlooks|overlooking|ignored|ignores|ignoring|missed|misses|disregarded|disregards|disregarding|skipped|skips|skipping|forgot|forgets|neglected|neglects|bypassed|bypasses|bypassing|dismissed|dismisses|dismissing|misread|misreads|misjudged|misjudges|misinterpreted|misinterprets|slept\s+through|sleeps\s+through)\b").unwrap()
});

/// "did not check", "hasn't escalated", "had not adequately studied", and the
/// apostrophe-less chat forms ("didnt", "hasnt").
static DID_NOT: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(
        r"(?i)\b(did\s+not|didn['’]?t|never|don['’]?t|do\s+not|doesn['’]?t|does\s+not|has\s+not|hasn['’]?t|have\s+not|haven['’]?t|had\s+not|hadn['’]?t)\s+(?:(?:even|properly|actually|always|explicitly|fully|really|adequately|sufficiently|immediately|carefully|thoroughly|correctly|ever|yet|once|initially|originally|bother\s+to|bothered\s+to)\s+)*([a-z-]+)",
    )
    .unwrap()
});

/// "developers not testing", "deployed without testing", "w/o approval", "pushed
/// without a review": an omission framed as such.
static WITHOUT: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(concat!(
        r"(?i)(?:\b(?:without|w/o)\s+(?:first\s+|even\s+|properly\s+|ever\s+|actually\s+|really\s+|fully\s+|bothering\s+to\s+|so\s+much\s+as\s+)?|\bnot\s+(?:even\s+|properly\s+|actually\s+)?)(?:testing|checking|verifying|validating|reviewing|reading|asking|telling|notifying|informing|running\s+the\s+tests|looking\s+at|waiting\s+for|handing\s+(?:over|off)|passing\s+on|letting\s+\w+\s+know|confirming|double-checking|consulting|following|test|check|verify|review|read|ask|tell|follow)\b",
        r"|\b(?:without|w/o)\s+(?:a\s+|an\s+|any\s+|the\s+|proper\s+|prior\s+|peer\s+|code\s+|second\s+)*(?:review|approval|sign-?off|qa(?:\s+sign-?off)?|tests?|testing|a\s+second\s+pair\s+of\s+eyes|permission|authori[sz]ation|change\s+request|rollback\s+plan)\b"
    ))
    .unwrap()
});

/// "the failure of the senior operator to act", "Dave's failure to page".
static NOMINAL_FAILURE: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(r"(?i)\b(?:failure|refusal|neglect)\s+(?:of|by)\s+|\b(?:his|her|their|[A-Za-z][\w-]*['’]s)\s+(?:failure|refusal)\s+to\b").unwrap()
});

/// "They collectively failed:", "the on-call failed." — a verdict on people.
static FAILED_BARE: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(
        r"(?i)\bfailed(?:\s+(?:completely|utterly|totally|badly|miserably|again))?\s*(?:[:;.!]|$)",
    )
    .unwrap()
});

/// "was told twice to rotate the key and never did".
static NEVER_DID: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(r"(?i)\b(?:and|but)\s+(?:then\s+)?(?:never\s+did|didn['’]?t|did\s+not|never\s+got\s+(?:round|around)\s+to)(?:\s+(?:do\s+)?(?:it|so|that))?\s*(?:[.!?,;]|$)").unwrap()
});

/// A duty stated, then not done: "despite being told twice to drain the node, Ahmed
/// restarted it". The person is the subject of the main clause.
static DESPITE_TOLD: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(r"(?i)\b(?:despite|in\s+spite\s+of|against)\s+(?:being|having\s+been|(?:the\s+|explicit\s+|clear\s+)*(?:instructions?|advice|warnings?)|repeated\s+(?:warnings|reminders))\s*(?:(?:\w+\s+)?(?:told|warned|asked|instructed|reminded|advised))?").unwrap()
});

/// A passive omission with its person: "was not verified by the responsible
/// engineer", "were not followed by the on-call".
static PASSIVE_NOT: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(r"(?i)\b(?:was|were|is|are|been|wasn['’]?t|weren['’]?t)\s+(?:not\s+|never\s+)?(?:(?:properly|actually|adequately|correctly|fully|even)\s+)?([a-z-]+)\s+by\s+").unwrap()
});

/// Base verbs whose omission reads as a duty not done ("did not check").
static DUTY_BASE: LazyLock<HashSet<&str>> = LazyLock::new(|| {
    "check test verify validate read follow run review escalate notice look wait confirm communicate notify tell inform ask page monitor consider think bother catch realize realise double-check roll revert acknowledge ack respond document announce coordinate investigate reply answer heed pay watch update backup back lock drain rollback restart loop include involve warn alert request understand mention flag anticipate prepare renew rotate study adhere comply obey abide declare open assign post call contact hand handover loop mitigate intervene act react pause abort halt".split_whitespace().collect()
});

static DUTY_PAST: LazyLock<HashSet<&str>> = LazyLock::new(|| {
    "checked tested verified validated followed reviewed escalated noticed looked waited confirmed communicated notified told informed asked paged monitored considered bothered caught realized realised acknowledged responded documented announced investigated replied answered heeded double-checked requested understood mentioned flagged anticipated prepared renewed rotated drained updated alerted warned studied read adhered complied obeyed declared opened assigned posted called contacted handed looped mitigated intervened reacted paused aborted halted".split_whitespace().collect()
});

/// A person whose omission is blamed: a person or team, or an unknown capitalised
/// word (a name we do not know) when the verb is one only people do.
fn blamed(agent: &Agent, person_only_verb: bool) -> bool {
    agent.kind.is_people() || agent.maybe_name && person_only_verb
}

/// "the author of the change", "the SRE on shift": a role noun heads the phrase even
/// when a system noun follows it.
pub(super) fn role_of_phrase(toks: &[Tok]) -> bool {
    let words: Vec<&Tok> = toks.iter().filter(|t| t.word).collect();
    if words.len() > 7 {
        return false; // the subject must open the clause right before the verb
    }
    let head = words
        .iter()
        .position(|t| !crate::lexicon::DETERMINERS.contains(t.norm.as_str()));
    head.is_some_and(|h| {
        let w = words[h].norm.as_str();
        crate::lexicon::ROLE_NOUNS.contains(w)
            && !matches!(w, "user" | "users" | "customer" | "customers")
            && words
                .get(h + 1)
                .is_some_and(|n| matches!(n.norm.as_str(), "of" | "on" | "for" | "behind"))
    })
}

fn severity_rule(explained: bool) -> (Rule, Severity) {
    if explained {
        (Rule::CounterfactualTeam, Severity::Info)
    } else {
        (Rule::CounterfactualPerson, Severity::Warning)
    }
}

pub fn scan(doc: &Doc, out: &mut Vec<Hit>) {
    despite_and_passive(doc, out);
    chose_not(doc, out);
    without(doc, out);
    nobody(doc, out);
    failed_to(doc, out);
    duty_undone(doc, out);
    past_omissions(doc, out);
    did_not(doc, out);
    nominal_and_bare(doc, out);
}

fn chose_not(doc: &Doc, out: &mut Vec<Hit>) {
    for (c, _, toks) in doc.matches(&CHOSE_NOT) {
        let m = c.get(0).unwrap();
        let i = tok_at(toks, m.start());
        let agent = subject_of(toks, i, &doc.names());
        if agent.kind.is_people() || agent.maybe_name {
            let (rule, sev) =
                severity_rule(explains_reason(toks, tok_at(toks, m.end()), &doc.names()));
            push(out, rule, m.start(), m.end(), sev, &agent);
        }
    }
}

/// The people who did the thing in a passive clause: "was pushed by Kenji without …".
fn passive_by_in_clause(toks: &[Tok], i: usize, doc: &Doc) -> Option<Agent> {
    let from = toks[..i]
        .iter()
        .rposition(|t| !t.word && (t.is_punct(';') || t.is_punct(':')))
        .map_or(0, |p| p + 1);
    let by = toks[from..i].iter().rposition(|t| t.is("by"))? + from;
    let (a, _) = np_after(toks, by + 1, &doc.names());
    a.kind.is_people().then_some(a)
}

fn without(doc: &Doc, out: &mut Vec<Hit>) {
    for (c, _, toks) in doc.matches(&WITHOUT) {
        let m = c.get(0).unwrap();
        let i = tok_at(toks, m.start());
        let bare_not = m.as_str().to_ascii_lowercase().starts_with("not");
        let mut agent = if bare_not {
            subject_of(toks, i, &doc.names())
        } else {
            clause_subject(toks, i, &doc.names())
        };
        if !agent.kind.is_people()
            && !bare_not
            && let Some(a) = passive_by_in_clause(toks, i, doc)
        {
            agent = a;
        }
        // "not check" right after the person ("the support person not check …"); a
        // modal or auxiliary before "not" is handled by the did-not rule.
        if bare_not
            && !m.as_str().to_ascii_lowercase().contains("ing")
            && !(i > 0
                && toks[i - 1].word
                && !crate::lexicon::SKIP_LEFT.contains(toks[i - 1].norm.as_str()))
        {
            continue;
        }
        // "Engineers should be able to see … without asking": a capability or a plan,
        // not an account of what someone did.
        let plan = toks[..i].iter().enumerate().any(|(k, t)| {
            t.is("able")
                || matches!(
                    t.norm.as_str(),
                    "should" | "must" | "will" | "can" | "shall"
                ) && toks
                    .get(k + 1)
                    .is_some_and(|n| !matches!(n.norm.as_str(), "have" | "of" | "not" | "never"))
        });
        if agent.kind.is_people()
            && !plan
            && !explains_reason(toks, tok_at(toks, m.end()), &doc.names())
        {
            push(
                out,
                Rule::CounterfactualPerson,
                m.start(),
                m.end(),
                Severity::Warning,
                &agent,
            );
        }
    }
}

fn nobody(doc: &Doc, out: &mut Vec<Hit>) {
    for (c, _, toks) in doc.matches(&NOBODY_DID) {
        let m = c.get(0).unwrap();
        // "none of the tests checked" is about systems; "none of the reviewers" is not.
        let people = match c.get(1) {
            Some(noun) => {
                let t = tokenize(noun.as_str(), 0);
                np_after(&t, 0, &doc.names()).0.kind.is_people()
            }
            None => true,
        };
        // "…, which is why nobody checked": the reason comes first.
        let i = tok_at(toks, m.start());
        let reason_before = toks[i.saturating_sub(3)..i]
            .iter()
            .any(|t| matches!(t.norm.as_str(), "why" | "so" | "therefore"));
        // "a queue nobody monitors", "the channel no one reads": a relative clause
        // that describes the system (where the signal went), not an omission.
        let describes_thing = i
            .checked_sub(1)
            .map(|k| toks[k].norm.as_str())
            .is_some_and(|w| {
                crate::lexicon::SYSTEM_NOUNS.contains(w)
                    || crate::lexicon::SYSTEM_NOUNS.contains(w.strip_suffix('s').unwrap_or(w))
                    || matches!(
                        w,
                        "channel" | "channels" | "inbox" | "mailbox" | "list" | "room"
                    )
            });
        if people
            && !reason_before
            && !describes_thing
            && !explains_reason(toks, tok_at(toks, m.end()), &doc.names())
        {
            let agent = Agent {
                kind: AgentKind::Group,
                text: String::new(),
                person_possessor: false,
                maybe_name: false,
            };
            push(
                out,
                Rule::CounterfactualPerson,
                m.start(),
                m.end(),
                Severity::Warning,
                &agent,
            );
        }
    }
}

fn failed_to(doc: &Doc, out: &mut Vec<Hit>) {
    for (c, _, toks) in doc.matches(&OMISSION_TO) {
        let m = c.get(0).unwrap();
        let i = tok_at(toks, m.start());
        let agent = subject_of(toks, i, &doc.names());
        let next = toks.get(tok_at(toks, m.end()));
        if next.is_some_and(|t| {
            matches!(
                t.norm.as_str(),
                "meet" | "hit" | "reach" | "achieve" | "make"
            )
        }) {
            continue; // "we failed to meet the SLO" reports a result, not an omission
        }
        // "Without a postmortem you fail to recognize …": advice to the reader.
        let lead = m.as_str().to_ascii_lowercase();
        if agent.text.eq_ignore_ascii_case("you")
            && ["fail ", "forget ", "neglect "]
                .iter()
                .any(|p| lead.starts_with(p))
        {
            continue;
        }
        // "Don't forget to also review …": a reminder, not an account.
        if i > 0
            && matches!(
                toks[i - 1].norm.as_str(),
                "don't" | "dont" | "never" | "not"
            )
        {
            continue;
        }
        let duty_next = next.is_some_and(|t| DUTY_BASE.contains(t.norm.as_str()));
        // "failed too check": a typo only when a duty verb follows ("it failed too").
        if c[1].eq_ignore_ascii_case("too") && !duty_next {
            continue;
        }
        if blamed(&agent, duty_next) || duty_next && role_of_phrase(&toks[..i]) {
            let end = next.map_or(m.end(), |t| t.end);
            push(
                out,
                Rule::CounterfactualPerson,
                m.start(),
                end,
                Severity::Warning,
                &agent,
            );
        }
    }
}

fn past_omissions(doc: &Doc, out: &mut Vec<Hit>) {
    for (c, _, toks) in doc.matches(&OMISSION_PAST) {
        let m = c.get(0).unwrap();
        let i = tok_at(toks, m.start());
        let prev = i
            .checked_sub(1)
            .map(|k| toks[k].norm.as_str())
            .unwrap_or("");
        if matches!(
            prev,
            "the" | "a" | "an" | "any" | "no" | "this" | "of" | "with" | "cache" | "tlb"
        ) {
            continue; // adjective or noun use: "the missed alert", "cache misses"
        }
        let target = toks.get(i + 1..(i + 4).min(toks.len())).is_some_and(|w| {
            w.iter().any(|t| {
                matches!(
                    t.norm.as_str(),
                    "slo"
                        | "slos"
                        | "sla"
                        | "target"
                        | "targets"
                        | "deadline"
                        | "objective"
                        | "goal"
                        | "window"
                        | "estimate"
                        | "budget"
                        // An event missed is a clash, not a duty: "missed the standup".
                        | "meeting"
                        | "standup"
                        | "stand-up"
                        | "sync"
                        | "retro"
                        | "flight"
                        | "train"
                )
            })
        });
        let verb = toks[i].norm.clone();
        if verb.starts_with("miss") && target {
            continue; // "we missed our SLO" reports a result
        }
        let passive = matches!(prev, "was" | "were" | "been" | "being" | "got" | "get")
            && !toks[i].norm.ends_with("ing");
        let agent = if passive {
            match by_agent(toks, i + 1, doc) {
                Some(a) => a,
                None => continue,
            }
        } else {
            subject_of(toks, i, &doc.names())
        };
        // Only people forget or misread; a product name can "miss" or "ignore".
        let personal = ["forg", "negl", "misr", "misj", "misi", "overl", "disr"]
            .iter()
            .any(|p| verb.starts_with(p));
        if blamed(&agent, personal) {
            let (rule, sev) = severity_rule(explains_reason(toks, i + 1, &doc.names()));
            push(out, rule, m.start(), m.end(), sev, &agent);
        }
    }
}

fn did_not(doc: &Doc, out: &mut Vec<Hit>) {
    for (c, _, toks) in doc.matches(&DID_NOT) {
        let m = c.get(0).unwrap();
        let verb = c.get(2).unwrap().as_str().to_ascii_lowercase();
        let lead = c[1].to_ascii_lowercase();
        let never = lead.starts_with("never");
        let perfect = lead.starts_with("ha");
        let present = lead.starts_with("do") && !lead.starts_with("did");
        // "did not followed" (non-native) means "did not follow".
        let duty = if never || perfect {
            DUTY_PAST.contains(verb.as_str())
        } else {
            DUTY_BASE.contains(verb.as_str()) || DUTY_PAST.contains(verb.as_str())
        };
        // "did not make a backup", "did not take a snapshot": the duty is the noun.
        let duty = duty || {
            let after = tok_at(toks, c.get(2).unwrap().end());
            matches!(
                verb.as_str(),
                "make" | "made" | "take" | "took" | "do" | "did" | "run" | "ran"
            ) && toks[after.min(toks.len())..].iter().take(3).any(|t| {
                matches!(
                    t.norm.as_str(),
                    "backup"
                        | "backups"
                        | "snapshot"
                        | "snapshots"
                        | "check"
                        | "checks"
                        | "copy"
                        | "handover"
                        | "dry-run"
                        | "test"
                        | "tests"
                        | "review"
                        | "announcement"
                )
            })
        };
        // "did not scale the consumers" is a duty; "the TGWs did not scale fast
        // enough" describes capacity. Only the transitive use counts.
        let duty = duty
            || matches!(verb.as_str(), "scale" | "scaled")
                && toks
                    .get(tok_at(toks, c.get(2).unwrap().end()))
                    .is_some_and(|t| {
                        matches!(t.norm.as_str(), "the" | "our" | "their" | "up" | "out")
                    });
        if !duty {
            continue; // "did not have access" is a state, not an omission
        }
        let i = tok_at(toks, m.start());
        // "Do not follow any action unless told to": an instruction, not an account.
        let clause_opening = i == 0
            || !toks[i - 1].word
            || matches!(
                toks[i - 1].norm.as_str(),
                "and" | "but" | "so" | "please" | "then"
            );
        if present && lead.starts_with("do") && clause_opening {
            continue;
        }
        // "who do we escalate to when the database team does not answer?": a present
        // tense under "when"/"if" is a hypothetical for planning, not an account.
        let hypothetical = present
            && toks[..i]
                .iter()
                .rev()
                .take_while(|t| t.word)
                .take(8)
                .any(|t| {
                    matches!(
                        t.norm.as_str(),
                        "when" | "if" | "whenever" | "unless" | "until"
                    )
                });
        // "this is what happens when ppl dont read the runbook" is a verdict; only a
        // question or a plan ("who should …", "we will …") makes it a hypothetical.
        let planning = toks.iter().any(|t| t.is_punct('?'))
            || toks[..i].iter().any(|t| {
                matches!(
                    t.norm.as_str(),
                    "should" | "will" | "shall" | "would" | "must" | "can" | "could"
                )
            });
        if hypothetical && planning {
            continue;
        }
        let agent = subject_of(toks, i, &doc.names());
        // "We don't test restores", "we haven't rotated the keys since 2019": a team
        // describing its practice; "people don't follow the process" grades others.
        let own_practice =
            agent.text.eq_ignore_ascii_case("we") || agent.text.eq_ignore_ascii_case("i");
        if (present || perfect && !lead.starts_with("had")) && own_practice {
            continue;
        }
        // "the person doesn't understand the etiquette", "so they don't realise it is
        // a drill": a present state of knowledge, not a duty left undone.
        if present
            && matches!(
                verb.as_str(),
                "understand" | "realise" | "realize" | "know" | "think" | "notice" | "consider"
            )
        {
            continue;
        }
        if blamed(&agent, true) {
            let (rule, sev) =
                severity_rule(explains_reason(toks, tok_at(toks, m.end()), &doc.names()));
            push(out, rule, m.start(), m.end(), sev, &agent);
        }
    }
}

fn nominal_and_bare(doc: &Doc, out: &mut Vec<Hit>) {
    for (c, _, toks) in doc.matches(&NOMINAL_FAILURE) {
        let m = c.get(0).unwrap();
        let lower = m.as_str().to_ascii_lowercase();
        let agent = if lower.ends_with("to") {
            // "Dave's failure to page": the owner is the first word.
            np_after(toks, tok_at(toks, m.start()), &doc.names()).0
        } else {
            let (a, e) = np_after(toks, tok_at(toks, m.end()), &doc.names());
            // "the failure of the lead operator to act" needs the "to".
            if !toks.get(e).is_some_and(|t| t.is("to")) {
                continue;
            }
            a
        };
        if agent.kind.is_people() {
            push(
                out,
                Rule::CounterfactualPerson,
                m.start(),
                m.end(),
                Severity::Warning,
                &agent,
            );
        }
    }
    for (c, _, toks) in doc.matches(&FAILED_BARE) {
        let m = c.get(0).unwrap();
        let agent = subject_of(toks, tok_at(toks, m.start()), &doc.names());
        if agent.kind.is_people() {
            push(
                out,
                Rule::CounterfactualPerson,
                m.start(),
                m.end(),
                Severity::Warning,
                &agent,
            );
        }
    }
    for (c, _, toks) in doc.matches(&NEVER_DID) {
        let m = c.get(0).unwrap();
        let agent = subject_of(toks, tok_at(toks, m.start()) + 1, &doc.names());
        // "…and never did" only blames after a duty was stated ("was told to …").
        let duty_stated = toks[..tok_at(toks, m.start())].iter().any(|t| {
            matches!(
                t.norm.as_str(),
                "told"
                    | "asked"
                    | "supposed"
                    | "meant"
                    | "expected"
                    | "reminded"
                    | "promised"
                    | "agreed"
            )
        });
        if agent.kind.is_people() && duty_stated {
            push(
                out,
                Rule::CounterfactualPerson,
                m.start(),
                m.end(),
                Severity::Warning,
                &agent,
            );
        }
    }
}

fn despite_and_passive(doc: &Doc, out: &mut Vec<Hit>) {
    for (c, r, toks) in doc.matches(&DESPITE_TOLD) {
        let m = c.get(0).unwrap();
        // "against the advice" alone is a judgement only when someone acted.
        let i = tok_at(toks, m.start());
        let agent = if i == 0 || !toks[i - 1].word {
            // "Despite being told …, Ahmed restarted it": after the first comma.
            let Some(k) = toks[i..].iter().position(|t| t.is_punct(',')) else {
                continue;
            };
            crate::agent::sentence_subject(&toks[i + k + 1..], &doc.names())
        } else {
            subject_of(toks, i, &doc.names())
        };
        // "despite being told to drain it" states a duty; "despite being told the fix
        // was safe" reports information. Instructions need their "to".
        let lower = m.as_str().to_ascii_lowercase();
        let instructed = ["told", "asked", "instructed", "reminded", "advised"]
            .iter()
            .any(|w| lower.ends_with(w));
        let j = tok_at(toks, m.end());
        let told = if instructed {
            toks[j..(j + 4).min(toks.len())].iter().any(|t| t.is("to"))
        } else {
            lower.split_whitespace().count() > 2 || !lower.starts_with("against")
        };
        if told && blamed(&agent, true) && m.end() <= r.end {
            push(
                out,
                Rule::CounterfactualPerson,
                m.start(),
                m.end(),
                Severity::Warning,
                &agent,
            );
        }
    }
    for (c, _, toks) in doc.matches(&PASSIVE_NOT) {
        let m = c.get(0).unwrap();
        let negative = toks[tok_at(toks, m.start())..tok_at(toks, c.get(1).unwrap().start())]
            .iter()
            .any(|t| matches!(t.norm.as_str(), "not" | "never") || t.norm.ends_with("n't"));
        let verb = c[1].to_ascii_lowercase();
        if !negative || !DUTY_PAST.contains(verb.as_str()) {
            continue;
        }
        let j = tok_at(toks, m.end());
        // "was not reviewed by a second developer": an indefinite agent describes a
        // check that did not exist, not a person who skipped it.
        let indefinite = toks.get(j).is_some_and(|t| {
            matches!(
                t.norm.as_str(),
                "a" | "an" | "any" | "another" | "second" | "anyone" | "anybody" | "someone"
            )
        });
        let (agent, _) = np_after(toks, j, &doc.names());
        if agent.kind.is_people() && !indefinite {
            let (rule, sev) =
                severity_rule(explains_reason(toks, tok_at(toks, m.end()), &doc.names()));
            push(out, rule, m.start(), m.end(), sev, &agent);
        }
    }
}

/// "It was the responsibility of the SRE on shift to verify X, and this was not done":
/// a duty assigned to a role, then reported as not done.
static DUTY_UNDONE: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(r"(?i)\b(?:responsibility|job|duty)\s+of\s+(?:the\s+|an?\s+|our\s+)?([^.;]{1,60}?)\s+to\s+[a-z]+[^.;]*?\b(?:this|it|that)\s+(?:was\s+not|wasn['’]t|was\s+never|did\s+not\s+happen|didn['’]t\s+happen|never\s+happened)\b").unwrap()
});

fn duty_undone(doc: &Doc, out: &mut Vec<Hit>) {
    for (c, _, _) in doc.matches(&DUTY_UNDONE) {
        let who = c[1].to_ascii_lowercase();
        let role = who.split_whitespace().take(3).any(|w| {
            crate::lexicon::ROLE_NOUNS.contains(w)
                && !matches!(w, "user" | "users" | "customer" | "customers")
        });
        if role {
            let m = c.get(0).unwrap();
            let agent = Agent {
                kind: AgentKind::Person,
                text: c[1].to_string(),
                person_possessor: false,
                maybe_name: false,
            };
            push(
                out,
                Rule::CounterfactualPerson,
                m.start(),
                m.end(),
                Severity::Warning,
                &agent,
            );
        }
    }
}
