//! What the plan designer computes: the payout curve against attainment for a typical payee
//! (`curve`), a back-test of the plan over a dataset (`backtest`), and the changes between two
//! plan documents (`changes`). The comparison of two versions' payouts is `payout::diff`.

pub mod backtest;
pub mod changes;
pub mod curve;
pub mod dto;

pub use backtest::backtest;
pub use changes::plan_changes;
pub use curve::attainment_curve;

use spm_base::error::{Code, Error, Result};
use spm_core::data::Dataset;
use spm_plan::CompiledPlan;
use spm_wire::spec::report::StatementDto;

/// One payee's statements (full detail, with every line and sentence) under a plan: the
/// back-test's "statement one click away". Managers' roll-ups need the whole dataset, so the
/// whole dataset runs and only this payee's statements are kept.
///
/// # Errors
/// `UNKNOWN_REFERENCE` for a payee not in the dataset; the plan's errors.
pub fn statements_for(plan: &CompiledPlan, data: &Dataset, payee_id: &str) -> Result<Vec<StatementDto>> {
    if data.payee_index(payee_id).is_none() {
        return Err(Error::at(
            "payeeId",
            Code::UnknownReference,
            format!("no payee {payee_id:?} in the data"),
            "pick a payee of the back-test",
        ));
    }
    let report = spm_wire::api::run(plan, data)?;
    Ok(report.statements.into_iter().filter(|s| s.payee_id == payee_id).collect())
}
