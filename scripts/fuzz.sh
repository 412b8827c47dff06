#!/usr/bin/env bash
# Runs each fuzz target (fuzz/README.md) for SECONDS seconds, one after the other on one core, and
# fails if any found a crash, a hang or a memory bomb. `make test` runs it for a few seconds a target,
# `make fuzz` for longer (FUZZ_SECONDS).
#
# usage: scripts/fuzz.sh SECONDS TARGET...
#
# Each target starts from the kept corpus (fuzz/corpus/<target>/, read only) and a working corpus in
# target/fuzz/corpus/<target>/ that keeps what earlier runs on this machine found. Crashing inputs are
# written to target/fuzz/artifacts/<target>/; keep one by copying it into fuzz/regressions/<target>/
# once fixed (fuzz/README.md says how).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=$1
shift

# The stable toolchain (the only one CI has), and no sanitizer: the engine has no unsafe code for
# AddressSanitizer to watch, and sanitizers need nightly. cargo fuzz still instruments for coverage
# and turns on debug assertions and overflow checks.
fuzz=(cargo +stable fuzz)
opts=(-s none --features libfuzzer)

"${fuzz[@]}" build "${opts[@]}"

failed=()
summary=()
for target in "$@"; do
    work=target/fuzz/corpus/$target
    artifacts=target/fuzz/artifacts/$target
    log=target/fuzz/logs/$target.log
    mkdir -p "$work" "$artifacts" "$(dirname "$log")"
    echo "fuzz: $target for ${seconds}s"
    # -rss_limit_mb backs up the crate's own heap budget (fuzz/src/budget.rs, 512 MB a input) for
    # memory outside the heap; -timeout only catches hangs, far beyond any real input's time.
    if ! "${fuzz[@]}" run "${opts[@]}" "$target" "$work" "fuzz/corpus/$target" -- \
        -max_total_time="$seconds" -rss_limit_mb=1024 -timeout=60 \
        -artifact_prefix="$artifacts/" -print_final_stats=1 >"$log" 2>&1; then
        failed+=("$target")
        tail -n 60 "$log"
    fi
    # The figures libFuzzer prints at the end: runs, speed, coverage, peak memory.
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
    rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log")
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 | cut -d' ' -f2)
    corpus=$(find "$work" "fuzz/corpus/$target" -type f | wc -l)
    summary+=("$(printf '%-15s %10s %8s %6s %8s %7s' "$target" "${execs:-?}" "${speed:-?}" \
        "${cov:-?}" "${rss:-?}" "$corpus")")
done

printf '\n%-15s %10s %8s %6s %8s %7s\n' target execs execs/s cov peak_MB corpus
printf '%s\n' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz: crashes in: ${failed[*]} (inputs in target/fuzz/artifacts/; logs in target/fuzz/logs/)" >&2
    exit 1
fi
