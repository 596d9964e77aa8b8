//! Markdown written by people (summaries, free sections, comments) turned into
//! HTML that is safe to put in any page: comrak renders it with raw HTML
//! omitted, then ammonia keeps only harmless tags and attributes, and makes
//! every link open without handing the page to its target.

use comrak::nodes::NodeValue;
use comrak::{Arena, Options, format_html, parse_document};

/// Markdown to safe HTML. Raw HTML in the input is dropped, links get
/// `rel="noopener noreferrer"`, only http(s), mailto and relative URLs
/// survive, and images become links to the image (nothing loads by itself).
pub fn markdown_to_safe_html(md: &str) -> String {
    markdown_to_safe_html_nested(md, 1)
}

/// Like `markdown_to_safe_html`, with headings demoted so that the largest
/// becomes `<h{top_level}>`: Markdown placed under a page's own `<h2>` passes
/// 3 so the page's heading order stays intact.
pub fn markdown_to_safe_html_nested(md: &str, top_level: u8) -> String {
    let mut options = Options::default();
    options.extension.strikethrough = true;
    options.extension.table = true;
    options.extension.autolink = true;
    // Raw HTML is replaced by a comment, which the cleaner then removes.
    options.render.r#unsafe = false;

    let arena = Arena::new();
    let root = parse_document(&arena, md, &options);
    if nesting_depth(root) > MAX_NESTING {
        // No real document nests this deep; HTML cleaning of such input
        // takes quadratic time, so show it as the plain text it is.
        return format!("<pre>{}</pre>", crate::escape::escape_xml(md));
    }
    let shift = top_level.clamp(1, 6) - 1;
    for node in root.descendants() {
        let mut data = node.data.borrow_mut();
        match &mut data.value {
            NodeValue::Heading(h) => h.level = (h.level + shift).min(6),
            // An image would be fetched from wherever it points as soon as the
            // page opens (a tracking pixel, at worst); a link to it is not.
            NodeValue::Image(link) => {
                let link = link.clone();
                data.value = NodeValue::Link(link);
            }
            _ => {}
        }
    }
    let mut html = String::with_capacity(md.len() * 2);
    if format_html(root, &options, &mut html).is_err() {
        // Formatting into a String cannot fail; if it ever did, show the text itself.
        return format!("<p>{}</p>", crate::escape::escape_xml(md));
    }
    // Header cells of Markdown tables are column headers; say so for screen readers.
    clean(&html.replace("<th>", "<th scope=\"col\">"))
}

/// Deeper nesting than any real document has (lists in quotes in lists …).
const MAX_NESTING: usize = 64;

fn nesting_depth<'a>(root: &'a comrak::nodes::AstNode<'a>) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    for edge in root.traverse() {
        match edge {
            comrak::arena_tree::NodeEdge::Start(_) => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            comrak::arena_tree::NodeEdge::End(_) => depth = depth.saturating_sub(1),
        }
    }
    deepest
}

fn clean(html: &str) -> String {
    ammonia::Builder::default()
        .link_rel(Some("noopener noreferrer"))
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .url_relative(ammonia::UrlRelative::PassThrough)
        .add_tag_attributes("th", ["scope"])
        .clean(html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_common_markdown() {
        let html = markdown_to_safe_html(
            "# Title\n\nSome *emphasis* and `code`.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
        );
        assert!(html.contains("<h1>Title</h1>"), "{html}");
        assert!(html.contains("<em>emphasis</em>") && html.contains("<code>code</code>"));
        assert!(
            html.contains("<table>") && html.contains("<th scope=\"col\">a</th>"),
            "{html}"
        );
    }

    #[test]
    fn raw_html_and_scripts_are_stripped() {
        let html = markdown_to_safe_html(
            "<script>alert(1)</script>\n\nhi <img src=x onerror=alert(1)> <b onclick=\"x()\">b</b>\n\n<iframe src=\"https://e.vil\"></iframe>",
        );
        for bad in ["<script", "<img", "onerror", "onclick", "<iframe", "<b"] {
            assert!(!html.contains(bad), "{bad} in {html}");
        }
        assert!(html.contains("hi"));
    }

    #[test]
    fn links_are_safe() {
        let html = markdown_to_safe_html(
            "[ok](https://example.com) [bad](javascript:alert(1)) <https://auto.link>",
        );
        assert!(
            html.contains(r#"<a href="https://example.com" rel="noopener noreferrer">ok</a>"#),
            "{html}"
        );
        assert!(!html.contains("javascript:"), "{html}");
        assert!(html.contains(r#"href="https://auto.link""#));
    }

    #[test]
    fn images_become_links() {
        let html = markdown_to_safe_html("![the graph](https://example.com/g.png)");
        assert!(!html.contains("<img"), "{html}");
        assert!(
            html.contains(
                r#"<a href="https://example.com/g.png" rel="noopener noreferrer">the graph</a>"#
            ),
            "{html}"
        );
    }

    #[test]
    fn headings_are_demoted_under_a_page_heading() {
        let html = markdown_to_safe_html_nested("# One\n\n###### Six", 3);
        assert!(
            html.contains("<h3>One</h3>") && html.contains("<h6>Six</h6>"),
            "{html}"
        );
    }

    #[test]
    fn deep_nesting_is_shown_as_text_quickly() {
        let deep = ">".repeat(20_000) + " <script>deep</script>";
        let started = std::time::Instant::now();
        let html = markdown_to_safe_html(&deep);
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
        assert!(html.starts_with("<pre>") && html.contains("&lt;script&gt;deep"));
        let nested_list = (0..10)
            .map(|i| format!("{}- level {i}\n", "  ".repeat(i)))
            .collect::<String>();
        assert!(markdown_to_safe_html(&nested_list).contains("<ul>"));
        let stars = "*a ".repeat(20_000);
        assert!(!markdown_to_safe_html(&stars).is_empty());
    }
}
