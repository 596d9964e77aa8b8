//! Blame carried by the shape of a sentence rather than by a blame word: clefts ("it
//! was the intern who ran…"), culprit demands without a question mark ("identify the
//! individual who…"), predictability said afterwards ("couldn't have been clearer"),
//! passives and nominalisations with a person as agent deep in a clause ("ignored by
//! the on-call", "insufficient care by the engineer"), minimising by effort ("all the
//! on-call had to do was…"), sarcasm without a blame word and light verbs ("has not
//! made the verification"). One regex scans for all of them; each branch then checks
//! who the phrase is about with the same agent machinery as the other rules.

use super::catalog::Rule;
use super::counterfactual::is_participle;
use super::{Doc, Hit, negated_before, tok_at};
use crate::agent::{Agent, np_after, sentence_subject, subject_of};
use crate::text::tokens::Tok;
use regex::Regex;
use std::sync::LazyLock;

static CUES: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(concat!(
        r"(?i)\b(?:",
        // Hindsight: predictability graded afterwards.
        r"(?P<hind>(?:was|were|seemed|looked)\s+(?:plainly|clearly|easily|entirely|perfectly|completely|totally|utterly|eminently|highly|so)\s+(?:predictable|foreseeable)",
        r"|(?:obvious|clear|evident|apparent|predictable)\s+to\s+(?:anyone|everyone|anybody|everybody|all\s+of\s+us)",
        r"|(?:couldn['’]t|could\s+not|can['’]t)\s+have\s+been\s+(?:any\s+)?(?:clearer|plainer|louder|more\s+(?:obvious|clear|visible|explicit))",
        r"|(?:everyone|everybody|anyone|anybody|we\s+all|you\s+could|all\s+of\s+us)\s+(?:\w+\s+){0,2}?(?:see|saw|seen)\s+(?:it|this|that)\s+coming",
        r"|(?:i|we)\s+(?:\w+\s+)?(?:told|warned)\s+(?:them|you|him|her|everyone|everybody|people|the\s+\w+)\s+(?:this|that|it)\s+(?:would|will|was\s+going\s+to)\s+(?:happen|break|fail|bite)",
        r"|how\s+could\s+(?:nobody|no\s+one|no-one|anyone|you|they|he|she|the\s+\w+)\s+(?:have\s+)?(?:not\s+)?(?:noticed?|missed?|seen|see|forgotten|forget|ignored?|overlooked?)",
        r")|(?P<rhet>(?:wasn['’]t|isn['’]t|weren['’]t)\s+it\s+(?:\w+\s+)?(?:obvious|clear|predictable))",
        r"|(?P<never>should\s+never\s+have\s+happened)",
        // Culprit demands without "who …?".
        r"|(?P<demand>(?:identify|name|find|tell|give|want|need|know)\s+(?:me\s+|us\s+|out\s+)?(?:the\s+names?\s+of\s+)?(?:the\s+(?:individual|person|people|engineer|dev|developer|one|ones|culprit|guy|admin|operator|employee)s?\s+(?:who|that)|whoever))",
        r"|(?P<whoeven>who\s+(?:even|the\s+hell|the\s+heck|on\s+earth|tf))",
        // Clefts and "the responsible is …".
        r"|(?P<cleft>it\s+(?:was|is)\s+(?:[\w@'’-]+\s+){1,4}?who)",
        r"|(?P<resp>the\s+(?:responsible|culprit|guilty\s+party|(?:one|person|people)\s+(?:responsible|to\s+blame))\s+(?:here\s+)?(?:is|was|are|were))",
        r"|(?P<whoever>whoever)",
        // A person as agent of a graded passive or nominalisation.
        r"|(?P<negby>(?:ignored|overlooked|neglected|disregarded|dismissed|misconfigured|mistyped|misread|mishandled|botched|fumbled|wrong\s+[\w-]+)\s+(?:[\w-]+\s+){0,3}?by)",
        r"|(?P<careby>(?:insufficient|inadequate|poor|little|not\s+enough|lack\s+of|no)\s+(?:care|diligence|caution|rigou?r|attention|thoroughness)\s+(?:by|from|on\s+the\s+part\s+of))",
        r"|(?P<care>(?:insufficient|inadequate)\s+(?:care|diligence|caution))",
        r"|(?P<nomby>(?:mistake|blunder|oversight|screw-?up|wound|slip|lapse|goof|own\s+goal)\s+(?:by|from|on\s+the\s+part\s+of))",
        r"|(?P<bywould>by\s+(?:the\s+|an?\s+|our\s+|their\s+)?[\w-]+(?:\s+[\w-]+)?\s+would\s+have\s+(?:prevented|avoided|caught|stopped|saved|spotted|flagged|detected))",
        // Minimising by effort.
        r"|(?P<allhad>all\s+(?:[\w-]+\s+){0,3}?(?:had|has|have|needed|needs|need)\s+to\s+do\s+(?:was|is|were))",
        r"|(?P<taken>would\s+have\s+taken\s+(?:[\w-]+\s+){1,2}?(?:(?:about|maybe|only|just|like)\s+)?(?:a\s+few|a\s+couple\s+of|two|three|five|ten|one|a|\d+)\s+(?:seconds?|minutes?|mins?|secs?)\s+to)",
        r"|(?P<took>(?:no\s+idea|not\s+sure|don['’]t\s+(?:know|understand|get|see)|can['’]t\s+(?:see|understand)|unclear)\s+(?:why|how)\s+it\s+took\s+(?:them|him|her|you|the\s+\w+)\s+(?:so\s+long|that\s+long|this\s+long|an?|over|more|\d|one|two|three|four|five|six|ten|several|many|hours|ages|forever))",
        // Judgement in idioms and adverbs.
        r"|(?P<how>(?:don['’]t|do\s+not|can['’]t|cannot|couldn['’]t)\s+(?:understand|see|believe|fathom|imagine)\s+how\s+(?:[\w-]+\s+){1,4}?could\s+(?:make|miss|forget|ignore|overlook|do|not|break|skip))",
        r"|(?P<basic>(?:such\s+an?|so)\s+(?:basic|elementary|silly|dumb|stupid|beginner['’]?s?|schoolboy|amateur|obvious|simple)\s+(?:mistake|error|blunder|oversight)|(?:schoolboy|beginner['’]?s?|amateur)\s+(?:mistake|error|blunder))",
        r"|(?P<bother>(?:didn['’]t|did\s+not|never|doesn['’]t|does\s+not|don['’]t|couldn['’]t|wouldn['’]t|won['’]t)\s+(?:even\s+)?bother(?:ed)?\s+(?:to|with|checking|testing|reading|looking)|(?:didn['’]t|did\s+not|never)\s+take\s+the\s+time\s+to)",
        r"|(?P<notime>(?:nobody|no\s+one|no-one|none\s+of\s+(?:us|them|the\s+[\w-]+))\s+(?:(?:on|in|from|of)\s+(?:the\s+)?(?:[\w-]+\s+){1,2}?)?(?:took|had\s+taken|has\s+taken|bothered|cared)\s+(?:the\s+time\s+)?to)",
        r"|(?P<badcode>(?:wrote|writes|write|writing|shipped|ships|pushed|committed|produced)\s+(?:really\s+|such\s+|very\s+)?(?:bad|terrible|awful|crappy|shoddy|sloppy|poor|garbage|lousy|rubbish)\s+(?:code|tests|software|queries|sql|configs?|scripts?|migrations?))",
        r"|(?P<yolo>yolo[- ][a-z]+)",
        r"|(?P<blindly>blindly\s+(?:copied|copy|copying|pasted|followed|trusted|ran|run|applied|accepted|approved|merged|clicked|executed))",
        r"|(?P<doing>no\s+idea\s+what\s+(?:[\w-]+\s+){1,3}?(?:was|were)\s+(?:even\s+)?doing)",
        r"|(?P<ahead>went\s+ahead\s+(?:and\s+)?[a-z]+)",
        // Sarcasm without a blame word.
        r"|(?P<says>nothing\s+says\s+(?:[\w-]+\s+){1,2}?like)",
        r"|(?P<idea>such\s+an?\s+(?:brilliant|great|genius|smart|clever|wonderful|fantastic|excellent|bright|good)\s+(?:idea|plan|move|call|decision|choice))",
        // Light verbs and perfect forms of omissions.
        r"|(?P<light>(?:has|have|had|did|does)\s*(?:not|n['’]t)\s+(?:make|made|do|done|did|perform|performed|carry\s+out|carried\s+out)\s+(?:the|a|any)\s+(?:[\w-]+\s+)?(?:verification|check|checking|checks|backup|test|testing|review|validation|confirmation|handover|hand-over))",
        r"|(?P<forgot>(?:has|have)\s+(?:forgotten|forgot|omitted|neglected)\s+to)",
        r"|(?P<let>let\s+(?:the\s+|a\s+|our\s+)?[\w-]+(?:\s+[\w-]+)?\s+(?:fill|run\s+out|expire|lapse|overflow|go\s+(?:down|stale|unmonitored)|drift|rot|time\s+out))",
        r"|(?P<away>went\s+(?:to\s+lunch|home|offline|off\s+shift|to\s+bed|to\s+sleep|on\s+(?:a\s+)?break)\s+without)",
        r")\b"
    ))
    .unwrap()
});

