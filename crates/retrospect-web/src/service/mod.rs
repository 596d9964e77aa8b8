//! Service functions shared by the HTML pages and the JSON API: load a
//! post-mortem through the access rules, change it under its version, record
//! the change in the audit log.

pub mod audit;
pub mod cache;
pub mod change;
pub mod listing;

pub use change::{Permission, change};
pub use listing::readable_summaries;

use retrospect_domain::PostMortem;

use crate::access::{self, Person};
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// Loads a post-mortem this person may read. Missing and forbidden answer the
/// same "not found", so nobody learns that a private post-mortem exists.
pub async fn load_readable(state: &AppState, person: &Person, id: i64) -> AppResult<PostMortem> {
    let pm = match state.postmortems.get(&*state.store, id).await {
        Ok(pm) => pm,
        Err(retrospect_store::StoreError::NotFound(_)) => return Err(AppError::not_found()),
        Err(e) => return Err(e.into()),
    };
    if access::can_read(person, &pm) {
        Ok(pm)
    } else {
        Err(AppError::not_found())
    }
}
