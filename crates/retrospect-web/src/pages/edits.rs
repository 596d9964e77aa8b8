//! Changes to a post-mortem. Each handler serves the page (form in, redirect
//! out) and the REST API (JSON in, the saved post-mortem out); both go through
//! [`crate::service::change`], which checks access and the version.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use retrospect_domain::{
    ActionItem, ActionKind, ActionStatus, EntryState, KeyMoment, LessonKind, LocalId, MomentKind,
    PartRef, Participant, PostMortem, Severity, Status, TimelineEntry, Visibility,
};
use serde::Deserialize;

use super::{base, render, see_other};
use crate::auth::Ctx;
use crate::error::{AppError, AppResult};
use crate::input::{Input, blank};
use crate::service::change::{Changed, conflict_error};
use crate::service::{Permission, change};
use crate::state::AppState;

/// Answers a change: the saved post-mortem (API) or the page (HTML); on a
/// stale save, both versions so the person can choose.
pub async fn reply(
    state: &AppState,
    ctx: &Ctx,
    changed: Changed,
    anchor: &str,
    raw: Vec<(String, String)>,
    action: String,
) -> AppResult<Response> {
    match changed {
        Changed::Saved(pm) if ctx.api() => Ok(Json(pm).into_response()),
        Changed::Saved(pm) => Ok(see_other(&format!("/pm/{}#{anchor}", pm.id))),
        Changed::Conflict(conflict) if ctx.api() => {
            let err = conflict_error(conflict.yours, conflict.current.version);
            let body = serde_json::json!({
                "error": { "code": err.code, "message": err.message,
                           "your_version": conflict.yours, "current_version": conflict.current.version },
                "current": conflict.current,
            });
            Ok((StatusCode::CONFLICT, Json(body)).into_response())
        }
        Changed::Conflict(conflict) => {
            let yours: Vec<(String, String)> = raw
                .into_iter()
                .filter(|(k, _)| k != "csrf" && k != "version")
                .collect();
            // The same part's current values beside the person's, to compare.
            let compared = super::compare::compare(&conflict.current, &action, &yours);
            let page = render(
                state,
                "conflict.html",
                crate::ctx! {
                    base => base(ctx), pm => conflict.current, yours_version => conflict.yours,
                    yours => yours, action => action, anchor => anchor, compared => compared,
                    status => crate::view::status_label(conflict.current.status),
                },
            )?;
            Ok((StatusCode::CONFLICT, page).into_response())
        }
    }
}

/// One change as a handler describes it: who may make it, how the audit
/// names it, where the page returns to, and the path (after `/pm/{id}/`) a
/// refused stale save is posted to again from the conflict page.
pub struct Edit<'a> {
    pub permission: Permission,
    pub what: &'a str,
    pub anchor: &'a str,
    pub tail: &'a str,
}

/// Applies one change under its version (see [`change`]) and answers it: the
/// saved post-mortem, the page, or both versions on a conflict.
pub async fn apply_edit(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    version: i64,
    raw: Vec<(String, String)>,
    edit: Edit<'_>,
    apply: impl FnOnce(&mut PostMortem) -> AppResult<()>,
) -> AppResult<Response> {
    let person = ctx.person()?.clone();
    let changed = change(
        state,
        &person,
        id,
        version,
        edit.permission,
        edit.what,
        apply,
    )
    .await?;
    let url = action_url(ctx, id, edit.tail);
    reply(state, ctx, changed, edit.anchor, raw, url).await
}

pub(crate) fn local(text: Option<&str>, prefix: char) -> AppResult<Option<LocalId>> {
    let Some(t) = text.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    let digits = t
        .strip_prefix(prefix)
        .or_else(|| t.strip_prefix(prefix.to_ascii_lowercase()))
        .unwrap_or(t);
    digits
        .parse()
        .map(Some)
        .map_err(|_| AppError::bad_request(format!("'{t}' is not a part id like {prefix}2.")))
}

/// Accepts `2024-05-01T10:15`, `…:30` (read as UTC) or RFC 3339 with an offset.
pub fn parse_time(text: &str) -> AppResult<(retrospect_domain::Timestamp, Option<String>)> {
    let t = text.trim();
    if let Ok(ts) = t.parse::<jiff::Timestamp>() {
        let zone = t
            .rfind(['+', '-'])
            .filter(|&i| i > 10)
            .map(|i| t[i..].to_string());
        return Ok((ts, zone.or_else(|| Some("UTC".into()))));
    }
    let civil: jiff::civil::DateTime = t.parse().map_err(|_| {
        AppError::bad_request(format!(
            "'{t}' is not a date and time; write it like 2024-05-01T14:05 (UTC)."
        ))
    })?;
    let ts = civil
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .map_err(|e| AppError::bad_request(e.to_string()))?
        .timestamp();
    Ok((ts, Some("UTC".into())))
}

