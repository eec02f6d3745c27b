//! The report writer: borrowed views of the engine's `Report`, serialized by serde.

use super::{ReportDto, ATTAINMENT_DP};
use rust_decimal::Decimal;
use serde::{Serialize, Serializer};
use spm_base::error::{Diagnostic, Severity};
use spm_base::fmt::DecText;
use spm_base::money::{add, round_to, RoundingMode};
use spm_base::period::Date;
use spm_core::data::Dataset;
use spm_core::payout::{ComponentResult, Kind, Report, Statement, Step, StepKind};
use spm_plan::PlanSet;
use std::borrow::Cow;

/// Reads a report written by [`Payout`] back into the owned DTOs (tests, the diff of two runs).
///
/// # Errors
/// `INTERNAL` if the text is not a report, which would be a bug in the writer.
pub fn read(text: &str) -> spm_base::Result<ReportDto> {
    serde_json::from_str(text).map_err(|e| spm_base::Error::new(spm_base::Code::Internal, e.to_string()))
}

/// A calculated report ready to be written: serialized by serde straight from the engine's
/// result, borrowing ids, names and sentences and formatting every decimal in a stack buffer, so
/// no DTO tree is built first. This is the one writer of the report format; [`ReportDto`] and its
/// parts are the same format as owned types, for reading a report back.
pub struct Payout<'a> {
    set: &'a PlanSet,
    data: &'a Dataset,
    plan_warnings: &'a [Diagnostic],
    report: Report,
}

impl<'a> Payout<'a> {
    /// The report of `report`, calculated by `set` over `data`.
    pub fn new(set: &'a PlanSet, data: &'a Dataset, report: Report, plan_warnings: &'a [Diagnostic]) -> Self {
        Payout { set, data, plan_warnings, report }
    }

    /// The calculated report.
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// Every warning the report's `warnings` lists: the plan's, then the run's.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.plan_warnings.iter().chain(&self.report.warnings)
    }

    /// Only the statements of one payee (by index in the dataset), as an array.
    pub fn statements_of(self, payee: usize) -> StatementsOf<'a> {
        StatementsOf { payout: self, payee }
    }

    /// The report as compact JSON text.
    ///
    /// # Errors
    /// `INTERNAL` if serde fails, which writing to a `Vec` does not.
    pub fn to_json(&self) -> spm_base::Result<String> {
        // Sized up front: a big run's text is tens of megabytes, and growing a buffer by doubling
        // copies it about twice over.
        let mut out = Vec::with_capacity(self.size_hint());
        serde_json::to_writer(&mut out, self)
            .map_err(|e| spm_base::Error::new(spm_base::Code::Internal, e.to_string()))?;
        String::from_utf8(out).map_err(|e| spm_base::Error::new(spm_base::Code::Internal, e.to_string()))
    }

    /// About the length of the report's text (a little over for typical reports).
    fn size_hint(&self) -> usize {
        let texts = |v: &[String]| v.iter().map(|s| s.len() + 3).sum::<usize>();
        let steps = |v: &[Step]| v.iter().map(|s| 72 + s.text.len()).sum::<usize>();
        let mut n = 256 + 40 * self.report.periods.len();
        for s in &self.report.statements {
            n += 260 + 88 * s.parts.len() + steps(&s.steps) + texts(&s.explanation);
            for c in &s.components {
                n += 260 + 90 * c.slices.len() + 96 * c.lines.len() + steps(&c.steps) + texts(&c.explanation);
            }
        }
        n + n / 16
    }

    /// The report as owned DTOs.
    ///
    /// # Errors
    /// As `to_json`.
    pub fn to_dto(&self) -> spm_base::Result<ReportDto> {
        read(&self.to_json()?)
    }
}

impl std::fmt::Debug for Payout<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Payout")
            .field("plan", &self.set.id)
            .field("statements", &self.report.statements.len())
            .field("total", &self.report.total)
            .finish_non_exhaustive()
    }
}

