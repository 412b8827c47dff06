"""Ordinary words and names as handles, against the dev lists' brands and people: a dev negative set for
two-edit typos of short keys (docs/accuracy.md, "Two edits at 8-9 letters").

Every word of 6-11 letters (`--min 5`: 5-11, for brands' keys of 7 letters, "Two edits at 7 letters")
in Faker's lorem word lists and person-name lists (all locales), and with `--english` every word of
Webster's Second in the english-words package, becomes a handle twice: under the filler display name "Support Team" (the worst case: a filler name lets a handle
typo count alone) and under a Faker person's name (the ordinary case). The protected list is the union
of the given lists (accounts whose handle is already listed are left out). All rows are negatives;
score with `python3 bench/typosquat/score.py OUT OLD NEW`.

    python near_words.py [--min 5] [--english] --out DIR LIST.json [LIST.json ...]
"""
import argparse, importlib, json, pkgutil, random, re

import faker.providers.lorem as lorem
import faker.providers.person as person
from faker import Faker

from neighbours import write_set


def words(shortest=6, english=False):
    out = set()
    if english:
        from english_words import get_english_words_set

        out |= {w for w in get_english_words_set(["web2"], lower=True, alpha=True)
                if re.fullmatch(f"[a-z]{{{shortest},11}}", w)}
    for pkg in (lorem, person):
        for m in pkgutil.iter_modules(pkg.__path__):
            try:
                provider = importlib.import_module(f"{pkg.__name__}.{m.name}").Provider
            except (ImportError, AttributeError):
                continue
            for attr in ("word_list", "first_names", "last_names", "first_names_male", "first_names_female"):
                v = provider.__dict__.get(attr)
                if v is None or isinstance(v, property):
                    continue
                for w in (v.keys() if isinstance(v, dict) else v):
                    w = str(w).lower()
                    if re.fullmatch(f"[a-z]{{{shortest},11}}", w):
                        out.add(w)
    return sorted(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--min", type=int, default=6, help="shortest word (letters)")
    ap.add_argument("--english", action="store_true", help="add an English dictionary's words")
    ap.add_argument("lists", nargs="+")
    args = ap.parse_args()
    accounts, seen = [], set()
    for path in args.lists:
        tag = path.split("/")[-2]
        for a in json.load(open(path))["accounts"]:
            hs = {(h["platform"], h["handle"].lower()) for h in a.get("handles", []) + a.get("official", [])}
            if hs & seen:
                continue
            seen |= hs
            accounts.append(dict(a, id=f"{tag}_{a['id']}"))
    fake = Faker(["en_US", "en_NG", "yo_NG", "ha_NG", "ig_NG", "fr_FR"])
    fake.seed_instance(7)
    rng = random.Random(7)
    negs = []
    for w in words(args.min, args.english):
        negs.append((w, "Support Team", None))
        negs.append((w, fake.name(), None))
    rng.shuffle(negs)
    write_set(args.out, accounts, [], negs)


if __name__ == "__main__":
    main()
