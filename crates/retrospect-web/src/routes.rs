//! Every route in one table, so the authorization test walks all of them and
//! cannot miss a new one. Each entry says who may use it and carries an
//! example body the test sends.

use axum::Router;
use axum::http::Method;
use axum::routing::{MethodRouter, get, post};

use crate::pages::{
    account, admin, create, edits, evidence, export, home, people, postmortem, removals, review,
    settings,
};
use crate::state::AppState;
use crate::{api, statics};

/// What a route needs, as the authorization test understands it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Anyone, signed in or not (health, metrics, assets, sign-in pages).
    Public,
    /// Any signed-in person.
    SignedIn,
    /// Any signed-in person may start a personal post-mortem; others need a contributor.
    Create,
    /// Reading one post-mortem (`{id}` in the path).
    Read,
    /// Changing its content.
    Edit,
    Comment,
    Acknowledge,
    /// Moving it in the workflow (the body says where).
    Move,
    /// Seeing its audit log.
    Audit,
    /// Deleting it for good.
    Delete,
    Administer,
}

pub struct RouteSpec {
    pub method: Method,
    pub path: &'static str,
    pub rule: Rule,
    /// An example body (form or JSON, by the path) with `{version}`, `{key}`
    /// placeholders the test fills in; None for requests without a body.
    pub example: Option<&'static str>,
    handler: fn() -> MethodRouter<AppState>,
}

macro_rules! route {
    ($m:ident, $path:literal, $rule:ident, $example:expr, $handler:path) => {
        RouteSpec {
            method: Method::$m,
            path: $path,
            rule: Rule::$rule,
            example: $example,
            handler: || route!(@method $m, $handler),
        }
    };
    (@method GET, $h:path) => { get($h) };
    (@method POST, $h:path) => { post($h) };
}

