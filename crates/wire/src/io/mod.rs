//! Import and export of tabular data.

pub mod csv;
mod guess;
pub mod import;
mod import_read;
pub mod presets;
mod presets_hr;
pub mod xlsx;
mod xlsx_write;
