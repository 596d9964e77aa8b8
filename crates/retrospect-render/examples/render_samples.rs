//! Writes the sample pictures and the HTML export to a folder so anyone can
//! look at them (and screenshot them with a headless browser), and prints how
//! long each took to render:
//!
//! ```sh
//! cargo run --release -p retrospect-render --example render_samples -- /tmp/render-samples
//! ```

#[path = "../tests/common/samples.rs"]
mod samples;

use std::path::PathBuf;
use std::time::Instant;

fn main() -> std::io::Result<()> {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "render-samples".into()),
    );
    std::fs::create_dir_all(&dir)?;
    let mut files: Vec<(String, String, f64)> = Vec::new();
    let mut timed = |name: String, render: &dyn Fn() -> String| {
        let started = Instant::now();
        let content = render();
        files.push((name, content, started.elapsed().as_secs_f64() * 1000.0));
    };
    for n in [1, 3, 12, 30] {
        let pm = samples::with_causes(n);
        timed(format!("fishbone-{n}.svg"), &|| {
            retrospect_render::fishbone_svg(&pm)
        });
        timed(format!("whys-{n}.svg"), &|| {
            retrospect_render::whys_tree_svg(&pm)
        });
        timed(format!("whys-{n}.txt"), &|| {
            retrospect_render::whys_tree_text(&pm)
        });
    }
    // The crowded case: thirty causes on one bone, some very long.
    let texts: Vec<String> = samples::CAUSE_TEXTS
        .iter()
        .map(|t| t.repeat(1 + t.len() % 3))
        .collect();
    let one_bone = samples::with_cause_texts(
        &texts,
        &[Some(1); 30],
        &[None, Some(0), Some(1), None, Some(3)],
    );
    timed("fishbone-30-one-bone.svg".into(), &|| {
        retrospect_render::fishbone_svg(&one_bone)
    });
    for n in [1, 10, 60, 500, 5000] {
        let pm = samples::with_timeline(n);
        timed(format!("timeline-{n}.svg"), &|| {
            retrospect_render::timeline_svg(&pm)
        });
    }
    let complete = samples::complete();
    timed("postmortem.html".into(), &|| {
        retrospect_render::html_document(&complete, &retrospect_render::HtmlOptions::default())
    });
    let shared = retrospect_render::HtmlOptions {
        pseudonymise: true,
        include_comments: false,
    };
    timed("postmortem-pseudonymised.html".into(), &|| {
        retrospect_render::html_document(&complete, &shared)
    });
    let big = samples::with_timeline(500);
    timed("postmortem-500-entries.html".into(), &|| {
        retrospect_render::html_document(&big, &retrospect_render::HtmlOptions::default())
    });
    for (name, content, ms) in files {
        let path = dir.join(&name);
        std::fs::write(&path, &content)?;
        println!(
            "{:>9.2} ms {:>8} bytes  {}",
            ms,
            content.len(),
            path.display()
        );
    }
    Ok(())
}
