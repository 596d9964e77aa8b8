#![no_main]
//! Whole mining pipeline (header split, masking, Drain, merge) on arbitrary bytes.
use libfuzzer_sys::fuzz_target;
use retrospect_logs::{Options, mine_text};

fuzz_target!(|data: &[u8]| {
    let m = mine_text(data, &Options::default());
    for l in &m.lines {
        assert!((l.template as usize) < m.templates.len());
    }
});
