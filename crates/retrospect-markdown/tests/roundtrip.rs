//! Export then import is lossless: for any valid post-mortem, reading back
//! what `to_markdown` wrote gives an equal post-mortem, and writing that again
//! gives the same bytes.

mod common;

use proptest::prelude::*;
use retrospect_domain::Timestamp;
use retrospect_markdown::{from_markdown_at, to_markdown};

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn markdown_round_trip_is_lossless(pm in common::postmortem()) {
        let markdown = to_markdown(&pm);
        let imported = from_markdown_at(&markdown, Timestamp::UNIX_EPOCH, None)
            .map_err(|e| TestCaseError::fail(format!("{e}\n---\n{markdown}")))?;
        prop_assert_eq!(&imported.postmortem, &pm, "markdown was:\n{}", markdown);
        prop_assert!(imported.warnings.is_empty(), "warnings: {:?}\n{}", imported.warnings, markdown);
        prop_assert_eq!(to_markdown(&imported.postmortem), markdown);
    }
}
