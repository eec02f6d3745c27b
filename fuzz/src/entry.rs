//! One entry point per fuzz target: [`run`] feeds the input to the parser the way the JS boundary
//! (`src/wasm/`) does, runs what a page would run next on an accepted input, and asserts the
//! invariants that are cheap to check:
//!
//! - nothing panics (a panic is the crash libFuzzer reports);
//! - every error is coded, never `INTERNAL` (a bug in the engine), with a message;
//! - an accepted plan re-serialises to JSON that parses back to the same plan, and validation
//!   of an accepted plan reports no error;
//! - a parsed formula prints back as its source and parses again to the same formula.
//!
//! Inputs made of several documents (transactions and payees, a CSV and its mapping, …) are
//! split at NUL bytes, which no JSON or CSV seed contains. This file is shared: the fuzz crate
//! compiles it as `spm_engine_fuzz::entry`, and `tests/fuzz_regressions.rs` includes it by path
//! so every saved crash input runs through exactly the same code in the ordinary test suite.

use spm_base::error::{Code, Error};
use spm_core::data::Dataset;
use spm_core::payout::Detail;
use spm_wire::api::{self, CompiledPlan};
use std::sync::OnceLock;

/// Every target, as named in `fuzz/Cargo.toml` and `tests/fuzz_regressions/<target>/`.
pub const TARGETS: [&str; 15] = [
    "plan_json",
    "formula",
    "dataset_csv",
    "dataset_json",
    "import_csv",
    "scalars",
    "ledger",
    "estimate",
    "design",
    "simulate",
    "quota",
    "territory",
    "forecast",
    "insight",
    "scoring",
];

/// What one input gave: `Ok`, or the code of the first error (every error is checked on the way).
pub type Outcome = Result<(), Code>;

/// Runs `data` through target `target`.
///
/// # Panics
/// On an unknown target, and whenever an invariant does not hold (that is the point).
pub fn run(target: &str, data: &[u8]) -> Outcome {
    let Ok(text) = std::str::from_utf8(data) else {
        // The JS boundary only passes strings (and `Dataset.fromCsvBytes` checks UTF-8 first).
        return Ok(());
    };
    match target {
        "plan_json" => plan_json(text),
        "formula" => formula(text),
        "dataset_csv" => dataset(text, true),
        "dataset_json" => dataset(text, false),
        "import_csv" => import_csv(text),
        "scalars" => scalars(text),
        "ledger" => ledger(text),
        "estimate" => estimate(text),
        "design" => design(text),
        "simulate" => simulate(text),
        "quota" => quota(text),
        "territory" => territory(text),
        "forecast" => forecast(text),
        "insight" => insight(text),
        "scoring" => scoring(text),
        other => panic!("unknown fuzz target {other}"),
    }
}

/// Checks an engine error: coded, not INTERNAL, with a message.
fn check(e: &Error) -> Code {
    assert!(e.code != Code::Internal, "INTERNAL error (an engine bug): {e}");
    assert!(!e.message.is_empty(), "error {} without a message", e.code);
    e.code
}

/// `Ok(v)` or the checked code.
fn ok<T>(r: spm_base::Result<T>) -> Result<T, Code> {
    r.map_err(|e| check(&e))
}

/// The first `n` NUL-separated parts of `text`; absent parts are `None`.
fn parts(text: &str, n: usize) -> Vec<Option<&str>> {
    let mut it = text.splitn(n, '\0');
    (0..n).map(|_| it.next()).collect()
}

/// A small fixed world for targets that need a plan and a dataset: the sample company's first
/// plan, its payees and its first 400 deals.
struct Fixture {
    plan: CompiledPlan,
    data: Dataset,
    plan_text: String,
    payees: String,
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let s = spm_sample::generate();
        let plan_text = s.plans.first().cloned().unwrap_or_default();
        let plan = api::compile_plan(&plan_text).unwrap_or_else(|e| panic!("sample plan: {e}"));
        let csv: String = s.transactions_csv.lines().take(401).flat_map(|l| [l, "\n"]).collect();
        let data = api::load_csv(&csv, &s.payees).unwrap_or_else(|e| panic!("sample data: {e}"));
        Fixture { plan, data, plan_text, payees: s.payees }
    })
}

