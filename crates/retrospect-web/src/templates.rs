//! The page templates, embedded in the binary. HTML templates escape every
//! value by default, so text people typed is always shown as text.

use minijinja::Environment;

const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../templates/base.html")),
    ("macros.html", include_str!("../templates/macros.html")),
    ("setup.html", include_str!("../templates/setup.html")),
    ("login.html", include_str!("../templates/login.html")),
    ("error.html", include_str!("../templates/error.html")),
    ("home.html", include_str!("../templates/home.html")),
    ("search.html", include_str!("../templates/search.html")),
    ("new.html", include_str!("../templates/new.html")),
    (
        "postmortem.html",
        include_str!("../templates/postmortem.html"),
    ),
    ("conflict.html", include_str!("../templates/conflict.html")),
    ("audit.html", include_str!("../templates/audit.html")),
    ("admin.html", include_str!("../templates/admin.html")),
    ("tokens.html", include_str!("../templates/tokens.html")),
    ("account.html", include_str!("../templates/account.html")),
];

pub fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Chainable);
    env.add_filter("truncate", truncate);
    for (name, source) in TEMPLATES {
        if let Err(e) = env.add_template(name, source) {
            // The templates are part of the binary: a broken one is a build defect.
            panic!("template {name} does not parse: {e:#}");
        }
    }
    env
}

/// Shortens text to `max` characters, ending with an ellipsis when cut.
fn truncate(text: String, max: usize) -> String {
    if text.chars().count() <= max {
        return text;
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn all_templates_parse() {
        let env = super::environment();
        assert!(env.get_template("postmortem.html").is_ok());
    }
}
