//! The action-item and comment tables.

use retrospect_domain::{ActionItem, Comment, Date, PartRef};

use super::evidence::{expect_len, instant};
use super::{parse_id, parse_ids, write_ids};
use crate::{inline, timefmt};

pub(crate) const ACTION_HEADER: &[&str] = &[
    "Id",
    "Action",
    "Owner",
    "Due",
    "Type",
    "Status",
    "Success criterion",
    "Review",
    "Effectiveness",
    "Causes",
];
pub(crate) const COMMENT_HEADER: &[&str] = &["Id", "Author", "Time", "On", "Comment"];

pub(crate) fn action_row(a: &ActionItem) -> Vec<String> {
    let date = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
    vec![
        format!("A{}", a.id),
        inline::encode(&a.text, &[]),
        inline::encode_opt(a.owner.as_deref(), &[]),
        date(a.due),
        a.kind.to_string(),
        a.status.to_string(),
        inline::encode_opt(a.success_criterion.as_deref(), &[]),
        date(a.review_date),
        a.effectiveness.map(|e| e.to_string()).unwrap_or_default(),
        write_ids(&a.causes, 'C'),
    ]
}

pub(crate) fn parse_action(cells: &[&str]) -> Result<ActionItem, String> {
    expect_len(cells, ACTION_HEADER, "action")?;
    let date = |cell: &str| -> Result<Option<Date>, String> {
        if cell.is_empty() {
            Ok(None)
        } else {
            cell.parse()
                .map(Some)
                .map_err(|_| format!("'{cell}' is not a date such as 2024-04-30"))
        }
    };
    Ok(ActionItem {
        id: parse_id(cells[0], 'A')
            .ok_or_else(|| format!("'{}' is not an action id such as A2", cells[0]))?,
        text: inline::decode(cells[1]),
        owner: inline::decode_opt(cells[2]),
        due: date(cells[3])?,
        kind: cells[4].parse().map_err(|e| format!("{e}"))?,
        status: cells[5].parse().map_err(|e| format!("{e}"))?,
        success_criterion: inline::decode_opt(cells[6]),
        review_date: date(cells[7])?,
        effectiveness: if cells[8].is_empty() {
            None
        } else {
            Some(cells[8].parse().map_err(|e| format!("{e}"))?)
        },
        causes: parse_ids(cells[9], 'C')
            .ok_or_else(|| format!("'{}' is not a list of causes such as C1, C3", cells[9]))?,
    })
}

pub(crate) fn comment_row(c: &Comment) -> Vec<String> {
    vec![
        format!("#{}", c.id),
        inline::encode(&c.author, &[]),
        timefmt::utc(c.at),
        c.on.map(|p| p.to_string()).unwrap_or_default(),
        inline::encode(&c.text, &[]),
    ]
}

pub(crate) fn parse_comment(cells: &[&str]) -> Result<Comment, String> {
    expect_len(cells, COMMENT_HEADER, "comment")?;
    let id = cells[0]
        .strip_prefix('#')
        .and_then(|d| d.parse().ok())
        .ok_or_else(|| format!("'{}' is not a comment number such as #2", cells[0]))?;
    Ok(Comment {
        id,
        author: inline::decode(cells[1]),
        at: instant(cells[2])?,
        on: if cells[3].is_empty() {
            None
        } else {
            Some(cells[3].parse::<PartRef>().map_err(|e| format!("{e}"))?)
        },
        text: inline::decode(cells[4]),
    })
}
