//! Crediting: who gets credit for each transaction. Direct credit, splits (revenue splits
//! allocated to the cent by largest remainder; overlay credits on top), ordered crediting rules
//! (first-match or all-match) for transactions without a direct payee, overlay rules, and
//! roll-up to managers through the effective-dated hierarchy.
//!
//! Credits come out grouped by payee, each group in evaluation order (date, then transaction
//! id, then input order), which is the order running attainment needs.

use crate::data::{Dataset, Transaction};
use rust_decimal::Decimal;
use spm_base::error::{Code, Diagnostic, Error, Result};
use spm_base::money::allocate;
use spm_plan::{CreditRule, Filter, PlanSet, RuleMatch};

/// How a credit arose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The transaction's own payee.
    Direct,
    /// A split share.
    Split,
    /// A crediting rule (index in the plan's rules).
    Rule(u16),
    /// Rolled up from a report (levels above the credited payee).
    Rollup(u8),
}

/// The share of one transaction that counts for one payee (48 bytes: three million of them
/// are made for a year of a large company, so the layout matters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Credit {
    /// Transaction index.
    pub txn: u32,
    /// Transaction date (kept here so the hot loops need not look the transaction up).
    pub date: spm_base::period::Date,
    /// Credited amount (revenue splits allocated to the minor unit).
    pub amount: Decimal,
    /// Share of the transaction (for units, margin, counts and per-deal SPIFFs).
    pub share: Decimal,
    /// Counts toward quota (false for overlay credits).
    pub relief: bool,
    /// How it arose.
    pub source: Source,
}

impl Credit {
    /// A credit of `amount` (a `share` of transaction `t`) for one payee.
    fn of(t: &Transaction, txn: u32, amount: Decimal, share: Decimal, relief: bool, source: Source) -> Credit {
        Credit { txn, date: t.date, amount, share, relief, source }
    }
}

/// Credits grouped by payee index.
#[derive(Debug, Clone, Default)]
pub struct Credits {
    /// `by_payee[p]` are payee p's credits in evaluation order.
    pub by_payee: Vec<Vec<Credit>>,
    /// Transactions no one was credited for (first few ids, and the count).
    pub uncredited: (usize, Vec<String>),
}

/// Whether a transaction matches a filter (string comparison; see `Resolved` for the fast way).
pub fn matches(data: &Dataset, t: &Transaction, f: &Filter) -> bool {
    f.conditions.iter().all(|(k, vals)| {
        let v = data.attribute(t, k);
        vals.iter().any(|x| x == v)
    })
}

/// Which attribute a resolved condition reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    Product,
    Type,
    Customer,
    Territory,
    Account,
    Custom(u32),
}

/// A filter resolved against one dataset's symbols: each condition compares interned ids, so
/// matching a transaction costs a few integer comparisons and no string work.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Resolved {
    conditions: Vec<(Key, Vec<u32>)>,
}

impl Resolved {
    /// Resolves `f` against `data`'s symbols; values the data never uses can never match.
    pub fn new(data: &Dataset, f: &Filter) -> Resolved {
        let conditions = f
            .conditions
            .iter()
            .map(|(k, vals)| {
                let key = match k.as_str() {
                    "product" => Key::Product,
                    "type" => Key::Type,
                    "customer" => Key::Customer,
                    "territory" => Key::Territory,
                    "account" => Key::Account,
                    other => Key::Custom(data.symbols.lookup(other).unwrap_or(u32::MAX)),
                };
                (key, vals.iter().filter_map(|v| data.symbols.lookup(v)).collect())
            })
            .collect();
        Resolved { conditions }
    }

    /// Whether the filter accepts everything.
    pub fn is_empty(&self) -> bool {
        self.conditions.is_empty()
    }

