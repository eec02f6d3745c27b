//! Checks of payees and transactions that look at more than one field: repeated ids (naming
//! both places), dated ranges that end before they start, manager spans that overlap, and keyed
//! payee entries given twice. Each of these used to be accepted without a word and then paid
//! something nobody asked for (issue 19, item 5); each is now an error at the field to change.
//! `Builder` runs them.

use super::{Builder, Dataset, Payee, Transaction};
use rust_decimal::Decimal;
use spm_base::error::{Code, Diagnostic};
use spm_base::period::Date;
use std::collections::BTreeMap;
use std::hash::Hasher;

/// How a builder names where a transaction was read: `locate(origin, field)` is the location of
/// `field` in the record at `origin` (a CSV line number, a JSON array index).
pub type Locate = fn(u64, &str) -> String;

impl Builder {
    /// How the locations of transactions read are written (`json_path` unless set): a message
    /// about two transactions (a repeated id) names both with it.
    pub fn locate(&mut self, locate: Locate) {
        self.locate = locate;
    }

    /// `push` for a transaction read at `origin` (a CSV line, a JSON index): its fields are
    /// located with the builder's `locate`.
    pub fn push_at(
        &mut self,
        origin: u64,
        t: Transaction,
        id: &str,
        payee_id: &str,
        splits: &[(&str, Decimal, bool)],
        attributes: &[(u32, u32)],
    ) {
        let locate = self.locate;
        self.push(t, id, payee_id, splits, attributes, &|f: &str| locate(origin, f));
        if let Some(o) = self.origins.last_mut() {
            *o = u32::try_from(origin).unwrap_or(u32::MAX);
        }
    }
}

/// JSON paths: `transactions[3].id`.
pub fn json_path(origin: u64, field: &str) -> String {
    format!("transactions[{origin}].{field}")
}

/// Every payee-level problem that needs more than one field (see the module comment).
pub(super) fn payees(payees: &[Payee], diags: &mut Vec<Diagnostic>) {
    for (i, p) in payees.iter().enumerate() {
        let at = |f: &str| format!("payees[{i}].{f}");
        if let (Some(h), Some(t)) = (p.hire, p.termination) {
            if t < h {
                diags.push(Diagnostic::error(
                    at("terminationDate"),
                    Code::RangeReversed,
                    format!("{} is terminated on {t}, before the hire date {h}", p.id),
                    "correct one of the dates: the termination date is the last day employed, on or after hireDate",
                ));
            }
        }
        for (j, (f, t)) in p.leaves.iter().enumerate() {
            if t < f {
                diags.push(Diagnostic::error(
                    at(&format!("leaves[{j}].to")),
                    Code::RangeReversed,
                    format!("the leave ends on {t}, before it starts on {f}"),
                    "make to the last day of the leave, on or after from",
                ));
            }
        }
        spans(p, i, diags);
        repeated(
            p.quotas.iter().map(|q| (q.key.as_str(), q.period.as_deref())),
            |j| at(&format!("quotas[{j}]")),
            "quota for",
            diags,
        );
        repeated(
            p.inputs.iter().map(|x| (x.name.as_str(), x.period.as_deref())),
            |j| at(&format!("inputs[{j}]")),
            "input",
            diags,
        );
        repeated(p.mbo.iter().map(|m| (m.goal.as_str(), None)), |j| at(&format!("mbo[{j}]")), "MBO result for", diags);
    }
}

