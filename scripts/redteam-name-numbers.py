#!/usr/bin/env python3
"""Ordinary handles with a number after a name, for the reading of a handle's 1 as i (docs/accuracy.md,
"A profile's 1 read as i as well as l"): the 2,023 handles of bench/name-numbers/handles.txt (100
common first names given 1, 01, 10, 11, 111, 12, 21, 1990, _1, _11, a leading 1, i1, l1, 1i,
1x and a few written with 1 for i between letters), each an X profile named "Qwerty Zxcv", against the
42 protected accounts (and three more near dami, yemi, kemi) of bench/name-numbers/protected.json.
Writes OUT/protected.json and OUT/profiles.jsonl (default target/redteam-name-numbers), a set for
scripts/verdict-diff.py. Usage:

    python3 scripts/redteam-name-numbers.py [OUT]
    python3 scripts/verdict-diff.py OLD_VIPGUARD NEW_VIPGUARD target/redteam-name-numbers
"""
import json
import pathlib
import shutil
import sys

src = pathlib.Path("bench/name-numbers")
out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "target/redteam-name-numbers")
out.mkdir(parents=True, exist_ok=True)
shutil.copy(src / "protected.json", out / "protected.json")
handles = [h.strip() for h in (src / "handles.txt").open() if h.strip()]
with (out / "profiles.jsonl").open("w") as f:
    for i, handle in enumerate(handles):
        row = {"id": f"s{i:05d}", "platform": "x", "handle": handle, "name": "Qwerty Zxcv"}
        f.write(json.dumps(row) + "\n")
print(f"wrote {len(handles)} profiles to {out}")