/// A sequence written lazily from an iterator (serde's `collect_seq`).
struct Seq<I>(I);

impl<I> Serialize for Seq<I>
where
    I: Iterator + Clone,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.clone())
    }
}

/// An amount as `fmt::scaled` shows it: normalised, with at least the currency's places.
fn money(v: Decimal, minor: u32) -> DecText {
    DecText::new(v, minor)
}

/// A rate, bound or ratio: normalised.
fn dec(v: Decimal) -> DecText {
    DecText::new(v, 0)
}

/// A date as its `Display` writes it, from a stack buffer; `""` for none.
struct DateText(Option<Date>);

impl Serialize for DateText {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let Some(d) = self.0 else {
            return s.serialize_str("");
        };
        let (y, m, day) = (d.year(), u32::from(d.month()), u32::from(d.day()));
        match u32::try_from(y) {
            Ok(y) if y <= 9999 => {
                let digit = |v: u32, div: u32| b'0' + (v / div % 10) as u8;
                let b = [
                    digit(y, 1000),
                    digit(y, 100),
                    digit(y, 10),
                    digit(y, 1),
                    b'-',
                    digit(m, 10),
                    digit(m, 1),
                    b'-',
                    digit(day, 10),
                    digit(day, 1),
                ];
                s.serialize_str(std::str::from_utf8(&b).unwrap_or(""))
            }
            _ => s.collect_str(&d),
        }
    }
}

fn kind_name(k: Kind) -> &'static str {
    match k {
        Kind::Commission => "commission",
        Kind::Bonus => "bonus",
        Kind::Mbo => "mbo",
        Kind::Spiff => "spiff",
    }
}

fn step_name(k: StepKind) -> &'static str {
    match k {
        StepKind::Gate => "gate",
        StepKind::Multiplier => "multiplier",
        StepKind::TrueUp => "trueUp",
        StepKind::CarryIn => "carryIn",
        StepKind::Cap => "cap",
        StepKind::Floor => "floor",
        StepKind::Rounding => "rounding",
    }
}

/// `DiagnosticDto`'s fields, borrowed.
#[derive(Serialize)]
struct DiagnosticOut<'a> {
    path: &'a str,
    code: &'a str,
    severity: &'a str,
    message: &'a str,
    hint: &'a str,
}

impl<'a> From<&'a Diagnostic> for DiagnosticOut<'a> {
    fn from(d: &'a Diagnostic) -> Self {
        DiagnosticOut {
            path: &d.path,
            code: d.code.as_str(),
            severity: match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            },
            message: &d.message,
            hint: &d.hint,
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportOut<'a, S, W> {
    schema_version: u32,
    plan_id: &'a str,
    plan_name: &'a str,
    currency: &'a str,
    periods: &'a [String],
    statements: S,
    totals: TotalsOut<'a>,
    warnings: W,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TotalsOut<'a> {
    payout: DecText,
    by_period: Vec<PeriodTotalOut<'a>>,
    by_payee: Vec<PayeeTotalOut<'a>>,
}

#[derive(Serialize)]
struct PeriodTotalOut<'a> {
    period: &'a str,
    payout: DecText,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PayeeTotalOut<'a> {
    payee_id: &'a str,
    payee_name: &'a str,
    payout: DecText,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct StatementOut<'a, 'b, P, C, T> {
    payee_id: &'a str,
    payee_name: &'a str,
    period: Cow<'b, str>,
    period_start: DateText,
    period_end: DateText,
    currency: &'a str,
    total: DecText,
    parts: P,
    components: C,
    steps: T,
    explanation: &'a [String],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PartOut<'a> {
    version: &'a str,
    from: DateText,
    to: DateText,
    days: i64,
    period_days: i64,
}

#[derive(Serialize)]
struct StepOut<'a> {
    kind: &'static str,
    before: DecText,
    after: DecText,
    text: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ComponentOut<'a, R, L, T> {
    component_id: &'a str,
    component_name: &'a str,
    kind: &'static str,
    version: &'a str,
    credit: DecText,
    quota: Option<DecText>,
    attainment: Option<DecText>,
    base: DecText,
    earning: DecText,
    transaction_count: u32,
    tiers: R,
    lines: L,
    steps: T,
    explanation: &'a [String],
}

