//! A built checker saved as bytes, and restored without building it again.
//!
//! Building a checker normalises every name and handle of the list and hashes their keys: in a browser
//! service worker that has just started (V8's baseline tier) that takes several times as long as the
//! same work natively, and a worker is restarted after every idle spell. Restoring reads the list and
//! the finished index back, and leaves each account's own keys to be worked out the first time a check
//! compares with it.
//!
//! Layout (integers little-endian): the magic bytes, the format number, the crate version, the key of
//! the list it was built from, a checksum of the body, then the body: the list (counted strings), then
//! the index's arrays. A snapshot is only read by the same crate version and format: keys depend on the
//! normalisation tables, so an older snapshot could miss matches without any error.
//!
//! The checksum catches damage, not tampering: anyone who can write a snapshot can compute it again.
//! So a snapshot is restored only for the list it was built from (the caller's key of that list, a hash
//! of it as stored, must match), and the list inside it is validated as a freshly loaded list is: a
//! crafted snapshot can neither stand in for another list nor bring in a list that would be refused.

use crate::candidates::Index;
use crate::codec::{Reader, Writer};
use crate::formats::InputError;
use crate::formats::{
    Account, AccountKind, AvatarHash, AvatarRef, HandleRef, ProtectedList, MAX_ACCOUNTS,
};
use crate::verdict::Checker;

