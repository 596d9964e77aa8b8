//! First administrator, sign in, sign out. The session token changes at every
//! sign-in, and only its SHA-256 is stored.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::{base, render, see_other};
use crate::auth::{Credential, Ctx, PRE_SESSION_COOKIE, SESSION_COOKIE};
use crate::error::{AppError, AppResult};
use crate::input::Input;
use crate::security::{hash_password, random_token, sha256_hex, verify_password};
use crate::state::AppState;

/// Failed sign-ins allowed per username and address within the window.
pub const MAX_FAILURES: i64 = 5;
pub const FAILURE_WINDOW_MINUTES: i64 = 15;
pub const MIN_PASSWORD_CHARS: usize = 10;

/// Argon2id is slow on purpose, so hashing runs off the async threads.
pub(crate) async fn hash_off_thread(password: &str) -> AppResult<String> {
    let password = password.to_string();
    tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(AppError::internal)?
        .map_err(AppError::internal)
}

/// Checks a password against a stored hash (or a dummy one when there is no
/// user, so timing does not tell who exists), off the async threads.
pub(crate) async fn verify_off_thread(password: &str, stored: Option<String>) -> AppResult<bool> {
    let password = password.to_string();
    tokio::task::spawn_blocking(move || verify_password(&password, stored.as_deref()))
        .await
        .map_err(AppError::internal)
}

/// Whether `username` has used up its failed attempts from `ip` in the window;
/// signing in and changing a password share this limit.
pub(crate) async fn attempts_exhausted(
    state: &AppState,
    username: &str,
    ip: &str,
    now: jiff::Timestamp,
) -> AppResult<bool> {
    let since = now - jiff::SignedDuration::from_mins(FAILURE_WINDOW_MINUTES);
    Ok(state.store.count_failed_logins(username, ip, since).await? >= MAX_FAILURES)
}

fn cookie_header(state: &AppState, name: &str, value: &str, max_age: Option<i64>) -> HeaderValue {
    let mut c = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax");
    if let Some(age) = max_age {
        c.push_str(&format!("; Max-Age={age}"));
    }
    if state.options.secure_cookies {
        c.push_str("; Secure");
    }
    HeaderValue::from_str(&c).unwrap_or_else(|_| HeaderValue::from_static("invalid=1"))
}

/// The CSRF value for forms shown before anyone is signed in: the existing
/// pre-session cookie, or a fresh one to set.
fn pre_session(ctx: &Ctx) -> AppResult<(String, bool)> {
    if !ctx.identity.csrf.is_empty() {
        return Ok((ctx.identity.csrf.clone(), false));
    }
    Ok((random_token()?, true))
}

fn with_pre_session(
    state: &AppState,
    mut response: Response,
    token: &str,
    fresh: bool,
) -> Response {
    if fresh {
        response.headers_mut().append(
            header::SET_COOKIE,
            cookie_header(state, PRE_SESSION_COOKIE, token, Some(3600)),
        );
    }
    response
}

pub async fn setup_page(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    if state.store.user_count().await? > 0 {
        return Ok(see_other("/login"));
    }
    let (token, fresh) = pre_session(&ctx)?;
    let page = render(
        &state,
        "setup.html",
        crate::ctx! { base => base(&ctx), csrf => token, error => None::<String> },
    )?;
    Ok(with_pre_session(&state, page, &token, fresh))
}

#[derive(Deserialize)]
pub struct SetupForm {
    username: String,
    display_name: String,
    password: String,
    confirm: String,
}

pub(crate) fn check_new_password(password: &str, confirm: &str) -> Result<(), String> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(format!(
            "Please choose a password of at least {MIN_PASSWORD_CHARS} characters."
        ));
    }
    if password != confirm {
        return Err("The two passwords are different; please type them again.".into());
    }
    Ok(())
}

pub fn check_username(username: &str) -> Result<String, String> {
    let u = username.trim();
    let ok = !u.is_empty()
        && u.len() <= 64
        && u.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    if ok {
        Ok(u.to_string())
    } else {
        Err("A username uses 1 to 64 letters, digits, dots, dashes or underscores.".into())
    }
}

