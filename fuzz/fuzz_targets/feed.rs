//! libFuzzer entry point for `vipguard_fuzz::feed` (fuzz/src/lib.rs says what it feeds the engine).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| vipguard_fuzz::feed(data));
