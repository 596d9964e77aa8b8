//! Removing a cause, a lesson or an action item, from the page and the API.
//! Like every change, it carries the version it was made on, so a removal
//! based on a stale page is refused instead of removing something else.

use axum::extract::{Path, State};
use axum::response::Response;
use retrospect_domain::LocalId;
use serde::Deserialize;

use super::edits::reply;
use crate::auth::Ctx;
use crate::error::AppResult;
use crate::input::Input;
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
