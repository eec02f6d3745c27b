//! Fuzz target `formula`: see `spm_engine_fuzz::entry::formula` for what it feeds and asserts.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = spm_engine_fuzz::entry::run("formula", data);
});
