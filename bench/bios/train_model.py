"""A small learned bio model, measured leave-one-writer-out against the phrase rules, and written
for the engine (issue 20; `crates/vipguard/src/text/bio_model.rs` reads what this writes).

Each of the ten writer sets in bench/bios/ is held out in turn: a logistic regression on hashed
character n-grams (2-5) and word unigrams and bigrams is trained on the other nine, its threshold
chosen on those nine only (leave one writer out again inside them: at most MAX_EVERYDAY_FP of their
everyday bios that the rules leave alone above it), and it is scored on the held-out writer alone and
OR-ed with the rules (the `bios` example's own reading of each bio, PER_BIO, with the model off).
Deterministic: fixed seed, no randomness in the solver.

    make bio-model            # the folds, the Faker guard, and the model and fixture written
    python3 bench/bios/train_model.py --folds [--show] [--faker DIR] [--write]

The features are defined here and must match the Rust reader byte for byte (`features`; the parity
fixture FIXTURE is checked by crates/vipguard/tests/bio_model.rs).
"""

import argparse
import functools
import json
import math
import os
import random
import struct
import sys
import unicodedata

import numpy as np
from scipy.sparse import csr_matrix, vstack
from sklearn.linear_model import LogisticRegression

SETS = ["dev", "dev2", "report2", "report3", "report4", "report6", "report7", "report8", "report9", "report10"]
HERE = os.path.dirname(os.path.abspath(__file__))
BITS = 14  # 16,384 hashed features
SEED = 20
MAX_EVERYDAY_FP = 0.01
C = 1.0
STEMS = False
ROOT = os.path.join(HERE, "..", "..")
MODEL = os.path.join(ROOT, "crates", "vipguard", "src", "text", "bio_model.bin")
FIXTURE = os.path.join(ROOT, "crates", "vipguard", "tests", "fixtures", "bio_model_parity.jsonl")
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
    if STEMS:
        out += stem_strings(ws)
    return out


@functools.lru_cache(maxsize=None)
def features(text: str) -> tuple:
    """Sorted distinct feature ids (binary features)."""
    mask = (1 << BITS) - 1
    return tuple(sorted({fnv1a(f) & mask for f in feature_strings(text)}))


def stem_strings(ws):
    """Crude stems: the first four letters of each word of five or more (`--stems`)."""
    return ["s" + w[:4] for w in ws if len(w) >= 5]


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


class Data:
    """Every set's rows, their training and scoring matrices (built once), and the rules' reading."""

    def __init__(self, per_bio, extra_dir=None):
        self.sets = {n: load(n) for n in SETS}
        self.rows = [r for n in SETS for r in self.sets[n]]
        self.set_of = np.array([n for n in SETS for _ in self.sets[n]])
        rng = random.Random(SEED)
        # Each training bio gets one name from TRAIN_NAMES, drawn once in the sets' order.
        self.X_train = matrix([r["bio"].replace("{name}", rng.choice(TRAIN_NAMES)) for r in self.rows])
        self.X_score = matrix([r["bio"].replace("{name}", PROTECTED) for r in self.rows])
        self.y = np.array([r["kind"] != "everyday" for r in self.rows])
        self.kind = np.array([r["kind"] for r in self.rows])
        rules = []
        for n in SETS:
            with open(os.path.join(per_bio, n + ".txt")) as f:
                got = [l.strip() == "1" for l in f]
            assert len(got) == len(self.sets[n]), f"{n}: run the bios example with PER_BIO first"
            rules += got
        self.rules = np.array(rules)
        # Ordinary people's generated bios (the challenge's tuning set, seed 1), everyday in every fit.
        self.X_extra = matrix(ordinary_bios(extra_dir)) if extra_dir else None

    def mask(self, names):
        return np.isin(self.set_of, list(names))


_FITS = {}


def fit(d, names):
    """The model trained on `names` (fits are kept: each pair of held-out writers shares one)."""
    key = (frozenset(names), C, BITS, STEMS)
    if key not in _FITS:
        m = d.mask(names)
        lr = LogisticRegression(C=C, class_weight="balanced", max_iter=2000, solver="liblinear")
        X, y = d.X_train[m], d.y[m]
        if d.X_extra is not None:
            X = vstack([X, d.X_extra])
            y = np.concatenate([y, np.zeros(d.X_extra.shape[0], dtype=bool)])
        lr.fit(X, y)
        _FITS[key] = lr
    return _FITS[key]


