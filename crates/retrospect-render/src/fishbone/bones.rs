//! Which bone each cause sits on: a root cause's category decides, its whys
//! (descendants) follow it. Categories match the post-mortem's list ignoring
//! case; an unknown category gets a bone of its own rather than being dropped.

use crate::cause_tree::{TreeNode, preorder};
use retrospect_domain::PostMortem;

/// The bone for causes without a category.
pub const UNCATEGORISED: &str = "Uncategorised";

/// Causes grouped by bone, in the order bones are drawn.
pub struct BoneGroup<'a> {
    pub category: String,
    /// Nodes of this bone in reading (pre-order) order; depth 1 = root cause.
    pub nodes: Vec<TreeNode<'a>>,
}

/// The categories list: the post-mortem's own, or the classic six when empty.
pub fn categories(pm: &PostMortem) -> Vec<String> {
    let own: Vec<String> = pm
        .fishbone_categories
        .iter()
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty())
        .collect();
    if own.is_empty() {
        retrospect_domain::DEFAULT_FISHBONE_CATEGORIES
            .iter()
            .map(|c| c.to_string())
            .collect()
    } else {
        own
    }
}

/// The canonical category name for a cause's category text.
pub fn canonical(categories: &[String], category: Option<&str>) -> String {
    let Some(wanted) = category.map(str::trim).filter(|c| !c.is_empty()) else {
        return UNCATEGORISED.to_string();
    };
    let w = wanted.to_lowercase();
    categories
        .iter()
        .find(|c| {
            let c = c.to_lowercase();
            c == w || c.split('/').any(|part| part.trim() == w)
        })
        .cloned()
        .unwrap_or_else(|| wanted.to_string())
}

/// Groups the cause tree by bone: configured categories first (in their
/// order), then unknown ones as first met, then "Uncategorised".
pub fn group_by_bone(pm: &PostMortem) -> Vec<BoneGroup<'_>> {
    let cats = categories(pm);
    let nodes = preorder(&pm.causes);
    let mut groups: Vec<BoneGroup<'_>> = Vec::new();
    // Where each pre-order node went: (bone, index inside the bone).
    let mut placed: Vec<(usize, usize)> = Vec::with_capacity(nodes.len());
    let mut current = 0;
    for node in nodes {
        if node.depth == 1 || node.parent.is_none() {
            let category = canonical(&cats, node.cause.category.as_deref());
            current = match groups.iter().position(|g| g.category == category) {
                Some(p) => p,
                None => {
                    groups.push(BoneGroup {
                        category,
                        nodes: Vec::new(),
                    });
                    groups.len() - 1
                }
            };
        }
        // Re-index parent and children inside the bone.
        let local = groups[current].nodes.len();
        let parent = node.parent.and_then(|p| placed.get(p)).map(|&(_, lp)| lp);
        if let Some(lp) = parent {
            groups[current].nodes[lp].children.push(local);
        }
        groups[current].nodes.push(TreeNode {
            cause: node.cause,
            depth: node.depth,
            parent,
            children: Vec::new(),
        });
        placed.push((current, local));
    }
    let rank = |g: &BoneGroup<'_>| {
        if g.category == UNCATEGORISED {
            usize::MAX
        } else {
            cats.iter()
                .position(|c| *c == g.category)
                .unwrap_or(cats.len())
        }
    };
    // A stable sort keeps unknown categories in the order they were met.
    groups.sort_by_key(rank);
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use retrospect_domain::{Kind, Timestamp};

    #[test]
    fn whys_follow_their_root_and_unknown_categories_keep_a_bone() {
        let mut pm = PostMortem::new("Outage", Kind::Incident, Timestamp::UNIX_EPOCH).unwrap();
        let a = pm.add_cause(None, "no canary", Some("process")).unwrap();
        pm.add_cause(Some(a), "flag was stale", Some("Measurement"))
            .unwrap();
        pm.add_cause(None, "no category", None).unwrap();
        pm.add_cause(None, "tooling", Some("equipment")).unwrap();
        pm.causes.push(retrospect_domain::Cause {
            id: 9,
            parent: None,
            text: "imported".into(),
            category: Some("Vendors".into()),
            timeline_refs: vec![],
            evidence_refs: vec![],
        });
        let groups = group_by_bone(&pm);
        let names: Vec<&str> = groups.iter().map(|g| g.category.as_str()).collect();
        assert_eq!(
            names,
            vec!["Process", "Equipment/Tools", "Vendors", UNCATEGORISED]
        );
        assert_eq!(groups[0].nodes.len(), 2);
    }
}
