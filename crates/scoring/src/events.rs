//! Events into the columnar store: parsed once from CSV (the fast path: `id,payeeId,type,date`
//! required, `amount` and `attr.NAME` columns optional; errors as `line N, column NAME`) or
//! JSON (`events[3].date`), points computed (the rule, then the multipliers, which need the
//! attributes and so are applied while parsing), sorted by date then id, limits applied in that
//! order, and per-rep per-month totals built, so a leaderboard reads months, not events.

use super::defs::{limit_key, Defs, Types};
use super::{Events, Rep, Window};
use crate::dto::ScoringEventDto;
use rust_decimal::Decimal;
use spm_base::dec::fast_decimal;
use spm_base::error::{Code, Diagnostic, Error, Result};
use spm_base::period::Date;

/// The most events a model takes.
pub use spm_base::limits::MAX_SCORING_EVENTS as MAX_EVENTS;

/// The largest amount an event may have, and the most points one event earns (10^15): sums
/// over millions of events stay far inside the decimal range, so no addition can overflow.
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(2_764_472_320, 232_830, 0, false, 0);
const MAX_POINTS: Decimal = MAX_AMOUNT;

/// Events as parsed, before sorting.
#[derive(Default)]
pub(crate) struct Raw {
    pub rep: Vec<u32>,
    pub kind: Vec<u16>,
    pub day: Vec<Date>,
    pub amount: Vec<Decimal>,
    pub points: Vec<Decimal>,
    pub ids: String,
    pub id_end: Vec<u32>,
}

/// What parsing needs.
pub(crate) struct Ctx<'a> {
    pub defs: &'a Defs,
    pub types: &'a mut Types,
    pub index: &'a super::Index,
}

impl Ctx<'_> {
    /// An event's points before limits: the rule, then every matching multiplier.
    fn points(&self, kind: u16, day: Date, amount: Decimal, attr: &dyn Fn(&str) -> Option<String>) -> Decimal {
        let Some(rule) = self.defs.rules.iter().find(|r| r.0 == kind) else { return Decimal::ZERO };
        let mut p = rule.1;
        if let Some((pts, per)) = rule.2 {
            let steps = amount.checked_div(per).map_or(MAX_POINTS, |x| x.floor());
            p = p.checked_add(steps.checked_mul(pts).unwrap_or(MAX_POINTS)).unwrap_or(MAX_POINTS);
        }
        for m in &self.defs.mults {
            let hit = m.kind.is_none_or(|k| k == kind)
                && m.window.is_none_or(|w| w.contains(day))
                && m.last_days.is_none_or(|n| {
                    let end = spm_base::period::Period::containing(spm_base::period::PeriodKind::Quarter, day).end();
                    day.days_until(end) < i64::from(n)
                })
                && m.attribute.as_ref().is_none_or(|(k, v)| attr(k).as_deref() == Some(v.as_str()));
            if hit {
                p = p.checked_mul(m.factor).unwrap_or(MAX_POINTS);
            }
        }
        // Bounded so that sums over millions of events stay far inside the decimal range.
        p.clamp(-MAX_POINTS, MAX_POINTS)
    }

    fn push(&mut self, raw: &mut Raw, id: &str, (rep, kind, day): (u32, u16, Date), amount: Decimal, pts: Decimal) {
        raw.rep.push(rep);
        raw.kind.push(kind);
        raw.day.push(day);
        raw.amount.push(amount);
        raw.points.push(pts);
        raw.ids.push_str(id);
        raw.id_end.push(u32::try_from(raw.ids.len()).unwrap_or(u32::MAX));
    }
}

fn cap(d: &mut Vec<Diagnostic>, x: Diagnostic) {
    if d.len() < spm_core::data::MAX_DIAGNOSTICS {
        d.push(x);
    }
}

