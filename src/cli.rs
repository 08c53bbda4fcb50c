//! The command line interface: `dossier [PATHS]...` opens the explorer, and the
//! subcommands (`list`, `show`, `refs`, `backlinks`, `agenda`, `find`, `grep`,
//! `align`)
//! print the model as aligned text or as JSON.
//!
//! Exit codes: 0 success, 1 nothing found (`find`, `grep`, `backlinks`),
//! 2 bad usage or input. A closed output pipe ends the program quietly with 0.

mod agenda;
mod align;
mod archive;
mod diff;
mod documents;
mod family;
mod find;
mod grep;
mod grep_index;
mod index;
mod listing;
pub(crate) mod load;
mod output;
mod references;

use crate::model::RefKind;
use crate::model::load::Depth;
use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand};
use output::{Failure, Out, Outcome};
use std::path::PathBuf;
use std::process::ExitCode;

/// Command line of the binary.
#[derive(Debug, Parser)]
#[command(
    name = "dossier",
    version,
    about = "Explore sets of UN meeting documents: their agendas, references and backlinks.",
    long_about = "Explore sets of UN meeting documents: their agendas, references and backlinks.\n\n\
        With no command, opens the explorer on PATHS (files or directories of .txt, .md, .pdf, .docx and .odt \
        documents, read recursively), or on the bundled corpus when no PATHS are given.",
    args_conflicts_with_subcommands = true,
    after_help = "Exit status: 0 success, 1 nothing found (find, grep, backlinks), 2 bad usage or input."
)]
pub struct Cli {
    /// Files or directories to open (.txt, .md, .pdf, .docx, .odt, read recursively); the bundled corpus when none.
    #[arg(value_name = "PATHS")]
    paths: Vec<PathBuf>,

    /// Print the time to the first full frame on stderr and exit.
    #[arg(long, hide = true)]
    bench_startup: bool,

    /// Print the default configuration (theme and key bindings) and exit.
    #[arg(long)]
    print_config: bool,

    /// Keep the index (what reading each file produced) in DIR instead of
    /// the cache directory ($DOSSIER_INDEX, else $XDG_CACHE_HOME/dossier/index).
    #[arg(long, value_name = "DIR", global = true)]
    index: Option<PathBuf>,

    /// Open the explorer on the PostgreSQL archive at URL
    /// (postgresql://user@host/db) instead of files; with no PATHS,
    /// DOSSIER_ARCHIVE names it too.
    #[arg(long, value_name = "URL")]
    archive: Option<String>,

    /// Read every file afresh, without the index (nothing is read from it or stored).
    #[arg(long, global = true, conflicts_with = "index")]
    no_index: bool,

    #[command(subcommand)]
    command: Option<Command>,
}

/// Arguments every subcommand takes.
#[derive(Debug, Args)]
struct Common {
    /// Files or directories to read (.txt, .md, .pdf, .docx, .odt, recursively); the bundled corpus when none.
    #[arg(value_name = "PATHS")]
    paths: Vec<PathBuf>,

    /// Print JSON (one line; see --pretty).
    #[arg(long)]
    json: bool,

    /// Print indented JSON (implies --json).
    #[arg(long)]
    pretty: bool,

    /// Read the PostgreSQL archive at URL (postgresql://user@host/db)
    /// instead of files; with no PATHS, DOSSIER_ARCHIVE names it too.
    #[arg(long, value_name = "URL")]
    archive: Option<String>,
}

impl Common {
    /// The corpus to ask: the archive named, or the files.
    fn source(&self) -> Result<Box<dyn crate::corpus::Source>, Failure> {
        archive::source(self.archive.as_deref(), &self.paths)
    }

    /// Like [`Common::source`], the files' heads only (for commands that
    /// read no text but a document's or a citation's).
    fn head_source(&self) -> Result<Box<dyn crate::corpus::Source>, Failure> {
        archive::head_source(self.archive.as_deref(), &self.paths, Depth::Head)
    }

    /// Like [`Common::head_source`], without the references (for `list`,
    /// `show` and `family`, which follow no citation).
    fn listing_source(&self) -> Result<Box<dyn crate::corpus::Source>, Failure> {
        archive::head_source(self.archive.as_deref(), &self.paths, Depth::Listing)
    }

