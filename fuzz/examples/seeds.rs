//! Seed inputs for every fuzz target, from the repository's own data: the demo list, profiles and
//! avatars (demo/), the evasion fixtures (crates/vipguard/tests/fixtures/), and the PDQ test pictures
//! in ../shared/data/pdq when they are there, shrunk and re-encoded in every format and colour type
//! the decoder reads. `make fuzz-corpus` runs it and minimises the result into fuzz/corpus/.
//!
//! cargo run --release -p vipguard-fuzz --example seeds -- OUT_DIR

use image::{imageops::FilterType, DynamicImage, ImageFormat};
use std::fs;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use vipguard::{
    decode, enroll_rgb, query_hashes, read_decisions, read_jsonl, save_snapshot, AvatarRef,
    Checker, FeedPayload, FeedSigner, Profile, ProtectedList,
};
use vipguard_fuzz::{feed_seal, snapshot_seal};

fn main() {
    let out = PathBuf::from(std::env::args().nth(1).expect("usage: seeds OUT_DIR"));
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut seeds = Seeds(out);

    let mut enrolled = Vec::new();
    // Lists: the demo's and the fixtures', as JSON, enrolled (avatars as hashes) and as CSV.
    let lists = [
        "demo/protected.json",
        "crates/vipguard/tests/fixtures/protected.json",
    ];
    for (i, path) in lists.iter().enumerate() {
        let text = fs::read_to_string(root.join(path)).unwrap();
        seeds.put("list_json", &format!("list{i}.json"), text.as_bytes());
        let mut list = ProtectedList::from_json(&text, path).unwrap();
        for avatar in list.accounts.iter_mut().flat_map(|a| a.avatars.iter_mut()) {
            if let AvatarRef::Path(p) = avatar {
                let bytes = fs::read(root.join("demo").join(&*p)).unwrap();
                *avatar = AvatarRef::Hash(enroll_rgb(&decode(&bytes).unwrap()));
            }
        }
        let json = serde_json::to_vec_pretty(&list).unwrap();
        seeds.put("list_json", &format!("list{i}-enrolled.json"), &json);
        seeds.put(
            "list_csv",
            &format!("list{i}.csv"),
            list_csv(&list).as_bytes(),
        );
        // Snapshots: whole (restored as they are) and their bodies alone (restored once sealed).
        enrolled.push(list.clone());
        let saved = save_snapshot(
            &Checker::new(list).expect("a valid list"),
            vipguard_fuzz::snapshot_seal::KEY,
        );
        seeds.put("snapshot", &format!("list{i}.snap"), &saved);
        seeds.put(
            "snapshot",
            &format!("list{i}.body"),
            snapshot_seal::body(&saved),
        );
    }
    seeds.put(
        "list_csv",
        "semicolons.csv",
        b"id;name;handles\nvip-1;\"Dangote; Aliko\";x:AlikoDangote|x:Dangote\r\n",
    );

    feeds(&mut seeds, &root, &enrolled);

    // Profiles: the demo's and every evasion fixture's, as JSONL, CSV and the check target's fields.
    let mut profiles: Vec<(String, Vec<Profile>)> = vec![(
        "demo".into(),
        read_jsonl(
            &fs::read_to_string(root.join("demo/profiles.jsonl")).unwrap(),
            "p",
        )
        .into_iter()
        .map(|(_, p)| p.unwrap())
        .collect(),
    )];
    let fixtures = root.join("crates/vipguard/tests/fixtures/evasions");
    for entry in fs::read_dir(&fixtures).unwrap() {
        let path = entry.unwrap().path();
        let rows = fs::read_to_string(&path).unwrap();
        let list = rows
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| {
                let row: serde_json::Value = serde_json::from_str(l).unwrap();
                serde_json::from_value(row["profile"].clone()).unwrap()
            })
            .collect();
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        profiles.push((stem, list));
    }
    let demo_queries: Vec<String> = ["copy-kwabena-mirrored-badge.png", "copy-aminata-round.png"]
        .iter()
        .map(|f| {
            let bytes = fs::read(root.join("demo/avatars").join(f)).unwrap();
            query_hashes(&decode(&bytes).unwrap()).encode()
        })
        .collect();
    for (stem, list) in &profiles {
        let jsonl: String = list
            .iter()
            .map(|p| serde_json::to_string(p).unwrap() + "\n")
            .collect();
        seeds.put("profiles_jsonl", &format!("{stem}.jsonl"), jsonl.as_bytes());
        seeds.put(
            "profiles_csv",
            &format!("{stem}.csv"),
            profiles_csv(list).as_bytes(),
        );
        for (i, p) in list.iter().enumerate() {
            let query = demo_queries.get(i % 8).map_or("", String::as_str);
            let mut fields = vec![
                p.platform.as_str(),
                &p.handle,
                &p.name,
                p.bio.as_deref().unwrap_or(""),
                query,
            ];
            fields.extend(p.links.iter().map(String::as_str));
            let joined: Vec<u8> = fields
                .join("\u{1}")
                .bytes()
                .map(|b| if b == 1 { 0xFF } else { b })
                .collect();
            seeds.put("check", &format!("{stem}-{i}"), &joined);
        }
    }

    // Pictures: small copies of the demo avatars and the PDQ test pictures, in each format.
    let mut pictures: Vec<(String, DynamicImage)> = Vec::new();
    for entry in fs::read_dir(root.join("demo/avatars")).unwrap() {
        let path = entry.unwrap().path();
        pictures.push((stem(&path), image::open(&path).unwrap()));
    }
    let pdq = root.join("../shared/data/pdq/misc-images");
    match fs::read_dir(pdq.join("modes")) {
        Ok(modes) => {
            for entry in modes {
                let path = entry.unwrap().path();
                if let Ok(img) = image::open(&path) {
                    pictures.push((format!("pdq-{}", stem(&path)), img));
                }
            }
            for small in ["small.jpg", "wee.jpg"] {
                let bytes = fs::read(pdq.join(small)).unwrap();
                seeds.put_picture(&format!("pdq-{small}"), &bytes);
            }
        }
        Err(_) => eprintln!(
            "seeds: no {} (shared/ not beside the repo): skipped",
            pdq.display()
        ),
    }
    for (name, img) in &pictures {
        let small = img.resize_exact(24, 24, FilterType::Triangle);
        for (tag, pic) in [
            ("rgb", DynamicImage::ImageRgb8(small.to_rgb8())),
            ("rgba", DynamicImage::ImageRgba8(small.to_rgba8())),
            ("luma", DynamicImage::ImageLuma8(small.to_luma8())),
            ("lumaa", DynamicImage::ImageLumaA8(small.to_luma_alpha8())),
            ("rgb16", DynamicImage::ImageRgb16(small.to_rgb16())),
        ] {
            for format in [
                ImageFormat::Png,
                ImageFormat::Jpeg,
                ImageFormat::WebP,
                ImageFormat::Gif,
            ] {
                let mut bytes = Vec::new();
                // Not every format takes every colour type (JPEG has no alpha, WebP no 16 bits).
                if pic.write_to(&mut Cursor::new(&mut bytes), format).is_ok() {
                    let ext = format.extensions_str()[0];
                    seeds.put_picture(&format!("{name}-{tag}.{ext}"), &bytes);
                }
            }
        }
        // The same pictures as a browser hands them over: width, height (u16), RGBA.
        for (w, h) in [(24, 24), (32, 8), (1, 40)] {
            let rgba = img.resize_exact(w, h, FilterType::Triangle).to_rgba8();
            let mut bytes = Vec::new();
            bytes.extend_from_slice(&(w as u16).to_le_bytes());
            bytes.extend_from_slice(&(h as u16).to_le_bytes());
            bytes.extend_from_slice(rgba.as_raw());
            seeds.put("rgba", &format!("{name}-{w}x{h}"), &bytes);
        }
    }
}

