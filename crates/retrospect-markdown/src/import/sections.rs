//! Cutting a document body into sections at its headings.
//!
//! In our own files a section runs to the next level-1 or level-2 heading,
//! and everything after the free-sections marker is a free section. In files
//! written elsewhere, headings come at any level: a section runs until a
//! heading at its own level or above, or a heading we recognise (unless that
//! heading belongs inside it, like "What went well" inside "Lessons").

use super::headings::{Role, classify};
use crate::lines::{Fences, heading};
use crate::own::is_free_marker;

#[derive(Debug, Clone)]
pub(crate) struct Section<'a> {
    /// The heading text as written (None for the text before the first heading).
    pub heading: Option<&'a str>,
    pub level: usize,
    pub role: Option<Role>,
    pub body: Vec<(usize, &'a str)>,
    /// After the free-sections marker of our own format: kept verbatim.
    pub free: bool,
}

impl<'a> Section<'a> {
    fn new(heading: Option<&'a str>, level: usize, role: Option<Role>, free: bool) -> Self {
        Self {
            heading,
            level,
            role,
            body: Vec::new(),
            free,
        }
    }
}

pub(crate) fn split<'a>(lines: &[(usize, &'a str)], own_format: bool) -> Vec<Section<'a>> {
    let mut sections = vec![Section::new(None, 0, None, false)];
    let mut fences = Fences::default();
    let mut free = false;
    for &(number, line) in lines {
        if fences.is_code(line) {
            push(&mut sections, number, line);
            continue;
        }
        if own_format && !free && is_free_marker(line) {
            free = true;
            sections.push(Section::new(None, 0, None, true));
            continue;
        }
        let Some((level, text)) = heading(line) else {
            push(&mut sections, number, line);
            continue;
        };
        let current = sections.last();
        let starts_section = if own_format {
            level <= 2
        } else {
            let role = classify(text);
            match current {
                None => true,
                Some(c) if c.heading.is_none() => true,
                Some(c) if level <= c.level => true,
                Some(c) => match (c.role, role) {
                    (_, None) => false,
                    (Some(outer), Some(inner)) => !outer.contains(inner),
                    (None, Some(_)) => true,
                },
            }
        };
        if !starts_section {
            push(&mut sections, number, line);
            continue;
        }
        let role = if free || (own_format && level != 2) {
            None
        } else {
            classify(text)
        };
        sections.push(Section::new(Some(text), level, role, free));
    }
    sections
}

fn push<'a>(sections: &mut [Section<'a>], number: usize, line: &'a str) {
    if let Some(last) = sections.last_mut() {
        last.body.push((number, line));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbered(text: &str) -> Vec<(usize, &str)> {
        text.split('\n')
            .enumerate()
            .map(|(i, l)| (i + 1, l))
            .collect()
    }

    #[test]
    fn nested_lesson_kinds_stay_inside_lessons() {
        let text = "intro\n## Lessons\n### What went well\n- a\n### Where we got lucky\n- b\n## Timeline\n### 2020-02-20\n- 21:17 x";
        let s = split(&numbered(text), false);
        let headings: Vec<Option<&str>> = s.iter().map(|s| s.heading).collect();
        assert_eq!(headings, vec![None, Some("Lessons"), Some("Timeline")]);
        assert_eq!(s[2].body.len(), 2);
    }

    #[test]
    fn recognised_headings_end_unrecognised_ones() {
        let text = "# Title (incident #)\n### Date\n### Summary\ntext";
        let s = split(&numbered(text), false);
        let roles: Vec<Option<Role>> = s.iter().map(|s| s.role).collect();
        assert_eq!(roles, vec![None, None, Some(Role::Summary)]);
        assert_eq!(s[1].body.len(), 1);
    }

    #[test]
    fn own_format_splits_at_level_two_and_the_marker() {
        let text = "## Summary\n### Timeline\n<!-- retrospect:free-sections -->\n## Summary\nkept";
        let s = split(&numbered(text), true);
        assert_eq!(s.len(), 4);
        assert_eq!(s[1].role, Some(Role::Summary));
        assert!(s[3].free && s[3].role.is_none());
    }
}
