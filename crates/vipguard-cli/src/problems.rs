//! Input errors in the language `--lang` asks for. The engine and this crate give each error a code
//! and the values its words name (`InputError::code`, `args`; the codes the extension's catalogues word
//! as `listErr_<code>`); English is the engine's own message, and French is worded here from the code.
//! An error without a code stays English (README, "Errors in French", says which are left);
//! `tests/cli.rs` (`errors_in_english_and_french`) has the table of bad files in both languages.

use vipguard::{InputError, Lang};

/// The error as the command line prints it: `file:line: field `x`: what` in English (the engine's
/// words), `file:line : champ « x » : quoi` in French, with a no-break space (U+00A0) before `:` `;`
/// `?` `!` and inside « », as French typography and the extension's French catalogue have it (the
/// strings below hold the character itself; `tests/cli.rs`, `french_spaces_are_no_break`, checks).
pub(crate) fn say(lang: Lang, e: &InputError) -> String {
    let what = match (lang, e.code) {
        (Lang::Fr, Some(code)) => french(code, &e.args),
        _ => None,
    };
    let Some(what) = what else {
        return e.to_string();
    };
    let mut out = e.source.clone();
    if let Some(line) = e.line {
        out.push_str(&format!(":{line}"));
    }
    if let Some(field) = &e.field {
        out.push_str(&format!(" : champ « {field} »"));
    }
    format!("{out} : {what}")
}

