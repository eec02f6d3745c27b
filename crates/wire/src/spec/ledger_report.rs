//! The ledger report on the wire: per payee, every ledger entry with its running balance and a
//! summary per period; the conversions made; events that changed nothing. Also the payroll and
//! statement exports (CSV) built from it. Amounts are decimal strings at the currency's minor
//! units.

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use spm_base::error::Result;
use spm_base::money::{self, Currency};
use spm_base::schema::{DateString, DecimalString, MonthString, SchemaVersion};
use spm_core::data::Dataset;
use spm_core::ledger::accounting::Treatment;
use spm_core::ledger::costs::Books;
use spm_core::ledger::{Ledger, Summary};
use spm_core::payout::explain::scaled;
use spm_plan::PlanSet;

/// The ledger report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LedgerDto {
    /// Wire-format version.
    #[schemars(with = "SchemaVersion")]
    pub schema_version: u32,
    /// Plan id.
    pub plan_id: String,
    /// Plan currency.
    pub currency: String,
    /// Periods closed, in order.
    pub periods: Vec<String>,
    /// One ledger per payee on the plan.
    pub payees: Vec<PayeeLedgerDto>,
    /// Transactions converted into the plan currency.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conversions: Vec<ConversionDto>,
    /// Events that changed nothing, and why.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// Commission expense accounting, one book per currency, when the plan declares it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accounting: Option<Vec<BooksDto>>,
}

/// Commission expense accounting in one currency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BooksDto {
    /// Currency.
    pub currency: String,
    /// Every cost incurred, with its treatment.
    pub costs: Vec<CostDto>,
    /// Capitalized assets with their amortization.
    pub assets: Vec<AssetDto>,
    /// Company totals per month.
    pub months: Vec<MonthDto>,
    /// Journal lines.
    pub journal: Vec<JournalDto>,
}

/// A cost incurred.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CostDto {
    /// Payee id.
    pub payee_id: String,
    /// Deal id ("" when none).
    pub transaction_id: String,
    /// Component id.
    pub component_id: String,
    /// Month incurred.
    #[schemars(with = "MonthString")]
    pub month: String,
    /// Amount.
    #[schemars(with = "DecimalString")]
    pub amount: String,
    /// "capitalize" or "expense".
    #[schemars(extend("enum" = ["capitalize", "expense"]))]
    pub treatment: String,
    /// Why, or the benefit period in words.
    pub reason: String,
}

/// A capitalized asset.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AssetDto {
    /// Payee id.
    pub payee_id: String,
    /// Deal id.
    pub transaction_id: String,
    /// Component id.
    pub component_id: String,
    /// First month of amortization.
    #[schemars(with = "MonthString")]
    pub start: String,
    /// Benefit period in months.
    pub months: u32,
    /// Capitalized in total.
    #[schemars(with = "DecimalString")]
    pub capitalized: String,
    /// Contract termination month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<MonthString>")]
    pub terminated: Option<String>,
    /// Month by month.
    pub rows: Vec<AssetRowDto>,
}

/// One month of an asset.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AssetRowDto {
    /// Month.
    #[schemars(with = "MonthString")]
    pub month: String,
    /// Amortization.
    #[schemars(with = "DecimalString")]
    pub amortization: String,
    /// Of which catch-up or acceleration.
    #[schemars(with = "DecimalString")]
    pub catch_up: String,
    /// Unamortized after the month.
    #[schemars(with = "DecimalString")]
    pub balance: String,
    /// What happened.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// Company totals for a month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MonthDto {
    /// Month.
    #[schemars(with = "MonthString")]
    pub month: String,
    /// Capitalized.
    #[schemars(with = "DecimalString")]
    pub capitalized: String,
    /// Expensed when incurred.
    #[schemars(with = "DecimalString")]
    pub expensed: String,
    /// Amortization.
    #[schemars(with = "DecimalString")]
    pub amortization: String,
    /// Unamortized after the month.
    #[schemars(with = "DecimalString")]
    pub balance: String,
}