fn plan_json(text: &str) -> Outcome {
    let diags = api::validate_plan(text);
    let compiled = api::compile_plan(text);
    let Ok(plan) = compiled.as_ref().map_err(check) else {
        assert!(!diags.is_empty(), "a rejected plan must have a diagnostic");
        return compiled.map(|_| ()).map_err(|e| e.code);
    };
    assert!(
        diags.iter().all(|d| d.severity != spm_base::Severity::Error),
        "validate reports an error for a plan that compiles"
    );
    // Re-serialise: the wire form of the accepted DTO parses back to the same DTO.
    let dto = spm_wire::spec::plan::parse(text).unwrap_or_else(|e| panic!("compiled but does not parse: {e}"));
    let again = serde_json::to_string(&dto).unwrap_or_else(|e| panic!("does not serialise: {e}"));
    let back = spm_wire::spec::plan::parse(&again).unwrap_or_else(|e| panic!("re-serialised plan rejected: {e}"));
    assert_eq!(dto, back, "plan changed through a JSON round trip");
    let f = fixture();
    let _ = ok(api::run_json(plan, &f.data, Detail::Summary));
    let _ = ok(api::diff(&f.plan, plan, &f.data));
    let _ = ok(spm_analytics::design::attainment_curve(plan, &Default::default()));
    Ok(())
}

/// An environment that knows every name: bare names are 7, calls return their first number or 3.
struct AnyEnv;

impl spm_plan::formula::Env for AnyEnv {
    fn var(&self, name: &str) -> Option<spm_plan::formula::Value> {
        use spm_plan::formula::Value;
        match name {
            "flag" => Some(Value::Bool(true)),
            "label" => Some(Value::Str("x".into())),
            "missing" => None,
            _ => Some(Value::Decimal(7.into())),
        }
    }
    fn call(&self, name: &str, args: &[spm_plan::formula::Value]) -> Result<Option<spm_plan::formula::Value>, String> {
        use spm_plan::formula::Value;
        match name {
            "refuse" => Err("refused".into()),
            "unknown" => Ok(None),
            _ => Ok(Some(args.first().cloned().unwrap_or(Value::Decimal(3.into())))),
        }
    }
}

fn formula(text: &str) -> Outcome {
    use spm_plan::formula::Formula;
    let f = match Formula::parse(text) {
        Ok(f) => f,
        Err(e) => {
            assert!(e.column >= 1, "formula error without a column: {e}");
            return Err(e.kind.code());
        }
    };
    assert_eq!(f.to_string(), text, "a formula prints back as its source");
    assert_eq!(Formula::parse(f.source()).as_ref().ok(), Some(&f), "parsing is deterministic");
    let _ = f.references();
    match f.eval(&AnyEnv) {
        Ok(_) => Ok(()),
        Err(e) => {
            assert!(e.column >= 1, "evaluation error without a column: {e}");
            Err(e.kind.code())
        }
    }
}

/// Transactions (CSV or JSON) `\0` payees JSON (the fixture's payees when absent); then the
/// implicit payees, the plan run and the back-test, as the designer does.
fn dataset(text: &str, csv: bool) -> Outcome {
    let p = parts(text, 2);
    let (txns, payees) = (p[0].unwrap_or(""), p[1].unwrap_or(&fixture().payees));
    let _ = ok(api::implicit_payees(txns, csv));
    let data = ok(if csv { api::load_csv(txns, payees) } else { api::load_json(txns, payees) })?;
    let f = fixture();
    let _ = ok(api::run_json(&f.plan, &data, Detail::Full));
    let _ = ok(spm_analytics::design::backtest(&f.plan, &data));
    Ok(())
}

