#!/usr/bin/env python3
"""Print criterion medians for vipguard's benches and the speed-up over the linear baseline."""
import json, pathlib, sys

root = pathlib.Path("target/criterion")

def median(group, name):
    p = root / group / name / "new" / "estimates.json"
    if not p.exists():
        return None
    return json.loads(p.read_text())["median"]["point_estimate"]  # nanoseconds

def fmt(ns):
    return f"{ns/1e6:.1f} ms" if ns >= 1e6 else f"{ns/1e3:.2f} µs" if ns >= 1e3 else f"{ns:.0f} ns"

rows = [
    ("one text check, 100k accounts (median)", median("text_check_100k", "vipguard_check"), "≤ 20 µs"),
    ("linear strsim scan, same list (median)", median("text_check_100k", "linear_strsim_scan"), ""),
    ("index build, 100k accounts (median)", median("index_build", "checker_new_100k"), "≤ 1 s"),
]
parse = median("list_parse", "json_10k")
if parse is not None:
    print(f"{'parse a 10k-account JSON list (median)':<42} {fmt(parse):>10}")
reading = median("handle_reading", "keys_and_cores")
if reading is not None:
    print(f"{'handle keys + cores, one profile (median)':<42} {fmt(reading):>10}")
if all(v is not None for _, v, _ in rows):
    for label, v, target in rows:
        print(f"{label:<42} {fmt(v):>10}  {target}")
    print(f"{'speed-up over the linear scan':<42} {rows[1][1]/rows[0][1]:>9.0f}×  ≥ 100×")
avatar = [
    ("decode+normalise+hash 400px JPEG (median)", median("avatar_hash_400_jpeg", "decode_normalise_hash_views"), "≤ 2 ms"),
    ("decode+plain PDQ, same bytes (median)", median("avatar_hash_400_jpeg", "decode_plain_pdq"), ""),
    ("avatar search, 100k avatars (median)", median("avatar_search_100k", "multi_index"), "≤ 1 ms"),
    ("flat popcount scan, same refs (median)", median("avatar_search_100k", "flat_popcount_scan"), ""),
]
if all(v is not None for _, v, _ in avatar):
    for label, v, target in avatar:
        print(f"{label:<42} {fmt(v):>10}  {target}")
    print(f"{'avatar search speed-up over the scan':<42} {avatar[3][1]/avatar[2][1]:>9.0f}×")
if all(v is None for _, v, _ in rows + avatar):
    sys.exit("run `make bench` first")
