//! How the simulated cost moves when one plan parameter moves (a tornado chart's data): each
//! parameter, named by its plan JSON path or found automatically (every non-zero decimal of the
//! components except tier ends and weights), is lowered and raised by a declared step (±10% by
//! default), the plan compiled again and the same trials rerun with the same draws (common
//! random numbers), so the differences are the parameter's effect and not noise.

use super::setup::{self, MAX_TRIALS};
use super::{report, Runner};
use crate::simulate::dto::{
    SensitivityDto, SensitivityOptionsDto, SensitivityParamDto, SensitivityRunDto, SimulationOptionsDto,
};
use rust_decimal::Decimal;
use serde_json::Value;
use spm_base::error::{Code, Diagnostic, Error, Result};
use spm_base::quantile::nearest_rank;
use spm_core::data::Dataset;
use spm_plan::CompiledPlan;

/// The cost's sensitivity to each parameter of the plan (`plan_json`), with the simulation's
/// options (reps, distributions, seed) and the sensitivity's own (`paths`, `step`, `trials`).
/// `compile` turns a plan document into a compiled plan (`spm_wire::api::compile_plan`): each
/// moved parameter is a new plan document, and reading plans is the wire format's job.
///
/// # Errors
/// The plan's and the options' errors, located (`paths[2]` for a path that names no decimal).
pub fn sensitivity(
    plan_json: &str,
    compile: &dyn Fn(&str) -> Result<CompiledPlan>,
    data: &Dataset,
    sim: &SimulationOptionsDto,
    o: &SensitivityOptionsDto,
) -> Result<SensitivityDto> {
    let base = compile(plan_json)?;
    let model = setup::model(&base, data, sim)?;
    let mut diags = Vec::new();
    if o.schema_version.is_some_and(|v| v != 1) {
        diags.push(Diagnostic::error(
            "schemaVersion",
            Code::SchemaVersion,
            "only schema version 1 exists",
            "write \"schemaVersion\": 1",
        ));
    }
    let trials = o.trials.unwrap_or(model.trials);
    if trials == 0 || trials > MAX_TRIALS {
        diags.push(Diagnostic::error(
            "trials",
            Code::LimitExceeded,
            format!("{trials} trials"),
            "ask for 1 to 1000000",
        ));
    }
    let step = match &o.step {
        Some(d) => d.get("step", &mut diags),
        None => Some(Decimal::new(1, 1)),
    };
    if step.is_some_and(|s| s <= Decimal::ZERO || s > Decimal::ONE) {
        diags.push(Diagnostic::error("step", Code::OutOfRange, "a step outside (0, 1]", "use \"0.1\" for ±10%"));
    }
    let doc: Value = spm_base::json::from_str(plan_json, "the plan")?;
    let paths: Vec<(String, Decimal)> = match &o.paths {
        Some(list) => list
            .iter()
            .enumerate()
            .filter_map(|(i, p)| match get(&doc, p) {
                Some(v) => Some((p.clone(), v)),
                None => {
                    diags.push(Diagnostic::error(
                        format!("paths[{i}]"),
                        Code::UnknownReference,
                        format!("{p:?} names no decimal of the plan"),
                        "write a path such as components[0].rateTable.tiers[1].rate",
                    ));
                    None
                }
            })
            .collect(),
        None => {
            let mut out = Vec::new();
            if let Some(Value::Array(comps)) = doc.get("components") {
                for (i, c) in comps.iter().enumerate() {
                    collect(c, &format!("components[{i}]"), &mut out);
                }
            }
            out
        }
    };
    let (Some(step), true) = (step, diags.is_empty()) else {
        return Err(Error::from_diagnostics(diags));
    };
    let head = base.plan.head().ok_or_else(|| Error::new(Code::Internal, "a plan set without versions"))?;
    let minor = head.currency.minor_units();
    let stats = |totals: &[i64]| -> (i64, i128) {
        let mut v = totals.to_vec();
        v.sort_unstable();
        (nearest_rank(&v, 50), v.iter().map(|x| i128::from(*x)).sum::<i128>())
    };
    let (base_p50, base_sum) = stats(&Runner::new(&base, data, &model)?.totals(trials));
    let mut parameters = Vec::with_capacity(paths.len());
    for (path, value) in paths {
        let mut runs = [None, None];
        let mut error = None;
        let factors = [spm_base::money::sub(Decimal::ONE, step)?, spm_base::money::add(Decimal::ONE, step)?];
        for (slot, factor) in runs.iter_mut().zip(factors) {
            let moved = spm_base::money::mul(value, factor)?.normalize();
            let outcome = moved_plan(&doc, &path, moved, compile)
                .and_then(|p| Runner::new(&p, data, &model))
                .map(|r| stats(&r.totals(trials)));
            match outcome {
                Ok((p50, sum)) => {
                    *slot = Some(SensitivityRunDto {
                        value: moved.to_string(),
                        p50: report::amt(p50, minor),
                        mean: report::mean(sum, trials, minor),
                        delta_p50: report::amt(p50 - base_p50, minor),
                        delta_mean: report::mean(sum - base_sum, trials, minor),
                    });
                }
                Err(e) => error = Some(e.message),
            }
        }
        let [low, high] = runs;
        let dm = |r: &Option<SensitivityRunDto>| r.as_ref().and_then(|r| r.delta_mean.parse::<Decimal>().ok());
        let swing = spm_base::money::sub(dm(&high).unwrap_or_default(), dm(&low).unwrap_or_default())?.abs();
        parameters.push((
            swing,
            SensitivityParamDto {
                path,
                value: value.normalize().to_string(),
                low,
                high,
                swing: spm_core::payout::explain::scaled(swing, minor),
                error,
            },
        ));
    }
    parameters.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.path.cmp(&b.1.path)));
    Ok(SensitivityDto {
        schema_version: 1,
        currency: head.currency.code().to_string(),
        step: spm_base::fmt::ratio(step),
        trials,
        base_p50: report::amt(base_p50, minor),
        base_mean: report::mean(base_sum, trials, minor),
        parameters: parameters.into_iter().map(|p| p.1).collect(),
    })
}