/// A payee's manager spans: none may end before it starts, and no two may share a day. Two
/// spans in effect on one day would send that day's roll-up to whichever is listed first, so an
/// overlap is an error rather than a warning: a manager paid for someone else's team is money
/// that has to be clawed back, and the fix (end one span the day before the next starts) is
/// one date.
fn spans(p: &Payee, i: usize, diags: &mut Vec<Diagnostic>) {
    if p.managers.len() < 2 {
        if let Some((m, (Some(f), Some(t)))) = p.managers.first().map(|m| (m, (m.from, m.to))) {
            if t < f {
                diags.push(reversed(p, i, 0, &m.manager, f, t));
            }
        }
        return;
    }
    let mut ok: Vec<(Option<Date>, Option<Date>, usize)> = Vec::with_capacity(p.managers.len());
    for (j, m) in p.managers.iter().enumerate() {
        match (m.from, m.to) {
            (Some(f), Some(t)) if t < f => diags.push(reversed(p, i, j, &m.manager, f, t)),
            (f, t) => ok.push((f, t, j)),
        }
    }
    // In start order (an open start first), each span must start after every earlier one ends:
    // compare it with the one reaching furthest so far (an open end reaches furthest).
    ok.sort_by_key(|(f, _, j)| (*f, *j));
    let mut reach: Option<(Option<Date>, Option<Date>, usize)> = None;
    for b in ok {
        if let Some(a) = reach {
            let overlaps = match (a.1, b.0) {
                (Some(end), Some(start)) => start <= end,
                _ => true,
            };
            if overlaps {
                diags.push(overlap(p, i, a, b));
            }
        }
        let further = reach.is_none_or(|a| match (a.1, b.1) {
            (None, _) => false,
            (Some(_), None) => true,
            (Some(x), Some(y)) => y > x,
        });
        if further {
            reach = Some(b);
        }
    }
}

fn overlap(
    p: &Payee,
    i: usize,
    a: (Option<Date>, Option<Date>, usize),
    b: (Option<Date>, Option<Date>, usize),
) -> Diagnostic {
    let name = |j: usize| p.managers.get(j).map_or("?", |m| m.manager.as_str());
    let day = |d: Option<Date>, open: &str| d.map_or(open.to_string(), |d| d.to_string());
    let from = b.0.map_or("from the start".to_string(), |d| format!("from {d}"));
    Diagnostic::error(
        format!("payees[{i}].managers[{}].from", b.2),
        Code::SpanOverlap,
        format!(
            "{}'s manager spans overlap {from}: {} ({} to {}, managers[{}]) and {} ({} to {}, managers[{}]); \
             the roll-up of the shared days would go to {} only",
            p.id,
            name(a.2),
            day(a.0, "the start"),
            day(a.1, "open"),
            a.2,
            name(b.2),
            day(b.0, "the start"),
            day(b.1, "open"),
            b.2,
            name(a.2.min(b.2)),
        ),
        "end the earlier span the day before the later one starts (both ends of a span are included)",
    )
}

fn reversed(p: &Payee, i: usize, j: usize, manager: &str, f: Date, t: Date) -> Diagnostic {
    Diagnostic::error(
        format!("payees[{i}].managers[{j}].to"),
        Code::RangeReversed,
        format!("{}'s span under {manager} ends on {t}, before it starts on {f}", p.id),
        "make to the span's last day, on or after from",
    )
}

/// Keyed entries of one payee given twice (the same quota, input or MBO goal for the same
/// period): only one of them would count, and which one depends on the reader.
fn repeated<'a>(
    keys: impl Iterator<Item = (&'a str, Option<&'a str>)>,
    at: impl Fn(usize) -> String,
    what: &str,
    diags: &mut Vec<Diagnostic>,
) {
    // A map, not a list: a payee file may give one payee a great many quotas.
    let mut seen: BTreeMap<(&str, Option<&str>), usize> = BTreeMap::new();
    for (j, k) in keys.enumerate() {
        match seen.get(&k).copied() {
            Some(first) => {
                let period = k.1.map_or("every period".to_string(), |p| format!("period {p}"));
                diags.push(Diagnostic::error(
                    at(j),
                    Code::IdInvalid,
                    format!("a second {what} {:?} ({period}); the first is at {}", k.0, at(first)),
                    "keep one entry per key and period",
                ));
            }
            None => {
                seen.insert(k, j);
            }
        }
    }
}

