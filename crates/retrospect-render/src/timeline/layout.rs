//! Where everything in the timeline goes: lanes stacked top to bottom, time
//! left to right, key moments as vertical lines with their labels above the
//! lanes, a bounded number of entry labels placed in rows under their marks.

use retrospect_domain::{
    EntryState, KeyMoment, LocalId, MomentKind, PostMortem, TimelineEntry, Timestamp,
};

use super::axis::{Tick, TimeScale, ticks};
use super::lanes::{Cluster, cluster, drawable, group_lanes};
use super::rows::RowPlacer;
use crate::geometry::{Rect, Segment};
use crate::svg::{Align, TextBox};
use crate::text_measure::Font;
use crate::time_fmt::{utc_date, utc_datetime, utc_time};

const MARGIN: f64 = 16.0;
const LANE_COLUMN: f64 = 170.0;
const COLUMN_GAP: f64 = 14.0;
pub(crate) const PLOT_WIDTH: f64 = 1000.0;
const HEADER_FONT: Font = Font::bold(14.0);
const LANE_FONT: Font = Font::bold(13.0);
const SMALL: Font = Font::regular(12.0);
const MOMENT_FONT: Font = Font::bold(12.0);
/// Height of the strip holding the marks at the top of each lane.
const MARK_ROW: f64 = 38.0;
const LABEL_ROWS_PER_LANE: usize = 3;
/// The most entries labelled in one picture; the rest are in tooltips and tables.
pub const MAX_LABELS: usize = 40;
const LABEL_WIDTH: f64 = 230.0;
const ROW_AIR: f64 = 4.0;

/// One mark: a single entry, or several close together with their count.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    pub x: f64,
    pub y: f64,
    pub radius: f64,
    pub entries: Vec<LocalId>,
    /// How many of the entries are proposed (drawn hollow when all are).
    pub proposed: usize,
    pub first: Timestamp,
    pub last: Timestamp,
}

impl Mark {
    pub fn bounds(&self) -> Rect {
        Rect::new(
            self.x - self.radius,
            self.y - self.radius,
            2.0 * self.radius,
            2.0 * self.radius,
        )
    }
}

/// A label for one entry, with the line from its mark.
#[derive(Debug, Clone, PartialEq)]
pub struct EntryLabel {
    pub entry: LocalId,
    pub text: TextBox,
    pub leader: Segment,
}

/// One source's lane.
#[derive(Debug, Clone, PartialEq)]
pub struct Lane {
    pub name: String,
    pub label: TextBox,
    pub band: Rect,
    pub marks: Vec<Mark>,
    pub labels: Vec<EntryLabel>,
    pub entry_count: usize,
}

/// A key moment: a vertical line across the lanes with its label on top.
#[derive(Debug, Clone, PartialEq)]
pub struct MomentLine {
    pub kind: MomentKind,
    pub at: Timestamp,
    pub label: TextBox,
    pub line: Segment,
}

/// The whole timeline, in pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineLayout {
    pub width: f64,
    pub height: f64,
    pub header: TextBox,
    /// The lanes' area (time runs from `plot.x` to `plot.right()`).
    pub plot: Rect,
    pub lanes: Vec<Lane>,
    pub moments: Vec<MomentLine>,
    pub ticks: Vec<Tick>,
    /// Tick labels, date labels and the axis title.
    pub axis_labels: Vec<TextBox>,
    /// Legend entries, each a symbol (its rectangle) and its text.
    pub legend: Vec<(LegendSymbol, Rect, TextBox)>,
}

/// What a legend entry shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegendSymbol {
    Accepted,
    Proposed,
    Cluster,
    Moment,
}

impl TimelineLayout {
    /// Every text box in the picture.
    pub fn text_boxes(&self) -> Vec<&TextBox> {
        let mut boxes = vec![&self.header];
        for lane in &self.lanes {
            boxes.push(&lane.label);
            boxes.extend(lane.labels.iter().map(|l| &l.text));
        }
        boxes.extend(self.moments.iter().map(|m| &m.label));
        boxes.extend(self.axis_labels.iter());
        boxes.extend(self.legend.iter().map(|(_, _, t)| t));
        boxes
    }

    /// Every entry label that was placed.
    pub fn entry_labels(&self) -> impl Iterator<Item = &EntryLabel> {
        self.lanes.iter().flat_map(|l| l.labels.iter())
    }
}

