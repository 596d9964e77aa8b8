//! Word variety per position inside a cluster, and the final split.
//!
//! Drain turns a position into a wildcard as soon as two lines disagree
//! there. For plain words that is often wrong: `state Active` / `state
//! Inactive`, `stored as bytes` / `stored as values` or `Powered On` /
//! `Powered Off` are different events, while `user alice` / `user bob` /
//! `user carol` ... is one event with a variable. We keep, per cluster and
//! per such position, the distinct words seen (at most a few), and at the end
//! a position whose words number at most [`MAX_WORD_VARIANTS`] is put back as
//! constants: one template per word. Tokens with a masked part count as
//! words while they share one shape (`bash:<*>`, `zlib:<*>`); a bare masked
//! value, a second shape, or more distinct words make it a variable for good.

use std::collections::HashMap;

use crate::drain::{Drain, Interner, WILD, render};
use crate::merge::Groups;
use crate::miner::Leaf;

/// A position with at most this many distinct plain words splits into one
/// template per word; more words make it a variable.
pub const MAX_WORD_VARIANTS: usize = 2;

/// The words seen at one wildcard position of a cluster.
#[derive(Clone, Debug)]
pub struct PositionWords {
    pub pos: u16,
    /// The constant the cluster had here before it became a wildcard: every
    /// line mined into the cluster before that point carries it.
    pub original: u32,
    /// Distinct plain words (empty once `variable`).
    pub words: Vec<u32>,
    /// A masked token or too many words were seen here.
    pub variable: bool,
}

impl PositionWords {
    /// Starts tracking a position whose constant `original` meets `other`.
    pub fn new(pos: usize, original: u32, interner: &Interner) -> Self {
        let mut pw = PositionWords {
            pos: pos as u16,
            original,
            words: Vec::new(),
            variable: false,
        };
        pw.note(original, interner);
        pw
    }

    /// Records the token a line has at this position.
    pub fn note(&mut self, tok: u32, interner: &Interner) {
        if self.variable {
            return;
        }
        // Tokens with a masked part count as words while they all share one
        // shape (`bash:<*>`, `zlib:<*>`); a bare variable or a second shape
        // makes the position a variable.
        let shape_differs = self
            .words
            .first()
            .is_some_and(|&w| interner.shape(w) != interner.shape(tok));
        if tok == WILD || shape_differs {
            self.set_variable();
        } else if !self.words.contains(&tok) {
            if self.words.len() >= MAX_WORD_VARIANTS {
                self.set_variable();
            } else {
                self.words.push(tok);
            }
        }
    }

    fn set_variable(&mut self) {
        self.variable = true;
        self.words = Vec::new();
    }
}

/// The words at position `p` of every cluster in a group, or `None` when a
/// variable appears there (a masked token or too many words).
fn group_words(drain: &Drain, members: &[u32], p: usize) -> Option<Vec<u32>> {
    let mut all: Vec<u32> = Vec::new();
    for &c in members {
        let t = drain.templates[c as usize][p];
        let words: &[u32] = if t != WILD {
            std::slice::from_ref(&drain.templates[c as usize][p])
        } else {
            let pw = drain.words[c as usize]
                .iter()
                .find(|w| usize::from(w.pos) == p)?;
            if pw.variable {
                return None;
            }
            &pw.words
        };
        for w in words {
            if !all.contains(w) {
                // One shape for all (plain words share `u32::MAX`).
                if all
                    .first()
                    .is_some_and(|&f| drain.interner.shape(f) != drain.interner.shape(*w))
                {
                    return None;
                }
                all.push(*w);
                if all.len() > MAX_WORD_VARIANTS {
                    return None;
                }
            }
        }
    }
    Some(all)
}

/// The word a leaf's lines carry at position `p` of their cluster.
fn leaf_word(drain: &Drain, leaf: &Leaf, p: usize) -> u32 {
    let c = leaf.cluster as usize;
    let t = drain.templates[c][p];
    if t != WILD {
        return t;
    }
    match drain.words[c].iter().position(|w| usize::from(w.pos) == p) {
        Some(k) => leaf
            .words
            .get(k)
            .copied()
            .unwrap_or(drain.words[c][k].original),
        None => WILD,
    }
}

