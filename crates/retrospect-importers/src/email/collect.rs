//! Turns raw messages, one at a time, into proposed timeline entries; threads
//! them once all are read. Only the entry (a short excerpt) is kept per
//! message, never the body, so memory follows the number of messages, not
//! the size of the mailbox.

use retrospect_domain::{EntryState, Evidence, EvidenceRef, TimelineEntry};

use super::message::read_mail;
use super::thread::{ThreadInput, thread_keys};
use super::trim::excerpt;
use crate::{ImportOptions, Imported, Skipped};

/// The longest timeline text an email entry gets (subject + excerpt + attachments).
const MAX_ENTRY_CHARS: usize = 2_000;

#[derive(Default)]
pub struct MailCollector {
    entries: Vec<TimelineEntry>,
    keys: Vec<Option<String>>,
    /// Thread inputs for every readable message, dated or not: an undated
    /// message can still be the missing link between two dated ones.
    thread_inputs: Vec<ThreadInput>,
    /// For each thread input, the entry it became (None when it has no date).
    entry_of: Vec<Option<usize>>,
    skipped: Vec<Skipped>,
    pub messages: u64,
}

impl MailCollector {
    /// Reads one message. `place` names it for people ("message 3 (byte 1234)",
    /// "cur/1712…"); `fallback_position` is its evidence position when it has
    /// no Message-ID.
    pub fn add(&mut self, raw: &[u8], place: &str, fallback_position: &str) {
        self.messages += 1;
        let facts = match read_mail(raw) {
            Ok(f) => f,
            Err(reason) => {
                self.skipped.push(Skipped::new(place, reason));
                return;
            }
        };
        let summary = &facts.summary;
        let input = ThreadInput {
            id: summary.message_id.clone(),
            parents: facts.parents.clone(),
            subject: summary.subject.clone().unwrap_or_default(),
            at: summary.date,
        };
        let (Some(at), Some(zone)) = (summary.date, summary.zone.clone()) else {
            let problem = summary.date_problem.as_deref().unwrap_or("it has no date");
            self.skipped.push(Skipped::new(
                place,
                format!("{problem}, so it has no place on the timeline; the mail is still kept as evidence"),
            ));
            self.thread_inputs.push(input);
            self.entry_of.push(None);
            return;
        };
        let position = match &summary.message_id {
            Some(id) => format!("message <{id}>"),
            None => fallback_position.to_string(),
        };
        let entry = TimelineEntry {
            id: 0,
            at,
            zone: Some(zone),
            text: excerpt(&facts.timeline_text(), MAX_ENTRY_CHARS),
            actor: summary.from.clone(),
            source: "email".to_string(),
            evidence: Some(EvidenceRef {
                evidence: 0,
                position: Some(position),
            }),
            key_moment: None,
            hidden: false,
            state: EntryState::Proposed,
        };
        self.entry_of.push(Some(self.entries.len()));
        self.thread_inputs.push(input);
        self.keys
            .push(summary.message_id.as_ref().map(|id| format!("email:{id}")));
        self.entries.push(entry);
    }

    pub fn skip(&mut self, place: &str, reason: impl Into<String>) {
        self.skipped.push(Skipped::new(place, reason));
    }

    /// Threads the messages, applies the time window and returns the result.
    pub fn finish(self, evidence: Evidence, opts: &ImportOptions) -> Imported {
        let keys_by_input = thread_keys(&self.thread_inputs);
        let mut threads = vec![None; self.entries.len()];
        for (input, entry) in self.entry_of.iter().enumerate() {
            if let Some(e) = entry {
                threads[*e] = keys_by_input.get(input).cloned();
            }
        }
        let mut imported = Imported {
            evidence,
            entries: self.entries,
            skipped: self.skipped,
            dedupe_keys: self.keys,
            threads,
        };
        apply_window(&mut imported, opts, "messages");
        imported
    }
}

/// Drops entries outside the requested time window and says how many.
pub fn apply_window(imported: &mut Imported, opts: &ImportOptions, what: &str) {
    if opts.from.is_none() && opts.to.is_none() {
        return;
    }
    let before = imported.entries.len();
    let keep: Vec<bool> = imported
        .entries
        .iter()
        .map(|e| opts.in_window(e.at))
        .collect();
    imported.retain_indices(|i| keep.get(i).copied().unwrap_or(true));
    let dropped = before - imported.entries.len();
    if dropped > 0 {
        imported.skipped.push(Skipped::new(
            "time window",
            format!("{dropped} {what} fell outside the requested time window and were left out"),
        ));
    }
}
