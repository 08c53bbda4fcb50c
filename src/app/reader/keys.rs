//! What a key does in reader `i`: scrolling, stepping through references and
//! search hits, following a reference, opening a URL, copying.

use super::{FindStep, Reader};
use crate::app::Action;
use crate::app::command::{Cmd, Cx, Target};
use crate::app::msg::Effect;
use crate::model::{Document, RefKind};

/// What a key does in reader `i`; `None` passes it down to the global keys.
pub fn handle(r: &mut Reader, i: usize, a: Action, cx: &Cx) -> Option<Vec<Cmd>> {
    let shown = r.shown(cx.corpus)?;
    let doc: &crate::model::Document = &shown;
    let v = cx.view;
    let scrolled = match a {
        Action::Up => Some(-1),
        Action::Down => Some(1),
        Action::PageUp => Some(-(v.1.saturating_sub(2).max(1) as isize)),
        Action::PageDown => Some(v.1.saturating_sub(2).max(1) as isize),
        Action::HalfPageUp => Some(-((v.1 / 2).max(1) as isize)),
        Action::HalfPageDown => Some((v.1 / 2).max(1) as isize),
        Action::Top => {
            r.home();
            Some(0)
        }
        Action::Bottom => {
            r.end(doc, v);
            Some(0)
        }
        _ => None,
    };
    if let Some(delta) = scrolled {
        r.scroll(doc, delta, v);
        return Some(vec![Cmd::Scrolled(i)]);
    }
    let say = |text: String| vec![Cmd::Say(text, false)];
    let select_hint = || {
        format!(
            "{} and {} select references",
            cx.keys.key(Action::NextReference),
            cx.keys.key(Action::PrevReference)
        )
    };
    Some(match a {
        Action::Open => follow(r, i, doc, cx),
        Action::NextReference | Action::PrevReference => {
            step_reference(r, i, doc, a == Action::NextReference, v)
        }
        Action::Find => vec![Cmd::OpenFind(i)],
        Action::FindNext | Action::FindPrev => match r.find_step(doc, a == Action::FindNext, v) {
            Ok(()) => vec![Cmd::Scrolled(i)],
            Err(FindStep::NoSearch) => say(format!(
                "no search in this document: {} starts one",
                cx.keys.key(Action::Find)
            )),
            Err(FindStep::NoMatch(q)) => vec![Cmd::Say(format!("no match for “{q}”"), true)],
        },
        Action::Footnote => match next_note(r, doc, v) {
            Some((at, marker, text)) => {
                r.note_at = Some(at);
                vec![Cmd::Note(marker, text)]
            }
            None if doc.footnotes.is_empty() => say("this document has no footnotes".into()),
            None => {
                r.note_at = None;
                say("no footnote mark on screen".into())
            }
        },
        Action::Language => switch_language(r, i, cx),
        Action::LanguageBeside => vec![Cmd::LanguageBeside(i)],
        Action::NextParagraph | Action::PrevParagraph => vec![Cmd::StepParagraph {
            reader: i,
            forward: a == Action::NextParagraph,
        }],
        Action::ScrollRight | Action::ScrollLeft => {
            if !r.segs.unwrapped() {
                return Some(say(
                    "lines wrap in this document: there is nothing to scroll sideways".into(),
                ));
            }
            let step = (v.0 / 2).max(8);
            r.left = if a == Action::ScrollRight {
                (r.left + step).min(widest_on_screen(r, doc, v).saturating_sub(v.0 / 2))
            } else {
                r.left.saturating_sub(step)
            };
            vec![Cmd::Scrolled(i)]
        }
        Action::ToggleRaw => {
            let key = cx.keys.key(Action::ToggleRaw);
            if !r.toggle_raw(cx.corpus, v) {
                say("this document needed no cleaning: it is shown as decoded".into())
            } else if r.raw.is_some() {
                say(format!(
                    "the text as decoded, page furniture and all ({key}: the clean reading text)"
                ))
            } else {
                say(format!(
                    "the clean reading text ({key}: the text as decoded)"
                ))
            }
        }
        Action::Leave => {
            r.find = None;
            vec![Cmd::Leave(i)]
        }
        Action::Close => {
            if r.find.take().is_none() && r.current_ref.take().is_none() {
                vec![Cmd::Leave(i)]
            } else {
                Vec::new()
            }
        }
        Action::SideBySide => {
            let target = r
                .current_ref
                .and_then(|k| doc.references.get(k))
                .and_then(|x| cx.corpus.resolve(&x.key).first().copied());
            match target {
                Some(d) => vec![Cmd::SideBySide {
                    from: i,
                    doc: d,
                    target: Target::Top,
                }],
                // The same document, at the same place.
                None => vec![Cmd::SideBySide {
                    from: i,
                    doc: r.doc,
                    target: Target::Line(r.top_line(doc)),
                }],
            }
        }
        Action::OpenUrl => {
            let url = r
                .current_ref
                .and_then(|k| doc.references.get(k))
                .filter(|x| x.kind == RefKind::Url)
                .map(|x| x.target().to_string());
            match url {
                Some(u) => {
                    let u = if u.starts_with("www.") {
                        format!("https://{u}")
                    } else {
                        u
                    };
                    vec![
                        Cmd::Say(format!("opening {u}"), false),
                        Cmd::Effect(Effect::OpenUrl(u)),
                    ]
                }
                None => say(format!("no URL selected ({})", select_hint())),
            }
        }
        Action::Copy => {
            let text = r
                .current_ref
                .and_then(|k| doc.references.get(k))
                .map(|x| match x.kind {
                    RefKind::Url | RefKind::Symbol | RefKind::Email => x.target().to_string(),
                    _ => crate::sanitize::inert_line(x.text(&doc.text)).into_owned(),
                });
            match text {
                Some(t) => vec![
                    Cmd::Say(format!("copied {t}"), false),
                    Cmd::Effect(Effect::Copy(t)),
                ],
                None => say(format!("no reference selected ({})", select_hint())),
            }
        }
        _ => return None,
    })
}

