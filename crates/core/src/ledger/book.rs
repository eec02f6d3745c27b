//! Booking: each payee's ledger, close by close. Earnings of the period, adjustments of earlier
//! periods (clawbacks at the amounts they paid, their effect on tiers, recalculations), holds
//! and releases per deal, then the draw, recovery, termination, payment and carry.
//!
//! Every component's earning is converted into the payee's currency at the rate of the last day
//! of the period it was earned in and apportioned over its deals by largest remainder, so each
//! deal's share is a whole number of minor units and the shares sum to the earning. Entries are
//! differences between what was known at this close and at the previous one, so nothing paid is
//! ever changed in place and every amount earned is booked exactly once.

use super::close::{self, Bearing, CompEarning, Table};
use super::costs::Cost;
use super::{Entry, EntryKind, Event, EventKind, Ledger, PayOn, PayeeAdjustment, PayeeLedger, Summary};
use crate::data::Dataset;
use crate::payout::Kind;
use rust_decimal::Decimal;
use spm_base::error::{Code, Error, Result};
use spm_base::fmt::money as fmt;
use spm_base::money::{self, Currency, RoundingMode};
use spm_base::period::{Date, Period};
use spm_plan::PlanSet;
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

/// A deal's share of a component's earning.
#[derive(Debug, Clone)]
pub(super) struct LineShare {
    pub(super) txn: String,
    /// In the payee's currency.
    pub(super) share: Decimal,
    /// Line earning in the plan currency, and the credit it was for (for the rate in words).
    pub(super) plan: Decimal,
    pub(super) credit: Decimal,
}

/// A component's earning for one origin period, as known at a close.
#[derive(Debug, Clone, Default)]
pub(super) struct Shares {
    pub(super) name: String,
    pub(super) earning: Decimal,
    pub(super) plan: Decimal,
    pub(super) lines: Vec<LineShare>,
    pub(super) holdable: bool,
}

impl Shares {
    fn share_of(&self, txn: &str) -> Result<Decimal> {
        money::sum(self.lines.iter().filter(|l| l.txn == txn).map(|l| l.share))
    }
}

/// A payee's state between closes.
#[derive(Debug, Default)]
pub(super) struct State {
    pub(super) balance: Decimal,
    pub(super) draw_balance: Decimal,
    pub(super) shares: BTreeMap<(Period, String), Shares>,
    pub(super) held: BTreeMap<(Period, String, String), Decimal>,
    /// Shares computed at this close (holds look at these and at what is still held).
    pub(super) fresh: std::collections::BTreeSet<(Period, String)>,
    pub(super) entries: Vec<Entry>,
    pub(super) periods: Vec<(Period, Summary)>,
    /// The plan has run for the payee (so the plan's draw applies); false for a payee known
    /// only from a payee adjustment.
    pub(super) on_plan: bool,
}

/// Everything the closes share.
pub(super) struct Ctx<'a> {
    pub(super) set: &'a PlanSet,
    pub(super) data: &'a Dataset,
    pub(super) plan_cur: Currency,
    pub(super) mode: RoundingMode,
    pub(super) deals: BTreeMap<&'a str, Vec<&'a Event>>,
    pub(super) index: &'a HashMap<&'a str, usize>,
}

