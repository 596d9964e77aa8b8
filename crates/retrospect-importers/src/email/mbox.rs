//! A streaming mbox reader: one message at a time from a buffered reader, so
//! a mailbox of any size is read in bounded memory.
//!
//! Separators are `From ` lines whose shape is that of a real separator
//! (`From sender date`, `From -`, or `From id@host`) and that are followed by a
//! header line; that keeps an unescaped "From Russia with love" in a body from
//! splitting a message (mboxo written by careless tools). Body lines `>From `,
//! `>>From ` … lose one `>` (mboxrd; for mboxo this only differs on lines that
//! were already quoted twice). A `Content-Length:` header is honoured when it
//! lands exactly on the next separator or the end of the file.

use std::collections::VecDeque;
use std::io::{self, BufRead, Read};

/// One message as it appeared in the mailbox.
pub struct MboxMessage {
    /// 1-based position in the mailbox.
    pub index: u64,
    /// Byte offset of its `From ` line.
    pub offset: u64,
    /// The message bytes without the `From ` line, unescaped. Empty when it was too large.
    pub bytes: Vec<u8>,
    /// True when the message was larger than the per-message limit and was not kept.
    pub oversized: bool,
}

pub struct MboxReader<R> {
    reader: R,
    /// Lines read ahead, with their offsets: the separator that ended the
    /// previous message, or the line looked at to decide a separator.
    pending: VecDeque<(Vec<u8>, u64)>,
    offset: u64,
    index: u64,
    max_message: usize,
    started: bool,
}

/// The longest line kept; longer lines are cut (a message's text is only excerpted anyway).
const MAX_LINE: usize = 1 << 20;

impl<R: BufRead> MboxReader<R> {
    pub fn new(reader: R, max_message: usize) -> Self {
        Self {
            reader,
            pending: VecDeque::new(),
            offset: 0,
            index: 0,
            max_message,
            started: false,
        }
    }

    /// Gives back the underlying reader (to finish a checksum over the rest).
    pub fn into_inner(self) -> R {
        self.reader
    }

    /// Reads one line (with its `\n`), at most `MAX_LINE` bytes kept. Ok(false) at the end.
    fn read_line(&mut self, line: &mut Vec<u8>) -> io::Result<bool> {
        line.clear();
        let mut any = false;
        loop {
            let buf = self.reader.fill_buf()?;
            if buf.is_empty() {
                return Ok(any);
            }
            any = true;
            let (chunk, done) = match memchr::memchr(b'\n', buf) {
                Some(i) => (&buf[..=i], true),
                None => (buf, false),
            };
            let room = MAX_LINE.saturating_sub(line.len());
            line.extend_from_slice(&chunk[..chunk.len().min(room)]);
            let used = chunk.len();
            self.reader.consume(used);
            self.offset += used as u64;
            if done {
                return Ok(true);
            }
        }
    }

    fn next_line(&mut self) -> io::Result<Option<(Vec<u8>, u64)>> {
        if let Some(pending) = self.pending.pop_front() {
            return Ok(Some(pending));
        }
        let start = self.offset;
        let mut line = Vec::new();
        if self.read_line(&mut line)? {
            Ok(Some((line, start)))
        } else {
            Ok(None)
        }
    }

    /// The next message, or None at the end of the mailbox.
    pub fn next_message(&mut self) -> io::Result<Option<MboxMessage>> {
        let mut first = loop {
            let Some((mut line, start)) = self.next_line()? else {
                return Ok(None);
            };
            if !self.started {
                self.started = true;
                if line.starts_with(b"\xEF\xBB\xBF") {
                    line.drain(..3);
                }
            }
            if line.iter().all(|b| b.is_ascii_whitespace()) {
                continue;
            }
            break (line, start);
        };
        self.index += 1;
        let mut message = MboxMessage {
            index: self.index,
            offset: first.1,
            bytes: Vec::new(),
            oversized: false,
        };
        // Text before any separator (a mailbox missing its first `From ` line) is a message too.
        if !is_separator_shape(&first.0) {
            self.append(&mut message, std::mem::take(&mut first.0));
        }
        let mut in_headers = true;
        let mut content_length: Option<u64> = None;
        while let Some((line, start)) = self.next_line()? {
            if line.starts_with(b"From ") && is_separator_shape(&line) {
                let after = self.next_line()?;
                let separator = after.as_ref().is_none_or(|(l, _)| looks_like_header(l));
                if let Some(after) = after {
                    self.pending.push_front(after);
                }
                if separator {
                    self.pending.push_front((line, start));
                    break;
                }
            }
            if in_headers {
                if line == b"\n" || line == b"\r\n" {
                    in_headers = false;
                    self.append(&mut message, line);
                    if let Some(n) = content_length
                        && self.read_exact_body(&mut message, n)?
                    {
                        break;
                    }
                    continue;
                }
                if let Some(n) = content_length_of(&line) {
                    content_length = Some(n);
                }
                self.append(&mut message, line);
            } else {
                self.append(&mut message, unescape(line));
            }
        }
        Ok(Some(message))
    }

    fn append(&self, message: &mut MboxMessage, line: Vec<u8>) {
        if message.oversized {
            return;
        }
        if message.bytes.len() + line.len() > self.max_message {
            message.oversized = true;
            message.bytes = Vec::new();
            return;
        }
        message.bytes.extend_from_slice(&line);
    }

