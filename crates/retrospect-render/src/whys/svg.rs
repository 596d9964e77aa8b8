//! The 5 Whys as a left-to-right tree: the problem on the left, each "why?"
//! one column further right. Each subtree gets its own horizontal band, tall
//! enough for its boxes, so bands never overlap; connectors run in the empty
//! gaps between columns.

use retrospect_domain::{LocalId, PostMortem};

use crate::cause_tree::preorder;
use crate::fishbone::problem_text;
use crate::geometry::{Rect, Segment};
use crate::svg::{Align, BoxStyle, SvgWriter, TextBox};
use crate::text_measure::Font;

const MARGIN: f64 = 24.0;
const TEXT_FONT: Font = Font::regular(13.0);
const HEADER_FONT: Font = Font::bold(12.0);
const PROBLEM_FONT: Font = Font::bold(14.0);
const WRAP: f64 = 200.0;
const MAX_LINES: usize = 5;
const COLUMN_GAP: f64 = 48.0;
const ROW_GAP: f64 = 12.0;

const PROBLEM: BoxStyle = BoxStyle {
    fill: "#7f1d1d",
    stroke: "#7f1d1d",
    text: "#ffffff",
};
const ROOT: BoxStyle = BoxStyle {
    fill: "#f1f5f9",
    stroke: "#64748b",
    text: "#0f172a",
};
const WHY: BoxStyle = BoxStyle {
    fill: "#ffffff",
    stroke: "#94a3b8",
    text: "#0f172a",
};
const EDGE: &str = "#64748b";

/// One cause's box in the tree.
#[derive(Debug, Clone, PartialEq)]
pub struct WhysNode {
    pub id: LocalId,
    pub depth: usize,
    pub text: TextBox,
}

/// The 5 Whys tree, in pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct WhysLayout {
    pub width: f64,
    pub height: f64,
    pub problem: TextBox,
    pub nodes: Vec<WhysNode>,
    pub edges: Vec<Segment>,
}

impl WhysLayout {
    pub fn text_boxes(&self) -> Vec<&TextBox> {
        std::iter::once(&self.problem)
            .chain(self.nodes.iter().map(|n| &n.text))
            .collect()
    }
}

/// Computes the 5 Whys tree layout.
pub fn whys_tree_layout(pm: &PostMortem) -> WhysLayout {
    let tree = preorder(&pm.causes);
    let mut problem = TextBox::wrapped(&problem_text(pm), PROBLEM_FONT, 180.0, 6, Align::Left);
    let mut boxes: Vec<TextBox> = tree
        .iter()
        .map(|n| {
            let header = match n
                .cause
                .category
                .as_deref()
                .map(str::trim)
                .filter(|c| !c.is_empty())
            {
                Some(c) => format!("C{} \u{b7} {c}", n.cause.id),
                None => format!("C{}", n.cause.id),
            };
            TextBox::with_header(
                Some((&header, HEADER_FONT)),
                &n.cause.text,
                TEXT_FONT,
                WRAP,
                MAX_LINES,
                Align::Left,
            )
        })
        .collect();

    // Subtree heights, children before parents (reverse pre-order).
    let mut extent = vec![0.0; tree.len()];
    for i in (0..tree.len()).rev() {
        let kids = block_height(&tree[i].children, &extent);
        extent[i] = boxes[i].rect.height.max(kids);
    }
    let roots: Vec<usize> = (0..tree.len())
        .filter(|&i| tree[i].parent.is_none())
        .collect();
    let total = problem.rect.height.max(block_height(&roots, &extent));

    // Column x positions from the widest box at each depth.
    let max_depth = tree.iter().map(|n| n.depth).max().unwrap_or(0);
    let mut column_width = vec![0.0; max_depth + 1];
    column_width[0] = problem.rect.width;
    for (n, b) in tree.iter().zip(&boxes) {
        column_width[n.depth] = f64::max(column_width[n.depth], b.rect.width);
    }
    let mut column_x = Vec::with_capacity(column_width.len());
    let mut x = MARGIN;
    for w in &column_width {
        column_x.push(x);
        x += w + COLUMN_GAP;
    }
    let width = x - COLUMN_GAP + MARGIN;

    // Place bands top-down: a node is centred in its band, its children's
    // block is centred in the same band.
    let mut band_top = vec![0.0; tree.len()];
    let place_block = |members: &[usize], band_top: &mut Vec<f64>, top: f64, height: f64| {
        let mut y = top + (height - block_height(members, &extent)) / 2.0;
        for &m in members {
            band_top[m] = y;
            y += extent[m] + ROW_GAP;
        }
    };
    place_block(&roots, &mut band_top, MARGIN, total);
    for i in 0..tree.len() {
        let (top, h) = (band_top[i], extent[i]);
        let b = &mut boxes[i];
        b.rect = Rect::new(
            column_x[tree[i].depth],
            top + (h - b.rect.height) / 2.0,
            b.rect.width,
            b.rect.height,
        );
        place_block(&tree[i].children, &mut band_top, top, h);
    }
    problem.rect.x = MARGIN;
    problem.rect.y = MARGIN + (total - problem.rect.height) / 2.0;

    let mut edges = Vec::new();
    let mut connect = |from: &Rect, from_column_right: f64, to: &[&Rect]| {
        if to.is_empty() {
            return;
        }
        let mid = from_column_right + COLUMN_GAP / 2.0;
        let y = from.center_y();
        edges.push(Segment::new(from.right(), y, mid, y));
        for r in to {
            let cy = r.center_y();
            if (cy - y).abs() > 0.05 {
                edges.push(Segment::new(mid, y.min(cy), mid, y.max(cy)));
            }
            edges.push(Segment::new(mid, cy, r.x, cy));
        }
    };
    let root_rects: Vec<&Rect> = roots.iter().map(|&r| &boxes[r].rect).collect();
    connect(&problem.rect, column_x[0] + column_width[0], &root_rects);
    for (i, n) in tree.iter().enumerate() {
        let kids: Vec<&Rect> = n.children.iter().map(|&c| &boxes[c].rect).collect();
        connect(
            &boxes[i].rect,
            column_x[n.depth] + column_width[n.depth],
            &kids,
        );
    }

    let nodes = tree
        .iter()
        .zip(boxes)
        .map(|(n, text)| WhysNode {
            id: n.cause.id,
            depth: n.depth,
            text,
        })
        .collect();
    WhysLayout {
        width: width.ceil(),
        height: (total + 2.0 * MARGIN).ceil(),
        problem,
        nodes,
        edges,
    }
}

fn block_height(members: &[usize], extent: &[f64]) -> f64 {
    let sum: f64 = members.iter().map(|&m| extent[m]).sum();
    sum + ROW_GAP * members.len().saturating_sub(1) as f64
}

/// The 5 Whys tree as a standalone SVG document.
pub fn whys_tree_svg(pm: &PostMortem) -> String {
    let layout = whys_tree_layout(pm);
    let title = format!(
        "5 Whys tree: causes of \u{201c}{}\u{201d}",
        problem_text(pm)
    );
    let desc = super::text::whys_tree_text(pm);
    let mut svg = SvgWriter::new(
        layout.width,
        layout.height,
        &format!("whys-{}", pm.id),
        &title,
        &desc,
    );
    for e in &layout.edges {
        svg.line(e, EDGE, 1.5, None);
    }
    svg.text_box(&layout.problem, PROBLEM, "problem");
    for n in &layout.nodes {
        svg.text_box(&n.text, if n.depth == 1 { ROOT } else { WHY }, "cause");
    }
    svg.finish()
}