    /// Whether `t` passes the filter; the same answer as `matches`.
    pub fn matches(&self, data: &Dataset, t: &Transaction) -> bool {
        self.conditions.iter().all(|(k, ids)| {
            let v = match k {
                Key::Product => t.product,
                Key::Type => t.kind,
                Key::Customer => t.customer,
                Key::Territory => t.territory,
                Key::Account => t.account,
                Key::Custom(key) => {
                    let range = t.attributes.0 as usize..(t.attributes.0 + t.attributes.1) as usize;
                    data.attributes.get(range).unwrap_or(&[]).iter().find(|(ak, _)| ak == key).map_or(0, |(_, v)| *v)
                }
            };
            ids.contains(&v)
        })
    }
}

/// Credits every transaction under the plan version in effect on its date.
///
/// # Errors
/// `UNKNOWN_REFERENCE` for a rule crediting an unknown payee; `OVERFLOW`.
pub fn credit(set: &PlanSet, data: &Dataset) -> Result<Credits> {
    let minor = set.head().map_or(2, |p| p.currency.minor_units());
    check_rule_payees(set, data)?;
    // Transactions are visited in evaluation order, so every payee's list comes out in that
    // order without sorting the (many more) credits afterwards.
    let order = evaluation_order(data);
    // Pre-size each payee's list from direct credits and roll-up depth, to avoid regrowing.
    let levels = set.versions.iter().map(|v| v.crediting.rollup_levels).max().unwrap_or(0);
    let manager = Managers::new(data);
    let mut sizes = vec![0usize; data.payees.len()];
    for t in &data.transactions {
        if let Some(p) = t.payee {
            let mut cur = p as usize;
            if let Some(n) = sizes.get_mut(cur) {
                *n += 1;
            }
            for _ in 0..levels {
                let Some(m) = manager.of(data, cur, t.date) else { break };
                if let Some(n) = sizes.get_mut(m) {
                    *n += 1;
                }
                cur = m;
            }
        }
    }
    let mut by_payee: Vec<Vec<Credit>> = sizes.iter().map(|n| Vec::with_capacity(*n)).collect();
    let resolved: Vec<Vec<Resolved>> = set
        .versions
        .iter()
        .map(|v| v.crediting.rules.iter().map(|r| Resolved::new(data, &r.filter)).collect())
        .collect();
    let mut uncredited = (0usize, Vec::new());
    let mut direct: Vec<(usize, Credit)> = Vec::with_capacity(4);
    for &ti in &order {
        let Some(t) = data.transactions.get(ti as usize) else { continue };
        let Some((vi, version)) = set.version_on(t.date).and_then(|v| Some((v, set.versions.get(v)?))) else {
            continue;
        };
        let filters = resolved.get(vi).map_or(&[][..], Vec::as_slice);
        let rule_matches = |ri: usize| filters.get(ri).is_some_and(|f| f.matches(data, t));
        direct.clear();
        let splits = data.splits_of(t);
        if let Some(p) = t.payee {
            direct.push((p as usize, Credit::of(t, ti, t.amount, Decimal::ONE, true, Source::Direct)));
        } else if splits.iter().any(|s| !s.overlay) {
            let revenue: Vec<_> = splits.iter().filter(|s| !s.overlay).collect();
            let weights: Vec<Decimal> = revenue.iter().map(|s| s.share).collect();
            let parts = allocate_or_exact(t.amount, &weights, minor)?;
            for (s, amount) in revenue.iter().zip(parts) {
                direct.push((s.payee as usize, Credit::of(t, ti, amount, s.share, true, Source::Split)));
            }
        } else {
            let rules = &version.crediting.rules;
            for (ri, rule) in rules.iter().enumerate().filter(|(_, r)| !r.overlay) {
                if rule_matches(ri) {
                    rule_credits(data, t, ti, ri, rule, minor, &mut direct)?;
                    if version.crediting.rule_match == RuleMatch::First {
                        break;
                    }
                }
            }
        }
        for s in splits.iter().filter(|s| s.overlay) {
            direct.push((
                s.payee as usize,
                Credit::of(t, ti, spm_base::money::mul(t.amount, s.share)?, s.share, false, Source::Split),
            ));
        }
        for (ri, rule) in version.crediting.rules.iter().enumerate().filter(|(_, r)| r.overlay) {
            if rule_matches(ri) {
                rule_credits(data, t, ti, ri, rule, minor, &mut direct)?;
            }
        }
        if direct.is_empty() {
            uncredited.0 += 1;
            if uncredited.1.len() < 5 {
                uncredited.1.push(data.id_of(t).to_string());
            }
            continue;
        }
        let levels = version.crediting.rollup_levels;
        for &(p, c) in &direct {
            if let Some(list) = by_payee.get_mut(p) {
                list.push(c);
            }
            // Roll-up: the same credit to each manager above, as of the transaction date.
            let mut cur = p;
            for level in 1..=levels {
                let Some(m) = manager.of(data, cur, t.date) else { break };
                if let Some(list) = by_payee.get_mut(m) {
                    list.push(Credit { source: Source::Rollup(level), ..c });
                }
                cur = m;
            }
        }
    }
    Ok(Credits { by_payee, uncredited })
}

