//! The `retrospect` binary: the command line and the web server in one program.

mod cli;
mod commands;
mod output;
mod templates;
mod timeparse;

use std::process::ExitCode;

use anyhow::Result;
use clap::{CommandFactory, Parser};
use cli::EvidenceCmd;
use cli::{Cli, Command};
use commands::{
    analysis_parts, coach, event_parts, evidence, files, logs, pictures, postmortem, serve,
};

fn main() -> ExitCode {
    quiet_on_closed_pipe();
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: could not start: {e}");
            return ExitCode::from(2);
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("error: {e}");
            for cause in e.chain().skip(1) {
                eprintln!("  because: {cause}");
            }
            ExitCode::FAILURE
        }
    }
}

/// `retrospect list | head` closes our standard output early. println! then
/// panics; that is not an error worth a backtrace, so end quietly as other
/// command-line tools do (exit status 141, as after SIGPIPE).
fn quiet_on_closed_pipe() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info.payload_as_str().unwrap_or("");
        if message.contains("failed printing to stdout") && message.contains("Broken pipe") {
            std::process::exit(141);
        }
        default(info);
    }));
}

/// Runs one command and returns the exit code (0, or 1 when lint found something).
async fn run(cli: Cli) -> Result<u8> {
    let url = database_url(cli.database_url.as_deref());
    // Commands that only print need no database; the others open it here.
    let open = || retrospect_store::open(&url);
    let done = |r: Result<()>| r.map(|()| 0u8);
    match cli.command {
        Command::Completions { shell } => {
            clap_complete::generate(
                shell,
                &mut Cli::command(),
                "retrospect",
                &mut std::io::stdout(),
            );
            Ok(0)
        }
        Command::Where => {
            println!("{url}");
            Ok(0)
        }
        Command::Templates { format } => done(commands::emit_templates(format.format)),
        Command::New(args) => done(postmortem::new(&*open().await?, args).await),
        Command::List(args) => done(postmortem::list(&*open().await?, args).await),
        Command::Show { id, format } => {
            done(postmortem::show(&*open().await?, id, format.format).await)
        }
        Command::Edit(args) => done(postmortem::edit(&*open().await?, args).await),
        Command::Delete { id, yes } => done(postmortem::delete(&*open().await?, id, yes).await),
        Command::Moment(cmd) => done(event_parts::moment(&*open().await?, cmd).await),
        Command::Entry(cmd) => done(event_parts::entry(&*open().await?, cmd).await),
        Command::Timeline(args) => done(event_parts::timeline(&*open().await?, args).await),
        Command::Cause(cmd) => done(analysis_parts::cause(&*open().await?, cmd).await),
        Command::Lesson(cmd) => done(analysis_parts::lesson(&*open().await?, cmd).await),
        Command::Action(cmd) => done(analysis_parts::action(&*open().await?, cmd).await),
        Command::Actions(args) => done(analysis_parts::actions(&*open().await?, args).await),
        Command::Comment(cmd) => done(analysis_parts::comment(&*open().await?, cmd).await),
        Command::Export(args) => done(files::export(&*open().await?, args).await),
        Command::Import(args) => done(files::import(&*open().await?, args).await),
        Command::Evidence(EvidenceCmd::Add(args)) => {
            done(evidence::add(&*open().await?, args).await)
        }
        Command::Logs(cmd) => done(logs::run(cmd)),
        Command::Fishbone(args) => done(pictures::fishbone(&*open().await?, args).await),
        Command::Serve(args) => done(serve::serve(cli.database_url.clone(), args).await),
        Command::Lint(args) => coach::lint(args).map(|code| u8::try_from(code).unwrap_or(1)),
        Command::Publish { id } => done(coach::publish(&*open().await?, id).await),
        Command::Ack {
            id,
            finding,
            reason,
            by,
        } => done(coach::ack(&*open().await?, id, &finding, &reason, &by).await),
    }
}

/// The database to use: the flag or env variable, else the embedded SQLite default.
fn database_url(flag: Option<&str>) -> String {
    match flag {
        Some(url) if !url.trim().is_empty() => url.to_string(),
        _ => retrospect_store::sqlite::default_database_path()
            .display()
            .to_string(),
    }
}
