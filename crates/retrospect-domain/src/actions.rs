//! Action items: the change that should make a recurrence less likely.

use serde::{Deserialize, Serialize};

use crate::postmortem::{next_id, remove_by_id};
use crate::text::required;
use crate::{Date, DomainError, LocalId, PostMortem, named_enum};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ActionKind {
    #[default]
    Prevent,
    Detect,
    Mitigate,
    Process,
    Other,
}
named_enum!(ActionKind, "action type", {
    Prevent => "prevent" | "prevention",
    Detect => "detect" | "detection",
    Mitigate => "mitigate" | "mitigation",
    Process => "process",
    Other => "other",
});

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ActionStatus {
    #[default]
    Open,
    InProgress,
    Done,
    WontDo,
}
named_enum!(ActionStatus, "action status", {
    Open => "open" | "todo",
    InProgress => "in-progress" | "doing" | "started",
    Done => "done" | "closed" | "complete" | "completed",
    WontDo => "wont-do" | "won't do" | "dropped",
});

/// Whether a completed action actually worked, recorded on its review date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Effectiveness {
    Effective,
    Partly,
    NotEffective,
}
named_enum!(Effectiveness, "effectiveness", {
    Effective => "effective" | "yes",
    Partly => "partly" | "partial" | "partially",
    NotEffective => "not-effective" | "no" | "ineffective",
});

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionItem {
    pub id: LocalId,
    pub text: String,
    /// Exactly one accountable owner; None until someone takes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Date>,
    #[serde(default)]
    pub kind: ActionKind,
    /// How we will know it worked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success_criterion: Option<String>,
    #[serde(default)]
    pub status: ActionStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_date: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effectiveness: Option<Effectiveness>,
    /// Causes (by local id) that this action addresses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub causes: Vec<LocalId>,
}

impl ActionItem {
    pub fn new(text: &str) -> Result<Self, DomainError> {
        Ok(Self {
            id: 0,
            text: required("action", text, 5_000)?,
            owner: None,
            due: None,
            kind: ActionKind::default(),
            success_criterion: None,
            status: ActionStatus::Open,
            review_date: None,
            effectiveness: None,
            causes: Vec::new(),
        })
    }

    /// Open or in progress, and past its due date on `today`.
    pub fn is_overdue(&self, today: Date) -> bool {
        matches!(self.status, ActionStatus::Open | ActionStatus::InProgress)
            && self.due.is_some_and(|d| d < today)
    }
}

impl PostMortem {
    pub fn action(&self, id: LocalId) -> Result<&ActionItem, DomainError> {
        self.actions
            .iter()
            .find(|a| a.id == id)
            .ok_or(DomainError::NotFound { part: "action", id })
    }

    pub fn action_mut(&mut self, id: LocalId) -> Result<&mut ActionItem, DomainError> {
        self.actions
            .iter_mut()
            .find(|a| a.id == id)
            .ok_or(DomainError::NotFound { part: "action", id })
    }

    pub fn add_action(&mut self, mut action: ActionItem) -> Result<LocalId, DomainError> {
        action.text = required("action", &action.text, 5_000)?;
        for &c in &action.causes {
            self.cause(c)?;
        }
        action.id = next_id(self.actions.iter().map(|a| a.id));
        let id = action.id;
        self.actions.push(action);
        Ok(id)
    }

    /// Links an action to the causes it addresses (replacing the old links).
    pub fn link_action(&mut self, id: LocalId, causes: Vec<LocalId>) -> Result<(), DomainError> {
        for &c in &causes {
            self.cause(c)?;
        }
        self.action_mut(id)?.causes = causes;
        Ok(())
    }

    /// Records whether a done action worked. "Not effective" reopens it, because
    /// the problem it was meant to fix is still there.
    pub fn review_action(
        &mut self,
        id: LocalId,
        verdict: Effectiveness,
    ) -> Result<(), DomainError> {
        let action = self.action_mut(id)?;
        if action.status != ActionStatus::Done {
            return Err(DomainError::Invalid {
                what: "review",
                value: format!("A{id}"),
                hint: "an action can be reviewed once it is done".into(),
            });
        }
        action.effectiveness = Some(verdict);
        if verdict == Effectiveness::NotEffective {
            action.status = ActionStatus::Open;
        }
        Ok(())
    }

    pub fn remove_action(&mut self, id: LocalId) -> Result<ActionItem, DomainError> {
        remove_by_id(&mut self.actions, id, "action", |a| a.id)
    }
}
