//! vipguard: tells whether a social-media profile impersonates a protected person or brand, with the
//! evidence a reviewer needs.
//!
//! The core is plain Rust with no web dependencies. Start at [`Checker`]: build it from a
//! [`ProtectedList`], then [`Checker::check`] a [`Profile`] to get a [`CheckResult`].

pub mod checker;
pub mod error;
pub mod handle;
pub mod index;
pub mod labels;
pub mod name;
pub mod normalize;
pub mod platform;
pub mod profile;
pub mod protected;
pub mod verdict;

pub use checker::Checker;
pub use error::InputError;
pub use profile::Profile;
pub use protected::ProtectedList;
pub use verdict::{CheckResult, Evidence, Verdict};
