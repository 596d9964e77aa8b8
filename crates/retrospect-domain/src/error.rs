use crate::LocalId;

/// Why a change to a post-mortem was refused. Messages are written for the
/// person at the keyboard: they say what happened and what to do next.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    #[error("there is no {part} with id {id} in this post-mortem")]
    NotFound { part: &'static str, id: LocalId },
    #[error(
        "cause C{cause} cannot sit under C{parent}: that would make the tree loop back on itself"
    )]
    CauseCycle { cause: LocalId, parent: LocalId },
    #[error("{field} cannot be empty: please write a few words")]
    Empty { field: &'static str },
    #[error("{field} is too long ({len} characters); the limit is {max}")]
    TooLong {
        field: &'static str,
        len: usize,
        max: usize,
    },
    #[error("'{value}' is not a known {what}; choose one of: {choices}")]
    UnknownValue {
        what: &'static str,
        value: String,
        choices: String,
    },
    #[error("'{value}' is not a valid {what}: {hint}")]
    Invalid {
        what: &'static str,
        value: String,
        hint: String,
    },
    #[error("{part} {id} is still referred to by {by}; remove or relink those first")]
    StillReferenced {
        part: &'static str,
        id: String,
        by: String,
    },
}
