//! Capacity planning: how many reps to hire, and in which months, so that the year's expected
//! bookings reach a target, given productivity, ramp, attrition and the reps on hand.
//!
//! The model is monthly and exact. A fully ramped rep books `productivity × month share` in a
//! month; a hire books that × the ramp share of the tenure month (the start month is tenure
//! month 1). Attrition of `a` a year is `a / 12` of the heads each month, compounded: a head is
//! still there `k` months later with the survival `(1 − a/12)^k`, rounded to 6 places; expected
//! heads are fractional, people hired are whole. Leavers leave at the end of a month, after
//! booking it. Hires are placed greedily: from the first month a hire can start, each month
//! takes as many as are still needed (up to the monthly limit). An earlier hire books more than
//! a later one, so this gives the fewest hires.

use super::fields::{currency, mode, non_negative, ramp, schema_version, seasonality, share, target, year};
use super::phase::{Profile, Source, MONTHS};
use super::report::amount;
use crate::quota::dto::{CapacityInputDto, CapacityMonthDto, CapacityPlanResultDto};
use rust_decimal::Decimal;
use spm_base::error::{Code, Diagnostic, Error, Result};
use spm_base::fmt::ratio;
use spm_base::fmt::{money, rate};
use spm_base::money::{add, apportion, div, mul, round_to, sub, RoundingMode};

/// The most hires a plan may ask for.
const MAX_HIRES: u64 = 1_000_000;

/// Checks and runs a capacity plan.
pub(crate) fn plan(v: &CapacityInputDto) -> Result<CapacityPlanResultDto> {
    let mut d = Vec::new();
    schema_version(v.schema_version, &mut d);
    let cur = currency(&v.currency, &mut d);
    let yr = year(v.year, &mut d);
    let tgt = target(&v.target, "target", cur, &mut d);
    let productivity = non_negative(&v.productivity, "productivity", &mut d).filter(|p| {
        if p.is_zero() {
            d.push(Diagnostic::error(
                "productivity",
                Code::OutOfRange,
                "a productivity of 0 books nothing",
                "give a ramped rep's annual bookings",
            ));
        }
        !p.is_zero()
    });
    let ramp = v.ramp.as_ref().map(|r| ramp(r, "ramp", &mut d)).unwrap_or_default();
    let attrition = v.attrition.as_ref().map_or(Some(Decimal::ZERO), |a| share(a, "attrition", &mut d));
    let start = v.start_month.unwrap_or(1);
    if !(1..=12).contains(&start) {
        d.push(Diagnostic::error(
            "startMonth",
            Code::OutOfRange,
            format!("month {start}"),
            "give a month from 1 to 12",
        ));
    }
    let profile = v.seasonality.as_ref().map_or(Some(Profile::flat()), |s| seasonality(s, "seasonality", &mut d));
    if !d.is_empty() {
        return Err(Error::from_diagnostics(d));
    }
    let (Some(cur), Some(year), Some(target), Some(productivity), Some(attrition), Some(profile)) =
        (cur, yr, tgt, productivity, attrition, profile)
    else {
        return Err(Error::new(Code::Internal, "a checked capacity plan lost a value"));
    };
    let m = Model::new(productivity, &ramp, attrition, &profile)?;
    let lead = v.hire_lead_months.unwrap_or(0);
    let earliest = usize::try_from(start.saturating_add(lead).saturating_sub(1)).unwrap_or(usize::MAX);
    let starting = Decimal::from(v.starting_reps);
    let base = m.total(starting, &[0; 12])?;
    let one: Vec<Decimal> =
        (0..12).map(|h| if h >= earliest { m.one_hire(h) } else { Ok(Decimal::ZERO) }).collect::<Result<_>>()?;
    let hires = greedy(sub(target, base)?, &one, earliest, v.max_hires_per_month)?;
    let table = m.table(starting, &hires)?;
    let exact_total = table.iter().try_fold(Decimal::ZERO, |a, r| add(a, r.bookings))?;
    let md = mode(v.rounding);
    let minor = cur.minor_units();
    let expected = round_to(exact_total, minor, md);
    let exact: Vec<Decimal> = table.iter().map(|r| r.bookings).collect();
    let booked = apportion(&exact, expected, minor)?;
    let lead_idx = usize::try_from(lead).unwrap_or(usize::MAX);
    let mut months = Vec::with_capacity(12);
    let mut cumulative = Decimal::ZERO;
    for (i, (r, b)) in table.iter().zip(&booked).enumerate() {
        cumulative = add(cumulative, *b)?;
        months.push(CapacityMonthDto {
            month: u32::try_from(i + 1).unwrap_or(0),
            label: format!("{year}-{:02}", i + 1),
            requisitions: i.checked_add(lead_idx).and_then(|j| hires.get(j)).copied().unwrap_or(0),
            hires: hires.get(i).copied().unwrap_or(0),
            headcount: ratio(r.heads),
            ramped_headcount: ratio(r.ramped),
            attrition: ratio(r.leavers),
            bookings: amount(*b, minor),
            cumulative: amount(cumulative, minor),
            one_hire: amount(round_to(one.get(i).copied().unwrap_or_default(), minor, md), minor),
        });
    }
    let total_hires: u32 = hires.iter().sum::<u32>();
    let met = exact_total >= target;
    let end = table.last().map_or(Ok(Decimal::ZERO), |r| sub(r.heads, r.leavers))?;
    let ctx = Words {
        cur,
        year,
        target,
        expected,
        starting: v.starting_reps,
        lead,
        start,
        earliest,
        cap: v.max_hires_per_month,
    };
    Ok(CapacityPlanResultDto {
        schema_version: 1,
        currency: cur.code().to_string(),
        year,
        target: amount(target, minor),
        productivity: amount(productivity, minor),
        starting_reps: v.starting_reps,
        hires: total_hires,
        first_start_month: u32::try_from(earliest + 1).unwrap_or(13).min(13),
        met,
        expected_bookings: amount(expected, minor),
        surplus: amount(sub(expected, target)?, minor),
        end_headcount: ratio(end),
        months,
        answer: ctx.answer(&hires, met)?,
        explanation: ctx.explain(&m, base, &one, &hires, &ramp, attrition, &profile, md)?,
    })
}