    /// The archive to ask, when one is named (`--archive`, or
    /// `DOSSIER_ARCHIVE` with no PATHS).
    fn archive_source(&self) -> Result<Option<Box<dyn crate::corpus::Source>>, Failure> {
        archive::archive_source(self.archive.as_deref(), &self.paths)
    }

    /// Refuses `--archive` for a command that reads files only.
    fn files_only(&self, command: &str) -> Result<(), Failure> {
        archive::files_only(self.archive.as_deref(), command)
    }

    /// With no PATHS, documents named as files are read (`dossier show
    /// report.pdf`, `dossier diff draft.pdf adopted.pdf`) instead of the
    /// bundled corpus.
    fn or_files(mut self, docs: &[&str]) -> Self {
        if self.paths.is_empty() {
            self.paths = docs
                .iter()
                .map(PathBuf::from)
                .filter(|p| p.is_file())
                .collect();
        }
        self
    }

    fn format(&self) -> output::Format {
        if self.pretty {
            output::Format::PrettyJson
        } else if self.json {
            output::Format::Json
        } else {
            output::Format::Human
        }
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
enum Command {
    /// One row per document: id or symbol, date, language, title.
    List {
        #[command(flatten)]
        common: Common,
    },
    /// A document's metadata, agenda, footnotes and text.
    Show {
        /// The document: an id, a unique id prefix, a path or a symbol.
        doc: String,
        /// The text as decoded, before cleaning (page furniture, line breaks
        /// and footnotes as printed).
        #[arg(long)]
        raw: bool,
        /// The version in this language (`fr`, `es`…), when the corpus has it.
        #[arg(long, value_name = "CODE")]
        lang: Option<String>,
        #[command(flatten)]
        common: Common,
    },
    /// Every reference cited in the documents, with its line and column.
    Refs {
        /// Only references of this kind (may be repeated).
        #[arg(long, value_name = "KIND", value_parser = kind_parser())]
        kind: Vec<RefKind>,
        #[command(flatten)]
        common: Common,
    },
    /// The documents and lines citing KEY.
    #[command(
        after_help = "KEY is a canonical key (symbol:CTOC/COP/2012/1, decision:4/4, resolution:5/2, \
            article:convention:32:3, url:…, email:…) or what a person writes: \
            CTOC/COP/2012/1, 4/4, 'décision 4/4', 'résolution 5/2'."
    )]
    Backlinks {
        /// The key cited, e.g. decision:4/4, 'décision 4/4', CTOC/COP/2012/1.
        key: String,
        #[command(flatten)]
        common: Common,
    },
    /// A document's family: its draft and revisions, the text adopted from
    /// it, its addenda and corrigenda.
    Family {
        /// The document: an id, a unique id prefix, a path or a symbol.
        doc: String,
        #[command(flatten)]
        common: Common,
    },
    /// What changed from OLD to NEW, paragraph by paragraph and word by
    /// word: a draft and the resolution adopted from it, a revision and its
    /// original, two years of one resolution.
    #[command(
        after_help = "Paragraphs are paired first (a renumbered or moved paragraph is matched, not deleted \
            and inserted), then compared word by word. The human form reads like `git diff --word-diff`: \
            [-deleted-] and {+inserted+} (colours on a terminal unless NO_COLOR is set), unchanged \
            paragraphs folded into a count (--all shows them). --json gives every paragraph with its runs."
    )]
    Diff {
        /// The older version: an id, a unique id prefix, a path or a symbol.
        old: String,
        /// The newer version.
        new: String,
        /// Show unchanged paragraphs too.
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        common: Common,
    },
    /// The paragraphs of two documents paired: two language versions, or
    /// two versions in one language (a draft and the adopted text, Rev.1 and
    /// the original).
    #[command(
        after_help = "DOC_A and DOC_B: an id, a unique id prefix, a path or a symbol (a symbol names \
            the version the list shows).\n\n\
            Language versions of one document: `dossier align A/HRC/WG.6/7/ITA/1 --lang fr` pairs the version \
            the list shows with the French one; `--lang en,fr` names both. With --lang give one document; \
            what follows it is PATHS.\n\n\
            Two languages are aligned as translations (paragraph numbers, numbers, symbols and lengths); \
            one language as revisions (the words too, so that a renumbered paragraph still pairs).\n\n\
            --json: {\"mode\", \"left\", \"right\" (the documents), \"pairs\": [{\"left\": {\"start_line\", \
            \"end_line\", \"text\"}, \"right\": {…}, \"score\"}]}, left or right null for a paragraph with no \
            counterpart; lines are 1-based and inclusive, in the text `show` prints; score 0 to 1."
    )]
    Align {
        /// The left document: an id, a unique id prefix, a path or a symbol.
        doc_a: String,
        /// The right document (none with --lang).
        doc_b: Option<String>,
        /// Align DOC_A's language versions: `fr` (the version listed with the
        /// French one) or `en,fr`.
        #[arg(long, value_name = "CODE[,CODE]")]
        lang: Option<String>,
        #[command(flatten)]
        common: Common,
    },
    /// Agenda items of agenda documents, and the items documents were issued under.
    #[command(
        after_help = "A lone DOC naming an existing file or directory is read as PATHS (its own agenda)."
    )]
    Agenda {
        /// Only this document: an id, a unique id prefix, a path or a symbol.
        doc: Option<String>,
        #[command(flatten)]
        common: Common,
    },
    /// Fuzzy find across titles, symbols, reference keys and lines (accent-insensitive).
    Find {
        /// What to find; words separated by spaces must all match.
        query: String,
        /// How many results to print [default: 20].
        #[arg(long, short = 'n', value_parser = clap::value_parser!(u32).range(1..))]
        limit: Option<u32>,
        /// Print the matcher's internal score of each result.
        #[arg(long)]
        scores: bool,
        #[command(flatten)]
        common: Common,
    },
    /// Build or refresh the index of PATHS and say what changed; --status
    /// says where the index lives and how big it is.
    #[command(
        after_help = "The index keeps what reading each file produced, so that a corpus opened again is \
            read from it: unchanged files are not read again, changed and new ones are, deleted ones are \
            forgotten. Every command uses it (--no-index reads afresh)."
    )]
    Index {
        /// Files or directories to index (.txt, .md, .pdf, .docx, .odt, recursively).
        #[arg(value_name = "PATHS")]
        paths: Vec<PathBuf>,
        /// Say where the index lives, how many files it holds and its size.
        #[arg(long)]
        status: bool,
    },
    /// A shared archive in PostgreSQL: push documents into it, see what it holds.
    Archive {
        #[command(subcommand)]
        action: ArchiveCommand,
    },
    /// Lines matching a regular expression, with document and line number.
    Grep {
        /// The regular expression (Rust regex syntax; `^` and `$` match at
        /// line ends); with --words, the words to find.
        regex: String,
        /// Match without regard to case.
        #[arg(long, short = 'i')]
        ignore_case: bool,
        /// Find lines holding every word of REGEX (taken as words, in any
        /// order) in any of their forms in the document's language
        /// (English, French, Spanish, Russian and Arabic stemmed; case and
        /// accents ignored): `--words 'conférences parties'`.
        #[arg(long, conflicts_with = "ignore_case")]
        words: bool,
        #[command(flatten)]
        common: Common,
    },
}

