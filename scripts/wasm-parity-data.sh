#!/usr/bin/env bash
# What the WASM tests compare against, all produced by the native CLI and library in target/parity/:
#   protected list      crates/vipguard/tests/fixtures/protected.json, named so the CLI's messages read like the WASM's
#   profiles            every evasion fixture profile, the demo profiles and some bad lines (JSONL)
#   native.jsonl        `vipguard scan` of those profiles
#   demo-list.json      the demo list with its avatars enrolled, and demo-native.jsonl its scan
#   hashes.jsonl        native hashes of every image in shared/data/pdq and a few corrupt files
#   bad-lists/*         lists with one error each, and the CLI's message for each (*.err)
#   *.snap              native checker snapshots of both lists, and bad ones with their messages
set -euo pipefail
cd "$(dirname "$0")/.."
pdq=${VIPGUARD_PDQ_DATA:-../shared/data/pdq}
out=target/parity
bin=$PWD/target/release/vipguard
cargo build --release --quiet --bin vipguard --example parity_hashes --example parity_snapshot
rm -rf "$out" && mkdir -p "$out/images/corrupt" "$out/bad-lists"

cp crates/vipguard/tests/fixtures/protected.json "$out/protected list"
python3 - "$out/profiles" <<'PY'
import glob, json, sys
lines = []
for f in sorted(glob.glob("crates/vipguard/tests/fixtures/evasions/*.jsonl")):
    for l in open(f, encoding="utf-8"):
        if l.strip():
            lines.append(json.dumps(json.loads(l)["profile"], ensure_ascii=False))
lines += [
    '{"id": "bad-platform", "platform": "my site", "handle": "a", "name": "b"}',
    '{"id": "bad-field", "platform": "x", "handle": "a", "name": "b", "followers": 3}',
    '{"id": "missing-name", "platform": "x", "handle": "a"}',
    '[1, 2]', '{"id": "", "platform": "x", "handle": "a", "name": "b"}',
    '{"id": "',  # not JSON at all: last, so the lines before it keep their numbers in checkMany
]
open(sys.argv[1], "w", encoding="utf-8").write("\n".join(lines) + "\n")
PY
(cd "$out" && "$bin" scan --protected "protected list" profiles > native.jsonl || [ $? -eq 1 ])

"$bin" enroll demo/protected.json -o "$out/demo-list.json"
# Demo profiles with avatar paths made relative to target/parity/images/demo.
mkdir -p "$out/images/demo"
cp demo/avatars/* "$out/images/demo/" 2>/dev/null || true
python3 - "$out" <<'PY'
import json, os, sys
out = sys.argv[1]
src = [json.loads(l) for l in open("demo/profiles.jsonl", encoding="utf-8") if l.strip()]
with open(os.path.join(out, "demo-profiles.jsonl"), "w", encoding="utf-8") as f:
    for p in src:
        if p.get("avatar"):
            p["avatar"] = "images/demo/" + os.path.basename(p["avatar"])
        f.write(json.dumps(p, ensure_ascii=False) + "\n")
PY
(cd "$out" && "$bin" scan --protected demo-list.json demo-profiles.jsonl > demo-native.jsonl)
target/release/examples/parity_snapshot "$out/protected list" "$out/protected.snap"
target/release/examples/parity_snapshot "$out/demo-list.json" "$out/demo.snap"

# Corrupt images: empty, random bytes, a truncated JPEG, a PNG with a broken body.
: > "$out/images/corrupt/empty.bin"
head -c 3000 /dev/urandom > "$out/images/corrupt/random.bin"
jpg=$(find "$pdq" -name '*.jpg' | sort | head -1)
head -c 2000 "$jpg" > "$out/images/corrupt/truncated.jpg"
png=$(find "$pdq" -name '*.png' | sort | head -1)
python3 - "$png" "$out/images/corrupt/broken.png" <<'PY'
import sys
b = bytearray(open(sys.argv[1], "rb").read())
for i in range(200, min(len(b), 4000)):
    b[i] ^= 0x5A
open(sys.argv[2], "wb").write(bytes(b))
PY
{
    target/release/examples/parity_hashes "$pdq" | sed 's/"path":"/"path":"pdq\//'
    target/release/examples/parity_hashes "$out/images" | sed 's/"path":"/"path":"parity\/images\//'
} > "$out/hashes.jsonl"

# Lists with one error each; the CLI's message (minus "error: ") is what the WASM Error must say.
cd "$out/bad-lists"
printf '{"accounts": [\n  {"id": "a", "name": "Ada"},\n  {"id": "a", "name": "Bea"}\n]}\n' > "protected list.dup"
printf '{"accounts": [\n  {"id": "a", "name": "Ada", "handels": []}\n]}\n' > "protected list.field"
printf '{"accounts": [\n  {"id": "a", "name": "Ada", "handles": [{"platform": "x", "handle": "a b"}]}\n]}\n' > "protected list.handle"
printf 'not json\n' > "protected list.text"
printf '{"accounts": [{"id": "a", "name": "Ada", "avatars": [{"pdq": "123"}]}]}\n' > "protected list.pdq"
for f in "protected list".*; do
    cp "$f" "protected list"
    if "$bin" scan --protected "protected list" /dev/null > /dev/null 2> "$f.err"; then
        echo "wasm-parity-data: expected $f to be rejected" >&2; exit 1
    fi
    sed -i 's/^vipguard: //' "$f.err"
done
rm -f "protected list"
echo "wasm-parity-data: wrote $out ($(wc -l < ../native.jsonl) profiles, $(wc -l < ../hashes.jsonl) images)" >&2
