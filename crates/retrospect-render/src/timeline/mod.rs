//! The timeline picture: a lane per source, entries as marks placed by time,
//! key moments as labelled vertical lines, a UTC time axis.

mod axis;
mod lanes;
mod layout;
mod rows;

pub use axis::Tick;
pub(crate) use lanes::lane_of;
pub use layout::{
    EntryLabel, Lane, LegendSymbol, MAX_LABELS, Mark, MomentLine, TimelineLayout, timeline_layout,
};

use retrospect_domain::{MomentKind, PostMortem};

use crate::geometry::Segment;
use crate::svg::{BoxStyle, SvgWriter, num};
use crate::text_measure::Font;
use crate::time_fmt::{utc_datetime, utc_time};

const MARK: &str = "#1e3a8a";
const GRID: &str = "#e2e8f0";
const AXIS: &str = "#334155";
const LANE_FILLS: [&str; 2] = ["#f8fafc", "#eef2f7"];
const LABEL: BoxStyle = BoxStyle {
    fill: "#ffffff",
    stroke: "#cbd5e1",
    text: "#0f172a",
};
const PLAIN: BoxStyle = BoxStyle {
    fill: "#ffffff",
    stroke: "#ffffff",
    text: "#1e293b",
};
const LANE_LABEL: BoxStyle = BoxStyle {
    fill: "none",
    stroke: "none",
    text: "#0f172a",
};
const HEADER: BoxStyle = BoxStyle {
    fill: "#ffffff",
    stroke: "#ffffff",
    text: "#0f172a",
};

/// The colour of a key moment; each has at least 4.5:1 contrast on white.
pub(crate) fn moment_color(kind: &MomentKind) -> &'static str {
    match kind {
        MomentKind::Started => "#b91c1c",
        MomentKind::Detected => "#b45309",
        MomentKind::Mitigated => "#0e7490",
        MomentKind::Resolved => "#15803d",
        MomentKind::Custom(_) => "#6d28d9",
    }
}

/// The timeline as a standalone SVG document.
pub fn timeline_svg(pm: &PostMortem) -> String {
    let layout = timeline_layout(pm);
    let title = format!(
        "Timeline of \u{201c}{}\u{201d}",
        crate::fishbone::problem_text(pm)
    );
    let mut svg = SvgWriter::new(
        layout.width,
        layout.height,
        &format!("timeline-{}", pm.id),
        &title,
        &description(pm, &layout),
    );
    svg.text_box(&layout.header, HEADER, "summary");
    if layout.lanes.is_empty() && layout.moments.is_empty() {
        return svg.finish();
    }
    let plot = layout.plot;
    for (i, lane) in layout.lanes.iter().enumerate() {
        let mut band = lane.band;
        band.x = lane.label.rect.x - 6.0;
        band.width = plot.right() - band.x;
        svg.rect(&band, LANE_FILLS[i % 2], None, 0.0);
    }
    for t in &layout.ticks {
        svg.line(
            &Segment::new(t.x, plot.y, t.x, plot.bottom()),
            GRID,
            1.0,
            None,
        );
        svg.line(
            &Segment::new(t.x, plot.bottom(), t.x, plot.bottom() + 5.0),
            AXIS,
            1.0,
            None,
        );
    }
    svg.line(
        &Segment::new(plot.x, plot.bottom(), plot.right(), plot.bottom()),
        AXIS,
        1.0,
        None,
    );
    for m in &layout.moments {
        let color = moment_color(&m.kind);
        svg.group_with_tooltip(
            "moment",
            &format!("{}: {}", m.kind.name(), utc_datetime(m.at)),
        );
        svg.line(&m.line, color, 2.0, Some("6 3"));
        svg.text_box(
            &m.label,
            BoxStyle {
                fill: "#ffffff",
                stroke: color,
                text: color,
            },
            "moment-label",
        );
        svg.end_group();
    }
    for lane in &layout.lanes {
        svg.text_box(&lane.label, LANE_LABEL, "lane");
        for l in &lane.labels {
            svg.line(&l.leader, "#94a3b8", 1.0, None);
            svg.text_box(&l.text, LABEL, "entry-label");
        }
        for m in &lane.marks {
            draw_mark(&mut svg, m, pm);
        }
    }
    for b in &layout.axis_labels {
        svg.text_box(b, PLAIN, "axis");
    }
    for (symbol, r, text) in &layout.legend {
        let (cx, cy) = (r.x + r.width / 2.0, r.y + r.height / 2.0);
        match symbol {
            LegendSymbol::Accepted => svg.raw(&circle(cx, cy, 5.5, MARK, MARK, None)),
            LegendSymbol::Proposed => svg.raw(&circle(cx, cy, 5.5, "#ffffff", MARK, Some("3 2"))),
            LegendSymbol::Cluster => {
                svg.raw(&circle(cx, cy, 9.0, MARK, MARK, None));
                svg.text(cx, cy + 4.0, "3", Font::bold(12.0), "#ffffff", "middle");
            }
            LegendSymbol::Moment => svg.line(
                &Segment::new(cx, r.y, cx, r.bottom()),
                "#b91c1c",
                2.0,
                Some("6 3"),
            ),
        }
        svg.text_box(text, PLAIN, "legend");
    }
    svg.finish()
}

