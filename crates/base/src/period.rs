//! Calendar dates, calendar months ([`Month`]) and plan periods (month, quarter, year), with
//! exact day arithmetic.
//!
//! Dates are proleptic Gregorian `YYYY-MM-DD`, held as a day number so comparisons and
//! day counts (for proration) are integer work; no time zones are involved.

use std::fmt;

/// A calendar date, packed as `year << 9 | month << 5 | day` so that comparing two dates is one
/// integer comparison (dates are compared in every hot loop).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(u32);

impl fmt::Debug for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Date({self})")
    }
}

/// Days in `month` of `year`.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

impl Date {
    /// A checked date; `None` for impossible dates such as February 30.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1..=9999).contains(&year) || !(1..=12).contains(&month) {
            return None;
        }
        if day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date::pack(year, month, day))
    }

    /// Packs fields already checked (years 1–9999, so the shift cannot overflow).
    const fn pack(year: i32, month: u8, day: u8) -> Date {
        Date(((year as u32) << 9) | ((month as u32) << 5) | day as u32)
    }

    /// Parses exactly `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<i32> {
            let part = s.get(r)?;
            if !part.bytes().all(|c| c.is_ascii_digit()) {
                return None;
            }
            part.parse().ok()
        };
        let y = num(0..4)?;
        let m = u8::try_from(num(5..7)?).ok()?;
        let d = u8::try_from(num(8..10)?).ok()?;
        Date::new(y, m, d)
    }

    /// The packed value (`year << 9 | month << 5 | day`): ordered like the dates, with gaps.
    pub fn packed(&self) -> u32 {
        self.0
    }

    /// The year.
    pub fn year(&self) -> i32 {
        (self.0 >> 9) as i32
    }

    /// The month, 1–12.
    pub fn month(&self) -> u8 {
        ((self.0 >> 5) & 0xF) as u8
    }

    /// The day of the month.
    pub fn day(&self) -> u8 {
        (self.0 & 0x1F) as u8
    }

    /// The date `n` days after 1970-01-01 (before it when negative); `None` outside years 1–9999.
    pub fn from_day_number(n: i64) -> Option<Date> {
        // Howard Hinnant's civil_from_days.
        let z = n + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        let y = yoe + era * 400 + i64::from(m <= 2);
        Date::new(i32::try_from(y).ok()?, u8::try_from(m).ok()?, u8::try_from(d).ok()?)
    }

    /// The date `days` later (earlier when negative); `None` outside years 1–9999.
    pub fn add_days(&self, days: i64) -> Option<Date> {
        Date::from_day_number(self.day_number() + days)
    }

    /// Whole days from `self` to `other` (positive when `other` is later).
    pub fn days_until(&self, other: Date) -> i64 {
        other.day_number() - self.day_number()
    }

    /// Days since 1970-01-01 (negative before).
    pub fn day_number(&self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year()) - i64::from(self.month() <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month());
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + i64::from(self.day()) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year(), self.month(), self.day())
    }
}

/// A calendar month (`YYYY-MM`), the one month type of every area: ledger schedules count in it,
/// forecasts step through it. Held as its index from year 0 (`year × 12 + month − 1`), so
/// comparing, stepping and counting months are integer work.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month(i32);

impl fmt::Debug for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Month({self})")
    }
}

impl Month {
    /// A checked month: `None` outside years 1–9999 or months 1–12.
    pub fn new(year: i32, month: u8) -> Option<Month> {
        ((1..=9999).contains(&year) && (1..=12).contains(&month)).then(|| Month(year * 12 + i32::from(month) - 1))
    }

    /// The month a date falls in.
    pub fn of(date: Date) -> Month {
        Month(date.year() * 12 + i32::from(date.month()) - 1)
    }

    /// Reads exactly `YYYY-MM` (year 0001–9999, month 01–12).
    pub fn parse(s: &str) -> Option<Month> {
        let b = s.as_bytes();
        if b.len() != 7 || b.get(4) != Some(&b'-') {
            return None;
        }
        if !b.iter().enumerate().all(|(i, c)| i == 4 || c.is_ascii_digit()) {
            return None;
        }
        Month::new(s.get(..4)?.parse().ok()?, s.get(5..)?.parse().ok()?)
    }

    /// The month with this index (`year × 12 + month − 1`); index 0 is January of year 0, which
    /// [`Month::new`] refuses: a placeholder where an input month was invalid.
    pub const fn from_index(index: i32) -> Month {
        Month(index)
    }

    /// `year × 12 + month − 1`.
    pub fn index(self) -> i32 {
        self.0
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.0.div_euclid(12)
    }

    /// The month, 1–12.
    pub fn month(self) -> u8 {
        u8::try_from(self.0.rem_euclid(12) + 1).unwrap_or(1)
    }

    /// The month after this one.
    pub fn next(self) -> Month {
        self.plus(1)
    }

    /// The month `n` months later (earlier when negative), saturating at the index range.
    pub fn plus(self, n: i64) -> Month {
        let i = i64::from(self.0).saturating_add(n);
        Month(i32::try_from(i).unwrap_or(if i < 0 { i32::MIN } else { i32::MAX }))
    }

