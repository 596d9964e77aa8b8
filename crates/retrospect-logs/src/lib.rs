//! The log evidence engine: timestamp detection with no configuration,
//! template mining, and proposed timeline entries.

pub mod drain;
pub mod error;
pub mod header;
pub mod mask;
pub mod memory;
pub mod merge;
pub mod miner;
pub mod options;
pub mod profile;
pub mod time;

pub use error::{LogError, Warning};
pub use memory::{Mined, MinedLine, mine_text};
pub use options::{Options, Window};
pub use time::Timestamp;
