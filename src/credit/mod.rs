//! Crediting: who gets credit for each transaction. Direct credit, splits (revenue splits
//! allocated to the cent by largest remainder; overlay credits on top), ordered crediting rules
//! (first-match or all-match) for transactions without a direct payee, overlay rules, and
//! roll-up to managers through the effective-dated hierarchy.
//!
//! Credits come out grouped by payee, each group in evaluation order (date, then transaction
//! id, then input order), which is the order running attainment needs.

use crate::data::{Dataset, Transaction};
use crate::error::{Code, Diagnostic, Error, Result};
use crate::money::allocate;
use crate::plan::{CreditRule, Filter, PlanSet, RuleMatch};
use rust_decimal::Decimal;

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

/// The share of one transaction that counts for one payee.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Credit {
    /// Transaction index.
    pub txn: u32,
    /// Evaluation order: (day, id rank).
    pub order: u64,
    /// Transaction date (kept here so the hot loops need not look the transaction up).
    pub date: crate::period::Date,
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
    fn of(
        t: &Transaction,
        (txn, order): (u32, u64),
        amount: Decimal,
        share: Decimal,
        relief: bool,
        source: Source,
    ) -> Credit {
        Credit { txn, order, date: t.date, amount, share, relief, source }
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
    // Evaluation order: date, then id, then input order. Ids are ranked once (the first eight
    // bytes, big-endian, order most ids without touching the strings); each credit then carries
    // (day, rank) and each payee's list is sorted on its own, which keeps the pass over the
    // transactions sequential.
    let prefix = |id: &str| -> u64 {
        let mut k = [0u8; 8];
        for (d, s) in k.iter_mut().zip(id.bytes()) {
            *d = s;
        }
        u64::from_be_bytes(k)
    };
    let mut ids: Vec<(u64, u32)> = data
        .transactions
        .iter()
        .enumerate()
        .map(|(i, t)| (prefix(&t.id), u32::try_from(i).unwrap_or(u32::MAX)))
        .collect();
    ids.sort_unstable_by(|a, b| {
        a.0.cmp(&b.0).then_with(|| {
            let (ta, tb) = (&data.transactions[a.1 as usize], &data.transactions[b.1 as usize]);
            ta.id.cmp(&tb.id).then(a.1.cmp(&b.1))
        })
    });
    let mut rank = vec![0u32; data.transactions.len()];
    for (r, (_, i)) in ids.iter().enumerate() {
        if let Some(slot) = rank.get_mut(*i as usize) {
            *slot = u32::try_from(r).unwrap_or(u32::MAX);
        }
    }
    drop(ids);
    // Pre-size each payee's list from direct credits and roll-up depth, to avoid regrowing.
    let levels = set.versions.iter().map(|v| v.crediting.rollup_levels).max().unwrap_or(0);
    let mut sizes = vec![0usize; data.payees.len()];
    for t in &data.transactions {
        if let Some(p) = t.payee {
            let mut cur = p as usize;
            if let Some(n) = sizes.get_mut(cur) {
                *n += 1;
            }
            for _ in 0..levels {
                let Some(m) = data.manager_of(cur, t.date) else { break };
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
    for (i, t) in data.transactions.iter().enumerate() {
        let ti = u32::try_from(i).unwrap_or(u32::MAX);
        let order = (u64::from(u32::try_from(t.date.day_number() + (1 << 30)).unwrap_or(0)) << 32)
            | u64::from(rank.get(i).copied().unwrap_or(0));
        let Some((vi, version)) = set.version_on(t.date).and_then(|v| Some((v, set.versions.get(v)?))) else {
            continue;
        };
        let filters = resolved.get(vi).map_or(&[][..], Vec::as_slice);
        let rule_matches = |ri: usize| filters.get(ri).is_some_and(|f| f.matches(data, t));
        direct.clear();
        let splits = data.splits_of(t);
        if let Some(p) = t.payee {
            direct.push((p as usize, Credit::of(t, (ti, order), t.amount, Decimal::ONE, true, Source::Direct)));
        } else if splits.iter().any(|s| !s.overlay) {
            let revenue: Vec<_> = splits.iter().filter(|s| !s.overlay).collect();
            let weights: Vec<Decimal> = revenue.iter().map(|s| s.share).collect();
            let parts = allocate_or_exact(t.amount, &weights, minor)?;
            for (s, amount) in revenue.iter().zip(parts) {
                direct.push((s.payee as usize, Credit::of(t, (ti, order), amount, s.share, true, Source::Split)));
            }
        } else {
            let rules = &version.crediting.rules;
            for (ri, rule) in rules.iter().enumerate().filter(|(_, r)| !r.overlay) {
                if rule_matches(ri) {
                    rule_credits(data, t, (ti, order), ri, rule, minor, &mut direct)?;
                    if version.crediting.rule_match == RuleMatch::First {
                        break;
                    }
                }
            }
        }
        for s in splits.iter().filter(|s| s.overlay) {
            direct.push((
                s.payee as usize,
                Credit::of(t, (ti, order), crate::money::mul(t.amount, s.share)?, s.share, false, Source::Split),
            ));
        }
        for (ri, rule) in version.crediting.rules.iter().enumerate().filter(|(_, r)| r.overlay) {
            if rule_matches(ri) {
                rule_credits(data, t, (ti, order), ri, rule, minor, &mut direct)?;
            }
        }
        if direct.is_empty() {
            uncredited.0 += 1;
            if uncredited.1.len() < 5 {
                uncredited.1.push(t.id.clone());
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
                let Some(m) = data.manager_of(cur, t.date) else { break };
                if let Some(list) = by_payee.get_mut(m) {
                    list.push(Credit { source: Source::Rollup(level), ..c });
                }
                cur = m;
            }
        }
    }
    for list in &mut by_payee {
        // Stable, so two credits of one transaction to one payee keep their emission order.
        list.sort_by_key(|c| c.order);
    }
    Ok(Credits { by_payee, uncredited })
}

/// Largest-remainder allocation when the amount is in whole minor units; exact shares otherwise
/// (an amount with sub-cent digits is split exactly rather than rejected).
fn allocate_or_exact(amount: Decimal, weights: &[Decimal], minor: u32) -> Result<Vec<Decimal>> {
    match allocate(amount, weights, minor) {
        Ok(parts) => Ok(parts),
        Err(e) if e.code == Code::AllocationInvalid => weights.iter().map(|w| crate::money::mul(amount, *w)).collect(),
        Err(e) => Err(e),
    }
}

fn rule_credits(
    data: &Dataset,
    t: &Transaction,
    (ti, order): (u32, u64),
    ri: usize,
    rule: &CreditRule,
    minor: u32,
    out: &mut Vec<(usize, Credit)>,
) -> Result<()> {
    let weights: Vec<Decimal> = rule.credit.iter().map(|(_, s)| *s).collect();
    let parts = if rule.overlay {
        weights.iter().map(|w| crate::money::mul(t.amount, *w)).collect::<Result<Vec<_>>>()?
    } else {
        allocate_or_exact(t.amount, &weights, minor)?
    };
    for ((pid, share), amount) in rule.credit.iter().zip(parts) {
        if let Some(p) = data.payee_index(pid) {
            out.push((
                p,
                Credit::of(
                    t,
                    (ti, order),
                    amount,
                    *share,
                    !rule.overlay,
                    Source::Rule(u16::try_from(ri).unwrap_or(u16::MAX)),
                ),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolved_filters_agree_with_string_matching() {
        let txns = r#"[{"id":"t1","date":"2026-01-01","payeeId":"a","amount":"1","product":"A","type":"new","attributes":[{"name":"region","value":"West"}]},
            {"id":"t2","date":"2026-01-02","payeeId":"a","amount":"1","product":"B","type":"renewal"},
            {"id":"t3","date":"2026-01-03","payeeId":"a","amount":"1"}]"#;
        let data = crate::api::load_json(txns, r#"[{"id":"a","name":"A"}]"#).unwrap();
        let f = |conds: &[(&str, &[&str])]| Filter {
            conditions: conds.iter().map(|(k, v)| (k.to_string(), v.iter().map(|x| x.to_string()).collect())).collect(),
        };
        let filters = [
            f(&[]),
            f(&[("product", &["A"])]),
            f(&[("product", &["A", "B"]), ("type", &["renewal"])]),
            f(&[("region", &["West"])]),
            f(&[("region", &["East"])]),
            f(&[("product", &["Z"])]),
            f(&[("territory", &[""])]),
        ];
        for filter in &filters {
            let r = Resolved::new(&data, filter);
            for t in &data.transactions {
                assert_eq!(r.matches(&data, t), matches(&data, t, filter), "{filter:?} on {}", t.id);
            }
        }
    }
}