/// Each payee's manager when it never changes (most hierarchies), so roll-up reads one integer
/// per level instead of searching effective-dated spans for every credit.
struct Managers(Vec<u32>);

impl Managers {
    const NONE: u32 = u32::MAX;
    const DATED: u32 = u32::MAX - 1;

    fn new(data: &Dataset) -> Managers {
        Managers(
            (0..data.payees.len())
                .map(|p| match data.manager_spans(p) {
                    [] => Managers::NONE,
                    [(None, None, m)] => u32::try_from(*m).unwrap_or(Managers::DATED),
                    _ => Managers::DATED,
                })
                .collect(),
        )
    }

    #[inline]
    fn of(&self, data: &Dataset, payee: usize, date: spm_base::period::Date) -> Option<usize> {
        match self.0.get(payee).copied() {
            Some(Managers::NONE) | None => None,
            Some(Managers::DATED) => data.manager_of(payee, date),
            Some(m) => Some(m as usize),
        }
    }
}

/// Transaction indices in evaluation order: date, then id, then input order.
///
/// Input already in that order (most exports) is recognised in one pass. Otherwise the
/// transactions are bucketed by day (a counting sort: a year has a few hundred days) and each
/// day sorted by id, with the ids' first eight bytes, big-endian, as a key that orders most ids
/// without touching the strings.
pub fn evaluation_order(data: &Dataset) -> Vec<u32> {
    let txns = &data.transactions;
    let idx = |i: usize| u32::try_from(i).unwrap_or(u32::MAX);
    let in_order = txns.windows(2).all(|w| match w {
        [a, b] => a.date < b.date || (a.date == b.date && data.id_of(a) <= data.id_of(b)),
        _ => true,
    });
    if in_order {
        return (0..txns.len()).map(idx).collect();
    }
    let prefix = |id: &str| -> u64 {
        let mut k = [0u8; 8];
        for (d, s) in k.iter_mut().zip(id.bytes()) {
            *d = s;
        }
        u64::from_be_bytes(k)
    };
    let by_id = |a: &(u64, u32), b: &(u64, u32)| {
        a.0.cmp(&b.0).then_with(|| {
            let id = |i: u32| txns.get(i as usize).map_or("", |t| data.id_of(t));
            id(a.1).cmp(id(b.1)).then(a.1.cmp(&b.1))
        })
    };
    // Packed dates order like dates and a year spans 512 values: bucket on them directly.
    let days: Vec<i64> = txns.iter().map(|t| i64::from(t.date.packed())).collect();
    let (lo, hi) = (days.iter().min().copied().unwrap_or(0), days.iter().max().copied().unwrap_or(0));
    let span = usize::try_from(hi - lo + 1).unwrap_or(usize::MAX);
    if span > 4 * txns.len() + 4096 {
        // Dates spread over far more days than there are transactions: one comparison sort.
        let mut keyed: Vec<(i64, u64, u32)> =
            txns.iter().zip(&days).enumerate().map(|(i, (t, d))| (*d, prefix(data.id_of(t)), idx(i))).collect();
        keyed.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| by_id(&(a.1, a.2), &(b.1, b.2))));
        return keyed.into_iter().map(|k| k.2).collect();
    }
    let bucket = |d: i64| usize::try_from(d - lo).unwrap_or(0);
    let mut starts = vec![0usize; span + 1];
    for d in &days {
        if let Some(n) = starts.get_mut(bucket(*d) + 1) {
            *n += 1;
        }
    }
    for i in 1..starts.len() {
        starts[i] += starts[i - 1];
    }
    let mut fill = starts.clone();
    let mut keyed: Vec<(u64, u32)> = vec![(0, 0); txns.len()];
    for (i, (t, d)) in txns.iter().zip(&days).enumerate() {
        if let Some(slot) = fill.get_mut(bucket(*d)) {
            if let Some(k) = keyed.get_mut(*slot) {
                *k = (prefix(data.id_of(t)), idx(i));
            }
            *slot += 1;
        }
    }
    for w in starts.windows(2) {
        if let [a, b] = w {
            if let Some(day) = keyed.get_mut(*a..*b) {
                day.sort_unstable_by(by_id);
            }
        }
    }
    keyed.into_iter().map(|k| k.1).collect()
}

