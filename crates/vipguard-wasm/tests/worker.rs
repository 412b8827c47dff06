//! The WASM package in headless Chromium, in a service worker (where the extension runs it):
//! `make test` runs this with wasm-bindgen-test-runner. The suites are in tests/common/mod.rs.
#![cfg(target_arch = "wasm32")]

#[macro_use]
mod common;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_service_worker);

wasm_suites!();
