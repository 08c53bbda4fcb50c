//! Usage: help and usage errors.

use crate::*;

#[test]
fn help_lists_the_commands() {
    let r = run(&["--help"]);
    assert_eq!(r.code, 0);
    let out = r.stdout();
    for command in [
        "list",
        "show",
        "refs",
        "backlinks",
        "agenda",
        "find",
        "grep",
    ] {
        assert!(out.contains(command), "{out}");
    }
}

#[test]
fn unknown_options_are_usage_errors() {
    let r = run(&["list", "--frobnicate"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--frobnicate"), "{}", r.stderr);
    let r = run(&["find", "x", "--limit", "0"]);
    assert_eq!(r.code, 2);
}

#[test]
fn print_config_prints_valid_toml() {
    let r = run(&["--print-config"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = r.stdout();
    let parsed: toml::Table = toml::from_str(&text).expect("the default config is TOML");
    assert!(!parsed.is_empty(), "{text}");
}

#[test]
fn a_mistyped_command_is_named_whether_or_not_stdout_is_a_terminal() {
    // Piped (as here): no "needs a terminal", no control picture.
    let r = run(&["lsit"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .starts_with("dossier: unknown command 'lsit' (did you mean 'list'?)"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains('␤'), "{}", r.stderr);
    // A missing folder is still reported as one, line breaks kept.
    let r = run(&["no-such-folder/x"]);
    assert_eq!(r.code, 2);
    assert!(!r.stderr.contains('␤'), "{}", r.stderr);
}