/// The monthly model.
struct Model {
    /// A ramped rep's bookings per month, exact.
    per_month: [Decimal; 12],
    /// Survival after k months, k = 0..=12.
    survival: [Decimal; 13],
    ramp: Vec<Decimal>,
}

/// One month of the table, exact.
struct Row {
    heads: Decimal,
    ramped: Decimal,
    leavers: Decimal,
    bookings: Decimal,
}

impl Model {
    fn new(productivity: Decimal, ramp: &[Decimal], attrition: Decimal, profile: &Profile) -> Result<Model> {
        let mut per_month = [Decimal::ZERO; 12];
        for (m, x) in per_month.iter_mut().enumerate() {
            *x = profile.part(productivity, m)?;
        }
        let q = sub(Decimal::ONE, div(attrition, Decimal::from(12))?)?;
        let mut survival = [Decimal::ONE; 13];
        let mut power = Decimal::ONE;
        for s in survival.iter_mut().skip(1) {
            power = mul(power, q)?;
            *s = round_to(power, 6, RoundingMode::HalfUp);
        }
        Ok(Model { per_month, survival, ramp: ramp.to_vec() })
    }

    fn survival(&self, k: usize) -> Decimal {
        self.survival.get(k).copied().unwrap_or_default()
    }

    /// The ramp share in tenure month `t` (1-based).
    fn ramp(&self, t: usize) -> Decimal {
        self.ramp.get(t.saturating_sub(1)).copied().unwrap_or(Decimal::ONE)
    }

    /// What one hire starting in month `h` (0-based) books in the year, exact.
    fn one_hire(&self, h: usize) -> Result<Decimal> {
        let mut sum = Decimal::ZERO;
        for (m, p) in self.per_month.iter().enumerate().skip(h) {
            let k = m - h;
            sum = add(sum, mul(mul(self.survival(k), self.ramp(k + 1))?, *p)?)?;
        }
        Ok(sum)
    }

    /// The table for `starting` ramped reps and `hires` per start month.
    fn table(&self, starting: Decimal, hires: &[u32; 12]) -> Result<Vec<Row>> {
        let mut rows = Vec::with_capacity(12);
        for (m, p) in self.per_month.iter().enumerate() {
            let mut heads = mul(starting, self.survival(m))?;
            let mut ramped = heads;
            let mut leavers = mul(starting, sub(self.survival(m), self.survival(m + 1))?)?;
            for (h, n) in hires.iter().enumerate().take(m + 1) {
                if *n == 0 {
                    continue;
                }
                let (n, k) = (Decimal::from(*n), m - h);
                let here = mul(n, self.survival(k))?;
                heads = add(heads, here)?;
                ramped = add(ramped, mul(here, self.ramp(k + 1))?)?;
                leavers = add(leavers, mul(n, sub(self.survival(k), self.survival(k + 1))?)?)?;
            }
            rows.push(Row { heads, ramped, leavers, bookings: mul(ramped, *p)? });
        }
        Ok(rows)
    }

