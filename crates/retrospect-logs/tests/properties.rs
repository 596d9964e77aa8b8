//! Property tests: the detector and the miner never panic on arbitrary
//! bytes, mining is deterministic, every line gets a template, masking is
//! idempotent.

use proptest::prelude::*;
use retrospect_logs::mask::mask_str;
use retrospect_logs::time::{self, Format, Kind};
use retrospect_logs::{Options, mine_text};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn detector_never_panics(lines in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..120), 0..20)) {
        let fmt = time::detect(lines.iter().map(|l| l.as_slice()));
        for l in &lines {
            if let Some(f) = fmt {
                let _ = time::find(l, f);
            }
            for kind in [Kind::Iso, Kind::Syslog, Kind::Epoch, Kind::Json] {
                let _ = time::find(l, Format { kind, boundary: 1 });
            }
        }
    }

    #[test]
    fn timestamps_round_trip(secs in 946_684_800i64..4_102_444_799, micros in 0i64..1_000_000) {
        let t = retrospect_logs::Timestamp(secs * 1_000_000 + micros);
        prop_assert_eq!(retrospect_logs::Timestamp::parse_rfc3339(&t.to_string()), Some(t));
    }

    #[test]
    fn miner_total_and_deterministic(data in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let a = mine_text(&data, &Options::default());
        let b = mine_text(&data, &Options::default());
        prop_assert_eq!(&a.lines, &b.lines);
        prop_assert_eq!(&a.templates, &b.templates);
        for l in &a.lines {
            prop_assert!((l.template as usize) < a.templates.len());
        }
    }

    #[test]
    fn masking_idempotent(s in "[ -~]{0,80}") {
        let once = mask_str(&s);
        prop_assert_eq!(mask_str(&once), once.clone());
    }
}
