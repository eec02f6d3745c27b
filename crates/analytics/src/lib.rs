//! spm-analytics: what a comp designer and a rep ask of a plan beyond its payouts. The deal
//! estimator ([`estimate`]), plan design tools (back-test, payout curve, change list:
//! [`design`]), Monte Carlo costing ([`simulate`]), bookings and pipeline forecasts
//! ([`forecast`]) and sales insight ([`insight`]).
//!
//! A domain crate: it computes on plans and datasets and never reads the payout wire format
//! (`spm-wire` reads estimator states and compiles plans for it).

// Money arithmetic is checked (clippy.toml and ARCHITECTURE.md, "Checked money").
#![cfg_attr(not(test), deny(clippy::arithmetic_side_effects))]

pub mod design;
pub mod estimate;
pub mod forecast;
pub mod insight;
pub mod simulate;