/// What `dossier archive` does.
#[derive(Debug, Subcommand)]
enum ArchiveCommand {
    /// Parse PATHS here (the bundled corpus when none) and write them into
    /// the archive: new and changed documents only, in batches, each one
    /// transaction.
    #[command(
        after_help = "URL: postgresql://user[:password]@host[:port]/database[?sslmode=disable|prefer|require], \
            or DOSSIER_ARCHIVE; what it leaves out comes from PGHOST, PGPORT, PGUSER, PGPASSWORD, \
            PGDATABASE, PGSSLMODE and ~/.pgpass. The schema is created or migrated first."
    )]
    Push {
        /// Files or directories to push.
        #[arg(value_name = "PATHS")]
        paths: Vec<PathBuf>,
        /// The archive (default: DOSSIER_ARCHIVE).
        #[arg(long, value_name = "URL")]
        to: Option<String>,
    },
    /// The archive's schema version, what it holds and its size.
    Status {
        /// The archive (default: DOSSIER_ARCHIVE).
        #[arg(value_name = "URL")]
        url: Option<String>,
        /// Print JSON (one line).
        #[arg(long)]
        json: bool,
    },
}

/// When the first of `paths` is no file but a mistyped command (`lsit`),
/// what to say.
fn unknown_command(paths: &[PathBuf]) -> Option<String> {
    let first = paths.first()?;
    if first.exists() {
        return None;
    }
    let word = first.to_str()?;
    if word.contains(['/', '.', '\\']) {
        return None;
    }
    // The subcommands as clap knows them: one list, never written twice.
    let command = <Cli as clap::CommandFactory>::command();
    let best = command
        .get_subcommands()
        .map(|c| (edit_distance(word, c.get_name()), c.get_name().to_string()))
        .min()
        .filter(|(d, _)| *d <= 2)?;
    Some(format!(
        "unknown command '{word}' (did you mean '{}'?); `dossier --help` lists the commands",
        best.1
    ))
}

