//! Articles of the Convention and its Protocols, and rules of the rules of
//! procedure (which French and Spanish also call "article"): the instrument is
//! read from the noun that follows, never from the word "article".
//! Keys: `article:convention:32:3`, `article:rules:2:2`, `article:protocol:14:2`,
//! `article:convention:32` when no paragraph is given.

use super::Found;
use crate::model::reference::RefKind;
use regex::Regex;
use std::sync::LazyLock;

/// One way of writing an article citation, and where its parts are.
struct Form {
    regex: Regex,
    /// A word every match of `regex` contains (same case rules): texts
    /// without it are not searched. A pure speed-up: on French text the
    /// Spanish form alone ran at 5 MB/s (its Unicode `\b` keeps the regex
    /// engine off its DFA), 95 % of all article extraction.
    keyword: Option<Regex>,
    /// True when a match must start at a word start (the boundary is checked
    /// by hand, see [`extract`]).
    word_start: bool,
}

/// The keyword of each form of [`FORMS`], in the same order (None: no gate).
const KEYWORDS: &[&str] = &[
    "(?i:article)",
    "(?i:article)",
    "(?i:rule)",
    "(?i:artículo)",
    "стать|правил",
    "المادة",
    "条",
];

const FR_INSTRUMENT: &str = r"(?:de\s+la\s+|du\s+|de\s+son\s+|de\s+leur\s+|de\s+notre\s+)(Convention|Protocole|[Rr]èglement\s+intérieur)";
const EN_INSTRUMENT: &str = r"of\s+(?:the|its|their|this)\s+(?:(?:[A-Z][\w-]*|in|of|against|on|and)\s+){0,6}?(Convention|Protocol|rules\s+of\s+procedure)";
const ES_INSTRUMENT: &str =
    r"(?:de\s+la\s+|del\s+|de\s+su\s+)(Convención|Convenio|Protocolo|[Rr]eglamento)";
const RU_INSTRUMENT: &str = r"(Конвенции|Протокола|правил\s+процедуры)";
/// An article number, with an optional `.N` or `(N)` paragraph glued to it.
const ART: &str = r"(?P<art>[0-9]+)(?:\.(?P<para3>[0-9]+)|\((?P<para4>[0-9]+)\))?";
/// A subparagraph letter, dropped from the key: `4 (c)`, `7 a)`.
const SUB: &str = r"(?:\s*\(?[a-z]\))?";

static FORMS: LazyLock<Vec<Form>> = LazyLock::new(|| forms(""));

/// The forms, each opening with `boundary` (see [`extract`]: the word boundary
/// is checked by hand, so that the regex engine stays on its fast DFA).
fn forms(boundary: &str) -> Vec<Form> {
    let b = boundary;
    let forms = [
        // paragraphe 3 de l'article 32 de la Convention; par. 2 de l'article 14 du Protocole;
        // article 2 du règlement intérieur; l'article 32(3) de la Convention
        format!(r"(?i:{b}(?:(?:paragraphe|par\.)\s+(?P<para>[0-9]+){SUB}\s+de\s+)?(?:l['’])?article\s+{ART})\s+{FR_INSTRUMENT}"),
        // paragraph 3 of article 32 of the Convention; article 32, paragraph 3, of the Convention;
        // article 63, paragraph 4 (c), of the Organized Crime Convention
        format!(r"(?i:{b}(?:(?:paragraph|para\.)\s+(?P<para>[0-9]+){SUB}\s+of\s+)?article\s+{ART})(?i:,?\s+(?:paragraph|para\.)\s+(?P<para2>[0-9]+){SUB},?)?\s+{EN_INSTRUMENT}"),
        // rule 2 of the rules of procedure; paragraph 2 of rule 2 of its rules of procedure
        format!(r"(?i:{b}(?:(?:paragraph|para\.)\s+(?P<para>[0-9]+)\s+of\s+)?rule\s+(?P<art>[0-9]+)(?:,?\s+paragraph\s+(?P<para2>[0-9]+),?)?\s+of\s+(?:the|its|their)\s+(?P<rules>rules\s+of\s+procedure))"),
        // párrafo 3 del artículo 32 de la Convención; artículo 97 del reglamento
        format!(r"(?i:{b}(?:(?:párrafo|párr\.)\s+(?P<para>[0-9]+){SUB}\s+del\s+)?artículo\s+{ART})\s+{ES_INSTRUMENT}"),
        // пунктом 3 статьи 32 Конвенции; пунктом 2 правила 2 правил процедуры
        format!(r"(?:{b}(?:пункт\w*\s+(?P<para>[0-9]+)\s+)?(?:стать\w*|правил[оау]\w*)\s+(?P<art>[0-9]+))\s+{RU_INSTRUMENT}"),
        // الفقرة 3 من المادة 32 من الاتفاقية; المادة 99 من النظام الداخلي
        r"(?:(?:الفقرة\s+(?P<para>[0-9]+)\s+من\s+)?المادة\s+(?P<art>[0-9]+)\s+من\s+(الاتفاقية|البروتوكول|النظام\s+الداخلي))".to_string(),
        // 公约第32条第3款; 议事规则第2条
        r"(?:(公约|议定书|议事规则)第(?P<art>[0-9]+)条(?:第(?P<para>[0-9]+)款)?)".to_string(),
    ];
    forms
        .into_iter()
        .enumerate()
        .map(|(k, f)| Form {
            regex: Regex::new(&f).expect("valid regex"),
            keyword: KEYWORDS.get(k).map(|w| Regex::new(w).expect("valid regex")),
            // The Latin and Cyrillic forms open on a word; Arabic and Chinese
            // ones are glued to the words around them.
            word_start: k <= 4,
        })
        .collect()
}

