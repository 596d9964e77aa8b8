//! Any bytes: `from_bytes` returns a post-mortem or an error, never panics,
//! and whatever it imports survives export and re-import unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use retrospect_domain::Timestamp;
use retrospect_markdown::{from_bytes, from_markdown_at, to_markdown};

fuzz_target!(|data: &[u8]| {
    let Ok(import) = from_bytes("fuzz.md", data) else { return };
    let markdown = to_markdown(&import.postmortem);
    let again = from_markdown_at(&markdown, Timestamp::UNIX_EPOCH, None)
        .unwrap_or_else(|e| panic!("an export could not be read back: {e}\n{markdown}"));
    assert_eq!(again.postmortem, import.postmortem, "{markdown}");
});
