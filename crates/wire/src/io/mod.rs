//! Import and export of tabular data.

pub mod csv;
pub mod import;
mod import_read;
pub mod presets;
pub mod xlsx;
mod xlsx_write;
