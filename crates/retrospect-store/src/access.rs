//! Who may read a post-mortem. The rule lives here once, in two forms that
//! must agree: [`Reader::can_read`] for one loaded post-mortem, and a SQL
//! condition (in the engine) so that lists only ever contain readable ones.

use retrospect_domain::{Kind, PostMortem, Visibility};
use serde::Serialize;

use crate::engine::fold;

/// Someone reading post-mortems, as the web layer knows them after sign-in.
///
/// The rule, from the product spec:
/// - a personal post-mortem is readable by its author only (administrators included: no one else);
/// - otherwise its author and participants can always read it;
/// - `Visibility::Organisation`: everyone signed in;
/// - `Visibility::Team`: also the members of its team;
/// - `Visibility::Participants`: nobody else.
///
/// Names are compared ignoring case, as usernames are unique ignoring case.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Reader {
    /// The reader's username; empty for someone who is not signed in.
    pub username: String,
    /// Names of the teams the reader belongs to.
    pub teams: Vec<String>,
}

impl Reader {
    pub fn new(username: &str, teams: &[String]) -> Self {
        Self {
            username: username.to_string(),
            teams: teams.to_vec(),
        }
    }

    pub(crate) fn folded_name(&self) -> Option<String> {
        Some(fold(&self.username)).filter(|name| !name.is_empty())
    }

    pub(crate) fn folded_teams(&self) -> Vec<String> {
        self.teams
            .iter()
            .map(|t| fold(t))
            .filter(|t| !t.is_empty())
            .collect()
    }

    pub fn can_read(&self, pm: &PostMortem) -> bool {
        let me = self.folded_name();
        let is = |name: &str| me.as_deref() == Some(fold(name).as_str());
        let is_author = pm.author.as_deref().is_some_and(is);
        if pm.kind == Kind::Personal {
            return is_author;
        }
        if is_author || pm.participants.iter().any(|p| is(&p.name)) {
            return true;
        }
        match pm.visibility {
            Visibility::Organisation => true,
            Visibility::Team => pm
                .team
                .as_deref()
                .is_some_and(|team| self.folded_teams().contains(&fold(team))),
            Visibility::Participants => false,
        }
    }
}
