//! Bad input never panics: a clear error or warning naming the file.

use std::io::Write;
use std::path::PathBuf;

use retrospect_logs::{LogError, Options, analyze_file, write_mine_csv};

fn tmp(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("retrospect-logs-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

#[test]
fn empty_file_is_a_warning() {
    let p = tmp("empty.log", b"");
    let a = analyze_file(&p, &Options::default(), &mut |_| {}).unwrap();
    assert_eq!(a.lines, 0);
    assert!(a.warnings[0].to_string().contains("empty.log"));
}

#[test]
fn binary_file_is_refused_by_name() {
    let p = tmp("blob.bin", &[0u8, 1, 2, 0, 255, 0, 10, 0]);
    let e = analyze_file(&p, &Options::default(), &mut |_| {}).unwrap_err();
    assert!(matches!(e, LogError::Binary { .. }));
    assert!(e.to_string().contains("blob.bin"));
}

#[test]
fn missing_file_names_the_path() {
    let e = analyze_file(
        &PathBuf::from("/nonexistent/x.log"),
        &Options::default(),
        &mut |_| {},
    )
    .unwrap_err();
    assert!(e.to_string().contains("/nonexistent/x.log"));
}

#[test]
fn no_timestamps_and_invalid_utf8() {
    let p = tmp(
        "plain.log",
        b"hello \xff\xfe world 1\nhello \xc3\x28 world 2\nplain text\n",
    );
    let a = analyze_file(&p, &Options::default(), &mut |_| {}).unwrap();
    assert_eq!(a.lines, 3);
    assert_eq!(a.lines_with_time, 0);
    assert!(
        a.warnings
            .iter()
            .any(|w| w.message.contains("no timestamps"))
    );
    assert_eq!(a.templates.iter().map(|t| t.count).sum::<u64>(), 3);
}

#[test]
fn huge_line_is_cut_not_fatal() {
    let mut data = b"2024-01-02 03:04:05 INFO start\n2024-01-02 03:04:06 INFO ".to_vec();
    data.extend(std::iter::repeat_n(b'x', 10 << 20));
    data.extend_from_slice(b"\n2024-01-02 03:04:07 INFO end\n");
    let p = tmp("huge.log", &data);
    let a = analyze_file(&p, &Options::default(), &mut |_| {}).unwrap();
    assert_eq!(a.lines, 3);
    assert_eq!(a.truncated_lines, 1);
    assert!(a.warnings.iter().any(|w| w.message.contains("cut")));
}

#[test]
fn gzip_and_truncated_gzip() {
    let mut text = Vec::new();
    for i in 0..5000 {
        writeln!(
            text,
            "2024-01-02T03:04:{:02}Z worker {i} finished job {}",
            i % 60,
            i * 7
        )
        .unwrap();
    }
    let gz = gzip(&text);
    let p = tmp("ok.log.gz", &gz);
    let a = analyze_file(&p, &Options::default(), &mut |_| {}).unwrap();
    assert!(a.gzip);
    assert_eq!(a.lines, 5000);
    let p = tmp("cut.log.gz", &gz[..gz.len() / 2]);
    let a = analyze_file(&p, &Options::default(), &mut |_| {}).unwrap();
    assert!(a.lines < 5000);
    assert!(
        a.warnings
            .iter()
            .any(|w| w.to_string().contains("cut.log.gz") && w.message.contains("byte"))
    );
}

#[test]
fn mine_csv_rows_and_continuations() {
    let p = tmp(
        "java.log",
        b"2024-01-02 03:04:05,678 ERROR [main] a.B: boom, \"x\"\n\tat a.B.c(B.java:1)\n2024-01-02 03:04:06,000 INFO [main] a.B: ok\n",
    );
    let mut out = Vec::new();
    let s = write_mine_csv(&[p], &Options::default(), &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    let rows: Vec<&str> = text.lines().collect();
    assert_eq!(rows[0], "line,timestamp,template_id,template");
    assert!(rows[1].starts_with("1,2024-01-02T03:04:05.678Z,"));
    assert!(rows[1].ends_with("\"boom, \"\"x\"\"\""), "{}", rows[1]);
    // The stack frame continues record 1: same template, no timestamp.
    let id1 = rows[1].split(',').nth(2).unwrap();
    assert_eq!(rows[2], format!("2,,{id1},\"boom, \"\"x\"\"\""));
    assert_eq!(s.lines, 3);
}
