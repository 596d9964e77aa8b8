//! Why an import was refused. Every message names the file (and the place in it
//! when there is one) and says what the person can do next. An error means
//! nothing was imported: importers never hand back half a file.

use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("could not read {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{} can't be imported: {reason}", path.display())]
    Unsupported { path: PathBuf, reason: String },
    #[error(
        "{} looks like a log file; logs go through the log importer, which mines them into patterns",
        path.display()
    )]
    LogFile { path: PathBuf },
    #[error("{} could not be read at {place}: {reason}", path.display())]
    Malformed {
        path: PathBuf,
        place: String,
        reason: String,
    },
    #[error("{} was refused as unsafe: {reason}", path.display())]
    UnsafeArchive { path: PathBuf, reason: String },
    #[error("'{value}' is not a valid {what}: {hint}")]
    InvalidOption {
        what: &'static str,
        value: String,
        hint: String,
    },
}

impl ImportError {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> Self {
        ImportError::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    pub(crate) fn unsupported(path: &Path, reason: impl Into<String>) -> Self {
        ImportError::Unsupported {
            path: path.to_path_buf(),
            reason: reason.into(),
        }
    }

    pub(crate) fn malformed(
        path: &Path,
        place: impl Into<String>,
        reason: impl Into<String>,
    ) -> Self {
        ImportError::Malformed {
            path: path.to_path_buf(),
            place: place.into(),
            reason: reason.into(),
        }
    }

    pub(crate) fn unsafe_archive(path: &Path, reason: impl Into<String>) -> Self {
        ImportError::UnsafeArchive {
            path: path.to_path_buf(),
            reason: reason.into(),
        }
    }
}
