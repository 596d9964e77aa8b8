//! The blameless-language coach on the command line: `lint` for files, and the
//! publish gate (`publish`, `ack`) for stored post-mortems.

use std::io::{BufReader, Read};
use std::path::PathBuf;

use anyhow::{Context as _, Result, bail};
use clap::{Args, ValueEnum};
use retrospect_coach::{Config, Context, Finding, Section, Severity};
use retrospect_domain::{Acknowledgement, PostMortem, Timestamp};
use retrospect_store::Store;

use super::modify;

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum LintFormat {
    Human,
    Json,
    Sarif,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailOn {
    Info,
    Warning,
    Error,
    Never,
}

#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  retrospect lint postmortems/*.md\n  echo \"Dave should have checked the config\" | retrospect lint -\n  retrospect lint --format sarif docs/ > lint.sarif\n  retrospect lint --jsonl - < sentences.jsonl\n\nIgnore comments in Markdown:\n  <!-- retrospect-ignore RULE -->          the next block\n  <!-- retrospect-disable RULE --> ... <!-- retrospect-enable RULE -->"
)]
pub struct LintArgs {
    /// Markdown or text files; `-` reads standard input.
    #[arg(default_value = "-")]
    pub files: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = LintFormat::Human)]
    pub format: LintFormat,
    /// Exit with 1 when a finding is at or above this severity.
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    pub fail_on: FailOn,
    /// A TOML file with allowed terms, severities and known names.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Names of people involved, so the coach can tell people from systems.
    #[arg(long = "name", value_name = "NAME")]
    pub names: Vec<String>,
    /// Batch mode: read JSON lines ({"id","text"} or {"id","action"}) and write one JSON line each.
    #[arg(long)]
    pub jsonl: bool,
}

/// Runs `retrospect lint`; returns the process exit code.
pub fn lint(args: LintArgs) -> Result<i32> {
    let mut ctx = Context::new().with_names(args.names.iter().cloned());
    if let Some(path) = &args.config {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("{}: cannot read the config file", path.display()))?;
        let config =
            Config::from_toml_str(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        ctx = ctx.with_config(config);
    }
    if args.jsonl {
        let stdin = std::io::stdin();
        let stdout = std::io::stdout();
        retrospect_coach::run_jsonl(BufReader::new(stdin.lock()), stdout.lock(), &ctx)?;
        return Ok(0);
    }
    let mut results: Vec<(String, Vec<Finding>)> = Vec::new();
    for path in &args.files {
        let (name, text) = read_input(path)?;
        let findings = retrospect_coach::lint_markdown(&text, &ctx);
        results.push((name, findings));
    }
    match args.format {
        LintFormat::Human => {
            for (name, findings) in &results {
                print!("{}", retrospect_coach::to_human(name, findings));
            }
            let total: usize = results.iter().map(|(_, f)| f.len()).sum();
            if total == 0 {
                eprintln!("No blaming language found.");
            } else {
                eprintln!(
                    "{total} finding(s). Each is a prompt to describe the system, not a verdict on a person."
                );
            }
        }
        LintFormat::Json => {
            let all: Vec<Finding> = results
                .iter()
                .flat_map(|(_, f)| f.iter().cloned())
                .collect();
            if results.len() == 1 {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&retrospect_coach::to_json(&all))?
                );
            } else {
                let per_file: Vec<serde_json::Value> = results
                    .iter()
                    .map(|(n, f)| serde_json::json!({ "file": n, "findings": retrospect_coach::to_json(f) }))
                    .collect();
                println!("{}", serde_json::to_string_pretty(&per_file)?);
            }
        }
        LintFormat::Sarif => {
            let files: Vec<(&str, &[Finding])> = results
                .iter()
                .map(|(n, f)| (n.as_str(), f.as_slice()))
                .collect();
            println!(
                "{}",
                serde_json::to_string_pretty(&retrospect_coach::to_sarif(&files))?
            );
        }
    }
    let fail_on = match args.fail_on {
        FailOn::Info => Some(Severity::Info),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Error => Some(Severity::Error),
        FailOn::Never => None,
    };
    let all: Vec<Finding> = results.into_iter().flat_map(|(_, f)| f).collect();
    Ok(retrospect_coach::exit_code(&all, fail_on))
}