/// Final templates: each merged group, split at its low-variety word
/// positions. Returns the template index of each leaf and the templates'
/// text (identical texts are one template).
pub fn finish(drain: &Drain, groups: &Groups, leaves: &[Leaf]) -> (Vec<u32>, Vec<String>) {
    let split_at: Vec<Vec<usize>> = groups
        .templates
        .iter()
        .zip(&groups.members)
        .map(|(t, members)| {
            (0..t.len())
                .filter(|&p| t[p] == WILD && group_words(drain, members, p).is_some())
                .collect()
        })
        .collect();
    let mut by_text: HashMap<String, u32> = HashMap::new();
    let mut texts = Vec::new();
    let mut map = Vec::with_capacity(leaves.len());
    let mut toks = Vec::new();
    for leaf in leaves {
        let g = groups.of_cluster[leaf.cluster as usize] as usize;
        toks.clear();
        toks.extend_from_slice(&groups.templates[g]);
        for &p in &split_at[g] {
            toks[p] = leaf_word(drain, leaf, p);
        }
        let text = render(&drain.interner, &toks);
        let id = *by_text.entry(text).or_insert_with_key(|text| {
            texts.push(text.clone());
            texts.len() as u32 - 1
        });
        map.push(id);
    }
    (map, texts)
}

#[cfg(test)]
mod tests {
    use crate::miner::Miner;

    fn templates_of(lines: &[&str]) -> (Vec<u32>, Vec<String>) {
        let mut m = Miner::default();
        let ids: Vec<u32> = lines.iter().map(|l| m.mine(l.as_bytes())).collect();
        let (map, texts) = m.finish();
        (ids.iter().map(|&i| map[i as usize]).collect(), texts)
    }

    #[test]
    fn two_words_split_three_words_are_a_variable() {
        let (ids, texts) = templates_of(&[
            "Location icon should now be in state Active",
            "Location icon should now be in state Inactive",
            "Location icon should now be in state Active",
        ]);
        assert_eq!(ids, [0, 1, 0]);
        assert_eq!(texts[1], "Location icon should now be in state Inactive");
        let (ids, texts) = templates_of(&[
            "session opened for user alice by daemon",
            "session opened for user bob by daemon",
            "session opened for user carol by daemon",
            "session opened for user alice by daemon",
        ]);
        assert_eq!(ids, [0, 0, 0, 0]);
        assert_eq!(texts[0], "session opened for user <*> by daemon");
    }

    #[test]
    fn name_with_a_value_is_one_slot_when_the_words_around_agree() {
        // dpkg: `status unpacked <package>:<arch> <version>`.
        let lines: Vec<String> = ["bash", "man-db", "zlib-dev", "gdb"]
            .iter()
            .map(|p| format!("status unpacked {p}:amd64 1.2-3"))
            .collect();
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        let (ids, texts) = templates_of(&refs);
        assert_eq!(ids, [0, 0, 0, 0]);
        assert_eq!(texts[0], "status unpacked <*> <*>");
        // A whole message of one `key=value` is not: the key is the event.
        let (ids, _) = templates_of(&["setA=1", "setB=2", "setC=3"]);
        assert_eq!(ids, [0, 1, 2]);
    }

    #[test]
    fn a_masked_value_makes_the_position_variable() {
        let (ids, texts) = templates_of(&[
            "worker stopped after retry count one today",
            "worker stopped after retry count two today",
            "worker stopped after retry count 3 today",
        ]);
        assert_eq!(ids, [0, 0, 0]);
        assert_eq!(texts[0], "worker stopped after retry count <*> today");
    }

    #[test]
    fn words_seen_before_tracking_started_keep_their_template() {
        // Many lines with `Active` come first (all in one leaf), then the
        // second word appears: the early lines still get the `Active` one.
        let mut lines = vec!["Link state changed to Active on port"; 5];
        lines.push("Link state changed to Standby on port");
        lines.push("Link state changed to Active on port");
        let (ids, texts) = templates_of(&lines);
        assert_eq!(ids, [0, 0, 0, 0, 0, 1, 0]);
        assert_eq!(
            texts,
            [
                "Link state changed to Active on port",
                "Link state changed to Standby on port"
            ]
        );
    }
}