/// Kind byte (t/p/h/q) then CSV `\0` mapping JSON `\0` payees JSON, as `importCsv` takes them.
fn import_csv(text: &str) -> Outcome {
    use spm_wire::io::import as imp;
    use spm_wire::spec::import::{parse_mapping, Kind};
    let mut chars = text.chars();
    let kind = match chars.next() {
        Some('p') => Kind::Payees,
        Some('h') => Kind::Hierarchy,
        Some('q') => Kind::Quotas,
        _ => Kind::Transactions,
    };
    let p = parts(chars.as_str(), 3);
    let (csv, mapping) = (p[0].unwrap_or(""), p[1].unwrap_or("{}"));
    let mapping = ok(parse_mapping(mapping))?;
    let payees: Option<Vec<spm_wire::spec::data::PayeeDto>> =
        p[2].map(|t| ok(spm_base::json::from_str(t, "the payees"))).transpose()?;
    let out = match kind {
        Kind::Transactions => ok(imp::import_transactions(csv, &mapping, payees.as_deref()))
            .map(|r| serde_json::to_string(&r.records).map(|_| ())),
        Kind::Payees => ok(imp::import_payees(csv, &mapping)).map(|r| serde_json::to_string(&r.records).map(|_| ())),
        Kind::Hierarchy | Kind::Quotas => {
            let mut list = payees.unwrap_or_default();
            let r = if kind == Kind::Hierarchy {
                imp::import_hierarchy(csv, &mapping, &mut list)
            } else {
                imp::import_quotas(csv, &mapping, &mut list)
            };
            ok(r).map(|_| serde_json::to_string(&list).map(|_| ()))
        }
    }?;
    out.unwrap_or_else(|e| panic!("imported records do not serialise: {e}"));
    Ok(())
}

/// The small text readers: CRM amounts, numbers, shares and dates in every format, split lists,
/// decimals, dates, periods and windows. Each must return `None` rather than panic, and a value
/// it reads must be in range.
fn scalars(text: &str) -> Outcome {
    use spm_wire::io::presets;
    use spm_wire::spec::import::DateFormat;
    for dec in ['.', ','] {
        let _ = presets::parse_amount(text, dec);
        let _ = presets::parse_number(text, dec);
        for pct in [false, true] {
            if let Some(s) = presets::parse_share(text, dec, pct) {
                assert!(!s.is_sign_negative() || s.is_zero(), "negative share {s} from {text:?}");
            }
        }
    }
    for f in [DateFormat::Ymd, DateFormat::Mdy, DateFormat::Dmy, DateFormat::DmyDot] {
        let _ = presets::parse_date(text, f);
    }
    let _ = spm_wire::io::csv::parse_splits(text);
    let _ = spm_base::dec::parse_decimal(text);
    if let Some(d) = spm_base::period::Date::parse(text) {
        assert_eq!(spm_base::period::Date::parse(&d.to_string()), Some(d), "a date prints back");
    }
    let _ = spm_core::payout::run::Window::parse(text);
    let _ = spm_analytics::insight::sentiment(text);
    Ok(())
}

/// Events (CSV or JSON) `\0` rates (CSV or JSON) `\0` through-period `\0` payee adjustments
/// (CSV or JSON); then the ledger run.
fn ledger(text: &str) -> Outcome {
    let p = parts(text, 4);
    let f = fixture();
    let mut data = f.data.clone();
    if let Some(rates) = p[1] {
        ok(api::set_rates(&mut data, rates))?;
    }
    // Payee adjustments (SPIFF prizes, corrections), the fourth document: parsed alone, then
    // booked with the events.
    let adjustments = p[3].unwrap_or("");
    let _ = ok(spm_wire::spec::ledger::parse_adjustments(adjustments));
    let _ = ok(spm_wire::spec::ledger::parse_events(p[0].unwrap_or("")))?;
    let _ = ok(api::ledger_with(&f.plan, &data, p[0].unwrap_or(""), p[2], adjustments))?;
    Ok(())
}

/// Estimator state JSON `\0` deals JSON `\0` payee id `\0` as-of date; then estimate, pipeline
/// and curve, as the rep page and `<spm-estimator>` do.
fn estimate(text: &str) -> Outcome {
    let p = parts(text, 4);
    let f = fixture();
    let est = match p[2] {
        Some(payee) => ok(spm_analytics::estimate::estimator_for(&f.plan, &f.data, payee, p[3]))?,
        None => ok(spm_wire::spec::estimate::read_state(p[0].unwrap_or(""))
            .and_then(|s| spm_analytics::estimate::Estimator::from_state(&f.plan, s.data, s.payee_id, s.as_of)))?,
    };
    let deals = ok(spm_analytics::estimate::parse_deals(p[1].unwrap_or("[]")))?;
    let _ = ok(est.estimate_with(&deals, true));
    let _ = ok(est.pipeline(&deals));
    if let Some(first) = deals.first() {
        let _ = ok(est.curve(first, 21));
    }
    Ok(())
}

