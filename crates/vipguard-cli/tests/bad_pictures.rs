//! Pictures that cannot be read, through every command that reads one (`check --avatar`, `hash`,
//! `enroll`, and `scan`'s evidence), in English and French: the table is
//! `fixtures/bad_pictures.json`, one row per way a picture goes wrong, each naming the picture (made
//! here, from a recipe), the error's code and what each language says. The words are the extension's
//! catalogues' for the engine's codes (`listErr_<code>`), so a row's English is checked against the
//! catalogue's message for its code too.

#[path = "../../vipguard/tests/common/bombs.rs"]
mod bombs;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The binary under test; `VIPGUARD_BIN` names another (an older build, to see each row fail on it).
fn run(args: &[&str]) -> Output {
    let bin = std::env::var("VIPGUARD_BIN").unwrap_or(env!("CARGO_BIN_EXE_vipguard").into());
    Command::new(bin).args(args).output().expect("run vipguard")
}

/// A folder of this test run's own.
fn dir() -> PathBuf {
    let d = std::env::temp_dir().join(format!("vipguard-bad-pictures-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// A small picture of `format`, made by the `image` crate (its encoders for PNG and JPEG).
fn picture(format: image::ImageFormat) -> Vec<u8> {
    let img = image::RgbImage::from_fn(64, 64, |x, y| {
        image::Rgb([(x * 4) as u8, (y * 4) as u8, 128])
    });
    let mut out = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut out), format)
        .unwrap();
    out
}

/// The bytes a row's recipe names; `None` for a path that is not a file of bytes (a folder, nothing).
fn bytes_of(recipe: &str) -> Option<Vec<u8>> {
    use image::ImageFormat::{Jpeg, Png};
    let with_magic = |mut b: Vec<u8>, magic: &[u8]| {
        b[..magic.len()].copy_from_slice(magic);
        b
    };
    let cut = |b: Vec<u8>, n: usize| b[..n].to_vec();
    Some(match recipe {
        "zero-bytes" => Vec::new(),
        "text" => b"this is a note, not a picture\n".to_vec(),
        "png-wrong-magic" => with_magic(picture(Png), b"\x89PNX"),
        "png-truncated" => cut(picture(Png), 60),
        "png-corrupt-data" => {
            // The header intact, the compressed pixels overwritten with 0xFF.
            let mut b = picture(Png);
            let idat = b.windows(4).position(|w| w == b"IDAT").unwrap() + 4;
            b[idat..idat + 40].fill(0xFF);
            b
        }
        "jpeg-truncated" => cut(picture(Jpeg), 20),
        "jpeg-wrong-magic" => with_magic(picture(Jpeg), b"\xFF\x00"),
        "webp-truncated" => cut(bombs::webp_flat(16, 16), 24),
        "gif-truncated" => cut(bombs::gif(16, 16, 16, 16), 12),
        "png-8192-wide" => bombs::png_flat(8192, 1, bombs::Png::Rgb8, 0),
        "webp-8192x8192" => bombs::webp_flat(8192, 8192),
        "gif-65535x65535" => bombs::gif(65_535, 65_535, 1, 1),
        "png-rgba16-4096x4096" => bombs::png_flat(4096, 4096, bombs::Png::Rgba16, 0),
        "gif-height-0" => bombs::gif(1, 0, 1, 1),
        // Sides of 0 in a header the decoder refuses before it can be asked for them.
        "png-0x0" => bombs::png_flat(0, 0, bombs::Png::Rgb8, 0),
        "png-1x0" => bombs::png_flat(1, 0, bombs::Png::Rgb8, 0),
        "jpeg-width-0" => {
            // The frame header (SOF0: length, precision, height, width) given a width of 0.
            let mut b = picture(Jpeg);
            let sof = b.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
            b[sof + 7..sof + 9].fill(0);
            b
        }
        "webp-lossy-3x0" => {
            // A lossy ("VP8 ") WebP's frame header, 3×0: a key frame's tag, the start code, the sides.
            let mut vp8 = vec![0x50, 0x01, 0x00, 0x9D, 0x01, 0x2A, 3, 0, 0, 0];
            vp8.resize(30, 0);
            let mut riff = b"WEBPVP8 ".to_vec();
            riff.extend((vp8.len() as u32).to_le_bytes());
            riff.extend(vp8);
            let mut b = b"RIFF".to_vec();
            b.extend((riff.len() as u32).to_le_bytes());
            b.extend(riff);
            b
        }
        "bmp" => {
            // A BMP header: a format recognised by its first bytes, not one vipguard reads.
            let mut b = b"BM".to_vec();
            b.resize(64, 0);
            b
        }
        "folder" | "missing" | "fifo" => return None,
        other => panic!("no recipe {other:?}"),
    })
}

/// The row's picture on disk, by the name the row gives it.
fn make(name: &str, recipe: &str) -> PathBuf {
    let p = dir().join(name);
    match (recipe, bytes_of(recipe)) {
        (_, Some(bytes)) => std::fs::write(&p, bytes).unwrap(),
        ("folder", None) => std::fs::create_dir_all(&p).unwrap(),
        // A named pipe: nothing writes to it, so a reader that opened it would wait for ever.
        ("fifo", None) => {
            let made = Command::new("mkfifo").arg(&p).status().unwrap();
            assert!(made.success(), "mkfifo {}", p.display());
        }
        _ => {}
    }
    p
}

#[derive(serde::Deserialize)]
struct Row {
    /// The file's name (its extension as a user's file would have it).
    name: String,
    recipe: String,
    /// The code the error has (`vipguard::PictureError`'s, or the command line's for a file).
    code: String,
    /// The values the code's words name, for the check against the catalogue.
    #[serde(default)]
    args: Vec<String>,
    /// What follows the file's name, in each language.
    en: String,
    fr: String,
}

fn rows() -> Vec<Row> {
    let text = include_str!("fixtures/bad_pictures.json");
    serde_json::from_str(text).expect("the table is JSON")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// An ordinary space where French typography has a no-break one (before `:` `;` `?` `!`, inside « »).
fn has_plain_french_spaces(text: &str) -> bool {
    [" :", " ;", " ?", " !", "« ", " »"]
        .iter()
        .any(|bad| text.contains(bad))
}

/// The English words the extension's catalogue gives `code` with `args` (decoder details left out,
/// numbers as English writes them), or `None` for a code it does not word.
fn catalogue_words(code: &str, args: &[String]) -> Option<String> {
    let catalogue: serde_json::Value =
        serde_json::from_str(include_str!("../../../extension/_locales/en/messages.json")).unwrap();
    // A message that agrees with a count of pixels (width times height) has a variant for one and
    // one for the rest.
    let pixels: Option<u64> = match args {
        [w, h, ..] => Some(w.parse::<u64>().ok()? * h.parse::<u64>().ok()?),
        _ => None,
    };
    let key = format!("listErr_{code}");
    let message = catalogue[&key]["message"].as_str().or_else(|| {
        let variant = if pixels? == 1 { "one" } else { "other" };
        catalogue[format!("{key}_{variant}")]["message"].as_str()
    });
    let mut message = message?.to_string();
    for (i, a) in args.iter().enumerate() {
        let n: Option<u64> = a.parse().ok();
        let shown = match n {
            Some(n) if n >= 1000 => format!("{},{:03}", n / 1000, n % 1000),
            _ => a.clone(),
        };
        message = message.replace(&format!("$P{}$", i + 1), &shown);
    }
    Some(message)
}

const LIST: &str = r#"{"accounts": [{"id": "vip-1", "name": "Aliko Dangote",
    "handles": [{"platform": "x", "handle": "AlikoDangote"}]}]}"#;

