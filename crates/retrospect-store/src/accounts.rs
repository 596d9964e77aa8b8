//! Accounts for the web application: users and their roles, teams, sign-in
//! sessions, API tokens, sign-in rate limiting, and the audit of who viewed
//! and changed each post-mortem.
//!
//! The store never sees a secret: passwords arrive hashed (an opaque string),
//! and session and API tokens as hashes. Instants are given by the caller
//! where they matter to a rule (expiry, rate windows), so the rules can be
//! tested without waiting.

use async_trait::async_trait;
use retrospect_domain::{Timestamp, named_enum};
use serde::Serialize;

use crate::StoreError;

/// What someone may do, in increasing order: each role can do what the one
/// before it can.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Role {
    #[default]
    Viewer,
    Contributor,
    Facilitator,
    Administrator,
}
named_enum!(Role, "role", {
    Viewer => "viewer",
    Contributor => "contributor",
    Facilitator => "facilitator",
    Administrator => "administrator" | "admin",
});

impl Role {
    /// The stored name ("viewer" ...), without importing `EnumName`.
    pub fn name(self) -> &'static str {
        retrospect_domain::EnumName::name(self)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct User {
    pub id: i64,
    /// As typed at creation; unique ignoring case.
    pub username: String,
    pub display_name: String,
    pub email: Option<String>,
    /// Never serialised, so it cannot leak through an API answer.
    #[serde(skip_serializing)]
    pub password_hash: String,
    pub role: Role,
    pub created_at: Timestamp,
    pub disabled: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUser {
    pub username: String,
    pub display_name: String,
    pub email: Option<String>,
    pub password_hash: String,
    pub role: Role,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Team {
    pub id: i64,
    /// Unique ignoring case; post-mortems name their team by it.
    pub name: String,
    pub created_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Session {
    pub id: i64,
    #[serde(skip_serializing)]
    pub token_hash: String,
    pub user_id: i64,
    #[serde(skip_serializing)]
    pub csrf_secret: String,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
    pub last_seen_at: Timestamp,
}

impl Session {
    pub fn is_expired(&self, now: Timestamp) -> bool {
        self.expires_at <= now
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSession {
    pub token_hash: String,
    pub user_id: i64,
    pub csrf_secret: String,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApiToken {
    pub id: i64,
    #[serde(skip_serializing)]
    pub token_hash: String,
    pub user_id: i64,
    /// What the person called it ("CI pipeline").
    pub name: String,
    pub created_at: Timestamp,
    pub last_used_at: Option<Timestamp>,
    /// None: valid until revoked.
    pub expires_at: Option<Timestamp>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewApiToken {
    pub token_hash: String,
    pub user_id: i64,
    pub name: String,
    pub created_at: Timestamp,
    pub expires_at: Option<Timestamp>,
}

/// One line of the audit: who did what to which post-mortem, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    pub id: i64,
    pub postmortem_id: Option<i64>,
    /// None once the user is deleted; `username` keeps the name it had.
    pub user_id: Option<i64>,
    pub username: String,
    /// "viewed", "created", "changed", "exported", "deleted" ...
    pub action: String,
    pub at: Timestamp,
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAuditEntry {
    pub postmortem_id: Option<i64>,
    pub user_id: Option<i64>,
    pub username: String,
    pub action: String,
    pub detail: String,
    pub at: Timestamp,
}

/// Accounts, next to the post-mortems in the same database. Lookups answer
/// `Ok(None)` for "no such thing"; changes to something missing answer
/// [`StoreError::Missing`]; a taken username or team name answers
/// [`StoreError::AlreadyExists`].
#[async_trait]
pub trait AccountStore: Send + Sync {
    async fn user_count(&self) -> Result<i64, StoreError>;

    async fn create_user(&self, user: &NewUser) -> Result<User, StoreError>;

    /// Creates `user` only if there is no user at all yet, atomically, so that
    /// two instances (or two browser tabs) cannot both create "the first"
    /// administrator. None when someone was first.
    async fn create_first_user(&self, user: &NewUser) -> Result<Option<User>, StoreError>;

    async fn user_by_id(&self, id: i64) -> Result<Option<User>, StoreError>;

    /// Finds a user by name, ignoring case.
    async fn user_by_username(&self, username: &str) -> Result<Option<User>, StoreError>;

    /// Every user, by lower-cased username in code point order (the same on both backends).
    async fn list_users(&self) -> Result<Vec<User>, StoreError>;

    async fn set_user_role(&self, user_id: i64, role: Role) -> Result<(), StoreError>;

    async fn set_password_hash(&self, user_id: i64, password_hash: &str) -> Result<(), StoreError>;

    /// A disabled user keeps their history but cannot sign in.
    async fn set_user_disabled(&self, user_id: i64, disabled: bool) -> Result<(), StoreError>;

    async fn create_team(&self, name: &str) -> Result<Team, StoreError>;

    /// Finds a team by name, ignoring case.
    async fn team_by_name(&self, name: &str) -> Result<Option<Team>, StoreError>;

    /// Every team, by lower-cased name in code point order.
    async fn list_teams(&self) -> Result<Vec<Team>, StoreError>;

    /// Adds a member; adding someone already in the team changes nothing.
    async fn add_team_member(&self, team_id: i64, user_id: i64) -> Result<(), StoreError>;

    async fn remove_team_member(&self, team_id: i64, user_id: i64) -> Result<(), StoreError>;

    /// The teams a user belongs to, by name.
    async fn teams_of_user(&self, user_id: i64) -> Result<Vec<Team>, StoreError>;

    /// The members of a team, by username.
    async fn team_members(&self, team_id: i64) -> Result<Vec<User>, StoreError>;

    async fn create_session(&self, session: &NewSession) -> Result<Session, StoreError>;

    /// The session with this token hash, expired or not (check
    /// [`Session::is_expired`]); expired ones are removed by
    /// [`AccountStore::delete_expired_sessions`].
    async fn session_by_token_hash(&self, token_hash: &str) -> Result<Option<Session>, StoreError>;

    /// Records activity on a session and moves its expiry (sliding sessions).
    /// False when the session no longer exists.
    async fn touch_session(
        &self,
        token_hash: &str,
        now: Timestamp,
        expires_at: Timestamp,
    ) -> Result<bool, StoreError>;

    async fn delete_session(&self, token_hash: &str) -> Result<(), StoreError>;

    /// Signs a user out everywhere (after a password change, or when disabled).
    async fn delete_sessions_of_user(&self, user_id: i64) -> Result<u64, StoreError>;

    /// Removes sessions whose expiry is at or before `now`; returns how many.
    async fn delete_expired_sessions(&self, now: Timestamp) -> Result<u64, StoreError>;

    async fn create_api_token(&self, token: &NewApiToken) -> Result<ApiToken, StoreError>;

    async fn api_token_by_hash(&self, token_hash: &str) -> Result<Option<ApiToken>, StoreError>;

    async fn touch_api_token(&self, token_hash: &str, now: Timestamp) -> Result<(), StoreError>;

    /// A user's tokens, newest first.
    async fn list_api_tokens(&self, user_id: i64) -> Result<Vec<ApiToken>, StoreError>;

    /// Revokes one of a user's tokens; false if they had no such token.
    async fn delete_api_token(&self, user_id: i64, token_id: i64) -> Result<bool, StoreError>;

    /// Records a sign-in attempt for `username` (ignoring case) from `address`.
    async fn record_login_attempt(
        &self,
        username: &str,
        address: &str,
        succeeded: bool,
        at: Timestamp,
    ) -> Result<(), StoreError>;

    /// Failed attempts for `username` from `address` at or after `since`, not
    /// counting those before the latest successful one.
    async fn count_failed_logins(
        &self,
        username: &str,
        address: &str,
        since: Timestamp,
    ) -> Result<i64, StoreError>;

    /// Forgets attempts older than `before`; returns how many.
    async fn delete_login_attempts_before(&self, before: Timestamp) -> Result<u64, StoreError>;

    async fn append_audit(&self, entry: &NewAuditEntry) -> Result<AuditEntry, StoreError>;

    /// The audit of one post-mortem, newest first, at most `limit` entries.
    async fn list_audit(
        &self,
        postmortem_id: i64,
        limit: i64,
    ) -> Result<Vec<AuditEntry>, StoreError>;
}