/// Events from JSON DTOs.
pub(crate) fn from_dtos(list: &[ScoringEventDto], cx: &mut Ctx<'_>, d: &mut Vec<Diagnostic>) -> Raw {
    let mut raw = Raw::default();
    for (i, e) in list.iter().enumerate() {
        let p = format!("events[{i}]");
        let rep = cx.index.get(&e.payee_id).copied();
        if rep.is_none() {
            cap(
                d,
                Diagnostic::error(
                    format!("{p}.payeeId"),
                    Code::UnknownReference,
                    format!("{:?} is not in the roster", e.payee_id),
                    "add the rep to the roster, or correct the id",
                ),
            );
        }
        let day = Date::parse(&e.date);
        if day.is_none() {
            cap(
                d,
                Diagnostic::error(
                    format!("{p}.date"),
                    Code::DateInvalid,
                    format!("{:?} is not a date", e.date),
                    "write YYYY-MM-DD",
                ),
            );
        }
        let amount = match &e.amount {
            Some(a) => a.get(&format!("{p}.amount"), d),
            None => Some(Decimal::ZERO),
        };
        if amount.is_some_and(|a| a.is_sign_negative() && !a.is_zero()) {
            cap(
                d,
                Diagnostic::error(format!("{p}.amount"), Code::NegativeValue, "a negative amount", "give 0 or more"),
            );
        }
        if amount.is_some_and(|a| a > MAX_AMOUNT) {
            cap(
                d,
                Diagnostic::error(
                    format!("{p}.amount"),
                    Code::OutOfRange,
                    "an amount above 10^15",
                    "give an amount of at most 1000000000000000",
                ),
            );
        }
        let amount = amount.filter(|a| (!a.is_sign_negative() || a.is_zero()) && *a <= MAX_AMOUNT);
        if e.id.is_empty() {
            cap(d, Diagnostic::error(format!("{p}.id"), Code::IdInvalid, "an empty id", "give every event an id"));
        }
        let (Some(rep), Some(day), Some(amount)) = (rep, day, amount) else { continue };
        let kind = cx.types.intern(&e.kind);
        let attrs = e.attributes.as_ref();
        let pts = cx.points(kind, day, amount, &|k| attrs.and_then(|a| a.get(k).cloned()));
        cx.push(&mut raw, &e.id, (rep, kind, day), amount, pts);
    }
    raw
}

/// Events from CSV text.
pub(crate) fn from_csv(text: &str, cx: &mut Ctx<'_>, d: &mut Vec<Diagnostic>) -> Result<Raw> {
    let mut reader = ::csv::ReaderBuilder::new().has_headers(true).from_reader(text.as_bytes());
    let headers = reader
        .byte_headers()
        .map_err(|e| {
            Error::at("line 1", Code::CsvInvalid, format!("the header cannot be read: {e}"), "name the columns")
        })?
        .clone();
    const NAMES: [&str; 5] = ["id", "payeeId", "type", "date", "amount"];
    let mut pos = [None; 5];
    let mut attrs: Vec<(usize, String)> = Vec::new();
    for (i, h) in headers.iter().enumerate() {
        let h = String::from_utf8_lossy(h.trim_ascii()).to_string();
        if let Some(a) = h.strip_prefix("attr.") {
            attrs.push((i, a.to_string()));
        } else if let Some(k) = NAMES.iter().position(|n| *n == h) {
            if let Some(slot) = pos.get_mut(k) {
                *slot = Some(i);
            }
        } else {
            return Err(Error::at(
                format!("line 1, column {h}"),
                Code::UnknownField,
                format!("unknown column {h:?}"),
                "the columns are id,payeeId,type,date,amount and attr.NAME",
            ));
        }
    }
    let [Some(c_id), Some(c_rep), Some(c_type), Some(c_date), c_amount] = pos else {
        return Err(Error::at(
            "line 1",
            Code::MissingField,
            "the columns id, payeeId, type and date are required",
            "add the missing columns to the header",
        ));
    };
    let mut raw = Raw::default();
    let mut rec = ::csv::ByteRecord::new();
    let mut line = 1usize;
    let mut last_type: (Vec<u8>, u16) = (Vec::new(), 0);
    loop {
        match reader.read_byte_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                return Err(Error::at(
                    format!("line {}", line + 1),
                    Code::CsvInvalid,
                    format!("unreadable line: {e}"),
                    "check the quoting and the number of fields",
                ))
            }
        }
        line += 1;
        if raw.rep.len() >= MAX_EVENTS {
            return Err(Error::at("events", Code::LimitExceeded, "too many events", "split the file by year"));
        }
        let field = |c: usize| rec.get(c).unwrap_or_default();
        let at = |c: &str| format!("line {line}, column {c}");
        let id = std::str::from_utf8(field(c_id)).unwrap_or_default();
        let rep = std::str::from_utf8(field(c_rep)).ok().and_then(|s| cx.index.get(s).copied());
        if rep.is_none() {
            cap(
                d,
                Diagnostic::error(
                    at("payeeId"),
                    Code::UnknownReference,
                    format!("{:?} is not in the roster", String::from_utf8_lossy(field(c_rep))),
                    "add the rep to the roster, or correct the id",
                ),
            );
        }
        let day = std::str::from_utf8(field(c_date)).ok().and_then(Date::parse);
        if day.is_none() {
            cap(d, Diagnostic::error(at("date"), Code::DateInvalid, "not a date", "write YYYY-MM-DD"));
        }
        let amount = match c_amount.map(field) {
            None | Some(b"") => Some(Decimal::ZERO),
            Some(b) => fast_decimal(b).filter(|a| (!a.is_sign_negative() || a.is_zero()) && *a <= MAX_AMOUNT),
        };
        if amount.is_none() {
            let text = c_amount.map(field).map(String::from_utf8_lossy).unwrap_or_default();
            let precise = spm_base::dec::read_decimal(&text) != Err(spm_base::dec::DecimalError::Precision);
            cap(
                d,
                if precise {
                    Diagnostic::error(
                        at("amount"),
                        Code::DecimalInvalid,
                        "not a decimal from 0 to 10^15",
                        "write an amount such as 1250.50",
                    )
                } else {
                    spm_base::dec::diagnostic(at("amount"), &text)
                },
            );
        }
        if id.is_empty() {
            cap(d, Diagnostic::error(at("id"), Code::IdInvalid, "an empty id", "give every event an id"));
        }
        let (Some(rep), Some(day), Some(amount)) = (rep, day, amount) else { continue };
        let tb = field(c_type);
        let kind = if tb == last_type.0.as_slice() {
            last_type.1
        } else {
            let k = cx.types.intern(&String::from_utf8_lossy(tb));
            last_type = (tb.to_vec(), k);
            k
        };
        let pts = if attrs.is_empty() {
            cx.points(kind, day, amount, &|_| None)
        } else {
            let rec = &rec;
            let attrs = &attrs;
            cx.points(kind, day, amount, &|k| {
                let col = attrs.iter().find(|a| a.1 == k)?.0;
                rec.get(col).map(|b| String::from_utf8_lossy(b).to_string())
            })
        };
        cx.push(&mut raw, id, (rep, kind, day), amount, pts);
    }
    Ok(raw)
}

