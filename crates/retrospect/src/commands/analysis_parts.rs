//! Handlers for causes, lessons, action items, comments and action tracking.

use anyhow::Result;
use retrospect_domain::{
    ActionItem, ActionStatus, Date, DomainError, LessonKind, PartRef, Timestamp, parse_enum,
};
use retrospect_store::{ActionFilter, ActionRow, Store};

use super::parts::{ActionCmd, ActionFields, CauseCmd, CommentCmd, LessonCmd};
use super::{emit, local_id, modify};
use crate::cli::ActionsArgs;
use crate::output;
use crate::timeparse::parse_date;

pub async fn cause(store: &dyn Store, cmd: CauseCmd) -> Result<()> {
    match cmd {
        CauseCmd::Add {
            target,
            text,
            under,
            category,
            format,
        } => {
            let parent = under.as_deref().map(|c| local_id(c, 'C')).transpose()?;
            let (pm, id) = modify(store, target.id, target.expect_version, |pm| {
                pm.add_cause(parent, &text, category.as_deref())
            })
            .await?;
            let cause = pm.cause(id)?;
            // A chain that stops at a person stops too early: ask about the system around them.
            let next_question = retrospect_coach::human_question_for_person_chain(&cause.text);
            #[derive(serde::Serialize)]
            struct Added<'a> {
                #[serde(flatten)]
                cause: &'a retrospect_domain::Cause,
                depth: usize,
                next_question: Option<String>,
            }
            let added = Added {
                cause,
                depth: pm.cause_depth(id),
                next_question,
            };
            emit(format.format, &added, |a| {
                println!("Added C{} (why #{}).", a.cause.id, a.depth);
                if let Some(q) = &a.next_question {
                    println!(
                        "This answer stops at a person. Next why, about the system around them:"
                    );
                    println!("  {q}");
                    println!(
                        "  (retrospect cause add {} \"...\" --under C{})",
                        pm.id, a.cause.id
                    );
                }
            })?;
        }
        CauseCmd::Edit {
            target,
            cause,
            text,
            category,
            no_category,
            under,
            root,
        } => {
            let id = local_id(&cause, 'C')?;
            let parent = match (under, root) {
                (Some(p), _) => Some(Some(local_id(&p, 'C')?)),
                (None, true) => Some(None),
                (None, false) => None,
            };
            let category = match (category.as_deref(), no_category) {
                (Some(c), _) => Some(Some(c)),
                (None, true) => Some(None),
                (None, false) => None,
            };
            modify(store, target.id, target.expect_version, |pm| {
                pm.edit_cause(id, text.as_deref(), category, parent)
            })
            .await?;
            println!("Updated C{id}.");
        }
        CauseCmd::Remove { target, cause } => {
            let id = local_id(&cause, 'C')?;
            modify(store, target.id, target.expect_version, |pm| {
                pm.remove_cause(id)
            })
            .await?;
            println!("Removed C{id}; its children moved up.");
        }
        CauseCmd::Cite {
            target,
            cause,
            entry,
            evidence,
        } => {
            let id = local_id(&cause, 'C')?;
            let entry = entry.as_deref().map(|e| local_id(e, 'T')).transpose()?;
            let evidence = evidence.as_deref().map(|e| local_id(e, 'E')).transpose()?;
            modify(store, target.id, target.expect_version, |pm| {
                pm.cite(id, entry, evidence)
            })
            .await?;
            println!("C{id} now cites that.");
        }
        CauseCmd::Tree { id, format } => {
            let pm = store.get(id).await?;
            emit(format.format, &pm.causes, |_| output::print_cause_tree(&pm))?;
        }
    }
    Ok(())
}

pub async fn lesson(store: &dyn Store, cmd: LessonCmd) -> Result<()> {
    match cmd {
        LessonCmd::Add { target, kind, text } => {
            let kind: LessonKind = parse_enum(&kind)?;
            let (_, id) = modify(store, target.id, target.expect_version, |pm| {
                pm.add_lesson(kind, &text)
            })
            .await?;
            println!("Added L{id} ({}).", kind.heading());
        }
        LessonCmd::Edit {
            target,
            lesson,
            kind,
            text,
        } => {
            let id = local_id(&lesson, 'L')?;
            let kind: Option<LessonKind> = kind.as_deref().map(parse_enum).transpose()?;
            modify(store, target.id, target.expect_version, |pm| {
                let l = pm.lesson_mut(id)?;
                if let Some(k) = kind {
                    l.kind = k;
                }
                if let Some(t) = &text {
                    if t.trim().is_empty() {
                        return Err(DomainError::Empty { field: "lesson" });
                    }
                    l.text = t.trim().to_string();
                }
                Ok(())
            })
            .await?;
            println!("Updated L{id}.");
        }
        LessonCmd::Remove { target, lesson } => {
            let id = local_id(&lesson, 'L')?;
            modify(store, target.id, target.expect_version, |pm| {
                pm.remove_lesson(id)
            })
            .await?;
            println!("Removed L{id}.");
        }
        LessonCmd::List { id, format } => {
            let pm = store.get(id).await?;
            emit(format.format, &pm.lessons, |_| output::print_lessons(&pm))?;
        }
    }
    Ok(())
}

