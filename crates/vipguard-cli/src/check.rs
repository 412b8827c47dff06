//! `vipguard check`: one profile, explained in sentences (or as `scan`'s JSON line with `--json`).

use crate::files::write_whole;
use crate::scan::{avatar_query, load_checker};
use crate::terminal::escape;
use crate::words;
use std::path::Path;
use std::process::ExitCode;
use vipguard::{InputError, Lang, ListErrors, Profile};

pub(crate) fn check(
    list: &Path,
    lang: Lang,
    profile: Profile,
    avatar: Option<&Path>,
    json: bool,
) -> Result<ExitCode, ListErrors> {
    check_arguments(&profile)?;
    let checker = load_checker(list, lang)?;
    // Coded, so that an unknown platform is said in the run's language too.
    let profile = profile.validated("<arguments>").map_err(|mut e| {
        e.field = Some("--platform".into());
        e
    })?;
    // The one avatar asked for must be read: an unreadable file is an error here (exit 2), while a scan
    // notes it in that profile's evidence and goes on.
    let hashes = avatar.map(avatar_query).transpose()?;
    let r = checker.check_with_avatar(&profile, hashes.as_ref());
    let mut out = if json {
        serde_json::to_string(&r).expect("results serialise")
    } else {
        use std::fmt::Write as _;
        // Names, handles and the sentences quoting them come from the input: escaped for the terminal.
        let shown = |s: &str| escape(s).into_owned();
        let mut out = words::headline(lang, r.verdict, r.score);
        if let Some(a) = r.matched.as_deref().and_then(|id| checker.account(id)) {
            let handles: Vec<String> = a
                .handles
                .iter()
                .map(|h| shown(&words::on_platform(lang, &h.handle, &h.platform)))
                .collect();
            let _ = write!(
                out,
                " — {} {} ({}){}",
                words::relation(lang, r.verdict),
                shown(&a.name),
                shown(&a.id),
                if handles.is_empty() {
                    String::new()
                } else {
                    format!("{}{}", words::colon(lang), handles.join(", "))
                }
            );
        }
        for e in &r.evidence {
            let _ = write!(out, "\n  • {}", shown(&e.detail));
            for c in e.chars.iter().flatten() {
                let what = words::char_action(lang, &c.action, c.looks_like.as_deref());
                let _ = write!(
                    out,
                    "\n      {:<8} {:<48} {}",
                    c.codepoint,
                    shown(&c.name),
                    shown(&what)
                );
            }
        }
        out
    };
    out.push('\n');
    write_whole(None, out.as_bytes())?;
    // The process ends next, and the operating system takes its memory back at once: freeing a large
    // list's checker allocation by allocation would only delay the exit.
    std::mem::forget(checker);
    Ok(ExitCode::SUCCESS)
}

/// A profile to check needs a handle or a name; a handle is the handle alone, not its web address.
fn check_arguments(profile: &Profile) -> Result<(), InputError> {
    let arg_error = |field: &str, m: String| InputError::new("<arguments>", None, Some(field), m);
    if profile.handle.trim().is_empty() && profile.name.trim().is_empty() {
        let err = arg_error(
            "--handle",
            "give the profile's --handle, its --name, or both: there is nothing to check".into(),
        );
        return Err(err.coded("nothing_to_check", Vec::new()));
    }
    let h = profile.handle.trim();
    if h.contains('/') {
        let found = handle_in_address(h);
        let hint = match &found {
            Some((platform, handle)) => format!(" (here: --platform {platform} --handle {handle})"),
            None => String::new(),
        };
        let err = arg_error(
            "--handle",
            format!("{h:?} is a web address: pass the handle alone{hint}"),
        );
        let mut args = vec![h.to_string()];
        if let Some((platform, handle)) = found {
            args.extend([platform.to_string(), handle.to_string()]);
        }
        return Err(err.coded("handle_is_address", args));
    }
    Ok(())
}

/// The platform and handle a profile's web address names, for the sites whose profile addresses are
/// `site/handle` (or `site/@handle`): `https://x.com/AdaezeOkonkwo_` is x's `AdaezeOkonkwo_`. None
/// for other sites and for addresses that are not a profile's (a post, a search).
pub(crate) fn handle_in_address(address: &str) -> Option<(&'static str, String)> {
    let rest = address
        .trim()
        .trim_start_matches("https://")
        .trim_start_matches("http://");
    let (host, path) = rest.split_once('/')?;
    let host = host.to_ascii_lowercase();
    let host = ["www.", "m.", "mobile."]
        .iter()
        .fold(host.as_str(), |h, p| h.strip_prefix(p).unwrap_or(h));
    let platform = match host {
        "x.com" | "twitter.com" => "x",
        "instagram.com" => "instagram",
        "tiktok.com" => "tiktok",
        "github.com" => "github",
        "youtube.com" => "youtube",
        _ => return None,
    };
    let mut segments = path
        .split(['?', '#'])
        .next()?
        .split('/')
        .filter(|s| !s.is_empty());
    let first = segments.next()?;
    // A profile's address has one segment; a post's has more (x.com/handle/status/1).
    if segments.next().is_some() {
        return None;
    }
    let handle = match platform {
        // TikTok and YouTube profile addresses carry the @; their other pages do not.
        "tiktok" | "youtube" => first.strip_prefix('@')?,
        _ => first.strip_prefix('@').unwrap_or(first),
    };
    const NOT_PROFILES: [&str; 9] = [
        "home",
        "search",
        "explore",
        "i",
        "intent",
        "settings",
        "notifications",
        "messages",
        "login",
    ];
    if handle.is_empty() || NOT_PROFILES.contains(&handle.to_ascii_lowercase().as_str()) {
        return None;
    }
    Some((platform, handle.to_string()))
}

#[cfg(test)]
mod tests {
    use super::handle_in_address;

    #[test]
    fn handles_read_from_profile_addresses() {
        for (address, want) in [
            (
                "https://x.com/AdaezeOkonkwo_",
                Some(("x", "AdaezeOkonkwo_")),
            ),
            ("x.com/AdaezeOkonkwo_/", Some(("x", "AdaezeOkonkwo_"))),
            ("https://twitter.com/a_b?lang=fr", Some(("x", "a_b"))),
            (
                "https://www.instagram.com/aliko/",
                Some(("instagram", "aliko")),
            ),
            ("https://www.tiktok.com/@kemi", Some(("tiktok", "kemi"))),
            (
                "https://www.youtube.com/@Tundemi",
                Some(("youtube", "Tundemi")),
            ),
            ("https://github.com/octocat", Some(("github", "octocat"))),
            ("https://x.com/AdaezeOkonkwo_/status/123", None),
            ("https://x.com/home", None),
            ("https://www.youtube.com/watch?v=1", None),
            ("https://example.com/ada", None),
        ] {
            let got = handle_in_address(address);
            assert_eq!(
                got.as_ref().map(|(p, h)| (*p, h.as_str())),
                want,
                "{address}"
            );
        }
    }
}