/// Largest-remainder allocation when the amount is in whole minor units; exact shares otherwise
/// (an amount with sub-cent digits is split exactly rather than rejected).
fn allocate_or_exact(amount: Decimal, weights: &[Decimal], minor: u32) -> Result<Vec<Decimal>> {
    match allocate(amount, weights, minor) {
        Ok(parts) => Ok(parts),
        Err(e) if e.code == Code::AllocationInvalid => {
            weights.iter().map(|w| spm_base::money::mul(amount, *w)).collect()
        }
        Err(e) => Err(e),
    }
}

fn rule_credits(
    data: &Dataset,
    t: &Transaction,
    ti: u32,
    ri: usize,
    rule: &CreditRule,
    minor: u32,
    out: &mut Vec<(usize, Credit)>,
) -> Result<()> {
    let weights: Vec<Decimal> = rule.credit.iter().map(|(_, s)| *s).collect();
    let parts = if rule.overlay {
        weights.iter().map(|w| spm_base::money::mul(t.amount, *w)).collect::<Result<Vec<_>>>()?
    } else {
        allocate_or_exact(t.amount, &weights, minor)?
    };
    for ((pid, share), amount) in rule.credit.iter().zip(parts) {
        if let Some(p) = data.payee_index(pid) {
            out.push((
                p,
                Credit::of(t, ti, amount, *share, !rule.overlay, Source::Rule(u16::try_from(ri).unwrap_or(u16::MAX))),
            ));
        }
    }
    Ok(())
}

fn check_rule_payees(set: &PlanSet, data: &Dataset) -> Result<()> {
    let mut diags = Vec::new();
    for (vi, v) in set.versions.iter().enumerate() {
        let prefix = if set.versions.len() > 1 { format!("versions[{vi}].") } else { String::new() };
        for (ri, r) in v.crediting.rules.iter().enumerate() {
            for (ci, (pid, _)) in r.credit.iter().enumerate() {
                if data.payee_index(pid).is_none() {
                    diags.push(Diagnostic::error(
                        format!("{prefix}crediting.rules[{ri}].credit[{ci}].payeeId"),
                        Code::UnknownReference,
                        format!("payee {pid:?} is not in the payees list"),
                        "add the payee or correct the rule",
                    ));
                }
            }
        }
    }
    if diags.is_empty() {
        Ok(())
    } else {
        Err(Error::from_diagnostics(diags))
    }
}
