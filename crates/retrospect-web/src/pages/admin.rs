//! People, teams and roles (administrators), and personal API tokens.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::people::{admin, new_password_hash, team_named, user_named};
use super::{base, render, see_other};
use crate::access::Role;
use crate::auth::Ctx;
use crate::error::{AppError, AppResult};
use crate::input::Input;
use crate::security::{random_token, sha256_hex};
use crate::state::AppState;

fn parse_role(text: &str) -> AppResult<Role> {
    text.parse::<Role>()
        .map_err(|e| AppError::bad_request(e.to_string()))
}

pub async fn admin_page(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    admin(&ctx)?;
    let users = state.store.list_users().await?;
    let teams = super::people::teams_with_members(&state).await?;
    let roles: Vec<&str> = <Role as retrospect_domain::EnumName>::ALL
        .iter()
        .map(|r| r.name())
        .collect();
    render(
        &state,
        "admin.html",
        crate::ctx! { base => base(&ctx), users => users, teams => teams, roles => roles },
    )
}

#[derive(Deserialize)]
pub struct NewUserForm {
    username: String,
    #[serde(default)]
    display_name: String,
    password: String,
    role: String,
}

pub async fn create_user(
    State(state): State<AppState>,
    ctx: Ctx,
    Input { value: f, .. }: Input<NewUserForm>,
) -> AppResult<Response> {
    admin(&ctx)?;
    let username = super::account::check_username(&f.username).map_err(AppError::bad_request)?;
    let role = parse_role(&f.role)?;
    let hash = new_password_hash(&f.password).await?;
    let display = if f.display_name.trim().is_empty() {
        username.clone()
    } else {
        f.display_name.trim().to_string()
    };
    let user = state
        .store
        .create_user(&crate::store::NewUser {
            username,
            display_name: display,
            password_hash: hash,
            email: None,
            role,
        })
        .await?;
    if ctx.api() {
        return Ok((
            StatusCode::CREATED,
            Json(serde_json::json!({ "id": user.id, "username": user.username })),
        )
            .into_response());
    }
    Ok(see_other("/admin"))
}

#[derive(Deserialize)]
pub struct TeamForm {
    name: String,
}

pub async fn create_team(
    State(state): State<AppState>,
    ctx: Ctx,
    Input { value: f, .. }: Input<TeamForm>,
) -> AppResult<Response> {
    admin(&ctx)?;
    let name = f.name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(AppError::bad_request(
            "A team name has 1 to 100 characters.",
        ));
    }
    let team = state.store.create_team(name).await?;
    Ok(super::people::done(
        &ctx,
        serde_json::json!({ "id": team.id, "name": team.name }),
    ))
}

#[derive(Deserialize)]
pub struct MemberForm {
    pub(crate) team: String,
    pub(crate) username: String,
}

pub async fn add_member(
    State(state): State<AppState>,
    ctx: Ctx,
    Input { value: f, .. }: Input<MemberForm>,
) -> AppResult<Response> {
    admin(&ctx)?;
    let user = user_named(&state, &f.username).await?;
    let team = team_named(&state, &f.team).await?;
    state.store.add_team_member(team.id, user.id).await?;
    Ok(super::people::done(
        &ctx,
        serde_json::json!({ "team": team.name, "added": user.username }),
    ))
}

#[derive(Deserialize)]
pub struct RoleForm {
    username: String,
    role: String,
}

pub async fn set_role(
    State(state): State<AppState>,
    ctx: Ctx,
    Input { value: f, .. }: Input<RoleForm>,
) -> AppResult<Response> {
    let me = admin(&ctx)?;
    let role = parse_role(&f.role)?;
    let user = user_named(&state, &f.username).await?;
    if user.id == me.id && role != Role::Administrator {
        return Err(AppError::bad_request(
            "You cannot lower your own role; ask another administrator.",
        ));
    }
    state.store.set_user_role(user.id, role).await?;
    Ok(super::people::done(
        &ctx,
        serde_json::json!({ "username": user.username, "role": role.name() }),
    ))
}

pub async fn tokens_page(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let person = ctx.person()?.clone();
    let tokens = state.store.list_api_tokens(person.id).await?;
    render(
        &state,
        "tokens.html",
        crate::ctx! { base => base(&ctx), tokens => tokens, created => None::<String> },
    )
}

#[derive(Deserialize)]
pub struct TokenForm {
    name: String,
}

/// Makes a token and shows it once (on the page, or in the API's answer);
/// only its SHA-256 is kept.
pub async fn create_token(
    State(state): State<AppState>,
    ctx: Ctx,
    Input { value: f, .. }: Input<TokenForm>,
) -> AppResult<Response> {
    let person = ctx.person()?.clone();
    let name = f.name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(AppError::bad_request(
            "Give the token a name of 1 to 100 characters, such as 'CI'.",
        ));
    }
    let token = format!("rt_{}", random_token()?);
    let saved = state
        .store
        .create_api_token(&crate::store::NewApiToken {
            user_id: person.id,
            name: name.to_string(),
            token_hash: sha256_hex(&token),
            created_at: jiff::Timestamp::now(),
            expires_at: None,
        })
        .await?;
    if ctx.api() {
        let body = serde_json::json!({ "id": saved.id, "name": saved.name, "token": token });
        return Ok((StatusCode::CREATED, Json(body)).into_response());
    }
    let tokens = state.store.list_api_tokens(person.id).await?;
    let page = render(
        &state,
        "tokens.html",
        crate::ctx! { base => base(&ctx), tokens => tokens, created => token },
    )?;
    Ok((StatusCode::CREATED, page).into_response())
}
