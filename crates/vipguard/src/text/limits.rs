//! How much of each field is read: longer input is cut (and the evidence says so), so a hostile
//! profile cannot make a check slow. One place, because the formats validate against these limits
//! and the text engine and the evidence apply them.

/// Longest display name or protected name read, in characters.
pub(crate) const MAX_NAME_CHARS: usize = 200;
/// Longest handle read, in characters.
pub(crate) const MAX_HANDLE_CHARS: usize = 100;
/// Longest bio read for labels, in characters.
pub(crate) const MAX_BIO_CHARS: usize = 2000;
