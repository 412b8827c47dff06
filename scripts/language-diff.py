#!/usr/bin/env python3
"""Evidence in another language against the English, over whole sets: the same verdicts, scores,
matches and evidence but for the sentences (`detail`, `edit`), every sentence worded differently, and
(for Pidgin) every sentence with a Pidgin word outside what it quotes. Usage:

    python3 scripts/language-diff.py VIPGUARD LANG [SET ...]

A SET is a folder with protected.json and profiles.jsonl; without SETs, the demo, both red-team sets and
the challenge sets (make challenge). Exits 1 on any difference. crates/vipguard/tests/languages.rs
checks the same over the evasion fixtures on every test run; this is for the larger sets.
"""
import json
import pathlib
import re
import subprocess
import sys

SENTENCES = ("detail", "edit")
# Words that make a sentence Pidgin (as languages.rs has them).
PIDGIN = {"na", "dey", "don", "di", "dis", "dat", "dem", "wey", "im", "oda", "anoda", "notin", "wetin"}


def scan(binary, folder, lang):
    out = subprocess.run(
        [binary, "scan", "--protected", str(folder / "protected.json"), str(folder / "profiles.jsonl"),
         "--lang", lang],
        capture_output=True, text=True, check=True,
    ).stdout
    return [json.loads(line) for line in out.splitlines()]


def unquoted(text):
    return re.sub(r"“[^”]*”", "", text)


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    binary, lang = sys.argv[1], sys.argv[2]
    sets = [pathlib.Path(s) for s in sys.argv[3:]] or [
        pathlib.Path(p) for p in ("demo", "bench/redteam", "bench/redteam2", "target/challenge/dev",
                                  "target/challenge/report")]
    wrong = 0
    print(f"{'set':28} {'profiles':>9} {'sentences':>10} {'differ':>7} {'untranslated':>13} "
          f"{'not Pidgin':>11}")
    for folder in sets:
        en = scan(binary, folder, "en")
        other = scan(binary, folder, lang)
        sentences = differ = same = not_pidgin = 0
        for a, b in zip(en, other, strict=True):
            strip = lambda r: {**r, "evidence": [{k: v for k, v in e.items() if k not in SENTENCES}
                                                 for e in r.get("evidence", [])]}
            if strip(a) != strip(b):
                differ += 1
                print(f"  {folder}: {a.get('id')}: differs beyond its sentences", file=sys.stderr)
            for x, y in zip(a.get("evidence", []), b.get("evidence", [])):
                for k in SENTENCES:
                    if k not in y:
                        continue
                    sentences += 1
                    if x.get(k) == y[k]:
                        same += 1
                        print(f"  {folder}: {a.get('id')}: untranslated {y[k]!r}", file=sys.stderr)
                    words = re.findall(r"\w+", unquoted(y[k]).lower())
                    if lang.startswith("pcm") and not PIDGIN & set(words):
                        not_pidgin += 1
                        print(f"  {folder}: {a.get('id')}: no Pidgin word in {y[k]!r}", file=sys.stderr)
        wrong += differ + same + not_pidgin
        print(f"{str(folder):28} {len(en):>9,} {sentences:>10,} {differ:>7} {same:>13} {not_pidgin:>11}")
    sys.exit(1 if wrong else 0)


if __name__ == "__main__":
    main()
