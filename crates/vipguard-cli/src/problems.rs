//! Input errors in the language `--lang` asks for. The engine and this crate give each error a code
//! and the values its words name (`InputError::code`, `args`; the codes the extension's catalogues word
//! as `listErr_<code>`). A code the extension's catalogues word is said in their words, English from
//! the English catalogue and French from the French one (read at build time, so the command line and
//! the extension cannot drift apart); the command line's own codes (files, arguments) are worded here
//! in French, and in English where each error is made.
//! An error without a code stays English (README, "Errors in French", says which are left);
//! `tests/cli.rs` (`errors_in_english_and_french`) has the table of bad files in both languages.

use vipguard::{InputError, Lang};

/// The error as the command line prints it: `file:line: field `x`: what` in English,
/// `file:line : champ « x » : quoi` in French, with a no-break space (U+00A0) before `:` `;`
/// `?` `!` and inside « », as French typography and the extension's French catalogue have it (the
/// strings below hold the character itself; `tests/cli.rs`, `french_spaces_are_no_break`, checks).
pub(crate) fn say(lang: Lang, e: &InputError) -> String {
    let what = e.code.and_then(|code| words(lang, code, &e.args));
    let Some(what) = what else {
        return e.to_string();
    };
    let mut out = e.source.clone();
    if let Some(line) = e.line {
        out.push_str(&format!(":{line}"));
    }
    match (lang, &e.field) {
        (Lang::Fr, Some(field)) => out.push_str(&format!("\u{a0}: champ «\u{a0}{field}\u{a0}»")),
        (_, Some(field)) => out.push_str(&format!(": field `{field}`")),
        _ => {}
    }
    format!("{out}{}{what}", crate::words::colon(lang))
}

/// A code's words in `lang`, its values put in: the catalogue's, then (in French) this file's table;
/// `None` for a code neither words in that language.
fn words(lang: Lang, code: &str, args: &[String]) -> Option<String> {
    match lang {
        Lang::Fr => french(code, args),
        _ => from_catalogue(Lang::En, code, args),
    }
}

/// A code's words in `lang`, or `english` (the words it was made with) when it has none there.
fn words_or(lang: Lang, code: Option<&str>, args: &[String], english: &str) -> String {
    code.and_then(|c| words(lang, c, args))
        .unwrap_or_else(|| english.to_string())
}

/// A list's avatar picture (`path`, at `field` of the list `source`, account `id`'s) that could not
/// be hashed, because of `e`: coded `avatar_unreadable` with the path and the account's id, then `e`'s
/// code and values, so that the picture's problem is said in the run's language too (`french` and
/// `say`).
pub(crate) fn avatar_unreadable(
    source: &str,
    field: &str,
    id: &str,
    path: &str,
    e: &InputError,
) -> InputError {
    let english = words_or(Lang::En, e.code, &e.args, &e.message);
    let mut args = vec![
        path.to_string(),
        id.to_string(),
        e.code.unwrap_or_default().to_string(),
    ];
    args.extend(e.args.iter().cloned());
    let message = format!("{path} (account “{id}”): {english}");
    InputError::new(source, None, Some(field), message).coded("avatar_unreadable", args)
}

/// The evidence line of a scanned profile whose avatar file (`e`'s source) could not be used.
pub(crate) fn avatar_not_used(lang: Lang, e: &InputError) -> String {
    let why = words_or(lang, e.code, &e.args, &e.message);
    match lang {
        Lang::Fr => format!("L’avatar {} n’a pas servi : {why}", e.source),
        _ => format!("Avatar {} could not be used: {why}", e.source),
    }
}

/// The extension's catalogues (what reviewers read), built into the binary: a code they word as
/// `listErr_<code>` is said in their words here too, so the command line and the extension say the
/// same thing and a change to one is a change to both. Generating from them beats a second table
/// and a test comparing the two: nothing to keep in step by hand.
const EN_CATALOGUE: &str = include_str!("../../../extension/_locales/en/messages.json");
const FR_CATALOGUE: &str = include_str!("../../../extension/_locales/fr/messages.json");

type Messages = std::collections::HashMap<String, String>;

