//! Seasonality, proration and ramp: a monthly profile (even, given, or from monthly history),
//! annual amounts phased into months by largest remainder, quarters as sums of months, and the
//! factor of each month for a rep who joins, ramps up or leaves during the year.

use rust_decimal::Decimal;
use spm_base::error::Result;
use spm_base::money::{add, allocate, apportion, div, mul, round_to, RoundingMode};
use spm_base::period::{days_in_month, Date};

/// Where the monthly shares come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    /// Every month 1/12.
    Flat,
    /// Given shares.
    Profile,
    /// Shares of monthly history.
    History,
}

impl Source {
    /// The wire word.
    pub fn word(self) -> &'static str {
        match self {
            Source::Flat => "flat",
            Source::Profile => "profile",
            Source::History => "history",
        }
    }
}

/// Monthly shares as exact fractions `weights[m] / total`, so that a share of 1/12 or of a
/// history total is never rounded before it is applied.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Profile {
    pub source: Source,
    pub weights: [Decimal; 12],
    pub total: Decimal,
}

impl Profile {
    /// Every month the same.
    pub fn flat() -> Profile {
        Profile { source: Source::Flat, weights: [Decimal::ONE; 12], total: Decimal::from(12) }
    }

    /// Month `m`'s share (0-based), exact up to the decimal's 28 digits.
    pub fn share(&self, m: usize) -> Result<Decimal> {
        div(self.weights.get(m).copied().unwrap_or_default(), self.total)
    }

    /// `v` × month `m`'s share, multiplying before dividing.
    pub fn part(&self, v: Decimal, m: usize) -> Result<Decimal> {
        div(mul(v, self.weights.get(m).copied().unwrap_or_default())?, self.total)
    }

    /// `annual` (a whole number of minor units) phased into twelve months by largest remainder:
    /// the months sum to it exactly; ties go to the earlier month.
    pub fn phase(&self, annual: Decimal, minor: u32) -> Result<[Decimal; 12]> {
        Ok(months(&allocate(annual, &self.weights, minor)?))
    }
}

/// Twelve values from a list (missing ones are zero).
pub(crate) fn months(v: &[Decimal]) -> [Decimal; 12] {
    let mut out = [Decimal::ZERO; 12];
    for (o, x) in out.iter_mut().zip(v) {
        *o = *x;
    }
    out
}

/// The four quarters: sums of three months.
pub(crate) fn quarters(m: &[Decimal; 12]) -> Result<[Decimal; 4]> {
    let mut q = [Decimal::ZERO; 4];
    for (i, v) in m.iter().enumerate() {
        if let Some(slot) = q.get_mut(i / 3) {
            *slot = add(*slot, *v)?;
        }
    }
    Ok(q)
}

/// What a month of a rep's year counts for: the ramp share of its tenure month and the days
/// the rep is employed in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Factor {
    /// Tenure month (1 = the month of the hire date), when a hire date is known and reached.
    pub tenure: Option<u32>,
    /// The ramp share (1 after the ramp, or without a hire date).
    pub ramp: Decimal,
    /// Days employed in the month.
    pub active: i64,
    /// Days in the month.
    pub days: i64,
}

impl Factor {
    /// A month that counts in full.
    pub fn is_full(&self) -> bool {
        self.ramp == Decimal::ONE && self.active == self.days
    }

    /// `v` × ramp × active days / days, multiplying first so whole results stay exact.
    pub fn apply(&self, v: Decimal) -> Result<Decimal> {
        if self.is_full() {
            return Ok(v);
        }
        if self.active == 0 {
            return Ok(Decimal::ZERO);
        }
        div(mul(mul(v, self.ramp)?, Decimal::from(self.active))?, Decimal::from(self.days))
    }

    /// The factor as one number.
    pub fn value(&self) -> Result<Decimal> {
        self.apply(Decimal::ONE)
    }
}

/// The factor of each month of `year` for a rep with these dates and ramp. Tenure month 1 is the
/// month of the hire date (prorated by days and ramped, as the payout engine does); a hire
/// before the year may still be ramping in its first months.
pub(crate) fn factors(year: i32, hire: Option<Date>, termination: Option<Date>, ramp: &[Decimal]) -> [Factor; 12] {
    let mut out = [Factor { tenure: None, ramp: Decimal::ONE, active: 0, days: 0 }; 12];
    for (i, f) in out.iter_mut().enumerate() {
        let month = u8::try_from(i + 1).unwrap_or(1);
        let days = i64::from(days_in_month(year, month));
        let first = Date::new(year, month, 1);
        let last = Date::new(year, month, days_in_month(year, month));
        let (Some(first), Some(last)) = (first, last) else { continue };
        let start = hire.map_or(first, |h| h.max(first));
        let end = termination.map_or(last, |t| t.min(last));
        let active = if end < start { 0 } else { start.days_until(end) + 1 };
        let tenure = hire.and_then(|h| {
            let k = (i64::from(year) - i64::from(h.year())) * 12 + i64::from(month) - i64::from(h.month()) + 1;
            u32::try_from(k).ok().filter(|k| *k >= 1)
        });
        let share = tenure
            .and_then(|k| ramp.get(usize::try_from(k).unwrap_or(usize::MAX).saturating_sub(1)).copied())
            .unwrap_or(Decimal::ONE);
        *f = Factor { tenure, ramp: share, active, days };
    }
    out
}

