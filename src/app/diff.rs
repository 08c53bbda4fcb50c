//! The diff view: two documents side by side, paragraph against paragraph,
//! deletions marked in the old one and insertions in the new one,
//! unchanged paragraphs folded into a count. Its state (the changes, which
//! folds are open, where it is scrolled), its geometry (how each paragraph
//! wraps in its column) and what its keys do. `ui::diff` draws the rows.

use crate::app::Action;
use crate::app::command::{Cmd, Cx, moved};
use crate::model::diff::{Change, OpKind};

/// A run of text on one row of one column, and what it is to the change.
pub type Run = (String, OpKind);

/// What the view lists: a paragraph's change, or unchanged paragraphs
/// folded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// Change `n` of [`DiffState::changes`].
    Change(usize),
    /// Unchanged changes `start..end`, folded.
    Fold(std::ops::Range<usize>),
}

/// One screen row: the runs of each column, and the item it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Index into [`DiffState::items`].
    pub item: usize,
    /// The old version's column.
    pub left: Vec<Run>,
    /// The new version's column.
    pub right: Vec<Run>,
}

/// The diff view's state.
#[derive(Debug, Clone, Default)]
pub struct DiffState {
    /// The old version (corpus index) and its label.
    pub old: (usize, String),
    /// The new version (corpus index) and its label.
    pub new: (usize, String),
    /// Every paragraph's change, in document order.
    pub changes: Vec<Change>,
    /// What is listed, folds included.
    pub items: Vec<Item>,
    /// The item under the cursor.
    pub current: usize,
    /// The rows at the current width (set by [`DiffState::relayout`]).
    pub rows: Vec<Row>,
    /// First row shown.
    pub top: usize,
    /// Width of each column the rows were made for.
    pub column: usize,
    /// Rows shown at once.
    pub height: usize,
}

impl DiffState {
    /// The view of `changes` from `old` to `new`, unchanged runs folded,
    /// the cursor on the first change.
    pub fn new(old: (usize, String), new: (usize, String), changes: Vec<Change>) -> Self {
        let mut items = Vec::new();
        let mut i = 0;
        while i < changes.len() {
            if changes[i].is_equal() {
                let start = i;
                while i < changes.len() && changes[i].is_equal() {
                    i += 1;
                }
                items.push(Item::Fold(start..i));
            } else {
                items.push(Item::Change(i));
                i += 1;
            }
        }
        let current = items
            .iter()
            .position(|it| matches!(it, Item::Change(_)))
            .unwrap_or(0);
        DiffState {
            old,
            new,
            changes,
            items,
            current,
            ..DiffState::default()
        }
    }

    /// How many paragraphs changed (moved, inserted and deleted included).
    pub fn changed(&self) -> usize {
        self.changes.iter().filter(|c| !c.is_equal()).count()
    }

    /// Which change the cursor is on, counted among the changes (1-based),
    /// when it is on one.
    pub fn change_number(&self) -> Option<usize> {
        matches!(self.items.get(self.current), Some(Item::Change(_))).then(|| {
            self.items[..=self.current]
                .iter()
                .filter(|it| matches!(it, Item::Change(_)))
                .count()
        })
    }

    /// Makes the rows for columns of `column` cells and a view of `height`
    /// rows, keeping the cursor in view.
    pub fn relayout(&mut self, column: usize, height: usize) {
        let column = column.max(8);
        if column != self.column || self.rows.is_empty() {
            self.column = column;
            self.rows = self.make_rows();
        }
        self.height = height.max(1);
        self.show_current();
    }

    fn make_rows(&self) -> Vec<Row> {
        let mut rows = Vec::new();
        for (n, item) in self.items.iter().enumerate() {
            match item {
                Item::Fold(range) => {
                    let count = range.len();
                    let label = format!(
                        "⋯ {count} unchanged paragraph{} ⋯",
                        if count == 1 { "" } else { "s" }
                    );
                    rows.push(Row {
                        item: n,
                        left: vec![(label, OpKind::Equal)],
                        right: Vec::new(),
                    });
                }
                Item::Change(c) => {
                    let change = &self.changes[*c];
                    let left = wrap(
                        change.ops.iter().filter(|o| o.kind != OpKind::Insert),
                        self.column,
                    );
                    let right = wrap(
                        change.ops.iter().filter(|o| o.kind != OpKind::Delete),
                        self.column,
                    );
                    let (left, right) = match (&change.left, &change.right) {
                        (None, _) => (
                            vec![vec![(
                                "∅ not in the old version".to_string(),
                                OpKind::Equal,
                            )]],
                            right,
                        ),
                        (_, None) => (
                            left,
                            vec![vec![(
                                "∅ not in the new version".to_string(),
                                OpKind::Equal,
                            )]],
                        ),
                        _ => (left, right),
                    };
                    let height = left.len().max(right.len()).max(1);
                    for k in 0..height {
                        rows.push(Row {
                            item: n,
                            left: left.get(k).cloned().unwrap_or_default(),
                            right: right.get(k).cloned().unwrap_or_default(),
                        });
                    }
                }
            }
            // A blank row between paragraphs.
            rows.push(Row {
                item: n,
                left: Vec::new(),
                right: Vec::new(),
            });
        }
        rows
    }

