//! The WASM package in headless Chromium, in a page:
//! `make test` runs this with wasm-bindgen-test-runner. See tests/wasm_common/mod.rs.
#![cfg(target_arch = "wasm32")]

mod wasm_common;

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn verdicts_match_the_cli() {
    wasm_common::verdicts_match_the_cli().await;
}

#[wasm_bindgen_test]
async fn avatar_verdicts_match_the_cli() {
    wasm_common::avatar_verdicts_match_the_cli().await;
}

#[wasm_bindgen_test]
async fn hashes_match_native() {
    wasm_common::hashes_match_native().await;
}

#[wasm_bindgen_test]
async fn errors_carry_the_cli_messages() {
    wasm_common::errors_carry_the_cli_messages().await;
}
