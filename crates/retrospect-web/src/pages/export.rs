//! Exports for sharing: a standalone HTML document and Markdown. Both go
//! through the same access rule as the page.

use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use retrospect_render::{HtmlOptions, html_document};

use crate::auth::Ctx;
use crate::error::AppResult;
use crate::service::{audit, load_readable};
use crate::state::AppState;

fn attachment(pm_id: i64, ext: &str) -> String {
    format!("attachment; filename=\"postmortem-{pm_id}.{ext}\"")
}

/// The reader's choices for an HTML export, from the query string
/// (`?pseudonymise=1&comments=0`). Without them: real names, comments included.
#[derive(Debug, Default, serde::Deserialize)]
pub struct HtmlExportQuery {
    #[serde(default)]
    pseudonymise: Option<String>,
    #[serde(default)]
    comments: Option<String>,
}

/// A checkbox or link value counts as "yes" unless it clearly says no.
fn flag(value: Option<&str>, default: bool) -> bool {
    match value {
        None => default,
        Some(v) => !matches!(v.trim(), "0" | "false" | "no" | "off"),
    }
}

pub async fn html(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(query): Query<HtmlExportQuery>,
) -> AppResult<Response> {
    let person = ctx.person()?.clone();
    let pm = load_readable(&state, &person, id).await?;
    let options = HtmlOptions {
        pseudonymise: flag(query.pseudonymise.as_deref(), false),
        include_comments: flag(query.comments.as_deref(), true),
    };
    let detail = if options.pseudonymise {
        "HTML, names pseudonymised"
    } else {
        "HTML"
    };
    audit::record(&state, &person, id, "exported", detail).await;
    let document = html_document(&pm, &options);
    let mut response = (
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        document,
    )
        .into_response();
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