fn circle(cx: f64, cy: f64, r: f64, fill: &str, stroke: &str, dash: Option<&str>) -> String {
    let dash = dash
        .map(|d| format!(r#" stroke-dasharray="{d}""#))
        .unwrap_or_default();
    format!(
        "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"2\"{dash}/>\n",
        num(cx),
        num(cy),
        num(r)
    )
}

fn draw_mark(svg: &mut SvgWriter, m: &Mark, pm: &PostMortem) {
    let n = m.entries.len();
    let all_proposed = m.proposed == n;
    let tooltip = mark_tooltip(m, pm);
    svg.group_with_tooltip(if n == 1 { "entry" } else { "cluster" }, &tooltip);
    if all_proposed {
        svg.raw(&circle(m.x, m.y, m.radius, "#ffffff", MARK, Some("3 2")));
    } else {
        svg.raw(&circle(m.x, m.y, m.radius, MARK, MARK, None));
    }
    if n > 1 {
        let count = if n >= 1000 {
            format!("{}k", n / 1000)
        } else {
            n.to_string()
        };
        let color = if all_proposed { MARK } else { "#ffffff" };
        svg.text(m.x, m.y + 4.2, &count, Font::bold(12.0), color, "middle");
    }
    svg.end_group();
}

/// The tooltip of a mark: the entry itself, or a cluster's range and first entries.
fn mark_tooltip(m: &Mark, pm: &PostMortem) -> String {
    let entry = |id| pm.timeline.iter().find(|t| t.id == id);
    if let [only] = m.entries.as_slice() {
        return entry(*only)
            .map(|e| layout::entry_tooltip(e, pm))
            .unwrap_or_default();
    }
    let mut t = format!(
        "{} entries, {} to {}",
        m.entries.len(),
        utc_datetime(m.first),
        utc_datetime(m.last)
    );
    if m.proposed > 0 {
        t.push_str(&format!(" ({} proposed)", m.proposed));
    }
    const SHOWN: usize = 8;
    for id in m.entries.iter().take(SHOWN) {
        if let Some(e) = entry(*id) {
            let text: String = e.text.chars().take(90).collect();
            t.push_str(&format!(
                "\nT{} {} {}",
                e.id,
                utc_time(e.at),
                crate::escape::collapse_whitespace(&text)
            ));
        }
    }
    if m.entries.len() > SHOWN {
        t.push_str(&format!("\n\u{2026} and {} more", m.entries.len() - SHOWN));
    }
    t
}

/// A text equivalent for screen readers: the range, the key moments, the lanes.
fn description(pm: &PostMortem, layout: &TimelineLayout) -> String {
    let mut d = layout.header.full_text.clone();
    if !layout.moments.is_empty() {
        let ms: Vec<String> = layout
            .moments
            .iter()
            .map(|m| format!("{} at {}", m.kind.name(), utc_datetime(m.at)))
            .collect();
        d.push_str(&format!(". Key moments: {}", ms.join("; ")));
    }
    if !layout.lanes.is_empty() {
        let ls: Vec<String> = layout
            .lanes
            .iter()
            .map(|l| format!("{} ({})", l.name, l.entry_count))
            .collect();
        d.push_str(&format!(". Sources: {}", ls.join(", ")));
    }
    let durations = pm.durations();
    let parts: Vec<String> = [
        ("time to detect", durations.time_to_detect_seconds),
        ("time to mitigate", durations.time_to_mitigate_seconds),
        ("time to resolve", durations.time_to_resolve_seconds),
    ]
    .iter()
    .filter_map(|(name, s)| s.map(|s| format!("{name} {}", retrospect_domain::human_duration(s))))
    .collect();
    if !parts.is_empty() {
        d.push_str(&format!(". {}", parts.join(", ")));
    }
    d.push('.');
    d
}