pub async fn setup_submit(
    State(state): State<AppState>,
    ctx: Ctx,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    Input { value: form, .. }: Input<SetupForm>,
) -> AppResult<Response> {
    if state.store.user_count().await? > 0 {
        return Err(AppError::new(
            StatusCode::CONFLICT,
            "already_set_up",
            "Retrospect already has an administrator; please sign in.",
        ));
    }
    let checked = check_username(&form.username)
        .and_then(|u| check_new_password(&form.password, &form.confirm).map(|_| u));
    let username = match checked {
        Ok(u) => u,
        Err(message) => {
            let page = render(
                &state,
                "setup.html",
                crate::ctx! { base => base(&ctx), csrf => ctx.identity.csrf, error => message },
            )?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let display = if form.display_name.trim().is_empty() {
        username.clone()
    } else {
        form.display_name.trim().to_string()
    };
    let hash = hash_off_thread(&form.password).await?;
    let first = state
        .store
        .create_first_user(&crate::store::NewUser {
            username: username.clone(),
            display_name: display,
            email: None,
            password_hash: hash,
            role: crate::access::Role::Administrator,
        })
        .await?;
    let Some(user) = first else {
        return Err(AppError::new(
            StatusCode::CONFLICT,
            "already_set_up",
            "Someone created the administrator a moment ago; please sign in.",
        ));
    };
    tracing::info!(user = %username, from = %addr.ip(), "first administrator created");
    start_session(&state, &ctx, user.id, "/").await
}

#[derive(Deserialize, Default)]
pub struct NextQuery {
    next: Option<String>,
}

pub async fn login_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<NextQuery>,
) -> AppResult<Response> {
    if state.store.user_count().await? == 0 {
        return Ok(see_other("/setup"));
    }
    if ctx.identity.person.is_some() {
        return Ok(see_other("/"));
    }
    let (token, fresh) = pre_session(&ctx)?;
    let page = render(
        &state,
        "login.html",
        crate::ctx! { base => base(&ctx), csrf => token, error => None::<String>, next => q.next.unwrap_or_default() },
    )?;
    Ok(with_pre_session(&state, page, &token, fresh))
}

#[derive(Deserialize)]
pub struct LoginForm {
    username: String,
    password: String,
    #[serde(default)]
    next: String,
}

/// Only same-site paths: never send someone off to another site after sign-in.
fn safe_next(next: &str) -> &str {
    if next.starts_with('/') && !next.starts_with("//") && !next.contains('\\') {
        next
    } else {
        "/"
    }
}

pub async fn login_submit(
    State(state): State<AppState>,
    ctx: Ctx,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    Input { value: form, .. }: Input<LoginForm>,
) -> AppResult<Response> {
    let username = form.username.trim().to_string();
    let ip = addr.ip().to_string();
    let now = jiff::Timestamp::now();
    let exhausted = attempts_exhausted(&state, &username, &ip, now).await?;
    let refuse = |state: &AppState, status: StatusCode, message: &str| -> AppResult<Response> {
        let page = render(
            state,
            "login.html",
            crate::ctx! { base => base(&ctx), csrf => ctx.identity.csrf, error => message, next => form.next },
        )?;
        Ok((status, page).into_response())
    };
    if exhausted {
        return refuse(
            &state,
            StatusCode::TOO_MANY_REQUESTS,
            &format!(
                "Too many attempts to sign in as this user from here. Please wait {FAILURE_WINDOW_MINUTES} minutes, or ask an administrator to reset the password."
            ),
        );
    }
    let user = state
        .store
        .user_by_username(&username)
        .await?
        .filter(|u| !u.disabled);
    let stored = user.as_ref().map(|u| u.password_hash.clone());
    let ok = verify_off_thread(&form.password, stored).await?;
    state
        .store
        .record_login_attempt(&username, &ip, ok, now)
        .await?;
    match (ok, user) {
        (true, Some(user)) => {
            tracing::info!(user = %username, from = %ip, "signed in");
            start_session(&state, &ctx, user.id, safe_next(&form.next)).await
        }
        _ => refuse(
            &state,
            StatusCode::UNAUTHORIZED,
            "That username and password do not match. Please try again.",
        ),
    }
}

/// Creates a brand-new session (a new token every time, so a token planted
/// before sign-in is worthless) and drops the old one.
pub(crate) async fn start_session(
    state: &AppState,
    ctx: &Ctx,
    user_id: i64,
    next: &str,
) -> AppResult<Response> {
    if let Some(Credential::Session { token_hash, .. }) = &ctx.identity.credential {
        state.store.delete_session(token_hash).await?;
    }
    let token = random_token()?;
    let csrf = random_token()?;
    let now = jiff::Timestamp::now();
    let expires = now + jiff::SignedDuration::from_hours(state.options.session_hours);
    state
        .store
        .create_session(&crate::store::NewSession {
            token_hash: sha256_hex(&token),
            user_id,
            csrf_secret: csrf,
            created_at: now,
            expires_at: expires,
        })
        .await?;
    let mut response = see_other(next);
    let max_age = state.options.session_hours * 3600;
    let headers = response.headers_mut();
    headers.append(
        header::SET_COOKIE,
        cookie_header(state, SESSION_COOKIE, &token, Some(max_age)),
    );
    headers.append(
        header::SET_COOKIE,
        cookie_header(state, PRE_SESSION_COOKIE, "", Some(0)),
    );
    Ok(response)
}

pub async fn logout(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    if let Some(Credential::Session { token_hash, .. }) = &ctx.identity.credential {
        state.store.delete_session(token_hash).await?;
    }
    let mut response = see_other("/login");
    response.headers_mut().append(
        header::SET_COOKIE,
        cookie_header(&state, SESSION_COOKIE, "", Some(0)),
    );
    Ok(response)
}
