//! A series forecast written in the wire format: values rounded at the declared places (amounts
//! 2, sMAPE 4, ratios and parameters 6, AICc 2), and the sentences that explain each forecast.

use super::check::{Choice, Node, Problem};
use super::ets::{ErrorKind, Model, SeasonKind, TrendKind};
use super::fit::Fit;
use super::intervals::Method;
use super::series::{Outcome, PERIOD};
use super::text::{cents, fixed, money, num, percent};
use crate::forecast::dto::{
    AccuracyDto, CandidateDto, ForecastPointDto, IntervalDto, MethodAccuracyDto, MonthAmountDto, ParametersDto,
    SeasonalityTestDto, SeriesForecastDto,
};
use rust_decimal::Decimal;
use spm_base::error::Result;
use spm_base::float::to_f64;
use spm_base::period::Month;

/// One series' part of the result. `bottom_up` is the exact sum of the children's bottom-up
/// forecasts in cents (for a series with children).
pub fn series(p: &Problem, i: usize, out: &Outcome, bottom_up: Option<&[Decimal]>) -> Result<SeriesForecastDto> {
    let node = &p.nodes[i];
    let next = node.start.plus(node.values.len() as i64);
    let amount = |x: f64| fixed(x, 2);
    let forecast = (0..out.mean.len())
        .map(|k| {
            let intervals = out
                .bands
                .iter()
                .zip(&p.levels)
                .map(|(b, (label, _))| {
                    Ok(IntervalDto { level: label.clone(), lower: amount(b.lower[k])?, upper: amount(b.upper[k])? })
                })
                .collect::<Result<Vec<_>>>()?;
            Ok(ForecastPointDto { month: next.plus(k as i64).to_string(), mean: amount(out.mean[k])?, intervals })
        })
        .collect::<Result<Vec<_>>>()?;
    let bottom = bottom_up.map(|b| {
        b.iter()
            .enumerate()
            .map(|(k, v)| MonthAmountDto { month: next.plus(k as i64).to_string(), mean: cents(*v) })
            .collect::<Vec<_>>()
    });
    let fit = out.fit.as_ref();
    Ok(SeriesForecastDto {
        id: node.id.clone(),
        name: node.name.clone(),
        level: node.level,
        parent: node.parent.map(|q| p.nodes[q].id.clone()),
        children: node.children.iter().map(|&c| p.nodes[c].id.clone()).collect(),
        start: node.start.to_string(),
        history: node.exact.iter().map(|x| cents(*x)).collect(),
        model: fit.map(|f| f.model.name()).unwrap_or_else(|| "Naive".to_string()),
        aicc: fit.map(|f| fixed(f.aicc, 2)).transpose()?,
        parameters: fit.map(parameters).transpose()?,
        seasonality: out
            .test
            .map(|t| {
                Ok::<_, spm_base::error::Error>(SeasonalityTestDto {
                    acf: fixed(t.acf, 6)?,
                    limit: fixed(t.limit, 6)?,
                    seasonal: t.seasonal,
                })
            })
            .transpose()?,
        candidates: out
            .ranking
            .iter()
            .map(|(m, a)| Ok(CandidateDto { model: m.name(), aicc: fixed(*a, 2)? }))
            .collect::<Result<Vec<_>>>()?,
        interval_method: match out.method {
            Method::Analytic => "analytic".to_string(),
            Method::Approximate => "approximate".to_string(),
            Method::Simulated(_) => "simulated".to_string(),
        },
        fitted: out.fitted.iter().map(|x| amount(*x)).collect::<Result<Vec<_>>>()?,
        forecast,
        bottom_up: bottom,
        accuracy: out
            .accuracy
            .as_ref()
            .map(|a| {
                Ok::<_, spm_base::error::Error>(AccuracyDto {
                    origins: a.origins as u32,
                    horizon: a.horizon as u32,
                    first_origin: node.start.plus(a.first as i64).to_string(),
                    methods: a
                        .methods
                        .iter()
                        .map(|(name, s, m)| {
                            Ok(MethodAccuracyDto {
                                method: name.clone(),
                                smape: fixed(*s, 4)?,
                                mase: m.map(|v| fixed(v, 6)).transpose()?,
                            })
                        })
                        .collect::<Result<Vec<_>>>()?,
                })
            })
            .transpose()?,
        explanation: explain(p, node, out, next, bottom_up),
    })
}

