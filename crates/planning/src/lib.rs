//! spm-planning: quota planning (cascades, seasonality, capacity and hiring: [`quota`]) and
//! territory planning (balanced assignment of accounts: [`territory`]).

// Money arithmetic is checked (clippy.toml and ARCHITECTURE.md, "Checked money").
#![cfg_attr(not(test), deny(clippy::arithmetic_side_effects))]

pub mod quota;
pub mod territory;