    /// The first row of item `n`.
    fn first_row(&self, n: usize) -> usize {
        self.rows.partition_point(|r| r.item < n)
    }

    /// Scrolls so that the current item's first row is in view (with two
    /// rows of context above it when it moved out of view).
    fn show_current(&mut self) {
        let first = self.first_row(self.current);
        let last = self.rows.partition_point(|r| r.item <= self.current);
        if first < self.top || first >= self.top + self.height {
            self.top = first.saturating_sub(2);
        } else if last > self.top + self.height && last - first <= self.height {
            self.top = last - self.height;
        }
        self.top = self.top.min(self.max_top());
    }

    fn max_top(&self) -> usize {
        self.rows.len().saturating_sub(self.height)
    }

    /// Moves the cursor to the next (or previous) changed paragraph;
    /// false when there is none that way.
    pub fn step_change(&mut self, forward: bool) -> bool {
        let found = if forward {
            (self.current + 1..self.items.len()).find(|&i| matches!(self.items[i], Item::Change(_)))
        } else {
            (0..self.current)
                .rev()
                .find(|&i| matches!(self.items[i], Item::Change(_)))
        };
        match found {
            Some(i) => {
                self.current = i;
                self.top = self.first_row(i).saturating_sub(2).min(self.max_top());
                true
            }
            None => false,
        }
    }

    /// Opens the fold under the cursor into its paragraphs; false when the
    /// cursor is not on one.
    pub fn unfold(&mut self) -> bool {
        let Some(Item::Fold(range)) = self.items.get(self.current).cloned() else {
            return false;
        };
        let at = self.current;
        self.items.splice(at..=at, range.map(Item::Change));
        self.rows = self.make_rows();
        self.show_current();
        true
    }
}

/// Runs of one side wrapped at spaces into rows of `width` cells.
fn wrap<'a>(ops: impl Iterator<Item = &'a crate::model::diff::Op>, width: usize) -> Vec<Vec<Run>> {
    let mut rows: Vec<Vec<Run>> = vec![Vec::new()];
    let mut used = 0;
    for op in ops {
        for (i, word) in op.text.split(' ').enumerate() {
            let w = crate::text_width::width(word);
            let space = usize::from(i > 0);
            if used > 0 && used + space + w > width {
                rows.push(Vec::new());
                used = 0;
            } else if space == 1 {
                push(rows.last_mut(), " ", op.kind);
                used += 1;
            }
            if word.is_empty() {
                continue;
            }
            // A word wider than the column is cut.
            let mut rest = word;
            while used == 0 && crate::text_width::width(rest) > width {
                let cut = fitting(rest, width);
                push(rows.last_mut(), &rest[..cut], op.kind);
                rows.push(Vec::new());
                rest = &rest[cut..];
            }
            push(rows.last_mut(), rest, op.kind);
            used += crate::text_width::width(rest);
        }
    }
    if rows.last().is_some_and(Vec::is_empty) && rows.len() > 1 {
        rows.pop();
    }
    rows
}

/// Bytes of the longest start of `word` (at least one character) that fits
/// in `width` cells.
fn fitting(word: &str, width: usize) -> usize {
    let mut used = 0;
    for (i, c) in word.char_indices() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width && i > 0 {
            return i;
        }
        used += w;
    }
    word.len()
}

/// Appends `text` of `kind` to a row, joining it to a run of the same kind.
fn push(row: Option<&mut Vec<Run>>, text: &str, kind: OpKind) {
    let Some(row) = row else { return };
    match row.last_mut() {
        Some((t, k)) if *k == kind => t.push_str(text),
        _ => row.push((text.to_string(), kind)),
    }
}

/// The width of each column and the rows of text in the diff view drawn in
/// `area`: a border around it, a heading row, a gutter of two cells and a
/// rule between the columns.
pub fn geometry(area: ratatui::layout::Rect) -> (usize, usize) {
    let inner = (area.width as usize).saturating_sub(2);
    let column = inner.saturating_sub(2 + 3) / 2;
    let height = (area.height as usize).saturating_sub(2 + 1);
    (column.max(8), height.max(1))
}

