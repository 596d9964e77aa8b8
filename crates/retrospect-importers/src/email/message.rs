//! One raw message read into the facts a timeline needs: who, when (with the
//! zone it was written in), what about, the reply's own words, and attachments.

use mail_parser::{Address, HeaderValue, MessageParser, MimeHeaders};
use retrospect_domain::Timestamp;

use super::trim::{excerpt, trim_reply};
use crate::time::from_fields;

/// The longest excerpt of a mail body shown on the timeline; the whole mail
/// stays in the evidence. Keeping entries short also keeps a 100,000-message
/// mailbox import small in memory.
pub const MAX_EXCERPT_CHARS: usize = 600;

/// What we read from one message's headers, for people and for tests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailSummary {
    pub message_id: Option<String>,
    pub subject: Option<String>,
    /// `Name <address>`, or whichever of the two the From header has.
    pub from: Option<String>,
    /// When it was sent, from the Date header (or, lacking one, the newest Received header).
    pub date: Option<Timestamp>,
    /// The offset the date was written in, as `+02:00`.
    pub zone: Option<String>,
    /// Why there is no date, when there is none.
    pub date_problem: Option<String>,
}

/// A message ready to become a timeline entry.
#[derive(Debug, Clone)]
pub struct MailFacts {
    pub summary: MailSummary,
    /// Ancestors named by References and In-Reply-To, oldest first.
    pub parents: Vec<String>,
    /// The reply's own words (quotes and signature trimmed), shortened.
    pub text: String,
    pub attachments: Vec<(String, usize)>,
}

/// Reads a message's headers. Err explains why it is not an email at all.
pub fn summarize(raw: &[u8]) -> Result<MailSummary, String> {
    guarded(|| {
        let message = MessageParser::default()
            .parse_headers(raw)
            .ok_or_else(no_headers)?;
        Ok(summary_of(&message))
    })
}

/// Runs the mail parser so that a bug in it costs one message, not the import.
/// (mail-parser 0.11 has a `debug_assert!` that fires on some broken MIME
/// trees in debug builds; release builds carry on.)
fn guarded<T>(read: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(read)).unwrap_or_else(|_| {
        Err("its MIME structure is too broken for the mail parser to read".to_string())
    })
}

/// Reads a whole message: headers, trimmed body and attachment list.
pub fn read_mail(raw: &[u8]) -> Result<MailFacts, String> {
    guarded(|| read_mail_unguarded(raw))
}

fn read_mail_unguarded(raw: &[u8]) -> Result<MailFacts, String> {
    let message = MessageParser::default().parse(raw).ok_or_else(no_headers)?;
    let summary = summary_of(&message);
    let mut parents = ids(message.references());
    for id in ids(message.in_reply_to()) {
        if !parents.contains(&id) {
            parents.push(id);
        }
    }
    let body = message
        .body_text(0)
        .map(|b| b.into_owned())
        .unwrap_or_default();
    let attachments = message
        .attachments()
        .map(|part| {
            let name = part
                .attachment_name()
                .map(str::to_string)
                .or_else(|| {
                    part.message()
                        .and_then(|m| m.subject())
                        .map(|s| format!("forwarded mail \"{s}\""))
                })
                .unwrap_or_else(|| "unnamed attachment".to_string());
            (name, part.len())
        })
        .collect();
    Ok(MailFacts {
        summary,
        parents,
        text: excerpt(&trim_reply(&body), MAX_EXCERPT_CHARS),
        attachments,
    })
}

fn no_headers() -> String {
    "no mail headers could be read from it (is it an email?)".to_string()
}

fn summary_of(message: &mail_parser::Message<'_>) -> MailSummary {
    let (date, zone, date_problem) = match message.date() {
        Some(d) => match date_of(d) {
            Some((at, zone)) => (Some(at), Some(zone), None),
            None => (
                None,
                None,
                Some(format!("its Date header ({d}) is not a real date")),
            ),
        },
        None => match message
            .received()
            .and_then(|r| r.date.as_ref())
            .and_then(date_of)
        {
            Some((at, zone)) => (Some(at), Some(zone), None),
            None if message.header("Date").is_some() => (
                None,
                None,
                Some("its Date header could not be read as a date".to_string()),
            ),
            None => (None, None, Some("it has no Date header".to_string())),
        },
    };
    MailSummary {
        message_id: message.message_id().map(str::to_string),
        subject: message.subject().map(|s| s.trim().to_string()),
        from: message.from().and_then(display_address),
        date,
        zone,
        date_problem,
    }
}

