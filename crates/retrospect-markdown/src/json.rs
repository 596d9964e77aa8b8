//! The JSON export: the whole post-mortem, pretty-printed, in an envelope
//! that names the format so that later versions can read it safely.

use retrospect_domain::PostMortem;
use serde::{Deserialize, Serialize};

use crate::frontmatter::FORMAT;
use crate::import::{check_structure, domain_validate};
use crate::{ImportError, ImportErrorKind, input};

#[derive(Serialize)]
struct Envelope<'a> {
    format: &'static str,
    #[serde(flatten)]
    postmortem: &'a PostMortem,
}

/// The post-mortem as pretty JSON with `"format": "retrospect/1"` first.
pub fn to_json(pm: &PostMortem) -> String {
    let envelope = Envelope {
        format: FORMAT,
        postmortem: pm,
    };
    // Every part of a post-mortem is plain data with string keys, which
    // serde_json always serialises; the fallback is never expected to run.
    serde_json::to_string_pretty(&envelope)
        .unwrap_or_else(|e| format!("{{\"format\":\"{FORMAT}\",\"error\":\"{e}\"}}"))
}

/// Only the envelope's `format`, read before the rest so that a file from a
/// newer version gets a clear message rather than a confusing field error.
#[derive(Deserialize)]
struct FormatProbe {
    #[serde(default)]
    format: Option<serde_json::Value>,
}

/// Reads a post-mortem exported as JSON (with or without the envelope).
/// The bytes get the same checks as Markdown (size, binary, UTF-8), JSON
/// errors name the line and column, and the result must be a valid
/// post-mortem (`PostMortem::validate`).
pub fn from_json(name: &str, bytes: &[u8]) -> Result<PostMortem, ImportError> {
    let text = input::text_of(bytes).map_err(|e| e.in_file(name))?;
    let probe: FormatProbe =
        serde_json::from_str(text).map_err(|e| json_error(&e).in_file(name))?;
    match probe.format {
        None => {}
        Some(serde_json::Value::String(f)) if f == FORMAT => {}
        Some(other) => {
            return Err(ImportError::new(
                ImportErrorKind::UnsupportedFormat,
                format!(
                    "this file says it is in format {other}, and this version of Retrospect reads {FORMAT}; \
                     please update Retrospect or export the file again"
                ),
            )
            .in_file(name));
        }
    }
    let pm: PostMortem = serde_json::from_str(text).map_err(|e| json_error(&e).in_file(name))?;
    check_structure(&pm).map_err(|e| e.in_file(name))?;
    domain_validate(&pm).map_err(|e| e.in_file(name))?;
    Ok(pm)
}

fn json_error(e: &serde_json::Error) -> ImportError {
    let message = e.to_string();
    let message = message
        .split(" at line ")
        .next()
        .unwrap_or(&message)
        .to_string();
    let hint = match e.classify() {
        serde_json::error::Category::Syntax => "the JSON is malformed",
        serde_json::error::Category::Eof => "the JSON ends too early (is the file cut short?)",
        serde_json::error::Category::Data => "the JSON does not describe a post-mortem",
        serde_json::error::Category::Io => "the JSON could not be read",
    };
    let err = ImportError::new(ImportErrorKind::Json, format!("{hint}: {message}"));
    if e.line() > 0 {
        err.at(e.line(), e.column().max(1))
    } else {
        err
    }
}
