//! The generated types say what the engine really reads and writes: every golden scenario's and
//! sample's inputs validate against the schema of their input type, and what the engine returns
//! for them validates against the schema of its result type (the schemas the TypeScript is made
//! from, with decimal patterns, date formats and enums checked).
#![cfg(not(target_arch = "wasm32"))]

use serde_json::{json, Value};
use spm_typegen::roots::Side;
use std::collections::BTreeMap;
use std::path::PathBuf;

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(rel: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(workspace().join(rel)).unwrap()).unwrap()
}

/// The golden files of one area (`tests/golden/<area>/*.json`): each file's name and its `input`.
fn golden(area: &str) -> Vec<(String, Value)> {
    let dir = format!("tests/golden/{area}");
    let mut names: Vec<String> = std::fs::read_dir(workspace().join(&dir))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no files in {dir}");
    names.into_iter().map(|n| (format!("{dir}/{n}"), read(&format!("{dir}/{n}"))["input"].clone())).collect()
}

fn to_value<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap()
}

/// Validators by side and type name, and every failure found.
#[derive(Default)]
struct Checker {
    validators: BTreeMap<(bool, String), jsonschema::Validator>,
    checked: BTreeMap<String, usize>,
    failures: Vec<String>,
}

impl Checker {
    fn check(&mut self, side: Side, name: &str, what: &str, value: &Value) {
        let key = (side == Side::Input, name.to_string());
        let v = self.validators.entry(key).or_insert_with(|| {
            let schema = spm_typegen::json_schema(side, name).unwrap();
            jsonschema::options().should_validate_formats(true).build(&schema).unwrap()
        });
        *self.checked.entry(name.to_string()).or_default() += 1;
        for e in v.iter_errors(value) {
            self.failures.push(format!("{what} as {name}: {}: {e}", e.instance_path));
        }
    }

    fn each(&mut self, side: Side, name: &str, what: &str, list: &Value) {
        for (i, item) in list.as_array().unwrap_or_else(|| panic!("{what} is not an array")).iter().enumerate() {
            self.check(side, name, &format!("{what}[{i}]"), item);
        }
    }

    fn finish(self, expected: &[&str]) {
        let unchecked: Vec<&&str> = expected.iter().filter(|n| !self.checked.contains_key(**n)).collect();
        assert!(unchecked.is_empty(), "no value was checked against {unchecked:?}");
        let shown: Vec<&String> = self.failures.iter().take(60).collect();
        assert!(
            self.failures.is_empty(),
            "{} values do not match their generated types:\n{}",
            self.failures.len(),
            shown.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("\n")
        );
    }
}

/// The payout, ledger, estimate and designer areas over every golden file of those areas.
fn scenarios(c: &mut Checker) {
    use spm_wire::api;
    for (f, s) in ["payout", "ledger"].iter().flat_map(|a| golden(a)) {
        c.check(Side::Input, "PlanSpec", &format!("{f} plan"), &s["plan"]);
        c.each(Side::Input, "PayeeSpec", &format!("{f} payees"), &s["payees"]);
        c.each(Side::Input, "TransactionSpec", &format!("{f} transactions"), &s["transactions"]);
        if let Some(rates) = s.get("rates") {
            c.each(Side::Input, "RateSpec", &format!("{f} rates"), rates);
        }
        if let Some(events) = s.get("events") {
            c.each(Side::Input, "EventSpec", &format!("{f} events"), events);
        }
        // A golden file whose input the engine refuses (it expects an error) has no outputs; its
        // input was checked against the types above.
        let Ok(plan) = api::compile_plan(&s["plan"].to_string()) else { continue };
        let Ok(mut data) = api::load_json(&s["transactions"].to_string(), &s["payees"].to_string()) else { continue };
        if let Some(r) = s.get("rates") {
            api::set_rates(&mut data, &r.to_string()).unwrap();
        }
        let Ok(report) = api::run(&plan, &data) else { continue };
        c.check(Side::Output, "PayoutReport", &format!("{f} report"), &to_value(&report));
        let events = s.get("events").map_or_else(String::new, Value::to_string);
        if let Ok(ledger) = api::ledger(&plan, &data, &events, s.get("through").and_then(Value::as_str)) {
            c.check(Side::Output, "LedgerReport", &format!("{f} ledger"), &to_value(&ledger));
        }
        if let Some(payee) = s["payees"][0]["id"].as_str() {
            let statements = to_value(&api::statements_for(&plan, &data, payee).unwrap());
            c.each(Side::Output, "Statement", &format!("{f} statements"), &statements);
        }
        c.check(Side::Output, "PlanDiff", &format!("{f} diff"), &to_value(&api::diff(&plan, &plan, &data).unwrap()));
        let backtest = spm_analytics::design::backtest(&plan, &data).unwrap();
        c.check(Side::Output, "Backtest", &format!("{f} backtest"), &to_value(&backtest));
        if let Ok(curve) = spm_analytics::design::attainment_curve(&plan, &Default::default()) {
            c.check(Side::Output, "AttainmentCurve", &format!("{f} attainment curve"), &to_value(&curve));
        }
    }
    for (f, s) in golden("estimate") {
        c.check(Side::Input, "PlanSpec", &format!("{f} plan"), &s["plan"]);
        let plan = api::compile_plan(&s["plan"].to_string()).unwrap();
        estimate(c, &f, &plan, &s);
    }
}

