//! The protected list: the people and brands a team guards, read from JSON or CSV.
//!
//! JSON: `{"accounts": [{"id", "name", "kind"?, "aliases"?, "handles"?, "official"?, "avatars"?, "links"?}]}`.
//! CSV columns (header required, any order): `id`, `name`, `kind`, `aliases`, `handles`, `official`,
//! `avatars`, `links` (the account's own web sites: `metamask.io|https://support.metamask.io`);
//! `kind` is `brand`, `person` or empty (not said);
//! list cells separate items with `|` (so no item, in either format, may hold one); handles are
//! `platform:handle` (e.g. `x:AlikoDangote|instagram:aliko`); a cell loses the `'` a spreadsheet export
//! put before a formula character (`csv::unguard`) and is trimmed (JSON's ids, names, aliases, links and
//! image paths are trimmed too);
//! avatars are image paths or `pdq:<64 hex>`.
//! Unknown fields and columns are errors, so a typo never silently drops data.

use crate::formats::csv::{
    blank_row, csv_columns_all, csv_error, csv_reader, is_csv_name, unguard,
};
use crate::formats::error::{from_json, line_of, InputError};
use crate::text::limits::MAX_NAME_CHARS;
use crate::text::platform::{
    canonical_platform, canonicalize_platform, check_handle, clean_handle, cut_in_place, Problem,
};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use std::borrow::Cow;

/// The people and brands a team protects.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProtectedList {
    /// The accounts, in the list's order.
    pub accounts: Vec<Account>,
}

/// A protected list that has passed the checks a reader makes (`ValidList::parse_all` and the other
/// readers, or `ValidList::new` for a list made in code): what `Checker::from_valid` builds from
/// without checking it a second time (`ProtectedList::is_valid` ran in the reader and again in
/// `Checker::new`, 108 M instructions each at 100,000 accounts: issue 25). Only made checked, and read
/// but never changed through it: `into_list` gives the list back to change, and a changed list is
/// checked again by `ValidList::new` or `Checker::new`.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidList(ProtectedList);

impl ValidList {
    /// Check a list made in code as a file's is checked when read, and clean it as a reader does; the
    /// error is its first problem, named by the account's place (`accounts[3].name`).
    pub fn new(list: ProtectedList) -> Result<Self, InputError> {
        list.validated_unlocated("protected list").map(ValidList)
    }

    /// `ProtectedList::parse_all`, the list kept as checked.
    pub fn parse_all(text: &str, source: &str) -> Result<Self, ListErrors> {
        if is_csv_name(source) {
            Self::from_csv_all(text, source)
        } else {
            Self::from_json_all(text, source)
        }
    }

    /// `ProtectedList::from_json_all`, the list kept as checked.
    pub fn from_json_all(text: &str, source: &str) -> Result<Self, ListErrors> {
        ProtectedList::read_json(text, source).map(ValidList)
    }

    /// `ProtectedList::from_csv_all`, the list kept as checked.
    pub fn from_csv_all(text: &str, source: &str) -> Result<Self, ListErrors> {
        ProtectedList::read_csv(text, source).map(ValidList)
    }

    /// The list, to change or keep (no longer known to be checked).
    pub fn into_list(self) -> ProtectedList {
        self.0
    }
}

impl std::ops::Deref for ValidList {
    type Target = ProtectedList;
    fn deref(&self) -> &ProtectedList {
        &self.0
    }
}

/// One protected person or brand.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Account {
    /// Unique id, returned as a result's `match`.
    pub id: String,
    /// The name people know them by.
    pub name: String,
    /// Whether this is a brand or a person, when the list says so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<AccountKind>,
    /// Other names they are known by.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Their own accounts: a profile with one of these handles is `own`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub handles: Vec<HandleRef>,
    /// Official secondary accounts: a profile with one of these handles is `allowed`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub official: Vec<HandleRef>,
    /// Their profile pictures, as image paths (CLI) or hashes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub avatars: Vec<AvatarRef>,
    /// Their own web sites (`metamask.io`): a profile linking to a site that imitates one is evidence.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<String>,
}

/// The accounts of a JSON list `{"accounts": [...]}` that parses, as a struct with that one field and
/// `deny_unknown_fields` reads them, into a vector reserved for them: grown by doubling, the list's
/// accounts (168 bytes each) were copied about twice over and held room for up to twice their number
/// (issue 25). Any error is only a sign to read again with the reader that reports (`from_json_all`).
fn read_accounts(text: &str) -> serde_json::Result<Vec<Account>> {
    use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
    // Each account has one "id" key; the words "id" in quotes elsewhere (a value "id") only reserve
    // a little more.
    let reserve = memchr::memmem::find_iter(text.as_bytes(), b"\"id\"")
        .count()
        .min(MAX_ACCOUNTS + 1);
    struct Accounts(usize);
    impl<'de> Visitor<'de> for Accounts {
        type Value = Vec<Account>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a sequence")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Account>, A::Error> {
            let mut accounts = Vec::with_capacity(self.0);
            while let Some(a) = seq.next_element()? {
                accounts.push(a);
            }
            Ok(accounts)
        }
    }
    impl<'de> DeserializeSeed<'de> for Accounts {
        type Value = Vec<Account>;
        fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Vec<Account>, D::Error> {
            d.deserialize_seq(self)
        }
    }
    struct List(usize);
    impl<'de> Visitor<'de> for List {
        type Value = Vec<Account>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("struct List")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<Account>, A::Error> {
            let mut accounts = None;
            while let Some(key) = map.next_key::<std::borrow::Cow<str>>()? {
                if key != "accounts" {
                    return Err(de::Error::unknown_field(&key, &["accounts"]));
                }
                if accounts.is_some() {
                    return Err(de::Error::duplicate_field("accounts"));
                }
                accounts = Some(map.next_value_seed(Accounts(self.0))?);
            }
            accounts.ok_or_else(|| de::Error::missing_field("accounts"))
        }
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let accounts = serde::Deserializer::deserialize_map(&mut de, List(reserve))?;
    de.end()?;
    Ok(accounts)
}

/// What a protected account is. A brand's handle written with two words of its name (@myaccessbank for
/// Access Bank) is matched as far as a one-word brand's (two edits away, a typo inside a longer handle);
/// a person's such handle (@chinyere_eze) is not, since namesakes write theirs the same way. Without a
/// kind, a handle holding two words of the account's names is read as a person's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AccountKind {
    /// A person: their handle is not matched past its typo limit when it spells their names.
    Person,
    /// A company, product or organisation.
    Brand,
}

impl AccountKind {
    /// The kind a list cell names: `brand` or `person`, any case; None for an empty cell.
    fn from_cell(cell: &str) -> Result<Option<Self>, String> {
        match cell.trim().to_ascii_lowercase().as_str() {
            "" => Ok(None),
            "brand" => Ok(Some(Self::Brand)),
            "person" => Ok(Some(Self::Person)),
            _ => Err(format!("{cell:?} is not a kind: brand, person or empty")),
        }
    }
}

