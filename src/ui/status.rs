//! The status line: the focused pane, the document and position, then a
//! transient message or hints generated from the keymap.

use crate::app::Action;
use crate::app::Focus;
use crate::input::Key;
use crate::input::keymap::KeyCodeName;
use crate::ui::View;
use crate::ui::util::fit;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

fn hint_actions(focus: Focus) -> &'static [Action] {
    match focus {
        Focus::List => &[
            Action::Open,
            Action::Filter,
            Action::SearchBar,
            Action::Help,
            Action::Quit,
            Action::SideBySide,
            Action::Sort,
            Action::FocusNext,
        ],
        Focus::Reader(_) => &[
            Action::NextReference,
            Action::Open,
            Action::Backlinks,
            Action::Leave,
            Action::Back,
            Action::Help,
            Action::Find,
            Action::LanguageBeside,
            Action::Outline,
            Action::Quit,
        ],
        Focus::Search => &[
            Action::Open,
            Action::SideBySide,
            Action::Down,
            Action::Close,
        ],
        Focus::Find => &[Action::Open, Action::FindNext, Action::Close],
        Focus::Filter => &[Action::Open, Action::Down, Action::Close],
        Focus::Backlinks => &[Action::Open, Action::SideBySide, Action::Close],
        Focus::Outline => &[Action::Open, Action::Close],
        Focus::Help => &[Action::Down, Action::Close],
        Focus::Diff => &[
            Action::NextChange,
            Action::PrevChange,
            Action::Open,
            Action::Down,
            Action::Close,
        ],
    }
}

fn hint_label(focus: Focus, a: Action) -> &'static str {
    match (focus, a) {
        (Focus::Reader(_), Action::Open) => "follow",
        (Focus::Reader(_), Action::SyncScroll) => "apart/together",
        (Focus::Find, Action::Open) => "done",
        (Focus::Filter, Action::Open) => "keep",
        (Focus::Filter, Action::Close) => "clear",
        (Focus::Filter, Action::Down) => "select",
        (Focus::Search, Action::Down) => "select",
        (Focus::Help, Action::Down) => "scroll",
        (Focus::Diff, Action::Open) => "unfold",
        (Focus::Diff, Action::Down) => "next paragraph",
        (_, Action::Close) => "close",
        _ => a.hint(),
    }
}

/// The pair read, for the status line: `¶ 12/40 1:2 0.87`, or
/// `¶ 12/40 no counterpart`.
fn pair_text(al: &crate::app::aligned::Aligned, p: &crate::model::align::Pair) -> String {
    let n = al.map.pairs.len();
    let len = |s: &Option<crate::model::align::Span>| s.as_ref().map_or(0, |s| s.len());
    let what = match (&p.left, &p.right) {
        (Some(_), Some(_)) => format!("{}:{}", len(&p.left), len(&p.right)),
        _ => "no counterpart".to_string(),
    };
    format!("¶ {}/{n} {what} · score {:.2}", al.current + 1, p.score)
}

fn mode_name(focus: Focus) -> &'static str {
    match focus {
        Focus::List => "LIST",
        Focus::Reader(_) => "READ",
        Focus::Search => "SEARCH",
        Focus::Find => "FIND",
        Focus::Filter => "FILTER",
        Focus::Backlinks => "LINKS",
        Focus::Outline => "OUTLINE",
        Focus::Help => "HELP",
        Focus::Diff => "DIFF",
    }
}

