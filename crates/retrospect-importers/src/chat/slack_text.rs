//! Slack's message markup made readable: `<@U123>` becomes `@Ana`,
//! `<#C123|ops>` becomes `#ops`, `<https://x|label>` becomes `label (https://x)`,
//! and `&lt; &gt; &amp;` are unescaped.

use std::collections::HashMap;

pub fn readable(
    text: &str,
    users: &HashMap<String, String>,
    channels: &HashMap<String, String>,
) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        out.push_str(&unescape(&rest[..open]));
        let after = &rest[open + 1..];
        let Some(close) = after.find('>') else {
            out.push_str(&unescape(&rest[open..]));
            return out;
        };
        out.push_str(&render_token(&after[..close], users, channels));
        rest = &after[close + 1..];
    }
    out.push_str(&unescape(rest));
    out
}

fn render_token(
    token: &str,
    users: &HashMap<String, String>,
    channels: &HashMap<String, String>,
) -> String {
    let (target, label) = match token.split_once('|') {
        Some((t, l)) => (t, Some(unescape(l))),
        None => (token, None),
    };
    if let Some(id) = target.strip_prefix('@') {
        let name = users
            .get(id)
            .cloned()
            .or(label)
            .unwrap_or_else(|| id.to_string());
        return format!("@{name}");
    }
    if let Some(id) = target.strip_prefix('#') {
        let name = channels
            .get(id)
            .cloned()
            .or(label)
            .unwrap_or_else(|| id.to_string());
        return format!("#{name}");
    }
    if let Some(special) = target.strip_prefix('!') {
        // <!here>, <!channel>, <!subteam^ID|@team>
        return label
            .unwrap_or_else(|| format!("@{}", special.split('^').next().unwrap_or(special)));
    }
    let target = unescape(target);
    let shown = target
        .strip_prefix("mailto:")
        .or_else(|| target.strip_prefix("tel:"))
        .unwrap_or(&target);
    match label {
        Some(l) if l != shown => format!("{l} ({shown})"),
        _ => shown.to_string(),
    }
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_channels_and_links_read_naturally() {
        let users = HashMap::from([("U1".to_string(), "Ana".to_string())]);
        let channels = HashMap::from([("C1".to_string(), "ops".to_string())]);
        assert_eq!(
            readable(
                "<@U1>: see <#C1> and <https://x.io|the doc> &amp; <https://y.io> <!here>",
                &users,
                &channels
            ),
            "@Ana: see #ops and the doc (https://x.io) & https://y.io @here"
        );
        assert_eq!(
            readable("<tel:123|123> a < b", &users, &channels),
            "123 a < b"
        );
        assert_eq!(readable("<@U9|bo> left", &users, &channels), "@bo left");
    }
}