/// A journal line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JournalDto {
    /// Date.
    #[schemars(with = "DateString")]
    pub date: String,
    /// Entry number.
    pub entry: String,
    /// Account.
    pub account: String,
    /// Debit.
    #[schemars(with = "DecimalString")]
    pub debit: String,
    /// Credit.
    #[schemars(with = "DecimalString")]
    pub credit: String,
    /// Payee id.
    pub payee_id: String,
    /// Memo.
    pub memo: String,
}

fn books(b: &Books) -> BooksDto {
    let c = b.currency;
    BooksDto {
        currency: c.code().to_string(),
        costs: b
            .tranches
            .iter()
            .map(|t| {
                let (treatment, reason) = match &t.treatment {
                    Treatment::Capitalize { start, months } => {
                        ("capitalize", format!("amortized over {months} months from {start}"))
                    }
                    Treatment::Expense { reason } => ("expense", reason.clone()),
                };
                CostDto {
                    payee_id: t.payee.clone(),
                    transaction_id: t.transaction.clone(),
                    component_id: t.component.clone(),
                    month: t.incurred.to_string(),
                    amount: amt(t.amount, c),
                    treatment: treatment.into(),
                    reason,
                }
            })
            .collect(),
        assets: b
            .schedule
            .assets
            .iter()
            .map(|a| AssetDto {
                payee_id: a.payee.clone(),
                transaction_id: a.transaction.clone(),
                component_id: a.component.clone(),
                start: a.start.to_string(),
                months: a.months,
                capitalized: amt(a.capitalized, c),
                terminated: a.terminated.map(|m| m.to_string()),
                rows: a
                    .rows
                    .iter()
                    .map(|r| AssetRowDto {
                        month: r.month.to_string(),
                        amortization: amt(r.amortization, c),
                        catch_up: amt(r.catch_up, c),
                        balance: amt(r.balance, c),
                        note: r.note.clone(),
                    })
                    .collect(),
            })
            .collect(),
        months: b
            .schedule
            .months
            .iter()
            .map(|m| MonthDto {
                month: m.month.to_string(),
                capitalized: amt(m.capitalized, c),
                expensed: amt(m.expensed, c),
                amortization: amt(m.amortization, c),
                balance: amt(m.balance, c),
            })
            .collect(),
        journal: b
            .journal
            .iter()
            .map(|j| JournalDto {
                date: j.date.to_string(),
                entry: j.entry.clone(),
                account: j.account.clone(),
                debit: amt(j.debit, c),
                credit: amt(j.credit, c),
                payee_id: j.payee.clone(),
                memo: j.memo.clone(),
            })
            .collect(),
    }
}

/// One payee's ledger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PayeeLedgerDto {
    /// Payee id.
    pub payee_id: String,
    /// Name.
    pub name: String,
    /// Currency paid in.
    pub currency: String,
    /// Every step.
    pub entries: Vec<EntryDto>,
    /// A summary per period.
    pub periods: Vec<SummaryDto>,
    /// Over all periods.
    pub totals: TotalsDto,
}

/// One ledger entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EntryDto {
    /// Period (close) label.
    pub period: String,
    /// Entry kind: opening, earned, adjustment, clawback, tierEffect, hold, release, guarantee,
    /// advance, recovery, forgiven, writtenOff, collected, payment, carried, note, spiff,
    /// payeeAdjustment.
    #[schemars(extend("enum" = ["opening", "earned", "adjustment", "clawback", "tierEffect", "hold", "release", "guarantee", "advance", "recovery", "forgiven", "writtenOff", "collected", "payment", "carried", "note", "spiff", "payeeAdjustment"]))]
    pub kind: String,
    /// In words.
    pub text: String,
    /// Effect on the balance (payee currency).
    #[schemars(with = "DecimalString")]
    pub amount: String,
    /// Plan-currency amount, when the payee is paid in another currency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalString>")]
    pub plan_amount: Option<String>,
    /// Running balance after the entry.
    #[schemars(with = "DecimalString")]
    pub balance: String,
    /// The period the amount was earned in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    /// Component id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub component_id: Option<String>,
    /// Deal id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_id: Option<String>,
}

