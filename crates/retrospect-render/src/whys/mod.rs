//! The 5 Whys: the same cause tree as the fishbone, read as a tree.

mod text;

pub use text::whys_tree_text;
