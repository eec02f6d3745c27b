//! The payout curve a comp designer looks at: what a typical payee earns in one period at every
//! attainment from 0 to 200%, per component, with the tier and threshold starts and the points
//! where caps cut. Each point is a real run of the plan (through the estimator), so gates,
//! multipliers, caps and retroactive tiers show exactly as on a statement.

use crate::design::dto::{
    AttainmentBreakDto, AttainmentCurveDto, AttainmentPointDto, CapMarkDto, CurveComponentDto, CurveOptionsDto,
};
use crate::estimate::{Deal, Estimator};
use rust_decimal::Decimal;
use spm_base::error::{Code, Error, Result};
use spm_base::fmt::{pct, ratio};
use spm_base::money::{self, RoundingMode};
use spm_base::period::{Date, Period};
use spm_core::data::{Input, Payee, Quota, Symbols};
use spm_core::payout::{Detail, Report, StepKind};
use spm_plan::rate_table::TierBase;
use spm_plan::CompiledPlan;
use spm_plan::{Component, ComponentKind, Plan};

/// Quota per period when neither the options nor the plan give one.
const DEFAULT_QUOTA: Decimal = Decimal::from_parts(100_000, 0, 0, false, 0);

/// The component whose attainment is the x axis: the one asked for, else the first commission
/// on an attainment table, else the first bonus, else the first commission.
pub(crate) fn primary<'p>(plan: &'p Plan, id: Option<&str>) -> Option<&'p Component> {
    if let Some(id) = id {
        return plan.components.iter().find(|c| c.id == id);
    }
    let on_attainment = |c: &&Component| matches!(&c.kind, ComponentKind::Commission { table, .. } if table.base == TierBase::Attainment);
    plan.components
        .iter()
        .find(on_attainment)
        .or_else(|| plan.components.iter().find(|c| matches!(c.kind, ComponentKind::Bonus { .. })))
        .or_else(|| plan.components.iter().find(|c| matches!(c.kind, ComponentKind::Commission { .. })))
}

