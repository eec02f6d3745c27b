//! Money: `Money`, `Rate` and `Ratio` newtypes over `rust_decimal`, currencies with their minor
//! units, the one rounding function, and largest-remainder allocation so parts sum to the whole.
//!
//! No binary float touches money. Arithmetic that can overflow returns `Result`; combining two
//! currencies is an error, never a silent conversion.

use crate::error::{Code, Error, Result};
use rust_decimal::{Decimal, RoundingStrategy};
use std::fmt;

/// An ISO 4217 currency with its number of minor units (2 for USD, 0 for JPY, 3 for KWD).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency {
    code: [u8; 3],
    minor_units: u8,
}

/// The currencies the engine knows, with their minor units (ISO 4217).
const CURRENCIES: &[(&str, u8)] = &[
    ("AED", 2),
    ("AUD", 2),
    ("BGN", 2),
    ("BHD", 3),
    ("BRL", 2),
    ("CAD", 2),
    ("CHF", 2),
    ("CLP", 0),
    ("CNY", 2),
    ("COP", 2),
    ("CZK", 2),
    ("DKK", 2),
    ("EGP", 2),
    ("EUR", 2),
    ("GBP", 2),
    ("HKD", 2),
    ("HUF", 2),
    ("IDR", 2),
    ("ILS", 2),
    ("INR", 2),
    ("ISK", 0),
    ("JOD", 3),
    ("JPY", 0),
    ("KRW", 0),
    ("KWD", 3),
    ("MAD", 2),
    ("MXN", 2),
    ("MYR", 2),
    ("NGN", 2),
    ("NOK", 2),
    ("NZD", 2),
    ("OMR", 3),
    ("PEN", 2),
    ("PHP", 2),
    ("PKR", 2),
    ("PLN", 2),
    ("QAR", 2),
    ("RON", 2),
    ("SAR", 2),
    ("SEK", 2),
    ("SGD", 2),
    ("THB", 2),
    ("TND", 3),
    ("TRY", 2),
    ("TWD", 2),
    ("UAH", 2),
    ("USD", 2),
    ("VND", 0),
    ("ZAR", 2),
];

impl Currency {
    /// US dollar.
    pub const USD: Currency = Currency { code: *b"USD", minor_units: 2 };

    /// Looks a currency up by its ISO 4217 code (upper case).
    ///
    /// # Errors
    /// `CURRENCY_UNKNOWN` when the code is not in the engine's table.
    pub fn from_code(code: &str) -> Result<Currency> {
        CURRENCIES
            .iter()
            .find(|(c, _)| *c == code)
            .and_then(|(c, m)| {
                let b = c.as_bytes();
                Some(Currency { code: [*b.first()?, *b.get(1)?, *b.get(2)?], minor_units: *m })
            })
            .ok_or_else(|| Error::new(Code::CurrencyUnknown, format!("unknown currency code {code:?}")))
    }

    /// The three-letter code.
    pub fn code(&self) -> &str {
        std::str::from_utf8(&self.code).unwrap_or("???")
    }

    /// Digits after the decimal point in the smallest unit (cents: 2).
    pub fn minor_units(&self) -> u32 {
        u32::from(self.minor_units)
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// How a value is rounded to the currency's minor unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoundingMode {
    /// Ties away from zero (2.345 → 2.35, −2.345 → −2.35): the usual commercial rounding.
    HalfUp,
    /// Ties to the even digit (2.345 → 2.34, 2.355 → 2.36): banker's rounding.
    HalfEven,
    /// Toward zero (truncate).
    Down,
    /// Away from zero.
    Up,
}

impl RoundingMode {
    fn strategy(self) -> RoundingStrategy {
        match self {
            RoundingMode::HalfUp => RoundingStrategy::MidpointAwayFromZero,
            RoundingMode::HalfEven => RoundingStrategy::MidpointNearestEven,
            RoundingMode::Down => RoundingStrategy::ToZero,
            RoundingMode::Up => RoundingStrategy::AwayFromZero,
        }
    }

