//! Whether a protected account is a brand, for the handle reach that depends on it
//! (`prepare::Target::names_in_key`). The list says so with `kind`; when it does not, the entry itself
//! may: a company or product word in the name (Trust Wallet, Access Bank, Uniswap Labs: the words in
//! `brand_words.txt`), a country after a brand's name (MTN Nigeria, Airtel Kenya), or a name written as
//! a web address (Crypto.com). `kind: person` always wins. Nothing here is shown to the reviewer: the
//! inferred kind only lets a brand's two-word handle be matched as far as a one-word brand's.

use crate::formats::{Account, AccountKind};
use crate::text::normalize::normalize;

/// Whether `a` is treated as a brand: said by the list, or inferred from its name when unsaid.
pub(super) fn is_brand(a: &Account) -> bool {
    match a.kind {
        Some(AccountKind::Brand) => true,
        Some(AccountKind::Person) => false,
        None => {
            std::iter::once(&a.name)
                .chain(&a.aliases)
                .any(|n| names_a_brand(n))
                || coined(a)
        }
    }
}

/// A name of one word that is also its handle (MetaMask @metamask, Flutterwave @flutterwave): a coined
/// brand name, or a mononym's (Davido @davido), read the same way, as neither is a namesake's handle.
fn coined(a: &Account) -> bool {
    let name = words(&a.name);
    name.len() == 1
        && a.handles
            .iter()
            .chain(&a.official)
            .any(|h| fold_word(&h.handle) == name[0])
}

/// The name's own words (split at spaces only, so "Sa’idu" stays one word), each as a fold key.
fn words(name: &str) -> Vec<String> {
    name.split_whitespace()
        .map(fold_word)
        .filter(|w| !w.is_empty())
        .collect()
}

/// A word's fold key; plain ASCII directly (this runs for every account a checker is built with).
fn fold_word(w: &str) -> String {
    if w.is_ascii() {
        w.chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect()
    } else {
        normalize(w, crate::text::limits::MAX_NAME_CHARS).fold_compact()
    }
}

fn names_a_brand(name: &str) -> bool {
    let words = words(name);
    // One word is a person's mononym as often as a brand's; a one-word handle is reached as far anyway.
    if words.len() >= 2 && words.iter().any(|w| brand_word(w)) {
        return true;
    }
    // A brand's country or regional page (MTN Nigeria, Orange Cameroun, Airtel Africa): a country of
    // four letters or more, or the continent, after another word. The two-letter codes (NG, KE) are
    // initials in people's names.
    if words.len() >= 2 && words[1..].iter().any(|w| w.len() >= 4 && is_country(w)) {
        return true;
    }
    name.split_whitespace().any(web_address)
}

/// A word written as a web address: letters, a dot and a lowercase top-level domain (Crypto.com,
/// Blockchain.com), not initials (J.Cole) or an abbreviation (St.).
fn web_address(word: &str) -> bool {
    const TLDS: &[&str] = &[
        "com", "io", "net", "org", "co", "app", "ai", "xyz", "finance", "fi",
    ];
    word.rsplit_once('.').is_some_and(|(head, tld)| {
        head.chars().filter(|c| c.is_alphanumeric()).count() >= 2 && TLDS.contains(&tld)
    })
}

fn brand_word(w: &str) -> bool {
    static SET: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::OnceLock::new();
    SET.get_or_init(|| {
        include_str!("brand_words.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
    .contains(w)
}

fn is_country(w: &str) -> bool {
    matches!(w, "africa" | "afrique") || crate::text::handle::is_place(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(name: &str, kind: Option<AccountKind>) -> Account {
        serde_json::from_value(serde_json::json!({"id": "a", "name": name}))
            .map(|mut a: Account| {
                a.kind = kind;
                a
            })
            .unwrap()
    }

    #[test]
    fn brands_by_their_words_country_or_address() {
        for n in [
            "Trust Wallet",
            "Access Bank",
            "Zenith Bank Plc",
            "Uniswap Labs",
            "Banque Atlantique",
            "MTN Nigeria",
            "Airtel Kenya",
            "Airtel Africa",
            "Crypto.com",
            "Blockchain.com",
            "Orange Money",
        ] {
            assert!(is_brand(&account(n, None)), "{n}");
        }
        let mut coined = account("Flutterwave", None);
        coined.handles = vec![crate::formats::HandleRef {
            platform: "x".into(),
            handle: "Flutterwave".into(),
        }];
        assert!(is_brand(&coined));
    }

    #[test]
    fn people_and_the_lists_word_stay_people() {
        for n in [
            "Tiwa Savage",
            "Muhammadu Sa’idu",
            "J.Cole",
            "St. Mary Okafor",
            "Johnny Cash",
            "Ifechukwu Gold",
            "Davido",
            "Tyra Banks",
            "Ada NG",
        ] {
            assert!(!is_brand(&account(n, None)), "{n}");
        }
        assert!(!is_brand(&account(
            "Access Bank",
            Some(AccountKind::Person)
        )));
        assert!(is_brand(&account("Tiwa Savage", Some(AccountKind::Brand))));
    }
}
