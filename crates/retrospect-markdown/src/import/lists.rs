//! Walking the lists of a section: items, their nesting, their continuation
//! paragraphs, and everything that is not a list item (kept as leftover).

use crate::lines::{Fences, dedent, heading, indentation, is_blank, join_trimmed, list_item};

/// Nesting deeper than this is attached to the deepest allowed item (a
/// hostile document cannot make the tree arbitrarily deep).
pub(crate) const MAX_DEPTH: usize = 32;

#[derive(Debug, Clone)]
pub(crate) struct Item<'a> {
    pub line: usize,
    pub depth: usize,
    /// Index of the enclosing item in the walk, when nested items are items.
    pub parent: Option<usize>,
    pub content: &'a str,
    /// Continuation lines, dedented to the item's content.
    pub more: Vec<String>,
    /// The latest structural subheading above the item.
    pub context: Option<&'a str>,
    /// The item's lines as written (nested items included when they continue it).
    pub raw: Vec<&'a str>,
}

impl Item<'_> {
    /// The item's whole text: first line and continuation, trimmed.
    pub(crate) fn text(&self) -> String {
        let mut lines: Vec<&str> = vec![self.content];
        lines.extend(self.more.iter().map(String::as_str));
        join_trimmed(&lines)
    }
}

#[derive(Debug, Default)]
pub(crate) struct Walk<'a> {
    pub items: Vec<Item<'a>>,
    pub leftover: Vec<&'a str>,
    pub flattened: bool,
}

/// Walks a section body. With `nested_items`, nested list items are items
/// of their own (a cause tree); otherwise they continue their parent item.
/// `structural` says which subheadings give context (and are consumed).
pub(crate) fn walk<'a>(
    body: &[(usize, &'a str)],
    nested_items: bool,
    structural: &dyn Fn(&str) -> bool,
) -> Walk<'a> {
    let mut walk = Walk::default();
    // Open items: (content indent, index in walk.items).
    let mut open: Vec<(usize, usize)> = Vec::new();
    let mut pending_blank: Vec<&'a str> = Vec::new();
    let mut context: Option<&'a str> = None;
    let mut fences = Fences::default();
    let mut in_item_code = false;
    for &(number, line) in body {
        let code = fences.is_code(line);
        if code {
            // Code inside an item (indented under it) continues the item.
            let inside = open
                .last()
                .is_some_and(|&(indent, _)| indentation(line) >= indent)
                || in_item_code;
            if inside && let Some(&(indent, idx)) = open.last() {
                flush_blanks(&mut walk, idx, &mut pending_blank);
                walk.items[idx].more.push(dedent(line, indent).to_string());
                walk.items[idx].raw.push(line);
                in_item_code = fences.is_open();
            } else {
                close_list(&mut walk, &mut open, &mut pending_blank);
                walk.leftover.push(line);
            }
            continue;
        }
        in_item_code = false;
        if is_blank(line) {
            pending_blank.push(line);
            continue;
        }
        if let Some((_, text)) = heading(line) {
            close_list(&mut walk, &mut open, &mut pending_blank);
            if structural(text) {
                context = Some(text);
            } else {
                walk.leftover.push(line);
            }
            continue;
        }
        if let Some(item) = list_item(line) {
            // Close items this one is not nested in.
            while open.last().is_some_and(|&(indent, _)| item.indent < indent) {
                open.pop();
            }
            let nested_in = open.last().copied();
            if let Some((indent, idx)) = nested_in
                && !nested_items
            {
                flush_blanks(&mut walk, idx, &mut pending_blank);
                walk.items[idx].more.push(dedent(line, indent).to_string());
                walk.items[idx].raw.push(line);
                continue;
            }
            pending_blank.clear();
            let mut depth = open.len();
            let mut parent = nested_in.map(|(_, idx)| idx);
            if depth >= MAX_DEPTH {
                // Too deep: a sibling of the deepest allowed item.
                walk.flattened = true;
                depth = MAX_DEPTH;
                open.pop();
                parent = open.last().map(|&(_, idx)| idx);
            }
            walk.items.push(Item {
                line: number,
                depth,
                parent,
                content: item.content,
                more: Vec::new(),
                context,
                raw: vec![line],
            });
            open.push((item.content_indent, walk.items.len() - 1));
            continue;
        }
        // A paragraph line: it continues the open item when indented under it,
        // or when it follows the item directly (a lazy continuation).
        match open.last() {
            Some(&(indent, idx))
                if indentation(line) >= indent.min(2) || pending_blank.is_empty() =>
            {
                flush_blanks(&mut walk, idx, &mut pending_blank);
                walk.items[idx].more.push(dedent(line, indent).to_string());
                walk.items[idx].raw.push(line);
            }
            _ => {
                close_list(&mut walk, &mut open, &mut pending_blank);
                walk.leftover.push(line);
            }
        }
    }
    walk.leftover.extend(pending_blank);
    walk
}

fn flush_blanks<'a>(walk: &mut Walk<'a>, idx: usize, pending: &mut Vec<&'a str>) {
    for blank in pending.drain(..) {
        walk.items[idx].more.push(String::new());
        walk.items[idx].raw.push(blank);
    }
}

fn close_list<'a>(walk: &mut Walk<'a>, open: &mut Vec<(usize, usize)>, pending: &mut Vec<&'a str>) {
    open.clear();
    walk.leftover.append(pending);
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
    fn builds_a_tree_with_continuations() {
        let text = "- A\n\n  **Why?**\n\n  - B\n    - C\n- D\n\nClosing words.";
        let w = walk(&numbered(text), true, &|_| false);
        let shape: Vec<(usize, Option<usize>, String)> = w
            .items
            .iter()
            .map(|i| (i.depth, i.parent, i.text()))
            .collect();
        assert_eq!(
            shape,
            vec![
                (0, None, "A\n\n**Why?**".to_string()),
                (1, Some(0), "B".to_string()),
                (2, Some(1), "C".to_string()),
                (0, None, "D".to_string()),
            ]
        );
        assert_eq!(w.leftover, vec!["", "Closing words."]);
    }

    #[test]
    fn nested_items_can_continue_their_parent() {
        let text = "- In the future:\n    - Add tests.\n    - Monitor.";
        let w = walk(&numbered(text), false, &|_| false);
        assert_eq!(w.items.len(), 1);
        assert_eq!(
            w.items[0].text(),
            "In the future:\n  - Add tests.\n  - Monitor."
        );
    }
}
