//! Signed list feeds and shared decisions (docs/feed.md, the format agreed with the extension): a
//! protected list with a name, a version, a date and the team's decisions, signed with Ed25519; the
//! key files; a reviewer's decisions export, and merging exports. Text in, text out: reading and
//! writing the files is the command line's.
//!
//! Every error is coded (`InputError::code`, `listErr_<code>` in the extension's catalogues, which the
//! command line words them from): `feed_secret_not_public`, `feed_not_public_key`, `feed_not_curve_point`,
//! `feed_weak_key`, `feed_text_length` (most, count), `feed_decision_after_signing`,
//! `feed_decision_after_export`, `feed_decision_after_merge` (each: the decision's date, the limit's),
//! `feed_decision_author` (the decision's author, the export's),
//! `feed_public_not_secret`, `feed_not_secret_key`, `feed_secret_not_base64`, `feed_secret_length`,
//! `feed_not_json`, `feed_not_object`, `feed_plain_list`, `feed_decisions_export`, `feed_not_signed`,
//! `feed_format_version`, `feed_signature_damaged`, `feed_signature_changed` (key id),
//! `feed_wrong_key` (the file's key id, the given one), `feed_name_length` (most, count),
//! `feed_version_range` (most, value), `feed_date` (value), `feed_avatar_path`, `feed_reviewer_empty`,
//! `feed_match_empty`, `feed_decision` (value), `feed_signed_needs_key`, `feed_not_decisions`, `feed_decisions_version`; and
//! the JSON, list, platform and handle codes of the list errors where those are what is wrong.
//!
//! A signed file is opened in one order only: the signature is verified over the payload's bytes with
//! the caller's key (never one named by the file), and only then is the payload read.

use crate::formats::error::{from_json, line_of, InputError};
use crate::formats::protected::{ListErrors, ProtectedList, MAX_REPORTED_ERRORS};
use crate::text::platform::{
    canonicalize_platform, check_handle, clean_handle, cut_in_place, Problem,
};
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use sha2::{Digest, Sha256};

/// Highest version a feed may have: the largest integer JavaScript holds exactly (2^53 - 1).
pub const MAX_FEED_VERSION: u64 = (1 << 53) - 1;

/// The `by` of an export `decisions merge` wrote, whose decisions keep their own authors.
const MERGED: &str = "merged";

/// The first word of a secret key file.
const SECRET_PREFIX: &str = "vipguard-secret-key-1 ";

/// Longest a list's name may be, in characters.
const MAX_FEED_NAME_CHARS: usize = 200;

/// Longest a decision's author (`by`, a reviewer id), and an export's `by`, may be, in characters: the
/// same in the command line and the extension, which reads payloads with this module (the WASM package's
/// `readFeedPayload`) and cuts a policy's reviewer id to it (shared/policy.js).
pub const MAX_REVIEWER_ID_CHARS: usize = 320;

/// Longest a decision's note may be, in characters (the extension's decision messages allow as much).
pub const MAX_DECISION_NOTE_CHARS: usize = 1000;

/// How far a decision's `at` may be later than the date it is checked against (the list's signing date,
/// the export's, or the merge's): clocks disagree a little, never by a day. A decision dated in the future
/// would outrank every reviewer's until that date (issue 26's red team: `at` 2099 beat a later
/// "confirmed" with no conflict reported).
pub const MAX_CLOCK_SKEW_SECONDS: i64 = 3600;

/// A team's public key: what verifies its signed lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeedKey(VerifyingKey);

impl FeedKey {
    /// A public key file's text (`NAME.pub`): standard padded base64 of the 32-byte key, one line.
    /// `source` names the file in the error.
    pub fn parse(text: &str, source: &str) -> Result<Self, InputError> {
        let text = text.trim();
        let refused = |code, message: &str| coded(source, None, code, &[], message);
        if text.starts_with(SECRET_PREFIX.trim_end()) {
            return Err(refused(
                "feed_secret_not_public",
                "this is a secret key: verify with the public key (the NAME.pub beside it)",
            ));
        }
        let bytes: [u8; 32] = BASE64
            .decode(text)
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or_else(|| {
                refused(
                    "feed_not_public_key",
                    "is not a vipguard public key (one line of 44 characters: standard base64 of 32 bytes)",
                )
            })?;
        let key = VerifyingKey::from_bytes(&bytes).map_err(|_| {
            refused(
                "feed_not_curve_point",
                "is not an Ed25519 public key (32 bytes that are no point of the curve)",
            )
        })?;
        // A point of small order (the all-zero key among them, what a placeholder looks like): a
        // signature verifies under it without any secret. `verify_strict` refuses it when verifying;
        // refused here already, so that the mistake is named where it is made (the extension refuses
        // the same eight points: shared/signed-list.js, `publicKeyBytes`).
        if key.is_weak() {
            return Err(refused(
                "feed_weak_key",
                "is a weak Ed25519 public key (a point of small order, which anyone can sign for without a secret key): make the team's key with vipguard keygen",
            ));
        }
        Ok(FeedKey(key))
    }

    /// The key as its file holds it (without the line's end).
    pub fn to_text(&self) -> String {
        BASE64.encode(self.0.as_bytes())
    }

