#!/usr/bin/env python3
"""Check a set built by make_set.py: every file is there and readable, the sizes and
counts hold, the distinct set is at least half photos/artwork, and no two kept images
(protected + distinct) are near-duplicates by make_set's rule. Also reports how many
pairs fall within 10 bits on the 8x8 average hash alone (not a failure: see
make_set.Deduper).

    target/avatar-venv/bin/python bench/avatars/check_set.py [target/avatar-bench]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_set as M  # noqa: E402


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else
               Path(__file__).resolve().parents[2] / "target/avatar-bench")
    man = json.loads((out / "manifest.json").read_text())
    errors: list[str] = []

    def err(msg: str) -> None:
        errors.append(msg)
        print(f"check_set: FAIL {msg}", file=sys.stderr)

    prot, dist, transforms = man["protected"], man["distinct"], man["transforms"]
    if transforms != M.TRANSFORMS:
        err(f"transforms {transforms} != {M.TRANSFORMS}")
    if len(prot) < M.MIN_PROTECTED:
        err(f"{len(prot)} protected < {M.MIN_PROTECTED}")
    if len(dist) < M.MIN_DISTINCT:
        err(f"{len(dist)} distinct < {M.MIN_DISTINCT}")
    if len({p["source"] for p in prot}) != len(prot):
        err("two protected avatars share a source")

    images: list[Image.Image] = []
    for p in prot:
        f = out / "protected" / f"{p['id']}.png"
        im = Image.open(f)
        if im.mode != "RGB" or max(im.size) > M.MAX_SIDE:
            err(f"{f}: {im.mode} {im.size}")
        images.append(im.convert("RGB"))
        for t in transforms:
            tf = out / "transformed" / t / f"{p['id']}.{M.TRANSFORM_EXT[t]}"
            try:
                with Image.open(tf) as ti:
                    ti.load()
            except Exception as ex:
                err(f"{tf}: {ex}")
        w, h = im.size
        with Image.open(out / "transformed/resize_48" / f"{p['id']}.png") as r48:
            if max(r48.size) != 48:
                err(f"resize_48 of {p['id']} is {r48.size}")
        with Image.open(out / "transformed/upscale_2x" / f"{p['id']}.png") as up:
            if up.size != (2 * w, 2 * h):
                err(f"upscale_2x of {p['id']} is {up.size}, protected {im.size}")
    kinds = {"photo": 0, "artwork": 0, "clipart": 0}
    tiles_per_source: dict[str, int] = {}
    for d in dist:
        f = out / d["file"]
        im = Image.open(f)
        if im.format != "JPEG" or max(im.size) > M.MAX_SIDE or min(im.size) < 1:
            err(f"{f}: {im.format} {im.size}")
        images.append(im.convert("RGB"))
        kinds[d["kind"]] += 1
        if "#tile=" in d["source"]:
            src = d["source"].split("#tile=")[0]
            tiles_per_source[src] = tiles_per_source.get(src, 0) + 1
    if kinds["clipart"] * 2 > len(dist):
        err(f"clipart {kinds['clipart']} is more than half of {len(dist)}")
    if tiles_per_source and max(tiles_per_source.values()) > M.TILE_MAX_PER_PHOTO:
        err(f"a photo gave {max(tiles_per_source.values())} tiles")
    if {d["source"] for d in dist} & {p["source"] for p in prot}:
        err("a source is both protected and distinct")
    tiled = set(tiles_per_source)
    if tiled & {p["source"] for p in prot}:
        err("a protected photo was also tiled")

    a = np.array([M.ahash(im) for im in images], dtype=np.uint64)
    d = np.array([M.dhash(im) for im in images], dtype=np.uint64)
    dup = close_a = 0
    for i in range(len(images) - 1):
        da = M._hamming(a[i + 1:], int(a[i]))
        dd = M._hamming(d[i + 1:], int(d[i]))
        dup += int(((da <= M.AHASH_DUP) & (dd <= M.DHASH_DUP)).sum())
        close_a += int((da <= 10).sum())
    pairs = len(images) * (len(images) - 1) // 2
    if dup:
        err(f"{dup} near-duplicate pairs")
    print(f"check_set: protected {len(prot)} x {len(transforms)} transforms, distinct "
          f"{len(dist)} {kinds}, {len(tiled)} photos tiled (max "
          f"{max(tiles_per_source.values(), default=0)} tiles each); of {pairs} pairs, "
          f"{dup} near-duplicates, {close_a} within 10 bits on the average hash alone")
    print("check_set: " + ("FAILED" if errors else "ok"))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
