//! Server configuration from three layers: an optional TOML file, `RETROSPECT_*`
//! environment variables, and command-line flags (later layers win).

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::Deserialize;

/// Everything `retrospect serve` needs to start.
#[derive(Debug, Clone, PartialEq)]
pub struct ServeConfig {
    /// None means the default SQLite file from `retrospect_store::sqlite::default_database_path()`.
    pub database_url: Option<String>,
    pub bind: SocketAddr,
    /// Mark cookies `Secure` (set when serving behind TLS).
    pub secure_cookies: bool,
    /// The largest evidence upload accepted, in bytes.
    pub max_upload_bytes: usize,
    /// How long a login session lasts without use, in hours.
    pub session_hours: i64,
    /// Emit logs as JSON lines (true) or as human-readable text.
    pub json_logs: bool,
}

impl Default for ServeConfig {
    fn default() -> Self {
        Self {
            database_url: None,
            bind: SocketAddr::from(([127, 0, 0, 1], 8080)),
            secure_cookies: false,
            max_upload_bytes: 256 * 1024 * 1024,
            session_hours: 24 * 7,
            json_logs: true,
        }
    }
}

/// Values given on the command line; None means "not given".
#[derive(Debug, Clone, Default)]
pub struct CliOverrides {
    pub config_file: Option<PathBuf>,
    pub database_url: Option<String>,
    pub bind: Option<SocketAddr>,
    pub secure_cookies: Option<bool>,
    pub max_upload_bytes: Option<usize>,
    pub session_hours: Option<i64>,
    pub json_logs: Option<bool>,
}

/// One layer of optional settings; the TOML file and the environment both read into this.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Layer {
    database_url: Option<String>,
    bind: Option<SocketAddr>,
    secure_cookies: Option<bool>,
    max_upload_bytes: Option<usize>,
    session_hours: Option<i64>,
    json_logs: Option<bool>,
}

impl ServeConfig {
    /// Merges defaults, the TOML file (`--config` or `RETROSPECT_CONFIG`), the
    /// environment and the flags, in that order.
    pub fn load(cli: CliOverrides) -> anyhow::Result<Self> {
        let env = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let file = cli
            .config_file
            .clone()
            .or_else(|| env("RETROSPECT_CONFIG").map(PathBuf::from));
        let file_layer = match &file {
            Some(path) => read_file_layer(path)?,
            None => Layer::default(),
        };
        let env_layer = env_layer(&env)?;
        let cli_layer = Layer {
            database_url: cli.database_url,
            bind: cli.bind,
            secure_cookies: cli.secure_cookies,
            max_upload_bytes: cli.max_upload_bytes,
            session_hours: cli.session_hours,
            json_logs: cli.json_logs,
        };
        let mut config = Self::default();
        for layer in [file_layer, env_layer, cli_layer] {
            config.apply(layer);
        }
        if config.session_hours <= 0 {
            anyhow::bail!(
                "session_hours must be at least 1 (it is {})",
                config.session_hours
            );
        }
        Ok(config)
    }

    fn apply(&mut self, layer: Layer) {
        if layer.database_url.is_some() {
            self.database_url = layer.database_url;
        }
        if let Some(v) = layer.bind {
            self.bind = v;
        }
        if let Some(v) = layer.secure_cookies {
            self.secure_cookies = v;
        }
        if let Some(v) = layer.max_upload_bytes {
            self.max_upload_bytes = v;
        }
        if let Some(v) = layer.session_hours {
            self.session_hours = v;
        }
        if let Some(v) = layer.json_logs {
            self.json_logs = v;
        }
    }
}

fn read_file_layer(path: &Path) -> anyhow::Result<Layer> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("could not read the config file {}", path.display()))?;
    toml::from_str(&text)
        .with_context(|| format!("the config file {} is not valid", path.display()))
}

fn env_layer(env: &dyn Fn(&str) -> Option<String>) -> anyhow::Result<Layer> {
    fn parse<T: std::str::FromStr>(name: &str, value: Option<String>) -> anyhow::Result<Option<T>>
    where
        T::Err: std::fmt::Display,
    {
        value
            .map(|v| {
                v.trim()
                    .parse::<T>()
                    .map_err(|e| anyhow::anyhow!("{name}={v:?} is not valid: {e}"))
            })
            .transpose()
    }
    Ok(Layer {
        database_url: env("RETROSPECT_DATABASE_URL"),
        bind: parse("RETROSPECT_BIND", env("RETROSPECT_BIND"))?,
        secure_cookies: parse(
            "RETROSPECT_SECURE_COOKIES",
            env("RETROSPECT_SECURE_COOKIES"),
        )?,
        max_upload_bytes: parse(
            "RETROSPECT_MAX_UPLOAD_BYTES",
            env("RETROSPECT_MAX_UPLOAD_BYTES"),
        )?,
        session_hours: parse("RETROSPECT_SESSION_HOURS", env("RETROSPECT_SESSION_HOURS"))?,
        json_logs: parse("RETROSPECT_JSON_LOGS", env("RETROSPECT_JSON_LOGS"))?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn later_layers_win_and_unknown_keys_are_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("retrospect.toml");
        std::fs::write(&path, "bind = \"0.0.0.0:9000\"\nsession_hours = 5\n").expect("write");
        let config = ServeConfig::load(CliOverrides {
            config_file: Some(path.clone()),
            session_hours: Some(9),
            ..Default::default()
        })
        .expect("loads");
        assert_eq!(config.bind, SocketAddr::from(([0, 0, 0, 0], 9000)));
        assert_eq!(config.session_hours, 9);

        std::fs::write(&path, "colour = \"blue\"\n").expect("write");
        let err = ServeConfig::load(CliOverrides {
            config_file: Some(path),
            ..Default::default()
        })
        .expect_err("unknown key refused");
        assert!(format!("{err:#}").contains("colour"), "{err:#}");
    }
}
