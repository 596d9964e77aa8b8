//! Who is asking: a session cookie (browsers) or an API token (scripts), and
//! the CSRF check on every state change.
//!
//! The middleware resolves the identity once per request and stores it in the
//! request extensions; handlers read it through [`Ctx`]. Every request whose
//! method can change state must carry the CSRF token: the session's secret for
//! a signed-in browser, or the pre-session cookie value on the sign-in and
//! set-up forms. Requests authenticated by an API token carry no ambient
//! credential and need no CSRF token.

use axum::body::Body;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, Method, header};
use axum::middleware::Next;
use axum::response::Response;

use crate::access::Person;
use crate::error::AppError;
use crate::security::{constant_time_eq, sha256_hex};
use crate::state::AppState;

pub const SESSION_COOKIE: &str = "retrospect_session";
pub const PRE_SESSION_COOKIE: &str = "retrospect_presession";
pub const CSRF_FIELD: &str = "csrf";
pub const CSRF_HEADER: &str = "x-csrf-token";

/// The largest form body read to find the CSRF field (uploads use the header or query).
const MAX_FORM_BYTES: usize = 2 * 1024 * 1024;

#[derive(Debug, Clone)]
pub enum Credential {
    Session { token_hash: String, csrf: String },
    ApiToken,
}

/// The resolved identity of the request, if any, and its CSRF token for forms.
#[derive(Debug, Clone)]
pub struct Identity {
    pub person: Option<Person>,
    pub credential: Option<Credential>,
    /// The token forms on this page must carry.
    pub csrf: String,
    /// True for `/api/` requests: errors answer in JSON.
    pub api: bool,
}

pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
}

pub async fn person_for_user(state: &AppState, user_id: i64) -> Result<Option<Person>, AppError> {
    let Some(user) = state.store.user_by_id(user_id).await? else {
        return Ok(None);
    };
    if user.disabled {
        return Ok(None);
    }
    let teams = state.store.teams_of_user(user.id).await?;
    Ok(Some(Person {
        id: user.id,
        username: user.username,
        display_name: user.display_name,
        role: user.role,
        teams: teams.into_iter().map(|t| t.name).collect(),
    }))
}

async fn resolve(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<(Option<Person>, Option<Credential>), AppError> {
    let now = jiff::Timestamp::now();
    if let Some(token) = bearer(headers) {
        let hash = sha256_hex(token);
        let Some(api_token) = state.store.api_token_by_hash(&hash).await? else {
            return Err(AppError::unauthenticated());
        };
        if api_token.expires_at.is_some_and(|e| e < now) {
            return Err(AppError::unauthenticated());
        }
        let person = person_for_user(state, api_token.user_id).await?;
        return match person {
            Some(p) => Ok((Some(p), Some(Credential::ApiToken))),
            None => Err(AppError::unauthenticated()),
        };
    }
    if let Some(token) = cookie(headers, SESSION_COOKIE) {
        let hash = sha256_hex(token);
        if let Some(session) = state.store.session_by_token_hash(&hash).await?
            && !session.is_expired(now)
            && let Some(person) = person_for_user(state, session.user_id).await?
        {
            let credential = Credential::Session {
                token_hash: hash,
                csrf: session.csrf_secret,
            };
            return Ok((Some(person), Some(credential)));
        }
    }
    Ok((None, None))
}

/// Reads the CSRF token a request carries: the header, the `csrf` query
/// parameter (multipart forms without scripts), or the `csrf` form field.
async fn presented_token(request: Request) -> Result<(Option<String>, Request), AppError> {
    if let Some(v) = request
        .headers()
        .get(CSRF_HEADER)
        .and_then(|v| v.to_str().ok())
    {
        return Ok((Some(v.to_string()), request));
    }
    if let Some(q) = request.uri().query()
        && let Some(v) = form_value(q, CSRF_FIELD)
    {
        return Ok((Some(v), request));
    }
    let is_form = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return Ok((None, request));
    }
    let (parts, body) = request.into_parts();
    let bytes = axum::body::to_bytes(body, MAX_FORM_BYTES)
        .await
        .map_err(|_| {
            AppError::new(
                axum::http::StatusCode::PAYLOAD_TOO_LARGE,
                "too_large",
                "That form is too large.",
            )
        })?;
    let token = std::str::from_utf8(&bytes)
        .ok()
        .and_then(|s| form_value(s, CSRF_FIELD));
    Ok((token, Request::from_parts(parts, Body::from(bytes))))
}

fn form_value(encoded: &str, name: &str) -> Option<String> {
    serde_urlencoded_pairs(encoded)
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
}

/// Decodes `application/x-www-form-urlencoded` pairs.
pub fn serde_urlencoded_pairs(encoded: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(encoded.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// Resolves the identity and refuses state changes without a valid CSRF token.
pub async fn authenticate(State(state): State<AppState>, request: Request, next: Next) -> Response {
    match authenticate_inner(&state, request).await {
        Ok((request, identity)) => {
            let mut request = request;
            request.extensions_mut().insert(identity.clone());
            let mut response = next.run(request).await;
            // The error renderer wraps this layer and shows the person in the page header.
            response.extensions_mut().insert(identity);
            response
        }
        Err(err) => axum::response::IntoResponse::into_response(err),
    }
}

async fn authenticate_inner(
    state: &AppState,
    request: Request,
) -> Result<(Request, Identity), AppError> {
    let api = request.uri().path().starts_with("/api/");
    let (person, credential) = resolve(state, request.headers()).await?;
    let pre_session = cookie(request.headers(), PRE_SESSION_COOKIE).map(str::to_string);
    let expected = match &credential {
        Some(Credential::Session { csrf, .. }) => Some(csrf.clone()),
        Some(Credential::ApiToken) => None,
        None => pre_session.clone(),
    };
    let csrf = expected.clone().unwrap_or_default();
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    let needs_check = !safe && !matches!(credential, Some(Credential::ApiToken));
    let request = if needs_check {
        let (presented, request) = presented_token(request).await?;
        let valid = match (&expected, &presented) {
            (Some(e), Some(p)) => !e.is_empty() && constant_time_eq(e, p),
            _ => false,
        };
        if !valid {
            return Err(AppError::new(
                axum::http::StatusCode::FORBIDDEN,
                "csrf",
                "This form has expired or did not come from Retrospect. Please reload the page and try again.",
            ));
        }
        request
    } else {
        request
    };
    Ok((
        request,
        Identity {
            person,
            credential,
            csrf,
            api,
        },
    ))
}

/// What a handler sees about the request's identity.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub identity: Identity,
}

impl Ctx {
    /// The signed-in person, or an error asking them to sign in.
    pub fn person(&self) -> Result<&Person, AppError> {
        self.identity
            .person
            .as_ref()
            .ok_or_else(AppError::unauthenticated)
    }

    pub fn api(&self) -> bool {
        self.identity.api
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let identity = parts
            .extensions
            .get::<Identity>()
            .cloned()
            .ok_or_else(|| AppError::internal("the authentication layer did not run"))?;
        Ok(Ctx { identity })
    }
}
