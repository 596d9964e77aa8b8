//! Runs the web application alone (for trying it out and for the load
//! benchmark): `cargo run -p retrospect-web --release --example serve -- [DATABASE_URL] [BIND]`.
//! Settings also come from `RETROSPECT_*` variables and `RETROSPECT_CONFIG`.

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let database_url = args.next();
    let bind = args.next().map(|b| b.parse()).transpose()?;
    let config = retrospect_web::ServeConfig::load(retrospect_web::CliOverrides {
        database_url,
        bind,
        ..Default::default()
    })?;
    retrospect_web::serve(config).await
}
