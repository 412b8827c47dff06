//! `Checker::new` checks a list built in code as a reader checks a file's (issue 23): what no reader
//! takes is refused with the reader's error, and what it takes is cleaned the same way, so the built
//! checker's list is the list a snapshot of it restores.

use vipguard::{restore_snapshot, save_snapshot, Checker, ProtectedList, Verdict};

/// A list as code builds it, without a reader's checks.
fn built(json: &str) -> ProtectedList {
    serde_json::from_str(json).unwrap()
}

#[test]
fn a_list_built_in_code_is_checked_as_a_read_one() {
    for (list, field, code) in [
        (
            r#"{"accounts": [{"id": "a", "name": "Ada Obi"}, {"id": "b", "name": " "}]}"#,
            "accounts[1].name",
            "name_empty",
        ),
        (
            r#"{"accounts": [{"id": "a", "name": "Ada Obi"}, {"id": "a", "name": "Bea Obi"}]}"#,
            "accounts[1].id",
            "duplicate_id",
        ),
        (
            r#"{"accounts": [{"id": "a", "name": "Ada Obi", "handles": [{"platform": "x", "handle": "ada"}]},
               {"id": "b", "name": "Bea Obi", "official": [{"platform": "twitter", "handle": "@ADA"}]}]}"#,
            "accounts[1].official[0].handle",
            "handle_taken",
        ),
        (
            r#"{"accounts": [{"id": "a", "name": "Ada Obi", "handles": [{"platform": "my site", "handle": "ada"}]}]}"#,
            "accounts[0].handles[0].platform",
            "platform_unknown",
        ),
        (
            r#"{"accounts": [{"id": "a", "name": "Ada Obi", "aliases": ["Ada|Obi"]}]}"#,
            "accounts[0].aliases[0]",
            "item_bar",
        ),
    ] {
        let e = Checker::new(built(list)).err().expect(list);
        assert_eq!(
            (e.field.as_deref(), e.code),
            (Some(field), Some(code)),
            "{e}"
        );
        assert!(e.to_string().starts_with("protected list: field `"), "{e}");
        // The reader's own first problem (the reader names lines, not places).
        let read = ProtectedList::from_json(list, "l.json").unwrap_err();
        assert_eq!(read.code, e.code);
    }
}

#[test]
fn a_built_checker_holds_the_cleaned_list_its_snapshot_restores() {
    let list = built(
        r#"{"accounts": [{"id": " a ", "name": " Ada Obi ", "aliases": [" Ada O "],
        "handles": [{"platform": "Twitter", "handle": " @AdaObi "}], "links": [" ada.example "]}]}"#,
    );
    let checker = Checker::new(list).unwrap();
    let read = ProtectedList::from_json(
        r#"{"accounts": [{"id": "a", "name": "Ada Obi", "aliases": ["Ada O"],
        "handles": [{"platform": "x", "handle": "AdaObi"}], "links": ["ada.example"]}]}"#,
        "l.json",
    )
    .unwrap();
    assert_eq!(checker.list(), &read);
    let restored = restore_snapshot(&save_snapshot(&checker, "k"), "s", "k").unwrap();
    assert_eq!(restored.list(), checker.list());
    let own = vipguard::Profile {
        id: "p".into(),
        platform: "x".into(),
        handle: "adaobi".into(),
        name: "Ada Obi".into(),
        ..Default::default()
    };
    assert_eq!(checker.check(&own).verdict, Verdict::Own);
}
