//! A person's own account: changing their password and revoking their API
//! tokens. A new password ends every other session, so a stolen session cookie
//! stops working the moment the owner notices and changes it.

use std::net::SocketAddr;

use axum::Json;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::account::{
    FAILURE_WINDOW_MINUTES, attempts_exhausted, check_new_password, hash_off_thread, start_session,
    verify_off_thread,
};
use super::{base, render, see_other};
use crate::auth::Ctx;
use crate::error::{AppError, AppResult};
use crate::input::Input;
use crate::state::AppState;

#[derive(Deserialize)]
pub struct AccountQuery {
    #[serde(default)]
    changed: Option<String>,
}

pub async fn account_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<AccountQuery>,
) -> AppResult<Response> {
    let person = ctx.person()?.clone();
    let tokens = state.store.list_api_tokens(person.id).await?;
    render(
        &state,
        "account.html",
        crate::ctx! {
            base => base(&ctx), tokens => tokens, error => None::<String>,
            changed => q.changed.is_some(),
        },
    )
}

#[derive(Deserialize)]
pub struct PasswordForm {
    current: String,
    password: String,
    confirm: String,
}

/// Checks the current password (counted like a sign-in, so it cannot be
/// guessed here either), stores the new hash, ends every session of this
/// person and starts a fresh one for the browser that asked.
pub async fn change_password(
    State(state): State<AppState>,
    ctx: Ctx,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    Input { value: f, .. }: Input<PasswordForm>,
) -> AppResult<Response> {
    let person = ctx.person()?.clone();
    let ip = addr.ip().to_string();
    let now = jiff::Timestamp::now();
    if attempts_exhausted(&state, &person.username, &ip, now).await? {
        return Err(AppError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limited",
            format!(
                "Too many attempts with a wrong password from here. Please wait {FAILURE_WINDOW_MINUTES} minutes, or ask an administrator to reset it."
            ),
        ));
    }
    let user = state
        .store
        .user_by_id(person.id)
        .await?
        .ok_or_else(AppError::unauthenticated)?;
    let matches = verify_off_thread(&f.current, Some(user.password_hash)).await?;
    if !matches {
        state
            .store
            .record_login_attempt(&person.username, &ip, false, now)
            .await?;
        return refuse(
            &state,
            &ctx,
            "That is not your current password. Please try again.",
        )
        .await;
    }
    if let Err(message) = check_new_password(&f.password, &f.confirm) {
        return refuse(&state, &ctx, &message).await;
    }
    let hash = hash_off_thread(&f.password).await?;
    state.store.set_password_hash(person.id, &hash).await?;
    let ended = state.store.delete_sessions_of_user(person.id).await?;
    tracing::info!(user = %person.username, sessions_ended = ended, "password changed");
    if ctx.api() {
        return Ok(
            Json(serde_json::json!({ "changed": true, "sessions_ended": ended })).into_response(),
        );
    }
    start_session(&state, &ctx, person.id, "/account?changed=1").await
}

async fn refuse(state: &AppState, ctx: &Ctx, message: &str) -> AppResult<Response> {
    if ctx.api() {
        return Err(AppError::bad_request(message));
    }
    let person = ctx.person()?;
    let tokens = state.store.list_api_tokens(person.id).await?;
    let page = render(
        state,
        "account.html",
        crate::ctx! { base => base(ctx), tokens => tokens, error => message, changed => false },
    )?;
    Ok((StatusCode::BAD_REQUEST, page).into_response())
}

/// The person's tokens (names and dates; the secrets are never kept).
pub async fn list_tokens(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let person = ctx.person()?.clone();
    let tokens = state.store.list_api_tokens(person.id).await?;
    Ok(Json(tokens).into_response())
}

#[derive(Deserialize)]
pub struct RevokeForm {
    id: i64,
}

/// Revokes one of the person's own tokens. Revoking is idempotent: a token
/// that is already gone (or was never theirs) changes nothing and says so,
/// without telling whether it belongs to someone else.
pub async fn revoke_token(
    State(state): State<AppState>,
    ctx: Ctx,
    Input { value: f, .. }: Input<RevokeForm>,
) -> AppResult<Response> {
    let person = ctx.person()?.clone();
    let revoked = state.store.delete_api_token(person.id, f.id).await?;
    if revoked {
        tracing::info!(user = %person.username, token = f.id, "API token revoked");
    }
    if ctx.api() {
        return Ok(Json(serde_json::json!({ "revoked": revoked })).into_response());
    }
    Ok(see_other("/account#tokens"))
}
