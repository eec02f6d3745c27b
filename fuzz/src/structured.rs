//! The structure-aware target `adversary`: libFuzzer's bytes become an [`Input`] through
//! `arbitrary` (a seed of the adversarial generator, `spm_sample::adversary`, and edits that put a
//! chosen kind of value into a chosen field of a chosen document), so the fuzzer explores valid
//! documents with hostile values instead of mostly unparsable bytes. Every case runs through the
//! plan compiler, the dataset loader with rates, the payout report, the ledger with events and
//! payee adjustments, and the estimator; asserted: no panic, every error coded (never
//! `INTERNAL`) with at least one diagnostic and every diagnostic a path.

use arbitrary::Arbitrary;
use spm_base::error::{Code, Error};
use spm_sample::adversary::{attack, replace_values, EDGES};
use spm_wire::api;

/// Which document an edit changes.
#[derive(Debug, Clone, Copy, Arbitrary)]
pub enum Doc {
    Plan,
    Payees,
    Transactions,
    Events,
    Adjustments,
    State,
    Deals,
}

/// The field an edit writes (every occurrence of the key, or only the `nth`).
#[derive(Debug, Clone, Copy, Arbitrary)]
pub enum Key {
    Amount,
    Rate,
    Quota,
    Date,
    Id,
    PayeeId,
    ManagerId,
    From,
    To,
    Percent,
    Share,
    Probability,
    Name,
    Kind,
    Period,
    Currency,
}

impl Key {
    fn name(self) -> &'static str {
        match self {
            Key::Amount => "amount",
            Key::Rate => "rate",
            Key::Quota => "quota",
            Key::Date => "date",
            Key::Id => "id",
            Key::PayeeId => "payeeId",
            Key::ManagerId => "managerId",
            Key::From => "from",
            Key::To => "to",
            Key::Percent => "percent",
            Key::Share => "share",
            Key::Probability => "probability",
            Key::Name => "name",
            Key::Kind => "kind",
            Key::Period => "period",
            Key::Currency => "currency",
        }
    }
}

/// The value written.
#[derive(Debug, Clone, Arbitrary)]
pub enum Value {
    /// One of the generator's edge decimals.
    Edge(u8),
    /// A decimal with this many integer and fraction digits (up to 40 each), maybe negative.
    Digits(u8, u8, bool),
    /// A date, any year.
    Date(u16, u8, u8),
    /// Any text (JSON-escaped when written).
    Text(String),
}

impl Value {
    fn text(&self) -> String {
        match self {
            Value::Edge(i) => EDGES.get(usize::from(*i) % EDGES.len()).copied().unwrap_or("0").to_string(),
            Value::Digits(int, frac, neg) => {
                let (i, f) = (usize::from(*int % 41).max(1), usize::from(*frac % 41));
                let mut s = String::from(if *neg { "-" } else { "" });
                s.push_str(&"9".repeat(i));
                if f > 0 {
                    s.push('.');
                    s.push_str(&"7".repeat(f));
                }
                s
            }
            Value::Date(y, m, d) => format!("{:04}-{:02}-{:02}", y % 10_000, m % 14, d % 33),
            Value::Text(t) => {
                let quoted = serde_json::to_string(t).unwrap_or_default();
                quoted.get(1..quoted.len().saturating_sub(1)).unwrap_or("").to_string()
            }
        }
    }
}

/// One edit.
#[derive(Debug, Clone, Arbitrary)]
pub struct Edit {
    doc: Doc,
    key: Key,
    /// 0: every occurrence; n: the n-th only.
    nth: u8,
    value: Value,
}

/// A fuzz input.
#[derive(Debug, Clone, Arbitrary)]
pub struct Input {
    seed: u16,
    edits: Vec<Edit>,
}

fn checked(at: &str, e: &Error) {
    assert!(e.code != Code::Internal, "{at}: INTERNAL error (an engine bug): {e}");
    assert!(!e.diagnostics.is_empty(), "{at}: {} without a path: {}", e.code, e.message);
    for d in &e.diagnostics {
        assert!(!d.path.trim().is_empty(), "{at}: a {} diagnostic without a path: {}", d.code, d.message);
    }
}

fn ok<T>(at: &str, r: spm_base::Result<T>) -> Option<T> {
    r.map_err(|e| checked(at, &e)).ok()
}

/// Runs one structured input.
pub fn run(input: &Input) {
    let mut a = attack(u64::from(input.seed));
    for e in input.edits.iter().take(16) {
        let doc = match e.doc {
            Doc::Plan => &mut a.plan,
            Doc::Payees => &mut a.payees,
            Doc::Transactions => &mut a.transactions,
            Doc::Events => &mut a.events,
            Doc::Adjustments => &mut a.adjustments,
            Doc::State => &mut a.state,
            Doc::Deals => &mut a.deals,
        };
        let value = e.value.text();
        let mut k = 0u8;
        *doc = replace_values(doc, e.key.name(), || {
            k = k.saturating_add(1);
            (e.nth == 0 || e.nth == k).then(|| value.clone())
        });
    }
    let plan = ok("compile", api::compile_plan(&a.plan));
    let data = ok(
        "load",
        api::load_json(&a.transactions, &a.payees).and_then(|mut d| api::set_rates(&mut d, &a.rates).map(|()| d)),
    );
    let Some(plan) = plan else { return };
    if let Some(data) = &data {
        ok("payout", api::run(&plan, data).and_then(|p| p.to_json()));
        ok("ledger", api::ledger_with(&plan, data, &a.events, None, &a.adjustments).map(drop));
    }
    ok(
        "estimate",
        spm_wire::spec::estimate::read_state(&a.state)
            .and_then(|s| spm_analytics::estimate::Estimator::from_state(&plan, s.data, s.payee_id, s.as_of))
            .and_then(|est| {
                let deals = spm_analytics::estimate::parse_deals(&a.deals)?;
                est.estimate_with(&deals, false)?;
                est.pipeline(&deals).map(drop)
            }),
    );
}
