//! Lessons: one subsection per kind, one `- **L3** text` item per lesson.

use retrospect_domain::{EnumName, Lesson, LessonKind, LocalId};

use super::parse_id;
use crate::inline;

pub(crate) fn write(lessons: &[Lesson]) -> String {
    let mut out = String::new();
    for &kind in LessonKind::ALL {
        let mut of_kind: Vec<&Lesson> = lessons.iter().filter(|l| l.kind == kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        of_kind.sort_by_key(|l| l.id);
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&format!("### {}\n\n", kind.heading()));
        for lesson in of_kind {
            let text = inline::encode(&lesson.text, &[]);
            if text.is_empty() {
                out.push_str(&format!("- **L{}**\n", lesson.id));
            } else {
                out.push_str(&format!("- **L{}** {text}\n", lesson.id));
            }
        }
    }
    out
}

/// An item written as `**L3** text`: its id and decoded text.
pub(crate) fn parse_item(content: &str) -> Option<(LocalId, String)> {
    let rest = content.strip_prefix("**L")?;
    let (digits, text) = rest.split_once("**")?;
    let id = parse_id(&format!("L{digits}"), 'L')?;
    let text = text.strip_prefix(' ').unwrap_or(text);
    Some((id, inline::decode(text)))
}
