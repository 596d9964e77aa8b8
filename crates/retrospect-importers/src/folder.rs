//! A folder of several evidence files (not a maildir, not a chat export):
//! each file is detected and imported on its own, giving one `Imported` per
//! file. Files that can't be imported here (logs, which the log engine reads,
//! and formats we don't read) are listed, each with its reason, as `Skipped`
//! of the first imported item, so the rest of the batch imports and nothing
//! goes unmentioned. A folder with nothing importable is refused.

use std::fs;
use std::path::{Path, PathBuf};

use crate::{
    ImportError, ImportOptions, Imported, Progress, Skipped, SourceKind, detect, import_as,
};

/// The deepest folder nesting walked.
const MAX_DEPTH: usize = 8;

fn files_in(root: &Path) -> Result<Vec<PathBuf>, ImportError> {
    let mut out = Vec::new();
    let mut stack = vec![(root.to_path_buf(), 0usize)];
    while let Some((dir, depth)) = stack.pop() {
        for entry in fs::read_dir(&dir).map_err(|e| ImportError::io(&dir, e))? {
            let entry = entry.map_err(|e| ImportError::io(&dir, e))?;
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let kind = entry
                .file_type()
                .map_err(|e| ImportError::io(&entry.path(), e))?;
            if kind.is_file() {
                out.push(entry.path());
            } else if kind.is_dir() && depth < MAX_DEPTH {
                stack.push((entry.path(), depth + 1));
            }
        }
    }
    out.sort();
    Ok(out)
}

pub fn import_folder(
    path: &Path,
    opts: &ImportOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<Vec<Imported>, ImportError> {
    let files = files_in(path)?;
    let mut plan = Vec::with_capacity(files.len());
    let mut refused = Vec::new();
    for file in files {
        let rel = file
            .strip_prefix(path)
            .unwrap_or(&file)
            .display()
            .to_string();
        match detect(&file) {
            Ok(SourceKind::Unsupported(reason)) => refused.push(Skipped::new(rel, reason)),
            Ok(SourceKind::Log) => refused.push(Skipped::new(
                rel,
                "it is a log file: import it on its own, and the log importer will mine it",
            )),
            Ok(kind) => plan.push((file, kind)),
            Err(e) => refused.push(Skipped::new(rel, e.to_string())),
        }
    }
    if plan.is_empty() {
        let reasons: Vec<String> = refused
            .iter()
            .map(|s| format!("{} ({})", s.place, s.reason))
            .collect();
        let why = if reasons.is_empty() {
            "the folder holds no files".to_string()
        } else {
            format!("none of its files can be imported: {}", reasons.join("; "))
        };
        return Err(ImportError::unsupported(path, why));
    }
    let mut out = Vec::with_capacity(plan.len());
    for (file, kind) in plan {
        match import_as(&file, &kind, opts, progress) {
            Ok(items) => out.extend(items),
            // A file that fails on its own is reported; the others still import.
            Err(e) => refused.push(Skipped::new(
                file.strip_prefix(path)
                    .unwrap_or(&file)
                    .display()
                    .to_string(),
                e.to_string(),
            )),
        }
    }
    match out.first_mut() {
        Some(first) => {
            first.skipped.extend(refused);
            Ok(out)
        }
        None => Err(ImportError::unsupported(
            path,
            format!(
                "none of its files could be imported: {}",
                refused
                    .iter()
                    .map(|s| format!("{} ({})", s.place, s.reason))
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
        )),
    }
}
