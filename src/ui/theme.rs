//! Colours and text styles, all in one place. The default theme uses the
//! terminal's own ANSI palette so it reads on dark and light backgrounds;
//! `mono` (chosen by `NO_COLOR`) shows focus, selection and highlights with
//! reverse, bold and underline only.

use ratatui::style::{Color, Modifier, Style};

/// Every style the widgets use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    /// True for the monochrome theme.
    pub mono: bool,
    /// Plain text.
    pub text: Style,
    /// Secondary text (dates, counts, context).
    pub dim: Style,
    /// A pane's border.
    pub border: Style,
    /// The focused pane's border.
    pub border_focus: Style,
    /// Pane titles.
    pub title: Style,
    /// The selected row of the focused list.
    pub selected: Style,
    /// The selected row of a list without focus.
    pub selected_idle: Style,
    /// A reference in the text.
    pub reference: Style,
    /// The current reference.
    pub reference_current: Style,
    /// A hit of the search in the document.
    pub find_hit: Style,
    /// The current hit.
    pub find_current: Style,
    /// Characters matched by the search bar.
    pub matched: Style,
    /// Headings.
    pub heading: Style,
    /// Footnote markers and footnotes.
    pub footnote: Style,
    /// Control characters made visible.
    pub control: Style,
    /// Code spans and blocks of markdown.
    pub code: Style,
    /// Document symbols / labels in lists.
    pub label: Style,
    /// The status line.
    pub status: Style,
    /// The focused pane's name in the status line.
    pub status_mode: Style,
    /// Keys in hints and help.
    pub key: Style,
    /// A warning message.
    pub warn: Style,
    /// The bar marking the paragraph read and its counterpart, side by side.
    pub aligned: Style,
    /// Text deleted, in a diff.
    pub deleted: Style,
    /// Text inserted, in a diff.
    pub inserted: Style,
}

impl Theme {
    /// The theme named `name` (`default`, `light`, `mono`); `mono` when `no_color`.
    pub fn named(name: &str, no_color: bool) -> Theme {
        if no_color || name == "mono" {
            return Theme::mono();
        }
        if name == "light" {
            return Theme::light();
        }
        Theme::default_theme()
    }

    /// The theme for the environment: `NO_COLOR` (set and non-empty) means mono.
    pub fn from_env(name: &str) -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme::named(name, no_color)
    }

    /// Colours from the terminal palette.
    pub fn default_theme() -> Theme {
        let s = Style::default;
        Theme {
            mono: false,
            text: s(),
            dim: s().fg(Color::DarkGray),
            border: s().fg(Color::DarkGray),
            border_focus: s().fg(Color::Cyan),
            title: s().add_modifier(Modifier::BOLD),
            selected: s().fg(Color::Black).bg(Color::Cyan),
            selected_idle: s().add_modifier(Modifier::REVERSED),
            reference: s().fg(Color::Blue).add_modifier(Modifier::UNDERLINED),
            reference_current: s()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
            find_hit: s().fg(Color::Black).bg(Color::Magenta),
            find_current: s()
                .fg(Color::Black)
                .bg(Color::Green)
                .add_modifier(Modifier::BOLD),
            matched: s().fg(Color::Red).add_modifier(Modifier::BOLD),
            heading: s().fg(Color::Magenta).add_modifier(Modifier::BOLD),
            footnote: s().fg(Color::Yellow),
            control: s().fg(Color::Red).add_modifier(Modifier::REVERSED),
            code: s().fg(Color::Green),
            label: s().add_modifier(Modifier::BOLD),
            status: s(),
            status_mode: s()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            key: s().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            warn: s().fg(Color::Red).add_modifier(Modifier::BOLD),
            aligned: s().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            deleted: s().fg(Color::Red).add_modifier(Modifier::CROSSED_OUT),
            inserted: s().fg(Color::Green).add_modifier(Modifier::BOLD),
        }
    }

    /// Darker colours for light backgrounds.
    pub fn light() -> Theme {
        let s = Style::default;
        Theme {
            border_focus: s().fg(Color::Blue),
            selected: s().fg(Color::White).bg(Color::Blue),
            label: s().fg(Color::Blue),
            key: s().fg(Color::Blue).add_modifier(Modifier::BOLD),
            aligned: s().fg(Color::Blue).add_modifier(Modifier::BOLD),
            status_mode: s()
                .fg(Color::White)
                .bg(Color::Blue)
                .add_modifier(Modifier::BOLD),
            // Yellow is unreadable on white: footnotes in magenta instead.
            footnote: s().fg(Color::Magenta),
            ..Theme::default_theme()
        }
    }

    /// No colour at all.
    pub fn mono() -> Theme {
        let s = Style::default;
        let m = |m: Modifier| Style::default().add_modifier(m);
        Theme {
            mono: true,
            text: s(),
            dim: s(),
            border: s(),
            border_focus: m(Modifier::BOLD),
            title: m(Modifier::BOLD),
            selected: m(Modifier::REVERSED | Modifier::BOLD),
            selected_idle: m(Modifier::REVERSED),
            reference: m(Modifier::UNDERLINED),
            reference_current: m(Modifier::REVERSED | Modifier::UNDERLINED | Modifier::BOLD),
            find_hit: m(Modifier::REVERSED),
            find_current: m(Modifier::REVERSED | Modifier::BOLD),
            matched: m(Modifier::BOLD | Modifier::UNDERLINED),
            heading: m(Modifier::BOLD),
            footnote: s(),
            control: m(Modifier::REVERSED),
            code: s(),
            label: s(),
            status: s(),
            status_mode: m(Modifier::REVERSED | Modifier::BOLD),
            key: m(Modifier::BOLD),
            warn: m(Modifier::BOLD),
            aligned: m(Modifier::BOLD),
            deleted: m(Modifier::CROSSED_OUT),
            inserted: m(Modifier::UNDERLINED | Modifier::BOLD),
        }
    }
}
