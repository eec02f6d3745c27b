//! What the plan designer computes: the payout curve against attainment for a typical payee
//! (`curve`), a back-test of the plan over a dataset (`backtest`), and the changes between two
//! plan documents (`changes`). The comparison of two versions' payouts is `spm_wire::diff`, and a
//! payee's statements one click away from the back-test are `spm_wire::api::statements_for`.

pub mod backtest;
pub mod changes;
pub mod curve;
pub mod dto;

pub use backtest::backtest;
pub use changes::plan_changes;
pub use curve::attainment_curve;
