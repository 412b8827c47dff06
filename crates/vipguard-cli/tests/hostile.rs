//! Hostile input through the real `vipguard` binary (issue 24): pictures that claim more memory than an
//! avatar needs or have no pixels, text made to drive a terminal or a spreadsheet, web addresses
//! written as handles. Each gets a clear error or is made harmless; nothing panics, nothing is lost.

#[path = "../../vipguard/tests/common/bombs.rs"]
mod bombs;

use std::path::PathBuf;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vipguard"))
        .args(args)
        .output()
        .expect("run vipguard")
}

/// A folder of this test run's own (tests run in parallel: each writes files of its own names).
fn dir() -> PathBuf {
    let d = std::env::temp_dir().join(format!("vipguard-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn write(name: &str, bytes: &[u8]) -> String {
    let p = dir().join(name);
    std::fs::write(&p, bytes).unwrap();
    p.display().to_string()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

const LIST: &str = r#"{"accounts": [{"id": "vip-1", "name": "Aliko Dangote",
    "handles": [{"platform": "x", "handle": "AlikoDangote"}]}]}"#;

/// Findings 4 and 6: every hostile picture, at every command that reads one. `check` refuses it (exit
/// 2) naming the file and its size (or, for the JPEG whose pixels fail, what is wrong); `enroll` and list loading name the list, the field and the file and
/// write nothing; `scan` notes it in that profile's evidence and checks the other rows (a 35-byte GIF
/// of height 0 panicked all three, exit 101, the scan's output lost).
#[test]
fn hostile_pictures_get_an_error_naming_file_and_size_at_every_command() {
    let list = write("list-pictures.json", LIST.as_bytes());
    // What each picture gets; None: it is read (an ICC profile over the cap is dropped).
    let wanted = [
        (
            "webp-8192x8192.webp",
            Some("the picture is 8,192×8,192 pixels, more than the 4,096 pixels a side vipguard reads"),
        ),
        (
            "png-8192x8192.png",
            Some("the picture is 8,192×8,192 pixels, more than"),
        ),
        ("png-16x16-icc-300mb.png", None),
        (
            "png-rgba16-8192x4096.png",
            Some("the picture is 8,192×4,096 pixels, more than"),
        ),
        (
            "png-rgba16-4096x4096.png",
            Some("reading the picture would take more than 64 MB of memory"),
        ),
        (
            "gif-height-0.gif",
            Some("the picture is 1×0 pixels: it has no pixels to compare"),
        ),
        (
            "jpeg-4096x4096-101-scans.jpg",
            // Its pixels fail at the 101st scan (avatar_bad_input.rs): no size to name.
            Some("the picture is truncated or damaged: save it again or use another copy (technical detail: Format error decoding Jpeg"),
        ),
    ];
    let all = bombs::all();
    assert_eq!(all.len(), wanted.len());
    for (bomb, (name, error)) in all.iter().zip(wanted) {
        assert_eq!(bomb.name, name);
        let picture = write(name, &bomb.bytes);

        let check = run(&[
            "check",
            "--protected",
            &list,
            "--platform",
            "x",
            "--handle",
            "someone",
            "--avatar",
            &picture,
        ]);
        match error {
            Some(error) => {
                assert_eq!(check.status.code(), Some(2), "{name}: {}", stderr(&check));
                assert!(
                    stderr(&check).starts_with(&format!("vipguard: {picture}: {error}")),
                    "{name}: {}",
                    stderr(&check)
                );
            }
            None => assert!(check.status.success(), "{name}: {}", stderr(&check)),
        }

        // The picture as a protected avatar: enroll, and scan's list loading.
        let with_avatar = write(
            &format!("list-{name}.json"),
            format!(
                r#"{{"accounts": [{{"id": "vip-1", "name": "Aliko Dangote", "avatars": ["{name}"]}}]}}"#
            )
            .as_bytes(),
        );
        let enrolled = dir().join(format!("enrolled-{name}.json"));
        let enroll = run(&["enroll", &with_avatar, "-o", enrolled.to_str().unwrap()]);
        match error {
            Some(error) => {
                assert_eq!(enroll.status.code(), Some(2), "{name}: {}", stderr(&enroll));
                let said = format!(
                    "vipguard: {with_avatar}: field `accounts[0].avatars[0]`: {name} (account “vip-1”): {error}"
                );
                assert!(stderr(&enroll).starts_with(&said), "{}", stderr(&enroll));
                assert!(!enrolled.exists(), "{name}: half an enrolled list written");
            }
            None => assert!(enroll.status.success(), "{name}: {}", stderr(&enroll)),
        }

        // The picture as a profile's avatar, between two other rows: each row gets its line.
        let profiles = write(
            &format!("profiles-{name}.jsonl"),
            format!(
                "{{\"id\":\"1\",\"platform\":\"x\",\"handle\":\"AIikoDangote\",\"name\":\"Aliko Dangote\"}}\n\
                 {{\"id\":\"2\",\"platform\":\"x\",\"handle\":\"someone\",\"name\":\"Some One\",\"avatar\":\"{name}\"}}\n\
                 {{\"id\":\"3\",\"platform\":\"x\",\"handle\":\"AlikoDangote\",\"name\":\"Aliko Dangote\"}}\n"
            )
            .as_bytes(),
        );
        let scan = run(&["scan", "--protected", &list, &profiles]);
        assert!(scan.status.success(), "{name}: {}", stderr(&scan));
        let lines: Vec<serde_json::Value> = String::from_utf8(scan.stdout)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let verdicts: Vec<&str> = lines
            .iter()
            .map(|l| l["verdict"].as_str().unwrap())
            .collect();
        assert_eq!(verdicts, ["impersonation", "clear", "own"], "{name}");
        let noted = lines[1]["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["signal"] == "input");
        match error {
            Some(error) => assert!(
                noted && lines[1].to_string().contains(error),
                "{name}: {}",
                lines[1]
            ),
            None => assert!(!noted, "{name}: {}", lines[1]),
        }
    }
}

/// What reaches a terminal holds no character that acts on it.
fn assert_inert(what: &str, text: &str) {
    let acting: Vec<char> = text
        .chars()
        .filter(|c| {
            (c.is_control() && *c != '\n')
                || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}')
        })
        .collect();
    assert!(acting.is_empty(), "{what}: {acting:?} in {text:?}");
}

