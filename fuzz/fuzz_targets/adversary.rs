//! Fuzz target `adversary` (structure-aware): see `spm_engine_fuzz::structured` for what it
//! builds and asserts.
#![no_main]
libfuzzer_sys::fuzz_target!(|input: spm_engine_fuzz::structured::Input| {
    spm_engine_fuzz::structured::run(&input);
});