    /// Months from `self` to `other`: positive when `other` is later (2026-01 to 2026-04 is 3).
    pub fn months_until(self, other: Month) -> i64 {
        i64::from(other.0) - i64::from(self.0)
    }

    /// The last day of the month; `None` outside years 1–9999.
    pub fn last_day(self) -> Option<Date> {
        Date::new(self.year(), self.month(), days_in_month(self.year(), self.month()))
    }
}

impl fmt::Display for Month {
    /// `YYYY-MM`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year(), self.month())
    }
}

/// The length of a plan period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PeriodKind {
    /// A month (calendar, or fiscal of 4 or 5 weeks).
    Month,
    /// A quarter.
    Quarter,
    /// A half year.
    Half,
    /// A year.
    Year,
}

impl PeriodKind {
    /// Months in one period of this kind.
    pub fn months(self) -> u8 {
        match self {
            PeriodKind::Month => 1,
            PeriodKind::Quarter => 3,
            PeriodKind::Half => 6,
            PeriodKind::Year => 12,
        }
    }

    /// Periods of this kind in a year.
    pub fn per_year(self) -> u8 {
        12 / self.months()
    }
}

/// How a year is cut into months: the civil calendar, or a fiscal calendar of 52 weeks whose
/// quarters are 13 weeks split 4-4-5, 4-5-4 or 5-4-4. (A 53rd week is not modelled: fiscal
/// year N starts exactly 364 × N days after the first year's start.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Calendar {
    /// January to December, months as on the wall calendar.
    Gregorian,
    /// A 52-week fiscal year.
    Fiscal {
        /// Weeks in the first, second and third month of each quarter.
        pattern: [u8; 3],
        /// First day of the fiscal year named after this date's year.
        year_start: Date,
    },
}

/// One period of a plan, such as 2026-Q1 or FY2026-P03.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Period {
    year: i32,
    /// 0-based index within the year (month 0–11, quarter 0–3, half 0–1, year 0).
    index: u8,
    kind: PeriodKind,
    fiscal: bool,
}

impl Calendar {
    /// The period of `kind` that contains `date`.
    pub fn period_of(&self, kind: PeriodKind, date: Date) -> Period {
        let (year, month0) = self.year_month(date);
        Period { year, index: month0 / kind.months(), kind, fiscal: matches!(self, Calendar::Fiscal { .. }) }
    }

    /// The year a date falls in and its 0-based month in that year.
    pub fn year_month(&self, date: Date) -> (i32, u8) {
        match *self {
            Calendar::Gregorian => (date.year(), date.month() - 1),
            Calendar::Fiscal { pattern, year_start } => {
                let offset = year_start.days_until(date);
                let years = offset.div_euclid(364);
                let week = u8::try_from(offset.rem_euclid(364) / 7).unwrap_or(0);
                let (q, mut w) = (week / 13, week % 13);
                let mut m = 0;
                for weeks in pattern {
                    if w < weeks {
                        break;
                    }
                    w -= weeks;
                    m += 1;
                }
                let year = year_start.year().saturating_add(i32::try_from(years).unwrap_or(0));
                (year, q * 3 + m.min(2))
            }
        }
    }

    /// First and last day of a period.
    pub fn bounds(&self, p: Period) -> (Date, Date) {
        let first_month = p.index * p.kind.months();
        let last_month = first_month + p.kind.months() - 1;
        match *self {
            Calendar::Gregorian => {
                let start = Date::pack(p.year, first_month + 1, 1);
                let end = Date::pack(p.year, last_month + 1, days_in_month(p.year, last_month + 1));
                (start, end)
            }
            Calendar::Fiscal { pattern, year_start } => {
                let week_of = |month0: u8| -> i64 {
                    let in_q: u8 = pattern.iter().take(usize::from(month0 % 3)).sum::<u8>();
                    i64::from((month0 / 3) * 13 + in_q)
                };
                let base = year_start.day_number() + 364 * i64::from(p.year - year_start.year());
                let start = base + 7 * week_of(first_month);
                let end = if last_month == 11 { base + 363 } else { base + 7 * week_of(last_month + 1) - 1 };
                (Date::from_day_number(start).unwrap_or(year_start), Date::from_day_number(end).unwrap_or(year_start))
            }
        }
    }

    /// The first period of `kind` in `p`'s year: the start of a year-to-date window.
    pub fn year_start_period(&self, p: Period) -> Period {
        Period { index: 0, ..p }
    }

    /// Days in a period.
    pub fn days(&self, p: Period) -> i64 {
        let (s, e) = self.bounds(p);
        s.days_until(e) + 1
    }
}

impl Period {
    /// The period of `kind` that contains `date` in the civil calendar.
    pub fn containing(kind: PeriodKind, date: Date) -> Period {
        Calendar::Gregorian.period_of(kind, date)
    }