/// Levenshtein distance between `a` and `b`, by characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// Parses `--kind`, listing the kinds in help and errors.
fn kind_parser() -> impl TypedValueParser<Value = RefKind> {
    PossibleValuesParser::new(RefKind::ALL.map(RefKind::name))
        .map(|name| RefKind::from_name(&name).unwrap_or(RefKind::Symbol))
}

/// Entry point of the binary: parses the command line, runs it, and returns
/// the exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Help and version go to stdout with 0; usage errors to stderr
            // with 2, plain and inert: they echo what was typed, which may
            // hold escape sequences.
            if e.use_stderr() {
                eprint!("{}", usage_error(&e));
            } else {
                let _ = e.print();
            }
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    output::exit_code(run(cli))
}

/// The message of a usage error, without styling, what the user typed shown
/// inert: plain rendering drops escape sequences whole (`--kind $'\e]0;X\a'`
/// would read `invalid value ''`), so the typed value is put back with its
/// control characters made visible.
fn usage_error(e: &clap::Error) -> String {
    use clap::error::{ContextKind, ContextValue};
    let mut message = e.render().to_string();
    for kind in [ContextKind::InvalidValue, ContextKind::InvalidArg] {
        if let Some(ContextValue::String(typed)) = e.get(kind) {
            let plain = clap::builder::StyledStr::from(typed.clone()).to_string();
            if plain != *typed {
                message = message.replacen(
                    &format!("'{plain}'"),
                    &format!("'{}'", crate::sanitize::inert_line(typed)),
                    1,
                );
            }
        }
    }
    crate::sanitize::inert(&message).into_owned()
}

