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
    let mut files: Vec<(String, String)> = Vec::new();
    for n in [1, 3, 12, 30] {
        let pm = samples::with_causes(n);
        files.push((
            format!("fishbone-{n}.svg"),
            retrospect_render::fishbone_svg(&pm),
        ));
        files.push((
            format!("whys-{n}.svg"),
            retrospect_render::whys_tree_svg(&pm),
        ));
        files.push((
            format!("whys-{n}.txt"),
            retrospect_render::whys_tree_text(&pm),
        ));
    }
    for n in [1, 10, 60, 500] {
        let pm = samples::with_timeline(n);
        files.push((
            format!("timeline-{n}.svg"),
            retrospect_render::timeline_svg(&pm),
        ));
    }
    let complete = samples::complete();
    let opts = retrospect_render::HtmlOptions::default();
    files.push((
        "postmortem.html".into(),
        retrospect_render::html_document(&complete, &opts),
    ));
    let shared = retrospect_render::HtmlOptions {
        pseudonymise: true,
        include_comments: false,
    };
    files.push((
        "postmortem-pseudonymised.html".into(),
        retrospect_render::html_document(&complete, &shared),
    ));
    for (name, content) in files {
        let path = dir.join(name);
        std::fs::write(&path, content)?;
        println!("{}", path.display());
    }
    Ok(())
}
