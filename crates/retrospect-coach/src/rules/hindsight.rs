//! Hindsight: "obviously", "it was obvious", "the signs were all there", "should have
//! seen it coming". Negated ("it was not obvious") and acknowledged hindsight ("in
//! hindsight the graph looks clear, but at 03:10 …") are fine.

use super::catalog::Rule;
use super::{Doc, Hit, in_compound, negated_before, tok_at};
use regex::Regex;
use std::sync::LazyLock;

static CUES: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(concat!(
        r"(?i)\b(?:obviously|(?:was|is|were|seems|seemed|looked|became|been|be)\s+(?:so\s+|very\s+|pretty\s+|quite\s+|completely\s+|totally\s+|entirely\s+|utterly\s+|absolutely\s+|perfectly\s+|fully\s+|painfully\s+|blindingly\s+|glaringly\s+)?(?:obvious|predictable|foreseeable|inevitable|preventable|avoidable)",
        r"|(?:an?\s+)?(?:completely\s+|entirely\s+|totally\s+|easily\s+)?(?:preventable|avoidable)\s+(?:outage|incident|failure|mistake|error|problem)",
        r"|(?:an?|the)\s+obvious\s+(?:mistake|error|sign|signs|warning|red\s+flag|problem|oversight|miss|clue|symptom)",
        r"|clearly,?\s+(?:[a-z]+\s+){0,2}?(?:should|shouldn['’]t)|clearly\s+(?:a|the|an)\s+(?:sign|signal|warning|red\s+flag|indication|symptom|precursor)|clearly\s+(?:should|shouldn['’]t|could|showed|indicated|pointed|signalled|signaled|visible|wrong|a\s+mistake|an\s+error|was|were|had)",
        r"|(?:signs|signals|symptoms|problem|issue|risk|warnings?|red\s+flags)\s+(?:was|were)\s+(?:all\s+)?(?:plain|there|clear|evident|visible|obvious)\s+(?:for\s+all\s+)?to\s+see|(?:was|were)\s+(?:evident|apparent|clear|obvious)\s+(?:well|long|hours|days|weeks)\s+before\b[^.;]{0,60}?\b(?:yet|but)\b|(?:everybody|everyone|anyone|any\s+engineer)\s+knows\s+(?:that\s+)?(?:(?:you|we)\s+(?:don['’]t|do\s+not|never|shouldn['’]t|should\s+not|can['’]t|must\s+not|mustn['’]t)|not\s+to|never\s+to)",
        r"|(?:warning\s+)?signs\s+were\s+(?:all\s+)?(?:(?:plainly|clearly|right)\s+)?(?:there|obvious|clear|visible)|red\s+flags\s+were\s+(?:all\s+)?(?:(?:plainly|clearly)\s+)?(?:there|obvious|ignored|visible)|writing\s+(?:was\s+)?on\s+the\s+wall",
        r"|(?:should|could)\s+have\s+seen\s+(?:this|it|that)\s+coming|saw\s+(?:this|it)\s+coming|bound\s+to\s+happen|waiting\s+to\s+happen|(?:only|just)\s+a\s+matter\s+of\s+time",
        r"|(?:it|that|this)['’]s\s+(?:so\s+|pretty\s+)?(?:obvious|clear)\s+now|(?:it|that|this)['’]s\s+(?:so\s+|pretty\s+)?obvious\s+(?:that|why|what)|(?:anyone|everyone|anybody|any\s+engineer)\s+(?:(?:looking|who\s+looked)\s+at\s+[^.,;]{1,40}?\s+)?(?:would|should|could)\s+have\s+(?:known|seen|noticed|realised|realized|spotted|caught|prevented|avoided)|(?:we\s+all|we|everyone|everybody|they\s+all|all\s+of\s+us)\s+knew\s+(?:this|it|that)\s+(?:would|was\s+going\s+to|could)|everyone\s+knew|everybody\s+knew|anyone\s+could\s+(?:have\s+)?(?:seen|see|told|tell)|as\s+anyone\s+could\s+see|it['’]s\s+clear\s+now|in\s+retrospect\s+it\s+was|(?:plainly|evidently)\s+(?:should|wrong|a\s+mistake))\b"
    ))
    .unwrap()
});

/// Hindsight framed as hindsight, then countered, is what we want people to write.
static ACKNOWLEDGED: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::compile(r"(?i)\b(?:in\s+hindsight|with\s+hindsight|looking\s+back|knowing\s+the\s+outcome|in\s+retrospect|now\s+that\s+we\s+know)\b.*\b(?:but|however|although|though|yet|at\s+the\s+time)\b|\btempting\s+to\b").unwrap()
});

pub fn scan(doc: &Doc, out: &mut Vec<Hit>) {
    for (c, r, toks) in doc.matches(&CUES) {
        let m = c.get(0).unwrap();
        if in_compound(doc.masked, m.start(), m.end()) {
            continue; // "obviously-wrong values"
        }
        let i = tok_at(toks, m.start());
        let lead = m.as_str().to_ascii_lowercase();
        let words_to_check = if lead.starts_with("obvious") || lead.starts_with("clearly") {
            2
        } else {
            1
        };
        // "was not obvious", "wasn't obvious", "non-obvious", "nothing obvious".
        // "everybody knows you don't deploy …" carries its own negation as the rule.
        let inner_neg =
            (lead.contains(" not ") || lead.contains("n't")) && !lead.contains(" knows ");
        if negated_before(toks, i, words_to_check)
            || negated_before(toks, i + 1, 1) && !lead.starts_with("obviously")
            || inner_neg
        {
            continue;
        }
        if ACKNOWLEDGED.is_match(&doc.masked[r.clone()]) {
            continue;
        }
        // "obviously not an exhaustive list", "some may be obvious, but …": hedged or
        // negated right after the cue.
        let next = toks
            .get(tok_at(toks, m.end()))
            .map_or("", |t| t.norm.as_str());
        let prev = i.checked_sub(1).map_or("", |k| toks[k].norm.as_str());
        if next == "not" || matches!(prev, "may" | "might" | "could") {
            continue;
        }
        // "our usage is predictable": a present-tense property of a system, not the
        // incident judged afterwards.
        if (lead.starts_with("is ") || lead.starts_with("are ") || lead.starts_with("seems "))
            && !lead.contains("obvious")
        {
            let subject = i
                .checked_sub(1)
                .map(|k| toks[k].norm.as_str())
                .unwrap_or("");
            let about_incident = matches!(
                subject,
                "it" | "this" | "that" | "outage" | "incident" | "failure" | "which" | "problem"
            );
            if !about_incident {
                continue;
            }
        }
        // "Obviously the numbers in this table are approximate": a present-tense
        // remark about the document or data, not the incident judged afterwards.
        if lead.starts_with("obviously") {
            let first_verb = toks[i + 1..].iter().take(10).find(|t| {
                matches!(
                    t.norm.as_str(),
                    "is" | "are" | "was" | "were" | "should" | "had" | "has" | "have" | "did"
                )
            });
            if first_verb.is_some_and(|t| t.is("is") || t.is("are")) {
                continue;
            }
        }
        out.push(Hit::warning(
            Rule::Hindsight,
            m.start(),
            m.end(),
            String::new(),
        ));
    }
}
