//! What a plan needs of its payees, on the wire: `Requirements` (`PlanEngine.requirements()`)
//! and `PayeeGap`s (`PlanEngine.missingData(payees, ratesCsv?)`), from `spm_core::needs`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use spm_base::error::{Error, Result, Severity};
use spm_base::schema::DateString;
use spm_core::needs::{self, Need, PayeeGap, Requirements};
use spm_plan::CompiledPlan;

/// What a plan needs of its payees over a year of its periods.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RequirementsDto {
    /// The plan currency.
    pub currency: String,
    /// The periods looked at (`2026-Q1` …), in order.
    pub periods: Vec<String>,
    /// Each need, by component in plan order, then kind and key.
    pub needs: Vec<NeedDto>,
    /// What exchange rates are needed, in a sentence.
    pub rates: String,
}

/// One piece of payee data a component needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NeedDto {
    /// What kind of data.
    #[schemars(extend("enum" = ["quota", "targetIncentive", "input", "mbo", "rate"]))]
    pub kind: String,
    /// The component's id.
    pub component: String,
    /// The component's name.
    pub component_name: String,
    /// Quota keys accepted (component id, then measure id), the input's name or the goal's id.
    pub keys: Vec<String>,
    /// The periods it is read in.
    pub periods: Vec<String>,
    /// Roles it applies to; absent for every role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roles: Option<Vec<String>>,
    /// Payees it applies to by id; absent for every payee of those roles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payees: Option<Vec<String>>,
    /// An MBO goal's due date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DateString>")]
    pub due: Option<String>,
    /// Whether a payout run stops without it (quotas, target incentive, inputs).
    pub stops_payout: bool,
    /// What is needed, in a phrase.
    pub what: String,
}

/// A payee who lacks something the plan needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PayeeGapDto {
    /// The payee's id.
    pub payee_id: String,
    /// The payee's name.
    pub name: String,
    /// What is missing.
    pub items: Vec<GapDto>,
}

/// One thing a payee lacks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GapDto {
    /// What kind of data.
    #[schemars(extend("enum" = ["quota", "targetIncentive", "input", "mbo", "rate"]))]
    pub kind: String,
    /// The component that reads it (empty for an exchange rate).
    pub component: String,
    /// The component's name (empty for an exchange rate).
    pub component_name: String,
    /// Quota keys accepted, the input's name, the goal's id, or the rate's two currencies.
    pub keys: Vec<String>,
    /// The periods it is missing in (empty for a target incentive).
    pub periods: Vec<String>,
    /// Whether a payout run stops without it.
    pub stops_payout: bool,
    /// What is missing, in a few words.
    pub what: String,
    /// For the comp admin.
    pub sentence: String,
    /// For the rep.
    pub rep_sentence: String,
}

/// The periods of `year`, or of the plan's own year, or of `fallback`.
fn periods(plan: &CompiledPlan, year: Option<i32>, fallback: i32) -> Vec<spm_base::period::Period> {
    let year = year.or_else(|| needs::plan_year(&plan.plan)).unwrap_or(fallback);
    needs::year_periods(&plan.plan, year)
}

/// What `plan` needs of its payees in the periods of `year` (the year of its first version's
/// first day when absent, else `fallback`).
pub fn requirements(plan: &CompiledPlan, year: Option<i32>, fallback: i32) -> RequirementsDto {
    let r: Requirements = needs::requirements(plan, &periods(plan, year, fallback));
    let cur = r.currency.code();
    let at = if plan.plan.head().is_some_and(|h| h.payout.convert_at_period_end) {
        "the last day of its period"
    } else {
        "its date"
    };
    RequirementsDto {
        currency: cur.to_string(),
        periods: r.periods.iter().map(|p| p.label()).collect(),
        needs: r.needs.iter().map(need).collect(),
        rates: format!(
            "A payee paid in another currency than {cur} needs a rate from {cur} into that currency on or before the last day of each period; a deal in another currency needs a rate from its currency into {cur} on or before {at}."
        ),
    }
}

fn need(n: &Need) -> NeedDto {
    NeedDto {
        kind: n.kind.as_str().to_string(),
        component: n.component.clone(),
        component_name: n.component_name.clone(),
        keys: n.keys.clone(),
        periods: n.periods.iter().map(|p| p.label()).collect(),
        roles: n.roles.clone(),
        payees: n.payees.clone(),
        due: n.due.map(|d| d.to_string()),
        stops_payout: n.kind.stops_payout(),
        what: n.what.clone(),
    }
}

/// The payees of `payees_json` (a JSON array of `PayeeSpec`) who lack something `plan` needs in
/// the periods of `year` (as for [`requirements`]), with exchange rates from `rates` (JSON or
/// CSV `from,to,date,rate`; empty for none).
///
/// # Errors
/// Located problems in the payees or the rates.
pub fn missing(
    plan: &CompiledPlan,
    payees_json: &str,
    rates: &str,
    year: Option<i32>,
    fallback: i32,
) -> Result<Vec<PayeeGapDto>> {
    let (payees, diags) = super::data::parse_payees(payees_json)?;
    if diags.iter().any(|d| d.severity == Severity::Error) {
        return Err(Error::from_diagnostics(diags));
    }
    let rates = super::ledger::parse_rates(rates)?;
    let gaps = needs::missing(plan, &payees, &rates, &periods(plan, year, fallback));
    Ok(gaps.iter().map(payee_gap).collect())
}

fn payee_gap(p: &PayeeGap) -> PayeeGapDto {
    PayeeGapDto {
        payee_id: p.payee_id.clone(),
        name: p.name.clone(),
        items: p
            .items
            .iter()
            .map(|g| GapDto {
                kind: g.kind.as_str().to_string(),
                component: g.component.clone(),
                component_name: g.component_name.clone(),
                keys: g.keys.clone(),
                periods: g.periods.iter().map(|x| x.label()).collect(),
                stops_payout: g.kind.stops_payout(),
                what: g.what.clone(),
                sentence: g.sentence.clone(),
                rep_sentence: g.rep_sentence.clone(),
            })
            .collect(),
    }
}
