//! The live coach endpoint the editor script calls while someone types, and
//! the SMART check of an action draft.

use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use retrospect_coach::Section;
use serde::Deserialize;

use crate::auth::Ctx;
use crate::error::{AppError, AppResult};
use crate::input::Input;
use crate::state::AppState;

/// Texts longer than this are linted on save, not while typing.
const MAX_LIVE_TEXT: usize = 50_000;

#[derive(Deserialize)]
pub struct LintRequest {
    text: String,
    #[serde(default)]
    section: String,
    /// When given (and readable), its participants' names help tell people from systems.
    #[serde(default)]
    postmortem: Option<i64>,
}

pub async fn lint(
    State(state): State<AppState>,
    ctx: Ctx,
    Input { value: req, .. }: Input<LintRequest>,
) -> AppResult<Response> {
    let person = ctx.person()?.clone();
    if req.text.len() > MAX_LIVE_TEXT {
        return Err(AppError::bad_request(
            "That text is too long to check while typing; it is checked when you save.",
        ));
    }
    let names = match req.postmortem {
        Some(id) => crate::service::load_readable(&state, &person, id)
            .await?
            .known_names(),
        None => Vec::new(),
    };
    let findings = crate::coach::lint(&req.text, Section::parse(&req.section), &names);
    Ok(Json(serde_json::json!({ "findings": findings })).into_response())
}
