//! The search bar (fzf-like) and its results, and the find line of a reader.

use crate::app::Focus;
use crate::app::search_bar::shown_text;

use crate::search::CandidateKind;
use crate::ui::View;
use crate::ui::util::{block, fit, highlighted, pad, title, width};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

/// Draws the search input line in `area`; returns where the cursor goes.
pub fn draw_input(v: &View, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let t = v.theme;
    if let Some(s) = v.state.search() {
        let count = if s.pending && s.total == 0 {
            " … ".to_string()
        } else if s.more {
            // At least this many: the archive stopped counting.
            format!(" {}+{} ", s.matched, if s.pending { " …" } else { "" })
        } else {
            format!(
                " {}/{}{} ",
                s.matched,
                s.total,
                if s.pending { " …" } else { "" }
            )
        };
        let prompt = "Search › ";
        let avail = (area.width as usize).saturating_sub(prompt.len() + count.len() + 1);
        let shown = fit(&s.input, avail);
        let line = Line::from(vec![
            Span::styled(prompt, t.key),
            Span::styled(shown.clone(), t.text),
        ]);
        buf.set_line(area.x, area.y, &line, area.width);
        let cw = (count.chars().count()) as u16;
        buf.set_string(area.right().saturating_sub(cw), area.y, &count, t.dim);
        let before: String = s.input.chars().take(s.cursor).collect();
        let x = area.x + (width(prompt) + width(&before)).min(area.width as usize - 1) as u16;
        return Some(Position::new(x, area.y));
    }
    if let Some(f) = v.state.find_input() {
        let hits = v
            .state
            .readers
            .get(f.reader)
            .and_then(|r| r.find.as_ref())
            .map(|x| {
                if x.hits.is_empty() {
                    " no match ".to_string()
                } else {
                    format!(" {}/{} ", x.current + 1, x.hits.len())
                }
            })
            .unwrap_or_default();
        return Some(typed_line(
            v,
            area,
            buf,
            "Find in document › ",
            &f.text,
            &hits,
        ));
    }
    if v.state.focus() == Focus::Filter {
        let l = &v.state.list;
        let count = match &l.window {
            // A paged list's source has not answered the latest filter yet.
            Some(_) if l.waiting() => format!(" …/{} ", l.listed),
            Some(_) => format!(" {}/{} ", l.len(), l.listed),
            None => format!(" {}/{} ", l.order.len(), l.total),
        };
        return Some(typed_line(
            v,
            area,
            buf,
            "Filter list › ",
            &l.filter,
            &count,
        ));
    }
    None
}

/// A line being typed in: `prompt`, what is typed (its end in view), and
/// `count` at the right; where the cursor goes.
fn typed_line(
    v: &View,
    area: Rect,
    buf: &mut Buffer,
    prompt: &str,
    typed: &str,
    count: &str,
) -> Position {
    let t = v.theme;
    let avail = (area.width as usize).saturating_sub(prompt.len() + count.len() + 1);
    let shown = fit(typed, avail);
    buf.set_line(
        area.x,
        area.y,
        &Line::from(vec![
            Span::styled(prompt.to_string(), t.key),
            Span::styled(shown.clone(), t.text),
        ]),
        area.width,
    );
    let cw = count.chars().count() as u16;
    buf.set_string(area.right().saturating_sub(cw), area.y, count, t.dim);
    let x = area.x + (width(prompt) + width(&shown)).min(area.width as usize - 1) as u16;
    Position::new(x, area.y)
}

fn kind_tag(k: CandidateKind) -> &'static str {
    match k {
        CandidateKind::Document => "doc ",
        CandidateKind::Symbol => "sym ",
        CandidateKind::Reference => "ref ",
        CandidateKind::Line => "line",
    }
}

/// The part of `text` to show in `avail` columns so that its matched
/// characters (`positions`, character indexes) are in view: from a little
/// before the first match (a `…` marking what was cut), with as much of the
/// matched span as fits. Positions come back relative to the part shown.
pub fn snippet(text: &str, positions: &[usize], avail: usize) -> (String, Vec<usize>) {
    let Some(&first) = positions.first() else {
        return (text.to_string(), Vec::new());
    };
    let last = positions.last().copied().unwrap_or(first);
    let widths: Vec<usize> = text.chars().map(|c| width(&c.to_string())).collect();
    let upto = |end: usize| widths.iter().take(end).sum::<usize>();
    if upto(last + 1) <= avail {
        return (text.to_string(), positions.to_vec());
    }
    // Context before the first match: a third of the room at most, less when
    // the matched span needs it.
    let span: usize = widths[first.min(widths.len())..=last.min(widths.len().saturating_sub(1))]
        .iter()
        .sum();
    let lead = (avail / 3).min(avail.saturating_sub(span + 1)).max(1);
    let mut skip = first;
    let mut used = 0;
    while skip > 0 && used + widths[skip - 1] < lead {
        skip -= 1;
        used += widths[skip];
    }
    if skip == 0 {
        return (text.to_string(), positions.to_vec());
    }
    // The `…` takes the place of the character before `skip`.
    let shown: String = std::iter::once('…')
        .chain(text.chars().skip(skip))
        .collect();
    let moved = positions
        .iter()
        .filter(|&&p| p >= skip)
        .map(|&p| p - skip + 1)
        .collect();
    (shown, moved)
}

