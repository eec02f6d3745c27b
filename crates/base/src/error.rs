//! Errors and diagnostics: one `Error` type with stable codes, and located `Diagnostic`s.
//!
//! Codes are part of the public contract (they reach JS as `error.code`); never rename one,
//! only add. ARCHITECTURE.md lists them all.

use std::borrow::Cow;
use std::fmt;

/// A stable, machine-readable error code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Code {
    /// The input is not well-formed JSON.
    JsonSyntax,
    /// A field the schema does not know.
    UnknownField,
    /// A required field is absent.
    MissingField,
    /// A value has the wrong JSON type (for example a string where an array is expected).
    WrongType,
    /// A JS/JSON number was given where a decimal string is expected.
    DecimalNotString,
    /// A string that is not a decimal number.
    DecimalInvalid,
    /// A date that is not a real `YYYY-MM-DD` calendar date.
    DateInvalid,
    /// The plan's `schemaVersion` is not one this engine reads.
    SchemaVersion,
    /// An identifier is empty or used twice.
    IdInvalid,
    /// An unknown ISO 4217 currency code.
    CurrencyUnknown,
    /// Rate tiers leave a gap between one tier's `to` and the next tier's `from`.
    TierGap,
    /// Rate tiers overlap.
    TierOverlap,
    /// A tier whose `to` is not above its `from`, or an open tier that is not last.
    TierBounds,
    /// A rate table without tiers, or whose first tier does not start at zero.
    TierStart,
    /// A negative rate.
    RateNegative,
    /// A value that must not be negative is negative.
    NegativeValue,
    /// A field that only applies to another tier mode.
    TierModeField,
    /// Attainment tiers need a quota and none is given.
    QuotaMissing,
    /// A quota of zero or below.
    QuotaInvalid,
    /// A reference to a payee, component or manager that does not exist.
    UnknownReference,
    /// A CSV file that cannot be read (bad quoting, wrong number of fields, missing column).
    CsvInvalid,
    /// Arithmetic left the range of a 96-bit decimal.
    Overflow,
    /// Two amounts in different currencies were combined.
    CurrencyMismatch,
    /// Allocation weights that cannot be used (none, negative, or summing to zero).
    AllocationInvalid,
    /// An input exceeds a declared limit.
    LimitExceeded,
    /// Revenue splits of a transaction that do not sum to exactly 1.
    SplitSum,
    /// A manager chain that loops back to a payee.
    HierarchyCycle,
    /// Weights (of quotas, measures or MBO goals) that do not sum to exactly 1.
    WeightSum,
    /// A formula that cannot be parsed; the message names the column.
    FormulaSyntax,
    /// A formula that fails when evaluated (type error, division by zero, limit).
    FormulaEval,
    /// Plan versions whose effective dates overlap or are out of order.
    VersionOverlap,
    /// An MBO score that is not one of the goal's payout points.
    MboScore,
    /// A fiscal calendar pattern that is not 4-4-5, 4-5-4 or 5-4-4.
    CalendarInvalid,
    /// No exchange rate for a currency pair on or before a date.
    RateMissing,
    /// A value outside its allowed range (a share above 1, a probability above 1).
    OutOfRange,
    /// Territory capacities that cannot hold the accounts (locked ones, or all of them), or a
    /// move into a full territory.
    CapacityExceeded,
    /// A move of an account that is locked to its territory.
    AccountLocked,
    /// A decimal with more digits than the engine holds exactly (more than 28 after the point,
    /// or more significant digits than 96 bits), which would otherwise be rounded silently.
    DecimalPrecision,
    /// A dated range whose end comes before its start (a manager span, a leave, employment from
    /// hire to termination, a SPIFF window, a draw's periods).
    RangeReversed,
    /// Two manager spans of one payee that share a day (the roll-up could only go to one).
    SpanOverlap,
    /// A transaction dated where no plan version is in effect (a warning: it earns nothing).
    OutsideVersions,
    /// A field the engine would ignore where it stands (a plan body field beside `versions`).
    FieldIgnored,
    /// A JS argument of the wrong kind (a number where text is expected, a freed engine object,
    /// a value JSON cannot hold): the message names the argument and what was expected.
    InvalidArgument,
    /// A data row an import left out on purpose (the mapping's row filter, an empty row, a report
    /// footer): only in the `lines` of an import report, never an error.
    RowSkipped,
    /// A bug in the engine: please report it.
    Internal,
}

