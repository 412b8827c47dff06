//! The `vipguard` command line: a thin layer over the engine crate that reads files, runs checks in
//! parallel and writes results. `scan` many profiles, `check` one and explain it, `hash` pictures,
//! `enroll` a list's pictures; `keygen`, `sign` and `verify` signed list feeds, `decisions merge`
//! reviewers' decisions (docs/feed.md).
//!
//! Exit status: 0 all good; 1 some profile lines could not be read (each got an error line, the rest
//! were checked); 2 the command could not run (bad protected list, unreadable file, bad arguments).

mod args;
mod check;
mod enroll;
mod feed;
mod files;
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
    // clap's errors quote the arguments given: escaped like every other message to the terminal.
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if e.use_stderr() => {
            eprint!("{}", terminal::escape_lines(&e.render().to_string()));
            return ExitCode::from(2);
        }
        Err(e) => e.exit(),
    };
    // What the problems counted below are in.
    let problems_in = match cli.command {
        Command::Decisions { .. } => "the decisions",
        Command::Verify { .. } => "the signed list",
        Command::Sign(_) => "the list to sign",
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
        Command::Enroll { list, output } => enroll::enroll_command(&list, &output),
        Command::Hash { json, images } => Ok(enroll::hash(&images, json)),
        Command::Keygen { out } => feed::keygen(&out),
        Command::Sign(args) => feed::sign(args),
        Command::Verify {
            key,
            min_version,
            file,
        } => feed::verify(&key, &file, min_version),
        Command::Decisions {
            command:
                DecisionsCommand::Merge {
                    files,
                    output,
                    date,
                    key,
                },
        } => feed::merge(&files, output.as_deref(), date, key.as_deref()),
    };
    match outcome {
        Ok(code) => code,
        Err(failure) => {
            // A list's problems one a line, each with its file, line and field; a count after them
            // when there is more than one (a single problem prints as it always has).
            // Errors quote the input (a handle, a file name): escaped for the terminal.
            for e in &failure.errors {
                eprintln!("vipguard: {}", terminal::escape(&e.to_string()));
            }
            if failure.total > 1 {
                let shown = if failure.total > failure.errors.len() {
                    format!(" (the first {} shown)", failure.errors.len())
                } else {
                    String::new()
                };
                eprintln!(
                    "vipguard: {} problems in {problems_in}{shown}",
                    failure.total
                );
            }
            ExitCode::from(2)
        }
    }
}
