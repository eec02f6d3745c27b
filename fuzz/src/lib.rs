//! Fuzz harness for spm-engine: [`entry::run`] feeds one input to one parser entry point and
//! asserts the invariants; the cargo-fuzz targets in `fuzz_targets/` and the regression test
//! `tests/fuzz_regressions.rs` (which includes `entry.rs` by path) both call it.

pub mod entry;
pub mod structured;
