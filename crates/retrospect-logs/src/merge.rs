//! Post-pass over Drain's clusters: merge clusters that are the same event
//! with a variable Drain could not line up.
//!
//! Drain runs with a strict similarity so that distinct events stay apart;
//! this pass then joins clusters of equal length whose every differing
//! position involves a masked variable on at least one side (`()` versus
//! `(<*>)`, `rhost=` versus `rhost=<*>`): a difference in shape of a
//! variable. Two constant words may differ only in one routing position of a
//! long template (see [`ONE_WORD_MIN_LEN`]). Whether a merged position of
//! plain words stays a variable is decided afterwards by `variants`.

use std::collections::HashMap;

use crate::drain::{Drain, Interner, WILD};

/// Largest group of same-length templates compared pairwise; beyond it the
/// quadratic pass is skipped for that length (rare, and only costs merges).
const MAX_PAIRWISE: usize = 4000;

fn find(parent: &mut [u32], mut x: u32) -> u32 {
    while parent[x as usize] != x {
        let p = parent[x as usize];
        parent[x as usize] = parent[p as usize];
        x = p;
    }
    x
}

/// Clusters of at least this many tokens may also differ in one constant
/// word among the routing tokens: Drain routes by the first tokens, so a
/// varying first word (a component or job name) keeps such clusters from
/// ever being compared, although seven or more other tokens agree.
pub const ONE_WORD_MIN_LEN: usize = 8;

fn mergeable(interner: &Interner, routing: usize, a: &[u32], b: &[u32]) -> bool {
    let mut differ = 0;
    let mut constant_diffs = 0;
    let mut same_constant = 0;
    for (p, (&x, &y)) in a.iter().zip(b).enumerate() {
        if x == y {
            if !interner.has_var(x) {
                same_constant += 1;
            }
            continue;
        }
        if !interner.compatible(x, y) {
            if a.len() < ONE_WORD_MIN_LEN || p >= routing {
                return false;
            }
            constant_diffs += 1;
            if constant_diffs > 1 {
                return false;
            }
        }
        differ += 1;
    }
    differ > 0 && same_constant > 0 && differ * 2 <= a.len()
}

/// Clusters joined by the merge pass.
#[derive(Clone, Debug, Default)]
pub struct Groups {
    /// Group index of each cluster.
    pub of_cluster: Vec<u32>,
    /// Each group's generalised template (token ids).
    pub templates: Vec<Vec<u32>>,
    /// The clusters of each group.
    pub members: Vec<Vec<u32>>,
}

/// Joins clusters that are the same event (see the module comment).
pub fn merge(drain: &Drain) -> Groups {
    let n = drain.templates.len();
    let mut parent: Vec<u32> = (0..n as u32).collect();
    let mut by_len: HashMap<usize, Vec<u32>> = HashMap::new();
    for (i, t) in drain.templates.iter().enumerate() {
        by_len.entry(t.len()).or_default().push(i as u32);
    }
    let mut lens: Vec<_> = by_len.into_iter().collect();
    lens.sort_unstable_by_key(|(l, _)| *l);
    for (_, ids) in &lens {
        if ids.len() > MAX_PAIRWISE {
            continue;
        }
        for (k, &a) in ids.iter().enumerate() {
            for &b in &ids[k + 1..] {
                let (ta, tb) = (&drain.templates[a as usize], &drain.templates[b as usize]);
                if mergeable(&drain.interner, drain.cfg.prefix_tokens, ta, tb) {
                    let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
                    if ra != rb {
                        parent[ra.max(rb) as usize] = ra.min(rb);
                    }
                }
            }
        }
    }
    // Number the groups in cluster order and generalise each into one
    // token sequence.
    let mut index: HashMap<u32, u32> = HashMap::new();
    let mut groups = Groups::default();
    for i in 0..n as u32 {
        let r = find(&mut parent, i);
        let t = &drain.templates[i as usize];
        let g = *index.entry(r).or_insert_with(|| {
            groups.templates.push(t.clone());
            groups.members.push(Vec::new());
            groups.templates.len() as u32 - 1
        });
        for (x, y) in groups.templates[g as usize].iter_mut().zip(t) {
            if *x != *y {
                *x = WILD;
            }
        }
        groups.members[g as usize].push(i);
        groups.of_cluster.push(g);
    }
    groups
}
