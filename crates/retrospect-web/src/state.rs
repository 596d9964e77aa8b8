//! Shared application state handed to every handler.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use retrospect_domain::Timestamp;

use crate::metrics::Metrics;
use crate::store::WebStore;

/// Options the router needs (a subset of `ServeConfig`, so tests can build an app directly).
#[derive(Debug, Clone)]
pub struct AppOptions {
    pub secure_cookies: bool,
    pub max_upload_bytes: usize,
    pub session_hours: i64,
}

impl Default for AppOptions {
    fn default() -> Self {
        let c = crate::ServeConfig::default();
        Self {
            secure_cookies: c.secure_cookies,
            max_upload_bytes: c.max_upload_bytes,
            session_hours: c.session_hours,
        }
    }
}

#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn WebStore>,
    pub templates: Arc<minijinja::Environment<'static>>,
    pub metrics: Arc<Metrics>,
    pub options: Arc<AppOptions>,
    /// The coach, SMART and fishbone analysis per post-mortem version.
    pub analysis: Arc<crate::analysis::AnalysisCache>,
    /// Post-mortems as last read, reused while their version is current.
    pub postmortems: Arc<crate::service::cache::PostMortemCache>,
    /// When each person last had a view of each post-mortem recorded in the
    /// audit log: views are recorded at most once an hour per person and
    /// post-mortem, so reading a page does not write to the database every time.
    pub recent_views: Arc<Mutex<HashMap<(i64, i64), Timestamp>>>,
}