/// An account on one platform.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HandleRef {
    /// Platform name (`x`, `instagram` …).
    pub platform: String,
    /// The handle, without `@`.
    pub handle: String,
}

/// An avatar of a protected account: an image path (relative to the list's file) or a hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum AvatarRef {
    /// An image file, relative to the list's file; hashed before use.
    Path(String),
    /// Hashes written by `vipguard enroll`.
    Hash(AvatarHash),
}

/// A protected avatar as hashes: `pdq` is the plain PDQ of the picture (what Meta's tools print);
/// `refs`, written by `vipguard enroll`, are the reference hashes robust matching uses
/// (`view:crop:m|n:quality:hex`). A hash without `refs` matches only unedited copies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AvatarHash {
    /// The plain PDQ hash of the picture, 64 hex digits.
    pub pdq: String,
    /// Reference hashes of edited copies (cropped, turned, thumbnails, mirrored).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub refs: Vec<String>,
}

/// Most accounts one list may hold.
pub(crate) const MAX_ACCOUNTS: usize = 1_000_000;

/// Most problems of one list reported (`ListErrors`); the rest are counted.
pub const MAX_REPORTED_ERRORS: usize = 100;

/// Every problem found in a protected list, in the order of the list (the first
/// `MAX_REPORTED_ERRORS`), and how many there were in all. Never empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListErrors {
    /// The problems, each with its line and field; the first is what `ProtectedList::parse` returns.
    pub errors: Vec<InputError>,
    /// How many problems there were, reported or not.
    pub total: usize,
}

impl ListErrors {
    fn one(e: InputError) -> Self {
        ListErrors {
            errors: vec![e],
            total: 1,
        }
    }

    /// The first problem, the one the single-error readers return.
    pub fn first(self) -> InputError {
        self.errors
            .into_iter()
            .next()
            .expect("a list's errors are never empty")
    }
}

impl std::fmt::Display for ListErrors {
    /// One problem a line; a count after them when there is more than one.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, e) in self.errors.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        if self.total > 1 {
            write!(f, "\n{} problems", self.total)?;
            if self.total > self.errors.len() {
                write!(f, " (the first {} shown)", self.errors.len())?;
            }
        }
        Ok(())
    }
}

impl std::error::Error for ListErrors {}

impl From<InputError> for ListErrors {
    fn from(e: InputError) -> Self {
        ListErrors::one(e)
    }
}

/// Problems as they are found: the first `MAX_REPORTED_ERRORS` kept, the rest counted (and their
/// messages never made: a list of a million bad rows would otherwise build a million messages).
#[derive(Default)]
struct Problems {
    errors: Vec<InputError>,
    total: usize,
}

impl Problems {
    fn add(&mut self, e: impl FnOnce() -> InputError) {
        self.total += 1;
        if self.errors.len() < MAX_REPORTED_ERRORS {
            self.errors.push(e());
        }
    }

    fn into_result<T>(self, ok: T) -> Result<T, ListErrors> {
        if self.total == 0 {
            Ok(ok)
        } else {
            Err(ListErrors {
                errors: self.errors,
                total: self.total,
            })
        }
    }
}

impl ProtectedList {
    /// Read a list from `text`; `source` names it in errors. CSV when `source` ends in `.csv` or `.tsv`.
    /// The error is the list's first problem; `parse_all` reports them all.
    pub fn parse(text: &str, source: &str) -> Result<Self, InputError> {
        Self::parse_all(text, source).map_err(ListErrors::first)
    }

    /// Read a JSON list; `source` names it in errors. The error is the list's first problem.
    pub fn from_json(text: &str, source: &str) -> Result<Self, InputError> {
        Self::from_json_all(text, source).map_err(ListErrors::first)
    }

    /// Read a CSV list (comma, semicolon or tab separated); `source` names it in errors. The error is
    /// the list's first problem.
    pub fn from_csv(text: &str, source: &str) -> Result<Self, InputError> {
        Self::from_csv_all(text, source).map_err(ListErrors::first)
    }

    /// `parse`, reporting every problem of the list in one pass: each row's or account's (a file that
    /// cannot be read as JSON or CSV at all is one problem).
    pub fn parse_all(text: &str, source: &str) -> Result<Self, ListErrors> {
        ValidList::parse_all(text, source).map(ValidList::into_list)
    }

    /// `from_json`, reporting every problem of the list.
    pub fn from_json_all(text: &str, source: &str) -> Result<Self, ListErrors> {
        Self::read_json(text, source)
    }

    /// `from_csv`, reporting every problem of the list.
    pub fn from_csv_all(text: &str, source: &str) -> Result<Self, ListErrors> {
        Self::read_csv(text, source)
    }

    /// `from_json_all`: the list it returns is checked (`ValidList`).
    fn read_json(text: &str, source: &str) -> Result<Self, ListErrors> {
        if !text
            .trim_start()
            .trim_start_matches('\u{feff}')
            .starts_with('{')
        {
            return Err(ListErrors::one(
                InputError::new(
                    source,
                    Some(1),
                    None,
                    "expected a JSON object {\"accounts\": [...]}",
                )
                .coded("not_a_list", Vec::new()),
            ));
        }
        let text = text.trim_start_matches('\u{feff}');
        // A list that parses is read in one pass; the line of each account is worked out only when
        // something needs reporting, by the slower reader that tracks lines and paths (a third of the
        // time of building a checker went on it).
        // Plain serde_json here: tracking the path allocates a string per field name read, which made
        // this reader 2.5 times slower.
        let located = std::cell::OnceCell::new();
        let (accounts, pre) = match read_accounts(text) {
            Ok(accounts) => (accounts, Vec::new()),
            Err(_) => {
                let read = json_accounts_with_lines(text, source).map_err(ListErrors::one)?;
                let _ = located.set((read.lines, read.index));
                (read.accounts, read.errors)
            }
        };
        let locate = |i: usize| {
            let (lines, index) = located.get_or_init(|| {
                json_accounts_with_lines(text, source)
                    .map(|r| (r.lines, r.index))
                    .unwrap_or_default()
            });
            let at = index.get(i).copied().unwrap_or(i);
            (lines.get(i).copied(), format!("accounts[{at}]"))
        };
        ProtectedList { accounts }.validated(source, locate, pre)
    }