/// The payout curve for a typical payee.
///
/// # Errors
/// `UNKNOWN_REFERENCE` for an unknown component, `MISSING_FIELD` without a day to close on,
/// `LIMIT_EXCEEDED` for a point count outside 2–201, bad options (located), the plan's errors.
pub fn attainment_curve(plan: &CompiledPlan, opts: &CurveOptionsDto) -> Result<AttainmentCurveDto> {
    let head = plan.plan.head().ok_or_else(|| Error::new(Code::Internal, "a plan set without versions"))?;
    let points = opts.points.unwrap_or(41);
    if !(2..=201).contains(&points) {
        return Err(Error::at("points", Code::LimitExceeded, format!("{points} points"), "ask for 2 to 201 points"));
    }
    let mut diags = Vec::new();
    let max = match &opts.max_attainment {
        Some(d) => d.get("maxAttainment", &mut diags),
        None => Some(Decimal::TWO),
    };
    let quota = opts.quota.as_ref().and_then(|d| d.get("quota", &mut diags));
    if !diags.is_empty() {
        return Err(Error::from_diagnostics(diags));
    }
    let max = max.filter(|m| *m > Decimal::ZERO && *m <= Decimal::TEN).ok_or_else(|| {
        Error::at(
            "maxAttainment",
            Code::OutOfRange,
            "the highest attainment must be above 0 and at most 10",
            "use \"2\" for 200%",
        )
    })?;
    if quota.is_some_and(|q| q <= Decimal::ZERO) {
        return Err(Error::at(
            "quota",
            Code::OutOfRange,
            "a quota of zero or less",
            "give the quota per period, such as \"250000\"",
        ));
    }
    let comp = primary(head, opts.component_id.as_deref()).ok_or_else(|| match &opts.component_id {
        Some(id) => Error::at(
            "componentId",
            Code::UnknownReference,
            format!("the plan has no component {id:?}"),
            "pick one of the plan's component ids",
        ),
        None => Error::new(Code::UnknownReference, "the plan has no commission or bonus to draw a curve for"),
    })?;
    let as_of = match &opts.as_of {
        Some(s) => s.clone(),
        None => head.effective_from.map(|d| d.to_string()).ok_or_else(|| {
            Error::at("asOf", Code::MissingField, "the plan has no first day", "give asOf, the day the deals close")
        })?,
    };
    let day = Date::parse(&as_of).ok_or_else(|| {
        Error::at("asOf", Code::DateInvalid, format!("{as_of:?} is not a calendar date"), "write YYYY-MM-DD")
    })?;
    // The typical payee: on the plan's first role, with the quota for every component and
    // measure (a component's own default quota applies when none is given).
    let mut quotas = Vec::new();
    let per_period = quota.unwrap_or(DEFAULT_QUOTA);
    for v in &plan.plan.versions {
        for c in &v.components {
            let has_default = matches!(
                &c.kind,
                ComponentKind::Commission { quota: Some(_), .. } | ComponentKind::Bonus { quota: Some(_), .. }
            );
            if quota.is_some() || !has_default {
                quotas.push(Quota { key: c.id.clone(), period: None, amount: per_period });
            }
        }
        for m in &v.measures {
            if !quotas.iter().any(|q| q.key == m.id) {
                quotas.push(Quota { key: m.id.clone(), period: None, amount: per_period });
            }
        }
    }
    let target_incentive = opts.target_incentive.as_ref().and_then(|d| d.get("targetIncentive", &mut diags));
    let inputs: Vec<Input> = opts
        .inputs
        .iter()
        .enumerate()
        .filter_map(|(j, x)| {
            let value = x.value.get(&format!("inputs[{j}].value"), &mut diags)?;
            Some(Input { name: x.name.clone(), period: x.period.clone(), value })
        })
        .collect();
    if !diags.is_empty() {
        return Err(Error::from_diagnostics(diags));
    }
    let payee = Payee {
        id: head.eligibility.payees.as_ref().and_then(|p| p.first()).cloned().unwrap_or_else(|| "typical".into()),
        name: "Typical payee".into(),
        role: head.eligibility.roles.as_ref().and_then(|r| r.first()).cloned().unwrap_or_else(|| "rep".into()),
        target_incentive,
        quotas,
        inputs,
        ..Payee::default()
    };
    let est = Estimator::for_payee(plan, payee, Symbols::default(), day)?;
    let period = est.period_of(day).ok_or_else(|| Error::new(Code::Internal, "a plan without versions"))?;
    let cur = head.currency;
    let minor = cur.minor_units();
    // A deal the component counts: the first accepted value of each filter condition.
    let attrs: Vec<(String, String)> =
        comp.filter.conditions.iter().filter_map(|(k, vals)| vals.first().map(|v| (k.clone(), v.clone()))).collect();
    let deal = |credit: Decimal| Deal {
        id: "curve".into(),
        amount: credit,
        credit,
        date: day,
        attrs: attrs.clone(),
        probability: Decimal::ONE,
    };
    let zero = est.run_with(&[&deal(Decimal::ZERO)], Detail::Summary, None)?;
    let window_quota = component_quota(&est, &zero, period, &comp.id).or(quota).unwrap_or(DEFAULT_QUOTA);
    let components: Vec<CurveComponentDto> =
        head.components.iter().map(|c| CurveComponentDto { id: c.id.clone(), name: c.name.clone() }).collect();
    let mut out = Vec::with_capacity(points);
    let mut caps: Vec<CapMarkDto> = Vec::new();
    let steps = Decimal::from(points - 1);
    for k in 0..points {
        let a = money::div(money::mul(max, Decimal::from(k))?, steps)?;
        let credit = money::round_to(money::mul(a, window_quota)?, minor, RoundingMode::HalfUp);
        let r = est.run_with(&[&deal(credit)], Detail::Summary, None)?;
        let s = r.statements.iter().find(|s| s.period == period);
        let mut earnings = vec![Decimal::ZERO; components.len()];
        if let Some(s) = s {
            for c in &s.components {
                let Some(pc) = plan_component(&est, s.parts.get(c.part).map(|p| p.version), c.component) else {
                    continue;
                };
                if let Some(slot) = components.iter().position(|x| x.id == pc.id).and_then(|i| earnings.get_mut(i)) {
                    *slot = money::add(*slot, c.earning)?;
                }
                for st in c.steps.iter().filter(|st| st.kind == StepKind::Cap && st.after < st.before) {
                    if !caps.iter().any(|m| m.component_id == pc.id) {
                        let amount = pc.cap.as_ref().map_or(st.after, |cap| cap.amount);
                        caps.push(CapMarkDto {
                            component_id: pc.id.clone(),
                            attainment: ratio(a),
                            amount: amt(amount, minor),
                        });
                    }
                }
            }
            for st in s.steps.iter().filter(|st| st.kind == StepKind::Cap && st.after < st.before) {
                if !caps.iter().any(|m| m.component_id.is_empty()) {
                    let amount = head.cap.as_ref().map_or(st.after, |cap| cap.amount);
                    caps.push(CapMarkDto {
                        component_id: String::new(),
                        attainment: ratio(a),
                        amount: amt(amount, minor),
                    });
                }
            }
        }
        out.push(AttainmentPointDto {
            attainment: ratio(a),
            credit: amt(credit, minor),
            total: amt(s.map_or(Decimal::ZERO, |s| s.total), minor),
            earnings: earnings.iter().map(|e| amt(*e, minor)).collect(),
        });
    }
    Ok(AttainmentCurveDto {
        schema_version: 1,
        currency: cur.code().to_string(),
        period: period.label(),
        component_id: comp.id.clone(),
        quota: amt(window_quota, minor),
        components,
        points: out,
        breaks: breaks(head, comp, window_quota, max)?,
        caps,
        method: format!(
            "A typical payee (quota {} per period) closes one deal on {day} that {} counts, with the credit that \
             reaches each attainment of its quota for the window ({}); every point is a run of the plan for {}.",
            spm_base::fmt::money(quota.unwrap_or(DEFAULT_QUOTA), cur),
            comp.name,
            spm_base::fmt::money(window_quota, cur),
            period.label()
        ),
    })
}