impl Code {
    /// The stable string form, as JS sees it in `error.code`.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::JsonSyntax => "JSON_SYNTAX",
            Code::UnknownField => "UNKNOWN_FIELD",
            Code::MissingField => "MISSING_FIELD",
            Code::WrongType => "WRONG_TYPE",
            Code::DecimalNotString => "DECIMAL_NOT_STRING",
            Code::DecimalInvalid => "DECIMAL_INVALID",
            Code::DateInvalid => "DATE_INVALID",
            Code::SchemaVersion => "SCHEMA_VERSION",
            Code::IdInvalid => "ID_INVALID",
            Code::CurrencyUnknown => "CURRENCY_UNKNOWN",
            Code::TierGap => "TIER_GAP",
            Code::TierOverlap => "TIER_OVERLAP",
            Code::TierBounds => "TIER_BOUNDS",
            Code::TierStart => "TIER_START",
            Code::RateNegative => "RATE_NEGATIVE",
            Code::NegativeValue => "NEGATIVE_VALUE",
            Code::TierModeField => "TIER_MODE_FIELD",
            Code::QuotaMissing => "QUOTA_MISSING",
            Code::QuotaInvalid => "QUOTA_INVALID",
            Code::UnknownReference => "UNKNOWN_REFERENCE",
            Code::CsvInvalid => "CSV_INVALID",
            Code::Overflow => "OVERFLOW",
            Code::CurrencyMismatch => "CURRENCY_MISMATCH",
            Code::AllocationInvalid => "ALLOCATION_INVALID",
            Code::LimitExceeded => "LIMIT_EXCEEDED",
            Code::SplitSum => "SPLIT_SUM",
            Code::HierarchyCycle => "HIERARCHY_CYCLE",
            Code::WeightSum => "WEIGHT_SUM",
            Code::FormulaSyntax => "FORMULA_SYNTAX",
            Code::FormulaEval => "FORMULA_EVAL",
            Code::VersionOverlap => "VERSION_OVERLAP",
            Code::MboScore => "MBO_SCORE",
            Code::CalendarInvalid => "CALENDAR_INVALID",
            Code::RateMissing => "RATE_MISSING",
            Code::OutOfRange => "OUT_OF_RANGE",
            Code::CapacityExceeded => "CAPACITY_EXCEEDED",
            Code::AccountLocked => "ACCOUNT_LOCKED",
            Code::DecimalPrecision => "DECIMAL_PRECISION",
            Code::RangeReversed => "RANGE_REVERSED",
            Code::SpanOverlap => "SPAN_OVERLAP",
            Code::OutsideVersions => "OUTSIDE_VERSIONS",
            Code::FieldIgnored => "FIELD_IGNORED",
            Code::InvalidArgument => "INVALID_ARGUMENT",
            Code::RowSkipped => "ROW_SKIPPED",
            Code::Internal => "INTERNAL",
        }
    }

    /// Every code, for documentation and tests.
    pub const ALL: [Code; 45] = [
        Code::JsonSyntax,
        Code::UnknownField,
        Code::MissingField,
        Code::WrongType,
        Code::DecimalNotString,
        Code::DecimalInvalid,
        Code::DateInvalid,
        Code::SchemaVersion,
        Code::IdInvalid,
        Code::CurrencyUnknown,
        Code::TierGap,
        Code::TierOverlap,
        Code::TierBounds,
        Code::TierStart,
        Code::RateNegative,
        Code::NegativeValue,
        Code::TierModeField,
        Code::QuotaMissing,
        Code::QuotaInvalid,
        Code::UnknownReference,
        Code::CsvInvalid,
        Code::Overflow,
        Code::CurrencyMismatch,
        Code::AllocationInvalid,
        Code::LimitExceeded,
        Code::SplitSum,
        Code::HierarchyCycle,
        Code::WeightSum,
        Code::FormulaSyntax,
        Code::FormulaEval,
        Code::VersionOverlap,
        Code::MboScore,
        Code::CalendarInvalid,
        Code::RateMissing,
        Code::OutOfRange,
        Code::CapacityExceeded,
        Code::AccountLocked,
        Code::DecimalPrecision,
        Code::RangeReversed,
        Code::SpanOverlap,
        Code::OutsideVersions,
        Code::FieldIgnored,
        Code::InvalidArgument,
        Code::RowSkipped,
        Code::Internal,
    ];
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How bad a diagnostic is: errors stop compilation, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The input cannot be used.
    Error,
    /// The input is usable but probably not what was meant.
    Warning,
}

