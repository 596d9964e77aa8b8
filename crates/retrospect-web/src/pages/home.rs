//! The home page: my post-mortems, my open and overdue actions, post-mortems
//! waiting for review; and search. Everything goes through the access rules.

use axum::Json;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use retrospect_domain::Status;
use retrospect_store::{ActionFilter, ListFilter};
use serde::Deserialize;

use super::{base, render, see_other};
use crate::auth::Ctx;
use crate::error::AppResult;
use crate::service::listing::readable_actions;
use crate::service::readable_summaries;
use crate::state::AppState;

const HOME_ROWS: usize = 50;

pub async fn home(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let Some(person) = ctx.identity.person.clone() else {
        let target = if state.store.user_count().await? == 0 {
            "/setup"
        } else {
            "/login"
        };
        return Ok(see_other(target));
    };
    // The most recent readable post-mortems are enough to find one's own; the
    // review queue is asked for separately so an old one is not missed.
    let all = readable_summaries(&state, &person, ListFilter::default(), 1_000).await?;
    let mine: Vec<_> = all
        .iter()
        .filter(|s| s.author.as_deref() == Some(person.username.as_str()))
        .take(HOME_ROWS)
        .cloned()
        .collect();
    let review_filter = ListFilter {
        status: Some(Status::InReview),
        ..Default::default()
    };
    let in_review = readable_summaries(&state, &person, review_filter, HOME_ROWS).await?;
    let recent: Vec<_> = all.iter().take(HOME_ROWS).cloned().collect();
    let today = jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .date();
    let actions = readable_actions(
        &state,
        &person,
        ActionFilter {
            owner: Some(person.username.clone()),
            open_only: true,
            overdue_on: None,
        },
    )
    .await?;
    let rows: Vec<_> = actions
        .iter()
        .map(|a| crate::ctx! { row => a, overdue => a.action.is_overdue(today) })
        .collect();
    let overdue = actions
        .iter()
        .filter(|a| a.action.is_overdue(today))
        .count();
    render(
        &state,
        "home.html",
        crate::ctx! { base => base(&ctx), mine => mine, in_review => in_review, recent => recent,
        actions => rows, overdue => overdue },
    )
}

#[derive(Deserialize, Default)]
pub struct SearchQuery {
    #[serde(default)]
    q: String,
}

pub async fn search(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<SearchQuery>,
) -> AppResult<Response> {
    let person = ctx.person()?.clone();
    let words = q.q.trim().to_string();
    let filter = ListFilter {
        title_contains: (!words.is_empty()).then(|| words.clone()),
        ..Default::default()
    };
    let rows = readable_summaries(&state, &person, filter, 200).await?;
    if ctx.api() {
        return Ok(
            Json(serde_json::json!({ "count": rows.len(), "postmortems": rows })).into_response(),
        );
    }
    render(
        &state,
        "search.html",
        crate::ctx! { base => base(&ctx), q => words, rows => rows },
    )
}
