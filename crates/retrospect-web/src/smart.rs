//! SMART hints for an action item, from the coach's SMART check.

use retrospect_coach::{Context, check_action};
use retrospect_domain::{ActionItem, PostMortem};

use crate::view::SmartHint;

pub fn hints(pm: &PostMortem, action: &ActionItem) -> Vec<SmartHint> {
    let item = retrospect_coach::ActionItem {
        text: action.text.clone(),
        owner: action.owner.clone(),
        due: action.due.map(|d| d.to_string()),
        causes: Some(
            action
                .causes
                .iter()
                .map(|c| serde_json::json!(format!("C{c}")))
                .collect(),
        ),
        success_criterion: action.success_criterion.clone(),
    };
    let ctx = Context::new().with_names(pm.known_names());
    let result = check_action(&item, &ctx);
    result
        .fails
        .iter()
        .zip(result.reasons)
        .map(|(letter, reason)| {
            // The coach writes "S (specific): why…"; show the label once, in bold.
            match reason.split_once(": ") {
                Some((label, rest)) => SmartHint {
                    letter: label.to_string(),
                    message: rest.to_string(),
                },
                None => SmartHint {
                    letter: format!("{letter:?}"),
                    message: reason.clone(),
                },
            }
        })
        .collect()
}
