//! The WASM suites shared by `tests/page.rs` (a browser page) and `tests/worker.rs` (a service
//! worker, where the extension runs the engine). Everything is compared with what the native CLI and
//! library produced for the same input (`scripts/wasm-parity-data.sh`), fetched from the fixture server
//! whose address `make test` passes as VIPGUARD_FIXTURES_URL.

use js_sys::{Error, JSON};
use vipguard::PdqHash;
use vipguard_wasm as wasm;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(inline_js = r#"
export async function fetch_bytes(url) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return new Uint8Array(await r.arrayBuffer());
}
// Decode with the browser, as the extension does for formats it prefers the browser to read.
export async function decode_rgba(bytes) {
  let bmp;
  try {
    bmp = await createImageBitmap(new Blob([bytes]), {colorSpaceConversion: 'none', premultiplyAlpha: 'none'});
  } catch (e) {
    return null;
  }
  const c = new OffscreenCanvas(bmp.width, bmp.height);
  const ctx = c.getContext('2d');
  ctx.drawImage(bmp, 0, 0);
  const d = ctx.getImageData(0, 0, bmp.width, bmp.height);
  return {width: bmp.width, height: bmp.height, data: new Uint8Array(d.data.buffer)};
}
export function field(o, k) { return o[k]; }
"#)]
extern "C" {
    #[wasm_bindgen(catch)]
    async fn fetch_bytes(url: &str) -> Result<JsValue, JsValue>;
    async fn decode_rgba(bytes: &[u8]) -> JsValue;
    fn field(o: &JsValue, k: &str) -> JsValue;
}

fn base() -> &'static str {
    option_env!("VIPGUARD_FIXTURES_URL")
        .expect("build the WASM tests with VIPGUARD_FIXTURES_URL set (make test does)")
}

async fn bytes(path: &str) -> Vec<u8> {
    let url = format!("{}/{path}", base());
    let v = fetch_bytes(&url)
        .await
        .unwrap_or_else(|e| panic!("{url}: {}", message(e)));
    js_sys::Uint8Array::from(v).to_vec()
}

async fn text(path: &str) -> String {
    String::from_utf8(bytes(path).await).expect("fixture is UTF-8")
}

fn message(e: impl Into<JsValue>) -> String {
    let v: JsValue = e.into();
    match v.dyn_ref::<Error>() {
        Some(err) => String::from(err.message()),
        None => format!("{v:?}"),
    }
}

fn stringify(v: &JsValue) -> String {
    JSON::stringify(v).unwrap().as_string().unwrap()
}

/// A native JSON line as JavaScript writes the same value (`1.0` reads back as `1`), for comparing
/// values rather than number spellings.
fn as_js(native_line: &str) -> String {
    stringify(&JSON::parse(native_line).expect("native line is JSON"))
}

fn checker(list_text: &str) -> wasm::Checker {
    wasm::Checker::new(&JsValue::from_str(list_text).unchecked_into(), None, None)
        .unwrap_or_else(|e| panic!("list: {}", message(e)))
}

