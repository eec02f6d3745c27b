//! spm-analytics: what a comp designer and a rep ask of a plan beyond its payouts. The deal
//! estimator ([`estimate`]), plan design tools (back-test, payout curve, change list:
//! [`design`]), Monte Carlo costing ([`simulate`]), bookings and pipeline forecasts
//! ([`forecast`]) and sales insight ([`insight`]).
//!
//! Today this crate still reads the payout wire format (`spm-wire`) in a few places: see
//! ARCHITECTURE.md, "Known debts".

pub mod design;
pub mod estimate;
pub mod forecast;
pub mod insight;
pub mod simulate;
