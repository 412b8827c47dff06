//! The command line's arguments (clap).

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use vipguard::Lang;

#[derive(Parser)]
#[command(
    name = "vipguard",
    version,
    about = "Spot accounts that impersonate protected people and brands"
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Subcommand)]
pub(crate) enum Command {
    /// Check every profile of a JSONL or CSV file; one JSON line per profile, in input order.
    Scan {
        /// Protected list (JSON, or CSV when the name ends in .csv or .tsv; comma, semicolon or tab
        /// separated, as its header line shows).
        #[arg(long)]
        protected: PathBuf,
        /// Profiles: JSONL, or CSV when the name ends in .csv or .tsv (comma, semicolon or tab separated; a
        /// results sheet written by scan --format csv is read too, its verdict columns ignored).
        profiles: PathBuf,
        /// Write here instead of standard output (written whole or not at all).
        #[arg(short, long)]
        output: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Jsonl)]
        format: Format,
        /// With --format csv: start the file with a UTF-8 byte-order mark. Excel on Windows needs it to
        /// read the file as UTF-8 (without it, Cyrillic, accents and emoji come out garbled); other
        /// programs do not.
        #[arg(long)]
        bom: bool,
        /// Language of the evidence sentences: en (default), fr, or pcm (Nigerian Pidgin: the evidence
        /// only; the command line's own words, table headers, summaries and errors, stay English).
        #[arg(long, default_value = "en", value_parser = Lang::parse)]
        lang: Lang,
    },
    /// Check one profile and explain the verdict (give --handle, --name or both).
    Check {
        /// Protected list (JSON, or CSV when the name ends in .csv or .tsv).
        #[arg(long)]
        protected: PathBuf,
        /// The profile's platform (x, instagram, tiktok, …).
        #[arg(long, default_value = "x")]
        platform: String,
        /// The profile's handle, without the web address (AlikoDangote or @AlikoDangote).
        #[arg(long, default_value = "", hide_default_value = true)]
        handle: String,
        /// The profile's display name.
        #[arg(long, default_value = "", hide_default_value = true)]
        name: String,
        /// The profile's bio.
        #[arg(long)]
        bio: Option<String>,
        /// A web address the profile shows (its web site field); repeat for several.
        #[arg(long = "link")]
        links: Vec<String>,
        /// The profile's avatar image.
        #[arg(long)]
        avatar: Option<PathBuf>,
        /// Print the same JSON object as `scan`.
        #[arg(long)]
        json: bool,
        /// Language of the evidence sentences: en (default), fr, or pcm (Nigerian Pidgin: the evidence
        /// only; the command line's own words, table headers, summaries and errors, stay English).
        #[arg(long, default_value = "en", value_parser = Lang::parse)]
        lang: Lang,
    },
    /// Replace avatar image paths in a protected list with hashes (written whole to OUT).
    Enroll {
        list: PathBuf,
        #[arg(short, long)]
        output: PathBuf,
        /// Language of the messages: en (default) or fr; pcm (Nigerian Pidgin) words evidence only, so
        /// these messages stay English with it.
        #[arg(long, default_value = "en", value_parser = Lang::parse)]
        lang: Lang,
    },
    /// Print the PDQ hash (64 hex digits, most significant first), quality and path of each image.
    Hash {
        /// One JSON object per line: {"path", "pdq", "quality"}.
        #[arg(long)]
        json: bool,
        /// Language of the messages: en (default) or fr; pcm (Nigerian Pidgin) words evidence only, so
        /// these messages stay English with it.
        #[arg(long, default_value = "en", value_parser = Lang::parse)]
        lang: Lang,
        #[arg(required = true)]
        images: Vec<PathBuf>,
    },
    /// Make a key pair for signing lists: NAME.key (secret, readable by you only) and NAME.pub (for
    /// the extension's settings and `verify`); prints the key id. Never overwrites either file.
    Keygen {
        /// NAME: the files written are NAME.key and NAME.pub.
        #[arg(long)]
        out: PathBuf,
        /// Language of the messages: en (default) or fr; pcm (Nigerian Pidgin) words evidence only, so
        /// these messages stay English with it.
        #[arg(long, default_value = "en", value_parser = Lang::parse)]
        lang: Lang,
    },
    /// Sign a protected list (JSON or CSV, checked as `scan` reads it, pictures hashed) with a name, a
    /// version and the team's decisions, for a list feed (docs/feed.md).
    Sign(SignArgs),
    /// Verify a signed list with the team's public key and print what it holds; exit status 2 and what
    /// is wrong when it does not verify.
    Verify {
        /// The public key (NAME.pub from `vipguard keygen`).
        #[arg(long)]
        key: PathBuf,
        /// Refuse a list whose version is lower than this.
        #[arg(long, value_parser = feed_version, allow_negative_numbers = true)]
        min_version: Option<u64>,
        /// The signed list.
        file: PathBuf,
        /// Language of the messages: en (default) or fr; pcm (Nigerian Pidgin) words evidence only, so
        /// these messages stay English with it.
        #[arg(long, default_value = "en", value_parser = Lang::parse)]
        lang: Lang,
    },
    /// The team's shared decisions.
    Decisions {
        #[command(subcommand)]
        command: DecisionsCommand,
    },
}