    /// The key id people compare: the first 8 bytes of the SHA-256 of the key, in lowercase hex.
    pub fn id(&self) -> String {
        Sha256::digest(self.0.as_bytes())[..8]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

/// A team's secret key: what signs its lists. Its bytes are wiped when it is dropped.
pub struct FeedSigner(SigningKey);

impl FeedSigner {
    /// The key made from 32 random bytes (the caller asks its system for them: the engine does no I/O).
    pub fn from_seed(seed: &[u8; 32]) -> Self {
        FeedSigner(SigningKey::from_bytes(seed))
    }

    /// A secret key file's text: `vipguard-secret-key-1 <standard base64 of the 32-byte seed>`. The
    /// error never quotes the text; `source` names the file.
    pub fn parse(text: &str, source: &str) -> Result<Self, InputError> {
        let text = text.trim();
        let refused = |code, message: &str| coded(source, None, code, &[], message);
        let Some(encoded) = text.strip_prefix(SECRET_PREFIX) else {
            if FeedKey::parse(text, source).is_ok() {
                return Err(refused(
                    "feed_public_not_secret",
                    "this is a public key: sign with the secret key (the NAME.key beside it)",
                ));
            }
            return Err(refused(
                "feed_not_secret_key",
                "is not a vipguard secret key (one line: vipguard-secret-key-1 <base64 of 32 bytes>)",
            ));
        };
        let seed: zeroize::Zeroizing<Vec<u8>> = BASE64
            .decode(encoded.trim())
            .map_err(|_| {
                refused(
                    "feed_secret_not_base64",
                    "the secret key is not standard base64",
                )
            })?
            .into();
        let seed: &[u8; 32] = seed
            .as_slice()
            .try_into()
            .map_err(|_| refused("feed_secret_length", "the secret key is not 32 bytes"))?;
        Ok(Self::from_seed(seed))
    }

    /// The key as its file holds it (without the line's end).
    pub fn to_text(&self) -> String {
        format!("{SECRET_PREFIX}{}", BASE64.encode(self.0.as_bytes()))
    }

    /// The public key that verifies this key's signatures.
    pub fn public(&self) -> FeedKey {
        FeedKey(self.0.verifying_key())
    }

    /// The signed file (JSON text, ending with a line end) of `payload`. The payload is first read
    /// back as a verifier reads it, so that nothing is signed that a verifier would refuse: its
    /// problems are the error, with `source` naming it.
    pub fn sign(&self, payload: &FeedPayload, source: &str) -> Result<String, ListErrors> {
        let text = serde_json::to_string(&PayloadOut {
            name: &payload.name,
            version: payload.version,
            date: &payload.date,
            list: &payload.list,
            decisions: payload.decisions.as_deref(),
        })
        .expect("payloads serialise");
        read_payload(&text, source)?;
        let signature = self.0.sign(text.as_bytes());
        let envelope = Envelope {
            vipguard_signed: 1,
            key_id: self.public().id(),
            signature: BASE64.encode(signature.to_bytes()),
            payload: text,
        };
        let mut out = serde_json::to_string_pretty(&envelope).expect("envelopes serialise");
        out.push('\n');
        Ok(out)
    }
}

/// What a signed list carries.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedPayload {
    /// The list's name, 1 to 200 characters.
    pub name: String,
    /// Its version, 1 to `MAX_FEED_VERSION`: a feed never goes back to a lower one.
    pub version: u64,
    /// When it was signed: RFC 3339 in UTC (`2026-12-05T10:00:00Z`).
    pub date: String,
    /// The protected list, its avatars as hashes.
    pub list: ProtectedList,
    /// The team's shared decisions, when the file has them.
    pub decisions: Option<Vec<Decision>>,
}

/// A reviewer's decision about one account, shared in a signed list or an export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// Platform name (canonical once read: `twitter` is `x`).
    pub platform: String,
    /// The handle (without `@` once read).
    pub handle: String,
    /// What was decided.
    pub decision: DecisionKind,
    /// Who decided: a reviewer id.
    pub by: String,
    /// When: RFC 3339 in UTC.
    pub at: String,
    /// The reviewer's note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The protected account's id it was about, or none.
    #[serde(rename = "match", default)]
    pub matched: Option<String>,
}

/// A decision's outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecisionKind {
    /// The account is not an impersonator (cleared).
    NotImpersonator,
    /// The account is a confirmed impersonator.
    Confirmed,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Envelope {
    vipguard_signed: u8,
    key_id: String,
    payload: String,
    signature: String,
}

#[derive(Serialize)]
struct PayloadOut<'a> {
    name: &'a str,
    version: u64,
    date: &'a str,
    list: &'a ProtectedList,
    #[serde(skip_serializing_if = "Option::is_none")]
    decisions: Option<&'a [Decision]>,
}

/// An error about `source` (at `field`) with its code and the values its words name; `message` is
/// its English, for a program that does not word codes.
fn coded(
    source: &str,
    field: Option<&str>,
    code: &'static str,
    args: &[&str],
    message: impl Into<String>,
) -> InputError {
    InputError::new(source, None, field, message)
        .coded(code, args.iter().map(|a| a.to_string()).collect())
}

/// `coded` as the one problem of a file.
fn one(
    source: &str,
    field: Option<&str>,
    code: &'static str,
    args: &[&str],
    message: impl Into<String>,
) -> ListErrors {
    coded(source, field, code, args, message).into()
}

/// A serde error at `path` (serde_path_to_error's; "." for the top) as a coded error without a line
/// (the whole text is one line of a signed file's payload, or the envelope), its field `field` or
/// `prefix.path`.
fn json_error(source: &str, prefix: Option<&str>, path: &str, e: &serde_json::Error) -> InputError {
    let field = match (prefix, path) {
        (Some(prefix), ".") => Some(prefix.to_string()),
        (Some(prefix), path) => Some(format!("{prefix}.{path}")),
        (None, ".") => None,
        (None, path) => Some(path.to_string()),
    };
    let mut error = from_json(source, 1, field, e);
    error.line = None;
    error
}

/// The envelope's member names.
const ENVELOPE_FIELDS: [&str; 4] = ["vipguard_signed", "key_id", "payload", "signature"];

/// A signed file's top object as read: the envelope's members, up to the first member that is not
/// one of them or is given twice, where reading stops (`stopped`), as the extension's `flatMembers`
/// does: the rest of the body is not read at all, so a body of millions of members costs one key
/// (before issue 26's last round, every other member's value was skipped to the end: 0.30 s for a
/// 64 MB body of 5 million members, 0.09 s since: docs/feed.md).
/// Of the member that stopped it: its name (`unknown`, cut to 40 characters, or `twice`), and whether
/// it is a plain list's `accounts` or an export's `vipguard_decisions`.
#[derive(Default)]
struct TopObject {
    members: serde_json::Map<String, serde_json::Value>,
    unknown: Option<String>,
    twice: Option<&'static str>,
    plain_list: bool,
    decisions_export: bool,
    stopped: bool,
}

/// Reads the top object into a `TopObject`; a member that stops it ends the read with an error that
/// `stopped` tells apart from the text's own.
struct TopReader<'a>(&'a mut TopObject);