/// Transaction ids used more than once, each later use an `ID_INVALID` error naming the first.
/// A cancel or refund event names its deal by id, so a repeated id would take back pay from one
/// of the deals only. `hashes` and `origins` hold, per transaction in push order, its id's
/// [`id_hash`] and where it was read.
///
/// A hash set of a million ids missed the cache on every insert (about 0.4 s in a release
/// build); instead the ids' hashes are bucketed by their top bits in two sequential passes and
/// each small bucket is sorted, so only ids whose hashes are equal are compared (about 0.05 s).
pub(super) fn transaction_ids(
    data: &Dataset,
    hashes: &[u64],
    origins: &[u32],
    locate: Locate,
    diags: &mut Vec<Diagnostic>,
) {
    let n = hashes.len();
    if n < 2 {
        return;
    }
    // About four ids per bucket.
    let bits = (n / 4).max(1).next_power_of_two().trailing_zeros();
    let bucket = |h: u64| if bits == 0 { 0 } else { (h >> (64 - bits)) as usize };
    let mut starts = vec![0u32; (1usize << bits) + 1];
    for h in hashes {
        if let Some(c) = starts.get_mut(bucket(*h) + 1) {
            *c += 1;
        }
    }
    for i in 1..starts.len() {
        let before = starts.get(i - 1).copied().unwrap_or(0);
        if let Some(c) = starts.get_mut(i) {
            *c += before;
        }
    }
    let mut next = starts.clone();
    let mut sorted = vec![(0u64, 0u32); n];
    for (k, h) in hashes.iter().enumerate() {
        if let Some(slot) = next.get_mut(bucket(*h)) {
            if let Some(e) = sorted.get_mut(*slot as usize) {
                *e = (*h, u32::try_from(k).unwrap_or(u32::MAX));
            }
            *slot += 1;
        }
    }
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    for w in starts.windows(2) {
        let (Some(&a), Some(&b)) = (w.first(), w.get(1)) else { continue };
        let Some(group) = sorted.get_mut(a as usize..b as usize) else { continue };
        if group.len() < 2 {
            continue;
        }
        // By hash, then id, then push order: a repeated id's uses are next to each other, the
        // first use first (also when different ids share a hash).
        let id = |k: u32| data.transactions.get(k as usize).map_or("", |t| data.id_of(t));
        group.sort_unstable_by(|x, y| x.0.cmp(&y.0).then_with(|| id(x.1).cmp(id(y.1))).then(x.1.cmp(&y.1)));
        let mut first: Option<(u64, u32)> = None;
        for &(h, k) in group.iter() {
            match first {
                Some((fh, fk)) if fh == h && id(fk) == id(k) => pairs.push((k, fk)),
                _ => first = Some((h, k)),
            }
        }
    }
    pairs.sort_unstable();
    // Only what can be shown is written out (a file of one id repeated a million times), and the
    // count of the rest stays within the `MAX_DIAGNOSTICS` that `finish` keeps.
    let room = super::MAX_DIAGNOSTICS.saturating_sub(diags.len());
    let shown = if pairs.len() > room { room.saturating_sub(1) } else { pairs.len() };
    let more = pairs.len() - shown;
    pairs.truncate(shown);
    for (k, j) in pairs {
        let id = data.transactions.get(k as usize).map_or("", |t| data.id_of(t));
        let origin = |n: u32| u64::from(origins.get(n as usize).copied().unwrap_or(n));
        let (a, b) = (locate(origin(j), "id"), locate(origin(k), "id"));
        diags.push(Diagnostic::error(
            b.clone(),
            Code::IdInvalid,
            format!("transaction id {id:?} is used twice: at {a} and at {b}"),
            "give each transaction its own id (events and statements name deals by id, so a cancellation would \
             claw back only one of them); if they are one deal, keep one row",
        ));
    }
    if more > 0 {
        diags.push(Diagnostic::error(
            "transactions",
            Code::IdInvalid,
            format!("{more} more transactions repeat an earlier transaction's id"),
            "give each transaction its own id",
        ));
    }
}

/// The hash of a transaction id that [`transaction_ids`] buckets by.
pub(super) fn id_hash(id: &str) -> u64 {
    let mut h = IdHash::default();
    h.write(id.as_bytes());
    h.finish()
}

/// FNV-1a with a final mix: transaction ids are short strings that differ in their last bytes.
#[derive(Default)]
struct IdHash(u64);

impl Hasher for IdHash {
    fn finish(&self) -> u64 {
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}
