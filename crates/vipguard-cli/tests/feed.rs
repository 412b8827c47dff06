//! Signed list feeds (docs/feed.md) through the real binary: `keygen`, `sign`, `verify` and
//! `decisions merge`; every bad input refused with what and where, nothing half-written; and the
//! extension's fixtures (tests/fixtures/feed/) are what scripts/feed-fixtures.sh makes.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use ed25519_dalek::{Signer, SigningKey};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Files are named from the repository's root, as a user there would.
fn at_root() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        std::env::set_current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).unwrap()
    });
}

fn run(args: &[&str]) -> Output {
    at_root();
    Command::new(env!("CARGO_BIN_EXE_vipguard"))
        .args(args)
        .output()
        .expect("run vipguard")
}

/// A new empty folder for one test.
fn dir(test: &str) -> PathBuf {
    at_root();
    let d = std::env::temp_dir().join(format!("vipguard-feed-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// What a successful run printed; a failed run fails the test with what it said.
fn ok(out: Output) -> String {
    assert!(out.status.success(), "{}", stderr(&out));
    String::from_utf8(out.stdout).unwrap()
}

/// A failed run's standard error: exit status 2 and nothing on standard output.
fn refused(out: Output) -> String {
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        out.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    stderr(&out)
}

const FIXTURES: &str = "tests/fixtures/feed";
const DATE: &str = "2026-12-05T10:00:00Z";

/// `vipguard keygen --out DIR/NAME`: the key id printed.
fn keygen(d: &Path, name: &str) -> String {
    ok(run(&["keygen", "--out", path(&d.join(name))]))
        .trim()
        .to_string()
}

/// `sign` arguments: `list` signed with `key` as version `version` of "Team list" on DATE, into `out`
/// (the last four arguments are the date's and the output's).
fn sign_args<'a>(key: &'a Path, list: &'a str, version: &'a str, out: &'a Path) -> Vec<&'a str> {
    vec![
        "sign",
        "--list",
        list,
        "--name",
        "Team list",
        "--version",
        version,
        "--key",
        path(key),
        "--date",
        DATE,
        "-o",
        path(out),
    ]
}

/// `vipguard sign` (`sign_args`), EXTRA arguments after.
fn sign(key: &Path, list: &str, version: &str, out: &Path, extra: &[&str]) -> Output {
    let mut args = sign_args(key, list, version, out);
    args.extend_from_slice(extra);
    run(&args)
}

fn verify(key: &Path, file: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["verify", "--key", path(key)];
    args.extend_from_slice(extra);
    args.push(path(file));
    run(&args)
}

/// The summary lines `verify` prints, as (label, value).
fn summary(text: &str) -> Vec<(String, String)> {
    text.lines()
        .skip(1)
        .map(|l| {
            let (k, v) = l.split_once(": ").unwrap();
            (k.to_string(), v.to_string())
        })
        .collect()
}

#[test]
fn keygen_writes_a_private_secret_and_never_overwrites() {
    let d = dir("keygen");
    let id = keygen(&d, "team");
    let (secret, public) = (d.join("team.key"), d.join("team.pub"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&secret).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "the secret key is readable by its owner only");
    }
    let secret_text = std::fs::read_to_string(&secret).unwrap();
    let public_text = std::fs::read_to_string(&public).unwrap();
    let seed = BASE64
        .decode(
            secret_text
                .strip_prefix("vipguard-secret-key-1 ")
                .unwrap()
                .trim_end(),
        )
        .unwrap();
    let key = SigningKey::from_bytes(&seed.try_into().unwrap());
    assert_eq!(
        public_text,
        format!("{}\n", BASE64.encode(key.verifying_key().as_bytes()))
    );
    assert_eq!(public_text.trim().len(), 44);
    let digest = Sha256::digest(key.verifying_key().as_bytes());
    let want: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(
        id, want,
        "the key id is the first 8 bytes of SHA-256 of the key"
    );
    // Another run makes another key.
    assert_ne!(keygen(&d, "second"), id);

    // Either file there already: refused, and nothing written or changed.
    let err = refused(run(&["keygen", "--out", path(&d.join("team"))]));
    assert!(
        err.contains("team.key: already exists: not overwritten"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&secret).unwrap(), secret_text);
    assert_eq!(std::fs::read_to_string(&public).unwrap(), public_text);
    std::fs::write(d.join("lonely.pub"), "mine\n").unwrap();
    let err = refused(run(&["keygen", "--out", path(&d.join("lonely"))]));
    assert!(err.contains("lonely.pub: already exists"), "{err}");
    assert!(
        !d.join("lonely.key").exists(),
        "no secret key without its public key"
    );
    assert_eq!(
        std::fs::read_to_string(d.join("lonely.pub")).unwrap(),
        "mine\n"
    );
}

#[test]
fn signed_lists_verify_json_and_csv_with_and_without_decisions() {
    let d = dir("round-trip");
    let id = keygen(&d, "team");
    let csv = d.join("list.csv");
    std::fs::write(
        &csv,
        "id,name,handles\nvip-1,Aliko Dangote,x:AlikoDangote\nvip-2,Chidi Okafor,X:@chidi_okafor\n",
    )
    .unwrap();
    let decisions = format!("{FIXTURES}/decisions.json");
    for (list, with_decisions, accounts, n_decisions) in [
        ("demo/protected.json", false, 6, 0),
        ("demo/protected.json", true, 6, 2),
        (path(&csv), false, 2, 0),
        (path(&csv), true, 2, 2),
    ] {
        let case = format!("{list} decisions={with_decisions}");
        let out = d.join("signed.json");
        let extra: &[&str] = if with_decisions {
            &["--decisions", &decisions]
        } else {
            &[]
        };
        ok(sign(&d.join("team.key"), list, "7", &out, extra));
        let shown = ok(verify(&d.join("team.pub"), &out, &[]));
        assert_eq!(
            shown.lines().next().unwrap(),
            format!("good signature by key {id}"),
            "{case}"
        );
        let fields = summary(&shown);
        let want = [
            ("name", "Team list".to_string()),
            ("version", "7".into()),
            ("date", DATE.into()),
            ("accounts", accounts.to_string()),
            ("decisions", n_decisions.to_string()),
        ];
        assert_eq!(
            fields,
            want.iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect::<Vec<_>>(),
            "{case}"
        );
        // The file is the spec's envelope; the payload holds the list in the JSON list format
        // (CSV converted, platforms canonical, handles without @).
        let text = std::fs::read_to_string(&out).unwrap();
        let envelope: serde_json::Value = serde_json::from_str(&text).unwrap();
        let keys: Vec<&str> = envelope
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            ["key_id", "payload", "signature", "vipguard_signed"],
            "{case}"
        );
        assert_eq!(envelope["vipguard_signed"], 1);
        assert_eq!(envelope["key_id"], id.as_str());
        let payload: serde_json::Value =
            serde_json::from_str(envelope["payload"].as_str().unwrap()).unwrap();
        assert_eq!(
            payload["list"]["accounts"].as_array().unwrap().len(),
            accounts
        );
        assert_eq!(payload.get("decisions").is_some(), with_decisions, "{case}");
        if list.ends_with(".csv") {
            assert_eq!(
                payload["list"]["accounts"][1]["handles"][0],
                serde_json::json!({"platform": "x", "handle": "chidi_okafor"})
            );
        }
        // Signing is deterministic: the same inputs give the same bytes.
        let again = d.join("again.json");
        ok(sign(&d.join("team.key"), list, "7", &again, extra));
        assert_eq!(std::fs::read_to_string(&again).unwrap(), text, "{case}");
    }
    // To standard output without -o, and a higher --min-version refused.
    let key = d.join("team.key");
    let mut args = sign_args(&key, "demo/protected.json", "3", &key);
    args.truncate(args.len() - 4);
    let out = run(&args);
    let text = ok(out);
    let file = d.join("stdout.json");
    std::fs::write(&file, &text).unwrap();
    let shown = ok(verify(&d.join("team.pub"), &file, &["--min-version", "3"]));
    assert!(shown.contains("version: 3\n"), "{shown}");
    let err = refused(verify(&d.join("team.pub"), &file, &["--min-version", "4"]));
    assert!(
        err.contains("field `payload.version`: version 3 is lower than 4"),
        "{err}"
    );
}

/// The test team's signing key (tests/fixtures/feed/TEST-ONLY.key).
fn test_key() -> SigningKey {
    at_root();
    let text = std::fs::read_to_string(format!("{FIXTURES}/TEST-ONLY.key")).unwrap();
    let seed = BASE64
        .decode(text.trim().strip_prefix("vipguard-secret-key-1 ").unwrap())
        .unwrap();
    SigningKey::from_bytes(&seed.try_into().unwrap())
}

/// A signed file of any payload text, signed with the test key.
fn signed_by_test_key(payload: &str) -> String {
    let key = test_key();
    serde_json::json!({
        "vipguard_signed": 1,
        "key_id": "cc79f74379c3b4aa",
        "payload": payload,
        "signature": BASE64.encode(key.sign(payload.as_bytes()).to_bytes()),
    })
    .to_string()
}

/// Verify `text` with the test team's public key: what went to standard error.
fn verify_text(d: &Path, name: &str, text: &str) -> String {
    let file = d.join(name);
    std::fs::write(&file, text).unwrap();
    refused(verify(
        Path::new(&format!("{FIXTURES}/TEST-ONLY.pub")),
        &file,
        &[],
    ))
}

#[test]
fn a_file_that_does_not_verify_says_what_is_wrong() {
    let d = dir("bad-files");
    let good = std::fs::read_to_string(format!("{FIXTURES}/signed-v2.json")).unwrap();
    let envelope: serde_json::Value = serde_json::from_str(&good).unwrap();
    let with = |field: &str, value: serde_json::Value| {
        let mut e = envelope.clone();
        e[field] = value;
        e.to_string()
    };
    let payload = envelope["payload"].as_str().unwrap();
    let signature = envelope["signature"].as_str().unwrap();
    // One byte changed in the payload: the version 2 made 3.
    let tampered_payload = payload.replacen("\"version\":2", "\"version\":3", 1);
    assert_ne!(tampered_payload, payload);
    // One character of the signature changed (still base64 of 64 bytes).
    let mut sig = signature.as_bytes().to_vec();
    sig[10] = if sig[10] == b'A' { b'B' } else { b'A' };
    let tampered_signature = String::from_utf8(sig).unwrap();
    let other = std::fs::read_to_string(format!("{FIXTURES}/other-key-v3.json")).unwrap();
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "tampered payload",
            with("payload", tampered_payload.into()),
            "field `signature`: bad signature: it does not verify with key cc79f74379c3b4aa: the payload or the signature was changed after signing",
        ),
        (
            "tampered signature",
            with("signature", tampered_signature.into()),
            "bad signature: it does not verify with key cc79f74379c3b4aa",
        ),
        (
            "wrong key",
            other,
            "bad signature: the file says it was signed by key e8de09bdaffbc6ae, and the given key is cc79f74379c3b4aa (wrong key?)",
        ),
        (
            "truncated",
            good[..good.len() / 2].to_string(),
            "not a signed vipguard list: not JSON, or not all of it (cut short?)",
        ),
        ("not JSON", "hello\n".into(), "not a signed vipguard list: not JSON"),
        (
            "a plain list",
            std::fs::read_to_string("demo/protected.json").unwrap(),
            "not a signed vipguard list: this is a plain protected list",
        ),
        (
            "an export",
            std::fs::read_to_string(format!("{FIXTURES}/decisions.json")).unwrap(),
            "not a signed vipguard list: this is a decisions export",
        ),
        ("an array", "[1, 2]".into(), "not a signed vipguard list: a JSON object was expected"),
        (
            "signature not base64",
            with("signature", "not base64!".into()),
            "field `signature`: is not a signature (standard base64 of 64 bytes)",
        ),
        (
            "signature too short",
            with("signature", BASE64.encode([1u8; 32]).into()),
            "field `signature`: is not a signature",
        ),
        (
            "format version 2",
            with("vipguard_signed", 2.into()),
            "field `vipguard_signed`: this signed-list format version is not 1",
        ),
        (
            "no key_id",
            {
                let mut e = envelope.clone();
                e.as_object_mut().unwrap().remove("key_id");
                e.to_string()
            },
            "the field “key_id” is missing",
        ),
        (
            "payload not a string",
            with("payload", serde_json::json!({"name": "x"})),
            "field `payload`: this should be a text in double quotes, not an object { }",
        ),
    ];
    for (what, text, want) in cases {
        let err = verify_text(&d, "bad.json", &text);
        assert!(err.contains(want), "{what}: {err}");
        assert!(err.starts_with("vipguard: "), "{what}: {err}");
        assert!(err.contains("bad.json"), "{what}: the file is named: {err}");
    }
    // The secret key given to verify: refused without showing it.
    let secret = std::fs::read_to_string(format!("{FIXTURES}/TEST-ONLY.key")).unwrap();
    let err = refused(verify(
        Path::new(&format!("{FIXTURES}/TEST-ONLY.key")),
        Path::new(&format!("{FIXTURES}/signed-v2.json")),
        &[],
    ));
    assert!(
        err.contains("this is a secret key: verify with the public key"),
        "{err}"
    );
    assert!(
        !err.contains(secret.split(' ').nth(1).unwrap().trim()),
        "{err}"
    );
    // A weak key (a point of small order: the all-zero key, what a placeholder looks like, and the
    // identity), under which anyone signs: refused as the key it is, by verify and by merge.
    for (name, key) in [
        ("zero.pub", [0u8; 32]),
        ("identity.pub", {
            let mut k = [0u8; 32];
            k[0] = 1;
            k
        }),
    ] {
        let file = d.join(name);
        std::fs::write(&file, format!("{}\n", BASE64.encode(key))).unwrap();
        let signed = format!("{FIXTURES}/signed-v2.json");
        for args in [
            vec!["verify", "--key", path(&file), &signed],
            vec!["decisions", "merge", &signed, "--key", path(&file)],
        ] {
            let err = refused(run(&args));
            assert!(
                err.contains(&format!("{name}: is a weak Ed25519 public key (a point of small order, which anyone can sign for without a secret key)")),
                "{args:?}: {err}"
            );
        }
    }
}

