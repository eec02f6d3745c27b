//! Territory balancing (issue 7): assign accounts to territories so that potential and workload
//! are balanced, territories are compact and few accounts change owner, within locked accounts
//! and capacities; report how balanced the result is and how far it is from a lower bound.
//!
//! The pieces:
//! - [`input`] validates the wire format into an [`Instance`] (located diagnostics);
//! - [`metrics`] computes every reported figure from an assignment, from scratch;
//! - [`Model`] keeps an instance and its current assignment for interactive use (move one
//!   account, read the metrics, rebalance);
//! - `balance` is the balancer: Lagrangian prices for the balance constraints (the dual of the
//!   transportation problem "each territory receives the mean potential and workload") give the
//!   starting assignment for the current centres, in a few location–allocation rounds; then
//!   local search (moves and swaps, each evaluated in O(1) from per-territory sums) on the full
//!   objective; `bound` computes the Lagrangian lower bound;
//! - [`assign`] is the general capacitated assignment solver (costs, resource use, capacities,
//!   minimum loads) on the same local-search engine (`engine`), which the benchmark adapter
//!   runs on generalized assignment and the Pfizer case, and [`pmedian`] drives it for the
//!   capacitated p-median problem;
//! - [`sample()`] generates a realistic instance (clustered coordinates, skewed potentials).
//!
//! Potentials and workloads stay exact decimals for the reported sums; geometry and
//! optimization use `f64` (only `+ − × ÷ √`, which IEEE 754 defines exactly, so native and
//! wasm agree byte for byte), and every random choice comes from a seeded SplitMix64.

pub mod assign;
mod balance;
mod bound;
pub mod dto;
mod engine;
pub mod input;
pub mod metrics;
mod model;
pub mod pmedian;
mod prices;
mod sample;
mod state;

pub use model::Model;
pub use sample::sample;

use rust_decimal::Decimal;

/// At most this many territories.
pub use spm_base::limits::MAX_TERRITORIES;
/// At most this many accounts.
pub use spm_base::limits::MAX_TERRITORY_ACCOUNTS as MAX_ACCOUNTS;
/// At most this many account × territory pairs (the lower bound looks at every pair).
pub const MAX_PAIRS: usize = 10_000_000;
/// Default number of local-search passes.
pub const DEFAULT_ITERATIONS: u32 = 24;
/// Highest accepted `maxIterations`.
pub const MAX_ITERATIONS: u32 = 1_000;

/// An account (or geographic unit) to assign.
#[derive(Debug, Clone, PartialEq)]
pub struct Account {
    /// Identifier.
    pub id: String,
    /// Sales potential.
    pub potential: Decimal,
    /// Workload.
    pub workload: Decimal,
    /// Horizontal coordinate.
    pub x: f64,
    /// Vertical coordinate.
    pub y: f64,
    /// Index of the owning territory today.
    pub owner: Option<usize>,
    /// Must stay with its owner.
    pub locked: bool,
}

/// A territory.
#[derive(Debug, Clone, PartialEq)]
pub struct Territory {
    /// Identifier.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Most workload.
    pub max_workload: Option<Decimal>,
    /// Most accounts.
    pub max_accounts: Option<usize>,
    /// Fixed centre; the centroid of its accounts when absent.
    pub center: Option<(f64, f64)>,
}

/// The objective's weights (docs/territory.md defines the three terms).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weights {
    /// Weight of balance: half the sum of the squared coefficients of variation of potential
    /// and workload.
    pub balance: f64,
    /// Weight of compactness: within-territory squared distances over the total.
    pub compactness: f64,
    /// Weight of disruption: the share of owned accounts that change owner.
    pub disruption: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights { balance: 1.0, compactness: 0.002, disruption: 0.0002 }
    }
}

/// How to balance.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    /// Objective weights.
    pub weights: Weights,
    /// Seed of every random choice.
    pub seed: u64,
    /// Most local-search passes.
    pub max_iterations: u32,
}

impl Default for Options {
    fn default() -> Self {
        Options { weights: Weights::default(), seed: 1, max_iterations: DEFAULT_ITERATIONS }
    }
}

/// A validated balancing problem.
#[derive(Debug, Clone, PartialEq)]
pub struct Instance {
    /// Accounts, in input order.
    pub accounts: Vec<Account>,
    /// Territories, in input order.
    pub territories: Vec<Territory>,
    /// Weights, seed and passes given with the input.
    pub options: Options,
}

/// The 64-bit SplitMix generator the engine's samples use, with the few draws balancing needs.
pub(crate) struct Rng(spm_base::rng::Rng);

impl Rng {
    pub(crate) fn new(seed: u64) -> Rng {
        Rng(spm_base::rng::Rng(seed))
    }

    pub(crate) fn next(&mut self) -> u64 {
        self.0.next()
    }

    /// Uniform in `0..n` (0 when `n` is 0).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        self.0.below(n as u64) as usize
    }

    /// Uniform in [0, 1), from 53 random bits.
    pub(crate) fn unit(&mut self) -> f64 {
        (self.0.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A seeded Fisher–Yates shuffle.
    pub(crate) fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}

/// `v` to 6 decimal places, never "-0.000000".
pub(crate) fn fmt6(v: f64) -> String {
    spm_base::fmt::float(if v.is_finite() { v } else { 0.0 }, 6)
}
