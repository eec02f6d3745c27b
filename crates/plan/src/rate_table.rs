//! Rate tables and the four tier semantics (docs/plan-format.md): flat on highest tier, marginal,
//! interpolated, and retroactive unlock; evaluated on the running period total or per
//! transaction.
//!
//! Everything is computed in amount space: for attainment tiers, each bound is multiplied by
//! the quota first, so "tier 2 starts at 50% of a 200,000 quota" becomes "at 100,000 credited".
//! `earn(x)` is the cumulative earning function F of the credited total x; in running mode a
//! transaction that moves the total from a to b earns F(b) − F(a), so the lines of a period
//! always sum to F(total), and a deal that unlocks a retroactive tier carries the re-rating.

use rust_decimal::Decimal;
use spm_base::error::Result;
use spm_base::money::{add, div, mul, sub};

/// How the tiers of a table combine: one type per semantics, never a flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TierMode {
    /// The whole base at the rate of the highest tier reached (Oracle "rate not split").
    Flat,
    /// Each slice of the base at its own tier's rate (Oracle "split fixed").
    Marginal,
    /// The whole base at a rate that moves linearly from `rate` at `from` to `rate_to` at `to`
    /// inside the tier reached (Oracle "split varied").
    Interpolated,
    /// Marginal, except that reaching a tier marked retroactive re-rates everything below it at
    /// that tier's rate; tiers not so marked apply only above their bound.
    Retroactive,
}

/// What tier bounds are expressed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TierBase {
    /// Ratios of quota (1.0 = 100%).
    Attainment,
    /// Amounts in the plan currency.
    Amount,
}

/// Where the band is looked up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evaluation {
    /// On the running period total: a new deal starts where attainment already is.
    Running,
    /// On each transaction alone, starting from the first tier.
    PerTransaction,
}

/// One half-open band `[from, to)` of the base.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tier {
    /// Inclusive lower bound, in the table's base.
    pub from: Decimal,
    /// Exclusive upper bound; `None` on the last tier.
    pub to: Option<Decimal>,
    /// Rate as a fraction of the credited amount.
    pub rate: Decimal,
    /// Interpolated mode: the rate reached at `to` (equal to `rate` otherwise).
    pub rate_to: Decimal,
    /// Retroactive mode: reaching this tier re-rates everything below it.
    pub retroactive: bool,
}

/// A validated rate table: tiers contiguous from zero, the last one open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateTable {
    /// Tier semantic.
    pub mode: TierMode,
    /// Unit of the tier bounds.
    pub base: TierBase,
    /// Running or per transaction.
    pub evaluation: Evaluation,
    /// The bands, in order.
    pub tiers: Vec<Tier>,
}

/// A slice of credited amount paid at one rate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slice {
    /// 0-based tier index.
    pub tier: usize,
    /// Credited amount in the slice.
    pub base: Decimal,
    /// The rate applied (after interpolation or retroactive re-rating).
    pub rate: Decimal,
    /// `base × rate`.
    pub amount: Decimal,
    /// Set when a retroactive tier re-rated this slice: the index of that tier.
    pub rerated_by: Option<usize>,
}

/// A flat or marginal table with its bounds already multiplied by the unit, for the hot loop of
/// running evaluation: F(x) costs one multiplication and two additions.
#[derive(Debug, Clone)]
pub struct Scaled {
    lo: Vec<Decimal>,
    rate: Vec<Decimal>,
    /// F at each tier's lower bound (marginal).
    cum: Vec<Decimal>,
    flat: bool,
    hint: usize,
}

