//! Prints what each path given holds and what importing it gives.
use retrospect_importers::{ImportOptions, detect, import};

fn main() {
    let opts = ImportOptions::new(retrospect_domain::Timestamp::now());
    for arg in std::env::args().skip(1) {
        let path = std::path::Path::new(&arg);
        let kind = detect(path);
        match import(path, &opts, &mut |_| {}) {
            Ok(batch) => {
                for i in batch {
                    println!(
                        "{arg}: {:?} -> {} entries, {} skipped",
                        kind.as_ref().map(|k| k.name()),
                        i.entries.len(),
                        i.skipped.len()
                    );
                    for e in i.entries.iter().take(3) {
                        println!(
                            "   {} {:?} {:?} {}",
                            e.at,
                            e.zone,
                            e.actor,
                            e.text.chars().take(100).collect::<String>()
                        );
                    }
                    for s in i.skipped.iter().take(3) {
                        println!("   skipped {}: {}", s.place, s.reason);
                    }
                }
            }
            Err(e) => println!("{arg}: {:?} -> error: {e}", kind.as_ref().map(|k| k.name())),
        }
    }
}
