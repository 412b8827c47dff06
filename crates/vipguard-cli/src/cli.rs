//! The `vipguard` command line: `scan` many profiles, `check` one and explain it.
//!
//! Exit status: 0 all good; 1 some profile lines could not be read (each got an error line, the rest
//! were checked); 2 the command could not run (bad protected list, unreadable file, bad arguments).

use crate::files::{load_list, not_text, read_input, read_picture};
use clap::{Parser, Subcommand, ValueEnum};
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use vipguard::{
    decode, hash_bytes, is_direction_control, query_hashes, read_profiles_bytes, BadProfile,
    CheckResult, Checker, ErrorResult, InputError, Lang, Profile, QueryHashes, Verdict,
};

#[derive(Parser)]
#[command(
    name = "vipguard",
    version,
    about = "Spot accounts that impersonate protected people and brands"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check every profile of a JSONL or CSV file; one JSON line per profile, in input order.
    Scan {
        /// Protected list (JSON, or CSV when the name ends in .csv or .tsv; comma, semicolon or tab
        /// separated, as its header line shows).
        #[arg(long)]
        protected: PathBuf,
        /// Profiles: JSONL, or CSV when the name ends in .csv or .tsv (comma, semicolon or tab separated).
        profiles: PathBuf,
        /// Write here instead of standard output (written whole or not at all).
        #[arg(short, long)]
        output: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Jsonl)]
        format: Format,
        /// Language of the evidence sentences: en (default) or fr.
        #[arg(long, default_value = "en", value_parser = Lang::parse)]
        lang: Lang,
    },
    /// Check one profile and explain the verdict.
    Check {
        #[arg(long)]
        protected: PathBuf,
        #[arg(long, default_value = "x")]
        platform: String,
        #[arg(long, default_value = "")]
        handle: String,
        #[arg(long, default_value = "")]
        name: String,
        #[arg(long)]
        bio: Option<String>,
        /// The profile's avatar image.
        #[arg(long)]
        avatar: Option<PathBuf>,
        /// Print the same JSON object as `scan`.
        #[arg(long)]
        json: bool,
        /// Language of the evidence sentences: en (default) or fr.
        #[arg(long, default_value = "en", value_parser = Lang::parse)]
        lang: Lang,
    },
    /// Replace avatar image paths in a protected list with hashes (written whole to OUT).
    Enroll {
        list: PathBuf,
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Print the PDQ hash (64 hex digits, most significant first), quality and path of each image.
    Hash {
        /// One JSON object per line: {"path", "pdq", "quality"}.
        #[arg(long)]
        json: bool,
        #[arg(required = true)]
        images: Vec<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum Format {
    /// One JSON object per line.
    Jsonl,
    /// A table a person can read.
    Table,
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Scan {
            protected,
            profiles,
            output,
            format,
            lang,
        } => scan(&protected, &profiles, output.as_deref(), format, lang),
        Command::Check {
            protected,
            platform,
            handle,
            name,
            bio,
            avatar,
            json,
            lang,
        } => check(
            &protected,
            lang,
            Profile {
                id: "cli".into(),
                platform,
                handle,
                name,
                bio,
                avatar: None,
            },
            avatar.as_deref(),
            json,
        ),
        Command::Enroll { list, output } => enroll(&list, &output),
        Command::Hash { json, images } => Ok(hash(&images, json)),
    };
    match outcome {
        Ok(code) => code,
        Err(e) => {
            eprintln!("vipguard: {e}");
            ExitCode::from(2)
        }
    }
}

fn load_checker(path: &Path, lang: Lang) -> Result<Checker, InputError> {
    Ok(Checker::new(load_list(path)?).with_lang(lang))
}

/// Hashes of a profile's avatar file, or a note saying why it could not be used.
fn avatar_query(path: &Path) -> Result<QueryHashes, String> {
    let bytes = read_picture(path)?;
    Ok(query_hashes(&decode(&bytes)?))
}

/// Check one profile with its avatar (resolved against `base`); an unreadable avatar is said in the
/// evidence and the text check still runs.
fn check_one(checker: &Checker, p: &Profile, avatar: Option<&Path>) -> CheckResult {
    let query = avatar.map(|a| (a, avatar_query(a)));
    let hashes = query.as_ref().and_then(|(_, q)| q.as_ref().ok());
    let mut r = checker.check_with_avatar(p, hashes);
    if let Some((path, Err(e))) = &query {
        r.evidence.push(vipguard::Evidence::new(
            "input",
            format!("Avatar {} could not be used: {e}", path.display()),
        ));
    }
    r
}

fn scan(
    list: &Path,
    profiles: &Path,
    output: Option<&Path>,
    format: Format,
    lang: Lang,
) -> Result<ExitCode, InputError> {
    let checker = load_checker(list, lang)?;
    let source = profiles.display().to_string();
    let bytes = read_input(profiles)?;
    if let Some(what) = not_text(&bytes) {
        return Err(InputError::new(&source, None, None, what));
    }
    let rows = read_profiles_bytes(&bytes, &source)?;
    let base = profiles.parent().unwrap_or(Path::new(".")).to_path_buf();
    let progress = (std::io::stderr().is_terminal() && rows.len() >= 20_000).then(|| {
        let bar = indicatif::ProgressBar::new(rows.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:40} {pos}/{len} profiles ({per_sec}, {eta} left)",
            )
            .unwrap(),
        );
        bar
    });
    let results: Vec<Result<CheckResult, ErrorResult>> = rows
        .par_iter()
        .map(|(line, row)| {
            if let Some(bar) = &progress {
                bar.inc(1);
            }
            match row {
                Ok(p) => Ok(check_one(
                    &checker,
                    p,
                    p.avatar.as_ref().map(|a| base.join(a)).as_deref(),
                )),
                Err(BadProfile { id, error }) => Err(ErrorResult {
                    id: id.clone(),
                    line: *line,
                    error: error.to_string(),
                }),
            }
        })
        .collect();
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    let bad = results.iter().filter(|r| r.is_err()).count();
    let profiles_by_line: Vec<Option<&Profile>> =
        rows.iter().map(|(_, r)| r.as_ref().ok()).collect();
    let mut out = Vec::with_capacity(results.len() * 200);
    match format {
        Format::Jsonl => {
            for r in &results {
                let line = match r {
                    Ok(c) => serde_json::to_string(c),
                    Err(e) => serde_json::to_string(e),
                };
                out.extend_from_slice(line.expect("results serialise").as_bytes());
                out.push(b'\n');
            }
        }
        Format::Table => write_table(&mut out, &checker, &results, &profiles_by_line),
    }
    write_whole(output, &out)?;
    if bad > 0 {
        eprintln!(
            "vipguard: {bad} of {} profile lines could not be read (see their \"error\" lines)",
            results.len()
        );
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// Write everything or nothing. A file is replaced by renaming a finished temporary file over it (in
/// its folder, under a name no other run uses, with the file's permissions; through a symbolic link,
/// the file it names). Anything else, such as /dev/null, a pipe or a terminal, is written to directly:
/// renaming over it would replace the device with a file.
fn write_whole(output: Option<&Path>, bytes: &[u8]) -> Result<(), InputError> {
    match output {
        Some(path) => {
            let name = path.display().to_string();
            let err = |e: std::io::Error| {
                InputError::new(&name, None, None, format!("cannot write: {e}"))
            };
            let existing = std::fs::metadata(path).ok();
            if existing
                .as_ref()
                .is_some_and(|m| !m.is_file() && !m.is_dir())
            {
                return std::fs::OpenOptions::new()
                    .write(true)
                    .open(path)
                    .and_then(|mut f| f.write_all(bytes).and_then(|_| f.flush()))
                    .map_err(err);
            }
            let target = match existing {
                Some(_) => std::fs::canonicalize(path).map_err(err)?,
                None => path.to_path_buf(),
            };
            let file_name = target.file_name().unwrap_or_default().to_string_lossy();
            let stamp = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos());
            let tmp = target.with_file_name(format!(
                ".{file_name}.{}-{stamp}.vipguard-tmp",
                std::process::id()
            ));
            let written = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&tmp)
                .and_then(|mut f| f.write_all(bytes).and_then(|_| f.sync_all()))
                .and_then(|_| match std::fs::metadata(&target) {
                    Ok(m) => std::fs::set_permissions(&tmp, m.permissions()),
                    Err(_) => Ok(()),
                })
                .and_then(|_| std::fs::rename(&tmp, &target));
            if written.is_err() {
                let _ = std::fs::remove_file(&tmp);
            }
            written.map_err(err)
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(bytes)
                .and_then(|_| stdout.flush())
                .map_err(|e| InputError::new("<stdout>", None, None, e.to_string()))
        }
    }
}

