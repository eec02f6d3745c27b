//! The engine's front door, shared by the CLI and the wasm boundary: compile a plan, load data,
//! run, each from wire-format text.

use crate::data::Dataset;
use crate::error::{Diagnostic, Result};
use crate::payout::Detail;
use crate::plan::PlanSet;
use crate::spec::diff::DiffDto;
use crate::spec::report::ReportDto;
use crate::{io, payout, spec};

/// A plan compiled once and kept for many runs, with the warnings its validation found.
#[derive(Debug, Clone)]
pub struct CompiledPlan {
    /// The validated plan and its versions.
    pub plan: PlanSet,
    /// Warning-level diagnostics.
    pub warnings: Vec<Diagnostic>,
}

/// Validates and compiles plan JSON.
///
/// # Errors
/// Every problem in the plan, each with its JSON path.
pub fn compile_plan(json: &str) -> Result<CompiledPlan> {
    let (plan, warnings) = spec::plan::compile(json)?;
    Ok(CompiledPlan { plan, warnings })
}

/// Every diagnostic for plan JSON, errors and warnings; never fails.
pub fn validate_plan(json: &str) -> Vec<Diagnostic> {
    spec::plan::validate(json)
}

/// Loads transactions from CSV and payees from a JSON array.
///
/// # Errors
/// Every bad record, located.
pub fn load_csv(transactions_csv: &str, payees_json: &str) -> Result<Dataset> {
    let (payees, diags) = spec::data::parse_payees(payees_json)?;
    io::csv::dataset_from_csv(transactions_csv, payees, diags)
}

/// Loads transactions and payees from JSON arrays.
///
/// # Errors
/// Every bad record, located.
pub fn load_json(transactions_json: &str, payees_json: &str) -> Result<Dataset> {
    let (payees, diags) = spec::data::parse_payees(payees_json)?;
    spec::data::dataset_from_json(transactions_json, payees, diags)
}

/// Runs a compiled plan over a dataset and returns the wire-format report.
///
/// # Errors
/// `QUOTA_MISSING`, `OVERFLOW`.
pub fn run(plan: &CompiledPlan, data: &Dataset) -> Result<ReportDto> {
    run_with(plan, data, Detail::Full)
}

/// Runs with a chosen level of detail (`Summary` leaves out transaction lines and sentences).
///
/// # Errors
/// As `run`.
pub fn run_with(plan: &CompiledPlan, data: &Dataset, detail: Detail) -> Result<ReportDto> {
    let report = payout::calculate(&plan.plan, data, detail)?;
    Ok(spec::report::to_dto(&plan.plan, data, &report, &plan.warnings))
}

/// Runs like `run_with` and returns the report as JSON text, the same bytes as
/// `serde_json::to_string(&run_with(..)?)` but written straight from the result, without the DTO
/// (`spec::report_json`): for bulk runs whose report goes out as text anyway.
///
/// # Errors
/// As `run`.
pub fn run_json(plan: &CompiledPlan, data: &Dataset, detail: Detail) -> Result<String> {
    let report = payout::calculate(&plan.plan, data, detail)?;
    Ok(spec::report_json::report_json(&plan.plan, data, &report, &plan.warnings))
}

/// Runs two plans over the same dataset and compares them: totals, each payee and period, each
/// component's earning and changed explanation lines, and who gains or loses most. Differences are
/// `new − old`.
///
/// # Errors
/// As `run`, for either plan; `CURRENCY_MISMATCH` when the plans pay in different currencies.
pub fn diff(old: &CompiledPlan, new: &CompiledPlan, data: &Dataset) -> Result<DiffDto> {
    let before = run(old, data)?;
    let after = run(new, data)?;
    payout::diff::compare(&before, &after, data)
}

