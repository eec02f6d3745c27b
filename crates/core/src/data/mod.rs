//! Input data in domain form: payees (hierarchy, dates, quotas, inputs, MBO results) and
//! transactions (amounts, attributes, splits), resolved against each other. Built by
//! `spec::data` (JSON) and `io::csv` (CSV), which report every bad record with its location.
//!
//! Attribute strings are interned (`Symbols`) so a million transactions do not hold five
//! million small strings; ids are given in first-seen order, so they are deterministic.

use rust_decimal::Decimal;
use spm_base::error::{clip, Code, Diagnostic, Error, Result};
use spm_base::period::Date;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

/// Diagnostics beyond this many are summarised, so a broken million-line file does not
/// produce a million messages.
pub const MAX_DIAGNOSTICS: usize = 100;

mod checks;
mod hierarchy;
mod index;

pub use checks::{json_path, Locate};
use index::PayeeIndex;
pub use index::{Fnv, Mix};

/// Interned strings: id 0 is always the empty string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbols {
    names: Vec<String>,
    index: HashMap<String, u32, BuildHasherDefault<Fnv>>,
}

impl Default for Symbols {
    fn default() -> Self {
        let mut s = Symbols { names: Vec::new(), index: HashMap::default() };
        s.intern("");
        s
    }
}

impl Symbols {
    /// The id of `s`, adding it if new.
    pub fn intern(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.index.get(s) {
            return id;
        }
        let id = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
        self.names.push(s.to_string());
        self.index.insert(s.to_string(), id);
        id
    }

    /// The id of `s` if it was interned.
    pub fn lookup(&self, s: &str) -> Option<u32> {
        self.index.get(s).copied()
    }

    /// The string of an id ("" for an unknown id).
    pub fn name(&self, id: u32) -> &str {
        self.names.get(id as usize).map_or("", String::as_str)
    }
}

/// A manager relationship, effective from/to (inclusive; open when absent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManagerSpan {
    /// The manager's payee id.
    pub manager: String,
    /// First day, if bounded.
    pub from: Option<Date>,
    /// Last day, if bounded.
    pub to: Option<Date>,
}

/// A quota given on the payee: for a component or measure id, for every period or one period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quota {
    /// Component or measure id.
    pub key: String,
    /// Period label (`2026-Q1`) or `None` for every period.
    pub period: Option<String>,
    /// Quota for that period.
    pub amount: Decimal,
}

/// A per-payee value a formula can read, such as an NPS score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// Variable name.
    pub name: String,
    /// Period label or `None` for every period.
    pub period: Option<String>,
    /// Value.
    pub value: Decimal,
}

/// A manager's assessment of one MBO goal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MboResult {
    /// Goal id in the plan.
    pub goal: String,
    /// Achievement score, one of the goal's payout points (1 = 100%).
    pub score: Decimal,
    /// When the goal was completed.
    pub completed: Option<Date>,
}

/// A person on a plan.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Payee {
    /// Stable identifier.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Role label (rep, manager, director).
    pub role: String,
    /// Manager relationships over time.
    pub managers: Vec<ManagerSpan>,
    /// First day employed.
    pub hire: Option<Date>,
    /// Last day employed.
    pub termination: Option<Date>,
    /// Unpaid leaves (inclusive ranges), which prorate quota and target incentive.
    pub leaves: Vec<(Date, Date)>,
    /// Annual target incentive (variable pay at 100%).
    pub target_incentive: Option<Decimal>,
    /// Quotas.
    pub quotas: Vec<Quota>,
    /// Formula inputs.
    pub inputs: Vec<Input>,
    /// MBO assessments.
    pub mbo: Vec<MboResult>,
    /// Currency the payee is paid in (the plan's when absent).
    pub currency: Option<spm_base::money::Currency>,
    /// The payee's own draw terms (replace the plan's).
    pub draw: Option<crate::ledger::Draw>,
}

impl Payee {
    /// The quota for `key` in the period labelled `period`: a period-specific entry wins.
    pub fn quota(&self, key: &str, period: &str) -> Option<Decimal> {
        let mut general = None;
        for q in self.quotas.iter().filter(|q| q.key == key) {
            match &q.period {
                Some(p) if p == period => return Some(q.amount),
                None => general = Some(q.amount),
                _ => {}
            }
        }
        general
    }

