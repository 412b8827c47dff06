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

/// mimalloc's options, set before the program's first allocation: mimalloc reads each option once,
/// when it is first asked for, and an arena is reserved before `main` runs (Rust's runtime
/// allocates), so setting them in `main` is too late. Run from the ELF constructors, which the loader
/// calls before Rust's runtime starts.
///
/// Arenas are committed lazily (`arena_eager_commit` = 0; mimalloc's default commits them eagerly on
/// Linux, which overcommits): memory mimalloc frees inside an eagerly committed arena is reset, not
/// decommitted, and stays in the process's resident set. Freed memory is given back at once
/// (`purge_delay` = 0, 1 s by default): loading a list frees what parsing needed while the checker is
/// being built, by other threads. The whole `vipguard check` at 100,000 accounts peaks about 20 and
/// 11 MB lower (docs/benchmarks.md, issue 25).
#[cfg(target_os = "linux")]
mod allocator_options {
    /// `mi_option_arena_eager_commit` in mimalloc v3's `mimalloc.h` (the crate names only some options).
    const ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
    /// `mi_option_purge_delay`, likewise.
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

    extern "C" fn set() {
        // SAFETY: mi_option_set writes one field of mimalloc's option table; nothing else runs yet.
        unsafe {
            libmimalloc_sys::mi_option_set(ARENA_EAGER_COMMIT, 0);
            libmimalloc_sys::mi_option_set(PURGE_DELAY, 0);
        }
    }

    #[used]
    #[link_section = ".init_array"]
    static SET: extern "C" fn() = set;

    #[cfg(test)]
    mod tests {
        /// The constructor ran before this test's harness allocated anything: both options read 0,
        /// where mimalloc's defaults are 2 (eager on systems that overcommit) and 1,000 ms.
        #[test]
        fn arenas_are_committed_lazily_and_purged_at_once() {
            // SAFETY: mi_option_get reads one field of mimalloc's option table.
            let (commit, delay) = unsafe {
                (
                    libmimalloc_sys::mi_option_get(super::ARENA_EAGER_COMMIT),
                    libmimalloc_sys::mi_option_get(super::PURGE_DELAY),
                )
            };
            assert_eq!((commit, delay), (0, 0));
        }
    }
}

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
    // The language of the errors: `--lang`, which every command takes.
    let lang = match &cli.command {
        Command::Scan { lang, .. }
        | Command::Check { lang, .. }
        | Command::Keygen { lang, .. }
        | Command::Enroll { lang, .. }
        | Command::Hash { lang, .. }
        | Command::Verify { lang, .. }
        | Command::Decisions {
            command: DecisionsCommand::Merge { lang, .. },
        } => *lang,
        Command::Sign(args) => args.lang,
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
        Command::Hash { json, images, lang } => Ok(enroll::hash(&images, json, lang)),
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
