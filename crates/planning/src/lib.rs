//! spm-planning: quota planning (cascades, seasonality, capacity and hiring: [`quota`]) and
//! territory planning (balanced assignment of accounts: [`territory`]).

pub mod quota;
pub mod territory;