fn read_input(path: &PathBuf) -> Result<(String, String)> {
    if path.as_os_str() == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .context("standard input is not UTF-8 text")?;
        return Ok(("<stdin>".into(), text));
    }
    let bytes = std::fs::read(path)
        .with_context(|| format!("{}: cannot read this file", path.display()))?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok((path.display().to_string(), text)),
        Err(e) => bail!(
            "{}: byte {} is not UTF-8 text; the linter reads Markdown and text files",
            path.display(),
            e.utf8_error().valid_up_to()
        ),
    }
}

/// One coach finding inside a stored post-mortem, with where it was found.
pub struct PartFinding {
    pub part: String,
    pub finding: Finding,
}

/// Lints every piece of text people wrote in a post-mortem, each with its section.
pub fn lint_postmortem(pm: &PostMortem) -> Vec<PartFinding> {
    let base = Context::new().with_names(pm.known_names());
    let mut out = Vec::new();
    let mut check = |part: String, section: Section, text: &str| {
        let ctx = base.clone().with_section(section);
        for finding in retrospect_coach::lint_text(text, &ctx) {
            out.push(PartFinding {
                part: part.clone(),
                finding,
            });
        }
    };
    check("summary".into(), Section::Summary, &pm.summary);
    check("impact".into(), Section::Summary, &pm.impact);
    for t in pm.visible_timeline() {
        check(format!("T{}", t.id), Section::Timeline, &t.text);
    }
    for c in &pm.causes {
        check(format!("C{}", c.id), Section::Why, &c.text);
    }
    for l in &pm.lessons {
        check(format!("L{}", l.id), Section::Lesson, &l.text);
    }
    for a in &pm.actions {
        check(format!("A{}", a.id), Section::Action, &a.text);
    }
    for c in &pm.comments {
        check(format!("comment {}", c.id), Section::Comment, &c.text);
    }
    for s in &pm.sections {
        check(s.heading.clone(), Section::Summary, &s.body);
    }
    out
}

/// Findings that still block publishing: at warning or above, not acknowledged.
pub fn blocking_findings(pm: &PostMortem) -> Vec<PartFinding> {
    lint_postmortem(pm)
        .into_iter()
        .filter(|f| f.finding.severity >= Severity::Warning)
        .filter(|f| !pm.is_acknowledged(&f.finding.fingerprint().id()))
        .collect()
}

pub async fn publish(store: &dyn Store, id: i64) -> Result<()> {
    let pm = store.get(id).await?;
    let blocking = blocking_findings(&pm);
    if !blocking.is_empty() {
        eprintln!(
            "Post-mortem {id} is not published yet: the language coach has {} finding(s).",
            blocking.len()
        );
        for f in &blocking {
            eprintln!(
                "  [{}] {} — {}: \"{}\"",
                f.finding.fingerprint().id(),
                f.part,
                f.finding.rule,
                f.finding.text
            );
            eprintln!("      {}", f.finding.message);
            if let Some(r) = f.finding.reframe() {
                eprintln!("      try: {r}");
            }
        }
        bail!(
            "reword these, or have a facilitator keep them with: retrospect ack {id} FINDING_ID --reason \"...\" --by NAME"
        );
    }
    // The domain makes the final check against the same fingerprints.
    let open: Vec<String> = lint_postmortem(&pm)
        .iter()
        .filter(|f| f.finding.severity >= Severity::Warning)
        .map(|f| f.finding.fingerprint().id())
        .collect();
    let (pm, ()) = modify(store, id, Some(pm.version), |pm| pm.publish(&open)).await?;
    println!(
        "Published post-mortem {} (version {}). Thank you for writing it blamelessly.",
        pm.id, pm.version
    );
    Ok(())
}

pub async fn ack(store: &dyn Store, id: i64, finding: &str, reason: &str, by: &str) -> Result<()> {
    let pm = store.get(id).await?;
    let found = lint_postmortem(&pm)
        .into_iter()
        .find(|f| f.finding.fingerprint().id() == finding.trim())
        .ok_or_else(|| anyhow::anyhow!("there is no current finding with id {finding}; `retrospect publish {id}` lists them"))?;
    let ack = Acknowledgement {
        fingerprint: found.finding.fingerprint().id(),
        rule: found.finding.rule.clone(),
        excerpt: found.finding.text.clone(),
        by: by.to_string(),
        reason: reason.to_string(),
        at: Timestamp::now(),
    };
    modify(store, id, Some(pm.version), |pm| pm.acknowledge(ack)).await?;
    println!(
        "Recorded: '{}' in {} is kept, because: {reason}",
        found.finding.text, found.part
    );
    Ok(())
}