fn person(ctx: &Ctx) -> AppResult<crate::access::Person> {
    ctx.person().cloned()
}

/// Where a change made on a stale page is sent again from the conflict page.
pub(crate) fn action_url(ctx: &Ctx, id: i64, tail: &str) -> String {
    if ctx.api() {
        format!("/api/v1/postmortems/{id}/{tail}")
    } else {
        format!("/pm/{id}/{tail}")
    }
}

#[derive(Deserialize)]
pub struct EventForm {
    version: i64,
    title: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    impact: String,
    #[serde(default, deserialize_with = "blank::string")]
    severity: Option<String>,
    #[serde(default, deserialize_with = "blank::string")]
    visibility: Option<String>,
    #[serde(default, deserialize_with = "blank::string")]
    team: Option<String>,
    #[serde(default, deserialize_with = "blank::string")]
    participants: Option<String>,
}

pub async fn event(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Input { value: f, raw }: Input<EventForm>,
) -> AppResult<Response> {
    ctx.person()?;
    let edit = Edit {
        permission: Permission::Edit,
        what: "event",
        anchor: "event",
        tail: "event",
    };
    apply_edit(&state, &ctx, id, f.version, raw, edit, |pm| {
        pm.set_title(&f.title)?;
        pm.summary = f.summary.trim().to_string();
        pm.impact = f.impact.trim().to_string();
        pm.severity = f
            .severity
            .as_deref()
            .map(str::parse::<Severity>)
            .transpose()?;
        if let Some(v) = f.visibility.as_deref() {
            pm.visibility = v.parse::<Visibility>()?;
        }
        pm.team = f.team.clone();
        pm.participants = f
            .participants
            .as_deref()
            .unwrap_or("")
            .split(',')
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(|n| Participant {
                name: n.to_string(),
                role: None,
            })
            .collect();
        Ok(())
    })
    .await
}

#[derive(Deserialize)]
pub struct SectionForm {
    version: i64,
    index: usize,
    #[serde(default)]
    body: String,
}

/// The template's free sections (Trigger, Detection …): their text, edited in place.
pub async fn section(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Input { value: f, raw }: Input<SectionForm>,
) -> AppResult<Response> {
    ctx.person()?;
    let what = format!("section {} edited", f.index + 1);
    let edit = Edit {
        permission: Permission::Edit,
        what: &what,
        anchor: "sections",
        tail: "sections",
    };
    apply_edit(&state, &ctx, id, f.version, raw, edit, |pm| {
        let section = pm.sections.get_mut(f.index).ok_or_else(|| {
            AppError::bad_request("That section is no longer there; please reload the page.")
        })?;
        section.body = f.body.trim().to_string();
        Ok(())
    })
    .await
}

#[derive(Deserialize)]
pub struct MomentForm {
    version: i64,
    kind: String,
    #[serde(default, deserialize_with = "blank::string")]
    at: Option<String>,
}

pub async fn moment(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Input { value: f, raw }: Input<MomentForm>,
) -> AppResult<Response> {
    ctx.person()?;
    let kind = MomentKind::parse(&f.kind)?;
    let at = f.at.as_deref().map(parse_time).transpose()?;
    let edit = Edit {
        permission: Permission::Edit,
        what: "key moment",
        anchor: "moments",
        tail: "moments",
    };
    apply_edit(&state, &ctx, id, f.version, raw, edit, |pm| {
        match at {
            Some((at, zone)) => {
                pm.set_moment(KeyMoment {
                    kind,
                    at,
                    zone,
                    note: None,
                });
            }
            None => {
                if pm.moment(&kind).is_some() {
                    pm.remove_moment(&kind)?;
                }
            }
        }
        Ok(())
    })
    .await
}

#[derive(Deserialize)]
pub struct EntryForm {
    version: i64,
    at: String,
    text: String,
    #[serde(default, deserialize_with = "blank::string")]
    actor: Option<String>,
}

pub async fn add_entry(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Input { value: f, raw }: Input<EntryForm>,
) -> AppResult<Response> {
    ctx.person()?;
    let (at, zone) = parse_time(&f.at)?;
    let edit = Edit {
        permission: Permission::Edit,
        what: "timeline entry added",
        anchor: "timeline",
        tail: "timeline",
    };
    apply_edit(&state, &ctx, id, f.version, raw, edit, |pm| {
        let mut entry = TimelineEntry::new(at, &f.text)?;
        entry.zone = zone;
        entry.actor = f.actor.clone();
        entry.source = "manual".into();
        pm.add_entry(entry)?;
        Ok(())
    })
    .await
}

