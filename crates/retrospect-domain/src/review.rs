//! The review workflow: acknowledged coach findings, so that publishing can
//! require the blame check to be clean or each finding consciously accepted.

use serde::{Deserialize, Serialize};

use crate::text::required;
use crate::{DomainError, PostMortem, Status, Timestamp};

/// A facilitator's decision to publish despite a coach finding, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Acknowledgement {
    /// The coach's fingerprint of the finding (rule + the words it flagged).
    pub fingerprint: String,
    pub rule: String,
    /// The flagged words, so a reader sees what was accepted.
    pub excerpt: String,
    pub by: String,
    pub reason: String,
    pub at: Timestamp,
}

impl PostMortem {
    pub fn is_acknowledged(&self, fingerprint: &str) -> bool {
        self.acknowledgements
            .iter()
            .any(|a| a.fingerprint == fingerprint)
    }

    /// Records an acknowledgement; a reason is required because it is the record
    /// of why the words were kept.
    pub fn acknowledge(&mut self, mut ack: Acknowledgement) -> Result<(), DomainError> {
        ack.reason = required("reason", &ack.reason, 2_000)?;
        ack.by = required("acknowledged by", &ack.by, 200)?;
        if !self.is_acknowledged(&ack.fingerprint) {
            self.acknowledgements.push(ack);
        }
        Ok(())
    }

    /// Moves to `published` when no finding is left unacknowledged. `open`
    /// lists the fingerprints of the coach's current findings.
    pub fn publish(&mut self, open: &[String]) -> Result<(), DomainError> {
        let remaining = open.iter().filter(|f| !self.is_acknowledged(f)).count();
        if remaining > 0 {
            return Err(DomainError::Invalid {
                what: "publish",
                value: format!("{remaining} finding(s)"),
                hint: "the language coach still has findings; reword them, or have a facilitator acknowledge each with a reason".into(),
            });
        }
        self.status = Status::Published;
        Ok(())
    }
}