fn write_table(
    out: &mut Vec<u8>,
    checker: &Checker,
    results: &[Result<CheckResult, ErrorResult>],
    profiles: &[Option<&Profile>],
) {
    let clip = |s: &str, n: usize| -> String {
        // Nothing that moves the cursor or reorders the row in a terminal.
        let s: String = s
            .chars()
            .filter(|c| !c.is_control() && !is_direction_control(*c))
            .collect();
        if s.chars().count() > n {
            format!("{}…", s.chars().take(n - 1).collect::<String>())
        } else {
            s
        }
    };
    let _ = writeln!(
        out,
        "{:<8} {:<18} {:<26}    {:<13} {:>5}  {}",
        "profile", "handle", "name", "verdict", "score", "resembles / why"
    );
    let _ = writeln!(out, "{}", "-".repeat(110));
    for (r, p) in results.iter().zip(profiles) {
        match (r, p) {
            (Ok(c), Some(p)) => {
                let who = c
                    .matched
                    .as_deref()
                    .and_then(|id| checker.account(id))
                    .map(|a| format!("{} — ", a.name))
                    .unwrap_or_default();
                let why = c
                    .evidence
                    .iter()
                    .find(|e| e.signal != "characters")
                    .or(c.evidence.first())
                    .map(|e| e.detail.as_str())
                    .unwrap_or("");
                let mark = match c.verdict {
                    Verdict::Impersonation => "!! ",
                    Verdict::Suspicious => "?  ",
                    _ => "   ",
                };
                let _ = writeln!(
                    out,
                    "{:<8} {:<18} {:<26} {mark}{:<13} {:>5.2}  {}",
                    clip(&c.id, 8),
                    clip(&format!("@{}", p.handle), 18),
                    clip(&p.name, 26),
                    c.verdict.as_str(),
                    c.score,
                    clip(&format!("{who}{why}"), 90)
                );
            }
            (Err(e), _) => {
                let _ = writeln!(
                    out,
                    "{:<8} error: {}",
                    clip(e.id.as_deref().unwrap_or("?"), 8),
                    e.error
                );
            }
            _ => {}
        }
    }
}

