//! spm-base: what every area of the engine shares and nothing else. Errors and located
//! diagnostics, checked money arithmetic and rounding, dates, calendar months, periods and fiscal
//! calendars, the declared input limits (every constant, once), the seeded random generator,
//! decimal-string and JSON readers with located errors, the formula-safe CSV cell writer, the
//! formatting helpers of explanations and the wire (one spelling of a ratio), the decimal to
//! float conversion and sample quantiles. It depends on no other crate of the workspace.

// Money arithmetic is checked (clippy.toml and ARCHITECTURE.md, "Checked money").
#![cfg_attr(not(test), deny(clippy::arithmetic_side_effects))]

pub mod csv_out;
pub mod dec;
pub mod error;
pub mod float;
pub mod fmt;
pub mod json;
pub mod limits;
pub mod money;
pub mod period;
pub mod quantile;
pub mod rng;
pub mod schema;

pub use error::{Code, Diagnostic, Error, Result, Severity};
