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