/// A code's French words, the values in `args` put in; `None` for a code this table does not know.
fn french(code: &str, args: &[String]) -> Option<String> {
    let a = |i: usize| args.get(i).map(String::as_str).unwrap_or("");
    Some(match code {
        // A list's and a profile file's problems (the words of the extension's French catalogue).
        "missing_field" => format!("le champ « {} » manque", a(0)),
        "unknown_field" => format!("champ inconnu « {} »{}", a(0), did_you_mean(a(1))),
        "missing_column" => format!("la colonne « {} » manque", a(0)),
        "unknown_column" => format!("colonne inconnue « {} »{}", a(0), did_you_mean(a(1))),
        "duplicate_column" => format!("la colonne « {} » apparaît deux fois", a(0)),
        "id_empty" => "l’id est vide".into(),
        "duplicate_id" => format!("l’id « {} » est utilisé deux fois", a(0)),
        "name_empty" => "le nom est vide".into(),
        "name_too_long" => format!("le nom dépasse {} caractères", a(0)),
        "name_no_letters" => format!("le nom « {} » n’a ni lettre ni chiffre à comparer", a(0)),
        "platform_empty" => "la plateforme est vide".into(),
        "platform_unknown" => format!(
            "« {} » n’est pas un nom de plateforme (utilisez des noms comme x, instagram, mastodon)",
            a(0)
        ),
        "handle_empty" => "l’identifiant est vide".into(),
        "handle_too_long" => format!("l’identifiant dépasse {} caractères", a(0)),
        "handle_blank" => format!("l’identifiant « {} » contient une espace", a(0)),
        "handle_address" => format!(
            "l’identifiant « {} » est une adresse web : écrivez l’identifiant lui-même (x:AlikoDangote)",
            a(0)
        ),
        "handle_taken" => format!("{} figure déjà pour le compte « {} »", a(0), a(1)),
        "not_platform_handle" => format!(
            "« {} » n’est pas de la forme plateforme:identifiant (ex. x:AlikoDangote)",
            a(0)
        ),
        "link_not_address" => format!("« {} » n’est pas une adresse web (ex. metamask.io)", a(0)),
        "bad_kind" => format!(
            "« {} » n’est pas un type : brand (marque), person (personne) ou vide",
            a(0)
        ),
        "profile_handle_address" => format!(
            "l’identifiant « {} » est une adresse web : écrivez l’identifiant seul (AlikoDangote, pas https://x.com/AlikoDangote)",
            a(0)
        ),
        "row_fields" => format!(
            "la ligne a {} champ{}, l’en-tête en a {}",
            a(0),
            if a(0).parse::<u64>().is_ok_and(|n| n > 1) { "s" } else { "" },
            a(1)
        ),
        "line_too_long" => format!("la ligne dépasse {} octets", a(0)),
        "line_not_utf8" => format!(
            "la ligne n’est pas en UTF-8 valide (octet invalide à la colonne {}) : enregistrez le fichier en UTF-8",
            a(0)
        ),
        // JSON that does not parse, each with its column first.
        "json_eof" => format!("le fichier s’arrête au milieu d’une valeur JSON (colonne {})", a(0)),
        "json_expected" => format!("{} attendu à la colonne {}", marks(a(1)), a(0)),
        "json_expected_value" => format!("une valeur JSON est attendue à la colonne {}", a(0)),
        "json_trailing_comma" => format!("virgule en trop avant une fin de liste ou d’objet (colonne {})", a(0)),
        "json_trailing_characters" => format!("du texte suit la fin du JSON (colonne {})", a(0)),
        "json_key_not_string" => format!("une clé doit être un texte entre guillemets (colonne {})", a(0)),
        "json_control_character" => format!(
            "caractère de contrôle dans un texte (colonne {}) : écrivez \\n pour un saut de ligne, \\t pour une tabulation",
            a(0)
        ),
        "json_invalid_escape" => format!("séquence d’échappement invalide (colonne {})", a(0)),
        "json_invalid_number" => format!("nombre invalide (colonne {})", a(0)),
        "json_syntax" => format!("JSON invalide à la colonne {} ({})", a(0), a(1)),
        "json_wrong_type" => format!("{} au lieu {}", kind(a(0), false), kind(a(1), true)),
        "json_invalid_value" => format!("valeur invalide : {}, attendu : {}", a(0), a(1)),
        // A sheet that cannot be read.
        "unclosed_quote" => "un champ entre guillemets ouvert sur cette ligne n’est jamais fermé (toutes les lignes suivantes y seraient lues)".into(),
        "field_not_utf8" => format!("le champ {} n’est pas en UTF-8 valide : enregistrez le fichier en UTF-8", a(0)),
        "csv_unreadable" => format!("le tableur ne peut pas être lu ({})", a(0)),
        "csv_not_utf8" => "le fichier n’est pas en UTF-8 valide : enregistrez-le en UTF-8".into(),
        // A list as a whole.
        "not_a_list" => "un objet JSON {\"accounts\": [...]} est attendu".into(),
        "too_many_accounts" => format!("plus de {} comptes", a(0)),
        // Files (this crate's own: files.rs).
        "file_not_found" => "lecture impossible : ce fichier n’existe pas".into(),
        "permission_denied" => "lecture impossible : accès refusé".into(),
        "cannot_read" => format!("lecture impossible : {}", a(0)),
        "is_folder" => "lecture impossible : c’est un dossier, pas un fichier".into(),
        "not_regular_file" => "lecture impossible : c’est un périphérique ou un socket, pas un fichier".into(),
        "too_large" => format!("lecture impossible : plus de {} Mo", a(0)),
        "line_too_large" => format!("lecture impossible : une ligne de plus de {} Mo", a(0)),
        "utf16" => "est un texte UTF-16 : enregistrez-le en UTF-8 (dans Excel : CSV UTF-8)".into(),
        "zip_workbook" => "est un fichier zip, sans doute un classeur Excel ou Sheets : enregistrez-le en CSV UTF-8".into(),
        "xls_workbook" => "est un classeur Excel 97-2003 : enregistrez-le en CSV UTF-8".into(),
        "not_utf8" => format!(
            "l’octet 0x{} à la colonne {} n’est pas de l’UTF-8 (enregistrez le fichier en UTF-8 ; Windows-1252 et Latin-1 ne sont pas lus)",
            a(0),
            a(1)
        ),
        "cannot_write" => format!("écriture impossible : {}", a(0)),
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
        _ => return None,
    })
}

fn did_you_mean(best: &str) -> String {
    if best.is_empty() {
        String::new()
    } else {
        format!(" ; vouliez-vous dire « {best} » ?")
    }
}

/// serde_json's expected punctuation, one mark a space apart (`, }`): `« , » ou « } »`.
fn marks(list: &str) -> String {
    let quoted: Vec<String> = list.split(' ').map(|m| format!("« {m} »")).collect();
    quoted.join(" ou ")
}

