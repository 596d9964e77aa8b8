//! The fishbone (Ishikawa) diagram: the problem at the head, one bone per
//! category that has causes, each cause's whys hanging under it.

mod bones;
mod layout;

pub use bones::UNCATEGORISED;
pub(crate) use layout::problem_text;
pub use layout::{BoneLayout, CauseBox, FishboneLayout, fishbone_layout};

use retrospect_domain::PostMortem;

use crate::svg::{BoxStyle, SvgWriter, num};
use bones::{categories, group_by_bone};

const SPINE: &str = "#1e293b";
const BONE: &str = "#475569";
const CONNECTOR: &str = "#64748b";
const CATEGORY: BoxStyle = BoxStyle {
    fill: "#1e3a5f",
    stroke: "#1e3a5f",
    text: "#ffffff",
};
const ROOT_CAUSE: BoxStyle = BoxStyle {
    fill: "#f1f5f9",
    stroke: "#64748b",
    text: "#0f172a",
};
const WHY: BoxStyle = BoxStyle {
    fill: "#ffffff",
    stroke: "#94a3b8",
    text: "#0f172a",
};
const HEAD: BoxStyle = BoxStyle {
    fill: "#7f1d1d",
    stroke: "#7f1d1d",
    text: "#ffffff",
};
const LEGEND: BoxStyle = BoxStyle {
    fill: "#ffffff",
    stroke: "#ffffff",
    text: "#334155",
};

/// The fishbone diagram as a standalone SVG document.
pub fn fishbone_svg(pm: &PostMortem) -> String {
    let layout = fishbone_layout(pm);
    let title = format!(
        "Fishbone diagram: causes of \u{201c}{}\u{201d}",
        layout::problem_text(pm)
    );
    let mut svg = SvgWriter::new(
        layout.width,
        layout.height,
        &format!("fishbone-{}", pm.id),
        &title,
        &description(pm),
    );

    svg.line(&layout.spine, SPINE, 4.0, None);
    let (tip, y) = (layout.spine.x2, layout.spine.y2);
    svg.raw(&format!(
        "<polygon points=\"{},{} {},{} {},{}\" fill=\"{SPINE}\"/>\n",
        num(tip - 14.0),
        num(y - 8.0),
        num(tip),
        num(y),
        num(tip - 14.0),
        num(y + 8.0)
    ));
    for b in &layout.bones {
        svg.line(&b.bone, BONE, 2.5, None);
        for c in &b.connectors {
            svg.line(c, CONNECTOR, 1.5, None);
        }
    }
    for b in &layout.bones {
        svg.text_box(&b.label, CATEGORY, "category");
        for c in &b.causes {
            let style = if c.depth == 1 { ROOT_CAUSE } else { WHY };
            svg.text_box(&c.text, style, "cause");
        }
    }
    svg.text_box(&layout.head, HEAD, "problem");
    svg.text_box(&layout.legend, LEGEND, "legend");
    svg.finish()
}

/// A text equivalent of the picture for screen readers: every cause by bone.
fn description(pm: &PostMortem) -> String {
    let groups = group_by_bone(pm);
    if groups.is_empty() {
        return "No causes have been recorded yet.".to_string();
    }
    let cats = categories(pm);
    let mut parts = Vec::new();
    for g in &groups {
        let causes: Vec<String> = g
            .nodes
            .iter()
            .map(|n| {
                let text = short(&n.cause.text, 160);
                match n.parent.map(|p| g.nodes[p].cause.id) {
                    Some(parent) => format!("C{} (why C{parent}): {text}", n.cause.id),
                    None => format!("C{}: {text}", n.cause.id),
                }
            })
            .collect();
        parts.push(format!("{}: {}.", g.category, causes.join("; ")));
    }
    let empty: Vec<&str> = cats
        .iter()
        .filter(|c| !groups.iter().any(|g| &g.category == *c))
        .map(String::as_str)
        .collect();
    if !empty.is_empty() {
        parts.push(format!("No causes under {}.", empty.join(", ")));
    }
    parts.join(" ")
}

fn short(text: &str, max_chars: usize) -> String {
    let collapsed = crate::escape::collapse_whitespace(text);
    if collapsed.chars().count() <= max_chars {
        collapsed
    } else {
        let cut: String = collapsed.chars().take(max_chars).collect();
        format!("{cut}\u{2026}")
    }
}
