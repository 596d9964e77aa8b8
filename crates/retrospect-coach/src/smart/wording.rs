//! S (specific) and M (measurable) from the wording of an action, plus the two
//! non-SMART axes: weak actions ("be more careful") and actions aimed at a person
//! ("retrain Dave").

use regex::Regex;
use std::collections::HashSet;
use std::sync::LazyLock;

/// Relies on people trying harder: fails S and M.
static WEAK: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(concat!(
        r"(?i)\b(?:(?:be|being|to\s+be|are|is|stay|remain)\s+(?:more\s+|extra\s+|very\s+)?(?:careful|vigilant|diligent|attentive|cautious|mindful|aware|alert|focused)|more\s+careful(?:ly)?|(?:pay|paying)\s+(?:more\s+|closer\s+|extra\s+|better\s+)?attention|remind(?:er|ers|ing|ed)?\b|double[- ]?check(?:s|ing|ed)?|triple[- ]?check|raise\s+awareness|(?:increase|improve)\s+awareness",
        r"|try\s+(?:harder|to\s+remember|to\s+be|not\s+to)|take\s+(?:more\s+|extra\s+)?care|keep\s+in\s+mind|remember\s+to|don['’]?t\s+forget|be\s+sure\s+to|think\s+twice|communicate\s+(?:better|more)|re-?emphasi[sz]e|reiterate|re-?educate",
        r"|make\s+(?:people|everyone|everybody|the\s+(?:[\w-]+\s+)?team|engineers|developers|devs|staff|on-?call(?:\s+engineers)?)\s+(?:more\s+)?aware|(?:tell|ask|encourage|educate|instruct|get|have)\s+(?:everyone|everybody|the\s+(?:[\w-]+\s+)?team|people|all\s+\w+|engineers|developers|devs|staff|on-?call(?:\s+engineers)?|responders)|(?:re-?train|retrain|train)\s+(?:everyone|the\s+team|all|engineers|developers|devs|staff|people|on-?call)|send\s+(?:an?\s+|out\s+an?\s+)?(?:email|message|note|slack|memo|announcement)",
        r"|(?:more|extra)\s+(?:manual\s+)?(?:care|caution|vigilance|diligence|attention)|(?:slow\s+down|go\s+slower)|read\s+(?:the\s+)?(?:runbook|docs|documentation)\s+(?:more\s+)?carefully",
        // Stances and talks, not changes: "take ownership of", "have a conversation
        // about", "reinforce the importance of", "do better testing".
        r"|take\s+(?:more\s+|full\s+|real\s+)?ownership\s+of|(?:have|hold)\s+an?\s+(?:\w+\s+)?(?:conversation|discussion|talk|chat)\s+(?:about|on|around|regarding)|reinforce\s+(?:the\s+)?(?:importance|need|value|message|culture|expectation)|(?:do|perform)\s+(?:better|more|proper|more\s+thorough)\s+(?:testing|tests|reviews?|code\s+reviews?|checks|qa))\b"
    ))
    .unwrap()
});

/// Aimed at an individual: fails S, M and R.
pub(crate) static AT_PERSON: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(concat!(
        r"(?i)\b(?:disciplinary|disciplined|disciplining|discipline\s+(?:the|him|her|them|those|anyone|everyone|someone|whoever|(?-i:[A-Z][a-z]+)|@\w+)|reprimand(?:ed)?|written\s+warning|formal\s+warning|final\s+warning|performance\s+(?:improvement\s+plan|plan|conversation|warning)|(?:his|her|their)\s+performance\s+review|(?-i:\bPIPs?\b)|(?:be|been|being|are|is|was|were)\s+held\s+(?:personally\s+)?(?:accountable|responsible)|put\s+\w+\s+on\s+(?:a\s+)?(?:pip|probation)|probation|hold\s+(?:\w+\s+){1,3}?(?:personally\s+)?accountable|consequences\s+for|fire\s+(?:him|her|them|the\s+(?:engineer|developer|intern|contractor|person|admin|operator))\b|let\s+(?:him|her|them)\s+go\b|(?:write|wrote)\s+\w+\s+up\b",
        r"|(?:re-?train|train|coach|counsel|mentor|supervise|warn|talk\s+to|talk\s+with|(?:provide|give|send)\s+(?:some\s+|direct\s+|clear\s+)?feedback\s+to|check\s+in\s+with|follow\s+up\s+with|speak\s+(?:to|with)|(?:have|hold)\s+an?\s+(?:word|talk|chat|conversation|1:1|one-on-one|serious\s+talk)\s+with|sit\s+down\s+with|write\s+up|remove|revoke|restrict|pair)\s+(@?[A-Za-z][\w'’-]*(?:\s+[\w'’-]+){0,3}))"
    ))
    .unwrap()
});

