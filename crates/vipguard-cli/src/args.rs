//! The command line's arguments (clap).

use clap::{Parser, Subcommand, ValueEnum};
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
        /// Profiles: JSONL, or CSV when the name ends in .csv or .tsv (comma, semicolon or tab separated).
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
        /// Language of the evidence sentences: en (default) or fr.
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
pub(crate) enum Format {
    /// One JSON object per line.
    Jsonl,
    /// A table a person can read.
    Table,
    /// One CSV row per profile (for a spreadsheet): line, id, platform, handle, display_name,
    /// verdict, match, match_name, score, evidence. See --bom for Excel.
    Csv,
}