impl Scaled {
    /// Scales a flat or marginal table; `None` for the other modes.
    ///
    /// # Errors
    /// `OVERFLOW` past the decimal range.
    pub fn new(t: &RateTable, unit: Decimal) -> Result<Option<Scaled>> {
        let flat = match t.mode {
            TierMode::Flat => true,
            TierMode::Marginal => false,
            _ => return Ok(None),
        };
        let mut lo = Vec::with_capacity(t.tiers.len());
        let mut cum = Vec::with_capacity(t.tiers.len());
        let mut acc = Decimal::ZERO;
        for (i, tier) in t.tiers.iter().enumerate() {
            let l = mul(tier.from, unit)?;
            if i > 0 {
                let prev_lo = lo.last().copied().unwrap_or(Decimal::ZERO);
                let prev_rate = t.tiers.get(i - 1).map_or(Decimal::ZERO, |p| p.rate);
                acc = add(acc, mul(sub(l, prev_lo)?, prev_rate)?)?;
            }
            lo.push(l);
            cum.push(acc);
        }
        Ok(Some(Scaled { lo, rate: t.tiers.iter().map(|x| x.rate).collect(), cum, flat, hint: 0 }))
    }

    /// F(x), remembering the tier found so rising totals find theirs in constant time.
    ///
    /// # Errors
    /// `OVERFLOW` past the decimal range.
    pub fn f(&mut self, x: Decimal) -> Result<Decimal> {
        if x <= Decimal::ZERO {
            return mul(x, self.rate.first().copied().unwrap_or(Decimal::ZERO));
        }
        let mut k = self.hint.min(self.lo.len().saturating_sub(1));
        while k > 0 && self.lo.get(k).is_some_and(|l| x < *l) {
            k -= 1;
        }
        while self.lo.get(k + 1).is_some_and(|l| x >= *l) {
            k += 1;
        }
        self.hint = k;
        let rate = self.rate.get(k).copied().unwrap_or(Decimal::ZERO);
        if self.flat {
            return mul(x, rate);
        }
        let lo = self.lo.get(k).copied().unwrap_or(Decimal::ZERO);
        add(self.cum.get(k).copied().unwrap_or(Decimal::ZERO), mul(sub(x, lo)?, rate)?)
    }
}

impl RateTable {
    /// The index of the tier containing credited amount `x`, with bounds scaled by `unit`.
    ///
    /// # Errors
    /// `OVERFLOW` past the decimal range.
    pub fn tier_at(&self, x: Decimal, unit: Decimal) -> Result<usize> {
        let mut found = 0;
        for (i, t) in self.tiers.iter().enumerate() {
            if x >= mul(t.from, unit)? {
                found = i;
            } else {
                break;
            }
        }
        Ok(found)
    }

    /// F(x): the earning on a credited total `x`, bound unit `unit` (the quota for attainment
    /// tiers, 1 for amount tiers), with the slices that make it up. Below zero, every mode
    /// applies the first tier's rate, so a reversal costs back at the base rate.
    ///
    /// # Errors
    /// `OVERFLOW` past the decimal range.
    pub fn earn(&self, x: Decimal, unit: Decimal) -> Result<(Decimal, Vec<Slice>)> {
        let first_rate = self.tiers.first().map_or(Decimal::ZERO, |t| t.rate);
        if x <= Decimal::ZERO {
            let amount = mul(x, first_rate)?;
            let slices = if x.is_zero() {
                Vec::new()
            } else {
                vec![Slice { tier: 0, base: x, rate: first_rate, amount, rerated_by: None }]
            };
            return Ok((amount, slices));
        }
        let k = self.tier_at(x, unit)?;
        let slices = match self.mode {
            TierMode::Flat => vec![whole(k, x, self.rate_of(k))?],
            TierMode::Interpolated => vec![whole(k, x, self.interpolated_rate(k, x, unit)?)?],
            TierMode::Marginal => self.split(k, x, unit, None)?,
            TierMode::Retroactive => {
                let lifted = (0..=k).rev().find(|&i| self.tiers.get(i).is_some_and(|t| t.retroactive));
                self.split(k, x, unit, lifted)?
            }
        };
        let total = slices.iter().try_fold(Decimal::ZERO, |acc, s| add(acc, s.amount))?;
        Ok((total, slices))
    }