/// "Give Hiroshi feedback": feedback to an individual is a people action.
pub(crate) static FEEDBACK_TO: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(r"(?i)\bgive\s+(@?[A-Za-z][\w'’-]*(?:\s+[a-z-]+)?)\s+(?:some\s+|direct\s+)?(?:feedback|a\s+warning|a\s+talking)").unwrap()
});

/// Vigilance asked of one person ("make sure Priya checks…"): a weak action.
static VIGILANCE_AT: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(r"(?i)\b(?:remind|ask|tell|make\s+sure|ensure|get|have|encourage|instruct)\s+(@?[A-Za-z][\w'’-]*(?:\s+[\w'’-]+){0,3})").unwrap()
});

/// Lead verbs that name an activity, not an outcome.
static VAGUE_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(concat!(
        r"(?i)^(?:(?P<improve>improve|enhance|better|make\s+(?:[\w-]+\s+){1,3}?(?:more|less|better|safer|easier|faster|simpler|smoother|clearer)|optimi[sz]e|strengthen|harden|streamline|tighten|bolster|beef\s+up|level\s+up|rethink|revamp|modernise|modernize|refine|polish|mature|upgrade\s+our|work\s+on|address|tackle|deal\s+with|(?:add|improve|increase|provide|create|get)\s+(?:more\s+|better\s+|some\s+)?(?:observability|visibility|insight|insights|transparency|awareness)|clean\s+up|tidy\s+up|sort\s+out|rationali[sz]e|overhaul|refresh|rework|revise|prevent|avoid|stop|reduce\s+the\s+(?:risk|likelihood|chance)|mitigate)",
        r"|(?P<investigate>(?:conduct|do|perform|hold|carry\s+out|run|schedule|start|kick\s+off)\s+(?:an?\s+|the\s+)?(?:\w+\s+)?(?:review|investigation|analysis|audit|assessment|evaluation|retrospective|retro|discussion|deep[- ]dive|study|survey|brainstorm|post-?mortem)|work\s+with|partner\s+with|check\s+with|consult(?:\s+with)?|collaborate\s+with|engage(?:\s+with)?|reach\s+out\s+to|liaise\s+with|coordinate\s+with|investigate|look\s+into|look\s+at|explore|research|consider|think\s+about|discuss|evaluate|assess|study|understand|figure\s+out|revisit|analy[sz]e|brainstorm|dig\s+into|check\s+(?:on|into|whether|if)|talk\s+about|review|audit|follow\s+up|sync|align|find\s+(?:a\s+way|out|ways)|see\s+(?:if|whether)|determine|scope|explore\s+options|decide|validate\s+whether|spike|triage|reassess|re-evaluate|reevaluate)",
        r"|(?P<ensure>ensure|make\s+sure|guarantee|confirm\s+that|verify\s+that)",
        r"|(?P<monitor>(?:continue|keep)\s+(?:to\s+)?(?:monitor|watch|track|observe|review)(?:ing)?|keep\s+(?:the\s+|our\s+|all\s+)?(?:[\w-]+\s+){0,3}?(?:up\s+to\s+date|up-to-date|current|in\s+sync|updated|tidy|clean|healthy)|maintain|monitor|keep\s+an\s+eye\s+on|keep\s+track\s+of|watch|track|observe|keep\s+monitoring))\b"
    ))
    .unwrap()
});

/// A follow-up clause that turns an investigation into a deliverable.
static DELIVERABLE: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(r"(?i)\b(?:and|then|to|so\s+we\s+can)\s+(?:add|create|write|implement|file|publish|document|produce|update|fix|remove|replace|deliver|ship|open|propose|build|enable|disable|set|configure|deploy|migrate|delete|rotate|pin|raise|lower|cap|record|present|share|decide|choose|pick|adopt|turn)\b|\b(?:with|into|as)\s+an?\s+(?:written\s+)?(?:proposal|decision|recommendation|rfc|adr|design\s+doc|ticket|plan|list)\b|\bwrite\s+up\b|\b(?:by|via|using|through)\s+(?:adding|introducing|enforcing|an?)\s+\w+").unwrap()
});

