"""Every tint kind drawn on the dev half's protected pictures, with several seeds: a set to tune the
tint edit on (issue 22), since the dev half's own `tint` copies hold one draw each, and one miss.

    target/avatar-venv/bin/python bench/avatars/tint_study.py [--set target/avatar-bench] [--out target/tint-study] [--seeds 3]
    cargo run --release -p vipguard --features internals --example avatar_bench -- dev --hard --misses target/tint-study

Writes <out>/manifest.json (the set's protected list, no distinct picture; its protected pictures are
linked, not copied) and <out>/hard/<kind>_<seed>/<id>.png for the even-indexed (dev) pictures only, so
the report half is never drawn on. The seeds differ from make_hard.py's.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

from PIL import Image

from make_hard import TINTS, tint_kind

SEED = "tint-study"


def main() -> int:
    root = Path(__file__).resolve().parents[2]
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--set", type=Path, default=root / "target/avatar-bench")
    ap.add_argument("--out", type=Path, default=root / "target/tint-study")
    ap.add_argument("--seeds", type=int, default=3)
    args = ap.parse_args()
    manifest = json.loads((args.set / "manifest.json").read_text())
    args.out.mkdir(parents=True, exist_ok=True)
    link = args.out / "protected"
    if not link.exists():
        link.symlink_to((args.set / "protected").resolve())
    (args.out / "manifest.json").write_text(json.dumps(
        {"protected": manifest["protected"], "transforms": [], "distinct": []}, indent=1))
    edits = [f"{k}_{s}" for k in TINTS for s in range(args.seeds)]
    for e in edits:
        (args.out / "hard" / e).mkdir(parents=True, exist_ok=True)
    for i, p in enumerate(manifest["protected"]):
        if i % 2:  # the report half: never drawn on
            continue
        im = Image.open(next((args.set / "protected").glob(f"{p['id']}.*"))).convert("RGB")
        for e in edits:
            kind = e.rsplit("_", 1)[0]
            out, _ = tint_kind(im, kind, random.Random(f"{SEED}:{e}:{p['id']}"))
            out.save(args.out / "hard" / e / f"{p['id']}.png")
    (args.out / "hard" / "manifest.json").write_text(json.dumps({"edits": edits, "distinct": []}, indent=1))
    print(f"tint_study: {len(edits)} edits on {(len(manifest['protected']) + 1) // 2} dev pictures in {args.out}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