#[derive(Deserialize)]
pub struct EntryOpForm {
    version: i64,
    /// accept, dismiss, hide, show, moment or edit.
    op: String,
    #[serde(default, deserialize_with = "blank::string")]
    kind: Option<String>,
    #[serde(default, deserialize_with = "blank::string")]
    text: Option<String>,
    #[serde(default, deserialize_with = "blank::string")]
    at: Option<String>,
}

pub async fn entry_op(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, entry)): Path<(i64, LocalId)>,
    Input { value: f, raw }: Input<EntryOpForm>,
) -> AppResult<Response> {
    ctx.person()?;
    let at = f.at.as_deref().map(parse_time).transpose()?;
    let what = format!("timeline entry T{entry}: {}", f.op);
    let edit = Edit {
        permission: Permission::Edit,
        what: &what,
        anchor: "timeline",
        tail: &format!("timeline/{entry}"),
    };
    apply_edit(&state, &ctx, id, f.version, raw, edit, |pm| {
        match f.op.as_str() {
            "accept" => pm.entry_mut(entry)?.state = EntryState::Accepted,
            "dismiss" => pm.entry_mut(entry)?.state = EntryState::Dismissed,
            "hide" => pm.entry_mut(entry)?.hidden = true,
            "show" => pm.entry_mut(entry)?.hidden = false,
            "moment" => {
                let kind = f.kind.as_deref().ok_or_else(|| {
                    AppError::bad_request("Choose which key moment this entry marks.")
                })?;
                pm.mark_entry_as_moment(entry, MomentKind::parse(kind)?)?;
            }
            "edit" => {
                let e = pm.entry_mut(entry)?;
                if let Some(text) = &f.text {
                    e.text = text.clone();
                }
                if let Some((at, zone)) = &at {
                    e.at = *at;
                    e.zone = zone.clone();
                }
                pm.sort_timeline();
            }
            other => {
                return Err(AppError::bad_request(format!(
                    "'{other}' is not something a timeline entry can do."
                )));
            }
        }
        Ok(())
    })
    .await
}

#[derive(Deserialize)]
pub struct CauseForm {
    version: i64,
    #[serde(default, deserialize_with = "blank::string")]
    parent: Option<String>,
    text: String,
    #[serde(default, deserialize_with = "blank::string")]
    category: Option<String>,
}

pub async fn add_cause(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Input { value: f, raw }: Input<CauseForm>,
) -> AppResult<Response> {
    ctx.person()?;
    let parent = local(f.parent.as_deref(), 'C')?;
    let edit = Edit {
        permission: Permission::Edit,
        what: "cause added",
        anchor: "causes",
        tail: "causes",
    };
    apply_edit(&state, &ctx, id, f.version, raw, edit, |pm| {
        pm.add_cause(parent, &f.text, f.category.as_deref())?;
        Ok(())
    })
    .await
}

#[derive(Deserialize)]
pub struct LessonForm {
    version: i64,
    kind: String,
    text: String,
}

pub async fn add_lesson(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Input { value: f, raw }: Input<LessonForm>,
) -> AppResult<Response> {
    ctx.person()?;
    let kind: LessonKind = f.kind.parse()?;
    let edit = Edit {
        permission: Permission::Edit,
        what: "lesson added",
        anchor: "lessons",
        tail: "lessons",
    };
    apply_edit(&state, &ctx, id, f.version, raw, edit, |pm| {
        pm.add_lesson(kind, &f.text)?;
        Ok(())
    })
    .await
}

#[derive(Deserialize)]
pub struct ActionForm {
    version: i64,
    text: String,
    #[serde(default, deserialize_with = "blank::string")]
    owner: Option<String>,
    #[serde(default, deserialize_with = "blank::string")]
    due: Option<String>,
    #[serde(default, deserialize_with = "blank::string")]
    kind: Option<String>,
    #[serde(default, deserialize_with = "blank::string")]
    success_criterion: Option<String>,
    #[serde(default, deserialize_with = "blank::string")]
    cause: Option<String>,
}

pub async fn add_action(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Input { value: f, raw }: Input<ActionForm>,
) -> AppResult<Response> {
    ctx.person()?;
    let due = f
        .due
        .as_deref()
        .map(|d| d.parse::<retrospect_domain::Date>())
        .transpose()
        .map_err(|_| AppError::bad_request("The due date should look like 2024-06-30."))?;
    let kind = f
        .kind
        .as_deref()
        .map(str::parse::<ActionKind>)
        .transpose()?
        .unwrap_or_default();
    let cause = local(f.cause.as_deref(), 'C')?;
    let edit = Edit {
        permission: Permission::Edit,
        what: "action added",
        anchor: "actions",
        tail: "actions",
    };
    apply_edit(&state, &ctx, id, f.version, raw, edit, |pm| {
        let mut action = ActionItem::new(&f.text)?;
        action.owner = f.owner.clone();
        action.due = due;
        action.kind = kind;
        action.success_criterion = f.success_criterion.clone();
        action.causes = cause.into_iter().collect();
        pm.add_action(action)?;
        Ok(())
    })
    .await
}

