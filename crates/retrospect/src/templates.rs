//! Built-in templates, looked up by name with a helpful error.

use anyhow::{Result, anyhow};
use retrospect_domain::{PostMortem, Timestamp};

pub fn instantiate(name: &str, title: &str, now: Timestamp) -> Result<PostMortem> {
    retrospect_markdown::templates::instantiate(name, title, now).ok_or_else(|| {
        anyhow!(
            "there is no template called '{name}'; the built-in ones are: {}",
            retrospect_markdown::templates::names().join(", ")
        )
    })
}