fn check(
    list: &Path,
    lang: Lang,
    profile: Profile,
    avatar: Option<&Path>,
    json: bool,
) -> Result<ExitCode, InputError> {
    let checker = load_checker(list, lang)?;
    let profile = profile
        .validated()
        .map_err(|m| InputError::new("<arguments>", None, Some("--platform"), m))?;
    // The one avatar asked for must be read: an unreadable file is an error here (exit 2), while a scan
    // notes it in that profile's evidence and goes on.
    let hashes = avatar
        .map(|a| {
            avatar_query(a).map_err(|e| InputError::new(&a.display().to_string(), None, None, e))
        })
        .transpose()?;
    let r = checker.check_with_avatar(&profile, hashes.as_ref());
    let mut out = String::new();
    if json {
        out = serde_json::to_string(&r).expect("results serialise");
    } else {
        use std::fmt::Write as _;
        let _ = write!(
            out,
            "{} (score {:.2})",
            r.verdict.as_str().to_uppercase(),
            r.score
        );
        if let Some(a) = r.matched.as_deref().and_then(|id| checker.account(id)) {
            let handles: Vec<String> = a
                .handles
                .iter()
                .map(|h| format!("@{} on {}", h.handle, h.platform))
                .collect();
            let _ = write!(
                out,
                " — resembles {} ({}){}",
                a.name,
                a.id,
                if handles.is_empty() {
                    String::new()
                } else {
                    format!(": {}", handles.join(", "))
                }
            );
        }
        for e in &r.evidence {
            let _ = write!(out, "\n  • {}", e.detail);
            for c in e.chars.iter().flatten() {
                let what = match (&c.looks_like, c.action.as_str()) {
                    (Some(l), "lookalike") => format!("looks like Latin {l}"),
                    (Some(l), _) => format!("{} → {l}", c.action),
                    (None, a) => format!("{a}, removed"),
                };
                let _ = write!(out, "\n      {:<8} {:<48} {}", c.codepoint, c.name, what);
            }
        }
    }
    out.push('\n');
    write_whole(None, out.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// Hash each image; a bad file gets an error on stderr and the rest go on (exit 1 at the end).
fn hash(images: &[PathBuf], json: bool) -> ExitCode {
    let mut failed = 0;
    let mut out = std::io::stdout().lock();
    for path in images {
        let shown = path.display().to_string();
        match read_picture(path).and_then(|b| hash_bytes(&b)) {
            Ok(h) => {
                let line = if json {
                    serde_json::json!({"path": shown, "pdq": h.hash.to_hex(), "quality": h.quality})
                        .to_string()
                } else {
                    format!("{} {} {shown}", h.hash.to_hex(), h.quality)
                };
                let _ = writeln!(out, "{line}");
            }
            Err(e) => {
                failed += 1;
                eprintln!("vipguard: {shown}: {e}");
            }
        }
    }
    if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn enroll(list: &Path, output: &Path) -> Result<ExitCode, InputError> {
    let enrolled = load_list(list)?;
    let mut json = serde_json::to_vec_pretty(&enrolled).expect("lists serialise");
    json.push(b'\n');
    write_whole(Some(output), &json)?;
    let n: usize = enrolled.accounts.iter().map(|a| a.avatars.len()).sum();
    eprintln!(
        "vipguard: {} accounts, {n} avatars hashed, written to {}",
        enrolled.accounts.len(),
        output.display()
    );
    Ok(ExitCode::SUCCESS)
}
