#!/usr/bin/env bash
# Makes the signed list feed fixtures of tests/fixtures/feed/ (see its README.md) from the lists and
# TEST-ONLY keys there (the keys are made once with `vipguard keygen` when missing). Signatures are
# deterministic and the dates fixed, so the files come out the same each time;
# crates/vipguard-cli/tests/feed.rs makes them again into a temporary folder and compares.
#
# Usage: scripts/feed-fixtures.sh [OUT_DIR]   (default: tests/fixtures/feed)
# VIPGUARD=path/to/vipguard to use a given binary (default: target/release/vipguard, built if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
src=tests/fixtures/feed
out=${1:-$src}
vipguard=${VIPGUARD:-target/release/vipguard}
[ -x "$vipguard" ] || cargo build --release -p vipguard-cli
mkdir -p "$out"
for key in TEST-ONLY TEST-ONLY-other; do
  [ -e "$src/$key.key" ] || "$vipguard" keygen --out "$src/$key" >/dev/null
done
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
# sign KEY LIST VERSION DATE OUT [DECISIONS]
sign() {
  "$vipguard" sign --key "$src/$1.key" --list "$src/$2" --name "Fixture team list" \
    --version "$3" --date "$4" ${6:+--decisions "$src/$6"} -o "$5" 2>/dev/null
}
sign TEST-ONLY list-v1.json 1 2026-12-01T09:00:00Z "$out/signed-v1.json"
sign TEST-ONLY list-v2.csv 2 2026-12-05T10:00:00Z "$out/signed-v2.json" decisions.json
sign TEST-ONLY-other list-v2.csv 3 2026-12-05T11:00:00Z "$out/other-key-v3.json" decisions.json
# A version 3 changed after signing: one account's name, inside the payload; the signature kept.
sign TEST-ONLY list-v2.csv 3 2026-12-05T11:00:00Z "$tmp" decisions.json
sed 's/Fixture Bank/Fixture Banc/' "$tmp" > "$out/tampered-v3.json"
cmp -s "$tmp" "$out/tampered-v3.json" && { echo "feed-fixtures: the tampering changed nothing" >&2; exit 1; }
exit 0
