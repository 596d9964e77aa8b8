//! Any bytes: `from_json` returns a post-mortem or an error, never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = retrospect_markdown::from_json("fuzz.json", data);
});