/// Every profile (every evasion technique and verdict, and bad lines) gives the CLI's JSON line, one at
/// a time and in one `checkMany`.
pub async fn verdicts_match_the_cli() {
    let c = checker(&text("parity/protected%20list").await);
    let profiles = text("parity/profiles").await;
    let native = text("parity/native.jsonl").await;
    let (profiles, native): (Vec<&str>, Vec<&str>) =
        (profiles.lines().collect(), native.lines().collect());
    assert_eq!(profiles.len(), native.len());
    assert!(profiles.len() >= 90, "parity set too small");
    let array = js_sys::Array::new();
    let mut verdicts = std::collections::BTreeSet::new();
    for (i, (p, want)) in profiles.iter().zip(&native).enumerate() {
        let want_v: serde_json::Value = serde_json::from_str(want).unwrap();
        if let Some(v) = want_v.get("verdict") {
            verdicts.insert(v.as_str().unwrap().to_string());
            let got = c
                .check(&JsValue::from_str(p).unchecked_into(), None)
                .unwrap_or_else(|e| panic!("line {}: {}", i + 1, message(e)));
            assert_eq!(stringify(&got), as_js(want), "line {}", i + 1);
        } else {
            // A bad line: check() throws the CLI's message, read as line 1 of "profile".
            let err = c
                .check(&JsValue::from_str(p).unchecked_into(), None)
                .err()
                .unwrap_or_else(|| panic!("line {} should be rejected", i + 1));
            let cli = want_v["error"].as_str().unwrap();
            let expected = cli.replacen(&format!("profiles:{}:", i + 1), "profile:1:", 1);
            // The CLI words a coded error from the catalogues, the engine's Error says its own
            // English (the extension words the code): the place (file, line, field) must agree.
            assert_eq!(located(&message(err)), located(&expected), "line {}", i + 1);
        }
        if let Ok(v) = JSON::parse(p) {
            array.push(&v);
        }
    }
    for v in [
        "own",
        "allowed",
        "labelled",
        "impersonation",
        "suspicious",
        "clear",
    ] {
        assert!(verdicts.contains(v), "no {v} case in the parity set");
    }
    let many = c
        .check_many(&JsValue::from(array.clone()).unchecked_into(), None)
        .unwrap_or_else(|e| panic!("checkMany: {}", message(e)));
    let many: js_sys::Array = JsValue::from(many).unchecked_into();
    assert_eq!(many.length(), array.length());
    for (i, want) in native.iter().take(many.length() as usize).enumerate() {
        let got = stringify(&many.get(i as u32));
        let want_v: serde_json::Value = serde_json::from_str(want).unwrap();
        match want_v["error"].as_str() {
            // A bad line: its id, line and place agree (the words: see verdicts' bad lines above).
            Some(cli) => {
                let got_v: serde_json::Value = serde_json::from_str(&got).unwrap();
                assert_eq!(got_v["id"], want_v["id"], "checkMany line {}", i + 1);
                assert_eq!(got_v["line"], want_v["line"], "checkMany line {}", i + 1);
                let said = got_v["error"].as_str().unwrap_or_default();
                assert_eq!(located(said), located(cli), "checkMany line {}", i + 1);
            }
            None => assert_eq!(got, as_js(want), "checkMany line {}", i + 1),
        }
    }
}

/// The demo list with enrolled avatars: profiles checked together with their avatar's query give the
/// CLI's lines, avatar evidence included.
pub async fn avatar_verdicts_match_the_cli() {
    let c = checker(&text("parity/demo-list.json").await);
    let profiles = text("parity/demo-profiles.jsonl").await;
    let native = text("parity/demo-native.jsonl").await;
    let mut with_avatar = 0;
    for (p, want) in profiles.lines().zip(native.lines()) {
        let v: serde_json::Value = serde_json::from_str(p).unwrap();
        let query = match v.get("avatar").and_then(|a| a.as_str()) {
            Some(path) => {
                with_avatar += 1;
                let h = wasm::hash_image(&bytes(&format!("parity/{path}")).await)
                    .unwrap_or_else(|e| panic!("{path}: {}", message(e)));
                field(&h, "query").as_string()
            }
            None => None,
        };
        let got = c
            .check(&JsValue::from_str(p).unchecked_into(), query)
            .unwrap_or_else(|e| panic!("{p}: {}", message(e)));
        assert_eq!(stringify(&got), as_js(want));
    }
    assert!(with_avatar >= 2, "the demo set should have avatar cases");
}

