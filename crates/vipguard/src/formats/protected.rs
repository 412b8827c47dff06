//! The protected list: the people and brands a team guards, read from JSON or CSV.
//!
//! JSON: `{"accounts": [{"id", "name", "aliases"?, "handles"?, "official"?, "avatars"?, "links"?}]}`.
//! CSV columns (header required, any order): `id`, `name`, `aliases`, `handles`, `official`, `avatars`,
//! `links` (the account's own web sites: `metamask.io|https://support.metamask.io`);
//! list cells separate items with `|`; handles are `platform:handle` (e.g. `x:AlikoDangote|instagram:aliko`);
//! avatars are image paths or `pdq:<64 hex>`.
//! Unknown fields and columns are errors, so a typo never silently drops data.

use crate::formats::csv::{blank_row, csv_columns, csv_error, csv_reader, is_csv_name};
use crate::formats::error::{from_json, line_of, InputError};
use crate::text::limits::MAX_NAME_CHARS;
use crate::text::platform::{
    canonical_platform, canonicalize_platform, check_handle, clean_handle, cut_in_place,
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

/// One protected person or brand.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Account {
    /// Unique id, returned as a result's `match`.
    pub id: String,
    /// The name people know them by.
    pub name: String,
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

impl ProtectedList {
    /// Read a list from `text`; `source` names it in errors. CSV when `source` ends in `.csv` or `.tsv`.
    pub fn parse(text: &str, source: &str) -> Result<Self, InputError> {
        if is_csv_name(source) {
            Self::from_csv(text, source)
        } else {
            Self::from_json(text, source)
        }
    }

    /// Read a JSON list; `source` names it in errors.
    pub fn from_json(text: &str, source: &str) -> Result<Self, InputError> {
        if !text
            .trim_start()
            .trim_start_matches('\u{feff}')
            .starts_with('{')
        {
            return Err(InputError::new(
                source,
                Some(1),
                None,
                "expected a JSON object {\"accounts\": [...]}",
            ));
        }
        let text = text.trim_start_matches('\u{feff}');
        // A list that parses is read in one pass; the line of each account is worked out only when
        // something needs reporting, by the slower reader that tracks lines and paths (a third of the
        // time of building a checker went on it).
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct List {
            accounts: Vec<Account>,
        }
        // Plain serde_json here: tracking the path allocates a string per field name read, which made
        // this reader 2.5 times slower.
        let accounts = match serde_json::from_str::<List>(text) {
            Ok(list) => list.accounts,
            Err(_) => json_accounts_with_lines(text, source)?.0,
        };
        let line = |i: usize| {
            json_accounts_with_lines(text, source)
                .ok()
                .and_then(|(_, lines)| lines.get(i).copied())
        };
        ProtectedList { accounts }.validated(source, |i| (line(i), format!("accounts[{i}]")))
    }

    /// Read a CSV list (comma, semicolon or tab separated); `source` names it in errors.
    pub fn from_csv(text: &str, source: &str) -> Result<Self, InputError> {
        const COLUMNS: [&str; 7] = [
            "id", "name", "aliases", "handles", "official", "avatars", "links",
        ];
        let mut sheet = csv_reader(text, source, false)?;
        let headers = match sheet.reader.headers() {
            Ok(h) => h.clone(),
            Err(e) => return Err(csv_error(source, &e, &mut sheet)),
        };
        let col = csv_columns(&headers, &COLUMNS, &["id", "name"], source)?;
        let mut accounts = Vec::new();
        let mut lines = Vec::new();
        let mut rec = csv::StringRecord::new();
        loop {
            match sheet.reader.read_record(&mut rec) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => return Err(csv_error(source, &e, &mut sheet)),
            }
            if blank_row(&rec) {
                continue;
            }
            let line = sheet.line(rec.position());
            let cell = |name: &str| col.get(name).and_then(|&i| rec.get(i)).unwrap_or("").trim();
            let items = |name: &str| -> Vec<String> {
                cell(name)
                    .split('|')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect()
            };
            let handles = |name: &str| -> Result<Vec<HandleRef>, InputError> {
                items(name)
                    .into_iter()
                    .map(|item| match item.split_once(':') {
                        Some((p, h)) => Ok(HandleRef {
                            platform: p.trim().into(),
                            handle: h.trim().into(),
                        }),
                        None => Err(InputError::new(
                            source,
                            Some(line),
                            Some(name),
                            format!("{item:?} is not platform:handle (e.g. x:AlikoDangote)"),
                        )),
                    })
                    .collect()
            };
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
            accounts.push(Account {
                id: cell("id").into(),
                name: cell("name").into(),
                aliases: items("aliases"),
                handles: handles("handles")?,
                official: handles("official")?,
                avatars,
                links: items("links"),
            });
            lines.push(Some(line));
        }
        let list = ProtectedList { accounts };
        list.validated(source, |i| (lines[i], String::new()))
    }

    /// Check what the type system cannot: ids unique and present, names with letters, valid handles
    /// and hashes. Ids are trimmed, platforms canonicalised and handles lose any leading `@`.
    fn validated(
        mut self,
        source: &str,
        locate: impl Fn(usize) -> (Option<usize>, String),
    ) -> Result<Self, InputError> {
        // A valid list is checked without copying its strings (the copies were most of the time of
        // loading a list); the first error of a bad one is found by the reporting pass below.
        if self.is_valid() {
            self.clean_in_place();
            return Ok(self);
        }
        self.first_error(source, locate)
    }

    /// Whether `first_error` would find nothing: the same checks, on borrowed text.
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
        let mut owned: HashSet<(Cow<str>, Cow<str>)> =
            HashSet::with_capacity_and_hasher(handles, Default::default());
        self.accounts.iter().all(|a| {
            let id = a.id.trim();
            !id.is_empty()
                && ids.insert(id)
                && check_name(&a.name).is_ok()
                && a.aliases.iter().all(|n| check_name(n).is_ok())
                && a.handles.iter().chain(&a.official).all(|h| {
                    let Ok(platform) = canonical_platform(&h.platform) else {
                        return false;
                    };
                    check_handle(&h.handle).is_ok()
                        && owned.insert((platform, lowercase(clean_handle(&h.handle))))
                })
                && a.avatars.iter().all(|av| match av {
                    AvatarRef::Hash(h) => {
                        crate::avatar::PdqHash::from_hex(&h.pdq).is_ok()
                            && h.refs
                                .iter()
                                .all(|r| crate::avatar::matcher::RefHash::parse(r).is_ok())
                    }
                    AvatarRef::Path(p) => !p.trim().is_empty(),
                })
                && a.links.iter().all(|l| check_link(l).is_ok())
        })
    }

    /// What `first_error` does to a valid list, copying only the strings that change.
    fn clean_in_place(&mut self) {
        for a in &mut self.accounts {
            cut_in_place(&mut a.id, str::trim);
            for h in a.handles.iter_mut().chain(&mut a.official) {
                // A valid list has only platforms that canonicalise.
                let _ = canonicalize_platform(&mut h.platform);
                cut_in_place(&mut h.handle, clean_handle);
            }
        }
    }

    /// The first thing wrong with the list, in list order, named by line and field; or the cleaned
    /// list when nothing is (`is_valid` answers the same question faster).
    fn first_error(
        mut self,
        source: &str,
        locate: impl Fn(usize) -> (Option<usize>, String),
    ) -> Result<Self, InputError> {
        if self.accounts.len() > MAX_ACCOUNTS {
            return Err(InputError::new(
                source,
                None,
                Some("accounts"),
                format!("more than {MAX_ACCOUNTS} accounts"),
            ));
        }
        let mut seen: HashMap<String, usize> = HashMap::default();
        // One handle belongs to one account: otherwise @x could be "own" for one and "allowed" for another.
        let mut handle_owner: HashMap<(String, String), (String, String)> = HashMap::default();
        for (i, a) in self.accounts.iter_mut().enumerate() {
            // Where the account is, worked out only for an error.
            let err = |f: &str, msg: String| {
                let (line, prefix) = locate(i);
                let field = if prefix.is_empty() {
                    f.to_string()
                } else {
                    format!("{prefix}.{f}")
                };
                InputError::new(source, line, Some(&field), msg)
            };
            a.id = a.id.trim().to_string();
            if a.id.is_empty() {
                return Err(err("id", "id is empty".into()));
            }
            if let Some(first) = seen.insert(a.id.clone(), i) {
                let (first_line, _) = locate(first);
                let at = first_line
                    .map(|l| format!(" (first on line {l})"))
                    .unwrap_or_default();
                return Err(err("id", format!("duplicate id {:?}{at}", a.id)));
            }
            check_name(&a.name).map_err(|m| err("name", m))?;
            for (j, alias) in a.aliases.iter().enumerate() {
                check_name(alias).map_err(|m| err(&format!("aliases[{j}]"), m))?;
            }
            for (kind, list) in [("handles", &mut a.handles), ("official", &mut a.official)] {
                for (j, h) in list.iter_mut().enumerate() {
                    h.platform = canonical_platform(&h.platform)
                        .map_err(|m| err(&format!("{kind}[{j}].platform"), m))?
                        .into_owned();
                    check_handle(&h.handle).map_err(|m| err(&format!("{kind}[{j}].handle"), m))?;
                    h.handle = clean_handle(&h.handle).to_string();
                    let key = (h.platform.clone(), h.handle.to_lowercase());
                    let here = format!("{kind}[{j}]");
                    if let Some((owner, there)) = handle_owner.get(&key) {
                        if *owner != a.id || *there != here {
                            return Err(err(
                                &format!("{here}.handle"),
                                format!(
                                    "{}:{} is already listed for account {owner:?} ({there})",
                                    h.platform, h.handle
                                ),
                            ));
                        }
                    }
                    handle_owner.insert(key, (a.id.clone(), here));
                }
            }
            for (j, av) in a.avatars.iter().enumerate() {
                match av {
                    AvatarRef::Hash(h) => {
                        crate::avatar::PdqHash::from_hex(&h.pdq)
                            .map_err(|m| err(&format!("avatars[{j}].pdq"), m))?;
                        for (k, r) in h.refs.iter().enumerate() {
                            crate::avatar::matcher::RefHash::parse(r)
                                .map_err(|m| err(&format!("avatars[{j}].refs[{k}]"), m))?;
                        }
                    }
                    AvatarRef::Path(p) if p.trim().is_empty() => {
                        return Err(err(&format!("avatars[{j}]"), "avatar path is empty".into()));
                    }
                    _ => {}
                }
            }
            for (j, link) in a.links.iter().enumerate() {
                check_link(link).map_err(|m| err(&format!("links[{j}]"), m))?;
            }
        }
        Ok(self)
    }
}

