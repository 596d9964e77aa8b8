//! Checks on raw bytes before anything is parsed: size, emptiness, binary
//! content and UTF-8. They are cheap and run first, so a 100 MB file or a
//! stray image is refused at once with a message that says what it is.

use crate::{ImportError, ImportErrorKind};

/// The largest document we import. Real post-mortems are kilobytes; 20 MiB
/// leaves room for enormous pasted timelines while keeping memory bounded.
pub const MAX_DOCUMENT_BYTES: usize = 20 * 1024 * 1024;

/// How much of the start of a file is sampled to tell text from binary.
const SAMPLE: usize = 8 * 1024;

/// Returns the text of `bytes` (without a UTF-8 byte-order mark) or says why
/// it cannot be a text document.
pub(crate) fn text_of(bytes: &[u8]) -> Result<&str, ImportError> {
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(ImportError::new(
            ImportErrorKind::TooLarge,
            format!(
                "the file is {} and the limit is {}; a post-mortem this large is \
                 probably not one (is it a log? import it as evidence instead)",
                human_size(bytes.len()),
                human_size(MAX_DOCUMENT_BYTES)
            ),
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ImportError::new(
            ImportErrorKind::Empty,
            "the file is empty (or holds only blank space), so there is nothing to import",
        ));
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(ImportError::new(
            ImportErrorKind::InvalidUtf8,
            "the file is UTF-16 text; please save it as UTF-8 and import it again",
        )
        .at_byte(0));
    }
    if let Some(what) = known_binary(bytes) {
        return Err(ImportError::new(
            ImportErrorKind::Binary,
            format!("this looks like {what}, not a text document"),
        )
        .at_byte(0));
    }
    if let Some(pos) = memchr_nul(bytes) {
        let (line, column) = line_and_column(bytes, pos);
        return Err(ImportError::new(
            ImportErrorKind::Binary,
            format!("the file holds binary data (a NUL byte at byte {pos}), not a text document"),
        )
        .at(line, column)
        .at_byte(pos as u64));
    }
    let sample = &bytes[..bytes.len().min(SAMPLE)];
    let control = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))
        .count();
    if control * 10 > sample.len() {
        return Err(ImportError::new(
            ImportErrorKind::Binary,
            "the file is mostly control characters, so it is binary data rather than a text document",
        )
        .at_byte(0));
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let pos = e.valid_up_to();
        let (line, column) = line_and_column(bytes, pos);
        ImportError::new(
            ImportErrorKind::InvalidUtf8,
            format!(
                "the text is not valid UTF-8 at byte {pos}; please save the file as UTF-8 \
                 (it may be in an older encoding such as Latin-1 or Windows-1252)"
            ),
        )
        .at(line, column)
        .at_byte(pos as u64)
    })
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == 0)
}

/// Signatures of binary formats people are likely to pick by mistake.
fn known_binary(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"%PDF-", "a PDF file"),
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (
            b"PK\x03\x04",
            "a zip archive (a Word document or a chat export?)",
        ),
        (b"\x1F\x8B", "a gzip archive"),
        (b"\xD0\xCF\x11\xE0", "an Office or Outlook file"),
        (b"\x7FELF", "a program"),
        (b"SQLite format 3\0", "an SQLite database"),
    ];
    MAGIC
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, what)| *what)
}

/// 1-based line and column (in characters, counting what decodes) of a byte offset.
pub(crate) fn line_and_column(bytes: &[u8], pos: usize) -> (usize, usize) {
    let before = &bytes[..pos.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

fn human_size(bytes: usize) -> String {
    const MIB: f64 = 1024.0 * 1024.0;
    if bytes as f64 >= MIB {
        format!("{:.1} MiB", bytes as f64 / MIB)
    } else {
        format!("{:.1} KiB", bytes as f64 / 1024.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_line_and_column_of_bad_utf8() {
        let err = text_of(b"ok\nab\xFFc").unwrap_err();
        assert_eq!(err.kind, ImportErrorKind::InvalidUtf8);
        assert_eq!(
            (err.line, err.column, err.byte_offset),
            (Some(2), Some(3), Some(5))
        );
    }

    #[test]
    fn strips_a_byte_order_mark() {
        assert_eq!(text_of(b"\xEF\xBB\xBF# Hi").unwrap(), "# Hi");
    }

    #[test]
    fn refuses_nul_bytes_with_their_place() {
        let err = text_of(b"# a\nb\0").unwrap_err();
        assert_eq!(err.kind, ImportErrorKind::Binary);
        assert_eq!(err.line, Some(2));
    }
}
