//! Prints the messages people get for hostile front matter (for reviewing wording).
fn main() {
    let deep = format!(
        "---\ntitle: deep\nx: {}{}\n---\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let mut laughs = String::from("---\nlol0: &lol0 \"lol\"\n");
    for i in 1..10 {
        let refs = vec![format!("*lol{}", i - 1); 10].join(", ");
        laughs.push_str(&format!("lol{i}: &lol{i} [{refs}]\n"));
    }
    laughs.push_str("title: *lol9\n---\n");
    let mut block = String::from("---\n");
    for depth in 0..1_000 {
        block.push_str(&format!("{}k{depth}:\n", " ".repeat(depth)));
    }
    block.push_str("---\n");
    for (name, doc) in [
        ("deep.md", deep),
        ("laughs.md", laughs),
        ("block.md", block),
        (
            "bad.md",
            "---\ntitle: Outage\ntags: [a, b\nkind: x\n---\n".into(),
        ),
        (
            "ours.md",
            "---\nformat: retrospect/1\ntitle: Outage\nkind: outage2\n---\n".into(),
        ),
    ] {
        match retrospect_markdown::from_bytes(name, doc.as_bytes()) {
            Ok(_) => println!("{name}: accepted"),
            Err(e) => println!("{e}"),
        }
    }
}