fn placed(mut b: TextBox, x: f64, y: f64) -> TextBox {
    b.rect.x = x;
    b.rect.y = y;
    b
}

/// The key moments to draw: the post-mortem's own list (which entries marked
/// as key moments feed), in time order.
fn moments(pm: &PostMortem) -> Vec<&KeyMoment> {
    let mut m: Vec<&KeyMoment> = pm.key_moments.iter().collect();
    m.sort_by_key(|k| k.at);
    m
}

/// Computes the timeline layout.
pub fn timeline_layout(pm: &PostMortem) -> TimelineLayout {
    let entries = drawable(pm);
    let moments = moments(pm);
    let width = MARGIN + LANE_COLUMN + COLUMN_GAP + PLOT_WIDTH + MARGIN;
    let plot_x = MARGIN + LANE_COLUMN + COLUMN_GAP;

    let seconds = entries
        .iter()
        .map(|e| e.at.as_second())
        .chain(moments.iter().map(|m| m.at.as_second()));
    let (min, max) = seconds.fold((i64::MAX, i64::MIN), |(lo, hi), s| (lo.min(s), hi.max(s)));
    let header_text = header(&entries, &moments, pm);
    let header = placed(
        TextBox::wrapped(
            &header_text,
            HEADER_FONT,
            width - 2.0 * MARGIN - 14.0,
            2,
            Align::Left,
        ),
        MARGIN,
        MARGIN,
    );
    let mut y = header.rect.bottom() + 8.0;
    if min > max {
        return TimelineLayout {
            width,
            height: (y + MARGIN).ceil(),
            header,
            plot: Rect::new(plot_x, y, PLOT_WIDTH, 0.0),
            lanes: Vec::new(),
            moments: Vec::new(),
            ticks: Vec::new(),
            axis_labels: Vec::new(),
            legend: Vec::new(),
        };
    }
    let scale = TimeScale::padded(min, max, plot_x, plot_x + PLOT_WIDTH);

    // Key moment labels, in rows above the lanes (row 0 nearest the lanes).
    // Placed right to left with labels to the right of their line, a label
    // only ever covers lines already placed, so it can always go above them.
    // Labels are never pulled back left: the canvas widens for the last one.
    let mut moment_rows = RowPlacer::new(moments.len().max(1), MARGIN, f64::MAX, 6.0);
    let mut moment_boxes = Vec::new();
    for m in moments.iter().rev() {
        let text = format!("{} {}", m.kind.name(), utc_time(m.at));
        let b = TextBox::wrapped(&text, MOMENT_FONT, 220.0, 1, Align::Center);
        let x = scale.x(m.at.as_second());
        let w = b.rect.width;
        let p = moment_rows
            .place(x, &[x + 4.0], w, &[], false)
            .unwrap_or_else(|| moment_rows.place_in_new_row(x, x + 4.0, w));
        moment_boxes.push((*m, x, b, p));
    }
    moment_boxes.reverse();
    let width = moment_boxes
        .iter()
        .map(|(_, _, b, p)| p.left + b.rect.width + MARGIN)
        .fold(width, f64::max)
        .ceil();
    let moment_pitch = MOMENT_FONT.line_height() + 10.0 + ROW_AIR;
    let plot_top = y + moment_rows.rows_used() as f64 * moment_pitch + 4.0;

    // Lanes.
    let mut label_budget = MAX_LABELS;
    let mut lanes = Vec::new();
    y = plot_top;
    for (name, lane_entries) in group_lanes(pm, &entries) {
        let lane = layout_lane(&name, &lane_entries, &scale, y, &mut label_budget, pm);
        y = lane.band.bottom();
        lanes.push(lane);
    }
    let plot_bottom = y.max(plot_top + 40.0);
    let plot = Rect::new(plot_x, plot_top, PLOT_WIDTH, plot_bottom - plot_top);

    let moment_lines = moment_boxes
        .into_iter()
        .map(|(m, x, b, p)| {
            let top = plot_top - 4.0 - (p.row as f64 + 1.0) * moment_pitch + ROW_AIR;
            let label = placed(b, p.left, top);
            let line_top = if p.over_anchor {
                label.rect.bottom()
            } else {
                label.rect.y
            };
            let line = Segment::new(x, line_top, x, plot_bottom);
            MomentLine {
                kind: m.kind.clone(),
                at: m.at,
                label,
                line,
            }
        })
        .collect();

    // Axis: tick labels, dates where the day changes, and the axis title.
    let ticks = ticks(&scale);
    let mut axis_labels = Vec::new();
    let tick_y = plot_bottom + 6.0;
    let date_y = tick_y + SMALL.line_height() + 10.0 + ROW_AIR;
    let mut last_date_right = f64::MIN;
    let mut last_tick_right = f64::MIN;
    for t in &ticks {
        let b = TextBox::wrapped(&t.label, SMALL, 200.0, 1, Align::Center);
        let left = (t.x - b.rect.width / 2.0).clamp(plot_x - 20.0, width - MARGIN - b.rect.width);
        // A label pulled in from the edge may meet its neighbour: the tick
        // mark stays, its label goes.
        if left > last_tick_right + 6.0 {
            last_tick_right = left + b.rect.width;
            axis_labels.push(placed(b, left, tick_y));
        }
        if let Some(date) = &t.date {
            let d = TextBox::wrapped(date, SMALL, 200.0, 1, Align::Center);
            let left =
                (t.x - d.rect.width / 2.0).clamp(plot_x - 20.0, width - MARGIN - d.rect.width);
            if left > last_date_right + 8.0 {
                last_date_right = left + d.rect.width;
                axis_labels.push(placed(d, left, date_y));
            }
        }
    }
    axis_labels.push(placed(
        TextBox::wrapped("Time (UTC)", MOMENT_FONT, 160.0, 1, Align::Left),
        MARGIN,
        tick_y,
    ));
    let legend_y = date_y + SMALL.line_height() + 10.0 + 10.0;
    let legend = legend(legend_y);
    let height = legend
        .iter()
        .map(|(_, _, t)| t.rect.bottom())
        .fold(legend_y, f64::max)
        + MARGIN;

    TimelineLayout {
        width,
        height: height.ceil(),
        header,
        plot,
        lanes,
        moments: moment_lines,
        ticks,
        axis_labels,
        legend,
    }
}

