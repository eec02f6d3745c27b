//! Payout reports written straight to JSON text: byte for byte what
//! `serde_json::to_string(&report::to_dto(..))` gives, without building the `ReportDto` first.
//!
//! Why: a bulk run's report is mostly small strings. `to_dto` allocates one for every decimal, id,
//! name and date, and serde then copies them all again; for the benchmark company (39,960 summary
//! statements, 43 MB of JSON) that is 3–5× slower than walking the `Report` once and appending to
//! one `String` sized up front, as this does. `spec::report` stays the definition of the format
//! (field order, camelCase names, money through `scaled`, other decimals normalised, attainment to
//! `ATTAINMENT_DP` places, `None` as `null`); the tests here keep the two byte-equal on the sample
//! company, every golden scenario and generated cases. Strings are escaped as serde_json does.

use crate::spec::report::ATTAINMENT_DP;
use rust_decimal::Decimal;
use spm_base::error::{Diagnostic, Severity};
use spm_base::money::{add, round_to, RoundingMode};
use spm_base::period::Date;
use spm_core::data::Dataset;
use spm_core::payout::{ComponentResult, Kind, Report, Statement, Step, StepKind};
use spm_plan::PlanSet;
use std::borrow::Cow;
use std::fmt::Write as _;

/// The report as JSON text, equal to `serde_json::to_string(&to_dto(set, data, report, plan_warnings))`.
pub fn report_json(set: &PlanSet, data: &Dataset, report: &Report, plan_warnings: &[Diagnostic]) -> String {
    let Some(head) = set.head() else {
        // As `to_dto`: no versions, no statements, and no warnings either.
        let mut out = String::with_capacity(192 + set.id.len() + set.name.len());
        out.push_str("{\"schemaVersion\":1,\"planId\":");
        string(&mut out, &set.id);
        out.push_str(",\"planName\":");
        string(&mut out, &set.name);
        out.push_str(concat!(
            ",\"currency\":\"\",\"periods\":[],\"statements\":[],",
            "\"totals\":{\"payout\":\"0\",\"byPeriod\":[],\"byPayee\":[]},\"warnings\":[]}"
        ));
        return out;
    };
    let mut w = Writer {
        out: String::with_capacity(estimate(set, data, report, plan_warnings)),
        set,
        data,
        minor: head.currency.minor_units(),
        currency: head.currency.code(),
    };
    let labels: Vec<String> = report.periods.iter().map(|p| p.label()).collect();
    w.raw("{\"schemaVersion\":1,\"planId\":");
    w.string(&set.id);
    w.raw(",\"planName\":");
    w.string(&set.name);
    w.raw(",\"currency\":");
    w.string(w.currency);
    w.raw(",\"periods\":");
    w.strings(&labels);

    // Totals as `to_dto` adds them: by runs of the same payee, and by the first period whose label
    // is the statement's (found once per period here, not once per statement).
    let first_same: Vec<Option<usize>> = labels.iter().map(|l| labels.iter().position(|x| x == l)).collect();
    let mut by_payee: Vec<(usize, Decimal)> = Vec::new();
    let mut by_period: Vec<Decimal> = vec![Decimal::ZERO; labels.len()];
    w.raw(",\"statements\":[");
    for (i, s) in report.statements.iter().enumerate() {
        w.comma(i);
        let k = report.periods.iter().position(|p| *p == s.period);
        let label = k.and_then(|k| labels.get(k)).map_or_else(|| Cow::Owned(s.period.label()), Cow::from);
        let total_at = match k.and_then(|k| first_same.get(k)) {
            Some(at) => *at,
            None => labels.iter().position(|l| *l == *label),
        };
        w.statement(s, &label);
        match by_payee.last_mut() {
            Some((p, t)) if *p == s.payee => *t = add(*t, s.total).unwrap_or(*t),
            _ => by_payee.push((s.payee, s.total)),
        }
        if let Some(t) = total_at.and_then(|k| by_period.get_mut(k)) {
            *t = add(*t, s.total).unwrap_or(*t);
        }
    }
    w.raw("],\"totals\":{\"payout\":");
    w.money(report.total);
    w.raw(",\"byPeriod\":[");
    for (i, (label, t)) in labels.iter().zip(&by_period).enumerate() {
        w.comma(i);
        w.raw("{\"period\":");
        w.string(label);
        w.raw(",\"payout\":");
        w.money(*t);
        w.raw("}");
    }
    w.raw("],\"byPayee\":[");
    for (i, (p, t)) in by_payee.iter().enumerate() {
        w.comma(i);
        let payee = data.payees.get(*p);
        w.raw("{\"payeeId\":");
        w.string(payee.map_or("", |p| p.id.as_str()));
        w.raw(",\"payeeName\":");
        w.string(payee.map_or("", |p| p.name.as_str()));
        w.raw(",\"payout\":");
        w.money(*t);
        w.raw("}");
    }
    w.raw("]},\"warnings\":[");
    for (i, d) in plan_warnings.iter().chain(&report.warnings).enumerate() {
        w.comma(i);
        w.diagnostic(d);
    }
    w.raw("]}");
    w.out
}