impl<'de> serde::de::DeserializeSeed<'de> for TopReader<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> serde::de::Visitor<'de> for TopReader<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON object")
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let top = self.0;
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match ENVELOPE_FIELDS.iter().find(|f| **f == key) {
                Some(field) if !top.members.contains_key(*field) => {
                    top.members.insert(field.to_string(), map.next_value()?);
                    continue;
                }
                Some(field) => top.twice = Some(field),
                None => {
                    top.plain_list = key == "accounts";
                    top.decisions_export = key == "vipguard_decisions";
                    top.unknown = Some(key.chars().take(40).collect());
                }
            }
            top.stopped = true;
            return Err(<A::Error as serde::de::Error>::custom("stopped"));
        }
        Ok(())
    }
}

/// The envelope of a signed file, or what the text is instead.
fn read_envelope(text: &str, source: &str) -> Result<Envelope, ListErrors> {
    let not_signed = |code, what: &str| {
        one(
            source,
            None,
            code,
            &[],
            format!("not a signed vipguard list: {what}"),
        )
    };
    let text = text.trim_start_matches('\u{feff}');
    // A JSON object, read as TopObject up to a member that stops it; anything else (an array, a string)
    // is told apart from text that is not JSON by reading it again, skipped, not built.
    let mut top = TopObject::default();
    let mut de = serde_json::Deserializer::from_str(text);
    let read = serde::de::DeserializeSeed::deserialize(TopReader(&mut top), &mut de)
        .and_then(|()| de.end());
    match read {
        Ok(()) => {}
        Err(_) if top.stopped => {}
        Err(e) => {
            if serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok() {
                return Err(not_signed("feed_not_object", "a JSON object was expected"));
            }
            // Its line stays; serde's detail is in the English alone (the file is no list at all).
            let mut e = from_json(source, 1, None, &e);
            e.message = format!(
                "not a signed vipguard list: not JSON, or not all of it (cut short?): {}",
                e.message
            );
            return Err(ListErrors::from(e.coded("feed_not_json", Vec::new())));
        }
    }
    let object = &top.members;
    // Stopped before a `vipguard_signed` (which may follow): a plain list or an export when that is
    // what stopped it, else the member that did (below).
    if !object.contains_key("vipguard_signed")
        && !(top.stopped && !top.plain_list && !top.decisions_export)
    {
        return Err(if top.plain_list {
            not_signed(
                "feed_plain_list",
                "this is a plain protected list (sign it with `vipguard sign`)",
            )
        } else if top.decisions_export {
            not_signed("feed_decisions_export", "this is a decisions export")
        } else {
            not_signed("feed_not_signed", "it has no \"vipguard_signed\" field")
        });
    }
    if object.get("vipguard_signed").is_some_and(|v| v != 1) {
        return Err(one(
            source,
            Some("vipguard_signed"),
            "feed_format_version",
            &[],
            "this signed-list format version is not 1, the one this vipguard reads",
        ));
    }
    // A member given twice, or one the envelope does not have: serde's own errors, as a derived
    // reader of the whole text would give them.
    // Named as the derived reader's path names them (the member's name).
    let misread = if let Some(field) = top.twice {
        Some((
            field.to_string(),
            <serde_json::Error as serde::de::Error>::duplicate_field(field),
        ))
    } else {
        top.unknown.as_deref().map(|unknown| {
            (
                unknown.to_string(),
                <serde_json::Error as serde::de::Error>::unknown_field(unknown, &ENVELOPE_FIELDS),
            )
        })
    };
    if let Some((path, e)) = misread {
        return Err(ListErrors::from(json_error(source, None, &path, &e)));
    }
    let envelope: Envelope =
        serde_path_to_error::deserialize(serde_json::Value::Object(top.members)).map_err(|e| {
            ListErrors::from(json_error(source, None, &e.path().to_string(), e.inner()))
        })?;
    Ok(envelope)
}

/// The payload of the signed file `text` if its signature verifies with `key`, and the payload is
/// whole and valid. The errors name what is wrong: not a signed file, a signature made with another
/// key (both key ids), a file changed after signing, a payload field, the list's own problems.
pub fn open_feed(text: &str, key: &FeedKey, source: &str) -> Result<FeedPayload, ListErrors> {
    let envelope = read_envelope(text, source)?;
    let signature: [u8; 64] = BASE64
        .decode(&envelope.signature)
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or_else(|| {
            one(
                source,
                Some("signature"),
                "feed_signature_damaged",
                &[],
                "is not a signature (standard base64 of 64 bytes): the file was damaged",
            )
        })?;
    if key
        .0
        .verify_strict(
            envelope.payload.as_bytes(),
            &Signature::from_bytes(&signature),
        )
        .is_err()
    {
        let given = key.id();
        let claimed: String = envelope.key_id.chars().take(40).collect();
        return Err(if claimed == given {
            one(
                source,
                Some("signature"),
                "feed_signature_changed",
                &[&given],
                format!("bad signature: it does not verify with key {given}: the payload or the signature was changed after signing"),
            )
        } else {
            one(
                source,
                Some("signature"),
                "feed_wrong_key",
                &[&claimed, &given],
                format!("bad signature: the file says it was signed by key {claimed}, and the given key is {given} (wrong key?)"),
            )
        });
    }
    read_payload(&envelope.payload, source)
}

/// A payload's fields as the text holds them, its list and decisions still JSON.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPayload<'a> {
    name: String,
    version: serde_json::Number,
    date: String,
    #[serde(borrow)]
    list: &'a RawValue,
    #[serde(default, borrow)]
    decisions: Option<Vec<&'a RawValue>>,
}

fn read_raw_payload<'a>(text: &'a str, source: &str) -> Result<RawPayload<'a>, ListErrors> {
    let mut de = serde_json::Deserializer::from_str(text);
    let raw: RawPayload = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        ListErrors::from(json_error(
            source,
            Some("payload"),
            &e.path().to_string(),
            e.inner(),
        ))
    })?;
    de.end()
        .map_err(|e| ListErrors::from(json_error(source, Some("payload"), ".", &e)))?;
    Ok(raw)
}

