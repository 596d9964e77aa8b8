//! Command handlers. Each loads what it needs from the store, changes the
//! domain object, and saves it back in one versioned write.

pub mod analysis_parts;
pub mod coach;
pub mod event_parts;
pub mod evidence;
pub mod files;
pub mod logs;
pub mod parts;
pub mod pictures;
pub mod postmortem;
pub mod serve;

use anyhow::Result;
use retrospect_domain::{DomainError, PostMortem};
use retrospect_store::Store;
use serde::Serialize;

use crate::cli::Format;

/// Loads a post-mortem, applies `change`, and saves it. The save is refused
/// if someone else changed the post-mortem in between (or if it is no longer at
/// `expect_version`), so no edit silently overwrites another.
pub async fn modify<T>(
    store: &dyn Store,
    id: i64,
    expect_version: Option<i64>,
    change: impl FnOnce(&mut PostMortem) -> Result<T, DomainError>,
) -> Result<(PostMortem, T)> {
    let mut pm = store.get(id).await?;
    if let Some(v) = expect_version {
        pm.version = v;
    }
    let out = change(&mut pm)?;
    let saved = store.update(&pm).await?;
    Ok((saved, out))
}

/// Prints `value` as JSON, or runs `human` to print it for people.
pub fn emit<T: Serialize>(format: Format, value: &T, human: impl FnOnce(&T)) -> Result<()> {
    match format {
        Format::Json => println!("{}", serde_json::to_string_pretty(value)?),
        Format::Human => human(value),
    }
    Ok(())
}

/// Splits "C3" / "c3" / "3" into the number 3 for a part of the given letter.
pub fn local_id(text: &str, letter: char) -> Result<u32, DomainError> {
    let t = text.trim();
    let digits = t
        .strip_prefix(letter)
        .or_else(|| t.strip_prefix(letter.to_ascii_lowercase()))
        .unwrap_or(t);
    digits.parse().map_err(|_| DomainError::Invalid {
        what: "id",
        value: text.to_string(),
        hint: format!("write it as {letter}3 or just 3"),
    })
}

/// `retrospect templates`: the built-in templates and what each is for.
pub fn emit_templates(format: Format) -> Result<()> {
    #[derive(Serialize)]
    struct Template {
        name: &'static str,
        description: &'static str,
    }
    let list: Vec<Template> = retrospect_markdown::templates::names()
        .iter()
        .map(|&name| Template {
            name,
            description: retrospect_markdown::templates::describe(name).unwrap_or(""),
        })
        .collect();
    emit(format, &list, |list| {
        for t in list {
            println!("{:<10} {}", t.name, t.description);
        }
        println!("\nUse one with: retrospect new \"Title\" --template NAME");
    })
}
