//! The post-mortem page (all five steps) and its JSON twin, plus the audit page.

use axum::Json;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use retrospect_domain::{ActionKind, EnumName, LessonKind, Visibility};

use super::{base, render};
use crate::access;
use crate::auth::Ctx;
use crate::error::{AppError, AppResult};
use crate::service::{audit, load_readable};
use crate::state::AppState;

/// The follow-through verdicts, as the domain names them and as the page says them.
const EFFECTIVENESS: [(&str, &str); 3] = [
    ("effective", "it worked"),
    ("partly", "it partly worked"),
    ("not-effective", "it did not work"),
];

pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    // Signed-out visitors get 401, which the error layer turns into the sign-in page.
    let person = ctx.person()?.clone();
    let pm = load_readable(&state, &person, id).await?;
    audit::record_view(&state, &person, id).await;
    let view = crate::view::build(&pm, &person, &state.analysis.get(&pm));
    let names = |all: &'static [&'static str]| all.to_vec();
    render(
        &state,
        "postmortem.html",
        crate::ctx! {
            base => base(&ctx),
            v => view,
            severities => ["SEV1", "SEV2", "SEV3", "SEV4", "SEV5"],
            visibilities => Visibility::ALL.iter().map(|v| v.name()).collect::<Vec<_>>(),
            action_kinds => ActionKind::ALL.iter().map(|v| v.name()).collect::<Vec<_>>(),
            lesson_kinds => LessonKind::ALL.iter().map(|k| (k.name(), k.heading())).collect::<Vec<_>>(),
            categories => pm.fishbone_categories.clone(),
            moment_kinds => names(&["started", "detected", "mitigated", "resolved"]),
            effectiveness_choices => EFFECTIVENESS,
            effectiveness_labels => EFFECTIVENESS.iter().copied().collect::<std::collections::BTreeMap<_, _>>(),
            teams => person.teams.clone(),
        },
    )
}

pub async fn show_json(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let person = ctx.person()?.clone();
    let pm = load_readable(&state, &person, id).await?;
    audit::record_view(&state, &person, id).await;
    let findings = crate::coach::review(&pm);
    let durations = pm.durations();
    Ok(Json(serde_json::json!({
        "postmortem": pm,
        "durations": durations,
        "coach": findings,
        "publish_blocked_by": crate::coach::blocking(&findings).len(),
    }))
    .into_response())
}

pub async fn audit_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let person = ctx.person()?.clone();
    let pm = load_readable(&state, &person, id).await?;
    if !access::can_see_audit(&person, &pm) {
        return Err(AppError::forbidden(
            "see who viewed and changed this post-mortem (its participants can)",
        ));
    }
    let entries = state.store.list_audit(id, 500).await?;
    if ctx.api() {
        return Ok(Json(entries).into_response());
    }
    let rows: Vec<_> = entries
        .iter()
        .map(|e| crate::ctx! { at => crate::view::utc(e.at), who => e.username, action => e.action, detail => e.detail })
        .collect();
    render(
        &state,
        "audit.html",
        crate::ctx! { base => base(&ctx), pm => pm, rows => rows },
    )
}