def threshold(d, names, max_fp=None):
    """Leave one writer out among `names`: the lowest score that keeps at most `max_fp` (default
    MAX_EVERYDAY_FP) of their everyday bios the rules leave alone above it (only those can become new
    false alarms)."""
    max_fp = MAX_EVERYDAY_FP if max_fp is None else max_fp
    everyday = []
    for held in names:
        lr = fit(d, [n for n in names if n != held])
        m = d.mask([held]) & (d.kind == "everyday") & ~d.rules
        everyday += list(lr.decision_function(d.X_score[m]))
    everyday.sort(reverse=True)
    allowed = int(max_fp * len(everyday))
    return everyday[allowed] + 1e-9


def ordinary_bios(folder):
    """The bios of a challenge set's ordinary people (`bash scripts/challenge-data.sh`)."""
    with open(os.path.join(folder, "truth.jsonl")) as f:
        truths = [json.loads(l) for l in f if l.strip()]
    with open(os.path.join(folder, "profiles.jsonl")) as f:
        profiles = [json.loads(l) for l in f if l.strip()]
    return [p["bio"] for tr, p in zip(truths, profiles) if tr["kind"] == "negative" and p.get("bio")]


def counts(kind, fired):
    return {k: (int((kind == k).sum()), int((fired & (kind == k)).sum())) for k in ("claim", "scam", "everyday")}


def pct(a, n):
    return 100.0 * a / max(1, n)


def fmt(c):
    both = (c["claim"][0] + c["scam"][0], c["claim"][1] + c["scam"][1])
    cells = [f"{c[k][1]}/{c[k][0]} = {pct(c[k][1], c[k][0]):.1f}%" for k in ("claim", "scam")]
    cells.append(f"{both[1]}/{both[0]} = {pct(both[1], both[0]):.1f}%")
    cells.append(f"{c['everyday'][1]}/{c['everyday'][0]} = {pct(c['everyday'][1], c['everyday'][0]):.1f}%")
    return " | ".join(cells)


def quantise(lr, t):
    """i8 weights with one scale; the threshold as a whole sum of weights (`bio_model.rs`)."""
    w = lr.coef_[0]
    scale = float(np.abs(w).max()) / 127.0
    q = np.clip(np.rint(w / scale), -127, 127).astype(np.int8)
    bias = float(lr.intercept_[0])
    t_sum = int(math.ceil((t - bias) / scale))
    return q, np.float32(scale), np.float32(bias), t_sum


def q_sums(q, X):
    return (X @ q.astype(np.int64)).astype(np.int64)


def write_model(path, q, scale, bias, t_sum):
    with open(path, "wb") as f:
        f.write(b"VGBM")
        f.write(struct.pack("<BBBB", 1, BITS, int(STEMS), 0))
        f.write(struct.pack("<iff", t_sum, scale, bias))
        f.write(q.tobytes())


# Bios that test the normalising and hashing at their edges, beside a sample of the writers' bios.
EDGES = [
    "", " ", "a", "OFFICIAL  Page\tof\u00a0ADAEZE", "Call 0803 123 4567 now!!!", "ΣΟΦΙΑ ΟΔΟΣ", "İstanbul İ",
    "ﬁnance ＤＭ me", "emoji 🙏🔥✅ only", "x\u001cy\u001dz\u3000w\u200bq", "don't—can't… «quote»",
    "Mã ngân hàng: ١٢٣ ٤٥٦", "الصفحة الرسمية", "Ẹ kú àárọ̀ ọ̀rẹ́", "Ɗan'uwa ƙasa", "  lead and trail  ",
]


def write_fixture(path, d, q, t_sum):
    bios = EDGES + [r["bio"].replace("{name}", PROTECTED) for r in d.rows[::25]]
    with open(path, "w", encoding="utf-8") as f:
        for b in bios:
            ids = features(b)
            s = int(sum(int(q[i]) for i in ids))
            f.write(json.dumps({"bio": b, "features": list(ids), "sum": s, "fires": s >= t_sum},
                               ensure_ascii=False) + "\n")


