//! Fuzz target `plan_json`: see `spm_engine_fuzz::entry::plan_json` for what it feeds and asserts.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = spm_engine_fuzz::entry::run("plan_json", data);
});
