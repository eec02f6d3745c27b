//! The draw at each close: the guarantee or advance up to the draw amount, recovery of earlier
//! advances (from its start period, a percentage of the payable amount, never breaking the
//! minimum payment), the unrecovered balance at termination (forgiven, written off or
//! collected), then the payment, or the negative balance carried to the next period.

use super::book::{Booker, Tag};
use super::{Draw, EntryKind, OnTermination};
use rust_decimal::Decimal;
use spm_base::error::{Code, Error, Result};
use spm_base::fmt::rate as fmt_rate;
use spm_base::money::{self, RoundingMode};
use spm_base::period::{Date, Period};

impl Booker<'_, '_> {
    /// The draw, recovery and termination, then the payment or the carry.
    pub(super) fn draw(
        &mut self,
        terms: Option<&Draw>,
        termination: Option<Date>,
        hire: Option<Date>,
        closes: &[Period],
    ) -> Result<()> {
        let label = self.q.label();
        let minor = self.cur.minor_units();
        let mut topped = false;
        if let Some(d) = terms {
            for l in [&d.from, &d.to, &d.recovery_from].into_iter().flatten() {
                if !same_shape(l, &label) {
                    let known: Vec<String> = closes.iter().map(Period::label).collect();
                    return Err(Error::at(
                        "draw",
                        Code::UnknownReference,
                        format!("the draw names period {l:?}, which is not a period label of this plan"),
                        format!(
                            "write periods as the plan labels them, such as {}",
                            known.first().cloned().unwrap_or_default()
                        ),
                    ));
                }
            }
            let employed = hire.is_none_or(|h| h <= self.q_end) && termination.is_none_or(|t| t >= self.q_start);
            let active = employed
                && d.from.as_deref().is_none_or(|f| f <= label.as_str())
                && d.to.as_deref().is_none_or(|t| label.as_str() <= t);
            if active && self.st.balance < d.amount {
                let top = self.sub(d.amount, self.st.balance)?;
                topped = true;
                let earned = self.st.balance;
                if d.recoverable {
                    self.st.draw_balance = self.add(self.st.draw_balance, top)?;
                    let t = format!(
                        "Recoverable draw: {} guaranteed and {} payable before the draw, so {} is advanced; draw balance now {}.",
                        self.m(d.amount),
                        self.m(earned),
                        self.m(top),
                        self.m(self.st.draw_balance)
                    );
                    self.push(EntryKind::Advance, t, top, Tag::default())?;
                } else {
                    let t = format!(
                        "Guaranteed draw: {} guaranteed and {} payable before the draw, so {} is added (not recovered later).",
                        self.m(d.amount),
                        self.m(earned),
                        self.m(top)
                    );
                    self.push(EntryKind::Guarantee, t, top, Tag::default())?;
                }
            }
            let may_recover = match (&d.recovery_from, &d.to) {
                (Some(r), _) => r.as_str() <= label.as_str(),
                (None, Some(t)) => t.as_str() < label.as_str(),
                (None, None) => true,
            };
            if d.recoverable
                && !topped
                && may_recover
                && self.st.draw_balance > Decimal::ZERO
                && self.st.balance > Decimal::ZERO
            {
                let pay = self.st.balance;
                let by_pct = money::round_to(money::mul(d.percent, pay)?, minor, RoundingMode::Down);
                let room = self.sub(pay, d.minimum)?.max(Decimal::ZERO);
                let r = self.st.draw_balance.min(by_pct).min(room);
                if r > Decimal::ZERO {
                    self.st.draw_balance = self.sub(self.st.draw_balance, r)?;
                    let mut why = format!("{} of {} payable", fmt_rate(d.percent), self.m(pay));
                    if r == room && room < by_pct {
                        why.push_str(&format!(
                            ", limited so that the minimum payment of {} is kept",
                            self.m(d.minimum)
                        ));
                    } else if r < by_pct {
                        why.push_str(", limited to the balance");
                    }
                    let t = format!(
                        "Draw recovery: {} ({why}); draw balance now {}.",
                        self.m(r),
                        self.m(self.st.draw_balance)
                    );
                    self.push(EntryKind::Recovery, t, -r, Tag::default())?;
                }
            }
            if termination.is_some_and(|t| self.q_start <= t && t <= self.q_end) && self.st.draw_balance > Decimal::ZERO
            {
                let left = self.st.draw_balance;
                self.st.draw_balance = Decimal::ZERO;
                match d.on_termination {
                    OnTermination::Forgive => {
                        self.sum.forgiven = self.add(self.sum.forgiven, left)?;
                        let t = format!("Termination: the unrecovered draw of {} is forgiven.", self.m(left));
                        self.push(EntryKind::Forgiven, t, Decimal::ZERO, Tag::default())?;
                    }
                    OnTermination::WriteOff => {
                        self.sum.forgiven = self.add(self.sum.forgiven, left)?;
                        let t = format!("Termination: the unrecovered draw of {} is written off.", self.m(left));
                        self.push(EntryKind::WrittenOff, t, Decimal::ZERO, Tag::default())?;
                    }
                    OnTermination::Collect => {
                        let t = format!(
                            "Termination: the unrecovered draw of {} is collected from the final pay.",
                            self.m(left)
                        );
                        self.push(EntryKind::Collected, t, -left, Tag::default())?;
                    }
                }
            }
        }
        if self.st.balance > Decimal::ZERO {
            let t = format!("Paid for {label}: {}.", self.m(self.st.balance));
            self.push(EntryKind::Payment, t, -self.st.balance, Tag::default())?;
        } else if self.st.balance < Decimal::ZERO {
            let t = format!(
                "Carried to the next period: {} still owed, to be taken from later earnings.",
                self.m(self.st.balance)
            );
            self.push(EntryKind::Carried, t, Decimal::ZERO, Tag::default())?;
        }
        Ok(())
    }
}

/// Whether a period label has the same shape (digits and separators) as the plan's labels.
fn same_shape(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.chars().zip(b.chars()).all(|(x, y)| x.is_ascii_digit() == y.is_ascii_digit())
}
