//! Changing a post-mortem: permission, version check, domain change, one store
//! update, audit entry. A save based on an old version is refused, never merged
//! silently.

use axum::http::StatusCode;
use retrospect_domain::{PostMortem, Status};

use crate::access::{self, Person};
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// What kind of change is asked for; each needs a different permission.
#[derive(Debug, Clone, Copy)]
pub enum Permission {
    Edit,
    Comment,
    Acknowledge,
    Move(Status),
}

impl Permission {
    fn allowed(self, person: &Person, pm: &PostMortem) -> bool {
        match self {
            Permission::Edit => access::can_edit(person, pm),
            Permission::Comment => access::can_comment(person, pm),
            Permission::Acknowledge => access::can_acknowledge(person, pm),
            Permission::Move(to) => access::can_move(person, pm, to),
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Permission::Edit => {
                "change this post-mortem (it may be published or closed, or your role is viewer)"
            }
            Permission::Comment => "comment on this post-mortem",
            Permission::Acknowledge => "acknowledge coach findings (a facilitator does this)",
            Permission::Move(_) => "move this post-mortem to that stage",
        }
    }
}

/// A refused stale save: the version the person started from and the current one.
#[derive(Debug, Clone)]
pub struct Conflict {
    pub yours: i64,
    pub current: PostMortem,
}

pub fn conflict_error(yours: i64, current: i64) -> AppError {
    AppError::new(
        StatusCode::CONFLICT,
        "conflict",
        format!(
            "Someone saved a change to this post-mortem while you were editing (you started from version {yours}; it is now at version {current}). Nothing was overwritten: compare the two and choose."
        ),
    )
}

/// The result of [`change`]: the saved post-mortem, or the conflict to show.
pub enum Changed {
    Saved(Box<PostMortem>),
    Conflict(Box<Conflict>),
}

/// Applies `apply` to the post-mortem `id` if this person may, and if it is
/// still at `version`. `what` is recorded in the audit log.
pub async fn change(
    state: &AppState,
    person: &Person,
    id: i64,
    version: i64,
    permission: Permission,
    what: &str,
    apply: impl FnOnce(&mut PostMortem) -> AppResult<()>,
) -> AppResult<Changed> {
    let current = super::load_readable(state, person, id).await?;
    if !permission.allowed(person, &current) {
        return Err(AppError::forbidden(permission.describe()));
    }
    if current.version != version {
        return Ok(Changed::Conflict(Box::new(Conflict {
            yours: version,
            current,
        })));
    }
    let mut next = current.clone();
    apply(&mut next)?;
    next.validate()?;
    match state.store.update(&next).await {
        Ok(saved) => {
            super::audit::record(state, person, id, "changed", what).await;
            Ok(Changed::Saved(Box::new(saved)))
        }
        Err(retrospect_store::StoreError::Conflict { .. }) => {
            let current = super::load_readable(state, person, id).await?;
            Ok(Changed::Conflict(Box::new(Conflict {
                yours: version,
                current,
            })))
        }
        Err(e) => Err(e.into()),
    }
}
