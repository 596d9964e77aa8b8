//! Trimming a reply to its own words: quoted text ("> " lines, "On … wrote:"
//! blocks, Outlook's "-----Original Message-----"), signatures ("-- ") and the
//! usual sign-offs are left out of the timeline text. The full mail is the
//! evidence, so nothing is lost; the timeline just shows what was new.

use std::sync::OnceLock;

use regex::Regex;

fn attribution() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?i)^\s*(on|am|le|el|il|op|em|den)\b.{0,300}(wrote|schrieb|a écrit|escribió|ha scritto|schreef|escreveu|skrev)\s*:\s*$",
        )
        .expect("the attribution pattern is a valid regex")
    })
}

fn sign_off() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?i)^\s*(thanks( again| a lot)?|thank you|many thanks|thx|cheers|best|best regards|kind regards|warm regards|regards|br|sincerely|all the best|talk soon|viele grüße|mit freundlichen grüßen|cordialement|saludos)\s*[,.!]?\s*$",
        )
        .expect("the sign-off pattern is a valid regex")
    })
}

/// Lines that start everything below them as quoted or as a signature.
fn starts_tail(lines: &[&str], i: usize) -> bool {
    let line = lines[i].trim_end();
    let trimmed = line.trim();
    if line == "-- " || line == "--" || trimmed == "__" {
        return true;
    }
    let lower = trimmed.to_ascii_lowercase();
    if lower.starts_with("-----original message-----")
        || lower.starts_with("----- original message -----")
        || lower.starts_with("-------- original message --------")
        || lower.starts_with("---------- forwarded message")
        || lower.starts_with("-----begin pgp signature-----")
        || lower.starts_with("sent from my ")
        || lower.starts_with("get outlook for ")
    {
        return true;
    }
    if attribution().is_match(line) {
        return true;
    }
    // "On Tue, 5 Mar 2024 at 10:00, Someone <someone@example.org>" + "wrote:" on the next line.
    if let Some(next) = lines.get(i + 1)
        && trimmed.len() < 300
        && attribution().is_match(&format!("{trimmed} {}", next.trim()))
        && !attribution().is_match(next)
    {
        return true;
    }
    // Outlook's reply header: an underscore rule or "From:" followed by "Sent:"/"Date:".
    let outlook_from =
        lower.starts_with("from:") || lower.starts_with("von:") || lower.starts_with("de :");
    let rule = trimmed.len() >= 10 && trimmed.bytes().all(|b| b == b'_');
    if outlook_from || rule {
        let window = lines.iter().skip(i + 1).take(4);
        for next in window {
            let n = next.trim().to_ascii_lowercase();
            if n.starts_with("sent:")
                || n.starts_with("date:")
                || n.starts_with("gesendet:")
                || (rule && n.starts_with("from:"))
            {
                return true;
            }
        }
    }
    false
}

/// The reply's own words: quoted lines, attribution blocks, forwarded and
/// original-message blocks, signatures and a trailing sign-off removed.
/// When trimming would leave nothing, the quotes-free text is kept instead.
pub fn trim_reply(body: &str) -> String {
    let normalised = body.replace("\r\n", "\n");
    let lines: Vec<&str> = normalised.lines().collect();
    let end = (0..lines.len())
        .find(|&i| starts_tail(&lines, i))
        .unwrap_or(lines.len());
    let own: Vec<&str> = lines[..end]
        .iter()
        .copied()
        .filter(|l| !l.trim_start().starts_with('>'))
        .collect();
    let without_sign_off = drop_sign_off(&own);
    let text = join_paragraphs(&without_sign_off);
    if text.is_empty() {
        join_paragraphs(&own)
    } else {
        text
    }
}

/// A sign-off ("Thanks,", "Best regards") near the end, followed only by a few
/// short lines (a name, a title), is cut together with what follows it.
fn drop_sign_off<'a>(lines: &[&'a str]) -> Vec<&'a str> {
    let non_empty: Vec<usize> = (0..lines.len())
        .filter(|&i| !lines[i].trim().is_empty())
        .collect();
    for &i in non_empty.iter().rev().take(6) {
        if sign_off().is_match(lines[i]) {
            let after = &lines[i + 1..];
            let short = after.iter().filter(|l| !l.trim().is_empty()).count() <= 4
                && after.iter().all(|l| l.trim().chars().count() <= 60);
            if short {
                return lines[..i].to_vec();
            }
        }
    }
    lines.to_vec()
}

fn join_paragraphs(lines: &[&str]) -> String {
    let mut out = String::new();
    for word in lines.iter().flat_map(|l| l.split_whitespace()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Shortens text to at most `max` characters, ending with "…" when it was cut.
pub fn excerpt(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    if let Some(space) = out.rfind(' ')
        && space > max / 2
    {
        out.truncate(space);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_attributions_and_signatures_are_trimmed() {
        let body = "I rolled back the deploy.\nIt is green now.\n\nOn Tue, 5 Mar 2024 at 10:00, Bo <bo@example.org> wrote:\n> Is prod down?\n> \n-- \nAna\nSRE team\n";
        assert_eq!(
            trim_reply(body),
            "I rolled back the deploy. It is green now."
        );
    }

    #[test]
    fn wrapped_attribution_and_outlook_blocks() {
        let wrapped = "Yes, done.\n\nOn Tue, 5 Mar 2024 at 10:00, Someone Long <someone@example.org>\nwrote:\n> question\n";
        assert_eq!(trim_reply(wrapped), "Yes, done.");
        let outlook = "Confirmed.\n\n-----Original Message-----\nFrom: Bo\nSent: Tuesday\nSubject: x\n\nold text";
        assert_eq!(trim_reply(outlook), "Confirmed.");
        let outlook_header = "Confirmed again.\n________________________________\nFrom: Bo <bo@x>\nSent: Tuesday\n\nold";
        assert_eq!(trim_reply(outlook_header), "Confirmed again.");
    }

    #[test]
    fn sign_offs_are_cut_but_never_to_nothing() {
        assert_eq!(
            trim_reply("The disk filled up at 02:14.\n\nThanks,\nAna\n"),
            "The disk filled up at 02:14."
        );
        assert_eq!(trim_reply("Thanks!"), "Thanks!");
        assert_eq!(trim_reply("> only a quote"), "");
    }

    #[test]
    fn interleaved_replies_keep_the_new_lines() {
        let body = "> Is it down?\nYes since 10:02.\n> Who is on call?\nThe platform rota.\n";
        assert_eq!(trim_reply(body), "Yes since 10:02. The platform rota.");
    }

    #[test]
    fn excerpts_end_with_an_ellipsis() {
        assert_eq!(excerpt("short", 10), "short");
        let long = "word ".repeat(50);
        let cut = excerpt(&long, 20);
        assert!(cut.ends_with('…') && cut.chars().count() <= 20, "{cut}");
    }
}
