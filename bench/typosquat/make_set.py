"""A typosquatting dev set from an outside generator: dnstwist's fuzzers applied to brand handles.

Writes OUT/protected.json (one account per brand), OUT/profiles.jsonl and OUT/truth.jsonl. Every
profile is a handle-only impersonation (its display name is a generic "Support Team"), so a profile
is found only through its handle. Sets by technique:
  one_<fuzzer>   one dnstwist permutation of the brand (omission, insertion, replacement, ...)
  two_edits_*    a permutation of a permutation, kept when it is exactly 2 edits from the brand, by the
                 brand handle's length in letters
  inside         a one-edit permutation inside a longer handle with a service word (home_, _login)
  trick_*        one trick of two or more edits, written here from its definition (not by a
                 generator of the report set): a letter moved 2+ places (trick_moved), two letters
                 in a row replaced by one doubled letter (trick_doubled), every copy of a vowel
                 changed to another vowel (trick_vowels); 6 per brand each, from their own seed
  negative       ordinary handles sharing a brand word (neighbours.py), flagged at all or not
Only what an X handle can hold is kept: ASCII letters, digits and underscores (dnstwist's hyphens
become underscores). A dev set: the engine was changed while looking at it.

    python make_set.py --out DIR [--seed N]
"""
import argparse, random
import dnstwist

from neighbours import brand_rows, negatives, osa, write_set

# Brands whose handles are long enough to be typosquatted; the first group as in crypto phishing,
# the second the banks, telecoms and payment brands of West and East Africa.
BRANDS = [
    ("MetaMask", "metamask"), ("MyEtherWallet", "myetherwallet"), ("OpenSea", "opensea"),
    ("Coinbase", "coinbase"), ("Binance", "binance"), ("Trust Wallet", "trustwallet"),
    ("Blockchain.com", "blockchain"), ("Uniswap", "uniswap"), ("Ledger", "ledgerhq"),
    ("Phantom", "phantomwallet"), ("Etherscan", "etherscan"), ("Kraken", "krakenfx"),
    ("Flutterwave", "flutterwave"), ("Paystack", "paystack"), ("PalmPay", "palmpayng"),
    ("GTBank", "gtbank_help"), ("Access Bank", "myaccessbank"), ("Zenith Bank", "zenithbank"),
    ("MTN Nigeria", "mtnnigeria"), ("Safaricom", "safaricomplc"), ("Airtel Africa", "airtelafrica"),
    ("Moniepoint", "moniepointinc"), ("Ecobank", "ecobankgroup"), ("Orange Money", "orangemoney"),
]
ONE = ["addition", "bitsquatting", "homoglyph", "hyphenation", "insertion", "omission", "repetition",
       "replacement", "transposition", "vowel-swap"]
WORDS = ["home", "login", "support", "app", "secure", "official", "help", "verify"]


def permutations(label):
    """dnstwist's permutations of LABEL.com, as (fuzzer, handle) with X's handle characters."""
    f = dnstwist.Fuzzer(label.replace("_", "-") + ".com")
    f.generate()
    out = []
    for d in f.domains:
        if d["fuzzer"] not in ONE:
            continue
        h = d["domain"].rsplit(".", 1)[0].replace("-", "_")
        # Punycode (xn--) is how a domain spells non-ASCII letters; a handle cannot.
        if h and h != label and not h.startswith("xn__") and all(c.isascii() and (c.isalnum() or c == "_") for c in h):
            out.append((d["fuzzer"], h))
    return sorted(set(out))


VOWELS = "aeiouy"


def trick_rows(aid, label, rng):
    """Up to 6 handles per trick of `label` (letters only), each 2+ edits from it."""
    bare = label.replace("_", "")
    n = len(bare)
    moved = {bare[:i] + bare[i + 1:][:j] + bare[i] + bare[i + 1:][j:] for i in range(n) for j in range(n - 1)
             if abs(i - j) >= 2}
    doubled = {bare[:j] + c + c + bare[j + 2:] for j in range(n - 1) for c in "abcdefghijklmnopqrstuvwxyz"
               if c not in bare[j:j + 2]}
    vowels = {bare.replace(v, w) for v in VOWELS if bare.count(v) >= 2 for w in VOWELS if w != v}
    rows = []
    for tech, hs in (("trick_moved", moved), ("trick_doubled", doubled), ("trick_vowels", vowels)):
        hs = sorted(h for h in hs if osa(h, bare) >= 2)
        rows += [(tech, h, aid) for h in rng.sample(hs, min(6, len(hs)))]
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    accounts, rows = [], []
    for i, (name, handle) in enumerate(BRANDS):
        aid = f"b{i:02d}"
        accounts.append({"id": aid, "name": name, "kind": "brand",
                         "handles": [{"platform": "x", "handle": handle}]})
        rows += brand_rows(aid, handle, permutations, rng, WORDS, 12)
    tricks = random.Random(args.seed + 100)
    for a in accounts:
        rows += trick_rows(a["id"], a["handles"][0]["handle"], tricks)
    negs = negatives([(a["id"], a["name"], a["handles"][0]["handle"]) for a in accounts], rng, 150, args.seed)
    write_set(args.out, accounts, rows, negs)

if __name__ == "__main__":
    main()
