//! The blame rules. Each module owns one category; they all scan the masked document
//! once with a compiled regex (fast on big files), then check the condition on the
//! sentence around the match (usually: is the subject a person or a system?).

mod attribution;
pub mod catalog;
mod cause;
mod counterfactual;
mod hindsight;
mod judgement;
mod minimising;
mod omission;
mod phrasing;
mod question;
mod remediation;

use crate::agent::Names;
use crate::finding::Severity;
use crate::text::segment::sentences;
use crate::text::tokens::{Tok, tokenize};
use catalog::Rule;
use std::ops::Range;
use std::sync::OnceLock;

/// A rule match before positions and messages are attached.
#[derive(Debug, Clone)]
pub struct Hit {
    pub rule: Rule,
    pub start: usize,
    pub end: usize,
    /// Severity before section and config adjustments.
    pub severity: Severity,
    /// Who the finding is about, for the message ("Dave", "the on-call engineer").
    pub agent: String,
}

impl Hit {
    /// A finding of warning strength, the usual one for blame.
    pub fn warning(rule: Rule, start: usize, end: usize, agent: impl Into<String>) -> Hit {
        Hit {
            rule,
            start,
            end,
            severity: Severity::Warning,
            agent: agent.into(),
        }
    }
}

/// The masked document with its sentences. Sentence tokens are computed once, on
/// first use: most sentences hold no cue and are never tokenised, and a sentence
/// with several cues is tokenised only once.
pub struct Doc<'a> {
    pub masked: &'a str,
    pub sentences: Vec<Range<usize>>,
    names: Vec<String>,
    tokens: Vec<OnceLock<Vec<Tok<'a>>>>,
}

impl<'a> Doc<'a> {
    pub fn new(masked: &'a str, names: Vec<String>) -> Doc<'a> {
        let sentences = sentences(masked);
        let tokens = sentences.iter().map(|_| OnceLock::new()).collect();
        Doc {
            masked,
            sentences,
            names,
            tokens,
        }
    }

    pub fn names(&self) -> Names<'_> {
        Names(&self.names)
    }

    /// The index of the sentence containing byte `offset`, if any.
    fn sentence_index(&self, offset: usize) -> Option<usize> {
        let i = self
            .sentences
            .partition_point(|r| r.start <= offset)
            .checked_sub(1)?;
        (offset < self.sentences[i].end).then_some(i)
    }

    /// Iterates regex matches together with their sentence and its tokens. A match
    /// that straddles a sentence boundary is dropped.
    pub fn matches<'d, 'r>(
        &'d self,
        re: &'r regex::Regex,
    ) -> impl Iterator<Item = (regex::Captures<'a>, Range<usize>, &'d [Tok<'a>])> + use<'a, 'd, 'r>
    {
        re.captures_iter(self.masked).filter_map(move |c| {
            let m = c.get(0)?;
            let i = self.sentence_index(m.start())?;
            let r = self.sentences[i].clone();
            if m.end() > r.end {
                return None;
            }
            let toks = self.tokens[i].get_or_init(|| tokenize(&self.masked[r.clone()], r.start));
            Some((c, r, toks.as_slice()))
        })
    }
}

/// Index of the first token starting at or after `offset`.
pub fn tok_at(toks: &[Tok], offset: usize) -> usize {
    toks.partition_point(|t| t.start < offset)
}

/// True when the match is glued to a hyphen ("obviously-wrong", "lazy-loaded"): a
/// compound word, not the blame word.
pub fn in_compound(text: &str, start: usize, end: usize) -> bool {
    let b = text.as_bytes();
    (start > 0 && b[start - 1] == b'-') || b.get(end).is_some_and(|c| *c == b'-')
}

/// True when one of the `n` words before token `i` negates ("not obvious").
pub fn negated_before(toks: &[Tok], i: usize, n: usize) -> bool {
    toks[i.saturating_sub(n)..i].iter().any(|t| {
        matches!(
            t.norm.as_str(),
            "not"
                | "never"
                | "no"
                | "nothing"
                | "hardly"
                | "barely"
                | "less"
                | "non"
                | "neither"
                | "nor"
                | "far"
                | "wasn't"
                | "isn't"
                | "weren't"
                | "aren't"
                | "didn't"
                | "doesn't"
                | "don't"
                | "nobody"
                | "rarely"
                | "seldom"
        ) || t.norm.ends_with("n't")
    })
}

/// Documents above this size are scanned on two threads.
const PARALLEL_BYTES: usize = 64 * 1024;

/// Rule families, in two groups of about equal cost. Each compiled regex belongs to
/// one group, so the two threads never share a regex (sharing one makes the engine
/// hand its scratch space back and forth on every match).
fn scan_first(doc: &Doc, h: &mut Vec<Hit>) {
    counterfactual::scan(doc, h);
    question::scan(doc, h);
    hindsight::scan(doc, h);
    remediation::scan(doc, h);
}

fn scan_second(doc: &Doc, h: &mut Vec<Hit>) {
    cause::scan(doc, h);
    attribution::scan(doc, h);
    judgement::scan(doc, h);
    minimising::scan(doc, h);
    phrasing::scan(doc, h);
}

/// Runs every rule over the masked document.
pub fn scan(doc: &Doc) -> Vec<Hit> {
    // Big documents: the two groups run on two threads. The rules only read the
    // document, so this changes nothing but the wall time.
    let mut hits = if doc.masked.len() > PARALLEL_BYTES {
        std::thread::scope(|scope| {
            let other = scope.spawn(|| {
                let mut h = Vec::new();
                scan_second(doc, &mut h);
                h
            });
            let mut h = Vec::new();
            scan_first(doc, &mut h);
            h.extend(other.join().expect("rule thread panicked"));
            h
        })
    } else {
        let mut h = Vec::new();
        scan_first(doc, &mut h);
        scan_second(doc, &mut h);
        h
    };
    hits.sort_by_key(|h| (h.start, h.end, h.rule.id()));
    // The same rule firing twice on overlapping text is one finding.
    let mut out: Vec<Hit> = Vec::with_capacity(hits.len());
    for h in hits {
        if let Some(prev) = out
            .iter_mut()
            .rev()
            .take(4)
            .find(|p| p.rule == h.rule && p.end > h.start)
        {
            if h.severity > prev.severity {
                prev.severity = h.severity;
            }
            prev.end = prev.end.max(h.end);
            continue;
        }
        out.push(h);
    }
    out
}