    /// The manager on `date`, if any.
    pub fn manager_on(&self, date: Date) -> Option<&str> {
        self.managers
            .iter()
            .find(|m| m.from.is_none_or(|f| f <= date) && m.to.is_none_or(|t| date <= t))
            .map(|m| m.manager.as_str())
    }

    /// A formula input for a period (a period-specific value wins).
    pub fn input(&self, name: &str, period: &str) -> Option<Decimal> {
        let mut general = None;
        for i in self.inputs.iter().filter(|i| i.name == name) {
            match &i.period {
                Some(p) if p == period => return Some(i.value),
                None => general = Some(i.value),
                _ => {}
            }
        }
        general
    }
}

/// One share of a transaction credited to a payee.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split {
    /// Payee index.
    pub payee: u32,
    /// Share of the transaction (revenue splits of one transaction sum to exactly 1).
    pub share: Decimal,
    /// Overlay credit: paid, but does not relieve quota, and may exceed 100% in total.
    pub overlay: bool,
}

/// A dated, identified amount with attributes. Plain data (`Copy`, 104 bytes): its id lives in
/// the dataset's `ids` text (`Dataset::id_of`), so a million of them are not a million allocations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transaction {
    /// Identifier: (start, length) in `Dataset::ids`.
    pub id: (u32, u32),
    /// Booking date.
    pub date: Date,
    /// Directly credited payee, when there is one and no splits.
    pub payee: Option<u32>,
    /// Amount in the plan currency.
    pub amount: Decimal,
    /// Units sold (1 when not given).
    pub units: Decimal,
    /// Margin (0 when not given).
    pub margin: Decimal,
    /// Interned product.
    pub product: u32,
    /// Interned deal type.
    pub kind: u32,
    /// Interned customer.
    pub customer: u32,
    /// Interned territory.
    pub territory: u32,
    /// Interned account.
    pub account: u32,
    /// Range into `Dataset::splits`.
    pub splits: (u32, u32),
    /// Range into `Dataset::attributes`.
    pub attributes: (u32, u32),
}

/// A payee's manager spans, resolved: (from, to, manager index).
type Spans = Vec<(Option<Date>, Option<Date>, usize)>;

/// Payees and transactions, resolved and checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dataset {
    /// Payees in input order.
    pub payees: Vec<Payee>,
    /// Transactions in evaluation order: date, then id, then input order.
    pub transactions: Vec<Transaction>,
    /// The transactions' ids, one after the other.
    pub ids: String,
    /// Splits of all transactions.
    pub splits: Vec<Split>,
    /// Custom attributes of all transactions (interned key, value).
    pub attributes: Vec<(u32, u32)>,
    /// Interned attribute strings.
    pub symbols: Symbols,
    /// Exchange rates for transactions not in the plan currency (`fx`).
    pub rates: crate::fx::Rates,
    /// Dates the run's periods must cover besides the transactions' (an estimate's close date).
    pub horizon: Option<(Date, Date)>,
    index: PayeeIndex,
    /// Per payee: (from, to, manager index), resolved once for roll-ups.
    managers: Vec<Spans>,
    /// Per payee: the manager over time, for `manager_of`'s binary search.
    timelines: Vec<Vec<hierarchy::Segment>>,
}

/// Builds a `Dataset`: checks payees once, then resolves each transaction as it is pushed.
/// Locations are only formatted when something is wrong, so a clean million-line file costs
/// no string formatting.
pub struct Builder {
    data: Dataset,
    diags: Vec<Diagnostic>,
    /// Per transaction in push order, where it was read (`push_at`), for messages naming two.
    origins: Vec<u32>,
    /// Per transaction in push order, its id's hash (taken while the id is at hand).
    hashes: Vec<u64>,
    locate: Locate,
}