/// Draws the status line in `area`.
pub fn draw(v: &View, area: Rect, buf: &mut Buffer) {
    let s = v.state;
    let focus = s.focus();
    let t = v.theme;
    let w = area.width as usize;
    let mut spans = vec![
        Span::styled(format!(" {} ", mode_name(focus)), t.status_mode),
        Span::raw(" "),
    ];
    let mut used = mode_name(focus).len() + 3;
    // Right side: find position, sync, the selected reference, the place in
    // the document. With a message to show, the right side gives way first
    // (the reference, then the place), never the message.
    let mut right: Vec<(u8, String)> = Vec::new();
    if let Some(r) = s.readers.get(s.target_reader()) {
        if let Some(f) = &r.find {
            if !f.hits.is_empty() {
                right.push((0, format!("{}/{}", f.current + 1, f.hits.len())));
            } else {
                right.push((0, "0/0".into()));
            }
        }
        if let Some(k) = r
            .current_ref
            .and_then(|k| r.shown(v.corpus)?.references.get(k).cloned())
        {
            right.push((2, fit(&crate::sanitize::inert_line(&k.key), 48)));
        }
    }
    match &s.aligned {
        Some(al) => {
            if let Some(p) = al.pair() {
                right.push((0, pair_text(al, p)));
            }
            if !s.sync_scroll {
                right.push((0, "apart".into()));
            }
        }
        None if s.sync_scroll => right.push((0, "sync".into())),
        None => {}
    }
    if let Some((r, d)) = s
        .readers
        .get(s.target_reader())
        .and_then(|r| Some((r, r.shown(v.corpus)?)))
    {
        let at = format!("{}/{}", r.top_line(&d), d.line_count());
        if w >= 120 {
            right.push((1, format!("{} {at}", fit(d.label(), 24))));
        } else if w >= 70 {
            right.push((1, format!("line {at}")));
        }
    }
    let joined = |parts: &[(u8, String)]| {
        if parts.is_empty() {
            String::new()
        } else {
            let texts: Vec<&str> = parts.iter().map(|(_, t)| t.as_str()).collect();
            format!(" {} ", texts.join(" · "))
        }
    };
    if let Some(m) = &s.message {
        let need = crate::ui::util::width(&m.text);
        for drop in [2, 1, 0] {
            if used + need + crate::ui::util::width(&joined(&right)) <= w {
                break;
            }
            right.retain(|(p, _)| *p != drop);
        }
    }
    let right = joined(&right);
    let right_w = crate::ui::util::width(&right);
    let room = w.saturating_sub(used + right_w);
    if let Some(m) = &s.message {
        spans.push(Span::styled(
            fit(&m.text, room),
            if m.warn { t.warn } else { t.text },
        ));
    } else {
        let list_hint: &[Action] = if !s.list_shown() && matches!(focus, Focus::Reader(_)) {
            &[Action::ToggleList]
        } else {
            &[]
        };
        // Two language versions aligned: stepping by paragraph comes first.
        let aligned_hint: &[Action] = if s.aligned.is_some() && matches!(focus, Focus::Reader(_)) {
            &[
                Action::NextParagraph,
                Action::PrevParagraph,
                Action::SyncScroll,
            ]
        } else {
            &[]
        };
        let hints = list_hint
            .iter()
            .chain(aligned_hint)
            .chain(hint_actions(focus))
            .filter(|&&a| aligned_hint.is_empty() || a != Action::LanguageBeside);
        for &a in hints {
            let Some(mut key) = v.keymap.key_name(focus, a) else {
                continue;
            };
            // Arrows read best for moving through results.
            let down = Key {
                code: KeyCodeName::Named("down"),
                ctrl: false,
                alt: false,
            };
            if a == Action::Down && v.keymap.lookup(focus, down) == Some(Action::Down) {
                key = "↑↓".to_string();
            }
            let label = hint_label(focus, a);
            let need = key.chars().count() + label.chars().count() + 3;
            if used + need > w.saturating_sub(right_w) {
                break;
            }
            spans.push(Span::styled(key, t.key));
            spans.push(Span::styled(format!(" {label}  "), t.dim));
            used += need;
        }
    }
    buf.set_style(area, t.status);
    buf.set_line(area.x, area.y, &Line::from(spans), area.width);
    if right_w > 0 && right_w < w {
        buf.set_string(area.right() - right_w as u16, area.y, &right, t.dim);
    }
}
