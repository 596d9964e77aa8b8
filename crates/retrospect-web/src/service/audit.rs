//! The audit of who viewed and changed a post-mortem. Recording never blocks
//! the person's work: a failure is logged, not shown.

use retrospect_domain::Timestamp;

use crate::access::Person;
use crate::state::AppState;

/// How long a recorded view covers further views by the same person.
const VIEW_WINDOW_SECONDS: i64 = 3600;

pub async fn record(
    state: &AppState,
    person: &Person,
    postmortem_id: i64,
    action: &str,
    detail: &str,
) {
    let entry = crate::store::NewAuditEntry {
        postmortem_id: Some(postmortem_id),
        user_id: Some(person.id),
        username: person.username.clone(),
        action: action.to_string(),
        detail: detail.to_string(),
        at: Timestamp::now(),
    };
    if let Err(e) = state.store.append_audit(&entry).await {
        tracing::warn!(error = %e, postmortem_id, "could not record an audit entry");
    }
}

/// Records a view unless this person's last recorded view is recent.
pub async fn record_view(state: &AppState, person: &Person, postmortem_id: i64) {
    let now = Timestamp::now();
    let due = match state.recent_views.lock() {
        Ok(mut seen) => {
            let key = (person.id, postmortem_id);
            let due = seen
                .get(&key)
                .is_none_or(|t| now.as_second() - t.as_second() >= VIEW_WINDOW_SECONDS);
            if due {
                if seen.len() > 100_000 {
                    seen.clear();
                }
                seen.insert(key, now);
            }
            due
        }
        Err(_) => true,
    };
    if due {
        record(state, person, postmortem_id, "viewed", "").await;
    }
}