fn estimate(c: &mut Checker, f: &str, plan: &spm_wire::api::CompiledPlan, est: &Value) {
    use spm_analytics::estimate::{parse_deals, Estimator};
    let state = est.get("state").cloned().unwrap_or(json!({}));
    c.check(Side::Input, "EstimatorState", &format!("{f} state"), &state);
    let s = spm_wire::spec::estimate::read_state(&state.to_string()).unwrap();
    let estimator = Estimator::from_state(plan, s.data, s.payee_id, s.as_of).unwrap();
    for key in ["deals", "pipeline"] {
        let Some(deals) = est.get(key) else { continue };
        c.each(Side::Input, "DealSpec", &format!("{f} {key}"), deals);
        let parsed = parse_deals(&deals.to_string()).unwrap();
        if key == "deals" {
            c.check(
                Side::Output,
                "Estimate",
                &format!("{f} estimate"),
                &to_value(&estimator.estimate(&parsed).unwrap()),
            );
            if let Some(first) = parsed.first() {
                let curve = to_value(&estimator.curve(first, 5).unwrap());
                c.check(Side::Output, "EstimateCurve", &format!("{f} curve"), &curve);
            }
        } else {
            let pipeline = to_value(&estimator.pipeline(&parsed).unwrap());
            c.check(Side::Output, "PipelineEstimate", &format!("{f} pipeline"), &pipeline);
        }
    }
}

