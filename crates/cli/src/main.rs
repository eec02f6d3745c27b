//! `spm`: the native command line over the same core as the wasm build, for batch runs and plan
//! tests in CI. `spm help` lists the commands.

use clap::{Args, Parser, Subcommand, ValueEnum};
use spm_base::error::DiagnosticDto;
use spm_base::error::{clip, Diagnostic, Error, Severity};
use spm_base::limits;
use spm_core::data::Dataset;
use spm_core::payout::Detail;
use spm_sample as sample;
use spm_wire::api;
use spm_wire::spec;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// `spm`: Sales Performance Management engine (native CLI). Runs plans over the same crates the
/// browser uses.
#[derive(Parser)]
#[command(
    name = "spm",
    version,
    about = "Sales Performance Management engine (native CLI)",
    after_help = "Exit codes: 0 success, 1 invalid input (diagnostics on stderr as JSON), 2 usage error."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Where the transactions and payees come from.
#[derive(Args)]
struct DataArgs {
    /// Transactions: CSV, or JSON when the file starts with `[`.
    #[arg(long, value_name = "TXNS.csv|TXNS.json")]
    transactions: PathBuf,
    /// Payees (JSON). Without it, every payeeId in the transactions becomes a payee with no quota
    /// (fine for amount-based tiers).
    #[arg(long, value_name = "PAYEES.json")]
    payees: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Prints the payout report as JSON.
    Payout {
        /// The plan (JSON).
        #[arg(long, value_name = "PLAN.json")]
        plan: PathBuf,
        #[command(flatten)]
        data: DataArgs,
        /// Full (every line and sentence) or summary (totals, tiers and steps).
        #[arg(long, value_enum, default_value_t = DetailArg::Full)]
        detail: DetailArg,
        /// Pretty-printed or compact (byte for byte what the browser's payoutJson gives).
        #[arg(long, value_enum, default_value_t = PayoutFormat::Pretty)]
        format: PayoutFormat,
    },
    /// Closes each period in order and prints the payout ledger (draws, clawbacks, holds,
    /// conversions, accounting) as JSON, or one of its CSV exports.
    Ledger {
        /// The plan (JSON).
        #[arg(long, value_name = "PLAN.json")]
        plan: PathBuf,
        #[command(flatten)]
        data: DataArgs,
        /// Payment, cancellation and close events.
        #[arg(long, value_name = "EVENTS.csv|EVENTS.json")]
        events: Option<PathBuf>,
        /// Exchange rates (`from,to,date,rate`).
        #[arg(long, value_name = "RATES.csv|RATES.json")]
        rates: Option<PathBuf>,
        /// SPIFF prizes and payee adjustments (payeeId,date,amount,currency,reason, as a contest's
        /// SPIFF export), paid in their date's period.
        #[arg(long, value_name = "SPIFFS.csv|SPIFFS.json")]
        adjustments: Option<PathBuf>,
        /// Close periods up to and including this one (e.g. 2026-Q2).
        #[arg(long, value_name = "PERIOD")]
        through: Option<String>,
        /// The ledger as JSON, or the payroll, statements or journal CSV.
        #[arg(long, value_enum, default_value_t = LedgerFormat::Json)]
        format: LedgerFormat,
    },
    /// Prints every diagnostic of a plan as JSON; exits 1 when there is an error.
    Validate {
        /// The plan (JSON).
        #[arg(value_name = "PLAN.json")]
        plan: PathBuf,
    },
    /// Runs both plans over the same data and prints what changes, per payee, period and
    /// component, as JSON (winners and losers first in the summary).
    Diff {
        /// The plan compared from.
        #[arg(long, value_name = "OLD.json")]
        old: PathBuf,
        /// The plan compared to.
        #[arg(long, value_name = "NEW.json")]
        new: PathBuf,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Writes the built-in sample company (plans, payees.json, transactions.csv, events.csv,
    /// rates.csv) to a folder.
    Sample {
        /// The folder (created when missing).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Prints the JSON Schema of the plan format (schema/plan.schema.json).
    Schema,
}

#[derive(Clone, Copy, ValueEnum)]
enum DetailArg {
    Full,
    Summary,
}

#[derive(Clone, Copy, ValueEnum)]
enum PayoutFormat {
    Pretty,
    Compact,
}

#[derive(Clone, Copy, ValueEnum)]
enum LedgerFormat {
    Json,
    Payroll,
    Statements,
    Journal,
}

fn main() -> ExitCode {
    // Usage errors (an unknown or missing option, a bad value) print clap's message and exit 2;
    // `--help` and `--version` exit 0.
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(code) => code,
        Err(Failure::Usage(msg)) => {
            eprintln!("spm: {msg}");
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
    /// A file that cannot be read or written.
    Usage(String),
    Input(Error),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Input(e)
    }
}

/// Reads a data file (transactions, payees, events, rates, adjustments), at most
/// `limits::MAX_DOCUMENT_BYTES`.
fn read(path: &Path) -> Result<String, Failure> {
    read_limited(path, limits::MAX_DOCUMENT_BYTES)
}

/// Reads a plan file, at most `limits::MAX_PLAN_BYTES`.
fn read_plan(path: &Path) -> Result<String, Failure> {
    read_limited(path, limits::MAX_PLAN_BYTES)
}

/// Reads a file through a reader that stops one byte past `limit`, so `/dev/zero`, a named pipe
/// or a file growing while it is read is refused with `LIMIT_EXCEEDED` naming the file instead
/// of filling the memory; the document readers check the same limits on the text.
fn read_limited(path: &Path, limit: usize) -> Result<String, Failure> {
    use std::io::Read;
    let cannot = |e: std::io::Error| Failure::Usage(format!("cannot read {}: {e}", path.display()));
    let file = std::fs::File::open(path).map_err(cannot)?;
    let mut bytes = Vec::new();
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    file.take(cap).read_to_end(&mut bytes).map_err(cannot)?;
    if bytes.len() > limit {
        let name = path.display().to_string();
        return Err(Failure::Input(spm_base::Error::from_diagnostics(vec![limits::diagnostic(
            clip(&name),
            &format!("{} is too large (bytes)", clip(&name)),
            bytes.len(),
            limit,
            "give a smaller file: split the data, for example by year, and run each part",
        )])));
    }
    String::from_utf8(bytes).map_err(|e| {
        Failure::Usage(format!(
            "cannot read {}: not UTF-8 text (byte {})",
            path.display(),
            e.utf8_error().valid_up_to()
        ))
    })
}

fn read_opt(path: Option<&PathBuf>) -> Result<String, Failure> {
    path.map_or(Ok(String::new()), |p| read(p))
}

/// The dataset of `--transactions` (CSV, or JSON when it starts with `[`) and `--payees`; without
/// `--payees`, every payeeId in the transactions becomes a quota-less payee.
fn load_dataset(args: &DataArgs) -> Result<Dataset, Failure> {
    let txns = read(&args.transactions)?;
    let is_csv = !spm_base::json::content(&txns).starts_with('[');
    let payees = match &args.payees {
        Some(p) => read(p)?,
        None => api::implicit_payees(&txns, is_csv)?,
    };
    Ok(if is_csv { api::load_csv(&txns, &payees)? } else { api::load_json(&txns, &payees)? })
}

/// Prints warnings on standard error, one a line (`warning[CODE] at PATH: message (hint: …)`),
/// so that a run that succeeds with something to look at does not pass unnoticed.
fn warn<'a>(warnings: impl Iterator<Item = &'a Diagnostic>) {
    for w in warnings {
        eprintln!("spm: {w}");
    }
}

/// Writes to standard output; a closed pipe (`spm ... | head`) ends quietly instead of panicking.
fn emit(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.write_all(b"\n"));
}

fn run(command: Command) -> Result<ExitCode, Failure> {
    match command {
        Command::Payout { plan, data, detail, format } => {
            let plan = api::compile_plan(&read_plan(&plan)?)?;
            let data = load_dataset(&data)?;
            let detail = match detail {
                DetailArg::Full => Detail::Full,
                DetailArg::Summary => Detail::Summary,
            };
            let report = api::run_with(&plan, &data, detail)?;
            // Warnings are in the report's `warnings` too; stderr makes sure a person sees them.
            warn(report.warnings());
            let text = match format {
                PayoutFormat::Pretty => serde_json::to_string_pretty(&report).unwrap_or_default(),
                PayoutFormat::Compact => report.to_json()?,
            };
            emit(&text);
        }
        Command::Ledger { plan, data, events, rates, adjustments, through, format } => {
            let plan = api::compile_plan(&read_plan(&plan)?)?;
            let mut data = load_dataset(&data)?;
            if let Some(r) = &rates {
                api::set_rates(&mut data, &read(r)?)?;
            }
            let events = read_opt(events.as_ref())?;
            let adjustments = read_opt(adjustments.as_ref())?;
            let ledger = api::ledger_with(&plan, &data, &events, through.as_deref(), &adjustments)?;
            warn(api::warnings(&plan, &data).iter());
            let text = match format {
                LedgerFormat::Json => serde_json::to_string_pretty(&ledger).unwrap_or_default(),
                LedgerFormat::Payroll => spec::ledger_export::payroll_csv(&ledger),
                LedgerFormat::Statements => spec::ledger_export::statements_csv(&ledger),
                LedgerFormat::Journal => spec::ledger_export::journal_csv(&ledger),
            };
            emit(text.trim_end());
        }
        Command::Diff { old, new, data } => {
            let old = api::compile_plan(&read_plan(&old)?)?;
            let new = api::compile_plan(&read_plan(&new)?)?;
            let data = load_dataset(&data)?;
            let diff = api::diff(&old, &new, &data)?;
            let mut warnings = api::warnings(&old, &data);
            for w in api::warnings(&new, &data) {
                if !warnings.contains(&w) {
                    warnings.push(w);
                }
            }
            warn(warnings.iter());
            emit(&serde_json::to_string_pretty(&diff).unwrap_or_default());
        }
        Command::Validate { plan: path } => {
            // A file over the plan limit is reported like any other plan problem.
            let diags = match read_plan(&path) {
                Ok(text) => api::validate_plan(&text),
                Err(Failure::Input(e)) => e.diagnostics,
                Err(f) => return Err(f),
            };
            let dtos: Vec<DiagnosticDto> = diags.iter().map(DiagnosticDto::from).collect();
            emit(&serde_json::to_string_pretty(&dtos).unwrap_or_default());
            let errors = diags.iter().filter(|d: &&Diagnostic| d.severity == Severity::Error).count();
            if errors > 0 {
                eprintln!("{errors} error(s) in {}", path.display());
                return Ok(ExitCode::from(1));
            }
            eprintln!("{}: valid ({} warning(s))", path.display(), diags.len());
        }
        Command::Sample { out } => {
            let s = sample::generate();
            std::fs::create_dir_all(&out)
                .map_err(|e| Failure::Usage(format!("cannot create {}: {e}", out.display())))?;
            let write = |name: &str, body: &str| {
                let path = out.join(name);
                std::fs::write(&path, body).map_err(|e| Failure::Usage(format!("cannot write {}: {e}", path.display())))
            };
            for (i, p) in s.plans.iter().enumerate() {
                write(&format!("plan-{}.json", i + 1), p)?;
            }
            write("payees.json", &s.payees)?;
            write("transactions.csv", &s.transactions_csv)?;
            write("events.csv", &s.events_csv)?;
            write("rates.csv", &s.rates_csv)?;
            eprintln!(
                "wrote {} plans, payees.json, transactions.csv, events.csv and rates.csv to {}",
                s.plans.len(),
                out.display()
            );
        }
        Command::Schema => print!("{}", spec::schema::plan_schema()),
    }
    Ok(ExitCode::SUCCESS)
}
