//! Import and export of tabular data.

pub mod canonical;
pub mod csv;
mod guess;
pub mod import;
mod import_read;
pub mod merge;
mod payee_match;
pub mod presets;
mod presets_hr;
pub mod xlsx;
mod xlsx_write;
