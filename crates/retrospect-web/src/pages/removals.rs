//! Removing a cause, a lesson or an action item, from the page and the API.
//! Like every change, it carries the version it was made on, so a removal
//! based on a stale page is refused instead of removing something else.

use axum::Json;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use retrospect_domain::LocalId;
use serde::Deserialize;

use super::edits::reply;
use crate::auth::Ctx;
use crate::error::{AppError, AppResult};
use crate::input::Input;
use crate::service::change::conflict_error;
use crate::service::{Permission, change};
use crate::state::AppState;

#[derive(Deserialize)]
pub struct RemoveForm {
    version: i64,
}

/// The part lists a removal can touch, with the page section to return to.
#[derive(Clone, Copy)]
enum Part {
    Cause,
    Lesson,
    Action,
}

impl Part {
    fn section(self) -> &'static str {
        match self {
            Part::Cause => "causes",
            Part::Lesson => "lessons",
            Part::Action => "actions",
        }
    }

    fn label(self, n: LocalId) -> String {
        match self {
            Part::Cause => format!("cause C{n} removed"),
            Part::Lesson => format!("lesson L{n} removed"),
            Part::Action => format!("action A{n} removed"),
        }
    }
}

async fn remove(
    state: AppState,
    ctx: Ctx,
    id: i64,
    part: Part,
    n: LocalId,
    f: RemoveForm,
    raw: Vec<(String, String)>,
) -> AppResult<Response> {
    let person = ctx.person()?.clone();
    let what = part.label(n);
    let changed = change(
        &state,
        &person,
        id,
        f.version,
        Permission::Edit,
        &what,
        |pm| {
            match part {
                Part::Cause => pm.remove_cause(n).map(|_| ()),
                Part::Lesson => pm.remove_lesson(n).map(|_| ()),
                Part::Action => pm.remove_action(n).map(|_| ()),
            }?;
            Ok(())
        },
    )
    .await?;
    // Where a refused (stale) removal is sent again from the conflict page.
    let action = if ctx.api() {
        format!("/api/v1/postmortems/{id}/{}/{n}/remove", part.section())
    } else {
        format!("/pm/{id}/{}/{n}/remove", part.section())
    };
    reply(&state, &ctx, changed, part.section(), raw, action).await
}

pub async fn remove_cause(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, n)): Path<(i64, LocalId)>,
    Input { value, raw }: Input<RemoveForm>,
) -> AppResult<Response> {
    remove(state, ctx, id, Part::Cause, n, value, raw).await
}

pub async fn remove_lesson(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, n)): Path<(i64, LocalId)>,
    Input { value, raw }: Input<RemoveForm>,
) -> AppResult<Response> {
    remove(state, ctx, id, Part::Lesson, n, value, raw).await
}

pub async fn remove_action(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, n)): Path<(i64, LocalId)>,
    Input { value, raw }: Input<RemoveForm>,
) -> AppResult<Response> {
    remove(state, ctx, id, Part::Action, n, value, raw).await
}

#[derive(Deserialize)]
pub struct DeleteForm {
    version: i64,
    /// The page's "I understand" box; scripts using the API need not send it.
    #[serde(default)]
    confirm: Option<String>,
}

/// Deletes a whole post-mortem, if this person may and it is still at
/// `version`. The audit keeps an entry without the title, so a deleted
/// personal post-mortem leaves nothing of its content behind.
pub async fn delete_postmortem(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Input { value: f, .. }: Input<DeleteForm>,
) -> AppResult<Response> {
    let person = ctx.person()?.clone();
    let pm = crate::service::load_readable(&state, &person, id).await?;
    if !crate::access::can_delete(&person, &pm) {
        return Err(AppError::forbidden(
            "delete this post-mortem (its author can delete a personal one; an administrator any other)",
        ));
    }
    if !ctx.api() && f.confirm.as_deref().is_none_or(str::is_empty) {
        return Err(AppError::bad_request(
            "Nothing was deleted: please tick the box that says you understand it cannot be undone.",
        ));
    }
    match state.store.delete(id, f.version).await {
        Ok(()) => {}
        Err(retrospect_store::StoreError::Conflict { yours, current, .. }) => {
            return Err(conflict_error(yours, current));
        }
        Err(e) => return Err(e.into()),
    }
    crate::service::audit::record(&state, &person, id, "deleted", "").await;
    if ctx.api() {
        return Ok(Json(serde_json::json!({ "deleted": id })).into_response());
    }
    Ok(super::see_other("/"))
}