/// A period summed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SummaryDto {
    /// Period label.
    pub period: String,
    /// The period's last day (the pay date in exports).
    #[schemars(with = "DateString")]
    pub end: String,
    /// Carried in (zero or negative).
    #[schemars(with = "DecimalString")]
    pub opening: String,
    /// Earned in the period.
    #[schemars(with = "DecimalString")]
    pub earned: String,
    /// Earlier periods recalculated.
    #[schemars(with = "DecimalString")]
    pub adjustments: String,
    /// Taken back.
    #[schemars(with = "DecimalString")]
    pub clawbacks: String,
    /// SPIFF prizes booked in the period.
    #[serde(default)]
    #[schemars(with = "DecimalString")]
    pub spiffs: String,
    /// Payee adjustments booked in the period (either sign).
    #[serde(default)]
    #[schemars(with = "DecimalString")]
    pub payee_adjustments: String,
    /// Newly held.
    #[schemars(with = "DecimalString")]
    pub held: String,
    /// Released.
    #[schemars(with = "DecimalString")]
    pub released: String,
    /// Draw top-up or advance.
    #[schemars(with = "DecimalString")]
    pub draw: String,
    /// Recovered.
    #[schemars(with = "DecimalString")]
    pub recovered: String,
    /// Collected at termination.
    #[schemars(with = "DecimalString")]
    pub collected: String,
    /// Forgiven or written off at termination.
    #[schemars(with = "DecimalString")]
    pub forgiven: String,
    /// Paid.
    #[schemars(with = "DecimalString")]
    pub paid: String,
    /// Carried out (zero or negative).
    #[schemars(with = "DecimalString")]
    pub closing: String,
    /// Unrecovered draw after the period.
    #[schemars(with = "DecimalString")]
    pub draw_balance: String,
    /// Held after the period.
    #[schemars(with = "DecimalString")]
    pub held_balance: String,
    /// Plan-to-payee exchange rate for the period's earnings, when the payee is paid in another currency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalString>")]
    pub rate: Option<String>,
    /// The day that rate took effect.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DateString>")]
    pub rate_date: Option<String>,
}

/// Over all periods.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(rename = "LedgerTotals")]
pub struct TotalsDto {
    /// Earned, adjustments and clawbacks together (the plan's earnings, without SPIFFs).
    #[schemars(with = "DecimalString")]
    pub earned: String,
    /// SPIFF prizes.
    #[serde(default)]
    #[schemars(with = "DecimalString")]
    pub spiffs: String,
    /// Payee adjustments.
    #[serde(default)]
    #[schemars(with = "DecimalString")]
    pub payee_adjustments: String,
    /// Draw paid.
    #[schemars(with = "DecimalString")]
    pub draw: String,
    /// Recovered and collected.
    #[schemars(with = "DecimalString")]
    pub recovered: String,
    /// Paid.
    #[schemars(with = "DecimalString")]
    pub paid: String,
    /// Still held.
    #[schemars(with = "DecimalString")]
    pub held: String,
    /// Unrecovered draw.
    #[schemars(with = "DecimalString")]
    pub draw_balance: String,
    /// Carried (zero or negative).
    #[schemars(with = "DecimalString")]
    pub carried: String,
}

/// A conversion into the plan currency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ConversionDto {
    /// Deal id.
    pub transaction_id: String,
    /// From currency.
    pub from: String,
    /// To currency.
    pub to: String,
    /// Amount in the deal's currency.
    #[schemars(with = "DecimalString")]
    pub original: String,
    /// Rate used.
    #[schemars(with = "DecimalString")]
    pub rate: String,
    /// The day the rate took effect.
    #[schemars(with = "DateString")]
    pub rate_date: String,
    /// The date converted for.
    #[schemars(with = "DateString")]
    pub on: String,
    /// Amount in the plan currency.
    #[schemars(with = "DecimalString")]
    pub converted: String,
}

fn amt(v: Decimal, c: Currency) -> String {
    scaled(v, c.minor_units())
}

