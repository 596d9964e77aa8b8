//! A Drain-style fixed-depth prefix tree over masked token sequences.
//!
//! Sequences are routed by length, then by their first tokens, to a small
//! list of clusters; a sequence joins the most similar cluster when enough of
//! its constant tokens agree, which turns disagreeing positions into
//! wildcards. Tokens are interned to `u32` so comparisons are integer
//! compares. Identical masked sequences are cached by hash upstream, so the
//! tree only sees each distinct sequence once.

use std::collections::HashMap;

use crate::mask::{Masked, WILDCARD};
use crate::variants::PositionWords;

/// Interned id of the wildcard token.
pub const WILD: u32 = 0;

/// Token interner; also remembers which tokens hold a masked part.
#[derive(Debug, Default)]
pub struct Interner {
    ids: HashMap<Box<[u8]>, u32>,
    names: Vec<Box<[u8]>>,
    has_var: Vec<bool>,
    /// For tokens with a masked part: id of the constant skeleton (the
    /// token with its `<*>` removed), to compare variable shapes.
    skeleton: Vec<u32>,
    skeletons: HashMap<Box<[u8]>, u32>,
    /// For tokens with a masked part: id of their shape, each run of word
    /// bytes replaced by one placeholder (`bash:<*>` and `base-passwd:<*>`
    /// share `w:<*>`; `LOGIN(uid=<*>)` is `w(w=<*>)`, not `(w=<*>)`).
    shape: Vec<u32>,
    shapes: HashMap<Box<[u8]>, u32>,
}

/// Bytes that separate words inside a token (as in `mask`).
fn is_word_delim(c: u8) -> bool {
    matches!(
        c,
        b'=' | b','
            | b';'
            | b':'
            | b'('
            | b')'
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'<'
            | b'>'
            | b'"'
            | b'\''
            | b'|'
    )
}

/// A token with its words replaced by `w` and its variables kept.
fn shape_of(tok: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(tok.len());
    let mut i = 0;
    while i < tok.len() {
        if tok[i..].starts_with(WILDCARD) {
            out.extend_from_slice(WILDCARD);
            i += WILDCARD.len();
        } else if is_word_delim(tok[i]) {
            out.push(tok[i]);
            i += 1;
        } else {
            if out.last() != Some(&b'w') {
                out.push(b'w');
            }
            i += 1;
        }
    }
    out
}

impl Interner {
    pub fn new() -> Self {
        let mut i = Interner::default();
        i.intern(WILDCARD);
        i
    }

    pub fn intern(&mut self, tok: &[u8]) -> u32 {
        if let Some(&id) = self.ids.get(tok) {
            return id;
        }
        let id = self.names.len() as u32;
        self.ids.insert(tok.into(), id);
        self.names.push(tok.into());
        let has_var = memchr::memmem::find(tok, WILDCARD).is_some();
        self.has_var.push(has_var);
        let skel = if has_var {
            let mut sk = Vec::with_capacity(tok.len());
            let mut rest = tok;
            while let Some(p) = memchr::memmem::find(rest, WILDCARD) {
                sk.extend_from_slice(&rest[..p]);
                rest = &rest[p + WILDCARD.len()..];
            }
            sk.extend_from_slice(rest);
            let next = self.skeletons.len() as u32;
            *self.skeletons.entry(sk.into_boxed_slice()).or_insert(next)
        } else {
            u32::MAX
        };
        self.skeleton.push(skel);
        let shape = if has_var {
            let next = self.shapes.len() as u32;
            *self
                .shapes
                .entry(shape_of(tok).into_boxed_slice())
                .or_insert(next)
        } else {
            u32::MAX
        };
        self.shape.push(shape);
        id
    }

    /// Shape id of a token with a variable; `u32::MAX` for plain words.
    pub fn shape(&self, id: u32) -> u32 {
        self.shape[id as usize]
    }

    /// Two tokens with variables, of one shape but different words
    /// (`bash:<*>`, `zlib:<*>`).
    pub fn same_shape(&self, a: u32, b: u32) -> bool {
        self.has_var(a) && self.has_var(b) && self.shape(a) == self.shape(b)
    }

    /// Whether two different tokens can be the same variable slot: one is
    /// the wildcard, or one holds a variable and their constant parts agree
    /// (`()` and `(<*>)`), never `(uid=<*>)` versus `LOGIN(uid=<*>)`.
    pub fn compatible(&self, a: u32, b: u32) -> bool {
        if a == b || a == WILD || b == WILD {
            return true;
        }
        let (va, vb) = (self.has_var(a), self.has_var(b));
        if !(va || vb) {
            return false;
        }
        let skel = |t: u32| -> Option<u32> {
            if self.has_var(t) {
                Some(self.skeleton[t as usize])
            } else {
                None
            }
        };
        match (skel(a), skel(b)) {
            (Some(x), Some(y)) => x == y,
            // A constant against a shaped variable: compare the constant
            // with the skeleton text.
            (Some(x), None) | (None, Some(x)) => {
                let c = if va { b } else { a };
                self.skeletons.get(self.name(c)).is_some_and(|&s| s == x)
            }
            (None, None) => false,
        }
    }

    pub fn name(&self, id: u32) -> &[u8] {
        &self.names[id as usize]
    }

    /// Whether a token is (or contains) a masked variable.
    pub fn has_var(&self, id: u32) -> bool {
        self.has_var[id as usize]
    }
}

/// Tunables; one configuration for every log.
#[derive(Clone, Copy, Debug)]
pub struct DrainConfig {
    /// Number of leading tokens used for routing.
    pub prefix_tokens: usize,
    /// Minimum share of agreeing constant tokens to join a cluster.
    pub similarity: f64,
    /// Children per tree node before new tokens share a wildcard branch.
    pub max_children: usize,
}

