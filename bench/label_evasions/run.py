#!/usr/bin/env python3
"""Issue 24 finding 7 at scale: the evasion techniques of `tests/fixtures/evasions/name_disguised_with_words`
and `label_*`, applied to every protected account of a challenge set, with controls, scored on a vipguard
binary. A dev set: the phrasings below were written by the same session that wrote the rules (the names,
words and accounts come from the challenge set's generator), so it measures reach across accounts,
scripts and positions, not independence.

Usage: python3 bench/label_evasions/run.py [SET_DIR] [VIPGUARD ...]
  (default target/challenge/report and target/release/vipguard; several binaries are scored side by side)
"""
import collections, json, os, random, subprocess, sys, tempfile

args = sys.argv[1:]
set_dir = args.pop(0) if args and os.path.isdir(args[0]) else "target/challenge/report"
binaries = args or ["target/release/vipguard"]
rng = random.Random(24)
accounts = json.load(open(os.path.join(set_dir, "protected.json")))["accounts"]
# Words of ordinary people's names (the set's negatives), in plain letters.
negative = {t["id"] for t in map(json.loads, open(os.path.join(set_dir, "truth.jsonl"))) if t["kind"] == "negative"}
ordinary = [p["name"] for p in map(json.loads, open(os.path.join(set_dir, "profiles.jsonl"))) if p["id"] in negative][:5000]
words = [w for n in ordinary for w in n.split() if w.isascii() and w.isalpha() and len(w) > 2]
words += ["Lagos", "Kano", "Abuja", "Accra", "Dakar", "Nairobi", "Foundation", "Office", "Ventures",
          "Group", "Family", "Daily", "Arena", "Studio", "World"]

# Latin letter -> a lookalike of another script (Cyrillic, Greek, Armenian).
LOOK = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "y": "у", "i": "і", "s": "ѕ",
        "A": "А", "B": "В", "E": "Е", "H": "Н", "K": "К", "M": "М", "O": "Օ", "P": "Р", "T": "Τ",
        "X": "Х", "N": "Ν", "Z": "Ζ", "I": "І", "S": "Ѕ", "C": "С"}
HIDDEN = ["\u200b", "\u200c", "\u2060", "\ufeff"]


def disguise(name):
    """One letter of the name swapped for a lookalike, or a hidden character inside a word."""
    spots = [i for i, c in enumerate(name) if c in LOOK]
    if spots and rng.random() < 0.75:
        i = rng.choice(spots)
        return name[:i] + LOOK[name[i]] + name[i + 1:], "lookalike"
    inner = [i for i in range(1, len(name)) if name[i - 1].isalpha() and name[i].isalpha()]
    if not inner:
        return None, None
    i = rng.choice(inner)
    return name[:i] + rng.choice(HIDDEN) + name[i:], "hidden"


def with_words(name):
    extra = [rng.choice(words) for _ in range(rng.choice([1, 1, 2]))]
    where = rng.choice(["end", "start", "around"])
    if where == "end":
        return " ".join([name] + extra)
    if where == "start":
        return " ".join(extra + [name])
    return " ".join([extra[0], name] + extra[1:] + ["| " + rng.choice(words)])


def styled(word, table):
    return "".join(table.get(c, c) for c in word)


SUPER = dict(zip("parodyfnketi", "ᵖᵃʳᵒᵈʸᶠⁿᵏᵉᵗⁱ"))
SMALLCAPS = dict(zip("parodyfnketi", "ᴘᴀʀᴏᴅʏꜰɴᴋᴇᴛɪ"))
BOLD = {c: chr(0x1D41A + ord(c) - ord("a")) for c in "abcdefghijklmnopqrstuvwxyz"}

# Bios and name suffixes that hold a label word labelling nothing.
FAKE_BIOS = [
    "https://parody.example", "linktr.ee/fanclub_{h}", "www.satire-{h}.com", "#parody_free",
    "#ParodyFree #real", "bookings: parody.team@gmail.com",
    "Parody-free zone", "Parody? Never.", "Parodie ? Jamais.", "Fan page? Nope.",
    "Is this a parody account? No.", "Not a parody account", "Ce n'est pas un compte parodique",
    "Não é uma conta de paródia", "Sem paródia", "Sin parodia", "Zéro parodie",
    "No longer a parody account", "Ex parody account", "Formerly a fan page", "Dis account no be parody",
    "Hii si akaunti ya parody", "ليس حساب ساخر", "حساب غير ساخر", "مش حساب ساخر", "حساب ساخر؟ لا",
    "Fan page: @{h}_fc", "Follow our fan page @{h}_fans", "My parody account is @{h}_lol",
    styled("parody", SUPER), styled("parody", SMALLCAPS) + " account", styled("parody", BOLD) + " account",
    "Pаrody account", "Par\u200body account",
]
FAKE_NAME_SUFFIX = ["(not parody)", "| Parody? No", "- no be parody", "Parody-free", "(formerly parody)",
                    "ليس ساخر", styled("parody", SUPER), "Fаn Page"]
