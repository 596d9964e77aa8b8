//! Retrospect's web application: server-rendered pages that work without
//! JavaScript, accounts and roles, the review workflow, and the REST API.
//!
//! - [`serve`] starts the server from a [`ServeConfig`] (flags, `RETROSPECT_*`
//!   variables and an optional TOML file, merged by [`ServeConfig::load`]).
//! - [`app`] builds the router on any store, for tests and embedding.

mod access;
mod analysis;
mod api;
mod auth;
mod coach;
mod config;
mod error;
mod evidence_import;
mod input;
mod metrics;
mod pages;
mod render_errors;
mod routes;
mod security;
mod service;
mod smart;
mod state;
mod statics;
mod store;
mod templates;
mod templates_catalog;
mod view;

use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context;
use axum::Router;
use axum::http::{HeaderName, HeaderValue, header};
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;

pub use access::Role;
pub use config::{CliOverrides, ServeConfig};
pub use routes::{RouteSpec, Rule, table as route_table};
pub use security::{hash_password, random_token};
pub use state::AppOptions;
pub use store::WebStore;

/// Content-Security-Policy: only our own script and style, no inline script.
const CSP: &str = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Builds the whole application on a store.
pub async fn app(store: Arc<dyn WebStore>, options: AppOptions) -> Router {
    let state = state::AppState {
        store,
        templates: Arc::new(templates::environment()),
        metrics: Arc::new(metrics::Metrics::default()),
        options: Arc::new(options.clone()),
        analysis: Default::default(),
        postmortems: Default::default(),
        recent_views: Default::default(),
    };
    let body_limit = options.max_upload_bytes;
    routes::router()
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::authenticate,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            render_errors::render,
        ))
        .layer(axum::extract::DefaultBodyLimit::max(body_limit))
        .route_layer(axum::middleware::from_fn_with_state(
            state.metrics.clone(),
            metrics::track,
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("x-frame-options"),
            HeaderValue::from_static("DENY"),
        ))
        // A bug in any part answers 500 in the usual error shape instead of
        // dropping the connection.
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(
            panic_response,
        ))
        .layer(CompressionLayer::new())
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .with_state(state)
}

fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> axum::response::Response {
    use axum::response::IntoResponse;
    tracing::error!("a request handler panicked");
    (
        axum::http::StatusCode::INTERNAL_SERVER_ERROR,
        axum::Json(serde_json::json!({ "error": { "code": "internal",
            "message": "Something went wrong on our side. Nothing was changed; please try again in a moment." } })),
    )
        .into_response()
}

/// Serves an app on a listener until the process is asked to stop.
pub async fn serve_on(listener: tokio::net::TcpListener, router: Router) -> anyhow::Result<()> {
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await
    .context("the web server stopped with an error")
}

fn init_logs(json: bool) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("RETROSPECT_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,tower_http=warn"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    // A second call (tests, embedding) keeps the first subscriber.
    let _ = if json {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}

/// Opens the store a URL names (`postgres://…`, `sqlite://path` or a plain
/// path) with migrations applied.
pub async fn open_store(url: &str) -> Result<Arc<dyn WebStore>, retrospect_store::StoreError> {
    Ok(Arc::from(retrospect_store::open_with_accounts(url).await?))
}

/// `retrospect serve`: opens the database (SQLite by default), applies
/// migrations and answers on `config.bind`.
pub async fn serve(config: ServeConfig) -> anyhow::Result<()> {
    init_logs(config.json_logs);
    let url = match &config.database_url {
        Some(url) => url.clone(),
        None => retrospect_store::default_database_path()
            .display()
            .to_string(),
    };
    let store = open_store(&url)
        .await
        .with_context(|| format!("could not open the database {url}"))?;
    let options = AppOptions {
        secure_cookies: config.secure_cookies,
        max_upload_bytes: config.max_upload_bytes,
        session_hours: config.session_hours,
    };
    let router = app(store, options).await;
    let listener = tokio::net::TcpListener::bind(config.bind)
        .await
        .with_context(|| format!("could not listen on {}", config.bind))?;
    tracing::info!(address = %config.bind, "Retrospect is listening; open http://{} in a browser", config.bind);
    serve_on(listener, router).await
}