    /// The word used in explanations ("half-up").
    pub fn label(self) -> &'static str {
        match self {
            RoundingMode::HalfUp => "half-up",
            RoundingMode::HalfEven => "half-even",
            RoundingMode::Down => "down",
            RoundingMode::Up => "up",
        }
    }
}

/// The named point in the calculation where a plan rounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoundingPoint {
    /// Each transaction's earning is rounded; component totals are sums of rounded lines.
    Line,
    /// Each component's period earning is rounded once; lines are apportioned to match it.
    Component,
    /// Only the statement total is rounded; components are apportioned to match it.
    Statement,
}

/// A plan's declared rounding: how, and where.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoundingPolicy {
    /// Tie and direction rule.
    pub mode: RoundingMode,
    /// Where in the calculation it happens.
    pub at: RoundingPoint,
}

impl RoundingPolicy {
    /// Rounds `value` to `currency`'s minor unit. This is the only rounding of money in the engine.
    pub fn round(&self, value: Decimal, currency: Currency) -> Decimal {
        round_to(value, currency.minor_units(), self.mode)
    }
}

/// Rounds to `dp` decimal places with `mode`, keeping exactly `dp` places in the result.
pub fn round_to(value: Decimal, dp: u32, mode: RoundingMode) -> Decimal {
    let mut r = value.round_dp_with_strategy(dp, mode.strategy());
    r.rescale(dp);
    r
}

/// An amount in a currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Money {
    amount: Decimal,
    currency: Currency,
}

impl Money {
    /// Wraps an amount.
    pub fn new(amount: Decimal, currency: Currency) -> Self {
        Money { amount, currency }
    }

    /// Zero in `currency`.
    pub fn zero(currency: Currency) -> Self {
        Money::new(Decimal::ZERO, currency)
    }

    /// The amount.
    pub fn amount(&self) -> Decimal {
        self.amount
    }

    /// The currency.
    pub fn currency(&self) -> Currency {
        self.currency
    }

    /// Adds two amounts of the same currency.
    ///
    /// # Errors
    /// `CURRENCY_MISMATCH` for different currencies, `OVERFLOW` past the decimal range.
    pub fn checked_add(self, other: Money) -> Result<Money> {
        self.same_currency(other)?;
        Ok(Money::new(add(self.amount, other.amount)?, self.currency))
    }

    /// Subtracts an amount of the same currency.
    ///
    /// # Errors
    /// `CURRENCY_MISMATCH` for different currencies, `OVERFLOW` past the decimal range.
    pub fn checked_sub(self, other: Money) -> Result<Money> {
        self.same_currency(other)?;
        Ok(Money::new(sub(self.amount, other.amount)?, self.currency))
    }

    /// Multiplies by a rate (5% of $100 is $5).
    ///
    /// # Errors
    /// `OVERFLOW` past the decimal range.
    pub fn times_rate(self, rate: Rate) -> Result<Money> {
        Ok(Money::new(mul(self.amount, rate.0)?, self.currency))
    }

    /// Rounds with a policy to the currency's minor unit.
    pub fn rounded(self, policy: &RoundingPolicy) -> Money {
        Money::new(policy.round(self.amount, self.currency), self.currency)
    }

    fn same_currency(&self, other: Money) -> Result<()> {
        if self.currency == other.currency {
            Ok(())
        } else {
            Err(Error::new(
                Code::CurrencyMismatch,
                format!("cannot combine {} and {} without an explicit conversion", self.currency, other.currency),
            ))
        }
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.currency, self.amount)
    }
}

/// A rate applied to an amount: `0.05` is 5%.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Rate(pub Decimal);

/// A ratio of two like quantities, such as attainment (`1.25` is 125%).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Ratio(pub Decimal);

impl Ratio {
    /// `numerator / denominator`.
    ///
    /// # Errors
    /// `QUOTA_INVALID` when the denominator is zero, `OVERFLOW` past the decimal range.
    pub fn of(numerator: Decimal, denominator: Decimal) -> Result<Ratio> {
        if denominator.is_zero() {
            return Err(Error::new(Code::QuotaInvalid, "division by a zero quota"));
        }
        numerator.checked_div(denominator).map(Ratio).ok_or_else(overflow)
    }
}

