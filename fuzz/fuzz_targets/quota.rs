//! Fuzz target `quota`: see `spm_engine_fuzz::entry::quota` for what it feeds and asserts.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = spm_engine_fuzz::entry::run("quota", data);
});