/// Whether the words after a cleft's "who" tell of harm: something broken,
/// lost, skipped or done wrongly. Word beginnings, so "deleted" and "deleting"
/// count but "failover" and "permission" do not.
fn harm_follows(rest: &str) -> bool {
    // Also the wrong moment ("restarted the primary during the backup") and
    // checks left out ("pushed the unreviewed hotfix").
    const HARM: [&str; 40] = [
        "drop",
        "delet",
        "broke",
        "break",
        "caus",
        "outage",
        "incident",
        "wipe",
        "disabl",
        "remov",
        "forgot",
        "forget",
        "missed",
        "missing",
        "skip",
        "ignor",
        "without",
        "wrong",
        "bad",
        "mistak",
        "typo",
        "crash",
        "corrupt",
        "leak",
        "overwr",
        "truncat",
        "kill",
        "accident",
        "down",
        "failed",
        "failing",
        "during",
        "while",
        "instead",
        "unreview",
        "untest",
        "unapprov",
        "unauthori",
        "unannounc",
        "unchecked",
    ];
    let clause = rest.split(['.', ';', '!', '?']).next().unwrap_or(rest);
    clause
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '\'')
        .any(|w| {
            w.ends_with("n't")
                || w == "not"
                || w == "rm"
                || HARM
                    .iter()
                    .any(|h| w.starts_with(h) && !w.starts_with("downstream"))
        })
}

