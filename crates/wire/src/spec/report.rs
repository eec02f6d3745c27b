//! The payout report wire format: statements with components, tier slices, transaction lines
//! and explanations; every amount a decimal string.

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use spm_base::error::Diagnostic;
use spm_base::money::{add, round_to, RoundingMode};
use spm_base::schema::{DateString, DecimalString, SchemaVersion};
use spm_core::data::Dataset;
use spm_core::payout::explain::scaled;
use spm_core::payout::{ComponentResult, Kind, Report, Statement, StepKind};
use spm_plan::PlanSet;

/// Decimal places attainment ratios are reported with (calculation keeps full precision).
pub const ATTAINMENT_DP: u32 = 6;

pub use spm_base::error::DiagnosticDto;

/// The whole report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ReportDto {
    /// Always 1.
    #[schemars(with = "SchemaVersion")]
    pub schema_version: u32,
    /// Plan id.
    pub plan_id: String,
    /// Plan name.
    pub plan_name: String,
    /// Plan currency.
    pub currency: String,
    /// Period labels in order.
    pub periods: Vec<String>,
    /// Statements by payee then period.
    pub statements: Vec<StatementDto>,
    /// Totals.
    pub totals: TotalsDto,
    /// Non-fatal findings.
    pub warnings: Vec<DiagnosticDto>,
}

/// Report totals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct TotalsDto {
    /// Everything paid.
    #[schemars(with = "DecimalString")]
    pub payout: String,
    /// Per period.
    pub by_period: Vec<PeriodTotalDto>,
    /// Per payee.
    pub by_payee: Vec<PayeeTotalDto>,
}

/// A period total.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PeriodTotalDto {
    /// Label.
    pub period: String,
    /// Amount.
    #[schemars(with = "DecimalString")]
    pub payout: String,
}

/// A payee total.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PayeeTotalDto {
    /// Payee id.
    pub payee_id: String,
    /// Payee name.
    pub payee_name: String,
    /// Amount.
    #[schemars(with = "DecimalString")]
    pub payout: String,
}

/// A statement on the wire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct StatementDto {
    /// Payee id.
    pub payee_id: String,
    /// Payee name.
    pub payee_name: String,
    /// Period label.
    pub period: String,
    /// First day.
    #[schemars(with = "DateString")]
    pub period_start: String,
    /// Last day.
    #[schemars(with = "DateString")]
    pub period_end: String,
    /// Currency code.
    pub currency: String,
    /// Rounded payout.
    #[schemars(with = "DecimalString")]
    pub total: String,
    /// Plan versions that applied, with their days.
    pub parts: Vec<PartDto>,
    /// Components.
    pub components: Vec<ComponentDto>,
    /// Statement-level steps (plan cap, statement rounding).
    pub steps: Vec<StepDto>,
    /// Sentences.
    pub explanation: Vec<String>,
}

/// The part of a period one plan version covers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PartDto {
    /// Version label.
    pub version: String,
    /// First day.
    #[schemars(with = "DateString")]
    pub from: String,
    /// Last day.
    #[schemars(with = "DateString")]
    pub to: String,
    /// Days in the part.
    pub days: i64,
    /// Days in the period.
    pub period_days: i64,
}

/// An adjustment step on the wire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct StepDto {
    /// gate, multiplier, trueUp, carryIn, cap, floor, rounding.
    #[schemars(extend("enum" = ["gate", "multiplier", "trueUp", "carryIn", "cap", "floor", "rounding"]))]
    pub kind: String,
    /// Value before.
    #[schemars(with = "DecimalString")]
    pub before: String,
    /// Value after.
    #[schemars(with = "DecimalString")]
    pub after: String,
    /// Sentence.
    pub text: String,
}

