#!/usr/bin/env bash
# Scan throughput of the real CLI: 200,000 synthetic profiles against 10,000 protected accounts, on all
# cores, three runs; prints the median profiles per second. Run from anywhere: `make bench-scan`.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=target/bench-scan
cargo build --release --quiet
[ -f "$dir/profiles.jsonl" ] || cargo run --release --quiet --example synth_files -- "$dir" 10000 200000
n=$(wc -l < "$dir/profiles.jsonl")
rates=()
for run in 1 2 3; do
    start=$(date +%s.%N)
    target/release/vipguard scan --protected "$dir/protected.json" "$dir/profiles.jsonl" -o "$dir/out.jsonl"
    end=$(date +%s.%N)
    rates+=("$(python3 -c "print(round($n / ($end - $start)))")")
done
median=$(printf '%s\n' "${rates[@]}" | sort -n | sed -n 2p)
echo "scan: $n profiles against 10000 accounts on $(nproc) cores: runs ${rates[*]} profiles/s; median $median profiles/s (target >= 100000, issue 25)"
