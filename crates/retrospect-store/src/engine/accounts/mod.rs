//! [`AccountStore`] on both backends. Each change is one statement (atomic
//! on its own) on the write connection, except creating the first user.

mod rows;

use async_trait::async_trait;
use retrospect_domain::{DomainError, Timestamp};
use sqlx::SqlSafeStr;

use super::SqlStore;
use super::backend::{Backend, Value, args};
use super::convert::{Cells, fold, micros, to_stored_precision};
use crate::StoreError;
use crate::accounts::{
    AccountStore, ApiToken, AuditEntry, NewApiToken, NewAuditEntry, NewSession, NewUser, Role,
    Session, Team, User,
};
use rows::{audit_columns, session_columns, team_columns, token_columns, user_columns};

const INSERT_USER: &str = concat!(
    "INSERT INTO users (username_folded, username, display_name, email, password_hash, role, \
     created_at, disabled) VALUES ($1, $2, $3, $4, $5, $6, $7, FALSE) RETURNING ",
    user_columns!()
);
const INSERT_TEAM: &str = concat!(
    "INSERT INTO teams (name, name_folded, created_at) VALUES ($1, $2, $3) RETURNING ",
    team_columns!()
);
const INSERT_SESSION: &str = concat!(
    "INSERT INTO sessions (token_hash, user_id, csrf_secret, created_at, expires_at, last_seen_at) \
     VALUES ($1, $2, $3, $4, $5, $4) RETURNING ",
    session_columns!()
);
const INSERT_TOKEN: &str = concat!(
    "INSERT INTO api_tokens (token_hash, user_id, name, created_at, expires_at) \
     VALUES ($1, $2, $3, $4, $5) RETURNING ",
    token_columns!()
);
const INSERT_AUDIT: &str = concat!(
    "INSERT INTO audit_log (postmortem_id, user_id, username, action, at, detail) \
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING ",
    audit_columns!()
);
/// Failures that no later success for the same name and address has cleared.
const COUNT_FAILED_LOGINS: &str = "SELECT COUNT(*) AS n FROM login_attempts f \
     WHERE f.username_folded = $1 AND f.address = $2 AND f.succeeded = FALSE AND f.at >= $3 \
     AND NOT EXISTS (SELECT 1 FROM login_attempts s WHERE s.username_folded = $1 \
     AND s.address = $2 AND s.succeeded = TRUE AND s.at >= f.at)";

/// Usernames and team names: trimmed, present, and of a sensible length.
fn checked_name(field: &'static str, value: &str) -> Result<String, StoreError> {
    let name = value.trim();
    let len = name.chars().count();
    if name.is_empty() {
        return Err(DomainError::Empty { field }.into());
    }
    if len > 100 {
        return Err(DomainError::TooLong {
            field,
            len,
            max: 100,
        }
        .into());
    }
    if name.contains('\0') {
        return Err(DomainError::Invalid {
            what: field,
            value: name.replace('\0', "\\0"),
            hint: "it contains a NUL character".into(),
        }
        .into());
    }
    Ok(name.to_string())
}

/// A unique constraint that fired means the name is taken.
fn taken(error: sqlx::Error, what: &'static str, value: &str) -> StoreError {
    match &error {
        sqlx::Error::Database(e) if e.is_unique_violation() => StoreError::AlreadyExists {
            what,
            value: value.to_string(),
        },
        _ => StoreError::Database(error),
    }
}

/// Sorted by lower-cased name, in code point order. Sorting here rather than
/// in SQL keeps both backends in the same order whatever PostgreSQL's
/// collation is.
fn by_name<T>(mut items: Vec<T>, name: impl Fn(&T) -> &String) -> Vec<T> {
    items.sort_by_cached_key(|item| fold(name(item)));
    items
}

fn missing(what: &'static str, key: i64) -> StoreError {
    StoreError::Missing {
        what,
        key: key.to_string(),
    }
}

fn new_user_values(user: &NewUser) -> Result<Vec<Value>, StoreError> {
    let username = checked_name("username", &user.username)?;
    let display_name = match user.display_name.trim() {
        "" => username.clone(),
        name => name.to_string(),
    };
    Ok(args![
        fold(&username),
        username,
        display_name,
        user.email.as_ref(),
        &user.password_hash,
        user.role.name(),
        micros(to_stored_precision(Timestamp::now())),
    ])
}

impl<DB: Backend> SqlStore<DB> {
    /// Runs one change on the write connection; returns the rows it touched.
    async fn change(&self, sql: &'static str, values: Vec<Value>) -> Result<u64, sqlx::Error> {
        let mut conn = self.write.acquire().await?;
        DB::execute(&mut conn, sql.into_sql_str(), values).await
    }