/// The name, version, date and decisions of a payload checked, their problems added to `problems`:
/// the version when it is one, and the decisions when the payload has them.
fn check_payload_fields(
    raw: &RawPayload,
    source: &str,
    problems: &mut Vec<InputError>,
) -> (Option<u64>, Option<Vec<Decision>>) {
    let chars = raw.name.chars().count();
    if !(1..=MAX_FEED_NAME_CHARS).contains(&chars) {
        problems.push(coded(
            source,
            Some("payload.name"),
            "feed_name_length",
            &[&MAX_FEED_NAME_CHARS.to_string(), &chars.to_string()],
            format!("the name must be 1 to {MAX_FEED_NAME_CHARS} characters, not {chars}"),
        ));
    }
    let version = raw
        .version
        .as_u64()
        .filter(|v| (1..=MAX_FEED_VERSION).contains(v));
    if version.is_none() {
        problems.push(coded(
            source,
            Some("payload.version"),
            "feed_version_range",
            &[&MAX_FEED_VERSION.to_string(), &raw.version.to_string()],
            format!(
                "the version must be a whole number from 1 to {MAX_FEED_VERSION}, not {}",
                raw.version
            ),
        ));
    }
    check_date(&raw.date, source, "payload.date", problems);
    let decisions = raw.decisions.as_ref().map(|items| {
        let decisions = read_decision_items(items, source, "payload.decisions", None, problems);
        // None is made after the list was signed.
        if let Some(signed) = parse_date(&raw.date) {
            not_later(
                &decisions,
                signed,
                &raw.date,
                "feed_decision_after_signing",
                "when the list was signed",
                source,
                "payload.decisions",
                problems,
            );
        }
        decisions
    });
    (version, decisions)
}

/// A problem for each of `decisions` dated later than `limit` (`limit_text`, what it is: `what`) by
/// more than MAX_CLOCK_SKEW_SECONDS, coded `code` with the decision's date and the limit's.
#[allow(clippy::too_many_arguments)]
fn not_later(
    decisions: &[Decision],
    limit: i128,
    limit_text: &str,
    code: &'static str,
    what: &str,
    source: &str,
    field: &str,
    problems: &mut Vec<InputError>,
) {
    let skew = i128::from(MAX_CLOCK_SKEW_SECONDS) * 1_000_000_000;
    for (i, d) in decisions.iter().enumerate() {
        if parse_date(&d.at).is_some_and(|at| at > limit + skew) {
            problems.push(coded(
                source,
                Some(&format!("{field}[{i}].at")),
                code,
                &[&d.at, limit_text],
                format!("{} is later than {what} ({limit_text}): a decision dated in the future would outrank every other until then", d.at),
            ));
        }
    }
}

/// A payload's text read and checked: field names and values, the list, the decisions.
fn read_payload(text: &str, source: &str) -> Result<FeedPayload, ListErrors> {
    let raw = read_raw_payload(text, source)?;
    let mut problems = Vec::new();
    let (version, decisions) = check_payload_fields(&raw, source, &mut problems);
    let list = match ProtectedList::from_json_all(raw.list.get(), source) {
        Ok(list) => Some(list),
        Err(errors) => {
            problems.extend(errors.errors.into_iter().map(|mut e| {
                e.line = None;
                e.field = Some(match e.field {
                    Some(f) => format!("payload.list.{f}"),
                    None => "payload.list".into(),
                });
                e
            }));
            None
        }
    };
    if let Some(list) = &list {
        for (i, account) in list.accounts.iter().enumerate() {
            for (j, avatar) in account.avatars.iter().enumerate() {
                if matches!(avatar, crate::formats::protected::AvatarRef::Path(_)) {
                    problems.push(coded(
                        source,
                        Some(&format!("payload.list.accounts[{i}].avatars[{j}]")),
                        "feed_avatar_path",
                        &[],
                        "a picture's path, not its hash: a signed list holds hashes (`vipguard sign` makes them)",
                    ));
                }
            }
        }
    }
    all_or_none(problems)?;
    Ok(FeedPayload {
        name: raw.name,
        version: version.expect("checked"),
        date: raw.date,
        list: list.expect("checked"),
        decisions,
    })
}

/// A payload as the extension reads it once its signature is checked: every field but the list checked
/// exactly as `open_feed` checks it, the list left as its JSON text, which the extension checks as it
/// checks an imported list (the WASM package's `checkList`: the same reader, which also refuses a
/// picture's path). `text` is the payload's text, `source` names it in errors.
pub fn read_feed_payload_fields(text: &str, source: &str) -> Result<FeedPayloadFields, ListErrors> {
    let raw = read_raw_payload(text, source)?;
    let mut problems = Vec::new();
    let (version, decisions) = check_payload_fields(&raw, source, &mut problems);
    all_or_none(problems)?;
    Ok(FeedPayloadFields {
        name: raw.name,
        version: version.expect("checked"),
        date: raw.date,
        decisions: decisions.unwrap_or_default(),
        list: raw.list.get().to_string(),
    })
}

/// A payload's fields, its list as JSON text (`read_feed_payload_fields`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FeedPayloadFields {
    /// The list's name.
    pub name: String,
    /// Its version.
    pub version: u64,
    /// When it was signed.
    pub date: String,
    /// The team's decisions (none when the payload has none), platforms canonical, handles without `@`.
    pub decisions: Vec<Decision>,
    /// The protected list's JSON text, as signed.
    pub list: String,
}

/// Each decision of `items` read and checked (`field` names the array); the problems are added to
/// `problems`. `text`: the file the items were read from, for their line numbers.
fn read_decision_items(
    items: &[&RawValue],
    source: &str,
    field: &str,
    text: Option<&str>,
    problems: &mut Vec<InputError>,
) -> Vec<Decision> {
    let mut out = Vec::with_capacity(items.len());
    // Line numbers counted on from the item before (items come in file order): counted from the start
    // for each, 100,000 decisions took over 300 s to read (docs/feed.md, "A large export").
    let (mut counted_to, mut counted_line) = (0usize, 1usize);
    for (i, raw) in items.iter().enumerate() {
        let line = text.map(|text| {
            let offset = raw.get().as_ptr() as usize - text.as_ptr() as usize;
            counted_line += line_of(&text[counted_to..offset], offset - counted_to) - 1;
            counted_to = offset;
            counted_line
        });
        let at = format!("{field}[{i}]");
        let mut de = serde_json::Deserializer::from_str(raw.get());
        match serde_path_to_error::deserialize::<_, Decision>(&mut de) {
            Ok(mut d) => match checked(&mut d) {
                Ok(()) => out.push(d),
                Err((name, p)) => problems.push(InputError::from_problem(
                    source,
                    line,
                    Some(&format!("{at}.{name}")),
                    p,
                )),
            },
            Err(e) => {
                let path = e.path().to_string();
                let path = if path == "." {
                    at
                } else {
                    format!("{at}.{path}")
                };
                let mut error = from_json(source, line.unwrap_or(1), Some(path), e.inner());
                error.line = line;
                // serde's "unknown variant `maybe`, expected …" for the decision's outcome.
                let variant = error
                    .message
                    .strip_prefix("unknown variant `")
                    .map(|rest| rest.split('`').next().unwrap_or_default().to_string());
                if let Some(value) = variant.filter(|_| error.code.is_none()) {
                    error = error.coded("feed_decision", vec![value]);
                }
                problems.push(error);
            }
        }
    }
    out
}