/// Every image of shared/data/pdq (and corrupt files) hashes bit for bit as natively, or fails with the
/// native message; pixels the browser decodes hash within 2 bits of the bytes' hash (for pictures of
/// PDQ quality ≥ 50: below that PDQ itself distrusts the hash).
pub async fn hashes_match_native() {
    let list = text("parity/hashes.jsonl").await;
    let (mut compared, mut rgba_compared, mut worst) = (0, 0, 0);
    let mut far = Vec::new();
    for line in list.lines() {
        let want: serde_json::Value = serde_json::from_str(line).unwrap();
        let path = want["path"].as_str().unwrap();
        let data = bytes(path).await;
        match (wasm::hash_image(&data), want.get("error")) {
            (Ok(h), None) => {
                assert_eq!(field(&h, "pdq").as_string().unwrap(), want["pdq"], "{path}");
                assert_eq!(
                    field(&h, "quality").as_f64().unwrap(),
                    want["quality"].as_f64().unwrap(),
                    "{path}"
                );
                assert_eq!(
                    field(&h, "query").as_string().unwrap(),
                    want["query"],
                    "{path}"
                );
                // The same a step at a time, as the extension's worker hashes.
                let mut job = wasm::ImageHashing::from_bytes(&data).unwrap();
                while job.step() {}
                let stepped = job.finish().unwrap();
                for k in ["pdq", "quality", "query"] {
                    assert_eq!(
                        stringify(&field(&stepped, k)),
                        stringify(&field(&h, k)),
                        "{path}: {k} in steps"
                    );
                }
                assert!(job.finish().is_err(), "{path}: finish twice");
                compared += 1;
                let decoded = decode_rgba(&data).await;
                if decoded.is_null() {
                    continue;
                }
                let (w, hgt) = (
                    field(&decoded, "width").as_f64().unwrap() as u32,
                    field(&decoded, "height").as_f64().unwrap() as u32,
                );
                let px = js_sys::Uint8Array::from(field(&decoded, "data")).to_vec();
                let r = wasm::hash_rgba(w, hgt, &px)
                    .unwrap_or_else(|e| panic!("{path}: {}", message(e)));
                let a = PdqHash::from_hex(&field(&h, "pdq").as_string().unwrap()).unwrap();
                let b = PdqHash::from_hex(&field(&r, "pdq").as_string().unwrap()).unwrap();
                let d = a.distance(&b);
                worst = worst.max(d);
                // PDQ distrusts hashes of quality under 50 (nearly flat pictures, whose bits are noise),
                // and so does the matcher; those need not agree.
                if d > 2 && want["quality"].as_u64().unwrap() >= 50 {
                    far.push(format!("{path}: {d} bits"));
                }
                rgba_compared += 1;
            }
            (Err(e), Some(native)) => assert_eq!(message(e), native.as_str().unwrap(), "{path}"),
            (Ok(_), Some(native)) => panic!("{path}: native failed ({native}) but WASM hashed it"),
            (Err(e), None) => panic!("{path}: WASM failed: {}", message(e)),
        }
    }
    wasm_bindgen_test::console_log!(
        "hashes: {compared} images bit-identical to native; hashRgba of {rgba_compared} browser-decoded \
         images within {worst} bits of hashImage (worst, all qualities)"
    );
    assert!(compared >= 60, "only {compared} images compared");
    assert!(
        rgba_compared >= 40,
        "the browser decoded only {rgba_compared} images"
    );
    assert!(
        far.is_empty(),
        "hashRgba differs from hashImage by more than 2 bits (worst {worst}): {far:?}"
    );
}

