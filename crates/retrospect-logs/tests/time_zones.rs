//! `--tz` with an IANA zone: zone-less timestamps are read in that zone,
//! daylight saving time honoured line by line; explicit offsets win.

use std::path::PathBuf;

use retrospect_logs::{Options, write_mine_csv};

fn tmp(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("retrospect-logs-tz-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

fn timestamps(path: PathBuf, opts: &Options) -> Vec<String> {
    let mut out = Vec::new();
    write_mine_csv(&[path], opts, &mut out).unwrap();
    String::from_utf8(out)
        .unwrap()
        .lines()
        .skip(1)
        .map(|r| r.split(',').nth(1).unwrap_or("").to_string())
        .collect()
}

#[test]
fn berlin_across_both_changes_of_a_year() {
    let log = "\
Mar 31 01:59:59 host app[1]: before the spring change
Mar 31 03:00:00 host app[1]: after the spring change
Jul 15 12:00:00 host app[1]: summer
Oct 27 01:30:00 host app[1]: before the autumn change
Oct 27 03:30:00 host app[1]: after the autumn change
Dec 24 18:00:00 host app[1]: winter
";
    let opts = Options {
        year: Some(2024),
        ..Options::default()
    }
    .with_tz("Europe/Berlin")
    .unwrap();
    assert_eq!(
        timestamps(tmp("berlin.log", log), &opts),
        [
            "2024-03-31T00:59:59Z",
            "2024-03-31T01:00:00Z",
            "2024-07-15T10:00:00Z",
            "2024-10-26T23:30:00Z",
            "2024-10-27T02:30:00Z",
            "2024-12-24T17:00:00Z",
        ]
    );
}

#[test]
fn explicit_offsets_win_and_fixed_offsets_still_work() {
    let log = "\
2024-07-15T12:00:00+00:00 INFO written with an offset
2024-07-15 12:00:00,000 INFO written without one
";
    let named = Options::default().with_tz("America/New_York").unwrap();
    assert_eq!(
        timestamps(tmp("mixed.log", log), &named),
        ["2024-07-15T12:00:00Z", "2024-07-15T16:00:00Z"]
    );
    let fixed = Options {
        tz_offset: Options::parse_tz("+02:00").unwrap(),
        ..Options::default()
    };
    assert_eq!(
        timestamps(tmp("fixed.log", log), &fixed),
        ["2024-07-15T12:00:00Z", "2024-07-15T10:00:00Z"]
    );
}

#[test]
fn unknown_zone_is_a_clear_error() {
    let e = Options::default().with_tz("Europe/Atlantis").unwrap_err();
    let text = e.to_string();
    assert!(
        text.contains("Europe/Atlantis") && text.contains("--tz"),
        "{text}"
    );
}