static LEAD_FILLER: LazyLock<Regex> = LazyLock::new(|| {
    // List markers, "[ ]" boxes, ticket keys ("INFRA-881", "[PLAT-12]:"), labels
    // ("TODO:", "Action:", "Follow-up:") and "we will …" before the verb.
    crate::text::compile(r"(?i)^(?:\s*(?:\[\s*[x ]?\s*\]|[-*+]|\d+[.)]|(?-i:\[?[A-Z][A-Z0-9]+-\d+\]?):?|jira:|ticket:|todo:?|action(?:\s+item)?:?|ai:?|follow[- ]?ups?:|we\s+(?:will|should|must|need\s+to|'ll|can)|we['’]ll|(?:we|i)\s+(?:want|plan)\s+to|need\s+to|needs\s+to|should|must|please|let['’]?s|going\s+to|to)\s+)+").unwrap()
});

/// Something checkable: a number, a threshold, a trigger, an outcome clause.
static CHECKABLE: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(concat!(
        r"(?i)[<>≤≥]=?\s*\d|\d\s*%|\b\d+(?:[.,]\d+)?\s*(?:ms|s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|days?|weeks?|months?|x|times|rps|qps|reqs?|requests|gb|mb|kb|tb|gib|mib|connections?|nodes?|replicas?|pods?|instances?|errors?|pages?|alerts?|retries|attempts|failures|concurrent|per|consecutive|percent|k|m)\b|\b\d{1,2}:\d{2}\b|\b(?:to|from|under|below|above|over|at\s+least|at\s+most|within|than|exceeds?|every)\s+(?:version\s+|v)?\d|\b(?:so\s+that|such\s+that|until|unless|whenever|once|instead\s+of|rather\s+than|within|at\s+least|at\s+most|no\s+more\s+than|no\s+later|exceeds?|above|below|under|over|fewer\s+than|less\s+than|more\s+than|greater\s+than)\b",
        r"|\b(?:fires?|pages?|alerts?|fails?|blocks?|rejects?|exits?|errors?|warns?|triggers?|returns?|refuses?|stops?|aborts?|halts?)\s+(?:when|if|whenever|before|after|non-zero|nonzero|on\s+(?:any\s+)?(?:failure|failures|error|errors))\b|\b(?:ci|presubmit|pre-?commit|pre-?merge)\s+(?:test|check|gate)s?\b|\b(?:fails?|blocks?|rejects?|stops?|breaks?)\s+(?:the\s+)?(?:ci|build|builds|deploy|deploys|pipeline|merge|merges|release)\s+(?:when|if|whenever)\b|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|twice)\s+(?:[a-z-]+\s+)?(?:shifts?|weeks?|days?|hours?|minutes?|runs?|times|retries|attempts|replicas?|nodes?|approv(?:als?|ers?)|reviewers?)\b|\b\d+\s+(?:more|extra|additional|new|missed|failed|consecutive)\s+[a-z]+",
        r"|\b(?:done\s+when|verified\s+by|confirmed\s+by|measured\s+by|tested\s+by|proven\s+by|as\s+shown\s+by|demonstrated\s+by)\b|`"
    ))
    .unwrap()
});

/// A trial named after the change: "…; test with a dummy freeze", "… and have a
/// second engineer follow it successfully in staging". The trial is the done state.
static TRIAL: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(r"(?i)[;,]\s*(?:then\s+)?(?:test|verify|confirm|check|prove|demonstrate|rehearse)\s+(?:it\s+|this\s+|them\s+)?(?:with|by|in|on|against|using|through)\b|\b(?:and|then)\s+(?:have|get|ask)\s+(?:a|another|one)\s+(?:second\s+|other\s+|different\s+|new\s+)?[\w-]+\s+(?:to\s+)?\w+\s+(?:it|them|the\s+\w+)\s+(?:\w+\s+)?successfully\b").unwrap()
});

/// Rework verbs: "refactor the retry module", "upgrade the client library" say what
/// gets worked on, not where it ends. A target ("to 3.7", "to the new scheduler",
/// "off the v1 endpoint") or any follow-on clause gives the end state.
static OPEN_REWORK: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(r"(?i)^(?:refactor|rewrite|rework|restructure|upgrade|update|migrate|modernise|modernize|port|redesign|re-architect|rearchitect)\b").unwrap()
});

