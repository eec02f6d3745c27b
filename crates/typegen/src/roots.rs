//! What the generated TypeScript covers and what it calls things: every type an exported
//! function of the root package (`src/*.rs`) takes or returns, under the name its
//! `unchecked_param_type`/`unchecked_return_type` attribute uses, and the naming rule for the
//! types they contain.

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde_json::Value;
use spm_analytics::{design, estimate, forecast, insight, simulate};
use spm_base::dec::Dec;
use spm_base::error::{Code, DiagnosticDto};
use spm_base::schema::{DateString, MonthString};
use spm_planning::{quota, territory};
use spm_wire::spec::{data, diff, ledger, ledger_adjust, ledger_report, plan, report};
use std::borrow::Cow;

/// Whether a type is read by the engine (an input) or written by it (a result).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Read: members with a default are optional.
    Input,
    /// Written: members skipped when empty are optional; `Option`s without skip are `T | null`.
    Output,
}

/// A type crossing the JS boundary and its TypeScript name.
pub struct Root {
    /// The TypeScript name.
    pub name: &'static str,
    /// Adds the type's schema to a generator and returns a reference to it.
    pub add: fn(&mut SchemaGenerator) -> Schema,
}

const fn root<T: JsonSchema>(name: &'static str) -> Root {
    Root { name, add: |g| g.subschema_for::<T>() }
}

/// The plan document: the plan body with `schemaVersion` required and equal to 1, as
/// `schema/plan.schema.json` states at its root.
pub struct PlanDocument;

impl JsonSchema for PlanDocument {
    fn schema_name() -> Cow<'static, str> {
        "PlanSpec".into()
    }

    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let body = g.subschema_for::<plan::PlanDto>().to_value();
        let reference = body.get("$ref").cloned().unwrap_or(Value::Null);
        json_schema!({
            "description": "A compensation plan document (schema/plan.schema.json): one plan, or a plan with effective-dated `versions`. Every decimal is a string; unknown members are rejected. `validatePlan` checks what types cannot (tier bounds, references, members given for the wrong component kind).",
            "$ref": reference,
            "properties": { "schemaVersion": { "const": 1, "description": "The plan format's version: 1." } },
            "required": ["schemaVersion"]
        })
    }
}

/// The built-in sample company, as `sampleDataset()` and `sampleLarge()` return it (src/bulk.rs
/// builds it member by member from `spm_sample::Sample`).
#[derive(JsonSchema)]
#[schemars(rename_all = "camelCase")]
pub struct SampleDataset {
    /// The company's name.
    pub company: String,
    /// Its plans.
    pub plans: Vec<PlanDocument>,
    /// Its payees.
    pub payees: Vec<data::PayeeDto>,
    /// Transactions as CSV, header `id,date,payeeId,amount,product,type,customer` and `attr.NAME`
    /// columns.
    pub transactions_csv: String,
    /// Ledger events as CSV, header `transactionId,kind,date,amount` (empty for the benchmark
    /// company).
    pub events_csv: String,
    /// Exchange rates as CSV, header `from,to,date,rate` (empty for the benchmark company).
    pub rates_csv: String,
}

/// Declared first on both sides: the string types with a syntax, and the error codes.
pub const PRELUDE: &[Root] = &[
    root::<Dec>("DecimalString"),
    root::<DateString>("DateString"),
    root::<MonthString>("MonthString"),
    root::<Code>("ErrorCode"),
];

/// What the exported functions take: plans, data, states, options.
pub const INPUTS: &[Root] = &[
    root::<PlanDocument>("PlanSpec"),
    root::<plan::PlanDto>("PlanBody"),
    root::<data::PayeeDto>("PayeeSpec"),
    root::<data::TransactionDto>("TransactionSpec"),
    root::<spm_wire::spec::estimate::StateDto>("EstimatorState"),
    root::<estimate::dto::DealDto>("DealSpec"),
    root::<design::dto::CurveOptionsDto>("CurveOptions"),
    root::<ledger::RateDto>("RateSpec"),
    root::<ledger::EventDto>("EventSpec"),
    root::<ledger_adjust::AdjustmentDto>("AdjustmentSpec"),
    root::<quota::dto::QuotaPlanInputDto>("QuotaPlanInput"),
    root::<quota::dto::CapacityInputDto>("CapacityInput"),
    root::<territory::dto::TerritoryInputDto>("TerritoryInput"),
    root::<territory::dto::BalanceOptionsDto>("BalanceOptions"),
    root::<forecast::dto::ForecastInputDto>("ForecastInput"),
    root::<forecast::dto::PipelineInputDto>("PipelineInput"),
    root::<insight::dto::OpportunitySetDto>("OpportunitySet"),
    root::<insight::dto::InsightOptionsDto>("InsightOptions"),
    root::<simulate::dto::SimulationOptionsDto>("SimulationOptions"),
    root::<simulate::dto::SensitivityOptionsDto>("SensitivityOptions"),
    root::<spm_scoring::dto::ScoringDefsDto>("ScoringDefinitions"),
    root::<spm_scoring::dto::RosterRepDto>("RosterRep"),
    root::<spm_scoring::dto::ScoringEventDto>("ScoringEvent"),
    root::<spm_scoring::dto::LeaderboardDto>("LeaderboardSpec"),
    root::<SampleDataset>("SampleDataset"),
    root::<spm_wire::workspace::WorkspaceDto>("Workspace"),
    root::<spm_wire::workspace::QuotaOptionsDto>("QuotaInputOptions"),
    root::<spm_wire::workspace::ScoringInputDto>("ScoringInput"),
    root::<spm_wire::workspace::WorkspacePlacesDto>("WorkspacePlaces"),
    root::<spm_wire::api_import::TableDto>("XlsxTable"),
];

