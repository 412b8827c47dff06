#!/usr/bin/env python3
"""Which profiles two vipguard binaries rate differently (verdict or matched account), for a change
meant to move some verdicts and not others; and how many scores and evidence fields (by signal and
field: `handle.detail`) differ, for a change meant to move only the wording. Usage:

    python3 scripts/verdict-diff.py OLD_VIPGUARD NEW_VIPGUARD [SET ...]

A SET is a folder with protected.json and profiles.jsonl (and optionally truth.jsonl or
expected.jsonl, whose labels are printed beside each change). Without SETs: the challenge dev and
report sets (make challenge) and both red-team sets. For byte-for-byte equality use
scripts/compare-outputs.sh instead.
"""
import collections
import json
import pathlib
import subprocess
import sys


def scan(binary, folder):
    out = subprocess.run(
        [binary, "scan", "--protected", str(folder / "protected.json"), str(folder / "profiles.jsonl")],
        capture_output=True, text=True, check=True,
    ).stdout
    return {r["id"]: r for r in map(json.loads, out.splitlines())}


def evidence_changes(a, b):
    """How many profiles' evidence differs, and in which fields, counted once per piece of evidence."""
    count = collections.Counter()
    for i in a:
        ea, eb = a[i]["evidence"], b[i]["evidence"]
        if ea == eb:
            continue
        count["profiles"] += 1
        if [e["signal"] for e in ea] != [e["signal"] for e in eb]:
            count["signals"] += 1
        for x, y in zip(ea, eb):
            for k in sorted(set(x) | set(y)):
                if x.get(k) != y.get(k):
                    count[f"{x['signal']}.{k}"] += 1
    return count


def labels(folder):
    for name in ("truth.jsonl", "expected.jsonl"):
        f = folder / name
        if f.exists():
            return {r["id"]: r for r in map(json.loads, f.read_text().splitlines())}
    return {}


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    old, new, *sets = sys.argv[1:]
    root = pathlib.Path(__file__).resolve().parent.parent
    sets = [pathlib.Path(s) for s in sets] or [
        root / "target/challenge/dev", root / "target/challenge/report",
        root / "bench/redteam", root / "bench/redteam2",
    ]
    for folder in sets:
        profiles = {r["id"]: r for r in map(json.loads, (folder / "profiles.jsonl").read_text().splitlines())}
        a, b, truth = scan(old, folder), scan(new, folder), labels(folder)
        moved = [i for i in a if (a[i]["verdict"], a[i].get("match")) != (b[i]["verdict"], b[i].get("match"))]
        print(f"{folder}: {len(a)} profiles, {len(moved)} rated differently")
        scores = sum(a[i].get("score") != b[i].get("score") for i in a)
        fields = evidence_changes(a, b)
        print(f"  {scores} scores differ; evidence differs in {fields.pop('profiles', 0)} profiles: {dict(fields)}")
        for i in moved:
            p, t = profiles[i], truth.get(i, {})
            label = {k: t[k] for k in ("label", "technique", "expect", "match") if k in t}
            print(f"  {i} @{p.get('handle')} {p.get('name')!r} {a[i]['verdict']} {a[i].get('match')}"
                  f" -> {b[i]['verdict']} {b[i].get('match')} {label or ''}")


if __name__ == "__main__":
    main()