#[derive(Serialize)]
struct TierSliceOut {
    tier: u32,
    from: DecText,
    to: Option<DecText>,
    base: DecText,
    rate: DecText,
    amount: DecText,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LineOut<'a> {
    transaction_id: &'a str,
    date: DateText,
    credit: DecText,
    earning: DecText,
}

fn steps(steps: &[Step], minor: u32) -> Seq<impl Iterator<Item = StepOut<'_>> + Clone> {
    Seq(steps.iter().map(move |x| StepOut {
        kind: step_name(x.kind),
        before: money(x.before, minor),
        after: money(x.after, minor),
        text: &x.text,
    }))
}

/// What every statement of a report needs to be written.
struct Ctx<'a> {
    set: &'a PlanSet,
    data: &'a Dataset,
    report: &'a Report,
    labels: Vec<String>,
    minor: u32,
    currency: &'a str,
}

impl<'a> Ctx<'a> {
    fn new(p: &'a Payout<'a>, minor: u32, currency: &'a str) -> Self {
        let labels = p.report.periods.iter().map(|x| x.label()).collect();
        Ctx { set: p.set, data: p.data, report: &p.report, labels, minor, currency }
    }

    fn payee(&self, p: usize) -> (&'a str, &'a str) {
        self.data.payees.get(p).map_or(("", ""), |p| (p.id.as_str(), p.name.as_str()))
    }

    /// The statement's period label, borrowed from the report's labels when it is one of them.
    fn label(&self, s: &Statement) -> Cow<'_, str> {
        let k = self.report.periods.iter().position(|p| *p == s.period);
        k.and_then(|k| self.labels.get(k)).map_or_else(|| Cow::Owned(s.period.label()), |l| Cow::Borrowed(l.as_str()))
    }

    fn statement<'b>(&'b self, s: &'a Statement) -> impl Serialize + 'b
    where
        'a: 'b,
    {
        let (set, data, minor) = (self.set, self.data, self.minor);
        let (payee_id, payee_name) = self.payee(s.payee);
        StatementOut {
            payee_id,
            payee_name,
            period: self.label(s),
            period_start: DateText(Some(s.start)),
            period_end: DateText(Some(s.end)),
            currency: self.currency,
            total: money(s.total, minor),
            parts: Seq(s.parts.iter().map(move |p| PartOut {
                version: set.versions.get(p.version).map_or("", |v| v.version.as_str()),
                from: DateText(Some(p.from)),
                to: DateText(Some(p.to)),
                days: p.days,
                period_days: p.period_days,
            })),
            components: Seq(s.components.iter().map(move |c| component(set, data, s, c, minor))),
            steps: steps(&s.steps, minor),
            explanation: &s.explanation,
        }
    }
}

