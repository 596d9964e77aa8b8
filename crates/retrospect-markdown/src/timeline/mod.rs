//! Reading timelines people wrote: lists (`- 14:02 UTC: …`), tables
//! (`| 2021-07-02 07:32 | … |`), headings (`### 2021-06-03 9:00` followed by
//! paragraphs) and plain lines, with dates from headings or earlier entries,
//! zones from statements such as "All times US/Pacific", and times after
//! midnight rolled over to the next day when the list is in order.

mod table;
pub(crate) mod when;
pub(crate) mod zones;

use jiff::Timestamp;
use jiff::civil::{Date, Time};

use crate::lines::{Fences, dedent, heading, indentation, is_blank, join_trimmed, list_item};
use when::{Head, dates_in, entry_head};
use zones::Zone;

/// One timeline entry found in text. `line` is 1-based in the text given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedEntry {
    pub at: Timestamp,
    /// The zone the time was written in (IANA name, "UTC" or an offset), None
    /// when no zone was stated and UTC was assumed.
    pub zone: Option<String>,
    pub text: String,
    pub actor: Option<String>,
    pub line: usize,
}

/// Finds the timeline entries in a text (a whole document or one section).
/// `default_zone` applies to times with no zone of their own and no zone
/// statement around them (UTC when None); `reference_date` places times that
/// have no date of their own and no date heading above them.
pub fn timeline_from_text(
    text: &str,
    default_zone: Option<&str>,
    reference_date: Option<Date>,
) -> Vec<ParsedEntry> {
    let lines: Vec<(usize, &str)> = text
        .split('\n')
        .enumerate()
        .map(|(i, l)| (i + 1, l.strip_suffix('\r').unwrap_or(l)))
        .collect();
    let context = Context {
        stated_zone: None,
        default_zone: default_zone.and_then(zones::resolve),
        reference_date,
    };
    parse(&lines, context).entries
}

/// What surrounds a timeline: a zone stated in its heading, the caller's
/// default zone, and a date the document is about.
#[derive(Debug, Clone, Default)]
pub(crate) struct Context {
    pub stated_zone: Option<Zone>,
    pub default_zone: Option<Zone>,
    pub reference_date: Option<Date>,
}

/// Everything a timeline section yielded, including what was not an entry.
#[derive(Debug, Default)]
pub(crate) struct TimelineParse<'a> {
    pub entries: Vec<ParsedEntry>,
    /// Lines that are not entries, in order and verbatim.
    pub leftover: Vec<&'a str>,
    /// The zone names used, for the import report.
    pub zones: Vec<String>,
    pub assumed_utc: usize,
    pub rollovers: usize,
    pub warnings: Vec<String>,
}

/// Where the current date comes from; a stronger source is not overridden
/// by a weaker one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum DateSource {
    Reference,
    Entry,
    Stated,
}

#[derive(Debug)]
enum Shape {
    List { content_indent: usize },
    Heading,
    Plain,
}

#[derive(Debug)]
struct Building<'a> {
    line: usize,
    head: Head<'a>,
    shape: Shape,
    /// The original lines, kept in case the entry cannot be placed in time.
    raw: Vec<&'a str>,
    more: Vec<&'a str>,
    saw_blank: bool,
}

struct Parser<'a> {
    out: TimelineParse<'a>,
    zone: Option<Zone>,
    default_zone: Option<Zone>,
    date: Option<(Date, DateSource)>,
    last_time: Option<Time>,
    current: Option<Building<'a>>,
    /// The paragraph of non-entry lines read so far: a statement such as
    /// "all times are in UTC" may be wrapped over several lines.
    paragraph: String,
}

pub(crate) fn parse<'a>(lines: &[(usize, &'a str)], context: Context) -> TimelineParse<'a> {
    let mut p = Parser {
        out: TimelineParse::default(),
        zone: context.stated_zone,
        default_zone: context.default_zone,
        date: context.reference_date.map(|d| (d, DateSource::Reference)),
        last_time: None,
        current: None,
        paragraph: String::new(),
    };
    let mut fences = Fences::default();
    let mut i = 0;
    while i < lines.len() {
        let (number, line) = lines[i];
        if fences.is_code(line) {
            p.code_line(line);
            i += 1;
            continue;
        }
        if table::starts_table(lines, i) {
            p.finish();
            i = table::read(&mut p, lines, i);
            continue;
        }
        p.line(number, line);
        i += 1;
    }
    p.finish();
    p.out
}

