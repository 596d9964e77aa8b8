//! The 5 Whys: the same cause tree as the fishbone, read as a tree.

mod svg;
mod text;

pub use svg::{WhysLayout, WhysNode, whys_tree_layout, whys_tree_svg};
pub use text::whys_tree_text;