/// A language's catalogue, its messages by key, parsed once.
fn catalogue(lang: Lang) -> &'static Messages {
    static EN: std::sync::OnceLock<Messages> = std::sync::OnceLock::new();
    static FR: std::sync::OnceLock<Messages> = std::sync::OnceLock::new();
    let (cell, text) = match lang {
        Lang::Fr => (&FR, FR_CATALOGUE),
        _ => (&EN, EN_CATALOGUE),
    };
    cell.get_or_init(|| {
        let all: serde_json::Value = serde_json::from_str(text).expect("a catalogue is JSON");
        let all = all.as_object().expect("a catalogue is an object");
        all.iter()
            .filter_map(|(k, v)| Some((k.clone(), v["message"].as_str()?.to_string())))
            .collect()
    })
}

/// The catalogue's message `key` with `$P1$`, `$P2$` … replaced by `args`; `None` when it has no `key`.
/// One pass over the message: an argument is what a list or file wrote, and may itself hold `$P1$`.
fn message(lang: Lang, key: &str, args: &[&str]) -> Option<String> {
    let mut rest = catalogue(lang).get(key)?.as_str();
    let mut out = String::new();
    while let Some(at) = rest.find("$P") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let arg = after[..digits]
            .parse::<usize>()
            .ok()
            .and_then(|n| args.get(n.checked_sub(1)?))
            .filter(|_| after[digits..].starts_with('$'));
        match arg {
            Some(arg) => {
                out.push_str(arg);
                rest = &after[digits + 1..];
            }
            None => {
                out.push_str("$P");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Some(out)
}

/// A message that has a variant per count (`_one`, `_other`), chosen as the language does (as
/// `Intl.PluralRules` does in the extension): French says 0 and 1 in the singular, English 1 alone.
fn counted(lang: Lang, key: &str, count: &str, args: &[&str]) -> Option<String> {
    let one = count
        .parse::<u64>()
        .is_ok_and(|n| n == 1 || (n == 0 && lang == Lang::Fr));
    message(
        lang,
        &format!("{key}_{}", if one { "one" } else { "other" }),
        args,
    )
}

/// A whole number as the language writes it (as `toLocaleString` does in the extension): groups of
/// three a narrow no-break space (U+202F) apart in French, a comma apart in English.
fn number(lang: Lang, n: &str) -> String {
    if !n.bytes().all(|b| b.is_ascii_digit()) {
        return n.to_string();
    }
    let mark = if lang == Lang::Fr { '\u{202f}' } else { ',' };
    let digits: Vec<char> = n.chars().collect();
    let mut out = String::new();
    for (i, d) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(mark);
        }
        out.push(*d);
    }
    out
}

/// A code's words from the extension's catalogue in `lang`, as `describeListError` in
/// extension/shared/list-check.js puts them together; `None` for a code the catalogue lacks.
fn from_catalogue(lang: Lang, code: &str, args: &[String]) -> Option<String> {
    let a = |i: usize| args.get(i).map(String::as_str).unwrap_or("");
    let m = |key: &str, args: &[&str]| message(lang, key, args);
    let words = match code {
        "too_many_accounts" => counted(lang, &code_key(code), a(0), &[&number(lang, a(0))])?,
        "row_fields" => counted(lang, &code_key(code), a(0), &[a(0), a(1)])?,
        // A picture's sides and limits, written as the language writes numbers; "pixel" agrees with
        // how many there are, width times height ("1 × 0 pixel" in French, "1×0 pixels" in English).
        "picture_no_pixels" | "picture_too_large" | "picture_memory" => {
            let numbers: Vec<String> = args.iter().map(|n| number(lang, n)).collect();
            let numbers: Vec<&str> = numbers.iter().map(String::as_str).collect();
            match code {
                "picture_no_pixels" => {
                    counted(lang, &code_key(code), &pixel_count(a(0), a(1)), &numbers)?
                }
                _ => m(&code_key(code), &numbers)?,
            }
        }
        "json_expected" => {
            // serde_json's punctuation it wanted, a space apart: ", }" is "« , » ou « } »".
            let marks: Vec<&str> = a(1).split(' ').collect();
            let marks = match marks[..] {
                [one, two] => m("listErrMarks", &[one, two])?,
                _ => m("listErrMark", &[&marks.join(" ")])?,
            };
            m("listErr_json_expected", &[a(0), &marks])?
        }
        "json_wrong_type" => match (found_kind(lang, a(0)), wanted_kind(lang, a(1))) {
            (Some(found), Some(wanted)) => m("listErr_json_wrong_type", &[&found, &wanted])?,
            _ => m("listErr_json_wrong_type_plain", &[])?,
        },
        _ => {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            m(&code_key(code), &args)?
        }
    };
    // A suggestion, and where a duplicate id was first, are messages of their own.
    let more = match code {
        "unknown_field" | "unknown_column" if !a(1).is_empty() => Some(suggest(lang, a(1))),
        "duplicate_id" if !a(1).is_empty() => m("listErrFirstOn", &[a(1)]),
        // The decoder's English, marked as the technical detail it is.
        "picture_corrupt" | "picture_unsupported" if !a(0).is_empty() => {
            m("listErrDetail", &[a(0)])
        }
        _ => None,
    };
    Some(words + &more.unwrap_or_default())
}