/// Formats a ratio as a percentage with `dp` places, by moving the decimal point (no float).
pub fn percent(ratio: Decimal, dp: u32) -> String {
    let pct = ratio.checked_mul(Decimal::ONE_HUNDRED).unwrap_or(ratio);
    format!("{}%", round_to(pct, dp, RoundingMode::HalfUp))
}

fn overflow() -> Error {
    Error::new(Code::Overflow, "an amount left the range of exact decimals")
}

/// Checked addition.
///
/// # Errors
/// `OVERFLOW` past the decimal range.
#[inline]
pub fn add(a: Decimal, b: Decimal) -> Result<Decimal> {
    a.checked_add(b).ok_or_else(overflow)
}

/// Checked subtraction.
///
/// # Errors
/// `OVERFLOW` past the decimal range.
#[inline]
pub fn sub(a: Decimal, b: Decimal) -> Result<Decimal> {
    a.checked_sub(b).ok_or_else(overflow)
}

/// Checked sum of every term, one addition at a time (`Iterator::sum` would panic on overflow,
/// which kills a wasm module).
///
/// # Errors
/// `OVERFLOW` past the decimal range.
pub fn sum(terms: impl IntoIterator<Item = Decimal>) -> Result<Decimal> {
    // Through `Sum`: amounts of one scale add as integers, which keeps long sums cheap.
    let mut s = Sum::new(Decimal::ZERO);
    for t in terms {
        s.add(t)?;
    }
    s.total()
}

/// Checked multiplication.
///
/// # Errors
/// `OVERFLOW` past the decimal range.
#[inline]
pub fn mul(a: Decimal, b: Decimal) -> Result<Decimal> {
    a.checked_mul(b).ok_or_else(overflow)
}

/// Checked division.
///
/// # Errors
/// `OVERFLOW` past the decimal range or on a zero divisor.
#[inline]
pub fn div(a: Decimal, b: Decimal) -> Result<Decimal> {
    a.checked_div(b).ok_or_else(overflow)
}

/// An exact running sum for hot loops: terms with the sum's scale (cents, for amounts in cents)
/// are added as integers; any other term goes through `Decimal` addition. The total is the
/// same as adding with `add` one term at a time.
#[derive(Debug, Clone, Copy)]
pub struct Sum {
    scale: u32,
    units: i128,
    rest: Decimal,
}

impl Sum {
    /// A sum starting at `start`; terms with the first term's scale are added as integers.
    pub fn new(start: Decimal) -> Sum {
        Sum { scale: u32::MAX, units: 0, rest: start }
    }

    /// Adds a term.
    ///
    /// # Errors
    /// `OVERFLOW` past the decimal range.
    #[inline]
    pub fn add(&mut self, x: Decimal) -> Result<()> {
        if self.scale == u32::MAX {
            self.scale = x.scale();
        }
        if x.scale() == self.scale {
            // |mantissa| < 2^96, so the integer can only overflow after 2^31 terms at the limit.
            self.units = self.units.checked_add(x.mantissa()).ok_or_else(overflow)?;
        } else {
            self.rest = add(self.rest, x)?;
        }
        Ok(())
    }

    /// The total.
    ///
    /// # Errors
    /// `OVERFLOW` past the decimal range.
    pub fn total(&self) -> Result<Decimal> {
        if self.scale == u32::MAX {
            return Ok(self.rest);
        }
        let whole = Decimal::try_from_i128_with_scale(self.units, self.scale).map_err(|_| overflow())?;
        add(whole, self.rest)
    }
}

