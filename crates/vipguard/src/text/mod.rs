//! The Unicode text engine: strings in, comparison keys and per-character traces out. It knows
//! nothing of accounts, verdicts or the reviewer's language.

pub(crate) mod bio;
pub(crate) mod bio_model;
pub(crate) mod edit;
pub(crate) mod handle;
pub(crate) mod labels;
pub(crate) mod limits;
pub(crate) mod name;
pub(crate) mod normalize;
pub(crate) mod platform;
pub(crate) mod skeleton;

/// The characters of `s`, in a vector given room for all of them at once: `s.chars().collect()`
/// starts from a quarter of the bytes and grows twice for a handle of 9 to 16 characters, and these
/// are collected many times a check.
pub(crate) fn chars(s: &str) -> Vec<char> {
    let mut out = Vec::with_capacity(s.len());
    out.extend(s.chars());
    out
}

/// `s.char_indices()` in a vector given room for all of them at once (`chars`).
pub(crate) fn char_indices(s: &str) -> Vec<(usize, char)> {
    let mut out = Vec::with_capacity(s.len());
    out.extend(s.char_indices());
    out
}

/// The characters of `s` that `keep` keeps, in a string given room for all of `s` at once (a string
/// collected from a filter grows from nothing, copied at each doubling).
pub(crate) fn kept(s: &str, keep: impl Fn(&char) -> bool) -> String {
    let mut out = String::with_capacity(s.len());
    out.extend(s.chars().filter(keep));
    out
}
