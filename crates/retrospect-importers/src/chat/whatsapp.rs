//! WhatsApp "Export chat" text (`1/1/21, 12:00 - Ana: text` on Android,
//! `[1/1/21, 12:00:00] Ana: text` on iOS), plain or in its zip. Times carry
//! no zone, so they are read in `--tz` (UTC without it). Whether `3/4/21` is
//! 3 April or 4 March is decided from the whole file: a first number above 12
//! means day first, a second above 12 means month first; when nothing tells,
//! day first is assumed and said so.

use std::path::Path;
use std::sync::OnceLock;

use jiff::civil::{Date, Time};
use regex::Regex;
use retrospect_domain::EvidenceKind;

use super::{ChatMessage, finish};
use crate::evidence::{checksum_file, record};
use crate::time::DefaultZone;
use crate::zipsafe::{SafeZip, is_zip};
use crate::{ImportError, ImportOptions, Imported, Progress, Skipped};

fn line_start() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            // Android: "1/1/21, 12:00 - Ana: hi"; iOS: "[1/1/21, 12:00:00] Ana: hi".
            // The comma after the date and the " - " or "] " after the time are required.
            r"^\u{200e}?(?:\[(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2,4}), (\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?\s?([AaPp]\.?\s?[Mm]\.?)?\] |(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2,4}), (\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?\s?([AaPp]\.?\s?[Mm]\.?)? - )(.*)$",
        )
        .expect("the WhatsApp line pattern is a valid regex")
    })
}

/// At least two of the first lines start like WhatsApp messages.
pub fn looks_like(text: &str) -> bool {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(10)
        .collect();
    let hits = lines.iter().filter(|l| line_start().is_match(l)).count();
    hits >= 2 && hits * 2 >= lines.len()
}

struct RawLine {
    fields: [u32; 6],
    pm: Option<bool>,
    rest: String,
    line: usize,
}

pub fn import_whatsapp(
    path: &Path,
    opts: &ImportOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<Imported, ImportError> {
    let zone = DefaultZone::from_options(opts)?;
    let head = std::fs::read(path).map_err(|e| ImportError::io(path, e))?;
    let text = if is_zip(&head) {
        let mut zip = SafeZip::open(path)?;
        let names: Vec<String> = zip
            .names()
            .iter()
            .filter(|n| n.to_ascii_lowercase().ends_with(".txt"))
            .cloned()
            .collect();
        let mut found = None;
        for name in names {
            let data = zip.read(&name)?;
            let text = String::from_utf8_lossy(&data).into_owned();
            if looks_like(&text) {
                found = Some(text);
                break;
            }
        }
        found
            .ok_or_else(|| ImportError::unsupported(path, "the zip holds no WhatsApp chat text"))?
    } else {
        String::from_utf8_lossy(&head).into_owned()
    };
    let (checksum, size) = checksum_file(path)?;
    let name = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut raw: Vec<RawLine> = Vec::new();
    let mut skipped = Vec::new();
    for (i, line) in text.trim_start_matches('\u{feff}').lines().enumerate() {
        match line_start().captures(line) {
            Some(c) => {
                // iOS fills groups 1–7, Android groups 8–14; the rest is group 15.
                let base = if c.get(1).is_some() { 0 } else { 7 };
                let n = |k: usize| {
                    c.get(base + k)
                        .and_then(|m| m.as_str().parse::<u32>().ok())
                        .unwrap_or(0)
                };
                let pm = c
                    .get(base + 7)
                    .map(|m| m.as_str().to_ascii_lowercase().starts_with('p'));
                raw.push(RawLine {
                    fields: [n(1), n(2), n(3), n(4), n(5), n(6)],
                    pm,
                    rest: c
                        .get(15)
                        .map(|m| m.as_str().to_string())
                        .unwrap_or_default(),
                    line: i + 1,
                });
            }
            None => match raw.last_mut() {
                Some(last) => {
                    last.rest.push('\n');
                    last.rest.push_str(line);
                }
                None if !line.trim().is_empty() => {
                    skipped.push(Skipped::new(
                        format!("line {}", i + 1),
                        "the line does not start with a date and time",
                    ));
                }
                None => {}
            },
        }
    }
    let day_first = match (
        raw.iter().any(|r| r.fields[0] > 12),
        raw.iter().any(|r| r.fields[1] > 12),
    ) {
        (true, _) => true,
        (false, true) => false,
        (false, false) => {
            if !raw.is_empty() {
                skipped.push(Skipped::new(
                    "dates",
                    "no date in the chat shows whether it is written day/month or month/day; they were read as day/month",
                ));
            }
            true
        }
    };
    let mut messages = Vec::with_capacity(raw.len());
    for r in raw {
        let place = format!("line {}", r.line);
        let Some(local) = to_local(&r, day_first) else {
            skipped.push(Skipped::new(place, "its date or time is not a real one"));
            continue;
        };
        let Some((at, zone_label)) = zone.localize(local) else {
            skipped.push(Skipped::new(
                place,
                "its time does not exist in the chosen time zone",
            ));
            continue;
        };
        let (actor, text) = match r.rest.split_once(": ") {
            Some((who, what)) if !who.is_empty() && who.chars().count() <= 60 => {
                (Some(who.trim().to_string()), what.to_string())
            }
            // System lines: "Alice created group …", "Messages and calls are end-to-end encrypted".
            _ => (None, r.rest.clone()),
        };
        messages.push(ChatMessage {
            at,
            zone: zone_label,
            actor,
            text,
            position: place,
            source: format!("whatsapp {name}"),
            dedupe_key: None,
            thread: None,
        });
    }
    progress(Progress {
        path: path.to_path_buf(),
        bytes_done: size,
        bytes_total: Some(size),
        items: messages.len() as u64,
    });
    let evidence = record(
        path,
        EvidenceKind::Chat,
        checksum,
        size,
        "whatsapp",
        opts.now,
    );
    Ok(finish(evidence, messages, skipped, opts))
}

fn to_local(r: &RawLine, day_first: bool) -> Option<jiff::civil::DateTime> {
    let [a, b, y, mut h, mi, s] = r.fields;
    let (day, month) = if day_first { (a, b) } else { (b, a) };
    let year = if y < 100 { 2000 + y } else { y };
    match r.pm {
        Some(true) if h < 12 => h += 12,
        Some(false) if h == 12 => h = 0,
        _ => {}
    }
    let date = Date::new(
        i16::try_from(year).ok()?,
        i8::try_from(month).ok()?,
        i8::try_from(day).ok()?,
    )
    .ok()?;
    let time = Time::new(
        i8::try_from(h).ok()?,
        i8::try_from(mi).ok()?,
        i8::try_from(s).ok()?,
        0,
    )
    .ok()?;
    Some(date.to_datetime(time))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn android_and_ios_lines_but_not_logs() {
        assert!(looks_like("1/1/21, 12:00 - A: Hi\n1/1/21, 12:01 - B: Yo\n"));
        assert!(looks_like(
            "[05.03.21, 10:15:02] Ana: hi\n[05.03.21, 10:16:00] Bo: yo\n"
        ));
        assert!(looks_like(
            "3/5/24, 9:15 PM - Ana: hi\n3/5/24, 9:16 PM - Bo: yo\n"
        ));
        assert!(!looks_like(
            "17/06/09 20:10:40 INFO executor: x\n17/06/09 20:10:41 INFO spark: y\n"
        ));
    }
}
