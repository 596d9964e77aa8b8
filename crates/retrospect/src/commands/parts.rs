//! Subcommands that add, edit and remove the parts of a post-mortem.
//! The handlers live in `event_parts.rs` and `analysis_parts.rs`.

use clap::{Args, Subcommand};

use crate::cli::FormatArg;

/// Options shared by every change: the post-mortem, and an optional version guard.
#[derive(Args, Debug)]
pub struct Target {
    /// The post-mortem's number.
    pub id: i64,
    /// Refuse the change if the post-mortem is no longer at this version.
    #[arg(long)]
    pub expect_version: Option<i64>,
}

#[derive(Subcommand, Debug)]
pub enum MomentCmd {
    /// Set when something happened: started, detected, mitigated, resolved, or a name of your own.
    #[command(
        after_help = "Example:\n  retrospect moment set 1 detected \"2026-11-25 14:09\" --zone Europe/Berlin"
    )]
    Set {
        #[command(flatten)]
        target: Target,
        kind: String,
        time: String,
        /// Zone of the time when it has none (IANA name or +HH:MM). Default UTC.
        #[arg(long)]
        zone: Option<String>,
        #[arg(long)]
        note: Option<String>,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Remove a key moment.
    Remove {
        #[command(flatten)]
        target: Target,
        kind: String,
    },
    /// List the key moments and the time to detect, mitigate and resolve.
    List {
        id: i64,
        #[command(flatten)]
        format: FormatArg,
    },
}

#[derive(Subcommand, Debug)]
pub enum EntryCmd {
    /// Add a timeline entry.
    #[command(
        after_help = "Example:\n  retrospect entry add 1 \"2026-11-25 14:02\" \"Error rate on checkout rises to 12%\" --actor monitoring"
    )]
    Add {
        #[command(flatten)]
        target: Target,
        time: String,
        text: String,
        #[arg(long)]
        zone: Option<String>,
        #[arg(long)]
        actor: Option<String>,
        #[arg(long)]
        source: Option<String>,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Correct an entry's time, text or actor.
    Edit {
        #[command(flatten)]
        target: Target,
        /// The entry, e.g. T3.
        entry: String,
        #[arg(long)]
        time: Option<String>,
        #[arg(long)]
        zone: Option<String>,
        #[arg(long)]
        text: Option<String>,
        /// The actor; an empty value clears it.
        #[arg(long)]
        actor: Option<String>,
    },
    /// Remove an entry.
    Remove {
        #[command(flatten)]
        target: Target,
        entry: String,
    },
    /// Accept proposed entries so they join the timeline.
    Accept {
        #[command(flatten)]
        target: Target,
        #[arg(required = true)]
        entries: Vec<String>,
    },
    /// Dismiss proposed entries.
    Dismiss {
        #[command(flatten)]
        target: Target,
        #[arg(required = true)]
        entries: Vec<String>,
    },
    /// Hide an entry from the timeline without deleting it.
    Hide {
        #[command(flatten)]
        target: Target,
        entry: String,
    },
    /// Show a hidden entry again.
    Unhide {
        #[command(flatten)]
        target: Target,
        entry: String,
    },
    /// Mark an entry as a key moment (sets that moment's time too).
    Mark {
        #[command(flatten)]
        target: Target,
        entry: String,
        /// started, detected, mitigated, resolved, or a name of your own.
        moment: String,
    },
}

#[derive(Subcommand, Debug)]
pub enum CauseCmd {
    /// Add a cause. With --under it answers "why?" about that cause.
    #[command(
        after_help = "Example (a why-chain):\n  retrospect cause add 1 \"Checkout returned errors\"\n  retrospect cause add 1 \"The database ran out of connections\" --under C1 --category Equipment/Tools\n  retrospect cause add 1 \"The pool size was not load-tested\" --under C2 --category Process"
    )]
    Add {
        #[command(flatten)]
        target: Target,
        text: String,
        /// The cause this one explains, e.g. C1.
        #[arg(long)]
        under: Option<String>,
        /// Fishbone category, e.g. Process.
        #[arg(long)]
        category: Option<String>,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Change a cause's text, category or place in the tree.
    Edit {
        #[command(flatten)]
        target: Target,
        cause: String,
        #[arg(long)]
        text: Option<String>,
        #[arg(long, conflicts_with = "no_category")]
        category: Option<String>,
        #[arg(long)]
        no_category: bool,
        #[arg(long, conflicts_with = "root")]
        under: Option<String>,
        /// Make it a root cause (no parent).
        #[arg(long)]
        root: bool,
    },
    /// Remove a cause; its children move up to its parent.
    Remove {
        #[command(flatten)]
        target: Target,
        cause: String,
    },
    /// Cite a timeline entry or evidence as support for a cause.
    Cite {
        #[command(flatten)]
        target: Target,
        cause: String,
        #[arg(long)]
        entry: Option<String>,
        #[arg(long)]
        evidence: Option<String>,
    },
    /// Print the 5 Whys tree.
    Tree {
        id: i64,
        #[command(flatten)]
        format: FormatArg,
    },
}

