//! Knowledge at each close: which events were known on a period's last day, the dataset as it
//! stood then (cancelled deals gone, refunds taken off), and the plan engine's earnings per
//! payee, period and component under that knowledge.
//!
//! Closes that know the same events share one run: a period's earnings depend only on deals
//! dated in or before it, so one run answers every close until the next event that changes a
//! deal. A cancellation or refund changes pay when it comes before the deal's period closes
//! (nothing was paid yet) or within the plan's clawback window; otherwise it is noted and the
//! deal keeps what it paid.

use super::{Event, EventKind};
use crate::data::Dataset;
use crate::payout::{self, Detail, Kind};
use rust_decimal::Decimal;
use spm_base::error::Result;
use spm_base::money::{self, RoundingMode};
use spm_base::period::{Date, Period};
use spm_plan::PlanSet;
use std::collections::BTreeMap;

/// One component's earning in one statement, with its per-deal lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompEarning {
    /// Component id.
    pub id: String,
    /// Component name.
    pub name: String,
    /// Kind.
    pub kind: Kind,
    /// Earning (plan currency, after every step).
    pub earning: Decimal,
    /// (deal id, rounded line earning, credit) in evaluation order.
    pub lines: Vec<(String, Decimal, Decimal)>,
}

/// Earnings by (payee index, period), components in plan order.
pub type Table = BTreeMap<(usize, Period), Vec<CompEarning>>;

/// How an event bears on pay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bearing {
    /// Changes the deal's earnings from its date on (cancel, refund).
    Changes,
    /// Too late: after the clawback window (days since the deal, window).
    OutsideWindow(i64, Option<u32>),
    /// Not about earnings (invoice, payment, termination).
    Other,
}

/// Decides, for each event, whether it changes earnings.
pub fn bearing(set: &PlanSet, deal_date: Date, e: &Event) -> Bearing {
    if matches!(e.kind, EventKind::Enter | EventKind::Correct) {
        // Late entries and corrections are recalculations: they always apply.
        return Bearing::Changes;
    }
    if !matches!(e.kind, EventKind::Cancel | EventKind::Refund) {
        return Bearing::Other;
    }
    let window = set
        .version_on(deal_date)
        .and_then(|v| set.versions.get(v))
        .or_else(|| set.head())
        .and_then(|p| p.payout.clawback_days);
    let before_pay = e.date <= crate::fx::period_end(set, deal_date);
    let days = deal_date.days_until(e.date);
    if before_pay || window.is_some_and(|w| days <= i64::from(w)) {
        Bearing::Changes
    } else {
        Bearing::OutsideWindow(days, window)
    }
}

/// The dataset with the given changes applied: cancelled deals removed, refunded amounts
/// reduced in proportion (`refunded` of `original`, both in the deal's own currency).
pub fn apply(
    data: &Dataset,
    cancelled: &[usize],
    refunds: &BTreeMap<usize, (Decimal, Decimal)>,
    minor: u32,
) -> Result<Dataset> {
    let mut out = data.clone();
    for (&i, &(refunded, original)) in refunds {
        if let Some(t) = out.transactions.get_mut(i) {
            if original.is_zero() {
                continue;
            }
            let left = money::sub(original, refunded)?.max(Decimal::ZERO);
            let factor = money::div(left, original)?;
            t.amount = money::round_to(money::mul(t.amount, factor)?, minor, RoundingMode::HalfUp);
            t.margin = money::round_to(money::mul(t.margin, factor)?, minor, RoundingMode::HalfUp);
        }
    }
    if !cancelled.is_empty() {
        let mut keep = vec![true; out.transactions.len()];
        for &i in cancelled {
            if let Some(k) = keep.get_mut(i) {
                *k = false;
            }
        }
        let mut it = keep.iter();
        out.transactions.retain(|_| it.next().copied().unwrap_or(true));
    }
    Ok(out)
}

/// Runs the plan and tabulates earnings per payee, period and component.
///
/// # Errors
/// As `payout::calculate`.
pub fn table(set: &PlanSet, data: &Dataset) -> Result<(Table, Vec<Period>)> {
    let report = payout::calculate_credited(set, data, &crate::credit::credit(set, data)?, Detail::Full)?;
    let mut out = Table::new();
    for s in &report.statements {
        let mut comps: Vec<CompEarning> = Vec::new();
        for c in &s.components {
            let plan = s.parts.get(c.part).and_then(|p| set.versions.get(p.version));
            let Some(comp) = plan.and_then(|p| p.components.get(c.component)) else { continue };
            let lines = c.lines.iter().map(|l| {
                let id = data.transactions.get(l.transaction).map_or("", |t| data.id_of(t)).to_string();
                (id, l.earning, l.credit)
            });
            match comps.iter_mut().find(|x| x.id == comp.id) {
                Some(x) => {
                    x.earning = money::add(x.earning, c.earning)?;
                    x.lines.extend(lines);
                }
                None => comps.push(CompEarning {
                    id: comp.id.clone(),
                    name: comp.name.clone(),
                    kind: c.kind,
                    earning: c.earning,
                    lines: lines.collect(),
                }),
            }
        }
        out.insert((s.payee, s.period), comps);
    }
    Ok((out, report.periods))
}
