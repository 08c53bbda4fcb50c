//! Two language versions of one document read side by side, aligned
//! paragraph by paragraph ([`crate::model::align`]). When the two readers
//! show versions of one symbol in two languages, the alignment is computed
//! once (and kept, by the two documents) and the readers follow each other
//! by aligned paragraph: the reader that moved drives, and the other keeps
//! the paired paragraph at the same row. The paragraph read (the pair at
//! the driving reader's reading row) is highlighted on both sides; `J` and
//! `K` step from pair to pair; a paragraph with no counterpart shows as such
//! on the other side (a ghost row).
//!
//! The reducer calls [`after`] once per message; nothing here draws.

use crate::app::Action;
use crate::app::command::{Cmd, Target};
use crate::app::layers::{Focus, Pane};
use crate::app::reader::Reader;
use crate::app::reader::scroll::Pos;
use crate::app::state::State;
use crate::model::align::{self, Mode, Pair, Span};
use crate::model::{Corpus, Document};
use std::collections::HashMap;
use std::sync::Arc;

/// Most rows counted between two places of one paragraph (a paragraph of
/// a 5 MB one-line file is still measured in bounded time).
const ROW_LIMIT: usize = 5_000;

/// An alignment of two documents, and the pair each paragraph is in.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Alignment {
    /// The pairs, in document order; `left` is the first document's.
    pub pairs: Vec<Pair>,
    /// For each side (0: the first document, 1: the second), the pair of
    /// each of its paragraphs.
    pub pair_of: [Vec<usize>; 2],
}

impl Alignment {
    /// The alignment made of `pairs`, for documents of `counts` paragraphs.
    pub fn new(pairs: Vec<Pair>, counts: [usize; 2]) -> Alignment {
        let mut pair_of = [vec![0; counts[0]], vec![0; counts[1]]];
        for (k, p) in pairs.iter().enumerate() {
            for (side, span) in [&p.left, &p.right].into_iter().enumerate() {
                for para in span.iter().flat_map(Clone::clone) {
                    if let Some(slot) = pair_of[side].get_mut(para) {
                        *slot = k;
                    }
                }
            }
        }
        Alignment { pairs, pair_of }
    }

    /// The same alignment with its two sides exchanged.
    pub fn flipped(&self) -> Alignment {
        Alignment {
            pairs: self
                .pairs
                .iter()
                .map(|p| Pair {
                    left: p.right.clone(),
                    right: p.left.clone(),
                    score: p.score,
                })
                .collect(),
            pair_of: [self.pair_of[1].clone(), self.pair_of[0].clone()],
        }
    }

    /// The paragraphs of side `side` in pair `pair` (`None`: no counterpart there).
    pub fn span(&self, pair: usize, side: usize) -> Option<&Span> {
        let p = self.pairs.get(pair)?;
        if side == 0 {
            p.left.as_ref()
        } else {
            p.right.as_ref()
        }
    }

    /// The pair of paragraph `para` of side `side`.
    pub fn pair_of(&self, side: usize, para: usize) -> Option<usize> {
        self.pair_of.get(side)?.get(para).copied()
    }

    /// True when the paragraphs of side `side` in pair `pair` have no
    /// counterpart on the other side.
    pub fn unpaired(&self, pair: usize, side: usize) -> bool {
        self.span(pair, side).is_some() && self.span(pair, 1 - side.min(1)).is_none()
    }
}

/// The two readers showing two language versions of one document.
#[derive(Debug, Clone, PartialEq)]
pub struct Aligned {
    /// Corpus indexes of the documents of reader 0 and reader 1.
    pub docs: [usize; 2],
    /// Their alignment (side 0 is reader 0).
    pub map: Arc<Alignment>,
    /// The pair read: the paragraph under the cursor and its counterpart.
    pub current: usize,
    /// Where the pair read has no paragraph: (reader, text row), shown as
    /// a ghost row while that reader stays at the position (last).
    pub ghost: Option<Ghost>,
    /// Set when a step placed both readers (the readers are not followed
    /// again in the same update).
    stepped: bool,
}

/// A row standing for a paragraph that has no counterpart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ghost {
    /// The reader it is shown in.
    pub reader: usize,
    /// Its row in the reader's text.
    pub row: usize,
    /// Where the reader was scrolled to when it was placed (it is shown only there).
    pub at: Pos,
}

