//! URLs and e-mail addresses: bare, in angle brackets, and as markdown links
//! (`[text](https://…)`, `[a@b.org](mailto:a@b.org)`).

use super::{Found, glued_before};
use crate::model::reference::RefKind;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

static MARKDOWN_LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[([^\]\n]*)\]\(([^)\s]*)\)").expect("valid regex"));
static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)\b(?:https?://|ftp://|www\.)[^\s<>"\[\]{}|\\^`]+"#).expect("valid regex")
});
static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
        .expect("valid regex")
});

/// What the link extractor found, and the byte ranges that links cover (so that
/// other extractors do not read a URL's path as a document symbol).
#[derive(Debug, Default)]
pub struct Links {
    /// URL and e-mail citations.
    pub found: Vec<Found>,
    /// Byte ranges of URLs and link targets, sorted and disjoint.
    pub covered: Vec<Range<usize>>,
}

/// Finds every URL and e-mail address in `text`.
pub fn extract(text: &str) -> Links {
    let mut links = Links::default();
    let mut link_spans: Vec<Range<usize>> = Vec::new();
    for caps in MARKDOWN_LINK.captures_iter(text) {
        let (Some(whole), Some(label), Some(target)) = (caps.get(0), caps.get(1), caps.get(2))
        else {
            continue;
        };
        let target_str = target.as_str();
        let span = if label.as_str().trim().is_empty() {
            target.range()
        } else {
            label.range()
        };
        if let Some(addr) = target_str.strip_prefix("mailto:") {
            if EMAIL.is_match(addr) {
                links.found.push(Found::new(
                    RefKind::Email,
                    format!("email:{addr}"),
                    span.start,
                    span.end,
                ));
                link_spans.push(whole.range());
            }
        } else if URL.find(target_str).is_some_and(|m| m.start() == 0) {
            links.found.push(Found::new(
                RefKind::Url,
                format!("url:{}", trim_url(target_str)),
                span.start,
                span.end,
            ));
            link_spans.push(whole.range());
        }
        links.covered.push(target.range());
    }
    let inside = |r: &Range<usize>, spans: &[Range<usize>]| super::within(spans, r);
    for m in URL.find_iter(text) {
        let url = trim_url(m.as_str());
        let range = m.start()..m.start() + url.len();
        links.covered.push(range.clone());
        if inside(&range, &link_spans) {
            continue;
        }
        links.found.push(Found::new(
            RefKind::Url,
            format!("url:{url}"),
            range.start,
            range.end,
        ));
    }
    links.covered = super::merge(std::mem::take(&mut links.covered));
    for m in EMAIL.find_iter(text) {
        let range = m.range();
        let in_url = inside(&range, &links.covered);
        if in_url || inside(&range, &link_spans) || glued_before(text, range.start, b"/:") {
            continue;
        }
        let addr = m.as_str().trim_end_matches('.');
        links.found.push(Found::new(
            RefKind::Email,
            format!("email:{addr}"),
            range.start,
            range.start + addr.len(),
        ));
    }
    links
}

/// A URL without the punctuation that ends the sentence around it. A closing
/// parenthesis belongs to the URL only when the URL opened one (`…/a_(b)`).
/// Linear in the URL's length, however many parentheses it ends with.
fn trim_url(url: &str) -> &str {
    let opened = url.bytes().filter(|&b| b == b'(').count();
    let mut closed = url.bytes().filter(|&b| b == b')').count();
    let mut end = url.len();
    while let Some(c) = url[..end].chars().next_back() {
        let keep = match c {
            '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '"' | '»' | '”' => false,
            ')' if opened < closed => {
                closed -= 1;
                false
            }
            _ => true,
        };
        if keep {
            break;
        }
        end -= c.len_utf8();
    }
    &url[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<String> {
        extract(text).found.into_iter().map(|f| f.key).collect()
    }

    #[test]
    fn angle_bracketed_url_from_seed_003() {
        let text = "à l'adresse suivante:\n\n<http://www.unodc.org/unodc/en/treaties/CTOC/working-group-on-trafficking-jan-2010.html>";
        assert_eq!(
            keys(text),
            [
                "url:http://www.unodc.org/unodc/en/treaties/CTOC/working-group-on-trafficking-jan-2010.html"
            ]
        );
        let f = &extract(text).found[0];
        assert_eq!(
            &text[f.start..f.end],
            "http://www.unodc.org/unodc/en/treaties/CTOC/working-group-on-trafficking-jan-2010.html"
        );
    }

    #[test]
    fn mailto_link_is_one_email() {
        let text = "à l'adresse: [untoc.cop@unodc.org](mailto:untoc.cop@unodc.org), pour le";
        let links = extract(text);
        assert_eq!(keys(text), ["email:untoc.cop@unodc.org"]);
        let f = &links.found[0];
        assert_eq!(&text[f.start..f.end], "untoc.cop@unodc.org");
    }

    #[test]
    fn markdown_url_link_and_bare_ones() {
        let text = "see [the page](https://example.org/a) and https://un.org/x. Or www.unodc.org, or mail x.y@un.org.";
        assert_eq!(
            keys(text),
            [
                "url:https://example.org/a",
                "url:https://un.org/x",
                "url:www.unodc.org",
                "email:x.y@un.org"
            ]
        );
    }

    #[test]
    fn closing_parentheses_and_punctuation() {
        assert_eq!(
            trim_url("https://en.wikipedia.org/wiki/A_(b))."),
            "https://en.wikipedia.org/wiki/A_(b)"
        );
        assert_eq!(trim_url("http://un.org/x)."), "http://un.org/x");
        assert_eq!(trim_url("http://un.org/x\".,"), "http://un.org/x");
        let hostile = format!("http://x{}", ")".repeat(200_000));
        assert_eq!(trim_url(&hostile), "http://x");
    }

    #[test]
    fn anchors_and_plain_brackets_are_no_links() {
        assert!(keys("[CTOC/COP/WG.4/2017/4](#) et [Adresse]").is_empty());
        assert!(keys("télécopie: +43-1 26060 75752").is_empty());
    }
}
