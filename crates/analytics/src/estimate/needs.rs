//! The estimator's state checked against what the plan needs of a payee before anything runs:
//! every quota, target incentive and input the rep lacks, at once, in sentences a rep reads
//! ("Your quarterly bonus needs your quota for 2026-Q2, which your comp admin has not entered
//! yet.") instead of the first engine error.

use spm_base::error::{Code, Diagnostic, Error, Result};
use spm_core::data::Dataset;
use spm_core::needs::{self, NeedKind};
use spm_core::payout::run::{periods_between, span};
use spm_plan::CompiledPlan;

/// Checks the payee of `data` (alone, in the state's periods) against the plan's needs; the
/// diagnostics' paths are `{at}.quotas`, `{at}.targetIncentive` and `{at}.inputs`.
///
/// # Errors
/// `QUOTA_MISSING` when a quota or the target incentive is missing (else `FORMULA_EVAL` for an
/// input), with `message` the rep's sentences, one per missing thing, and a diagnostic each.
pub(crate) fn check(plan: &CompiledPlan, data: &Dataset, at: &str) -> Result<()> {
    let Some((first, last)) = span(data) else { return Ok(()) };
    let periods = periods_between(&plan.plan, first, last);
    let gaps = needs::missing(plan, &data.payees, &data.rates, &periods);
    let mut diags = Vec::new();
    for g in gaps.iter().flat_map(|p| &p.items).filter(|g| g.kind.stops_payout()) {
        let (field, code) = match g.kind {
            NeedKind::TargetIncentive => ("targetIncentive", Code::QuotaMissing),
            NeedKind::Input => ("inputs", Code::FormulaEval),
            _ => ("quotas", Code::QuotaMissing),
        };
        diags.push(Diagnostic::error(format!("{at}.{field}"), code, g.rep_sentence.clone(), g.sentence.clone()));
    }
    if diags.is_empty() {
        return Ok(());
    }
    let code = if diags.iter().any(|d| d.code == Code::QuotaMissing) { Code::QuotaMissing } else { Code::FormulaEval };
    let message = diags.iter().map(|d| d.message.as_str()).collect::<Vec<_>>().join(" ");
    Err(Error { code, message, diagnostics: diags })
}
