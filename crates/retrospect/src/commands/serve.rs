//! `retrospect serve`: the web application and REST API.

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::Result;
use clap::Args;
use retrospect_web::{CliOverrides, ServeConfig};

#[derive(Args, Debug)]
#[command(
    after_help = "With no options it serves http://127.0.0.1:8080 on the embedded SQLite file; the first visit creates the first administrator.\nSettings also come from RETROSPECT_* environment variables and an optional TOML file (--config)."
)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, value_name = "ADDR:PORT")]
    pub bind: Option<SocketAddr>,
    /// A TOML file with settings (database_url, bind, secure_cookies, max_upload_bytes, session_hours, json_logs).
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Mark cookies Secure (when served behind TLS).
    #[arg(long)]
    pub secure_cookies: bool,
    /// Human-readable logs instead of JSON lines.
    #[arg(long)]
    pub text_logs: bool,
}

pub async fn serve(database_url: Option<String>, args: ServeArgs) -> Result<()> {
    let config = ServeConfig::load(CliOverrides {
        config_file: args.config,
        database_url,
        bind: args.bind,
        secure_cookies: args.secure_cookies.then_some(true),
        json_logs: args.text_logs.then_some(false),
        ..CliOverrides::default()
    })?;
    retrospect_web::serve(config).await
}
