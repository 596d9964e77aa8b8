//! What a heading means: the conventional post-mortem headings and the
//! synonyms other templates use, compared case-insensitively.

use retrospect_domain::LessonKind;

/// The part of a post-mortem a section holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    Summary,
    Impact,
    Timeline,
    Evidence,
    LogPatterns,
    RootCauses,
    Lessons(Option<LessonKind>),
    ActionItems,
    Comments,
    Participants,
    /// Recognised but with no field of its own (Resolution, Mitigation): kept as a section.
    Resolution,
}

impl Role {
    /// Whether a heading with role `inner`, nested under this one, belongs to it
    /// (a "What went well" under "Lessons learned").
    pub(crate) fn contains(self, inner: Role) -> bool {
        matches!((self, inner), (Role::Lessons(_), Role::Lessons(_))) || self == inner
    }

    pub(crate) fn name(self) -> &'static str {
        match self {
            Role::Summary => "summary",
            Role::Impact => "impact",
            Role::Timeline => "timeline",
            Role::Evidence => "evidence",
            Role::LogPatterns => "log patterns",
            Role::RootCauses => "root causes",
            Role::Lessons(_) => "lessons",
            Role::ActionItems => "action items",
            Role::Comments => "comments",
            Role::Participants => "participants",
            Role::Resolution => "resolution",
        }
    }
}

/// Lower-case words of a heading, without emphasis, numbering or punctuation.
pub(crate) fn normalise(heading: &str) -> String {
    let mut t = heading.to_lowercase();
    t = t.replace('&', " and ").replace("’", "'");
    let cleaned: String = t
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '\'' || c == ';' {
                c
            } else {
                ' '
            }
        })
        .collect();
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    // Drop a leading section number ("3 timeline", "iv lessons").
    let words = match words.first() {
        Some(w) if w.chars().all(|c| c.is_ascii_digit()) => &words[1..],
        _ => &words[..],
    };
    words.join(" ")
}

pub(crate) fn classify(heading: &str) -> Option<Role> {
    let n = normalise(heading);
    let n = n.as_str();
    let starts = |prefixes: &[&str]| {
        prefixes
            .iter()
            .any(|p| n == *p || n.starts_with(&format!("{p} ")))
    };
    let is = |names: &[&str]| names.contains(&n);

    if let Some(kind) = lesson_kind(n) {
        return Some(Role::Lessons(Some(kind)));
    }
    if n.contains("impact")
        || is(&[
            "what was impacted",
            "affected users",
            "who was affected",
            "affected crates",
        ])
    {
        return Some(Role::Impact);
    }
    if starts(&[
        "timeline",
        "detailed timeline",
        "incident timeline",
        "chain of events",
        "sequence of events",
    ]) || is(&["events", "timeline of events", "how we responded"])
    {
        return Some(Role::Timeline);
    }
    if starts(&[
        "root cause",
        "root causes",
        "contributing factors",
        "causes",
        "cause",
        "causal analysis",
    ]) || n.contains("five whys")
        || n.contains("5 whys")
        || is(&[
            "why did it happen",
            "why it happened",
            "why the event happened",
            "what caused the incident",
            "what caused it",
            "fault",
        ])
    {
        return Some(Role::RootCauses);
    }
    if starts(&[
        "action items",
        "action item",
        "follow ups",
        "follow up actions",
        "followups",
        "corrective actions",
        "next steps",
        "remediation items",
        "future actions",
        "future measures",
    ]) || is(&[
        "what we will do",
        "what we're doing about it",
        "what we are doing about it",
        "what we'll do",
        "todo",
        "to do",
        "action plan",
        "actions",
    ]) {
        return Some(Role::ActionItems);
    }
    if starts(&[
        "lessons",
        "lessons learned",
        "lessons learnt",
        "takeaways",
        "learnings",
        "what can we learn",
    ]) || is(&["what we learned", "what we learnt", "key takeaways"])
    {
        return Some(Role::Lessons(None));
    }
    if is(&[
        "summary",
        "overview",
        "tl;dr",
        "tldr",
        "tl dr",
        "executive summary",
        "issue summary",
        "incident summary",
        "what happened",
        "abstract",
        "synopsis",
    ]) {
        return Some(Role::Summary);
    }
    if is(&[
        "resolution",
        "mitigation",
        "resolution and recovery",
        "mitigation and resolution",
        "recovery",
        "remediation",
        "how we fixed it",
        "response",
    ]) {
        return Some(Role::Resolution);
    }
    if is(&[
        "responders",
        "participants",
        "attendees",
        "postmortem attendees",
        "post mortem attendees",
        "people involved",
        "names of people involved",
        "incident responders",
        "who was involved",
    ]) {
        return Some(Role::Participants);
    }
    if is(&["evidence"]) {
        return Some(Role::Evidence);
    }
    if is(&["log patterns"]) {
        return Some(Role::LogPatterns);
    }
    if is(&["comments"]) {
        return Some(Role::Comments);
    }
    None
}