const MAGIC: &[u8; 8] = b"VIPGSNAP";
/// Bumped whenever the layout or the meaning of any saved array changes.
const FORMAT: u32 = 12;
const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The checker as bytes for `restore`. `list_key` names the stored list the checker was built from (a
/// hash of it as stored, such as its SHA-256 in hex): `restore` takes the snapshot only with the same
/// key. The same list and key give the same bytes on every platform.
pub fn save(checker: &Checker, list_key: &str) -> Vec<u8> {
    let mut out = Writer::default();
    out.bytes(MAGIC);
    out.u32(FORMAT);
    out.str(VERSION);
    out.str(list_key);
    // The checksum's place, filled in once the body is written behind it (no second copy of the body).
    let sum_at = out.0.len();
    out.u64(0);
    write_list(&mut out, checker.list());
    checker.index().write(&mut out);
    let sum = checksum(&out.0[sum_at + 8..]);
    out.0[sum_at..sum_at + 8].copy_from_slice(&sum.to_le_bytes());
    out.0
}

/// A checker from `save`'s bytes; `source` names them in errors; `list_key` is the key of the stored
/// list as `save` was given it. A snapshot of another format or crate version, of another list (its key
/// differs), a truncated or altered one, one whose list a fresh load would refuse, or one whose index
/// tables have impossible sizes, is an error.
pub fn restore(bytes: &[u8], source: &str, list_key: &str) -> Result<Checker, InputError> {
    let fail = |field: &str, message: String| InputError::new(source, None, Some(field), message);
    let mut r = Reader::new(bytes);
    let magic = r.take(MAGIC.len()).map_err(|e| fail("header", e))?;
    if magic != MAGIC {
        return Err(InputError::new(
            source,
            None,
            None,
            "not a vipguard snapshot (it does not start with VIPGSNAP)",
        ));
    }
    let format = r.u32().map_err(|e| fail("header", e))?;
    let version = r.str().map_err(|e| fail("header", e))?;
    if format != FORMAT || version != VERSION {
        return Err(InputError::new(
            source,
            None,
            None,
            format!(
                "snapshot made by vipguard {version} (format {format}); this is vipguard \
                 {VERSION} (format {FORMAT}): build the checker from the list again"
            ),
        ));
    }
    let key = r.str().map_err(|e| fail("header", e))?;
    if key != list_key {
        return Err(InputError::new(
            source,
            None,
            None,
            "snapshot was built from another list (its key is not the stored list's): build the \
             checker from the list again",
        ));
    }
    let sum = r.u64().map_err(|e| fail("header", e))?;
    let body = r.rest();
    if checksum(body) != sum {
        return Err(InputError::new(
            source,
            None,
            None,
            "snapshot is damaged (its checksum does not match): build the checker from the list again",
        ));
    }
    let mut r = Reader::new(body);
    let list = read_list(&mut r).map_err(|(field, e)| fail(&field, e))?;
    // Checked as a list read from a file is: a list that could not be loaded is not restored either.
    let list = list.validated_unlocated(source)?;
    let index = Index::read(&mut r).map_err(|(field, e)| fail(&format!("index.{field}"), e))?;
    if !r.rest().is_empty() {
        return Err(fail(
            "index",
            format!("{} bytes left over after the index", r.rest().len()),
        ));
    }
    Ok(Checker::restored(list, index))
}

/// A 64-bit checksum over 8-byte words: catches a snapshot cut short or altered in storage, and costs
/// one multiply per word (a byte-wise hash was slow in a freshly started browser worker).
pub fn checksum(bytes: &[u8]) -> u64 {
    let mut h = 0x9E37_79B9_7F4A_7C15u64 ^ bytes.len() as u64;
    let mut words = bytes.chunks_exact(8);
    for w in &mut words {
        h = (h.rotate_left(23) ^ u64::from_le_bytes(w.try_into().unwrap()))
            .wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    }
    let mut tail = [0u8; 8];
    tail[..words.remainder().len()].copy_from_slice(words.remainder());
    h = (h.rotate_left(23) ^ u64::from_le_bytes(tail)).wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    h ^ (h >> 29)
}

fn write_list(w: &mut Writer, list: &ProtectedList) {
    w.u32(list.accounts.len() as u32);
    for a in &list.accounts {
        w.str(&a.id);
        w.str(&a.name);
        w.bytes(&[match a.kind {
            None => 0,
            Some(AccountKind::Person) => 1,
            Some(AccountKind::Brand) => 2,
        }]);
        w.strs(&a.aliases);
        for handles in [&a.handles, &a.official] {
            w.u32(handles.len() as u32);
            for h in handles {
                w.str(&h.platform);
                w.str(&h.handle);
            }
        }
        w.u32(a.avatars.len() as u32);
        for av in &a.avatars {
            match av {
                AvatarRef::Path(p) => {
                    w.bytes(&[0]);
                    w.str(p);
                }
                AvatarRef::Hash(h) => {
                    w.bytes(&[1]);
                    w.str(&h.pdq);
                    w.strs(&h.refs);
                }
            }
        }
        w.strs(&a.links);
    }
}

type FieldError = (String, String);

fn read_list(r: &mut Reader) -> Result<ProtectedList, FieldError> {
    let n = r
        .count(MAX_ACCOUNTS)
        .map_err(|e| ("accounts".to_string(), e))?;
    let mut accounts = Vec::with_capacity(n);
    for i in 0..n {
        let field = |f: &str| format!("accounts[{i}].{f}");
        let id = r.string().map_err(|e| (field("id"), e))?;
        let name = r.string().map_err(|e| (field("name"), e))?;
        let kind = match r.take(1).map_err(|e| (field("kind"), e))?[0] {
            0 => None,
            1 => Some(AccountKind::Person),
            2 => Some(AccountKind::Brand),
            k => return Err((field("kind"), format!("unknown account kind {k}"))),
        };
        let aliases = r.strings().map_err(|e| (field("aliases"), e))?;
        let mut handles = [Vec::new(), Vec::new()];
        for (list, what) in handles.iter_mut().zip(["handles", "official"]) {
            let k = r.count(usize::MAX).map_err(|e| (field(what), e))?;
            for _ in 0..k {
                let platform = r.string().map_err(|e| (field(what), e))?;
                let handle = r.string().map_err(|e| (field(what), e))?;
                list.push(HandleRef { platform, handle });
            }
        }
        let [handles, official] = handles;
        let k = r.count(usize::MAX).map_err(|e| (field("avatars"), e))?;
        let mut avatars = Vec::with_capacity(k);
        for _ in 0..k {
            let kind = r.take(1).map_err(|e| (field("avatars"), e))?[0];
            avatars.push(match kind {
                0 => AvatarRef::Path(r.string().map_err(|e| (field("avatars"), e))?),
                1 => AvatarRef::Hash(AvatarHash {
                    pdq: r.string().map_err(|e| (field("avatars"), e))?,
                    refs: r.strings().map_err(|e| (field("avatars"), e))?,
                }),
                k => return Err((field("avatars"), format!("unknown avatar kind {k}"))),
            });
        }
        let links = r.strings().map_err(|e| (field("links"), e))?;
        accounts.push(Account {
            id,
            name,
            kind,
            aliases,
            handles,
            official,
            links,
            avatars,
        });
    }
    Ok(ProtectedList { accounts })
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        // A list built by hand is checked as a load checks it: `Checker::new` refuses what reading
        // the same list written as JSON refuses, with that reader's error (but for lines, which a list
        // in memory has not), and keeps what it keeps, cleaned alike; and a checker's snapshot
        // restores every account field of the checker's own list as it was, odd text included.
        #[test]
        fn snapshots_keep_every_list(accounts in proptest::collection::vec(crate::formats::arb_account(), 0..5)) {
            let list = ProtectedList { accounts };
            let json = serde_json::to_string(&list).expect("a list serialises");
            let loaded = ProtectedList::from_json(&json, "protected list").map_err(unlocated);
            match Checker::new(list) {
                Ok(built) => {
                    proptest::prop_assert_eq!(Ok(built.list()), loaded.as_ref());
                    let bytes = save(&built, KEY);
                    let restored = restore(&bytes, "t.snap", KEY).map(|c| c.list().clone());
                    proptest::prop_assert_eq!(restored.as_ref(), Ok(built.list()));
                }
                Err(e) => proptest::prop_assert_eq!(Err(e), loaded),
            }
        }
    }

    /// A reader's error as a list in memory says it, having no lines: no line, and a repeated id's
    /// first line neither in the words nor among the values.
    fn unlocated(mut e: InputError) -> InputError {
        e.line = None;
        if let (Some("duplicate_id"), Some(first)) = (e.code, e.args.get_mut(1)) {
            e.message = e.message.replace(&format!(" (first on line {first})"), "");
            first.clear();
        }
        e
    }

    /// A snapshot whose body was changed after saving, with its checksum made to match again: what
    /// only a deliberately crafted file looks like.
    fn resealed(mut bytes: Vec<u8>, change: impl FnOnce(&mut Vec<u8>, usize)) -> Vec<u8> {
        let body = MAGIC.len() + 4 + 4 + VERSION.len() + 4 + KEY.len() + 8;
        change(&mut bytes, body);
        let sum = checksum(&bytes[body..]);
        bytes[body - 8..body].copy_from_slice(&sum.to_le_bytes());
        bytes
    }

    /// The stored list's key the tests' snapshots are saved under.
    const KEY: &str = "9f86d081884c7d65";

    fn snapshot() -> Vec<u8> {
        let list = ProtectedList::from_json(
            r#"{"accounts": [{"id": "a", "name": "Aliko Dangote",
                 "handles": [{"platform": "x", "handle": "AlikoDangote"}]}]}"#,
            "t.json",
        )
        .unwrap();
        save(&Checker::new(list).expect("a valid list"), KEY)
    }

    fn error(bytes: &[u8]) -> String {
        restore(bytes, "t.snap", KEY)
            .err()
            .expect("accepted")
            .to_string()
    }

    #[test]
    fn a_crafted_snapshot_is_refused_or_never_fails_a_check() {
        let good = snapshot();
        assert!(restore(&good, "t.snap", KEY).is_ok());
        let index_at = |b: &[u8], body: usize| {
            let mut r = Reader::new(&b[body..]);
            read_list(&mut r).unwrap();
            body + r.at
        };
        // Tables whose contents do not hold together restore (checking them all would be a pass over
        // millions of entries) but never make a check fail: an entry naming an account past the list,
        // a bucket table out of order.
        let profile = crate::formats::Profile {
            id: "p".into(),
            platform: "x".into(),
            handle: "AIikoDangote".into(),
            name: "Aliko Dangote".into(),
            ..Default::default()
        };
        let entries = |b: &[u8], body: usize| index_at(b, body) + 4 + 4; // shift, entry count
        type Change<'a> = Box<dyn Fn(&mut Vec<u8>, usize) + 'a>;
        let changes: [(&str, Change); 2] = [
            (
                "an account past the list",
                Box::new(|b, body| {
                    // Every entry of the first map: the value's top bits, account 2^20 and up.
                    let at = entries(b, body);
                    let n = u32::from_le_bytes(b[at - 4..at].try_into().unwrap()) as usize;
                    (0..n).for_each(|i| b[at + 8 * i + 2] |= 0x10);
                }),
            ),
            (
                "buckets out of order",
                Box::new(|b, body| {
                    let at = entries(b, body);
                    let n = u32::from_le_bytes(b[at - 4..at].try_into().unwrap()) as usize;
                    // Every bucket but the last starts past the end.
                    let buckets = at + 8 * n + 4;
                    let count = u32::from_le_bytes(b[buckets - 4..buckets].try_into().unwrap());
                    for i in 0..count as usize - 1 {
                        b[buckets + 4 * i..][..4].copy_from_slice(&u32::MAX.to_le_bytes());
                    }
                }),
            ),
        ];
        for (what, change) in changes {
            let checker = restore(
                &resealed(good.clone(), |b, at| change(b, at)),
                "t.snap",
                KEY,
            )
            .expect(what);
            let result = checker.check(&profile);
            assert!(
                result.matched.is_none() || result.matched.as_deref() == Some("a"),
                "{what}"
            );
        }
        let bad_shift = resealed(good.clone(), |b, body| {
            let at = index_at(b, body);
            b[at..at + 4].copy_from_slice(&70u32.to_le_bytes());
        });
        assert_eq!(
            error(&bad_shift),
            "t.snap: field `index.exact`: bucket shift 70 out of range"
        );
        let extra = resealed(good.clone(), |b, _| b.extend_from_slice(&[0; 3]));
        assert_eq!(
            error(&extra),
            "t.snap: field `index`: 3 bytes left over after the index"
        );
        let no_accounts = resealed(good.clone(), |b, body| {
            b[body..body + 4].copy_from_slice(&u32::MAX.to_le_bytes());
        });
        assert!(error(&no_accounts)
            .starts_with("t.snap: field `accounts`: impossible count 4294967295 at byte 0"));
        let bad_text = resealed(good, |b, body| b[body + 4 + 4] = 0xFF); // the first id's byte
        assert_eq!(
            error(&bad_text),
            "t.snap: field `accounts[0].id`: text at byte 8 is not UTF-8"
        );
    }

    /// Issue 24, finding 8: a snapshot changed and resealed (its checksum made to match) restored a
    /// list that a fresh load refuses, and changed verdicts. The list inside is validated as a loaded
    /// list is, and a snapshot is restored only for the list it was built from.
    #[test]
    fn a_resealed_snapshot_is_restored_only_for_its_list_and_only_with_a_valid_list() {
        let good = snapshot();
        assert_eq!(
            restore(&good, "t.snap", "another list's key")
                .err()
                .unwrap()
                .to_string(),
            "t.snap: snapshot was built from another list (its key is not the stored list's): \
             build the checker from the list again"
        );
        // The list's one account, written again with each field changed into what a load refuses.
        let list_with = |name: &str, handle: &str| {
            let mut w = Writer::default();
            write_list(
                &mut w,
                &ProtectedList {
                    accounts: vec![Account {
                        id: "a".into(),
                        name: name.into(),
                        kind: None,
                        aliases: vec![],
                        handles: vec![HandleRef {
                            platform: "x".into(),
                            handle: handle.into(),
                        }],
                        official: vec![],
                        avatars: vec![],
                        links: vec![],
                    }],
                },
            );
            w.0
        };
        let with_list = |list: Vec<u8>| {
            resealed(good.clone(), |b, body| {
                let mut r = Reader::new(&b[body..]);
                read_list(&mut r).unwrap();
                b.splice(body..body + r.at, list);
            })
        };
        // The same list written back restores (the splicing changes nothing else).
        assert!(restore(
            &with_list(list_with("Aliko Dangote", "AlikoDangote")),
            "t.snap",
            KEY
        )
        .is_ok());
        for (name, handle, want) in [
            ("", "AlikoDangote", "t.snap: field `accounts[0].name`: name is empty"),
            (
                "Aliko Dangote",
                "https://x.com/AlikoDangote",
                "t.snap: field `accounts[0].handles[0].handle`: handle \"https://x.com/AlikoDangote\" is a web address",
            ),
        ] {
            let e = error(&with_list(list_with(name, handle)));
            assert!(e.starts_with(want), "{e}");
        }
    }

    #[test]
    fn checksum_sees_every_byte_and_the_length() {
        let bytes: Vec<u8> = (0..37).collect();
        let sum = checksum(&bytes);
        for i in 0..bytes.len() {
            let mut b = bytes.clone();
            b[i] ^= 0x80;
            assert_ne!(checksum(&b), sum, "byte {i}");
        }
        assert_ne!(checksum(&bytes[..36]), sum);
        assert_ne!(checksum(&[0; 8]), checksum(&[0; 9]));
    }
}
