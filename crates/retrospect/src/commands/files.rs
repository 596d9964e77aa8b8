//! export and import: post-mortems as Markdown or JSON files.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use retrospect_domain::{EntryState, PostMortem};
use retrospect_store::Store;

use super::emit;
use crate::cli::{ExportArgs, FileFormat, ImportArgs};

pub async fn export(store: &dyn Store, args: ExportArgs) -> Result<()> {
    let mut pm = store.get(args.id).await?;
    if args.pseudonymise {
        pm = retrospect_render::pseudonymise(&pm);
    }
    if let (FileFormat::Markdown, Some(path)) = (args.format, &args.output) {
        return export_markdown_with_pictures(&pm, path);
    }
    let text = match args.format {
        FileFormat::Markdown => retrospect_markdown::to_markdown(&pm),
        FileFormat::Json => retrospect_markdown::to_json(&pm),
        FileFormat::Html => retrospect_render::html_document(
            &pm,
            &retrospect_render::HtmlOptions {
                pseudonymise: false,
                include_comments: !args.no_comments,
            },
        ),
    };
    match &args.output {
        Some(path) => {
            write_atomically(path, text.as_bytes())?;
            eprintln!("Wrote post-mortem {} to {}.", pm.id, path.display());
        }
        None => print!("{text}"),
    }
    Ok(())
}

/// Writes the Markdown file and, beside it, the pictures it links to: the
/// timeline (when it has entries to show) and the fishbone (when there are
/// causes), as `NAME-timeline.svg` and `NAME-fishbone.svg`. The pictures are
/// written first, so the document never links to a file that is not there.
fn export_markdown_with_pictures(pm: &PostMortem, path: &Path) -> Result<()> {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| format!("post-mortem-{}", pm.id));
    let has_visible_entries = pm
        .timeline
        .iter()
        .any(|t| !t.hidden && t.state != EntryState::Dismissed);
    let mut drawn: Vec<(&str, String, String)> = Vec::new();
    if has_visible_entries {
        drawn.push((
            "timeline",
            format!("Timeline of \u{201c}{}\u{201d}", pm.title),
            retrospect_render::timeline_svg(pm),
        ));
    }
    if !pm.causes.is_empty() {
        drawn.push((
            "fishbone",
            format!("Fishbone diagram: causes of \u{201c}{}\u{201d}", pm.title),
            retrospect_render::fishbone_svg(pm),
        ));
    }
    let mut pictures = Vec::new();
    let mut written: Vec<PathBuf> = Vec::new();
    for (name, alt, svg) in drawn {
        let file_name = format!("{stem}-{name}.svg");
        let picture_path = path.with_file_name(&file_name);
        write_atomically(&picture_path, svg.as_bytes())?;
        written.push(picture_path);
        pictures.push(retrospect_markdown::Picture {
            alt,
            path: file_name,
        });
    }
    let text = retrospect_markdown::to_markdown_with_pictures(pm, &pictures);
    write_atomically(path, text.as_bytes())?;
    if written.is_empty() {
        eprintln!("Wrote post-mortem {} to {}.", pm.id, path.display());
    } else {
        let names: Vec<String> = written.iter().map(|p| p.display().to_string()).collect();
        eprintln!(
            "Wrote post-mortem {} to {}, with its pictures beside it: {}.",
            pm.id,
            path.display(),
            names.join(", ")
        );
    }
    Ok(())
}

/// Writes through a temporary file and a rename, so a crash never leaves half a file.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let tmp = dir.join(format!(
        ".{}.tmp",
        path.file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("export")
    ));
    std::fs::write(&tmp, bytes).with_context(|| format!("could not write {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("could not write {}", path.display()))?;
    Ok(())
}

#[derive(serde::Serialize)]
struct Imported {
    file: String,
    id: i64,
    title: String,
    recognised: Vec<String>,
    warnings: Vec<String>,
}

/// Reads every file first; only when all of them parse are they stored, in one
/// transaction. A bad file therefore changes nothing.
pub async fn import(store: &dyn Store, args: ImportArgs) -> Result<()> {
    let mut parsed: Vec<(String, PostMortem, Vec<String>, Vec<String>)> = Vec::new();
    for path in &args.files {
        let name = path.display().to_string();
        let bytes = read_limited(path)?;
        let is_json = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"))
            || bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{');
        if is_json {
            let pm = retrospect_markdown::from_json(&name, &bytes)?;
            parsed.push((
                name,
                pm,
                vec!["the whole post-mortem (JSON)".into()],
                Vec::new(),
            ));
        } else {
            let imported = import_markdown(&name, &bytes, args.tz.as_deref())?;
            parsed.push((
                name,
                imported.postmortem,
                imported.recognised,
                imported.warnings,
            ));
        }
    }
    let pms: Vec<PostMortem> = parsed.iter().map(|(_, pm, _, _)| pm.clone()).collect();
    let saved = store.create_many(&pms).await?;
    let report: Vec<Imported> = parsed
        .into_iter()
        .zip(saved)
        .map(|((file, _, recognised, warnings), pm)| Imported {
            file,
            id: pm.id,
            title: pm.title,
            recognised,
            warnings,
        })
        .collect();
    emit(args.format.format, &report, |report| {
        for r in report {
            println!("Imported {} as post-mortem {}: {}", r.file, r.id, r.title);
            for line in &r.recognised {
                println!("  recognised {line}");
            }
            for w in &r.warnings {
                println!("  note: {w}");
            }
        }
    })
}

/// Parses a Markdown document; `tz` is the zone of times written without one.
/// Empty, binary, non-UTF-8 and oversized input is refused with the place named.
fn import_markdown(
    name: &str,
    bytes: &[u8],
    tz: Option<&str>,
) -> Result<retrospect_markdown::MarkdownImport> {
    if tz.is_some() {
        crate::timeparse::resolve_zone(tz)?;
    }
    let now = retrospect_domain::Timestamp::now();
    Ok(retrospect_markdown::from_bytes_at(name, bytes, now, tz)?)
}

/// Refuses oversized files before reading them whole.
fn read_limited(path: &Path) -> Result<Vec<u8>> {
    let meta = std::fs::metadata(path)
        .with_context(|| format!("{}: cannot read this file", path.display()))?;
    if meta.is_dir() {
        bail!(
            "{}: this is a folder; please name the files inside it",
            path.display()
        );
    }
    let limit = retrospect_markdown::MAX_DOCUMENT_BYTES as u64;
    if meta.len() > limit {
        bail!(
            "{}: the file is {} MB, more than the {} MB a post-mortem document may be; is it the right file?",
            path.display(),
            meta.len() / 1_000_000,
            limit / 1_000_000
        );
    }
    std::fs::read(path).with_context(|| format!("{}: cannot read this file", path.display()))
}
