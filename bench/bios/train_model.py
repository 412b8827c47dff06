"""A small learned bio model, measured leave-one-writer-out against the phrase rules (issue 20).

Each of the five writer sets in bench/bios/ is held out in turn: a logistic regression on hashed
character n-grams (2-5) and word unigrams and bigrams is trained on the other four, its threshold
chosen on those four only (leave-one-writer-out inside them, at most 1% of everyday bios above it),
and it is scored on the held-out writer alone and OR-ed with the rules (the `bios` example's own
reading of each bio, PER_BIO). Deterministic: fixed seed, no randomness in the solver.

    make bio-model            # or: python3 bench/bios/train_model.py [--per-bio DIR]

The features are defined here and must match any Rust reader byte for byte (see `features`).
"""

import argparse
import functools
import json
import os
import random
import sys
import unicodedata

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression

SETS = ["dev", "dev2", "report2", "report3", "report4"]
HERE = os.path.dirname(os.path.abspath(__file__))
BITS = 14  # 16,384 hashed features
SEED = 20
MAX_EVERYDAY_FP = 0.01
C = 1.0
# The bios example puts this name in place of {name}; training bios get other names (below) so that
# the protected name's own letters carry no weight.
PROTECTED = "Adaeze Okonkwo"
TRAIN_NAMES = [
    "Chinedu Balogun", "Fatou Diop", "Kwabena Owusu", "Amina Bello", "Joao Silva", "Wanjiru Kamau",
    "Yusuf Haruna", "Marie Laurent", "Tunde Adeyemi", "Layla Haddad", "Efua Mensah", "Ngozi Eze",
]

# Whitespace that separates words, besides ASCII whitespace.
SPACES = set("\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
             "\u200b\u2028\u2029\u202f\u205f\u3000\ufeff")


def fnv1a(s: str) -> int:
    h = 0x811C9DC5
    for b in s.encode("utf-8"):
        h ^= b
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


def normalise(text: str) -> str:
    """NFKC, lower case, every ASCII digit 0, runs of spaces one space, a space at each end."""
    t = unicodedata.normalize("NFKC", text).lower()
    out = []
    space = True
    for c in t:
        if c in SPACES or (c.isascii() and c.isspace()):
            if not space:
                out.append(" ")
            space = True
            continue
        out.append("0" if "0" <= c <= "9" else c)
        space = False
    return " " + "".join(out).strip(" ") + " "


def words(norm: str) -> list:
    """Words: runs of characters that are not ASCII punctuation, symbols or spaces."""
    ws, cur = [], []
    for c in norm:
        if c.isascii() and not c.isalnum():
            if cur:
                ws.append("".join(cur))
            cur = []
        else:
            cur.append(c)
    if cur:
        ws.append("".join(cur))
    return ws


def feature_strings(text: str) -> list:
    n = normalise(text)
    out = []
    for k in range(2, 6):
        for i in range(len(n) - k + 1):
            out.append("c" + n[i:i + k])
    ws = words(n)
    out += ["w" + w for w in ws]
    out += ["b" + a + " " + b for a, b in zip(ws, ws[1:])]
    return out


@functools.lru_cache(maxsize=None)
def features(text: str) -> tuple:
    """Sorted distinct feature ids (binary features)."""
    mask = (1 << BITS) - 1
    return tuple(sorted({fnv1a(f) & mask for f in feature_strings(text)}))


def load(name):
    with open(os.path.join(HERE, name + ".jsonl"), encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def matrix(texts):
    rows, cols = [], []
    for i, t in enumerate(texts):
        for j in features(t):
            rows.append(i)
            cols.append(j)
    return csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(texts), 1 << BITS))


def train_texts(rows, rng):
    return [r["bio"].replace("{name}", rng.choice(TRAIN_NAMES)) for r in rows]


def fit(rows, seed):
    rng = random.Random(seed)
    X = matrix(train_texts(rows, rng))
    y = np.array([r["kind"] != "everyday" for r in rows])
    m = LogisticRegression(C=C, class_weight="balanced", max_iter=2000, solver="liblinear")
    m.fit(X, y)
    return m


def score(model, rows):
    X = matrix([r["bio"].replace("{name}", PROTECTED) for r in rows])
    return model.decision_function(X)


def threshold(by_set, names, seed):
    """Leave one writer out among `names`; the lowest threshold keeping everyday bios above it ≤ 1%."""
    everyday = []
    for held in names:
        train = [r for n in names if n != held for r in by_set[n]]
        m = fit(train, seed)
        s = score(m, by_set[held])
        everyday += [v for v, r in zip(s, by_set[held]) if r["kind"] == "everyday"]
    everyday.sort(reverse=True)
    allowed = int(MAX_EVERYDAY_FP * len(everyday))  # this many may sit above the threshold
    return everyday[allowed] + 1e-9, len(everyday)


def counts(rows, fired):
    c = {"claim": [0, 0], "scam": [0, 0], "everyday": [0, 0]}
    for r, f in zip(rows, fired):
        c[r["kind"]][0] += 1
        c[r["kind"]][1] += bool(f)
    return c


def fmt(c):
    return " | ".join(f"{c[k][1]}/{c[k][0]} = {100.0 * c[k][1] / c[k][0]:.1f}%" for k in ("claim", "scam", "everyday"))


