//! Retrospect's pictures and shareable document: the fishbone, the 5 Whys
//! tree and the timeline as self-contained SVG, the 5 Whys as a terminal
//! tree, Markdown made safe for HTML, and a standalone HTML export.
//!
//! Everything here is pure: a `PostMortem` in, a `String` out. All text from
//! the post-mortem is escaped; layouts are computed (never left to chance) so
//! that text boxes do not overlap, and the layout functions are public so that
//! tests can check exactly that.

mod cause_tree;
mod escape;
mod fishbone;
mod geometry;
mod html;
mod markdown;
mod svg;
mod text_measure;
mod time_fmt;
mod timeline;
mod whys;

pub use escape::escape_xml;
pub use fishbone::{
    BoneLayout, CauseBox, FishboneLayout, UNCATEGORISED, fishbone_layout, fishbone_svg,
};
pub use geometry::{Rect, Segment};
pub use html::{HtmlOptions, html_document, pseudonymise};
pub use markdown::{markdown_to_safe_html, markdown_to_safe_html_nested};
pub use svg::{Align, TextBox, TextLine};
pub use text_measure::{Font, Wrapped, text_width, wrap};
pub use timeline::{
    EntryLabel, Lane, LegendSymbol, MAX_LABELS, Mark, MomentLine, Tick, TimelineLayout,
    timeline_layout, timeline_svg,
};
pub use whys::{WhysLayout, WhysNode, whys_tree_layout, whys_tree_svg, whys_tree_text};
