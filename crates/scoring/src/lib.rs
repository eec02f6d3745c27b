//! Gamified scoring (issue 9): scorecards of weighted, normalized KPIs; points rules with
//! multipliers and limits; levels; badges (thresholds, streaks, firsts, team badges);
//! leaderboards with declared tie rules and eligibility; contests with prize tables split to
//! the cent; manager-set goals with deadlines. docs/scoring.md has the rules.
//!
//! A [`Scoreboard`] parses the events once into a columnar store (`events`), computes each
//! event's points, and keeps per-rep per-month totals, so a leaderboard over whole months reads
//! reps × months numbers and sorts: O(reps log reps) whatever the number of events. Windows that
//! are not whole months read the events in the window (they are in date order). Plan KPIs
//! (attainment and credit of a component) come from a real run of the plan ([`Scoreboard::with_plan`]).
//! Everything is exact decimal arithmetic; ranking reads the value as reported (ratios and
//! scores at 6 places), so what a rep sees tied is tied.

// Money arithmetic is checked (clippy.toml and ARCHITECTURE.md, "Checked money").
#![cfg_attr(not(test), deny(clippy::arithmetic_side_effects))]

mod awards;
mod board;
mod defs;
pub mod dto;
mod events;
mod metrics;
mod model;
pub mod rank;
mod sample;

pub use events::MAX_EVENTS;
pub use model::roster_from_dataset;
pub use sample::{sample_csv, sample_defs, sample_roster};

use rust_decimal::Decimal;
use spm_base::csv_out::cell;
use spm_base::error::Result;
use spm_base::period::Date;

/// What a leaderboard, badge, goal or scorecard measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Metric {
    /// Points earned.
    Points,
    /// Events of a type.
    Count(u16),
    /// Amounts of events of a type.
    Amount(u16),
    /// Events of one type per event of another.
    Ratio(u16, u16),
    /// A plan component's credit over quota.
    PlanAttainment(u16),
    /// A plan component's credit.
    PlanCredit(u16),
    /// A scorecard's score.
    Score(usize),
}

/// Rep ids to indexes (FNV: lookups only, never iterated).
pub(crate) type Index = std::collections::HashMap<String, u32, std::hash::BuildHasherDefault<spm_core::data::Fnv>>;

/// Days from `from` to `to`, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Window {
    pub from: Date,
    pub to: Date,
}

impl Window {
    /// Whether the day is inside.
    pub fn contains(&self, d: Date) -> bool {
        self.from <= d && d <= self.to
    }
}

/// A rep of the roster.
#[derive(Debug, Clone)]
pub(crate) struct Rep {
    pub id: String,
    pub name: String,
    pub team: Option<usize>,
    pub role: String,
    pub hire: Option<Date>,
}

/// The columnar event store, in date then id order, with per-rep per-month totals.
#[derive(Debug, Clone, Default)]
pub(crate) struct Events {
    pub rep: Vec<u32>,
    pub kind: Vec<u16>,
    pub day: Vec<Date>,
    pub amount: Vec<Decimal>,
    pub points: Vec<Decimal>,
    pub ids: String,
    pub id_end: Vec<u32>,
    /// The first month (months since year 0) and how many.
    pub month0: i64,
    pub months: usize,
    /// [rep × months + m].
    pub m_points: Vec<Decimal>,
    pub m_events: Vec<u32>,
    /// [(type × reps + rep) × months + m].
    pub m_count: Vec<u32>,
    pub m_amount: Vec<Decimal>,
}

/// A plan component's figures for one payee and plan period.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PlanRow {
    pub component: u16,
    pub from: Date,
    pub to: Date,
    pub credit: Decimal,
    pub quota: Option<Decimal>,
}

/// The scoring model a page keeps: definitions, roster and events, parsed once.
#[derive(Debug, Clone)]
pub struct Scoreboard {
    pub(crate) defs: defs::Defs,
    pub(crate) types: defs::Types,
    pub(crate) reps: Vec<Rep>,
    pub(crate) teams: Vec<String>,
    pub(crate) team_names: Vec<String>,
    pub(crate) ev: Events,
    /// Per rep: plan rows.
    pub(crate) plan: Vec<Vec<PlanRow>>,
    pub(crate) as_of: Date,
}