    /// F(x) without the slices: the hot path of running evaluation. Flat and marginal tables
    /// avoid allocating; the other modes go through `earn`.
    ///
    /// # Errors
    /// `OVERFLOW` past the decimal range.
    pub fn total(&self, x: Decimal, unit: Decimal) -> Result<Decimal> {
        if x <= Decimal::ZERO {
            return mul(x, self.rate_of(0));
        }
        match self.mode {
            TierMode::Flat => {
                let k = self.tier_at(x, unit)?;
                mul(x, self.rate_of(k))
            }
            TierMode::Marginal => {
                let mut acc = Decimal::ZERO;
                for t in &self.tiers {
                    let lo = mul(t.from, unit)?;
                    if x <= lo {
                        break;
                    }
                    let hi = match t.to {
                        Some(to) => mul(to, unit)?.min(x),
                        None => x,
                    };
                    acc = add(acc, mul(sub(hi, lo)?, t.rate)?)?;
                }
                Ok(acc)
            }
            TierMode::Interpolated | TierMode::Retroactive => Ok(self.earn(x, unit)?.0),
        }
    }

    /// The same table with accelerators switched off: tiers from `k` up pay the rate of tier
    /// `k − 1` (used by "no accelerators" gates and during ramp).
    pub fn without_accelerators(&self, k: usize) -> RateTable {
        let mut t = self.clone();
        let cap = k.checked_sub(1).and_then(|i| self.tiers.get(i)).map(|x| x.rate_to.max(x.rate));
        if let Some(cap) = cap {
            for tier in t.tiers.iter_mut().skip(k) {
                tier.rate = tier.rate.min(cap);
                tier.rate_to = tier.rate_to.min(cap);
                tier.retroactive = false;
            }
        }
        t
    }

    /// The first accelerator tier: the first tier starting at 100% attainment or more.
    pub fn first_accelerator(&self) -> Option<usize> {
        if self.base != TierBase::Attainment {
            return None;
        }
        self.tiers.iter().position(|t| t.from >= Decimal::ONE).filter(|&k| k > 0)
    }

    fn rate_of(&self, i: usize) -> Decimal {
        self.tiers.get(i).map_or(Decimal::ZERO, |t| t.rate)
    }

    fn interpolated_rate(&self, k: usize, x: Decimal, unit: Decimal) -> Result<Decimal> {
        let Some(t) = self.tiers.get(k) else {
            return Ok(Decimal::ZERO);
        };
        let Some(to) = t.to else {
            return Ok(t.rate);
        };
        let lo = mul(t.from, unit)?;
        let hi = mul(to, unit)?;
        let span = sub(hi, lo)?;
        if span.is_zero() {
            return Ok(t.rate);
        }
        let progress = div(sub(x, lo)?, span)?;
        add(t.rate, mul(sub(t.rate_to, t.rate)?, progress)?)
    }

    /// Marginal slices up to tier `k`; slices below a lifting retroactive tier take its rate.
    fn split(&self, k: usize, x: Decimal, unit: Decimal, lifted: Option<usize>) -> Result<Vec<Slice>> {
        let mut out = Vec::with_capacity(k + 1);
        for (i, t) in self.tiers.iter().enumerate().take(k + 1) {
            let lo = mul(t.from, unit)?;
            let hi = match t.to {
                Some(to) if i < k => mul(to, unit)?,
                _ => x,
            };
            let base = sub(hi.min(x), lo)?;
            let (rate, rerated_by) = match lifted {
                Some(r) if i < r => (self.rate_of(r), Some(r)),
                _ => (t.rate, None),
            };
            out.push(Slice { tier: i, base, rate, amount: mul(base, rate)?, rerated_by });
        }
        Ok(out)
    }
}