/// A component of the plan version a statement part ran.
fn plan_component(est: &Estimator, version: Option<usize>, index: usize) -> Option<&Component> {
    est.plan().versions.get(version?)?.components.get(index)
}

/// The quota a component measured attainment against in a period's statement.
fn component_quota(est: &Estimator, r: &Report, period: Period, id: &str) -> Option<Decimal> {
    let s = r.statements.iter().find(|s| s.period == period)?;
    s.components
        .iter()
        .filter(|c| {
            plan_component(est, s.parts.get(c.part).map(|p| p.version), c.component).is_some_and(|pc| pc.id == id)
        })
        .find_map(|c| c.quota)
}

/// Tier starts of attainment tables (and of the primary component's amount table, as the
/// attainment its credit reaches) and bonus thresholds, up to `max`.
fn breaks(plan: &Plan, primary: &Component, quota: Decimal, max: Decimal) -> Result<Vec<AttainmentBreakDto>> {
    let mut out = Vec::new();
    for c in &plan.components {
        match &c.kind {
            ComponentKind::Commission { table, .. } => {
                for (i, t) in table.tiers.iter().enumerate().skip(1) {
                    let at = match table.base {
                        TierBase::Attainment => t.from,
                        TierBase::Amount if c.id == primary.id && !quota.is_zero() => money::div(t.from, quota)?,
                        TierBase::Amount => continue,
                    };
                    if at > Decimal::ZERO && at <= max {
                        out.push(AttainmentBreakDto {
                            attainment: ratio(at),
                            component_id: c.id.clone(),
                            label: format!("{}: tier {} at {}", c.name, i + 1, pct(t.rate)),
                        });
                    }
                }
            }
            ComponentKind::Bonus { thresholds, .. } => {
                for (at, pays) in thresholds {
                    if *at > Decimal::ZERO && *at <= max {
                        out.push(AttainmentBreakDto {
                            attainment: ratio(*at),
                            component_id: c.id.clone(),
                            label: format!("{}: {} of target from {}", c.name, pct(*pays), pct(*at)),
                        });
                    }
                }
            }
            _ => {}
        }
    }
    out.sort_by(|a, b| {
        let v = |s: &str| s.parse::<Decimal>().unwrap_or(Decimal::ZERO);
        v(&a.attainment).cmp(&v(&b.attainment)).then(a.component_id.cmp(&b.component_id))
    });
    Ok(out)
}

/// An amount at `minor` decimals.
pub(crate) fn amt(v: Decimal, minor: u32) -> String {
    spm_core::payout::explain::scaled(v, minor)
}
