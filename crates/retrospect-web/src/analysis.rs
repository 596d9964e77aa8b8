//! The expensive, person-independent part of a post-mortem page: the coach's
//! findings over every text, the SMART hints and the fishbone picture. They
//! depend only on the post-mortem's content, which its version identifies, so
//! they are computed once per (id, version) and shared by every view.
//! Several instances each keep their own cache; a new version is always
//! recomputed, so no instance ever shows stale analysis.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use retrospect_domain::{LocalId, PostMortem};

use crate::coach::{self, PlacedFinding};
use crate::view::SmartHint;

pub struct Analysis {
    pub findings: Vec<PlacedFinding>,
    pub smart: HashMap<LocalId, Vec<SmartHint>>,
    pub fishbone_svg: String,
}

impl Analysis {
    pub fn of(pm: &PostMortem) -> Self {
        Analysis {
            findings: coach::review(pm),
            smart: pm
                .actions
                .iter()
                .map(|a| (a.id, crate::smart::hints(pm, a)))
                .collect(),
            fishbone_svg: retrospect_render::fishbone_svg(pm),
        }
    }
}

/// Enough entries for every post-mortem people are looking at this hour.
const MAX_ENTRIES: usize = 2_000;

#[derive(Default)]
pub struct AnalysisCache {
    entries: Mutex<HashMap<i64, (i64, Arc<Analysis>)>>,
}

impl AnalysisCache {
    pub fn get(&self, pm: &PostMortem) -> Arc<Analysis> {
        if let Ok(entries) = self.entries.lock()
            && let Some((version, analysis)) = entries.get(&pm.id)
            && *version == pm.version
        {
            return analysis.clone();
        }
        let analysis = Arc::new(Analysis::of(pm));
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= MAX_ENTRIES {
                entries.clear();
            }
            entries.insert(pm.id, (pm.version, analysis.clone()));
        }
        analysis
    }
}
