//! The columns of the account tables and how each row becomes its type.

use crate::StoreError;
use crate::accounts::{ApiToken, AuditEntry, Session, Team, User};
use crate::engine::backend::Backend;
use crate::engine::convert::Cells;

// Macros rather than constants so that `concat!` can build whole statements.
macro_rules! user_columns {
    () => {
        "id, username, display_name, email, password_hash, role, created_at, disabled"
    };
}
macro_rules! team_columns {
    () => {
        "id, name, created_at"
    };
}
macro_rules! session_columns {
    () => {
        "id, token_hash, user_id, csrf_secret, created_at, expires_at, last_seen_at"
    };
}
macro_rules! token_columns {
    () => {
        "id, token_hash, user_id, name, created_at, last_used_at, expires_at"
    };
}
macro_rules! audit_columns {
    () => {
        "id, postmortem_id, user_id, username, action, at, detail"
    };
}
pub(super) use {audit_columns, session_columns, team_columns, token_columns, user_columns};

pub(super) fn user<DB: Backend>(c: &Cells<'_, DB>) -> Result<User, StoreError> {
    Ok(User {
        id: c.int("id")?,
        username: c.text("username")?,
        display_name: c.text("display_name")?,
        email: c.opt_text("email")?,
        password_hash: c.text("password_hash")?,
        role: c.named("role")?,
        created_at: c.timestamp("created_at")?,
        disabled: c.flag("disabled")?,
    })
}

pub(super) fn team<DB: Backend>(c: &Cells<'_, DB>) -> Result<Team, StoreError> {
    Ok(Team {
        id: c.int("id")?,
        name: c.text("name")?,
        created_at: c.timestamp("created_at")?,
    })
}

pub(super) fn session<DB: Backend>(c: &Cells<'_, DB>) -> Result<Session, StoreError> {
    Ok(Session {
        id: c.int("id")?,
        token_hash: c.text("token_hash")?,
        user_id: c.int("user_id")?,
        csrf_secret: c.text("csrf_secret")?,
        created_at: c.timestamp("created_at")?,
        expires_at: c.timestamp("expires_at")?,
        last_seen_at: c.timestamp("last_seen_at")?,
    })
}

pub(super) fn api_token<DB: Backend>(c: &Cells<'_, DB>) -> Result<ApiToken, StoreError> {
    Ok(ApiToken {
        id: c.int("id")?,
        token_hash: c.text("token_hash")?,
        user_id: c.int("user_id")?,
        name: c.text("name")?,
        created_at: c.timestamp("created_at")?,
        last_used_at: c.opt_timestamp("last_used_at")?,
        expires_at: c.opt_timestamp("expires_at")?,
    })
}

pub(super) fn audit_entry<DB: Backend>(c: &Cells<'_, DB>) -> Result<AuditEntry, StoreError> {
    Ok(AuditEntry {
        id: c.int("id")?,
        postmortem_id: c.opt_int("postmortem_id")?,
        user_id: c.opt_int("user_id")?,
        username: c.text("username")?,
        action: c.text("action")?,
        at: c.timestamp("at")?,
        detail: c.text("detail")?,
    })
}

pub(super) fn count<DB: Backend>(c: &Cells<'_, DB>) -> Result<i64, StoreError> {
    c.int("n")
}
