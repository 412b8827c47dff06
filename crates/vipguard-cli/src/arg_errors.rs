//! The argument parser's errors (clap's: an unknown option or command, a value missing or not
//! allowed, a required argument left out), coded like every other error so that `--lang fr` says them
//! in French (`problems.rs`). clap reads the arguments before `--lang` is known, so the language is
//! read here from the raw arguments.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use std::ffi::OsString;
use vipguard::{InputError, Lang};

/// The language the arguments ask for (`--lang fr` or `--lang=fr`, before any `--`); English when
/// none does, or when the value is not a language (that is the error then, said in English).
pub(crate) fn lang_asked(args: &[OsString]) -> Lang {
    let args: Vec<&str> = args.iter().map(|a| a.to_str().unwrap_or("")).collect();
    let end = args.iter().position(|a| *a == "--").unwrap_or(args.len());
    let mut lang = Lang::En;
    for (i, arg) in args[..end].iter().enumerate() {
        let value = match arg.strip_prefix("--lang") {
            Some("") => args[..end].get(i + 1).copied(),
            Some(v) => v.strip_prefix('='),
            None => None,
        };
        if let Some(l) = value.and_then(|v| Lang::parse(v).ok()) {
            lang = l;
        }
    }
    lang
}

/// A parser error as a coded error about `<arguments>`, its English clap's own first line; `None` for
/// a kind left to clap (help, version, a command missing: clap prints the commands then).
pub(crate) fn coded(e: &clap::Error) -> Option<InputError> {
    let text = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(ContextValue::StyledStr(s)) => s.to_string(),
        Some(ContextValue::StyledStrs(v)) => {
            let v: Vec<String> = v.iter().map(|s| s.to_string()).collect();
            v.join(", ")
        }
        _ => String::new(),
    };
    let first = |kind| match e.get(kind) {
        Some(ContextValue::Strings(v)) => v.first().cloned().unwrap_or_default(),
        _ => text(kind),
    };
    let (arg, value) = (
        text(ContextKind::InvalidArg),
        text(ContextKind::InvalidValue),
    );
    let (code, args) = match e.kind() {
        ErrorKind::UnknownArgument => (
            "unknown_argument",
            vec![arg, first(ContextKind::SuggestedArg)],
        ),
        ErrorKind::InvalidSubcommand => (
            "unknown_command",
            vec![
                text(ContextKind::InvalidSubcommand),
                first(ContextKind::SuggestedSubcommand),
            ],
        ),
        ErrorKind::InvalidValue if value.is_empty() => ("missing_value", vec![arg]),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => (
            "invalid_value",
            vec![value, arg, text(ContextKind::ValidValue)],
        ),
        ErrorKind::MissingRequiredArgument => ("missing_argument", vec![arg]),
        _ => return None,
    };
    let english = e.render().to_string();
    let english = english.lines().next().unwrap_or("");
    let english = english.strip_prefix("error: ").unwrap_or(english);
    Some(InputError::new("<arguments>", None, None, english).coded(code, args))
}