/// A protected account's web site must read as one: a typo here would silently match nothing.
fn check_link(link: &str) -> Result<(), String> {
    match crate::text::bio::host(link.trim()) {
        Some(_) => Ok(()),
        None => Err(format!(
            "{link:?} is not a web address (e.g. metamask.io or https://metamask.io)"
        )),
    }
}

/// Lowercase for comparing handles, copied only when something changes case.
fn lowercase(s: &str) -> Cow<'_, str> {
    if s.is_ascii() && !s.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.to_lowercase())
    }
}

fn check_name(name: &str) -> Result<(), String> {
    if name.trim().is_empty() {
        return Err("name is empty".into());
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(format!("name is longer than {MAX_NAME_CHARS} characters"));
    }
    if !has_letters(name) {
        return Err(format!(
            "name {name:?} has no letters or digits to match on"
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

/// The accounts of a JSON list and the line each starts on, or an error naming the line and field path.
fn json_accounts_with_lines(
    text: &str,
    source: &str,
) -> Result<(Vec<Account>, Vec<usize>), InputError> {
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
    let mut accounts = Vec::with_capacity(outer.accounts.len());
    let mut lines = Vec::with_capacity(outer.accounts.len());
    // Line numbers counted incrementally: accounts come in file order (counting from the start for each
    // made loading quadratic in the list's size).
    let (mut counted_to, mut line) = (0usize, 1usize);
    for (i, raw) in outer.accounts.iter().enumerate() {
        // The raw slice borrows from `text`, so its offset gives the account's line.
        let offset = raw.get().as_ptr() as usize - text.as_ptr() as usize;
        line += line_of(&text[counted_to..offset], offset - counted_to) - 1;
        counted_to = offset;
        let mut de = serde_json::Deserializer::from_str(raw.get());
        let account: Account = serde_path_to_error::deserialize(&mut de).map_err(|e| {
            let path = format!("accounts[{i}]{}", dotted(&e.path().to_string()));
            from_json(source, line, Some(path), e.inner())
        })?;
        accounts.push(account);
        lines.push(line);
    }
    Ok((accounts, lines))
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

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    const GOOD: &str = r#"{"accounts": [
  {"id": "vip-001", "name": "Aliko Dangote", "aliases": ["Alhaji Aliko Dangote"],
   "handles": [{"platform": "X", "handle": "@AlikoDangote"}],
   "official": [{"platform": "x", "handle": "DangoteGroup"}],
   "avatars": ["photos/dangote.jpg", {"pdq": "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22"}]}
]}"#;

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

    // The fast check and in-place cleaning agree with the reporting pass on lists mixing every kind
    // of mistake: the same lists pass, and they come out the same.
    proptest::proptest! {
        // Most generated lists have a mistake; enough cases that valid ones with clashing handles occur.
        #![proptest_config(proptest::test_runner::Config::with_cases(4096))]
        #[test]
        fn fast_validation_agrees_with_the_reporting_pass(accounts in proptest::collection::vec(account(), 0..5)) {
            let list = ProtectedList { accounts };
            let slow = list.clone().first_error("l.json", |i| (Some(i + 2), format!("accounts[{i}]")));
            proptest::prop_assert_eq!(list.is_valid(), slow.is_ok());
            if let Ok(slow) = slow {
                let mut fast = list;
                fast.clean_in_place();
                proptest::prop_assert_eq!(fast, slow);
            }
        }

    }

    /// Accounts mixing every kind of mistake, for property tests here and in `snapshot`.
    pub(crate) fn account() -> impl proptest::strategy::Strategy<Value = Account> {
        use proptest::prelude::*;
        use proptest::sample::select;
        let text = |v: &[&str]| select(v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        let handle = (
            text(&["x", "X", " twitter", "ig", "my site", "", "mastodon"]),
            text(&["@ada", "Ada", "ada ", "a b", "", "bob", "Ωmega", "ωmega"]),
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
            text(&["Ada Obi", "Bea", "", "!!", "Ωmega Obi"]),
            proptest::collection::vec(text(&["Ada", "", "?"]), 0..2),
            proptest::collection::vec(handle.clone(), 0..3),
            proptest::collection::vec(handle, 0..2),
            proptest::collection::vec(avatar, 0..2),
            proptest::collection::vec(text(&["metamask.io", "", "not a site"]), 0..2),
        )
            .prop_map(
                |(id, name, aliases, handles, official, avatars, links)| Account {
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