impl Builder {
    /// Checks payees (unique ids, known managers, no cycles, dated ranges in order, manager
    /// spans that do not overlap, no keyed entry twice).
    pub fn new(payees: Vec<Payee>, mut diags: Vec<Diagnostic>) -> Builder {
        let mut index = PayeeIndex::default();
        for (i, p) in payees.iter().enumerate() {
            if !index.insert(&p.id, i) {
                let first = index.get(&p.id).unwrap_or(i);
                diags.push(Diagnostic::error(
                    format!("payees[{i}].id"),
                    Code::IdInvalid,
                    format!("payee id {:?} is used twice: at payees[{first}].id and at payees[{i}].id", clip(&p.id)),
                    "give each payee its own id",
                ));
            }
        }
        checks::payees(&payees, &mut diags);
        let mut managers = Vec::with_capacity(payees.len());
        for (i, p) in payees.iter().enumerate() {
            let mut resolved = Vec::new();
            for (j, m) in p.managers.iter().enumerate() {
                match index.get(&m.manager) {
                    Some(mi) => resolved.push((m.from, m.to, mi)),
                    None => {
                        let path = if p.managers.len() == 1 {
                            format!("payees[{i}].managerId")
                        } else {
                            format!("payees[{i}].managers[{j}].managerId")
                        };
                        diags.push(Diagnostic::error(
                            path,
                            Code::UnknownReference,
                            format!("manager {:?} is not a payee", clip(&m.manager)),
                            "add the manager to the payees, or clear managerId",
                        ));
                    }
                }
            }
            managers.push(resolved);
        }
        let timelines: Vec<_> = managers.iter().map(|m| hierarchy::timeline(m)).collect();
        hierarchy::check(&payees, &managers, &timelines, &mut diags);
        Builder {
            data: Dataset { payees, index, managers, timelines, ..Dataset::default() },
            diags,
            origins: Vec::new(),
            hashes: Vec::new(),
            locate: json_path,
        }
    }

    /// Makes room for `n` transactions and `id_bytes` of ids.
    pub fn reserve(&mut self, n: usize, id_bytes: usize) {
        self.data.transactions.reserve(n);
        self.data.ids.reserve(id_bytes);
    }

    /// The index of a payee by id.
    pub fn payee_index(&self, id: &str) -> Option<usize> {
        self.data.index.get(id)
    }

    /// Whether so many problems were found that reading on is pointless.
    pub fn full(&self) -> bool {
        self.diags.len() > MAX_DIAGNOSTICS
    }