/// What `vipguard sign` is given.
#[derive(Args)]
pub(crate) struct SignArgs {
    /// The protected list: JSON, or CSV when the name ends in .csv or .tsv.
    #[arg(long)]
    pub(crate) list: PathBuf,
    /// The list's name, shown with every verdict (1 to 200 characters).
    #[arg(long)]
    pub(crate) name: String,
    /// The list's version: a whole number, higher than the feed's last one.
    #[arg(long, value_parser = feed_version, allow_negative_numbers = true)]
    pub(crate) version: u64,
    /// Shared decisions to carry: a decisions export (or a merged one, or a signed list's).
    #[arg(long)]
    pub(crate) decisions: Option<PathBuf>,
    /// The secret key (NAME.key from `vipguard keygen`).
    #[arg(long)]
    pub(crate) key: PathBuf,
    /// The signing date, RFC 3339 in UTC (2026-12-05T10:00:00Z); now when not given.
    #[arg(long)]
    pub(crate) date: Option<String>,
    /// Write here instead of standard output (written whole or not at all).
    #[arg(short, long)]
    pub(crate) output: Option<PathBuf>,
    /// Language of the messages: en (default) or fr; pcm (Nigerian Pidgin) words evidence only, so
    /// these messages stay English with it.
    #[arg(long, default_value = "en", value_parser = Lang::parse)]
    pub(crate) lang: Lang,
}

#[derive(Subcommand)]
pub(crate) enum DecisionsCommand {
    /// Merge reviewers' decisions exports (and signed lists' decisions): per account the latest
    /// decision stands; different decisions within 24 hours of it are reported.
    Merge {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Write here instead of standard output (written whole or not at all).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// The merge's date, RFC 3339 in UTC; now when not given.
        #[arg(long)]
        date: Option<String>,
        /// The team's public key (NAME.pub): a signed list among the inputs has its signature checked
        /// with it before its decisions are merged. Signed lists are refused without it.
        #[arg(long)]
        key: Option<PathBuf>,
        /// Language of the messages: en (default) or fr; pcm (Nigerian Pidgin) words evidence only, so
        /// these messages stay English with it.
        #[arg(long, default_value = "en", value_parser = Lang::parse)]
        lang: Lang,
    },
}

/// A list's version: a whole number from 1 to 2^53 - 1 (the largest JavaScript holds exactly).
fn feed_version(s: &str) -> Result<u64, String> {
    s.parse::<u64>()
        .ok()
        .filter(|v| (1..=vipguard::MAX_FEED_VERSION).contains(v))
        .ok_or_else(|| {
            format!(
                "a version is a whole number from 1 to {}",
                vipguard::MAX_FEED_VERSION
            )
        })
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
pub(crate) enum Format {
    /// One JSON object per line.
    Jsonl,
    /// A table a person can read.
    Table,
    /// One CSV row per profile (for a spreadsheet): line, id, platform, handle, display_name,
    /// verdict, match, match_name, score, evidence. See --bom for Excel.
    Csv,
}
