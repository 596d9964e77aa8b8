//! JSON-only endpoints. Most of the REST API is served by the same handlers as
//! the pages (see `routes.rs`); these are the few with no page twin.

pub mod openapi;

use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use retrospect_store::ActionFilter;

use crate::auth::Ctx;
use crate::error::AppResult;
use crate::service::listing::readable_actions;
use crate::state::AppState;

pub async fn me(ctx: Ctx) -> AppResult<Response> {
    Ok(Json(ctx.person()?.clone()).into_response())
}

/// My open actions across the post-mortems I may read.
pub async fn my_actions(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let person = ctx.person()?.clone();
    let rows = readable_actions(
        &state,
        &person,
        ActionFilter {
            owner: Some(person.username.clone()),
            open_only: true,
            overdue_on: None,
        },
    )
    .await?;
    Ok(Json(serde_json::json!({ "actions": rows })).into_response())
}
