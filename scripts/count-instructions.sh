#!/usr/bin/env bash
# Instructions per text check (1,000 checks against 100,000 synthetic accounts), per checker build
# (10,000 accounts) and to restore that checker from its snapshot, counted by callgrind: unlike timings
# on this shared machine, the count is the same from run to run. With a git revision, the same work is
# counted for that revision too, side by side.
#
#   bash scripts/count-instructions.sh            # this tree
#   bash scripts/count-instructions.sh 453f6c3    # this tree and 453f6c3
#
# Needs valgrind (apt-get install valgrind). Each count takes about a minute under valgrind.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "count-instructions: valgrind is not installed (apt-get install valgrind)" >&2; exit 1; }

# The engine's package: crates/vipguard since the workspace, the root before it.
engine() { if [ -d "$1/crates/vipguard" ]; then echo "$1/crates/vipguard"; else echo "$1"; fi; }

count() { # dir target-dir label
  local dir=$1 target=$2 label=$3
  (cd "$dir" && CARGO_TARGET_DIR=$target cargo build --release -p vipguard --example instructions -q)
  local bin=$target/release/examples/instructions
  for mode in check build; do
    local fn=measured_checks per=1000 what="instructions per check (100k accounts)"
    if [ $mode = build ]; then fn=measured_build per=1 what="instructions to build a checker (10k accounts)"; fi
    local total
    total=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null --toggle-collect="instructions::$fn" \
      "$bin" $mode 2>&1 | sed -n 's/.*Collected : \([0-9]*\).*/\1/p')
    printf '%-12s %-55s %12s\n' "$label" "$what" "$(( total / per ))"
  done
  # Restoring from a snapshot, in trees that have snapshots.
  if [ -f "$(engine "$dir")/examples/instructions_restore.rs" ]; then
    (cd "$dir" && CARGO_TARGET_DIR=$target cargo build --release -p vipguard --example instructions_restore -q)
    total=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null --toggle-collect="instructions_restore::measured_restore" \
      "$target/release/examples/instructions_restore" 2>&1 | sed -n 's/.*Collected : \([0-9]*\).*/\1/p')
    printf '%-12s %-55s %12s\n' "$label" "instructions to restore it from its snapshot" "$total"
  fi
}

count . "${CARGO_TARGET_DIR:-target}" "$(git rev-parse --short HEAD)$(git diff --quiet || echo +)"
if [ $# -ge 1 ]; then
  base=$(mktemp -d)
  trap 'git worktree remove --force "$base" >/dev/null 2>&1 || true' EXIT
  git worktree add -q --detach "$base" "$1"
  # The same counting program and synthetic data in both trees, where both have the same layout (the
  # programs use the engine's API, which the workspace change renamed in places).
  if [ -d "$base/crates/vipguard" ]; then
    cp crates/vipguard/examples/instructions.rs "$base/crates/vipguard/examples/"
    cp crates/vipguard/benches/synth.rs "$base/crates/vipguard/benches/"
    # Trees from before the list's `kind` field: the same accounts, without it.
    grep -q 'pub kind:' "$base/crates/vipguard/src/formats/protected.rs" \
      || sed -i '/^ *kind: None,$/d' "$base/crates/vipguard/benches/synth.rs"
  fi
  count "$base" "${CARGO_TARGET_DIR:-$PWD/target}/instructions-base" "$1"
fi