    /// Records a problem.
    pub fn problem(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// Adds a transaction; `payee_id` and `splits` are resolved here. `at(field)` gives the
    /// location of a field for diagnostics (`transactions[3].splits`, `line 4, column splits`).
    pub fn push(
        &mut self,
        mut t: Transaction,
        id: &str,
        payee_id: &str,
        splits: &[(&str, Decimal, bool)],
        attributes: &[(u32, u32)],
        at: &dyn Fn(&str) -> String,
    ) {
        if !payee_id.is_empty() {
            match self.payee_index(payee_id) {
                Some(p) => t.payee = u32::try_from(p).ok(),
                None => self.diags.push(Diagnostic::error(
                    at("payeeId"),
                    Code::UnknownReference,
                    format!("payee {:?} is not in the payees list", clip(payee_id)),
                    "add the payee, or correct the id",
                )),
            }
        }
        let start = u32::try_from(self.data.splits.len()).unwrap_or(u32::MAX);
        let mut revenue_sum = Decimal::ZERO;
        let mut has_revenue = false;
        for (pid, share, overlay) in splits {
            match self.payee_index(pid) {
                Some(p) => {
                    if !overlay {
                        revenue_sum = revenue_sum.checked_add(*share).unwrap_or(Decimal::MAX);
                        has_revenue = true;
                    }
                    self.data.splits.push(Split {
                        payee: u32::try_from(p).unwrap_or(u32::MAX),
                        share: *share,
                        overlay: *overlay,
                    });
                }
                None => self.diags.push(Diagnostic::error(
                    at("splits"),
                    Code::UnknownReference,
                    format!("split payee {:?} is not in the payees list", clip(pid)),
                    "add the payee, or correct the id",
                )),
            }
        }
        if has_revenue && revenue_sum != Decimal::ONE {
            self.diags.push(Diagnostic::error(
                at("splits"),
                Code::SplitSum,
                format!("revenue splits sum to {revenue_sum}, not exactly 1"),
                "make the revenue shares add up to 1 (mark extra credit as overlay)",
            ));
        }
        if has_revenue && t.payee.is_some() {
            self.diags.push(Diagnostic::error(
                at("payeeId"),
                Code::SplitSum,
                "the transaction has both a payeeId and revenue splits",
                "give the direct payee a share in the splits and clear payeeId",
            ));
        }
        t.splits = (start, u32::try_from(splits.len()).unwrap_or(0));
        let astart = u32::try_from(self.data.attributes.len()).unwrap_or(u32::MAX);
        self.data.attributes.extend_from_slice(attributes);
        t.attributes = (astart, u32::try_from(attributes.len()).unwrap_or(0));
        t.id = (u32::try_from(self.data.ids.len()).unwrap_or(u32::MAX), u32::try_from(id.len()).unwrap_or(0));
        self.data.ids.push_str(id);
        self.origins.push(u32::try_from(self.data.transactions.len()).unwrap_or(u32::MAX));
        self.hashes.push(checks::id_hash(id));
        self.data.transactions.push(t);
    }

    /// The dataset, or every problem found.
    ///
    /// # Errors
    /// `ID_INVALID` (a repeated transaction id names both places), `UNKNOWN_REFERENCE`,
    /// `SPLIT_SUM`, `HIERARCHY_CYCLE`, `RANGE_REVERSED`, `SPAN_OVERLAP` and the parse errors
    /// recorded while reading, each located.
    pub fn finish(mut self, symbols: Symbols) -> Result<Dataset> {
        checks::transaction_ids(&self.data, &self.hashes, &self.origins, self.locate, &mut self.diags);
        finish(&mut self.diags);
        if self.diags.iter().any(|d| d.severity == spm_base::error::Severity::Error) {
            Err(Error::from_diagnostics(self.diags))
        } else {
            self.data.symbols = symbols;
            // Kept in evaluation order, so crediting and calculation read them front to back.
            let order = crate::credit::evaluation_order(&self.data);
            permute(&mut self.data.transactions, &order);
            Ok(self.data)
        }
    }
}

impl Dataset {
    /// A copy with one more transaction, directly credited to payee index `payee`, put in its
    /// place in evaluation order (after the transactions of the same date and id). `attrs` are
    /// (name, value) pairs: product, type, customer and custom attributes.
    pub fn with_transaction(&self, t: Transaction, id: &str, payee: usize, attrs: &[(&str, &str)]) -> Dataset {
        let mut out = self.clone();
        out.insert_transaction(t, id, payee, attrs);
        out
    }

    /// Adds a transaction in place, as `with_transaction` does on a copy.
    pub fn insert_transaction(&mut self, t: Transaction, id: &str, payee: usize, attrs: &[(&str, &str)]) -> usize {
        let t = self.resolve_new(t, id, payee, attrs);
        let at = self.transactions.partition_point(|x| (x.date, self.id_of(x)) <= (t.date, id));
        self.transactions.insert(at, t);
        at
    }

    /// Adds a transaction after all others, out of date order, and returns its index: for a
    /// resumed run that reads credits, not the transactions' order. `truncate` takes it back.
    pub fn append_transaction(&mut self, t: Transaction, id: &str, payee: usize, attrs: &[(&str, &str)]) -> usize {
        let t = self.resolve_new(t, id, payee, attrs);
        self.transactions.push(t);
        self.transactions.len() - 1
    }

    /// Where the transactions, ids and attributes end: `truncate` goes back to it.
    pub fn mark(&self) -> (usize, usize, usize) {
        (self.transactions.len(), self.ids.len(), self.attributes.len())
    }

    /// Removes what was appended since `mark` (interned strings stay; they change nothing).
    pub fn truncate(&mut self, mark: (usize, usize, usize)) {
        self.transactions.truncate(mark.0);
        self.ids.truncate(mark.1);
        self.attributes.truncate(mark.2);
    }

