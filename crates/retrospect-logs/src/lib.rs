//! The log evidence engine: timestamp detection with no configuration,
//! template mining, and proposed timeline entries.
//!
//! Entry points for the CLI: [`analyze_file`], [`write_mine_csv`],
//! [`write_mine_json`], [`write_templates`]; for small in-memory texts,
//! [`mine_text`]. See the crate README for the approach and figures.

pub mod analyze;
pub mod drain;
pub mod error;
pub mod header;
pub mod mask;
pub mod memory;
pub mod merge;
pub mod miner;
pub mod options;
pub mod output;
mod pipeline;
pub mod profile;
pub mod proposals;
mod reader;
mod summary;
pub mod time;
pub mod variants;

pub use analyze::{FileAnalysis, LineRef, Progress, TemplateSummary, analyze_file};
pub use error::{LogError, Warning};
pub use header::Level;
pub use memory::{Mined, MinedLine, mine_text};
pub use options::{Options, Window};
pub use output::{Format, Summary, write_mine_csv, write_mine_json, write_templates};
pub use proposals::{Proposal, ProposalKind};
pub use time::Timestamp;