/// Lesson subsections: what went well, what went wrong, where we got lucky,
/// what we learned.
pub(crate) fn lesson_kind(normalised: &str) -> Option<LessonKind> {
    let n = normalised;
    let has = |parts: &[&str]| parts.iter().any(|p| n.contains(p));
    let negated = has(&["didn't", "did not", "didnt", "not "]);
    if has(&[
        "went well",
        "go well",
        "go so well",
        "went right",
        "worked well",
        "what worked",
    ]) || n == "the good"
    {
        Some(if negated {
            LessonKind::WentWrong
        } else {
            LessonKind::WentRight
        })
    } else if has(&[
        "went wrong",
        "went badly",
        "gone better",
        "could be improved",
        "could have been better",
        "to improve",
    ]) || n == "the bad"
    {
        Some(LessonKind::WentWrong)
    } else if n.contains("lucky") {
        Some(LessonKind::Lucky)
    } else if [
        "what we learned",
        "what we learnt",
        "lessons learned",
        "lessons learnt",
        "what i learned",
        "what i learnt",
    ]
    .contains(&n)
    {
        Some(LessonKind::Learned)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_synonyms_at_any_case() {
        assert_eq!(classify("TL;DR"), Some(Role::Summary));
        assert_eq!(classify("Executive Summary"), Some(Role::Summary));
        assert_eq!(classify("Customer impact"), Some(Role::Impact));
        assert_eq!(classify("Summary of impact"), Some(Role::Impact));
        assert_eq!(classify("Timeline of events"), Some(Role::Timeline));
        assert_eq!(classify("Timeline (in UTC)"), Some(Role::Timeline));
        assert_eq!(classify("Root Cause(s)"), Some(Role::RootCauses));
        assert_eq!(
            classify("Root cause identification: The Five Whys"),
            Some(Role::RootCauses)
        );
        assert_eq!(classify("Contributing factors"), Some(Role::RootCauses));
        assert_eq!(
            classify("Action Items & Followups"),
            Some(Role::ActionItems)
        );
        assert_eq!(classify("Follow-ups"), Some(Role::ActionItems));
        assert_eq!(classify("Corrective actions"), Some(Role::ActionItems));
        assert_eq!(
            classify("What we're doing about it"),
            Some(Role::ActionItems)
        );
        assert_eq!(
            classify("Lessons Learned"),
            Some(Role::Lessons(Some(LessonKind::Learned)))
        );
        assert_eq!(classify("Lessons"), Some(Role::Lessons(None)));
        assert_eq!(
            classify("What Went Well"),
            Some(Role::Lessons(Some(LessonKind::WentRight)))
        );
        assert_eq!(
            classify("What went well?"),
            Some(Role::Lessons(Some(LessonKind::WentRight)))
        );
        assert_eq!(
            classify("Where did we get lucky"),
            Some(Role::Lessons(Some(LessonKind::Lucky)))
        );
        assert_eq!(classify("Resolution"), Some(Role::Resolution));
        assert_eq!(classify("Responders"), Some(Role::Participants));
        assert_eq!(classify("Background"), None);
        assert_eq!(
            classify("What Didn't Go So Well?"),
            Some(Role::Lessons(Some(LessonKind::WentWrong)))
        );
        assert_eq!(
            classify("What could have gone better?"),
            Some(Role::Lessons(Some(LessonKind::WentWrong)))
        );
    }
}
