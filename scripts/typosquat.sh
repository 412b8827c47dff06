#!/usr/bin/env bash
# The typosquatting dev set (bench/typosquat/): dnstwist's permutations of 24 brand handles, scored by
# technique for the CLI and for any other vipguard binaries given, side by side:
#   bash scripts/typosquat.sh [OTHER_VIPGUARD ...]
# A dev set: the engine was tuned while looking at it (docs/accuracy.md).
set -euo pipefail
cd "$(dirname "$0")/.."
venv=target/typosquat-venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import dnstwist' 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r bench/typosquat/requirements.txt
fi
[ -x target/release/vipguard ] || cargo build --release --quiet -p vipguard-cli
"$venv/bin/python" bench/typosquat/make_set.py --out target/typosquat >&2
python3 bench/typosquat/score.py target/typosquat "$@" target/release/vipguard