/// A rep's months after proration and ramp: each phased month × its factor, then the total
/// rounded with `mode` and spread back over the months by largest remainder, so the months sum
/// to the total exactly. Returns the months and the total.
pub(crate) fn effective(
    months: &[Decimal; 12],
    f: &[Factor; 12],
    minor: u32,
    mode: RoundingMode,
) -> Result<([Decimal; 12], Decimal)> {
    if f.iter().all(Factor::is_full) {
        let total = months.iter().try_fold(Decimal::ZERO, |a, m| add(a, *m))?;
        return Ok((*months, total));
    }
    let exact = months.iter().zip(f).map(|(m, f)| f.apply(*m)).collect::<Result<Vec<_>>>()?;
    let sum = exact.iter().try_fold(Decimal::ZERO, |a, m| add(a, *m))?;
    let total = round_to(sum, minor, mode);
    Ok((self::months(&apportion(&exact, total, minor)?), total))
}

/// The share of a full year a rep sells at full productivity: Σ month share × factor.
pub(crate) fn year_fraction(profile: &Profile, f: &[Factor; 12]) -> Result<Decimal> {
    let mut sum = Decimal::ZERO;
    for (m, f) in f.iter().enumerate() {
        sum = add(sum, f.apply(profile.share(m)?)?)?;
    }
    Ok(sum)
}

/// Productivity × the year fraction, computed month by month as `productivity × weight × ramp ×
/// active / (days × total)` so that even shares stay exact.
pub(crate) fn capacity(productivity: Decimal, profile: &Profile, f: &[Factor; 12]) -> Result<Decimal> {
    let mut sum = Decimal::ZERO;
    for (m, f) in f.iter().enumerate() {
        sum = add(sum, profile.part(f.apply(productivity)?, m)?)?;
    }
    Ok(sum)
}

/// The months whose factor is not 1, described for a sentence: "nothing before March; March:
/// 25% ramp × 17 of 31 days; April: 50% ramp; full from June".
pub(crate) fn describe(f: &[Factor; 12]) -> Vec<String> {
    let mut out = Vec::new();
    let zero_head = f.iter().take_while(|x| x.active == 0).count();
    if zero_head == 12 {
        return vec!["not employed in any month of the year".to_string()];
    }
    if zero_head > 0 {
        out.push(format!("nothing before {}", MONTHS.get(zero_head).copied().unwrap_or("")));
    }
    let zero_tail = f.iter().rev().take_while(|x| x.active == 0).count();
    let last_active = 12 - zero_tail;
    for (i, x) in f.iter().enumerate().take(last_active).skip(zero_head) {
        if x.is_full() {
            continue;
        }
        let mut parts = Vec::new();
        if x.ramp != Decimal::ONE {
            parts.push(format!("{} ramp", spm_base::fmt::rate(x.ramp)));
        }
        if x.active != x.days {
            parts.push(format!("{} of {} days", x.active, x.days));
        }
        out.push(format!("{}: {}", MONTHS.get(i).copied().unwrap_or(""), parts.join(" × ")));
    }
    if zero_tail > 0 {
        out.push(format!("nothing after {}", MONTHS.get(last_active.saturating_sub(1)).copied().unwrap_or("")));
    }
    out
}

/// Month names, January first.
pub(crate) const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn a_mid_month_hire_ramps_and_prorates() {
        let ramp = [d("0.25"), d("0.5"), d("0.75")];
        let f = factors(2026, Date::new(2026, 3, 15), None, &ramp);
        assert_eq!(f[1].active, 0);
        assert_eq!((f[2].tenure, f[2].ramp, f[2].active, f[2].days), (Some(1), d("0.25"), 17, 31));
        assert_eq!((f[3].tenure, f[3].ramp), (Some(2), d("0.5")));
        assert!(f[5].is_full());
        let (m, total) = effective(&[d("10000.00"); 12], &f, 2, RoundingMode::HalfUp).unwrap();
        assert_eq!(total, d("83870.97"));
        assert_eq!(m[2], d("1370.97"));
        assert_eq!(describe(&f)[0], "nothing before March");
    }

    #[test]
    fn flat_phasing_gives_the_odd_cents_to_the_first_months() {
        let m = Profile::flat().phase(d("1000000.00"), 2).unwrap();
        assert_eq!(m[3], d("83333.34"));
        assert_eq!(m[4], d("83333.33"));
        assert_eq!(quarters(&m).unwrap()[0], d("250000.02"));
    }
}
