//! Text plumbing: masking what must not be linted, sentence segmentation, tokens and
//! line/column positions. Masking replaces bytes with spaces so every byte offset in
//! the masked text is the same offset in the original.

pub mod lines;
pub mod mask;
pub mod segment;
pub mod tokens;

/// Compiles a pattern with ASCII word boundaries. A Unicode `\b` makes the regex
/// engine fall back to its slowest search on any text holding a curly quote, a dash
/// or an accent, which real post-mortems always do (10-100x slower); the cue words
/// are ASCII, so nothing is lost.
pub fn compile(pattern: &str) -> Result<regex::Regex, regex::Error> {
    regex::Regex::new(&pattern.replace(r"\b", r"(?-u:\b)"))
}

/// Replaces `range` of `buf` with ASCII spaces, keeping newlines (so line numbers and
/// sentence boundaries survive) and the byte length (so offsets survive). The range must
/// lie on char boundaries of the original text.
pub fn blank(buf: &mut [u8], start: usize, end: usize) {
    for b in &mut buf[start..end] {
        if *b != b'\n' {
            *b = b' ';
        }
    }
}
