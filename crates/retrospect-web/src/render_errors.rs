//! Turns an [`AppError`] marker into the response body: the one JSON shape
//! under `/api/`, a calm HTML page elsewhere.

use axum::Json;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};

use crate::auth::Identity;
use crate::error::AppError;
use crate::state::AppState;

fn title(status: StatusCode) -> &'static str {
    match status.as_u16() {
        401 => "Please sign in",
        403 => "Not allowed",
        404 => "Not found",
        409 => "Changed meanwhile",
        429 => "Please wait a moment",
        400 | 413 | 422 => "That did not work",
        _ => "Something went wrong",
    }
}

pub async fn render(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let api = request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    let identity = response.extensions().get::<Identity>().cloned();
    let Some(err) = response.extensions().get::<AppError>().cloned() else {
        return plain_rejection(response, api).await;
    };
    if api {
        return (
            err.status,
            Json(serde_json::json!({ "error": { "code": err.code, "message": err.message } })),
        )
            .into_response();
    }
    if err.status == StatusCode::UNAUTHORIZED {
        return crate::pages::see_other("/login");
    }
    let person = identity.as_ref().and_then(|i| i.person.clone());
    let csrf = identity.map(|i| i.csrf).unwrap_or_default();
    let ctx = crate::ctx! {
        base => crate::ctx! { person => person, csrf => csrf, is_admin => false },
        title => if err.code == "already_exists" { "Already taken" } else { title(err.status) },
        message => err.message,
    };
    match state
        .templates
        .get_template("error.html")
        .and_then(|t| t.render(ctx))
    {
        Ok(html) => (err.status, Html(html)).into_response(),
        Err(_) => (err.status, err.message).into_response(),
    }
}

/// axum's own rejections (unknown route, wrong method) also get the one error shape.
async fn plain_rejection(response: Response, api: bool) -> Response {
    let status = response.status();
    if !api || !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let is_json = response
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if is_json {
        return response;
    }
    let body = axum::body::to_bytes(response.into_body(), 64 * 1024)
        .await
        .unwrap_or_default();
    let message = String::from_utf8_lossy(&body).trim().to_string();
    let code = match status.as_u16() {
        404 => "not_found",
        405 => "method_not_allowed",
        413 => "too_large",
        415 => "unsupported_media_type",
        _ => "invalid_input",
    };
    let message = if message.is_empty() {
        title(status).to_string()
    } else {
        message
    };
    (
        status,
        Json(serde_json::json!({ "error": { "code": code, "message": message } })),
    )
        .into_response()
}
