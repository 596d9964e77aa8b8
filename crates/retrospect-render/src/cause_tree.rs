//! The cause tree in drawing order. The domain validates trees on save, but a
//! picture must never loop or lose a cause even for data that skipped that
//! check: dangling parents make a cause a root, and a loop is cut where it is
//! first found.

use std::collections::HashMap;

use retrospect_domain::{Cause, LocalId};

/// One cause placed in the tree, in depth-first (reading) order.
#[derive(Debug, Clone)]
pub struct TreeNode<'a> {
    pub cause: &'a Cause,
    /// 1 for a root cause (the first "why").
    pub depth: usize,
    /// Index of the parent in the pre-order list.
    pub parent: Option<usize>,
    /// Indices of the children in the pre-order list.
    pub children: Vec<usize>,
}

/// All causes in depth-first pre-order, each exactly once.
pub fn preorder(causes: &[Cause]) -> Vec<TreeNode<'_>> {
    let ids: std::collections::HashSet<LocalId> = causes.iter().map(|c| c.id).collect();
    let mut children_of: HashMap<LocalId, Vec<usize>> = HashMap::new();
    let mut roots: Vec<usize> = Vec::new();
    for (i, c) in causes.iter().enumerate() {
        match c.parent {
            Some(p) if ids.contains(&p) && p != c.id => children_of.entry(p).or_default().push(i),
            _ => roots.push(i),
        }
    }
    for list in children_of.values_mut() {
        list.sort_by_key(|&i| causes[i].id);
    }
    roots.sort_by_key(|&i| causes[i].id);

    let mut visited = vec![false; causes.len()];
    let mut out: Vec<TreeNode<'_>> = Vec::with_capacity(causes.len());
    for r in roots {
        walk(causes, &children_of, r, &mut out, &mut visited);
    }
    // Causes caught in a loop have no root; start from the lowest id among them.
    while let Some(start) = (0..causes.len())
        .filter(|&i| !visited[i])
        .min_by_key(|&i| causes[i].id)
    {
        walk(causes, &children_of, start, &mut out, &mut visited);
    }
    out
}

/// Visits the subtree under `start` depth-first with an explicit stack (a
/// chain of thousands of whys must not overflow the call stack).
fn walk<'a>(
    causes: &'a [Cause],
    children_of: &HashMap<LocalId, Vec<usize>>,
    start: usize,
    out: &mut Vec<TreeNode<'a>>,
    visited: &mut [bool],
) {
    // (cause index, depth, parent position in `out`)
    let mut stack: Vec<(usize, usize, Option<usize>)> = vec![(start, 1, None)];
    while let Some((i, depth, parent)) = stack.pop() {
        if visited[i] {
            continue;
        }
        visited[i] = true;
        let pos = out.len();
        out.push(TreeNode {
            cause: &causes[i],
            depth,
            parent,
            children: Vec::new(),
        });
        if let Some(p) = parent {
            out[p].children.push(pos);
        }
        if let Some(kids) = children_of.get(&causes[i].id) {
            for &k in kids.iter().rev() {
                if !visited[k] {
                    stack.push((k, depth + 1, Some(pos)));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cause(id: LocalId, parent: Option<LocalId>) -> Cause {
        Cause {
            id,
            parent,
            text: format!("cause {id}"),
            category: None,
            timeline_refs: vec![],
            evidence_refs: vec![],
        }
    }

    #[test]
    fn orders_depth_first_by_id() {
        let causes = vec![
            cause(3, Some(1)),
            cause(1, None),
            cause(2, Some(1)),
            cause(4, Some(2)),
            cause(5, None),
        ];
        let order: Vec<(LocalId, usize)> = preorder(&causes)
            .iter()
            .map(|n| (n.cause.id, n.depth))
            .collect();
        assert_eq!(order, vec![(1, 1), (2, 2), (4, 3), (3, 2), (5, 1)]);
    }

    #[test]
    fn loops_and_dangling_parents_lose_nothing() {
        let causes = vec![
            cause(1, Some(2)),
            cause(2, Some(1)),
            cause(3, Some(99)),
            cause(4, Some(4)),
        ];
        let nodes = preorder(&causes);
        let mut ids: Vec<LocalId> = nodes.iter().map(|n| n.cause.id).collect();
        ids.sort();
        assert_eq!(ids, vec![1, 2, 3, 4]);
        assert_eq!(nodes.iter().filter(|n| n.depth == 1).count(), 3);
    }
}
