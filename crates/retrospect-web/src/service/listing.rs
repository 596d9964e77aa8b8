//! Lists and search through the access rules: the store filters rows in SQL
//! with the same rule as [`crate::access::can_read`], so titles of private
//! post-mortems never leak and counts are taken after filtering.

use retrospect_store::{ActionFilter, ActionRow, ListFilter, Summary};

use crate::access::{Person, reader};
use crate::error::AppResult;
use crate::state::AppState;

/// The post-mortems matching `filter` that this person may read, newest first.
pub async fn readable_summaries(
    state: &AppState,
    person: &Person,
    filter: ListFilter,
    limit: usize,
) -> AppResult<Vec<Summary>> {
    let filter = ListFilter {
        limit: Some(limit as i64),
        ..filter
    };
    Ok(state.store.list_readable(&filter, &reader(person)).await?)
}

/// Action items across post-mortems this person may read.
pub async fn readable_actions(
    state: &AppState,
    person: &Person,
    filter: ActionFilter,
) -> AppResult<Vec<ActionRow>> {
    Ok(state
        .store
        .actions_readable(&filter, &reader(person))
        .await?)
}