pub(super) fn book_all(
    set: &PlanSet,
    data: &Dataset,
    data0: &Dataset,
    index: &HashMap<&str, usize>,
    events: &[Event],
    adjustments: &[(usize, &PayeeAdjustment)],
    closes: &[Period],
) -> Result<Ledger> {
    let head = set.head().ok_or_else(|| Error::new(Code::Internal, "a plan set without versions"))?;
    let ctx =
        Ctx { set, data, plan_cur: head.currency, mode: head.rounding.mode, deals: super::by_deal(events), index };
    let mut changing: Vec<(Date, usize)> = Vec::new();
    let mut outside: Vec<(Date, usize, i64, Option<u32>)> = Vec::new();
    for (i, e) in events.iter().enumerate() {
        let Some(t) = index.get(e.transaction.as_str()).and_then(|&k| data0.transactions.get(k)) else { continue };
        match close::bearing(set, t.date, e) {
            Bearing::Changes => changing.push((e.date, i)),
            Bearing::OutsideWindow(days, w) => outside.push((e.date, i, days, w)),
            Bearing::Other => {}
        }
    }
    changing.sort();
    let mut states: BTreeMap<usize, State> = BTreeMap::new();
    let mut costs: Vec<Cost> = Vec::new();
    let mut notes = Vec::new();
    let mut known = usize::MAX;
    let mut table: Rc<Table> = Rc::new(Table::new());
    let (cal, _) = (head.calendar, head.period);
    for &q in closes {
        let (q_start, q_end) = cal.bounds(q);
        let k = changing.partition_point(|(d, _)| *d <= q_end);
        let changed = k != known;
        let newly: Vec<&Event> = if changed && known != usize::MAX {
            changing.get(known..k).unwrap_or(&[]).iter().filter_map(|(_, i)| events.get(*i)).collect()
        } else {
            Vec::new()
        };
        if changed {
            table = Rc::new(state_table(&ctx, data0, events, changing.get(..k).unwrap_or(&[]))?.0);
            known = k;
        }
        for (p, _) in table.keys() {
            states.entry(*p).or_default().on_plan = true;
        }
        let here: Vec<(usize, &PayeeAdjustment)> =
            adjustments.iter().filter(|(_, a)| q_start <= a.date && a.date <= q_end).copied().collect();
        for (p, _) in &here {
            states.entry(*p).or_default();
        }
        let late: Vec<(&Event, i64, Option<u32>)> = outside
            .iter()
            .filter(|(d, ..)| q_start <= *d && *d <= q_end)
            .filter_map(|(_, i, days, w)| Some((events.get(*i)?, *days, *w)))
            .collect();
        for (&p, st) in &mut states {
            let payee = data.payees.get(p).ok_or_else(|| Error::new(Code::Internal, "payee index"))?;
            let cur = payee.currency.unwrap_or(ctx.plan_cur);
            let terms = if st.on_plan { payee.draw.as_ref().or(policy_at(set, q_end).draw.as_ref()) } else { None };
            let mine: Vec<&PayeeAdjustment> = here.iter().filter(|(i, _)| *i == p).map(|(_, a)| *a).collect();
            let mut b = Booker {
                ctx: &ctx,
                st,
                q,
                q_start,
                q_end,
                cur,
                sum: Summary::default(),
                costs: &mut costs,
                payee: &payee.id,
            };
            let located = |e: Error| e.or_at(|| format!("payee {}, {}", payee.id, q.label()));
            b.close(p, &table, changed, &newly, &late).map_err(located)?;
            b.payee_lines(&mine).map_err(located)?;
            b.draw(terms, payee.termination, payee.hire, closes).map_err(located)?;
            b.finish().map_err(located)?;
        }
        for (e, days, w) in &late {
            notes.push(late_text(e, *days, *w, cal.bounds(q).1));
        }
    }
    let payees = states
        .into_iter()
        .map(|(p, st)| PayeeLedger {
            payee: p,
            currency: data.payees.get(p).and_then(|x| x.currency).unwrap_or(ctx.plan_cur),
            entries: st.entries,
            periods: st.periods,
        })
        .collect();
    Ok(Ledger {
        periods: closes.to_vec(),
        currency: ctx.plan_cur,
        payees,
        conversions: Vec::new(),
        costs,
        books: None,
        notes,
    })
}

pub(super) fn policy_at(set: &PlanSet, d: Date) -> &super::Policy {
    static NONE: std::sync::OnceLock<super::Policy> = std::sync::OnceLock::new();
    let v = set.version_on(d).and_then(|v| set.versions.get(v)).or_else(|| set.versions.last());
    match v {
        Some(v) => &v.payout,
        None => NONE.get_or_init(super::Policy::default),
    }
}

fn late_text(e: &Event, days: i64, w: Option<u32>, _end: Date) -> String {
    let what = if e.kind == EventKind::Cancel { "cancelled" } else { "refunded" };
    match w {
        Some(w) => format!(
            "Deal {} was {what} on {}, {days} days after booking: outside the {w}-day clawback window, so what it paid is kept.",
            e.transaction, e.date
        ),
        None => format!(
            "Deal {} was {what} on {}, after its period was paid: the plan has no clawback, so what it paid is kept.",
            e.transaction, e.date
        ),
    }
}

