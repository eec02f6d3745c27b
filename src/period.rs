//! Calendar dates and plan periods (month, quarter, year), with exact day arithmetic.
//!
//! Dates are proleptic Gregorian `YYYY-MM-DD`, held as a day number so comparisons and
//! day counts (for proration) are integer work; no time zones are involved.

use std::fmt;

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
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
        Some(Date { year, month, day })
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

    /// The year.
    pub fn year(&self) -> i32 {
        self.year
    }

    /// The month, 1–12.
    pub fn month(&self) -> u8 {
        self.month
    }

    /// The day of the month.
    pub fn day(&self) -> u8 {
        self.day
    }

    /// Days since 1970-01-01 (negative before).
    pub fn day_number(&self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// The length of a plan period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PeriodKind {
    /// Calendar month.
    Month,
    /// Calendar quarter.
    Quarter,
    /// Calendar year.
    Year,
}

impl PeriodKind {
    fn months(self) -> u8 {
        match self {
            PeriodKind::Month => 1,
            PeriodKind::Quarter => 3,
            PeriodKind::Year => 12,
        }
    }
}

/// One period of a plan, such as 2026-Q1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Period {
    year: i32,
    /// 0-based index within the year (month 0–11, quarter 0–3, year 0).
    index: u8,
    kind: PeriodKind,
}

impl Period {
    /// The period of `kind` that contains `date`.
    pub fn containing(kind: PeriodKind, date: Date) -> Period {
        Period {
            year: date.year,
            index: (date.month - 1) / kind.months(),
            kind,
        }
    }

    /// The label used in reports: `2026-03`, `2026-Q1` or `2026`.
    pub fn label(&self) -> String {
        match self.kind {
            PeriodKind::Month => format!("{:04}-{:02}", self.year, self.index + 1),
            PeriodKind::Quarter => format!("{:04}-Q{}", self.year, self.index + 1),
            PeriodKind::Year => format!("{:04}", self.year),
        }
    }

    /// First day of the period.
    pub fn start(&self) -> Date {
        let month = self.index * self.kind.months() + 1;
        Date {
            year: self.year,
            month,
            day: 1,
        }
    }

    /// Last day of the period.
    pub fn end(&self) -> Date {
        let month = (self.index + 1) * self.kind.months();
        Date {
            year: self.year,
            month,
            day: days_in_month(self.year, month),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_only_real_dates() {
        assert_eq!(Date::parse("2026-02-28").unwrap().to_string(), "2026-02-28");
        assert!(Date::parse("2026-02-29").is_none());
        assert!(Date::parse("2024-02-29").is_some());
        for bad in [
            "2026-13-01",
            "2026-1-01",
            "26-01-01",
            "2026/01/01",
            "2026-01-00",
            "",
            "2026-01-0x",
            "+026-01-01",
        ] {
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
    fn periods() {
        let d = Date::new(2026, 8, 15).unwrap();
        let q = Period::containing(PeriodKind::Quarter, d);
        assert_eq!(q.label(), "2026-Q3");
        assert_eq!(q.start().to_string(), "2026-07-01");
        assert_eq!(q.end().to_string(), "2026-09-30");
        assert_eq!(Period::containing(PeriodKind::Month, d).label(), "2026-08");
        let feb = Period::containing(PeriodKind::Month, Date::new(2028, 2, 3).unwrap());
        assert_eq!(feb.end().to_string(), "2028-02-29");
        assert_eq!(
            Period::containing(PeriodKind::Year, d).end().to_string(),
            "2026-12-31"
        );
    }
}