/// Draws the results in `area`.
pub fn draw_results(v: &View, area: Rect, buf: &mut Buffer) {
    let Some(s) = v.state.search() else { return };
    let t = v.theme;
    let mut head = if s.input.is_empty() {
        "Results — type to search documents, symbols, references, lines".to_string()
    } else {
        format!("Results for “{}”", s.input)
    };
    if let Some(l) = &v.state.loading {
        head = format!("{head} — {}/{} files read so far", l.done, l.total);
    }
    let b = block(
        Line::from(title(fit(&head, area.width as usize - 4), t)),
        v.state.focus() == Focus::Search,
        t,
    );
    let inner = b.inner(area);
    b.render(area, buf);
    let (h, w) = (inner.height as usize, inner.width as usize);
    if h == 0 || w < 10 {
        return;
    }
    if s.results.is_empty() {
        if let Some(l) = &v.state.loading {
            let lines = [
                if s.pending {
                    format!("searching the {} files read so far…", l.done)
                } else {
                    format!("no match in the {} files read so far", l.done)
                },
                format!(
                    "({} to read; results follow as they are read)",
                    l.total - l.done.min(l.total)
                ),
            ];
            for (k, line) in lines.iter().enumerate().take(h) {
                let y = inner.y + k as u16;
                buf.set_string(inner.x + 1, y, fit(line, w.saturating_sub(2)), t.dim);
            }
            return;
        }
        let msg = if s.pending {
            "searching…".to_string()
        } else {
            "no match".to_string()
        };
        buf.set_string(inner.x + 1, inner.y, fit(&msg, w.saturating_sub(2)), t.dim);
        return;
    }
    let offset = s.offset;
    let label_w = (w / 4).clamp(6, 22);
    for (k, c) in s.results.iter().enumerate().skip(offset).take(h) {
        let y = inner.y + (k - offset) as u16;
        let Some(doc) = v.corpus.get(c.doc as usize) else {
            continue;
        };
        let mut text = shown_text(v.corpus, c);
        // Computed by the reducer when the results arrived or scrolled.
        let mut positions = s
            .highlights
            .get(k)
            .and_then(Option::clone)
            .unwrap_or_default();
        // A document is shown by its title (its label is in its own column).
        if c.kind == CandidateKind::Document {
            let prefix = format!("{}  ", doc.label());
            if let Some(rest) = text.strip_prefix(&prefix) {
                let n = prefix.chars().count();
                positions = positions
                    .iter()
                    .filter(|&&p| p >= n)
                    .map(|&p| p - n)
                    .collect();
                text = rest.to_string();
            }
        }
        let line_w = if w >= 40 { 6 } else { 0 };
        let avail = w.saturating_sub(5 + label_w + 1 + line_w);
        // Show the matched part of long lines.
        let (shown, positions) = snippet(&text, &positions, avail);
        let shown = fit(&shown, avail);
        let mut spans = vec![
            Span::styled(kind_tag(c.kind), t.dim),
            Span::raw(" "),
            Span::styled(pad(doc.label(), label_w), t.label),
            Span::raw(" "),
        ];
        if line_w > 0 {
            let at = if c.line > 0 {
                format!("{:>5} ", c.line)
            } else {
                " ".repeat(6)
            };
            spans.push(Span::styled(at, t.dim));
        }
        spans.extend(highlighted(&shown, &positions, t.text, t.matched));
        buf.set_line(inner.x, y, &Line::from(spans), inner.width);
        if k == s.selected {
            buf.set_style(Rect::new(inner.x, y, inner.width, 1), t.selected);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The characters of `shown` at `positions`.
    fn at(shown: &str, positions: &[usize]) -> String {
        let chars: Vec<char> = shown.chars().collect();
        positions.iter().map(|&p| chars[p]).collect()
    }

    #[test]
    fn the_snippet_always_holds_the_matched_characters() {
        let text = format!("{}nuclear weapon free zone", "x ".repeat(200));
        let first = text.find("nuclear").unwrap();
        let positions: Vec<usize> = (first..first + 7).collect();
        for avail in [12, 20, 40, 80] {
            let (shown, p) = snippet(&text, &positions, avail);
            assert_eq!(at(&shown, &p), "nuclear", "{avail}");
            assert!(
                width(&shown.chars().take(p[p.len() - 1] + 1).collect::<String>()) <= avail,
                "{avail}: {shown}"
            );
        }
        // Wide characters count twice.
        let zh = format!("{}联合国毒品和犯罪问题办公室", "中".repeat(100));
        let positions: Vec<usize> = (100..103).collect();
        let (shown, p) = snippet(&zh, &positions, 20);
        assert_eq!(at(&shown, &p), "联合国");
        assert!(width(&shown.chars().take(p[2] + 1).collect::<String>()) <= 20);
        // Short text: unchanged.
        assert_eq!(snippet("abc", &[1], 10), ("abc".to_string(), vec![1]));
    }
}