#[derive(Deserialize)]
pub struct ActionStatusForm {
    version: i64,
    status: String,
}

pub async fn action_status(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, action)): Path<(i64, LocalId)>,
    Input { value: f, raw }: Input<ActionStatusForm>,
) -> AppResult<Response> {
    ctx.person()?;
    let status: ActionStatus = f.status.parse()?;
    let what = format!("action A{action} is now {status}");
    let edit = Edit {
        permission: Permission::Edit,
        what: &what,
        anchor: "actions",
        tail: &format!("actions/{action}"),
    };
    apply_edit(&state, &ctx, id, f.version, raw, edit, |pm| {
        pm.action_mut(action)?.status = status;
        Ok(())
    })
    .await
}

#[derive(Deserialize)]
pub struct CommentForm {
    version: i64,
    #[serde(default, deserialize_with = "blank::string")]
    on: Option<String>,
    text: String,
}

pub async fn add_comment(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Input { value: f, raw }: Input<CommentForm>,
) -> AppResult<Response> {
    let person = person(&ctx)?;
    let on = f.on.as_deref().map(str::parse::<PartRef>).transpose()?;
    let author = person.username.clone();
    let edit = Edit {
        permission: Permission::Comment,
        what: "comment added",
        anchor: "comments",
        tail: "comments",
    };
    apply_edit(&state, &ctx, id, f.version, raw, edit, |pm| {
        pm.add_comment(&author, jiff::Timestamp::now(), on, &f.text)?;
        Ok(())
    })
    .await
}

#[derive(Deserialize)]
pub struct AckForm {
    version: i64,
    key: String,
    reason: String,
}

pub async fn acknowledge(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Input { value: f, raw }: Input<AckForm>,
) -> AppResult<Response> {
    let person = person(&ctx)?;
    if f.reason.trim().is_empty() {
        return Err(AppError::bad_request(
            "Please give a reason: it is recorded with the acknowledgement.",
        ));
    }
    let by = person.username.clone();
    let what = format!("coach finding {} acknowledged", f.key);
    let edit = Edit {
        permission: Permission::Acknowledge,
        what: &what,
        anchor: "review",
        tail: "acknowledgements",
    };
    apply_edit(&state, &ctx, id, f.version, raw, edit, |pm| {
        let findings = crate::coach::review(pm);
        let found = findings.iter().find(|x| x.key == f.key).ok_or_else(|| {
            AppError::bad_request(
                "That coach finding is no longer there; it may have been reworded already.",
            )
        })?;
        pm.acknowledge(retrospect_domain::Acknowledgement {
            fingerprint: found.key.clone(),
            rule: found.finding.rule.clone(),
            excerpt: found.finding.text.clone(),
            by,
            reason: f.reason.clone(),
            at: jiff::Timestamp::now(),
        })?;
        Ok(())
    })
    .await
}

#[derive(Deserialize)]
pub struct StatusForm {
    version: i64,
    to: String,
}

/// Publishing is refused while blaming language stands unacknowledged.
fn publish_gate(pm: &PostMortem) -> AppResult<()> {
    let findings = crate::coach::review(pm);
    let n = crate::coach::blocking(&findings).len();
    if n > 0 {
        return Err(AppError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "publish_gate",
            format!(
                "Not published yet: the coach still flags {n} passage{} that may read as blame. Reword {} or ask a facilitator to acknowledge {} with a reason.",
                if n == 1 { "" } else { "s" },
                if n == 1 { "it" } else { "them" },
                if n == 1 { "it" } else { "them" },
            ),
        ));
    }
    Ok(())
}

pub async fn set_status(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Input { value: f, raw }: Input<StatusForm>,
) -> AppResult<Response> {
    ctx.person()?;
    let to: Status = f.to.parse()?;
    let what = format!("moved to {to}");
    let edit = Edit {
        permission: Permission::Move(to),
        what: &what,
        anchor: "review",
        tail: "status",
    };
    apply_edit(&state, &ctx, id, f.version, raw, edit, |pm| {
        if to == Status::Published {
            publish_gate(pm)?;
        }
        pm.status = to;
        Ok(())
    })
    .await
}