/// How many pixels a picture of `width`×`height` has, for the words' agreement; empty when a side is
/// not a number (then the words are the plural's).
fn pixel_count(width: &str, height: &str) -> String {
    match (width.parse::<u64>(), height.parse::<u64>()) {
        (Ok(w), Ok(h)) => w.saturating_mul(h).to_string(),
        _ => String::new(),
    }
}

/// " — did you mean “x”?" for a suggestion, in the catalogue's words; nothing without one.
fn suggest(lang: Lang, best: &str) -> String {
    if best.is_empty() {
        return String::new();
    }
    message(lang, "listErrDidYouMean", &[best]).unwrap_or_default()
}

/// The catalogue's key for a code's words.
fn code_key(code: &str) -> String {
    format!("listErr_{code}")
}

/// serde's English for a JSON value's kind found ("string \"Ada O\"", "integer `3`", "sequence"), in
/// the catalogue's words; `None` for a kind not listed here.
fn found_kind(lang: Lang, text: &str) -> Option<String> {
    let (head, rest) = text.split_once(' ').unwrap_or((text, ""));
    let rest = rest.trim();
    let value = rest.strip_prefix("point").unwrap_or(rest).trim_start();
    let value = value.trim_matches(|c| c == '`' || c == '"');
    let (key, args): (&str, &[&str]) = match head {
        "string" => ("listFound_text", &[value]),
        "integer" | "floating" => ("listFound_number", &[value]),
        "boolean" => ("listFound_boolean", &[value]),
        "sequence" => ("listFound_list", &[]),
        "map" => ("listFound_object", &[]),
        "null" | "unit" => ("listFound_null", &[]),
        _ => return None,
    };
    message(lang, key, args)
}

/// serde's English for the kind it expected ("a sequence", "struct Account", "u32"), in the catalogue's
/// words; `None` for a kind not listed here.
fn wanted_kind(lang: Lang, text: &str) -> Option<String> {
    let key = match text {
        "a map" => "listWant_object",
        t if t.starts_with("struct ") => "listWant_object",
        t if t.starts_with("a sequence") || t.starts_with("a tuple") => "listWant_list",
        "a string" | "a borrowed string" => "listWant_text",
        "a boolean" => "listWant_boolean",
        // serde_json's Number: only a signed list's version, a whole number.
        "an integer" | "a JSON number" | "u8" | "u16" | "u32" | "u64" | "u128" | "usize" | "i8"
        | "i16" | "i32" | "i64" | "i128" | "isize" => "listWant_number",
        _ => return None,
    };
    message(lang, key, &[])
}

/// A decision as French says it, for `decision_conflict`.
fn decision(kind: &str) -> &str {
    match kind {
        "confirmed" => "usurpation confirmée",
        "not_impersonator" => "pas un usurpateur",
        other => other,
    }
}

/// `not_regular_file` in French, from what the path is (files.rs, `special_kind`), as the English
/// names it.
fn not_a_file(kind: &str) -> &'static str {
    match kind {
        "pipe" => "lecture impossible : c’est un tube nommé (FIFO), pas un fichier",
        "device" => "lecture impossible : c’est un périphérique, pas un fichier",
        "socket" => "lecture impossible : c’est un socket, pas un fichier",
        _ => "lecture impossible : ce n’est pas un fichier ordinaire",
    }
}