    /// Runs one statement returning rows (INSERT ... RETURNING) on the write connection.
    async fn change_returning<T>(
        &self,
        sql: &'static str,
        values: Vec<Value>,
        decode: impl Fn(&Cells<'_, DB>) -> Result<T, StoreError>,
    ) -> Result<Result<T, sqlx::Error>, StoreError> {
        let mut conn = self.write.acquire().await?;
        let found = match DB::fetch_all(&mut conn, sql.into_sql_str(), values).await {
            Ok(found) => found,
            Err(e) => return Ok(Err(e)),
        };
        let row = found
            .first()
            .ok_or_else(|| StoreError::Corrupt(format!("no row came back from: {sql}")))?;
        decode(&Cells::new("accounts", row)).map(Ok)
    }

    /// Runs a query on a reading connection and decodes every row.
    async fn query<T>(
        &self,
        sql: &'static str,
        values: Vec<Value>,
        decode: impl Fn(&Cells<'_, DB>) -> Result<T, StoreError>,
    ) -> Result<Vec<T>, StoreError> {
        let mut conn = self.read.acquire().await?;
        let found = DB::fetch_all(&mut conn, sql.into_sql_str(), values).await?;
        found
            .iter()
            .map(|row| decode(&Cells::new("accounts", row)))
            .collect()
    }

    async fn query_one<T>(
        &self,
        sql: &'static str,
        values: Vec<Value>,
        decode: impl Fn(&Cells<'_, DB>) -> Result<T, StoreError>,
    ) -> Result<Option<T>, StoreError> {
        Ok(self.query(sql, values, decode).await?.into_iter().next())
    }

    /// A change to the user `user_id`, which must exist.
    async fn change_user(
        &self,
        sql: &'static str,
        values: Vec<Value>,
        user_id: i64,
    ) -> Result<(), StoreError> {
        match self.change(sql, values).await? {
            0 => Err(missing("user", user_id)),
            _ => Ok(()),
        }
    }
}

#[async_trait]
impl<DB: Backend> AccountStore for SqlStore<DB> {
    async fn user_count(&self) -> Result<i64, StoreError> {
        let found = self
            .query_one("SELECT COUNT(*) AS n FROM users", args![], rows::count)
            .await?;
        Ok(found.unwrap_or(0))
    }

    async fn create_user(&self, user: &NewUser) -> Result<User, StoreError> {
        let values = new_user_values(user)?;
        self.change_returning(INSERT_USER, values, rows::user)
            .await?
            .map_err(|e| taken(e, "username", user.username.trim()))
    }

    async fn create_first_user(&self, user: &NewUser) -> Result<Option<User>, StoreError> {
        let values = new_user_values(user)?;
        let mut tx = self.write.begin_with(DB::BEGIN_WRITE).await?;
        if let Some(lock) = DB::LOCK_USERS {
            DB::execute(&mut tx, lock.into_sql_str(), args![]).await?;
        }
        let counted = DB::fetch_all(
            &mut tx,
            "SELECT COUNT(*) AS n FROM users".into_sql_str(),
            args![],
        )
        .await?;
        let existing = counted
            .first()
            .map(|row| rows::count(&Cells::<DB>::new("users", row)))
            .transpose()?;
        if existing.unwrap_or(0) > 0 {
            tx.rollback().await?;
            return Ok(None);
        }
        let inserted = DB::fetch_all(&mut tx, INSERT_USER.into_sql_str(), values).await?;
        let created = inserted
            .first()
            .map(|row| rows::user(&Cells::<DB>::new("users", row)))
            .transpose()?
            .ok_or_else(|| StoreError::Corrupt("the first user was not returned".into()))?;
        tx.commit().await?;
        Ok(Some(created))
    }

    async fn user_by_id(&self, id: i64) -> Result<Option<User>, StoreError> {
        const SQL: &str = concat!("SELECT ", user_columns!(), " FROM users WHERE id = $1");
        self.query_one(SQL, args![id], rows::user).await
    }

    async fn user_by_username(&self, username: &str) -> Result<Option<User>, StoreError> {
        const SQL: &str = concat!(
            "SELECT ",
            user_columns!(),
            " FROM users WHERE username_folded = $1"
        );
        self.query_one(SQL, args![fold(username)], rows::user).await
    }

    async fn list_users(&self) -> Result<Vec<User>, StoreError> {
        const SQL: &str = concat!("SELECT ", user_columns!(), " FROM users");
        Ok(by_name(self.query(SQL, args![], rows::user).await?, |u| {
            &u.username
        }))
    }

    async fn set_user_role(&self, user_id: i64, role: Role) -> Result<(), StoreError> {
        self.change_user(
            "UPDATE users SET role = $1 WHERE id = $2",
            args![role.name(), user_id],
            user_id,
        )
        .await
    }

    async fn set_password_hash(&self, user_id: i64, password_hash: &str) -> Result<(), StoreError> {
        let sql = "UPDATE users SET password_hash = $1 WHERE id = $2";
        self.change_user(sql, args![password_hash, user_id], user_id)
            .await
    }

    async fn set_user_disabled(&self, user_id: i64, disabled: bool) -> Result<(), StoreError> {
        let sql = "UPDATE users SET disabled = $1 WHERE id = $2";
        self.change_user(sql, args![disabled, user_id], user_id)
            .await
    }

    async fn create_team(&self, name: &str) -> Result<Team, StoreError> {
        let name = checked_name("team name", name)?;
        let now = micros(to_stored_precision(Timestamp::now()));
        self.change_returning(INSERT_TEAM, args![&name, fold(&name), now], rows::team)
            .await?
            .map_err(|e| taken(e, "team name", &name))
    }

    async fn team_by_name(&self, name: &str) -> Result<Option<Team>, StoreError> {
        const SQL: &str = concat!(
            "SELECT ",
            team_columns!(),
            " FROM teams WHERE name_folded = $1"
        );
        self.query_one(SQL, args![fold(name)], rows::team).await
    }

    async fn list_teams(&self) -> Result<Vec<Team>, StoreError> {
        const SQL: &str = concat!("SELECT ", team_columns!(), " FROM teams");
        Ok(by_name(self.query(SQL, args![], rows::team).await?, |t| {
            &t.name
        }))
    }

    async fn add_team_member(&self, team_id: i64, user_id: i64) -> Result<(), StoreError> {
        let sql =
            "INSERT INTO team_members (team_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING";
        match self.change(sql, args![team_id, user_id]).await {
            Err(sqlx::Error::Database(e)) if e.is_foreign_key_violation() => {
                Err(StoreError::Missing {
                    what: "team or user",
                    key: format!("(team {team_id}, user {user_id})"),
                })
            }
            other => other.map(|_| ()).map_err(StoreError::from),
        }
    }

    async fn remove_team_member(&self, team_id: i64, user_id: i64) -> Result<(), StoreError> {
        let sql = "DELETE FROM team_members WHERE team_id = $1 AND user_id = $2";
        self.change(sql, args![team_id, user_id]).await?;
        Ok(())
    }

    async fn teams_of_user(&self, user_id: i64) -> Result<Vec<Team>, StoreError> {
        const SQL: &str = "SELECT t.id, t.name, t.created_at FROM teams t \
             JOIN team_members m ON m.team_id = t.id WHERE m.user_id = $1";
        Ok(by_name(
            self.query(SQL, args![user_id], rows::team).await?,
            |t| &t.name,
        ))
    }

    async fn team_members(&self, team_id: i64) -> Result<Vec<User>, StoreError> {
        const SQL: &str = "SELECT u.id, u.username, u.display_name, u.email, u.password_hash, \
             u.role, u.created_at, u.disabled FROM users u \
             JOIN team_members m ON m.user_id = u.id WHERE m.team_id = $1";
        Ok(by_name(
            self.query(SQL, args![team_id], rows::user).await?,
            |u| &u.username,
        ))
    }

    async fn create_session(&self, session: &NewSession) -> Result<Session, StoreError> {
        let values = args![
            &session.token_hash,
            session.user_id,
            &session.csrf_secret,
            micros(session.created_at),
            micros(session.expires_at),
        ];
        self.change_returning(INSERT_SESSION, values, rows::session)
            .await?
            .map_err(|e| match e {
                sqlx::Error::Database(d) if d.is_foreign_key_violation() => {
                    missing("user", session.user_id)
                }
                other => taken(other, "session token", "(hidden)"),
            })
    }

    async fn session_by_token_hash(&self, token_hash: &str) -> Result<Option<Session>, StoreError> {
        const SQL: &str = concat!(
            "SELECT ",
            session_columns!(),
            " FROM sessions WHERE token_hash = $1"
        );
        self.query_one(SQL, args![token_hash], rows::session).await
    }

    async fn touch_session(
        &self,
        token_hash: &str,
        now: Timestamp,
        expires_at: Timestamp,
    ) -> Result<bool, StoreError> {
        let sql = "UPDATE sessions SET last_seen_at = $1, expires_at = $2 WHERE token_hash = $3";
        let touched = self
            .change(sql, args![micros(now), micros(expires_at), token_hash])
            .await?;
        Ok(touched > 0)
    }

    async fn delete_session(&self, token_hash: &str) -> Result<(), StoreError> {
        self.change(
            "DELETE FROM sessions WHERE token_hash = $1",
            args![token_hash],
        )
        .await?;
        Ok(())
    }

    async fn delete_sessions_of_user(&self, user_id: i64) -> Result<u64, StoreError> {
        Ok(self
            .change("DELETE FROM sessions WHERE user_id = $1", args![user_id])
            .await?)
    }

    async fn delete_expired_sessions(&self, now: Timestamp) -> Result<u64, StoreError> {
        Ok(self
            .change(
                "DELETE FROM sessions WHERE expires_at <= $1",
                args![micros(now)],
            )
            .await?)
    }

    async fn create_api_token(&self, token: &NewApiToken) -> Result<ApiToken, StoreError> {
        let name = checked_name("token name", &token.name)?;
        let values = args![
            &token.token_hash,
            token.user_id,
            name,
            micros(token.created_at),
            token.expires_at.map(micros),
        ];
        self.change_returning(INSERT_TOKEN, values, rows::api_token)
            .await?
            .map_err(|e| match e {
                sqlx::Error::Database(d) if d.is_foreign_key_violation() => {
                    missing("user", token.user_id)
                }
                other => taken(other, "API token", "(hidden)"),
            })
    }

    async fn api_token_by_hash(&self, token_hash: &str) -> Result<Option<ApiToken>, StoreError> {
        const SQL: &str = concat!(
            "SELECT ",
            token_columns!(),
            " FROM api_tokens WHERE token_hash = $1"
        );
        self.query_one(SQL, args![token_hash], rows::api_token)
            .await
    }

    async fn touch_api_token(&self, token_hash: &str, now: Timestamp) -> Result<(), StoreError> {
        let sql = "UPDATE api_tokens SET last_used_at = $1 WHERE token_hash = $2";
        self.change(sql, args![micros(now), token_hash]).await?;
        Ok(())
    }

    async fn list_api_tokens(&self, user_id: i64) -> Result<Vec<ApiToken>, StoreError> {
        const SQL: &str = concat!(
            "SELECT ",
            token_columns!(),
            " FROM api_tokens WHERE user_id = $1 ORDER BY created_at DESC, id DESC"
        );
        self.query(SQL, args![user_id], rows::api_token).await
    }

    async fn delete_api_token(&self, user_id: i64, token_id: i64) -> Result<bool, StoreError> {
        let sql = "DELETE FROM api_tokens WHERE user_id = $1 AND id = $2";
        Ok(self.change(sql, args![user_id, token_id]).await? > 0)
    }

    async fn record_login_attempt(
        &self,
        username: &str,
        address: &str,
        succeeded: bool,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        let sql = "INSERT INTO login_attempts (username_folded, address, succeeded, at) \
                   VALUES ($1, $2, $3, $4)";
        self.change(sql, args![fold(username), address, succeeded, micros(at)])
            .await?;
        Ok(())
    }

    async fn count_failed_logins(
        &self,
        username: &str,
        address: &str,
        since: Timestamp,
    ) -> Result<i64, StoreError> {
        let values = args![fold(username), address, micros(since)];
        Ok(self
            .query_one(COUNT_FAILED_LOGINS, values, rows::count)
            .await?
            .unwrap_or(0))
    }

    async fn delete_login_attempts_before(&self, before: Timestamp) -> Result<u64, StoreError> {
        Ok(self
            .change(
                "DELETE FROM login_attempts WHERE at < $1",
                args![micros(before)],
            )
            .await?)
    }

    async fn append_audit(&self, entry: &NewAuditEntry) -> Result<AuditEntry, StoreError> {
        let values = args![
            entry.postmortem_id,
            entry.user_id,
            &entry.username,
            &entry.action,
            micros(entry.at),
            &entry.detail,
        ];
        self.change_returning(INSERT_AUDIT, values, rows::audit_entry)
            .await?
            .map_err(|e| match e {
                sqlx::Error::Database(d) if d.is_foreign_key_violation() => {
                    missing("user", entry.user_id.unwrap_or_default())
                }
                other => StoreError::Database(other),
            })
    }

    async fn list_audit(
        &self,
        postmortem_id: i64,
        limit: i64,
    ) -> Result<Vec<AuditEntry>, StoreError> {
        const SQL: &str = concat!(
            "SELECT ",
            audit_columns!(),
            " FROM audit_log WHERE postmortem_id = $1 ORDER BY at DESC, id DESC LIMIT $2"
        );
        self.query(SQL, args![postmortem_id, limit.max(0)], rows::audit_entry)
            .await
    }
}
