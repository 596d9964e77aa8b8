//! Handlers. Pages render HTML; the edit handlers serve both the pages (form
//! in, redirect out) and the REST API (JSON in, JSON out).

pub mod account;
pub mod admin;
pub mod compare;
pub mod create;
pub mod edits;
pub mod evidence;
pub mod export;
pub mod home;
pub mod part_edits;
pub mod people;
pub mod postmortem;
pub mod removals;
pub mod review;
pub mod settings;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use serde::Serialize;

use crate::auth::Ctx;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// The values every page needs: who is signed in and the CSRF token for forms.
#[derive(Serialize)]
pub struct Base<'a> {
    pub person: Option<&'a crate::access::Person>,
    pub csrf: &'a str,
    pub is_admin: bool,
}

pub fn base(ctx: &Ctx) -> Base<'_> {
    let person = ctx.identity.person.as_ref();
    Base {
        person,
        csrf: &ctx.identity.csrf,
        is_admin: person.is_some_and(crate::access::can_administer),
    }
}

/// Renders a template with the base values merged under `base`.
pub fn render(state: &AppState, name: &str, ctx: minijinja::Value) -> AppResult<Response> {
    let template = state
        .templates
        .get_template(name)
        .map_err(AppError::internal)?;
    let html = template
        .render(ctx)
        .map_err(|e| AppError::internal(format!("template {name}: {e:#}")))?;
    Ok(Html(html).into_response())
}

/// 303 See Other: after a form post, the browser loads the page afresh.
pub fn see_other(location: &str) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(location) {
        response.headers_mut().insert(header::LOCATION, v);
    }
    response
}

/// Builds a template context from `name => value` pairs of any serialisable values.
#[macro_export]
macro_rules! ctx {
    ($($key:ident => $value:expr),* $(,)?) => {{
        let mut map = std::collections::BTreeMap::<&str, minijinja::Value>::new();
        $( map.insert(stringify!($key), minijinja::Value::from(minijinja::value::Serde(&$value))); )*
        minijinja::Value::from(minijinja::value::Serde(&map))
    }};
}
