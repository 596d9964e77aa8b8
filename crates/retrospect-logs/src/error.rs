//! Errors, written for the person reading them: what happened, to which
//! file, and what they can do. Nobody is at fault for a strange log.

use std::io;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum LogError {
    #[error("could not open {path}: {source}. Check that the file exists and is readable.")]
    Open {
        path: PathBuf,
        #[source]
        source: io::Error,
    },

    #[error(
        "reading {path} stopped at byte {offset}: {source}. \
         The lines before that point were used; if this is a gzip file it may be truncated."
    )]
    Read {
        path: PathBuf,
        offset: u64,
        #[source]
        source: io::Error,
    },

    #[error(
        "{path} looks like a binary file rather than a text log (found NUL bytes in its \
         first {sample} bytes), so it was skipped."
    )]
    Binary { path: PathBuf, sample: usize },

    #[error("could not write the output: {0}. Is there space left on the device?")]
    Write(#[source] io::Error),

    #[error("the value {value:?} for --{option} was not understood: {hint}.")]
    BadOption {
        option: &'static str,
        value: String,
        hint: &'static str,
    },
}

/// Something worth telling the user that did not stop the work.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Warning {
    pub path: PathBuf,
    /// 1-based line when the warning is about one line.
    pub line: Option<u64>,
    pub message: String,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{l}: {}", self.path.display(), self.message),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}
