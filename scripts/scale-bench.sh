#!/usr/bin/env bash
# Issue 25's figures, this tree beside a baseline revision in one run (`make scale-bench`):
# - 100,000 and 1,000,000 synthetic accounts (crates/vipguard/benches/synth.rs through the
#   `synth_files` example, deterministic): load and index time and the median of 1,000 checks
#   (`examples/scale.rs`, in process), the process's peak memory, and `vipguard check` (load, index,
#   one check) timed with its peak RSS by /usr/bin/time;
# - `vipguard scan` of 200,000 profiles against 10,000 accounts, as profiles per second, on every core
#   and on one (RAYON_NUM_THREADS=1), with its peak RSS and CPU time (user + system) per profile, which
#   a busy machine changes far less than the rate;
# - Python's json.load of the same list files beside them.
# Trees alternate within each round (timings on this shared machine are noisy; peak memory is not);
# the table gives each figure's median over the rounds and the ratio new / baseline.
#
#   bash scripts/scale-bench.sh                 # this tree beside e7f1a78, 3 rounds
#   ROUNDS=5 bash scripts/scale-bench.sh 1a2b3c4
#   PARTS=scan bash scripts/scale-bench.sh main  # the scan lines only (PARTS=scale: the others only)
set -euo pipefail
cd "$(dirname "$0")/.."
base_rev=${1:-e7f1a78}
rounds=${ROUNDS:-3}
parts=${PARTS:-scale,scan}
has() { [[ ",$parts," == *",$1,"* ]]; }
out=target/scale-bench
data=$out/data
target_dir=${CARGO_TARGET_DIR:-target}
mkdir -p "$data"
command -v /usr/bin/time >/dev/null || { echo "scale-bench: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }

echo "building this tree and $base_rev ..." >&2
cargo build --release -q -p vipguard-cli
cargo build --release -q -p vipguard --features parallel --example scale --example synth_files
new_bin=$target_dir/release
specs=()
has scale && specs+=(100k:100000:10 1m:1000000:10)
has scan && specs+=(scan:10000:200000)
for spec in "${specs[@]}"; do
    IFS=: read -r name accounts profiles <<<"$spec"
    [ -f "$data/$name/protected.json" ] ||
        "$new_bin/examples/synth_files" "$data/$name" "$accounts" "$profiles"
done

# The baseline: its own worktree and target directory, with this tree's measuring program and data
# generator (the same engine API in both).
base_src=$(mktemp -d "${TMPDIR:-/tmp}/scale-base.XXXXXX")
trap 'git worktree remove --force "$base_src" >/dev/null 2>&1 || true' EXIT
git worktree add -q --detach "$base_src" "$base_rev"
cp crates/vipguard/examples/scale.rs "$base_src/crates/vipguard/examples/"
cp crates/vipguard/benches/synth.rs "$base_src/crates/vipguard/benches/"
base_target=$PWD/$out/base-target
(cd "$base_src" && CARGO_TARGET_DIR=$base_target cargo build --release -q -p vipguard-cli &&
    if has scale; then
        # With the CLI's feature, as this tree's is built above (without it, the baseline's build ran
        # on one thread beside this tree's on every core).
        features=$(grep -q '^parallel *=' crates/vipguard/Cargo.toml && echo --features=parallel || true)
        CARGO_TARGET_DIR=$base_target cargo build --release -q -p vipguard $features --example scale
    fi)
base_bin=$base_target/release

results=$out/results.tsv
: >"$results"
# record TREE METRIC VALUE
record() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$results"; }
# The `key=value` line of the scale example, each pair recorded under `SIZE key`.
scale() { # tree bin size
    local line
    line=$("$2/examples/scale" "$data/$3/protected.json" 1000)
    for kv in $line; do record "$1" "$3 ${kv%%=*}" "${kv#*=}"; done
}
cli_check() { # tree bin size
    local t
    t=$( { /usr/bin/time -f '%e %M' "$2/vipguard" check --protected "$data/$3/protected.json" \
        --platform x --handle AlikoDangotte --name 'Aliko Dangote' >/dev/null; } 2>&1 | tail -1)
    record "$1" "$3 cli_check_s" "${t% *}"
    record "$1" "$3 cli_peak_mb" "$(python3 -c "print(round(${t#* } / 1024, 1))")"
}
scan() { # tree bin [threads]: every core, or RAYON_NUM_THREADS=threads
    local n t key=scan
    [ -n "${3:-}" ] && key=scan$3
    n=$(wc -l <"$data/scan/profiles.jsonl")
    t=$( { env ${3:+RAYON_NUM_THREADS=$3} /usr/bin/time -f '%e %M %U %S' "$2/vipguard" scan \
        --protected "$data/scan/protected.json" "$data/scan/profiles.jsonl" -o /dev/null; } 2>&1 | tail -1)
    read -r wall kb user sys <<<"$t"
    record "$1" "$key profiles_per_s" "$(python3 -c "print(round($n / $wall))")"
    record "$1" "$key peak_mb" "$(python3 -c "print(round($kb / 1024, 1))")"
    record "$1" "$key cpu_us" "$(python3 -c "print(round(($user + $sys) / $n * 1e6, 2))")"
}
py_load() { # size
    record python "$1 json_load_s" "$(python3 -c 'import json, sys, time
t = time.perf_counter()
with open(sys.argv[1], "rb") as f:
    json.load(f)
print(round(time.perf_counter() - t, 4))' "$data/$1/protected.json")"
}

for round in $(seq "$rounds"); do
    echo "round $round of $rounds ..." >&2
    if [ $((round % 2)) = 1 ]; then order="base new"; else order="new base"; fi
    for size in 100k 1m; do
        has scale || continue
        py_load $size
        for tree in $order; do
            if [ $tree = base ]; then bin=$base_bin; else bin=$new_bin; fi
            scale $tree "$bin" $size
            cli_check $tree "$bin" $size
        done
    done
    for tree in $order; do
        has scan || continue
        if [ $tree = base ]; then bin=$base_bin; else bin=$new_bin; fi
        scan $tree "$bin"
        scan $tree "$bin" 1
    done
done

python3 - "$results" "$base_rev" "$(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo +)" "$rounds" <<'EOF'
import statistics, sys
from collections import defaultdict
path, base_rev, new_rev, rounds = sys.argv[1:]
v = defaultdict(list)
for line in open(path):
    tree, metric, value = line.rstrip("\n").split("\t")
    v[(tree, metric)].append(float(value))
med = {k: statistics.median(x) for k, x in v.items()}
rows = [
    ("100k load + index (s)", "100k load_index_s"),
    ("100k vipguard check, whole run (s)", "100k cli_check_s"),
    ("100k peak RSS, vipguard check (MB)", "100k cli_peak_mb"),
    ("100k peak RSS, load + 1,000 checks (MB)", "100k peak_mb"),
    ("100k one check, median (us)", "100k check_median_us"),
    ("1M load + index (s)", "1m load_index_s"),
    ("1M vipguard check, whole run (s)", "1m cli_check_s"),
    ("1M peak RSS, vipguard check (MB)", "1m cli_peak_mb"),
    ("1M one check, median (us)", "1m check_median_us"),
    ("10k scan, 200k profiles (profiles/s)", "scan profiles_per_s"),
    ("10k scan, 1 thread (profiles/s)", "scan1 profiles_per_s"),
    ("10k scan, peak RSS (MB)", "scan peak_mb"),
    ("10k scan, CPU per profile (us)", "scan cpu_us"),
    ("10k scan, 1 thread, CPU per profile (us)", "scan1 cpu_us"),
]
print(f"{rounds} rounds, medians; baseline {base_rev}, new {new_rev}")
print(f"{'':42} {base_rev:>10} {new_rev:>10} {'new/base':>9}")
for label, key in rows:
    b, n = med.get(("base", key)), med.get(("new", key))
    if b is None or n is None:
        continue
    print(f"{label:42} {b:>10.4g} {n:>10.4g} {n / b:>9.2f}")
for size in ("100k", "1m"):
    p = med.get(("python", f"{size} json_load_s"))
    if p is not None:
        print(f"{size + ' Python json.load (s)':42} {p:>10.4g}")
def target(ok, text):
    if "nan" in text:  # a part not run (PARTS)
        return
    print(f"  [{'met' if ok else 'NOT met'}] {text}")
print("targets (new tree):")
g = lambda k: med.get(("new", k), float("nan"))
target(g("100k cli_peak_mb") <= 120, f"100k accounts, whole process <= 120 MB: {g('100k cli_peak_mb'):.0f} MB")
py = med.get(("python", "100k json_load_s"), float("nan"))
target(g("100k load_index_s") <= py, f"100k load + index <= Python json.load: {g('100k load_index_s'):.3f} s vs {py:.3f} s")
target(g("1m load_index_s") <= 5, f"1M built in <= 5 s: {g('1m load_index_s'):.2f} s")
target(g("1m cli_peak_mb") <= 1200, f"1M in <= 1.2 GB: {g('1m cli_peak_mb'):.0f} MB")
target(g("scan profiles_per_s") >= 100_000, f"scan at 10k >= 100,000 profiles/s: {g('scan profiles_per_s'):.0f}")
b = med.get(("base", "100k check_median_us"), float("nan"))
target(g("100k check_median_us") <= 1.1 * b, f"one check at 100k within 10% of the baseline: {g('100k check_median_us') / b:.2f}x (instruction counts: scripts/count-instructions.sh)")
EOF