/// Finding 8: `check` printed handles raw, so escape sequences in a handle reached the terminal.
/// Every terminal output escapes control characters and direction controls, as `⟨U+001B⟩`: check's
/// sentences, the table, `hash`'s file names, every error quoting the input (clap's too); JSON keeps
/// the text as it is (escaped the JSON way).
#[test]
fn terminal_output_escapes_control_characters() {
    let list = write("list-terminal.json", LIST.as_bytes());
    let handle = "AlikoDangote\u{1b}]0;owned\u{7}\u{1b}[2J";
    let name = "Aliko Dangote\u{9b}31m\u{202e}";
    let check = [
        "check",
        "--protected",
        &list,
        "--platform",
        "x",
        "--handle",
        handle,
        "--name",
        name,
    ];
    let out = run(&check);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_inert("check", &text);
    assert!(
        text.contains("@AlikoDangote⟨U+001B⟩]0;owned⟨U+0007⟩⟨U+001B⟩[2J"),
        "{text}"
    );
    // The same profile as JSON: the handle as given.
    let json = run(&[&check[..], &["--json"]].concat());
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert!(v.to_string().contains("\\u001b[2J"), "{v}");

    // Errors quoting the input: a platform, a file name, and clap's own.
    let bad_platform = run(&[
        "check",
        "--protected",
        &list,
        "--platform",
        "x\u{1b}[31m",
        "--handle",
        "a",
    ]);
    assert_eq!(bad_platform.status.code(), Some(2));
    let missing = dir().join("no\u{1b}[2Jlist.json");
    let unreadable = run(&["scan", "--protected", missing.to_str().unwrap(), &list]);
    assert_eq!(unreadable.status.code(), Some(2));
    assert!(
        stderr(&unreadable).contains("[2Jlist.json: cannot read"),
        "{}",
        stderr(&unreadable)
    );
    let bad_format = run(&[
        "scan",
        "--protected",
        &list,
        &list,
        "--format",
        "\u{1b}[2J\u{9b}31m",
    ]);
    assert_eq!(bad_format.status.code(), Some(2));
    assert!(
        stderr(&bad_format).contains("⟨U+009B⟩31m"),
        "{}",
        stderr(&bad_format)
    );

    // `hash` prints file names.
    let picture = write("pic\u{1b}[2J\u{202e}.gif", &bombs::gif(16, 16, 1, 1));
    let hashed = run(&["hash", &picture]);
    assert!(hashed.status.success(), "{}", stderr(&hashed));
    let empty = write("empty\u{1b}[2J.png", b"");
    let refused = run(&["hash", &empty]);
    assert_eq!(refused.status.code(), Some(1));

    for (what, out) in [
        ("check --platform", &bad_platform),
        ("scan of a missing list", &unreadable),
        ("clap", &bad_format),
        ("hash", &hashed),
        ("hash of an empty file", &refused),
    ] {
        assert_inert(what, &String::from_utf8_lossy(&out.stdout));
        assert_inert(what, &stderr(out));
    }
}