impl Scoreboard {
    /// Reads the definitions (JSON), the roster (JSON array; absent: the reps are the events'
    /// payee ids) and the events (CSV text, or a JSON array when it starts with `[`).
    ///
    /// # Errors
    /// `JSON_SYNTAX`, `UNKNOWN_FIELD`, … with paths; every problem of the definitions
    /// (`WEIGHT_SUM`, `UNKNOWN_REFERENCE`, …), roster and events, located.
    pub fn from_text(defs: &str, roster: Option<&str>, events: &str) -> Result<Scoreboard> {
        model::from_text(defs, roster, events)
    }

    /// Adds the plan's figures for the components the KPIs name: each payee's credit and quota
    /// per plan period, from a run of the plan over `data`.
    ///
    /// # Errors
    /// The plan's errors on the data; `UNKNOWN_REFERENCE` for a component the plan lacks.
    pub fn with_plan(&mut self, plan: &spm_plan::CompiledPlan, data: &spm_core::data::Dataset) -> Result<()> {
        model::with_plan(self, plan, data)
    }

    /// Reps in the roster.
    pub fn reps(&self) -> usize {
        self.reps.len()
    }

    /// Events stored.
    pub fn events(&self) -> usize {
        self.ev.rep.len()
    }

    /// The event types that occur in the events, in order of first appearance (for a metric
    /// picker: `count:TYPE`, `amount:TYPE`).
    #[must_use]
    pub fn event_types(&self) -> Vec<String> {
        let mut seen = vec![false; self.types.0.len()];
        for &k in &self.ev.kind {
            if let Some(x) = seen.get_mut(usize::from(k)) {
                *x = true;
            }
        }
        self.types.0.iter().zip(seen).filter(|(_, s)| *s).map(|(t, _)| t.clone()).collect()
    }

    /// Everything the definitions ask for.
    ///
    /// # Errors
    /// `OVERFLOW` past the decimal range.
    pub fn report(&self) -> Result<crate::dto::ScoringReportDto> {
        board::report(self)
    }

    /// [`Scoreboard::report`] as JSON text (what wasm returns byte for byte).
    ///
    /// # Errors
    /// Those of [`Scoreboard::report`].
    pub fn report_json(&self) -> Result<String> {
        json(&self.report()?)
    }

    /// A leaderboard for a request (JSON of a `leaderboards` entry), as JSON text: the hot path.
    ///
    /// # Errors
    /// The request's problems, located.
    pub fn leaderboard_json(&self, request: &str) -> Result<String> {
        json(&board::leaderboard_request(self, request)?)
    }

    /// Every contest's prizes as SPIFF rows `{payeeId, date, amount, currency, reason}`.
    ///
    /// # Errors
    /// Those of [`Scoreboard::report`].
    pub fn spiff_rows(&self) -> Result<Vec<crate::dto::AwardDto>> {
        board::spiffs(self)
    }

    /// [`Scoreboard::spiff_rows`] as CSV with the header `payeeId,date,amount,currency,reason`;
    /// text cells are neutralized against spreadsheet formulas ([`spm_base::csv_out::cell`]).
    ///
    /// # Errors
    /// Those of [`Scoreboard::report`].
    pub fn spiff_csv(&self) -> Result<String> {
        let mut out = String::from("payeeId,date,amount,currency,reason\n");
        for r in self.spiff_rows()? {
            let (id, reason) = (cell(&r.payee_id), cell(&r.reason));
            out.push_str(&format!("{id},{},{},{},{reason}\n", r.date, r.amount, r.currency));
        }
        Ok(out)
    }
}

/// JSON text of a result.
fn json<T: serde::Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| spm_base::error::Error::new(spm_base::error::Code::Internal, e.to_string()))
}

/// A ratio or score at 6 places, half away from zero, as the wire carries it.
pub(crate) fn six(v: Decimal) -> Decimal {
    v.round_dp_with_strategy(6, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
}

/// A decimal as text with trailing zeros dropped (points, counts, values).
pub(crate) fn text(v: Decimal) -> String {
    v.normalize().to_string()
}
