//! What users hand in and what the engine hands back: the protected list, profiles, results, and
//! the errors that name what was wrong and where. Shapes and parsers only: no matching here.

mod csv;
mod enroll;
mod error;
mod feed;
mod profile;
mod protected;
mod result;
mod utf8;

pub use self::csv::guard as csv_guard;
pub use enroll::{accounts_to_enrol_again, enroll_rgb, needs_enrolling, shared_pictures};
pub use error::InputError;
pub use feed::{
    feed_date, merge_decisions, open_feed, plan_merge, read_decisions, read_feed_payload_fields,
    Decision, DecisionKind, DecisionMerge, FeedKey, FeedPayload, FeedPayloadFields, FeedSigner,
    MergedDecisions, MAX_CLOCK_SKEW_SECONDS, MAX_DECISION_NOTE_CHARS, MAX_FEED_VERSION,
    MAX_REVIEWER_ID_CHARS,
};
pub use profile::{
    parse_json_line, read_jsonl, read_jsonl_line, read_profiles, read_profiles_bytes, BadProfile,
    Profile, ProfileLine, MAX_LINE_BYTES,
};
#[cfg(test)]
pub(crate) use protected::tests::account as arb_account;
pub(crate) use protected::MAX_ACCOUNTS;
pub use protected::{
    Account, AccountKind, AvatarHash, AvatarRef, HandleRef, ListErrors, ProtectedList, ValidList,
    MAX_REPORTED_ERRORS,
};
pub use result::{
    AreaShape, AvatarRegion, CharEvidence, CheckResult, ErrorResult, Evidence, PictureArea, Verdict,
};
pub use utf8::utf8_text;