/// serde's English for a JSON value's kind, found ("string \"x\"", "integer `3`") or expected ("a
/// sequence", "a string", "struct Account"), in French; a kind it does not know is kept as written.
fn kind(text: &str, expected: bool) -> String {
    let (head, rest) = text.split_once(' ').unwrap_or((text, ""));
    let rest = rest.trim();
    let value = if rest.is_empty() {
        String::new()
    } else {
        format!(" {rest}")
    };
    match (expected, head) {
        // Expected, after "au lieu": "d’une liste", "d’un texte".
        (true, "a" | "an") => match rest {
            "sequence" => "d’une liste".into(),
            "string" => "d’un texte".into(),
            "map" => "d’un objet".into(),
            "boolean" => "d’un booléen (true ou false)".into(),
            "integer" => "d’un nombre entier".into(),
            other => format!("de {other}"),
        },
        (true, "struct") => "d’un objet".into(),
        (true, "u8" | "u16" | "u32" | "u64" | "usize" | "i32" | "i64") => {
            "d’un nombre entier".into()
        }
        (true, _) => format!("de {text}"),
        (false, "string") => format!("un texte{value}"),
        (false, "integer") => format!("un nombre entier{value}"),
        (false, "floating") => format!("un nombre décimal{}", value.trim_start_matches(" point")),
        (false, "boolean") => format!("un booléen{value}"),
        (false, "map") => "un objet".into(),
        (false, "sequence") => "une liste".into(),
        (false, "null") => "null".into(),
        _ => text.to_string(),
    }
}

/// Code of the warning for a list with accounts enrolled by an older vipguard (the engine's
/// `accounts_to_enrol_again`; the extension's catalogues word it as `listWarn_enrol_again`).
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Every code `french` words, read from this file's table (so a new code is checked too).
    fn codes() -> Vec<&'static str> {
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
        assert!(codes.len() > 50, "{codes:?}");
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
                e.code = Some(code);
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
            did_you_mean("name"),
            marks(", }"),
            crate::words::summary(Lang::Fr, &[(vipguard::Verdict::Clear, 2)], 1),
            crate::words::lookalike(Lang::Fr, "К", "K"),
            crate::words::colon(Lang::Fr).to_string(),
            enrol_again(Lang::Fr, "list.json", 1),
            enrol_again(Lang::Fr, "list.json", 3),
        ] {
            assert!(plain_spaces(&said).is_empty(), "{said}");
        }
    }

    /// The codes the extension's French catalogue also words (`listErr_<code>`) say the same, with its
    /// placeholders put in; those this crate words for the command line (JSON and sheets read from a
    /// profiles file as well as a list, serde's column and detail kept) are listed, and do differ.
    #[test]
    fn french_agrees_with_the_extension() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../extension/_locales/fr/messages.json"
        );
        let catalogue: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let worded_apart = [
            "json_eof",
            "json_expected",
            "json_expected_value",
            "json_trailing_comma",
            "json_trailing_characters",
            "json_key_not_string",
            "json_control_character",
            "json_invalid_escape",
            "json_invalid_number",
            "json_syntax",
            "json_wrong_type",
            "json_invalid_value",
            "unclosed_quote",
            "field_not_utf8",
            "csv_unreadable",
            "csv_not_utf8",
            "not_a_list",
            "too_many_accounts",
        ];
        let placeholders: Vec<String> = (1..=3).map(|i| format!("$P{i}$")).collect();
        let mut shared = 0;
        for code in codes() {
            let message = ["", "_one"].iter().find_map(|plural| {
                catalogue[format!("listErr_{code}{plural}")]["message"].as_str()
            });
            let Some(message) = message else { continue };
            // The catalogue has a narrow no-break space (U+202F) before some `;` and `?`.
            let message = message.replace('\u{202f}', "\u{a0}");
            let mut args = placeholders.clone();
            if matches!(code, "unknown_field" | "unknown_column") {
                args[1] = String::new(); // the suggestion is a message of its own there
            }
            let ours = french(code, &args).unwrap();
            if worded_apart.contains(&code) {
                assert_ne!(ours, message, "{code} now agrees: take it off the list");
            } else {
                assert_eq!(ours, message, "{code}");
                shared += 1;
            }
        }
        assert!(shared >= 20, "{shared}");
    }

    #[test]
    fn kinds_in_french() {
        for (found, expected, want) in [
            (
                "string \"x:Ada\"",
                "a sequence",
                "un texte \"x:Ada\" au lieu d’une liste",
            ),
            (
                "integer `3`",
                "a string",
                "un nombre entier `3` au lieu d’un texte",
            ),
            ("sequence", "struct Account", "une liste au lieu d’un objet"),
            (
                "map",
                "a boolean",
                "un objet au lieu d’un booléen (true ou false)",
            ),
        ] {
            let got = french("json_wrong_type", &[found.into(), expected.into()]).unwrap();
            assert_eq!(got, want);
        }
    }
}
