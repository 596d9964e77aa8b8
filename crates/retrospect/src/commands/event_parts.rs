//! Handlers for key moments, timeline entries and the timeline view.

use anyhow::Result;
use retrospect_domain::{EntryState, KeyMoment, MomentKind, PostMortem, TimelineEntry};
use retrospect_store::Store;

use super::parts::{EntryCmd, MomentCmd};
use super::{emit, local_id, modify};
use crate::cli::TimelineArgs;
use crate::output;
use crate::timeparse::parse_time;

pub async fn moment(store: &dyn Store, cmd: MomentCmd) -> Result<()> {
    match cmd {
        MomentCmd::Set {
            target,
            kind,
            time,
            zone,
            note,
            format,
        } => {
            let typed = parse_time(&time, zone.as_deref())?;
            let kind = MomentKind::parse(&kind)?;
            let (pm, warnings) = modify(store, target.id, target.expect_version, |pm| {
                Ok(pm.set_moment(KeyMoment {
                    kind: kind.clone(),
                    at: typed.at,
                    zone: typed.zone,
                    note,
                }))
            })
            .await?;
            emit(format.format, &pm.durations(), |_| {
                println!("Set '{kind}' on post-mortem {}.", pm.id);
                output::print_durations(&pm);
            })?;
            for w in warnings {
                eprintln!("note: {}", w.message);
            }
        }
        MomentCmd::Remove { target, kind } => {
            let kind = MomentKind::parse(&kind)?;
            modify(store, target.id, target.expect_version, |pm| {
                pm.remove_moment(&kind)
            })
            .await?;
            println!("Removed '{kind}'.");
        }
        MomentCmd::List { id, format } => {
            let pm = store.get(id).await?;
            #[derive(serde::Serialize)]
            struct Moments<'a> {
                key_moments: &'a [KeyMoment],
                durations: retrospect_domain::Durations,
            }
            let value = Moments {
                key_moments: &pm.key_moments,
                durations: pm.durations(),
            };
            emit(format.format, &value, |_| {
                output::print_moments(&pm);
                output::print_durations(&pm);
            })?;
        }
    }
    Ok(())
}

fn set_state(
    pm: &mut PostMortem,
    entries: &[String],
    state: EntryState,
) -> Result<Vec<u32>, retrospect_domain::DomainError> {
    let mut ids = Vec::new();
    for e in entries {
        let id = local_id(e, 'T')?;
        pm.entry_mut(id)?.state = state;
        ids.push(id);
    }
    Ok(ids)
}

pub async fn entry(store: &dyn Store, cmd: EntryCmd) -> Result<()> {
    match cmd {
        EntryCmd::Add {
            target,
            time,
            text,
            zone,
            actor,
            source,
            format,
        } => {
            let typed = parse_time(&time, zone.as_deref())?;
            let mut entry = TimelineEntry::new(typed.at, &text)?;
            entry.zone = typed.zone;
            entry.actor = actor;
            entry.source = source.unwrap_or_else(|| "manual".into());
            let (pm, id) = modify(store, target.id, target.expect_version, |pm| {
                pm.add_entry(entry)
            })
            .await?;
            let added = pm.entry(id)?;
            emit(format.format, added, |e| {
                println!(
                    "Added T{} at {}.",
                    e.id,
                    output::when(e.at, e.zone.as_deref())
                )
            })?;
        }
        EntryCmd::Edit {
            target,
            entry,
            time,
            zone,
            text,
            actor,
        } => {
            let id = local_id(&entry, 'T')?;
            let typed = time.map(|t| parse_time(&t, zone.as_deref())).transpose()?;
            modify(store, target.id, target.expect_version, |pm| {
                let e = pm.entry_mut(id)?;
                if let Some(t) = typed {
                    e.at = t.at;
                    e.zone = t.zone;
                }
                if let Some(text) = &text {
                    let checked = TimelineEntry::new(e.at, text)?;
                    e.text = checked.text;
                }
                if let Some(a) = actor {
                    e.actor = Some(a).filter(|a| !a.trim().is_empty());
                }
                pm.sort_timeline();
                Ok(())
            })
            .await?;
            println!("Updated T{id}.");
        }
        EntryCmd::Remove { target, entry } => {
            let id = local_id(&entry, 'T')?;
            modify(store, target.id, target.expect_version, |pm| {
                pm.remove_entry(id)
            })
            .await?;
            println!("Removed T{id}.");
        }
        EntryCmd::Accept { target, entries } => {
            let (_, ids) = modify(store, target.id, target.expect_version, |pm| {
                set_state(pm, &entries, EntryState::Accepted)
            })
            .await?;
            println!(
                "Accepted {} entr{}.",
                ids.len(),
                if ids.len() == 1 { "y" } else { "ies" }
            );
        }
        EntryCmd::Dismiss { target, entries } => {
            let (_, ids) = modify(store, target.id, target.expect_version, |pm| {
                set_state(pm, &entries, EntryState::Dismissed)
            })
            .await?;
            println!(
                "Dismissed {} entr{}.",
                ids.len(),
                if ids.len() == 1 { "y" } else { "ies" }
            );
        }
        EntryCmd::Hide { target, entry } => set_hidden(store, target, &entry, true).await?,
        EntryCmd::Unhide { target, entry } => set_hidden(store, target, &entry, false).await?,
        EntryCmd::Mark {
            target,
            entry,
            moment,
        } => {
            let id = local_id(&entry, 'T')?;
            let kind = MomentKind::parse(&moment)?;
            let (pm, warnings) = modify(store, target.id, target.expect_version, |pm| {
                pm.mark_entry_as_moment(id, kind.clone())
            })
            .await?;
            println!("T{id} is now the '{kind}' moment.");
            output::print_durations(&pm);
            for w in warnings {
                eprintln!("note: {}", w.message);
            }
        }
    }
    Ok(())
}

async fn set_hidden(
    store: &dyn Store,
    target: super::parts::Target,
    entry: &str,
    hidden: bool,
) -> Result<()> {
    let id = local_id(entry, 'T')?;
    modify(store, target.id, target.expect_version, |pm| {
        pm.entry_mut(id)?.hidden = hidden;
        Ok(())
    })
    .await?;
    println!("T{id} is now {}.", if hidden { "hidden" } else { "shown" });
    Ok(())
}

pub async fn timeline(store: &dyn Store, args: TimelineArgs) -> Result<()> {
    let pm = store.get(args.id).await?;
    let from = args
        .from
        .as_deref()
        .map(|t| parse_time(t, None))
        .transpose()?
        .map(|t| t.at);
    let to = args
        .to
        .as_deref()
        .map(|t| parse_time(t, None))
        .transpose()?
        .map(|t| t.at);
    let entries: Vec<&TimelineEntry> = pm
        .timeline
        .iter()
        .filter(|e| args.all || (e.state == EntryState::Accepted && !e.hidden))
        .filter(|e| from.is_none_or(|f| e.at >= f))
        .filter(|e| to.is_none_or(|t| e.at <= t))
        .filter(|e| args.source.as_deref().is_none_or(|s| e.source.contains(s)))
        .filter(|e| {
            args.actor
                .as_deref()
                .is_none_or(|a| e.actor.as_deref() == Some(a))
        })
        .collect();
    if let Some(path) = &args.svg {
        super::pictures::write(path, &retrospect_render::timeline_svg(&pm))?;
    }
    emit(args.format.format, &entries, |entries| {
        output::print_timeline(entries)
    })
}