HONEST_BIOS = ["Parody account", "Parody account, not affiliated with {n}", "Fan page", "Compte parodique",
               "Conta de paródia", "حساب ساخر", "#parody", "Parody of @{h}", "Fan account. DM for promo",
               "Satire. Not the real {n}."]
HONEST_NAMES = ["Parody {n}", "{n} Fan Page", "{n} (Parody)", "Parodie {n}", "Fan Club {n}"]

profiles, truth = [], []


def add(technique, want, match, name, handle, bio=None):
    p = {"id": f"e{len(profiles)}", "platform": "x", "handle": handle, "name": name}
    if bio:
        p["bio"] = bio
    profiles.append(p)
    truth.append((technique, want, match))


for a in accounts:
    x = [h["handle"] for h in a.get("handles", []) if h["platform"] == "x"]
    if not x:
        continue
    name, handle = a["name"], x[0]
    unrelated = "".join(rng.choice("bcdfghjkmnpqrstvwz") for _ in range(6)) + str(rng.randint(10, 99))
    # A: a disguised protected name inside a longer name, with an unrelated handle.
    d, how = disguise(name)
    if d:
        add(f"disguised_{how}_with_words", "flag", a["id"], with_words(d), unrelated)
        add("control_plain_with_words", "same", a["id"], with_words(name), unrelated)
    # B: two signals (exact name, protected handle plus '_') and a label word that labels nothing.
    for bio in rng.sample(FAKE_BIOS, 4):
        add("label_word_labelling_nothing_bio", "impersonation", a["id"], name, handle + "_",
            bio.format(h=handle.lower(), n=name))
    add("label_word_labelling_nothing_name", "impersonation", a["id"],
        f"{name} {rng.choice(FAKE_NAME_SUFFIX)}", handle + "_")
    # Controls: honest labels stay labelled.
    add("control_honest_label_bio", "labelled", a["id"], name, handle + "_",
        rng.choice(HONEST_BIOS).format(h=handle, n=name))
    add("control_honest_label_name", "labelled", a["id"], rng.choice(HONEST_NAMES).format(n=name),
        handle + "_")

with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
    f.write("\n".join(json.dumps(p, ensure_ascii=False) for p in profiles) + "\n")
results = {}
for b in binaries:
    out = subprocess.run([b, "scan", "--protected", os.path.join(set_dir, "protected.json"), f.name],
                         capture_output=True, text=True, check=True).stdout
    results[b] = [json.loads(l) for l in out.splitlines()]
os.unlink(f.name)

print(f"set: {set_dir} ({len(profiles)} profiles); share meeting the expectation per binary")
print(f"{'technique':40} {'n':>5} " + " ".join(f"{os.path.basename(b)[-20:]:>21}" for b in binaries))
rows = collections.defaultdict(lambda: collections.Counter())
base = results[binaries[0]]
misses = []
for b in binaries:
    for (t, want, match), r, r0 in zip(truth, results[b], base):
        rows[t]["n" + b] += 1
        got = (r["verdict"], r.get("match"))
        if want == "flag":
            ok = r["verdict"] in ("suspicious", "impersonation") and r.get("match") == match
        elif want == "same":  # control: the verdict the first binary gives
            ok = got == (r0["verdict"], r0.get("match"))
        else:
            ok = r["verdict"] == want and r.get("match") == match
        rows[t][b] += ok
        if not ok and b == binaries[-1] and os.environ.get("SHOW_MISSES"):
            misses.append(f"{t}: {r['verdict']} {r.get('match')} (want {want} {match}): {profiles[int(r['id'][1:])]}")
for t in sorted(rows):
    n = rows[t]["n" + binaries[0]]
    print(f"{t:40} {n:5} " + " ".join(f"{100 * rows[t][b] / n:20.1f}%" for b in binaries))
print("\n".join(misses))
