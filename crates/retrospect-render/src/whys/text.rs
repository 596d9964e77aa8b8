//! The 5 Whys as an indented tree for the terminal.

use retrospect_domain::PostMortem;

use crate::cause_tree::preorder;
use crate::escape::terminal_line;
use crate::fishbone::UNCATEGORISED;

/// Terminal columns a line may use before it is wrapped.
const COLUMNS: usize = 100;
/// The narrowest text column, however deep the tree goes.
const MIN_TEXT: usize = 40;

/// The cause tree as text: the problem first, then each cause with its id and
/// category, whys indented under what they explain. Control characters in
/// the text are neutralised so a cause cannot inject terminal escapes.
pub fn whys_tree_text(pm: &PostMortem) -> String {
    let mut out = format!(
        "Problem: {}\n",
        terminal_line(&crate::fishbone::problem_text(pm))
    );
    let nodes = preorder(&pm.causes);
    if nodes.is_empty() {
        out.push_str("(no causes recorded yet)\n");
        return out;
    }
    // Whether each node is the last of its siblings decides the tree glyphs.
    let is_last = |i: usize| -> bool {
        match nodes[i].parent {
            Some(p) => nodes[p].children.last() == Some(&i),
            None => !nodes[i + 1..].iter().any(|n| n.parent.is_none()),
        }
    };
    for (i, node) in nodes.iter().enumerate() {
        // Ancestors from the root down, to draw the continuing verticals.
        let mut chain = Vec::new();
        let mut cur = node.parent;
        while let Some(p) = cur {
            chain.push(p);
            cur = nodes[p].parent;
        }
        chain.reverse();
        let mut prefix: String = chain
            .iter()
            .map(|&a| if is_last(a) { "    " } else { "\u{2502}   " })
            .collect();
        let last = is_last(i);
        let branch = if last {
            "\u{2514}\u{2500}\u{2500} "
        } else {
            "\u{251c}\u{2500}\u{2500} "
        };
        let category = match node
            .cause
            .category
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
        {
            Some(c) => format!(" [{}]", terminal_line(c)),
            None if node.depth == 1 => format!(" [{}]", UNCATEGORISED.to_lowercase()),
            None => String::new(),
        };
        let head = format!("C{}{category} ", node.cause.id);
        let text = terminal_line(&node.cause.text);
        let width = COLUMNS
            .saturating_sub(prefix.chars().count() + 4 + head.chars().count())
            .max(MIN_TEXT);
        let lines = wrap_columns(&text, width);
        out.push_str(&format!(
            "{prefix}{branch}{head}{}\n",
            lines.first().map(String::as_str).unwrap_or("")
        ));
        prefix.push_str(if last { "    " } else { "\u{2502}   " });
        let pad = " ".repeat(head.chars().count());
        for line in lines.iter().skip(1) {
            out.push_str(&format!("{prefix}{pad}{line}\n"));
        }
    }
    out
}

/// Greedy word wrap by character count; over-long words are split.
fn wrap_columns(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let mut word: Vec<char> = word.chars().collect();
        while word.len() > width {
            if !current.is_empty() {
                lines.push(std::mem::take(&mut current));
            }
            lines.push(word.drain(..width).collect());
        }
        let word: String = word.into_iter().collect();
        if current.is_empty() {
            current = word;
        } else if current.chars().count() + 1 + word.chars().count() <= width {
            current.push(' ');
            current.push_str(&word);
        } else {
            lines.push(std::mem::replace(&mut current, word));
        }
    }
    if !current.is_empty() || lines.is_empty() {
        lines.push(current);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use retrospect_domain::{Kind, Timestamp};

    #[test]
    fn draws_an_indented_tree_with_ids_and_categories() {
        let mut pm =
            PostMortem::new("Checkout outage", Kind::Incident, Timestamp::UNIX_EPOCH).unwrap();
        let a = pm
            .add_cause(None, "Canary skipped", Some("Process"))
            .unwrap();
        let b = pm
            .add_cause(Some(a), "Stage disabled in a migration", None)
            .unwrap();
        pm.add_cause(
            Some(b),
            "Nobody is told when a stage is off",
            Some("measurement"),
        )
        .unwrap();
        pm.add_cause(Some(a), "Flag default flipped", None).unwrap();
        pm.add_cause(None, "Holiday on-call gap", None).unwrap();
        let expected = "\
Problem: Checkout outage
├── C1 [Process] Canary skipped
│   ├── C2 Stage disabled in a migration
│   │   └── C3 [Measurement] Nobody is told when a stage is off
│   └── C4 Flag default flipped
└── C5 [uncategorised] Holiday on-call gap
";
        assert_eq!(whys_tree_text(&pm), expected);
    }

    #[test]
    fn long_text_wraps_under_itself_and_escapes_are_neutralised() {
        let mut pm = PostMortem::new("T", Kind::Incident, Timestamp::UNIX_EPOCH).unwrap();
        pm.add_cause(None, &format!("\u{1b}[2J{}", "word ".repeat(60)), None)
            .unwrap();
        let text = whys_tree_text(&pm);
        assert!(!text.contains('\u{1b}'));
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines.len() > 3);
        assert!(lines.iter().all(|l| l.chars().count() <= COLUMNS));
        let indent = 4 + "C1 [uncategorised] ".len();
        assert_eq!(
            lines[2].len() - lines[2].trim_start().len(),
            indent,
            "{:?}",
            lines[2]
        );
    }

    #[test]
    fn no_causes_says_so() {
        let pm = PostMortem::new("T", Kind::Incident, Timestamp::UNIX_EPOCH).unwrap();
        assert_eq!(
            whys_tree_text(&pm),
            "Problem: T\n(no causes recorded yet)\n"
        );
    }
}
