"""A typosquatting dev set from an outside generator: dnstwist's fuzzers applied to brand handles.

Writes OUT/protected.json (one account per brand), OUT/profiles.jsonl and OUT/truth.jsonl. Every
profile is a handle-only impersonation (its display name is a generic "Support Team"), so a profile
is found only through its handle. Sets by technique:
  one_<fuzzer>   one dnstwist permutation of the brand (omission, insertion, replacement, ...)
  two_edits_*    a permutation of a permutation, kept when it is exactly 2 edits from the brand, by the
                 brand handle's length in letters
  inside         a one-edit permutation inside a longer handle with a service word (home_, _login)
  negative       ordinary handles sharing a brand word (neighbours.py), flagged at all or not
Only what an X handle can hold is kept: ASCII letters, digits and underscores (dnstwist's hyphens
become underscores). A dev set: the engine was changed while looking at it.

    python make_set.py --out DIR [--seed N]
"""
import argparse, random
import dnstwist

from neighbours import brand_rows, negatives, write_set

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
    negs = negatives([(a["id"], a["name"], a["handles"][0]["handle"]) for a in accounts], rng, 150, args.seed)
    write_set(args.out, accounts, rows, negs)

if __name__ == "__main__":
    main()