def main():
    global BITS, MAX_EVERYDAY_FP, C, STEMS
    ap = argparse.ArgumentParser()
    ap.add_argument("--per-bio", default=os.path.join(HERE, "..", "..", "target", "bios-per-bio"),
                    help="directory of SET.txt files written by the bios example with PER_BIO (rules only)")
    ap.add_argument("--max-fp", default=str(MAX_EVERYDAY_FP),
                    help="share of the inner folds' everyday bios (those the rules leave alone) allowed above "
                         "the threshold; several, comma-separated, give one table of folds each (the first is "
                         "the final model's)")
    ap.add_argument("--bits", type=int, default=BITS, help="hashed feature space, 2^bits")
    ap.add_argument("--c", type=float, default=C, help="inverse regularisation strength")
    ap.add_argument("--stems", type=int, default=int(STEMS), help="1: add four-letter word stems")
    ap.add_argument("--show", action="store_true",
                    help="list the held-out bios the model adds to the rules, and its everyday alarms")
    ap.add_argument("--faker", metavar="DIR",
                    help="count the challenge set DIR's ordinary people whose bio the final model fires on")
    ap.add_argument("--faker-train", metavar="DIR",
                    help="add the challenge set DIR's ordinary people's bios (its tuning set, "
                         "target/challenge/dev) to every fit as everyday bios")
    ap.add_argument("--folds", action="store_true", help="leave-one-writer-out over the ten sets")
    ap.add_argument("--write", action="store_true",
                    help="write the final model (all ten sets) to " + MODEL + " and the parity fixture to " + FIXTURE)
    args = ap.parse_args()
    max_fps = [float(v) for v in args.max_fp.split(",")]
    BITS, MAX_EVERYDAY_FP, C, STEMS = args.bits, max_fps[0], args.c, bool(args.stems)
    features.cache_clear()
    print(f"bits {BITS}, max everyday fp {args.max_fp}, C {C}, stems {STEMS}, seed {SEED}, "
          f"ordinary bios trained on: {args.faker_train}\n")
    d = Data(args.per_bio, args.faker_train)
    if args.folds:
        for max_fp in max_fps:
            folds(d, args.show, max_fp)
    if args.faker or args.write:
        final(d, args.faker, args.write, args.show)


def folds(d, show, max_fp):
    print(f"\nleave one writer out, at most {max_fp} of the inner folds' everyday bios above the threshold\n")
    print("| held-out set | reader | claims | scams | claims and scams | everyday made impersonation |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    mean = {k: np.zeros(4) for k in ("rules", "model", "or")}
    for held in SETS:
        train = [n for n in SETS if n != held]
        t = threshold(d, train, max_fp)
        lr = fit(d, train)
        m = d.mask([held])
        s = lr.decision_function(d.X_score[m])
        fired = s >= t
        rules, kind = d.rules[m], d.kind[m]
        for label, f in (("rules", rules), ("model", fired), ("or", rules | fired)):
            c = counts(kind, f)
            name = f"model (threshold {t:.3f})" if label == "model" else ("rules or model" if label == "or" else label)
            print(f"| {held} | {name} | " + fmt(c) + " |")
            both = (c["claim"][1] + c["scam"][1]) / (c["claim"][0] + c["scam"][0])
            mean[label] += np.array([c["claim"][1] / c["claim"][0], c["scam"][1] / c["scam"][0], both,
                                     c["everyday"][1] / c["everyday"][0]])
        if show:
            rows = [r for r, k in zip(d.rows, m) if k]
            for r, v, by_rules, f in zip(rows, s, rules, fired):
                if f and not by_rules:
                    print(f"    {held} model only, {r['kind']} ({v:.2f}): {r['bio']}")
        sys.stdout.flush()
    for label in ("rules", "model", "or"):
        v = 100.0 * mean[label] / len(SETS)
        name = {"or": "rules or model"}.get(label, label)
        print(f"| mean of ten | {name} | {v[0]:.1f}% | {v[1]:.1f}% | {v[2]:.1f}% | {v[3]:.1f}% |")


def final(d, faker_dir, write, show):
    t = threshold(d, SETS)
    lr = fit(d, SETS)
    q, scale, bias, t_sum = quantise(lr, t)
    float_fire = lr.decision_function(d.X_score) >= t
    q_fire = q_sums(q, d.X_score) >= t_sum
    print(f"\nfinal model (all ten sets): threshold {t:.3f} (sum of i8 weights >= {t_sum}, scale {scale:.6f}, "
          f"bias {bias:.3f}); quantised and float readings differ on {int((float_fire != q_fire).sum())} "
          f"of {len(d.rows)} bios")
    if faker_dir:
        bios = ordinary_bios(faker_dir)
        sums = q_sums(q, matrix(bios))
        fired = [(int(v), b) for v, b in zip(sums, bios) if v >= t_sum]
        print(f"final model fires on {len(fired)} of {len(bios)} ordinary people's bios in {faker_dir} "
              f"({pct(len(fired), len(bios)):.3f}%); highest sum {int(sums.max())} against {t_sum}")
        if show:
            for v, b in sorted(fired, reverse=True)[:20]:
                print(f"    ({v}) {b}")
    if write:
        write_model(MODEL, q, scale, bias, t_sum)
        write_fixture(FIXTURE, d, q, t_sum)
        print(f"wrote {os.path.relpath(MODEL)} ({os.path.getsize(MODEL)} bytes) and {os.path.relpath(FIXTURE)}")


if __name__ == "__main__":
    main()
