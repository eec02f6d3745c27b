//! Import and export of tabular data.

pub mod csv;
