//! libFuzzer entry point for `vipguard_fuzz::list_csv` (fuzz/src/lib.rs says what it feeds the engine).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| vipguard_fuzz::list_csv(data));
