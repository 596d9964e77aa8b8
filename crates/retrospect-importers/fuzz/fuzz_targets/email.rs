//! One message of any bytes: reading it never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = retrospect_importers::email::read_mail(data);
    let _ = retrospect_importers::email::summarize(data);
});
