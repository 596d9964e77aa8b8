//! A small SVG writer: every piece of text goes through `escape_xml`, numbers
//! are written with one decimal so snapshots are stable.

use std::fmt::Write;

use crate::escape::escape_xml;
use crate::geometry::{Rect, Segment};
use crate::text_measure::{FONT_FAMILY, Font, wrap};

/// Padding inside text boxes.
pub const PAD_X: f64 = 7.0;
pub const PAD_Y: f64 = 5.0;

/// How a box's lines sit horizontally.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
}

/// One line of text in a box, with its font.
#[derive(Debug, Clone, PartialEq)]
pub struct TextLine {
    pub text: String,
    pub font: Font,
}

/// A framed block of wrapped text: the unit the overlap tests reason about.
#[derive(Debug, Clone, PartialEq)]
pub struct TextBox {
    pub rect: Rect,
    pub lines: Vec<TextLine>,
    pub align: Align,
    /// The whole text, shown as a tooltip when the lines had to cut it short.
    pub full_text: String,
    pub truncated: bool,
}

impl TextBox {
    /// A box at the origin holding `text` wrapped to `width` pixels and at most
    /// `max_lines` lines; `full_text` keeps the whole text for the tooltip.
    pub fn wrapped(text: &str, font: Font, width: f64, max_lines: usize, align: Align) -> TextBox {
        Self::with_header(None, text, font, width, max_lines, align)
    }

    /// Like `wrapped`, with a first line in another font (an id, a category).
    pub fn with_header(
        header: Option<(&str, Font)>,
        text: &str,
        font: Font,
        width: f64,
        max_lines: usize,
        align: Align,
    ) -> TextBox {
        let mut lines = Vec::new();
        if let Some((h, hf)) = header {
            let w = wrap(h, hf, width, max_lines.min(2));
            lines.extend(w.lines.into_iter().map(|text| TextLine { text, font: hf }));
        }
        let w = wrap(text, font, width, max_lines);
        let truncated = w.truncated;
        lines.extend(w.lines.into_iter().map(|text| TextLine { text, font }));
        if lines.is_empty() {
            lines.push(TextLine {
                text: "\u{2014}".into(),
                font,
            });
        }
        let (bw, bh) = Self::size_for(&lines);
        let full_text = match header {
            Some((h, _)) => format!("{h}: {text}"),
            None => text.to_string(),
        };
        TextBox {
            rect: Rect::new(0.0, 0.0, bw, bh),
            lines,
            align,
            full_text,
            truncated,
        }
    }

    /// The size a box needs for these lines, padding included.
    pub fn size_for(lines: &[TextLine]) -> (f64, f64) {
        let width = lines
            .iter()
            .map(|l| l.font.width(&l.text))
            .fold(0.0, f64::max);
        let height: f64 = lines.iter().map(|l| l.font.line_height()).sum();
        ((width + 2.0 * PAD_X).ceil(), (height + 2.0 * PAD_Y).ceil())
    }
}

/// Formats a coordinate with at most one decimal ("12", "12.5").
pub fn num(v: f64) -> String {
    let rounded = (v * 10.0).round() / 10.0;
    if rounded == rounded.trunc() {
        format!("{}", rounded as i64)
    } else {
        format!("{rounded:.1}")
    }
}

/// Colours and stroke for drawing a text box.
#[derive(Debug, Clone, Copy)]
pub struct BoxStyle {
    pub fill: &'static str,
    pub stroke: &'static str,
    pub text: &'static str,
}

pub struct SvgWriter {
    out: String,
}

impl SvgWriter {
    /// Starts an SVG document that screen readers announce as one image with
    /// a title and a longer description.
    pub fn new(width: f64, height: f64, id: &str, title: &str, desc: &str) -> Self {
        let mut out = String::with_capacity(16 * 1024);
        let id = escape_xml(id);
        let _ = write!(
            out,
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" aria-labelledby="{id}-title {id}-desc" font-family="{FONT_FAMILY}">"#,
            w = num(width),
            h = num(height),
        );
        let _ = write!(
            out,
            "\n<title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>\n",
            escape_xml(title),
            escape_xml(desc)
        );
        let _ = writeln!(
            out,
            r##"<rect x="0" y="0" width="{}" height="{}" fill="#ffffff"/>"##,
            num(width),
            num(height)
        );
        Self { out }
    }

    pub fn finish(mut self) -> String {
        self.out.push_str("</svg>\n");
        self.out
    }

    pub fn raw(&mut self, markup: &str) {
        self.out.push_str(markup);
    }

    pub fn line(&mut self, s: &Segment, stroke: &str, width: f64, dash: Option<&str>) {
        let dash = dash
            .map(|d| format!(r#" stroke-dasharray="{d}""#))
            .unwrap_or_default();
        let _ = writeln!(
            self.out,
            r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{stroke}" stroke-width="{}"{dash}/>"#,
            num(s.x1),
            num(s.y1),
            num(s.x2),
            num(s.y2),
            num(width)
        );
    }

    pub fn rect(&mut self, r: &Rect, fill: &str, stroke: Option<&str>, radius: f64) {
        let stroke = stroke
            .map(|s| format!(r#" stroke="{s}" stroke-width="1""#))
            .unwrap_or_default();
        let _ = writeln!(
            self.out,
            r#"<rect x="{}" y="{}" width="{}" height="{}" rx="{}" fill="{fill}"{stroke}/>"#,
            num(r.x),
            num(r.y),
            num(r.width),
            num(r.height),
            num(radius)
        );
    }

    /// One line of text; `anchor` is "start", "middle" or "end".
    pub fn text(&mut self, x: f64, y: f64, text: &str, font: Font, fill: &str, anchor: &str) {
        let weight = if font.bold {
            r#" font-weight="bold""#
        } else {
            ""
        };
        let _ = writeln!(
            self.out,
            r#"<text x="{}" y="{}" font-size="{}"{weight} fill="{fill}" text-anchor="{anchor}">{}</text>"#,
            num(x),
            num(y),
            num(font.size),
            escape_xml(text)
        );
    }

    /// Opens a group carrying a tooltip; close it with `end_group`.
    pub fn group_with_tooltip(&mut self, class: &str, tooltip: &str) {
        let _ = writeln!(
            self.out,
            "<g class=\"{}\"><title>{}</title>",
            escape_xml(class),
            escape_xml(tooltip)
        );
    }

    pub fn end_group(&mut self) {
        self.out.push_str("</g>\n");
    }

    /// A framed text box with its full text as a tooltip.
    pub fn text_box(&mut self, b: &TextBox, style: BoxStyle, class: &str) {
        self.group_with_tooltip(class, &b.full_text);
        self.rect(&b.rect, style.fill, Some(style.stroke), 4.0);
        let mut y = b.rect.y + PAD_Y;
        for line in &b.lines {
            let lh = line.font.line_height();
            // The baseline sits about 0.95 em below the top of a line box.
            let baseline = y + (lh - line.font.size) / 2.0 + line.font.size * 0.92;
            let (x, anchor) = match b.align {
                Align::Left => (b.rect.x + PAD_X, "start"),
                Align::Center => (b.rect.x + b.rect.width / 2.0, "middle"),
            };
            self.text(x, baseline, &line.text, line.font, style.text, anchor);
            y += lh;
        }
        self.end_group();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_stable() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.04), "12");
        assert_eq!(num(12.25), "12.3");
        assert_eq!(num(-3.5), "-3.5");
    }
}
