//! spm-engine: a Sales Performance Management engine that runs client-side in WebAssembly.
//!
//! The pipeline: plan JSON → [`spec::plan`] validates it into a [`plan::Plan`] (every problem
//! reported with its JSON path); payees JSON and transactions CSV/JSON → [`data::Dataset`];
//! [`payout::calculate`] credits transactions to payees per period, evaluates each component's
//! rate table, rounds at the plan's declared point and explains every statement;
//! [`spec::report`] turns the result into the versioned wire format. [`api`] strings the steps
//! together for the CLI (`src/bin/spm.rs`) and the JS boundary (`src/wasm/`, feature `wasm`),
//! which are the only two front ends. Money is `rust_decimal` throughout ([`money`]).

pub mod api;
pub mod credit;
pub mod data;
pub mod design;
pub mod error;
pub mod estimate;
pub mod forecast;
pub mod fx;
pub mod insight;
pub mod io;
pub mod ledger;
pub mod limits;
pub mod money;
pub mod payout;
pub mod period;
pub mod plan;
pub mod quota;
pub mod sample;
pub mod scoring;
pub mod simulate;
pub mod spec;
pub mod territory;

#[cfg(feature = "wasm")]
pub mod wasm;

pub use error::{Code, Diagnostic, Error, Result, Severity};
