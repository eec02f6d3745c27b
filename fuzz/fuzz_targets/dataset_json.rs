//! Fuzz target `dataset_json`: see `spm_engine_fuzz::entry::dataset_json` for what it feeds and asserts.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = spm_engine_fuzz::entry::run("dataset_json", data);
});