impl Aligned {
    /// The ghost row of reader `i` as it is scrolled now.
    pub fn ghost_in(&self, i: usize, r: &Reader) -> Option<usize> {
        self.ghost
            .filter(|g| g.reader == i && g.at == (r.top, r.row))
            .map(|g| g.row)
    }

    /// The pair read.
    pub fn pair(&self) -> Option<&Pair> {
        self.map.pairs.get(self.current)
    }
}

/// Alignments computed so far, by the two documents (in reader order).
#[derive(Debug, Clone, Default)]
pub struct AlignCache {
    done: HashMap<(usize, usize), Arc<Alignment>>,
    /// The last two documents checked, and whether they are two language
    /// versions of one document.
    checked: Option<([usize; 2], bool)>,
}

impl AlignCache {
    /// The alignment of documents `docs`, computed at most once for the two.
    pub fn get(&mut self, corpus: &Corpus, docs: [usize; 2]) -> Option<Arc<Alignment>> {
        let [a, b] = docs;
        if let Some(m) = self.done.get(&(a, b)) {
            return Some(Arc::clone(m));
        }
        let m = match self.done.get(&(b, a)) {
            Some(m) => Arc::new(m.flipped()),
            None => {
                let (da, db) = (corpus.get(a)?, corpus.get(b)?);
                let pairs = align::align(da, db, Mode::Translation);
                Arc::new(Alignment::new(
                    pairs,
                    [da.paragraphs.len(), db.paragraphs.len()],
                ))
            }
        };
        self.done.insert((a, b), Arc::clone(&m));
        Some(m)
    }

    /// True when `docs` are two language versions of one document.
    fn versions(&mut self, corpus: &Corpus, docs: [usize; 2]) -> bool {
        if let Some((d, yes)) = self.checked {
            if d == docs {
                return yes;
            }
        }
        let yes = are_versions(corpus, docs);
        self.checked = Some((docs, yes));
        yes
    }
}

/// True when `docs` are two versions of one symbol in two languages, both
/// with paragraphs.
pub fn are_versions(corpus: &Corpus, [a, b]: [usize; 2]) -> bool {
    let (Some(da), Some(db)) = (corpus.get(a), corpus.get(b)) else {
        return false;
    };
    if a == b || da.paragraphs.is_empty() || db.paragraphs.is_empty() {
        return false;
    }
    let versions = corpus.versions_of(a);
    let lang_of = |d: usize| {
        versions
            .iter()
            .position(|v| v.renderings.contains(&d) || v.doc == d)
    };
    matches!((lang_of(a), lang_of(b)), (Some(x), Some(y)) if x != y)
}

/// The rows above the paragraph read: it starts this far down the text,
/// with a little context above (as a jump to a line shows it).
pub fn reading_row(height: usize) -> usize {
    2.min(height / 4)
}

/// The paragraph of `doc` holding 1-based `line`, or the next one when the
/// line is between paragraphs (the last when past them).
pub fn paragraph_at(doc: &Document, line: usize) -> Option<usize> {
    if doc.paragraphs.is_empty() {
        return None;
    }
    let k = doc.paragraphs.partition_point(|p| p.end_line < line);
    Some(k.min(doc.paragraphs.len() - 1))
}

/// The paragraph of `doc` holding 1-based `line`, if one does.
pub fn paragraph_holding(doc: &Document, line: usize) -> Option<usize> {
    let k = doc.paragraphs.partition_point(|p| p.end_line < line);
    doc.paragraphs
        .get(k)
        .filter(|p| p.start_line <= line)
        .map(|_| k)
}

/// Where pair `pair` starts on side `side` of `doc`: its first paragraph's
/// line; for a pair with no paragraph there, where the next paragraph of
/// that side starts (one past the last line at the end).
fn start_line(map: &Alignment, doc: &Document, side: usize, pair: usize) -> usize {
    let first = (pair..map.pairs.len()).find_map(|k| map.span(k, side).map(|s| s.start));
    first
        .and_then(|k| doc.paragraphs.get(k))
        .map_or(doc.line_count() + 1, |p| p.start_line)
}

/// The line after pair `pair`'s last paragraph on side `side`.
fn end_line(map: &Alignment, doc: &Document, side: usize, pair: usize) -> usize {
    map.span(pair, side)
        .and_then(|s| doc.paragraphs.get(s.end.checked_sub(1)?))
        .map_or_else(|| start_line(map, doc, side, pair), |p| p.end_line + 1)
}