/// The feed target's seeds: the enrolled lists signed with the fixed test key, without and with
/// decisions (whole, and their payloads alone for the target to sign); the feed fixtures (signed with
/// their own TEST-ONLY keys, so a wrong key here) and their payloads; decisions exports; a file
/// signed by another key, one with its signature changed, one cut short; the key files.
fn feeds(seeds: &mut Seeds, root: &Path, lists: &[ProtectedList]) {
    let fixtures = root.join("tests/fixtures/feed");
    let read = |name: &str| fs::read_to_string(fixtures.join(name)).unwrap();
    let exports = [
        ("decisions.json", read("decisions.json")),
        ("conflicts.json", CONFLICTS.to_string()),
    ];
    let decisions = read_decisions(&exports[0].1, "decisions.json", None).unwrap();
    let other = FeedSigner::from_seed(b"vipguard-fuzz-TEST-ONLY-otherkey");
    for (i, list) in lists.iter().enumerate() {
        for (tag, decisions) in [("plain", None), ("decisions", Some(decisions.clone()))] {
            let payload = FeedPayload {
                name: format!("Fuzz demo list {i}"),
                version: 1 + i as u64,
                date: "2026-12-05T10:00:00Z".into(),
                list: list.clone(),
                decisions,
            };
            let signed = feed_seal::signer().sign(&payload, "seeds").unwrap();
            seeds.put(
                "feed",
                &format!("list{i}-{tag}.signed.json"),
                signed.as_bytes(),
            );
            let text = feed_seal::payload(&signed);
            seeds.put(
                "feed",
                &format!("list{i}-{tag}.payload.json"),
                text.as_bytes(),
            );
            let by_other = other.sign(&payload, "seeds").unwrap();
            seeds.put(
                "feed",
                &format!("list{i}-{tag}.other-key.json"),
                by_other.as_bytes(),
            );
            // A character inside the signature changed (not the last, whose low bits are padding):
            // the file says our key, and the signature does not verify.
            let at = signed.rfind("=\"").unwrap() - 10;
            let mut changed = signed.clone().into_bytes();
            changed[at] = if changed[at] == b'A' { b'B' } else { b'A' };
            seeds.put(
                "feed",
                &format!("list{i}-{tag}.bad-signature.json"),
                &changed,
            );
            let cut = signed.len() / 2;
            seeds.put(
                "feed",
                &format!("list{i}-{tag}.truncated.json"),
                signed[..cut].as_bytes(),
            );
        }
    }
    for name in [
        "signed-v1.json",
        "signed-v2.json",
        "tampered-v3.json",
        "other-key-v3.json",
    ] {
        let signed = read(name);
        seeds.put("feed", name, signed.as_bytes());
        let text = feed_seal::payload(&signed);
        seeds.put("feed", &format!("payload-{name}"), text.as_bytes());
    }
    for (name, text) in &exports {
        seeds.put("feed", name, text.as_bytes());
    }
    let signer = feed_seal::signer();
    seeds.put(
        "feed",
        "fuzz.pub",
        format!("{}\n", signer.public().to_text()).as_bytes(),
    );
    seeds.put(
        "feed",
        "fuzz.key",
        format!("{}\n", signer.to_text()).as_bytes(),
    );
}

