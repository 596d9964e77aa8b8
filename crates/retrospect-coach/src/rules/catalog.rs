//! Rule ids, categories, default severities and the kind words attached to each
//! finding: a message, a reframe pattern and a facilitation question.

use crate::context::Section;
use crate::finding::{Category, Severity};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rule {
    CounterfactualPerson,
    /// Counterfactuals about a team's past state or agentless passives: info only.
    CounterfactualTeam,
    Judgement,
    PersonAsCause,
    HumanError,
    CulpritQuestion,
    Hindsight,
    Minimising,
    WeakAction,
    ActionTargetsPerson,
}

pub const ALL_RULES: &[Rule] = &[
    Rule::CounterfactualPerson,
    Rule::CounterfactualTeam,
    Rule::Judgement,
    Rule::PersonAsCause,
    Rule::HumanError,
    Rule::CulpritQuestion,
    Rule::Hindsight,
    Rule::Minimising,
    Rule::WeakAction,
    Rule::ActionTargetsPerson,
];

impl Rule {
    pub fn id(self) -> &'static str {
        match self {
            Rule::CounterfactualPerson => "counterfactual-person",
            Rule::CounterfactualTeam => "counterfactual-team",
            Rule::Judgement => "normative-judgement",
            Rule::PersonAsCause => "person-as-cause",
            Rule::HumanError => "human-error",
            Rule::CulpritQuestion => "culprit-question",
            Rule::Hindsight => "hindsight",
            Rule::Minimising => "minimising",
            Rule::WeakAction => "weak-action",
            Rule::ActionTargetsPerson => "action-targets-person",
        }
    }

    pub fn category(self) -> Category {
        match self {
            Rule::CounterfactualPerson | Rule::CounterfactualTeam => Category::Counterfactual,
            Rule::Judgement => Category::Judgement,
            Rule::PersonAsCause => Category::PersonAsCause,
            Rule::HumanError => Category::HumanError,
            Rule::CulpritQuestion => Category::CulpritQuestion,
            Rule::Hindsight => Category::Hindsight,
            Rule::Minimising => Category::Minimising,
            Rule::WeakAction | Rule::ActionTargetsPerson => Category::ActionStrength,
        }
    }

    /// Section-aware severity: a person or "human error" in a cause slot is an error,
    /// elsewhere a warning. Rules report their own floor (e.g. info for an unresolved
    /// subject); this only raises it.
    pub fn severity_in(self, section: Section, found: Severity) -> Severity {
        let floor = match (self, section) {
            (Rule::PersonAsCause | Rule::HumanError, Section::Why)
                if found >= Severity::Warning =>
            {
                Severity::Error
            }
            _ => found,
        };
        floor.max(found)
    }

    pub fn message(self, text: &str, agent: &str) -> String {
        let who = if agent.is_empty() {
            "someone".to_string()
        } else {
            agent.to_string()
        };
        match self {
            Rule::CounterfactualPerson => format!(
                "'{text}' describes what {who} did not do, judged with hindsight. It tells the story that did not happen and hides why the actions made sense at the time."
            ),
            Rule::CounterfactualTeam => format!(
                "'{text}' is a counterfactual about the past. Consider stating what was in place instead."
            ),
            Rule::Judgement => format!(
                "'{text}' is a judgement, not a description. It sounds like a verdict and tends to end the conversation."
            ),
            Rule::PersonAsCause => format!(
                "'{text}' makes {who} the cause. People's actions are shaped by the system around them; a person is never the root cause."
            ),
            Rule::HumanError => format!(
                "'{text}' is a label, not an explanation. It is where the investigation should start, not where it ends."
            ),
            Rule::CulpritQuestion => format!(
                "'{text}' looks for a culprit. People answer questions like this defensively, and we learn less."
            ),
            Rule::Hindsight => format!(
                "'{text}' is hindsight: it was not so clear to the people in the moment, without knowing the outcome."
            ),
            Rule::Minimising => format!(
                "'{text}' makes the step sound trivial. If it had been that easy at the time, it would have happened."
            ),
            Rule::WeakAction => format!(
                "'{text}' relies on people trying harder, which rarely survives the next busy night."
            ),
            Rule::ActionTargetsPerson => format!(
                "'{text}' aims the action at a person rather than at the system they worked in."
            ),
        }
    }

    pub fn reframe(self, agent: &str) -> String {
        let who = if agent.is_empty() {
            "the responder"
        } else {
            agent
        };
        match self {
            Rule::CounterfactualPerson => format!(
                "Describe what {who} did and what they could see then: 'At 14:02 {who} ran …; the dashboard showed …'. If something should change, make it a system lesson: 'The deploy tool did not ask for confirmation before …'."
            ),
            Rule::CounterfactualTeam => "State the fact: 'There was no alert on certificate expiry' instead of 'we should have had an alert'.".to_string(),
            Rule::Judgement => "Replace the verdict with the observable behaviour and its conditions: 'The command targeted prod; the prompt looked identical in both environments.'".to_string(),
            Rule::PersonAsCause => "Make the change or condition the subject: 'Config change #4411 set pool_size to 5; validation had no lower bound.'".to_string(),
            Rule::HumanError => "List the contributing factors instead: what made the slip possible, what made it likely, what let it go undetected, what made recovery slow.".to_string(),
            Rule::CulpritQuestion => "Ask about the change and the system: 'What change reached prod at 14:02, and how did it get through review and validation?'".to_string(),
            Rule::Hindsight => "Describe what was visible at the time: which dashboard, how many alerts, what the alert text said.".to_string(),
            Rule::Minimising => "Drop the minimiser and state the steps: 'Restarting the worker required …'.".to_string(),
            Rule::WeakAction => "Change the system so the safe path is the easy one: 'Add a confirmation prompt to the deploy tool when the target is prod.'".to_string(),
            Rule::ActionTargetsPerson => "Aim the action at the system: 'Add a presubmit check for schema changes' instead of 'retrain Dave'.".to_string(),
        }
    }

    pub fn question(self, agent: &str) -> String {
        let who = if agent.is_empty() { "they" } else { agent };
        match self {
            Rule::CounterfactualPerson | Rule::CounterfactualTeam => format!(
                "What did {who} see at that point, and what made this seem like the right action at the time?"
            ),
            Rule::Judgement => {
                "What pressures, signals and tools shaped what happened here?".to_string()
            }
            Rule::PersonAsCause => {
                "What made this action possible, and what let it reach production unnoticed?"
                    .to_string()
            }
            Rule::HumanError => "What made this slip easy to make and hard to notice?".to_string(),
            Rule::CulpritQuestion => {
                "What did the people involved know and see at the time?".to_string()
            }
            Rule::Hindsight => {
                "How many other signals were competing for attention at that moment?".to_string()
            }
            Rule::Minimising => "What made this step hard or easy to miss at the time?".to_string(),
            Rule::WeakAction | Rule::ActionTargetsPerson => {
                "What change to tools or process would make this hard to get wrong next time?"
                    .to_string()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_kebab() {
        let mut ids: Vec<&str> = ALL_RULES.iter().map(|r| r.id()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), ALL_RULES.len());
        assert!(
            ids.iter()
                .all(|i| i.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
        );
    }

    #[test]
    fn cause_slots_are_errors_in_whys() {
        assert_eq!(
            Rule::HumanError.severity_in(Section::Why, Severity::Warning),
            Severity::Error
        );
        assert_eq!(
            Rule::HumanError.severity_in(Section::Timeline, Severity::Warning),
            Severity::Warning
        );
        assert_eq!(
            Rule::PersonAsCause.severity_in(Section::Why, Severity::Info),
            Severity::Info
        );
    }
}