fn parameters(f: &Fit) -> Result<ParametersDto> {
    let m = f.model;
    Ok(ParametersDto {
        alpha: fixed(f.params.alpha, 6)?,
        beta: m.trended().then(|| fixed(f.params.beta, 6)).transpose()?,
        gamma: m.seasonal().then(|| fixed(f.params.gamma, 6)).transpose()?,
        phi: (m.trend == TrendKind::Damped).then(|| fixed(f.params.phi, 6)).transpose()?,
    })
}

/// The model in words: "additive errors, a damped trend and multiplicative seasonality".
pub fn describe(m: Model) -> String {
    let e = match m.error {
        ErrorKind::Additive => "additive errors",
        ErrorKind::Multiplicative => "multiplicative errors",
    };
    let t = match m.trend {
        TrendKind::None => "no trend",
        TrendKind::Additive => "a linear trend",
        TrendKind::Damped => "a damped trend",
    };
    let s = match m.season {
        SeasonKind::None => "no seasonality",
        SeasonKind::Additive => "additive seasonality",
        SeasonKind::Multiplicative => "multiplicative seasonality",
    };
    format!("{e}, {t} and {s}")
}

fn explain(p: &Problem, node: &Node, out: &Outcome, next: Month, bottom_up: Option<&[Decimal]>) -> Vec<String> {
    let mut s = Vec::new();
    let y = &node.values;
    match (&out.fit, p.choice) {
        (None, _) => s.push(format!(
            "With {} months of history no ETS model can be fitted (the simplest needs 5): the forecast repeats the last month, {}.",
            y.len(),
            money(y.last().copied().unwrap_or(0.0))
        )),
        (Some(f), Choice::Fixed(_)) => {
            s.push(format!("{} ({}) as asked; its AICc is {}.", f.model.name(), describe(f.model), money(f.aicc)))
        }
        (Some(f), Choice::Auto) => {
            let runner = out.ranking.get(1).map(|(m, a)| format!(", against {} for {}", money(*a), m.name())).unwrap_or_default();
            s.push(format!(
                "{} ({}) has the lowest AICc of the {} models fitted: {}{runner}.",
                f.model.name(),
                describe(f.model),
                out.ranking.len(),
                money(f.aicc)
            ));
        }
    }
    let seasonal_model = out.fit.as_ref().map(|f| f.model.seasonal());
    match out.test {
        Some(t) => s.push(format!(
            "The autocorrelation at lag 12 is {}, {} the 90% limit of {}: {}.",
            num(t.acf, 2),
            if t.seasonal { "beyond" } else { "within" },
            num(t.limit, 2),
            match (t.seasonal, seasonal_model) {
                (true, Some(false)) =>
                    "the series is seasonal by this test, though AICc preferred a model without a season",
                (true, _) => "the series is seasonal",
                (false, Some(true)) =>
                    "no significant seasonality by this test, though AICc preferred a seasonal model",
                (false, _) => "no significant seasonality",
            }
        )),
        None => s.push("The seasonality test needs 36 months of history and is not run.".to_string()),
    }
    if let Some(f) = &out.fit {
        s.push(state_sentence(f));
    }
    let h = out.mean.len();
    // Totals of the rounded monthly figures, so the sentence adds up with the table.
    let total = rounded_sum(&out.mean);
    let span = format!("{next} to {}", next.plus(h as i64 - 1));
    let before = (y.len() >= h).then(|| rounded_sum(&y[y.len() - h..]));
    s.push(match before {
        Some(b) if b != 0.0 => format!(
            "The next {h} months ({span}) total {}, {} {} than the {h} months before ({}).",
            money(total),
            percent(((total - b) / b).abs()),
            if total >= b { "more" } else { "less" },
            money(b)
        ),
        _ => format!("The next {h} months ({span}) total {}.", money(total)),
    });
    if let (Some(band), Some((label, _))) = (out.bands.first(), p.levels.first()) {
        let pct = label.parse::<f64>().map(|v| percent(v).replace(".0%", "%")).unwrap_or_default();
        s.push(format!(
            "The {pct} interval for {} is {} to {}; {}",
            next,
            money(band.lower[0]),
            money(band.upper[0]),
            match (out.method, &out.fit) {
                (Method::Simulated(n), _) =>
                    format!("intervals are quantiles of {n} simulated futures (seed {}).", p.simulation.seed),
                (Method::Approximate, _) =>
                    "intervals use the small-σ approximation of the forecast variance for multiplicative seasons."
                        .to_string(),
                (Method::Analytic, Some(_)) => "intervals come from the model's exact forecast variance.".to_string(),
                (Method::Analytic, None) =>
                    "intervals are a random walk's, with the history's month-on-month changes.".to_string(),
            }
        ));
    }
    if let Some(b) = bottom_up {
        let sum = to_f64(b.iter().fold(Decimal::ZERO, |a, v| a.checked_add(*v).unwrap_or(a)));
        let diff = if total != 0.0 {
            format!(
                ", {} {} this series' own forecast",
                percent(((sum - total) / total).abs()),
                if sum >= total { "above" } else { "below" }
            )
        } else {
            String::new()
        };
        let kids = match node.children.len() {
            1 => "Its child's forecast adds".to_string(),
            k => format!("Its {k} children's forecasts add"),
        };
        s.push(format!("{kids} up to {} over the same months (bottom-up){diff}.", money(sum)));
    }
    if let Some(a) = &out.accuracy {
        let parts: Vec<String> = a.methods.iter().map(|(m, v, _)| format!("{m} {}%", num(*v, 2))).collect();
        s.push(format!(
            "Back-test over {} origins, {} months ahead each: sMAPE {}.",
            a.origins,
            a.horizon,
            parts.join(", ")
        ));
    } else if p.backtest.is_some() {
        s.push("The series is too short for a back-test with this horizon.".to_string());
    }
    s
}