impl<'a> Parser<'a> {
    fn year_hint(&self) -> Option<i16> {
        self.date.map(|(d, _)| d.year())
    }

    fn code_line(&mut self, line: &'a str) {
        match &mut self.current {
            Some(b) => {
                b.raw.push(line);
                b.more.push(line);
            }
            None => self.out.leftover.push(line),
        }
    }

    fn line(&mut self, number: usize, line: &'a str) {
        let statement_continues = self.current.is_none()
            && !is_blank(line)
            && heading(line).is_none()
            && list_item(line).is_none();
        if !statement_continues {
            self.paragraph.clear();
        }
        if let Some((_, text)) = heading(line) {
            self.finish();
            self.heading_line(number, line, text);
            return;
        }
        if is_blank(line) {
            match &mut self.current {
                Some(b) => {
                    b.saw_blank = true;
                    b.raw.push(line);
                    b.more.push(line);
                }
                None => self.out.leftover.push(line),
            }
            return;
        }
        if let Some(item) = list_item(line) {
            let nested = matches!(&self.current, Some(Building { shape: Shape::List { content_indent }, .. }) if item.indent >= *content_indent);
            if !nested && let Some(head) = entry_head(item.content, self.year_hint()) {
                self.finish();
                self.start(
                    number,
                    line,
                    head,
                    Shape::List {
                        content_indent: item.content_indent,
                    },
                );
                return;
            }
            if nested
                || matches!(
                    &self.current,
                    Some(Building {
                        shape: Shape::Heading,
                        ..
                    })
                )
            {
                self.continue_with(line);
                return;
            }
            self.finish();
            self.out.leftover.push(line);
            return;
        }
        let continues = match &self.current {
            Some(Building {
                shape: Shape::Heading,
                ..
            }) => true,
            Some(Building {
                shape: Shape::List { .. },
                saw_blank,
                ..
            }) => indentation(line) >= 2 || !saw_blank,
            Some(Building {
                shape: Shape::Plain,
                saw_blank,
                ..
            }) => !saw_blank && indentation(line) >= 2,
            None => false,
        };
        if continues {
            self.continue_with(line);
            return;
        }
        if let Some(head) = entry_head(line.trim(), self.year_hint())
            && head.time.is_some()
        {
            self.finish();
            self.start(number, line, head, Shape::Plain);
            return;
        }
        self.finish();
        self.statement(line);
    }

    fn heading_line(&mut self, number: usize, line: &'a str, text: &'a str) {
        if let Some(head) = entry_head(text, self.year_hint())
            && head.time.is_some()
        {
            self.start(number, line, head, Shape::Heading);
            return;
        }
        if let Some(zone) = zones::stated_in(text) {
            self.zone = Some(zone);
        }
        let dates = dates_in(text, self.year_hint());
        if let [date] = dates.as_slice() {
            self.set_date(*date, DateSource::Stated);
            if only_a_date(text) {
                return;
            }
        }
        self.out.leftover.push(line);
    }

    /// A line that is not an entry: it may state a zone or a date.
    fn statement(&mut self, line: &'a str) {
        // Statements are short: a long paragraph is prose, read a line at a time.
        const STATEMENT_MAX: usize = 600;
        if self.paragraph.len() + line.len() < STATEMENT_MAX {
            if !self.paragraph.is_empty() {
                self.paragraph.push(' ');
            }
            self.paragraph.push_str(line.trim());
        } else {
            self.paragraph.clear();
        }
        let sentence = if self.paragraph.is_empty() {
            line
        } else {
            self.paragraph.as_str()
        };
        if sentence.len() < STATEMENT_MAX
            && let Some(zone) = zones::stated_in(sentence)
        {
            self.zone = Some(zone);
        }
        let dates = dates_in(line, self.year_hint());
        if let [date] = dates.as_slice() {
            self.set_date(*date, DateSource::Stated);
            let t = line.trim();
            let bold_only = (t.starts_with("**") && t.ends_with("**"))
                || (t.starts_with("__") && t.ends_with("__"));
            if bold_only && only_a_date(t) {
                return;
            }
        }
        self.out.leftover.push(line);
    }

    fn set_date(&mut self, date: Date, source: DateSource) {
        if self.date.is_none_or(|(_, s)| source >= s) {
            self.date = Some((date, source));
            self.last_time = None;
        }
    }

    fn start(&mut self, number: usize, line: &'a str, head: Head<'a>, shape: Shape) {
        self.current = Some(Building {
            line: number,
            head,
            shape,
            raw: vec![line],
            more: Vec::new(),
            saw_blank: false,
        });
    }