/// A component result on the wire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ComponentDto {
    /// Component id.
    pub component_id: String,
    /// Component name.
    pub component_name: String,
    /// commission, bonus, mbo or spiff.
    #[schemars(extend("enum" = ["commission", "bonus", "mbo", "spiff"]))]
    pub kind: String,
    /// Plan version label.
    pub version: String,
    /// Credit counted.
    #[schemars(with = "DecimalString")]
    pub credit: String,
    /// Quota used.
    #[schemars(with = "Option<DecimalString>")]
    pub quota: Option<String>,
    /// Attainment ratio.
    #[schemars(with = "Option<DecimalString>")]
    pub attainment: Option<String>,
    /// Earning from the lines, before steps.
    #[schemars(with = "DecimalString")]
    pub base: String,
    /// Rounded earning after every step.
    #[schemars(with = "DecimalString")]
    pub earning: String,
    /// Transactions counted.
    pub transaction_count: u32,
    /// Tier slices.
    pub tiers: Vec<TierSliceDto>,
    /// Per-transaction lines.
    pub lines: Vec<LineDto>,
    /// Gates, multipliers, true-up, carry, caps, floors, rounding.
    pub steps: Vec<StepDto>,
    /// Sentences.
    pub explanation: Vec<String>,
}

/// A tier slice on the wire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct TierSliceDto {
    /// 1-based tier number.
    pub tier: u32,
    /// Band start.
    #[schemars(with = "DecimalString")]
    pub from: String,
    /// Band end.
    #[schemars(with = "Option<DecimalString>")]
    pub to: Option<String>,
    /// Credit in the slice.
    #[schemars(with = "DecimalString")]
    pub base: String,
    /// Applied rate.
    #[schemars(with = "DecimalString")]
    pub rate: String,
    /// `base × rate`.
    #[schemars(with = "DecimalString")]
    pub amount: String,
}

/// A transaction line on the wire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct LineDto {
    /// Transaction id.
    pub transaction_id: String,
    /// Date.
    #[schemars(with = "DateString")]
    pub date: String,
    /// Credit.
    #[schemars(with = "DecimalString")]
    pub credit: String,
    /// Rounded earning attributed.
    #[schemars(with = "DecimalString")]
    pub earning: String,
}

fn dec(v: Decimal) -> String {
    v.normalize().to_string()
}

/// Converts a calculated report to its wire form.
pub fn to_dto(set: &PlanSet, data: &Dataset, report: &Report, plan_warnings: &[Diagnostic]) -> ReportDto {
    let Some(head) = set.head() else {
        return ReportDto {
            schema_version: 1,
            plan_id: set.id.clone(),
            plan_name: set.name.clone(),
            currency: String::new(),
            periods: Vec::new(),
            statements: Vec::new(),
            totals: TotalsDto { payout: "0".into(), by_period: Vec::new(), by_payee: Vec::new() },
            warnings: Vec::new(),
        };
    };
    let minor = head.currency.minor_units();
    let money = |v: Decimal| scaled(v, minor);
    let statements: Vec<StatementDto> = report.statements.iter().map(|s| statement(set, data, s, &money)).collect();
    let mut by_payee: Vec<(usize, Decimal)> = Vec::new();
    let mut by_period: Vec<(String, Decimal)> = report.periods.iter().map(|p| (p.label(), Decimal::ZERO)).collect();
    for s in &report.statements {
        match by_payee.last_mut() {
            Some((p, t)) if *p == s.payee => *t = add(*t, s.total).unwrap_or(*t),
            _ => by_payee.push((s.payee, s.total)),
        }
        let label = s.period.label();
        if let Some((_, t)) = by_period.iter_mut().find(|(l, _)| *l == label) {
            *t = add(*t, s.total).unwrap_or(*t);
        }
    }
    ReportDto {
        schema_version: 1,
        plan_id: set.id.clone(),
        plan_name: set.name.clone(),
        currency: head.currency.code().to_string(),
        periods: report.periods.iter().map(|p| p.label()).collect(),
        statements,
        totals: TotalsDto {
            payout: money(report.total),
            by_period: by_period.into_iter().map(|(period, t)| PeriodTotalDto { period, payout: money(t) }).collect(),
            by_payee: by_payee
                .into_iter()
                .map(|(p, t)| {
                    let payee = data.payees.get(p);
                    PayeeTotalDto {
                        payee_id: payee.map(|p| p.id.clone()).unwrap_or_default(),
                        payee_name: payee.map(|p| p.name.clone()).unwrap_or_default(),
                        payout: money(t),
                    }
                })
                .collect(),
        },
        warnings: plan_warnings.iter().chain(&report.warnings).map(DiagnosticDto::from).collect(),
    }
}