/// What a key does in the diff view; `None` passes it down.
pub fn handle(d: &mut DiffState, a: Action, cx: &Cx) -> Option<Vec<Cmd>> {
    match a {
        Action::Close | Action::Leave => return Some(vec![Cmd::Pop]),
        Action::NextChange | Action::PrevChange => {
            let forward = a == Action::NextChange;
            if !d.step_change(forward) {
                let which = if forward { "last" } else { "first" };
                return Some(vec![Cmd::Say(
                    format!("no change after the {which} one"),
                    false,
                )]);
            }
            return Some(Vec::new());
        }
        Action::Open => {
            if !d.unfold() {
                return Some(vec![Cmd::Say(
                    "Enter unfolds the unchanged paragraphs under the cursor".into(),
                    false,
                )]);
            }
            return Some(Vec::new());
        }
        _ => {}
    }
    // Rows scroll by page; the cursor moves item by item.
    match a {
        Action::Up | Action::Down | Action::Top | Action::Bottom => {
            if let Some(to) = moved(a, d.current, d.items.len(), 1) {
                d.current = to;
                d.show_current();
            }
            Some(Vec::new())
        }
        Action::PageUp | Action::PageDown | Action::HalfPageUp | Action::HalfPageDown => {
            let page = cx.page.max(1);
            if let Some(top) = moved(a, d.top, d.max_top() + 1, page) {
                d.top = top;
                // The cursor follows to the first item in view.
                if let Some(r) = d.rows.get(d.top) {
                    d.current = r.item;
                }
            }
            Some(Vec::new())
        }
        // Modal: only what opens help, the search bar or quits passes down.
        Action::Help | Action::SearchBar | Action::Quit => None,
        _ => Some(Vec::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::diff::changes;
    use crate::model::parse::parse_document;

    fn state() -> DiffState {
        let doc = |t: &str| parse_document("d".into(), "d.txt".into(), t.into(), "UTF-8");
        let old = doc("One.\n\nTwo.\n\nThree: requests a report.\n\nFour.\n\nFive, deleted.\n");
        let new = doc("One.\n\nTwo.\n\nThree: requests a short report.\n\nFour.\n");
        let pairs = [
            (Some(0..1), Some(0..1)),
            (Some(1..2), Some(1..2)),
            (Some(2..3), Some(2..3)),
            (Some(3..4), Some(3..4)),
            (Some(4..5), None),
        ];
        let mut d = DiffState::new(
            (0, "old".into()),
            (1, "new".into()),
            changes(&old, &new, &pairs),
        );
        d.relayout(30, 10);
        d
    }

    #[test]
    fn unchanged_runs_fold_and_the_cursor_starts_on_the_first_change() {
        let d = state();
        assert_eq!(
            d.items,
            [
                Item::Fold(0..2),
                Item::Change(2),
                Item::Fold(3..4),
                Item::Change(4)
            ]
        );
        assert_eq!(d.current, 1);
        assert_eq!(d.changed(), 2);
        assert_eq!(d.change_number(), Some(1));
        assert!(d.rows[0].left[0].0.contains("2 unchanged paragraphs"));
        // The deleted paragraph faces a mark on the new side.
        let last = d.rows.iter().filter(|r| r.item == 3).collect::<Vec<_>>();
        assert!(last[0].right[0].0.contains("not in the new version"));
    }

    #[test]
    fn n_and_shift_n_step_through_changes_and_enter_unfolds() {
        let mut d = state();
        assert!(d.step_change(true));
        assert_eq!(d.change_number(), Some(2));
        assert!(!d.step_change(true), "no change after the last");
        assert!(d.step_change(false));
        assert!(!d.unfold(), "the cursor is on a change");
        d.current = 0;
        assert!(d.unfold());
        assert_eq!(d.items[..2], [Item::Change(0), Item::Change(1)]);
        assert!(
            d.rows
                .iter()
                .any(|r| r.left.iter().any(|(t, _)| t == "One."))
        );
    }

    #[test]
    fn rows_fit_their_column_and_keep_every_word() {
        let d = state();
        for r in &d.rows {
            for side in [&r.left, &r.right] {
                let w: usize = side.iter().map(|(t, _)| crate::text_width::width(t)).sum();
                assert!(w <= 30, "{side:?}");
            }
        }
        let inserted: String = d
            .rows
            .iter()
            .flat_map(|r| r.right.iter())
            .filter(|(_, k)| *k == OpKind::Insert)
            .map(|(t, _)| t.as_str())
            .collect();
        assert_eq!(inserted.trim(), "short");
    }
}
