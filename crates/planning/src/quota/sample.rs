//! A realistic quota plan for the sample company (Northwind Analytics): the company, two regions
//! (ids `d01`, `d02` as the sample's directors), six teams (`m01`–`m06`, the managers) and 42 reps
//! (`r001`–`r042`, seven a team, named as in `sample::generate`), with three years of history,
//! account potential, over-assignment of 5–10% per level, a monthly seasonality profile, and
//! `r041` hired on 2026-04-16 with a three-month ramp. Generated from a fixed seed.

use crate::quota::dto::{
    HistoryBlendDto, HistoryPointDto, LevelOverAssignmentDto, QuotaBottomUpDto, QuotaMethodDto, QuotaNodeInputDto,
    QuotaPlanInputDto, QuotaSplitDto, SeasonalityDto,
};
use rust_decimal::Decimal;
use spm_base::dec::Dec;
use spm_base::rng::Rng;

/// The sample company's people are named by the same rule as in `spm_sample::generate`.
fn person(i: usize) -> String {
    spm_sample::person_name(i)
}

fn dec(s: &str) -> Dec {
    spm_base::dec::parse_decimal(s).map_or_else(|| Dec::Invalid(s.to_string()), Dec::Ok)
}

fn thousands(k: u64) -> Dec {
    Dec::Ok(Decimal::new(i64::try_from(k).unwrap_or(0).saturating_mul(100_000), 2))
}

/// The sample quota plan as a DTO.
pub(crate) fn sample_dto() -> QuotaPlanInputDto {
    let mut rng = Rng(20_260_707);
    let mut nodes = vec![QuotaNodeInputDto {
        id: "company".into(),
        name: "Northwind Analytics".into(),
        ..QuotaNodeInputDto::default()
    }];
    for (d, region) in ["Americas", "International"].iter().enumerate() {
        nodes.push(QuotaNodeInputDto {
            id: format!("d{:02}", d + 1),
            name: format!("{region} ({})", person(44 + d)),
            parent: Some("company".into()),
            ..QuotaNodeInputDto::default()
        });
    }
    for m in 0..6 {
        let europe = m == 5;
        nodes.push(QuotaNodeInputDto {
            id: format!("m{:02}", m + 1),
            name: if europe { format!("Europe ({})", person(46 + m)) } else { format!("Team {}", person(46 + m)) },
            parent: Some(format!("d{:02}", m / 3 + 1)),
            // The European team pads more: its pipeline converts later in the year.
            over_assignment: europe.then(|| dec("0.08")),
            ..QuotaNodeInputDto::default()
        });
    }
    for r in 0..42usize {
        // Three years of bookings around 1.6–2.4 million with a drift; potential 5–9 million.
        let base = 1_600 + 25 * rng.below(33);
        let drift = rng.below(200);
        let history = (0..3u64)
            .map(|k| HistoryPointDto {
                period: format!("{}", 2023 + k),
                amount: thousands((base + drift * k).saturating_sub(100) + rng.below(200)),
            })
            .collect();
        let potential = thousands(5_000 + 100 * rng.below(41));
        let hired = r == 40;
        nodes.push(QuotaNodeInputDto {
            id: format!("r{:03}", r + 1),
            name: person(r),
            parent: Some(format!("m{:02}", r / 7 + 1)),
            potential: Some(potential),
            history: Some(history),
            hire_date: hired.then(|| "2026-04-16".to_string()),
            ..QuotaNodeInputDto::default()
        });
    }
    QuotaPlanInputDto {
        schema_version: Some(1),
        currency: "USD".into(),
        year: 2026,
        target: dec("90000000.00"),
        rounding: None,
        over_assignment: Some(LevelOverAssignmentDto {
            company: Some(dec("0.05")),
            region: Some(dec("0.10")),
            team: Some(dec("0.05")),
        }),
        ramp: Some(vec![dec("0.25"), dec("0.5"), dec("0.75")]),
        method: QuotaMethodDto {
            split: QuotaSplitDto::History,
            bottom_up: Some(QuotaBottomUpDto::Potential),
            potential_rate: Some(dec("0.3")),
            history: Some(HistoryBlendDto {
                weights: vec![dec("0.5"), dec("0.3"), dec("0.2")],
                growth: Some(dec("0.10")),
                attrition: Some(dec("0.03")),
            }),
            capacity: None,
        },
        seasonality: Some(SeasonalityDto {
            profile: Some(
                ["0.06", "0.07", "0.10", "0.07", "0.08", "0.10", "0.06", "0.06", "0.10", "0.08", "0.09", "0.13"]
                    .into_iter()
                    .map(dec)
                    .collect(),
            ),
            history: None,
        }),
        nodes,
    }
}

/// The sample quota plan as JSON text (pretty-printed), for `quotaSample()` and the docs.
pub fn sample_input() -> String {
    serde_json::to_string_pretty(&sample_dto()).unwrap_or_default()
}
