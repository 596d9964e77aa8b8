//! Timestamps in JSON lines (docker json-file, bunyan, logstash, zap, ...).
//!
//! We do not parse the whole object: a byte search for a known key is an
//! order of magnitude faster and tolerant of truncated or invalid lines.

use memchr::memmem;

use super::Found;
use super::formats::{self, Raw};

/// Keys that conventionally hold the event time, most specific first.
const TIME_KEYS: [&[u8]; 10] = [
    b"\"@timestamp\"",
    b"\"timestamp\"",
    b"\"time\"",
    b"\"ts\"",
    b"\"datetime\"",
    b"\"date\"",
    b"\"asctime\"",
    b"\"eventTime\"",
    b"\"time_local\"",
    b"\"t\"",
];

pub fn looks_like_json(line: &[u8]) -> bool {
    line.iter().find(|c| !c.is_ascii_whitespace()) == Some(&b'{')
}

/// Position just after `"key"\s*:\s*` in `line`.
pub fn value_start(line: &[u8], key: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = memmem::find(&line[from..], key) {
        let mut j = from + i + key.len();
        while line.get(j).is_some_and(u8::is_ascii_whitespace) {
            j += 1;
        }
        if line.get(j) == Some(&b':') {
            j += 1;
            while line.get(j).is_some_and(u8::is_ascii_whitespace) {
                j += 1;
            }
            return Some(j);
        }
        from += i + 1;
    }
    None
}

pub fn find(line: &[u8]) -> Option<Found> {
    if !looks_like_json(line) {
        return None;
    }
    for key in TIME_KEYS {
        let Some(v) = value_start(line, key) else {
            continue;
        };
        let hit = if line.get(v) == Some(&b'"') {
            text_value(&line[v + 1..]).map(|(raw, len)| (raw, v + 1, v + 1 + len))
        } else {
            number_value(&line[v..]).map(|(raw, len)| (raw, v, v + len))
        };
        if let Some((raw, start, end)) = hit {
            return Some(Found { raw, start, end });
        }
    }
    None
}

fn text_value(b: &[u8]) -> Option<(Raw, usize)> {
    formats::iso(b)
        .or_else(|| formats::syslog(b))
        .or_else(|| formats::day_month_name(b))
        .or_else(|| formats::slashed(b))
        .or_else(|| formats::epoch(b))
}

/// Epoch numbers, including float seconds such as `1704164645.123`.
fn number_value(b: &[u8]) -> Option<(Raw, usize)> {
    formats::epoch(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_common_keys() {
        let l = br#"{"level":"info","ts":1704164645.5,"msg":"hi"}"#;
        let f = find(l).unwrap();
        assert_eq!(f.raw.absolute, Some(1_704_164_645_500_000));
        let l = br#"{"@timestamp": "2024-01-02T03:04:05Z", "message":"x"}"#;
        assert_eq!(find(l).unwrap().raw.hour, 3);
        assert!(find(br#"{"msg":"no time"}"#).is_none());
        assert!(find(b"plain").is_none());
    }
}
