//! What an administrator does to people and teams after creating them:
//! removing someone from a team, pausing an account, setting a new first
//! password. Each of these ends the person's sessions where it should, so a
//! change of access takes effect at once, on every instance.

use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use super::see_other;
use crate::access::{self, Person};
use crate::auth::Ctx;
use crate::error::{AppError, AppResult};
use crate::input::Input;
use crate::state::AppState;
use retrospect_store::{Team, User};

/// The signed-in person, if they are an administrator.
pub(crate) fn admin(ctx: &Ctx) -> AppResult<Person> {
    let person = ctx.person()?.clone();
    if !access::can_administer(&person) {
        return Err(AppError::forbidden(
            "manage people and teams (an administrator can)",
        ));
    }
    Ok(person)
}

pub(crate) async fn user_named(state: &AppState, username: &str) -> AppResult<User> {
    let username = username.trim();
    state
        .store
        .user_by_username(username)
        .await?
        .ok_or_else(|| AppError::bad_request(format!("There is no user called '{username}'.")))
}

pub(crate) async fn team_named(state: &AppState, name: &str) -> AppResult<Team> {
    let name = name.trim();
    state
        .store
        .team_by_name(name)
        .await?
        .ok_or_else(|| AppError::bad_request(format!("There is no team called '{name}'.")))
}

/// Checks a password an administrator chose for someone and hashes it.
pub(crate) async fn new_password_hash(password: &str) -> AppResult<String> {
    let min = super::account::MIN_PASSWORD_CHARS;
    if password.chars().count() < min {
        return Err(AppError::bad_request(format!(
            "Please choose a password of at least {min} characters."
        )));
    }
    super::account::hash_off_thread(password).await
}

/// The page goes back to the admin page; the API answers with what changed.
pub fn done(ctx: &Ctx, body: serde_json::Value) -> Response {
    if ctx.api() {
        Json(body).into_response()
    } else {
        see_other("/admin")
    }
}

#[derive(Serialize)]
pub struct TeamWithMembers {
    pub name: String,
    pub members: Vec<String>,
}

/// Every team with its members' usernames, for the admin page and the API.
pub async fn teams_with_members(state: &AppState) -> AppResult<Vec<TeamWithMembers>> {
    let mut out = Vec::new();
    for team in state.store.list_teams().await? {
        let members = state.store.team_members(team.id).await?;
        out.push(TeamWithMembers {
            name: team.name,
            members: members.into_iter().map(|u| u.username).collect(),
        });
    }
    Ok(out)
}

/// `GET /api/v1/admin/people`: people (never their password hashes) and teams.
pub async fn people_json(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    admin(&ctx)?;
    let users = state.store.list_users().await?;
    let teams = teams_with_members(&state).await?;
    Ok(Json(serde_json::json!({ "users": users, "teams": teams })).into_response())
}

/// Removes someone from a team: team-visible post-mortems stop being theirs
/// to read at their next request (access is read from the database each time).
pub async fn remove_member(
    State(state): State<AppState>,
    ctx: Ctx,
    Input { value: f, .. }: Input<super::admin::MemberForm>,
) -> AppResult<Response> {
    admin(&ctx)?;
    let user = user_named(&state, &f.username).await?;
    let team = team_named(&state, &f.team).await?;
    state.store.remove_team_member(team.id, user.id).await?;
    Ok(done(
        &ctx,
        serde_json::json!({ "team": team.name, "removed": user.username }),
    ))
}

#[derive(Deserialize)]
pub struct DisableForm {
    username: String,
    /// true pauses the account, false lets the person sign in again.
    disabled: bool,
}

/// Pauses or restores an account. A paused person's sessions end and their
/// API tokens stop working; their post-mortems and words stay.
pub async fn set_disabled(
    State(state): State<AppState>,
    ctx: Ctx,
    Input { value: f, .. }: Input<DisableForm>,
) -> AppResult<Response> {
    let me = admin(&ctx)?;
    let user = user_named(&state, &f.username).await?;
    if user.id == me.id && f.disabled {
        return Err(AppError::bad_request(
            "You cannot pause your own account; ask another administrator.",
        ));
    }
    state.store.set_user_disabled(user.id, f.disabled).await?;
    let ended = if f.disabled {
        state.store.delete_sessions_of_user(user.id).await?
    } else {
        0
    };
    Ok(done(
        &ctx,
        serde_json::json!({ "username": user.username, "disabled": f.disabled, "sessions_ended": ended }),
    ))
}

#[derive(Deserialize)]
pub struct ResetForm {
    username: String,
    password: String,
}

/// Sets a new first password for someone who lost theirs; their sessions end.
pub async fn reset_password(
    State(state): State<AppState>,
    ctx: Ctx,
    Input { value: f, .. }: Input<ResetForm>,
) -> AppResult<Response> {
    admin(&ctx)?;
    let user = user_named(&state, &f.username).await?;
    let hash = new_password_hash(&f.password).await?;
    state.store.set_password_hash(user.id, &hash).await?;
    let ended = state.store.delete_sessions_of_user(user.id).await?;
    Ok(done(
        &ctx,
        serde_json::json!({ "username": user.username, "sessions_ended": ended }),
    ))
}