    /// `from_csv_all`: the list it returns is checked (`ValidList`).
    fn read_csv(text: &str, source: &str) -> Result<Self, ListErrors> {
        const COLUMNS: [&str; 8] = [
            "id", "name", "kind", "aliases", "handles", "official", "avatars", "links",
        ];
        let mut sheet = csv_reader(text, source, false, true).map_err(ListErrors::one)?;
        let headers = match sheet.reader.headers() {
            Ok(h) => h.clone(),
            Err(e) => return Err(ListErrors::one(csv_error(source, &e, &mut sheet))),
        };
        // Every problem of the header; rows are not read under a header that is wrong.
        let col =
            csv_columns_all(&headers, &COLUMNS, &["id", "name"], source).map_err(|errors| {
                ListErrors {
                    total: errors.len(),
                    errors,
                }
            })?;
        let mut accounts = Vec::new();
        let mut lines = Vec::new();
        // Problems found while reading rows, each with the position of the account it goes before.
        let mut pre: Vec<(usize, InputError)> = Vec::new();
        let mut rec = csv::StringRecord::new();
        loop {
            match sheet.reader.read_record(&mut rec) {
                Ok(true) => {}
                Ok(false) => break,
                // A row with too few or too many cells is reported, and the next rows read.
                Err(e) if matches!(e.kind(), csv::ErrorKind::UnequalLengths { .. }) => {
                    pre.push((accounts.len(), csv_error(source, &e, &mut sheet)));
                    continue;
                }
                Err(e) => return Err(ListErrors::one(csv_error(source, &e, &mut sheet))),
            }
            if blank_row(&rec) {
                continue;
            }
            let line = sheet.line(rec.position());
            // Each cell trimmed, then its formula guard taken off (`unguard`: `'-1` is read `-1`).
            let cell =
                |name: &str| unguard(col.get(name).and_then(|&i| rec.get(i)).unwrap_or("").trim());
            let items = |name: &str| -> Vec<String> {
                cell(name)
                    .split('|')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect()
            };
            let at = accounts.len();
            let mut handles = |name: &str| -> Vec<HandleRef> {
                items(name)
                    .into_iter()
                    .filter_map(|item| match item.split_once(':') {
                        Some((p, h)) => Some(HandleRef {
                            platform: p.trim().into(),
                            handle: h.trim().into(),
                        }),
                        None => {
                            pre.push((
                                at,
                                InputError::new(
                                    source,
                                    Some(line),
                                    Some(name),
                                    format!(
                                        "{item:?} is not platform:handle (e.g. x:AlikoDangote)"
                                    ),
                                )
                                .coded("not_platform_handle", vec![item.clone()]),
                            ));
                            None
                        }
                    })
                    .collect()
            };
            let own = handles("handles");
            let official = handles("official");
            let avatars = items("avatars")
                .into_iter()
                .map(|a| match a.strip_prefix("pdq:") {
                    Some(h) => AvatarRef::Hash(AvatarHash {
                        pdq: h.trim().into(),
                        refs: Vec::new(),
                    }),
                    None => AvatarRef::Path(a),
                })
                .collect();
            let kind = AccountKind::from_cell(&cell("kind")).unwrap_or_else(|m| {
                pre.push((
                    at,
                    InputError::new(source, Some(line), Some("kind"), m)
                        .coded("bad_kind", vec![cell("kind").into_owned()]),
                ));
                None
            });
            accounts.push(Account {
                id: cell("id").into_owned(),
                name: cell("name").into_owned(),
                kind,
                aliases: items("aliases"),
                handles: own,
                official,
                avatars,
                links: items("links"),
            });
            lines.push(Some(line));
        }
        let list = ProtectedList { accounts };
        list.validated(source, |i| (lines[i], String::new()), pre)
    }

    /// A list read back from a snapshot or handed to `Checker::new`, checked as a freshly loaded one
    /// is (the error names the account's place in the list; such a list has no lines). The first
    /// problem only.
    pub(crate) fn validated_unlocated(self, source: &str) -> Result<Self, InputError> {
        self.validated(source, |i| (None, format!("accounts[{i}]")), Vec::new())
            .map_err(ListErrors::first)
    }

    /// Check what the type system cannot: ids unique and present, names with letters, valid handles
    /// and hashes, no `|` in an item of a list field (`check_item`). Ids, names, aliases, links and
    /// image paths are trimmed (JSON and CSV read alike: a CSV cell is trimmed), platforms
    /// canonicalised and handles lose any leading `@`. `pre`:
    /// problems the reader found, each with the position of the account it goes before.
    fn validated(
        mut self,
        source: &str,
        locate: impl Fn(usize) -> (Option<usize>, String),
        pre: Vec<(usize, InputError)>,
    ) -> Result<Self, ListErrors> {
        // A valid list is checked without copying its strings (the copies were most of the time of
        // loading a list); the problems of a bad one are found by the reporting pass below.
        if pre.is_empty() && self.is_valid() {
            self.clean_in_place();
            return Ok(self);
        }
        self.all_errors(source, locate, pre)
    }

    /// Whether `all_errors` would find nothing: the same checks, on borrowed text.
    fn is_valid(&self) -> bool {
        if self.accounts.len() > MAX_ACCOUNTS {
            return false;
        }
        let mut ids: HashSet<&str> =
            HashSet::with_capacity_and_hasher(self.accounts.len(), Default::default());
        let handles = self
            .accounts
            .iter()
            .map(|a| a.handles.len() + a.official.len())
            .sum();
        // Each handle's (platform, lowercased handle) as a hash: a list's handles are told apart
        // without copying any (the copies and their set were a third of this check). Two equal
        // hashes may still be two handles: then the exact check below decides.
        let mut owned: HashSet<u64> =
            HashSet::with_capacity_and_hasher(handles, Default::default());
        let mut clash = false;
        let valid = self.accounts.iter().all(|a| {
            let id = a.id.trim();
            !id.is_empty()
                && ids.insert(id)
                && name_is_valid(&a.name)
                && a.aliases
                    .iter()
                    .all(|n| name_is_valid(n) && check_item(n).is_ok())
                && a.handles.iter().chain(&a.official).all(|h| {
                    let Ok(platform) = canonical_platform(&h.platform) else {
                        return false;
                    };
                    let Some(handle) = valid_handle(&h.handle) else {
                        return false;
                    };
                    clash |= !owned.insert(owned_hash(&platform, handle));
                    true
                })
                && a.avatars.iter().all(|av| match av {
                    AvatarRef::Hash(h) => {
                        crate::avatar::PdqHash::from_hex(&h.pdq).is_ok()
                            && h.refs
                                .iter()
                                .all(|r| crate::avatar::matcher::RefHash::parse(r).is_ok())
                            && readable_refs(&h.refs)
                    }
                    AvatarRef::Path(p) => !p.trim().is_empty() && check_item(p).is_ok(),
                })
                && a.links
                    .iter()
                    .all(|l| check_link(l).is_ok() && check_item(l).is_ok())
        });
        valid && (!clash || self.handles_are_distinct())
    }

    /// No platform holds the same handle twice (case aside): `is_valid`'s exact check, with copies.
    fn handles_are_distinct(&self) -> bool {
        let mut owned: HashSet<(Cow<str>, Cow<str>)> = HashSet::default();
        self.accounts
            .iter()
            .flat_map(|a| a.handles.iter().chain(&a.official))
            .all(|h| match canonical_platform(&h.platform) {
                Ok(platform) => owned.insert((platform, lowercase(clean_handle(&h.handle)))),
                Err(_) => false,
            })
    }

