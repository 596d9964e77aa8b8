//! Just enough TOML to read the simple keys of static-site front matter
//! (`title = "…"`, `authors = ["…"]`, `[extra]` tables). Anything more
//! elaborate is not interpreted; it is kept verbatim by the caller.

/// A value we understand: a string or a list of strings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TomlValue {
    Text(String),
    List(Vec<String>),
}

/// One `key = value` line: its dotted path (`extra.team`), the value when we
/// understand it, and its 0-based line within the block.
#[derive(Debug, Clone)]
pub(crate) struct TomlEntry {
    pub path: String,
    pub value: Option<TomlValue>,
    pub line: usize,
}

/// Reads the block line by line. Lines that are neither tables nor simple
/// `key = value` pairs are reported with no path so the caller keeps them.
pub(crate) fn read(text: &str) -> Vec<TomlEntry> {
    let mut table = String::new();
    let mut out = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        let t = line.trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        if let Some(name) = t.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
            table = name.trim().trim_matches(['[', ']']).to_string();
            continue;
        }
        let Some((key, value)) = t.split_once('=') else {
            out.push(TomlEntry {
                path: String::new(),
                value: None,
                line: i,
            });
            continue;
        };
        let key = key.trim().trim_matches('"');
        let path = if table.is_empty() {
            key.to_string()
        } else {
            format!("{table}.{key}")
        };
        out.push(TomlEntry {
            path,
            value: value_of(value.trim()),
            line: i,
        });
    }
    out
}

fn value_of(raw: &str) -> Option<TomlValue> {
    if let Some(s) = string_of(raw) {
        return Some(TomlValue::Text(s));
    }
    let inner = raw.strip_prefix('[')?.strip_suffix(']')?.trim();
    if inner.is_empty() {
        return Some(TomlValue::List(Vec::new()));
    }
    // Split on commas outside quotes.
    let mut items = Vec::new();
    let mut current = String::new();
    let mut in_string = false;
    let mut escaped = false;
    for c in inner.chars() {
        match c {
            '\\' if in_string && !escaped => {
                escaped = true;
                current.push(c);
                continue;
            }
            '"' if !escaped => in_string = !in_string,
            ',' if !in_string => {
                items.push(string_of(current.trim())?);
                current.clear();
                escaped = false;
                continue;
            }
            _ => {}
        }
        escaped = false;
        current.push(c);
    }
    if !current.trim().is_empty() {
        items.push(string_of(current.trim())?);
    }
    Some(TomlValue::List(items))
}

/// A basic (`"…"`, with JSON-like escapes) or literal (`'…'`) string.
fn string_of(raw: &str) -> Option<String> {
    if raw.len() >= 2 && raw.starts_with('\'') && raw.ends_with('\'') {
        return Some(raw[1..raw.len() - 1].to_string());
    }
    if raw.len() >= 2 && raw.starts_with('"') && raw.ends_with('"') && !raw.starts_with("\"\"\"") {
        return serde_json::from_str::<String>(raw).ok();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_blog_front_matter() {
        let text = "path = \"a/b\"\ntitle = \"Hi \\\"there\\\"\"\nauthors = [\"A\", \"B, C\"]\n\n[extra]\nteam = 'infra'";
        let entries = read(text);
        let get = |p: &str| {
            entries
                .iter()
                .find(|e| e.path == p)
                .and_then(|e| e.value.clone())
        };
        assert_eq!(get("title"), Some(TomlValue::Text("Hi \"there\"".into())));
        assert_eq!(
            get("authors"),
            Some(TomlValue::List(vec!["A".into(), "B, C".into()]))
        );
        assert_eq!(get("extra.team"), Some(TomlValue::Text("infra".into())));
    }
}
