//! A mailbox of any bytes: the streaming reader never panics and never
//! returns more message bytes than it was given.
#![no_main]

use libfuzzer_sys::fuzz_target;
use retrospect_importers::email::mbox::MboxReader;

fuzz_target!(|data: &[u8]| {
    let mut reader = MboxReader::new(std::io::BufReader::new(data), 1 << 16);
    let mut total = 0;
    while let Ok(Some(message)) = reader.next_message() {
        total += message.bytes.len();
    }
    assert!(total <= data.len());
});