impl Default for DrainConfig {
    fn default() -> Self {
        DrainConfig {
            prefix_tokens: 2,
            // Strict: distinct events must stay apart; the post-pass
            // (`merge`) joins what only differs in variable shape.
            similarity: 0.8,
            max_children: 100,
        }
    }
}

#[derive(Debug, Default)]
struct Node {
    children: HashMap<u32, Node>,
    clusters: Vec<u32>,
}

/// The tree and its clusters (templates as token ids).
#[derive(Debug)]
pub struct Drain {
    pub cfg: DrainConfig,
    pub interner: Interner,
    pub templates: Vec<Vec<u32>>,
    /// Per cluster: the words seen at positions that became wildcards
    /// because two plain words disagreed (see `variants`).
    pub words: Vec<Vec<PositionWords>>,
    by_len: HashMap<usize, Node>,
}

impl Drain {
    pub fn new(cfg: DrainConfig) -> Self {
        Drain {
            cfg,
            interner: Interner::new(),
            templates: Vec::new(),
            words: Vec::new(),
            by_len: HashMap::new(),
        }
    }

    /// Interns a masked message into token ids.
    pub fn intern(&mut self, m: &Masked, out: &mut Vec<u32>) {
        out.clear();
        for k in 0..m.len() {
            out.push(self.interner.intern(m.token(k)));
        }
    }

    /// Adds one sequence and returns its cluster id.
    pub fn add(&mut self, seq: &[u32]) -> u32 {
        let depth = self.cfg.prefix_tokens.min(seq.len());
        let max_children = self.cfg.max_children;
        let interner = &self.interner;
        let mut node = self.by_len.entry(seq.len()).or_default();
        for &tok in &seq[..depth] {
            let key = if interner.has_var(tok) { WILD } else { tok };
            // A full node sends new tokens down the shared wildcard branch.
            let full = node.children.len() + 1 >= max_children;
            let key = if full && !node.children.contains_key(&key) {
                WILD
            } else {
                key
            };
            node = node.children.entry(key).or_default();
        }
        let best = best_match(
            &self.templates,
            &node.clusters,
            seq,
            self.cfg.similarity,
            interner,
        );
        match best {
            Some(id) => {
                let t = &mut self.templates[id as usize];
                let words = &mut self.words[id as usize];
                for (p, (a, &b)) in t.iter_mut().zip(seq).enumerate() {
                    if *a == WILD {
                        if let Some(pw) = words.iter_mut().find(|w| usize::from(w.pos) == p) {
                            pw.note(b, interner);
                        }
                    } else if *a != b {
                        let mut pw = PositionWords::new(p, *a, interner);
                        pw.note(b, interner);
                        words.push(pw);
                        *a = WILD;
                    }
                }
                id
            }
            None => {
                let id = self.templates.len() as u32;
                self.templates.push(seq.to_vec());
                self.words.push(Vec::new());
                node.clusters.push(id);
                id
            }
        }
    }

    /// The template of a cluster as text.
    pub fn render(&self, id: u32) -> String {
        render(&self.interner, &self.templates[id as usize])
    }
}

/// Joins token ids into the printed template.
pub fn render(interner: &Interner, toks: &[u32]) -> String {
    let mut out = Vec::new();
    for (k, &t) in toks.iter().enumerate() {
        if k > 0 {
            out.push(b' ');
        }
        out.extend_from_slice(interner.name(t));
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Drain's similarity: share of positions where the template's token
/// equals the sequence's (a wildcard equals a masked variable); ties prefer
/// the template with more wildcards (it has already absorbed variation).
fn best_match(
    templates: &[Vec<u32>],
    ids: &[u32],
    seq: &[u32],
    threshold: f64,
    interner: &Interner,
) -> Option<u32> {
    if seq.is_empty() {
        return ids.first().copied();
    }
    let mut best: Option<(f64, usize, u32)> = None;
    for &id in ids {
        let t = &templates[id as usize];
        let mut same = 0;
        let mut wild = 0;
        // Equal plain words, and same-shaped variable tokens with other
        // words (`bash:<*>`, `zlib:<*>`).
        let (mut words, mut shaped) = (0u32, 0u32);
        for (a, b) in t.iter().zip(seq) {
            // A masked variable in the line agrees with a wildcard; a
            // constant word does not (that is how Drain tells events apart).
            if *a == WILD {
                wild += 1;
                if interner.has_var(*b) {
                    same += 1;
                }
            } else if a == b {
                same += 1;
                words += u32::from(!interner.has_var(*a));
            } else if interner.same_shape(*a, *b) {
                shaped += 1;
            } else if interner.has_var(*a) && interner.has_var(*b) && !interner.compatible(*a, *b) {
                // Two differently shaped variables: a different event.
                same = 0;
                break;
            }
        }
        // Same-shaped tokens are one variable slot when the event's words
        // around them agree (`status unpacked bash:<*>` / `zlib:<*>`), not
        // when they are the whole message (`setA=<*>` / `setB=<*>`).
        if same > 0 && words >= 2 * shaped.max(1) {
            same += shaped;
        }
        let sim = f64::from(same) / seq.len() as f64;
        if best.is_none_or(|(s, w, _)| sim > s || (sim == s && wild > w)) {
            best = Some((sim, wild, id));
        }
    }
    // Short messages may always differ in one word (`Invalid user X`).
    let n = seq.len() as f64;
    let threshold = threshold.min((n - 1.0) / n + 0.01);
    best.filter(|(s, _, _)| *s > 0.0 && *s >= threshold)
        .map(|(_, _, id)| id)
}
