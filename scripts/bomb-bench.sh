#!/usr/bin/env bash
# What reading each hostile picture of crates/vipguard/tests/common/bombs.rs costs the engine: peak
# memory (maximum resident set size) and time of decoding and hashing it as a profile's avatar
# (examples/decode_one.rs), in this tree and, beside it, in a tree before the decoder's limits
# (default 1d500f1^, the commit before "Bad pictures ... refused"; built in a worktree under target/, as
# scripts/count-instructions.sh does). Figures in docs/security.md.
#
#   bash scripts/bomb-bench.sh            # this tree and 1d500f1^
#   bash scripts/bomb-bench.sh REV        # this tree and REV
#   bash scripts/bomb-bench.sh --only     # this tree only
#
# The old tree decodes the 8192-px pictures whole: it needs about 1.5 GB of free memory and a minute.
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:-1d500f1^}
target=${CARGO_TARGET_DIR:-$PWD/target}
bombs=$target/bombs
command -v /usr/bin/time >/dev/null || { echo "bomb-bench: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }

cargo build --release -p vipguard --example avatar_bombs --example decode_one -q
"$target/release/examples/avatar_bombs" "$bombs" >/dev/null
now=$target/release/examples/decode_one

old=
if [ "$base" != --only ]; then
  dir=$target/bomb-bench-base
  rm -rf "$dir"
  git worktree prune
  trap 'git worktree remove --force "$dir" >/dev/null 2>&1 || true' EXIT
  git worktree add -q --detach "$dir" "$base"
  cp crates/vipguard/examples/decode_one.rs "$dir/crates/vipguard/examples/"
  (cd "$dir" && CARGO_TARGET_DIR=$target/bomb-bench-target cargo build --release -p vipguard --example decode_one -q)
  old=$target/bomb-bench-target/release/examples/decode_one
fi

# One run: "peak-MB seconds outcome".
run() {
  local out
  out=$(/usr/bin/time -f 'TIME %M %e %x' "$1" "$2" 2>&1 || true)
  local t outcome
  t=$(grep '^TIME' <<<"$out" | tail -1)
  outcome=$(grep -v '^TIME' <<<"$out" | grep -v '^Command' | head -1)
  read -r _ kb secs code <<<"$t"
  if [ "$code" != 0 ]; then
    outcome="exit $code$(grep -q panicked <<<"$out" && echo ' (panic)')"
  fi
  outcome=${outcome%%:*}
  printf '%8.0f MB %6.2f s  %-8s' "$(bc <<<"$kb/1024")" "$secs" "$outcome"
}

printf '%-32s %10s  %-27s' picture bytes "this tree ($(git rev-parse --short HEAD)$(git diff --quiet || echo +))"
[ -n "$old" ] && printf '  %s' "before ($(git rev-parse --short "$base"))"
echo
for f in "$bombs"/*; do
  printf '%-32s %10s  ' "$(basename "$f")" "$(stat -c %s "$f")"
  run "$now" "$f"
  if [ -n "$old" ]; then
    printf '    '
    run "$old" "$f"
  fi
  echo
done
