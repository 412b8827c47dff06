#!/usr/bin/env bash
# Whether two vipguard binaries answer the same, byte for byte: scan on the dev and report challenge
# sets, both red-team sets and the demo (JSON lines in English and French, tables), and check, enroll
# and hash on the demo. For a change that must not change behaviour (a refactoring):
#   bash scripts/compare-outputs.sh OLD_VIPGUARD [NEW_VIPGUARD]     # NEW defaults to target/release
# Needs the challenge sets (make challenge, or bash scripts/challenge-data.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
old=$1 new=${2:-target/release/vipguard}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
run() { # label bin
  local d=$out/$1 b=$2
  mkdir -p "$d"
  for s in dev report; do
    for lang in en fr; do
      "$b" scan --lang $lang --protected target/challenge/$s/protected.json target/challenge/$s/profiles.jsonl > "$d/chal-$s-$lang.jsonl" || true
    done
  done
  for s in redteam redteam2 demo; do
    dir=bench/$s; [ $s = demo ] && dir=demo
    for lang in en fr; do
      "$b" scan --lang $lang --protected $dir/protected.json $dir/profiles.jsonl > "$d/$s-$lang.jsonl" || true
    done
    "$b" scan --protected $dir/protected.json $dir/profiles.jsonl --format table > "$d/$s.table" || true
  done
  "$b" check --protected demo/protected.json --platform x --handle AIikoDangote --name "Аliko Dangote" > "$d/check.txt" || true
  "$b" enroll demo/protected.json -o "$d/enrolled.json" 2>/dev/null || true
  "$b" hash demo/avatars/* > "$d/hash.txt" 2>&1 || true
  # Large lists (20,000 accounts), valid and with mistakes early, late and last: the errors must name
  # the same lines and fields in both languages.
  for f in "$out"/large/*.json; do
    for lang in en fr; do
      "$b" check --lang $lang --protected "$f" --platform x --handle acc19999 --name 'Name 19999' \
        > "$d/large-$(basename "$f" .json)-$lang.txt" 2>&1 || echo "exit $?" >> "$d/large-$(basename "$f" .json)-$lang.txt"
    done
  done
}
mkdir -p "$out/large"
python3 - "$out/large" <<'PY'
import sys
d = sys.argv[1]
def account(i):
    return (r'  {"id": "a%d", "name": "Name \u00e9 %d", "aliases": ["N, [%d] \" }"], '
            '"handles": [{"platform": "x", "handle": "acc%d"}]}' % (i, i, i, i))
rows = [account(i) for i in range(20000)]
def write(name, rows, tail="\n]}\n"):
    with open(f"{d}/{name}.json", "w") as f:
        f.write('{"accounts": [\n' + ",\n".join(rows) + tail)
write("valid", rows)
write("unknown-last", rows[:-1] + ['  {"id": "z", "name": "Z", "handles": [{"platform": "x", "hnadle": "z"}]}'])
write("unknown-early", rows[:3] + ['  {"id": "z", "nmae": "Z"}'] + rows[3:])
write("two-bad", rows[:5000] + ['  {"id": "y", "name": 5}'] + rows[5000:] + ['  {"id": "z", "name": "Z", "kind": "robot"}'])
write("duplicate-late", rows + ['  {"id": "a17", "name": "Again"}'])
write("bad-handle-last", rows + ['  {"id": "z", "name": "Z", "handles": [{"platform": "x", "handle": ""}]}'])
write("string-unended", rows + ['  {"id": "z", "name": "Z'])
write("trailing-comma", rows, ",\n]}\n")
write("garbage-after", rows, "\n]} x\n")
PY
run old "$old"
run new "$new"
same=0 differ=0
for f in "$out"/old/*; do
  n=$(basename "$f")
  if cmp -s "$f" "$out/new/$n"; then same=$((same + 1)); else differ=$((differ + 1)); echo "differs: $n"; fi
done
echo "$same outputs the same, $differ differ ($(cat "$out"/old/* | wc -l) lines)"
[ "$differ" = 0 ]
