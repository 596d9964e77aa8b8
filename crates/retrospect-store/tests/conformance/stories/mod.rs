//! The stories every backend must tell the same way. Each is an
//! `async fn(&Ctx)` run once per backend by `on_both_backends!`.

mod accounts;
mod concurrency;
mod durability;
mod failures;
mod postmortems;
mod real_data;
mod tracking;

pub use accounts::*;
pub use concurrency::*;
pub use durability::*;
pub use failures::*;
pub use postmortems::*;
pub use real_data::*;
pub use tracking::*;
