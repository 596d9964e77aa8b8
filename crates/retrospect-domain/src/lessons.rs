//! Lessons: what went wrong, what went right, where we got lucky, what we learned.

use serde::{Deserialize, Serialize};

use crate::postmortem::{next_id, remove_by_id};
use crate::text::required;
use crate::{DomainError, LocalId, PostMortem, named_enum};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LessonKind {
    WentWrong,
    WentRight,
    Lucky,
    Learned,
}
named_enum!(LessonKind, "lesson kind", {
    WentWrong => "went-wrong" | "wrong" | "what went wrong" | "bad",
    WentRight => "went-right" | "right" | "what went well" | "went well" | "good",
    Lucky => "lucky" | "where we got lucky" | "luck",
    Learned => "learned" | "learnt" | "lesson" | "lessons learned",
});

impl LessonKind {
    /// The heading used in documents and pages.
    pub fn heading(self) -> &'static str {
        match self {
            LessonKind::WentWrong => "What went wrong",
            LessonKind::WentRight => "What went well",
            LessonKind::Lucky => "Where we got lucky",
            LessonKind::Learned => "What we learned",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lesson {
    pub id: LocalId,
    pub kind: LessonKind,
    pub text: String,
}

impl PostMortem {
    pub fn add_lesson(&mut self, kind: LessonKind, text: &str) -> Result<LocalId, DomainError> {
        let text = required("lesson", text, 20_000)?;
        let id = next_id(self.lessons.iter().map(|l| l.id));
        self.lessons.push(Lesson { id, kind, text });
        Ok(id)
    }

    pub fn lesson_mut(&mut self, id: LocalId) -> Result<&mut Lesson, DomainError> {
        self.lessons
            .iter_mut()
            .find(|l| l.id == id)
            .ok_or(DomainError::NotFound { part: "lesson", id })
    }

    pub fn remove_lesson(&mut self, id: LocalId) -> Result<Lesson, DomainError> {
        remove_by_id(&mut self.lessons, id, "lesson", |l| l.id)
    }
}