/// A code's French words, the values in `args` put in: the extension's catalogue's for the codes it
/// words, this table's for the command line's own; `None` for a code neither knows.
fn french(code: &str, args: &[String]) -> Option<String> {
    if let Some(words) = from_catalogue(Lang::Fr, code, args) {
        return Some(words);
    }
    let a = |i: usize| args.get(i).map(String::as_str).unwrap_or("");
    Some(match code {
        // Files (this crate's own: files.rs).
        "file_not_found" => "lecture impossible : ce fichier n’existe pas".into(),
        "permission_denied" => "lecture impossible : accès refusé".into(),
        // The system's own English, kept as the marked detail it is.
        "cannot_read" => format!("lecture impossible (détail technique : {})", a(0)),
        "is_folder" => "lecture impossible : c’est un dossier, pas un fichier".into(),
        "not_regular_file" => not_a_file(a(0)).into(),
        "too_large" => format!("lecture impossible : plus de {} Mo", a(0)),
        "line_too_large" => format!("lecture impossible : une ligne de plus de {} Mo", a(0)),
        "utf16" => "est un texte UTF-16 : enregistrez-le en UTF-8 (dans Excel : CSV UTF-8)".into(),
        "zip_workbook" => "est un fichier zip, sans doute un classeur Excel ou Sheets : enregistrez-le en CSV UTF-8".into(),
        "xls_workbook" => "est un classeur Excel 97-2003 : enregistrez-le en CSV UTF-8".into(),
        // A list's avatar picture (enroll.rs): its path, then the picture's own problem, coded.
        "avatar_unreadable" => match french(a(2), args.get(3..).unwrap_or_default()) {
            Some(why) => format!(
                "l’image « {} » (compte « {} ») ne se lit pas : {why}",
                a(0),
                a(1)
            ),
            None => format!("l’image « {} » (compte « {} ») ne se lit pas", a(0), a(1)),
        },
        "cannot_write" => format!("écriture impossible (détail technique : {})", a(0)),
        "no_random_bytes" => format!(
            "le système n’a pas donné d’octets aléatoires (détail technique : {})",
            a(0)
        ),
        "file_exists" => "existe déjà : pas écrasé (choisissez un autre nom, ou déplacez-le d’abord)".into(),
        // The command line's arguments.
        "bom_needs_csv" => "une marque d’ordre des octets ne s’écrit qu’avec --format csv".into(),
        "nothing_to_check" => "donnez son --handle, son --name, ou les deux : il n’y a rien à vérifier".into(),
        "handle_is_address" if args.len() >= 3 => format!(
            "« {} » est une adresse web : donnez l’identifiant seul (ici : --platform {} --handle {})",
            a(0),
            a(1),
            a(2)
        ),
        "handle_is_address" => format!("« {} » est une adresse web : donnez l’identifiant seul", a(0)),
        // A signed list's (feed.rs).
        "version_too_low" => format!(
            "la version {} est inférieure à {} (--min-version) : une liste plus ancienne, à laquelle un flux ne revient jamais",
            a(0),
            a(1)
        ),
        // Two reviewers' decisions on one account within a day (`decisions merge`, feed.rs).
        "decision_conflict" => format!(
            "{} @{} : « {} » par {} le {} ({}) et « {} » par {} le {} ({}), à moins de 24 heures d’écart ; la plus récente l’emporte",
            a(0),
            a(1),
            decision(a(2)),
            a(3),
            a(4),
            a(5),
            decision(a(6)),
            a(7),
            a(8),
            a(9)
        ),
        // The argument parser's (arg_errors.rs); a suggestion in the catalogue's words.
        "unknown_argument" => format!("l’option « {} » n’existe pas{}", a(0), suggest(Lang::Fr, a(1))),
        "unknown_command" => format!(
            "la commande « {} » n’existe pas (commandes : scan, check, enroll, hash, keygen, sign, verify, decisions){}",
            a(0),
            suggest(Lang::Fr, a(1))
        ),
        "missing_value" => format!("l’option « {} » attend une valeur, et aucune n’est donnée", a(0)),
        "invalid_value" if !a(2).is_empty() => format!(
            "« {} » n’est pas une valeur de « {} » (valeurs possibles : {})",
            a(0),
            a(1),
            a(2)
        ),
        "invalid_value" => format!("« {} » n’est pas une valeur de « {} »", a(0), a(1)),
        "missing_argument" => format!("il manque un argument obligatoire : {}", a(0)),
        _ => return None,
    })
}