    fn continue_with(&mut self, line: &'a str) {
        if let Some(b) = &mut self.current {
            b.raw.push(line);
            b.more.push(line);
        }
    }

    /// Places the entry being built in time, or keeps its lines as text.
    fn finish(&mut self) {
        let Some(b) = self.current.take() else { return };
        // Blank lines after an entry belong to whatever follows.
        let trailing_blank = b.raw.iter().rev().take_while(|l| is_blank(l)).count();
        let raw_end = b.raw.len() - trailing_blank;
        let Some(at) = self.place(&b) else {
            self.out.warnings.push(format!(
                "line {}: '{}' has a time but no date (no date heading above it and none in the document); \
                 it is kept as text",
                b.line,
                b.raw[0].trim()
            ));
            self.out.leftover.extend(&b.raw);
            return;
        };
        let content_indent = match b.shape {
            Shape::List { content_indent } => content_indent,
            _ => 0,
        };
        // Continuation lines lose the indentation they share, at least the item's.
        let common = b
            .more
            .iter()
            .filter(|l| !is_blank(l))
            .map(|l| indentation(l))
            .min()
            .unwrap_or(0)
            .max(content_indent);
        let mut text_lines: Vec<String> = Vec::new();
        let mut first = String::new();
        if b.head.bold {
            first.push_str("**");
        }
        first.push_str(b.head.rest);
        text_lines.push(first);
        text_lines.extend(b.more.iter().map(|l| dedent(l, common).to_string()));
        let refs: Vec<&str> = text_lines.iter().map(String::as_str).collect();
        let mut text = join_trimmed(&refs);
        if let Some(f) = b.head.footnote {
            text = if text.is_empty() {
                f.to_string()
            } else {
                format!("{text} {f}")
            };
        }
        if text.is_empty() {
            text = b.raw[0].trim().to_string();
        }
        self.out.entries.push(ParsedEntry {
            at: at.0,
            zone: at.1,
            text,
            actor: None,
            line: b.line,
        });
        self.out.leftover.extend(&b.raw[raw_end..]);
    }

    /// The instant of an entry and the zone name to keep with it.
    fn place(&mut self, b: &Building<'_>) -> Option<(Timestamp, Option<String>)> {
        self.place_head(b.head.date, b.head.time, b.head.zone.clone())
    }

    pub(crate) fn place_head(
        &mut self,
        date: Option<Date>,
        time: Option<Time>,
        zone: Option<Zone>,
    ) -> Option<(Timestamp, Option<String>)> {
        let time_of_day = time.unwrap_or(Time::midnight());
        let date = match date {
            Some(d) => {
                if self.date.is_none_or(|(_, s)| s <= DateSource::Entry) {
                    self.date = Some((d, DateSource::Entry));
                    self.last_time = Some(time_of_day);
                }
                d
            }
            None => {
                let (mut d, source) = self.date?;
                if let Some(last) = self.last_time
                    && last.duration_since(time_of_day).as_secs() >= 3 * 3600
                {
                    d = d.tomorrow().ok()?;
                    self.date = Some((d, source));
                    self.out.rollovers += 1;
                }
                self.last_time = Some(time_of_day);
                d
            }
        };
        let zone = zone
            .or_else(|| self.zone.clone())
            .or_else(|| self.default_zone.clone());
        let (tz, name) = match zone {
            Some(z) => (z.tz, Some(z.name)),
            None => {
                // A date alone is placed at midnight UTC; only times need a zone.
                if time.is_some() {
                    self.out.assumed_utc += 1;
                }
                (jiff::tz::TimeZone::UTC, None)
            }
        };
        if let Some(n) = &name
            && !self.out.zones.contains(n)
        {
            self.out.zones.push(n.clone());
        }
        let at = date
            .to_datetime(time_of_day)
            .to_zoned_datetime(tz)
            .ok()?
            .timestamp();
        Some((at, name))
    }
}

/// True when a heading or bold line says nothing but a date ("2020-02-20",
/// "2025-07-26 Saturday", "Date: 2023-11-22").
fn only_a_date(text: &str) -> bool {
    const FILLER: &[&str] = &[
        "date",
        "day",
        "on",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "utc",
    ];
    let without_digits: String = text.chars().filter(|c| !c.is_ascii_digit()).collect();
    let without_months = when::strip_month_names(&without_digits);
    without_months
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| {
            FILLER.contains(&w.to_ascii_lowercase().as_str())
                || matches!(w, "st" | "nd" | "rd" | "th")
        })
}
