#!/usr/bin/env python3
"""The extension's package size (`make package-size`; issue 25): the .wasm raw and gzipped with what each
dependency costs (scripts/wasm-size.py), then each browser's zip (dist/vipguard-chrome.zip,
dist/vipguard-firefox.zip) against its limit of 1.5 MB, with the files that weigh most in it.
tests/e2e/package-size.test.mjs fails when either zip reaches the limit.

Usage: package-size.py [UNOPTIMISED.wasm] (default: cargo's output of `make pkg`)"""
import os, subprocess, sys, zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# Kept in step with tests/e2e/package-size.test.mjs.
ZIP_LIMIT = 1_500_000


def main():
    raw = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target/wasm32-unknown-unknown/wasm/vipguard_wasm.wasm")
    subprocess.run([sys.executable, os.path.join(ROOT, "scripts/wasm-size.py"), raw, os.path.join(ROOT, "pkg/vipguard_bg.wasm")], check=True)
    for browser in ("chrome", "firefox"):
        path = os.path.join(ROOT, "dist", f"vipguard-{browser}.zip")
        size = os.path.getsize(path)
        with zipfile.ZipFile(path) as z:
            items = z.infolist()
        print(f"\ndist/vipguard-{browser}.zip: {size:,} bytes ({size / ZIP_LIMIT:.0%} of the {ZIP_LIMIT:,}-byte limit), "
              f"{len(items)} files, {sum(i.file_size for i in items):,} bytes unpacked")
        print(f"{'file':44} {'unpacked':>10} {'in the zip':>11}")
        items.sort(key=lambda i: -i.compress_size)
        for i in items[:6]:
            print(f"{i.filename:44} {i.file_size:>10,} {i.compress_size:>11,}")
        rest = items[6:]
        print(f"{f'({len(rest)} other files)':44} {sum(i.file_size for i in rest):>10,} {sum(i.compress_size for i in rest):>11,}")
        print(f"ZIP {browser}={size}")


if __name__ == "__main__":
    main()