/// Finding 8: CSV cells holding `;` were left unquoted, so Excel in a semicolon locale (French,
/// Portuguese) split `x;=HYPERLINK(…)` and ran the formula. Every cell holding a separator of any
/// locale is quoted, and a formula start is defused after a separator and after leading blanks.
#[test]
fn csv_cells_are_safe_in_every_spreadsheet_locale() {
    let list = write("list-csv.json", LIST.as_bytes());
    let profiles = write(
        "csv-hostile.jsonl",
        concat!(
            r#"{"id":"1","platform":"x","handle":"ada","name":"Ada;=HYPERLINK(\"http://e.example\",\"x\")"}"#,
            "\n",
            r#"{"id":"2","platform":"x","handle":"bea","name":"  =1+1"}"#,
            "\n",
            r#"{"id":"3","platform":"x","handle":"chi","name":"Chi\tObi"}"#,
            "\n",
        )
        .as_bytes(),
    );
    let out = run(&["scan", "--protected", &list, &profiles, "--format", "csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let csv = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<&str> = csv.split("\r\n").collect();
    assert!(
        rows[1].starts_with(r#"1,1,x,ada,"Ada;'=HYPERLINK(""http://e.example"",""x"")",clear,"#),
        "{}",
        rows[1]
    );
    assert!(
        rows[2].starts_with("2,2,x,bea,'  =1+1,clear,"),
        "{}",
        rows[2]
    );
    assert!(
        rows[3].starts_with("3,3,x,chi,\"Chi\tObi\",clear,"),
        "{}",
        rows[3]
    );
    // Split at every semicolon or tab outside quotes, as a French Excel does: no cell starts a formula.
    for row in &rows[1..] {
        let mut cells = vec![String::new()];
        let mut quoted = false;
        for c in row.chars() {
            match c {
                '"' => quoted = !quoted,
                ';' | '\t' | ',' if !quoted => cells.push(String::new()),
                _ => cells.last_mut().unwrap().push(c),
            }
        }
        for cell in cells {
            assert!(
                !cell.trim_start().starts_with(['=', '+', '-', '@']),
                "{cell:?} in {row:?}"
            );
        }
    }
}

/// Finding 8: a profile whose handle is a web address was checked as if it were a handle. In JSONL
/// and CSV it is now an error naming file, line and field, and the other rows are checked.
#[test]
fn a_web_address_as_a_profile_handle_is_an_error_for_its_row() {
    let list = write("list-url.json", LIST.as_bytes());
    for (name, text) in [
        (
            "url.jsonl",
            "{\"id\":\"1\",\"platform\":\"x\",\"handle\":\"https://x.com/AlikoDangote\",\"name\":\"A\"}\n\
             {\"id\":\"2\",\"platform\":\"x\",\"handle\":\"AlikoDangote\",\"name\":\"Aliko Dangote\"}\n",
        ),
        (
            "url.csv",
            "id,platform,handle,name\n1,x,https://x.com/AlikoDangote,A\n2,x,AlikoDangote,Aliko Dangote\n",
        ),
    ] {
        let profiles = write(name, text.as_bytes());
        let out = run(&["scan", "--protected", &list, &profiles]);
        assert_eq!(out.status.code(), Some(1), "{name}: {}", stderr(&out));
        let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let error = lines[0]["error"].as_str().unwrap();
        let line = if name.ends_with(".csv") { 2 } else { 1 };
        assert!(
            error.starts_with(&format!(
                "{profiles}:{line}: field `handle`: the handle “https://x.com/AlikoDangote” is a web address: write the handle alone"
            )),
            "{error}"
        );
        assert_eq!(lines[1]["verdict"], "own");
    }
}