/// Verbs a cleft or a "who" may credit rather than blame ("it was Priya who spotted").
fn credits(w: &str) -> bool {
    matches!(
        w,
        "spotted"
            | "noticed"
            | "caught"
            | "found"
            | "fixed"
            | "saved"
            | "raised"
            | "flagged"
            | "paged"
            | "escalated"
            | "suggested"
            | "helped"
            | "resolved"
            | "restored"
            | "recovered"
            | "discovered"
            | "reported"
            | "led"
            | "coordinated"
            | "identified"
            | "diagnosed"
            | "figured"
            | "warned"
            | "alerted"
            | "rescued"
            | "stepped"
            | "solved"
            | "proposed"
            | "pointed"
            | "first"
            | "remembered"
            | "kept"
    )
}

/// A past-tense verb: regular, an irregular participle or a common simple past.
fn past(w: &str) -> bool {
    is_participle(w)
        || matches!(
            w,
            "ran" | "did" | "wrote" | "gave" | "broke" | "took" | "forgot" | "drove" | "chose"
        )
}

/// People, a name we do not know, or an anonymised role ("Dev A", "Engineer 2").
fn people(a: &Agent) -> bool {
    let mut words = a.text.split_whitespace();
    let role_label = words
        .next()
        .is_some_and(|w| crate::lexicon::ROLE_NOUNS.contains(w.to_ascii_lowercase().as_str()))
        && words.next().is_some_and(|w| {
            w.len() <= 2
                && w.chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        });
    a.kind.is_people() || a.maybe_name || role_label
}