    /// The year's exact bookings.
    fn total(&self, starting: Decimal, hires: &[u32; 12]) -> Result<Decimal> {
        self.table(starting, hires)?.iter().try_fold(Decimal::ZERO, |a, r| add(a, r.bookings))
    }
}

/// Hires per start month: from `earliest`, as many as still needed, up to `cap` a month.
fn greedy(mut rest: Decimal, one: &[Decimal], earliest: usize, cap: Option<u32>) -> Result<[u32; 12]> {
    let mut hires = [0u32; 12];
    let mut total: u64 = 0;
    for (h, slot) in hires.iter_mut().enumerate().skip(earliest) {
        let c = one.get(h).copied().unwrap_or_default();
        if rest <= Decimal::ZERO {
            break;
        }
        if c <= Decimal::ZERO {
            continue;
        }
        // The fewest n with n × c ≥ rest, checked by multiplication so a quotient rounded at
        // the 28th digit cannot add a hire.
        let mut n = div(rest, c)?.floor();
        while mul(n, c)? < rest {
            n = add(n, Decimal::ONE)?;
        }
        while n > Decimal::ZERO && mul(sub(n, Decimal::ONE)?, c)? >= rest {
            n = sub(n, Decimal::ONE)?;
        }
        let need = u64::try_from(n).unwrap_or(u64::MAX);
        let take = cap.map_or(need, |c| need.min(u64::from(c)));
        total = total.saturating_add(take);
        if total > MAX_HIRES {
            return Err(Error::at(
                "target",
                Code::LimitExceeded,
                format!("the target needs more than {MAX_HIRES} hires"),
                "check the target and the productivity (both are annual amounts)",
            ));
        }
        *slot = u32::try_from(take).unwrap_or(u32::MAX);
        rest = sub(rest, mul(Decimal::from(take), c)?)?;
    }
    Ok(hires)
}

/// What the sentences need.
struct Words {
    cur: spm_base::money::Currency,
    year: i32,
    target: Decimal,
    expected: Decimal,
    starting: u32,
    lead: u32,
    start: u32,
    earliest: usize,
    cap: Option<u32>,
}

impl Words {
    fn m(&self, v: Decimal) -> String {
        money(v, self.cur)
    }

