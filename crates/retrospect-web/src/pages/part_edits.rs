//! Editing parts that already exist: a cause (its text, fishbone category and
//! the cause it answers "why?" about), a lesson, an action item and the
//! action's follow-through review. Like every change, each handler serves the
//! page (form in, 303 out) and the REST API (JSON in, the saved post-mortem
//! out), carries the version it was made on and goes through
//! [`crate::service::change`], so a stale edit is refused (409) and shown side
//! by side with the current part instead of overwriting it.
//!
//! Fields follow one rule on both surfaces: a field that is left out is left
//! unchanged; a field sent empty (or `null` in JSON) is cleared where it may be
//! (category, parent, owner, due date, criterion, linked causes, review date).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use retrospect_domain::{
    ActionItem, ActionKind, ActionStatus, Date, DomainError, Effectiveness, LessonKind, LocalId,
    parse_enum,
};
use serde::{Deserialize, Deserializer};

use super::edits::{Edit, apply_edit};
use crate::auth::Ctx;
use crate::error::{AppError, AppResult};
use crate::input::Input;
use crate::service::Permission;
use crate::state::AppState;

/// A field that may be absent (`None`: leave it), empty or null (`Some(None)`:
/// clear it) or filled (`Some(Some(text))`, trimmed).
fn field<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    let v: Option<String> = Option::deserialize(d)?;
    Ok(Some(
        v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty()),
    ))
}

/// `C3`, `c3` or `3` for cause 3 (the same reading as the add forms use).
fn part_id(text: &str, prefix: char) -> AppResult<LocalId> {
    super::edits::local(Some(text), prefix)?
        .ok_or_else(|| AppError::bad_request(format!("Name a part like {prefix}2.")))
}

fn date(text: &str, what: &str) -> AppResult<Date> {
    text.parse()
        .map_err(|_| AppError::bad_request(format!("The {what} should look like 2024-06-30.")))
}

#[derive(Deserialize)]
pub struct CauseEditForm {
    version: i64,
    #[serde(default)]
    text: Option<String>,
    #[serde(default, deserialize_with = "field")]
    category: Option<Option<String>>,
    /// The cause this one answers "why?" about: `C2`, or empty for a direct cause.
    #[serde(default, deserialize_with = "field")]
    parent: Option<Option<String>>,
}

/// A refusal in the words of the page (422, like the domain's own refusals).
fn refuse(message: String) -> AppError {
    AppError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid_input", message)
}

/// A move that would make the tree loop, said in the words of the page. The
/// domain reports where it found the loop; the person asked for `n` under `parent`.
fn kind_cycle(err: DomainError, n: LocalId, parent: Option<Option<LocalId>>) -> AppError {
    match (err, parent) {
        (DomainError::CauseCycle { .. }, Some(Some(p))) if p == n => refuse(format!(
            "C{n} cannot answer “why?” about itself. Nothing was changed: choose another cause for it to sit under, or make it a direct cause."
        )),
        (DomainError::CauseCycle { .. }, Some(Some(p))) => refuse(format!(
            "C{n} cannot go under C{p}: C{p} already sits in C{n}’s branch, so the chain of whys would go round in a circle. Nothing was changed. Choose a cause outside that branch, or make C{n} a direct cause."
        )),
        (other, _) => other.into(),
    }
}

pub async fn edit_cause(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, n)): Path<(i64, LocalId)>,
    Input { value: f, raw }: Input<CauseEditForm>,
) -> AppResult<Response> {
    ctx.person()?;
    let parent = match &f.parent {
        None => None,
        Some(None) => Some(None),
        Some(Some(p)) => Some(Some(part_id(p, 'C')?)),
    };
    let what = format!("cause C{n} edited");
    let anchor = format!("C{n}");
    let edit = Edit {
        permission: Permission::Edit,
        what: &what,
        anchor: &anchor,
        tail: &format!("causes/{n}"),
    };
    apply_edit(&state, &ctx, id, f.version, raw, edit, |pm| {
        let category = f.category.as_ref().map(|c| c.as_deref());
        pm.edit_cause(n, f.text.as_deref(), category, parent)
            .map_err(|e| kind_cycle(e, n, parent))
    })
    .await
}

#[derive(Deserialize)]
pub struct LessonEditForm {
    version: i64,
    #[serde(default, deserialize_with = "field")]
    kind: Option<Option<String>>,
    #[serde(default)]
    text: Option<String>,
}

pub async fn edit_lesson(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, n)): Path<(i64, LocalId)>,
    Input { value: f, raw }: Input<LessonEditForm>,
) -> AppResult<Response> {
    ctx.person()?;
    let kind: Option<LessonKind> = f.kind.flatten().as_deref().map(parse_enum).transpose()?;
    let text = f
        .text
        .as_deref()
        .map(|t| {
            let t = t.trim();
            if t.is_empty() {
                Err(DomainError::Empty { field: "lesson" })
            } else if t.chars().count() > 20_000 {
                Err(DomainError::TooLong {
                    field: "lesson",
                    len: t.chars().count(),
                    max: 20_000,
                })
            } else {
                Ok(t.to_string())
            }
        })
        .transpose()?;
    let what = format!("lesson L{n} edited");
    let anchor = format!("L{n}");
    let edit = Edit {
        permission: Permission::Edit,
        what: &what,
        anchor: &anchor,
        tail: &format!("lessons/{n}"),
    };
    apply_edit(&state, &ctx, id, f.version, raw, edit, |pm| {
        let lesson = pm.lesson_mut(n)?;
        if let Some(k) = kind {
            lesson.kind = k;
        }
        if let Some(t) = text {
            lesson.text = t;
        }
        Ok(())
    })
    .await
}

