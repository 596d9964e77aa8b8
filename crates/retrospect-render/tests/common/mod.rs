//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod samples;

use std::path::PathBuf;

use retrospect_render::{Rect, Segment, TextBox};

/// Compares `actual` with the golden file `tests/snapshots/<name>`. Run with
/// `UPDATE_SNAPSHOTS=1` to (re)write the golden files after a deliberate change.
pub fn assert_snapshot(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().expect("snapshot dir")).expect("create snapshot dir");
        std::fs::write(&path, actual).expect("write snapshot");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "snapshot {} missing ({e}); run with UPDATE_SNAPSHOTS=1",
            path.display()
        )
    });
    if expected != actual {
        let first_diff = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
        panic!(
            "snapshot {name} differs at line {}:\n expected: {:?}\n   actual: {:?}\nrun with UPDATE_SNAPSHOTS=1 if the change is intended",
            first_diff + 1,
            expected.lines().nth(first_diff),
            actual.lines().nth(first_diff)
        );
    }
}

/// Panics with both boxes when any two overlap (with `gap` pixels of air required).
pub fn assert_no_overlaps(boxes: &[&TextBox], gap: f64) {
    for (i, a) in boxes.iter().enumerate() {
        for b in &boxes[i + 1..] {
            assert!(
                !a.rect
                    .inflate(gap / 2.0)
                    .overlaps(&b.rect.inflate(gap / 2.0)),
                "boxes overlap:\n {:?} {:?}\n {:?} {:?}",
                a.rect,
                a.full_text,
                b.rect,
                b.full_text
            );
        }
    }
}

/// Panics when a line passes through a box.
pub fn assert_lines_clear_boxes(segments: &[Segment], boxes: &[&TextBox]) {
    for s in segments {
        for b in boxes {
            assert!(
                !s.crosses(&b.rect),
                "line {s:?} crosses box {:?} {:?}",
                b.rect,
                b.full_text
            );
        }
    }
}

/// Every line of text fits inside its box, and every box inside the canvas.
pub fn assert_text_fits(boxes: &[&TextBox], width: f64, height: f64) {
    let canvas = Rect::new(0.0, 0.0, width, height);
    for b in boxes {
        assert!(
            canvas.contains(&b.rect),
            "box {:?} outside the {width}x{height} canvas",
            b.rect
        );
        for line in &b.lines {
            let w = line.font.width(&line.text);
            assert!(
                w <= b.rect.width - 2.0 * 7.0 + 0.5,
                "line {:?} ({w}px) wider than its box {:?}",
                line.text,
                b.rect
            );
            assert!(line.font.size >= 12.0, "font below 12px");
        }
    }
}

/// Parses an SVG or XHTML fragment and panics when it is not well-formed XML.
pub fn parse_xml(text: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("not well-formed XML: {e}"))
}

/// Strings that must come out inert wherever they are put.
pub const HOSTILE: &[&str] = &[
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "' onmouseover='alert(1)",
    "</title><script>alert(2)</script>",
    "]]><svg onload=alert(3)>",
    "\u{1b}[31mred\u{0}nul",
];

/// One start tag: its name and attributes (name, value).
#[derive(Debug)]
pub struct Tag {
    pub name: String,
    pub attrs: Vec<(String, String)>,
}

/// A small scanner for the HTML we emit: every `<` in our output starts a tag,
/// because all text is escaped. Comments, the doctype and end tags are skipped.
pub fn start_tags(html: &str) -> Vec<Tag> {
    let bytes = html.as_bytes();
    let mut tags = Vec::new();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        i += off + 1;
        if html[i..].starts_with("!--") {
            i += html[i..].find("-->").expect("closed comment");
            continue;
        }
        if html[i..].starts_with('!') || html[i..].starts_with('/') {
            continue;
        }
        let name_len = html[i..]
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .expect("tag end");
        let name = html[i..i + name_len].to_ascii_lowercase();
        i += name_len;
        let mut attrs = Vec::new();
        loop {
            while bytes[i].is_ascii_whitespace() || bytes[i] == b'/' {
                i += 1;
            }
            if bytes[i] == b'>' {
                i += 1;
                break;
            }
            let n = html[i..]
                .find(|c: char| c == '=' || c == '>' || c.is_whitespace())
                .expect("attr end");
            let attr = html[i..i + n].to_ascii_lowercase();
            i += n;
            let mut value = String::new();
            if bytes[i] == b'=' {
                i += 1;
                let quote = bytes[i];
                assert!(quote == b'"', "unquoted attribute {attr} in <{name}>");
                let end = html[i + 1..].find('"').expect("closing quote");
                value = html[i + 1..i + 1 + end].to_string();
                i += end + 2;
            }
            attrs.push((attr, value));
        }
        tags.push(Tag { name, attrs });
    }
    tags
}

const ALLOWED: &[&str] = &[
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "a",
    "header",
    "nav",
    "main",
    "footer",
    "section",
    "article",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "dl",
    "dt",
    "dd",
    "ul",
    "ol",
    "li",
    "table",
    "caption",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "span",
    "div",
    "figure",
    "figcaption",
    "br",
    "em",
    "strong",
    "code",
    "pre",
    "blockquote",
    "del",
    "hr",
    "svg",
    "desc",
    "g",
    "rect",
    "line",
    "text",
    "circle",
    "polygon",
];

/// Panics when the document holds anything that could run: unknown elements,
/// event attributes, or script URLs.
pub fn assert_inert(html: &str) {
    for tag in start_tags(html) {
        assert!(
            ALLOWED.contains(&tag.name.as_str()),
            "unexpected element <{}>",
            tag.name
        );
        for (name, value) in &tag.attrs {
            assert!(
                !name.starts_with("on"),
                "event attribute {name} on <{}>",
                tag.name
            );
            let v = value.trim().to_ascii_lowercase();
            assert!(
                !v.starts_with("javascript:") && !v.starts_with("data:"),
                "{name}={value}"
            );
        }
    }
    assert!(!html.to_ascii_lowercase().contains("<script"));
}

pub fn attr<'a>(tag: &'a Tag, name: &str) -> Option<&'a str> {
    tag.attrs
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}