/// What the exported functions return.
pub const OUTPUTS: &[Root] = &[
    root::<DiagnosticDto>("Diagnostic"),
    root::<report::ReportDto>("PayoutReport"),
    root::<report::StatementDto>("Statement"),
    root::<diff::DiffDto>("PlanDiff"),
    root::<ledger_report::LedgerDto>("LedgerReport"),
    root::<ledger_report::PayeeLedgerDto>("PayeeLedger"),
    root::<ledger_report::BooksDto>("AccountingBooks"),
    root::<spm_wire::spec::needs::RequirementsDto>("Requirements"),
    root::<spm_wire::spec::needs::PayeeGapDto>("PayeeGap"),
    root::<estimate::dto::EstimateDto>("Estimate"),
    root::<estimate::dto::PipelineDto>("PipelineEstimate"),
    root::<estimate::dto::CurveDto>("EstimateCurve"),
    root::<design::dto::AttainmentCurveDto>("AttainmentCurve"),
    root::<design::dto::BacktestDto>("Backtest"),
    root::<design::dto::PlanChangeDto>("PlanChange"),
    root::<quota::dto::QuotaPlanResultDto>("QuotaPlanResult"),
    root::<quota::dto::CapacityPlanResultDto>("CapacityPlanResult"),
    root::<territory::dto::TerritoryResultDto>("TerritoryResult"),
    root::<territory::dto::TerritorySummaryDto>("TerritorySummary"),
    root::<territory::dto::MoveOutcomeDto>("MoveOutcome"),
    root::<forecast::dto::ForecastResultDto>("ForecastResult"),
    root::<forecast::dto::PipelineForecastDto>("PipelineForecast"),
    root::<insight::dto::InsightsDto>("InsightsResult"),
    root::<insight::dto::SentimentDto>("SentimentScore"),
    root::<simulate::dto::SimulationResultDto>("SimulationResult"),
    root::<simulate::dto::SensitivityDto>("Sensitivity"),
    root::<spm_scoring::dto::ScoringReportDto>("ScoringReport"),
    root::<spm_scoring::dto::LeaderboardResultDto>("LeaderboardResult"),
    root::<spm_scoring::dto::AwardDto>("ContestAward"),
    root::<spm_wire::io::xlsx::SheetDto>("XlsxSheet"),
    root::<spm_wire::io::presets::Guess>("PresetGuess"),
    root::<spm_wire::io::presets::Preview>("CsvPreview"),
    root::<spm_wire::spec::import::ImportReportDto>("ImportReport"),
    root::<spm_wire::api_import::DealsCsvDto>("DealsCsv"),
    root::<spm_wire::io::merge::MergedPeople>("MergedPeople"),
    root::<spm_wire::io::merge::MergedDeals>("MergedDeals"),
];

/// The roots of one side.
pub fn roots(side: Side) -> &'static [Root] {
    match side {
        Side::Input => INPUTS,
        Side::Output => OUTPUTS,
    }
}