/// A decision's values checked and made canonical (platform name, handle without `@`): the field and
/// what is wrong with it.
fn checked(d: &mut Decision) -> Result<(), (&'static str, Problem)> {
    canonicalize_platform(&mut d.platform).map_err(|p| ("platform", p))?;
    check_handle(&d.handle).map_err(|p| ("handle", p))?;
    cut_in_place(&mut d.handle, clean_handle);
    if d.by.trim().is_empty() {
        return Err(("by", reviewer_empty()));
    }
    too_long(&d.by, MAX_REVIEWER_ID_CHARS).map_err(|p| ("by", p))?;
    if let Some(note) = &d.note {
        too_long(note, MAX_DECISION_NOTE_CHARS).map_err(|p| ("note", p))?;
    }
    if parse_date(&d.at).is_none() {
        return Err(("at", date_problem(&d.at)));
    }
    if d.matched.as_deref().is_some_and(|m| m.trim().is_empty()) {
        return Err((
            "match",
            Problem::new(
                "feed_match_empty",
                &[],
                "is empty: a protected account's id, or null".into(),
            ),
        ));
    }
    Ok(())
}

/// `text` is longer than `most` characters: the limit and the length.
fn too_long(text: &str, most: usize) -> Result<(), Problem> {
    let chars = text.chars().count();
    if chars <= most {
        return Ok(());
    }
    Err(Problem::new(
        "feed_text_length",
        &[&most.to_string(), &chars.to_string()],
        format!("is {chars} characters long, more than {most}"),
    ))
}

fn reviewer_empty() -> Problem {
    Problem::new(
        "feed_reviewer_empty",
        &[],
        "the reviewer id is empty".into(),
    )
}

/// What `read_decisions` asks of a file's top object before reading it as an export: whether it has
/// `vipguard_signed` (then it is a signed list), and whether its `vipguard_decisions` (the last one, as
/// a map keeps it) is the integer 1. Every other value is skipped, not built: the `serde_json::Map`
/// read here before held a whole export's decisions as `Value`s (a 1 GB peak for a 187 MB export of a
/// million decisions; docs/feed.md, "A large export").
#[derive(Default)]
struct ExportProbe {
    signed: bool,
    format_one: Option<bool>,
}

impl<'de> Deserialize<'de> for ExportProbe {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = ExportProbe;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<ExportProbe, A::Error> {
                let mut probe = ExportProbe::default();
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    match &*key {
                        "vipguard_decisions" => {
                            let raw = map.next_value::<&'de RawValue>()?;
                            probe.format_one = Some(raw.get() == "1");
                        }
                        other => {
                            probe.signed |= other == "vipguard_signed";
                            map.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(probe)
            }
        }
        deserializer.deserialize_map(Visitor)
    }
}

/// The decisions of a reviewer's export (`{"vipguard_decisions": 1, "by", "exported", "decisions"}`),
/// or of a signed list's payload once its signature is checked with `key` (a signed list's decisions
/// are the team's word: without a key, one is refused rather than taken unchecked).
/// Every problem is reported, each with its line and field.
pub fn read_decisions(
    text: &str,
    source: &str,
    key: Option<&FeedKey>,
) -> Result<Vec<Decision>, ListErrors> {
    let text = text.trim_start_matches('\u{feff}');
    if let Ok(probe) = serde_json::from_str::<ExportProbe>(text) {
        if probe.signed {
            let key = key.ok_or_else(|| {
                one(
                    source,
                    None,
                    "feed_signed_needs_key",
                    &[],
                    "a signed list: give the team's public key (--key NAME.pub) so that its \
                     signature is checked before its decisions are taken",
                )
            })?;
            return Ok(open_feed(text, key, source)?.decisions.unwrap_or_default());
        }
        let Some(format_one) = probe.format_one else {
            return Err(one(
                source,
                None,
                "feed_not_decisions",
                &[],
                "not a decisions export (no \"vipguard_decisions\" field) nor a signed list",
            ));
        };
        if !format_one {
            return Err(one(
                source,
                Some("vipguard_decisions"),
                "feed_decisions_version",
                &[],
                "this export's format version is not 1, the one this vipguard reads",
            ));
        }
    }
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Export<'a> {
        // Required, and 1 (checked above).
        #[serde(rename = "vipguard_decisions")]
        _format: u8,
        by: String,
        exported: String,
        #[serde(borrow)]
        decisions: Vec<&'a RawValue>,
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let export: Export = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        ListErrors::from(from_json(source, 1, Some(e.path().to_string()), e.inner()))
    })?;
    de.end()
        .map_err(|e| ListErrors::from(from_json(source, 1, None, &e)))?;
    let mut problems = Vec::new();
    if export.by.trim().is_empty() {
        problems.push(InputError::from_problem(
            source,
            None,
            Some("by"),
            reviewer_empty(),
        ));
    }
    if let Err(p) = too_long(&export.by, MAX_REVIEWER_ID_CHARS) {
        problems.push(InputError::from_problem(source, None, Some("by"), p));
    }
    check_date(&export.exported, source, "exported", &mut problems);
    let decisions = read_decision_items(
        &export.decisions,
        source,
        "decisions",
        Some(text),
        &mut problems,
    );
    // A reviewer's export holds that reviewer's decisions, made before it was written. A merged export
    // (`"by": "merged"`, what `decisions merge` writes) keeps each decision's own author.
    if export.by != MERGED {
        for (i, d) in decisions.iter().enumerate() {
            if d.by != export.by && !d.by.trim().is_empty() {
                problems.push(coded(
                    source,
                    Some(&format!("decisions[{i}].by")),
                    "feed_decision_author",
                    &[&d.by, &export.by],
                    format!(
                        "{:?} in an export by {:?}: an export holds its reviewer's own decisions",
                        d.by, export.by
                    ),
                ));
            }
        }
    }
    if let Some(exported) = parse_date(&export.exported) {
        not_later(
            &decisions,
            exported,
            &export.exported,
            "feed_decision_after_export",
            "when the export was written",
            source,
            "decisions",
            &mut problems,
        );
    }
    all_or_none(problems)?;
    Ok(decisions)
}

