#!/usr/bin/env bash
# The smallest the WASM package could be with the dependencies it must carry (bench/wasm-floor: image
# with JPEG/PNG/WebP, unicode-normalization, unicode-security, unicode-script, serde_json, wasm-bindgen,
# each called once), built exactly like pkg/ (Makefile: cargo's wasm profile, wasm-bindgen, wasm-opt -Os
# with the same features); and the same with gloo-net and gloo-console fetching and logging, for what
# gloo would cost. Prints both beside pkg/. Needs `make pkg` first for the tools.
set -euo pipefail
cd "$(dirname "$0")/.."
features=$(sed -n '/^WASM_FEATURES := /,/[^\\]$/p' Makefile | sed 's/^WASM_FEATURES := //; s/\\$//' | tr -d '\n')

# build OUT_DIR [CARGO_ARGS...]: the floor crate as pkg/ is built, into OUT_DIR/pkg.
build() {
    local out=$1
    shift
    CARGO_TARGET_DIR="$PWD/$out" cargo build --quiet --manifest-path bench/wasm-floor/Cargo.toml \
        --target wasm32-unknown-unknown --profile wasm "$@"
    rm -rf "$out/pkg"
    wasm-bindgen --target web --out-dir "$out/pkg" "$out/wasm32-unknown-unknown/wasm/vipguard_wasm_floor.wasm"
    # shellcheck disable=SC2086
    node_modules/.bin/wasm-opt -Os $features --strip-debug --strip-producers \
        "$out/pkg/vipguard_wasm_floor_bg.wasm" -o "$out/pkg/vipguard_wasm_floor_bg.wasm"
}
build target/wasm-floor
build target/wasm-floor-gloo --features gloo
python3 - target/wasm-floor/pkg/vipguard_wasm_floor_bg.wasm target/wasm-floor-gloo/pkg/vipguard_wasm_floor_bg.wasm \
    pkg/vipguard_bg.wasm <<'PY'
import gzip, sys
labels = ("dependencies alone (bench/wasm-floor)", "  with gloo-net and gloo-console", "pkg/vipguard_bg.wasm")
for label, path in zip(labels, sys.argv[1:]):
    b = open(path, "rb").read()
    print(f"{label:40} {len(b):>10,} bytes raw {len(gzip.compress(b, 9)):>9,} gzipped (-9)")
PY