/// The late entries and corrections of this close that touch a component's deals, in words.
fn why(newly: &[&Event], old: Option<&Shares>, new: &Shares) -> String {
    let touches =
        |t: &str| old.is_some_and(|o| o.lines.iter().any(|l| l.txn == t)) || new.lines.iter().any(|l| l.txn == t);
    let parts: Vec<String> = newly
        .iter()
        .filter(|e| touches(&e.transaction))
        .filter_map(|e| match e.kind {
            EventKind::Enter => Some(format!("deal {} entered on {}", e.transaction, e.date)),
            EventKind::Correct => Some(format!(
                "deal {} corrected to {} on {}",
                e.transaction,
                e.amount.map_or_else(String::new, |a| a.to_string()),
                e.date
            )),
            _ => None,
        })
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join("; "))
    }
}

/// Runs the plan with the first `k` earnings-changing events applied.
fn state_table(
    ctx: &Ctx,
    data0: &Dataset,
    events: &[Event],
    applied: &[(Date, usize)],
) -> Result<(Table, Vec<Period>)> {
    let mut cancelled = Vec::new();
    // Deals entered late are unknown until their entry is applied.
    let mut unknown: Vec<usize> = events
        .iter()
        .filter(|e| e.kind == EventKind::Enter)
        .filter_map(|e| ctx.index.get(e.transaction.as_str()).copied())
        .collect();
    // Per deal: (refunded, original, corrected amount).
    let mut changes: BTreeMap<usize, (Decimal, Decimal, Option<Decimal>)> = BTreeMap::new();
    for (_, i) in applied {
        let Some(e) = events.get(*i) else { continue };
        let Some(&t) = ctx.index.get(e.transaction.as_str()) else { continue };
        let original = ctx.data.transactions.get(t).map_or(Decimal::ZERO, |x| x.amount);
        match (e.kind, e.amount) {
            (EventKind::Refund, Some(a)) => {
                let r = changes.entry(t).or_insert((Decimal::ZERO, original, None));
                r.0 = money::add(r.0, a)?;
            }
            (EventKind::Correct, Some(a)) => changes.entry(t).or_insert((Decimal::ZERO, original, None)).2 = Some(a),
            (EventKind::Enter, _) => unknown.retain(|u| *u != t),
            _ => cancelled.push(t),
        }
    }
    cancelled.extend(unknown);
    // A correction to C with refunds R leaves C − R of the original: as if original − C + R were refunded.
    let refunds: BTreeMap<usize, (Decimal, Decimal)> = changes
        .into_iter()
        .map(|(t, (refunded, original, corrected))| {
            let r = match corrected {
                Some(c) => money::add(money::sub(original, c)?, refunded)?,
                None => refunded,
            };
            Ok((t, (r, original)))
        })
        .collect::<Result<_>>()?;
    let minor = ctx.plan_cur.minor_units();
    let data = close::apply(data0, &cancelled, &refunds, minor)?;
    close::table(ctx.set, &data)
}

/// What an entry is about, besides its amount.
#[derive(Default)]
pub(super) struct Tag<'t> {
    pub(super) plan: Option<Decimal>,
    pub(super) origin: Option<Period>,
    pub(super) comp: Option<&'t str>,
    pub(super) txn: Option<&'t str>,
}

pub(super) struct Booker<'a, 'b> {
    pub(super) ctx: &'a Ctx<'a>,
    pub(super) st: &'b mut State,
    pub(super) q: Period,
    pub(super) q_start: Date,
    pub(super) q_end: Date,
    pub(super) cur: Currency,
    pub(super) sum: Summary,
    pub(super) costs: &'b mut Vec<Cost>,
    pub(super) payee: &'a str,
}

