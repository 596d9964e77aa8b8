//! Post-pass over Drain's clusters: merge clusters that are the same event
//! with a variable Drain could not see.

use std::collections::HashMap;

use crate::drain::{Drain, render};

/// Returns the final template index of each cluster and the final
/// templates' text (clusters with identical text are one template).
pub fn merge(drain: &Drain) -> (Vec<u32>, Vec<String>) {
    let mut by_text: HashMap<String, u32> = HashMap::new();
    let mut texts = Vec::new();
    let mut map = Vec::with_capacity(drain.templates.len());
    for t in &drain.templates {
        let text = render(&drain.interner, t);
        let id = *by_text.entry(text.clone()).or_insert_with(|| {
            texts.push(text);
            texts.len() as u32 - 1
        });
        map.push(id);
    }
    (map, texts)
}
