//! Fuzz target `dataset_csv`: see `spm_engine_fuzz::entry::dataset_csv` for what it feeds and asserts.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = spm_engine_fuzz::entry::run("dataset_csv", data);
});