/// Decisions merged from several files: an export's JSON text, and the conflicts found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergedDecisions {
    /// The merged export (`"by": "merged"`), JSON text ending with a line end.
    pub export: String,
    /// How many decisions it holds: one per account.
    pub count: usize,
    /// Each conflict: another decision within 24 hours of the one that stands, its file the source,
    /// in English words and coded `decision_conflict` with the values they name: platform, handle,
    /// the decision (`confirmed` or `not_impersonator`), by, at and file, then the same of the one
    /// that stands.
    pub conflicts: Vec<InputError>,
}

/// Merge the decisions of several files (each with its name, in order): per platform and handle
/// (letter case aside) the latest `at` stands (the later file's on a tie). A different decision made
/// within 24 hours of the one that stands is a conflict. `exported`: the merge's date (RFC 3339 UTC).
/// The export as text: `plan_merge` writes the same bytes to a writer without holding them.
pub fn merge_decisions(
    inputs: &[(String, Vec<Decision>)],
    exported: &str,
) -> Result<MergedDecisions, InputError> {
    let plan = plan_merge(inputs, exported)?;
    let mut export = Vec::new();
    plan.write_export(&mut export).expect("exports serialise");
    Ok(MergedDecisions {
        export: String::from_utf8(export).expect("serde_json writes UTF-8"),
        count: plan.count(),
        conflicts: plan.conflicts,
    })
}

/// A merge worked out (`plan_merge`): the decision that stands for each account, in the export's
/// order, borrowed from the inputs, and the conflicts.
#[derive(Debug)]
pub struct DecisionMerge<'a> {
    exported: String,
    merged: Vec<&'a Decision>,
    /// As `MergedDecisions::conflicts`.
    pub conflicts: Vec<InputError>,
}

impl DecisionMerge<'_> {
    /// How many decisions the export holds: one per account.
    pub fn count(&self) -> usize {
        self.merged.len()
    }

    /// The merged export (`"by": "merged"`), JSON text ending with a line end, written to `w` (buffer
    /// it: serde_json writes in small pieces).
    pub fn write_export(&self, mut w: impl std::io::Write) -> std::io::Result<()> {
        #[derive(Serialize)]
        struct ExportOut<'a> {
            vipguard_decisions: u8,
            by: &'a str,
            exported: &'a str,
            decisions: &'a [&'a Decision],
        }
        serde_json::to_writer_pretty(
            &mut w,
            &ExportOut {
                vipguard_decisions: 1,
                by: MERGED,
                exported: &self.exported,
                decisions: &self.merged,
            },
        )?;
        w.write_all(b"\n")
    }
}

/// `merge_decisions`'s work without the export's text (issue 26: a million decisions merged in 1.2 GB,
/// docs/feed.md, "A large export"). The accounts are found by sorting one small record per decision
/// (its file and place, and its lower-case handle only where that differs from the handle) rather than
/// in a map of copied keys and lists, and the decisions that stand are borrowed, not copied.
pub fn plan_merge<'a>(
    inputs: &'a [(String, Vec<Decision>)],
    exported: &str,
) -> Result<DecisionMerge<'a>, InputError> {
    let Some(now) = parse_date(exported) else {
        return Err(InputError::from_problem(
            "date",
            None,
            None,
            date_problem(exported),
        ));
    };
    // A decision: its file, its place in it, and its handle in lower case where that is not the handle.
    struct Entry {
        file: u32,
        index: u32,
        lower: Option<Box<str>>,
    }
    let mut entries = Vec::with_capacity(inputs.iter().map(|(_, d)| d.len()).sum());
    for (file, (source, decisions)) in inputs.iter().enumerate() {
        for (i, d) in decisions.iter().enumerate() {
            // Decisions from `read_decisions` have dates; others are checked here, not trusted.
            if parse_date(&d.at).is_none() {
                return Err(InputError::from_problem(
                    source,
                    None,
                    Some("at"),
                    date_problem(&d.at),
                ));
            }
            // Nor dated after the merge (a signed list's decisions too: its signer's clock may be ahead).
            let mut future = Vec::new();
            not_later(
                std::slice::from_ref(d),
                now,
                exported,
                "feed_decision_after_merge",
                "the merge",
                source,
                "decisions",
                &mut future,
            );
            if let Some(mut e) = future.pop() {
                e.field = Some(format!("decisions[{i}].at"));
                return Err(e);
            }
            let lower = d.handle.to_lowercase();
            entries.push(Entry {
                file: u32::try_from(file).expect("fewer than 2^32 files"),
                index: u32::try_from(i).expect("fewer than 2^32 decisions in a file"),
                lower: (lower != d.handle).then(|| lower.into_boxed_str()),
            });
        }
    }
    let decision = |e: &Entry| &inputs[e.file as usize].1[e.index as usize];
    // The account: platform and handle in lower case.
    fn account<'e>(inputs: &'e [(String, Vec<Decision>)], e: &'e Entry) -> (&'e str, &'e str) {
        let d = &inputs[e.file as usize].1[e.index as usize];
        (&d.platform, e.lower.as_deref().unwrap_or(&d.handle))
    }
    // Stable: an account's decisions stay in the order of the files and within each file.
    entries.sort_by(|a, b| account(inputs, a).cmp(&account(inputs, b)));
    let at = |d: &Decision| parse_date(&d.at).expect("checked above");
    let mut conflicts = Vec::new();
    let mut merged = Vec::new();
    for found in entries.chunk_by(|a, b| account(inputs, a) == account(inputs, b)) {
        let platform = &decision(&found[0]).platform;
        // The latest; of equal dates the last (the later file's).
        let (mut w_entry, mut w_at) = (&found[0], at(decision(&found[0])));
        for e in &found[1..] {
            let e_at = at(decision(e));
            if e_at >= w_at {
                (w_entry, w_at) = (e, e_at);
            }
        }
        let (w_source, winner) = (inputs[w_entry.file as usize].0.as_str(), decision(w_entry));
        for e in found {
            let (source, d) = (inputs[e.file as usize].0.as_str(), decision(e));
            if d.decision != winner.decision && (w_at - at(d)).abs() <= 86_400 * 1_000_000_000 {
                let message = format!(
                    "{platform} @{}: {} by {} at {} ({source}) and {} by {} at {} ({w_source}), within 24 hours; the latest stands",
                    winner.handle,
                    kind(d.decision),
                    d.by,
                    d.at,
                    kind(winner.decision),
                    winner.by,
                    winner.at,
                );
                let args = [
                    platform.as_str(),
                    &winner.handle,
                    kind(d.decision),
                    &d.by,
                    &d.at,
                    source,
                    kind(winner.decision),
                    &winner.by,
                    &winner.at,
                    w_source,
                ];
                let args = args.iter().map(|a| a.to_string()).collect();
                conflicts.push(
                    InputError::new(source, None, None, message).coded("decision_conflict", args),
                );
            }
        }
        merged.push(winner);
    }
    Ok(DecisionMerge {
        exported: exported.to_string(),
        merged,
        conflicts,
    })
}