#[test]
fn every_bad_picture_is_said_in_english_and_french_at_every_command() {
    let list = dir().join("list.json");
    std::fs::write(&list, LIST).unwrap();
    let list = list.to_str().unwrap();
    let rows = rows();
    assert!(rows.len() >= 15, "{}", rows.len());
    // Every row's failures, said together: which rows (and commands) an older build gets wrong.
    let mut failed: Vec<String> = Vec::new();
    for row in &rows {
        let path = make(&row.name, &row.recipe);
        let shown = path.display().to_string();
        // The engine's code, for a picture it was given.
        if let Some(bytes) = bytes_of(&row.recipe) {
            let e = vipguard::decode(&bytes).expect_err(&row.name);
            assert_eq!(e.code, row.code, "{}: {e}", row.name);
            assert_eq!(
                e.args.get(..row.args.len()),
                Some(&row.args[..]),
                "{}",
                row.name
            );
        }
        // The English is the catalogue's for the code (where it words it).
        if let Some(words) = catalogue_words(&row.code, &row.args) {
            assert!(row.en.starts_with(&words), "{}: {words:?}", row.name);
        }
        // A list naming the picture, for `enroll`.
        let enrol = dir().join(format!("enrol-{}.json", row.name));
        let named = format!(
            r#"{{"accounts": [{{"id": "vip-1", "name": "Aliko Dangote", "avatars": [{:?}]}}]}}"#,
            row.name
        );
        std::fs::write(&enrol, named).unwrap();
        let enrolled = dir().join(format!("enrolled-{}.json", row.name));
        for (lang, words) in [("en", &row.en), ("fr", &row.fr)] {
            let colon = if lang == "fr" { "\u{a0}: " } else { ": " };
            let check = run(&[
                "check",
                "--protected",
                list,
                "--platform",
                "x",
                "--handle",
                "someone",
                "--avatar",
                &shown,
                "--lang",
                lang,
            ]);
            let hash = run(&["hash", "--lang", lang, &shown]);
            let enroll = run(&[
                "enroll",
                enrol.to_str().unwrap(),
                "--output",
                enrolled.to_str().unwrap(),
                "--lang",
                lang,
            ]);
            for (command, out, want) in [
                ("check", &check, format!("vipguard: {shown}{colon}{words}")),
                ("hash", &hash, format!("vipguard: {shown}{colon}{words}")),
                (
                    "enroll",
                    &enroll,
                    match lang {
                        "fr" => format!(
                            "champ «\u{a0}accounts[0].avatars[0]\u{a0}»\u{a0}: l’image «\u{a0}{}\u{a0}» (compte «\u{a0}vip-1\u{a0}») ne se lit pas\u{a0}: {words}",
                            row.name
                        ),
                        _ => format!(
                            "field `accounts[0].avatars[0]`: {} (account “vip-1”): {words}",
                            row.name
                        ),
                    },
                ),
            ] {
                let err = stderr(out);
                // `hash` goes on to the next picture and exits 1; the others stop, exit 2.
                let exit = if command == "hash" { 1 } else { 2 };
                let plain_spaces = lang == "fr" && has_plain_french_spaces(&err);
                if out.status.code() != Some(exit) || !err.contains(&want) || plain_spaces {
                    failed.push(format!(
                        "{} {command} {lang} (exit {:?}):\n  want {want}\n  got  {err}",
                        row.name,
                        out.status.code()
                    ));
                }
            }
            assert!(
                !enrolled.exists(),
                "{}: an enrolled list was written",
                row.name
            );
        }
    }
    assert!(
        failed.is_empty(),
        "{} failed:\n{}",
        failed.len(),
        failed.join("\n")
    );
}

