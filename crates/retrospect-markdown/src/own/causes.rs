//! The cause tree as a nested list: each item answers "why?" about the item
//! it is nested in.
//!
//! ```text
//! - **C1** (Process; cites T3, E1): The release skipped the staging soak.
//!   - **C2** (Equipment/Tools): The soak job had been failing silently.
//! ```
//!
//! The parenthesised group holds the fishbone category, the citations and,
//! for a cause that cannot be shown nested (a tree deeper than
//! [`MAX_NESTING`]), `under C7` naming its parent.

use std::collections::{HashMap, HashSet};

use retrospect_domain::{Cause, LocalId};

use super::{parse_id, parse_ids, write_ids};
use crate::inline;

/// Deeper causes are written at the top level with `under Cn`, which keeps
/// lines short however deep a chain of whys goes.
pub(crate) const MAX_NESTING: usize = 24;

/// One written item: the cause and the depth it is drawn at.
pub(crate) fn write(causes: &[Cause]) -> String {
    let ids: HashSet<LocalId> = causes.iter().map(|c| c.id).collect();
    let mut children: HashMap<Option<LocalId>, Vec<&Cause>> = HashMap::new();
    for c in causes {
        // A cause whose parent is missing is drawn as a root with `under`.
        let key = c.parent.filter(|p| ids.contains(p));
        children.entry(key).or_default().push(c);
    }
    for list in children.values_mut() {
        list.sort_by_key(|c| c.id);
    }
    let mut out = String::new();
    let mut written: HashSet<LocalId> = HashSet::new();
    // Depth-first without recursion: (cause, depth).
    let mut stack: Vec<(&Cause, usize)> = children
        .get(&None)
        .map(|roots| roots.iter().rev().map(|c| (*c, 0)).collect())
        .unwrap_or_default();
    while let Some((cause, depth)) = stack.pop() {
        if !written.insert(cause.id) {
            continue;
        }
        let (depth, explicit_parent) = if depth > MAX_NESTING {
            (0, cause.parent)
        } else {
            (depth, None)
        };
        let explicit_parent = explicit_parent.or(cause.parent.filter(|p| !ids.contains(p)));
        out.push_str(&item(cause, depth, explicit_parent));
        if let Some(kids) = children.get(&Some(cause.id)) {
            for kid in kids.iter().rev() {
                stack.push((kid, depth + 1));
            }
        }
    }
    // Causes in a loop are never reached from a root: write them flat.
    let mut rest: Vec<&Cause> = causes.iter().filter(|c| !written.contains(&c.id)).collect();
    rest.sort_by_key(|c| c.id);
    for cause in rest {
        if written.insert(cause.id) {
            out.push_str(&item(cause, 0, cause.parent));
        }
    }
    out
}

fn item(cause: &Cause, depth: usize, explicit_parent: Option<LocalId>) -> String {
    let mut group = Vec::new();
    if let Some(category) = &cause.category {
        let encoded = inline::encode_nonempty(category, &[';', '(', ')']);
        if ["cites ", "under ", "category: "]
            .iter()
            .any(|p| encoded.starts_with(p))
        {
            group.push(format!("category: {encoded}"));
        } else {
            group.push(encoded);
        }
    }
    if let Some(parent) = explicit_parent {
        group.push(format!("under C{parent}"));
    }
    let mut refs = write_ids(&cause.timeline_refs, 'T');
    let evidence = write_ids(&cause.evidence_refs, 'E');
    if !evidence.is_empty() {
        if !refs.is_empty() {
            refs.push_str(", ");
        }
        refs.push_str(&evidence);
    }
    if !refs.is_empty() {
        group.push(format!("cites {refs}"));
    }
    let mut text = inline::encode(&cause.text, &[]);
    if text.starts_with('(') {
        text.insert(0, '\\');
    }
    let indent = "  ".repeat(depth);
    match (group.is_empty(), text.is_empty()) {
        (true, true) => format!("{indent}- **C{}**\n", cause.id),
        (true, false) => format!("{indent}- **C{}** {text}\n", cause.id),
        (false, _) => format!(
            "{indent}- **C{}** ({}): {text}\n",
            cause.id,
            group.join("; ")
        )
        .replace(": \n", ":\n"),
    }
}

/// A cause item's content (after the list marker) when it starts with our
/// `**C3**` id. The parent comes from nesting unless `under` names it.
pub(crate) struct ParsedCause {
    pub cause: Cause,
    pub explicit_parent: Option<LocalId>,
}

pub(crate) fn parse_item(content: &str) -> Option<Result<ParsedCause, String>> {
    let rest = content.strip_prefix("**C")?;
    let (digits, rest) = rest.split_once("**")?;
    let id: LocalId = parse_id(&format!("C{digits}"), 'C')?;
    Some(parse_after_id(id, rest))
}

fn parse_after_id(id: LocalId, rest: &str) -> Result<ParsedCause, String> {
    let mut cause = Cause {
        id,
        parent: None,
        text: String::new(),
        category: None,
        timeline_refs: Vec::new(),
        evidence_refs: Vec::new(),
    };
    let mut explicit_parent = None;
    let rest = rest.strip_prefix(' ').unwrap_or(rest);
    let text = if let Some(group_and_text) = rest.strip_prefix('(') {
        let end = inline::find_unescaped(group_and_text, ')')
            .ok_or_else(|| format!("the details of C{id} open with '(' and never close"))?;
        let group = &group_and_text[..end];
        let after = &group_and_text[end + 1..];
        let text = after
            .strip_prefix(": ")
            .or_else(|| after.strip_prefix(':'))
            .ok_or_else(|| format!("write ': ' between the details of C{id} and its text"))?;
        for part in inline::split_unescaped(group, ';') {
            let part = part.trim();
            if let Some(refs) = part.strip_prefix("cites ") {
                for r in refs.split(',') {
                    let r = r.trim();
                    if let Some(t) = parse_id(r, 'T') {
                        cause.timeline_refs.push(t);
                    } else if let Some(e) = parse_id(r, 'E') {
                        cause.evidence_refs.push(e);
                    } else {
                        return Err(format!(
                            "C{id} cites '{r}', which is neither a timeline entry (T3) nor evidence (E1)"
                        ));
                    }
                }
            } else if let Some(parent) = part.strip_prefix("under ") {
                explicit_parent = Some(
                    parse_ids(parent, 'C')
                        .and_then(|ids| ids.first().copied())
                        .ok_or_else(|| {
                            format!("'under {parent}' should name a cause such as C2")
                        })?,
                );
            } else {
                let category = part.strip_prefix("category: ").unwrap_or(part);
                if cause.category.is_some() {
                    return Err(format!("C{id} has two categories"));
                }
                cause.category = Some(inline::decode_nonempty(category));
            }
        }
        text
    } else {
        rest
    };
    cause.text = inline::decode(text);
    Ok(ParsedCause {
        cause,
        explicit_parent,
    })
}
