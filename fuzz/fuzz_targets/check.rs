//! libFuzzer entry point for `vipguard_fuzz::check` (fuzz/src/lib.rs says what it feeds the engine).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| vipguard_fuzz::check(data));