#[test]
fn a_payload_that_verifies_is_still_read_field_by_field() {
    let d = dir("bad-payloads");
    let list = r#"{"accounts":[{"id":"vip-1","name":"Aliko Dangote","handles":[{"platform":"x","handle":"AlikoDangote"}]}]}"#;
    let payload = |name: &str, version: &str, date: &str, rest: &str| {
        format!(r#"{{"name":{name},"version":{version},"date":{date},"list":{list}{rest}}}"#)
    };
    let good_date = format!("\"{DATE}\"");
    let decision = |at: &str| {
        format!(
            r#","decisions":[{{"platform":"x","handle":"a","decision":"confirmed","by":"r1","at":"{at}","match":null}}]"#
        )
    };
    // The good payload verifies: each case below is it with one thing wrong.
    let good = payload("\"T\"", "1", &good_date, &decision(DATE));
    let file = d.join("good.json");
    std::fs::write(&file, signed_by_test_key(&good)).unwrap();
    ok(verify(
        Path::new(&format!("{FIXTURES}/TEST-ONLY.pub")),
        &file,
        &[],
    ));
    let cases: Vec<(&str, String, &str)> = vec![
        ("version 0", payload("\"T\"", "0", &good_date, ""), "field `payload.version`: the version must be a whole number from 1 to 9007199254740991, not 0"),
        ("version -1", payload("\"T\"", "-1", &good_date, ""), "field `payload.version`: the version must be a whole number from 1 to 9007199254740991, not -1"),
        ("version 1.5", payload("\"T\"", "1.5", &good_date, ""), "field `payload.version`: the version must be a whole number from 1 to 9007199254740991, not 1.5"),
        ("version 2^53", payload("\"T\"", "9007199254740992", &good_date, ""), "field `payload.version`: the version must be a whole number"),
        ("version a string", payload("\"T\"", "\"3\"", &good_date, ""), "field `payload.version`: this should be a whole number, not the text “3”"),
        ("name empty", payload("\"\"", "1", &good_date, ""), "field `payload.name`: the name must be 1 to 200 characters, not 0"),
        ("name too long", payload(&format!("\"{}\"", "n".repeat(201)), "1", &good_date, ""), "field `payload.name`: the name must be 1 to 200 characters, not 201"),
        ("date not UTC", payload("\"T\"", "1", "\"2026-12-05T10:00:00+01:00\"", ""), "field `payload.date`: “2026-12-05T10:00:00+01:00” is not a date and time in UTC"),
        ("missing date", format!(r#"{{"name":"T","version":1,"list":{list}}}"#), "field `payload`: the field “date” is missing"),
        ("missing list", format!(r#"{{"name":"T","version":1,"date":"{DATE}"}}"#), "field `payload`: the field “list” is missing"),
        ("unknown field", format!(r#"{{"nmae":"T","version":1,"date":"{DATE}","list":{list}}}"#), "field `payload.nmae`: unknown field “nmae” (the fields here are name, version, date, list, decisions) — did you mean “name”?"),
        ("not JSON", "{\"name\":".into(), "the JSON ends too early"),
        ("trailing text", format!("{good} x"), "field `payload`: there is more text after the end of the list"),
        ("list errors", payload("\"T\"", "1", &good_date, "").replace("\"platform\":\"x\"", "\"platform\":\"x y\""), "field `payload.list.accounts[0].handles[0].platform`: “x y” is not a platform name"),
        ("list not an object", format!(r#"{{"name":"T","version":1,"date":"{DATE}","list":[]}}"#), "field `payload.list`: this is not a list of accounts"),
        ("avatar as a path", payload("\"T\"", "1", &good_date, "").replace("\"handles\"", "\"avatars\":[\"me.jpg\"],\"handles\""), "field `payload.list.accounts[0].avatars[0]`: a picture's path, not its hash"),
        ("decision date", payload("\"T\"", "1", &good_date, &decision("yesterday")), "field `payload.decisions[0].at`: “yesterday” is not a date"),
        ("decision kind", payload("\"T\"", "1", &good_date, &decision(DATE).replace("confirmed", "maybe")), "field `payload.decisions[0].decision`: “maybe” is not a decision: not_impersonator or confirmed"),
    ];
    for (what, text, want) in cases {
        assert_ne!(text, good, "{what}");
        let err = verify_text(&d, "payload.json", &signed_by_test_key(&text));
        assert!(err.contains(want), "{what}: {err}");
        assert!(err.contains("payload.json"), "{what}: {err}");
    }
    // Every problem at once: three fields wrong, three lines and a count.
    let err = verify_text(
        &d,
        "three.json",
        &signed_by_test_key(&payload("\"\"", "0", "\"today\"", "")),
    );
    assert_eq!(err.lines().count(), 4, "{err}");
    assert!(
        err.ends_with("vipguard: 3 problems in the signed list\n"),
        "{err}"
    );
}

#[test]
fn bad_arguments_and_bad_lists_are_refused_before_anything_is_written() {
    let d = dir("refused");
    keygen(&d, "team");
    let key = d.join("team.key");
    let out = d.join("out.json");
    std::fs::write(&out, "the previous file\n").unwrap();
    let bad_json = d.join("bad.json");
    std::fs::write(
        &bad_json,
        "{\"accounts\": [\n  {\"id\": \"a\", \"name\": \"Aliko\", \"handles\": [{\"platform\": \"x\", \"handle\": \"AlikoDangote\"}]},\n  {\"id\": \"a\", \"name\": \"Chidi\"},\n  {\"id\": \"b\", \"nmae\": \"Chidi\"}\n]}\n",
    )
    .unwrap();
    let bad_csv = d.join("bad.csv");
    std::fs::write(
        &bad_csv,
        "id,name,handles\n1,Aliko Dangote,x:AlikoDangote\n2,,AlikoDangote\n",
    )
    .unwrap();
    let cases: Vec<(&str, Vec<&str>, &[&str])> = vec![
        ("version 0", vec!["--version", "0"], &["invalid value '0' for '--version <VERSION>': a version is a whole number from 1 to 9007199254740991"]),
        ("version -1", vec!["--version", "-1"], &["invalid value '-1' for '--version <VERSION>'"]),
        ("version 1.5", vec!["--version", "1.5"], &["invalid value '1.5' for '--version <VERSION>'"]),
        ("version 2^53", vec!["--version", "9007199254740992"], &["invalid value '9007199254740992'"]),
        ("empty name", vec!["--name", ""], &["vipguard: --name: the name must be 1 to 200 characters, not 0"]),
        ("bad date", vec!["--date", "2026-12-05"], &["vipguard: --date: “2026-12-05” is not a date and time in UTC"]),
        ("a list with errors", vec!["--list", path(&bad_json)], &[
            "bad.json:3: field `accounts[1].id`",
            "bad.json:4: field `accounts[2].nmae`: unknown field “nmae”",
            "2 problems in the list to sign",
        ]),
        ("a CSV list with errors", vec!["--list", path(&bad_csv)], &["bad.csv:3: field `name`"]),
        ("the public key", vec!["--key", "tests/fixtures/feed/TEST-ONLY.pub"], &["TEST-ONLY.pub: this is a public key: sign with the secret key"]),
        ("not a key", vec!["--key", "demo/protected.json"], &["protected.json: is not a vipguard secret key"]),
        ("bad decisions", vec!["--decisions", "demo/protected.json"], &["protected.json: not a decisions export"]),
    ];
    for (what, change, want) in cases {
        let mut args = sign_args(&key, "demo/protected.json", "1", &out);
        // Each change replaces an argument's value, or adds the argument.
        for pair in change.chunks(2) {
            match args.iter().position(|a| *a == pair[0]) {
                Some(at) => args[at + 1] = pair[1],
                None => args.extend_from_slice(pair),
            }
        }
        let err = refused(run(&args));
        for w in want {
            assert!(err.contains(w), "{what}: {err}");
        }
        assert_eq!(
            std::fs::read_to_string(&out).unwrap(),
            "the previous file\n",
            "{what}: the output is left as it was"
        );
    }
    // The same arguments with nothing wrong do write it.
    ok(sign(&key, "demo/protected.json", "1", &out, &[]));
    assert!(std::fs::read_to_string(&out)
        .unwrap()
        .contains("vipguard_signed"));
}

/// A reviewer's export with these decisions (objects as JSON text).
fn export(by: &str, decisions: &[String]) -> String {
    format!(
        "{{\"vipguard_decisions\": 1, \"by\": \"{by}\", \"exported\": \"2026-12-05T12:00:00Z\",\n \"decisions\": [\n  {}\n ]}}\n",
        decisions.join(",\n  ")
    )
}

/// `vipguard decisions merge FILES… -o OUT --date DATE`.
fn merge(files: &[&Path], out: &Path) -> Output {
    let mut args = vec!["decisions", "merge"];
    args.extend(files.iter().map(|f| path(f)));
    args.extend(["-o", path(out), "--date", DATE]);
    run(&args)
}

fn decision(handle: &str, kind: &str, by: &str, at: &str) -> String {
    format!(
        r#"{{"platform": "x", "handle": "{handle}", "decision": "{kind}", "by": "{by}", "at": "{at}", "match": null}}"#
    )
}

#[test]
fn merged_decisions_keep_the_latest_and_report_conflicts() {
    let d = dir("merge");
    let a = d.join("alice.json");
    let b = d.join("bob.json");
    std::fs::write(
        &a,
        export(
            "alice",
            &[
                decision(
                    "Foo_Bar",
                    "not_impersonator",
                    "alice",
                    "2026-12-04T09:00:00Z",
                ),
                decision("@old_case", "confirmed", "alice", "2026-11-01T09:00:00Z"),
                decision("same", "confirmed", "alice", "2026-12-04T09:00:00Z"),
            ],
        ),
    )
    .unwrap();
    std::fs::write(
        &b,
        export(
            "bob",
            &[
                // Two hours later, the other decision: a conflict, and Bob's stands.
                decision("foo_bar", "confirmed", "bob", "2026-12-04T11:00:00.5Z"),
                // A month later: no conflict, Bob's stands.
                decision(
                    "OLD_CASE",
                    "not_impersonator",
                    "bob",
                    "2026-12-01T09:00:00Z",
                ),
                decision("same", "confirmed", "bob", "2026-12-04T10:00:00Z"),
            ],
        ),
    )
    .unwrap();
    let out = d.join("merged.json");
    let o = merge(&[&a, &b], &out);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    let conflicts: Vec<&str> = err.lines().filter(|l| l.contains("conflict: ")).collect();
    assert_eq!(conflicts.len(), 1, "{err}");
    assert!(
        conflicts[0].contains("x @foo_bar: not_impersonator by alice at 2026-12-04T09:00:00Z"),
        "{err}"
    );
    assert!(
        conflicts[0].contains("confirmed by bob at 2026-12-04T11:00:00.5Z"),
        "{err}"
    );
    assert!(
        conflicts[0].contains("alice.json") && conflicts[0].contains("bob.json"),
        "{err}"
    );
    let merged: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(merged["vipguard_decisions"], 1);
    assert_eq!(merged["by"], "merged");
    assert_eq!(merged["exported"], DATE);
    let got: Vec<(String, String, String)> = merged["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["handle"].as_str().unwrap().to_lowercase(),
                d["decision"].as_str().unwrap().into(),
                d["by"].as_str().unwrap().into(),
            )
        })
        .collect();
    let want = [
        ("foo_bar", "confirmed", "bob"),
        ("old_case", "not_impersonator", "bob"),
        ("same", "confirmed", "bob"),
    ];
    assert_eq!(
        got,
        want.map(|(h, k, b)| (h.to_string(), k.to_string(), b.to_string()))
    );
    // In French, the conflict too: who decided what, when and in which file.
    let fr_out = d.join("merged-fr.json");
    let mut args = vec![
        "decisions",
        "merge",
        path(&a),
        path(&b),
        "-o",
        path(&fr_out),
    ];
    args.extend(["--date", DATE, "--lang", "fr"]);
    let err = stderr(&run(&args));
    let want = format!(
        "vipguard: conflit\u{a0}: x @foo_bar\u{a0}: «\u{a0}pas un usurpateur\u{a0}» par alice le 2026-12-04T09:00:00Z ({}) \
         et «\u{a0}usurpation confirmée\u{a0}» par bob le 2026-12-04T11:00:00.5Z ({}), à moins de 24\u{a0}heures d’écart\u{a0}; \
         la plus récente l’emporte",
        path(&a),
        path(&b)
    );
    assert!(err.contains(&want), "{err}\nwant {want}");
    // The merged export is itself an input to `sign` and to another merge, as is a signed list.
    let signed = d.join("signed.json");
    let signed_v2 = format!("{FIXTURES}/signed-v2.json");
    let again = d.join("again.json");
    let merge_signed = |input: &str, key: Option<&str>| {
        let mut args = vec!["decisions", "merge", path(&out), input, "-o", path(&again)];
        args.extend(["--date", DATE]);
        if let Some(k) = key {
            args.extend(["--key", k]);
        }
        run(&args)
    };
    // A signed list's decisions only once its signature is checked: without a key, with another
    // team's key, or changed after signing, it is refused and nothing is written.
    let test_key = format!("{FIXTURES}/TEST-ONLY.pub");
    let other_key = format!("{FIXTURES}/TEST-ONLY-other.pub");
    let tampered = format!("{FIXTURES}/tampered-v3.json");
    for (input, key, says) in [
        (
            &signed_v2,
            None,
            "give the team's public key (--key NAME.pub)",
        ),
        (&signed_v2, Some(&other_key), "signature"),
        (&tampered, Some(&test_key), "changed after signing"),
    ] {
        let err = refused(merge_signed(input, key.map(String::as_str)));
        assert!(err.contains(says), "{input} {key:?}: {err}");
        assert!(!again.exists(), "nothing written for {input} {key:?}");
    }
    ok(merge_signed(&signed_v2, Some(&test_key)));
    let again: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("again.json")).unwrap()).unwrap();
    assert_eq!(again["decisions"].as_array().unwrap().len(), 5);
    keygen(&d, "team");
    ok(sign(
        &d.join("team.key"),
        "demo/protected.json",
        "1",
        &signed,
        &["--decisions", path(&out)],
    ));
    let shown = ok(verify(&d.join("team.pub"), &signed, &[]));
    assert!(shown.contains("decisions: 3\n"), "{shown}");
}

#[test]
fn a_malformed_export_is_refused_with_file_line_and_field() {
    let d = dir("merge-bad");
    let good = d.join("good.json");
    std::fs::write(
        &good,
        export("alice", &[decision("a", "confirmed", "alice", DATE)]),
    )
    .unwrap();
    let bad = d.join("bad.json");
    std::fs::write(
        &bad,
        export(
            "carol",
            &[
                decision("fine", "confirmed", "carol", DATE),
                decision("b", "confirmed", "carol", DATE).replace("\"decision\"", "\"decison\""),
                decision("c", "maybe", "carol", DATE),
                decision("d", "confirmed", "carol", "yesterday"),
                decision("e", "confirmed", "", DATE),
                decision("has space", "confirmed", "carol", DATE),
            ],
        ),
    )
    .unwrap();
    let out = d.join("merged.json");
    let err = refused(run(&[
        "decisions",
        "merge",
        path(&good),
        path(&bad),
        "-o",
        path(&out),
    ]));
    for want in [
        "bad.json:4: field `decisions[1].decison`: unknown field “decison” (the fields here are platform, handle, decision, by, at, note, match) — did you mean “decision”?",
        "bad.json:5: field `decisions[2].decision`: “maybe” is not a decision",
        "bad.json:6: field `decisions[3].at`: “yesterday” is not a date",
        "bad.json:7: field `decisions[4].by`: the reviewer id is empty",
        "bad.json:8: field `decisions[5].handle`",
        "vipguard: 5 problems in the decisions",
    ] {
        assert!(err.contains(want), "{want}\n{err}");
    }
    assert!(!out.exists(), "nothing written");
    // Files that are no export at all.
    for (text, want) in [
        ("not json", "a value is missing or misspelt at column 2"),
        ("{\"accounts\": []}", "not a decisions export"),
        ("{\"vipguard_decisions\": 2, \"by\": \"a\", \"exported\": \"2026-12-05T10:00:00Z\", \"decisions\": []}", "field `vipguard_decisions`: this export's format version is not 1"),
        ("{\"vipguard_decisions\": 1, \"by\": \"a\", \"decisions\": []}", "the field “exported” is missing"),
        // The format read before the rest, every other value skipped (read_decisions' ExportProbe): only
        // the integer 1, and a `vipguard_signed` anywhere makes it a signed list.
        ("{\"vipguard_decisions\": 1.0, \"by\": \"a\", \"exported\": \"2026-12-05T10:00:00Z\", \"decisions\": []}", "field `vipguard_decisions`: this export's format version is not 1"),
        ("{\"by\": \"a\", \"decisions\": [{\"deep\": [[1]]}], \"vipguard_decisions\": \"1\"}", "field `vipguard_decisions`: this export's format version is not 1"),
        ("{\"decisions\": [], \"vipguard_decisions\": 1, \"vipguard_signed\": 1}", "a signed list: give the team's public key"),
    ] {
        std::fs::write(&bad, text).unwrap();
        let err = refused(run(&["decisions", "merge", path(&good), path(&bad), "-o", path(&out)]));
        assert!(err.contains(want) && err.contains("bad.json"), "{text}: {err}");
        assert!(!out.exists(), "nothing written");
    }
}

/// Issue 26's red team: an export by "bob" holding a decision by "lead.ama" dated 2099 beat alice's
/// "confirmed" of the same day with no conflict reported, was signed, and in every extension the account
/// read as cleared until 2099. A decision's author must be its export's (a merged export keeps each
/// one's own), and no decision may be dated after its export, the merge or the signing (an hour's
/// clock difference aside).
#[test]
fn decisions_by_someone_else_or_dated_in_the_future_are_refused() {
    let d = dir("merge-future");
    let alice = d.join("alice.json");
    std::fs::write(
        &alice,
        export(
            "alice",
            &[decision(
                "KwabenaMensahTV",
                "confirmed",
                "alice",
                "2026-12-05T09:00:00Z",
            )],
        ),
    )
    .unwrap();
    let bob = d.join("bob.json");
    let out = d.join("merged.json");
    for (decisions, want) in [
        (
            vec![decision("KwabenaMensahTV", "not_impersonator", "lead.ama", "2026-12-05T09:30:00Z")],
            "bob.json: field `decisions[0].by`: “lead.ama” in an export by “bob”: an export holds its reviewer's own decisions",
        ),
        (
            vec![decision("KwabenaMensahTV", "not_impersonator", "bob", "2099-01-01T00:00:00Z")],
            "bob.json: field `decisions[0].at`: 2099-01-01T00:00:00Z is later than when the export was written (2026-12-05T12:00:00Z)",
        ),
    ] {
        std::fs::write(&bob, export("bob", &decisions)).unwrap();
        let err = refused(merge(&[&alice, &bob], &out));
        assert!(err.contains(want), "{want}\n{err}");
        assert!(!out.exists(), "nothing written");
    }
    // Bob's export with his own decision at `at`.
    let bob_at = |at: &str| {
        let one = decision("KwabenaMensahTV", "not_impersonator", "bob", at);
        std::fs::write(&bob, export("bob", &[one])).unwrap()
    };
    // An export dated in the future with its decisions: refused by the merge's own date.
    bob_at("2026-12-05T11:30:00Z");
    let err = refused(merge(&[&alice, &bob], &out));
    assert!(
        err.contains("bob.json: field `decisions[0].at`: 2026-12-05T11:30:00Z is later than the merge (2026-12-05T10:00:00Z)"),
        "{err}"
    );
    // Within the hour allowed for clocks: merged, the conflict reported.
    bob_at("2026-12-05T10:30:00Z");
    let o = merge(&[&alice, &bob], &out);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("conflicts: 1"), "{}", stderr(&o));
    // Signed with a date before a decision: refused, as every verifier would refuse the file.
    let key = d.join("team");
    keygen(&d, "team");
    let signed = d.join("signed.json");
    let key = key.with_extension("key");
    let mut args = sign_args(&key, "demo/protected.json", "1", &signed);
    let at = args.len() - 3;
    args[at] = "2026-12-05T08:00:00Z";
    args.extend(["--decisions", path(&out)]);
    let err = refused(run(&args));
    assert!(
        err.contains("field `payload.decisions[0].at`: 2026-12-05T10:30:00Z is later than when the list was signed (2026-12-05T08:00:00Z)"),
        "{err}"
    );
    assert!(!signed.exists());
}

/// The limits on a decision's author (a reviewer id) and note are the extension's: what `sign` signs,
/// every extension applies (before, the CLI signed a 400-character author and a 1,200-character note,
/// and every extension then kept the last version).
#[test]
fn decision_authors_and_notes_are_limited_as_the_extension_limits_them() {
    let d = dir("limits");
    keygen(&d, "team");
    let key = d.join("team.key");
    let signed = d.join("signed.json");
    let long = "r".repeat(321);
    let note = |n: usize| format!(r#""note": "{}", "#, "n".repeat(n));
    for (by, note_len, want) in [
        (
            long.as_str(),
            10,
            Some("field `decisions[0].by`: is 321 characters long, more than 320"),
        ),
        (
            "alice",
            1001,
            Some("field `decisions[0].note`: is 1001 characters long, more than 1000"),
        ),
        (&long[..320], 1000, None),
    ] {
        let file = d.join("export.json");
        let one = decision("KwabenaMensahTV", "confirmed", by, DATE).replacen(
            "\"by\"",
            &format!("{}\"by\"", note(note_len)),
            1,
        );
        std::fs::write(&file, export(by, &[one])).unwrap();
        let run_sign = || {
            sign(
                &key,
                "demo/protected.json",
                "1",
                &signed,
                &["--decisions", path(&file)],
            )
        };
        match want {
            Some(want) => {
                let err = refused(run_sign());
                assert!(err.contains(want), "{want}\n{err}");
            }
            None => {
                ok(run_sign());
                ok(verify(&d.join("team.pub"), &signed, &[]));
            }
        }
    }
}

#[test]
fn the_extension_fixtures_are_what_the_script_makes() {
    at_root();
    let d = dir("fixtures");
    let made = Command::new("bash")
        .args(["scripts/feed-fixtures.sh", path(&d)])
        .env("VIPGUARD", env!("CARGO_BIN_EXE_vipguard"))
        .output()
        .unwrap();
    assert!(made.status.success(), "{}", stderr(&made));
    for name in [
        "signed-v1.json",
        "signed-v2.json",
        "tampered-v3.json",
        "other-key-v3.json",
    ] {
        assert_eq!(
            std::fs::read_to_string(d.join(name)).unwrap(),
            std::fs::read_to_string(format!("{FIXTURES}/{name}")).unwrap(),
            "{name}: run scripts/feed-fixtures.sh and commit what it makes"
        );
    }
    let public = PathBuf::from(format!("{FIXTURES}/TEST-ONLY.pub"));
    let fixture = |name: &str| PathBuf::from(format!("{FIXTURES}/{name}"));
    let v1 = ok(verify(&public, &fixture("signed-v1.json"), &[]));
    assert!(
        v1.contains("version: 1\n") && v1.contains("accounts: 3\n"),
        "{v1}"
    );
    let v2 = ok(verify(
        &public,
        &fixture("signed-v2.json"),
        &["--min-version", "2"],
    ));
    assert!(
        v2.contains("version: 2\n")
            && v2.contains("accounts: 4\n")
            && v2.contains("decisions: 2\n"),
        "{v2}"
    );
    let err = refused(verify(
        &public,
        &fixture("signed-v1.json"),
        &["--min-version", "2"],
    ));
    assert!(err.contains("version 1 is lower than 2"), "{err}");
    let err = refused(verify(&public, &fixture("tampered-v3.json"), &[]));
    assert!(
        err.contains("bad signature: it does not verify with key"),
        "{err}"
    );
    let err = refused(verify(&public, &fixture("other-key-v3.json"), &[]));
    assert!(err.contains("(wrong key?)"), "{err}");
    let other = fixture("TEST-ONLY-other.pub");
    let shown = ok(verify(&other, &fixture("other-key-v3.json"), &[]));
    assert!(shown.contains("version: 3\n"), "{shown}");
}

#[test]
fn names_and_reviewers_are_escaped_on_the_terminal() {
    let d = dir("escape");
    keygen(&d, "team");
    let out = d.join("signed.json");
    let o = run(&[
        "sign",
        "--list",
        "demo/protected.json",
        "--name",
        "Team\u{1b}[2J list\u{202e}",
        "--version",
        "1",
        "--key",
        path(&d.join("team.key")),
        "-o",
        path(&out),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let shown = ok(verify(&d.join("team.pub"), &out, &[]));
    for text in [&shown, &stderr(&o)] {
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{202e}'),
            "{text}"
        );
        assert!(text.contains("Team⟨U+001B⟩[2J list⟨U+202E⟩"), "{text}");
    }
    // The signed name itself is kept as given.
    let envelope: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert!(envelope["payload"]
        .as_str()
        .unwrap()
        .contains("Team\\u001b[2J list\u{202e}"));
    let a = d.join("a.json");
    let b = d.join("b.json");
    std::fs::write(
        &a,
        export(
            "eve\\u001b[2J",
            &[decision("h", "confirmed", "eve\\u001b[2J", DATE)],
        ),
    )
    .unwrap();
    std::fs::write(
        &b,
        export(
            "bob",
            &[decision(
                "h",
                "not_impersonator",
                "bob",
                "2026-12-05T11:00:00Z",
            )],
        ),
    )
    .unwrap();
    let o = merge(&[&a, &b], &d.join("m.json"));
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(err.contains("confirmed by eve⟨U+001B⟩[2J at"), "{err}");
    assert!(!err.contains('\u{1b}'), "{err}");
}

/// What the feed commands say on standard error, in English and with `--lang fr` in French (no-break
/// spaces before `:` `;` and inside « »); what `verify` prints on standard output stays English, for
/// scripts.
#[test]
fn feed_messages_in_english_and_french() {
    let d = dir("lang");
    let decisions = format!("{FIXTURES}/decisions.json");
    let a = d.join("a.json");
    std::fs::write(
        &a,
        export(
            "alice",
            &[
                decision("same", "confirmed", "alice", "2026-12-04T09:00:00Z"),
                decision("other", "confirmed", "alice", "2026-12-04T09:00:00Z"),
            ],
        ),
    )
    .unwrap();
    let b = d.join("b.json");
    std::fs::write(
        &b,
        export(
            "bob",
            &[decision(
                "same",
                "not_impersonator",
                "bob",
                "2026-12-04T10:00:00Z",
            )],
        ),
    )
    .unwrap();
    for (lang, said) in [
        (
            "en",
            [
                "secret key in",
                "vipguard: signed \"Team list\" version 7 (6 accounts, 2 decisions) with key",
                "already exists: not overwritten",
                "version 7 is lower than 8 (--min-version)",
                "vipguard: conflict: ",
                "vipguard: 3 decisions from 2 files merged into 2; conflicts: 1",
            ],
        ),
        (
            "fr",
            [
                " : clé secrète dans",
                "vipguard: « Team list » version 7 signée (6 comptes, 2 décisions) avec la clé",
                "existe déjà : pas écrasé",
                "la version 7 est inférieure à 8 (--min-version) : une liste plus ancienne",
                "vipguard: conflit : ",
                "vipguard: 3 décisions de 2 fichiers fusionnées en 2 ; conflit : 1",
            ],
        ),
    ] {
        let l = ["--lang", lang];
        let key = d.join(lang);
        let made = run(&["keygen", "--out", path(&key), "--lang", lang]);
        let again = refused(run(&["keygen", "--out", path(&key), "--lang", lang]));
        let out = d.join(format!("signed-{lang}.json"));
        let secret = d.join(format!("{lang}.key"));
        let signed = sign(
            &secret,
            "demo/protected.json",
            "7",
            &out,
            &["--decisions", &decisions, "--lang", lang],
        );
        let public = d.join(format!("{lang}.pub"));
        let shown = ok(verify(&public, &out, &l));
        assert!(shown.starts_with("good signature by key "), "{shown}");
        let old = refused(verify(
            &public,
            &out,
            &["--min-version", "8", "--lang", lang],
        ));
        let merged_to = d.join(format!("merged-{lang}.json"));
        let mut args = vec![
            "decisions",
            "merge",
            path(&a),
            path(&b),
            "-o",
            path(&merged_to),
        ];
        args.extend(["--date", DATE, "--lang", lang]);
        let merged = run(&args);
        assert!(merged.status.success(), "{}", stderr(&merged));
        let texts = [
            stderr(&made),
            stderr(&signed),
            again,
            old.clone(),
            stderr(&merged),
            stderr(&merged),
        ];
        for (text, want) in texts.iter().zip(said) {
            assert!(text.contains(want), "{lang}: {want:?} not in {text}");
            if lang == "fr" {
                for bad in [" :", " ;", " ?", " !", "« ", " »"] {
                    assert!(!text.contains(bad), "{bad:?} in {text}");
                }
            }
        }
    }
}

/// A list an older vipguard enrolled is signed as it is, with the warning in the language asked.
#[test]
fn signing_a_list_an_older_vipguard_enrolled_warns_in_the_language_asked() {
    let d = dir("sign-enrol-again");
    keygen(&d, "team");
    let list = "crates/vipguard/tests/fixtures/enrolment/before_tints.json";
    for (lang, want) in [
        ("en", "warning [enrol_again]: 1 account has avatars"),
        (
            "fr",
            "avertissement [enrol_again]\u{a0}: 1 compte a des avatars",
        ),
    ] {
        let out = sign(
            &d.join("team.key"),
            list,
            "3",
            &d.join(format!("signed-{lang}.json")),
            &["--lang", lang],
        );
        let said = String::from_utf8_lossy(&out.stderr).to_string();
        assert!(out.status.success(), "{lang}: {said}");
        assert!(said.contains(want), "{lang}: {said}");
    }
}

/// The engine's feed errors (a key file, a signed list's envelope, signature and payload, a decisions
/// export) in the language asked for: each bad input and the words in English and in French, which
/// are the extension's catalogues' (`listErr_feed_*`), with the file and field they are about.
#[test]
fn feed_errors_in_english_and_french() {
    let d = dir("errors-lang");
    let fixture = |name: &str| format!("{FIXTURES}/{name}");
    let public = fixture("TEST-ONLY.pub");
    let secret = fixture("TEST-ONLY.key");
    let good = std::fs::read_to_string(fixture("signed-v1.json")).unwrap();
    let write = |name: &str, text: &str| {
        let p = d.join(name);
        std::fs::write(&p, text).unwrap();
        path(&p).to_string()
    };
    let truncated = write("truncated.json", &good[..good.len() / 2]);
    let plain = "demo/protected.json".to_string();
    let long_name = write(
        "long-name.json",
        &signed_by_test_key(&format!(
            r#"{{"name":"{}","version":1,"date":"{DATE}","list":{{"accounts":[]}}}}"#,
            "n".repeat(201)
        )),
    );
    let bad_decision = write(
        "bad-decision.json",
        &export(
            "carol",
            &[
                decision("b", "maybe", "carol", DATE),
                decision("c", "confirmed", "carol", "yesterday"),
                decision("d", "confirmed", "", DATE),
            ],
        ),
    );
    let no_export = write("no-export.json", "{\"accounts\": []}\n");
    // (what, arguments, English, French); `{L}` is where `--lang` goes.
    let cases: Vec<(&str, Vec<String>, &[&str], &[&str])> = vec![
        (
            "a public key to sign with",
            ["sign", "--list", "demo/protected.json", "--name", "T", "--version", "1", "--key", &public]
                .map(String::from)
                .to_vec(),
            &["TEST-ONLY.pub: this is a public key: sign with the secret key (the NAME.key beside it)"],
            &["TEST-ONLY.pub\u{a0}: c’est une clé publique\u{a0}: signez avec la clé secrète (le NOM.key à côté)"],
        ),
        (
            "a secret key to verify with",
            ["verify", "--key", &secret, &fixture("signed-v1.json")].map(String::from).to_vec(),
            &["TEST-ONLY.key: this is a secret key: verify with the public key (the NAME.pub beside it)"],
            &["TEST-ONLY.key\u{a0}: c’est une clé secrète\u{a0}: vérifiez avec la clé publique (le NOM.pub à côté)"],
        ),
        (
            "a list that is no key",
            ["verify", "--key", "demo/protected.json", &fixture("signed-v1.json")].map(String::from).to_vec(),
            &["protected.json: is not a vipguard public key (one line of 44 characters: standard base64 of 32 bytes)"],
            &["protected.json\u{a0}: n’est pas une clé publique vipguard (une ligne de 44 caractères"],
        ),
        (
            "a payload changed after signing",
            ["verify", "--key", &public, &fixture("tampered-v3.json")].map(String::from).to_vec(),
            &["tampered-v3.json: field `signature`: bad signature: it does not verify with key cc79f74379c3b4aa: the payload or the signature was changed after signing"],
            &["tampered-v3.json\u{a0}: champ «\u{a0}signature\u{a0}»\u{a0}: signature invalide\u{a0}: elle ne se vérifie pas avec la clé cc79f74379c3b4aa\u{a0}: le contenu ou la signature a été modifié après la signature"],
        ),
        (
            "another team's key",
            ["verify", "--key", &public, &fixture("other-key-v3.json")].map(String::from).to_vec(),
            &["other-key-v3.json: field `signature`: bad signature: the file says it was signed by key e8de09bdaffbc6ae, and the given key is cc79f74379c3b4aa (wrong key?)"],
            &["other-key-v3.json\u{a0}: champ «\u{a0}signature\u{a0}»\u{a0}: signature invalide\u{a0}: le fichier dit avoir été signé par la clé e8de09bdaffbc6ae, et la clé donnée est cc79f74379c3b4aa (mauvaise clé\u{a0}?)"],
        ),
        (
            "a file cut short",
            ["verify", "--key", &public, &truncated].map(String::from).to_vec(),
            &["truncated.json:", ": not a signed vipguard list: not JSON, or not all of it (cut short?)"],
            &["truncated.json:", "\u{a0}: ce n’est pas une liste vipguard signée\u{a0}: ce n’est pas du JSON, ou pas en entier (tronqué\u{a0}?)"],
        ),
        (
            "a plain list",
            ["verify", "--key", &public, &plain].map(String::from).to_vec(),
            &["protected.json: not a signed vipguard list: this is a plain protected list (sign it with vipguard sign)"],
            &["protected.json\u{a0}: ce n’est pas une liste vipguard signée\u{a0}: c’est une liste protégée simple (signez-la avec vipguard sign)"],
        ),
        (
            "a name too long",
            ["verify", "--key", &public, &long_name].map(String::from).to_vec(),
            &["long-name.json: field `payload.name`: the name must be 1 to 200 characters, not 201"],
            &["long-name.json\u{a0}: champ «\u{a0}payload.name\u{a0}»\u{a0}: le nom doit avoir de 1 à 200 caractères, pas 201"],
        ),
        (
            "a bad date to sign with",
            ["sign", "--list", "demo/protected.json", "--name", "T", "--version", "1", "--key", &secret, "--date", "2026-12-05"]
                .map(String::from)
                .to_vec(),
            &["--date: “2026-12-05” is not a date and time in UTC as RFC 3339 writes it (2026-12-05T10:00:00Z)"],
            &["--date\u{a0}: «\u{a0}2026-12-05\u{a0}» n’est pas une date et heure UTC écrite selon la RFC 3339 (2026-12-05T10:00:00Z)"],
        ),
        (
            "bad decisions",
            ["decisions", "merge", &bad_decision].map(String::from).to_vec(),
            &[
                "bad-decision.json:3: field `decisions[0].decision`: “maybe” is not a decision: not_impersonator or confirmed",
                "bad-decision.json:4: field `decisions[1].at`: “yesterday” is not a date and time in UTC",
                "bad-decision.json:5: field `decisions[2].by`: the reviewer id is empty",
                "3 problems in the decisions",
            ],
            &[
                "bad-decision.json:3\u{a0}: champ «\u{a0}decisions[0].decision\u{a0}»\u{a0}: «\u{a0}maybe\u{a0}» n’est pas une décision\u{a0}: not_impersonator (pas un imposteur) ou confirmed (confirmé)",
                "bad-decision.json:4\u{a0}: champ «\u{a0}decisions[1].at\u{a0}»\u{a0}: «\u{a0}yesterday\u{a0}» n’est pas une date et heure UTC",
                "bad-decision.json:5\u{a0}: champ «\u{a0}decisions[2].by\u{a0}»\u{a0}: l’identifiant d’examinateur est vide",
                "3 problèmes dans les décisions",
            ],
        ),
        (
            "no decisions export",
            ["decisions", "merge", &no_export].map(String::from).to_vec(),
            &["no-export.json: not a decisions export (no “vipguard_decisions” field) nor a signed list"],
            &["no-export.json\u{a0}: ni un export de décisions (pas de champ «\u{a0}vipguard_decisions\u{a0}») ni une liste signée"],
        ),
        (
            "a signed list's decisions without a key",
            ["decisions", "merge", &fixture("signed-v1.json")].map(String::from).to_vec(),
            &["signed-v1.json: a signed list: give the team's public key (--key NAME.pub)"],
            &["signed-v1.json\u{a0}: une liste signée\u{a0}: donnez la clé publique de l’équipe (--key NOM.pub)"],
        ),
    ];
    for (what, args, en, fr) in &cases {
        for (lang, want) in [("en", en), ("fr", fr)] {
            let mut args: Vec<&str> = args.iter().map(String::as_str).collect();
            args.extend(["--lang", lang]);
            let err = refused(run(&args));
            for w in want.iter() {
                assert!(err.contains(w), "{what} {lang}: {w:?} not in {err}");
            }
            if lang == "fr" {
                for bad in [" :", " ;", " ?", " !", "« ", " »"] {
                    assert!(!err.contains(bad), "{what}: {bad:?} in {err}");
                }
            }
        }
    }
}