    /// What `all_errors` does to a valid list, copying only the strings that change.
    /// Vectors are cut to their length too: read from JSON, one handle held room for four (192 bytes
    /// where 48 do), and the list of accounts up to twice its length (issue 25).
    fn clean_in_place(&mut self) {
        self.accounts.shrink_to_fit();
        for a in &mut self.accounts {
            cut_in_place(&mut a.id, str::trim);
            cut_in_place(&mut a.name, str::trim);
            for text in a.aliases.iter_mut().chain(&mut a.links) {
                cut_in_place(text, str::trim);
            }
            for av in &mut a.avatars {
                if let AvatarRef::Path(p) = av {
                    cut_in_place(p, str::trim);
                }
            }
            for h in a.handles.iter_mut().chain(&mut a.official) {
                // A valid list has only platforms that canonicalise.
                let _ = canonicalize_platform(&mut h.platform);
                cut_in_place(&mut h.handle, clean_handle);
            }
            a.aliases.shrink_to_fit();
            a.handles.shrink_to_fit();
            a.official.shrink_to_fit();
            a.avatars.shrink_to_fit();
            a.links.shrink_to_fit();
        }
    }

    /// Everything wrong with the list, in list order, each named by line and field (with the reader's
    /// problems, `pre`, in their places); or the cleaned list when nothing is (`is_valid` answers the
    /// same question faster).
    fn all_errors(
        mut self,
        source: &str,
        locate: impl Fn(usize) -> (Option<usize>, String),
        pre: Vec<(usize, InputError)>,
    ) -> Result<Self, ListErrors> {
        if self.accounts.len() > MAX_ACCOUNTS {
            return Err(ListErrors::one(
                InputError::new(
                    source,
                    None,
                    Some("accounts"),
                    format!("more than {MAX_ACCOUNTS} accounts"),
                )
                .coded("too_many_accounts", vec![MAX_ACCOUNTS.to_string()]),
            ));
        }
        let mut problems = Problems::default();
        let mut pre = pre.into_iter().peekable();
        let mut seen: HashMap<String, usize> = HashMap::default();
        // One handle belongs to one account: otherwise @x could be "own" for one and "allowed" for another.
        let mut handle_owner: HashMap<(String, String), (String, String)> = HashMap::default();
        for (i, a) in self.accounts.iter_mut().enumerate() {
            while let Some((_, e)) = pre.next_if(|(at, _)| *at <= i) {
                problems.add(|| e);
            }
            // Where the account is, worked out only for an error that is reported.
            let err = |f: &str, p: Problem| {
                let (line, prefix) = locate(i);
                let field = if prefix.is_empty() {
                    f.to_string()
                } else {
                    format!("{prefix}.{f}")
                };
                InputError::from_problem(source, line, Some(&field), p)
            };
            a.id = a.id.trim().to_string();
            if a.id.is_empty() {
                problems.add(|| err("id", Problem::new("id_empty", &[], "id is empty".into())));
            } else if let Some(first) = seen.get(&a.id) {
                problems.add(|| {
                    let (first_line, _) = locate(*first);
                    let at = first_line
                        .map(|l| format!(" (first on line {l})"))
                        .unwrap_or_default();
                    let first_line = first_line.map(|l| l.to_string()).unwrap_or_default();
                    err(
                        "id",
                        Problem::new(
                            "duplicate_id",
                            &[&a.id, &first_line],
                            format!("duplicate id {:?}{at}", a.id),
                        ),
                    )
                });
            } else {
                seen.insert(a.id.clone(), i);
            }
            cut_in_place(&mut a.name, str::trim);
            if let Err(m) = check_name(&a.name) {
                problems.add(|| err("name", m));
            }
            for (j, alias) in a.aliases.iter_mut().enumerate() {
                cut_in_place(alias, str::trim);
                if let Err(m) = check_name(alias).and_then(|()| check_item(alias)) {
                    problems.add(|| err(&format!("aliases[{j}]"), m));
                }
            }
            for (kind, list) in [("handles", &mut a.handles), ("official", &mut a.official)] {
                for (j, h) in list.iter_mut().enumerate() {
                    match canonical_platform(&h.platform) {
                        Ok(p) => h.platform = p.into_owned(),
                        Err(m) => {
                            problems.add(|| err(&format!("{kind}[{j}].platform"), m));
                            continue;
                        }
                    }
                    if let Err(m) = check_handle(&h.handle).and_then(|()| check_item(&h.handle)) {
                        problems.add(|| err(&format!("{kind}[{j}].handle"), m));
                        continue;
                    }
                    h.handle = clean_handle(&h.handle).to_string();
                    let key = (h.platform.clone(), h.handle.to_lowercase());
                    let here = format!("{kind}[{j}]");
                    if let Some((owner, there)) = handle_owner.get(&key) {
                        if *owner != a.id || *there != here {
                            problems.add(|| {
                                let taken = format!("{}:{}", h.platform, h.handle);
                                err(
                                    &format!("{here}.handle"),
                                    Problem::new(
                                        "handle_taken",
                                        &[&taken, owner],
                                        format!(
                                            "{taken} is already listed for account {owner:?} ({there})"
                                        ),
                                    ),
                                )
                            });
                            continue;
                        }
                    }
                    handle_owner.insert(key, (a.id.clone(), here));
                }
            }
            for (j, av) in a.avatars.iter_mut().enumerate() {
                if let AvatarRef::Path(p) = av {
                    cut_in_place(p, str::trim);
                }
                match av {
                    AvatarRef::Hash(h) => {
                        if let Err(m) = crate::avatar::PdqHash::from_hex(&h.pdq) {
                            problems.add(|| err(&format!("avatars[{j}].pdq"), uncoded(m)));
                        }
                        let mut damaged = false;
                        for (k, r) in h.refs.iter().enumerate() {
                            if let Err(m) = crate::avatar::matcher::RefHash::parse(r) {
                                damaged = true;
                                problems
                                    .add(|| err(&format!("avatars[{j}].refs[{k}]"), uncoded(m)));
                            }
                        }
                        if !damaged && !readable_refs(&h.refs) {
                            problems.add(|| {
                                err(
                                    &format!("avatars[{j}].refs"),
                                    uncoded(format!(
                                        "none of its {} references is of a kind this vipguard reads (enrolled by a newer one?): update vipguard, or enroll the picture again",
                                        h.refs.len()
                                    )),
                                )
                            });
                        }
                    }
                    AvatarRef::Path(p) if p.trim().is_empty() => {
                        problems.add(|| {
                            err(
                                &format!("avatars[{j}]"),
                                uncoded("avatar path is empty".into()),
                            )
                        });
                    }
                    AvatarRef::Path(p) => {
                        if let Err(m) = check_item(p) {
                            problems.add(|| err(&format!("avatars[{j}]"), m));
                        }
                    }
                }
            }
            for (j, link) in a.links.iter_mut().enumerate() {
                cut_in_place(link, str::trim);
                if let Err(m) = check_link(link).and_then(|()| check_item(link)) {
                    problems.add(|| err(&format!("links[{j}]"), m));
                }
            }
        }
        for (_, e) in pre {
            problems.add(|| e);
        }
        problems.into_result(self)
    }
}

/// A protected account's web site must read as one: a typo here would silently match nothing.
fn check_link(link: &str) -> Result<(), Problem> {
    match crate::text::bio::host(link.trim()) {
        Some(_) => Ok(()),
        None => Err(Problem::new(
            "link_not_address",
            &[link],
            format!("{link:?} is not a web address (e.g. metamask.io or https://metamask.io)"),
        )),
    }
}

