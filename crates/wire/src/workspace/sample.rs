//! The built-in company as one consistent workspace: the sample's people (teams from the
//! hierarchy), its two plans (one saved version each), deals, ledger events and rates; accounts
//! and territories from the deals (`derive::accounts_from_deals`) placed on a map by a seed; the
//! leaderboard's definitions over the activity the sample's reps made before their deals
//! (`spm_sample::activity`). Every page reads the same people.

use super::derive::{accounts_from_deals, assign_teams};
use super::{WorkspaceDto, WorkspacePlanDto, WorkspacePlanVersionDto, WorkspaceSettingsDto, FORMAT, SCHEMA_VERSION};
use crate::spec::data::PayeeDto;
use rust_decimal::Decimal;
use spm_base::dec::Dec;
use spm_base::period::Date;
use spm_base::rng::Rng;
use spm_planning::territory::dto::PointDto;
use std::collections::BTreeMap;

/// The seed of the accounts' places on the map.
pub const MAP_SEED: u64 = 20_260_310;

/// When the sample's plans were saved.
pub const SAVED_AT: &str = "2026-01-05T10:00:00Z";

/// The leaderboard's definitions over the sample's deals (`deal` events from the payouts' deals)
/// and activity (`call`, `meeting`, `demo`): the scoring sample's rules with its metrics
/// trimmed to these event types.
pub const SCORING_DEFINITIONS: &str = r#"{"schemaVersion":1,"asOf":"2026-12-31",
"kpis":[{"id":"deals","name":"Deals won","kind":"count","eventType":"deal"},
{"id":"revenue","name":"Revenue won","kind":"sum","eventType":"deal"},
{"id":"demo-conversion","name":"Deals per demo","kind":"ratio","eventType":"deal","denominatorType":"demo"},
{"id":"calls","name":"Calls","kind":"count","eventType":"call"}],
"scorecards":[{"id":"main","name":"Q4 scorecard","window":{"period":"2026-Q4"},"team":"mean","kpis":[
{"metric":"kpi:revenue","weight":"0.4","normalize":"percentile"},
{"metric":"kpi:demo-conversion","weight":"0.3","normalize":"target","target":"4","cap":"1.5"},
{"metric":"kpi:calls","weight":"0.3","normalize":"minMax"}]}],
"points":{"rules":[{"eventType":"deal","points":"10","perAmount":{"points":"1","per":"1000"}},
{"eventType":"call","points":"1"},{"eventType":"meeting","points":"3"},{"eventType":"demo","points":"5"}],
"multipliers":[{"id":"quarter-end","factor":"2","eventType":"deal","lastDaysOfQuarter":7}],
"limits":[{"eventType":"call","per":"day","max":"20"}]},
"levels":[{"name":"Bronze","threshold":"0"},{"name":"Silver","threshold":"1500"},{"name":"Gold","threshold":"4000"}],
"badges":[{"id":"first-deal","name":"First deal","kind":"first","eventType":"deal"},
{"id":"big-deal","name":"Big deal","kind":"first","eventType":"deal","threshold":"9500"},
{"id":"k1","name":"1,000 points","kind":"points","threshold":"1000"}],
"leaderboards":[{"id":"points-q4","name":"Points, Q4","metric":"points","window":{"period":"2026-Q4"}},
{"id":"revenue-2026","name":"Revenue won, 2026","metric":"amount:deal","window":{"period":"2026"}},
{"id":"teams-q4","name":"Teams, Q4 revenue","metric":"amount:deal","window":{"period":"2026-Q4"},"scope":"team"}],
"contests":[{"id":"december","name":"December dash","metric":"count:deal","from":"2026-12-01","to":"2026-12-31",
"currency":"USD","prizes":[{"place":1,"amount":"500.00"},{"place":2,"amount":"300.00"},{"place":3,"amount":"200.00"}]}]}"#;

/// The sample company as a workspace (deterministic: the same text on every build).
pub fn sample_workspace() -> WorkspaceDto {
    let s = spm_sample::generate();
    let mut people: Vec<PayeeDto> = serde_json::from_str(&s.payees).unwrap_or_default();
    if let Some(day) = Date::new(2026, 1, 1) {
        assign_teams(&mut people, day);
    }
    let plans = s
        .plans
        .iter()
        .filter_map(|text| serde_json::from_str::<crate::spec::plan::PlanDto>(text).ok())
        .map(|plan| WorkspacePlanDto {
            id: plan.id.clone(),
            active: 1,
            versions: vec![WorkspacePlanVersionDto {
                version: 1,
                saved_at: Some(SAVED_AT.into()),
                note: Some("Published for 2026".into()),
                plan,
            }],
        })
        .collect();
    let (mut accounts, territories) = accounts_from_deals(&people, &s.transactions_csv).unwrap_or_default();
    place(&people, &mut accounts);
    WorkspaceDto {
        format: FORMAT.into(),
        schema_version: SCHEMA_VERSION,
        name: s.company.clone(),
        people,
        plans,
        activity_csv: spm_sample::activity::activity_csv(&s.transactions_csv, spm_sample::activity::SEED),
        deals_csv: s.transactions_csv,
        events_csv: s.events_csv,
        rates_csv: s.rates_csv,
        accounts,
        territories,
        scoring_definitions: serde_json::from_str(SCORING_DEFINITIONS).ok(),
        settings: WorkspaceSettingsDto {
            currency: Some("USD".into()),
            mappings: Vec::new(),
            import_reports: Vec::new(),
        },
    }
}

/// Places the accounts on a 1,000 × 1,000 km map: each team has a home town (on a circle
/// around the centre), each owner an office within 80 km of it, and each account lies within 60
/// km of its owner's office (km to one decimal). Accounts without an owner are scattered.
fn place(people: &[PayeeDto], accounts: &mut [super::WorkspaceAccountDto]) {
    const TOWNS: [(i64, i64); 8] =
        [(500, 150), (800, 250), (850, 550), (650, 850), (350, 850), (150, 550), (200, 250), (500, 500)];
    let mut rng = Rng(MAP_SEED);
    let mut teams: BTreeMap<&str, (i64, i64)> = BTreeMap::new();
    let mut offices: BTreeMap<&str, (i64, i64)> = BTreeMap::new();
    for p in people {
        let n = teams.len();
        let town = *teams
            .entry(p.team.as_deref().unwrap_or(""))
            .or_insert_with(|| TOWNS.get(n % TOWNS.len()).copied().unwrap_or((500, 500)));
        let dx = i64::try_from(rng.below(1_601)).unwrap_or(0) - 800;
        let dy = i64::try_from(rng.below(1_601)).unwrap_or(0) - 800;
        offices.insert(p.id.as_str(), (town.0 * 10 + dx, town.1 * 10 + dy));
    }
    for a in accounts.iter_mut() {
        let home = a.owner_id.as_deref().and_then(|o| offices.get(o).copied());
        let (x, y) = match home {
            Some((x, y)) => {
                let dx = i64::try_from(rng.below(1_201)).unwrap_or(0) - 600;
                let dy = i64::try_from(rng.below(1_201)).unwrap_or(0) - 600;
                (x + dx, y + dy)
            }
            None => (i64::try_from(rng.below(10_001)).unwrap_or(0), i64::try_from(rng.below(10_001)).unwrap_or(0)),
        };
        let km = |v: i64| Dec::Ok(Decimal::new(v.clamp(0, 10_000), 1));
        a.location = Some(PointDto { x: km(x), y: km(y) });
    }
}
