#!/usr/bin/env python3
"""Agreement with a reviewer's expectations on the red-team set: 233 hand-written profiles against 29
protected accounts that are not in the test fixtures, one or more techniques each (expected.jsonl gives
the verdicts a demanding reviewer accepts, and why). Written on 2026-11-24 by a reviewer who had not seen
the engine's rules; the engine was then changed using it, so it is a dev set, not a report set.

Usage: python3 bench/redteam/score.py [--set DIR] [VIPGUARD]   (default: this folder's set and
target/release/vipguard; -v lists misses). bench/redteam2/ is a second set, written the same way later
the same day, weighted toward ordinary people (hard negatives)."""
import collections, json, os, subprocess, sys

args = [a for a in sys.argv[1:] if a != "-v"]
here = os.path.dirname(os.path.abspath(__file__))
root = os.path.join(here, "..", "..")
if "--set" in args:
    i = args.index("--set")
    here = os.path.abspath(args[i + 1])
    del args[i:i + 2]
binary = args[0] if args else os.path.join(root, "target", "release", "vipguard")
out = subprocess.run([binary, "scan", "--protected", os.path.join(here, "protected.json"),
                      os.path.join(here, "profiles.jsonl")], capture_output=True, text=True, check=True)
expected = {e["id"]: e for e in map(json.loads, open(os.path.join(here, "expected.jsonl")))}
total, agreed = collections.Counter(), collections.Counter()
for o in map(json.loads, out.stdout.splitlines()):
    e = expected[o["id"]]
    t = e["technique"]
    total[t] += 1
    good = o["verdict"] in e["expect"] and (o["verdict"] == "clear" or e["match"] is None
                                            or o["match"] == e["match"])
    agreed[t] += good
    if not good and "-v" in sys.argv:
        print(f'{o["id"]:6} got {o["verdict"]} {o["match"]}, expected {e["expect"]} {e["match"]}: {e["why"]}')
for t in sorted(total):
    print(f"{t:40} {agreed[t]:3} / {total[t]}")
print(f"{'all':40} {sum(agreed.values()):3} / {sum(total.values())}")
