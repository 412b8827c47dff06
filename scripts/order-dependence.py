#!/usr/bin/env python3
"""Whether the protected account a verdict names depends on the order of the protected list (issue 20).

Near-twin accounts (a name and the name with a letter more, a person and their club, a brand and its
country accounts) and handles made from them with the tricks impersonators use (digits for letters, I
for l, separators, affixes, a letter dropped, doubled or swapped, case changes), some with a display
name that is another account's, a fan label or "Official". Each binary checks them against the list
forward and reversed; the figure is how many profiles get a different verdict, account or score.

    python3 scripts/order-dependence.py OUT_DIR BINARY [BINARY ...]   # SEED=1 N=40000 by default

Modelled on the read-only red team review12 (2026-12-06), whose own generator was not kept.
"""
import json
import os
import random
import subprocess
import sys

TWINS = [
    "Fatima", "Fatimata", "Idris", "Idriss", "Amina", "Aminat", "Wizkid", "WizkidFC", "Davido",
    "DavidoOfficial", "Tems", "Temss", "MTN", "MTNNigeria", "MTNGhana", "Osimhen", "Tiwa", "TiwaSavage",
    "BurnaBoy", "BurnaBoyFC", "Kemi", "Kemisola", "Ifeoma", "IfeomaK", "Olamide", "Olamidee", "Simi",
    "Simisola", "Asake", "AsakeMusic",
]
DIGITS = {"o": "0", "i": "1", "l": "1", "e": "3", "a": "4", "s": "5", "t": "7"}
AFFIXES = ["", "", "the", "real", "iam", "x_", "_", "official_"]
SUFFIXES = ["", "", "_", "_fc", "fc", "_ng", "74", "1", "_official", "events", "tv", "_x", "s"]
NAMES = ["", "", "", "Official", "Fan"]


def trick(h, rng):
    """One impersonator's trick on a lowercase handle."""
    i = rng.randrange(len(h))
    kind = rng.randrange(7)
    if kind == 0 and h[i] in DIGITS:
        return h[:i] + DIGITS[h[i]] + h[i + 1:]
    if kind == 1 and h[i] == "l":
        return h[:i] + "I" + h[i + 1:]
    if kind == 2 and len(h) > 4:
        return h[:i] + h[i + 1:]
    if kind == 3:
        return h[:i] + h[i] + h[i:]
    if kind == 4 and i + 1 < len(h):
        return h[:i] + h[i + 1] + h[i] + h[i + 2:]
    if kind == 5 and 0 < i:
        return h[:i] + "_" + h[i:]
    return h


def profiles(n, rng):
    for k in range(n):
        h = rng.choice(TWINS).lower()
        for _ in range(rng.choice([0, 1, 1, 2])):
            h = trick(h, rng)
        h = (rng.choice(AFFIXES) + h + rng.choice(SUFFIXES))[:30]
        if rng.random() < 0.15:
            h = h.upper() if rng.random() < 0.5 else h.capitalize()
        name = rng.choice(NAMES)
        if name == "Fan":
            name = rng.choice(TWINS) + " Fan"
        elif rng.random() < 0.1:
            name = rng.choice(TWINS)
        yield {"id": str(k), "platform": "x", "handle": h, "name": name}


def write_set(d, accounts, rows):
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "protected.json"), "w") as f:
        json.dump({"accounts": accounts}, f)
    with open(os.path.join(d, "profiles.jsonl"), "w") as f:
        f.writelines(json.dumps(r) + "\n" for r in rows)


def results(binary, d):
    out = subprocess.run([binary, "scan", "--protected", os.path.join(d, "protected.json"),
                          os.path.join(d, "profiles.jsonl")], capture_output=True, text=True, check=True).stdout
    return {r["id"]: (r["verdict"], r.get("match"), r.get("score")) for r in map(json.loads, out.splitlines())}


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    out, binaries = sys.argv[1], sys.argv[2:]
    rng = random.Random(int(os.environ.get("SEED", "1")))
    rows = list(profiles(int(os.environ.get("N", "40000")), rng))
    accounts = [{"id": h, "name": h, "handles": [{"platform": "x", "handle": h}]} for h in TWINS]
    write_set(os.path.join(out, "forward"), accounts, rows)
    write_set(os.path.join(out, "reversed"), accounts[::-1], rows)
    for b in binaries:
        fwd, rev = results(b, os.path.join(out, "forward")), results(b, os.path.join(out, "reversed"))
        differ = [k for k in fwd if fwd[k] != rev[k]]
        print(f"{b}: {len(rows)} profiles, {len(differ)} named differently with the list reversed")
        for k in differ[:5]:
            print(f"  @{rows[int(k)]['handle']} {rows[int(k)]['name']!r}: {fwd[k]} / reversed {rev[k]}")


if __name__ == "__main__":
    main()