/// The reader that leads: the focused one, else the last focused.
pub fn driver(state: &State) -> usize {
    match (state.focus(), state.layers.pane()) {
        (Focus::Reader(i), _) | (_, Pane::Reader(i)) => i.min(1),
        _ => state.last_reader.min(1),
    }
}

/// Where the readers are: (document, top, row, viewport), to tell after a
/// message which of them moved.
pub type Places = Vec<(usize, Pos, (usize, usize))>;

/// Where the readers are now.
pub fn places(state: &State) -> Places {
    state
        .readers
        .iter()
        .enumerate()
        .map(|(i, r)| (r.doc, (r.top, r.row), state.layout.viewport(i)))
        .collect()
}

/// What changed after a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Nothing about the alignment.
    None,
    /// The readers now show two language versions: aligned.
    On,
    /// They show other versions, or the same two swapped: aligned again.
    Again,
    /// They no longer do.
    Off,
}

/// After a message: turns the alignment on or off as the readers' documents
/// say, and makes the other reader follow the one that moved (the layout
/// already computed). `relayout` is called when the gutter comes or goes.
pub fn after(
    state: &mut State,
    corpus: &Corpus,
    before: &Places,
    relayout: impl Fn(&mut State, &Corpus),
) -> Change {
    let change = refresh(state, corpus);
    if change != Change::None {
        relayout(state, corpus);
    }
    let Some(al) = &mut state.aligned else {
        return change;
    };
    if std::mem::take(&mut al.stepped) && change == Change::None {
        return change;
    }
    let now = places(state);
    let moved = |i: usize| before.get(i) != now.get(i);
    let d = driver(state);
    if matches!(change, Change::On | Change::Again) || moved(d) {
        follow(state, corpus, d);
    } else if moved(1 - d) {
        follow(state, corpus, 1 - d);
    }
    change
}

/// Aligns the readers when they show two language versions, drops the
/// alignment when they no longer do.
fn refresh(state: &mut State, corpus: &Corpus) -> Change {
    let docs = match state.readers.as_slice() {
        [a, b] if a.raw.is_none() && b.raw.is_none() => Some([a.doc, b.doc]),
        _ => None,
    };
    let want = docs.filter(|&d| state.alignments.versions(corpus, d));
    match (want, &state.aligned) {
        (None, None) => Change::None,
        (None, Some(_)) => {
            state.aligned = None;
            Change::Off
        }
        (Some(k), Some(a)) if a.docs == k => Change::None,
        (Some(k), old) => {
            let was = old.as_ref().map(|o| (o.docs, o.current));
            let Some(map) = state.alignments.get(corpus, k) else {
                state.aligned = None;
                return Change::Off;
            };
            // Swapped readers keep the pair read.
            let current = was
                .filter(|(d, _)| *d == [k[1], k[0]])
                .map_or(0, |(_, c)| c);
            state.aligned = Some(Aligned {
                docs: k,
                map,
                current,
                ghost: None,
                stepped: false,
            });
            if was.is_none() {
                state.sync_scroll = true;
                Change::On
            } else {
                Change::Again
            }
        }
    }
}

/// Reader `i` leads: the pair read becomes the one at its reading row, and
/// (scrolling together) the other reader puts its counterpart at the same
/// row, or, inside a long paragraph, at the same share of its counterpart.
pub fn follow(state: &mut State, corpus: &Corpus, i: usize) {
    let Some(al) = &state.aligned else { return };
    if i > 1 || state.readers.len() < 2 {
        return;
    }
    let map = Arc::clone(&al.map);
    let j = 1 - i;
    let (Some(di), Some(dj)) = (
        corpus.get(state.readers[i].doc),
        corpus.get(state.readers[j].doc),
    ) else {
        return;
    };
    let (vi, vj) = (state.layout.viewport(i), state.layout.viewport(j));
    let r = &state.readers[i];
    let top = (r.top, r.row);
    let at = r.forward(di, top, reading_row(vi.1), vi.0);
    let line = di.lines.line_of(r.segs.range(at.0).start);
    let Some(pair) = paragraph_at(di, line).and_then(|k| map.pair_of(i, k)) else {
        return;
    };
    let start = r.pos_of_line(di, start_line(&map, di, i, pair), vi.0);
    let y = r.rows_between(di, top, start, ROW_LIMIT, vi.0);
    let mut ghost = None;
    if state.sync_scroll {
        let row = if y >= 0 {
            y
        } else {
            // Inside the paragraph: the same share of its counterpart.
            let end = r.pos_of_line(di, end_line(&map, di, i, pair), vi.0);
            let len_i = r.rows_between(di, start, end, ROW_LIMIT, vi.0).max(1);
            let o = &state.readers[j];
            let sj = o.pos_of_line(dj, start_line(&map, dj, j, pair), vj.0);
            let ej = o.pos_of_line(dj, end_line(&map, dj, j, pair), vj.0);
            let len_j = o.rows_between(dj, sj, ej, ROW_LIMIT, vj.0);
            y * len_j / len_i
        };
        ghost = put(&mut state.readers[j], dj, &map, j, pair, row, vj)
            .map(|g| Ghost { reader: j, ..g });
    }
    if let Some(al) = &mut state.aligned {
        al.current = pair;
        al.ghost = ghost;
    }
}

