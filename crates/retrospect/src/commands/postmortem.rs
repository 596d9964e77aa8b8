//! new, list, show, edit, delete: the event record itself.

use anyhow::{Result, bail};
use retrospect_domain::{Kind, Participant, PostMortem, Timestamp, parse_enum};
use retrospect_store::{ListFilter, Store, Summary};

use super::{emit, modify};
use crate::cli::{EditArgs, Format, ListArgs, NewArgs};
use crate::output;

pub async fn new(store: &dyn Store, args: NewArgs) -> Result<()> {
    let now = Timestamp::now();
    let kind: Kind = parse_enum(&args.kind)?;
    let mut pm = match &args.template {
        Some(name) => crate::templates::instantiate(name, &args.title, now)?,
        None => PostMortem::new(&args.title, kind, now)?,
    };
    if args.template.is_none() || args.kind != "incident" {
        pm.kind = kind;
    }
    if let Some(s) = &args.severity {
        pm.severity = Some(s.parse()?);
    }
    if let Some(s) = args.summary {
        pm.summary = s;
    }
    if let Some(s) = args.impact {
        pm.impact = s;
    }
    pm.author = args.author;
    pm.team = args.team;
    pm.participants = args
        .participants
        .into_iter()
        .map(|name| Participant { name, role: None })
        .collect();
    if let Some(categories) = clean_categories(&args.categories) {
        pm.fishbone_categories = categories;
    }
    let saved = store.create(&pm).await?;
    emit(args.format.format, &saved, |pm| {
        println!("Started post-mortem {}: {}", pm.id, pm.title);
        println!(
            "Next: add key moments (retrospect moment set {} started \"2026-11-25 14:02\"),",
            pm.id
        );
        println!(
            "      timeline entries (retrospect entry add {} ...) or evidence.",
            pm.id
        );
    })
}

pub async fn list(store: &dyn Store, args: ListArgs) -> Result<()> {
    let filter = ListFilter {
        kind: args.kind.as_deref().map(parse_enum).transpose()?,
        status: args.status.as_deref().map(parse_enum).transpose()?,
        title_contains: args.search,
        limit: None,
    };
    let rows = store.list(&filter).await?;
    emit(args.format.format, &rows, |rows: &Vec<Summary>| {
        if rows.is_empty() {
            println!(
                "No post-mortems yet. Start one with: retrospect new \"What happened\" --template sre"
            );
            return;
        }
        println!(
            "{:>4}  {:<9} {:<10} {:<5} {:>7}  TITLE",
            "ID", "KIND", "STATUS", "SEV", "ACTIONS"
        );
        for r in rows {
            println!(
                "{:>4}  {:<9} {:<10} {:<5} {:>7}  {}",
                r.id,
                r.kind.to_string(),
                r.status.to_string(),
                r.severity.as_deref().unwrap_or("-"),
                r.open_actions,
                r.title
            );
        }
    })
}

pub async fn show(store: &dyn Store, id: i64, format: Format) -> Result<()> {
    let pm = store.get(id).await?;
    emit(format, &pm, output::print_postmortem)
}

pub async fn edit(store: &dyn Store, args: EditArgs) -> Result<()> {
    let (saved, ()) = modify(store, args.id, args.expect_version, |pm| {
        if let Some(t) = &args.title {
            pm.set_title(t)?;
        }
        if let Some(k) = &args.kind {
            pm.kind = parse_enum(k)?;
        }
        if let Some(s) = &args.summary {
            pm.summary = s.clone();
        }
        if let Some(s) = &args.impact {
            pm.impact = s.clone();
        }
        if let Some(s) = &args.severity {
            pm.severity = if s.eq_ignore_ascii_case("none") {
                None
            } else {
                Some(s.parse()?)
            };
        }
        if let Some(s) = &args.status {
            pm.status = parse_enum(s)?;
        }
        if let Some(v) = &args.visibility {
            pm.visibility = parse_enum(v)?;
        }
        if let Some(a) = &args.author {
            pm.author = Some(a.clone()).filter(|a| !a.trim().is_empty());
        }
        if let Some(t) = &args.team {
            pm.team = Some(t.clone()).filter(|t| !t.trim().is_empty());
        }
        for name in &args.add_participants {
            if !pm.participants.iter().any(|p| &p.name == name) {
                pm.participants.push(Participant {
                    name: name.clone(),
                    role: None,
                });
            }
        }
        pm.participants
            .retain(|p| !args.remove_participants.contains(&p.name));
        for tag in &args.add_tags {
            if !pm.tags.contains(tag) {
                pm.tags.push(tag.clone());
            }
        }
        pm.tags.retain(|t| !args.remove_tags.contains(t));
        if let Some(categories) = clean_categories(&args.categories) {
            pm.fishbone_categories = categories;
        }
        Ok(())
    })
    .await?;
    emit(args.format.format, &saved, |pm| {
        println!("Saved post-mortem {} (version {}).", pm.id, pm.version)
    })
}

pub async fn delete(store: &dyn Store, id: i64, yes: bool) -> Result<()> {
    let pm = store.get(id).await?;
    if !yes {
        bail!(
            "deleting post-mortem {} ('{}') cannot be undone; run again with --yes if you are sure",
            pm.id,
            pm.title
        );
    }
    store.delete(id, pm.version).await?;
    println!("Deleted post-mortem {id}.");
    Ok(())
}

/// Trims the names and drops empty ones; None when nothing is left.
fn clean_categories(raw: &[String]) -> Option<Vec<String>> {
    let cleaned: Vec<String> = raw
        .iter()
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty())
        .collect();
    (!cleaned.is_empty()).then_some(cleaned)
}