fn kind(k: DecisionKind) -> &'static str {
    match k {
        DecisionKind::NotImpersonator => "not_impersonator",
        DecisionKind::Confirmed => "confirmed",
    }
}

/// `Ok` when there are no problems; otherwise the first `MAX_REPORTED_ERRORS` of them and their count.
fn all_or_none(mut problems: Vec<InputError>) -> Result<(), ListErrors> {
    if problems.is_empty() {
        return Ok(());
    }
    let total = problems.len();
    problems.truncate(MAX_REPORTED_ERRORS);
    Err(ListErrors {
        errors: problems,
        total,
    })
}

/// A problem added for `field` unless `date` is RFC 3339 in UTC.
fn check_date(date: &str, source: &str, field: &str, problems: &mut Vec<InputError>) {
    if parse_date(date).is_none() {
        problems.push(InputError::from_problem(
            source,
            None,
            Some(field),
            date_problem(date),
        ));
    }
}

/// `date` (its first 40 characters) is not RFC 3339 in UTC.
fn date_problem(date: &str) -> Problem {
    let shown: String = date.chars().take(40).collect();
    Problem::new(
        "feed_date",
        &[&shown],
        format!(
            "{shown:?} is not a date and time in UTC as RFC 3339 writes it (2026-12-05T10:00:00Z)"
        ),
    )
}