/// One problem with an input, located by a JSON path (`components[1].rateTable.tiers[2].to`)
/// or a CSV position (`line 4, column date`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Where the problem is.
    pub path: String,
    /// Stable code.
    pub code: Code,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, in a sentence.
    pub message: String,
    /// How to fix it, in a sentence.
    pub hint: String,
}

/// User-given text (an id, a column or field name, a value) as a diagnostic quotes it: at most
/// [`MAX_QUOTED_CHARS`](crate::limits::MAX_QUOTED_CHARS) characters, the rest replaced by "…",
/// so a 64 MB column name does not become a 64 MB path or message. Reads at most that many
/// characters of the text, whatever its length.
///
/// ```
/// let long = "x".repeat(1000);
/// assert_eq!(spm_base::error::clip(&long).chars().count(), 121);
/// assert_eq!(spm_base::error::clip("amount"), "amount");
/// ```
pub fn clip(text: &str) -> Cow<'_, str> {
    clip_to(text, crate::limits::MAX_QUOTED_CHARS)
}

/// `text` cut to at most `max` characters followed by "…" when it is longer.
pub fn clip_to(text: &str, max: usize) -> Cow<'_, str> {
    if text.len() <= max {
        return Cow::Borrowed(text);
    }
    match text.char_indices().nth(max) {
        Some((end, _)) => Cow::Owned(format!("{}…", text.get(..end).unwrap_or_default())),
        None => Cow::Borrowed(text),
    }
}

/// A diagnostic's text bounded by [`MAX_DIAGNOSTIC_CHARS`](crate::limits::MAX_DIAGNOSTIC_CHARS).
fn bounded(text: String) -> String {
    match clip_to(&text, crate::limits::MAX_DIAGNOSTIC_CHARS) {
        Cow::Borrowed(_) => text,
        Cow::Owned(short) => short,
    }
}

impl Diagnostic {
    /// An error-level diagnostic. The path, message and hint are each cut to
    /// [`MAX_DIAGNOSTIC_CHARS`](crate::limits::MAX_DIAGNOSTIC_CHARS); quote user text with
    /// [`clip`] to keep it shorter still.
    pub fn error(path: impl Into<String>, code: Code, message: impl Into<String>, hint: impl Into<String>) -> Self {
        Diagnostic {
            path: bounded(path.into()),
            code,
            severity: Severity::Error,
            message: bounded(message.into()),
            hint: bounded(hint.into()),
        }
    }

    /// A warning-level diagnostic.
    pub fn warning(path: impl Into<String>, code: Code, message: impl Into<String>, hint: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(path, code, message, hint) }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{level}[{}] at {}: {}", self.code, self.path, self.message)?;
        if !self.hint.is_empty() {
            write!(f, " (hint: {})", self.hint)?;
        }
        Ok(())
    }
}

