//! The Unicode text engine: strings in, comparison keys and per-character traces out. It knows
//! nothing of accounts, verdicts or the reviewer's language.

pub(crate) mod bio;
pub(crate) mod edit;
pub(crate) mod handle;
pub(crate) mod labels;
pub(crate) mod limits;
pub(crate) mod name;
pub(crate) mod normalize;
pub(crate) mod platform;
pub(crate) mod skeleton;