fn date_of(d: &mail_parser::DateTime) -> Option<(Timestamp, String)> {
    let sign = if d.tz_before_gmt { -1 } else { 1 };
    let offset = sign * (i32::from(d.tz_hour) * 3600 + i32::from(d.tz_minute) * 60);
    from_fields(
        [
            i64::from(d.year),
            i64::from(d.month),
            i64::from(d.day),
            i64::from(d.hour),
            i64::from(d.minute),
            i64::from(d.second),
        ],
        offset,
    )
}

/// The first sender as people write it: `Name <address>`.
pub fn display_address(address: &Address<'_>) -> Option<String> {
    let first = address.first()?;
    let name = first.name().map(str::trim).filter(|n| !n.is_empty());
    let addr = first.address().map(str::trim).filter(|a| !a.is_empty());
    match (name, addr) {
        (Some(n), Some(a)) => Some(format!("{n} <{a}>")),
        (Some(n), None) => Some(n.to_string()),
        (None, Some(a)) => Some(a.to_string()),
        (None, None) => None,
    }
}

fn ids(value: &HeaderValue<'_>) -> Vec<String> {
    match value {
        HeaderValue::Text(t) => vec![t.to_string()],
        HeaderValue::TextList(list) => list.iter().map(|t| t.to_string()).collect(),
        _ => Vec::new(),
    }
}

/// `12 KB`, `3.4 MB`: attachment sizes as people read them.
pub fn human_size(bytes: usize) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    if b < KB {
        format!("{bytes} B")
    } else if b < KB * KB {
        format!("{:.0} KB", (b / KB).max(1.0))
    } else if b < KB * KB * KB {
        format!("{:.1} MB", b / (KB * KB))
    } else {
        format!("{:.1} GB", b / (KB * KB * KB))
    }
}

impl MailFacts {
    /// The timeline text: subject, the reply's own words, then attachments by name and size.
    pub fn timeline_text(&self) -> String {
        let subject = self.summary.subject.as_deref().unwrap_or("").trim();
        let mut text = match (subject.is_empty(), self.text.is_empty()) {
            (false, false) => format!("{subject}: {}", self.text),
            (false, true) => subject.to_string(),
            (true, false) => self.text.clone(),
            (true, true) => "(a mail with no subject and no text)".to_string(),
        };
        if !self.attachments.is_empty() {
            let list: Vec<String> = self
                .attachments
                .iter()
                .map(|(name, size)| format!("{name}, {}", human_size(*size)))
                .collect();
            text.push_str(&format!(" (attachments: {})", list.join("; ")));
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_headers_with_their_zone() {
        let raw = b"From: Ana <ana@example.org>\r\nSubject: Re: db down\r\nDate: Tue, 5 Mar 2024 10:15:00 +0200\r\nMessage-ID: <a1@x>\r\nIn-Reply-To: <a0@x>\r\n\r\nRestarted it.\r\n\r\nOn Tue, Bo wrote:\r\n> is it down?\r\n";
        let facts = read_mail(raw).expect("a mail");
        assert_eq!(facts.summary.from.as_deref(), Some("Ana <ana@example.org>"));
        assert_eq!(facts.summary.zone.as_deref(), Some("+02:00"));
        assert_eq!(
            facts.summary.date.map(|d| d.to_string()).as_deref(),
            Some("2024-03-05T08:15:00Z")
        );
        assert_eq!(facts.parents, vec!["a0@x".to_string()]);
        assert_eq!(facts.timeline_text(), "Re: db down: Restarted it.");
    }

    #[test]
    fn sizes_read_like_people_write_them() {
        assert_eq!(human_size(12 * 1024 + 100), "12 KB");
        assert_eq!(human_size(512), "512 B");
        assert_eq!(human_size(3 * 1024 * 1024 + 400 * 1024), "3.4 MB");
    }
}
