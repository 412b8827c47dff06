//! A protected list reads the same from JSON and from CSV (issue 23): the exports' formula guard
//! (`'` before what a spreadsheet would run) is taken off again, `|` (which separates a CSV cell's
//! items) is refused inside an item in either format, and outer blanks are trimmed in either format.

use vipguard::ProtectedList;

fn json(text: &str) -> ProtectedList {
    ProtectedList::from_json(text, "l.json").unwrap_or_else(|e| panic!("{e}"))
}

fn csv(text: &str) -> ProtectedList {
    ProtectedList::from_csv(text, "l.csv").unwrap_or_else(|e| panic!("{e}"))
}

/// What the options page's export writes (extension/shared/report.js, `csvCell`) for values that
/// start with a formula character, a leading apostrophe, and text in other scripts, read back as the
/// values themselves.
#[test]
fn the_exports_formula_guard_is_taken_off() {
    let want = json(
        r#"{"accounts": [
        {"id": "-1", "name": "=Ada Obi", "aliases": ["@Ada", "+Ada"],
         "handles": [{"platform": "-x", "handle": "=ada"}, {"platform": "x", "handle": "-ada"}],
         "links": ["ada.example"]},
        {"id": "+2", "name": "-Bea", "aliases": ["'=Bea", "'Bea"], "official": [{"platform": "x", "handle": "bea"}]},
        {"id": "'@3", "name": "Ада Обі", "aliases": ["エイダ", "Ada; =Obi", "Ada\t-Obi"]},
        {"id": "4", "name": "O'Neil", "aliases": ["' -Neil"]}
    ]}"#,
    );
    let written = "id,name,kind,aliases,handles,official,avatars,links\r\n\
        '-1,'=Ada Obi,,'@Ada|+Ada,'-x:=ada|x:-ada,,,ada.example\r\n\
        '+2,'-Bea,,''=Bea|'Bea,,x:bea,,\r\n\
        ''@3,Ада Обі,,\"エイダ|Ada;' =Obi|Ada\t'-Obi\",,,,\r\n\
        4,O'Neil,,'' -Neil,,,,\r\n";
    assert_eq!(csv(written), want);
    // Semicolon-separated, as French Excel saves it.
    let semicolons = "id;name;handles\r\n'-1;'@Ada;'-x:=ada\r\n";
    let list = csv(semicolons);
    assert_eq!(
        (
            list.accounts[0].id.as_str(),
            list.accounts[0].name.as_str(),
            list.accounts[0].handles[0].platform.as_str(),
            list.accounts[0].handles[0].handle.as_str()
        ),
        ("-1", "@Ada", "-x", "=ada")
    );
}

/// A `|` inside an alias, handle, link or image path is refused in JSON, naming the field and coded
/// for the interfaces' words; in CSV it separates items, so the same text is two items there.
#[test]
fn a_bar_inside_an_item_is_refused_in_every_format() {
    let e = ProtectedList::from_json_all(
        r#"{"accounts": [
        {"id": "a", "name": "Ada | Obi", "aliases": ["Ada | Official"]},
        {"id": "b", "name": "Bea", "handles": [{"platform": "x", "handle": "bea|obi"}],
         "official": [{"platform": "x", "handle": "bea_hq"}], "links": ["bea.example/a|b"], "avatars": ["a|b.jpg"]}
    ]}"#,
        "l.json",
    )
    .unwrap_err();
    let got: Vec<_> = e
        .errors
        .iter()
        .map(|e| {
            (
                e.line,
                e.field.clone().unwrap_or_default(),
                e.code.unwrap_or("-"),
                e.args.clone(),
            )
        })
        .collect();
    let row = |line, field: &str, value: &str| {
        (
            Some(line),
            field.to_string(),
            "item_bar",
            vec![value.to_string()],
        )
    };
    assert_eq!(
        got,
        [
            row(2, "accounts[0].aliases[0]", "Ada | Official"),
            row(3, "accounts[1].handles[0].handle", "bea|obi"),
            row(3, "accounts[1].avatars[0]", "a|b.jpg"),
            row(3, "accounts[1].links[0]", "bea.example/a|b"),
        ]
    );
    assert!(
        e.errors[0]
            .to_string()
            .ends_with("\"Ada | Official\" holds a '|', which separates the items of a cell in a CSV list: remove it (in a web address, write %7C)"),
        "{}",
        e.errors[0]
    );
    // A name is one value: a `|` in it is kept, in either format.
    assert_eq!(
        csv("id,name\na,\"Ada | Obi\"\n"),
        json(r#"{"accounts": [{"id": "a", "name": "Ada | Obi"}]}"#)
    );
}

/// Outer blanks of an id, name, alias, link or image path mean nothing in either format.
#[test]
fn outer_blanks_are_trimmed_in_json_as_in_csv() {
    let from_json = json(
        r#"{"accounts": [{"id": " a ", "name": " Ada Obi\u00a0", "aliases": ["\tAda O "],
        "handles": [{"platform": " X ", "handle": " @ada "}], "links": [" ada.example "], "avatars": [" ada.jpg "]}]}"#,
    );
    let from_csv = csv("id,name,aliases,handles,links,avatars\n a ,\" Ada Obi\u{a0}\",\"\tAda O \", X : @ada , ada.example , ada.jpg \n");
    assert_eq!(from_json, from_csv);
    let a = &from_json.accounts[0];
    assert_eq!(
        (a.name.as_str(), a.aliases[0].as_str(), a.links[0].as_str()),
        ("Ada Obi", "Ada O", "ada.example")
    );
}