impl Booker<'_, '_> {
    /// Books one entry: the running balance and the period summary move by `amount`, checked.
    ///
    /// # Errors
    /// `OVERFLOW` at the payee and period when a balance or a summary leaves the decimal range.
    pub(super) fn push(&mut self, kind: EntryKind, text: String, amount: Decimal, tag: Tag) -> Result<()> {
        let Tag { plan, origin, comp, txn } = tag;
        let (payee, q) = (self.payee, &self.q);
        let at = |e: Error| overflow_at(e, payee, q);
        self.st.balance = money::add(self.st.balance, amount).map_err(at)?;
        let s = &mut self.sum;
        let moved = match kind {
            EntryKind::Earned => Some((&mut s.earned, false)),
            EntryKind::Adjustment | EntryKind::TierEffect => Some((&mut s.adjustments, false)),
            EntryKind::Clawback => Some((&mut s.clawbacks, false)),
            EntryKind::Spiff => Some((&mut s.spiffs, false)),
            EntryKind::PayeeAdjustment => Some((&mut s.payee_adjustments, false)),
            EntryKind::Hold => Some((&mut s.held, true)),
            EntryKind::Release => Some((&mut s.released, false)),
            EntryKind::Guarantee | EntryKind::Advance => Some((&mut s.draw, false)),
            EntryKind::Recovery => Some((&mut s.recovered, true)),
            EntryKind::Collected => Some((&mut s.collected, true)),
            EntryKind::Payment => Some((&mut s.paid, true)),
            EntryKind::Opening | EntryKind::Carried | EntryKind::Note | EntryKind::Forgiven | EntryKind::WrittenOff => {
                None
            }
        };
        if let Some((field, negated)) = moved {
            *field = if negated { money::sub(*field, amount) } else { money::add(*field, amount) }.map_err(at)?;
        }
        let plan_amount = plan.filter(|_| self.cur != self.ctx.plan_cur);
        self.st.entries.push(Entry {
            period: self.q,
            kind,
            text,
            amount,
            plan_amount,
            balance: self.st.balance,
            origin,
            component: comp.map(str::to_string),
            transaction: txn.map(str::to_string),
        });
        Ok(())
    }

    pub(super) fn m(&self, v: Decimal) -> String {
        fmt(v, self.cur)
    }

    /// Earnings, adjustments, clawbacks, holds and releases.
    fn close_rate(&mut self) -> Result<()> {
        if self.cur != self.ctx.plan_cur {
            let used = self.ctx.data.rates.rate(self.ctx.plan_cur, self.cur, self.q_end)?;
            self.sum.rate = Some((used.rate, used.effective));
        }
        Ok(())
    }

    fn close(
        &mut self,
        p: usize,
        table: &Table,
        changed: bool,
        newly: &[&Event],
        late: &[(&Event, i64, Option<u32>)],
    ) -> Result<()> {
        self.close_rate()?;
        if !self.st.balance.is_zero() {
            let t = format!(
                "Carried in from the previous period: {} (still owed after clawbacks).",
                self.m(self.st.balance)
            );
            self.sum.opening = self.st.balance;
            self.push(EntryKind::Opening, t, Decimal::ZERO, Tag::default())?;
        }
        // The period itself first, then earlier periods whose earnings changed.
        let mut origins: Vec<Period> = vec![self.q];
        if changed {
            origins.extend(table.keys().filter(|(pp, o)| *pp == p && *o < self.q).map(|(_, o)| *o));
            origins.extend(self.st.shares.keys().map(|(o, _)| *o).filter(|o| *o < self.q));
            origins.sort();
            origins.dedup();
            if let Some(i) = origins.iter().position(|o| *o == self.q) {
                let q = origins.remove(i);
                origins.insert(0, q);
            }
        }
        // Whether a deal of this payee was cancelled or refunded at this close.
        let clawed = newly
            .iter()
            .filter(|e| matches!(e.kind, EventKind::Cancel | EventKind::Refund))
            .any(|e| self.st.shares.values().any(|s| s.lines.iter().any(|l| l.txn == e.transaction)));
        for origin in origins {
            let empty = Vec::new();
            let comps: &Vec<CompEarning> = table.get(&(p, origin)).unwrap_or(&empty);
            let mut ids: Vec<String> = comps.iter().map(|c| c.id.clone()).collect();
            for (o, c) in self.st.shares.keys() {
                if *o == origin && !ids.contains(c) {
                    ids.push(c.clone());
                }
            }
            for id in ids {
                let new = match comps.iter().find(|c| c.id == id) {
                    Some(c) => self.shares(c, origin)?,
                    None => Shares::default(),
                };
                let old = self.st.shares.get(&(origin, id.clone())).cloned();
                self.book_diff(origin, &id, old.as_ref(), &new, newly, clawed)?;
                self.st.fresh.insert((origin, id.clone()));
                self.st.shares.insert((origin, id), new);
            }
        }
        for (e, days, w) in late {
            let touched = self.st.shares.values().any(|s| s.lines.iter().any(|l| l.txn == e.transaction));
            if touched {
                self.push(
                    EntryKind::Note,
                    late_text(e, *days, *w, self.q_end),
                    Decimal::ZERO,
                    Tag { txn: Some(&e.transaction), ..Tag::default() },
                )?;
            }
        }
        self.holds()
    }