fn summary(label: String, end: String, s: &Summary, c: Currency) -> SummaryDto {
    SummaryDto {
        period: label,
        end,
        opening: amt(s.opening, c),
        earned: amt(s.earned, c),
        adjustments: amt(s.adjustments, c),
        clawbacks: amt(s.clawbacks, c),
        spiffs: amt(s.spiffs, c),
        payee_adjustments: amt(s.payee_adjustments, c),
        held: amt(s.held, c),
        released: amt(s.released, c),
        draw: amt(s.draw, c),
        recovered: amt(s.recovered, c),
        collected: amt(s.collected, c),
        forgiven: amt(s.forgiven, c),
        paid: amt(s.paid, c),
        closing: amt(s.closing, c),
        draw_balance: amt(s.draw_balance, c),
        held_balance: amt(s.held_balance, c),
        rate: s.rate.map(|(r, _)| r.normalize().to_string()),
        rate_date: s.rate.map(|(_, d)| d.to_string()),
    }
}

/// The ledger in wire form.
///
/// # Errors
/// `OVERFLOW` when a payee's totals over every period leave the decimal range.
pub fn to_dto(set: &PlanSet, data: &Dataset, l: &Ledger) -> Result<LedgerDto> {
    let payees = l
        .payees
        .iter()
        .map(|p| {
            let c = p.currency;
            let payee = data.payees.get(p.payee);
            // Checked sums of summary fields over every period.
            let sum = |fields: &[fn(&Summary) -> Decimal]| {
                money::sum(p.periods.iter().flat_map(|(_, s)| fields.iter().map(move |f| f(s))))
                    .map_err(|e| e.or_at(|| format!("payee {}, totals", payee.map_or("", |x| x.id.as_str()))))
            };
            let last = p.periods.last().map(|(_, s)| s.clone()).unwrap_or_default();
            Ok(PayeeLedgerDto {
                payee_id: payee.map(|x| x.id.clone()).unwrap_or_default(),
                name: payee.map(|x| x.name.clone()).unwrap_or_default(),
                currency: c.code().to_string(),
                entries: p
                    .entries
                    .iter()
                    .map(|e| EntryDto {
                        period: e.period.label(),
                        kind: e.kind.as_str().to_string(),
                        text: e.text.clone(),
                        amount: amt(e.amount, c),
                        plan_amount: e.plan_amount.map(|v| amt(v, l.currency)),
                        balance: amt(e.balance, c),
                        origin: e.origin.map(|o| o.label()),
                        component_id: e.component.clone(),
                        transaction_id: e.transaction.clone(),
                    })
                    .collect(),
                periods: p
                    .periods
                    .iter()
                    .map(|(q, s)| {
                        let end = set.head().map_or_else(String::new, |h| h.calendar.bounds(*q).1.to_string());
                        summary(q.label(), end, s, c)
                    })
                    .collect(),
                totals: TotalsDto {
                    earned: amt(sum(&[|s| s.earned, |s| s.adjustments, |s| s.clawbacks])?, c),
                    spiffs: amt(sum(&[|s| s.spiffs])?, c),
                    payee_adjustments: amt(sum(&[|s| s.payee_adjustments])?, c),
                    draw: amt(sum(&[|s| s.draw])?, c),
                    recovered: amt(sum(&[|s| s.recovered, |s| s.collected])?, c),
                    paid: amt(sum(&[|s| s.paid])?, c),
                    held: amt(last.held_balance, c),
                    draw_balance: amt(last.draw_balance, c),
                    carried: amt(last.closing, c),
                },
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(LedgerDto {
        schema_version: 1,
        plan_id: set.id.clone(),
        currency: l.currency.code().to_string(),
        periods: l.periods.iter().map(|p| p.label()).collect(),
        payees,
        conversions: l
            .conversions
            .iter()
            .map(|c| ConversionDto {
                transaction_id: c.transaction.clone(),
                from: c.used.from.code().to_string(),
                to: c.used.to.code().to_string(),
                original: c.original.normalize().to_string(),
                rate: c.used.rate.normalize().to_string(),
                rate_date: c.used.effective.to_string(),
                on: c.used.on.to_string(),
                converted: amt(c.converted, c.used.to),
            })
            .collect(),
        notes: l.notes.clone(),
        accounting: l.books.as_ref().map(|b| b.iter().map(books).collect()),
    })
}