    fn answer(&self, hires: &[u32; 12], met: bool) -> Result<String> {
        let total: u32 = hires.iter().sum::<u32>();
        let reps = |n: u32| if n == 1 { "1 rep".to_string() } else { format!("{n} reps") };
        let placed: Vec<(usize, u32)> = hires.iter().copied().enumerate().filter(|(_, n)| *n > 0).collect();
        let when: Vec<String> = placed
            .iter()
            .enumerate()
            .map(|(j, (h, n))| {
                let month = MONTHS.get(*h).copied().unwrap_or("");
                if j == 0 {
                    format!("{n} starting in {month}")
                } else {
                    format!("{n} in {month}")
                }
            })
            .collect();
        let reqs: Vec<&str> = placed
            .iter()
            .filter_map(|(h, _)| h.checked_sub(usize::try_from(self.lead).unwrap_or(usize::MAX)))
            .filter_map(|r| MONTHS.get(r).copied())
            .collect();
        let req_clause = if self.lead > 0 && !reqs.is_empty() {
            format!(" (open the requisitions in {})", list(&reqs))
        } else {
            String::new()
        };
        let versus = format!("{} against the target of {}", self.m(self.expected), self.m(self.target));
        Ok(if met && total == 0 {
            let are = if self.starting == 1 { "is" } else { "are" };
            format!("No hires are needed: the {} on hand {are} expected to book {versus}.", reps(self.starting))
        } else if met {
            format!(
                "Hire {}: {}{req_clause}. The year's expected bookings are then {versus}.",
                reps(total),
                list(&when)
            )
        } else if self.earliest >= 12 {
            format!(
                "The target is out of reach: no hire can start in {} (hiring starts in month {} with {} months' lead), and the {} on hand are expected to book {}, {} short of {}.",
                self.year,
                self.start,
                self.lead,
                reps(self.starting),
                self.m(self.expected),
                self.m(sub(self.target, self.expected)?),
                self.m(self.target)
            )
        } else {
            format!(
                "The target is out of reach: hiring the most allowed ({}: {}) gives expected bookings of {}, {} short of the target of {}.",
                reps(total),
                if when.is_empty() { "none".to_string() } else { list(&when) },
                self.m(self.expected),
                self.m(sub(self.target, self.expected)?),
                self.m(self.target)
            )
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn explain(
        &self,
        m: &Model,
        base: Decimal,
        one: &[Decimal],
        hires: &[u32; 12],
        ramp: &[Decimal],
        attrition: Decimal,
        profile: &Profile,
        mode: RoundingMode,
    ) -> Result<Vec<String>> {
        let minor = self.cur.minor_units();
        let mut out = Vec::new();
        let annual: Decimal = m.per_month.iter().try_fold(Decimal::ZERO, |a, x| add(a, *x))?;
        let spread = match profile.source {
            Source::Flat => format!("{} a month", self.m(round_to(m.per_month[0], minor, mode))),
            _ => "spread over the months by the seasonality profile".to_string(),
        };
        out.push(format!("A fully ramped rep books {} a year, {spread}.", self.m(round_to(annual, minor, mode))));
        if ramp.is_empty() {
            out.push("New hires book at full productivity from their first month (no ramp).".to_string());
        } else {
            out.push(format!(
                "Ramp: {} of full productivity in tenure months 1–{} (the start month is tenure month 1), full after.",
                ramp.iter().map(|r| rate(*r)).collect::<Vec<_>>().join(", "),
                ramp.len()
            ));
        }
        if attrition.is_zero() {
            out.push("No attrition.".to_string());
        } else {
            let s: Vec<String> = (1..=3).map(|k| m.survival(k).normalize().to_string()).collect();
            let monthly = short_rate(div(attrition, Decimal::from(12))?)?;
            out.push(format!(
                "Attrition of {} a year is {monthly} of the heads each month, compounded: a head is still there k months later with probability (1 − {monthly})^k, rounded to 6 places ({}, …); leavers leave at the end of a month, after booking it.",
                rate(attrition),
                s.join(", ")
            ));
        }
        out.push(format!(
            "The {} reps on hand on 1 January are fully ramped and expected to book {}.",
            self.starting,
            self.m(round_to(base, minor, mode))
        ));
        if self.earliest < 12 {
            let cap = self.cap.map_or(String::new(), |c| format!(", at most {c} a month"));
            let lead = if self.lead == 0 {
                String::new()
            } else {
                format!(
                    " ({} months after hiring starts in {})",
                    self.lead,
                    MONTHS.get(usize::try_from(self.start).unwrap_or(1).saturating_sub(1)).copied().unwrap_or("")
                )
            };
            out.push(format!(
                "Hires can start from {}{lead}{cap}; each month from then on takes as many hires as are still needed, so the hires are the fewest and as early as possible.",
                MONTHS.get(self.earliest).copied().unwrap_or("")
            ));
        }
        for (h, n) in hires.iter().enumerate().filter(|(_, n)| **n > 0) {
            let c = one.get(h).copied().unwrap_or_default();
            out.push(format!(
                "One hire starting in {} books {} in the year; {n} × that = {}.",
                MONTHS.get(h).copied().unwrap_or(""),
                self.m(c),
                self.m(mul(Decimal::from(*n), c)?)
            ));
        }
        out.push(format!(
            "Expected bookings: {} (the exact sum rounded {}; the months are spread by largest remainder).",
            self.m(self.expected),
            mode.label()
        ));
        Ok(out)
    }
}

/// A rate as a percentage; one that needs more than four places (1/12 of 10%) is shown to
/// four with "≈".
fn short_rate(r: Decimal) -> Result<String> {
    let pct = mul(r, Decimal::ONE_HUNDRED)?;
    let shown = round_to(pct, 4, RoundingMode::HalfUp);
    Ok(if shown == pct { rate(r) } else { format!("≈{}%", shown.normalize()) })
}

/// "a, b and c".
fn list<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [init @ .., last] => {
            format!("{} and {}", init.iter().map(|s| s.as_ref()).collect::<Vec<_>>().join(", "), last.as_ref())
        }
    }
}
