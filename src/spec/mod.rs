//! The wire format, schema version 1: camelCase serde DTOs with decimals as strings, unknown
//! fields rejected, and conversion to and from domain types with located diagnostics.
//! Domain types never serialize themselves; only these DTOs cross a boundary.

pub mod data;
pub mod dec;
pub mod json;
pub mod plan;
pub mod report;
pub mod scenario;
