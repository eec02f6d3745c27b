//! `spm`: the native command line over the same core as the wasm build, for batch runs and plan
//! tests in CI. `spm help` lists the commands.

use spm_base::error::DiagnosticDto;
use spm_base::error::{Diagnostic, Error, Severity};
use spm_core::data::Dataset;
use spm_core::payout::Detail;
use spm_sample as sample;
use spm_wire::api;
use spm_wire::spec;
use std::process::ExitCode;

const USAGE: &str = "spm: Sales Performance Management engine (native CLI)

USAGE:
  spm payout --plan PLAN.json --transactions TXNS.csv|TXNS.json [--payees PAYEES.json]
             [--detail full|summary] [--format pretty|compact]
      Prints the payout report as JSON. Without --payees, every payeeId in the
      transactions becomes a payee with no quota (fine for amount-based tiers).
  spm ledger --plan PLAN.json --transactions TXNS.csv|TXNS.json [--payees PAYEES.json]
             [--events EVENTS.csv|EVENTS.json] [--rates RATES.csv|RATES.json]
             [--adjustments SPIFFS.csv|SPIFFS.json]
             [--through PERIOD] [--format json|payroll|statements|journal]
      Closes each period in order and prints the payout ledger (draws, clawbacks,
      holds, conversions, accounting) as JSON, or one of its CSV exports.
      --adjustments: SPIFF prizes and payee adjustments (payeeId,date,amount,
      currency,reason, as a contest's SPIFF export), paid in their date's period.
  spm validate PLAN.json
      Prints every diagnostic as JSON; exits 1 when there is an error.
  spm diff --old OLD.json --new NEW.json --transactions TXNS.csv|TXNS.json [--payees PAYEES.json]
      Runs both plans over the same data and prints what changes, per payee,
      period and component, as JSON (winners and losers first in the summary).
  spm sample --out DIR
      Writes the built-in sample company (plans, payees.json, transactions.csv,
      events.csv, rates.csv) to DIR.
  spm schema
      Prints the JSON Schema of the plan format (schema/plan.schema.json).
  spm help

Exit codes: 0 success, 1 invalid input (diagnostics on stderr as JSON), 2 usage error.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(Failure::Usage(msg)) => {
            eprintln!("spm: {msg}\n\n{USAGE}");
            ExitCode::from(2)
        }
        Err(Failure::Input(e)) => {
            let diags: Vec<DiagnosticDto> = e.diagnostics.iter().map(DiagnosticDto::from).collect();
            let body =
                serde_json::json!({ "error": { "code": e.code.as_str(), "message": e.message, "diagnostics": diags } });
            eprintln!("{}", serde_json::to_string_pretty(&body).unwrap_or_default());
            ExitCode::from(1)
        }
    }
}

enum Failure {
    Usage(String),
    Input(Error),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Input(e)
    }
}

fn read(path: &str) -> Result<String, Failure> {
    std::fs::read_to_string(path).map_err(|e| Failure::Usage(format!("cannot read {path}: {e}")))
}

fn flag<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).map(String::as_str)
}

/// Rejects any option not in `known` (options come in `--name value` pairs after the command).
fn check_flags(args: &[String], known: &[&str]) -> Result<(), Failure> {
    for pair in args.get(1..).unwrap_or_default().chunks(2) {
        if let Some(f) = pair.first() {
            if !known.contains(&f.as_str()) {
                return Err(Failure::Usage(format!("unknown option {f}")));
            }
        }
    }
    Ok(())
}

/// The dataset named by `--transactions` (CSV, or JSON when it starts with `[`) and `--payees`;
/// without `--payees`, every payeeId in the transactions becomes a quota-less payee.
fn load_dataset(args: &[String]) -> Result<Dataset, Failure> {
    let txn_path = flag(args, "--transactions").ok_or_else(|| Failure::Usage("--transactions is required".into()))?;
    let txns = read(txn_path)?;
    let is_csv = !txns.trim_start().starts_with('[');
    let payees = match flag(args, "--payees") {
        Some(p) => read(p)?,
        None => api::implicit_payees(&txns, is_csv)?,
    };
    Ok(if is_csv { api::load_csv(&txns, &payees)? } else { api::load_json(&txns, &payees)? })
}

/// Writes to standard output; a closed pipe (`spm ... | head`) ends quietly instead of panicking.
fn emit(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.write_all(b"\n"));
}

