//! A (assignable): exactly one named person owns the action. A team, "everyone",
//! "TBD" or two names means nobody in particular does.

/// Why an owner does not count, or `None` when it names one person.
pub fn problem(owner: Option<&str>) -> Option<&'static str> {
    let Some(o) = owner.map(str::trim).filter(|o| !o.is_empty()) else {
        return Some("no owner is set");
    };
    // "Priya (SRE)": the role in brackets describes the person.
    let core = o.split('(').next().unwrap_or(o).trim();
    let core = if core.is_empty() { o } else { core };
    let lower = core.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || matches!(c, '@' | '(' | ')' | '-' | '_' | '.'))
        .filter(|w| !w.is_empty())
        .collect();
    const NOBODY: &[&str] = &[
        "tbd",
        "tbc",
        "n/a",
        "na",
        "none",
        "nobody",
        "unassigned",
        "unknown",
        "?",
        "??",
        "todo",
        "null",
        "-",
        "someone",
        "anyone",
        "whoever",
        "volunteer",
    ];
    if NOBODY.contains(&lower.as_str()) || lower.chars().all(|c| !c.is_alphanumeric()) {
        return Some("the owner is not decided yet");
    }
    const GROUPS: &[&str] = &[
        "team",
        "teams",
        "everyone",
        "everybody",
        "all",
        "squad",
        "group",
        "crew",
        "org",
        "guild",
        "dept",
        "department",
        "eng",
        "engineering",
        "ops",
        "sre",
        "sres",
        "devops",
        "infra",
        "infrastructure",
        "platform",
        "oncall",
        "on-call",
        "management",
        "leads",
        "leadership",
        "staff",
        "folks",
        "people",
        "devs",
        "developers",
        "engineers",
        "us",
        "we",
        "they",
        "security",
        "secops",
        "netops",
        "dba",
        "dbas",
        "qa",
        "support",
        "backend",
        "frontend",
        "mobile",
        "product",
        "networking",
        "rotation",
        "committee",
        "board",
        "council",
        "owners",
        "maintainers",
    ];
    // "@sre-lead", "ops manager": the lead of a group is one person.
    let single_role = words.last().is_some_and(|w| {
        matches!(
            *w,
            "lead"
                | "manager"
                | "head"
                | "director"
                | "owner"
                | "captain"
                | "commander"
                | "chief"
                | "ic"
                | "vp"
                | "cto"
        )
    });
    // "on-call", "night shift", "weekend rota": whoever is on duty, not one person.
    let duty = lower.contains("on-call")
        || lower.contains("on call")
        || words
            .iter()
            .any(|w| matches!(*w, "shift" | "shifts" | "rota" | "rotation" | "duty"));
    if duty && !single_role {
        return Some(
            "the owner is a rotation or shift, so it changes hands before the action is done",
        );
    }
    if !single_role && words.iter().any(|w| GROUPS.contains(w)) {
        return Some("the owner is a group, and a group action tends to be nobody's");
    }
    // A one-word owner that names an area is a team ("Payments", "Billing").
    const AREAS: &[&str] = &[
        "payments",
        "billing",
        "checkout",
        "search",
        "data",
        "ml",
        "growth",
        "identity",
        "auth",
        "core",
        "web",
        "api",
        "ios",
        "android",
        "design",
        "marketing",
        "sales",
        "legal",
        "finance",
        "hr",
        "it",
        "helpdesk",
        "noc",
        "soc",
        "devex",
        "tooling",
        "release",
        "releng",
        "storage",
        "network",
        "compute",
        "cloud",
        "database",
        "databases",
        "observability",
        "monitoring",
    ];
    if words.len() == 1 && AREAS.contains(&words[0]) {
        return Some("the owner is a group, and a group action tends to be nobody's");
    }
    let several = lower.contains(" and ")
        || lower.contains('&')
        || lower.contains(',')
        || lower.contains(';')
        || lower.contains('+')
        || (lower.contains('/') && !lower.contains("://"))
        || o.matches('@').count() > 1;
    if several {
        return Some("several people share it, so it is unclear who drives it");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owners() {
        for ok in [
            "Dave",
            "Priya (SRE)",
            "@priya",
            "priya@example.com",
            "Priya Raman",
            "María José",
        ] {
            assert_eq!(problem(Some(ok)), None, "{ok}");
        }
        for bad in [
            None,
            Some(""),
            Some("team"),
            Some("everyone"),
            Some("all"),
            Some("TBD"),
            Some("Alice and Bob"),
            Some("Alice, Bob"),
            Some("@sre-team"),
            Some("Platform team"),
            Some("SRE"),
            Some("Alice/Bob"),
        ] {
            assert!(problem(bad).is_some(), "{bad:?}");
        }
    }
}
