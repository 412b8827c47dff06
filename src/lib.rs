//! vipguard: tells whether a social-media profile impersonates a protected person or brand, with the
//! evidence a reviewer needs.
//!
//! The core is plain Rust with no web dependencies. Start at [`Checker`]: build it from a
//! [`ProtectedList`], then [`Checker::check`] a [`Profile`] to get a [`CheckResult`].
//!
//! ```
//! use vipguard::{Checker, Profile, ProtectedList, Verdict};
//!
//! let list = ProtectedList::from_json(
//!     r#"{"accounts": [{"id": "vip-1", "name": "Aliko Dangote",
//!          "handles": [{"platform": "x", "handle": "AlikoDangote"}]}]}"#,
//!     "list.json",
//! )?;
//! let checker = Checker::new(list);
//! let profile = Profile {
//!     id: "p1".into(),
//!     platform: "x".into(),
//!     handle: "AIikoDangote".into(), // capital I for l
//!     name: "Аliko Dangote".into(),  // Cyrillic А
//!     ..Default::default()
//! };
//! let result = checker.check(&profile);
//! assert_eq!(result.verdict, Verdict::Impersonation);
//! assert_eq!(result.matched.as_deref(), Some("vip-1"));
//! # Ok::<(), vipguard::InputError>(())
//! ```

pub mod avatar;
mod checker;
pub mod enroll;
mod error;
#[cfg(not(target_arch = "wasm32"))]
pub mod files;
pub mod handle;
mod index;
mod labels;
pub mod name;
pub mod normalize;
mod platform;
pub mod profile;
pub mod protected;
pub mod snapshot;
pub mod verdict;
mod wording;

pub use checker::Checker;
pub use error::InputError;
pub use profile::Profile;
pub use protected::ProtectedList;
pub use verdict::{CheckResult, Evidence, Verdict};
pub use wording::Lang;

/// The WebAssembly API for the browser extension (built only for wasm32).
#[cfg(target_arch = "wasm32")]
pub mod wasm;