/// Sorts by date then id, checks ids are unique, applies the limits, and builds the totals.
// Bounded: an event's amount and points are at most MAX_AMOUNT (10^15) and there are at most
// MAX_EVENTS (5 × 10^6), so every sum of them is below 10^22, far inside the decimal range.
#[allow(clippy::arithmetic_side_effects)]
pub(crate) fn finish(raw: Raw, defs: &Defs, reps: &[Rep], types: usize, d: &mut Vec<Diagnostic>) -> Events {
    let n = raw.rep.len();
    let id = |i: usize| {
        let start = if i == 0 { 0 } else { raw.id_end.get(i - 1).copied().unwrap_or(0) as usize };
        let end = raw.id_end.get(i).copied().unwrap_or(0) as usize;
        raw.ids.get(start..end).unwrap_or("")
    };
    let mut order: Vec<u32> = (0..u32::try_from(n).unwrap_or(u32::MAX)).collect();
    let day = |i: u32| raw.day.get(i as usize).map_or(0, Date::packed);
    let before = |a: u32, b: u32| day(a).cmp(&day(b)).then_with(|| id(a as usize).cmp(id(b as usize)));
    // Exports usually come in date order already: one pass recognises it and skips the sort.
    if order.windows(2).any(|w| matches!(w, [a, b] if before(*a, *b) == std::cmp::Ordering::Greater)) {
        order.sort_by(|&a, &b| before(a, b));
    }
    let mut seen: std::collections::HashSet<&str, std::hash::BuildHasherDefault<spm_core::data::Fnv>> =
        std::collections::HashSet::with_capacity_and_hasher(n, Default::default());
    for i in 0..n {
        if !seen.insert(id(i)) {
            cap(
                d,
                Diagnostic::error(
                    format!("events, id {:?}", id(i)),
                    Code::IdInvalid,
                    "an event id used twice",
                    "give every event its own id",
                ),
            );
        }
    }
    let mut ev = Events::default();
    ev.ids.reserve(raw.ids.len());
    // Per limit, per rep: (window key, points used).
    let mut used: Vec<Vec<(i64, Decimal)>> =
        defs.limits.iter().map(|_| vec![(i64::MIN, Decimal::ZERO); reps.len()]).collect();
    for &i in &order {
        let i = i as usize;
        let (Some(&rep), Some(&kind), Some(&day), Some(&amount), Some(&pts)) =
            (raw.rep.get(i), raw.kind.get(i), raw.day.get(i), raw.amount.get(i), raw.points.get(i))
        else {
            continue;
        };
        let mut p = pts;
        for (l, u) in defs.limits.iter().zip(used.iter_mut()) {
            if l.kind.is_some_and(|k| k != kind) {
                continue;
            }
            let Some(slot) = u.get_mut(rep as usize) else { continue };
            let key = limit_key(l.per, day);
            if slot.0 != key {
                *slot = (key, Decimal::ZERO);
            }
            let room = l.max.checked_sub(slot.1).unwrap_or(l.max).max(Decimal::ZERO);
            p = p.min(room);
        }
        for (l, u) in defs.limits.iter().zip(used.iter_mut()) {
            if l.kind.is_none_or(|k| k == kind) {
                if let Some(slot) = u.get_mut(rep as usize) {
                    slot.1 += p;
                }
            }
        }
        ev.rep.push(rep);
        ev.kind.push(kind);
        ev.day.push(day);
        ev.amount.push(amount);
        ev.points.push(p);
        ev.ids.push_str(id(i));
        ev.id_end.push(u32::try_from(ev.ids.len()).unwrap_or(u32::MAX));
    }
    ev.build_months(reps.len(), types);
    ev
}