/// Scrolls `r` (side `side`) so that pair `pair` starts at text row `row`
/// (a negative row: that many rows into it). Where the pair has no
/// paragraph on this side, a ghost row takes `row` and the next paragraph
/// follows it; the ghost is returned when it is on screen.
fn put(
    r: &mut Reader,
    doc: &Document,
    map: &Alignment,
    side: usize,
    pair: usize,
    row: isize,
    v: (usize, usize),
) -> Option<Ghost> {
    let has = map.span(pair, side).is_some();
    let line = start_line(map, doc, side, pair);
    let past_end = line > doc.line_count();
    let at = r.pos_of_line(doc, line, v.0);
    // The ghost row sits above the next paragraph (below the last row at the end).
    let row = match (has, past_end) {
        (true, _) => row,
        (false, false) => row.max(0) + 1,
        (false, true) => row.max(0) - 1,
    };
    (r.top, r.row) = if row >= 0 {
        r.backward(doc, at, row.unsigned_abs(), v.0)
    } else {
        r.forward(doc, at, row.unsigned_abs(), v.0)
    };
    r.clamp(doc, v);
    if has {
        return None;
    }
    let top = (r.top, r.row);
    let y = r.rows_between(doc, top, at, v.1 + 1, v.0) + if past_end { 1 } else { -1 };
    usize::try_from(y)
        .ok()
        .filter(|&y| y < v.1)
        .map(|row| Ghost {
            reader: 0,
            row,
            at: top,
        })
}

/// Steps reader `i` to the next (`forward`) or previous paragraph: with two
/// language versions aligned, to the next or previous pair, both readers
/// placed with it at the reading row. What to say when there is nowhere to go.
pub fn step(state: &mut State, corpus: &Corpus, i: usize, forward: bool) -> Option<String> {
    let edge = || {
        Some(if forward {
            "the last paragraph".to_string()
        } else {
            "the first paragraph".to_string()
        })
    };
    let v = state.layout.viewport(i);
    let reading = reading_row(v.1);
    let aligned = state
        .aligned
        .as_ref()
        .filter(|_| i <= 1 && state.readers.len() == 2)
        .map(|a| (Arc::clone(&a.map), a.current));
    let r = state.readers.get(i)?;
    let shown = r.shown(corpus)?;
    let doc: &Document = &shown;
    if doc.paragraphs.is_empty() {
        return Some("no paragraphs here".into());
    }
    let top = (r.top, r.row);
    let row_of = |line: usize| {
        let at = r.pos_of_line(doc, line, v.0);
        r.rows_between(doc, top, at, ROW_LIMIT, v.0)
    };
    let reading = reading as isize;
    let Some((map, current)) = aligned else {
        // One reader: from paragraph to paragraph of its document.
        let at = r.forward(doc, top, reading.unsigned_abs(), v.0);
        let k = paragraph_at(doc, doc.lines.line_of(r.segs.range(at.0).start))?;
        let y = row_of(doc.paragraphs[k].start_line);
        // Back from inside a paragraph: to its start first (unless the
        // text is at its top and cannot bring it lower).
        let at_top = top == (0, 0);
        let next = match forward {
            true => k + 1,
            false if y < reading && !at_top => k,
            false => match k.checked_sub(1) {
                Some(k) => k,
                None => return edge(),
            },
        };
        let Some(p) = doc.paragraphs.get(next) else {
            return edge();
        };
        let line = p.start_line;
        let r = &mut state.readers[i];
        let at = r.pos_of_line(doc, line, v.0);
        (r.top, r.row) = r.backward(doc, at, reading.unsigned_abs(), v.0);
        r.clamp(doc, v);
        // A text that cannot scroll further has no paragraph to bring up.
        return ((r.top, r.row) == top).then(edge).flatten();
    };
    let has = map.span(current, i).is_some();
    let y = row_of(start_line(&map, doc, i, current)) - isize::from(!has);
    let next = match forward {
        true => current + 1,
        false if y < reading && has && top != (0, 0) => current,
        false => match current.checked_sub(1) {
            Some(c) => c,
            None => return edge(),
        },
    };
    if next >= map.pairs.len() {
        return edge();
    }
    let j = 1 - i;
    let mut ghost = put(&mut state.readers[i], doc, &map, i, next, reading, v)
        .map(|g| Ghost { reader: i, ..g });
    // Where the pair landed (the document's end may hold it lower).
    let r = &state.readers[i];
    let line = start_line(&map, doc, i, next);
    let landed = ghost.map_or_else(
        || {
            let at = r.pos_of_line(doc, line, v.0);
            r.rows_between(doc, (r.top, r.row), at, ROW_LIMIT, v.0)
        },
        |g| g.row as isize,
    );
    if state.sync_scroll {
        let vj = state.layout.viewport(j);
        let dj = state.readers.get(j).and_then(|o| corpus.get(o.doc));
        if let (Some(o), Some(dj)) = (state.readers.get_mut(j), dj) {
            let g = put(o, dj, &map, j, next, landed, vj).map(|g| Ghost { reader: j, ..g });
            ghost = ghost.or(g);
        }
    }
    if let Some(al) = &mut state.aligned {
        al.current = next;
        al.ghost = ghost;
        al.stepped = true;
    }
    None
}

