//! Pictures of a post-mortem: the fishbone and the 5 Whys tree.

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Args;
use retrospect_store::Store;

#[derive(Args, Debug)]
#[command(
    after_help = "Example:\n  retrospect fishbone 1 --svg fishbone.svg\n  retrospect fishbone 1 --whys-svg whys.svg"
)]
pub struct FishboneArgs {
    pub id: i64,
    /// Write the fishbone (Ishikawa) diagram to this SVG file.
    #[arg(long)]
    pub svg: Option<PathBuf>,
    /// Write the 5 Whys tree to this SVG file.
    #[arg(long)]
    pub whys_svg: Option<PathBuf>,
}

pub async fn fishbone(store: &dyn Store, args: FishboneArgs) -> Result<()> {
    let pm = store.get(args.id).await?;
    if let Some(path) = &args.svg {
        write(path, &retrospect_render::fishbone_svg(&pm))?;
    }
    if let Some(path) = &args.whys_svg {
        write(path, &retrospect_render::whys_tree_svg(&pm))?;
    }
    if args.svg.is_none() && args.whys_svg.is_none() {
        print!("{}", retrospect_render::whys_tree_text(&pm));
        eprintln!("(pass --svg FILE for the fishbone picture)");
    }
    Ok(())
}

pub fn write(path: &PathBuf, svg: &str) -> Result<()> {
    std::fs::write(path, svg).with_context(|| format!("could not write {}", path.display()))?;
    eprintln!("Wrote {}.", path.display());
    Ok(())
}
