//! Why a file could not be imported, and where.

/// What kind of problem stopped an import. Callers can match on it (for an
/// exit code or an HTTP status); people read the [`ImportError`] message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportErrorKind {
    /// The file has no content at all.
    Empty,
    /// The file is not text (NUL bytes, or mostly control characters).
    Binary,
    /// The file is text but not valid UTF-8.
    InvalidUtf8,
    /// The file is larger than [`crate::MAX_DOCUMENT_BYTES`].
    TooLarge,
    /// The front matter is malformed, hostile, or never closed.
    FrontMatter,
    /// The Markdown body breaks a rule of the Retrospect format
    /// (a duplicated id, a reference to a part that does not exist).
    Structure,
    /// The JSON is malformed or does not describe a post-mortem.
    Json,
    /// The file declares a format version this build does not read.
    UnsupportedFormat,
    /// The result would be an invalid post-mortem (the domain refused it).
    Invalid,
}

/// A refused import: the file, the place in it, and a message written for the
/// person who has to fix it. Displays as `incident.md:12:3: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    pub kind: ImportErrorKind,
    /// The file name as the caller gave it; None for text given directly.
    pub file: Option<String>,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column (in characters), when known.
    pub column: Option<usize>,
    /// 0-based byte offset, for problems found before the text could be read as lines.
    pub byte_offset: Option<u64>,
    pub message: String,
}

impl ImportError {
    pub(crate) fn new(kind: ImportErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            file: None,
            line: None,
            column: None,
            byte_offset: None,
            message: message.into(),
        }
    }

    pub(crate) fn at_line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }

    pub(crate) fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    pub(crate) fn at_byte(mut self, offset: u64) -> Self {
        self.byte_offset = Some(offset);
        self
    }

    /// Names the file the error belongs to (kept if one is already set).
    pub fn in_file(mut self, name: &str) -> Self {
        if self.file.is_none() {
            self.file = Some(name.to_string());
        }
        self
    }

    /// Moves a position found inside an embedded part (the front matter) to
    /// its place in the whole document.
    pub(crate) fn shifted_by_lines(mut self, lines: usize) -> Self {
        if let Some(l) = self.line.as_mut() {
            *l += lines;
        }
        self
    }
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.file, self.line, self.column) {
            (Some(file), Some(l), Some(c)) => write!(f, "{file}:{l}:{c}: ")?,
            (Some(file), Some(l), None) => write!(f, "{file}:{l}: ")?,
            (Some(file), None, _) => write!(f, "{file}: ")?,
            (None, Some(l), Some(c)) => write!(f, "line {l}, column {c}: ")?,
            (None, Some(l), None) => write!(f, "line {l}: ")?,
            (None, None, _) => {}
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for ImportError {}