    /// A component's earning converted and apportioned over its deals.
    fn shares(&self, c: &CompEarning, origin: Period) -> Result<Shares> {
        let end = self.ctx.set.head().map_or(self.q_end, |h| h.calendar.bounds(origin).1);
        let (earning, _) = self.ctx.data.rates.convert(c.earning, self.ctx.plan_cur, self.cur, end, self.ctx.mode)?;
        let mut merged: Vec<LineShare> = Vec::new();
        for (txn, e, credit) in &c.lines {
            match merged.iter_mut().find(|l| &l.txn == txn) {
                Some(l) => {
                    l.plan = money::add(l.plan, *e)?;
                    l.credit = money::add(l.credit, *credit)?;
                }
                None => merged.push(LineShare { txn: txn.clone(), share: Decimal::ZERO, plan: *e, credit: *credit }),
            }
        }
        let base = money::sum(merged.iter().map(|l| l.plan))?;
        let policy = policy_at(self.ctx.set, end);
        let mut holdable = policy.pay_on != PayOn::Booking
            && !policy.pay_on_exempt.contains(&c.id)
            && matches!(c.kind, Kind::Commission | Kind::Spiff);
        let lines = if base.is_zero() || merged.is_empty() {
            holdable = false;
            Vec::new()
        } else {
            let parts =
                merged.iter().map(|l| money::div(money::mul(l.plan, earning)?, base)).collect::<Result<Vec<_>>>()?;
            match money::apportion(&parts, earning, self.cur.minor_units()) {
                Ok(shares) => merged.into_iter().zip(shares).map(|(l, s)| LineShare { share: s, ..l }).collect(),
                Err(_) => {
                    holdable = false;
                    Vec::new()
                }
            }
        };
        Ok(Shares { name: c.name.clone(), earning, plan: c.earning, lines, holdable })
    }

    fn book_diff(
        &mut self,
        origin: Period,
        id: &str,
        old: Option<&Shares>,
        new: &Shares,
        newly: &[&Event],
        clawed: bool,
    ) -> Result<()> {
        let label = origin.label();
        let name = if new.name.is_empty() { old.map_or(id, |o| o.name.as_str()).to_string() } else { new.name.clone() };
        let old_earning = old.map_or(Decimal::ZERO, |o| o.earning);
        let old_plan = old.map_or(Decimal::ZERO, |o| o.plan);
        let delta = self.sub(new.earning, old_earning)?;
        self.record_costs(id, old, new)?;
        if delta.is_zero() {
            return Ok(());
        }
        if origin == self.q {
            let t = if self.cur == self.ctx.plan_cur {
                format!("{name} earned in {label}: {}.", self.m(new.earning))
            } else {
                let used = self.ctx.data.rates.rate(self.ctx.plan_cur, self.cur, self.q_end)?;
                format!(
                    "{name} earned in {label}: {} ({} at {} {}→{}, the rate of {}).",
                    self.m(new.earning),
                    fmt(new.plan, self.ctx.plan_cur),
                    used.rate.normalize(),
                    self.ctx.plan_cur,
                    self.cur,
                    self.q_end
                )
            };
            self.push(
                EntryKind::Earned,
                t,
                delta,
                Tag { plan: Some(self.sub(new.plan, old_plan)?), origin: Some(origin), comp: Some(id), txn: None },
            )?;
            return Ok(());
        }
        let mut taken = Decimal::ZERO;
        if let Some(old) = old {
            for e in newly.iter().filter(|e| matches!(e.kind, EventKind::Cancel | EventKind::Refund)) {
                let was = old.share_of(&e.transaction).map_err(|e| self.located(e))?;
                if was.is_zero() {
                    continue;
                }
                let now = new.share_of(&e.transaction).map_err(|e| self.located(e))?;
                let part = self.sub(now, was)?;
                let line = old.lines.iter().find(|l| l.txn == e.transaction);
                let at = line
                    .filter(|l| !l.credit.is_zero())
                    .map(|l| {
                        let r = money::div(l.plan, l.credit).unwrap_or(Decimal::ZERO);
                        let shown = money::round_to(r, 4, RoundingMode::HalfUp);
                        let about = if shown == r { "" } else { "about " };
                        format!(" at {about}{}", spm_base::fmt::pct(shown))
                    })
                    .unwrap_or_default();
                let t = match e.kind {
                    EventKind::Cancel => format!(
                        "Deal {} cancelled on {}: takes back the {} it earned in {label}{at} ({name}).",
                        e.transaction,
                        e.date,
                        self.m(was)
                    ),
                    _ => format!(
                        "Deal {} refunded {} on {}: takes back {} of the {} it earned in {label}{at} ({name}).",
                        e.transaction,
                        e.amount.map_or_else(|| "in full".to_string(), |a| a.to_string()),
                        e.date,
                        self.m(-part),
                        self.m(was)
                    ),
                };
                taken = self.add(taken, part)?;
                let plan_part = line.map(|l| -l.plan);
                self.push(
                    EntryKind::Clawback,
                    t,
                    part,
                    Tag { plan: plan_part, origin: Some(origin), comp: Some(id), txn: Some(&e.transaction) },
                )?;
            }
        }
        let rest = self.sub(delta, taken)?;
        if !rest.is_zero() {
            let reasons = why(newly, old, new);
            let own_claw = taken != Decimal::ZERO;
            let (kind, t) = if own_claw || (clawed && reasons.is_empty()) {
                (
                    EntryKind::TierEffect,
                    format!(
                        "{name} for {label} recalculated without the cancelled or refunded deals: {} → {}; beyond what those deals paid themselves, the other deals now earn {} {} (tiers and year-to-date true-up).",
                        self.m(old_earning),
                        self.m(new.earning),
                        self.m(rest.abs()),
                        if rest < Decimal::ZERO { "less" } else { "more" }
                    ),
                )
            } else {
                (
                    EntryKind::Adjustment,
                    format!(
                        "{name} for {label} recalculated{}: {} was paid, it is now {}; the difference is settled here, {label} itself stays closed.",
                        reasons,
                        self.m(old_earning),
                        self.m(new.earning)
                    ),
                )
            };
            self.push(kind, t, rest, Tag { origin: Some(origin), comp: Some(id), ..Tag::default() })?;
        }
        Ok(())
    }

