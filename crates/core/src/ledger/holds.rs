//! Holds and releases at a close (pay on invoice or cash collection): each deal's share of a
//! holdable component is held until the deal is invoiced or paid, and released in proportion to
//! what was collected by the close, rounded down, so the last payment releases the rest exactly.
//! A deal that no longer pays (cancelled) has its hold dropped.

use super::book::{policy_at, Booker, Tag};
use super::{EntryKind, EventKind, PayOn};
use rust_decimal::Decimal;
use spm_base::error::Result;
use spm_base::fmt::money as fmt;
use spm_base::money::{self, Currency, RoundingMode};
use spm_base::period::Period;
use std::collections::HashMap;

impl Booker<'_, '_> {
    /// The share of a deal collected (cash) or invoiced by this close, from 0 to 1.
    fn collected(&self, txn: &str, pay_on: PayOn) -> Result<(Decimal, Decimal, Decimal, Currency)> {
        let t = self.ctx.index.get(txn).and_then(|&i| self.ctx.data.transactions.get(i));
        let original = t.map_or(Decimal::ZERO, |t| t.amount);
        let cur = t
            .and_then(|t| Currency::from_code(self.ctx.data.attribute(t, "currency")).ok())
            .unwrap_or(self.ctx.plan_cur);
        let want = if pay_on == PayOn::Cash { EventKind::Payment } else { EventKind::Invoice };
        let mut got = Decimal::ZERO;
        let mut refunded = Decimal::ZERO;
        let mut amount = original;
        for e in self.ctx.deals.get(txn).into_iter().flatten().filter(|e| e.date <= self.q_end) {
            if e.kind == want {
                got = money::add(got, e.amount.unwrap_or(original))?;
            } else if e.kind == EventKind::Refund {
                refunded = money::add(refunded, e.amount.unwrap_or(original))?;
            } else if e.kind == EventKind::Correct {
                amount = e.amount.unwrap_or(amount);
            }
        }
        let due = money::sub(amount, refunded)?;
        let f = if due <= Decimal::ZERO {
            Decimal::ONE
        } else {
            money::div(got, due).unwrap_or(Decimal::ONE).min(Decimal::ONE)
        };
        Ok((f, got, due, cur))
    }

    pub(super) fn holds(&mut self) -> Result<()> {
        let minor = self.cur.minor_units();
        // Only what changed at this close, or is still held, can move.
        let mut keys: Vec<(Period, String)> = std::mem::take(&mut self.st.fresh).into_iter().collect();
        keys.extend(self.st.held.keys().map(|(o, c, _)| (*o, c.clone())));
        keys.sort();
        keys.dedup();
        for key in keys {
            let end = self.ctx.set.head().map_or(self.q_end, |h| h.calendar.bounds(key.0).1);
            let pay_on = policy_at(self.ctx.set, end).pay_on;
            let Some(sh) = self.st.shares.get(&key) else { continue };
            let held_here = self
                .st
                .held
                .range((key.0, key.1.clone(), String::new())..)
                .next()
                .is_some_and(|((o, c, _), _)| (o, c) == (&key.0, &key.1));
            let may_hold = sh.holdable && pay_on != PayOn::Booking;
            if !held_here && !may_hold {
                continue;
            }
            let sh = sh.clone();
            let shares: HashMap<&str, Decimal> = sh.lines.iter().map(|l| (l.txn.as_str(), l.share)).collect();
            let mut txns: Vec<String> = sh.lines.iter().map(|l| l.txn.clone()).collect();
            for (o, c, t) in self.st.held.keys() {
                if (o, c) == (&key.0, &key.1) && !shares.contains_key(t.as_str()) {
                    txns.push(t.clone());
                }
            }
            for txn in txns {
                let share = shares.get(txn.as_str()).copied().unwrap_or(Decimal::ZERO);
                let (held_now, f, got, due, dc) = if sh.holdable && pay_on != PayOn::Booking && share > Decimal::ZERO {
                    let (f, got, due, dc) = self.collected(&txn, pay_on)?;
                    let rel = money::round_to(money::mul(share, f)?, minor, RoundingMode::Down);
                    (self.sub(share, rel)?, f, got, due, dc)
                } else {
                    (Decimal::ZERO, Decimal::ONE, Decimal::ZERO, Decimal::ZERO, self.cur)
                };
                let hk = (key.0, key.1.clone(), txn.clone());
                let before = self.st.held.get(&hk).copied().unwrap_or(Decimal::ZERO);
                let d = self.sub(held_now, before)?;
                if d.is_zero() {
                    continue;
                }
                let what = if pay_on == PayOn::Cash { "collected" } else { "invoiced" };
                let label = key.0.label();
                let t = if d > Decimal::ZERO {
                    format!(
                        "Held until the deal is {what}: deal {txn} ({}, {label}), {} of {} {what} so far.",
                        sh.name,
                        fmt(got, dc),
                        fmt(due, dc)
                    )
                } else if share.is_zero() {
                    format!("Hold on deal {txn} ({}, {label}) dropped: the deal no longer pays.", sh.name)
                } else {
                    format!(
                        "Released: deal {txn} ({}, {label}), {} of {} {what} by {} ({}).",
                        sh.name,
                        fmt(got, dc),
                        fmt(due, dc),
                        self.q_end,
                        spm_base::fmt::pct(f)
                    )
                };
                let kind = if d > Decimal::ZERO { EntryKind::Hold } else { EntryKind::Release };
                self.push(kind, t, -d, Tag { plan: None, origin: Some(key.0), comp: Some(&key.1), txn: Some(&txn) })?;
                if held_now.is_zero() {
                    self.st.held.remove(&hk);
                } else {
                    self.st.held.insert(hk, held_now);
                }
            }
        }
        Ok(())
    }
}