    /// The label used in reports: `2026-03`, `2026-Q1`, `2026-H1`, `2026`, or with a fiscal
    /// calendar `FY2026-P03`, `FY2026-Q1`, `FY2026-H1`, `FY2026`.
    pub fn label(&self) -> String {
        let y = if self.fiscal { format!("FY{:04}", self.year) } else { format!("{:04}", self.year) };
        match (self.kind, self.fiscal) {
            (PeriodKind::Month, false) => format!("{y}-{:02}", self.index + 1),
            (PeriodKind::Month, true) => format!("{y}-P{:02}", self.index + 1),
            (PeriodKind::Quarter, _) => format!("{y}-Q{}", self.index + 1),
            (PeriodKind::Half, _) => format!("{y}-H{}", self.index + 1),
            (PeriodKind::Year, _) => y,
        }
    }

    /// The year the period belongs to.
    pub fn year(&self) -> i32 {
        self.year
    }

    /// 0-based position in its year.
    pub fn index(&self) -> u8 {
        self.index
    }

    /// The kind of period.
    pub fn kind(&self) -> PeriodKind {
        self.kind
    }

    /// The period of the same kind and year at another index.
    pub fn with_index(&self, index: u8) -> Period {
        Period { index, ..*self }
    }

    /// The next period of the same kind.
    pub fn next(&self) -> Period {
        if self.index + 1 >= self.kind.per_year() {
            Period { year: self.year + 1, index: 0, ..*self }
        } else {
            Period { index: self.index + 1, ..*self }
        }
    }

    /// First day in the civil calendar (use `Calendar::bounds` for fiscal calendars).
    pub fn start(&self) -> Date {
        Calendar::Gregorian.bounds(*self).0
    }

    /// Last day in the civil calendar (use `Calendar::bounds` for fiscal calendars).
    pub fn end(&self) -> Date {
        Calendar::Gregorian.bounds(*self).1
    }
}

/// Parses a date field, adding a located diagnostic when it is not a real calendar date.
pub fn date_field(value: &str, path: &str, diags: &mut Vec<crate::error::Diagnostic>) -> Option<Date> {
    let d = Date::parse(value);
    if d.is_none() {
        diags.push(crate::error::Diagnostic::error(
            path,
            crate::error::Code::DateInvalid,
            format!("{value:?} is not a calendar date"),
            "write dates as YYYY-MM-DD, such as \"2026-03-31\"",
        ));
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_only_real_dates() {
        assert_eq!(Date::parse("2026-02-28").unwrap().to_string(), "2026-02-28");
        assert!(Date::parse("2026-02-29").is_none());
        assert!(Date::parse("2024-02-29").is_some());
        for bad in ["2026-13-01", "2026-1-01", "26-01-01", "2026/01/01", "2026-01-00", "", "2026-01-0x", "+026-01-01"] {
            assert!(Date::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn day_numbers() {
        assert_eq!(Date::new(1970, 1, 1).unwrap().day_number(), 0);
        assert_eq!(Date::new(2000, 3, 1).unwrap().day_number(), 11_017);
        let a = Date::new(2026, 1, 1).unwrap().day_number();
        let b = Date::new(2027, 1, 1).unwrap().day_number();
        assert_eq!(b - a, 365);
    }

    #[test]
    fn months() {
        let m = |y, mo| Month::new(y, mo).unwrap();
        assert_eq!(Month::parse("2026-06"), Some(m(2026, 6)));
        assert_eq!(m(2026, 6).plus(7).to_string(), "2027-01");
        assert_eq!(m(2026, 6).plus(-6).to_string(), "2025-12");
        assert_eq!(m(2026, 12).next(), m(2027, 1));
        assert_eq!(m(2026, 11).plus(14), m(2028, 1));
        assert_eq!(m(2026, 1).months_until(m(2026, 4)), 3);
        assert_eq!(m(2027, 1).months_until(m(2026, 12)), -1);
        assert_eq!((m(2026, 3).year(), m(2026, 3).month(), m(2026, 3).index()), (2026, 3, 2026 * 12 + 2));
        assert_eq!(Month::of(Date::new(2026, 7, 14).unwrap()), m(2026, 7));
        assert_eq!(m(2028, 2).last_day().map(|d| d.to_string()), Some("2028-02-29".to_string()));
        assert_eq!(Month::from_index(0).last_day(), None);
        assert!(m(2025, 12) < m(2026, 1));
        assert_eq!(Month::new(2026, 0), None);
        assert_eq!(Month::new(10_000, 1), None);
        for bad in
            ["2026-13", "2026-00", "2026-6", "26-06", "2026/06", "0000-01", "2026-06-01", "２０２６-06", "+026-06"]
        {
            assert_eq!(Month::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn periods() {
        let d = Date::new(2026, 8, 15).unwrap();
        let q = Period::containing(PeriodKind::Quarter, d);
        assert_eq!(q.label(), "2026-Q3");
        assert_eq!(q.start().to_string(), "2026-07-01");
        assert_eq!(q.end().to_string(), "2026-09-30");
        assert_eq!(Period::containing(PeriodKind::Month, d).label(), "2026-08");
        let feb = Period::containing(PeriodKind::Month, Date::new(2028, 2, 3).unwrap());
        assert_eq!(feb.end().to_string(), "2028-02-29");
        assert_eq!(Period::containing(PeriodKind::Year, d).end().to_string(), "2026-12-31");
    }
}
