//! Benchmark: writes an mbox of many messages (threads, quotes, signatures,
//! some attachments) to a temporary folder, imports it, and prints the time,
//! messages per second and peak memory (VmHWM from /proc/self/status).
//!
//! `cargo run --release -p retrospect-importers --bin mbox-bench -- [messages] [body-kb]`
//! (defaults: 100000 messages, 2 KB bodies). Run it with a larger body size
//! to see that peak memory follows the number of messages, not the file size.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use retrospect_domain::Timestamp;
use retrospect_importers::{ImportOptions, email};

fn peak_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn write_mbox(path: &Path, messages: usize, body_kb: usize) -> std::io::Result<u64> {
    let mut out = BufWriter::with_capacity(1 << 20, File::create(path)?);
    let filler = "The replica lag grew while the batch job ran; we watched the graphs and waited. ";
    let mut written = 0u64;
    for i in 0..messages {
        let thread = i / 10;
        let minute = i % 60;
        let hour = (i / 60) % 24;
        let day = 1 + (i / 1440) % 28;
        let zone = ["+0000", "+0200", "-0700", "+0530"][i % 4];
        let mut m = String::with_capacity(body_kb * 1024 + 1024);
        m.push_str("From ops@example.org Tue Mar  5 10:00:00 2024\n");
        m.push_str(&format!(
            "From: Person {} <p{}@example.org>\n",
            i % 37,
            i % 37
        ));
        m.push_str(&format!(
            "Subject: {}Incident {thread} follow-up\n",
            if i % 10 == 0 { "" } else { "Re: " }
        ));
        m.push_str(&format!(
            "Date: Tue, {day:02} Mar 2024 {hour:02}:{minute:02}:00 {zone}\n"
        ));
        m.push_str(&format!("Message-ID: <m{i}@example.org>\n"));
        if i % 10 != 0 {
            let root = thread * 10;
            m.push_str(&format!("In-Reply-To: <m{}@example.org>\nReferences: <m{root}@example.org> <m{}@example.org>\n", i - 1, i - 1));
        }
        let attach = i % 50 == 0;
        if attach {
            m.push_str("MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"b\"\n\n--b\nContent-Type: text/plain\n\n");
        } else {
            m.push('\n');
        }
        m.push_str(&format!("Update {i}: the database is recovering.\n"));
        while m.len() < body_kb * 1024 {
            m.push_str(filler);
            m.push('\n');
        }
        m.push_str(
            "\nOn Tue, someone wrote:\n> earlier text\n> more earlier text\n\n-- \nOps team\n",
        );
        if attach {
            m.push_str("--b\nContent-Type: application/pdf; name=\"graph.pdf\"\nContent-Disposition: attachment; filename=\"graph.pdf\"\nContent-Transfer-Encoding: base64\n\n");
            for _ in 0..100 {
                m.push_str(
                    "JVBERi0xLjQKJcfsj6IKNSAwIG9iago8PC9MZW5ndGggNiAwIFI+PgpzdHJlYW0KeJwr\n",
                );
            }
            m.push_str("--b--\n");
        }
        m.push('\n');
        out.write_all(m.as_bytes())?;
        written += m.len() as u64;
    }
    out.flush()?;
    Ok(written)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let messages: usize = args
        .next()
        .map(|a| a.parse())
        .transpose()?
        .unwrap_or(100_000);
    let body_kb: usize = args.next().map(|a| a.parse()).transpose()?.unwrap_or(2);
    let dir: PathBuf = std::env::temp_dir().join(format!("mbox-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let path = dir.join("bench.mbox");
    let started = Instant::now();
    let bytes = write_mbox(&path, messages, body_kb)?;
    println!(
        "wrote {messages} messages, {:.1} MiB, in {:.1} s",
        bytes as f64 / (1 << 20) as f64,
        started.elapsed().as_secs_f64()
    );
    let before = peak_memory_kib();
    let opts = ImportOptions::new(Timestamp::now());
    let started = Instant::now();
    let result = email::import_mbox(&path, &opts, &mut |_| {});
    let elapsed = started.elapsed().as_secs_f64();
    let _ = std::fs::remove_dir_all(&dir);
    let imported = result?;
    let threads: std::collections::HashSet<_> = imported.threads.iter().flatten().collect();
    println!(
        "imported {} entries ({} skipped, {} threads) in {elapsed:.2} s: {:.0} messages/s, {:.1} MiB/s",
        imported.entries.len(),
        imported.skipped.len(),
        threads.len(),
        messages as f64 / elapsed,
        bytes as f64 / (1 << 20) as f64 / elapsed
    );
    match (before, peak_memory_kib()) {
        (Some(b), Some(a)) => println!(
            "peak memory (VmHWM): {:.1} MiB (before import {:.1} MiB)",
            a as f64 / 1024.0,
            b as f64 / 1024.0
        ),
        _ => println!("peak memory: /proc/self/status not available"),
    }
    if imported.entries.len() != messages {
        return Err(format!(
            "expected {messages} entries, got {}",
            imported.entries.len()
        )
        .into());
    }
    Ok(())
}
