fn main() {
    let c = dossier::model::load_bundled();
    for d in c.documents() {
        println!("== {} {:?}", d.id, d.meta);
        for r in &d.references {
            println!("  {}:{} {} {:?}", r.line, r.column, r.key, r.text(&d.text));
        }
        println!(
            "  paras: {:?}",
            d.paragraphs
                .iter()
                .filter(|p| p.number.is_some())
                .map(|p| (p.number.clone(), p.start_line))
                .collect::<Vec<_>>()
        );
        println!("  footnotes: {:?}", d.footnotes);
        if let Some(a) = &d.agenda {
            for it in &a.items {
                println!(
                    "  ITEM {} {:?} l{} ann@{:?} subs={:?}",
                    it.number,
                    it.title,
                    it.line,
                    it.annotation_line,
                    it.sub_items
                        .iter()
                        .map(|s| (&s.letter, &s.title, s.annotation.len()))
                        .collect::<Vec<_>>()
                );
                println!(
                    "     ann: {:?}",
                    it.annotation.chars().take(100).collect::<String>()
                );
                for e in &it.documentation {
                    println!(
                        "     DOC {:?} {:?}",
                        e.symbol,
                        e.description.chars().take(60).collect::<String>()
                    );
                }
            }
        }
    }
}