#[derive(Deserialize)]
pub struct ActionEditForm {
    version: i64,
    #[serde(default)]
    text: Option<String>,
    #[serde(default, deserialize_with = "field")]
    owner: Option<Option<String>>,
    #[serde(default, deserialize_with = "field")]
    due: Option<Option<String>>,
    #[serde(default, deserialize_with = "field")]
    kind: Option<Option<String>>,
    #[serde(default, deserialize_with = "field")]
    success_criterion: Option<Option<String>>,
    /// The causes it addresses: `C2`, or several as `C2, C5`; empty for none.
    #[serde(default, deserialize_with = "field")]
    cause: Option<Option<String>>,
}

pub async fn edit_action(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, n)): Path<(i64, LocalId)>,
    Input { value: f, raw }: Input<ActionEditForm>,
) -> AppResult<Response> {
    ctx.person()?;
    let text = f
        .text
        .as_deref()
        .map(|t| ActionItem::new(t).map(|a| a.text))
        .transpose()?;
    let due = match &f.due {
        Some(Some(d)) => Some(Some(date(d, "due date")?)),
        Some(None) => Some(None),
        None => None,
    };
    let kind: Option<ActionKind> = f.kind.flatten().as_deref().map(parse_enum).transpose()?;
    let causes: Option<Vec<LocalId>> = f
        .cause
        .as_ref()
        .map(|c| {
            c.as_deref()
                .unwrap_or("")
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| part_id(s, 'C'))
                .collect::<AppResult<Vec<_>>>()
        })
        .transpose()?;
    let what = format!("action A{n} edited");
    let anchor = format!("A{n}");
    let edit = Edit {
        permission: Permission::Edit,
        what: &what,
        anchor: &anchor,
        tail: &format!("actions/{n}/edit"),
    };
    apply_edit(&state, &ctx, id, f.version, raw, edit, |pm| {
        if let Some(causes) = causes {
            pm.link_action(n, causes)?;
        }
        let action = pm.action_mut(n)?;
        if let Some(t) = text {
            action.text = t;
        }
        if let Some(o) = f.owner {
            action.owner = o;
        }
        if let Some(d) = due {
            action.due = d;
        }
        if let Some(k) = kind {
            action.kind = k;
        }
        if let Some(s) = f.success_criterion {
            action.success_criterion = s;
        }
        Ok(())
    })
    .await
}

#[derive(Deserialize)]
pub struct ReviewForm {
    version: i64,
    /// When to check that the action worked; empty clears it.
    #[serde(default, deserialize_with = "field")]
    review_date: Option<Option<String>>,
    /// effective, partly or not-effective; empty means "not reviewed yet".
    #[serde(default, deserialize_with = "field")]
    effectiveness: Option<Option<String>>,
}

/// The follow-through: the review date and whether the action worked, as
/// `retrospect action review` records it. "Not effective" reopens the action,
/// because the problem it was meant to fix is still there.
pub async fn review_action(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, n)): Path<(i64, LocalId)>,
    Input { value: f, raw }: Input<ReviewForm>,
) -> AppResult<Response> {
    ctx.person()?;
    if f.review_date.is_none() && f.effectiveness.is_none() {
        return Err(AppError::bad_request(
            "Nothing to record yet: give a review date, or say whether the action worked.",
        ));
    }
    let review_date = match &f.review_date {
        Some(Some(d)) => Some(Some(date(d, "review date")?)),
        Some(None) => Some(None),
        None => None,
    };
    let verdict: Option<Option<Effectiveness>> = match &f.effectiveness {
        Some(Some(v)) => Some(Some(parse_enum(v)?)),
        Some(None) => Some(None),
        None => None,
    };
    let mut said = Vec::new();
    match review_date {
        Some(Some(d)) => said.push(format!("review date {d}")),
        Some(None) => said.push("no review date".to_string()),
        None => {}
    }
    match verdict {
        Some(Some(v)) => said.push(v.to_string()),
        Some(None) => said.push("not reviewed yet".to_string()),
        None => {}
    }
    let what = format!("action A{n} review: {}", said.join(", "));
    let anchor = format!("A{n}");
    let edit = Edit {
        permission: Permission::Edit,
        what: &what,
        anchor: &anchor,
        tail: &format!("actions/{n}/review"),
    };
    apply_edit(&state, &ctx, id, f.version, raw, edit, |pm| {
            let action = pm.action_mut(n)?;
            if let Some(d) = review_date {
                action.review_date = d;
            }
            match verdict {
                // Recorded already (a form sends every field again): nothing to redo.
                Some(v) if v == action.effectiveness => {}
                Some(None) => action.effectiveness = None,
                Some(Some(v)) => {
                    if action.status != ActionStatus::Done {
                        return Err(refuse(format!(
                            "A{n} is not marked done yet, so there is nothing to review. Once it is done, record here whether it worked; a review date can be set at any time."
                        )));
                    }
                    pm.review_action(n, v)?;
                }
                None => {}
            }
            Ok(())
    })
    .await
}
