"""Shared by both typosquatting sets: the edit distance, the rows of one brand, the negatives, and
writing a set.

Negatives are ordinary people's and businesses' handles that share a word with a brand (`accessories_ng`,
`zenithphotos`), built from Faker's English word list and name lists, never picked by hand: each brand
word (of 4+ letters) joined to ordinary words and names, and ordinary words that contain a brand word,
never holding the whole brand handle or name (that is an embedding, flagged by design).
Their display names are Faker people's or companies' names.
"""
import json, os, re

from faker import Faker
from faker.providers.lorem.en_US import Provider as Lorem

WORDS = [w for w in Lorem.word_list if len(w) >= 3]


def osa(a, b):
    """Optimal string alignment distance (edits with adjacent transpositions)."""
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


def brand_rows(aid, label, permutations, rng, words, parents, not_parents=()):
    """One brand's impersonators as (technique, handle, brand id): up to 6 one-step permutations per
    generator; permutations of `parents` of them (not of generators in `not_parents`) that are exactly
    2 edits away, by the handle's length in letters (the typo limit is 2 edits from 10 letters on, 1
    below); and 6 one-step permutations inside a longer handle with one of `words`."""
    rows = []
    ones = permutations(label)
    by_gen = {}
    for g, h in ones:
        by_gen.setdefault(g, []).append(h)
    for g, hs in sorted(by_gen.items()):
        for h in rng.sample(hs, min(6, len(hs))):
            rows.append((f"one_{g}", h, aid))
    bare = label.replace("_", "")
    singles = [(g, h) for g, h in ones if g not in not_parents]
    seconds = set()
    for _, h in rng.sample(singles, min(parents, len(singles))):
        for _, h2 in permutations(h):
            if osa(h2.replace("_", ""), bare) == 2:
                seconds.add(h2)
    long = "12+" if len(bare) >= 12 else "10-11" if len(bare) >= 10 else "under10"
    for h in rng.sample(sorted(seconds), min(8, len(seconds))):
        rows.append((f"two_edits_{long}", h, aid))
    for _, h in rng.sample(singles, min(6, len(singles))):
        w = rng.choice(words)
        rows.append(("inside", f"{w}_{h}" if rng.random() < 0.5 else f"{h}_{w}", aid))
    return rows


def brand_words(name, handle):
    """The words of a brand's name, and its handle's letters, that an ordinary handle may share."""
    words = {w for w in re.findall(r"[a-z]+", name.lower()) if len(w) >= 4}
    return sorted(words)


def negatives(brands, rng, per_brand, seed):
    """`per_brand` ordinary handles per brand sharing one of its words, as (handle, display name, brand id)."""
    fake = Faker(["en_US", "en_GB", "en_NG", "yo_NG", "ha_NG", "ig_NG"])
    fake.seed_instance(seed)
    out, seen = [], set()
    for aid, name, handle in brands:
        words = brand_words(name, handle)
        if not words:
            continue
        containing = [w for w in WORDS if any(b in w and b != w for b in words)]
        made = 0
        for _ in range(per_brand * 20):
            if made == per_brand:
                break
            b = rng.choice(words)
            w = rng.choice(WORDS)
            first = re.sub(r"[^a-z]", "", fake.first_name().lower())
            last = re.sub(r"[^a-z]", "", fake.last_name().lower())
            sep = rng.choice(["", "_"])
            shapes = [f"{b}{sep}{w}", f"{w}{sep}{b}", f"{first}{sep}{b}", f"{b}{sep}{last}",
                      f"{b}{w}{rng.randint(1, 99)}", f"{w}{sep}{b}{sep}{rng.choice(['ng', 'gh', 'ke', 'ltd', 'co'])}"]
            if containing:
                c = rng.choice(containing)
                shapes += [f"{c}{sep}{rng.choice(['ng', 'gh', 'ke', 'hub', 'store'])}", f"{first}{sep}{c}"]
            h = rng.choice(shapes)
            # A handle holding the whole brand is an embedding, not a neighbour.
            compact = h.replace("_", "")
            whole = {handle.lower().replace("_", ""), re.sub(r"[^a-z]", "", name.lower())}
            if h in seen or not 5 <= len(h) <= 15 or b == h or any(k in compact for k in whole):
                continue
            seen.add(h)
            display = fake.name() if rng.random() < 0.6 else fake.company()
            out.append((h, display, aid))
            made += 1
    return out


def write_set(out_dir, accounts, rows, negs):
    """OUT/protected.json (with `kind`), OUT/protected-legacy.json (without: for builds that predate the
    field), OUT/profiles.jsonl and OUT/truth.jsonl."""
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "protected.json"), "w") as f:
        json.dump({"accounts": accounts}, f, indent=1)
    legacy = [{k: v for k, v in a.items() if k != "kind"} for a in accounts]
    with open(os.path.join(out_dir, "protected-legacy.json"), "w") as f:
        json.dump({"accounts": legacy}, f, indent=1)
    with open(os.path.join(out_dir, "profiles.jsonl"), "w") as p, \
            open(os.path.join(out_dir, "truth.jsonl"), "w") as t:
        n = 0
        for tech, h, aid in rows:
            pid = f"t{n:05d}"
            n += 1
            p.write(json.dumps({"id": pid, "platform": "x", "handle": h, "name": "Support Team"}) + "\n")
            t.write(json.dumps({"id": pid, "technique": tech, "match": aid}) + "\n")
        for h, display, aid in negs:
            pid = f"n{n:05d}"
            n += 1
            p.write(json.dumps({"id": pid, "platform": "x", "handle": h, "name": display}) + "\n")
            t.write(json.dumps({"id": pid, "technique": "negative", "match": None, "near": aid}) + "\n")
    print(f"wrote {len(rows)} impersonators and {len(negs)} negatives against {len(accounts)} brands to {out_dir}")