/// A checker's snapshot is the native one byte for byte; a checker restored from the native snapshot
/// answers every profile as the CLI does (avatars included); bad snapshots throw the native message.
pub async fn snapshots_match_native() {
    let sets = [
        (
            "protected%20list",
            "protected.snap",
            "profiles",
            "native.jsonl",
        ),
        (
            "demo-list.json",
            "demo.snap",
            "demo-profiles.jsonl",
            "demo-native.jsonl",
        ),
    ];
    for (list, snap, profiles, native) in sets {
        let want = bytes(&format!("parity/{snap}")).await;
        let built = checker(&text(&format!("parity/{list}")).await);
        assert!(
            built.snapshot("parity") == want,
            "{snap}: the WASM snapshot differs from native"
        );
        let restored = wasm::Checker::restore(&want, "parity", None)
            .unwrap_or_else(|e| panic!("{snap}: {}", message(e)));
        // Saved for another list: refused.
        let other = wasm::Checker::restore(&want, "another list", None).err();
        assert!(
            message(other.expect("restored for another list")).contains("built from another list"),
            "{snap}"
        );
        // `account`: what a banner shows of the matched account, as the list holds it.
        let list_json: serde_json::Value =
            serde_json::from_str(&text(&format!("parity/{list}")).await).unwrap();
        for a in list_json["accounts"].as_array().unwrap() {
            let got = restored.account(a["id"].as_str().unwrap()).unwrap();
            let got: serde_json::Value = serde_json::from_str(&stringify(&got)).unwrap();
            assert_eq!(got["name"], a["name"], "{snap}");
            assert_eq!(got["handles"], a["handles"], "{snap}");
        }
        assert!(JsValue::from(restored.account("no such id").unwrap()).is_undefined());
        let (profiles, native) = (
            text(&format!("parity/{profiles}")).await,
            text(&format!("parity/{native}")).await,
        );
        let mut compared = 0;
        for (p, want) in profiles.lines().zip(native.lines()) {
            if !want.contains("\"verdict\"") {
                continue; // a bad line: errors_carry_the_cli_messages covers those
            }
            let v: serde_json::Value = serde_json::from_str(p).unwrap();
            let query = match v.get("avatar").and_then(|a| a.as_str()) {
                Some(path) => {
                    let h = wasm::hash_image(&bytes(&format!("parity/{path}")).await).unwrap();
                    field(&h, "query").as_string()
                }
                None => None,
            };
            let got = restored
                .check(&JsValue::from_str(p).unchecked_into(), query)
                .unwrap_or_else(|e| panic!("{p}: {}", message(e)));
            assert_eq!(stringify(&got), as_js(want), "{snap}: {p}");
            compared += 1;
        }
        assert!(compared >= 20, "{snap}: only {compared} profiles compared");
    }
    for kind in ["cut", "flipped", "json"] {
        let bad = bytes(&format!("parity/protected.snap.{kind}")).await;
        let want = text(&format!("parity/protected.snap.{kind}.err")).await;
        let err = wasm::Checker::restore(&bad, "parity", None)
            .err()
            .unwrap_or_else(|| panic!("{kind}: snapshot restored"));
        assert_eq!(message(err), want, "{kind}");
    }
    let snap = bytes("parity/protected.snap").await;
    let err = message(
        wasm::Checker::restore(&snap, "parity", Some("de".into()))
            .err()
            .unwrap(),
    );
    assert_eq!(err, "language \"de\" is not available (use en, fr or pcm)");
}

/// Where a message says its problem is: `protected list:3: field `x`: ` or `protected list:1: `.
fn located(message: &str) -> &str {
    let head = message.find(": ").expect("a place") + 2;
    let field = message[head..]
        .strip_prefix("field `")
        .and_then(|rest| rest.find("`: "))
        .map(|end| head + 7 + end + 3);
    &message[..field.unwrap_or(head)]
}