def main():
    global BITS, MAX_EVERYDAY_FP, C
    ap = argparse.ArgumentParser()
    ap.add_argument("--per-bio", default=os.path.join(HERE, "..", "..", "target", "bios-per-bio"),
                    help="directory of SET.txt files written by the bios example with PER_BIO")
    ap.add_argument("--max-fp", type=float, default=MAX_EVERYDAY_FP,
                    help="everyday bios allowed above the threshold in the inner cross-validation")
    ap.add_argument("--bits", type=int, default=BITS, help="hashed feature space, 2^bits")
    ap.add_argument("--show", action="store_true",
                    help="list the held-out bios the model adds to the rules, and its everyday alarms")
    ap.add_argument("--faker", metavar="DIR",
                    help="also train on all five sets (threshold from leave-one-writer-out over the five) "
                         "and count the challenge set DIR's ordinary people whose bio it would fire on")
    ap.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength")
    ap.add_argument("--score", metavar="SET",
                    help="only train the final model on the five sets and score a new writer's set "
                         "bench/bios/SET.jsonl (its rules' reading in the --per-bio dir as SET.txt)")
    args = ap.parse_args()
    BITS, MAX_EVERYDAY_FP, C = args.bits, args.max_fp, args.c
    print(f"bits {BITS}, max everyday fp {MAX_EVERYDAY_FP}, C {C}, seed {SEED}\n")
    by_set = {n: load(n) for n in SETS}
    if args.score:
        return score_new(by_set, args.score, args.per_bio, args.show)
    rules = {}
    for n in SETS:
        with open(os.path.join(args.per_bio, n + ".txt")) as f:
            rules[n] = [l.strip() == "1" for l in f]
        assert len(rules[n]) == len(by_set[n]), n
    print("| held-out set | reader | claims | scams | everyday made impersonation |")
    print("| --- | --- | ---: | ---: | ---: |")
    mean = {k: np.zeros(3) for k in ("rules", "model", "or")}
    for held in SETS:
        train_names = [n for n in SETS if n != held]
        t, n_every = threshold(by_set, train_names, SEED)
        m = fit([r for n in train_names for r in by_set[n]], SEED)
        s = score(m, by_set[held])
        fired = s >= t
        rows = by_set[held]
        for label, f in (("rules", rules[held]), ("model", fired), ("or", [a or b for a, b in zip(rules[held], fired)])):
            c = counts(rows, f)
            print(f"| {held} | {label} (threshold {t:.3f}) | " + fmt(c) + " |" if label == "model" else f"| {held} | {label} | " + fmt(c) + " |")
            mean[label] += np.array([c[k][1] / c[k][0] for k in ("claim", "scam", "everyday")])
        if args.show:
            for r, v, by_rules, f in zip(rows, s, rules[held], fired):
                if f and not by_rules:
                    print(f"    {held} model only, {r['kind']} ({v:.2f}): {r['bio']}")
        sys.stdout.flush()
    for label in ("rules", "model", "or"):
        v = 100.0 * mean[label] / len(SETS)
        print(f"| mean of five | {label} | {v[0]:.1f}% | {v[1]:.1f}% | {v[2]:.1f}% |")
    if args.faker:
        faker(by_set, args.faker, args.show)


def score_new(by_set, name, per_bio, show):
    """A writer none of the five sets came from: the final model (all five, threshold from
    leave-one-writer-out over them) alone and OR-ed with the rules, beside the rules."""
    t, _ = threshold(by_set, SETS, SEED)
    m = fit([r for n in SETS for r in by_set[n]], SEED)
    rows = load(name)
    with open(os.path.join(per_bio, name + ".txt")) as f:
        rules = [l.strip() == "1" for l in f]
    assert len(rules) == len(rows), name
    fired = score(m, rows) >= t
    print(f"| {name} | reader | claims | scams | everyday made impersonation |")
    print("| --- | --- | ---: | ---: | ---: |")
    for label, f in (("rules", rules), (f"model (threshold {t:.3f})", fired),
                     ("rules OR model", [a or b for a, b in zip(rules, fired)])):
        print(f"| {name} | {label} | " + fmt(counts(rows, f)) + " |")
    if show:
        for r, f, by_rules in zip(rows, fired, rules):
            if f and not by_rules:
                print(f"    model only, {r['kind']}: {r['bio']}")


def faker(by_set, folder, show):
    """The guard: ordinary people's generated bios (Faker) that the final model would fire on."""
    t, _ = threshold(by_set, SETS, SEED)
    m = fit([r for n in SETS for r in by_set[n]], SEED)
    with open(os.path.join(folder, "truth.jsonl")) as f:
        truths = [json.loads(l) for l in f if l.strip()]
    with open(os.path.join(folder, "profiles.jsonl")) as f:
        profiles = [json.loads(l) for l in f if l.strip()]
    bios = [p["bio"] for tr, p in zip(truths, profiles) if tr["kind"] == "negative" and p.get("bio")]
    s = m.decision_function(matrix(bios))
    fired = [(v, b) for v, b in zip(s, bios) if v >= t]
    print(f"\nfinal model (all five sets), threshold {t:.3f}: fires on {len(fired)} of {len(bios)} "
          f"ordinary people's bios in {folder} ({100.0 * len(fired) / max(1, len(bios)):.3f}%)")
    if show:
        for v, b in sorted(fired, reverse=True)[:20]:
            print(f"    ({v:.2f}) {b}")


if __name__ == "__main__":
    main()
