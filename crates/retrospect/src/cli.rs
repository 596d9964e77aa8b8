//! The command line, as clap sees it. Help texts teach: each says what the
//! command is for in the playbook and shows an example.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::commands::parts::{ActionCmd, CauseCmd, CommentCmd, EntryCmd, LessonCmd, MomentCmd};

#[derive(Parser, Debug)]
#[command(
    name = "retrospect",
    version,
    about = "Blameless post-mortems: look back honestly, learn, and make the fixes stick.",
    long_about = "Retrospect walks you through a five-step playbook: define the event and pull \
the data, find the causes (5 Whys and fishbone), pull out the lessons, build an action plan, \
and follow through.\n\nData lives in an embedded SQLite file by default (see `retrospect \
where`); pass --database-url postgres://... or set RETROSPECT_DATABASE_URL to use PostgreSQL.",
    after_help = "Start here:\n  retrospect new \"Checkout outage\" --template sre\n  retrospect list\n  retrospect show 1"
)]
pub struct Cli {
    /// Database to use: a SQLite file path, sqlite://PATH or postgres://USER@HOST/DB.
    #[arg(
        long,
        global = true,
        env = "RETROSPECT_DATABASE_URL",
        value_name = "URL"
    )]
    pub database_url: Option<String>,

    #[command(subcommand)]
    pub command: Command,
}

/// How a command prints data: for people, or as JSON for scripts.
#[derive(ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    #[default]
    Human,
    Json,
}

#[derive(Args, Debug, Clone, Copy)]
pub struct FormatArg {
    /// Output format: `human` (default) or `json` for scripts.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run the web application (embedded SQLite unless --database-url says otherwise).
    Serve(crate::commands::serve::ServeArgs),
    /// Start a new post-mortem (step 1: define the event).
    #[command(
        after_help = "Examples:\n  retrospect new \"Checkout outage\" --template sre --severity SEV2\n  retrospect new \"Missed the launch date\" --kind project\n  retrospect new \"My first on-call\" --template personal"
    )]
    New(NewArgs),
    /// List post-mortems.
    List(ListArgs),
    /// Show a whole post-mortem: event, timeline, causes, lessons, actions.
    Show {
        /// The post-mortem's number, as `retrospect list` shows it.
        id: i64,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Change the event record: title, summary, impact, severity, status, people.
    Edit(EditArgs),
    /// Delete a post-mortem for good.
    Delete {
        id: i64,
        /// Confirm: deleting cannot be undone.
        #[arg(long)]
        yes: bool,
    },
    /// Key moments: started, detected, mitigated, resolved, or your own.
    #[command(subcommand)]
    Moment(MomentCmd),
    /// Timeline entries: add, correct, hide, accept or dismiss proposals.
    #[command(subcommand)]
    Entry(EntryCmd),
    /// Print the merged timeline of a post-mortem.
    Timeline(TimelineArgs),
    /// Causes: the 5 Whys tree, which is also the fishbone (step 2).
    #[command(subcommand)]
    Cause(CauseCmd),
    /// Lessons: what went wrong, what went well, where we got lucky, what we learned (step 3).
    #[command(subcommand)]
    Lesson(LessonCmd),
    /// Action items of one post-mortem (step 4).
    #[command(subcommand)]
    Action(ActionCmd),
    /// Track action items across all post-mortems (step 5).
    Actions(ActionsArgs),
    /// Comments on a post-mortem or one of its parts.
    #[command(subcommand)]
    Comment(CommentCmd),
    /// Write a post-mortem to a Markdown or JSON file.
    Export(ExportArgs),
    /// Read post-mortems from Markdown or JSON files (yours or other tools').
    Import(ImportArgs),
    /// Evidence: logs, email, chat exports, documents and timeline tables.
    #[command(subcommand)]
    Evidence(EvidenceCmd),
    /// The log engine on its own: timestamps and patterns for any log file.
    #[command(subcommand)]
    Logs(crate::commands::logs::LogsCmd),
    /// Draw the fishbone diagram and the 5 Whys tree.
    Fishbone(crate::commands::pictures::FishboneArgs),
    /// Check writing for blaming language (Markdown or text; CI-friendly).
    Lint(crate::commands::coach::LintArgs),
    /// Publish a post-mortem once the language coach has no open findings.
    Publish { id: i64 },
    /// Keep a coach finding on purpose, with the reason (facilitators).
    Ack {
        id: i64,
        /// The finding's id, as `retrospect publish` lists it.
        finding: String,
        #[arg(long)]
        reason: String,
        /// Who decides to keep it.
        #[arg(long)]
        by: String,
    },
    /// List the built-in templates.
    Templates {
        #[command(flatten)]
        format: FormatArg,
    },
    /// Print where the data lives.
    Where,
    /// Print shell completions: `retrospect completions bash > /etc/bash_completion.d/retrospect`.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Args, Debug)]
pub struct NewArgs {
    /// A short, neutral title: what happened, not who did it.
    pub title: String,
    /// incident, project, personal or other.
    #[arg(long, default_value = "incident")]
    pub kind: String,
    /// Start from a built-in template (see `retrospect templates`).
    #[arg(long)]
    pub template: Option<String>,
    /// SEV1 (worst) to SEV5.
    #[arg(long)]
    pub severity: Option<String>,
    #[arg(long)]
    pub summary: Option<String>,
    #[arg(long)]
    pub impact: Option<String>,
    #[arg(long)]
    pub author: Option<String>,
    #[arg(long)]
    pub team: Option<String>,
    /// A participant's name; repeat for several.
    #[arg(long = "participant", value_name = "NAME")]
    pub participants: Vec<String>,
    /// Fishbone categories, comma-separated (default: People, Process, Equipment/Tools,
    /// Environment, Materials/Inputs, Measurement; an organisation sets its own with
    /// RETROSPECT_FISHBONE_CATEGORIES).
    #[arg(long, env = "RETROSPECT_FISHBONE_CATEGORIES", value_delimiter = ',')]
    pub categories: Vec<String>,
    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Args, Debug)]
