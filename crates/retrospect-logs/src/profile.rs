//! What we learn about a file from its first lines, and how one line is
//! taken apart with it: timestamp, level, message.

use serde::Serialize;

use crate::header::{self, HeaderRule, Level};
use crate::time::{self, Format, Found, Recent};

/// How many lines the detectors look at.
pub const SAMPLE_LINES: usize = 400;

/// The learned layout of one file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Profile {
    /// `None` when the sample had no timestamps at all.
    pub time: Option<Format>,
    pub header: HeaderRule,
}

/// One line taken apart.
#[derive(Clone, Copy, Debug)]
pub struct LineView<'a> {
    pub found: Option<Found>,
    pub level: Option<Level>,
    pub msg: &'a [u8],
}

/// JSON keys that hold the message and the level.
const MSG_KEYS: [&[u8]; 5] = [
    b"\"msg\"",
    b"\"message\"",
    b"\"log\"",
    b"\"MESSAGE\"",
    b"\"text\"",
];
const LEVEL_KEYS: [&[u8]; 4] = [b"\"level\"", b"\"severity\"", b"\"lvl\"", b"\"levelname\""];

/// A JSON string value at `v` (just after the opening quote), escapes kept.
fn json_string(line: &[u8], v: usize) -> Option<&[u8]> {
    if line.get(v) != Some(&b'"') {
        return None;
    }
    let body = &line[v + 1..];
    let mut i = 0;
    while i < body.len() {
        match body[i] {
            b'\\' => i += 2,
            b'"' => return Some(&body[..i]),
            _ => i += 1,
        }
    }
    Some(body)
}

impl Profile {
    /// Learns timestamp and header layout from sample lines.
    pub fn learn(sample: &[&[u8]]) -> Profile {
        let time = time::detect(sample.iter().copied());
        let rests: Vec<&[u8]> = match time {
            Some(fmt) if fmt.kind != time::Kind::Json => sample
                .iter()
                .filter_map(|l| time::find(l, fmt).map(|f| &l[f.end..]))
                .collect(),
            Some(_) => Vec::new(),
            None => sample.to_vec(),
        };
        Profile {
            time,
            header: header::learn(rests),
        }
    }

    /// Takes one line apart.
    pub fn view<'a>(&self, line: &'a [u8]) -> LineView<'a> {
        self.view_with(line, &mut Recent::default())
    }

    /// [`Profile::view`] for a run of lines of one chunk, remembering the
    /// layout of lines that do not fit the learned one.
    #[inline]
    pub fn view_with<'a>(&self, line: &'a [u8], recent: &mut Recent) -> LineView<'a> {
        let found = self.time.and_then(|f| time::find_with(line, f, recent));
        if self.time.is_some_and(|f| f.kind == time::Kind::Json) {
            return json_view(line, found);
        }
        let rest = match found {
            Some(f) => &line[f.end..],
            None => line,
        };
        let split = header::split(&self.header, rest);
        LineView {
            found,
            level: split.level,
            msg: &rest[split.msg_start..],
        }
    }
}

fn json_view(line: &[u8], found: Option<Found>) -> LineView<'_> {
    let pick = |keys: &[&[u8]]| {
        keys.iter().find_map(|k| {
            let v = time::json_value_start(line, k)?;
            json_string(line, v)
        })
    };
    let mut msg = pick(&MSG_KEYS).unwrap_or(line);
    // docker json-file keeps the newline inside the value.
    if let Some(m) = msg.strip_suffix(b"\\n") {
        msg = m;
    }
    LineView {
        found,
        level: pick(&LEVEL_KEYS).and_then(Level::parse),
        msg,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn views_json_and_text() {
        let j: &[u8] =
            br#"{"log":"GET /x 200\n","stream":"stdout","time":"2024-01-02T03:04:05.5Z"}"#;
        let p = Profile::learn(&[j]);
        let v = p.view(j);
        assert_eq!(v.msg, b"GET /x 200");
        assert!(v.found.is_some());
        let t: &[u8] = b"2015-10-18 18:01:47,978 INFO [main] org.Foo: Created MRAppMaster";
        let p = Profile::learn(&[t]);
        let v = p.view(t);
        assert_eq!(v.msg, b"Created MRAppMaster");
        assert_eq!(v.level, Some(Level::Info));
    }
}