/// Splits `total` (a whole number of minor units) in proportion to `weights` by the largest
/// remainder method, so the parts sum to `total` exactly. Ties in remainder go to the earlier
/// part, which keeps the result deterministic.
///
/// ```
/// use spm_base::money::allocate;
/// use rust_decimal::Decimal;
/// let parts = allocate(Decimal::new(10000, 2), &[Decimal::ONE; 3], 2).unwrap();
/// assert_eq!(parts, vec![Decimal::new(3334, 2), Decimal::new(3333, 2), Decimal::new(3333, 2)]);
/// ```
///
/// # Errors
/// `ALLOCATION_INVALID` when there are no weights, a weight is negative, the weights sum to
/// zero, or `total` has digits below the minor unit; `OVERFLOW` past the decimal range.
pub fn allocate(total: Decimal, weights: &[Decimal], minor_units: u32) -> Result<Vec<Decimal>> {
    let invalid = |m: &str| Error::new(Code::AllocationInvalid, m.to_string());
    if weights.is_empty() {
        return Err(invalid("nothing to allocate to"));
    }
    if weights.iter().any(|w| w.is_sign_negative() && !w.is_zero()) {
        return Err(invalid("allocation weights must not be negative"));
    }
    let sum = weights.iter().try_fold(Decimal::ZERO, |acc, w| add(acc, *w))?;
    if sum.is_zero() {
        return Err(invalid("allocation weights sum to zero"));
    }
    if round_to(total, minor_units, RoundingMode::Down) != total {
        return Err(invalid("the total has digits below the currency's minor unit"));
    }
    let exact = weights.iter().map(|w| mul(total, *w).and_then(|x| div(x, sum))).collect::<Result<Vec<_>>>()?;
    apportion(&exact, total, minor_units)
}