/// Curve options JSON `\0` old plan `\0` new plan (the fixture's plan when absent).
fn design(text: &str) -> Outcome {
    let p = parts(text, 3);
    let f = fixture();
    let opts = ok(spm_base::json::from_str(p[0].unwrap_or("{}"), "the curve options"))?;
    let _ = ok(spm_analytics::design::attainment_curve(&f.plan, &opts));
    if let Some(old) = p[1] {
        let _ = ok(spm_analytics::design::plan_changes(old, p[2].unwrap_or(&f.plan_text)));
    }
    Ok(())
}

/// Simulation options JSON `\0` sensitivity options JSON; a few trials, as the costing page does.
/// The sensitivity options are parsed but the tornado is not computed: it reruns the plan dozens
/// of times (14 s per input under the sanitizer), which would leave no time for fuzzing.
fn simulate(text: &str) -> Outcome {
    use spm_analytics::simulate::dto::SensitivityOptionsDto;
    let p = parts(text, 2);
    let f = fixture();
    let mut sim = ok(spm_analytics::simulate::Simulation::from_json(&f.plan, &f.data, p[0].unwrap_or("{}")))?;
    let _ = sim.step(3);
    let _ = sim.result_json();
    if let Some(s) = p[1] {
        let _: SensitivityOptionsDto = ok(spm_base::json::from_str(s, "the sensitivity options"))?;
    }
    Ok(())
}

/// A quota plan, or (when it starts with `c`) a capacity plan.
fn quota(text: &str) -> Outcome {
    match text.strip_prefix('c') {
        Some(rest) => ok(spm_planning::quota::capacity_plan_json(rest)).map(|_| ()),
        None => ok(spm_planning::quota::quota_plan_json(text)).map(|_| ()),
    }
}

/// Territory input JSON `\0` balance options JSON `\0` account `\0` territory to move it to.
fn territory(text: &str) -> Outcome {
    let p = parts(text, 4);
    let mut m = ok(spm_planning::territory::Model::from_json(p[0].unwrap_or("")))?;
    let _ = m.result_json();
    if let Some(o) = p[1] {
        let opts = ok(spm_base::json::from_str(o, "the balance options"))?;
        let _ = ok(m.balance(&opts));
    }
    if let (Some(a), Some(t)) = (p[2], p[3]) {
        let _ = ok(m.move_account(a, t));
    }
    let _ = m.assignment_csv();
    Ok(())
}

/// A forecast input, or (when it starts with `p`) a pipeline input.
fn forecast(text: &str) -> Outcome {
    match text.strip_prefix('p') {
        Some(rest) => ok(spm_analytics::forecast::pipeline_json_text(rest)).map(|_| ()),
        None => ok(spm_analytics::forecast::forecast_json_text(text)).map(|_| ()),
    }
}

/// Opportunity set JSON `\0` insight options JSON, over the fixture's plan and data.
fn insight(text: &str) -> Outcome {
    let p = parts(text, 2);
    let f = fixture();
    ok(spm_analytics::insight::insights_json_text(&f.plan, &f.data, p[0].unwrap_or(""), p[1])).map(|_| ())
}

/// Definitions JSON `\0` events (CSV or JSON) `\0` roster JSON `\0` leaderboard request JSON.
fn scoring(text: &str) -> Outcome {
    let p = parts(text, 4);
    let mut b = ok(spm_scoring::Scoreboard::from_text(p[0].unwrap_or(""), p[2], p[1].unwrap_or("")))?;
    let _ = ok(b.report_json());
    let _ = ok(b.spiff_csv());
    if let Some(r) = p[3] {
        let _ = ok(b.leaderboard_json(r));
    }
    let f = fixture();
    let _ = ok(b.with_plan(&f.plan, &f.data));
    Ok(())
}
