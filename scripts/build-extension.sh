#!/usr/bin/env bash
# dist/chrome/ and dist/firefox/: the unpacked extension for each browser (Chrome: "Load unpacked";
# Firefox: about:debugging), and a zip of each in dist/. One shared tree, extension/ minus platform/,
# with platform/<browser>/manifest.json on top (uBlock's make-mv3.sh pattern).
# Needs pkg/ and the CLI (make build runs both first). The demo list is enrolled here, so it carries
# avatar hashes, not image paths, plus small thumbnails for the banner's side-by-side avatars.
set -euo pipefail
cd "$(dirname "$0")/.."
out=dist/chrome
rm -rf "$out" && mkdir -p "$out/pkg" "$out/demo"
cp -r extension/. "$out/" && rm -r "$out/platform"
cp pkg/vipguard.js pkg/vipguard_bg.wasm "$out/pkg/"
target/release/vipguard enroll demo/protected.json -o "$out/demo/protected.json" >/dev/null
python3 - "$out" <<'PY'
import base64, json, os, struct, sys, zlib
out = sys.argv[1]
# Thumbnails of the demo's protected avatars, as data URLs keyed by account id.
lst = json.load(open("demo/protected.json", encoding="utf-8"))
thumbs = {}
for a in lst["accounts"]:
    for av in a.get("avatars", []):
        if isinstance(av, str):
            data = open(os.path.join("demo", av), "rb").read()
            kind = "png" if av.endswith(".png") else "jpeg"
            thumbs[a["id"]] = f"data:image/{kind};base64," + base64.b64encode(data).decode()
            break
json.dump(thumbs, open(os.path.join(out, "demo", "thumbs.json"), "w"))
# A 128x128 icon: a shield-blue square with a white check, drawn pixel by pixel (no image tools needed).
W = 128
rows = []
for y in range(W):
    row = bytearray([0])
    for x in range(W):
        inside = 10 <= x < 118 and 10 <= y < 118 and (y < 80 or abs(x - 64) < (118 - y) * 1.4)
        tick = (abs((y - 70) - (x - 40)) < 7 and 40 <= x <= 58) or (abs((y - 88) + (x - 58)) < 7 and 56 <= x <= 92)
        row += bytes((255, 255, 255, 255) if inside and tick else (29, 78, 216, 255) if inside else (0, 0, 0, 0))
    rows.append(bytes(row))
def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", W, W, 8, 6, 0, 0, 0)) \
    + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b"")
open(os.path.join(out, "icon128.png"), "wb").write(png)
PY
# The frame page that draws the banner and cards: one script and its stylesheet inline (bundle-frame.mjs).
node scripts/bundle-frame.mjs "$out"

# Firefox: the same files, with its own manifest (an event page instead of a service worker, Gecko's settings).
ff=dist/firefox
rm -rf "$ff" && cp -r "$out" "$ff"
cp extension/platform/chrome/manifest.json "$out/manifest.json"
cp extension/platform/firefox/manifest.json "$ff/manifest.json"

python3 - <<'PY'
import os, zipfile
for name in ("chrome", "firefox"):
    src = os.path.join("dist", name)
    with zipfile.ZipFile(f"dist/vipguard-{name}.zip", "w", zipfile.ZIP_DEFLATED) as z:
        for root, _, files in os.walk(src):
            for f in sorted(files):
                p = os.path.join(root, f)
                z.write(p, os.path.relpath(p, src))
PY
echo "build-extension: dist/chrome, dist/firefox, dist/vipguard-chrome.zip, dist/vipguard-firefox.zip" >&2
