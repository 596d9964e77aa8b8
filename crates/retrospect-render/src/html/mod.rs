//! The standalone HTML export: every step of the playbook on one page, with
//! inline CSS and inline SVG pictures, no scripts, no external requests.

mod analysis;
mod css;
mod event;
mod pseudonym;

pub use pseudonym::pseudonymise;

use std::fmt::Write;

use retrospect_domain::{EnumName, PostMortem};

use crate::escape::escape_xml as esc;
use crate::time_fmt::utc_datetime;

/// Choices for an HTML export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HtmlOptions {
    /// Replace every person's name with "Person A", "Person B" …
    pub pseudonymise: bool,
    /// Include the review discussion (comments).
    pub include_comments: bool,
}

impl Default for HtmlOptions {
    fn default() -> Self {
        Self {
            pseudonymise: false,
            include_comments: true,
        }
    }
}

/// A complete, standalone HTML document for sharing a post-mortem.
pub fn html_document(pm: &PostMortem, opts: &HtmlOptions) -> String {
    let pseudonymised;
    let pm = if opts.pseudonymise {
        pseudonymised = pseudonymise(pm);
        &pseudonymised
    } else {
        pm
    };
    let mut sections: Vec<(&str, &str, String)> = vec![
        ("event", "1. The event", event::event_section(pm)),
        ("causes", "2. Causes", analysis::causes_section(pm)),
        ("lessons", "3. Lessons", analysis::lessons_section(pm)),
        ("actions", "4. Action plan", analysis::actions_section(pm)),
    ];
    if opts.include_comments && !pm.comments.is_empty() {
        sections.push(("discussion", "Discussion", analysis::comments_section(pm)));
    }
    if !pm.sections.is_empty() {
        sections.push(("notes", "Additional notes", analysis::free_sections(pm)));
    }

    let mut out = String::with_capacity(64 * 1024);
    let title = esc(&pm.title);
    let _ = write!(
        out,
        r##"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="Retrospect">
<title>Post-mortem: {title}</title>
<style>{css}</style>
</head>
<body>
<a class="skip" href="#main">Skip to the content</a>
"##,
        css = css::STYLESHEET
    );
    out.push_str(&event::document_header(pm));
    out.push_str(
        "<nav class=\"toc\" aria-labelledby=\"toc-h\">\n<h2 id=\"toc-h\">Contents</h2>\n<ul>\n",
    );
    for (id, heading, _) in &sections {
        let _ = writeln!(out, "<li><a href=\"#{id}\">{}</a></li>", esc(heading));
    }
    out.push_str("</ul>\n</nav>\n<main id=\"main\">\n");
    for (id, heading, body) in &sections {
        let _ = write!(
            out,
            "<section id=\"{id}\" aria-labelledby=\"{id}-h\">\n<h2 id=\"{id}-h\">{}</h2>\n{body}</section>\n",
            esc(heading)
        );
    }
    out.push_str("</main>\n<footer class=\"doc\">\n");
    out.push_str(
        "<p>This is a blameless post-mortem: it looks at systems, decisions and conditions, not at \
         anyone's performance, and it is not a performance evaluation.</p>\n",
    );
    if opts.pseudonymise {
        out.push_str("<p>Names of people are replaced by pseudonyms (Person A, Person B …).</p>\n");
    }
    let _ = write!(
        out,
        "<p>Exported from Retrospect. Status: {}; last updated {}. All times are in UTC.</p>\n</footer>\n</body>\n</html>\n",
        esc(pm.status.name()),
        esc(&utc_datetime(pm.updated_at))
    );
    out
}

/// A table with a caption, column headers and pre-escaped cells.
pub(crate) fn table(
    caption: &str,
    headers: &[&str],
    rows: &[(Option<String>, Vec<String>)],
) -> String {
    let mut out = format!("<table>\n<caption>{}</caption>\n<thead><tr>", esc(caption));
    for h in headers {
        let _ = write!(out, "<th scope=\"col\">{}</th>", esc(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for (id, cells) in rows {
        match id {
            Some(id) => {
                let _ = write!(out, "<tr id=\"{}\">", esc(id));
            }
            None => out.push_str("<tr>"),
        }
        for c in cells {
            let _ = write!(out, "<td>{c}</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

/// An inline SVG in a figure that scrolls sideways on narrow screens.
pub(crate) fn figure(label: &str, svg: &str, caption: &str) -> String {
    format!(
        "<figure>\n<div class=\"scroll\" role=\"region\" aria-label=\"{}\" tabindex=\"0\">\n{svg}</div>\n<figcaption>{}</figcaption>\n</figure>\n",
        esc(label),
        esc(caption)
    )
}

/// Plain text as a paragraph (line breaks kept).
pub(crate) fn paragraph(text: &str) -> String {
    format!("<p>{}</p>\n", esc(text.trim()).replace('\n', "<br>"))
}
