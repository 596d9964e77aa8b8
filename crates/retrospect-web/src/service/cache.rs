//! Post-mortems as last read, keyed by id and checked against the database's
//! version on every use. Reading a whole post-mortem takes a dozen queries
//! (one per kind of part); asking for its version takes one, so a page that
//! many people keep open costs one small query instead of a dozen. Because
//! the version is read from the database each time, several instances on one
//! database never serve each other's stale copies.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use retrospect_domain::PostMortem;
use retrospect_store::StoreError;

use crate::store::WebStore;

/// Enough for every post-mortem people are looking at this hour.
const MAX_ENTRIES: usize = 2_000;

#[derive(Default)]
pub struct PostMortemCache {
    entries: Mutex<HashMap<i64, Arc<PostMortem>>>,
}

impl PostMortemCache {
    /// The current post-mortem `id`: the cached copy when its version is
    /// still the database's, otherwise read afresh (and kept).
    pub async fn get(&self, store: &dyn WebStore, id: i64) -> Result<PostMortem, StoreError> {
        let current = store.version(id).await?;
        if let Some(pm) = self.cached(id).filter(|pm| pm.version == current) {
            return Ok(PostMortem::clone(&pm));
        }
        let pm = store.get(id).await?;
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= MAX_ENTRIES {
                entries.clear();
            }
            entries.insert(id, Arc::new(pm.clone()));
        }
        Ok(pm)
    }

    fn cached(&self, id: i64) -> Option<Arc<PostMortem>> {
        self.entries.lock().ok()?.get(&id).cloned()
    }
}
