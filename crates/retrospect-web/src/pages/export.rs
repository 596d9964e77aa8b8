//! Exports for sharing: a standalone HTML document and Markdown. Both go
//! through the same access rule as the page.

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::auth::Ctx;
use crate::error::AppResult;
use crate::service::{audit, load_readable};
use crate::state::AppState;

fn attachment(pm_id: i64, ext: &str) -> String {
    format!("attachment; filename=\"postmortem-{pm_id}.{ext}\"")
}

pub async fn html(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let person = ctx.person()?.clone();
    let pm = load_readable(&state, &person, id).await?;
    audit::record(&state, &person, id, "exported", "HTML").await;
    let v = crate::view::build(&pm, &person, &state.analysis.get(&pm));
    let page = super::render(
        &state,
        "document.html",
        crate::ctx! { pm => pm, status => v.status, moments => v.moments, durations => v.durations,
        timeline => v.timeline, causes => v.causes, fishbone => v.fishbone_svg },
    )?;
    let mut response = page;
    if let Ok(value) = axum::http::HeaderValue::from_str(&attachment(id, "html")) {
        response
            .headers_mut()
            .insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(response)
}

pub async fn markdown(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let person = ctx.person()?.clone();
    let pm = load_readable(&state, &person, id).await?;
    audit::record(&state, &person, id, "exported", "Markdown").await;
    let text = retrospect_markdown::to_markdown(&pm);
    let mut response = (
        [(header::CONTENT_TYPE, "text/markdown; charset=utf-8")],
        text,
    )
        .into_response();
    if let Ok(value) = axum::http::HeaderValue::from_str(&attachment(id, "md")) {
        response
            .headers_mut()
            .insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(response)
}
