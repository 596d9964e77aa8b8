#![no_main]
//! Timestamp detection and parsing on arbitrary bytes.
use libfuzzer_sys::fuzz_target;
use retrospect_logs::time;

fuzz_target!(|data: &[u8]| {
    let lines: Vec<&[u8]> = data.split(|c| *c == b'\n').collect();
    if let Some(fmt) = time::detect(lines.iter().copied()) {
        for l in &lines {
            let _ = time::find(l, fmt);
        }
    }
});