/// Opens the document's next language version beside reader `i` (the one
/// after the version the other reader shows, when it shows one), at the
/// same paragraph; focus stays here, and the reducer aligns the two.
pub fn language_beside(state: &State, corpus: &Corpus, i: usize) -> Vec<Cmd> {
    let Some(r) = state.readers.get(i) else {
        return Vec::new();
    };
    let Some(doc) = corpus.get(r.doc) else {
        return Vec::new();
    };
    let versions = corpus.versions_of(r.doc);
    if versions.len() < 2 {
        let lang = doc.meta.language.as_deref().unwrap_or("one language");
        return vec![Cmd::Say(
            format!("{} is held in {lang} only here", doc.label()),
            false,
        )];
    }
    let here = versions
        .iter()
        .position(|v| v.renderings.contains(&r.doc))
        .unwrap_or(0);
    // Beside a version already open, the one after it.
    let beside = state
        .readers
        .get(1 - i.min(1))
        .filter(|_| state.readers.len() == 2);
    let shown_beside = beside.map(|o| o.doc).and_then(|d| {
        versions
            .iter()
            .position(|v| v.renderings.contains(&d))
            .filter(|&k| k != here)
    });
    let n = versions.len();
    let mut k = (shown_beside.unwrap_or(here) + 1) % n;
    if k == here {
        k = (k + 1) % n;
    }
    let next = &versions[k];
    let Some(other) = corpus.get(next.doc) else {
        return Vec::new();
    };
    let Some(shown) = r.shown(corpus) else {
        return Vec::new();
    };
    let shown: &Document = &shown;
    let line = crate::app::reader::keys::same_place(shown, other, r.top_line(shown));
    let code =
        |v: &crate::model::versions::Version| v.language.clone().unwrap_or_else(|| "?".into());
    let mut say = format!(
        "{} beside {}, aligned paragraph by paragraph ({} {} step",
        code(next),
        code(&versions[here]),
        state.key(Action::NextParagraph),
        state.key(Action::PrevParagraph),
    );
    if n > 2 {
        say.push_str(&format!(
            "; {} again: {}",
            state.key(Action::LanguageBeside),
            code(
                &versions[if (k + 1) % n == here {
                    (k + 2) % n
                } else {
                    (k + 1) % n
                }]
            )
        ));
    }
    say.push(')');
    vec![
        Cmd::SideBySide {
            from: i,
            doc: next.doc,
            target: Target::Line(line),
        },
        Cmd::Focus(Pane::Reader(i)),
        Cmd::Say(say, false),
    ]
}
