#!/usr/bin/env python3
"""Ordinary handles with 1s in them, for a change that reads a handle's 1 as a letter (docs/accuracy.md,
"A profile's 1 read as i as well as l"): the first 1,500 ordinary or shares-one-token X profiles of the
challenge dev set (shuffled with seed 20), each given 1, 11, _1, a leading 1, a trailing number replaced
by 1, and one or every i written as 1, against the dev list. Writes OUT/protected.json and
OUT/profiles.jsonl (default target/redteam-ones), a set for scripts/verdict-diff.py. Usage:

    python3 scripts/redteam-ones.py [OUT]
    python3 scripts/verdict-diff.py OLD_VIPGUARD NEW_VIPGUARD target/redteam-ones
"""
import json
import pathlib
import random
import re
import shutil
import sys

dev = pathlib.Path("target/challenge/dev")
out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "target/redteam-ones")
out.mkdir(parents=True, exist_ok=True)
truth = {t["id"]: t for t in map(json.loads, (dev / "truth.jsonl").open())}
profiles = [json.loads(l) for l in (dev / "profiles.jsonl").open()]
ordinary = [
    p for p in profiles
    if truth[p["id"]]["expect"] == "clear"
    and truth[p["id"]]["technique"] in ("ordinary", "shares_one_token")
    and p.get("platform") == "x"
]
random.seed(20)
random.shuffle(ordinary)
rows = []
for p in ordinary[:1500]:
    h = p["handle"]
    variants = [h + "1", h + "11", h + "_1", "1" + h, re.sub(r"\d+$", "", h) + "1"]
    if "i" in h:
        variants += [h.replace("i", "1", 1), h.replace("i", "1")]
    for v in sorted(set(variants) - {h}):
        rows.append(dict(p, id="r%05d" % (len(rows) + 1), handle=v[:15]))
shutil.copy(dev / "protected.json", out / "protected.json")
with (out / "profiles.jsonl").open("w") as f:
    for r in rows:
        f.write(json.dumps(r) + "\n")
print(f"wrote {len(rows)} profiles to {out}", file=sys.stderr)
