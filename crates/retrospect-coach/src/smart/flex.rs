//! Lenient field parsing for action items: editors and scripts send owners as a
//! string or a list, causes as a list or a single id. A shape we can understand
//! should not turn into an error line.

use serde::{Deserialize, Deserializer};
use serde_json::Value;

pub fn owner<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Null => None,
        Value::String(s) => Some(s),
        Value::Array(items) => {
            let names: Vec<String> = items
                .iter()
                .filter_map(|v| match v {
                    Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
                    _ => None,
                })
                .collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        other => Some(other.to_string()),
    })
}

pub fn due<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Null => None,
        Value::String(s) => Some(s),
        other => Some(other.to_string()),
    })
}

pub fn causes<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<Value>>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Null => None,
        Value::Array(items) => Some(items),
        other => Some(vec![other]),
    })
}

#[cfg(test)]
mod tests {
    use crate::smart::ActionItem;

    #[test]
    fn lenient_shapes() {
        let a: ActionItem = serde_json::from_str(
            r#"{"text":"x","owner":["Alice","Bob"],"causes":"c1","due":null}"#,
        )
        .unwrap();
        assert_eq!(a.owner.as_deref(), Some("Alice, Bob"));
        assert_eq!(a.causes.unwrap().len(), 1);
        let b: ActionItem = serde_json::from_str(r#"{"text":"x"}"#).unwrap();
        assert!(b.owner.is_none() && b.causes.is_none() && b.due.is_none());
        let c: ActionItem =
            serde_json::from_str(r#"{"text":"x","owner":["Alice"],"causes":[]}"#).unwrap();
        assert_eq!(c.owner.as_deref(), Some("Alice"));
    }
}