/// Finds every article citation in `text`.
pub fn extract(text: &str, out: &mut Vec<Found>) {
    extract_with(&FORMS, true, text, out);
}

/// True when a match may start at byte `at` of `text`: not right after a
/// word character (what `\b` before a word says, checked by hand: a Unicode
/// `\b` in the pattern sends the regex engine off its DFA on non-ASCII text).
fn at_word_start(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .next_back()
        .is_none_or(|c| !regex_syntax::is_word_character(c))
}

/// Every match of `regex` in `text` that starts at a word start, leftmost
/// first, as the same regex opening with `\b` would find them.
fn word_start_captures<'t>(regex: &Regex, text: &'t str) -> Vec<regex::Captures<'t>> {
    let mut found = Vec::new();
    let mut from = 0;
    while from <= text.len() {
        let Some(caps) = regex.captures_at(text, from) else {
            break;
        };
        let Some(whole) = caps.get(0) else { break };
        if at_word_start(text, whole.start()) {
            from = if whole.end() > whole.start() {
                whole.end()
            } else {
                whole.end() + 1
            };
            found.push(caps);
        } else {
            // Try again from the next character, as `\b` would have made the engine do.
            from = whole.start()
                + text[whole.start()..]
                    .chars()
                    .next()
                    .map_or(1, char::len_utf8);
        }
    }
    found
}

fn extract_with(forms: &[Form], check_boundary: bool, text: &str, out: &mut Vec<Found>) {
    // Spans already cited by an earlier form, by start: a later form may not overlap them.
    let mut taken: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    for form in forms {
        if form.keyword.as_ref().is_some_and(|k| !k.is_match(text)) {
            continue;
        }
        let all: Vec<regex::Captures> = if check_boundary && form.word_start {
            word_start_captures(&form.regex, text)
        } else {
            form.regex.captures_iter(text).collect()
        };
        for caps in all {
            let Some(whole) = caps.get(0) else { continue };
            let overlaps = taken
                .range(..whole.end())
                .next_back()
                .is_some_and(|(_, &end)| end > whole.start());
            if overlaps {
                continue;
            }
            let instrument = if caps.name("rules").is_some() {
                "rules"
            } else {
                // The instrument is the one unnamed group of the form.
                let unnamed = caps
                    .iter()
                    .zip(form.regex.capture_names())
                    .skip(1)
                    .find_map(|(m, name)| m.filter(|_| name.is_none()));
                match unnamed {
                    Some(m) => instrument_of(m.as_str()),
                    None => continue,
                }
            };
            let Some(article) = caps.name("art") else {
                continue;
            };
            let paragraph = ["para", "para2", "para3", "para4"]
                .iter()
                .find_map(|n| caps.name(n));
            let key = match paragraph {
                Some(p) => format!("article:{instrument}:{}:{}", article.as_str(), p.as_str()),
                None => format!("article:{instrument}:{}", article.as_str()),
            };
            taken.insert(whole.start(), whole.end());
            out.push(Found::new(
                RefKind::Article,
                key,
                whole.start(),
                whole.end(),
            ));
        }
    }
}