pub struct ListArgs {
    #[arg(long)]
    pub kind: Option<String>,
    #[arg(long)]
    pub status: Option<String>,
    /// Only post-mortems whose title contains this text.
    #[arg(long)]
    pub search: Option<String>,
    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Args, Debug)]
pub struct EditArgs {
    pub id: i64,
    #[arg(long)]
    pub title: Option<String>,
    #[arg(long)]
    pub kind: Option<String>,
    #[arg(long)]
    pub summary: Option<String>,
    #[arg(long)]
    pub impact: Option<String>,
    /// SEV1 to SEV5, or `none`.
    #[arg(long)]
    pub severity: Option<String>,
    /// draft, in-review, published or closed.
    #[arg(long)]
    pub status: Option<String>,
    /// participants, team or organisation.
    #[arg(long)]
    pub visibility: Option<String>,
    #[arg(long)]
    pub author: Option<String>,
    #[arg(long)]
    pub team: Option<String>,
    #[arg(long = "add-participant", value_name = "NAME")]
    pub add_participants: Vec<String>,
    #[arg(long = "remove-participant", value_name = "NAME")]
    pub remove_participants: Vec<String>,
    #[arg(long = "add-tag", value_name = "TAG")]
    pub add_tags: Vec<String>,
    #[arg(long = "remove-tag", value_name = "TAG")]
    pub remove_tags: Vec<String>,
    /// Replace the fishbone categories (comma-separated). Causes keep theirs.
    #[arg(long, value_delimiter = ',')]
    pub categories: Vec<String>,
    /// Refuse the change if the post-mortem is no longer at this version.
    #[arg(long)]
    pub expect_version: Option<i64>,
    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Args, Debug)]
pub struct TimelineArgs {
    pub id: i64,
    /// Include proposed, dismissed and hidden entries too.
    #[arg(long)]
    pub all: bool,
    /// Only entries at or after this time.
    #[arg(long)]
    pub from: Option<String>,
    /// Only entries at or before this time.
    #[arg(long)]
    pub to: Option<String>,
    /// Only entries whose source contains this text.
    #[arg(long)]
    pub source: Option<String>,
    /// Only entries by this actor.
    #[arg(long)]
    pub actor: Option<String>,
    /// Also write the timeline picture (a lane per source) to this SVG file.
    #[arg(long)]
    pub svg: Option<std::path::PathBuf>,
    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Args, Debug)]
pub struct ActionsArgs {
    /// Only actions owned by this person.
    #[arg(long)]
    pub owner: Option<String>,
    /// Only open actions past their due date.
    #[arg(long)]
    pub overdue: bool,
    /// Include done and dropped actions.
    #[arg(long)]
    pub all: bool,
    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileFormat {
    Markdown,
    Json,
    /// A standalone page to share or print, with the pictures inline.
    Html,
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    pub id: i64,
    #[arg(long, value_enum, default_value_t = FileFormat::Markdown)]
    pub format: FileFormat,
    /// Write to this file instead of standard output. A Markdown export to a file also
    /// writes its pictures (FILE-timeline.svg, FILE-fishbone.svg) beside it.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Replace people's names with stable pseudonyms (Person A, Person B …).
    #[arg(long)]
    pub pseudonymise: bool,
    /// Leave comments out (HTML).
    #[arg(long)]
    pub no_comments: bool,
}

#[derive(Args, Debug)]
pub struct ImportArgs {
    /// Markdown (.md) or JSON (.json) files; other tools' post-mortems are welcome.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Zone for times written without one (e.g. UTC, Europe/Berlin, -07:00).
    #[arg(long)]
    pub tz: Option<String>,
    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Subcommand, Debug)]
pub enum EvidenceCmd {
    /// Import files as evidence; timeline entries are proposed for you to accept.
    Add(crate::commands::evidence::EvidenceAddArgs),
}
