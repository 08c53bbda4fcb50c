//! Property tests of the index's decoders: no byte string, whether noise or
//! a real entry cut or damaged anywhere, panics them; and every document
//! parsed from any text comes back from its entry unchanged.

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed

use dossier::model::parse::parse_document;
use dossier::model::store::entry::{Entry, decode, encode_document};
use dossier::model::store::manifest::Manifest;
use proptest::prelude::*;
use std::path::PathBuf;

/// Text with citations, agenda lines, footnotes and pages among noise.
fn texty() -> impl Strategy<Value = String> {
    let fragment = prop_oneof![
        Just("CTOC/COP/2012/1\n".to_string()),
        Just("Dans sa décision 4/4, la Conférence ".to_string()),
        Just("paragraphe 3 de l'article 32 de la Convention".to_string()),
        Just("Ordre du jour provisoire\n1. Ouverture de la session\na) Élection\n".to_string()),
        Just("\n\n1. Premier paragraphe numéroté.\n".to_string()),
        Just("* Document publié sans mise au point.\n".to_string()),
        Just("\u{c}\n".to_string()),
        Just("---\nsymbol: A/RES/80/1\n---\n".to_string()),
        any::<String>(),
        "[ -~é\n]{0,30}",
    ];
    prop::collection::vec(fragment, 0..10).prop_map(|parts| parts.concat())
}

/// A real entry, to damage.
fn an_entry() -> Vec<u8> {
    let text = "CTOC/COP/2012/1\n\nDans sa décision 4/4, la Conférence.\n\n1. Premier.\n".repeat(3);
    let doc = parse_document("x".into(), PathBuf::from("x.txt"), text, "UTF-8");
    encode_document(&doc)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_bytes_never_panic_the_decoders(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let _ = decode(&bytes);
        let _ = Manifest::decode(&bytes);
        // With a plausible head, the document decoder reads further.
        let mut tagged = vec![1u8];
        tagged.extend_from_slice(&bytes);
        let _ = decode(&tagged);
    }

    #[test]
    fn a_damaged_entry_never_panics_the_decoder(
        cut in any::<prop::sample::Index>(),
        flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..8),
    ) {
        let mut bytes = an_entry();
        for (at, xor) in flips {
            let i = at.index(bytes.len());
            bytes[i] ^= xor;
        }
        let end = cut.index(bytes.len() + 1);
        let _ = decode(&bytes[..end]);
    }

    #[test]
    fn every_parsed_document_comes_back_unchanged(text in texty(), name in "[a-z]{1,8}\\.(txt|md)") {
        let doc = parse_document("id".into(), PathBuf::from(&name), text, "UTF-8");
        let Ok(Entry::Document(back)) = decode(&encode_document(&doc)) else {
            panic!("the entry does not decode");
        };
        prop_assert_eq!(&back.text, &doc.text);
        prop_assert_eq!(&back.raw, &doc.raw);
        prop_assert_eq!(&back.pages, &doc.pages);
        prop_assert_eq!(&back.lines, &doc.lines);
        prop_assert_eq!(back.layout, doc.layout);
        prop_assert_eq!(back.encoding, doc.encoding);
        prop_assert_eq!(&back.meta, &doc.meta);
        prop_assert_eq!(&back.agenda, &doc.agenda);
        prop_assert_eq!(&back.paragraphs, &doc.paragraphs);
        prop_assert_eq!(&back.footnotes, &doc.footnotes);
        prop_assert_eq!(&back.references, &doc.references);
        prop_assert_eq!(back.words, doc.words);
        prop_assert_eq!(&back.caveats, &doc.caveats);
    }
}
