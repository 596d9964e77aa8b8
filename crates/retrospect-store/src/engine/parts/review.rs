//! The review: comments on the post-mortem or its parts, and the coach
//! findings a facilitator acknowledged before publishing.

use retrospect_domain::{Acknowledgement, Comment, PostMortem};

use super::{Select, TableRows};
use crate::StoreError;
use crate::engine::backend::{Backend, args};
use crate::engine::convert::{Cells, micros};

pub(super) const COMMENTS: Select = Select::new(
    "comments",
    "SELECT local_id, author, at, on_part, text \
     FROM comments WHERE postmortem_id = $1 ORDER BY position",
);
pub(super) const ACKNOWLEDGEMENTS: Select = Select::new(
    "acknowledgements",
    "SELECT fingerprint, rule, excerpt, \
     acknowledged_by, reason, at FROM acknowledgements WHERE postmortem_id = $1 ORDER BY position",
);

pub(super) fn encode(pm: &PostMortem) -> Vec<TableRows> {
    vec![
        TableRows::new(
            "INSERT INTO comments (postmortem_id, local_id, position, author, at, on_part, text)",
            pm.comments.iter().enumerate().map(|(i, c)| {
                args![
                    c.id as i64,
                    i as i64,
                    &c.author,
                    micros(c.at),
                    c.on.map(|p| p.to_string()),
                    &c.text,
                ]
            }),
        ),
        TableRows::new(
            "INSERT INTO acknowledgements (postmortem_id, position, fingerprint, rule, excerpt, \
             acknowledged_by, reason, at)",
            pm.acknowledgements.iter().enumerate().map(|(i, a)| {
                args![
                    i as i64,
                    &a.fingerprint,
                    &a.rule,
                    &a.excerpt,
                    &a.by,
                    &a.reason,
                    micros(a.at)
                ]
            }),
        ),
    ]
}

pub(super) fn comment<DB: Backend>(c: &Cells<'_, DB>) -> Result<Comment, StoreError> {
    Ok(Comment {
        id: c.local_id("local_id")?,
        author: c.text("author")?,
        at: c.timestamp("at")?,
        on: c.opt_parsed("on_part")?,
        text: c.text("text")?,
    })
}

pub(super) fn acknowledgement<DB: Backend>(
    c: &Cells<'_, DB>,
) -> Result<Acknowledgement, StoreError> {
    Ok(Acknowledgement {
        fingerprint: c.text("fingerprint")?,
        rule: c.text("rule")?,
        excerpt: c.text("excerpt")?,
        by: c.text("acknowledged_by")?,
        reason: c.text("reason")?,
        at: c.timestamp("at")?,
    })
}