/// An item of a list field (an alias, handle, link or image path) holds no `|`: a CSV list's cell
/// separates its items with it, so such an item could not be written as CSV and read back the same.
/// Refused in every format, so that JSON and CSV take the same lists (no platform's handles hold a
/// `|`, and a web address writes it `%7C`).
fn check_item(item: &str) -> Result<(), Problem> {
    if item.contains('|') {
        return Err(Problem::new(
            "item_bar",
            &[item],
            format!(
                "{item:?} holds a '|', which separates the items of a cell in a CSV list: remove it (in a web address, write %7C)"
            ),
        ));
    }
    Ok(())
}

/// A problem the engine words in English only (picture hashes: written by vipguard, not by people).
fn uncoded(message: String) -> Problem {
    Problem {
        code: "",
        args: Vec::new(),
        message,
    }
}

/// `s`, ASCII, trimmed as `str::trim` trims it: `char::is_whitespace`'s ASCII blanks.
fn trim_ascii_blanks(s: &str) -> &str {
    let blank = |b: &u8| matches!(b, b'\t'..=b'\r' | b' ');
    let b = s.as_bytes();
    let start = b.iter().position(|b| !blank(b)).unwrap_or(b.len());
    let end = b.iter().rposition(|b| !blank(b)).map_or(start, |i| i + 1);
    &s[start..end]
}

/// `check_name` passes: an ASCII name (nearly all) read without decoding it.
fn name_is_valid(name: &str) -> bool {
    if !name.is_ascii() {
        return check_name(name).is_ok();
    }
    let name = trim_ascii_blanks(name);
    // Not empty, as `has_letters` sees an ASCII name, and one byte a character.
    name.len() <= MAX_NAME_CHARS && name.bytes().any(|b| b.is_ascii_alphanumeric())
}

/// The handle cleaned (`clean_handle`) when `check_handle` and `check_item` both pass: an ASCII
/// handle (nearly all) read once, byte by byte.
fn valid_handle(handle: &str) -> Option<&str> {
    if !handle.is_ascii() {
        let ok = check_handle(handle).is_ok() && check_item(handle).is_ok();
        return ok.then(|| clean_handle(handle));
    }
    let trimmed = trim_ascii_blanks(handle);
    let at = trimmed
        .bytes()
        .position(|b| b != b'@')
        .unwrap_or(trimmed.len());
    let h = &trimmed[at..];
    // What is trimmed holds no `|`, and an ASCII character is one byte.
    let ok = !h.is_empty()
        && h.len() <= 100
        && !h
            .bytes()
            .any(|b| matches!(b, b'\t'..=b'\r' | b' ' | b'/' | b'|'));
    ok.then_some(h)
}

/// A hash of the platform and the handle as `lowercase` gives it, the same for any two handles that
/// `lowercase` makes equal: an ASCII handle lowercased byte by byte, any other copied. FNV-1a over
/// the bytes, a byte no UTF-8 text holds between the two, its bits then mixed (SplitMix64's
/// finaliser) for the set's buckets.
fn owned_hash(platform: &str, handle: &str) -> u64 {
    let add = |h: u64, b: u8| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
    let mut h = platform.bytes().fold(0xcbf2_9ce4_8422_2325, add);
    h = add(h, 0xFF);
    h = if handle.is_ascii() {
        handle
            .bytes()
            .fold(h, |h, b| add(h, b.to_ascii_lowercase()))
    } else {
        lowercase(handle).bytes().fold(h, add)
    };
    h = (h ^ (h >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    h = (h ^ (h >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    h ^ (h >> 31)
}

/// Lowercase for comparing handles, copied only when something changes case.
fn lowercase(s: &str) -> Cow<'_, str> {
    if s.is_ascii() && !s.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.to_lowercase())
    }
}

fn check_name(name: &str) -> Result<(), Problem> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Problem::new("name_empty", &[], "name is empty".into()));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(Problem::new(
            "name_too_long",
            &[&MAX_NAME_CHARS.to_string()],
            format!("name is longer than {MAX_NAME_CHARS} characters"),
        ));
    }
    if !has_letters(name) {
        return Err(Problem::new(
            "name_no_letters",
            &[name],
            format!("name {name:?} has no letters or digits to match on"),
        ));
    }
    Ok(())
}

/// The name leaves something to match on once normalised. An ASCII name does exactly when it holds a
/// letter or digit (a test checks this), which spares normalising every name twice when a list loads.
fn has_letters(name: &str) -> bool {
    if name.is_ascii() {
        name.bytes().any(|b| b.is_ascii_alphanumeric())
    } else {
        !crate::text::normalize::normalize(name, MAX_NAME_CHARS).is_empty()
    }
}

/// A JSON list read account by account: the accounts that could be read, the line each starts on,
/// each one's index in the file's `accounts`, and a problem for each that could not (with the position
/// of the account it goes before).
struct JsonAccounts {
    accounts: Vec<Account>,
    lines: Vec<usize>,
    index: Vec<usize>,
    errors: Vec<(usize, InputError)>,
}

/// The accounts of a JSON list and the line each starts on, or an error naming the line and field path
/// when the file as a whole cannot be read.
fn json_accounts_with_lines(text: &str, source: &str) -> Result<JsonAccounts, InputError> {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Outer<'a> {
        #[serde(borrow)]
        accounts: Vec<&'a RawValue>,
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let outer: Outer = serde_path_to_error::deserialize(&mut de)
        .map_err(|e| from_json(source, 1, Some(e.path().to_string()), e.inner()))?;
    de.end().map_err(|e| from_json(source, 1, None, &e))?;
    let n = outer.accounts.len();
    let mut read = JsonAccounts {
        accounts: Vec::with_capacity(n),
        lines: Vec::with_capacity(n),
        index: Vec::with_capacity(n),
        errors: Vec::new(),
    };
    // Line numbers counted incrementally: accounts come in file order (counting from the start for each
    // made loading quadratic in the list's size).
    let (mut counted_to, mut line) = (0usize, 1usize);
    for (i, raw) in outer.accounts.iter().enumerate() {
        // The raw slice borrows from `text`, so its offset gives the account's line.
        let offset = raw.get().as_ptr() as usize - text.as_ptr() as usize;
        line += line_of(&text[counted_to..offset], offset - counted_to) - 1;
        counted_to = offset;
        let mut de = serde_json::Deserializer::from_str(raw.get());
        match serde_path_to_error::deserialize::<_, Account>(&mut de) {
            Ok(account) => {
                read.accounts.push(account);
                read.lines.push(line);
                read.index.push(i);
            }
            Err(e) => {
                let path = format!("accounts[{i}]{}", dotted(&e.path().to_string()));
                read.errors.push((
                    read.accounts.len(),
                    from_json(source, line, Some(path), e.inner()),
                ));
            }
        }
    }
    Ok(read)
}

/// serde_path_to_error prints `handles[0].platform`; inside an account we prefix `accounts[i]`.
fn dotted(path: &str) -> String {
    if path.is_empty() || path == "." {
        String::new()
    } else if path.starts_with('[') {
        path.to_string()
    } else {
        format!(".{path}")
    }
}

