//! Where everything in the fishbone goes. Each bone is laid out in its own
//! frame (spine point at the origin), then bones are packed along the spine,
//! alternating above and below, so that no two regions on one side meet.
//!
//! Inside a bone the causes are a column of boxes in reading order, right-
//! aligned a little left of the bone's far end, so the bone (which slants
//! toward the spine) never passes through a box. Root causes reach the bone by
//! a horizontal rib; a why hangs under its parent, indented, joined by a
//! trunk in the indent gutter. Pre-order guarantees that only the parent's own
//! descendants sit between a parent and its children, and those are indented
//! further, so trunks cross nothing.

use retrospect_domain::{LocalId, PostMortem};

use super::bones::{BoneGroup, categories, group_by_bone};
use crate::geometry::{Rect, Segment};
use crate::svg::{Align, TextBox};
use crate::text_measure::Font;

const MARGIN: f64 = 24.0;
pub(crate) const CAUSE_FONT: Font = Font::regular(13.0);
const CATEGORY_FONT: Font = Font::bold(14.0);
const HEAD_FONT: Font = Font::bold(15.0);
const LEGEND_FONT: Font = Font::regular(13.0);
const CAUSE_WRAP: f64 = 210.0;
const CAUSE_MAX_LINES: usize = 5;
const CATEGORY_WRAP: f64 = 170.0;
const HEAD_WRAP: f64 = 190.0;
const HEAD_MAX_LINES: usize = 6;
const ROW_GAP: f64 = 8.0;
const INDENT: f64 = 22.0;
/// Free space between the spine and the nearest cause box.
const SPINE_CLEAR: f64 = 26.0;
/// How far the bone runs beyond the farthest cause box.
const END_CLEAR: f64 = 10.0;
const LABEL_GAP: f64 = 6.0;
/// Shortest rib: from the column's right edge to the bone's far end.
const RIB_GAP: f64 = 14.0;
/// Space between the regions of neighbouring bones on the same side.
const BONE_GAP: f64 = 28.0;
/// Shortest distance along the spine between consecutive bones.
const MIN_BONE_STEP: f64 = 60.0;
const HEAD_GAP: f64 = 36.0;

/// One cause's box.
#[derive(Debug, Clone, PartialEq)]
pub struct CauseBox {
    pub id: LocalId,
    /// 1 for a root cause, 2 for its why, and so on.
    pub depth: usize,
    pub text: TextBox,
}

/// One category's bone with its causes.
#[derive(Debug, Clone, PartialEq)]
pub struct BoneLayout {
    pub category: String,
    /// Above the spine (true) or below it.
    pub above: bool,
    pub label: TextBox,
    pub bone: Segment,
    pub causes: Vec<CauseBox>,
    /// Ribs from root causes to the bone and trunks/stubs from parents to whys.
    pub connectors: Vec<Segment>,
}

/// The whole fishbone, in pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct FishboneLayout {
    pub width: f64,
    pub height: f64,
    pub spine: Segment,
    /// The problem, at the head of the fish.
    pub head: TextBox,
    pub bones: Vec<BoneLayout>,
    /// The categories list (with counts), under the drawing.
    pub legend: TextBox,
}

impl FishboneLayout {
    /// Every text box: head, category labels, causes and the legend.
    pub fn text_boxes(&self) -> Vec<&TextBox> {
        let mut boxes = vec![&self.head, &self.legend];
        for b in &self.bones {
            boxes.push(&b.label);
            boxes.extend(b.causes.iter().map(|c| &c.text));
        }
        boxes
    }

    /// Every line drawn: spine, bones and connectors.
    pub fn segments(&self) -> Vec<Segment> {
        let mut segs = vec![self.spine];
        for b in &self.bones {
            segs.push(b.bone);
            segs.extend(b.connectors.iter().copied());
        }
        segs
    }
}

/// The label drawn for a cause: its id, its text, and its own category when it
/// differs from the bone it hangs on.
pub(crate) fn cause_label(
    id: LocalId,
    text: &str,
    own: Option<&str>,
    bone: &str,
    cats: &[String],
) -> String {
    let own = own.map(|c| super::bones::canonical(cats, Some(c)));
    match own {
        Some(c) if c != bone && c != super::bones::UNCATEGORISED => format!("C{id}: {text} [{c}]"),
        _ => format!("C{id}: {text}"),
    }
}

fn translate(r: &Rect, dx: f64, dy: f64) -> Rect {
    Rect::new(r.x + dx, r.y + dy, r.width, r.height)
}

fn shift(s: &Segment, dx: f64, dy: f64) -> Segment {
    Segment::new(s.x1 + dx, s.y1 + dy, s.x2 + dx, s.y2 + dy)
}