fn header(entries: &[&TimelineEntry], moments: &[&KeyMoment], pm: &PostMortem) -> String {
    if entries.is_empty() && moments.is_empty() {
        return "Timeline: no entries yet.".to_string();
    }
    let lanes = group_lanes(pm, entries).len();
    let proposed = entries
        .iter()
        .filter(|e| e.state == EntryState::Proposed)
        .count();
    let mut text = format!(
        "Timeline: {} {} from {} {}",
        entries.len(),
        if entries.len() == 1 {
            "entry"
        } else {
            "entries"
        },
        lanes,
        if lanes == 1 { "source" } else { "sources" }
    );
    let times = entries
        .iter()
        .map(|e| e.at)
        .chain(moments.iter().map(|m| m.at));
    if let (Some(first), Some(last)) = (times.clone().min(), times.max()) {
        if utc_date(first) == utc_date(last) {
            text.push_str(&format!(
                ", {}, {} to {} UTC",
                utc_date(first),
                utc_time(first),
                utc_time(last)
            ));
        } else {
            text.push_str(&format!(
                ", {} to {}",
                utc_datetime(first),
                utc_datetime(last)
            ));
        }
    }
    if proposed > 0 {
        text.push_str(&format!(" ({proposed} proposed, not yet accepted)"));
    }
    text
}