fn np_people(doc: &Doc, toks: &[Tok], offset: usize) -> Option<Agent> {
    let (a, _) = np_after(toks, tok_at(toks, offset), &doc.names());
    people(&a).then_some(a)
}

fn word_after<'a>(toks: &'a [Tok], offset: usize) -> &'a str {
    toks.get(tok_at(toks, offset))
        .map_or("", |t| t.norm.as_str())
}

pub fn scan(doc: &Doc, out: &mut Vec<Hit>) {
    let names = doc.names();
    for (c, r, toks) in doc.matches(&CUES) {
        let m = c.get(0).unwrap();
        let i = tok_at(toks, m.start());
        let sentence = &doc.masked[r.clone()];
        let lower = sentence.to_ascii_lowercase();
        let g = |n: &str| c.name(n).is_some();
        let subject = || subject_of(toks, i, &names);
        let hit: Option<(Rule, Agent)> = if g("hind") {
            (!negated_before(toks, i, 2)).then(|| (Rule::Hindsight, Agent::unknown()))
        } else if g("rhet") {
            // "Wasn't it obvious that …?": the negation asks for agreement.
            Some((Rule::Hindsight, Agent::unknown()))
        } else if g("never") {
            ["knew", "warned", "told", "ignored"]
                .iter()
                .any(|w| {
                    lower
                        .split(|ch: char| !ch.is_alphanumeric())
                        .any(|x| x == *w)
                })
                .then(|| (Rule::Hindsight, Agent::unknown()))
        } else if g("demand") || g("whoeven") {
            let next = word_after(toks, m.end());
            // "We want the person who wrote the runbook to review it": a request for
            // help, unless it asks for a name or for "whoever".
            let said = m.as_str().to_ascii_lowercase();
            let asks_name = ["name", "whoever", "identify"]
                .iter()
                .any(|w| said.contains(w));
            let request = g("demand") && lower[m.end() - r.start..].contains(" to ");
            (past(next) && (asks_name || !request))
                .then(|| (Rule::CulpritQuestion, Agent::unknown()))
        } else if g("cleft") {
            let next = word_after(toks, m.end());
            let start = m.start() + m.as_str().find(char::is_whitespace).unwrap_or(0);
            let who = tok_at(toks, start) + 1;
            let (a, _) = np_after(toks, who, &names);
            // A cleft singles out who did something; it blames when what they
            // did went wrong ("it was the intern who ran the DROP TABLE"), and
            // only introduces them otherwise ("it was Dave who ran the drill").
            let harm = harm_follows(&lower[m.end() - r.start..]);
            (people(&a) && harm && !credits(next) && !lower.contains("thank"))
                .then_some((Rule::PersonAsCause, a))
        } else if g("resp") {
            np_people(doc, toks, m.end())
                .filter(|_| word_after(toks, m.end()) != "not")
                .map(|a| (Rule::PersonAsCause, a))
        } else if g("whoever") {
            // "whoever wrote that runbook has never been on call": mocking whoever
            // did it. "Whoever is on call acknowledges" is a duty, not a person.
            let rest = &lower[m.end() - r.start..];
            let next = word_after(toks, m.end());
            let verdict = [
                " has never ",
                " had never ",
                " clearly ",
                " obviously ",
                " should ",
                " shouldn't ",
                " didn't ",
                " doesn't ",
                " did not ",
                " does not ",
                " must have ",
                " needs to ",
                " owes ",
                " deserves ",
            ]
            .iter()
            .any(|v| {
                rest.split(['.', ';', '!', '?'])
                    .next()
                    .unwrap_or("")
                    .contains(v)
            });
            (past(next) && verdict).then(|| (Rule::Judgement, Agent::unknown()))
        } else if g("negby") || g("careby") || g("nomby") {
            let rule = if g("careby") {
                Rule::Judgement
            } else {
                Rule::PersonAsCause
            };
            np_people(doc, toks, m.end()).map(|a| (rule, a))
        } else if g("care") {
            Some((Rule::Judgement, Agent::unknown()))
        } else if g("bywould") {
            let (a, _) = np_after(toks, i + 1, &names);
            people(&a).then_some((Rule::CounterfactualPerson, a))
        } else if g("allhad") {
            // "All the on-call had to do was …"; not "all we had to do was wait" (our
            // own plan) and not "all the script had to do was exit non-zero".
            let who = word_after(toks, m.start() + 4);
            let verb = (i..tok_at(toks, m.end()))
                .find(|&k| {
                    matches!(
                        toks[k].norm.as_str(),
                        "had" | "has" | "have" | "needed" | "needs" | "need"
                    )
                })
                .unwrap_or(i);
            let a = subject_of(toks, verb, &names);
            (people(&a) && !matches!(who, "we" | "i")).then_some((Rule::Minimising, a))
        } else if g("taken") {
            let after = m.start() + "would have taken ".len();
            np_people(doc, toks, after).map(|a| (Rule::Minimising, a))
        } else if g("took") || g("how") || g("basic") || g("says") || g("yolo") {
            let rule = if g("took") {
                Rule::Minimising
            } else {
                Rule::Judgement
            };
            Some((rule, Agent::unknown()))
        } else if g("bother") || g("badcode") || g("blindly") {
            let a = subject();
            people(&a).then_some((Rule::Judgement, a))
        } else if g("notime") {
            Some((Rule::Judgement, Agent::unknown()))
        } else if g("doing") {
            let at = m.start() + m.as_str().to_ascii_lowercase().find(" what ").unwrap_or(0) + 6;
            np_people(doc, toks, at).map(|a| (Rule::Judgement, a))
        } else if g("ahead") {
            let defiant = [
                "anyway",
                "regardless",
                "despite being",
                "despite the warning",
                "despite warnings",
                "despite repeated",
                "against advice",
            ]
            .iter()
            .any(|w| lower.contains(w));
            let a = sentence_subject(toks, &names);
            (defiant && people(&a)).then_some((Rule::Judgement, a))
        } else if g("idea") {
            // Praise turns sarcastic with a sneer around it: "Sure, because …",
            // an eye-roll, or the person named at the end.
            let first = toks.first().map_or("", |t| t.norm.as_str());
            let sneer = matches!(first, "sure" | "yeah" | "oh" | "wow" | "right" | "great")
                || lower.contains("because")
                || sentence.contains('🙄')
                || toks.iter().rev().find(|t| t.word).is_some_and(|t| {
                    t.capitalised()
                        && (names.contains(&t.norm) || crate::names::is_common_name(&t.norm))
                });
            sneer.then(|| (Rule::Judgement, Agent::unknown()))
        } else if g("light") || g("forgot") {
            let a = subject();
            people(&a).then_some((Rule::CounterfactualPerson, a))
        } else if g("let") || g("away") {
            // "We let the old certificate expire on purpose" is a decision, told.
            let decided = [
                "on purpose",
                "deliberately",
                "intentionally",
                "as planned",
                "by design",
            ]
            .iter()
            .any(|w| lower.contains(w));
            let a = subject();
            (people(&a) && !decided).then_some((Rule::PersonAsCause, a))
        } else {
            None
        };
        if let Some((rule, agent)) = hit {
            out.push(Hit::warning(rule, m.start(), m.end(), agent.text));
        }
    }
}
