//! Writes the sample pictures and the HTML export to a folder so anyone can
//! look at them (and screenshot them with a headless browser):
//!
//! ```sh
//! cargo run -p retrospect-render --example render_samples -- /tmp/render-samples
//! ```

#[path = "../tests/common/samples.rs"]
mod samples;

use std::path::PathBuf;

fn main() -> std::io::Result<()> {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "render-samples".into()),
    );
    std::fs::create_dir_all(&dir)?;
    let mut written = Vec::new();
    let mut write = |name: &str, content: String| -> std::io::Result<()> {
        let path = dir.join(name);
        std::fs::write(&path, content)?;
        written.push(path);
        Ok(())
    };
    for n in [1, 3, 12, 30] {
        write(
            &format!("fishbone-{n}.svg"),
            retrospect_render::fishbone_svg(&samples::with_causes(n)),
        )?;
    }
    for path in written {
        println!("{}", path.display());
    }
    Ok(())
}