fn run(args: &[String]) -> Result<ExitCode, Failure> {
    match args.first().map(String::as_str) {
        Some("payout") => {
            check_flags(args, &["--plan", "--transactions", "--payees", "--detail", "--format"])?;
            let plan_path = flag(args, "--plan").ok_or_else(|| Failure::Usage("--plan is required".into()))?;
            let detail = match flag(args, "--detail") {
                None | Some("full") => Detail::Full,
                Some("summary") => Detail::Summary,
                Some(other) => return Err(Failure::Usage(format!("--detail is full or summary, not {other:?}"))),
            };
            let plan = api::compile_plan(&read(plan_path)?)?;
            let data = load_dataset(args)?;
            let text = match flag(args, "--format") {
                None | Some("pretty") => serde_json::to_string_pretty(&api::run_with(&plan, &data, detail)?),
                Some("compact") => Ok(api::run_json(&plan, &data, detail)?),
                Some(other) => return Err(Failure::Usage(format!("--format is pretty or compact, not {other:?}"))),
            };
            emit(&text.unwrap_or_default());
            Ok(ExitCode::SUCCESS)
        }
        Some("ledger") => {
            check_flags(
                args,
                &[
                    "--plan",
                    "--transactions",
                    "--payees",
                    "--events",
                    "--rates",
                    "--adjustments",
                    "--through",
                    "--format",
                ],
            )?;
            let plan_path = flag(args, "--plan").ok_or_else(|| Failure::Usage("--plan is required".into()))?;
            let plan = api::compile_plan(&read(plan_path)?)?;
            let mut data = load_dataset(args)?;
            if let Some(r) = flag(args, "--rates") {
                api::set_rates(&mut data, &read(r)?)?;
            }
            let events = match flag(args, "--events") {
                Some(e) => read(e)?,
                None => String::new(),
            };
            let adjustments = match flag(args, "--adjustments") {
                Some(a) => read(a)?,
                None => String::new(),
            };
            let ledger = api::ledger_with(&plan, &data, &events, flag(args, "--through"), &adjustments)?;
            let text = match flag(args, "--format") {
                None | Some("json") => serde_json::to_string_pretty(&ledger).unwrap_or_default(),
                Some("payroll") => spec::ledger_export::payroll_csv(&ledger),
                Some("statements") => spec::ledger_export::statements_csv(&ledger),
                Some("journal") => spec::ledger_export::journal_csv(&ledger),
                Some(other) => {
                    return Err(Failure::Usage(format!(
                        "--format is json, payroll, statements or journal, not {other:?}"
                    )))
                }
            };
            emit(text.trim_end());
            Ok(ExitCode::SUCCESS)
        }
        Some("diff") => {
            check_flags(args, &["--old", "--new", "--transactions", "--payees"])?;
            let old_path = flag(args, "--old").ok_or_else(|| Failure::Usage("--old is required".into()))?;
            let new_path = flag(args, "--new").ok_or_else(|| Failure::Usage("--new is required".into()))?;
            let old = api::compile_plan(&read(old_path)?)?;
            let new = api::compile_plan(&read(new_path)?)?;
            let data = load_dataset(args)?;
            let diff = api::diff(&old, &new, &data)?;
            emit(&serde_json::to_string_pretty(&diff).unwrap_or_default());
            Ok(ExitCode::SUCCESS)
        }
        Some("validate") => {
            let path = args.get(1).ok_or_else(|| Failure::Usage("validate needs a plan file".into()))?;
            let diags = api::validate_plan(&read(path)?);
            let dtos: Vec<DiagnosticDto> = diags.iter().map(DiagnosticDto::from).collect();
            emit(&serde_json::to_string_pretty(&dtos).unwrap_or_default());
            let errors = diags.iter().filter(|d: &&Diagnostic| d.severity == Severity::Error).count();
            if errors > 0 {
                eprintln!("{errors} error(s) in {path}");
                Ok(ExitCode::from(1))
            } else {
                eprintln!("{path}: valid ({} warning(s))", diags.len());
                Ok(ExitCode::SUCCESS)
            }
        }
        Some("sample") => {
            let dir = flag(args, "--out").ok_or_else(|| Failure::Usage("sample needs --out DIR".into()))?;
            let s = sample::generate();
            std::fs::create_dir_all(dir).map_err(|e| Failure::Usage(format!("cannot create {dir}: {e}")))?;
            let write = |name: &str, body: &str| {
                std::fs::write(format!("{dir}/{name}"), body)
                    .map_err(|e| Failure::Usage(format!("cannot write {dir}/{name}: {e}")))
            };
            for (i, p) in s.plans.iter().enumerate() {
                write(&format!("plan-{}.json", i + 1), p)?;
            }
            write("payees.json", &s.payees)?;
            write("transactions.csv", &s.transactions_csv)?;
            write("events.csv", &s.events_csv)?;
            write("rates.csv", &s.rates_csv)?;
            eprintln!(
                "wrote {} plans, payees.json, transactions.csv, events.csv and rates.csv to {dir}",
                s.plans.len()
            );
            Ok(ExitCode::SUCCESS)
        }
        Some("schema") => {
            if let Some(extra) = args.get(1) {
                return Err(Failure::Usage(format!("schema takes no arguments, found {extra:?}")));
            }
            print!("{}", spec::schema::plan_schema());
            Ok(ExitCode::SUCCESS)
        }
        Some("help" | "--help" | "-h") => {
            emit(USAGE);
            Ok(ExitCode::SUCCESS)
        }
        Some(other) => Err(Failure::Usage(format!("unknown command {other:?}"))),
        None => Err(Failure::Usage("no command given".into())),
    }
}