/// Words after a rework verb that name its end state or a follow-on clause.
static REWORK_TARGET: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(r"(?i)\d|[,;:(]|\b(?:to|from|into|onto|off|away|so|with|without|and|by|until|using|via|behind|in\s+(?:rust|go|java|python|typescript)|as)\b").unwrap()
});

/// Capabilities rather than artifacts: nobody can tell when "monitoring" is done.
static CAPABILITY: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(r"(?i)^(?:add|set\s+up|implement|introduce|enable|build|create|improve|expand|extend)\s+(?:more\s+|better\s+|some\s+|additional\s+|basic\s+|proper\s+)?(?:monitoring|alerting|observability|visibility|logging|tracing|instrumentation|telemetry|metrics|insight)\b").unwrap()
});

/// Absolute goals: no action can achieve them, and nobody can confirm them done.
static NEVER_AGAIN: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(r"(?i)\b(?:never\s+(?:happens?|occurs?|recurs?)\s+again|never\s+again|(?:this|it)\s+(?:doesn['’]t|does\s+not|won['’]t|will\s+not|cannot|can['’]t)\s+(?:happen|recur|occur)\s+again|eliminate\s+all|prevent\s+all|get\s+rid\s+of\s+(?:all|every)|(?:prevent|avoid|stop)\s+(?:all|any|every)\s+(?:future\s+)?(?:outages?|incidents?|failures?|errors?|issues?|problems?)|zero\s+(?:incidents|outages|downtime|errors|bugs|failures)|100%\s+(?:uptime|availability|reliable|safe))\b").unwrap()
});

/// Open-ended goals: "prevent this from happening again" states a hope, not a result.
static OPEN_GOAL: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(
        r"(?i)\b(?:prevent|avoid|stop)\s+(?:this|it|that|recurrence|similar|a\s+repeat)\b",
    )
    .unwrap()
});

static ESCAPE_HATCH: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(r"(?i)\b(?:when\s+possible|where\s+possible|if\s+possible|as\s+needed|if\s+needed|when\s+needed|where\s+appropriate|as\s+appropriate|when\s+appropriate|if\s+time\s+permits|when\s+time\s+allows|going\s+forward|on\s+an\s+ongoing\s+basis|ongoing|continuously|continually|from\s+now\s+on|in\s+the\s+future|as\s+much\s+as\s+possible|where\s+(?:it\s+)?(?:makes\s+sense|needed|necessary|relevant|feasible)|(?:if|when)\s+(?:it\s+)?(?:makes\s+sense|necessary|feasible)|best\s+effort|regularly|periodically|more\s+often|more\s+frequently)\b").unwrap()
});

static COMPARATIVE: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(r"(?i)\b(?:more|better|faster|fewer|less|stronger|closer|clearer|quicker|sooner|earlier|safer|smarter|higher|lower|bigger|smaller|tighter|greater)\b").unwrap()
});

/// Verbs whose result is a thing you can point at or a state you can check.
static CONCRETE_VERB: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(r"(?i)^(?:add|create|write|publish|build|implement|enable|disable|configure|set|set\s+up|install|introduce|automate|document|remove|delete|drop|migrate|replace|rotate|upgrade|downgrade|pin|rename|revert|decommission|deprecate|retire|split|merge|move|block|require|enforce|restrict|revoke|fix|patch|backfill|schedule|run|deploy|roll\s+out|ship|turn\s+on|turn\s+off|switch|convert|extend|expire|cap|limit|gate|wire|route|page|alert|tag|label|encrypt|archive|backport|open|file|link|lock|freeze|make|change|update|correct|raise|lower|increase|decrease|reduce|shorten|lengthen|bump|separate|isolate|shard|partition|replicate|add\s+back|restore|test|load[- ]test|rewrite|refactor|restructure|port|swap|adopt|standardi[sz]e|consolidate|centrali[sz]e|publish|expose|emit|instrument|log|record|store|validate|lint|check|verify|reject|deny|allow|grant|remap|redirect|throttle|rate[- ]limit|debounce|dedupe|deduplicate|cache|precompute|prewarm|pre-warm|warm|preload|cordon|drain|tune|hold|host|run|conduct|perform|draft|define|assign|appoint|create|put|attach|mount|provision|resize|scale|autoscale|upsize|downsize|purchase|buy|renew|register|subscribe|unsubscribe|mute|silence|delegate|hand\s+over|transfer|share|send|notify|email)\b").unwrap()
});