/// Appends `s` as a JSON string literal, escaped as serde_json escapes: `"` and `\` with a
/// backslash, control characters as `\b \t \n \f \r` or `\u00XX` (lowercase hex), everything else
/// (DEL and non-ASCII included) as it is.
fn string(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    // Most strings need no escaping: one pass without branches finds out.
    if !s.bytes().fold(false, |any, b| any | (b < 0x20) | (b == b'"') | (b == b'\\')) {
        out.push_str(s);
        out.push('"');
        return;
    }
    let mut start = 0;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        let short = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\t' => "\\t",
            b'\r' => "\\r",
            0x08 => "\\b",
            0x0c => "\\f",
            0x00..=0x1f => "",
            _ => continue,
        };
        // `i` is at an ASCII byte, so both ends are character boundaries.
        out.push_str(s.get(start..i).unwrap_or(""));
        if short.is_empty() {
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
        } else {
            out.push_str(short);
        }
        start = i + 1;
    }
    out.push_str(s.get(start..).unwrap_or(""));
    out.push('"');
}

/// The output and what every part of it needs.
struct Writer<'a> {
    out: String,
    set: &'a PlanSet,
    data: &'a Dataset,
    /// Minor units of the plan currency: money is shown with at least this many places.
    minor: u32,
    /// Plan currency code.
    currency: &'a str,
}

