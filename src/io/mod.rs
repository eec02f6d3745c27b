//! Import and export of tabular data.

pub mod csv;
pub mod csv_out;
pub mod import;
pub mod presets;
