#!/usr/bin/env bash
# The WASM suites in headless Chromium (a page and a service worker), against what the native CLI
# produced for the same input. Needs the wasm32 target, wasm-bindgen-cli and chromium-driver
# (`make test` installs them first).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/wasm-parity-data.sh
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 scripts/serve-fixtures.py "$port" > target/parity/server.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do grep -q ready target/parity/server.log 2>/dev/null && break; sleep 0.1; done
export VIPGUARD_FIXTURES_URL="http://127.0.0.1:$port"
export CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}
export WASM_BINDGEN_TEST_DRIVER_TIMEOUT=${WASM_BINDGEN_TEST_DRIVER_TIMEOUT:-60}
export WASM_BINDGEN_TEST_TIMEOUT=${WASM_BINDGEN_TEST_TIMEOUT:-300}
cargo test --release -p vipguard-wasm --target wasm32-unknown-unknown --test page --test worker