/// Opens the next language version of reader `i`'s document, at the same
/// numbered paragraph (else at the same share of the text).
fn switch_language(r: &Reader, i: usize, cx: &Cx) -> Vec<Cmd> {
    let Some(doc) = cx.corpus.get(r.doc) else {
        return Vec::new();
    };
    let versions = cx.corpus.versions_of(r.doc);
    let here = versions
        .iter()
        .position(|v| v.renderings.contains(&r.doc))
        .unwrap_or(0);
    if versions.len() < 2 {
        let lang = doc.meta.language.as_deref().unwrap_or("one language");
        return vec![Cmd::Say(
            format!("{} is held in {lang} only here", doc.label()),
            false,
        )];
    }
    let next = &versions[(here + 1) % versions.len()];
    let Some(other) = cx.corpus.get(next.doc) else {
        return Vec::new();
    };
    // The line read: a jump shows a little context above its line.
    let v = cx.view;
    let Some(shown) = r.shown(cx.corpus) else {
        return Vec::new();
    };
    let shown: &Document = &shown; // the raw view has no paragraphs: by share
    let (seg, _) = r.forward(shown, (r.top, r.row), 2.min(v.1 / 4), v.0);
    let read = shown.lines.line_of(r.segs.range(seg).start);
    let line = same_place(shown, other, read);
    let after = &versions[(here + 2) % versions.len()];
    let codes =
        |v: &crate::model::versions::Version| v.language.clone().unwrap_or_else(|| "?".into());
    vec![
        Cmd::Jump {
            reader: i,
            doc: next.doc,
            target: Target::Line(line),
        },
        Cmd::Say(
            format!(
                "{} version ({}: {})",
                codes(next),
                cx.keys.key(Action::Language),
                codes(after)
            ),
            false,
        ),
    ]
}

/// The line of `to` that matches line `line` of `from`: the start of the
/// paragraph with the same number, else the same share of the text.
pub(crate) fn same_place(from: &Document, to: &Document, line: usize) -> usize {
    let numbered = from
        .paragraphs
        .iter()
        .rev()
        .find(|p| p.number.is_some() && p.start_line <= line);
    if let Some(n) = numbered.and_then(|p| p.number.as_deref()) {
        if let Some(p) = to.paragraph(n) {
            return p.start_line;
        }
    }
    let share = line as f64 / from.line_count().max(1) as f64;
    ((share * to.line_count() as f64) as usize).max(1)
}

/// Columns of the widest line on screen.
fn widest_on_screen(r: &Reader, doc: &Document, v: (usize, usize)) -> usize {
    (r.top..r.segs.len().min(r.top + v.1.max(1)))
        .map(|seg| crate::app::text::width_of(&crate::app::text::render(doc, &r.segs, seg).glyphs))
        .max()
        .unwrap_or(0)
}

