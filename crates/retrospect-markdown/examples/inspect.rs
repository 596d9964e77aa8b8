//! Imports Markdown files and shows what was recognised, for people checking
//! how a document in another shape is read:
//! `cargo run -p retrospect-markdown --example inspect -- FILE... [--export]`

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let export = args.iter().any(|a| a == "--export");
    for path in args.iter().filter(|a| !a.starts_with("--")) {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        match retrospect_markdown::from_bytes(path, &bytes) {
            Err(e) => println!("ERROR {e}"),
            Ok(import) => {
                let pm = &import.postmortem;
                println!("== {path}\n   title: {}", pm.title);
                for r in &import.recognised {
                    println!("   + {r}");
                }
                for w in &import.warnings {
                    println!("   ! {w}");
                }
                for t in &pm.timeline {
                    let first = t.text.lines().next().unwrap_or("");
                    println!(
                        "   T{} {} [{}] {}",
                        t.id,
                        t.at,
                        t.zone.as_deref().unwrap_or("-"),
                        first.chars().take(70).collect::<String>()
                    );
                }
                for s in &pm.sections {
                    println!("   § {} ({} bytes)", s.heading, s.body.len());
                }
                if export {
                    println!("{}", retrospect_markdown::to_markdown(pm));
                }
            }
        }
    }
}