/// Twins: the same handler under the page path and the API path.
pub fn table() -> Vec<RouteSpec> {
    vec![
        route!(GET, "/healthz", Public, None, statics::healthz),
        route!(GET, "/metrics", Public, None, statics::metrics),
        route!(GET, "/static/app.css", Public, None, statics::css),
        route!(GET, "/static/app.js", Public, None, statics::js),
        route!(
            GET,
            "/api/openapi.json",
            Public,
            None,
            api::openapi::document
        ),
        route!(GET, "/setup", Public, None, account::setup_page),
        route!(
            POST,
            "/setup",
            Public,
            Some("username=x&display_name=x&password=xxxxxxxxxxxx&confirm=xxxxxxxxxxxx"),
            account::setup_submit
        ),
        route!(GET, "/login", Public, None, account::login_page),
        route!(
            POST,
            "/login",
            Public,
            Some("username=nobody&password=wrong"),
            account::login_submit
        ),
        route!(POST, "/logout", SignedIn, Some(""), account::logout),
        route!(GET, "/", SignedIn, None, home::home),
        route!(GET, "/search", SignedIn, None, home::search),
        route!(GET, "/new", SignedIn, None, create::new_page),
        route!(
            POST,
            "/pm",
            Create,
            Some("title=Test+post-mortem&template=sre"),
            create::create
        ),
        route!(GET, "/pm/{id}", Read, None, postmortem::show),
        route!(GET, "/pm/{id}/audit", Audit, None, postmortem::audit_page),
        route!(GET, "/pm/{id}/export.html", Read, None, export::html),
        route!(GET, "/pm/{id}/export.md", Read, None, export::markdown),
        route!(
            POST,
            "/pm/{id}/sections",
            Edit,
            Some("version={version}&index=0&body=Notes"),
            edits::section
        ),
        route!(
            GET,
            "/api/v1/postmortems/{id}/export.html",
            Read,
            None,
            export::html
        ),
        route!(
            GET,
            "/api/v1/postmortems/{id}/markdown",
            Read,
            None,
            export::markdown
        ),
        route!(
            POST,
            "/api/v1/postmortems/{id}/sections",
            Edit,
            Some(r#"{"version":{version},"index":0,"body":"Notes"}"#),
            edits::section
        ),
        route!(
            POST,
            "/pm/{id}/event",
            Edit,
            Some("version={version}&title=Renamed&summary=s&impact=i"),
            edits::event
        ),
        route!(
            POST,
            "/pm/{id}/moments",
            Edit,
            Some("version={version}&kind=started&at=2024-05-01T10:00"),
            edits::moment
        ),
        route!(POST, "/pm/{id}/evidence", Edit, None, evidence::upload),
        route!(
            POST,
            "/pm/{id}/timeline",
            Edit,
            Some("version={version}&at=2024-05-01T10:05&text=Alert+fired"),
            edits::add_entry
        ),
        route!(
            POST,
            "/pm/{id}/timeline/{entry}",
            Edit,
            Some("version={version}&op=hide"),
            edits::entry_op
        ),
        route!(
            POST,
            "/pm/{id}/causes",
            Edit,
            Some("version={version}&text=The+disk+filled&category=Equipment"),
            edits::add_cause
        ),
        route!(
            POST,
            "/pm/{id}/lessons",
            Edit,
            Some("version={version}&kind=learned&text=Alerts+help"),
            edits::add_lesson
        ),
        route!(
            POST,
            "/pm/{id}/actions",
            Edit,
            Some("version={version}&text=Add+a+disk+alert&owner=ada&due=2031-01-01"),
            edits::add_action
        ),
        // The example's version is always stale, so the authorization walk
        // sees the permission answer (409 once allowed) without deleting.
        route!(
            POST,
            "/pm/{id}/delete",
            Delete,
            Some("version=0&confirm=yes"),
            removals::delete_postmortem
        ),
        route!(
            POST,
            "/api/v1/postmortems/{id}/delete",
            Delete,
            Some(r#"{"version":0}"#),
            removals::delete_postmortem
        ),
        route!(
            POST,
            "/pm/{id}/causes/{cause}/remove",
            Edit,
            Some("version={version}"),
            removals::remove_cause
        ),
        route!(
            POST,
            "/pm/{id}/lessons/{lesson}/remove",
            Edit,
            Some("version={version}"),
            removals::remove_lesson
        ),
        route!(
            POST,
            "/pm/{id}/actions/{action}/remove",
            Edit,
            Some("version={version}"),
            removals::remove_action
        ),
        route!(
            POST,
            "/api/v1/postmortems/{id}/causes/{cause}/remove",
            Edit,
            Some(r#"{"version":{version}}"#),
            removals::remove_cause
        ),
        route!(
            POST,
            "/api/v1/postmortems/{id}/lessons/{lesson}/remove",
            Edit,
            Some(r#"{"version":{version}}"#),
            removals::remove_lesson
        ),
        route!(
            POST,
            "/api/v1/postmortems/{id}/actions/{action}/remove",
            Edit,
            Some(r#"{"version":{version}}"#),
            removals::remove_action
        ),
        // Editing existing parts (src/pages/part_edits.rs), page and API twins.
        route!(
            POST,
            "/pm/{id}/causes/{cause}",
            Edit,
            Some("version={version}&text=The+config+check+was+missing&category=Process&parent="),
            crate::pages::part_edits::edit_cause
        ),
        route!(
            POST,
            "/api/v1/postmortems/{id}/causes/{cause}",
            Edit,
            Some(
                r#"{"version":{version},"text":"The config check was missing","category":"Process"}"#
            ),
            crate::pages::part_edits::edit_cause
        ),
        route!(
            POST,
            "/pm/{id}/lessons/{lesson}",
            Edit,
            Some("version={version}&kind=went-wrong&text=Config+changes+skipped+review"),
            crate::pages::part_edits::edit_lesson
        ),
        route!(
            POST,
            "/api/v1/postmortems/{id}/lessons/{lesson}",
            Edit,
            Some(r#"{"version":{version},"kind":"learned","text":"Config changes need a check"}"#),
            crate::pages::part_edits::edit_lesson
        ),
        route!(
            POST,
            "/pm/{id}/actions/{action}/edit",
            Edit,
            Some(
                "version={version}&text=Add+a+config+linter&owner=ada&due=2031-01-01&kind=detect&success_criterion=Bad+configs+fail+CI&cause=C1"
            ),
            crate::pages::part_edits::edit_action
        ),
        route!(
            POST,
            "/api/v1/postmortems/{id}/actions/{action}/edit",
            Edit,
            Some(r#"{"version":{version},"owner":"ada","due":"2031-01-01","cause":"C1"}"#),
            crate::pages::part_edits::edit_action
        ),
        route!(
            POST,
            "/pm/{id}/actions/{action}/review",
            Edit,
            Some("version={version}&review_date=2031-02-01&effectiveness="),
            crate::pages::part_edits::review_action
        ),
        route!(
            POST,
            "/api/v1/postmortems/{id}/actions/{action}/review",
            Edit,
            Some(r#"{"version":{version},"review_date":"2031-02-01"}"#),
            crate::pages::part_edits::review_action
        ),
        route!(
            POST,
            "/pm/{id}/actions/{action}",
            Edit,
            Some("version={version}&status=done"),
            edits::action_status
        ),
        route!(
            POST,
            "/pm/{id}/comments",
            Comment,
            Some("version={version}&text=Thanks"),
            edits::add_comment
        ),
        route!(
            POST,
            "/pm/{id}/acknowledgements",
            Acknowledge,
            Some("version={version}&key={key}&reason=quoted"),
            edits::acknowledge
        ),
        route!(
            POST,
            "/pm/{id}/status",
            Move,
            Some("version={version}&to=in-review"),
            edits::set_status
        ),
        route!(GET, "/tokens", SignedIn, None, admin::tokens_page),
        route!(
            POST,
            "/tokens",
            SignedIn,
            Some("name=ci"),
            admin::create_token
        ),
        route!(GET, "/admin", Administer, None, admin::admin_page),
        route!(
            POST,
            "/admin/users",
            Administer,
            Some("username=newperson&display_name=N&password=xxxxxxxxxxxx&role=viewer"),
            admin::create_user
        ),
        route!(
            POST,
            "/admin/teams",
            Administer,
            Some("name=newteam"),
            admin::create_team
        ),
        route!(
            POST,
            "/admin/members",
            Administer,
            Some("team=newteam&username=newperson"),
            admin::add_member
        ),
        route!(
            POST,
            "/admin/roles",
            Administer,
            Some("username=newperson&role=contributor"),
            admin::set_role
        ),
        route!(
            POST,
            "/admin/members/remove",
            Administer,
            Some("team=newteam&username=newperson"),
            people::remove_member
        ),
        route!(
            POST,
            "/admin/users/disable",
            Administer,
            Some("username=newperson&disabled=false"),
            people::set_disabled
        ),
        route!(
            POST,
            "/admin/users/password",
            Administer,
            Some("username=newperson&password=xxxxxxxxxxxx"),
            people::reset_password
        ),
        route!(GET, "/account", SignedIn, None, settings::account_page),
        route!(
            POST,
            "/account/password",
            SignedIn,
            Some("current=not-the-password&password=xxxxxxxxxxxx&confirm=xxxxxxxxxxxx"),
            settings::change_password
        ),
        route!(
            POST,
            "/tokens/revoke",
            SignedIn,
            Some("id=999999"),
            settings::revoke_token
        ),
        // The REST API: the same handlers, JSON in and out.
        route!(
            POST,
            "/api/v1/me/password",
            SignedIn,
            Some(
                r#"{"current":"not-the-password","password":"xxxxxxxxxxxx","confirm":"xxxxxxxxxxxx"}"#
            ),
            settings::change_password
        ),
        route!(GET, "/api/v1/tokens", SignedIn, None, settings::list_tokens),
        route!(
            POST,
            "/api/v1/tokens",
            SignedIn,
            Some(r#"{"name":"script"}"#),
            admin::create_token
        ),
        route!(
            POST,
            "/api/v1/tokens/revoke",
            SignedIn,
            Some(r#"{"id":999999}"#),
            settings::revoke_token
        ),
        route!(
            GET,
            "/api/v1/admin/people",
            Administer,
            None,
            people::people_json
        ),
        route!(
            POST,
            "/api/v1/admin/users",
            Administer,
            Some(
                r#"{"username":"apiperson","display_name":"A","password":"xxxxxxxxxxxx","role":"viewer"}"#
            ),
            admin::create_user
        ),
        route!(
            POST,
            "/api/v1/admin/teams",
            Administer,
            Some(r#"{"name":"apiteam"}"#),
            admin::create_team
        ),
        route!(
            POST,
            "/api/v1/admin/members",
            Administer,
            Some(r#"{"team":"apiteam","username":"apiperson"}"#),
            admin::add_member
        ),
        route!(
            POST,
            "/api/v1/admin/members/remove",
            Administer,
            Some(r#"{"team":"apiteam","username":"apiperson"}"#),
            people::remove_member
        ),
        route!(
            POST,
            "/api/v1/admin/roles",
            Administer,
            Some(r#"{"username":"apiperson","role":"contributor"}"#),
            admin::set_role
        ),
        route!(
            POST,
            "/api/v1/admin/users/disable",
            Administer,
            Some(r#"{"username":"apiperson","disabled":false}"#),
            people::set_disabled
        ),
        route!(
            POST,
            "/api/v1/admin/users/password",
            Administer,
            Some(r#"{"username":"apiperson","password":"xxxxxxxxxxxx"}"#),
            people::reset_password
        ),
        route!(GET, "/api/v1/me", SignedIn, None, api::me),
        route!(
            POST,
            "/api/v1/coach",
            SignedIn,
            Some(r#"{"text":"Bob failed to check","section":"why"}"#),
            review::lint
        ),
        route!(GET, "/api/v1/postmortems", SignedIn, None, home::search),
        route!(
            POST,
            "/api/v1/postmortems",
            Create,
            Some(r#"{"title":"API post-mortem","template":"sre"}"#),
            create::create
        ),
        route!(GET, "/api/v1/actions", SignedIn, None, api::my_actions),
        route!(
            GET,
            "/api/v1/postmortems/{id}",
            Read,
            None,
            postmortem::show_json
        ),
        route!(
            GET,
            "/api/v1/postmortems/{id}/audit",
            Audit,
            None,
            postmortem::audit_page
        ),
        route!(
            POST,
            "/api/v1/postmortems/{id}/event",
            Edit,
            Some(r#"{"version":{version},"title":"Renamed","summary":"s","impact":"i"}"#),
            edits::event
        ),
        route!(
            POST,
            "/api/v1/postmortems/{id}/moments",
            Edit,
            Some(r#"{"version":{version},"kind":"detected","at":"2024-05-01T10:03:00Z"}"#),
            edits::moment
        ),
        route!(
            POST,
            "/api/v1/postmortems/{id}/evidence",
            Edit,
            None,
            evidence::upload
        ),
        route!(
            POST,
            "/api/v1/postmortems/{id}/timeline",
            Edit,
            Some(r#"{"version":{version},"at":"2024-05-01T10:05:00Z","text":"Alert fired"}"#),
            edits::add_entry
        ),
        route!(
            POST,
            "/api/v1/postmortems/{id}/timeline/{entry}",
            Edit,
            Some(r#"{"version":{version},"op":"hide"}"#),
            edits::entry_op
        ),
        route!(
            POST,
            "/api/v1/postmortems/{id}/causes",
            Edit,
            Some(r#"{"version":{version},"text":"The disk filled"}"#),
            edits::add_cause
        ),
        route!(
            POST,
            "/api/v1/postmortems/{id}/lessons",
            Edit,
            Some(r#"{"version":{version},"kind":"went-right","text":"Paging worked"}"#),
            edits::add_lesson
        ),
        route!(
            POST,
            "/api/v1/postmortems/{id}/actions",
            Edit,
            Some(
                r#"{"version":{version},"text":"Alert on disk use above 80%","owner":"ada","due":"2031-01-01"}"#
            ),
            edits::add_action
        ),
        route!(
            POST,
            "/api/v1/postmortems/{id}/actions/{action}",
            Edit,
            Some(r#"{"version":{version},"status":"in-progress"}"#),
            edits::action_status
        ),
        route!(
            POST,
            "/api/v1/postmortems/{id}/comments",
            Comment,
            Some(r#"{"version":{version},"text":"Thanks"}"#),
            edits::add_comment
        ),
        route!(
            POST,
            "/api/v1/postmortems/{id}/acknowledgements",
            Acknowledge,
            Some(r#"{"version":{version},"key":"{key}","reason":"quoted"}"#),
            edits::acknowledge
        ),
        route!(
            POST,
            "/api/v1/postmortems/{id}/status",
            Move,
            Some(r#"{"version":{version},"to":"in-review"}"#),
            edits::set_status
        ),
    ]
}

pub fn router() -> Router<AppState> {
    table().into_iter().fold(Router::new(), |r, spec| {
        r.route(spec.path, (spec.handler)())
    })
}