/// `scan` notes an avatar it could not use in that profile's evidence, in the run's language.
#[test]
fn scan_says_why_an_avatar_was_not_used_in_the_runs_language() {
    let list = dir().join("scan-list.json");
    std::fs::write(&list, LIST).unwrap();
    let row = rows()
        .into_iter()
        .find(|r| r.recipe == "png-truncated")
        .unwrap();
    make(&row.name, &row.recipe);
    let profiles = dir().join("profiles.jsonl");
    let line = format!(
        r#"{{"id":"p1","platform":"x","handle":"someone","name":"Some One","avatar":{:?}}}"#,
        row.name
    );
    std::fs::write(&profiles, line + "\n").unwrap();
    let shown = Path::new(&dir()).join(&row.name).display().to_string();
    for (lang, want) in [
        (
            "en",
            format!("Avatar {shown} could not be used: {}", row.en),
        ),
        (
            "fr",
            format!("L’avatar {shown} n’a pas servi\u{a0}: {}", row.fr),
        ),
    ] {
        let out = run(&[
            "scan",
            "--protected",
            list.to_str().unwrap(),
            profiles.to_str().unwrap(),
            "--lang",
            lang,
        ]);
        let text = String::from_utf8_lossy(&out.stdout);
        let result: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
        let said: Vec<&str> = result["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|e| e["detail"].as_str())
            .collect();
        assert!(
            said.iter().any(|s| s.starts_with(&want)),
            "{lang}: {said:?}\n want {want}"
        );
    }
}

/// `enroll` names every bad picture of a list, each with its account and path, in the run's language,
/// and writes nothing: three accounts, the first and last with a picture that cannot be read.
#[test]
fn enroll_names_every_bad_picture_and_writes_nothing() {
    let rows = rows();
    let row = |recipe: &str| rows.iter().find(|r| r.recipe == recipe).unwrap();
    let (first, last) = (row("text"), row("png-truncated"));
    let folder = dir().join("three");
    std::fs::create_dir_all(&folder).unwrap();
    for r in [first, last] {
        std::fs::write(folder.join(&r.name), bytes_of(&r.recipe).unwrap()).unwrap();
    }
    std::fs::write(folder.join("good.png"), picture(image::ImageFormat::Png)).unwrap();
    let list = folder.join("list.json");
    let account = |id: &str, name: &str, avatar: &str| {
        format!(r#"{{"id": "{id}", "name": "{name}", "avatars": ["{avatar}"]}}"#)
    };
    let accounts = [
        account("vip-1", "Aliko Dangote", &first.name),
        account("vip-2", "Ngozi Okonjo-Iweala", "good.png"),
        account("vip-3", "Tiwa Savage", &last.name),
    ];
    std::fs::write(
        &list,
        format!(r#"{{"accounts": [{}]}}"#, accounts.join(",")),
    )
    .unwrap();
    let enrolled = folder.join("enrolled.json");
    let shown = list.display().to_string();
    for (lang, want) in [
        (
            "en",
            vec![
                format!("vipguard: {shown}: field `accounts[0].avatars[0]`: {} (account “vip-1”): {}", first.name, first.en),
                format!("vipguard: {shown}: field `accounts[2].avatars[0]`: {} (account “vip-3”): {}", last.name, last.en),
                "vipguard: 2 problems in the protected list".to_string(),
            ],
        ),
        (
            "fr",
            vec![
                format!("vipguard: {shown}\u{a0}: champ «\u{a0}accounts[0].avatars[0]\u{a0}»\u{a0}: l’image «\u{a0}{}\u{a0}» (compte «\u{a0}vip-1\u{a0}») ne se lit pas\u{a0}: {}", first.name, first.fr),
                format!("vipguard: {shown}\u{a0}: champ «\u{a0}accounts[2].avatars[0]\u{a0}»\u{a0}: l’image «\u{a0}{}\u{a0}» (compte «\u{a0}vip-3\u{a0}») ne se lit pas\u{a0}: {}", last.name, last.fr),
                "vipguard: 2 problèmes dans la liste protégée".to_string(),
            ],
        ),
    ] {
        let out = run(&[
            "enroll",
            &shown,
            "--output",
            enrolled.to_str().unwrap(),
            "--lang",
            lang,
        ]);
        let err = stderr(&out);
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(out.status.code(), Some(2), "{lang}: {err}");
        assert_eq!(lines.len(), want.len(), "{lang}: {err}");
        for (line, want) in lines.iter().zip(&want) {
            assert!(line.starts_with(want.as_str()), "{lang}:\n  want {want}\n  got  {line}");
        }
        assert!(!enrolled.exists(), "{lang}: an enrolled list was written");
    }
}