/// Whether an avatar's references hold one this version reads (or none at all: a bare `pdq`). A newer
/// enrolment's kinds are skipped (`RefHash::parse`), but an avatar left with nothing to match is no
/// avatar: said, not dropped in silence.
fn readable_refs(refs: &[String]) -> bool {
    refs.is_empty()
        || refs
            .iter()
            .any(|r| matches!(crate::avatar::matcher::RefHash::parse(r), Ok(Some(_))))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    const GOOD: &str = r#"{"accounts": [
  {"id": "vip-001", "name": "Aliko Dangote", "aliases": ["Alhaji Aliko Dangote"],
   "handles": [{"platform": "X", "handle": "@AlikoDangote"}],
   "official": [{"platform": "x", "handle": "DangoteGroup"}],
   "avatars": ["photos/dangote.jpg", {"pdq": "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22"}]}
]}"#;

    /// The fast reader takes exactly the lists the derived struct reader took, with the same accounts:
    /// a field other than `accounts`, `accounts` twice or missing, an escaped key, text after the
    /// list, and "id" written as a value (more reserved, nothing else).
    #[test]
    fn reading_accounts_reserved_takes_what_the_struct_reader_took() {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct List {
            accounts: Vec<Account>,
        }
        let one =
            r#"{"id": "id", "name": "\"id\"", "handles": [{"platform": "x", "handle": "id"}]}"#;
        let lists = [
            GOOD.to_string(),
            format!(r#"{{"accounts": [{one}, {one}]}}"#),
            format!(r#"{{"acc\u006funts": [{one}]}}"#),
            format!(r#"{{"accounts": [{one}], "accounts": []}}"#),
            format!(r#"{{"accounts": [{one}], "extra": 1}}"#),
            format!(r#"{{"accounts": [{one}]}} x"#),
            format!(r#"{{"accounts": [{one}]}}  "#),
            r#"{"accounts": []}"#.to_string(),
            r#"{"accounts": null}"#.to_string(),
            r#"{}"#.to_string(),
            r#"{"accounts": [{"id": "a"}]}"#.to_string(),
        ];
        for text in &lists {
            let want = serde_json::from_str::<List>(text).map(|l| l.accounts).ok();
            assert_eq!(read_accounts(text).ok(), want, "{text}");
        }
        assert_eq!(read_accounts(&lists[1]).unwrap().len(), 2);
    }

    #[test]
    fn reads_the_documented_json() {
        let list = ProtectedList::from_json(GOOD, "l.json").unwrap();
        let a = &list.accounts[0];
        assert_eq!(
            a.handles[0],
            HandleRef {
                platform: "x".into(),
                handle: "AlikoDangote".into()
            }
        );
        assert_eq!(a.avatars.len(), 2);
    }

    fn json_err(text: &str) -> String {
        ProtectedList::from_json(text, "l.json")
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn unknown_field_names_field_and_line() {
        let e = json_err("{\"accounts\": [\n {\"id\": \"a\", \"name\": \"A B\"},\n {\"id\": \"b\", \"nmae\": \"C\"}]}");
        assert!(
            e.starts_with("l.json:3: field `accounts[1].nmae`: unknown field `nmae`"),
            "{e}"
        );
    }

    proptest::proptest! {
        #[test]
        fn ascii_names_have_letters_exactly_when_normalising_leaves_some(name in "[ -~]{0,30}") {
            proptest::prop_assert_eq!(
                has_letters(&name),
                !crate::text::normalize::normalize(&name, MAX_NAME_CHARS).is_empty()
            );
        }
    }

    #[test]
    fn duplicate_ids_are_errors() {
        let e = json_err("{\"accounts\": [\n{\"id\": \"a\", \"name\": \"A B\"},\n{\"id\": \"a\", \"name\": \"C D\"}]}");
        assert_eq!(
            e,
            "l.json:3: field `accounts[1].id`: duplicate id \"a\" (first on line 2)"
        );
    }

    #[test]
    fn bad_values_are_located() {
        assert!(
            json_err(r#"{"accounts": [{"id": "a", "name": "✅"}]}"#).contains("accounts[0].name")
        );
        assert!(json_err(r#"{"accounts": [{"id": "a", "name": "A", "handles": [{"platform": "x", "handle": ""}]}]}"#)
            .contains("accounts[0].handles[0].handle`: handle is empty"));
        assert!(json_err(
            r#"{"accounts": [{"id": "a", "name": "A", "avatars": [{"pdq": "zz"}]}]}"#
        )
        .contains("avatars[0].pdq"));
        assert!(json_err(
            r#"{"accounts": [{"id": "a", "name": "A", "handles": [{"platform": "x"}]}]}"#
        )
        .contains("missing field `handle`"));
        let e = json_err("{\"accounts\": [");
        assert!(e.starts_with("l.json:1: ") && e.contains("EOF"), "{e}");
        assert!(json_err("[]").contains("expected a JSON object"));
        assert!(json_err("{}").contains("missing field `accounts`"));
        assert!(json_err(r#"{"accounts": [{"id": " ", "name": "A"}]}"#).contains("id is empty"));
    }

    #[test]
    fn line_numbers_stay_right_deep_into_a_long_list() {
        let mut text = String::from("{\"accounts\": [\n");
        for i in 0..500 {
            text.push_str(&format!(
                "  {{\"id\": \"a{i}\",\n   \"name\": \"Name {i}\"}},\n"
            ));
        }
        text.push_str("  {\"id\": \"a7\", \"name\": \"Again\"}\n]}");
        assert_eq!(
            json_err(&text),
            "l.json:1002: field `accounts[500].id`: duplicate id \"a7\" (first on line 16)"
        );
    }

    #[test]
    fn a_handle_belongs_to_one_account() {
        let e = json_err(
            r#"{"accounts": [{"id": "a", "name": "A B", "handles": [{"platform": "x", "handle": "AlikoDangote"}]},
            {"id": "b", "name": "C D", "official": [{"platform": "x", "handle": "alikodangote"}]}]}"#,
        );
        assert!(e.contains("accounts[1].official[0].handle`: x:alikodangote is already listed for account \"a\" (handles[0])"), "{e}");
    }

    #[test]
    fn reads_csv() {
        let csv = "id,name,aliases,handles,official,avatars\nvip-1,Aliko Dangote,Alhaji Aliko Dangote,x:AlikoDangote|instagram:aliko,x:DangoteGroup,pdq:f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22\n";
        let list = ProtectedList::from_csv(csv, "l.csv").unwrap();
        assert_eq!(list.accounts[0].handles.len(), 2);
        assert_eq!(list.accounts[0].official[0].handle, "DangoteGroup");
    }

    #[test]
    fn reads_csv_separated_by_semicolons_or_tabs() {
        let comma = "id,name,handles\nvip-1,\"Dangote, Aliko\",x:AlikoDangote|x:Dangote\n";
        let want = ProtectedList::from_csv(comma, "l.csv").unwrap();
        assert_eq!(want.accounts[0].name, "Dangote, Aliko");
        for sep in [";", "\t"] {
            let text = comma
                .replace(',', sep)
                .replace(&format!("Dangote{sep} Aliko"), "Dangote, Aliko");
            let list = ProtectedList::from_csv(&text, "l.csv").unwrap();
            assert_eq!(list.accounts[0].name, want.accounts[0].name, "{sep:?}");
            assert_eq!(
                list.accounts[0].handles, want.accounts[0].handles,
                "{sep:?}"
            );
        }
        // An unclosed quote is still found with semicolons.
        let e = ProtectedList::from_csv("id;name\na;\"Ada\nb;Bea\n", "l.csv").unwrap_err();
        assert_eq!(e.line, Some(2));
    }

    #[test]
    fn an_unclosed_quote_in_a_csv_list_names_its_line() {
        let text =
            "id,name,handles\na,Ada Obi,x:adaobi\nb,\"Bea Obi,x:beaobi\nc,Cee Obi,x:ceeobi\n";
        let e = ProtectedList::from_csv(text, "l.csv").unwrap_err();
        assert_eq!(e.line, Some(3));
        assert!(e.message.contains("never closed"), "{e}");
    }

    #[test]
    fn csv_errors_name_line_and_column() {
        let e = ProtectedList::from_csv("id,name,handle\n", "l.csv")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("l.csv:1: field `handle`: unknown column"),
            "{e}"
        );
        let e = ProtectedList::from_csv("id,name,handles\na,A B,AlikoDangote\n", "l.csv")
            .unwrap_err()
            .to_string();
        assert_eq!(e, "l.csv:2: field `handles`: \"AlikoDangote\" is not platform:handle (e.g. x:AlikoDangote)");
        let e = ProtectedList::from_csv("id,name\na,A B\nb\n", "l.csv")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("l.csv:3: row has 1 fields"), "{e}");
        let e = ProtectedList::from_csv("id,name\na,A B\na,C\n", "l.csv")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("l.csv:3: field `id`: duplicate id"), "{e}");
        let e = ProtectedList::from_csv("id,name,links\na,A B,metamask.io|metamask\n", "l.csv")
            .unwrap_err()
            .to_string();
        assert_eq!(e, "l.csv:2: field `links[1]`: \"metamask\" is not a web address (e.g. metamask.io or https://metamask.io)");
    }

    /// Each problem people make carries a code and its values, for an interface that words it in its
    /// own language (the extension's catalogues); the English message stays the command line's.
    #[test]
    fn problems_carry_codes_and_values() {
        let coded = |text: &str, source: &str| -> Vec<(Option<usize>, &'static str, Vec<String>)> {
            ProtectedList::parse_all(text, source)
                .unwrap_err()
                .errors
                .into_iter()
                .map(|e| (e.line, e.code.unwrap_or("-"), e.args))
                .collect()
        };
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        for (source, text, want) in [
            (
                "l.json",
                "{\"accounts\": [\n{\"id\": \"a\", \"name\": \"Ada\"},\n{\"id\": \"b\"},\n{\"id\": \"a\", \"name\": \"Ade\"},\n{\"id\": \"c\", \"name\": \"Cee\", \"handles\": [{\"platform\": \"x\", \"handle\": \"C e\"}]},\n{\"id\": \"d\", \"name\": \"Dee\", \"handels\": []}]}",
                vec![
                    (Some(3), "missing_field", s(&["name"])),
                    (Some(4), "duplicate_id", s(&["a", "2"])),
                    (Some(5), "handle_blank", s(&["C e"])),
                    (
                        Some(6),
                        "unknown_field",
                        s(&["handels", "handles", "id, name, kind, aliases, handles, official, avatars, links"]),
                    ),
                ],
            ),
            (
                "l.csv",
                "id,name,handles,nmae\n",
                vec![(
                    Some(1),
                    "unknown_column",
                    s(&["nmae", "name", "id, name, kind, aliases, handles, official, avatars, links"]),
                )],
            ),
            (
                "l.csv",
                "id,handles\n",
                vec![(Some(1), "missing_column", s(&["name"]))],
            ),
            (
                "l.csv",
                "id,name,handles,links\na,Ada,x:https://x.com/ada,\nb,!!,my site:ada|x:ada2,nowhere\n",
                vec![
                    (Some(2), "handle_address", s(&["https://x.com/ada"])),
                    (Some(3), "name_no_letters", s(&["!!"])),
                    (Some(3), "platform_unknown", s(&["my site"])),
                    (Some(3), "link_not_address", s(&["nowhere"])),
                ],
            ),
            (
                "l.csv",
                "id,name,kind\na,Access Bank,bank\n",
                vec![(Some(2), "bad_kind", s(&["bank"]))],
            ),
            (
                "l.json",
                "{\"accounts\": [\n{\"id\": \"a\", \"name\": \"Access Bank\", \"kind\": \"company\"}]}",
                vec![(Some(2), "bad_kind", s(&["company"]))],
            ),
        ] {
            assert_eq!(coded(text, source), want, "{text}");
        }
    }

    #[test]
    fn every_problem_is_reported_and_the_first_is_the_single_readers_error() {
        let text = "id,name,handles\na,Ada Obi,x:ada\na,,nocolon\nb,Bea Obi,x:ada\n";
        let all = ProtectedList::from_csv_all(text, "l.csv").unwrap_err();
        let got: Vec<String> = all.errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            got,
            [
                "l.csv:3: field `handles`: \"nocolon\" is not platform:handle (e.g. x:AlikoDangote)",
                "l.csv:3: field `id`: duplicate id \"a\" (first on line 2)",
                "l.csv:3: field `name`: name is empty",
                "l.csv:4: field `handles[0].handle`: x:ada is already listed for account \"a\" (handles[0])",
            ]
        );
        assert_eq!(all.total, 4);
        assert!(all.to_string().ends_with("\n4 problems"));
        assert_eq!(
            ProtectedList::from_csv(text, "l.csv").unwrap_err(),
            all.errors[0]
        );
        // A single problem reads as it always has, with no count.
        let one = ProtectedList::parse_all(
            "{\"accounts\": [{\"id\": \"a\", \"name\": \"\"}]}",
            "l.json",
        )
        .unwrap_err();
        assert_eq!(one.total, 1);
        assert_eq!(
            one.to_string(),
            "l.json:1: field `accounts[0].name`: name is empty"
        );
    }

    #[test]
    fn links_are_web_addresses() {
        let e = json_err(
            r#"{"accounts": [{"id": "a", "name": "A", "links": ["https://metamask.io", "not a site"]}]}"#,
        );
        assert!(
            e.contains("field `accounts[0].links[1]`: \"not a site\" is not a web address"),
            "{e}"
        );
        let ok = ProtectedList::from_csv(
            "id,name,links\na,A B,metamask.io | https://support.metamask.io/x\n",
            "l.csv",
        )
        .unwrap();
        assert_eq!(
            ok.accounts[0].links,
            ["metamask.io", "https://support.metamask.io/x"]
        );
    }

    #[test]
    fn kind_is_brand_person_or_unsaid() {
        let ok = ProtectedList::from_json(
            r#"{"accounts": [{"id": "a", "name": "Access Bank", "kind": "brand"}, {"id": "b", "name": "Ada Obi"}]}"#,
            "l.json",
        )
        .unwrap();
        assert_eq!(ok.accounts[0].kind, Some(AccountKind::Brand));
        assert_eq!(ok.accounts[1].kind, None);
        let e = json_err(r#"{"accounts": [{"id": "a", "name": "A", "kind": "company"}]}"#);
        assert!(
            e.contains("unknown variant `company`") && e.contains("brand"),
            "{e}"
        );
        let ok = ProtectedList::from_csv(
            "id,name,kind\na,Access Bank,Brand\nb,Ada Obi,person\nc,Bea Obi,\n",
            "l.csv",
        )
        .unwrap();
        let kinds: Vec<_> = ok.accounts.iter().map(|a| a.kind).collect();
        assert_eq!(
            kinds,
            [Some(AccountKind::Brand), Some(AccountKind::Person), None]
        );
        let e = ProtectedList::from_csv("id,name,kind\na,A B,bank\n", "l.csv")
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "l.csv:2: field `kind`: \"bank\" is not a kind: brand, person or empty"
        );
    }

    // The fast check and in-place cleaning agree with the reporting pass on lists mixing every kind
    // of mistake: the same lists pass, and they come out the same.
    proptest::proptest! {
        // Most generated lists have a mistake; enough cases that valid ones with clashing handles occur.
        #![proptest_config(proptest::test_runner::Config::with_cases(4096))]
        #[test]
        fn fast_validation_agrees_with_the_reporting_pass(accounts in proptest::collection::vec(account(), 0..5)) {
            let list = ProtectedList { accounts };
            let slow = list.clone().all_errors("l.json", |i| (Some(i + 2), format!("accounts[{i}]")), Vec::new());
            proptest::prop_assert_eq!(list.is_valid(), slow.is_ok());
            if let Ok(slow) = slow {
                let mut fast = list;
                fast.clean_in_place();
                proptest::prop_assert_eq!(fast, slow);
            }
        }

    }

    /// The fast check's ASCII paths (`name_is_valid`, `valid_handle`, `owned_hash`) on the edges
    /// the reporting pass draws: each blank `str::trim` trims, the length limits, and two handles
    /// that only lowercasing makes one (K and the Kelvin sign).
    #[test]
    fn fast_validation_agrees_on_blanks_lengths_and_lowercased_handles() {
        let long = |n: usize| "a".repeat(n);
        let mut names: Vec<String> = ["\u{b}Ada\u{c}", "\u{b}", " \t\n\r ", "!", "\u{1c}"]
            .map(String::from)
            .to_vec();
        names.extend([long(MAX_NAME_CHARS), long(MAX_NAME_CHARS + 1)]);
        names.push(format!(" {} ", long(MAX_NAME_CHARS)));
        let mut handles: Vec<String> = [
            "@@ada",
            "@ ada",
            "ad\u{b}a",
            "ada\u{c}",
            "\u{1c}ada",
            "a/b",
            "a|b",
            "@",
            " ",
        ]
        .map(String::from)
        .to_vec();
        handles.extend([long(100), long(101), format!("@{}", long(100)), long(130)]);
        let check = |accounts: Vec<Account>| {
            let list = ProtectedList { accounts };
            let slow =
                list.clone()
                    .all_errors("l.json", |i| (Some(i + 2), String::new()), Vec::new());
            assert_eq!(list.is_valid(), slow.is_ok(), "{:?}", list.accounts);
        };
        let account = |id: &str, name: &str, handles: &[&str]| Account {
            id: id.into(),
            name: name.into(),
            handles: handles
                .iter()
                .map(|h| HandleRef {
                    platform: "x".into(),
                    handle: h.to_string(),
                })
                .collect(),
            kind: None,
            aliases: Vec::new(),
            official: Vec::new(),
            avatars: Vec::new(),
            links: Vec::new(),
        };
        for name in &names {
            check(vec![account("a", name, &[])]);
        }
        for h in &handles {
            check(vec![account("a", "Ada", &[h])]);
        }
        // The same handle but for case, within an account and across two: refused.
        for (x, y) in [
            ("Kate", "\u{212A}ate"),
            ("KATE", "kate"),
            ("ΩMEGA", "ωmega"),
            (&long(130), &long(130).to_uppercase()),
        ] {
            check(vec![account("a", "Ada", &[x, y])]);
            check(vec![account("a", "Ada", &[x]), account("b", "Bea", &[y])]);
            let list = ProtectedList {
                accounts: vec![account("a", "Ada", &[x]), account("b", "Bea", &[y])],
            };
            assert!(!list.is_valid(), "{x} and {y} are one handle");
        }
    }

    /// Accounts mixing every kind of mistake, for property tests here and in `snapshot`.
    pub(crate) fn account() -> impl proptest::strategy::Strategy<Value = Account> {
        use proptest::prelude::*;
        use proptest::sample::select;
        let text = |v: &[&str]| select(v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        let handle = (
            text(&["x", "X", " twitter", "ig", "my site", "", "mastodon"]),
            // \u{212A} (Kelvin sign) lowercases to an ASCII k: "Kate" twice, told apart by bytes.
            text(&[
                "@ada",
                "Ada",
                "ada ",
                "a b",
                "",
                "bob",
                "Ωmega",
                "ωmega",
                "Kate",
                "\u{212A}ate",
                "a\u{b}b",
                "a|b",
                "\u{a0}bob",
            ]),
        )
            .prop_map(|(platform, handle)| HandleRef { platform, handle });
        let pdq = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";
        let avatar = select(vec![
            AvatarRef::Path("p.jpg".into()),
            AvatarRef::Path(" ".into()),
            AvatarRef::Hash(AvatarHash {
                pdq: pdq.into(),
                refs: vec![],
            }),
            AvatarRef::Hash(AvatarHash {
                pdq: "zz".into(),
                refs: vec![],
            }),
            AvatarRef::Hash(AvatarHash {
                pdq: pdq.into(),
                refs: vec!["bad".into()],
            }),
        ]);
        (
            text(&["a", " a", "b", "c ", "", "d"]),
            text(&[
                "Ada Obi",
                "Bea",
                "",
                "!!",
                "Ωmega Obi",
                "\u{b}Ada\u{c}",
                " \t\r ",
            ]),
            proptest::collection::vec(text(&["Ada", "", "?"]), 0..2),
            proptest::collection::vec(handle.clone(), 0..3),
            proptest::collection::vec(handle, 0..2),
            proptest::collection::vec(avatar, 0..2),
            proptest::collection::vec(text(&["metamask.io", "", "not a site"]), 0..2),
            select(vec![
                None,
                Some(AccountKind::Brand),
                Some(AccountKind::Person),
            ]),
        )
            .prop_map(
                |(id, name, aliases, handles, official, avatars, links, kind)| Account {
                    kind,
                    id,
                    name,
                    aliases,
                    handles,
                    official,
                    avatars,
                    links,
                },
            )
    }
}
