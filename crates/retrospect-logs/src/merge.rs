//! Post-pass over Drain's clusters: merge clusters that are the same event
//! with a variable Drain could not line up.
//!
//! Drain runs with a strict similarity so that distinct events stay apart;
//! this pass then joins clusters of equal length whose every differing
//! position involves a masked variable on at least one side (`()` versus
//! `(<*>)`, `rhost=` versus `rhost=<*>`): a difference in shape of a
//! variable, never a difference between two constant words.

use std::collections::HashMap;

use crate::drain::{Drain, Interner, WILD, render};

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
/// word: Drain routes by the first tokens, so a varying first word (a
/// component or job name) keeps such clusters from ever being compared.
const ONE_WORD_MIN_LEN: usize = usize::MAX;

fn mergeable(interner: &Interner, a: &[u32], b: &[u32]) -> bool {
    let mut differ = 0;
    let mut constant_diffs = 0;
    let mut same_constant = 0;
    for (&x, &y) in a.iter().zip(b) {
        if x == y {
            if !interner.has_var(x) {
                same_constant += 1;
            }
            continue;
        }
        if !interner.compatible(x, y) {
            if interner.has_var(x) || interner.has_var(y) || a.len() < ONE_WORD_MIN_LEN {
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

/// Returns the final template index of each cluster and the final
/// templates' text (clusters with identical text are one template).
pub fn merge(drain: &Drain) -> (Vec<u32>, Vec<String>) {
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
                if mergeable(&drain.interner, ta, tb) {
                    let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
                    if ra != rb {
                        parent[ra.max(rb) as usize] = ra.min(rb);
                    }
                }
            }
        }
    }
    // Generalise each merged group into one token sequence.
    let mut merged: HashMap<u32, Vec<u32>> = HashMap::new();
    for i in 0..n as u32 {
        let r = find(&mut parent, i);
        let t = &drain.templates[i as usize];
        merged
            .entry(r)
            .and_modify(|m| {
                for (x, y) in m.iter_mut().zip(t) {
                    if *x != *y {
                        *x = WILD;
                    }
                }
            })
            .or_insert_with(|| t.clone());
    }
    let mut by_text: HashMap<String, u32> = HashMap::new();
    let mut texts = Vec::new();
    let mut map = Vec::with_capacity(n);
    for i in 0..n as u32 {
        let r = find(&mut parent, i);
        let text = render(&drain.interner, &merged[&r]);
        let id = *by_text.entry(text.clone()).or_insert_with(|| {
            texts.push(text);
            texts.len() as u32 - 1
        });
        map.push(id);
    }
    (map, texts)
}