/// Applies the fields given on the command line to an action item.
fn apply_fields(action: &mut ActionItem, fields: &ActionFields) -> Result<()> {
    if let Some(o) = &fields.owner {
        action.owner = Some(o.trim().to_string()).filter(|o| !o.is_empty());
    }
    if let Some(d) = &fields.due {
        action.due = Some(parse_date(d)?);
    }
    if let Some(k) = &fields.kind {
        action.kind = parse_enum(k)?;
    }
    if let Some(s) = &fields.success {
        action.success_criterion = Some(s.trim().to_string()).filter(|s| !s.is_empty());
    }
    if let Some(r) = &fields.review {
        action.review_date = Some(parse_date(r)?);
    }
    if let Some(s) = &fields.status {
        action.status = parse_enum(s)?;
    }
    if !fields.causes.is_empty() {
        action.causes = fields
            .causes
            .iter()
            .map(|c| local_id(c, 'C'))
            .collect::<Result<_, _>>()?;
    }
    Ok(())
}

pub async fn action(store: &dyn Store, cmd: ActionCmd) -> Result<()> {
    match cmd {
        ActionCmd::Add {
            target,
            text,
            fields,
            format,
        } => {
            let mut item = ActionItem::new(&text)?;
            apply_fields(&mut item, &fields)?;
            let (pm, id) = modify(store, target.id, target.expect_version, |pm| {
                pm.add_action(item)
            })
            .await?;
            emit(format.format, pm.action(id)?, |a| {
                println!("Added A{}.", a.id)
            })?;
        }
        ActionCmd::Edit {
            target,
            action,
            text,
            fields,
        } => {
            let id = local_id(&action, 'A')?;
            let pm = store.get(target.id).await?;
            let mut item = pm.action(id)?.clone();
            if let Some(t) = &text {
                item.text = ActionItem::new(t)?.text;
            }
            apply_fields(&mut item, &fields)?;
            modify(
                store,
                target.id,
                target.expect_version.or(Some(pm.version)),
                |pm| {
                    pm.link_action(id, item.causes.clone())?;
                    *pm.action_mut(id)? = item;
                    Ok(())
                },
            )
            .await?;
            println!("Updated A{id}.");
        }
        ActionCmd::Done { target, action } => {
            let id = local_id(&action, 'A')?;
            modify(store, target.id, target.expect_version, |pm| {
                pm.action_mut(id)?.status = ActionStatus::Done;
                Ok(())
            })
            .await?;
            println!(
                "A{id} is done. Set a review date (retrospect action edit {} A{id} --review YYYY-MM-DD) to check later that it worked.",
                target.id
            );
        }
        ActionCmd::Review {
            target,
            action,
            verdict,
        } => {
            let id = local_id(&action, 'A')?;
            let verdict = parse_enum(&verdict)?;
            modify(store, target.id, target.expect_version, |pm| {
                pm.review_action(id, verdict)
            })
            .await?;
            match verdict {
                retrospect_domain::Effectiveness::NotEffective => {
                    println!(
                        "Recorded: A{id} did not work. It is open again, so the loop stays open until something does."
                    )
                }
                v => println!("Recorded: A{id} was {v}."),
            }
        }
        ActionCmd::Remove { target, action } => {
            let id = local_id(&action, 'A')?;
            modify(store, target.id, target.expect_version, |pm| {
                pm.remove_action(id)
            })
            .await?;
            println!("Removed A{id}.");
        }
        ActionCmd::List { id, format } => {
            let pm = store.get(id).await?;
            emit(format.format, &pm.actions, |_| output::print_actions(&pm))?;
        }
    }
    Ok(())
}

pub async fn actions(store: &dyn Store, args: ActionsArgs) -> Result<()> {
    let today: Date = Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .date();
    let filter = ActionFilter {
        owner: args.owner,
        open_only: !args.all,
        overdue_on: args.overdue.then_some(today),
    };
    let rows = store.actions(&filter).await?;
    emit(args.format.format, &rows, |rows: &Vec<ActionRow>| {
        output::print_action_rows(rows, today)
    })
}

pub async fn comment(store: &dyn Store, cmd: CommentCmd) -> Result<()> {
    match cmd {
        CommentCmd::Add {
            target,
            text,
            on,
            author,
        } => {
            let on: Option<PartRef> = on.as_deref().map(str::parse).transpose()?;
            let author = author
                .or_else(|| std::env::var("RETROSPECT_USER").ok())
                .or_else(|| std::env::var("USER").ok())
                .unwrap_or_else(|| "someone".into());
            let (_, id) = modify(store, target.id, target.expect_version, |pm| {
                pm.add_comment(&author, Timestamp::now(), on, &text)
            })
            .await?;
            println!("Added comment {id}.");
        }
        CommentCmd::Remove { target, comment } => {
            let id: u32 = comment
                .trim()
                .trim_start_matches('#')
                .parse()
                .map_err(|_| DomainError::Invalid {
                    what: "comment id",
                    value: comment.clone(),
                    hint: "use the number shown by `retrospect comment list`".into(),
                })?;
            modify(store, target.id, target.expect_version, |pm| {
                pm.remove_comment(id)
            })
            .await?;
            println!("Removed comment {id}.");
        }
        CommentCmd::List { id, format } => {
            let pm = store.get(id).await?;
            emit(format.format, &pm.comments, |_| output::print_comments(&pm))?;
        }
    }
    Ok(())
}
