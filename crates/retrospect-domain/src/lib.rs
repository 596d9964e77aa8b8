//! The domain core of Retrospect: a post-mortem and every part of the five-step
//! playbook (event, evidence, timeline, causes, lessons, actions, comments).
//!
//! This crate does no I/O. Storage, importers and surfaces all speak these types,
//! so the invariants here hold whichever way a post-mortem is edited.

mod actions;
mod causes;
mod comments;
mod error;
mod evidence;
mod lessons;
mod moments;
mod postmortem;
mod review;
mod text;
mod timeline;

pub use actions::{ActionItem, ActionKind, ActionStatus, Effectiveness};
pub use causes::{Cause, DEFAULT_FISHBONE_CATEGORIES};
pub use comments::{Comment, PartRef};
pub use error::DomainError;
pub use evidence::{Evidence, EvidenceKind, EvidenceRef, LogTemplate};
pub use lessons::{Lesson, LessonKind};
pub use moments::{Durations, KeyMoment, MomentKind, MomentWarning, human_duration};
pub use postmortem::{FreeSection, Kind, Participant, PostMortem, Severity, Status, Visibility};
pub use review::Acknowledgement;
pub use text::{EnumName, parse_enum};
pub use timeline::{EntryState, TimelineEntry};

/// Local ids number the parts inside one post-mortem (C1, C2, A1 …). They are
/// short enough to type in a terminal and survive export and import unchanged.
pub type LocalId = u32;

/// Re-exported so callers use the same time types as the domain.
pub use jiff::{Timestamp, civil::Date};