/// Nanoseconds since 1970 of `YYYY-MM-DDTHH:MM:SS[.fraction]Z`, the RFC 3339 form in UTC; none for
/// anything else (another offset, an impossible day, a leap second).
fn parse_date(s: &str) -> Option<i128> {
    let b = s.as_bytes();
    let digits = |from: usize, n: usize| -> Option<i64> {
        let part = b.get(from..from + n)?;
        part.iter().all(u8::is_ascii_digit).then(|| {
            part.iter()
                .fold(0i64, |acc, d| acc * 10 + i64::from(d - b'0'))
        })
    };
    let punct = [(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':')];
    if punct.iter().any(|&(i, c)| b.get(i) != Some(&c)) {
        return None;
    }
    let (year, month, day) = (digits(0, 4)?, digits(5, 2)?, digits(8, 2)?);
    let (hour, minute, second) = (digits(11, 2)?, digits(14, 2)?, digits(17, 2)?);
    let mut nanos = 0i128;
    let rest = &s[19..];
    let rest = match rest.strip_prefix('.') {
        Some(fraction) => {
            let n = fraction.bytes().take_while(u8::is_ascii_digit).count();
            if !(1..=9).contains(&n) {
                return None;
            }
            nanos = fraction[..n].parse::<i128>().ok()? * 10i128.pow(9 - n as u32);
            &fraction[n..]
        }
        None => rest,
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if rest != "Z" || day < 1 || day > days_in_month || hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let seconds = days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second;
    Some(i128::from(seconds) * 1_000_000_000 + nanos)
}

/// Days since 1970-01-01 of a date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// `unix_seconds` as RFC 3339 in UTC (`2026-12-05T10:00:00Z`), the form a feed's dates take.
pub fn feed_date(unix_seconds: u64) -> String {
    let days = (unix_seconds / 86_400) as i64;
    let secs = unix_seconds % 86_400;
    // The inverse of days_from_civil.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The envelope reader's answer for `text`: the first error's code and args, or "ok".
    fn envelope_says(text: &str) -> (String, Vec<String>) {
        match read_envelope(text, "feed") {
            Ok(_) => ("ok".into(), vec![]),
            Err(e) => (
                e.errors[0].code.unwrap_or("none").to_string(),
                e.errors[0].args.clone(),
            ),
        }
    }

    // Issue 32's review: a top object of millions of members, or a top array, is refused without a
    // `Value` built of it; a member given twice is refused (a `Value` kept the last one); the
    // envelope itself still read, members in any order.
    #[test]
    fn envelopes_with_other_members_or_repeated_ones_are_refused() {
        let signature = BASE64.encode([0u8; 64]);
        let good = format!(
            r#"{{"signature":"{signature}","payload":"{{}}","key_id":"0011223344556677","vipguard_signed":1}}"#
        );
        assert_eq!(envelope_says(&good).0, "ok");
        let mut many = String::from("{");
        for i in 0..200_000 {
            many.push_str(&format!("\"{i}\":0,"));
        }
        many.push_str(r#""vipguard_signed":1}"#);
        let (code, args) = envelope_says(&many);
        assert_eq!((code.as_str(), args[0].as_str()), ("unknown_field", "0"));
        let array = format!("[{}0]", "0,".repeat(200_000));
        assert_eq!(envelope_says(&array).0, "feed_not_object");
        let twice = good.replacen(
            r#""payload":"{}""#,
            r#""payload":"{}","payload":"{\"other\":1}""#,
            1,
        );
        let (code, args) = envelope_says(&twice);
        assert_eq!(
            (code.as_str(), args),
            ("duplicate_field", vec!["payload".to_string()])
        );
        let plain = r#"{"accounts":[{"id":"a"}],"vipguard_x":{"deep":[1,2]}}"#;
        assert_eq!(envelope_says(plain).0, "feed_plain_list");
        assert_eq!(envelope_says(r#"{"payload":"x""#).0, "feed_not_json");
    }

    // Issue 26: the envelope's reader stops at the first member that is not the envelope's or is given
    // twice, as the extension's flatMembers does; what follows is never read. Each body here goes on
    // with 5 MB that is not JSON: a reader that went on to the end (the code before) calls it not JSON.
    #[test]
    fn the_envelope_reader_stops_at_the_first_unknown_or_repeated_member() {
        let rest = format!("{}\u{1}", "[".repeat(5 << 20));
        let said = |head: &str| {
            let (code, args) = envelope_says(&format!("{head}{rest}"));
            (code, args.into_iter().take(1).collect::<Vec<_>>())
        };
        let unknown = said(r#"{"vipguard_signed":1,"key_id":"00","extra":"#);
        assert_eq!(unknown, ("unknown_field".into(), vec!["extra".to_string()]));
        let first = said(r#"{"title":"#);
        assert_eq!(first, ("unknown_field".into(), vec!["title".to_string()]));
        let twice = said(r#"{"payload":"a","payload":"#);
        assert_eq!(
            twice,
            ("duplicate_field".into(), vec!["payload".to_string()])
        );
        assert_eq!(said(r#"{"accounts":"#).0, "feed_plain_list");
        assert_eq!(said(r#"{"vipguard_decisions":"#).0, "feed_decisions_export");
        // A format version that is not 1 is still said first, then the member that stopped the read.
        assert_eq!(
            said(r#"{"vipguard_signed":2,"x":"#).0,
            "feed_format_version"
        );
        // Nothing stops it: the text's own error, its line kept (here the second).
        assert_eq!(
            said(r#"{"vipguard_signed":1,"payload":"#).0,
            "feed_not_json"
        );
        let e = read_envelope(
            &format!("{{\"vipguard_signed\":1,\n\"payload\":{rest}"),
            "feed",
        )
        .err()
        .expect("refused");
        assert_eq!(e.errors[0].code, Some("feed_not_json"));
        assert_eq!(e.errors[0].line, Some(2));
    }

    // Issue 26's review: the envelope's four members verify in each of their 24 orders (the reader
    // stops at a member it does not know, never at one of these, whatever came before it).
    #[test]
    fn a_signed_list_verifies_with_its_members_in_any_order() {
        let signer = FeedSigner::from_seed(&[7u8; 32]);
        let list = ProtectedList::from_json(
            r#"{"accounts": [{"id": "a", "name": "Adaeze Okonkwo", "handles": [
                {"platform": "x", "handle": "AdaOkonkwo"}]}]}"#,
            "l",
        )
        .unwrap();
        let payload = FeedPayload {
            name: "Team".into(),
            version: 3,
            date: "2026-12-05T10:00:00Z".into(),
            list,
            decisions: None,
        };
        let signed = signer.sign(&payload, "feed").unwrap();
        let members: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(&signed).unwrap();
        let member = |name: &str| format!("{:?}:{}", name, members[name]);
        let mut orders = 0;
        for a in 0..4 {
            for b in (0..4).filter(|&b| b != a) {
                for c in (0..4).filter(|&c| c != a && c != b) {
                    let d = 6 - a - b - c;
                    let order = [a, b, c, d].map(|i| member(ENVELOPE_FIELDS[i]));
                    let text = format!("{{{}}}", order.join(","));
                    let opened = open_feed(&text, &signer.public(), "feed")
                        .unwrap_or_else(|e| panic!("{text}: {}", e.errors[0].message));
                    assert_eq!(
                        (opened.name.as_str(), opened.version),
                        ("Team", 3),
                        "{text}"
                    );
                    orders += 1;
                }
            }
        }
        assert_eq!(orders, 24);
    }

    #[test]
    fn dates_read_and_written() {
        for (s, want) in [
            ("1970-01-01T00:00:00Z", Some(0)),
            ("2026-12-05T10:00:00Z", Some(1_796_464_800 * 1_000_000_000)),
            (
                "2024-02-29T00:00:00.5Z",
                Some(1_709_164_800 * 1_000_000_000 + 500_000_000),
            ),
            ("2023-02-29T00:00:00Z", None),
            ("2026-12-05T10:00:00+00:00", None),
            ("2026-12-05T24:00:00Z", None),
            ("2026-12-05T10:00:60Z", None),
            ("2026-12-05 10:00:00Z", None),
            ("2026-12-05T10:00:00.Z", None),
            ("2026-13-05T10:00:00Z", None),
            ("", None),
            ("2026-12-05T10:00:00ZZ", None),
        ] {
            assert_eq!(parse_date(s), want, "{s}");
        }
        for secs in [0, 951_782_400, 1_709_164_800, 1_796_464_800, 4_102_444_799] {
            let text = feed_date(secs);
            assert_eq!(
                parse_date(&text),
                Some(i128::from(secs) * 1_000_000_000),
                "{text}"
            );
        }
        assert_eq!(feed_date(1_796_464_800), "2026-12-05T10:00:00Z");
    }

    #[test]
    fn key_ids_are_sha256_prefixes() {
        // RFC 8032's first test key.
        let seed: [u8; 32] = (0..32)
            .map(|i| {
                u8::from_str_radix(
                    &"9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"
                        [2 * i..2 * i + 2],
                    16,
                )
                .unwrap()
            })
            .collect::<Vec<_>>()
            .try_into()
            .unwrap();
        let signer = FeedSigner::from_seed(&seed);
        let public = signer.public();
        assert_eq!(
            public.to_text(),
            "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="
        );
        let digest = Sha256::digest(BASE64.decode(public.to_text()).unwrap());
        let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(public.id(), hex);
        assert_eq!(FeedKey::parse(&public.to_text(), "k.pub").unwrap(), public);
        assert_eq!(
            FeedSigner::parse(&signer.to_text(), "k.key")
                .unwrap()
                .public(),
            public
        );
    }
}
