"""The typosquatting REPORT set: a second generator, other brands. ail-typo-squatting (the AIL
project's domain permutation engine, pinned in requirements.txt) applied to the brand handles of
brands_report.tsv, none of which is in the dev set (make_set.py). Every impersonator is handle-only
(display name "Support Team"), as in the dev set. Sets by technique:
  one_<generator>  one of ail-typo-squatting's permutations (addition, omission, replacement ...)
  two_edits_*      two of its permutations one after the other, kept when exactly 2 edits from the
                   handle, by the handle's length in letters
  inside           a one-permutation typo inside a longer handle with a word (other words than dev's)
  negative         ordinary handles sharing a brand word (neighbours.py), flagged at all or not
Only what an X handle can hold is kept (dashes become underscores). Run once, after tuning on the dev
set: nothing in the engine was changed while looking at it.

    python make_report_set.py --out DIR [--seed N]
"""
import argparse, csv, math, os, random

import tldextract

# The generator splits domains with tldextract, which would fetch the public suffix list: use the copy
# it ships, so nothing downloads.
tldextract.extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)

from ail_typo_squatting.typo import (addDash, addition, changeOrder, doubleReplacement, homoglyph,  # noqa: E402
                                     numeralSwap, omission, repetition, replacement, singularPluralize,
                                     vowelSwap)

from neighbours import brand_rows, negatives, write_set  # noqa: E402

GENERATORS = {
    "addition": addition, "change_order": changeOrder, "double_replacement": doubleReplacement,
    "homoglyph": homoglyph, "numeral_swap": numeralSwap, "omission": omission, "repetition": repetition,
    "replacement": replacement, "singular_plural": singularPluralize, "vowel_swap": vowelSwap,
    "add_dash": addDash,
}
# Words around a typo, other than the dev set's: a region, a team, a year, a service.
WORDS = ["care", "team", "desk", "africa", "ng", "info", "online", "2025", "247", "rewards", "promo", "claims"]


def permutations(label):
    """ail-typo-squatting's permutations of LABEL.com, as (generator, handle) with X's characters."""
    out = []
    for name, gen in GENERATORS.items():
        for d in gen(label.replace("_", "-") + ".com", [], False, math.inf):
            h = d.rsplit(".", 1)[0].replace("-", "_")
            if h and h.lower() != label.lower() and all(c.isascii() and (c.isalnum() or c == "_") for c in h):
                out.append((name, h))
    return sorted(set(out))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=2)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "brands_report.tsv"), newline="") as f:
        brands = list(csv.DictReader(f, delimiter="\t"))
    accounts, rows = [], []
    for i, b in enumerate(brands):
        aid, handle = f"r{i:02d}", b["handle"]
        label = handle.lower()
        accounts.append({"id": aid, "name": b["name"], "kind": "brand",
                         "handles": [{"platform": "x", "handle": handle}]})
        rows += brand_rows(aid, label, permutations, rng, WORDS, 6, ("double_replacement", "numeral_swap"))
    negs = negatives([(a["id"], a["name"], a["handles"][0]["handle"]) for a in accounts], rng, 150, args.seed)
    write_set(args.out, accounts, rows, negs)


if __name__ == "__main__":
    main()
