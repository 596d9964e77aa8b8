//! A small stand-alone CLI for CI and the evaluation harness. The product binary
//! (`retrospect lint`) wraps the same library calls.
//!
//! ```text
//! retrospect-coach lint [--format human|json|sarif] [--fail-on info|warning|error]
//!                       [--config FILE] [--names A,B] [--section NAME] FILE... (- = stdin)
//! retrospect-coach jsonl [--config FILE] [--names A,B] < input.jsonl > output.jsonl
//! ```

use retrospect_coach::{
    Config, Context, Finding, Section, Severity, exit_code, lint_markdown, run_jsonl, to_human,
    to_json, to_sarif,
};
use std::io::{self, Read, Write};
use std::process::ExitCode;

struct Args {
    command: String,
    format: String,
    fail_on: Option<Severity>,
    ctx: Context,
    files: Vec<String>,
}

fn usage() -> String {
    "usage: retrospect-coach lint [--format human|json|sarif] [--fail-on SEVERITY] [--config FILE] [--names A,B] [--section NAME] FILE...\n       retrospect-coach jsonl [--config FILE] [--names A,B] < in.jsonl".to_string()
}

fn parse_args(mut it: impl Iterator<Item = String>) -> Result<Args, String> {
    let command = it.next().ok_or_else(usage)?;
    let mut args = Args {
        command,
        format: "human".into(),
        fail_on: Some(Severity::Error),
        ctx: Context::new(),
        files: Vec::new(),
    };
    while let Some(a) = it.next() {
        let mut value = |name: &str| it.next().ok_or(format!("{name} needs a value"));
        match a.as_str() {
            "--format" => args.format = value("--format")?,
            "--fail-on" => {
                let v = value("--fail-on")?;
                args.fail_on = if v == "never" || v == "none" {
                    None
                } else {
                    Some(Severity::parse(&v).ok_or(format!("unknown severity {v:?}"))?)
                };
            }
            "--config" => {
                let path = value("--config")?;
                let src = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
                args.ctx.config =
                    Config::from_toml_str(&src).map_err(|e| format!("{path}: {e}"))?;
            }
            "--names" => args
                .ctx
                .names
                .extend(value("--names")?.split(',').map(|s| s.trim().to_string())),
            "--section" => args.ctx.section = Section::parse(&value("--section")?),
            "-h" | "--help" => return Err(usage()),
            _ => args.files.push(a),
        }
    }
    Ok(args)
}

fn read_input(path: &str) -> Result<String, String> {
    if path == "-" {
        let mut s = String::new();
        io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| format!("stdin: {e}"))?;
        Ok(s)
    } else {
        std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))
    }
}

fn lint(args: &Args) -> Result<i32, String> {
    if args.files.is_empty() {
        return Err(usage());
    }
    let mut results: Vec<(String, Vec<Finding>)> = Vec::new();
    for f in &args.files {
        let text = read_input(f)?;
        results.push((f.clone(), lint_markdown(&text, &args.ctx)));
    }
    let mut out = io::stdout().lock();
    let write_err = |e: io::Error| e.to_string();
    match args.format.as_str() {
        "human" => {
            for (path, findings) in &results {
                out.write_all(to_human(path, findings).as_bytes())
                    .map_err(write_err)?;
            }
        }
        "json" => {
            let all: Vec<Finding> = results
                .iter()
                .flat_map(|(_, f)| f.iter().cloned())
                .collect();
            writeln!(out, "{}", to_json(&all)).map_err(write_err)?;
        }
        "sarif" => {
            let files: Vec<(&str, &[Finding])> = results
                .iter()
                .map(|(p, f)| (p.as_str(), f.as_slice()))
                .collect();
            writeln!(out, "{}", to_sarif(&files)).map_err(write_err)?;
        }
        other => return Err(format!("unknown format {other:?}")),
    }
    let all: Vec<Finding> = results.into_iter().flat_map(|(_, f)| f).collect();
    Ok(exit_code(&all, args.fail_on))
}

fn main() -> ExitCode {
    let result =
        parse_args(std::env::args().skip(1)).and_then(|args| match args.command.as_str() {
            "lint" => lint(&args),
            "jsonl" => {
                let stdin = io::stdin().lock();
                let stdout = io::BufWriter::new(io::stdout().lock());
                run_jsonl(stdin, stdout, &args.ctx)
                    .map(|_| 0)
                    .map_err(|e| e.to_string())
            }
            _ => Err(usage()),
        });
    match result {
        Ok(code) => ExitCode::from(code as u8),
        Err(msg) => {
            eprintln!("{msg}");
            ExitCode::from(2)
        }
    }
}