/// The footnote mark on screen after the one last opened (the first when
/// none was): its byte offset, marker and footnote text.
fn next_note(r: &Reader, doc: &Document, v: (usize, usize)) -> Option<(usize, String, String)> {
    if doc.footnotes.is_empty() {
        return None;
    }
    let from = r.segs.range(r.top).start;
    let (last, _) = r.forward(doc, (r.top, r.row), v.1.saturating_sub(1), v.0);
    let to = r.segs.range(last).end.min(doc.text.len());
    let after = r
        .note_at
        .filter(|&a| a >= from && a < to)
        .map_or(from, |a| {
            let len = doc.text.get(a..).and_then(|t| t.chars().next());
            a + len.map_or(1, char::len_utf8)
        });
    let shown = doc.text.get(after..to)?;
    marks(shown)
        .map(|(at, marker)| (after + at, marker))
        // A footnote's own line (`¹ See …`, `[^1]: See …`) is not a mark.
        .filter(|&(at, _)| at > 0 && !doc.text[..at].ends_with('\n'))
        .find_map(|(at, marker)| {
            let f = doc.footnotes.iter().find(|f| f.marker == marker)?;
            Some((at, f.marker.clone(), f.text.clone()))
        })
}

/// Footnote marks in `text`, in order: superscript digits, and markdown's
/// `[^label]` (not its definitions, `[^label]:`), with their byte offsets.
fn marks(text: &str) -> impl Iterator<Item = (usize, String)> + '_ {
    let mut at = 0usize;
    std::iter::from_fn(move || {
        while at < text.len() {
            let rest = &text[at..];
            let c = rest.chars().next()?;
            let start = at;
            if is_superscript(c) {
                let digits: String = rest.chars().take_while(|&c| is_superscript(c)).collect();
                at += digits.len();
                if let Some(m) = crate::model::clean::from_superscript(&digits) {
                    return Some((start, m));
                }
                continue;
            }
            if let Some(label) = rest.strip_prefix("[^").and_then(|r| r.split_once(']')) {
                let (label, after) = label;
                if !label.is_empty() && !label.contains(['\n', '[']) && !after.starts_with(':') {
                    at += 3 + label.len();
                    return Some((start, label.to_string()));
                }
            }
            at += c.len_utf8();
        }
        None
    })
}

fn is_superscript(c: char) -> bool {
    matches!(c, '⁰' | '¹' | '²' | '³' | '⁴'..='⁹')
}

/// Selects the next or previous reference from the current one (or from the
/// top of the page when the current one is out of view).
fn step_reference(
    r: &mut Reader,
    i: usize,
    doc: &Document,
    forward: bool,
    v: (usize, usize),
) -> Vec<Cmd> {
    let n = doc.references.len();
    if n == 0 {
        return vec![Cmd::Say("this document cites nothing".into(), false)];
    }
    let top_byte = r.segs.range(r.top).start;
    // A selection scrolled out of view no longer anchors the step.
    let current = r.current_ref.filter(|&k| {
        doc.references
            .get(k)
            .is_some_and(|x| r.is_visible(doc, x.start, v))
    });
    let next = match current {
        Some(c) if forward => (c + 1 < n).then_some(c + 1),
        Some(c) => c.checked_sub(1),
        None if forward => doc.references.iter().position(|x| x.start >= top_byte),
        None => doc
            .references
            .iter()
            .rposition(|x| x.start < top_byte)
            .or(Some(n - 1)),
    };
    match next {
        Some(k) => {
            r.current_ref = Some(k);
            r.show_byte(doc, doc.references[k].start, v);
            vec![Cmd::Scrolled(i)]
        }
        None => vec![Cmd::Say(
            if forward {
                "no more references below"
            } else {
                "no more references above"
            }
            .into(),
            false,
        )],
    }
}

/// Follows the current reference: a document opens, other citations show
/// their backlinks, a URL or e-mail address is shown.
fn follow(r: &Reader, i: usize, doc: &Document, cx: &Cx) -> Vec<Cmd> {
    let Some(reference) = r.current_ref.and_then(|k| doc.references.get(k)) else {
        return vec![Cmd::Say(
            format!(
                "no reference selected: {} and {} select one",
                cx.keys.key(Action::NextReference),
                cx.keys.key(Action::PrevReference)
            ),
            false,
        )];
    };
    let target = reference.target().to_string();
    // A symbol, or a resolution resolved to one, opens its document.
    let document = cx.corpus.resolve(&reference.key).first().copied();
    match reference.kind {
        _ if document == Some(r.doc) => {
            vec![Cmd::Say(format!("{target} is this document"), false)]
        }
        _ if document.is_some() => vec![Cmd::Jump {
            reader: i,
            doc: document.unwrap_or(r.doc),
            target: Target::Top,
        }],
        RefKind::Symbol => vec![Cmd::Say(format!("{target} is not in this corpus"), true)],
        RefKind::Url => vec![Cmd::Say(
            format!(
                "{target}  ({} opens it in the browser)",
                cx.keys.key(Action::OpenUrl)
            ),
            false,
        )],
        RefKind::Email => vec![Cmd::Say(format!("e-mail address: {target}"), false)],
        _ => vec![Cmd::Backlinks(reference.key.clone())],
    }
}
