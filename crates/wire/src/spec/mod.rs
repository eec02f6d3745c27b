//! The wire format, schema version 1: camelCase serde DTOs with decimals as strings, unknown
//! fields rejected, and conversion to and from domain types with located diagnostics.
//! Domain types never serialize themselves; only these DTOs cross a boundary.

pub mod component_check;
pub mod data;
pub mod diff;
pub mod estimate;
pub mod filter_check;
pub mod import;
pub mod import_report;
pub mod ledger;
pub mod ledger_adjust;
pub mod ledger_export;
pub mod ledger_report;
mod measure_graph;
pub mod needs;
pub mod plan;
pub mod plan_check;
pub mod report;
pub mod schema;
pub mod tiers;
