//! Proposed timeline entries on synthetic logs written by the test: a new
//! pattern inside the incident window, a burst of warnings, a silence and a
//! source that stops, each checked with the exact lines it links to.

use std::fmt::Write as _;
use std::path::PathBuf;

use retrospect_logs::{Options, ProposalKind, Timestamp, Window, analyze_file};

fn ts(s: &str) -> Timestamp {
    Timestamp::parse_rfc3339(s).unwrap()
}

/// Seconds since 2024-03-05T00:00:00Z as RFC 3339.
fn at(secs: i64) -> String {
    Timestamp::from_secs(ts("2024-03-05T00:00:00Z").secs() + secs).to_string()
}

fn hms(h: i64, m: i64, s: i64) -> i64 {
    h * 3600 + m * 60 + s
}

/// A log being written line by line, remembering line numbers.
#[derive(Default)]
struct Log {
    text: String,
    lines: u64,
}

impl Log {
    fn line(&mut self, secs: i64, level: &str, msg: &str) -> u64 {
        writeln!(self.text, "{} {level} [main] svc.Worker: {msg}", at(secs)).unwrap();
        self.lines += 1;
        self.lines
    }

    fn save(&self, name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("retrospect-logs-proposals-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join(name);
        std::fs::write(&p, &self.text).unwrap();
        p
    }
}

fn window(from: i64, to: i64) -> Options {
    Options {
        window: Some(Window {
            start: ts(&at(from)),
            end: ts(&at(to)),
        }),
        ..Options::default()
    }
}

#[test]
fn new_pattern_burst_and_silence_link_their_lines() {
    let mut log = Log::default();
    let (mut new_line, mut first_burst_line) = (0, 0);
    let (mut last_before_gap, mut first_after_gap) = (0, 0);
    // A heartbeat every 10 s from 10:00 to 12:00, silent 11:20-11:30.
    for k in 0..(2 * 360) {
        let t = hms(10, 0, 0) + k * 10;
        if (hms(11, 20, 0)..hms(11, 30, 0)).contains(&t) {
            continue;
        }
        let l = log.line(t, "INFO", &format!("heartbeat ok queue={}", k % 7));
        if t == hms(11, 19, 50) {
            last_before_gap = l;
        }
        if t == hms(11, 30, 0) {
            first_after_gap = l;
        }
        // Two slow queries before the window: a known pattern, low rate.
        if t == hms(10, 15, 0) || t == hms(10, 45, 0) {
            log.line(t + 1, "WARN", &format!("slow query took {} ms", 100 + k));
        }
        // A first-ever error inside the window.
        if t == hms(11, 5, 20) {
            new_line = log.line(t + 5, "ERROR", "connection refused by db-primary:5432");
        }
        // A burst: twenty slow queries in the minute 11:10.
        if (hms(11, 10, 0)..hms(11, 11, 0)).contains(&t) {
            for q in 0..4 {
                let l = log.line(
                    t + 1 + q,
                    "WARN",
                    &format!("slow query took {} ms", 900 + q),
                );
                if first_burst_line == 0 {
                    first_burst_line = l;
                }
            }
        }
        // A first-ever error after the window: not proposed.
        if t == hms(11, 50, 0) {
            log.line(t + 1, "ERROR", "disk quota exceeded on /var/data");
        }
    }
    let path = log.save("service.log");
    let opts = window(hms(11, 0, 0), hms(11, 40, 0));
    let a = analyze_file(&path, &opts, &mut |_| {}).unwrap();
    assert_eq!(a.lines, log.lines);
    let kinds: Vec<ProposalKind> = a.proposals.iter().map(|p| p.kind).collect();
    assert_eq!(
        kinds,
        [
            ProposalKind::NewPattern,
            ProposalKind::Burst,
            ProposalKind::Silence
        ],
        "{:#?}",
        a.proposals
    );
    let (new, burst, silence) = (&a.proposals[0], &a.proposals[1], &a.proposals[2]);

    assert_eq!(new.at, ts(&at(hms(11, 5, 25))));
    assert_eq!(new.lines.len(), 1);
    assert_eq!((new.lines[0].line, &new.lines[0].path), (new_line, &path));
    let tpl = &a.templates[new.template_id.unwrap() as usize];
    assert_eq!(tpl.template, "connection refused by db-primary:<*>");
    assert_eq!(tpl.first_line, new_line);
    assert!(new.summary.contains("connection refused by db-primary:<*>"));

    assert_eq!(burst.at, ts(&at(hms(11, 10, 0))));
    assert_eq!(burst.until, Some(ts(&at(hms(11, 11, 0)))));
    assert_eq!(burst.lines[0].line, first_burst_line);
    assert!(
        burst
            .summary
            .starts_with("24 warnings or errors in 1 minute"),
        "{}",
        burst.summary
    );

    assert_eq!(silence.at, ts(&at(hms(11, 20, 0))));
    assert_eq!(silence.until, Some(ts(&at(hms(11, 30, 0)))));
    let linked: Vec<u64> = silence.lines.iter().map(|l| l.line).collect();
    assert_eq!(linked, [last_before_gap, first_after_gap]);
    assert!(silence.summary.contains("went quiet for 10 minutes"));
}

#[test]
fn a_source_that_stops_inside_the_window() {
    let mut log = Log::default();
    let mut last = 0;
    for k in 0..(6 * 95) {
        last = log.line(hms(10, 0, 0) + k * 10, "INFO", &format!("polled {k} items"));
    }
    // Last line at 11:34:50; the window runs to 11:45.
    let path = log.save("poller.log");
    let a = analyze_file(&path, &window(hms(11, 0, 0), hms(11, 45, 0)), &mut |_| {}).unwrap();
    assert_eq!(a.proposals.len(), 1, "{:#?}", a.proposals);
    let p = &a.proposals[0];
    assert_eq!(p.kind, ProposalKind::Silence);
    assert_eq!(p.at, ts(&at(hms(11, 35, 0))));
    assert_eq!(p.until, None);
    assert_eq!(p.lines.len(), 1);
    assert_eq!(p.lines[0].line, last);
    assert!(p.summary.contains("stopped logging"));
}

#[test]
fn no_window_no_proposals_and_quiet_logs_propose_nothing() {
    let mut log = Log::default();
    for k in 0..600 {
        log.line(hms(10, 0, 0) + k * 10, "INFO", &format!("polled {k} items"));
    }
    let path = log.save("quiet.log");
    let a = analyze_file(&path, &Options::default(), &mut |_| {}).unwrap();
    assert!(a.proposals.is_empty());
    let a = analyze_file(&path, &window(hms(10, 30, 0), hms(11, 0, 0)), &mut |_| {}).unwrap();
    assert!(a.proposals.is_empty(), "{:#?}", a.proposals);
}