/// The engine's one error type: a headline code and message plus every located problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// The code of the first (or only) problem.
    pub code: Code,
    /// A one-line summary.
    pub message: String,
    /// Every problem found, in input order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Error {
    /// An error with no location, such as an arithmetic overflow.
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Error { code, message: bounded(message.into()), diagnostics: Vec::new() }
    }

    /// An error made of one located diagnostic.
    pub fn at(path: impl Into<String>, code: Code, message: impl Into<String>, hint: impl Into<String>) -> Self {
        Error::from_diagnostics(vec![Diagnostic::error(path, code, message, hint)])
    }

    /// This error, located at `path` when it has no location yet (an `OVERFLOW` from checked
    /// arithmetic knows nothing of the input; the caller that does names it). An error that
    /// already has diagnostics is returned as it is: the innermost location wins.
    #[must_use]
    pub fn or_at(self, path: impl FnOnce() -> String) -> Self {
        if !self.diagnostics.is_empty() {
            return self;
        }
        let hint = match self.code {
            Code::Overflow => "amounts this large leave the range of exact decimals: check the input's amounts, rates and quotas for a value far above any real one",
            _ => "",
        };
        Error::at(path(), self.code, self.message, hint)
    }

    /// Builds an error from a list of diagnostics; the headline is the first error among them.
    /// Returns an `Internal` error if the list holds no error, which callers avoid.
    pub fn from_diagnostics(diagnostics: Vec<Diagnostic>) -> Self {
        let errors = diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
        match diagnostics.iter().find(|d| d.severity == Severity::Error) {
            Some(first) => {
                let more = if errors > 1 { format!(" (and {} more)", errors - 1) } else { String::new() };
                Error { code: first.code, message: format!("{}: {}{}", first.path, first.message, more), diagnostics }
            }
            None => {
                Error { code: Code::Internal, message: "an error was raised without a diagnostic".into(), diagnostics }
            }
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for Error {}

/// The engine's result type.
pub type Result<T> = std::result::Result<T, Error>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_screaming_snake() {
        let mut seen = std::collections::BTreeSet::new();
        for c in Code::ALL {
            assert!(seen.insert(c.as_str()), "duplicate code {c}");
            assert!(c.as_str().chars().all(|ch| ch.is_ascii_uppercase() || ch == '_'));
        }
    }

    #[test]
    fn headline_counts_the_rest() {
        let e = Error::from_diagnostics(vec![
            Diagnostic::error("a", Code::TierGap, "gap", ""),
            Diagnostic::warning("b", Code::TierGap, "w", ""),
            Diagnostic::error("c", Code::RateNegative, "neg", ""),
        ]);
        assert_eq!(e.code, Code::TierGap);
        assert_eq!(e.message, "a: gap (and 1 more)");
    }

    #[test]
    fn user_text_is_clipped_and_every_diagnostic_bounded() {
        let name = "é".repeat(200);
        let c = clip(&name);
        assert_eq!(c.chars().count(), crate::limits::MAX_QUOTED_CHARS + 1);
        assert!(c.ends_with('…'));
        assert_eq!(clip("short"), "short");
        let huge = "x".repeat(10_000_000);
        let d = Diagnostic::error(format!("line 1, column {huge}"), Code::UnknownField, huge.clone(), huge.clone());
        for text in [&d.path, &d.message, &d.hint] {
            assert!(text.chars().count() <= crate::limits::MAX_DIAGNOSTIC_CHARS + 1, "{}", text.len());
        }
        assert!(Error::new(Code::Internal, huge).message.len() < 10_000);
    }
}

/// A diagnostic on the wire.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct DiagnosticDto {
    /// JSON path or CSV position.
    pub path: String,
    /// Stable code.
    #[schemars(with = "Code")]
    pub code: String,
    /// "error" or "warning".
    #[schemars(extend("enum" = ["error", "warning"]))]
    pub severity: String,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: String,
}

impl From<&Diagnostic> for DiagnosticDto {
    fn from(d: &Diagnostic) -> Self {
        DiagnosticDto {
            path: d.path.clone(),
            code: d.code.as_str().to_string(),
            severity: match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            }
            .to_string(),
            message: d.message.clone(),
            hint: d.hint.clone(),
        }
    }
}
