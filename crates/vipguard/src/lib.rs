//! vipguard: tells whether a social-media profile impersonates a protected person or brand, with the
//! evidence a reviewer needs.
//!
//! The engine is plain Rust with no I/O: no files, no network, no command line, no JavaScript. The
//! command line (`vipguard-cli`) and the WebAssembly package (`vipguard-wasm`) are thin layers over this
//! API. Start at [`Checker`]: build it from a [`ProtectedList`], then [`Checker::check`] a [`Profile`]
//! to get a [`CheckResult`]. Avatars are hashed with [`query_hashes`] and checked with
//! [`Checker::check_with_avatar`]; a built checker is kept with [`save_snapshot`] and brought back with
//! [`restore_snapshot`].
//!
//! ```
//! use vipguard::{Checker, Profile, ProtectedList, Verdict};
//!
//! let list = ProtectedList::from_json(
//!     r#"{"accounts": [{"id": "vip-1", "name": "Aliko Dangote",
//!          "handles": [{"platform": "x", "handle": "AlikoDangote"}]}]}"#,
//!     "list.json",
//! )?;
//! let checker = Checker::new(list)?;
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

#![forbid(unsafe_code)]
// Nothing is `pub` that the API does not reach. Checked where the internals are reachable too, so that
// the benchmarks' entry points are not reported (`make test` builds with them).
#![cfg_attr(feature = "internals", deny(unreachable_pub))]
// Every item of the API is documented; the benchmarks' internals (below) are not API.
#![cfg_attr(not(feature = "internals"), deny(missing_docs))]

mod avatar;
mod candidates;
mod codec;
mod formats;
mod parallel;
mod snapshot;
mod text;
mod verdict;

pub use crate::{
    avatar::{
        decode::{decode, from_rgba as decode_rgba, PictureError},
        hash_bytes,
        matcher::{plain_and_query, query_hashes, QueryHashes, QueryInSteps},
        pdq_of, Hashed, PdqHash, Rgb,
    },
    formats::{
        accounts_to_enrol_again, csv_guard, enroll_rgb, feed_date, merge_decisions,
        needs_enrolling, open_feed, parse_json_line, plan_merge, read_decisions,
        read_feed_payload_fields, read_jsonl, read_jsonl_line, read_profiles, read_profiles_bytes,
        shared_pictures, utf8_text, Account, AccountKind, AreaShape, AvatarHash, AvatarRef,
        AvatarRegion, BadProfile, CharEvidence, CheckResult, Decision, DecisionKind, DecisionMerge,
        ErrorResult, Evidence, FeedKey, FeedPayload, FeedPayloadFields, FeedSigner, HandleRef,
        InputError, ListErrors, MergedDecisions, PictureArea, Profile, ProfileLine, ProtectedList,
        ValidList, Verdict, MAX_CLOCK_SKEW_SECONDS, MAX_DECISION_NOTE_CHARS, MAX_FEED_VERSION,
        MAX_LINE_BYTES, MAX_REPORTED_ERRORS, MAX_REVIEWER_ID_CHARS,
    },
    snapshot::{restore as restore_snapshot, save as save_snapshot},
    text::normalize::is_direction_control,
    verdict::{show_hidden_code_points, Checker, Lang},
};

/// Matching internals for the benchmarks and measurement examples (`--features internals`): not part
/// of the API, and may change in any release.
#[cfg(feature = "internals")]
#[doc(hidden)]
pub mod internals {
    pub use crate::avatar::index::AvatarIndex;
    pub use crate::avatar::matcher::{best_match, reference_hashes, RefHash, VARIANTS};
    pub use crate::avatar::views::{Reframe, Variant, View, VIEWS};
    pub use crate::snapshot::checksum as snapshot_checksum;
    pub use crate::text::bio_model::{
        feature_ids as bio_model_features, quoted as bio_model_quoted, sum as bio_model_sum,
        threshold as bio_model_threshold,
    };
    pub use crate::text::handle::HandleKeys;
    pub use crate::text::name::NameKeys;
}