/// The sample company through every area that reads a plan and a dataset.
fn sample_company(c: &mut Checker) {
    use spm_wire::api;
    let s = spm_sample::generate();
    let payees: Value = serde_json::from_str(&s.payees).unwrap();
    c.each(Side::Input, "PayeeSpec", "sample payees", &payees);
    let mut plans = Vec::new();
    for (i, text) in s.plans.iter().enumerate() {
        c.check(Side::Input, "PlanSpec", &format!("sample plan {i}"), &serde_json::from_str(text).unwrap());
        plans.push(api::compile_plan(text).unwrap());
    }
    let mut data = api::load_csv(&s.transactions_csv, &s.payees).unwrap();
    api::set_rates(&mut data, &s.rates_csv).unwrap();
    let ledger = api::ledger(&plans[0], &data, &s.events_csv, None).unwrap();
    c.check(Side::Output, "LedgerReport", "sample ledger", &to_value(&ledger));
    for p in &ledger.payees {
        c.check(Side::Output, "PayeeLedger", "sample payee ledger", &to_value(p));
    }
    c.each(Side::Output, "AccountingBooks", "sample accounting", &to_value(&ledger.accounting));
    if let [old, new, ..] = plans.as_slice() {
        c.check(Side::Output, "PlanDiff", "sample diff", &to_value(&api::diff(old, new, &data).unwrap()));
        let changes = spm_analytics::design::plan_changes(&s.plans[0], &s.plans[1]).unwrap();
        c.each(Side::Output, "PlanChange", "sample plan changes", &to_value(&changes));
    }
    // The payee of the first deal (header id,date,payeeId,…).
    let first_deal: Vec<&str> = s.transactions_csv.lines().nth(1).unwrap().split(',').collect();
    let payee = first_deal[2];
    let estimator = spm_analytics::estimate::estimator_for(&plans[0], &data, payee, None).unwrap();
    let deals = spm_analytics::estimate::parse_deals(r#"[{"amount":"25000.00","probability":"0.5"}]"#).unwrap();
    c.check(Side::Output, "Estimate", "sample estimate", &to_value(&estimator.estimate(&deals).unwrap()));

    let opportunities: Value = serde_json::from_str(&spm_analytics::insight::sample_json(7)).unwrap();
    c.check(Side::Input, "OpportunitySet", "insight sample", &opportunities);
    let options = json!({ "agedDays": 60, "benchmark": "team" });
    c.check(Side::Input, "InsightOptions", "insight options", &options);
    let insights =
        spm_analytics::insight::insights_json(&plans[0], &data, &opportunities.to_string(), Some(&options.to_string()))
            .unwrap();
    c.check(Side::Output, "InsightsResult", "insights", &to_value(&insights));
    let sentiment = spm_analytics::insight::sentiment("The demo went NOT badly, but the price is really too high!")
        .expect("a short text is scored");
    c.check(Side::Output, "SentimentScore", "sentiment", &to_value(&sentiment));

    let options = json!({ "seed": 3, "trials": 200, "correlation": "0.2", "budget": "1000000.00" });
    c.check(Side::Input, "SimulationOptions", "simulation options", &options);
    let opts = serde_json::from_value(options).unwrap();
    let mut sim = spm_analytics::simulate::Simulation::new(&plans[0], &data, &opts).unwrap();
    c.check(Side::Output, "SimulationResult", "simulation step", &to_value(&sim.step(50)));
    c.check(Side::Output, "SimulationResult", "simulation", &to_value(&sim.result()));
    let sens_options = json!({ "trials": 50, "step": "0.2" });
    c.check(Side::Input, "SensitivityOptions", "sensitivity options", &sens_options);
    let sensitivity = spm_analytics::simulate::sensitivity(
        &s.plans[0],
        &api::compile_plan,
        &data,
        sim.options(),
        &serde_json::from_value(sens_options).unwrap(),
    )
    .unwrap();
    c.check(Side::Output, "Sensitivity", "sensitivity", &to_value(&sensitivity));

    let mut scoring = spm_scoring::Scoreboard::from_text(
        &spm_scoring::sample_defs(),
        Some(&spm_scoring::sample_roster(20, 5)),
        &spm_scoring::sample_csv(20, 2000, 5),
    )
    .unwrap();
    scoring.with_plan(&plans[0], &data).unwrap();
    c.check(Side::Output, "ScoringReport", "scoring sample report", &to_value(&scoring.report().unwrap()));
}

/// Quota, capacity, territory, forecast and scoring over their golden files and samples.
fn planning_and_analytics(c: &mut Checker) {
    use spm_planning::quota;
    for (f, input) in golden("capacity") {
        c.check(Side::Input, "CapacityInput", &f, &input);
        let r = quota::capacity_plan_json(&input.to_string()).unwrap();
        c.check(Side::Output, "CapacityPlanResult", &f, &to_value(&r));
    }
    for (f, input) in golden("quota") {
        c.check(Side::Input, "QuotaPlanInput", &f, &input);
        c.check(Side::Output, "QuotaPlanResult", &f, &to_value(&quota::quota_plan_json(&input.to_string()).unwrap()));
    }
    let sample: Value = serde_json::from_str(&quota::sample_input()).unwrap();
    c.check(Side::Input, "QuotaPlanInput", "quota sample", &sample);
    c.check(
        Side::Output,
        "QuotaPlanResult",
        "quota sample",
        &to_value(&quota::quota_plan_json(&sample.to_string()).unwrap()),
    );

    let input = to_value(&spm_planning::territory::sample(60, 5, 11));
    c.check(Side::Input, "TerritoryInput", "territory sample", &input);
    let options = json!({ "seed": 2, "maxIterations": 4, "weights": { "balance": "1", "compactness": "0.002", "disruption": "0.0002" } });
    c.check(Side::Input, "BalanceOptions", "balance options", &options);
    let mut model = spm_planning::territory::Model::from_json(&input.to_string()).unwrap();
    let balanced = model.balance(&serde_json::from_value(options).unwrap()).unwrap();
    c.check(Side::Output, "TerritoryResult", "territory balance", &to_value(&balanced));
    let first = input["accounts"][0]["id"].as_str().unwrap().to_string();
    let target = input["territories"][1]["id"].as_str().unwrap();
    let moved = model.move_accounts(&[first, "no-such-account".into()], target).unwrap();
    c.check(Side::Output, "MoveOutcome", "territory move", &to_value(&moved));
    c.check(Side::Output, "TerritorySummary", "territory summary", &to_value(&model.summary()));
    c.check(Side::Output, "TerritoryResult", "territory result", &to_value(&model.result()));

    for (f, input) in golden("forecast_pipeline") {
        c.check(Side::Input, "PipelineInput", &f, &input);
        let r = spm_analytics::forecast::pipeline_json(&input.to_string()).unwrap();
        c.check(Side::Output, "PipelineForecast", &f, &to_value(&r));
    }
    for (f, input) in golden("forecast") {
        c.check(Side::Input, "ForecastInput", &f, &input);
        let r = spm_analytics::forecast::forecast_json(&input.to_string()).unwrap();
        c.check(Side::Output, "ForecastResult", &f, &to_value(&r));
    }
    let sample: Value = serde_json::from_str(&spm_analytics::forecast::sample::sample_json(4)).unwrap();
    c.check(Side::Input, "ForecastInput", "forecast sample", &sample);
    let r = spm_analytics::forecast::forecast_json(&sample.to_string()).unwrap();
    c.check(Side::Output, "ForecastResult", "forecast sample", &to_value(&r));

    for (f, s) in golden("scoring") {
        c.check(Side::Input, "ScoringDefinitions", &f, &s["defs"]);
        if let Some(roster) = s.get("roster").filter(|r| r.is_array()) {
            c.each(Side::Input, "RosterRep", &format!("{f} roster"), roster);
        }
        let events = match &s["events"] {
            Value::String(csv) => csv.clone(),
            list => {
                c.each(Side::Input, "ScoringEvent", &format!("{f} events"), list);
                list.to_string()
            }
        };
        let roster = s.get("roster").filter(|r| !r.is_null()).map(Value::to_string);
        let board = spm_scoring::Scoreboard::from_text(&s["defs"].to_string(), roster.as_deref(), &events).unwrap();
        c.check(Side::Output, "ScoringReport", &f, &to_value(&board.report().unwrap()));
        c.each(Side::Output, "ContestAward", &format!("{f} prizes"), &to_value(&board.spiff_rows().unwrap()));
        for (i, request) in s["defs"]["leaderboards"].as_array().into_iter().flatten().enumerate() {
            c.check(Side::Input, "LeaderboardSpec", &format!("{f} leaderboards[{i}]"), request);
            let text = board.leaderboard_json(&request.to_string()).unwrap();
            let result: Value = serde_json::from_str(&text).unwrap();
            c.check(Side::Output, "LeaderboardResult", &format!("{f} leaderboard {i}"), &result);
        }
    }
    let defs: Value = serde_json::from_str(&spm_scoring::sample_defs()).unwrap();
    c.check(Side::Input, "ScoringDefinitions", "scoring sample defs", &defs);
    let roster: Value = serde_json::from_str(&spm_scoring::sample_roster(14, 2)).unwrap();
    c.each(Side::Input, "RosterRep", "scoring sample roster", &roster);
}

#[test]
fn inputs_and_results_match_their_generated_types() {
    let mut c = Checker::default();
    scenarios(&mut c);
    sample_company(&mut c);
    planning_and_analytics(&mut c);
    let diagnostics: Vec<_> = spm_wire::api::validate_plan(r#"{"schemaVersion":1,"components":[{"id":"x"}]}"#)
        .iter()
        .map(spm_base::error::DiagnosticDto::from)
        .collect();
    c.each(Side::Output, "Diagnostic", "diagnostics", &to_value(&diagnostics));
    workspace_documents(&mut c);
    let adjustments =
        json!([{ "payeeId": "r1", "date": "2026-03-31", "amount": "500.00", "kind": "spiff", "reason": "Q1 contest" }]);
    c.each(Side::Input, "AdjustmentSpec", "adjustments", &adjustments);
    c.check(
        Side::Input,
        "CurveOptions",
        "curve options",
        &json!({ "quota": "100000", "points": 21, "asOf": "2026-02-01" }),
    );
    c.finish(&[
        "PlanSpec",
        "PayeeSpec",
        "TransactionSpec",
        "EstimatorState",
        "DealSpec",
        "RateSpec",
        "EventSpec",
        "PayoutReport",
        "Statement",
        "PlanDiff",
        "LedgerReport",
        "PayeeLedger",
        "AccountingBooks",
        "Estimate",
        "PipelineEstimate",
        "EstimateCurve",
        "AttainmentCurve",
        "Backtest",
        "PlanChange",
        "QuotaPlanResult",
        "CapacityPlanResult",
        "TerritoryResult",
        "TerritorySummary",
        "MoveOutcome",
        "ForecastResult",
        "PipelineForecast",
        "InsightsResult",
        "SentimentScore",
        "SimulationResult",
        "Sensitivity",
        "ScoringReport",
        "LeaderboardResult",
        "ContestAward",
        "Diagnostic",
        "Workspace",
        "QuotaInputOptions",
        "ScoringInput",
        "WorkspacePlaces",
    ]);
}

/// The sample workspace and what is derived from it (issue 20), against their generated types.
fn workspace_documents(c: &mut Checker) {
    use spm_wire::workspace::{self, text};
    let ws = workspace::sample_workspace();
    let value: Value = serde_json::from_str(&workspace::write(&ws)).unwrap();
    c.check(Side::Input, "Workspace", "sample workspace", &value);
    let people = serde_json::to_string(&ws.people).unwrap();
    let options = json!({ "year": 2027, "growthPercent": "8" });
    c.check(Side::Input, "QuotaInputOptions", "quota options", &options);
    let quota = text::quota_input_json(&people, &ws.deals_csv, &options.to_string()).unwrap();
    c.check(Side::Input, "QuotaPlanInput", "workspace quota input", &serde_json::from_str(&quota).unwrap());
    let scoring = text::scoring_input_json(&people, &ws.deals_csv, &ws.activity_csv).unwrap();
    c.check(Side::Input, "ScoringInput", "workspace scoring input", &serde_json::from_str(&scoring).unwrap());
    let places = text::accounts_json(&people, &ws.deals_csv).unwrap();
    c.check(Side::Input, "WorkspacePlaces", "workspace accounts", &serde_json::from_str(&places).unwrap());
    let accounts = serde_json::to_string(&ws.accounts).unwrap();
    let territories = serde_json::to_string(&ws.territories).unwrap();
    let input = text::territory_input_json(&people, &accounts, &territories).unwrap();
    c.check(Side::Input, "TerritoryInput", "workspace territory input", &serde_json::from_str(&input).unwrap());
}

#[test]
fn the_checker_catches_what_the_types_forbid() {
    let mut c = Checker::default();
    let mut report = to_value(
        &spm_wire::api::run(
            &spm_wire::api::compile_plan(
                &read("tests/golden/payout/tiers_flat_highest.json")["input"]["plan"].to_string(),
            )
            .unwrap(),
            &spm_wire::api::load_json("[]", "[]").unwrap(),
        )
        .unwrap(),
    );
    report["totals"]["payout"] = json!(12.5);
    report["periods"] = json!(["2026-Q1", 3]);
    c.check(Side::Output, "PayoutReport", "report", &report);
    let tier = json!({ "schemaVersion": 1, "id": "p", "name": "P", "currency": "USD", "components": [
        { "id": "c", "name": "C", "kind": "commision", "rateTabel": {} }
    ], "effectiveFrom": "2026-02-30" });
    c.check(Side::Input, "PlanSpec", "plan", &tier);
    let found = c.failures.join("\n");
    for expected in ["/totals/payout", "/periods/1", "/components/0/kind", "rateTabel", "/effectiveFrom"] {
        assert!(found.contains(expected), "{expected} not reported in:\n{found}");
    }
}