/// Rounds each of `parts` to `minor_units` places so that they sum exactly to `total`
/// (which must itself be a whole number of minor units within one unit per part of the
/// parts' sum, as any rounding of that sum is). Each part moves less than one minor unit;
/// the units left over go to the parts with the largest remainders, earlier parts first on ties.
///
/// # Errors
/// `ALLOCATION_INVALID` when `total` is too far from the parts' sum to be reached that way;
/// `OVERFLOW` past the decimal range.
pub fn apportion(parts: &[Decimal], total: Decimal, minor_units: u32) -> Result<Vec<Decimal>> {
    let unit = Decimal::new(1, minor_units);
    let mut floors = Vec::with_capacity(parts.len());
    let mut remainders = Vec::with_capacity(parts.len());
    let mut floor_sum = Decimal::ZERO;
    for (i, p) in parts.iter().enumerate() {
        let mut f = p.round_dp_with_strategy(minor_units, RoundingStrategy::ToNegativeInfinity);
        f.rescale(minor_units);
        floor_sum = add(floor_sum, f)?;
        remainders.push((sub(*p, f)?, i));
        floors.push(f);
    }
    let missing = div(sub(total, floor_sum)?, unit)?;
    let n = Decimal::from(parts.len());
    if missing.is_sign_negative() && !missing.is_zero() || missing > n || !missing.fract().is_zero() {
        return Err(Error::new(Code::AllocationInvalid, format!("cannot apportion parts to the total {total}")));
    }
    // Largest remainder first; equal remainders keep input order (stable sort on the index).
    remainders.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut left = missing;
    for (_, i) in remainders {
        if left <= Decimal::ZERO {
            break;
        }
        if let Some(f) = floors.get_mut(i) {
            *f = add(*f, unit)?;
        }
        left = sub(left, Decimal::ONE)?;
    }
    Ok(floors)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn rounding_modes_on_ties() {
        let usd = Currency::USD;
        let p = |mode| RoundingPolicy { mode, at: RoundingPoint::Line };
        assert_eq!(p(RoundingMode::HalfUp).round(d("2.345"), usd), d("2.35"));
        assert_eq!(p(RoundingMode::HalfUp).round(d("-2.345"), usd), d("-2.35"));
        assert_eq!(p(RoundingMode::HalfEven).round(d("2.345"), usd), d("2.34"));
        assert_eq!(p(RoundingMode::HalfEven).round(d("2.355"), usd), d("2.36"));
        assert_eq!(p(RoundingMode::Down).round(d("2.349"), usd), d("2.34"));
        assert_eq!(p(RoundingMode::Up).round(d("2.341"), usd), d("2.35"));
        assert_eq!(p(RoundingMode::HalfUp).round(d("7"), usd).to_string(), "7.00");
        let jpy = Currency::from_code("JPY").unwrap();
        assert_eq!(p(RoundingMode::HalfUp).round(d("100.5"), jpy), d("101"));
    }

    #[test]
    fn currencies_and_mismatch() {
        assert_eq!(Currency::from_code("KWD").unwrap().minor_units(), 3);
        assert_eq!(Currency::from_code("usd").unwrap_err().code, Code::CurrencyUnknown);
        let eur = Currency::from_code("EUR").unwrap();
        let e = Money::new(d("1"), Currency::USD).checked_add(Money::new(d("1"), eur)).unwrap_err();
        assert_eq!(e.code, Code::CurrencyMismatch);
    }

    #[test]
    fn sum_is_exact_and_overflow_is_an_error() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        // 0.10 + 0.20 + 1.005 + 3 = 4.305, mixed scales, exactly.
        assert_eq!(sum([d("0.10"), d("0.20"), d("1.005"), d("3")]).unwrap(), d("4.305"));
        assert_eq!(sum([]).unwrap(), Decimal::ZERO);
        assert_eq!(sum([Decimal::MAX, Decimal::ONE]).unwrap_err().code, Code::Overflow);
        // Terms of another scale than the first go through checked decimal addition.
        assert_eq!(sum([d("0.5"), Decimal::MAX, Decimal::MAX]).unwrap_err().code, Code::Overflow);
    }

    #[test]
    fn overflow_is_an_error() {
        let e =
            Money::new(Decimal::MAX, Currency::USD).checked_add(Money::new(Decimal::MAX, Currency::USD)).unwrap_err();
        assert_eq!(e.code, Code::Overflow);
    }

    #[test]
    fn allocate_thirds_and_zero_weights() {
        assert_eq!(
            allocate(d("100.00"), &[d("1"), d("1"), d("1")], 2).unwrap(),
            vec![d("33.34"), d("33.33"), d("33.33")]
        );
        // 60/40 of $0.05: 3 cents and 2 cents.
        assert_eq!(allocate(d("0.05"), &[d("0.6"), d("0.4")], 2).unwrap(), vec![d("0.03"), d("0.02")]);
        assert_eq!(allocate(d("-10.00"), &[d("1"), d("2")], 2).unwrap(), vec![d("-3.33"), d("-6.67")]);
        assert!(allocate(d("1.005"), &[d("1")], 2).is_err());
        assert!(allocate(d("1"), &[d("0")], 2).is_err());
        assert!(allocate(d("1"), &[d("-1"), d("2")], 2).is_err());
    }

    #[test]
    fn apportion_matches_rounded_total() {
        let parts = [d("1.005"), d("1.005"), d("1.005")];
        // Sum 3.015 rounds half-up to 3.02: one part gets the extra cent.
        let r = apportion(&parts, d("3.02"), 2).unwrap();
        assert_eq!(r, vec![d("1.01"), d("1.01"), d("1.00")]);
    }

    #[test]
    fn percent_moves_the_point() {
        assert_eq!(percent(d("1.25"), 2), "125.00%");
        assert_eq!(percent(d("0.3333333"), 1), "33.3%");
    }

    #[test]
    fn sums_agree_with_one_addition_at_a_time() {
        let terms = ["12.34", "0.01", "-5.50", "7", "0.125", "1000000.99", "-0.01"];
        let mut sum = Sum::new(d("100.5"));
        let mut plain = d("100.5");
        for t in terms {
            sum.add(d(t)).unwrap();
            plain = add(plain, d(t)).unwrap();
        }
        assert_eq!(sum.total().unwrap(), plain);
        assert_eq!(sum.total().unwrap().to_string(), "1000115.455");
        assert_eq!(Sum::new(d("3.10")).total().unwrap().to_string(), "3.10");
    }
}