/// Lays out one bone in its own frame: spine point at (0, 0), y growing down.
fn layout_bone(
    group: &BoneGroup<'_>,
    label_text: &str,
    above: bool,
    cats: &[String],
) -> BoneLayout {
    let mut causes: Vec<CauseBox> = group
        .nodes
        .iter()
        .map(|n| {
            let label = cause_label(
                n.cause.id,
                &n.cause.text,
                n.cause.category.as_deref(),
                &group.category,
                cats,
            );
            CauseBox {
                id: n.cause.id,
                depth: n.depth,
                text: TextBox::wrapped(
                    &label,
                    CAUSE_FONT,
                    CAUSE_WRAP,
                    CAUSE_MAX_LINES,
                    Align::Left,
                ),
            }
        })
        .collect();
    let stack: f64 = causes.iter().map(|c| c.text.rect.height).sum::<f64>()
        + ROW_GAP * causes.len().saturating_sub(1) as f64;
    let length = SPINE_CLEAR + stack + END_CLEAR;
    let slant = (30.0 + 0.25 * length).min(150.0);
    let end_x = -slant;
    let column_right = end_x - RIB_GAP;
    let sign = if above { -1.0 } else { 1.0 };
    let end_y = sign * length;

    let mut y = if above {
        -(SPINE_CLEAR + stack)
    } else {
        SPINE_CLEAR
    };
    for c in &mut causes {
        let right = column_right - (c.depth.saturating_sub(1)) as f64 * INDENT;
        c.text.rect = Rect::new(
            right - c.text.rect.width,
            y,
            c.text.rect.width,
            c.text.rect.height,
        );
        y += c.text.rect.height + ROW_GAP;
    }

    let bone_x_at = |y: f64| end_x * (y.abs() / length);
    let mut connectors = Vec::new();
    for (i, node) in group.nodes.iter().enumerate() {
        let me = &causes[i].text.rect;
        if node.depth == 1 {
            connectors.push(Segment::new(
                me.right(),
                me.center_y(),
                bone_x_at(me.center_y()),
                me.center_y(),
            ));
        }
        if let Some(&last) = node.children.iter().max() {
            let trunk_x = me.right() - INDENT / 2.0;
            connectors.push(Segment::new(
                trunk_x,
                me.bottom(),
                trunk_x,
                causes[last].text.rect.center_y(),
            ));
            for &child in &node.children {
                let r = &causes[child].text.rect;
                connectors.push(Segment::new(trunk_x, r.center_y(), r.right(), r.center_y()));
            }
        }
    }

    let mut label = TextBox::wrapped(label_text, CATEGORY_FONT, CATEGORY_WRAP, 2, Align::Center);
    let (lw, lh) = (label.rect.width, label.rect.height);
    let label_y = if above {
        end_y - LABEL_GAP - lh
    } else {
        end_y + LABEL_GAP
    };
    label.rect = Rect::new(end_x - lw / 2.0, label_y, lw, lh);

    BoneLayout {
        category: group.category.clone(),
        above,
        label,
        bone: Segment::new(0.0, 0.0, end_x, end_y),
        causes,
        connectors,
    }
}

/// A bone whose causes stack taller than this is split into several bones of
/// the same category, so a crowded category makes the fish longer instead of
/// one bone very tall.
const MAX_STACK: f64 = 540.0;

/// Splits a crowded bone between root causes (a cause's whys stay with it);
/// each part is labelled "Process (1 of 3)".
fn split_crowded<'a>(group: BoneGroup<'a>, cats: &[String]) -> Vec<(BoneGroup<'a>, String)> {
    let height = |n: &crate::cause_tree::TreeNode<'_>| {
        let label = cause_label(
            n.cause.id,
            &n.cause.text,
            n.cause.category.as_deref(),
            &group.category,
            cats,
        );
        TextBox::wrapped(&label, CAUSE_FONT, CAUSE_WRAP, CAUSE_MAX_LINES, Align::Left)
            .rect
            .height
            + ROW_GAP
    };
    // Chunk boundaries: start indices of each part.
    let mut starts = vec![0];
    let mut stacked = 0.0;
    let mut i = 0;
    while i < group.nodes.len() {
        let end = (i + 1..group.nodes.len())
            .find(|&j| group.nodes[j].parent.is_none())
            .unwrap_or(group.nodes.len());
        let subtree: f64 = group.nodes[i..end].iter().map(height).sum();
        if stacked > 0.0 && stacked + subtree > MAX_STACK {
            starts.push(i);
            stacked = 0.0;
        }
        stacked += subtree;
        i = end;
    }
    if starts.len() == 1 {
        let label = group.category.clone();
        return vec![(group, label)];
    }
    let parts = starts.len();
    starts.push(group.nodes.len());
    starts
        .windows(2)
        .enumerate()
        .map(|(k, w)| {
            let (from, to) = (w[0], w[1]);
            let nodes = group.nodes[from..to]
                .iter()
                .map(|n| crate::cause_tree::TreeNode {
                    cause: n.cause,
                    depth: n.depth,
                    parent: n.parent.map(|p| p - from),
                    children: n.children.iter().map(|c| c - from).collect(),
                })
                .collect();
            let label = format!("{} ({} of {parts})", group.category, k + 1);
            (
                BoneGroup {
                    category: group.category.clone(),
                    nodes,
                },
                label,
            )
        })
        .collect()
}