impl Events {
    /// Per rep, per month: points, and per type: count and amount.
    // Bounded: an event's amount and points are at most MAX_AMOUNT (10^15) and there are at most
    // MAX_EVENTS (5 × 10^6), so every sum of them is below 10^22, far inside the decimal range.
    #[allow(clippy::arithmetic_side_effects)]
    fn build_months(&mut self, reps: usize, types: usize) {
        let (Some(first), Some(last)) = (self.day.first(), self.day.last()) else { return };
        let m0 = month(*first);
        self.month0 = m0;
        self.months = usize::try_from(month(*last) - m0 + 1).unwrap_or(0);
        let nm = self.months;
        self.m_points = vec![Decimal::ZERO; reps * nm];
        self.m_count = vec![0; types * reps * nm];
        self.m_amount = vec![Decimal::ZERO; types * reps * nm];
        self.m_events = vec![0; reps * nm];
        for i in 0..self.rep.len() {
            let (Some(&r), Some(&k), Some(&day), Some(&a), Some(&p)) =
                (self.rep.get(i), self.kind.get(i), self.day.get(i), self.amount.get(i), self.points.get(i))
            else {
                continue;
            };
            let m = usize::try_from(month(day) - m0).unwrap_or(0);
            let rm = r as usize * nm + m;
            let tm = (k as usize * reps + r as usize) * nm + m;
            if let Some(x) = self.m_points.get_mut(rm) {
                *x += p;
            }
            if let Some(x) = self.m_events.get_mut(rm) {
                *x += 1;
            }
            if let Some(x) = self.m_count.get_mut(tm) {
                *x += 1;
            }
            if let Some(x) = self.m_amount.get_mut(tm) {
                *x += a;
            }
        }
    }

    /// An event's id.
    pub fn id(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.id_end.get(i - 1).copied().unwrap_or(0) as usize };
        let end = self.id_end.get(i).copied().unwrap_or(0) as usize;
        self.ids.get(start..end).unwrap_or("")
    }

    /// The events in a window: an index range (events are in date order).
    pub fn range(&self, w: Window) -> std::ops::Range<usize> {
        let a = self.day.partition_point(|d| *d < w.from);
        let b = self.day.partition_point(|d| *d <= w.to);
        a..b.max(a)
    }

    /// The window's months as indexes into the totals, when it is whole months.
    pub fn months_of(&self, w: Window) -> Option<std::ops::Range<usize>> {
        let whole = w.from.day() == 1 && w.to.add_days(1).is_some_and(|n| n.day() == 1);
        if !whole {
            return None;
        }
        let a = (month(w.from) - self.month0).clamp(0, self.months as i64);
        let b = (month(w.to) - self.month0 + 1).clamp(0, self.months as i64);
        Some(usize::try_from(a).unwrap_or(0)..usize::try_from(b.max(a)).unwrap_or(0))
    }
}

/// Months since year 0.
pub(crate) fn month(d: Date) -> i64 {
    i64::from(d.year()) * 12 + i64::from(d.month()) - 1
}