fn step_dto(s: &spm_core::payout::Step, money: &dyn Fn(Decimal) -> String) -> StepDto {
    StepDto {
        kind: match s.kind {
            StepKind::Gate => "gate",
            StepKind::Multiplier => "multiplier",
            StepKind::TrueUp => "trueUp",
            StepKind::CarryIn => "carryIn",
            StepKind::Cap => "cap",
            StepKind::Floor => "floor",
            StepKind::Rounding => "rounding",
        }
        .to_string(),
        before: money(s.before),
        after: money(s.after),
        text: s.text.clone(),
    }
}

fn statement(set: &PlanSet, data: &Dataset, s: &Statement, money: &dyn Fn(Decimal) -> String) -> StatementDto {
    let payee = data.payees.get(s.payee);
    let currency = set.head().map(|h| h.currency.code().to_string()).unwrap_or_default();
    StatementDto {
        payee_id: payee.map(|p| p.id.clone()).unwrap_or_default(),
        payee_name: payee.map(|p| p.name.clone()).unwrap_or_default(),
        period: s.period.label(),
        period_start: s.start.to_string(),
        period_end: s.end.to_string(),
        currency,
        total: money(s.total),
        parts: s
            .parts
            .iter()
            .map(|p| PartDto {
                version: set.versions.get(p.version).map(|v| v.version.clone()).unwrap_or_default(),
                from: p.from.to_string(),
                to: p.to.to_string(),
                days: p.days,
                period_days: p.period_days,
            })
            .collect(),
        components: s.components.iter().map(|c| component(set, data, s, c, money)).collect(),
        steps: s.steps.iter().map(|x| step_dto(x, money)).collect(),
        explanation: s.explanation.clone(),
    }
}

fn component(
    set: &PlanSet,
    data: &Dataset,
    s: &Statement,
    c: &ComponentResult,
    money: &dyn Fn(Decimal) -> String,
) -> ComponentDto {
    let plan = s.parts.get(c.part).and_then(|p| set.versions.get(p.version));
    let comp = plan.and_then(|p| p.components.get(c.component));
    ComponentDto {
        component_id: comp.map(|c| c.id.clone()).unwrap_or_default(),
        component_name: comp.map(|c| c.name.clone()).unwrap_or_default(),
        kind: match c.kind {
            Kind::Commission => "commission",
            Kind::Bonus => "bonus",
            Kind::Mbo => "mbo",
            Kind::Spiff => "spiff",
        }
        .to_string(),
        version: plan.map(|p| p.version.clone()).unwrap_or_default(),
        credit: money(c.credit),
        quota: c.quota.map(money),
        attainment: c.attainment.map(|a| dec(round_to(a, ATTAINMENT_DP, RoundingMode::HalfUp))),
        base: money(c.base),
        earning: money(c.earning),
        transaction_count: u32::try_from(c.count.max(c.lines.len())).unwrap_or(u32::MAX),
        tiers: c
            .slices
            .iter()
            .map(|s| TierSliceDto {
                tier: u32::try_from(s.slice.tier + 1).unwrap_or(u32::MAX),
                from: dec(s.from),
                to: s.to.map(dec),
                base: money(s.slice.base),
                rate: dec(s.slice.rate),
                amount: money(s.slice.amount),
            })
            .collect(),
        lines: c
            .lines
            .iter()
            .map(|l| {
                let t = data.transactions.get(l.transaction);
                LineDto {
                    transaction_id: t.map(|t| data.id_of(t).to_string()).unwrap_or_default(),
                    date: t.map(|t| t.date.to_string()).unwrap_or_default(),
                    credit: money(l.credit),
                    earning: money(l.earning),
                }
            })
            .collect(),
        steps: c.steps.iter().map(|x| step_dto(x, money)).collect(),
        explanation: c.explanation.clone(),
    }
}
