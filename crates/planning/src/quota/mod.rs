//! Quota setting and capacity planning (issue 7): a company target cascaded top-down through a
//! tree of regions, teams and reps with over-assignment per level; bottom-up numbers from
//! account potential, a blend of history, or capacity, with the gap to the top-down quota;
//! seasonality phasing into months and quarters; proration and ramp of new hires; and the hires
//! a bookings target needs, month by month.
//!
//! The steps of a quota plan: `check` turns the wire format into a [`Plan`] (every problem with
//! its JSON path); `cascade` computes each node's split basis, its quota (children sum exactly
//! to the parent's quota × (1 + over-assignment), by largest remainder, ties by id) and its
//! bottom-up number; `phase` spreads quotas over the months and applies proration and ramp;
//! `report` writes the result with its sentences. `capacity` is the capacity plan. Money is
//! exact (`rust_decimal`) throughout; docs/quota.md has the conventions and worked examples.

mod capacity;
mod cascade;
mod check;
pub mod dto;
mod fields;
mod phase;
mod report;
mod sample;
mod tree;

pub use sample::sample_input;

use crate::quota::dto::{CapacityInputDto, CapacityPlanResultDto, QuotaPlanInputDto, QuotaPlanResultDto};
use phase::Profile;
use rust_decimal::Decimal;
use spm_base::error::{Diagnostic, Result};
use spm_base::money::{Currency, RoundingMode};
use spm_base::period::Date;

/// The most nodes a quota plan may have.
pub use spm_base::limits::MAX_QUOTA_NODES as MAX_NODES;

/// Runs a quota plan given as JSON text.
///
/// # Errors
/// The JSON errors of `spm_base::json::from_str`, then those of [`quota_plan`].
pub fn quota_plan_json(text: &str) -> Result<QuotaPlanResultDto> {
    let dto: QuotaPlanInputDto = spm_base::json::from_str(text, "the quota plan")?;
    quota_plan(&dto)
}

/// Runs a quota plan: the cascade, the bottom-up numbers and gaps, phasing, proration and ramp.
///
/// # Errors
/// Every problem of the input, located (`nodes[3].parent`, `seasonality.profile`, …): unknown
/// references, cycles, two roots, values out of range, weights that do not sum to 1, missing
/// inputs the method needs, a split whose weights sum to zero; `OVERFLOW` past the decimal range.
pub fn quota_plan(input: &QuotaPlanInputDto) -> Result<QuotaPlanResultDto> {
    let plan = check::plan(input)?;
    let figures = cascade::run(&plan)?;
    report::result(&plan, &figures)
}

/// Runs a capacity plan given as JSON text.
///
/// # Errors
/// The JSON errors of `spm_base::json::from_str`, then those of [`capacity_plan`].
pub fn capacity_plan_json(text: &str) -> Result<CapacityPlanResultDto> {
    let dto: CapacityInputDto = spm_base::json::from_str(text, "the capacity plan")?;
    capacity_plan(&dto)
}

/// How many reps to hire, and in which months, so that the year's expected bookings reach the
/// target (the fewest hires, as early as allowed), with the month-by-month table.
///
/// # Errors
/// Every problem of the input, located; `LIMIT_EXCEEDED` when the target needs more than a
/// million hires; `OVERFLOW` past the decimal range.
pub fn capacity_plan(input: &CapacityInputDto) -> Result<CapacityPlanResultDto> {
    capacity::plan(input)
}

/// The basis a node's quota is split among its children by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Split {
    Equal,
    Weight,
    Potential,
    History,
    Capacity,
}

/// Where a node's bottom-up number comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BottomUp {
    Potential,
    History,
    Capacity,
}

/// A node's level in the organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Level {
    Company,
    Region,
    Team,
    Rep,
}

/// A weighted blend of past periods, then growth and attrition.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Blend {
    /// Most recent first; they sum to 1.
    pub weights: Vec<Decimal>,
    pub growth: Decimal,
    pub attrition: Decimal,
}

/// A node of the tree, checked.
#[derive(Debug, Clone)]
pub(crate) struct Node {
    pub id: String,
    pub name: String,
    pub parent: Option<usize>,
    /// In input order.
    pub children: Vec<usize>,
    pub depth: u32,
    pub level: Level,
    /// 0 for a leaf.
    pub over_assignment: Decimal,
    /// How it splits among its children (`None` for a leaf).
    pub split: Option<Split>,
    pub weight: Option<Decimal>,
    pub potential: Option<Decimal>,
    /// `(period, amount)`, newest first.
    pub history: Vec<(String, Decimal)>,
    pub hire: Option<Date>,
    pub termination: Option<Date>,
    /// The effective ramp (the node's own, else the plan's).
    pub ramp: Vec<Decimal>,
    /// The effective productivity (the node's own, else the method's).
    pub productivity: Option<Decimal>,
}

impl Node {
    /// A node without children.
    pub fn is_leaf(&self) -> bool {
        self.children.is_empty()
    }
}

/// A quota plan, checked: every reference resolved, every value in range.
#[derive(Debug, Clone)]
pub(crate) struct Plan {
    pub currency: Currency,
    pub year: i32,
    pub target: Decimal,
    pub mode: RoundingMode,
    pub split: Split,
    pub bottom_up: Option<BottomUp>,
    pub potential_rate: Decimal,
    pub blend: Option<Blend>,
    pub profile: Profile,
    /// In input order.
    pub nodes: Vec<Node>,
    pub root: usize,
    /// Depth first from the root, siblings in input order: parents before children.
    pub order: Vec<usize>,
    pub warnings: Vec<Diagnostic>,
}

impl Plan {
    /// The currency's minor units.
    pub fn minor(&self) -> u32 {
        self.currency.minor_units()
    }
}
