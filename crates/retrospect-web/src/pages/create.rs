//! Starting a post-mortem from a template (SRE incident, project, personal).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use retrospect_domain::Kind;
use serde::Deserialize;

use super::{base, render, see_other};
use crate::access;
use crate::auth::Ctx;
use crate::error::{AppError, AppResult};
use crate::input::{Input, blank};
use crate::service::audit;
use crate::state::AppState;

pub async fn new_page(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    // Signed-out visitors get 401, which the error layer turns into the sign-in page.
    let person = ctx.person()?.clone();
    let templates: Vec<_> = crate::templates_catalog::all()
        .into_iter()
        .filter(|t| access::can_create(&person, t.kind))
        .collect();
    render(
        &state,
        "new.html",
        crate::ctx! { base => base(&ctx), templates => templates, teams => person.teams },
    )
}

#[derive(Deserialize)]
pub struct CreateForm {
    title: String,
    template: String,
    #[serde(default, deserialize_with = "blank::string")]
    team: Option<String>,
}

pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Input { value: f, .. }: Input<CreateForm>,
) -> AppResult<Response> {
    let person = ctx.person()?.clone();
    let now = jiff::Timestamp::now();
    let mut pm = crate::templates_catalog::instantiate(&f.template, &f.title, now)?;
    if !access::can_create(&person, pm.kind) {
        return Err(AppError::forbidden(
            "start this kind of post-mortem (a contributor can)",
        ));
    }
    pm.author = Some(person.username.clone());
    if pm.kind != Kind::Personal {
        pm.team = f.team.clone().or_else(|| person.teams.first().cloned());
    }
    let saved = state.store.create(&pm).await?;
    audit::record(
        &state,
        &person,
        saved.id,
        "created",
        &format!("from the {} template", f.template),
    )
    .await;
    if ctx.api() {
        return Ok((StatusCode::CREATED, Json(saved)).into_response());
    }
    Ok(see_other(&format!("/pm/{}", saved.id)))
}
