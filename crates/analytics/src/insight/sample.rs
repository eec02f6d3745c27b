//! A realistic opportunity set for the sample company (`sample::generate`): its 42 reps
//! (`r001`–`r042`) in six teams (`m01`–`m06`, their managers), a year of deals up to
//! 2026-09-30 through four stages, each rep with their own strengths (win rate, deal size,
//! speed, activity), open deals with and without next steps, some past due or stalled, and notes
//! whose tone follows the deal. Generated from a seed with SplitMix64 (integers only), so the
//! same seed gives the same text everywhere.

use crate::insight::dto::{DealStatusDto, NoteDto, OpportunityDto, OpportunitySetDto, StageChangeDto};
use rust_decimal::Decimal;
use spm_base::dec::Dec;
use spm_base::period::Date;
use spm_base::rng::Rng;

/// The sample's stages.
pub const STAGES: [&str; 4] = ["Prospecting", "Discovery", "Proposal", "Negotiation"];
/// The sample's `asOf`.
pub const AS_OF: (i32, u8, u8) = (2026, 9, 30);

const BASE_CONVERSION: [u64; 4] = [76, 68, 70, 78];
const BASE_DAYS: [u64; 4] = [12, 22, 27, 18];

const POSITIVE: [&str; 12] = [
    "Great demo, the team was very engaged.",
    "Champion confirmed budget and is keen to move forward.",
    "Customer loved the analytics module!",
    "Really productive call; they agreed on the rollout plan.",
    "Procurement approved the terms, verbal commit from the VP.",
    "Strong interest from finance, the ROI case is compelling.",
    "They are happy with the pilot and want to expand.",
    "Legal review went well, no issues found.",
    "Excellent meeting with clear next steps.",
    "The CFO is impressed with the savings.",
    "Security review passed without problems, very smooth.",
    "Buyer says we are the best fit by far.",
];
const NEUTRAL: [&str; 8] = [
    "Sent the proposal and pricing sheet.",
    "Call scheduled for next Tuesday with IT.",
    "Shared the security questionnaire.",
    "Left a voicemail for the buyer.",
    "Walked through the contract structure.",
    "Meeting notes shared with the account team.",
    "Asked for the list of integrations they use.",
    "Introduced our solutions engineer.",
];
const NEGATIVE: [&str; 12] = [
    "Budget is frozen until next quarter.",
    "Pricing is too expensive for them, they want a discount.",
    "Champion left the company, deal at risk.",
    "No response to the last three emails.",
    "They are not happy with the implementation timeline.",
    "Competitor is cheaper and the CFO is skeptical.",
    "Project is on hold after budget cuts.",
    "Demo was good but the integration concerns are serious.",
    "Very frustrated with the delays on our side.",
    "Decision pushed back again, not a priority this year.",
    "Legal raised several objections about liability.",
    "The buyer went dark after the pricing call.",
];
const NEXT_STEPS: [&str; 6] = [
    "Send proposal",
    "Pricing call with the CFO",
    "Security review",
    "Demo for the wider team",
    "Contract redlines",
    "Reference call",
];

fn pick<'a>(rng: &mut Rng, items: &[&'a str]) -> &'a str {
    items.get(usize::try_from(rng.below(items.len() as u64)).unwrap_or(0)).copied().unwrap_or("")
}

/// A rep's strengths, in percent of the company's norm.
struct Profile {
    conversion: u64,
    size: u64,
    speed: u64,
    activity: u64,
}

/// The sample opportunity set for `seed`.
pub fn sample(seed: u64) -> OpportunitySetDto {
    let mut rng = Rng(seed ^ 0x1A5E_6D0C_3B21_F00D);
    let start = Date::new(2025, 10, 1);
    let as_of = Date::new(AS_OF.0, AS_OF.1, AS_OF.2);
    let hire41 = Date::new(2026, 4, 16);
    let (Some(start), Some(as_of), Some(hire41)) = (start, as_of, hire41) else {
        return OpportunitySetDto { schema_version: Some(1), stages: None, deals: Vec::new() };
    };
    let mut deals = Vec::new();
    for r in 1..=42u64 {
        let p = Profile {
            conversion: 80 + rng.below(36),
            size: 60 + rng.below(101),
            speed: 70 + rng.below(81),
            activity: 55 + rng.below(91),
        };
        let from = if r == 41 { hire41 } else { start };
        let span = u64::try_from(from.days_until(as_of)).unwrap_or(1).saturating_sub(5).max(1);
        let count = if r == 41 { 20 + rng.below(8) } else { 40 + rng.below(25) };
        for k in 0..count {
            let created = from.add_days(i64::try_from(rng.below(span)).unwrap_or(0)).unwrap_or(from);
            deals.push(deal(&mut rng, &p, r, k, created, as_of));
        }
    }
    // Oldest first, as a CRM export would list them (ties by id: the order they were made).
    deals.sort_by(|a, b| a.created.cmp(&b.created).then(a.id.cmp(&b.id)));
    OpportunitySetDto {
        schema_version: Some(1),
        stages: Some(STAGES.iter().map(|s| (*s).to_string()).collect()),
        deals,
    }
}