impl Writer<'_> {
    fn raw(&mut self, s: &str) {
        self.out.push_str(s);
    }

    fn comma(&mut self, i: usize) {
        if i > 0 {
            self.out.push(',');
        }
    }

    fn string(&mut self, s: &str) {
        string(&mut self.out, s);
    }

    fn strings(&mut self, items: &[String]) {
        self.out.push('[');
        for (i, s) in items.iter().enumerate() {
            self.comma(i);
            string(&mut self.out, s);
        }
        self.out.push(']');
    }

    /// An amount as `explain::scaled` shows it: normalised, with at least the currency's places.
    fn money(&mut self, v: Decimal) {
        decimal(&mut self.out, v, self.minor);
    }

    /// A rate, bound or ratio: normalised.
    fn dec(&mut self, v: Decimal) {
        decimal(&mut self.out, v, 0);
    }

    /// A date in quotes, as its `Display` writes it (`{:04}-{:02}-{:02}`).
    fn date(&mut self, d: Date) {
        let (y, m, day) = (d.year(), u32::from(d.month()), u32::from(d.day()));
        match u32::try_from(y) {
            Ok(y) if y <= 9999 && m <= 99 && day <= 99 => {
                let digit = |v: u32, div: u32| char::from(b'0' + (v / div % 10) as u8);
                self.out.extend(['"', digit(y, 1000), digit(y, 100), digit(y, 10), digit(y, 1), '-']);
                self.out.extend([digit(m, 10), digit(m, 1), '-', digit(day, 10), digit(day, 1), '"']);
            }
            // Writing to a String cannot fail.
            _ => {
                let _ = write!(self.out, "\"{d}\"");
            }
        }
    }

    /// A count written bare.
    fn number(&mut self, v: i64) {
        if v < 0 {
            self.out.push('-');
        }
        let mut digits = [0u8; 20];
        ascii(&mut self.out, u64_digits(v.unsigned_abs(), &mut digits));
    }

    fn statement(&mut self, s: &Statement, label: &str) {
        let (set, data) = (self.set, self.data);
        let payee = data.payees.get(s.payee);
        self.raw("{\"payeeId\":");
        self.string(payee.map_or("", |p| p.id.as_str()));
        self.raw(",\"payeeName\":");
        self.string(payee.map_or("", |p| p.name.as_str()));
        self.raw(",\"period\":");
        self.string(label);
        self.raw(",\"periodStart\":");
        self.date(s.start);
        self.raw(",\"periodEnd\":");
        self.date(s.end);
        self.raw(",\"currency\":");
        self.string(self.currency);
        self.raw(",\"total\":");
        self.money(s.total);
        self.raw(",\"parts\":[");
        for (i, p) in s.parts.iter().enumerate() {
            self.comma(i);
            self.raw("{\"version\":");
            self.string(set.versions.get(p.version).map_or("", |v| v.version.as_str()));
            self.raw(",\"from\":");
            self.date(p.from);
            self.raw(",\"to\":");
            self.date(p.to);
            self.raw(",\"days\":");
            self.number(p.days);
            self.raw(",\"periodDays\":");
            self.number(p.period_days);
            self.raw("}");
        }
        self.raw("],\"components\":[");
        for (i, c) in s.components.iter().enumerate() {
            self.comma(i);
            self.component(s, c);
        }
        self.raw("],\"steps\":");
        self.steps(&s.steps);
        self.raw(",\"explanation\":");
        self.strings(&s.explanation);
        self.raw("}");
    }

    fn component(&mut self, s: &Statement, c: &ComponentResult) {
        let (set, data) = (self.set, self.data);
        let plan = s.parts.get(c.part).and_then(|p| set.versions.get(p.version));
        let comp = plan.and_then(|p| p.components.get(c.component));
        self.raw("{\"componentId\":");
        self.string(comp.map_or("", |c| c.id.as_str()));
        self.raw(",\"componentName\":");
        self.string(comp.map_or("", |c| c.name.as_str()));
        self.raw(match c.kind {
            Kind::Commission => ",\"kind\":\"commission\",\"version\":",
            Kind::Bonus => ",\"kind\":\"bonus\",\"version\":",
            Kind::Mbo => ",\"kind\":\"mbo\",\"version\":",
            Kind::Spiff => ",\"kind\":\"spiff\",\"version\":",
        });
        self.string(plan.map_or("", |p| p.version.as_str()));
        self.raw(",\"credit\":");
        self.money(c.credit);
        self.raw(",\"quota\":");
        match c.quota {
            Some(q) => self.money(q),
            None => self.raw("null"),
        }
        self.raw(",\"attainment\":");
        match c.attainment {
            Some(a) => self.dec(round_to(a, ATTAINMENT_DP, RoundingMode::HalfUp)),
            None => self.raw("null"),
        }
        self.raw(",\"base\":");
        self.money(c.base);
        self.raw(",\"earning\":");
        self.money(c.earning);
        self.raw(",\"transactionCount\":");
        self.number(i64::from(u32::try_from(c.count.max(c.lines.len())).unwrap_or(u32::MAX)));
        self.raw(",\"tiers\":[");
        for (i, t) in c.slices.iter().enumerate() {
            self.comma(i);
            self.raw("{\"tier\":");
            self.number(i64::from(u32::try_from(t.slice.tier + 1).unwrap_or(u32::MAX)));
            self.raw(",\"from\":");
            self.dec(t.from);
            self.raw(",\"to\":");
            match t.to {
                Some(to) => self.dec(to),
                None => self.raw("null"),
            }
            self.raw(",\"base\":");
            self.money(t.slice.base);
            self.raw(",\"rate\":");
            self.dec(t.slice.rate);
            self.raw(",\"amount\":");
            self.money(t.slice.amount);
            self.raw("}");
        }
        self.raw("],\"lines\":[");
        for (i, l) in c.lines.iter().enumerate() {
            self.comma(i);
            let t = data.transactions.get(l.transaction);
            self.raw("{\"transactionId\":");
            self.string(t.map_or("", |t| data.id_of(t)));
            self.raw(",\"date\":");
            match t {
                Some(t) => self.date(t.date),
                None => self.raw("\"\""),
            }
            self.raw(",\"credit\":");
            self.money(l.credit);
            self.raw(",\"earning\":");
            self.money(l.earning);
            self.raw("}");
        }
        self.raw("],\"steps\":");
        self.steps(&c.steps);
        self.raw(",\"explanation\":");
        self.strings(&c.explanation);
        self.raw("}");
    }

    fn steps(&mut self, steps: &[Step]) {
        self.out.push('[');
        for (i, s) in steps.iter().enumerate() {
            self.comma(i);
            self.raw(match s.kind {
                StepKind::Gate => "{\"kind\":\"gate\",\"before\":",
                StepKind::Multiplier => "{\"kind\":\"multiplier\",\"before\":",
                StepKind::TrueUp => "{\"kind\":\"trueUp\",\"before\":",
                StepKind::CarryIn => "{\"kind\":\"carryIn\",\"before\":",
                StepKind::Cap => "{\"kind\":\"cap\",\"before\":",
                StepKind::Floor => "{\"kind\":\"floor\",\"before\":",
                StepKind::Rounding => "{\"kind\":\"rounding\",\"before\":",
            });
            self.money(s.before);
            self.raw(",\"after\":");
            self.money(s.after);
            self.raw(",\"text\":");
            self.string(&s.text);
            self.raw("}");
        }
        self.out.push(']');
    }

    fn diagnostic(&mut self, d: &Diagnostic) {
        self.raw("{\"path\":");
        self.string(&d.path);
        self.raw(",\"code\":");
        self.string(d.code.as_str());
        self.raw(match d.severity {
            Severity::Error => ",\"severity\":\"error\",\"message\":",
            Severity::Warning => ",\"severity\":\"warning\",\"message\":",
        });
        self.string(&d.message);
        self.raw(",\"hint\":");
        self.string(&d.hint);
        self.raw("}");
    }
}