impl Serialize for Payout<'_> {
    fn serialize<S: Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        let (set, report) = (self.set, &self.report);
        let Some(head) = set.head() else {
            // No versions: no statements, and no warnings either.
            return ReportOut {
                schema_version: 1,
                plan_id: &set.id,
                plan_name: &set.name,
                currency: "",
                periods: &[],
                statements: [(); 0],
                totals: TotalsOut { payout: dec(Decimal::ZERO), by_period: Vec::new(), by_payee: Vec::new() },
                warnings: [(); 0],
            }
            .serialize(ser);
        };
        let minor = head.currency.minor_units();
        let cx = Ctx::new(self, minor, head.currency.code());
        // Totals: by runs of the same payee, and by the first period carrying the statement's label.
        let mut by_payee: Vec<(usize, Decimal)> = Vec::new();
        let mut by_period: Vec<Decimal> = vec![Decimal::ZERO; cx.labels.len()];
        for s in &report.statements {
            match by_payee.last_mut() {
                Some((p, t)) if *p == s.payee => *t = add(*t, s.total).unwrap_or(*t),
                _ => by_payee.push((s.payee, s.total)),
            }
            let label = cx.label(s);
            if let Some(t) = cx.labels.iter().position(|l| *l == *label).and_then(|k| by_period.get_mut(k)) {
                *t = add(*t, s.total).unwrap_or(*t);
            }
        }
        ReportOut {
            schema_version: 1,
            plan_id: &set.id,
            plan_name: &set.name,
            currency: cx.currency,
            periods: &cx.labels,
            statements: Seq(report.statements.iter().map(|s| cx.statement(s))),
            totals: TotalsOut {
                payout: money(report.total, minor),
                by_period: cx
                    .labels
                    .iter()
                    .zip(&by_period)
                    .map(|(period, t)| PeriodTotalOut { period, payout: money(*t, minor) })
                    .collect(),
                by_payee: by_payee
                    .iter()
                    .map(|&(p, t)| {
                        let (payee_id, payee_name) = cx.payee(p);
                        PayeeTotalOut { payee_id, payee_name, payout: money(t, minor) }
                    })
                    .collect(),
            },
            warnings: Seq(self.plan_warnings.iter().chain(&report.warnings).map(DiagnosticOut::from)),
        }
        .serialize(ser)
    }
}

/// One payee's statements of a report, written as an array of statements.
pub struct StatementsOf<'a> {
    payout: Payout<'a>,
    payee: usize,
}

impl Serialize for StatementsOf<'_> {
    fn serialize<S: Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        let p = &self.payout;
        let Some(head) = p.set.head() else {
            return [(); 0].serialize(ser);
        };
        let cx = Ctx::new(p, head.currency.minor_units(), head.currency.code());
        let payee = self.payee;
        ser.collect_seq(p.report.statements.iter().filter(|s| s.payee == payee).map(|s| cx.statement(s)))
    }
}

fn component<'a>(
    set: &'a PlanSet,
    data: &'a Dataset,
    s: &'a Statement,
    c: &'a ComponentResult,
    minor: u32,
) -> impl Serialize + 'a {
    let plan = s.parts.get(c.part).and_then(|p| set.versions.get(p.version));
    let comp = plan.and_then(|p| p.components.get(c.component));
    ComponentOut {
        component_id: comp.map_or("", |c| c.id.as_str()),
        component_name: comp.map_or("", |c| c.name.as_str()),
        kind: kind_name(c.kind),
        version: plan.map_or("", |p| p.version.as_str()),
        credit: money(c.credit, minor),
        quota: c.quota.map(|q| money(q, minor)),
        attainment: c.attainment.map(|a| dec(round_to(a, ATTAINMENT_DP, RoundingMode::HalfUp))),
        base: money(c.base, minor),
        earning: money(c.earning, minor),
        transaction_count: u32::try_from(c.count.max(c.lines.len())).unwrap_or(u32::MAX),
        tiers: Seq(c.slices.iter().map(move |t| TierSliceOut {
            tier: u32::try_from(t.slice.tier + 1).unwrap_or(u32::MAX),
            from: dec(t.from),
            to: t.to.map(dec),
            base: money(t.slice.base, minor),
            rate: dec(t.slice.rate),
            amount: money(t.slice.amount, minor),
        })),
        lines: Seq(c.lines.iter().map(move |l| {
            let t = data.transactions.get(l.transaction);
            LineOut {
                transaction_id: t.map_or("", |t| data.id_of(t)),
                date: DateText(t.map(|t| t.date)),
                credit: money(l.credit, minor),
                earning: money(l.earning, minor),
            }
        })),
        steps: steps(&c.steps, minor),
        explanation: &c.explanation,
    }
}
