//! The `vipguard` command line: a thin layer over the engine crate that reads files, runs checks in
//! parallel and writes results. `scan` many profiles, `check` one and explain it, `hash` pictures,
//! `enroll` a list's pictures; `keygen`, `sign` and `verify` signed list feeds, `decisions merge`
//! reviewers' decisions (docs/feed.md).
//!
//! Exit status: 0 all good; 1 some profile lines could not be read (each got an error line, the rest
//! were checked); 2 the command could not run (bad protected list, unreadable file, bad arguments).

mod arg_errors;
mod args;
mod check;
mod enroll;
mod feed;
mod files;
mod problems;
mod profile_chunks;
mod scan;
mod sheet;
mod table;
mod terminal;
mod words;

use args::{Cli, Command, DecisionsCommand};
use clap::Parser;
use std::process::ExitCode;
use vipguard::Profile;

// Building an index and checking allocate many small strings: mimalloc is about 25% faster per check
// than glibc's malloc here (see docs/benchmarks.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // clap's errors quote the arguments given: escaped like every other message to the terminal. In
    // French (`--lang fr` among the arguments), the common ones are coded and said in French.
    let raw: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let cli = match Cli::try_parse_from(&raw) {
        Ok(cli) => cli,
        Err(e) if e.use_stderr() => {
            let lang = arg_errors::lang_asked(&raw);
            match arg_errors::coded(&e).filter(|_| lang == vipguard::Lang::Fr) {
                Some(coded) => {
                    eprintln!(
                        "vipguard: {}",
                        terminal::escape(&problems::say(lang, &coded))
                    );
                    eprintln!("vipguard: pour l’aide\u{a0}: vipguard --help");
                }
                None => eprint!("{}", terminal::escape_lines(&e.render().to_string())),
            }
            return ExitCode::from(2);
        }
        Err(e) => e.exit(),
    };
    // The language of the errors: `--lang` where the command takes it (all but hash).
    let lang = match &cli.command {
        Command::Scan { lang, .. }
        | Command::Check { lang, .. }
        | Command::Keygen { lang, .. }
        | Command::Enroll { lang, .. }
        | Command::Verify { lang, .. }
        | Command::Decisions {
            command: DecisionsCommand::Merge { lang, .. },
        } => *lang,
        Command::Sign(args) => args.lang,
        _ => vipguard::Lang::En,
    };
    // What the problems counted below are in.
    let problems_in = match (lang, &cli.command) {
        (vipguard::Lang::Fr, Command::Decisions { .. }) => "les décisions",
        (vipguard::Lang::Fr, Command::Verify { .. }) => "la liste signée",
        (vipguard::Lang::Fr, Command::Sign(_)) => "la liste à signer",
        (vipguard::Lang::Fr, _) => "la liste protégée",
        (_, Command::Decisions { .. }) => "the decisions",
        (_, Command::Verify { .. }) => "the signed list",
        (_, Command::Sign(_)) => "the list to sign",
        _ => "the protected list",
    };
    let outcome = match cli.command {
        Command::Scan {
            protected,
            profiles,
            output,
            format,
            bom,
            lang,
        } => scan::scan(&protected, &profiles, output.as_deref(), format, bom, lang),
        Command::Check {
            protected,
            platform,
            handle,
            name,
            bio,
            links,
            avatar,
            json,
            lang,
        } => check::check(
            &protected,
            lang,
            Profile {
                id: "cli".into(),
                platform,
                handle,
                name,
                bio,
                avatar: None,
                links,
            },
            avatar.as_deref(),
            json,
        ),
        Command::Enroll { list, output, lang } => enroll::enroll_command(&list, &output, lang),
        Command::Hash { json, images } => Ok(enroll::hash(&images, json)),
        Command::Keygen { out, lang } => feed::keygen(&out, lang),
        Command::Sign(args) => feed::sign(args),
        Command::Verify {
            key,
            min_version,
            file,
            lang,
        } => feed::verify(&key, &file, min_version, lang),
        Command::Decisions {
            command:
                DecisionsCommand::Merge {
                    files,
                    output,
                    date,
                    key,
                    lang,
                },
        } => feed::merge(&files, output.as_deref(), date, key.as_deref(), lang),
    };
    match outcome {
        Ok(code) => code,
        Err(failure) => {
            // A list's problems one a line, each with its file, line and field; a count after them
            // when there is more than one (a single problem prints as it always has).
            // Errors quote the input (a handle, a file name): escaped for the terminal.
            for e in &failure.errors {
                eprintln!("vipguard: {}", terminal::escape(&problems::say(lang, e)));
            }
            if failure.total > 1 {
                let (total, shown) = (failure.total, failure.errors.len());
                let shown = match (lang, total > shown) {
                    (_, false) => String::new(),
                    (vipguard::Lang::Fr, true) => format!(" (les {shown} premiers affichés)"),
                    (_, true) => format!(" (the first {shown} shown)"),
                };
                match lang {
                    vipguard::Lang::Fr => {
                        eprintln!("vipguard: {total} problèmes dans {problems_in}{shown}")
                    }
                    _ => eprintln!("vipguard: {total} problems in {problems_in}{shown}"),
                }
            }
            ExitCode::from(2)
        }
    }
}