/// The plan with the decimal at `path` set to `value` (a tier's `from` moves the tier before's
/// `to` with it, and the other way round), compiled.
fn moved_plan(
    doc: &Value,
    path: &str,
    value: Decimal,
    compile: &dyn Fn(&str) -> Result<CompiledPlan>,
) -> Result<CompiledPlan> {
    let mut d = doc.clone();
    let text = Value::String(value.to_string());
    for p in std::iter::once(path.to_string()).chain(linked(path)) {
        if let Some(slot) = locate(&mut d, &p) {
            *slot = text.clone();
        }
    }
    let json = serde_json::to_string(&d).map_err(|e| Error::new(Code::Internal, e.to_string()))?;
    compile(&json)
}

/// The other end of a tier bound: `…tiers[j].from` ↔ `…tiers[j-1].to`.
fn linked(path: &str) -> Option<String> {
    let (head, last) = path.rsplit_once('.')?;
    let (tiers, index) = head.strip_suffix(']')?.rsplit_once('[')?;
    let j: usize = index.parse().ok()?;
    if !tiers.ends_with("tiers") {
        return None;
    }
    match last {
        "from" if j > 0 => Some(format!("{tiers}[{}].to", j - 1)),
        "to" => Some(format!("{tiers}[{}].from", j + 1)),
        _ => None,
    }
}

/// Path segments: `a.b[0].c[new-business]` → a, b, [0], c, [new-business].
fn segments(path: &str) -> Vec<(bool, &str)> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let mut rest = part;
        if let Some(i) = rest.find('[') {
            if i > 0 {
                out.push((false, rest.get(..i).unwrap_or("")));
            }
            rest = rest.get(i..).unwrap_or("");
            while let Some(r) = rest.strip_prefix('[') {
                let Some(end) = r.find(']') else { break };
                out.push((true, r.get(..end).unwrap_or("")));
                rest = r.get(end + 1..).unwrap_or("");
            }
        } else {
            out.push((false, rest));
        }
    }
    out
}

/// The value at a path; an array item is named by its index or by its `id`.
fn locate<'v>(v: &'v mut Value, path: &str) -> Option<&'v mut Value> {
    let mut cur = v;
    for (index, s) in segments(path) {
        cur = if index {
            let arr = cur.as_array_mut()?;
            match s.parse::<usize>() {
                Ok(i) => arr.get_mut(i)?,
                Err(_) => arr.iter_mut().find(|x| x.get("id").and_then(Value::as_str) == Some(s))?,
            }
        } else {
            cur.as_object_mut()?.get_mut(s)?
        };
    }
    Some(cur)
}

/// The decimal at a path.
fn get(doc: &Value, path: &str) -> Option<Decimal> {
    let mut d = doc.clone();
    locate(&mut d, path)?.as_str().and_then(spm_base::dec::parse_decimal)
}

/// Every non-zero decimal string under `v` (tier `to`s, which move with the next `from`, and
/// weights, which must sum to 1, left out).
fn collect(v: &Value, path: &str, out: &mut Vec<(String, Decimal)>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                if k != "to" && k != "weight" {
                    collect(x, &format!("{path}.{k}"), out);
                }
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                collect(x, &format!("{path}[{i}]"), out);
            }
        }
        Value::String(s) => {
            if let Some(d) = spm_base::dec::parse_decimal(s).filter(|d| !d.is_zero()) {
                out.push((path.to_string(), d));
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_name_values_by_index_or_id() {
        let mut doc: Value = serde_json::from_str(
            r#"{"components":[{"id":"a","rateTable":{"tiers":[{"from":"0","to":"1","rate":"0.02"},{"from":"1","to":null,"rate":"0.05"}]}}]}"#,
        )
        .unwrap();
        assert_eq!(get(&doc, "components[0].rateTable.tiers[1].rate"), Some(Decimal::new(5, 2)));
        assert_eq!(get(&doc, "components[a].rateTable.tiers[0].rate"), Some(Decimal::new(2, 2)));
        assert_eq!(get(&doc, "components[b].rateTable.tiers[0].rate"), None);
        assert_eq!(
            linked("components[0].rateTable.tiers[1].from").as_deref(),
            Some("components[0].rateTable.tiers[0].to")
        );
        assert!(locate(&mut doc, "components[0].nothing").is_none());
        let mut out = Vec::new();
        collect(&doc["components"][0], "components[0]", &mut out);
        let names: Vec<&str> = out.iter().map(|p| p.0.as_str()).collect();
        // The first tier's from is 0 and the tos move with the froms.
        assert_eq!(
            names,
            [
                "components[0].rateTable.tiers[0].rate",
                "components[0].rateTable.tiers[1].from",
                "components[0].rateTable.tiers[1].rate"
            ]
        );
    }
}