/// The sample as JSON text.
pub fn sample_json(seed: u64) -> String {
    serde_json::to_string(&sample(seed)).unwrap_or_default()
}

fn deal(rng: &mut Rng, p: &Profile, rep: u64, k: u64, created: Date, as_of: Date) -> OpportunityDto {
    let base = 20_000 + rng.below(180_001);
    let amount = (base * p.size / 100) / 500 * 500;
    let mut history = vec![(0usize, created)];
    let mut day = created;
    let mut status = DealStatusDto::Open;
    let mut close = None;
    for (i, (conv, days)) in BASE_CONVERSION.iter().zip(BASE_DAYS).enumerate() {
        let mut stay = (days * p.speed / 100 * (50 + rng.below(101)) / 100).max(1);
        // One stay in ten drags on: the stalled and aged deals of a real pipeline.
        if rng.below(10) == 0 {
            stay *= 4;
        }
        let next = day.add_days(i64::try_from(stay).unwrap_or(1)).unwrap_or(day);
        if next > as_of {
            break;
        }
        let chance = (conv * p.conversion / 100).min(95);
        if rng.below(100) >= chance {
            status = DealStatusDto::Lost;
            close = Some(next);
            break;
        }
        if i + 1 == STAGES.len() {
            status = DealStatusDto::Won;
            close = Some(next);
            break;
        }
        history.push((i + 1, next));
        day = next;
    }
    let reached = history.len() as u64;
    let close = match close {
        Some(c) => c,
        None => {
            // Expected close: the stages still to go at the usual pace; one in eight slipped.
            if rng.below(8) == 0 {
                as_of.add_days(-1 - i64::try_from(rng.below(20)).unwrap_or(0)).unwrap_or(as_of).max(created)
            } else {
                let left: u64 = BASE_DAYS.iter().skip(history.len()).sum::<u64>() + 5 + rng.below(40);
                as_of.add_days(i64::try_from(left).unwrap_or(30)).unwrap_or(as_of)
            }
        }
    };
    let activity = ((2 + 2 * reached + rng.below(5)) * p.activity / 100).max(1);
    let idle = history.last().map_or(0, |(_, d)| d.days_until(as_of));
    let next_step = (status == DealStatusDto::Open && rng.below(5) != 0).then(|| pick(rng, &NEXT_STEPS).to_string());
    // Tone: percent chance of (positive, negative); the rest neutral.
    let (pos, neg) = match status {
        DealStatusDto::Won => (70, 10),
        DealStatusDto::Lost => (15, 60),
        DealStatusDto::Open if idle > 30 => (20, 50),
        DealStatusDto::Open => (45, 25),
    };
    let mut notes = Vec::new();
    for _ in 0..rng.below(4) {
        let (_, at) = history.get(usize::try_from(rng.below(reached)).unwrap_or(0)).copied().unwrap_or((0, created));
        let day = at.add_days(i64::try_from(rng.below(5)).unwrap_or(0)).unwrap_or(at).min(close.min(as_of));
        let roll = rng.below(100);
        let text = if roll < pos {
            pick(rng, &POSITIVE)
        } else if roll < pos + neg {
            pick(rng, &NEGATIVE)
        } else {
            pick(rng, &NEUTRAL)
        };
        notes.push(NoteDto { date: day.max(at).to_string(), text: text.to_string() });
    }
    notes.sort_by(|a, b| a.date.cmp(&b.date));
    OpportunityDto {
        id: format!("O-{rep:03}-{k:03}"),
        payee_id: format!("r{rep:03}"),
        team: Some(format!("m{:02}", (rep - 1) / 7 + 1)),
        name: Some(format!("Opportunity {rep}-{k}")),
        amount: Dec::Ok(Decimal::new(i64::try_from(amount).unwrap_or(0) * 100, 2)),
        created: created.to_string(),
        close_date: close.to_string(),
        status,
        stage_history: history
            .iter()
            .map(|(s, d)| StageChangeDto {
                stage: STAGES.get(*s).copied().unwrap_or("").to_string(),
                date: d.to_string(),
            })
            .collect(),
        activity_count: Some(u32::try_from(activity).unwrap_or(0)),
        activities: None,
        next_step,
        notes: (!notes.is_empty()).then_some(notes),
    }
}
