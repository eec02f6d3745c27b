//! Import and export of tabular data.

pub mod csv;
pub mod import;
pub mod presets;