/// Names of definitions that are not roots, where the rule below would say less.
const NAMES: &[(Side, &str, &str)] = &[
    (Side::Input, "ConversionDto", "ConversionDate"),
    (Side::Input, "EvaluationDto", "TierEvaluation"),
    (Side::Input, "ExcessDto", "CapExcess"),
    (Side::Input, "InputDto", "InputSpec"),
    (Side::Input, "ScopeDto", "AttainmentScope"),
    (Side::Input, "PeriodDto", "BadgePeriod"),
    (Side::Input, "BenchmarkDto", "CoachingBenchmark"),
    (Side::Input, "BacktestInputDto", "ForecastBacktestSpec"),
    (Side::Output, "BenchmarkDto", "CoachingBenchmark"),
    (Side::Output, "TotalsDto", "PayoutTotals"),
    (Side::Output, "ComponentDto", "ComponentResult"),
    (Side::Output, "LineDto", "TransactionLine"),
    (Side::Output, "StepDto", "PayoutStep"),
    (Side::Output, "PartDto", "StatementPart"),
    (Side::Output, "ChangeDto", "DiffChange"),
    (Side::Output, "EntryDto", "LedgerEntry"),
    (Side::Output, "SummaryDto", "LedgerPeriod"),
    (Side::Output, "MonthDto", "AccountingMonth"),
    (Side::Output, "CostDto", "AccountingCost"),
    (Side::Output, "AssetDto", "AccountingAsset"),
    (Side::Output, "AssetRowDto", "AmortizationRow"),
    (Side::Output, "JournalDto", "JournalEntry"),
    (Side::Output, "ConversionDto", "CurrencyConversion"),
    (Side::Output, "TotalDto", "EstimateTotal"),
    (Side::Output, "PipelineDealDto", "PipelineDealEstimate"),
    (Side::Output, "BinDto", "PayoutBin"),
    (Side::Output, "AssignmentDto", "TerritoryAssignment"),
    (Side::Output, "MetricsDto", "TerritoryMetrics"),
    (Side::Output, "PointOutDto", "Point"),
    (Side::Output, "AccuracyDto", "ForecastAccuracy"),
    (Side::Output, "IntervalDto", "ForecastInterval"),
    (Side::Output, "ParametersDto", "EtsParameters"),
    (Side::Output, "CandidateDto", "ModelCandidate"),
    (Side::Output, "AttainmentDto", "AttainmentInsight"),
    (Side::Output, "CoverageDto", "CoverageInsight"),
    (Side::Output, "CycleDto", "SalesCycle"),
    (Side::Output, "HealthDto", "PipelineHealth"),
    (Side::Output, "PercentilesDto", "SimPercentiles"),
    (Side::Output, "CurveInfoDto", "SimCurve"),
    (Side::Output, "RepResultDto", "SimRep"),
    (Side::Output, "UsedDistributionDto", "SimDistribution"),
    (Side::Output, "UnclaimedDto", "UnclaimedPrize"),
    (Side::Output, "ReportLineDto", "ImportLine"),
    (Side::Output, "SkippedDto", "SkippedRow"),
    (Side::Output, "Changes", "MergeChanges"),
    (Side::Output, "Updated", "MergeUpdate"),
];

/// The TypeScript name of a definition that is not a root: from the table above, else the Rust
/// name without `Dto`, with `Spec` added for an input struct whose name does not already say
/// what it is (`Input`, `Options`).
///
/// # Errors
/// A name schemars numbered because two DTOs share it (`TotalsDto2`): rename one.
pub fn default_name(def: &str, schema: &Value, side: Side) -> Result<String, String> {
    if let Some((_, _, name)) = NAMES.iter().find(|(s, d, _)| *s == side && *d == def) {
        return Ok(name.to_string());
    }
    if def.ends_with(|c: char| c.is_ascii_digit()) {
        return Err(format!(
            "{def}: two {side:?} DTOs have the same name; give one a TypeScript name with #[schemars(rename = \"…\")]"
        ));
    }
    let Some(stem) = def.strip_suffix("Dto") else { return Ok(def.to_string()) };
    let is_enum = schema.get("oneOf").or_else(|| schema.get("enum")).is_some();
    let spec = side == Side::Input && !is_enum && !stem.ends_with("Input") && !stem.ends_with("Options");
    Ok(if spec { format!("{stem}Spec") } else { stem.to_string() })
}

/// The top of the generated file.
pub const HEADER: &str = "\
// Generated by crates/typegen from the JSON Schemas of the DTOs (schemars): do not edit.
// Regenerate with `cargo run -p spm-typegen`; `cargo test -p spm-typegen` fails while this file
// is stale. The root package appends it to the wasm-bindgen declarations (pkg/*/spm_engine.d.ts).
//
// The types of spm-engine's JS API, schema version 1. What the engine reads (plans, payees,
// transactions, estimator states, options) is typed as it reads it: a member with a default is
// optional, an unknown member is an error. What it returns is typed as it writes it. Every
// decimal is a string (`DecimalString`, \"0.05\"): a number where a decimal belongs fails to
// compile here, and is rejected at run time with DECIMAL_NOT_STRING.
";

/// Thrown errors: a JS `Error` made by src/lib.rs (`to_js_error`), not a serde type.
pub const SPM_ERROR: &str = "\
/** Errors thrown by the engine are real `Error` objects with these extra members (src/lib.rs, `to_js_error`). */
export interface SpmError extends Error {
  name: \"SpmError\";
  /** The code of the first problem. */
  code: ErrorCode;
  /** Every problem found, each located by a JSON path or CSV position. */
  diagnostics: Diagnostic[];
}
";