/// Appends ASCII bytes (digits, signs, quotes).
fn ascii(out: &mut String, bytes: &[u8]) {
    out.extend(bytes.iter().map(|&b| char::from(b)));
}

/// The decimal digits of `v`, at the end of `buf`.
fn u64_digits(mut v: u64, buf: &mut [u8; 20]) -> &[u8] {
    let mut at = buf.len();
    for slot in buf.iter_mut().rev() {
        *slot = b'0' + (v % 10) as u8;
        at -= 1;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    buf.get(at..).unwrap_or(&[])
}

/// Appends `v` in quotes as `Decimal`'s `Display` writes it after `normalize()` and, when fewer
/// than `min_scale` places remain, `rescale(min_scale)`: `explain::scaled` for money (`min_scale`
/// the currency's minor units), `normalize()` alone for `min_scale` 0.
///
/// Mantissas that fit in 64 bits (every realistic amount) are done here digit by digit; anything
/// larger goes through `Decimal` itself.
fn decimal(out: &mut String, v: Decimal, min_scale: u32) {
    // 2^64 × 10^8 still fits `Decimal`'s 96 bits, so `rescale` would pad exactly.
    let small = u64::try_from(v.mantissa().unsigned_abs()).ok().filter(|_| min_scale <= 8);
    let Some(mut m) = small else {
        let mut x = v.normalize();
        if x.scale() < min_scale {
            x.rescale(min_scale);
        }
        // Writing to a String cannot fail.
        let _ = write!(out, "\"{x}\"");
        return;
    };
    // `normalize` turns every zero, -0 too, into a positive 0 with no places.
    let mut scale = if m == 0 { 0 } else { v.scale() };
    while scale > min_scale && m % 10 == 0 {
        m /= 10;
        scale -= 1;
    }
    let mut buf = [0u8; 20];
    let digits = u64_digits(m, &mut buf);
    let scale = scale as usize;
    out.push('"');
    if m != 0 && v.is_sign_negative() {
        out.push('-');
    }
    match digits.len().checked_sub(scale) {
        Some(whole) if whole > 0 => {
            ascii(out, digits.get(..whole).unwrap_or(&[]));
            if scale > 0 {
                out.push('.');
                ascii(out, digits.get(whole..).unwrap_or(&[]));
            }
        }
        // Only places (and m != 0, since a zero has none): 0.000ddd
        _ => {
            out.push_str("0.");
            out.extend(std::iter::repeat_n('0', scale.saturating_sub(digits.len())));
            ascii(out, digits);
        }
    }
    let pad = (min_scale as usize).saturating_sub(scale);
    if pad > 0 {
        if scale == 0 {
            out.push('.');
        }
        out.extend(std::iter::repeat_n('0', pad));
    }
    out.push('"');
}

/// A close estimate of the text's length (a little over for typical reports), so that the output
/// is allocated once.
fn estimate(set: &PlanSet, data: &Dataset, report: &Report, plan_warnings: &[Diagnostic]) -> usize {
    let texts = |v: &[String]| v.iter().map(|s| s.len() + 3).sum::<usize>();
    let steps = |v: &[Step]| v.iter().map(|s| 72 + s.text.len()).sum::<usize>();
    let mut n = 256 + set.id.len() + set.name.len() + 40 * report.periods.len();
    let mut last = None;
    for s in &report.statements {
        let payee = data.payees.get(s.payee).map_or(0, |p| p.id.len() + p.name.len());
        n += 200 + payee + 88 * s.parts.len() + steps(&s.steps) + texts(&s.explanation);
        if last != Some(s.payee) {
            n += 48 + payee;
            last = Some(s.payee);
        }
        for c in &s.components {
            let plan = s.parts.get(c.part).and_then(|p| set.versions.get(p.version));
            let names = plan.and_then(|p| p.components.get(c.component)).map_or(0, |c| c.id.len() + c.name.len());
            n += 240 + names + 90 * c.slices.len() + steps(&c.steps) + texts(&c.explanation);
            for l in &c.lines {
                n += 88 + data.transactions.get(l.transaction).map_or(0, |t| t.id.1 as usize);
            }
        }
    }
    let diag = |d: &Diagnostic| 80 + d.path.len() + d.message.len() + d.hint.len();
    n + n / 16 + plan_warnings.iter().chain(&report.warnings).map(diag).sum::<usize>()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{self, CompiledPlan};
    use crate::spec::report::to_dto;
    use spm_base::error::Code;
    use spm_core::payout::{self, Detail};

    const TRICKY: &str = "a\"b\\c\n\u{1}é€";

    /// The first difference, with some context, rather than two texts of megabytes.
    fn assert_same(ours: &str, theirs: &str, what: &str) {
        let at = ours.bytes().zip(theirs.bytes()).take_while(|(a, b)| a == b).count();
        let around = |s: &str| {
            String::from_utf8_lossy(&s.as_bytes()[at.saturating_sub(99)..(at + 99).min(s.len())]).into_owned()
        };
        assert!(
            ours == theirs,
            "{what}: differs at byte {at}:\n ours:   {}\n theirs: {}",
            around(ours),
            around(theirs)
        );
    }

    fn check(plan: &CompiledPlan, data: &Dataset, extra: &[Diagnostic], what: &str) {
        let warnings: Vec<Diagnostic> = plan.warnings.iter().chain(extra).cloned().collect();
        for detail in [Detail::Full, Detail::Summary] {
            let report = payout::calculate(&plan.plan, data, detail).unwrap_or_else(|e| panic!("{what}: {e:?}"));
            let theirs = serde_json::to_string(&to_dto(&plan.plan, data, &report, &warnings)).unwrap();
            assert_same(&report_json(&plan.plan, data, &report, &warnings), &theirs, &format!("{what} {detail:?}"));
            let (guess, len) = (estimate(&plan.plan, data, &report, &warnings), theirs.len());
            assert!(
                (len.min(guess + 4096)..=len * 3 / 2 + 4096).contains(&guess),
                "{what} {detail:?}: {guess} for {len}"
            );
        }
    }

    fn tricky_warning() -> Diagnostic {
        Diagnostic::warning(format!("payees[0].{TRICKY}"), Code::JsonSyntax, TRICKY, "\u{7f}\u{1f}\r\t\u{8}\u{c}/")
    }

    #[test]
    fn report_json_escapes_strings_as_serde_json_does() {
        let mut out = String::new();
        string(&mut out, TRICKY);
        assert_eq!(out, r#""a\"b\\c\n\u0001é€""#);
        assert_eq!(out, serde_json::to_string(TRICKY).unwrap());
        let every: String = (0u32..0x250).chain([0x2028, 0x2029, 0xfeff, 0x1f600]).filter_map(char::from_u32).collect();
        for s in [every.as_str(), "", "plain", "\"", "\\", "é\n", "\u{0}\u{1f}\u{7f}", "end\\"] {
            let mut out = String::new();
            string(&mut out, s);
            assert_eq!(out, serde_json::to_string(s).unwrap(), "{s:?}");
        }
    }

    #[test]
    fn report_json_writes_decimals_as_scaled_and_normalize_do() {
        use spm_core::payout::explain::scaled;
        let mut minus_zero = Decimal::ZERO;
        minus_zero.set_sign_negative(true);
        let huge = Decimal::from_i128_with_scale(i128::from(u64::MAX) + 1, 3);
        let mut values = vec![Decimal::MAX, Decimal::MIN, Decimal::new(1, 28), huge, minus_zero];
        let mut rng = spm_base::rng::Rng(7);
        for scale in 0..=28u32 {
            for m in [0i128, 1, 5, 10, 50, 100, 1200, 123_456_789, 10i128.pow(21), i128::from(u64::MAX)] {
                values.extend([Decimal::from_i128_with_scale(m, scale), Decimal::from_i128_with_scale(-m, scale)]);
            }
            for _ in 0..40 {
                let m = i128::from(rng.next() % 10u64.pow(rng.below(20) as u32)) * [1, 10, 1000][rng.below(3) as usize];
                values.push(Decimal::from_i128_with_scale(if rng.below(2) == 0 { m } else { -m }, scale));
            }
        }
        for v in values {
            for minor in [0, 1, 2, 3, 4, 8, 9, 28] {
                let mut out = String::new();
                decimal(&mut out, v, minor);
                assert_eq!(out, format!("\"{}\"", scaled(v, minor)), "{v:?} with {minor} places");
            }
            let mut out = String::new();
            decimal(&mut out, v, 0);
            assert_eq!(out, format!("\"{}\"", v.normalize()), "{v:?}");
        }
    }

    #[test]
    fn report_json_matches_serde_on_the_sample_company() {
        let sample = spm_sample::generate();
        let mut data = api::load_csv(&sample.transactions_csv, &sample.payees).unwrap();
        for (i, text) in sample.plans.iter().enumerate() {
            let plan = api::compile_plan(text).unwrap();
            check(&plan, &data, &[], &format!("sample plan {i}"));
        }
        // Names and warnings that need escaping.
        if let Some(p) = data.payees.first_mut() {
            p.name = TRICKY.to_string();
            p.id = format!("{TRICKY}-id");
        }
        let plan = api::compile_plan(&sample.plans[0]).unwrap();
        check(&plan, &data, &[tricky_warning()], "sample plan 0, tricky names");
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn report_json_matches_serde_on_every_golden_scenario() {
        let golden = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/golden");
        let mut files: Vec<_> = ["payout", "ledger"]
            .iter()
            .flat_map(|area| std::fs::read_dir(golden.join(area)).unwrap().map(|e| e.unwrap().path()))
            .collect();
        files.retain(|p| p.extension().is_some_and(|e| e == "json"));
        files.sort();
        assert!(files.len() >= 10, "expected the golden payout and ledger files in {golden:?}");
        let mut versioned = 0;
        for f in &files {
            let file: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap();
            let s = &file["input"];
            let plan = api::compile_plan(&s["plan"].to_string()).unwrap();
            let mut data = api::load_json(&s["transactions"].to_string(), &s["payees"].to_string()).unwrap();
            if let Some(r) = s.get("rates") {
                api::set_rates(&mut data, &r.to_string()).unwrap();
            }
            versioned += usize::from(plan.plan.versions.len() > 1);
            check(&plan, &data, &[tricky_warning()], &f.display().to_string());
        }
        assert!(versioned > 0, "no scenario has several plan versions");
    }

    #[test]
    fn report_json_matches_serde_on_generated_cases() {
        for seed in 0..30u64 {
            let case = spm_sample::random::case(seed);
            let plan = api::compile_plan(&case.plan).unwrap_or_else(|e| panic!("seed {seed}: {e:?}"));
            let data =
                api::load_json(&case.transactions, &case.payees).unwrap_or_else(|e| panic!("seed {seed}: {e:?}"));
            check(&plan, &data, &[], &format!("seed {seed}"));
        }
    }

    #[test]
    fn report_json_matches_serde_without_plan_versions_or_statements() {
        let sample = spm_sample::generate();
        let data = api::load_csv(&sample.transactions_csv, &sample.payees).unwrap();
        let plan = api::compile_plan(&sample.plans[0]).unwrap();
        let full = payout::calculate(&plan.plan, &data, Detail::Summary).unwrap();
        let empty = Report { statements: Vec::new(), total: Decimal::ZERO, ..full };
        let warnings = [tricky_warning()];
        let theirs = serde_json::to_string(&to_dto(&plan.plan, &data, &empty, &warnings)).unwrap();
        assert_same(&report_json(&plan.plan, &data, &empty, &warnings), &theirs, "no statements");
        let bare = PlanSet { id: TRICKY.to_string(), name: "x".to_string(), versions: Vec::new() };
        let theirs = serde_json::to_string(&to_dto(&bare, &data, &empty, &warnings)).unwrap();
        assert_same(&report_json(&bare, &data, &empty, &warnings), &theirs, "no versions");
    }

    #[test]
    fn report_json_run_json_equals_run_with_serialised() {
        let case = spm_sample::random::case(3);
        let plan = api::compile_plan(&case.plan).unwrap();
        let data = api::load_json(&case.transactions, &case.payees).unwrap();
        for detail in [Detail::Full, Detail::Summary] {
            let theirs = serde_json::to_string(&api::run_with(&plan, &data, detail).unwrap()).unwrap();
            assert_same(&api::run_json(&plan, &data, detail).unwrap(), &theirs, "run_json");
        }
    }
}
