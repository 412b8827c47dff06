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
            // The name's words read once, for both tests.
            let name = NameWords::read(&a.name);
            name.says_brand()
                || a.aliases.iter().any(|n| NameWords::read(n).says_brand())
                || coined(a, &name)
        }
    }
}

/// A name of one word that is also its handle (MetaMask @metamask, Flutterwave @flutterwave): a coined
/// brand name, or a mononym's (Davido @davido), read the same way, as neither is a namesake's handle.
fn coined(a: &Account, name: &NameWords) -> bool {
    name.count == 1
        && a.handles
            .iter()
            .chain(&a.official)
            .any(|h| fold_word(&h.handle, &mut String::new()) == name.first)
}

/// What the inference reads in a name's words (split at spaces only, so "Sa’idu" stays one word), each
/// as a fold key. Read in one pass into two buffers: this runs for every account a checker is built
/// with, and a string per word showed in a build's count (scripts/count-instructions.sh).
struct NameWords {
    /// Words with a non-empty fold key.
    count: usize,
    /// The first of them.
    first: String,
    /// Some word is a company or product word (`brand_word`).
    brand_word: bool,
    /// Some word after the first is a country of four letters or more, or the continent.
    country_after_first: bool,
    /// Some word after the first is neither a place nor "of" (Baba Ijebu Nigeria, not Mama Africa).
    more_than_places: bool,
    /// Some word, as written, is a web address (`web_address`).
    web_address: bool,
}

impl NameWords {
    fn read(name: &str) -> Self {
        let mut r = NameWords {
            count: 0,
            first: String::new(),
            brand_word: false,
            country_after_first: false,
            more_than_places: false,
            web_address: false,
        };
        let mut buf = String::new();
        for w in name.split_whitespace() {
            r.web_address |= web_address(w);
            let key = if r.count == 0 {
                fold_word(w, &mut r.first)
            } else {
                fold_word(w, &mut buf)
            };
            if key.is_empty() {
                continue;
            }
            r.brand_word |= brand_word(key);
            if r.count > 0 {
                // Asked once: each asking looks the word up in the affixes' map.
                let country = is_country(key);
                if key.len() >= 4 && country {
                    r.country_after_first = true;
                } else if !country && !matches!(key, "of" | "de" | "du" | "la") {
                    r.more_than_places = true;
                }
            }
            r.count += 1;
        }
        r
    }

    /// Whether the name these are the words of says brand.
    fn says_brand(&self) -> bool {
        // One word is a person's mononym as often as a brand's; a one-word handle is reached as far
        // anyway.
        if self.count >= 2 && self.brand_word {
            return true;
        }
        // A brand's country or regional page (MTN Nigeria, Orange Cameroun, Airtel Africa): a country
        // of four letters or more, or the continent, after another word. The two-letter codes (NG, KE)
        // are initials in people's names. Not a title or a word of kinship and a place alone: a
        // person's nickname (Yemi Alade's "Mama Africa", "Son of Ghana"); Baba Ijebu Nigeria, a
        // brand named with a title, has a word of its own besides.
        if self.country_after_first && (self.more_than_places || !is_title(&self.first)) {
            return true;
        }
        self.web_address
    }
}

/// A word's fold key, written into `buf` (cleared first); plain ASCII directly.
fn fold_word<'a>(w: &str, buf: &'a mut String) -> &'a str {
    buf.clear();
    if w.is_ascii() {
        // At most the word's length: reserved once rather than grown letter by letter.
        buf.reserve(w.len());
        buf.extend(
            w.bytes()
                .filter(u8::is_ascii_alphanumeric)
                .map(|b| b.to_ascii_lowercase() as char),
        );
    } else {
        buf.push_str(&normalize(w, crate::text::limits::MAX_NAME_CHARS).fold_compact());
    }
    buf
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

/// Titles and words of kinship that begin people's nicknames (fold keys).
fn is_title(w: &str) -> bool {
    matches!(
        w,
        "mama"
            | "mami"
            | "mummy"
            | "mommy"
            | "mum"
            | "mom"
            | "mother"
            | "maman"
            | "iya"
            | "papa"
            | "dad"
            | "daddy"
            | "father"
            | "baba"
            | "son"
            | "daughter"
            | "fille"
            | "fils"
            | "sister"
            | "brother"
            | "uncle"
            | "aunty"
            | "auntie"
            | "king"
            | "queen"
            | "prince"
            | "princess"
            | "lady"
            | "lord"
            | "madam"
            | "mr"
            | "mrs"
            | "miss"
            | "ms"
            | "sir"
            | "boy"
            | "girl"
            | "chief"
            | "roi"
            | "reine"
    )
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
            "Baba Ijebu Nigeria",
            "Mr Biggs Nigeria",
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
        // A nickname with a place is no brand's country page: Yemi Alade's alias read her a brand.
        for alias in [
            "Mama Africa",
            "Daughter of Africa",
            "Son of Ghana",
            "Mr Nigeria",
        ] {
            let mut a = account("Yemi Alade", None);
            a.aliases = vec![alias.into()];
            assert!(!is_brand(&a), "{alias}");
        }
        assert!(!is_brand(&account(
            "Access Bank",
            Some(AccountKind::Person)
        )));
        assert!(is_brand(&account("Tiwa Savage", Some(AccountKind::Brand))));
    }
}
