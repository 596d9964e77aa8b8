//! The `retrospect` binary: the command line and the web server in one program.

mod cli;
mod commands;
mod output;
mod templates;
mod timeparse;

use std::process::ExitCode;

use anyhow::Result;
use clap::{CommandFactory, Parser};
use cli::{Cli, Command};
use commands::{analysis_parts, event_parts, files, postmortem};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: could not start: {e}");
            return ExitCode::from(2);
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            for cause in e.chain().skip(1) {
                eprintln!("  because: {cause}");
            }
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<()> {
    let url = database_url(cli.database_url.as_deref());
    // Commands that only print need no database; the others open it here.
    let open = || retrospect_store::open(&url);
    match cli.command {
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "retrospect", &mut std::io::stdout());
            Ok(())
        }
        Command::Where => {
            println!("{url}");
            Ok(())
        }
        Command::Templates { format } => commands::emit_templates(format.format),
        Command::New(args) => postmortem::new(&*open().await?, args).await,
        Command::List(args) => postmortem::list(&*open().await?, args).await,
        Command::Show { id, format } => postmortem::show(&*open().await?, id, format.format).await,
        Command::Edit(args) => postmortem::edit(&*open().await?, args).await,
        Command::Delete { id, yes } => postmortem::delete(&*open().await?, id, yes).await,
        Command::Moment(cmd) => event_parts::moment(&*open().await?, cmd).await,
        Command::Entry(cmd) => event_parts::entry(&*open().await?, cmd).await,
        Command::Timeline(args) => event_parts::timeline(&*open().await?, args).await,
        Command::Cause(cmd) => analysis_parts::cause(&*open().await?, cmd).await,
        Command::Lesson(cmd) => analysis_parts::lesson(&*open().await?, cmd).await,
        Command::Action(cmd) => analysis_parts::action(&*open().await?, cmd).await,
        Command::Actions(args) => analysis_parts::actions(&*open().await?, args).await,
        Command::Comment(cmd) => analysis_parts::comment(&*open().await?, cmd).await,
        Command::Export(args) => files::export(&*open().await?, args).await,
        Command::Import(args) => files::import(&*open().await?, args).await,
    }
}

/// The database to use: the flag or env variable, else the embedded SQLite default.
fn database_url(flag: Option<&str>) -> String {
    match flag {
        Some(url) if !url.trim().is_empty() => url.to_string(),
        _ => retrospect_store::sqlite::default_database_path().display().to_string(),
    }
}