/// Bad lists, profiles and pixels arrive as Errors carrying the CLI's messages: the same place, code
/// and values; the words are the same where the error has no code. A coded error's words are the
/// extension's catalogues' on both sides (the CLI builds them in; the extension's pages word the
/// code), so the Error's own English message, the engine's, is only said where nothing words it.
pub async fn errors_carry_the_cli_messages() {
    // Each kind's code and values (InputError), by which the extension words it in its own language.
    let codes = [
        ("dup", Some(("duplicate_id", vec!["a", "2"]))),
        (
            "field",
            Some((
                "unknown_field",
                vec![
                    "handels",
                    "handles",
                    "id, name, kind, aliases, handles, official, avatars, links",
                ],
            )),
        ),
        ("handle", Some(("handle_blank", vec!["a b"]))),
        ("text", Some(("not_a_list", vec![]))),
        ("pdq", None),
    ];
    for (kind, code) in codes {
        let list = text(&format!("parity/bad-lists/protected%20list.{kind}")).await;
        let want = text(&format!("parity/bad-lists/protected%20list.{kind}.err")).await;
        let err = wasm::Checker::new(&JsValue::from_str(&list).unchecked_into(), None, None)
            .err()
            .unwrap_or_else(|| panic!("{kind}: list accepted"));
        let same = |said: &str| match code {
            Some(_) => assert_eq!(located(said), located(want.trim_end()), "{kind}"),
            None => assert_eq!(said, want.trim_end(), "{kind}"),
        };
        same(&message(err));
        // checkList reports the same message with its line and field, without throwing.
        let report = wasm::check_list(&JsValue::from_str(&list).unchecked_into(), None).unwrap();
        assert_eq!(field(&report, "ok").as_bool(), Some(false));
        same(
            &field(&field(&report, "error"), "message")
                .as_string()
                .unwrap(),
        );
        let error = field(&report, "error");
        let got = field(&error, "code").as_string().map(|c| {
            // No `args` when the code names no values (not_a_list).
            let args: Vec<String> = match field(&error, "args") {
                a if a.is_undefined() => Vec::new(),
                a => js_sys::Array::from(&a)
                    .iter()
                    .map(|a| a.as_string().unwrap())
                    .collect(),
            };
            (c, args)
        });
        let want = code.map(|(c, a)| (c.to_string(), a.iter().map(|s| s.to_string()).collect()));
        assert_eq!(got, want, "{kind}");
    }
    // An image path cannot be read in the browser: named by its field.
    let with_path = r#"{"accounts": [{"id": "a", "name": "Ada Obi", "avatars": ["ada.jpg"]}]}"#;
    let err = message(
        wasm::Checker::new(&JsValue::from_str(with_path).unchecked_into(), None, None)
            .err()
            .unwrap(),
    );
    assert!(
        err.contains("accounts[0].avatars[0]") && err.contains("enroll"),
        "{err}"
    );
    // The options page's check refuses it too, by the same field (it once said "In use" for a list the
    // worker then could not build).
    let report = wasm::check_list(&JsValue::from_str(with_path).unchecked_into(), None).unwrap();
    assert_eq!(field(&report, "ok").as_bool(), Some(false));
    assert_eq!(
        field(&field(&report, "error"), "field")
            .as_string()
            .as_deref(),
        Some("accounts[0].avatars[0]")
    );
    // Pixels that do not fit the size, and a bad avatar query.
    let err = message(wasm::hash_rgba(4, 4, &[0; 10]).err().unwrap());
    assert_eq!(err, "expected 64 bytes of RGBA for 4x4 pixels, got 10");
    assert!(wasm::hash_rgba(0, 4, &[]).is_err());
    // Issue 24, findings 4 and 6: pictures without pixels, and a 34-byte WebP of 8192x8192 (made by
    // crates/vipguard/tests/common/bombs.rs), are refused before anything is decoded, naming the size.
    for (w, h) in [(0, 4), (4, 0)] {
        let err = message(wasm::ImageHashing::from_rgba(w, h, &[]).err().unwrap());
        assert_eq!(
            err,
            format!("the picture is {w}x{h} pixels: it has no pixels to compare")
        );
    }
    const WEBP_8192: [u8; 34] = [
        82, 73, 70, 70, 26, 0, 0, 0, 87, 69, 66, 80, 86, 80, 56, 76, 14, 0, 0, 0, 47, 255, 223,
        255, 7, 40, 64, 1, 10, 208, 255, 2, 0, 0,
    ];
    for err in [
        wasm::ImageHashing::from_bytes(&WEBP_8192).err().unwrap(),
        wasm::hash_image(&WEBP_8192).err().unwrap(),
        wasm::enroll_image(&WEBP_8192).err().unwrap(),
    ] {
        // The engine's code and values travel with the English, for the extension to word.
        let code = field(&err, "code").as_string();
        let args: Vec<String> = js_sys::Array::from(&field(&err, "args"))
            .iter()
            .filter_map(|a| a.as_string())
            .collect();
        assert_eq!(code.as_deref(), Some("picture_too_large"));
        assert_eq!(args, ["8192", "8192", "4096"]);
        assert!(
            message(err).starts_with("the picture is 8192x8192 pixels, too large"),
            "WebP 8192x8192"
        );
    }
    let c = checker(r#"{"accounts": [{"id": "a", "name": "Ada Obi"}]}"#);
    let p = r#"{"id": "1", "platform": "x", "handle": "h", "name": "n"}"#;
    let err = message(
        c.check(&JsValue::from_str(p).unchecked_into(), Some("q1;zz".into()))
            .err()
            .unwrap(),
    );
    assert!(err.contains("is not an avatar query"), "{err}");
    // A list given as an object and as CSV.
    let obj = JSON::parse(r#"{"accounts": [{"id": "a", "name": "Ada Obi"}]}"#).unwrap();
    assert_eq!(
        wasm::Checker::new(&obj.unchecked_into(), None, None)
            .unwrap()
            .size(),
        1
    );
    let csv = "id,name,handles\na,Ada Obi,x:adaobi\n";
    let c = wasm::Checker::new(
        &JsValue::from_str(csv).unchecked_into(),
        Some("csv".into()),
        None,
    )
    .unwrap();
    let ok =
        wasm::check_list(&JsValue::from_str(csv).unchecked_into(), Some("csv".into())).unwrap();
    assert_eq!(field(&field(&ok, "summary"), "handles").as_f64(), Some(1.0));
    assert_eq!(c.size(), 1);
    assert_eq!(wasm::version(), env!("CARGO_PKG_VERSION"));
    // Evidence in French for a French browser; a language the engine does not speak is an error.
    let fr = wasm::Checker::new(
        &JsValue::from_str(csv).unchecked_into(),
        Some("csv".into()),
        Some("fr-FR".into()),
    )
    .unwrap();
    let p = r#"{"id": "1", "platform": "x", "handle": "AdaObi_NG", "name": "Ada Obi"}"#;
    let r = fr
        .check(&JsValue::from_str(p).unchecked_into(), None)
        .unwrap();
    let first: JsValue = js_sys::Array::from(&field(&r, "evidence")).get(0);
    let detail = field(&first, "detail").as_string().unwrap();
    assert!(detail.starts_with("Le nom affiché « Ada Obi »"), "{detail}");
    // And in Nigerian Pidgin, the language the extension's Pidgin catalogue names (`engineLang`).
    let pcm = wasm::Checker::new(
        &JsValue::from_str(csv).unchecked_into(),
        Some("csv".into()),
        Some("pcm".into()),
    )
    .unwrap();
    let r = pcm
        .check(&JsValue::from_str(p).unchecked_into(), None)
        .unwrap();
    let said: Vec<String> = js_sys::Array::from(&field(&r, "evidence"))
        .iter()
        .map(|e| field(&e, "detail").as_string().unwrap())
        .collect();
    assert_eq!(
        said[..2],
        [
            "Di display name “Ada Obi” read di same as di protected name “Ada Obi”",
            "Handle @AdaObi_NG na di protected handle @adaobi, dem add “ng”",
        ],
        "{said:?}"
    );
    let err = message(
        wasm::Checker::new(
            &JsValue::from_str(csv).unchecked_into(),
            Some("csv".into()),
            Some("de".into()),
        )
        .err()
        .unwrap(),
    );
    assert_eq!(err, "language \"de\" is not available (use en, fr or pcm)");
    // The bulk page's profiles file: good rows read, a bad row named by its line, an unreadable file
    // stopped with the CLI's message.
    let rows = "id,platform,handle,name\n1,x,@Ada,Ada Obi\n ,x,h,n\n3,x,b,Bo\n";
    let read = wasm::read_profiles(rows, "bulk.csv").unwrap();
    let profiles: js_sys::Array = field(&read, "profiles").unchecked_into();
    let errors: js_sys::Array = field(&read, "errors").unchecked_into();
    assert_eq!(profiles.length(), 2);
    assert_eq!(
        field(&profiles.get(0), "handle").as_string().as_deref(),
        Some("Ada")
    );
    let lines: js_sys::Array = field(&read, "lines").unchecked_into();
    assert_eq!(lines.get(1).as_f64(), Some(4.0));
    assert_eq!(errors.length(), 1);
    assert_eq!(field(&errors.get(0), "line").as_f64(), Some(3.0));
    assert!(field(&errors.get(0), "error")
        .as_string()
        .unwrap()
        .contains("id is empty"));
    // A file refused as a whole comes back `stopped`, coded, with no profiles (not thrown).
    let read = wasm::read_profiles("id,platform,handle,name,colour\n", "bulk.csv").unwrap();
    let stopped = field(&read, "stopped");
    let err = field(&stopped, "error").as_string().unwrap();
    assert!(err.contains("colour"), "{err}");
    assert!(field(&stopped, "code").as_string().is_some(), "{err}");
    assert_eq!(
        field(&read, "profiles")
            .unchecked_into::<js_sys::Array>()
            .length(),
        0
    );
}

/// A chosen file's bytes decoded as the CLI reads a file (`vipguard::utf8_text`): the text with a
/// UTF-8 byte-order mark dropped, or the first bad byte's line and column with the CLI's message.
pub async fn decoding_is_the_clis() {
    for (bytes, want) in [
        (
            &b"id,name\nrene,Ren\xE9 Diop\n"[..],
            Err((2, vec!["E9", "9"])),
        ),
        (&b"a\n\nb,\x80"[..], Err((3, vec!["80", "3"]))),
        (&b"ok,\xE2\x82"[..], Err((1, vec!["E2", "4"]))),
        (&b"\xEF\xBB\xBFa,\xC3\xA9\n"[..], Ok("a,\u{e9}\n")),
    ] {
        let got: JsValue = wasm::decode_utf8(bytes).unwrap().into();
        match (want, vipguard::utf8_text(bytes, "protected list")) {
            (Ok(text), Ok(_)) => {
                assert_eq!(field(&got, "source").as_string().as_deref(), Some(text));
            }
            (Err((line, args)), Err(native)) => {
                let error = field(&got, "error");
                assert_eq!(
                    field(&error, "message").as_string(),
                    Some(native.to_string())
                );
                assert_eq!(field(&error, "line").as_f64(), Some(line as f64));
                assert_eq!(
                    field(&error, "code").as_string().as_deref(),
                    Some("not_utf8")
                );
                let got_args: Vec<String> = js_sys::Array::from(&field(&error, "args"))
                    .iter()
                    .map(|a| a.as_string().unwrap())
                    .collect();
                assert_eq!(got_args, args);
            }
            (want, native) => panic!("{bytes:?}: want {want:?}, the engine says {native:?}"),
        }
    }
}

/// The five suites as `#[wasm_bindgen_test]`s; each test binary invokes this after choosing where it
/// runs (a page or a service worker).
#[macro_export]
macro_rules! wasm_suites {
    () => {
        #[wasm_bindgen_test::wasm_bindgen_test]
        async fn verdicts_match_the_cli() {
            common::verdicts_match_the_cli().await;
        }

        #[wasm_bindgen_test::wasm_bindgen_test]
        async fn avatar_verdicts_match_the_cli() {
            common::avatar_verdicts_match_the_cli().await;
        }

        #[wasm_bindgen_test::wasm_bindgen_test]
        async fn hashes_match_native() {
            common::hashes_match_native().await;
        }

        #[wasm_bindgen_test::wasm_bindgen_test]
        async fn snapshots_match_native() {
            common::snapshots_match_native().await;
        }

        #[wasm_bindgen_test::wasm_bindgen_test]
        async fn errors_carry_the_cli_messages() {
            common::errors_carry_the_cli_messages().await;
        }

        #[wasm_bindgen_test::wasm_bindgen_test]
        async fn decoding_is_the_clis() {
            common::decoding_is_the_clis().await;
        }
    };
}