/// A smoothing parameter for a sentence: three places, or six when it is that small.
fn param(x: f64) -> String {
    num(x, if x < 0.01 { 6 } else { 3 })
}

/// The sum of values rounded to cents, as the table shows them.
fn rounded_sum(v: &[f64]) -> f64 {
    let cents: f64 = v
        .iter()
        .map(|x| fixed(*x, 2).ok().and_then(|s| s.replace('.', "").parse::<f64>().ok()).unwrap_or(0.0))
        .sum::<f64>();
    cents / 100.0
}

/// Where the model stands after the last month.
fn state_sentence(f: &Fit) -> String {
    let m = f.model;
    let mut t = format!("After the last month the level is {}", money(f.last.level));
    if m.seasonal() {
        t.push_str(" (seasonally adjusted)");
    }
    match m.trend {
        TrendKind::None => t.push_str(" with no trend"),
        TrendKind::Additive => t.push_str(&format!(" and the trend {} a month", money(f.last.trend))),
        TrendKind::Damped => t.push_str(&format!(
            " and the trend {} a month, fading by a factor of {} each month",
            money(f.last.trend),
            num(f.params.phi, 2)
        )),
    }
    if m.seasonal() && f.last.season.len() == PERIOD {
        let (lo, hi) =
            f.last.season.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(*v), b.max(*v)));
        match m.season {
            SeasonKind::Multiplicative => {
                t.push_str(&format!("; months run from {} to {} of the level", percent(lo), percent(hi)))
            }
            _ => t.push_str(&format!("; months run from {} to {} around it", money(lo), money(hi))),
        }
    }
    t.push_str(&format!(
        " (smoothing α = {}{}{}).",
        param(f.params.alpha),
        if m.trended() { format!(", β = {}", param(f.params.beta)) } else { String::new() },
        if m.seasonal() { format!(", γ = {}", param(f.params.gamma)) } else { String::new() }
    ));
    t
}