    /// Records what changed in each deal's share as a cost incurred at this close.
    fn record_costs(&mut self, id: &str, old: Option<&Shares>, new: &Shares) -> Result<()> {
        let mut per: BTreeMap<&str, Decimal> = BTreeMap::new();
        let mut unassigned = money::sub(new.earning, money::sum(new.lines.iter().map(|l| l.share))?)?;
        for l in &new.lines {
            let v = per.entry(l.txn.as_str()).or_default();
            *v = money::add(*v, l.share)?;
        }
        if let Some(o) = old {
            let before = money::sub(o.earning, money::sum(o.lines.iter().map(|l| l.share))?)?;
            unassigned = money::sub(unassigned, before)?;
            for l in &o.lines {
                let v = per.entry(l.txn.as_str()).or_default();
                *v = money::sub(*v, l.share)?;
            }
        }
        per.insert("", unassigned);
        for (txn, amount) in per {
            if !amount.is_zero() {
                self.costs.push(Cost {
                    currency: self.cur,
                    payee: self.payee.to_string(),
                    transaction: txn.to_string(),
                    component: id.to_string(),
                    incurred: self.q_end,
                    amount,
                });
            }
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<()> {
        self.sum.closing = self.st.balance;
        self.sum.draw_balance = self.st.draw_balance;
        self.sum.held_balance = money::sum(self.st.held.values().copied()).map_err(|e| self.located(e))?;
        self.st.periods.push((self.q, std::mem::take(&mut self.sum)));
        Ok(())
    }

    /// An error of this payee's booking, located at the payee and period (an `OVERFLOW` from
    /// the arithmetic has no location of its own).
    pub(super) fn located(&self, e: Error) -> Error {
        if e.diagnostics.is_empty() {
            overflow_at(e, self.payee, &self.q)
        } else {
            e
        }
    }

    /// `a + b`, checked, an overflow located at the payee and period.
    pub(super) fn add(&self, a: Decimal, b: Decimal) -> Result<Decimal> {
        money::add(a, b).map_err(|e| self.located(e))
    }

    /// `a - b`, checked, an overflow located at the payee and period.
    pub(super) fn sub(&self, a: Decimal, b: Decimal) -> Result<Decimal> {
        money::sub(a, b).map_err(|e| self.located(e))
    }
}

/// An `OVERFLOW` located at the payee and period being booked.
fn overflow_at(e: Error, payee: &str, q: &Period) -> Error {
    Error::at(
        format!("payee {payee}, {}", q.label()),
        e.code,
        e.message,
        "amounts this large leave the range of exact decimals: check the data's amounts",
    )
}