fn layout_lane(
    name: &str,
    entries: &[&TimelineEntry],
    scale: &TimeScale,
    top: f64,
    budget: &mut usize,
    pm: &PostMortem,
) -> Lane {
    let count_text = format!(
        "{} {}",
        entries.len(),
        if entries.len() == 1 {
            "entry"
        } else {
            "entries"
        }
    );
    let label = TextBox::with_header(
        Some((name, LANE_FONT)),
        &count_text,
        SMALL,
        LANE_COLUMN - 14.0,
        2,
        Align::Left,
    );
    let label = TextBox {
        full_text: format!("{name}: {count_text}"),
        ..label
    };
    let positioned: Vec<(&TimelineEntry, f64)> = entries
        .iter()
        .map(|&e| (e, scale.x(e.at.as_second())))
        .collect();
    let clusters = cluster(&positioned);
    let mark_y = top + MARK_ROW / 2.0;
    let marks: Vec<Mark> = clusters.iter().map(|c| to_mark(c, mark_y)).collect();

    // Label single marks: key-moment entries first, then in time order.
    let mut candidates: Vec<(&Mark, &TimelineEntry)> = marks
        .iter()
        .filter(|m| m.entries.len() == 1)
        .filter_map(|m| {
            entries
                .iter()
                .find(|e| e.id == m.entries[0])
                .map(|&e| (m, e))
        })
        .collect();
    candidates.sort_by_key(|(_, e)| (e.key_moment.is_none(), e.at, e.id));
    let mut rows = RowPlacer::new(LABEL_ROWS_PER_LANE, scale.x0, scale.x1, 6.0);
    let label_pitch = SMALL.line_height() + 10.0 + ROW_AIR;
    let first_row_y = top + MARK_ROW;
    let mut labels = Vec::new();
    for (mark, entry) in candidates {
        if *budget == 0 {
            break;
        }
        let text = format!("{} T{} {}", utc_time(entry.at), entry.id, entry.text);
        let b = TextBox::wrapped(&text, SMALL, LABEL_WIDTH, 1, Align::Left);
        let b = TextBox {
            full_text: entry_tooltip(entry, pm),
            ..b
        };
        let w = b.rect.width;
        if let Some(p) = rows.place(mark.x, &[mark.x - 8.0, mark.x + 8.0 - w], w, &[], true) {
            let label = placed(b, p.left, first_row_y + p.row as f64 * label_pitch);
            let leader = Segment::new(mark.x, mark.y + mark.radius, mark.x, label.rect.y);
            labels.push(EntryLabel {
                entry: entry.id,
                text: label,
                leader,
            });
            *budget -= 1;
        }
    }
    let content = MARK_ROW + rows.rows_used() as f64 * label_pitch + 4.0;
    let height = content.max(label.rect.height + 12.0);
    let label = placed(label, MARGIN, top + 6.0);
    Lane {
        name: name.to_string(),
        label,
        band: Rect::new(scale.x0, top, scale.x1 - scale.x0, height),
        marks,
        labels,
        entry_count: entries.len(),
    }
}

fn to_mark(c: &Cluster, y: f64) -> Mark {
    let ts = |s: i64| Timestamp::from_second(s).unwrap_or(Timestamp::UNIX_EPOCH);
    Mark {
        x: c.x,
        y,
        radius: c.radius,
        entries: c.entries.clone(),
        proposed: c.proposed,
        first: ts(c.first_second),
        last: ts(c.last_second),
    }
}

/// What a single entry's tooltip says: when (UTC and as written), who, state, text.
pub(crate) fn entry_tooltip(e: &TimelineEntry, pm: &PostMortem) -> String {
    let _ = pm;
    let mut t = format!("T{} \u{b7} {}", e.id, utc_datetime(e.at));
    if let Some(local) = crate::time_fmt::in_original_zone(e.at, e.zone.as_deref()) {
        t.push_str(&format!(" ({local})"));
    }
    if let Some(actor) = &e.actor {
        t.push_str(&format!(" \u{b7} {actor}"));
    }
    if e.state == EntryState::Proposed {
        t.push_str(" \u{b7} proposed");
    }
    let text: String = e.text.chars().take(400).collect();
    let more = if e.text.chars().count() > 400 {
        "\u{2026}"
    } else {
        ""
    };
    format!("{t}\n{text}{more}")
}

fn legend(y: f64) -> Vec<(LegendSymbol, Rect, TextBox)> {
    let items = [
        (LegendSymbol::Accepted, "entry"),
        (LegendSymbol::Proposed, "proposed entry (not yet accepted)"),
        (
            LegendSymbol::Cluster,
            "several entries close together (count)",
        ),
        (LegendSymbol::Moment, "key moment"),
    ];
    let mut x = MARGIN;
    let mut out = Vec::new();
    for (symbol, text) in items {
        let t = TextBox::wrapped(text, SMALL, 400.0, 1, Align::Left);
        let symbol_rect = Rect::new(x, y + (t.rect.height - 18.0) / 2.0, 18.0, 18.0);
        let t = placed(t, x + 20.0, y);
        x = t.rect.right() + 18.0;
        out.push((symbol, symbol_rect, t));
    }
    out
}