/// A payees JSON array with one quota-less payee per distinct `payeeId` in the transactions,
/// for runs that give no payees file.
///
/// # Errors
/// The transactions cannot be read.
pub fn implicit_payees(transactions: &str, is_csv: bool) -> Result<String> {
    let ids = if is_csv {
        io::csv::payee_ids(transactions)?
    } else {
        let dtos: Vec<spec::data::TransactionDto> = spec::json::from_str(transactions, "the transactions")?;
        dtos.into_iter().filter_map(|t| t.payee_id).collect()
    };
    let mut uniq: Vec<String> = ids;
    uniq.sort();
    uniq.dedup();
    let payees: Vec<spec::data::PayeeDto> = uniq
        .into_iter()
        .map(|id| spec::data::PayeeDto { name: id.clone(), id, ..spec::data::PayeeDto::default() })
        .collect();
    serde_json::to_string(&payees).map_err(|e| crate::Error::new(crate::Code::Internal, e.to_string()))
}

/// Sets a dataset's exchange rates from JSON or CSV text (`from,to,date,rate`).
///
/// # Errors
/// Located problems in the rates.
pub fn set_rates(data: &mut Dataset, rates: &str) -> Result<()> {
    data.rates = spec::ledger::parse_rates(rates)?;
    Ok(())
}

/// Runs the payout ledger: closes each period in order with what was known then (events as
/// JSON or CSV: `transactionId,kind,date,amount`), through `through` (a period label) or the
/// last period with data.
///
/// # Errors
/// Located problems in the events; `UNKNOWN_REFERENCE`, `RATE_MISSING`, and the run's errors.
pub fn ledger(
    plan: &CompiledPlan,
    data: &Dataset,
    events: &str,
    through: Option<&str>,
) -> Result<spec::ledger_report::LedgerDto> {
    ledger_with(plan, data, events, through, "")
}

/// [`ledger`] with payee adjustments: SPIFF prizes and manual corrections (JSON
/// `[{payeeId, date, amount, currency?, reason?, kind?}]` or CSV `payeeId,date,amount,currency,reason`,
/// as a contest's `spiff_csv` writes it; empty for none), each paid in the period of its date.
///
/// # Errors
/// Those of [`ledger`]; located problems in the adjustments (an unknown payee, a date before
/// the first period, a bad amount or currency).
pub fn ledger_with(
    plan: &CompiledPlan,
    data: &Dataset,
    events: &str,
    through: Option<&str>,
    adjustments: &str,
) -> Result<spec::ledger_report::LedgerDto> {
    let events = spec::ledger::parse_events(events)?;
    let adjustments = spec::ledger::parse_adjustments(adjustments)?;
    let l = crate::ledger::build_with(&plan.plan, data, &events, &adjustments, through)?;
    Ok(spec::ledger_report::to_dto(&plan.plan, data, &l))
}

/// A deal estimator from a state (JSON: `{ payee?, deals?, asOf? }`, see docs/estimate.md).
///
/// # Errors
/// Located problems in the state; the plan's errors for the payee.
pub fn estimator(plan: &CompiledPlan, state: &str) -> Result<crate::estimate::Estimator> {
    let state: spec::estimate::StateDto =
        if state.trim().is_empty() { Default::default() } else { spec::json::from_str(state, "the state")? };
    crate::estimate::Estimator::new(plan, &state)
}

/// A deal estimator for a payee of a loaded dataset, with their deals up to `as_of`.
///
/// # Errors
/// `UNKNOWN_REFERENCE`, `DATE_INVALID`; the plan's errors.
pub fn estimator_for(
    plan: &CompiledPlan,
    data: &Dataset,
    payee_id: &str,
    as_of: Option<&str>,
) -> Result<crate::estimate::Estimator> {
    let as_of = match as_of {
        Some(s) => Some(crate::period::Date::parse(s).ok_or_else(|| {
            crate::Error::at(
                "asOf",
                crate::Code::DateInvalid,
                format!("{s:?} is not a calendar date"),
                "write YYYY-MM-DD",
            )
        })?),
        None => None,
    };
    crate::estimate::Estimator::from_dataset(plan, data, payee_id, as_of)
}

/// Hypothetical deals from JSON: an array of `{ amount, date?, product?, type?, customer?, share?, probability? }`,
/// or one such object.
///
/// # Errors
/// Located JSON errors.
pub fn parse_deals(text: &str) -> Result<Vec<spec::estimate::DealDto>> {
    if text.trim_start().starts_with('{') {
        Ok(vec![spec::json::from_str(text, "the deal")?])
    } else {
        spec::json::from_str(text, "the deals")
    }
}