fn instrument_of(noun: &str) -> &'static str {
    let noun = noun.to_lowercase();
    if noun.starts_with("conv") || noun.starts_with("конв") || noun == "الاتفاقية" || noun == "公约"
    {
        "convention"
    } else if noun.starts_with("proto")
        || noun.starts_with("прото")
        || noun == "البروتوكول"
        || noun == "议定书"
    {
        "protocol"
    } else {
        "rules"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<String> {
        super::super::keys_found_by(extract, text)
    }

    #[test]
    fn french_forms_from_the_seeds() {
        assert_eq!(
            keys(
                "conformément au paragraphe 3 de l'article 32 de la Convention contre la criminalité organisée et au paragraphe 2 de l'article 2 de son règlement intérieur, de créer"
            ),
            ["article:convention:32:3", "article:rules:2:2"]
        );
        assert_eq!(
            keys("au paragraphe 2 de l'article 2 de son Règlement intérieur, un groupe"),
            ["article:rules:2:2"]
        );
        assert_eq!(
            keys("(par. 2 de l'article 14 du Protocole);"),
            ["article:protocol:14:2"]
        );
        assert_eq!(
            keys("l'article 32 de la Convention"),
            ["article:convention:32"]
        );
    }

    #[test]
    fn spans_cover_the_phrase() {
        let text = "au paragraphe 3 de l'article 32 de la Convention et";
        let mut out = Vec::new();
        extract(text, &mut out);
        assert_eq!(
            &text[out[0].start..out[0].end],
            "paragraphe 3 de l'article 32 de la Convention"
        );
    }

    #[test]
    fn english_spanish_russian_forms() {
        assert_eq!(
            keys(
                "in accordance with article 32, paragraph 3, of the Convention and rule 2 of the rules of procedure"
            ),
            ["article:convention:32:3", "article:rules:2"]
        );
        assert_eq!(
            keys(
                "paragraph 3 of article 32 of the Convention and paragraph 2 of rule 2 of its rules of procedure"
            ),
            ["article:convention:32:3", "article:rules:2:2"]
        );
        assert_eq!(
            keys(
                "con arreglo al párrafo 3 del artículo 32 de la Convención y al párrafo 2 del artículo 2 del reglamento de la Conferencia"
            ),
            ["article:convention:32:3", "article:rules:2:2"]
        );
        assert_eq!(
            keys(
                "в соответствии с пунктом 3 статьи 32 Конвенции и пунктом 2 правила 2 правил процедуры Конференции"
            ),
            ["article:convention:32:3", "article:rules:2:2"]
        );
        assert_eq!(keys("article 5 of the Protocol"), ["article:protocol:5"]);
        assert_eq!(
            keys("article 63, paragraph 4 (c), of the Organized Crime Convention"),
            ["article:convention:63:4"]
        );
        assert_eq!(
            keys("paragraph 2 of article 5 of the Trafficking in Persons Protocol"),
            ["article:protocol:5:2"]
        );
        assert_eq!(keys("artículo 97 del reglamento"), ["article:rules:97"]);
        assert_eq!(
            keys("apartado a) del párrafo 7 del artículo 8 del Convenio"),
            ["article:convention:8:7"]
        );
        assert_eq!(
            keys("الفقرة 3 من المادة 32 من الاتفاقية و المادة 99 من النظام الداخلي"),
            ["article:convention:32:3", "article:rules:99"]
        );
        assert_eq!(
            keys("公约第32条第3款和议事规则第2条"),
            ["article:convention:32:3", "article:rules:2"]
        );
    }

    #[test]
    fn french_variants() {
        assert_eq!(
            keys("l'article 32(3) de la Convention"),
            ["article:convention:32:3"]
        );
        assert_eq!(
            keys("article 2 du règlement intérieur"),
            ["article:rules:2"]
        );
        assert_eq!(
            keys("l'article 23.1 du règlement intérieur"),
            ["article:rules:23:1"]
        );
    }

    #[test]
    fn word_boundaries_are_kept() {
        assert!(keys("xarticle 32 de la Convention").is_empty());
        assert_eq!(
            keys("xparagraphe 3 de l'article 32 de la Convention"),
            ["article:convention:32"]
        );
        assert_eq!(
            keys("éparagraphe 3 de l'article 32 de la Convention"),
            ["article:convention:32"]
        );
        assert_eq!(
            keys("(paragraphe 3 de l'article 32 de la Convention)"),
            ["article:convention:32:3"]
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
        /// Checking the boundary by hand finds what `\b` in the pattern finds.
        #[test]
        fn same_as_the_patterns_with_word_boundaries(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::strategy::Just("paragraphe 3 de l'article 32 de la Convention".to_string()),
                    proptest::strategy::Just("par. 2 de l'article 14 du Protocole".to_string()),
                    proptest::strategy::Just("article 32, paragraph 3, of the Convention".to_string()),
                    proptest::strategy::Just("rule 2 of the rules of procedure".to_string()),
                    proptest::strategy::Just("párrafo 3 del artículo 32 de la Convención".to_string()),
                    proptest::strategy::Just("пунктом 3 статьи 32 Конвенции".to_string()),
                    "[a-zé_0-9]{0,3}",
                    "[ ,.()\\n]{0,2}",
                ],
                0..10,
            )
        ) {
            let text = parts.concat();
            let mut fast = Vec::new();
            extract(&text, &mut fast);
            let mut plain = Vec::new();
            extract_with(&forms(r"\b"), false, &text, &mut plain);
            proptest::prop_assert_eq!(fast, plain, "{:?}", text);
        }
    }

    #[test]
    fn anaphora_and_bare_articles_cite_nothing() {
        assert!(keys("paragraph 2 of that article").is_empty());
        assert!(keys("un article de presse").is_empty());
        assert!(keys("l'article 12 du journal").is_empty());
        assert!(keys("par. 3 du présent article").is_empty());
        assert!(keys("the present article").is_empty());
    }
}