/// The region a bone occupies, in its own frame.
fn bounds(b: &BoneLayout) -> Rect {
    let mut r = b.label.rect.union(&Rect::new(
        b.bone.x2.min(0.0),
        b.bone.y1.min(b.bone.y2),
        b.bone.x2.abs(),
        (b.bone.y2 - b.bone.y1).abs(),
    ));
    for c in &b.causes {
        r = r.union(&c.text.rect);
    }
    r
}

/// Computes the fishbone's layout for a post-mortem.
pub fn fishbone_layout(pm: &PostMortem) -> FishboneLayout {
    let cats = categories(pm);
    let groups: Vec<(BoneGroup<'_>, String)> = group_by_bone(pm)
        .into_iter()
        .flat_map(|g| split_crowded(g, &cats))
        .collect();
    let mut bones: Vec<BoneLayout> = groups
        .iter()
        .enumerate()
        .map(|(i, (g, label))| layout_bone(g, label, i % 2 == 0, &cats))
        .collect();

    // Pack bones along the spine, left to right.
    let mut cursor = [MARGIN, MARGIN]; // next free x above, below
    let mut previous_x: Option<f64> = None;
    let mut spine_xs = Vec::with_capacity(bones.len());
    for b in &bones {
        let r = bounds(b);
        let side = usize::from(!b.above);
        let mut x = cursor[side] - r.x;
        if let Some(p) = previous_x {
            x = x.max(p + MIN_BONE_STEP);
        }
        cursor[side] = x + r.right() + BONE_GAP;
        previous_x = Some(x);
        spine_xs.push(x);
    }

    let problem = problem_text(pm);
    let mut head = TextBox::wrapped(
        &problem,
        HEAD_FONT,
        HEAD_WRAP,
        HEAD_MAX_LINES,
        Align::Center,
    );
    let above_extent = bones
        .iter()
        .filter(|b| b.above)
        .map(|b| -bounds(b).y)
        .fold(0.0, f64::max);
    let below_extent = bones
        .iter()
        .filter(|b| !b.above)
        .map(|b| bounds(b).bottom())
        .fold(0.0, f64::max);
    let spine_y = MARGIN + above_extent.max(head.rect.height / 2.0);

    for (b, &x) in bones.iter_mut().zip(&spine_xs) {
        b.label.rect = translate(&b.label.rect, x, spine_y);
        b.bone = shift(&b.bone, x, spine_y);
        for c in &mut b.causes {
            c.text.rect = translate(&c.text.rect, x, spine_y);
        }
        for s in &mut b.connectors {
            *s = shift(s, x, spine_y);
        }
    }

    let drawing_right = bones
        .iter()
        .map(|b| bounds(b).right())
        .chain(spine_xs.iter().copied())
        .fold(MARGIN + 160.0, f64::max);
    let head_x = drawing_right + HEAD_GAP;
    head.rect = Rect::new(
        head_x,
        spine_y - head.rect.height / 2.0,
        head.rect.width,
        head.rect.height,
    );
    let spine = Segment::new(MARGIN, spine_y, head_x, spine_y);

    let bottom = spine_y + below_extent.max(head.rect.height / 2.0);
    let mut width = head.rect.right() + MARGIN;
    let legend_text = legend(pm, &cats, &bones);
    let mut legend = TextBox::wrapped(
        &legend_text,
        LEGEND_FONT,
        (width - 2.0 * MARGIN).max(420.0),
        8,
        Align::Left,
    );
    legend.rect = Rect::new(MARGIN, bottom + 18.0, legend.rect.width, legend.rect.height);
    width = width.max(legend.rect.right() + MARGIN);
    let height = legend.rect.bottom() + MARGIN;

    FishboneLayout {
        width: width.ceil(),
        height: height.ceil(),
        spine,
        head,
        bones,
        legend,
    }
}

/// What the fish's head says: the title, or failing that the summary.
pub(crate) fn problem_text(pm: &PostMortem) -> String {
    let title = pm.title.trim();
    if !title.is_empty() {
        return title.to_string();
    }
    let summary = pm.summary.trim();
    if summary.is_empty() {
        "The problem".to_string()
    } else {
        summary.to_string()
    }
}

fn legend(pm: &PostMortem, cats: &[String], bones: &[BoneLayout]) -> String {
    if pm.causes.is_empty() {
        return format!(
            "No causes recorded yet. Categories: {}.",
            cats.join("\u{a0}\u{b7} ")
        );
    }
    // A crowded category may span several bones: count them all.
    let count = |name: &str| {
        bones
            .iter()
            .filter(|b| b.category == name)
            .map(|b| b.causes.len())
            .sum::<usize>()
    };
    let mut names: Vec<&String> = cats.iter().collect();
    for b in bones {
        if !names.contains(&&b.category) {
            names.push(&b.category);
        }
    }
    let listed: Vec<String> = names
        .into_iter()
        .map(|c| match count(c) {
            0 => format!("{c}\u{a0}(none)"),
            n => format!("{c}\u{a0}({n})"),
        })
        .collect();
    format!("Categories: {}.", listed.join("\u{a0}\u{b7} "))
}