/// Runs a parsed command line.
fn run(cli: Cli) -> Result<Outcome, Failure> {
    if cli.print_config {
        use std::io::Write;
        // A closed pipe ends quietly; any other write error is reported.
        std::io::stdout()
            .lock()
            .write_all(crate::input::config::DEFAULT_CONFIG.as_bytes())?;
        return Ok(Outcome::Done);
    }
    load::set_index(load::IndexChoice::from_args(
        cli.no_index,
        cli.index.clone(),
    ));
    let Some(command) = cli.command else {
        if let Some(message) = unknown_command(&cli.paths) {
            return Err(Failure::Usage(message));
        }
        let options = crate::tui::TuiOptions {
            bench_startup: cli.bench_startup,
        };
        if let Some(url) = archive::explorer_archive(cli.archive.as_deref(), &cli.paths)? {
            crate::tui::run_archive(Some(url), options).map_err(Failure::Other)?;
        } else if cli.paths.is_empty() {
            crate::tui::run(load::corpus(&cli.paths)?, options).map_err(Failure::Other)?;
        } else {
            // The explorer shows the first documents while the rest are read.
            crate::tui::run_paths(&cli.paths, options).map_err(Failure::Other)?;
        }
        return Ok(Outcome::Done);
    };
    match command {
        Command::List { common } => {
            let mut out = Out::new(common.format());
            match common.archive_source()? {
                // Files: from the index's snapshot of their list when it is
                // still right.
                None if !common.paths.is_empty() => listing::list_files(&common.paths, &mut out)?,
                archive => {
                    let source = match archive {
                        Some(archive) => archive,
                        None => common.listing_source()?,
                    };
                    documents::list(&*source, &mut out)?;
                    source.close();
                }
            }
            out.finish()
        }
        Command::Show {
            doc,
            raw,
            lang,
            common,
        } => {
            let common = match common.archive {
                Some(_) => common,
                None => common.or_files(&[&doc]),
            };
            // The document shown is read whole; of the others, only what
            // finds it and its versions (no citations).
            let source = common.listing_source()?;
            let mut out = Out::new(common.format());
            documents::show(&*source, &doc, raw, lang.as_deref(), &mut out)?;
            source.close();
            out.finish()
        }
        Command::Refs { kind, common } => {
            let source = common.source()?;
            let mut out = Out::new(common.format());
            references::refs(&*source, &kind, &mut out)?;
            source.close();
            out.finish()
        }
        Command::Backlinks { key, common } => {
            let source = common.head_source()?;
            let mut out = Out::new(common.format());
            let outcome = references::backlinks(&*source, &key, &mut out)?;
            source.close();
            out.finish()?;
            Ok(outcome)
        }
        Command::Family { doc, common } => {
            let common = match common.archive {
                Some(_) => common,
                None => common.or_files(&[&doc]),
            };
            let source = common.listing_source()?;
            let mut out = Out::new(common.format());
            family::family(&*source, &doc, &mut out)?;
            source.close();
            out.finish()
        }
        Command::Diff {
            old,
            new,
            all,
            common,
        } => {
            common.files_only("diff")?;
            let common = common.or_files(&[&old, &new]);
            let corpus = load::corpus(&common.paths)?;
            let mut out = Out::new(common.format());
            let outcome = diff::diff(&corpus, &old, &new, all, &mut out)?;
            out.finish()?;
            Ok(outcome)
        }
        Command::Align {
            doc_a,
            mut doc_b,
            lang,
            mut common,
        } => {
            common.files_only("align")?;
            // `align DOC --lang fr PATHS…`: what follows the one document is where to read.
            if lang.is_some() {
                if let Some(path) = doc_b.take() {
                    common.paths.insert(0, PathBuf::from(path));
                }
            }
            let corpus = load::corpus(&common.paths)?;
            let mut out = Out::new(common.format());
            align::align(&corpus, &doc_a, doc_b.as_deref(), lang.as_deref(), &mut out)?;
            out.finish()
        }
        Command::Agenda { doc, mut common } => {
            common.files_only("agenda")?;
            let doc = match doc {
                // `dossier agenda some/dir`: the lone argument is where to read.
                Some(d) if common.paths.is_empty() && std::path::Path::new(&d).exists() => {
                    common.paths.push(PathBuf::from(d));
                    None
                }
                other => other,
            };
            let corpus = load::corpus(&common.paths)?;
            let mut out = Out::new(common.format());
            agenda::agenda(&corpus, doc.as_deref(), &mut out)?;
            out.finish()
        }
        Command::Find {
            query,
            limit,
            scores,
            common,
        } => {
            let source = common.source()?;
            let mut out = Out::new(common.format());
            let limit = limit.map(|l| l as usize);
            let outcome = find::find(&*source, &query, limit, scores, &mut out)?;
            source.close();
            out.finish()?;
            Ok(outcome)
        }
        Command::Index { paths, status } => index::index(&paths, status),
        Command::Archive { action } => match action {
            ArchiveCommand::Push { paths, to } => {
                archive::push(&paths, to.as_deref())?;
                Ok(Outcome::Done)
            }
            ArchiveCommand::Status { url, json } => {
                let format = if json {
                    output::Format::Json
                } else {
                    output::Format::Human
                };
                let mut out = Out::new(format);
                archive::status(url.as_deref(), &mut out)?;
                out.finish()
            }
        },
        Command::Grep {
            regex,
            ignore_case,
            words,
            common,
        } => {
            let pattern = regex;
            let matcher = if words {
                let query = crate::model::stem::WordQuery::new(&pattern);
                if query.is_empty() {
                    return Err(Failure::Usage(format!(
                        "--words needs words to find; '{pattern}' holds none"
                    )));
                }
                grep::Matcher::Words(query)
            } else {
                grep::Matcher::Regex(grep::compile(&pattern, ignore_case)?)
            };
            // grep reads lines only (no extraction to pay for) and prints
            // each document's matching lines as soon as they are found.
            let mut out = Out::new(common.format());
            let mut printer = grep::Printer::new();
            if let Some(source) = common.archive_source()? {
                // Over an archive: its documents scanned page by page.
                grep::source_hits(&*source, &matcher, &mut |hits| printer.doc(&hits, &mut out))?;
            } else if common.paths.is_empty() {
                let per_doc = grep::corpus_hits(&crate::model::load_bundled(), &matcher);
                for hits in &per_doc {
                    printer.doc(hits, &mut out)?;
                }
            } else if words
                || !grep_index::grep(
                    &common.paths,
                    &pattern,
                    ignore_case,
                    &matcher,
                    &mut printer,
                    &mut out,
                )?
            {
                // Words are stemmed in the document's language: its head is
                // read (through the index), not only its lines.
                let depth = if words {
                    crate::model::load::Depth::Full
                } else {
                    crate::model::load::Depth::TextOnly
                };
                load::scan_each(
                    &common.paths,
                    depth,
                    &|doc| grep::doc_hits(&doc, &matcher),
                    &mut |hits| printer.doc(&hits, &mut out),
                )?;
            }
            let outcome = printer.finish(&pattern, &mut out)?;
            out.finish()?;
            Ok(outcome)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    fn parse(args: &[&str]) -> Cli {
        Cli::try_parse_from(std::iter::once("dossier").chain(args.iter().copied())).expect("parses")
    }

    #[test]
    fn subcommand_wins_over_paths() {
        let cli = parse(&["list"]);
        assert!(matches!(cli.command, Some(Command::List { .. })));
        assert!(cli.paths.is_empty());
    }

    #[test]
    fn bare_paths_open_the_explorer() {
        let cli = parse(&["some/dir", "other.txt"]);
        assert!(cli.command.is_none());
        assert_eq!(
            cli.paths,
            [PathBuf::from("some/dir"), PathBuf::from("other.txt")]
        );
    }

    #[test]
    fn subcommand_positionals_come_before_paths() {
        let cli = parse(&["show", "002", "a", "b", "--json"]);
        let Some(Command::Show { doc, common, .. }) = cli.command else {
            panic!("not show");
        };
        assert_eq!(doc, "002");
        assert_eq!(common.paths.len(), 2);
        assert!(matches!(common.format(), output::Format::Json));
    }

    #[test]
    fn kinds_are_checked() {
        let cli = parse(&["refs", "--kind", "decision", "--kind", "url"]);
        let Some(Command::Refs { kind, .. }) = cli.command else {
            panic!("not refs");
        };
        assert_eq!(kind, [RefKind::Decision, RefKind::Url]);
        let err =
            Cli::try_parse_from(["dossier", "refs", "--kind", "nope"]).expect_err("unknown kind");
        assert!(err.to_string().contains("decision"), "{err}");
    }

    #[test]
    fn a_mistyped_command_is_named_with_a_suggestion() {
        let m = unknown_command(&[PathBuf::from("lsit")]).expect("a suggestion");
        assert!(
            m.starts_with("unknown command 'lsit' (did you mean 'list'?)"),
            "{m}"
        );
        assert!(
            unknown_command(&[PathBuf::from("bakclinks")])
                .is_some_and(|m| m.contains("'backlinks'"))
        );
        assert!(unknown_command(&[PathBuf::from("no/such/dir")]).is_none());
        assert!(unknown_command(&[PathBuf::from("zzzzzzzz")]).is_none());
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn limit_must_be_positive() {
        assert!(Cli::try_parse_from(["dossier", "find", "x", "--limit", "0"]).is_err());
    }
}
