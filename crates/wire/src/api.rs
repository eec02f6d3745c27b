//! The engine's front door, shared by the CLI and the wasm boundary: compile a plan, load data,
//! run, each from wire-format text.

use crate::io;
use crate::io::import::ImportReport;
use crate::spec;
use crate::spec::data::PayeeDto;
use crate::spec::diff::DiffDto;
use crate::spec::import::{parse_mapping, ImportReportDto, ImportedDto, Kind};
use crate::spec::report::{Payout, StatementsOf};
use spm_base::error::{Code, Diagnostic, Error, Result};
use spm_core::data::Dataset;
use spm_core::payout;
use spm_core::payout::Detail;

pub use spm_plan::CompiledPlan;

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
pub fn run<'a>(plan: &'a CompiledPlan, data: &'a Dataset) -> Result<Payout<'a>> {
    run_with(plan, data, Detail::Full)
}

/// Runs with a chosen level of detail (`Summary` leaves out transaction lines and sentences).
///
/// # Errors
/// As `run`.
pub fn run_with<'a>(plan: &'a CompiledPlan, data: &'a Dataset, detail: Detail) -> Result<Payout<'a>> {
    let report = payout::calculate(&plan.plan, data, detail)?;
    Ok(Payout::new(&plan.plan, data, report, &plan.warnings))
}

/// The warnings of a plan and a dataset together, without running the plan: the plan's own, then
/// those about the plan and the data (transactions outside every version, payee entries naming
/// what the plan lacks). A payout report lists the same ones in its `warnings`; the CLI prints
/// them for the ledger and the diff, whose outputs have no such list.
pub fn warnings(plan: &CompiledPlan, data: &Dataset) -> Vec<Diagnostic> {
    let mut out = plan.warnings.clone();
    out.extend(payout::checks::warnings(&plan.plan, data));
    out
}

/// Runs like `run_with` and returns the report as compact JSON text.
///
/// # Errors
/// As `run`.
pub fn run_json(plan: &CompiledPlan, data: &Dataset, detail: Detail) -> Result<String> {
    run_with(plan, data, detail)?.to_json()
}

/// Runs two plans over the same dataset and compares them: totals, each payee and period, each
/// component's earning and changed explanation lines, and who gains or loses most. Differences are
/// `new − old`.
///
/// # Errors
/// As `run`, for either plan; `CURRENCY_MISMATCH` when the plans pay in different currencies.
pub fn diff(old: &CompiledPlan, new: &CompiledPlan, data: &Dataset) -> Result<DiffDto> {
    let before = run(old, data)?.to_dto()?;
    let after = run(new, data)?.to_dto()?;
    crate::diff::compare(&before, &after, data)
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
        let dtos: Vec<spec::data::TransactionDto> = spm_base::json::from_str(transactions, "the transactions")?;
        dtos.into_iter().filter_map(|t| t.payee_id).collect()
    };
    let mut uniq: Vec<String> = ids;
    uniq.sort();
    uniq.dedup();
    let payees: Vec<spec::data::PayeeDto> = uniq
        .into_iter()
        .map(|id| spec::data::PayeeDto { name: id.clone(), id, ..spec::data::PayeeDto::default() })
        .collect();
    serde_json::to_string(&payees).map_err(|e| spm_base::Error::new(spm_base::Code::Internal, e.to_string()))
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
    let l = spm_core::ledger::build_with(&plan.plan, data, &events, &adjustments, through)?;
    spec::ledger_report::to_dto(&plan.plan, data, &l)
}

/// One payee's statements (full detail, with every line and sentence) under a plan: the
/// back-test's "statement one click away". Managers' roll-ups need the whole dataset, so the
/// whole dataset runs and only this payee's statements are kept.
///
/// # Errors
/// `UNKNOWN_REFERENCE` for a payee not in the dataset; the plan's errors.
pub fn statements_for<'a>(plan: &'a CompiledPlan, data: &'a Dataset, payee_id: &str) -> Result<StatementsOf<'a>> {
    let Some(payee) = data.payee_index(payee_id) else {
        return Err(spm_base::Error::at(
            "payeeId",
            spm_base::Code::UnknownReference,
            format!("no payee {:?} in the data", spm_base::error::clip(payee_id)),
            "pick a payee of the back-test",
        ));
    };
    Ok(run(plan, data)?.statements_of(payee))
}

/// An import as the JS API's `importCsv` does it, text in and text out: `kind` is
/// "transactions", "payees", "hierarchy" or "quotas"; `mapping_json` a `MappingDto` (such as
/// `{"preset":"hubspot-deals"}`); `payees_json` the payees, to match owner names and for hierarchy
/// and quotas. Returns JSON text `{ "records": [...], "report": {...} }`: the transactions, or the
/// payees (for hierarchy and quotas, the given payees with the managers or quotas added).
///
/// # Errors
/// An unknown kind, a bad mapping or payees, hierarchy or quotas without payees, a file that
/// cannot be read at all; row problems are in the report.
pub fn import_json(kind: &str, csv: &str, mapping_json: &str, payees_json: Option<&str>) -> Result<String> {
    let kind = Kind::parse(kind).ok_or_else(|| {
        let kinds: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
        Error::at(
            "kind",
            Code::WrongType,
            format!("{:?} is not a kind of import", spm_base::error::clip(kind)),
            format!("use one of {}", kinds.join(", ")),
        )
    })?;
    let mapping = parse_mapping(mapping_json)?;
    let payees: Option<Vec<PayeeDto>> = payees_json.map(|p| spm_base::json::from_str(p, "the payees")).transpose()?;
    match kind {
        Kind::Transactions => {
            let r = io::import::import_transactions(csv, &mapping, payees.as_deref())?;
            imported_json(&r.records, &r.report)
        }
        Kind::Payees => {
            let r = io::import::import_payees(csv, &mapping)?;
            imported_json(&r.records, &r.report)
        }
        Kind::Hierarchy | Kind::Quotas => {
            let mut list = payees.ok_or_else(|| {
                Error::at("payees", Code::MissingField, format!("importing {kind} needs the payees"), "pass the payees")
            })?;
            let report = if kind == Kind::Hierarchy {
                io::import::import_hierarchy(csv, &mapping, &mut list)?
            } else {
                io::import::import_quotas(csv, &mapping, &mut list)?
            };
            imported_json(&list, &report)
        }
    }
}

fn imported_json<T: serde::Serialize>(records: T, report: &ImportReport) -> Result<String> {
    serde_json::to_string(&ImportedDto { records, report: ImportReportDto::from(report) })
        .map_err(|e| Error::new(Code::Internal, e.to_string()))
}
