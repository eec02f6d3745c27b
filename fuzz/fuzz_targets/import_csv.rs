//! Fuzz target `import_csv`: see `spm_engine_fuzz::entry::import_csv` for what it feeds and asserts.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = spm_engine_fuzz::entry::run("import_csv", data);
});