    /// Interns a new transaction's attributes and id.
    fn resolve_new(&mut self, mut t: Transaction, id: &str, payee: usize, attrs: &[(&str, &str)]) -> Transaction {
        let out = self;
        let mut custom = Vec::new();
        for (k, v) in attrs {
            let sym = out.symbols.intern(v);
            match *k {
                "product" => t.product = sym,
                "type" => t.kind = sym,
                "customer" => t.customer = sym,
                "territory" => t.territory = sym,
                "account" => t.account = sym,
                other => custom.push((out.symbols.intern(other), sym)),
            }
        }
        t.payee = u32::try_from(payee).ok();
        t.splits = (0, 0);
        t.attributes =
            (u32::try_from(out.attributes.len()).unwrap_or(u32::MAX), u32::try_from(custom.len()).unwrap_or(0));
        out.attributes.extend(custom);
        t.id = (u32::try_from(out.ids.len()).unwrap_or(u32::MAX), u32::try_from(id.len()).unwrap_or(0));
        out.ids.push_str(id);
        t
    }

    /// A transaction's id.
    #[inline]
    pub fn id_of(&self, t: &Transaction) -> &str {
        self.ids.get(t.id.0 as usize..(t.id.0 + t.id.1) as usize).unwrap_or("")
    }

    /// The index of a payee by id.
    pub fn payee_index(&self, id: &str) -> Option<usize> {
        self.index.get(id)
    }

    /// A payee's manager spans: (from, to, manager index).
    pub fn manager_spans(&self, payee: usize) -> &[(Option<Date>, Option<Date>, usize)] {
        self.managers.get(payee).map_or(&[], Vec::as_slice)
    }

    /// The index of a payee's manager on a date (the first of its spans in effect then): a
    /// binary search of the payee's timeline, so a roll-up through payees with many dated
    /// spans costs O(log spans) per level.
    pub fn manager_of(&self, payee: usize, date: Date) -> Option<usize> {
        hierarchy::on(self.timelines.get(payee)?, date).map(|(_, m)| m)
    }

    /// The splits of a transaction.
    pub fn splits_of(&self, t: &Transaction) -> &[Split] {
        self.splits.get(t.splits.0 as usize..(t.splits.0 + t.splits.1) as usize).unwrap_or(&[])
    }

    /// The value of attribute `key` on a transaction: the built-in ones by name, then custom.
    pub fn attribute<'a>(&'a self, t: &Transaction, key: &str) -> &'a str {
        let sym = match key {
            "product" => t.product,
            "type" => t.kind,
            "customer" => t.customer,
            "territory" => t.territory,
            "account" => t.account,
            _ => {
                let Some(k) = self.symbols.lookup(key) else { return "" };
                let range = t.attributes.0 as usize..(t.attributes.0 + t.attributes.1) as usize;
                self.attributes.get(range).unwrap_or(&[]).iter().find(|(ak, _)| *ak == k).map_or(0, |(_, v)| *v)
            }
        };
        self.symbols.name(sym)
    }
}

/// Reorders `items` so that item `i` becomes the old item `order[i]`. A gather into a
/// pre-sized vector: the reads are independent of each other, so the processor overlaps their
/// cache misses (following the permutation's cycles in place was several times slower).
fn permute<T: Copy>(items: &mut Vec<T>, order: &[u32]) {
    if order.len() != items.len() || order.iter().enumerate().all(|(i, &j)| i == j as usize) {
        return;
    }
    let mut out = Vec::with_capacity(items.len());
    out.extend(order.iter().filter_map(|&j| items.get(j as usize).copied()));
    *items = out;
}

/// Truncates a diagnostic list to `MAX_DIAGNOSTICS`, saying how many were left out.
pub fn finish(diags: &mut Vec<Diagnostic>) {
    if diags.len() > MAX_DIAGNOSTICS {
        let more = diags.len() - MAX_DIAGNOSTICS;
        let code = diags.last().map_or(Code::Internal, |d| d.code);
        diags.truncate(MAX_DIAGNOSTICS);
        diags.push(Diagnostic::error(
            "$",
            code,
            format!("{more} more problems were found and not listed"),
            "fix the ones above and try again",
        ));
    }
}

#[cfg(test)]
mod permute_tests {
    #[test]
    fn permutes_along_cycles() {
        let mut v = vec!['a', 'b', 'c', 'd', 'e'];
        super::permute(&mut v, &[3, 0, 4, 1, 2]);
        assert_eq!(v, ['d', 'a', 'e', 'b', 'c']);
    }
}
