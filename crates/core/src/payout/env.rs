//! The formula environment of one payee, period and window: measure names read the window's
//! value, `measure`, `quota` and `attainment` calls take a measure id and a scope, and any other
//! name is one of the payee's inputs.

use super::run::{PayeeCtx, Window};
use spm_base::money::div;
use spm_base::period::Period;
use spm_plan::formula::{Env, Value};
use spm_plan::Plan;
use std::cell::Cell;

/// The formula environment of one payee, period and window.
pub struct FormulaEnv<'a, 'b> {
    /// The payee.
    pub ctx: &'b PayeeCtx<'a>,
    /// The plan version.
    pub plan: &'b Plan,
    /// The period.
    pub period: Period,
    /// The window bare measure names read.
    pub window: Window,
    /// Nesting of measure formulas.
    pub depth: Cell<u8>,
    /// The first engine error met while evaluating.
    pub error: Cell<Option<String>>,
}

impl Env for FormulaEnv<'_, '_> {
    fn var(&self, name: &str) -> Option<Value> {
        if let Some(m) = self.plan.measure_index(name) {
            return self
                .ctx
                .window_value(self.plan, m, self.window, self.period, self.depth.get())
                .ok()
                .map(Value::Decimal);
        }
        self.ctx.p.input(name, &self.period.label()).map(Value::Decimal)
    }

    fn call(&self, name: &str, args: &[Value]) -> std::result::Result<Option<Value>, String> {
        let (Some(Value::Str(m)), rest) = (args.first(), args.get(1..).unwrap_or(&[])) else {
            return Err(format!("{name} needs a measure id in quotes as its first argument"));
        };
        let window = match rest.first() {
            None => Window::Period,
            Some(Value::Str(s)) => {
                Window::parse(s).ok_or_else(|| format!("{s:?} is not a scope: use period, qtd, ytd or year"))?
            }
            Some(_) => return Err("the scope must be a string: \"period\", \"qtd\", \"ytd\" or \"year\"".into()),
        };
        let idx = self.plan.measure_index(m).ok_or_else(|| format!("there is no measure {m:?}"))?;
        let depth = self.depth.get();
        let value = || self.ctx.window_value(self.plan, idx, window, self.period, depth).map_err(|e| e.message);
        let quota = || {
            let comp = self.plan.components.iter().find(|c| c.id == *m);
            self.ctx.window_quota(self.plan, comp, m, window, self.period).map_err(|e| e.message)
        };
        match name {
            "measure" => Ok(Some(Value::Decimal(value()?))),
            "quota" => {
                Ok(Some(Value::Decimal(quota()?.ok_or_else(|| format!("{} has no quota for {m:?}", self.ctx.p.id))?)))
            }
            "attainment" => {
                let q = quota()?.ok_or_else(|| format!("{} has no quota for {m:?}", self.ctx.p.id))?;
                if q.is_zero() {
                    return Err(format!("{} has a zero quota for {m:?} in this window", self.ctx.p.id));
                }
                Ok(Some(Value::Decimal(div(value()?, q).map_err(|e| e.message)?)))
            }
            _ => Ok(None),
        }
    }
}