/// Verbs whose object gets bigger/smaller: measurable only with a target.
static DIRECTIONAL: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(r"(?i)^(?:raise|lower|increase|decrease|reduce|shorten|lengthen|bump|tune|speed\s+up|slow\s+down|minimi[sz]e|maximi[sz]e|scale|resize|upsize|downsize|extend|tighten|loosen|expand|grow|shrink|cut|add\s+(?:more\s+|extra\s+)?(?:capacity|headroom|resources|memory|cpu|nodes|replicas|instances|workers|servers|disk\s+space|storage))\b").unwrap()
});

/// Generic nouns that do not name a concrete thing on their own.
/// Generic nouns and modifiers that do not name a concrete thing on their own:
/// process words, qualities, references back to the incident, bare artifacts ("an
/// alert" — on what?), kinds of test, and burdens to reduce ("toil").
static VAGUE_WORDS: LazyLock<HashSet<&str>> = LazyLock::new(|| {
    concat!(
        "things thing stuff process processes procedures procedure practices practice documentation ",
        "docs communication communications monitoring alerting testing tests observability ",
        "reliability quality stability resilience security visibility it this that issue issues ",
        "problem problems incident incidents outage outages tooling coverage situation workflow ",
        "workflows handling response awareness culture ownership collaboration coordination ",
        "knowledge understanding everything performance robustness safety checks guardrails ",
        "safeguards controls automation runbooks dashboards alerts metrics logging logs ",
        "infrastructure systems system code bugs errors failures gaps areas risks risk way ways ",
        "approach setup hygiene health our the a an some more better all any general overall ",
        "related relevant appropriate proper existing current various additional extra similar same ",
        "other of and for around in on to with its their team team's kind kinds class type types ",
        "future such these those needed necessary where when possible going forward again etc ",
        "deploy deploys deployments release releases changes change policy policies process's ",
        "caused causing led happened during from after before last recent recently which whatever ",
        "root cause causes robust resilient reliable stable safe safer secure faster easier simpler ",
        "smoother efficient scalable clearer good alert test check dashboard runbook monitor doc ",
        "document ticket playbook metric unit integration end-to-end e2e regression smoke load new ",
        "messages message names naming defaults comments descriptions labels error learnings lessons learned findings takeaways insights knowledge toil noise friction complexity debt technical tech overhead confusion pain waste  ",
        "downtime mttr mttd  capacity headroom resources retries retry timeouts timeout backoff ",
        "caching validation redundancy failover ",
        // "Write a script", "Fix the bug", "Add tracing", "Write down what we learned".
        "bug script tool tools guide plan fix tracing instrumentation telemetry down what we ",
    )
    .split_whitespace()
    .collect()
});