    /// Reads a Content-Length body. True when it ended exactly at a separator
    /// or the end of the file (the message is complete); otherwise the bytes
    /// are kept and reading goes on line by line.
    fn read_exact_body(&mut self, message: &mut MboxMessage, n: u64) -> io::Result<bool> {
        let mut body = Vec::new();
        let limit = n.min(self.max_message as u64 + 1);
        let got = (&mut self.reader).take(limit).read_to_end(&mut body)?;
        self.offset += got as u64;
        let complete = got as u64 == n;
        self.append(message, body);
        if !complete {
            // Too large to keep, or the file ended early: go on line by line.
            return Ok(false);
        }
        let next = self.reader.fill_buf()?;
        let at_separator = next.is_empty()
            || next.starts_with(b"From ")
            || next.starts_with(b"\nFrom ")
            || next.starts_with(b"\r\nFrom ");
        Ok(at_separator)
    }
}

/// `Name: value` with a header field name (printable ASCII, no spaces or colon).
fn looks_like_header(line: &[u8]) -> bool {
    let Some(colon) = line.iter().take(80).position(|&b| b == b':') else {
        return false;
    };
    colon > 0
        && line[..colon]
            .iter()
            .all(|&b| (33..=126).contains(&b) && b != b':')
}

/// `From sender date…`, `From -`, `From id@host`: the shapes real separators take.
pub fn is_separator_shape(line: &[u8]) -> bool {
    let Some(rest) = line.strip_prefix(b"From ") else {
        return false;
    };
    let text = String::from_utf8_lossy(rest);
    let mut parts = text.trim().splitn(2, char::is_whitespace);
    let sender = parts.next().unwrap_or("");
    let date = parts.next().unwrap_or("").trim();
    if date.is_empty() {
        return sender == "-"
            || sender.contains('@')
            || sender.eq_ignore_ascii_case("MAILER-DAEMON");
    }
    let digits = date.bytes().filter(u8::is_ascii_digit).count();
    digits >= 4
        && (date.contains(':')
            || date
                .split_whitespace()
                .any(|w| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit())))
}

fn content_length_of(line: &[u8]) -> Option<u64> {
    let text = std::str::from_utf8(line).ok()?;
    let (name, value) = text.split_once(':')?;
    if !name.trim().eq_ignore_ascii_case("content-length") {
        return None;
    }
    value.trim().parse().ok()
}

/// mboxrd: `>From `, `>>From ` … lose one `>`.
fn unescape(mut line: Vec<u8>) -> Vec<u8> {
    let quotes = line.iter().take_while(|&&b| b == b'>').count();
    if quotes > 0 && line[quotes..].starts_with(b"From ") {
        line.remove(0);
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(data: &[u8]) -> Vec<Vec<u8>> {
        let mut reader = MboxReader::new(io::BufReader::new(data), 1 << 20);
        let mut out = Vec::new();
        while let Some(m) = reader.next_message().expect("in memory") {
            out.push(m.bytes);
        }
        out
    }

    #[test]
    fn separators_need_the_shape_of_a_separator() {
        assert!(is_separator_shape(b"From - \n"));
        assert!(is_separator_shape(b"From 1844347792267117879@xxx\n"));
        assert!(is_separator_shape(
            b"From MAILER-DAEMON Fri Jul  8 12:08:34 2011\n"
        ));
        assert!(is_separator_shape(
            b"From ana@example.org Mon Jun  3 12:50:27 1996\n"
        ));
        assert!(!is_separator_shape(b"From Russia with love\n"));
        assert!(!is_separator_shape(b"From here\n"));
    }

    #[test]
    fn mboxrd_lines_are_unescaped_and_unmunged_lines_do_not_split() {
        let data = b"From a@b Mon Jun  3 12:50:27 1996\nSubject: one\n\n>From the top\n>>From deeper\nFrom Russia with love\nYear: 1963\n\nFrom b@c Mon Jun  3 12:51:27 1996\nSubject: two\n\nbody\n";
        let messages = count(data);
        assert_eq!(messages.len(), 2);
        let first = String::from_utf8_lossy(&messages[0]);
        assert!(
            first.contains("\nFrom the top\n>From deeper\nFrom Russia with love\n"),
            "{first}"
        );
    }

    #[test]
    fn content_length_keeps_unescaped_from_lines_inside() {
        let body = "From a@b Mon Jun  3 12:50:27 1996\nFrom: x@y\n";
        let data = format!(
            "From - Mon Jun  3 12:50:27 1996\nSubject: one\nContent-Length: {}\n\n{body}\nFrom - Mon Jun  3 12:51:27 1996\nSubject: two\n\nhi\n",
            body.len()
        );
        let messages = count(data.as_bytes());
        assert_eq!(messages.len(), 2);
    }

    #[test]
    fn oversized_messages_are_reported_not_kept() {
        let big = format!(
            "From - Mon Jun  3 12:50:27 1996\nSubject: big\n\n{}\n",
            "x".repeat(5000)
        );
        let mut reader = MboxReader::new(io::BufReader::new(big.as_bytes()), 1000);
        let m = reader.next_message().expect("read").expect("one message");
        assert!(m.oversized && m.bytes.is_empty());
    }
}