#[derive(Subcommand, Debug)]
pub enum LessonCmd {
    /// Add a lesson: went-wrong, went-right, lucky or learned.
    #[command(
        after_help = "Example:\n  retrospect lesson add 1 lucky \"The spike happened during office hours\""
    )]
    Add {
        #[command(flatten)]
        target: Target,
        kind: String,
        text: String,
    },
    Edit {
        #[command(flatten)]
        target: Target,
        lesson: String,
        #[arg(long)]
        kind: Option<String>,
        #[arg(long)]
        text: Option<String>,
    },
    Remove {
        #[command(flatten)]
        target: Target,
        lesson: String,
    },
    List {
        id: i64,
        #[command(flatten)]
        format: FormatArg,
    },
}

/// Fields of an action item, shared by `action add` and `action edit`.
#[derive(Args, Debug, Default)]
pub struct ActionFields {
    /// Exactly one person who is accountable.
    #[arg(long)]
    pub owner: Option<String>,
    /// A real date, YYYY-MM-DD.
    #[arg(long)]
    pub due: Option<String>,
    /// prevent, detect, mitigate, process or other.
    #[arg(long = "type")]
    pub kind: Option<String>,
    /// How will we know it worked?
    #[arg(long)]
    pub success: Option<String>,
    /// A cause this action addresses, e.g. C2; repeat for several.
    #[arg(long = "cause", value_name = "CAUSE")]
    pub causes: Vec<String>,
    /// When to check whether it worked, YYYY-MM-DD.
    #[arg(long)]
    pub review: Option<String>,
    /// open, in-progress, done or wont-do.
    #[arg(long)]
    pub status: Option<String>,
}

#[derive(Subcommand, Debug)]
pub enum ActionCmd {
    /// Add an action item.
    #[command(
        after_help = "Example:\n  retrospect action add 1 \"Add an alert when the connection pool is 90% full\" \\\n      --owner dana --due 2026-12-15 --type detect --cause C2 \\\n      --success \"the alert fires in the staging load test\""
    )]
    Add {
        #[command(flatten)]
        target: Target,
        text: String,
        #[command(flatten)]
        fields: ActionFields,
        #[command(flatten)]
        format: FormatArg,
    },
    Edit {
        #[command(flatten)]
        target: Target,
        action: String,
        #[arg(long)]
        text: Option<String>,
        #[command(flatten)]
        fields: ActionFields,
    },
    /// Mark an action done.
    Done {
        #[command(flatten)]
        target: Target,
        action: String,
    },
    /// Record whether a done action worked: effective, partly or not-effective.
    Review {
        #[command(flatten)]
        target: Target,
        action: String,
        verdict: String,
    },
    Remove {
        #[command(flatten)]
        target: Target,
        action: String,
    },
    List {
        id: i64,
        #[command(flatten)]
        format: FormatArg,
    },
}

#[derive(Subcommand, Debug)]
pub enum CommentCmd {
    /// Comment on the post-mortem, or on a part with --on T3 / C2 / A1 / L4 / E1.
    Add {
        #[command(flatten)]
        target: Target,
        text: String,
        #[arg(long)]
        on: Option<String>,
        /// Your name (defaults to $RETROSPECT_USER, then $USER).
        #[arg(long)]
        author: Option<String>,
    },
    Remove {
        #[command(flatten)]
        target: Target,
        comment: String,
    },
    List {
        id: i64,
        #[command(flatten)]
        format: FormatArg,
    },
}
