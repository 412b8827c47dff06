"""A typosquatting dev set from an outside generator: dnstwist's fuzzers applied to brand handles.

Writes OUT/protected.json (one account per brand), OUT/profiles.jsonl and OUT/truth.jsonl. Every
profile is a handle-only impersonation (its display name is a generic "Support Team"), so a profile
is found only through its handle. Sets by technique:
  one_<fuzzer>   one dnstwist permutation of the brand (omission, insertion, replacement, ...)
  two_edits_*    a permutation of a permutation, kept when it is exactly 2 edits from the brand, by the
                 brand handle's length in letters
  inside         a one-edit permutation inside a longer handle with a service word (home_, _login)
Only what an X handle can hold is kept: ASCII letters, digits and underscores (dnstwist's hyphens
become underscores). A dev set: the engine was changed while looking at it.

    python make_set.py --out DIR [--seed N]
"""
import argparse, json, os, random
import dnstwist

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


def osa(a, b):
    d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        d[i][0] = i
    for j in range(len(b) + 1):
        d[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[-1][-1]


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
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    accounts, rows = [], []
    for i, (name, handle) in enumerate(BRANDS):
        aid = f"b{i:02d}"
        accounts.append({"id": aid, "name": name, "handles": [{"platform": "x", "handle": handle}]})
        ones = permutations(handle)
        by_fuzzer = {}
        for fz, h in ones:
            by_fuzzer.setdefault(fz, []).append(h)
        for fz, hs in sorted(by_fuzzer.items()):
            for h in rng.sample(hs, min(6, len(hs))):
                rows.append((f"one_{fz}", h, aid))
        bare = handle.replace("_", "")
        seconds = set()
        for _, h in rng.sample(ones, min(12, len(ones))):
            for _, h2 in permutations(h):
                if osa(h2.replace("_", ""), bare) == 2:
                    seconds.add(h2)
        # The typo limit is 2 edits from 10 letters on, 1 below: report long and short brands apart.
        long = "12+" if len(bare) >= 12 else "10-11" if len(bare) >= 10 else "under10"
        for h in rng.sample(sorted(seconds), min(8, len(seconds))):
            rows.append((f"two_edits_{long}", h, aid))
        for _, h in rng.sample(ones, min(6, len(ones))):
            w = rng.choice(WORDS)
            rows.append(("inside", f"{w}_{h}" if rng.random() < 0.5 else f"{h}_{w}", aid))
    with open(os.path.join(args.out, "protected.json"), "w") as f:
        json.dump({"accounts": accounts}, f, indent=1)
    with open(os.path.join(args.out, "profiles.jsonl"), "w") as p, \
            open(os.path.join(args.out, "truth.jsonl"), "w") as t:
        for n, (tech, h, aid) in enumerate(rows):
            pid = f"t{n:05d}"
            p.write(json.dumps({"id": pid, "platform": "x", "handle": h, "name": "Support Team"}) + "\n")
            t.write(json.dumps({"id": pid, "technique": tech, "match": aid}) + "\n")
    print(f"wrote {len(rows)} profiles against {len(accounts)} brands to {args.out}")


if __name__ == "__main__":
    main()