/// A decisions export whose two decisions about one account disagree within 24 hours (a conflict),
/// one handle written with `@` and another platform name (`twitter`), which the reader makes canonical.
const CONFLICTS: &str = r#"{"vipguard_decisions": 1, "by": "reviewer-2", "exported": "2026-12-05T09:00:00.5Z",
 "decisions": [
  {"platform": "twitter", "handle": "@FixtureBank_support", "decision": "not_impersonator",
   "by": "reviewer-2", "at": "2026-12-04T20:00:00Z", "match": "fx-002"},
  {"platform": "x", "handle": "fixturebank_SUPPORT", "decision": "confirmed", "by": "reviewer-3",
   "at": "2026-12-04T21:00:00Z", "note": "asks for a PIN", "match": null}
 ]}
"#;

struct Seeds(PathBuf);

impl Seeds {
    fn put(&mut self, target: &str, name: &str, bytes: &[u8]) {
        let dir = self.0.join(target);
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join(name), bytes).unwrap();
    }

    /// Picture bytes feed two targets: a profile's avatar and a protected account's picture.
    fn put_picture(&mut self, name: &str, bytes: &[u8]) {
        self.put("image", name, bytes);
        self.put("enroll", name, bytes);
    }
}

fn stem(path: &Path) -> String {
    path.file_stem().unwrap().to_string_lossy().into_owned()
}

/// A CSV cell, quoted when it must be.
fn cell(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn list_csv(list: &ProtectedList) -> String {
    let mut out = String::from("id,name,aliases,handles,official,avatars\n");
    for a in &list.accounts {
        let handles = |hs: &[vipguard::HandleRef]| {
            hs.iter()
                .map(|h| format!("{}:{}", h.platform, h.handle))
                .collect::<Vec<_>>()
                .join("|")
        };
        let avatars: Vec<String> = a
            .avatars
            .iter()
            .filter_map(|v| match v {
                AvatarRef::Hash(h) => Some(format!("pdq:{}", h.pdq)),
                AvatarRef::Path(_) => None,
            })
            .collect();
        let row = [
            cell(&a.id),
            cell(&a.name),
            cell(&a.aliases.join("|")),
            cell(&handles(&a.handles)),
            cell(&handles(&a.official)),
            cell(&avatars.join("|")),
        ];
        out += &(row.join(",") + "\n");
    }
    out
}

fn profiles_csv(list: &[Profile]) -> String {
    let mut out = String::from("id,platform,handle,name,bio\n");
    for p in list {
        let row = [
            &p.id,
            &p.platform,
            &p.handle,
            &p.name,
            p.bio.as_deref().unwrap_or(""),
        ];
        out += &(row.map(|s| cell(s)).join(",") + "\n");
    }
    out
}