/// A `decisions merge` conflict (the engine's `MergedDecisions::conflicts`) in `lang`: what the
/// decisions were, by whom, when and in which file; the engine's English in English.
pub(crate) fn conflict(lang: Lang, c: &InputError) -> String {
    words_or(lang, c.code, &c.args, &c.message)
}

/// Code of the warning for a list with accounts enrolled by an older vipguard (the engine's
/// `accounts_to_enrol_again`; the extension's catalogues word it as `listEnrolAgain_one`/`_other`).
pub(crate) const ENROL_AGAIN: &str = "enrol_again";

/// The warning `ENROL_AGAIN`: how many accounts, and the command that enrols the list again. Never
/// an error: the list still works, some edited copies of those accounts' pictures are missed.
pub(crate) fn enrol_again(lang: Lang, source: &str, accounts: usize) -> String {
    let many = accounts > 1;
    match lang {
        Lang::Fr => format!(
            "{source} : avertissement [{ENROL_AGAIN}] : {accounts} compte{s} {verb} des avatars enregistrés \
             par une version antérieure de vipguard, dont les copies teintées ou tournées peuvent échapper \
             (la liste reste utilisable) ; enregistrez-la de nouveau à partir de ses images : \
             vipguard enroll LISTE-QUI-NOMME-LES-IMAGES --output {source}",
            s = if many { "s" } else { "" },
            verb = if many { "ont" } else { "a" },
        ),
        _ => format!(
            "{source}: warning [{ENROL_AGAIN}]: {accounts} account{s} {verb} avatars enrolled by an older \
             vipguard, so tinted or turned copies of them can be missed (the list still works); enrol it \
             again from its pictures: vipguard enroll LIST-NAMING-THE-PICTURES --output {source}",
            s = if many { "s" } else { "" },
            verb = if many { "have" } else { "has" },
        ),
    }
}

/// Code of the warning for accounts with unrelated names enrolled with the same picture (the engine's
/// `shared_pictures`).
pub(crate) const SHARED_PICTURE: &str = "shared_picture";