/// The whole base `x` at one rate, as one slice of tier `k`.
fn whole(k: usize, x: Decimal, rate: Decimal) -> Result<Slice> {
    Ok(Slice { tier: k, base: x, rate, amount: mul(x, rate)?, rerated_by: None })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    /// [0, 0.5) 2%, [0.5, 1.0) 5%, [1.0, ∞) 8%, on attainment of a 100,000 quota.
    fn table(mode: TierMode) -> RateTable {
        let t = |from: &str, to: Option<&str>, rate: &str, retro: bool| Tier {
            from: d(from),
            to: to.map(d),
            rate: d(rate),
            rate_to: d(rate),
            retroactive: retro,
        };
        RateTable {
            mode,
            base: TierBase::Attainment,
            evaluation: Evaluation::Running,
            tiers: vec![
                t("0", Some("0.5"), "0.02", false),
                t("0.5", Some("1.0"), "0.05", true),
                t("1.0", None, "0.08", false),
            ],
        }
    }

    #[test]
    fn four_semantics_at_120_percent() {
        let q = d("100000");
        let x = d("120000");
        // Marginal: 50,000×2% + 50,000×5% + 20,000×8% = 1,000 + 2,500 + 1,600 = 5,100.
        assert_eq!(table(TierMode::Marginal).earn(x, q).unwrap().0, d("5100"));
        // Flat: 120,000 × 8% = 9,600.
        assert_eq!(table(TierMode::Flat).earn(x, q).unwrap().0, d("9600"));
        // Retroactive: tier 2 lifts tier 1 to 5%: 100,000×5% + 20,000×8% = 5,000 + 1,600 = 6,600.
        assert_eq!(table(TierMode::Retroactive).earn(x, q).unwrap().0, d("6600"));
        // Below the retroactive tier nothing is lifted: 40,000 × 2% = 800.
        assert_eq!(table(TierMode::Retroactive).earn(d("40000"), q).unwrap().0, d("800"));
    }

    #[test]
    fn interpolated_rate_moves_inside_the_band() {
        let mut t = table(TierMode::Interpolated);
        t.tiers[1].rate_to = d("0.07");
        // At 75,000: rate 5% + (7%−5%)×(25,000/50,000) = 6%; 75,000 × 6% = 4,500.
        assert_eq!(t.earn(d("75000"), d("100000")).unwrap().0, d("4500"));
        // In the open tier the rate is constant: 150,000 × 8% = 12,000.
        assert_eq!(t.earn(d("150000"), d("100000")).unwrap().0, d("12000"));
    }

    #[test]
    fn total_matches_earn_in_every_mode() {
        for mode in [TierMode::Flat, TierMode::Marginal, TierMode::Interpolated, TierMode::Retroactive] {
            let t = table(mode);
            for x in ["-5", "0", "1", "49999.99", "50000", "75000", "100000", "250000.55"] {
                assert_eq!(
                    t.total(d(x), d("100000")).unwrap(),
                    t.earn(d(x), d("100000")).unwrap().0,
                    "{mode:?} at {x}"
                );
            }
        }
    }

    #[test]
    fn scaled_matches_total() {
        for mode in [TierMode::Flat, TierMode::Marginal] {
            let t = table(mode);
            let mut s = Scaled::new(&t, d("100000")).unwrap().unwrap();
            for x in ["120000", "-5", "0", "49999.99", "50000", "75000", "100000", "30000", "250000.55"] {
                assert_eq!(s.f(d(x)).unwrap(), t.total(d(x), d("100000")).unwrap(), "{mode:?} at {x}");
            }
        }
        assert!(Scaled::new(&table(TierMode::Retroactive), d("1")).unwrap().is_none());
    }

    #[test]
    fn accelerators_off_caps_rates_at_the_tier_below() {
        let t = table(TierMode::Marginal).without_accelerators(2);
        // 50,000 × 2% + 70,000 × 5% = 1,000 + 3,500 = 4,500.
        assert_eq!(t.total(d("120000"), d("100000")).unwrap(), d("4500"));
        assert_eq!(table(TierMode::Marginal).first_accelerator(), Some(2));
    }

    #[test]
    fn bounds_are_half_open() {
        let t = table(TierMode::Flat);
        // Exactly 50% is in tier 2: 50,000 × 5% = 2,500.
        assert_eq!(t.earn(d("50000"), d("100000")).unwrap().0, d("2500"));
        assert_eq!(t.tier_at(d("49999.99"), d("100000")).unwrap(), 0);
    }

    #[test]
    fn negative_totals_use_the_first_rate() {
        let t = table(TierMode::Flat);
        assert_eq!(t.earn(d("-1000"), d("100000")).unwrap().0, d("-20"));
        assert_eq!(t.earn(d("0"), d("100000")).unwrap().0, d("0"));
    }
}