pub struct Wording {
    pub weak: Option<String>,
    pub at_person: Option<String>,
    pub vague_lead: Option<(&'static str, String)>,
    pub vague_object: bool,
    pub checkable: bool,
    pub never_again: Option<String>,
    /// "add monitoring for X": a capability with no threshold or trigger.
    pub capability: Option<String>,
    pub open_goal: Option<String>,
    pub escape_hatch: Option<String>,
    pub comparative: Option<String>,
    pub concrete_verb: bool,
    pub directional: bool,
    /// "Refactor the retry logic": a rework verb with no end state.
    pub open_rework: Option<String>,
}

/// Strips list markers, "we will" and "Dave to" so the lead verb comes first.
pub fn core(text: &str, is_name: impl Fn(&str) -> bool) -> &str {
    let mut t = text.trim();
    t = LEAD_FILLER.find(t).map_or(t, |m| &t[m.end()..]).trim();
    // "Dave to add …", "Priya will write …": the owner prefix is not the verb.
    let mut words = t.splitn(3, ' ');
    if let (Some(w1), Some(w2), Some(rest)) = (words.next(), words.next(), words.next()) {
        let lead_is_name = w1.starts_with('@')
            || (w1.chars().next().is_some_and(char::is_uppercase) && is_name(w1));
        if lead_is_name && matches!(w2, "to" | "will" | "should" | "must" | "can") {
            t = LEAD_FILLER
                .find(rest)
                .map_or(rest, |m| &rest[m.end()..])
                .trim();
        }
    }
    t
}

fn is_vague_object(rest: &str) -> bool {
    let words: Vec<String> = rest
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    // "the deploy script", "the billing job": a modifier names which artifact.
    let named_artifact = words.windows(3).any(|w| {
        w[0] == "the"
            && !VAGUE_QUALIFIERS.contains(w[1].as_str())
            && matches!(
                w[2].as_str(),
                "script" | "tool" | "job" | "pipeline" | "service" | "cli" | "endpoint" | "worker"
            )
    });
    !named_artifact && words.iter().all(|w| VAGUE_WORDS.contains(w.as_str()))
}

/// Modifiers that do not say which artifact: "the related script", "the new tool".
static VAGUE_QUALIFIERS: LazyLock<HashSet<&str>> = LazyLock::new(|| {
    "related relevant appropriate proper existing current various additional extra similar same other new more better all any general overall future such these those needed necessary our their its this that which"
        .split_whitespace()
        .collect()
});

pub fn analyse(text: &str, person_at: impl Fn(&str) -> bool) -> Wording {
    let c = core(text, &person_at);
    let first = |re: &Regex| re.find(text).map(|m| m.as_str().to_string());
    let at_person = AT_PERSON
        .captures_iter(text)
        .chain(FEEDBACK_TO.captures_iter(text))
        .find_map(|cap| {
            let whole = cap.get(0)?.as_str().to_string();
            match cap.get(1) {
                // "will give you feedback on the draft" is an offer, not a remedy.
                Some(target) if is_reader(target.as_str()) => None,
                Some(target) if person_at(target.as_str()) => Some(whole),
                Some(_) => None,
                None => Some(whole),
            }
        });
    let vague_lead = VAGUE_LEAD.captures(c).and_then(|cap| {
        let class = ["improve", "investigate", "ensure", "monitor"]
            .into_iter()
            .find(|n| cap.name(n).is_some())?;
        Some((class, cap.get(0)?.as_str().to_string()))
    });
    let verb_len = CONCRETE_VERB.find(c).map_or(0, |m| m.end());
    let lead_len = vague_lead.as_ref().map_or(verb_len, |(_, v)| v.len());
    let rest = c.get(lead_len..).unwrap_or("");
    let trial = TRIAL.is_match(text);
    let open_rework = OPEN_REWORK.find(c).and_then(|m| {
        (!REWORK_TARGET.is_match(&c[m.end()..])).then(|| c.trim_end_matches('.').to_string())
    });
    let vigilance_at_person = VIGILANCE_AT
        .captures_iter(text)
        .filter(|_| !trial)
        .find_map(|cap| {
            let target = cap.get(1)?;
            person_at(target.as_str()).then(|| cap.get(0).map(|m| m.as_str().to_string()))?
        });
    Wording {
        // "remind Dave", "make sure the engineer…": vigilance asked of a person.
        weak: first(&WEAK).or(vigilance_at_person),
        at_person,
        vague_object: is_vague_object(rest),
        vague_lead,
        checkable: trial || CHECKABLE.is_match(text),
        never_again: first(&NEVER_AGAIN),
        capability: CAPABILITY.find(c).map(|m| m.as_str().to_string()),
        open_goal: first(&OPEN_GOAL),
        escape_hatch: first(&ESCAPE_HATCH),
        // Only a comparative on the object counts ("add better error messages");
        // "so that on-call is paged faster" is an outcome clause.
        comparative: rest
            .split_whitespace()
            .take(4)
            .find(|w| COMPARATIVE.is_match(w))
            .map(str::to_string),
        concrete_verb: verb_len > 0,
        directional: DIRECTIONAL.is_match(c),
        open_rework,
    }
}

/// "you", "us", "me": the reader or the writers, not a person to remediate.
pub(crate) fn is_reader(target: &str) -> bool {
    let first = target.split_whitespace().next().unwrap_or("");
    matches!(
        first.to_ascii_lowercase().as_str(),
        "you" | "us" | "me" | "yourself"
    )
}

/// True when the text goes on to name a deliverable ("… and add an alert").
pub fn has_deliverable(text: &str) -> bool {
    DELIVERABLE.is_match(text)
}