/// The warning `SHARED_PICTURE` for one group of account ids (the first few named). Never an error: a
/// list may mean it, but most often the picture is a site's "no photo" picture.
pub(crate) fn shared_picture(lang: Lang, source: &str, ids: &[String]) -> String {
    const NAMED: usize = 5;
    let mut named = ids
        .iter()
        .take(NAMED)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if ids.len() > NAMED {
        named.push_str(", …");
    }
    let n = ids.len();
    match lang {
        Lang::Fr => format!(
            "{source}\u{a0}: avertissement [{SHARED_PICTURE}]\u{a0}: {n} comptes aux noms sans rapport ont la même \
             image ({named})\u{a0}; si c’est l’image «\u{a0}sans photo\u{a0}» d’un site, retirez-la de ces comptes, sinon \
             tout compte sans photo en serait «\u{a0}une copie\u{a0}»"
        ),
        _ => format!(
            "{source}: warning [{SHARED_PICTURE}]: {n} accounts with unrelated names have the same picture \
             ({named}); if it is a site's \"no photo\" picture, remove it from them, or every account without \
             a photo would be \"a copy\" of theirs"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_argument_that_looks_like_a_placeholder_is_kept_as_written() {
        let (key, template) = catalogue(Lang::Fr)
            .iter()
            .find(|(_, m)| m.matches("$P1$").count() == 1 && m.matches("$P2$").count() == 1)
            .expect("a message with two arguments");
        // The arguments swapped in by hand, through markers no message holds.
        let expected = template
            .replace("$P1$", "\u{1}")
            .replace("$P2$", "\u{2}")
            .replace('\u{1}', "$P2$")
            .replace('\u{2}', "$P1$");
        assert_eq!(message(Lang::Fr, key, &["$P2$", "$P1$"]).unwrap(), expected);
    }

    /// Every code `french` words: the catalogue's and this file's table's (so a new code is checked too).
    fn codes() -> Vec<String> {
        let mut codes: Vec<String> = table_codes().into_iter().map(String::from).collect();
        codes.extend(catalogue_codes());
        assert!(codes.len() > 50, "{codes:?}");
        codes
    }

    /// The codes the catalogue words (`listErr_<code>`, `listErr_<code>_one` and `_other`).
    fn catalogue_codes() -> Vec<String> {
        let mut codes: Vec<String> = catalogue(Lang::Fr)
            .keys()
            .filter_map(|k| k.strip_prefix("listErr_"))
            .map(|c| c.trim_end_matches("_one").trim_end_matches("_other"))
            .filter(|c| *c != "json_wrong_type_plain")
            .map(String::from)
            .collect();
        codes.sort();
        codes.dedup();
        codes
    }

    /// The codes this file's own French table words.
    fn table_codes() -> Vec<&'static str> {
        let src = include_str!("problems.rs");
        let table = &src[src.find("fn french(").unwrap()..src.find("fn did_you_mean").unwrap()];
        let mut codes: Vec<&str> = table
            .lines()
            .filter_map(|l| {
                let rest = l.trim().strip_prefix('"')?;
                let (code, after) = rest.split_once('"')?;
                let is_arm = after.starts_with(" =>") || after.starts_with(" if ");
                let is_code = code
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
                (is_arm && is_code).then_some(code)
            })
            .collect();
        codes.dedup();
        codes
    }

    /// Where `text` has an ordinary space before `:` `;` `?` `!` or inside « », as French
    /// typography has a no-break space (U+00A0).
    fn plain_spaces(text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        (0..chars.len().saturating_sub(1))
            .filter(|&i| {
                let (a, b) = (chars[i], chars[i + 1]);
                (a == ' ' && matches!(b, ':' | ';' | '?' | '!' | '»')) || (a == '«' && b == ' ')
            })
            .map(|i| {
                chars[i.saturating_sub(12)..(i + 2).min(chars.len())]
                    .iter()
                    .collect()
            })
            .collect()
    }

    #[test]
    fn french_spaces_are_no_break() {
        // Each code with values that name a field, give a suggestion and pass for numbers and
        // serde's words, said with a line and a field as the command line prints it.
        for code in codes() {
            for args in [vec![], vec!["3".into(), "x:ada".into(), "ada".into()]] {
                let mut e = InputError::new("list.csv", Some(2), Some("handles"), "english");
                e.code = Some(Box::leak(code.clone().into_boxed_str()));
                e.args = args;
                let said = say(Lang::Fr, &e);
                assert_ne!(said, e.to_string(), "{code}: not worded in French");
                assert!(
                    plain_spaces(&said).is_empty(),
                    "{code}: {:?} in {said}",
                    plain_spaces(&said)
                );
            }
        }
        for said in [
            crate::words::summary(Lang::Fr, &[(vipguard::Verdict::Clear, 2)], 1),
            crate::words::lookalike(Lang::Fr, "К", "K"),
            crate::words::colon(Lang::Fr).to_string(),
            enrol_again(Lang::Fr, "list.json", 1),
            enrol_again(Lang::Fr, "list.json", 3),
            shared_picture(Lang::Fr, "list.json", &["a".into(), "b".into()]),
        ] {
            assert!(plain_spaces(&said).is_empty(), "{said}");
        }
    }

    /// Every code the extension's catalogues word is said in their words, in English and in French
    /// (one wording per code and language, the extension's), and none is worded again in this file's
    /// table (a second wording would drift from the extension's).
    #[test]
    fn shared_codes_are_the_catalogues() {
        let shared = catalogue_codes();
        assert!(shared.len() >= 43, "{shared:?}");
        let table = table_codes();
        let twice: Vec<&String> = shared
            .iter()
            .filter(|c| table.contains(&c.as_str()))
            .collect();
        assert!(
            twice.is_empty(),
            "worded here as well as in the catalogue: {twice:?}"
        );
        let placeholders: Vec<String> = (1..=3).map(|i| format!("$P{i}$")).collect();
        for lang in [Lang::En, Lang::Fr] {
            for code in &shared {
                let key = format!("listErr_{code}");
                let Some(message) = catalogue(lang)
                    .get(&key)
                    .or_else(|| catalogue(lang).get(&format!("{key}_other")))
                else {
                    panic!("{code} is not in the {lang:?} catalogue");
                };
                let mut args = placeholders.clone();
                match code.as_str() {
                    // A suggestion, and a duplicate's first line, are messages of their own; a count
                    // is a number; serde's kinds and marks are words of their own.
                    "unknown_field" | "unknown_column" | "duplicate_id" => args[1] = String::new(),
                    // The decoder's detail is a message of its own too.
                    "picture_corrupt" | "picture_unsupported" => args[0] = String::new(),
                    "row_fields" | "too_many_accounts" => args[0] = "2".into(),
                    "json_expected" | "json_wrong_type" => continue,
                    _ => {}
                }
                let want = message.replace("$P1$", &args[0]).replace("$P2$", &args[1]);
                // As the command line prints it, with its file and line.
                let mut e = InputError::new("list.json", Some(2), None, "the engine's words");
                e.code = Some(Box::leak(code.clone().into_boxed_str()));
                e.args = args;
                let colon = crate::words::colon(lang);
                assert_eq!(say(lang, &e), format!("list.json:2{colon}{want}"), "{code}");
            }
        }
        for (lang, want) in [
            (Lang::En, "“,” or “}” is expected at column 14"),
            (
                Lang::Fr,
                "«\u{a0},\u{a0}» ou «\u{a0}}\u{a0}» est attendu à la colonne 14",
            ),
        ] {
            let args = ["14".into(), ", }".into()];
            assert_eq!(from_catalogue(lang, "json_expected", &args).unwrap(), want);
        }
        for (lang, count, want) in [
            (
                Lang::En,
                "1000000",
                "the list has more than 1,000,000 accounts: split it",
            ),
            (Lang::En, "1", "the list has more than 1 account: split it"),
            (Lang::En, "0", "the list has more than 0 accounts: split it"),
            (
                Lang::Fr,
                "1000000",
                "la liste a plus de 1\u{202f}000\u{202f}000 comptes\u{a0}: divisez-la",
            ),
            (
                Lang::Fr,
                "0",
                "la liste a plus de 0 compte\u{a0}: divisez-la",
            ),
        ] {
            let args = [count.to_string()];
            assert_eq!(
                from_catalogue(lang, "too_many_accounts", &args).unwrap(),
                want
            );
        }
    }

    /// The English is the catalogue's, not the engine's message, for a code the catalogue words; an
    /// error without a code, or with one of the command line's own, keeps the words it was made with.
    #[test]
    fn english_is_the_catalogues_and_the_rest_is_kept() {
        let mut e = InputError::new(
            "list.csv",
            Some(3),
            Some("handles"),
            "handle \"a b\" contains a blank",
        );
        e = e.coded("handle_blank", vec!["a b".into()]);
        assert_eq!(
            say(Lang::En, &e),
            "list.csv:3: field `handles`: the handle “a b” contains a space"
        );
        let own = InputError::new(
            "list.csv",
            None,
            None,
            "cannot read: No such file or directory",
        )
        .coded("file_not_found", Vec::new());
        assert_eq!(say(Lang::En, &own), own.to_string());
        let plain = InputError::new("list.csv", Some(1), None, "something else");
        assert_eq!(say(Lang::En, &plain), plain.to_string());
    }

    #[test]
    fn kinds_in_french() {
        for (found, expected, want) in [
            (
                "string \"x:Ada\"",
                "a sequence",
                "il faut ici une liste [ ], pas le texte « x:Ada »",
            ),
            (
                "integer `3`",
                "a string",
                "il faut ici un texte entre guillemets droits, pas le nombre 3",
            ),
            (
                "sequence",
                "struct Account",
                "il faut ici un objet { }, pas une liste [ ]",
            ),
            (
                "map",
                "a boolean",
                "il faut ici true ou false, pas un objet { }",
            ),
            (
                "map",
                "something else",
                "cette valeur n’est pas du type que prend ce champ",
            ),
        ] {
            let got = french("json_wrong_type", &[found.into(), expected.into()]).unwrap();
            assert_ne!(
                from_catalogue(
                    Lang::En,
                    "json_wrong_type",
                    &[found.into(), expected.into()]
                ),
                None
            );
            assert_eq!(got, want);
        }
    }
}
