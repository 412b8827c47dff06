#!/usr/bin/env bash
# Typosquatted brand handles, scored by technique for the CLI and for any other vipguard binaries given,
# side by side, with the share of ordinary handles sharing a brand word that each flags:
#   bash scripts/typosquat.sh [OTHER_VIPGUARD ...]            # dev set: dnstwist on 24 brands
#   bash scripts/typosquat.sh --report [OTHER_VIPGUARD ...]   # report set: ail-typo-squatting on 27 others
# The engine was tuned while looking at the dev set only (docs/accuracy.md).
set -euo pipefail
cd "$(dirname "$0")/.."
gen=make_set.py out=target/typosquat
if [ "${1:-}" = --report ]; then
    gen=make_report_set.py out=target/typosquat-report
    shift
fi
venv=target/typosquat-venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import dnstwist, ail_typo_squatting, faker' 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r bench/typosquat/requirements.txt
fi
[ -x target/release/vipguard ] || cargo build --release --quiet -p vipguard-cli
"$venv/bin/python" "bench/typosquat/$gen" --out "$out" >&2
python3 bench/typosquat/score.py "$out" "$@" target/release/vipguard
