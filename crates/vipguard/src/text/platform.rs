//! Platform names and each platform's handle rules.

use std::borrow::Cow;

/// What is wrong with a platform name or a handle: a code and its parameters, so that an interface can
/// word it in its own language, and the message in English (the command line's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    /// A short name for the kind of problem (`handle_blank`, `platform_unknown` …).
    pub(crate) code: &'static str,
    /// The values the words name (the handle, the platform …).
    pub(crate) args: Vec<String>,
    /// The problem in English.
    pub(crate) message: String,
}

impl Problem {
    pub(crate) fn new(code: &'static str, args: &[&str], message: String) -> Self {
        Problem {
            code,
            args: args.iter().map(|a| a.to_string()).collect(),
            message,
        }
    }
}

impl From<Problem> for String {
    fn from(p: Problem) -> String {
        p.message
    }
}

/// Canonical lowercase platform name: `Twitter` and `twitter` become `x`; anything else must be a
/// lowercase-able name of letters, digits, `.`, `-` or `_`. Borrowed when `p` is already canonical, so
/// checking a list of thousands of accounts does not copy every platform name.
pub(crate) fn canonical_platform(p: &str) -> Result<Cow<'_, str>, Problem> {
    let trimmed = p.trim();
    let lower = if trimmed.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(trimmed.to_ascii_lowercase())
    } else {
        Cow::Borrowed(trimmed)
    };
    if lower.is_empty() {
        return Err(Problem::new(
            "platform_empty",
            &[],
            "platform is empty".into(),
        ));
    }
    if lower.len() > 40
        || !lower
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
    {
        return Err(Problem::new(
            "platform_unknown",
            &[p],
            format!("platform {p:?} is not a platform name (use lowercase names such as x, instagram, mastodon)"),
        ));
    }
    Ok(match lower.as_ref() {
        "twitter" | "twitter.com" | "x.com" => "x".into(),
        "ig" => "instagram".into(),
        "bsky" => "bluesky".into(),
        _ => lower,
    })
}

/// `p` made canonical (`canonical_platform`) in place, copied only when that changes it: most input is
/// already canonical.
pub(crate) fn canonicalize_platform(p: &mut String) -> Result<(), Problem> {
    let canonical = canonical_platform(p)?;
    if canonical != p.as_str() {
        let owned = canonical.into_owned();
        *p = owned;
    }
    Ok(())
}

/// `s` cut down to the part of it `keep` returns (`str::trim`, `clean_handle`), copied only when that is
/// shorter: most input is already clean.
pub(crate) fn cut_in_place(s: &mut String, keep: impl Fn(&str) -> &str) {
    let kept = keep(s);
    if kept.len() != s.len() {
        let owned = kept.to_string();
        *s = owned;
    }
}

/// A handle as the platform stores it: without the `@` before it (however many were typed) and
/// surrounding blanks. Cleaning it again changes nothing: a snapshot's restore cleans the handles it
/// reads, and one `@` less each time made the restored checker name another handle (found by the fuzzer).
pub(crate) fn clean_handle(h: &str) -> &str {
    h.trim().trim_start_matches('@')
}

/// The part of a handle people read as the name: `user` of Mastodon's `user@domain`, the first label of
/// a Bluesky `name.bsky.social`, the handle itself elsewhere.
pub(crate) fn handle_local<'a>(platform: &str, h: &'a str) -> &'a str {
    let h = clean_handle(h);
    match platform {
        "mastodon" => h.split('@').next().unwrap_or(h),
        "bluesky" => h.split('.').next().unwrap_or(h),
        _ => h,
    }
}

/// Validate a handle's shape for any platform: no blanks, not empty, not absurdly long.
pub(crate) fn check_handle(h: &str) -> Result<(), Problem> {
    let h = clean_handle(h);
    if h.is_empty() {
        return Err(Problem::new("handle_empty", &[], "handle is empty".into()));
    }
    if h.chars().count() > 100 {
        return Err(Problem::new(
            "handle_too_long",
            &["100"],
            "handle is longer than 100 characters".into(),
        ));
    }
    if h.chars().any(char::is_whitespace) {
        return Err(Problem::new(
            "handle_blank",
            &[h],
            format!("handle {h:?} contains a blank"),
        ));
    }
    // No platform's handles hold a slash; a web address does (https://x.com/AlikoDangote, which a CSV
    // cell also splits at its first colon).
    if h.contains('/') {
        return Err(Problem::new(
            "handle_address",
            &[h],
            format!(
                "handle {h:?} is a web address or holds a '/': write the handle itself (x:AlikoDangote)"
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn platforms() {
        assert_eq!(canonical_platform("Twitter").unwrap(), "x");
        assert_eq!(canonical_platform("mastodon").unwrap(), "mastodon");
        assert!(canonical_platform("").is_err());
        assert!(canonical_platform("my site").is_err());
    }

    #[test]
    fn handles() {
        assert_eq!(handle_local("mastodon", "@ada@mastodon.social"), "ada");
        assert_eq!(handle_local("bluesky", "ada.bsky.social"), "ada");
        assert!(check_handle("a b").is_err());
        assert!(check_handle("@").is_err());
        for h in ["@@@ada", " @ada ", "@@ada@mastodon.social", "ada"] {
            assert_eq!(clean_handle(clean_handle(h)), clean_handle(h), "{h:?}");
        }
        assert_eq!(clean_handle("@@@ada"), "ada");
    }
}
