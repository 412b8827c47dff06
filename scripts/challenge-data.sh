#!/usr/bin/env bash
# Generate the labelled challenge sets (see bench/challenge/generate.py):
#   target/challenge/dev     (seed 1)  for tuning
#   target/challenge/report  (seed 2)  for reporting
# Idempotent: the venv is created once, and a set is regenerated only when it is
# missing or older than the generator, the VIP pool or the requirements.
set -euo pipefail
cd "$(dirname "$0")/.."

src=bench/challenge
venv=target/challenge-venv
py="$venv/bin/python"

if [ ! -x "$py" ]; then
    echo "challenge-data: creating $venv" >&2
    python3 -m venv "$venv"
fi
if ! "$py" -c 'import faker' 2>/dev/null; then
    echo "challenge-data: installing $src/requirements.txt" >&2
    "$py" -m pip install --quiet --disable-pip-version-check -r "$src/requirements.txt"
fi

generate() {
    local seed=$1 out=$2 stamp="$2/truth.jsonl"
    if [ -f "$stamp" ] && [ -f "$out/profiles.jsonl" ] && [ -f "$out/protected.json" ] \
        && [ "$stamp" -nt "$src/generate.py" ] && [ "$stamp" -nt "$src/vips.tsv" ] \
        && [ "$stamp" -nt "$src/requirements.txt" ]; then
        echo "challenge-data: $out is up to date" >&2
        return
    fi
    echo "challenge-data: generating $out (seed $seed)" >&2
    rm -rf "$out.tmp"
    "$py" "$src/generate.py" --seed "$seed" --out "$out.tmp"
    rm -rf "$out"
    mv "$out.tmp" "$out"
}

generate 1 target/challenge/dev
generate 2 target/challenge/report
