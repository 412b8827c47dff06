#!/usr/bin/env bash
# The smallest the WASM package could be with the dependencies it must carry (bench/wasm-floor: image
# with JPEG/PNG/WebP, unicode-normalization, unicode-security, unicode-script, serde_json, wasm-bindgen,
# each called once), built exactly like pkg/ (Makefile: cargo's wasm profile, wasm-bindgen, wasm-opt -Os
# with the same features). Prints its size beside pkg/'s. Needs `make pkg` first for the tools.
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/wasm-floor
features=$(sed -n '/^WASM_FEATURES := /,/[^\\]$/p' Makefile | sed 's/^WASM_FEATURES := //; s/\\$//' | tr -d '\n')
CARGO_TARGET_DIR="$PWD/$out" cargo build --quiet --manifest-path bench/wasm-floor/Cargo.toml \
    --target wasm32-unknown-unknown --profile wasm
rm -rf "$out/pkg"
wasm-bindgen --target web --out-dir "$out/pkg" "$out/wasm32-unknown-unknown/wasm/vipguard_wasm_floor.wasm"
# shellcheck disable=SC2086
node_modules/.bin/wasm-opt -Os $features --strip-debug --strip-producers \
    "$out/pkg/vipguard_wasm_floor_bg.wasm" -o "$out/pkg/vipguard_wasm_floor_bg.wasm"
python3 - "$out/pkg/vipguard_wasm_floor_bg.wasm" pkg/vipguard_bg.wasm <<'PY'
import gzip, sys
for label, path in (("dependencies alone (bench/wasm-floor)", sys.argv[1]), ("pkg/vipguard_bg.wasm", sys.argv[2])):
    b = open(path, "rb").read()
    print(f"{label:40} {len(b):>10,} bytes raw {len(gzip.compress(b, 9)):>9,} gzipped (-9)")
PY
